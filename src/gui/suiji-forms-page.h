/* suiji-forms-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"
#include "suiji-form-report.h"
#include "suiji-form-render.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_FORMS_PAGE (suiji_forms_page_get_type ())

G_DECLARE_FINAL_TYPE (SuijiFormsPage, suiji_forms_page, SUIJI, FORMS_PAGE, GtkBox)

/* Called with %TRUE to go on (saved, or the changes given up), %FALSE
 * when the user chose to stay. */
typedef void (*SuijiFormsPageAnswer) (gboolean proceed, gpointer user_data);

void             suiji_forms_page_set_database (SuijiFormsPage *self, SuijiDatabase *db);
void             suiji_forms_page_reload (SuijiFormsPage *self);
SuijiFormReport *suiji_forms_page_get_report (SuijiFormsPage *self);
gboolean         suiji_forms_page_get_modified (SuijiFormsPage *self);
void             suiji_forms_page_ask_to_save (SuijiFormsPage      *self,
                                               SuijiFormsPageAnswer answer,
                                               gpointer             user_data);
void             suiji_forms_page_select (
                SuijiFormsPage *self, SuijiFormKind kind, gint64 department_id, int year, int month);
gboolean suiji_forms_page_save (SuijiFormsPage *self, GError **error);
gboolean suiji_forms_page_submit (SuijiFormsPage *self, GError **error);
gboolean suiji_forms_page_export_file (SuijiFormsPage *self, const char *path, GError **error);
gboolean suiji_forms_page_import_file (SuijiFormsPage *self, const char *path, GError **error);
gboolean suiji_forms_page_explain_cell (SuijiFormsPage *self, guint row, guint column);
gboolean suiji_forms_page_set_seal_file (SuijiFormsPage *self, const char *path, GError **error);
GtkPrintOperationResult suiji_forms_page_print (SuijiFormsPage         *self,
                                                GtkPrintOperationAction action,
                                                const char             *export_path,
                                                GError                **error);

G_END_DECLS
