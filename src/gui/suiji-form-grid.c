/* suiji-form-grid.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A monthly form on screen as it is on paper: 附件 number, title, the unit
 * and date line, the table with its merged headings, platform and item
 * cells, and the contact line below; edited like a spreadsheet. The value
 * cells take arrow keys, Tab and Enter, typing replaces, F2 edits, Delete
 * clears, ranges copy and paste as tab-separated text (as WPS and Excel
 * put them on the clipboard), and every change is one step of undo. The
 * figures live in the SuijiFormReport; this widget only shows and changes
 * them through the core, which also decides what a figure is.
 */

#define G_LOG_DOMAIN "suiji-form-grid"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "suiji-form-grid.h"
#include "suiji-form-table.h"

/* Enough for an afternoon of typing; each step is two copies of 44 cells. */
#define MAX_UNDO_STEPS 500
/* The paper's proportions (suiji_form_layout_get_paper_widths ()) with a
 * little more room for 平台 and the sub-item: on screen the text is larger
 * against the page, and 部门内部 or 河北双随机执 should keep to one line. */
static const double screen_widths[SUIJI_FORM_PAPER_COLUMNS] = {
  13, 41, 11, 11.5, 11.5, 11.5, 11.5
};

/* The header takes the first two rows of the table. */
#define HEADER_ROWS 2
/* 平台, item and sub-item come before the values. */
#define FIRST_VALUE_COLUMN 3

typedef enum
{
  PROBLEM_NONE,
  PROBLEM_SOFT,
  PROBLEM_HARD,
} ProblemLevel;

typedef struct
{
  SuijiFormSnapshot *before;
  SuijiFormSnapshot *after;
  guint              row;
  guint              column;
} UndoStep;

typedef struct
{
  GtkWidget   *box;
  GtkWidget   *label;
  GtkWidget   *records_button;
  char        *problems; /* the messages of the rules this cell breaks */
  ProblemLevel level;
} Cell;

struct _SuijiFormGrid
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkLabel       *attachment_label;
  GMenuModel     *cell_menu;
  GtkLabel       *contact_label;
  GtkEntry       *contact_entry;
  GtkMenuButton  *date_button;
  GtkCalendar    *date_calendar;
  GtkLabel       *date_label;
  GtkPopover     *date_popover;
  GtkLabel       *mobile_label;
  GtkEntry       *mobile_entry;
  GtkLabel       *phone_label;
  GtkEntry       *phone_entry;
  GtkLabel       *subtitle_label;
  SuijiFormTable *table;
  GtkLabel       *title_label;
  GtkLabel       *unit_label;
  GtkEntry       *unit_entry;

  /* Owned references */
  SuijiFormReport *report;
  GBindingGroup   *texts;
  GtkWidget       *editor;
  GtkWidget       *context_menu;
  GPtrArray       *undo_steps;
  GPtrArray       *redo_steps;

  Cell cells[SUIJI_FORM_MAX_ROWS][SUIJI_FORM_N_COLUMNS];

  /* The cursor and the other corner of the selection; rows from 1. */
  guint cursor_row;
  guint cursor_column;
  guint anchor_row;
  guint anchor_column;

  /* An edit in progress: F2 edits in place (the arrow keys move the
   * caret), typing replaces (the arrow keys move to the next cell). */
  gboolean editing;
  gboolean editing_in_place;
  guint    editing_row;
  guint    editing_column;

  /* A change of several cells (a paste, a fill) is one step of undo. */
  guint              change_depth;
  guint              cells_changed;
  SuijiFormSnapshot *change_before;

  guint drag_row;
  guint drag_column;
  /* Set while the date popover is being filled from the report. */
  gboolean syncing_date;
};

