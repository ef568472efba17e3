/* suiji-chart.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The progress charts, drawn onto any cairo_t at any size: the window,
 * PNG, SVG, PDF and the summary report share this code. Everything is
 * measured from one body font size, so a chart scales as a whole and stays
 * sharp. No figure is told by colour alone: the state of a target has its
 * own fill pattern, symbol and word, the series of the trend their own
 * markers and dashes, the two bars of a department their own fills, and
 * every bar its number. The colours are the Okabe–Ito ones, which people
 * with the usual colour-vision deficiencies tell apart; a dark variant
 * keeps them readable on a dark screen.
 */

#define G_LOG_DOMAIN "suiji-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "suiji-cairo-private.h"
#include "suiji-chart-private.h"
#include "suiji-chart.h"
#include "suiji-format.h"

#define CHART_FONT "Noto Sans CJK SC,Source Han Sans SC,Microsoft YaHei,sans-serif"

typedef struct
{
  double r, g, b;
} Colour;

typedef struct
{
  Colour ground;
  Colour ink;
  Colour dim;
  Colour grid;
  Colour track;
  Colour states[4]; /* by SuijiTargetState */
  Colour series[SUIJI_N_TARGETS];
} Palette;

#define RGB(hex)                                                                                   \
  {                                                                                                \
    ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) &0xff) / 255.0               \
  }

static const Palette light_palette = {
  .ground = RGB (0xffffff),
  .ink = RGB (0x1c1c1c),
  .dim = RGB (0x5c5c5c),
  .grid = RGB (0xcfcfcf),
  .track = RGB (0xebebeb),
  .states = { RGB (0x8c8c8c), RGB (0x009e73), RGB (0xe69f00), RGB (0xd55e00) },
  .series = { RGB (0x0072b2), RGB (0xd55e00), RGB (0x009e73) },
};

static const Palette dark_palette = {
  .ground = RGB (0x1e1e1e),
  .ink = RGB (0xf2f2f2),
  .dim = RGB (0xababab),
  .grid = RGB (0x4a4a4a),
  .track = RGB (0x333333),
  .states = { RGB (0x8c8c8c), RGB (0x33c49a), RGB (0xf5b83d), RGB (0xff8b4d) },
  .series = { RGB (0x56b4e9), RGB (0xff8b4d), RGB (0x33c49a) },
};

typedef enum
{
  FILL_SOLID,
  FILL_STRIPES, /* one set of diagonal lines over a tint */
  FILL_CROSS,   /* both diagonals over a tint */
  FILL_NONE,
} Fill;

/* The fill of a target's bar tells its state without colour. */
static const Fill state_fills[] = { FILL_NONE, FILL_SOLID, FILL_STRIPES, FILL_CROSS };

typedef enum
{
  MARKER_CIRCLE,
  MARKER_SQUARE,
  MARKER_TRIANGLE,
} Marker;

#define N_LAYOUTS 8

typedef struct
{
  cairo_t       *cr;
  const Palette *palette;
  double         f; /* the body font size: every length is a multiple of it */
  GArray        *regions;
  GArray        *labels; /* SuijiChartLabel, or NULL */
  struct
  {
    double       size;
    gboolean     bold;
    PangoLayout *layout;
  } layouts[N_LAYOUTS];
} Painter;

static void
painter_init (Painter               *p,
              cairo_t               *cr,
              double                 width,
              double                 height,
              const SuijiChartStyle *style,
              GArray                *regions,
              GArray                *labels)
{
  memset (p, 0, sizeof *p);
  p->cr = cr;
  p->palette = style != NULL && style->dark ? &dark_palette : &light_palette;
  p->regions = regions;
  p->labels = labels;
  if (style != NULL && style->font_size > 0)
    p->f = style->font_size;
  else
    p->f = CLAMP (MIN (width / 56, height / 34), 7, 48);
}

static void
painter_clear (Painter *p)
{
  for (guint i = 0; i < N_LAYOUTS; i++)
    g_clear_object (&p->layouts[i].layout);
}

/* A layout per size and weight, kept for the chart: making one costs more
 * than setting its text. */
static PangoLayout *
get_layout (Painter *p, double scale, gboolean bold)
{
  double size = p->f * scale;
  guint  i;

  for (i = 0; i < N_LAYOUTS && p->layouts[i].layout != NULL; i++)
    if (p->layouts[i].size == size && p->layouts[i].bold == bold)
      return p->layouts[i].layout;

  if (i == N_LAYOUTS)
    {
      g_clear_object (&p->layouts[0].layout);
      i = 0;
    }

  p->layouts[i].size = size;
  p->layouts[i].bold = bold;
  p->layouts[i].layout = _suiji_cairo_text_layout (p->cr, CHART_FONT, size, bold);
  pango_layout_set_wrap (p->layouts[i].layout, PANGO_WRAP_WORD_CHAR);
  return p->layouts[i].layout;
}

static void
set_colour (Painter *p, const Colour *colour, double alpha)
{
  cairo_set_source_rgba (p->cr, colour->r, colour->g, colour->b, alpha);
}

typedef struct
{
  double   scale; /* of the body size */
  gboolean bold;
  double   max_width; /* wrap (or, with ellipsize, cut) at this width; 0: one line */
  gboolean ellipsize;
  double   align;  /* 0 left, 0.5 centre, 1 right of x */
  double   valign; /* 0 top, 0.5 middle, 1 bottom of y */
} TextOptions;

