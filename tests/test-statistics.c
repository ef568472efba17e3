/* test-statistics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "suiji-database-private.h"
#include "suiji-deadlines.h"
#include "suiji-result.h"
#include "suiji-statistics.h"
#include "suiji-test-world.h"

static const char *const categories[] = {
  "no-problem", "problem-pending", "problem-corrected", "no-activity", "closed", "obstructed",
  "gone",
};

/* Sets one field of one subject, found by task and position in its draw. */
static void
set_result (
    SuijiDatabase *db, gint64 task_id, guint position, SuijiResultField field, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql =
      g_strdup_printf ("SELECT min(id) FROM draws WHERE task_id = %ld", (long) task_id);
  gint64 draw_id = test_world_query_int (db, sql);

  g_assert_true (suiji_result_set_field (db, draw_id, position, field, text, NULL, &error));
  g_assert_no_error (error);
}

static void
inspect (SuijiDatabase *db, gint64 task_id, guint position, const char *category, const char *date)
{
  if (date != NULL)
    set_result (db, task_id, position, SUIJI_RESULT_FIELD_INSPECTED_ON, date);
  set_result (db, task_id, position, SUIJI_RESULT_FIELD_CATEGORY, category);
}

static void
compute (SuijiDatabase      *db,
         SuijiStatisticsForm form,
         const char         *until,
         gint64              department,
         SuijiFigures       *figures)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (suiji_statistics_compute (db, form, 2025, until, department, figures, &error));
  g_assert_no_error (error);
}

/* Compares a form with the expected rows, four figures each. */
static void
assert_figures (const SuijiFigures *figures, const gint64 (*expected)[SUIJI_FIGURE_N_COLUMNS])
{
  for (guint r = 0; r < figures->n_rows; r++)
    for (guint c = 0; c < SUIJI_FIGURE_N_COLUMNS; c++)
      {
        if (figures->values[r][c] != expected[r][c])
          g_test_message ("row %u, column %u: %" G_GINT64_FORMAT " instead of %" G_GINT64_FORMAT,
                          r + 1, c, figures->values[r][c], expected[r][c]);
        g_assert_cmpint (figures->values[r][c], ==, expected[r][c]);
      }
}

typedef struct
{
  SuijiDatabase *db;
  TestWorld      world;
  gint64         market, second, third;
  gint64         tasks[11];
} Scenario;

static void
scenario_clear (Scenario *scenario)
{
  test_world_clear (&scenario->world);
  g_clear_object (&scenario->db);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Scenario, scenario_clear)

/* Ten tasks of three departments, each shaped to land in known rows; the
 * expected figures below are worked out by hand from this list. */
