/* suiji-task.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 抽查任务: what is drawn from which subjects, by whom. A task counts
 * toward the forms by its departments (one: 部门内部, two or more: 部门联合),
 * its platform and whether it draws by credit-risk class.
 */

#define G_LOG_DOMAIN "suiji-task"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "suiji-database-private.h"
#include "suiji-fields.h"
#include "suiji-task-private.h"

/* clang-format off */
G_DEFINE_QUARK (suiji-task-error-quark, suiji_task_error)
/* clang-format on */

static void
rule_free (SuijiTaskRule *rule)
{
  g_free (rule->stratum);
  g_free (rule);
}

SuijiTaskRecord *
suiji_task_record_new (void)
{
  SuijiTaskRecord *record = g_new0 (SuijiTaskRecord, 1);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  record->year = g_date_time_get_year (now);
  record->origin = g_strdup ("plan");
  record->filed_reason = g_strdup ("");
  record->platform = g_strdup (SUIJI_PLATFORM_HEBEI);
  record->stratified = TRUE;
  record->state = g_strdup ("draft");
  record->inspectors_per_subject = 2;
  record->inspector_cap = -1;
  record->pool_filter = g_strdup ("");
  record->department_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  record->department_inspectors = g_array_new (FALSE, FALSE, sizeof (guint));
  record->item_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  record->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_free);

  return record;
}

void
suiji_task_record_free (SuijiTaskRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->name);
  g_free (record->origin);
  g_free (record->filed_on);
  g_free (record->filed_reason);
  g_free (record->platform);
  g_free (record->period_start);
  g_free (record->period_end);
  g_free (record->state);
  g_free (record->pool_filter);
  g_array_unref (record->department_ids);
  g_array_unref (record->department_inspectors);
  g_array_unref (record->item_ids);
  g_ptr_array_unref (record->rules);
  g_free (record);
}

void
suiji_task_record_add_rule (SuijiTaskRecord *record, const char *stratum, int bp, int count)
{
  SuijiTaskRule *rule = g_new0 (SuijiTaskRule, 1);

  /* A later rule for the same stratum replaces the earlier one. */
  for (guint i = 0; i < record->rules->len; i++)
    {
      SuijiTaskRule *existing = g_ptr_array_index (record->rules, i);

      if (g_str_equal (existing->stratum, stratum))
        {
          g_ptr_array_remove_index (record->rules, i);
          break;
        }
    }

  rule->stratum = g_strdup (stratum);
  rule->bp = bp;
  rule->count = count;
  g_ptr_array_add (record->rules, rule);
}

/**
 * suiji_task_parse_rules:
 * @text: "A=100,B=200,C=1000" (basis points) or, with @counts, "A=5,B=10"
 *
 * Adds the rules; the stratum names are the credit classes as stored, or
 * 未分类 for subjects without a class.
 */
gboolean
suiji_task_parse_rules (SuijiTaskRecord *record, const char *text, gboolean counts, GError **error)
{
  g_auto (GStrv) pairs = g_strsplit (text, ",", -1);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (pairs[i], "=", 2);
      g_autofree char *stratum = NULL;
      guint64          value;
      char            *end = NULL;

      if (g_strv_length (pair) != 2)
        {
          g_set_error (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_BAD_RULES,
                       _("“%s” is not of the form class=number, as in A=100."), pairs[i]);
          return FALSE;
        }

      stratum = g_strstrip (g_strdup (pair[0]));
      value = g_ascii_strtoull (g_strstrip (pair[1]), &end, 10);
      if (*stratum == '\0' || end == pair[1] || *end != '\0' || (!counts && value > 10000) ||
          value > G_MAXINT)
        {
          g_set_error (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_BAD_RULES,
                       counts ? _("“%s”: a count is a whole number, as in A=5.")
                              : _("“%s”: a ratio is given in basis points from 0 to 10000 (1%% = "
                                   "100), as in A=100."),
                       pairs[i]);
          return FALSE;
        }

      suiji_task_record_add_rule (record, stratum, counts ? -1 : (int) value,
                                  counts ? (int) value : -1);
    }

  return TRUE;
}

/**
 * suiji_task_default_rules:
 *
 * Adds the default ratio of every credit class and of the unclassified,
 * as kept in the database (A 1 %, B 2 %, C 10 %, D 30 %, unclassified 3 %
 * until staff change them).
 */
