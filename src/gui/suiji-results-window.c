/* suiji-results-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 检查结果录入: the drawn subjects of one task in a grid that is edited
 * like a spreadsheet, since staff fill in results from their notes or
 * copy them from the sheets they already keep in WPS or Excel. A cell
 * cursor moves with the keys; Enter, F2 or typing edits the cell under
 * it; a pasted block is one change, undone as one. Every change goes
 * through the core, which says what it refuses and why; the grid only
 * shows the rows again as the core has them.
 */

#define G_LOG_DOMAIN "suiji-results-window"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-results-window.h"
#include "suiji-table-reader.h"
#include "suiji-task.h"

/* The columns of the grid: the drawn subject, its result fields in the
 * core's order, then when the result is due for publication. */
enum
{
  COLUMN_NO,
  COLUMN_NAME,
  COLUMN_KEY,
  COLUMN_DRAWN_INSPECTORS,
  COLUMN_FIRST_FIELD,
  COLUMN_DUE = COLUMN_FIRST_FIELD + SUIJI_RESULT_N_FIELDS,
  N_COLUMNS
};

/* How wide each column starts, in pixels. */
static const int column_widths[N_COLUMNS] = {
  [COLUMN_NO] = 64,
  [COLUMN_NAME] = 220,
  [COLUMN_KEY] = 180,
  [COLUMN_DRAWN_INSPECTORS] = 130,
  [COLUMN_FIRST_FIELD + SUIJI_RESULT_FIELD_CATEGORY] = 180,
  [COLUMN_FIRST_FIELD + SUIJI_RESULT_FIELD_PROBLEM_AREA] = 180,
  [COLUMN_FIRST_FIELD + SUIJI_RESULT_FIELD_METHOD] = 100,
  [COLUMN_FIRST_FIELD + SUIJI_RESULT_FIELD_INSPECTED_ON] = 110,
  [COLUMN_FIRST_FIELD + SUIJI_RESULT_FIELD_INSPECTORS] = 130,
  [COLUMN_FIRST_FIELD + SUIJI_RESULT_FIELD_FOLLOW_UP] = 130,
  [COLUMN_FIRST_FIELD + SUIJI_RESULT_FIELD_FOLLOW_UP_DONE] = 100,
  [COLUMN_FIRST_FIELD + SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON] = 110,
  [COLUMN_FIRST_FIELD + SUIJI_RESULT_FIELD_PUBLISHED_ON] = 110,
  [COLUMN_FIRST_FIELD + SUIJI_RESULT_FIELD_NOTE] = 180,
  [COLUMN_DUE] = 170,
};

/* A row of the grid: one drawn subject with its result, and the cells
 * that show it while the row is on screen. */

#define SUIJI_TYPE_RESULT_ROW (suiji_result_row_get_type ())

G_DECLARE_FINAL_TYPE (SuijiResultRow, suiji_result_row, SUIJI, RESULT_ROW, GObject)

struct _SuijiResultRow
{
  GObject      parent_instance;
  guint        index;
  SuijiResult *result;
  GtkWidget   *cells[N_COLUMNS]; /* not owned; set while bound */
};

G_DEFINE_FINAL_TYPE (SuijiResultRow, suiji_result_row, G_TYPE_OBJECT)

static void
suiji_result_row_finalize (GObject *object)
{
  SuijiResultRow *row = SUIJI_RESULT_ROW (object);

  g_clear_pointer (&row->result, suiji_result_free);
  G_OBJECT_CLASS (suiji_result_row_parent_class)->finalize (object);
}

static void
suiji_result_row_class_init (SuijiResultRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = suiji_result_row_finalize;
}

static void
suiji_result_row_init (SuijiResultRow *row)
{
}

static SuijiResultRow *
suiji_result_row_new (guint index, SuijiResult *result)
{
  SuijiResultRow *row = g_object_new (SUIJI_TYPE_RESULT_ROW, NULL);

  row->index = index;
  row->result = result;
  return row;
}

/* The window */

struct _SuijiResultsWindow
{
  AdwWindow parent_instance;

  AdwToastOverlay   *toast_overlay;
  AdwWindowTitle    *window_title;
  GtkProgressBar    *progress_bar;
  GtkLabel          *progress_label;
  GtkLabel          *due_label;
  GtkWidget         *overdue_box;
  GtkLabel          *overdue_label;
  GtkWidget         *message_box;
  GtkLabel          *message_label;
  GtkScrolledWindow *grid_scroller;
  GtkColumnView     *grid_view;
  GtkPopover        *edit_popover;
  GtkEntry          *edit_entry;
  GtkWidget         *choices_scroller;
  GtkListBox        *choices_list;

  SuijiDatabase *db;
  gint64         task_id;
  GListStore    *rows;
  GHashTable    *row_index; /* "draw/position" → row index + 1 */
  GStrv          choices[SUIJI_RESULT_N_FIELDS];

  guint            cursor_row;
  SuijiResultField cursor_field;
  gboolean         editing;
  guint            editing_row;
  SuijiResultField editing_field;
  guint            scroll_tick;

  /* Each entry an array of SuijiResultEdit that puts a change back. */
  GPtrArray *undo_stack;
  GPtrArray *redo_stack;

  GtkFileChooserNative *chooser;
};

G_DEFINE_FINAL_TYPE (SuijiResultsWindow, suiji_results_window, ADW_TYPE_WINDOW)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum
{
  RECORD_NEW,
  RECORD_UNDO,
  RECORD_REDO,
} Record;

static void
show_toast (SuijiResultsWindow *self, const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The line above the grid that says what the core refused, until the
 * next change goes through. */
static void
show_message (SuijiResultsWindow *self, const char *text)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (self->message_box, text != NULL);
}

