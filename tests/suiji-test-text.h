/* suiji-test-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* What poppler's pdftotext (or pdfinfo, without "-") prints for @path.
 * Not inlined: GCC 12 then takes the returned text for a dangling local. */
G_GNUC_NO_INLINE G_GNUC_UNUSED static char *
suiji_test_pdf_tool (const char *tool, const char *path)
{
  const char *argv[] = { tool, path, g_str_equal (tool, "pdftotext") ? "-" : NULL, NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int   status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}
