/* fuzz-draw-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON draw record as `suiji-cli verify` and the saved draws read it:
 * any text is refused with a message or read; a record read is verified
 * (drawn again from its own inputs), and written back it reads the same.
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "suiji-draw.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (SuijiDrawRecord) again = NULL;
  g_autofree char *difference = NULL;
  g_autofree char *json = NULL;
  g_autofree char *json_again = NULL;
  gsize            length = 0;
  gsize            length_again = 0;

  fuzz_init ();
  record = suiji_draw_record_from_json ((const char *) data, (gssize) size, &error);
  if (record == NULL)
    {
      if (error == NULL || *error->message == '\0' || !g_utf8_validate (error->message, -1, NULL))
        g_error ("a record was refused without a message");
      return 0;
    }

  if (!suiji_draw_verify (record, &difference, &error))
    {
      if (difference == NULL && error == NULL)
        g_error ("verify failed without a difference or an error");
      g_clear_error (&error);
    }

  /* What Suiji writes, it reads back to the same record. */
  json = suiji_draw_record_to_json (record, &length);
  again = suiji_draw_record_from_json (json, (gssize) length, &error);
  if (again == NULL)
    g_error ("a record written back cannot be read: %s\n%s", error->message, json);
  json_again = suiji_draw_record_to_json (again, &length_again);
  if (length != length_again || memcmp (json, json_again, length) != 0)
    g_error ("a record written back reads differently:\n%s\n%s", json, json_again);

  return 0;
}
