/* bench-directories-gui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The subjects page as a user meets it, on 100 000 subjects (or the number
 * given): the window from activation to the first frame with rows on
 * screen; back to the page from another section; every search from the
 * text changing to the first frame that shows its rows; and the resident
 * memory after the page is shown and after scrolling through every row.
 * Run it under a display, e.g.
 *   GSK_RENDERER=cairo GTK_A11Y=none xvfb-run -a build/bench/bench-directories-gui
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "bench-stats.h"
#include "bench-subjects.h"
#include "suiji-application.h"
#include "suiji-directories-page.h"
#include "suiji-row-list.h"
#include "suiji-subject.h"
#include "suiji-window.h"

#define N_SEARCH_RUNS 5

/* Times are wall-clock and this thread's processor time: the second hardly
 * changes when other programs share the processors. */
typedef struct
{
  gint64      changed; /* the search entry told the page */
  gint64      applied; /* the page has its rows and counts */
  gint64      painted; /* the last frame painted */
  gint64      changed_cpu;
  gint64      applied_cpu;
  gint64      painted_cpu;
  guint       n_frames; /* frames painted so far */
  const char *awaited;  /* the text whose search is waited for */
} Marks;

static Marks marks;

static gint64
cpu_time (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static void
after_paint_cb (GdkFrameClock *clock, gpointer user_data)
{
  marks.painted = g_get_monotonic_time ();
  marks.painted_cpu = cpu_time ();
  marks.n_frames++;
}

/* Replacing the text of an entry empties it first, and an empty search
 * runs at once: only the search of the text set counts. */
static gboolean
is_awaited (GtkSearchEntry *entry)
{
  return marks.awaited != NULL &&
         g_str_equal (gtk_editable_get_text (GTK_EDITABLE (entry)), marks.awaited);
}

static gboolean
search_changed_hook (GSignalInvocationHint *hint,
                     guint                  n_values,
                     const GValue          *values,
                     gpointer               data)
{
  if (is_awaited (g_value_get_object (&values[0])))
    {
      marks.changed = g_get_monotonic_time ();
      marks.changed_cpu = cpu_time ();
    }
  return TRUE;
}

/* Connected after the page's own handler: the list, the counts and the
 * rows the view binds at once are all done by then. */
static void
search_applied_cb (GtkSearchEntry *entry, gpointer user_data)
{
  if (is_awaited (entry))
    {
      marks.applied = g_get_monotonic_time ();
      marks.applied_cpu = cpu_time ();
    }
}

/* Changes the search text as one edit of a user (a key, a paste, a word
 * from the input method) and waits until the page applied it: @text is
 * typed after what is there, or, when empty, everything is deleted. */
static void
edit_search (GtkEditable *search, const char *typed, gboolean clear)
{
  g_autofree char *result = NULL;

  if (clear)
    result = g_strdup ("");
  else
    result = g_strconcat (gtk_editable_get_text (search), typed, NULL);

  marks.awaited = result;
  marks.changed = marks.applied = 0;
  if (clear)
    gtk_editable_delete_text (search, 0, -1);
  else
    {
      int position = -1;

      gtk_editable_set_position (search, -1);
      position = gtk_editable_get_position (search);
      gtk_editable_insert_text (search, typed, -1, &position);
    }
  while (marks.applied == 0)
    g_main_context_iteration (NULL, TRUE);
  marks.awaited = NULL;
}

static void
spin (void)
{
  g_main_context_iteration (NULL, FALSE);
}

/* Runs the main loop for @ms, drawing what is to be drawn. */
static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

/* Waits for a frame painted after @after, and returns when it was painted. */
static gint64
wait_for_frame_after (gint64 after)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (marks.painted <= after)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("no frame was painted");
      g_main_context_iteration (NULL, TRUE);
    }
  return marks.painted;
}

static GtkWidget *
template_child (gpointer widget, GType type, const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  if (child == NULL)
    g_error ("no template child %s", name);
  return GTK_WIDGET (child);
}

static const char *
widget_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (GTK_IS_INSCRIPTION (widget))
    return gtk_inscription_get_text (GTK_INSCRIPTION (widget));
  return NULL;
}

/* Whether a cell showing @text is on screen, mapped and allocated. */
static gboolean
shows_text (GtkWidget *widget, const char *text)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (g_strcmp0 (widget_text (widget), text) == 0 && gtk_widget_get_width (widget) > 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (shows_text (child, text))
      return TRUE;
  return FALSE;
}

/* The subjects found; the view may show only the first screen of them
 * for a frame. */
