/* suiji-saved-draw.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "suiji-database.h"
#include "suiji-draw.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_SAVED_DRAW (suiji_saved_draw_get_type ())

G_DECLARE_FINAL_TYPE (SuijiSavedDraw, suiji_saved_draw, SUIJI, SAVED_DRAW, GObject)

gint64      suiji_saved_draw_get_id (SuijiSavedDraw *self);
gint64      suiji_saved_draw_get_task_id (SuijiSavedDraw *self);
const char *suiji_saved_draw_get_drawn_at (SuijiSavedDraw *self);
const char *suiji_saved_draw_get_seed (SuijiSavedDraw *self);
const char *suiji_saved_draw_get_record_digest (SuijiSavedDraw *self);
const char *suiji_saved_draw_get_previous_digest (SuijiSavedDraw *self);
guint       suiji_saved_draw_get_n_subjects (SuijiSavedDraw *self);

GListModel     *suiji_saved_draw_list (SuijiDatabase *db, gint64 task_id, GError **error);
SuijiSavedDraw *suiji_saved_draw_load (SuijiDatabase *db, gint64 draw_id, GError **error);
char *suiji_saved_draw_dup_json (SuijiDatabase *db, gint64 draw_id, gsize *length, GError **error);
SuijiDrawRecord *suiji_saved_draw_load_record (SuijiDatabase *db, gint64 draw_id, GError **error);

G_END_DECLS
