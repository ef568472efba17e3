/* test-forms.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The monthly forms: the layout against the plan's own text, the report
 * model, its rules, saving with history, the export and the import.
 */

#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-form-export.h"
#include "suiji-form-import.h"
#include "suiji-form-layout.h"
#include "suiji-form-render.h"
#include "suiji-form-report.h"
#include "suiji-form-xlsx.h"
#include "suiji-profile.h"
#include "suiji-sample-data.h"
#include "suiji-statistics.h"
#include "suiji-table-reader.h"

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
temp_path (const char *name)
{
  g_assert_cmpint (g_mkdir_with_parents (g_get_user_cache_dir (), 0700), ==, 0);
  return g_build_filename (g_get_user_cache_dir (), name, NULL);
}

/* A database with the unit profile and three departments. */
static SuijiDatabase *
open_bureau (const char *name, gint64 *education, gint64 *commerce)
{
  SuijiDatabase *db = open_fresh (name);
  g_autoptr (GError) error = NULL;
  SuijiUnitProfile profile = {
    .unit_name = (char *) "沙河市市场监督管理局",
    .contact_person = (char *) "刘向向",
    .contact_phone = (char *) "0319-8756862",
    .mobile = (char *) "13800000000",
    .report_year = 2025,
  };

  g_assert_true (suiji_unit_profile_save (db, &profile, &error));
  g_assert_no_error (error);
  g_assert_cmpint (suiji_department_ensure (db, "沙河市市场监督管理局", "市场监管局", TRUE, &error),
                   >, 0);
  *education = suiji_department_ensure (db, "沙河市教育局", "教育局", FALSE, &error);
  *commerce = suiji_department_ensure (db, "沙河市商务局", "商务局", FALSE, &error);
  g_assert_no_error (error);
  return db;
}

/* The plan's text of one form: the lines around the table, and the table
 * as groups of cells, one group a row. */
typedef struct
{
  char      *title;
  char      *subtitle;
  char      *unit_line;
  GPtrArray *rows; /* GPtrArray of char * cells */
  char      *contact_line;
} PlanForm;

static void
plan_form_clear (PlanForm *form)
{
  g_free (form->title);
  g_free (form->subtitle);
  g_free (form->unit_line);
  g_clear_pointer (&form->rows, g_ptr_array_unref);
  g_free (form->contact_line);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PlanForm, plan_form_clear)

/* Reads the form after the line "附件N" of the plan as kept verbatim in
 * the fixture: a cell starts with a tab, a line without one continues the
 * cell before it, a blank line ends a table row. */
static void
read_plan_form (const char *attachment, PlanForm *form)
{
  g_autofree char *path =
      g_build_filename (g_getenv ("SUIJI_FIXTURES_DIR"), "annex-forms-original.txt", NULL);
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  GPtrArray *row = NULL;
  guint      i = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);

  while (lines[i] != NULL && !g_str_equal (lines[i], attachment))
    i++;
  g_assert_nonnull (lines[i]);

#define NEXT_TEXT_LINE()                                                                           \
  do                                                                                               \
    i++;                                                                                           \
  while (lines[i] != NULL && *lines[i] == '\0')

  NEXT_TEXT_LINE ();
  form->title = g_strdup (lines[i]);
  NEXT_TEXT_LINE ();
  form->subtitle = g_strdup (lines[i]);
  NEXT_TEXT_LINE ();
  form->unit_line = g_strdup (lines[i]);
#undef NEXT_TEXT_LINE

  form->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (i++; lines[i] != NULL && !g_str_has_prefix (lines[i], "联系人："); i++)
    {
      if (*lines[i] == '\0')
        {
          row = NULL;
          continue;
        }
      if (row == NULL)
        {
          row = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (form->rows, row);
        }
      if (*lines[i] == '\t')
        g_ptr_array_add (row, g_strdup (lines[i] + 1));
      else
        {
          char *joined = g_strconcat (g_ptr_array_index (row, row->len - 1), "\n", lines[i], NULL);

          g_free (g_ptr_array_index (row, row->len - 1));
          row->pdata[row->len - 1] = joined;
        }
    }

  g_assert_nonnull (lines[i]);
  form->contact_line = g_strdup (lines[i]);
}

static const char *
cell_text (GPtrArray *row, guint column)
{
  return column < row->len ? g_ptr_array_index (row, column) : NULL;
}

/* Every label of the layout is the plan's, byte for byte, in its place. */
static void
check_layout_against_plan (SuijiFormKind kind)
{
  const SuijiFormLayout *layout = suiji_form_layout_get (kind);
  g_auto (PlanForm) plan = { 0 };
  g_autofree char *unit_start = NULL;
  g_autofree char *date_end = NULL;
  GPtrArray       *heading, *columns;

  read_plan_form (layout->attachment, &plan);

  g_assert_cmpstr (layout->title, ==, plan.title);
  g_assert_nonnull (strstr (layout->title, "\xe2\x80\x9c"));
  g_assert_nonnull (strstr (layout->title, "\xe2\x80\x9d"));
  g_assert_cmpstr (layout->subtitle, ==, plan.subtitle);
  g_assert_true (g_str_has_prefix (plan.unit_line, layout->unit_label));
  date_end = g_strconcat (layout->date_label, layout->blank_date, NULL);
  g_assert_true (g_str_has_suffix (plan.unit_line, date_end));
  g_assert_cmpstr (layout->blank_contact_line, ==, plan.contact_line);
  g_assert_true (g_str_has_prefix (plan.contact_line, layout->contact_label));
  g_assert_nonnull (strstr (plan.contact_line, layout->phone_label));
  g_assert_nonnull (strstr (plan.contact_line, layout->mobile_label));

  /* Two header levels, then one group of cells per row. */
  g_assert_cmpuint (plan.rows->len, ==, 2 + layout->n_rows);
  heading = g_ptr_array_index (plan.rows, 0);
  g_assert_cmpuint (heading->len, ==, 3);
  g_assert_cmpstr (cell_text (heading, 0), ==, layout->platform_heading);
  g_assert_cmpstr (cell_text (heading, 1), ==, layout->item_heading);
  g_assert_cmpstr (cell_text (heading, 2), ==, layout->data_heading);
  columns = g_ptr_array_index (plan.rows, 1);
  g_assert_cmpuint (columns->len, ==, 2 + SUIJI_FORM_N_COLUMNS);
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    {
      g_autofree char *flat = suiji_form_normalize_label (layout->column_headings[c]);

      g_assert_cmpstr (cell_text (columns, 2 + c), ==, layout->column_headings[c]);
      g_assert_cmpstr (flat, ==, suiji_form_column_label (c));
    }

  for (guint r = 1; r <= layout->n_rows; r++)
    {
      const SuijiFormRow      *row = suiji_form_layout_get_row (layout, r);
      const SuijiFormPlatform *platform = &layout->platforms[row->platform];
      GPtrArray               *cells = g_ptr_array_index (plan.rows, 1 + r);

      g_assert_cmpuint (row->number, ==, r);
      g_assert_cmpstr (cell_text (cells, 0), ==, platform->first_row == r ? platform->label : "");
      g_assert_cmpstr (cell_text (cells, 1), ==, row->item_rows > 0 ? row->item : "");
      if (row->sub_item != NULL)
        {
          g_assert_cmpuint (cells->len, ==, 3 + SUIJI_FORM_N_COLUMNS);
          g_assert_cmpstr (cell_text (cells, 2), ==, row->sub_item);
        }
      else
        g_assert_cmpuint (cells->len, ==, 2 + SUIJI_FORM_N_COLUMNS);
      g_assert_true (r >= platform->first_row && r < platform->first_row + platform->n_rows);
      g_assert_cmpint (suiji_form_layout_is_computed (layout, r), ==,
                       g_strcmp0 (row->sub_item, "总计") == 0 && row->item_rows == 3);
    }
}

