/* test-directories-gui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The directories section as a user works it: a file dropped on the
 * window and imported, inspectors and check items edited, added, refused
 * and deleted with undo, avoidance pairs picked by search. Every change
 * is read back from the database. Runs under Xvfb, with PNGs a person
 * looks at.
 */

#include "config.h"

#include "suiji-test-utils.h"

#include <glib/gi18n.h>

#include "suiji-application.h"
#include "suiji-row-list.h"
#include "suiji-avoidance-dialog.h"
#include "suiji-avoidance.h"
#include "suiji-directories-page.h"
#include "suiji-import-dialog.h"
#include "suiji-inspector-dialog.h"
#include "suiji-inspector.h"
#include "suiji-item-dialog.h"
#include "suiji-item.h"
#include "suiji-sample-data.h"
#include "suiji-subject.h"
#include "suiji-window.h"

static SuijiApplication *app;

/* Opens a fresh database in the test's own data folder and shows the main
 * window on it, as a start of the application would. */
static SuijiWindow *
open_window (const char *db_name, gboolean with_sample_data)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), db_name, NULL);
  g_autoptr (GError) error = NULL;
  SuijiWindow *window;

  suiji_test_close_all_windows ();
  g_assert_true (suiji_application_open_database (app, path, &error));
  g_assert_no_error (error);
  if (with_sample_data)
    g_assert_true (suiji_sample_data_fill (suiji_application_get_database (app), 300,
                                           SUIJI_SAMPLE_DEFAULT_SEED, NULL, &error));

  g_application_activate (G_APPLICATION (app));
  window = SUIJI_WINDOW (suiji_test_wait_for_toplevel (SUIJI_TYPE_WINDOW));
  suiji_test_spin_until (suiji_test_is_drawn, window);
  return window;
}

static SuijiDirectoriesPage *
directories_page (SuijiWindow *window)
{
  return suiji_test_template_child (window, SUIJI_TYPE_WINDOW, "directories_page");
}

static gpointer
page_child (SuijiWindow *window, const char *name)
{
  return suiji_test_template_child (directories_page (window), SUIJI_TYPE_DIRECTORIES_PAGE, name);
}

/* Shows one directory of the section, as its tab would. */
static GtkSelectionModel *
show_directory (SuijiWindow *window, const char *name)
{
  g_autofree char *view_name = g_strdup_printf ("%s_view", name);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.start-empty", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "directories");
  adw_view_stack_set_visible_child_name (page_child (window, "view_stack"), name);
  return gtk_column_view_get_model (page_child (window, view_name));
}

static void
activate_page_action (SuijiWindow *window, const char *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (directories_page (window)), action, NULL));
}

/* GTK 4.8 does not tell whether a widget's action is enabled; a button
 * bound to it inside the page does, by its sensitivity. */
static gboolean
page_action_enabled (SuijiWindow *window, const char *action)
{
  GtkWidget *page = GTK_WIDGET (directories_page (window));
  GtkWidget *probe = gtk_button_new ();
  gboolean   enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action);
  gtk_box_append (GTK_BOX (page), probe);
  enabled = gtk_widget_is_sensitive (probe);
  gtk_box_remove (GTK_BOX (page), probe);
  return enabled;
}

/* Drop */

typedef struct
{
  SuijiImportDialog *dialog;
  const char        *page;
} PageWait;

static gboolean
import_shows_page (gpointer data)
{
  PageWait *wait = data;
  GtkStack *stack = suiji_test_template_child (wait->dialog, SUIJI_TYPE_IMPORT_DIALOG, "stack");

  return g_strcmp0 (gtk_stack_get_visible_child_name (stack), wait->page) == 0;
}

static void
wait_for_import_page (SuijiImportDialog *dialog, const char *page)
{
  PageWait wait = { dialog, page };

  suiji_test_spin_until (import_shows_page, &wait);
}

static GtkDropTarget *
find_drop_target (GtkWidget *widget)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }

  return NULL;
}

