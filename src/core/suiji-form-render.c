/* suiji-form-render.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawing of a monthly form onto any cairo_t, A4 landscape in points:
 * the print operation of the window and the PDF export share it. The page
 * is the paper of the plan: 附件 number, title in a bold heading face, the
 * subtitle, 单位名称（盖章） on the left with the space after it kept clear
 * for the stamp and 填表时间 on the right, the two-level header, the merged
 * platform and item cells, the figures, and the contact line.
 */

#define G_LOG_DOMAIN "suiji-form-render"

#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "suiji-cairo-private.h"
#include "suiji-form-render.h"

#define PT_PER_MM (72.0 / 25.4)

/* SimSun and SimHei where they are installed (Windows fonts), else the
 * Noto CJK faces fontconfig also picks for those names. */
#define BODY_FONT    "SimSun,宋体,Noto Serif CJK SC,serif"
#define HEADING_FONT "SimHei,黑体,Noto Sans CJK SC,sans-serif"

#define LINE_WIDTH     0.75
#define CELL_PADDING   3.0
#define HEADING_HEIGHT 24.0
#define COLUMNS_HEIGHT 38.0
#define MIN_ROW_HEIGHT 22.0
#define MAX_ROW_HEIGHT 40.0
#define FOOTER_HEIGHT  30.0
/* The unit name may be short or blank; the stamp needs this much room. */
#define MIN_STAMP_WIDTH (SUIJI_FORM_SEAL_MM * PT_PER_MM)

typedef struct
{
  double left, top, width;
  double columns[SUIJI_FORM_PAPER_COLUMNS + 1]; /* x of each column edge */
  double attachment_y, title_y, subtitle_y, unit_y, unit_height;
  double table_y, row_height, footer_y;
} Geometry;

static double
text_width (PangoLayout *layout, const char *text)
{
  int width;

  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, &width, NULL);
  return (double) width / PANGO_SCALE;
}

/* Height of @text wrapped to @width. */
static double
text_height (PangoLayout *layout, const char *text, double width)
{
  int height;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
show_text (cairo_t       *cr,
           PangoLayout   *layout,
           const char    *text,
           double         x,
           double         y,
           double         width,
           PangoAlignment alignment)
{
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* A cell of the table: its border, and its text centred both ways. */
static void
show_cell (
    cairo_t *cr, PangoLayout *layout, const char *text, double x0, double y0, double x1, double y1)
{
  double inner = x1 - x0 - 2 * CELL_PADDING;

  cairo_rectangle (cr, x0, y0, x1 - x0, y1 - y0);
  cairo_stroke (cr);

  if (text == NULL || *text == '\0')
    return;

  show_text (cr, layout, text, x0 + CELL_PADDING,
             y0 + ((y1 - y0) - text_height (layout, text, inner)) / 2, inner, PANGO_ALIGN_CENTER);
}

static void
measure (SuijiFormReport *report, cairo_t *cr, Geometry *geometry)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (report);
  const double          *widths = suiji_form_layout_get_paper_widths ();
  g_autoptr (PangoLayout) body = _suiji_cairo_text_layout (cr, BODY_FONT, 10.5, FALSE);
  double total = 0;
  double bottom, available;

  geometry->left = SUIJI_FORM_MARGIN_LEFT_MM * PT_PER_MM;
  geometry->top = SUIJI_FORM_MARGIN_TOP_MM * PT_PER_MM;
  geometry->width = SUIJI_FORM_PAGE_WIDTH - geometry->left - SUIJI_FORM_MARGIN_RIGHT_MM * PT_PER_MM;

  for (guint c = 0; c < SUIJI_FORM_PAPER_COLUMNS; c++)
    total += widths[c];
  geometry->columns[0] = geometry->left;
  for (guint c = 0; c < SUIJI_FORM_PAPER_COLUMNS; c++)
    geometry->columns[c + 1] = geometry->columns[c] + geometry->width * widths[c] / total;

  geometry->attachment_y = geometry->top;
  geometry->title_y = geometry->attachment_y + 20;
  geometry->subtitle_y = geometry->title_y + 32;
  geometry->unit_y = geometry->subtitle_y + 26;
  geometry->unit_height = 20;
  geometry->table_y = geometry->unit_y + geometry->unit_height + 6;

  /* The rows share what the page leaves them, and grow where an item's
   * label needs more lines than its rows give it. */
  bottom = SUIJI_FORM_PAGE_HEIGHT - SUIJI_FORM_MARGIN_BOTTOM_MM * PT_PER_MM - FOOTER_HEIGHT;
  available = bottom - geometry->table_y - HEADING_HEIGHT - COLUMNS_HEIGHT;
  geometry->row_height = CLAMP (available / layout->n_rows, MIN_ROW_HEIGHT, MAX_ROW_HEIGHT);
  for (guint r = 0; r < layout->n_rows; r++)
    {
      const SuijiFormRow *row = &layout->rows[r];
      double              x1 = geometry->columns[row->sub_item != NULL ? 2 : 3];
      double              needed;

      if (row->item_rows == 0)
        continue;
      needed = text_height (body, row->item, x1 - geometry->columns[1] - 2 * CELL_PADDING) +
               2 * CELL_PADDING;
      geometry->row_height = MAX (geometry->row_height, needed / row->item_rows);
    }

  geometry->footer_y = geometry->table_y + HEADING_HEIGHT + COLUMNS_HEIGHT +
                       layout->n_rows * geometry->row_height + 8;
}

static void
draw_table (SuijiFormReport *report, cairo_t *cr, const Geometry *g)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (report);
  /* The header in the heading face, as official tables set it; one face
   * fewer to embed also keeps the PDF quick to write. */
  g_autoptr (PangoLayout) heading = _suiji_cairo_text_layout (cr, HEADING_FONT, 11, FALSE);
  g_autoptr (PangoLayout) body = _suiji_cairo_text_layout (cr, BODY_FONT, 10.5, FALSE);
  g_autoptr (PangoLayout) figures = _suiji_cairo_text_layout (cr, BODY_FONT, 11, FALSE);
  const double *x = g->columns;
  double        y0 = g->table_y;
  double        y1 = y0 + HEADING_HEIGHT;
  double        y2 = y1 + COLUMNS_HEIGHT;

  cairo_set_line_width (cr, LINE_WIDTH);

  /* The two-level header. */
  show_cell (cr, heading, layout->platform_heading, x[0], y0, x[1], y2);
  show_cell (cr, heading, layout->item_heading, x[1], y0, x[3], y2);
  show_cell (cr, heading, layout->data_heading, x[3], y0, x[7], y1);
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    show_cell (cr, heading, layout->column_headings[c], x[3 + c], y1, x[4 + c], y2);

  for (guint p = 0; p < layout->n_platforms; p++)
    {
      const SuijiFormPlatform *platform = &layout->platforms[p];
      double                   top = y2 + (platform->first_row - 1) * g->row_height;

      show_cell (cr, body, platform->label, x[0], top, x[1],
                 top + platform->n_rows * g->row_height);
    }

  for (guint r = 1; r <= layout->n_rows; r++)
    {
      const SuijiFormRow *row = &layout->rows[r - 1];
      double              top = y2 + (r - 1) * g->row_height;
      double              bottom = top + g->row_height;

      if (row->item_rows > 0)
        show_cell (cr, body, row->item, x[1], top, x[row->sub_item != NULL ? 2 : 3],
                   top + row->item_rows * g->row_height);
      if (row->sub_item != NULL)
        show_cell (cr, body, row->sub_item, x[2], top, x[3], bottom);

      for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
        {
          g_autofree char *text = NULL;
          gint64           value;

          if (suiji_form_report_get_value (report, r, c, &value))
            text = g_strdup_printf ("%" G_GINT64_FORMAT, value);
          show_cell (cr, figures, text, x[3 + c], top, x[4 + c], bottom);
        }
    }
}

