/* suiji-tasks-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_TASKS_PAGE (suiji_tasks_page_get_type ())

G_DECLARE_FINAL_TYPE (SuijiTasksPage, suiji_tasks_page, SUIJI, TASKS_PAGE, GtkBox)

void   suiji_tasks_page_set_database (SuijiTasksPage *self, SuijiDatabase *db);
void   suiji_tasks_page_reload (SuijiTasksPage *self);
void   suiji_tasks_page_select_task (SuijiTasksPage *self, gint64 task_id);
gint64 suiji_tasks_page_get_selected_task (SuijiTasksPage *self);

G_END_DECLS
