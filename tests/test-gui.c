/* test-gui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Builds every window and dialog from its template, as the application
 * does, drives them through their actions and saves a PNG of each, which
 * a person looks at. Runs under Xvfb.
 */

#include "config.h"

#include "suiji-test-utils.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "suiji-application.h"
#include "suiji-directories-page.h"
#include "suiji-draw-dialog.h"
#include "suiji-draw-view.h"
#include "suiji-draw.h"
#include "suiji-form-grid.h"
#include "suiji-forms-page.h"
#include "suiji-saved-draw.h"
#include "suiji-task-dialog.h"
#include "suiji-task-draw.h"
#include "suiji-task-summary.h"
#include "suiji-task.h"
#include "suiji-tasks-page.h"
#include "suiji-subject-dialog.h"
#include "suiji-subject.h"
#include "suiji-department.h"
#include "suiji-preferences-window.h"
#include "suiji-profile.h"
#include "suiji-results-window.h"
#include "suiji-row-list.h"
#include "suiji-sample-data.h"
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
    g_assert_true (suiji_sample_data_fill (suiji_application_get_database (app),
                                           SUIJI_SAMPLE_DEFAULT_SUBJECTS, SUIJI_SAMPLE_DEFAULT_SEED,
                                           NULL, &error));

  g_application_activate (G_APPLICATION (app));
  window = SUIJI_WINDOW (suiji_test_wait_for_toplevel (SUIJI_TYPE_WINDOW));
  suiji_test_spin_until (suiji_test_is_drawn, window);
  return window;
}

static SuijiFormsPage *
forms_page (SuijiWindow *window)
{
  return suiji_window_get_forms_page (window);
}

static GtkWidget *
directories_page (SuijiWindow *window)
{
  return suiji_test_template_child (window, SUIJI_TYPE_WINDOW, "directories_page");
}

static GtkWidget *
tasks_page (SuijiWindow *window)
{
  return GTK_WIDGET (suiji_window_get_tasks_page (window));
}

static GtkSelectionModel *
subjects_model (SuijiWindow *window)
{
  GtkColumnView *view = suiji_test_template_child (directories_page (window),
                                                   SUIJI_TYPE_DIRECTORIES_PAGE, "subjects_view");

  return gtk_column_view_get_model (view);
}

/* The subjects' view shows rows over the subjects (suiji-row-list.h). */
static SuijiSubject *
subject_shown (SuijiWindow *window, guint position)
{
  g_autoptr (SuijiRow) row =
      g_list_model_get_item (G_LIST_MODEL (subjects_model (window)), position);

  g_assert_nonnull (row);
  return g_object_ref (suiji_row_get_item (row));
}

/* The subjects the list holds; the view may show only the first screen
 * of them for a frame (see show_first_rows_first ()). */
static guint
n_subjects_shown (SuijiWindow *window)
{
  GListModel *rows = gtk_multi_selection_get_model (GTK_MULTI_SELECTION (subjects_model (window)));

  return g_list_model_get_n_items (suiji_row_list_get_model (SUIJI_ROW_LIST (rows)));
}

/* The subjects past the first screen are read after the frame that shows
 * it, when the list was read before it was on screen. */
static gboolean
all_subjects_shown (gpointer window)
{
  return n_subjects_shown (window) == SUIJI_SAMPLE_DEFAULT_SUBJECTS;
}

static gboolean
search_applied (gpointer data)
{
  return n_subjects_shown (data) < SUIJI_SAMPLE_DEFAULT_SUBJECTS;
}

static void
test_welcome (void)
{
  SuijiWindow *window = open_window ("welcome.db", FALSE);
  GtkWidget *import_button = suiji_test_template_child (window, SUIJI_TYPE_WINDOW, "import_button");
  GtkWidget *sample_button =
      suiji_test_template_child (window, SUIJI_TYPE_WINDOW, "load_sample_button");

  g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "welcome");
  g_assert_true (gtk_widget_is_sensitive (sample_button));
  g_assert_true (gtk_widget_is_sensitive (import_button));
  g_assert_nonnull (gtk_widget_get_tooltip_text (import_button));
  suiji_test_save_screenshot (GTK_WIDGET (window), "welcome");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.start-empty", NULL);
  g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "directories");
  {
    GtkWidget *page = directories_page (window);
    GtkStack  *stack =
        suiji_test_template_child (page, SUIJI_TYPE_DIRECTORIES_PAGE, "subjects_stack");

    /* An empty directory says how to fill it. */
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  }
  suiji_test_save_screenshot (GTK_WIDGET (window), "directories-empty");

  /* So does an empty task list. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "tasks");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (suiji_test_template_child (
                       tasks_page (window), SUIJI_TYPE_TASKS_PAGE, "detail_stack")),
                   ==, "empty");
  suiji_test_save_screenshot (GTK_WIDGET (window), "tasks-empty");
}

static void
test_sample_data_and_sections (void)
{
  SuijiWindow     *window = open_window ("sections.db", FALSE);
  const char      *sections[] = { "directories", "tasks", "forms", "progress" };
  SuijiFormReport *report;

  g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "welcome");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample-data", NULL);
  g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "directories");
  suiji_test_spin_until (all_subjects_shown, window);

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      g_autofree char *name = g_strdup_printf ("section-%s", sections[i]);

      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", sections[i]);
      g_assert_cmpstr (suiji_window_get_visible_page (window), ==, sections[i]);
      suiji_test_save_screenshot (GTK_WIDGET (window), name);
    }

  /* The forms open on the region's 附件1, under the unit of the profile. */
  report = suiji_forms_page_get_report (forms_page (window));
  g_assert_nonnull (report);
  g_assert_cmpint (suiji_form_report_get_kind (report), ==, SUIJI_FORM_REGION);
  g_assert_cmpstr (suiji_form_report_get_unit_name (report), ==, "沙河市市场监督管理局");
}

