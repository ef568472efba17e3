/* suiji-form-gather.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "suiji-database.h"
#include "suiji-form-report.h"

G_BEGIN_DECLS

/* What a department's part of the region's 附件1 was taken from. */
typedef enum
{
  SUIJI_FORM_GATHER_REPORT,  /* its 附件2 for the month, saved in Suiji */
  SUIJI_FORM_GATHER_RECORDS, /* no 附件2: its tasks as recorded in Suiji */
  SUIJI_FORM_GATHER_NOTHING, /* neither a 附件2 nor a recorded task */
} SuijiFormGatherSource;

/* One department's part. */
typedef struct
{
  gint64                department_id;
  char                 *department_name;
  gboolean              market_regulation;
  SuijiFormGatherSource source;
  SuijiFormStatus       status;   /* of the 附件2, for SUIJI_FORM_GATHER_REPORT */
  guint                 revision; /* of the 附件2, for SUIJI_FORM_GATHER_REPORT */
  char                 *saved_at; /* of the 附件2, for SUIJI_FORM_GATHER_REPORT */
  GPtrArray            *notes;    /* char *: what did not fit, in sentences */
} SuijiFormGatherPart;

/* The region's 附件1 for a month, gathered from every department. */
typedef struct
{
  int        year;
  int        month;
  char      *until;    /* the records' cut-off, YYYY-MM-DD */
  GDate      deadline; /* of the month's report */
  guint      n_rows;
  gint64     values[SUIJI_FORM_MAX_ROWS][SUIJI_FORM_N_COLUMNS];
  GPtrArray *parts; /* SuijiFormGatherPart, in the departments' order */
} SuijiFormGathering;

SuijiFormGathering *suiji_form_gather_region (
    SuijiDatabase *db, int year, int month, const GDate *today, GError **error);
void  suiji_form_gathering_free (SuijiFormGathering *gathering);
guint suiji_form_gathering_count (const SuijiFormGathering *gathering,
                                  SuijiFormGatherSource     source);

gboolean suiji_form_report_fill_from_departments (SuijiDatabase       *db,
                                                  SuijiFormReport     *self,
                                                  const GDate         *today,
                                                  SuijiFormGathering **gathering,
                                                  GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiFormGathering, suiji_form_gathering_free)

G_END_DECLS
