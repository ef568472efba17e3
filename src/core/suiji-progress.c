/* suiji-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the year stands against its targets, from the figures of the forms
 * (docs/statistics.md): the three shares year to date and what is still
 * needed, the same shares month by month, every department's shares, the
 * tasks behind any of them, and the report deadlines. The charts
 * (suiji-chart.c), the summary report and the 工作进度 section all read
 * this model, so that they show the same numbers.
 */

#define G_LOG_DOMAIN "suiji-progress"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-form-report.h"
#include "suiji-format.h"
#include "suiji-profile.h"
#include "suiji-progress.h"
#include "suiji-result.h"

/* The rows of both forms the targets are read from (numbered as printed). */
#define ROW_TOTAL  1
#define ROW_JOINT  3
#define ROW_CREDIT 5

#define FULL_BP 10000

static gint64
figure (const SuijiFigures *figures, guint row, SuijiFigureColumn column)
{
  return figures->values[row - 1][column];
}

/**
 * suiji_target_get_row:
 *
 * Returns: the row (as printed, from 1) whose figure is the part of
 *   @target: 部门联合 or 利用信用风险分级分类
 */
guint
suiji_target_get_row (SuijiTarget target)
{
  return target == SUIJI_TARGET_CREDIT_COUNT ? ROW_CREDIT : ROW_JOINT;
}

/* Returns: 次数 for the targets by count, 抽查总户数 for the one by subjects */
SuijiFigureColumn
suiji_target_get_column (SuijiTarget target)
{
  return target == SUIJI_TARGET_JOINT_SUBJECTS ? SUIJI_FIGURE_DRAWN : SUIJI_FIGURE_COUNT;
}

static SuijiRatio
ratio_from_figures (const SuijiFigures *figures, SuijiTarget target)
{
  SuijiFigureColumn column = suiji_target_get_column (target);
  SuijiRatio        ratio = {
           .part = figure (figures, suiji_target_get_row (target), column),
           .whole = figure (figures, ROW_TOTAL, column),
  };

  return ratio;
}

/* Rounded down, so that a share shown at its target meets it. */
static int
ratio_bp (SuijiRatio ratio)
{
  if (ratio.whole <= 0)
    return -1;
  return (int) (ratio.part * FULL_BP / ratio.whole);
}

static int
target_bp (const SuijiYearlyTargets *targets, SuijiTarget target)
{
  switch (target)
    {
    case SUIJI_TARGET_JOINT_COUNT:
      return targets->joint_count_bp;
    case SUIJI_TARGET_JOINT_SUBJECTS:
      return targets->joint_subjects_bp;
    case SUIJI_TARGET_CREDIT_COUNT:
    case SUIJI_N_TARGETS:
    default:
      return targets->credit_count_bp;
    }
}

/* Adding k tasks (or subjects) that all count in the part makes the share
 * (part + k) / (whole + k); the least k that reaches the target is
 * ceil ((target × whole − part) / (1 − target)). */
static gint64
count_needed (SuijiRatio ratio, int bp)
{
  gint64 missing = (gint64) bp * ratio.whole - (gint64) FULL_BP * ratio.part;

  if (missing <= 0)
    return 0;
  if (bp >= FULL_BP)
    return -1;
  return (missing + (FULL_BP - bp) - 1) / (FULL_BP - bp);
}

static void
update_targets (SuijiProgress *progress)
{
  for (guint t = 0; t < SUIJI_N_TARGETS; t++)
    {
      SuijiTargetProgress *target = &progress->progress[t];

      target->target = t;
      target->target_bp = target_bp (&progress->targets, t);
      target->ratio = ratio_from_figures (&progress->figures, t);
      target->value_bp = ratio_bp (target->ratio);
      target->needed = count_needed (target->ratio, target->target_bp);
      if (target->ratio.whole <= 0)
        target->state = SUIJI_TARGET_NO_DATA;
      else if (target->needed == 0)
        target->state = SUIJI_TARGET_MET;
      else
        target->state = progress->year_over ? SUIJI_TARGET_MISSED : SUIJI_TARGET_AT_RISK;
    }
}