static void
build_scenario (Scenario *s)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (11);
  g_autoptr (GError) error = NULL;
  gint64 d1[1], d2[1], d3[1], d12[2], d23[2], d13[2];

  s->db = test_world_open ("scenario.db");
  test_world_fill (s->db, rand, 3, 200, &s->world);
  s->market = g_array_index (s->world.departments, gint64, 0);
  s->second = g_array_index (s->world.departments, gint64, 1);
  s->third = g_array_index (s->world.departments, gint64, 2);
  g_assert_true (_suiji_database_exec (
      s->db, "UPDATE departments SET is_market_regulation = (sort_order = 1)", &error));

  d1[0] = s->market, d2[0] = s->second, d3[0] = s->third;
  d12[0] = s->market, d12[1] = s->second;
  d23[0] = s->second, d23[1] = s->third;
  d13[0] = s->market, d13[1] = s->third;

  /* T1: market alone, by class, 4 enterprises. */
  s->tasks[1] = test_world_task (s->db, "T1", 2025, d1, 1, FALSE, TRUE, "A=2,B=2", "type=企业");
  test_world_draw (s->db, s->tasks[1], "2025-02-10T09:00:00+08:00", 1);
  /* T2: market with the second, by class, 3 individual businesses. */
  s->tasks[2] = test_world_task (s->db, "T2", 2025, d12, 2, FALSE, TRUE, "C=3", "type=个体工商户");
  test_world_draw (s->db, s->tasks[2], "2025-03-05T09:00:00+08:00", 2);
  /* T3: second with third, not by class, 5 enterprises. */
  s->tasks[3] = test_world_task (s->db, "T3", 2025, d23, 2, FALSE, FALSE, "全部=5", "type=企业");
  test_world_draw (s->db, s->tasks[3], "2025-03-20T09:00:00+08:00", 3);
  /* T4: third alone on another platform, by class, 2 enterprises. */
  s->tasks[4] = test_world_task (s->db, "T4", 2025, d3, 1, TRUE, TRUE, "A=1,B=1", "type=企业");
  test_world_draw (s->db, s->tasks[4], "2025-04-01T09:00:00+08:00", 4);
  /* T5: second alone on another platform, not by class. */
  s->tasks[5] =
      test_world_task (s->db, "T5", 2025, d2, 1, TRUE, FALSE, "全部=2", "type=个体工商户");
  test_world_draw (s->db, s->tasks[5], "2025-05-01T09:00:00+08:00", 5);
  /* T6: a joint task on another platform, which no row of those counts. */
  s->tasks[6] = test_world_task (s->db, "T6", 2025, d13, 2, TRUE, FALSE, "全部=2", NULL);
  test_world_draw (s->db, s->tasks[6], "2025-05-02T09:00:00+08:00", 6);
  /* T7: never drawn. */
  s->tasks[7] = test_world_task (s->db, "T7", 2025, d1, 1, FALSE, TRUE, "A=1", NULL);
  /* T8: drawn in 2024. */
  s->tasks[8] = test_world_task (s->db, "T8", 2024, d2, 1, FALSE, TRUE, "A=1", NULL);
  test_world_draw (s->db, s->tasks[8], "2024-12-30T09:00:00+08:00", 8);
  /* T9: third alone, drawn in July. */
  s->tasks[9] =
      test_world_task (s->db, "T9", 2025, d3, 1, FALSE, FALSE, "全部=3", "type=个体工商户");
  test_world_draw (s->db, s->tasks[9], "2025-07-01T09:00:00+08:00", 9);
  /* T10: market alone, drawn twice; the first draw counts. */
  s->tasks[10] =
      test_world_task (s->db, "T10", 2025, d1, 1, FALSE, FALSE, "全部=2", "type=个体工商户");
  test_world_draw (s->db, s->tasks[10], "2025-06-10T09:00:00+08:00", 10);
  test_world_draw (s->db, s->tasks[10], "2025-06-20T09:00:00+08:00", 11);

  inspect (s->db, s->tasks[1], 0, "未发现问题", "2025-02-15");
  inspect (s->db, s->tasks[1], 1, "发现问题待后续处理", "2025-02-16");
  inspect (s->db, s->tasks[1], 2, "不配合检查情节严重", "2025-07-05");
  inspect (s->db, s->tasks[2], 0, "未发现问题", NULL);
  inspect (s->db, s->tasks[2], 1, "发现问题经责令已改正", "2025-03-10");
  for (guint i = 0; i < 4; i++)
    inspect (s->db, s->tasks[3], i, "未发现问题", "2025-03-25");
  inspect (s->db, s->tasks[3], 4, "发现问题经责令已改正", "2025-03-25");
  inspect (s->db, s->tasks[4], 0, "已注销", "2025-04-05");
  inspect (s->db, s->tasks[10], 0, "未发现问题", "2025-06-15");
}

static const gint64 region_june[11][4] = {
  { 4, 14, 10, 3 }, { 2, 6, 3, 1 }, { 2, 8, 7, 2 }, { 2, 9, 7, 2 }, { 2, 7, 4, 2 }, { 3, 9, 5, 2 },
  { 2, 6, 3, 1 },   { 1, 3, 2, 1 }, { 2, 4, 1, 0 }, { 1, 2, 1, 0 }, { 1, 2, 1, 0 },
};

