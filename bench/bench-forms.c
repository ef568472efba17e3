/* bench-forms.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export of one monthly form (附件1, every cell filled) as the user asks
 * for it: loading the saved report from the database and writing the xlsx
 * sheet, or the A4 PDF. The first PDF of a process also loads the fonts;
 * it is shown apart. Target: each under 50 ms.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "bench-stats.h"
#include "suiji-form-render.h"
#include "suiji-form-report.h"
#include "suiji-form-xlsx.h"
#include "suiji-profile.h"

#define N_RUNS 30

static SuijiFormReport *
load (SuijiDatabase *db)
{
  g_autoptr (GError) error = NULL;
  SuijiFormReport *report = suiji_form_report_load (db, SUIJI_FORM_REGION, 2025, 3, 0, &error);

  if (report == NULL)
    g_error ("%s", error->message);
  return report;
}

static void
save_sample (SuijiDatabase *db)
{
  g_autoptr (SuijiFormReport) report = load (db);
  g_autoptr (GError) error = NULL;
  gint64           values[SUIJI_FORM_MAX_ROWS][SUIJI_FORM_N_COLUMNS];
  SuijiUnitProfile profile = {
    .unit_name = (char *) "沙河市市场监督管理局",
    .contact_person = (char *) "刘向向",
    .contact_phone = (char *) "0319-8756862",
    .mobile = (char *) "13800000000",
    .report_year = 2025,
  };

  if (!suiji_unit_profile_save (db, &profile, &error))
    g_error ("%s", error->message);

  for (guint r = 0; r < SUIJI_FORM_MAX_ROWS; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      values[r][c] = 1000 - 50 * r - 10 * c;
  suiji_form_report_fill (report, (const gint64 (*)[SUIJI_FORM_N_COLUMNS]) values,
                          SUIJI_FORM_MAX_ROWS);
  if (!suiji_form_report_save (db, report, &error))
    g_error ("%s", error->message);
}

static double
time_export (SuijiDatabase *db, const char *path, gboolean pdf)
{
  g_autoptr (GError) error = NULL;
  gint64   start = g_get_monotonic_time ();
  gboolean ok;

  {
    g_autoptr (SuijiFormReport) report = load (db);

    ok = pdf ? suiji_form_render_pdf (report, path, NULL, &error)
             : suiji_form_xlsx_write (report, path, &error);
  }
  if (!ok)
    g_error ("%s", error->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int argc, char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("suiji-bench-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (folder, "bench.db", NULL);
  g_autofree char *xlsx = g_build_filename (folder, "form.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (folder, "form.pdf", NULL);
  g_autoptr (SuijiDatabase) db = NULL;
  g_autoptr (GError) error = NULL;
  double xlsx_ms[N_RUNS];
  double pdf_ms[N_RUNS];
  double first_pdf_ms;
  double xlsx_median, pdf_median;

  setlocale (LC_ALL, "");
  db = suiji_database_open (db_path, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  save_sample (db);

  first_pdf_ms = time_export (db, pdf, TRUE);
  for (guint i = 0; i < N_RUNS; i++)
    {
      xlsx_ms[i] = time_export (db, xlsx, FALSE);
      pdf_ms[i] = time_export (db, pdf, TRUE);
    }

  /* The median sorts the figures: the slowest is the last one after it. */
  xlsx_median = bench_median (xlsx_ms, N_RUNS);
  pdf_median = bench_median (pdf_ms, N_RUNS);
  g_print ("form export, 附件1 with every cell filled, median of %d runs (target < 50 ms)\n",
           N_RUNS);
  g_print ("  xlsx: %.1f ms (slowest %.1f ms)\n", xlsx_median, xlsx_ms[N_RUNS - 1]);
  g_print ("  pdf:  %.1f ms (slowest %.1f ms); first in the process, with font loading: %.1f ms\n",
           pdf_median, pdf_ms[N_RUNS - 1], first_pdf_ms);

  g_unlink (xlsx);
  g_unlink (pdf);
  g_clear_object (&db);
  bench_remove_database (db_path);
  g_rmdir (folder);
  return 0;
}
