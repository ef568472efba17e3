/* suiji-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The summary report for the quarterly progress reports, A4 portrait: the
 * key figures and the deadlines with the targets chart, the trend and the
 * departments chart, the table of every department, and the tasks whose
 * results are overdue for publication. The charts are the ones the window
 * and the exports draw (suiji-chart.c); the words around them are the
 * user's language, the units' names and the forms' column titles data.
 */

#define G_LOG_DOMAIN "suiji-summary"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "suiji-cairo-private.h"
#include "suiji-chart-private.h"
#include "suiji-chart.h"
#include "suiji-format.h"
#include "suiji-result.h"
#include "suiji-summary.h"

#define FONT "Noto Sans CJK SC,Source Han Sans SC,Microsoft YaHei,sans-serif"

#define MARGIN_X      50.0
#define MARGIN_TOP    56.0
#define MARGIN_BOTTOM 56.0
#define BODY_SIZE     10.0
#define TABLE_SIZE    9.0
#define CELL_PADDING  4.0
/* The charts' body text on paper, in points. */
#define CHART_FONT_SIZE 8.5

/* A share below its target is marked in the tables, in words as well as
 * in the note under them, so that it survives a black-and-white copy. */
#define BELOW_MARK "↓"

typedef struct
{
  cairo_t             *cr;
  const SuijiProgress *progress;
  PangoLayout         *body;
  PangoLayout         *bold;
  PangoLayout         *heading;
  PangoLayout         *title;
  PangoLayout         *table;
  PangoLayout         *table_bold;
  guint                page;
  double               y;
  char                *footer;
} Document;

#define CONTENT_WIDTH  (SUIJI_SUMMARY_PAGE_WIDTH - 2 * MARGIN_X)
#define CONTENT_BOTTOM (SUIJI_SUMMARY_PAGE_HEIGHT - MARGIN_BOTTOM)

static double
show (Document      *doc,
      PangoLayout   *layout,
      const char    *text,
      double         x,
      double         y,
      double         width,
      PangoAlignment alignment,
      double         grey)
{
  int height;

  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, NULL, &height);
  cairo_set_source_rgb (doc->cr, grey, grey, grey);
  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, layout);
  return (double) height / PANGO_SCALE;
}