static const gint64 region_december[11][4] = {
  { 5, 17, 11, 4 }, { 3, 9, 4, 2 }, { 2, 8, 7, 2 }, { 2, 9, 8, 3 }, { 2, 7, 5, 3 }, { 3, 9, 6, 3 },
  { 2, 6, 4, 2 },   { 1, 3, 2, 1 }, { 2, 4, 1, 0 }, { 1, 2, 1, 0 }, { 1, 2, 1, 0 },
};

static const gint64 market_june[8][4] = {
  { 3, 9, 5, 2 }, { 2, 6, 3, 1 }, { 1, 3, 2, 1 }, { 1, 4, 2, 1 },
  { 2, 7, 4, 2 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 },
};

static const gint64 second_june[8][4] = {
  { 2, 8, 7, 2 }, { 0, 0, 0, 0 }, { 2, 8, 7, 2 }, { 1, 5, 5, 1 },
  { 1, 3, 2, 1 }, { 1, 2, 0, 0 }, { 0, 0, 0, 0 }, { 0, 0, 0, 0 },
};

static const gint64 third_june[8][4] = {
  { 1, 5, 5, 1 }, { 0, 0, 0, 0 }, { 1, 5, 5, 1 }, { 1, 5, 5, 1 },
  { 0, 0, 0, 0 }, { 1, 2, 1, 0 }, { 1, 2, 1, 0 }, { 1, 2, 1, 0 },
};

