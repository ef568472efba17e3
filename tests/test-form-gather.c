/* test-form-gather.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The region's 附件1 built from the departments' 附件2 and the records, on
 * the sample year: each joint inspection once, each department's own
 * inspections from its 附件2 when it sent one, and a note wherever a 附件2
 * and the records disagree.
 */

#include "config.h"

#include "suiji-department.h"
#include "suiji-form-gather.h"
#include "suiji-form-report.h"
#include "suiji-sample-data.h"
#include "suiji-statistics.h"

#define YEAR  2025
#define MONTH 6
#define UNTIL "2025-06-30"

typedef gint64 RegionValues[SUIJI_FORM_MAX_ROWS][SUIJI_FORM_N_COLUMNS];

static SuijiDatabase *
open_sample_year (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr (GError) error = NULL;
  SuijiDatabase *db;

  g_assert_cmpint (g_mkdir_with_parents (g_get_user_data_dir (), 0700), ==, 0);
  db = suiji_database_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (suiji_sample_data_fill (db, 400, 7, NULL, &error));
  g_assert_no_error (error);
  return db;
}

static SuijiFormGathering *
gather (SuijiDatabase *db)
{
  g_autoptr (GError) error = NULL;
  SuijiFormGathering *gathering = suiji_form_gather_region (db, YEAR, MONTH, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (gathering);
  g_assert_cmpstr (gathering->until, ==, UNTIL);
  g_assert_cmpuint (gathering->n_rows, ==, SUIJI_STATISTICS_REGION_ROWS);
  return gathering;
}

static void
assert_values (const SuijiFormGathering *gathering, const RegionValues expected)
{
  for (guint r = 0; r < SUIJI_STATISTICS_REGION_ROWS; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      {
        if (gathering->values[r][c] != expected[r][c])
          g_test_message ("row %u, column %u", r + 1, c);
        g_assert_cmpint (gathering->values[r][c], ==, expected[r][c]);
      }
}

static const SuijiFormGatherPart *
find_part (const SuijiFormGathering *gathering, gint64 department_id)
{
  for (guint i = 0; i < gathering->parts->len; i++)
    {
      const SuijiFormGatherPart *part = g_ptr_array_index (gathering->parts, i);

      if (part->department_id == department_id)
        return part;
    }

  g_assert_not_reached ();
}

static void
records_of_region (SuijiDatabase *db, RegionValues values)
{
  g_autoptr (GError) error = NULL;
  SuijiFigures figures;

  g_assert_true (
      suiji_statistics_compute (db, SUIJI_STATISTICS_REGION, YEAR, UNTIL, 0, &figures, &error));
  g_assert_no_error (error);
  memcpy (values, figures.values, sizeof (RegionValues));
}

static void
records_of_department (SuijiDatabase *db, gint64 department_id, SuijiFigures *figures)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (suiji_statistics_compute (db, SUIJI_STATISTICS_DEPARTMENT, YEAR, UNTIL,
                                           department_id, figures, &error));
  g_assert_no_error (error);
}

/* A department's own inspections in the records, checked first against
 * its whole form: its own and its joint ones add up to it, row by row. */
static void
internal_of_department (SuijiDatabase *db, gint64 department_id, SuijiFigures *internal)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiStatisticsSnapshot) snapshot =
      suiji_statistics_snapshot_new (db, YEAR, UNTIL, &error);
  SuijiFigures joint;
  SuijiFigures all;

  g_assert_no_error (error);
  records_of_department (db, department_id, &all);
  suiji_statistics_snapshot_figures_of (snapshot, SUIJI_STATISTICS_DEPARTMENT, department_id,
                                        SUIJI_STATISTICS_INTERNAL_TASKS, internal);
  suiji_statistics_snapshot_figures_of (snapshot, SUIJI_STATISTICS_DEPARTMENT, department_id,
                                        SUIJI_STATISTICS_JOINT_TASKS, &joint);
  for (guint r = 0; r < SUIJI_STATISTICS_DEPARTMENT_ROWS; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      g_assert_cmpint (internal->values[r][c] + joint.values[r][c], ==, all.values[r][c]);
  /* Row 3 is the joint inspections, row 2 the department's own. */
  g_assert_cmpint (internal->values[2][0], ==, 0);
  g_assert_cmpint (joint.values[1][0], ==, 0);
}

