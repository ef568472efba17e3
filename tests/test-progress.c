/* test-progress.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The progress model on a small year worked out by hand: the shares, what
 * each target still needs, the months, the departments, the tasks behind
 * a bar and where the report deadlines stand.
 */

#include "config.h"

#include <string.h>

#include "suiji-database-private.h"
#include "suiji-form-report.h"
#include "suiji-profile.h"
#include "suiji-progress.h"
#include "suiji-test-world.h"

typedef struct
{
  SuijiDatabase *db;
  TestWorld      world;
  gint64         departments[4];
  gint64         a, b, c, d, e;
} Year;

static void
year_clear (Year *year)
{
  test_world_clear (&year->world);
  g_clear_object (&year->db);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Year, year_clear)

/* Four departments and five tasks:
 *   A  Jan  department 0 alone, by class, 3 subjects
 *   B  Feb  departments 0 and 1, by class, 3 subjects
 *   E  Feb  department 0 alone on another platform, by class: in no target
 *   C  Mar  department 1 alone, not by class, 4 subjects
 *   D  Mar  departments 2 and 3, by class, 3 subjects
 * To the end of March: 4 tasks on the platform, 2 joint (B, D), 3 by class
 * (A, B, D); 13 subjects, 6 of them in joint tasks. */
static void
build_year (Year *y)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  gint64 d0[1], d1[1], d01[2], d23[2];

  y->db = test_world_open ("progress.db");
  test_world_fill (y->db, rand, 4, 300, &y->world);
  for (guint i = 0; i < 4; i++)
    y->departments[i] = g_array_index (y->world.departments, gint64, i);

  d0[0] = y->departments[0];
  d1[0] = y->departments[1];
  d01[0] = y->departments[0], d01[1] = y->departments[1];
  d23[0] = y->departments[2], d23[1] = y->departments[3];

  y->a = test_world_task (y->db, "任务A", 2025, d0, 1, FALSE, TRUE, "A=2,B=1", NULL);
  test_world_draw (y->db, y->a, "2025-01-10T09:00:00+08:00", 1);
  y->b = test_world_task (y->db, "任务B", 2025, d01, 2, FALSE, TRUE, "A=1,B=2", NULL);
  test_world_draw (y->db, y->b, "2025-02-05T09:00:00+08:00", 2);
  y->e = test_world_task (y->db, "任务E", 2025, d0, 1, TRUE, TRUE, "A=1", NULL);
  test_world_draw (y->db, y->e, "2025-02-20T09:00:00+08:00", 5);
  y->c = test_world_task (y->db, "任务C", 2025, d1, 1, FALSE, FALSE, "全部=4", NULL);
  test_world_draw (y->db, y->c, "2025-03-03T09:00:00+08:00", 3);
  y->d = test_world_task (y->db, "任务D", 2025, d23, 2, FALSE, TRUE, "A=1,B=1,C=1", NULL);
  test_world_draw (y->db, y->d, "2025-03-20T09:00:00+08:00", 4);
}

static SuijiProgress *
compute (SuijiDatabase *db, const char *until, gint64 department)
{
  g_autoptr (GError) error = NULL;
  SuijiProgress *progress = suiji_progress_compute (db, 2025, until, department, &error);

  g_assert_no_error (error);
  g_assert_nonnull (progress);
  return progress;
}

static void
assert_ratio (SuijiRatio ratio, gint64 part, gint64 whole)
{
  g_assert_cmpint (ratio.part, ==, part);
  g_assert_cmpint (ratio.whole, ==, whole);
}

static void
assert_gap (const SuijiTargetProgress *target, const char *expected)
{
  g_autofree char *text = suiji_target_progress_dup_gap_text (target);

  g_assert_cmpstr (text, ==, expected);
}

static void
save_targets (SuijiDatabase *db, int joint_count, int joint_subjects, int credit)
{
  g_autoptr (GError) error = NULL;
  SuijiYearlyTargets targets = { 2025, joint_count, joint_subjects, credit };

  g_assert_true (suiji_yearly_targets_save (db, &targets, &error));
  g_assert_no_error (error);
}

