/* suiji-form-report.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "suiji-database.h"
#include "suiji-form-layout.h"

G_BEGIN_DECLS

/* Where a cell's figure came from. */
typedef enum
{
  SUIJI_FORM_CELL_EMPTY,    /* nothing entered yet */
  SUIJI_FORM_CELL_TYPED,    /* entered by hand, pasted or imported */
  SUIJI_FORM_CELL_FILLED,   /* filled from the statistics of the records */
  SUIJI_FORM_CELL_COMPUTED, /* a 总计: 部门内部 + 部门联合 */
} SuijiFormCellSource;

typedef enum
{
  SUIJI_FORM_STATUS_DRAFT,
  SUIJI_FORM_STATUS_SUBMITTED,
} SuijiFormStatus;

typedef enum
{
  SUIJI_FORM_PROBLEM_HARD, /* the form is wrong; it cannot be submitted */
  SUIJI_FORM_PROBLEM_SOFT, /* worth a second look; allowed */
} SuijiFormSeverity;

/* One broken rule, on the cell a clerk has to look at. */
typedef struct
{
  guint             row;    /* 1-based, as in the plan's table */
  guint             column; /* SuijiFormColumn */
  SuijiFormSeverity severity;
  const char       *rule; /* "order", "part", "month", "next-month", "times-drawn" */
  char             *message;
} SuijiFormProblem;

/* A department's 附件2 for a month, as the region sees it. */
typedef struct
{
  gint64          department_id;
  char           *department_name;
  gboolean        reported; /* a saved report exists, draft or submitted */
  SuijiFormStatus status;
  char           *saved_at; /* ISO 8601 local time, NULL when not reported */
} SuijiFormSubmission;

/* One saved version of a report. */
typedef struct
{
  guint           revision;
  SuijiFormStatus status;
  char           *saved_at;
} SuijiFormRevision;

typedef struct _SuijiFormSnapshot SuijiFormSnapshot;

#define SUIJI_FORM_ERROR (suiji_form_error_quark ())

typedef enum
{
  SUIJI_FORM_ERROR_INVALID,   /* hard rules broken where they must hold */
  SUIJI_FORM_ERROR_CONFLICT,  /* saved meanwhile by someone else */
  SUIJI_FORM_ERROR_NOT_FOUND, /* no such unit or revision */
  SUIJI_FORM_ERROR_BAD_VALUE, /* text that is no whole number */
  SUIJI_FORM_ERROR_LAYOUT,    /* a file that does not hold the form */
} SuijiFormError;

#define SUIJI_TYPE_FORM_REPORT (suiji_form_report_get_type ())

G_DECLARE_FINAL_TYPE (SuijiFormReport, suiji_form_report, SUIJI, FORM_REPORT, GObject)

GQuark suiji_form_error_quark (void);

SuijiFormReport *suiji_form_report_new (
    SuijiFormKind kind, int year, int month, gint64 department_id, const char *unit_name);
SuijiFormReport *suiji_form_report_load (SuijiDatabase *db,
                                         SuijiFormKind  kind,
                                         int            year,
                                         int            month,
                                         gint64         department_id,
                                         GError       **error);
gboolean         suiji_form_report_save (SuijiDatabase *db, SuijiFormReport *self, GError **error);

const SuijiFormLayout *suiji_form_report_get_layout (SuijiFormReport *self);
SuijiFormKind          suiji_form_report_get_kind (SuijiFormReport *self);
int                    suiji_form_report_get_year (SuijiFormReport *self);
int                    suiji_form_report_get_month (SuijiFormReport *self);
gint64                 suiji_form_report_get_department_id (SuijiFormReport *self);
gint64                 suiji_form_report_get_id (SuijiFormReport *self);
guint                  suiji_form_report_get_revision (SuijiFormReport *self);
const char            *suiji_form_report_get_saved_at (SuijiFormReport *self);
gboolean               suiji_form_report_get_modified (SuijiFormReport *self);

