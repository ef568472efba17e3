/* suiji-backup.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-database.h"

G_BEGIN_DECLS

gboolean suiji_backup_write (SuijiDatabase *db, const char *target_path, GError **error);
gboolean suiji_backup_check (const char *path, int *schema_version, GError **error);
gboolean suiji_backup_restore (const char *database_path,
                               const char *backup_path,
                               char      **kept_path,
                               GError    **error);

G_END_DECLS
