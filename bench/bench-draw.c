/* bench-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Draw figures on a county pool: 100 000 subjects in A–D and 未分类 with the
 * default ratios, 2 of 300 inspectors per subject. The draw itself (no
 * database), writing its JSON record, verifying the record (reading it and
 * drawing again), json-glib's writer and reader that the hand-written ones
 * replaced, and the independent Python reading on the same record for
 * scale. Usage: bench-draw [path/to/tests/draw_reference.py]
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "bench-stats.h"
#include "suiji-credit-code.h"
#include "suiji-draw-private.h"

#define N_SUBJECTS   100000
#define N_INSPECTORS 300
#define N_RUNS       5

static SuijiDrawRecord *
county_pool (void)
{
  SuijiDrawRecord *rec = suiji_draw_record_new ();
  GRand           *rand = g_rand_new_with_seed (2025);
  const char       charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const char      *departments[] = { "沙河市市场监督管理局", NULL };
  guint8           seed[SUIJI_DRAW_SEED_SIZE];

  suiji_draw_seed_from_text (
      "2025年3月1日 中国福利彩票 双色球 第2025023期 开奖号码 03 07 12 19 25 31 + 09", seed);
  suiji_draw_record_set_seed_text (
      rec, "2025年3月1日 中国福利彩票 双色球 第2025023期 开奖号码 03 07 12 19 25 31 + 09");
  suiji_draw_record_set_task (rec, 1, "2025年第一季度双随机抽查", departments);

  for (guint i = 0; i < N_SUBJECTS; i++)
    {
      char             code[19] = "91130582MA0";
      char             check;
      int              percent = g_rand_int_range (rand, 0, 100);
      const char      *stratum;
      g_autofree char *name = g_strdup_printf ("沙河市第%u玻璃制品有限公司", i);

      /* The row number in base 31 keeps every code unique. */
      for (guint c = 16, n = i; c >= 11; c--, n /= 31)
        code[c] = charset[n % 31];
      code[17] = '0';
      suiji_credit_code_check (code, &check);
      code[17] = check;

      /* Classes as a county has them: A 35 %, B 50 %, C 9 %, D 3 %, none 3 %. */
      if (percent < 35)
        stratum = "A";
      else if (percent < 85)
        stratum = "B";
      else if (percent < 94)
        stratum = "C";
      else if (percent < 97)
        stratum = "D";
      else
        stratum = SUIJI_DRAW_UNCLASSIFIED;
      suiji_draw_record_add_candidate (rec, code, name, stratum);
    }

  for (guint i = 0; i < N_INSPECTORS; i++)
    {
      g_autofree char *badge = g_strdup_printf ("13058220%06u", 190001 + i);

      suiji_draw_record_add_inspector (rec, badge, departments[0]);
    }

  suiji_draw_record_set_ratio (rec, "A", 100);
  suiji_draw_record_set_ratio (rec, "B", 200);
  suiji_draw_record_set_ratio (rec, "C", 1000);
  suiji_draw_record_set_ratio (rec, "D", 3000);
  suiji_draw_record_set_ratio (rec, SUIJI_DRAW_UNCLASSIFIED, 300);
  suiji_draw_record_set_inspectors_per_subject (rec, 2);

  g_rand_free (rand);
  return rec;
}

static char *
find_reference (int argc, char *argv[])
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *exe_dir = exe != NULL ? g_path_get_dirname (exe) : g_strdup (".");
  const char      *source = g_getenv ("SUIJI_SOURCE_DIR");
  char            *candidates[] = {
               argc > 1 ? g_strdup (argv[1]) : NULL,
    source != NULL ? g_build_filename (source, "tests", "draw_reference.py", NULL) : NULL,
    g_build_filename (exe_dir, "..", "..", "tests", "draw_reference.py", NULL),
    g_build_filename ("tests", "draw_reference.py", NULL),
  };
  char *found = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (found == NULL && candidates[i] != NULL &&
          g_file_test (candidates[i], G_FILE_TEST_IS_REGULAR))
        found = g_steal_pointer (&candidates[i]);
      g_free (candidates[i]);
    }
  return found;
}

/* Runs the Python reading's --bench on the record; returns its draw time
 * in ms, or a negative number when it could not run. */
static double
python_draw_ms (const char *script, const char *record_path)
{
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  const char *argv[] = { python, script, "--bench", record_path, NULL };
  const char *line;
  int         status;
  double      ms = -1;

  if (python == NULL || script == NULL)
    return -1;
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                     &error))
    {
      g_printerr ("bench-draw: %s\n", error->message);
      return -1;
    }
  line = strstr (out, "draw_ms ");
  if (line != NULL)
    ms = g_ascii_strtod (line + strlen ("draw_ms "), NULL);
  if (!g_spawn_check_wait_status (status, NULL) || strstr (out, "\nverified\n") == NULL)
    g_printerr ("bench-draw: the Python reading does not verify the record:\n%s%s", out, err);
  return ms;
}

