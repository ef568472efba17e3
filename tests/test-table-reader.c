/* test-table-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "suiji-table-reader.h"

static char *
fixture_path (const char *name)
{
  const char *folder = g_getenv ("SUIJI_FIXTURES_DIR");

  g_assert_nonnull (folder);
  return g_build_filename (folder, name, NULL);
}

/* A file in the test's own cache folder, which GLib does not create. */
static char *
tmp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

static SuijiTable *
read_fixture (const char *name, SuijiTableEncoding encoding, int sheet, GError **error)
{
  g_autofree char      *path = fixture_path (name);
  SuijiTableReadOptions options = { encoding, sheet };

  return suiji_table_read_file (path, &options, NULL, error);
}

static SuijiTable *
read_fixture_ok (const char *name, int sheet)
{
  g_autoptr (GError) error = NULL;
  SuijiTable *table = read_fixture (name, SUIJI_TABLE_ENCODING_AUTO, sheet, &error);

  g_assert_no_error (error);
  g_assert_nonnull (table);
  return table;
}

/* Checks a whole row: its number in the file and the cells from the left;
 * the cell after the last one given must be empty. */
static void
assert_row (SuijiTable *table, guint row, guint source_row, const char *const *cells)
{
  guint n = g_strv_length ((char **) cells);

  g_assert_cmpuint (suiji_table_get_source_row (table, row), ==, source_row);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (suiji_table_get_cell (table, row, i), ==, cells[i]);
  g_assert_cmpstr (suiji_table_get_cell (table, row, n), ==, "");
}

#define ROW(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* The error must have the right code and name the file, so the user knows
 * which of the files they picked is wrong. */
static void
assert_fixture_error (const char *name, SuijiTableEncoding encoding, int sheet, int code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiTable) table = read_fixture (name, encoding, sheet, &error);

  g_assert_null (table);
  g_assert_error (error, SUIJI_TABLE_ERROR, code);
  g_assert_nonnull (strstr (error->message, name));
}

static void
test_csv_utf8_bom_crlf (void)
{
  g_autoptr (SuijiTable) table = read_fixture_ok ("subjects-utf8-bom-crlf.csv", -1);

  g_assert_cmpstr (suiji_table_get_format (table), ==, "csv");
  g_assert_cmpstr (suiji_table_get_encoding (table), ==, "UTF-8");
  g_assert_cmpint (suiji_table_get_delimiter (table), ==, ',');
  g_assert_null (suiji_table_get_sheet_name (table));
  /* Title, blank line, header and four records; the ",,,,," tail is gone. */
  g_assert_cmpuint (suiji_table_get_n_rows (table), ==, 7);
  g_assert_cmpuint (suiji_table_get_n_columns (table), ==, 6);

  /* The byte order mark is not part of the title. */
  g_assert_cmpstr (suiji_table_get_cell (table, 0, 0), ==, "沙河市检查对象名录库");
  assert_row (table, 1, 2, ROW (""));
  assert_row (table, 2, 3,
              ROW ("统一社会信用代码", "企业名称", "类型", "所属区域", "信用风险分类", "地址"));
  assert_row (table, 3, 4,
              ROW ("91130582MA0D1KQ23X", "沙河市鑫磊玻璃制品有限公司", "有限责任公司", "褡裢街道",
                   "A类", "河北省邢台市沙河市褡裢街道玻璃城路18号"));
  /* No CR is left at the end of a line, and the quoted line break stays. */
  assert_row (table, 4, 5,
              ROW ("911305821056234785", "沙河市德金玻璃有限公司", "有限责任公司", "白塔镇", "B",
                   "沙河市白塔镇\r\n白塔村村南, 德金工业园"));
  assert_row (table, 5, 7,
              ROW ("92130582ma0e4l7n1y", "沙河市\"金耀\"石材加工厂", "个体工商户", "十里亭镇",
                   "低风险", "沙河市十里亭镇十里亭村"));
  assert_row (table, 6, 8,
              ROW ("9113 0582 MA0F 8RT5 6P", "沙河市綦村镇兴旺铁矿", "有限责任公司", "綦村镇",
                   "C类", "沙河市綦村镇东綦村,矿区路3号"));
}

