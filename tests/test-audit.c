/* test-audit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The audit of the saved draws, against files changed behind Suiji's
 * back: with the sqlite3 shell (triggers dropped first) and byte by byte.
 */

#define _GNU_SOURCE /* memmem */

#include "config.h"

#include <string.h>

#include "suiji-core-test-utils.h"
#include "suiji-database-private.h"
#include "suiji-draw-audit.h"
#include "suiji-saved-draw.h"
#include "suiji-stored-record-private.h"

/* A database with two tasks and three draws, closed again so that every
 * page is in the main file. */
static char *
make_draws (const char *name)
{
  char *path = suiji_test_database_path (name);
  g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
  gint64 first = 0;
  gint64 second = 0;

  suiji_test_fill_sample (db, 60);
  first = suiji_test_create_task (db, "Audit-Task-1");
  second = suiji_test_create_task (db, "Audit-Task-2");
  g_assert_cmpint (suiji_test_draw (db, first, 1), ==, 1);
  g_assert_cmpint (suiji_test_draw (db, second, 2), ==, 2);
  g_assert_cmpint (suiji_test_draw (db, second, 3), ==, 3);
  return path;
}

static void
audit_file (const char *path, SuijiDrawAudit *audit)
{
  g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
  g_autoptr (GError) error = NULL;

  g_assert_true (suiji_draw_audit (db, audit, &error));
  g_assert_no_error (error);
  g_test_message ("audit: %u draws, head %s, %s", audit->n_draws, audit->head,
                  audit->problem != NULL ? audit->problem : "fits");
}

/* The text of draw @draw_id's record with @from, found once, replaced
 * by @to. */
static char *
changed_record (const char *path, gint64 draw_id, const char *from, const char *to)
{
  g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *json = suiji_saved_draw_dup_json (db, draw_id, NULL, &error);
  GString         *text;

  g_assert_no_error (error);
  text = g_string_new (json);
  g_assert_cmpuint (g_string_replace (text, from, to, 0), ==, 1);
  return g_string_free (text, FALSE);
}

/* @json packed as a save packs it, as an SQL blob literal. */
static char *
packed_literal (const char *json)
{
  gsize            length = 0;
  g_autofree char *packed = _suiji_stored_record_pack (json, strlen (json), &length);
  GString         *literal = g_string_new ("X'");

  g_assert_nonnull (packed);
  for (gsize i = 0; i < length; i++)
    g_string_append_printf (literal, "%02x", (guint8) packed[i]);
  g_string_append_c (literal, '\'');
  return g_string_free (literal, FALSE);
}

static void
test_untouched (void)
{
  g_autofree char *path = make_draws ("untouched.db");
  g_autofree char *head =
      suiji_test_query_file (path, "SELECT record_digest FROM draws ORDER BY id DESC LIMIT 1");
  g_auto (SuijiDrawAudit) audit = { 0 };

  audit_file (path, &audit);
  g_assert_null (audit.problem);
  g_assert_cmpint (audit.bad_draw, ==, 0);
  g_assert_cmpuint (audit.n_draws, ==, 3);
  g_assert_cmpstr (audit.head, ==, head);
  g_assert_cmpuint (strlen (audit.head), ==, 64);
}

static void
test_no_draws (void)
{
  g_autofree char *path = suiji_test_database_path ("empty.db");
  g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
  g_auto (SuijiDrawAudit) audit = { 0 };

  g_assert_true (suiji_draw_audit (db, &audit, NULL));
  g_assert_null (audit.problem);
  g_assert_cmpuint (audit.n_draws, ==, 0);
  g_assert_cmpstr (audit.head, ==, "");
}

/* The sqlite3 shell: the trigger dropped, one character of the second
 * record changed and packed again as Suiji packs it. */
static void
test_record_changed_with_sqlite (void)
{
  g_autofree char *path = make_draws ("shell.db");
  g_autofree char *changed = changed_record (path, 2, "Audit-Task-2", "Audit-Task-3");
  g_autofree char *literal = packed_literal (changed);
  g_autofree char *sql = NULL;
  g_auto (SuijiDrawAudit) audit = { 0 };
  g_auto (SuijiDrawAudit) again = { 0 };

  sql = g_strdup_printf ("DROP TRIGGER draws_append_only_update;"
                         "UPDATE draws SET record = %s WHERE id = 2",
                         literal);
  suiji_test_exec_file (path, sql);
  audit_file (path, &audit);
  g_assert_cmpint (audit.bad_draw, ==, 2);
  g_assert_cmpuint (audit.n_draws, ==, 1);
  g_assert_nonnull (strstr (audit.problem, "Draw 2 "));
  g_assert_nonnull (strstr (audit.problem, "digest"));

  /* With the trigger put back the draw is still named. */
  suiji_test_exec_file (path,
                        "CREATE TRIGGER draws_append_only_update BEFORE UPDATE ON draws"
                        " BEGIN SELECT RAISE (ABORT, 'a saved draw cannot be changed'); END;");
  audit_file (path, &again);
  g_assert_cmpint (again.bad_draw, ==, 2);
}