G_DEFINE_FINAL_TYPE (SuijiFormGrid, suiji_form_grid, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_REPORT,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum
{
  CHANGED,
  MESSAGE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void
undo_step_free (UndoStep *step)
{
  suiji_form_snapshot_free (step->before);
  suiji_form_snapshot_free (step->after);
  g_free (step);
}

static guint
n_rows (SuijiFormGrid *self)
{
  return self->report != NULL ? suiji_form_report_get_layout (self->report)->n_rows : 0;
}

static gboolean
is_computed (SuijiFormGrid *self, guint row)
{
  return suiji_form_layout_is_computed (suiji_form_report_get_layout (self->report), row);
}

static void
tell (SuijiFormGrid *self, const char *text)
{
  g_signal_emit (self, signals[MESSAGE], 0, text);
}

static void
get_selection (SuijiFormGrid *self, guint *top, guint *left, guint *bottom, guint *right)
{
  *top = MIN (self->cursor_row, self->anchor_row);
  *bottom = MAX (self->cursor_row, self->anchor_row);
  *left = MIN (self->cursor_column, self->anchor_column);
  *right = MAX (self->cursor_column, self->anchor_column);
}

static char *
format_figure (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* Showing the cells */

static void
update_cell (SuijiFormGrid *self, guint row, guint column)
{
  Cell               *cell = &self->cells[row - 1][column];
  SuijiFormCellSource source = suiji_form_report_get_source (self->report, row, column);
  g_autoptr (GString) tooltip = g_string_new (NULL);
  g_autofree char *text = NULL;
  gint64           value, records;
  gboolean         differs;
  guint            top, left, bottom, right;

  if (suiji_form_report_get_value (self->report, row, column, &value))
    text = format_figure (value);
  gtk_label_set_text (GTK_LABEL (cell->label), text != NULL ? text : "");

  /* A figure typed over the records' keeps theirs in sight, to put back. */
  differs = suiji_form_report_get_filled_value (self->report, row, column, &records) &&
            source != SUIJI_FORM_CELL_FILLED;
  if (differs)
    {
      g_autofree char *figure = format_figure (records);
      g_autofree char *label = g_strdup_printf (_("records: %s"), figure);
      g_autofree char *hint =
          g_strdup_printf (_("The records say %s; click to put their figure back"), figure);

      gtk_button_set_label (GTK_BUTTON (cell->records_button), label);
      gtk_widget_set_tooltip_text (cell->records_button, hint);
    }
  gtk_widget_set_visible (
      cell->records_button,
      differs && !(self->editing && row == self->editing_row && column == self->editing_column));

  gtk_widget_remove_css_class (cell->box, "problem-hard");
  gtk_widget_remove_css_class (cell->box, "problem-soft");
  if (cell->level == PROBLEM_HARD)
    gtk_widget_add_css_class (cell->box, "problem-hard");
  else if (cell->level == PROBLEM_SOFT)
    gtk_widget_add_css_class (cell->box, "problem-soft");

  if (source == SUIJI_FORM_CELL_FILLED)
    gtk_widget_add_css_class (cell->box, "filled");
  else
    gtk_widget_remove_css_class (cell->box, "filled");

  get_selection (self, &top, &left, &bottom, &right);
  if (row == self->cursor_row && column == self->cursor_column)
    gtk_widget_add_css_class (cell->box, "cursor");
  else
    gtk_widget_remove_css_class (cell->box, "cursor");
  if (row >= top && row <= bottom && column >= left && column <= right &&
      (top != bottom || left != right))
    gtk_widget_add_css_class (cell->box, "selected");
  else
    gtk_widget_remove_css_class (cell->box, "selected");

  if (cell->problems != NULL)
    g_string_append (tooltip, cell->problems);
  if (is_computed (self, row))
    g_string_append_printf (tooltip, "%s%s", tooltip->len > 0 ? "\n\n" : "",
                            _("Worked out: 部门内部 + 部门联合. Type the figures of those two "
                               "rows."));
  else if (source == SUIJI_FORM_CELL_FILLED)
    g_string_append_printf (tooltip, "%s%s", tooltip->len > 0 ? "\n\n" : "",
                            _("Filled from the records."));
  gtk_widget_set_tooltip_text (cell->box, tooltip->len > 0 ? tooltip->str : NULL);
}

static void
update_all_cells (SuijiFormGrid *self)
{
  for (guint r = 1; r <= n_rows (self); r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      update_cell (self, r, c);
}

static void
scroll_to_cell (SuijiFormGrid *self, guint row, guint column)
{
  GtkWidget      *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment  *vertical, *horizontal;
  graphene_rect_t bounds;

  if (scrolled == NULL ||
      !gtk_widget_compute_bounds (self->cells[row - 1][column].box, scrolled, &bounds))
    return;

  vertical = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  horizontal = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scrolled));
  if (bounds.origin.y < 0)
    gtk_adjustment_set_value (vertical, gtk_adjustment_get_value (vertical) + bounds.origin.y);
  else if (bounds.origin.y + bounds.size.height > gtk_adjustment_get_page_size (vertical))
    gtk_adjustment_set_value (vertical, gtk_adjustment_get_value (vertical) + bounds.origin.y +
                                            bounds.size.height -
                                            gtk_adjustment_get_page_size (vertical));
  if (bounds.origin.x < 0)
    gtk_adjustment_set_value (horizontal, gtk_adjustment_get_value (horizontal) + bounds.origin.x);
  else if (bounds.origin.x + bounds.size.width > gtk_adjustment_get_page_size (horizontal))
    gtk_adjustment_set_value (horizontal, gtk_adjustment_get_value (horizontal) + bounds.origin.x +
                                              bounds.size.width -
                                              gtk_adjustment_get_page_size (horizontal));
}

/* Moves the cursor; with @extend the selection grows from its anchor. */
static void
place_cursor (SuijiFormGrid *self, guint row, guint column, gboolean extend)
{
  if (self->report == NULL)
    return;

  row = CLAMP (row, 1, n_rows (self));
  column = MIN (column, SUIJI_FORM_N_COLUMNS - 1);
  self->cursor_row = row;
  self->cursor_column = column;
  if (!extend)
    {
      self->anchor_row = row;
      self->anchor_column = column;
    }
  update_all_cells (self);
  scroll_to_cell (self, row, column);
}

static void
move_cursor (SuijiFormGrid *self, int rows, int columns, gboolean extend)
{
  int row = (int) self->cursor_row + rows;
  int column = (int) self->cursor_column + columns;

  place_cursor (self, (guint) CLAMP (row, 1, (int) n_rows (self)),
                (guint) CLAMP (column, 0, SUIJI_FORM_N_COLUMNS - 1), extend);
}

/* Tab and Shift+Tab go along the row and on to the next; past the last
 * cell they leave the table, to the lines of the form. */
static gboolean
move_along (SuijiFormGrid *self, int step)
{
  int index = (int) (self->cursor_row - 1) * SUIJI_FORM_N_COLUMNS + (int) self->cursor_column;

  index += step;
  if (index < 0 || index >= (int) (n_rows (self) * SUIJI_FORM_N_COLUMNS))
    return FALSE;

  place_cursor (self, (guint) index / SUIJI_FORM_N_COLUMNS + 1,
                (guint) index % SUIJI_FORM_N_COLUMNS, FALSE);
  return TRUE;
}

/* Changes and undo */

static void
notify_undo_state (SuijiFormGrid *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

/**
 * suiji_form_grid_begin_change:
 *
 * Starts a change of the report's cells that undo takes back in one step:
 * a paste, a fill from the records, an import. Pairs with
 * suiji_form_grid_end_change (); pairs may nest.
 */
void
suiji_form_grid_begin_change (SuijiFormGrid *self)
{
  g_return_if_fail (SUIJI_IS_FORM_GRID (self));
  g_return_if_fail (self->report != NULL);

  if (self->change_depth++ > 0)
    return;

  self->cells_changed = 0;
  self->change_before = suiji_form_report_snapshot (self->report);
}

void
suiji_form_grid_end_change (SuijiFormGrid *self)
{
  UndoStep *step;

  g_return_if_fail (SUIJI_IS_FORM_GRID (self));
  g_return_if_fail (self->change_depth > 0);

  if (--self->change_depth > 0)
    return;

  if (self->cells_changed == 0)
    {
      g_clear_pointer (&self->change_before, suiji_form_snapshot_free);
      return;
    }

  step = g_new0 (UndoStep, 1);
  step->before = g_steal_pointer (&self->change_before);
  step->after = suiji_form_report_snapshot (self->report);
  step->row = self->cursor_row;
  step->column = self->cursor_column;
  g_ptr_array_add (self->undo_steps, step);
  if (self->undo_steps->len > MAX_UNDO_STEPS)
    g_ptr_array_remove_index (self->undo_steps, 0);
  g_ptr_array_set_size (self->redo_steps, 0);

  notify_undo_state (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

gboolean
suiji_form_grid_get_can_undo (SuijiFormGrid *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_GRID (self), FALSE);

  return self->undo_steps->len > 0;
}

gboolean
suiji_form_grid_get_can_redo (SuijiFormGrid *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_GRID (self), FALSE);

  return self->redo_steps->len > 0;
}

/* Undo and redo are the same move between two stacks. */
static void
step_back_or_forth (SuijiFormGrid *self, GPtrArray *from, GPtrArray *to, gboolean undo)
{
  UndoStep *step;

  if (self->report == NULL || from->len == 0 || self->editing)
    return;

  step = g_ptr_array_steal_index (from, from->len - 1);
  suiji_form_report_restore (self->report, undo ? step->before : step->after);
  g_ptr_array_add (to, step);
  place_cursor (self, step->row, step->column, FALSE);

  notify_undo_state (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

void
suiji_form_grid_undo (SuijiFormGrid *self)
{
  g_return_if_fail (SUIJI_IS_FORM_GRID (self));

  step_back_or_forth (self, self->undo_steps, self->redo_steps, TRUE);
}

void
suiji_form_grid_redo (SuijiFormGrid *self)
{
  g_return_if_fail (SUIJI_IS_FORM_GRID (self));

  step_back_or_forth (self, self->redo_steps, self->undo_steps, FALSE);
}

static void
cell_changed_cb (SuijiFormGrid *self, guint row, guint column, SuijiFormReport *report)
{
  if (self->change_depth > 0)
    self->cells_changed++;
  update_cell (self, row, column);
}

/* Editing one cell */

static void
stop_editing (SuijiFormGrid *self)
{
  Cell *cell;

  if (!self->editing)
    return;

  /* Cleared first: taking the editor out moves the focus, which would
   * commit again. */
  self->editing = FALSE;
  cell = &self->cells[self->editing_row - 1][self->editing_column];
  gtk_box_remove (GTK_BOX (cell->box), self->editor);
  gtk_widget_set_visible (cell->label, TRUE);
  gtk_widget_remove_css_class (cell->box, "editing");
  update_cell (self, self->editing_row, self->editing_column);
  gtk_widget_grab_focus (GTK_WIDGET (self->table));
}

static void
refuse_computed (SuijiFormGrid *self, guint row)
{
  g_autofree char *where =
      suiji_form_layout_describe_row (suiji_form_report_get_layout (self->report), row);
  g_autofree char *text = g_strdup_printf (
      _("%s is worked out from 部门内部 and 部门联合; type the figures of those two rows."),
      where);

  tell (self, text);
}

/* Opens the cell under the cursor for typing, starting with @text, or
 * with its figure when @text is %NULL (F2). */
static void
start_editing (SuijiFormGrid *self, const char *text, gboolean in_place)
{
  Cell            *cell;
  g_autofree char *figure = NULL;
  gint64           value;

  if (self->report == NULL || self->editing)
    return;

  if (is_computed (self, self->cursor_row))
    {
      refuse_computed (self, self->cursor_row);
      return;
    }

  place_cursor (self, self->cursor_row, self->cursor_column, FALSE);
  if (text == NULL &&
      suiji_form_report_get_value (self->report, self->cursor_row, self->cursor_column, &value))
    figure = format_figure (value);

  self->editing = TRUE;
  self->editing_in_place = in_place;
  self->editing_row = self->cursor_row;
  self->editing_column = self->cursor_column;
  cell = &self->cells[self->cursor_row - 1][self->cursor_column];
  gtk_widget_set_visible (cell->label, FALSE);
  gtk_widget_set_visible (cell->records_button, FALSE);
  gtk_widget_add_css_class (cell->box, "editing");
  gtk_widget_remove_css_class (self->editor, "error");
  gtk_editable_set_text (GTK_EDITABLE (self->editor),
                         text != NULL ? text : (figure != NULL ? figure : ""));
  gtk_box_append (GTK_BOX (cell->box), self->editor);
  gtk_text_grab_focus_without_selecting (GTK_TEXT (self->editor));
  gtk_editable_set_position (GTK_EDITABLE (self->editor), -1);
}

/* Takes the typed figure into the report; %FALSE, with the editor still
 * open and the reason told, when it is no whole number. */
static gboolean
commit_editing (SuijiFormGrid *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean         empty;
  gint64           value;
  guint            row = self->editing_row, column = self->editing_column;

  if (!self->editing)
    return TRUE;

  text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->editor)));
  if (!suiji_form_parse_value (text, &empty, &value, &error))
    {
      gtk_widget_add_css_class (self->editor, "error");
      tell (self, error->message);
      return FALSE;
    }

  stop_editing (self);
  suiji_form_grid_begin_change (self);
  if (empty)
    suiji_form_report_clear_value (self->report, row, column);
  else
    suiji_form_report_set_value (self->report, row, column, value);
  suiji_form_grid_end_change (self);
  return TRUE;
}

static gboolean
editor_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       SuijiFormGrid         *self)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      stop_editing (self);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      if (commit_editing (self))
        move_cursor (self, shift ? -1 : 1, 0, FALSE);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (commit_editing (self))
        move_along (self, keyval == GDK_KEY_Tab && !shift ? 1 : -1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (commit_editing (self))
        move_cursor (self, keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? -1 : 1, 0, FALSE);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      /* F2 edits in place: the arrows move the caret, as in a spreadsheet. */
      if (self->editing_in_place)
        return FALSE;
      if (commit_editing (self))
        move_cursor (self, 0, keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left ? -1 : 1, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
editor_focus_left_cb (SuijiFormGrid *self)
{
  if (self->editing && !commit_editing (self))
    stop_editing (self);
}

/* Clearing, copying and pasting */

static void
clear_selection (SuijiFormGrid *self)
{
  guint top, left, bottom, right;

  get_selection (self, &top, &left, &bottom, &right);
  suiji_form_grid_begin_change (self);
  for (guint r = top; r <= bottom; r++)
    for (guint c = left; c <= right; c++)
      if (!is_computed (self, r))
        suiji_form_report_clear_value (self->report, r, c);
  suiji_form_grid_end_change (self);
}

/* The selection as WPS and Excel copy it: cells separated by tabs, rows by
 * line breaks, a blank cell as nothing. */
static char *
selection_to_text (SuijiFormGrid *self)
{
  GString *text = g_string_new (NULL);
  guint    top, left, bottom, right;

  get_selection (self, &top, &left, &bottom, &right);
  for (guint r = top; r <= bottom; r++)
    {
      if (r > top)
        g_string_append_c (text, '\n');
      for (guint c = left; c <= right; c++)
        {
          gint64 value;

          if (c > left)
            g_string_append_c (text, '\t');
          if (suiji_form_report_get_value (self->report, r, c, &value))
            g_string_append_printf (text, "%" G_GINT64_FORMAT, value);
        }
    }
  return g_string_free (text, FALSE);
}

static void
copy_selection (SuijiFormGrid *self)
{
  g_autofree char *text = selection_to_text (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), text);
}

/* Splits clipboard text into rows of cells: rows end in \n or \r\n (the
 * last one may not), cells are separated by tabs, and a cell that a
 * spreadsheet quoted loses its quotes. */
static GPtrArray *
split_clipboard_text (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_auto (GStrv) lines = NULL;
  guint n_lines;

  lines = g_strsplit (text, "\n", -1);
  n_lines = g_strv_length (lines);
  /* The line break after the last row is no row of its own. */
  if (n_lines > 1 && (*lines[n_lines - 1] == '\0' || g_str_equal (lines[n_lines - 1], "\r")))
    n_lines--;

  for (guint i = 0; i < n_lines; i++)
    {
      char  *line = lines[i];
      char **cells;
      gsize  length = strlen (line);

      if (length > 0 && line[length - 1] == '\r')
        line[length - 1] = '\0';
      cells = g_strsplit (line, "\t", -1);
      for (guint c = 0; cells[c] != NULL; c++)
        {
          char *cell = g_strstrip (cells[c]);
          gsize cell_length = strlen (cell);

          if (cell_length >= 2 && cell[0] == '"' && cell[cell_length - 1] == '"')
            {
              cell[cell_length - 1] = '\0';
              memmove (cell, cell + 1, cell_length - 1);
            }
        }
      g_ptr_array_add (rows, cells);
    }

  return rows;
}

typedef struct
{
  guint    row;
  guint    column;
  gboolean empty;
  gint64   value;
} PastedFigure;

/* Pastes a block at the top left of the selection; one figure over a
 * larger selection fills all of it. Nothing changes when a cell holds no
 * whole number: the paste is taken whole or not at all. */
static void
paste_text (SuijiFormGrid *self, const char *text)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (self->report);
  g_autoptr (GPtrArray) rows = split_clipboard_text (text);
  g_autoptr (GArray) figures = g_array_new (FALSE, FALSE, sizeof (PastedFigure));
  g_autoptr (GArray) totals = g_array_new (FALSE, FALSE, sizeof (PastedFigure));
  guint    top, left, bottom, right, height, width;
  guint    n_outside = 0;
  gboolean fill;

  if (rows->len == 0)
    return;

  get_selection (self, &top, &left, &bottom, &right);
  fill = rows->len == 1 && g_strv_length (g_ptr_array_index (rows, 0)) == 1 &&
         (top != bottom || left != right);
  height = fill ? bottom - top + 1 : rows->len;

  for (guint i = 0; i < height; i++)
    {
      char **cells = g_ptr_array_index (rows, fill ? 0 : i);

      width = fill ? right - left + 1 : g_strv_length (cells);
      for (guint j = 0; j < width; j++)
        {
          const char *cell = cells[fill ? 0 : j];
          g_autoptr (GError) error = NULL;
          PastedFigure figure = { top + i, left + j, FALSE, 0 };

          if (figure.row > layout->n_rows || figure.column >= SUIJI_FORM_N_COLUMNS)
            {
              n_outside += *cell != '\0';
              continue;
            }
          if (!suiji_form_parse_value (cell, &figure.empty, &figure.value, &error))
            {
              g_autofree char *where =
                  suiji_form_layout_describe_cell (layout, figure.row, figure.column);
              g_autofree char *message =
                  g_strdup_printf (_("Nothing was pasted. %s: %s"), where, error->message);

              tell (self, message);
              return;
            }
          g_array_append_val (is_computed (self, figure.row) ? totals : figures, figure);
        }
    }

  suiji_form_grid_begin_change (self);
  for (guint i = 0; i < figures->len; i++)
    {
      const PastedFigure *figure = &g_array_index (figures, PastedFigure, i);

      if (figure->empty)
        suiji_form_report_clear_value (self->report, figure->row, figure->column);
      else
        suiji_form_report_set_value (self->report, figure->row, figure->column, figure->value);
    }
  suiji_form_grid_end_change (self);

  if (figures->len > 0 || totals->len > 0)
    {
      guint last_row = MIN (top + height - 1, layout->n_rows);
      guint last_column = left;

      for (guint i = 0; i < figures->len; i++)
        last_column = MAX (last_column, g_array_index (figures, PastedFigure, i).column);
      for (guint i = 0; i < totals->len; i++)
        last_column = MAX (last_column, g_array_index (totals, PastedFigure, i).column);
      suiji_form_grid_select (self, top, left, last_row, last_column);
    }

  /* A 总计 pasted with its parts is checked, not taken: it is their sum. */
  for (guint i = 0; i < totals->len; i++)
    {
      const PastedFigure *total = &g_array_index (totals, PastedFigure, i);
      gint64              sum = 0;
      gboolean            has_sum =
          suiji_form_report_get_value (self->report, total->row, total->column, &sum);

      if (!total->empty && (!has_sum || sum != total->value))
        {
          g_autofree char *where =
              suiji_form_layout_describe_cell (layout, total->row, total->column);
          g_autofree char *pasted = format_figure (total->value);
          g_autofree char *worked_out = format_figure (sum);
          g_autofree char *message = g_strdup_printf (
              _("%s: the pasted 总计 %s is not 部门内部 + 部门联合 = %s; the sum stays."), where,
              pasted, worked_out);

          tell (self, message);
          return;
        }
    }

  if (n_outside > 0)
    {
      g_autofree char *message = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u figure beyond the edge of the form was left out.",
                       "%u figures beyond the edge of the form were left out.", n_outside),
          n_outside);
      tell (self, message);
    }
}

