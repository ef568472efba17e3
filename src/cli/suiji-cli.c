/* suiji-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scriptable front of the core: argument parsing and output only.
 * Exit codes are a contract: 0 done, 1 the work failed, 2 unusable input
 * or command line.
 */

#define G_LOG_DOMAIN "suiji-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "suiji-chart.h"
#include "suiji-backup.h"
#include "suiji-database.h"
#include "suiji-department.h"
#include "suiji-fields.h"
#include "suiji-directory-export.h"
#include "suiji-draw-audit.h"
#include "suiji-draw-publish.h"
#include "suiji-form-export.h"
#include "suiji-form-gather.h"
#include "suiji-form-import.h"
#include "suiji-import.h"
#include "suiji-item.h"
#include "suiji-task-draw.h"
#include "suiji-task.h"
#include "suiji-profile.h"
#include "suiji-result.h"
#include "suiji-sample-data.h"
#include "suiji-statistics.h"
#include "suiji-summary.h"

enum
{
  EXIT_DONE = 0,
  EXIT_FAILED = 1,
  EXIT_USAGE = 2,
  EXIT_REJECTED = 3,
};

typedef int (*CommandFunc) (SuijiDatabase *db, int argc, char **argv);

static int
usage_error (GOptionContext *context, const char *message)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  g_printerr ("suiji-cli: %s\n\n%s", message, help);
  return EXIT_USAGE;
}

static int
run_sample_data (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  SuijiSampleDataCounts counts;
  int                   n_subjects = SUIJI_SAMPLE_DEFAULT_SUBJECTS;
  gint64                seed = SUIJI_SAMPLE_DEFAULT_SEED;
  gboolean              no_year = FALSE;
  const GOptionEntry    entries[] = {
       { "subjects", 0, 0, G_OPTION_ARG_INT, &n_subjects,
         N_("How many inspection subjects to generate"), N_("N") },
       { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
         N_("Seed of the generator; the same seed gives the same data"), N_("S") },
       { "no-year", 0, 0, G_OPTION_ARG_NONE, &no_year,
         N_("Only the directories, without the year of tasks, draws and results"), NULL },
       { NULL }
  };

  context = g_option_context_new (_("- fill the database with the 沙河市 sample data"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, _("sample-data takes no further arguments"));
  if (n_subjects < 0 || seed < 0)
    return usage_error (context, _("--subjects and --seed must not be negative"));

  if (!(no_year ? suiji_sample_data_fill_directories
                : suiji_sample_data_fill) (db, (guint) n_subjects, (guint64) seed, &counts, &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_FAILED;
    }

  g_print (_("sample data: %u departments, %u subjects, %u inspectors, %u items, %u avoidance "
              "pairs added\n"),
           counts.departments, counts.subjects, counts.inspectors, counts.items, counts.avoidances);
  g_print (_("sample year: %u tasks drawn, %u subjects drawn\n"), counts.tasks,
           counts.drawn_subjects);
  return EXIT_DONE;
}

static int
run_info (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_("- describe the database"));
  g_autoptr (SuijiUnitProfile) profile = NULL;
  g_autoptr (GListModel) departments = NULL;
  g_autoptr (GError) error = NULL;
  SuijiYearlyTargets targets;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);

  if (!(profile = suiji_unit_profile_load (db, &error)) ||
      !(departments = suiji_department_list_all (db, &error)) ||
      !suiji_yearly_targets_load (db, profile->report_year, &targets, &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_FAILED;
    }

  /* Stable "key: value" lines, so that scripts can read them. */
  g_print ("path: %s\n", suiji_database_get_path (db));
  g_print ("schema-version: %d\n", suiji_database_get_schema_version (db));
  g_print ("unit-name: %s\n", profile->unit_name);
  g_print ("report-year: %d\n", profile->report_year);
  g_print ("departments: %u\n", g_list_model_get_n_items (departments));
  g_print ("target-joint-count-bp: %d\n", targets.joint_count_bp);
  g_print ("target-joint-subjects-bp: %d\n", targets.joint_subjects_bp);
  g_print ("target-credit-count-bp: %d\n", targets.credit_count_bp);
  return EXIT_DONE;
}

static int
parse_directory (GOptionContext *context, const char *text, SuijiDirectory *kind)
{
  if (text == NULL || !suiji_directory_from_string (text, kind))
    {
      g_autofree char *message =
          g_strdup_printf (_("“%s” is not a directory: write subjects, inspectors or items"),
                           text != NULL ? text : "");
      return usage_error (context, message);
    }

  return EXIT_DONE;
}

static void
print_progress (guint done, guint total, gpointer user_data)
{
  gboolean *interactive = user_data;

  if (*interactive && total > 0)
    g_printerr ("\r%u/%u", done, total);
}

static int
run_import (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiImport) import = NULL;
  g_autoptr (SuijiTable) table = NULL;
  g_autofree char      *encoding = NULL;
  g_autofree char      *map = NULL;
  SuijiTableReadOptions read_options = { SUIJI_TABLE_ENCODING_AUTO, -1 };
  SuijiImportSummary    summary;
  SuijiDirectory        kind;
  gboolean              all_or_nothing = FALSE;
  gboolean              interactive = isatty (STDERR_FILENO);
  int                   sheet = 0;
  int                   status;
  const GOptionEntry    entries[] = {
       { "sheet", 0, 0, G_OPTION_ARG_INT, &sheet,
         N_("The sheet of an xlsx file to read, 1 for the first"), N_("SHEET") },
       { "encoding", 0, 0, G_OPTION_ARG_STRING, &encoding,
         N_("The encoding of a CSV file: auto, utf-8 or gb18030"), N_("ENCODING") },
       { "map", 0, 0, G_OPTION_ARG_STRING, &map,
         N_("Which column holds which field: 'heading=field,…'"), N_("MAP") },
       { "all-or-nothing", 0, 0, G_OPTION_ARG_NONE, &all_or_nothing,
         N_("Import nothing when any row has a problem"), NULL },
       { NULL }
  };

  context = g_option_context_new (
      _("subjects|inspectors|items FILE - import a directory from CSV or xlsx"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 3)
    return usage_error (context, _("import needs a directory and a file"));
  if ((status = parse_directory (context, argv[1], &kind)) != EXIT_DONE)
    return status;

  if (encoding == NULL || g_ascii_strcasecmp (encoding, "auto") == 0)
    read_options.encoding = SUIJI_TABLE_ENCODING_AUTO;
  else if (g_ascii_strcasecmp (encoding, "utf-8") == 0 ||
           g_ascii_strcasecmp (encoding, "utf8") == 0)
    read_options.encoding = SUIJI_TABLE_ENCODING_UTF8;
  else if (g_ascii_strcasecmp (encoding, "gb18030") == 0 ||
           g_ascii_strcasecmp (encoding, "gbk") == 0)
    read_options.encoding = SUIJI_TABLE_ENCODING_GB18030;
  else
    return usage_error (context, _("--encoding takes auto, utf-8 or gb18030"));

  if (sheet < 0)
    return usage_error (context, _("--sheet counts from 1"));
  read_options.sheet = sheet - 1;

  table = suiji_table_read_file (argv[2], &read_options, NULL, &error);
  if (table == NULL)
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_USAGE;
    }

  import = suiji_import_new (db, kind, g_steal_pointer (&table), argv[2]);
  if ((map != NULL && !suiji_import_apply_map_spec (import, map, &error)) ||
      !suiji_import_validate (import, NULL, &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      if (g_error_matches (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_MAPPING))
        g_printerr (_("suiji-cli: name the columns with --map 'heading=field,…'; the fields are "
                       "in docs/import.md\n"));
      return EXIT_USAGE;
    }

  {
    GPtrArray *problems = suiji_import_get_problems (import);

    for (guint i = 0; i < problems->len; i++)
      {
        const SuijiImportProblem *problem = g_ptr_array_index (problems, i);
        g_autofree char          *line = suiji_import_describe_problem (import, problem);

        if (problem->warning)
          g_printerr (_("warning: %s\n"), line);
        else
          g_printerr ("%s\n", line);
      }
  }

  if (!suiji_import_commit (import,
                            all_or_nothing ? SUIJI_IMPORT_ALL_OR_NOTHING : SUIJI_IMPORT_GOOD_ROWS,
                            NULL, print_progress, &interactive, &summary, &error) &&
      !g_error_matches (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_REJECTED_ROWS))
    {
      if (interactive)
        g_printerr ("\n");
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_FAILED;
    }

  if (interactive)
    g_printerr ("\r");
  /* One line a script can read: added, updated, rejected. */
  g_print ("%s: %u added, %u updated, %u rejected\n", suiji_directory_to_string (kind),
           summary.added, summary.updated, summary.rejected);
  if (error != NULL)
    g_printerr ("suiji-cli: %s\n", error->message);

  return summary.rejected > 0 ? EXIT_REJECTED : EXIT_DONE;
}

static int
run_export (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  SuijiDirectory kind;
  guint          n_rows = 0;
  int            status;

  context = g_option_context_new (_("subjects|inspectors|items FILE.xlsx - export a directory"));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 3)
    return usage_error (context, _("export needs a directory and a file"));
  if ((status = parse_directory (context, argv[1], &kind)) != EXIT_DONE)
    return status;

  if (!suiji_directory_export (db, kind, argv[2], &n_rows, &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_FAILED;
    }

  g_print ("%s: %u exported\n", suiji_directory_to_string (kind), n_rows);
  return EXIT_DONE;
}

static int
run_draw (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autofree char        *seed_hex = NULL;
  g_autofree char        *seed_text = NULL;
  g_autofree char        *json_path = NULL;
  guint8                  seed[SUIJI_DRAW_SEED_SIZE];
  const SuijiDrawStratum *strata;
  guint                   n_strata, n_picks;
  gint64                  task_id, draw_id;
  char                   *end = NULL;
  const GOptionEntry      entries[] = {
         { "seed", 0, 0, G_OPTION_ARG_STRING, &seed_hex,
           N_("The seed as 64 hex digits (default: from the system's random source)"), N_("HEX") },
         { "seed-text", 0, 0, G_OPTION_ARG_STRING, &seed_text,
           N_("Make the seed from a public text, such as a lottery result"), N_("TEXT") },
         { "json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, N_("Write the record to this JSON file"),
           N_("FILE") },
         { NULL }
  };

  context = g_option_context_new (_("TASK - draw the subjects and inspectors of a task"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("draw needs the task's number"));
  if (seed_hex != NULL && seed_text != NULL)
    return usage_error (context, _("give --seed or --seed-text, not both"));

  task_id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || task_id <= 0)
    return usage_error (context, _("the task is given by its number"));

  record = suiji_task_prepare_draw (db, task_id, &error);
  if (record == NULL)
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return error->domain == SUIJI_TASK_ERROR ? EXIT_USAGE : EXIT_FAILED;
    }

  if (seed_text != NULL)
    suiji_draw_record_set_seed_text (record, seed_text);
  else if (seed_hex != NULL)
    {
      if (!suiji_draw_seed_from_hex (seed_hex, seed, &error))
        return usage_error (context, error->message);
      suiji_draw_record_set_seed_random (record, seed);
    }
  else
    {
      suiji_draw_seed_generate (seed);
      suiji_draw_record_set_seed_random (record, seed);
    }

  /* Nothing is saved unless the whole draw, inspectors included, works. */
  if (!suiji_draw_run (record, &error) ||
      (draw_id = suiji_task_save_draw (db, task_id, record, &error)) == 0)
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_FAILED;
    }

  if (json_path != NULL)
    {
      gsize            length = 0;
      g_autofree char *json = suiji_draw_record_to_json (record, &length);

      if (!g_file_set_contents (json_path, json, (gssize) length, &error))
        {
          g_printerr ("suiji-cli: %s\n", error->message);
          return EXIT_FAILED;
        }
    }

  strata = suiji_draw_record_get_strata (record, &n_strata);
  suiji_draw_record_get_picks (record, &n_picks);
  g_print ("draw: %" G_GINT64_FORMAT "\n", draw_id);
  g_print ("seed: %s\n", suiji_draw_record_get_seed_hex (record));
  g_print ("pool-digest: %s\n", suiji_draw_record_get_pool_digest (record));
  for (guint i = 0; i < n_strata; i++)
    g_print ("stratum: %s n=%u k=%u\n", strata[i].name, strata[i].n, strata[i].k);
  g_print ("subjects: %u\n", n_picks);
  return EXIT_DONE;
}