/* One byte of the file itself, as a hex editor would change it: in the
 * middle of the first draw's packed record. */
static void
test_record_changed_in_file (void)
{
  g_autofree char *path = make_draws ("bytes.db");
  g_autofree char *hex = suiji_test_query_file (path, "SELECT hex(record) FROM draws WHERE id = 1");
  g_autofree char *contents = NULL;
  g_autofree char *integrity = NULL;
  g_autofree guint8 *packed = NULL;
  g_auto (SuijiDrawAudit) audit = { 0 };
  gsize packed_length = strlen (hex) / 2;
  gsize length = 0;
  char *found;

  /* Small enough to lie in one page of the file, in one piece. */
  g_assert_cmpuint (packed_length, >, 64);
  g_assert_cmpuint (packed_length, <, 3000);
  packed = g_malloc (packed_length);
  for (gsize i = 0; i < packed_length; i++)
    packed[i] =
        (guint8) (g_ascii_xdigit_value (hex[2 * i]) * 16 + g_ascii_xdigit_value (hex[2 * i + 1]));

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  found = memmem (contents, length, packed, packed_length);
  g_assert_nonnull (found);
  /* Once only: the change hits the record and nothing else. */
  g_assert_null (
      memmem (found + 1, length - (gsize) (found + 1 - contents), packed, packed_length));
  found[packed_length / 2] ^= 0x20;
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));

  /* SQLite sees nothing wrong: only the record's own check tells. */
  integrity = suiji_test_query_file (path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  audit_file (path, &audit);
  g_assert_cmpint (audit.bad_draw, ==, 1);
  g_assert_cmpuint (audit.n_draws, ==, 0);
  g_assert_nonnull (strstr (audit.problem, "Draw 1 "));
  g_assert_nonnull (strstr (audit.problem, "record"));
}

/* A record cut short cannot be unpacked: the audit names it, and the
 * window's reading of it refuses it. */
static void
test_record_truncated (void)
{
  g_autofree char *path = make_draws ("truncated.db");
  g_auto (SuijiDrawAudit) audit = { 0 };

  suiji_test_exec_file (path, "DROP TRIGGER draws_append_only_update;"
                              "UPDATE draws SET record = substr(record, 1, length(record) - 9)"
                              " WHERE id = 3");
  audit_file (path, &audit);
  g_assert_cmpint (audit.bad_draw, ==, 3);
  g_assert_nonnull (strstr (audit.problem, "cannot be read"));

  {
    g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
    g_autoptr (GError) error = NULL;
    g_autofree char *json = suiji_saved_draw_dup_json (db, 3, NULL, &error);

    g_assert_null (json);
    g_assert_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD);
  }
}

/* What is not a whole zstd frame of a record is refused, never read. */
static void
test_unpack_refuses (void)
{
  const char *const packings[] = { "zstd", "zstd", "zstd", "lz4" };
  const char *const stored[] = { "", "{\"algorithm\"", "\x28\xb5\x2f\xfd\x00", "{}" };
  g_autofree char  *frame = NULL;
  g_autofree char  *plain = NULL;
  gsize             frame_length = 0;
  gsize             length = 1;

  for (guint i = 0; i < G_N_ELEMENTS (packings); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *text = _suiji_stored_record_unpack (
          *stored[i] != '\0' ? stored[i] : NULL, strlen (stored[i]), packings[i], &length, &error);

      g_assert_null (text);
      g_assert_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD);
    }

  /* Text is read as it is, even empty; a frame comes back whole. */
  plain = _suiji_stored_record_unpack (NULL, 0, "none", &length, NULL);
  g_assert_cmpstr (plain, ==, "");
  g_assert_cmpuint (length, ==, 0);
  frame = _suiji_stored_record_pack ("{\"k\": 1}", 8, &frame_length);
  {
    g_autofree char *text =
        _suiji_stored_record_unpack (frame, frame_length, "zstd", &length, NULL);

    g_assert_cmpstr (text, ==, "{\"k\": 1}");
    g_assert_cmpuint (length, ==, 8);
  }
}

