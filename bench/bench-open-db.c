/* bench-open-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times opening the database: creating a new file (with its migration) and
 * opening an existing one, as every start of suiji and suiji-cli does.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-stats.h"
#include "suiji-database.h"

#define N_RUNS 50

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
}

int
main (int argc, char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("suiji-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "bench.db", NULL);
  double           create_ms[N_RUNS];
  double           open_ms[N_RUNS];

  for (guint i = 0; i < N_RUNS; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start;

      remove_database (path);
      start = g_get_monotonic_time ();
      {
        g_autoptr (SuijiDatabase) db = suiji_database_open (path, &error);
        if (db == NULL)
          g_error ("%s", error->message);
      }
      create_ms[i] = (g_get_monotonic_time () - start) / 1000.0;

      start = g_get_monotonic_time ();
      {
        g_autoptr (SuijiDatabase) db = suiji_database_open (path, &error);
        if (db == NULL)
          g_error ("%s", error->message);
      }
      open_ms[i] = (g_get_monotonic_time () - start) / 1000.0;
    }

  remove_database (path);
  g_rmdir (folder);

  g_print ("open-db: create new database: median %.3f ms over %d runs\n",
           bench_median (create_ms, N_RUNS), N_RUNS);
  g_print ("open-db: open existing database: median %.3f ms over %d runs\n",
           bench_median (open_ms, N_RUNS), N_RUNS);
  return 0;
}