static int
run_publish (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context =
      g_option_context_new (_("DRAW FILE.xlsx|FILE.pdf - write the public notice of a draw"));
  g_autoptr (GError) error = NULL;
  gint64 draw_id;
  char  *end = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 3)
    return usage_error (context, _("publish needs the draw's number and a file"));

  draw_id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || draw_id <= 0)
    return usage_error (context, _("the draw is given by its number"));

  if (!suiji_draw_publish (db, draw_id, argv[2], &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED) ? EXIT_FAILED : EXIT_USAGE;
    }

  return EXIT_DONE;
}

static int
run_verify (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context =
      g_option_context_new (_("FILE - draw again from a published record"));
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *difference = NULL;
  gsize            length = 0;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("verify needs the record's JSON file"));

  if (!g_file_get_contents (argv[1], &contents, &length, &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_USAGE;
    }

  /* The record's messages name the field; the file is named here. */
  if ((record = suiji_draw_record_from_json (contents, (gssize) length, &error)) == NULL ||
      (!suiji_draw_verify (record, &difference, &error) && error != NULL))
    {
      g_autofree char *display = g_filename_display_name (argv[1]);

      g_printerr ("suiji-cli: %s: %s\n", display, error->message);
      return EXIT_USAGE;
    }

  if (difference != NULL)
    {
      g_print ("%s\n", difference);
      return EXIT_FAILED;
    }

  g_print ("verified\n");
  return EXIT_DONE;
}

