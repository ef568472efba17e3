/* fuzz-form-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A department's monthly form read from a workbook by its labels, then
 * put into a report as `suiji-cli form import` does.
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "suiji-form-import.h"

static void
import_as (const char *path, SuijiFormKind kind)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiFormImport) import = suiji_form_import_read (path, kind, &error);
  g_autoptr (SuijiFormReport) report = NULL;
  g_autoptr (GPtrArray) problems = NULL;

  if (import == NULL)
    {
      fuzz_check_names_file (error, path);
      return;
    }

  /* Each cell that could not be read is named, with a reason. */
  for (guint i = 0; i < import->problems->len; i++)
    {
      const SuijiFormImportProblem *problem = g_ptr_array_index (import->problems, i);

      if (problem->reason == NULL || *problem->reason == '\0' ||
          !g_utf8_validate (problem->reason, -1, NULL) ||
          !g_utf8_validate (problem->cell, -1, NULL))
        g_error ("a problem of the form import has no reason");
    }

  report = suiji_form_report_new (kind, 2025, 6, kind == SUIJI_FORM_REGION ? 0 : 1, "");
  suiji_form_import_apply (import, report);
  problems = suiji_form_report_validate (report, NULL, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = fuzz_write_workbook (data, size);

  import_as (path, SUIJI_FORM_DEPARTMENT);
  import_as (path, SUIJI_FORM_REGION);
  return 0;
}