static void
test_targets_and_months (void)
{
  g_auto (Year) y = { 0 };
  g_autoptr (SuijiProgress) march = NULL;
  g_autoptr (SuijiProgress) year_end = NULL;
  g_autoptr (SuijiProgress) met = NULL;
  g_autoptr (SuijiProgress) impossible = NULL;

  build_year (&y);
  march = compute (y.db, "2025-03-31", 0);

  g_assert_cmpuint (march->n_months, ==, 3);
  g_assert_false (march->year_over);
  g_assert_cmpstr (march->until, ==, "2025-03-31");

  /* Joint by count: 2 of 4 is 50 % against 60 %; one more joint task
   * makes 3 of 5. */
  assert_ratio (march->progress[SUIJI_TARGET_JOINT_COUNT].ratio, 2, 4);
  g_assert_cmpint (march->progress[SUIJI_TARGET_JOINT_COUNT].value_bp, ==, 5000);
  g_assert_cmpint (march->progress[SUIJI_TARGET_JOINT_COUNT].target_bp, ==, 6000);
  g_assert_cmpint (march->progress[SUIJI_TARGET_JOINT_COUNT].needed, ==, 1);
  g_assert_cmpint (march->progress[SUIJI_TARGET_JOINT_COUNT].state, ==, SUIJI_TARGET_AT_RISK);
  assert_gap (&march->progress[SUIJI_TARGET_JOINT_COUNT], "1 more joint inspection needed");

  /* Joint by subjects: 6 of 13 (46.1 %) against 50 %: 1 more makes 7 of 14. */
  assert_ratio (march->progress[SUIJI_TARGET_JOINT_SUBJECTS].ratio, 6, 13);
  g_assert_cmpint (march->progress[SUIJI_TARGET_JOINT_SUBJECTS].value_bp, ==, 4615);
  g_assert_cmpint (march->progress[SUIJI_TARGET_JOINT_SUBJECTS].needed, ==, 1);
  assert_gap (&march->progress[SUIJI_TARGET_JOINT_SUBJECTS],
              "1 more subject in joint inspections needed");

  /* By class: 3 of 4 against 95 %: 16 more make 19 of 20. */
  assert_ratio (march->progress[SUIJI_TARGET_CREDIT_COUNT].ratio, 3, 4);
  g_assert_cmpint (march->progress[SUIJI_TARGET_CREDIT_COUNT].needed, ==, 16);
  assert_gap (&march->progress[SUIJI_TARGET_CREDIT_COUNT],
              "16 more inspections by credit-risk class needed");
  {
    g_autofree char *ratio =
        suiji_target_progress_dup_ratio_text (&march->progress[SUIJI_TARGET_CREDIT_COUNT]);
    g_autofree char *subjects =
        suiji_target_progress_dup_ratio_text (&march->progress[SUIJI_TARGET_JOINT_SUBJECTS]);

    g_assert_cmpstr (ratio, ==, "3 of 4 inspections");
    g_assert_cmpstr (subjects, ==, "6 of 13 subjects");
  }

  /* Month by month, cumulative; the months to come stay empty. */
  assert_ratio (march->months[0][SUIJI_TARGET_JOINT_COUNT], 0, 1);
  assert_ratio (march->months[0][SUIJI_TARGET_CREDIT_COUNT], 1, 1);
  assert_ratio (march->months[1][SUIJI_TARGET_JOINT_COUNT], 1, 2);
  assert_ratio (march->months[1][SUIJI_TARGET_JOINT_SUBJECTS], 3, 6);
  assert_ratio (march->months[2][SUIJI_TARGET_JOINT_COUNT], 2, 4);
  assert_ratio (march->months[3][SUIJI_TARGET_JOINT_COUNT], 0, 0);

  /* At the end of the year, still short: missed. */
  year_end = compute (y.db, "2025-12-31", 0);
  g_assert_true (year_end->year_over);
  g_assert_cmpuint (year_end->n_months, ==, 12);
  g_assert_cmpint (year_end->progress[SUIJI_TARGET_JOINT_COUNT].state, ==, SUIJI_TARGET_MISSED);
  assert_ratio (year_end->months[11][SUIJI_TARGET_CREDIT_COUNT], 3, 4);

  /* Targets are data: at 50 % the joint count is met exactly, at 40 %
   * with room; a target of 100 % cannot be caught up with. */
  save_targets (y.db, 5000, 4000, 10000);
  met = compute (y.db, "2025-03-31", 0);
  g_assert_cmpint (met->progress[SUIJI_TARGET_JOINT_COUNT].state, ==, SUIJI_TARGET_MET);
  g_assert_cmpint (met->progress[SUIJI_TARGET_JOINT_COUNT].needed, ==, 0);
  assert_gap (&met->progress[SUIJI_TARGET_JOINT_COUNT], "Met exactly");
  assert_gap (&met->progress[SUIJI_TARGET_JOINT_SUBJECTS], "Met, 6.1 points above the target");
  g_assert_cmpint (met->progress[SUIJI_TARGET_CREDIT_COUNT].needed, ==, -1);
  assert_gap (&met->progress[SUIJI_TARGET_CREDIT_COUNT],
              "No further inspections can reach the target");

  save_targets (y.db, 10000, 10000, 7500);
  impossible = compute (y.db, "2025-03-31", 0);
  g_assert_cmpint (impossible->progress[SUIJI_TARGET_CREDIT_COUNT].state, ==, SUIJI_TARGET_MET);
}

