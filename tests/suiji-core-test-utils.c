/* suiji-core-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "suiji-core-test-utils.h"
#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-sample-data.h"
#include "suiji-task-draw.h"
#include "suiji-task.h"

/* A file in the test's own data folder (G_TEST_OPTION_ISOLATE_DIRS). */
char *
suiji_test_database_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

SuijiDatabase *
suiji_test_open_database (const char *path)
{
  g_autoptr (GError) error = NULL;
  SuijiDatabase *db = suiji_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

void
suiji_test_fill_sample (SuijiDatabase *db, guint n_subjects)
{
  g_autoptr (GError) error = NULL;
  SuijiSampleDataCounts counts;

  g_assert_true (suiji_sample_data_fill_directories (db, n_subjects, 7, &counts, &error));
  g_assert_no_error (error);
}

/* A task of the market regulation bureau of the sample data that draws a
 * few subjects of every class. */
gint64
suiji_test_create_task (SuijiDatabase *db, const char *name)
{
  g_autoptr (SuijiTaskRecord) task = suiji_task_record_new ();
  g_autoptr (GError) error = NULL;
  gint64 lead = suiji_department_ensure (db, "沙河市市场监督管理局", "市场监管局", TRUE, &error);
  guint  none = 0;
  gint64 id;

  g_assert_no_error (error);
  g_free (task->name);
  task->name = g_strdup (name);
  task->year = 2025;
  g_array_append_val (task->department_ids, lead);
  g_array_append_val (task->department_inspectors, none);
  g_assert_true (suiji_task_parse_rules (task, "A=2,B=2,C=1,D=1", TRUE, &error));
  id = suiji_task_create (db, task, &error);
  g_assert_no_error (error);
  return id;
}

gint64
suiji_test_draw (SuijiDatabase *db, gint64 task_id, guint8 seed_byte)
{
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (GError) error = NULL;
  guint8 seed[SUIJI_DRAW_SEED_SIZE] = { seed_byte };
  gint64 draw_id;

  record = suiji_task_prepare_draw (db, task_id, &error);
  g_assert_no_error (error);
  suiji_draw_record_set_seed_random (record, seed);
  g_assert_true (suiji_draw_run (record, &error));
  draw_id = suiji_task_save_draw (db, task_id, record, &error);
  g_assert_no_error (error);
  return draw_id;
}

/* The time of the draw that the tests write into their records: a
 * record of the same inputs is then the same file. */
void
suiji_test_set_draw_time (SuijiDrawRecord *rec)
{
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("+08:00");
  g_autoptr (GDateTime) time = g_date_time_new (zone, 2025, 3, 1, 9, 30, 0);

  suiji_draw_record_set_drawn_at (rec, time);
}

/* The first column of the first row as text; "" for NULL or no row. */
char *
suiji_test_query (SuijiDatabase *db, const char *sql)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, &error);

  g_assert_no_error (error);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return g_strdup ("");
  return g_strdup (_suiji_column_text (stmt, 0));
}

/* The same through a raw connection of its own, as another program (or
 * someone with the sqlite3 shell) sees the file. */
char *
suiji_test_query_file (const char *path, const char *sql)
{
  sqlite3      *handle = NULL;
  sqlite3_stmt *stmt = NULL;
  char         *text;

  g_assert_cmpint (sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (handle, 10000);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  text = g_strdup (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL
                       ? (const char *) sqlite3_column_text (stmt, 0)
                       : "");
  sqlite3_finalize (stmt);
  sqlite3_close (handle);
  return text;
}

/* Runs SQL on the file behind Suiji's back, as the sqlite3 shell would. */
void
suiji_test_exec_file (const char *path, const char *sql)
{
  sqlite3 *handle = NULL;
  char    *message = NULL;

  g_assert_cmpint (
      sqlite3_open_v2 (path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==,
      SQLITE_OK);
  sqlite3_busy_timeout (handle, 10000);
  if (sqlite3_exec (handle, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (handle);
}

/* The SHA-256 of the file's bytes, to show that nothing touched it. */
char *
suiji_test_file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}
