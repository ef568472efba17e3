/* suiji-task-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Between a task and its draw: the pool frozen from the directories as the
 * task's filter selects it, the inspectors of its departments who may go,
 * and the saved record, written once and never changed.
 */

#define G_LOG_DOMAIN "suiji-task-draw"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-draw-private.h"
#include "suiji-stored-record-private.h"
#include "suiji-task-draw.h"
#include "suiji-task-private.h"

static void
bind_text_or_null (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* Adds the condition of a filter that is set, its value bound in the
 * place of each “@”. */
static void
add_text_condition (GString *sql, GPtrArray *texts, const char *condition, const char *value)
{
  if (value == NULL)
    return;
  g_ptr_array_add (texts, (gpointer) value);
  for (const char *c = condition; *c != '\0'; c++)
    {
      if (*c == '@')
        g_string_append_printf (sql, "?%u", texts->len);
      else
        g_string_append_c (sql, *c);
    }
}

/* The pool is added to the record on a thread of its own while SQLite
 * reads the next rows: the two took about as long, one after the other.
 * The rows go over in batches of key, name and stratum, each ended by a
 * NUL; an empty batch ends them. */
#define CANDIDATE_BATCH_BYTES (64 * 1024)

typedef struct
{
  SuijiDrawRecord *record;
  GAsyncQueue     *batches;
} CandidateFeed;

static gpointer
add_candidates (gpointer data)
{
  CandidateFeed *feed = data;

  for (;;)
    {
      GString    *batch = g_async_queue_pop (feed->batches);
      const char *end = batch->str + batch->len;
      gboolean    last = batch->len == 0;

      for (const char *key = batch->str; key < end;)
        {
          const char *name = key + strlen (key) + 1;
          const char *stratum = name + strlen (name) + 1;

          suiji_draw_record_add_candidate (feed->record, key, name, stratum);
          key = stratum + strlen (stratum) + 1;
        }
      g_string_free (batch, TRUE);
      if (last)
        return NULL;
    }
}

static void
append_text (GString *batch, sqlite3_stmt *stmt, int column)
{
  /* Up to a NUL, as the text was read before (_suiji_column_text ()). */
  g_string_append (batch, _suiji_column_text (stmt, column));
  g_string_append_c (batch, '\0');
}

static gboolean
add_pool (SuijiDatabase *db, const SuijiTaskRecord *task, SuijiDrawRecord *record, GError **error)
{
  g_auto (SuijiTaskFilter) filter = { 0 };
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GString) sql = NULL;
  g_autoptr (GPtrArray) texts = g_ptr_array_new ();
  int rc;

  if (!suiji_task_filter_parse (task->pool_filter, &filter, error))
    return FALSE;

  /* Only the filters that are set are in the query: with the usual ones
   * (存续 and 在业 subjects) it reads subjects_by_name alone, not the
   * table. Subjects drawn earlier this year for the same items, or at
   * all, can be left out as the plan asks. ?1 and ?2 are the name of the
   * unclassified stratum and what to leave out; the filters' values follow. */
  sql = g_string_new ("SELECT s.key, s.name, coalesce(s.credit_class, ?1) FROM subjects s"
                      " WHERE 1");
  g_ptr_array_add (texts, (gpointer) SUIJI_DRAW_UNCLASSIFIED);
  g_ptr_array_add (texts, (gpointer) filter.exclude_drawn);
  if (!filter.all_statuses)
    g_string_append (sql, " AND s.status IN ('存续', '在业')");
  add_text_condition (sql, texts, " AND s.subject_type = @", filter.subject_type);
  add_text_condition (sql, texts, " AND s.region = @", filter.region);
  add_text_condition (sql, texts, " AND s.industry = @", filter.industry);
  add_text_condition (sql, texts,
                      " AND s.id IN (SELECT sl.subject_id FROM subject_labels sl"
                      " JOIN labels l ON l.id = sl.label_id WHERE l.name = @)",
                      filter.label);
  add_text_condition (sql, texts,
                      " AND s.department_id IN (SELECT id FROM departments"
                      " WHERE name = @ OR short_name = @)",
                      filter.department);
  if (g_strcmp0 (filter.exclude_drawn, "none") != 0)
    g_string_append_printf (
        sql,
        " AND s.id NOT IN (SELECT ds.subject_id FROM draw_subjects ds"
        " JOIN draws d ON d.id = ds.draw_id JOIN tasks t ON t.id = d.task_id"
        " WHERE t.year = %d AND ds.subject_id IS NOT NULL AND (?2 = 'all'"
        " OR EXISTS (SELECT 1 FROM task_items a JOIN task_items b ON a.item_id = b.item_id"
        " WHERE a.task_id = t.id AND b.task_id = %" G_GINT64_FORMAT ")))",
        task->year, task->id);

  stmt = _suiji_database_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < texts->len; i++)
    sqlite3_bind_text (stmt, (int) i + 1, g_ptr_array_index (texts, i), -1, SQLITE_STATIC);

  {
    CandidateFeed feed = { .record = record, .batches = g_async_queue_new () };
    GThread      *adder = g_thread_new ("suiji-draw-pool", add_candidates, &feed);
    GString      *batch = g_string_sized_new (CANDIDATE_BATCH_BYTES + 1024);

    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        append_text (batch, stmt, 0);
        append_text (batch, stmt, 1);
        if (task->stratified)
          append_text (batch, stmt, 2);
        else
          g_string_append_len (batch, SUIJI_TASK_ALL_SUBJECTS, sizeof SUIJI_TASK_ALL_SUBJECTS);
        if (batch->len >= CANDIDATE_BATCH_BYTES)
          {
            g_async_queue_push (feed.batches, batch);
            batch = g_string_sized_new (CANDIDATE_BATCH_BYTES + 1024);
          }
      }
    if (batch->len > 0)
      g_async_queue_push (feed.batches, batch);
    else
      g_string_free (batch, TRUE);
    /* The end: a batch of no rows. */
    g_async_queue_push (feed.batches, g_string_new (NULL));
    g_thread_join (adder);
    g_async_queue_unref (feed.batches);
  }

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the subjects"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_inspectors (SuijiDatabase         *db,
                const SuijiTaskRecord *task,
                SuijiDrawRecord       *record,
                const char            *today,
                GError               **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (sqlite3_stmt) avoid = NULL;
  int rc;

  /* Only inspectors on duty with a badge valid on the day of the draw. */
  stmt = _suiji_database_prepare (db,
                                  "SELECT i.badge, d.name FROM inspectors i"
                                  " JOIN task_departments td ON td.department_id = i.department_id"
                                  " JOIN departments d ON d.id = i.department_id"
                                  " WHERE td.task_id = ?1 AND i.active = 1"
                                  " AND (i.badge_valid_until IS NULL OR i.badge_valid_until >= ?2)",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, task->id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    suiji_draw_record_add_inspector (record, _suiji_column_text (stmt, 0),
                                     _suiji_column_text (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the inspectors"));
      return FALSE;
    }

  avoid = _suiji_database_prepare (db,
                                   "SELECT s.key, i.badge FROM avoidances a"
                                   " JOIN subjects s ON s.id = a.subject_id"
                                   " JOIN inspectors i ON i.id = a.inspector_id"
                                   " JOIN task_departments td ON td.department_id = i.department_id"
                                   " WHERE td.task_id = ?1",
                                   error);
  if (avoid == NULL)
    return FALSE;

  sqlite3_bind_int64 (avoid, 1, task->id);
  while ((rc = sqlite3_step (avoid)) == SQLITE_ROW)
    suiji_draw_record_add_avoid (record, _suiji_column_text (avoid, 0),
                                 _suiji_column_text (avoid, 1));
  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the avoidance pairs"));
      return FALSE;
    }

  return TRUE;
}

