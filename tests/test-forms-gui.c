/* test-forms-gui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 月报表 section as a clerk uses it: types figures with the keys of a
 * spreadsheet, pastes a block from Excel, undoes, sees a broken rule on
 * its cell and in the list, saves, reloads, is asked before changes are
 * lost, exports, prints to a file, imports a department's file and sees
 * who has reported. Saves PNGs of what it shows, which a person looks at.
 * Runs under Xvfb.
 */

#include "config.h"

#include "suiji-test-utils.h"

#include <glib/gi18n.h>
#include <string.h>
#include <time.h>

#include "suiji-application.h"
#include "suiji-department.h"
#include "suiji-form-grid.h"
#include "suiji-form-import.h"
#include "suiji-form-xlsx.h"
#include "suiji-forms-page.h"
#include "suiji-sample-data.h"
#include "suiji-statistics.h"
#include "suiji-window.h"

static SuijiApplication *app;

/* What the page told the user last, as a toast. */
static char *last_toast;

static void
toast_cb (SuijiFormsPage *page, AdwToast *toast)
{
  g_free (last_toast);
  last_toast = g_strdup (adw_toast_get_title (toast));
}

/* Answers the question on screen (save, discard, cancel, close). */
static void
answer_dialog (const char *response)
{
  AdwMessageDialog *dialog =
      ADW_MESSAGE_DIALOG (suiji_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  /* As its button would: the answer, then the dialog closes. */
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  suiji_test_wait_for_no_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

typedef struct
{
  SuijiWindow    *window;
  SuijiFormsPage *page;
  SuijiFormGrid  *grid;
  SuijiDatabase  *db;
  gint64          department_id;
} Fixture;

static gboolean
stack_settled (gpointer data)
{
  return !gtk_stack_get_transition_running (data);
}

static void
open_window (Fixture *fixture, const char *db_name, gboolean with_sample_data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), db_name, NULL);
  g_autoptr (GError) error = NULL;

  suiji_test_close_all_windows ();
  g_assert_true (suiji_application_open_database (app, path, &error));
  g_assert_no_error (error);
  fixture->db = suiji_application_get_database (app);
  if (with_sample_data)
    g_assert_true (
        suiji_sample_data_fill (fixture->db, 200, SUIJI_SAMPLE_DEFAULT_SEED, NULL, &error));

  g_application_activate (G_APPLICATION (app));
  fixture->window = SUIJI_WINDOW (suiji_test_wait_for_toplevel (SUIJI_TYPE_WINDOW));
  suiji_test_spin_until (suiji_test_is_drawn, fixture->window);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.start-empty", NULL);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-section", "s", "forms");
  /* The screenshots show the section, not the crossfade into it. */
  suiji_test_spin_until (stack_settled, suiji_test_template_child (
                                            fixture->window, SUIJI_TYPE_WINDOW, "section_stack"));
  fixture->page = suiji_window_get_forms_page (fixture->window);
  fixture->grid = suiji_test_template_child (fixture->page, SUIJI_TYPE_FORMS_PAGE, "grid");
  g_signal_connect (fixture->page, "add-toast", G_CALLBACK (toast_cb), NULL);
  fixture->department_id =
      with_sample_data ? suiji_department_find (fixture->db, "沙河市市场监督管理局", NULL) : 0;
}

static SuijiFormReport *
report_of (Fixture *fixture)
{
  return suiji_forms_page_get_report (fixture->page);
}

static gint64
value_at (Fixture *fixture, guint row, guint column)
{
  gint64 value = -1;

  suiji_form_report_get_value (report_of (fixture), row, column, &value);
  return value;
}

static GtkWidget *
table_of (Fixture *fixture)
{
  return suiji_test_template_child (fixture->grid, SUIJI_TYPE_FORM_GRID, "table");
}

/* Delivers a key press to the key controllers of @widget in @phase, as
 * GTK would: the same handlers run as for a real key. */
static gboolean
press_key (GtkWidget *widget, GtkPropagationPhase phase, guint keyval, GdkModifierType state)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);
      gboolean handled = FALSE;

      if (!GTK_IS_EVENT_CONTROLLER_KEY (controller) ||
          gtk_event_controller_get_propagation_phase (controller) != phase)
        continue;
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &handled);
      if (handled)
        return TRUE;
    }
  return FALSE;
}

static gboolean
press_table_key (Fixture *fixture, guint keyval, GdkModifierType state)
{
  return press_key (table_of (fixture), GTK_PHASE_BUBBLE, keyval, state);
}

/* The cell editor while a cell is being typed into. */
static GtkWidget *
editor_of (Fixture *fixture)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fixture->window));

  g_assert_true (suiji_form_grid_get_editing (fixture->grid));
  g_assert_true (GTK_IS_TEXT (focus));
  return focus;
}

/* Types as a clerk does: the first key opens the cell, the rest goes into
 * the editor, then a key ends the edit. */
static void
type_into_cell (Fixture *fixture, const char *text, guint end_key)
{
  g_assert_true (press_table_key (fixture, gdk_unicode_to_keyval (g_utf8_get_char (text)), 0));
  gtk_editable_set_text (GTK_EDITABLE (editor_of (fixture)), text);
  g_assert_true (press_key (editor_of (fixture), GTK_PHASE_CAPTURE, end_key, 0));
}