/* Each department's 附件2 for the month, filled from the records and saved. */
static void
save_every_report_from_records (SuijiDatabase *db, const SuijiFormGathering *gathering)
{
  for (guint i = 0; i < gathering->parts->len; i++)
    {
      const SuijiFormGatherPart *part = g_ptr_array_index (gathering->parts, i);
      g_autoptr (GError) error = NULL;
      g_autoptr (SuijiFormReport) report = suiji_form_report_load (
          db, SUIJI_FORM_DEPARTMENT, YEAR, MONTH, part->department_id, &error);

      g_assert_no_error (error);
      g_assert_true (suiji_form_report_fill_from_records (db, report, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (suiji_form_report_save (db, report, &error));
      g_assert_no_error (error);
    }
}

/* With no 附件2 sent, the gathered form is the records' 附件1; with every
 * 附件2 sent as the records have it, it still is: the joint inspections
 * each department lists are not counted twice. */
static void
test_gather_matches_records (void)
{
  g_autoptr (SuijiDatabase) db = open_sample_year ("matches.db");
  g_autoptr (SuijiFormGathering) unreported = gather (db);
  g_autoptr (SuijiFormGathering) reported = NULL;
  RegionValues records;
  guint        n_departments = unreported->parts->len;

  records_of_region (db, records);
  /* Joint inspections in the sample year: summing the 附件2 would be wrong. */
  g_assert_cmpint (records[2][SUIJI_FORM_COLUMN_TIMES], >, 0);
  assert_values (unreported, records);

  g_assert_cmpuint (suiji_form_gathering_count (unreported, SUIJI_FORM_GATHER_REPORT), ==, 0);
  g_assert_cmpuint (suiji_form_gathering_count (unreported, SUIJI_FORM_GATHER_RECORDS), >, 1);
  for (guint i = 0; i < n_departments; i++)
    {
      const SuijiFormGatherPart *part = g_ptr_array_index (unreported->parts, i);
      SuijiFigures               figures;

      records_of_department (db, part->department_id, &figures);
      g_assert_cmpint (part->source, ==,
                       figures.values[0][0] + figures.values[5][0] > 0 ? SUIJI_FORM_GATHER_RECORDS
                                                                       : SUIJI_FORM_GATHER_NOTHING);
      g_assert_cmpuint (part->notes->len, ==, 0);
    }

  save_every_report_from_records (db, unreported);
  reported = gather (db);
  assert_values (reported, records);
  g_assert_cmpuint (suiji_form_gathering_count (reported, SUIJI_FORM_GATHER_REPORT), ==,
                    n_departments);
  for (guint i = 0; i < n_departments; i++)
    {
      const SuijiFormGatherPart *part = g_ptr_array_index (reported->parts, i);

      g_assert_cmpuint (part->revision, ==, 1);
      g_assert_cmpint (part->status, ==, SUIJI_FORM_STATUS_DRAFT);
      g_assert_nonnull (part->saved_at);
      g_assert_cmpuint (part->notes->len, ==, 0);
    }
}

static void
set_row (SuijiFormReport *report, guint row, gint64 times, gint64 drawn, gint64 done, gint64 bad)
{
  const gint64 figures[] = { times, drawn, done, bad };

  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    g_assert_true (suiji_form_report_set_value (report, row, c, figures[c]));
}

/* A department that keeps no tasks in Suiji sends its 附件2 by hand: its
 * own inspections are added to the region's, row by row, and the form
 * filled from the gathering keeps every rule. */
static void
test_gather_adds_handmade_report (void)
{
  g_autoptr (SuijiDatabase) db = open_sample_year ("handmade.db");
  g_autoptr (SuijiFormGathering) gathering = NULL;
  g_autoptr (SuijiFormGathering) before = NULL;
  g_autoptr (SuijiFormReport) weather = NULL;
  g_autoptr (SuijiFormReport) region = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  RegionValues expected;
  gint64       department;

  department = suiji_department_ensure (db, "沙河市气象局", "气象局", FALSE, &error);
  g_assert_no_error (error);
  before = gather (db);
  g_assert_cmpint (find_part (before, department)->source, ==, SUIJI_FORM_GATHER_NOTHING);

  weather = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, YEAR, MONTH, department, &error);
  g_assert_no_error (error);
  set_row (weather, 2, 3, 12, 10, 2);
  set_row (weather, 3, 0, 0, 0, 0);
  set_row (weather, 4, 2, 8, 7, 1);
  set_row (weather, 5, 3, 12, 10, 2);
  set_row (weather, 6, 1, 5, 5, 0);
  set_row (weather, 7, 1, 4, 4, 0);
  set_row (weather, 8, 0, 0, 0, 0);
  suiji_form_report_set_status (weather, SUIJI_FORM_STATUS_SUBMITTED);
  g_assert_true (suiji_form_report_save (db, weather, &error));
  g_assert_no_error (error);

  memcpy (expected, before->values, sizeof expected);
  {
    const struct
    {
      guint  region_row;
      gint64 figures[SUIJI_FORM_N_COLUMNS];
    } added[] = {
      { 1, { 3, 12, 10, 2 } }, { 2, { 3, 12, 10, 2 } }, { 4, { 2, 8, 7, 1 } },
      { 5, { 3, 12, 10, 2 } }, { 9, { 1, 5, 5, 0 } },   { 10, { 1, 4, 4, 0 } },
    };

    for (guint i = 0; i < G_N_ELEMENTS (added); i++)
      for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
        expected[added[i].region_row - 1][c] += added[i].figures[c];
  }

  gathering = gather (db);
  assert_values (gathering, expected);
  g_assert_cmpint (find_part (gathering, department)->source, ==, SUIJI_FORM_GATHER_REPORT);
  g_assert_cmpint (find_part (gathering, department)->status, ==, SUIJI_FORM_STATUS_SUBMITTED);
  g_assert_cmpuint (find_part (gathering, department)->notes->len, ==, 0);

  /* Filled into the region's form: figures from the gathering, the 总计
   * rows computed, no hard rule broken. */
  region = suiji_form_report_load (db, SUIJI_FORM_REGION, YEAR, MONTH, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&gathering, suiji_form_gathering_free);
  g_assert_true (suiji_form_report_fill_from_departments (db, region, NULL, &gathering, &error));
  g_assert_no_error (error);
  for (guint r = 1; r <= SUIJI_STATISTICS_REGION_ROWS; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      {
        gint64 value = -1;

        g_assert_true (suiji_form_report_get_value (region, r, c, &value));
        g_assert_cmpint (value, ==, expected[r - 1][c]);
      }
  g_assert_cmpint (suiji_form_report_get_source (region, 2, 0), ==, SUIJI_FORM_CELL_FILLED);
  g_assert_cmpint (suiji_form_report_get_source (region, 1, 0), ==, SUIJI_FORM_CELL_COMPUTED);
  problems = suiji_form_report_validate (region, NULL, NULL);
  g_assert_cmpuint (suiji_form_problems_count_hard (problems), ==, 0);
}

/* The department of the sample year with the most joint inspections. */
static gint64
find_joint_department (SuijiDatabase *db, const SuijiFormGathering *gathering)
{
  gint64 best = 0;
  gint64 most = 0;

  for (guint i = 0; i < gathering->parts->len; i++)
    {
      const SuijiFormGatherPart *part = g_ptr_array_index (gathering->parts, i);
      SuijiFigures               figures;

      records_of_department (db, part->department_id, &figures);
      if (figures.values[2][0] > most && figures.values[3][0] > 0)
        {
          most = figures.values[2][0];
          best = part->department_id;
        }
    }

  g_assert_cmpint (best, >, 0);
  return best;
}

/* A 附件2 whose joint row does not match the records leaves the region's
 * joint inspections as recorded and says so; one whose rows 4 and 5 hold
 * less than its joint inspections alone counts no own part there. */
static void
test_gather_notes_disagreements (void)
{
  g_autoptr (SuijiDatabase) db = open_sample_year ("disagree.db");
  g_autoptr (SuijiFormGathering) before = gather (db);
  g_autoptr (SuijiFormGathering) after = NULL;
  g_autoptr (SuijiFormGathering) short_rows = NULL;
  g_autoptr (SuijiFormReport) report = NULL;
  g_autoptr (GError) error = NULL;
  const SuijiFormGatherPart *part;
  SuijiFigures               internal;
  gint64                     department;
  gint64                     joint_times;

  save_every_report_from_records (db, before);
  department = find_joint_department (db, before);

  report = suiji_form_report_load (db, SUIJI_FORM_DEPARTMENT, YEAR, MONTH, department, &error);
  g_assert_no_error (error);
  g_assert_true (suiji_form_report_get_value (report, 3, 0, &joint_times));
  g_assert_true (suiji_form_report_set_value (report, 3, 0, joint_times + 1));
  g_assert_true (suiji_form_report_save (db, report, &error));
  g_assert_no_error (error);

  after = gather (db);
  assert_values (after, before->values);
  part = find_part (after, department);
  g_assert_cmpuint (part->revision, ==, 2);
  g_assert_cmpuint (part->notes->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (part->notes, 0), "部门联合"));

  /* Rows 4 and 5 emptied: nothing of its own counted there, and the
   * region's rows lose exactly its own inspections in them. */
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    {
      g_assert_true (suiji_form_report_set_value (report, 4, c, 0));
      g_assert_true (suiji_form_report_set_value (report, 5, c, 0));
    }
  g_assert_true (suiji_form_report_save (db, report, &error));
  g_assert_no_error (error);

  short_rows = gather (db);
  part = find_part (short_rows, department);
  g_assert_cmpuint (part->notes->len, ==, 2);
  internal_of_department (db, department, &internal);
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    {
      g_assert_cmpint (short_rows->values[2][c], ==, before->values[2][c]);
      g_assert_cmpint (short_rows->values[3][c], ==, before->values[3][c] - internal.values[3][c]);
      g_assert_cmpint (short_rows->values[4][c], ==, before->values[4][c] - internal.values[4][c]);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/form-gather/matches-records", test_gather_matches_records);
  g_test_add_func ("/form-gather/adds-handmade-report", test_gather_adds_handmade_report);
  g_test_add_func ("/form-gather/notes-disagreements", test_gather_notes_disagreements);

  return g_test_run ();
}
