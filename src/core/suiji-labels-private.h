/* suiji-labels-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-database-private.h"

G_BEGIN_DECLS

/* Replaces the labels of one subject or inspector, with statements kept
 * ready for the many rows of an import. */
typedef struct
{
  SuijiDatabase *db;
  sqlite3_stmt  *clear;
  sqlite3_stmt  *add_name;
  sqlite3_stmt  *add_link;
} SuijiLabelWriter;

gboolean _suiji_label_writer_init (SuijiLabelWriter *writer,
                                   SuijiDatabase    *db,
                                   const char       *link_table,
                                   const char       *owner_column,
                                   GError          **error);
gboolean _suiji_label_writer_write (SuijiLabelWriter  *writer,
                                    gint64             owner_id,
                                    const char *const *labels,
                                    GError           **error);
void     _suiji_label_writer_clear (SuijiLabelWriter *writer);

G_END_DECLS