static void
paste_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SuijiFormGrid) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, &error);

  if (text == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        tell (self, _("The clipboard holds no text to paste."));
      return;
    }

  if (self->report != NULL && !self->editing)
    paste_text (self, text);
}

static void
reset_selection_to_records (SuijiFormGrid *self)
{
  guint top, left, bottom, right;

  get_selection (self, &top, &left, &bottom, &right);
  suiji_form_grid_begin_change (self);
  for (guint r = top; r <= bottom; r++)
    for (guint c = left; c <= right; c++)
      suiji_form_report_reset_to_filled (self->report, r, c);
  suiji_form_grid_end_change (self);
}

/* Actions */

static gboolean
can_act (SuijiFormGrid *self)
{
  return self->report != NULL && !self->editing;
}

static void
copy_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormGrid *self = SUIJI_FORM_GRID (widget);

  if (can_act (self))
    copy_selection (self);
}

static void
cut_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormGrid *self = SUIJI_FORM_GRID (widget);

  if (!can_act (self))
    return;
  copy_selection (self);
  clear_selection (self);
}

static void
paste_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormGrid *self = SUIJI_FORM_GRID (widget);

  if (!can_act (self))
    return;
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, paste_read_cb,
                                 g_object_ref (self));
}

static void
clear_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormGrid *self = SUIJI_FORM_GRID (widget);

  if (can_act (self))
    clear_selection (self);
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_editing (SUIJI_FORM_GRID (widget), NULL, TRUE);
}

