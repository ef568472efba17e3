/* test-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Takes the import dialog through its pages as a user would: a file the
 * test writes, the guessed columns, the problems found, then the import
 * or the choice not to import. Saves a PNG of each page, which a person
 * looks at. Runs under Xvfb, without an application.
 */

#include "config.h"

#include "suiji-test-utils.h"

#include <glib/gi18n.h>
#include <sqlite3.h>

#include "suiji-import-dialog.h"
#include "suiji-subject.h"

/* A title line above the header, five good rows, then two rows the core
 * refuses: one without a credit code, one with a character in it. */
static const char subjects_csv[] = "沙河市检查对象名录（测试）\n"
                                   "统一社会信用代码,企业名称,主体类型,所属区域\n"
                                   "130582000000001,沙河市甲玻璃有限公司,企业,褡裢街道\n"
                                   "130582000000002,沙河市乙煤业有限公司,企业,桥西街道\n"
                                   "130582000000003,沙河市丙商贸有限公司,企业,桥东街道\n"
                                   "130582000000004,沙河市丁五金店,个体工商户,新城镇\n"
                                   "130582000000005,沙河市戊饭店,个体工商户,白塔镇\n"
                                   ",沙河市己饭店,个体工商户,桥东街道\n"
                                   "13058200000000号,沙河市庚石材厂,企业,册井乡\n";

typedef struct
{
  gboolean emitted;
  guint    kind;
  guint    added;
  guint    updated;
} Imported;

static gpointer
template_child (gpointer widget, const char *name)
{
  return suiji_test_template_child (widget, SUIJI_TYPE_IMPORT_DIALOG, name);
}

static GtkWidget *
find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
write_file (const char *name, const char *contents, gssize length)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static SuijiDatabase *
open_database (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr (GError) error = NULL;
  SuijiDatabase *db = suiji_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

/* Counts through a connection of its own, as another window would. */
static guint
count_subjects (SuijiDatabase *db)
{
  g_autoptr (SuijiDatabase) other = NULL;
  g_autoptr (SuijiPagedList) list = NULL;
  g_autoptr (GError) error = NULL;
  SuijiSubjectFilter filter = { NULL };

  other = suiji_database_open (suiji_database_get_path (db), &error);
  g_assert_no_error (error);
  list = suiji_subject_list_new (other);
  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
  g_assert_no_error (error);

  return g_list_model_get_n_items (G_LIST_MODEL (list));
}

typedef struct
{
  SuijiImportDialog *dialog;
  const char        *page;
} PageWait;

static gboolean
shows_page (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (gtk_stack_get_visible_child_name (template_child (wait->dialog, "stack")),
                    wait->page) == 0;
}

static void
wait_for_page (SuijiImportDialog *dialog, const char *page)
{
  PageWait wait = { dialog, page };

  suiji_test_spin_until (shows_page, &wait);
}

static gboolean
was_imported (gpointer data)
{
  return ((Imported *) data)->emitted;
}

static void
imported_cb (SuijiImportDialog *dialog, guint kind, guint added, guint updated, Imported *imported)
{
  imported->emitted = TRUE;
  imported->kind = kind;
  imported->added = added;
  imported->updated = updated;
}

static SuijiImportDialog *
open_dialog (SuijiDatabase *db, const char *csv_name, const char *contents, int width, int height)
{
  g_autofree char *path = write_file (csv_name, contents, -1);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  SuijiImportDialog *dialog;

  suiji_test_close_all_windows ();
  dialog = suiji_import_dialog_new (db, SUIJI_DIRECTORY_SUBJECTS, file);
  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (dialog), width, height);
  gtk_window_present (GTK_WINDOW (dialog));
  suiji_test_spin_until (suiji_test_is_drawn, dialog);

  return dialog;
}

