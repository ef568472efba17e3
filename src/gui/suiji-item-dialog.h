/* suiji-item-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_ITEM_DIALOG (suiji_item_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SuijiItemDialog, suiji_item_dialog, SUIJI, ITEM_DIALOG, AdwWindow)

SuijiItemDialog *suiji_item_dialog_new (SuijiDatabase *db, gint64 id);
SuijiItemDialog *suiji_item_dialog_new_in_department (SuijiDatabase *db, gint64 department_id);
gboolean         suiji_item_dialog_save (SuijiItemDialog *self, GError **error);

G_END_DECLS