static void
select_all_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormGrid *self = SUIJI_FORM_GRID (widget);

  if (can_act (self))
    suiji_form_grid_select (self, 1, 0, n_rows (self), SUIJI_FORM_N_COLUMNS - 1);
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  suiji_form_grid_undo (SUIJI_FORM_GRID (widget));
}

static void
redo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  suiji_form_grid_redo (SUIJI_FORM_GRID (widget));
}

static void
reset_to_records_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormGrid *self = SUIJI_FORM_GRID (widget);

  if (can_act (self))
    reset_selection_to_records (self);
}

/* Keyboard and mouse on the table */

static gboolean
table_key_pressed_cb (GtkEventControllerKey *controller,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      SuijiFormGrid         *self)
{
  gboolean shift = (state & GDK_SHIFT_MASK) != 0;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  gunichar character;

  if (self->report == NULL || self->editing)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move_cursor (self, -1, 0, shift);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move_cursor (self, 1, 0, shift);
      return TRUE;
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      move_cursor (self, 0, -1, shift);
      return TRUE;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      move_cursor (self, 0, 1, shift);
      return TRUE;
    case GDK_KEY_Home:
    case GDK_KEY_KP_Home:
      place_cursor (self, control ? 1 : self->cursor_row, 0, shift);
      return TRUE;
    case GDK_KEY_End:
    case GDK_KEY_KP_End:
      place_cursor (self, control ? n_rows (self) : self->cursor_row, SUIJI_FORM_N_COLUMNS - 1,
                    shift);
      return TRUE;
    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      return move_along (self, keyval == GDK_KEY_Tab && !shift ? 1 : -1);
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
      move_cursor (self, shift ? -1 : 1, 0, FALSE);
      return TRUE;
    case GDK_KEY_F2:
      start_editing (self, NULL, TRUE);
      return TRUE;
    case GDK_KEY_Delete:
    case GDK_KEY_KP_Delete:
      clear_selection (self);
      return TRUE;
    case GDK_KEY_BackSpace:
      start_editing (self, "", FALSE);
      return TRUE;
    case GDK_KEY_Escape:
      if (self->anchor_row == self->cursor_row && self->anchor_column == self->cursor_column)
        return FALSE;
      place_cursor (self, self->cursor_row, self->cursor_column, FALSE);
      return TRUE;
    default:
      break;
    }

  /* Typing replaces the cell, as in a spreadsheet. */
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return FALSE;
  character = gdk_keyval_to_unicode (keyval);
  if (character != 0 && g_unichar_isprint (character) && !g_unichar_isspace (character))
    {
      char text[8] = { 0 };

      g_unichar_to_utf8 (character, text);
      start_editing (self, text, FALSE);
      return TRUE;
    }

  return FALSE;
}