gboolean
suiji_task_default_rules (SuijiDatabase *db, SuijiTaskRecord *record, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _suiji_database_prepare (
      db,
      "SELECT code, default_bp FROM credit_classes WHERE default_bp IS NOT NULL"
      " UNION ALL SELECT '未分类', CAST(value AS INTEGER) FROM settings"
      " WHERE key = 'unclassified-default-bp'",
      error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    suiji_task_record_add_rule (record, _suiji_column_text (stmt, 0), sqlite3_column_int (stmt, 1),
                                -1);

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the default ratios"));
      return FALSE;
    }

  return TRUE;
}

void
suiji_task_filter_clear (SuijiTaskFilter *filter)
{
  g_clear_pointer (&filter->subject_type, g_free);
  g_clear_pointer (&filter->region, g_free);
  g_clear_pointer (&filter->industry, g_free);
  g_clear_pointer (&filter->label, g_free);
  g_clear_pointer (&filter->department, g_free);
  g_clear_pointer (&filter->exclude_drawn, g_free);
  filter->all_statuses = FALSE;
}

/**
 * suiji_task_filter_parse:
 * @text: "key=value,…" with the keys type, region, industry, label,
 *   department, status (active or all) and exclude (none, same-items,
 *   all: subjects already drawn this year)
 *
 * Reads a pool filter as the task keeps it and the command line takes it.
 */
gboolean
suiji_task_filter_parse (const char *text, SuijiTaskFilter *filter, GError **error)
{
  g_auto (GStrv) pairs = g_strsplit (text != NULL ? text : "", ",", -1);

  memset (filter, 0, sizeof *filter);
  filter->exclude_drawn = g_strdup ("none");

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (pairs[i], "=", 2);
      g_autofree char *value = NULL;
      char           **slot = NULL;

      if (*g_strstrip (pairs[i]) == '\0')
        continue;
      if (g_strv_length (pair) != 2)
        goto bad;

      value = suiji_fields_clean_text (pair[1]);
      g_strstrip (pair[0]);
      if (g_str_equal (pair[0], "type"))
        slot = &filter->subject_type;
      else if (g_str_equal (pair[0], "region"))
        slot = &filter->region;
      else if (g_str_equal (pair[0], "industry"))
        slot = &filter->industry;
      else if (g_str_equal (pair[0], "label"))
        slot = &filter->label;
      else if (g_str_equal (pair[0], "department"))
        slot = &filter->department;
      else if (g_str_equal (pair[0], "status") &&
               (g_str_equal (value, "active") || g_str_equal (value, "all")))
        filter->all_statuses = g_str_equal (value, "all");
      else if (g_str_equal (pair[0], "exclude") &&
               (g_str_equal (value, "none") || g_str_equal (value, "same-items") ||
                g_str_equal (value, "all")))
        slot = &filter->exclude_drawn;
      else
        goto bad;

      if (slot != NULL)
        {
          g_free (*slot);
          *slot = g_steal_pointer (&value);
        }
    }

  return TRUE;

bad:
  suiji_task_filter_clear (filter);
  g_set_error (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_BAD_FILTER,
               _("The pool filter “%s” is not understood: write key=value pairs separated by "
                  "commas, with the "
                  "keys type, region, industry, label, department, status (active or all) and "
                  "exclude (none, "
                  "same-items or all)."),
               text);
  return FALSE;
}

/**
 * suiji_task_check:
 *
 * The rules a task must follow before it is saved, each refused with what
 * to do.
 */
gboolean
suiji_task_check (const SuijiTaskRecord *record, GError **error)
{
  g_autofree char *name = g_strstrip (g_strdup (record->name != NULL ? record->name : ""));
  SuijiTaskFilter  filter;

  if (*name == '\0')
    {
      g_set_error_literal (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_INVALID,
                           _("Give the task a name."));
      return FALSE;
    }
  if (record->department_ids->len == 0)
    {
      g_set_error_literal (
          error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_INVALID,
          _("A task needs its lead department, and the departments that join it."));
      return FALSE;
    }
  if (record->year < 2000 || record->year > 2999)
    {
      g_set_error (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_INVALID,
                   _("The year %d is not between 2000 and 2999."), record->year);
      return FALSE;
    }
  /* The plan: an inspection outside the yearly plan is filed (备案) before it starts. */
  if (g_strcmp0 (record->origin, "filed") == 0 &&
      (record->filed_on == NULL || *record->filed_on == '\0' || *record->filed_reason == '\0'))
    {
      g_set_error_literal (
          error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_INVALID,
          _("A task outside the yearly plan is filed (备案) before it starts: enter the filing "
             "date and the reason."));
      return FALSE;
    }
  if (record->inspectors_per_subject < 2)
    {
      g_set_error_literal (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_INVALID,
                           _("The law asks for at least two inspectors per subject."));
      return FALSE;
    }
  if (!suiji_task_filter_parse (record->pool_filter, &filter, error))
    return FALSE;
  suiji_task_filter_clear (&filter);

  return TRUE;
}