static void
open_department_form (Fixture *fixture, int month)
{
  suiji_forms_page_select (fixture->page, SUIJI_FORM_DEPARTMENT, fixture->department_id, 2025,
                           month);
  g_assert_nonnull (report_of (fixture));
  g_assert_cmpint (suiji_form_report_get_month (report_of (fixture)), ==, month);
  g_assert_cmpint (suiji_form_report_get_department_id (report_of (fixture)), ==,
                   fixture->department_id);
}

typedef struct
{
  SuijiFormGrid *grid;
  guint          row;
  guint          column;
  const char    *text;
} CellWait;

static gboolean
cell_shows (gpointer data)
{
  CellWait *wait = data;

  return g_strcmp0 (suiji_form_grid_get_cell_text (wait->grid, wait->row, wait->column),
                    wait->text) == 0;
}

static gboolean
was_told (gpointer data)
{
  return last_toast != NULL;
}

/* Sets the clipboard and pastes it, then waits until the cell at @row,
 * @column shows @shows, or, when @shows is %NULL, for what the page says. */
static void
paste (Fixture *fixture, const char *clipboard, guint row, guint column, const char *shows)
{
  CellWait wait = { fixture->grid, row, column, shows };

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (fixture->grid)), clipboard);
  g_clear_pointer (&last_toast, g_free);
  gtk_widget_activate_action (GTK_WIDGET (fixture->grid), "grid.paste", NULL);
  if (shows != NULL)
    suiji_test_spin_until (cell_shows, &wait);
  else
    suiji_test_spin_until (was_told, NULL);
}

static void
test_page (void)
{
  Fixture   fixture;
  GtkStack *stack;

  open_window (&fixture, "page.db", TRUE);
  stack = suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "content_stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "form");

  /* A new 附件1 under the unit of the profile, its contacts too. */
  g_assert_cmpint (suiji_form_report_get_kind (report_of (&fixture)), ==, SUIJI_FORM_REGION);
  g_assert_cmpstr (gtk_editable_get_text (suiji_test_template_child (
                       fixture.grid, SUIJI_TYPE_FORM_GRID, "unit_entry")),
                   ==, "沙河市市场监督管理局");
  g_assert_cmpstr (gtk_editable_get_text (suiji_test_template_child (
                       fixture.grid, SUIJI_TYPE_FORM_GRID, "contact_entry")),
                   ==, "刘向向");
  g_assert_true (
      gtk_widget_has_css_class (suiji_form_grid_get_cell (fixture.grid, 1, 0), "computed"));
  suiji_forms_page_select (fixture.page, SUIJI_FORM_REGION, 0, 2025, 3);
  suiji_test_save_screenshot (GTK_WIDGET (fixture.window), "forms-region");

  /* Filled from the records: the statistics up to the month's end, the
   * 总计 rows worked out; one step of undo takes it all back. */
  {
    GtkWidget *fill =
        suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "fill_button");
    g_autoptr (GError) error = NULL;
    g_autofree char *until = NULL;
    SuijiFigures     figures;
    GDate            today;

    g_assert_true (gtk_widget_is_sensitive (fill));
    g_assert_nonnull (gtk_widget_get_tooltip_text (fill));
    suiji_forms_page_select (fixture.page, SUIJI_FORM_REGION, 0, 2025, 6);
    gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.fill", NULL);

    g_date_clear (&today, 1);
    g_date_set_time_t (&today, time (NULL));
    until = suiji_form_report_dup_cut_off (report_of (&fixture), &today);
    g_assert_true (suiji_statistics_compute (fixture.db, SUIJI_STATISTICS_REGION, 2025, until, 0,
                                             &figures, &error));
    g_assert_cmpint (figures.values[0][1], >, 0);
    for (guint r = 1; r <= figures.n_rows; r++)
      for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
        g_assert_cmpint (value_at (&fixture, r, c), ==, figures.values[r - 1][c]);
    suiji_test_save_screenshot (GTK_WIDGET (fixture.window), "forms-filled");

    gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.undo", NULL);
    g_assert_cmpint (value_at (&fixture, 1, 1), ==, -1);
    g_assert_cmpint (value_at (&fixture, 9, 0), ==, -1);
  }
}

