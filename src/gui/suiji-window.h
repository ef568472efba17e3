/* suiji-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"
#include "suiji-forms-page.h"
#include "suiji-progress-page.h"
#include "suiji-tasks-page.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_WINDOW (suiji_window_get_type ())

G_DECLARE_FINAL_TYPE (SuijiWindow, suiji_window, SUIJI, WINDOW, AdwApplicationWindow)

SuijiWindow *suiji_window_new (AdwApplication *application);
void         suiji_window_set_database (SuijiWindow *self, SuijiDatabase *db);
void         suiji_window_show_open_error (SuijiWindow *self, const char *message);
void         suiji_window_refresh (SuijiWindow *self);
void         suiji_window_show_section (SuijiWindow *self, const char *name);
const char  *suiji_window_get_visible_page (SuijiWindow *self);
void         suiji_window_add_toast (SuijiWindow *self, const char *text);
void         suiji_window_quit (SuijiWindow *self);
void suiji_window_ask_to_save (SuijiWindow *self, SuijiFormsPageAnswer answer, gpointer user_data);
SuijiTasksPage    *suiji_window_get_tasks_page (SuijiWindow *self);
SuijiFormsPage    *suiji_window_get_forms_page (SuijiWindow *self);
SuijiProgressPage *suiji_window_get_progress_page (SuijiWindow *self);

G_END_DECLS
