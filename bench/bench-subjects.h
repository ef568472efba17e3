/* bench-subjects.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-subject.h"

/* What the search benches look for: a subject half-way down the directory
 * in key order gives a rare name (沙河市 left out, the next four
 * characters: mostly the trade name and the trade) and a code. */
static inline void
bench_pick_subject (SuijiDatabase *db, char **rare_name, char **key)
{
  g_autoptr (SuijiPagedList) list = suiji_subject_list_new (db);
  g_autoptr (SuijiSubject) subject = NULL;
  const char *name;

  if (!suiji_subject_list_filter (list, NULL, SUIJI_SUBJECT_SORT_KEY, FALSE, NULL))
    g_error ("could not list the subjects");
  subject = g_list_model_get_item (G_LIST_MODEL (list),
                                   g_list_model_get_n_items (G_LIST_MODEL (list)) / 2);
  name = suiji_subject_get_record (subject)->name;
  *rare_name = g_utf8_substring (name, 3, MIN (g_utf8_strlen (name, -1), 7));
  *key = g_strdup (suiji_subject_get_record (subject)->key);
}
