/* test-directories.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "suiji-credit-code.h"
#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-fields.h"
#include "suiji-row-list.h"
#include "suiji-sample-data.h"
#include "suiji-subject.h"

static SuijiDatabase *
open_fresh (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "directories.db", NULL);
  g_autoptr (GError) error = NULL;
  SuijiDatabase *db = suiji_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

static void
test_credit_code_check (void)
{
  /* Published codes of real enterprises and the standard's own example. */
  const char *valid[] = { "91350100M000100Y43", "91110000600037341L", "91440300708461136T", NULL };
  const struct
  {
    const char           *code;
    SuijiCreditCodeStatus status;
    char                  expected;
  } invalid[] = {
    { "91350100M000100Y44", SUIJI_CREDIT_CODE_BAD_CHECK_CHARACTER, '3' },
    { "91110000600037341X", SUIJI_CREDIT_CODE_BAD_CHECK_CHARACTER, 'L' },
    { "9135010OM000100Y43", SUIJI_CREDIT_CODE_BAD_CHARACTER, '\0' },
    { "91350100M000100Y4", SUIJI_CREDIT_CODE_WRONG_LENGTH, '\0' },
    { "91350100M000100Y4I", SUIJI_CREDIT_CODE_BAD_CHARACTER, '3' },
  };
  char expected;

  for (guint i = 0; valid[i] != NULL; i++)
    {
      g_assert_cmpint (suiji_credit_code_check (valid[i], &expected), ==, SUIJI_CREDIT_CODE_VALID);
      g_assert_cmpint (expected, ==, valid[i][17]);
    }

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_assert_cmpint (suiji_credit_code_check (invalid[i].code, &expected), ==, invalid[i].status);
      g_assert_cmpint (expected, ==, invalid[i].expected);
    }
}