static void
department_progress_free (SuijiDepartmentProgress *department)
{
  g_free (department->name);
  g_free (department->short_name);
  g_free (department);
}

void
suiji_progress_free (SuijiProgress *progress)
{
  if (progress == NULL)
    return;

  g_free (progress->unit_name);
  g_clear_pointer (&progress->departments, g_ptr_array_unref);
  g_free (progress);
}

/* The best joint share first, then the best credit-based share, then the
 * most tasks; departments without tasks last, in the bureau's order. */
static int
compare_departments (gconstpointer a, gconstpointer b)
{
  const SuijiDepartmentProgress *x = *(SuijiDepartmentProgress *const *) a;
  const SuijiDepartmentProgress *y = *(SuijiDepartmentProgress *const *) b;

  if ((x->tasks > 0) != (y->tasks > 0))
    return x->tasks > 0 ? -1 : 1;
  if (x->joint_bp != y->joint_bp)
    return x->joint_bp > y->joint_bp ? -1 : 1;
  if (x->credit_bp != y->credit_bp)
    return x->credit_bp > y->credit_bp ? -1 : 1;
  if (x->tasks != y->tasks)
    return x->tasks > y->tasks ? -1 : 1;
  return 0;
}

static gboolean
load_departments (SuijiDatabase           *db,
                  SuijiStatisticsSnapshot *snapshot,
                  SuijiProgress           *progress,
                  GError                 **error)
{
  g_autoptr (GListModel) departments = suiji_department_list_all (db, error);

  if (departments == NULL)
    return FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr (SuijiDepartment) item = g_list_model_get_item (departments, i);
      SuijiDepartmentProgress *department = g_new0 (SuijiDepartmentProgress, 1);
      const char              *short_name = suiji_department_get_short_name (item);
      SuijiFigures             figures;

      department->department_id = suiji_department_get_id (item);
      department->name = g_strdup (suiji_department_get_name (item));
      department->short_name =
          g_strdup (short_name != NULL && *short_name != '\0' ? short_name
                                                              : suiji_department_get_name (item));

      suiji_statistics_snapshot_figures (snapshot, SUIJI_STATISTICS_DEPARTMENT,
                                         department->department_id, &figures);
      department->tasks = figure (&figures, ROW_TOTAL, SUIJI_FIGURE_COUNT);
      department->joint_tasks = figure (&figures, ROW_JOINT, SUIJI_FIGURE_COUNT);
      department->credit_tasks = figure (&figures, ROW_CREDIT, SUIJI_FIGURE_COUNT);
      department->drawn = figure (&figures, ROW_TOTAL, SUIJI_FIGURE_DRAWN);
      department->joint_drawn = figure (&figures, ROW_JOINT, SUIJI_FIGURE_DRAWN);
      department->joint_bp = ratio_bp ((SuijiRatio){ department->joint_tasks, department->tasks });
      department->credit_bp =
          ratio_bp ((SuijiRatio){ department->credit_tasks, department->tasks });
      g_ptr_array_add (progress->departments, department);

      if (department->department_id == progress->department_id)
        {
          g_free (progress->unit_name);
          progress->unit_name = g_strdup (department->name);
          progress->unit_is_department = TRUE;
        }
    }

  /* A stable sort keeps the bureau's order among equals. */
  g_ptr_array_sort (progress->departments, compare_departments);
  return TRUE;
}

