/* suiji-import-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"
#include "suiji-import.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_IMPORT_DIALOG (suiji_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SuijiImportDialog, suiji_import_dialog, SUIJI, IMPORT_DIALOG, AdwWindow)

SuijiImportDialog *suiji_import_dialog_new (SuijiDatabase  *db,
                                            SuijiDirectory  kind,
                                            GFile          *file);

G_END_DECLS
