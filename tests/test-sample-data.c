/* test-sample-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "suiji-credit-code.h"
#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-deadlines.h"
#include "suiji-profile.h"
#include "suiji-result.h"
#include "suiji-sample-data.h"
#include "suiji-statistics.h"

static const char *const shahe_regions[] = {
  "褡裢街道", "桥东街道", "桥西街道", "赞善街道", "周庄街道", "新城镇", "白塔镇",
  "十里亭镇", "綦村镇",   "册井镇",   "刘石岗乡", "柴关乡",   "蝉房乡", NULL,
};

static SuijiDatabase *
open_named (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr (GError) error = NULL;
  SuijiDatabase *db = suiji_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

/* The directories alone, for the tests of the subjects and the staff:
 * the year of tasks is tested on its own. */
static void
fill_directories (SuijiDatabase *db, guint n_subjects, guint64 seed, SuijiSampleDataCounts *counts)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (suiji_sample_data_fill_directories (db, n_subjects, seed, counts, &error));
  g_assert_no_error (error);
}

static void
fill (SuijiDatabase *db, guint n_subjects, guint64 seed, SuijiSampleDataCounts *counts)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (suiji_sample_data_fill (db, n_subjects, seed, counts, &error));
  g_assert_no_error (error);
}

/* Every row of @sql, its columns joined by "|", one row a line. */
static char *
dump (SuijiDatabase *db, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, NULL);
  GString *text = g_string_new (NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "|" : "", _suiji_column_text (stmt, i));
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

