/* suiji-draw-audit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The check an inspection team runs on a database of saved draws: each
 * record matches the digest stored with it, each names the draw before
 * it by that draw's digest, the tables of picks say what the record
 * says, and drawing again from the record gives its results. The walk
 * stops at the first draw that does not fit and names it. Whoever keeps
 * the last digest (the chain's head) on paper can later tell that no
 * draw was changed or removed since, even with the triggers dropped.
 */

#define G_LOG_DOMAIN "suiji-draw-audit"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "suiji-database-private.h"
#include "suiji-draw-audit.h"
#include "suiji-draw.h"
#include "suiji-stored-record-private.h"

/* The triggers of migration 3 that refuse every change to a saved draw. */
static const char *const append_only_triggers[] = {
  "draws_append_only_update",           "draws_append_only_delete",
  "draw_subjects_append_only_update",   "draw_subjects_append_only_delete",
  "draw_inspectors_append_only_update", "draw_inspectors_append_only_delete",
};

void
suiji_draw_audit_clear (SuijiDrawAudit *audit)
{
  g_clear_pointer (&audit->head, g_free);
  g_clear_pointer (&audit->problem, g_free);
}

/* The first column of the first row, NULL for none or NULL. */
static gboolean
query_text (SuijiDatabase *db, const char *sql, char **text, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the draws"));
      return FALSE;
    }
  *text = rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL
              ? g_strdup (_suiji_column_text (stmt, 0))
              : NULL;
  return TRUE;
}

static gboolean
check_triggers (SuijiDatabase *db, char **problem, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (append_only_triggers); i++)
    {
      g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (
          db, "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, append_only_triggers[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          *problem = g_strdup_printf (_("The trigger “%s” that keeps saved draws from being "
                                         "changed is missing: the database file was changed "
                                         "outside Suiji."),
                                      append_only_triggers[i]);
          return TRUE;
        }
    }

  return TRUE;
}

/* The tables of picks against the record: the same subjects in the same
 * order and strata, each with the same inspectors in the same order. */
static gboolean
check_picks (
    SuijiDatabase *db, gint64 draw_id, SuijiDrawRecord *record, char **problem, GError **error)
{
  g_autoptr (sqlite3_stmt) subjects = NULL;
  g_autoptr (sqlite3_stmt) inspectors = NULL;
  const SuijiDrawPick *picks;
  guint                n_picks;
  guint                n_rows = 0;
  guint                n_badges = 0;
  guint                n_expected = 0;
  int                  rc;

  picks = suiji_draw_record_get_picks (record, &n_picks);
  subjects = _suiji_database_prepare (db,
                                      "SELECT position, key, stratum FROM draw_subjects"
                                      " WHERE draw_id = ?1 ORDER BY position",
                                      error);
  if (subjects == NULL)
    return FALSE;
  sqlite3_bind_int64 (subjects, 1, draw_id);
  while ((rc = sqlite3_step (subjects)) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (subjects, 0);

      if (position != n_rows || n_rows >= n_picks ||
          g_strcmp0 (_suiji_column_text (subjects, 1), picks[n_rows].key) != 0 ||
          g_strcmp0 (_suiji_column_text (subjects, 2), picks[n_rows].stratum) != 0)
        {
          *problem = g_strdup_printf (_("subject %u of its table (%s) is not subject %u of "
                                         "its record"),
                                      (guint) position + 1, _suiji_column_text (subjects, 1),
                                      (guint) position + 1);
          return TRUE;
        }
      n_rows++;
    }
  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the draws"));
      return FALSE;
    }
  if (n_rows != n_picks)
    {
      *problem =
          g_strdup_printf (_("its table lists %u subjects, its record %u"), n_rows, n_picks);
      return TRUE;
    }

  inspectors = _suiji_database_prepare (db,
                                        "SELECT position, rank, badge FROM draw_inspectors"
                                        " WHERE draw_id = ?1 ORDER BY position, rank",
                                        error);
  if (inspectors == NULL)
    return FALSE;
  for (guint i = 0; i < n_picks; i++)
    n_expected += g_strv_length (picks[i].inspectors);
  sqlite3_bind_int64 (inspectors, 1, draw_id);
  while ((rc = sqlite3_step (inspectors)) == SQLITE_ROW)
    {
      gint64 position = sqlite3_column_int64 (inspectors, 0);
      gint64 rank = sqlite3_column_int64 (inspectors, 1);

      if (position < 0 || position >= n_picks || rank < 0 ||
          rank >= g_strv_length (picks[position].inspectors) ||
          g_strcmp0 (_suiji_column_text (inspectors, 2), picks[position].inspectors[rank]) != 0)
        {
          *problem = g_strdup_printf (_("inspector %u of subject %u in its table (%s) is not "
                                         "the one its record names"),
                                      (guint) rank + 1, (guint) position + 1,
                                      _suiji_column_text (inspectors, 2));
          return TRUE;
        }
      n_badges++;
    }
  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the draws"));
      return FALSE;
    }
  if (n_badges != n_expected)
    *problem =
        g_strdup_printf (_("its table lists %u inspectors, its record %u"), n_badges, n_expected);

  return TRUE;
}

