/* bench-charts.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The progress charts and the summary report from the sample year: each
 * chart drawn at 1600×1000 onto an image surface (and written as PNG),
 * the summary report written as PDF with its figures, and the figures
 * alone (one statistics snapshot per month begun). The first drawing of a
 * process also loads the fonts; it is shown apart. Targets: each chart
 * under 20 ms, the summary under 300 ms.
 *
 * Usage: bench-charts [FILE]; with FILE (a database, such as the year
 * bench-statistics keeps) the figures are also measured on it.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "bench-stats.h"
#include "suiji-chart.h"
#include "suiji-progress.h"
#include "suiji-sample-data.h"
#include "suiji-summary.h"

#define N_RUNS         30
#define N_SUMMARY_RUNS 10
#define WIDTH          1600
#define HEIGHT         1000

static double
elapsed_ms (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static SuijiProgress *
compute (SuijiDatabase *db, int year, double *ms)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *until = g_strdup_printf ("%04d-12-31", year);
  gint64           start = g_get_monotonic_time ();
  SuijiProgress   *progress = suiji_progress_compute (db, year, until, 0, &error);

  if (progress == NULL)
    g_error ("%s", error->message);
  if (ms != NULL)
    *ms = elapsed_ms (start);
  return progress;
}

static double
time_render (const SuijiProgress *progress, SuijiChartKind kind)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t         *cr = cairo_create (surface);
  gint64           start = g_get_monotonic_time ();
  double           ms;

  suiji_chart_render (progress, kind, cr, WIDTH, HEIGHT, NULL, NULL);
  cairo_surface_flush (surface);
  ms = elapsed_ms (start);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return ms;
}

static double
time_export (const SuijiProgress *progress, SuijiChartKind kind, const char *path)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!suiji_chart_export (progress, kind, path, WIDTH, HEIGHT, NULL, &error))
    g_error ("%s", error->message);
  return elapsed_ms (start);
}

/* The summary as the command line writes it: the figures, then the file. */
static double
time_summary (SuijiDatabase *db, const GDate *today, const char *path, double *figures_ms)
{
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr (SuijiProgress) progress = compute (db, 2025, figures_ms);

  if (!suiji_summary_write_pdf (db, progress, today, path, &error))
    g_error ("%s", error->message);
  return elapsed_ms (start);
}

static void
measure_figures (const char *path)
{
  g_autoptr (SuijiDatabase) db = NULL;
  g_autoptr (GError) error = NULL;
  double ms[5];

  db = suiji_database_open (path, &error);
  if (db == NULL)
    g_error ("%s", error->message);

  for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
    {
      g_autoptr (SuijiProgress) progress = compute (db, 2025, &ms[i]);
    }
  g_print ("progress figures of 2025 in %s, median of %u runs: %.1f ms\n", path,
           (guint) G_N_ELEMENTS (ms), bench_median (ms, G_N_ELEMENTS (ms)));
}

int
main (int argc, char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("suiji-bench-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (folder, "bench.db", NULL);
  g_autofree char *png = g_build_filename (folder, "chart.png", NULL);
  g_autofree char *pdf = g_build_filename (folder, "summary.pdf", NULL);
  g_autoptr (SuijiDatabase) db = NULL;
  g_autoptr (SuijiProgress) progress = NULL;
  g_autoptr (GError) error = NULL;
  double render_ms[SUIJI_N_CHARTS][N_RUNS];
  double png_ms[SUIJI_N_CHARTS][N_RUNS];
  double summary_ms[N_SUMMARY_RUNS];
  double figures_ms[N_SUMMARY_RUNS];
  double first_ms;
  GDate  today;

  setlocale (LC_ALL, "");
  db = suiji_database_open (db_path, &error);
  if (db == NULL || !suiji_sample_data_fill (db, SUIJI_SAMPLE_DEFAULT_SUBJECTS,
                                             SUIJI_SAMPLE_DEFAULT_SEED, NULL, &error))
    g_error ("%s", error->message);
  progress = compute (db, 2025, NULL);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 20, 3, 2026);

  first_ms = time_render (progress, SUIJI_CHART_TARGETS);
  for (guint i = 0; i < N_RUNS; i++)
    for (guint k = 0; k < SUIJI_N_CHARTS; k++)
      {
        render_ms[k][i] = time_render (progress, k);
        png_ms[k][i] = time_export (progress, k, png);
      }

  g_print ("charts at %d×%d from the sample year, median of %d runs (target < 20 ms)\n", WIDTH,
           HEIGHT, N_RUNS);
  for (guint k = 0; k < SUIJI_N_CHARTS; k++)
    {
      double drawn = bench_median (render_ms[k], N_RUNS);
      double written = bench_median (png_ms[k], N_RUNS);

      /* The median sorts the figures: the slowest is the last one after it. */
      g_print ("  %-12s drawn %.1f ms (slowest %.1f ms); drawn and written as PNG %.1f ms\n",
               suiji_chart_kind_to_string (k), drawn, render_ms[k][N_RUNS - 1], written);
    }
  g_print ("  the first chart of the process, with font loading: %.1f ms\n", first_ms);

  for (guint i = 0; i < N_SUMMARY_RUNS; i++)
    summary_ms[i] = time_summary (db, &today, pdf, &figures_ms[i]);
  {
    double summary = bench_median (summary_ms, N_SUMMARY_RUNS);
    double figures = bench_median (figures_ms, N_SUMMARY_RUNS);

    g_print ("summary report PDF with its figures, median of %d runs (target < 300 ms): %.1f ms "
             "(slowest %.1f ms); the figures alone %.1f ms\n",
             N_SUMMARY_RUNS, summary, summary_ms[N_SUMMARY_RUNS - 1], figures);
  }

  if (argc > 1)
    measure_figures (argv[1]);

  g_unlink (png);
  g_unlink (pdf);
  g_clear_object (&db);
  bench_remove_database (db_path);
  g_rmdir (folder);
  return 0;
}
