/* test-charts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The charts and the summary report drawn from the sample year: every
 * chart as PNG (saved where a person looks at them), pixels that follow
 * the figures, the labels readable in SVG and PDF, the regions a click
 * finds, and the refusals.
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "suiji-chart.h"
#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-progress.h"
#include "suiji-sample-data.h"
#include "suiji-summary.h"
#include "suiji-test-text.h"
#include "suiji-test-world.h"

static SuijiDatabase *sample_db;

/* The sample year is drawn once for all the tests of this file. */
static SuijiDatabase *
get_sample (void)
{
  g_autoptr (GError) error = NULL;

  if (sample_db != NULL)
    return sample_db;

  sample_db = test_world_open ("charts.db");
  g_assert_true (suiji_sample_data_fill (sample_db, SUIJI_SAMPLE_DEFAULT_SUBJECTS,
                                         SUIJI_SAMPLE_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);
  return sample_db;
}

static SuijiProgress *
compute (const char *until, gint64 department)
{
  g_autoptr (GError) error = NULL;
  SuijiProgress *progress = suiji_progress_compute (get_sample (), 2025, until, department, &error);

  g_assert_no_error (error);
  return progress;
}

/* Each test has data folders of its own; the files go into its own. */
static char *
out_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

/* Keeps a copy where the GUI tests put their screenshots. */
static void
keep_for_review (const char *path)
{
  const char      *folder = g_getenv ("SUIJI_SCREENSHOT_DIR");
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  g_autofree char *base = g_path_get_basename (path);
  gsize            length;

  if (folder == NULL)
    return;

  g_mkdir_with_parents (folder, 0755);
  copy = g_build_filename (folder, base, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, (gssize) length, NULL));
  g_test_message ("chart: %s", copy);
}

static cairo_surface_t *
render (const SuijiProgress *progress, SuijiChartKind kind, gboolean dark, GArray *regions)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  cairo_t         *cr = cairo_create (surface);
  SuijiChartStyle  style = { .dark = dark };

  suiji_chart_render (progress, kind, cr, 800, 500, &style, regions);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static guint32
pixel_at (cairo_surface_t *surface, int x, int y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int           stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + (gsize) y * stride + (gsize) x * 4);
}

/* Pixels that differ between two renders, inside @area or everywhere. */
static guint
count_changed (cairo_surface_t *a, cairo_surface_t *b, const SuijiChartRegion *area)
{
  int   x0 = area != NULL ? (int) area->x : 0;
  int   y0 = area != NULL ? (int) area->y : 0;
  int   x1 = area != NULL ? (int) (area->x + area->width) : cairo_image_surface_get_width (a);
  int   y1 = area != NULL ? (int) (area->y + area->height) : cairo_image_surface_get_height (a);
  guint changed = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      changed += pixel_at (a, x, y) != pixel_at (b, x, y);
  return changed;
}

static guint
count_colours (cairo_surface_t *surface)
{
  g_autoptr (GHashTable) colours = g_hash_table_new (NULL, NULL);

  for (int y = 0; y < cairo_image_surface_get_height (surface); y += 2)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x += 2)
      g_hash_table_add (colours, GUINT_TO_POINTER (pixel_at (surface, x, y)));
  return g_hash_table_size (colours);
}

