/* suiji-draw-publish.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The public notice of a draw (抽查结果公示): the task, its items and
 * departments, the drawn subjects with their inspectors, and how anyone can
 * check it: the seed, how it was made, the pool digest and the time. The
 * same rows go to an xlsx sheet or to an A4 PDF drawn with cairo and pango.
 */

#define G_LOG_DOMAIN "suiji-draw-publish"

#include "config.h"

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <xlsxwriter.h>

#include "suiji-cairo-private.h"
#include "suiji-database-private.h"
#include "suiji-xlsx-private.h"
#include "suiji-draw-publish.h"
#include "suiji-draw.h"
#include "suiji-saved-draw.h"

/* The notice is an official document: its words are Chinese whatever the
 * user's language, like the monthly forms. */
static const char *const headings[] = { "序号",     "检查对象名称", "统一社会信用代码",
                                        "所属区域", "风险分类",     "执法检查人员" };

struct _SuijiDrawNotice
{
  char      *title;
  GPtrArray *facts;       /* "label：value" lines above the table */
  GPtrArray *rows;        /* GStrv of G_N_ELEMENTS (headings) cells */
  GArray    *page_starts; /* guint: the first row of each page after the first */
};

typedef SuijiDrawNotice Notice;

void
suiji_draw_notice_free (SuijiDrawNotice *notice)
{
  if (notice == NULL)
    return;

  g_free (notice->title);
  g_clear_pointer (&notice->facts, g_ptr_array_unref);
  g_clear_pointer (&notice->rows, g_ptr_array_unref);
  g_clear_pointer (&notice->page_starts, g_array_unref);
  g_free (notice);
}

static char *
lookup (SuijiDatabase *db, const char *sql, const char *key)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, NULL);

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  return g_strdup (sqlite3_step (stmt) == SQLITE_ROW ? _suiji_column_text (stmt, 0) : "");
}

/* The name of the inspector drawn under @badge: found through the id the
 * draw kept, as the badge may have been corrected since. */
static char *
inspector_name (SuijiDatabase *db, gint64 draw_id, const char *badge)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (
      db,
      "SELECT coalesce((SELECT i.name FROM draw_inspectors di"
      "   JOIN inspectors i ON i.id = di.inspector_id WHERE di.draw_id = ?1 AND di.badge = ?2"
      "   LIMIT 1), (SELECT name FROM inspectors WHERE badge = ?2), '')",
      NULL);

  if (stmt == NULL)
    return g_strdup ("");
  sqlite3_bind_int64 (stmt, 1, draw_id);
  sqlite3_bind_text (stmt, 2, badge, -1, SQLITE_STATIC);
  return g_strdup (sqlite3_step (stmt) == SQLITE_ROW ? _suiji_column_text (stmt, 0) : "");
}