static void
seal_area (SuijiFormReport   *report,
           cairo_t           *cr,
           const Geometry    *g,
           double             seal_aspect,
           cairo_rectangle_t *area)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (report);
  g_autoptr (PangoLayout) text = _suiji_cairo_text_layout (cr, BODY_FONT, 12, FALSE);
  double label_width = text_width (text, layout->unit_label);
  double name_width = text_width (text, suiji_form_report_get_unit_name (report));
  double centre_x = g->left + label_width + MAX (name_width, MIN_STAMP_WIDTH) / 2;

  area->width = SUIJI_FORM_SEAL_MM * PT_PER_MM;
  area->height = area->width * seal_aspect;
  area->x = centre_x - area->width / 2;
  area->y = g->unit_y + g->unit_height / 2 - area->height / 2;
}

/**
 * suiji_form_render_get_seal_area:
 * @area: (out): where a round seal 42 mm across goes, in page points
 *
 * The stamp goes over the unit name after 单位名称（盖章）：; nothing else
 * is drawn on that part of the line.
 */
void
suiji_form_render_get_seal_area (SuijiFormReport *report, cairo_t *cr, cairo_rectangle_t *area)
{
  Geometry geometry;

  g_return_if_fail (SUIJI_IS_FORM_REPORT (report));

  measure (report, cr, &geometry);
  seal_area (report, cr, &geometry, 1.0, area);
}