static void
test_file_page (void)
{
  g_autoptr (SuijiDatabase) db = open_database ("file-page.db");
  SuijiImportDialog *dialog;

  suiji_test_close_all_windows ();
  dialog = suiji_import_dialog_new (db, SUIJI_DIRECTORY_INSPECTORS, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_page (dialog, "file");

  /* The directory the caller came from is chosen; nothing to go on with. */
  g_assert_cmpuint (adw_combo_row_get_selected (template_child (dialog, "kind_row")), ==,
                    SUIJI_DIRECTORY_INSPECTORS);
  g_assert_false (gtk_widget_is_sensitive (template_child (dialog, "next_button")));
  g_assert_false (gtk_widget_get_visible (template_child (dialog, "file_error_group")));
  g_assert_false (gtk_widget_get_visible (template_child (dialog, "back_button")));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-file");
}

static void
test_garbage_file (void)
{
  g_autoptr (SuijiDatabase) db = open_database ("garbage.db");
  g_autofree char *garbage = g_malloc (1024);
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GRand) rand = g_rand_new_with_seed (20240301);
  SuijiImportDialog *dialog;
  GtkLabel          *error_label;

  for (guint i = 0; i < 1024; i++)
    garbage[i] = (char) g_rand_int_range (rand, 0, 256);
  garbage[10] = '\0';
  path = write_file ("名录.csv", garbage, 1024);
  file = g_file_new_for_path (path);

  suiji_test_close_all_windows ();
  dialog = suiji_import_dialog_new (db, SUIJI_DIRECTORY_SUBJECTS, file);
  gtk_window_present (GTK_WINDOW (dialog));

  /* What was wrong shows where another file can be chosen. */
  wait_for_page (dialog, "file");
  error_label = template_child (dialog, "file_error_label");
  g_assert_true (gtk_widget_get_visible (template_child (dialog, "file_error_group")));
  g_assert_nonnull (strstr (gtk_label_get_label (error_label), "名录.csv"));
  g_assert_false (gtk_widget_is_sensitive (template_child (dialog, "next_button")));
  g_assert_true (gtk_widget_is_sensitive (template_child (dialog, "choose_button")));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-file-error");
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static gboolean
has_file_chooser (gpointer data)
{
  return find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
has_no_file_chooser (gpointer data)
{
  GtkWindow *chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);

  return chooser == NULL || !gtk_widget_get_visible (GTK_WIDGET (chooser));
}

/* Without a portal the native chooser is a GTK dialog, which the test
 * answers as the user would: the name offered, in the file's folder. */
static void
save_report (SuijiImportDialog *dialog, const char *expected_name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), expected_name, NULL);
  g_autofree char *name = NULL;
  GtkWindow       *chooser;

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.save-report", NULL);
  suiji_test_spin_until (has_file_chooser, NULL);
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  name = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_cmpstr (name, ==, expected_name);
  /* The dialog refuses to answer before its folder is shown. */
  suiji_test_spin_until (suiji_test_is_drawn, chooser);
  suiji_test_settle ();
  gtk_widget_activate (
      gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT));
  suiji_test_spin_until (has_no_file_chooser, NULL);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_import_good_rows (void)
{
  g_autoptr (SuijiDatabase) db = open_database ("import.db");
  Imported           imported = { FALSE };
  SuijiImportDialog *dialog = open_dialog (db, "检查对象.csv", subjects_csv, 0, 0);
  GtkWidget         *key_row;
  GListModel        *problems;
  const char        *label;

  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &imported);

  /* The header below the title line is found, the key in column A. */
  wait_for_page (dialog, "columns");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (template_child (dialog, "header_row_spin")),
                   ==, 2);
  key_row = find_named (template_child (dialog, "columns_group"), "key");
  g_assert_true (ADW_IS_COMBO_ROW (key_row));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (key_row)), ==, 1);
  g_assert_true (gtk_widget_is_sensitive (template_child (dialog, "next_button")));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) ==
                 template_child (dialog, "next_button"));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-columns");

  /* Without the key column the user cannot go on, and is told why. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (key_row), 0);
  g_assert_false (gtk_widget_is_sensitive (template_child (dialog, "next_button")));
  g_assert_nonnull (gtk_widget_get_tooltip_text (template_child (dialog, "next_button")));
  adw_combo_row_set_selected (ADW_COMBO_ROW (key_row), 1);
  g_assert_true (gtk_widget_is_sensitive (template_child (dialog, "next_button")));

  gtk_widget_activate (template_child (dialog, "next_button"));
  wait_for_page (dialog, "check");
  problems = G_LIST_MODEL (gtk_list_view_get_model (template_child (dialog, "problems_view")));
  g_assert_cmpuint (g_list_model_get_n_items (problems), ==, 2);
  label = gtk_button_get_label (template_child (dialog, "import_button"));
  g_assert_nonnull (strstr (label, "5"));
  g_assert_true (gtk_widget_is_sensitive (template_child (dialog, "import_button")));
  g_assert_true (gtk_widget_get_visible (template_child (dialog, "import_nothing_button")));
  g_assert_true (gtk_widget_is_sensitive (template_child (dialog, "report_button")));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) ==
                 template_child (dialog, "import_button"));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-check");

  save_report (dialog, "检查对象-问题.xlsx");
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-check-report-saved");

  gtk_widget_activate (template_child (dialog, "import_button"));
  suiji_test_spin_until (was_imported, &imported);
  g_assert_cmpuint (imported.kind, ==, SUIJI_DIRECTORY_SUBJECTS);
  g_assert_cmpuint (imported.added, ==, 5);
  g_assert_cmpuint (imported.updated, ==, 0);
  wait_for_page (dialog, "done");
  g_assert_true (gtk_widget_get_visible (template_child (dialog, "close_button")));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) ==
                 template_child (dialog, "close_button"));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-done");

  g_assert_cmpuint (count_subjects (db), ==, 5);

  gtk_widget_activate (template_child (dialog, "close_button"));
  suiji_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 0);
}

static gboolean
can_go_on (gpointer data)
{
  return gtk_widget_is_sensitive (template_child (data, "next_button"));
}

/* The first sheet of this workbook explains how to fill in the second:
 * the user goes back to the File page and chooses the other sheet. */