/**
 * suiji_task_prepare_draw:
 *
 * Freezes what a draw of the task starts from: the pool as the task's
 * filter selects it, the rules per stratum, the inspectors of its
 * departments who may go and the pairs that must not meet. The caller
 * sets the seed, then runs the draw and saves it.
 *
 * Returns: (transfer full): the record's inputs, or %NULL with @error set
 */
SuijiDrawRecord *
suiji_task_prepare_draw (SuijiDatabase *db, gint64 task_id, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return suiji_task_prepare_draw_at (db, task_id, now, error);
}

/**
 * suiji_task_prepare_draw_at:
 * @at: the time of the draw
 *
 * As suiji_task_prepare_draw (), for a draw held at @at: the inspectors
 * are those whose badge is valid on that day. The sample data draws its
 * year of tasks on the days they were held.
 *
 * Returns: (transfer full): the record's inputs, or %NULL with @error set
 */
SuijiDrawRecord *
suiji_task_prepare_draw_at (SuijiDatabase *db, gint64 task_id, GDateTime *at, GError **error)
{
  g_autoptr (SuijiTaskRecord) task = NULL;
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (GPtrArray) departments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GListModel) all_departments = NULL;
  g_autofree char *today = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (at != NULL, NULL);

  today = g_date_time_format (at, "%Y-%m-%d");

  task = suiji_task_load (db, task_id, error);
  if (task == NULL)
    return NULL;

  all_departments = suiji_department_list_all (db, error);
  if (all_departments == NULL)
    return NULL;

  record = suiji_draw_record_new ();
  for (guint i = 0; i < task->department_ids->len; i++)
    for (guint d = 0; d < g_list_model_get_n_items (all_departments); d++)
      {
        g_autoptr (SuijiDepartment) department = g_list_model_get_item (all_departments, d);
        guint m_d = g_array_index (task->department_inspectors, guint, i);

        if (suiji_department_get_id (department) != g_array_index (task->department_ids, gint64, i))
          continue;
        g_ptr_array_add (departments, g_strdup (suiji_department_get_name (department)));
        if (m_d > 0)
          suiji_draw_record_set_inspectors_per_department (
              record, suiji_department_get_name (department), m_d);
      }
  g_ptr_array_add (departments, NULL);

  suiji_draw_record_set_task (record, task->id, task->name,
                              (const char *const *) departments->pdata);
  suiji_draw_record_set_drawn_at (record, at);
  suiji_draw_record_set_inspectors_per_subject (record, task->inspectors_per_subject);
  suiji_draw_record_set_inspector_cap (record, task->inspector_cap);

  for (guint i = 0; i < task->rules->len; i++)
    {
      SuijiTaskRule *rule = g_ptr_array_index (task->rules, i);

      if (rule->bp >= 0)
        suiji_draw_record_set_ratio (record, rule->stratum, (guint) rule->bp);
      else if (rule->count >= 0)
        suiji_draw_record_set_count (record, rule->stratum, (guint) rule->count);
    }

  if (!add_pool (db, task, record, error) || !add_inspectors (db, task, record, today, error))
    return NULL;

  return g_steal_pointer (&record);
}

