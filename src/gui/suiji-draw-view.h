/* suiji-draw-view.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_DRAW_VIEW (suiji_draw_view_get_type ())

G_DECLARE_FINAL_TYPE (SuijiDrawView, suiji_draw_view, SUIJI, DRAW_VIEW, GtkBox)

SuijiDrawView *suiji_draw_view_new (void);
gboolean       suiji_draw_view_load (
          SuijiDrawView *self, SuijiDatabase *db, gint64 draw_id, gboolean reveal, GError **error);
gboolean    suiji_draw_view_get_revealing (SuijiDrawView *self);
void        suiji_draw_view_skip_reveal (SuijiDrawView *self);
const char *suiji_draw_view_get_status (SuijiDrawView *self);
GtkWidget *
suiji_draw_view_open_window (GtkWindow *parent, SuijiDatabase *db, gint64 draw_id, GError **error);

G_END_DECLS
