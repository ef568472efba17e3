/* suiji-xlsx-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

lxw_workbook *_suiji_xlsx_open (const char *path, gboolean streaming, GError **error);
gboolean      _suiji_xlsx_close (lxw_workbook *workbook, const char *path, GError **error);

G_END_DECLS
