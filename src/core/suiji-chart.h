/* suiji-chart.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "suiji-progress.h"

G_BEGIN_DECLS

typedef enum
{
  SUIJI_CHART_TARGETS,     /* the three targets, year to date */
  SUIJI_CHART_TREND,       /* the cumulative shares month by month */
  SUIJI_CHART_DEPARTMENTS, /* each department's joint and credit-based shares */
  SUIJI_N_CHARTS,
} SuijiChartKind;

typedef struct
{
  gboolean dark;        /* light marks on a dark ground, for the screen in dark mode */
  gboolean transparent; /* leave the ground unpainted: a widget has its own */
  double   font_size;   /* of the body text, in user units; 0 picks one from the size */
} SuijiChartStyle;

/* A part of a drawn chart that stands for figures: a target's bar, a
 * point of the trend, a department's bar. */
typedef struct
{
  double      x, y, width, height;
  SuijiTarget target;
  guint       month;         /* 1 to 12 for a point of the trend, else 0 */
  gint64      department_id; /* for a bar of the department chart, else 0 */
} SuijiChartRegion;

/* The size the exports take when none is given: pixels for PNG, points
 * for SVG and PDF. */
#define SUIJI_CHART_PNG_WIDTH   1600
#define SUIJI_CHART_PNG_HEIGHT  1000
#define SUIJI_CHART_PAGE_WIDTH  800
#define SUIJI_CHART_PAGE_HEIGHT 500

gboolean    suiji_chart_kind_from_string (const char *text, SuijiChartKind *kind);
const char *suiji_chart_kind_to_string (SuijiChartKind kind);
const char *suiji_chart_kind_get_title (SuijiChartKind kind);

void                    suiji_chart_render (const SuijiProgress   *progress,
                                            SuijiChartKind         kind,
                                            cairo_t               *cr,
                                            double                 width,
                                            double                 height,
                                            const SuijiChartStyle *style,
                                            GArray                *regions);
void                    suiji_chart_render_target (const SuijiProgress   *progress,
                                                   SuijiTarget            target,
                                                   cairo_t               *cr,
                                                   double                 width,
                                                   double                 height,
                                                   const SuijiChartStyle *style,
                                                   GArray                *regions);
const SuijiChartRegion *suiji_chart_find_region (GArray *regions, double x, double y);

gboolean suiji_chart_export (const SuijiProgress   *progress,
                             SuijiChartKind         kind,
                             const char            *path,
                             double                 width,
                             double                 height,
                             const SuijiChartStyle *style,
                             GError               **error);

G_END_DECLS
