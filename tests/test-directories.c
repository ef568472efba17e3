/* test-directories.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "suiji-avoidance.h"
#include "suiji-core-test-utils.h"
#include "suiji-credit-code.h"
#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-draw-audit.h"
#include "suiji-draw-publish.h"
#include "suiji-fields.h"
#include "suiji-inspector.h"
#include "suiji-item.h"
#include "suiji-result.h"
#include "suiji-row-list.h"
#include "suiji-sample-data.h"
#include "suiji-subject.h"
#include "suiji-task.h"

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

/* Inspectors and items edited by id */

static gint64
query_int (SuijiDatabase *db, const char *sql)
{
  g_autofree char *text = suiji_test_query (db, sql);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Everything an edit could touch, so that a refused one can be shown to
 * have left the file as it was. */
static char *
snapshot (SuijiDatabase *db)
{
  return suiji_test_query (
      db, "SELECT (SELECT group_concat(id || name || badge || coalesce(badge_valid_until, '-')"
          "   || coalesce(department_id, '-') || post || active, ';') FROM inspectors)"
          " || '|' || (SELECT coalesce(group_concat(inspector_id || '.' || label_id), '')"
          "   FROM inspector_labels)"
          " || '|' || (SELECT group_concat(id || coalesce(department_id, '-') || name || category"
          "   || subject_type || method || legal_basis, ';') FROM items)");
}

static void
test_inspector_load_and_update (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiInspectorRecord) loaded = NULL;
  g_autoptr (GError) error = NULL;
  gint64 department =
      suiji_department_ensure (db, "沙河市市场监督管理局", "市场监管局", TRUE, &error);
  const char          *labels[] = { "食品", "特种设备", NULL };
  SuijiInspectorRecord record = {
    .name = (char *) " 张 三 ",
    .badge = (char *) "1305 8200-0100 01",
    .badge_valid_until = (char *) "2027/12/31",
    .department_id = department,
    .post = (char *) "科员",
    .active = 1,
    .labels = (GStrv) labels,
  };
  SuijiInspectorField field = SUIJI_INSPECTOR_FIELD_NAME;
  gint64              id;

  id = suiji_inspector_update (db, &record, &field, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (field, ==, SUIJI_INSPECTOR_FIELD_NONE);

  /* Stored as the import stores them: the badge without spaces and dashes,
   * the date as YYYY-MM-DD. */
  loaded = suiji_inspector_load (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->id, ==, id);
  g_assert_cmpstr (loaded->name, ==, "张 三");
  g_assert_cmpstr (loaded->badge, ==, "13058200010001");
  g_assert_cmpstr (loaded->badge_valid_until, ==, "2027-12-31");
  g_assert_cmpint (loaded->department_id, ==, department);
  g_assert_cmpstr (loaded->post, ==, "科员");
  g_assert_cmpint (loaded->active, ==, 1);
  g_assert_cmpuint (g_strv_length (loaded->labels), ==, 2);
  g_assert_true (g_strv_contains ((const char *const *) loaded->labels, "特种设备"));

  /* Every field is written as given: emptied, switched off, fewer labels. */
  g_free (loaded->name);
  loaded->name = g_strdup ("张三丰");
  g_free (loaded->badge_valid_until);
  loaded->badge_valid_until = g_strdup ("");
  g_free (loaded->post);
  loaded->post = g_strdup ("");
  loaded->department_id = 0;
  loaded->active = 0;
  g_strfreev (loaded->labels);
  loaded->labels = g_strsplit ("食品", ",", -1);
  g_assert_cmpint (suiji_inspector_update (db, loaded, NULL, &error), ==, id);
  g_assert_no_error (error);
  g_clear_pointer (&loaded, suiji_inspector_record_free);

  loaded = suiji_inspector_load (db, id, &error);
  g_assert_cmpstr (loaded->name, ==, "张三丰");
  g_assert_cmpstr (loaded->badge_valid_until, ==, "");
  g_assert_cmpstr (loaded->post, ==, "");
  g_assert_cmpint (loaded->department_id, ==, 0);
  g_assert_cmpint (loaded->active, ==, 0);
  g_assert_cmpuint (g_strv_length (loaded->labels), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM inspectors"), ==, 1);

  g_assert_null (suiji_inspector_load (db, id + 1, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FAILED);
}

typedef struct
{
  const char         *name;
  const char         *badge;
  const char         *valid_until;
  gint64              department_id;
  SuijiInspectorField field;
  const char         *words; /* what the message must say */
} InspectorRefusal;

static void
test_inspector_refusals (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (GError) error = NULL;
  gint64 department = suiji_department_ensure (db, "沙河市税务局", "税务局", FALSE, &error);
  SuijiInspectorRecord first = { .name = (char *) "李四", .badge = (char *) "B001", .active = 1 };
  SuijiInspectorRecord second = { .name = (char *) "王五", .badge = (char *) "B002", .active = 1 };
  const InspectorRefusal refusals[] = {
    { "", "B002", "", 0, SUIJI_INSPECTOR_FIELD_NAME, "full name" },
    { " \u3000 ", "B002", "", 0, SUIJI_INSPECTOR_FIELD_NAME, "full name" },
    { "王五", " ", "", 0, SUIJI_INSPECTOR_FIELD_BADGE, "badge number" },
    { "王五", "b 001", "", 0, SUIJI_INSPECTOR_FIELD_BADGE, "B001 already belongs to 李四" },
    { "王五", "B002", "2025-02-30", 0, SUIJI_INSPECTOR_FIELD_VALID_UNTIL,
      "“2025-02-30” is not a date" },
    { "王五", "B002", "明年", 0, SUIJI_INSPECTOR_FIELD_VALID_UNTIL, "validity date" },
    { "王五", "B002", "", department + 100, SUIJI_INSPECTOR_FIELD_DEPARTMENT, "department" },
  };
  g_autofree char *before = NULL;
  gint64           second_id;

  g_assert_cmpint (suiji_inspector_update (db, &first, NULL, &error), >, 0);
  second_id = suiji_inspector_update (db, &second, NULL, &error);
  g_assert_no_error (error);
  before = snapshot (db);

  /* Each refusal names its field, both in words and for the form, and
   * leaves the file as it was; a new inspector and an edit alike. */
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    for (guint edit = 0; edit < 2; edit++)
      {
        SuijiInspectorRecord record = {
          .id = edit ? second_id : 0,
          .name = (char *) refusals[i].name,
          .badge = (char *) refusals[i].badge,
          .badge_valid_until = (char *) refusals[i].valid_until,
          .department_id = refusals[i].department_id,
          .active = 1,
        };
        SuijiInspectorField field = SUIJI_INSPECTOR_FIELD_NONE;
        g_autofree char    *after = NULL;

        g_test_message ("refusal %u, %s", i, edit ? "edit" : "new");
        g_assert_cmpint (suiji_inspector_update (db, &record, &field, &error), ==, 0);
        g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT);
        g_assert_nonnull (strstr (error->message, refusals[i].words));
        g_assert_cmpint (field, ==, refusals[i].field);
        g_clear_error (&error);

        /* The check alone says the same, without writing. */
        g_assert_false (suiji_inspector_check (db, &record, &field, &error));
        g_assert_cmpint (field, ==, refusals[i].field);
        g_clear_error (&error);

        after = snapshot (db);
        g_assert_cmpstr (after, ==, before);
      }

  /* Without the database only what the fields hold is checked. */
  {
    SuijiInspectorRecord taken = { .name = (char *) "王五", .badge = (char *) "B001" };
    g_assert_true (suiji_inspector_check (NULL, &taken, NULL, &error));
    g_assert_no_error (error);
  }

  /* Gone in the meantime: nothing is added in its place. */
  {
    SuijiInspectorRecord gone = { .id = second_id + 100,
                                  .name = (char *) "赵六",
                                  .badge = (char *) "B009" };
    g_autofree char     *after = NULL;

    g_assert_cmpint (suiji_inspector_update (db, &gone, NULL, &error), ==, 0);
    g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FAILED);
    g_clear_error (&error);
    after = snapshot (db);
    g_assert_cmpstr (after, ==, before);
  }
}

/* A failure after the row was written, in the labels, takes the row back
 * with it: one transaction. */
static void
test_inspector_update_is_one_transaction (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiInspectorRecord) loaded = NULL;
  g_autoptr (GError) error = NULL;
  const char          *labels[] = { "食品", NULL };
  SuijiInspectorRecord record = { .name = (char *) "李四", .badge = (char *) "B001", .active = 1 };
  g_autofree char     *before = NULL;
  g_autofree char     *after = NULL;
  gint64               id = suiji_inspector_update (db, &record, NULL, &error);

  g_assert_no_error (error);
  before = snapshot (db);
  g_assert_true (_suiji_database_exec (db,
                                       "CREATE TRIGGER refuse_labels BEFORE INSERT ON"
                                       " inspector_labels BEGIN SELECT RAISE (ABORT, 'full'); END",
                                       &error));

  record.id = id;
  record.name = (char *) "李四新";
  record.badge = (char *) "B777";
  record.labels = (GStrv) labels;
  g_assert_cmpint (suiji_inspector_update (db, &record, NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_clear_error (&error);

  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);
  loaded = suiji_inspector_load (db, id, &error);
  g_assert_cmpstr (loaded->badge, ==, "B001");

  /* And the next edit goes through: no transaction was left open. */
  g_assert_true (_suiji_database_exec (db, "DROP TRIGGER refuse_labels", &error));
  g_assert_cmpint (suiji_inspector_update (db, &record, NULL, &error), ==, id);
  g_assert_no_error (error);
}

/* A corrected badge number keeps the inspector's id: the draw that matched
 * the inspector still names them, under the badge it was drawn with; the
 * results and avoidance pairs still point at them. */
static void
test_inspector_rename_keeps_references (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiInspectorRecord) inspector = NULL;
  g_autoptr (SuijiDrawNotice) notice = NULL;
  g_autoptr (SuijiResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (SuijiDrawAudit) audit = { 0 };
  g_autofree char *old_badge = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *subject_key = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *drawn_badge = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gint64           task_id, draw_id, inspector_id;

  suiji_test_fill_sample (db, 300);
  task_id = suiji_test_create_task (db, "改号任务");
  draw_id = suiji_test_draw (db, task_id, 7);

  sql =
      g_strdup_printf ("SELECT inspector_id FROM draw_inspectors WHERE draw_id = %" G_GINT64_FORMAT
                       " AND position = 0 AND rank = 0",
                       draw_id);
  inspector_id = query_int (db, sql);
  g_assert_cmpint (inspector_id, >, 0);
  inspector = suiji_inspector_load (db, inspector_id, &error);
  g_assert_no_error (error);
  old_badge = g_strdup (inspector->badge);

  g_assert_true (suiji_result_set_field (db, draw_id, 0, SUIJI_RESULT_FIELD_INSPECTORS, old_badge,
                                         NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT key FROM draw_subjects WHERE draw_id = %" G_GINT64_FORMAT
                         " AND position = 0",
                         draw_id);
  subject_key = suiji_test_query (db, sql);
  g_assert_cmpint (suiji_avoidance_add (db, old_badge, subject_key, "亲属关系", &error), >, 0);

  g_free (inspector->badge);
  inspector->badge = g_strdup ("13058299990001");
  g_assert_cmpint (suiji_inspector_update (db, inspector, NULL, &error), ==, inspector_id);
  g_assert_no_error (error);

  /* The draw is as it was saved, and still fits its record. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT badge || '/' || inspector_id FROM draw_inspectors"
                         " WHERE draw_id = %" G_GINT64_FORMAT " AND position = 0 AND rank = 0",
                         draw_id);
  drawn_badge = suiji_test_query (db, sql);
  expected = g_strdup_printf ("%s/%" G_GINT64_FORMAT, old_badge, inspector_id);
  g_assert_cmpstr (drawn_badge, ==, expected);
  g_assert_true (suiji_draw_audit (db, &audit, &error));
  g_assert_null (audit.problem);

  /* Its public notice names the inspector by the badge drawn. */
  notice = suiji_draw_notice_load (db, draw_id, &error);
  g_assert_no_error (error);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("%s（%s）", inspector->name, old_badge);
  g_assert_nonnull (
      strstr (suiji_draw_notice_get_row (notice, 0)[SUIJI_DRAW_NOTICE_INSPECTORS], expected));

  /* The result and the avoidance pair follow the id to the new badge. */
  result = suiji_result_load (db, draw_id, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->texts[SUIJI_RESULT_FIELD_INSPECTORS], ==, inspector->name);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf (
      "SELECT (SELECT count(*) FROM result_inspectors WHERE inspector_id = %" G_GINT64_FORMAT
      ") || '/' || (SELECT count(*) FROM avoidances"
      " WHERE inspector_id = %" G_GINT64_FORMAT ")",
      inspector_id, inspector_id);
  g_clear_pointer (&drawn_badge, g_free);
  drawn_badge = suiji_test_query (db, sql);
  g_assert_cmpstr (drawn_badge, ==, "1/1");

  /* Named in a result, the inspector cannot be deleted; nothing goes. */
  before = snapshot (db);
  g_assert_false (suiji_inspector_delete (db, &inspector_id, 1, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, inspector->name));
  after = snapshot (db);
  g_assert_cmpstr (after, ==, before);
}

static void
test_item_load_and_update (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiItemRecord) loaded = NULL;
  g_autoptr (SuijiTaskRecord) task = suiji_task_record_new ();
  g_autoptr (GError) error = NULL;
  gint64 market = suiji_department_ensure (db, "沙河市市场监督管理局", "市场监管局", TRUE, &error);
  gint64 tax = suiji_department_ensure (db, "沙河市税务局", "税务局", FALSE, &error);
  SuijiItemRecord record = {
    .department_id = market,
    .name = (char *) " 食品生产者的监督检查 ",
    .category = (char *) "重点",
    .subject_type = (char *) "企业",
    .method = (char *) "现场检查",
    .legal_basis = (char *) "《中华人民共和国食品安全法》第一百一十条",
  };
  g_autofree char *sql = NULL;
  guint            none = 0;
  gint64           id, task_id;

  id = suiji_item_update (db, &record, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  loaded = suiji_item_load (db, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loaded->id, ==, id);
  g_assert_cmpint (loaded->department_id, ==, market);
  g_assert_cmpstr (loaded->name, ==, "食品生产者的监督检查");
  g_assert_cmpstr (loaded->category, ==, "重点");
  g_assert_cmpstr (loaded->subject_type, ==, "企业");
  g_assert_cmpstr (loaded->method, ==, "现场检查");
  g_assert_cmpstr (loaded->legal_basis, ==, "《中华人民共和国食品安全法》第一百一十条");

  /* A task checks the item. */
  task->name = g_strdup ("食品抽查");
  task->year = 2025;
  g_array_append_val (task->department_ids, market);
  g_array_append_val (task->department_inspectors, none);
  g_array_append_val (task->item_ids, id);
  g_assert_true (suiji_task_parse_rules (task, "A=1", TRUE, &error));
  task_id = suiji_task_create (db, task, &error);
  g_assert_no_error (error);

  /* Renamed, moved to another department, made general: the same id, so
   * the task still checks it. */
  g_free (loaded->name);
  loaded->name = g_strdup ("食品生产企业的监督检查");
  g_free (loaded->category);
  loaded->category = g_strdup ("一般");
  g_free (loaded->method);
  loaded->method = g_strdup ("");
  loaded->department_id = tax;
  g_assert_cmpint (suiji_item_update (db, loaded, NULL, &error), ==, id);
  g_assert_no_error (error);
  g_clear_pointer (&loaded, suiji_item_record_free);

  loaded = suiji_item_load (db, id, &error);
  g_assert_cmpstr (loaded->name, ==, "食品生产企业的监督检查");
  g_assert_cmpstr (loaded->category, ==, "一般");
  g_assert_cmpstr (loaded->method, ==, "");
  g_assert_cmpint (loaded->department_id, ==, tax);
  sql =
      g_strdup_printf ("SELECT item_id FROM task_items WHERE task_id = %" G_GINT64_FORMAT, task_id);
  g_assert_cmpint (query_int (db, sql), ==, id);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM items"), ==, 1);

  /* Checked by a task, the item stays; the message names both. */
  g_assert_false (suiji_item_delete (db, &id, 1, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT);
  g_assert_nonnull (strstr (error->message, "食品生产企业的监督检查"));
  g_assert_nonnull (strstr (error->message, "食品抽查"));
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM items"), ==, 1);

  g_clear_error (&error);
  g_assert_null (suiji_item_load (db, id + 1, &error));
  g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FAILED);
}

static void
test_item_refusals (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (GError) error = NULL;
  gint64 market = suiji_department_ensure (db, "沙河市市场监督管理局", "市场监管局", TRUE, &error);
  gint64 tax = suiji_department_ensure (db, "沙河市税务局", "税务局", FALSE, &error);
  SuijiItemRecord first = { .department_id = market,
                            .name = (char *) "计量器具的监督检查",
                            .category = (char *) "一般" };
  SuijiItemRecord second = { .department_id = market,
                             .name = (char *) "广告发布行为的检查",
                             .category = (char *) "一般" };
  const struct
  {
    gint64         department_id;
    const char    *name;
    const char    *category;
    SuijiItemField field;
    const char    *words;
  } refusals[] = {
    { market, "", "一般", SUIJI_ITEM_FIELD_NAME, "name of the check item" },
    { market, "计量器具的监督检查", "一般", SUIJI_ITEM_FIELD_NAME, "already has a check item" },
    { market, "新事项", "普通", SUIJI_ITEM_FIELD_CATEGORY, "“普通”" },
    { market, "新事项", NULL, SUIJI_ITEM_FIELD_CATEGORY, "category" },
    { tax + 100, "新事项", "一般", SUIJI_ITEM_FIELD_DEPARTMENT, "department" },
  };
  g_autofree char *before = NULL;
  gint64           second_id;

  g_assert_cmpint (suiji_item_update (db, &first, NULL, &error), >, 0);
  second_id = suiji_item_update (db, &second, NULL, &error);
  g_assert_no_error (error);
  before = snapshot (db);

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    for (guint edit = 0; edit < 2; edit++)
      {
        SuijiItemRecord record = {
          .id = edit ? second_id : 0,
          .department_id = refusals[i].department_id,
          .name = (char *) refusals[i].name,
          .category = (char *) refusals[i].category,
        };
        SuijiItemField   field = SUIJI_ITEM_FIELD_NONE;
        g_autofree char *after = NULL;

        g_test_message ("refusal %u, %s", i, edit ? "edit" : "new");
        g_assert_cmpint (suiji_item_update (db, &record, &field, &error), ==, 0);
        g_assert_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT);
        g_assert_nonnull (strstr (error->message, refusals[i].words));
        g_assert_cmpint (field, ==, refusals[i].field);
        g_clear_error (&error);

        after = snapshot (db);
        g_assert_cmpstr (after, ==, before);
      }

  /* The same name in another department is another item; an item keeps
   * its own name when edited. */
  {
    SuijiItemRecord other = { .department_id = tax,
                              .name = (char *) "计量器具的监督检查",
                              .category = (char *) "一般" };
    g_assert_cmpint (suiji_item_update (db, &other, NULL, &error), >, 0);
    g_assert_no_error (error);
    second.id = second_id;
    second.category = (char *) "重点";
    g_assert_cmpint (suiji_item_update (db, &second, NULL, &error), ==, second_id);
    g_assert_no_error (error);
  }
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

static guint n_subject_reads;

static int
count_subject_reads_cb (unsigned kind, void *context, void *statement, void *sql)
{
  if (strstr (sqlite3_sql (statement), "s.name, s.key FROM subjects") != NULL)
    n_subject_reads++;
  return 0;
}

/* What SQLite finds for a search, in the list's order: the reference the
 * search in memory must match row for row. */
static GArray *
sqlite_matches (SuijiDatabase *db, const char *search, const char *credit_class)
{
  g_autofree char *text = g_strstrip (g_strdup (search));
  g_autofree char *key_text = suiji_subject_key_normalize (search);
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (
      db,
      "SELECT id FROM subjects WHERE (instr(name, ?1) > 0 OR instr(key, ?2) > 0)"
      " AND (?3 IS NULL OR coalesce(credit_class, '') = ?3) ORDER BY name",
      NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, *key_text != '\0' ? key_text : text, -1, SQLITE_STATIC);
  if (credit_class != NULL)
    sqlite3_bind_text (stmt, 3, credit_class, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
assert_found (SuijiPagedList *list, SuijiDatabase *db, const char *search, const char *credit_class)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) expected = sqlite_matches (db, search, credit_class);
  SuijiSubjectFilter filter = { .search = search, .credit_class = credit_class };

  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (suiji_paged_list_get_id (list, i), ==, g_array_index (expected, gint64, i));
}

/* The keystrokes of a search read the subjects once, and a change to them,
 * by this connection or by another program, is found by the next. */
static void
test_subject_search_keeps_its_texts (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "directories.db", NULL);
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiDatabase) other = NULL;
  g_autoptr (SuijiPagedList) list = suiji_subject_list_new (db);
  g_autoptr (GError) error = NULL;
  gint64 glass, coal;

  glass = add_subject (db, "91350100M000100Y43", "沙河市甲玻璃有限公司", "A", "桥东街道");
  coal = add_subject (db, "91110000600037341L", "沙河市乙煤业有限公司", "B", "桥东街道");
  add_subject (db, "130582000012345", "沙河市丙玻璃饭店", "", "");
  sqlite3_trace_v2 (_suiji_database_get_handle (db), SQLITE_TRACE_STMT, count_subject_reads_cb,
                    NULL);

  /* Nothing typed: the list reads ids only and keeps no texts. */
  assert_found (list, db, "", NULL);
  g_assert_cmpuint (n_subject_reads, ==, 1);

  /* Typing reads the texts once, or the entry getting the focus does;
   * the next keys search them. */
  g_assert_true (suiji_paged_list_prepare_search (list, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_subject_reads, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_true (suiji_paged_list_prepare_search (list, &error));
  g_assert_cmpuint (n_subject_reads, ==, 2);
  assert_found (list, db, "玻", NULL);
  assert_found (list, db, "玻璃", NULL);
  assert_found (list, db, "0001", NULL);
  assert_found (list, db, "m000", NULL);
  assert_found (list, db, "没有", NULL);
  g_assert_cmpuint (n_subject_reads, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  assert_found (list, db, "", NULL);
  g_assert_cmpuint (n_subject_reads, ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (suiji_paged_list_get_counts (list), "")),
                    ==, 1);

  /* The counts are those of the rows found. */
  assert_found (list, db, "玻璃", NULL);
  g_assert_cmpuint (
      GPOINTER_TO_UINT (g_hash_table_lookup (suiji_paged_list_get_counts (list), "A")), ==, 1);
  g_assert_null (g_hash_table_lookup (suiji_paged_list_get_counts (list), "B"));

  /* Another filter is another query. */
  assert_found (list, db, "玻璃", "A");
  g_assert_cmpuint (n_subject_reads, ==, 3);
  assert_found (list, db, "沙河", "A");
  g_assert_cmpuint (n_subject_reads, ==, 3);

  /* Rows left out for a deletion that can be undone. */
  assert_found (list, db, "玻璃", NULL);
  g_assert_true (suiji_paged_list_set_hidden (list, &glass, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_true (suiji_paged_list_set_hidden (list, NULL, 0, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (n_subject_reads, ==, 4);

  /* A change through this connection... */
  {
    SuijiSubjectRecord record = {
      .id = coal,
      .key = (char *) "91110000600037341L",
      .name = (char *) "沙河市乙玻璃煤业有限公司",
      .department_id = -1,
    };

    g_assert_cmpint (suiji_subject_save (db, &record, &error), ==, coal);
    g_assert_no_error (error);
  }
  assert_found (list, db, "玻璃", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  g_assert_cmpuint (n_subject_reads, ==, 5);

  /* ...or by another program, here another connection to the file. */
  other = suiji_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (suiji_subject_delete (other, &glass, 1, &error));
  g_assert_no_error (error);
  assert_found (list, db, "玻璃", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_assert_cmpuint (n_subject_reads, ==, 6);

  sqlite3_trace_v2 (_suiji_database_get_handle (db), 0, NULL, NULL);
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

  /* A minimum keeps positions past the end of the list, blank, until it
   * is lowered. */
  filter.search = "玻璃";
  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_KEY, FALSE, &error));
  g_assert_cmpuint (change[3], ==, 6);
  suiji_row_list_set_minimum (rows, 4);
  g_assert_cmpuint (suiji_row_list_get_minimum (rows), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 4);
  g_assert_cmpuint (change[3], ==, 7);
  g_assert_cmpuint (change[0], ==, 2);
  g_assert_cmpuint (change[1], ==, 0);
  g_assert_cmpuint (change[2], ==, 2);
  g_assert_cmpstr (row_name (first), ==, "沙河市丁玻璃制品厂");
  {
    g_autoptr (SuijiRow) blank = g_list_model_get_item (G_LIST_MODEL (rows), 3);

    g_assert_nonnull (blank);
    g_assert_null (suiji_row_get_item (blank));
  }
  /* A search that finds more fills them; one that finds fewer blanks
   * them again, and no position is reported as gone. */
  filter.search = NULL;
  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_KEY, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 5);
  g_assert_cmpuint (change[3], ==, 8);
  g_assert_cmpuint (change[0], ==, 4);
  g_assert_cmpuint (change[2], ==, 1);
  filter.search = "饭店";
  g_assert_true (suiji_subject_list_filter (list, &filter, SUIJI_SUBJECT_SORT_KEY, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 4);
  g_assert_cmpuint (change[3], ==, 9);
  g_assert_cmpuint (change[0], ==, 4);
  g_assert_cmpuint (change[1], ==, 1);
  g_assert_cmpstr (row_name (first), ==, "沙河市丙饭店");
  {
    g_autoptr (SuijiRow) second = g_list_model_get_item (G_LIST_MODEL (rows), 1);

    g_assert_null (suiji_row_get_item (second));
  }
  suiji_row_list_set_minimum (rows, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 1);
  g_assert_cmpuint (change[3], ==, 10);
  g_assert_cmpuint (change[0], ==, 1);
  g_assert_cmpuint (change[1], ==, 3);
  g_assert_cmpuint (change[2], ==, 0);

  /* Rows outlive their list. */
  g_clear_object (&rows);
  g_assert_cmpstr (row_name (first), ==, "沙河市丙饭店");
  g_assert_cmpuint (suiji_row_get_position (fourth), ==, 3);
}

typedef struct
{
  guint n_signals;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
record_items_changed_cb (
    GListModel *model, guint position, guint removed, guint added, ItemsChanged *changed)
{
  changed->n_signals++;
  changed->position = position;
  changed->removed = removed;
  changed->added = added;
}

static void
assert_same_ids (SuijiPagedList *list, SuijiPagedList *whole)
{
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (whole)));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (whole)); i++)
    g_assert_cmpint (suiji_paged_list_get_id (list, i), ==, suiji_paged_list_get_id (whole, i));
}

/* A first screen read alone, and the rest after: the views are told of
 * the rows added, unless the data changed in between. */
static void
test_subject_list_first_rows (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiPagedList) whole = suiji_subject_list_new (db);
  g_autoptr (SuijiPagedList) list = suiji_subject_list_new (db);
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiSubject) last_read = NULL;
  g_autoptr (SuijiSubject) first_added = NULL;
  ItemsChanged       changed = { 0 };
  SuijiSubjectFilter none = { 0 };
  GHashTableIter     iter;
  gpointer           key, value;
  guint              n_counted = 0;

  g_assert_true (
      suiji_sample_data_fill_directories (db, 300, SUIJI_SAMPLE_DEFAULT_SEED, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (suiji_subject_list_filter (whole, &none, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (whole)), ==, 300);

  suiji_paged_list_read_first_rows (list, 150);
  g_assert_true (suiji_subject_list_filter (list, &none, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (suiji_paged_list_is_partial (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 150);
  for (guint i = 0; i < 150; i++)
    g_assert_cmpint (suiji_paged_list_get_id (list, i), ==, suiji_paged_list_get_id (whole, i));
  /* The counts are those of the rows read. */
  g_hash_table_iter_init (&iter, suiji_paged_list_get_counts (list));
  while (g_hash_table_iter_next (&iter, &key, &value))
    n_counted += GPOINTER_TO_UINT (value);
  g_assert_cmpuint (n_counted, ==, 150);
  last_read = g_list_model_get_item (G_LIST_MODEL (list), 149);

  g_signal_connect (list, "items-changed", G_CALLBACK (record_items_changed_cb), &changed);
  g_assert_true (suiji_paged_list_complete (list, &error));
  g_assert_no_error (error);
  g_assert_false (suiji_paged_list_is_partial (list));
  g_assert_cmpuint (changed.n_signals, ==, 1);
  g_assert_cmpuint (changed.position, ==, 150);
  g_assert_cmpuint (changed.removed, ==, 0);
  g_assert_cmpuint (changed.added, ==, 150);
  assert_same_ids (list, whole);
  g_hash_table_iter_init (&iter, suiji_paged_list_get_counts (whole));
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpuint (
        GPOINTER_TO_UINT (g_hash_table_lookup (suiji_paged_list_get_counts (list), key)), ==,
        GPOINTER_TO_UINT (value));
  /* The page the first rows ended in holds the rows after them too. */
  first_added = g_list_model_get_item (G_LIST_MODEL (list), 150);
  g_assert_nonnull (first_added);
  g_assert_cmpint (suiji_subject_get_record (first_added)->id, ==,
                   suiji_paged_list_get_id (whole, 150));
  g_assert_cmpint (suiji_subject_get_record (last_read)->id, ==,
                   suiji_paged_list_get_id (whole, 149));

  /* A whole list has nothing left to read. */
  g_assert_true (suiji_paged_list_complete (list, &error));
  g_assert_cmpuint (changed.n_signals, ==, 1);

  /* The data changed in between: the list is read again whole. */
  suiji_paged_list_read_first_rows (list, 10);
  g_assert_true (suiji_paged_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 10);
  add_subject (db, "91130582MA0FIRST1X", "沙河市阿第一商贸有限公司", "A", "桥东街道");
  changed.n_signals = 0;
  g_assert_true (suiji_paged_list_complete (list, &error));
  g_assert_cmpuint (changed.n_signals, ==, 1);
  g_assert_cmpuint (changed.position, ==, 0);
  g_assert_cmpuint (changed.removed, ==, 10);
  g_assert_cmpuint (changed.added, ==, 301);
  g_assert_true (suiji_paged_list_reload (whole, &error));
  assert_same_ids (list, whole);

  /* Asked for more rows than there are, the list is whole at once; the
   * limit is for the next reload only. */
  suiji_paged_list_read_first_rows (list, 1000);
  g_assert_true (suiji_paged_list_reload (list, &error));
  g_assert_false (suiji_paged_list_is_partial (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 301);
  g_assert_true (suiji_paged_list_reload (list, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 301);

  /* A search reads all the rows it looks through. */
  suiji_paged_list_read_first_rows (list, 10);
  none.search = "沙河";
  g_assert_true (suiji_subject_list_filter (list, &none, SUIJI_SUBJECT_SORT_NAME, FALSE, &error));
  g_assert_false (suiji_paged_list_is_partial (list));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), >, 10);
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
  g_test_add_func ("/subjects/search-keeps-texts", test_subject_search_keeps_its_texts);
  g_test_add_func ("/subjects/first-rows", test_subject_list_first_rows);
  g_test_add_func ("/inspectors/load-update", test_inspector_load_and_update);
  g_test_add_func ("/inspectors/refusals", test_inspector_refusals);
  g_test_add_func ("/inspectors/one-transaction", test_inspector_update_is_one_transaction);
  g_test_add_func ("/inspectors/rename-keeps-references", test_inspector_rename_keeps_references);
  g_test_add_func ("/items/load-update", test_item_load_and_update);
  g_test_add_func ("/items/refusals", test_item_refusals);
  g_test_add_func ("/subjects/search", test_subject_search_finds_what_it_should);
  g_test_add_func ("/subjects/rows", test_row_list_follows_the_list);

  return g_test_run ();
}
