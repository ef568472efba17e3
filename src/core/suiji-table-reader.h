/* suiji-table-reader.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SUIJI_TABLE_ERROR (suiji_table_error_quark ())

typedef enum
{
  SUIJI_TABLE_ERROR_UNREADABLE,
  SUIJI_TABLE_ERROR_UNKNOWN_FORMAT,
  SUIJI_TABLE_ERROR_ENCODING,
  SUIJI_TABLE_ERROR_DAMAGED,
  SUIJI_TABLE_ERROR_NO_SUCH_SHEET,
  SUIJI_TABLE_ERROR_EMPTY,
  SUIJI_TABLE_ERROR_CANCELLED,
} SuijiTableError;

typedef enum
{
  SUIJI_TABLE_ENCODING_AUTO,
  SUIJI_TABLE_ENCODING_UTF8,
  SUIJI_TABLE_ENCODING_GB18030,
} SuijiTableEncoding;

typedef struct
{
  SuijiTableEncoding encoding;
  /* 0-based index of the xlsx sheet; -1 reads the first one. */
  int sheet;
} SuijiTableReadOptions;

typedef struct _SuijiTable SuijiTable;

GQuark      suiji_table_error_quark (void);
SuijiTable *suiji_table_read_file (const char                  *path,
                                   const SuijiTableReadOptions *options,
                                   GCancellable                *cancellable,
                                   GError                     **error);
void        suiji_table_free (SuijiTable *table);
guint       suiji_table_get_n_rows (SuijiTable *table);
guint       suiji_table_get_n_columns (SuijiTable *table);
const char *suiji_table_get_cell (SuijiTable *table, guint row, guint column);
guint       suiji_table_get_source_row (SuijiTable *table, guint row);
const char *suiji_table_get_format (SuijiTable *table);
const char *suiji_table_get_encoding (SuijiTable *table);
char        suiji_table_get_delimiter (SuijiTable *table);
const char *suiji_table_get_sheet_name (SuijiTable *table);
GStrv       suiji_table_list_sheets (const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiTable, suiji_table_free)

G_END_DECLS