static void
test_png_of_every_chart (void)
{
  g_autoptr (SuijiProgress) year = compute ("2025-12-31", 0);
  g_autoptr (SuijiProgress) july = compute ("2025-07-15", 0);
  g_autoptr (SuijiProgress) empty = NULL;
  g_autoptr (GError) error = NULL;
  const char *suffixes[] = { "", "-july", "-dark", "-empty" };

  /* A year without draws: the targets alone, no shares. */
  empty = suiji_progress_compute (get_sample (), 2024, "2024-12-31", 0, &error);
  g_assert_no_error (error);

  for (guint k = 0; k < SUIJI_N_CHARTS; k++)
    for (guint variant = 0; variant < G_N_ELEMENTS (suffixes); variant++)
      {
        const SuijiProgress *progress = variant == 1 ? july : variant == 3 ? empty : year;
        SuijiChartStyle      style = { .dark = variant == 2 };
        const char          *suffix = suffixes[variant];
        g_autofree char     *name =
            g_strdup_printf ("chart-%s%s.png", suiji_chart_kind_to_string (k), suffix);
        g_autofree char *path = out_path (name);
        cairo_surface_t *image;

        g_assert_true (suiji_chart_export (progress, k, path, 0, 0, &style, &error));
        g_assert_no_error (error);

        image = cairo_image_surface_create_from_png (path);
        g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
        g_assert_cmpint (cairo_image_surface_get_width (image), ==, SUIJI_CHART_PNG_WIDTH);
        g_assert_cmpint (cairo_image_surface_get_height (image), ==, SUIJI_CHART_PNG_HEIGHT);
        /* Text, bars, patterns and lines: far more than a blank page. */
        g_assert_cmpuint (count_colours (image), >, variant == 3 ? 20 : 100);
        cairo_surface_destroy (image);
        keep_for_review (path);
      }
}

static const SuijiChartRegion *
find_target_region (GArray *regions, SuijiTarget target)
{
  for (guint i = 0; i < regions->len; i++)
    {
      const SuijiChartRegion *region = &g_array_index (regions, SuijiChartRegion, i);

      if (region->target == target && region->month == 0 && region->department_id == 0)
        return region;
    }

  g_assert_not_reached ();
}

static void
test_pixels_follow_the_figures (void)
{
  SuijiDatabase *db = get_sample ();
  g_autoptr (SuijiProgress) before = compute ("2025-12-31", 0);
  g_autoptr (SuijiProgress) again = compute ("2025-12-31", 0);
  g_autoptr (SuijiProgress) after = NULL;
  g_autoptr (GArray) regions = g_array_new (FALSE, FALSE, sizeof (SuijiChartRegion));
  g_autoptr (GError) error = NULL;
  cairo_surface_t        *first, *same, *changed;
  const SuijiChartRegion *joint_bar, *credit_bar;
  gint64                  departments[2];

  first = render (before, SUIJI_CHART_TARGETS, FALSE, regions);
  same = render (again, SUIJI_CHART_TARGETS, FALSE, NULL);
  g_assert_cmpuint (count_changed (first, same, NULL), ==, 0);

  /* One more joint task, drawn in December without a credit-risk class:
   * the joint share rises, the credit-based share falls. */
  departments[0] = suiji_department_find (db, "市场监管局", &error);
  departments[1] = suiji_department_find (db, "税务局", &error);
  g_assert_no_error (error);
  {
    gint64 task = test_world_task (db, "图表测试的联合抽查", 2025, departments, 2, FALSE, FALSE,
                                   "全部=3", NULL);

    test_world_draw (db, task, "2025-12-10T09:00:00+08:00", 77);
  }
  after = compute ("2025-12-31", 0);
  g_assert_cmpint (after->progress[SUIJI_TARGET_JOINT_COUNT].ratio.part, ==,
                   before->progress[SUIJI_TARGET_JOINT_COUNT].ratio.part + 1);
  g_assert_cmpint (after->progress[SUIJI_TARGET_JOINT_COUNT].value_bp, >,
                   before->progress[SUIJI_TARGET_JOINT_COUNT].value_bp);

  changed = render (after, SUIJI_CHART_TARGETS, FALSE, NULL);
  joint_bar = find_target_region (regions, SUIJI_TARGET_JOINT_COUNT);
  credit_bar = find_target_region (regions, SUIJI_TARGET_CREDIT_COUNT);
  g_assert_cmpuint (count_changed (first, changed, joint_bar), >, 0);
  g_assert_cmpuint (count_changed (first, changed, credit_bar), >, 0);

  /* The trend moves in December only, and so do the departments' bars. */
  {
    cairo_surface_t *trend_before = render (before, SUIJI_CHART_TREND, FALSE, NULL);
    cairo_surface_t *trend_after = render (after, SUIJI_CHART_TREND, FALSE, NULL);
    cairo_surface_t *departments_before = render (before, SUIJI_CHART_DEPARTMENTS, FALSE, NULL);
    cairo_surface_t *departments_after = render (after, SUIJI_CHART_DEPARTMENTS, FALSE, NULL);

    g_assert_cmpuint (count_changed (trend_before, trend_after, NULL), >, 0);
    g_assert_cmpuint (count_changed (departments_before, departments_after, NULL), >, 0);
    cairo_surface_destroy (trend_before);
    cairo_surface_destroy (trend_after);
    cairo_surface_destroy (departments_before);
    cairo_surface_destroy (departments_after);
  }

  cairo_surface_destroy (first);
  cairo_surface_destroy (same);
  cairo_surface_destroy (changed);
}