static void
last_day_of_month (int year, guint month, char text[11])
{
  g_snprintf (text, 11, "%04d-%02u-%02u", year, month,
              (guint) g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
}

/**
 * suiji_progress_compute:
 * @year: the report year
 * @until: the cut-off date, YYYY-MM-DD, in @year
 * @department_id: a department for its 附件2, or 0 for the region (附件1)
 *
 * Reads the figures of the forms for every month begun by @until and for
 * every department, and compares them with the year's targets.
 *
 * Returns: (transfer full): the model, or %NULL with @error set (a bad
 *   year or date, an unknown department, a database error)
 */
SuijiProgress *
suiji_progress_compute (
    SuijiDatabase *db, int year, const char *until, gint64 department_id, GError **error)
{
  g_autoptr (SuijiProgress) progress = g_new0 (SuijiProgress, 1);
  g_autoptr (SuijiStatisticsSnapshot) snapshot = NULL;
  g_autoptr (SuijiUnitProfile) profile = NULL;
  SuijiStatisticsForm form =
      department_id != 0 ? SUIJI_STATISTICS_DEPARTMENT : SUIJI_STATISTICS_REGION;
  GDate cut_off;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  /* The statistics check the year and the date; this snapshot at the
   * cut-off gives the unit's form and the departments'. */
  snapshot = suiji_statistics_snapshot_new (db, year, until, error);
  if (snapshot == NULL)
    return NULL;
  if (!suiji_yearly_targets_load (db, year, &progress->targets, error))
    return NULL;
  profile = suiji_unit_profile_load (db, error);
  if (profile == NULL)
    return NULL;

  suiji_date_parse_iso (until, &cut_off);
  progress->year = year;
  g_strlcpy (progress->until, until, sizeof progress->until);
  progress->department_id = department_id;
  progress->unit_name = g_strdup (profile->unit_name);
  progress->n_months = g_date_get_month (&cut_off);
  progress->year_over = progress->n_months == 12 && g_date_get_day (&cut_off) == 31;
  progress->departments =
      g_ptr_array_new_with_free_func ((GDestroyNotify) department_progress_free);
  suiji_statistics_snapshot_figures (snapshot, form, department_id, &progress->figures);

  /* One snapshot per month before: the statistics define what counts by
   * a date, so each month's share is exactly the one its form showed. */
  for (guint m = 1; m <= progress->n_months; m++)
    {
      g_autoptr (SuijiStatisticsSnapshot) month = NULL;
      char         month_end[11];
      SuijiFigures figures;

      if (m == progress->n_months)
        {
          figures = progress->figures;
        }
      else
        {
          last_day_of_month (year, m, month_end);
          month = suiji_statistics_snapshot_new (db, year, month_end, error);
          if (month == NULL)
            return NULL;
          suiji_statistics_snapshot_figures (month, form, department_id, &figures);
        }

      for (guint t = 0; t < SUIJI_N_TARGETS; t++)
        progress->months[m - 1][t] = ratio_from_figures (&figures, t);
    }

  if (!load_departments (db, snapshot, progress, error))
    return NULL;
  if (department_id != 0 && !progress->unit_is_department)
    {
      g_set_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_NOT_FOUND,
                   _("There is no department number %ld."), (long) department_id);
      return NULL;
    }

  update_targets (progress);
  return g_steal_pointer (&progress);
}

/**
 * suiji_progress_dup_default_until:
 *
 * Returns: (transfer full): the cut-off the charts take for @year: @today
 *   in the current year, the last day of a past year, the first day of a
 *   year to come
 */
char *
suiji_progress_dup_default_until (int year, const GDate *today)
{
  int this_year = g_date_get_year (today);

  if (year == this_year)
    return suiji_date_dup_iso (today);
  if (year < this_year)
    return g_strdup_printf ("%04d-12-31", year);
  return g_strdup_printf ("%04d-01-01", year);
}

static int
compare_years_descending (gconstpointer a, gconstpointer b)
{
  return *(const int *) b - *(const int *) a;
}

static void
add_year (GArray *years, int year)
{
  for (guint i = 0; i < years->len; i++)
    if (g_array_index (years, int, i) == year)
      return;
  g_array_append_val (years, year);
}

/**
 * suiji_progress_list_years:
 *
 * Returns: (transfer full) (element-type int): the years worth a chart,
 *   newest first: those with draws, the report year and @today's year
 */
GArray *
suiji_progress_list_years (SuijiDatabase *db, const GDate *today, GError **error)
{
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (SuijiUnitProfile) profile = NULL;
  int rc;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  stmt = _suiji_database_prepare (
      db, "SELECT DISTINCT CAST(substr(drawn_at, 1, 4) AS INTEGER) FROM draws", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);

      if (year >= 2000 && year <= 2999)
        add_year (years, year);
    }
  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the years of the draws"));
      return NULL;
    }

  profile = suiji_unit_profile_load (db, error);
  if (profile == NULL)
    return NULL;
  add_year (years, profile->report_year);
  add_year (years, g_date_get_year (today));

  g_array_sort (years, compare_years_descending);
  return g_steal_pointer (&years);
}

