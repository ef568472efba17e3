/* test-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "suiji-database-private.h"
#include "suiji-deadlines.h"
#include "suiji-result.h"
#include "suiji-task.h"
#include "suiji-test-world.h"

#define DRAWN_AT "2025-09-20T10:00:00+08:00"

typedef struct
{
  SuijiDatabase *db;
  TestWorld      world;
  gint64         task_id;
  gint64         draw_id;
  guint          n_rows;
} Fixture;

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  gint64 joint[2];

  fixture->db = test_world_open ("result.db");
  test_world_fill (fixture->db, rand, 3, 80, &fixture->world);
  joint[0] = g_array_index (fixture->world.departments, gint64, 0);
  joint[1] = g_array_index (fixture->world.departments, gint64, 1);
  fixture->task_id = test_world_task (fixture->db, "2025年联合抽查", 2025, joint, 2, FALSE, TRUE,
                                      "A=2,B=2,C=2,D=2", NULL);
  fixture->draw_id = test_world_draw (fixture->db, fixture->task_id, DRAWN_AT, 1);
  fixture->n_rows = (guint) test_world_query_int (fixture->db, "SELECT count(*) FROM results");
  g_assert_cmpuint (fixture->n_rows, >=, 6);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  test_world_clear (&fixture->world);
  g_clear_object (&fixture->db);
}

static GPtrArray *
list (Fixture *fixture, const char *today)
{
  g_autoptr (GError) error = NULL;
  GDate      day;
  GPtrArray *rows;

  g_date_clear (&day, 1);
  if (today != NULL)
    g_assert_true (suiji_date_parse_iso (today, &day));
  rows =
      suiji_result_list_task (fixture->db, fixture->task_id, today != NULL ? &day : NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rows);
  return rows;
}

static SuijiResult *
row_at (Fixture *fixture, guint position)
{
  g_autoptr (GError) error = NULL;
  SuijiResult *result = suiji_result_load (fixture->db, fixture->draw_id, position, NULL, &error);

  g_assert_no_error (error);
  return result;
}

static void
set_ok (Fixture *fixture, guint position, SuijiResultField field, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (
      suiji_result_set_field (fixture->db, fixture->draw_id, position, field, text, NULL, &error));
  g_assert_no_error (error);
}

/* Sets a field that must be refused, and returns the message. */
static char *
set_refused (Fixture *fixture, guint position, SuijiResultField field, const char *text)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (
      suiji_result_set_field (fixture->db, fixture->draw_id, position, field, text, NULL, &error));
  g_assert_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID);
  g_test_message ("refused: %s", error->message);
  return g_strdup (error->message);
}