static gboolean
store_picks (SuijiDatabase *db, gint64 draw_id, SuijiDrawRecord *record, GError **error)
{
  g_autoptr (sqlite3_stmt) subject = NULL;
  g_autoptr (sqlite3_stmt) inspector = NULL;
  const SuijiDrawPick *picks;
  guint                n_picks;

  subject = _suiji_database_prepare (
      db,
      "INSERT INTO draw_subjects (draw_id, position, subject_id, key, stratum)"
      " VALUES (?1, ?2, (SELECT id FROM subjects WHERE key = ?3), ?3, ?4)",
      error);
  inspector = subject != NULL
                  ? _suiji_database_prepare (db,
                                             "INSERT INTO draw_inspectors (draw_id, position, rank,"
                                             " inspector_id, badge) VALUES (?1, ?2, ?3,"
                                             " (SELECT id FROM inspectors WHERE badge = ?4), ?4)",
                                             error)
                  : NULL;
  if (inspector == NULL)
    return FALSE;

  picks = suiji_draw_record_get_picks (record, &n_picks);
  for (guint i = 0; i < n_picks; i++)
    {
      sqlite3_bind_int64 (subject, 1, draw_id);
      sqlite3_bind_int (subject, 2, (int) i);
      sqlite3_bind_text (subject, 3, picks[i].key, -1, SQLITE_STATIC);
      sqlite3_bind_text (subject, 4, picks[i].stratum, -1, SQLITE_STATIC);
      if (!_suiji_database_run (db, subject, error))
        return FALSE;

      for (guint r = 0; picks[i].inspectors != NULL && picks[i].inspectors[r] != NULL; r++)
        {
          sqlite3_bind_int64 (inspector, 1, draw_id);
          sqlite3_bind_int (inspector, 2, (int) i);
          sqlite3_bind_int (inspector, 3, (int) r);
          sqlite3_bind_text (inspector, 4, picks[i].inspectors[r], -1, SQLITE_STATIC);
          if (!_suiji_database_run (db, inspector, error))
            return FALSE;
        }
    }

  return TRUE;
}

