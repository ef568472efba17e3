/* test-faults.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the user meets when the file cannot be written, the disk is full,
 * or another program (the window, a second suiji-cli) is writing: a
 * sentence that says what to do, and a database that is as it was.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "suiji-backup.h"
#include "suiji-core-test-utils.h"
#include "suiji-database-private.h"
#include "suiji-form-report.h"
#include "suiji-import.h"
#include "suiji-task-draw.h"

/* nobody: a user who may read the files of the test, not write them. */
#define UNPRIVILEGED_ID 65534

static char *
write_subjects_csv (const char *name, guint n_rows)
{
  g_autoptr (GString) text = g_string_new ("统一社会信用代码,企业名称,信用风险分类,所属区域\n");
  char *path = g_build_filename (g_get_user_cache_dir (), name, NULL);

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "130582%09u,沙河市测试商贸%u号有限公司,%c,桥东街道\n", i, i,
                            "ABCD"[i % 4]);
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, NULL));
  return path;
}

static gboolean
import_csv (SuijiDatabase *db, const char *csv, GError **error)
{
  g_autoptr (GError) read_error = NULL;
  SuijiTable *table = suiji_table_read_file (csv, NULL, NULL, &read_error);
  g_autoptr (SuijiImport) import = NULL;
  SuijiImportSummary summary;

  g_assert_no_error (read_error);
  import = suiji_import_new (db, SUIJI_DIRECTORY_SUBJECTS, table, csv);
  return suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary, error);
}

static gboolean
save_form (SuijiDatabase *db, gint64 value, GError **error)
{
  g_autoptr (SuijiFormReport) report = suiji_form_report_new (SUIJI_FORM_REGION, 2025, 5, 0, "");

  suiji_form_report_set_value (report, 2, 0, value);
  return suiji_form_report_save (db, report, error);
}

static gint64
save_draw (SuijiDatabase *db, GError **error)
{
  g_autoptr (SuijiDrawRecord) record = suiji_task_prepare_draw (db, 1, error);
  guint8 seed[SUIJI_DRAW_SEED_SIZE] = { 42 };

  g_assert_nonnull (record);
  suiji_draw_record_set_seed_random (record, seed);
  g_assert_true (suiji_draw_run (record, NULL));
  return suiji_task_save_draw (db, 1, record, error);
}

static void
assert_names_file (const GError *error, const char *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, display));
  g_assert_null (strstr (error->message, "locked"));
}

/* A folder holding a database with a task; FOLDER/suiji.db. */
static char *
make_folder_database (char **folder)
{
  g_autofree char *top = g_dir_make_tmp ("suiji-faults-XXXXXX", NULL);
  g_autofree char *path = NULL;

  g_assert_nonnull (top);
  g_assert_cmpint (g_chmod (top, 0755), ==, 0);
  *folder = g_build_filename (top, "data", NULL);
  path = g_build_filename (*folder, "suiji.db", NULL);
  {
    g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);

    suiji_test_fill_sample (db, 40);
    suiji_test_create_task (db, "只读测试");
  }
  return g_steal_pointer (&path);
}

static void
remove_folder_database (const char *folder, const char *path)
{
  g_autofree char *top = g_path_get_dirname (folder);
  g_autoptr (GDir) dir = NULL;
  const char *name;

  g_chmod (folder, 0700);
  dir = g_dir_open (folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (folder, name, NULL);

      g_unlink (file);
    }
  g_rmdir (folder);
  g_rmdir (top);
}

/* Root may write any file, so a test run as root becomes nobody first. */
static void
become_unprivileged (void)
{
  if (geteuid () != 0)
    return;
  g_assert_cmpint (setgid (UNPRIVILEGED_ID), ==, 0);
  g_assert_cmpint (setuid (UNPRIVILEGED_ID), ==, 0);
}

/* The file and its folder read-only: the database does not open, and
 * says why. */
static void
read_only_folder_child (void)
{
  const char *path = g_getenv ("SUIJI_TEST_DATABASE");
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDatabase) db = NULL;

  become_unprivileged ();
  db = suiji_database_open (path, &error);
  g_assert_null (db);
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_READ_ONLY);
  assert_names_file (error, path);
  g_assert_nonnull (strstr (error->message, "writable"));
}

/* The file read-only in a folder that is not: it opens for reading, and
 * each write is refused with the same sentence. */
