/* suiji-form-xlsx.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The monthly forms as xlsx sheets laid out as the paper: 附件 number,
 * title, subtitle, the unit and date line, the two-level header, the
 * platform and item cells merged, thin borders, the figures as numbers and
 * the contact line; A4 landscape, one page wide, the binding margin on the
 * left. Fonts as Chinese official forms use them: 黑体 for the title and
 * the header, 宋体 for the rest.
 */

#define G_LOG_DOMAIN "suiji-form-xlsx"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "suiji-form-xlsx.h"
#include "suiji-xlsx-private.h"

#define HEADING_FONT "黑体"
#define BODY_FONT    "宋体"
#define MM_PER_INCH  25.4

/* The sheet's rows, 0-based, above the table. */
enum
{
  ROW_ATTACHMENT,
  ROW_TITLE,
  ROW_SUBTITLE,
  ROW_UNIT,
  ROW_HEADING,
  ROW_COLUMN_HEADINGS,
  ROW_FIRST_VALUES,
};

enum
{
  COL_PLATFORM,
  COL_ITEM,
  COL_SUB_ITEM,
  COL_FIRST_VALUE,
  COL_LAST = SUIJI_FORM_PAPER_COLUMNS - 1,
};

typedef struct
{
  lxw_format *attachment;
  lxw_format *title;
  lxw_format *subtitle;
  lxw_format *unit;
  lxw_format *date;
  lxw_format *heading;
  lxw_format *label;
  lxw_format *number;
  lxw_format *contact;
} Formats;

static lxw_format *
new_format (lxw_workbook *workbook, const char *font, double size)
{
  lxw_format *format = workbook_add_format (workbook);

  format_set_font_name (format, font);
  format_set_font_size (format, size);
  format_set_align (format, LXW_ALIGN_VERTICAL_CENTER);
  return format;
}

static lxw_format *
new_cell_format (lxw_workbook *workbook, const char *font)
{
  lxw_format *format = new_format (workbook, font, 11);

  format_set_border (format, LXW_BORDER_THIN);
  format_set_align (format, LXW_ALIGN_CENTER);
  format_set_text_wrap (format);
  return format;
}

static void
make_formats (lxw_workbook *workbook, Formats *formats)
{
  formats->attachment = new_format (workbook, HEADING_FONT, 12);

  formats->title = new_format (workbook, HEADING_FONT, 18);
  format_set_bold (formats->title);
  format_set_align (formats->title, LXW_ALIGN_CENTER);

  formats->subtitle = new_format (workbook, BODY_FONT, 12);
  format_set_align (formats->subtitle, LXW_ALIGN_CENTER);

  formats->unit = new_format (workbook, BODY_FONT, 12);
  format_set_align (formats->unit, LXW_ALIGN_LEFT);
  formats->date = new_format (workbook, BODY_FONT, 12);
  format_set_align (formats->date, LXW_ALIGN_RIGHT);

  /* The header in the heading face, as Chinese official tables set it. */
  formats->heading = new_cell_format (workbook, HEADING_FONT);
  formats->label = new_cell_format (workbook, BODY_FONT);
  formats->number = new_cell_format (workbook, BODY_FONT);
  format_set_num_format (formats->number, "0");

  formats->contact = new_format (workbook, BODY_FONT, 12);
  format_set_align (formats->contact, LXW_ALIGN_LEFT);
}

/* Heights in points of the rows around the table. */
#define HEIGHT_ATTACHMENT      20.0
#define HEIGHT_TITLE           32.0
#define HEIGHT_SUBTITLE        22.0
#define HEIGHT_UNIT            26.0
#define HEIGHT_HEADING         22.0
#define HEIGHT_COLUMN_HEADINGS 34.0
#define HEIGHT_CONTACT         26.0
#define A4_SHORT_SIDE_PT       595.28
#define PT_PER_MM              (72.0 / 25.4)

/* The rows share the height of the page as on paper, and grow where a
 * wrapped label needs more lines: a CJK character is two of Excel's width
 * units. */
static double
row_height (const SuijiFormLayout *layout, const SuijiFormRow *row)
{
  const double       *widths = suiji_form_layout_get_paper_widths ();
  const SuijiFormRow *first = row;
  double              width = widths[COL_ITEM] + (row->sub_item == NULL ? widths[COL_SUB_ITEM] : 0);
  double              page = A4_SHORT_SIDE_PT -
                (SUIJI_FORM_MARGIN_TOP_MM + SUIJI_FORM_MARGIN_BOTTOM_MM) * PT_PER_MM -
                HEIGHT_ATTACHMENT - HEIGHT_TITLE - HEIGHT_SUBTITLE - HEIGHT_UNIT - HEIGHT_HEADING -
                HEIGHT_COLUMN_HEADINGS - HEIGHT_CONTACT;
  double units, lines;

  while (first->item_rows == 0 && first > layout->rows)
    first--;

  units = 2.0 * g_utf8_strlen (first->item, -1);
  lines = MAX (1.0, (units + width - 3) / (width - 2));
  return MAX (CLAMP (page / layout->n_rows - 2, 24.0, 40.0),
              ((int) lines * 15.0 + 8.0) / MAX (first->item_rows, 1));
}