static gint64
query_int (SuijiDatabase *db, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

#define SUBJECTS_DUMP                                                                              \
  "SELECT s.key, s.name, coalesce(s.credit_class, ''), coalesce(s.credit_class_date, ''),"         \
  " s.region, s.address, s.subject_type, s.industry, s.status, coalesce(d.name, ''),"              \
  " coalesce((SELECT group_concat(name, ',') FROM (SELECT l.name FROM subject_labels sl"           \
  "   JOIN labels l ON l.id = sl.label_id WHERE sl.subject_id = s.id ORDER BY l.name)), '')"       \
  " FROM subjects s LEFT JOIN departments d ON d.id = s.department_id ORDER BY s.id"

static char *
dump_everything (SuijiDatabase *db)
{
  g_autofree char *subjects = dump (db, SUBJECTS_DUMP);
  g_autofree char *departments =
      dump (db, "SELECT name, short_name, is_market_regulation FROM departments ORDER BY id");
  g_autofree char *inspectors =
      dump (db, "SELECT i.badge, i.name, coalesce(i.badge_valid_until, ''), i.department_id,"
                " i.post, i.active, (SELECT group_concat(l.name, ',') FROM inspector_labels il"
                "   JOIN labels l ON l.id = il.label_id WHERE il.inspector_id = i.id)"
                " FROM inspectors i ORDER BY i.id");
  g_autofree char *items = dump (db, "SELECT department_id, name, category, subject_type, method,"
                                     " legal_basis FROM items ORDER BY id");
  g_autofree char *avoidances = dump (db, "SELECT inspector_id, subject_id, reason FROM avoidances"
                                          " ORDER BY inspector_id, subject_id");
  g_autofree char *tasks =
      dump (db, "SELECT t.name, t.year, t.state, t.platform, t.stratified,"
                " t.pool_filter, t.period_end, (SELECT group_concat(department_id)"
                " FROM task_departments WHERE task_id = t.id)"
                " FROM tasks t ORDER BY t.id");
  g_autofree char *draws = dump (db, "SELECT task_id, drawn_at, seed, record_digest FROM draws"
                                     " ORDER BY id");
  g_autofree char *results = dump (
      db,
      "SELECT draw_id, position, subject_type, coalesce(category, ''),"
      " coalesce(problem_area, ''), coalesce(method, ''), coalesce(inspected_on, ''),"
      " coalesce(follow_up, ''), follow_up_done, coalesce(follow_up_done_on, ''),"
      " coalesce(published_on, ''), (SELECT group_concat(inspector_id) FROM result_inspectors ri"
      "   WHERE ri.draw_id = r.draw_id AND ri.position = r.position)"
      " FROM results r ORDER BY draw_id, position");

  return g_strjoin ("--\n", departments, subjects, inspectors, items, avoidances, tasks, draws,
                    results, NULL);
}

static void
test_fill_is_realistic (void)
{
  g_autoptr (SuijiDatabase) db = open_named ("sample.db");
  g_autoptr (SuijiUnitProfile) profile = NULL;
  g_autoptr (GListModel) departments = NULL;
  g_autoptr (GError) error = NULL;
  SuijiSampleDataCounts counts;
  guint                 n_market_regulation = 0;

  g_assert_true (suiji_database_is_empty (db));
  fill_directories (db, 100, 1, &counts);
  g_assert_false (suiji_database_is_empty (db));

  departments = suiji_department_list_all (db, &error);
  g_assert_cmpuint (counts.departments, ==, g_list_model_get_n_items (departments));
  g_assert_cmpuint (counts.departments, >=, 10);
  g_assert_cmpuint (counts.subjects, ==, 100);
  g_assert_cmpint (counts.subjects, ==, query_int (db, "SELECT count(*) FROM subjects"));
  g_assert_cmpint (counts.inspectors, ==, query_int (db, "SELECT count(*) FROM inspectors"));
  g_assert_cmpint (counts.items, ==, query_int (db, "SELECT count(*) FROM items"));
  g_assert_cmpint (counts.avoidances, ==, query_int (db, "SELECT count(*) FROM avoidances"));
  g_assert_cmpuint (counts.inspectors, >=, 6 * counts.departments);
  g_assert_cmpuint (counts.items, >=, 3 * counts.departments);
  g_assert_cmpuint (counts.avoidances, >=, 1);

  for (guint i = 0; i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr (SuijiDepartment) department = g_list_model_get_item (departments, i);

      g_assert_true (g_str_has_prefix (suiji_department_get_name (department), "沙河市") ||
                     strstr (suiji_department_get_name (department), "沙河市") != NULL);
      n_market_regulation += suiji_department_get_is_market_regulation (department);
    }
  /* Exactly one bureau leads the 市场监管系统 rows. */
  g_assert_cmpuint (n_market_regulation, ==, 1);

  profile = suiji_unit_profile_load (db, &error);
  g_assert_cmpstr (profile->unit_name, ==, "沙河市市场监督管理局");
  g_assert_cmpint (profile->report_year, ==, 2025);
}

static void
test_fill_twice_adds_nothing (void)
{
  g_autoptr (SuijiDatabase) db = open_named ("twice.db");
  g_autofree char      *first = NULL;
  g_autofree char      *second = NULL;
  SuijiSampleDataCounts counts;

  fill (db, 300, 7, &counts);
  g_assert_cmpuint (counts.subjects, ==, 300);
  first = dump_everything (db);

  fill (db, 300, 7, &counts);
  g_assert_cmpuint (counts.departments, ==, 0);
  g_assert_cmpuint (counts.subjects, ==, 0);
  g_assert_cmpuint (counts.inspectors, ==, 0);
  g_assert_cmpuint (counts.items, ==, 0);
  g_assert_cmpuint (counts.avoidances, ==, 0);
  g_assert_cmpuint (counts.tasks, ==, 0);
  second = dump_everything (db);
  g_assert_cmpstr (first, ==, second);
}

static void
test_fill_is_deterministic (void)
{
  g_autoptr (SuijiDatabase) a = open_named ("a.db");
  g_autoptr (SuijiDatabase) b = open_named ("b.db");
  g_autoptr (SuijiDatabase) c = open_named ("c.db");
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;
  g_autofree char *text_c = NULL;

  /* The year of tasks is drawn on directories of a few hundred subjects
   * here; test_sample_year has the default size. */
  fill (a, 300, 2025, NULL);
  fill (b, 300, 2025, NULL);
  fill_directories (c, 300, 2026, NULL);
  text_a = dump_everything (a);
  text_b = dump_everything (b);
  text_c = dump (c, SUBJECTS_DUMP);
  g_assert_cmpstr (text_a, ==, text_b);

  g_clear_pointer (&text_a, g_free);
  text_a = dump (a, SUBJECTS_DUMP);
  g_assert_cmpstr (text_a, !=, text_c);
}

/* A larger fill begins with the subjects of a smaller one, so benchmark
 * files of different sizes share their first rows. */
static void
test_fill_grows_by_appending (void)
{
  g_autoptr (SuijiDatabase) small = open_named ("small.db");
  g_autoptr (SuijiDatabase) large = open_named ("large.db");
  g_autofree char *text_small = NULL;
  g_autofree char *text_large = NULL;

  fill_directories (small, 150, 3, NULL);
  fill_directories (large, 400, 3, NULL);
  text_small = dump (small, SUBJECTS_DUMP);
  text_large = dump (large, SUBJECTS_DUMP);
  g_assert_true (g_str_has_prefix (text_large, text_small));
}

static void
test_subject_keys (void)
{
  g_autoptr (SuijiDatabase) db = open_named ("keys.db");
  g_autoptr (sqlite3_stmt) stmt = NULL;
  guint n_codes = 0;
  guint n_broken = 0;
  guint n_registration_numbers = 0;

  fill_directories (db, SUIJI_SAMPLE_DEFAULT_SUBJECTS, SUIJI_SAMPLE_DEFAULT_SEED, NULL);

  stmt = _suiji_database_prepare (db, "SELECT key, subject_type FROM subjects", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = _suiji_column_text (stmt, 0);
      const char *type = _suiji_column_text (stmt, 1);
      char        expected;

      if (!suiji_credit_code_looks_like (key))
        {
          /* An older 注册号 of a 沙河市 business. */
          g_assert_cmpuint (strlen (key), ==, 15);
          g_assert_true (g_str_has_prefix (key, "130582"));
          for (const char *p = key; *p != '\0'; p++)
            g_assert_true (g_ascii_isdigit (*p));
          n_registration_numbers++;
          continue;
        }

      n_codes++;
      g_assert_true (g_str_has_prefix (key + 2, "130582"));
      g_assert_cmpint (key[0], ==, '9');
      if (g_str_equal (type, "个体工商户"))
        g_assert_cmpint (key[1], ==, '2');
      else if (g_str_equal (type, "农民专业合作社"))
        g_assert_cmpint (key[1], ==, '3');
      else
        g_assert_cmpint (key[1], ==, '1');

      switch (suiji_credit_code_check (key, &expected))
        {
        case SUIJI_CREDIT_CODE_VALID:
          break;
        case SUIJI_CREDIT_CODE_BAD_CHECK_CHARACTER:
          n_broken++;
          break;
        case SUIJI_CREDIT_CODE_WRONG_LENGTH:
        case SUIJI_CREDIT_CODE_BAD_CHARACTER:
        default:
          g_assert_not_reached ();
        }
    }

  /* Three codes in 2000 carry a wrong check character, as registries do. */
  g_assert_cmpuint (n_broken, ==, 3);
  g_assert_cmpuint (n_registration_numbers, >=, 5);
  g_assert_cmpuint (n_registration_numbers, <=, 40);
  g_assert_cmpuint (n_codes + n_registration_numbers, ==, SUIJI_SAMPLE_DEFAULT_SUBJECTS);
}

static void
test_one_broken_code_in_200 (void)
{
  g_autoptr (SuijiDatabase) db = open_named ("broken.db");
  g_autoptr (sqlite3_stmt) stmt = NULL;
  guint n_broken = 0;

  fill_directories (db, 200, 11, NULL);
  stmt = _suiji_database_prepare (db, "SELECT key FROM subjects", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *key = _suiji_column_text (stmt, 0);

      if (suiji_credit_code_looks_like (key) &&
          suiji_credit_code_check (key, NULL) != SUIJI_CREDIT_CODE_VALID)
        n_broken++;
    }

  g_assert_cmpuint (n_broken, ==, 1);
}

static void
assert_share (SuijiDatabase *db, const char *sql, double target_percent, double tolerance)
{
  double share = 100.0 * query_int (db, sql) / SUIJI_SAMPLE_DEFAULT_SUBJECTS;

  if (share < target_percent - tolerance || share > target_percent + tolerance)
    g_error ("%s: %.1f %% instead of %.1f %%", sql, share, target_percent);
}

static void
test_subject_mix (void)
{
  g_autoptr (SuijiDatabase) db = open_named ("mix.db");
  g_autoptr (sqlite3_stmt) stmt = NULL;

  fill_directories (db, SUIJI_SAMPLE_DEFAULT_SUBJECTS, SUIJI_SAMPLE_DEFAULT_SEED, NULL);

  stmt = _suiji_database_prepare (db,
                                  "SELECT region, address, name, credit_class_date,"
                                  " (SELECT count(*) FROM subject_labels WHERE subject_id = id)"
                                  " FROM subjects",
                                  NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char      *region = _suiji_column_text (stmt, 0);
      g_autofree char *prefix = g_strconcat ("沙河市", region, NULL);
      const char      *date = _suiji_column_text (stmt, 3);

      g_assert_true (g_strv_contains (shahe_regions, region));
      g_assert_true (g_str_has_prefix (_suiji_column_text (stmt, 1), prefix));
      g_assert_true (g_str_has_prefix (_suiji_column_text (stmt, 2), "沙河市"));
      g_assert_true (*date == '\0' || g_str_has_prefix (date, "2024-") ||
                     g_str_has_prefix (date, "2025-"));
      g_assert_cmpint (sqlite3_column_int (stmt, 4), <=, 2);
    }

  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT name) FROM subjects"), ==,
                   SUIJI_SAMPLE_DEFAULT_SUBJECTS);

  assert_share (db, "SELECT count(*) FROM subjects WHERE credit_class = 'A'", 35, 4);
  assert_share (db, "SELECT count(*) FROM subjects WHERE credit_class = 'B'", 50, 4);
  assert_share (db, "SELECT count(*) FROM subjects WHERE credit_class = 'C'", 9, 3);
  assert_share (db, "SELECT count(*) FROM subjects WHERE credit_class = 'D'", 3, 2);
  assert_share (db, "SELECT count(*) FROM subjects WHERE credit_class IS NULL", 3, 2);
  assert_share (db,
                "SELECT count(*) FROM subjects WHERE credit_class IS NULL"
                " AND credit_class_date IS NOT NULL",
                0, 0);

  assert_share (db, "SELECT count(*) FROM subjects WHERE subject_type = '企业'", 60, 4);
  assert_share (db, "SELECT count(*) FROM subjects WHERE subject_type = '个体工商户'", 35, 4);
  assert_share (db, "SELECT count(*) FROM subjects WHERE subject_type = '农民专业合作社'", 4, 2);
  assert_share (db, "SELECT count(*) FROM subjects WHERE status = '存续'", 93, 3);
  assert_share (db, "SELECT count(*) FROM subjects WHERE name LIKE '%玻璃%' OR name LIKE '%镜业%'",
                25, 10);
  assert_share (db, "SELECT count(*) FROM subjects WHERE department_id IS NULL", 0, 0);
}

