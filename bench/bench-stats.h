/* bench-stats.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

static inline int
bench_compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts @values in place and returns their median. */
static inline double
bench_median (double *values, guint n_values)
{
  qsort (values, n_values, sizeof (double), bench_compare_doubles);
  if (n_values % 2 == 1)
    return values[n_values / 2];
  return (values[n_values / 2 - 1] + values[n_values / 2]) / 2.0;
}

/* Removes a database file with its write-ahead log and shared memory. */
static inline void
bench_remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
}

/* The machine under the figures: processor, how many, and how busy they
 * were (other programs share them). */
static inline void
bench_print_machine (const char *bench)
{
  g_autofree char *cpuinfo = NULL;
  g_autofree char *loadavg = NULL;
  const char      *model = NULL;
  guint            n_processors = g_get_num_processors ();

  if (g_file_get_contents ("/proc/cpuinfo", &cpuinfo, NULL, NULL) &&
      (model = strstr (cpuinfo, "model name")) != NULL)
    {
      model = strchr (model, ':');
      model = model != NULL ? model + 2 : NULL;
      if (model != NULL)
        *strchr (model, '\n') = '\0';
    }
  if (g_file_get_contents ("/proc/loadavg", &loadavg, NULL, NULL))
    g_strchomp (loadavg);

  g_print ("%s: machine: %s, %u processors; load average %s\n", bench,
           model != NULL ? model : "unknown processor", n_processors,
           loadavg != NULL ? loadavg : "unknown");
}
