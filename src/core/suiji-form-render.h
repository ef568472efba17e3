/* suiji-form-render.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "suiji-form-report.h"

G_BEGIN_DECLS

/* A4 landscape in points (1/72 inch). A print operation draws the page in
 * these units from the paper's top left corner (full page, points). */
#define SUIJI_FORM_PAGE_WIDTH  841.89
#define SUIJI_FORM_PAGE_HEIGHT 595.28
/* A round official seal is 42 mm across. */
#define SUIJI_FORM_SEAL_MM 42.0

typedef struct
{
  /* An electronic seal, a PNG with transparency; printed over the unit
   * name only when @show_seal is set. */
  cairo_surface_t *seal;
  gboolean         show_seal;
} SuijiFormRenderOptions;

void
suiji_form_render (SuijiFormReport *report, cairo_t *cr, const SuijiFormRenderOptions *options);
void
suiji_form_render_get_seal_area (SuijiFormReport *report, cairo_t *cr, cairo_rectangle_t *area);
cairo_surface_t *suiji_form_seal_load (const char *path, GError **error);
gboolean         suiji_form_render_pdf (SuijiFormReport              *report,
                                        const char                   *path,
                                        const SuijiFormRenderOptions *options,
                                        GError                      **error);

G_END_DECLS
