/* suiji-backup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backup and restore of the whole database with SQLite's online backup,
 * so that both work while the window or another suiji-cli has the file
 * open. A backup is written to a temporary file and renamed into place,
 * so that a full disk never leaves half a backup under the name asked
 * for. A restore checks the file first (SQLite's integrity check, that it
 * is a Suiji database, a schema version this Suiji reads), brings a copy
 * of it up to this version, keeps the database it replaces beside it, and
 * only then writes it into the database in one transaction.
 */

#define G_LOG_DOMAIN "suiji-backup"

#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "suiji-backup.h"
#include "suiji-database-private.h"

/* The tables every Suiji database has had since version 1. */
static const char *const suiji_tables[] = { "departments", "unit_profile", "yearly_targets" };

/* A failed file operation: @message names the file and says why. */
static void
set_io_error (GError **error, int saved_errno, char *message)
{
  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), message);
  g_free (message);
}

static void
set_rename_error (GError **error, const char *database_path, int saved_errno)
{
  g_autofree char *display = g_filename_display_name (database_path);

  set_io_error (
      error, saved_errno,
      g_strdup_printf (_("Could not restore into “%s”: %s."), display, g_strerror (saved_errno)));
}

/* Whether @a and @b name one file, by its identity when both exist. */
static gboolean
same_file (const char *a, const char *b)
{
  GStatBuf         stat_a;
  GStatBuf         stat_b;
  g_autofree char *canonical_a = g_canonicalize_filename (a, NULL);
  g_autofree char *canonical_b = g_canonicalize_filename (b, NULL);

  if (g_stat (a, &stat_a) == 0 && g_stat (b, &stat_b) == 0)
    return stat_a.st_dev == stat_b.st_dev && stat_a.st_ino == stat_b.st_ino;
  return g_str_equal (canonical_a, canonical_b);
}

/* The database, or the files SQLite keeps beside it. */
static gboolean
is_database_file (const char *path, const char *database_path)
{
  g_autofree char *wal = g_strconcat (database_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (database_path, "-shm", NULL);

  return same_file (path, database_path) || same_file (path, wal) || same_file (path, shm);
}

/**
 * suiji_backup_write:
 * @target_path: the backup file; replaced when it exists
 *
 * Writes a copy of the whole database, consistent even while another
 * program writes to it, as one file that opens on its own.
 */
gboolean
suiji_backup_write (SuijiDatabase *db, const char *target_path, GError **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *temporary = NULL;
  g_autofree char *display = g_filename_display_name (target_path);
  int              fd;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (target_path != NULL, FALSE);

  if (is_database_file (target_path, suiji_database_get_path (db)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is the database itself: choose another file for the backup."), display);
      return FALSE;
    }

  /* Beside the target, so that the rename at the end cannot cross disks. */
  folder = g_path_get_dirname (target_path);
  base = g_path_get_basename (target_path);
  temporary = g_strdup_printf ("%s/.%s.part-XXXXXX", folder, base);
  fd = g_mkstemp (temporary);
  if (fd < 0)
    {
      int saved_errno = errno;

      set_io_error (error, saved_errno,
                    g_strdup_printf (_("Could not write the backup “%s”: %s. Choose a folder "
                                        "you can write to."),
                                     display, g_strerror (saved_errno)));
      return FALSE;
    }
  close (fd);

  if (!_suiji_database_write_copy (_suiji_database_get_handle (db), temporary, target_path,
                                   _("Could not write the backup"), error))
    return FALSE;

  if (g_rename (temporary, target_path) != 0)
    {
      int saved_errno = errno;

      g_unlink (temporary);
      set_io_error (error, saved_errno,
                    g_strdup_printf (_("Could not write the backup “%s”: %s."), display,
                                     g_strerror (saved_errno)));
      return FALSE;
    }

  return TRUE;
}

static gboolean
query_text (sqlite3 *handle, const char *sql, char **text, int *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  int           rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);

  *text = NULL;
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          rc = SQLITE_OK;
        }
      else if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  sqlite3_finalize (stmt);
  *rc_out = rc;
  return rc == SQLITE_OK;
}

/* The checks of a restore on @path; messages name @shown_path, the file
 * the user chose. */