int
main (int argc, char *argv[])
{
  g_autoptr (SuijiDrawRecord) rec = NULL;
  g_autofree char *script = find_reference (argc, argv);
  g_autofree char *folder = g_dir_make_tmp ("suiji-bench-XXXXXX", NULL);
  g_autofree char *record_path = g_build_filename (folder, "draw.json", NULL);
  g_autofree char *json = NULL;
  double build_ms, draw[N_RUNS], write[N_RUNS], parse[N_RUNS], verify[N_RUNS], total[N_RUNS];
  double draw_median, python_ms, digest_ms, glib_write_ms, glib_read_ms;
  gsize  length = 0;
  guint  n_picks;
  gint64 start;

  start = g_get_monotonic_time ();
  rec = county_pool ();
  build_ms = (g_get_monotonic_time () - start) / 1000.0;

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr (GError) error = NULL;

      start = g_get_monotonic_time ();
      if (!suiji_draw_run (rec, &error))
        g_error ("%s", error->message);
      draw[i] = (g_get_monotonic_time () - start) / 1000.0;

      g_free (json);
      start = g_get_monotonic_time ();
      json = suiji_draw_record_to_json (rec, &length);
      write[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr (SuijiDrawRecord) published = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *difference = NULL;
      gint64           parsed;

      start = g_get_monotonic_time ();
      published = suiji_draw_record_from_json (json, (gssize) length, &error);
      if (published == NULL)
        g_error ("%s", error->message);
      parsed = g_get_monotonic_time ();
      if (!suiji_draw_verify (published, &difference, &error))
        g_error ("not verified: %s", difference != NULL ? difference : error->message);
      parse[i] = (parsed - start) / 1000.0;
      verify[i] = (g_get_monotonic_time () - parsed) / 1000.0;
      total[i] = parse[i] + verify[i];
    }

  start = g_get_monotonic_time ();
  g_free (suiji_draw_digest_json (json, length));
  digest_ms = (g_get_monotonic_time () - start) / 1000.0;

  /* Once each: they take a second between them. */
  {
    g_autoptr (SuijiDrawRecord) published = NULL;
    g_autofree char *glib_json = NULL;
    gsize            glib_length = 0;

    start = g_get_monotonic_time ();
    glib_json = _suiji_draw_record_to_json_glib (rec, &glib_length);
    glib_write_ms = (g_get_monotonic_time () - start) / 1000.0;
    if (glib_length != length || memcmp (glib_json, json, length) != 0)
      g_error ("json-glib writes the record otherwise");
    start = g_get_monotonic_time ();
    published = _suiji_draw_record_from_json_glib (json, (gssize) length, NULL);
    glib_read_ms = (g_get_monotonic_time () - start) / 1000.0;
    if (published == NULL)
      g_error ("json-glib does not read the record");
  }

  suiji_draw_record_get_picks (rec, &n_picks);
  draw_median = bench_median (draw, N_RUNS);
  g_print ("draw: %d subjects, %d inspectors, %u drawn with 2 inspectors each, %u processors\n",
           N_SUBJECTS, N_INSPECTORS, n_picks, g_get_num_processors ());
  g_print ("draw: building the inputs %.1f ms (the caller's side, once)\n", build_ms);
  g_print ("draw: the draw, median of %d: %.1f ms\n", N_RUNS, draw_median);
  g_print ("draw: writing the JSON record (%.1f MB): median %.1f ms\n", length / 1e6,
           bench_median (write, N_RUNS));
  g_print ("draw: its digest (SHA-256): %.1f ms\n", digest_ms);
  g_print ("draw: verifying the record: median %.1f ms (reading %.1f ms, drawing again and "
           "comparing %.1f ms)\n",
           bench_median (total, N_RUNS), bench_median (parse, N_RUNS),
           bench_median (verify, N_RUNS));
  g_print ("draw: through json-glib, as before: writing %.1f ms, reading %.1f ms\n", glib_write_ms,
           glib_read_ms);

  if (!g_file_set_contents (record_path, json, (gssize) length, NULL))
    g_error ("could not write %s", record_path);
  python_ms = python_draw_ms (script, record_path);
  if (python_ms >= 0)
    g_print ("draw: the Python reading (%s) on the same record: %.0f ms; ratio Python/C %.0f\n",
             script, python_ms, python_ms / draw_median);
  else
    g_print ("draw: the Python reading could not run (give the path of tests/draw_reference.py)\n");

  g_unlink (record_path);
  g_rmdir (folder);
  return 0;
}