static void
test_rows_open_with_the_first_draw (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) rows = list (fixture, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (rows->len, ==, fixture->n_rows);
  g_assert_cmpint (fixture->n_rows, ==,
                   test_world_query_int (fixture->db, "SELECT count(*) FROM draw_subjects"));
  for (guint i = 0; i < rows->len; i++)
    {
      SuijiResult *row = g_ptr_array_index (rows, i);

      g_assert_cmpint (row->task_id, ==, fixture->task_id);
      g_assert_cmpint (row->draw_id, ==, fixture->draw_id);
      g_assert_cmpuint (row->position, ==, i);
      g_assert_true (g_str_has_prefix (row->key, "K"));
      g_assert_true (g_str_has_prefix (row->name, "测试主体"));
      g_assert_cmpstr (row->drawn_on, ==, "2025-09-20");
      g_assert_cmpstr (row->drawn_inspectors, !=, "");
      g_assert_null (row->category);
      g_assert_null (row->publication_due);
      g_assert_false (row->completed);
      for (guint f = 0; f < SUIJI_RESULT_N_FIELDS; f++)
        g_assert_cmpstr (row->texts[f], ==, "");
    }

  /* A later draw of the same task opens no rows: results are those of
   * the first draw, as the forms count it. */
  test_world_draw (fixture->db, fixture->task_id, "2025-10-01T09:00:00+08:00", 2);
  g_assert_cmpint (test_world_query_int (fixture->db, "SELECT count(*) FROM results"), ==,
                   fixture->n_rows);
  g_assert_cmpint (
      test_world_query_int (fixture->db, "SELECT count(DISTINCT draw_id) FROM results"), ==, 1);

  /* The draw opened its tallies with its rows: per kind of subject, all
   * drawn and none completed, and nothing for the later draw. */
  g_assert_cmpint (test_world_query_int (fixture->db, "SELECT count(*) FROM result_tallies"), >, 0);
  g_assert_cmpint (test_world_query_int (fixture->db,
                                         "SELECT count(*) FROM result_tallies t WHERE t.day <> ''"
                                         " OR t.completed <> 0 OR t.problem <> 0"
                                         " OR t.draw_id <> (SELECT min(id) FROM draws)"
                                         " OR t.drawn <> (SELECT count(*) FROM results r"
                                         "   WHERE r.draw_id = t.draw_id"
                                         "   AND (r.subject_type = '企业') = t.enterprise)"),
                   ==, 0);
  g_assert_cmpint (test_world_query_int (fixture->db, "SELECT sum(drawn) FROM result_tallies"), ==,
                   fixture->n_rows);
  g_assert_cmpint (
      test_world_query_int (fixture->db,
                            "SELECT count(*) FROM results r JOIN draw_subjects ds"
                            " USING (draw_id, position) JOIN subjects s ON s.id = ds.subject_id"
                            " WHERE r.subject_type <> s.subject_type"),
      ==, 0);

  g_assert_false (_suiji_database_exec (fixture->db, "DELETE FROM results", &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT);
}

static void
test_categories (Fixture *fixture, gconstpointer data)
{
  g_autoptr (SuijiResult) row = NULL;
  g_autoptr (GArray) undo = NULL;
  g_autoptr (GArray) redo = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  g_auto (GStrv) choices = NULL;

  choices = suiji_result_list_choices (fixture->db, SUIJI_RESULT_FIELD_CATEGORY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (choices), ==, 7);
  g_assert_cmpstr (choices[0], ==, "未发现问题");
  g_assert_cmpstr (choices[6], ==, "已注销/被吊销/迁出");

  set_ok (fixture, 0, SUIJI_RESULT_FIELD_CATEGORY, "未发现问题");
  row = row_at (fixture, 0);
  g_assert_cmpstr (row->category, ==, "no-problem");
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_CATEGORY], ==, "未发现问题");
  g_assert_true (row->completed);
  g_assert_false (row->problem_found);
  g_clear_pointer (&row, suiji_result_free);

  /* A part of a slashed label, a code, either kind of parentheses. */
  set_ok (fixture, 1, SUIJI_RESULT_FIELD_CATEGORY, "已注销");
  row = row_at (fixture, 1);
  g_assert_cmpstr (row->category, ==, "gone");
  g_clear_pointer (&row, suiji_result_free);
  set_ok (fixture, 1, SUIJI_RESULT_FIELD_CATEGORY, "problem-pending");
  set_ok (fixture, 1, SUIJI_RESULT_FIELD_PROBLEM_AREA, "通过登记的住所(经营场所)无法联系");
  row = row_at (fixture, 1);
  g_assert_true (row->problem_found);
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_PROBLEM_AREA], ==,
                   "通过登记的住所（经营场所）无法联系");
  g_clear_pointer (&row, suiji_result_free);

  message = set_refused (fixture, 2, SUIJI_RESULT_FIELD_CATEGORY, "查无此类");
  g_assert_nonnull (strstr (message, "检查结果"));
  g_assert_nonnull (strstr (message, "查无此类"));
  g_assert_nonnull (strstr (message, "(K"));
  g_clear_pointer (&message, g_free);
  message = set_refused (fixture, 0, SUIJI_RESULT_FIELD_PROBLEM_AREA, "违反其他规定");
  g_assert_nonnull (strstr (message, "问题类型"));

  /* A result that no longer finds a problem drops its area, and the undo
   * brings both back. */
  g_assert_true (suiji_result_set_field (fixture->db, fixture->draw_id, 1,
                                         SUIJI_RESULT_FIELD_CATEGORY, "未发现问题", &undo, &error));
  g_assert_no_error (error);
  row = row_at (fixture, 1);
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_PROBLEM_AREA], ==, "");
  g_clear_pointer (&row, suiji_result_free);
  g_assert_cmpuint (undo->len, ==, 2);
  g_assert_cmpint (g_array_index (undo, SuijiResultEdit, 0).field, ==, SUIJI_RESULT_FIELD_CATEGORY);
  g_assert_cmpstr (g_array_index (undo, SuijiResultEdit, 0).text, ==, "problem-pending");
  g_assert_cmpint (g_array_index (undo, SuijiResultEdit, 1).field, ==,
                   SUIJI_RESULT_FIELD_PROBLEM_AREA);

  g_assert_true (suiji_result_set_many (fixture->db, (SuijiResultEdit *) undo->data, undo->len,
                                        &redo, NULL, &error));
  g_assert_no_error (error);
  row = row_at (fixture, 1);
  g_assert_cmpstr (row->category, ==, "problem-pending");
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_PROBLEM_AREA], ==,
                   "通过登记的住所（经营场所）无法联系");
  g_clear_pointer (&row, suiji_result_free);

  g_assert_true (suiji_result_set_many (fixture->db, (SuijiResultEdit *) redo->data, redo->len,
                                        NULL, NULL, &error));
  row = row_at (fixture, 1);
  g_assert_cmpstr (row->category, ==, "no-problem");
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_PROBLEM_AREA], ==, "");
}

