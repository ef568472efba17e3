/* suiji-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_PREFERENCES_WINDOW (suiji_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (SuijiPreferencesWindow,
                      suiji_preferences_window,
                      SUIJI,
                      PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

SuijiPreferencesWindow *suiji_preferences_window_new (SuijiDatabase *db);
gboolean suiji_preferences_window_save (SuijiPreferencesWindow *self, GError **error);
void     suiji_preferences_window_backup_to (SuijiPreferencesWindow *self, const char *path);
void     suiji_preferences_window_confirm_restore (SuijiPreferencesWindow *self, const char *path);
gboolean suiji_preferences_window_is_busy (SuijiPreferencesWindow *self);

G_END_DECLS