static void
test_inspectors_and_items (void)
{
  g_autoptr (SuijiDatabase) db = open_named ("staff.db");
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 n_market;

  fill_directories (db, 500, 5, NULL);

  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT badge) FROM inspectors"), ==,
                   query_int (db, "SELECT count(*) FROM inspectors"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM inspectors WHERE badge NOT LIKE"
                                  " '13058200%' OR length(badge) <> 14"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM inspectors WHERE department_id IS NULL"),
                   ==, 0);

  stmt = _suiji_database_prepare (
      db,
      "SELECT d.name, d.is_market_regulation,"
      " (SELECT count(*) FROM inspectors i WHERE i.department_id = d.id),"
      " (SELECT count(*) FROM inspectors i WHERE i.department_id = d.id AND i.active"
      "   AND i.badge_valid_until >= '2026-01-01'),"
      " (SELECT count(*) FROM items t WHERE t.department_id = d.id),"
      " (SELECT count(*) FROM inspectors i WHERE i.department_id = d.id"
      "   AND NOT EXISTS (SELECT 1 FROM inspector_labels il WHERE il.inspector_id = i.id))"
      " FROM departments d",
      NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = _suiji_column_text (stmt, 0);
      int         n_inspectors = sqlite3_column_int (stmt, 2);

      g_test_message ("%s: %d inspectors, %d items", name, n_inspectors,
                      sqlite3_column_int (stmt, 4));
      if (sqlite3_column_int (stmt, 1))
        g_assert_cmpint (n_inspectors, >=, 30);
      else
        g_assert_cmpint (n_inspectors, >=, 6);
      g_assert_cmpint (n_inspectors, <=, 45);
      g_assert_cmpint (sqlite3_column_int (stmt, 3), >=, 2);
      g_assert_cmpint (sqlite3_column_int (stmt, 4), >=, 3);
      g_assert_cmpint (sqlite3_column_int (stmt, 4), <=, 10);
      g_assert_cmpint (sqlite3_column_int (stmt, 5), ==, 0);
    }

  /* The market bureau has the largest staff. */
  n_market = query_int (db, "SELECT count(*) FROM inspectors i JOIN departments d"
                            " ON d.id = i.department_id WHERE d.is_market_regulation");
  g_assert_cmpint (n_market, >=,
                   query_int (db, "SELECT max(n) FROM (SELECT count(*) AS n FROM inspectors"
                                  " GROUP BY department_id)"));

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM items WHERE legal_basis NOT LIKE '《%》%'"
                                  " OR method NOT IN ('现场检查', '书面检查', '网络监测')"),
                   ==, 0);

  /* Avoidance pairs keep market inspectors from the subjects of the bureau. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM avoidances a"
                                  " JOIN inspectors i ON i.id = a.inspector_id"
                                  " JOIN departments d ON d.id = i.department_id"
                                  " WHERE NOT d.is_market_regulation"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM avoidances"
                                  " WHERE reason NOT IN ('亲属关系', '曾在该企业任职')"),
                   ==, 0);
}

static void
test_default_counts (void)
{
  g_autoptr (SuijiDatabase) db = open_named ("default.db");
  SuijiSampleDataCounts counts;

  fill_directories (db, SUIJI_SAMPLE_DEFAULT_SUBJECTS, SUIJI_SAMPLE_DEFAULT_SEED, &counts);
  g_test_message ("%u departments, %u subjects, %u inspectors, %u items, %u avoidances",
                  counts.departments, counts.subjects, counts.inspectors, counts.items,
                  counts.avoidances);
  g_assert_cmpuint (counts.subjects, ==, SUIJI_SAMPLE_DEFAULT_SUBJECTS);
  g_assert_cmpuint (counts.avoidances, >=, 24);
  g_assert_cmpuint (counts.avoidances, <=, 48);
}

/* Whether a department met the 2025 targets by the end of the year, as
 * the progress charts will show them. */
