/* suiji-statistics.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "suiji-database.h"

G_BEGIN_DECLS

/* Which form: 附件1, the region as a whole, or 附件2, one department. */
typedef enum
{
  SUIJI_STATISTICS_REGION,
  SUIJI_STATISTICS_DEPARTMENT,
} SuijiStatisticsForm;

#define SUIJI_STATISTICS_MAX_ROWS        11
#define SUIJI_STATISTICS_REGION_ROWS     11
#define SUIJI_STATISTICS_DEPARTMENT_ROWS 8

/* The value columns of both forms, under 截至目前数据. */
typedef enum
{
  SUIJI_FIGURE_COUNT,     /* 次数: tasks */
  SUIJI_FIGURE_DRAWN,     /* 抽查总户数: subjects drawn */
  SUIJI_FIGURE_COMPLETED, /* 完成检查户数 */
  SUIJI_FIGURE_PROBLEMS,  /* 发现问题户数 */
  SUIJI_FIGURE_N_COLUMNS,
} SuijiFigureColumn;

/* The figures of one form: row r of the tables in annex-forms.md is
 * values[r - 1]; rows from n_rows on are zero. */
typedef struct
{
  guint  n_rows;
  gint64 values[SUIJI_STATISTICS_MAX_ROWS][SUIJI_FIGURE_N_COLUMNS];
} SuijiFigures;

/* A row of a form as printed; the texts are data, never translated. */
typedef struct
{
  guint       number;   /* from 1 */
  const char *platform; /* 河北双随机执法监管平台 or 其他平台 */
  const char *item;     /* 统计项目 */
  const char *sub_item; /* 总计, 部门内部, 部门联合, or NULL where the item spans both columns */
} SuijiStatisticsRow;

/* A drawn subject behind a figure. */
typedef struct
{
  gint64 task_id;
  gint64 draw_id;
  guint  position;
  gint64 subject_id; /* 0 when the subject has left the directory */
  char  *key;
  char  *name;
} SuijiStatisticsSubject;

/* What makes one figure: the tasks behind 次数, or, for the household
 * columns, the drawn subjects behind it (and the tasks they belong to). */
typedef struct
{
  GArray *task_ids; /* gint64, ascending */
  GArray *subjects; /* SuijiStatisticsSubject in task and draw order; empty for 次数 */
} SuijiStatisticsExplanation;

/* Which of the counted tasks a form takes. */
typedef enum
{
  SUIJI_STATISTICS_ALL_TASKS,
  SUIJI_STATISTICS_INTERNAL_TASKS, /* 部门内部: one department */
  SUIJI_STATISTICS_JOINT_TASKS,    /* 部门联合: two or more */
} SuijiStatisticsTasks;

typedef struct _SuijiStatisticsSnapshot SuijiStatisticsSnapshot;

#define SUIJI_STATISTICS_ERROR (suiji_statistics_error_quark ())

typedef enum
{
  SUIJI_STATISTICS_ERROR_INVALID,   /* a bad year, date, row or column */
  SUIJI_STATISTICS_ERROR_NOT_FOUND, /* no such department */
} SuijiStatisticsError;

GQuark                    suiji_statistics_error_quark (void);
const SuijiStatisticsRow *suiji_statistics_get_rows (SuijiStatisticsForm form, guint *n_rows);
const char               *suiji_statistics_get_title (SuijiStatisticsForm form);
const char               *suiji_statistics_get_column_title (SuijiFigureColumn column);

gboolean suiji_statistics_compute (SuijiDatabase      *db,
                                   SuijiStatisticsForm form,
                                   int                 year,
                                   const char         *until,
                                   gint64              department_id,
                                   SuijiFigures       *figures,
                                   GError            **error);

SuijiStatisticsSnapshot      *
suiji_statistics_snapshot_new (SuijiDatabase *db, int year, const char *until, GError **error);
void suiji_statistics_snapshot_free (SuijiStatisticsSnapshot *snapshot);
void suiji_statistics_snapshot_figures (SuijiStatisticsSnapshot *snapshot,
                                        SuijiStatisticsForm      form,
                                        gint64                   department_id,
                                        SuijiFigures            *figures);
void suiji_statistics_snapshot_figures_of (SuijiStatisticsSnapshot *snapshot,
                                           SuijiStatisticsForm      form,
                                           gint64                   department_id,
                                           SuijiStatisticsTasks     tasks,
                                           SuijiFigures            *figures);

SuijiStatisticsExplanation *suiji_statistics_explain (SuijiDatabase      *db,
                                                      SuijiStatisticsForm form,
                                                      int                 year,
                                                      const char         *until,
                                                      gint64              department_id,
                                                      guint               row,
                                                      SuijiFigureColumn   column,
                                                      GError            **error);
void suiji_statistics_explanation_free (SuijiStatisticsExplanation *explanation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiStatisticsSnapshot, suiji_statistics_snapshot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiStatisticsExplanation, suiji_statistics_explanation_free)

G_END_DECLS