/* One draw against its own row and the draw before it. Sets @problem to
 * what does not fit; FALSE only when the database cannot be read. */
static gboolean
check_draw (SuijiDatabase *db,
            sqlite3_stmt  *row,
            const char    *previous_digest,
            char         **problem,
            GError       **error)
{
  gint64      draw_id = sqlite3_column_int64 (row, 0);
  const char *stored_digest = _suiji_column_text (row, 6);
  const char *stored_previous = (const char *) sqlite3_column_text (row, 7);
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *difference = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *json = NULL;
  gsize            length = 0;

  json = _suiji_stored_record_unpack (
      sqlite3_column_blob (row, 5), (gsize) sqlite3_column_bytes (row, 5),
      (const char *) sqlite3_column_text (row, 8), &length, &local_error);
  if (json == NULL)
    {
      *problem = g_strdup_printf (_("its record cannot be read: %s"), local_error->message);
      return TRUE;
    }

  digest = suiji_draw_digest_json (json, length);
  if (g_strcmp0 (digest, stored_digest) != 0)
    {
      *problem = g_strdup_printf (_("its record does not match the digest stored with it (the "
                                     "record’s SHA-256 is %s, the digest %s)"),
                                  digest, stored_digest);
      return TRUE;
    }

  if (previous_digest == NULL && stored_previous != NULL)
    {
      *problem = g_strdup_printf (_("it is the first draw of the database but names a draw "
                                     "before it (%s): a draw before it was removed"),
                                  stored_previous);
      return TRUE;
    }
  if (previous_digest != NULL && g_strcmp0 (previous_digest, stored_previous) != 0)
    {
      *problem = g_strdup_printf (_("it names %s as the draw before it, but the draw before it "
                                     "has the digest %s: a draw was removed or changed"),
                                  stored_previous != NULL ? stored_previous : _("no draw"),
                                  previous_digest);
      return TRUE;
    }

  record = suiji_draw_record_from_json (json, (gssize) length, &local_error);
  if (record == NULL)
    {
      *problem = g_strdup_printf (_("its record cannot be read: %s"), local_error->message);
      return TRUE;
    }

  if (suiji_draw_record_get_task_id (record) != sqlite3_column_int64 (row, 1) ||
      g_strcmp0 (suiji_draw_record_get_drawn_at (record), _suiji_column_text (row, 2)) != 0 ||
      g_strcmp0 (SUIJI_DRAW_ALGORITHM, _suiji_column_text (row, 3)) != 0 ||
      g_strcmp0 (suiji_draw_record_get_seed_hex (record), _suiji_column_text (row, 4)) != 0)
    {
      *problem = g_strdup (_("its task, time, algorithm or seed differ from its record"));
      return TRUE;
    }

  if (!check_picks (db, draw_id, record, problem, error))
    return FALSE;
  if (*problem != NULL)
    return TRUE;

  if (!suiji_draw_verify (record, &difference, &local_error))
    *problem = g_strdup_printf (_("drawing again from its record gives another result: %s"),
                                difference != NULL ? difference : local_error->message);

  return TRUE;
}

/* Picks left without their draw, and tasks drawn without a draw, are
 * what deleting a draw with the triggers dropped leaves behind. */