static gboolean
check_file (const char *path, const char *shown_path, int *schema_version, GError **error)
{
  g_autofree char *display = g_filename_display_name (shown_path);
  g_autofree char *integrity = NULL;
  g_autofree char *version_text = NULL;
  sqlite3         *handle = NULL;
  int              version;
  int              rc;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("There is no backup file “%s”; nothing was restored."), display);
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (handle, 10000);
      query_text (handle, "PRAGMA integrity_check", &integrity, &rc);
    }
  if ((rc & 0xff) == SQLITE_CORRUPT)
    integrity = g_strdup (sqlite3_errstr (rc));
  else if (rc != SQLITE_OK)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Suiji backup: SQLite cannot read it (%s). Nothing was "
                      "restored; choose another file."),
                   display, sqlite3_errstr (rc));
      sqlite3_close (handle);
      return FALSE;
    }
  if (g_strcmp0 (integrity, "ok") != 0)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_NOT_A_DATABASE,
                   _("The backup “%s” is damaged (SQLite’s integrity check says: %s). Nothing "
                      "was restored; choose another backup."),
                   display, integrity != NULL ? integrity : "");
      sqlite3_close (handle);
      return FALSE;
    }

  query_text (handle, "PRAGMA user_version", &version_text, &rc);
  version = version_text != NULL ? atoi (version_text) : 0;
  for (guint i = 0; version > 0 && i < G_N_ELEMENTS (suiji_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf (
          "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '%s'", suiji_tables[i]);
      g_autofree char *found = NULL;

      if (!query_text (handle, sql, &found, &rc) || found == NULL)
        version = 0;
    }
  sqlite3_close (handle);

  if (version <= 0)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_NOT_A_DATABASE,
                   _("“%s” is not a Suiji database. Nothing was restored; choose a backup that "
                      "Suiji wrote."),
                   display);
      return FALSE;
    }
  if (version > SUIJI_DATABASE_SCHEMA_VERSION)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_TOO_NEW,
                   _("The backup “%s” was written by a newer version of Suiji (database version "
                      "%d; this version reads up to %d). Update Suiji to restore it; nothing "
                      "was restored."),
                   display, version, SUIJI_DATABASE_SCHEMA_VERSION);
      return FALSE;
    }

  if (schema_version != NULL)
    *schema_version = version;
  return TRUE;
}

/**
 * suiji_backup_check:
 * @schema_version: (out) (optional): the backup's schema version
 *
 * Checks a backup without changing it: SQLite's integrity check passes,
 * it is a Suiji database, and this Suiji reads its schema version.
 */
gboolean
suiji_backup_check (const char *path, int *schema_version, GError **error)
{
  g_return_val_if_fail (path != NULL, FALSE);

  return check_file (path, path, schema_version, error);
}

static void
remove_with_companions (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (journal);
}

/* A checked copy of the backup beside the database, at this version. */
static char *
prepare_copy (const char *database_path, const char *backup_path, GError **error)
{
  g_autofree char *copy = g_strdup_printf ("%s.restoring-XXXXXX", database_path);
  g_autofree char *folder = g_path_get_dirname (database_path);
  sqlite3         *source = NULL;
  int              version = 0;
  int              fd;
  int              rc;

  if (g_mkdir_with_parents (folder, 0700) != 0 || (fd = g_mkstemp (copy)) < 0)
    {
      int              saved_errno = errno;
      g_autofree char *display = g_filename_display_name (database_path);

      set_io_error (error, saved_errno,
                    g_strdup_printf (_("Could not restore into “%s”: %s. Nothing was restored."),
                                     display, g_strerror (saved_errno)));
      return NULL;
    }
  close (fd);

  /* Through SQLite, so that a backup left in WAL mode comes with its WAL. */
  rc = sqlite3_open_v2 (backup_path, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK ||
      !_suiji_database_write_copy (source, copy, database_path,
                                   _("Could not copy the backup beside the database"), error))
    {
      if (rc != SQLITE_OK)
        _suiji_database_set_error_for (source, backup_path, rc, error,
                                       _("Could not read the backup"));
      sqlite3_close (source);
      remove_with_companions (copy);
      return NULL;
    }
  sqlite3_close (source);

  /* What is written in is what was checked, even if the backup changed
   * since; a copy of an older version is brought up to this one. */
  if (!check_file (copy, backup_path, &version, error))
    {
      remove_with_companions (copy);
      return NULL;
    }
  if (version < SUIJI_DATABASE_SCHEMA_VERSION)
    {
      g_autoptr (SuijiDatabase) migrated = suiji_database_open (copy, error);

      if (migrated == NULL)
        {
          remove_with_companions (copy);
          return NULL;
        }
      if (suiji_database_get_backup_path (migrated) != NULL)
        g_unlink (suiji_database_get_backup_path (migrated));
    }

  return g_steal_pointer (&copy);
}

