/* suiji-directory-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes a whole directory to an xlsx workbook under the headings import
 * reads, so that a file exported here imports back unchanged.
 */

#define G_LOG_DOMAIN "suiji-directory-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "suiji-database-private.h"
#include "suiji-xlsx-private.h"
#include "suiji-directory-export.h"

/* One query per directory, its columns in the order of the import fields. */
static const char *const export_sql[] = {
  "SELECT s.key, s.name, s.subject_type, s.industry, s.region, s.address, s.status,"
  " coalesce(s.credit_class, ''), coalesce(s.credit_class_date, ''), coalesce(d.name, ''),"
  " coalesce((SELECT group_concat(l.name, '、') FROM subject_labels sl JOIN labels l"
  "   ON l.id = sl.label_id WHERE sl.subject_id = s.id), '')"
  " FROM subjects s LEFT JOIN departments d ON d.id = s.department_id ORDER BY s.id",

  "SELECT i.name, i.badge, coalesce(i.badge_valid_until, ''), coalesce(d.name, ''), i.post,"
  " CASE WHEN i.active THEN '是' ELSE '否' END,"
  " coalesce((SELECT group_concat(l.name, '、') FROM inspector_labels il JOIN labels l"
  "   ON l.id = il.label_id WHERE il.inspector_id = i.id), '')"
  " FROM inspectors i LEFT JOIN departments d ON d.id = i.department_id"
  " ORDER BY coalesce(d.sort_order, 1e9), i.id",

  "SELECT coalesce(d.name, ''), it.name, it.category, it.subject_type, it.method, it.legal_basis"
  " FROM items it LEFT JOIN departments d ON d.id = it.department_id"
  " ORDER BY coalesce(d.sort_order, 1e9), it.id",
};

static const char *const sheet_names[] = { "检查对象名录库", "执法检查人员名录库",
                                           "随机抽查事项清单" };

/**
 * suiji_directory_export:
 * @n_rows: (out) (optional): how many entries were written
 *
 * Streams the directory into @path, so a directory of any size is written
 * in little memory.
 */
gboolean
suiji_directory_export (
    SuijiDatabase *db, SuijiDirectory kind, const char *path, guint *n_rows, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  const SuijiImportField *fields;
  lxw_workbook           *workbook;
  lxw_worksheet          *sheet;
  lxw_format             *heading;
  guint                   n_fields;
  lxw_row_t               row = 1;
  int                     step;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (kind <= SUIJI_DIRECTORY_ITEMS, FALSE);

  stmt = _suiji_database_prepare (db, export_sql[kind], error);
  if (stmt == NULL)
    return FALSE;

  workbook = _suiji_xlsx_open (path, TRUE, error);
  if (workbook == NULL)
    return FALSE;

  workbook_set_properties (workbook, &(lxw_doc_properties){ .title = (char *) sheet_names[kind] });
  sheet = workbook_add_worksheet (workbook, sheet_names[kind]);
  heading = workbook_add_format (workbook);
  format_set_bold (heading);
  format_set_bg_color (heading, 0xDDEBF7);
  format_set_border (heading, LXW_BORDER_THIN);

  fields = suiji_import_get_fields (kind, &n_fields);
  g_assert ((guint) sqlite3_column_count (stmt) == n_fields);
  for (guint c = 0; c < n_fields; c++)
    {
      worksheet_write_string (sheet, 0, (lxw_col_t) c, fields[c].title, heading);
      worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c, c < 2 ? 24 : 14, NULL);
    }
  worksheet_freeze_panes (sheet, 1, 0);

  /* Every value is text, so that codes and numbers stored as text stay as
   * typed (leading zeros, 18 digits) in WPS and Excel. */
  while ((step = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint c = 0; c < n_fields; c++)
        worksheet_write_string (sheet, row, (lxw_col_t) c, _suiji_column_text (stmt, (int) c),
                                NULL);
      row++;
    }

  if (step != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the directory"));
      workbook_close (workbook);
      return FALSE;
    }

  worksheet_autofilter (sheet, 0, 0, row - 1, (lxw_col_t) (n_fields - 1));
  if (!_suiji_xlsx_close (workbook, path, error))
    return FALSE;

  if (n_rows != NULL)
    *n_rows = row - 1;
  return TRUE;
}
