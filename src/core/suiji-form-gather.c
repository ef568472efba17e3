/* suiji-form-gather.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The region's 附件1 built from the departments' 附件2 and the bureau's own
 * records. A department that keeps no tasks in Suiji still sends its
 * 附件2, so its figures can only come from there; but a joint inspection
 * stands in the 附件2 of every department that takes part, so summing the
 * 附件2 would count it once per department. Joint inspections are planned
 * through the bureau and so recorded in Suiji: they are taken from the
 * records, once each, and only each department's own inspections (部门内部)
 * from its 附件2. docs/forms.md gives the rule cell by cell.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "suiji-department.h"
#include "suiji-form-gather.h"
#include "suiji-statistics.h"

/* The rows of 附件2 (one department) and 附件1 (the region), numbered as in
 * the plan's tables. */
enum
{
  DEPARTMENT_TOTAL = 1,
  DEPARTMENT_INTERNAL,
  DEPARTMENT_JOINT,
  DEPARTMENT_ENTERPRISES,
  DEPARTMENT_CREDIT,
  DEPARTMENT_OTHER_INTERNAL,
  DEPARTMENT_OTHER_ENTERPRISES,
  DEPARTMENT_OTHER_CREDIT,
};

enum
{
  REGION_TOTAL = 1,
  REGION_INTERNAL,
  REGION_JOINT,
  REGION_ENTERPRISES,
  REGION_CREDIT,
  REGION_MARKET_TOTAL,
  REGION_MARKET_INTERNAL,
  REGION_MARKET_JOINT,
  REGION_OTHER_INTERNAL,
  REGION_OTHER_ENTERPRISES,
  REGION_OTHER_CREDIT,
};

/* A department's own inspections, in the rows of its 附件2. */
typedef gint64 OwnFigures[SUIJI_STATISTICS_DEPARTMENT_ROWS + 1][SUIJI_FORM_N_COLUMNS];

static void
part_free (SuijiFormGatherPart *part)
{
  g_free (part->department_name);
  g_free (part->saved_at);
  g_ptr_array_unref (part->notes);
  g_free (part);
}

void
suiji_form_gathering_free (SuijiFormGathering *gathering)
{
  if (gathering == NULL)
    return;

  g_free (gathering->until);
  g_ptr_array_unref (gathering->parts);
  g_free (gathering);
}

/**
 * suiji_form_gathering_count:
 *
 * Returns: how many departments' parts came from @source
 */
guint
suiji_form_gathering_count (const SuijiFormGathering *gathering, SuijiFormGatherSource source)
{
  guint count = 0;

  g_return_val_if_fail (gathering != NULL, 0);

  for (guint i = 0; i < gathering->parts->len; i++)
    {
      const SuijiFormGatherPart *part = g_ptr_array_index (gathering->parts, i);

      count += part->source == source;
    }

  return count;
}

static gboolean
row_is_empty (const gint64 *row)
{
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    if (row[c] != 0)
      return FALSE;

  return TRUE;
}

static gboolean
rows_differ (const gint64 *a, const gint64 *b)
{
  return memcmp (a, b, sizeof (gint64) * SUIJI_FORM_N_COLUMNS) != 0;
}

static void
take_from_records (SuijiStatisticsSnapshot *snapshot, SuijiFormGatherPart *part, OwnFigures own)
{
  SuijiFigures internal;
  SuijiFigures all;

  suiji_statistics_snapshot_figures_of (snapshot, SUIJI_STATISTICS_DEPARTMENT, part->department_id,
                                        SUIJI_STATISTICS_INTERNAL_TASKS, &internal);
  suiji_statistics_snapshot_figures_of (snapshot, SUIJI_STATISTICS_DEPARTMENT, part->department_id,
                                        SUIJI_STATISTICS_ALL_TASKS, &all);

  for (guint r = 1; r <= SUIJI_STATISTICS_DEPARTMENT_ROWS; r++)
    memcpy (own[r], internal.values[r - 1], sizeof own[r]);

  part->source = row_is_empty (all.values[DEPARTMENT_TOTAL - 1]) &&
                         row_is_empty (all.values[DEPARTMENT_OTHER_INTERNAL - 1])
                     ? SUIJI_FORM_GATHER_NOTHING
                     : SUIJI_FORM_GATHER_RECORDS;
}

/* Its own inspections out of its 附件2: the joint ones recorded in Suiji
 * taken out of the rows that hold both. */