static guint
count_subjects (SuijiDatabase *db, const char *search)
{
  g_autoptr (SuijiPagedList) list = suiji_subject_list_new (db);
  SuijiSubjectFilter filter = { .search = search };

  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, NULL));
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

/* The window's own drop target gets a real file of the fixtures, as a
 * file manager would hand it over: the import opens on it, and its rows
 * end up in the database. */
static void
test_drop_file (void)
{
  SuijiWindow     *window = open_window ("drop.db", FALSE);
  SuijiDatabase   *db = suiji_application_get_database (app);
  g_autofree char *path =
      g_build_filename (g_getenv ("SUIJI_FIXTURES_DIR"), "subjects-utf8.csv", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_auto (GValue) value = G_VALUE_INIT;
  GtkDropTarget     *target = find_drop_target (GTK_WIDGET (window));
  SuijiImportDialog *dialog;
  AdwActionRow      *file_row;
  gboolean           handled = FALSE;

  g_assert_nonnull (target);
  g_assert_true (
      gdk_content_formats_contain_gtype (gtk_drop_target_get_formats (target), GDK_TYPE_FILE_LIST));
  g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "welcome");
  g_assert_cmpuint (count_subjects (db, NULL), ==, 0);

  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (&file, 1));
  g_signal_emit_by_name (target, "drop", &value, 200.0, 200.0, &handled);
  g_assert_true (handled);

  /* The window leaves its welcome for the directories and asks about the
   * file dropped, with its columns already guessed. */
  dialog = SUIJI_IMPORT_DIALOG (suiji_test_wait_for_toplevel (SUIJI_TYPE_IMPORT_DIALOG));
  g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "directories");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  wait_for_import_page (dialog, "columns");
  file_row = suiji_test_template_child (dialog, SUIJI_TYPE_IMPORT_DIALOG, "file_row");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (file_row), "subjects-utf8.csv"));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "drop-import-columns");

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);
  wait_for_import_page (dialog, "check");
  gtk_widget_activate (
      suiji_test_template_child (dialog, SUIJI_TYPE_IMPORT_DIALOG, "import_button"));
  wait_for_import_page (dialog, "done");

  /* The four subjects of the file, the spaced code read as written. */
  g_assert_cmpuint (count_subjects (db, NULL), ==, 4);
  g_assert_cmpuint (count_subjects (db, "91130582MA0CXK7L3B"), ==, 1);
  g_assert_cmpuint (count_subjects (db, "91130582MA0G3N8W1E"), ==, 1);
  g_assert_cmpuint (count_subjects (db, "沙河市华晶玻璃制品有限公司"), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (show_directory (window, "subjects"))),
                    ==, 4);

  gtk_widget_activate (
      suiji_test_template_child (dialog, SUIJI_TYPE_IMPORT_DIALOG, "close_button"));
  suiji_test_wait_for_no_toplevel (SUIJI_TYPE_IMPORT_DIALOG);
}

/* Something other than files, as a drag of text would bring, is left
 * alone. */
static void
test_drop_text_refused (void)
{
  SuijiWindow *window = open_window ("drop-text.db", FALSE);
  g_auto (GValue) value = G_VALUE_INIT;
  GtkDropTarget *target = find_drop_target (GTK_WIDGET (window));
  gboolean       handled = TRUE;

  g_value_init (&value, G_TYPE_STRING);
  g_value_set_static_string (&value, "沙河市甲玻璃有限公司");
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &handled);
  g_assert_false (handled);
  suiji_test_settle ();
  g_assert_null (suiji_test_find_toplevel (SUIJI_TYPE_IMPORT_DIALOG));
  g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "welcome");
}

/* Inspectors */

static gpointer
inspector_child (SuijiInspectorDialog *dialog, const char *name)
{
  return suiji_test_template_child (dialog, SUIJI_TYPE_INSPECTOR_DIALOG, name);
}

static SuijiInspector *
dup_inspector (GtkSelectionModel *model, guint position)
{
  return g_list_model_get_item (G_LIST_MODEL (model), position);
}

