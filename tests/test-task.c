/* test-task.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE /* memmem */

#include "config.h"

#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-draw-publish.h"
#include "suiji-sample-data.h"
#include "suiji-saved-draw.h"
#include "suiji-stored-record-private.h"
#include "suiji-task-draw.h"
#include "suiji-task-summary.h"
#include "suiji-task.h"

#include <cairo-pdf.h>

#include <stdlib.h>
#include <string.h>

static SuijiDatabase *
open_fresh (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "task.db", NULL);
  g_autoptr (GError) error = NULL;
  SuijiDatabase *db = suiji_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

static SuijiTaskRecord *
joint_task (SuijiDatabase *db)
{
  SuijiTaskRecord *task = suiji_task_record_new ();
  gint64           lead = suiji_department_ensure (db, "沙河市市场监督管理局", "市场监管局", TRUE, NULL);
  gint64 other = suiji_department_ensure (db, "沙河市卫生健康局", "卫生健康局", FALSE, NULL);
  guint none = 0;

  task->name = g_strdup ("2025年餐饮服务单位部门联合抽查");
  task->year = 2025;
  g_array_append_val (task->department_ids, lead);
  g_array_append_val (task->department_ids, other);
  g_array_append_val (task->department_inspectors, none);
  g_array_append_val (task->department_inspectors, none);
  return task;
}

static void
test_create_and_load (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiTaskRecord) task = joint_task (db);
  g_autoptr (SuijiTaskRecord) loaded = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id;

  g_assert_true (suiji_task_default_rules (db, task, &error));
  g_assert_true (suiji_task_parse_rules (task, "C=1500,D=5", FALSE, &error));
  g_assert_true (suiji_task_parse_rules (task, "未分类=4", TRUE, &error));
  g_free (task->pool_filter);
  task->pool_filter = g_strdup ("type=企业,region=白塔镇,exclude=same-items");

  id = suiji_task_create (db, task, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  loaded = suiji_task_load (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "2025年餐饮服务单位部门联合抽查");
  g_assert_cmpstr (loaded->state, ==, "draft");
  g_assert_cmpstr (loaded->platform, ==, SUIJI_PLATFORM_HEBEI);
  g_assert_cmpuint (loaded->department_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (loaded->department_ids, gint64, 0), ==,
                   g_array_index (task->department_ids, gint64, 0));
  g_assert_cmpuint (loaded->rules->len, ==, 5);

  for (guint i = 0; i < loaded->rules->len; i++)
    {
      SuijiTaskRule *rule = g_ptr_array_index (loaded->rules, i);

      if (g_str_equal (rule->stratum, "A"))
        g_assert_cmpint (rule->bp, ==, 100);
      else if (g_str_equal (rule->stratum, "C"))
        g_assert_cmpint (rule->bp, ==, 1500);
      else if (g_str_equal (rule->stratum, "D"))
        g_assert_cmpint (rule->bp, ==, 5);
      else if (g_str_equal (rule->stratum, "未分类"))
        {
          g_assert_cmpint (rule->bp, ==, -1);
          g_assert_cmpint (rule->count, ==, 4);
        }
    }
}

static void
test_rules_refused (void)
{
  g_autoptr (SuijiTaskRecord) task = suiji_task_record_new ();
  const char *bad[] = { "A", "A=", "A=-1", "A=10001", "=5", "A=1.5", NULL };

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;

      g_assert_false (suiji_task_parse_rules (task, bad[i], FALSE, &error));
      g_assert_error (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_BAD_RULES);
    }
}

/* A joint task on 其他平台 is allowed but counts in no row of the forms:
 * it is warned about; an internal one there, or a joint one on the Hebei
 * platform, is not. */
static void
test_warnings (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiTaskRecord) task = joint_task (db);
  g_auto (GStrv) hebei = NULL;
  g_auto (GStrv) other = NULL;
  g_auto (GStrv) internal = NULL;

  hebei = suiji_task_list_warnings (task);
  g_assert_cmpuint (g_strv_length (hebei), ==, 0);

  g_free (task->platform);
  task->platform = g_strdup (SUIJI_PLATFORM_OTHER);
  other = suiji_task_list_warnings (task);
  g_assert_cmpuint (g_strv_length (other), ==, 1);
  g_assert_nonnull (strstr (other[0], SUIJI_PLATFORM_HEBEI));

  g_array_set_size (task->department_ids, 1);
  g_array_set_size (task->department_inspectors, 1);
  internal = suiji_task_list_warnings (task);
  g_assert_cmpuint (g_strv_length (internal), ==, 0);
}