static guint
n_subjects (GtkColumnView *view)
{
  GListModel *model =
      gtk_multi_selection_get_model (GTK_MULTI_SELECTION (gtk_column_view_get_model (view)));

  if (SUIJI_IS_ROW_LIST (model))
    model = suiji_row_list_get_model (SUIJI_ROW_LIST (model));
  return g_list_model_get_n_items (model);
}

static char *
first_name (GtkColumnView *view)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr (GObject) first = NULL;
  GObject *subject;

  if (model == NULL || g_list_model_get_n_items (model) == 0)
    return NULL;
  /* The view shows rows over the subjects (before: the subjects). */
  first = g_list_model_get_item (model, 0);
  subject = SUIJI_IS_ROW (first) ? suiji_row_get_item (SUIJI_ROW (first)) : first;
  return g_strdup (suiji_subject_get_record (SUIJI_SUBJECT (subject))->name);
}

/* Waits until a frame painted after @since shows the first row of the
 * view, and returns when. */
static gint64
wait_for_rows (GtkColumnView *view, gint64 since)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  gint64 checked = since;

  for (;;)
    {
      g_autofree char *name = NULL;

      if (marks.painted > checked)
        {
          checked = marks.painted;
          name = first_name (view);
          if (name != NULL && shows_text (GTK_WIDGET (view), name))
            return checked;
        }
      if (g_get_monotonic_time () > deadline)
        g_error ("the subjects never showed");
      g_main_context_iteration (NULL, TRUE);
    }
}

typedef struct
{
  long rss_kb;
  long hwm_kb;
  long anon_kb;
  long file_kb;
} Memory;

static long
status_field (const char *status, const char *name)
{
  const char *line = strstr (status, name);

  return line != NULL ? (long) g_ascii_strtoll (line + strlen (name), NULL, 10) : -1;
}

static Memory
read_memory (void)
{
  g_autofree char *status = NULL;
  Memory           memory = { 0 };

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return memory;
  memory.rss_kb = status_field (status, "VmRSS:");
  memory.hwm_kb = status_field (status, "VmHWM:");
  memory.anon_kb = status_field (status, "RssAnon:");
  memory.file_kb = status_field (status, "RssFile:");
  return memory;
}

static void
print_memory (const char *when, Memory memory)
{
  g_print ("directories-gui: resident memory %s: VmRSS %.0f MB (anonymous %.0f MB, files %.0f MB), "
           "VmHWM %.0f MB\n",
           when, memory.rss_kb / 1024.0, memory.anon_kb / 1024.0, memory.file_kb / 1024.0,
           memory.hwm_kb / 1024.0);
}

static double
ms_between (gint64 from, gint64 to)
{
  return (to - from) / 1000.0;
}

/* A search: the text there before, and what the user types (nothing:
 * the text is deleted). */
typedef struct
{
  const char *label;
  const char *before;
  const char *typed;
} Query;

/* What one search cost, in ms. */
enum
{
  TO_FRAME,  /* from the text changing to the frame that shows the rows */
  DELAY,     /* the search entry's pause before it tells the page */
  WORK,      /* the page's work: the list, the counts, the rows bound */
  WORK_CPU,  /* the same in processor time */
  FRAME_CPU, /* then the frame, in processor time */
  AFTER,     /* the next frame: rows that went are destroyed, the rest built */
  N_MEASURES
};

static const char *const measure_names[N_MEASURES] = {
  "to the frame",
  "pause",
  "work",
  "work (processor)",
  "frame (processor)",
  "then the frame after, which drops the rows that went and builds the rest",
};

/* One search as typed: the text changes, the page searches after its
 * pause, and a frame shows the rows. @before is the text the search
 * starts from; an empty @text deletes it. */
static void
search_once (GtkEditable   *search,
             GtkColumnView *view,
             const char    *before,
             const char    *typed,
             double        *measures,
             guint         *n_found)
{
  gint64 start, first_frame, first_frame_cpu;

  if (!g_str_equal (gtk_editable_get_text (search), before))
    {
      if (*gtk_editable_get_text (search) != '\0')
        edit_search (search, NULL, TRUE);
      if (*before != '\0')
        edit_search (search, before, FALSE);
      wait_for_frame_after (marks.applied);
    }
  /* The page settles between keystrokes, as between a user's. */
  settle (200);

  start = g_get_monotonic_time ();
  edit_search (search, typed, *typed == '\0');
  wait_for_frame_after (marks.applied);
  first_frame = marks.painted;
  first_frame_cpu = marks.painted_cpu;
  wait_for_frame_after (first_frame);

  measures[AFTER] = ms_between (first_frame, marks.painted);
  marks.painted = first_frame;
  marks.painted_cpu = first_frame_cpu;
  measures[TO_FRAME] = ms_between (start, marks.painted);
  measures[DELAY] = ms_between (start, marks.changed);
  measures[WORK] = ms_between (marks.changed, marks.applied);
  measures[WORK_CPU] = ms_between (marks.changed_cpu, marks.applied_cpu);
  measures[FRAME_CPU] = ms_between (marks.applied_cpu, marks.painted_cpu);
  *n_found = n_subjects (view);
}