/* The database is no SQLite file at all: its bytes are kept as they are
 * and the copy takes its name. */
static gboolean
replace_damaged (const char *database_path, const char *copy, const char *kept, GError **error)
{
  g_autoptr (GFile) from = g_file_new_for_path (database_path);
  g_autoptr (GFile) to = g_file_new_for_path (kept);
  g_autofree char *wal = g_strconcat (database_path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (database_path, "-shm", NULL);

  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return FALSE;
  g_unlink (wal);
  g_unlink (shm);
  if (g_rename (copy, database_path) != 0)
    {
      set_rename_error (error, database_path, errno);
      return FALSE;
    }
  return TRUE;
}

/* Writes @copy into the database in one transaction, after keeping the
 * database as it was in @kept_path. */
static gboolean
replace_database (const char *database_path, const char *copy, char **kept_path, GError **error)
{
  g_autoptr (GError) keep_error = NULL;
  g_autofree char *kept = _suiji_database_dup_kept_path (database_path, "before-restore");
  sqlite3         *live = NULL;
  sqlite3         *source = NULL;
  int              rc;

  rc = sqlite3_open_v2 (database_path, &live, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (live, TRUE);
      sqlite3_busy_timeout (live, 10000);
      _suiji_database_write_copy (live, kept, NULL,
                                  _("Could not keep a copy of the database before restoring"),
                                  &keep_error);
    }
  else
    _suiji_database_set_error_for (live, database_path, rc, &keep_error,
                                   _("Could not keep a copy of the database before restoring"));

  if (keep_error != NULL &&
      g_error_matches (keep_error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_NOT_A_DATABASE))
    {
      sqlite3_close (live);
      if (!replace_damaged (database_path, copy, kept, error))
        return FALSE;
      *kept_path = g_steal_pointer (&kept);
      return TRUE;
    }
  if (keep_error != NULL)
    {
      sqlite3_close (live);
      g_propagate_error (error, g_steal_pointer (&keep_error));
      return FALSE;
    }

  rc = sqlite3_open_v2 (copy, &source, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    rc = _suiji_database_copy_pages (source, live);
  sqlite3_close (source);
  if (rc != SQLITE_OK)
    {
      _suiji_database_set_error_for (live, database_path, rc, error,
                                     _("Could not restore the backup; the database was not "
                                        "changed"));
      sqlite3_close (live);
      g_unlink (kept);
      return FALSE;
    }

  sqlite3_close (live);
  *kept_path = g_steal_pointer (&kept);
  return TRUE;
}

/**
 * suiji_backup_restore:
 * @database_path: the database to restore into; need not exist
 * @backup_path: a backup, as suiji_backup_write () writes it or any copy
 *   of a Suiji database
 * @kept_path: (out) (optional) (transfer full): where the database as it
 *   was is kept (PATH.before-restore-YYYYmmdd-HHMMSS.bak), %NULL when
 *   there was none
 *
 * Replaces the database's contents with the backup's, after checking the
 * backup (see suiji_backup_check ()) and keeping the database as it was
 * beside it. The contents change in one transaction: a program that has
 * the database open sees the old or the new, and should open it again to
 * show the new. Nothing is changed when any step fails.
 */
gboolean
suiji_backup_restore (const char *database_path,
                      const char *backup_path,
                      char      **kept_path,
                      GError    **error)
{
  g_autofree char *copy = NULL;
  g_autofree char *kept = NULL;
  gboolean         restored;

  g_return_val_if_fail (database_path != NULL, FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (kept_path != NULL)
    *kept_path = NULL;

  if (is_database_file (backup_path, database_path))
    {
      g_autofree char *display = g_filename_display_name (backup_path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is the database itself: choose a backup to restore from."), display);
      return FALSE;
    }

  if (!check_file (backup_path, backup_path, NULL, error))
    return FALSE;

  copy = prepare_copy (database_path, backup_path, error);
  if (copy == NULL)
    return FALSE;

  if (!g_file_test (database_path, G_FILE_TEST_EXISTS))
    {
      /* Nothing to keep; a WAL left without its database must not be
       * read into the new one. */
      g_autofree char *wal = g_strconcat (database_path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (database_path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      restored = g_rename (copy, database_path) == 0;
      if (!restored)
        set_rename_error (error, database_path, errno);
    }
  else
    restored = replace_database (database_path, copy, &kept, error);

  remove_with_companions (copy);
  if (restored && kept_path != NULL)
    *kept_path = g_steal_pointer (&kept);
  return restored;
}