static int
run_audit (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context =
      g_option_context_new (_("- check that no saved draw was changed or removed"));
  g_autoptr (GError) error = NULL;
  g_auto (SuijiDrawAudit) audit = { 0 };

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 1)
    return usage_error (context, _("audit takes no further arguments"));

  if (!suiji_draw_audit (db, &audit, &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_FAILED;
    }

  /* "draws" counts the draws that fit, up to the first that does not;
   * "head" is the digest to note down and compare at the next audit. */
  g_print ("draws: %u\n", audit.n_draws);
  g_print ("head: %s\n", audit.head);
  if (audit.problem != NULL)
    {
      if (audit.bad_draw != 0)
        g_print ("bad-draw: %" G_GINT64_FORMAT "\n", audit.bad_draw);
      g_printerr ("suiji-cli: %s\n", audit.problem);
      return EXIT_FAILED;
    }

  g_print ("audit: every draw fits\n");
  return EXIT_DONE;
}

static int
run_backup (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context =
      g_option_context_new (_("FILE - copy the whole database to a backup file"));
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("backup needs the file to write"));

  if (!suiji_backup_write (db, argv[1], &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? EXIT_USAGE
                                                                              : EXIT_FAILED;
    }

  g_print ("backup: %s\n", argv[1]);
  return EXIT_DONE;
}

/* Restore works on the file by its path: the database may be damaged, or
 * missing, which is when a restore is needed most. */
static int
run_restore (const char *db_path, int argc, char **argv)
{
  g_autoptr (GOptionContext) context =
      g_option_context_new (_("FILE - replace the database with a backup, keeping it beside"));
  g_autoptr (GError) error = NULL;
  g_autofree char *kept = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("restore needs the backup file"));

  if (!suiji_backup_restore (db_path, argv[1], &kept, &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return error->domain == G_IO_ERROR ||
                     g_error_matches (error, SUIJI_DATABASE_ERROR,
                                      SUIJI_DATABASE_ERROR_NOT_A_DATABASE) ||
                     g_error_matches (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_TOO_NEW)
                 ? EXIT_USAGE
                 : EXIT_FAILED;
    }

  g_print ("restored: %s\n", argv[1]);
  if (kept != NULL)
    g_print ("kept: %s\n", kept);
  return EXIT_DONE;
}

static int
run_task_create (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiTaskRecord) task = suiji_task_record_new ();
  g_auto (GStrv) warnings = NULL;
  g_autofree char   *name = NULL;
  g_autofree char   *departments = NULL;
  g_autofree char   *items = NULL;
  g_autofree char   *ratio = NULL;
  g_autofree char   *count = NULL;
  g_autofree char   *filter = NULL;
  g_autofree char   *platform = NULL;
  g_autofree char   *filed_on = NULL;
  g_autofree char   *reason = NULL;
  gboolean           not_stratified = FALSE;
  int                inspectors = 2;
  int                cap = -1;
  int                year = 0;
  gint64             id;
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("The task's name"), N_("NAME") },
    { "department", 0, 0, G_OPTION_ARG_STRING, &departments,
      N_("The lead department, then the departments that join, separated by commas"),
      N_("NAME[,NAME…]") },
    { "items", 0, 0, G_OPTION_ARG_STRING, &items,
      N_("The check items, by name, separated by commas"), N_("ITEM[,ITEM…]") },
    { "ratio", 0, 0, G_OPTION_ARG_STRING, &ratio,
      N_("Per credit class a ratio in basis points (1% = 100)"), N_("A=100,B=200,…") },
    { "count", 0, 0, G_OPTION_ARG_STRING, &count, N_("Per credit class a number of subjects"),
      N_("A=5,…") },
    { "inspectors", 0, 0, G_OPTION_ARG_INT, &inspectors, N_("Inspectors per subject (at least 2)"),
      N_("N") },
    { "cap", 0, 0, G_OPTION_ARG_INT, &cap, N_("The most subjects one inspector may take"),
      N_("N") },
    { "filter", 0, 0, G_OPTION_ARG_STRING, &filter,
      N_("Which subjects: type=, region=, industry=, label=, department=, status=active|all, "
          "exclude=none|same-items|all"),
      N_("KEY=VALUE,…") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year,
      N_("The year the task counts in (default: this year)"), N_("YEAR") },
    { "platform", 0, 0, G_OPTION_ARG_STRING, &platform, N_("hebei (the default) or other"),
      N_("PLATFORM") },
    { "not-stratified", 0, 0, G_OPTION_ARG_NONE, &not_stratified,
      N_("The draw does not use the credit-risk classes"), NULL },
    { "filed", 0, 0, G_OPTION_ARG_STRING, &filed_on,
      N_("Outside the yearly plan: the filing (备案) date"), N_("DATE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Outside the yearly plan: the reason it was filed"), N_("TEXT") },
    { NULL }
  };

  context = g_option_context_new (_("- create a task and print its number"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, _("task create takes no further arguments"));
  if (name == NULL || departments == NULL)
    return usage_error (context, _("a task needs --name and --department"));
  if (ratio != NULL && count != NULL)
    return usage_error (context, _("give --ratio or --count, not both"));
  if (platform != NULL && g_strcmp0 (platform, "hebei") != 0 && g_strcmp0 (platform, "other") != 0)
    return usage_error (context, _("--platform takes hebei or other"));

  task->name = g_strdup (name);
  if (year != 0)
    task->year = year;
  task->inspectors_per_subject = (guint) MAX (inspectors, 0);
  task->inspector_cap = cap;
  task->stratified = !not_stratified;
  if (g_strcmp0 (platform, "other") == 0)
    {
      g_free (task->platform);
      task->platform = g_strdup (SUIJI_PLATFORM_OTHER);
    }
  if (filed_on != NULL || reason != NULL)
    {
      g_autofree char *date = suiji_fields_normalize_date (filed_on);

      if (date == NULL)
        return usage_error (context, _("--filed takes a date, as 2025-03-01"));
      g_free (task->origin);
      task->origin = g_strdup ("filed");
      task->filed_on = g_steal_pointer (&date);
      g_free (task->filed_reason);
      task->filed_reason = g_strdup (reason != NULL ? reason : "");
    }
  if (filter != NULL)
    {
      g_free (task->pool_filter);
      task->pool_filter = g_strdup (filter);
    }

  {
    g_auto (GStrv) names = g_strsplit (departments, ",", -1);

    for (guint i = 0; names[i] != NULL; i++)
      {
        gint64 department = suiji_department_find (db, names[i], &error);
        guint  none = 0;

        if (department == 0)
          {
            g_printerr ("suiji-cli: %s\n", error->message);
            return EXIT_USAGE;
          }
        g_array_append_val (task->department_ids, department);
        g_array_append_val (task->department_inspectors, none);
      }
  }

  if (items != NULL)
    {
      g_auto (GStrv) names = g_strsplit (items, ",", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          gint64 item = suiji_item_find (db, names[i], &error);

          if (item == 0)
            {
              g_printerr ("suiji-cli: %s\n", error->message);
              return EXIT_USAGE;
            }
          g_array_append_val (task->item_ids, item);
        }
    }

  if ((ratio != NULL && !suiji_task_parse_rules (task, ratio, FALSE, &error)) ||
      (count != NULL && !suiji_task_parse_rules (task, count, TRUE, &error)) ||
      (ratio == NULL && count == NULL && !suiji_task_default_rules (db, task, &error)))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_USAGE;
    }

  id = suiji_task_create (db, task, &error);
  if (id == 0)
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return error->domain == SUIJI_TASK_ERROR ? EXIT_USAGE : EXIT_FAILED;
    }

  warnings = suiji_task_list_warnings (task);
  for (guint i = 0; warnings[i] != NULL; i++)
    g_printerr ("warning: %s\n", warnings[i]);
  /* The number alone, so that scripts can take it. */
  g_print ("%" G_GINT64_FORMAT "\n", id);
  return EXIT_DONE;
}