/* The value cell at a point of the table, if any. */
static gboolean
cell_at_point (SuijiFormGrid *self, double x, double y, guint *row, guint *column)
{
  for (guint r = 1; r <= n_rows (self); r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      {
        graphene_rect_t bounds;

        if (gtk_widget_compute_bounds (self->cells[r - 1][c].box, GTK_WIDGET (self->table),
                                       &bounds) &&
            graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT ((float) x, (float) y)))
          {
            *row = r;
            *column = c;
            return TRUE;
          }
      }
  return FALSE;
}

static void
show_context_menu (SuijiFormGrid *self, double x, double y)
{
  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (self->cell_menu);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self->table));
    }

  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle){ (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
table_pressed_cb (GtkGestureClick *gesture, int n_press, double x, double y, SuijiFormGrid *self)
{
  guint           button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  guint    row, column, top, left, bottom, right;
  gboolean inside;

  if (self->report == NULL || !cell_at_point (self, x, y, &row, &column))
    return;

  if (self->editing && (row != self->editing_row || column != self->editing_column) &&
      !commit_editing (self))
    stop_editing (self);
  if (self->editing)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self->table));
  get_selection (self, &top, &left, &bottom, &right);
  inside = row >= top && row <= bottom && column >= left && column <= right;

  if (button == GDK_BUTTON_SECONDARY)
    {
      if (!inside)
        place_cursor (self, row, column, FALSE);
      show_context_menu (self, x, y);
      return;
    }

  place_cursor (self, row, column, (state & GDK_SHIFT_MASK) != 0);
  self->drag_row = row;
  self->drag_column = column;
  if (n_press == 2)
    start_editing (self, NULL, TRUE);
}

static void
table_dragged_cb (GtkGestureDrag *gesture, double offset_x, double offset_y, SuijiFormGrid *self)
{
  double start_x, start_y;
  guint  row, column;

  if (self->report == NULL || self->editing ||
      !gtk_gesture_drag_get_start_point (gesture, &start_x, &start_y) ||
      !cell_at_point (self, start_x + offset_x, start_y + offset_y, &row, &column))
    return;

  if (row != self->cursor_row || column != self->cursor_column)
    place_cursor (self, row, column, TRUE);
}

static void
records_clicked_cb (GtkButton *button, SuijiFormGrid *self)
{
  guint row = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "row"));
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "column"));

  if (!can_act (self))
    return;

  place_cursor (self, row, column, FALSE);
  suiji_form_grid_begin_change (self);
  suiji_form_report_reset_to_filled (self->report, row, column);
  suiji_form_grid_end_change (self);
}