static void
test_type (void)
{
  Fixture fixture;

  open_window (&fixture, "type.db", TRUE);
  open_department_form (&fixture, 3);
  gtk_widget_grab_focus (table_of (&fixture));

  /* Typing replaces, Enter moves down. */
  suiji_form_grid_set_cursor (fixture.grid, 2, 0);
  type_into_cell (&fixture, "12", GDK_KEY_Return);
  g_assert_cmpint (value_at (&fixture, 2, 0), ==, 12);
  g_assert_cmpstr (suiji_form_grid_get_cell_text (fixture.grid, 1, 0), ==, "12");
  {
    guint row, column;

    suiji_form_grid_get_cursor (fixture.grid, &row, &column);
    g_assert_cmpuint (row, ==, 3);
    g_assert_cmpuint (column, ==, 0);
  }

  /* Full-width digits as a Chinese input method types them; Tab moves right. */
  type_into_cell (&fixture, "１５", GDK_KEY_Tab);
  g_assert_cmpint (value_at (&fixture, 3, 0), ==, 15);
  g_assert_cmpint (value_at (&fixture, 1, 0), ==, 27);

  /* Only whole numbers: the cell stays open with the reason. */
  g_clear_pointer (&last_toast, g_free);
  type_into_cell (&fixture, "3.5", GDK_KEY_Return);
  g_assert_true (suiji_form_grid_get_editing (fixture.grid));
  g_assert_true (gtk_widget_has_css_class (editor_of (&fixture), "error"));
  g_assert_nonnull (last_toast);
  g_assert_true (press_key (editor_of (&fixture), GTK_PHASE_CAPTURE, GDK_KEY_Escape, 0));
  g_assert_false (suiji_form_grid_get_editing (fixture.grid));
  g_assert_cmpint (value_at (&fixture, 3, 1), ==, -1);

  /* Arrows move; F2 edits the figure in place; Delete clears. */
  g_assert_true (press_table_key (&fixture, GDK_KEY_Up, 0));
  g_assert_true (press_table_key (&fixture, GDK_KEY_Left, 0));
  g_assert_true (press_table_key (&fixture, GDK_KEY_F2, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (editor_of (&fixture))), ==, "12");
  gtk_editable_set_text (GTK_EDITABLE (editor_of (&fixture)), "120");
  g_assert_true (press_key (editor_of (&fixture), GTK_PHASE_CAPTURE, GDK_KEY_Return, 0));
  g_assert_cmpint (value_at (&fixture, 2, 0), ==, 120);
  g_assert_true (press_table_key (&fixture, GDK_KEY_Up, 0));
  g_assert_true (press_table_key (&fixture, GDK_KEY_Delete, 0));
  g_assert_cmpint (value_at (&fixture, 2, 0), ==, -1);

  /* 总计 is worked out: typing into it is refused, with the reason. */
  g_clear_pointer (&last_toast, g_free);
  suiji_form_grid_set_cursor (fixture.grid, 1, 0);
  g_assert_true (press_table_key (&fixture, GDK_KEY_7, 0));
  g_assert_false (suiji_form_grid_get_editing (fixture.grid));
  g_assert_nonnull (last_toast);
  g_assert_nonnull (strstr (last_toast, "部门内部"));

  /* Undo takes back one edit at a time, redo puts it back. */
  g_assert_cmpint (value_at (&fixture, 3, 0), ==, 15);
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.undo", NULL);
  g_assert_cmpint (value_at (&fixture, 2, 0), ==, 120);
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.undo", NULL);
  g_assert_cmpint (value_at (&fixture, 2, 0), ==, 12);
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.redo", NULL);
  g_assert_cmpint (value_at (&fixture, 2, 0), ==, 120);
  g_assert_true (suiji_form_report_get_modified (report_of (&fixture)));
}

static void
read_clipboard_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
has_text (gpointer data)
{
  return *(char **) data != NULL;
}

static void
test_paste_and_copy (void)
{
  Fixture          fixture;
  g_autofree char *copied = NULL;

  open_window (&fixture, "paste.db", TRUE);
  open_department_form (&fixture, 4);

  /* Two rows of four as Excel and WPS copy them: tabs and \r\n. */
  suiji_form_grid_set_cursor (fixture.grid, 2, 0);
  paste (&fixture, "5\t20\t18\t3\r\n7\t30\t25\t1\r\n", 3, 3, "1");
  g_assert_cmpint (value_at (&fixture, 2, 1), ==, 20);
  g_assert_cmpint (value_at (&fixture, 3, 2), ==, 25);
  /* 总计 follows its parts. */
  g_assert_cmpstr (suiji_form_grid_get_cell_text (fixture.grid, 1, 0), ==, "12");
  g_assert_cmpstr (suiji_form_grid_get_cell_text (fixture.grid, 1, 1), ==, "50");
  g_assert_cmpstr (suiji_form_grid_get_cell_text (fixture.grid, 1, 3), ==, "4");
  suiji_test_save_screenshot (GTK_WIDGET (fixture.window), "forms-pasted");

  /* A paste is one step of undo, and goes whole or not at all. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.undo", NULL);
  g_assert_cmpint (value_at (&fixture, 2, 0), ==, -1);
  g_assert_cmpint (value_at (&fixture, 3, 3), ==, -1);
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.redo", NULL);
  g_assert_cmpint (value_at (&fixture, 3, 3), ==, 1);

  suiji_form_grid_set_cursor (fixture.grid, 4, 0);
  paste (&fixture, "8\tabc\n", 4, 0, NULL);
  g_assert_nonnull (strstr (last_toast, "abc"));
  g_assert_cmpint (value_at (&fixture, 4, 0), ==, -1);

  /* One figure over a selection fills all of it; full-width digits too. */
  suiji_form_grid_select (fixture.grid, 6, 0, 7, 1);
  paste (&fixture, "２", 7, 1, "2");
  g_assert_cmpint (value_at (&fixture, 6, 0), ==, 2);
  g_assert_cmpint (value_at (&fixture, 7, 1), ==, 2);

  /* A range copies as tab-separated text, rows on lines of their own. */
  suiji_form_grid_select (fixture.grid, 2, 0, 3, 1);
  gtk_widget_activate_action (GTK_WIDGET (fixture.grid), "grid.copy", NULL);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture.grid)), NULL,
                                 read_clipboard_cb, &copied);
  suiji_test_spin_until (has_text, &copied);
  g_assert_cmpstr (copied, ==, "5\t20\n7\t30");

  /* Pasted beside the 总计 it does not match: the sum stays, and it says so. */
  suiji_form_grid_set_cursor (fixture.grid, 1, 0);
  paste (&fixture, "99\n6\n7", 2, 0, NULL);
  g_assert_cmpint (value_at (&fixture, 2, 0), ==, 6);
  g_assert_cmpint (value_at (&fixture, 1, 0), ==, 13);
  g_assert_nonnull (strstr (last_toast, "99"));
}