static double
measure (PangoLayout *layout, const char *text, double width)
{
  int height;

  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
draw_footer (Document *doc)
{
  g_autofree char *page = g_strdup_printf (_("Page %u"), doc->page);
  double           y = SUIJI_SUMMARY_PAGE_HEIGHT - MARGIN_BOTTOM + 18;

  cairo_set_line_width (doc->cr, 0.5);
  cairo_set_source_rgb (doc->cr, 0.6, 0.6, 0.6);
  cairo_move_to (doc->cr, MARGIN_X, y - 6);
  cairo_line_to (doc->cr, SUIJI_SUMMARY_PAGE_WIDTH - MARGIN_X, y - 6);
  cairo_stroke (doc->cr);
  show (doc, doc->table, doc->footer, MARGIN_X, y, CONTENT_WIDTH * 0.8, PANGO_ALIGN_LEFT, 0.35);
  show (doc, doc->table, page, MARGIN_X, y, CONTENT_WIDTH, PANGO_ALIGN_RIGHT, 0.35);
}

static void
new_page (Document *doc)
{
  cairo_show_page (doc->cr);
  doc->page++;
  doc->y = MARGIN_TOP;
  draw_footer (doc);
}

/* Starts a new page unless @height still fits on this one. */
static void
need (Document *doc, double height)
{
  if (doc->y + height > CONTENT_BOTTOM)
    new_page (doc);
}

static void
section (Document *doc, const char *title)
{
  need (doc, 80);
  doc->y += 6;
  doc->y += show (doc, doc->heading, title, MARGIN_X, doc->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT, 0);
  cairo_set_source_rgb (doc->cr, 0, 0, 0);
  cairo_set_line_width (doc->cr, 0.75);
  cairo_move_to (doc->cr, MARGIN_X, doc->y + 2);
  cairo_line_to (doc->cr, MARGIN_X + CONTENT_WIDTH, doc->y + 2);
  cairo_stroke (doc->cr);
  doc->y += 8;
}

/* A table: its columns' titles, shares of the width and alignments. */
typedef struct
{
  const char    *title;
  double         share;
  PangoAlignment alignment;
} Column;

static double
row_height (Document          *doc,
            PangoLayout       *layout,
            const Column      *columns,
            guint              n_columns,
            const char *const *cells)
{
  double height = 0;

  for (guint c = 0; c < n_columns; c++)
    height = MAX (height,
                  measure (layout, cells[c], CONTENT_WIDTH * columns[c].share - 2 * CELL_PADDING));
  return height + 2 * CELL_PADDING;
}

static void
draw_row (Document          *doc,
          PangoLayout       *layout,
          const Column      *columns,
          guint              n_columns,
          const char *const *cells,
          double             height,
          gboolean           shaded)
{
  double x = MARGIN_X;

  if (shaded)
    {
      cairo_set_source_rgb (doc->cr, 0.92, 0.92, 0.92);
      cairo_rectangle (doc->cr, MARGIN_X, doc->y, CONTENT_WIDTH, height);
      cairo_fill (doc->cr);
    }

  for (guint c = 0; c < n_columns; c++)
    {
      double width = CONTENT_WIDTH * columns[c].share;

      show (doc, layout, cells[c], x + CELL_PADDING, doc->y + CELL_PADDING,
            width - 2 * CELL_PADDING, columns[c].alignment, 0);
      x += width;
    }

  cairo_set_source_rgb (doc->cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, MARGIN_X, doc->y + height);
  cairo_line_to (doc->cr, MARGIN_X + CONTENT_WIDTH, doc->y + height);
  cairo_stroke (doc->cr);
  doc->y += height;
}

/* @rows: (element-type GStrv) */
static void
draw_table (Document *doc, const Column *columns, guint n_columns, GPtrArray *rows)
{
  g_autofree const char **titles = g_new0 (const char *, n_columns);
  double                  header_height;

  for (guint c = 0; c < n_columns; c++)
    titles[c] = columns[c].title;
  header_height = row_height (doc, doc->table_bold, columns, n_columns, titles);

  need (doc, header_height + 40);
  draw_row (doc, doc->table_bold, columns, n_columns, titles, header_height, TRUE);
  for (guint r = 0; r < rows->len; r++)
    {
      const char *const *cells = g_ptr_array_index (rows, r);
      double             height = row_height (doc, doc->table, columns, n_columns, cells);

      if (doc->y + height > CONTENT_BOTTOM)
        {
          /* The header again at the top of the next page. */
          new_page (doc);
          draw_row (doc, doc->table_bold, columns, n_columns, titles, header_height, TRUE);
        }
      draw_row (doc, doc->table, columns, n_columns, cells, height, FALSE);
    }
  doc->y += 8;
}

static void
paragraph (Document *doc, PangoLayout *layout, const char *text, double grey)
{
  double height = measure (layout, text, CONTENT_WIDTH);

  need (doc, height);
  doc->y += show (doc, layout, text, MARGIN_X, doc->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT, grey);
  doc->y += 4;
}

static void
chart (Document *doc, SuijiChartKind kind, double height)
{
  SuijiChartStyle style = { .font_size = CHART_FONT_SIZE };

  need (doc, height);
  cairo_save (doc->cr);
  cairo_translate (doc->cr, MARGIN_X, doc->y);
  suiji_chart_render (doc->progress, kind, doc->cr, CONTENT_WIDTH, height, &style, NULL);
  cairo_restore (doc->cr);
  doc->y += height + 10;
}

static char *
dup_share (int bp, int target_bp)
{
  g_autofree char *share = suiji_progress_format_share (bp, target_bp);

  if (bp >= 0 && bp < target_bp)
    return g_strconcat (share, " " BELOW_MARK, NULL);
  return g_steal_pointer (&share);
}

static char *
dup_count (gint64 count)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, count);
}

