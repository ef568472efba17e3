/* test-kill.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A laptop closed, a process killed: an import, a draw or a form save is
 * started in a child process and killed with SIGKILL at a random moment,
 * again and again. After each kill SQLite's integrity check passes and the
 * work is in the database whole, or not at all.
 *
 * Each operation is killed for SUIJI_KILL_SECONDS seconds (4 by default,
 * enough for CI); build-aux/kill-long runs them for minutes. The figures
 * are printed as TAP comments: "import: N kills, M in the middle".
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "suiji-core-test-utils.h"
#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-draw-audit.h"
#include "suiji-form-report.h"
#include "suiji-import.h"
#include "suiji-saved-draw.h"
#include "suiji-task-draw.h"
#include "suiji-task.h"

#define IMPORT_ROWS     2500
#define POOL_SUBJECTS   2000
#define MIN_KILLS       8
#define DEFAULT_SECONDS 4

typedef enum
{
  OPERATION_IMPORT,
  OPERATION_DRAW,
  OPERATION_FORM,
} Operation;

typedef struct
{
  char  *path;
  char  *csv;
  gint64 task_id;
  gint64 department_id;
  guint  round;
  guint  saved_round;    /* the last round whose form save went in */
  guint  drawn_subjects; /* what one draw of the task picks */
  gint64 duration_us;    /* of the operation's writes, unkilled */
  GRand *rand;
  guint  kills;
  guint  in_the_middle; /* kills that found the child still working */
} Fixture;

static void
write_round_csv (Fixture *fixture)
{
  g_autoptr (GString) text = g_string_new ("统一社会信用代码,企业名称,信用风险分类,住所\n");

  for (guint i = 0; i < IMPORT_ROWS; i++)
    g_string_append_printf (text, "130582KILL%06u,沙河市断电测试%u号商店,%c,第%u轮\n", i, i,
                            "ABCD"[i % 4], fixture -> round);
  g_assert_true (g_file_set_contents (fixture->csv, text->str, (gssize) text->len, NULL));
}

/* The child's work: everything up to the writes, then a byte on @ready,
 * then the writes. Returns the child's exit status. */
static int
child_work (Fixture *fixture, Operation operation, int ready)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDatabase) db = suiji_database_open (fixture->path, &error);
  gboolean done = FALSE;

  if (db == NULL)
    return 3;

  switch (operation)
    {
    case OPERATION_IMPORT:
      {
        SuijiTable *table = suiji_table_read_file (fixture->csv, NULL, NULL, &error);
        g_autoptr (SuijiImport) import = NULL;
        SuijiImportSummary summary;

        if (table == NULL)
          return 4;
        import = suiji_import_new (db, SUIJI_DIRECTORY_SUBJECTS, table, fixture->csv);
        if (!suiji_import_validate (import, NULL, &error))
          return 5;
        (void) !write (ready, "r", 1);
        done = suiji_import_commit (import, SUIJI_IMPORT_GOOD_ROWS, NULL, NULL, NULL, &summary,
                                    &error);
        break;
      }
    case OPERATION_DRAW:
      {
        g_autoptr (SuijiDrawRecord) record = suiji_task_prepare_draw (db, fixture->task_id, &error);
        guint8 seed[SUIJI_DRAW_SEED_SIZE] = { (guint8) fixture->round, 7 };

        if (record == NULL)
          return 4;
        suiji_draw_record_set_seed_random (record, seed);
        if (!suiji_draw_run (record, &error))
          return 5;
        (void) !write (ready, "r", 1);
        done = suiji_task_save_draw (db, fixture->task_id, record, &error) > 0;
        break;
      }
    case OPERATION_FORM:
    default:
      {
        g_autoptr (SuijiFormReport) report = suiji_form_report_load (
            db, SUIJI_FORM_DEPARTMENT, 2025, 5, fixture->department_id, &error);

        if (report == NULL)
          return 4;
        for (guint row = 2; row <= 3; row++)
          for (guint column = 0; column < SUIJI_FORM_N_COLUMNS; column++)
            suiji_form_report_set_value (report, row, column, fixture->round);
        (void) !write (ready, "r", 1);
        done = suiji_form_report_save (db, report, &error);
        break;
      }
    }

  if (!done)
    {
      g_printerr ("child: %s\n", error != NULL ? error->message : "failed");
      return 6;
    }
  return 0;
}

static char *
query (Fixture *fixture, const char *sql)
{
  return suiji_test_query_file (fixture->path, sql);
}

static guint
query_uint (Fixture *fixture, const char *sql)
{
  g_autofree char *text = query (fixture, sql);

  return (guint) g_ascii_strtoull (text, NULL, 10);
}

typedef struct
{
  guint subjects;
  guint draws;
  guint revision;
} State;

