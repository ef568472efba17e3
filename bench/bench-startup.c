/* bench-startup.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Cold start to first frame: starts the suiji window on a database with the
 * sample data (2000 subjects, or the number given), N times, and measures
 * from just before the spawn until the window reports its first painted
 * frame, which shows the first rows of the subjects. Run it under a
 * display, e.g.
 *   GTK_A11Y=none xvfb-run -a build/bench/bench-startup 100000
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-stats.h"

#define N_RUNS 10

static long
read_kb (const char *out, const char *name)
{
  const char *line = strstr (out, name);

  return line != NULL ? (long) g_ascii_strtoll (line + strlen (name), NULL, 10) : 0;
}

static double
start_once (const char *db_path, long *rss_kb, long *hwm_kb)
{
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  const char      *line;
  gint64           start, first_frame;

  start = g_get_monotonic_time ();
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, SUIJI_EXECUTABLE, "--db",
                              db_path, "--quit-after-first-frame", NULL);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error))
    g_error ("could not run suiji: %s", error->message);

  line = out != NULL ? strstr (out, "first-frame-monotonic-us: ") : NULL;
  if (line == NULL || !g_subprocess_get_successful (process))
    g_error ("suiji did not report its first frame (is there a display?)");

  first_frame = g_ascii_strtoll (line + strlen ("first-frame-monotonic-us: "), NULL, 10);
  *rss_kb = read_kb (out, "rss-kb: ");
  *hwm_kb = read_kb (out, "hwm-kb: ");
  return (first_frame - start) / 1000.0;
}

int
main (int argc, char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("suiji-bench-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (folder, "bench.db", NULL);
  g_autofree char *cli = NULL;
  g_autofree char *command = NULL;
  double           ms[N_RUNS];
  double           rss[N_RUNS];
  double           hwm[N_RUNS];
  double           median;
  long             rss_kb = 0;
  long             hwm_kb = 0;
  int              n_subjects = argc > 1 ? atoi (argv[1]) : 2000;

  /* A build that is not installed: its own settings schema. */
  g_setenv ("GSETTINGS_SCHEMA_DIR", SUIJI_SCHEMAS_DIR, FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
  bench_print_machine ("startup");

  /* The window is measured as a user meets it: on the sample data. */
  cli = g_build_filename (g_path_get_dirname (SUIJI_EXECUTABLE), "..", "cli", "suiji-cli", NULL);
  command = g_strdup_printf ("'%s' --db '%s' sample-data --subjects %d > /dev/null", cli, db_path,
                             n_subjects);
  if (system (command) != 0)
    g_error ("could not fill the sample data with %s", cli);

  /* One start to warm the page cache, as after any previous use. */
  start_once (db_path, &rss_kb, &hwm_kb);
  for (guint i = 0; i < N_RUNS; i++)
    {
      ms[i] = start_once (db_path, &rss_kb, &hwm_kb);
      rss[i] = rss_kb / 1024.0;
      hwm[i] = hwm_kb / 1024.0;
    }

  median = bench_median (ms, N_RUNS);
  g_print ("startup: %d subjects, cold start to first frame with the subjects on screen: median "
           "%.1f ms, "
           "min %.1f ms, max %.1f ms over %d runs; resident memory median %.0f MB (VmRSS), "
           "at most %.0f MB (VmHWM)\n",
           n_subjects, median, ms[0], ms[N_RUNS - 1], N_RUNS, bench_median (rss, N_RUNS),
           bench_median (hwm, N_RUNS));

  {
    g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", folder);
    if (system (rm) != 0)
      g_warning ("could not remove %s", folder);
  }
  return 0;
}
