/* test-results-gui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The results grid of a drawn task of the sample year, opened from the
 * task page as a user would: a result typed into a cell, a block pasted
 * as from WPS or Excel, undone and redone, a value the core refuses, an
 * import file with a bad row and a good one. After each step the
 * database is read through the core. Saves a PNG of the task page and of
 * the grid, which a person looks at. Runs under Xvfb.
 */

#include "config.h"

#include "suiji-test-utils.h"

#include <glib/gi18n.h>

#include "suiji-application.h"
#include "suiji-department.h"
#include "suiji-draw.h"
#include "suiji-result.h"
#include "suiji-results-window.h"
#include "suiji-sample-data.h"
#include "suiji-task-summary.h"
#include "suiji-task-draw.h"
#include "suiji-task.h"
#include "suiji-tasks-page.h"
#include "suiji-window.h"

static SuijiApplication *app;

/* A drawn task of the sample year with at least three subjects, some of
 * whose results are entered and some not. */
static gint64
pick_task (SuijiDatabase *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) tasks = suiji_task_summary_list (db, 0, &error);
  gint64 fallback = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr (SuijiTaskSummary) task = g_list_model_get_item (tasks, i);
      SuijiResultProgress progress = { 0 };

      if (suiji_task_summary_get_n_draws (task) == 0)
        continue;
      g_assert_true (suiji_result_get_progress (db, suiji_task_summary_get_id (task), NULL,
                                                &progress, &error));
      g_assert_no_error (error);
      if (progress.drawn < 3)
        continue;
      if (progress.completed > 0 && progress.completed < progress.drawn)
        return suiji_task_summary_get_id (task);
      if (fallback == 0)
        fallback = suiji_task_summary_get_id (task);
    }

  g_assert_cmpint (fallback, >, 0);
  return fallback;
}

/* A field of a row as the core has it now. */
static char *
stored_text (SuijiDatabase *db, gint64 task_id, guint row, SuijiResultField field)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) results = suiji_result_list_task (db, task_id, NULL, &error);
  SuijiResult *result;

  g_assert_no_error (error);
  g_assert_cmpuint (row, <, results->len);
  result = g_ptr_array_index (results, row);
  return g_strdup (result->texts[field]);
}

static void
assert_stored (
    SuijiDatabase *db, gint64 task_id, guint row, SuijiResultField field, const char *expected)
{
  g_autofree char *text = stored_text (db, task_id, row, field);

  g_assert_cmpstr (text, ==, expected);
}

typedef struct
{
  SuijiDatabase   *db;
  gint64           task_id;
  guint            row;
  SuijiResultField field;
  const char      *expected;
} StoredWait;

static gboolean
is_stored (gpointer data)
{
  StoredWait      *wait = data;
  g_autofree char *text = stored_text (wait->db, wait->task_id, wait->row, wait->field);

  return g_strcmp0 (text, wait->expected) == 0;
}

static void
type_into_cell (SuijiResultsWindow *window, guint row, SuijiResultField field, const char *text)
{
  GtkEntry *entry = suiji_test_template_child (window, SUIJI_TYPE_RESULTS_WINDOW, "edit_entry");

  suiji_results_window_set_cursor (window, row, field);
  /* Typing a character opens the editor with it; the rest follows. */
  suiji_results_window_start_editing (window, "");
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "activate");
}

/* A key as the grid's own key handler gets it: GTK has no way to put
 * an event in, so the handler's signal is emitted. */
static void
press_key (gpointer widget, guint keyval, GdkModifierType state)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (widget));
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
    }
  g_assert_true (handled);
}

static void
assert_cursor (SuijiResultsWindow *window, guint row, SuijiResultField field)
{
  guint            cursor_row;
  SuijiResultField cursor_field;

  suiji_results_window_get_cursor (window, &cursor_row, &cursor_field);
  g_assert_cmpuint (cursor_row, ==, row);
  g_assert_cmpuint (cursor_field, ==, field);
}

static char *
write_file (const char *name, const char *contents)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static gboolean
label_has_text (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), text) != NULL)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (label_has_text (child, text))
      return TRUE;
  return FALSE;
}

