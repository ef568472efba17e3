/* fuzz-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "fuzz-common.h"
#include "suiji-database-private.h"
#include "suiji-import.h"

/* Workbook parts in a fuzz input are separated by NUL, which XML never
 * holds; each part is its name, a line break, then its text. */
#define PART_SEPARATOR '\0'

static char          *work_folder;
static SuijiDatabase *template_db;

static void
remove_work_folder (void)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  if (work_folder == NULL)
    return;

  dir = g_dir_open (work_folder, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (work_folder, name, NULL);

      g_unlink (path);
    }
  g_rmdir (work_folder);
}

/* A warning or critical from the core on any input is a bug the fuzzer
 * must report, not noise: it means a check was missing. */
void
fuzz_init (void)
{
  if (work_folder != NULL)
    return;

  setlocale (LC_ALL, "C.UTF-8");
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("G_MESSAGES_DEBUG", "", TRUE);

  work_folder = g_dir_make_tmp ("suiji-fuzz-XXXXXX", NULL);
  g_assert (work_folder != NULL);
  atexit (remove_work_folder);
}

/**
 * fuzz_write_file:
 *
 * Returns: (transfer none): the harness's file, now holding @data
 */
const char *
fuzz_write_file (const char *extension, const uint8_t *data, size_t size)
{
  static GHashTable *paths;
  const char        *path;

  fuzz_init ();
  if (paths == NULL)
    paths = g_hash_table_new (g_str_hash, g_str_equal);

  path = g_hash_table_lookup (paths, extension);
  if (path == NULL)
    {
      char *built = g_strdup_printf ("%s/input.%s", work_folder, extension);

      g_hash_table_insert (paths, g_strdup (extension), built);
      path = built;
    }

  /* Written in place, without the fsync () of a safe replace: the file is
   * written for every input, and only this process reads it. */
  g_assert (g_file_set_contents_full (path, (const char *) data, (gssize) size,
                                      G_FILE_SET_CONTENTS_NONE, 0600, NULL));
  return path;
}

static void
add_part (zip_t *zip, const uint8_t *start, const uint8_t *end)
{
  const uint8_t   *newline = memchr (start, '\n', (size_t) (end - start));
  g_autofree char *name = NULL;
  zip_source_t    *source;
  zip_int64_t      index;

  if (newline == NULL || newline == start)
    return;

  name = g_strndup ((const char *) start, (gsize) (newline - start));
  source = zip_source_buffer (zip, newline + 1, (zip_uint64_t) (end - newline - 1), 0);
  g_assert (source != NULL);
  index = zip_file_add (zip, name, source, ZIP_FL_ENC_UTF_8);
  if (index < 0)
    {
      /* A repeated or unusable name: the part is left out. */
      zip_source_free (source);
      return;
    }
  /* Stored, not deflated: the fuzzer's time goes to the XML. */
  zip_set_file_compression (zip, (zip_uint64_t) index, ZIP_CM_STORE, 0);
}

/**
 * fuzz_write_workbook:
 *
 * An input that starts with "PK" is a zip as it is; any other is a list
 * of parts, "NAME\nTEXT", separated by NUL bytes, written as a zip.
 *
 * Returns: (transfer none): the harness's xlsx file
 */
const char *
fuzz_write_workbook (const uint8_t *data, size_t size)
{
  const char    *path;
  const uint8_t *end = data + size;
  const uint8_t *start = data;
  zip_t         *zip;
  int            error_code = 0;

  if (size >= 2 && data[0] == 'P' && data[1] == 'K')
    return fuzz_write_file ("xlsx", data, size);

  path = fuzz_write_file ("xlsx", NULL, 0);
  g_unlink (path);
  zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &error_code);
  g_assert (zip != NULL);

  while (start < end)
    {
      const uint8_t *stop = memchr (start, PART_SEPARATOR, (size_t) (end - start));

      if (stop == NULL)
        stop = end;
      add_part (zip, start, stop);
      start = stop + 1;
    }

  /* The sources point into @data, which lives until the zip is written. */
  if (zip_close (zip) != 0)
    {
      zip_discard (zip);
      return fuzz_write_file ("xlsx", NULL, 0);
    }

  return path;
}

