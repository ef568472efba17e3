/* suiji-draw-pick-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SUIJI_TYPE_DRAW_PICK_ITEM (suiji_draw_pick_item_get_type ())

G_DECLARE_FINAL_TYPE (SuijiDrawPickItem, suiji_draw_pick_item, SUIJI, DRAW_PICK_ITEM, GObject)

SuijiDrawPickItem *suiji_draw_pick_item_new (const char *const *notice_row);
const char        *suiji_draw_pick_item_get_cell (SuijiDrawPickItem *self, guint column);
void               suiji_draw_pick_item_set_revealed (SuijiDrawPickItem *self, gboolean revealed);

G_END_DECLS
