/* suiji-form-table.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SUIJI_TYPE_FORM_TABLE (suiji_form_table_get_type ())

G_DECLARE_FINAL_TYPE (SuijiFormTable, suiji_form_table, SUIJI, FORM_TABLE, GtkWidget)

GtkWidget *suiji_form_table_new (void);
void
suiji_form_table_set_column_widths (SuijiFormTable *self, const double *widths, guint n_columns);
void suiji_form_table_attach (
    SuijiFormTable *self, GtkWidget *child, guint column, guint row, guint n_columns, guint n_rows);
void suiji_form_table_remove_all (SuijiFormTable *self);

G_END_DECLS
