/* suiji-row-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SUIJI_TYPE_ROW (suiji_row_get_type ())

G_DECLARE_FINAL_TYPE (SuijiRow, suiji_row, SUIJI, ROW, GObject)

gpointer suiji_row_get_item (SuijiRow *self);
guint    suiji_row_get_position (SuijiRow *self);

#define SUIJI_TYPE_ROW_LIST (suiji_row_list_get_type ())

G_DECLARE_FINAL_TYPE (SuijiRowList, suiji_row_list, SUIJI, ROW_LIST, GObject)

SuijiRowList *suiji_row_list_new (GListModel *model);
GListModel   *suiji_row_list_get_model (SuijiRowList *self);
void          suiji_row_list_set_limit (SuijiRowList *self, guint limit);
guint         suiji_row_list_get_limit (SuijiRowList *self);
void          suiji_row_list_set_minimum (SuijiRowList *self, guint minimum);
guint         suiji_row_list_get_minimum (SuijiRowList *self);

G_END_DECLS