static gboolean
sections_built (gpointer window)
{
  const char *bins[] = { "tasks_bin", "forms_bin", "progress_bin" };

  for (guint i = 0; i < G_N_ELEMENTS (bins); i++)
    if (adw_bin_get_child (suiji_test_template_child (window, SUIJI_TYPE_WINDOW, bins[i])) == NULL)
      return FALSE;
  return TRUE;
}

/* Only the directories are built for the first frame; the other sections
 * follow once it is painted, without being asked for. */
static void
test_sections_after_first_frame (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "first-frame.db", NULL);
  g_autoptr (GError) error = NULL;
  SuijiWindow *window;
  AdwBin      *forms_bin;

  suiji_test_close_all_windows ();
  g_assert_true (suiji_application_open_database (app, path, &error));
  g_assert_true (suiji_sample_data_fill (suiji_application_get_database (app),
                                         SUIJI_SAMPLE_DEFAULT_SUBJECTS, SUIJI_SAMPLE_DEFAULT_SEED,
                                         NULL, &error));
  g_assert_no_error (error);

  g_application_activate (G_APPLICATION (app));
  window = SUIJI_WINDOW (suiji_test_find_toplevel (SUIJI_TYPE_WINDOW));
  g_assert_nonnull (window);
  forms_bin = suiji_test_template_child (window, SUIJI_TYPE_WINDOW, "forms_bin");
  g_assert_null (adw_bin_get_child (forms_bin));
  g_assert_false (sections_built (window));
  /* The first screen of subjects is read alone, the rest after its frame. */
  g_assert_cmpuint (n_subjects_shown (window), >, 0);
  g_assert_cmpuint (n_subjects_shown (window), <, SUIJI_SAMPLE_DEFAULT_SUBJECTS);

  suiji_test_spin_until (suiji_test_is_drawn, window);
  suiji_test_spin_until (all_subjects_shown, window);
  suiji_test_spin_until (sections_built, window);
  g_assert_true (adw_bin_get_child (forms_bin) == GTK_WIDGET (forms_page (window)));
  g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "directories");
}

static void
test_narrow_window_folds (void)
{
  SuijiWindow *window = open_window ("narrow.db", TRUE);
  AdwLeaflet  *leaflet = suiji_test_template_child (window, SUIJI_TYPE_WINDOW, "leaflet");

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 640);
  gtk_window_unmaximize (GTK_WINDOW (window));
  suiji_test_settle ();
  if (gtk_widget_get_width (GTK_WIDGET (window)) <= 500)
    {
      g_assert_true (adw_leaflet_get_folded (leaflet));
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "forms");
      g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "forms");
      suiji_test_save_screenshot (GTK_WIDGET (window), "narrow-forms");
    }
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
}

static void
test_preferences (void)
{
  SuijiWindow            *window = open_window ("preferences.db", TRUE);
  SuijiDatabase          *db = suiji_application_get_database (app);
  SuijiPreferencesWindow *preferences;
  g_autoptr (SuijiUnitProfile) saved = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *unit_name_row, *phone_row, *joint_count_spin;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences =
      SUIJI_PREFERENCES_WINDOW (suiji_test_wait_for_toplevel (SUIJI_TYPE_PREFERENCES_WINDOW));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));

  unit_name_row =
      suiji_test_template_child (preferences, SUIJI_TYPE_PREFERENCES_WINDOW, "unit_name_row");
  phone_row =
      suiji_test_template_child (preferences, SUIJI_TYPE_PREFERENCES_WINDOW, "contact_phone_row");
  joint_count_spin =
      suiji_test_template_child (preferences, SUIJI_TYPE_PREFERENCES_WINDOW, "joint_count_spin");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (unit_name_row)), ==,
                   "沙河市市场监督管理局");
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (joint_count_spin)), ==, 60.0);
  suiji_test_save_screenshot (GTK_WIDGET (preferences), "preferences");

  /* A typo in the phone number is marked on its row and saves nothing. */
  gtk_editable_set_text (GTK_EDITABLE (phone_row), "8756862 转 12");
  g_assert_false (suiji_preferences_window_save (preferences, &error));
  g_assert_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_INVALID_PHONE);
  g_clear_error (&error);
  g_assert_true (gtk_widget_has_css_class (phone_row, "error"));
  saved = suiji_unit_profile_load (db, NULL);
  g_assert_cmpstr (saved->contact_phone, ==, "0319-8756862");
  g_clear_pointer (&saved, suiji_unit_profile_free);
  suiji_test_save_screenshot (GTK_WIDGET (preferences), "preferences-error");

  gtk_editable_set_text (GTK_EDITABLE (phone_row), "0319-8756863");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (joint_count_spin), 62.5);
  g_assert_true (suiji_preferences_window_save (preferences, &error));
  g_assert_no_error (error);
  g_assert_false (gtk_widget_has_css_class (phone_row, "error"));
  saved = suiji_unit_profile_load (db, NULL);
  g_assert_cmpstr (saved->contact_phone, ==, "0319-8756863");

  {
    SuijiYearlyTargets targets;

    g_assert_true (suiji_yearly_targets_load (db, 2025, &targets, NULL));
    g_assert_cmpint (targets.joint_count_bp, ==, 6250);
  }

  /* The main window follows what was saved, in the forms as they are
   * shown. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "forms");
  {
    SuijiFormGrid *grid =
        suiji_test_template_child (forms_page (window), SUIJI_TYPE_FORMS_PAGE, "grid");
    GtkEditable *phone = suiji_test_template_child (grid, SUIJI_TYPE_FORM_GRID, "phone_entry");

    /* A form not saved yet takes the contacts of the profile. */
    g_assert_cmpstr (gtk_editable_get_text (phone), ==, "0319-8756863");
  }

  gtk_window_close (GTK_WINDOW (preferences));
}