static void
test_inspector_dialog (void)
{
  SuijiWindow       *window = open_window ("inspectors.db", TRUE);
  SuijiDatabase     *db = suiji_application_get_database (app);
  GtkSelectionModel *model = show_directory (window, "inspectors");
  g_autoptr (SuijiInspector) first = dup_inspector (model, 0);
  g_autoptr (SuijiInspector) second = dup_inspector (model, 1);
  g_autoptr (SuijiInspectorRecord) before = NULL;
  g_autoptr (SuijiInspectorRecord) after = NULL;
  g_autoptr (GError) error = NULL;
  gint64                id = suiji_inspector_get_record (first)->id;
  g_autofree char      *taken_badge = g_strdup (suiji_inspector_get_record (second)->badge);
  SuijiInspectorDialog *dialog;
  GtkWidget            *save_button;
  GtkLabel             *error_label;

  /* Edit needs one row picked. */
  g_assert_false (page_action_enabled (window, "directories.edit"));
  gtk_selection_model_select_item (model, 0, TRUE);
  g_assert_true (page_action_enabled (window, "directories.edit"));
  suiji_test_save_screenshot (GTK_WIDGET (window), "directories-inspectors");
  activate_page_action (window, "directories.edit");
  dialog = SUIJI_INSPECTOR_DIALOG (suiji_test_wait_for_toplevel (SUIJI_TYPE_INSPECTOR_DIALOG));
  save_button = inspector_child (dialog, "save_button");
  g_assert_cmpstr (adw_window_title_get_title (inspector_child (dialog, "window_title")), ==,
                   _("Edit Inspector"));
  g_assert_cmpstr (gtk_editable_get_text (inspector_child (dialog, "badge_row")), ==,
                   suiji_inspector_get_record (first)->badge);
  g_assert_true (gtk_widget_is_sensitive (save_button));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "inspector-dialog");

  /* A new name and post, saved: the same inspector, changed. */
  gtk_editable_set_text (inspector_child (dialog, "name_row"), "测试改名");
  gtk_editable_set_text (inspector_child (dialog, "post_row"), "副科长");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "inspector.save", NULL);
  suiji_test_wait_for_no_toplevel (SUIJI_TYPE_INSPECTOR_DIALOG);
  after = suiji_inspector_load (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->name, ==, "测试改名");
  g_assert_cmpstr (after->post, ==, "副科长");
  g_assert_cmpstr (after->badge, ==, suiji_inspector_get_record (first)->badge);

  /* A double-click (the view's activate) opens it again; another's badge
   * turns Save off, its tooltip saying why. */
  {
    SuijiPagedList *inspectors = SUIJI_PAGED_LIST (gtk_multi_selection_get_model (
        GTK_MULTI_SELECTION (gtk_column_view_get_model (page_child (window, "inspectors_view")))));
    guint           position = suiji_paged_list_find_id (inspectors, id);

    g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
    g_signal_emit_by_name (page_child (window, "inspectors_view"), "activate", position);
  }
  dialog = SUIJI_INSPECTOR_DIALOG (suiji_test_wait_for_toplevel (SUIJI_TYPE_INSPECTOR_DIALOG));
  save_button = inspector_child (dialog, "save_button");
  error_label = inspector_child (dialog, "error_label");
  g_assert_cmpstr (gtk_editable_get_text (inspector_child (dialog, "name_row")), ==, "测试改名");
  gtk_editable_set_text (inspector_child (dialog, "badge_row"), taken_badge);
  g_assert_false (gtk_widget_is_sensitive (save_button));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (save_button), taken_badge));
  g_assert_true (gtk_widget_has_css_class (inspector_child (dialog, "badge_row"), "error"));
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (error_label)));

  /* Ctrl+Enter still tries: the dialog stays, and says what to do. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "inspector.save-or-explain", NULL);
  suiji_test_settle ();
  g_assert_true (suiji_test_find_toplevel (SUIJI_TYPE_INSPECTOR_DIALOG) == GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), taken_badge));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "inspector-dialog-refused");
  g_assert_false (suiji_inspector_dialog_save (dialog, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  before = g_steal_pointer (&after);
  after = suiji_inspector_load (db, id, &error);
  g_assert_cmpstr (after->badge, ==, before->badge);

  /* Corrected, the message goes; an emptied name is then marked, as a
   * save was tried, and Save says why it is off. */
  gtk_editable_set_text (inspector_child (dialog, "badge_row"), before->badge);
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (error_label)));
  g_assert_false (gtk_widget_has_css_class (inspector_child (dialog, "badge_row"), "error"));
  gtk_editable_set_text (inspector_child (dialog, "name_row"), "");
  g_assert_true (gtk_widget_has_css_class (inspector_child (dialog, "name_row"), "error"));
  g_assert_false (gtk_widget_is_sensitive (save_button));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (save_button), ==,
                   _("Enter the inspector’s full name."));
  gtk_editable_set_text (inspector_child (dialog, "name_row"), "测试改名");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (error_label)));
  g_assert_true (gtk_widget_is_sensitive (save_button));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  suiji_test_wait_for_no_toplevel (SUIJI_TYPE_INSPECTOR_DIALOG);
}

