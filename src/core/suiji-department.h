/* suiji-department.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_DEPARTMENT (suiji_department_get_type ())

G_DECLARE_FINAL_TYPE (SuijiDepartment, suiji_department, SUIJI, DEPARTMENT, GObject)

gint64      suiji_department_get_id (SuijiDepartment *self);
const char *suiji_department_get_name (SuijiDepartment *self);
const char *suiji_department_get_short_name (SuijiDepartment *self);
gboolean    suiji_department_get_is_market_regulation (SuijiDepartment *self);
GListModel *suiji_department_list_all (SuijiDatabase *db, GError **error);
gint64      suiji_department_ensure (SuijiDatabase *db,
                                     const char    *name,
                                     const char    *short_name,
                                     gboolean       is_market_regulation,
                                     GError       **error);

gint64   suiji_department_find (SuijiDatabase *db, const char *name, GError **error);
gboolean suiji_department_check_known (SuijiDatabase *db, gint64 id, GError **error);

G_END_DECLS
