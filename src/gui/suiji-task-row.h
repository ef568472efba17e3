/* suiji-task-row.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-progress.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_TASK_ROW (suiji_task_row_get_type ())

G_DECLARE_FINAL_TYPE (SuijiTaskRow, suiji_task_row, SUIJI, TASK_ROW, AdwActionRow)

GtkWidget *suiji_task_row_new (const SuijiProgressTask *task);
gint64     suiji_task_row_get_task_id (SuijiTaskRow *self);

G_END_DECLS