/* A county's record is kept packed: a fraction of its text, which comes
 * back byte for byte. */
static void
test_record_packed (void)
{
  g_autofree char *path = suiji_test_database_path ("packed.db");
  g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  gsize            length = 0;
  gsize            again_length = 0;
  gint64           draw;

  suiji_test_fill_sample (db, 5000);
  draw = suiji_test_draw (db, suiji_test_create_task (db, "Packed"), 4);
  sql = g_strdup_printf ("SELECT record_compression || ' ' || typeof(record) || ' ' ||"
                         " length(record) FROM draws WHERE id = %" G_GINT64_FORMAT,
                         draw);
  stored = suiji_test_query (db, sql);
  json = suiji_saved_draw_dup_json (db, draw, &length, &error);
  g_assert_no_error (error);
  g_test_message ("%s, %zu bytes of text", stored, length);
  g_assert_true (g_str_has_prefix (stored, "zstd blob "));
  g_assert_cmpuint (g_ascii_strtoull (stored + strlen ("zstd blob "), NULL, 10), <, length / 4);

  record = suiji_saved_draw_load_record (db, draw, &error);
  g_assert_no_error (error);
  again = suiji_draw_record_to_json (record, &again_length);
  g_assert_cmpmem (again, again_length, json, length);
}

/* A file from before packing keeps its records as text: they read and
 * audit as before, and the draws saved after them chain on, packed. */
static void
test_plain_records_kept (void)
{
  g_autofree char *path = suiji_test_database_path ("plain.db");
  g_autoptr (GError) error = NULL;
  g_auto (SuijiDrawAudit) audit = { 0 };
  g_autofree char *stored = NULL;

  {
    g_autoptr (SuijiDatabase) old =
        _suiji_database_open_with_migrations (path, _suiji_database_get_migrations (), 7, &error);

    g_assert_no_error (error);
    suiji_test_fill_sample (old, 60);
    g_assert_cmpint (suiji_test_draw (old, suiji_test_create_task (old, "Plain"), 1), ==, 1);
  }

  {
    g_autoptr (SuijiDatabase) db = suiji_test_open_database (path);
    g_autofree char *json = NULL;

    g_assert_cmpint (suiji_database_get_schema_version (db), ==, SUIJI_DATABASE_SCHEMA_VERSION);
    json = suiji_saved_draw_dup_json (db, 1, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_str_has_prefix (json, "{"));
    g_assert_cmpint (suiji_test_draw (db, suiji_test_create_task (db, "Packed"), 2), ==, 2);
  }

  stored = suiji_test_query_file (path, "SELECT group_concat(record_compression || ' ' ||"
                                        " typeof(record), ', ') FROM draws");
  g_assert_cmpstr (stored, ==, "none text, zstd blob");
  audit_file (path, &audit);
  g_assert_null (audit.problem);
  g_assert_cmpuint (audit.n_draws, ==, 2);
}

/* A record changed together with its digest breaks the chain at the
 * draw after it. */
static void
test_digest_rewritten (void)
{
  g_autofree char *path = make_draws ("rewritten.db");
  g_autofree char *changed = changed_record (path, 2, "Audit-Task-2", "Audit-Task-9");
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, changed, -1);
  g_autofree char *sql = NULL;
  g_auto (SuijiDrawAudit) audit = { 0 };

  /* As text: a file may hold records of either kind. */
  sql = sqlite3_mprintf ("DROP TRIGGER draws_append_only_update;"
                         "UPDATE draws SET record = %Q, record_compression = 'none',"
                         " record_digest = %Q WHERE id = 2",
                         changed, digest);
  suiji_test_exec_file (path, sql);
  sqlite3_free (g_steal_pointer (&sql));

  audit_file (path, &audit);
  g_assert_cmpint (audit.bad_draw, ==, 3);
  g_assert_cmpuint (audit.n_draws, ==, 2);
  g_assert_nonnull (strstr (audit.problem, "the draw before it"));
}

/* The picks in the tables must be the record's: a badge swapped there is
 * found although the record and the chain are whole. */