static void
test_csv_source_rows (void)
{
  g_autofree char *path = tmp_path ("rows.csv");
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiTable) table = NULL;

  /* A title block, then records whose quoted fields hold one and two line
   * breaks: each record keeps the line it starts on in a text editor. */
  g_assert_true (
      g_file_set_contents (path,
                           "沙河市检查对象名录库\n"
                           "导出日期：2024年3月1日\n"
                           "\n"
                           "统一社会信用代码,企业名称,地址\n"
                           "91130582MA0CXK7L3B,\"沙河市华晶\n玻璃\",桥东街道\n"
                           "91130582MA0D2P9Q4C,赞善建材,\"沙河市\n赞善街道\n赞善路12号\"\n"
                           "92130582MA0E7H2K5D,老王饭店,周庄街道\n",
                           -1, &error));
  g_assert_no_error (error);

  table = suiji_table_read_file (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suiji_table_get_n_rows (table), ==, 7);
  assert_row (table, 0, 1, ROW ("沙河市检查对象名录库"));
  assert_row (table, 1, 2, ROW ("导出日期：2024年3月1日"));
  assert_row (table, 2, 3, ROW (""));
  assert_row (table, 3, 4, ROW ("统一社会信用代码", "企业名称", "地址"));
  assert_row (table, 4, 5, ROW ("91130582MA0CXK7L3B", "沙河市华晶\n玻璃", "桥东街道"));
  assert_row (table, 5, 7, ROW ("91130582MA0D2P9Q4C", "赞善建材", "沙河市\n赞善街道\n赞善路12号"));
  assert_row (table, 6, 10, ROW ("92130582MA0E7H2K5D", "老王饭店", "周庄街道"));
}

static void
test_csv_utf8 (void)
{
  g_autoptr (SuijiTable) table = read_fixture_ok ("subjects-utf8.csv", -1);

  g_assert_cmpstr (suiji_table_get_encoding (table), ==, "UTF-8");
  g_assert_cmpuint (suiji_table_get_n_rows (table), ==, 6);
  g_assert_cmpuint (suiji_table_get_n_columns (table), ==, 10);
  /* Numbers stay text exactly as written: leading zeros, long digits. */
  assert_row (table, 1, 2,
              ROW ("91130582MA0CXK7L3B", "沙河市华晶玻璃制品有限公司", "有限责任公司", "桥东街道",
                   "A", "沙河市桥东街道钢铁路77号", "2016-05-12", "1200", "0319-8701234",
                   "054100"));
  g_assert_cmpstr (suiji_table_get_cell (table, 2, 0), ==, "91130582ma0d2p9q4c");
  /* The blank line in the middle stays, so the rows after it keep their
   * numbers. */
  assert_row (table, 3, 4, ROW (""));
  g_assert_cmpuint (suiji_table_get_source_row (table, 4), ==, 5);
  g_assert_cmpstr (suiji_table_get_cell (table, 5, 0), ==, "9113 0582 MA0G 3N8W 1E");
  g_assert_cmpstr (suiji_table_get_cell (table, 5, 8), ==, "130582000012345");
  g_assert_cmpstr (suiji_table_get_cell (table, 5, 99), ==, "");
}

static void
test_csv_gbk (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiTable) table = read_fixture_ok ("subjects-gbk.csv", -1);
  g_autoptr (SuijiTable) forced = NULL;

  g_assert_cmpstr (suiji_table_get_encoding (table), ==, "GB18030");
  g_assert_cmpuint (suiji_table_get_n_rows (table), ==, 5);
  assert_row (table, 2, 3,
              ROW ("91130582MA0E9W3Y6G", "沙河市柴关乡绿源农业专业合作社", "农民专业合作社",
                   "柴关乡", "B类", "沙河市柴关乡王硇村,村委会东"));
  assert_row (table, 4, 5,
              ROW ("91130582MA0G6B5C8J", "沙河市綦村镇鑫源铸造有限公司", "有限责任公司", "綦村镇",
                   "D类", "沙河市綦村镇东綦村"));

  forced = read_fixture ("subjects-gbk.csv", SUIJI_TABLE_ENCODING_GB18030, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (suiji_table_get_cell (forced, 3, 3), ==, "蝉房乡");

  assert_fixture_error ("subjects-gbk.csv", SUIJI_TABLE_ENCODING_UTF8, -1,
                        SUIJI_TABLE_ERROR_ENCODING);
}

