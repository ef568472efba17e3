/* suiji-form-table.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The table of a monthly form as the paper lays it out: columns in the
 * proportions of the printed page, whatever the width, and cells that span
 * columns and rows (平台, 统计项目, 截至目前数据). A GtkGrid gives each
 * column its natural width, which for a wrapping label is the whole text on
 * one line; the paper's columns are fixed instead, and each row is as tall
 * as its tallest cell.
 */

#define G_LOG_DOMAIN "suiji-form-table"

#include "config.h"

#include <string.h>

#include "suiji-form-table.h"

/* Below this the item labels wrap into narrow towers. */
#define MINIMUM_WIDTH 600
/* The printed proportions, about as large as the paper on a laptop. */
#define NATURAL_WIDTH 840

typedef struct
{
  guint column;
  guint row;
  guint n_columns;
  guint n_rows;
} Placement;

struct _SuijiFormTable
{
  GtkWidget parent_instance;

  GArray *column_widths; /* double, relative */
};

G_DEFINE_FINAL_TYPE (SuijiFormTable, suiji_form_table, GTK_TYPE_WIDGET)

static GQuark placement_quark;

static const Placement *
get_placement (GtkWidget *child)
{
  return g_object_get_qdata (G_OBJECT (child), placement_quark);
}

static guint
count_rows (SuijiFormTable *self)
{
  guint n_rows = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const Placement *placement = get_placement (child);

      if (placement != NULL)
        n_rows = MAX (n_rows, placement->row + placement->n_rows);
    }
  return n_rows;
}

/* The x of each column's left edge for a given width, and of the right
 * edge of the last; rounded once, so neighbouring cells share their line. */
static void
compute_column_edges (SuijiFormTable *self, int width, int *edges)
{
  double total = 0, x = 0;

  for (guint c = 0; c < self->column_widths->len; c++)
    total += g_array_index (self->column_widths, double, c);

  edges[0] = 0;
  for (guint c = 0; c < self->column_widths->len; c++)
    {
      x += width * g_array_index (self->column_widths, double, c) / MAX (total, 1.0);
      edges[c + 1] = (int) (x + 0.5);
    }
}

static int
child_height (GtkWidget *child, int width)
{
  int minimum = 0, natural = 0;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, &minimum, &natural, NULL, NULL);
  return MAX (minimum, natural);
}

/* Each row as tall as its tallest single-row cell; a cell over several
 * rows that needs more shares the difference among them. */
static void
compute_row_heights (SuijiFormTable *self, const int *edges, int *heights, guint n_rows)
{
  memset (heights, 0, sizeof (int) * n_rows);

  for (int pass = 0; pass < 2; pass++)
    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      {
        const Placement *p = get_placement (child);
        int              height, spanned = 0;

        if (p == NULL || !gtk_widget_should_layout (child) || (pass == 0) != (p->n_rows == 1))
          continue;

        height = child_height (child, edges[p->column + p->n_columns] - edges[p->column]);
        for (guint r = p->row; r < p->row + p->n_rows; r++)
          spanned += heights[r];
        if (height <= spanned)
          continue;

        for (guint r = p->row; r < p->row + p->n_rows; r++)
          heights[r] += (height - spanned) / (int) p->n_rows;
        heights[p->row + p->n_rows - 1] += (height - spanned) % (int) p->n_rows;
      }
}

static GtkSizeRequestMode
suiji_form_table_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
suiji_form_table_measure (GtkWidget     *widget,
                          GtkOrientation orientation,
                          int            for_size,
                          int           *minimum,
                          int           *natural,
                          int           *minimum_baseline,
                          int           *natural_baseline)
{
  SuijiFormTable *self = SUIJI_FORM_TABLE (widget);
  guint           n_rows = count_rows (self);
  g_autofree int *edges = g_new0 (int, self->column_widths->len + 1);
  g_autofree int *heights = g_new0 (int, MAX (n_rows, 1));
  int             total = 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MINIMUM_WIDTH;
      *natural = NATURAL_WIDTH;
      return;
    }

  compute_column_edges (self, for_size >= 0 ? for_size : NATURAL_WIDTH, edges);
  compute_row_heights (self, edges, heights, n_rows);
  for (guint r = 0; r < n_rows; r++)
    total += heights[r];
  *minimum = *natural = total;
}

