/* test-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "suiji-database-private.h"

static char *
tmp_db_path (void)
{
  return g_build_filename (g_get_user_cache_dir (), "test.db", NULL);
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static char *
query_text (SuijiDatabase *db, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup (_suiji_column_text (stmt, 0));
}

static void
test_create_sets_up_schema (void)
{
  g_autofree char *path =
      g_build_filename (g_get_user_cache_dir (), "nested", "folder", "new.db", NULL);
  g_autoptr (SuijiDatabase) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *foreign_keys = NULL;

  db = suiji_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (suiji_database_get_schema_version (db), ==, SUIJI_DATABASE_SCHEMA_VERSION);
  g_assert_null (suiji_database_get_backup_path (db));
  g_assert_true (suiji_database_is_empty (db));

  journal = query_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  foreign_keys = query_text (db, "PRAGMA foreign_keys");
  g_assert_cmpstr (foreign_keys, ==, "1");
}

static void
test_reopen_keeps_data (void)
{
  g_autofree char *path = tmp_db_path ();
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;

  {
    g_autoptr (SuijiDatabase) db = suiji_database_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (_suiji_database_exec (
        db, "INSERT INTO departments (name) VALUES ('沙河市教育局')", &error));
  }

  {
    g_autoptr (SuijiDatabase) db = suiji_database_open (path, &error);
    g_assert_no_error (error);
    g_assert_false (suiji_database_is_empty (db));
    g_assert_null (suiji_database_get_backup_path (db));
    name = query_text (db, "SELECT name FROM departments");
    g_assert_cmpstr (name, ==, "沙河市教育局");
  }
}

static void
test_newer_file_is_refused_untouched (void)
{
  g_autofree char *path = tmp_db_path ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal_path = NULL;
  g_autoptr (GError) error = NULL;
  SuijiDatabase *db;

  {
    g_autoptr (SuijiDatabase) created = suiji_database_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (_suiji_database_exec (created, "PRAGMA journal_mode = DELETE", &error));
    g_assert_true (_suiji_database_exec (created, "PRAGMA user_version = 99", &error));
  }

  before = file_digest (path);
  db = suiji_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "99"));
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
  /* Refusing must not turn the file back to WAL either. */
  wal_path = g_strconcat (path, "-wal", NULL);
  g_assert_false (g_file_test (wal_path, G_FILE_TEST_EXISTS));
}

