/* suiji-summary.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "suiji-database.h"
#include "suiji-progress.h"

G_BEGIN_DECLS

/* A4 portrait in points. */
#define SUIJI_SUMMARY_PAGE_WIDTH  595.28
#define SUIJI_SUMMARY_PAGE_HEIGHT 841.89

gboolean suiji_summary_write_pdf (SuijiDatabase       *db,
                                  const SuijiProgress *progress,
                                  const GDate         *today,
                                  const char          *path,
                                  GError             **error);

G_END_DECLS