static void
test_new_inspector (void)
{
  SuijiWindow       *window = open_window ("new-inspector.db", TRUE);
  SuijiDatabase     *db = suiji_application_get_database (app);
  GtkSelectionModel *model = show_directory (window, "inspectors");
  guint              n_before = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_autoptr (SuijiPagedList) found = suiji_inspector_list_new (db);
  g_autoptr (SuijiInspector) added = NULL;
  SuijiInspectorFilter  filter = { .search = "13058299990009" };
  SuijiInspectorDialog *dialog;
  GtkWidget            *save_button;

  activate_page_action (window, "directories.new");
  dialog = SUIJI_INSPECTOR_DIALOG (suiji_test_wait_for_toplevel (SUIJI_TYPE_INSPECTOR_DIALOG));
  save_button = inspector_child (dialog, "save_button");
  g_assert_cmpstr (adw_window_title_get_title (inspector_child (dialog, "window_title")), ==,
                   _("New Inspector"));

  /* Empty, the form cannot be saved, but nothing is red yet. */
  g_assert_false (gtk_widget_is_sensitive (save_button));
  g_assert_false (gtk_widget_has_css_class (inspector_child (dialog, "name_row"), "error"));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "inspector-dialog-new");

  gtk_editable_set_text (inspector_child (dialog, "name_row"), "新检查员");
  gtk_editable_set_text (inspector_child (dialog, "badge_row"), "1305 8299 9900 09");
  gtk_editable_set_text (inspector_child (dialog, "valid_until_row"), "2028年6月30日");
  gtk_editable_set_text (inspector_child (dialog, "labels_row"), "食品、特种设备");
  adw_combo_row_set_selected (inspector_child (dialog, "department_row"), 1);
  gtk_switch_set_active (inspector_child (dialog, "active_switch"), FALSE);
  g_assert_true (gtk_widget_is_sensitive (save_button));
  gtk_widget_activate (save_button);
  suiji_test_wait_for_no_toplevel (SUIJI_TYPE_INSPECTOR_DIALOG);

  g_assert_true (suiji_inspector_list_filter (found, &filter, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
  added = g_list_model_get_item (G_LIST_MODEL (found), 0);
  g_assert_cmpstr (suiji_inspector_get_record (added)->name, ==, "新检查员");
  g_assert_cmpstr (suiji_inspector_get_record (added)->badge_valid_until, ==, "2028-06-30");
  g_assert_cmpint (suiji_inspector_get_record (added)->active, ==, 0);
  g_assert_cmpint (suiji_inspector_get_record (added)->department_id, >, 0);
  g_assert_cmpuint (g_strv_length (suiji_inspector_get_record (added)->labels), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (show_directory (window, "inspectors"))),
                    ==, n_before + 1);

  /* With the tab showing one department, a new inspector starts in it:
   * the filter and the dialog list the departments in the same order. */
  {
    GtkDropDown *department_filter = page_child (window, "inspector_department");

    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (department_filter)), >, 2);
    gtk_drop_down_set_selected (department_filter, 2);
    activate_page_action (window, "directories.new");
    dialog = SUIJI_INSPECTOR_DIALOG (suiji_test_wait_for_toplevel (SUIJI_TYPE_INSPECTOR_DIALOG));
    g_assert_cmpuint (adw_combo_row_get_selected (inspector_child (dialog, "department_row")), ==,
                      2);
    gtk_window_destroy (GTK_WINDOW (dialog));
    suiji_test_wait_for_no_toplevel (SUIJI_TYPE_INSPECTOR_DIALOG);

    /* All departments: none is chosen for it. */
    gtk_drop_down_set_selected (department_filter, 0);
    activate_page_action (window, "directories.new");
    dialog = SUIJI_INSPECTOR_DIALOG (suiji_test_wait_for_toplevel (SUIJI_TYPE_INSPECTOR_DIALOG));
    g_assert_cmpuint (adw_combo_row_get_selected (inspector_child (dialog, "department_row")), ==,
                      0);
    gtk_window_destroy (GTK_WINDOW (dialog));
    suiji_test_wait_for_no_toplevel (SUIJI_TYPE_INSPECTOR_DIALOG);
  }
}