static gboolean
check_removed (SuijiDatabase *db, char **problem, GError **error)
{
  g_autofree char *orphan = NULL;
  g_autofree char *task = NULL;

  if (!query_text (db,
                   "SELECT min(draw_id) FROM (SELECT draw_id FROM draw_subjects UNION ALL"
                   " SELECT draw_id FROM draw_inspectors) WHERE draw_id NOT IN"
                   " (SELECT id FROM draws)",
                   &orphan, error) ||
      !query_text (db,
                   "SELECT min(id) FROM tasks WHERE state <> 'draft' AND id NOT IN"
                   " (SELECT task_id FROM draws)",
                   &task, error))
    return FALSE;

  if (orphan != NULL)
    *problem = g_strdup_printf (_("The picks of draw %s are kept, but the draw itself is gone: "
                                   "a saved draw was removed outside Suiji."),
                                orphan);
  else if (task != NULL)
    *problem = g_strdup_printf (_("Task %s is marked drawn but has no saved draw: a saved draw "
                                   "was removed outside Suiji."),
                                task);
  return TRUE;
}

/**
 * suiji_draw_audit:
 * @audit: (out caller-allocates): what was found; clear it with
 *   suiji_draw_audit_clear ()
 *
 * Walks every saved draw in the order saved and checks that it fits: the
 * SHA-256 of its record is the digest stored with it; it names the digest
 * of the draw before it (the first names none); its task, time and seed
 * are its record's; the tables of picks list the record's subjects and
 * inspectors; and drawing again from the record gives its results. Then
 * checks that no draw left traces of its removal and that the triggers
 * refusing changes are in place. Stops at the first that does not fit.
 *
 * Returns: %FALSE with @error set only when the database cannot be read;
 *   whether everything fits is @audit->problem == %NULL
 */
gboolean
suiji_draw_audit (SuijiDatabase *db, SuijiDrawAudit *audit, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *previous_digest = NULL;
  gboolean         ok = TRUE;
  int              rc = SQLITE_DONE;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (audit != NULL, FALSE);

  memset (audit, 0, sizeof *audit);
  audit->head = g_strdup ("");

  /* One read transaction: the walk sees one state of the file, even while
   * the window saves a draw. */
  if (!_suiji_database_exec (db, "BEGIN", error))
    return FALSE;

  stmt = _suiji_database_prepare (db,
                                  suiji_database_get_schema_version (db) >= 8
                                      ? "SELECT id, task_id, drawn_at, algorithm, seed, record,"
                                        " record_digest, previous_digest, record_compression"
                                        " FROM draws ORDER BY id"
                                      : "SELECT id, task_id, drawn_at, algorithm, seed, record,"
                                        " record_digest, previous_digest, NULL"
                                        " FROM draws ORDER BY id",
                                  error);
  ok = stmt != NULL;

  while (ok && audit->problem == NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *problem = NULL;

      ok = check_draw (db, stmt, previous_digest, &problem, error);
      if (problem != NULL)
        {
          /* The numbers as text: see set_not_found () in suiji-saved-draw.c. */
          g_autofree char *draw = g_strdup (_suiji_column_text (stmt, 0));
          g_autofree char *task = g_strdup (_suiji_column_text (stmt, 1));

          audit->bad_draw = sqlite3_column_int64 (stmt, 0);
          audit->problem = g_strdup_printf (_("Draw %s (task %s, drawn %s) does not fit: %s."),
                                            draw, task, _suiji_column_text (stmt, 2), problem);
          break;
        }
      if (!ok)
        break;

      g_free (previous_digest);
      previous_digest = g_strdup (_suiji_column_text (stmt, 6));
      audit->n_draws++;
    }
  if (ok && audit->problem == NULL && rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the draws"));
      ok = FALSE;
    }

  /* A changed draw is named before the missing trigger that let it be. */
  if (ok && audit->problem == NULL)
    ok = check_removed (db, &audit->problem, error);
  if (ok && audit->problem == NULL)
    ok = check_triggers (db, &audit->problem, error);

  if (ok && previous_digest != NULL)
    {
      g_free (audit->head);
      audit->head = g_steal_pointer (&previous_digest);
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  _suiji_database_rollback (db);
  return ok;
}