static void
test_task_rules_enforced (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (SuijiTaskRecord) task = joint_task (db);

    /* Filed outside the plan without a date or reason. */
    g_free (task->origin);
    task->origin = g_strdup ("filed");
    g_assert_cmpint (suiji_task_create (db, task, &error), ==, 0);
    g_assert_error (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_INVALID);
    g_clear_error (&error);

    task->filed_on = g_strdup ("2025-05-06");
    g_free (task->filed_reason);
    task->filed_reason = g_strdup ("群众举报线索集中");
    g_assert_cmpint (suiji_task_create (db, task, &error), >, 0);
    g_assert_no_error (error);
  }

  {
    g_autoptr (SuijiTaskRecord) task = joint_task (db);

    task->inspectors_per_subject = 1;
    g_assert_cmpint (suiji_task_create (db, task, &error), ==, 0);
    g_assert_error (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_INVALID);
    g_clear_error (&error);
  }

  {
    g_autoptr (SuijiTaskRecord) task = joint_task (db);

    g_array_set_size (task->department_ids, 0);
    g_assert_cmpint (suiji_task_create (db, task, &error), ==, 0);
    g_assert_error (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_INVALID);
    g_clear_error (&error);
  }

  {
    g_autoptr (SuijiTaskRecord) task = joint_task (db);

    g_free (task->pool_filter);
    task->pool_filter = g_strdup ("colour=red");
    g_assert_cmpint (suiji_task_create (db, task, &error), ==, 0);
    g_assert_error (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_BAD_FILTER);
  }
}

static void
test_filter_parse (void)
{
  g_auto (SuijiTaskFilter) filter = { 0 };
  g_autoptr (GError) error = NULL;

  g_assert_true (suiji_task_filter_parse ("type=企业, region = 白塔镇 ,status=all,exclude=all",
                                          &filter, &error));
  g_assert_cmpstr (filter.subject_type, ==, "企业");
  g_assert_cmpstr (filter.region, ==, "白塔镇");
  g_assert_true (filter.all_statuses);
  g_assert_cmpstr (filter.exclude_drawn, ==, "all");
  suiji_task_filter_clear (&filter);

  g_assert_true (suiji_task_filter_parse ("", &filter, &error));
  g_assert_false (filter.all_statuses);
  g_assert_cmpstr (filter.exclude_drawn, ==, "none");
  suiji_task_filter_clear (&filter);

  g_assert_false (suiji_task_filter_parse ("exclude=sometimes", &filter, &error));
  g_assert_error (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_BAD_FILTER);
}

/* A saved draw is a public record: the database itself refuses to change
 * or remove it, whoever asks. */