const char *
suiji_target_get_title (SuijiTarget target)
{
  switch (target)
    {
    case SUIJI_TARGET_JOINT_COUNT:
      return _("Joint inspections, by count");
    case SUIJI_TARGET_JOINT_SUBJECTS:
      return _("Joint inspections, by subjects");
    case SUIJI_TARGET_CREDIT_COUNT:
    case SUIJI_N_TARGETS:
    default:
      return _("Inspections by credit-risk class, by count");
    }
}

/* A name short enough for a legend. */
const char *
suiji_target_get_short_title (SuijiTarget target)
{
  switch (target)
    {
    case SUIJI_TARGET_JOINT_COUNT:
      return _("Joint, by count");
    case SUIJI_TARGET_JOINT_SUBJECTS:
      return _("Joint, by subjects");
    case SUIJI_TARGET_CREDIT_COUNT:
    case SUIJI_N_TARGETS:
    default:
      return _("Credit-risk class, by count");
    }
}

const char *
suiji_target_state_get_label (SuijiTargetState state)
{
  switch (state)
    {
    case SUIJI_TARGET_MET:
      return _("Met");
    case SUIJI_TARGET_AT_RISK:
      return _("At risk");
    case SUIJI_TARGET_MISSED:
      return _("Missed");
    case SUIJI_TARGET_NO_DATA:
    default:
      return _("No data");
    }
}

/**
 * suiji_progress_format_bp:
 *
 * Returns: (transfer full): a share as the charts print it, to a tenth of
 *   a per cent at most ("66.7%", "60%"), or "—" without one
 */
char *
suiji_progress_format_bp (int bp)
{
  int tenths = (bp + 5) / 10;

  if (bp < 0)
    return g_strdup ("—");
  if (tenths % 10 == 0)
    return g_strdup_printf ("%d%%", tenths / 10);
  return g_strdup_printf ("%d.%d%%", tenths / 10, tenths % 10);
}

/**
 * suiji_progress_format_share:
 * @target_bp: the target the share is held against
 *
 * Like suiji_progress_format_bp (), but a share below its target is
 * rounded down, never up to the target: 59.96 % shows as 59.9 %.
 *
 * Returns: (transfer full): the share
 */
char *
suiji_progress_format_share (int bp, int target_bp)
{
  if (bp >= 0 && bp < target_bp && (bp + 5) / 10 * 10 >= target_bp)
    return suiji_progress_format_bp (bp / 10 * 10);
  return suiji_progress_format_bp (bp);
}

/**
 * suiji_target_progress_dup_gap_text:
 *
 * Returns: (transfer full): in words, what the target still needs
 *   ("6 more joint inspections needed") or by how much it is met
 */
char *
suiji_target_progress_dup_gap_text (const SuijiTargetProgress *progress)
{
  int needed = (int) MIN (progress->needed, G_MAXINT);

  if (progress->state == SUIJI_TARGET_NO_DATA)
    return g_strdup (_("No inspections counted yet"));

  if (progress->state == SUIJI_TARGET_MET)
    {
      g_autofree char *points = NULL;
      int              above = progress->value_bp - progress->target_bp;

      if (above <= 0)
        return g_strdup (_("Met exactly"));
      if (above < 10)
        return g_strdup (_("Met, just above the target"));
      points = suiji_progress_format_bp (above / 10 * 10);
      points[strlen (points) - 1] = '\0'; /* percentage points, without the sign */
      return g_strdup_printf (_("Met, %s points above the target"), points);
    }

  if (needed < 0)
    return g_strdup (_("No further inspections can reach the target"));

  switch (progress->target)
    {
    case SUIJI_TARGET_JOINT_COUNT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d more joint inspection needed",
                                           "%d more joint inspections needed", needed),
                              needed);
    case SUIJI_TARGET_JOINT_SUBJECTS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%d more subject in joint inspections needed",
                                           "%d more subjects in joint inspections needed", needed),
                              needed);
    case SUIJI_TARGET_CREDIT_COUNT:
    case SUIJI_N_TARGETS:
    default:
      return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%d more inspection by credit-risk class needed",
                       "%d more inspections by credit-risk class needed", needed),
          needed);
    }
}