static const SuijiDepartmentProgress *
find_department (const SuijiProgress *progress, gint64 id, guint *index)
{
  for (guint i = 0; i < progress->departments->len; i++)
    {
      const SuijiDepartmentProgress *department = g_ptr_array_index (progress->departments, i);

      if (department->department_id == id)
        {
          *index = i;
          return department;
        }
    }

  g_assert_not_reached ();
}

static void
test_departments_and_units (void)
{
  g_auto (Year) y = { 0 };
  g_autoptr (SuijiProgress) region = NULL;
  g_autoptr (SuijiProgress) second = NULL;
  const SuijiDepartmentProgress *d;
  guint                          first_index, second_index, third_index, fourth_index;

  build_year (&y);
  region = compute (y.db, "2025-03-31", 0);
  g_assert_cmpuint (region->departments->len, ==, 4);

  /* Department 0: A and B (E is on the other platform); 1 joint, 2 by class. */
  d = find_department (region, y.departments[0], &first_index);
  g_assert_cmpint (d->tasks, ==, 2);
  g_assert_cmpint (d->joint_tasks, ==, 1);
  g_assert_cmpint (d->credit_tasks, ==, 2);
  g_assert_cmpint (d->drawn, ==, 6);
  g_assert_cmpint (d->joint_drawn, ==, 3);
  g_assert_cmpint (d->joint_bp, ==, 5000);
  g_assert_cmpint (d->credit_bp, ==, 10000);
  g_assert_cmpstr (d->short_name, ==, "测试部门1");

  /* Department 1: B and C; 1 joint, 1 by class. */
  d = find_department (region, y.departments[1], &second_index);
  g_assert_cmpint (d->tasks, ==, 2);
  g_assert_cmpint (d->credit_bp, ==, 5000);

  /* Sorted: the two with only joint tasks first, in the bureau's order;
   * then equal joint shares by the credit share. */
  find_department (region, y.departments[2], &third_index);
  find_department (region, y.departments[3], &fourth_index);
  g_assert_cmpuint (third_index, ==, 0);
  g_assert_cmpuint (fourth_index, ==, 1);
  g_assert_cmpuint (first_index, ==, 2);
  g_assert_cmpuint (second_index, ==, 3);

  /* One department's own progress: its 附件2. */
  second = compute (y.db, "2025-03-31", y.departments[1]);
  g_assert_cmpstr (second->unit_name, ==, "测试部门2");
  assert_ratio (second->progress[SUIJI_TARGET_JOINT_COUNT].ratio, 1, 2);
  assert_ratio (second->progress[SUIJI_TARGET_CREDIT_COUNT].ratio, 1, 2);
  assert_ratio (second->months[0][SUIJI_TARGET_JOINT_COUNT], 0, 0);
  assert_ratio (second->months[1][SUIJI_TARGET_JOINT_COUNT], 1, 1);
}