static void
test_draws_are_append_only (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiTaskRecord) task = joint_task (db);
  g_autoptr (GError) error = NULL;
  g_autofree char *insert = NULL;
  gint64           id = suiji_task_create (db, task, &error);
  const char      *attempts[] = {
         "UPDATE draws SET seed = 'ff'",           "DELETE FROM draws",
         "UPDATE draw_subjects SET key = 'X'",     "DELETE FROM draw_subjects",
         "UPDATE draw_inspectors SET badge = 'X'", "DELETE FROM draw_inspectors",
  };

  insert = g_strdup_printf (
      "INSERT INTO draws (id, task_id, drawn_at, algorithm, seed, record, record_digest)"
      " VALUES (1, %" G_GINT64_FORMAT ", '2025-03-01T10:00:00+08:00', 'suiji-draw-v1',"
      " '00', '{}', 'aa');"
      "INSERT INTO draw_subjects VALUES (1, 0, NULL, '91350100M000100Y43', 'A');"
      "INSERT INTO draw_inspectors VALUES (1, 0, 0, NULL, '1305820001');",
      id);
  g_assert_true (_suiji_database_exec (db, insert, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_autoptr (GError) refused = NULL;

      g_assert_false (_suiji_database_exec (db, attempts[i], &refused));
      g_assert_nonnull (refused);
    }
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
test_draw_from_database (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDrawRecord) first = NULL;
  g_autoptr (SuijiDrawRecord) second = NULL;
  g_autoptr (SuijiDrawRecord) saved = NULL;
  g_autoptr (SuijiTaskRecord) loaded = NULL;
  g_autofree char     *json = NULL;
  g_autofree char     *difference = NULL;
  g_autofree char     *active = NULL;
  guint8               seed[SUIJI_DRAW_SEED_SIZE] = { 1, 2, 3 };
  const SuijiDrawPick *picks;
  guint                n_picks, n_second;
  gint64               task, other, draw;

  g_assert_true (suiji_sample_data_fill_directories (db, 600, 3, NULL, &error));
  {
    g_autoptr (SuijiTaskRecord) record = joint_task (db);

    g_assert_true (
        suiji_task_parse_rules (record, "A=1000,B=1000,C=3000,D=5000,未分类=2000", FALSE, &error));
    task = suiji_task_create (db, record, &error);
    g_free (record->pool_filter);
    record->pool_filter = g_strdup ("exclude=all");
    other = suiji_task_create (db, record, &error);
    g_assert_no_error (error);
  }

  first = suiji_task_prepare_draw (db, task, &error);
  g_assert_no_error (error);
  /* The pool is the active subjects: 存续 and 在业 only. */
  active = query_text (db, "SELECT count(*) FROM subjects WHERE status IN ('存续', '在业')");
  g_assert_cmpuint (suiji_draw_record_get_n_candidates (first), ==, (guint) atoi (active));
  g_assert_cmpuint (suiji_draw_record_get_n_inspectors (first), >=, 2);

  suiji_draw_record_set_seed_random (first, seed);
  g_assert_true (suiji_draw_run (first, &error));
  draw = suiji_task_save_draw (db, task, first, &error);
  g_assert_no_error (error);
  g_assert_cmpint (draw, >, 0);

  loaded = suiji_task_load (db, task, &error);
  g_assert_cmpstr (loaded->state, ==, "drawn");
  picks = suiji_draw_record_get_picks (first, &n_picks);
  g_assert_cmpuint (n_picks, >, 0);
  {
    g_autofree char *stored =
        query_text (db, "SELECT count(*) FROM draw_subjects WHERE subject_id IS NOT NULL");
    g_assert_cmpuint ((guint) atoi (stored), ==, n_picks);
  }

  /* The saved record verifies on its own. */
  json = suiji_saved_draw_dup_json (db, 1, NULL, &error);
  g_assert_no_error (error);
  saved = suiji_draw_record_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (suiji_draw_verify (saved, &difference, &error));

  /* A task that excludes this year's drawn subjects does not see them. */
  second = suiji_task_prepare_draw (db, other, &error);
  n_second = suiji_draw_record_get_n_candidates (second);
  g_assert_cmpuint (n_second, ==, (guint) atoi (active) - n_picks);
  suiji_draw_record_set_seed_random (second, seed);
  g_assert_true (suiji_draw_run (second, &error));
  {
    const SuijiDrawPick *again = suiji_draw_record_get_picks (second, &n_second);

    for (guint i = 0; i < n_second; i++)
      for (guint j = 0; j < n_picks; j++)
        g_assert_cmpstr (again[i].key, !=, picks[j].key);
  }
  g_assert_cmpint (suiji_task_save_draw (db, other, second, &error), >, draw);

  /* The second record carries the digest of the first. */
  {
    g_autofree char *chained =
        query_text (db, "SELECT previous_digest = (SELECT record_digest FROM draws WHERE id = 1)"
                        " FROM draws WHERE id = 2");
    g_assert_cmpstr (chained, ==, "1");
  }
}

static int
query_int (SuijiDatabase *db, const char *sql, int column)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, column);
}

/* A saved draw is synced to the disk by its commit; the connection keeps
 * its settings, and the log is copied into the file on request. */