/**
 * suiji_target_progress_dup_ratio_text:
 *
 * Returns: (transfer full): the counts behind the share, "32 of 57
 *   inspections" or "184 of 324 subjects"
 */
char *
suiji_target_progress_dup_ratio_text (const SuijiTargetProgress *progress)
{
  int part = (int) MIN (progress->ratio.part, G_MAXINT);
  int whole = (int) MIN (progress->ratio.whole, G_MAXINT);

  if (progress->target == SUIJI_TARGET_JOINT_SUBJECTS)
    return g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%d of %d subject", "%d of %d subjects", whole), part, whole);
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%d of %d inspection", "%d of %d inspections", whole), part,
      whole);
}

/**
 * suiji_progress_explain:
 * @month: 1 to 12 for the figure at the end of that month (a point of
 *   the trend), or 0 for the figure at the cut-off
 * @department_id: a department for a bar of the department chart, or 0
 *   for the unit of @progress
 *
 * The tasks (and, for the target by subjects, the drawn subjects) that
 * make the part of a share: the joint or credit-based tasks.
 *
 * Returns: (transfer full): the explanation, or %NULL with @error set
 */
SuijiStatisticsExplanation *
suiji_progress_explain (SuijiDatabase       *db,
                        const SuijiProgress *progress,
                        SuijiTarget          target,
                        guint                month,
                        gint64               department_id,
                        GError             **error)
{
  gint64 unit = department_id != 0 ? department_id : progress->department_id;
  char   until[11];

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (progress != NULL, NULL);
  g_return_val_if_fail (target < SUIJI_N_TARGETS, NULL);
  g_return_val_if_fail (month <= 12, NULL);

  if (month == 0 || month >= progress->n_months)
    g_strlcpy (until, progress->until, sizeof until);
  else
    last_day_of_month (progress->year, month, until);

  return suiji_statistics_explain (
      db, unit != 0 ? SUIJI_STATISTICS_DEPARTMENT : SUIJI_STATISTICS_REGION, progress->year, until,
      unit, suiji_target_get_row (target), suiji_target_get_column (target), error);
}

void
suiji_progress_task_free (SuijiProgressTask *task)
{
  if (task == NULL)
    return;

  g_free (task->name);
  g_free (task->departments);
  g_free (task->drawn_on);
  g_free (task);
}

/**
 * suiji_progress_list_tasks:
 * @task_ids: (element-type gint64): tasks, as an explanation names them
 *
 * Returns: (transfer full) (element-type SuijiProgressTask): the tasks in
 *   the given order, with their departments and first draw, or %NULL with
 *   @error set
 */
