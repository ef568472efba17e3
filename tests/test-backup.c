/* test-backup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Backup and restore: the copy is whole and consistent while another
 * connection writes; a restore checks the file before anything changes,
 * keeps the database it replaces, and leaves no temporary file behind.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "suiji-backup.h"
#include "suiji-core-test-utils.h"
#include "suiji-database-private.h"
#include "suiji-draw-audit.h"

/* A database with the sample data and two draws, and its folder. */
static char *
make_database (const char *folder_name, char **folder)
{
  g_autoptr (SuijiDatabase) db = NULL;
  g_autofree char *path = NULL;
  gint64           task;

  *folder = g_build_filename (g_get_user_data_dir (), folder_name, NULL);
  path = g_build_filename (*folder, "suiji.db", NULL);
  db = suiji_test_open_database (path);
  suiji_test_fill_sample (db, 50);
  task = suiji_test_create_task (db, "备份前的抽查");
  suiji_test_draw (db, task, 1);
  suiji_test_draw (db, task, 2);
  return g_steal_pointer (&path);
}

static guint
count_files (const char *folder)
{
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

static void
test_write_and_restore (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = make_database ("round-trip", &folder);
  g_autofree char *backup = g_build_filename (folder, "备份 2025-06.db", NULL);
  g_autofree char *kept = NULL;
  g_autoptr (GError) error = NULL;
  int version = 0;

  {
    g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);

    g_assert_true (suiji_backup_write (db, backup, &error));
    g_assert_no_error (error);
    /* Later work, which the restore takes back. */
    suiji_test_draw (db, 1, 3);
    g_assert_true (_suiji_database_exec (db, "DELETE FROM avoidances", &error));
  }

  /* The backup stands on its own: one file, rollback journal, checked. */
  g_assert_true (suiji_backup_check (backup, &version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, SUIJI_DATABASE_SCHEMA_VERSION);
  {
    g_autofree char *mode = suiji_test_query_file (backup, "PRAGMA journal_mode");
    g_autofree char *draws = suiji_test_query_file (backup, "SELECT count(*) FROM draws");

    g_assert_cmpstr (mode, ==, "delete");
    g_assert_cmpstr (draws, ==, "2");
  }

  g_assert_true (suiji_backup_restore (path, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, path));
  g_assert_true (strstr (kept, ".before-restore-") != NULL);
  g_assert_true (g_str_has_suffix (kept, ".bak"));

  {
    g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
    g_autofree char *draws = suiji_test_query (db, "SELECT count(*) FROM draws");
    g_autofree char *avoidances = suiji_test_query (db, "SELECT count(*) FROM avoidances");
    g_autofree char *kept_draws = suiji_test_query_file (kept, "SELECT count(*) FROM draws");
    g_autofree char *kept_avoidances =
        suiji_test_query_file (kept, "SELECT count(*) FROM avoidances");
    g_auto (SuijiDrawAudit) audit = { 0 };

    g_assert_cmpstr (draws, ==, "2");
    g_assert_cmpstr (avoidances, !=, "0");
    g_assert_cmpstr (kept_draws, ==, "3");
    g_assert_cmpstr (kept_avoidances, ==, "0");
    g_assert_true (suiji_draw_audit (db, &audit, &error));
    g_assert_null (audit.problem);
  }

  /* The database, its backup and the kept copy; nothing half-written. */
  g_assert_cmpuint (count_files (folder), ==, 3);
}

/* The online backup copies what is committed while another connection is
 * in the middle of a write. */
static void
test_backup_while_writing (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = make_database ("busy", &folder);
  g_autofree char *backup = g_build_filename (folder, "copy.db", NULL);
  g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
  g_autoptr (SuijiDatabase) writer = suiji_test_open_database (path);
  g_autoptr (GError) error = NULL;

  g_assert_true (_suiji_database_begin (writer, &error));
  g_assert_true (_suiji_database_exec (
      writer, "INSERT INTO departments (name) VALUES ('未提交的部门')", &error));
  g_assert_true (suiji_backup_write (db, backup, &error));
  g_assert_no_error (error);
  g_assert_true (_suiji_database_commit (writer, &error));

  {
    g_autofree char *integrity = suiji_test_query_file (backup, "PRAGMA integrity_check");
    g_autofree char *uncommitted = suiji_test_query_file (
        backup, "SELECT count(*) FROM departments WHERE name = '未提交的部门'");

    g_assert_cmpstr (integrity, ==, "ok");
    g_assert_cmpstr (uncommitted, ==, "0");
  }
}

static void
expect_refused (const char *path, const char *backup, GQuark domain, int code)
{
  g_autofree char *before = suiji_test_file_digest (path);
  g_autofree char *after = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *shown = g_filename_display_basename (backup);
  g_autoptr (GError) error = NULL;
  guint n_files = count_files (folder);

  g_assert_false (suiji_backup_restore (path, backup, &kept, &error));
  g_assert_error (error, domain, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, shown));
  g_assert_null (kept);

  after = suiji_test_file_digest (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (count_files (folder), ==, n_files);
}

static void
test_restore_refuses (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = make_database ("refusals", &folder);
  g_autofree char *newer = g_build_filename (g_get_user_cache_dir (), "newer.db", NULL);
  g_autofree char *other = g_build_filename (g_get_user_cache_dir (), "other.db", NULL);
  g_autofree char *garbage = g_build_filename (g_get_user_cache_dir (), "garbage.db", NULL);
  g_autofree char *damaged = g_build_filename (g_get_user_cache_dir (), "damaged.db", NULL);
  g_autofree char *missing = g_build_filename (g_get_user_cache_dir (), "missing.db", NULL);
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  {
    g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);

    g_assert_true (suiji_backup_write (db, newer, &error));
    g_assert_true (suiji_backup_write (db, damaged, &error));
  }
  suiji_test_exec_file (newer, "PRAGMA user_version = 99");
  suiji_test_exec_file (other, "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('x')");
  g_assert_true (g_file_set_contents (garbage, "这不是数据库，只是一段文字。\n", -1, NULL));

  /* Pages of the subjects' index overwritten: SQLite still opens it, its
   * integrity check does not pass. */
  {
    g_autofree char *contents = NULL;
    gsize            length = 0;

    g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
    g_assert_cmpuint (length, >, 40 * 4096);
    memset (contents + 20 * 4096, 0x5a, 8 * 4096);
    g_assert_true (g_file_set_contents (damaged, contents, (gssize) length, NULL));
  }

  expect_refused (path, newer, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_TOO_NEW);
  expect_refused (path, other, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_NOT_A_DATABASE);
  expect_refused (path, garbage, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_NOT_A_DATABASE);
  expect_refused (path, damaged, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_NOT_A_DATABASE);
  expect_refused (path, missing, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  expect_refused (path, path, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

/* A backup of an older version is brought up to this one on the way in. */
static void
test_restore_older_version (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = make_database ("older", &folder);
  g_autofree char *old = g_build_filename (g_get_user_cache_dir (), "v3.db", NULL);
  g_autofree char *kept = NULL;
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (SuijiDatabase) db =
        _suiji_database_open_with_migrations (old, _suiji_database_get_migrations (), 3, &error);

    g_assert_no_error (error);
    g_assert_true (_suiji_database_exec (
        db, "INSERT INTO departments (name) VALUES ('沙河市商务局')", &error));
  }

  g_assert_true (suiji_backup_restore (path, old, &kept, &error));
  g_assert_no_error (error);

  {
    g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
    g_autofree char *names = suiji_test_query (db, "SELECT group_concat(name) FROM departments");
    g_autofree char *forms = suiji_test_query (db, "SELECT count(*) FROM form_reports");

    g_assert_cmpint (suiji_database_get_schema_version (db), ==, SUIJI_DATABASE_SCHEMA_VERSION);
    /* Migrated before it went in: this open needed no migration. */
    g_assert_null (suiji_database_get_backup_path (db));
    g_assert_cmpstr (names, ==, "沙河市商务局");
    g_assert_cmpstr (forms, ==, "0");
  }
  g_assert_cmpuint (count_files (folder), ==, 2);
}

/* A database that is no SQLite file any more is kept byte for byte. */
static void
test_restore_into_damaged (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = make_database ("damaged-live", &folder);
  g_autofree char *backup = g_build_filename (g_get_user_cache_dir (), "good.db", NULL);
  g_autofree char *kept = NULL;
  g_autofree char *kept_bytes = NULL;
  g_autoptr (GError) error = NULL;
  const char garbage[] = "\x01\x02 the disk went wrong here \xff\xfe";

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  {
    g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);

    g_assert_true (suiji_backup_write (db, backup, &error));
  }
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));

  g_assert_true (suiji_backup_restore (path, backup, &kept, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (kept, &kept_bytes, NULL, NULL));
  g_assert_cmpmem (kept_bytes, sizeof garbage, garbage, sizeof garbage);
  {
    g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
    g_autofree char *draws = suiji_test_query (db, "SELECT count(*) FROM draws");

    g_assert_cmpstr (draws, ==, "2");
  }
}

