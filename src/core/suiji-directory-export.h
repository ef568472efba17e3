/* suiji-directory-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-import.h"

G_BEGIN_DECLS

gboolean suiji_directory_export (
    SuijiDatabase *db, SuijiDirectory kind, const char *path, guint *n_rows, GError **error);

G_END_DECLS
