/* test-progress-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 工作进度 section on the sample year, as the window shows it: the
 * charts drawn in light and dark, a click that lists the tasks behind a
 * bar, the year and unit chosen, the deadlines and their notification,
 * and the exports, whose text is checked for the language. Runs under
 * Xvfb, in English and in Chinese; the screenshots are looked at.
 */

#include "config.h"

#include "suiji-test-text.h"
#include "suiji-test-utils.h"

#include <glib/gi18n.h>
#include <string.h>

#include "suiji-application.h"
#include "suiji-department.h"
#include "suiji-progress-page.h"
#include "suiji-sample-data.h"
#include "suiji-window.h"

static SuijiApplication *app;
static SuijiWindow      *window;

static gboolean
has_window (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (SUIJI_IS_WINDOW (toplevel))
        {
          window = SUIJI_WINDOW (toplevel);
          return TRUE;
        }
    }

  return FALSE;
}

/* The window on the sample data, at the progress section. */
static SuijiProgressPage *
open_page (void)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *page;

  if (window != NULL)
    return suiji_window_get_progress_page (window);

  path = g_build_filename (g_get_user_data_dir (), "progress.db", NULL);
  g_assert_true (suiji_application_open_database (app, path, &error));
  g_assert_no_error (error);
  g_assert_true (suiji_sample_data_fill (suiji_application_get_database (app),
                                         SUIJI_SAMPLE_DEFAULT_SUBJECTS, SUIJI_SAMPLE_DEFAULT_SEED,
                                         NULL, &error));
  g_assert_no_error (error);

  g_application_activate (G_APPLICATION (app));
  suiji_test_spin_until (has_window, NULL);
  suiji_window_refresh (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "progress");
  page = GTK_WIDGET (suiji_window_get_progress_page (window));
  suiji_test_spin_until (suiji_test_is_drawn, page);
  return SUIJI_PROGRESS_PAGE (page);
}

static gboolean
regions_drawn (gpointer page)
{
  return suiji_progress_page_get_regions (page, SUIJI_PROGRESS_AREA_JOINT_COUNT)->len > 0 &&
         suiji_progress_page_get_regions (page, SUIJI_PROGRESS_AREA_TREND)->len > 0;
}

static void
test_charts (void)
{
  SuijiProgressPage   *page = open_page ();
  const SuijiProgress *progress = suiji_progress_page_get_progress (page);
  AdwStyleManager     *style = adw_style_manager_get_default ();

  g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "progress");
  g_assert_nonnull (progress);
  g_assert_cmpint (progress->year, ==, 2025);
  g_assert_cmpint (progress->department_id, ==, 0);
  g_assert_cmpuint (progress->departments->len, ==, 15);

  suiji_test_spin_until (regions_drawn, page);
  suiji_test_save_screenshot (GTK_WIDGET (window), "progress");

  /* The style's dark colours, drawn again. */
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  suiji_test_settle ();
  suiji_test_save_screenshot (GTK_WIDGET (window), "progress-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  suiji_test_settle ();
}

static gboolean
popover_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static void
scroll_into_view (GtkWidget *widget)
{
  GtkWidget     *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  double         x, y;

  g_assert_true (gtk_widget_translate_coordinates (
      widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)), 0, 0, &x, &y));
  gtk_adjustment_set_value (adjustment, y);
  suiji_test_settle ();
}

