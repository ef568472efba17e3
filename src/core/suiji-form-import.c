/* suiji-form-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A department's form from an xlsx file, as Suiji exports it or as typed
 * by hand into the official template. Nothing is read from a fixed cell:
 * the header row is the one with 次数, 抽查总户数, 完成检查户数 and
 * 发现问题户数; the platform and item columns are found by their headings;
 * each row is known by its platform, item and sub-item, with white space
 * ignored and the platform and item of merged cells carried down. What
 * cannot be read is named by its cell and the reason.
 */

#define G_LOG_DOMAIN "suiji-form-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "suiji-fields.h"
#include "suiji-form-import.h"
#include "suiji-table-reader.h"

/* How far above the row of the value headings 平台 and 统计项目 may stand:
 * the plan's header has two levels. */
#define HEADER_LEVELS 2

typedef struct
{
  guint row; /* table row of the value headings */
  guint platform_column;
  guint item_column;
  guint value_columns[SUIJI_FORM_N_COLUMNS];
  guint first_value_column;
} Header;

static void
problem_free (SuijiFormImportProblem *problem)
{
  g_free (problem->cell);
  g_free (problem->reason);
  g_free (problem);
}

void
suiji_form_import_free (SuijiFormImport *import)
{
  if (import == NULL)
    return;

  g_free (import->sheet_name);
  g_free (import->unit_name);
  g_free (import->contact_person);
  g_free (import->contact_phone);
  g_free (import->mobile);
  g_clear_pointer (&import->problems, g_ptr_array_unref);
  g_free (import);
}

static char *
cell_address (SuijiTable *table, guint row, guint column)
{
  GString *name = g_string_new (NULL);

  for (guint n = column + 1; n > 0; n = (n - 1) / 26)
    g_string_prepend_c (name, (char) ('A' + (n - 1) % 26));
  g_string_append_printf (name, "%u", suiji_table_get_source_row (table, row));
  return g_string_free (name, FALSE);
}

static void
add_problem (SuijiFormImport *import, char *cell, char *reason)
{
  SuijiFormImportProblem *problem = g_new0 (SuijiFormImportProblem, 1);

  problem->cell = cell != NULL ? cell : g_strdup ("");
  problem->reason = reason;
  g_ptr_array_add (import->problems, problem);
}

static char *
normalized_cell (SuijiTable *table, guint row, guint column)
{
  return suiji_form_normalize_label (suiji_table_get_cell (table, row, column));
}

static gboolean
find_header (SuijiTable *table, Header *header)
{
  guint n_columns = suiji_table_get_n_columns (table);

  for (guint r = 0; r < suiji_table_get_n_rows (table); r++)
    {
      guint found = 0;

      for (guint c = 0; c < n_columns; c++)
        {
          g_autofree char *label = normalized_cell (table, r, c);

          for (guint v = 0; v < SUIJI_FORM_N_COLUMNS; v++)
            if (g_str_equal (label, suiji_form_column_label (v)) && !(found & (1u << v)))
              {
                header->value_columns[v] = c;
                found |= 1u << v;
              }
        }

      if (found != (1u << SUIJI_FORM_N_COLUMNS) - 1)
        continue;

      header->row = r;
      header->first_value_column = n_columns;
      for (guint v = 0; v < SUIJI_FORM_N_COLUMNS; v++)
        header->first_value_column = MIN (header->first_value_column, header->value_columns[v]);

      /* 平台 and 统计项目 stand on this row or on the level above it;
       * without them the columns are taken as on the plan's form. */
      header->platform_column = 0;
      header->item_column = 1;
      for (guint above = 0; above <= HEADER_LEVELS && above <= r; above++)
        for (guint c = 0; c < header->first_value_column; c++)
          {
            g_autofree char *label = normalized_cell (table, r - above, c);

            if (g_str_equal (label, "平台"))
              header->platform_column = c;
            else if (g_str_equal (label, "统计项目"))
              header->item_column = c;
          }
      return TRUE;
    }

  return FALSE;
}

/* The text after @label in @line up to the next of @labels, trimmed. */
static char *
text_after (const char *line, const char *label, const char *const *labels)
{
  const char *start = strstr (line, label);
  const char *end;

  if (start == NULL)
    return NULL;

  start += strlen (label);
  end = start + strlen (start);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      const char *next = strstr (start, labels[i]);

      if (next != NULL && next < end)
        end = next;
    }

  return g_strstrip (g_strndup (start, end - start));
}

