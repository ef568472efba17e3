/* test-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-directory-export.h"
#include "suiji-import.h"
#include "suiji-sample-data.h"
#include "suiji-subject.h"

/* A file as the provincial platform exports it: a title, an empty line,
 * then the header; quirks in every row. */
static const char platform_csv[] =
    "沙河市检查对象名录\n"
    ",,,\n"
    "统一社会信用代码,企业名称,主体类型,所属区域,信用风险分类,住所,监管部门\n"
    "91350100M000100Y43,沙河市甲玻璃有限公司,有限责任公司,褡裢街道,A类,\"沙河市褡裢街道团结路1号,"
    "东院\",沙河市市场监督管理局\n"
    "91110000600037341l,沙河市乙煤业有限公司,企业,桥西街道,较高风险,沙河市桥西街道,应急管理局\n"
    "91350100M000100Y44,沙河市丙商贸有限公司,企业,桥东街道,B,,\n"
    ",沙河市丁饭店,个体,桥东街道,A,,\n"
    "130582000012345,沙河市戊五金店,个体工商户,新城镇,Q,,\n"
    "9135 0100-M000 100Y43,沙河市甲玻璃有限公司,企业,褡裢街道,A,,\n"
    ",,,,\n";

static SuijiDatabase *
open_fresh (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr (GError) error = NULL;
  SuijiDatabase *db = suiji_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

static char *
write_file (const char *name, const char *contents)
{
  char *path = g_build_filename (g_get_user_data_dir (), name, NULL);

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static SuijiImport *
import_file (SuijiDatabase *db, SuijiDirectory kind, const char *path)
{
  g_autoptr (GError) error = NULL;
  SuijiTable *table = suiji_table_read_file (path, NULL, NULL, &error);

  g_assert_no_error (error);
  return suiji_import_new (db, kind, table, path);
}

static char *
dump_subjects (SuijiDatabase *db)
{
  g_autoptr (sqlite3_stmt) stmt =
      _suiji_database_prepare (db,
                               "SELECT key, name, subject_type, industry, region,"
                               " address, status, coalesce(credit_class, ''),"
                               " coalesce(credit_class_date, ''),"
                               " coalesce(department_id, 0),"
                               " (SELECT group_concat(l.name) FROM subject_labels sl"
                               "  JOIN labels l ON l.id = sl.label_id"
                               "  WHERE sl.subject_id = s.id)"
                               " FROM subjects s ORDER BY key",
                               NULL);
  GString *text = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int c = 0; c < 11; c++)
        g_string_append_printf (text, "%s|", _suiji_column_text (stmt, c));
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

static guint
count_rows (SuijiDatabase *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return (guint) sqlite3_column_int (stmt, 0);
}

static gboolean
has_problem (SuijiImport *import, guint source_row, const char *field_id, gboolean warning)
{
  GPtrArray              *problems = suiji_import_get_problems (import);
  guint                   n_fields;
  const SuijiImportField *fields = suiji_import_get_fields (SUIJI_DIRECTORY_SUBJECTS, &n_fields);

  for (guint i = 0; i < problems->len; i++)
    {
      const SuijiImportProblem *problem = g_ptr_array_index (problems, i);
      guint                     table_row = suiji_import_get_table_row (import, problem->row);

      if (suiji_table_get_source_row (suiji_import_get_table (import), table_row) == source_row &&
          problem->warning == warning && problem->field >= 0 &&
          g_str_equal (fields[problem->field].id, field_id))
        return TRUE;
    }

  return FALSE;
}

static void
test_platform_file (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ("platform.db");
  g_autofree char *path = write_file ("platform.csv", platform_csv);
  g_autoptr (SuijiImport) import = NULL;
  g_autoptr (GError) error = NULL;
  SuijiImportSummary counts, summary;

  suiji_sample_data_fill (db, 0, 1, NULL, NULL);
  import = import_file (db, SUIJI_DIRECTORY_SUBJECTS, path);
  g_assert_cmpuint (suiji_import_get_header_row (import), ==, 2);
  g_assert_cmpint (suiji_import_get_column (import, 0), ==, 0);
  g_assert_cmpint (suiji_import_get_column (import, 1), ==, 1);

  g_assert_true (suiji_import_validate (import, NULL, &error));
  g_assert_cmpuint (suiji_import_get_n_rows (import), ==, 6);
  suiji_import_get_counts (import, &counts);
  g_assert_cmpuint (counts.added, ==, 3);
  g_assert_cmpuint (counts.rejected, ==, 3);
  g_assert_cmpuint (counts.warnings, ==, 1);

  /* Every problem is named by the file's own row number and the field. */
  g_assert_true (has_problem (import, 6, "key", TRUE));
  g_assert_true (has_problem (import, 7, "key", FALSE));
  g_assert_true (has_problem (import, 8, "class", FALSE));
  g_assert_true (has_problem (import, 9, "key", FALSE));
  g_assert_false (has_problem (import, 5, "key", TRUE));

  g_assert_true (
      suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added, ==, 3);
  g_assert_cmpuint (summary.rejected, ==, 3);
  g_assert_cmpuint (count_rows (db, "subjects"), ==, 3);

  {
    g_autoptr (SuijiPagedList) list = suiji_subject_list_new (db);
    SuijiSubjectFilter filter = { .search = "乙煤业" };
    g_autoptr (SuijiSubject) subject = NULL;

    g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, NULL));
    subject = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (suiji_subject_get_record (subject)->key, ==, "91110000600037341L");
    g_assert_cmpstr (suiji_subject_get_record (subject)->credit_class, ==, "C");
    g_assert_cmpstr (suiji_subject_get_department_name (subject), ==, "应急管理局");
  }
}