static PangoLayout *
prepare_text (Painter *p, const char *text, const TextOptions *options)
{
  PangoLayout *layout = get_layout (p, options->scale, options->bold);

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout,
                          options->max_width > 0 ? (int) (options->max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout,
                              options->ellipsize ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  if (options->ellipsize)
    pango_layout_set_height (layout, -1);
  pango_layout_set_alignment (layout, options->align >= 1.0 ? PANGO_ALIGN_RIGHT
                                      : options->align > 0  ? PANGO_ALIGN_CENTER
                                                            : PANGO_ALIGN_LEFT);
  return layout;
}

static void
measure_text (
    Painter *p, const char *text, const TextOptions *options, double *width, double *height)
{
  PangoLayout   *layout = prepare_text (p, text, options);
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width;
  if (height != NULL)
    *height = logical.height;
}

static double
text_width (Painter *p, const char *text, double scale, gboolean bold)
{
  TextOptions options = { .scale = scale, .bold = bold };
  double      width;

  measure_text (p, text, &options, &width, NULL);
  return width;
}

static double
line_height (Painter *p, double scale, gboolean bold)
{
  TextOptions options = { .scale = scale, .bold = bold };
  double      height;

  measure_text (p, "0", &options, NULL, &height);
  return height;
}

/* Shows @text anchored at (@x, @y) and returns its height. */
static double
show_text (Painter           *p,
           const char        *text,
           double             x,
           double             y,
           const Colour      *colour,
           const TextOptions *options)
{
  PangoLayout   *layout = prepare_text (p, text, options);
  PangoRectangle logical;
  double         box_width, left, top;

  pango_layout_get_extents (layout, NULL, &logical);
  /* A layout with a width aligns inside that width; one without is only
   * as wide as its text. */
  box_width = options->max_width > 0 ? options->max_width : logical.width / (double) PANGO_SCALE;
  left = x - box_width * options->align;
  top = y - (logical.height / (double) PANGO_SCALE) * options->valign;

  set_colour (p, colour, 1.0);
  cairo_move_to (p->cr, left, top);
  pango_cairo_show_layout (p->cr, layout);

  if (p->labels != NULL)
    {
      SuijiChartLabel label = {
        .text = g_strdup (text),
        .x = left + logical.x / (double) PANGO_SCALE,
        .y = top + pango_layout_get_baseline (layout) / (double) PANGO_SCALE,
        .size = p->f * options->scale,
      };
      double x_user = label.x, y_user = label.y;

      cairo_user_to_device (p->cr, &x_user, &y_user);
      label.x = x_user;
      label.y = y_user;
      g_array_append_val (p->labels, label);
    }

  return logical.height / (double) PANGO_SCALE;
}

static void
add_region (Painter    *p,
            double      x,
            double      y,
            double      width,
            double      height,
            SuijiTarget target,
            guint       month,
            gint64      department_id)
{
  SuijiChartRegion region = { x, y, width, height, target, month, department_id };

  if (p->regions != NULL)
    g_array_append_val (p->regions, region);
}

/* Fills a rectangle with a colour in one of the patterns. The lines are
 * drawn, not tiled from an image, so that they stay sharp in SVG and PDF. */
static void
fill_rect (
    Painter *p, double x, double y, double width, double height, const Colour *colour, Fill fill)
{
  cairo_t *cr = p->cr;
  double   spacing = p->f * 0.55;

  if (width <= 0 || height <= 0 || fill == FILL_NONE)
    return;

  if (fill == FILL_SOLID)
    {
      set_colour (p, colour, 1.0);
      cairo_rectangle (cr, x, y, width, height);
      cairo_fill (cr);
      return;
    }

  cairo_save (cr);
  cairo_rectangle (cr, x, y, width, height);
  cairo_clip (cr);
  set_colour (p, colour, 0.3);
  cairo_paint (cr);
  set_colour (p, colour, 1.0);
  cairo_set_line_width (cr, p->f * 0.16);
  for (double d = -height; d < width + height; d += spacing)
    {
      cairo_move_to (cr, x + d, y + height);
      cairo_line_to (cr, x + d + height, y);
      if (fill == FILL_CROSS)
        {
          cairo_move_to (cr, x + d, y);
          cairo_line_to (cr, x + d + height, y + height);
        }
    }
  cairo_stroke (cr);
  cairo_restore (cr);

  /* An outline keeps a patterned bar's end where it is. */
  set_colour (p, colour, 1.0);
  cairo_set_line_width (cr, p->f * 0.1);
  cairo_rectangle (cr, x + p->f * 0.05, y + p->f * 0.05, width - p->f * 0.1, height - p->f * 0.1);
  cairo_stroke (cr);
}

static void
stroke_line (Painter      *p,
             double        x0,
             double        y0,
             double        x1,
             double        y1,
             const Colour *colour,
             double        width,
             double        dash)
{
  cairo_t *cr = p->cr;

  cairo_save (cr);
  set_colour (p, colour, 1.0);
  cairo_set_line_width (cr, width);
  if (dash > 0)
    {
      double dashes[] = { dash, dash * 0.6 };

      cairo_set_dash (cr, dashes, 2, 0);
    }
  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_marker (Painter *p, Marker marker, double x, double y, double size, const Colour *colour)
{
  cairo_t *cr = p->cr;
  double   r = size / 2;

  /* Text leaves a current point, which an arc would join with a line. */
  cairo_new_path (cr);
  switch (marker)
    {
    case MARKER_CIRCLE:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case MARKER_SQUARE:
      cairo_rectangle (cr, x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8);
      break;
    case MARKER_TRIANGLE:
    default:
      cairo_move_to (cr, x, y - r * 1.15);
      cairo_line_to (cr, x + r * 1.1, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.1, y + r * 0.8);
      cairo_close_path (cr);
      break;
    }

  set_colour (p, colour, 1.0);
  cairo_fill_preserve (cr);
  /* A ring of the ground colour lifts the marker off the lines under it. */
  set_colour (p, &p->palette->ground, 1.0);
  cairo_set_line_width (cr, size * 0.15);
  cairo_stroke (cr);
}

/* The symbol of a state, drawn as a path: a tick, an exclamation mark in a
 * triangle, a cross, a dash. */
static void
draw_state_symbol (Painter *p, SuijiTargetState state, double x, double y, double size)
{
  cairo_t      *cr = p->cr;
  const Colour *colour = &p->palette->states[state];
  double        s = size;

  cairo_save (cr);
  cairo_new_path (cr);
  cairo_translate (cr, x, y);
  set_colour (p, colour, 1.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  switch (state)
    {
    case SUIJI_TARGET_MET:
      cairo_arc (cr, s / 2, s / 2, s / 2, 0, 2 * G_PI);
      cairo_fill (cr);
      set_colour (p, &p->palette->ground, 1.0);
      cairo_set_line_width (cr, s * 0.14);
      cairo_move_to (cr, s * 0.27, s * 0.52);
      cairo_line_to (cr, s * 0.44, s * 0.69);
      cairo_line_to (cr, s * 0.74, s * 0.34);
      cairo_stroke (cr);
      break;
    case SUIJI_TARGET_AT_RISK:
      cairo_move_to (cr, s / 2, s * 0.02);
      cairo_line_to (cr, s, s * 0.94);
      cairo_line_to (cr, 0, s * 0.94);
      cairo_close_path (cr);
      cairo_fill (cr);
      set_colour (p, &p->palette->ground, 1.0);
      cairo_set_line_width (cr, s * 0.13);
      cairo_move_to (cr, s / 2, s * 0.35);
      cairo_line_to (cr, s / 2, s * 0.6);
      cairo_stroke (cr);
      cairo_arc (cr, s / 2, s * 0.78, s * 0.07, 0, 2 * G_PI);
      cairo_fill (cr);
      break;
    case SUIJI_TARGET_MISSED:
      cairo_rectangle (cr, 0, 0, s, s);
      cairo_fill (cr);
      set_colour (p, &p->palette->ground, 1.0);
      cairo_set_line_width (cr, s * 0.14);
      cairo_move_to (cr, s * 0.28, s * 0.28);
      cairo_line_to (cr, s * 0.72, s * 0.72);
      cairo_move_to (cr, s * 0.72, s * 0.28);
      cairo_line_to (cr, s * 0.28, s * 0.72);
      cairo_stroke (cr);
      break;
    case SUIJI_TARGET_NO_DATA:
    default:
      cairo_set_line_width (cr, s * 0.14);
      cairo_arc (cr, s / 2, s / 2, s * 0.43, 0, 2 * G_PI);
      cairo_stroke (cr);
      cairo_move_to (cr, s * 0.3, s / 2);
      cairo_line_to (cr, s * 0.7, s / 2);
      cairo_stroke (cr);
      break;
    }

  cairo_restore (cr);
}

static void
paint_ground (Painter *p, const SuijiChartStyle *style, double width, double height)
{
  if (style != NULL && style->transparent)
    return;

  set_colour (p, &p->palette->ground, 1.0);
  cairo_rectangle (p->cr, 0, 0, width, height);
  cairo_fill (p->cr);
}

/* The title and the line under it, which names the unit and the period;
 * returns the height they take. */
static double
draw_heading (
    Painter *p, const SuijiProgress *progress, const char *title, double x, double y, double width)
{
  TextOptions      title_options = { .scale = 1.25, .bold = TRUE, .max_width = width };
  TextOptions      subtitle_options = { .scale = 0.85, .max_width = width };
  g_autofree char *until = NULL;
  g_autofree char *subtitle = NULL;
  GDate            day;
  double           height;

  suiji_date_parse_iso (progress->until, &day);
  until = suiji_progress_format_date (&day);
  /* Translators: the unit's name, then the last day the figures count */
  subtitle = g_strdup_printf (_("%s · from January 1 to %s"), progress->unit_name, until);

  height = show_text (p, title, x, y, &p->palette->ink, &title_options);
  height += show_text (p, subtitle, x, y + height, &p->palette->dim, &subtitle_options);
  return height;
}

/* One target */

static double
percent_x (double x, double width, int bp)
{
  return x + width * CLAMP (bp, 0, 10000) / 10000.0;
}

/* The state in words after its symbol, the pair ending at @right (or
 * starting at @left when @right is 0), centred on @middle. */
static double
draw_state_badge (Painter *p, SuijiTargetState state, double left, double right, double middle)
{
  const char *label = suiji_target_state_get_label (state);
  TextOptions options = { .scale = 1.0, .bold = TRUE, .valign = 0.5 };
  double      symbol = p->f * 1.2;
  double      label_w = text_width (p, label, options.scale, TRUE);
  double      width = symbol + p->f * 0.35 + label_w;
  double      x = right > 0 ? right - width : left;

  draw_state_symbol (p, state, x, middle - symbol / 2, symbol);
  show_text (p, label, x + symbol + p->f * 0.35, middle, &p->palette->states[state], &options);
  return width;
}

static double
bar_block_height (Painter *p)
{
  return 2 * line_height (p, 0.8, FALSE) + p->f * (0.3 + 1.5 + 0.3);
}

/* The target's mark over the bar, the bar filled to the share in the
 * state's pattern, and the ends of the scale under it. */
static void
draw_bar_block (Painter *p, const SuijiTargetProgress *t, double x, double y, double width)
{
  const Colour    *state_colour = &p->palette->states[t->state];
  g_autofree char *percent = suiji_format_bp_as_percent (t->target_bp);
  g_autofree char *label = NULL;
  TextOptions      small = { .scale = 0.8 };
  double           small_h = line_height (p, small.scale, FALSE);
  double           bar_h = p->f * 1.5;
  double           target_x = percent_x (x, width, t->target_bp);
  double           label_w, bar_y;

  /* Translators: the target's share on a chart, as in “Target 60%” */
  label = g_strdup_printf (_("Target %s"), percent);
  label_w = text_width (p, label, small.scale, FALSE);
  show_text (p, label, CLAMP (target_x - label_w / 2, x, x + width - label_w), y, &p->palette->ink,
             &small);

  bar_y = y + small_h + p->f * 0.3;
  set_colour (p, &p->palette->track, 1.0);
  cairo_rectangle (p->cr, x, bar_y, width, bar_h);
  cairo_fill (p->cr);
  if (t->value_bp > 0)
    fill_rect (p, x, bar_y, percent_x (0, width, t->value_bp), bar_h, state_colour,
               state_fills[t->state]);
  stroke_line (p, target_x, bar_y - p->f * 0.35, target_x, bar_y + bar_h + p->f * 0.35,
               &p->palette->ink, p->f * 0.18, 0);
  add_region (p, x, bar_y, width, bar_h, t->target, 0, 0);

  show_text (p, "0%", x, bar_y + bar_h + p->f * 0.3, &p->palette->dim, &small);
  show_text (p, "100%", x + width - text_width (p, "100%", small.scale, FALSE),
             bar_y + bar_h + p->f * 0.3, &p->palette->dim, &small);
}

/* One target: its name, its share in large type with the state, the bar,
 * the counts and what is still needed. A tall card stacks them; a wide one
 * puts the name and share on the left and the rest on the right. */
static void
draw_target_panel (Painter             *p,
                   const SuijiProgress *progress,
                   SuijiTarget          target,
                   double               x,
                   double               y,
                   double               width,
                   double               height)
{
  const SuijiTargetProgress *t = &progress->progress[target];
  double                     f = p->f;
  double                     pad = f * 0.7;
  gboolean                   wide = width >= height * 2.2;
  double                     left_w = wide ? width * 0.36 - 1.5 * pad : width - 2 * pad;
  double                     right_x = wide ? x + width * 0.36 + 0.5 * pad : x + pad;
  double                     right_w = wide ? x + width - pad - right_x : left_w;
  g_autofree char           *value = suiji_progress_format_share (t->value_bp, t->target_bp);
  g_autofree char           *ratio = suiji_target_progress_dup_ratio_text (t);
  g_autofree char           *gap = suiji_target_progress_dup_gap_text (t);
  const char                *title = suiji_target_get_title (target);
  TextOptions                title_options = { .scale = 1.0, .bold = TRUE, .max_width = left_w };
  TextOptions                value_options = { .scale = 2.4, .bold = TRUE };
  TextOptions                ratio_options = { .scale = 0.9, .max_width = right_w };
  TextOptions                gap_options = { .scale = 1.0,
                                             .bold = t->state != SUIJI_TARGET_MET,
                                             .max_width = right_w };
  double                     saved_f = p->f;
  double                     title_h, value_h, ratio_h, gap_h, badge_h;
  double                     left_total = 0, right_total = 0, ly, ry;

  /* Measured at the chart's size, then once more smaller if the card is
   * too low for it. */
  for (guint attempt = 0; attempt < 2; attempt++)
    {
      double needed;

      f = p->f;
      pad = f * 0.7;
      badge_h = f * 1.4;
      measure_text (p, title, &title_options, NULL, &title_h);
      measure_text (p, value, &value_options, NULL, &value_h);
      measure_text (p, ratio, &ratio_options, NULL, &ratio_h);
      measure_text (p, gap, &gap_options, NULL, &gap_h);

      right_total = bar_block_height (p) + f * 0.4 + ratio_h + f * 0.2 + gap_h;
      if (wide)
        left_total = title_h + f * 0.2 + value_h + f * 0.1 + badge_h;
      else
        left_total = title_h + f * 0.3 + value_h + f * 0.4;
      needed = (wide ? MAX (left_total, right_total) : left_total + right_total) + 2 * pad;
      if (needed <= height || attempt == 1)
        break;
      p->f = MAX (f * height / needed * 0.97, 4);
    }

  if (wide)
    {
      ly = y + MAX (pad, (height - left_total) / 2);
      ry = y + MAX (pad, (height - right_total) / 2);
    }
  else
    {
      ly = y + MAX (pad, (height - left_total - right_total) / 2);
      ry = ly + left_total;
    }

  show_text (p, title, x + pad, ly, &p->palette->ink, &title_options);
  ly += title_h + (wide ? f * 0.2 : f * 0.3);
  show_text (p, value, x + pad, ly, &p->palette->ink, &value_options);
  if (wide)
    draw_state_badge (p, t->state, x + pad, 0, ly + value_h + f * 0.1 + badge_h / 2);
  else
    draw_state_badge (p, t->state, 0, x + width - pad, ly + value_h / 2);

  draw_bar_block (p, t, right_x, ry, right_w);
  ry += bar_block_height (p) + f * 0.4;
  show_text (p, ratio, right_x, ry, &p->palette->dim, &ratio_options);
  ry += ratio_h + f * 0.2;
  show_text (p, gap, right_x, ry, &p->palette->ink, &gap_options);
  p->f = saved_f;
}

static void
draw_card (Painter *p, double x, double y, double width, double height)
{
  double r = p->f * 0.5;

  cairo_new_path (p->cr);
  cairo_arc (p->cr, x + width - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (p->cr, x + width - r, y + height - r, r, 0, G_PI / 2);
  cairo_arc (p->cr, x + r, y + height - r, r, G_PI / 2, G_PI);
  cairo_arc (p->cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (p->cr);
  set_colour (p, &p->palette->grid, 1.0);
  cairo_set_line_width (p->cr, p->f * 0.08);
  cairo_stroke (p->cr);
}

/* The three targets as cards: side by side on a very wide chart, else
 * one above the other. */
static void
draw_targets (Painter *p, const SuijiProgress *progress, double width, double height)
{
  g_autofree char *title = NULL;
  double           pad = p->f;
  double           top, gap = p->f * 0.8;
  gboolean         side_by_side = width >= height * 2.4;

  title = g_strdup_printf (_("Yearly targets, %d"), progress->year);
  top = pad + draw_heading (p, progress, title, pad, pad, width - 2 * pad) + p->f * 0.6;

  for (guint t = 0; t < SUIJI_N_TARGETS; t++)
    {
      double x, y, w, h;

      if (side_by_side)
        {
          w = (width - 2 * pad - 2 * gap) / SUIJI_N_TARGETS;
          h = height - top - pad;
          x = pad + t * (w + gap);
          y = top;
        }
      else
        {
          w = width - 2 * pad;
          h = (height - top - pad - 2 * gap) / SUIJI_N_TARGETS;
          x = pad;
          y = top + t * (h + gap);
        }

      draw_card (p, x, y, w, h);
      draw_target_panel (p, progress, t, x, y, w, h);
    }
}

/* The trend */

static const Marker series_markers[SUIJI_N_TARGETS] = { MARKER_CIRCLE, MARKER_SQUARE,
                                                        MARKER_TRIANGLE };
/* Dash lengths in body sizes; 0 is a solid line. */
static const double series_dashes[SUIJI_N_TARGETS] = { 0, 0.9, 0.35 };

static double
share_y (double top, double height, int bp)
{
  return top + height * (1.0 - CLAMP (bp, 0, 10000) / 10000.0);
}

static void
draw_series_key (Painter *p, SuijiTarget target, double x, double y, double length)
{
  stroke_line (p, x, y, x + length, y, &p->palette->series[target], p->f * 0.16,
               series_dashes[target] * p->f);
  draw_marker (p, series_markers[target], x + length / 2, y, p->f * 0.6,
               &p->palette->series[target]);
}

/* Returns the height of the legend: one entry per target, with its share
 * at the cut-off, on as many lines as the width needs. */
static double
draw_trend_legend (Painter *p, const SuijiProgress *progress, double x, double y, double width)
{
  double      key = p->f * 2.0;
  double      cx = x, cy = y;
  double      row_h = line_height (p, 0.85, FALSE) * 1.3;
  TextOptions options = { .scale = 0.85, .valign = 0.5 };

  for (guint t = 0; t < SUIJI_N_TARGETS; t++)
    {
      g_autofree char *value = suiji_progress_format_share (progress->progress[t].value_bp,
                                                            progress->progress[t].target_bp);
      g_autofree char *text = g_strdup_printf ("%s %s", suiji_target_get_short_title (t), value);
      double entry = key + p->f * 0.4 + text_width (p, text, options.scale, FALSE) + p->f * 1.2;

      if (cx > x && cx + entry > x + width)
        {
          cx = x;
          cy += row_h;
        }
      draw_series_key (p, t, cx, cy + row_h / 2, key);
      show_text (p, text, cx + key + p->f * 0.4, cy + row_h / 2, &p->palette->ink, &options);
      cx += entry;
    }

  return cy - y + row_h;
}

typedef struct
{
  double      y;
  SuijiTarget target;
} TargetLabel;

static int
compare_target_labels (gconstpointer a, gconstpointer b)
{
  double x = ((const TargetLabel *) a)->y, y = ((const TargetLabel *) b)->y;

  return (x > y) - (x < y);
}

static void
draw_trend (Painter *p, const SuijiProgress *progress, double width, double height)
{
  g_autofree char *title = NULL;
  double           f = p->f;
  double           pad = f;
  double           top, left, right, bottom, plot_w, plot_h, column;
  double           small_h = line_height (p, 0.8, FALSE);
  TextOptions      axis_options = { .scale = 0.8, .align = 1.0, .valign = 0.5 };
  TextOptions      month_options = { .scale = 0.8, .align = 0.5 };
  TextOptions      label_options = { .scale = 0.8, .bold = TRUE, .valign = 0.5 };
  TargetLabel      labels[SUIJI_N_TARGETS];

  title = g_strdup_printf (_("Shares month by month, %d"), progress->year);
  top = pad + draw_heading (p, progress, title, pad, pad, width - 2 * pad);
  top += f * 0.3 + draw_trend_legend (p, progress, pad, top + f * 0.3, width - 2 * pad);
  top += f * 0.8;

  left = pad + text_width (p, "100%", 0.8, FALSE) + f * 0.5;
  right = width - pad - text_width (p, "100%", 0.8, TRUE) - f * 1.3;
  bottom = height - pad - 2 * small_h - f * 0.4;
  plot_w = right - left;
  plot_h = bottom - top;
  column = plot_w / 12;
  if (plot_w <= 0 || plot_h <= 0)
    return;

  /* The months still to come, hatched and named. */
  if (progress->n_months < 12)
    {
      double      x0 = left + progress->n_months * column;
      TextOptions to_come = { .scale = 0.8,
                              .max_width = right - x0 - f * 0.4,
                              .ellipsize = TRUE,
                              .align = 0.5,
                              .valign = 1.0 };

      cairo_save (p->cr);
      cairo_rectangle (p->cr, x0, top, right - x0, plot_h);
      cairo_clip (p->cr);
      set_colour (p, &p->palette->track, 0.6);
      cairo_paint (p->cr);
      set_colour (p, &p->palette->grid, 1.0);
      cairo_set_line_width (p->cr, f * 0.06);
      for (double d = -plot_h; d < right - x0; d += f * 0.8)
        {
          cairo_move_to (p->cr, x0 + d, bottom);
          cairo_line_to (p->cr, x0 + d + plot_h, top);
        }
      cairo_stroke (p->cr);
      cairo_restore (p->cr);
      if (to_come.max_width > f * 2)
        {
          double label_w, label_h;

          /* On a patch of the ground, so that the hatching does not cross it. */
          measure_text (p, _("Months to come"), &to_come, &label_w, &label_h);
          set_colour (p, &p->palette->ground, 0.85);
          cairo_rectangle (p->cr, (x0 + right) / 2 - label_w / 2 - f * 0.2,
                           bottom - f * 0.3 - label_h, label_w + f * 0.4, label_h);
          cairo_fill (p->cr);
        }
      if (to_come.max_width > f * 2)
        show_text (p, _("Months to come"), (x0 + right) / 2, bottom - f * 0.3, &p->palette->dim,
                   &to_come);
    }

  /* The grid, every 20 %. */
  for (int bp = 0; bp <= 10000; bp += 2000)
    {
      double           y = share_y (top, plot_h, bp);
      g_autofree char *text = suiji_progress_format_bp (bp);

      stroke_line (p, left, y, right, y, &p->palette->grid, f * (bp == 0 ? 0.1 : 0.05), 0);
      show_text (p, text, left - f * 0.4, y, &p->palette->dim, &axis_options);
    }

  for (guint m = 1; m <= 12; m++)
    {
      g_autofree char *text = g_strdup_printf ("%u", m);

      show_text (p, text, left + (m - 0.5) * column, bottom + f * 0.25,
                 m <= progress->n_months ? &p->palette->ink : &p->palette->dim, &month_options);
    }
  {
    TextOptions caption = { .scale = 0.8, .align = 0.5 };

    show_text (p, _("Month"), left + plot_w / 2, bottom + f * 0.25 + small_h, &p->palette->dim,
               &caption);
  }

  /* The targets: thin dashed lines, their shares at the right, moved apart
   * where two would overlap. */
  for (guint t = 0; t < SUIJI_N_TARGETS; t++)
    {
      labels[t].target = t;
      labels[t].y = share_y (top, plot_h, progress->progress[t].target_bp);
      stroke_line (p, left, labels[t].y, right, labels[t].y, &p->palette->series[t], f * 0.08,
                   f * 0.3);
    }
  qsort (labels, SUIJI_N_TARGETS, sizeof labels[0], compare_target_labels);
  for (guint i = 1; i < SUIJI_N_TARGETS; i++)
    labels[i].y = MAX (labels[i].y, labels[i - 1].y + small_h);
  for (guint i = 0; i < SUIJI_N_TARGETS; i++)
    {
      SuijiTarget      t = labels[i].target;
      g_autofree char *text = suiji_format_bp_as_percent (progress->progress[t].target_bp);

      /* The series' marker too, for those who cannot tell the colours. */
      draw_marker (p, series_markers[t], right + f * 0.6, labels[i].y, f * 0.5,
                   &p->palette->series[t]);
      show_text (p, text, right + f * 1.05, labels[i].y, &p->palette->series[t], &label_options);
    }

  /* The cumulative shares, with a marker on each month's figure. */
  for (guint t = 0; t < SUIJI_N_TARGETS; t++)
    {
      gboolean started = FALSE;

      cairo_save (p->cr);
      set_colour (p, &p->palette->series[t], 1.0);
      cairo_set_line_width (p->cr, f * 0.16);
      cairo_set_line_join (p->cr, CAIRO_LINE_JOIN_ROUND);
      if (series_dashes[t] > 0)
        {
          double dashes[] = { series_dashes[t] * f, series_dashes[t] * f * 0.6 };

          cairo_set_dash (p->cr, dashes, 2, 0);
        }
      for (guint m = 1; m <= progress->n_months; m++)
        {
          SuijiRatio ratio = progress->months[m - 1][t];
          double     x = left + (m - 0.5) * column;
          double     y;

          if (ratio.whole <= 0)
            continue;
          y = share_y (top, plot_h, (int) (ratio.part * 10000 / ratio.whole));
          if (started)
            cairo_line_to (p->cr, x, y);
          else
            cairo_move_to (p->cr, x, y);
          started = TRUE;
        }
      cairo_stroke (p->cr);
      cairo_restore (p->cr);

      for (guint m = 1; m <= progress->n_months; m++)
        {
          SuijiRatio ratio = progress->months[m - 1][t];
          double     x = left + (m - 0.5) * column;
          double     y, hit = MAX (f * 1.2, 8);

          if (ratio.whole <= 0)
            continue;
          y = share_y (top, plot_h, (int) (ratio.part * 10000 / ratio.whole));
          draw_marker (p, series_markers[t], x, y, f * 0.6, &p->palette->series[t]);
          add_region (p, x - hit / 2, y - hit / 2, hit, hit, t, m, 0);
        }
    }
}

/* The departments */

static void
draw_departments (Painter *p, const SuijiProgress *progress, double width, double height)
{
  g_autofree char *title = NULL;
  double           f = p->f;
  double           pad = f;
  double           top, label_w = 0, value_w, left, right, plot_w, row_h, bar_h, text_scale;
  guint            n = progress->departments->len;
  const Colour    *joint_colour = &p->palette->series[SUIJI_TARGET_JOINT_COUNT];
  const Colour    *credit_colour = &p->palette->series[SUIJI_TARGET_CREDIT_COUNT];
  const int        joint_target = progress->progress[SUIJI_TARGET_JOINT_COUNT].target_bp;
  const int        credit_target = progress->progress[SUIJI_TARGET_CREDIT_COUNT].target_bp;
  TextOptions      key_options = { .scale = 0.85, .valign = 0.5 };

  title = g_strdup_printf (_("Departments: joint and credit-based shares, %d"), progress->year);
  top = pad + draw_heading (p, progress, title, pad, pad, width - 2 * pad) + f * 0.3;

  /* The key: the two fills, and what the dashed lines are. */
  {
    double      x = pad, row = line_height (p, 0.85, FALSE) * 1.3, y = top + row / 2;
    const char *joint = _("Joint share, by count");
    const char *credit = _("Credit-risk class share, by count");
    const char *lines = _("Dashed lines: the targets");

    fill_rect (p, x, y - f * 0.4, f * 1.6, f * 0.8, joint_colour, FILL_SOLID);
    x += f * 2.0;
    show_text (p, joint, x, y, &p->palette->ink, &key_options);
    x += text_width (p, joint, 0.85, FALSE) + f * 1.2;
    fill_rect (p, x, y - f * 0.4, f * 1.6, f * 0.8, credit_colour, FILL_STRIPES);
    x += f * 2.0;
    show_text (p, credit, x, y, &p->palette->ink, &key_options);
    x += text_width (p, credit, 0.85, FALSE) + f * 1.2;
    if (x + text_width (p, lines, 0.85, FALSE) > width - pad)
      {
        x = pad;
        y += row;
        top += row;
      }
    show_text (p, lines, x, y, &p->palette->dim, &key_options);
    top += row + f * 1.4;
  }

  if (n == 0)
    {
      TextOptions none = { .scale = 1.0 };

      show_text (p, _("No departments yet"), pad, top, &p->palette->dim, &none);
      return;
    }

  row_h = (height - pad - top) / n;
  bar_h = MAX (row_h * 0.34, 1.0);
  /* The names shrink with the rows, so that a long list still fits. */
  text_scale = CLAMP (row_h * 0.42 / f, 0.45, 0.9);

  for (guint i = 0; i < n; i++)
    {
      const SuijiDepartmentProgress *d = g_ptr_array_index (progress->departments, i);

      label_w = MAX (label_w, text_width (p, d->short_name, text_scale, TRUE));
    }
  label_w = MIN (label_w, width * 0.28);
  value_w = text_width (p, "100% · 999/999", text_scale * 0.9, FALSE);
  left = pad + label_w + f * 0.6;
  right = width - pad - value_w - f * 0.5;
  plot_w = right - left;
  if (plot_w <= 0 || row_h <= 0)
    return;

  for (guint i = 0; i < n; i++)
    {
      const SuijiDepartmentProgress *d = g_ptr_array_index (progress->departments, i);
      double                         y = top + i * row_h;
      double                         joint_y = y + row_h * 0.1;
      double                         credit_y = joint_y + bar_h + row_h * 0.06;
      gboolean                       unit = d->department_id == progress->department_id;
      TextOptions                    name_options = { .scale = text_scale,
                                                      .bold = unit,
                                                      .max_width = label_w,
                                                      .ellipsize = TRUE,
                                                      .align = 1.0,
                                                      .valign = 0.5 };
      TextOptions                    value_options = { .scale = text_scale * 0.9, .valign = 0.5 };

      if (unit)
        {
          set_colour (p, &p->palette->grid, 0.45);
          cairo_rectangle (p->cr, pad * 0.5, y, width - pad, row_h);
          cairo_fill (p->cr);
        }
      show_text (p, d->short_name, left - f * 0.6, y + row_h * 0.45, &p->palette->ink,
                 &name_options);

      if (d->tasks == 0)
        {
          TextOptions none = { .scale = text_scale * 0.9, .valign = 0.5 };

          show_text (p, _("No inspections yet"), left, y + row_h * 0.45, &p->palette->dim, &none);
          continue;
        }

      {
        struct
        {
          double        y;
          int           bp;
          int           target_bp;
          gint64        part;
          const Colour *colour;
          Fill          fill;
          SuijiTarget   target;
        } bars[] = {
          { joint_y, d->joint_bp, joint_target, d->joint_tasks, joint_colour, FILL_SOLID,
            SUIJI_TARGET_JOINT_COUNT },
          { credit_y, d->credit_bp, credit_target, d->credit_tasks, credit_colour, FILL_STRIPES,
            SUIJI_TARGET_CREDIT_COUNT },
        };

        for (guint b = 0; b < G_N_ELEMENTS (bars); b++)
          {
            g_autofree char *share = suiji_progress_format_share (bars[b].bp, bars[b].target_bp);
            g_autofree char *text = g_strdup_printf ("%s · %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                                                     share, bars[b].part, d->tasks);

            set_colour (p, &p->palette->track, 1.0);
            cairo_rectangle (p->cr, left, bars[b].y, plot_w, bar_h);
            cairo_fill (p->cr);
            fill_rect (p, left, bars[b].y, percent_x (0, plot_w, bars[b].bp), bar_h, bars[b].colour,
                       bars[b].fill);
            show_text (p, text, right + f * 0.4, bars[b].y + bar_h / 2, &p->palette->ink,
                       &value_options);
            add_region (p, left, bars[b].y, plot_w, bar_h, bars[b].target, 0, d->department_id);
          }
      }
    }

  /* The targets over the bars, each with its share on top. */
  {
    TextOptions      options = { .scale = 0.8, .bold = TRUE, .align = 0.5, .valign = 1.0 };
    g_autofree char *joint_text = suiji_format_bp_as_percent (joint_target);
    g_autofree char *credit_text = suiji_format_bp_as_percent (credit_target);
    double           joint_x = percent_x (left, plot_w, joint_target);
    double           credit_x = percent_x (left, plot_w, credit_target);

    stroke_line (p, joint_x, top - f * 0.2, joint_x, top + n * row_h, joint_colour, f * 0.14,
                 f * 0.5);
    stroke_line (p, credit_x, top - f * 0.2, credit_x, top + n * row_h, credit_colour, f * 0.14,
                 f * 0.25);
    show_text (p, joint_text, joint_x, top - f * 0.2, joint_colour, &options);
    show_text (p, credit_text, credit_x, top - f * 0.2, credit_colour, &options);
  }
}

/* Public API */

static const char *const kind_names[SUIJI_N_CHARTS] = { "targets", "trend", "departments" };

gboolean
suiji_chart_kind_from_string (const char *text, SuijiChartKind *kind)
{
  for (guint k = 0; k < SUIJI_N_CHARTS; k++)
    {
      if (g_strcmp0 (text, kind_names[k]) == 0)
        {
          *kind = k;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
suiji_chart_kind_to_string (SuijiChartKind kind)
{
  g_return_val_if_fail (kind < SUIJI_N_CHARTS, NULL);

  return kind_names[kind];
}

const char *
suiji_chart_kind_get_title (SuijiChartKind kind)
{
  switch (kind)
    {
    case SUIJI_CHART_TARGETS:
      return _("Yearly targets");
    case SUIJI_CHART_TREND:
      return _("Month by month");
    case SUIJI_CHART_DEPARTMENTS:
    case SUIJI_N_CHARTS:
    default:
      return _("Departments");
    }
}

void
_suiji_chart_render_with_labels (const SuijiProgress   *progress,
                                 SuijiChartKind         kind,
                                 cairo_t               *cr,
                                 double                 width,
                                 double                 height,
                                 const SuijiChartStyle *style,
                                 GArray                *regions,
                                 GArray                *labels)
{
  Painter p;

  g_return_if_fail (progress != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (kind < SUIJI_N_CHARTS);

  painter_init (&p, cr, width, height, style, regions, labels);
  cairo_save (cr);
  paint_ground (&p, style, width, height);

  switch (kind)
    {
    case SUIJI_CHART_TARGETS:
      draw_targets (&p, progress, width, height);
      break;
    case SUIJI_CHART_TREND:
      draw_trend (&p, progress, width, height);
      break;
    case SUIJI_CHART_DEPARTMENTS:
    case SUIJI_N_CHARTS:
    default:
      draw_departments (&p, progress, width, height);
      break;
    }

  cairo_restore (cr);
  painter_clear (&p);
}

/**
 * suiji_chart_render:
 * @cr: where to draw, from (0, 0) to (@width, @height) in user units
 * @style: (nullable): light on white when %NULL
 * @regions: (nullable) (element-type SuijiChartRegion): receives the parts
 *   that stand for figures, in the units of @cr as it was given (a
 *   widget's own coordinates), for a pointer to find
 *
 * Draws one chart of @progress.
 */
void
suiji_chart_render (const SuijiProgress   *progress,
                    SuijiChartKind         kind,
                    cairo_t               *cr,
                    double                 width,
                    double                 height,
                    const SuijiChartStyle *style,
                    GArray                *regions)
{
  _suiji_chart_render_with_labels (progress, kind, cr, width, height, style, regions, NULL);
}

/**
 * suiji_chart_render_target:
 *
 * Draws one target alone, as a card of the targets chart without its
 * heading: the window shows the three side by side.
 */
void
suiji_chart_render_target (const SuijiProgress   *progress,
                           SuijiTarget            target,
                           cairo_t               *cr,
                           double                 width,
                           double                 height,
                           const SuijiChartStyle *style,
                           GArray                *regions)
{
  Painter p;

  g_return_if_fail (progress != NULL);
  g_return_if_fail (target < SUIJI_N_TARGETS);

  painter_init (&p, cr, width, height, style, regions, NULL);
  /* A card alone is measured for its own size: about 14 lines high. */
  if (style == NULL || style->font_size <= 0)
    p.f = CLAMP (MIN (width / 18, height / 14), 7, 48);
  cairo_save (cr);
  paint_ground (&p, style, width, height);
  draw_target_panel (&p, progress, target, 0, 0, width, height);
  cairo_restore (cr);
  painter_clear (&p);
}

/**
 * suiji_chart_find_region:
 * @regions: (element-type SuijiChartRegion): from a render
 *
 * Returns: (nullable): the region under (@x, @y), in the units the chart
 *   was drawn in
 */
const SuijiChartRegion *
suiji_chart_find_region (GArray *regions, double x, double y)
{
  g_return_val_if_fail (regions != NULL, NULL);

  /* The last drawn is on top. */
  for (guint i = regions->len; i > 0; i--)
    {
      const SuijiChartRegion *region = &g_array_index (regions, SuijiChartRegion, i - 1);

      if (x >= region->x && x < region->x + region->width && y >= region->y &&
          y < region->y + region->height)
        return region;
    }

  return NULL;
}

void
_suiji_chart_label_clear (SuijiChartLabel *label)
{
  g_clear_pointer (&label->text, g_free);
}

GArray *
_suiji_chart_labels_new (void)
{
  GArray *labels = g_array_new (FALSE, TRUE, sizeof (SuijiChartLabel));

  g_array_set_clear_func (labels, (GDestroyNotify) _suiji_chart_label_clear);
  return labels;
}

static cairo_status_t
append_to_string (void *closure, const unsigned char *data, unsigned int length)
{
  g_string_append_len (closure, (const char *) data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* cairo writes text into SVG as glyph outlines, which no search, copy or
 * screen reader can read. The labels go in again as text that is not
 * painted, at their places, as a PDF carries its text. */
static void
append_text_layer (GString *svg, const char *title, GArray *labels)
{
  const char *end = g_strrstr (svg->str, "</svg>");
  g_autoptr (GString) layer = g_string_new (NULL);
  g_autofree char *escaped_title = g_markup_escape_text (title, -1);

  if (end == NULL)
    return;

  g_string_append_printf (layer, "<title>%s</title>\n<g fill-opacity=\"0\">\n", escaped_title);
  for (guint i = 0; i < labels->len; i++)
    {
      const SuijiChartLabel *label = &g_array_index (labels, SuijiChartLabel, i);
      g_autofree char       *text = g_markup_escape_text (label->text, -1);
      char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE], size[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (layer, "<text x=\"%s\" y=\"%s\" font-size=\"%s\">%s</text>\n",
                              g_ascii_formatd (x, sizeof x, "%.2f", label->x),
                              g_ascii_formatd (y, sizeof y, "%.2f", label->y),
                              g_ascii_formatd (size, sizeof size, "%.2f", label->size), text);
    }
  g_string_append (layer, "</g>\n");
  g_string_insert (svg, end - svg->str, layer->str);
}

static gboolean
set_write_error (const char *path, cairo_status_t status, GError **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  _suiji_cairo_set_write_error (path, cairo_status_to_string (status), error);
  return FALSE;
}

static gboolean
export_svg (const SuijiProgress   *progress,
            SuijiChartKind         kind,
            const char            *path,
            double                 width,
            double                 height,
            const SuijiChartStyle *style,
            GError               **error)
{
  g_autoptr (GString) svg = g_string_new (NULL);
  g_autoptr (GArray) labels = _suiji_chart_labels_new ();
  g_autoptr (GError) local_error = NULL;
  cairo_surface_t *surface;
  cairo_t         *cr;
  cairo_status_t   status;

  surface = cairo_svg_surface_create_for_stream (append_to_string, svg, width, height);
  cr = cairo_create (surface);
  _suiji_chart_render_with_labels (progress, kind, cr, width, height, style, NULL, labels);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (!set_write_error (path, status, error))
    return FALSE;

  append_text_layer (svg, suiji_chart_kind_get_title (kind), labels);
  if (!g_file_set_contents (path, svg->str, (gssize) svg->len, &local_error))
    {
      _suiji_cairo_set_write_error (path, local_error->message, error);
      return FALSE;
    }

  return TRUE;
}

/**
 * suiji_chart_export:
 * @path: a file ending in .png, .svg or .pdf
 * @width: in pixels for PNG, points otherwise; 0 for the usual size
 * @style: (nullable): light on white when %NULL
 *
 * Returns: %FALSE with @error set: %G_IO_ERROR_INVALID_ARGUMENT for a name
 *   with another ending, else the file could not be written
 */
gboolean
suiji_chart_export (const SuijiProgress   *progress,
                    SuijiChartKind         kind,
                    const char            *path,
                    double                 width,
                    double                 height,
                    const SuijiChartStyle *style,
                    GError               **error)
{
  g_autofree char *lower = NULL;
  gboolean         png, svg, pdf;

  g_return_val_if_fail (progress != NULL, FALSE);
  g_return_val_if_fail (kind < SUIJI_N_CHARTS, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  png = g_str_has_suffix (lower, ".png");
  svg = g_str_has_suffix (lower, ".svg");
  pdf = g_str_has_suffix (lower, ".pdf");
  if (!png && !svg && !pdf)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("A chart is written as .png, .svg or .pdf; name the file with one of "
                              "these endings."));
      return FALSE;
    }
  if (width <= 0 || height <= 0)
    {
      width = png ? SUIJI_CHART_PNG_WIDTH : SUIJI_CHART_PAGE_WIDTH;
      height = png ? SUIJI_CHART_PNG_HEIGHT : SUIJI_CHART_PAGE_HEIGHT;
    }

  if (png)
    {
      cairo_surface_t *surface =
          cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) ceil (width), (int) ceil (height));
      cairo_t       *cr = cairo_create (surface);
      cairo_status_t status;

      suiji_chart_render (progress, kind, cr, width, height, style, NULL);
      cairo_destroy (cr);
      status = cairo_surface_write_to_png (surface, path);
      cairo_surface_destroy (surface);
      return set_write_error (path, status, error);
    }

  if (svg)
    return export_svg (progress, kind, path, width, height, style, error);

  {
    cairo_surface_t *surface = cairo_pdf_surface_create (path, width, height);
    cairo_t         *cr;

    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                    suiji_chart_kind_get_title (kind));
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Suiji");
    cr = cairo_create (surface);
    cairo_surface_destroy (surface);
    suiji_chart_render (progress, kind, cr, width, height, style, NULL);
    return _suiji_cairo_pdf_close (cr, path, error);
  }
}
