/* fuzz-csv-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A directory import of any text file: encodings, delimiters, quotes,
 * the header search and every field rule.
 */

#include "config.h"

#include "fuzz-common.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  fuzz_import_file (fuzz_write_file ("csv", data, size));
  return 0;
}