static gboolean
meets_targets (const SuijiFigures *f, const SuijiYearlyTargets *targets)
{
  gint64 tasks = f->values[0][SUIJI_FIGURE_COUNT];
  gint64 subjects = f->values[0][SUIJI_FIGURE_DRAWN];

  return tasks > 0 && subjects > 0 &&
         f->values[2][SUIJI_FIGURE_COUNT] * 10000 >= tasks * targets->joint_count_bp &&
         f->values[2][SUIJI_FIGURE_DRAWN] * 10000 >= subjects * targets->joint_subjects_bp &&
         f->values[4][SUIJI_FIGURE_COUNT] * 10000 >= tasks * targets->credit_count_bp;
}

/* The sample's year: every task drawn by the real draw on a working day
 * of the report year, results entered, and the targets met by some
 * departments and missed by others. */
static void
test_sample_year (void)
{
  g_autoptr (SuijiDatabase) db = open_named ("year.db");
  g_autoptr (GListModel) departments = NULL;
  g_autoptr (SuijiCalendar) calendar = NULL;
  g_autoptr (SuijiStatisticsSnapshot) snapshot = NULL;
  g_autoptr (GArray) overdue = NULL;
  g_autoptr (sqlite3_stmt) days = NULL;
  g_autoptr (GError) error = NULL;
  SuijiYearlyTargets    targets;
  SuijiSampleDataCounts counts;
  SuijiFigures          region;
  guint                 n_meeting = 0;
  GDate                 today;

  fill (db, SUIJI_SAMPLE_DEFAULT_SUBJECTS, SUIJI_SAMPLE_DEFAULT_SEED, &counts);
  g_test_message ("%u tasks, %u subjects drawn", counts.tasks, counts.drawn_subjects);
  g_assert_cmpuint (counts.tasks, >=, 50);
  g_assert_cmpint (counts.tasks, ==,
                   query_int (db, "SELECT count(*) FROM tasks WHERE year = 2025"));
  g_assert_cmpint (counts.tasks, ==, query_int (db, "SELECT count(*) FROM draws"));
  g_assert_cmpint (counts.drawn_subjects, ==, query_int (db, "SELECT count(*) FROM results"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM draw_subjects"), ==, counts.drawn_subjects);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tasks WHERE state = 'draft'"), ==, 0);

  /* Draws on working days of 2025. */
  calendar = suiji_calendar_load (db, &error);
  g_assert_no_error (error);
  days = _suiji_database_prepare (db, "SELECT substr(drawn_at, 1, 10) FROM draws", NULL);
  while (sqlite3_step (days) == SQLITE_ROW)
    {
      GDate day;

      g_assert_true (suiji_date_parse_iso (_suiji_column_text (days, 0), &day));
      g_assert_cmpint (g_date_get_year (&day), ==, 2025);
      g_assert_true (suiji_calendar_is_working_day (calendar, &day));
    }

  /* Most results are in; problems have their follow-up; some are late. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM results WHERE category IS NOT NULL") * 10,
                   >, counts.drawn_subjects * 8);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM results r JOIN result_categories c"
                                  " ON c.code = r.category WHERE c.counts_as_problem"
                                  " AND r.follow_up IS NULL"),
                   ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM result_inspectors"), >,
                   counts.drawn_subjects);
  g_assert_true (suiji_date_parse_iso ("2026-01-31", &today));
  overdue = suiji_result_list_progress (db, 2025, &today, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overdue->len, >, 0);
  g_assert_cmpuint (overdue->len, <, counts.tasks);

  g_assert_true (suiji_yearly_targets_load (db, 2025, &targets, &error));
  snapshot = suiji_statistics_snapshot_new (db, 2025, "2025-12-31", &error);
  g_assert_no_error (error);
  suiji_statistics_snapshot_figures (snapshot, SUIJI_STATISTICS_REGION, 0, &region);
  g_assert_cmpint (region.values[0][SUIJI_FIGURE_COUNT] + region.values[8][SUIJI_FIGURE_COUNT], ==,
                   counts.tasks);
  g_assert_cmpint (region.values[8][SUIJI_FIGURE_COUNT], >, 0);

  departments = suiji_department_list_all (db, &error);
  for (guint i = 0; i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr (SuijiDepartment) department = g_list_model_get_item (departments, i);
      SuijiFigures figures;

      suiji_statistics_snapshot_figures (snapshot, SUIJI_STATISTICS_DEPARTMENT,
                                         suiji_department_get_id (department), &figures);
      g_assert_cmpint (figures.values[0][SUIJI_FIGURE_COUNT], >, 0);
      g_assert_cmpint (figures.values[0][SUIJI_FIGURE_COUNT], <=,
                       figures.values[0][SUIJI_FIGURE_DRAWN]);
      n_meeting += meets_targets (&figures, &targets);
    }
  g_test_message ("%u of %u departments meet the targets", n_meeting,
                  g_list_model_get_n_items (departments));
  g_assert_cmpuint (n_meeting, >=, 3);
  g_assert_cmpuint (n_meeting, <=, g_list_model_get_n_items (departments) - 3);
}

static void
test_fill_keeps_the_users_profile (void)
{
  g_autoptr (SuijiDatabase) db = open_named ("own.db");
  g_autoptr (SuijiUnitProfile) loaded = NULL;
  SuijiUnitProfile profile = {
    .unit_name = (char *) "沙河市应急管理局",
    .contact_person = (char *) "王工",
    .contact_phone = (char *) "",
    .mobile = (char *) "",
    .report_year = 2026,
  };

  g_assert_true (suiji_unit_profile_save (db, &profile, NULL));
  fill (db, 10, 1, NULL);
  loaded = suiji_unit_profile_load (db, NULL);
  g_assert_cmpstr (loaded->unit_name, ==, "沙河市应急管理局");
  g_assert_cmpint (loaded->report_year, ==, 2026);
  /* The year of tasks is the profile's. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tasks WHERE year <> 2026"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM draws WHERE drawn_at NOT LIKE '2026-%'"),
                   ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sample-data/realistic", test_fill_is_realistic);
  g_test_add_func ("/sample-data/twice", test_fill_twice_adds_nothing);
  g_test_add_func ("/sample-data/deterministic", test_fill_is_deterministic);
  g_test_add_func ("/sample-data/grows-by-appending", test_fill_grows_by_appending);
  g_test_add_func ("/sample-data/keys", test_subject_keys);
  g_test_add_func ("/sample-data/one-broken-code-in-200", test_one_broken_code_in_200);
  g_test_add_func ("/sample-data/mix", test_subject_mix);
  g_test_add_func ("/sample-data/inspectors-and-items", test_inspectors_and_items);
  g_test_add_func ("/sample-data/default-counts", test_default_counts);
  g_test_add_func ("/sample-data/keeps-profile", test_fill_keeps_the_users_profile);
  g_test_add_func ("/sample-data/year", test_sample_year);

  return g_test_run ();
}
