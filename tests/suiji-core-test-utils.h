/* suiji-core-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless helpers of the core tests that work on whole databases: the
 * audit, backup and restore, and the fault tests; and of the draw's.
 */

#pragma once

#include "suiji-database.h"
#include "suiji-draw.h"

G_BEGIN_DECLS

char          *suiji_test_database_path (const char *name);
SuijiDatabase *suiji_test_open_database (const char *path);
void           suiji_test_fill_sample (SuijiDatabase *db, guint n_subjects);
gint64         suiji_test_create_task (SuijiDatabase *db, const char *name);
gint64         suiji_test_draw (SuijiDatabase *db, gint64 task_id, guint8 seed_byte);
void           suiji_test_set_draw_time (SuijiDrawRecord *rec);
char          *suiji_test_query (SuijiDatabase *db, const char *sql);
char          *suiji_test_query_file (const char *path, const char *sql);
void           suiji_test_exec_file (const char *path, const char *sql);
char          *suiji_test_file_digest (const char *path);

G_END_DECLS