static void
test_all_or_nothing_keeps_database (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ("nothing.db");
  g_autofree char *path = write_file ("platform.csv", platform_csv);
  g_autoptr (SuijiImport) import = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *before = NULL;
  g_autofree char   *after = NULL;
  SuijiImportSummary summary;

  before = dump_subjects (db);
  import = import_file (db, SUIJI_DIRECTORY_SUBJECTS, path);
  g_assert_false (suiji_import_commit (import, SUIJI_IMPORT_ALL_OR_NOTHING, NULL, NULL, NULL,
                                       &summary, &error));
  g_assert_error (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_REJECTED_ROWS);
  g_assert_cmpuint (summary.added, ==, 0);
  after = dump_subjects (db);
  g_assert_cmpstr (before, ==, after);
  /* Not even the department the file named was added. */
  g_assert_cmpuint (count_rows (db, "departments"), ==, 0);
}

static char *
dump_subject_indexes (SuijiDatabase *db)
{
  g_autoptr (sqlite3_stmt) stmt =
      _suiji_database_prepare (db,
                               "SELECT name, coalesce(sql, '') FROM sqlite_schema"
                               " WHERE type = 'index' AND tbl_name = 'subjects' ORDER BY name",
                               NULL);
  GString *text = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (text, "%s: %s\n", _suiji_column_text (stmt, 0),
                            _suiji_column_text (stmt, 1));
  return g_string_free (text, FALSE);
}

static void
cancel_at_half (guint done, guint total, gpointer user_data)
{
  if (done >= total / 2)
    g_cancellable_cancel (user_data);
}

static void
test_cancel_rolls_back (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ("cancel.db");
  g_autoptr (GString) csv = g_string_new ("统一社会信用代码,企业名称,所属区域,监管部门\n");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (SuijiImport) import = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *path = NULL;
  SuijiImportSummary summary;

  g_autofree char *indexes = dump_subject_indexes (db);
  g_autofree char *indexes_after = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (csv, "1305820%08u,企业%u,白塔镇,新部门%u\n", i, i, i % 3);
  path = write_file ("big.csv", csv->str);

  import = import_file (db, SUIJI_DIRECTORY_SUBJECTS, path);
  g_assert_false (suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, cancellable, cancel_at_half,
                                       cancellable, &summary, &error));
  g_assert_error (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_CANCELLED);
  g_assert_cmpuint (count_rows (db, "subjects"), ==, 0);
  /* A large import writes without the indexes that only speed up reading;
   * the rollback brings them back. */
  indexes_after = dump_subject_indexes (db);
  g_assert_cmpstr (indexes_after, ==, indexes);
  g_assert_nonnull (strstr (indexes, "subjects_by_region: CREATE INDEX"));
  g_assert_cmpuint (count_rows (db, "departments"), ==, 0);
  g_assert_cmpuint (summary.added, ==, 0);
}