static void
test_dates (Fixture *fixture, gconstpointer data)
{
  g_autoptr (SuijiResult) row = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  message = set_refused (fixture, 0, SUIJI_RESULT_FIELD_INSPECTED_ON, "2025-09-19");
  g_assert_nonnull (strstr (message, "检查日期"));
  g_assert_nonnull (strstr (message, "2025-09-20"));
  g_clear_pointer (&message, g_free);
  message = set_refused (fixture, 0, SUIJI_RESULT_FIELD_INSPECTED_ON, "2025-13-01");
  g_assert_nonnull (strstr (message, "not a date"));
  g_clear_pointer (&message, g_free);
  message = set_refused (fixture, 0, SUIJI_RESULT_FIELD_PUBLISHED_ON, "2025-10-01");
  g_assert_nonnull (strstr (message, "公示日期"));
  g_clear_pointer (&message, g_free);

  set_ok (fixture, 0, SUIJI_RESULT_FIELD_INSPECTED_ON, "2025年9月26日");
  set_ok (fixture, 0, SUIJI_RESULT_FIELD_CATEGORY, "发现问题经责令已改正");
  message = set_refused (fixture, 0, SUIJI_RESULT_FIELD_PUBLISHED_ON, "2025/9/25");
  g_assert_nonnull (strstr (message, "2025-09-26"));
  g_clear_pointer (&message, g_free);
  set_ok (fixture, 0, SUIJI_RESULT_FIELD_PUBLISHED_ON, "20251030");

  message = set_refused (fixture, 0, SUIJI_RESULT_FIELD_CATEGORY, "");
  g_assert_nonnull (strstr (message, "2025-10-30"));
  g_clear_pointer (&message, g_free);
  message = set_refused (fixture, 0, SUIJI_RESULT_FIELD_INSPECTED_ON, "2025-11-01");
  g_assert_nonnull (strstr (message, "publication"));

  row = row_at (fixture, 0);
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_INSPECTED_ON], ==, "2025-09-26");
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_PUBLISHED_ON], ==, "2025-10-30");
  g_assert_cmpstr (row->publication_due, ==, "2025-10-30");
  g_assert_false (row->published_late);
}

