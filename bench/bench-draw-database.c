/* bench-draw-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draw as the window and `suiji-cli draw` run it, from the database to
 * the saved record: 100 000 subjects of the sample directory (classes A–D
 * and unclassified), 300 active inspectors, 2 per subject. Each run is a
 * new task, since a saved draw is never replaced. Prints the phases:
 * freezing the pool and inspectors from SQLite, the draw, and the save
 * (one transaction synced to the disk, the JSON record, its digest and
 * its zstd frame written on a thread meanwhile). Off the clock, after
 * each run: the checkpoint that copies the record from the write-ahead
 * log into the file, which the save leaves for later, and the JSON record,
 * its digest and its packing done again alone, so that their share shows.
 * Usage: bench-draw-database [n_subjects]
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-stats.h"
#include "suiji-department.h"
#include "suiji-inspector.h"
#include "suiji-sample-data.h"
#include "suiji-stored-record-private.h"
#include "suiji-task-draw.h"
#include "suiji-task.h"

#define N_INSPECTORS 300
#define N_RUNS       9

static void
add_inspectors (SuijiDatabase *db, gint64 department_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiInspectorWriter) writer = suiji_inspector_writer_new (db, &error);

  if (writer == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < N_INSPECTORS; i++)
    {
      g_autofree char     *badge = g_strdup_printf ("1305829%07u", i);
      g_autofree char     *name = g_strdup_printf ("检查员%u", i);
      SuijiInspectorRecord record = { 0 };

      record.badge = badge;
      record.name = name;
      record.badge_valid_until = (char *) "2099-12-31";
      record.department_id = department_id;
      record.post = (char *) "";
      record.active = 1;
      if (suiji_inspector_writer_write (writer, &record, NULL, &error) == 0)
        g_error ("%s", error->message);
    }
}

int
main (int argc, char *argv[])
{
  guint            n_subjects = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  g_autofree char *folder = g_dir_make_tmp ("suiji-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (folder, "draw.db", NULL);
  g_autoptr (SuijiDatabase) db = NULL;
  g_autoptr (GError) error = NULL;
  double prepare[N_RUNS], draw[N_RUNS], save[N_RUNS], total[N_RUNS], record_ms[N_RUNS];
  double pack_ms[N_RUNS];
  gsize  json_length = 0, packed_length = 0;
  double checkpoint[N_RUNS], median;
  gint64 department;
  guint  n_candidates = 0, n_picks = 0, n_inspectors = 0;
  gint64 start;

  db = suiji_database_open (path, &error);
  if (db == NULL || !suiji_sample_data_fill (db, n_subjects, 7, NULL, &error))
    g_error ("%s", error->message);
  /* The inspectors of one department: the sample's own, and enough more
   * for 300 who may go. */
  department = suiji_department_find (db, "沙河市市场监督管理局", &error);
  add_inspectors (db, department);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (SuijiTaskRecord) task = suiji_task_record_new ();
      g_autoptr (SuijiDrawRecord) record = NULL;
      g_autofree char *json = NULL;
      g_autofree char *digest = NULL;
      g_autofree char *packed = NULL;
      guint8           seed[SUIJI_DRAW_SEED_SIZE];
      guint            none = 0;
      gsize            length = 0;
      gint64           task_id, prepared, drawn, saved;

      task->name = g_strdup_printf ("基准抽取%u", run);
      task->year = 2025;
      g_array_append_val (task->department_ids, department);
      g_array_append_val (task->department_inspectors, none);
      if (!suiji_task_default_rules (db, task, &error) ||
          (task_id = suiji_task_create (db, task, &error)) == 0)
        g_error ("%s", error->message);

      start = g_get_monotonic_time ();
      record = suiji_task_prepare_draw (db, task_id, &error);
      if (record == NULL)
        g_error ("%s", error->message);
      prepared = g_get_monotonic_time ();
      suiji_draw_seed_generate (seed);
      suiji_draw_record_set_seed_random (record, seed);
      if (!suiji_draw_run (record, &error))
        g_error ("%s", error->message);
      drawn = g_get_monotonic_time ();
      if (suiji_task_save_draw (db, task_id, record, &error) == 0)
        g_error ("%s", error->message);
      saved = g_get_monotonic_time ();

      prepare[run] = (prepared - start) / 1000.0;
      draw[run] = (drawn - prepared) / 1000.0;
      save[run] = (saved - drawn) / 1000.0;
      total[run] = (saved - start) / 1000.0;

      /* After the save, which writes the record on a thread of its own
       * while the picks go in, and off the clock of the total. */
      start = g_get_monotonic_time ();
      if (!suiji_database_checkpoint (db, &error))
        g_error ("%s", error->message);
      checkpoint[run] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      json = suiji_draw_record_to_json (record, &length);
      digest = suiji_draw_digest_json (json, length);
      record_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
      start = g_get_monotonic_time ();
      packed = _suiji_stored_record_pack (json, length, &packed_length);
      pack_ms[run] = (g_get_monotonic_time () - start) / 1000.0;
      json_length = length;
      n_candidates = suiji_draw_record_get_n_candidates (record);
      n_inspectors = suiji_draw_record_get_n_inspectors (record);
      suiji_draw_record_get_picks (record, &n_picks);
    }

  g_print ("draw-database: %u subjects in the pool, %u inspectors, %u drawn, %u processors\n",
           n_candidates, n_inspectors, n_picks, g_get_num_processors ());
  g_print ("draw-database: freezing the pool from SQLite: median %.1f ms\n",
           bench_median (prepare, N_RUNS));
  g_print ("draw-database: the draw: median %.1f ms\n", bench_median (draw, N_RUNS));
  g_print ("draw-database: saving (synced transaction, record written and packed beside it): "
           "median %.1f ms\n",
           bench_median (save, N_RUNS));
  /* Sorted by bench_median (): the best and the worst are at the ends. */
  median = bench_median (total, N_RUNS);
  g_print ("draw-database: from the database to the saved record: median %.1f ms (target 150), "
           "best %.1f, worst %.1f\n",
           median, total[0], total[N_RUNS - 1]);
  g_print ("draw-database: then the checkpoint of the write-ahead log: median %.1f ms\n",
           bench_median (checkpoint, N_RUNS));
  g_print ("draw-database: and the JSON record and its digest alone: median %.1f ms\n",
           bench_median (record_ms, N_RUNS));
  g_print ("draw-database: and packing it (%.1f MB of JSON kept as %.0f KB): median %.1f ms\n",
           json_length / 1e6, packed_length / 1e3, bench_median (pack_ms, N_RUNS));

  g_clear_object (&db);
  {
    g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *file = g_build_filename (folder, name, NULL);
        g_unlink (file);
      }
  }
  g_rmdir (folder);
  return 0;
}
