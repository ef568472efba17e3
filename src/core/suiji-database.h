/* suiji-database.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define SUIJI_DATABASE_ERROR (suiji_database_error_quark ())

typedef enum
{
  SUIJI_DATABASE_ERROR_OPEN,
  SUIJI_DATABASE_ERROR_NOT_A_DATABASE,
  SUIJI_DATABASE_ERROR_TOO_NEW,
  SUIJI_DATABASE_ERROR_MIGRATION,
  SUIJI_DATABASE_ERROR_BUSY,
  SUIJI_DATABASE_ERROR_READ_ONLY,
  SUIJI_DATABASE_ERROR_FULL,
  SUIJI_DATABASE_ERROR_CONSTRAINT,
  SUIJI_DATABASE_ERROR_FAILED,
} SuijiDatabaseError;

/* The schema version this build writes; a file with a higher
 * PRAGMA user_version was written by a newer Suiji. */
#define SUIJI_DATABASE_SCHEMA_VERSION 8

#define SUIJI_TYPE_DATABASE (suiji_database_get_type ())

G_DECLARE_FINAL_TYPE (SuijiDatabase, suiji_database, SUIJI, DATABASE, GObject)

GQuark         suiji_database_error_quark (void);
char          *suiji_database_dup_default_path (void);
SuijiDatabase *suiji_database_open (const char *path, GError **error);
const char    *suiji_database_get_path (SuijiDatabase *self);
const char    *suiji_database_get_backup_path (SuijiDatabase *self);
int            suiji_database_get_schema_version (SuijiDatabase *self);
gboolean       suiji_database_is_empty (SuijiDatabase *self);
gboolean       suiji_database_checkpoint (SuijiDatabase *self, GError **error);

G_END_DECLS