/* A restore into a database that does not exist yet keeps nothing. */
static void
test_restore_into_missing (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = make_database ("source", &folder);
  g_autofree char *target = g_build_filename (g_get_user_data_dir (), "new", "suiji.db", NULL);
  g_autofree char *kept = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (suiji_backup_restore (target, path, &kept, &error));
  g_assert_no_error (error);
  g_assert_null (kept);
  {
    g_autoptr (SuijiDatabase) db = suiji_test_open_database (target);
    g_autofree char *draws = suiji_test_query (db, "SELECT count(*) FROM draws");

    g_assert_cmpstr (draws, ==, "2");
  }
}

/* The window keeps its connection open during a restore: afterwards that
 * connection reads the restored contents. */
static void
test_restore_while_open (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = make_database ("open", &folder);
  g_autofree char *backup = g_build_filename (folder, "before.db", NULL);
  g_autoptr (SuijiDatabase) window = suiji_test_open_database (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *draws = NULL;

  g_assert_true (suiji_backup_write (window, backup, &error));
  suiji_test_draw (window, 1, 9);
  g_assert_true (suiji_backup_restore (path, backup, &kept, &error));
  g_assert_no_error (error);
  draws = suiji_test_query (window, "SELECT count(*) FROM draws");
  g_assert_cmpstr (draws, ==, "2");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/backup/write-and-restore", test_write_and_restore);
  g_test_add_func ("/backup/while-writing", test_backup_while_writing);
  g_test_add_func ("/backup/restore-refuses", test_restore_refuses);
  g_test_add_func ("/backup/restore-older-version", test_restore_older_version);
  g_test_add_func ("/backup/restore-into-damaged", test_restore_into_damaged);
  g_test_add_func ("/backup/restore-into-missing", test_restore_into_missing);
  g_test_add_func ("/backup/restore-while-open", test_restore_while_open);

  return g_test_run ();
}