static void
test_rules (void)
{
  Fixture     fixture;
  GtkListBox *problems;
  GtkWidget  *cell;
  g_autoptr (GError) error = NULL;
  guint row, column;

  open_window (&fixture, "rules.db", TRUE);
  open_department_form (&fixture, 5);

  /* More subjects completed than drawn: marked on the cell, with why. */
  suiji_form_grid_set_cursor (fixture.grid, 2, 0);
  paste (&fixture, "2\t20\t25\t3", 2, 3, "3");
  cell = suiji_form_grid_get_cell (fixture.grid, 2, 2);
  g_assert_true (gtk_widget_has_css_class (cell, "problem-hard"));
  g_assert_nonnull (gtk_widget_get_tooltip_text (cell));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (cell), "25"));
  g_assert_false (
      gtk_widget_has_css_class (suiji_form_grid_get_cell (fixture.grid, 2, 1), "problem-hard"));

  /* The 总计 above breaks it too; the list leads to each cell. */
  g_assert_true (
      gtk_widget_has_css_class (suiji_form_grid_get_cell (fixture.grid, 1, 2), "problem-hard"));
  problems = suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "problems_list");
  g_assert_nonnull (gtk_list_box_get_row_at_index (problems, 1));
  suiji_form_grid_set_cursor (fixture.grid, 8, 3);
  g_signal_emit_by_name (problems, "row-activated", gtk_list_box_get_row_at_index (problems, 1));
  suiji_form_grid_get_cursor (fixture.grid, &row, &column);
  g_assert_cmpuint (row, ==, 2);
  g_assert_cmpuint (column, ==, 2);
  suiji_test_save_screenshot (GTK_WIDGET (fixture.window), "forms-rules");

  /* F8 and the count in the bar go round the broken rules. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.next-problem", NULL);
  suiji_form_grid_get_cursor (fixture.grid, &row, &column);
  g_assert_cmpuint (row, ==, 1);
  g_assert_cmpuint (column, ==, 2);
  {
    GtkScrolledWindow *scroller =
        suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "form_scroller");
    GtkAdjustment *vertical = gtk_scrolled_window_get_vadjustment (scroller);

    gtk_adjustment_set_value (vertical, gtk_adjustment_get_upper (vertical));
    suiji_test_save_screenshot (GTK_WIDGET (fixture.window), "forms-problems");
    gtk_adjustment_set_value (vertical, 0);
  }

  /* Not submitted while a rule is broken; saved as a draft it is. */
  g_assert_false (suiji_forms_page_submit (fixture.page, &error));
  g_assert_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (suiji_form_report_get_status (report_of (&fixture)), ==,
                   SUIJI_FORM_STATUS_DRAFT);
  g_assert_true (suiji_forms_page_save (fixture.page, &error));
  g_assert_no_error (error);

  /* Corrected, it is submitted. */
  suiji_form_grid_set_cursor (fixture.grid, 2, 2);
  paste (&fixture, "18", 2, 2, "18");
  g_assert_false (gtk_widget_has_css_class (cell, "problem-hard"));
  g_assert_true (suiji_forms_page_submit (fixture.page, &error));
  g_assert_no_error (error);
  g_assert_cmpint (suiji_form_report_get_status (report_of (&fixture)), ==,
                   SUIJI_FORM_STATUS_SUBMITTED);
  g_assert_false (suiji_form_report_get_modified (report_of (&fixture)));

  /* A later month that reports less is marked against this one. */
  open_department_form (&fixture, 6);
  suiji_form_grid_set_cursor (fixture.grid, 2, 1);
  paste (&fixture, "10", 2, 1, "10");
  g_assert_true (
      gtk_widget_has_css_class (suiji_form_grid_get_cell (fixture.grid, 2, 1), "problem-hard"));
  g_assert_nonnull (strstr (
      gtk_widget_get_tooltip_text (suiji_form_grid_get_cell (fixture.grid, 2, 1)), "2025-05"));
}