static char *
contact_line (SuijiFormReport *report)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (report);
  const char            *person = suiji_form_report_get_contact_person (report);
  const char            *phone = suiji_form_report_get_contact_phone (report);
  const char            *mobile = suiji_form_report_get_mobile (report);

  /* An empty form carries the plan's own line, spaces and all. */
  if (*person == '\0' && *phone == '\0' && *mobile == '\0')
    return g_strdup (layout->blank_contact_line);

  return g_strdup_printf ("%s%s           %s%s           %s%s", layout->contact_label, person,
                          layout->phone_label, phone, layout->mobile_label, mobile);
}

static void
write_sheet (lxw_workbook *workbook, SuijiFormReport *report, const char *name, Formats *formats)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (report);
  const double          *widths = suiji_form_layout_get_paper_widths ();
  lxw_worksheet         *sheet = workbook_add_worksheet (workbook, name);
  g_autofree char       *unit = NULL;
  g_autofree char       *date_text = NULL;
  g_autofree char       *date = NULL;
  g_autofree char       *contact = NULL;
  lxw_row_t              last_row = ROW_FIRST_VALUES + layout->n_rows;

  for (lxw_col_t c = 0; c < SUIJI_FORM_PAPER_COLUMNS; c++)
    worksheet_set_column (sheet, c, c, widths[c], NULL);

  worksheet_set_row (sheet, ROW_ATTACHMENT, HEIGHT_ATTACHMENT, NULL);
  worksheet_write_string (sheet, ROW_ATTACHMENT, COL_PLATFORM, layout->attachment,
                          formats->attachment);
  worksheet_set_row (sheet, ROW_TITLE, HEIGHT_TITLE, NULL);
  worksheet_merge_range (sheet, ROW_TITLE, COL_PLATFORM, ROW_TITLE, COL_LAST, layout->title,
                         formats->title);
  worksheet_set_row (sheet, ROW_SUBTITLE, HEIGHT_SUBTITLE, NULL);
  worksheet_merge_range (sheet, ROW_SUBTITLE, COL_PLATFORM, ROW_SUBTITLE, COL_LAST,
                         layout->subtitle, formats->subtitle);

  unit = g_strconcat (layout->unit_label, suiji_form_report_get_unit_name (report), NULL);
  date_text = suiji_form_report_dup_date_text (report);
  date = g_strconcat (layout->date_label, date_text, NULL);
  worksheet_set_row (sheet, ROW_UNIT, HEIGHT_UNIT, NULL);
  worksheet_merge_range (sheet, ROW_UNIT, COL_PLATFORM, ROW_UNIT, COL_SUB_ITEM, unit,
                         formats->unit);
  worksheet_merge_range (sheet, ROW_UNIT, COL_FIRST_VALUE, ROW_UNIT, COL_LAST, date, formats->date);

  /* The two-level header: 平台 and 统计项目 over both levels. */
  worksheet_set_row (sheet, ROW_HEADING, HEIGHT_HEADING, NULL);
  worksheet_set_row (sheet, ROW_COLUMN_HEADINGS, HEIGHT_COLUMN_HEADINGS, NULL);
  worksheet_merge_range (sheet, ROW_HEADING, COL_PLATFORM, ROW_COLUMN_HEADINGS, COL_PLATFORM,
                         layout->platform_heading, formats->heading);
  worksheet_merge_range (sheet, ROW_HEADING, COL_ITEM, ROW_COLUMN_HEADINGS, COL_SUB_ITEM,
                         layout->item_heading, formats->heading);
  worksheet_merge_range (sheet, ROW_HEADING, COL_FIRST_VALUE, ROW_HEADING, COL_LAST,
                         layout->data_heading, formats->heading);
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    worksheet_write_string (sheet, ROW_COLUMN_HEADINGS, COL_FIRST_VALUE + c,
                            layout->column_headings[c], formats->heading);

  for (guint p = 0; p < layout->n_platforms; p++)
    {
      const SuijiFormPlatform *platform = &layout->platforms[p];
      lxw_row_t                first = ROW_FIRST_VALUES + platform->first_row - 1;

      worksheet_merge_range (sheet, first, COL_PLATFORM, first + platform->n_rows - 1, COL_PLATFORM,
                             platform->label, formats->label);
    }

  for (guint r = 1; r <= layout->n_rows; r++)
    {
      const SuijiFormRow *row = &layout->rows[r - 1];
      lxw_row_t           at = ROW_FIRST_VALUES + r - 1;

      worksheet_set_row (sheet, at, row_height (layout, row), NULL);

      if (row->item_rows > 0)
        {
          lxw_col_t last_col = row->sub_item != NULL ? COL_ITEM : COL_SUB_ITEM;

          if (row->item_rows == 1 && last_col == COL_ITEM)
            worksheet_write_string (sheet, at, COL_ITEM, row->item, formats->label);
          else
            worksheet_merge_range (sheet, at, COL_ITEM, at + row->item_rows - 1, last_col,
                                   row->item, formats->label);
        }
      if (row->sub_item != NULL)
        worksheet_write_string (sheet, at, COL_SUB_ITEM, row->sub_item, formats->label);

      for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
        {
          gint64 value;

          /* 总计 too is a plain number, as on paper, not a formula. */
          if (suiji_form_report_get_value (report, r, c, &value))
            worksheet_write_number (sheet, at, COL_FIRST_VALUE + c, (double) value,
                                    formats->number);
          else
            worksheet_write_blank (sheet, at, COL_FIRST_VALUE + c, formats->number);
        }
    }

  contact = contact_line (report);
  worksheet_set_row (sheet, last_row, HEIGHT_CONTACT, NULL);
  worksheet_merge_range (sheet, last_row, COL_PLATFORM, last_row, COL_LAST, contact,
                         formats->contact);

  worksheet_set_landscape (sheet);
  worksheet_set_paper (sheet, 9);
  worksheet_fit_to_pages (sheet, 1, 0);
  worksheet_center_horizontally (sheet);
  worksheet_set_margins (
      sheet, SUIJI_FORM_MARGIN_LEFT_MM / MM_PER_INCH, SUIJI_FORM_MARGIN_RIGHT_MM / MM_PER_INCH,
      SUIJI_FORM_MARGIN_TOP_MM / MM_PER_INCH, SUIJI_FORM_MARGIN_BOTTOM_MM / MM_PER_INCH);
  worksheet_print_area (sheet, 0, COL_PLATFORM, last_row, COL_LAST);
}