static void
test_key_normalize (void)
{
  const char *cases[][2] = {
    { " 91350100m000100y43 ", "91350100M000100Y43" },
    { "9135 0100-M000 100Y43", "91350100M000100Y43" },
    { "９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43" },
    { "130582000012345", "130582000012345" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = suiji_subject_key_normalize (cases[i][0]);
      g_assert_cmpstr (key, ==, cases[i][1]);
    }
}

/* Found by fuzz-small-parsers (tests/fuzz/corpus/small-parsers/crash-*):
 * a text ending inside a UTF-8 sequence, as a command line in another
 * encoding gives it, was read past its end. */
static void
test_fields_invalid_utf8 (void)
{
  const char *const codes[] = { "A", "B", "C", "D", NULL };
  const char *const texts[] = { "9113058\xc8MA0C0[5年3\xe6\x9c"
                                "C0[5\xe5\xb9",
                                " 3.0 \xde", "\xff", "A\xe9" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *clean = suiji_fields_clean_text (texts[i]);
      g_autofree char *key = suiji_subject_key_normalize (texts[i]);
      g_autofree char *date = suiji_fields_normalize_date (texts[i]);
      g_autofree char *code = suiji_fields_normalize_credit_class (texts[i], codes);

      g_assert_true (g_utf8_validate (clean, -1, NULL));
      g_assert_true (g_utf8_validate (key, -1, NULL));
      g_assert_nonnull (strstr (key, "\xef\xbf\xbd"));
      g_assert_null (date);
      g_assert_null (code);
      g_assert_null (suiji_fields_normalize_status (texts[i]));
      g_assert_null (suiji_fields_normalize_subject_type (texts[i]));
    }

  {
    g_autofree char *key = suiji_subject_key_normalize (texts[0]);

    g_assert_true (g_str_has_prefix (key, "9113058\xef\xbf\xbdMA0C0[5年3"));
  }
}

static void
test_fields (void)
{
  const char *codes[] = { "A", "B", "C", "D", NULL };
  const char *classes[][2] = {
    { "A", "A" },      { "a", "A" },        { "Ａ", "A" },       { "B类", "B" },
    { "C级", "C" },    { "低风险", "A" },   { "一般风险", "B" }, { "较高风险", "C" },
    { "高风险", "D" }, { "D 高风险", "D" }, { "", "" },          { "未分类", "" },
  };
  const char *not_classes[] = { "E", "AB", "优", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      g_autofree char *code = suiji_fields_normalize_credit_class (classes[i][0], codes);
      g_assert_cmpstr (code, ==, classes[i][1]);
    }
  for (guint i = 0; not_classes[i] != NULL; i++)
    {
      g_autofree char *code = suiji_fields_normalize_credit_class (not_classes[i], codes);
      g_assert_null (code);
    }

  g_assert_cmpstr (suiji_fields_normalize_subject_type ("个体"), ==, "个体工商户");
  g_assert_cmpstr (suiji_fields_normalize_subject_type ("有限责任公司"), ==, "企业");
  g_assert_cmpstr (suiji_fields_normalize_subject_type ("农民专业合作社"), ==, "农民专业合作社");
  g_assert_null (suiji_fields_normalize_subject_type ("外星人"));
  g_assert_cmpstr (suiji_fields_normalize_status ("在营（开业）"), ==, "存续");
  g_assert_cmpstr (suiji_fields_normalize_status ("注销"), ==, "注销");
  g_assert_null (suiji_fields_normalize_status ("不知道"));

  {
    const char *dates[][2] = {
      { "2025-03-01", "2025-03-01" },   { "2025/3/1", "2025-03-01" },
      { "2025.3.1", "2025-03-01" },     { "20250301", "2025-03-01" },
      { "2025年3月1日", "2025-03-01" }, { "", "" },
    };
    const char *not_dates[] = { "2025-02-30", "3/1/2025", "明天", "2025-03-01-02", NULL };

    for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
      {
        g_autofree char *date = suiji_fields_normalize_date (dates[i][0]);
        g_assert_cmpstr (date, ==, dates[i][1]);
      }
    for (guint i = 0; not_dates[i] != NULL; i++)
      {
        g_autofree char *date = suiji_fields_normalize_date (not_dates[i]);
        g_assert_null (date);
      }
  }

  g_assert_cmpint (suiji_fields_parse_boolean ("在岗"), ==, 1);
  g_assert_cmpint (suiji_fields_parse_boolean ("否"), ==, 0);
  g_assert_cmpint (suiji_fields_parse_boolean ("也许"), ==, -1);
}

static gint64
add_subject (SuijiDatabase *db,
             const char    *key,
             const char    *name,
             const char    *credit_class,
             const char    *region)
{
  g_autoptr (GError) error = NULL;
  SuijiSubjectRecord record = {
    .key = (char *) key,
    .name = (char *) name,
    .credit_class = (char *) credit_class,
    .region = (char *) region,
    .department_id = -1,
  };
  gint64 id = suiji_subject_save (db, &record, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_subject_save_keeps_what_is_not_given (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiSubjectRecord) loaded = NULL;
  g_autoptr (GError) error = NULL;
  const char *labels[] = { "食品", "重点", NULL };
  gint64      department =
      suiji_department_ensure (db, "沙河市市场监督管理局", "市场监管局", TRUE, NULL);
  SuijiSubjectRecord full = {
    .key = (char *) "91130582MA0A00001X",
    .name = (char *) "沙河市玻璃制品有限公司",
    .subject_type = (char *) "企业",
    .industry = (char *) "制造业",
    .region = (char *) "褡裢街道",
    .address = (char *) "沙河市褡裢街道工业路1号",
    .status = (char *) "存续",
    .credit_class = (char *) "B",
    .credit_class_date = (char *) "2025-01-15",
    .department_id = department,
    .labels = (GStrv) labels,
  };
  SuijiSubjectRecord partial = {
    .key = (char *) "91130582MA0A00001X",
    .credit_class = (char *) "D",
    .department_id = -1,
  };
  gint64 id;

  id = suiji_subject_save (db, &full, &error);
  g_assert_no_error (error);
  g_assert_cmpint (suiji_subject_save (db, &partial, &error), ==, id);

  loaded = suiji_subject_load (db, id, &error);
  g_assert_cmpstr (loaded->name, ==, "沙河市玻璃制品有限公司");
  g_assert_cmpstr (loaded->address, ==, "沙河市褡裢街道工业路1号");
  g_assert_cmpstr (loaded->credit_class, ==, "D");
  /* A new class without a date is dated the day it was set. */
  g_assert_cmpstr (loaded->credit_class_date, !=, "2025-01-15");
  g_assert_cmpint (strlen (loaded->credit_class_date), ==, 10);
  g_assert_cmpint (loaded->department_id, ==, department);
  g_assert_cmpuint (g_strv_length (loaded->labels), ==, 2);
  g_assert_true (g_strv_contains ((const char *const *) loaded->labels, "食品"));
}

static void
test_subject_rekey_conflict (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiSubjectRecord) first = NULL;
  g_autoptr (GError) error = NULL;
  gint64 a = add_subject (db, "91350100M000100Y43", "甲公司", "A", "桥东街道");

  add_subject (db, "91110000600037341L", "乙公司", "B", "桥西街道");
  first = suiji_subject_load (db, a, &error);
  g_free (first->key);
  first->key = g_strdup ("91110000600037341L");
  g_assert_cmpint (suiji_subject_save (db, first, &error), ==, 0);
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT);
  g_clear_pointer (&first, suiji_subject_record_free);

  first = suiji_subject_load (db, a, NULL);
  g_assert_cmpstr (first->key, ==, "91350100M000100Y43");
}