/* Deleting hides the rows at once; Undo brings them back; the toast
 * going writes it. */
static void
test_delete_inspector_with_undo (void)
{
  SuijiWindow         *window = open_window ("delete-inspector.db", TRUE);
  SuijiDatabase       *db = suiji_application_get_database (app);
  SuijiInspectorRecord record = { .name = (char *) "待删除",
                                  .badge = (char *) "DEL001",
                                  .active = 1 };
  g_autoptr (GError) error = NULL;
  gint64             id = suiji_inspector_update (db, &record, NULL, &error);
  GtkSelectionModel *model;
  SuijiPagedList    *list;
  guint              n, position;

  g_assert_no_error (error);
  suiji_directories_page_reload (directories_page (window));
  model = show_directory (window, "inspectors");
  list = SUIJI_PAGED_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model)));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  position = suiji_paged_list_find_id (list, id);
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);

  g_assert_false (page_action_enabled (window, "directories.delete"));
  gtk_selection_model_select_item (model, position, TRUE);
  g_assert_true (page_action_enabled (window, "directories.delete"));
  activate_page_action (window, "directories.delete");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n - 1);
  activate_page_action (window, "directories.undo-delete");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n);

  gtk_selection_model_select_item (model, suiji_paged_list_find_id (list, id), TRUE);
  activate_page_action (window, "directories.delete");
  suiji_directories_page_flush (directories_page (window));
  g_assert_null (suiji_inspector_load (db, id, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FAILED);
}

/* Check items */

static gpointer
item_child (SuijiItemDialog *dialog, const char *name)
{
  return suiji_test_template_child (dialog, SUIJI_TYPE_ITEM_DIALOG, name);
}

