/* suiji-results-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"
#include "suiji-result.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_RESULTS_WINDOW (suiji_results_window_get_type ())

G_DECLARE_FINAL_TYPE (SuijiResultsWindow, suiji_results_window, SUIJI, RESULTS_WINDOW, AdwWindow)

SuijiResultsWindow *
suiji_results_window_new (GtkWindow *parent, SuijiDatabase *db, gint64 task_id, GError **error);
guint               suiji_results_window_get_n_rows (SuijiResultsWindow *self);
SuijiResultsWindow *suiji_results_window_find (SuijiDatabase *db, gint64 task_id);
gint64              suiji_results_window_get_task_id (SuijiResultsWindow *self);
void suiji_results_window_set_cursor (SuijiResultsWindow *self, guint row, SuijiResultField field);
void
suiji_results_window_get_cursor (SuijiResultsWindow *self, guint *row, SuijiResultField *field);
void suiji_results_window_start_editing (SuijiResultsWindow *self, const char *initial_text);
const char *
suiji_results_window_get_cell_text (SuijiResultsWindow *self, guint row, SuijiResultField field);
const char *suiji_results_window_get_message (SuijiResultsWindow *self);
gboolean    suiji_results_window_import_file (SuijiResultsWindow *self, GFile *file);

void suiji_results_describe_progress (const SuijiResultProgress *progress,
                                      char                     **counts,
                                      char                     **due,
                                      char                     **overdue);

G_END_DECLS
