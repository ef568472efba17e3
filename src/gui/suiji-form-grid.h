/* suiji-form-grid.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-form-report.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_FORM_GRID (suiji_form_grid_get_type ())

G_DECLARE_FINAL_TYPE (SuijiFormGrid, suiji_form_grid, SUIJI, FORM_GRID, GtkBox)

GtkWidget       *suiji_form_grid_new (void);
void             suiji_form_grid_set_report (SuijiFormGrid *self, SuijiFormReport *report);
SuijiFormReport *suiji_form_grid_get_report (SuijiFormGrid *self);
void             suiji_form_grid_set_problems (SuijiFormGrid *self, GPtrArray *problems);
void             suiji_form_grid_set_cursor (SuijiFormGrid *self, guint row, guint column);
void             suiji_form_grid_get_cursor (SuijiFormGrid *self, guint *row, guint *column);
void             suiji_form_grid_select (
                SuijiFormGrid *self, guint first_row, guint first_column, guint last_row, guint last_column);
void        suiji_form_grid_focus_cell (SuijiFormGrid *self, guint row, guint column);
gboolean    suiji_form_grid_get_editing (SuijiFormGrid *self);
const char *suiji_form_grid_get_cell_text (SuijiFormGrid *self, guint row, guint column);
const char *suiji_form_grid_get_records_text (SuijiFormGrid *self, guint row, guint column);
GtkWidget  *suiji_form_grid_get_cell (SuijiFormGrid *self, guint row, guint column);

void     suiji_form_grid_begin_change (SuijiFormGrid *self);
void     suiji_form_grid_end_change (SuijiFormGrid *self);
gboolean suiji_form_grid_get_can_undo (SuijiFormGrid *self);
gboolean suiji_form_grid_get_can_redo (SuijiFormGrid *self);
void     suiji_form_grid_undo (SuijiFormGrid *self);
void     suiji_form_grid_redo (SuijiFormGrid *self);
void     suiji_form_grid_sync_texts (SuijiFormGrid *self);

G_END_DECLS
