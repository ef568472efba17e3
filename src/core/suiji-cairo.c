/* suiji-cairo.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the printed documents share: Chinese text set with Simplified
 * Chinese glyphs, and PDF files finished with the same words for the same
 * failures.
 */

#define G_LOG_DOMAIN "suiji-cairo"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "suiji-cairo-private.h"

/**
 * _suiji_cairo_text_layout:
 * @family: a font family, or a comma-separated list of them
 * @size: in points (user units of @cr)
 *
 * Returns: (transfer full): a layout for @cr that wraps at any character
 *   and takes the zh-cn forms of the glyphs
 */
PangoLayout *
_suiji_cairo_text_layout (cairo_t *cr, const char *family, double size, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_new ();

  /* Without a Chinese locale pango would take the Japanese forms of the
   * same CJK fonts. */
  pango_context_set_language (pango_layout_get_context (layout),
                              pango_language_from_string ("zh-cn"));
  pango_font_description_set_family (font, family);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

/**
 * _suiji_cairo_pdf_close:
 * @cr: (transfer full): drawing on a PDF surface written to @path
 *
 * Ends the last page, destroys @cr and finishes the file (PDF or SVG).
 *
 * Returns: %FALSE with @error set when the file could not be written
 */
gboolean
_suiji_cairo_pdf_close (cairo_t *cr, const char *path, GError **error)
{
  cairo_surface_t *surface = cairo_surface_reference (cairo_get_target (cr));
  cairo_status_t   status;

  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      _suiji_cairo_set_write_error (path, cairo_status_to_string (status), error);
      return FALSE;
    }

  return TRUE;
}

/**
 * _suiji_cairo_set_write_error:
 * @reason: what went wrong, as cairo or GLib says it
 *
 * Sets @error to the words every drawn document uses when its file could
 * not be written.
 */
void
_suiji_cairo_set_write_error (const char *path, const char *reason, GError **error)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
               _("Could not write “%s”: %s. Choose another folder."), display, reason);
}