static void
test_layout_matches_plan (void)
{
  check_layout_against_plan (SUIJI_FORM_REGION);
  check_layout_against_plan (SUIJI_FORM_DEPARTMENT);
  g_assert_cmpuint (suiji_form_layout_get (SUIJI_FORM_REGION)->n_rows, ==, 11);
  g_assert_cmpuint (suiji_form_layout_get (SUIJI_FORM_DEPARTMENT)->n_rows, ==, 8);
}

static void
count_change (SuijiFormReport *report, guint row, guint column, gpointer user_data)
{
  GString *seen = user_data;

  g_string_append_printf (seen, "%u,%u;", row, column);
}

static void
test_totals_are_computed (void)
{
  g_autoptr (SuijiFormReport) report =
      suiji_form_report_new (SUIJI_FORM_REGION, 2025, 3, 0, "沙河市市场监督管理局");
  g_autoptr (GString) seen = g_string_new (NULL);
  gint64 value = -1;

  g_signal_connect (report, "cell-changed", G_CALLBACK (count_change), seen);
  g_assert_false (suiji_form_report_get_modified (report));
  g_assert_false (suiji_form_report_get_value (report, 1, 0, NULL));

  g_assert_true (suiji_form_report_set_value (report, 2, 0, 4));
  g_assert_true (suiji_form_report_get_value (report, 1, 0, &value));
  g_assert_cmpint (value, ==, 4);
  g_assert_cmpint (suiji_form_report_get_source (report, 1, 0), ==, SUIJI_FORM_CELL_COMPUTED);
  g_assert_cmpstr (seen->str, ==, "1,0;2,0;");
  g_assert_true (suiji_form_report_get_modified (report));

  g_assert_true (suiji_form_report_set_value (report, 3, 0, 6));
  g_assert_true (suiji_form_report_get_value (report, 1, 0, &value));
  g_assert_cmpint (value, ==, 10);

  /* Rows 7 and 8 add up to row 6; no other row moves. */
  g_assert_true (suiji_form_report_set_value (report, 8, 2, 5));
  g_assert_true (suiji_form_report_get_value (report, 6, 2, &value));
  g_assert_cmpint (value, ==, 5);
  g_assert_false (suiji_form_report_get_value (report, 1, 2, NULL));

  /* 总计 cannot be typed into. */
  g_assert_false (suiji_form_report_set_value (report, 1, 0, 99));
  g_assert_false (suiji_form_report_clear_value (report, 6, 2));

  g_assert_true (suiji_form_report_clear_value (report, 2, 0));
  g_assert_true (suiji_form_report_clear_value (report, 3, 0));
  g_assert_false (suiji_form_report_get_value (report, 1, 0, NULL));
  g_assert_cmpint (suiji_form_report_get_source (report, 1, 0), ==, SUIJI_FORM_CELL_EMPTY);

  /* Setting what is already there changes nothing. */
  g_string_truncate (seen, 0);
  g_assert_true (suiji_form_report_set_value (report, 8, 2, 5));
  g_assert_cmpstr (seen->str, ==, "");
}

