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
 * record changed. */
static void
test_record_changed_with_sqlite (void)
{
  g_autofree char *path = make_draws ("shell.db");
  g_auto (SuijiDrawAudit) audit = { 0 };
  g_auto (SuijiDrawAudit) again = { 0 };

  suiji_test_exec_file (path, "DROP TRIGGER draws_append_only_update;"
                              "UPDATE draws SET record = replace(record, 'Audit-Task-2',"
                              " 'Audit-Task-3') WHERE id = 2");
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

/* One byte of the file itself, as a hex editor would change it. */
static void
test_record_changed_in_file (void)
{
  g_autofree char *path = make_draws ("bytes.db");
  g_autofree char *contents = NULL;
  g_autofree char *integrity = NULL;
  g_auto (SuijiDrawAudit) audit = { 0 };
  const char needle[] = "\"name\" : \"Audit-Task-1\"";
  gsize      length = 0;
  char      *found;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  found = memmem (contents, length, needle, strlen (needle));
  g_assert_nonnull (found);
  /* Once only: the change hits the record and nothing else. */
  g_assert_null (
      memmem (found + 1, length - (gsize) (found + 1 - contents), needle, strlen (needle)));
  found[strlen (needle) - 2] = '7';
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));

  /* SQLite sees nothing wrong: only the digest tells. */
  integrity = suiji_test_query_file (path, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  audit_file (path, &audit);
  g_assert_cmpint (audit.bad_draw, ==, 1);
  g_assert_cmpuint (audit.n_draws, ==, 0);
  g_assert_nonnull (strstr (audit.problem, "Draw 1 "));
}

/* A record changed together with its digest breaks the chain at the
 * draw after it. */
static void
test_digest_rewritten (void)
{
  g_autofree char *path = make_draws ("rewritten.db");
  g_autofree char *record = suiji_test_query_file (path, "SELECT record FROM draws WHERE id = 2");
  g_autofree char *changed = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *sql = NULL;
  g_auto (SuijiDrawAudit) audit = { 0 };
  GString *text = g_string_new (record);

  g_assert_cmpuint (g_string_replace (text, "Audit-Task-2", "Audit-Task-9", 0), ==, 1);
  changed = g_string_free (text, FALSE);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, changed, -1);
  sql = sqlite3_mprintf ("DROP TRIGGER draws_append_only_update;"
                         "UPDATE draws SET record = %Q, record_digest = %Q WHERE id = 2",
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
  g_test_add_func ("/audit/digest-rewritten", test_digest_rewritten);
  g_test_add_func ("/audit/picks-changed", test_picks_changed);
  g_test_add_func ("/audit/draw-removed", test_draw_removed);
  g_test_add_func ("/audit/trigger-dropped", test_trigger_dropped);

  return g_test_run ();
}