static void
test_draw_save_is_durable (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiDatabase) other = NULL;
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (GError) error = NULL;
  guint8 seed[SUIJI_DRAW_SEED_SIZE] = { 7 };
  gint64 task, draw;

  g_assert_true (suiji_sample_data_fill_directories (db, 300, 3, NULL, &error));
  {
    g_autoptr (SuijiTaskRecord) created = joint_task (db);

    g_assert_true (
        suiji_task_parse_rules (created, "A=5000,B=5000,C=5000,D=5000,未分类=5000", FALSE, &error));
    task = suiji_task_create (db, created, &error);
    g_assert_no_error (error);
  }
  record = suiji_task_prepare_draw (db, task, &error);
  g_assert_no_error (error);
  suiji_draw_record_set_seed_random (record, seed);
  g_assert_true (suiji_draw_run (record, &error));
  draw = suiji_task_save_draw (db, task, record, &error);
  g_assert_no_error (error);
  g_assert_cmpint (draw, >, 0);

  /* NORMAL (1) and SQLite's checkpoint threshold again for what follows. */
  g_assert_cmpint (query_int (db, "PRAGMA synchronous", 0), ==, 1);
  g_assert_cmpint (query_int (db, "PRAGMA wal_autocheckpoint", 0), ==, 1000);

  other = suiji_database_open (suiji_database_get_path (db), &error);
  g_assert_no_error (error);
  g_assert_cmpint (query_int (other, "SELECT count(*) FROM draws", 0), ==, 1);

  /* After the checkpoint, every frame of the log is in the file. */
  g_assert_true (suiji_database_checkpoint (db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA wal_checkpoint(PASSIVE)", 1), ==,
                   query_int (db, "PRAGMA wal_checkpoint(PASSIVE)", 2));
  g_clear_object (&other);
  g_clear_object (&db);
  db = open_fresh ();
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM results", 0), ==,
                   query_int (db, "SELECT count(*) FROM draw_subjects", 0));
}

static gint64
sample_task (SuijiDatabase *db, const char *rules, const char *filter)
{
  g_autoptr (SuijiTaskRecord) record = joint_task (db);
  g_autoptr (GError) error = NULL;
  gint64 id;

  g_assert_true (suiji_task_parse_rules (record, rules, FALSE, &error));
  g_free (record->pool_filter);
  record->pool_filter = g_strdup (filter);
  id = suiji_task_create (db, record, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
draw_and_save (SuijiDatabase *db, gint64 task, guint8 first_seed_byte)
{
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (GError) error = NULL;
  guint8 seed[SUIJI_DRAW_SEED_SIZE] = { first_seed_byte };
  gint64 draw;

  record = suiji_task_prepare_draw (db, task, &error);
  g_assert_no_error (error);
  suiji_draw_record_set_seed_random (record, seed);
  g_assert_true (suiji_draw_run (record, &error));
  draw = suiji_task_save_draw (db, task, record, &error);
  g_assert_no_error (error);
  return draw;
}

static void
test_summary_and_saved_draws (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) tasks = NULL;
  g_autoptr (GListModel) draws = NULL;
  g_autoptr (SuijiTaskSummary) newest = NULL;
  g_autoptr (SuijiTaskSummary) oldest = NULL;
  g_autoptr (SuijiSavedDraw) saved = NULL;
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autofree char *json = NULL;
  g_autofree char *difference = NULL;
  gsize            length = 0;
  gint64           first, second, draw;

  g_assert_true (suiji_sample_data_fill_directories (db, 400, 5, NULL, &error));
  first = sample_task (db, "A=1000,B=1000,C=3000,D=5000,未分类=2000", "");
  second = sample_task (db, "A=500", "type=企业");
  draw = draw_and_save (db, first, 7);

  tasks = suiji_task_summary_list (db, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, 2);
  newest = g_list_model_get_item (tasks, 0);
  oldest = g_list_model_get_item (tasks, 1);
  g_assert_cmpint (suiji_task_summary_get_id (newest), ==, second);
  g_assert_cmpstr (suiji_task_summary_get_state (newest), ==, "draft");
  g_assert_cmpuint (suiji_task_summary_get_n_draws (newest), ==, 0);
  g_assert_cmpstr (suiji_task_summary_get_state (oldest), ==, "drawn");
  g_assert_cmpuint (suiji_task_summary_get_n_departments (oldest), ==, 2);
  /* The lead department comes first. */
  g_assert_true (
      g_str_has_prefix (suiji_task_summary_get_departments (oldest), "沙河市市场监督管理局、"));
  g_assert_cmpuint (suiji_task_summary_get_n_draws (oldest), ==, 1);
  g_assert_cmpuint (suiji_task_summary_get_n_drawn (oldest), >, 0);
  g_assert_cmpstr (suiji_task_summary_get_drawn_at (oldest), !=, "");

  {
    g_autoptr (GListModel) other_year = suiji_task_summary_list (db, 2024, &error);
    g_assert_cmpuint (g_list_model_get_n_items (other_year), ==, 0);
  }

  draws = suiji_saved_draw_list (db, first, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (draws), ==, 1);
  saved = g_list_model_get_item (draws, 0);
  g_assert_cmpint (suiji_saved_draw_get_id (saved), ==, draw);
  g_assert_cmpuint (suiji_saved_draw_get_n_subjects (saved), ==,
                    suiji_task_summary_get_n_drawn (oldest));
  g_assert_cmpuint (strlen (suiji_saved_draw_get_seed (saved)), ==, 64);

  record = suiji_saved_draw_load_record (db, draw, &error);
  g_assert_no_error (error);
  g_assert_true (suiji_draw_verify (record, &difference, &error));
  g_assert_no_error (error);

  json = suiji_saved_draw_dup_json (db, draw, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, strlen (json));
  {
    g_autofree char *digest =
        g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) json, length);
    g_assert_cmpstr (digest, ==, suiji_saved_draw_get_record_digest (saved));
  }

  {
    g_autoptr (SuijiSavedDraw) missing = suiji_saved_draw_load (db, 999, &error);
    g_assert_null (missing);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }

  /* A record changed behind Suiji's back, past the triggers, and packed
   * again as Suiji packs it, is refused. */
  g_assert_true (_suiji_database_exec (db, "DROP TRIGGER draws_append_only_update", &error));
  {
    g_autoptr (GString) changed = g_string_new_len (json, (gssize) length);
    g_autoptr (sqlite3_stmt) update = NULL;
    g_autofree char *packed = NULL;
    gsize            packed_length = 0;

    g_assert_cmpuint (g_string_replace (changed, "\"k\"", "\"k\" ", 1), ==, 1);
    packed = _suiji_stored_record_pack (changed->str, changed->len, &packed_length);
    update = _suiji_database_prepare (db, "UPDATE draws SET record = ?1 WHERE id = ?2", &error);
    g_assert_no_error (error);
    sqlite3_bind_blob (update, 1, packed, (int) packed_length, SQLITE_STATIC);
    sqlite3_bind_int64 (update, 2, draw);
    g_assert_true (_suiji_database_run (db, update, &error));
  }
  {
    g_autoptr (SuijiDrawRecord) forged = suiji_saved_draw_load_record (db, draw, &error);
    g_assert_null (forged);
    g_assert_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD);
  }
}