/* Building the table from the layout */

static GtkWidget *
add_label (SuijiFormGrid *self,
           const char    *text,
           const char    *style,
           guint          column,
           guint          row,
           guint          n_columns,
           guint          n_table_rows)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "form-cell");
  gtk_widget_add_css_class (label, style);
  suiji_form_table_attach (self->table, label, column, row, n_columns, n_table_rows);
  return label;
}

static void
add_value_cell (SuijiFormGrid *self, guint row, guint column)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (self->report);
  Cell                  *cell = &self->cells[row - 1][column];
  g_autofree char       *where = suiji_form_layout_describe_cell (layout, row, column);

  cell->box = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL,
                            "accessible-role", GTK_ACCESSIBLE_ROLE_GRID_CELL, NULL);
  gtk_widget_add_css_class (cell->box, "form-cell");
  gtk_widget_add_css_class (cell->box, "form-value");
  if (suiji_form_layout_is_computed (layout, row))
    gtk_widget_add_css_class (cell->box, "computed");
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell->box), GTK_ACCESSIBLE_PROPERTY_LABEL, where,
                                  -1);

  cell->label = gtk_label_new (NULL);
  gtk_widget_set_vexpand (cell->label, TRUE);
  gtk_box_append (GTK_BOX (cell->box), cell->label);

  cell->records_button = gtk_button_new ();
  gtk_widget_set_focusable (cell->records_button, FALSE);
  gtk_widget_set_halign (cell->records_button, GTK_ALIGN_CENTER);
  gtk_widget_set_visible (cell->records_button, FALSE);
  gtk_widget_add_css_class (cell->records_button, "flat");
  gtk_widget_add_css_class (cell->records_button, "form-records");
  g_object_set_data (G_OBJECT (cell->records_button), "row", GUINT_TO_POINTER (row));
  g_object_set_data (G_OBJECT (cell->records_button), "column", GUINT_TO_POINTER (column));
  g_signal_connect_object (cell->records_button, "clicked", G_CALLBACK (records_clicked_cb), self,
                           0);
  gtk_box_append (GTK_BOX (cell->box), cell->records_button);

  suiji_form_table_attach (self->table, cell->box, FIRST_VALUE_COLUMN + column,
                           HEADER_ROWS + row - 1, 1, 1);
}

/* The heading rows, then each row of the plan with the merges of the paper:
 * the platform over its rows, an item over its sub-rows, or over the
 * sub-item column too where it has none. */
static void
build_table (SuijiFormGrid *self)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (self->report);

  suiji_form_table_remove_all (self->table);
  self->context_menu = NULL;
  memset (self->cells, 0, sizeof self->cells);

  suiji_form_table_set_column_widths (self->table, screen_widths, SUIJI_FORM_PAPER_COLUMNS);
  add_label (self, layout->platform_heading, "form-heading", 0, 0, 1, HEADER_ROWS);
  add_label (self, layout->item_heading, "form-heading", 1, 0, 2, HEADER_ROWS);
  add_label (self, layout->data_heading, "form-heading", FIRST_VALUE_COLUMN, 0,
             SUIJI_FORM_N_COLUMNS, 1);
  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    add_label (self, layout->column_headings[c], "form-heading", FIRST_VALUE_COLUMN + c, 1, 1, 1);

  for (guint p = 0; p < layout->n_platforms; p++)
    add_label (self, layout->platforms[p].label, "form-platform", 0,
               HEADER_ROWS + layout->platforms[p].first_row - 1, 1, layout->platforms[p].n_rows);

  for (guint r = 1; r <= layout->n_rows; r++)
    {
      const SuijiFormRow *row = &layout->rows[r - 1];

      if (row->item_rows > 0)
        add_label (self, row->item, "form-item", 1, HEADER_ROWS + r - 1,
                   row->sub_item != NULL ? 1 : 2, row->item_rows);
      if (row->sub_item != NULL)
        add_label (self, row->sub_item, "form-sub-item", 2, HEADER_ROWS + r - 1, 1, 1);
      for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
        add_value_cell (self, r, c);
    }
}

/* The lines above and below the table */

static void
update_date_button (SuijiFormGrid *self)
{
  g_autofree char *text = suiji_form_report_dup_date_text (self->report);
  GDate            date;

  gtk_menu_button_set_label (self->date_button, text);
  if (suiji_form_report_get_fill_date (self->report, &date))
    {
      g_autoptr (GDateTime) day = g_date_time_new_local (
          g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0, 0);

      self->syncing_date = TRUE;
      gtk_calendar_select_day (self->date_calendar, day);
      self->syncing_date = FALSE;
    }
}

static void
set_fill_date (SuijiFormGrid *self, GDateTime *day)
{
  GDate date;

  g_date_clear (&date, 1);
  if (day != NULL)
    g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (day),
                    (GDateMonth) g_date_time_get_month (day),
                    (GDateYear) g_date_time_get_year (day));
  suiji_form_report_set_fill_date (self->report, day != NULL ? &date : NULL);
  update_date_button (self);
}

static void
date_selected_cb (SuijiFormGrid *self)
{
  g_autoptr (GDateTime) day = NULL;

  if (self->report == NULL || self->syncing_date)
    return;

  day = gtk_calendar_get_date (self->date_calendar);
  set_fill_date (self, day);
}

static void
date_today_cb (SuijiFormGrid *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  if (self->report == NULL)
    return;

  set_fill_date (self, now);
  gtk_popover_popdown (self->date_popover);
}

static void
date_blank_cb (SuijiFormGrid *self)
{
  if (self->report == NULL)
    return;

  set_fill_date (self, NULL);
  gtk_popover_popdown (self->date_popover);
}

/* GObject */

static void
suiji_form_grid_dispose (GObject *object)
{
  SuijiFormGrid *self = (SuijiFormGrid *) object;

  if (self->texts != NULL)
    g_binding_group_set_source (self->texts, NULL);
  self->editing = FALSE;
  gtk_widget_dispose_template (GTK_WIDGET (self), SUIJI_TYPE_FORM_GRID);
  g_clear_object (&self->report);

  G_OBJECT_CLASS (suiji_form_grid_parent_class)->dispose (object);
}