static gboolean
load_notice (SuijiDatabase *db, gint64 draw_id, Notice *notice, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autofree char     *items = NULL;
  g_autofree char     *departments = NULL;
  const SuijiDrawPick *picks;
  guint                n_picks;

  stmt =
      _suiji_database_prepare (db,
                               "SELECT d.id, t.name, t.platform,"
                               " (SELECT group_concat(i.name, '；') FROM task_items ti JOIN items i"
                               "   ON i.id = ti.item_id WHERE ti.task_id = t.id)"
                               " FROM draws d JOIN tasks t ON t.id = d.task_id WHERE d.id = ?1",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, draw_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (
          error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FAILED,
          _("There is no draw number %ld; the draw command prints the number of each draw."),
          (long) draw_id);
      return FALSE;
    }

  record = suiji_saved_draw_load_record (db, draw_id, error);
  if (record == NULL)
    return FALSE;

  departments = g_strjoinv ("、", (char **) suiji_draw_record_get_task_departments (record));
  items = g_strdup (_suiji_column_text (stmt, 3));

  notice->title =
      g_strdup_printf ("“双随机、一公开”抽查结果公示：%s", _suiji_column_text (stmt, 1));
  notice->facts = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (notice->facts, g_strdup_printf ("抽查任务：%s", _suiji_column_text (stmt, 1)));
  g_ptr_array_add (notice->facts, g_strdup_printf ("实施部门：%s", departments));
  g_ptr_array_add (notice->facts, g_strdup_printf ("抽查事项：%s", *items != '\0' ? items : "—"));
  g_ptr_array_add (notice->facts, g_strdup_printf ("平台：%s", _suiji_column_text (stmt, 2)));
  g_ptr_array_add (notice->facts,
                   g_strdup_printf ("抽取时间：%s", suiji_draw_record_get_drawn_at (record)));
  g_ptr_array_add (notice->facts, g_strdup_printf ("抽取算法：%s", SUIJI_DRAW_ALGORITHM));
  if (suiji_draw_record_get_seed_kind (record) == SUIJI_DRAW_SEED_TEXT)
    g_ptr_array_add (notice->facts, g_strdup_printf ("随机种子来源：公开文本“%s”的 SHA-256",
                                                     suiji_draw_record_get_seed_text (record)));
  else
    g_ptr_array_add (notice->facts, g_strdup ("随机种子来源：操作系统密码学随机数"));
  g_ptr_array_add (notice->facts,
                   g_strdup_printf ("随机种子：%s", suiji_draw_record_get_seed_hex (record)));
  g_ptr_array_add (notice->facts, g_strdup_printf ("候选名单摘要（SHA-256）：%s",
                                                   suiji_draw_record_get_pool_digest (record)));
  g_ptr_array_add (
      notice->facts,
      g_strdup_printf ("候选检查对象 %u 户，抽取 %u 户；任何人可用公布的 JSON 记录复核本次抽取。",
                       suiji_draw_record_get_n_candidates (record),
                       (suiji_draw_record_get_picks (record, &n_picks), n_picks)));

  notice->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  picks = suiji_draw_record_get_picks (record, &n_picks);
  for (guint i = 0; i < n_picks; i++)
    {
      GPtrArray *people = g_ptr_array_new_with_free_func (g_free);
      char     **row = g_new0 (char *, G_N_ELEMENTS (headings) + 1);

      for (guint r = 0; picks[i].inspectors != NULL && picks[i].inspectors[r] != NULL; r++)
        {
          g_autofree char *name = inspector_name (db, draw_id, picks[i].inspectors[r]);
          g_ptr_array_add (people, g_strdup_printf ("%s（%s）", name, picks[i].inspectors[r]));
        }
      g_ptr_array_add (people, NULL);

      row[0] = g_strdup_printf ("%u", i + 1);
      row[1] = g_strdup (picks[i].name);
      row[2] = g_strdup (picks[i].key);
      row[3] = lookup (db, "SELECT region FROM subjects WHERE key = ?1", picks[i].key);
      row[4] = g_strdup (picks[i].stratum);
      row[5] = g_strjoinv ("、", (char **) people->pdata);
      g_ptr_array_unref (people);
      g_ptr_array_add (notice->rows, row);
    }

  return TRUE;
}

static gboolean
write_xlsx (const Notice *notice, const char *path, GError **error)
{
  lxw_workbook  *workbook = _suiji_xlsx_open (path, FALSE, error);
  lxw_worksheet *sheet;
  lxw_format    *title, *heading, *cell;
  const double   widths[] = { 6, 34, 22, 12, 9, 48 };
  lxw_row_t      row = 0;

  if (workbook == NULL)
    return FALSE;

  workbook_set_properties (workbook, &(lxw_doc_properties){ .title = notice->title });
  sheet = workbook_add_worksheet (workbook, "抽查结果公示");
  title = workbook_add_format (workbook);
  format_set_bold (title);
  format_set_font_size (title, 14);
  format_set_font_name (title, "黑体");
  heading = workbook_add_format (workbook);
  format_set_bold (heading);
  format_set_border (heading, LXW_BORDER_THIN);
  format_set_align (heading, LXW_ALIGN_CENTER);
  format_set_font_name (heading, "宋体");
  cell = workbook_add_format (workbook);
  format_set_border (cell, LXW_BORDER_THIN);
  format_set_text_wrap (cell);
  format_set_font_name (cell, "宋体");

  worksheet_merge_range (sheet, row, 0, row, G_N_ELEMENTS (headings) - 1, notice->title, title);
  row += 2;
  for (guint i = 0; i < notice->facts->len; i++, row++)
    worksheet_merge_range (sheet, row, 0, row, G_N_ELEMENTS (headings) - 1,
                           g_ptr_array_index (notice->facts, i), NULL);
  row++;

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    {
      worksheet_write_string (sheet, row, (lxw_col_t) c, headings[c], heading);
      worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c, widths[c], NULL);
    }
  worksheet_repeat_rows (sheet, row, row);
  row++;

  for (guint r = 0; r < notice->rows->len; r++, row++)
    {
      char **cells = g_ptr_array_index (notice->rows, r);

      worksheet_write_number (sheet, row, 0, r + 1, cell);
      for (guint c = 1; c < G_N_ELEMENTS (headings); c++)
        worksheet_write_string (sheet, row, (lxw_col_t) c, cells[c], cell);
    }

  worksheet_set_paper (sheet, 9);
  worksheet_fit_to_pages (sheet, 1, 0);

  return _suiji_xlsx_close (workbook, path, error);
}