static void
test_picks_changed (void)
{
  g_autofree char *path = make_draws ("picks.db");
  g_auto (SuijiDrawAudit) audit = { 0 };

  suiji_test_exec_file (path, "DROP TRIGGER draw_inspectors_append_only_update;"
                              "UPDATE draw_inspectors SET badge = 'X' || badge"
                              " WHERE draw_id = 3 AND position = 1 AND rank = 0;"
                              "CREATE TRIGGER draw_inspectors_append_only_update BEFORE UPDATE"
                              " ON draw_inspectors BEGIN SELECT RAISE (ABORT, 'no'); END;");
  audit_file (path, &audit);
  g_assert_cmpint (audit.bad_draw, ==, 3);
  g_assert_nonnull (strstr (audit.problem, "inspector 1 of subject 2"));
}

/* Removing a draw leaves traces: the chain breaks after a draw in the
 * middle; the last draw leaves its task marked drawn, or its picks. */
static void
test_draw_removed (void)
{
  g_autofree char *middle = make_draws ("middle.db");
  g_autofree char *last = make_draws ("last.db");
  g_autofree char *orphans = make_draws ("orphans.db");
  g_auto (SuijiDrawAudit) audit = { 0 };
  g_auto (SuijiDrawAudit) audit_last = { 0 };
  g_auto (SuijiDrawAudit) audit_orphans = { 0 };

  suiji_test_exec_file (middle, "DROP TRIGGER draws_append_only_delete;"
                                "DROP TRIGGER draw_subjects_append_only_delete;"
                                "DROP TRIGGER draw_inspectors_append_only_delete;"
                                "DELETE FROM draw_inspectors WHERE draw_id = 2;"
                                "DELETE FROM draw_subjects WHERE draw_id = 2;"
                                "DELETE FROM draws WHERE id = 2");
  audit_file (middle, &audit);
  g_assert_cmpint (audit.bad_draw, ==, 3);
  g_assert_nonnull (strstr (audit.problem, "removed"));

  suiji_test_exec_file (last, "DROP TRIGGER draws_append_only_delete;"
                              "DROP TRIGGER draw_subjects_append_only_delete;"
                              "DROP TRIGGER draw_inspectors_append_only_delete;"
                              "DELETE FROM draw_inspectors WHERE draw_id IN (2, 3);"
                              "DELETE FROM draw_subjects WHERE draw_id IN (2, 3);"
                              "DELETE FROM draws WHERE id IN (2, 3)");
  audit_file (last, &audit_last);
  g_assert_cmpint (audit_last.bad_draw, ==, 0);
  g_assert_cmpuint (audit_last.n_draws, ==, 1);
  g_assert_nonnull (strstr (audit_last.problem, "Task 2 is marked drawn"));

  suiji_test_exec_file (orphans, "DROP TRIGGER draws_append_only_delete;"
                                 "PRAGMA foreign_keys = OFF;"
                                 "DELETE FROM draws WHERE id = 3");
  audit_file (orphans, &audit_orphans);
  g_assert_nonnull (strstr (audit_orphans.problem, "picks of draw 3"));
}

static void
test_trigger_dropped (void)
{
  g_autofree char *path = make_draws ("trigger.db");
  g_auto (SuijiDrawAudit) audit = { 0 };

  suiji_test_exec_file (path, "DROP TRIGGER draw_subjects_append_only_delete");
  audit_file (path, &audit);
  g_assert_cmpint (audit.bad_draw, ==, 0);
  g_assert_cmpuint (audit.n_draws, ==, 3);
  g_assert_nonnull (strstr (audit.problem, "draw_subjects_append_only_delete"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/audit/untouched", test_untouched);
  g_test_add_func ("/audit/no-draws", test_no_draws);
  g_test_add_func ("/audit/record-changed-with-sqlite", test_record_changed_with_sqlite);
  g_test_add_func ("/audit/record-changed-in-file", test_record_changed_in_file);
  g_test_add_func ("/audit/record-truncated", test_record_truncated);
  g_test_add_func ("/audit/record-packed", test_record_packed);
  g_test_add_func ("/audit/unpack-refuses", test_unpack_refuses);
  g_test_add_func ("/audit/plain-records-kept", test_plain_records_kept);
  g_test_add_func ("/audit/digest-rewritten", test_digest_rewritten);
  g_test_add_func ("/audit/picks-changed", test_picks_changed);
  g_test_add_func ("/audit/draw-removed", test_draw_removed);
  g_test_add_func ("/audit/trigger-dropped", test_trigger_dropped);

  return g_test_run ();
}