static void
test_save_and_reload (void)
{
  Fixture fixture;
  g_autoptr (GError) error = NULL;
  GtkDropDown *month;

  open_window (&fixture, "save.db", TRUE);
  open_department_form (&fixture, 3);
  suiji_form_grid_set_cursor (fixture.grid, 2, 0);
  paste (&fixture, "4\t9", 2, 1, "9");
  gtk_editable_set_text (
      suiji_test_template_child (fixture.grid, SUIJI_TYPE_FORM_GRID, "contact_entry"), "王五");
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.save", NULL);
  g_assert_false (suiji_form_report_get_modified (report_of (&fixture)));
  g_assert_cmpuint (suiji_form_report_get_revision (report_of (&fixture)), ==, 1);

  /* Another month and back: what was saved comes back. */
  open_department_form (&fixture, 4);
  g_assert_cmpint (value_at (&fixture, 2, 0), ==, -1);
  open_department_form (&fixture, 3);
  g_assert_cmpint (value_at (&fixture, 2, 1), ==, 9);
  g_assert_cmpstr (suiji_form_report_get_contact_person (report_of (&fixture)), ==, "王五");
  g_assert_cmpstr (suiji_form_grid_get_cell_text (fixture.grid, 1, 1), ==, "9");

  /* Unsaved changes are not dropped without asking: Cancel stays... */
  month = suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "month_dropdown");
  suiji_form_grid_set_cursor (fixture.grid, 3, 0);
  paste (&fixture, "6", 3, 0, "6");
  gtk_drop_down_set_selected (month, 4);
  suiji_test_save_screenshot (GTK_WIDGET (suiji_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG)),
                              "forms-ask-to-save");
  answer_dialog ("cancel");
  g_assert_cmpint (suiji_form_report_get_month (report_of (&fixture)), ==, 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (month), ==, 2);
  g_assert_cmpint (value_at (&fixture, 3, 0), ==, 6);

  /* ...Save saves, then opens the other month... */
  gtk_drop_down_set_selected (month, 4);
  answer_dialog ("save");
  g_assert_cmpint (suiji_form_report_get_month (report_of (&fixture)), ==, 5);
  {
    g_autoptr (SuijiFormReport) saved = suiji_form_report_load (
        fixture.db, SUIJI_FORM_DEPARTMENT, 2025, 3, fixture.department_id, &error);
    gint64 value = 0;

    g_assert_no_error (error);
    g_assert_true (suiji_form_report_get_value (saved, 3, 0, &value));
    g_assert_cmpint (value, ==, 6);
    g_assert_cmpuint (suiji_form_report_get_revision (saved), ==, 2);
  }

  /* ...and Discard gives the changes up. */
  suiji_form_grid_set_cursor (fixture.grid, 2, 0);
  paste (&fixture, "1", 2, 0, "1");
  gtk_drop_down_set_selected (month, 2);
  answer_dialog ("discard");
  g_assert_cmpint (suiji_form_report_get_month (report_of (&fixture)), ==, 3);
  {
    g_autoptr (SuijiFormReport) may = suiji_form_report_load (
        fixture.db, SUIJI_FORM_DEPARTMENT, 2025, 5, fixture.department_id, &error);

    g_assert_cmpuint (suiji_form_report_get_revision (may), ==, 0);
  }

  /* Closing the window asks too. */
  suiji_form_grid_set_cursor (fixture.grid, 4, 0);
  paste (&fixture, "3", 4, 0, "3");
  gtk_window_close (GTK_WINDOW (fixture.window));
  answer_dialog ("cancel");
  g_assert_nonnull (suiji_test_find_toplevel (SUIJI_TYPE_WINDOW));
  gtk_window_close (GTK_WINDOW (fixture.window));
  answer_dialog ("discard");
  suiji_test_wait_for_no_toplevel (SUIJI_TYPE_WINDOW);
}

/* A PNG seal with a transparent background, as a unit would scan it. */
static char *
write_seal (void)
{
  char            *path = g_build_filename (g_get_user_data_dir (), "seal.png", NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 200, 200);
  cairo_t         *cr = cairo_create (surface);

  cairo_set_source_rgba (cr, 0.8, 0.1, 0.1, 0.9);
  cairo_set_line_width (cr, 8);
  cairo_arc (cr, 100, 100, 90, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

static goffset
file_size (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInfo) info =
      g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);

  g_assert_nonnull (info);
  return g_file_info_get_size (info);
}

/* Whether the bytes of a file (a PDF, with binary streams) hold @text. */
static gboolean
bytes_contain (const char *contents, gsize length, const char *text)
{
  gsize text_length = strlen (text);

  for (gsize i = 0; i + text_length <= length; i++)
    if (memcmp (contents + i, text, text_length) == 0)
      return TRUE;
  return FALSE;
}

/* The previewer's cp makes the file before it has written it, so the
 * wait is for the whole PDF, up to its end-of-file marker. */
static gboolean
holds_whole_pdf (gpointer path)
{
  g_autofree char *contents = NULL;
  gsize            length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  return g_str_has_prefix (contents, "%PDF") && bytes_contain (contents, length, "%%EOF");
}