static void
test_fill_from_statistics (void)
{
  g_autoptr (SuijiFormReport) report =
      suiji_form_report_new (SUIJI_FORM_DEPARTMENT, 2025, 4, 7, "沙河市教育局");
  g_autoptr (SuijiFormSnapshot) before = NULL;
  gint64 values[8][SUIJI_FORM_N_COLUMNS] = { 0 };
  gint64 value;

  for (guint r = 0; r < 8; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      values[r][c] = 10 * (r + 1) + c;
  values[0][0] = 999999; /* a 总计 of the statistics is not read */
  values[7][3] = -1;     /* no figure */

  suiji_form_report_set_value (report, 4, 1, 77);
  before = suiji_form_report_snapshot (report);
  suiji_form_report_fill (report, (const gint64 (*)[SUIJI_FORM_N_COLUMNS]) values, 8);

  g_assert_true (suiji_form_report_get_value (report, 2, 1, &value));
  g_assert_cmpint (value, ==, 21);
  g_assert_cmpint (suiji_form_report_get_source (report, 2, 1), ==, SUIJI_FORM_CELL_FILLED);
  g_assert_true (suiji_form_report_get_value (report, 1, 0, &value));
  g_assert_cmpint (value, ==, 20 + 30);
  g_assert_true (suiji_form_report_get_value (report, 4, 1, &value));
  g_assert_cmpint (value, ==, 41);
  g_assert_false (suiji_form_report_get_value (report, 8, 3, NULL));
  g_assert_false (suiji_form_report_get_filled_value (report, 8, 3, NULL));

  /* Typed over, the statistics' figure stays beside it and comes back. */
  g_assert_true (suiji_form_report_set_value (report, 5, 2, 3));
  g_assert_cmpint (suiji_form_report_get_source (report, 5, 2), ==, SUIJI_FORM_CELL_TYPED);
  g_assert_true (suiji_form_report_get_filled_value (report, 5, 2, &value));
  g_assert_cmpint (value, ==, 52);
  g_assert_true (suiji_form_report_reset_to_filled (report, 5, 2));
  g_assert_true (suiji_form_report_get_value (report, 5, 2, &value));
  g_assert_cmpint (value, ==, 52);
  g_assert_cmpint (suiji_form_report_get_source (report, 5, 2), ==, SUIJI_FORM_CELL_FILLED);
  g_assert_false (suiji_form_report_reset_to_filled (report, 8, 3));

  /* One step back to before the fill. */
  suiji_form_report_restore (report, before);
  g_assert_true (suiji_form_report_get_value (report, 4, 1, &value));
  g_assert_cmpint (value, ==, 77);
  g_assert_cmpint (suiji_form_report_get_source (report, 4, 1), ==, SUIJI_FORM_CELL_TYPED);
  g_assert_false (suiji_form_report_get_value (report, 2, 1, NULL));
  g_assert_false (suiji_form_report_get_value (report, 1, 0, NULL));
}

static char *
cut_off_on (SuijiFormReport *report, int year, int month, int day)
{
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return suiji_form_report_dup_cut_off (report, &today);
}

static void
test_cut_off (void)
{
  g_autoptr (SuijiFormReport) february =
      suiji_form_report_new (SUIJI_FORM_REGION, 2024, 2, 0, NULL);
  g_autoptr (SuijiFormReport) june = suiji_form_report_new (SUIJI_FORM_REGION, 2025, 6, 0, NULL);
  g_autofree char *leap = suiji_form_report_dup_cut_off (february, NULL);
  g_autofree char *under_way = cut_off_on (june, 2025, 6, 10);
  g_autofree char *first_day = cut_off_on (june, 2025, 6, 1);
  g_autofree char *after = cut_off_on (june, 2025, 7, 2);
  g_autofree char *next_year = cut_off_on (june, 2026, 1, 5);
  g_autofree char *before = cut_off_on (june, 2025, 3, 1);
  g_autofree char *year_before = cut_off_on (june, 2024, 12, 1);

  /* The month's last day, or the day the figures are taken while the
   * month is under way: the figures are those up to now. */
  g_assert_cmpstr (leap, ==, "2024-02-29");
  g_assert_cmpstr (under_way, ==, "2025-06-10");
  g_assert_cmpstr (first_day, ==, "2025-06-01");
  g_assert_cmpstr (after, ==, "2025-06-30");
  g_assert_cmpstr (next_year, ==, "2025-06-30");
  /* A month ahead counts what is recorded by today. */
  g_assert_cmpstr (before, ==, "2025-03-01");
  g_assert_cmpstr (year_before, ==, "2025-06-30");
}

/* Filled from the records, every cell is the statistics' figure, the 总计
 * rows worked out from their parts included, for the region and for a
 * department; a figure typed before is replaced, and one typed after
 * keeps the records' beside it. */
static void
test_fill_from_records (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ("records.db");
  g_autoptr (GError) error = NULL;
  gint64 department;
  GDate  june_10;

  g_assert_true (suiji_sample_data_fill (db, 400, 7, NULL, &error));
  g_assert_no_error (error);
  department = suiji_department_find (db, "沙河市市场监督管理局", &error);
  g_assert_cmpint (department, >, 0);
  g_date_clear (&june_10, 1);
  g_date_set_dmy (&june_10, 10, G_DATE_JUNE, 2025);

  for (guint i = 0; i < 2; i++)
    {
      SuijiFormKind kind = i == 0 ? SUIJI_FORM_REGION : SUIJI_FORM_DEPARTMENT;
      g_autoptr (SuijiFormReport) report =
          suiji_form_report_new (kind, 2025, 6, i == 0 ? 0 : department, NULL);
      const SuijiFormLayout *layout = suiji_form_report_get_layout (report);
      SuijiFigures           figures;
      gint64                 value;

      g_assert_true (suiji_form_report_set_value (report, 2, 0, 999));
      g_assert_true (suiji_form_report_fill_from_records (db, report, &june_10, &error));
      g_assert_no_error (error);
      g_assert_true (suiji_statistics_compute (
          db, i == 0 ? SUIJI_STATISTICS_REGION : SUIJI_STATISTICS_DEPARTMENT, 2025, "2025-06-10",
          i == 0 ? 0 : department, &figures, &error));
      g_assert_cmpuint (figures.n_rows, ==, layout->n_rows);
      /* The sample year has inspections before June: a real fill. */
      g_assert_cmpint (figures.values[0][SUIJI_FORM_COLUMN_DRAWN], >, 0);

      for (guint r = 1; r <= layout->n_rows; r++)
        for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
          {
            g_assert_true (suiji_form_report_get_value (report, r, c, &value));
            g_assert_cmpint (value, ==, figures.values[r - 1][c]);
            g_assert_cmpint (suiji_form_report_get_source (report, r, c), ==,
                             suiji_form_layout_is_computed (layout, r) ? SUIJI_FORM_CELL_COMPUTED
                                                                       : SUIJI_FORM_CELL_FILLED);
          }

      g_assert_true (suiji_form_report_set_value (report, 2, 1, figures.values[1][1] + 1));
      g_assert_true (suiji_form_report_get_filled_value (report, 2, 1, &value));
      g_assert_cmpint (value, ==, figures.values[1][1]);
      g_assert_true (suiji_form_report_reset_to_filled (report, 2, 1));
      g_assert_true (suiji_form_report_get_value (report, 2, 1, &value));
      g_assert_cmpint (value, ==, figures.values[1][1]);
    }
}

static void
test_parse_value (void)
{
  const struct
  {
    const char *text;
    gboolean    ok;
    gboolean    empty;
    gint64      value;
  } cases[] = {
    { "12", TRUE, FALSE, 12 },
    { " 7 ", TRUE, FALSE, 7 },
    { "１２", TRUE, FALSE, 12 },
    { "1,234", TRUE, FALSE, 1234 },
    { "3.0", TRUE, FALSE, 3 },
    { "0", TRUE, FALSE, 0 },
    { "-0", TRUE, FALSE, 0 },
    { "", TRUE, TRUE, 0 },
    { "\xe3\x80\x80", TRUE, TRUE, 0 },
    { "2.5", FALSE, FALSE, 0 },
    { "-3", FALSE, FALSE, 0 },
    { "十二", FALSE, FALSE, 0 },
    { "12a", FALSE, FALSE, 0 },
    { "1000000000000", FALSE, FALSE, 0 },
    { "-", FALSE, FALSE, 0 },
    /* Found by fuzz-small-parsers: a text ending inside a UTF-8 sequence
     * was read past its end (tests/fuzz/corpus/small-parsers/crash-*). */
    { " 3.0 \xde", FALSE, FALSE, 0 },
    { "1\xe4\xb8", FALSE, FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      gboolean empty = FALSE;
      gint64   value = -1;
      gboolean ok = suiji_form_parse_value (cases[i].text, &empty, &value, &error);
      /* Escaped: a TAP line must be UTF-8 even when the case is not. */
      g_autofree char *shown = g_strescape (cases[i].text, NULL);

      g_test_message ("“%s”", shown);
      g_assert_cmpint (ok, ==, cases[i].ok);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpint (empty, ==, cases[i].empty);
          g_assert_cmpint (value, ==, cases[i].value);
        }
      else
        {
          g_assert_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_BAD_VALUE);
          g_assert_true (g_utf8_validate (error->message, -1, NULL));
        }
    }
}

static void
set_row (SuijiFormReport *report, guint row, gint64 a, gint64 b, gint64 c, gint64 d)
{
  const gint64 figures[] = { a, b, c, d };

  for (guint i = 0; i < SUIJI_FORM_N_COLUMNS; i++)
    if (figures[i] >= 0)
      g_assert_true (suiji_form_report_set_value (report, row, i, figures[i]));
}

