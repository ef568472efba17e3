/* suiji-stored-record.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A draw over a county's directory records its whole pool: some 8 MB of
 * JSON for 100 000 subjects, which the database kept as it is, a year of
 * draws filling hundreds of megabytes and the save spending a quarter of
 * its time writing them. zstd at its fastest level packs such a record
 * twelve times smaller in about 6 ms (zlib's fastest took 28 ms for a
 * tenth less) and unpacks it in 2–3 ms.
 */

#define G_LOG_DOMAIN "suiji-stored-record"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <zstd.h>

#include "suiji-draw.h"
#include "suiji-stored-record-private.h"

#define PACK_LEVEL 1

/* Returns: (transfer full) (nullable): one zstd frame holding @json, its
 * size written in the frame's header; %NULL only when zstd found no memory */
char *
_suiji_stored_record_pack (const char *json, gsize length, gsize *packed_length)
{
  gsize            bound = ZSTD_compressBound (length);
  g_autofree char *packed = g_malloc (bound);
  size_t           size = ZSTD_compress (packed, bound, json, length, PACK_LEVEL);

  if (ZSTD_isError (size))
    return NULL;

  *packed_length = size;
  return g_realloc (g_steal_pointer (&packed), MAX (size, 1));
}

static void
set_damaged (GError **error, const char *reason)
{
  g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
               /* TRANSLATORS: %s says what is wrong with the packed data, in English */
               _("the stored record is damaged (%s)"), reason);
}

/**
 * _suiji_stored_record_unpack:
 * @stored: the value of draws.record
 * @compression: the value of draws.record_compression: %NULL in files
 *   before schema 8, which keep every record as its text
 * @length: (out): the length of the text
 *
 * Returns: (transfer full): the JSON text, NUL-terminated, or %NULL with
 *   @error set (%SUIJI_DRAW_ERROR_BAD_RECORD)
 */
char *
_suiji_stored_record_unpack (
    const void *stored, gsize stored_length, const char *compression, gsize *length, GError **error)
{
  unsigned long long size;
  g_autofree char   *text = NULL;
  size_t             unpacked;

  if (compression == NULL || g_str_equal (compression, SUIJI_STORED_RECORD_PLAIN))
    {
      *length = stored_length;
      return stored_length > 0 ? g_strndup (stored, stored_length) : g_strdup ("");
    }
  if (!g_str_equal (compression, SUIJI_STORED_RECORD_ZSTD))
    {
      set_damaged (error, compression);
      return NULL;
    }

  size = ZSTD_getFrameContentSize (stored, stored_length);
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN)
    {
      set_damaged (error, "not a zstd frame");
      return NULL;
    }
  /* The JSON reader takes a gssize, and a record is never near 1 GB; a
   * header changed to claim more must not abort the program. */
  if (size >= G_MAXINT32 || (text = g_try_malloc ((gsize) size + 1)) == NULL)
    {
      set_damaged (error, "too large");
      return NULL;
    }

  unpacked = ZSTD_decompress (text, (size_t) size, stored, stored_length);
  if (ZSTD_isError (unpacked))
    {
      set_damaged (error, ZSTD_getErrorName (unpacked));
      return NULL;
    }
  if (unpacked != size)
    {
      set_damaged (error, "shorter than its header says");
      return NULL;
    }

  text[size] = '\0';
  *length = (gsize) size;
  return g_steal_pointer (&text);
}