static void
test_preview (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDrawRecord) prepared = NULL;
  g_autoptr (SuijiDrawPreview) preview = NULL;
  g_autofree char *digest = NULL;
  gboolean         saw_c = FALSE, saw_no_rule = FALSE;
  guint            sum_pool = 0;
  gint64           task;

  g_assert_true (suiji_sample_data_fill_directories (db, 500, 11, NULL, &error));
  /* B has no rule; C draws 10 %. */
  task = sample_task (db, "A=100,C=1000,D=3000,未分类=300", "");
  prepared = suiji_task_prepare_draw (db, task, &error);
  g_assert_no_error (error);
  digest = suiji_draw_pool_digest (prepared);

  preview = suiji_task_preview_draw (db, task, prepared, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (preview->pool_digest, ==, digest);
  g_assert_cmpuint (preview->in_pool, ==, suiji_draw_record_get_n_candidates (prepared));
  g_assert_cmpuint (preview->in_directory, ==, 500);
  g_assert_cmpuint (preview->inspectors, ==, suiji_draw_record_get_n_inspectors (prepared));
  g_assert_cmpuint (preview->inspectors_per_subject, ==, 2);

  for (guint i = 0; i < preview->strata->len; i++)
    {
      const SuijiDrawPreviewStratum *stratum =
          &g_array_index (preview->strata, SuijiDrawPreviewStratum, i);

      g_assert_cmpuint (stratum->in_pool, <=, stratum->in_directory);
      sum_pool += stratum->in_pool;
      if (g_str_equal (stratum->name, "C"))
        {
          saw_c = TRUE;
          g_assert_cmpstr (stratum->label, ==, "C 较高风险");
          g_assert_cmpint (stratum->bp, ==, 1000);
          g_assert_cmpuint (stratum->k, ==, (stratum->in_pool * 1000 + 9999) / 10000);
        }
      if (g_str_equal (stratum->name, "B"))
        {
          g_assert_cmpint (stratum->bp, ==, -1);
          g_assert_cmpuint (stratum->k, ==, 0);
        }
    }
  g_assert_true (saw_c);
  g_assert_cmpuint (sum_pool, ==, preview->in_pool);

  for (guint i = 0; preview->warnings[i] != NULL; i++)
    if (strstr (preview->warnings[i], "B 一般风险") != NULL)
      saw_no_rule = TRUE;
  g_assert_true (saw_no_rule);

  /* The draw then takes exactly the k the preview announced. */
  {
    guint8 seed[SUIJI_DRAW_SEED_SIZE] = { 9 };
    guint  n_picks;

    suiji_draw_record_set_seed_random (prepared, seed);
    g_assert_true (suiji_draw_run (prepared, &error));
    suiji_draw_record_get_picks (prepared, &n_picks);
    g_assert_cmpuint (n_picks, ==, preview->to_draw);
  }
}

