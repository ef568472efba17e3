/* suiji-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_APPLICATION (suiji_application_get_type ())

G_DECLARE_FINAL_TYPE (SuijiApplication, suiji_application, SUIJI, APPLICATION, AdwApplication)

SuijiApplication *suiji_application_new (void);
SuijiDatabase    *suiji_application_get_database (SuijiApplication *self);
GSettings        *suiji_application_get_settings (SuijiApplication *self);
gboolean suiji_application_open_database (SuijiApplication *self, const char *path, GError **error);

G_END_DECLS