static void
test_inspectors (Fixture *fixture, gconstpointer data)
{
  g_autoptr (SuijiResult) row = NULL;
  g_autoptr (GArray) undo = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  set_ok (fixture, 0, SUIJI_RESULT_FIELD_INSPECTORS, "检查员1-2、 B2-3，检查员1-2");
  row = row_at (fixture, 0);
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_INSPECTORS], ==, "检查员1-2、检查员2-3");
  g_clear_pointer (&row, suiji_result_free);
  g_assert_cmpint (test_world_query_int (fixture->db, "SELECT count(*) FROM result_inspectors"), ==,
                   2);

  /* Both departments of the task have a 王伟; the one of the third
   * department is not in the task, but a name within it must be unique. */
  message = set_refused (fixture, 0, SUIJI_RESULT_FIELD_INSPECTORS, "王伟");
  g_assert_nonnull (strstr (message, "检查人员"));
  g_assert_nonnull (strstr (message, "badge"));
  g_clear_pointer (&message, g_free);
  message = set_refused (fixture, 0, SUIJI_RESULT_FIELD_INSPECTORS, "无名氏");
  g_assert_nonnull (strstr (message, "无名氏"));

  g_assert_true (suiji_result_set_field (fixture->db, fixture->draw_id, 0,
                                         SUIJI_RESULT_FIELD_INSPECTORS, "王伟（B1-1） 检查员1-3",
                                         &undo, &error));
  g_assert_no_error (error);
  row = row_at (fixture, 0);
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_INSPECTORS], ==, "王伟、检查员1-3");
  g_clear_pointer (&row, suiji_result_free);

  g_assert_cmpuint (undo->len, ==, 1);
  g_assert_cmpstr (g_array_index (undo, SuijiResultEdit, 0).text, ==, "B1-2、B2-3");
  g_assert_true (suiji_result_set_many (fixture->db, (SuijiResultEdit *) undo->data, undo->len,
                                        NULL, NULL, &error));
  row = row_at (fixture, 0);
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_INSPECTORS], ==, "检查员1-2、检查员2-3");
  g_clear_pointer (&row, suiji_result_free);

  set_ok (fixture, 0, SUIJI_RESULT_FIELD_INSPECTORS, "");
  g_assert_cmpint (test_world_query_int (fixture->db, "SELECT count(*) FROM result_inspectors"), ==,
                   0);
}

static void
test_follow_up (Fixture *fixture, gconstpointer data)
{
  g_autoptr (SuijiResult) row = NULL;
  g_autoptr (GArray) undo = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  message = set_refused (fixture, 0, SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON, "2025-10-10");
  g_assert_nonnull (strstr (message, "处置完成日期"));
  g_clear_pointer (&message, g_free);
  message = set_refused (fixture, 0, SUIJI_RESULT_FIELD_FOLLOW_UP_DONE, "maybe");
  g_assert_nonnull (strstr (message, "处置是否完成"));

  set_ok (fixture, 0, SUIJI_RESULT_FIELD_INSPECTED_ON, "2025-09-26");
  set_ok (fixture, 0, SUIJI_RESULT_FIELD_FOLLOW_UP, "责令改正");
  row = row_at (fixture, 0);
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE], ==, "否");
  g_clear_pointer (&row, suiji_result_free);

  /* A done date marks the follow-up done; undone, both go. */
  g_assert_true (suiji_result_set_field (fixture->db, fixture->draw_id, 0,
                                         SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON, "2025-10-10", &undo,
                                         &error));
  g_assert_no_error (error);
  row = row_at (fixture, 0);
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE], ==, "是");
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON], ==, "2025-10-10");
  g_clear_pointer (&row, suiji_result_free);
  g_assert_cmpuint (undo->len, ==, 2);
  g_assert_cmpint (g_array_index (undo, SuijiResultEdit, 0).field, ==,
                   SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON);
  g_assert_true (suiji_result_set_many (fixture->db, (SuijiResultEdit *) undo->data, undo->len,
                                        NULL, NULL, &error));
  row = row_at (fixture, 0);
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE], ==, "否");
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON], ==, "");
  g_clear_pointer (&row, suiji_result_free);

  /* Without a follow-up, nothing is done. */
  set_ok (fixture, 0, SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON, "2025-10-11");
  set_ok (fixture, 0, SUIJI_RESULT_FIELD_FOLLOW_UP, NULL);
  row = row_at (fixture, 0);
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_FOLLOW_UP], ==, "");
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE], ==, "");
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON], ==, "");
}

