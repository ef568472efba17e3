/* suiji-form-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-form-report.h"

G_BEGIN_DECLS

/* A cell of the file that could not be read, and why. */
typedef struct
{
  char *cell; /* as A1 or B12; "" when the problem is no single cell */
  char *reason;
} SuijiFormImportProblem;

/* What a department's form file says, read by its labels. */
typedef struct
{
  SuijiFormKind kind;
  char         *sheet_name;
  char         *unit_name;      /* after 单位名称（盖章）：; "" when blank */
  char         *contact_person; /* NULL when the file has no contact line */
  char         *contact_phone;
  char         *mobile;
  GDate         fill_date; /* invalid when 填表时间 is blank */
  gboolean      has_value[SUIJI_FORM_MAX_ROWS][SUIJI_FORM_N_COLUMNS];
  gint64        values[SUIJI_FORM_MAX_ROWS][SUIJI_FORM_N_COLUMNS];
  guint         n_values;
  GPtrArray    *problems; /* SuijiFormImportProblem */
} SuijiFormImport;

SuijiFormImport *suiji_form_import_read (const char *path, SuijiFormKind kind, GError **error);
void             suiji_form_import_apply (const SuijiFormImport *import, SuijiFormReport *report);
void             suiji_form_import_free (SuijiFormImport *import);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiFormImport, suiji_form_import_free)

G_END_DECLS
