/* suiji-statistics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures behind 附件1 and 附件2, as docs/statistics.md defines them.
 * A task counts once it has a saved draw: from the date of its first one,
 * with that draw's subjects. Each row of a form is a rule over the task's
 * platform, its departments (one: 部门内部, two or more: 部门联合),
 * whether it drew by credit-risk class, whether a market-regulation
 * department took part and whether it drew enterprises; the household
 * columns add up the drawn subjects, those checked and those with a
 * problem, as the result categories say, inspected by the cut-off date.
 *
 * The figures read the per-draw sums the database keeps (result_tallies);
 * an explanation reads the results themselves, so that the two can be
 * held against each other.
 */

#define G_LOG_DOMAIN "suiji-statistics"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "suiji-database-private.h"
#include "suiji-deadlines.h"
#include "suiji-statistics.h"
#include "suiji-task.h"

/* clang-format off */
G_DEFINE_QUARK (suiji-statistics-error-quark, suiji_statistics_error)
/* clang-format on */

typedef enum
{
  SCOPE_ALL,
  SCOPE_INTERNAL, /* 部门内部: one department */
  SCOPE_JOINT,    /* 部门联合: two or more */
} Scope;

/* Which tasks, and which of their subjects, a row counts. */
typedef struct
{
  gboolean other_platform;
  Scope    scope;
  gboolean stratified_only; /* 利用企业信用风险分级分类 */
  gboolean market_only;     /* 市场监管系统: a market-regulation department takes part */
  gboolean enterprises;     /* 涉及企业: tasks that drew enterprises, counting those */
} RowRule;

#define HEBEI SUIJI_PLATFORM_HEBEI
#define OTHER SUIJI_PLATFORM_OTHER

static const SuijiStatisticsRow region_rows[SUIJI_STATISTICS_REGION_ROWS] = {
  { 1, HEBEI, "本地区开展随机抽查情况", "总计" },
  { 2, HEBEI, "本地区开展随机抽查情况", "部门内部" },
  { 3, HEBEI, "本地区开展随机抽查情况", "部门联合" },
  { 4, HEBEI, "本地区涉及企业的随机抽查情况", "总计" },
  { 5, HEBEI, "本地区利用企业信用风险分级分类开展随机抽查的情况", "总计" },
  { 6, HEBEI, "本地区市场监管系统开展随机抽查情况（即市场监管局牵头和参与部门联合包括的抽查）",
    "总计" },
  { 7, HEBEI, "本地区市场监管系统开展随机抽查情况（即市场监管局牵头和参与部门联合包括的抽查）",
    "部门内部" },
  { 8, HEBEI, "本地区市场监管系统开展随机抽查情况（即市场监管局牵头和参与部门联合包括的抽查）",
    "部门联合" },
  { 9, OTHER, "本地区开展部门内部抽查情况", NULL },
  { 10, OTHER, "本地区涉及企业的随机抽查情况", NULL },
  { 11, OTHER, "本地区利用企业信用风险分级分类开展随机抽查情况", NULL },
};

static const RowRule region_rules[SUIJI_STATISTICS_REGION_ROWS] = {
  { FALSE, SCOPE_ALL, FALSE, FALSE, FALSE },     { FALSE, SCOPE_INTERNAL, FALSE, FALSE, FALSE },
  { FALSE, SCOPE_JOINT, FALSE, FALSE, FALSE },   { FALSE, SCOPE_ALL, FALSE, FALSE, TRUE },
  { FALSE, SCOPE_ALL, TRUE, FALSE, FALSE },      { FALSE, SCOPE_ALL, FALSE, TRUE, FALSE },
  { FALSE, SCOPE_INTERNAL, FALSE, TRUE, FALSE }, { FALSE, SCOPE_JOINT, FALSE, TRUE, FALSE },
  { TRUE, SCOPE_INTERNAL, FALSE, FALSE, FALSE }, { TRUE, SCOPE_INTERNAL, FALSE, FALSE, TRUE },
  { TRUE, SCOPE_INTERNAL, TRUE, FALSE, FALSE },
};

static const SuijiStatisticsRow department_rows[SUIJI_STATISTICS_DEPARTMENT_ROWS] = {
  { 1, HEBEI, "市本级开展随机抽查情况", "总计" },
  { 2, HEBEI, "市本级开展随机抽查情况", "部门内部" },
  { 3, HEBEI, "市本级开展随机抽查情况", "部门联合" },
  { 4, HEBEI, "市本级涉及企业的随机抽查情况", "总计" },
  { 5, HEBEI, "市本级利用企业信用风险分级分类开展随机抽查的情况", "总计" },
  { 6, OTHER, "市本级开展部门内部抽查情况", NULL },
  { 7, OTHER, "市本级涉及企业的随机抽查情况", NULL },
  { 8, OTHER, "市本级利用企业信用风险分级分类开展随机抽查情况", NULL },
};