static SuijiResultRow *
get_row (SuijiResultsWindow *self, guint index)
{
  SuijiResultRow *row = g_list_model_get_item (G_LIST_MODEL (self->rows), index);

  /* The store keeps the row alive. */
  if (row != NULL)
    g_object_unref (row);
  return row;
}

guint
suiji_results_window_get_n_rows (SuijiResultsWindow *self)
{
  g_return_val_if_fail (SUIJI_IS_RESULTS_WINDOW (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->rows));
}

static char *
row_key (gint64 draw_id, guint position)
{
  return g_strdup_printf ("%ld/%u", (long) draw_id, position);
}

static gboolean
find_row (SuijiResultsWindow *self, gint64 draw_id, guint position, guint *index)
{
  g_autofree char *key = row_key (draw_id, position);
  guint            found = GPOINTER_TO_UINT (g_hash_table_lookup (self->row_index, key));

  if (found == 0)
    return FALSE;
  *index = found - 1;
  return TRUE;
}

/* Progress */

/**
 * suiji_results_describe_progress:
 * @counts: (out) (optional): how many are completed of those drawn
 * @due: (out) (optional): when the results are due for publication, or %NULL
 * @overdue: (out) (optional): what is overdue, or %NULL
 *
 * The words for a task's progress, shared by the task page and the grid.
 */
void
suiji_results_describe_progress (const SuijiResultProgress *progress,
                                 char                     **counts,
                                 char                     **due,
                                 char                     **overdue)
{
  if (counts != NULL)
    *counts = g_strdup_printf (
        /* TRANSLATORS: completed, drawn, with problems, published subjects */
        g_dngettext (
            GETTEXT_PACKAGE, "%u of %u subject completed · %u with problems · %u published",
            "%u of %u subjects completed · %u with problems · %u published", progress->drawn),
        progress->completed, progress->drawn, progress->problems, progress->published);
  if (due != NULL)
    *due = progress->publication_due[0] != '\0'
               ? g_strdup_printf (_("Publication due by %s"), progress->publication_due)
               : NULL;
  if (overdue != NULL)
    *overdue = progress->is_overdue
                   ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "Overdue: %u result not published in time",
                                                   "Overdue: %u results not published in time",
                                                   MAX (progress->overdue, 1)),
                                      MAX (progress->overdue, 1))
                   : NULL;
}

static void
show_progress (SuijiResultsWindow *self)
{
  SuijiResultProgress progress = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *due = NULL;
  g_autofree char *overdue = NULL;

  if (!suiji_result_get_progress (self->db, self->task_id, NULL, &progress, &error))
    {
      show_message (self, error->message);
      return;
    }

  suiji_results_describe_progress (&progress, &counts, &due, &overdue);
  gtk_progress_bar_set_fraction (
      self->progress_bar, progress.drawn > 0 ? (double) progress.completed / progress.drawn : 0);
  gtk_label_set_text (self->progress_label, counts);
  gtk_label_set_text (self->due_label, due != NULL ? due : "");
  gtk_label_set_text (self->overdue_label, overdue != NULL ? overdue : "");
  gtk_widget_set_visible (self->overdue_box, overdue != NULL);
}

/* Cells */

static const char *
cell_text (SuijiResultRow *row, guint column, char *number, gsize number_size)
{
  SuijiResult *result = row->result;

  switch (column)
    {
    case COLUMN_NO:
      g_snprintf (number, number_size, "%u", result->position + 1);
      return number;
    case COLUMN_NAME:
      return result->name != NULL && *result->name != '\0' ? result->name
                                                           : _("(left the directory)");
    case COLUMN_KEY:
      return result->key;
    case COLUMN_DRAWN_INSPECTORS:
      return result->drawn_inspectors != NULL ? result->drawn_inspectors : "";
    case COLUMN_DUE:
      return result->publication_due != NULL ? result->publication_due : "";
    default:
      return result->texts[column - COLUMN_FIRST_FIELD];
    }
}

static gboolean
is_cursor_cell (SuijiResultsWindow *self, SuijiResultRow *row, guint column)
{
  return row->index == self->cursor_row && column == COLUMN_FIRST_FIELD + self->cursor_field;
}

/* A cell is a box of a label and, in the first and last columns, the
 * overdue mark: an icon with words, not a colour alone. */
static void
update_cell (SuijiResultsWindow *self, SuijiResultRow *row, guint column)
{
  GtkWidget       *cell = row->cells[column];
  GtkWidget       *label;
  GtkWidget       *mark;
  char             number[16];
  g_autofree char *due = NULL;

  if (cell == NULL)
    return;

  label = gtk_widget_get_first_child (cell);
  mark = gtk_widget_get_next_sibling (label);
  if (column == COLUMN_DUE && row->result->overdue)
    {
      /* TRANSLATORS: the day results were due for publication */
      due = g_strdup_printf (_("%s, overdue"), row->result->publication_due);
      gtk_label_set_text (GTK_LABEL (label), due);
    }
  else
    gtk_label_set_text (GTK_LABEL (label), cell_text (row, column, number, sizeof number));
  if (mark != NULL)
    gtk_widget_set_visible (mark, row->result->overdue);
  if (column == COLUMN_NO)
    gtk_widget_set_tooltip_text (cell, row->result->overdue ? _("Publication overdue") : NULL);
  if (column == COLUMN_NAME)
    gtk_widget_set_tooltip_text (cell, row->result->name);

  if (is_cursor_cell (self, row, column))
    gtk_widget_add_css_class (cell, "cursor");
  else
    gtk_widget_remove_css_class (cell, "cursor");
}

static void
update_row (SuijiResultsWindow *self, SuijiResultRow *row)
{
  for (guint column = 0; column < N_COLUMNS; column++)
    update_cell (self, row, column);
}