static void
test_item_dialog (void)
{
  SuijiWindow       *window = open_window ("items.db", TRUE);
  SuijiDatabase     *db = suiji_application_get_database (app);
  GtkSelectionModel *model = show_directory (window, "items");
  g_autoptr (SuijiItem) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_autoptr (SuijiItem) second = g_list_model_get_item (G_LIST_MODEL (model), 1);
  g_autoptr (SuijiItemRecord) after = NULL;
  g_autoptr (GError) error = NULL;
  gint64           id = suiji_item_get_record (first)->id;
  SuijiItemDialog *dialog;
  GtkWidget       *save_button;
  GtkLabel        *error_label;

  /* Both items are of the first department, listed first. */
  g_assert_cmpint (suiji_item_get_record (first)->department_id, ==,
                   suiji_item_get_record (second)->department_id);

  g_signal_emit_by_name (page_child (window, "items_view"), "activate", 0);
  dialog = SUIJI_ITEM_DIALOG (suiji_test_wait_for_toplevel (SUIJI_TYPE_ITEM_DIALOG));
  save_button = item_child (dialog, "save_button");
  error_label = item_child (dialog, "error_label");
  g_assert_cmpstr (gtk_editable_get_text (item_child (dialog, "name_row")), ==,
                   suiji_item_get_record (first)->name);
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "item-dialog");

  /* The name of another item of the department is refused, in words. */
  gtk_editable_set_text (item_child (dialog, "name_row"), suiji_item_get_record (second)->name);
  g_assert_false (gtk_widget_is_sensitive (save_button));
  g_assert_false (suiji_item_dialog_save (dialog, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (
      strstr (gtk_label_get_text (error_label), suiji_item_get_record (second)->name));
  g_assert_true (gtk_widget_has_css_class (item_child (dialog, "name_row"), "error"));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "item-dialog-refused");

  /* Renamed, made 重点, given a method: saved under the same id. */
  gtk_editable_set_text (item_child (dialog, "name_row"), "测试事项的监督检查");
  adw_combo_row_set_selected (item_child (dialog, "category_row"), 1);
  gtk_editable_set_text (item_child (dialog, "method_row"), "书面检查");
  g_assert_true (gtk_widget_is_sensitive (save_button));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "item.save-or-explain", NULL);
  suiji_test_wait_for_no_toplevel (SUIJI_TYPE_ITEM_DIALOG);

  after = suiji_item_load (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->name, ==, "测试事项的监督检查");
  g_assert_cmpstr (after->category, ==, "重点");
  g_assert_cmpstr (after->method, ==, "书面检查");
  g_assert_cmpstr (after->legal_basis, ==, suiji_item_get_record (first)->legal_basis);
}

/* Avoidance pairs */

static gboolean
has_rows (gpointer list)
{
  return gtk_list_box_get_row_at_index (list, 0) != NULL;
}

