/* test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * suiji-cli's output and exit codes are a contract for scripts, so they are
 * checked on the real program.
 */

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-statistics.h"
#include "suiji-table-reader.h"
#include "suiji-test-text.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
db_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), name, NULL);
}

static void
run_cli (Run *run, const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) envp = g_get_environ ();
  const char *cli = g_getenv ("SUIJI_CLI");
  va_list     args;

  /* The isolated folders of this test are not in its environment, so the
   * child is told them explicitly. */
  envp = g_environ_setenv (envp, "HOME", g_get_home_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  envp = g_environ_setenv (envp, "XDG_CONFIG_HOME", g_get_user_config_dir (), TRUE);

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &run->status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (run->status));
  run->status = WEXITSTATUS (run->status);
  g_test_message ("suiji-cli exited with %d; stderr: %s", run->status, run->err);
}

static void
test_info_on_new_database (void)
{
  g_autofree char *path = db_path ("new.db");
  g_autofree char *expected_path = NULL;
  g_autofree char *expected_version = NULL;
  g_auto (Run) run = { 0 };

  run_cli (&run, "--db", path, "info", NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected_path = g_strdup_printf ("path: %s\n", path);
  g_assert_nonnull (strstr (run.out, expected_path));
  expected_version = g_strdup_printf ("schema-version: %d\n", SUIJI_DATABASE_SCHEMA_VERSION);
  g_assert_nonnull (strstr (run.out, expected_version));
  g_assert_nonnull (strstr (run.out, "departments: 0\n"));
  g_assert_nonnull (strstr (run.out, "target-joint-count-bp: 6000\n"));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_default_database_is_in_data_dir (void)
{
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "suiji", "suiji.db", NULL);
  g_auto (Run) run = { 0 };

  run_cli (&run, "info", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (expected, G_FILE_TEST_EXISTS));
}

static void
test_sample_data (void)
{
  g_autofree char *path = db_path ("sample.db");
  g_auto (Run) first = { 0 };
  g_auto (Run) second = { 0 };
  g_auto (Run) info = { 0 };

  run_cli (&first, "--db", path, "sample-data", "--subjects", "50", "--seed", "9", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_nonnull (strstr (first.out, "15 departments, 50 subjects"));

  run_cli (&second, "--db", path, "sample-data", "--subjects", "50", "--seed", "9", NULL);
  g_assert_cmpint (second.status, ==, 0);
  g_assert_nonnull (strstr (
      second.out, "0 departments, 0 subjects, 0 inspectors, 0 items, 0 avoidance pairs added"));

  run_cli (&info, "--db", path, "info", NULL);
  g_assert_nonnull (strstr (info.out, "departments: 15\n"));
  g_assert_nonnull (strstr (info.out, "unit-name: 沙河市市场监督管理局\n"));
  g_assert_nonnull (strstr (info.out, "report-year: 2025\n"));
}

static void
test_usage_errors_exit_2 (void)
{
  g_autofree char *path = db_path ("usage.db");
  const char      *cases[][4] = {
         { "--db", path, NULL },
         { "--db", path, "no-such-command", NULL },
         { "--db", path, "sample-data", "--subjects" },
         { "--db", path, "sample-data", "--subjects=-1" },
         { "--no-such-option", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (Run) run = { 0 };

      run_cli (&run, cases[i][0], cases[i][1], cases[i][2], cases[i][3], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, "suiji-cli: "));
    }
}

static void
test_foreign_files_exit_2 (void)
{
  g_autofree char *garbage = db_path ("garbage.db");
  g_autofree char *newer = db_path ("newer.db");
  g_auto (Run) run_garbage = { 0 };
  g_auto (Run) run_newer = { 0 };
  sqlite3 *handle = NULL;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (garbage, "PK\003\004 not a database at all", -1, NULL));
  run_cli (&run_garbage, "--db", garbage, "info", NULL);
  g_assert_cmpint (run_garbage.status, ==, 2);
  g_assert_nonnull (strstr (run_garbage.err, "garbage.db"));

  g_assert_cmpint (sqlite3_open (newer, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, "PRAGMA user_version = 42", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (handle);
  run_cli (&run_newer, "--db", newer, "info", NULL);
  g_assert_cmpint (run_newer.status, ==, 2);
  g_assert_nonnull (strstr (run_newer.err, "42"));
}

static void
test_version (void)
{
  g_auto (Run) run = { 0 };

  run_cli (&run, "--version", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "suiji-cli " PACKAGE_VERSION "\n");
}

static char *
write_data (const char *name, const char *contents)
{
  char *path = db_path (name);

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static void
test_import_exit_codes (void)
{
  g_autofree char *path = db_path ("import.db");
  g_autofree char *good = write_data ("good.csv", "统一社会信用代码,企业名称,信用风险分类\n"
                                                  "91350100M000100Y43,沙河市甲玻璃有限公司,A\n"
                                                  "91110000600037341L,沙河市乙煤业有限公司,B\n");
  g_autofree char *mixed = write_data ("mixed.csv", "统一社会信用代码,企业名称,信用风险分类\n"
                                                    "91440300708461136T,沙河市丙公司,C\n"
                                                    ",沙河市丁饭店,A\n");
  g_autofree char *headless = write_data ("headless.csv", "x,y\n1,2\n");
  g_autofree char *garbage = write_data ("garbage.xlsx", "\x01\x02 not a workbook");
  g_autofree char *missing = db_path ("missing.csv");
  g_autofree char *xlsx = db_path ("out.xlsx");
  g_auto (Run) run = { 0 };

  run_cli (&run, "--db", path, "import", "subjects", good, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "subjects: 2 added, 0 updated, 0 rejected\n");
  run_clear (&run);

  run_cli (&run, "--db", path, "import", "subjects", mixed, "--all-or-nothing", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_cmpstr (run.out, ==, "subjects: 0 added, 0 updated, 1 rejected\n");
  g_assert_nonnull (strstr (run.err, "mixed.csv: row 3"));
  run_clear (&run);

  run_cli (&run, "--db", path, "import", "subjects", mixed, NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_cmpstr (run.out, ==, "subjects: 1 added, 0 updated, 1 rejected\n");
  run_clear (&run);

  run_cli (&run, "--db", path, "import", "subjects", good, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "subjects: 0 added, 2 updated, 0 rejected\n");
  run_clear (&run);

  run_cli (&run, "--db", path, "export", "subjects", xlsx, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "subjects: 3 exported\n");
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_EXISTS));
  run_clear (&run);

  {
    const char *unusable[][6] = {
      { "import", "subjects", headless, NULL },
      { "import", "subjects", garbage, NULL },
      { "import", "subjects", missing, NULL },
      { "import", "people", good, NULL },
      { "import", "subjects", good, "--encoding", "latin1", NULL },
      { "import", "subjects", good, "--map", "nonsense", NULL },
      { "import", "subjects", xlsx, "--sheet", "5", NULL },
      { "export", "people", xlsx, NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (unusable); i++)
      {
        run_cli (&run, "--db", path, unusable[i][0], unusable[i][1], unusable[i][2], unusable[i][3],
                 unusable[i][4], unusable[i][5], NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_true (g_str_has_prefix (run.err, "suiji-cli: "));
        run_clear (&run);
      }
  }
}

static void
test_task_create (void)
{
  g_autofree char *path = db_path ("task.db");
  g_auto (Run) run = { 0 };

  run_cli (&run, "--db", path, "sample-data", "--subjects", "100", "--no-year", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, "--db", path, "task", "create", "--name", "2025年食品生产企业抽查", "--department",
           "市场监管局,卫生健康局", "--ratio", "A=100,B=200,C=1000,D=3000", "--inspectors", "2",
           "--filter", "type=企业,exclude=same-items", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "1\n");
  run_clear (&run);

  run_cli (&run, "--db", path, "task", "create", "--name", "第二个任务", "--department",
           "市场监管局", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "2\n");
  run_clear (&run);

  /* Allowed, but counted in no row of the forms: said on stderr. */
  run_cli (&run, "--db", path, "task", "create", "--name", "其他平台的联合抽查", "--department",
           "市场监管局,卫生健康局", "--platform", "other", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "3\n");
  g_assert_true (g_str_has_prefix (run.err, "warning: A joint inspection on 其他平台"));
  run_clear (&run);

  {
    const char *unusable[][8] = {
      { "task", "create", "--department", "市场监管局", NULL },
      { "task", "create", "--name", "x", "--department", "不存在的局", NULL },
      { "task", "create", "--name", "x", "--department", "市场监管局", "--inspectors", "1" },
      { "task", "create", "--name", "x", "--department", "市场监管局", "--ratio", "A=20000" },
      { "task", "create", "--name", "x", "--department", "市场监管局", "--filter", "colour=red" },
      { "task", "create", "--name", "x", "--department", "市场监管局", "--items", "不存在的事项" },
      { "task", "delete", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (unusable); i++)
      {
        run_cli (&run, "--db", path, unusable[i][0], unusable[i][1], unusable[i][2], unusable[i][3],
                 unusable[i][4], unusable[i][5], unusable[i][6], unusable[i][7], NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_true (g_str_has_prefix (run.err, "suiji-cli: "));
        run_clear (&run);
      }
  }
}

static void
test_draw_and_verify (void)
{
  g_autofree char *path = db_path ("draw.db");
  g_autofree char *record = db_path ("record.json");
  g_autofree char *tampered = db_path ("tampered.json");
  g_autofree char *garbage =
      write_data ("garbage.json", "{\"algorithm\": \"suiji-draw-v1\", \"seed\": 7");
  g_autofree char *contents = NULL;
  const char      *seed = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
  g_auto (Run) run = { 0 };

  run_cli (&run, "--db", path, "sample-data", "--subjects", "400", "--no-year", NULL);
  run_clear (&run);
  run_cli (&run, "--db", path, "task", "create", "--name", "2025年企业公示信息抽查", "--department",
           "市场监管局", "--ratio", "A=500,B=500,C=2000,D=5000,未分类=1000", NULL);
  g_assert_cmpstr (run.out, ==, "1\n");
  run_clear (&run);

  run_cli (&run, "--db", path, "draw", "1", "--seed", seed, "--json", record, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "draw: 1\n"));
  g_assert_nonnull (strstr (run.out, seed));
  g_assert_nonnull (strstr (run.out, "stratum: A n="));
  run_clear (&run);

  run_cli (&run, "verify", record, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "verified\n");
  run_clear (&run);

  /* One changed character in the published record is found. */
  g_assert_true (g_file_get_contents (record, &contents, NULL, NULL));
  {
    char *key = strstr (contents, "\"subjects\"");
    g_assert_nonnull (key);
    key = strstr (key, "\"key\"");
    g_assert_nonnull (key);
    key = strchr (key + strlen ("\"key\""), '"');
    g_assert_nonnull (key);
    key++;
    *key = *key == '9' ? '1' : '9';
  }
  g_assert_true (g_file_set_contents (tampered, contents, -1, NULL));
  run_cli (&run, "verify", tampered, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "subjects"));
  run_clear (&run);

  run_cli (&run, "verify", garbage, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  /* Too few inspectors: an error, and nothing saved. */
  run_cli (&run, "--db", path, "task", "create", "--name", "人手不足的任务", "--department",
           "水利局", "--inspectors", "30", "--count", "A=3", NULL);
  g_assert_cmpstr (run.out, ==, "2\n");
  run_clear (&run);
  run_cli (&run, "--db", path, "draw", "2", NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
  run_cli (&run, "--db", path, "draw", "1", "--seed-text", "2025年3月1日 双色球 第2025023期", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "draw: 2\n"));
  run_clear (&run);

  run_cli (&run, "--db", path, "draw", "99", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  /* The public notice, as a sheet and as a printable PDF. */
  {
    g_autofree char *xlsx = db_path ("notice.xlsx");
    g_autofree char *pdf = db_path ("notice.pdf");
    g_autofree char *odt = db_path ("notice.odt");
    g_autofree char *pdf_contents = NULL;
    g_autoptr (SuijiTable) table = NULL;
    gboolean has_heading = FALSE;

    run_cli (&run, "--db", path, "publish", "1", xlsx, NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);
    run_cli (&run, "--db", path, "publish", "1", pdf, NULL);
    g_assert_cmpint (run.status, ==, 0);
    run_clear (&run);

    table = suiji_table_read_file (xlsx, NULL, NULL, NULL);
    g_assert_nonnull (table);
    for (guint r = 0; r < suiji_table_get_n_rows (table); r++)
      has_heading |= g_str_equal (suiji_table_get_cell (table, r, 2), "统一社会信用代码");
    g_assert_true (has_heading);
    g_assert_true (g_file_get_contents (pdf, &pdf_contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (pdf_contents, "%PDF-"));

    run_cli (&run, "--db", path, "publish", "1", odt, NULL);
    g_assert_cmpint (run.status, ==, 2);
    run_clear (&run);
    run_cli (&run, "--db", path, "publish", "42", pdf, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
}

static void
test_form_set_export_and_status (void)
{
  g_autofree char *path = db_path ("forms.db");
  g_autofree char *json = db_path ("march.json");
  g_autofree char *csv = db_path ("march.csv");
  g_autofree char *pdf = db_path ("march.pdf");
  g_autofree char *contents = NULL;
  g_auto (Run) run = { 0 };

  run_cli (&run, "--db", path, "sample-data", "--subjects", "0", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, "--db", path, "form", "set", "--form", "2", "--year", "2025", "--month", "2",
           "--unit", "教育局", "2,1=5", "--cell", "2,抽查总户数=12", "--date", "2025-02-20", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "附件2 沙河市教育局 2025-02: saved version 1 (draft)\n");
  g_assert_cmpstr (run.err, ==, "");
  run_clear (&run);

  /* March below February: saved as a draft with the reason on stderr,
   * refused when submitted. */
  run_cli (&run, "--db", path, "form", "set", "--form", "2", "--year", "2025", "--month", "3",
           "--unit", "沙河市教育局", "--cell", "2,1=4", "--cell", "2,2=12", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "附件2 沙河市教育局 2025-03: saved version 1 (draft)\n");
  g_assert_nonnull (strstr (run.err, "2025-02"));
  run_clear (&run);

  run_cli (&run, "--db", path, "form", "set", "--form", "2", "--year", "2025", "--month", "3",
           "--unit", "教育局", "--submit", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "cannot be submitted"));
  run_clear (&run);

  run_cli (&run, "--db", path, "form", "set", "--form", "2", "--year", "2025", "--month", "3",
           "--unit", "教育局", "--cell", "2,1=6", "--submit", "--contact", "孟庆轩", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "附件2 沙河市教育局 2025-03: saved version 2 (submitted)\n");
  run_clear (&run);

  run_cli (&run, "--db", path, "form", "--form", "2", "--year", "2025", "--month", "3", "--unit",
           "教育局", "--out", json, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"status\" : \"submitted\""));
  g_assert_nonnull (strstr (contents, "\"revision\" : 2"));
  g_assert_nonnull (strstr (contents, "\"contact_person\" : \"孟庆轩\""));
  g_clear_pointer (&contents, g_free);
  run_clear (&run);

  run_cli (&run, "--db", path, "form", "--form", "2", "--year", "2025", "--month", "3", "--unit",
           "教育局", "--out", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_nonnull (
      strstr (contents, "\r\n1,河北双随机执法监管平台,市本级开展随机抽查情况,总计,6,12,,\r\n"));
  g_assert_nonnull (
      strstr (contents, "\r\n2,河北双随机执法监管平台,市本级开展随机抽查情况,部门内部,6,12,,\r\n"));
  g_clear_pointer (&contents, g_free);
  run_clear (&run);

  /* A month with nothing saved is the blank form; 附件1 is the region's. */
  run_cli (&run, "--db", path, "form", "--form", "1", "--year", "2025", "--month", "4", "--out",
           pdf, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  run_clear (&run);

  /* 附件1 of March built from the departments: 教育局's own inspections
   * from its 附件2, nothing recorded for the others. */
  run_cli (&run, "--db", path, "form", "set", "--form", "1", "--year", "2025", "--month", "3",
           "--fill", "departments", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "附件1 沙河市市场监督管理局 2025-03: saved version 1 (draft)\n");
  g_assert_nonnull (strstr (run.err, "沙河市教育局: its 附件2\n"));
  g_assert_nonnull (strstr (run.err, "沙河市商务局: nothing recorded\n"));
  run_clear (&run);
  run_cli (&run, "--db", path, "form", "--form", "1", "--year", "2025", "--month", "3", "--out",
           csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_nonnull (strstr (
      contents, "\r\n2,河北双随机执法监管平台,本地区开展随机抽查情况,部门内部,6,12,0,0\r\n"));
  g_assert_nonnull (strstr (
      contents, "\r\n3,河北双随机执法监管平台,本地区开展随机抽查情况,部门联合,0,0,0,0\r\n"));
  g_clear_pointer (&contents, g_free);
  run_clear (&run);

  run_cli (&run, "--db", path, "form", "status", "--year", "2025", "--month", "3", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "due-before: 2025-03-23\n"));
  {
    g_auto (GStrv) lines = g_strsplit (run.out, "\n", -1);
    guint found = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_suffix (lines[i], "\t沙河市教育局"))
        {
          g_assert_true (g_str_has_prefix (lines[i], "submitted\t2"));
          found++;
        }
    g_assert_cmpuint (found, ==, 1);
  }
  g_assert_nonnull (strstr (run.out, "missing\t-\t沙河市商务局\n"));
  g_assert_nonnull (strstr (run.out, "reported: 1 of 15\n"));
}

static void
test_form_import_and_refusals (void)
{
  g_autofree char *path = db_path ("form-import.db");
  g_autofree char *xlsx = db_path ("education.xlsx");
  g_autofree char *bad_pdf =
      g_build_filename (g_get_user_data_dir (), "no-such-folder", "x.pdf", NULL);
  g_autofree char *broken =
      write_data ("broken.csv", "平台,统计项目,子项,次数,抽查总户数,完成检查户数,发现问题户数\n"
                                "河北双随机执法监管平台,市本级开展随机抽查情况,部门内部,x,3,2,1\n"
                                ",,部门联合,1,2,2,0\n");
  g_autofree char *headless = write_data ("headless-form.csv", "x,y\n1,2\n");
  g_autofree char *garbage = write_data ("garbage-form.xlsx", "\x01\x02 not a workbook");
  g_auto (Run) run = { 0 };

  run_cli (&run, "--db", path, "sample-data", "--subjects", "0", NULL);
  run_clear (&run);
  run_cli (&run, "--db", path, "form", "set", "--form", "2", "--month", "3", "--unit", "教育局",
           "2,1=5", "2,2=12", "3,1=1", "3,2=2", "--contact", "孟庆轩", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, "--db", path, "form", "--form", "2", "--month", "3", "--unit", "教育局", "--out",
           xlsx, NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  /* The file names its department; read into April under that name. */
  run_cli (&run, "--db", path, "form", "import", xlsx, "--month", "4", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, xlsx));
  g_assert_nonnull (strstr (run.out, ": 4 figures read, 0 problems\n"));
  g_assert_nonnull (strstr (run.out, "附件2 沙河市教育局 2025-04: saved version 1 (draft)\n"));
  run_clear (&run);

  /* A cell that is no number: named, the rest read, exit 3. */
  run_cli (&run, "--db", path, "form", "import", broken, "--month", "3", "--unit", "商务局", NULL);
  g_assert_cmpint (run.status, ==, 3);
  g_assert_nonnull (strstr (run.err, "broken.csv: D2: “x” is not a number"));
  g_assert_nonnull (strstr (run.out, ": 7 figures read, "));
  g_assert_nonnull (strstr (run.out, "附件2 沙河市商务局 2025-03: saved version 1 (draft)\n"));
  run_clear (&run);

  {
    const char *unusable[][12] = {
      { "form", "--form", "2", "--month", "3", "--unit", "教育局", "--out", "x.docx", NULL },
      { "form", "--form", "2", "--month", "3", "--unit", "教育局", NULL },
      { "form", "--form", "3", "--month", "3", "--out", "x.pdf", NULL },
      { "form", "--form", "2", "--month", "3", "--out", "x.pdf", NULL },
      { "form", "--form", "2", "--month", "13", "--unit", "教育局", "--out", "x.pdf", NULL },
      { "form", "--form", "2", "--month", "3", "--unit", "没有这个局", "--out", "x.pdf", NULL },
      { "form", "--form", "1", "--month", "3", "--unit", "教育局", "--out", "x.pdf", NULL },
      { "form", "set", "--form", "2", "--month", "3", "--unit", "教育局", "1,1=5", NULL },
      { "form", "set", "--form", "2", "--month", "3", "--unit", "教育局", "2,5=1", NULL },
      { "form", "set", "--form", "2", "--month", "3", "--unit", "教育局", "9,1=1", NULL },
      { "form", "set", "--form", "2", "--month", "3", "--unit", "教育局", "2,1=abc", NULL },
      { "form", "set", "--form", "2", "--month", "3", "--unit", "教育局", "--date", "soon", NULL },
      { "form", "set", "--form", "2", "--month", "3", "--unit", "教育局", "--fill", "departments",
        NULL },
      { "form", "set", "--form", "1", "--month", "3", "--fill", "everything", NULL },
    };
    const char *unusable_imports[][3] = {
      { headless, NULL },
      { garbage, NULL },
      { broken, NULL }, /* no department named, in the file or by --unit */
    };

    for (guint i = 0; i < G_N_ELEMENTS (unusable); i++)
      {
        run_cli (&run, "--db", path, unusable[i][0], unusable[i][1], unusable[i][2], unusable[i][3],
                 unusable[i][4], unusable[i][5], unusable[i][6], unusable[i][7], unusable[i][8],
                 unusable[i][9], unusable[i][10], NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_true (g_str_has_prefix (run.err, "suiji-cli: "));
        run_clear (&run);
      }

    for (guint i = 0; i < G_N_ELEMENTS (unusable_imports); i++)
      {
        run_cli (&run, "--db", path, "form", "import", unusable_imports[i][0], "--month", "5",
                 NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_nonnull (strstr (run.err, "suiji-cli: "));
        run_clear (&run);
      }
  }

  /* A file that cannot be written is a failure, not a wrong command. */
  run_cli (&run, "--db", path, "form", "--form", "2", "--month", "3", "--unit", "教育局", "--out",
           bad_pdf, NULL);
  g_assert_cmpint (run.status, ==, 1);
  run_clear (&run);
}

/* The figures as the core computes them on the same file. */
static void
core_figures (const char         *path,
              SuijiStatisticsForm form,
              const char         *department,
              SuijiFigures       *figures)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDatabase) db = suiji_database_open (path, &error);
  gint64 department_id = 0;

  g_assert_no_error (error);
  if (department != NULL)
    department_id = suiji_department_find (db, department, &error);
  g_assert_true (
      suiji_statistics_compute (db, form, 2025, "2025-06-30", department_id, figures, &error));
  g_assert_no_error (error);
}

static void
check_json_figures (const char *json, const char *form, const SuijiFigures *expected)
{
  static const char *const keys[] = { "count", "drawn", "completed", "problems" };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root;
  JsonArray  *rows;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "form"), ==, form);
  g_assert_cmpint (json_object_get_int_member (root, "year"), ==, 2025);
  g_assert_cmpstr (json_object_get_string_member (root, "until"), ==, "2025-06-30");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "columns")), ==, 4);

  rows = json_object_get_array_member (root, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, expected->n_rows);
  for (guint r = 0; r < expected->n_rows; r++)
    {
      JsonObject *row = json_array_get_object_element (rows, r);

      g_assert_cmpint (json_object_get_int_member (row, "number"), ==, r + 1);
      g_assert_true (json_object_has_member (row, "platform"));
      g_assert_true (json_object_has_member (row, "item"));
      g_assert_true (json_object_has_member (row, "sub_item"));
      for (guint c = 0; c < G_N_ELEMENTS (keys); c++)
        g_assert_cmpint (json_object_get_int_member (row, keys[c]), ==, expected->values[r][c]);
    }
}

static void
check_stats (const char *path)
{
  g_auto (Run) run = { 0 };
  SuijiFigures figures;

  core_figures (path, SUIJI_STATISTICS_REGION, NULL, &figures);
  g_assert_cmpint (figures.values[0][0], >, 0);
  run_cli (&run, "--db", path, "stats", "--year", "2025", "--until", "2025-06-30", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  check_json_figures (run.out, "附件1", &figures);
  g_assert_nonnull (strstr (run.out, "\"sub_item\" : \"部门联合\""));
  g_assert_nonnull (strstr (run.out, "\"department\" : null"));
  run_clear (&run);

  core_figures (path, SUIJI_STATISTICS_DEPARTMENT, "市场监管局", &figures);
  run_cli (&run, "--db", path, "stats", "--year", "2025", "--until", "2025/6/30", "--department",
           "市场监管局", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  check_json_figures (run.out, "附件2", &figures);
  /* The unit by its full name, the department as asked for. */
  g_assert_nonnull (strstr (run.out, "\"unit\" : \"沙河市市场监督管理局\""));
  g_assert_nonnull (strstr (run.out, "\"department\" : \"市场监管局\""));
  run_clear (&run);

  /* The readable table: a heading, then a line per row. */
  run_cli (&run, "--db", path, "stats", "--year", "2025", "--until", "2025-06-30", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "附件1"));
  g_assert_nonnull (strstr (run.out, "本地区市场监管系统开展随机抽查情况"));
  {
    g_auto (GStrv) lines = g_strsplit (run.out, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 2 + 11 + 1);
  }
  run_clear (&run);

  {
    const char *unusable[][8] = {
      { "stats", "--year", "2025", "--until", "2025-02-30", NULL },
      { "stats", "--year", "2025", "--until", "2026-01-01", NULL },
      { "stats", "--year", "2025", "--until", "tomorrow", NULL },
      { "stats", "--year", "1999", "--until", "1999-12-31", NULL },
      { "stats", "--department", "不存在的局", "--until", "2025-06-30", NULL },
      { "stats", "extra", NULL },
    };

    for (guint i = 0; i < G_N_ELEMENTS (unusable); i++)
      {
        run_cli (&run, "--db", path, unusable[i][0], unusable[i][1], unusable[i][2], unusable[i][3],
                 unusable[i][4], unusable[i][5], NULL);
        g_assert_cmpint (run.status, ==, 2);
        g_assert_true (g_str_has_prefix (run.err, "suiji-cli: "));
        run_clear (&run);
      }
  }
}

static char *
first_drawn_key (const char *path, gint64 *task_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDatabase) db = suiji_database_open (path, &error);
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = _suiji_database_prepare (db,
                                  "SELECT r.task_id, ds.key FROM results r JOIN draw_subjects ds"
                                  " ON ds.draw_id = r.draw_id AND ds.position = r.position"
                                  " ORDER BY r.draw_id, r.position LIMIT 1",
                                  &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  *task_id = sqlite3_column_int64 (stmt, 0);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 1));
}

static void
check_results_import (const char *path)
{
  g_autofree char *key = NULL;
  g_autofree char *task = NULL;
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *text = NULL;
  g_auto (Run) run = { 0 };
  gint64 task_id;

  key = first_drawn_key (path, &task_id);
  task = g_strdup_printf ("%" G_GINT64_FORMAT, task_id);

  text = g_strdup_printf ("统一社会信用代码,检查结果,备注\n%s,未发现问题,复查\n", key);
  good = write_data ("results.csv", text);
  run_cli (&run, "--db", path, "results", "import", task, good, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "results: 1 rows, "));
  run_clear (&run);

  bad = write_data ("bad-results.csv", "统一社会信用代码,检查结果\nNOSUCHCODE,未发现问题\n");
  run_cli (&run, "--db", path, "results", "import", task, bad, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "bad-results.csv: row 2: "));
  run_clear (&run);

  run_cli (&run, "--db", path, "results", "import", "999999", good, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_cli (&run, "--db", path, "results", "export", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

/* One sample year serves both: the figures first, then a results import. */
static void
test_stats_and_results (void)
{
  g_autofree char *path = db_path ("stats.db");
  g_auto (Run) run = { 0 };

  run_cli (&run, "--db", path, "sample-data", "--subjects", "300", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "sample year: "));
  g_assert_null (strstr (run.out, "sample year: 0 tasks"));

  check_stats (path);
  check_results_import (path);
}

/* The width and height a PNG file's header gives. */
static void
png_size (const char *path, guint *width, guint *height)
{
  g_autofree guchar *data = NULL;
  gsize              length;

  g_assert_true (g_file_get_contents (path, (char **) &data, &length, NULL));
  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (data, 8, "\x89PNG\r\n\x1a\n", 8);
  *width = (guint) data[16] << 24 | (guint) data[17] << 16 | (guint) data[18] << 8 | data[19];
  *height = (guint) data[20] << 24 | (guint) data[21] << 16 | (guint) data[22] << 8 | data[23];
}

static void
test_chart_and_summary (void)
{
  g_autofree char *path = db_path ("charts.db");
  g_autofree char *png = db_path ("targets.png");
  g_autofree char *svg = db_path ("trend.svg");
  g_autofree char *pdf = db_path ("departments.pdf");
  g_autofree char *chinese = db_path ("targets-zh.pdf");
  g_autofree char *summary = db_path ("summary.pdf");
  g_autofree char *svg_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *zh_text = NULL;
  g_autofree char *summary_text = NULL;
  g_auto (Run) sample = { 0 };
  guint width, height;

  run_cli (&sample, "--db", path, "sample-data", "--subjects", "300", NULL);
  g_assert_cmpint (sample.status, ==, 0);

  {
    g_auto (Run) run = { 0 };

    run_cli (&run, "--db", path, "chart", "--kind", "targets", "--year", "2025", "--out", png,
             NULL);
    g_assert_cmpint (run.status, ==, 0);
    png_size (png, &width, &height);
    g_assert_cmpuint (width, ==, 1600);
    g_assert_cmpuint (height, ==, 1000);
  }
  {
    g_auto (Run) run = { 0 };

    run_cli (&run, "--db", path, "chart", "--kind", "trend", "--year", "2025", "--until",
             "2025-06-30", "--out", svg, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (svg, &svg_text, NULL, NULL));
    g_assert_nonnull (strstr (svg_text, "Months to come"));
    g_assert_nonnull (strstr (svg_text, "June 30, 2025"));
  }
  {
    g_auto (Run) run = { 0 };

    run_cli (&run, "--db", path, "chart", "--kind", "departments", "--year", "2025", "--department",
             "税务局", "--dark", "--width", "600", "--height", "400", "--out", pdf, NULL);
    g_assert_cmpint (run.status, ==, 0);
    text = suiji_test_pdf_tool ("pdftotext", pdf);
    g_assert_nonnull (strstr (text, "国家税务总局沙河市税务局"));
    g_assert_nonnull (strstr (text, "市场监管局"));
  }

  /* Under a Chinese locale the charts speak Chinese. */
  {
    g_auto (Run) run = { 0 };

    g_setenv ("LANGUAGE", "zh_CN", TRUE);
    g_setenv ("LC_ALL", "zh_CN.UTF-8", TRUE);
    run_cli (&run, "--db", path, "chart", "--kind", "targets", "--year", "2025", "--out", chinese,
             NULL);
    g_setenv ("LANGUAGE", "", TRUE);
    g_setenv ("LC_ALL", "C.UTF-8", TRUE);
    g_assert_cmpint (run.status, ==, 0);
    zh_text = suiji_test_pdf_tool ("pdftotext", chinese);
    g_assert_nonnull (strstr (zh_text, "年度目标"));
    g_assert_nonnull (strstr (zh_text, "部门联合抽查次数占比"));
    g_assert_null (strstr (zh_text, "Target"));
  }

  {
    g_auto (Run) run = { 0 };

    run_cli (&run, "--db", path, "summary", "--year", "2025", "--out", summary, NULL);
    g_assert_cmpint (run.status, ==, 0);
    summary_text = suiji_test_pdf_tool ("pdftotext", summary);
    g_assert_nonnull (strstr (summary_text, "Progress of the random inspections, 2025"));
    g_assert_nonnull (strstr (summary_text, "Per department"));
    g_assert_nonnull (strstr (summary_text, "沙河市人力资源和社会保障局"));
  }
}

static void
test_chart_and_summary_refusals (void)
{
  g_autofree char *path = db_path ("chart-refusals.db");
  g_autofree char *out = db_path ("chart.png");
  g_autofree char *missing_folder = db_path ("no-such-folder/chart.png");
  g_autofree char *missing_summary = db_path ("no-such-folder/summary.pdf");
  g_autofree char *summary = db_path ("summary.pdf");
  const char      *usage[][10] = {
         { "chart", "--out", out, NULL },
         { "chart", "--kind", "pie", "--out", out, NULL },
         { "chart", "--kind", "trend", NULL },
         { "chart", "--kind", "trend", "--out", "chart.gif", NULL },
         { "chart", "--kind", "trend", "--year", "1999", "--out", out, NULL },
         { "chart", "--kind", "trend", "--until", "someday", "--out", out, NULL },
         { "chart", "--kind", "trend", "--year", "2025", "--until", "2024-06-30", "--out", out },
         { "chart", "--kind", "trend", "--department", "不存在的部门", "--out", out, NULL },
         { "chart", "--kind", "trend", "--width", "300", "--out", out, NULL },
         { "chart", "--kind", "trend", "--out", out, "extra", NULL },
         { "summary", NULL },
         { "summary", "--out", out, NULL },
         { "summary", "--out", summary, "--year", "1999", NULL },
         { "summary", "--out", summary, "--department", "不存在的部门", NULL },
  };
  g_auto (Run) sample = { 0 };

  run_cli (&sample, "--db", path, "sample-data", "--subjects", "100", "--no-year", NULL);
  g_assert_cmpint (sample.status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (usage); i++)
    {
      g_auto (Run) run = { 0 };

      run_cli (&run, "--db", path, usage[i][0], usage[i][1], usage[i][2], usage[i][3], usage[i][4],
               usage[i][5], usage[i][6], usage[i][7], usage[i][8], usage[i][9], NULL);
      g_assert_cmpint (run.status, ==, 2);
      g_assert_true (g_str_has_prefix (run.err, "suiji-cli: "));
    }
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (summary, G_FILE_TEST_EXISTS));

  /* A file that cannot be written: the work failed. */
  {
    g_auto (Run) chart = { 0 };
    g_auto (Run) report = { 0 };

    run_cli (&chart, "--db", path, "chart", "--kind", "targets", "--out", missing_folder, NULL);
    g_assert_cmpint (chart.status, ==, 1);
    g_assert_nonnull (strstr (chart.err, "Choose another folder"));
    run_cli (&report, "--db", path, "summary", "--out", missing_summary, NULL);
    g_assert_cmpint (report.status, ==, 1);
  }

  /* A year without draws still makes a chart: its targets, no shares. */
  {
    g_auto (Run) empty = { 0 };

    run_cli (&empty, "--db", path, "chart", "--kind", "trend", "--year", "2025", "--out", out,
             NULL);
    g_assert_cmpint (empty.status, ==, 0);
    g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
  }
}

static void
exec_raw (const char *path, const char *sql)
{
  sqlite3 *handle = NULL;

  g_assert_cmpint (sqlite3_open (path, &handle), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (handle, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (handle);
}

/* The sample data of 200 subjects, a task and two saved draws. */
static void
make_template (const char *path)
{
  g_auto (Run) run = { 0 };

  run_cli (&run, "--db", path, "sample-data", "--subjects", "200", "--no-year", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);
  run_cli (&run, "--db", path, "task", "create", "--name", "审计用的抽查", "--department",
           "市场监管局", "--count", "A=3,B=3,C=2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  for (int i = 0; i < 2; i++)
    {
      run_clear (&run);
      run_cli (&run, "--db", path, "draw", "1", NULL);
      g_assert_cmpint (run.status, ==, 0);
    }
}

/* A database of the sample data with two saved draws: made once with
 * suiji-cli, then copied (closed, it is one file). */
static char *template_path;

static char *
make_drawn_database (const char *name)
{
  char            *path = db_path (name);
  g_autofree char *contents = NULL;
  gsize            length = 0;

  /* Outside the test's own folders, which go with each test. */
  if (template_path == NULL)
    {
      g_autofree char *folder = g_dir_make_tmp ("suiji-cli-XXXXXX", NULL);

      template_path = g_build_filename (folder, "drawn.db", NULL);
      make_template (template_path);
    }
  g_assert_true (g_file_get_contents (template_path, &contents, &length, NULL));
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  return path;
}

static void
test_audit (void)
{
  g_autofree char *path = make_drawn_database ("audit.db");
  g_auto (Run) run = { 0 };

  run_cli (&run, "--db", path, "audit", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "draws: 2\nhead: "));
  g_assert_true (g_str_has_suffix (run.out, "\naudit: every draw fits\n"));
  run_clear (&run);

  /* Behind Suiji's back: the trigger dropped, a byte added to the packed
   * record. */
  exec_raw (path, "DROP TRIGGER draws_append_only_update;"
                  "UPDATE draws SET record = record || X'00' WHERE id = 1");
  run_cli (&run, "--db", path, "audit", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.out, "draws: 0\nhead: \nbad-draw: 1\n"));
  g_assert_true (g_str_has_prefix (run.err, "suiji-cli: Draw 1 (task 1, drawn "));
  run_clear (&run);

  run_cli (&run, "--db", path, "audit", "more", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_backup_and_restore (void)
{
  g_autofree char *path = make_drawn_database ("live.db");
  g_autofree char *backup = db_path ("backup.db");
  g_autofree char *newer = db_path ("newer.db");
  g_autofree char *garbage = write_data ("garbage.db", "not a database at all");
  g_autofree char *fresh = db_path ("fresh/suiji.db");
  g_autofree char *expected = NULL;
  g_autofree char *kept = NULL;
  g_auto (Run) run = { 0 };

  run_cli (&run, "--db", path, "backup", backup, NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("backup: %s\n", backup);
  g_assert_cmpstr (run.out, ==, expected);
  run_clear (&run);

  /* A third draw, which the restore takes back. */
  run_cli (&run, "--db", path, "draw", "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  run_cli (&run, "--db", path, "restore", backup, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "restored: "));
  kept = g_strdup (strstr (run.out, "kept: ") + strlen ("kept: "));
  g_strchomp (kept);
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  run_clear (&run);

  run_cli (&run, "--db", path, "audit", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "draws: 2\n"));
  run_clear (&run);
  run_cli (&run, "--db", kept, "audit", NULL);
  g_assert_true (g_str_has_prefix (run.out, "draws: 3\n"));
  run_clear (&run);

  /* Refused before anything changes: exit 2, the file named. */
  run_cli (&run, "--db", path, "backup", newer, NULL);
  run_clear (&run);
  exec_raw (newer, "PRAGMA user_version = 99");
  run_cli (&run, "--db", path, "restore", newer, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "newer version of Suiji"));
  run_clear (&run);
  run_cli (&run, "--db", path, "restore", garbage, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "garbage.db"));
  run_clear (&run);
  run_cli (&run, "--db", path, "backup", path, NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);
  run_cli (&run, "--db", path, "restore", NULL);
  g_assert_cmpint (run.status, ==, 2);
  run_clear (&run);

  /* Into a database that does not exist yet: nothing to keep. */
  run_cli (&run, "--db", fresh, "restore", backup, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_null (strstr (run.out, "kept: "));
}

typedef struct
{
  sqlite3 *handle;
  guint    hold_ms;
} Holder;

static gpointer
commit_later (gpointer data)
{
  Holder *holder = data;

  g_usleep (holder->hold_ms * 1000);
  g_assert_cmpint (sqlite3_exec (holder->handle, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  return NULL;
}

/* The window writing (here: a connection that holds the write lock for a
 * second) while suiji-cli writes: the command waits its turn and goes
 * through; "database is locked" never reaches the user. */
static void
test_while_another_writes (void)
{
  g_autofree char  *path = make_drawn_database ("shared.db");
  g_autofree char  *csv = write_data ("more.csv", "统一社会信用代码,企业名称\n"
                                                   "130582000099001,沙河市并发测试商店\n");
  const char *const commands[][8] = {
    { "import", "subjects", NULL },
    { "draw", "1", NULL },
    { "form", "set", "--form", "2", "--month", "4", "--unit", "市场监管局" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto (Run) run = { 0 };
      Holder   holder = { NULL, 600 };
      GThread *thread;
      gint64   started;

      g_assert_cmpint (sqlite3_open (path, &holder.handle), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (holder.handle,
                                     "BEGIN IMMEDIATE; INSERT INTO settings (key, value)"
                                     " VALUES ('window-' || random (), 'busy')",
                                     NULL, NULL, NULL),
                       ==, SQLITE_OK);
      thread = g_thread_new ("window", commit_later, &holder);
      started = g_get_monotonic_time ();
      if (i == 0)
        run_cli (&run, "--db", path, commands[i][0], commands[i][1], csv, NULL);
      else if (i == 1)
        run_cli (&run, "--db", path, commands[i][0], commands[i][1], NULL);
      else
        run_cli (&run, "--db", path, "form", "set", "--form", "2", "--month", "4", "--unit",
                 "市场监管局", "2,1=3", NULL);
      g_thread_join (thread);
      sqlite3_close (holder.handle);

      g_assert_cmpint (run.status, ==, 0);
      g_assert_null (strstr (run.err, "locked"));
      g_assert_cmpint (g_get_monotonic_time () - started, >=, 300 * 1000);
    }
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/info", test_info_on_new_database);
  g_test_add_func ("/cli/default-database", test_default_database_is_in_data_dir);
  g_test_add_func ("/cli/sample-data", test_sample_data);
  g_test_add_func ("/cli/usage-errors", test_usage_errors_exit_2);
  g_test_add_func ("/cli/foreign-files", test_foreign_files_exit_2);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/import", test_import_exit_codes);
  g_test_add_func ("/cli/task-create", test_task_create);
  g_test_add_func ("/cli/draw-and-verify", test_draw_and_verify);
  g_test_add_func ("/cli/stats-and-results", test_stats_and_results);
  g_test_add_func ("/cli/form-set-export-status", test_form_set_export_and_status);
  g_test_add_func ("/cli/form-import-and-refusals", test_form_import_and_refusals);
  g_test_add_func ("/cli/chart-and-summary", test_chart_and_summary);
  g_test_add_func ("/cli/chart-and-summary-refusals", test_chart_and_summary_refusals);
  g_test_add_func ("/cli/audit", test_audit);
  g_test_add_func ("/cli/backup-and-restore", test_backup_and_restore);
  g_test_add_func ("/cli/while-another-writes", test_while_another_writes);

  status = g_test_run ();

  if (template_path != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (template_path);

      g_unlink (template_path);
      g_rmdir (folder);
      g_clear_pointer (&template_path, g_free);
    }
  return status;
}
