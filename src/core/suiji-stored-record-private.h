/* suiji-stored-record-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How draws.record holds a saved draw's JSON record (its
 * record_compression column, schema 8): as the text itself, or as one
 * zstd frame of it. The record's digest is always that of the text. */
#define SUIJI_STORED_RECORD_PLAIN "none"
#define SUIJI_STORED_RECORD_ZSTD  "zstd"

char *_suiji_stored_record_pack (const char *json, gsize length, gsize *packed_length);
char *_suiji_stored_record_unpack (const void *stored,
                                   gsize       stored_length,
                                   const char *compression,
                                   gsize      *length,
                                   GError    **error);

G_END_DECLS