/**
 * fuzz_open_database:
 *
 * A database in memory with the whole schema, copied from one migrated
 * once, so that each input starts from the same empty database quickly.
 *
 * Returns: (transfer full): the database
 */
SuijiDatabase *
fuzz_open_database (void)
{
  g_autoptr (GError) error = NULL;
  SuijiDatabase  *db;
  sqlite3_backup *backup;

  fuzz_init ();
  if (template_db == NULL)
    {
      template_db = suiji_database_open (":memory:", &error);
      g_assert_no_error (error);
    }

  /* No migrations: the schema comes with the copy. */
  db = _suiji_database_open_with_migrations (":memory:", NULL, 0, &error);
  g_assert_no_error (error);
  backup = sqlite3_backup_init (_suiji_database_get_handle (db), "main",
                                _suiji_database_get_handle (template_db), "main");
  g_assert (backup != NULL);
  g_assert (sqlite3_backup_step (backup, -1) == SQLITE_DONE);
  g_assert (sqlite3_backup_finish (backup) == SQLITE_OK);
  g_assert (_suiji_database_exec (db, "PRAGMA foreign_keys = ON", NULL));

  return db;
}

/* The input as a C string: up to its first NUL, as a command line or a
 * stored setting would give it. */
char *
fuzz_dup_text (const uint8_t *data, size_t size)
{
  return g_strndup ((const char *) data, size);
}

/* Every message about a bad file names the file, so that staff who feed
 * Suiji a folder of files know which one to fix. */
void
fuzz_check_names_file (const GError *error, const char *path)
{
  g_autofree char *display = g_filename_display_basename (path);

  if (strstr (error->message, display) == NULL)
    g_error ("the message does not name the file “%s”: %s", display, error->message);
}

static guint
count_rows (SuijiDatabase *db, const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", table);
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, NULL);

  g_assert (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW);
  return (guint) sqlite3_column_int (stmt, 0);
}

/* One directory import of the file as staff would run it, checked for
 * what the import promises: every problem names its file and row, and
 * a failed import writes nothing. */
static void
import_into (SuijiTable *table, SuijiDirectory kind, const char *path)
{
  static const char *const tables[] = { "subjects", "inspectors", "items" };
  g_autoptr (SuijiDatabase) db = fuzz_open_database ();
  g_autoptr (SuijiImport) import = suiji_import_new (db, kind, table, path);
  g_autoptr (GError) error = NULL;
  g_autofree char   *display = g_filename_display_basename (path);
  g_autofree char   *prefix = g_strdup_printf ("%s: row ", display);
  SuijiImportSummary summary;
  SuijiImportSummary counts;
  GPtrArray         *problems;

  if (!suiji_import_validate (import, NULL, &error))
    {
      fuzz_check_names_file (error, path);
      return;
    }

  problems = suiji_import_get_problems (import);
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = suiji_import_describe_problem (import, problems->pdata[i]);

      if (!g_str_has_prefix (line, prefix) || !g_utf8_validate (line, -1, NULL))
        g_error ("a problem does not start with “%s”: %s", prefix, line);
    }

  suiji_import_get_counts (import, &counts);
  if (!suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary, &error))
    {
      fuzz_check_names_file (error, path);
      if (count_rows (db, tables[kind]) != 0)
        g_error ("a failed import left %u rows in %s", count_rows (db, tables[kind]), tables[kind]);
      return;
    }

  if (summary.rejected != counts.rejected ||
      count_rows (db, tables[kind]) > summary.added + summary.updated)
    g_error ("the import wrote %u rows but reports %u added and %u updated",
             count_rows (db, tables[kind]), summary.added, summary.updated);
}

/**
 * fuzz_import_file:
 *
 * Reads @path as a directory import does, then imports it as each of the
 * three directories.
 */
void
fuzz_import_file (const char *path)
{
  for (SuijiDirectory kind = SUIJI_DIRECTORY_SUBJECTS; kind <= SUIJI_DIRECTORY_ITEMS; kind++)
    {
      g_autoptr (GError) error = NULL;
      /* Each import owns its table, so each reads the file again. */
      g_autoptr (SuijiTable) table = suiji_table_read_file (path, NULL, NULL, &error);

      if (table == NULL)
        {
          fuzz_check_names_file (error, path);
          return;
        }
      import_into (g_steal_pointer (&table), kind, path);
    }
}