static void
read_only_file_child (void)
{
  const char *path = g_getenv ("SUIJI_TEST_DATABASE");
  const char *csv = g_getenv ("SUIJI_TEST_CSV");
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDatabase) db = NULL;
  g_autofree char *subjects = NULL;

  become_unprivileged ();
  db = suiji_database_open (path, &error);
  g_assert_no_error (error);
  subjects = suiji_test_query (db, "SELECT count(*) FROM subjects");
  g_assert_cmpstr (subjects, ==, "40");

  g_assert_false (import_csv (db, csv, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_READ_ONLY);
  assert_names_file (error, path);
  g_clear_error (&error);

  g_assert_cmpint (save_draw (db, &error), ==, 0);
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (save_form (db, 12, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_READ_ONLY);
  assert_names_file (error, path);
}

static void
run_read_only (int folder_mode, const char *child)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = make_folder_database (&folder);
  g_autofree char *csv = write_subjects_csv ("more.csv", 20);
  g_autofree char *before = suiji_test_file_digest (path);
  g_autofree char *after = NULL;
  g_autofree char *integrity = NULL;
  g_autofree char *child_path = g_strdup_printf ("/faults/%s", child);

  /* nobody must reach the CSV too. */
  g_assert_cmpint (g_chmod (csv, 0644), ==, 0);
  {
    g_autofree char *cache = g_path_get_dirname (csv);
    g_autofree char *moved = g_build_filename (folder, "..", "more.csv", NULL);

    g_assert_cmpint (g_rename (csv, moved), ==, 0);
    g_free (csv);
    csv = g_canonicalize_filename (moved, NULL);
  }
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (folder, folder_mode), ==, 0);

  g_setenv ("SUIJI_TEST_DATABASE", path, TRUE);
  g_setenv ("SUIJI_TEST_CSV", csv, TRUE);
  g_test_trap_subprocess (child_path, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* Nothing was changed, byte for byte. */
  g_chmod (folder, 0755);
  g_chmod (path, 0644);
  after = suiji_test_file_digest (path);
  g_assert_cmpstr (before, ==, after);
  integrity = suiji_test_query_file (path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");

  g_unlink (csv);
  remove_folder_database (folder, path);
}

static void
test_read_only_folder (void)
{
  if (g_test_subprocess ())
    read_only_folder_child ();
  else
    run_read_only (0555, "read-only-folder");
}

static void
test_read_only_file (void)
{
  if (g_test_subprocess ())
    read_only_file_child ();
  else
    run_read_only (0777, "read-only-file");
}

/* SQLite's page limit stands in for a full disk: an import and a draw
 * that need room are refused whole. */
static void
test_full_disk (void)
{
  g_autofree char *path = suiji_test_database_path ("full.db");
  g_autofree char *csv = write_subjects_csv ("big.csv", 3000);
  g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *pages = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *subjects = NULL;
  g_autofree char *draws = NULL;
  g_autofree char *integrity = NULL;

  /* Enough subjects that the draw's packed record needs pages of its own. */
  suiji_test_fill_sample (db, 3000);
  suiji_test_create_task (db, "满盘测试");
  pages = suiji_test_query (db, "PRAGMA page_count");
  limit = g_strdup_printf ("PRAGMA max_page_count = %s", pages);
  g_assert_true (_suiji_database_exec (db, limit, &error));

  g_assert_false (import_csv (db, csv, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FULL);
  assert_names_file (error, path);
  g_assert_nonnull (strstr (error->message, "full"));
  g_clear_error (&error);

  g_assert_cmpint (save_draw (db, &error), ==, 0);
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FULL);
  g_clear_error (&error);

  subjects = suiji_test_query (db, "SELECT count(*) FROM subjects");
  draws = suiji_test_query (db, "SELECT count(*) || ' ' || (SELECT count(*) FROM draw_subjects)"
                                " || ' ' || (SELECT state FROM tasks WHERE id = 1) FROM draws");
  integrity = suiji_test_query (db, "PRAGMA integrity_check");
  g_assert_cmpstr (subjects, ==, "3000");
  g_assert_cmpstr (draws, ==, "0 0 draft");
  g_assert_cmpstr (integrity, ==, "ok");

  /* With room again the same work goes through. */
  g_assert_true (_suiji_database_exec (db, "PRAGMA max_page_count = 1073741823", &error));
  g_assert_true (import_csv (db, csv, &error));
  g_assert_cmpint (save_draw (db, &error), >, 0);
}

/* A file size limit makes the disk full for real: the backup fails with
 * the sentence for a full disk and leaves no file behind. */
static void
full_backup_child (void)
{
  const char *path = g_getenv ("SUIJI_TEST_DATABASE");
  const char *target = g_getenv ("SUIJI_TEST_BACKUP");
  g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
  g_autoptr (GError) error = NULL;
  struct rlimit limit = { 64 * 1024, 64 * 1024 };

  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
  g_assert_false (suiji_backup_write (db, target, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FULL);
  assert_names_file (error, target);
}

static void
test_full_disk_backup (void)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *target = NULL;

  if (g_test_subprocess ())
    {
      full_backup_child ();
      return;
    }

  /* Outside the test's own folders, which its subprocess clears. */
  folder = g_dir_make_tmp ("suiji-full-XXXXXX", NULL);
  path = g_build_filename (folder, "source.db", NULL);
  target = g_build_filename (folder, "备份.db", NULL);
  {
    g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);

    suiji_test_fill_sample (db, 300);
  }
  g_setenv ("SUIJI_TEST_DATABASE", path, TRUE);
  g_setenv ("SUIJI_TEST_BACKUP", target, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();

  /* Only the database is there: no backup, not half of one. */
  {
    g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    g_assert_nonnull (dir);
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (folder, name, NULL);

        g_assert_true (g_str_has_prefix (name, "source.db"));
        g_unlink (file);
      }
  }
  g_rmdir (folder);
}

