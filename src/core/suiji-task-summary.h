/* suiji-task-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_TASK_SUMMARY (suiji_task_summary_get_type ())

G_DECLARE_FINAL_TYPE (SuijiTaskSummary, suiji_task_summary, SUIJI, TASK_SUMMARY, GObject)

gint64      suiji_task_summary_get_id (SuijiTaskSummary *self);
const char *suiji_task_summary_get_name (SuijiTaskSummary *self);
int         suiji_task_summary_get_year (SuijiTaskSummary *self);
const char *suiji_task_summary_get_state (SuijiTaskSummary *self);
const char *suiji_task_summary_get_departments (SuijiTaskSummary *self);
guint       suiji_task_summary_get_n_departments (SuijiTaskSummary *self);
guint       suiji_task_summary_get_n_draws (SuijiTaskSummary *self);
guint       suiji_task_summary_get_n_drawn (SuijiTaskSummary *self);
const char *suiji_task_summary_get_drawn_at (SuijiTaskSummary *self);
const char *suiji_task_summary_get_created_at (SuijiTaskSummary *self);

GListModel *suiji_task_summary_list (SuijiDatabase *db, int year, GError **error);

G_END_DECLS