static void
test_export_and_print (void)
{
  Fixture fixture;
  g_autoptr (GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (g_get_user_data_dir (), "form.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (g_get_user_data_dir (), "form.pdf", NULL);
  g_autofree char *sealed = g_build_filename (g_get_user_data_dir (), "sealed.pdf", NULL);
  g_autofree char *printed = g_build_filename (g_get_user_data_dir (), "printed.pdf", NULL);
  g_autofree char *seal = write_seal ();
  g_autofree char *contents = NULL;
  gsize            length = 0;
  gboolean         show_seal = TRUE;

  open_window (&fixture, "export.db", TRUE);
  open_department_form (&fixture, 3);
  suiji_form_grid_set_cursor (fixture.grid, 2, 0);
  paste (&fixture, "5\t20\t18\t3\n7\t30\t25\t1", 3, 3, "1");

  /* What is on screen goes out, unsaved changes included. */
  g_assert_true (suiji_forms_page_export_file (fixture.page, xlsx, &error));
  g_assert_no_error (error);
  {
    g_autoptr (SuijiFormImport) back = suiji_form_import_read (xlsx, SUIJI_FORM_DEPARTMENT, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (back->problems->len, ==, 0);
    g_assert_true (back->has_value[2][3]);
    g_assert_cmpint (back->values[2][3], ==, 1);
    g_assert_cmpint (back->values[0][1], ==, 50);
    g_assert_cmpstr (back->unit_name, ==, "沙河市市场监督管理局");
  }

  /* The seal is off by default, and printed once chosen. */
  g_object_get (fixture.page, "show-seal", &show_seal, NULL);
  g_assert_false (show_seal);
  g_assert_true (suiji_forms_page_export_file (fixture.page, pdf, &error));
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_true (suiji_forms_page_set_seal_file (fixture.page, seal, &error));
  g_assert_no_error (error);
  g_object_get (fixture.page, "show-seal", &show_seal, NULL);
  g_assert_true (show_seal);
  g_assert_true (suiji_forms_page_export_file (fixture.page, sealed, &error));
  g_assert_cmpint (file_size (sealed), >, file_size (pdf));
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.show-seal", NULL);
  g_object_get (fixture.page, "show-seal", &show_seal, NULL);
  g_assert_false (show_seal);

  /* Printing draws the same page, A4 landscape. */
  g_assert_cmpint (
      suiji_forms_page_print (fixture.page, GTK_PRINT_OPERATION_ACTION_EXPORT, printed, &error), ==,
      GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (printed, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  /* A4 landscape: wider than high. */
  g_assert_true (bytes_contain (contents, length, "/MediaBox [ 0 0 841.88"));

  /* The preview hands the same page to the desktop's previewer, here a
   * command that keeps the file it is given. */
  {
    g_autofree char *previewed = g_build_filename (g_get_user_data_dir (), "preview.pdf", NULL);
    g_autofree char *command = g_strdup_printf ("cp %%f %s", previewed);
    GtkSettings     *settings = gtk_settings_get_default ();
    g_autofree char *previous = NULL;

    g_object_get (settings, "gtk-print-preview-command", &previous, NULL);
    g_object_set (settings, "gtk-print-preview-command", command, NULL);
    g_assert_cmpint (
        suiji_forms_page_print (fixture.page, GTK_PRINT_OPERATION_ACTION_PREVIEW, NULL, &error), ==,
        GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);
    suiji_test_spin_until (holds_whole_pdf, previewed);
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (previewed, &contents, &length, NULL));
    g_assert_true (g_str_has_prefix (contents, "%PDF"));
    g_assert_true (bytes_contain (contents, length, "/MediaBox [ 0 0 841.88"));
    g_object_set (settings, "gtk-print-preview-command", previous, NULL);
  }
}

static void
test_import_and_submissions (void)
{
  Fixture fixture;
  g_autoptr (GError) error = NULL;
  g_autofree char *xlsx = g_build_filename (g_get_user_data_dir (), "department.xlsx", NULL);
  g_autofree char *csv = g_build_filename (g_get_user_data_dir (), "typed.csv", NULL);
  GtkToggleButton *who;
  GtkListBox      *list;
  GtkStack        *stack;
  guint            n_departments, n_rows = 0;

  open_window (&fixture, "gather.db", TRUE);

  /* A department's file as Suiji writes it. */
  {
    g_autoptr (SuijiFormReport) sent = suiji_form_report_new (
        SUIJI_FORM_DEPARTMENT, 2025, 3, fixture.department_id, "沙河市市场监督管理局");

    suiji_form_report_set_value (sent, 2, 0, 4);
    suiji_form_report_set_value (sent, 2, 1, 16);
    suiji_form_report_set_value (sent, 3, 0, 6);
    suiji_form_report_set_contact_person (sent, "李四");
    g_assert_true (suiji_form_xlsx_write (sent, xlsx, &error));
    g_assert_no_error (error);
  }

  open_department_form (&fixture, 3);
  g_assert_true (suiji_forms_page_import_file (fixture.page, xlsx, &error));
  g_assert_no_error (error);
  g_assert_cmpint (value_at (&fixture, 2, 1), ==, 16);
  g_assert_cmpstr (suiji_form_grid_get_cell_text (fixture.grid, 1, 0), ==, "10");
  g_assert_cmpstr (suiji_form_report_get_contact_person (report_of (&fixture)), ==, "李四");
  answer_dialog ("close");
  /* An import is one step of undo. */
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.undo", NULL);
  g_assert_cmpint (value_at (&fixture, 2, 1), ==, -1);
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.redo", NULL);
  g_assert_true (suiji_forms_page_save (fixture.page, &error));

  /* A file typed by hand with a figure that is none: named by its cell. */
  {
    const char        typed[] = "单位名称（盖章）：沙河市市场监督管理局\n"
                                "平台,统计项目,,次数,抽查总户数,完成检查户数,发现问题户数\n"
                                "河北双随机执法监管平台,市本级开展随机抽查情况,总计,,,,\n"
                                ",,部门内部,3,十二,,\n"
                                ",,部门联合,1,4,,\n";
    AdwMessageDialog *dialog;

    g_assert_true (g_file_set_contents (csv, typed, -1, NULL));
    open_department_form (&fixture, 4);
    g_assert_true (suiji_forms_page_import_file (fixture.page, csv, &error));
    g_assert_no_error (error);
    dialog = ADW_MESSAGE_DIALOG (suiji_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "E4"));
    suiji_test_save_screenshot (GTK_WIDGET (dialog), "forms-import-gaps");
    answer_dialog ("close");
    g_assert_cmpint (value_at (&fixture, 2, 0), ==, 3);
    g_assert_cmpint (value_at (&fixture, 2, 1), ==, -1);
  }

  /* Who has reported for March: the one department, as saved. The
   * figures read for April are given up. */
  suiji_forms_page_select (fixture.page, SUIJI_FORM_DEPARTMENT, fixture.department_id, 2025, 3);
  answer_dialog ("discard");
  g_assert_cmpint (suiji_form_report_get_month (report_of (&fixture)), ==, 3);
  who = suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "submissions_button");
  list = suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "submissions_list");
  stack = suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "content_stack");
  gtk_toggle_button_set_active (who, TRUE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "submissions");
  {
    g_autoptr (GListModel) departments = suiji_department_list_all (fixture.db, NULL);

    n_departments = g_list_model_get_n_items (departments);
  }
  while (gtk_list_box_get_row_at_index (list, (int) n_rows) != NULL)
    n_rows++;
  g_assert_cmpuint (n_rows, ==, n_departments);
  suiji_test_save_screenshot (GTK_WIDGET (fixture.window), "forms-submissions");

  /* Opening a department from the list shows its form. */
  {
    gint64 other = suiji_department_find (fixture.db, "沙河市应急管理局", NULL);

    g_assert_cmpint (other, >, 0);
    gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.open-department", "x", other);
    g_assert_false (gtk_toggle_button_get_active (who));
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "form");
    g_assert_cmpint (suiji_form_report_get_department_id (report_of (&fixture)), ==, other);
  }
}