static GtkWidget *
cursor_cell (SuijiResultsWindow *self)
{
  SuijiResultRow *row = get_row (self, self->cursor_row);

  return row != NULL ? row->cells[COLUMN_FIRST_FIELD + self->cursor_field] : NULL;
}

/* The cursor */

/* Brings the cell under the cursor into view. A row far off screen has
 * no widgets: the list is scrolled to about its place first, and the
 * next frame, which has bound it, scrolls exactly. */
static gboolean
scroll_to_cursor (SuijiResultsWindow *self)
{
  GtkAdjustment  *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->grid_view));
  GtkAdjustment  *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->grid_view));
  GtkWidget      *cell = cursor_cell (self);
  GtkWidget      *list = cell != NULL ? gtk_widget_get_ancestor (cell, GTK_TYPE_LIST_VIEW) : NULL;
  graphene_rect_t in_list;
  graphene_rect_t in_view;
  guint           n_rows = suiji_results_window_get_n_rows (self);

  if (list == NULL || !gtk_widget_compute_bounds (cell, list, &in_list) ||
      !gtk_widget_compute_bounds (cell, GTK_WIDGET (self->grid_view), &in_view) ||
      in_list.size.height <= 0)
    {
      double row_height = n_rows > 0 ? gtk_adjustment_get_upper (vadjustment) / n_rows : 0;

      gtk_adjustment_clamp_page (vadjustment, self->cursor_row * row_height,
                                 (self->cursor_row + 1) * row_height);
      return FALSE;
    }

  gtk_adjustment_clamp_page (vadjustment, gtk_adjustment_get_value (vadjustment) + in_list.origin.y,
                             gtk_adjustment_get_value (vadjustment) + in_list.origin.y +
                                 in_list.size.height);
  gtk_adjustment_clamp_page (hadjustment, gtk_adjustment_get_value (hadjustment) + in_view.origin.x,
                             gtk_adjustment_get_value (hadjustment) + in_view.origin.x +
                                 in_view.size.width);
  return TRUE;
}

static gboolean
scroll_tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  SuijiResultsWindow *self = SUIJI_RESULTS_WINDOW (user_data);

  if (scroll_to_cursor (self))
    {
      self->scroll_tick = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
follow_cursor (SuijiResultsWindow *self)
{
  if (!scroll_to_cursor (self) && self->scroll_tick == 0)
    self->scroll_tick =
        gtk_widget_add_tick_callback (GTK_WIDGET (self->grid_view), scroll_tick_cb, self, NULL);
}

/**
 * suiji_results_window_set_cursor:
 *
 * Moves the cell cursor, clamped to the grid, and brings it into view.
 */
void
suiji_results_window_set_cursor (SuijiResultsWindow *self, guint row, SuijiResultField field)
{
  guint           n_rows;
  SuijiResultRow *old_row;
  SuijiResultRow *new_row;

  g_return_if_fail (SUIJI_IS_RESULTS_WINDOW (self));

  n_rows = suiji_results_window_get_n_rows (self);
  if (n_rows == 0)
    return;

  old_row = get_row (self, self->cursor_row);
  self->cursor_row = MIN (row, n_rows - 1);
  self->cursor_field = MIN (field, SUIJI_RESULT_N_FIELDS - 1);
  if (old_row != NULL)
    update_row (self, old_row);
  new_row = get_row (self, self->cursor_row);
  update_row (self, new_row);
  follow_cursor (self);
}

void
suiji_results_window_get_cursor (SuijiResultsWindow *self, guint *row, SuijiResultField *field)
{
  g_return_if_fail (SUIJI_IS_RESULTS_WINDOW (self));

  if (row != NULL)
    *row = self->cursor_row;
  if (field != NULL)
    *field = self->cursor_field;
}

/**
 * suiji_results_window_get_cell_text:
 *
 * Returns: (nullable): a result field of a row as the grid shows it
 */
const char *
suiji_results_window_get_cell_text (SuijiResultsWindow *self, guint row, SuijiResultField field)
{
  SuijiResultRow *grid_row;

  g_return_val_if_fail (SUIJI_IS_RESULTS_WINDOW (self), NULL);
  g_return_val_if_fail (field < SUIJI_RESULT_N_FIELDS, NULL);

  grid_row = get_row (self, row);
  return grid_row != NULL ? grid_row->result->texts[field] : NULL;
}

gint64
suiji_results_window_get_task_id (SuijiResultsWindow *self)
{
  g_return_val_if_fail (SUIJI_IS_RESULTS_WINDOW (self), 0);

  return self->task_id;
}

/**
 * suiji_results_window_get_message:
 *
 * Returns: (nullable): what the core last refused, while it shows
 */
const char *
suiji_results_window_get_message (SuijiResultsWindow *self)
{
  g_return_val_if_fail (SUIJI_IS_RESULTS_WINDOW (self), NULL);

  return gtk_widget_get_visible (self->message_box) ? gtk_label_get_text (self->message_label)
                                                    : NULL;
}

/* Moves by whole cells; moving past the last field goes on to the next
 * row, as Tab does in a spreadsheet. */
static void
move_cursor (SuijiResultsWindow *self, int rows, int fields, gboolean wrap)
{
  int n_rows = (int) suiji_results_window_get_n_rows (self);
  int row = (int) self->cursor_row + rows;
  int field = (int) self->cursor_field + fields;

  if (wrap && field >= SUIJI_RESULT_N_FIELDS && row + 1 < n_rows)
    {
      field = 0;
      row++;
    }
  else if (wrap && field < 0 && row > 0)
    {
      field = SUIJI_RESULT_N_FIELDS - 1;
      row--;
    }

  suiji_results_window_set_cursor (self, (guint) CLAMP (row, 0, MAX (n_rows - 1, 0)),
                                   (SuijiResultField) CLAMP (field, 0, SUIJI_RESULT_N_FIELDS - 1));
}

/* Changes */

static void
refresh_row (SuijiResultsWindow *self, gint64 draw_id, guint position)
{
  g_autoptr (GError) error = NULL;
  SuijiResultRow *row;
  SuijiResult    *result;
  guint           index;

  if (!find_row (self, draw_id, position, &index))
    return;

  result = suiji_result_load (self->db, draw_id, position, NULL, &error);
  if (result == NULL)
    {
      show_message (self, error->message);
      return;
    }

  row = get_row (self, index);
  g_clear_pointer (&row->result, suiji_result_free);
  row->result = result;
  update_row (self, row);
}

static void
update_undo_actions (SuijiResultsWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.undo", self->undo_stack->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "results.redo", self->redo_stack->len > 0);
}

/* Hands the edits to the core as one change and keeps what undoes it.
 * When the core refuses one, nothing is written, and the cursor goes to
 * the cell it refused. */
static gboolean
apply_edits (SuijiResultsWindow *self, const SuijiResultEdit *edits, guint n_edits, Record record)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) reverse = NULL;
  guint failed = 0;

  if (n_edits == 0)
    return TRUE;

  if (!suiji_result_set_many (self->db, edits, n_edits, &reverse, &failed, &error))
    {
      guint index;

      show_message (self, error->message);
      if (failed < n_edits &&
          find_row (self, edits[failed].draw_id, edits[failed].position, &index))
        suiji_results_window_set_cursor (self, index, edits[failed].field);
      return FALSE;
    }

  show_message (self, NULL);
  if (record == RECORD_NEW)
    g_ptr_array_set_size (self->redo_stack, 0);
  if (reverse->len > 0)
    g_ptr_array_add (record == RECORD_UNDO ? self->redo_stack : self->undo_stack,
                     g_steal_pointer (&reverse));
  update_undo_actions (self);

  for (guint i = 0; i < n_edits; i++)
    if (i == 0 || edits[i].draw_id != edits[i - 1].draw_id ||
        edits[i].position != edits[i - 1].position)
      refresh_row (self, edits[i].draw_id, edits[i].position);
  show_progress (self);
  g_signal_emit (self, signals[CHANGED], 0);
  return TRUE;
}