/* A row's cells as one line, ASCII colons and brackets made full-width
 * as the labels print them. */
static char *
row_line (SuijiTable *table, guint row)
{
  GString *line = g_string_new (NULL);

  for (guint c = 0; c < suiji_table_get_n_columns (table); c++)
    {
      const char *text = suiji_table_get_cell (table, row, c);

      if (*text == '\0')
        continue;
      if (line->len > 0)
        g_string_append_c (line, ' ');
      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar ch = g_utf8_get_char (p);

          g_string_append_unichar (line, ch == ':'   ? 0xFF1A
                                         : ch == '(' ? 0xFF08
                                         : ch == ')' ? 0xFF09
                                                     : ch);
        }
    }

  return g_string_free (line, FALSE);
}

/* 填表时间 as people write it: 2025年3月20日, 2025-03-20, 2025.3.20 … */
static void
parse_date (const char *text, GDate *date)
{
  g_autofree char *compact = suiji_form_normalize_label (text);
  g_autofree char *iso = suiji_fields_normalize_date (compact);
  unsigned         year, month, day;

  if (iso != NULL && sscanf (iso, "%4u-%2u-%2u", &year, &month, &day) == 3)
    g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* 单位名称（盖章）： and 填表时间： above the table. */
static void
read_unit_line (SuijiFormImport *import, SuijiTable *table, const Header *header)
{
  const SuijiFormLayout *layout = suiji_form_layout_get (import->kind);
  const char *const      labels[] = { layout->unit_label, layout->date_label, NULL };

  for (guint r = 0; r < header->row; r++)
    {
      g_autofree char *line = row_line (table, r);
      g_autofree char *unit = text_after (line, layout->unit_label, labels);
      g_autofree char *date = text_after (line, layout->date_label, labels);

      if (unit != NULL)
        {
          g_free (import->unit_name);
          import->unit_name = g_steal_pointer (&unit);
        }
      if (date != NULL)
        parse_date (date, &import->fill_date);
    }
}

static gboolean
read_contact_line (SuijiFormImport *import, SuijiTable *table, guint row)
{
  const SuijiFormLayout *layout = suiji_form_layout_get (import->kind);
  const char *const labels[] = { layout->contact_label, layout->phone_label, layout->mobile_label,
                                 NULL };
  g_autofree char  *line = row_line (table, row);

  if (strstr (line, layout->contact_label) == NULL)
    return FALSE;

  g_free (import->contact_person);
  import->contact_person = text_after (line, layout->contact_label, labels);
  g_free (import->contact_phone);
  import->contact_phone = text_after (line, layout->phone_label, labels);
  g_free (import->mobile);
  import->mobile = text_after (line, layout->mobile_label, labels);
  return TRUE;
}

/* The layout row with these labels, or 0. */
static guint
match_row (const SuijiFormLayout *layout, const char *platform, const char *item, const char *sub)
{
  for (guint r = 1; r <= layout->n_rows; r++)
    {
      const SuijiFormRow *row = &layout->rows[r - 1];
      g_autofree char    *want_platform =
          suiji_form_normalize_label (layout->platforms[row->platform].label);
      g_autofree char *want_item = suiji_form_normalize_label (row->item);
      g_autofree char *want_sub = suiji_form_normalize_label (row->sub_item);

      if (*platform != '\0' && !g_str_equal (platform, want_platform))
        continue;
      if (!g_str_equal (item, want_item))
        continue;
      /* An item without sub-items spans both columns: the second is blank
       * or, where a writer repeats merged text, the item again. */
      if (row->sub_item == NULL ? (*sub == '\0' || g_str_equal (sub, item))
                                : g_str_equal (sub, want_sub))
        return r;
    }

  return 0;
}

static void
read_values (
    SuijiFormImport *import, SuijiTable *table, guint row, guint number, const Header *header)
{
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    {
      const char *text = suiji_table_get_cell (table, row, header->value_columns[c]);
      g_autoptr (GError) error = NULL;
      gboolean empty;
      gint64   value;

      if (!suiji_form_parse_value (text, &empty, &value, &error))
        add_problem (import, cell_address (table, row, header->value_columns[c]),
                     g_strdup (error->message));
      else if (!empty)
        {
          import->values[number - 1][c] = value;
          import->has_value[number - 1][c] = TRUE;
          import->n_values++;
        }
    }
}

static gboolean
row_has_values (SuijiTable *table, guint row, const Header *header)
{
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    {
      g_autofree char *text = normalized_cell (table, row, header->value_columns[c]);

      if (*text != '\0')
        return TRUE;
    }

  return FALSE;
}

/* 总计 is computed from 部门内部 and 部门联合: a file's own 总计 is
 * checked against them and dropped. */
static void
check_totals (SuijiFormImport *import, guint *table_rows, SuijiTable *table, const Header *header)
{
  const SuijiFormLayout *layout = suiji_form_layout_get (import->kind);

  for (guint r = 1; r <= layout->n_rows; r++)
    {
      const SuijiFormRow *row = &layout->rows[r - 1];

      if (row->total_of[0] == 0 || table_rows[r - 1] == G_MAXUINT)
        continue;

      for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
        {
          guint    a = row->total_of[0] - 1, b = row->total_of[1] - 1;
          gboolean has_parts = import->has_value[a][c] || import->has_value[b][c];
          gint64   sum = import->values[a][c] + import->values[b][c];

          if (!import->has_value[r - 1][c])
            continue;

          if (!has_parts)
            add_problem (import, cell_address (table, table_rows[r - 1], header->value_columns[c]),
                         g_strdup (_("总计 is given without 部门内部 and 部门联合; enter those "
                                      "two, the total is worked out from them.")));
          else if (sum != import->values[r - 1][c])
            {
              g_autofree char *given =
                  g_strdup_printf ("%" G_GINT64_FORMAT, import->values[r - 1][c]);
              g_autofree char *parts = g_strdup_printf ("%" G_GINT64_FORMAT, sum);

              add_problem (import,
                           cell_address (table, table_rows[r - 1], header->value_columns[c]),
                           g_strdup_printf (_("总计 is %s but 部门内部 + 部门联合 make %s; the "
                                               "form keeps their sum."),
                                            given, parts));
            }

          import->has_value[r - 1][c] = FALSE;
          import->n_values--;
        }
    }
}

static void
read_rows (SuijiFormImport *import, SuijiTable *table, const Header *header)
{
  const SuijiFormLayout *layout = suiji_form_layout_get (import->kind);
  guint                  table_rows[SUIJI_FORM_MAX_ROWS];
  g_autofree char       *platform = g_strdup ("");
  g_autofree char       *item = g_strdup ("");

  for (guint r = 0; r < SUIJI_FORM_MAX_ROWS; r++)
    table_rows[r] = G_MAXUINT;

  for (guint t = header->row + 1; t < suiji_table_get_n_rows (table); t++)
    {
      g_autofree char *this_platform = normalized_cell (table, t, header->platform_column);
      g_autofree char *this_item = normalized_cell (table, t, header->item_column);
      g_autoptr (GString) sub = g_string_new (NULL);
      guint number;

      if (read_contact_line (import, table, t))
        break;

      /* Merged cells are blank below their first row: carry them down. */
      if (*this_platform != '\0')
        {
          g_free (platform);
          platform = g_steal_pointer (&this_platform);
          g_free (item);
          item = g_strdup ("");
        }
      if (*this_item != '\0')
        {
          g_free (item);
          item = g_steal_pointer (&this_item);
        }
      for (guint c = header->item_column + 1; c < header->first_value_column; c++)
        {
          g_autofree char *part = normalized_cell (table, t, c);

          if (c != header->platform_column)
            g_string_append (sub, part);
        }

      number = match_row (layout, platform, item, sub->str);
      if (number == 0)
        {
          if (row_has_values (table, t, header))
            add_problem (import, cell_address (table, t, header->item_column),
                         g_strdup_printf (_("“%s%s%s” is not a row of %s; its figures were not "
                                             "read."),
                                          item, *sub->str != '\0' ? " · " : "", sub->str,
                                          layout->attachment));
          continue;
        }

      if (table_rows[number - 1] != G_MAXUINT)
        {
          g_autofree char *first =
              cell_address (table, table_rows[number - 1], header->item_column);

          add_problem (import, cell_address (table, t, header->item_column),
                       g_strdup_printf (_("this row repeats the row at %s; only the first was "
                                           "read."),
                                        first));
          continue;
        }

      table_rows[number - 1] = t;
      read_values (import, table, t, number, header);
    }

  for (guint r = 1; r <= layout->n_rows; r++)
    if (table_rows[r - 1] == G_MAXUINT)
      {
        g_autofree char *where = suiji_form_layout_describe_row (layout, r);

        add_problem (
            import, NULL,
            g_strdup_printf (_("%s is not in the file; its cells were left blank."), where));
      }

  check_totals (import, table_rows, table, header);
}

/**
 * suiji_form_import_read:
 * @kind: the form the file holds, usually %SUIJI_FORM_DEPARTMENT
 *
 * Reads the first sheet of the workbook that holds the form. Cells that
 * cannot be read are listed in the result's problems; a file that is no
 * workbook, or holds no sheet with the form's headings, is an error.
 *
 * Returns: (transfer full): what the file says, or %NULL with @error set
 */
SuijiFormImport *
suiji_form_import_read (const char *path, SuijiFormKind kind, GError **error)
{
  g_autoptr (SuijiFormImport) import = NULL;
  g_autoptr (SuijiTable) table = NULL;
  g_auto (GStrv) sheets = NULL;
  g_autoptr (GError) read_error = NULL;
  Header header = { 0 };
  guint  n_sheets;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (suiji_form_kind_is_valid (kind), NULL);

  sheets = suiji_table_list_sheets (path, error);
  if (sheets == NULL)
    return NULL;

  n_sheets = g_strv_length (sheets);
  for (guint s = 0; s < n_sheets; s++)
    {
      SuijiTableReadOptions options = { SUIJI_TABLE_ENCODING_AUTO, (int) s };

      table = suiji_table_read_file (path, &options, NULL, read_error == NULL ? &read_error : NULL);
      if (table != NULL && find_header (table, &header))
        break;
      g_clear_pointer (&table, suiji_table_free);
    }

  /* A damaged sheet says more than "no form found". */
  if (table == NULL && read_error != NULL &&
      !g_error_matches (read_error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_EMPTY))
    {
      g_propagate_error (error, g_steal_pointer (&read_error));
      return NULL;
    }

  if (table == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_LAYOUT,
                   _("“%s” does not hold the monthly form: no sheet has a header row with 次数, "
                      "抽查总户数, 完成检查户数 and 发现问题户数."),
                   display);
      return NULL;
    }

  import = g_new0 (SuijiFormImport, 1);
  import->kind = kind;
  import->sheet_name = g_strdup (suiji_table_get_sheet_name (table));
  import->unit_name = g_strdup ("");
  import->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  g_date_clear (&import->fill_date, 1);

  read_unit_line (import, table, &header);
  read_rows (import, table, &header);

  return g_steal_pointer (&import);
}

