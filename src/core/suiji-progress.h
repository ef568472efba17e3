/* suiji-progress.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "suiji-database.h"
#include "suiji-deadlines.h"
#include "suiji-profile.h"
#include "suiji-statistics.h"

G_BEGIN_DECLS

/* The three yearly targets of the plan, in the order the charts show them. */
typedef enum
{
  SUIJI_TARGET_JOINT_COUNT,    /* 部门联合 次数 / 总计 次数 */
  SUIJI_TARGET_JOINT_SUBJECTS, /* 部门联合 抽查总户数 / 总计 抽查总户数 */
  SUIJI_TARGET_CREDIT_COUNT,   /* 利用信用风险分级分类 次数 / 总计 次数 */
  SUIJI_N_TARGETS,
} SuijiTarget;

typedef enum
{
  SUIJI_TARGET_NO_DATA, /* nothing counted yet: no ratio */
  SUIJI_TARGET_MET,
  SUIJI_TARGET_AT_RISK, /* below the target while the year still runs */
  SUIJI_TARGET_MISSED,  /* below the target at the end of the year */
} SuijiTargetState;

/* A share: @part of @whole (tasks or drawn subjects). */
typedef struct
{
  gint64 part;
  gint64 whole;
} SuijiRatio;

typedef struct
{
  SuijiTarget      target;
  int              target_bp;
  SuijiRatio       ratio;
  int              value_bp; /* rounded down; -1 without data */
  SuijiTargetState state;
  /* How many more joint (or credit-based) tasks, or subjects in joint
   * tasks, would reach the target if nothing else were added: 0 when met,
   * -1 when no number of them can (a target of 100 %). */
  gint64 needed;
} SuijiTargetProgress;

/* One department's year so far, from its 附件2. */
typedef struct
{
  gint64 department_id;
  char  *name;
  char  *short_name;
  gint64 tasks;        /* row 1 次数 */
  gint64 joint_tasks;  /* row 3 次数 */
  gint64 credit_tasks; /* row 5 次数 */
  gint64 drawn;        /* row 1 抽查总户数 */
  gint64 joint_drawn;  /* row 3 抽查总户数 */
  int    joint_bp;     /* joint_tasks / tasks, rounded down; -1 without tasks */
  int    credit_bp;    /* credit_tasks / tasks, rounded down; -1 without tasks */
} SuijiDepartmentProgress;

/* The figures behind the progress charts for one unit (附件1 for the
 * region, or one department's 附件2) from 1 January to a cut-off date. */
typedef struct
{
  int      year;
  char     until[11];
  gint64   department_id; /* 0 for the region */
  char    *unit_name;
  gboolean unit_is_department; /* department_id names a department there is */
  guint    n_months;  /* the months begun by the cut-off: 1 to 12; the others are to come */
  gboolean year_over; /* the cut-off is the last day of the year */
  SuijiYearlyTargets  targets;
  SuijiFigures        figures; /* the unit's form at the cut-off */
  SuijiTargetProgress progress[SUIJI_N_TARGETS];
  /* Cumulative from 1 January to the end of each month (the last one to
   * the cut-off); months from n_months on are zero. */
  SuijiRatio months[12][SUIJI_N_TARGETS];
  GPtrArray *departments; /* SuijiDepartmentProgress, best joint share first */
} SuijiProgress;

/* A task behind a figure, as a list shows it. */
typedef struct
{
  gint64 task_id;
  char  *name;
  char  *departments; /* short names joined with 、, the lead first */
  char  *drawn_on;    /* YYYY-MM-DD of the first draw, "" when not drawn */
  guint  n_drawn;     /* subjects of the first draw */
  /* For overdue tasks (suiji_progress_list_overdue), else 0 and "". */
  guint overdue;
  char  publication_due[11];
} SuijiProgressTask;

/* Where a report deadline stands. */
typedef struct
{
  SuijiDeadlineKind kind;
  GDate             before;    /* due before this day */
  int               days_left; /* whole days still to go; 0: today is the last day; < 0: late */
  int               year;      /* for the monthly report: the month its 附件2 are for */
  int               month;
  guint             n_departments;
  GPtrArray *missing; /* monthly: names of the departments that have not saved their 附件2 */
} SuijiDeadlineStatus;

/* A deadline this close, or passed, is worth a notification. */
#define SUIJI_DEADLINE_ALERT_DAYS 3

SuijiProgress *suiji_progress_compute (
    SuijiDatabase *db, int year, const char *until, gint64 department_id, GError **error);
void    suiji_progress_free (SuijiProgress *progress);
char   *suiji_progress_dup_default_until (int year, const GDate *today);
GArray *suiji_progress_list_years (SuijiDatabase *db, const GDate *today, GError **error);

const char       *suiji_target_get_title (SuijiTarget target);
const char       *suiji_target_get_short_title (SuijiTarget target);
const char       *suiji_target_state_get_label (SuijiTargetState state);
char             *suiji_target_progress_dup_gap_text (const SuijiTargetProgress *progress);
char             *suiji_target_progress_dup_ratio_text (const SuijiTargetProgress *progress);
char             *suiji_progress_format_bp (int bp);
char             *suiji_progress_format_share (int bp, int target_bp);
guint             suiji_target_get_row (SuijiTarget target);
SuijiFigureColumn suiji_target_get_column (SuijiTarget target);

SuijiStatisticsExplanation *suiji_progress_explain (SuijiDatabase       *db,
                                                    const SuijiProgress *progress,
                                                    SuijiTarget          target,
                                                    guint                month,
                                                    gint64               department_id,
                                                    GError             **error);
GPtrArray *suiji_progress_list_tasks (SuijiDatabase *db, GArray *task_ids, GError **error);
GPtrArray      *
suiji_progress_list_overdue (SuijiDatabase *db, int year, const GDate *today, GError **error);
void suiji_progress_task_free (SuijiProgressTask *task);

gboolean    suiji_deadline_status_load (SuijiDatabase       *db,
                                        SuijiDeadlineKind    kind,
                                        const GDate         *today,
                                        SuijiDeadlineStatus *status,
                                        GError             **error);
void        suiji_deadline_status_clear (SuijiDeadlineStatus *status);
const char *suiji_deadline_kind_get_title (SuijiDeadlineKind kind);
char       *suiji_deadline_status_dup_text (const SuijiDeadlineStatus *status);
char       *suiji_deadline_status_dup_missing_text (const SuijiDeadlineStatus *status);
char       *suiji_deadline_status_dup_alert (const SuijiDeadlineStatus *status);
char       *suiji_progress_format_date (const GDate *date);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiProgress, suiji_progress_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiProgressTask, suiji_progress_task_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SuijiDeadlineStatus, suiji_deadline_status_clear)

G_END_DECLS