static gboolean
set_cursor_cell (SuijiResultsWindow *self, const char *text)
{
  SuijiResultRow *row = get_row (self, self->cursor_row);
  SuijiResultEdit edit;

  if (row == NULL)
    return FALSE;

  edit = (SuijiResultEdit){ row->result->draw_id, row->result->position, self->cursor_field,
                            (char *) text };
  return apply_edits (self, &edit, 1, RECORD_NEW);
}

static void
replay (SuijiResultsWindow *self, GPtrArray *from, Record record)
{
  g_autoptr (GArray) edits = NULL;
  guint index;

  if (from->len == 0)
    return;

  edits = g_ptr_array_steal_index (from, from->len - 1);
  update_undo_actions (self);
  /* The cursor goes where the change is, so that it is seen. */
  if (find_row (self, g_array_index (edits, SuijiResultEdit, 0).draw_id,
                g_array_index (edits, SuijiResultEdit, 0).position, &index))
    suiji_results_window_set_cursor (self, index, g_array_index (edits, SuijiResultEdit, 0).field);
  apply_edits (self, (SuijiResultEdit *) (void *) edits->data, edits->len, record);
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiResultsWindow *self = SUIJI_RESULTS_WINDOW (widget);

  replay (self, self->undo_stack, RECORD_UNDO);
}

static void
redo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiResultsWindow *self = SUIJI_RESULTS_WINDOW (widget);

  replay (self, self->redo_stack, RECORD_REDO);
}

/* Paste */

/* Splits text copied from WPS or Excel into rows of cells: cells end with
 * a tab, rows with a newline, and a cell holding either is quoted, with
 * its quotes doubled. */
static GPtrArray *
split_block (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr (GStrvBuilder) cells = g_strv_builder_new ();
  g_autoptr (GString) cell = g_string_new (NULL);
  gboolean    quoted = FALSE;
  gboolean    row_open = FALSE;
  const char *p = text;

  while (*p != '\0')
    {
      if (quoted)
        {
          if (p[0] == '"' && p[1] == '"')
            {
              g_string_append_c (cell, '"');
              p += 2;
              continue;
            }
          if (p[0] == '"')
            quoted = FALSE;
          else
            g_string_append_c (cell, *p);
          p++;
          continue;
        }

      if (*p == '"' && cell->len == 0)
        quoted = TRUE;
      else if (*p == '\t')
        {
          g_strv_builder_add (cells, cell->str);
          g_string_truncate (cell, 0);
        }
      else if (*p == '\n' || *p == '\r')
        {
          g_strv_builder_add (cells, cell->str);
          g_string_truncate (cell, 0);
          g_ptr_array_add (rows, g_strv_builder_end (cells));
          g_strv_builder_unref (cells);
          cells = g_strv_builder_new ();
          row_open = FALSE;
          if (p[0] == '\r' && p[1] == '\n')
            p++;
          p++;
          continue;
        }
      else
        g_string_append_c (cell, *p);
      row_open = TRUE;
      p++;
    }

  /* The last row need not end with a newline. */
  if (row_open || cell->len > 0)
    {
      g_strv_builder_add (cells, cell->str);
      g_ptr_array_add (rows, g_strv_builder_end (cells));
    }

  return rows;
}

