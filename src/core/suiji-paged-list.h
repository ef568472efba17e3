/* suiji-paged-list.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "suiji-database.h"

G_BEGIN_DECLS

/* Builds one item from a row of the page query. */
typedef GObject *(*SuijiPagedListLoader) (sqlite3_stmt *stmt);

#define SUIJI_TYPE_PAGED_LIST (suiji_paged_list_get_type ())

G_DECLARE_FINAL_TYPE (SuijiPagedList, suiji_paged_list, SUIJI, PAGED_LIST, GObject)

SuijiPagedList *suiji_paged_list_new (SuijiDatabase       *db,
                                      GType                item_type,
                                      const char          *page_sql,
                                      SuijiPagedListLoader loader);
gboolean        suiji_paged_list_set_query (SuijiPagedList *self,
                                            const char     *ids_sql,
                                            GPtrArray      *parameters,
                                            GError        **error);
gboolean        suiji_paged_list_set_searched_query (SuijiPagedList    *self,
                                                     const char        *ids_sql,
                                                     GPtrArray         *parameters,
                                                     const char *const *needles,
                                                     guint              n_needles,
                                                     GError           **error);
gboolean        suiji_paged_list_prepare_search (SuijiPagedList *self, GError **error);
gboolean        suiji_paged_list_reload (SuijiPagedList *self, GError **error);
void            suiji_paged_list_read_first_rows (SuijiPagedList *self, guint n_rows);
gboolean        suiji_paged_list_is_partial (SuijiPagedList *self);
gboolean        suiji_paged_list_complete (SuijiPagedList *self, GError **error);
gint64          suiji_paged_list_get_id (SuijiPagedList *self, guint position);
guint           suiji_paged_list_find_id (SuijiPagedList *self, gint64 id);
gboolean
suiji_paged_list_set_hidden (SuijiPagedList *self, const gint64 *ids, guint n_ids, GError **error);
GHashTable *suiji_paged_list_get_counts (SuijiPagedList *self);

G_END_DECLS