static void
take_from_report (SuijiStatisticsSnapshot *snapshot,
                  SuijiFormReport         *report,
                  SuijiFormGatherPart     *part,
                  OwnFigures               own)
{
  static const guint mixed_rows[] = { DEPARTMENT_ENTERPRISES, DEPARTMENT_CREDIT };
  OwnFigures         reported = { { 0 } };
  SuijiFigures       joint;
  SuijiFigures       internal;
  gboolean           short_of_joint = FALSE;

  for (guint r = 1; r <= SUIJI_STATISTICS_DEPARTMENT_ROWS; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      if (!suiji_form_report_get_value (report, r, c, &reported[r][c]))
        reported[r][c] = 0;

  suiji_statistics_snapshot_figures_of (snapshot, SUIJI_STATISTICS_DEPARTMENT, part->department_id,
                                        SUIJI_STATISTICS_JOINT_TASKS, &joint);
  suiji_statistics_snapshot_figures_of (snapshot, SUIJI_STATISTICS_DEPARTMENT, part->department_id,
                                        SUIJI_STATISTICS_INTERNAL_TASKS, &internal);

  memset (own, 0, sizeof (OwnFigures));
  memcpy (own[DEPARTMENT_TOTAL], reported[DEPARTMENT_INTERNAL], sizeof own[0]);
  memcpy (own[DEPARTMENT_INTERNAL], reported[DEPARTMENT_INTERNAL], sizeof own[0]);
  for (guint r = DEPARTMENT_OTHER_INTERNAL; r <= DEPARTMENT_OTHER_CREDIT; r++)
    memcpy (own[r], reported[r], sizeof own[0]);
  for (guint i = 0; i < G_N_ELEMENTS (mixed_rows); i++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      {
        guint  r = mixed_rows[i];
        gint64 figure = reported[r][c] - joint.values[r - 1][c];

        short_of_joint |= figure < 0;
        own[r][c] = MAX (figure, 0);
      }

  if (rows_differ (reported[DEPARTMENT_JOINT], joint.values[DEPARTMENT_JOINT - 1]))
    g_ptr_array_add (
        part->notes,
        g_strdup_printf (_("Row 3 (部门联合) of its 附件2 gives %ld joint inspections of %ld "
                            "households; Suiji’s records hold %ld of %ld. The region counts "
                            "each joint inspection once, as recorded."),
                         (long) reported[DEPARTMENT_JOINT][SUIJI_FORM_COLUMN_TIMES],
                         (long) reported[DEPARTMENT_JOINT][SUIJI_FORM_COLUMN_DRAWN],
                         (long) joint.values[DEPARTMENT_JOINT - 1][SUIJI_FORM_COLUMN_TIMES],
                         (long) joint.values[DEPARTMENT_JOINT - 1][SUIJI_FORM_COLUMN_DRAWN]));
  if (short_of_joint)
    g_ptr_array_add (part->notes,
                     g_strdup (_("Rows 4 and 5 of its 附件2 hold less than its joint "
                                  "inspections in the records alone; its own part there was "
                                  "counted as 0.")));
  if (!row_is_empty (internal.values[DEPARTMENT_INTERNAL - 1]) &&
      rows_differ (reported[DEPARTMENT_INTERNAL], internal.values[DEPARTMENT_INTERNAL - 1]))
    g_ptr_array_add (
        part->notes,
        g_strdup_printf (_("Row 2 (部门内部) of its 附件2 gives %ld inspections of %ld "
                            "households; Suiji’s records hold %ld of %ld. Its 附件2 was "
                            "taken."),
                         (long) reported[DEPARTMENT_INTERNAL][SUIJI_FORM_COLUMN_TIMES],
                         (long) reported[DEPARTMENT_INTERNAL][SUIJI_FORM_COLUMN_DRAWN],
                         (long) internal.values[DEPARTMENT_INTERNAL - 1][SUIJI_FORM_COLUMN_TIMES],
                         (long) internal.values[DEPARTMENT_INTERNAL - 1][SUIJI_FORM_COLUMN_DRAWN]));

  part->source = SUIJI_FORM_GATHER_REPORT;
  part->status = suiji_form_report_get_status (report);
  part->revision = suiji_form_report_get_revision (report);
  part->saved_at = g_strdup (suiji_form_report_get_saved_at (report));
}

static void
add_row (SuijiFormGathering *gathering, guint region_row, const gint64 *figures)
{
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    gathering->values[region_row - 1][c] += figures[c];
}

/* Which departments are market regulation (市场监管系统), by id. */
static GHashTable *
find_market_regulation (SuijiDatabase *db, GError **error)
{
  g_autoptr (GListModel) departments = suiji_department_list_all (db, error);
  g_autoptr (GHashTable) market = NULL;

  if (departments == NULL)
    return NULL;

  market = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr (SuijiDepartment) department = g_list_model_get_item (departments, i);

      if (suiji_department_get_is_market_regulation (department))
        {
          gint64 *id = g_new (gint64, 1);

          *id = suiji_department_get_id (department);
          g_hash_table_add (market, id);
        }
    }

  return g_steal_pointer (&market);
}

/**
 * suiji_form_gather_region:
 * @today: (nullable): the day the figures are taken, for a month under way
 *
 * Builds the region's 附件1 for @year-@month. Each department's own
 * inspections (部门内部) come from its 附件2 when one is saved for the
 * month, else from the tasks recorded in Suiji up to the cut-off
 * (suiji_form_dup_cut_off ()); joint inspections come from the records,
 * once each. Where a 附件2 and the records disagree, its part says so.
 *
 * Returns: (transfer full): the figures and every department's part
 */
SuijiFormGathering *
suiji_form_gather_region (
    SuijiDatabase *db, int year, int month, const GDate *today, GError **error)
{
  g_autoptr (SuijiFormGathering) gathering = NULL;
  g_autoptr (SuijiStatisticsSnapshot) snapshot = NULL;
  g_autoptr (GPtrArray) submissions = NULL;
  g_autoptr (GHashTable) market = NULL;
  SuijiFigures joint;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  g_return_val_if_fail (g_date_valid_year (year), NULL);

  gathering = g_new0 (SuijiFormGathering, 1);
  gathering->year = year;
  gathering->month = month;
  gathering->until = suiji_form_dup_cut_off (year, month, today);
  gathering->n_rows = SUIJI_STATISTICS_REGION_ROWS;
  gathering->parts = g_ptr_array_new_with_free_func ((GDestroyNotify) part_free);

  submissions = suiji_form_list_submissions (db, year, month, &gathering->deadline, error);
  if (submissions == NULL)
    return NULL;
  market = find_market_regulation (db, error);
  if (market == NULL)
    return NULL;
  snapshot = suiji_statistics_snapshot_new (db, year, gathering->until, error);
  if (snapshot == NULL)
    return NULL;

  suiji_statistics_snapshot_figures_of (snapshot, SUIJI_STATISTICS_REGION, 0,
                                        SUIJI_STATISTICS_JOINT_TASKS, &joint);
  memcpy (gathering->values, joint.values, sizeof gathering->values);

  for (guint i = 0; i < submissions->len; i++)
    {
      const SuijiFormSubmission *submission = g_ptr_array_index (submissions, i);
      SuijiFormGatherPart       *part = g_new0 (SuijiFormGatherPart, 1);
      OwnFigures                 own;

      part->department_id = submission->department_id;
      part->department_name = g_strdup (submission->department_name);
      part->market_regulation = g_hash_table_contains (market, &submission->department_id);
      part->notes = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (gathering->parts, part);

      if (submission->reported)
        {
          g_autoptr (SuijiFormReport) report = suiji_form_report_load (
              db, SUIJI_FORM_DEPARTMENT, year, month, submission->department_id, error);

          if (report == NULL)
            return NULL;
          take_from_report (snapshot, report, part, own);
        }
      else
        take_from_records (snapshot, part, own);

      add_row (gathering, REGION_TOTAL, own[DEPARTMENT_INTERNAL]);
      add_row (gathering, REGION_INTERNAL, own[DEPARTMENT_INTERNAL]);
      add_row (gathering, REGION_ENTERPRISES, own[DEPARTMENT_ENTERPRISES]);
      add_row (gathering, REGION_CREDIT, own[DEPARTMENT_CREDIT]);
      if (part->market_regulation)
        {
          add_row (gathering, REGION_MARKET_TOTAL, own[DEPARTMENT_INTERNAL]);
          add_row (gathering, REGION_MARKET_INTERNAL, own[DEPARTMENT_INTERNAL]);
        }
      add_row (gathering, REGION_OTHER_INTERNAL, own[DEPARTMENT_OTHER_INTERNAL]);
      add_row (gathering, REGION_OTHER_ENTERPRISES, own[DEPARTMENT_OTHER_ENTERPRISES]);
      add_row (gathering, REGION_OTHER_CREDIT, own[DEPARTMENT_OTHER_CREDIT]);
    }

  return g_steal_pointer (&gathering);
}

/**
 * suiji_form_report_fill_from_departments:
 * @self: a 附件1
 * @today: (nullable): the day the figures are taken
 * @gathering: (out) (optional) (transfer full): where every figure came from
 *
 * Fills every entered cell of the region's form with the figures
 * suiji_form_gather_region () builds, as suiji_form_report_fill () does:
 * a figure typed over later keeps the gathered one beside it.
 */
gboolean
suiji_form_report_fill_from_departments (SuijiDatabase       *db,
                                         SuijiFormReport     *self,
                                         const GDate         *today,
                                         SuijiFormGathering **gathering,
                                         GError             **error)
{
  g_autoptr (SuijiFormGathering) gathered = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), FALSE);
  g_return_val_if_fail (suiji_form_report_get_kind (self) == SUIJI_FORM_REGION, FALSE);

  gathered = suiji_form_gather_region (db, suiji_form_report_get_year (self),
                                       suiji_form_report_get_month (self), today, error);
  if (gathered == NULL)
    return FALSE;

  suiji_form_report_fill (self, (const gint64 (*)[SUIJI_FORM_N_COLUMNS]) gathered->values,
                          gathered->n_rows);
  if (gathering != NULL)
    *gathering = g_steal_pointer (&gathered);
  return TRUE;
}