/* A correct 附件1 of March. */
static SuijiFormReport *
correct_region_report (int month)
{
  SuijiFormReport *report = suiji_form_report_new (SUIJI_FORM_REGION, 2025, month, 0, "沙河市");

  set_row (report, 2, 40, 300, 280, 20);
  set_row (report, 3, 60, 500, 450, 30);
  set_row (report, 4, 90, 700, 650, 45);
  set_row (report, 5, 95, 790, 700, 48);
  set_row (report, 7, 10, 80, 80, 5);
  set_row (report, 8, 20, 150, 140, 9);
  set_row (report, 9, 7, 35, 30, 2);
  set_row (report, 10, 5, 30, 25, 1);
  set_row (report, 11, 6, 33, 30, 2);
  return report;
}

static const SuijiFormProblem *
find_problem (GPtrArray *problems, const char *rule, guint row, guint column)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const SuijiFormProblem *problem = g_ptr_array_index (problems, i);

      if (g_str_equal (problem->rule, rule) && problem->row == row && problem->column == column)
        return problem;
    }

  return NULL;
}

/* The problem of @rule on the cell, with its severity; fails without it. */
static const SuijiFormProblem *
expect_problem (
    GPtrArray *problems, const char *rule, guint row, guint column, SuijiFormSeverity severity)
{
  const SuijiFormProblem *problem = find_problem (problems, rule, row, column);

  if (problem == NULL)
    g_error ("no “%s” problem on row %u, column %u", rule, row, column);
  g_assert_cmpint (problem->severity, ==, severity);
  return problem;
}

static void
test_validation_names_every_rule (void)
{
  g_autoptr (SuijiFormReport) report = correct_region_report (3);
  g_autoptr (SuijiFormReport) previous = correct_region_report (2);
  g_autoptr (GPtrArray) problems = NULL;
  const SuijiFormProblem *problem;

  problems = suiji_form_report_validate (report, NULL, NULL);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Row 2: completed above drawn, problems above completed, more
   * inspections than subjects (soft). */
  set_row (report, 2, 400, 300, 310, 311);
  /* Row 4: 涉及企业 above the 总计 of row 1. */
  set_row (report, 4, 101, -1, -1, -1);
  /* Row 7 above row 2 (市场监管系统 within the region). */
  set_row (report, 7, -1, 301, -1, -1);
  /* Row 10 above row 9: soft, a reading of the form. */
  set_row (report, 10, 8, -1, -1, -1);
  /* Row 11 below February's: figures never go down. */
  set_row (previous, 11, 7, -1, -1, -1);

  problems = suiji_form_report_validate (report, previous, NULL);

  problem =
      expect_problem (problems, "order", 2, SUIJI_FORM_COLUMN_COMPLETED, SUIJI_FORM_PROBLEM_HARD);
  g_assert_nonnull (strstr (problem->message, "row 2 (本地区开展随机抽查情况 · 部门内部)"));
  g_assert_nonnull (strstr (problem->message, "310"));
  g_assert_nonnull (strstr (problem->message, "300"));

  problem =
      expect_problem (problems, "order", 2, SUIJI_FORM_COLUMN_PROBLEMS, SUIJI_FORM_PROBLEM_HARD);

  problem =
      expect_problem (problems, "times-drawn", 2, SUIJI_FORM_COLUMN_TIMES, SUIJI_FORM_PROBLEM_SOFT);

  /* The 总计 of row 1 follows its parts: 460 inspections, so row 4's 101
   * is within it. */
  g_assert_null (find_problem (problems, "part", 4, SUIJI_FORM_COLUMN_TIMES));

  problem = expect_problem (problems, "part", 7, SUIJI_FORM_COLUMN_DRAWN, SUIJI_FORM_PROBLEM_HARD);
  g_assert_nonnull (strstr (problem->message, "row 2"));

  problem = expect_problem (problems, "part", 10, SUIJI_FORM_COLUMN_TIMES, SUIJI_FORM_PROBLEM_SOFT);

  problem =
      expect_problem (problems, "month", 11, SUIJI_FORM_COLUMN_TIMES, SUIJI_FORM_PROBLEM_HARD);
  g_assert_nonnull (strstr (problem->message, "2025-02"));

  /* 涉及企业 above the 总计, now that the 总计 is small again. */
  set_row (report, 2, 4, 300, 280, 20);
  g_clear_pointer (&problems, g_ptr_array_unref);
  problems = suiji_form_report_validate (report, NULL, previous);
  problem = expect_problem (problems, "part", 4, SUIJI_FORM_COLUMN_TIMES, SUIJI_FORM_PROBLEM_HARD);
  /* February given as the later month: March above it is wrong too. */
  g_assert_nonnull (find_problem (problems, "next-month", 4, SUIJI_FORM_COLUMN_TIMES));

  for (guint i = 0; i < problems->len; i++)
    {
      problem = g_ptr_array_index (problems, i);
      g_assert_cmpuint (problem->row, >=, 1);
      g_assert_cmpuint (problem->row, <=, 11);
      g_assert_cmpuint (problem->column, <, SUIJI_FORM_N_COLUMNS);
      g_assert_true (g_str_has_prefix (problem->message, "row "));
    }
}

