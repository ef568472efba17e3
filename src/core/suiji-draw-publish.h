/* suiji-draw-publish.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-database.h"

G_BEGIN_DECLS

gboolean suiji_draw_publish (SuijiDatabase *db, gint64 draw_id, const char *path, GError **error);

G_END_DECLS
