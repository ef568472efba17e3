/* bench-directories.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Directory figures on 100 000 subjects: importing a generated CSV (and the
 * same file through sqlite3's own .import, for scale), and the search that
 * runs on every keystroke of the subjects page.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>

#include "bench-stats.h"
#include "bench-subjects.h"
#include "suiji-credit-code.h"
#include "suiji-database-private.h"
#include "suiji-import.h"
#include "suiji-sample-data.h"
#include "suiji-subject.h"

#define N_SUBJECTS  100000
#define RUNS        7
#define IMPORT_RUNS 5

static const char *const regions[] = { "褡裢街道", "桥东街道", "桥西街道", "赞善街道", "周庄街道",
                                       "新城镇",   "白塔镇",   "十里亭镇", "綦村镇",   "册井镇",
                                       "刘石岗乡", "柴关乡",   "蝉房乡" };
static const char *const trades[] = { "鑫", "华", "宏", "晶", "盛", "源",
                                      "达", "恒", "泰", "德", "安", "兴" };
static const char *const industries[] = { "玻璃制品", "平板玻璃", "建材", "煤炭",
                                          "机械制造", "食品",     "商贸", "物流" };
static const char *const classes[] = { "A", "B", "B", "A", "C", "B", "D", "" };

/* A file like the platform's export: valid codes, realistic names and
 * addresses, a quoted field now and then. */
static char *
write_csv (const char *folder)
{
  g_autofree char *path = g_build_filename (folder, "subjects.csv", NULL);
  g_autoptr (GString) csv =
      g_string_new ("统一社会信用代码,企业名称,主体类型,所属区域,信用风险分类,住所,登记状态\n");
  GRand     *rand = g_rand_new_with_seed (2025);
  const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  for (guint i = 0; i < N_SUBJECTS; i++)
    {
      char        code[19] = "91130582MA0";
      char        check;
      const char *region = regions[g_rand_int_range (rand, 0, G_N_ELEMENTS (regions))];

      /* The row number in base 31 keeps every code unique. */
      for (guint c = 16, n = i; c >= 11; c--, n /= 31)
        code[c] = charset[n % 31];
      code[17] = '0';
      suiji_credit_code_check (code, &check);
      code[17] = check;

      g_string_append_printf (
          csv, "%s,沙河市%s%s%s%u有限公司,企业,%s,%s,\"沙河市%s团结路%u号,%u室\",存续\n", code,
          trades[g_rand_int_range (rand, 0, G_N_ELEMENTS (trades))],
          trades[g_rand_int_range (rand, 0, G_N_ELEMENTS (trades))],
          industries[g_rand_int_range (rand, 0, G_N_ELEMENTS (industries))], i, region,
          classes[g_rand_int_range (rand, 0, G_N_ELEMENTS (classes))], region,
          g_rand_int_range (rand, 1, 400), g_rand_int_range (rand, 100, 999));
    }

  g_rand_free (rand);
  if (!g_file_set_contents (path, csv->str, csv->len, NULL))
    g_error ("could not write %s", path);
  return g_steal_pointer (&path);
}

static double
import_once (const char *folder, const char *csv)
{
  g_autofree char *db_path = g_build_filename (folder, "import.db", NULL);
  g_autoptr (SuijiDatabase) db = NULL;
  g_autoptr (SuijiTable) table = NULL;
  g_autoptr (SuijiImport) import = NULL;
  g_autoptr (GError) error = NULL;
  SuijiImportSummary summary;
  gint64             start;

  g_unlink (db_path);
  db = suiji_database_open (db_path, &error);
  if (db == NULL)
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  table = suiji_table_read_file (csv, NULL, NULL, &error);
  if (table == NULL)
    g_error ("%s", error->message);
  import = suiji_import_new (db, SUIJI_DIRECTORY_SUBJECTS, g_steal_pointer (&table), csv);
  if (!suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary, &error))
    g_error ("%s", error->message);
  if (summary.added != N_SUBJECTS)
    g_error ("imported %u of %u", summary.added, N_SUBJECTS);

  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
sqlite_import_once (const char *csv)
{
  g_autofree char *command =
      g_strdup_printf ("sqlite3 :memory: 'CREATE TABLE subjects (key TEXT, name TEXT,"
                       " subject_type TEXT, region TEXT, credit_class TEXT, address TEXT,"
                       " status TEXT)' '.mode csv' '.import --skip 1 %s subjects'",
                       csv);
  gint64 start = g_get_monotonic_time ();

  if (system (command) != 0)
    g_error ("sqlite3 .import failed (is the sqlite3 program installed?)");
  return (g_get_monotonic_time () - start) / 1000.0;
}

typedef struct
{
  const char *label;
  const char *text;
} Query;

static guint n_statements;

static int
count_statement_cb (unsigned type, void *context, void *statement, void *sql)
{
  n_statements++;
  return 0;
}

/* One keystroke as the page runs it: the list of matching subjects with
 * the count per credit class, then the first screen of rows. */