/* Sheet names are unique, at most 31 characters and free of []:*?/\. */
static char *
sheet_name (SuijiFormReport *report, guint index, guint n_reports)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (report);
  GString               *name;
  g_autofree char       *unit = NULL;

  if (n_reports == 1)
    return g_strdup (layout->attachment);

  name = g_string_new (NULL);
  g_string_printf (name, "%u %s ", index + 1, layout->attachment);
  unit = g_strdup (suiji_form_report_get_unit_name (report));
  g_strdelimit (unit, "[]:*?/\\", '_');
  g_string_append (name, unit);
  if (g_utf8_strlen (name->str, -1) > 31)
    g_string_truncate (name, g_utf8_offset_to_pointer (name->str, 31) - name->str);

  return g_string_free (name, FALSE);
}

/**
 * suiji_form_xlsx_write_reports:
 * @reports: (array length=n_reports): the reports, one sheet each
 *
 * Writes the reports to one workbook, each on a sheet laid out as paper.
 */
gboolean
suiji_form_xlsx_write_reports (SuijiFormReport *const *reports,
                               guint                   n_reports,
                               const char             *path,
                               GError                **error)
{
  lxw_workbook    *workbook;
  Formats          formats;
  g_autofree char *title = NULL;
  g_autofree char *subject = NULL;

  g_return_val_if_fail (n_reports > 0, FALSE);

  workbook = _suiji_xlsx_open (path, FALSE, error);
  if (workbook == NULL)
    return FALSE;

  title = g_strdup (suiji_form_report_get_layout (reports[0])->title);
  subject = g_strdup_printf ("%s %d年%d月", suiji_form_report_get_unit_name (reports[0]),
                             suiji_form_report_get_year (reports[0]),
                             suiji_form_report_get_month (reports[0]));
  workbook_set_properties (workbook,
                           &(lxw_doc_properties){
                               .title = title,
                               .subject = subject,
                               .company = (char *) suiji_form_report_get_unit_name (reports[0]),
                           });

  make_formats (workbook, &formats);
  for (guint i = 0; i < n_reports; i++)
    {
      g_autofree char *name = sheet_name (reports[i], i, n_reports);

      write_sheet (workbook, reports[i], name, &formats);
    }

  return _suiji_xlsx_close (workbook, path, error);
}

/**
 * suiji_form_xlsx_write:
 *
 * Writes one report as a workbook of one sheet.
 */
gboolean
suiji_form_xlsx_write (SuijiFormReport *report, const char *path, GError **error)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (report), FALSE);

  return suiji_form_xlsx_write_reports (&report, 1, path, error);
}