static void
test_hand_worked_year (void)
{
  g_auto (Scenario) s = { 0 };
  g_autoptr (SuijiStatisticsExplanation) explanation = NULL;
  g_autoptr (GError) error = NULL;
  SuijiFigures figures;

  build_scenario (&s);

  compute (s.db, SUIJI_STATISTICS_REGION, "2025-06-30", 0, &figures);
  g_assert_cmpuint (figures.n_rows, ==, 11);
  assert_figures (&figures, region_june);
  compute (s.db, SUIJI_STATISTICS_REGION, "2025-12-31", 0, &figures);
  assert_figures (&figures, region_december);

  compute (s.db, SUIJI_STATISTICS_DEPARTMENT, "2025-06-30", s.market, &figures);
  g_assert_cmpuint (figures.n_rows, ==, 8);
  assert_figures (&figures, market_june);
  compute (s.db, SUIJI_STATISTICS_DEPARTMENT, "2025-06-30", s.second, &figures);
  assert_figures (&figures, second_june);
  compute (s.db, SUIJI_STATISTICS_DEPARTMENT, "2025-06-30", s.third, &figures);
  assert_figures (&figures, third_june);

  /* Before the first draw of the year nothing counts. */
  compute (s.db, SUIJI_STATISTICS_REGION, "2025-02-09", 0, &figures);
  for (guint r = 0; r < figures.n_rows; r++)
    for (guint c = 0; c < SUIJI_FIGURE_N_COLUMNS; c++)
      g_assert_cmpint (figures.values[r][c], ==, 0);

  /* The enterprises checked by June: T1's two and T3's five. */
  explanation = suiji_statistics_explain (s.db, SUIJI_STATISTICS_REGION, 2025, "2025-06-30", 0, 4,
                                          SUIJI_FIGURE_COMPLETED, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (explanation->task_ids->len, ==, 2);
  g_assert_cmpint (g_array_index (explanation->task_ids, gint64, 0), ==, s.tasks[1]);
  g_assert_cmpint (g_array_index (explanation->task_ids, gint64, 1), ==, s.tasks[3]);
  g_assert_cmpuint (explanation->subjects->len, ==, 7);
  for (guint i = 0; i < explanation->subjects->len; i++)
    {
      SuijiStatisticsSubject *subject =
          &g_array_index (explanation->subjects, SuijiStatisticsSubject, i);

      g_assert_true (g_str_has_prefix (subject->key, "K"));
      g_assert_true (g_str_has_prefix (subject->name, "测试主体"));
      g_assert_cmpint (subject->subject_id, >, 0);
    }
  g_clear_pointer (&explanation, suiji_statistics_explanation_free);

  /* Which categories find a problem is data: counted again when it changes. */
  g_assert_true (_suiji_database_exec (
      s.db, "UPDATE result_categories SET counts_as_problem = 1 WHERE code = 'gone'", &error));
  compute (s.db, SUIJI_STATISTICS_REGION, "2025-06-30", 0, &figures);
  g_assert_cmpint (figures.values[8][SUIJI_FIGURE_PROBLEMS], ==, 1);
  g_assert_cmpint (figures.values[0][SUIJI_FIGURE_PROBLEMS], ==, 3);
  g_assert_true (_suiji_database_exec (
      s.db, "UPDATE result_categories SET counts_as_problem = 0 WHERE code = 'gone'", &error));
  compute (s.db, SUIJI_STATISTICS_REGION, "2025-06-30", 0, &figures);
  assert_figures (&figures, region_june);

  /* A problem is only ever found by a completed check. */
  g_assert_false (_suiji_database_exec (
      s.db, "UPDATE result_categories SET counts_as_completed = 0 WHERE code = 'obstructed'",
      &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT);
}

static void
test_refused_input (void)
{
  g_auto (Scenario) s = { 0 };
  g_autoptr (GError) error = NULL;
  SuijiFigures figures;

  s.db = test_world_open ("refused.db");

  g_assert_false (suiji_statistics_compute (s.db, SUIJI_STATISTICS_REGION, 2025, "2025-02-30", 0,
                                            &figures, &error));
  g_assert_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (suiji_statistics_compute (s.db, SUIJI_STATISTICS_REGION, 2025, "2026-01-01", 0,
                                            &figures, &error));
  g_assert_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (suiji_statistics_compute (s.db, SUIJI_STATISTICS_DEPARTMENT, 2025, "2025-05-01",
                                            42, &figures, &error));
  g_assert_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (suiji_statistics_explain (s.db, SUIJI_STATISTICS_DEPARTMENT, 2025, "2025-05-01", 0,
                                           9, SUIJI_FIGURE_COUNT, &error));
  g_assert_error (error, SUIJI_STATISTICS_ERROR, SUIJI_STATISTICS_ERROR_INVALID);
}

/* The hard rules of annex-forms.md, on one form. */
static void
check_hard_rules (const SuijiFigures *f, SuijiStatisticsForm form)
{
  /* Each pair: the subset row, the row it lies in (numbered as printed). */
  static const guint region_subsets[][2] = { { 4, 1 }, { 5, 1 },  { 6, 1 }, { 7, 2 },
                                             { 8, 3 }, { 10, 9 }, { 11, 9 } };
  static const guint department_subsets[][2] = { { 4, 1 }, { 5, 1 }, { 7, 6 }, { 8, 6 } };
  gboolean           region = form == SUIJI_STATISTICS_REGION;
  const guint (*subsets)[2] = region ? region_subsets : department_subsets;
  guint n_subsets = region ? G_N_ELEMENTS (region_subsets) : G_N_ELEMENTS (department_subsets);

  g_assert_cmpuint (f->n_rows, ==,
                    region ? SUIJI_STATISTICS_REGION_ROWS : SUIJI_STATISTICS_DEPARTMENT_ROWS);
  for (guint r = 0; r < f->n_rows; r++)
    {
      for (guint c = 0; c < SUIJI_FIGURE_N_COLUMNS; c++)
        g_assert_cmpint (f->values[r][c], >=, 0);
      g_assert_cmpint (f->values[r][SUIJI_FIGURE_PROBLEMS], <=,
                       f->values[r][SUIJI_FIGURE_COMPLETED]);
      g_assert_cmpint (f->values[r][SUIJI_FIGURE_COMPLETED], <=, f->values[r][SUIJI_FIGURE_DRAWN]);
    }

  for (guint c = 0; c < SUIJI_FIGURE_N_COLUMNS; c++)
    {
      g_assert_cmpint (f->values[0][c], ==, f->values[1][c] + f->values[2][c]);
      if (region)
        g_assert_cmpint (f->values[5][c], ==, f->values[6][c] + f->values[7][c]);
      for (guint i = 0; i < n_subsets; i++)
        g_assert_cmpint (f->values[subsets[i][0] - 1][c], <=, f->values[subsets[i][1] - 1][c]);
    }
}

/* Every cell of the form answers with as many tasks or subjects as it says. */
static void
check_explanations (SuijiDatabase      *db,
                    SuijiStatisticsForm form,
                    int                 year,
                    const char         *until,
                    gint64              department,
                    const SuijiFigures *f)
{
  for (guint r = 0; r < f->n_rows; r++)
    for (guint c = 0; c < SUIJI_FIGURE_N_COLUMNS; c++)
      {
        g_autoptr (GError) error = NULL;
        g_autoptr (SuijiStatisticsExplanation) explanation =
            suiji_statistics_explain (db, form, year, until, department, r + 1, c, &error);
        guint n;

        g_assert_no_error (error);
        n = c == SUIJI_FIGURE_COUNT ? explanation->task_ids->len : explanation->subjects->len;
        g_assert_cmpint ((gint64) n, ==, f->values[r][c]);
        if (c != SUIJI_FIGURE_COUNT)
          g_assert_cmpuint (explanation->task_ids->len, <=, f->values[r][SUIJI_FIGURE_COUNT]);
      }
}

static void
random_datetime (GRand *rand, int year, char *text, gsize size)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, G_DATE_JANUARY, (GDateYear) year);
  g_date_add_days (&date, (guint) g_rand_int_range (rand, 0, 365));
  g_snprintf (text, size, "%04u-%02u-%02uT%02d:30:00+08:00", g_date_get_year (&date),
              g_date_get_month (&date), g_date_get_day (&date), g_rand_int_range (rand, 8, 18));
}

