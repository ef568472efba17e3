/* fuzz-common.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the libFuzzer harnesses share: the readers take file names, so
 * every input is written to a file of the harness's own first; workbooks
 * can be given part by part, so that the fuzzer changes the XML instead
 * of breaking the zip's checksums; and a fresh database for each input,
 * so that a finding never depends on the inputs run before it.
 */

#pragma once

#include <glib.h>
#include <stdint.h>

#include "suiji-database.h"

G_BEGIN_DECLS

/* The entry point libFuzzer calls, and the replay driver's main () too. */
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

void           fuzz_init (void);
const char    *fuzz_write_file (const char *extension, const uint8_t *data, size_t size);
const char    *fuzz_write_workbook (const uint8_t *data, size_t size);
SuijiDatabase *fuzz_open_database (void);
char          *fuzz_dup_text (const uint8_t *data, size_t size);
void           fuzz_check_names_file (const GError *error, const char *path);
void           fuzz_import_file (const char *path);

G_END_DECLS
