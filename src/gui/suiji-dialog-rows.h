/* suiji-dialog-rows.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"

G_BEGIN_DECLS

/* What the edit dialogs of the directories share: choice rows filled from
 * words or from the departments, and the texts read back from rows. */
void suiji_combo_row_set_strings (AdwComboRow *row, const char *const *values, const char *current);
const char *suiji_combo_row_get_string (AdwComboRow *row);
GArray     *suiji_department_row_fill (AdwComboRow *row, SuijiDatabase *db, gint64 current);
gint64      suiji_department_row_get (AdwComboRow *row, GArray *department_ids);
char       *suiji_entry_row_dup_text (AdwEntryRow *row);
GStrv       suiji_entry_row_dup_labels (AdwEntryRow *row);
void suiji_rows_mark_field (GtkWidget *const *rows, guint n_rows, guint field, gboolean mark_empty);
void suiji_problem_label_show (GtkLabel *label, const GError *problem);
gboolean suiji_problem_label_is_shown (GtkLabel *label);
void     suiji_save_button_update (GtkWidget    *dialog,
                                   const char   *action_name,
                                   GtkWidget    *button,
                                   const GError *problem);

void     suiji_dialog_class_add_save_keys (GtkWidgetClass *widget_class, const char *action_name);
gboolean suiji_dialog_finish_save (GtkLabel *error_label, GError *problem, GError **error);

G_END_DECLS