static void
test_other_sheet (void)
{
  g_autoptr (SuijiDatabase) db = open_database ("sheet.db");
  g_autofree char *path =
      g_build_filename (g_getenv ("SUIJI_FIXTURES_DIR"), "subjects-xlsxwriter.xlsx", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  SuijiImportDialog *dialog;
  AdwComboRow       *sheet_row;
  GtkWidget         *key_row;

  suiji_test_close_all_windows ();
  dialog = suiji_import_dialog_new (db, SUIJI_DIRECTORY_SUBJECTS, file);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_for_page (dialog, "columns");
  g_assert_false (gtk_widget_is_sensitive (template_child (dialog, "next_button")));
  g_assert_nonnull (gtk_widget_get_tooltip_text (template_child (dialog, "next_button")));
  key_row = find_named (template_child (dialog, "columns_group"), "key");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (key_row)), ==, 0);
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-columns-missing");

  g_assert_true (gtk_widget_get_visible (template_child (dialog, "back_button")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.back", NULL);
  wait_for_page (dialog, "file");
  sheet_row = template_child (dialog, "sheet_row");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (sheet_row)));
  g_assert_false (gtk_widget_get_visible (template_child (dialog, "encoding_row")));
  g_assert_cmpuint (g_list_model_get_n_items (adw_combo_row_get_model (sheet_row)), ==, 2);

  adw_combo_row_set_selected (sheet_row, 1);
  suiji_test_spin_until (can_go_on, dialog);
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-file-sheet");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);
  wait_for_page (dialog, "columns");
  key_row = find_named (template_child (dialog, "columns_group"), "key");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (key_row)), >, 0);

  /* Warnings only: every row is imported, there is nothing to leave out. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);
  wait_for_page (dialog, "check");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (
                        gtk_list_view_get_model (template_child (dialog, "problems_view")))),
                    ==, 2);
  g_assert_false (gtk_widget_get_visible (template_child (dialog, "import_nothing_button")));
  g_assert_true (gtk_widget_get_visible (template_child (dialog, "cancel_button")));
  g_assert_nonnull (strstr (gtk_button_get_label (template_child (dialog, "import_button")), "2"));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-check-warnings");
}

/* A file without problems: no list, no choice to make. */
static void
test_no_problems (void)
{
  g_autoptr (SuijiDatabase) db = open_database ("clean.db");
  g_autofree char *clean =
      g_strndup (subjects_csv, strstr (subjects_csv, ",沙河市己") - subjects_csv);
  SuijiImportDialog *dialog = open_dialog (db, "检查对象.csv", clean, 0, 0);

  wait_for_page (dialog, "columns");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);
  wait_for_page (dialog, "check");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (dialog, "problems_stack")), ==,
                   "empty");
  g_assert_false (gtk_widget_get_visible (template_child (dialog, "import_nothing_button")));
  g_assert_false (gtk_widget_is_sensitive (template_child (dialog, "report_button")));
  g_assert_nonnull (strstr (gtk_button_get_label (template_child (dialog, "import_button")), "5"));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-check-clean");
}