static void
test_many_is_all_or_nothing (Fixture *fixture, gconstpointer data)
{
  g_autoptr (SuijiResult) row = NULL;
  g_autoptr (GArray) undo = NULL;
  g_autoptr (GError) error = NULL;
  SuijiResultEdit column[3];
  guint           failed = 99;

  /* A pasted column whose second cell is wrong. */
  for (guint i = 0; i < G_N_ELEMENTS (column); i++)
    {
      column[i].draw_id = fixture->draw_id;
      column[i].position = i;
      column[i].field = SUIJI_RESULT_FIELD_METHOD;
      column[i].text = (char *) (i == 1 ? "飞行检查" : "书面检查");
    }

  g_assert_false (
      suiji_result_set_many (fixture->db, column, G_N_ELEMENTS (column), &undo, &failed, &error));
  g_assert_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "检查方式"));
  g_assert_cmpuint (failed, ==, 1);
  g_assert_null (undo);
  row = row_at (fixture, 0);
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_METHOD], ==, "");
  g_clear_pointer (&row, suiji_result_free);
  g_clear_error (&error);

  column[1].text = (char *) "信息共享";
  g_assert_true (
      suiji_result_set_many (fixture->db, column, G_N_ELEMENTS (column), &undo, &failed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (undo->len, ==, 3);
  row = row_at (fixture, 1);
  g_assert_cmpstr (row->texts[SUIJI_RESULT_FIELD_METHOD], ==, "信息共享/专业意见");
  g_clear_pointer (&row, suiji_result_free);

  /* A subject that is not there. */
  g_assert_false (suiji_result_set_field (fixture->db, fixture->draw_id, 999,
                                          SUIJI_RESULT_FIELD_NOTE, "x", NULL, &error));
  g_assert_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_NOT_FOUND);
}

static char *
task_state (Fixture *fixture, gint64 task_id)
{
  g_autoptr (SuijiTaskRecord) task = suiji_task_load (fixture->db, task_id, NULL);

  return g_strdup (task->state);
}

static void
get_progress (Fixture *fixture, gint64 task_id, const char *today, SuijiResultProgress *progress)
{
  g_autoptr (GError) error = NULL;
  GDate day;

  g_assert_true (suiji_date_parse_iso (today, &day));
  g_assert_true (suiji_result_get_progress (fixture->db, task_id, &day, progress, &error));
  g_assert_no_error (error);
}

