/* suiji-avoidance.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "suiji-database.h"
#include "suiji-paged-list.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_AVOIDANCE (suiji_avoidance_get_type ())

/* A pair that the draw never matches: this inspector steps aside (回避)
 * for this subject. */
G_DECLARE_FINAL_TYPE (SuijiAvoidance, suiji_avoidance, SUIJI, AVOIDANCE, GObject)

gint64          suiji_avoidance_get_id (SuijiAvoidance *self);
SuijiPagedList *suiji_avoidance_list_new (SuijiDatabase *db);
gboolean suiji_avoidance_list_filter (SuijiPagedList *list, const char *search, GError **error);
gint64   suiji_avoidance_add (SuijiDatabase *db,
                              const char    *badge,
                              const char    *subject_key,
                              const char    *reason,
                              GError       **error);
gboolean suiji_avoidance_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error);

G_END_DECLS