static void
test_save_keeps_history (void)
{
  gint64 education, commerce;
  g_autoptr (SuijiDatabase) db = open_bureau ("history.db", &education, &commerce);
  g_autoptr (SuijiFormReport) report = NULL;
  g_autoptr (SuijiFormReport) again = NULL;
  g_autoptr (SuijiFormReport) first = NULL;
  g_autoptr (GPtrArray) revisions = NULL;
  g_autoptr (GError) error = NULL;
  gint64 values[8][SUIJI_FORM_N_COLUMNS] = { { 0 } };
  GDate  date, loaded_date;
  gint64 value;

  report = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 3, education, &error);
  g_assert_no_error (error);
  g_assert_cmpint (suiji_form_report_get_id (report), ==, 0);
  g_assert_cmpstr (suiji_form_report_get_unit_name (report), ==, "沙河市教育局");
  /* A department other than the profile's unit has no contacts yet. */
  g_assert_cmpstr (suiji_form_report_get_contact_person (report), ==, "");

  values[1][0] = 3;
  values[1][1] = 9;
  suiji_form_report_fill (report, (const gint64 (*)[SUIJI_FORM_N_COLUMNS]) values, 2);
  suiji_form_report_set_value (report, 3, 0, 2);
  suiji_form_report_set_contact_person (report, "孟庆轩");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 20, G_DATE_MARCH, 2025);
  suiji_form_report_set_fill_date (report, &date);
  g_assert_true (suiji_form_report_save (db, report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (suiji_form_report_get_revision (report), ==, 1);
  g_assert_false (suiji_form_report_get_modified (report));

  suiji_form_report_set_value (report, 2, 0, 4);
  g_assert_true (suiji_form_report_save (db, report, &error));
  g_assert_cmpuint (suiji_form_report_get_revision (report), ==, 2);

  again = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 3, education, &error);
  g_assert_no_error (error);
  g_assert_cmpint (suiji_form_report_get_id (again), ==, suiji_form_report_get_id (report));
  g_assert_cmpuint (suiji_form_report_get_revision (again), ==, 2);
  g_assert_true (suiji_form_report_get_value (again, 2, 0, &value));
  g_assert_cmpint (value, ==, 4);
  g_assert_cmpint (suiji_form_report_get_source (again, 2, 0), ==, SUIJI_FORM_CELL_TYPED);
  g_assert_true (suiji_form_report_get_filled_value (again, 2, 0, &value));
  g_assert_cmpint (value, ==, 3);
  g_assert_cmpint (suiji_form_report_get_source (again, 2, 1), ==, SUIJI_FORM_CELL_FILLED);
  g_assert_true (suiji_form_report_get_value (again, 1, 0, &value));
  g_assert_cmpint (value, ==, 6);
  g_assert_cmpstr (suiji_form_report_get_contact_person (again), ==, "孟庆轩");
  g_assert_true (suiji_form_report_get_fill_date (again, &loaded_date));
  g_assert_cmpint (g_date_compare (&date, &loaded_date), ==, 0);
  g_assert_false (suiji_form_report_get_modified (again));

  revisions = suiji_form_report_list_revisions (db, again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 2);
  g_assert_cmpuint (((SuijiFormRevision *) g_ptr_array_index (revisions, 0))->revision, ==, 2);

  first = suiji_form_report_load_revision (db, again, 1, &error);
  g_assert_no_error (error);
  g_assert_true (suiji_form_report_get_value (first, 2, 0, &value));
  g_assert_cmpint (value, ==, 3);
  g_assert_true (suiji_form_report_get_modified (first));
  /* Saving the old version makes it the newest. */
  g_assert_true (suiji_form_report_save (db, first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (suiji_form_report_get_revision (first), ==, 3);

  g_assert_null (suiji_form_report_load_revision (db, again, 9, &error));
  g_assert_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The next month starts with the contacts of this one. */
  g_clear_object (&report);
  report = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 4, education, &error);
  g_assert_cmpstr (suiji_form_report_get_contact_person (report), ==, "孟庆轩");
  g_assert_false (suiji_form_report_get_value (report, 2, 0, NULL));
}

static void
test_defaults_and_refusals (void)
{
  gint64 education, commerce;
  g_autoptr (SuijiDatabase) db = open_bureau ("defaults.db", &education, &commerce);
  g_autoptr (SuijiFormReport) region = NULL;
  g_autoptr (SuijiFormReport) bureau = NULL;
  g_autoptr (GError) error = NULL;
  gint64 market = suiji_department_find (db, "市场监管局", &error);

  region = suiji_form_report_load (db, SUIJI_FORM_REGION, 2025, 3, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (suiji_form_report_get_unit_name (region), ==, "沙河市市场监督管理局");
  g_assert_cmpstr (suiji_form_report_get_contact_person (region), ==, "刘向向");
  g_assert_cmpstr (suiji_form_report_get_contact_phone (region), ==, "0319-8756862");
  g_assert_cmpstr (suiji_form_report_get_mobile (region), ==, "13800000000");
  g_assert_false (suiji_form_report_get_fill_date (region, NULL));

  bureau = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 3, market, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (suiji_form_report_get_contact_person (bureau), ==, "刘向向");

  g_assert_null (suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 3, 999, &error));
  g_assert_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (suiji_form_report_load (db, SUIJI_FORM_REGION, 2025, 3, education, &error));
  g_assert_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (suiji_form_report_load (db, SUIJI_FORM_REGION, 2025, 13, 0, &error));
  g_assert_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Text too long for the line of the form. */
  {
    g_autoptr (GString) name = g_string_new (NULL);

    for (guint i = 0; i < 101; i++)
      g_string_append (name, "局");
    suiji_form_report_set_contact_person (region, name->str);
    g_assert_false (suiji_form_report_save (db, region, &error));
    g_assert_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_INVALID);
    g_assert_cmpint (suiji_form_report_get_id (region), ==, 0);
  }
}

static int
count_rows (SuijiDatabase *db, const char *sql)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int (stmt, 0);
}

static void
test_conflicting_saves (void)
{
  gint64 education, commerce;
  g_autoptr (SuijiDatabase) db = open_bureau ("conflict.db", &education, &commerce);
  g_autoptr (SuijiFormReport) mine = NULL;
  g_autoptr (SuijiFormReport) theirs = NULL;
  g_autoptr (SuijiFormReport) stored = NULL;
  g_autoptr (GError) error = NULL;
  gint64 value;

  mine = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 5, commerce, &error);
  theirs = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 5, commerce, &error);
  g_assert_no_error (error);

  suiji_form_report_set_value (theirs, 2, 0, 1);
  g_assert_true (suiji_form_report_save (db, theirs, &error));
  g_assert_no_error (error);

  suiji_form_report_set_value (mine, 2, 0, 2);
  g_assert_false (suiji_form_report_save (db, mine, &error));
  g_assert_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (suiji_form_report_get_modified (mine));

  stored = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 5, commerce, &error);
  g_assert_true (suiji_form_report_get_value (stored, 2, 0, &value));
  g_assert_cmpint (value, ==, 1);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM form_report_revisions"), ==, 1);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM form_reports"), ==, 1);
}

static void
test_submit_checks_the_months (void)
{
  gint64 education, commerce;
  g_autoptr (SuijiDatabase) db = open_bureau ("months.db", &education, &commerce);
  g_autoptr (SuijiFormReport) february = NULL;
  g_autoptr (SuijiFormReport) march = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;

  february = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 2, education, &error);
  set_row (february, 2, 5, 10, 8, 1);
  suiji_form_report_set_status (february, SUIJI_FORM_STATUS_SUBMITTED);
  g_assert_true (suiji_form_report_save (db, february, &error));
  g_assert_no_error (error);

  march = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 3, education, &error);
  set_row (march, 2, 4, 12, 9, 1);
  problems = suiji_form_report_check (db, march, &error);
  g_assert_no_error (error);
  /* 部门内部 and, through it, the 总计 have fewer inspections than in
   * February. */
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (find_problem (problems, "month", 2, SUIJI_FORM_COLUMN_TIMES));
  g_assert_nonnull (find_problem (problems, "month", 1, SUIJI_FORM_COLUMN_TIMES));
  g_assert_cmpuint (suiji_form_problems_count_hard (problems), ==, 2);

  /* Submitting is refused with the reason; nothing is saved. A draft is
   * kept as it is, to be corrected later. */
  suiji_form_report_set_status (march, SUIJI_FORM_STATUS_SUBMITTED);
  g_assert_false (suiji_form_report_save (db, march, &error));
  g_assert_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2025-02"));
  g_clear_error (&error);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM form_reports"), ==, 1);

  suiji_form_report_set_status (march, SUIJI_FORM_STATUS_DRAFT);
  g_assert_true (suiji_form_report_save (db, march, &error));
  g_assert_no_error (error);

  /* February raised above March breaks the rule from the other side. */
  g_clear_pointer (&problems, g_ptr_array_unref);
  set_row (february, 2, -1, 13, -1, -1);
  problems = suiji_form_report_check (db, february, &error);
  g_assert_nonnull (find_problem (problems, "next-month", 2, SUIJI_FORM_COLUMN_DRAWN));

  /* Other departments and other years are not compared. */
  {
    g_autoptr (SuijiFormReport) other = NULL;
    g_autoptr (GPtrArray) none = NULL;

    other = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 3, commerce, &error);
    set_row (other, 2, 1, 1, 1, 1);
    none = suiji_form_report_check (db, other, &error);
    g_assert_cmpuint (none->len, ==, 0);
  }
}

