/* suiji-saved-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A draw as the database keeps it: its facts for lists, and its JSON
 * record, checked against the digest stored beside it before anyone
 * reads it, so that a record changed behind Suiji's back is never shown
 * or verified as if it were the one saved.
 */

#define G_LOG_DOMAIN "suiji-saved-draw"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "suiji-database-private.h"
#include "suiji-saved-draw.h"
#include "suiji-stored-record-private.h"

struct _SuijiSavedDraw
{
  GObject parent_instance;

  gint64 id;
  gint64 task_id;
  char  *drawn_at;
  char  *seed;
  char  *record_digest;
  char  *previous_digest; /* "" for the first draw of the database */
  guint  n_subjects;
};

G_DEFINE_FINAL_TYPE (SuijiSavedDraw, suiji_saved_draw, G_TYPE_OBJECT)

#define SELECT_DRAWS                                                                               \
  "SELECT d.id, d.task_id, d.drawn_at, d.seed, d.record_digest, d.previous_digest,"                \
  " (SELECT count(*) FROM draw_subjects ds WHERE ds.draw_id = d.id) FROM draws d"

static void
suiji_saved_draw_finalize (GObject *object)
{
  SuijiSavedDraw *self = (SuijiSavedDraw *) object;

  g_free (self->drawn_at);
  g_free (self->seed);
  g_free (self->record_digest);
  g_free (self->previous_digest);

  G_OBJECT_CLASS (suiji_saved_draw_parent_class)->finalize (object);
}

static void
suiji_saved_draw_class_init (SuijiSavedDrawClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = suiji_saved_draw_finalize;
}

static void
suiji_saved_draw_init (SuijiSavedDraw *self)
{
}