static void
read_state (Fixture *fixture, State *state)
{
  state->subjects = query_uint (fixture, "SELECT count(*) FROM subjects");
  state->draws = query_uint (fixture, "SELECT count(*) FROM draws");
  state->revision = query_uint (fixture, "SELECT coalesce(max(revision), 0) FROM form_reports");
}

/* The operation of @round is in the database whole, or not at all. */
static void
check_whole_or_absent (Fixture *fixture, Operation operation, const State *before)
{
  g_autofree char *integrity = query (fixture, "PRAGMA integrity_check");
  State            after;

  g_assert_cmpstr (integrity, ==, "ok");
  read_state (fixture, &after);

  switch (operation)
    {
    case OPERATION_IMPORT:
      {
        g_autofree char *sql = g_strdup_printf (
            "SELECT count(*) FROM subjects WHERE address = '第%u轮'", fixture->round);
        guint this_round = query_uint (fixture, sql);
        guint kill_rows = query_uint (fixture, "SELECT count(*) FROM subjects"
                                               " WHERE key LIKE '130582KILL%'");

        g_assert_true (this_round == 0 || this_round == IMPORT_ROWS);
        g_assert_true (kill_rows == 0 || kill_rows == IMPORT_ROWS);
        g_assert_true (after.subjects == before->subjects ||
                       after.subjects == before->subjects + IMPORT_ROWS);
        if (this_round == 0)
          g_assert_cmpuint (after.subjects, ==, before->subjects);
        break;
      }
    case OPERATION_DRAW:
      g_assert_true (after.draws == before->draws || after.draws == before->draws + 1);
      if (after.draws > before->draws)
        {
          g_autoptr (SuijiDatabase) db = suiji_test_open_database (fixture->path);
          g_autoptr (GError) error = NULL;
          gint64           last = query_uint (fixture, "SELECT max(id) FROM draws");
          g_autofree char *record = suiji_saved_draw_dup_json (db, last, NULL, &error);
          g_autofree char *stored = query (fixture, "SELECT record_digest FROM draws"
                                                    " ORDER BY id DESC LIMIT 1");
          g_autofree char *digest = NULL;

          guint picks = query_uint (fixture, "SELECT count(*) FROM draw_subjects WHERE"
                                             " draw_id = (SELECT max(id) FROM draws)");

          g_assert_no_error (error);
          digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, record, -1);
          g_assert_cmpstr (digest, ==, stored);
          /* The pool is the same each round: so is the number drawn. */
          if (fixture->drawn_subjects == 0)
            fixture->drawn_subjects = picks;
          g_assert_cmpuint (picks, >, 0);
          g_assert_cmpuint (picks, ==, fixture->drawn_subjects);
          g_assert_cmpuint (query_uint (fixture, "SELECT count(*) FROM draw_inspectors WHERE"
                                                 " draw_id = (SELECT max(id) FROM draws)"),
                            ==, 2 * fixture->drawn_subjects);
        }
      break;
    case OPERATION_FORM:
    default:
      {
        g_autofree char *sql = NULL;

        g_assert_true (after.revision == before->revision ||
                       after.revision == before->revision + 1);
        /* The current revision has all its cells, and they are all of one
         * save. */
        if (after.revision > before->revision)
          fixture->saved_round = fixture->round;
        sql = g_strdup_printf ("SELECT count(*) FROM form_values v JOIN form_reports r"
                               " ON r.id = v.report_id AND r.revision = v.revision"
                               " WHERE v.form_row IN (2, 3) AND v.value = %u",
                               fixture->saved_round);
        if (after.revision > 0)
          g_assert_cmpuint (query_uint (fixture, sql), ==, 2 * SUIJI_FORM_N_COLUMNS);
        break;
      }
    }
}

/* One round: start the child, wait until it is about to write, kill it
 * at a random moment of its writes (or a little after), check. */
static void
kill_once (Fixture *fixture, Operation operation, gboolean killing)
{
  State  before;
  int    ready[2];
  pid_t  child;
  int    status = 0;
  char   byte;
  gint64 started;

  fixture->round++;
  if (operation == OPERATION_IMPORT)
    write_round_csv (fixture);
  read_state (fixture, &before);

  g_assert_cmpint (pipe (ready), ==, 0);
  child = fork ();
  g_assert_cmpint (child, >=, 0);
  if (child == 0)
    {
      close (ready[0]);
      /* Not exit (): the parent's atexit handlers are not the child's. */
      _exit (child_work (fixture, operation, ready[1]));
    }
  close (ready[1]);

  if (read (ready[0], &byte, 1) != 1)
    killing = FALSE;
  started = g_get_monotonic_time ();
  if (killing)
    {
      gint64 delay =
          g_rand_int_range (fixture->rand, 0, (gint32) (fixture->duration_us * 6 / 5) + 1);

      g_usleep ((gulong) delay);
      kill (child, SIGKILL);
    }
  close (ready[0]);
  g_assert_cmpint (waitpid (child, &status, 0), ==, child);
  if (!killing)
    fixture->duration_us = MAX (g_get_monotonic_time () - started, 1000);

  if (killing)
    {
      fixture->kills++;
      if (WIFSIGNALED (status) && WTERMSIG (status) == SIGKILL)
        fixture->in_the_middle++;
      else
        {
          g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
          /* The unkilled round can be slow once (a cold cache, a busy
           * machine) and send every later kill after the work: aim
           * earlier after each miss. */
          fixture->duration_us = MAX (fixture->duration_us * 3 / 4, 100);
        }
    }
  else
    g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);

  check_whole_or_absent (fixture, operation, &before);
}

