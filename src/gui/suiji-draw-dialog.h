/* suiji-draw-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_DRAW_DIALOG (suiji_draw_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SuijiDrawDialog, suiji_draw_dialog, SUIJI, DRAW_DIALOG, AdwWindow)

SuijiDrawDialog *
suiji_draw_dialog_new (GtkWindow *parent, SuijiDatabase *db, gint64 task_id, GError **error);
const char *suiji_draw_dialog_get_step (SuijiDrawDialog *self);
gint64      suiji_draw_dialog_get_draw_id (SuijiDrawDialog *self);

G_END_DECLS