static void
test_preview_warns_about_inspectors (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiTaskRecord) record = joint_task (db);
  g_autoptr (SuijiDrawRecord) prepared = NULL;
  g_autoptr (SuijiDrawPreview) preview = NULL;
  g_autofree char *warnings = NULL;
  gint64           task;

  g_assert_true (suiji_sample_data_fill_directories (db, 300, 2, NULL, &error));
  g_assert_true (suiji_task_parse_rules (record, "A=10000,B=10000,C=10000,D=10000,未分类=10000",
                                         FALSE, &error));
  record->inspector_cap = 1;
  g_free (record->pool_filter);
  record->pool_filter = g_strdup ("region=没有这个镇");
  task = suiji_task_create (db, record, &error);
  g_assert_no_error (error);

  prepared = suiji_task_prepare_draw (db, task, &error);
  preview = suiji_task_preview_draw (db, task, prepared, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->in_pool, ==, 0);
  g_assert_cmpuint (preview->to_draw, ==, 0);
  warnings = g_strjoinv ("\n", preview->warnings);
  g_assert_nonnull (strstr (warnings, "No subject of the directory matches"));
  /* Every class has a rule and no subject. */
  g_assert_nonnull (strstr (warnings, "A 低风险"));
  g_clear_pointer (&preview, suiji_draw_preview_free);
  g_clear_pointer (&warnings, g_free);

  /* Everyone drawn, one subject per inspector: the cap cannot hold. */
  g_assert_true (_suiji_database_exec (db, "UPDATE tasks SET pool_filter = ''", &error));
  g_clear_pointer (&prepared, suiji_draw_record_free);
  prepared = suiji_task_prepare_draw (db, task, &error);
  preview = suiji_task_preview_draw (db, task, prepared, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->to_draw, ==, preview->in_pool);
  warnings = g_strjoinv ("\n", preview->warnings);
  g_assert_nonnull (strstr (warnings, "With at most 1 subjects per inspector"));
}

static void
test_notice_pages (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDrawNotice) notice = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "notice.pdf", NULL);
  g_autofree char *again = g_build_filename (g_get_user_data_dir (), "again.pdf", NULL);
  cairo_surface_t *surface;
  cairo_t         *cr;
  guint            n_pages;
  gint64           draw;

  g_assert_true (suiji_sample_data_fill_directories (db, 600, 4, NULL, &error));
  draw = draw_and_save (db, sample_task (db, "A=1000,B=2000,C=3000,D=5000,未分类=2000", ""), 3);

  notice = suiji_draw_notice_load (db, draw, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (suiji_draw_notice_get_title (notice), "部门联合抽查"));

  surface =
      cairo_pdf_surface_create (path, SUIJI_DRAW_NOTICE_PAGE_WIDTH, SUIJI_DRAW_NOTICE_PAGE_HEIGHT);
  cr = cairo_create (surface);
  n_pages = suiji_draw_notice_paginate (notice, cr);
  /* Hundreds of subjects do not fit on one page. */
  g_assert_cmpuint (n_pages, >, 3);
  for (guint page = 0; page < n_pages; page++)
    {
      suiji_draw_notice_render_page (notice, cr, page);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  /* suiji_draw_publish () pages the same way. */
  g_assert_true (suiji_draw_publish (db, draw, again, &error));
  g_assert_no_error (error);
  {
    g_autofree char *contents = NULL;
    g_autofree char *pages = NULL;
    gsize            length;

    g_assert_true (g_file_get_contents (again, &contents, &length, &error));
    pages = g_strdup_printf ("/Count %u", n_pages);
    /* The file holds binary streams: search bytes, not a string. */
    g_assert_nonnull (memmem (contents, length, pages, strlen (pages)));
  }
}

