/* suiji-result.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "suiji-database.h"
#include "suiji-table-reader.h"

G_BEGIN_DECLS

/* Results are due for publication within this many working days after
 * the inspection. */
#define SUIJI_RESULT_PUBLICATION_WORKING_DAYS 20

#define SUIJI_RESULT_ERROR (suiji_result_error_quark ())

typedef enum
{
  SUIJI_RESULT_ERROR_NOT_FOUND,     /* no such task or drawn subject */
  SUIJI_RESULT_ERROR_INVALID,       /* a value the field does not take; the message names both */
  SUIJI_RESULT_ERROR_MAPPING,       /* an import file without a column that finds the subjects */
  SUIJI_RESULT_ERROR_REJECTED_ROWS, /* an import found bad rows and wrote nothing */
} SuijiResultError;

/* The fields of a result, in the order a row of the grid shows them and
 * in which an import applies them. */
typedef enum
{
  SUIJI_RESULT_FIELD_CATEGORY,
  SUIJI_RESULT_FIELD_PROBLEM_AREA,
  SUIJI_RESULT_FIELD_METHOD,
  SUIJI_RESULT_FIELD_INSPECTED_ON,
  SUIJI_RESULT_FIELD_INSPECTORS,
  SUIJI_RESULT_FIELD_FOLLOW_UP,
  SUIJI_RESULT_FIELD_FOLLOW_UP_DONE,
  SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON,
  SUIJI_RESULT_FIELD_PUBLISHED_ON,
  SUIJI_RESULT_FIELD_NOTE,
  SUIJI_RESULT_N_FIELDS,
} SuijiResultField;

/* One drawn subject of a task with its result, as the grid shows it. */
typedef struct
{
  gint64   task_id;
  gint64   draw_id;
  guint    position;   /* in the draw, from 0 */
  gint64   subject_id; /* 0 when the subject has left the directory */
  char    *key;
  char    *name;
  char    *subject_type; /* as when it was drawn */
  char    *stratum;
  char    *drawn_inspectors;             /* names the draw matched, separated by 、 */
  char    *drawn_on;                     /* YYYY-MM-DD */
  char    *category;                     /* the category's code, or NULL */
  char    *texts[SUIJI_RESULT_N_FIELDS]; /* each field as shown, "" when empty */
  gboolean completed;                    /* its category counts as a completed check */
  gboolean problem_found;                /* its category counts as a problem found */
  char    *publication_due;              /* YYYY-MM-DD, NULL until the inspection ends */
  gboolean overdue;                      /* not published, and the due day has passed */
  gboolean published_late;               /* published after the due day */
} SuijiResult;

/* A change of one field of one drawn subject. @text is what a cell holds:
 * a label or code, a date in any usual writing, names or badge numbers;
 * NULL or "" clears the field. */
typedef struct
{
  gint64           draw_id;
  guint            position;
  SuijiResultField field;
  char            *text;
} SuijiResultEdit;

/* Per task: how far its results are. */
typedef struct
{
  gint64   task_id;
  guint    drawn;
  guint    completed;
  guint    problems;
  guint    published;
  guint    overdue;             /* drawn subjects whose publication is overdue */
  char     inspection_end[11];  /* "" while unknown */
  char     publication_due[11]; /* "" while unknown */
  gboolean is_overdue;
} SuijiResultProgress;

typedef struct
{
  guint rows;    /* data rows read */
  guint changed; /* fields that changed */
} SuijiResultImportSummary;

/* A bad row of an import file. */
typedef struct
{
  guint row;   /* the row in the file, from 1 */
  int   field; /* a SuijiResultField, or -1 for the row as a whole */
  char *message;
} SuijiResultImportProblem;

GQuark      suiji_result_error_quark (void);
const char *suiji_result_field_to_string (SuijiResultField field);
gboolean    suiji_result_field_from_string (const char *text, SuijiResultField *field);
const char *suiji_result_field_get_title (SuijiResultField field);
GStrv       suiji_result_list_choices (SuijiDatabase *db, SuijiResultField field, GError **error);

void suiji_result_free (SuijiResult *result);
GPtrArray *
suiji_result_list_task (SuijiDatabase *db, gint64 task_id, const GDate *today, GError **error);
SuijiResult *suiji_result_load (
    SuijiDatabase *db, gint64 draw_id, guint position, const GDate *today, GError **error);

void     suiji_result_edit_clear (SuijiResultEdit *edit);
gboolean suiji_result_set_field (SuijiDatabase   *db,
                                 gint64           draw_id,
                                 guint            position,
                                 SuijiResultField field,
                                 const char      *text,
                                 GArray         **undo,
                                 GError         **error);
gboolean suiji_result_set_many (SuijiDatabase         *db,
                                const SuijiResultEdit *edits,
                                guint                  n_edits,
                                GArray               **undo,
                                guint                 *failed_edit,
                                GError               **error);

gboolean suiji_result_get_progress (SuijiDatabase       *db,
                                    gint64               task_id,
                                    const GDate         *today,
                                    SuijiResultProgress *progress,
                                    GError             **error);
GArray  *suiji_result_list_progress (
     SuijiDatabase *db, int year, const GDate *today, gboolean only_overdue, GError **error);

gboolean suiji_result_import (SuijiDatabase            *db,
                              gint64                    task_id,
                              SuijiTable               *table,
                              SuijiResultImportSummary *summary,
                              GPtrArray               **problems,
                              GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiResult, suiji_result_free)

G_END_DECLS