/* A task's results are those of its first draw: a row per drawn subject,
 * with the kind of subject as the directory has it now, and the draw's
 * row of tallies per kind, all of them drawn and none yet completed. Set
 * by set, not by triggers per row, which took most of a county draw's
 * save. */
static gboolean
open_results (SuijiDatabase *db, gint64 task_id, gint64 draw_id, GError **error)
{
  g_autoptr (sqlite3_stmt) results = NULL;
  g_autoptr (sqlite3_stmt) tallies = NULL;

  /* Files before results (version 5) have none to open: the tests write
   * draws into such files to check that opening them opens the rows. */
  if (suiji_database_get_schema_version (db) < 5)
    return TRUE;

  results = _suiji_database_prepare (
      db,
      "INSERT INTO results (draw_id, position, task_id, subject_type)"
      " SELECT ds.draw_id, ds.position, ?2, coalesce(s.subject_type, '')"
      " FROM draw_subjects ds LEFT JOIN subjects s ON s.id = ds.subject_id"
      " WHERE ds.draw_id = ?1"
      " AND NOT EXISTS (SELECT 1 FROM draws WHERE task_id = ?2 AND id < ?1)"
      " ORDER BY ds.position",
      error);
  tallies =
      results != NULL
          ? _suiji_database_prepare (db,
                                     "INSERT INTO result_tallies (draw_id, day, enterprise, drawn)"
                                     " SELECT draw_id, '', subject_type = '企业', count(*)"
                                     " FROM results WHERE draw_id = ?1 GROUP BY 3"
                                     " ON CONFLICT (draw_id, day, enterprise) DO UPDATE"
                                     " SET drawn = drawn + excluded.drawn",
                                     error)
          : NULL;
  if (tallies == NULL)
    return FALSE;

  sqlite3_bind_int64 (results, 1, draw_id);
  sqlite3_bind_int64 (results, 2, task_id);
  sqlite3_bind_int64 (tallies, 1, draw_id);
  return _suiji_database_run (db, results, error) && _suiji_database_run (db, tallies, error);
}

/**
 * suiji_task_save_draw:
 * @record: a record whose draw has run
 *
 * Saves the draw, its record and its picks in one transaction, chained to
 * the draw saved before it by that one's digest, and marks the task drawn.
 * The database refuses any later change to it. The draw is on the disk
 * when this returns (a draw lost to a power cut could be drawn again);
 * copying its record from the write-ahead log into the file is left to
 * suiji_database_checkpoint ().
 *
 * Returns: the draw's id, or 0 with @error set
 */
gint64
suiji_task_save_draw (SuijiDatabase *db, gint64 task_id, SuijiDrawRecord *record, GError **error)
{
  gint64 id;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), 0);
  g_return_val_if_fail (suiji_draw_record_has_results (record), 0);

  if (!_suiji_database_begin_durable (db, error))
    return 0;

  id = _suiji_task_insert_draw (db, task_id, record, error);
  if (id == 0 || !_suiji_database_commit_durable (db, error))
    {
      _suiji_database_rollback (db);
      return 0;
    }

  return id;
}

/* The JSON record, its digest and the form it is stored in, written on a
 * thread of their own while the picks go into the database: the record
 * is only read meanwhile. */
typedef struct
{
  SuijiDrawRecord *record;
  gboolean         pack;   /* the file has record_compression (schema 8) */
  char            *stored; /* the JSON text, or its zstd frame when packed */
  gsize            stored_length;
  char            *digest; /* of the text */
  gboolean         packed;
} RecordText;

