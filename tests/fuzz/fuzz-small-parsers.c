/* fuzz-small-parsers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The short texts Suiji reads from the command line, the task dialog and
 * the cells of a file: the first byte of an input picks the parser, the
 * rest is its text.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fuzz-common.h"
#include "suiji-credit-code.h"
#include "suiji-draw.h"
#include "suiji-fields.h"
#include "suiji-form-report.h"
#include "suiji-import.h"
#include "suiji-task.h"

/* A file with a header, for the column mappings of --map. */
static const char mapped_csv[] = "统一社会信用代码,企业名称,类型,区域,C\n"
                                 "91130582MA0CXK7L3B,沙河市华晶玻璃制品有限公司,企业,桥东街道,A\n";

static void
parse_filter (const char *text)
{
  g_auto (SuijiTaskFilter) filter = { 0 };
  g_autoptr (GError) error = NULL;

  if (!suiji_task_filter_parse (text, &filter, &error))
    g_assert (error != NULL && filter.exclude_drawn == NULL);
  else
    g_assert (error == NULL && filter.exclude_drawn != NULL);
}

static void
parse_rules (const char *text, gboolean counts)
{
  g_autoptr (SuijiTaskRecord) record = suiji_task_record_new ();
  g_autoptr (GError) error = NULL;

  if (suiji_task_parse_rules (record, text, counts, &error))
    for (guint i = 0; i < record->rules->len; i++)
      {
        const SuijiTaskRule *rule = g_ptr_array_index (record->rules, i);

        g_assert (*rule->stratum != '\0');
        g_assert (counts ? rule->count >= 0 : rule->bp >= 0 && rule->bp <= 10000);
      }
  else
    g_assert (error != NULL);
}

static void
parse_value (const char *text)
{
  g_autoptr (GError) error = NULL;
  gboolean empty = FALSE;
  gint64   value = -1;

  if (suiji_form_parse_value (text, &empty, &value, &error))
    g_assert (value >= 0);
  else
    g_assert (error != NULL);
}

static void
normalize_fields (const char *text)
{
  const char *const codes[] = { "A", "B", "C", "D", NULL };
  g_autofree char  *credit_class = suiji_fields_normalize_credit_class (text, codes);
  g_autofree char  *date = suiji_fields_normalize_date (text);
  g_autofree char  *clean = suiji_fields_clean_text (text);
  g_autofree char  *key = suiji_subject_key_normalize (text);
  char              expected = 0;

  /* A class read is one of the classes; a cleaned text is still text. */
  if (credit_class != NULL && *credit_class != '\0' && !g_strv_contains (codes, credit_class))
    g_error ("“%s” was read as the class “%s”", text, credit_class);
  if (g_utf8_validate (text, -1, NULL) && !g_utf8_validate (clean, -1, NULL))
    g_error ("cleaning “%s” broke its UTF-8", text);
  suiji_fields_normalize_subject_type (text);
  suiji_fields_normalize_status (text);
  suiji_fields_normalize_item_category (text);
  suiji_fields_parse_boolean (text);
  if (key != NULL && suiji_credit_code_looks_like (key))
    suiji_credit_code_check (key, &expected);
  /* A date read is a real day, in the form the database keeps. */
  if (date != NULL && *date != '\0')
    {
      guint year = 0, month = 0, day = 0;

      if (strlen (date) != 10 || sscanf (date, "%4u-%2u-%2u", &year, &month, &day) != 3 ||
          !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        g_error ("“%s” was read as the date “%s”", text, date);
    }
}

static void
parse_seed (const char *text)
{
  g_autoptr (GError) error = NULL;
  guint8 seed[SUIJI_DRAW_SEED_SIZE];

  if (suiji_draw_seed_from_hex (text, seed, &error))
    {
      g_autofree char *hex = suiji_draw_seed_to_hex (seed);

      g_assert (strlen (hex) == 2 * SUIJI_DRAW_SEED_SIZE);
    }
  suiji_draw_seed_from_text (text, seed);
}

static void
parse_map (const char *text)
{
  const char *path = fuzz_write_file ("map.csv", (const guint8 *) mapped_csv, strlen (mapped_csv));
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDatabase) db = fuzz_open_database ();
  SuijiTable *table = suiji_table_read_file (path, NULL, NULL, &error);
  g_autoptr (SuijiImport) import = NULL;

  g_assert_no_error (error);
  import = suiji_import_new (db, SUIJI_DIRECTORY_SUBJECTS, table, path);
  if (!suiji_import_apply_map_spec (import, text, &error))
    g_assert (error != NULL);
  else if (suiji_import_validate (import, NULL, &error))
    suiji_import_get_problems (import);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = NULL;

  if (size == 0)
    return 0;

  fuzz_init ();
  text = fuzz_dup_text (data + 1, size - 1);
  switch (data[0] % 8)
    {
    case 0:
      parse_filter (text);
      break;
    case 1:
      parse_rules (text, FALSE);
      break;
    case 2:
      parse_rules (text, TRUE);
      break;
    case 3:
      parse_value (text);
      break;
    case 4:
      normalize_fields (text);
      break;
    case 5:
      parse_seed (text);
      break;
    case 6:
      parse_map (text);
      break;
    default:
      {
        g_autoptr (SuijiTaskRecord) record = suiji_task_record_new ();
        gint64 lead = 1;

        /* A filter as a task keeps it, checked with the rest of the task. */
        g_array_append_val (record->department_ids, lead);
        g_free (record->name);
        record->name = g_strdup ("抽查");
        record->year = 2025;
        g_free (record->pool_filter);
        record->pool_filter = g_strdup (text);
        suiji_task_check (record, NULL);
      }
      break;
    }

  return 0;
}