static void
test_results_grid (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "results.db", NULL);
  g_autoptr (GError) error = NULL;
  SuijiDatabase      *db;
  SuijiWindow        *main_window;
  GtkWidget          *page;
  SuijiResultsWindow *window;
  gint64              task_id;
  g_autofree char    *before_category = NULL;
  g_autofree char    *before_area = NULL;
  g_autofree char    *before_next = NULL;
  guint               cursor_row;
  SuijiResultField    cursor_field;

  suiji_test_close_all_windows ();
  g_assert_true (suiji_application_open_database (app, path, &error));
  g_assert_no_error (error);
  db = suiji_application_get_database (app);
  g_assert_true (suiji_sample_data_fill (db, SUIJI_SAMPLE_DEFAULT_SUBJECTS,
                                         SUIJI_SAMPLE_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);
  task_id = pick_task (db);

  g_application_activate (G_APPLICATION (app));
  main_window = SUIJI_WINDOW (suiji_test_wait_for_toplevel (SUIJI_TYPE_WINDOW));
  suiji_test_spin_until (suiji_test_is_drawn, main_window);
  gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-section", "s", "tasks");
  page = GTK_WIDGET (suiji_window_get_tasks_page (main_window));
  suiji_tasks_page_select_task (SUIJI_TASKS_PAGE (page), task_id);

  /* The task page shows how far the results are, and opens the grid. */
  {
    GtkWidget *results_box = suiji_test_template_child (page, SUIJI_TYPE_TASKS_PAGE, "results_box");
    GtkProgressBar *bar =
        suiji_test_template_child (page, SUIJI_TYPE_TASKS_PAGE, "results_progress");

    g_assert_true (gtk_widget_get_visible (results_box));
    g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), >, 0);
    suiji_test_save_screenshot (GTK_WIDGET (main_window), "results-task-page");
  }

  gtk_widget_activate_action (page, "tasks.results", NULL);
  window = SUIJI_RESULTS_WINDOW (suiji_test_wait_for_toplevel (SUIJI_TYPE_RESULTS_WINDOW));
  suiji_test_spin_until (suiji_test_is_drawn, window);
  g_assert_cmpuint (suiji_results_window_get_n_rows (window), >=, 3);
  /* Asked again, the same window comes to the front: a second would keep
   * its own rows and undo. */
  gtk_widget_activate_action (page, "tasks.results", NULL);
  g_assert_true (suiji_results_window_find (db, task_id) == window);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    guint       n_results = 0;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

        n_results += SUIJI_IS_RESULTS_WINDOW (toplevel);
      }
    g_assert_cmpuint (n_results, ==, 1);
  }
  /* The keys go to the grid from the start. */
  g_assert_true (gtk_widget_is_ancestor (
      gtk_root_get_focus (GTK_ROOT (window)),
      suiji_test_template_child (window, SUIJI_TYPE_RESULTS_WINDOW, "grid_view")));

  before_category = stored_text (db, task_id, 1, SUIJI_RESULT_FIELD_CATEGORY);
  before_area = stored_text (db, task_id, 1, SUIJI_RESULT_FIELD_PROBLEM_AREA);
  before_next = stored_text (db, task_id, 2, SUIJI_RESULT_FIELD_CATEGORY);

  /* A result typed into a cell; Enter moves the cursor down. A part of a
   * label is enough: the choice it fits is taken. */
  type_into_cell (window, 0, SUIJI_RESULT_FIELD_CATEGORY, "注销");
  g_assert_null (suiji_results_window_get_message (window));
  assert_stored (db, task_id, 0, SUIJI_RESULT_FIELD_CATEGORY, "已注销/被吊销/迁出");
  g_assert_cmpstr (suiji_results_window_get_cell_text (window, 0, SUIJI_RESULT_FIELD_CATEGORY), ==,
                   "已注销/被吊销/迁出");
  suiji_results_window_get_cursor (window, &cursor_row, &cursor_field);
  g_assert_cmpuint (cursor_row, ==, 1);
  g_assert_cmpuint (cursor_field, ==, SUIJI_RESULT_FIELD_CATEGORY);

  /* A block of two rows and two columns from the clipboard, at the
   * cursor: one change. */
  {
    StoredWait wait = { db, task_id, 2, SUIJI_RESULT_FIELD_CATEGORY, "未发现问题" };

    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)),
                            "发现问题待后续处理\t未按规定公示应当公示的信息\r\n未发现问题\t\r\n");
    gtk_widget_activate_action (GTK_WIDGET (window), "results.paste", NULL);
    suiji_test_spin_until (is_stored, &wait);
  }
  assert_stored (db, task_id, 1, SUIJI_RESULT_FIELD_CATEGORY, "发现问题待后续处理");
  assert_stored (db, task_id, 1, SUIJI_RESULT_FIELD_PROBLEM_AREA, "未按规定公示应当公示的信息");
  assert_stored (db, task_id, 2, SUIJI_RESULT_FIELD_PROBLEM_AREA, "");
  g_assert_cmpstr (suiji_results_window_get_cell_text (window, 1, SUIJI_RESULT_FIELD_PROBLEM_AREA),
                   ==, "未按规定公示应当公示的信息");
  suiji_test_save_screenshot (GTK_WIDGET (window), "results-grid");

  /* One undo takes the whole block back; the typed cell stays. */
  gtk_widget_activate_action (GTK_WIDGET (window), "results.undo", NULL);
  assert_stored (db, task_id, 1, SUIJI_RESULT_FIELD_CATEGORY, before_category);
  assert_stored (db, task_id, 1, SUIJI_RESULT_FIELD_PROBLEM_AREA, before_area);
  assert_stored (db, task_id, 2, SUIJI_RESULT_FIELD_CATEGORY, before_next);
  assert_stored (db, task_id, 0, SUIJI_RESULT_FIELD_CATEGORY, "已注销/被吊销/迁出");
  g_assert_cmpstr (suiji_results_window_get_cell_text (window, 1, SUIJI_RESULT_FIELD_CATEGORY), ==,
                   before_category);

  /* Redo puts it again. */
  gtk_widget_activate_action (GTK_WIDGET (window), "results.redo", NULL);
  assert_stored (db, task_id, 1, SUIJI_RESULT_FIELD_CATEGORY, "发现问题待后续处理");
  assert_stored (db, task_id, 1, SUIJI_RESULT_FIELD_PROBLEM_AREA, "未按规定公示应当公示的信息");
  assert_stored (db, task_id, 2, SUIJI_RESULT_FIELD_CATEGORY, "未发现问题");

  /* A value the core refuses: nothing is written, the line above the
   * grid names the subject and the field, the cursor stays on it. */
  type_into_cell (window, 2, SUIJI_RESULT_FIELD_METHOD, "飞行检查");
  g_assert_nonnull (suiji_results_window_get_message (window));
  g_assert_nonnull (strstr (suiji_results_window_get_message (window), "检查方式"));
  assert_stored (db, task_id, 2, SUIJI_RESULT_FIELD_METHOD,
                 suiji_results_window_get_cell_text (window, 2, SUIJI_RESULT_FIELD_METHOD));
  suiji_results_window_get_cursor (window, &cursor_row, &cursor_field);
  g_assert_cmpuint (cursor_row, ==, 2);
  g_assert_cmpuint (cursor_field, ==, SUIJI_RESULT_FIELD_METHOD);
  suiji_test_save_screenshot (GTK_WIDGET (window), "results-refused");

  /* The editor of a choice field offers its choices. */
  {
    GtkListBox *choices =
        suiji_test_template_child (window, SUIJI_TYPE_RESULTS_WINDOW, "choices_list");
    GtkPopover *popover =
        suiji_test_template_child (window, SUIJI_TYPE_RESULTS_WINDOW, "edit_popover");

    g_autofree char *method_before = stored_text (db, task_id, 3, SUIJI_RESULT_FIELD_METHOD);

    suiji_results_window_set_cursor (window, 3, SUIJI_RESULT_FIELD_METHOD);
    suiji_results_window_start_editing (window, "实地");
    suiji_test_spin_until (suiji_test_is_drawn, popover);
    g_assert_nonnull (gtk_list_box_get_row_at_index (choices, 5));
    g_assert_nonnull (gtk_list_box_get_selected_row (choices));
    suiji_test_save_screenshot (GTK_WIDGET (popover), "results-editing");
    /* Escape leaves the cell as it was. */
    press_key (suiji_test_template_child (window, SUIJI_TYPE_RESULTS_WINDOW, "edit_entry"),
               GDK_KEY_Escape, 0);
    suiji_test_settle ();
    g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
    g_assert_cmpstr (suiji_results_window_get_cell_text (window, 3, SUIJI_RESULT_FIELD_METHOD), ==,
                     method_before);
  }

  /* The keys of a spreadsheet: arrows, Tab across the end of a row,
   * Delete, and typing, which opens the editor with what was typed. */
  {
    GtkWidget  *grid = suiji_test_template_child (window, SUIJI_TYPE_RESULTS_WINDOW, "grid_view");
    GtkEntry   *entry = suiji_test_template_child (window, SUIJI_TYPE_RESULTS_WINDOW, "edit_entry");
    GtkPopover *popover =
        suiji_test_template_child (window, SUIJI_TYPE_RESULTS_WINDOW, "edit_popover");
    StoredWait       cleared = { db, task_id, 3, SUIJI_RESULT_FIELD_METHOD, "" };
    g_autofree char *note_before = stored_text (db, task_id, 4, SUIJI_RESULT_FIELD_NOTE);

    suiji_results_window_set_cursor (window, 2, SUIJI_RESULT_FIELD_NOTE);
    press_key (grid, GDK_KEY_Tab, 0);
    assert_cursor (window, 3, SUIJI_RESULT_FIELD_CATEGORY);
    press_key (grid, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK);
    assert_cursor (window, 2, SUIJI_RESULT_FIELD_NOTE);
    press_key (grid, GDK_KEY_Down, 0);
    press_key (grid, GDK_KEY_Home, 0);
    press_key (grid, GDK_KEY_Right, 0);
    press_key (grid, GDK_KEY_Right, 0);
    assert_cursor (window, 3, SUIJI_RESULT_FIELD_METHOD);

    press_key (grid, GDK_KEY_Delete, 0);
    suiji_test_spin_until (is_stored, &cleared);

    press_key (grid, gdk_unicode_to_keyval (g_utf8_get_char ("书")), 0);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "书");
    g_signal_emit_by_name (entry, "activate");
    assert_stored (db, task_id, 3, SUIJI_RESULT_FIELD_METHOD, "书面检查");
    assert_cursor (window, 4, SUIJI_RESULT_FIELD_METHOD);

    /* Leaving the editor otherwise than by Escape (a click elsewhere)
     * keeps what was typed. */
    suiji_test_settle ();
    suiji_results_window_set_cursor (window, 4, SUIJI_RESULT_FIELD_NOTE);
    suiji_results_window_start_editing (window, "负责人不在场，次日补查");
    gtk_popover_popdown (popover);
    suiji_test_settle ();
    assert_stored (db, task_id, 4, SUIJI_RESULT_FIELD_NOTE, "负责人不在场，次日补查");
    gtk_widget_activate_action (GTK_WIDGET (window), "results.undo", NULL);
    assert_stored (db, task_id, 4, SUIJI_RESULT_FIELD_NOTE, note_before);

    /* Undo, redo and undo again, from the keys' actions. */
    gtk_widget_activate_action (GTK_WIDGET (window), "results.undo", NULL);
    assert_stored (db, task_id, 3, SUIJI_RESULT_FIELD_METHOD, "");
    gtk_widget_activate_action (GTK_WIDGET (window), "results.redo", NULL);
    assert_stored (db, task_id, 3, SUIJI_RESULT_FIELD_METHOD, "书面检查");
  }

  /* An import file with a bad row is refused whole, row by row. */
  {
    g_autoptr (GPtrArray) results = suiji_result_list_task (db, task_id, NULL, &error);
    SuijiResult     *first = g_ptr_array_index (results, 0);
    SuijiResult     *second = g_ptr_array_index (results, 1);
    g_autofree char *bad = g_strdup_printf (
        "统一社会信用代码,检查结果\n%s,未发现问题\n%s,查无此类\n", first->key, second->key);
    g_autofree char *good =
        g_strdup_printf ("统一社会信用代码,检查结果\n%s,未发现问题\n", first->key);
    g_autofree char *bad_path = write_file ("结果-有误.csv", bad);
    g_autofree char *good_path = write_file ("结果.csv", good);
    g_autoptr (GFile) bad_file = g_file_new_for_path (bad_path);
    g_autoptr (GFile) good_file = g_file_new_for_path (good_path);
    GtkWindow *dialog;

    g_assert_false (suiji_results_window_import_file (window, bad_file));
    dialog = suiji_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_true (label_has_text (GTK_WIDGET (dialog), "检查结果"));
    g_assert_true (label_has_text (GTK_WIDGET (dialog), "3"));
    suiji_test_save_screenshot (GTK_WIDGET (dialog), "results-import-problems");
    gtk_window_destroy (dialog);
    assert_stored (db, task_id, 0, SUIJI_RESULT_FIELD_CATEGORY, "已注销/被吊销/迁出");

    g_assert_true (suiji_results_window_import_file (window, good_file));
    assert_stored (db, task_id, 0, SUIJI_RESULT_FIELD_CATEGORY, "未发现问题");
    g_assert_cmpstr (suiji_results_window_get_cell_text (window, 0, SUIJI_RESULT_FIELD_CATEGORY),
                     ==, "未发现问题");
  }

  suiji_test_close_all_windows ();
}

