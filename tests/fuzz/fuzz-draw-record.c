/* fuzz-draw-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The JSON draw record as `suiji-cli verify` and the saved draws read it:
 * any text is refused with a message or read; a record read is verified
 * (drawn again from its own inputs), and written back it reads the same.
 * The hand-written reader and writer answer as json-glib's did
 * (suiji-draw-json-glib.c): the same record or the same message (where
 * the text is not JSON, the line and column may differ), and the same
 * bytes written.
 */

#include "config.h"

#include <string.h>

#include "fuzz-common.h"
#include "suiji-draw-private.h"

static gboolean
is_not_json (const GError *error)
{
  return strstr (error->message, "is not valid JSON (line ") != NULL;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) glib_error = NULL;
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (SuijiDrawRecord) glib_record = NULL;
  g_autoptr (SuijiDrawRecord) again = NULL;
  g_autofree char *difference = NULL;
  g_autofree char *json = NULL;
  g_autofree char *glib_json = NULL;
  g_autofree char *json_again = NULL;
  gsize            length = 0;
  gsize            glib_length = 0;
  gsize            length_again = 0;

  fuzz_init ();
  record = suiji_draw_record_from_json ((const char *) data, (gssize) size, &error);
  glib_record = _suiji_draw_record_from_json_glib ((const char *) data, (gssize) size, &glib_error);
  if ((record == NULL) != (glib_record == NULL))
    g_error ("the hand-written reader %s, json-glib's %s", record != NULL ? "reads" : "refuses",
             glib_record != NULL ? "reads" : "refuses");
  if (record == NULL)
    {
      if (error == NULL || *error->message == '\0' || !g_utf8_validate (error->message, -1, NULL))
        g_error ("a record was refused without a message");
      if (error->code != glib_error->code || (strcmp (error->message, glib_error->message) != 0 &&
                                              !(is_not_json (error) && is_not_json (glib_error))))
        g_error ("the readers refuse differently:\n%s\n%s", error->message, glib_error->message);
      return 0;
    }

  if (!suiji_draw_verify (record, &difference, &error))
    {
      if (difference == NULL && error == NULL)
        g_error ("verify failed without a difference or an error");
      g_clear_error (&error);
    }

  /* The same bytes as json-glib's writer, for whatever was read. */
  json = suiji_draw_record_to_json (record, &length);
  glib_json = _suiji_draw_record_to_json_glib (glib_record, &glib_length);
  if (length != glib_length || memcmp (json, glib_json, length) != 0)
    g_error ("the writers differ:\n%s\n%s", json, glib_json);

  /* What Suiji writes, it reads back to the same record. */
  again = suiji_draw_record_from_json (json, (gssize) length, &error);
  if (again == NULL)
    g_error ("a record written back cannot be read: %s\n%s", error->message, json);
  json_again = suiji_draw_record_to_json (again, &length_again);
  if (length != length_again || memcmp (json, json_again, length) != 0)
    g_error ("a record written back reads differently:\n%s\n%s", json, json_again);

  return 0;
}
