/* suiji-directories-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_DIRECTORIES_PAGE (suiji_directories_page_get_type ())

G_DECLARE_FINAL_TYPE (SuijiDirectoriesPage, suiji_directories_page, SUIJI, DIRECTORIES_PAGE, GtkBox)

void     suiji_directories_page_set_database (SuijiDirectoriesPage *self, SuijiDatabase *db);
void     suiji_directories_page_reload (SuijiDirectoriesPage *self);
void     suiji_directories_page_import_file (SuijiDirectoriesPage *self, GFile *file);
void     suiji_directories_page_flush (SuijiDirectoriesPage *self);
gboolean suiji_directories_page_is_empty (SuijiDirectoriesPage *self);

G_END_DECLS