static void
test_csv_delimiters (void)
{
  g_autoptr (SuijiTable) tab = read_fixture_ok ("subjects-tab.txt", -1);
  g_autoptr (SuijiTable) semicolon = read_fixture_ok ("subjects-semicolon.csv", -1);
  g_autoptr (SuijiTable) utf16 = read_fixture_ok ("subjects-utf16.txt", -1);

  /* Commas inside unquoted addresses must not win over the tabs. */
  g_assert_cmpint (suiji_table_get_delimiter (tab), ==, '\t');
  g_assert_cmpuint (suiji_table_get_n_columns (tab), ==, 6);
  assert_row (tab, 2, 3,
              ROW ("91130582MA0CD4E5F6", "沙河市桥西街道明远汽修厂", "个人独资企业", "桥西街道",
                   "B", "沙河市桥西街道,京深路西侧"));

  g_assert_cmpint (suiji_table_get_delimiter (semicolon), ==, ';');
  assert_row (semicolon, 1, 2,
              ROW ("91130582MA0CK1L2M3", "沙河市褡裢街道顺发物流有限公司", "有限责任公司",
                   "褡裢街道", "A类", "沙河市褡裢街道107国道东,顺发物流园"));
  g_assert_cmpstr (suiji_table_get_cell (semicolon, 2, 5), ==, "沙河市十里亭镇;工业区");

  /* Excel's "Unicode text": UTF-16 with tabs. */
  g_assert_cmpstr (suiji_table_get_encoding (utf16), ==, "UTF-16");
  g_assert_cmpint (suiji_table_get_delimiter (utf16), ==, '\t');
  g_assert_cmpuint (suiji_table_get_n_rows (utf16), ==, 4);
  g_assert_cmpstr (suiji_table_get_cell (utf16, 3, 1), ==, "沙河市白塔镇惠民药店");
}

static void
test_csv_broken (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiTable) table = NULL;

  assert_fixture_error ("empty.csv", SUIJI_TABLE_ENCODING_AUTO, -1, SUIJI_TABLE_ERROR_EMPTY);
  assert_fixture_error ("blank-rows.csv", SUIJI_TABLE_ENCODING_AUTO, -1, SUIJI_TABLE_ERROR_EMPTY);
  assert_fixture_error ("broken-invalid-utf8.csv", SUIJI_TABLE_ENCODING_AUTO, -1,
                        SUIJI_TABLE_ERROR_ENCODING);

  table = read_fixture ("broken-invalid-utf8.csv", SUIJI_TABLE_ENCODING_UTF8, -1, &error);
  g_assert_null (table);
  g_assert_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_ENCODING);
  g_assert_nonnull (strstr (error->message, "broken-invalid-utf8.csv"));
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);

  /* The message points at the line where the quote opens, not at the end
   * of the file where the parser noticed. */
  table = read_fixture ("broken-unterminated-quote.csv", SUIJI_TABLE_ENCODING_AUTO, -1, &error);
  g_assert_null (table);
  g_assert_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_DAMAGED);
  g_assert_nonnull (strstr (error->message, "broken-unterminated-quote.csv"));
  g_assert_nonnull (strstr (error->message, "line 3"));
}

static void
test_csv_large (void)
{
  g_autofree char *path = tmp_path ("large.csv");
  g_autoptr (GString) contents = g_string_new ("统一社会信用代码,企业名称,所属区域\r\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiTable) table = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (contents, "91130582MA%08u,\"沙河市第%u号玻璃厂\",桥东街道\r\n", i, i);
  g_assert_true (g_file_set_contents (path, contents->str, contents->len, &error));
  g_assert_no_error (error);

  table = suiji_table_read_file (path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (suiji_table_get_n_rows (table), ==, 20001);
  assert_row (table, 20000, 20001, ROW ("91130582MA00019999", "沙河市第19999号玻璃厂", "桥东街道"));

  g_cancellable_cancel (cancellable);
  g_assert_null (suiji_table_read_file (path, NULL, cancellable, &error));
  g_assert_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_CANCELLED);
}

static void
test_xlsx_xlsxwriter (void)
{
  g_autoptr (SuijiTable) notes = read_fixture_ok ("subjects-xlsxwriter.xlsx", -1);
  g_autoptr (SuijiTable) table = read_fixture_ok ("subjects-xlsxwriter.xlsx", 1);

  g_assert_cmpstr (suiji_table_get_sheet_name (notes), ==, "填表说明");
  assert_row (notes, 0, 1, ROW ("沙河市检查对象名录库填表说明"));

  g_assert_cmpstr (suiji_table_get_format (table), ==, "xlsx");
  g_assert_cmpstr (suiji_table_get_encoding (table), ==, "UTF-8");
  g_assert_cmpint (suiji_table_get_delimiter (table), ==, 0);
  g_assert_cmpstr (suiji_table_get_sheet_name (table), ==, "检查对象");
  g_assert_cmpuint (suiji_table_get_n_rows (table), ==, 3);
  g_assert_cmpuint (suiji_table_get_n_columns (table), ==, 10);
  assert_row (table, 0, 1,
              ROW ("统一社会信用代码", "企业名称", "类型", "所属区域", "信用风险分类", "成立日期",
                   "注册资本（万元）", "纳税人识别号", "是否重点", "检查次数"));
  /* Rich text runs joined, a date as ISO, a large integer without exponent,
   * a boolean and the cached value of a formula. */
  assert_row (table, 1, 2,
              ROW ("91130582MA0CXK7L3B", "沙河市华晶玻璃制品有限公司", "有限责任公司", "桥东街道",
                   "A类", "2016-05-12", "1200.5", "130582000012345", "TRUE", "3"));
  /* Row 3 is not in the file; the gap at column C stays empty. */
  assert_row (table, 2, 4,
              ROW ("92130582MA0E7H2K5D", "沙河市周庄镇老王饭店", "", "周庄街道", "低风险",
                   "2009-09-01", "3", "0.1", "FALSE"));
}