static gboolean
preferences_idle (gpointer data)
{
  return !suiji_preferences_window_is_busy (data);
}

/* Back up from Preferences, change the unit, restore after confirming:
 * the window shows the restored database and the old one is kept. */
static void
test_backup_and_restore (void)
{
  SuijiWindow            *window = open_window ("backup.db", TRUE);
  SuijiDatabase          *before = suiji_application_get_database (app);
  g_autofree char        *path = g_strdup (suiji_database_get_path (before));
  g_autofree char        *backup = g_build_filename (g_get_user_data_dir (), "备份.db", NULL);
  g_autofree char        *folder = g_path_get_dirname (path);
  SuijiPreferencesWindow *preferences;
  g_autoptr (SuijiUnitProfile) profile = NULL;
  g_autoptr (GError) error = NULL;
  AdwMessageDialog *confirm;
  GtkWidget        *unit_name_row;
  gboolean          kept = FALSE;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences =
      SUIJI_PREFERENCES_WINDOW (suiji_test_wait_for_toplevel (SUIJI_TYPE_PREFERENCES_WINDOW));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "database");
  suiji_preferences_window_backup_to (preferences, backup);
  suiji_test_spin_until (preferences_idle, preferences);
  g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));

  /* Work after the backup, which the restore takes back. */
  profile = suiji_unit_profile_load (before, &error);
  g_assert_no_error (error);
  g_free (profile->unit_name);
  profile->unit_name = g_strdup ("备份之后改过的单位");
  g_assert_true (suiji_unit_profile_save (before, profile, &error));

  suiji_preferences_window_confirm_restore (preferences, backup);
  confirm = ADW_MESSAGE_DIALOG (suiji_test_wait_for_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  suiji_test_spin_until (suiji_test_is_drawn, confirm);
  suiji_test_save_screenshot (GTK_WIDGET (confirm), "restore-confirm");
  adw_message_dialog_response (confirm, "restore");
  suiji_test_spin_until (preferences_idle, preferences);

  /* The application opened the file again, with what the backup held. */
  g_assert_true (suiji_application_get_database (app) != before);
  unit_name_row =
      suiji_test_template_child (preferences, SUIJI_TYPE_PREFERENCES_WINDOW, "unit_name_row");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (unit_name_row)), ==,
                   "沙河市市场监督管理局");
  g_clear_pointer (&profile, suiji_unit_profile_free);
  profile = suiji_unit_profile_load (suiji_application_get_database (app), &error);
  g_assert_cmpstr (profile->unit_name, ==, "沙河市市场监督管理局");
  {
    g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (dir)) != NULL)
      kept |= g_str_has_prefix (name, "backup.db.before-restore-");
  }
  g_assert_true (kept);
  suiji_test_save_screenshot (GTK_WIDGET (preferences), "preferences-restored");
  g_assert_nonnull (window);

  gtk_window_close (GTK_WINDOW (preferences));
}

static void
test_directories (void)
{
  SuijiWindow *window = open_window ("directories.db", TRUE);
  GtkWidget   *page = directories_page (window);
  GtkEditable *search =
      suiji_test_template_child (page, SUIJI_TYPE_DIRECTORIES_PAGE, "subject_search");
  GtkActionBar *actions =
      suiji_test_template_child (page, SUIJI_TYPE_DIRECTORIES_PAGE, "subject_actions");
  SuijiDatabase *db = suiji_application_get_database (app);
  g_autoptr (SuijiSubject) first = NULL;
  g_autofree char *name = NULL;
  guint            n_found;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "directories");
  suiji_test_spin_until (all_subjects_shown, window);
  suiji_test_save_screenshot (GTK_WIDGET (window), "directories-subjects");

  /* Search as you type, by a part of a name. */
  first = subject_shown (window, 0);
  name = g_strdup (suiji_subject_get_record (first)->name);
  gtk_editable_set_text (search, name);
  suiji_test_spin_until (search_applied, window);
  n_found = n_subjects_shown (window);
  g_assert_cmpuint (n_found, >=, 1);
  g_assert_cmpuint (n_found, <, 10);
  /* The view kept the rows it had, blank, for the frame that shows those
   * found; after that frame they are gone. */
  {
    GListModel *rows =
        gtk_multi_selection_get_model (GTK_MULTI_SELECTION (subjects_model (window)));

    suiji_test_settle ();
    g_assert_cmpuint (suiji_row_list_get_minimum (SUIJI_ROW_LIST (rows)), ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_found);
  }
  suiji_test_save_screenshot (GTK_WIDGET (window), "directories-search");

  /* Select, change the class in bulk, then delete and undo. */
  gtk_selection_model_select_item (subjects_model (window), 0, TRUE);
  g_assert_true (gtk_action_bar_get_revealed (actions));
  gtk_widget_activate_action (page, "directories.set-class", "s", "D");
  {
    g_autoptr (SuijiSubject) changed = subject_shown (window, 0);
    g_assert_cmpstr (suiji_subject_get_record (changed)->credit_class, ==, "D");
  }

  gtk_selection_model_select_item (subjects_model (window), 0, TRUE);
  gtk_widget_activate_action (page, "directories.delete-subjects", NULL);
  g_assert_cmpuint (n_subjects_shown (window), ==, n_found - 1);
  suiji_test_save_screenshot (GTK_WIDGET (window), "directories-deleted");
  gtk_widget_activate_action (page, "directories.undo-delete", NULL);
  g_assert_cmpuint (n_subjects_shown (window), ==, n_found);

  /* Deleting for real happens when the toast goes. */
  gtk_selection_model_select_item (subjects_model (window), 0, TRUE);
  gtk_widget_activate_action (page, "directories.delete-subjects", NULL);
  suiji_directories_page_flush (SUIJI_DIRECTORIES_PAGE (page));
  {
    g_autoptr (SuijiPagedList) all = suiji_subject_list_new (db);
    g_assert_true (suiji_subject_list_filter (all, NULL, SUIJI_SUBJECT_SORT_NAME, FALSE, NULL));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==,
                      SUIJI_SAMPLE_DEFAULT_SUBJECTS - 1);
  }

  /* Nothing found: the page says so, and the hidden list keeps its rows,
   * blank, for the next search to fill; one that finds rows lets the
   * blank ones go after its frame. */
  {
    GListModel *rows =
        gtk_multi_selection_get_model (GTK_MULTI_SELECTION (subjects_model (window)));
    GtkStack *stack =
        suiji_test_template_child (page, SUIJI_TYPE_DIRECTORIES_PAGE, "subjects_stack");

    gtk_editable_set_text (search, "没有这样的名字");
    suiji_test_settle ();
    g_assert_cmpuint (n_subjects_shown (window), ==, 0);
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");
    g_assert_cmpuint (suiji_row_list_get_minimum (SUIJI_ROW_LIST (rows)), >, 0);
    g_assert_cmpuint (g_list_model_get_n_items (rows), >, 0);

    gtk_editable_set_text (search, "");
    suiji_test_settle ();
    g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");
    g_assert_cmpuint (suiji_row_list_get_minimum (SUIJI_ROW_LIST (rows)), ==, 0);
    g_assert_cmpuint (n_subjects_shown (window), ==, SUIJI_SAMPLE_DEFAULT_SUBJECTS - 1);
  }
}