static int
run_task (SuijiDatabase *db, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "create"))
    return run_task_create (db, argc - 1, argv + 1);

  g_printerr ("suiji-cli: %s\n", _("task takes a subcommand: create"));
  return EXIT_USAGE;
}

/* The monthly forms. */

typedef struct
{
  int   form;
  int   year;
  int   month;
  char *unit;
} FormTarget;

static void
form_target_clear (FormTarget *target)
{
  g_clear_pointer (&target->unit, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FormTarget, form_target_clear)

static void
form_target_add_entries (GOptionContext *context, FormTarget *target, gboolean need_unit_hint)
{
  const GOptionEntry entries[] = {
    { "form", 0, 0, G_OPTION_ARG_INT, &target->form,
      N_("1 for 附件1 (the region), 2 for 附件2 (a department)"), N_("1|2") },
    { "year", 0, 0, G_OPTION_ARG_INT, &target->year,
      N_("The report year (default: the profile's report year)"), N_("YEAR") },
    { "month", 0, 0, G_OPTION_ARG_INT, &target->month, N_("The month, 1 to 12"), N_("MONTH") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &target->unit,
      need_unit_hint ? N_("The department of a 附件2 (default: the one the file names)")
                     : N_("The department of a 附件2, by its name or short name"),
      N_("NAME") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/* Without --year, the report year of the unit profile. */
static int
form_target_default_year (SuijiDatabase *db, FormTarget *target)
{
  g_autoptr (SuijiUnitProfile) profile = NULL;
  g_autoptr (GError) error = NULL;

  if (target->year != 0)
    return EXIT_DONE;

  profile = suiji_unit_profile_load (db, &error);
  if (profile == NULL)
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_FAILED;
    }

  target->year = profile->report_year;
  return EXIT_DONE;
}

/* Finds the report the options name; the exit code on failure. */
static int
form_target_load (SuijiDatabase    *db,
                  GOptionContext   *context,
                  FormTarget       *target,
                  const char       *unit_from_file,
                  SuijiFormReport **report)
{
  g_autoptr (GError) error = NULL;
  const char *unit = target->unit != NULL ? target->unit : unit_from_file;
  gint64      department_id = 0;
  int         status;

  if (!suiji_form_kind_is_valid (target->form))
    return usage_error (context, _("--form takes 1 (附件1) or 2 (附件2)"));
  if (target->month < 1 || target->month > 12)
    return usage_error (context, _("--month takes a month from 1 to 12"));
  if ((status = form_target_default_year (db, target)) != EXIT_DONE)
    return status;

  if (target->form == SUIJI_FORM_DEPARTMENT)
    {
      if (unit == NULL || *unit == '\0')
        return usage_error (context, _("附件2 is a department's form: name it with --unit"));
      department_id = suiji_department_find (db, unit, &error);
      if (department_id == 0)
        {
          g_printerr ("suiji-cli: %s\n", error->message);
          return EXIT_USAGE;
        }
    }
  else if (target->unit != NULL)
    return usage_error (context, _("附件1 is the region's form, under the unit of the profile; "
                                    "leave out --unit"));

  *report =
      suiji_form_report_load (db, target->form, target->year, target->month, department_id, &error);
  if (*report == NULL)
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return error->domain == SUIJI_FORM_ERROR ? EXIT_USAGE : EXIT_FAILED;
    }

  return EXIT_DONE;
}

static void
print_form_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const SuijiFormProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == SUIJI_FORM_PROBLEM_SOFT)
        g_printerr (_("warning: %s\n"), problem->message);
      else
        g_printerr ("%s\n", problem->message);
    }
}

/* Saves the report, then names what is still wrong with it; submitting
 * is refused while a hard rule is broken. */
static int
save_form (SuijiDatabase *db, SuijiFormReport *report, gboolean submit)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) problems = NULL;

  if (submit)
    suiji_form_report_set_status (report, SUIJI_FORM_STATUS_SUBMITTED);

  problems = suiji_form_report_check (db, report, &error);
  if (problems == NULL)
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_FAILED;
    }
  print_form_problems (problems);

  if (!suiji_form_report_save (db, report, &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return g_error_matches (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_INVALID) ? EXIT_USAGE
                                                                                 : EXIT_FAILED;
    }

  g_print ("%s %s %d-%02d: saved version %u (%s)\n",
           suiji_form_report_get_layout (report)->attachment,
           suiji_form_report_get_unit_name (report), suiji_form_report_get_year (report),
           suiji_form_report_get_month (report), suiji_form_report_get_revision (report),
           suiji_form_status_to_string (suiji_form_report_get_status (report)));
  return EXIT_DONE;
}

static gboolean
parse_form_column (const char *text, guint *column)
{
  static const char *const english[] = { "times", "drawn", "completed", "problems" };
  g_autofree char         *clean = g_strstrip (g_strdup (text));
  guint64                  number;

  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    if (g_str_equal (clean, english[c]) || g_str_equal (clean, suiji_form_column_label (c)))
      {
        *column = c;
        return TRUE;
      }

  if (!g_ascii_string_to_unsigned (clean, 10, 1, SUIJI_FORM_N_COLUMNS, &number, NULL))
    return FALSE;
  *column = (guint) number - 1;
  return TRUE;
}

/* "ROW,COL=VALUE": the row as numbered in the plan, the column 1–4 or by
 * its heading; an empty value clears the cell. */
static gboolean
apply_cell (SuijiFormReport *report, const char *spec, GError **error)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (report);
  g_auto (GStrv) sides = g_strsplit (spec, "=", 2);
  g_auto (GStrv) place = NULL;
  guint64  row = 0;
  guint    column = 0;
  gboolean empty;
  gint64   value;

  if (g_strv_length (sides) != 2 || g_strv_length (place = g_strsplit (sides[0], ",", 2)) != 2 ||
      !g_ascii_string_to_unsigned (g_strstrip (place[0]), 10, 1, layout->n_rows, &row, NULL) ||
      !parse_form_column (place[1], &column))
    {
      g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_BAD_VALUE,
                   _("“%s” is not ROW,COLUMN=VALUE with a row from 1 to %u and a column from 1 "
                      "to 4, as in 2,1=12."),
                   spec, layout->n_rows);
      return FALSE;
    }

  if (suiji_form_layout_is_computed (layout, (guint) row))
    {
      g_autofree char *where = suiji_form_layout_describe_row (layout, (guint) row);

      g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_BAD_VALUE,
                   _("%s is 部门内部 + 部门联合, worked out by Suiji; enter those two rows."),
                   where);
      return FALSE;
    }

  if (!suiji_form_parse_value (sides[1], &empty, &value, error))
    return FALSE;

  if (empty)
    suiji_form_report_clear_value (report, (guint) row, column);
  else
    suiji_form_report_set_value (report, (guint) row, column, value);
  return TRUE;
}