static void
test_submissions_and_deadline (void)
{
  gint64 education, commerce;
  g_autoptr (SuijiDatabase) db = open_bureau ("submissions.db", &education, &commerce);
  g_autoptr (SuijiFormReport) report = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  GDate deadline;

  report = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 3, education, &error);
  suiji_form_report_set_status (report, SUIJI_FORM_STATUS_SUBMITTED);
  g_assert_true (suiji_form_report_save (db, report, &error));
  g_clear_object (&report);
  /* A report of another month does not count for March. */
  report = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 4, commerce, &error);
  g_assert_true (suiji_form_report_save (db, report, &error));
  g_assert_no_error (error);

  list = suiji_form_list_submissions (db, 2025, 3, &deadline, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (g_date_get_day (&deadline), ==, 23);
  g_assert_cmpint (g_date_get_month (&deadline), ==, G_DATE_MARCH);
  g_assert_cmpint (g_date_get_year (&deadline), ==, 2025);

  for (guint i = 0; i < list->len; i++)
    {
      const SuijiFormSubmission *entry = g_ptr_array_index (list, i);

      g_assert_cmpint (entry->reported, ==, entry->department_id == education);
      if (entry->reported)
        {
          g_assert_cmpstr (entry->department_name, ==, "沙河市教育局");
          g_assert_cmpint (entry->status, ==, SUIJI_FORM_STATUS_SUBMITTED);
          g_assert_nonnull (entry->saved_at);
        }
      else
        g_assert_null (entry->saved_at);
    }

  g_clear_pointer (&list, g_ptr_array_unref);
  list = suiji_form_list_submissions (db, 2025, 4, NULL, &error);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < list->len; i++)
    {
      const SuijiFormSubmission *entry = g_ptr_array_index (list, i);

      g_assert_cmpint (entry->reported, ==, entry->department_id == commerce);
      if (entry->reported)
        g_assert_cmpint (entry->status, ==, SUIJI_FORM_STATUS_DRAFT);
    }
}

static SuijiFormReport *
filled_department_report (SuijiDatabase *db, gint64 department)
{
  g_autoptr (GError) error = NULL;
  SuijiFormReport *report =
      suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 3, department, &error);
  GDate date;

  g_assert_no_error (error);
  set_row (report, 2, 5, 12, 10, 2);
  set_row (report, 3, 3, 8, 8, 1);
  set_row (report, 4, 6, 15, 14, 3);
  set_row (report, 5, 8, 20, 18, 3);
  set_row (report, 6, 2, 4, 4, 0);
  set_row (report, 7, 1, 2, -1, -1);
  suiji_form_report_set_contact_person (report, "张三");
  suiji_form_report_set_contact_phone (report, "0319-8700000");
  suiji_form_report_set_mobile (report, "13900000000");
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 20, G_DATE_MARCH, 2025);
  suiji_form_report_set_fill_date (report, &date);
  return report;
}

/* The sheet read back through the importer's own reader: labels where the
 * paper has them and numbers as numbers. */
static void
test_xlsx_export_reads_back (void)
{
  gint64 education, commerce;
  g_autoptr (SuijiDatabase) db = open_bureau ("xlsx.db", &education, &commerce);
  g_autoptr (SuijiFormReport) report = filled_department_report (db, education);
  g_autofree char *path = temp_path ("form2.xlsx");
  g_autoptr (SuijiTable) table = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) sheets = NULL;

  g_assert_true (suiji_form_export (report, path, NULL, &error));
  g_assert_no_error (error);

  sheets = suiji_table_list_sheets (path, &error);
  g_assert_cmpstr (sheets[0], ==, "附件2");
  g_assert_null (sheets[1]);

  table = suiji_table_read_file (path, &(SuijiTableReadOptions){ 0, 0 }, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (suiji_table_get_cell (table, 0, 0), ==, "附件2");
  g_assert_cmpstr (suiji_table_get_cell (table, 1, 0), ==,
                   "市有关部门“双随机、一公开”监管工作月报表");
  g_assert_cmpstr (suiji_table_get_cell (table, 2, 0), ==, "（本年度累计数据）");
  g_assert_cmpstr (suiji_table_get_cell (table, 3, 0), ==, "单位名称（盖章）：沙河市教育局");
  g_assert_cmpstr (suiji_table_get_cell (table, 3, 3), ==, "填表时间：2025年3月20日");
  g_assert_cmpstr (suiji_table_get_cell (table, 4, 0), ==, "平台");
  g_assert_cmpstr (suiji_table_get_cell (table, 4, 1), ==, "统计项目");
  g_assert_cmpstr (suiji_table_get_cell (table, 4, 3), ==, "截至目前数据");
  g_assert_cmpstr (suiji_table_get_cell (table, 5, 4), ==, "抽查\n总户数");
  g_assert_cmpstr (suiji_table_get_cell (table, 6, 0), ==, "河北双随机执法监管平台");
  g_assert_cmpstr (suiji_table_get_cell (table, 6, 1), ==, "市本级开展随机抽查情况");
  g_assert_cmpstr (suiji_table_get_cell (table, 6, 2), ==, "总计");
  g_assert_cmpstr (suiji_table_get_cell (table, 6, 3), ==, "8");
  g_assert_cmpstr (suiji_table_get_cell (table, 6, 4), ==, "20");
  g_assert_cmpstr (suiji_table_get_cell (table, 7, 1), ==, "");
  g_assert_cmpstr (suiji_table_get_cell (table, 7, 2), ==, "部门内部");
  g_assert_cmpstr (suiji_table_get_cell (table, 11, 0), ==, "其他平台");
  g_assert_cmpstr (suiji_table_get_cell (table, 11, 1), ==, "市本级开展部门内部抽查情况");
  g_assert_cmpstr (suiji_table_get_cell (table, 12, 5), ==, "");
  g_assert_cmpstr (suiji_table_get_cell (table, 14, 0), ==,
                   "联系人：张三           联系电话：0319-8700000           手机：13900000000");
}