static void
test_subject_dialog (void)
{
  SuijiWindow        *window = open_window ("dialog.db", TRUE);
  SuijiDatabase      *db = suiji_application_get_database (app);
  SuijiSubjectDialog *dialog;
  AdwActionRow       *check_row;
  g_autoptr (GError) error = NULL;

  gtk_widget_activate_action (directories_page (window), "directories.new-subject", NULL);
  dialog = SUIJI_SUBJECT_DIALOG (suiji_test_wait_for_toplevel (SUIJI_TYPE_SUBJECT_DIALOG));
  check_row = suiji_test_template_child (dialog, SUIJI_TYPE_SUBJECT_DIALOG, "code_check_row");

  /* The check character is checked as the code is typed. */
  gtk_editable_set_text (suiji_test_template_child (dialog, SUIJI_TYPE_SUBJECT_DIALOG, "key_row"),
                         "91350100M000100Y44");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (check_row), "3"));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "subject-dialog");

  /* Without a name Save is off, its tooltip says why, and a save forced
   * by the keys shows the reason at the top. */
  {
    GtkWidget *save = suiji_test_template_child (dialog, SUIJI_TYPE_SUBJECT_DIALOG, "save_button");
    GtkWidget *error_label =
        suiji_test_template_child (dialog, SUIJI_TYPE_SUBJECT_DIALOG, "error_label");

    g_assert_false (gtk_widget_is_sensitive (save));
    g_assert_nonnull (gtk_widget_get_tooltip_text (save));
    g_assert_false (gtk_widget_is_visible (error_label));
    g_assert_false (suiji_subject_dialog_save (dialog, &error));
    g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT);
    g_clear_error (&error);
    g_assert_true (gtk_widget_is_visible (error_label));
    suiji_test_save_screenshot (GTK_WIDGET (dialog), "subject-dialog-refused");

    gtk_editable_set_text (
        suiji_test_template_child (dialog, SUIJI_TYPE_SUBJECT_DIALOG, "name_row"),
        "沙河市测试玻璃有限公司");
    g_assert_true (gtk_widget_is_sensitive (save));
    g_assert_false (gtk_widget_is_visible (error_label));
  }
  gtk_editable_set_text (suiji_test_template_child (dialog, SUIJI_TYPE_SUBJECT_DIALOG, "key_row"),
                         "91350100m000100y43");
  g_assert_true (suiji_subject_dialog_save (dialog, &error));
  g_assert_no_error (error);

  {
    g_autoptr (SuijiPagedList) list = suiji_subject_list_new (db);
    SuijiSubjectFilter filter = { .search = "91350100M000100Y43" };

    g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, NULL));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  }
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
test_about (void)
{
  SuijiWindow    *window = open_window ("about.db", TRUE);
  AdwAboutWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = ADW_ABOUT_WINDOW (suiji_test_wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Suiji"));
  g_assert_cmpstr (adw_about_window_get_application_icon (about), ==, APP_ID);
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  suiji_test_save_screenshot (GTK_WIDGET (about), "about");
}

static gboolean
is_shortcut_of_action (GtkWidget *widget, gpointer action_name)
{
  g_autofree char *name = NULL;

  if (!GTK_IS_SHORTCUTS_SHORTCUT (widget))
    return FALSE;
  g_object_get (widget, "action-name", &name, NULL);
  return g_strcmp0 (name, action_name) == 0;
}

static void
test_shortcuts (void)
{
  SuijiWindow *window = open_window ("shortcuts.db", TRUE);
  GtkWindow   *shortcuts;
  g_auto (GStrv) accels = NULL;
  g_auto (GStrv) shortcuts_accels = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* The shortcuts window is built when asked for, not with the window. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      g_assert_false (GTK_IS_SHORTCUTS_WINDOW (toplevel));
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  shortcuts = suiji_test_wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_true (gtk_window_get_transient_for (shortcuts) == GTK_WINDOW (window));
  /* The shortcuts named by action show the application's keys. */
  {
    g_autofree char *quit_accelerator = NULL;
    GtkWidget       *quit = suiji_test_find_descendant_matching (
              GTK_WIDGET (shortcuts), is_shortcut_of_action, (gpointer) "app.quit");

    g_assert_nonnull (quit);
    g_object_get (quit, "accelerator", &quit_accelerator, NULL);
    g_assert_cmpstr (quit_accelerator, ==, "<Control>q");
  }
  suiji_test_save_screenshot (GTK_WIDGET (shortcuts), "shortcuts");
  /* The directories and draws have a section of their own. */
  g_object_set (shortcuts, "section-name", "directories", NULL);
  suiji_test_settle ();
  suiji_test_save_screenshot (GTK_WIDGET (shortcuts), "shortcuts-directories");

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), "app.quit");
  g_assert_cmpstr (accels[0], ==, "<Control>q");
  shortcuts_accels =
      gtk_application_get_accels_for_action (GTK_APPLICATION (app), "win.show-help-overlay");
  g_assert_cmpstr (shortcuts_accels[0], ==, "<Control>question");

  /* Closing hides it; asking again shows the same window. */
  gtk_window_close (shortcuts);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (shortcuts)));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  g_assert_true (suiji_test_wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW) == shortcuts);
  gtk_window_close (shortcuts);
  g_assert_true (gtk_menu_button_get_primary (
      suiji_test_template_child (window, SUIJI_TYPE_WINDOW, "menu_button")));
}

