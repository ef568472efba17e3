/* suiji-test-world.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-draw.h"
#include "suiji-task-draw.h"
#include "suiji-task.h"
#include "suiji-test-world.h"

static const char *const subject_types[] = { "企业",       "企业",           "企业",
                                             "个体工商户", "农民专业合作社", "其他" };
static const char *const classes[] = { "A", "B", "C", "D", NULL };

/* Two inspectors of different departments share this name, so that a
 * name alone can be ambiguous. */
#define SHARED_NAME "王伟"

SuijiDatabase *
test_world_open (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr (GError) error = NULL;
  SuijiDatabase *db;

  g_unlink (path);
  db = suiji_database_open (path, &error);
  g_assert_no_error (error);
  return db;
}

static void
exec (SuijiDatabase *db, sqlite3_stmt *stmt)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (_suiji_database_run (db, stmt, &error));
  g_assert_no_error (error);
}

/**
 * test_world_fill:
 *
 * @n_departments departments (the first a market-regulation bureau, the
 * others one in four), @n_subjects subjects of random type, class and
 * department, and three inspectors per department with badges
 * "B<department>-<n>" and names "检查员<department>-<n>", one of each
 * department's called 王伟.
 */
void
test_world_fill (
    SuijiDatabase *db, GRand *rand, guint n_departments, guint n_subjects, TestWorld *world)
{
  g_autoptr (sqlite3_stmt) subject = NULL;
  g_autoptr (sqlite3_stmt) inspector = NULL;
  g_autoptr (GError) error = NULL;

  world->departments = g_array_new (FALSE, FALSE, sizeof (gint64));
  world->department_names = g_ptr_array_new_with_free_func (g_free);

  for (guint d = 0; d < n_departments; d++)
    {
      char  *name = g_strdup_printf ("测试部门%u", d + 1);
      gint64 id = suiji_department_ensure (db, name, NULL,
                                           d == 0 || g_rand_int_range (rand, 0, 4) == 0, &error);

      g_assert_no_error (error);
      g_array_append_val (world->departments, id);
      g_ptr_array_add (world->department_names, name);
    }

  g_assert_true (_suiji_database_begin (db, &error));
  subject = _suiji_database_prepare (
      db,
      "INSERT INTO subjects (key, name, subject_type, credit_class, department_id)"
      " VALUES (?1, ?2, ?3, ?4, ?5)",
      &error);
  inspector = _suiji_database_prepare (
      db,
      "INSERT INTO inspectors (name, badge, badge_valid_until, department_id)"
      " VALUES (?1, ?2, '2099-12-31', ?3)",
      &error);
  g_assert_no_error (error);

  for (guint i = 0; i < n_subjects; i++)
    {
      g_autofree char *key = g_strdup_printf ("K%06u", i);
      g_autofree char *name = g_strdup_printf ("测试主体%u", i);
      const char      *credit_class = classes[g_rand_int_range (rand, 0, G_N_ELEMENTS (classes))];

      sqlite3_bind_text (subject, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (subject, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (subject, 3,
                         subject_types[g_rand_int_range (rand, 0, G_N_ELEMENTS (subject_types))],
                         -1, SQLITE_STATIC);
      sqlite3_bind_text (subject, 4, credit_class, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (subject, 5,
                          g_array_index (world->departments, gint64,
                                         g_rand_int_range (rand, 0, (gint32) n_departments)));
      exec (db, subject);
    }

  for (guint d = 0; d < n_departments; d++)
    for (guint k = 0; k < 3; k++)
      {
        g_autofree char *badge = g_strdup_printf ("B%u-%u", d + 1, k + 1);
        g_autofree char *name =
            k == 0 ? g_strdup (SHARED_NAME) : g_strdup_printf ("检查员%u-%u", d + 1, k + 1);

        sqlite3_bind_text (inspector, 1, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (inspector, 2, badge, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64 (inspector, 3, g_array_index (world->departments, gint64, d));
        exec (db, inspector);
      }

  g_assert_true (_suiji_database_commit (db, &error));
}

void
test_world_clear (TestWorld *world)
{
  g_clear_pointer (&world->departments, g_array_unref);
  g_clear_pointer (&world->department_names, g_ptr_array_unref);
}

/**
 * test_world_task:
 * @counts: the rules as counts, "A=2,B=1" or, not stratified, "全部=5"
 * @filter: (nullable): the pool filter
 *
 * Creates a task through the task API.
 */
gint64
test_world_task (SuijiDatabase *db,
                 const char    *name,
                 int            year,
                 const gint64  *departments,
                 guint          n_departments,
                 gboolean       other_platform,
                 gboolean       stratified,
                 const char    *counts,
                 const char    *filter)
{
  g_autoptr (SuijiTaskRecord) task = suiji_task_record_new ();
  g_autoptr (GError) error = NULL;
  gint64 id;

  task->name = g_strdup (name);
  task->year = year;
  task->stratified = stratified;
  if (other_platform)
    {
      g_free (task->platform);
      task->platform = g_strdup (SUIJI_PLATFORM_OTHER);
    }
  if (filter != NULL)
    {
      g_free (task->pool_filter);
      task->pool_filter = g_strdup (filter);
    }
  for (guint i = 0; i < n_departments; i++)
    {
      guint none = 0;

      g_array_append_val (task->department_ids, departments[i]);
      g_array_append_val (task->department_inspectors, none);
    }

  g_assert_true (suiji_task_parse_rules (task, counts, TRUE, &error));
  id = suiji_task_create (db, task, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/**
 * test_world_draw:
 * @drawn_at: the time of the draw, ISO 8601 with its offset
 *
 * Draws the task through the draw API on that day, with a seed made of
 * @seed, and saves the draw.
 */
gint64
test_world_draw (SuijiDatabase *db, gint64 task_id, const char *drawn_at, guint32 seed)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_iso8601 (drawn_at, NULL);
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = g_strdup_printf ("seed %u", seed);
  gint64           draw_id;

  g_assert_nonnull (at);
  record = suiji_task_prepare_draw_at (db, task_id, at, &error);
  g_assert_no_error (error);
  suiji_draw_record_set_seed_text (record, text);
  g_assert_true (suiji_draw_run (record, &error));
  g_assert_no_error (error);
  draw_id = suiji_task_save_draw (db, task_id, record, &error);
  g_assert_no_error (error);
  g_assert_cmpint (draw_id, >, 0);
  return draw_id;
}

gint64
test_world_query_int (SuijiDatabase *db, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}
