/* suiji-test-world.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small world for the result and statistics tests: departments,
 * subjects and inspectors written straight into a real database, then
 * tasks and draws through the real API.
 */

#pragma once

#include "suiji-database.h"

G_BEGIN_DECLS

typedef struct
{
  GArray    *departments; /* gint64; the first one is a market-regulation bureau */
  GPtrArray *department_names;
} TestWorld;

SuijiDatabase *test_world_open (const char *name);
void           test_world_fill (
              SuijiDatabase *db, GRand *rand, guint n_departments, guint n_subjects, TestWorld *world);
void   test_world_clear (TestWorld *world);
gint64 test_world_task (SuijiDatabase *db,
                        const char    *name,
                        int            year,
                        const gint64  *departments,
                        guint          n_departments,
                        gboolean       other_platform,
                        gboolean       stratified,
                        const char    *counts,
                        const char    *filter);
gint64 test_world_draw (SuijiDatabase *db, gint64 task_id, const char *drawn_at, guint32 seed);
gint64 test_world_query_int (SuijiDatabase *db, const char *sql);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TestWorld, test_world_clear)

G_END_DECLS
