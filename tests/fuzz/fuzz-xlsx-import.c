/* fuzz-xlsx-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A directory import of a workbook: the zip, the relationships, the
 * shared strings, the styles and the sheet (see fuzz_write_workbook () for
 * the input's two shapes).
 */

#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_import_file (fuzz_write_workbook (data, size));
  return 0;
}