static void
test_records (void)
{
  Fixture          fixture;
  g_autofree char *records = NULL;
  g_autofree char *typed = NULL;
  gint64           figure;

  open_window (&fixture, "records.db", TRUE);
  open_department_form (&fixture, 7);
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.fill", NULL);
  g_assert_true (
      gtk_widget_has_css_class (suiji_form_grid_get_cell (fixture.grid, 2, 1), "filled"));
  figure = value_at (&fixture, 2, 1);
  g_assert_cmpint (figure, >=, 0);

  /* A figure typed over the records' shows both and can be put back. */
  records = g_strdup_printf ("%" G_GINT64_FORMAT, figure);
  typed = g_strdup_printf ("%" G_GINT64_FORMAT, figure + 5);
  suiji_form_grid_set_cursor (fixture.grid, 2, 1);
  paste (&fixture, typed, 2, 1, typed);
  g_assert_nonnull (suiji_form_grid_get_records_text (fixture.grid, 2, 1));
  g_assert_nonnull (strstr (suiji_form_grid_get_records_text (fixture.grid, 2, 1), records));
  suiji_test_save_screenshot (GTK_WIDGET (fixture.window), "forms-records");

  gtk_widget_activate_action (GTK_WIDGET (fixture.grid), "grid.reset-to-records", NULL);
  g_assert_cmpint (value_at (&fixture, 2, 1), ==, figure);
  g_assert_null (suiji_form_grid_get_records_text (fixture.grid, 2, 1));
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.undo", NULL);
  g_assert_cmpint (value_at (&fixture, 2, 1), ==, figure + 5);
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* 附件1 built from the departments' 附件2 and the records: a department
 * that keeps no tasks in Suiji adds its own inspections, and the list of
 * who has reported says what each department gave. Ctrl+I on a cell names
 * the tasks and subjects behind its figure, and a task opens from there. */
static void
test_gather_and_explain (void)
{
  static const gint64 sent[SUIJI_FORM_N_COLUMNS] = { 3, 12, 10, 2 };
  Fixture             fixture;
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiStatisticsExplanation) tasks_behind = NULL;
  g_autoptr (SuijiStatisticsExplanation) subjects_behind = NULL;
  g_autofree char *until = NULL;
  GtkToggleButton *who;
  GtkWidget       *list;
  GtkWidget       *popover;
  GtkWidget       *gather;
  SuijiFigures     figures;
  GDate            today;
  gint64           weather;

  open_window (&fixture, "gather-region.db", TRUE);
  weather = suiji_department_ensure (fixture.db, "沙河市气象局", "气象局", FALSE, &error);
  g_assert_no_error (error);
  {
    g_autoptr (SuijiFormReport) report =
        suiji_form_report_load (fixture.db, SUIJI_FORM_DEPARTMENT, 2025, 6, weather, &error);

    g_assert_no_error (error);
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      g_assert_true (suiji_form_report_set_value (report, 2, c, sent[c]));
    g_assert_true (suiji_form_report_save (fixture.db, report, &error));
    g_assert_no_error (error);
  }

  suiji_forms_page_select (fixture.page, SUIJI_FORM_DEPARTMENT, fixture.department_id, 2025, 6);
  gather = suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "gather_button");
  g_assert_false (gtk_widget_is_sensitive (gather));
  g_assert_nonnull (gtk_widget_get_tooltip_text (gather));
  suiji_forms_page_select (fixture.page, SUIJI_FORM_REGION, 0, 2025, 6);
  g_assert_true (gtk_widget_is_sensitive (gather));
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.gather", NULL);

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  until = suiji_form_report_dup_cut_off (report_of (&fixture), &today);
  g_assert_true (suiji_statistics_compute (fixture.db, SUIJI_STATISTICS_REGION, 2025, until, 0,
                                           &figures, &error));
  g_assert_cmpint (figures.values[2][0], >, 0);
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    {
      g_assert_cmpint (value_at (&fixture, 1, c), ==, figures.values[0][c] + sent[c]);
      g_assert_cmpint (value_at (&fixture, 2, c), ==, figures.values[1][c] + sent[c]);
      g_assert_cmpint (value_at (&fixture, 3, c), ==, figures.values[2][c]);
      g_assert_cmpint (value_at (&fixture, 6, c), ==, figures.values[5][c]);
    }
  suiji_test_save_screenshot (GTK_WIDGET (fixture.window), "forms-gathered");
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.undo", NULL);
  g_assert_cmpint (value_at (&fixture, 2, 0), ==, -1);
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.redo", NULL);
  g_assert_cmpint (value_at (&fixture, 2, 0), ==, figures.values[1][0] + sent[0]);

  who = suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "submissions_button");
  list = suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "submissions_list");
  gtk_toggle_button_set_active (who, TRUE);
  {
    g_autoptr (GListModel) departments = suiji_department_list_all (fixture.db, NULL);

    g_assert_cmpuint (suiji_test_count_list_rows (list), ==,
                      g_list_model_get_n_items (departments));
  }
  suiji_test_spin_until (stack_settled, suiji_test_template_child (
                                            fixture.page, SUIJI_TYPE_FORMS_PAGE, "content_stack"));
  suiji_test_save_screenshot (GTK_WIDGET (fixture.window), "forms-gathered-list");
  gtk_toggle_button_set_active (who, FALSE);

  /* 次数 of the joint inspections: the tasks. */
  tasks_behind = suiji_statistics_explain (fixture.db, SUIJI_STATISTICS_REGION, 2025, until, 0, 3,
                                           SUIJI_FIGURE_COUNT, &error);
  g_assert_no_error (error);
  suiji_form_grid_set_cursor (fixture.grid, 3, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "forms.explain", NULL));
  /* The page's own popover, after the pickers' and the menus'. */
  popover = gtk_widget_get_last_child (GTK_WIDGET (fixture.page));
  g_assert_true (GTK_IS_POPOVER (popover));
  suiji_test_spin_until (widget_mapped, popover);
  list = suiji_test_find_descendant (popover, GTK_TYPE_LIST_BOX);
  g_assert_cmpuint (suiji_test_count_list_rows (list), ==, tasks_behind->task_ids->len);
  suiji_test_save_screenshot (popover, "forms-explain");
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* 抽查总户数 of the departments' own inspections: the subjects too, and
   * the figure gathered beside what the records hold. */
  subjects_behind = suiji_statistics_explain (fixture.db, SUIJI_STATISTICS_REGION, 2025, until, 0,
                                              2, SUIJI_FIGURE_DRAWN, &error);
  g_assert_no_error (error);
  g_assert_true (suiji_forms_page_explain_cell (fixture.page, 2, 1));
  suiji_test_spin_until (widget_mapped, popover);
  list = gtk_widget_get_next_sibling (
      gtk_widget_get_next_sibling (suiji_test_find_descendant (popover, GTK_TYPE_LIST_BOX)));
  g_assert_true (GTK_IS_LIST_BOX (list));
  g_assert_cmpuint (suiji_test_count_list_rows (list), ==,
                    MIN (subjects_behind->subjects->len, 200));
  suiji_test_save_screenshot (popover, "forms-explain-subjects");

  /* A task of the list opens in the 抽查任务 section. */
  g_signal_emit_by_name (
      suiji_test_find_descendant (popover, GTK_TYPE_LIST_BOX), "row-activated",
      gtk_list_box_get_row_at_index (
          GTK_LIST_BOX (suiji_test_find_descendant (popover, GTK_TYPE_LIST_BOX)), 0));
  g_assert_cmpstr (suiji_window_get_visible_page (fixture.window), ==, "tasks");
}