static void
key_figures (Document *doc)
{
  const SuijiProgress *progress = doc->progress;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GString) totals = g_string_new (NULL);
  const Column columns[] = {
    { _("Target"), 0.27, PANGO_ALIGN_LEFT },
    { _("Target share"), 0.1, PANGO_ALIGN_RIGHT },
    { _("Year to date"), 0.12, PANGO_ALIGN_RIGHT },
    { _("Counts"), 0.17, PANGO_ALIGN_RIGHT },
    { _("State"), 0.09, PANGO_ALIGN_LEFT },
    { _("What is needed"), 0.25, PANGO_ALIGN_LEFT },
  };

  section (doc, _("Key figures"));
  for (guint t = 0; t < SUIJI_N_TARGETS; t++)
    {
      const SuijiTargetProgress *target = &progress->progress[t];
      char                     **cells = g_new0 (char *, G_N_ELEMENTS (columns) + 1);

      cells[0] = g_strdup (suiji_target_get_title (t));
      cells[1] = suiji_format_bp_as_percent (target->target_bp);
      cells[2] = dup_share (target->value_bp, target->target_bp);
      cells[3] = suiji_target_progress_dup_ratio_text (target);
      cells[4] = g_strdup (suiji_target_state_get_label (target->state));
      cells[5] = suiji_target_progress_dup_gap_text (target);
      g_ptr_array_add (rows, cells);
    }
  draw_table (doc, columns, G_N_ELEMENTS (columns), rows);

  /* The unit's totals under the forms' own column titles. */
  for (guint c = 0; c < SUIJI_FIGURE_N_COLUMNS; c++)
    g_string_append_printf (totals, "%s%s %" G_GINT64_FORMAT, c > 0 ? " · " : "",
                            suiji_statistics_get_column_title (c), progress->figures.values[0][c]);
  paragraph (doc, doc->body, totals->str, 0);
}