static void
print_measures (const char *what, double *runs[N_MEASURES], guint n_runs)
{
  g_autoptr (GString) line = g_string_new (NULL);

  g_string_append_printf (line, "directories-gui: %s:", what);
  for (guint m = 0; m < N_MEASURES; m++)
    {
      double median = bench_median (runs[m], n_runs);

      g_string_append_printf (line, "%s %s median %.1f, best %.1f, worst %.1f ms",
                              m == 0 ? "" : ";", measure_names[m], median, runs[m][0],
                              runs[m][n_runs - 1]);
    }
  g_print ("%s\n", line->str);
}

static void
bench_search (GtkWidget *page, GtkColumnView *view, const char *rare_name, const char *one_key)
{
  GtkEditable *search =
      GTK_EDITABLE (template_child (page, SUIJI_TYPE_DIRECTORIES_PAGE, "subject_search"));
  g_autofree char *lower_key = g_ascii_strdown (one_key, -1);
  g_autofree char *key_part = g_strndup (lower_key + 8, 6);
  g_autofree char *rare_trade_name = g_utf8_substring (rare_name, 0, 2);
  const char      *rare_rest = g_utf8_offset_to_pointer (rare_name, 2);
  const Query      queries[] = {
         { "2 characters of every name", "", "沙河" },
         { "one more, still every name", "沙河", "市" },
         { "2 characters of a fifth", "", "玻璃" },
         { "rare trade name, 2 characters", "", rare_trade_name },
         { "typed on to a rare name", rare_trade_name, rare_rest },
         { "code prefix", "", "91130582" },
         { "whole code, pasted", "", one_key },
         { "part of a code, lower case", "", key_part },
         { "nothing matches", "", "不存在的名字" },
         { "deleted after finding nothing", "不存在的名字", "" },
  };
  double  all[N_MEASURES][G_N_ELEMENTS (queries) * N_SEARCH_RUNS];
  double *all_runs[N_MEASURES];
  guint   n_all = 0;

  g_signal_add_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY), 0,
                              search_changed_hook, NULL, NULL);
  g_signal_connect_after (search, "search-changed", G_CALLBACK (search_applied_cb), NULL);

  /* As a user does, the entry is clicked (or Ctrl+F pressed) before typing. */
  {
    gint64 start = g_get_monotonic_time ();

    gtk_widget_grab_focus (GTK_WIDGET (search));
    g_print ("directories-gui: the search entry getting the focus, which reads the names and "
             "codes to search: %.1f ms\n",
             ms_between (start, g_get_monotonic_time ()));
    settle (200);
  }

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      double           runs[N_MEASURES][N_SEARCH_RUNS];
      double          *query_runs[N_MEASURES];
      double           measures[N_MEASURES];
      guint            n_found = 0;
      g_autofree char *what = NULL;

      for (guint run = 0; run < N_SEARCH_RUNS; run++)
        {
          search_once (search, view, queries[q].before, queries[q].typed, measures, &n_found);
          for (guint m = 0; m < N_MEASURES; m++)
            {
              runs[m][run] = measures[m];
              all[m][n_all] = measures[m];
            }
          n_all++;
        }

      for (guint m = 0; m < N_MEASURES; m++)
        query_runs[m] = runs[m];
      what = g_strdup_printf ("search “%s%s” (%s, %u found)",
                              *queries[q].typed != '\0' ? queries[q].before : "", queries[q].typed,
                              queries[q].label, n_found);
      print_measures (what, query_runs, N_SEARCH_RUNS);
    }

  for (guint m = 0; m < N_MEASURES; m++)
    all_runs[m] = all[m];
  print_measures ("every search", all_runs, n_all);

  if (*gtk_editable_get_text (search) != '\0')
    {
      edit_search (search, NULL, TRUE);
      wait_for_frame_after (marks.applied);
    }
}

/* Scrolls from the first row to the last, 100 rows a frame, as dragging
 * the scroll bar down does: every row is read once. */