/* A4 portrait in points, with margins for binding on the left. */
#define PAGE_WIDTH    SUIJI_DRAW_NOTICE_PAGE_WIDTH
#define PAGE_HEIGHT   SUIJI_DRAW_NOTICE_PAGE_HEIGHT
#define MARGIN_LEFT   62.0
#define MARGIN_RIGHT  42.0
#define MARGIN_TOP    50.0
#define MARGIN_BOTTOM 50.0

static PangoLayout *
make_layout (cairo_t *cr, const char *family, double size, gboolean bold, double width)
{
  PangoLayout *layout = _suiji_cairo_text_layout (cr, family, size, bold);

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  return layout;
}

/* Returns the height of @text; draws it too when @draw is set. */
static double
draw_text (cairo_t *cr, PangoLayout *layout, const char *text, double y, gboolean draw)
{
  int height;

  pango_layout_set_text (layout, text, -1);
  if (draw)
    {
      cairo_move_to (cr, MARGIN_LEFT, y);
      pango_cairo_show_layout (cr, layout);
    }
  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static const double column_fractions[] = { 0.05, 0.25, 0.24, 0.10, 0.07, 0.29 };

/* Lays out one table row; returns its height, and draws it at @y unless
 * @y is negative. */
static double
table_row (cairo_t *cr, const char *const *cells, gboolean heading, double y)
{
  double width = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
  g_autoptr (GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0;
  double x = MARGIN_LEFT;

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    {
      PangoLayout *layout =
          make_layout (cr, "Noto Serif CJK SC", 9, heading, width * column_fractions[c] - 6);
      int text_height;

      pango_layout_set_text (layout, cells[c], -1);
      pango_layout_get_size (layout, NULL, &text_height);
      height = MAX (height, (double) text_height / PANGO_SCALE + 6);
      g_ptr_array_add (layouts, layout);
    }

  if (y < 0)
    return height;

  cairo_set_line_width (cr, 0.6);
  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    {
      double cell_width = width * column_fractions[c];

      cairo_rectangle (cr, x, y, cell_width, height);
      cairo_stroke (cr);
      cairo_move_to (cr, x + 3, y + 3);
      pango_cairo_show_layout (cr, g_ptr_array_index (layouts, c));
      x += cell_width;
    }

  return height;
}

/* Lays out the title and the facts, and draws them when @draw is set;
 * returns where the table starts. */
static double
render_heading (const Notice *notice, cairo_t *cr, gboolean draw)
{
  double width = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT;
  double y = MARGIN_TOP;
  g_autoptr (PangoLayout) title = make_layout (cr, "Noto Sans CJK SC", 16, TRUE, width);
  g_autoptr (PangoLayout) fact = make_layout (cr, "Noto Serif CJK SC", 10, FALSE, width);

  pango_layout_set_alignment (title, PANGO_ALIGN_CENTER);
  y += draw_text (cr, title, notice->title, y, draw) + 14;
  for (guint i = 0; i < notice->facts->len; i++)
    y += draw_text (cr, fact, g_ptr_array_index (notice->facts, i), y, draw) + 3;
  return y + 10;
}

/**
 * suiji_draw_notice_paginate:
 * @cr: a context whose fonts measure as the output's will
 *
 * Breaks the table into A4 pages (SUIJI_DRAW_NOTICE_PAGE_WIDTH ×
 * SUIJI_DRAW_NOTICE_PAGE_HEIGHT points); the title and facts head the
 * first page, every page repeats the heading row.
 *
 * Returns: the number of pages
 */
guint
suiji_draw_notice_paginate (SuijiDrawNotice *notice, cairo_t *cr)
{
  double y;

  g_return_val_if_fail (notice != NULL, 0);

  g_array_set_size (notice->page_starts, 0);
  y = render_heading (notice, cr, FALSE);
  y += table_row (cr, headings, TRUE, -1);
  for (guint r = 0; r < notice->rows->len; r++)
    {
      double height = table_row (cr, g_ptr_array_index (notice->rows, r), FALSE, -1);

      if (y + height > PAGE_HEIGHT - MARGIN_BOTTOM && r > 0)
        {
          g_array_append_val (notice->page_starts, r);
          y = MARGIN_TOP + table_row (cr, headings, TRUE, -1);
        }
      y += height;
    }

  return notice->page_starts->len + 1;
}

/**
 * suiji_draw_notice_render_page:
 * @page: from 0, below what suiji_draw_notice_paginate () returned
 *
 * Draws one page in points, the top left corner of the page at the
 * origin of @cr.
 */
void
suiji_draw_notice_render_page (SuijiDrawNotice *notice, cairo_t *cr, guint page)
{
  guint  first = page == 0 ? 0 : g_array_index (notice->page_starts, guint, page - 1);
  guint  end = page < notice->page_starts->len ? g_array_index (notice->page_starts, guint, page)
                                               : notice->rows->len;
  double y = MARGIN_TOP;

  g_return_if_fail (page <= notice->page_starts->len);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  if (page == 0)
    y = render_heading (notice, cr, TRUE);
  y += table_row (cr, headings, TRUE, y);
  for (guint r = first; r < end; r++)
    y += table_row (cr, g_ptr_array_index (notice->rows, r), FALSE, y);
  cairo_restore (cr);
}

static gboolean
write_pdf (Notice *notice, const char *path, GError **error)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PAGE_WIDTH, PAGE_HEIGHT);
  cairo_t         *cr;
  guint            n_pages;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, notice->title);
  cr = cairo_create (surface);
  cairo_surface_destroy (surface);
  n_pages = suiji_draw_notice_paginate (notice, cr);
  for (guint page = 0; page < n_pages; page++)
    {
      /* The last page is ended by closing the file. */
      if (page > 0)
        cairo_show_page (cr);
      suiji_draw_notice_render_page (notice, cr, page);
    }

  return _suiji_cairo_pdf_close (cr, path, error);
}