static gpointer
write_record_text (gpointer data)
{
  RecordText *text = data;
  char       *packed;
  gsize       packed_length = 0;

  text->stored = suiji_draw_record_to_json (text->record, &text->stored_length);
  text->digest = suiji_draw_digest_json (text->stored, text->stored_length);
  packed = text->pack
               ? _suiji_stored_record_pack (text->stored, text->stored_length, &packed_length)
               : NULL;
  if (packed != NULL)
    {
      g_free (text->stored);
      text->stored = packed;
      text->stored_length = packed_length;
      text->packed = TRUE;
    }
  return NULL;
}

static gboolean
insert_record (SuijiDatabase *db, gint64 id, gint64 task_id, const RecordText *text, GError **error)
{
  g_autoptr (sqlite3_stmt) previous = NULL;
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autofree char *previous_digest = NULL;

  previous = _suiji_database_prepare (
      db, "SELECT record_digest FROM draws ORDER BY id DESC LIMIT 1", error);
  if (previous == NULL)
    return FALSE;
  if (sqlite3_step (previous) == SQLITE_ROW)
    previous_digest = g_strdup (_suiji_column_text (previous, 0));

  /* Files before schema 8 keep every record as text. */
  insert = _suiji_database_prepare (
      db,
      text->pack ? "INSERT INTO draws (id, task_id, drawn_at, algorithm, seed, record,"
                   " record_digest, previous_digest, record_compression)"
                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
                 : "INSERT INTO draws (id, task_id, drawn_at, algorithm, seed, record,"
                   " record_digest, previous_digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      error);
  if (insert == NULL)
    return FALSE;

  sqlite3_bind_int64 (insert, 1, id);
  sqlite3_bind_int64 (insert, 2, task_id);
  sqlite3_bind_text (insert, 3, suiji_draw_record_get_drawn_at (text->record), -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 4, SUIJI_DRAW_ALGORITHM, -1, SQLITE_STATIC);
  sqlite3_bind_text (insert, 5, suiji_draw_record_get_seed_hex (text->record), -1, SQLITE_STATIC);
  if (text->packed)
    sqlite3_bind_blob (insert, 6, text->stored, (int) text->stored_length, SQLITE_STATIC);
  else
    sqlite3_bind_text (insert, 6, text->stored, (int) text->stored_length, SQLITE_STATIC);
  sqlite3_bind_text (insert, 7, text->digest, -1, SQLITE_STATIC);
  bind_text_or_null (insert, 8, previous_digest);
  if (text->pack)
    sqlite3_bind_text (insert, 9,
                       text->packed ? SUIJI_STORED_RECORD_ZSTD : SUIJI_STORED_RECORD_PLAIN, -1,
                       SQLITE_STATIC);
  return _suiji_database_run (db, insert, error);
}

/* Saves a draw that has run inside the caller's transaction.
 *
 * The draw's rows go in before the draw itself, under the id it will
 * have (SQLite would give it the same: one more than the highest), with
 * the foreign keys checked at the commit: the record is written meanwhile. */
gint64
_suiji_task_insert_draw (SuijiDatabase *db, gint64 task_id, SuijiDrawRecord *record, GError **error)
{
  g_autoptr (sqlite3_stmt) next_id = NULL;
  g_autoptr (sqlite3_stmt) state = NULL;
  RecordText text = { .record = record, .pack = suiji_database_get_schema_version (db) >= 8 };
  GThread   *writer;
  gboolean   saved;
  gint64     id;

  next_id = _suiji_database_prepare (db, "SELECT coalesce(max(id), 0) + 1 FROM draws", error);
  state = next_id != NULL
              ? _suiji_database_prepare (
                    db, "UPDATE tasks SET state = 'drawn' WHERE id = ?1 AND state = 'draft'", error)
              : NULL;
  if (state == NULL || sqlite3_step (next_id) != SQLITE_ROW)
    {
      if (state != NULL)
        _suiji_database_set_error (db, error, _("Could not save the draw"));
      return 0;
    }
  id = sqlite3_column_int64 (next_id, 0);
  sqlite3_bind_int64 (state, 1, task_id);
  if (!_suiji_database_exec (db, "PRAGMA defer_foreign_keys = ON", error))
    return 0;

  /* Ordering the pool is the one change writing the record makes to it. */
  _suiji_draw_record_ensure_pool_order (record);
  writer = g_thread_new ("suiji-draw-record", write_record_text, &text);

  saved = store_picks (db, id, record, error) && open_results (db, task_id, id, error) &&
          _suiji_database_run (db, state, error);
  g_thread_join (writer);
  saved = saved && insert_record (db, id, task_id, &text, error);

  g_free (text.stored);
  g_free (text.digest);
  return saved ? id : 0;
}

static void
preview_stratum_clear (gpointer data)
{
  SuijiDrawPreviewStratum *stratum = data;

  g_free (stratum->name);
  g_free (stratum->label);
}

void
suiji_draw_preview_free (SuijiDrawPreview *preview)
{
  if (preview == NULL)
    return;

  g_clear_pointer (&preview->strata, g_array_unref);
  g_free (preview->pool_digest);
  g_strfreev (preview->warnings);
  g_free (preview);
}

/* Subjects of the whole directory per stratum, and the people's names of
 * the classes. */
static gboolean
count_directory (
    SuijiDatabase *db, gboolean stratified, GHashTable *counts, GHashTable *labels, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (sqlite3_stmt) names = NULL;
  int rc;

  stmt = _suiji_database_prepare (
      db,
      "SELECT CASE WHEN ?1 THEN coalesce(credit_class, ?2) ELSE ?3 END, count(*)"
      " FROM subjects GROUP BY 1",
      error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, stratified ? 1 : 0);
  sqlite3_bind_text (stmt, 2, SUIJI_DRAW_UNCLASSIFIED, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, SUIJI_TASK_ALL_SUBJECTS, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (counts, g_strdup (_suiji_column_text (stmt, 0)),
                         GUINT_TO_POINTER ((guint) sqlite3_column_int (stmt, 1)));
  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not count the subjects"));
      return FALSE;
    }

  names =
      _suiji_database_prepare (db, "SELECT code, code || ' ' || name FROM credit_classes", error);
  if (names == NULL)
    return FALSE;
  while ((rc = sqlite3_step (names)) == SQLITE_ROW)
    g_hash_table_insert (labels, g_strdup (_suiji_column_text (names, 0)),
                         g_strdup (_suiji_column_text (names, 1)));
  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the credit classes"));
      return FALSE;
    }

  return TRUE;
}