static void
test_xlsx_libreoffice (void)
{
  g_autoptr (SuijiTable) table = read_fixture_ok ("subjects-libreoffice.xlsx", -1);

  g_assert_cmpstr (suiji_table_get_sheet_name (table), ==, "subjects-utf8");
  g_assert_cmpuint (suiji_table_get_n_rows (table), ==, 5);
  /* LibreOffice made numbers and dates of the text, and dropped the leading
   * zero of the postcode: that is what the file holds. */
  assert_row (table, 1, 2,
              ROW ("91130582MA0CXK7L3B", "沙河市华晶玻璃制品有限公司", "有限责任公司", "桥东街道",
                   "A", "沙河市桥东街道钢铁路77号", "2016-05-12", "1200", "0319-8701234", "54100"));
  g_assert_cmpstr (suiji_table_get_cell (table, 2, 7), ==, "50.5");
  g_assert_cmpstr (suiji_table_get_cell (table, 2, 8), ==, "13931912345");
  /* The blank CSV line 4 has no row in the sheet. */
  g_assert_cmpuint (suiji_table_get_source_row (table, 3), ==, 5);
  g_assert_cmpuint (suiji_table_get_source_row (table, 4), ==, 6);
  g_assert_cmpstr (suiji_table_get_cell (table, 4, 8), ==, "130582000012345");
}

static void
test_xlsx_handmade (void)
{
  g_autoptr (SuijiTable) table = read_fixture_ok ("handmade.xlsx", -1);

  g_assert_cmpstr (suiji_table_get_sheet_name (table), ==, "名录");
  /* The formatted but empty rows 7 and 8 at the end are dropped. */
  g_assert_cmpuint (suiji_table_get_n_rows (table), ==, 4);
  g_assert_cmpuint (suiji_table_get_n_columns (table), ==, 7);
  /* The phonetic guide of 企业 is not part of the text. */
  assert_row (
      table, 0, 1,
      ROW ("统一社会信用代码", "企业名称", "地址", "成立日期", "纳税人识别号", "信用风险分类"));
  /* _x000D_ is a carriage return; dates count from 1904 here. */
  assert_row (table, 1, 2,
              ROW ("91130582MA0CQ2R3S4", "沙河市通达运输有限公司", "沙河市桥西街道\r\n团结路 ",
                   "2015-06-30", "130582000012345", "A类"));
  /* Cells without a reference follow each other; rows 3 and 4 are absent. */
  assert_row (table, 2, 5,
              ROW ("91130582MA0CT5U6V7", "沙河市桥西街道宏远商贸有限公司", "", "2019-07-01", "3",
                   "#DIV/0!"));
  /* A row without a number follows row 5; [h]:mm:ss is no date. */
  assert_row (table, 3, 6, ROW ("", "", "0.5", "", "-12.25", "", "TRUE"));
}

static void
test_xlsx_sheets (void)
{
  g_autofree char *xlsx = fixture_path ("subjects-xlsxwriter.xlsx");
  g_autofree char *csv = fixture_path ("subjects-utf8.csv");
  g_autofree char *garbage = fixture_path ("broken-garbage.csv");
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) sheets = NULL;
  g_auto (GStrv) csv_sheets = NULL;
  g_autoptr (SuijiTable) table = NULL;

  sheets = suiji_table_list_sheets (xlsx, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (sheets, ((const char *const[]){ "填表说明", "检查对象", NULL }));

  csv_sheets = suiji_table_list_sheets (csv, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (csv_sheets, ((const char *const[]){ "subjects-utf8.csv", NULL }));

  g_assert_null (suiji_table_list_sheets (garbage, &error));
  g_assert_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_UNKNOWN_FORMAT);
  g_clear_error (&error);

  /* The message lists the sheets there are. */
  table = read_fixture ("subjects-xlsxwriter.xlsx", SUIJI_TABLE_ENCODING_AUTO, 5, &error);
  g_assert_null (table);
  g_assert_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_NO_SUCH_SHEET);
  g_assert_nonnull (strstr (error->message, "subjects-xlsxwriter.xlsx"));
  g_assert_nonnull (strstr (error->message, "填表说明"));
  g_assert_nonnull (strstr (error->message, "检查对象"));
  g_clear_error (&error);

  table = read_fixture ("handmade.xlsx", SUIJI_TABLE_ENCODING_AUTO, 1, &error);
  g_assert_null (table);
  g_assert_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_EMPTY);
  g_assert_nonnull (strstr (error->message, "handmade.xlsx"));
  g_assert_nonnull (strstr (error->message, "空表"));
}

