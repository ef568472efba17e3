/* suiji-form-xlsx.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-form-report.h"

G_BEGIN_DECLS

gboolean suiji_form_xlsx_write (SuijiFormReport *report, const char *path, GError **error);
gboolean suiji_form_xlsx_write_reports (SuijiFormReport *const *reports,
                                        guint                   n_reports,
                                        const char             *path,
                                        GError                **error);

G_END_DECLS