static void
test_subject_list_filters_and_counts (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiPagedList) list = suiji_subject_list_new (db);
  g_autoptr (GError) error = NULL;
  SuijiSubjectFilter filter = { 0 };
  gint64             ids[3];

  ids[0] = add_subject (db, "91350100M000100Y43", "沙河市甲玻璃有限公司", "A", "桥东街道");
  ids[1] = add_subject (db, "91110000600037341L", "沙河市乙煤业有限公司", "A", "桥西街道");
  ids[2] = add_subject (db, "130582000012345", "沙河市丙饭店", "", "桥东街道");

  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (
      GPOINTER_TO_UINT (g_hash_table_lookup (suiji_paged_list_get_counts (list), "A")), ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (suiji_paged_list_get_counts (list), "")),
                    ==, 1);

  filter.search = "玻璃";
  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* Codes are found as typed: lower case, spaced, a part of them. */
  filter.search = "600037 341l";
  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (suiji_paged_list_get_id (list, 0), ==, ids[1]);

  {
    g_auto (GStrv) regions = suiji_subject_list_values (db, "region", &error);
    const char *expected[] = { "桥东街道", "桥西街道", NULL };

    g_assert_no_error (error);
    g_assert_cmpstrv (regions, expected);
  }

  filter.search = NULL;
  filter.region = "桥东街道";
  filter.credit_class = "";
  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  {
    g_autoptr (SuijiSubject) subject = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_cmpstr (suiji_subject_get_record (subject)->name, ==, "沙河市丙饭店");
  }

  filter = (SuijiSubjectFilter){ 0 };
  g_assert_true (suiji_subject_add_label (db, ids, 2, "重点行业", &error));
  filter.label = "重点行业";
  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_KEY, TRUE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpint (suiji_paged_list_get_id (list, 0), ==, ids[0]);

  g_assert_true (suiji_subject_set_class (db, &ids[2], 1, "C", NULL, &error));
  g_assert_true (suiji_subject_delete (db, &ids[0], 1, &error));
  filter = (SuijiSubjectFilter){ 0 };
  g_assert_true (
      suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_CLASS, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (
      GPOINTER_TO_UINT (g_hash_table_lookup (suiji_paged_list_get_counts (list), "C")), ==, 1);
}

static void
test_paged_list_pages (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiPagedList) list = suiji_subject_list_new (db);
  g_autoptr (SuijiSubjectWriter) writer = NULL;
  SuijiSubjectFilter filter = { 0 };
  guint              n = 2345;

  g_assert_true (_suiji_database_begin (db, NULL));
  writer = suiji_subject_writer_new (db, NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char   *key = g_strdup_printf ("1305820000%05u", i);
      g_autofree char   *name = g_strdup_printf ("企业%05u", i);
      SuijiSubjectRecord record = { .key = key, .name = name, .department_id = -1 };

      g_assert_cmpint (suiji_subject_writer_write (writer, &record, NULL, NULL), >, 0);
    }
  g_assert_true (_suiji_database_commit (db, NULL));

  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_NAME, TRUE, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);

  /* Read across many pages, in an order no cache would like. */
  for (guint i = 0; i < n; i += 97)
    {
      guint position = (i * 7919) % n;
      g_autoptr (SuijiSubject) subject = g_list_model_get_item (G_LIST_MODEL (list), position);
      g_autofree char *expected = g_strdup_printf ("企业%05u", n - 1 - position);

      g_assert_cmpstr (suiji_subject_get_record (subject)->name, ==, expected);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));
}