static void
suiji_form_grid_finalize (GObject *object)
{
  SuijiFormGrid *self = (SuijiFormGrid *) object;

  g_clear_object (&self->texts);
  g_clear_object (&self->editor);
  g_clear_pointer (&self->undo_steps, g_ptr_array_unref);
  g_clear_pointer (&self->redo_steps, g_ptr_array_unref);
  g_clear_pointer (&self->change_before, suiji_form_snapshot_free);
  for (guint r = 0; r < SUIJI_FORM_MAX_ROWS; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      g_free (self->cells[r][c].problems);

  G_OBJECT_CLASS (suiji_form_grid_parent_class)->finalize (object);
}

static void
suiji_form_grid_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SuijiFormGrid *self = SUIJI_FORM_GRID (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      g_value_set_object (value, self->report);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, suiji_form_grid_get_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, suiji_form_grid_get_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_form_grid_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  SuijiFormGrid *self = SUIJI_FORM_GRID (object);

  switch (prop_id)
    {
    case PROP_REPORT:
      suiji_form_grid_set_report (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_form_grid_class_init (SuijiFormGridClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_form_grid_dispose;
  object_class->finalize = suiji_form_grid_finalize;
  object_class->get_property = suiji_form_grid_get_property;
  object_class->set_property = suiji_form_grid_set_property;

  properties[PROP_REPORT] =
      g_param_spec_object ("report", NULL, NULL, SUIJI_TYPE_FORM_REPORT,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SuijiFormGrid::changed:
   *
   * The figures changed by the user: an edit, a paste, an undo.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);
  /**
   * SuijiFormGrid::message:
   * @text: what the user should know, such as why a figure was refused
   */
  signals[MESSAGE] = g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/suiji-form-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, attachment_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, cell_menu);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, contact_entry);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, contact_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, date_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, date_calendar);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, date_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, date_popover);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, mobile_entry);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, mobile_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, phone_entry);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, phone_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, table);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, title_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, unit_entry);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormGrid, unit_label);
  gtk_widget_class_bind_template_callback (widget_class, date_blank_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_today_cb);

  gtk_widget_class_install_action (widget_class, "grid.copy", NULL, copy_action);
  gtk_widget_class_install_action (widget_class, "grid.cut", NULL, cut_action);
  gtk_widget_class_install_action (widget_class, "grid.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "grid.clear", NULL, clear_action);
  gtk_widget_class_install_action (widget_class, "grid.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "grid.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "grid.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "grid.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "grid.reset-to-records", NULL,
                                   reset_to_records_action);

  g_type_ensure (SUIJI_TYPE_FORM_TABLE);
}

/* The shortcuts of the table only: in the lines of the form Ctrl+C and
 * Ctrl+Z belong to the text being typed. */