static void
test_no_departments (void)
{
  Fixture   fixture;
  GtkStack *stack;

  open_window (&fixture, "empty.db", FALSE);
  stack = suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "content_stack");
  /* 附件1 needs no department ... */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "form");
  gtk_toggle_button_set_active (
      suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "department_button"), TRUE);
  /* ... 附件2 says where departments come from. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-departments");
  g_assert_null (report_of (&fixture));
  suiji_test_save_screenshot (GTK_WIDGET (fixture.window), "forms-no-departments");
}

static void
test_language (void)
{
  Fixture fixture;
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  open_window (&fixture, "language.db", TRUE);
  open_department_form (&fixture, 3);
  suiji_form_grid_set_cursor (fixture.grid, 2, 0);
  paste (&fixture, "2\t20\t25\t3\n1\t0\t\t", 3, 1, "0");
  suiji_test_collect_texts (GTK_WIDGET (fixture.page), texts);
  gtk_toggle_button_set_active (
      suiji_test_template_child (fixture.page, SUIJI_TYPE_FORMS_PAGE, "submissions_button"), TRUE);
  suiji_test_collect_texts (GTK_WIDGET (fixture.page), texts);
  suiji_test_save_screenshot (GTK_WIDGET (fixture.window), "forms-language");

  if (g_strcmp0 (g_getenv ("SUIJI_EXPECT_LANGUAGE"), "zh_CN") == 0)
    suiji_test_assert_no_latin (texts, 40);
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

  g_test_add_func ("/forms-gui/page", test_page);
  g_test_add_func ("/forms-gui/type", test_type);
  g_test_add_func ("/forms-gui/paste-and-copy", test_paste_and_copy);
  g_test_add_func ("/forms-gui/rules", test_rules);
  g_test_add_func ("/forms-gui/save-and-reload", test_save_and_reload);
  g_test_add_func ("/forms-gui/export-and-print", test_export_and_print);
  g_test_add_func ("/forms-gui/import-and-submissions", test_import_and_submissions);
  g_test_add_func ("/forms-gui/records", test_records);
  g_test_add_func ("/forms-gui/gather-and-explain", test_gather_and_explain);
  g_test_add_func ("/forms-gui/no-departments", test_no_departments);
  g_test_add_func ("/forms-gui/language", test_language);

  status = g_test_run ();

  g_clear_object (&app);
  g_clear_pointer (&last_toast, g_free);
  suiji_test_gui_finish (home);
  return status;
}
