/* suiji-form-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A monthly form to a file, in the format its name ends with: .xlsx and
 * .pdf laid out as the paper, .csv and .json as plain data for scripts and
 * other programs.
 */

#define G_LOG_DOMAIN "suiji-form-export"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "suiji-form-export.h"
#include "suiji-form-xlsx.h"

/* The UTF-8 byte order mark: WPS and Excel on Chinese Windows read a CSV
 * without it as GBK. */
#define UTF8_BOM "\xEF\xBB\xBF"

static void
append_csv_field (GString *out, const char *text)
{
  if (strpbrk (text, ",\"\r\n") == NULL)
    {
      g_string_append (out, text);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/**
 * suiji_form_report_to_csv:
 *
 * Returns: (transfer full): one line per row of the form, with its row
 *   number, platform, item and sub-item spelt out on every line (no
 *   merges), then the four figures; blank where there is none
 */
char *
suiji_form_report_to_csv (SuijiFormReport *report)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (report);
  GString               *out = g_string_new (UTF8_BOM "行,");

  g_string_append_printf (out, "%s,%s,子项", layout->platform_heading, layout->item_heading);
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    g_string_append_printf (out, ",%s", suiji_form_column_label (c));
  g_string_append (out, "\r\n");

  for (guint r = 1; r <= layout->n_rows; r++)
    {
      const SuijiFormRow *row = &layout->rows[r - 1];

      g_string_append_printf (out, "%u,", r);
      append_csv_field (out, layout->platforms[row->platform].label);
      g_string_append_c (out, ',');
      append_csv_field (out, row->item);
      g_string_append_c (out, ',');
      append_csv_field (out, row->sub_item != NULL ? row->sub_item : "");
      for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
        {
          gint64 value;

          g_string_append_c (out, ',');
          if (suiji_form_report_get_value (report, r, c, &value))
            g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
        }
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

static void
add_string (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/**
 * suiji_form_report_to_json:
 *
 * Returns: (transfer full): the report with every label, figure and the
 *   source of each figure (empty, typed, filled or computed)
 */
char *
suiji_form_report_to_json (SuijiFormReport *report)
{
  static const char *const sources[] = { "empty", "typed", "filled", "computed" };
  const SuijiFormLayout   *layout = suiji_form_report_get_layout (report);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  char  fill_date[16] = "";
  GDate date;

  if (suiji_form_report_get_fill_date (report, &date))
    g_date_strftime (fill_date, sizeof fill_date, "%Y-%m-%d", &date);

  json_builder_begin_object (builder);
  add_int (builder, "form", layout->kind);
  add_string (builder, "attachment", layout->attachment);
  add_string (builder, "title", layout->title);
  add_string (builder, "subtitle", layout->subtitle);
  add_int (builder, "year", suiji_form_report_get_year (report));
  add_int (builder, "month", suiji_form_report_get_month (report));
  add_string (builder, "unit", suiji_form_report_get_unit_name (report));
  add_string (builder, "status",
              suiji_form_status_to_string (suiji_form_report_get_status (report)));
  add_int (builder, "revision", suiji_form_report_get_revision (report));
  add_string (builder, "saved_at", suiji_form_report_get_saved_at (report));
  add_string (builder, "fill_date", *fill_date != '\0' ? fill_date : NULL);
  add_string (builder, "contact_person", suiji_form_report_get_contact_person (report));
  add_string (builder, "contact_phone", suiji_form_report_get_contact_phone (report));
  add_string (builder, "mobile", suiji_form_report_get_mobile (report));

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    json_builder_add_string_value (builder, suiji_form_column_label (c));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 1; r <= layout->n_rows; r++)
    {
      const SuijiFormRow *row = &layout->rows[r - 1];

      json_builder_begin_object (builder);
      add_int (builder, "row", r);
      add_string (builder, "platform", layout->platforms[row->platform].label);
      add_string (builder, "item", row->item);
      add_string (builder, "sub_item", row->sub_item);
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
        {
          gint64 value;

          if (suiji_form_report_get_value (report, r, c, &value))
            json_builder_add_int_value (builder, value);
          else
            json_builder_add_null_value (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "sources");
      json_builder_begin_array (builder);
      for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
        json_builder_add_string_value (builder,
                                       sources[suiji_form_report_get_source (report, r, c)]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
write_text (const char *path, char *text, GError **error)
{
  g_autofree char *owned = text;
  g_autoptr (GError) local_error = NULL;

  if (!g_file_set_contents (path, owned, -1, &local_error))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s. Choose another folder."), display,
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

/**
 * suiji_form_export:
 * @path: a file ending in .xlsx, .pdf, .csv or .json
 * @options: (nullable): the seal, for .pdf
 *
 * Writes the report in the format the file name says. An unknown ending
 * is %G_IO_ERROR_INVALID_ARGUMENT; a failure to write, %G_IO_ERROR_FAILED.
 */
gboolean
suiji_form_export (SuijiFormReport              *report,
                   const char                   *path,
                   const SuijiFormRenderOptions *options,
                   GError                      **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".xlsx"))
    return suiji_form_xlsx_write (report, path, error);
  if (g_str_has_suffix (lower, ".pdf"))
    return suiji_form_render_pdf (report, path, options, error);
  if (g_str_has_suffix (lower, ".csv"))
    return write_text (path, suiji_form_report_to_csv (report), error);
  if (g_str_has_suffix (lower, ".json"))
    return write_text (path, suiji_form_report_to_json (report), error);

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("The form is written as .xlsx, .pdf, .csv or .json; name the file with "
                          "one of these endings."));
  return FALSE;
}
