/* suiji-sample-data-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-database.h"

G_BEGIN_DECLS

gboolean _suiji_sample_year_fill (SuijiDatabase *db,
                                  int            report_year,
                                  GRand         *rand,
                                  guint         *n_tasks,
                                  guint         *n_subjects,
                                  GError       **error);

G_END_DECLS