GPtrArray *
suiji_progress_list_tasks (SuijiDatabase *db, GArray *task_ids, GError **error)
{
  g_autoptr (GPtrArray) tasks =
      g_ptr_array_new_with_free_func ((GDestroyNotify) suiji_progress_task_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (sqlite3_stmt) departments = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (task_ids != NULL, NULL);

  stmt = _suiji_database_prepare (
      db,
      "SELECT t.name, substr(d.drawn_at, 1, 10),"
      " (SELECT count(*) FROM draw_subjects ds WHERE ds.draw_id = d.id)"
      " FROM tasks t LEFT JOIN draws d ON d.id = (SELECT min(id) FROM draws WHERE task_id = t.id)"
      " WHERE t.id = ?1",
      error);
  if (stmt == NULL)
    return NULL;
  departments = _suiji_database_prepare (
      db,
      "SELECT coalesce(nullif(p.short_name, ''), p.name) FROM task_departments td"
      " JOIN departments p ON p.id = td.department_id JOIN tasks t ON t.id = td.task_id"
      " WHERE td.task_id = ?1"
      " ORDER BY td.department_id IS NOT t.lead_department_id, p.sort_order, p.id",
      error);
  if (departments == NULL)
    return NULL;

  for (guint i = 0; i < task_ids->len; i++)
    {
      gint64 task_id = g_array_index (task_ids, gint64, i);
      g_autoptr (SuijiProgressTask) task = NULL;
      g_autoptr (GString) names = g_string_new (NULL);
      int rc;

      sqlite3_bind_int64 (stmt, 1, task_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          task = g_new0 (SuijiProgressTask, 1);
          task->task_id = task_id;
          task->name = g_strdup (_suiji_column_text (stmt, 0));
          task->drawn_on = g_strdup (_suiji_column_text (stmt, 1));
          task->n_drawn = (guint) sqlite3_column_int (stmt, 2);
          rc = SQLITE_DONE;
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        goto failed;
      if (task == NULL)
        continue;

      /* The lead first, then the others in the bureau's order. */
      sqlite3_bind_int64 (departments, 1, task_id);
      while ((rc = sqlite3_step (departments)) == SQLITE_ROW)
        g_string_append_printf (names, "%s%s", names->len > 0 ? "、" : "",
                                _suiji_column_text (departments, 0));
      sqlite3_reset (departments);
      if (rc != SQLITE_DONE)
        goto failed;

      task->departments = g_string_free (g_steal_pointer (&names), FALSE);
      g_ptr_array_add (tasks, g_steal_pointer (&task));
    }

  return g_steal_pointer (&tasks);

failed:
  _suiji_database_set_error (db, error, _("Could not read the tasks"));
  return NULL;
}

/**
 * suiji_progress_list_overdue:
 * @year: the tasks' year
 *
 * Returns: (transfer full) (element-type SuijiProgressTask): the tasks
 *   whose results are overdue for publication on @today, with how many
 *   and the due day, or %NULL with @error set
 */
GPtrArray *
suiji_progress_list_overdue (SuijiDatabase *db, int year, const GDate *today, GError **error)
{
  g_autoptr (GArray) progress = NULL;
  g_autoptr (GArray) task_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GPtrArray) tasks = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  progress = suiji_result_list_progress (db, year, today, TRUE, error);
  if (progress == NULL)
    return NULL;
  for (guint i = 0; i < progress->len; i++)
    g_array_append_val (task_ids, g_array_index (progress, SuijiResultProgress, i).task_id);

  tasks = suiji_progress_list_tasks (db, task_ids, error);
  if (tasks == NULL)
    return NULL;

  /* Both lists are in task order, and every overdue task exists. */
  for (guint i = 0; i < tasks->len && i < progress->len; i++)
    {
      SuijiProgressTask         *task = g_ptr_array_index (tasks, i);
      const SuijiResultProgress *result = &g_array_index (progress, SuijiResultProgress, i);

      task->overdue = result->overdue;
      g_strlcpy (task->publication_due, result->publication_due, sizeof task->publication_due);
    }

  return g_steal_pointer (&tasks);
}

/* Deadlines */

/**
 * suiji_progress_format_date:
 *
 * Returns: (transfer full): @date as the user's language writes it
 */
char *
suiji_progress_format_date (const GDate *date)
{
  char text[64];

  /* Translators: a date as in “December 23, 2026” */
  if (g_date_strftime (text, sizeof text, _("%B %-d, %Y"), date) == 0)
    return suiji_date_dup_iso (date);
  return g_strdup (text);
}

void
suiji_deadline_status_clear (SuijiDeadlineStatus *status)
{
  g_clear_pointer (&status->missing, g_ptr_array_unref);
}

static gboolean
load_missing (SuijiDatabase *db, SuijiDeadlineStatus *status, GError **error)
{
  g_autoptr (GPtrArray) submissions = NULL;

  submissions =
      suiji_form_list_submissions (db, status->year, status->month, &status->before, error);
  if (submissions == NULL)
    return FALSE;

  g_clear_pointer (&status->missing, g_ptr_array_unref);
  status->missing = g_ptr_array_new_with_free_func (g_free);
  status->n_departments = submissions->len;
  for (guint i = 0; i < submissions->len; i++)
    {
      const SuijiFormSubmission *submission = g_ptr_array_index (submissions, i);

      if (!submission->reported)
        g_ptr_array_add (status->missing, g_strdup (submission->department_name));
    }

  return TRUE;
}

/**
 * suiji_deadline_status_load:
 *
 * Where the next report of @kind stands on @today. The monthly report is
 * this month's 附件2 of every department, due before the 23rd: after that
 * day it stays the one shown, late, while a department has not saved its
 * form; then it is next month's. A progress report is the next of the
 * plan's four days.
 */
gboolean
suiji_deadline_status_load (SuijiDatabase       *db,
                            SuijiDeadlineKind    kind,
                            const GDate         *today,
                            SuijiDeadlineStatus *status,
                            GError             **error)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (g_date_valid (today), FALSE);

  memset (status, 0, sizeof *status);
  status->kind = kind;
  g_date_clear (&status->before, 1);

  if (kind == SUIJI_DEADLINE_PROGRESS_REPORT)
    {
      SuijiDeadline deadline;

      suiji_deadline_next (kind, today, &deadline);
      status->before = deadline.before;
      status->days_left = g_date_days_between (today, &status->before) - 1;
      return TRUE;
    }

  status->year = g_date_get_year (today);
  status->month = g_date_get_month (today);
  if (!load_missing (db, status, error))
    return FALSE;

  if (g_date_compare (today, &status->before) >= 0 && status->missing->len == 0)
    {
      status->month = status->month % 12 + 1;
      status->year += status->month == 1 ? 1 : 0;
      if (!load_missing (db, status, error))
        return FALSE;
    }

  status->days_left = g_date_days_between (today, &status->before) - 1;
  return TRUE;
}