static void
test_tasks_behind_a_bar (void)
{
  SuijiProgressPage      *page = open_page ();
  const SuijiProgress    *progress = suiji_progress_page_get_progress (page);
  GArray                 *regions;
  const SuijiChartRegion *bar;
  GtkWidget              *area;
  GtkWidget              *popover;
  GtkWidget              *list;

  suiji_test_spin_until (regions_drawn, page);
  regions = suiji_progress_page_get_regions (page, SUIJI_PROGRESS_AREA_JOINT_COUNT);
  bar = &g_array_index (regions, SuijiChartRegion, 0);
  g_assert_cmpint (bar->target, ==, SUIJI_TARGET_JOINT_COUNT);

  /* Outside any bar, nothing; on the bar, its joint tasks. */
  g_assert_false (suiji_progress_page_show_tasks_at (page, SUIJI_PROGRESS_AREA_JOINT_COUNT, 1, 1));
  g_assert_true (suiji_progress_page_show_tasks_at (
      page, SUIJI_PROGRESS_AREA_JOINT_COUNT, bar->x + bar->width / 2, bar->y + bar->height / 2));
  area = suiji_test_template_child (page, SUIJI_TYPE_PROGRESS_PAGE, "joint_count_area");
  popover = suiji_test_find_descendant (area, GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  suiji_test_spin_until (popover_shown, popover);
  list = suiji_test_find_descendant (popover, GTK_TYPE_LIST_BOX);
  g_assert_cmpuint (suiji_test_count_list_rows (list), ==,
                    (guint) progress->progress[SUIJI_TARGET_JOINT_COUNT].ratio.part);
  suiji_test_save_screenshot (popover, "progress-tasks");

  /* A department's credit-based bar lists that department's tasks; the
   * chart is scrolled into view first, as a user would. */
  gtk_popover_popdown (GTK_POPOVER (popover));
  scroll_into_view (suiji_test_template_child (page, SUIJI_TYPE_PROGRESS_PAGE, "departments_area"));
  regions = suiji_progress_page_get_regions (page, SUIJI_PROGRESS_AREA_DEPARTMENTS);
  for (guint i = 0; i < regions->len; i++)
    {
      const SuijiChartRegion        *region = &g_array_index (regions, SuijiChartRegion, i);
      const SuijiDepartmentProgress *department = NULL;

      if (region->target != SUIJI_TARGET_CREDIT_COUNT)
        continue;
      for (guint d = 0; d < progress->departments->len; d++)
        if (((SuijiDepartmentProgress *) g_ptr_array_index (progress->departments, d))
                ->department_id == region->department_id)
          department = g_ptr_array_index (progress->departments, d);
      g_assert_nonnull (department);

      g_assert_true (suiji_progress_page_show_tasks_at (page, SUIJI_PROGRESS_AREA_DEPARTMENTS,
                                                        region->x + 2, region->y + 1));
      area = suiji_test_template_child (page, SUIJI_TYPE_PROGRESS_PAGE, "departments_area");
      popover = suiji_test_find_descendant (area, GTK_TYPE_POPOVER);
      g_assert_nonnull (popover);
      list = suiji_test_find_descendant (popover, GTK_TYPE_LIST_BOX);
      g_assert_cmpuint (suiji_test_count_list_rows (list), ==, (guint) department->credit_tasks);
      suiji_test_save_screenshot (popover, "progress-department-tasks");
      gtk_popover_popdown (GTK_POPOVER (popover));
      break;
    }
  scroll_into_view (suiji_test_template_child (page, SUIJI_TYPE_PROGRESS_PAGE, "joint_count_area"));

  /* A task of the list opens in the task section. */
  g_assert_true (suiji_progress_page_show_tasks_at (page, SUIJI_PROGRESS_AREA_JOINT_COUNT,
                                                    bar->x + 1, bar->y + 1));
  area = suiji_test_template_child (page, SUIJI_TYPE_PROGRESS_PAGE, "joint_count_area");
  list = suiji_test_find_descendant (suiji_test_find_descendant (area, GTK_TYPE_POPOVER),
                                     GTK_TYPE_LIST_BOX);
  g_signal_emit_by_name (list, "row-activated",
                         gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0));
  g_assert_cmpstr (suiji_window_get_visible_page (window), ==, "tasks");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-section", "s", "progress");
}

static void
test_year_and_unit (void)
{
  SuijiProgressPage *page = open_page ();
  SuijiDatabase     *db = suiji_application_get_database (app);
  g_autoptr (GError) error = NULL;
  gint64 tax = suiji_department_find (db, "税务局", &error);

  g_assert_no_error (error);
  suiji_progress_page_select (page, 2025, tax);
  g_assert_cmpint (suiji_progress_page_get_progress (page)->department_id, ==, tax);
  g_assert_cmpstr (suiji_progress_page_get_progress (page)->unit_name, ==,
                   "国家税务总局沙河市税务局");
  suiji_test_spin_until (regions_drawn, page);
  suiji_test_save_screenshot (GTK_WIDGET (page), "progress-department");

  suiji_progress_page_select (page, 2025, 0);
  g_assert_cmpint (suiji_progress_page_get_progress (page)->department_id, ==, 0);
}