/* The database every test starts from, made once: the sample data of
 * POOL_SUBJECTS subjects and a task of the market regulation bureau. */
static char  *template_path;
static gint64 template_task;
static gint64 template_department;

static void
make_template (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDatabase) db = NULL;
  g_autoptr (SuijiTaskRecord) task = suiji_task_record_new ();
  g_autofree char *folder = g_dir_make_tmp ("suiji-kill-XXXXXX", NULL);
  guint            none = 0;

  template_path = g_build_filename (folder, "template.db", NULL);
  db = suiji_test_open_database (template_path);
  suiji_test_fill_sample (db, POOL_SUBJECTS);
  template_department =
      suiji_department_ensure (db, "沙河市市场监督管理局", "市场监管局", TRUE, &error);
  g_assert_no_error (error);
  g_free (task->name);
  task->name = g_strdup ("断电测试");
  task->year = 2025;
  g_array_append_val (task->department_ids, template_department);
  g_array_append_val (task->department_inspectors, none);
  g_assert_true (suiji_task_parse_rules (task, "A=500,B=1000,C=2000,D=3000", FALSE, &error));
  template_task = suiji_task_create (db, task, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer data)
{
  const char      *seed = g_getenv ("SUIJI_KILL_SEED");
  g_autofree char *contents = NULL;
  gsize            length = 0;

  if (template_path == NULL)
    make_template ();

  fixture->path = suiji_test_database_path ("killed.db");
  fixture->csv = g_build_filename (g_get_user_data_dir (), "subjects.csv", NULL);
  fixture->rand = seed != NULL ? g_rand_new_with_seed ((guint32) atoi (seed)) : g_rand_new ();
  fixture->task_id = template_task;
  fixture->department_id = template_department;

  /* Closed, the template is one file: a copy of it is a fresh database. */
  g_assert_true (g_file_get_contents (template_path, &contents, &length, NULL));
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (fixture->path, contents, (gssize) length, NULL));
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer data)
{
  g_free (fixture->path);
  g_free (fixture->csv);
  g_rand_free (fixture->rand);
}

static void
run_kills (Fixture *fixture, Operation operation, const char *name)
{
  const char *seconds_text = g_getenv ("SUIJI_KILL_SECONDS");
  gint64      seconds =
      seconds_text != NULL ? g_ascii_strtoll (seconds_text, NULL, 10) : DEFAULT_SECONDS;
  gint64 deadline;

  /* One round unkilled: how long the writes take, and what they make. */
  kill_once (fixture, operation, FALSE);

  deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  while (fixture->kills < MIN_KILLS || g_get_monotonic_time () < deadline)
    kill_once (fixture, operation, TRUE);

  g_test_message ("%s: %u kills, %u in the middle of the work, %u rounds; "
                  "integrity ok and the work whole or absent after each",
                  name, fixture->kills, fixture->in_the_middle, fixture->round);
  g_assert_cmpuint (fixture->in_the_middle, >, 0);

  /* The draws saved between the kills form a chain that fits. */
  {
    g_autoptr (SuijiDatabase) db = suiji_test_open_database (fixture->path);
    g_auto (SuijiDrawAudit) audit = { 0 };

    g_assert_true (suiji_draw_audit (db, &audit, NULL));
    g_assert_null (audit.problem);
  }
}

static void
test_kill_import (Fixture *fixture, gconstpointer data)
{
  run_kills (fixture, OPERATION_IMPORT, "import");
}

static void
test_kill_draw (Fixture *fixture, gconstpointer data)
{
  run_kills (fixture, OPERATION_DRAW, "draw");
}

static void
test_kill_form (Fixture *fixture, gconstpointer data)
{
  run_kills (fixture, OPERATION_FORM, "form save");
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/kill/import", Fixture, NULL, fixture_set_up, test_kill_import, fixture_tear_down);
  g_test_add ("/kill/draw", Fixture, NULL, fixture_set_up, test_kill_draw, fixture_tear_down);
  g_test_add ("/kill/form-save", Fixture, NULL, fixture_set_up, test_kill_form, fixture_tear_down);

  status = g_test_run ();

  if (template_path != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (template_path);

      g_unlink (template_path);
      g_rmdir (folder);
      g_free (template_path);
    }
  return status;
}