/* Random results for the drawn subjects, entered as a grid would: a
 * paste, then a few changes, some of them undone. */
static void
enter_random_results (SuijiDatabase *db, GRand *rand)
{
  g_autoptr (sqlite3_stmt) rows = NULL;
  g_autoptr (GArray) edits = g_array_new (FALSE, TRUE, sizeof (SuijiResultEdit));
  g_autoptr (GArray) undo = NULL;
  g_autoptr (GError) error = NULL;

  g_array_set_clear_func (edits, (GDestroyNotify) suiji_result_edit_clear);
  rows = _suiji_database_prepare (db,
                                  "SELECT r.draw_id, r.position, substr(d.drawn_at, 1, 10)"
                                  " FROM results r JOIN draws d ON d.id = r.draw_id",
                                  &error);
  g_assert_no_error (error);

  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      SuijiResultEdit edit = { sqlite3_column_int64 (rows, 0), (guint) sqlite3_column_int (rows, 1),
                               0, NULL };
      GDate           day;

      if (g_rand_int_range (rand, 0, 4) == 0)
        continue;

      g_assert_true (suiji_date_parse_iso ((const char *) sqlite3_column_text (rows, 2), &day));
      g_date_add_days (&day, (guint) g_rand_int_range (rand, 0, 120));
      if (g_rand_int_range (rand, 0, 10) > 0)
        {
          edit.field = SUIJI_RESULT_FIELD_INSPECTED_ON;
          edit.text = suiji_date_dup_iso (&day);
          g_array_append_val (edits, edit);
        }
      edit.field = SUIJI_RESULT_FIELD_CATEGORY;
      edit.text = g_strdup (categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))]);
      g_array_append_val (edits, edit);
    }

  g_assert_true (
      suiji_result_set_many (db, (SuijiResultEdit *) edits->data, edits->len, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Change a few categories again and take half of the changes back. */
  for (guint i = 0; i < edits->len; i++)
    {
      SuijiResultEdit *edit = &g_array_index (edits, SuijiResultEdit, i);

      if (edit->field != SUIJI_RESULT_FIELD_CATEGORY || g_rand_int_range (rand, 0, 5) > 0)
        continue;
      g_free (edit->text);
      edit->text =
          g_rand_int_range (rand, 0, 3) == 0
              ? NULL
              : g_strdup (categories[g_rand_int_range (rand, 0, G_N_ELEMENTS (categories))]);
      g_assert_true (suiji_result_set_many (db, edit, 1, &undo, NULL, &error));
      g_assert_no_error (error);
      if (g_rand_boolean (rand))
        g_assert_true (suiji_result_set_many (db, (SuijiResultEdit *) undo->data, undo->len, NULL,
                                              NULL, &error));
      g_clear_pointer (&undo, g_array_unref);
    }
}

/* A year of random tasks: one to three departments, either platform,
 * mostly by class, drawn on a random day (a few the year before, a few
 * never, a few twice), with random results. */
static void
generate_year (SuijiDatabase *db, GRand *rand, TestWorld *world, int year)
{
  guint n_departments = world->departments->len;
  guint n_tasks = (guint) g_rand_int_range (rand, 12, 28);

  for (guint t = 0; t < n_tasks; t++)
    {
      gint64   departments[3];
      guint    n = 1 + (g_rand_int_range (rand, 0, 2) == 0 ? 0 : g_rand_int_range (rand, 1, 3));
      gboolean stratified = g_rand_int_range (rand, 0, 8) > 0;
      g_autofree char *name = g_strdup_printf ("任务%u", t);
      g_autofree char *counts = NULL;
      g_autofree char *filter = NULL;
      char             drawn_at[40];
      guint            first = (guint) g_rand_int_range (rand, 0, (gint32) n_departments);
      gint64           task_id;
      int              when = g_rand_int_range (rand, 0, 20);

      n = MIN (n, n_departments);
      for (guint i = 0; i < n; i++)
        departments[i] = g_array_index (world->departments, gint64, (first + i) % n_departments);

      counts =
          stratified
              ? g_strdup_printf ("A=%d,B=%d,C=%d,D=%d,未分类=%d", g_rand_int_range (rand, 0, 3),
                                 g_rand_int_range (rand, 0, 3), g_rand_int_range (rand, 0, 4),
                                 g_rand_int_range (rand, 0, 4), g_rand_int_range (rand, 0, 2))
              : g_strdup_printf ("全部=%d", g_rand_int_range (rand, 1, 9));
      if (g_rand_int_range (rand, 0, 3) == 0)
        filter = g_strdup_printf ("department=%s",
                                  (char *) g_ptr_array_index (world->department_names, first));

      task_id = test_world_task (db, name, year, departments, n, g_rand_int_range (rand, 0, 5) == 0,
                                 stratified, counts, filter);
      if (when == 0)
        continue;
      random_datetime (rand, when == 1 ? year - 1 : year, drawn_at, sizeof drawn_at);
      test_world_draw (db, task_id, drawn_at, g_rand_int (rand));
      if (when == 2)
        {
          random_datetime (rand, year, drawn_at, sizeof drawn_at);
          test_world_draw (db, task_id, drawn_at, g_rand_int (rand));
        }
    }

  enter_random_results (db, rand);
}

/* How many (task, department) pairs of the year's Hebei-platform tasks
 * count by @until, by the first saved draw of each: a joint task once for
 * each of its departments. */
static gint64
count_participations (SuijiDatabase *db, const char *until)
{
  g_autofree char *sql = g_strdup_printf (
      "SELECT count(*) FROM task_departments td JOIN tasks t ON t.id = td.task_id"
      " WHERE t.platform = '河北双随机执法监管平台' AND td.task_id IN (SELECT task_id FROM draws"
      "   WHERE id IN (SELECT min(id) FROM draws GROUP BY task_id)"
      "   AND substr(drawn_at, 1, 10) BETWEEN '2025-01-01' AND '%s')",
      until);

  return test_world_query_int (db, sql);
}

static void
test_random_years (void)
{
  const guint n_years = g_test_slow () ? 60 : 6;

  for (guint seed = 1; seed <= n_years; seed++)
    {
      g_autofree char *name = g_strdup_printf ("year%u.db", seed);
      g_autoptr (SuijiDatabase) db = test_world_open (name);
      g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
      g_auto (TestWorld) world = { 0 };
      guint        n_forms;
      SuijiFigures previous[8];

      test_world_fill (db, rand, (guint) g_rand_int_range (rand, 2, 7), 150, &world);
      generate_year (db, rand, &world, 2025);
      n_forms = 1 + world.departments->len;
      g_assert_cmpuint (n_forms, <=, G_N_ELEMENTS (previous));
      memset (previous, 0, sizeof previous);

      for (guint month = 1; month <= 12; month++)
        {
          g_autoptr (SuijiStatisticsSnapshot) snapshot = NULL;
          g_autoptr (GError) error = NULL;
          GDate            last;
          g_autofree char *until = NULL;
          gint64           participations = 0;

          g_date_clear (&last, 1);
          g_date_set_dmy (&last, g_date_get_days_in_month (month, 2025), month, 2025);
          until = suiji_date_dup_iso (&last);
          snapshot = suiji_statistics_snapshot_new (db, 2025, until, &error);
          g_assert_no_error (error);

          for (guint i = 0; i < n_forms; i++)
            {
              SuijiStatisticsForm form =
                  i == 0 ? SUIJI_STATISTICS_REGION : SUIJI_STATISTICS_DEPARTMENT;
              gint64 department = i == 0 ? 0 : g_array_index (world.departments, gint64, i - 1);
              SuijiFigures figures;
              SuijiFigures from_snapshot;

              compute (db, form, until, department, &figures);
              suiji_statistics_snapshot_figures (snapshot, form, department, &from_snapshot);
              g_assert_cmpmem (&figures, sizeof figures, &from_snapshot, sizeof from_snapshot);

              check_hard_rules (&figures, form);
              for (guint r = 0; r < figures.n_rows; r++)
                for (guint c = 0; c < SUIJI_FIGURE_N_COLUMNS; c++)
                  g_assert_cmpint (figures.values[r][c], >=, previous[i].values[r][c]);
              /* Every cell of 附件1 and of one department's 附件2, in one
               * month of the year, chosen by the seed. */
              if (month == 1 + seed % 12 && (i == 0 || i == 1 + seed % (n_forms - 1)))
                check_explanations (db, form, 2025, until, department, &figures);
              if (i > 0)
                participations += figures.values[0][SUIJI_FIGURE_COUNT];

              previous[i] = figures;
            }

          /* A joint task counts once for the region and once for each of
           * its departments. */
          g_assert_cmpint (participations, ==, count_participations (db, until));
        }

      g_test_message ("year %u: %" G_GINT64_FORMAT " tasks, %" G_GINT64_FORMAT
                      " drawn, %" G_GINT64_FORMAT " completed, %" G_GINT64_FORMAT " problems",
                      seed, previous[0].values[0][0] + previous[0].values[8][0],
                      previous[0].values[0][1], previous[0].values[0][2], previous[0].values[0][3]);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/statistics/hand-worked-year", test_hand_worked_year);
  g_test_add_func ("/statistics/refused-input", test_refused_input);
  g_test_add_func ("/statistics/random-years", test_random_years);

  return g_test_run ();
}