/* An older schema installed system-wide lacks keys this build uses:
 * GSettings would abort on the first; the application starts and keeps
 * no settings. Run as its own process, as a user would start it. */
static void
test_old_settings_schema (void)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "old-schema", NULL);
  g_autofree char *xml = g_build_filename (folder, BASE_ID ".gschema.xml", NULL);
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "old-schema.db", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  const char *compile[] = { "glib-compile-schemas", folder, NULL };
  const char *old_schema =
      "<schemalist><schema id=\"" BASE_ID "\" path=\"/io/github/suiji/Suiji/\">"
      "<key name=\"window-width\" type=\"i\"><default>1100</default></key>"
      "</schema></schemalist>\n";
  int status = -1;

  g_assert_nonnull (g_getenv ("SUIJI_EXECUTABLE"));
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (xml, old_schema, -1, &error));
  g_assert_true (g_spawn_sync (NULL, (char **) compile, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  launcher =
      g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_SCHEMA_DIR", folder, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("SUIJI_EXECUTABLE"), "--db",
                                         db, "--quit-after-first-frame", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
  g_assert_no_error (error);
  g_test_message ("stderr: %s", err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  g_assert_nonnull (strstr (out, "first-frame-monotonic-us: "));
  g_assert_nonnull (strstr (err, "has no key “window-height”"));
}

static void
test_open_errors (void)
{
  SuijiWindow     *window = open_window ("kept.db", TRUE);
  g_autofree char *newer = g_build_filename (g_get_user_data_dir (), "newer.db", NULL);
  g_autoptr (GError) error = NULL;
  AdwStatusPage *error_page;
  SuijiDatabase *kept = suiji_application_get_database (app);

  {
    g_autoptr (SuijiDatabase) db = suiji_database_open (newer, &error);
    g_assert_no_error (error);
  }
  {
    sqlite3 *handle;

    g_assert_cmpint (sqlite3_open (newer, &handle), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 50", NULL, NULL, NULL), ==,
                     SQLITE_OK);
    sqlite3_close (handle);
  }

  /* Opening a file of a newer Suiji keeps the database that was open. */
  g_assert_false (suiji_application_open_database (app, newer, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_TOO_NEW);
  g_assert_true (suiji_application_get_database (app) == kept);
  g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "directories");

  suiji_window_show_open_error (window, error->message);
  g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "error");
  error_page = suiji_test_template_child (window, SUIJI_TYPE_WINDOW, "error_page");
  g_assert_cmpstr (adw_status_page_get_description (error_page), ==, error->message);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-sample-data", NULL) &&
                  g_strcmp0 (suiji_window_get_visible_page (window), "error") != 0);
  suiji_test_save_screenshot (GTK_WIDGET (window), "open-error");
}

