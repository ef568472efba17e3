/* suiji-task-draw.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-database.h"
#include "suiji-draw.h"

G_BEGIN_DECLS

SuijiDrawRecord *suiji_task_prepare_draw (SuijiDatabase *db, gint64 task_id, GError **error);
SuijiDrawRecord *
suiji_task_prepare_draw_at (SuijiDatabase *db, gint64 task_id, GDateTime *at, GError **error);
gint64
suiji_task_save_draw (SuijiDatabase *db, gint64 task_id, SuijiDrawRecord *record, GError **error);

G_END_DECLS
