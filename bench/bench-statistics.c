/* bench-statistics.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Statistics figures on a busy year: 2 000 tasks of 15 departments, about
 * half of them joint, 200 000 drawn subjects (100 per draw) with results
 * for nine in ten. The year is written with bulk SQL into a real database
 * (the database's own triggers open the result rows and keep the sums
 * the forms read); then 附件1 and 附件2 of every department are computed,
 * once from one snapshot and once form by form.
 *
 * Usage: bench-statistics [FILE]; with FILE the year is kept there and
 * measured again on the next run.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-stats.h"
#include "suiji-database-private.h"
#include "suiji-statistics.h"

#define N_DEPARTMENTS 15
#define N_SUBJECTS    100000
#define N_TASKS       2000
#define PER_DRAW      100
#define N_RUNS        15

/* A saved record of 100 subjects with their inspectors is about this long. */
#define RECORD_SIZE 40000

static void
exec_or_die (SuijiDatabase *db, const char *sql)
{
  g_autoptr (GError) error = NULL;

  if (!_suiji_database_exec (db, sql, &error))
    g_error ("%s: %s", sql, error->message);
}

/* Everything in one transaction, as an import would write it. */
static void
write_year (SuijiDatabase *db)
{
  g_autofree char *departments = NULL;
  g_autofree char *subjects = NULL;
  g_autofree char *tasks = NULL;
  g_autofree char *draws = NULL;
  g_autofree char *picks = NULL;

  exec_or_die (db, "BEGIN IMMEDIATE");

  departments = g_strdup_printf (
      "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
      " INSERT INTO departments (id, name, is_market_regulation, sort_order)"
      " SELECT i, '部门' || i, i = 1, i FROM n",
      N_DEPARTMENTS);
  exec_or_die (db, departments);

  /* Three in five enterprises, classes A to D and none. */
  subjects = g_strdup_printf (
      "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
      " INSERT INTO subjects (id, key, name, subject_type, credit_class, department_id)"
      " SELECT i, printf('K%%07d', i), '主体' || i,"
      "   CASE i %% 5 WHEN 0 THEN '个体工商户' WHEN 1 THEN '农民专业合作社' WHEN 2 THEN "
      "'个体工商户'"
      "   ELSE '企业' END,"
      "   CASE i %% 7 WHEN 0 THEN NULL WHEN 1 THEN 'C' WHEN 2 THEN 'D' WHEN 3 THEN 'A' ELSE 'B' "
      "END,"
      "   1 + i %% %d FROM n",
      N_SUBJECTS, N_DEPARTMENTS);
  exec_or_die (db, subjects);

  /* One task in ten on another platform (internal ones), one in twelve
   * not by class; every other task is joint, with one or two more
   * departments. */
  tasks = g_strdup_printf (
      "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
      " INSERT INTO tasks (id, name, year, lead_department_id, platform, stratified, state)"
      " SELECT i, '任务' || i, 2025, 1 + i %% %d,"
      "   CASE WHEN i %% 10 = 4 THEN '其他平台' ELSE '河北双随机执法监管平台' END,"
      "   i %% 12 <> 0, 'drawn' FROM n",
      N_TASKS, N_DEPARTMENTS);
  exec_or_die (db, tasks);
  exec_or_die (db, "INSERT INTO task_departments (task_id, department_id)"
                   " SELECT id, lead_department_id FROM tasks");
  exec_or_die (db, "INSERT INTO task_departments (task_id, department_id)"
                   " SELECT id, 1 + (lead_department_id + 2) % 15 FROM tasks WHERE id % 2 = 1");
  exec_or_die (db, "INSERT INTO task_departments (task_id, department_id)"
                   " SELECT id, 1 + (lead_department_id + 6) % 15 FROM tasks WHERE id % 6 = 1");

  /* A draw a task, spread over the year's days, with a record as long as
   * a real one: the figures must not read it. */
  draws = g_strdup_printf (
      "INSERT INTO draws (id, task_id, drawn_at, algorithm, seed, record, record_digest)"
      " SELECT id, id, strftime('%%Y-%%m-%%dT10:00:00+08:00', '2025-01-02', '+' ||"
      "   (id * 360 / %d) || ' days'), 'suiji-draw-v1', '', hex(zeroblob(%d)), '' FROM tasks",
      N_TASKS, RECORD_SIZE / 2);
  exec_or_die (db, draws);

  /* Each draw takes 100 subjects; their results and tallies open as a
   * saved draw opens them (suiji-task-draw.c). */
  picks = g_strdup_printf (
      "WITH RECURSIVE n (i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
      " INSERT INTO draw_subjects (draw_id, position, subject_id, key, stratum)"
      " SELECT d.id, n.i, s.id, s.key, coalesce(s.credit_class, '未分类')"
      " FROM draws d JOIN n JOIN subjects s ON s.id = 1 + (d.id * 7919 + n.i * 104729) %% %d"
      " ORDER BY d.id, n.i",
      PER_DRAW - 1, N_SUBJECTS);
  exec_or_die (db, picks);
  exec_or_die (db,
               "INSERT INTO results (draw_id, position, task_id, subject_type)"
               " SELECT ds.draw_id, ds.position, d.task_id, coalesce(s.subject_type, '')"
               " FROM draw_subjects ds JOIN draws d ON d.id = ds.draw_id"
               " LEFT JOIN subjects s ON s.id = ds.subject_id ORDER BY ds.draw_id, ds.position");
  exec_or_die (db, "INSERT INTO result_tallies (draw_id, day, enterprise, drawn)"
                   " SELECT draw_id, '', subject_type = '企业', count(*) FROM results"
                   " GROUP BY draw_id, subject_type = '企业'");

  /* Nine in ten checked within two months of the draw; the category by
   * position, so that about one in five finds a problem. */
  exec_or_die (db, "UPDATE results SET"
                   " inspected_on = date(substr((SELECT drawn_at FROM draws d"
                   "   WHERE d.id = results.draw_id), 1, 10), '+' || (position % 60) || ' days'),"
                   " category = CASE position % 10 WHEN 0 THEN 'problem-pending'"
                   "   WHEN 1 THEN 'problem-corrected' WHEN 2 THEN 'no-activity'"
                   "   WHEN 3 THEN 'gone' ELSE 'no-problem' END"
                   " WHERE (draw_id + position) % 10 <> 0");

  exec_or_die (db, "COMMIT");
  exec_or_die (db, "ANALYZE");
}