static void
test_update_keeps_unmapped_fields (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ("update.db");
  g_autofree char *first =
      write_file ("first.csv",
                  "统一社会信用代码,名称,住所,信用风险分类,标签\n"
                  "91350100M000100Y43,沙河市甲玻璃有限公司,褡裢街道1号,A,玻璃行业、重点工业产品\n");
  g_autofree char *second =
      write_file ("second.csv", "统一社会信用代码,名称,信用风险分类\n"
                                "91350100m000100y43,沙河市甲玻璃有限公司（更名）,D\n");
  g_autoptr (GError) error = NULL;
  SuijiImportSummary summary;

  {
    g_autoptr (SuijiImport) import = import_file (db, SUIJI_DIRECTORY_SUBJECTS, first);
    g_assert_true (
        suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary, &error));
  }
  {
    g_autoptr (SuijiImport) import = import_file (db, SUIJI_DIRECTORY_SUBJECTS, second);
    g_assert_true (
        suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary, &error));
    g_assert_cmpuint (summary.added, ==, 0);
    g_assert_cmpuint (summary.updated, ==, 1);
  }

  {
    g_autofree char *dump = dump_subjects (db);
    g_assert_nonnull (strstr (dump, "91350100M000100Y43|沙河市甲玻璃有限公司（更名）|企业||"));
    g_assert_nonnull (strstr (dump, "|褡裢街道1号|存续|D|"));
    g_assert_nonnull (strstr (dump, "玻璃行业"));
  }
}

static void
test_mapping_is_remembered (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ("remember.db");
  g_autofree char *path =
      write_file ("odd.csv", "甲列,乙列,丙列\n91350100M000100Y43,沙河市甲公司,B\n");
  g_autofree char *again =
      write_file ("odd2.csv", "甲列,乙列,丙列\n91110000600037341L,沙河市乙公司,C\n");
  g_autoptr (GError) error = NULL;
  SuijiImportSummary summary;

  {
    g_autoptr (SuijiImport) import = import_file (db, SUIJI_DIRECTORY_SUBJECTS, path);

    g_assert_false (suiji_import_check_mapping (import, &error));
    g_assert_error (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_MAPPING);
    g_assert_nonnull (strstr (error->message, "odd.csv"));
    g_clear_error (&error);

    g_assert_true (suiji_import_apply_map_spec (import, "甲列=key,乙列=名称,C=class", &error));
    g_assert_no_error (error);
    g_assert_false (suiji_import_get_remembered (import));
    g_assert_true (
        suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary, &error));
    g_assert_cmpuint (summary.added, ==, 1);
  }

  {
    g_autoptr (SuijiImport) import = import_file (db, SUIJI_DIRECTORY_SUBJECTS, again);

    g_assert_true (suiji_import_get_remembered (import));
    g_assert_cmpint (suiji_import_get_column (import, 0), ==, 0);
    g_assert_true (
        suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary, &error));
    g_assert_cmpuint (summary.added, ==, 1);
  }

  {
    g_autoptr (SuijiImport) import = import_file (db, SUIJI_DIRECTORY_SUBJECTS, again);

    g_assert_false (suiji_import_apply_map_spec (import, "甲列=nonsense", &error));
    g_assert_error (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_BAD_MAP_SPEC);
    g_clear_error (&error);
    g_assert_false (suiji_import_apply_map_spec (import, "丁列=key", &error));
    g_assert_error (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_BAD_MAP_SPEC);
  }
}