static void
test_import_reads_own_export (void)
{
  gint64 education, commerce;
  g_autoptr (SuijiDatabase) db = open_bureau ("roundtrip.db", &education, &commerce);
  g_autoptr (SuijiFormReport) report = filled_department_report (db, education);
  g_autoptr (SuijiFormReport) copy = NULL;
  g_autoptr (SuijiFormImport) import = NULL;
  g_autoptr (GError) error = NULL;
  const char *const formats[] = { "own.xlsx", "own.csv" };

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_autofree char *path = temp_path (formats[f]);
      GDate            date;

      g_test_message ("%s", formats[f]);
      g_assert_true (suiji_form_export (report, path, NULL, &error));
      g_assert_no_error (error);

      g_clear_pointer (&import, suiji_form_import_free);
      import = suiji_form_import_read (path, SUIJI_FORM_DEPARTMENT, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (import->problems->len, ==, 0);
      g_assert_cmpuint (import->n_values, ==, 22);

      g_clear_object (&copy);
      copy = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, 2025, 3, commerce, &error);
      set_row (copy, 8, 9, 9, 9, 9);
      suiji_form_import_apply (import, copy);
      for (guint r = 1; r <= 8; r++)
        for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
          {
            gint64   a = -1, b = -1;
            gboolean has_a = suiji_form_report_get_value (report, r, c, &a);
            gboolean has_b = suiji_form_report_get_value (copy, r, c, &b);

            g_assert_cmpint (has_a, ==, has_b);
            g_assert_cmpint (a, ==, b);
          }

      if (f == 0)
        {
          g_assert_cmpstr (import->unit_name, ==, "沙河市教育局");
          g_assert_cmpstr (suiji_form_report_get_unit_name (copy), ==, "沙河市商务局");
          g_assert_cmpstr (suiji_form_report_get_contact_person (copy), ==, "张三");
          g_assert_cmpstr (suiji_form_report_get_contact_phone (copy), ==, "0319-8700000");
          g_assert_cmpstr (suiji_form_report_get_mobile (copy), ==, "13900000000");
          g_assert_true (suiji_form_report_get_fill_date (copy, &date));
          g_assert_cmpint (g_date_get_day (&date), ==, 20);
        }
    }
}

/* The official template as a clerk fills it in by hand: the table moved
 * one column right and down, labels with stray spaces and ASCII brackets,
 * a figure in words, a fraction, a wrong 总计, a row that is no row of the
 * form, a missing row, the unit and contacts in cells of their own. */
static void
write_handmade (const char *path)
{
  lxw_workbook  *workbook = workbook_new (path);
  lxw_worksheet *notes = workbook_add_worksheet (workbook, "说明");
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "Sheet1");
  const char    *rows[][7] = {
       { "河北双随机执法监管平台", "市本级开展随机抽查情况", "总计", "9", "20", "18", "3" },
       { NULL, NULL, "部门内部", "5", "12", "10", "2" },
       { NULL, NULL, "部门 联合", "3", "8", "8", "1" },
       { NULL, "市本级涉及企业的 随机抽查情况", "总计", "十二", "15", "14", "3" },
       { NULL, "市本级利用企业信用风险分级分类开展随机抽查的情况", "总计", "8", "20", "2.5", "" },
       { "其他平台", "市本级开展部门内部抽查情况", NULL, "2", "4", "4", "0" },
       { NULL, "市本级临时抽查情况", NULL, "1", "1", "1", "1" },
  };

  worksheet_write_string (notes, 0, 0, "填表说明：本表为累计数。", NULL);

  worksheet_write_string (sheet, 0, 1, "附件2", NULL);
  worksheet_merge_range (sheet, 2, 1, 2, 7, "市有关部门“双随机、一公开”监管工作月报表", NULL);
  worksheet_write_string (sheet, 3, 1, "（本年度累计数据）", NULL);
  worksheet_write_string (sheet, 4, 1, "单位名称(盖章):", NULL);
  worksheet_write_string (sheet, 4, 2, "沙河市商务局", NULL);
  worksheet_write_string (sheet, 4, 5, "填表时间：2025年 3月21日", NULL);
  worksheet_merge_range (sheet, 5, 1, 6, 1, "平 台", NULL);
  worksheet_merge_range (sheet, 5, 2, 6, 3, "统计项目", NULL);
  worksheet_merge_range (sheet, 5, 4, 5, 7, "截至目前数据", NULL);
  worksheet_write_string (sheet, 6, 4, "次数", NULL);
  worksheet_write_string (sheet, 6, 5, "抽查\n总户数", NULL);
  worksheet_write_string (sheet, 6, 6, "完成检查 户数", NULL);
  worksheet_write_string (sheet, 6, 7, "发现问题\r\n户数", NULL);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    for (guint c = 0; c < 7; c++)
      if (rows[r][c] != NULL)
        {
          char  *end = NULL;
          double number = g_ascii_strtod (rows[r][c], &end);

          if (c >= 3 && *rows[r][c] != '\0' && *end == '\0')
            worksheet_write_number (sheet, 7 + r, 1 + c, number, NULL);
          else
            worksheet_write_string (sheet, 7 + r, 1 + c, rows[r][c], NULL);
        }
  worksheet_write_string (sheet, 15, 1, "联系人:", NULL);
  worksheet_write_string (sheet, 15, 2, "李四", NULL);
  worksheet_write_string (sheet, 15, 4, "联系电话：8701234  手机：", NULL);

  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
}

static const SuijiFormImportProblem *
find_import_problem (SuijiFormImport *import, const char *cell, const char *reason_part)
{
  for (guint i = 0; i < import->problems->len; i++)
    {
      const SuijiFormImportProblem *problem = g_ptr_array_index (import->problems, i);

      if (g_str_equal (problem->cell, cell) && strstr (problem->reason, reason_part) != NULL)
        return problem;
    }

  return NULL;
}