static GtkWidget *
first_enabled_check (GtkWidget *widget)
{
  if (GTK_IS_CHECK_BUTTON (widget) && gtk_widget_is_sensitive (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_enabled_check (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
window_gone (gpointer data)
{
  return suiji_test_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

static gboolean
draw_step_is_result (gpointer data)
{
  return g_strcmp0 (suiji_draw_dialog_get_step (data), "result") == 0;
}

static gboolean
draw_view_has_status (gpointer data)
{
  const char *status = suiji_draw_view_get_status (data);

  return status != NULL && !g_str_has_suffix (status, "…");
}

/* A task made in the dialog, drawn in the four steps with a public text
 * for the seed, revealed, verified, and opened again from the task page. */
static void
test_task_and_draw (void)
{
  SuijiWindow   *window = open_window ("tasks.db", TRUE);
  GtkWidget     *page = tasks_page (window);
  SuijiDatabase *db = suiji_application_get_database (app);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) draws = NULL;
  g_autoptr (SuijiDrawRecord) saved = NULL;
  g_autofree char *difference = NULL;
  GtkStack        *detail;
  GtkWindow       *dialog;
  GtkWindow       *draw_window;
  SuijiDrawView   *view;
  gint64           task_id;
  guint8           expected_seed[SUIJI_DRAW_SEED_SIZE];
  g_autofree char *expected_hex = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "tasks");
  detail = suiji_test_template_child (page, SUIJI_TYPE_TASKS_PAGE, "detail_stack");
  /* The sample year's tasks are listed, the newest shown. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (detail), ==, "task");
  suiji_test_save_screenshot (GTK_WIDGET (window), "tasks-sample-year");

  gtk_widget_activate_action (page, "tasks.new", NULL);
  dialog = suiji_test_wait_for_toplevel (SUIJI_TYPE_TASK_DIALOG);
  suiji_test_spin_until (suiji_test_is_drawn, dialog);
  {
    AdwEntryRow *name_row = suiji_test_template_child (dialog, SUIJI_TYPE_TASK_DIALOG, "name_row");
    AdwExpanderRow *joint_row =
        suiji_test_template_child (dialog, SUIJI_TYPE_TASK_DIALOG, "joint_row");
    AdwExpanderRow *items_row =
        suiji_test_template_child (dialog, SUIJI_TYPE_TASK_DIALOG, "items_row");
    GtkWidget *create = suiji_test_template_child (dialog, SUIJI_TYPE_TASK_DIALOG, "create_button");

    /* Without a name the task cannot be created, and the button says why. */
    g_assert_false (gtk_widget_is_sensitive (create));
    g_assert_nonnull (gtk_widget_get_tooltip_text (create));
    gtk_editable_set_text (GTK_EDITABLE (name_row), "2025年食品经营者部门联合抽查");
    g_assert_true (gtk_widget_is_sensitive (create));

    adw_expander_row_set_expanded (joint_row, TRUE);
    adw_expander_row_set_expanded (items_row, TRUE);
    suiji_test_settle ();
    /* The second department joins: a joint inspection. */
    {
      GtkWidget *check = first_enabled_check (GTK_WIDGET (joint_row));

      g_assert_nonnull (check);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (joint_row), "部门联合"));
    suiji_test_save_screenshot (GTK_WIDGET (dialog), "task-dialog");

    /* Joint on 其他平台: allowed, but the forms would not count it. */
    {
      AdwComboRow *platform_row =
          suiji_test_template_child (dialog, SUIJI_TYPE_TASK_DIALOG, "platform_row");
      GtkWidget *warning =
          suiji_test_template_child (dialog, SUIJI_TYPE_TASK_DIALOG, "warning_label");

      g_assert_false (gtk_widget_get_visible (warning));
      adw_combo_row_set_selected (platform_row, 1);
      g_assert_true (gtk_widget_get_visible (warning));
      g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (warning)), "其他平台"));
      suiji_test_save_screenshot (GTK_WIDGET (dialog), "task-dialog-other-platform");
      adw_combo_row_set_selected (platform_row, 0);
      g_assert_false (gtk_widget_get_visible (warning));
    }
    gtk_widget_activate_action (GTK_WIDGET (dialog), "task.create", NULL);
  }
  suiji_test_spin_until (window_gone, GSIZE_TO_POINTER (SUIJI_TYPE_TASK_DIALOG));

  task_id = suiji_tasks_page_get_selected_task (SUIJI_TASKS_PAGE (page));
  g_assert_cmpint (task_id, >, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (detail), ==, "task");
  {
    g_autoptr (SuijiTaskRecord) task = suiji_task_load (db, task_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (task->name, ==, "2025年食品经营者部门联合抽查");
    g_assert_cmpuint (task->department_ids->len, ==, 2);
    /* The defaults of Preferences: A 1 %, B 2 %, C 10 %, D 30 %, unclassified 3 %. */
    g_assert_cmpuint (task->rules->len, ==, 5);
  }
  suiji_test_spin_until (suiji_test_is_drawn, window);
  suiji_test_save_screenshot (GTK_WIDGET (window), "tasks-task");

  /* Step 1: the pool. */
  gtk_widget_activate_action (page, "tasks.draw", NULL);
  dialog = suiji_test_wait_for_toplevel (SUIJI_TYPE_DRAW_DIALOG);
  suiji_test_spin_until (suiji_test_is_drawn, dialog);
  g_assert_cmpstr (suiji_draw_dialog_get_step (SUIJI_DRAW_DIALOG (dialog)), ==, "pool");
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "draw-pool");

  /* Step 2: the seed from a public text; "back" returns to the pool. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "draw.next", NULL);
  g_assert_cmpstr (suiji_draw_dialog_get_step (SUIJI_DRAW_DIALOG (dialog)), ==, "seed");
  {
    GtkCheckButton *text_check =
        suiji_test_template_child (dialog, SUIJI_TYPE_DRAW_DIALOG, "text_check");
    AdwEntryRow *text_row =
        suiji_test_template_child (dialog, SUIJI_TYPE_DRAW_DIALOG, "public_text_row");
    GtkLabel *seed_label = suiji_test_template_child (dialog, SUIJI_TYPE_DRAW_DIALOG, "seed_label");

    gtk_check_button_set_active (text_check, TRUE);
    /* No text, no seed: the next step waits. */
    g_assert_false (gtk_widget_get_sensitive (
        suiji_test_template_child (dialog, SUIJI_TYPE_DRAW_DIALOG, "next_button")));
    gtk_editable_set_text (GTK_EDITABLE (text_row), "2025-03-01 福彩3D 第2025054期 开奖号码 5 8 1");
    suiji_draw_seed_from_text ("2025-03-01 福彩3D 第2025054期 开奖号码 5 8 1", expected_seed);
    expected_hex = suiji_draw_seed_to_hex (expected_seed);
    g_assert_cmpstr (gtk_label_get_text (seed_label), ==, expected_hex);
  }
  suiji_test_settle ();
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "draw-seed");

  /* Step 3: the seed is fixed; no way back. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "draw.next", NULL);
  g_assert_cmpstr (suiji_draw_dialog_get_step (SUIJI_DRAW_DIALOG (dialog)), ==, "draw");
  g_assert_false (gtk_widget_get_sensitive (
      suiji_test_template_child (dialog, SUIJI_TYPE_DRAW_DIALOG, "back_button")));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "draw-ready");

  /* Step 4: drawn and saved at once, then revealed. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "draw.run", NULL);
  suiji_test_spin_until (draw_step_is_result, dialog);
  g_assert_cmpint (suiji_draw_dialog_get_draw_id (SUIJI_DRAW_DIALOG (dialog)), >, 0);
  view = suiji_test_template_child (dialog, SUIJI_TYPE_DRAW_DIALOG, "draw_view");
  g_assert_true (suiji_draw_view_get_revealing (view));
  /* Nothing closes the dialog before the result is all on screen. */
  g_assert_false (gtk_widget_get_sensitive (
      suiji_test_template_child (dialog, SUIJI_TYPE_DRAW_DIALOG, "next_button")));
  gtk_widget_add_css_class (GTK_WIDGET (dialog), "presentation");
  suiji_test_settle ();
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "draw-presentation");
  gtk_widget_remove_css_class (GTK_WIDGET (dialog), "presentation");
  suiji_draw_view_skip_reveal (view);
  g_assert_false (suiji_draw_view_get_revealing (view));

  gtk_widget_activate_action (GTK_WIDGET (view), "draw-view.verify", NULL);
  suiji_test_spin_until (draw_view_has_status, view);
  g_assert_true (gtk_widget_has_css_class (
      suiji_test_template_child (view, SUIJI_TYPE_DRAW_VIEW, "status_label"), "success"));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "draw-result");

  /* The database holds the draw, with the seed of the public text. */
  draws = suiji_saved_draw_list (db, task_id, &error);
  g_assert_cmpuint (g_list_model_get_n_items (draws), ==, 1);
  {
    g_autoptr (SuijiSavedDraw) draw = g_list_model_get_item (draws, 0);

    g_assert_cmpstr (suiji_saved_draw_get_seed (draw), ==, expected_hex);
    saved = suiji_saved_draw_load_record (db, suiji_saved_draw_get_id (draw), &error);
    g_assert_no_error (error);
    g_assert_true (suiji_draw_verify (saved, &difference, &error));
  }

  g_assert_true (gtk_widget_get_sensitive (
      suiji_test_template_child (dialog, SUIJI_TYPE_DRAW_DIALOG, "next_button")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "draw.next", NULL);
  suiji_test_spin_until (window_gone, GSIZE_TO_POINTER (SUIJI_TYPE_DRAW_DIALOG));

  /* The task is drawn: no second draw, and its draw opens from the list. */
  g_assert_false (gtk_widget_get_visible (
      suiji_test_template_child (page, SUIJI_TYPE_TASKS_PAGE, "draw_button")));
  {
    GtkListBox    *list = suiji_test_template_child (page, SUIJI_TYPE_TASKS_PAGE, "draws_list");
    GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, 0);

    g_assert_nonnull (row);
    suiji_test_settle ();
    g_signal_emit_by_name (list, "row-activated", row);
  }
  draw_window = suiji_test_wait_for_toplevel (ADW_TYPE_WINDOW);
  suiji_test_spin_until (suiji_test_is_drawn, draw_window);
  suiji_test_save_screenshot (GTK_WIDGET (window), "tasks-drawn");
  suiji_test_save_screenshot (GTK_WIDGET (draw_window), "draw-window");
  gtk_window_destroy (draw_window);
}

