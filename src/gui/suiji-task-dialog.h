/* suiji-task-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_TASK_DIALOG (suiji_task_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SuijiTaskDialog, suiji_task_dialog, SUIJI, TASK_DIALOG, AdwWindow)

SuijiTaskDialog *suiji_task_dialog_new (GtkWindow *parent, SuijiDatabase *db, GError **error);

G_END_DECLS
