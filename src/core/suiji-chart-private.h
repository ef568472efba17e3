/* suiji-chart-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-chart.h"

G_BEGIN_DECLS

/* A text as a chart drew it, for the text layer of an SVG file. */
typedef struct
{
  char  *text;
  double x, y; /* the start of its baseline, device units */
  double size;
} SuijiChartLabel;

GArray *_suiji_chart_labels_new (void);
void    _suiji_chart_label_clear (SuijiChartLabel *label);
void    _suiji_chart_render_with_labels (const SuijiProgress   *progress,
                                         SuijiChartKind         kind,
                                         cairo_t               *cr,
                                         double                 width,
                                         double                 height,
                                         const SuijiChartStyle *style,
                                         GArray                *regions,
                                         GArray                *labels);

G_END_DECLS