static SuijiSavedDraw *
saved_draw_from_row (sqlite3_stmt *stmt)
{
  SuijiSavedDraw *self = g_object_new (SUIJI_TYPE_SAVED_DRAW, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->task_id = sqlite3_column_int64 (stmt, 1);
  self->drawn_at = g_strdup (_suiji_column_text (stmt, 2));
  self->seed = g_strdup (_suiji_column_text (stmt, 3));
  self->record_digest = g_strdup (_suiji_column_text (stmt, 4));
  self->previous_digest = g_strdup (_suiji_column_text (stmt, 5));
  self->n_subjects = (guint) sqlite3_column_int (stmt, 6);
  return self;
}

gint64
suiji_saved_draw_get_id (SuijiSavedDraw *self)
{
  g_return_val_if_fail (SUIJI_IS_SAVED_DRAW (self), 0);
  return self->id;
}

gint64
suiji_saved_draw_get_task_id (SuijiSavedDraw *self)
{
  g_return_val_if_fail (SUIJI_IS_SAVED_DRAW (self), 0);
  return self->task_id;
}

const char *
suiji_saved_draw_get_drawn_at (SuijiSavedDraw *self)
{
  g_return_val_if_fail (SUIJI_IS_SAVED_DRAW (self), NULL);
  return self->drawn_at;
}

/**
 * suiji_saved_draw_get_seed:
 *
 * Returns: the seed as 64 hex digits
 */
const char *
suiji_saved_draw_get_seed (SuijiSavedDraw *self)
{
  g_return_val_if_fail (SUIJI_IS_SAVED_DRAW (self), NULL);
  return self->seed;
}

/**
 * suiji_saved_draw_get_record_digest:
 *
 * Returns: the SHA-256 of the JSON record as saved, in hex
 */
const char *
suiji_saved_draw_get_record_digest (SuijiSavedDraw *self)
{
  g_return_val_if_fail (SUIJI_IS_SAVED_DRAW (self), NULL);
  return self->record_digest;
}

/**
 * suiji_saved_draw_get_previous_digest:
 *
 * Returns: the record digest of the draw saved before this one, "" for
 *   the first
 */
const char *
suiji_saved_draw_get_previous_digest (SuijiSavedDraw *self)
{
  g_return_val_if_fail (SUIJI_IS_SAVED_DRAW (self), NULL);
  return self->previous_digest;
}

guint
suiji_saved_draw_get_n_subjects (SuijiSavedDraw *self)
{
  g_return_val_if_fail (SUIJI_IS_SAVED_DRAW (self), 0);
  return self->n_subjects;
}

/**
 * suiji_saved_draw_list:
 *
 * Returns: (transfer full): the draws of a task, the first first, or
 *   %NULL with @error set
 */
GListModel *
suiji_saved_draw_list (SuijiDatabase *db, gint64 task_id, GError **error)
{
  g_autoptr (GListStore) store = g_list_store_new (SUIJI_TYPE_SAVED_DRAW);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  stmt = _suiji_database_prepare (db, SELECT_DRAWS " WHERE d.task_id = ?1 ORDER BY d.id", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, task_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (SuijiSavedDraw) draw = saved_draw_from_row (stmt);

      g_list_store_append (store, draw);
    }
  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the draws"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* Numbers go into messages as text: xgettext cannot read a msgid that
 * G_GINT64_FORMAT cuts in two, and the translation would never be found. */
static void
set_not_found (GError **error, gint64 draw_id)
{
  g_set_error (
      error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
      _("There is no draw number %ld in this database: pick one from the task's list of draws."),
      (long) draw_id);
}

/**
 * suiji_saved_draw_load:
 *
 * Returns: (transfer full): the draw, or %NULL with @error set
 */
SuijiSavedDraw *
suiji_saved_draw_load (SuijiDatabase *db, gint64 draw_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  stmt = _suiji_database_prepare (db, SELECT_DRAWS " WHERE d.id = ?1", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, draw_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_not_found (error, draw_id);
      return NULL;
    }

  return saved_draw_from_row (stmt);
}

/**
 * suiji_saved_draw_dup_json:
 * @length: (out) (optional): the length of the record in bytes
 *
 * The JSON record of a saved draw, exactly as it was saved. Refused when
 * it no longer matches the digest saved with it: someone changed the
 * database file.
 *
 * Returns: (transfer full): the record, or %NULL with @error set
 */
char *
suiji_saved_draw_dup_json (SuijiDatabase *db, gint64 draw_id, gsize *length, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *json = NULL;
  gsize            size = 0;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  stmt = _suiji_database_prepare (db,
                                  suiji_database_get_schema_version (db) >= 8
                                      ? "SELECT record, record_digest, record_compression"
                                        " FROM draws WHERE id = ?1"
                                      : "SELECT record, record_digest, NULL FROM draws"
                                        " WHERE id = ?1",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, draw_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      set_not_found (error, draw_id);
      return NULL;
    }

  json = _suiji_stored_record_unpack (sqlite3_column_blob (stmt, 0),
                                      (gsize) sqlite3_column_bytes (stmt, 0),
                                      (const char *) sqlite3_column_text (stmt, 2), &size, NULL);
  /* A record that does not unpack was changed as surely as one that does
   * not match its digest: the user is told the same. */
  if (json != NULL)
    digest = suiji_draw_digest_json (json, size);
  if (json == NULL || g_strcmp0 (digest, _suiji_column_text (stmt, 1)) != 0)
    {
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The record of draw %ld does not match the digest saved with it: the "
                      "database file was changed "
                      "outside Suiji. Compare it with the published record and a backup."),
                   (long) draw_id);
      return NULL;
    }

  if (length != NULL)
    *length = size;
  return g_steal_pointer (&json);
}

/**
 * suiji_saved_draw_load_record:
 *
 * Reads the saved JSON record back into a draw record, for showing or
 * for suiji_draw_verify ().
 *
 * Returns: (transfer full): the record, or %NULL with @error set
 */
SuijiDrawRecord *
suiji_saved_draw_load_record (SuijiDatabase *db, gint64 draw_id, GError **error)
{
  g_autofree char *json = NULL;
  gsize            length = 0;

  json = suiji_saved_draw_dup_json (db, draw_id, &length, error);
  if (json == NULL)
    return NULL;

  return suiji_draw_record_from_json (json, (gssize) length, error);
}