static void
test_draw_window (void)
{
  SuijiWindow   *window = open_window ("drawwin.db", TRUE);
  SuijiDatabase *db = suiji_application_get_database (app);
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiTaskRecord) task = suiji_task_record_new ();
  g_autoptr (SuijiDrawRecord) record = NULL;
  guint8     seed[SUIJI_DRAW_SEED_SIZE] = { 1 };
  gint64     lead = suiji_department_find (db, "沙河市市场监督管理局", &error);
  guint      none = 0;
  gint64     id, draw;
  GtkWidget *draw_window;

  task->name = g_strdup ("窗口测试");
  task->year = 2025;
  g_array_append_val (task->department_ids, lead);
  g_array_append_val (task->department_inspectors, none);
  g_assert_true (suiji_task_default_rules (db, task, &error));
  id = suiji_task_create (db, task, &error);
  g_assert_no_error (error);
  record = suiji_task_prepare_draw (db, id, &error);
  suiji_draw_record_set_seed_random (record, seed);
  g_assert_true (suiji_draw_run (record, &error));
  draw = suiji_task_save_draw (db, id, record, &error);
  g_assert_no_error (error);

  draw_window = suiji_draw_view_open_window (GTK_WINDOW (window), db, draw, &error);
  g_assert_no_error (error);
  suiji_test_save_screenshot (draw_window, "draw-window-direct");
  /* Opened again, the same window comes to the front. */
  g_assert_true (suiji_draw_view_open_window (GTK_WINDOW (window), db, draw, &error) ==
                 draw_window);
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (draw_window));
}

static void
test_task_dialog_refuses (void)
{
  SuijiWindow *window = open_window ("refuses.db", TRUE);
  GtkWindow   *dialog;
  GtkLabel    *error_label;
  guint        n_tasks;
  {
    g_autoptr (GListModel) tasks =
        suiji_task_summary_list (suiji_application_get_database (app), 0, NULL);
    n_tasks = g_list_model_get_n_items (tasks);
  }

  gtk_widget_activate_action (tasks_page (window), "tasks.new", NULL);
  dialog = suiji_test_wait_for_toplevel (SUIJI_TYPE_TASK_DIALOG);
  gtk_editable_set_text (
      GTK_EDITABLE (suiji_test_template_child (dialog, SUIJI_TYPE_TASK_DIALOG, "name_row")),
      "计划外抽查");
  /* Unplanned, but not filed: refused with what to do, nothing saved. */
  adw_combo_row_set_selected (
      suiji_test_template_child (dialog, SUIJI_TYPE_TASK_DIALOG, "origin_row"), 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "task.create", NULL);
  error_label = suiji_test_template_child (dialog, SUIJI_TYPE_TASK_DIALOG, "error_label");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_cmpstr (gtk_label_get_text (error_label), ==,
                   g_dgettext (GETTEXT_PACKAGE,
                               "A task outside the yearly plan is filed (备案) before it starts: "
                               "enter the filing date and the reason."));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "task-dialog-error");
  {
    g_autoptr (GListModel) tasks =
        suiji_task_summary_list (suiji_application_get_database (app), 0, NULL);
    g_assert_cmpuint (g_list_model_get_n_items (tasks), ==, n_tasks);
  }
  gtk_window_destroy (dialog);
}