static char *
describe_rule (int bp, int count)
{
  if (bp >= 0)
    return g_strdup_printf ("%d.%02d %%", bp / 100, bp % 100);
  if (count >= 0)
    return g_strdup_printf ("%d", count);
  return NULL;
}

static void
add_warnings (SuijiDrawPreview *preview, const SuijiTaskRecord *task, GPtrArray *warnings)
{
  guint m = preview->inspectors_per_subject;

  if (preview->in_pool == 0)
    g_ptr_array_add (warnings,
                     g_strdup (_("No subject of the directory matches the task's pool: check "
                                  "the filter of the task, or import the subjects first.")));
  else if (preview->to_draw == 0)
    g_ptr_array_add (warnings, g_strdup (_("The ratios draw no subject: give at least one class "
                                            "a ratio or a count above zero.")));

  for (guint i = 0; i < preview->strata->len; i++)
    {
      const SuijiDrawPreviewStratum *stratum =
          &g_array_index (preview->strata, SuijiDrawPreviewStratum, i);
      g_autofree char *rule = describe_rule (stratum->bp, stratum->count);

      if (stratum->in_pool > 0 && rule == NULL)
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("Class “%s” has %u subjects in the pool but no ratio "
                                             "or count: none of them will be drawn."),
                                          stratum->label, stratum->in_pool));
      else if (stratum->in_pool == 0 && rule != NULL && (stratum->bp > 0 || stratum->count > 0))
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("Class “%s” has a rule (%s) but no subject in the "
                                             "pool: nothing is drawn from it."),
                                          stratum->label, rule));
    }

  if (preview->to_draw > 0 && preview->inspectors < m)
    g_ptr_array_add (warnings,
                     g_strdup_printf (_("Only %u inspectors of the task's departments may go "
                                         "(active, with a valid badge), and each subject needs %u: "
                                         "add inspectors or departments before the draw."),
                                      preview->inspectors, m));
  else if (preview->to_draw > 0 && task->inspector_cap > 0 &&
           (guint64) preview->inspectors * (guint) task->inspector_cap <
               (guint64) preview->to_draw * m)
    g_ptr_array_add (
        warnings,
        g_strdup_printf (_("With at most %d subjects per inspector, %u inspectors cover %lu "
                            "visits, but the draw needs %lu: raise the cap or add inspectors."),
                         task->inspector_cap, preview->inspectors,
                         (unsigned long) preview->inspectors * (guint) task->inspector_cap,
                         (unsigned long) preview->to_draw * m));
}