/**
 * suiji_draw_notice_load:
 *
 * Reads what the public notice of a saved draw says, for printing.
 *
 * Returns: (transfer full): the notice, or %NULL with @error set
 */
SuijiDrawNotice *
suiji_draw_notice_load (SuijiDatabase *db, gint64 draw_id, GError **error)
{
  g_autoptr (SuijiDrawNotice) notice = g_new0 (SuijiDrawNotice, 1);

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  notice->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!load_notice (db, draw_id, notice, error))
    return NULL;
  return g_steal_pointer (&notice);
}

const char *
suiji_draw_notice_get_title (SuijiDrawNotice *notice)
{
  g_return_val_if_fail (notice != NULL, NULL);
  return notice->title;
}

guint
suiji_draw_notice_get_n_rows (SuijiDrawNotice *notice)
{
  g_return_val_if_fail (notice != NULL, 0);
  return notice->rows->len;
}

/**
 * suiji_draw_notice_get_row:
 * @row: from 0, in drawn order
 *
 * Returns: (transfer none): the cells of one drawn subject, in the order
 *   of %SuijiDrawNoticeColumn
 */
const char *const *
suiji_draw_notice_get_row (SuijiDrawNotice *notice, guint row)
{
  g_return_val_if_fail (notice != NULL, NULL);
  g_return_val_if_fail (row < notice->rows->len, NULL);
  return g_ptr_array_index (notice->rows, row);
}

/**
 * suiji_draw_publish:
 * @path: a file ending in .xlsx or .pdf
 *
 * Writes the public notice of a saved draw.
 */
gboolean
suiji_draw_publish (SuijiDatabase *db, gint64 draw_id, const char *path, GError **error)
{
  g_autoptr (SuijiDrawNotice) notice = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  if (!g_str_has_suffix (path, ".xlsx") && !g_str_has_suffix (path, ".pdf"))
    {
      g_set_error (
          error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
          _("The notice is written as .xlsx or .pdf; name the file with one of these endings."));
      return FALSE;
    }

  notice = suiji_draw_notice_load (db, draw_id, error);
  if (notice == NULL)
    return FALSE;

  return g_str_has_suffix (path, ".xlsx") ? write_xlsx (notice, path, error)
                                          : write_pdf (notice, path, error);
}