static void
paste_text (SuijiResultsWindow *self, const char *text)
{
  g_autoptr (GPtrArray) block = split_block (text);
  g_autoptr (GArray) edits = g_array_new (FALSE, TRUE, sizeof (SuijiResultEdit));
  guint n_rows = suiji_results_window_get_n_rows (self);
  guint left_out = 0;

  for (guint r = 0; r < block->len; r++)
    {
      GStrv           cells = g_ptr_array_index (block, r);
      SuijiResultRow *row = get_row (self, self->cursor_row + r);

      for (guint c = 0; cells[c] != NULL; c++)
        {
          SuijiResultEdit edit;

          if (row == NULL || self->cursor_field + c >= SUIJI_RESULT_N_FIELDS)
            {
              left_out++;
              continue;
            }
          edit = (SuijiResultEdit){ row->result->draw_id, row->result->position,
                                    (SuijiResultField) (self->cursor_field + c), cells[c] };
          g_array_append_val (edits, edit);
        }
    }

  if (edits->len == 0)
    {
      show_toast (self, n_rows == 0 ? _("This task has no drawn subjects.")
                                    : _("The clipboard holds no cells to paste."));
      return;
    }

  if (apply_edits (self, (SuijiResultEdit *) (void *) edits->data, edits->len, RECORD_NEW) &&
      left_out > 0)
    {
      g_autofree char *text_left_out = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u pasted cell fell outside the grid and was left out.",
                       "%u pasted cells fell outside the grid and were left out.", left_out),
          left_out);

      show_toast (self, text_left_out);
    }
}

static void
paste_ready_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SuijiResultsWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  /* The window was closed while the clipboard was read. */
  if (self->grid_view == NULL)
    return;
  if (text == NULL)
    {
      show_toast (self, _("The clipboard holds no text to paste."));
      return;
    }
  paste_text (self, text);
}

static void
paste_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, paste_ready_cb,
                                 g_object_ref (widget));
}

static void
copy_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiResultsWindow *self = SUIJI_RESULTS_WINDOW (widget);
  SuijiResultRow     *row = get_row (self, self->cursor_row);

  if (row != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                            row->result->texts[self->cursor_field]);
}

/* Editing one cell */

static gboolean
choice_matches (GtkListBoxRow *row, const char *typed)
{
  const char *label = g_object_get_data (G_OBJECT (row), "choice");

  return typed == NULL || *typed == '\0' || strstr (label, typed) != NULL;
}

static gboolean
filter_choice (GtkListBoxRow *row, gpointer user_data)
{
  SuijiResultsWindow *self = SUIJI_RESULTS_WINDOW (user_data);

  return choice_matches (row, gtk_editable_get_text (GTK_EDITABLE (self->edit_entry)));
}

/* What is typed narrows the choices; the first that still fits is what
 * Enter takes. */
static void
edit_changed_cb (SuijiResultsWindow *self)
{
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (self->edit_entry));
  GtkWidget  *child;

  gtk_list_box_invalidate_filter (self->choices_list);
  gtk_list_box_unselect_all (self->choices_list);
  if (*typed == '\0')
    return;
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->choices_list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && choice_matches (GTK_LIST_BOX_ROW (child), typed))
      {
        gtk_list_box_select_row (self->choices_list, GTK_LIST_BOX_ROW (child));
        return;
      }
}

static void
fill_choices (SuijiResultsWindow *self, SuijiResultField field)
{
  GtkWidget *child;
  GStrv      choices = self->choices[field];

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choices_list))) != NULL)
    gtk_list_box_remove (self->choices_list, child);

  for (guint i = 0; choices != NULL && choices[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (choices[i]);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "choice", g_strdup (choices[i]), g_free);
      gtk_list_box_append (self->choices_list, row);
    }
  gtk_widget_set_visible (self->choices_scroller, choices != NULL && choices[0] != NULL);
}

/**
 * suiji_results_window_start_editing:
 * @initial_text: (nullable): what the editor starts with; %NULL for the
 *   cell's text
 *
 * Opens the editor on the cell under the cursor.
 */
void
suiji_results_window_start_editing (SuijiResultsWindow *self, const char *initial_text)
{
  SuijiResultRow *row;
  GtkWidget      *cell;
  GtkWidget      *parent;
  graphene_rect_t bounds;
  GdkRectangle    pointing;

  g_return_if_fail (SUIJI_IS_RESULTS_WINDOW (self));

  row = get_row (self, self->cursor_row);
  if (row == NULL)
    return;

  scroll_to_cursor (self);
  cell = cursor_cell (self);
  parent = gtk_widget_get_parent (GTK_WIDGET (self->edit_popover));
  if (cell != NULL && gtk_widget_compute_bounds (cell, parent, &bounds))
    pointing = (GdkRectangle){ (int) bounds.origin.x, (int) bounds.origin.y,
                               (int) bounds.size.width, (int) bounds.size.height };
  else
    pointing = (GdkRectangle){ 0, 0, gtk_widget_get_width (parent), 1 };

  self->editing = TRUE;
  self->editing_row = self->cursor_row;
  self->editing_field = self->cursor_field;
  fill_choices (self, self->cursor_field);
  gtk_editable_set_text (GTK_EDITABLE (self->edit_entry),
                         initial_text != NULL ? initial_text
                                              : row->result->texts[self->cursor_field]);
  gtk_popover_set_pointing_to (self->edit_popover, &pointing);
  gtk_popover_popup (self->edit_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->edit_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->edit_entry), -1);
}

/* Writes the editor's text, or the choice picked, into the cell it was
 * opened on, then moves the cursor on as a spreadsheet does. */
static void
commit_edit (SuijiResultsWindow *self, const char *text, int rows, int fields)
{
  g_autofree char *value = g_strdup (text);

  if (!self->editing)
    return;

  gtk_popover_popdown (self->edit_popover);
  self->editing = FALSE;
  suiji_results_window_set_cursor (self, self->editing_row, self->editing_field);
  if (set_cursor_cell (self, value))
    move_cursor (self, rows, fields, fields != 0);
}