/* Fills @report as --fill asks; what each department gave goes to stderr. */
static gboolean
fill_form (SuijiDatabase *db, SuijiFormReport *report, const char *fill)
{
  g_autoptr (SuijiFormGathering) gathering = NULL;
  g_autoptr (GError) error = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  if (g_strcmp0 (fill, "records") == 0
          ? !suiji_form_report_fill_from_records (db, report, &today, &error)
          : !suiji_form_report_fill_from_departments (db, report, &today, &gathering, &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return FALSE;
    }

  for (guint i = 0; gathering != NULL && i < gathering->parts->len; i++)
    {
      const SuijiFormGatherPart *part = g_ptr_array_index (gathering->parts, i);
      const char *source = part->source == SUIJI_FORM_GATHER_REPORT    ? _("its 附件2")
                           : part->source == SUIJI_FORM_GATHER_RECORDS ? _("the records")
                                                                       : _("nothing recorded");

      g_printerr ("%s: %s\n", part->department_name, source);
      for (guint n = 0; n < part->notes->len; n++)
        g_printerr ("  %s\n", (const char *) g_ptr_array_index (part->notes, n));
    }

  return TRUE;
}

static int
run_form_set (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiFormReport) report = NULL;
  g_auto (FormTarget) target = { 0 };
  g_auto (GStrv) cells = NULL;
  g_autofree char   *contact = NULL;
  g_autofree char   *phone = NULL;
  g_autofree char   *mobile = NULL;
  g_autofree char   *date = NULL;
  g_autofree char   *fill = NULL;
  gboolean           submit = FALSE;
  gboolean           draft = FALSE;
  int                status;
  const GOptionEntry entries[] = {
    { "fill", 0, 0, G_OPTION_ARG_STRING, &fill,
      N_("Fill every figure first: from the records, or (附件1 only) from the departments' "
          "附件2 and the records"),
      N_("records|departments") },
    { "cell", 0, 0, G_OPTION_ARG_STRING_ARRAY, &cells,
      N_("A figure: the row as numbered in the plan, the column 1–4, as 2,1=12; repeat for more"),
      N_("ROW,COL=VALUE") },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, N_("The contact person (联系人)"),
      N_("NAME") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("The contact phone (联系电话)"),
      N_("PHONE") },
    { "mobile", 0, 0, G_OPTION_ARG_STRING, &mobile, N_("The mobile number (手机)"),
      N_("MOBILE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date,
      N_("The date filled in (填表时间): a date, today, or none to leave it blank (default: "
          "today when blank)"),
      N_("DATE") },
    { "submit", 0, 0, G_OPTION_ARG_NONE, &submit,
      N_("Mark the form submitted; refused while a rule is broken"), NULL },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, N_("Mark the form a draft again"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("- enter figures into a monthly form and save it"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  form_target_add_entries (context, &target, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (submit && draft)
    return usage_error (context, _("give --submit or --draft, not both"));

  if (fill != NULL && g_strcmp0 (fill, "records") != 0 && g_strcmp0 (fill, "departments") != 0)
    return usage_error (context, _("--fill takes records or departments"));
  if (g_strcmp0 (fill, "departments") == 0 && target.form != SUIJI_FORM_REGION)
    return usage_error (context, _("--fill departments builds 附件1: give --form 1"));

  /* Cells may also follow the options, as ROW,COL=VALUE. */
  if ((status = form_target_load (db, context, &target, NULL, &report)) != EXIT_DONE)
    return status;

  if (fill != NULL && !fill_form (db, report, fill))
    return EXIT_FAILED;

  for (int i = 1; i < argc + (cells != NULL ? (int) g_strv_length (cells) : 0); i++)
    {
      const char *spec = i < argc ? argv[i] : cells[i - argc];

      if (!apply_cell (report, spec, &error))
        return usage_error (context, error->message);
    }

  if (contact != NULL)
    suiji_form_report_set_contact_person (report, contact);
  if (phone != NULL)
    suiji_form_report_set_contact_phone (report, phone);
  if (mobile != NULL)
    suiji_form_report_set_mobile (report, mobile);
  if (draft)
    suiji_form_report_set_status (report, SUIJI_FORM_STATUS_DRAFT);

  if (g_strcmp0 (date, "none") == 0)
    suiji_form_report_set_fill_date (report, NULL);
  else if (date != NULL && g_strcmp0 (date, "today") != 0)
    {
      g_autofree char *iso = suiji_fields_normalize_date (date);
      unsigned         y, m, d;
      GDate            day;

      g_date_clear (&day, 1);
      if (iso == NULL || sscanf (iso, "%4u-%2u-%2u", &y, &m, &d) != 3)
        return usage_error (context, _("--date takes a date, as 2025-03-20, or today or none"));
      g_date_set_dmy (&day, (GDateDay) d, (GDateMonth) m, (GDateYear) y);
      suiji_form_report_set_fill_date (report, &day);
    }
  else if (date != NULL || !suiji_form_report_get_fill_date (report, NULL))
    {
      GDate today;

      g_date_clear (&today, 1);
      g_date_set_time_t (&today, time (NULL));
      suiji_form_report_set_fill_date (report, &today);
    }

  return save_form (db, report, submit);
}

static int
run_form_import (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiFormReport) report = NULL;
  g_autoptr (SuijiFormImport) import = NULL;
  g_auto (FormTarget) target = { .form = SUIJI_FORM_DEPARTMENT };
  gboolean           submit = FALSE;
  int                status;
  const GOptionEntry entries[] = { { "submit", 0, 0, G_OPTION_ARG_NONE, &submit,
                                     N_("Mark the form submitted; refused while a rule is broken"),
                                     NULL },
                                   { NULL } };

  context = g_option_context_new (_("FILE.xlsx - read a department's form and save it"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  form_target_add_entries (context, &target, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, _("form import needs the file"));
  if (!suiji_form_kind_is_valid (target.form))
    return usage_error (context, _("--form takes 1 (附件1) or 2 (附件2)"));

  import = suiji_form_import_read (argv[1], target.form, &error);
  if (import == NULL)
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_USAGE;
    }

  if ((status = form_target_load (db, context, &target,
                                  target.form == SUIJI_FORM_DEPARTMENT ? import->unit_name : NULL,
                                  &report)) != EXIT_DONE)
    return status;

  for (guint i = 0; i < import->problems->len; i++)
    {
      const SuijiFormImportProblem *problem = g_ptr_array_index (import->problems, i);

      if (*problem->cell != '\0')
        g_printerr ("%s: %s: %s\n", argv[1], problem->cell, problem->reason);
      else
        g_printerr ("%s: %s\n", argv[1], problem->reason);
    }

  suiji_form_import_apply (import, report);
  g_print (_("%s: %u figures read, %u problems\n"), argv[1], import->n_values,
           import->problems->len);
  if ((status = save_form (db, report, submit)) != EXIT_DONE)
    return status;

  return import->problems->len > 0 ? EXIT_REJECTED : EXIT_DONE;
}

static int
run_form_status (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) submissions = NULL;
  g_auto (FormTarget) target = { .form = SUIJI_FORM_DEPARTMENT };
  char  deadline_text[16];
  GDate deadline;
  guint reported = 0;
  int   status;

  context = g_option_context_new (_("- which departments have saved their 附件2 for a month"));
  form_target_add_entries (context, &target, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, _("form status takes no further arguments"));
  if (target.month < 1 || target.month > 12)
    return usage_error (context, _("--month takes a month from 1 to 12"));
  if ((status = form_target_default_year (db, &target)) != EXIT_DONE)
    return status;

  submissions = suiji_form_list_submissions (db, target.year, target.month, &deadline, &error);
  if (submissions == NULL)
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_FAILED;
    }

  /* Tab-separated, one department a line, for scripts. */
  g_date_strftime (deadline_text, sizeof deadline_text, "%Y-%m-%d", &deadline);
  g_print ("due-before: %s\n", deadline_text);
  for (guint i = 0; i < submissions->len; i++)
    {
      const SuijiFormSubmission *submission = g_ptr_array_index (submissions, i);

      reported += submission->reported;
      g_print ("%s\t%s\t%s\n",
               submission->reported ? suiji_form_status_to_string (submission->status) : "missing",
               submission->reported ? submission->saved_at : "-", submission->department_name);
    }
  g_print ("reported: %u of %u\n", reported, submissions->len);
  return EXIT_DONE;
}

static int
run_form_export (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiFormReport) report = NULL;
  g_auto (FormTarget) target = { .form = 0 };
  g_autofree char       *out = NULL;
  g_autofree char       *seal_path = NULL;
  SuijiFormRenderOptions options = { 0 };
  int                    status;
  const GOptionEntry     entries[] = {
        { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
          N_("The file to write: .xlsx, .pdf, .csv or .json"), N_("FILE") },
        { "seal", 0, 0, G_OPTION_ARG_FILENAME, &seal_path,
          N_("Print this seal image (PNG) over the unit name, in a PDF"), N_("PNG") },
        { NULL }
  };

  context = g_option_context_new (_("- write a saved monthly form as xlsx, PDF, CSV or JSON"));
  g_option_context_set_description (
      context, _("Subcommands: form set …, form import FILE …, form status --month M"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  form_target_add_entries (context, &target, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, _("form takes set, import or status, or options only"));
  if (out == NULL)
    return usage_error (context, _("name the file to write with --out"));

  if ((status = form_target_load (db, context, &target, NULL, &report)) != EXIT_DONE)
    return status;

  if (seal_path != NULL)
    {
      options.seal = suiji_form_seal_load (seal_path, &error);
      if (options.seal == NULL)
        {
          g_printerr ("suiji-cli: %s\n", error->message);
          return EXIT_USAGE;
        }
      options.show_seal = TRUE;
    }

  if (!suiji_form_export (report, out, &options, &error))
    {
      g_clear_pointer (&options.seal, cairo_surface_destroy);
      g_printerr ("suiji-cli: %s\n", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? EXIT_USAGE
                                                                              : EXIT_FAILED;
    }

  g_clear_pointer (&options.seal, cairo_surface_destroy);
  return EXIT_DONE;
}

static int
run_form (SuijiDatabase *db, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "set"))
    return run_form_set (db, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return run_form_import (db, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "status"))
    return run_form_status (db, argc - 1, argv + 1);

  return run_form_export (db, argc, argv);
}

static const char *const figure_keys[SUIJI_FIGURE_N_COLUMNS] = {
  "count",
  "drawn",
  "completed",
  "problems",
};

/* The stable shape scripts read: the form, its unit and period, and per
 * row its labels (as printed) and the four figures. */
/* The full name of a department found by its name or short name. */
static char *
dup_department_name (SuijiDatabase *db, gint64 department_id)
{
  g_autoptr (GListModel) departments = suiji_department_list_all (db, NULL);

  for (guint i = 0; departments != NULL && i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr (SuijiDepartment) department = g_list_model_get_item (departments, i);

      if (suiji_department_get_id (department) == department_id)
        return g_strdup (suiji_department_get_name (department));
    }

  return NULL;
}

static char *
figures_to_json (SuijiStatisticsForm form,
                 const char         *unit,
                 const char         *department,
                 int                 year,
                 const char         *until,
                 const SuijiFigures *figures)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  const SuijiStatisticsRow *rows;
  guint                     n_rows;

  rows = suiji_statistics_get_rows (form, &n_rows);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "form");
  json_builder_add_string_value (builder, suiji_statistics_get_title (form));
  json_builder_set_member_name (builder, "kind");
  json_builder_add_string_value (builder,
                                 form == SUIJI_STATISTICS_REGION ? "region" : "department");
  json_builder_set_member_name (builder, "unit");
  json_builder_add_string_value (builder, unit);
  json_builder_set_member_name (builder, "department");
  if (department != NULL)
    json_builder_add_string_value (builder, department);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "year");
  json_builder_add_int_value (builder, year);
  json_builder_set_member_name (builder, "until");
  json_builder_add_string_value (builder, until);

  json_builder_set_member_name (builder, "columns");
  json_builder_begin_array (builder);
  for (guint c = 0; c < SUIJI_FIGURE_N_COLUMNS; c++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, figure_keys[c]);
      json_builder_set_member_name (builder, "title");
      json_builder_add_string_value (builder, suiji_statistics_get_column_title (c));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < n_rows; r++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "number");
      json_builder_add_int_value (builder, rows[r].number);
      json_builder_set_member_name (builder, "platform");
      json_builder_add_string_value (builder, rows[r].platform);
      json_builder_set_member_name (builder, "item");
      json_builder_add_string_value (builder, rows[r].item);
      json_builder_set_member_name (builder, "sub_item");
      if (rows[r].sub_item != NULL)
        json_builder_add_string_value (builder, rows[r].sub_item);
      else
        json_builder_add_null_value (builder);
      for (guint c = 0; c < SUIJI_FIGURE_N_COLUMNS; c++)
        {
          json_builder_set_member_name (builder, figure_keys[c]);
          json_builder_add_int_value (builder, figures->values[r][c]);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static void
print_figures (SuijiStatisticsForm form,
               const char         *unit,
               int                 year,
               const char         *until,
               const SuijiFigures *figures)
{
  const SuijiStatisticsRow *rows;
  guint                     n_rows;

  rows = suiji_statistics_get_rows (form, &n_rows);
  g_print ("%s  %s  %d  (%s %s)\n", suiji_statistics_get_title (form), unit, year,
           /* TRANSLATORS: before the cut-off date of the figures */
           _("until"), until);
  g_print ("%3s %10s %10s %10s %10s  %s\n", "#", suiji_statistics_get_column_title (0),
           suiji_statistics_get_column_title (1), suiji_statistics_get_column_title (2),
           suiji_statistics_get_column_title (3), "平台 / 统计项目");
  /* The figures come first: their widths do not depend on the Chinese
   * labels, so the columns line up in any terminal. */
  for (guint r = 0; r < n_rows; r++)
    g_print ("%3u %10" G_GINT64_FORMAT " %10" G_GINT64_FORMAT " %10" G_GINT64_FORMAT
             " %10" G_GINT64_FORMAT "  %s / %s%s%s\n",
             rows[r].number, figures->values[r][0], figures->values[r][1], figures->values[r][2],
             figures->values[r][3], rows[r].platform, rows[r].item,
             rows[r].sub_item != NULL ? " / " : "",
             rows[r].sub_item != NULL ? rows[r].sub_item : "");
}

static int
run_stats (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiUnitProfile) profile = NULL;
  g_autofree char    *until_text = NULL;
  g_autofree char    *until = NULL;
  g_autofree char    *department = NULL;
  g_autofree char    *unit = NULL;
  gboolean            json = FALSE;
  int                 year = 0;
  gint64              department_id = 0;
  SuijiStatisticsForm form = SUIJI_STATISTICS_REGION;
  SuijiFigures        figures;
  const GOptionEntry  entries[] = {
     { "year", 0, 0, G_OPTION_ARG_INT, &year,
       N_("The report year (default: the one in the unit profile)"), N_("YEAR") },
     { "until", 0, 0, G_OPTION_ARG_STRING, &until_text,
       N_("The cut-off date, in the year (default: today, or the year's last day)"), N_("DATE") },
     { "department", 0, 0, G_OPTION_ARG_STRING, &department,
       N_("The figures of one department (附件2) instead of the region (附件1)"), N_("NAME") },
     { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
     { NULL }
  };

  context = g_option_context_new (_("- print the figures of the monthly forms"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, _("stats takes no further arguments"));

  profile = suiji_unit_profile_load (db, &error);
  if (profile == NULL)
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_FAILED;
    }
  if (year == 0)
    year = profile->report_year;

  if (until_text != NULL)
    {
      until = suiji_fields_normalize_date (until_text);
      if (until == NULL || *until == '\0')
        return usage_error (context, _("--until takes a date, as 2025-06-30"));
    }
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      until = g_date_time_get_year (now) == year ? g_date_time_format (now, "%Y-%m-%d")
                                                 : g_strdup_printf ("%04d-12-31", year);
    }

  if (department != NULL)
    {
      department_id = suiji_department_find (db, department, &error);
      if (department_id == 0)
        {
          g_printerr ("suiji-cli: %s\n", error->message);
          return EXIT_USAGE;
        }
      form = SUIJI_STATISTICS_DEPARTMENT;
      unit = dup_department_name (db, department_id);
    }
  else
    unit = g_strdup (profile->unit_name);

  if (!suiji_statistics_compute (db, form, year, until, department_id, &figures, &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return error->domain == SUIJI_STATISTICS_ERROR ? EXIT_USAGE : EXIT_FAILED;
    }

  if (json)
    {
      g_autofree char *text = figures_to_json (form, unit, department, year, until, &figures);

      g_print ("%s\n", text);
    }
  else
    {
      print_figures (form, unit, year, until, &figures);
    }

  return EXIT_DONE;
}

/* The charts and the summary report. */

typedef struct
{
  int   year;
  char *until;
  char *department;
} ProgressOptions;

static void
progress_options_clear (ProgressOptions *options)
{
  g_clear_pointer (&options->until, g_free);
  g_clear_pointer (&options->department, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ProgressOptions, progress_options_clear)

static void
progress_options_add_entries (GOptionContext *context, ProgressOptions *options)
{
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &options->year,
      N_("The report year (default: the one in the unit profile)"), N_("YEAR") },
    { "until", 0, 0, G_OPTION_ARG_STRING, &options->until,
      N_("The cut-off date, in the year (default: today, or the year's last day)"), N_("DATE") },
    { "department", 0, 0, G_OPTION_ARG_STRING, &options->department,
      N_("The progress of one department instead of the region"), N_("NAME") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

static void
get_today (GDate *today)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* Computes what the options ask for; returns the exit code on failure. */
static int
progress_options_load (SuijiDatabase   *db,
                       GOptionContext  *context,
                       ProgressOptions *options,
                       const GDate     *today,
                       SuijiProgress  **progress)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *until = NULL;
  gint64           department_id = 0;

  if (options->year == 0)
    {
      g_autoptr (SuijiUnitProfile) profile = suiji_unit_profile_load (db, &error);

      if (profile == NULL)
        {
          g_printerr ("suiji-cli: %s\n", error->message);
          return EXIT_FAILED;
        }
      options->year = profile->report_year;
    }

  if (options->until != NULL)
    {
      until = suiji_fields_normalize_date (options->until);
      if (until == NULL || *until == '\0')
        return usage_error (context, _("--until takes a date, as 2025-06-30"));
    }
  else
    {
      until = suiji_progress_dup_default_until (options->year, today);
    }

  if (options->department != NULL)
    {
      department_id = suiji_department_find (db, options->department, &error);
      if (department_id == 0)
        {
          g_printerr ("suiji-cli: %s\n", error->message);
          return EXIT_USAGE;
        }
    }

  *progress = suiji_progress_compute (db, options->year, until, department_id, &error);
  if (*progress == NULL)
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return error->domain == SUIJI_STATISTICS_ERROR ? EXIT_USAGE : EXIT_FAILED;
    }

  return EXIT_DONE;
}

static int
run_chart (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiProgress) progress = NULL;
  g_auto (ProgressOptions) options = { 0 };
  g_autofree char   *kind_text = NULL;
  g_autofree char   *out = NULL;
  int                width = 0, height = 0, status;
  gboolean           dark = FALSE;
  SuijiChartKind     kind;
  SuijiChartStyle    style = { 0 };
  GDate              today;
  const GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_text, N_("Which chart"),
      N_("targets|trend|departments") },
    { "out", 0, 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write: .png, .svg or .pdf"),
      N_("FILE") },
    { "width", 0, 0, G_OPTION_ARG_INT, &width,
      N_("The width, in pixels for PNG (1600) or points (800)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &height,
      N_("The height, in pixels for PNG (1000) or points (500)"), N_("H") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &dark, N_("Light marks on a dark ground"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("- draw a progress chart as PNG, SVG or PDF"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  progress_options_add_entries (context, &options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, _("chart takes options only"));
  if (kind_text == NULL || !suiji_chart_kind_from_string (kind_text, &kind))
    return usage_error (context, _("--kind takes targets, trend or departments"));
  if (out == NULL)
    return usage_error (context, _("name the file to write with --out"));
  if (width < 0 || height < 0 || width > 20000 || height > 20000 || (width == 0) != (height == 0))
    return usage_error (context, _("--width and --height go together, each up to 20000"));

  get_today (&today);
  if ((status = progress_options_load (db, context, &options, &today, &progress)) != EXIT_DONE)
    return status;

  style.dark = dark;
  if (!suiji_chart_export (progress, kind, out, width, height, &style, &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT) ? EXIT_USAGE
                                                                              : EXIT_FAILED;
    }

  return EXIT_DONE;
}

static int
run_summary (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiProgress) progress = NULL;
  g_auto (ProgressOptions) options = { 0 };
  g_autofree char   *out = NULL;
  g_autofree char   *lower = NULL;
  int                status;
  GDate              today;
  const GOptionEntry entries[] = { { "out", 0, 0, G_OPTION_ARG_FILENAME, &out,
                                     N_("The PDF file to write"), N_("FILE.pdf") },
                                   { NULL } };

  context = g_option_context_new (
      _("- write the progress summary (key figures, charts, departments, overdue tasks) as PDF"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  progress_options_add_entries (context, &options);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, _("summary takes options only"));
  if (out == NULL)
    return usage_error (context, _("name the file to write with --out"));
  lower = g_ascii_strdown (out, -1);
  if (!g_str_has_suffix (lower, ".pdf"))
    return usage_error (context, _("the summary is a PDF file: name it with .pdf"));

  get_today (&today);
  if ((status = progress_options_load (db, context, &options, &today, &progress)) != EXIT_DONE)
    return status;

  if (!suiji_summary_write_pdf (db, progress, &today, out, &error))
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_FAILED;
    }

  return EXIT_DONE;
}

static int
run_results_import (SuijiDatabase *db, int argc, char **argv)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiTable) table = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char         *display = NULL;
  SuijiTableReadOptions    read_options = { SUIJI_TABLE_ENCODING_AUTO, -1 };
  SuijiResultImportSummary summary = { 0 };
  gint64                   task_id;
  char                    *end = NULL;
  int                      sheet = 0;
  const GOptionEntry       entries[] = { { "sheet", 0, 0, G_OPTION_ARG_INT, &sheet,
                                           N_("The sheet of an xlsx file to read, 1 for the first"),
                                           N_("SHEET") },
                                         { NULL } };

  context = g_option_context_new (_("TASK FILE - enter a task's results from CSV or xlsx"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 3)
    return usage_error (context, _("results import needs the task's number and a file"));
  task_id = g_ascii_strtoll (argv[1], &end, 10);
  if (end == argv[1] || *end != '\0' || task_id <= 0)
    return usage_error (context, _("the task is given by its number"));
  if (sheet < 0)
    return usage_error (context, _("--sheet counts from 1"));
  read_options.sheet = sheet - 1;

  table = suiji_table_read_file (argv[2], &read_options, NULL, &error);
  if (table == NULL)
    {
      g_printerr ("suiji-cli: %s\n", error->message);
      return EXIT_USAGE;
    }

  display = g_filename_display_basename (argv[2]);
  if (!suiji_result_import (db, task_id, table, &summary, &problems, &error))
    {
      for (guint i = 0; problems != NULL && i < problems->len; i++)
        {
          const SuijiResultImportProblem *problem = g_ptr_array_index (problems, i);

          if (problem->field >= 0)
            g_printerr (_("%s: row %u, %s: %s\n"), display, problem->row,
                        suiji_result_field_get_title (problem->field), problem->message);
          else
            g_printerr (_("%s: row %u: %s\n"), display, problem->row, problem->message);
        }
      g_printerr ("suiji-cli: %s\n", error->message);
      return error->domain == SUIJI_RESULT_ERROR ? EXIT_USAGE : EXIT_FAILED;
    }

  g_print ("results: %u rows, %u fields changed\n", summary.rows, summary.changed);
  return EXIT_DONE;
}

static int
run_results (SuijiDatabase *db, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return run_results_import (db, argc - 1, argv + 1);

  g_printerr ("suiji-cli: %s\n", _("results takes a subcommand: import"));
  return EXIT_USAGE;
}

static const struct
{
  const char *name;
  CommandFunc func;
  const char *summary;
} commands[] = {
  { "chart", run_chart,
    N_("Draw a progress chart: chart --kind targets|trend|departments --out FILE") },
  { "audit", run_audit, N_("Check the chain of saved draws; name the first that does not fit") },
  { "backup", run_backup, N_("Copy the whole database to a backup file, even while in use") },
  { "draw", run_draw, N_("Draw the subjects and inspectors of a task, and save the record") },
  { "export", run_export, N_("Export a directory to an xlsx file") },
  { "form", run_form, N_("The monthly forms: export (--out FILE), set, import FILE, status") },
  { "import", run_import, N_("Import subjects, inspectors or items from a CSV or xlsx file") },
  { "info", run_info, N_("Describe the database: its schema, unit and counts") },
  { "publish", run_publish, N_("Write the public notice (公示) of a draw as xlsx or PDF") },
  { "restore", NULL, N_("Replace the database with a checked backup; the old one is kept") },
  { "results", run_results,
    N_("Enter the results of a task from a file: results import TASK FILE") },
  { "sample-data", run_sample_data, N_("Fill the database with the 沙河市 sample data") },
  { "stats", run_stats, N_("Print the figures of 附件1, or of 附件2 with --department") },
  { "summary", run_summary,
    N_("Write the progress summary report as PDF: summary --out FILE.pdf") },
  { "task", run_task, N_("Create a random inspection task: task create --name … --department …") },
  { "verify", run_verify, N_("Draw again from a published JSON record and compare") },
};

static char *
describe_commands (void)
{
  GString *text = g_string_new (_("Commands:"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (text, "\n  %-14s %s", commands[i].name, _(commands[i].summary));

  return g_string_free (text, FALSE);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (SuijiDatabase) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char   *db_path = NULL;
  g_autofree char   *summary = NULL;
  gboolean           show_version = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_("The database file (default: suiji/suiji.db in the user's data folder)"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, N_("Print the version"), NULL },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE,
                  g_getenv ("SUIJI_LOCALEDIR") != NULL ? g_getenv ("SUIJI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_("COMMAND [OPTION…]"));
  summary = describe_commands ();
  g_option_context_set_description (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Global options end at the command; what follows belongs to it. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);

  if (show_version)
    {
      g_print ("suiji-cli %s\n", PACKAGE_VERSION);
      return EXIT_DONE;
    }

  if (argc < 2)
    return usage_error (context, _("no command given"));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (argv[1], commands[i].name) != 0)
        continue;

      /* verify works from the record alone, without any database. */
      if (commands[i].func == run_verify)
        return run_verify (NULL, argc - 1, argv + 1);

      if (db_path == NULL)
        db_path = suiji_database_dup_default_path ();

      if (commands[i].func == NULL)
        return run_restore (db_path, argc - 1, argv + 1);

      if (!(db = suiji_database_open (db_path, &error)))
        {
          g_printerr ("suiji-cli: %s\n", error->message);
          return error->code == SUIJI_DATABASE_ERROR_TOO_NEW ||
                         error->code == SUIJI_DATABASE_ERROR_NOT_A_DATABASE
                     ? EXIT_USAGE
                     : EXIT_FAILED;
        }

      return commands[i].func (db, argc - 1, argv + 1);
    }

  {
    g_autofree char *message = g_strdup_printf (_("unknown command “%s”"), argv[1]);
    return usage_error (context, message);
  }
}