static void
suiji_form_table_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  SuijiFormTable *self = SUIJI_FORM_TABLE (widget);
  guint           n_rows = count_rows (self);
  g_autofree int *edges = g_new0 (int, self->column_widths->len + 1);
  g_autofree int *heights = g_new0 (int, MAX (n_rows, 1));
  g_autofree int *tops = g_new0 (int, n_rows + 1);

  compute_column_edges (self, width, edges);
  compute_row_heights (self, edges, heights, n_rows);
  for (guint r = 0; r < n_rows; r++)
    tops[r + 1] = tops[r] + heights[r];

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const Placement *p = get_placement (child);
      GtkAllocation    allocation;

      /* A context menu of the cells is a popover of the table. */
      if (GTK_IS_POPOVER (child))
        gtk_popover_present (GTK_POPOVER (child));
      if (p == NULL || !gtk_widget_should_layout (child))
        continue;

      allocation.x = edges[p->column];
      allocation.y = tops[p->row];
      allocation.width = edges[p->column + p->n_columns] - edges[p->column];
      allocation.height = tops[p->row + p->n_rows] - tops[p->row];
      gtk_widget_size_allocate (child, &allocation, -1);
    }
}

static void
suiji_form_table_dispose (GObject *object)
{
  suiji_form_table_remove_all (SUIJI_FORM_TABLE (object));

  G_OBJECT_CLASS (suiji_form_table_parent_class)->dispose (object);
}

static void
suiji_form_table_finalize (GObject *object)
{
  SuijiFormTable *self = (SuijiFormTable *) object;

  g_clear_pointer (&self->column_widths, g_array_unref);

  G_OBJECT_CLASS (suiji_form_table_parent_class)->finalize (object);
}

static void
suiji_form_table_class_init (SuijiFormTableClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_form_table_dispose;
  object_class->finalize = suiji_form_table_finalize;
  widget_class->get_request_mode = suiji_form_table_get_request_mode;
  widget_class->measure = suiji_form_table_measure;
  widget_class->size_allocate = suiji_form_table_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "formtable");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GRID);
  placement_quark = g_quark_from_static_string ("suiji-form-table-placement");
}

static void
suiji_form_table_init (SuijiFormTable *self)
{
  const double one = 1.0;

  self->column_widths = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_val (self->column_widths, one);
}

GtkWidget *
suiji_form_table_new (void)
{
  return g_object_new (SUIJI_TYPE_FORM_TABLE, NULL);
}

/**
 * suiji_form_table_set_column_widths:
 * @widths: (array length=n_columns): relative widths, as the paper's
 */
void
suiji_form_table_set_column_widths (SuijiFormTable *self, const double *widths, guint n_columns)
{
  g_return_if_fail (SUIJI_IS_FORM_TABLE (self));
  g_return_if_fail (n_columns > 0);

  g_array_set_size (self->column_widths, 0);
  g_array_append_vals (self->column_widths, widths, n_columns);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * suiji_form_table_attach:
 * @child: (transfer floating): a cell
 *
 * Puts a cell at @column, @row, over @n_columns columns and @n_rows rows.
 */
void
suiji_form_table_attach (
    SuijiFormTable *self, GtkWidget *child, guint column, guint row, guint n_columns, guint n_rows)
{
  Placement *placement;

  g_return_if_fail (SUIJI_IS_FORM_TABLE (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (n_columns > 0 && n_rows > 0);
  g_return_if_fail (column + n_columns <= self->column_widths->len);

  placement = g_new (Placement, 1);
  *placement = (Placement){ column, row, n_columns, n_rows };
  g_object_set_qdata_full (G_OBJECT (child), placement_quark, placement, g_free);
  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

void
suiji_form_table_remove_all (SuijiFormTable *self)
{
  GtkWidget *child;

  g_return_if_fail (SUIJI_IS_FORM_TABLE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
}