static const char *
picked_text (SuijiResultsWindow *self)
{
  GtkListBoxRow *picked = gtk_list_box_get_selected_row (self->choices_list);

  if (picked != NULL)
    return g_object_get_data (G_OBJECT (picked), "choice");
  return gtk_editable_get_text (GTK_EDITABLE (self->edit_entry));
}

/* The editor closed otherwise than by Enter, Tab or Escape: by a click
 * elsewhere. What was typed is kept, as in a spreadsheet. */
static void
edit_closed_cb (SuijiResultsWindow *self)
{
  if (self->editing)
    commit_edit (self, picked_text (self), 0, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
}

static void
edit_activate_cb (SuijiResultsWindow *self)
{
  commit_edit (self, picked_text (self), 1, 0);
}

static void
choice_activated_cb (SuijiResultsWindow *self, GtkListBoxRow *row)
{
  commit_edit (self, g_object_get_data (G_OBJECT (row), "choice"), 1, 0);
}

/* Moves the highlighted choice among those that fit what is typed. */
static void
step_choice (SuijiResultsWindow *self, int direction)
{
  const char    *typed = gtk_editable_get_text (GTK_EDITABLE (self->edit_entry));
  GtkListBoxRow *current = gtk_list_box_get_selected_row (self->choices_list);
  GtkWidget     *next = current != NULL ? GTK_WIDGET (current) : NULL;

  do
    {
      if (next == NULL)
        next = direction > 0 ? gtk_widget_get_first_child (GTK_WIDGET (self->choices_list))
                             : gtk_widget_get_last_child (GTK_WIDGET (self->choices_list));
      else
        next =
            direction > 0 ? gtk_widget_get_next_sibling (next) : gtk_widget_get_prev_sibling (next);
    }
  while (next != NULL &&
         !(GTK_IS_LIST_BOX_ROW (next) && choice_matches (GTK_LIST_BOX_ROW (next), typed)));

  if (next != NULL)
    gtk_list_box_select_row (self->choices_list, GTK_LIST_BOX_ROW (next));
}

static gboolean
edit_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     SuijiResultsWindow    *self)
{
  switch (keyval)
    {
    case GDK_KEY_Escape:
      self->editing = FALSE;
      gtk_popover_popdown (self->edit_popover);
      return TRUE;
    case GDK_KEY_Tab:
      commit_edit (self, picked_text (self), 0, 1);
      return TRUE;
    case GDK_KEY_ISO_Left_Tab:
      commit_edit (self, picked_text (self), 0, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_Up:
      if (gtk_widget_get_visible (self->choices_scroller))
        step_choice (self, keyval == GDK_KEY_Down ? 1 : -1);
      else
        commit_edit (self, picked_text (self), keyval == GDK_KEY_Down ? 1 : -1, 0);
      return TRUE;
    default:
      return FALSE;
    }
}

/* Keys on the grid */

static gboolean
grid_key_pressed_cb (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     SuijiResultsWindow    *self)
{
  GdkModifierType modifiers = state & gtk_accelerator_get_default_mod_mask ();
  gunichar        typed = gdk_keyval_to_unicode (keyval);

  if (self->editing)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_cursor (self, -1, 0, FALSE);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_cursor (self, 1, 0, FALSE);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_cursor (self, 0, -1, FALSE);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_cursor (self, 0, 1, FALSE);
      return TRUE;
    case GDK_KEY_Tab:
      move_cursor (self, 0, 1, TRUE);
      return TRUE;
    case GDK_KEY_ISO_Left_Tab:
      move_cursor (self, 0, -1, TRUE);
      return TRUE;
    case GDK_KEY_Page_Up:
      move_cursor (self, -20, 0, FALSE);
      return TRUE;
    case GDK_KEY_Page_Down:
      move_cursor (self, 20, 0, FALSE);
      return TRUE;
    case GDK_KEY_Home:
      if (modifiers & GDK_CONTROL_MASK)
        suiji_results_window_set_cursor (self, 0, 0);
      else
        move_cursor (self, 0, -SUIJI_RESULT_N_FIELDS, FALSE);
      return TRUE;
    case GDK_KEY_End:
      if (modifiers & GDK_CONTROL_MASK)
        suiji_results_window_set_cursor (self, G_MAXUINT, SUIJI_RESULT_N_FIELDS - 1);
      else
        move_cursor (self, 0, SUIJI_RESULT_N_FIELDS, FALSE);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_F2:
      suiji_results_window_start_editing (self, NULL);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
    case GDK_KEY_BackSpace:
      set_cursor_cell (self, NULL);
      return TRUE;
    default:
      break;
    }

  /* Typing a character starts editing with it, as in a spreadsheet. */
  if ((modifiers & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) == 0 && typed != 0 &&
      g_unichar_isprint (typed))
    {
      char text[8] = { 0 };

      g_unichar_to_utf8 (typed, text);
      suiji_results_window_start_editing (self, text);
      return TRUE;
    }

  return FALSE;
}

/* Cells by mouse */