static gboolean
deadlines (Document *doc, SuijiDatabase *db, const GDate *today, GError **error)
{
  const SuijiDeadlineKind kinds[] = { SUIJI_DEADLINE_MONTHLY_REPORT,
                                      SUIJI_DEADLINE_PROGRESS_REPORT };

  section (doc, _("Deadlines"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_auto (SuijiDeadlineStatus) status = { 0 };
      g_autofree char *when = NULL;
      g_autofree char *line = NULL;

      if (!suiji_deadline_status_load (db, kinds[i], today, &status, error))
        return FALSE;
      when = suiji_deadline_status_dup_text (&status);
      line = g_strdup_printf ("%s: %s", suiji_deadline_kind_get_title (kinds[i]), when);
      paragraph (doc, doc->bold, line, 0);
      if (kinds[i] == SUIJI_DEADLINE_MONTHLY_REPORT)
        {
          g_autofree char *missing = suiji_deadline_status_dup_missing_text (&status);

          paragraph (doc, doc->body, missing, 0.25);
        }
    }

  return TRUE;
}

static void
department_table (Document *doc)
{
  const SuijiProgress *progress = doc->progress;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const Column columns[] = {
    { _("Department"), 0.27, PANGO_ALIGN_LEFT },
    { _("Inspections"), 0.13, PANGO_ALIGN_RIGHT },
    { _("Joint"), 0.07, PANGO_ALIGN_RIGHT },
    { _("Joint share"), 0.1, PANGO_ALIGN_RIGHT },
    { _("By credit-risk class"), 0.11, PANGO_ALIGN_RIGHT },
    { _("Credit share"), 0.1, PANGO_ALIGN_RIGHT },
    { _("Subjects drawn"), 0.11, PANGO_ALIGN_RIGHT },
    { _("In joint tasks"), 0.11, PANGO_ALIGN_RIGHT },
  };
  g_autofree char *note = NULL;

  section (doc, _("Per department"));
  for (guint i = 0; i < progress->departments->len; i++)
    {
      const SuijiDepartmentProgress *d = g_ptr_array_index (progress->departments, i);
      char                         **cells = g_new0 (char *, G_N_ELEMENTS (columns) + 1);

      cells[0] = g_strdup (d->name);
      cells[1] = dup_count (d->tasks);
      cells[2] = dup_count (d->joint_tasks);
      cells[3] = dup_share (d->joint_bp, progress->progress[SUIJI_TARGET_JOINT_COUNT].target_bp);
      cells[4] = dup_count (d->credit_tasks);
      cells[5] = dup_share (d->credit_bp, progress->progress[SUIJI_TARGET_CREDIT_COUNT].target_bp);
      cells[6] = dup_count (d->drawn);
      cells[7] = dup_count (d->joint_drawn);
      g_ptr_array_add (rows, cells);
    }
  draw_table (doc, columns, G_N_ELEMENTS (columns), rows);

  /* Translators: %s is the mark put after a share in the tables */
  note = g_strdup_printf (_("%s: below the year's target. A joint task counts in the table of "
                             "every department that takes part."),
                          BELOW_MARK);
  paragraph (doc, doc->body, note, 0.25);
}

static gboolean
overdue_table (Document *doc, SuijiDatabase *db, const GDate *today, GError **error)
{
  g_autoptr (GPtrArray) tasks = NULL;
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *today_text = suiji_progress_format_date (today);
  const Column     columns[] = {
        { _("Task"), 0.36, PANGO_ALIGN_LEFT },
        { _("Departments"), 0.24, PANGO_ALIGN_LEFT },
        { _("Drawn on"), 0.13, PANGO_ALIGN_LEFT },
        { _("Publication due"), 0.14, PANGO_ALIGN_LEFT },
        { _("Overdue subjects"), 0.13, PANGO_ALIGN_RIGHT },
  };

  tasks = suiji_progress_list_overdue (db, doc->progress->year, today, error);
  if (tasks == NULL)
    return FALSE;

  section (doc, _("Results overdue for publication"));
  if (tasks->len == 0)
    {
      g_autofree char *none =
          g_strdup_printf (_("No results are overdue for publication on %s."), today_text);

      paragraph (doc, doc->body, none, 0);
      return TRUE;
    }

  {
    g_autofree char *intro = g_strdup_printf (
        g_dngettext (
            GETTEXT_PACKAGE, "On %s, %u task has results not published within %d working days:",
            "On %s, %u tasks have results not published within %d working days:", tasks->len),
        today_text, tasks->len, SUIJI_RESULT_PUBLICATION_WORKING_DAYS);

    paragraph (doc, doc->body, intro, 0);
  }
  for (guint i = 0; i < tasks->len; i++)
    {
      const SuijiProgressTask *task = g_ptr_array_index (tasks, i);
      char                   **cells = g_new0 (char *, G_N_ELEMENTS (columns) + 1);

      cells[0] = g_strdup (task->name);
      cells[1] = g_strdup (task->departments);
      cells[2] = g_strdup (task->drawn_on);
      cells[3] = g_strdup (task->publication_due);
      cells[4] = g_strdup_printf ("%u", task->overdue);
      g_ptr_array_add (rows, cells);
    }
  draw_table (doc, columns, G_N_ELEMENTS (columns), rows);
  return TRUE;
}

static void
document_clear (Document *doc)
{
  g_clear_object (&doc->body);
  g_clear_object (&doc->bold);
  g_clear_object (&doc->heading);
  g_clear_object (&doc->title);
  g_clear_object (&doc->table);
  g_clear_object (&doc->table_bold);
  g_clear_pointer (&doc->footer, g_free);
}

static gboolean
write_document (Document *doc, SuijiDatabase *db, const GDate *today, GError **error)
{
  const SuijiProgress *progress = doc->progress;
  g_autofree char     *title = NULL;
  g_autofree char     *period = NULL;
  g_autofree char     *until_text = NULL;
  g_autofree char     *today_text = suiji_progress_format_date (today);
  GDate                until;

  title = g_strdup_printf (_("Progress of the random inspections, %d"), progress->year);
  doc->footer = g_strdup_printf ("%s · %s", progress->unit_name, title);
  suiji_date_parse_iso (progress->until, &until);
  until_text = suiji_progress_format_date (&until);
  period = g_strdup_printf (_("Figures from January 1 to %s, cumulative as in the monthly forms; "
                               "printed on %s."),
                            until_text, today_text);

  doc->page = 1;
  doc->y = MARGIN_TOP;
  draw_footer (doc);

  /* Page 1: what the year stands at, and what is due. */
  doc->y += show (doc, doc->title, title, MARGIN_X, doc->y, CONTENT_WIDTH, PANGO_ALIGN_LEFT, 0);
  doc->y += 4;
  doc->y += show (doc, doc->heading, progress->unit_name, MARGIN_X, doc->y, CONTENT_WIDTH,
                  PANGO_ALIGN_LEFT, 0);
  doc->y += 2;
  paragraph (doc, doc->body, period, 0.3);
  doc->y += 4;
  key_figures (doc);
  if (!deadlines (doc, db, today, error))
    return FALSE;
  doc->y += 6;
  chart (doc, SUIJI_CHART_TARGETS, MIN (CONTENT_BOTTOM - doc->y, 330));

  /* Page 2: the year month by month, and the departments side by side. */
  new_page (doc);
  chart (doc, SUIJI_CHART_TREND, 320);
  chart (doc, SUIJI_CHART_DEPARTMENTS, CONTENT_BOTTOM - doc->y);

  /* Then the tables. */
  new_page (doc);
  department_table (doc);
  return overdue_table (doc, db, today, error);
}

/**
 * suiji_summary_write_pdf:
 * @progress: the year so far, from suiji_progress_compute ()
 * @today: the day the deadlines and the overdue results are reckoned from
 *
 * Writes the summary report as an A4 PDF of several pages.
 *
 * Returns: %FALSE with @error set when the figures could not be read or
 *   the file not written
 */
gboolean
suiji_summary_write_pdf (SuijiDatabase       *db,
                         const SuijiProgress *progress,
                         const GDate         *today,
                         const char          *path,
                         GError             **error)
{
  Document         doc = { .progress = progress };
  cairo_surface_t *surface;
  g_autofree char *title = NULL;
  gboolean         ok;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (progress != NULL, FALSE);
  g_return_val_if_fail (today != NULL && g_date_valid (today), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, SUIJI_SUMMARY_PAGE_WIDTH, SUIJI_SUMMARY_PAGE_HEIGHT);
  title = g_strdup_printf (_("Progress of the random inspections, %d"), progress->year);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, progress->unit_name);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Suiji");
  doc.cr = cairo_create (surface);
  cairo_surface_destroy (surface);

  doc.body = _suiji_cairo_text_layout (doc.cr, FONT, BODY_SIZE, FALSE);
  doc.bold = _suiji_cairo_text_layout (doc.cr, FONT, BODY_SIZE, TRUE);
  doc.heading = _suiji_cairo_text_layout (doc.cr, FONT, 13, TRUE);
  doc.title = _suiji_cairo_text_layout (doc.cr, FONT, 18, TRUE);
  doc.table = _suiji_cairo_text_layout (doc.cr, FONT, TABLE_SIZE, FALSE);
  doc.table_bold = _suiji_cairo_text_layout (doc.cr, FONT, TABLE_SIZE, TRUE);

  ok = write_document (&doc, db, today, error);
  document_clear (&doc);
  if (!ok)
    {
      /* The file is finished all the same, then removed: half a report is
       * worse than none. */
      cairo_destroy (doc.cr);
      g_remove (path);
      return FALSE;
    }

  return _suiji_cairo_pdf_close (doc.cr, path, error);
}