static void
draw_seal (SuijiFormReport *report, cairo_t *cr, const Geometry *g, cairo_surface_t *seal)
{
  int               width = cairo_image_surface_get_width (seal);
  int               height = cairo_image_surface_get_height (seal);
  cairo_rectangle_t area;

  if (width <= 0 || height <= 0)
    return;

  seal_area (report, cr, g, (double) height / width, &area);
  cairo_save (cr);
  cairo_translate (cr, area.x, area.y);
  cairo_scale (cr, area.width / width, area.height / height);
  cairo_set_source_surface (cr, seal, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
  cairo_paint (cr);
  cairo_restore (cr);
}

/**
 * suiji_form_render:
 * @options: (nullable): the seal; %NULL draws none
 *
 * Draws the report as the paper form onto @cr, A4 landscape in points
 * from the top left corner of the page.
 */
void
suiji_form_render (SuijiFormReport *report, cairo_t *cr, const SuijiFormRenderOptions *options)
{
  const SuijiFormLayout *layout;
  g_autoptr (PangoLayout) attachment = NULL;
  g_autoptr (PangoLayout) title = NULL;
  g_autoptr (PangoLayout) line = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *date = NULL;
  Geometry         g;
  double           third;

  g_return_if_fail (SUIJI_IS_FORM_REPORT (report));
  g_return_if_fail (cr != NULL);

  layout = suiji_form_report_get_layout (report);
  measure (report, cr, &g);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);

  attachment = _suiji_cairo_text_layout (cr, HEADING_FONT, 12, FALSE);
  show_text (cr, attachment, layout->attachment, g.left, g.attachment_y, -1, PANGO_ALIGN_LEFT);

  title = _suiji_cairo_text_layout (cr, HEADING_FONT, 20, TRUE);
  show_text (cr, title, layout->title, g.left, g.title_y, g.width, PANGO_ALIGN_CENTER);

  line = _suiji_cairo_text_layout (cr, BODY_FONT, 13, FALSE);
  show_text (cr, line, layout->subtitle, g.left, g.subtitle_y, g.width, PANGO_ALIGN_CENTER);

  g_clear_object (&line);
  line = _suiji_cairo_text_layout (cr, BODY_FONT, 12, FALSE);
  unit = g_strconcat (layout->unit_label, suiji_form_report_get_unit_name (report), NULL);
  show_text (cr, line, unit, g.left, g.unit_y, -1, PANGO_ALIGN_LEFT);
  date_text = suiji_form_report_dup_date_text (report);
  date = g_strconcat (layout->date_label, date_text, NULL);
  /* The blank 年 月 日 is written by hand: its spaces printed as wide as
   * Word prints them in 宋体 (half an em), not as the narrow spaces of the
   * CJK fonts here. */
  {
    g_auto (GStrv) parts = g_strsplit (date, " ", -1);

    g_free (date);
    date = g_strjoinv ("\xe2\x80\x82", parts); /* U+2002 EN SPACE */
  }
  show_text (cr, line, date, g.left, g.unit_y, g.width, PANGO_ALIGN_RIGHT);

  draw_table (report, cr, &g);

  /* 联系人, 联系电话 and 手机 spread over the line as on the paper. */
  third = g.width / 3;
  {
    const char *labels[] = { layout->contact_label, layout->phone_label, layout->mobile_label };
    const char *values[] = { suiji_form_report_get_contact_person (report),
                             suiji_form_report_get_contact_phone (report),
                             suiji_form_report_get_mobile (report) };

    for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
      {
        g_autofree char *text = g_strconcat (labels[i], values[i], NULL);

        show_text (cr, line, text, g.left + i * third, g.footer_y, third, PANGO_ALIGN_LEFT);
      }
  }

  if (options != NULL && options->show_seal && options->seal != NULL)
    draw_seal (report, cr, &g, options->seal);

  cairo_restore (cr);
}

/**
 * suiji_form_seal_load:
 * @path: a PNG file, best with a transparent background
 *
 * Returns: (transfer full): the seal image, or %NULL with @error set
 */
cairo_surface_t *
suiji_form_seal_load (const char *path, GError **error)
{
  cairo_surface_t *seal = cairo_image_surface_create_from_png (path);
  cairo_status_t   status = cairo_surface_status (seal);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *display = g_filename_display_name (path);

      cairo_surface_destroy (seal);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("Could not read the seal image “%s” (%s); choose a PNG file."), display,
                   cairo_status_to_string (status));
      return NULL;
    }

  return seal;
}

/**
 * suiji_form_render_pdf:
 * @options: (nullable): the seal
 *
 * Writes the report as a one-page A4 landscape PDF, titled as the form.
 */
gboolean
suiji_form_render_pdf (SuijiFormReport              *report,
                       const char                   *path,
                       const SuijiFormRenderOptions *options,
                       GError                      **error)
{
  const SuijiFormLayout *layout;
  cairo_surface_t       *surface;
  cairo_t               *cr;
  g_autofree char       *subject = NULL;

  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (report), FALSE);

  layout = suiji_form_report_get_layout (report);
  surface = cairo_pdf_surface_create (path, SUIJI_FORM_PAGE_WIDTH, SUIJI_FORM_PAGE_HEIGHT);
  subject =
      g_strdup_printf ("%s %d年%d月", suiji_form_report_get_unit_name (report),
                       suiji_form_report_get_year (report), suiji_form_report_get_month (report));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, layout->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, subject);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Suiji");

  cr = cairo_create (surface);
  cairo_surface_destroy (surface);
  suiji_form_render (report, cr, options);
  return _suiji_cairo_pdf_close (cr, path, error);
}