static void
test_import_nothing (void)
{
  g_autoptr (SuijiDatabase) db = open_database ("nothing.db");
  Imported           imported = { FALSE };
  SuijiImportDialog *dialog = open_dialog (db, "检查对象.csv", subjects_csv, 0, 0);

  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &imported);
  wait_for_page (dialog, "columns");
  gtk_widget_activate (template_child (dialog, "next_button"));
  wait_for_page (dialog, "check");

  gtk_widget_activate (template_child (dialog, "import_nothing_button"));
  suiji_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 0);
  g_assert_false (imported.emitted);
  g_assert_cmpuint (count_subjects (db), ==, 0);
}

static void
test_remembered_columns (void)
{
  g_autoptr (SuijiDatabase) db = open_database ("remembered.db");
  Imported           imported = { FALSE };
  SuijiImportDialog *dialog = open_dialog (db, "第一次.csv", subjects_csv, 0, 0);
  GtkWidget         *region_row;

  /* The user leaves the region out; the next file of this shape does too. */
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &imported);
  wait_for_page (dialog, "columns");
  region_row = find_named (template_child (dialog, "columns_group"), "region");
  adw_combo_row_set_selected (ADW_COMBO_ROW (region_row), 0);
  gtk_widget_activate (template_child (dialog, "next_button"));
  wait_for_page (dialog, "check");
  gtk_widget_activate (template_child (dialog, "import_button"));
  suiji_test_spin_until (was_imported, &imported);
  wait_for_page (dialog, "done");

  dialog = open_dialog (db, "第二次.csv", subjects_csv, 0, 0);
  wait_for_page (dialog, "columns");
  region_row = find_named (template_child (dialog, "columns_group"), "region");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (region_row)), ==, 0);
  g_assert_nonnull (
      adw_preferences_group_get_description (template_child (dialog, "columns_group")));
}