static guint
count_avoidances (SuijiDatabase *db)
{
  g_autoptr (SuijiPagedList) list = suiji_avoidance_list_new (db);

  g_assert_true (suiji_avoidance_list_filter (list, NULL, NULL));
  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

static void
test_avoidance_dialog (void)
{
  SuijiWindow       *window = open_window ("avoidance.db", TRUE);
  SuijiDatabase     *db = suiji_application_get_database (app);
  GtkSelectionModel *inspectors = show_directory (window, "inspectors");
  g_autoptr (SuijiInspector) inspector = g_list_model_get_item (G_LIST_MODEL (inspectors), 3);
  g_autoptr (SuijiSubject) subject = NULL;
  GtkSelectionModel    *model;
  SuijiAvoidanceDialog *dialog;
  GtkListBox           *inspector_list, *subject_list;
  GtkWidget            *add_button;
  guint                 n_before = count_avoidances (db);

  {
    GtkSelectionModel *subjects = show_directory (window, "subjects");
    g_autoptr (SuijiRow) row = g_list_model_get_item (G_LIST_MODEL (subjects), 5);

    /* The subjects view shows rows that carry the subject. */
    subject = g_object_ref (suiji_row_get_item (row));
  }
  model = show_directory (window, "avoidances");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_before);

  activate_page_action (window, "directories.new");
  dialog = SUIJI_AVOIDANCE_DIALOG (suiji_test_wait_for_toplevel (SUIJI_TYPE_AVOIDANCE_DIALOG));
  add_button = suiji_test_template_child (dialog, SUIJI_TYPE_AVOIDANCE_DIALOG, "add_button");
  inspector_list =
      suiji_test_template_child (dialog, SUIJI_TYPE_AVOIDANCE_DIALOG, "inspector_list");
  subject_list = suiji_test_template_child (dialog, SUIJI_TYPE_AVOIDANCE_DIALOG, "subject_list");
  g_assert_false (gtk_widget_is_sensitive (add_button));
  g_assert_nonnull (gtk_widget_get_tooltip_text (add_button));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "avoidance-dialog");

  /* Found by a part of the badge, and by the name: one match each, picked
   * at once. */
  gtk_editable_set_text (
      suiji_test_template_child (dialog, SUIJI_TYPE_AVOIDANCE_DIALOG, "inspector_search"),
      suiji_inspector_get_record (inspector)->badge + 2);
  suiji_test_spin_until (has_rows, inspector_list);
  g_assert_nonnull (gtk_list_box_get_selected_row (inspector_list));
  g_assert_false (gtk_widget_is_sensitive (add_button));
  gtk_editable_set_text (
      suiji_test_template_child (dialog, SUIJI_TYPE_AVOIDANCE_DIALOG, "subject_search"),
      suiji_subject_get_record (subject)->key);
  suiji_test_spin_until (has_rows, subject_list);
  g_assert_nonnull (gtk_list_box_get_selected_row (subject_list));
  g_assert_true (gtk_widget_is_sensitive (add_button));
  gtk_editable_set_text (
      suiji_test_template_child (dialog, SUIJI_TYPE_AVOIDANCE_DIALOG, "reason_row"), "亲属关系");
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "avoidance-dialog-picked");

  gtk_widget_activate (add_button);
  suiji_test_wait_for_no_toplevel (SUIJI_TYPE_AVOIDANCE_DIALOG);
  g_assert_cmpuint (count_avoidances (db), ==, n_before + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_before + 1);

  /* Removed again from the list, for good once the toast has gone. */
  {
    g_autoptr (SuijiPagedList) list = suiji_avoidance_list_new (db);
    SuijiPagedList *shown =
        SUIJI_PAGED_LIST (gtk_multi_selection_get_model (GTK_MULTI_SELECTION (model)));

    g_assert_true (
        suiji_avoidance_list_filter (list, suiji_subject_get_record (subject)->key, NULL));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >=, 1);
    gtk_selection_model_select_item (
        model, suiji_paged_list_find_id (shown, suiji_paged_list_get_id (list, 0)), TRUE);
  }
  activate_page_action (window, "directories.delete");
  suiji_directories_page_flush (directories_page (window));
  g_assert_cmpuint (count_avoidances (db), ==, n_before);
}

/* Every word of the new screens is Chinese under zh_CN. */
static void
test_language (void)
{
  SuijiWindow *window = open_window ("language.db", TRUE);
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const char *pages[] = { "inspectors", "items", "avoidances" };
  const GType dialogs[] = { SUIJI_TYPE_INSPECTOR_DIALOG, SUIJI_TYPE_ITEM_DIALOG,
                            SUIJI_TYPE_AVOIDANCE_DIALOG };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWindow *dialog;

      show_directory (window, pages[i]);
      suiji_test_collect_texts (GTK_WIDGET (directories_page (window)), texts);
      activate_page_action (window, "directories.new");
      dialog = suiji_test_wait_for_toplevel (dialogs[i]);
      suiji_test_collect_texts (GTK_WIDGET (dialog), texts);
      gtk_window_destroy (dialog);
    }

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

  g_test_add_func ("/directories-gui/drop-file", test_drop_file);
  g_test_add_func ("/directories-gui/drop-text-refused", test_drop_text_refused);
  g_test_add_func ("/directories-gui/inspector-dialog", test_inspector_dialog);
  g_test_add_func ("/directories-gui/new-inspector", test_new_inspector);
  g_test_add_func ("/directories-gui/delete-inspector", test_delete_inspector_with_undo);
  g_test_add_func ("/directories-gui/item-dialog", test_item_dialog);
  g_test_add_func ("/directories-gui/avoidance-dialog", test_avoidance_dialog);
  g_test_add_func ("/directories-gui/language", test_language);

  status = g_test_run ();

  g_clear_object (&app);
  suiji_test_gui_finish (home);
  return status;
}