/* What a search must find, worked out without SQL: the subjects whose
 * name holds the text as typed (without spaces around it), or whose key
 * holds it as a key is written (upper case, no spaces); in the order of
 * @all. */
static GArray *
expected_matches (SuijiPagedList *all, const char *search)
{
  g_autofree char *text = g_strstrip (g_strdup (search));
  g_autofree char *key_text = suiji_subject_key_normalize (search);
  GArray          *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr (SuijiSubject) subject = g_list_model_get_item (G_LIST_MODEL (all), i);
      const SuijiSubjectRecord *record = suiji_subject_get_record (subject);

      if (strstr (record->name, text) != NULL ||
          strstr (record->key, *key_text != '\0' ? key_text : text) != NULL)
        g_array_append_val (ids, record->id);
    }

  return ids;
}

/* Byte order, as SQLite sorts text. */
static int
compare_texts (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static void
test_subject_search_finds_what_it_should (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiPagedList) all = suiji_subject_list_new (db);
  g_autoptr (SuijiPagedList) found = suiji_subject_list_new (db);
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiSubject) some = NULL;
  g_autofree char *some_key = NULL;
  g_autofree char *some_key_lower = NULL;
  g_autofree char *some_key_part = NULL;
  g_autofree char *some_name_part = NULL;
  const char      *searches[] = {
         "沙河",      "玻璃", "玻璃制品", "饭店",     "沙河市（东）",
         "（东）",    "100%", "%",        "_",        "A_B",
         "a_b",       "ABC",  "abc",      "91130582", "91130582ma",
         "9113 0582", "ma0",  "MA0",      " 玻璃 ",   "不存在的名字",
         "'",         "\"",   "[",        "*",        "?",
         "、",        "·",    "130582",   "Ｍ",       "0",
  };
  guint n_checked = 0;

  g_assert_true (
      suiji_sample_data_fill_directories (db, 1500, SUIJI_SAMPLE_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);
  /* Names with what LIKE and GLOB would read as patterns, and punctuation. */
  add_subject (db, "91130582MA0TEST01X", "沙河市100%纯净水厂", "A", "桥东街道");
  add_subject (db, "91130582MA0TEST02X", "沙河市A_B商贸有限公司", "B", "桥西街道");
  add_subject (db, "91130582MA0TEST03X", "沙河市AxB商贸有限公司", "B", "桥西街道");
  add_subject (db, "91130582MA0TEST04X", "沙河市（东）饭店", "", "");
  add_subject (db, "91130582MA0TEST05X", "沙河市ABC·abc's [玻璃]*?店、", "C", "桥东街道");

  g_assert_true (suiji_subject_list_filter (all, NULL, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 1505);

  /* The regions the filter offers: every one there is, once, in order. */
  {
    g_autoptr (GPtrArray) expected = g_ptr_array_new ();
    g_auto (GStrv) regions = suiji_subject_list_values (db, "region", &error);

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
      {
        g_autoptr (SuijiSubject) subject = g_list_model_get_item (G_LIST_MODEL (all), i);
        const char *region = suiji_subject_get_record (subject)->region;

        if (*region != '\0' &&
            !g_ptr_array_find_with_equal_func (expected, region, g_str_equal, NULL))
          g_ptr_array_add (expected, (gpointer) g_intern_string (region));
      }
    g_ptr_array_sort (expected, compare_texts);
    g_ptr_array_add (expected, NULL);
    g_assert_no_error (error);
    g_assert_cmpuint (expected->len, >, 5);
    g_assert_cmpstrv (regions, (const char *const *) expected->pdata);
  }

  some = g_list_model_get_item (G_LIST_MODEL (all), 777);
  some_key = g_strdup (suiji_subject_get_record (some)->key);
  some_key_lower = g_ascii_strdown (some_key, -1);
  some_key_part = g_strndup (some_key_lower + 9, 5);
  some_name_part = g_utf8_substring (suiji_subject_get_record (some)->name, 3, 6);

  for (guint i = 0; i < G_N_ELEMENTS (searches) + 4; i++)
    {
      const char *typed[] = { some_key, some_key_lower, some_key_part, some_name_part };
      const char *search =
          i < G_N_ELEMENTS (searches) ? searches[i] : typed[i - G_N_ELEMENTS (searches)];
      SuijiSubjectFilter filter = { .search = search };
      g_autoptr (GArray) expected = expected_matches (all, search);

      g_assert_true (
          suiji_subject_list_filter (found, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
      g_assert_no_error (error);
      g_test_message ("search “%s”: %u found", search, expected->len);
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, expected->len);
      for (guint j = 0; j < expected->len; j++)
        g_assert_cmpint (suiji_paged_list_get_id (found, j), ==,
                         g_array_index (expected, gint64, j));
      n_checked += expected->len;
    }

  /* The searches above are not all empty or all full. */
  g_assert_cmpuint (n_checked, >, 1505);
  {
    SuijiSubjectFilter filter = { .search = "%" };

    g_assert_true (
        suiji_subject_list_filter (found, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
    filter.search = "a_b";
    g_assert_true (
        suiji_subject_list_filter (found, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 0);
    filter.search = some_key_lower;
    g_assert_true (
        suiji_subject_list_filter (found, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
  }
}

static void
count_notify_cb (GObject *object, GParamSpec *pspec, guint *n_notified)
{
  (*n_notified)++;
}

static void
record_change_cb (GListModel *model, guint position, guint removed, guint added, guint *change)
{
  change[0] = position;
  change[1] = removed;
  change[2] = added;
  change[3]++;
}

static const char *
row_name (SuijiRow *row)
{
  SuijiSubject *subject = suiji_row_get_item (row);

  return subject != NULL ? suiji_subject_get_record (subject)->name : NULL;
}

static void
test_row_list_follows_the_list (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiPagedList) list = suiji_subject_list_new (db);
  g_autoptr (SuijiRowList) rows = suiji_row_list_new (G_LIST_MODEL (list));
  g_autoptr (SuijiRow) first = NULL;
  g_autoptr (SuijiRow) fourth = NULL;
  g_autoptr (SuijiRow) unread = NULL;
  g_autoptr (GError) error = NULL;
  SuijiSubjectFilter filter = { 0 };
  guint              change[4] = { 0 };
  guint              n_notified = 0, n_unread_notified = 0;
  const char        *names[] = { "沙河市甲玻璃有限公司", "沙河市乙煤业有限公司", "沙河市丙饭店",
                                 "沙河市丁玻璃制品厂", "沙河市戊商贸有限公司" };
  const char        *keys[] = { "91350100M000100Y43", "91110000600037341L", "130582000012345",
                                "130582000012346", "130582000012347" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_subject (db, keys[i], names[i], "A", "桥东街道");
  g_signal_connect (rows, "items-changed", G_CALLBACK (record_change_cb), change);

  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_KEY, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_item_type (G_LIST_MODEL (rows)), ==, SUIJI_TYPE_ROW);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 5);
  g_assert_cmpuint (change[0], ==, 0);
  g_assert_cmpuint (change[1], ==, 0);
  g_assert_cmpuint (change[2], ==, 5);

  /* A position gives the same row while it is in use, showing the item
   * the list holds there. */
  first = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  fourth = g_list_model_get_item (G_LIST_MODEL (rows), 3);
  unread = g_list_model_get_item (G_LIST_MODEL (rows), 1);
  {
    g_autoptr (SuijiRow) again = g_list_model_get_item (G_LIST_MODEL (rows), 0);
    g_assert_true (again == first);
  }
  g_assert_cmpuint (suiji_row_get_position (fourth), ==, 3);
  g_assert_cmpstr (row_name (first), ==, "沙河市丙饭店");
  g_assert_cmpstr (row_name (fourth), ==, "沙河市乙煤业有限公司");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rows), 5));
  g_signal_connect (first, "notify::item", G_CALLBACK (count_notify_cb), &n_notified);
  g_signal_connect (unread, "notify::item", G_CALLBACK (count_notify_cb), &n_unread_notified);

  /* A search: the same row at the same position takes the new item and
   * says so; only the positions gone from the end are reported. */
  filter.search = "玻璃";
  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_KEY, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2);
  g_assert_cmpuint (change[0], ==, 2);
  g_assert_cmpuint (change[1], ==, 3);
  g_assert_cmpuint (change[2], ==, 0);
  g_assert_cmpuint (n_notified, ==, 1);
  g_assert_cmpuint (n_unread_notified, ==, 0);
  {
    g_autoptr (SuijiRow) again = g_list_model_get_item (G_LIST_MODEL (rows), 0);
    g_assert_true (again == first);
  }
  g_assert_cmpstr (row_name (first), ==, "沙河市丁玻璃制品厂");
  /* Read when asked: the item now at its position. */
  g_assert_cmpstr (row_name (unread), ==, "沙河市甲玻璃有限公司");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rows), 3));

  /* A row past the end has left the list; the position comes back with
   * another row. */
  filter.search = NULL;
  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_KEY, FALSE, &error));
  g_assert_cmpuint (change[3], ==, 3);
  g_assert_cmpuint (change[0], ==, 2);
  g_assert_cmpuint (change[1], ==, 0);
  g_assert_cmpuint (change[2], ==, 3);
  g_assert_cmpstr (row_name (first), ==, "沙河市丙饭店");
  g_assert_cmpuint (n_notified, ==, 2);
  {
    g_autoptr (SuijiRow) again = g_list_model_get_item (G_LIST_MODEL (rows), 3);
    g_assert_true (again != fourth);
    g_assert_cmpstr (row_name (again), ==, "沙河市乙煤业有限公司");
  }

  /* The same number in another order: no position comes or goes, the
   * rows show the new order. */
  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_KEY, TRUE, &error));
  g_assert_cmpuint (change[3], ==, 3);
  g_assert_cmpuint (n_notified, ==, 3);
  g_assert_cmpstr (row_name (first), ==, "沙河市甲玻璃有限公司");

  /* A limit shows the first positions only, until it is lifted. */
  suiji_row_list_set_limit (rows, 2);
  g_assert_cmpuint (suiji_row_list_get_limit (rows), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2);
  g_assert_cmpuint (change[3], ==, 4);
  g_assert_cmpuint (change[0], ==, 2);
  g_assert_cmpuint (change[1], ==, 3);
  g_assert_cmpuint (change[2], ==, 0);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (rows), 2));
  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_KEY, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2);
  g_assert_cmpuint (change[3], ==, 4);
  g_assert_cmpstr (row_name (first), ==, "沙河市丙饭店");
  suiji_row_list_set_limit (rows, G_MAXUINT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 5);
  g_assert_cmpuint (change[3], ==, 5);
  g_assert_cmpuint (change[0], ==, 2);
  g_assert_cmpuint (change[1], ==, 0);
  g_assert_cmpuint (change[2], ==, 3);

  /* Rows outlive their list. */
  g_clear_object (&rows);
  g_assert_cmpstr (row_name (first), ==, "沙河市丙饭店");
  g_assert_cmpuint (suiji_row_get_position (fourth), ==, 3);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/credit-code/check", test_credit_code_check);
  g_test_add_func ("/credit-code/normalize", test_key_normalize);
  g_test_add_func ("/fields/normalize", test_fields);
  g_test_add_func ("/fields/invalid-utf8", test_fields_invalid_utf8);
  g_test_add_func ("/subjects/save-partial", test_subject_save_keeps_what_is_not_given);
  g_test_add_func ("/subjects/rekey-conflict", test_subject_rekey_conflict);
  g_test_add_func ("/subjects/filter", test_subject_list_filters_and_counts);
  g_test_add_func ("/subjects/paged", test_paged_list_pages);
  g_test_add_func ("/subjects/search", test_subject_search_finds_what_it_should);
  g_test_add_func ("/subjects/rows", test_row_list_follows_the_list);

  return g_test_run ();
}