static void
add_table_shortcuts (SuijiFormGrid *self)
{
  const struct
  {
    const char *trigger;
    const char *action;
  } shortcuts[] = {
    { "<Control>c", "grid.copy" },  { "<Control>x", "grid.cut" },
    { "<Control>v", "grid.paste" }, { "<Control>a", "grid.select-all" },
    { "<Control>z", "grid.undo" },  { "<Control><Shift>z", "grid.redo" },
    { "<Control>y", "grid.redo" },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (shortcuts); i++)
    gtk_shortcut_controller_add_shortcut (
        GTK_SHORTCUT_CONTROLLER (controller),
        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (shortcuts[i].trigger),
                          gtk_named_action_new (shortcuts[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self->table), controller);
}

static void
suiji_form_grid_init (SuijiFormGrid *self)
{
  GtkEventController *controller;
  GtkGesture         *gesture;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->undo_steps = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  self->redo_steps = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  self->cursor_row = self->anchor_row = 1;

  self->texts = g_binding_group_new ();
  g_binding_group_bind (self->texts, "unit-name", self->unit_entry, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->texts, "contact-person", self->contact_entry, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->texts, "contact-phone", self->phone_entry, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  g_binding_group_bind (self->texts, "mobile", self->mobile_entry, "text",
                        G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);

  self->editor = g_object_ref_sink (gtk_text_new ());
  gtk_widget_set_hexpand (self->editor, TRUE);
  gtk_widget_set_vexpand (self->editor, TRUE);
  gtk_editable_set_alignment (GTK_EDITABLE (self->editor), 0.5);
  gtk_text_set_input_purpose (GTK_TEXT (self->editor), GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_add_css_class (self->editor, "form-editor");
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (editor_key_pressed_cb), self, 0);
  gtk_widget_add_controller (self->editor, controller);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (editor_focus_left_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (self->editor, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (table_key_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->table), controller);
  add_table_shortcuts (self);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (table_pressed_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->table), GTK_EVENT_CONTROLLER (gesture));
  gesture = gtk_gesture_drag_new ();
  g_signal_connect_object (gesture, "drag-update", G_CALLBACK (table_dragged_cb), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self->table), GTK_EVENT_CONTROLLER (gesture));
}

GtkWidget *
suiji_form_grid_new (void)
{
  return g_object_new (SUIJI_TYPE_FORM_GRID, NULL);
}

/**
 * suiji_form_grid_set_report:
 * @report: (nullable): the report to show and edit
 *
 * Shows a report, laid out as its form; the undo history starts afresh.
 */
void
suiji_form_grid_set_report (SuijiFormGrid *self, SuijiFormReport *report)
{
  const SuijiFormLayout *layout;

  g_return_if_fail (SUIJI_IS_FORM_GRID (self));
  g_return_if_fail (report == NULL || SUIJI_IS_FORM_REPORT (report));
  g_return_if_fail (self->change_depth == 0);

  if (self->report == report)
    return;

  stop_editing (self);
  if (self->report != NULL)
    g_signal_handlers_disconnect_by_func (self->report, cell_changed_cb, self);
  g_set_object (&self->report, report);

  g_ptr_array_set_size (self->undo_steps, 0);
  g_ptr_array_set_size (self->redo_steps, 0);
  for (guint r = 0; r < SUIJI_FORM_MAX_ROWS; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      {
        g_clear_pointer (&self->cells[r][c].problems, g_free);
        self->cells[r][c].level = PROBLEM_NONE;
      }
  g_binding_group_set_source (self->texts, report);
  notify_undo_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);

  if (report == NULL)
    {
      suiji_form_table_remove_all (self->table);
      self->context_menu = NULL;
      return;
    }

  layout = suiji_form_report_get_layout (report);
  gtk_label_set_text (self->attachment_label, layout->attachment);
  gtk_label_set_text (self->title_label, layout->title);
  gtk_label_set_text (self->subtitle_label, layout->subtitle);
  gtk_label_set_text (self->unit_label, layout->unit_label);
  gtk_label_set_text (self->date_label, layout->date_label);
  gtk_label_set_text (self->contact_label, layout->contact_label);
  gtk_label_set_text (self->phone_label, layout->phone_label);
  gtk_label_set_text (self->mobile_label, layout->mobile_label);
  update_date_button (self);

  self->cursor_row = MIN (self->cursor_row, layout->n_rows);
  self->anchor_row = self->cursor_row;
  self->anchor_column = self->cursor_column;
  build_table (self);
  update_all_cells (self);
  g_signal_connect_object (report, "cell-changed", G_CALLBACK (cell_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * suiji_form_grid_get_report:
 *
 * Returns: (transfer none) (nullable): the report shown
 */
SuijiFormReport *
suiji_form_grid_get_report (SuijiFormGrid *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_GRID (self), NULL);

  return self->report;
}

/**
 * suiji_form_grid_set_problems:
 * @problems: (element-type SuijiFormProblem) (nullable): what
 *   suiji_form_report_validate () found
 *
 * Marks the cells of the broken rules, with the reasons as their tooltips.
 */
void
suiji_form_grid_set_problems (SuijiFormGrid *self, GPtrArray *problems)
{
  g_return_if_fail (SUIJI_IS_FORM_GRID (self));

  for (guint r = 0; r < SUIJI_FORM_MAX_ROWS; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      {
        g_clear_pointer (&self->cells[r][c].problems, g_free);
        self->cells[r][c].level = PROBLEM_NONE;
      }

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SuijiFormProblem *problem = g_ptr_array_index (problems, i);
      Cell                   *cell;
      char                   *joined;

      if (problem->row < 1 || problem->row > n_rows (self) ||
          problem->column >= SUIJI_FORM_N_COLUMNS)
        continue;

      cell = &self->cells[problem->row - 1][problem->column];
      joined = cell->problems != NULL ? g_strconcat (cell->problems, "\n", problem->message, NULL)
                                      : g_strdup (problem->message);
      g_free (cell->problems);
      cell->problems = joined;
      cell->level = MAX (cell->level, problem->severity == SUIJI_FORM_PROBLEM_HARD ? PROBLEM_HARD
                                                                                   : PROBLEM_SOFT);
    }

  if (self->report != NULL)
    update_all_cells (self);
}

void
suiji_form_grid_set_cursor (SuijiFormGrid *self, guint row, guint column)
{
  g_return_if_fail (SUIJI_IS_FORM_GRID (self));

  place_cursor (self, row, column, FALSE);
}

void
suiji_form_grid_get_cursor (SuijiFormGrid *self, guint *row, guint *column)
{
  g_return_if_fail (SUIJI_IS_FORM_GRID (self));

  if (row != NULL)
    *row = self->cursor_row;
  if (column != NULL)
    *column = self->cursor_column;
}

/* Selects a range, the cursor at its top left. */
void
suiji_form_grid_select (
    SuijiFormGrid *self, guint first_row, guint first_column, guint last_row, guint last_column)
{
  g_return_if_fail (SUIJI_IS_FORM_GRID (self));

  if (self->report == NULL)
    return;

  place_cursor (self, last_row, last_column, FALSE);
  place_cursor (self, first_row, first_column, TRUE);
}

/* Moves to a cell and gives the table the keyboard, as a click would. */
void
suiji_form_grid_focus_cell (SuijiFormGrid *self, guint row, guint column)
{
  g_return_if_fail (SUIJI_IS_FORM_GRID (self));

  if (self->editing && !commit_editing (self))
    stop_editing (self);
  place_cursor (self, row, column, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->table));
}

gboolean
suiji_form_grid_get_editing (SuijiFormGrid *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_GRID (self), FALSE);

  return self->editing;
}

/**
 * suiji_form_grid_get_cell_text:
 *
 * Returns: (transfer none): the figure a cell shows, "" when blank
 */
const char *
suiji_form_grid_get_cell_text (SuijiFormGrid *self, guint row, guint column)
{
  g_return_val_if_fail (SUIJI_IS_FORM_GRID (self), NULL);
  g_return_val_if_fail (row >= 1 && row <= n_rows (self), NULL);
  g_return_val_if_fail (column < SUIJI_FORM_N_COLUMNS, NULL);

  return gtk_label_get_text (GTK_LABEL (self->cells[row - 1][column].label));
}

/**
 * suiji_form_grid_get_records_text:
 *
 * Returns: (transfer none) (nullable): the records' figure shown beside
 *   one typed over it, %NULL when none is shown
 */
const char *
suiji_form_grid_get_records_text (SuijiFormGrid *self, guint row, guint column)
{
  GtkWidget *button;

  g_return_val_if_fail (SUIJI_IS_FORM_GRID (self), NULL);
  g_return_val_if_fail (row >= 1 && row <= n_rows (self), NULL);
  g_return_val_if_fail (column < SUIJI_FORM_N_COLUMNS, NULL);

  button = self->cells[row - 1][column].records_button;
  return gtk_widget_get_visible (button) ? gtk_button_get_label (GTK_BUTTON (button)) : NULL;
}

/**
 * suiji_form_grid_get_cell:
 *
 * Returns: (transfer none): the widget of a value cell, which carries the
 *   marks (computed, problem-hard, problem-soft) and the tooltip
 */
GtkWidget *
suiji_form_grid_get_cell (SuijiFormGrid *self, guint row, guint column)
{
  g_return_val_if_fail (SUIJI_IS_FORM_GRID (self), NULL);
  g_return_val_if_fail (row >= 1 && row <= n_rows (self), NULL);
  g_return_val_if_fail (column < SUIJI_FORM_N_COLUMNS, NULL);

  return self->cells[row - 1][column].box;
}

/**
 * suiji_form_grid_sync_texts:
 *
 * Shows the date line again after the report changed it elsewhere (an
 * import); the other lines follow the report by themselves.
 */
void
suiji_form_grid_sync_texts (SuijiFormGrid *self)
{
  g_return_if_fail (SUIJI_IS_FORM_GRID (self));

  if (self->report != NULL)
    update_date_button (self);
}