static void
bench_scroll (GtkColumnView *view)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  g_autoptr (GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  guint  n_rows = n_subjects (view);
  gint64 start = g_get_monotonic_time ();
  double worst = 0;

  while (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment) <
         gtk_adjustment_get_upper (adjustment) - 1)
    {
      gint64 before = g_get_monotonic_time ();
      double ms;

      gtk_adjustment_set_value (adjustment,
                                gtk_adjustment_get_value (adjustment) +
                                    100 * gtk_adjustment_get_upper (adjustment) / n_rows);
      ms = ms_between (before, wait_for_frame_after (before));
      g_array_append_val (frames, ms);
      worst = MAX (worst, ms);
    }

  g_print ("directories-gui: scrolled through every row, 100 rows a frame: %u frames in %.1f s, "
           "median %.1f ms, worst %.1f ms a frame\n",
           frames->len, ms_between (start, g_get_monotonic_time ()) / 1000.0,
           bench_median ((double *) (void *) frames->data, frames->len), worst);
}

int
main (int argc, char *argv[])
{
  g_autofree char *folder = g_dir_make_tmp ("suiji-bench-XXXXXX", NULL);
  g_autofree char *db_path = g_build_filename (folder, "bench.db", NULL);
  g_autofree char *rare_name = NULL;
  g_autofree char *one_key = NULL;
  g_autoptr (SuijiApplication) app = NULL;
  g_autoptr (GError) error = NULL;
  int            n_subjects = argc > 1 ? atoi (argv[1]) : 100000;
  SuijiWindow   *window;
  GtkWidget     *page;
  GtkColumnView *view;
  gint64         start, shown;

  /* Each figure as soon as it is known, also into a pipe; the searches are
   * Chinese: print them as they are. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  setlocale (LC_ALL, "");
  if (!g_get_charset (NULL))
    setlocale (LC_ALL, "C.UTF-8");
  bench_print_machine ("directories-gui");
  g_setenv ("GSETTINGS_SCHEMA_DIR", SUIJI_SCHEMAS_DIR, FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);

  /* The sample data comes from another process: this one's memory is the
   * window's alone. */
  {
    g_autofree char *count = g_strdup_printf ("%d", n_subjects);
    const char      *fill[] = { SUIJI_CLI_EXECUTABLE, "--db", db_path, "sample-data",
                                "--subjects",         count,  NULL };
    int              status = 0;

    if (!g_spawn_sync (NULL, (char **) fill, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                       NULL, &status, &error) ||
        !g_spawn_check_wait_status (status, &error))
      g_error ("could not fill the sample data: %s", error->message);
  }

  gtk_init ();
  adw_init ();
  app = suiji_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (app), NULL, &error) ||
      !suiji_application_open_database (app, db_path, &error))
    g_error ("%s", error->message);

  /* Opening: the window is built, filled and shown. */
  start = g_get_monotonic_time ();
  g_application_activate (G_APPLICATION (app));
  window = SUIJI_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
  if (window == NULL)
    g_error ("no window");
  page = template_child (window, SUIJI_TYPE_WINDOW, "directories_page");
  view = GTK_COLUMN_VIEW (template_child (page, SUIJI_TYPE_DIRECTORIES_PAGE, "subjects_view"));
  while (!gtk_widget_get_realized (GTK_WIDGET (window)))
    spin ();
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
  shown = wait_for_rows (view, start);
  g_print ("directories-gui: %d subjects: window opened to the first frame with the subjects on "
           "screen: %.1f ms (in a running process; bench-startup gives the cold start)\n",
           n_subjects, ms_between (start, shown));
  print_memory ("with the subjects on screen", read_memory ());
  bench_pick_subject (suiji_application_get_database (app), &rare_name, &one_key);

  /* Back to the page from another section, without the cross-fade. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  {
    double ms[5];
    double median;

    for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
      {
        suiji_window_show_section (window, "tasks");
        /* The stacks cross-fade: the page is shown until the fade ends. */
        while (gtk_widget_get_mapped (page))
          {
            g_main_context_iteration (NULL, FALSE);
            g_usleep (1000);
          }
        wait_for_frame_after (g_get_monotonic_time ());
        start = g_get_monotonic_time ();
        suiji_window_show_section (window, "directories");
        ms[i] = ms_between (start, wait_for_rows (view, start));
      }
    median = bench_median (ms, G_N_ELEMENTS (ms));
    g_print ("directories-gui: back to the subjects from another section, to the first frame with "
             "rows: median %.1f ms, best %.1f ms\n",
             median, ms[0]);
  }

  bench_search (page, view, rare_name, one_key);
  print_memory ("after the searches", read_memory ());

  if (g_getenv ("BENCH_NO_SCROLL") == NULL)
    {
      bench_scroll (view);
      print_memory ("after scrolling through every row", read_memory ());
    }

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  bench_remove_database (db_path);
  g_rmdir (folder);
  return 0;
}