static GtkWidget *
find_cursor_cell (GtkWidget *widget)
{
  if (gtk_widget_has_css_class (widget, "cursor"))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cursor_cell (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The cell under the cursor is on screen, inside the scrolled grid. */
static gboolean
cursor_in_view (gpointer data)
{
  GtkWidget      *scroller = data;
  GtkWidget      *cell = find_cursor_cell (scroller);
  graphene_rect_t bounds;

  return cell != NULL && gtk_widget_get_mapped (cell) &&
         gtk_widget_compute_bounds (cell, scroller, &bounds) && bounds.origin.y >= 0 &&
         bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scroller) &&
         bounds.origin.x >= 0 &&
         bounds.origin.x + bounds.size.width <= gtk_widget_get_width (scroller);
}

/* A task that draws three hundred subjects: the cursor goes far down and
 * right and stays in view, and a column of two hundred cells is pasted
 * and undone as one change. */
static void
test_many_rows (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "many.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiTaskRecord) task = suiji_task_record_new ();
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (GString) column = g_string_new (NULL);
  guint8              seed[SUIJI_DRAW_SEED_SIZE] = { 7 };
  SuijiDatabase      *db;
  SuijiResultsWindow *window;
  GtkWidget          *scroller;
  gint64              lead, task_id;
  guint               none = 0;
  StoredWait          pasted = { NULL, 0, 249, SUIJI_RESULT_FIELD_NOTE, "第200行" };

  suiji_test_close_all_windows ();
  g_assert_true (suiji_application_open_database (app, path, &error));
  db = suiji_application_get_database (app);
  g_assert_true (suiji_sample_data_fill (db, SUIJI_SAMPLE_DEFAULT_SUBJECTS,
                                         SUIJI_SAMPLE_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);

  lead = suiji_department_find (db, "沙河市市场监督管理局", &error);
  task->name = g_strdup ("三百户的抽查");
  task->year = 2025;
  g_array_append_val (task->department_ids, lead);
  g_array_append_val (task->department_inspectors, none);
  g_assert_true (suiji_task_default_rules (db, task, &error));
  task->stratified = FALSE;
  g_ptr_array_set_size (task->rules, 0);
  suiji_task_record_add_rule (task, SUIJI_TASK_ALL_SUBJECTS, -1, 300);
  task_id = suiji_task_create (db, task, &error);
  g_assert_no_error (error);
  record = suiji_task_prepare_draw (db, task_id, &error);
  g_assert_no_error (error);
  suiji_draw_record_set_seed_random (record, seed);
  g_assert_true (suiji_draw_run (record, &error));
  g_assert_cmpint (suiji_task_save_draw (db, task_id, record, &error), >, 0);
  g_assert_no_error (error);

  window = suiji_results_window_new (NULL, db, task_id, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (window));
  suiji_test_spin_until (suiji_test_is_drawn, window);
  g_assert_cmpuint (suiji_results_window_get_n_rows (window), ==, 300);
  scroller = suiji_test_template_child (window, SUIJI_TYPE_RESULTS_WINDOW, "grid_scroller");

  suiji_results_window_set_cursor (window, 250, SUIJI_RESULT_FIELD_PUBLISHED_ON);
  suiji_test_spin_until (cursor_in_view, scroller);
  suiji_results_window_set_cursor (window, 3, SUIJI_RESULT_FIELD_CATEGORY);
  suiji_test_spin_until (cursor_in_view, scroller);

  for (guint i = 1; i <= 200; i++)
    g_string_append_printf (column, "第%u行\n", i);
  suiji_results_window_set_cursor (window, 50, SUIJI_RESULT_FIELD_NOTE);
  suiji_test_spin_until (cursor_in_view, scroller);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), column->str);
  gtk_widget_activate_action (GTK_WIDGET (window), "results.paste", NULL);
  pasted.db = db;
  pasted.task_id = task_id;
  suiji_test_spin_until (is_stored, &pasted);
  assert_stored (db, task_id, 50, SUIJI_RESULT_FIELD_NOTE, "第1行");
  assert_stored (db, task_id, 250, SUIJI_RESULT_FIELD_NOTE, "");
  suiji_test_save_screenshot (GTK_WIDGET (window), "results-many-rows");

  gtk_widget_activate_action (GTK_WIDGET (window), "results.undo", NULL);
  assert_stored (db, task_id, 50, SUIJI_RESULT_FIELD_NOTE, "");
  assert_stored (db, task_id, 249, SUIJI_RESULT_FIELD_NOTE, "");

  suiji_test_close_all_windows ();
}

int
main (int argc, char *argv[])
{
  char *home;
  int   status;

  home = suiji_test_gui_init (&argc, &argv);

  app = suiji_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));

  g_test_add_func ("/results-gui/grid", test_results_grid);
  g_test_add_func ("/results-gui/many-rows", test_many_rows);

  status = g_test_run ();

  g_clear_object (&app);
  suiji_test_gui_finish (home);
  return status;
}
