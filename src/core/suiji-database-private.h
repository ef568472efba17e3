/* suiji-database-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "suiji-database.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

SuijiDatabase     *_suiji_database_open_with_migrations (const char        *path,
                                                         const char *const *steps,
                                                         int                n_steps,
                                                         GError           **error);
const char *const *_suiji_database_get_migrations (void);
sqlite3           *_suiji_database_get_handle (SuijiDatabase *self);
sqlite3_stmt      *_suiji_database_prepare (SuijiDatabase *self, const char *sql, GError **error);
gboolean           _suiji_database_get_data_stamp (SuijiDatabase *self, gint64 stamp[2]);
GStrv _suiji_database_drop_plain_indexes (SuijiDatabase *self, const char *table, GError **error);
gboolean
_suiji_database_exec_all (SuijiDatabase *self, const char *const *statements, GError **error);
gboolean _suiji_database_exec (SuijiDatabase *self, const char *sql, GError **error);
gboolean _suiji_database_begin (SuijiDatabase *self, GError **error);
gboolean _suiji_database_commit (SuijiDatabase *self, GError **error);
gboolean _suiji_database_begin_durable (SuijiDatabase *self, GError **error);
gboolean _suiji_database_commit_durable (SuijiDatabase *self, GError **error);
void     _suiji_database_rollback (SuijiDatabase *self);
gboolean _suiji_database_step_done (SuijiDatabase *self, sqlite3_stmt *stmt, GError **error);
void     _suiji_database_set_error (SuijiDatabase *self, GError **error, const char *what);
gboolean _suiji_database_run (SuijiDatabase *self, sqlite3_stmt *stmt, GError **error);
gboolean _suiji_database_delete_ids (
    SuijiDatabase *self, const char *table, const gint64 *ids, guint n_ids, GError **error);
sqlite3_stmt *_suiji_database_find_for_ids (
    SuijiDatabase *self, const char *sql, const gint64 *ids, guint n_ids, GError **error);
sqlite3_stmt *_suiji_database_get_row (
    SuijiDatabase *self, const char *sql, gint64 id, const char *missing, GError **error);
gint64 _suiji_database_write_row (
    SuijiDatabase *self, sqlite3_stmt *stmt, const char *missing, const char *what, GError **error);
const char *_suiji_column_text (sqlite3_stmt *stmt, int column);
void        _suiji_database_set_error_for (
           sqlite3 *handle, const char *path, int rc, GError **error, const char *what);
int      _suiji_database_copy_pages (sqlite3 *source, sqlite3 *target);
gboolean _suiji_database_write_copy (sqlite3    *source,
                                     const char *target_path,
                                     const char *shown_path,
                                     const char *what,
                                     GError    **error);
char    *_suiji_database_dup_kept_path (const char *path, const char *label);
void     _suiji_database_set_busy_timeout (SuijiDatabase *self, int milliseconds);

G_END_DECLS
