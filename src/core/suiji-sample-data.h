/* suiji-sample-data.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_SAMPLE_DEFAULT_SUBJECTS 2000
#define SUIJI_SAMPLE_DEFAULT_SEED     2025

/* What a fill added, for the summary the user sees; rows a fill found
 * already there are not counted, so a second fill reports zeros. */
typedef struct
{
  guint departments;
  guint subjects;
  guint inspectors;
  guint items;
  guint avoidances;
  guint tasks;          /* of the report year, each drawn */
  guint drawn_subjects; /* in their draws */
} SuijiSampleDataCounts;

gboolean suiji_sample_data_fill (SuijiDatabase         *db,
                                 guint                  n_subjects,
                                 guint64                seed,
                                 SuijiSampleDataCounts *counts,
                                 GError               **error);
gboolean suiji_sample_data_fill_directories (SuijiDatabase         *db,
                                             guint                  n_subjects,
                                             guint64                seed,
                                             SuijiSampleDataCounts *counts,
                                             GError               **error);

G_END_DECLS