const char *
suiji_deadline_kind_get_title (SuijiDeadlineKind kind)
{
  return kind == SUIJI_DEADLINE_MONTHLY_REPORT ? _("Monthly report") : _("Progress report");
}

/**
 * suiji_deadline_status_dup_text:
 *
 * Returns: (transfer full): the due day and the days left, or how late
 */
char *
suiji_deadline_status_dup_text (const SuijiDeadlineStatus *status)
{
  g_autofree char *date = suiji_progress_format_date (&status->before);

  if (status->days_left < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Before %s: %d day late",
                                         "Before %s: %d days late", -status->days_left),
                            date, -status->days_left);
  if (status->days_left == 0)
    return g_strdup_printf (_("Before %s: today is the last day"), date);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Before %s: %d day left",
                                       "Before %s: %d days left", status->days_left),
                          date, status->days_left);
}

/**
 * suiji_deadline_status_dup_missing_text:
 *
 * Returns: (transfer full): which departments have not saved their 附件2
 *   for the month of a monthly report
 */
char *
suiji_deadline_status_dup_missing_text (const SuijiDeadlineStatus *status)
{
  g_autoptr (GString) names = g_string_new (NULL);
  guint n = status->missing != NULL ? status->missing->len : 0;

  if (status->n_departments == 0)
    return g_strdup (_("No departments yet"));
  if (n == 0)
    return g_strdup (_("Every department has reported"));
  if (n == status->n_departments)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The department has not reported yet",
                                         "None of the %u departments has reported yet", n),
                            n);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (names, "%s%s", i > 0 ? "、" : "",
                            (const char *) g_ptr_array_index (status->missing, i));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u department has not reported: %s",
                                       "%u of %u departments have not reported: %s",
                                       status->n_departments),
                          n, status->n_departments, names->str);
}

/**
 * suiji_deadline_status_dup_alert:
 *
 * Returns: (transfer full) (nullable): what a notification says when the
 *   deadline is %SUIJI_DEADLINE_ALERT_DAYS days away or closer, or passed
 *   with departments missing; %NULL when there is nothing to tell
 */
char *
suiji_deadline_status_dup_alert (const SuijiDeadlineStatus *status)
{
  g_autofree char *when = NULL;
  g_autofree char *missing = NULL;

  if (status->days_left > SUIJI_DEADLINE_ALERT_DAYS)
    return NULL;
  if (status->kind == SUIJI_DEADLINE_MONTHLY_REPORT &&
      (status->missing == NULL || status->missing->len == 0))
    return NULL;

  when = suiji_deadline_status_dup_text (status);
  if (status->kind == SUIJI_DEADLINE_PROGRESS_REPORT)
    return g_steal_pointer (&when);

  missing = suiji_deadline_status_dup_missing_text (status);
  return g_strdup_printf ("%s\n%s", when, missing);
}