static void
test_language (void)
{
  SuijiWindow *window = open_window ("language.db", TRUE);
  const char  *language = g_getenv ("SUIJI_EXPECT_LANGUAGE");
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  GtkWindow *preferences;
  GtkWindow *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  preferences = suiji_test_wait_for_toplevel (SUIJI_TYPE_PREFERENCES_WINDOW);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  shortcuts = suiji_test_wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);

  suiji_test_collect_texts (GTK_WIDGET (window), texts);
  suiji_test_collect_texts (GTK_WIDGET (preferences), texts);
  suiji_test_collect_texts (GTK_WIDGET (shortcuts), texts);

  /* The task screens, with a task to show and to draw. */
  {
    SuijiDatabase *db = suiji_application_get_database (app);
    g_autoptr (SuijiTaskRecord) task = suiji_task_record_new ();
    g_autoptr (GError) error = NULL;
    GtkWidget *page = tasks_page (window);
    gint64     lead = suiji_department_find (db, "沙河市市场监督管理局", &error);
    guint      none = 0;
    gint64     task_id;
    GtkWindow *task_dialog;
    GtkWindow *draw_dialog;

    task->name = g_strdup ("语言检查任务");
    task->year = 2025;
    g_array_append_val (task->department_ids, lead);
    g_array_append_val (task->department_inspectors, none);
    g_assert_true (suiji_task_default_rules (db, task, &error));
    task_id = suiji_task_create (db, task, &error);
    g_assert_cmpint (task_id, >, 0);
    suiji_tasks_page_reload (SUIJI_TASKS_PAGE (page));
    suiji_tasks_page_select_task (SUIJI_TASKS_PAGE (page), task_id);
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "tasks");
    suiji_test_collect_texts (page, texts);

    gtk_widget_activate_action (page, "tasks.new", NULL);
    task_dialog = suiji_test_wait_for_toplevel (SUIJI_TYPE_TASK_DIALOG);
    suiji_test_collect_texts (GTK_WIDGET (task_dialog), texts);
    gtk_widget_activate_action (page, "tasks.draw", NULL);
    draw_dialog = suiji_test_wait_for_toplevel (SUIJI_TYPE_DRAW_DIALOG);
    suiji_test_collect_texts (GTK_WIDGET (draw_dialog), texts);
    suiji_test_save_screenshot (GTK_WIDGET (draw_dialog), "language-draw-pool");
    gtk_window_destroy (task_dialog);
    gtk_window_destroy (draw_dialog);
  }

  /* The results of a drawn task of the sample year: the line on the task
   * page and the grid. */
  {
    SuijiDatabase *db = suiji_application_get_database (app);
    g_autoptr (GError) error = NULL;
    g_autoptr (GListModel) tasks = suiji_task_summary_list (db, 0, &error);
    GtkWidget *page = tasks_page (window);
    GtkWindow *results;

    g_assert_no_error (error);
    for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
      {
        g_autoptr (SuijiTaskSummary) task = g_list_model_get_item (tasks, i);

        if (suiji_task_summary_get_n_draws (task) > 0)
          {
            suiji_tasks_page_select_task (SUIJI_TASKS_PAGE (page),
                                          suiji_task_summary_get_id (task));
            break;
          }
      }
    suiji_test_collect_texts (page, texts);
    gtk_widget_activate_action (page, "tasks.results", NULL);
    results = suiji_test_wait_for_toplevel (SUIJI_TYPE_RESULTS_WINDOW);
    suiji_test_collect_texts (GTK_WIDGET (results), texts);
    suiji_test_save_screenshot (GTK_WIDGET (results), "language-results");
    gtk_window_destroy (results);
  }

  if (g_strcmp0 (language, "zh_CN") == 0)
    {
      g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Directories"), ==, "名录库");
      suiji_test_assert_no_latin (texts, 50);
    }
  else
    {
      g_assert_cmpstr (language, ==, "en");
      g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Directories"), ==, "Directories");
    }
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

  g_test_add_func ("/gui/welcome", test_welcome);
  g_test_add_func ("/gui/sections", test_sample_data_and_sections);
  g_test_add_func ("/gui/sections-after-first-frame", test_sections_after_first_frame);
  g_test_add_func ("/gui/narrow", test_narrow_window_folds);
  g_test_add_func ("/gui/directories", test_directories);
  g_test_add_func ("/gui/subject-dialog", test_subject_dialog);
  g_test_add_func ("/gui/task-and-draw", test_task_and_draw);
  g_test_add_func ("/gui/task-dialog-refuses", test_task_dialog_refuses);
  g_test_add_func ("/gui/draw-window", test_draw_window);
  g_test_add_func ("/gui/preferences", test_preferences);
  g_test_add_func ("/gui/backup-and-restore", test_backup_and_restore);
  g_test_add_func ("/gui/about", test_about);
  g_test_add_func ("/gui/shortcuts", test_shortcuts);
  g_test_add_func ("/gui/old-settings-schema", test_old_settings_schema);
  g_test_add_func ("/gui/open-errors", test_open_errors);
  g_test_add_func ("/gui/language", test_language);

  status = g_test_run ();

  g_clear_object (&app);
  suiji_test_gui_finish (home);
  return status;
}
