/* suiji-task-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The writes of a task and its draw without a transaction of their own,
 * for callers that hold one around many of them (the sample data's year).
 */

#pragma once

#include "suiji-draw.h"
#include "suiji-task.h"

G_BEGIN_DECLS

gint64 _suiji_task_insert (SuijiDatabase *db, const SuijiTaskRecord *record, GError **error);
gint64 _suiji_task_insert_draw (SuijiDatabase   *db,
                                gint64           task_id,
                                SuijiDrawRecord *record,
                                GError         **error);

G_END_DECLS