/* A draw's rows go in before the draw itself, their foreign keys checked
 * at the commit: a draw the database refuses there leaves nothing. */
static void
test_refused_save_leaves_nothing (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (GError) error = NULL;
  const char *counts = "SELECT (SELECT count(*) FROM draws), (SELECT count(*) FROM draw_subjects),"
                       " (SELECT count(*) FROM draw_inspectors), (SELECT count(*) FROM results)";
  guint8      seed[SUIJI_DRAW_SEED_SIZE] = { 7 };
  int         before[4];
  gint64      task;

  g_assert_true (suiji_sample_data_fill (db, 600, SUIJI_SAMPLE_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);
  task = sample_task (db, "A=500,B=500", "");
  record = suiji_task_prepare_draw (db, task, &error);
  g_assert_no_error (error);
  suiji_draw_record_set_seed_random (record, seed);
  g_assert_true (suiji_draw_run (record, &error));
  for (int i = 0; i < 4; i++)
    before[i] = query_int (db, counts, i);

  /* No task of that id: the draw's row cannot refer to it. */
  g_assert_cmpint (suiji_task_save_draw (db, task + 1000, record, &error), ==, 0);
  g_assert_nonnull (error);
  g_test_message ("refused: %s", error->message);
  g_clear_error (&error);
  for (int i = 0; i < 4; i++)
    g_assert_cmpint (query_int (db, counts, i), ==, before[i]);

  /* The same draw saves under its task, with the id SQLite would give. */
  {
    int    next_id = query_int (db, "SELECT max(id) + 1 FROM draws", 0);
    gint64 saved = suiji_task_save_draw (db, task, record, &error);

    g_assert_no_error (error);
    g_assert_cmpint (saved, ==, next_id);
    g_assert_cmpint (query_int (db, counts, 1), >, before[1]);
    g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_foreign_key_check", 0), ==, 0);
  }
}

/* Each filter of a task's pool, alone and together, freezes the subjects
 * a query of its own finds. */
static void
test_pool_filters (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (GError) error = NULL;
  g_autofree char *region = NULL;
  g_autofree char *industry = NULL;
  g_autofree char *label = NULL;
  g_autofree char *department = NULL;
  g_autofree char *short_name = NULL;
  const char      *active = "s.status IN ('存续', '在业')";
  const char      *drawn_this_year =
      "s.id NOT IN (SELECT ds.subject_id FROM draw_subjects ds JOIN draws d ON d.id = ds.draw_id"
      " JOIN tasks t ON t.id = d.task_id WHERE t.year = 2025 AND ds.subject_id IS NOT NULL)";

  g_assert_true (suiji_sample_data_fill (db, 2000, SUIJI_SAMPLE_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);
  region = query_text (db, "SELECT region FROM subjects WHERE region <> '' LIMIT 1");
  industry = query_text (db, "SELECT industry FROM subjects WHERE industry <> '' LIMIT 1");
  label = query_text (db, "SELECT l.name FROM labels l JOIN subject_labels sl"
                          " ON sl.label_id = l.id LIMIT 1");
  department = query_text (db, "SELECT d.name FROM departments d JOIN subjects s"
                               " ON s.department_id = d.id WHERE d.short_name <> ''"
                               " GROUP BY d.id ORDER BY count(*) LIMIT 1");
  short_name =
      query_text (db, "SELECT short_name FROM departments WHERE name = (SELECT d.name"
                      " FROM departments d JOIN subjects s ON s.department_id = d.id"
                      " WHERE d.short_name <> '' GROUP BY d.id ORDER BY count(*) LIMIT 1)");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM draws", 0), >, 0);

  {
    struct
    {
      char *filter;
      char *where;
    } cases[] = {
      { g_strdup (""), g_strdup (active) },
      { g_strdup ("status=all"), g_strdup ("1") },
      { g_strdup ("type=个体工商户"),
        g_strdup_printf ("%s AND s.subject_type = '个体工商户'", active) },
      { g_strdup_printf ("region=%s", region),
        g_strdup_printf ("%s AND s.region = '%s'", active, region) },
      { g_strdup_printf ("industry=%s", industry),
        g_strdup_printf ("%s AND s.industry = '%s'", active, industry) },
      { g_strdup_printf ("label=%s", label),
        g_strdup_printf ("%s AND s.id IN (SELECT sl.subject_id FROM subject_labels sl JOIN labels l"
                         " ON l.id = sl.label_id WHERE l.name = '%s')",
                         active, label) },
      { g_strdup_printf ("department=%s", department),
        g_strdup_printf ("%s AND s.department_id = (SELECT id FROM departments WHERE name = '%s')",
                         active, department) },
      { g_strdup_printf ("department=%s", short_name),
        g_strdup_printf ("%s AND s.department_id = (SELECT id FROM departments WHERE name = '%s')",
                         active, department) },
      { g_strdup ("exclude=all"), g_strdup_printf ("%s AND %s", active, drawn_this_year) },
      { g_strdup_printf ("status=all,type=企业,region=%s,exclude=all", region),
        g_strdup_printf ("s.subject_type = '企业' AND s.region = '%s' AND %s", region,
                         drawn_this_year) },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr (SuijiDrawRecord) record = NULL;
        g_autofree char *count_sql =
            g_strdup_printf ("SELECT count(*) FROM subjects s WHERE %s", cases[i].where);
        gint64 task = sample_task (db, "A=100", cases[i].filter);
        int    expected = query_int (db, count_sql, 0);

        record = suiji_task_prepare_draw (db, task, &error);
        g_assert_no_error (error);
        g_test_message ("pool filter “%s”: %d subjects", cases[i].filter, expected);
        g_assert_cmpint (expected, >, 0);
        g_assert_cmpint (suiji_draw_record_get_n_candidates (record), ==, expected);
        /* Every key and stratum, through the pool digest, against the
         * lines the query gives. */
        {
          g_autofree char *lines_sql = g_strdup_printf (
              "SELECT coalesce(s.credit_class, '%s') || char(9) || s.key || char(10) AS line"
              " FROM subjects s WHERE %s ORDER BY line",
              SUIJI_DRAW_UNCLASSIFIED, cases[i].where);
          g_autoptr (sqlite3_stmt) lines = _suiji_database_prepare (db, lines_sql, NULL);
          g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
          g_autofree char *digest = suiji_draw_pool_digest (record);

          g_assert_nonnull (lines);
          while (sqlite3_step (lines) == SQLITE_ROW)
            g_checksum_update (checksum, sqlite3_column_text (lines, 0),
                               sqlite3_column_bytes (lines, 0));
          g_assert_cmpstr (digest, ==, g_checksum_get_string (checksum));
        }
        g_free (cases[i].filter);
        g_free (cases[i].where);
      }
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/task/create-and-load", test_create_and_load);
  g_test_add_func ("/task/rules-refused", test_rules_refused);
  g_test_add_func ("/task/warnings", test_warnings);
  g_test_add_func ("/task/rules-enforced", test_task_rules_enforced);
  g_test_add_func ("/task/filter", test_filter_parse);
  g_test_add_func ("/task/pool-filters", test_pool_filters);
  g_test_add_func ("/task/refused-save-leaves-nothing", test_refused_save_leaves_nothing);
  g_test_add_func ("/task/draws-append-only", test_draws_are_append_only);
  g_test_add_func ("/task/draw-from-database", test_draw_from_database);
  g_test_add_func ("/task/draw-save-is-durable", test_draw_save_is_durable);
  g_test_add_func ("/task/summary-and-saved-draws", test_summary_and_saved_draws);
  g_test_add_func ("/task/preview", test_preview);
  g_test_add_func ("/task/preview-warns-about-inspectors", test_preview_warns_about_inspectors);
  g_test_add_func ("/task/notice-pages", test_notice_pages);

  return g_test_run ();
}