static void
set_column (Fixture *fixture, SuijiResultField field, const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree SuijiResultEdit *edits = g_new0 (SuijiResultEdit, fixture->n_rows);

  for (guint i = 0; i < fixture->n_rows; i++)
    edits[i] = (SuijiResultEdit){ fixture->draw_id, i, field, (char *) text };

  g_assert_true (suiji_result_set_many (fixture->db, edits, fixture->n_rows, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_progress_and_deadlines (Fixture *fixture, gconstpointer data)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GArray) overdue = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char    *state = NULL;
  SuijiResultProgress progress;
  gint64              planned;
  GDate               day;

  get_progress (fixture, fixture->task_id, "2025-09-21", &progress);
  g_assert_cmpuint (progress.drawn, ==, fixture->n_rows);
  g_assert_cmpuint (progress.completed, ==, 0);
  g_assert_cmpstr (progress.inspection_end, ==, "");
  g_assert_cmpstr (progress.publication_due, ==, "");
  g_assert_false (progress.is_overdue);
  state = task_state (fixture, fixture->task_id);
  g_assert_cmpstr (state, ==, "drawn");
  g_clear_pointer (&state, g_free);

  set_ok (fixture, 0, SUIJI_RESULT_FIELD_METHOD, "实地检查");
  state = task_state (fixture, fixture->task_id);
  g_assert_cmpstr (state, ==, "inspecting");
  g_clear_pointer (&state, g_free);

  /* 2025-09-26 plus 20 working days, across the National Day holidays,
   * is 2025-10-30. */
  set_column (fixture, SUIJI_RESULT_FIELD_INSPECTED_ON, "2025-09-26");
  set_column (fixture, SUIJI_RESULT_FIELD_CATEGORY, "未发现问题");
  set_ok (fixture, 1, SUIJI_RESULT_FIELD_CATEGORY, "不配合检查情节严重");
  state = task_state (fixture, fixture->task_id);
  g_assert_cmpstr (state, ==, "results");
  g_clear_pointer (&state, g_free);

  get_progress (fixture, fixture->task_id, "2025-10-30", &progress);
  g_assert_cmpuint (progress.completed, ==, fixture->n_rows);
  g_assert_cmpuint (progress.problems, ==, 1);
  g_assert_cmpstr (progress.inspection_end, ==, "2025-09-26");
  g_assert_cmpstr (progress.publication_due, ==, "2025-10-30");
  g_assert_false (progress.is_overdue);
  g_assert_cmpuint (progress.overdue, ==, 0);

  get_progress (fixture, fixture->task_id, "2025-10-31", &progress);
  g_assert_true (progress.is_overdue);
  g_assert_cmpuint (progress.overdue, ==, fixture->n_rows);

  set_ok (fixture, 0, SUIJI_RESULT_FIELD_PUBLISHED_ON, "2025-10-31");
  g_assert_true (suiji_date_parse_iso ("2025-10-31", &day));
  rows = suiji_result_list_task (fixture->db, fixture->task_id, &day, &error);
  g_assert_no_error (error);
  g_assert_true (((SuijiResult *) rows->pdata[0])->published_late);
  g_assert_false (((SuijiResult *) rows->pdata[0])->overdue);
  g_assert_true (((SuijiResult *) rows->pdata[1])->overdue);
  g_assert_cmpstr (((SuijiResult *) rows->pdata[1])->publication_due, ==, "2025-10-30");
  get_progress (fixture, fixture->task_id, "2025-10-31", &progress);
  g_assert_cmpuint (progress.published, ==, 1);
  g_assert_cmpuint (progress.overdue, ==, fixture->n_rows - 1);

  set_column (fixture, SUIJI_RESULT_FIELD_PUBLISHED_ON, "2025-10-20");
  state = task_state (fixture, fixture->task_id);
  g_assert_cmpstr (state, ==, "published");
  get_progress (fixture, fixture->task_id, "2026-01-01", &progress);
  g_assert_false (progress.is_overdue);

  /* A task with an inspection period is due 20 working days after it
   * ends, whether or not anything was entered. */
  planned = test_world_task (fixture->db, "2025年计划抽查", 2025,
                             &g_array_index (fixture->world.departments, gint64, 2), 1, FALSE,
                             FALSE, "全部=3", NULL);
  g_assert_true (_suiji_database_exec (
      fixture->db, "UPDATE tasks SET period_end = '2025-03-03' WHERE name = '2025年计划抽查'",
      &error));
  test_world_draw (fixture->db, planned, "2025-02-10T09:00:00+08:00", 3);
  get_progress (fixture, planned, "2025-04-01", &progress);
  g_assert_cmpuint (progress.drawn, ==, 3);
  g_assert_cmpstr (progress.inspection_end, ==, "2025-03-03");
  g_assert_cmpstr (progress.publication_due, ==, "2025-03-31");
  g_assert_true (progress.is_overdue);
  g_assert_cmpuint (progress.overdue, ==, 3);

  g_assert_true (suiji_date_parse_iso ("2025-04-01", &day));
  overdue = suiji_result_list_progress (fixture->db, 2025, &day, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overdue->len, ==, 1);
  g_assert_cmpint (g_array_index (overdue, SuijiResultProgress, 0).task_id, ==, planned);
}

static char *
write_file (const char *name, const char *contents)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, &error));
  g_assert_no_error (error);
  return path;
}