/**
 * suiji_task_preview_draw:
 * @prepared: the inputs from suiji_task_prepare_draw (), not yet drawn
 *
 * What the meeting sees before the draw: per stratum the subjects of the
 * directory and of the pool, the rule and the k it gives; the inspectors
 * who may go; the pool digest that the seed is fixed against; and
 * warnings for what would make the draw fail or surprise.
 *
 * Returns: (transfer full): the preview, or %NULL with @error set
 */
SuijiDrawPreview *
suiji_task_preview_draw (SuijiDatabase   *db,
                         gint64           task_id,
                         SuijiDrawRecord *prepared,
                         GError         **error)
{
  g_autoptr (SuijiTaskRecord) task = NULL;
  g_autoptr (GHashTable) directory = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autofree SuijiDrawStratum *strata = NULL;
  g_autoptr (SuijiDrawPreview) preview = g_new0 (SuijiDrawPreview, 1);
  guint n_strata = 0;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (prepared != NULL, NULL);

  task = suiji_task_load (db, task_id, error);
  if (task == NULL || !count_directory (db, task->stratified, directory, labels, error))
    return NULL;

  preview->strata = g_array_new (FALSE, TRUE, sizeof (SuijiDrawPreviewStratum));
  g_array_set_clear_func (preview->strata, preview_stratum_clear);
  preview->inspectors = suiji_draw_record_get_n_inspectors (prepared);
  preview->inspectors_per_subject = suiji_draw_record_get_inspectors_per_subject (prepared);
  preview->pool_digest = suiji_draw_pool_digest (prepared);
  preview->in_pool = suiji_draw_record_get_n_candidates (prepared);

  strata = suiji_draw_record_plan_strata (prepared, &n_strata);
  for (guint i = 0; i < n_strata; i++)
    {
      SuijiDrawPreviewStratum stratum = { 0 };
      const char             *label = g_hash_table_lookup (labels, strata[i].name);

      stratum.name = g_strdup (strata[i].name);
      stratum.label = g_strdup (label != NULL ? label : strata[i].name);
      stratum.in_directory = GPOINTER_TO_UINT (g_hash_table_lookup (directory, strata[i].name));
      stratum.in_pool = strata[i].n;
      stratum.bp = strata[i].bp;
      stratum.count = strata[i].count;
      stratum.k = strata[i].k;
      preview->to_draw += stratum.k;
      g_array_append_val (preview->strata, stratum);
      g_hash_table_add (shown, strata[i].name);
    }

  /* Strata the pool lacks still show, so that an empty class is seen. */
  for (guint i = 0; i < task->rules->len; i++)
    {
      const SuijiTaskRule    *rule = g_ptr_array_index (task->rules, i);
      SuijiDrawPreviewStratum stratum = { 0 };
      const char             *label = g_hash_table_lookup (labels, rule->stratum);

      if (g_hash_table_contains (shown, rule->stratum))
        continue;
      stratum.name = g_strdup (rule->stratum);
      stratum.label = g_strdup (label != NULL ? label : rule->stratum);
      stratum.in_directory = GPOINTER_TO_UINT (g_hash_table_lookup (directory, rule->stratum));
      stratum.bp = rule->bp;
      stratum.count = rule->count;
      g_array_append_val (preview->strata, stratum);
    }

  {
    GHashTableIter iter;
    gpointer       value;

    g_hash_table_iter_init (&iter, directory);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      preview->in_directory += GPOINTER_TO_UINT (value);
  }

  add_warnings (preview, task, warnings);
  g_ptr_array_add (warnings, NULL);
  preview->warnings = (GStrv) g_ptr_array_steal (warnings, NULL);

  return g_steal_pointer (&preview);
}