static void
test_dark_and_transparent (void)
{
  g_autoptr (SuijiProgress) progress = compute ("2025-12-31", 0);
  cairo_surface_t *light = render (progress, SUIJI_CHART_TREND, FALSE, NULL);
  cairo_surface_t *dark = render (progress, SUIJI_CHART_TREND, TRUE, NULL);
  cairo_surface_t *clear = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_t         *cr = cairo_create (clear);
  SuijiChartStyle  transparent = { .transparent = TRUE, .font_size = 11 };

  /* The corners are the ground: white, a dark grey, or nothing at all. */
  g_assert_cmphex (pixel_at (light, 1, 1), ==, 0xffffffff);
  g_assert_cmphex (pixel_at (dark, 1, 1), ==, 0xff1e1e1e);
  suiji_chart_render (progress, SUIJI_CHART_DEPARTMENTS, cr, 400, 300, &transparent, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (clear);
  g_assert_cmphex (pixel_at (clear, 1, 1), ==, 0);

  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
  cairo_surface_destroy (clear);
}

static void
test_regions (void)
{
  g_autoptr (SuijiProgress) progress = compute ("2025-07-15", 0);
  g_autoptr (GArray) trend = g_array_new (FALSE, FALSE, sizeof (SuijiChartRegion));
  g_autoptr (GArray) departments = g_array_new (FALSE, FALSE, sizeof (SuijiChartRegion));
  g_autoptr (GArray) card = g_array_new (FALSE, FALSE, sizeof (SuijiChartRegion));
  const SuijiChartRegion *found;
  cairo_surface_t        *surface;
  guint                   with_tasks = 0, points = 0;

  cairo_surface_destroy (render (progress, SUIJI_CHART_TREND, FALSE, trend));
  cairo_surface_destroy (render (progress, SUIJI_CHART_DEPARTMENTS, FALSE, departments));

  /* A point per month with tasks and per target, none in the months to come. */
  for (guint m = 0; m < progress->n_months; m++)
    for (guint t = 0; t < SUIJI_N_TARGETS; t++)
      points += progress->months[m][t].whole > 0;
  g_assert_cmpuint (trend->len, ==, points);
  for (guint i = 0; i < trend->len; i++)
    {
      const SuijiChartRegion *region = &g_array_index (trend, SuijiChartRegion, i);

      g_assert_cmpuint (region->month, >=, 1);
      g_assert_cmpuint (region->month, <=, 7);
    }

  /* Two bars per department with tasks. */
  for (guint i = 0; i < progress->departments->len; i++)
    with_tasks +=
        ((SuijiDepartmentProgress *) g_ptr_array_index (progress->departments, i))->tasks > 0;
  g_assert_cmpuint (departments->len, ==, 2 * with_tasks);
  found = &g_array_index (departments, SuijiChartRegion, 1);
  found = suiji_chart_find_region (departments, found->x + found->width / 2,
                                   found->y + found->height / 2);
  g_assert_nonnull (found);
  g_assert_cmpint (
      found->department_id, ==,
      ((SuijiDepartmentProgress *) g_ptr_array_index (progress->departments, 0))->department_id);
  g_assert_cmpint (found->target, ==, SUIJI_TARGET_CREDIT_COUNT);
  g_assert_null (suiji_chart_find_region (departments, 1, 1));

  /* One card alone, drawn scaled: the regions are in the units the chart
   * was given, as a widget's pointer is. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 400);
  {
    cairo_t *cr = cairo_create (surface);

    cairo_scale (cr, 2, 2);
    suiji_chart_render_target (progress, SUIJI_TARGET_JOINT_SUBJECTS, cr, 300, 200, NULL, card);
    cairo_destroy (cr);
  }
  g_assert_cmpuint (card->len, ==, 1);
  found = &g_array_index (card, SuijiChartRegion, 0);
  g_assert_cmpint (found->target, ==, SUIJI_TARGET_JOINT_SUBJECTS);
  g_assert_cmpfloat (found->x + found->width, >, 150);
  g_assert_cmpfloat (found->x + found->width, <=, 300);
  cairo_surface_destroy (surface);
}

/* What the labels of @progress's charts say, in the words the charts use. */
static void
assert_labels (const char *text, const SuijiProgress *progress, SuijiChartKind kind)
{
  g_autofree char *year = g_strdup_printf ("%d", progress->year);

  g_assert_nonnull (strstr (text, progress->unit_name));
  g_assert_nonnull (strstr (text, year));

  if (kind == SUIJI_CHART_TARGETS)
    for (guint t = 0; t < SUIJI_N_TARGETS; t++)
      {
        g_autofree char *gap = suiji_target_progress_dup_gap_text (&progress->progress[t]);
        g_autofree char *ratio = suiji_target_progress_dup_ratio_text (&progress->progress[t]);

        g_assert_nonnull (strstr (text, gap));
        g_assert_nonnull (strstr (text, ratio));
        g_assert_nonnull (
            strstr (text, suiji_target_state_get_label (progress->progress[t].state)));
      }
  if (kind == SUIJI_CHART_TREND)
    {
      g_assert_nonnull (strstr (text, "Months to come"));
      g_assert_nonnull (strstr (text, "Month"));
      for (guint t = 0; t < SUIJI_N_TARGETS; t++)
        g_assert_nonnull (strstr (text, suiji_target_get_short_title (t)));
    }
  if (kind == SUIJI_CHART_DEPARTMENTS)
    for (guint i = 0; i < progress->departments->len; i++)
      {
        const SuijiDepartmentProgress *d = g_ptr_array_index (progress->departments, i);

        g_assert_nonnull (strstr (text, d->short_name));
      }
}

static void
test_labels_in_svg_and_pdf (void)
{
  g_autoptr (SuijiProgress) progress = compute ("2025-07-15", 0);
  g_autoptr (GError) error = NULL;

  for (guint k = 0; k < SUIJI_N_CHARTS; k++)
    {
      g_autofree char *svg_name = g_strdup_printf ("chart-%s.svg", suiji_chart_kind_to_string (k));
      g_autofree char *pdf_name = g_strdup_printf ("chart-%s.pdf", suiji_chart_kind_to_string (k));
      g_autofree char *svg = out_path (svg_name);
      g_autofree char *pdf = out_path (pdf_name);
      g_autofree char *svg_text = NULL;
      g_autofree char *pdf_text = NULL;

      g_assert_true (suiji_chart_export (progress, k, svg, 0, 0, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (suiji_chart_export (progress, k, pdf, 0, 0, NULL, &error));
      g_assert_no_error (error);

      g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
      g_assert_true (g_str_has_prefix (svg_text, "<?xml"));
      g_assert_nonnull (strstr (svg_text, "<text "));
      g_assert_nonnull (strstr (svg_text, "width=\"800pt\""));
      assert_labels (svg_text, progress, k);

      pdf_text = suiji_test_pdf_tool ("pdftotext", pdf);
      assert_labels (pdf_text, progress, k);
      keep_for_review (pdf);
    }
}

static void
test_summary_report (void)
{
  SuijiDatabase *db = get_sample ();
  g_autoptr (SuijiProgress) progress = compute ("2025-12-31", 0);
  g_autoptr (GPtrArray) overdue = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = out_path ("summary.pdf");
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  GDate            today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, 3, 2026);
  g_assert_true (suiji_summary_write_pdf (db, progress, &today, path, &error));
  g_assert_no_error (error);
  keep_for_review (path);

  info = suiji_test_pdf_tool ("pdfinfo", path);
  g_assert_nonnull (strstr (info, "Progress of the random inspections, 2025\n"));
  g_assert_nonnull (strstr (info, "595.28 x 841.89 pts (A4)"));
  /* Key figures, charts, the departments and the overdue tasks. */
  g_assert_cmpint (g_ascii_strtoll (strstr (info, "Pages:") + strlen ("Pages:"), NULL, 10), >=, 4);

  text = suiji_test_pdf_tool ("pdftotext", path);
  g_assert_nonnull (strstr (text, "Key figures"));
  g_assert_nonnull (strstr (text, "Deadlines"));
  g_assert_nonnull (strstr (text, "Before March 23, 2026: 2 days left"));
  g_assert_nonnull (strstr (text, "Before April 1, 2026: 11 days left"));
  g_assert_nonnull (strstr (text, "Per department"));
  g_assert_nonnull (strstr (text, "Results overdue for publication"));
  g_assert_nonnull (strstr (text, "次数"));
  g_assert_nonnull (strstr (text, "Page 4"));
  assert_labels (text, progress, SUIJI_CHART_TARGETS);
  assert_labels (text, progress, SUIJI_CHART_DEPARTMENTS);
  for (guint i = 0; i < progress->departments->len; i++)
    {
      const SuijiDepartmentProgress *d = g_ptr_array_index (progress->departments, i);

      g_assert_nonnull (strstr (text, d->name));
    }

  /* Every overdue task is listed by name. */
  overdue = suiji_progress_list_overdue (db, 2025, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (overdue->len, >, 0);
  for (guint i = 0; i < overdue->len; i++)
    {
      const SuijiProgressTask *task = g_ptr_array_index (overdue, i);

      g_assert_cmpuint (task->overdue, >, 0);
      g_assert_cmpuint (strlen (task->publication_due), ==, 10);
      /* Long names wrap in their cell: look for the first few characters. */
      {
        g_autofree char *start = g_utf8_substring (task->name, 0, 8);

        g_assert_nonnull (strstr (text, start));
      }
    }
}

static void
test_refusals (void)
{
  g_autoptr (SuijiProgress) progress = compute ("2025-12-31", 0);
  g_autoptr (GError) error = NULL;
  g_autofree char *folder = out_path ("no-such-folder");
  const char      *names[] = { "chart.png", "chart.svg", "chart.pdf" };
  GDate            today;

  g_assert_false (
      suiji_chart_export (progress, SUIJI_CHART_TREND, "chart.gif", 0, 0, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);

      g_assert_false (suiji_chart_export (progress, SUIJI_CHART_TREND, path, 0, 0, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "Choose another folder"));
      g_clear_error (&error);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, 3, 2026);
  {
    g_autofree char *path = g_build_filename (folder, "summary.pdf", NULL);

    g_assert_false (suiji_summary_write_pdf (get_sample (), progress, &today, path, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  }

  g_assert_true (suiji_chart_kind_from_string ("departments", &(SuijiChartKind){ 0 }));
  g_assert_false (suiji_chart_kind_from_string ("pie", &(SuijiChartKind){ 0 }));
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/charts/png-of-every-chart", test_png_of_every_chart);
  g_test_add_func ("/charts/labels-in-svg-and-pdf", test_labels_in_svg_and_pdf);
  g_test_add_func ("/charts/summary-report", test_summary_report);
  g_test_add_func ("/charts/dark-and-transparent", test_dark_and_transparent);
  g_test_add_func ("/charts/regions", test_regions);
  g_test_add_func ("/charts/refusals", test_refusals);
  /* Last: it adds a task to the sample year. */
  g_test_add_func ("/charts/pixels-follow-the-figures", test_pixels_follow_the_figures);

  status = g_test_run ();
  g_clear_object (&sample_db);
  return status;
}
