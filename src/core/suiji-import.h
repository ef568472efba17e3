/* suiji-import.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "suiji-database.h"
#include "suiji-table-reader.h"

G_BEGIN_DECLS

typedef enum
{
  SUIJI_DIRECTORY_SUBJECTS,
  SUIJI_DIRECTORY_INSPECTORS,
  SUIJI_DIRECTORY_ITEMS,
} SuijiDirectory;

typedef enum
{
  SUIJI_IMPORT_GOOD_ROWS,
  SUIJI_IMPORT_ALL_OR_NOTHING,
} SuijiImportMode;

#define SUIJI_IMPORT_ERROR (suiji_import_error_quark ())

typedef enum
{
  SUIJI_IMPORT_ERROR_MAPPING,
  SUIJI_IMPORT_ERROR_BAD_MAP_SPEC,
  SUIJI_IMPORT_ERROR_REJECTED_ROWS,
  SUIJI_IMPORT_ERROR_CANCELLED,
} SuijiImportError;

/* A field of a directory, with the column headings files use for it. */
typedef struct
{
  const char        *id;
  const char        *title; /* the Chinese heading exports write; data, not translated */
  gboolean           required;
  const char *const *headings;
} SuijiImportField;

typedef struct
{
  guint    row;     /* index among the import's data rows */
  int      field;   /* index of the field, or -1 for the whole row */
  gboolean warning; /* kept, but worth a look */
  char    *message;
} SuijiImportProblem;

typedef struct
{
  guint added;
  guint updated;
  guint rejected;
  guint warnings;
} SuijiImportSummary;

typedef void (*SuijiImportProgress) (guint done, guint total, gpointer user_data);

typedef struct _SuijiImport SuijiImport;

GQuark                  suiji_import_error_quark (void);
const char             *suiji_directory_to_string (SuijiDirectory kind);
gboolean                suiji_directory_from_string (const char *text, SuijiDirectory *kind);
const SuijiImportField *suiji_import_get_fields (SuijiDirectory kind, guint *n_fields);

SuijiImport *
suiji_import_new (SuijiDatabase *db, SuijiDirectory kind, SuijiTable *table, const char *file_name);
void        suiji_import_free (SuijiImport *self);
void        suiji_import_set_database (SuijiImport *self, SuijiDatabase *db);
SuijiTable *suiji_import_get_table (SuijiImport *self);
guint       suiji_import_get_header_row (SuijiImport *self);
void        suiji_import_set_header_row (SuijiImport *self, guint table_row);
int         suiji_import_get_column (SuijiImport *self, guint field);
void        suiji_import_set_column (SuijiImport *self, guint field, int column);
gboolean    suiji_import_get_remembered (SuijiImport *self);
gboolean    suiji_import_apply_map_spec (SuijiImport *self, const char *spec, GError **error);
gboolean    suiji_import_check_mapping (SuijiImport *self, GError **error);
gboolean    suiji_import_validate (SuijiImport *self, GCancellable *cancellable, GError **error);
guint       suiji_import_get_n_rows (SuijiImport *self);
guint       suiji_import_get_table_row (SuijiImport *self, guint row);
gboolean    suiji_import_row_is_rejected (SuijiImport *self, guint row);
GPtrArray  *suiji_import_get_problems (SuijiImport *self);
void        suiji_import_get_counts (SuijiImport *self, SuijiImportSummary *counts);
char       *suiji_import_describe_problem (SuijiImport *self, const SuijiImportProblem *problem);
gboolean    suiji_import_commit (SuijiImport        *self,
                                 SuijiImportMode     mode,
                                 GCancellable       *cancellable,
                                 SuijiImportProgress progress,
                                 gpointer            user_data,
                                 SuijiImportSummary *summary,
                                 GError            **error);
gboolean    suiji_import_write_report (SuijiImport *self, const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiImport, suiji_import_free)

G_END_DECLS