static double
search_once (SuijiPagedList *list, const char *text, guint *n_found)
{
  g_autoptr (GError) error = NULL;
  SuijiSubjectFilter filter = { .search = text };
  gint64             start = g_get_monotonic_time ();

  if (!suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, &error))
    g_error ("%s", error->message);
  for (guint p = 0; p < MIN (30, g_list_model_get_n_items (G_LIST_MODEL (list))); p++)
    g_object_unref (g_list_model_get_item (G_LIST_MODEL (list), p));

  *n_found = g_list_model_get_n_items (G_LIST_MODEL (list));
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
print_plan (SuijiDatabase *db)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (
      db,
      "EXPLAIN QUERY PLAN SELECT s.id, coalesce(s.credit_class, ''), s.name, s.key"
      " FROM subjects s WHERE 1 ORDER BY s.name ASC",
      NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_print ("directories: plan of the query that reads the names and codes a search looks "
             "through, once: %s\n",
             sqlite3_column_text (stmt, 3));
}

static void
bench_search (const char *folder)
{
  g_autofree char *db_path = g_build_filename (folder, "search.db", NULL);
  g_autoptr (SuijiDatabase) db = NULL;
  g_autoptr (SuijiPagedList) list = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *some_key = NULL;
  g_autofree char *rare_name = NULL;
  g_autofree char *rare_trade_name = NULL;
  g_autofree char *key_part = NULL;
  g_autofree char *lower_key = NULL;
  double           all[64 * RUNS];
  guint            n_all = 0;

  db = suiji_database_open (db_path, &error);
  if (db == NULL || !suiji_sample_data_fill (db, N_SUBJECTS, 2025, NULL, &error))
    g_error ("%s", error->message);

  bench_pick_subject (db, &rare_name, &some_key);
  rare_trade_name = g_utf8_substring (rare_name, 0, 2);
  lower_key = g_ascii_strdown (some_key, -1);
  key_part = g_strndup (lower_key + 8, 6);
  list = suiji_subject_list_new (db);

  /* The page shows every subject, then the search entry gets the focus
   * and the names and codes are read, before the first key. */
  {
    gint64 start;

    if (!suiji_subject_list_filter (list, NULL, SUIJI_SUBJECT_SORT_NAME, FALSE, &error))
      g_error ("%s", error->message);
    start = g_get_monotonic_time ();
    if (!suiji_paged_list_prepare_search (list, &error))
      g_error ("%s", error->message);
    g_print ("directories: reading the names and codes of %d subjects to search, once: %.1f ms\n",
             N_SUBJECTS, (g_get_monotonic_time () - start) / 1000.0);
  }

  {
    const Query queries[] = {
      { "2 characters of every name", "沙河" },
      { "every name", "沙河市" },
      { "2 characters of a fifth", "玻璃" },
      { "rare trade name, 2 characters", rare_trade_name },
      { "rare name, 4 characters", rare_name },
      { "code prefix", "91130582" },
      { "whole code, lower case", lower_key },
      { "part of a code, lower case", key_part },
      { "nothing matches", "不存在的名字" },
      { "a LIKE pattern, found as typed", "%_" },
    };

    sqlite3_trace_v2 (_suiji_database_get_handle (db), SQLITE_TRACE_STMT, count_statement_cb, NULL);
    for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
      {
        double ms[RUNS];
        double median;
        guint  n_found = 0;

        n_statements = 0;
        for (guint run = 0; run < RUNS; run++)
          {
            ms[run] = search_once (list, queries[q].text, &n_found);
            all[n_all++] = ms[run];
          }

        median = bench_median (ms, RUNS);
        g_print ("directories: search “%s” (%s): %u found, median %.1f ms, best %.1f ms; "
                 "SQL statements a search (the check for changes, the rows shown): %u\n",
                 queries[q].text, queries[q].label, n_found, median, ms[0], n_statements / RUNS);
      }
    sqlite3_trace_v2 (_suiji_database_get_handle (db), 0, NULL, NULL);
  }

  {
    double median = bench_median (all, n_all);

    g_print ("directories: search over %d subjects, the list with its counts and the first rows: "
             "median %.1f ms, best %.1f ms, worst %.1f ms per keystroke (%u searches)\n",
             N_SUBJECTS, median, all[0], all[n_all - 1], n_all);
  }
  print_plan (db);
}

int
main (int argc, char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("suiji-bench-XXXXXX", NULL);
  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", folder);
  gboolean         search_only = argc > 1 && g_str_equal (argv[1], "--search-only");

  /* The searches are Chinese: print them as they are. */
  setlocale (LC_ALL, "");
  if (!g_get_charset (NULL))
    setlocale (LC_ALL, "C.UTF-8");

  bench_print_machine ("directories");
  if (!search_only)
    {
      g_autofree char *csv = write_csv (folder);
      double           ours[IMPORT_RUNS], theirs[IMPORT_RUNS];
      double           ours_median, theirs_median;

      for (guint i = 0; i < IMPORT_RUNS; i++)
        {
          ours[i] = import_once (folder, csv);
          theirs[i] = sqlite_import_once (csv);
        }

      ours_median = bench_median (ours, IMPORT_RUNS);
      theirs_median = bench_median (theirs, IMPORT_RUNS);
      g_print ("directories: import of %d subjects from CSV: median %.0f ms, best %.0f ms (read, "
               "check, write, one transaction)\n",
               N_SUBJECTS, ours_median, ours[0]);
      g_print ("directories: sqlite3 :memory: .import of the same file: median %.0f ms, best %.0f "
               "ms; ratio of the medians %.1f\n",
               theirs_median, theirs[0], ours_median / theirs_median);
    }

  bench_search (folder);

  if (system (rm) != 0)
    g_warning ("could not remove %s", folder);
  return 0;
}