static const RowRule department_rules[SUIJI_STATISTICS_DEPARTMENT_ROWS] = {
  { FALSE, SCOPE_ALL, FALSE, FALSE, FALSE },    { FALSE, SCOPE_INTERNAL, FALSE, FALSE, FALSE },
  { FALSE, SCOPE_JOINT, FALSE, FALSE, FALSE },  { FALSE, SCOPE_ALL, FALSE, FALSE, TRUE },
  { FALSE, SCOPE_ALL, TRUE, FALSE, FALSE },     { TRUE, SCOPE_INTERNAL, FALSE, FALSE, FALSE },
  { TRUE, SCOPE_INTERNAL, FALSE, FALSE, TRUE }, { TRUE, SCOPE_INTERNAL, TRUE, FALSE, FALSE },
};

static const char *const column_titles[SUIJI_FIGURE_N_COLUMNS] = {
  "次数",
  "抽查总户数",
  "完成检查户数",
  "发现问题户数",
};

/* The household columns, for all subjects and for the enterprises. */
enum
{
  HOUSEHOLDS_DRAWN,
  HOUSEHOLDS_COMPLETED,
  HOUSEHOLDS_PROBLEMS,
  N_HOUSEHOLDS,
};

/* What the forms need to know of a counted task. */
typedef struct
{
  gint64   task_id;
  gint64   draw_id;
  gboolean other_platform;
  gboolean stratified;
  gboolean joint;
  gboolean market;
  gint64   all[N_HOUSEHOLDS];
  gint64   enterprises[N_HOUSEHOLDS];
  guint    first_department; /* into the snapshot's departments */
  guint    n_departments;
} TaskFacts;

struct _SuijiStatisticsSnapshot
{
  GArray *tasks;       /* TaskFacts, by task id */
  GArray *departments; /* gint64, each task's in turn */
};

const SuijiStatisticsRow *
suiji_statistics_get_rows (SuijiStatisticsForm form, guint *n_rows)
{
  if (form == SUIJI_STATISTICS_DEPARTMENT)
    {
      *n_rows = G_N_ELEMENTS (department_rows);
      return department_rows;
    }

  *n_rows = G_N_ELEMENTS (region_rows);
  return region_rows;
}

/* The form's name in the plan: 附件1 or 附件2. */
const char *
suiji_statistics_get_title (SuijiStatisticsForm form)
{
  return form == SUIJI_STATISTICS_DEPARTMENT ? "附件2" : "附件1";
}

const char *
suiji_statistics_get_column_title (SuijiFigureColumn column)
{
  g_return_val_if_fail (column < SUIJI_FIGURE_N_COLUMNS, NULL);

  return column_titles[column];
}

static const RowRule *
get_rules (SuijiStatisticsForm form, guint *n_rules)
{
  if (form == SUIJI_STATISTICS_DEPARTMENT)
    {
      *n_rules = G_N_ELEMENTS (department_rules);
      return department_rules;
    }

  *n_rules = G_N_ELEMENTS (region_rules);
  return region_rules;
}

/* Whether the row counts the task, the enterprise rule aside. */
static gboolean
rule_takes_task (const RowRule *rule, const TaskFacts *task)
{
  if (rule->other_platform != task->other_platform)
    return FALSE;
  if ((rule->scope == SCOPE_INTERNAL && task->joint) ||
      (rule->scope == SCOPE_JOINT && !task->joint))
    return FALSE;
  if (rule->stratified_only && !task->stratified)
    return FALSE;
  if (rule->market_only && !task->market)
    return FALSE;

  return TRUE;
}

static gboolean
task_has_department (SuijiStatisticsSnapshot *snapshot, const TaskFacts *task, gint64 department)
{
  for (guint i = 0; i < task->n_departments; i++)
    if (g_array_index (snapshot->departments, gint64, task->first_department + i) == department)
      return TRUE;

  return FALSE;
}