static void
test_deadlines (void)
{
  SuijiProgressPage *page = open_page ();
  GSettings         *settings = suiji_application_get_settings (app);
  AdwActionRow      *monthly =
      suiji_test_template_child (page, SUIJI_TYPE_PROGRESS_PAGE, "monthly_deadline_row");
  AdwActionRow *missing = suiji_test_template_child (page, SUIJI_TYPE_PROGRESS_PAGE, "missing_row");
  g_auto (SuijiDeadlineStatus) status = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *remembered = NULL;
  GDate            today;

  /* At start-up the page told today's deadlines once. */
  g_assert_nonnull (settings);

  /* Two days before the monthly forms are due, no department has
   * reported: the row warns, and the notification is remembered. */
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, 3, 2026);
  g_settings_set_string (settings, "deadline-notified-on", "");
  suiji_progress_page_set_today (page, &today);
  suiji_progress_page_reload (page);

  g_assert_true (suiji_deadline_status_load (suiji_application_get_database (app),
                                             SUIJI_DEADLINE_MONTHLY_REPORT, &today, &status,
                                             &error));
  expected = suiji_deadline_status_dup_text (&status);
  g_assert_cmpstr (adw_action_row_get_subtitle (monthly), ==, expected);
  g_assert_cmpint (status.days_left, ==, 2);
  g_assert_cmpuint (status.missing->len, ==, 15);
  {
    g_autofree char *missing_text = suiji_deadline_status_dup_missing_text (&status);

    g_assert_cmpstr (adw_action_row_get_subtitle (missing), ==, missing_text);
  }
  remembered = g_settings_get_string (settings, "deadline-notified-on");
  g_assert_cmpstr (remembered, ==, "2026-03-20");
  suiji_test_save_screenshot (GTK_WIDGET (page), "progress-deadlines");

  /* Once a day: a second reload leaves the day as it is. */
  g_settings_set_string (settings, "deadline-notified-on", "2026-03-20");
  suiji_progress_page_reload (page);
  g_clear_pointer (&remembered, g_free);
  remembered = g_settings_get_string (settings, "deadline-notified-on");
  g_assert_cmpstr (remembered, ==, "2026-03-20");

  /* Far from any deadline: nothing to tell. */
  g_settings_set_string (settings, "deadline-notified-on", "");
  g_date_set_dmy (&today, 5, 5, 2026);
  suiji_progress_page_set_today (page, &today);
  suiji_progress_page_reload (page);
  g_clear_pointer (&remembered, g_free);
  remembered = g_settings_get_string (settings, "deadline-notified-on");
  g_assert_cmpstr (remembered, ==, "");
}

/* Latin letters left in @text, other than the names of formats. */
static void
assert_chinese (const char *what, const char *text)
{
  g_autofree char *copy = g_strdup (text);
  const char      *allowed[] = { "PDF", "PNG", "SVG", NULL };

  for (guint a = 0; allowed[a] != NULL; a++)
    {
      char *found;

      while ((found = strstr (copy, allowed[a])) != NULL)
        memset (found, ' ', strlen (allowed[a]));
    }
  for (const char *p = copy; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      g_error ("English left in the %s under zh_CN: “%.60s”", what, p);
}

/* The text layer of an SVG: what its <text> elements say. */
static char *
svg_text (const char *path)
{
  g_autofree char *contents = NULL;
  GString         *text = g_string_new (NULL);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  for (const char *p = strstr (contents, "<text "); p != NULL; p = strstr (p + 1, "<text "))
    {
      const char *start = strchr (p, '>') + 1;
      const char *end = strstr (start, "</text>");

      g_string_append_len (text, start, end - start);
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

static void
test_exports (void)
{
  SuijiProgressPage *page = open_page ();
  const char        *language = g_getenv ("SUIJI_EXPECT_LANGUAGE");
  const char        *charts[] = { "targets", "trend", "departments" };
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "exports", NULL);
  GDate            today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, 3, 2026);
  suiji_progress_page_set_today (page, &today);
  suiji_progress_page_reload (page);
  g_mkdir_with_parents (folder, 0700);

  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s.svg", charts[i]);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autofree char *text = NULL;

      g_assert_true (suiji_progress_page_export (page, charts[i], file, &error));
      g_assert_no_error (error);
      text = svg_text (path);
      g_assert_cmpuint (strlen (text), >, 20);
      if (g_strcmp0 (language, "zh_CN") == 0)
        assert_chinese (name, text);
    }

  {
    g_autofree char *path = g_build_filename (folder, "summary.pdf", NULL);
    g_autoptr (GFile) file = g_file_new_for_path (path);
    g_autofree char *text = NULL;

    g_assert_true (suiji_progress_page_export (page, "summary", file, &error));
    g_assert_no_error (error);
    text = suiji_test_pdf_tool ("pdftotext", path);
    g_assert_nonnull (strstr (text, "沙河市市场监督管理局"));
    if (g_strcmp0 (language, "zh_CN") == 0)
      {
        g_assert_nonnull (strstr (text, "还需"));
        assert_chinese ("summary report", text);
      }
    else
      {
        g_assert_nonnull (strstr (text, "Key figures"));
      }
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

  g_test_add_func ("/progress-page/charts", test_charts);
  g_test_add_func ("/progress-page/tasks-behind-a-bar", test_tasks_behind_a_bar);
  g_test_add_func ("/progress-page/year-and-unit", test_year_and_unit);
  g_test_add_func ("/progress-page/deadlines", test_deadlines);
  g_test_add_func ("/progress-page/exports", test_exports);

  status = g_test_run ();

  window = NULL;
  g_clear_object (&app);
  suiji_test_gui_finish (home);
  return status;
}
