/* suiji-form-export.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-form-render.h"
#include "suiji-form-report.h"

G_BEGIN_DECLS

gboolean suiji_form_export (SuijiFormReport              *report,
                            const char                   *path,
                            const SuijiFormRenderOptions *options,
                            GError                      **error);
char    *suiji_form_report_to_csv (SuijiFormReport *report);
char    *suiji_form_report_to_json (SuijiFormReport *report);

G_END_DECLS