static void
test_import_handmade_template (void)
{
  g_autofree char *path = temp_path ("handmade-form.xlsx");
  g_autoptr (SuijiFormImport) import = NULL;
  g_autoptr (GError) error = NULL;
  gint64 values[8][SUIJI_FORM_N_COLUMNS] = { { 0 } };

  write_handmade (path);
  import = suiji_form_import_read (path, SUIJI_FORM_DEPARTMENT, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < import->problems->len; i++)
    {
      const SuijiFormImportProblem *problem = g_ptr_array_index (import->problems, i);
      g_test_message ("%s: %s", problem->cell, problem->reason);
    }

  g_assert_cmpstr (import->sheet_name, ==, "Sheet1");
  g_assert_cmpstr (import->unit_name, ==, "沙河市商务局");
  g_assert_cmpstr (import->contact_person, ==, "李四");
  g_assert_cmpstr (import->contact_phone, ==, "8701234");
  g_assert_cmpstr (import->mobile, ==, "");
  g_assert_cmpint (g_date_get_day (&import->fill_date), ==, 21);

  /* 十二 in E11 and 2.5 in G12; the 总计 of row 1 says 9, not 5 + 3. */
  g_assert_nonnull (find_import_problem (import, "E11", "十二"));
  g_assert_nonnull (find_import_problem (import, "G12", "fraction"));
  g_assert_nonnull (find_import_problem (import, "E8", "总计 is 9"));
  g_assert_nonnull (find_import_problem (import, "C14", "市本级临时抽查情况"));
  g_assert_nonnull (find_import_problem (import, "", "row 7"));
  g_assert_nonnull (find_import_problem (import, "", "row 8"));
  g_assert_cmpuint (import->problems->len, ==, 6);

  for (guint r = 0; r < 8; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      values[r][c] = import->has_value[r][c] ? import->values[r][c] : -1;
  g_assert_cmpint (values[0][0], ==, -1); /* 总计 is computed, not read */
  g_assert_cmpint (values[1][0], ==, 5);
  g_assert_cmpint (values[2][1], ==, 8);
  g_assert_cmpint (values[3][0], ==, -1);
  g_assert_cmpint (values[3][1], ==, 15);
  g_assert_cmpint (values[4][2], ==, -1);
  g_assert_cmpint (values[4][3], ==, -1);
  g_assert_cmpint (values[5][3], ==, 0);
  g_assert_cmpint (values[7][0], ==, -1);
}

static void
test_import_refuses_other_files (void)
{
  g_autofree char *path = temp_path ("no-form.xlsx");
  g_autofree char *garbage =
      g_build_filename (g_getenv ("SUIJI_FIXTURES_DIR"), "broken-truncated.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  lxw_workbook  *workbook = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, NULL);

  worksheet_write_string (sheet, 0, 0, "统一社会信用代码", NULL);
  worksheet_write_string (sheet, 0, 1, "次数", NULL);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  g_assert_null (suiji_form_import_read (path, SUIJI_FORM_DEPARTMENT, &error));
  g_assert_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_LAYOUT);
  g_clear_error (&error);

  g_assert_null (suiji_form_import_read (garbage, SUIJI_FORM_DEPARTMENT, &error));
  g_assert_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_DAMAGED);
}

static cairo_surface_t *
red_seal (void)
{
  cairo_surface_t *seal = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 120, 120);
  cairo_t         *cr = cairo_create (seal);

  cairo_set_source_rgba (cr, 0.85, 0, 0, 0.9);
  cairo_arc (cr, 60, 60, 55, 0, 2 * G_PI);
  cairo_set_line_width (cr, 6);
  cairo_stroke (cr);
  cairo_destroy (cr);
  return seal;
}

static guint
count_red_pixels (cairo_surface_t *page, double x0, double y0, double x1, double y1)
{
  int     stride = cairo_image_surface_get_stride (page);
  guint8 *data;
  guint   n = 0;

  cairo_surface_flush (page);
  data = cairo_image_surface_get_data (page);
  for (int y = (int) y0; y < (int) y1; y++)
    for (int x = (int) x0; x < (int) x1; x++)
      {
        guint32 pixel = *(guint32 *) (data + y * stride + x * 4);
        guint8  red = (pixel >> 16) & 0xff, green = (pixel >> 8) & 0xff;

        n += red > 150 && green < 100;
      }

  return n;
}

/* The seal is off unless asked for, and then lands over the unit name. */
static void
test_render_seal (void)
{
  g_autoptr (SuijiFormReport) report =
      suiji_form_report_new (SUIJI_FORM_REGION, 2025, 3, 0, "沙河市市场监督管理局");
  cairo_surface_t       *seal = red_seal ();
  SuijiFormRenderOptions off = { seal, FALSE };
  SuijiFormRenderOptions on = { seal, TRUE };
  cairo_rectangle_t      area;
  guint                  counts[2];

  for (guint i = 0; i < 2; i++)
    {
      cairo_surface_t *page = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 842, 596);
      cairo_t         *cr = cairo_create (page);

      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      suiji_form_render (report, cr, i == 0 ? &off : &on);
      suiji_form_render_get_seal_area (report, cr, &area);
      counts[i] = count_red_pixels (page, 0, 0, 842, 596);
      if (i == 1)
        g_assert_cmpuint (
            count_red_pixels (page, area.x, area.y, area.x + area.width, area.y + area.height), ==,
            counts[i]);
      cairo_destroy (cr);
      cairo_surface_destroy (page);
    }

  g_assert_cmpuint (counts[0], ==, 0);
  g_assert_cmpuint (counts[1], >, 500);
  /* 42 mm across, on the line of 单位名称（盖章）, right of the label. */
  g_assert_cmpfloat_with_epsilon (area.width, 42.0 * 72 / 25.4, 0.01);
  g_assert_cmpfloat (area.x, >, 25.0 * 72 / 25.4 + 60);
  g_assert_cmpfloat (area.y + area.height / 2, <, SUIJI_FORM_PAGE_HEIGHT / 3);
  cairo_surface_destroy (seal);
}

/* PDF files hold NUL bytes, where the string functions stop. */
static gboolean
bytes_contain (const char *data, gsize length, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

static void
test_pdf_export (void)
{
  g_autoptr (SuijiFormReport) report =
      suiji_form_report_new (SUIJI_FORM_REGION, 2025, 3, 0, "沙河市市场监督管理局");
  g_autofree char *path = temp_path ("form1.pdf");
  g_autofree char *bad = temp_path ("no-such-folder/form1.pdf");
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize length = 0;

  g_assert_true (suiji_form_export (report, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* One A4 landscape page. */
  g_assert_true (bytes_contain (contents, length, "/MediaBox [ 0 0 841.89 595.28 ]"));

  g_assert_false (suiji_form_export (report, bad, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);
  g_assert_false (suiji_form_export (report, "form.docx", NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/forms/layout-matches-plan", test_layout_matches_plan);
  g_test_add_func ("/forms/totals-are-computed", test_totals_are_computed);
  g_test_add_func ("/forms/fill-from-statistics", test_fill_from_statistics);
  g_test_add_func ("/forms/cut-off", test_cut_off);
  g_test_add_func ("/forms/fill-from-records", test_fill_from_records);
  g_test_add_func ("/forms/parse-value", test_parse_value);
  g_test_add_func ("/forms/validation", test_validation_names_every_rule);
  g_test_add_func ("/forms/save-keeps-history", test_save_keeps_history);
  g_test_add_func ("/forms/defaults-and-refusals", test_defaults_and_refusals);
  g_test_add_func ("/forms/conflicting-saves", test_conflicting_saves);
  g_test_add_func ("/forms/submit-checks-months", test_submit_checks_the_months);
  g_test_add_func ("/forms/submissions", test_submissions_and_deadline);
  g_test_add_func ("/forms/xlsx-export", test_xlsx_export_reads_back);
  g_test_add_func ("/forms/import-own-export", test_import_reads_own_export);
  g_test_add_func ("/forms/import-handmade", test_import_handmade_template);
  g_test_add_func ("/forms/import-refuses", test_import_refuses_other_files);
  g_test_add_func ("/forms/render-seal", test_render_seal);
  g_test_add_func ("/forms/pdf-export", test_pdf_export);

  return g_test_run ();
}