/* printf, not g_print: the labels are UTF-8 whatever the locale says. */
static void
print_figures (const char *title, const SuijiFigures *figures)
{
  printf ("%s\n", title);
  for (guint r = 0; r < figures->n_rows; r++)
    printf ("  %2u %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT " %8" G_GINT64_FORMAT
            " %8" G_GINT64_FORMAT "\n",
            r + 1, figures->values[r][0], figures->values[r][1], figures->values[r][2],
            figures->values[r][3]);
}

int
main (int argc, char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("suiji-bench-statistics-XXXXXX", NULL);
  g_autofree char *path =
      argc > 1 ? g_strdup (argv[1]) : g_build_filename (folder, "year.db", NULL);
  g_autoptr (SuijiDatabase) db = NULL;
  g_autoptr (GError) error = NULL;
  double       snapshot_ms[N_RUNS];
  double       separate_ms[N_RUNS];
  SuijiFigures region;
  SuijiFigures departments[N_DEPARTMENTS];
  gint64       started;

  db = suiji_database_open (path, &error);
  if (db == NULL)
    g_error ("%s", error->message);

  /* A kept file is measured again as it is. */
  if (suiji_database_is_empty (db))
    {
      started = g_get_monotonic_time ();
      write_year (db);
      printf ("year written: %d tasks, %d drawn subjects in %.1f s\n", N_TASKS, N_TASKS * PER_DRAW,
              (double) (g_get_monotonic_time () - started) / 1e6);
    }

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autoptr (SuijiStatisticsSnapshot) snapshot = NULL;

      /* One reading of the year for every form. */
      started = g_get_monotonic_time ();
      snapshot = suiji_statistics_snapshot_new (db, 2025, "2025-12-31", &error);
      if (snapshot == NULL)
        g_error ("%s", error->message);
      suiji_statistics_snapshot_figures (snapshot, SUIJI_STATISTICS_REGION, 0, &region);
      for (guint d = 0; d < N_DEPARTMENTS; d++)
        suiji_statistics_snapshot_figures (snapshot, SUIJI_STATISTICS_DEPARTMENT, d + 1,
                                           &departments[d]);
      snapshot_ms[run] = (double) (g_get_monotonic_time () - started) / 1000.0;

      /* Form by form, as a caller that wants one form does. */
      started = g_get_monotonic_time ();
      if (!suiji_statistics_compute (db, SUIJI_STATISTICS_REGION, 2025, "2025-12-31", 0, &region,
                                     &error))
        g_error ("%s", error->message);
      for (guint d = 0; d < N_DEPARTMENTS; d++)
        if (!suiji_statistics_compute (db, SUIJI_STATISTICS_DEPARTMENT, 2025, "2025-12-31", d + 1,
                                       &departments[d], &error))
          g_error ("%s", error->message);
      separate_ms[run] = (double) (g_get_monotonic_time () - started) / 1000.0;
    }

  print_figures ("附件1, 2025-01-01 to 2025-12-31 (次数, 抽查总户数, 完成检查户数, 发现问题户数):",
                 &region);
  print_figures ("附件2 of 部门1, the market-regulation bureau:", &departments[0]);
  print_figures ("附件2 of 部门2:", &departments[1]);

  printf ("附件1 + %d × 附件2 from one snapshot: %.1f ms (median of %d)\n", N_DEPARTMENTS,
          bench_median (snapshot_ms, N_RUNS), N_RUNS);
  printf ("附件1 + %d × 附件2 form by form:      %.1f ms (median of %d)\n", N_DEPARTMENTS,
          bench_median (separate_ms, N_RUNS), N_RUNS);

  g_clear_object (&db);
  if (argc == 1)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_rmdir (folder);
  return 0;
}