static void
test_export_imports_back_unchanged (void)
{
  g_autoptr (SuijiDatabase) source = open_fresh ("source.db");
  g_autoptr (SuijiDatabase) target = open_fresh ("target.db");
  g_autofree char *xlsx = g_build_filename (g_get_user_data_dir (), "subjects.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char   *before = NULL;
  g_autofree char   *after = NULL;
  SuijiImportSummary summary;
  guint              n_rows = 0;

  g_assert_true (suiji_sample_data_fill (source, 300, 7, NULL, &error));
  g_assert_true (suiji_sample_data_fill (target, 0, 7, NULL, &error));
  g_assert_true (suiji_directory_export (source, SUIJI_DIRECTORY_SUBJECTS, xlsx, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, count_rows (source, "subjects"));

  {
    g_autoptr (SuijiImport) import = import_file (target, SUIJI_DIRECTORY_SUBJECTS, xlsx);
    g_assert_true (
        suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (summary.rejected, ==, 0);
  }

  /* Department ids are the same in both: the sample adds them in order. */
  before = dump_subjects (source);
  after = dump_subjects (target);
  g_assert_cmpstr (before, ==, after);
}

static void
test_inspectors_and_items (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ("people.db");
  g_autofree char *inspectors = write_file (
      "inspectors.csv", "姓名\t执法证号\t有效期至\t所属部门\t职务\t是否在岗\t业务专长\n"
                        "王伟\t1305820001\t2027/12/31\t市场监管局\t科员\t是\t食品安全、特种设备\n"
                        "李娜\t1305820002\t2027-06-30\t市场监管局\t科长\t否\t计量\n"
                        "张强\t\t2027-06-30\t市场监管局\t科员\t是\t\n"
                        "赵敏\t1305820004\t明年\t市场监管局\t科员\t也许\t\n");
  g_autofree char *items = write_file (
      "items.csv",
      "实施部门;抽查事项;事项类别;检查对象;检查方式;检查依据\n"
      "市场监管局;企业公示信息的抽查;一般;企业;书面检查;《企业信息公示暂行条例》\n"
      "市场监管局;食品生产者的监督检查;重点;企业;现场检查;《中华人民共和国食品安全法》\n"
      "市场监管局;特种设备的检查;特别;企业;现场检查;\n");
  g_autoptr (GError) error = NULL;
  SuijiImportSummary summary;

  g_assert_cmpint (suiji_department_ensure (db, "沙河市市场监督管理局", "市场监管局", TRUE, NULL),
                   >, 0);

  {
    g_autoptr (SuijiImport) import = import_file (db, SUIJI_DIRECTORY_INSPECTORS, inspectors);
    g_assert_true (
        suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary, &error));
    g_assert_cmpuint (summary.added, ==, 2);
    g_assert_cmpuint (summary.rejected, ==, 2);
  }
  {
    g_autoptr (SuijiImport) import = import_file (db, SUIJI_DIRECTORY_ITEMS, items);
    g_assert_true (
        suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary, &error));
    g_assert_cmpuint (summary.added, ==, 2);
    g_assert_cmpuint (summary.rejected, ==, 1);
  }

  g_assert_cmpuint (count_rows (db, "inspector_labels"), >=, 3);
}

static void
test_report_lists_rejected_rows (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ("report.db");
  g_autofree char *path = write_file ("platform.csv", platform_csv);
  g_autofree char *report = g_build_filename (g_get_user_data_dir (), "report.xlsx", NULL);
  g_autoptr (SuijiImport) import = NULL;
  g_autoptr (SuijiTable) table = NULL;
  g_autoptr (GError) error = NULL;

  import = import_file (db, SUIJI_DIRECTORY_SUBJECTS, path);
  g_assert_true (suiji_import_validate (import, NULL, &error));
  g_assert_true (suiji_import_write_report (import, report, &error));
  g_assert_no_error (error);

  /* Read back with the importer's own reader: one line a problem. */
  table = suiji_table_read_file (report, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suiji_table_get_n_rows (table), ==,
                    1 + suiji_import_get_problems (import)->len);
  g_assert_cmpstr (suiji_table_get_cell (table, 0, 0), ==, "行号");
  g_assert_cmpstr (suiji_table_get_cell (table, 0, 4), ==, "统一社会信用代码");
  for (guint row = 1; row < suiji_table_get_n_rows (table); row++)
    {
      if (!g_str_equal (suiji_table_get_cell (table, row, 0), "7"))
        continue;
      g_assert_cmpstr (suiji_table_get_cell (table, row, 1), ==, "未导入");
      g_assert_cmpstr (suiji_table_get_cell (table, row, 2), ==, "统一社会信用代码");
      g_assert_cmpstr (suiji_table_get_cell (table, row, 5), ==, "沙河市丁饭店");
      return;
    }
  g_assert_not_reached ();
}

static guint n_index_drops;

static int
count_index_drops_cb (unsigned kind, void *context, void *statement, void *sql)
{
  if (g_str_has_prefix (sqlite3_sql (statement), "DROP INDEX"))
    n_index_drops++;
  return 0;
}

static void
import_generated (SuijiDatabase *db, guint first, guint n, const char *name)
{
  g_autoptr (GString) csv = g_string_new ("统一社会信用代码,企业名称,所属区域,信用风险分类\n");
  g_autoptr (SuijiImport) import = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *path = NULL;
  SuijiImportSummary summary;

  for (guint i = first; i < first + n; i++)
    g_string_append_printf (csv, "1305820%08u,%s%u,%s,%c\n", i, name, i,
                            i % 2 ? "白塔镇" : "册井镇", "ABCD"[i % 4]);
  path = write_file ("generated.csv", csv->str);
  import = import_file (db, SUIJI_DIRECTORY_SUBJECTS, path);
  g_assert_true (
      suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.added + summary.updated, ==, n);
}

/* Many rows, as many as half the directory or more, go in without the
 * indexes that only speed up reading, built again after; fewer into a
 * larger directory keep them. Either way the indexes end as they were
 * and serve the same queries. */
static void
test_large_import_builds_indexes_after (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ("large.db");
  g_autofree char *indexes = dump_subject_indexes (db);
  g_autofree char *after = NULL;

  sqlite3_trace_v2 (_suiji_database_get_handle (db), SQLITE_TRACE_STMT, count_index_drops_cb, NULL);

  import_generated (db, 0, 16000, "企业");
  g_assert_cmpuint (n_index_drops, >=, 4);
  after = dump_subject_indexes (db);
  g_assert_cmpstr (after, ==, indexes);
  g_assert_cmpuint (count_rows (db, "subjects WHERE region = '册井镇'"), ==, 8000);
  g_assert_cmpuint (count_rows (db, "subjects WHERE credit_class = 'B'"), ==, 4000);
  g_clear_pointer (&after, g_free);

  /* 5 000 more into 16 000: the indexes stay, and follow row by row. */
  n_index_drops = 0;
  import_generated (db, 16000, 5000, "商店");
  g_assert_cmpuint (n_index_drops, ==, 0);
  after = dump_subject_indexes (db);
  g_assert_cmpstr (after, ==, indexes);
  g_assert_cmpuint (count_rows (db, "subjects WHERE region = '册井镇'"), ==, 10500);
  g_assert_cmpuint (count_rows (db, "subjects WHERE name GLOB '商店*'"), ==, 5000);

  /* The same 16 000 again, renamed: updated without the indexes. */
  import_generated (db, 0, 16000, "公司");
  g_assert_cmpuint (n_index_drops, >=, 4);
  g_clear_pointer (&after, g_free);
  after = dump_subject_indexes (db);
  g_assert_cmpstr (after, ==, indexes);
  g_assert_cmpuint (count_rows (db, "subjects WHERE name GLOB '公司*'"), ==, 16000);
  g_assert_cmpuint (count_rows (db, "subjects"), ==, 21000);

  sqlite3_trace_v2 (_suiji_database_get_handle (db), 0, NULL, NULL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import/platform-file", test_platform_file);
  g_test_add_func ("/import/all-or-nothing", test_all_or_nothing_keeps_database);
  g_test_add_func ("/import/cancel", test_cancel_rolls_back);
  g_test_add_func ("/import/large-builds-indexes-after", test_large_import_builds_indexes_after);
  g_test_add_func ("/import/update-keeps", test_update_keeps_unmapped_fields);
  g_test_add_func ("/import/remembered-mapping", test_mapping_is_remembered);
  g_test_add_func ("/import/export-round-trip", test_export_imports_back_unchanged);
  g_test_add_func ("/import/inspectors-and-items", test_inspectors_and_items);
  g_test_add_func ("/import/report", test_report_lists_rejected_rows);

  return g_test_run ();
}