/**
 * suiji_task_list_warnings:
 *
 * What is allowed in a task but probably not meant, each in a sentence
 * that says what follows from it (docs/statistics.md): a joint task on
 * 其他平台 counts in no row of the monthly forms, since the plan runs
 * joint inspections on the Hebei platform.
 *
 * Returns: (transfer full): the warnings, possibly none
 */
GStrv
suiji_task_list_warnings (const SuijiTaskRecord *record)
{
  g_autoptr (GStrvBuilder) warnings = g_strv_builder_new ();

  g_return_val_if_fail (record != NULL, NULL);

  if (g_strcmp0 (record->platform, SUIJI_PLATFORM_OTHER) == 0 && record->department_ids->len > 1)
    g_strv_builder_add (
        warnings, _("A joint inspection on 其他平台 counts in no row of the monthly forms: the "
                     "forms know joint inspections on 河北双随机执法监管平台 only. Choose that "
                     "platform, or leave the other departments out."));

  return g_strv_builder_end (warnings);
}

static gboolean
insert_ids (
    SuijiDatabase *db, const char *sql, gint64 task_id, GArray *ids, GArray *extra, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, task_id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (extra != NULL && i < extra->len && g_array_index (extra, guint, i) > 0)
        sqlite3_bind_int (stmt, 3, (int) g_array_index (extra, guint, i));
      if (!_suiji_database_run (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Writes a checked task inside the caller's transaction. */
gint64
_suiji_task_insert (SuijiDatabase *db, const SuijiTaskRecord *record, GError **error)
{
  g_autoptr (sqlite3_stmt) task = NULL;
  g_autoptr (sqlite3_stmt) rule = NULL;
  gint64 id;

  if (!suiji_task_check (record, error))
    return 0;

  task = _suiji_database_prepare (
      db,
      "INSERT INTO tasks (name, year, origin, filed_on, filed_reason,"
      " lead_department_id, platform, period_start, period_end, stratified,"
      " inspectors_per_subject, inspector_cap, pool_filter)"
      " VALUES (trim(?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
      error);
  if (task == NULL)
    return 0;

  sqlite3_bind_text (task, 1, record->name, -1, SQLITE_STATIC);
  sqlite3_bind_int (task, 2, record->year);
  sqlite3_bind_text (task, 3, record->origin, -1, SQLITE_STATIC);
  sqlite3_bind_text (task, 4, record->filed_on, -1, SQLITE_STATIC);
  sqlite3_bind_text (task, 5, record->filed_reason, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (task, 6, g_array_index (record->department_ids, gint64, 0));
  sqlite3_bind_text (task, 7, record->platform, -1, SQLITE_STATIC);
  sqlite3_bind_text (task, 8, record->period_start, -1, SQLITE_STATIC);
  sqlite3_bind_text (task, 9, record->period_end, -1, SQLITE_STATIC);
  sqlite3_bind_int (task, 10, record->stratified ? 1 : 0);
  sqlite3_bind_int (task, 11, (int) record->inspectors_per_subject);
  if (record->inspector_cap > 0)
    sqlite3_bind_int (task, 12, record->inspector_cap);
  sqlite3_bind_text (task, 13, record->pool_filter, -1, SQLITE_STATIC);
  if (!_suiji_database_run (db, task, error))
    return 0;
  id = sqlite3_last_insert_rowid (_suiji_database_get_handle (db));

  if (!insert_ids (
          db,
          "INSERT INTO task_departments (task_id, department_id, inspectors) VALUES (?1, ?2, ?3)",
          id, record->department_ids, record->department_inspectors, error) ||
      !insert_ids (db, "INSERT INTO task_items (task_id, item_id) VALUES (?1, ?2)", id,
                   record->item_ids, NULL, error))
    return 0;

  rule = _suiji_database_prepare (
      db, "INSERT INTO task_rules (task_id, stratum, bp, count) VALUES (?1, ?2, ?3, ?4)", error);
  if (rule == NULL)
    return 0;
  for (guint i = 0; i < record->rules->len; i++)
    {
      SuijiTaskRule *r = g_ptr_array_index (record->rules, i);

      sqlite3_bind_int64 (rule, 1, id);
      sqlite3_bind_text (rule, 2, r->stratum, -1, SQLITE_STATIC);
      if (r->bp >= 0)
        sqlite3_bind_int (rule, 3, r->bp);
      if (r->count >= 0)
        sqlite3_bind_int (rule, 4, r->count);
      if (!_suiji_database_run (db, rule, error))
        return 0;
    }

  return id;
}

/**
 * suiji_task_create:
 *
 * Saves a new task with its departments, items and rules, in one
 * transaction.
 *
 * Returns: the task's id, or 0 with @error set
 */
gint64
suiji_task_create (SuijiDatabase *db, const SuijiTaskRecord *record, GError **error)
{
  gint64 id;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), 0);

  if (!suiji_task_check (record, error) || !_suiji_database_begin (db, error))
    return 0;

  id = _suiji_task_insert (db, record, error);
  if (id == 0 || !_suiji_database_commit (db, error))
    {
      _suiji_database_rollback (db);
      return 0;
    }

  return id;
}

static char *
dup_column (sqlite3_stmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
             ? NULL
             : g_strdup (_suiji_column_text (stmt, column));
}

/**
 * suiji_task_load:
 *
 * Returns: (transfer full): the task, or %NULL with @error set
 */
SuijiTaskRecord *
suiji_task_load (SuijiDatabase *db, gint64 id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (SuijiTaskRecord) record = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  stmt = _suiji_database_prepare (
      db,
      "SELECT name, year, origin, filed_on, filed_reason, platform, period_start,"
      " period_end, stratified, state, inspectors_per_subject,"
      " coalesce(inspector_cap, -1), pool_filter FROM tasks WHERE id = ?1",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SUIJI_TASK_ERROR, SUIJI_TASK_ERROR_NOT_FOUND,
                   _("There is no task number %ld; list the tasks to find its number."),
                   (long) id);
      return NULL;
    }

  record = suiji_task_record_new ();
  record->id = id;
  record->name = dup_column (stmt, 0);
  record->year = sqlite3_column_int (stmt, 1);
  g_free (record->origin);
  record->origin = dup_column (stmt, 2);
  record->filed_on = dup_column (stmt, 3);
  g_free (record->filed_reason);
  record->filed_reason = dup_column (stmt, 4);
  g_free (record->platform);
  record->platform = dup_column (stmt, 5);
  record->period_start = dup_column (stmt, 6);
  record->period_end = dup_column (stmt, 7);
  record->stratified = sqlite3_column_int (stmt, 8) != 0;
  g_free (record->state);
  record->state = dup_column (stmt, 9);
  record->inspectors_per_subject = (guint) sqlite3_column_int (stmt, 10);
  record->inspector_cap = sqlite3_column_int (stmt, 11);
  g_free (record->pool_filter);
  record->pool_filter = dup_column (stmt, 12);
  g_clear_pointer (&stmt, sqlite3_finalize);

  /* The lead department first, then the others in the bureau's order. */
  stmt = _suiji_database_prepare (
      db,
      "SELECT td.department_id, coalesce(td.inspectors, 0) FROM task_departments td"
      " JOIN departments d ON d.id = td.department_id"
      " JOIN tasks t ON t.id = td.task_id WHERE td.task_id = ?1"
      " ORDER BY td.department_id <> t.lead_department_id, d.sort_order, d.id",
      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 department = sqlite3_column_int64 (stmt, 0);
      guint  inspectors = (guint) sqlite3_column_int (stmt, 1);

      g_array_append_val (record->department_ids, department);
      g_array_append_val (record->department_inspectors, inspectors);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _suiji_database_prepare (
      db, "SELECT item_id FROM task_items WHERE task_id = ?1 ORDER BY item_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 item = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (record->item_ids, item);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = _suiji_database_prepare (
      db,
      "SELECT stratum, coalesce(bp, -1), coalesce(count, -1) FROM task_rules"
      " WHERE task_id = ?1 ORDER BY stratum",
      error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    suiji_task_record_add_rule (record, _suiji_column_text (stmt, 0), sqlite3_column_int (stmt, 1),
                                sqlite3_column_int (stmt, 2));

  return g_steal_pointer (&record);
}

/**
 * suiji_task_list_item_names:
 *
 * Returns: (transfer full): the names of the task's check items, by name,
 *   or %NULL with @error set
 */
GStrv
suiji_task_list_item_names (SuijiDatabase *db, gint64 task_id, GError **error)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  stmt =
      _suiji_database_prepare (db,
                               "SELECT i.name FROM task_items ti JOIN items i ON i.id = ti.item_id"
                               " WHERE ti.task_id = ?1 ORDER BY i.name",
                               error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, task_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (names, _suiji_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the check items of the task"));
      return NULL;
    }

  return g_strv_builder_end (names);
}
