/* suiji-avoidance-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_AVOIDANCE_DIALOG (suiji_avoidance_dialog_get_type ())

G_DECLARE_FINAL_TYPE (
    SuijiAvoidanceDialog, suiji_avoidance_dialog, SUIJI, AVOIDANCE_DIALOG, AdwWindow)

SuijiAvoidanceDialog *suiji_avoidance_dialog_new (SuijiDatabase *db);
gboolean              suiji_avoidance_dialog_add (SuijiAvoidanceDialog *self, GError **error);

G_END_DECLS