/**
 * suiji_form_import_apply:
 *
 * Puts what the file says into @report: every entered cell as typed (a
 * cell the file leaves blank is cleared), and the contacts and 填表时间
 * where the file gives them.
 */
void
suiji_form_import_apply (const SuijiFormImport *import, SuijiFormReport *report)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (report);

  g_return_if_fail (import != NULL);
  g_return_if_fail (layout->kind == import->kind);

  for (guint r = 1; r <= layout->n_rows; r++)
    {
      if (suiji_form_layout_is_computed (layout, r))
        continue;

      for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
        {
          if (import->has_value[r - 1][c])
            suiji_form_report_set_value (report, r, c, import->values[r - 1][c]);
          else
            suiji_form_report_clear_value (report, r, c);
        }
    }

  /* A blank line of the file leaves what the report had. The unit name
   * stays the report's: the file's names the department to file it under. */
  if (import->contact_person != NULL && *import->contact_person != '\0')
    suiji_form_report_set_contact_person (report, import->contact_person);
  if (import->contact_phone != NULL && *import->contact_phone != '\0')
    suiji_form_report_set_contact_phone (report, import->contact_phone);
  if (import->mobile != NULL && *import->mobile != '\0')
    suiji_form_report_set_mobile (report, import->mobile);
  if (g_date_valid (&import->fill_date))
    suiji_form_report_set_fill_date (report, &import->fill_date);
}
