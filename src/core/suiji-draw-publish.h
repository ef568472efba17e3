/* suiji-draw-publish.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "suiji-database.h"

G_BEGIN_DECLS

/* A4 portrait, in points. */
#define SUIJI_DRAW_NOTICE_PAGE_WIDTH  595.28
#define SUIJI_DRAW_NOTICE_PAGE_HEIGHT 841.89

typedef struct _SuijiDrawNotice SuijiDrawNotice;

/* The cells of a notice row. */
typedef enum
{
  SUIJI_DRAW_NOTICE_POSITION,
  SUIJI_DRAW_NOTICE_NAME,
  SUIJI_DRAW_NOTICE_KEY,
  SUIJI_DRAW_NOTICE_REGION,
  SUIJI_DRAW_NOTICE_STRATUM,
  SUIJI_DRAW_NOTICE_INSPECTORS,
} SuijiDrawNoticeColumn;

gboolean suiji_draw_publish (SuijiDatabase *db, gint64 draw_id, const char *path, GError **error);

SuijiDrawNotice   *suiji_draw_notice_load (SuijiDatabase *db, gint64 draw_id, GError **error);
void               suiji_draw_notice_free (SuijiDrawNotice *notice);
const char        *suiji_draw_notice_get_title (SuijiDrawNotice *notice);
guint              suiji_draw_notice_get_n_rows (SuijiDrawNotice *notice);
const char *const *suiji_draw_notice_get_row (SuijiDrawNotice *notice, guint row);
guint              suiji_draw_notice_paginate (SuijiDrawNotice *notice, cairo_t *cr);
void               suiji_draw_notice_render_page (SuijiDrawNotice *notice, cairo_t *cr, guint page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiDrawNotice, suiji_draw_notice_free)

G_END_DECLS