static void
cell_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, gpointer user_data)
{
  GtkWidget          *cell = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  SuijiResultsWindow *self = SUIJI_RESULTS_WINDOW (gtk_widget_get_root (cell));
  SuijiResultRow     *row = g_object_get_data (G_OBJECT (cell), "row");
  guint               column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "column"));

  if (row == NULL)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
  if (column < COLUMN_FIRST_FIELD || column >= COLUMN_DUE)
    {
      suiji_results_window_set_cursor (self, row->index, self->cursor_field);
      return;
    }
  suiji_results_window_set_cursor (self, row->index, column - COLUMN_FIRST_FIELD);
  if (n_press == 2)
    suiji_results_window_start_editing (self, NULL);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  guint       column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget  *cell = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget  *label = gtk_label_new (NULL);
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (cell), label);
  if (column == COLUMN_KEY)
    gtk_widget_add_css_class (label, "monospace");
  if (column == COLUMN_NO || column == COLUMN_DUE)
    {
      GtkWidget *mark = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (mark, "warning");
      gtk_box_append (GTK_BOX (cell), mark);
    }
  gtk_widget_add_css_class (cell, "result-cell");
  if (column < COLUMN_FIRST_FIELD || column == COLUMN_DUE)
    gtk_widget_add_css_class (cell, "fixed");
  g_object_set_data (G_OBJECT (cell), "column", GUINT_TO_POINTER (column));
  g_signal_connect (click, "pressed", G_CALLBACK (cell_pressed_cb), NULL);
  gtk_widget_add_controller (cell, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (list_item, cell);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  SuijiResultsWindow *self = SUIJI_RESULTS_WINDOW (user_data);
  guint               column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  SuijiResultRow     *row = gtk_list_item_get_item (list_item);
  GtkWidget          *cell = gtk_list_item_get_child (list_item);

  row->cells[column] = cell;
  g_object_set_data (G_OBJECT (cell), "row", row);
  update_cell (self, row, column);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  guint           column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  SuijiResultRow *row = gtk_list_item_get_item (list_item);
  GtkWidget      *cell = gtk_list_item_get_child (list_item);

  if (row != NULL && row->cells[column] == cell)
    row->cells[column] = NULL;
  g_object_set_data (G_OBJECT (cell), "row", NULL);
}

static void
add_column (SuijiResultsWindow *self, guint column, const char *title)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), self);
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_fixed_width (view_column, column_widths[column]);
  gtk_column_view_append_column (self->grid_view, view_column);
}

/* Loading */

static gboolean
load_rows (SuijiResultsWindow *self, GError **error)
{
  g_autoptr (GPtrArray) results = suiji_result_list_task (self->db, self->task_id, NULL, error);
  g_autoptr (GPtrArray) rows = NULL;
  gsize     n_results = 0;
  gpointer *taken;

  if (results == NULL)
    return FALSE;

  g_ptr_array_set_free_func (results, NULL);
  taken = g_ptr_array_steal (results, &n_results);
  rows = g_ptr_array_new_full ((guint) n_results, g_object_unref);
  g_hash_table_remove_all (self->row_index);
  for (guint i = 0; i < n_results; i++)
    {
      SuijiResult *result = taken[i];

      g_hash_table_insert (self->row_index, row_key (result->draw_id, result->position),
                           GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (rows, suiji_result_row_new (i, result));
    }
  g_free (taken);

  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  self->cursor_row = MIN (self->cursor_row, MAX (rows->len, 1) - 1);
  show_progress (self);
  return TRUE;
}

/* Import */

static void
show_import_problems (SuijiResultsWindow *self, const char *heading, GPtrArray *problems)
{
  g_autoptr (GString) list = g_string_new (NULL);
  GtkWidget *dialog;
  GtkWidget *scroller;
  GtkWidget *label;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      SuijiResultImportProblem *problem = g_ptr_array_index (problems, i);

      if (list->len > 0)
        g_string_append_c (list, '\n');
      if (problem->field >= 0)
        /* TRANSLATORS: a row of the file, a column heading, what is wrong */
        g_string_append_printf (list, _("Row %u, %s: %s"), problem->row,
                                suiji_result_field_get_title ((SuijiResultField) problem->field),
                                problem->message);
      else
        /* TRANSLATORS: a row of the file, what is wrong */
        g_string_append_printf (list, _("Row %u: %s"), problem->row, problem->message);
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("The File Was Not Imported"), heading);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (list->len > 0)
    {
      label = gtk_label_new (list->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      /* A wrapped label asks for little height: the list gets room of its own. */
      gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller),
                                                  MIN (120 * problems->len, 320));
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * suiji_results_window_import_file:
 *
 * Imports results from an xlsx or CSV file: all of them, or, when the
 * core finds bad rows, none, with the rows and fields shown. An import
 * cannot be undone in the grid; what could be undone before is dropped.
 *
 * Returns: whether the file was imported
 */
gboolean
suiji_results_window_import_file (SuijiResultsWindow *self, GFile *file)
{
  SuijiTableReadOptions    options = { SUIJI_TABLE_ENCODING_AUTO, -1 };
  SuijiResultImportSummary summary = { 0 };
  g_autoptr (SuijiTable) table = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *done = NULL;

  g_return_val_if_fail (SUIJI_IS_RESULTS_WINDOW (self), FALSE);

  table = path != NULL ? suiji_table_read_file (path, &options, NULL, &error) : NULL;
  if (table == NULL)
    {
      show_import_problems (self, error != NULL ? error->message : _("The file cannot be read."),
                            NULL);
      return FALSE;
    }

  if (!suiji_result_import (self->db, self->task_id, table, &summary, &problems, &error))
    {
      show_import_problems (self, error->message, problems);
      return FALSE;
    }

  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  update_undo_actions (self);
  show_message (self, NULL);
  if (!load_rows (self, &error))
    show_message (self, error->message);
  suiji_results_window_set_cursor (self, self->cursor_row, self->cursor_field);
  g_signal_emit (self, signals[CHANGED], 0);

  done = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported: %u row read, %u fields changed",
                                       "Imported: %u rows read, %u fields changed", summary.rows),
                          summary.rows, summary.changed);
  show_toast (self, done);
  return TRUE;
}