static void
test_other_sqlite_file_is_refused_untouched (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "other.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *handle = NULL;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "CREATE TABLE invoices (id INTEGER)", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (handle);

  before = file_digest (path);
  g_assert_null (suiji_database_open (path, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_NOT_A_DATABASE);
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_garbage_file_is_refused (void)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "garbage.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  char garbage[4096];

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) (i * 7 + 3);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));

  before = file_digest (path);
  g_assert_null (suiji_database_open (path, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_NOT_A_DATABASE);
  g_assert_nonnull (strstr (error->message, "garbage.db"));
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_unusable_folder_is_reported (void)
{
  g_autofree char *blocker = g_build_filename (g_get_user_cache_dir (), "a-file", NULL);
  g_autofree char *path = g_build_filename (blocker, "suiji.db", NULL);
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (g_file_set_contents (blocker, "not a folder", -1, NULL));
  g_assert_null (suiji_database_open (path, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_OPEN);
}

static const char *const first_steps[] = {
  "CREATE TABLE things (id INTEGER PRIMARY KEY, label TEXT);"
  "INSERT INTO things (label) VALUES ('kept');",
};

static void
test_migration_backs_up_first (void)
{
  g_autofree char *path = tmp_db_path ();
  g_autoptr (GError) error = NULL;
  const char *const steps[] = {
    first_steps[0],
    "ALTER TABLE things ADD COLUMN weight INTEGER NOT NULL DEFAULT 7;",
  };

  {
    g_autoptr (SuijiDatabase) db =
        _suiji_database_open_with_migrations (path, first_steps, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (suiji_database_get_schema_version (db), ==, 1);
  }

  {
    g_autoptr (SuijiDatabase) db = _suiji_database_open_with_migrations (path, steps, 2, &error);
    g_autoptr (SuijiDatabase) backup = NULL;
    g_autofree char *weight = NULL;
    g_autofree char *label = NULL;
    const char      *backup_path;

    g_assert_no_error (error);
    g_assert_cmpint (suiji_database_get_schema_version (db), ==, 2);
    weight = query_text (db, "SELECT weight FROM things");
    g_assert_cmpstr (weight, ==, "7");

    backup_path = suiji_database_get_backup_path (db);
    g_assert_nonnull (backup_path);
    g_assert_true (g_str_has_prefix (backup_path, path));
    /* The copy is the file as it was: version 1, without the new column. */
    backup = _suiji_database_open_with_migrations (backup_path, first_steps, 1, &error);
    g_assert_no_error (error);
    label = query_text (backup, "SELECT group_concat(name) FROM pragma_table_info('things')");
    g_assert_cmpstr (label, ==, "id,label");
  }
}

static void
test_failed_migration_changes_nothing (void)
{
  g_autofree char *path = tmp_db_path ();
  g_autoptr (GError) error = NULL;
  const char *const steps[] = {
    first_steps[0],
    "ALTER TABLE things ADD COLUMN weight INTEGER;"
    "INSERT INTO no_such_table VALUES (1);",
  };

  {
    g_autoptr (SuijiDatabase) db =
        _suiji_database_open_with_migrations (path, first_steps, 1, &error);
    g_assert_no_error (error);
  }

  g_assert_null (_suiji_database_open_with_migrations (path, steps, 2, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FAILED);
  g_clear_error (&error);

  {
    g_autoptr (SuijiDatabase) db =
        _suiji_database_open_with_migrations (path, first_steps, 1, &error);
    g_autofree char *columns = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (suiji_database_get_schema_version (db), ==, 1);
    columns = query_text (db, "SELECT group_concat(name) FROM pragma_table_info('things')");
    g_assert_cmpstr (columns, ==, "id,label");
  }
}

static void
test_second_connection_waits_instead_of_failing (void)
{
  g_autofree char *path = tmp_db_path ();
  g_autoptr (SuijiDatabase) first = NULL;
  g_autoptr (SuijiDatabase) second = NULL;
  g_autoptr (GError) error = NULL;

  first = suiji_database_open (path, &error);
  g_assert_no_error (error);
  second = suiji_database_open (path, &error);
  g_assert_no_error (error);

  g_assert_true (_suiji_database_begin (first, &error));
  g_assert_true (
      _suiji_database_exec (first, "INSERT INTO departments (name) VALUES ('甲')", &error));
  /* Reads go on under WAL while the other connection writes. */
  g_assert_true (suiji_database_is_empty (second));
  g_assert_true (_suiji_database_commit (first, &error));
  g_assert_false (suiji_database_is_empty (second));
}

/* Every released version of the file opens in this build, keeps its rows
 * and leaves a backup of itself. */
static void
test_every_version_upgrades (void)
{
  const char *const *steps = _suiji_database_get_migrations ();

  for (int version = 1; version < SUIJI_DATABASE_SCHEMA_VERSION; version++)
    {
      g_autofree char *name = g_strdup_printf ("v%d.db", version);
      g_autofree char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);
      g_autoptr (GError) error = NULL;
      g_autofree char *kept = NULL;

      {
        g_autoptr (SuijiDatabase) old =
            _suiji_database_open_with_migrations (path, steps, version, &error);
        g_assert_no_error (error);
        g_assert_true (_suiji_database_exec (
            old, "INSERT INTO departments (name) VALUES ('沙河市商务局')", &error));
      }

      {
        g_autoptr (SuijiDatabase) db = suiji_database_open (path, &error);
        g_assert_no_error (error);
        g_assert_cmpint (suiji_database_get_schema_version (db), ==, SUIJI_DATABASE_SCHEMA_VERSION);
        g_assert_nonnull (suiji_database_get_backup_path (db));
        g_assert_true (g_file_test (suiji_database_get_backup_path (db), G_FILE_TEST_EXISTS));
        kept = query_text (db, "SELECT name FROM departments");
        g_assert_cmpstr (kept, ==, "沙河市商务局");
      }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/database/create", test_create_sets_up_schema);
  g_test_add_func ("/database/reopen", test_reopen_keeps_data);
  g_test_add_func ("/database/newer-refused", test_newer_file_is_refused_untouched);
  g_test_add_func ("/database/other-sqlite-refused", test_other_sqlite_file_is_refused_untouched);
  g_test_add_func ("/database/garbage-refused", test_garbage_file_is_refused);
  g_test_add_func ("/database/unusable-folder", test_unusable_folder_is_reported);
  g_test_add_func ("/database/migration-backup", test_migration_backs_up_first);
  g_test_add_func ("/database/migration-failure", test_failed_migration_changes_nothing);
  g_test_add_func ("/database/every-version-upgrades", test_every_version_upgrades);
  g_test_add_func ("/database/two-connections", test_second_connection_waits_instead_of_failing);

  return g_test_run ();
}