static SuijiTable *
read_table (const char *path)
{
  g_autoptr (GError) error = NULL;
  SuijiTableReadOptions options = { SUIJI_TABLE_ENCODING_AUTO, -1 };
  SuijiTable           *table = suiji_table_read_file (path, &options, NULL, &error);

  g_assert_no_error (error);
  return table;
}

static void
test_import (Fixture *fixture, gconstpointer data)
{
  g_autoptr (SuijiResult) first = row_at (fixture, 0);
  g_autoptr (SuijiResult) second = row_at (fixture, 1);
  g_autoptr (SuijiResult) third = row_at (fixture, 2);
  g_autoptr (SuijiResult) after = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (SuijiTable) table = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char         *bad_text = NULL;
  g_autofree char         *good_text = NULL;
  g_autofree char         *bad = NULL;
  g_autofree char         *good = NULL;
  g_autofree char         *no_subjects = NULL;
  SuijiResultImportSummary summary;
  const char *const        header =
      "2025年联合抽查结果\n"
      "序号,统一社会信用代码,企业名称,检查结果,检查方式,检查日期,检查人员,公示日期\n";

  bad_text = g_strdup_printf ("%s"
                              "1,%s,,未发现问题,实地检查,2025-09-26,检查员1-2、检查员2-2,\n"
                              "2,,%s,发现问题待后续处理,书面检查,2025/9/27,,2025-10-09\n"
                              "3,K999999,,未发现问题,,,,\n"
                              "4,%s,,,,2025-02-30,,\n"
                              "\n"
                              "5,%s,,良好,,,,\n",
                              header, first->key, second->name, first->key, third->key);
  bad = write_file ("bad.csv", bad_text);
  table = read_table (bad);
  g_assert_false (
      suiji_result_import (fixture->db, fixture->task_id, table, &summary, &problems, &error));
  g_assert_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_REJECTED_ROWS);
  g_clear_error (&error);

  /* Row 6 is the second row of the same subject, 7 bad, the blank line is
   * skipped and row 9 names a result that does not exist. */
  g_assert_cmpuint (problems->len, ==, 3);
  {
    const SuijiResultImportProblem *unknown = g_ptr_array_index (problems, 0);
    const SuijiResultImportProblem *again = g_ptr_array_index (problems, 1);
    const SuijiResultImportProblem *category = g_ptr_array_index (problems, 2);

    g_assert_cmpuint (unknown->row, ==, 5);
    g_assert_cmpint (unknown->field, ==, -1);
    g_assert_nonnull (strstr (unknown->message, "K999999"));
    g_assert_cmpuint (again->row, ==, 6);
    g_assert_nonnull (strstr (again->message, "row 3"));
    g_assert_cmpuint (category->row, ==, 8);
    g_assert_cmpint (category->field, ==, SUIJI_RESULT_FIELD_CATEGORY);
    g_assert_nonnull (strstr (category->message, "良好"));
  }
  after = row_at (fixture, 0);
  g_assert_cmpstr (after->texts[SUIJI_RESULT_FIELD_CATEGORY], ==, "");
  g_clear_pointer (&after, suiji_result_free);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_pointer (&table, suiji_table_free);

  good_text = g_strdup_printf ("%s"
                               "1,%s,,未发现问题,实地检查,2025-09-26,检查员1-2、检查员2-2,\n"
                               "2,,%s,发现问题待后续处理,书面检查,2025/9/27,,2025-10-09\n",
                               header, first->key, second->name);
  good = write_file ("good.csv", good_text);
  table = read_table (good);
  g_assert_true (
      suiji_result_import (fixture->db, fixture->task_id, table, &summary, &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.rows, ==, 2);
  g_assert_cmpuint (summary.changed, ==, 8);
  g_assert_cmpuint (problems->len, ==, 0);
  after = row_at (fixture, 0);
  g_assert_cmpstr (after->texts[SUIJI_RESULT_FIELD_METHOD], ==, "实地检查");
  g_assert_cmpstr (after->texts[SUIJI_RESULT_FIELD_INSPECTORS], ==, "检查员1-2、检查员2-2");
  g_clear_pointer (&after, suiji_result_free);
  after = row_at (fixture, 1);
  g_assert_cmpstr (after->texts[SUIJI_RESULT_FIELD_INSPECTED_ON], ==, "2025-09-27");
  g_assert_cmpstr (after->texts[SUIJI_RESULT_FIELD_PUBLISHED_ON], ==, "2025-10-09");
  g_assert_true (after->problem_found);
  g_clear_pointer (&table, suiji_table_free);

  no_subjects = write_file ("no-subjects.csv", "检查结果,检查日期\n未发现问题,2025-09-26\n");
  table = read_table (no_subjects);
  g_assert_false (suiji_result_import (fixture->db, fixture->task_id, table, NULL, NULL, &error));
  g_assert_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_MAPPING);
}