static gboolean
check_period (int year, const char *until, char from[11], GError **error)
{
  GDate day;

  if (year < 2000 || year > 2999)
    {
      g_set_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_INVALID,
                   _("The year %d is not between 2000 and 2999."), year);
      return FALSE;
    }
  if (!suiji_date_parse_iso (until, &day))
    {
      g_set_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_INVALID,
                   _("“%s” is not a cut-off date; write it as %d-03-31."),
                   until != NULL ? until : "", year);
      return FALSE;
    }
  if ((int) g_date_get_year (&day) != year)
    {
      g_set_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_INVALID,
                   _("The cut-off date %s is not in %d: the forms count one year at a time."),
                   until, year);
      return FALSE;
    }

  g_snprintf (from, 11, "%04d-01-01", year);
  return TRUE;
}

static gboolean
check_department (SuijiDatabase *db, gint64 department_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
      _suiji_database_prepare (db, "SELECT 1 FROM departments WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, department_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_NOT_FOUND,
                   _("There is no department number %ld."), (long) department_id);
      return FALSE;
    }

  return TRUE;
}

/* The tasks that count from @from to @until: those whose first saved draw
 * falls in that time; with ?3, only those that department takes part in. */
#define COUNTED_TASKS                                                                              \
  "WITH counted AS (SELECT d.id AS draw_id, d.task_id FROM draws d"                                \
  "   WHERE substr(d.drawn_at, 1, 10) BETWEEN ?1 AND ?2"                                           \
  "   AND NOT EXISTS (SELECT 1 FROM draws e WHERE e.task_id = d.task_id AND e.id < d.id)"          \
  "   AND (?3 = 0 OR d.task_id IN (SELECT task_id FROM task_departments"                           \
  "     WHERE department_id = ?3)))"

static sqlite3_stmt *
prepare_counted (SuijiDatabase *db,
                 const char    *sql,
                 const char    *from,
                 const char    *until,
                 gint64         department,
                 GError       **error)
{
  sqlite3_stmt *stmt = _suiji_database_prepare (db, sql, error);

  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, until, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, department);
    }

  return stmt;
}

/* Adds the households of every counted draw, from result_tallies: all
 * that was drawn, checked and found, less what was checked after @until. */
