/* suiji-inspector-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_INSPECTOR_DIALOG (suiji_inspector_dialog_get_type ())

G_DECLARE_FINAL_TYPE (
    SuijiInspectorDialog, suiji_inspector_dialog, SUIJI, INSPECTOR_DIALOG, AdwWindow)

SuijiInspectorDialog *suiji_inspector_dialog_new (SuijiDatabase *db, gint64 id);
SuijiInspectorDialog *suiji_inspector_dialog_new_in_department (SuijiDatabase *db,
                                                                gint64         department_id);
gboolean              suiji_inspector_dialog_save (SuijiInspectorDialog *self, GError **error);

G_END_DECLS