/* A database saved by the version before results gets a result row for
 * each subject of every task's first draw when it is opened. */
static void
test_migration_opens_rows (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "v3.db", NULL);
  g_autoptr (GRand) rand = g_rand_new_with_seed (3);
  g_autoptr (GError) error = NULL;
  g_auto (TestWorld) world = { 0 };
  gint64 drawn_subjects;

  {
    g_autoptr (SuijiDatabase) old =
        _suiji_database_open_with_migrations (path, _suiji_database_get_migrations (), 3, &error);
    gint64 task_id;

    g_assert_no_error (error);
    test_world_fill (old, rand, 2, 40, &world);
    task_id = test_world_task (old, "旧任务", 2025, &g_array_index (world.departments, gint64, 0),
                               1, FALSE, TRUE, "A=3,B=3,C=3", NULL);
    test_world_draw (old, task_id, DRAWN_AT, 5);
    test_world_draw (old, task_id, "2025-09-21T10:00:00+08:00", 6);
    drawn_subjects = test_world_query_int (
        old, "SELECT count(*) FROM draw_subjects WHERE draw_id = (SELECT min(id) FROM draws)");
    g_assert_cmpint (drawn_subjects, >, 0);
  }

  {
    g_autoptr (SuijiDatabase) db = suiji_database_open (path, &error);

    g_assert_no_error (error);
    g_assert_cmpint (test_world_query_int (db, "SELECT count(*) FROM results"), ==, drawn_subjects);
    g_assert_cmpint (test_world_query_int (db, "SELECT sum(drawn) FROM result_tallies"), ==,
                     drawn_subjects);
    g_assert_cmpint (test_world_query_int (db, "SELECT count(*) FROM holidays"), >, 60);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/result/rows-open-with-the-first-draw", test_rows_open_with_the_first_draw);
  ADD ("/result/categories", test_categories);
  ADD ("/result/dates", test_dates);
  ADD ("/result/inspectors", test_inspectors);
  ADD ("/result/follow-up", test_follow_up);
  ADD ("/result/many-is-all-or-nothing", test_many_is_all_or_nothing);
  ADD ("/result/progress-and-deadlines", test_progress_and_deadlines);
  ADD ("/result/import", test_import);
#undef ADD
  g_test_add_func ("/result/migration-opens-rows", test_migration_opens_rows);

  return g_test_run ();
}