const char     *suiji_form_report_get_unit_name (SuijiFormReport *self);
void            suiji_form_report_set_unit_name (SuijiFormReport *self, const char *unit_name);
const char     *suiji_form_report_get_contact_person (SuijiFormReport *self);
void            suiji_form_report_set_contact_person (SuijiFormReport *self, const char *text);
const char     *suiji_form_report_get_contact_phone (SuijiFormReport *self);
void            suiji_form_report_set_contact_phone (SuijiFormReport *self, const char *text);
const char     *suiji_form_report_get_mobile (SuijiFormReport *self);
void            suiji_form_report_set_mobile (SuijiFormReport *self, const char *text);
gboolean        suiji_form_report_get_fill_date (SuijiFormReport *self, GDate *date);
void            suiji_form_report_set_fill_date (SuijiFormReport *self, const GDate *date);
char           *suiji_form_report_dup_date_text (SuijiFormReport *self);
SuijiFormStatus suiji_form_report_get_status (SuijiFormReport *self);
void            suiji_form_report_set_status (SuijiFormReport *self, SuijiFormStatus status);

gboolean
suiji_form_report_get_value (SuijiFormReport *self, guint row, guint column, gint64 *value);
SuijiFormCellSource suiji_form_report_get_source (SuijiFormReport *self, guint row, guint column);
gboolean
suiji_form_report_get_filled_value (SuijiFormReport *self, guint row, guint column, gint64 *value);
gboolean suiji_form_report_set_value (SuijiFormReport *self, guint row, guint column, gint64 value);
gboolean suiji_form_report_clear_value (SuijiFormReport *self, guint row, guint column);
gboolean suiji_form_report_reset_to_filled (SuijiFormReport *self, guint row, guint column);
void     suiji_form_report_fill (SuijiFormReport *self,
                                 const gint64 (*values)[SUIJI_FORM_N_COLUMNS],
                                 guint n_rows);
void     suiji_form_report_clear_all (SuijiFormReport *self);
char    *suiji_form_report_dup_cut_off (SuijiFormReport *self, const GDate *today);
char    *suiji_form_dup_cut_off (int year, int month, const GDate *today);
gboolean suiji_form_report_fill_from_records (SuijiDatabase   *db,
                                              SuijiFormReport *self,
                                              const GDate     *today,
                                              GError         **error);

SuijiFormSnapshot *suiji_form_report_snapshot (SuijiFormReport *self);
void suiji_form_report_restore (SuijiFormReport *self, const SuijiFormSnapshot *snapshot);
void suiji_form_snapshot_free (SuijiFormSnapshot *snapshot);

gboolean suiji_form_parse_value (const char *text, gboolean *empty, gint64 *value, GError **error);

GPtrArray       *suiji_form_report_validate (SuijiFormReport *self,
                                             SuijiFormReport *previous,
                                             SuijiFormReport *next);
GPtrArray       *suiji_form_report_check (SuijiDatabase *db, SuijiFormReport *self, GError **error);
guint            suiji_form_problems_count_hard (GPtrArray *problems);
void             suiji_form_problem_free (SuijiFormProblem *problem);
SuijiFormReport *suiji_form_report_load_neighbour (SuijiDatabase   *db,
                                                   SuijiFormReport *self,
                                                   int              direction,
                                                   GError         **error);

GPtrArray *
suiji_form_report_list_revisions (SuijiDatabase *db, SuijiFormReport *self, GError **error);
SuijiFormReport *suiji_form_report_load_revision (SuijiDatabase   *db,
                                                  SuijiFormReport *self,
                                                  guint            revision,
                                                  GError         **error);
void             suiji_form_revision_free (SuijiFormRevision *revision);

GPtrArray *suiji_form_list_submissions (
    SuijiDatabase *db, int year, int month, GDate *deadline, GError **error);
void suiji_form_submission_free (SuijiFormSubmission *submission);

const char *suiji_form_status_to_string (SuijiFormStatus status);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiFormSnapshot, suiji_form_snapshot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiFormProblem, suiji_form_problem_free)

G_END_DECLS