static void
test_broken_files (void)
{
  static const struct
  {
    const char *name;
    int         code;
  } cases[] = {
    { "broken-truncated.xlsx", SUIJI_TABLE_ERROR_DAMAGED },
    { "broken-xml.xlsx", SUIJI_TABLE_ERROR_DAMAGED },
    { "broken-zip-bomb.xlsx", SUIJI_TABLE_ERROR_DAMAGED },
    { "broken-encoding.xlsx", SUIJI_TABLE_ERROR_DAMAGED },
    { "broken-not-workbook.xlsx", SUIJI_TABLE_ERROR_UNKNOWN_FORMAT },
    { "broken-garbage.csv", SUIJI_TABLE_ERROR_UNKNOWN_FORMAT },
    { "broken-ole2.xls", SUIJI_TABLE_ERROR_UNKNOWN_FORMAT },
    { "does-not-exist.csv", SUIJI_TABLE_ERROR_UNREADABLE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].name);
      assert_fixture_error (cases[i].name, SUIJI_TABLE_ENCODING_AUTO, -1, cases[i].code);
    }
}

static void
test_folder_is_unreadable (void)
{
  g_autofree char *path = tmp_path ("folder.csv");
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_null (suiji_table_read_file (path, NULL, NULL, &error));
  g_assert_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_UNREADABLE);
}

static void
test_xlsx_cancelled (void)
{
  g_autofree char *path = fixture_path ("subjects-xlsxwriter.xlsx");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (suiji_table_read_file (path, NULL, cancellable, &error));
  g_assert_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_CANCELLED);
}

/* Found by fuzz-xlsx-import: a part whose bytes are not in the encoding
 * it declares made libxml2 print five lines on stderr, and the message
 * said only "line 0: ?". Now the reason is in the message, and nothing is
 * printed. */
static void
test_xlsx_encoding_error (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = fixture_path ("broken-encoding.xlsx");
      g_autoptr (GError) error = NULL;
      g_autoptr (SuijiTable) table = suiji_table_read_file (path, NULL, NULL, &error);

      g_assert_null (table);
      g_assert_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_DAMAGED);
      g_assert_nonnull (strstr (error->message, "broken-encoding.xlsx"));
      g_assert_nonnull (strstr (error->message, "xl/worksheets/sheet1.xml"));
      g_assert_nonnull (strstr (error->message, "input conversion failed"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("*input conversion failed*");
  g_test_trap_assert_stderr_unmatched ("*encoder error*");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/table-reader/csv/utf8-bom-crlf", test_csv_utf8_bom_crlf);
  g_test_add_func ("/table-reader/csv/source-rows", test_csv_source_rows);
  g_test_add_func ("/table-reader/csv/utf8", test_csv_utf8);
  g_test_add_func ("/table-reader/csv/gbk", test_csv_gbk);
  g_test_add_func ("/table-reader/csv/delimiters", test_csv_delimiters);
  g_test_add_func ("/table-reader/csv/broken", test_csv_broken);
  g_test_add_func ("/table-reader/csv/large", test_csv_large);
  g_test_add_func ("/table-reader/xlsx/xlsxwriter", test_xlsx_xlsxwriter);
  g_test_add_func ("/table-reader/xlsx/libreoffice", test_xlsx_libreoffice);
  g_test_add_func ("/table-reader/xlsx/handmade", test_xlsx_handmade);
  g_test_add_func ("/table-reader/xlsx/sheets", test_xlsx_sheets);
  g_test_add_func ("/table-reader/xlsx/cancelled", test_xlsx_cancelled);
  g_test_add_func ("/table-reader/broken-files", test_broken_files);
  g_test_add_func ("/table-reader/xlsx/encoding-error", test_xlsx_encoding_error);
  g_test_add_func ("/table-reader/folder", test_folder_is_unreadable);

  return g_test_run ();
}