static gboolean
add_tallies (SuijiDatabase           *db,
             SuijiStatisticsSnapshot *snapshot,
             const char              *from,
             const char              *until,
             gint64                   department,
             GError                 **error)
{
  g_autoptr (GHashTable) by_draw = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = prepare_counted (
      db,
      COUNTED_TASKS " SELECT rt.draw_id, rt.enterprise, rt.drawn, rt.completed, rt.problem"
                    " FROM result_tallies rt WHERE rt.draw_id IN (SELECT draw_id FROM counted)"
                    " AND rt.day = ''"
                    " UNION ALL SELECT rt.draw_id, rt.enterprise, 0, -rt.completed, -rt.problem"
                    " FROM result_tallies rt WHERE rt.draw_id IN (SELECT draw_id FROM counted)"
                    " AND rt.day > ?2",
      from, until, department, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < snapshot->tasks->len; i++)
    {
      TaskFacts *facts = &g_array_index (snapshot->tasks, TaskFacts, i);

      g_hash_table_insert (by_draw, &facts->draw_id, facts);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64     draw_id = sqlite3_column_int64 (stmt, 0);
      TaskFacts *facts = g_hash_table_lookup (by_draw, &draw_id);

      if (facts == NULL)
        continue;
      for (guint h = 0; h < N_HOUSEHOLDS; h++)
        {
          gint64 n = sqlite3_column_int64 (stmt, 2 + (int) h);

          facts->all[h] += n;
          if (sqlite3_column_int (stmt, 1) != 0)
            facts->enterprises[h] += n;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the tasks for the statistics"));
      return FALSE;
    }

  return TRUE;
}

/* The tasks a form counts up to @until, with their departments and, when
 * @with_tallies, their subjects summed from result_tallies. With
 * @department only the tasks that department takes part in. */
static SuijiStatisticsSnapshot *
load_snapshot (SuijiDatabase *db,
               const char    *from,
               const char    *until,
               gint64         department,
               gboolean       with_tallies,
               GError       **error)
{
  g_autoptr (SuijiStatisticsSnapshot) snapshot = g_new0 (SuijiStatisticsSnapshot, 1);
  g_autoptr (sqlite3_stmt) tasks = NULL;
  g_autoptr (sqlite3_stmt) members = NULL;
  guint next = 0;
  int   rc;

  snapshot->tasks = g_array_new (FALSE, TRUE, sizeof (TaskFacts));
  snapshot->departments = g_array_new (FALSE, FALSE, sizeof (gint64));

  tasks = prepare_counted (db,
                           COUNTED_TASKS " SELECT c.task_id, c.draw_id, t.platform = '" OTHER
                                         "', t.stratified FROM counted c"
                                         " JOIN tasks t ON t.id = c.task_id ORDER BY c.task_id",
                           from, until, department, error);
  if (tasks == NULL)
    return NULL;

  while ((rc = sqlite3_step (tasks)) == SQLITE_ROW)
    {
      TaskFacts facts = {
        .task_id = sqlite3_column_int64 (tasks, 0),
        .draw_id = sqlite3_column_int64 (tasks, 1),
        .other_platform = sqlite3_column_int (tasks, 2) != 0,
        .stratified = sqlite3_column_int (tasks, 3) != 0,
      };

      g_array_append_val (snapshot->tasks, facts);
    }
  if (rc != SQLITE_DONE)
    goto failed;

  /* The departments of every task, merged by task id into the facts: two
   * or more make a joint task, a market-regulation one a task of the
   * 市场监管系统. */
  members = _suiji_database_prepare (
      db,
      "SELECT td.task_id, td.department_id, p.is_market_regulation FROM task_departments td"
      " JOIN departments p ON p.id = td.department_id ORDER BY td.task_id, td.department_id",
      error);
  if (members == NULL)
    return NULL;

  while ((rc = sqlite3_step (members)) == SQLITE_ROW)
    {
      gint64   task_id = sqlite3_column_int64 (members, 0);
      gint64   department_id = sqlite3_column_int64 (members, 1);
      gboolean market = sqlite3_column_int (members, 2) != 0;

      while (next < snapshot->tasks->len &&
             g_array_index (snapshot->tasks, TaskFacts, next).task_id < task_id)
        next++;
      if (next < snapshot->tasks->len &&
          g_array_index (snapshot->tasks, TaskFacts, next).task_id == task_id)
        {
          TaskFacts *facts = &g_array_index (snapshot->tasks, TaskFacts, next);

          if (facts->n_departments == 0)
            facts->first_department = snapshot->departments->len;
          facts->n_departments++;
          facts->joint = facts->n_departments >= 2;
          facts->market |= market;
          g_array_append_val (snapshot->departments, department_id);
        }
    }
  if (rc != SQLITE_DONE)
    goto failed;

  if (with_tallies && !add_tallies (db, snapshot, from, until, department, error))
    return NULL;

  return g_steal_pointer (&snapshot);

failed:
  _suiji_database_set_error (db, error, _("Could not read the tasks for the statistics"));
  return NULL;
}

/**
 * suiji_statistics_snapshot_new:
 * @year: the report year
 * @until: the cut-off date, YYYY-MM-DD, in @year
 *
 * Reads, once, what the forms of every unit need for @year up to @until:
 * then suiji_statistics_snapshot_figures () gives 附件1 and 附件2 of each
 * department without going back to the database.
 *
 * Returns: (transfer full): the snapshot, or %NULL with @error set
 */
SuijiStatisticsSnapshot *
suiji_statistics_snapshot_new (SuijiDatabase *db, int year, const char *until, GError **error)
{
  char from[11];

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  if (!check_period (year, until, from, error))
    return NULL;

  return load_snapshot (db, from, until, 0, TRUE, error);
}

void
suiji_statistics_snapshot_free (SuijiStatisticsSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;

  g_array_unref (snapshot->tasks);
  g_array_unref (snapshot->departments);
  g_free (snapshot);
}

/**
 * suiji_statistics_snapshot_figures:
 * @department_id: for %SUIJI_STATISTICS_DEPARTMENT, the department
 *
 * Fills @figures with one form: every row, its four columns.
 */
void
suiji_statistics_snapshot_figures (SuijiStatisticsSnapshot *snapshot,
                                   SuijiStatisticsForm      form,
                                   gint64                   department_id,
                                   SuijiFigures            *figures)
{
  suiji_statistics_snapshot_figures_of (snapshot, form, department_id, SUIJI_STATISTICS_ALL_TASKS,
                                        figures);
}

/**
 * suiji_statistics_snapshot_figures_of:
 * @tasks: which tasks count: all, only those of one department, or only
 *   the joint ones
 *
 * As suiji_statistics_snapshot_figures (), over part of the tasks: the
 * region's form gathered from the departments' reports takes the joint
 * inspections from the records, once each, and the rest from the reports.
 */
void
suiji_statistics_snapshot_figures_of (SuijiStatisticsSnapshot *snapshot,
                                      SuijiStatisticsForm      form,
                                      gint64                   department_id,
                                      SuijiStatisticsTasks     tasks,
                                      SuijiFigures            *figures)
{
  const RowRule *rules;
  guint          n_rules;

  g_return_if_fail (snapshot != NULL);
  g_return_if_fail (figures != NULL);

  rules = get_rules (form, &n_rules);
  memset (figures, 0, sizeof *figures);
  figures->n_rows = n_rules;

  for (guint i = 0; i < snapshot->tasks->len; i++)
    {
      const TaskFacts *task = &g_array_index (snapshot->tasks, TaskFacts, i);

      if ((tasks == SUIJI_STATISTICS_INTERNAL_TASKS && task->joint) ||
          (tasks == SUIJI_STATISTICS_JOINT_TASKS && !task->joint))
        continue;
      /* A joint task counts for each department that takes part. */
      if (form == SUIJI_STATISTICS_DEPARTMENT &&
          !task_has_department (snapshot, task, department_id))
        continue;

      for (guint r = 0; r < n_rules; r++)
        {
          const gint64 *households = rules[r].enterprises ? task->enterprises : task->all;

          if (!rule_takes_task (&rules[r], task) ||
              (rules[r].enterprises && task->enterprises[HOUSEHOLDS_DRAWN] == 0))
            continue;

          figures->values[r][SUIJI_FIGURE_COUNT]++;
          figures->values[r][SUIJI_FIGURE_DRAWN] += households[HOUSEHOLDS_DRAWN];
          figures->values[r][SUIJI_FIGURE_COMPLETED] += households[HOUSEHOLDS_COMPLETED];
          figures->values[r][SUIJI_FIGURE_PROBLEMS] += households[HOUSEHOLDS_PROBLEMS];
        }
    }
}

/**
 * suiji_statistics_compute:
 * @form: 附件1 (the region) or 附件2 (one department)
 * @year: the report year
 * @until: the cut-off date, YYYY-MM-DD, in @year: the figures are those of
 *   1 January to that day
 * @department_id: for %SUIJI_STATISTICS_DEPARTMENT, the department; else 0
 *
 * Computes the four figures (次数, 抽查总户数, 完成检查户数, 发现问题户数) of
 * every row of the form, as docs/statistics.md defines them.
 */
gboolean
suiji_statistics_compute (SuijiDatabase      *db,
                          SuijiStatisticsForm form,
                          int                 year,
                          const char         *until,
                          gint64              department_id,
                          SuijiFigures       *figures,
                          GError            **error)
{
  g_autoptr (SuijiStatisticsSnapshot) snapshot = NULL;
  char from[11];

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (figures != NULL, FALSE);

  if (!check_period (year, until, from, error))
    return FALSE;
  if (form == SUIJI_STATISTICS_DEPARTMENT && !check_department (db, department_id, error))
    return FALSE;

  snapshot = load_snapshot (db, from, until,
                            form == SUIJI_STATISTICS_DEPARTMENT ? department_id : 0, TRUE, error);
  if (snapshot == NULL)
    return FALSE;

  suiji_statistics_snapshot_figures (snapshot, form, department_id, figures);
  return TRUE;
}

static void
subject_clear (SuijiStatisticsSubject *subject)
{
  g_clear_pointer (&subject->key, g_free);
  g_clear_pointer (&subject->name, g_free);
}

void
suiji_statistics_explanation_free (SuijiStatisticsExplanation *explanation)
{
  if (explanation == NULL)
    return;

  g_array_unref (explanation->task_ids);
  g_array_unref (explanation->subjects);
  g_free (explanation);
}

/* Adds the subjects of one task behind the cell, read from the results
 * themselves; returns whether the task counts in the row at all. */
static gboolean
explain_task (sqlite3_stmt               *stmt,
              const TaskFacts            *task,
              const RowRule              *rule,
              SuijiFigureColumn           column,
              SuijiStatisticsExplanation *explanation)
{
  guint n_before = explanation->subjects->len;
  guint n_enterprises = 0;

  sqlite3_bind_int64 (stmt, 1, task->draw_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gboolean               enterprise = sqlite3_column_int (stmt, 4) != 0;
      gboolean               completed = sqlite3_column_int (stmt, 5) != 0;
      gboolean               problem = sqlite3_column_int (stmt, 6) != 0;
      SuijiStatisticsSubject subject;

      n_enterprises += enterprise;
      if (rule->enterprises && !enterprise)
        continue;
      if ((column == SUIJI_FIGURE_COMPLETED && !completed) ||
          (column == SUIJI_FIGURE_PROBLEMS && !problem) || column == SUIJI_FIGURE_COUNT)
        continue;

      subject.task_id = task->task_id;
      subject.draw_id = task->draw_id;
      subject.position = (guint) sqlite3_column_int (stmt, 0);
      subject.subject_id = sqlite3_column_int64 (stmt, 1);
      subject.key = g_strdup (_suiji_column_text (stmt, 2));
      subject.name = g_strdup (_suiji_column_text (stmt, 3));
      g_array_append_val (explanation->subjects, subject);
    }
  sqlite3_reset (stmt);

  if (rule->enterprises && n_enterprises == 0)
    {
      g_array_set_size (explanation->subjects, n_before);
      return FALSE;
    }

  return TRUE;
}

/**
 * suiji_statistics_explain:
 * @row: the row as numbered on the form, from 1
 *
 * Answers "which tasks and subjects make this number" for one cell of a
 * form: the tasks counted in the row and, for the household columns, the
 * drawn subjects. It reads the results themselves, so the number of
 * tasks (次数) or of subjects (the other columns) is the cell's figure.
 *
 * Returns: (transfer full): the explanation, or %NULL with @error set
 */
SuijiStatisticsExplanation *
suiji_statistics_explain (SuijiDatabase      *db,
                          SuijiStatisticsForm form,
                          int                 year,
                          const char         *until,
                          gint64              department_id,
                          guint               row,
                          SuijiFigureColumn   column,
                          GError            **error)
{
  g_autoptr (SuijiStatisticsSnapshot) snapshot = NULL;
  g_autoptr (SuijiStatisticsExplanation) explanation = NULL;
  g_autoptr (sqlite3_stmt) subjects = NULL;
  const RowRule *rules;
  guint          n_rules;
  char           from[11];

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  rules = get_rules (form, &n_rules);
  if (row < 1 || row > n_rules || column >= SUIJI_FIGURE_N_COLUMNS)
    {
      g_set_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_INVALID,
                   _("%s has rows 1 to %u and columns 0 to 3; there is no row %u, column %u."),
                   suiji_statistics_get_title (form), n_rules, row, (guint) column);
      return NULL;
    }
  if (!check_period (year, until, from, error))
    return NULL;
  if (form == SUIJI_STATISTICS_DEPARTMENT && !check_department (db, department_id, error))
    return NULL;

  snapshot = load_snapshot (db, from, until,
                            form == SUIJI_STATISTICS_DEPARTMENT ? department_id : 0, FALSE, error);
  if (snapshot == NULL)
    return NULL;

  subjects = _suiji_database_prepare (
      db,
      "SELECT r.position, coalesce(ds.subject_id, 0), ds.key, coalesce(s.name, ''),"
      " r.subject_type = '企业',"
      " coalesce(c.counts_as_completed, 0) AND (r.inspected_on IS NULL OR r.inspected_on <= ?2),"
      " coalesce(c.counts_as_problem, 0) AND (r.inspected_on IS NULL OR r.inspected_on <= ?2)"
      " FROM results r JOIN draw_subjects ds ON ds.draw_id = r.draw_id"
      " AND ds.position = r.position LEFT JOIN subjects s ON s.id = ds.subject_id"
      " LEFT JOIN result_categories c ON c.code = r.category"
      " WHERE r.draw_id = ?1 ORDER BY r.position",
      error);
  if (subjects == NULL)
    return NULL;
  sqlite3_bind_text (subjects, 2, until, -1, SQLITE_STATIC);

  explanation = g_new0 (SuijiStatisticsExplanation, 1);
  explanation->task_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  explanation->subjects = g_array_new (FALSE, TRUE, sizeof (SuijiStatisticsSubject));
  g_array_set_clear_func (explanation->subjects, (GDestroyNotify) subject_clear);

  for (guint i = 0; i < snapshot->tasks->len; i++)
    {
      const TaskFacts *task = &g_array_index (snapshot->tasks, TaskFacts, i);

      if (!rule_takes_task (&rules[row - 1], task))
        continue;
      /* Only a household column, or the enterprise rule, needs the subjects. */
      if ((column != SUIJI_FIGURE_COUNT || rules[row - 1].enterprises) &&
          !explain_task (subjects, task, &rules[row - 1], column, explanation))
        continue;

      g_array_append_val (explanation->task_ids, task->task_id);
    }

  return g_steal_pointer (&explanation);
}