static void
test_cancel_import (void)
{
  g_autoptr (SuijiDatabase) db = open_database ("cancel.db");
  g_autoptr (GString) csv = g_string_new ("统一社会信用代码,企业名称,主体类型\n");
  Imported           imported = { FALSE };
  SuijiImportDialog *dialog;
  sqlite3           *other;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (csv, "1305820%08u,沙河市第%u号商店,个体工商户\n", i, i);

  dialog = open_dialog (db, "大文件.csv", csv->str, 0, 0);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &imported);
  wait_for_page (dialog, "columns");
  gtk_widget_activate (template_child (dialog, "next_button"));
  wait_for_page (dialog, "check");

  /* Another program writing keeps the import waiting at its start, long
   * enough to look at it and cancel it before it writes a row. */
  g_assert_cmpint (sqlite3_open (suiji_database_get_path (db), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);

  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.commit", NULL);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (template_child (dialog, "stack")), ==,
                   "progress");
  g_assert_true (gtk_widget_get_visible (template_child (dialog, "cancel_button")));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-progress");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);

  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  wait_for_page (dialog, "done");
  g_assert_false (imported.emitted);
  g_assert_true (gtk_widget_get_visible (template_child (dialog, "close_button")));
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-cancelled");
  g_assert_cmpuint (count_subjects (db), ==, 0);

  /* Esc closes the finished dialog. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  suiji_test_settle ();
  g_assert_cmpuint (g_list_model_get_n_items (gtk_window_get_toplevels ()), ==, 0);
}

static void
test_close_during_import (void)
{
  g_autoptr (SuijiDatabase) db = open_database ("close.db");
  g_autoptr (GString) csv = g_string_new ("统一社会信用代码,企业名称,主体类型\n");
  Imported           imported = { FALSE };
  SuijiImportDialog *dialog;
  sqlite3           *other;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (csv, "1305820%08u,沙河市第%u号商店,个体工商户\n", i, i);

  dialog = open_dialog (db, "大文件.csv", csv->str, 0, 0);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (imported_cb), &imported);
  wait_for_page (dialog, "columns");
  gtk_widget_activate (template_child (dialog, "next_button"));
  wait_for_page (dialog, "check");

  /* Esc while the rows are written cancels first, then closes. Another
   * connection's lock holds the import at its start meanwhile. */
  g_assert_cmpint (sqlite3_open (suiji_database_get_path (db), &other), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (other, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.commit", NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "window.close", NULL);
  suiji_test_settle ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (sqlite3_exec (other, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (other);
  while (g_list_model_get_n_items (gtk_window_get_toplevels ()) > 0)
    g_main_context_iteration (NULL, TRUE);
  suiji_test_settle ();
  g_assert_null (dialog);
  g_assert_false (imported.emitted);
  g_assert_cmpuint (count_subjects (db), ==, 0);
}

/* Names and headings are text, not markup. */
static void
test_markup_in_names (void)
{
  g_autoptr (SuijiDatabase) db = open_database ("markup.db");
  SuijiImportDialog *dialog =
      open_dialog (db, "R&D <1>.csv",
                   "统一社会信用代码,企业名称,备注 & <说明>\n130582000000001,A&B <公司>,x\n", 0, 0);

  wait_for_page (dialog, "columns");
  g_assert_cmpstr (adw_window_title_get_subtitle (template_child (dialog, "window_title")), ==,
                   "R&D <1>.csv");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.back", NULL);
  wait_for_page (dialog, "file");
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-file-markup");
}

/* All of the Columns page, preview included, in a tall window. */
static void
test_preview (void)
{
  g_autoptr (SuijiDatabase) db = open_database ("preview.db");
  SuijiImportDialog *dialog = open_dialog (db, "检查对象.csv", subjects_csv, 720, 1100);

  wait_for_page (dialog, "columns");
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-columns-all");
}

static void
test_narrow (void)
{
  g_autoptr (SuijiDatabase) db = open_database ("narrow.db");
  SuijiImportDialog *dialog = open_dialog (db, "检查对象.csv", subjects_csv, 360, 560);

  wait_for_page (dialog, "columns");
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-columns-narrow");
  gtk_widget_activate (template_child (dialog, "next_button"));
  wait_for_page (dialog, "check");
  suiji_test_save_screenshot (GTK_WIDGET (dialog), "import-check-narrow");
}

int
main (int argc, char *argv[])
{
  char *home;
  int   status;

  home = suiji_test_gui_init (&argc, &argv);

  g_test_add_func ("/import-dialog/file-page", test_file_page);
  g_test_add_func ("/import-dialog/garbage-file", test_garbage_file);
  g_test_add_func ("/import-dialog/import-good-rows", test_import_good_rows);
  g_test_add_func ("/import-dialog/other-sheet", test_other_sheet);
  g_test_add_func ("/import-dialog/no-problems", test_no_problems);
  g_test_add_func ("/import-dialog/import-nothing", test_import_nothing);
  g_test_add_func ("/import-dialog/remembered-columns", test_remembered_columns);
  g_test_add_func ("/import-dialog/cancel-import", test_cancel_import);
  g_test_add_func ("/import-dialog/close-during-import", test_close_during_import);
  g_test_add_func ("/import-dialog/markup", test_markup_in_names);
  g_test_add_func ("/import-dialog/preview", test_preview);
  g_test_add_func ("/import-dialog/narrow", test_narrow);

  status = g_test_run ();

  suiji_test_gui_finish (home);
  return status;
}