typedef struct
{
  char    *path;
  guint    hold_ms;
  GMutex   lock;
  GCond    cond;
  gboolean holding;
} Holder;

/* Another program in the middle of a long write: the window importing
 * while suiji-cli saves a form, say. */
static gpointer
hold_write_lock (gpointer data)
{
  Holder *holder = data;
  g_autoptr (SuijiDatabase) db = suiji_test_open_database (holder->path);
  g_autoptr (GError) error = NULL;

  g_assert_true (_suiji_database_begin (db, &error));
  g_assert_true (_suiji_database_exec (
      db, "INSERT INTO departments (name) VALUES ('长事务的部门' || random ())", &error));
  g_mutex_lock (&holder->lock);
  holder->holding = TRUE;
  g_cond_signal (&holder->cond);
  g_mutex_unlock (&holder->lock);

  g_usleep (holder->hold_ms * 1000);
  g_assert_true (_suiji_database_commit (db, &error));
  return NULL;
}

static GThread *
start_holder (Holder *holder, const char *path, guint hold_ms)
{
  GThread *thread;

  holder->path = g_strdup (path);
  holder->hold_ms = hold_ms;
  holder->holding = FALSE;
  g_mutex_init (&holder->lock);
  g_cond_init (&holder->cond);
  thread = g_thread_new ("holder", hold_write_lock, holder);
  g_mutex_lock (&holder->lock);
  while (!holder->holding)
    g_cond_wait (&holder->cond, &holder->lock);
  g_mutex_unlock (&holder->lock);
  return thread;
}

static void
finish_holder (Holder *holder, GThread *thread)
{
  g_thread_join (thread);
  g_free (holder->path);
  g_mutex_clear (&holder->lock);
  g_cond_clear (&holder->cond);
}

/* A write that meets a shorter write waits for it and goes through: the
 * import, the draw and the form save each while another connection holds
 * the write lock for a second. */
static void
test_busy_waits (void)
{
  g_autofree char *path = suiji_test_database_path ("shared.db");
  g_autofree char *csv = write_subjects_csv ("while-busy.csv", 500);
  g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
  g_autoptr (GError) error = NULL;
  Holder   holder;
  GThread *thread;
  gint64   started;

  suiji_test_fill_sample (db, 40);
  suiji_test_create_task (db, "并发测试");

  thread = start_holder (&holder, path, 1000);
  started = g_get_monotonic_time ();
  g_assert_true (import_csv (db, csv, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 500 * 1000);
  finish_holder (&holder, thread);

  thread = start_holder (&holder, path, 1000);
  g_assert_cmpint (save_draw (db, &error), >, 0);
  g_assert_no_error (error);
  finish_holder (&holder, thread);

  thread = start_holder (&holder, path, 1000);
  g_assert_true (save_form (db, 7, &error));
  g_assert_no_error (error);
  finish_holder (&holder, thread);
}

/* A write that meets one longer than Suiji waits is refused with a
 * sentence that says what to do, never SQLite's "database is locked";
 * nothing of it is written. The wait is shortened for the test. */
static void
test_busy_too_long (void)
{
  g_autofree char *path = suiji_test_database_path ("shared.db");
  g_autofree char *csv = write_subjects_csv ("too-long.csv", 50);
  g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *subjects = NULL;
  Holder           holder;
  GThread         *thread;

  suiji_test_fill_sample (db, 40);
  _suiji_database_set_busy_timeout (db, 200);

  thread = start_holder (&holder, path, 1500);
  g_assert_false (import_csv (db, csv, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_BUSY);
  assert_names_file (error, path);
  g_assert_nonnull (strstr (error->message, "Try again"));
  g_clear_error (&error);
  g_assert_false (save_form (db, 3, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_BUSY);
  finish_holder (&holder, thread);

  subjects = suiji_test_query (db, "SELECT count(*) FROM subjects");
  g_assert_cmpstr (subjects, ==, "40");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/faults/read-only-folder", test_read_only_folder);
  g_test_add_func ("/faults/read-only-file", test_read_only_file);
  g_test_add_func ("/faults/full-disk", test_full_disk);
  g_test_add_func ("/faults/full-disk-backup", test_full_disk_backup);
  g_test_add_func ("/faults/busy-waits", test_busy_waits);
  g_test_add_func ("/faults/busy-too-long", test_busy_too_long);

  return g_test_run ();
}