static GArray *
explained_tasks (SuijiDatabase       *db,
                 const SuijiProgress *progress,
                 SuijiTarget          target,
                 guint                month,
                 gint64               department)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiStatisticsExplanation) explanation =
      suiji_progress_explain (db, progress, target, month, department, &error);

  g_assert_no_error (error);
  g_assert_nonnull (explanation);
  return g_array_ref (explanation->task_ids);
}

static void
assert_tasks (GArray *task_ids, const gint64 *expected, guint n_expected)
{
  g_assert_cmpuint (task_ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (task_ids, gint64, i), ==, expected[i]);
}

static void
test_tasks_behind_a_bar (void)
{
  g_auto (Year) y = { 0 };
  g_autoptr (SuijiProgress) march = NULL;
  g_autoptr (GArray) joint = NULL;
  g_autoptr (GArray) february = NULL;
  g_autoptr (GArray) second_credit = NULL;
  g_autoptr (GArray) subjects = NULL;
  g_autoptr (GPtrArray) tasks = NULL;
  g_autoptr (GError) error = NULL;
  const SuijiProgressTask *task;

  build_year (&y);
  march = compute (y.db, "2025-03-31", 0);

  joint = explained_tasks (y.db, march, SUIJI_TARGET_JOINT_COUNT, 0, 0);
  assert_tasks (joint, (gint64[]){ y.b, y.d }, 2);
  february = explained_tasks (y.db, march, SUIJI_TARGET_JOINT_COUNT, 2, 0);
  assert_tasks (february, (gint64[]){ y.b }, 1);
  second_credit = explained_tasks (y.db, march, SUIJI_TARGET_CREDIT_COUNT, 0, y.departments[1]);
  assert_tasks (second_credit, (gint64[]){ y.b }, 1);
  subjects = explained_tasks (y.db, march, SUIJI_TARGET_JOINT_SUBJECTS, 0, 0);
  assert_tasks (subjects, (gint64[]){ y.b, y.d }, 2);

  tasks = suiji_progress_list_tasks (y.db, joint, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (tasks->len, ==, 2);
  task = g_ptr_array_index (tasks, 0);
  g_assert_cmpint (task->task_id, ==, y.b);
  g_assert_cmpstr (task->name, ==, "任务B");
  g_assert_cmpstr (task->departments, ==, "测试部门1、测试部门2");
  g_assert_cmpstr (task->drawn_on, ==, "2025-02-05");
  g_assert_cmpuint (task->n_drawn, ==, 3);
  task = g_ptr_array_index (tasks, 1);
  g_assert_cmpstr (task->departments, ==, "测试部门3、测试部门4");
}

static void
test_refusals_and_empty_years (void)
{
  g_auto (Year) y = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiProgress) empty = NULL;
  g_autoptr (GArray) years = NULL;
  GDate today;

  build_year (&y);

  g_assert_null (suiji_progress_compute (y.db, 1999, "1999-12-31", 0, &error));
  g_assert_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (suiji_progress_compute (y.db, 2025, "2024-12-31", 0, &error));
  g_assert_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (suiji_progress_compute (y.db, 2025, "2025-03-31", 9999, &error));
  g_assert_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A year without draws has no shares, only targets. */
  empty = suiji_progress_compute (y.db, 2024, "2024-12-31", 0, &error);
  g_assert_no_error (error);
  for (guint t = 0; t < SUIJI_N_TARGETS; t++)
    {
      g_assert_cmpint (empty->progress[t].state, ==, SUIJI_TARGET_NO_DATA);
      g_assert_cmpint (empty->progress[t].value_bp, ==, -1);
      assert_gap (&empty->progress[t], "No inspections counted yet");
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 5, 6, 2027);
  years = suiji_progress_list_years (y.db, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (years->len, >=, 2);
  g_assert_cmpint (g_array_index (years, int, 0), ==, 2027);
  {
    gboolean has_2025 = FALSE;

    for (guint i = 0; i < years->len; i++)
      has_2025 |= g_array_index (years, int, i) == 2025;
    g_assert_true (has_2025);
  }
}

static void
test_formats (void)
{
  GDate            today;
  g_autofree char *this_year = NULL;
  g_autofree char *past = NULL;
  g_autofree char *coming = NULL;
  struct
  {
    int         bp, target;
    const char *text;
  } shares[] = {
    { 6666, 6000, "66.7%" }, { 5996, 6000, "59.9%" }, { 6000, 6000, "60%" },
    { 9499, 9500, "94.9%" }, { 10000, 9500, "100%" }, { 0, 6000, "0%" },
    { -1, 6000, "—" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
    {
      g_autofree char *text = suiji_progress_format_share (shares[i].bp, shares[i].target);

      g_assert_cmpstr (text, ==, shares[i].text);
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 14, 8, 2026);
  this_year = suiji_progress_dup_default_until (2026, &today);
  past = suiji_progress_dup_default_until (2025, &today);
  coming = suiji_progress_dup_default_until (2027, &today);
  g_assert_cmpstr (this_year, ==, "2026-08-14");
  g_assert_cmpstr (past, ==, "2025-12-31");
  g_assert_cmpstr (coming, ==, "2027-01-01");
}

static void
set_day (GDate *date, int year, int month, int day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static SuijiDeadlineStatus
load_status (SuijiDatabase *db, SuijiDeadlineKind kind, int year, int month, int day)
{
  g_autoptr (GError) error = NULL;
  SuijiDeadlineStatus status;
  GDate               today;

  set_day (&today, year, month, day);
  g_assert_true (suiji_deadline_status_load (db, kind, &today, &status, &error));
  g_assert_no_error (error);
  return status;
}

static void
report_month (SuijiDatabase *db, gint64 department, int month)
{
  g_autoptr (SuijiFormReport) report =
      suiji_form_report_new (SUIJI_FORM_DEPARTMENT, 2025, month, department, "测试部门");
  g_autoptr (GError) error = NULL;

  g_assert_true (suiji_form_report_save (db, report, &error));
  g_assert_no_error (error);
}

static void
test_deadlines (void)
{
  g_auto (Year) y = { 0 };

  build_year (&y);

  /* Three days before the 23rd, nobody has reported: worth telling. */
  {
    g_auto (SuijiDeadlineStatus) status =
        load_status (y.db, SUIJI_DEADLINE_MONTHLY_REPORT, 2025, 3, 19);
    g_autofree char *alert = suiji_deadline_status_dup_alert (&status);
    g_autofree char *text = suiji_deadline_status_dup_text (&status);

    g_assert_cmpint (status.month, ==, 3);
    g_assert_cmpint (status.days_left, ==, 3);
    g_assert_cmpuint (status.n_departments, ==, 4);
    g_assert_cmpuint (status.missing->len, ==, 4);
    g_assert_cmpstr (text, ==, "Before March 23, 2025: 3 days left");
    g_assert_nonnull (alert);
    g_assert_nonnull (strstr (alert, "None of the 4 departments has reported yet"));
  }

  /* Twelve days before: not yet. */
  {
    g_auto (SuijiDeadlineStatus) status =
        load_status (y.db, SUIJI_DEADLINE_MONTHLY_REPORT, 2025, 3, 10);

    g_assert_null (suiji_deadline_status_dup_alert (&status));
  }

  /* Three have reported: the fourth is named. */
  report_month (y.db, y.departments[0], 3);
  report_month (y.db, y.departments[1], 3);
  report_month (y.db, y.departments[2], 3);
  {
    g_auto (SuijiDeadlineStatus) status =
        load_status (y.db, SUIJI_DEADLINE_MONTHLY_REPORT, 2025, 3, 22);
    g_autofree char *alert = suiji_deadline_status_dup_alert (&status);
    g_autofree char *text = suiji_deadline_status_dup_text (&status);

    g_assert_cmpint (status.days_left, ==, 0);
    g_assert_cmpstr (text, ==, "Before March 23, 2025: today is the last day");
    g_assert_nonnull (strstr (alert, "1 of 4 departments have not reported: 测试部门4"));
  }

  /* Past the 23rd with one missing: late. */
  {
    g_auto (SuijiDeadlineStatus) status =
        load_status (y.db, SUIJI_DEADLINE_MONTHLY_REPORT, 2025, 3, 26);
    g_autofree char *alert = suiji_deadline_status_dup_alert (&status);
    g_autofree char *text = suiji_deadline_status_dup_text (&status);

    g_assert_cmpint (status.month, ==, 3);
    g_assert_cmpint (status.days_left, ==, -4);
    g_assert_cmpstr (text, ==, "Before March 23, 2025: 4 days late");
    g_assert_nonnull (alert);
  }

  /* All in: the next month is the one shown, and far enough away. */
  report_month (y.db, y.departments[3], 3);
  {
    g_auto (SuijiDeadlineStatus) status =
        load_status (y.db, SUIJI_DEADLINE_MONTHLY_REPORT, 2025, 3, 26);
    g_autofree char *missing = suiji_deadline_status_dup_missing_text (&status);

    g_assert_cmpint (status.month, ==, 4);
    g_assert_cmpint (status.days_left, ==, 27);
    g_assert_null (suiji_deadline_status_dup_alert (&status));
    g_assert_cmpstr (missing, ==, "None of the 4 departments has reported yet");
  }
  {
    g_auto (SuijiDeadlineStatus) status =
        load_status (y.db, SUIJI_DEADLINE_MONTHLY_REPORT, 2025, 3, 20);
    g_autofree char *missing = suiji_deadline_status_dup_missing_text (&status);

    g_assert_cmpstr (missing, ==, "Every department has reported");
    g_assert_null (suiji_deadline_status_dup_alert (&status));
  }

  /* The progress reports: before 1 April, and after 29 December the next
   * year's first. */
  {
    g_auto (SuijiDeadlineStatus) close =
        load_status (y.db, SUIJI_DEADLINE_PROGRESS_REPORT, 2025, 3, 29);
    g_auto (SuijiDeadlineStatus) far =
        load_status (y.db, SUIJI_DEADLINE_PROGRESS_REPORT, 2025, 3, 20);
    g_auto (SuijiDeadlineStatus) new_year =
        load_status (y.db, SUIJI_DEADLINE_PROGRESS_REPORT, 2025, 12, 30);
    g_autofree char *alert = suiji_deadline_status_dup_alert (&close);

    g_assert_cmpint (close.days_left, ==, 2);
    g_assert_cmpstr (alert, ==, "Before April 1, 2025: 2 days left");
    g_assert_null (suiji_deadline_status_dup_alert (&far));
    g_assert_cmpint (g_date_get_year (&new_year.before), ==, 2026);
    g_assert_cmpint (g_date_get_month (&new_year.before), ==, G_DATE_APRIL);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/progress/targets-and-months", test_targets_and_months);
  g_test_add_func ("/progress/departments-and-units", test_departments_and_units);
  g_test_add_func ("/progress/tasks-behind-a-bar", test_tasks_behind_a_bar);
  g_test_add_func ("/progress/refusals-and-empty-years", test_refusals_and_empty_years);
  g_test_add_func ("/progress/formats", test_formats);
  g_test_add_func ("/progress/deadlines", test_deadlines);

  return g_test_run ();
}