static void
import_response_cb (SuijiResultsWindow *self, int response, GtkNativeDialog *chooser)
{
  g_autoptr (GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  if (file != NULL)
    suiji_results_window_import_file (self, file);
}

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiResultsWindow *self = SUIJI_RESULTS_WINDOW (widget);
  g_autoptr (GtkFileFilter) tables = gtk_file_filter_new ();

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import Results"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), NULL);
  gtk_file_filter_set_name (tables, _("Spreadsheets (xlsx, CSV)"));
  gtk_file_filter_add_suffix (tables, "xlsx");
  gtk_file_filter_add_suffix (tables, "csv");
  gtk_file_filter_add_suffix (tables, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), tables);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (import_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
suiji_results_window_dispose (GObject *object)
{
  SuijiResultsWindow *self = (SuijiResultsWindow *) object;

  if (self->scroll_tick != 0)
    {
      gtk_widget_remove_tick_callback (GTK_WIDGET (self->grid_view), self->scroll_tick);
      self->scroll_tick = 0;
    }
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  self->editing = FALSE;
  if (self->edit_popover != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->edit_popover));
  self->edit_popover = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), SUIJI_TYPE_RESULTS_WINDOW);

  G_OBJECT_CLASS (suiji_results_window_parent_class)->dispose (object);
}

static void
suiji_results_window_finalize (GObject *object)
{
  SuijiResultsWindow *self = (SuijiResultsWindow *) object;

  g_clear_object (&self->db);
  g_clear_object (&self->rows);
  g_clear_pointer (&self->row_index, g_hash_table_unref);
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
  for (guint f = 0; f < SUIJI_RESULT_N_FIELDS; f++)
    g_clear_pointer (&self->choices[f], g_strfreev);

  G_OBJECT_CLASS (suiji_results_window_parent_class)->finalize (object);
}

static void
suiji_results_window_class_init (SuijiResultsWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_results_window_dispose;
  object_class->finalize = suiji_results_window_finalize;

  /**
   * SuijiResultsWindow::changed:
   *
   * Results of the task were written: an edit, an undo, an import.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/suiji/Suiji/suiji-results-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, due_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, overdue_box);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, overdue_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, message_box);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, grid_scroller);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, grid_view);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, edit_popover);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, edit_entry);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, choices_scroller);
  gtk_widget_class_bind_template_child (widget_class, SuijiResultsWindow, choices_list);
  gtk_widget_class_bind_template_callback (widget_class, edit_closed_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, edit_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choice_activated_cb);

  gtk_widget_class_install_action (widget_class, "results.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "results.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "results.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "results.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "results.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "results.undo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "results.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "results.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_y, GDK_CONTROL_MASK, "results.redo",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "results.paste",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "results.copy",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "results.import",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
suiji_results_window_init (SuijiResultsWindow *self)
{
  g_autoptr (GtkNoSelection) selection = NULL;
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (SUIJI_TYPE_RESULT_ROW);
  self->row_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->grid_view, GTK_SELECTION_MODEL (selection));

  add_column (self, COLUMN_NO, _("No."));
  add_column (self, COLUMN_NAME, _("Name"));
  add_column (self, COLUMN_KEY, _("Credit Code"));
  add_column (self, COLUMN_DRAWN_INSPECTORS, _("Drawn Inspectors"));
  /* The result columns carry the headings of the national record sheet. */
  for (guint f = 0; f < SUIJI_RESULT_N_FIELDS; f++)
    add_column (self, COLUMN_FIRST_FIELD + f, suiji_result_field_get_title (f));
  add_column (self, COLUMN_DUE, _("Publication Due"));

  /* The grid's own keys come before the list's, which would move the
   * focus from row to row instead of the cell cursor. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (grid_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->grid_view), keys);

  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (edit_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->edit_entry), keys);

  gtk_widget_set_parent (GTK_WIDGET (self->edit_popover), GTK_WIDGET (self->grid_scroller));
  gtk_list_box_set_filter_func (self->choices_list, filter_choice, self, NULL);
  update_undo_actions (self);
}

/**
 * suiji_results_window_find:
 *
 * One results window per task: two would each keep their own rows and
 * their own undo, and the later save would undo the earlier.
 *
 * Returns: (transfer none) (nullable): the window open on the results of
 *   @task_id in @db
 */
SuijiResultsWindow *
suiji_results_window_find (SuijiDatabase *db, gint64 task_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (SUIJI_IS_RESULTS_WINDOW (window) && SUIJI_RESULTS_WINDOW (window)->db == db &&
          SUIJI_RESULTS_WINDOW (window)->task_id == task_id)
        return SUIJI_RESULTS_WINDOW (window);
    }

  return NULL;
}

/**
 * suiji_results_window_new:
 *
 * The results grid of a drawn task.
 *
 * Returns: (transfer none): the window, not yet shown, or %NULL with
 *   @error set
 */
SuijiResultsWindow *
suiji_results_window_new (GtkWindow *parent, SuijiDatabase *db, gint64 task_id, GError **error)
{
  SuijiResultsWindow *self = g_object_new (SUIJI_TYPE_RESULTS_WINDOW, NULL);
  SuijiResultProgress progress = { 0 };
  g_autoptr (SuijiTaskRecord) task = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  self->db = g_object_ref (db);
  self->task_id = task_id;
  for (guint f = 0; f < SUIJI_RESULT_N_FIELDS; f++)
    {
      self->choices[f] = suiji_result_list_choices (db, f, error);
      if (self->choices[f] == NULL)
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return NULL;
        }
    }

  task = suiji_task_load (db, task_id, error);
  if (task == NULL || !suiji_result_get_progress (db, task_id, NULL, &progress, error) ||
      !load_rows (self, error))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return NULL;
    }

  adw_window_title_set_subtitle (self->window_title, task->name);
  gtk_window_set_transient_for (GTK_WINDOW (self), parent);
  suiji_results_window_set_cursor (self, 0, SUIJI_RESULT_FIELD_CATEGORY);
  gtk_widget_grab_focus (GTK_WIDGET (self->grid_view));
  return self;
}
