/* suiji-cairo-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <pango/pangocairo.h>

G_BEGIN_DECLS

PangoLayout *_suiji_cairo_text_layout (cairo_t *cr, const char *family, double size, gboolean bold);
gboolean     _suiji_cairo_pdf_close (cairo_t *cr, const char *path, GError **error);
void         _suiji_cairo_set_write_error (const char *path, const char *reason, GError **error);

G_END_DECLS
