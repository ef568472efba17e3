/* suiji-directories-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 名录库: the subjects, inspectors, check items and avoidance pairs, each a
 * column view over a list that pages from SQLite, with search as you type
 * and filters. Deleting hides the rows at once and writes the deletion when
 * the toast goes away without "Undo".
 */

#define G_LOG_DOMAIN "suiji-directories-page"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-avoidance-dialog.h"
#include "suiji-avoidance.h"
#include "suiji-department.h"
#include "suiji-directories-page.h"
#include "suiji-directory-export.h"
#include "suiji-fields.h"
#include "suiji-import-dialog.h"
#include "suiji-inspector-dialog.h"
#include "suiji-inspector.h"
#include "suiji-item-dialog.h"
#include "suiji-item.h"
#include "suiji-row-list.h"
#include "suiji-subject-dialog.h"
#include "suiji-subject.h"

/* A search takes a few milliseconds: it runs at once, with no pause after
 * a keystroke. Keys typed faster than the searches still run one search,
 * as the entry reports its text once per turn of the main loop. */
#define SEARCH_DELAY_MS 0

/* GTK 4.8's column view builds the widgets of up to 200 rows at once,
 * though a screen shows 20 or 30: a list of subjects that grows from fewer
 * shows one screen of rows first, and the others once it is drawn. */
#define ROWS_BUILT 200
/* A screen of rows: the view's height over the lowest a row can be, and
 * some more, or as many as a tall screen shows before the view has its
 * height. */
#define ROW_HEIGHT_AT_LEAST 24
#define FIRST_ROWS_UNSIZED  60

typedef enum
{
  PENDING_NONE,
  PENDING_SUBJECTS,
  PENDING_AVOIDANCES,
  PENDING_INSPECTORS,
  PENDING_ITEMS,
} PendingKind;

struct _SuijiDirectoriesPage
{
  GtkBox parent_instance;

  /* Owned references */
  SuijiDatabase  *db;
  SuijiPagedList *subjects;
  SuijiRowList   *subject_rows;
  SuijiPagedList *inspectors;
  SuijiPagedList *items;
  SuijiPagedList *avoidances;
  GArray         *department_ids;
  GStrv           class_codes;

  /* Set while the filters' choices are refilled, which would otherwise run
   * the query once for every filter. */
  gboolean reloading;
  char    *applied_filters;

  /* After the frame with the first rows of a search: shows the rest of
   * them, and lets go of the blank rows kept for that frame. */
  guint    after_drawn_tick;
  gboolean first_rows_drawn;

  /* The subjects' sort, read off the column view's sorter. */
  SuijiSubjectSort subject_sort;
  gboolean         subject_descending;

  /* A deletion waiting for its toast to go */
  PendingKind pending_kind;
  GArray     *pending_ids;
  AdwToast   *pending_toast;

  /* Filter widgets made in code, their choices from the data */
  GtkDropDown *class_filter;
  GtkDropDown *region_filter;
  GtkDropDown *type_filter;
  GtkDropDown *status_filter;
  GtkDropDown *label_filter;
  GtkDropDown *department_filter;

  /* Template widgets */
  GtkColumnView  *avoidances_view;
  GtkSearchEntry *avoidance_search;
  GtkBox         *class_counts;
  GtkDropDown    *inspector_department;
  GtkSearchEntry *inspector_search;
  GtkColumnView  *inspectors_view;
  GtkDropDown    *item_department;
  GtkSearchEntry *item_search;
  GtkColumnView  *items_view;
  GtkButton      *new_button;
  GtkLabel       *selection_label;
  GtkMenuButton  *set_class_button;
  GtkActionBar   *subject_actions;
  GtkFlowBox     *subject_filters;
  GtkSearchEntry *subject_search;
  GtkStack       *subjects_stack;
  GtkColumnView  *subjects_view;
  AdwViewStack   *view_stack;
};

G_DEFINE_FINAL_TYPE (SuijiDirectoriesPage, suiji_directories_page, GTK_TYPE_BOX)

enum
{
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (SuijiDirectoriesPage *self, const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast        *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 5);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

/* Columns */

typedef struct
{
  const char      *title;
  const char      *property;
  gboolean         expand;
  int              width;
  SuijiSubjectSort sort;
} ColumnSpec;

/* A cell's tooltip is its whole text, asked for when the pointer rests on
 * it: setting tooltips while binding makes GTK query the pointer for every
 * row that scrolls by. */
static gboolean
query_cell_tooltip_cb (
    GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer user_data)
{
  const char *text = g_object_get_data (G_OBJECT (widget), "tooltip");

  if (text == NULL && GTK_IS_LABEL (widget))
    {
      if (!pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
        return FALSE;
      text = gtk_label_get_text (GTK_LABEL (widget));
    }
  else if (text == NULL && GTK_IS_INSCRIPTION (widget))
    {
      g_autoptr (PangoLayout) layout = NULL;
      int width;

      text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
      layout = gtk_widget_create_pango_layout (widget, text);
      pango_layout_get_pixel_size (layout, &width, NULL);
      if (width <= gtk_widget_get_width (widget))
        return FALSE;
    }

  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The subjects' cells: an inscription is sized by its column, not by its
 * text, so that new text only redraws it, and it is lighter to build and
 * drop than a label when rows come and go. */
static GtkWidget *
new_inscription (void)
{
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  return inscription;
}

static void
setup_inscription_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  GtkWidget *inscription = new_inscription ();

  gtk_widget_set_has_tooltip (inscription, TRUE);
  g_signal_connect (inscription, "query-tooltip", G_CALLBACK (query_cell_tooltip_cb), NULL);
  gtk_list_item_set_child (list_item, inscription);
}

static void
set_cell_text (GtkWidget *cell, const char *text)
{
  if (GTK_IS_INSCRIPTION (cell))
    gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  else
    gtk_label_set_text (GTK_LABEL (cell), text);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_cell_tooltip_cb), NULL);
  gtk_list_item_set_child (list_item, label);
}

/* The subjects' view shows rows over its list (see suiji-row-list.c): a
 * search gives a row another subject, and its cells follow. */
static GObject *
cell_item (GtkListItem *list_item)
{
  GObject *item = gtk_list_item_get_item (list_item);

  return SUIJI_IS_ROW (item) ? suiji_row_get_item (SUIJI_ROW (item)) : item;
}

static void
show_label (GtkListItem *list_item, const char *property)
{
  GtkWidget       *label = gtk_list_item_get_child (list_item);
  GObject         *item = cell_item (list_item);
  g_autofree char *text = NULL;

  if (item == NULL || g_object_class_find_property (G_OBJECT_GET_CLASS (item), property) == NULL)
    {
      set_cell_text (label, "");
      return;
    }

  if (g_str_equal (property, "active"))
    {
      gboolean active;

      g_object_get (item, property, &active, NULL);
      text = g_strdup (active ? _("Active") : _("Inactive"));
    }
  else
    g_object_get (item, property, &text, NULL);

  set_cell_text (label, text != NULL ? text : "");
}

/* The key column flags a credit code whose check character is wrong; the
 * subject stays, as real registries hold a few such codes. */
static void
setup_key_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = new_inscription ();
  GtkWidget *flag = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (flag, "warning");
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), flag);
  gtk_widget_set_has_tooltip (box, TRUE);
  g_signal_connect (box, "query-tooltip", G_CALLBACK (query_cell_tooltip_cb), NULL);
  gtk_list_item_set_child (list_item, box);
}

static void
show_key (GtkListItem *list_item)
{
  GtkWidget       *box = gtk_list_item_get_child (list_item);
  GtkWidget       *label = gtk_widget_get_first_child (box);
  GtkWidget       *flag = gtk_widget_get_last_child (box);
  GObject         *subject = cell_item (list_item);
  g_autofree char *problem = NULL;

  if (SUIJI_IS_SUBJECT (subject))
    g_object_get (subject, "code-problem", &problem, NULL);
  set_cell_text (label, SUIJI_IS_SUBJECT (subject)
                            ? suiji_subject_get_record (SUIJI_SUBJECT (subject))->key
                            : "");
  gtk_widget_set_visible (flag, problem != NULL && *problem != '\0');
  g_object_set_data_full (G_OBJECT (box), "tooltip",
                          problem != NULL && *problem != '\0' ? g_strdup (problem) : NULL, g_free);
}

static void
show_cell (GtkListItem *list_item)
{
  const char *property = g_object_get_data (G_OBJECT (list_item), "suiji-property");
  GtkWidget  *cell = gtk_widget_get_parent (gtk_list_item_get_child (list_item));

  /* A blank row, kept until the frame after a search (see
   * show_new_rows_first ()), shows not even its column separators. */
  if (cell != NULL)
    gtk_widget_set_opacity (cell, cell_item (list_item) != NULL ? 1.0 : 0.0);

  if (g_str_equal (property, "key"))
    show_key (list_item);
  else
    show_label (list_item, property);
}

static void
row_item_changed_cb (SuijiRow *row, GParamSpec *pspec, GtkListItem *list_item)
{
  show_cell (list_item);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, const char *property)
{
  GObject *item = gtk_list_item_get_item (list_item);

  g_object_set_data (G_OBJECT (list_item), "suiji-property", (gpointer) property);
  show_cell (list_item);
  /* Unbound before it goes: the row never outlives the connection. */
  if (SUIJI_IS_ROW (item))
    g_signal_connect (item, "notify::item", G_CALLBACK (row_item_changed_cb), list_item);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  GObject *item = gtk_list_item_get_item (list_item);

  if (SUIJI_IS_ROW (item))
    g_signal_handlers_disconnect_by_func (item, row_item_changed_cb, list_item);
}

static int sorting_column = -1;

/* GTK 4.8 has no way to ask a column view which column sorts first. Each
 * column's sorter says who it is when asked; comparing two sentinels
 * through the view's sorter reaches only the first column, in its
 * direction. The list itself is sorted by SQLite. */
static int
column_compare_cb (gconstpointer a, gconstpointer b, gpointer user_data)
{
  sorting_column = GPOINTER_TO_INT (user_data);
  return a < b ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
}

static void subjects_refilter (SuijiDirectoriesPage *self);

/* Another search or order starts at the top; after an edit the view
 * stays where it is. */
static void
show_first_subjects (SuijiDirectoriesPage *self)
{
  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->subjects_view)),
                            0);
}

static void
subjects_sorter_changed_cb (SuijiDirectoriesPage *self)
{
  GtkSorter       *sorter = gtk_column_view_get_sorter (self->subjects_view);
  static char      sentinels[2];
  SuijiSubjectSort sort;
  gboolean         descending;
  int              order;

  sorting_column = -1;
  order = gtk_sorter_compare (sorter, &sentinels[0], &sentinels[1]);

  sort = sorting_column >= 0 ? (SuijiSubjectSort) sorting_column : SUIJI_SUBJECT_SORT_NAME;
  descending = sorting_column >= 0 && order == GTK_ORDERING_LARGER;
  if (sort == self->subject_sort && descending == self->subject_descending)
    return;

  self->subject_sort = sort;
  self->subject_descending = descending;
  subjects_refilter (self);
  show_first_subjects (self);
}

static void
add_columns (SuijiDirectoriesPage *self,
             GtkColumnView        *view,
             const ColumnSpec     *specs,
             guint                 n_specs,
             gboolean              sortable)
{
  for (guint i = 0; i < n_specs; i++)
    {
      g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr (GtkColumnViewColumn) column = NULL;

      if (g_str_equal (specs[i].property, "key"))
        g_signal_connect (factory, "setup", G_CALLBACK (setup_key_cb), NULL);
      else if (view == self->subjects_view)
        g_signal_connect (factory, "setup", G_CALLBACK (setup_inscription_cb), NULL);
      else
        g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), (gpointer) specs[i].property);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), NULL);

      column = gtk_column_view_column_new (_(specs[i].title), g_object_ref (factory));
      gtk_column_view_column_set_expand (column, specs[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      if (specs[i].width > 0)
        gtk_column_view_column_set_fixed_width (column, specs[i].width);

      if (sortable && (int) specs[i].sort >= 0)
        {
          g_autoptr (GtkSorter) sorter = GTK_SORTER (
              gtk_custom_sorter_new (column_compare_cb, GINT_TO_POINTER (specs[i].sort), NULL));
          gtk_column_view_column_set_sorter (column, sorter);
        }

      gtk_column_view_append_column (view, column);
    }
}

static const ColumnSpec subject_columns[] = {
  { N_("Credit Code"), "key", FALSE, 190, SUIJI_SUBJECT_SORT_KEY },
  { N_("Name"), "name", TRUE, 220, SUIJI_SUBJECT_SORT_NAME },
  { N_("Type"), "subject-type", FALSE, 96, SUIJI_SUBJECT_SORT_TYPE },
  { N_("Region"), "region", FALSE, 84, SUIJI_SUBJECT_SORT_REGION },
  { N_("Class"), "credit-class", FALSE, 56, SUIJI_SUBJECT_SORT_CLASS },
  { N_("Status"), "status", FALSE, 56, SUIJI_SUBJECT_SORT_STATUS },
  { N_("Department"), "department-name", FALSE, 110, -1 },
  { N_("Labels"), "labels-text", FALSE, 110, -1 },
};

static const ColumnSpec inspector_columns[] = {
  { N_("Full Name"), "name", FALSE, 100, -1 },
  { N_("Badge Number"), "badge", FALSE, 150, -1 },
  { N_("Valid Until"), "badge-valid-until", FALSE, 110, -1 },
  { N_("Department"), "department-name", TRUE, 0, -1 },
  { N_("Post"), "post", FALSE, 90, -1 },
  { N_("On Duty"), "active", FALSE, 80, -1 },
  { N_("Specialties"), "labels-text", TRUE, 0, -1 },
};

static const ColumnSpec item_columns[] = {
  { N_("Department"), "department-name", FALSE, 140, -1 },
  { N_("Check Item"), "name", TRUE, 0, -1 },
  { N_("Category"), "category", FALSE, 70, -1 },
  { N_("Subjects"), "subject-type", FALSE, 100, -1 },
  { N_("Method"), "method", FALSE, 90, -1 },
  { N_("Legal Basis"), "legal-basis", TRUE, 0, -1 },
};

static const ColumnSpec avoidance_columns[] = {
  { N_("Inspector"), "inspector-name", FALSE, 100, -1 },
  { N_("Badge Number"), "badge", FALSE, 150, -1 },
  { N_("Subject"), "subject-name", TRUE, 0, -1 },
  { N_("Credit Code"), "subject-key", FALSE, 190, -1 },
  { N_("Reason"), "reason", TRUE, 0, -1 },
};

/* Filters */

static const char *
selected_text (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  /* The first entry of every filter is "all". */
  if (item == NULL || gtk_drop_down_get_selected (dropdown) == 0)
    return NULL;
  return gtk_string_object_get_string (item);
}

static GtkDropDown *
make_filter (SuijiDirectoriesPage *self, const char *tooltip)
{
  GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (gtk_string_list_new (NULL)), NULL);

  gtk_widget_set_tooltip_text (dropdown, tooltip);
  gtk_flow_box_append (self->subject_filters, dropdown);
  return GTK_DROP_DOWN (dropdown);
}

static void
fill_filter (GtkDropDown *dropdown, const char *all, const char *const *values)
{
  g_autofree char *previous = g_strdup (selected_text (dropdown));
  GtkStringList   *list = GTK_STRING_LIST (gtk_drop_down_get_model (dropdown));
  guint            selected = 0;

  gtk_string_list_splice (list, 0, g_list_model_get_n_items (G_LIST_MODEL (list)), NULL);
  gtk_string_list_append (list, all);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      gtk_string_list_append (list, values[i]);
      if (g_strcmp0 (previous, values[i]) == 0)
        selected = i + 1;
    }

  gtk_drop_down_set_selected (dropdown, selected);
}

static void
fill_department_filter (SuijiDirectoriesPage *self, GtkDropDown *dropdown, GListModel *departments)
{
  g_autoptr (GStrvBuilder) names = g_strv_builder_new ();
  g_auto (GStrv) values = NULL;

  for (guint i = 0; departments != NULL && i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr (SuijiDepartment) department = g_list_model_get_item (departments, i);
      g_strv_builder_add (names, suiji_department_get_name (department));
    }

  values = g_strv_builder_end (names);
  fill_filter (dropdown, _("All Departments"), (const char *const *) values);
}

static gint64
selected_department (SuijiDirectoriesPage *self, GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > self->department_ids->len)
    return 0;
  return g_array_index (self->department_ids, gint64, selected - 1);
}

static void
update_class_counts (SuijiDirectoriesPage *self)
{
  GHashTable      *counts = suiji_paged_list_get_counts (self->subjects);
  GtkWidget       *child;
  guint            total = g_list_model_get_n_items (G_LIST_MODEL (self->subjects));
  g_autofree char *total_text = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->class_counts))) != NULL)
    gtk_box_remove (self->class_counts, child);

  /* Counts of the first rows alone would be wrong for a frame: the line
   * stays empty, at its height, until the rest is read. */
  if (suiji_paged_list_is_partial (self->subjects))
    {
      child = gtk_label_new (NULL);
      gtk_widget_add_css_class (child, "heading");
      gtk_box_append (self->class_counts, child);
      return;
    }

  total_text =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u subject", "%u subjects", total), total);
  child = gtk_label_new (total_text);
  gtk_widget_add_css_class (child, "heading");
  gtk_box_append (self->class_counts, child);

  for (guint i = 0; self->class_codes != NULL && self->class_codes[i] != NULL; i++)
    {
      guint            n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, self->class_codes[i]));
      g_autofree char *text = g_strdup_printf ("%s %u", self->class_codes[i], n);

      child = gtk_label_new (text);
      gtk_widget_add_css_class (child, "class-count");
      gtk_widget_add_css_class (child, "numeric");
      gtk_box_append (self->class_counts, child);
    }

  {
    guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, ""));
    /* Translators: subjects without a credit-risk class, and how many */
    g_autofree char *text = g_strdup_printf (_("Unclassified %u"), n);

    child = gtk_label_new (text);
    gtk_widget_add_css_class (child, "class-count");
    gtk_box_append (self->class_counts, child);
  }
}

static gboolean
subject_filters_active (SuijiDirectoriesPage *self)
{
  GtkDropDown *filters[] = {
    self->class_filter,  self->region_filter, self->type_filter,
    self->status_filter, self->label_filter,  self->department_filter,
  };

  if (*gtk_editable_get_text (GTK_EDITABLE (self->subject_search)) != '\0')
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    if (gtk_drop_down_get_selected (filters[i]) > 0)
      return TRUE;
  return FALSE;
}

static gboolean
after_first_rows_drawn_cb (GtkWidget *view, GdkFrameClock *frame_clock, gpointer user_data)
{
  SuijiDirectoriesPage *self = user_data;

  /* Ticks come before a frame is drawn: the second comes after the frame
   * with the first rows. */
  if (!self->first_rows_drawn)
    {
      self->first_rows_drawn = TRUE;
      return G_SOURCE_CONTINUE;
    }

  self->after_drawn_tick = 0;
  /* The frame showed the first rows read alone: the rest follows. */
  if (self->subjects != NULL && suiji_paged_list_is_partial (self->subjects))
    {
      g_autoptr (GError) error = NULL;

      if (!suiji_paged_list_complete (self->subjects, &error))
        show_toast (self, error->message);
      update_class_counts (self);
    }
  if (self->subject_rows != NULL)
    {
      suiji_row_list_set_limit (self->subject_rows, G_MAXUINT);
      /* While nothing is found the list is not on screen (the stack shows
       * why): its blank rows stay, for the next search to fill without
       * building them again. */
      if (g_list_model_get_n_items (G_LIST_MODEL (self->subjects)) > 0)
        suiji_row_list_set_minimum (self->subject_rows, 0);
    }
  return G_SOURCE_REMOVE;
}

static void
when_first_rows_drawn (SuijiDirectoriesPage *self)
{
  self->first_rows_drawn = FALSE;
  if (self->after_drawn_tick == 0)
    self->after_drawn_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->subjects_view),
                                                           after_first_rows_drawn_cb, self, NULL);
}

/* A list that grows from fewer than the view builds shows one screen of
 * rows first; one that shrinks keeps the rows it had, blank, so that
 * GTK destroys their widgets after the new rows are on screen rather than
 * before. Both end once that frame is drawn.
 *
 * Returns: how many rows the first screen shows, or 0 for no limit */
static guint
show_new_rows_first (SuijiDirectoriesPage *self)
{
  guint    shown = g_list_model_get_n_items (G_LIST_MODEL (self->subject_rows));
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  int      height = gtk_widget_get_height (GTK_WIDGET (self->subjects_view));
  int      width;
  guint    first_rows;

  /* Before its first frame the view has no height: the window's is more
   * than enough. (GTK 4.8 wants both sizes asked for.) */
  if (height <= 0 && GTK_IS_WINDOW (root))
    gtk_window_get_default_size (GTK_WINDOW (root), &width, &height);
  first_rows = height > 0 ? (guint) height / ROW_HEIGHT_AT_LEAST + 4 : FIRST_ROWS_UNSIZED;

  suiji_row_list_set_minimum (self->subject_rows, MIN (shown, ROWS_BUILT));
  when_first_rows_drawn (self);
  if (shown >= ROWS_BUILT)
    return 0;
  suiji_row_list_set_limit (self->subject_rows, MIN (first_rows, ROWS_BUILT));
  return MIN (first_rows, ROWS_BUILT);
}

static void
subjects_refilter (SuijiDirectoriesPage *self)
{
  g_autoptr (GError) error = NULL;
  const char        *class_text = selected_text (self->class_filter);
  guint              class_index = gtk_drop_down_get_selected (self->class_filter);
  guint              n_classes = self->class_codes != NULL ? g_strv_length (self->class_codes) : 0;
  SuijiSubjectFilter filter = {
    .search = gtk_editable_get_text (GTK_EDITABLE (self->subject_search)),
    .credit_class = class_index == n_classes + 1 ? "" : class_text,
    .region = selected_text (self->region_filter),
    .subject_type = selected_text (self->type_filter),
    .status = selected_text (self->status_filter),
    .label = selected_text (self->label_filter),
    .department_id = selected_department (self, self->department_filter),
  };
  guint first_rows;

  if (self->subjects == NULL)
    return;

  /* The view keeps its rows across a refill (see set_list ()): a row
   * selected now would show another subject after. */
  {
    GtkSelectionModel *selection = gtk_column_view_get_model (self->subjects_view);

    if (selection != NULL)
      gtk_selection_model_unselect_all (selection);
  }
  first_rows = show_new_rows_first (self);
  /* Before the list is first on screen, the first screen of subjects is
   * read alone: all 100 000 take some 35 ms more, read after that frame. */
  if (first_rows > 0 && !gtk_widget_get_mapped (GTK_WIDGET (self->subjects_view)))
    suiji_paged_list_read_first_rows (self->subjects, first_rows);

  if (!suiji_subject_list_filter (self->subjects, &filter, self->subject_sort,
                                  self->subject_descending, &error))
    show_toast (self, error->message);

  update_class_counts (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->subjects)) > 0)
    gtk_stack_set_visible_child_name (self->subjects_stack, "list");
  else
    gtk_stack_set_visible_child_name (self->subjects_stack,
                                      subject_filters_active (self) ? "no-match" : "empty");
}

/* The first key of a search is as quick as the next when the texts it
 * looks through are read as the entry gets the focus. */
static void
subject_search_focused_cb (SuijiDirectoriesPage *self)
{
  g_autoptr (GError) error = NULL;

  if (self->subjects != NULL && !suiji_paged_list_prepare_search (self->subjects, &error))
    g_debug ("Could not read the subjects to search ahead: %s", error->message);
}

static void
subject_filters_changed_cb (SuijiDirectoriesPage *self)
{
  g_autofree char *signature = NULL;

  g_assert (SUIJI_IS_DIRECTORIES_PAGE (self));

  if (self->reloading)
    return;

  /* The search entry also reports a search when nothing was typed. */
  signature = g_strdup_printf ("%s|%u|%u|%u|%u|%u|%u",
                               gtk_editable_get_text (GTK_EDITABLE (self->subject_search)),
                               gtk_drop_down_get_selected (self->class_filter),
                               gtk_drop_down_get_selected (self->region_filter),
                               gtk_drop_down_get_selected (self->type_filter),
                               gtk_drop_down_get_selected (self->status_filter),
                               gtk_drop_down_get_selected (self->label_filter),
                               gtk_drop_down_get_selected (self->department_filter));
  if (g_strcmp0 (signature, self->applied_filters) == 0)
    return;

  g_free (self->applied_filters);
  self->applied_filters = g_steal_pointer (&signature);
  subjects_refilter (self);
  show_first_subjects (self);
}

static void
inspector_filters_changed_cb (SuijiDirectoriesPage *self)
{
  g_autoptr (GError) error = NULL;
  SuijiInspectorFilter filter = {
    .search = gtk_editable_get_text (GTK_EDITABLE (self->inspector_search)),
    .department_id = selected_department (self, self->inspector_department),
  };

  if (self->reloading)
    return;

  if (self->inspectors != NULL && !suiji_inspector_list_filter (self->inspectors, &filter, &error))
    show_toast (self, error->message);
}

static void
item_filters_changed_cb (SuijiDirectoriesPage *self)
{
  g_autoptr (GError) error = NULL;
  SuijiItemFilter filter = {
    .search = gtk_editable_get_text (GTK_EDITABLE (self->item_search)),
    .department_id = selected_department (self, self->item_department),
  };

  if (self->reloading)
    return;

  if (self->items != NULL && !suiji_item_list_filter (self->items, &filter, &error))
    show_toast (self, error->message);
}

static void
avoidance_filters_changed_cb (SuijiDirectoriesPage *self)
{
  g_autoptr (GError) error = NULL;

  if (self->avoidances != NULL &&
      !suiji_avoidance_list_filter (
          self->avoidances, gtk_editable_get_text (GTK_EDITABLE (self->avoidance_search)), &error))
    show_toast (self, error->message);
}

/* The list on screen: its view and its rows. */
static GtkColumnView *
visible_view (SuijiDirectoriesPage *self, const char *page, SuijiPagedList **list)
{
  const char     *names[] = { "inspectors", "items", "avoidances" };
  GtkColumnView  *views[] = { self->inspectors_view, self->items_view, self->avoidances_view };
  SuijiPagedList *lists[] = { self->inspectors, self->items, self->avoidances };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (page, names[i]) == 0)
      {
        *list = lists[i];
        return views[i];
      }

  *list = self->subjects;
  return self->subjects_view;
}

static guint
count_selected (GtkColumnView *view)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  g_autoptr (GtkBitset) selected =
      selection != NULL ? gtk_selection_model_get_selection (selection) : NULL;

  return selected != NULL ? (guint) gtk_bitset_get_size (selected) : 0;
}

/* New, Edit and Delete act on the directory on screen. */
static void
update_page_actions (SuijiDirectoriesPage *self, const char *page)
{
  SuijiPagedList *list;
  GtkColumnView  *view = visible_view (self, page, &list);
  guint           n_selected = count_selected (view);
  gboolean        on_avoidances = g_strcmp0 (page, "avoidances") == 0;
  const char     *tooltip = g_strcmp0 (page, "inspectors") == 0 ? _("Add an Inspector (Ctrl+N)")
                            : g_strcmp0 (page, "items") == 0    ? _("Add a Check Item (Ctrl+N)")
                            : on_avoidances ? _("Add an Avoidance Pair (Ctrl+N)")
                                            : _("Add a Subject (Ctrl+N)");

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->new_button), tooltip);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directories.new", self->db != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directories.edit",
                                 self->db != NULL && !on_avoidances && n_selected == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directories.delete",
                                 self->db != NULL && n_selected > 0);
}

static void
update_actions (SuijiDirectoriesPage *self)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->subjects_view);
  g_autoptr (GtkBitset) selected =
      selection != NULL ? gtk_selection_model_get_selection (selection) : NULL;
  guint            n_selected = selected != NULL ? (guint) gtk_bitset_get_size (selected) : 0;
  const char      *page = adw_view_stack_get_visible_child_name (self->view_stack);
  gboolean         on_subjects = g_strcmp0 (page, "subjects") == 0;
  g_autofree char *text = NULL;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected", "%u selected", n_selected),
                          n_selected);
  gtk_label_set_text (self->selection_label, text);
  gtk_action_bar_set_revealed (self->subject_actions, n_selected > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directories.delete-subjects",
                                 on_subjects && n_selected > 0);
  update_page_actions (self, page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directories.add-label", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directories.set-class", n_selected > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directories.new-subject", self->db != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directories.import",
                                 self->db != NULL && g_strcmp0 (page, "avoidances") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "directories.export",
                                 self->db != NULL && g_strcmp0 (page, "avoidances") != 0);
}

static void attach_visible_model (SuijiDirectoriesPage *self);

static void
visible_page_changed_cb (SuijiDirectoriesPage *self)
{
  attach_visible_model (self);
  update_actions (self);
}

static GArray *
selected_ids (SuijiDirectoriesPage *self, GtkColumnView *view, SuijiPagedList *list)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  g_autoptr (GtkBitset) selected = gtk_selection_model_get_selection (selection);
  GArray       *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint         position;

  for (gboolean more = gtk_bitset_iter_init_first (&iter, selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id;

      /* Blank rows past the end of the list hold no subject. */
      if (position >= g_list_model_get_n_items (G_LIST_MODEL (list)))
        break;
      id = suiji_paged_list_get_id (list, position);
      g_array_append_val (ids, id);
    }

  return ids;
}

/* Deletion with undo */

static void
commit_pending (SuijiDirectoriesPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) ids = g_steal_pointer (&self->pending_ids);
  PendingKind kind = self->pending_kind;
  gboolean    deleted = TRUE;

  self->pending_kind = PENDING_NONE;
  self->pending_toast = NULL;
  if (ids == NULL || self->db == NULL)
    return;

  if (kind == PENDING_SUBJECTS)
    {
      deleted = suiji_subject_delete (self->db, (const gint64 *) ids->data, ids->len, &error);
      suiji_paged_list_set_hidden (self->subjects, NULL, 0, NULL);
    }
  else if (kind == PENDING_AVOIDANCES)
    {
      deleted = suiji_avoidance_delete (self->db, (const gint64 *) ids->data, ids->len, &error);
      suiji_paged_list_set_hidden (self->avoidances, NULL, 0, NULL);
    }
  else if (kind == PENDING_INSPECTORS)
    {
      deleted = suiji_inspector_delete (self->db, (const gint64 *) ids->data, ids->len, &error);
      suiji_paged_list_set_hidden (self->inspectors, NULL, 0, NULL);
    }
  else if (kind == PENDING_ITEMS)
    {
      deleted = suiji_item_delete (self->db, (const gint64 *) ids->data, ids->len, &error);
      suiji_paged_list_set_hidden (self->items, NULL, 0, NULL);
    }

  if (!deleted)
    show_toast (self, error->message);
  if (kind == PENDING_SUBJECTS)
    subjects_refilter (self);
}

static void
pending_toast_dismissed_cb (SuijiDirectoriesPage *self, AdwToast *toast)
{
  if (self->pending_toast == toast)
    commit_pending (self);
}

static void
undo_delete_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);

  g_clear_pointer (&self->pending_ids, g_array_unref);
  self->pending_kind = PENDING_NONE;
  self->pending_toast = NULL;
  suiji_paged_list_set_hidden (self->subjects, NULL, 0, NULL);
  suiji_paged_list_set_hidden (self->avoidances, NULL, 0, NULL);
  suiji_paged_list_set_hidden (self->inspectors, NULL, 0, NULL);
  suiji_paged_list_set_hidden (self->items, NULL, 0, NULL);
  subjects_refilter (self);
}

static void
hide_for_deletion (SuijiDirectoriesPage *self,
                   PendingKind           kind,
                   SuijiPagedList       *list,
                   GArray               *ids,
                   const char           *message)
{
  g_autoptr (GError) error = NULL;
  AdwToast *toast;

  /* One deletion waits at a time: an earlier one is written now. */
  commit_pending (self);

  self->pending_kind = kind;
  self->pending_ids = g_array_ref (ids);
  if (!suiji_paged_list_set_hidden (list, (const gint64 *) ids->data, ids->len, &error))
    show_toast (self, error->message);
  if (kind == PENDING_SUBJECTS)
    subjects_refilter (self);

  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "directories.undo-delete");
  adw_toast_set_timeout (toast, 8);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (pending_toast_dismissed_cb), self,
                           G_CONNECT_SWAPPED);
  self->pending_toast = toast;
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
delete_subjects_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);
  g_autoptr (GArray) ids = selected_ids (self, self->subjects_view, self->subjects);
  g_autofree char *message = NULL;

  if (ids->len == 0)
    return;

  message = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u subject deleted", "%u subjects deleted", ids->len),
      ids->len);
  hide_for_deletion (self, PENDING_SUBJECTS, self->subjects, ids, message);
}

static void
delete_avoidances_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);
  g_autoptr (GArray) ids = selected_ids (self, self->avoidances_view, self->avoidances);
  g_autofree char *message = NULL;

  if (ids->len == 0)
    return;

  message = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u pair removed", "%u pairs removed", ids->len), ids->len);
  hide_for_deletion (self, PENDING_AVOIDANCES, self->avoidances, ids, message);
}

/* Inspectors named in results and items of a task stay: said at once,
 * rather than when the toast has gone. */
static void
delete_entries (SuijiDirectoriesPage *self, const char *page)
{
  SuijiPagedList *list;
  GtkColumnView  *view = visible_view (self, page, &list);
  g_autoptr (GArray) ids = selected_ids (self, view, list);
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;
  gboolean         inspectors = view == self->inspectors_view;

  if (ids->len == 0)
    return;

  if (inspectors
          ? !suiji_inspector_check_delete (self->db, (const gint64 *) ids->data, ids->len, &error)
          : !suiji_item_check_delete (self->db, (const gint64 *) ids->data, ids->len, &error))
    {
      show_toast (self, error->message);
      return;
    }

  if (inspectors)
    message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u inspector deleted", "%u inspectors deleted", ids->len),
        ids->len);
  else
    message = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%u check item deleted", "%u check items deleted", ids->len),
        ids->len);
  hide_for_deletion (self, inspectors ? PENDING_INSPECTORS : PENDING_ITEMS, list, ids, message);
}

static void
delete_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);
  const char           *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (page, "inspectors") == 0 || g_strcmp0 (page, "items") == 0)
    delete_entries (self, page);
  else if (g_strcmp0 (page, "avoidances") == 0)
    gtk_widget_activate_action (widget, "directories.delete-avoidances", NULL);
  else
    gtk_widget_activate_action (widget, "directories.delete-subjects", NULL);
}

/* Bulk changes */

static void
set_class_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);
  g_autoptr (GArray) ids = selected_ids (self, self->subjects_view, self->subjects);
  g_autoptr (GError) error = NULL;
  const char      *code = g_variant_get_string (parameter, NULL);
  g_autofree char *message = NULL;

  if (!suiji_subject_set_class (self->db, (const gint64 *) ids->data, ids->len, code, NULL, &error))
    {
      show_toast (self, error->message);
      return;
    }

  if (*code == '\0')
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u subject is now unclassified",
                                            "%u subjects are now unclassified", ids->len),
                               ids->len);
  else
    message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u subject set to class %s",
                                            "%u subjects set to class %s", ids->len),
                               ids->len, code);
  subjects_refilter (self);
  show_toast (self, message);
}

static void
label_response_cb (SuijiDirectoriesPage *self, const char *response, AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "entry");
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *message = NULL;

  if (!g_str_equal (response, "add"))
    return;

  ids = selected_ids (self, self->subjects_view, self->subjects);
  if (!suiji_subject_add_label (self->db, (const gint64 *) ids->data, ids->len,
                                gtk_editable_get_text (entry), &error))
    {
      show_toast (self, error->message);
      return;
    }

  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Label added to %u subject",
                                          "Label added to %u subjects", ids->len),
                             ids->len);
  subjects_refilter (self);
  show_toast (self, message);
}

static void
add_label_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);
  GtkWidget            *dialog;
  GtkWidget            *entry = gtk_entry_new ();

  dialog = adw_message_dialog_new (
      GTK_WINDOW (gtk_widget_get_root (widget)), _("Add a Label"),
      _("The label is added to every selected subject; draws can then pick by it."));
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("For example 玻璃行业"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add",
                                    _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (label_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
avoidance_added_cb (SuijiDirectoriesPage *self)
{
  avoidance_filters_changed_cb (self);
  show_toast (self, _("The pair was added; draws will never match them"));
}

static void
add_avoidance_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);
  SuijiAvoidanceDialog *dialog = suiji_avoidance_dialog_new (self->db);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (gtk_widget_get_root (widget)));
  g_signal_connect_object (dialog, "added", G_CALLBACK (avoidance_added_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Editing */

static void
subject_saved_cb (SuijiDirectoriesPage *self)
{
  suiji_directories_page_reload (self);
  show_toast (self, _("Subject saved"));
}

static void
open_subject_dialog (SuijiDirectoriesPage *self, gint64 id)
{
  SuijiSubjectDialog *dialog = suiji_subject_dialog_new (self->db, id);

  if (dialog == NULL)
    return;

  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (subject_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
subject_activated_cb (SuijiDirectoriesPage *self, guint position)
{
  if (position >= g_list_model_get_n_items (G_LIST_MODEL (self->subjects)))
    return;
  open_subject_dialog (self, suiji_paged_list_get_id (self->subjects, position));
}

static void
new_subject_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "subjects");
  open_subject_dialog (self, 0);
}

static void
entry_saved_cb (SuijiDirectoriesPage *self, GtkWindow *dialog)
{
  suiji_directories_page_reload (self);
  show_toast (self,
              SUIJI_IS_INSPECTOR_DIALOG (dialog) ? _("Inspector saved") : _("Check item saved"));
}

/* The inspector or item dialog for @id, or for a new one when 0. */
static void
open_entry_dialog (SuijiDirectoriesPage *self, GtkColumnView *view, gint64 id)
{
  GtkWindow *dialog;

  /* A new one starts in the department the tab shows. */
  if (view == self->inspectors_view)
    dialog = id != 0 ? GTK_WINDOW (suiji_inspector_dialog_new (self->db, id))
                     : GTK_WINDOW (suiji_inspector_dialog_new_in_department (
                           self->db, selected_department (self, self->inspector_department)));
  else
    dialog = id != 0 ? GTK_WINDOW (suiji_item_dialog_new (self->db, id))
                     : GTK_WINDOW (suiji_item_dialog_new_in_department (
                           self->db, selected_department (self, self->item_department)));

  if (dialog == NULL)
    {
      show_toast (self,
                  _("The entry no longer exists; it may have been deleted in the meantime."));
      return;
    }

  gtk_window_set_transient_for (dialog, GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (entry_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (dialog);
}

static void
inspector_activated_cb (SuijiDirectoriesPage *self, guint position)
{
  open_entry_dialog (self, self->inspectors_view,
                     suiji_paged_list_get_id (self->inspectors, position));
}

static void
item_activated_cb (SuijiDirectoriesPage *self, guint position)
{
  open_entry_dialog (self, self->items_view, suiji_paged_list_get_id (self->items, position));
}

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);
  const char           *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (page, "inspectors") == 0)
    open_entry_dialog (self, self->inspectors_view, 0);
  else if (g_strcmp0 (page, "items") == 0)
    open_entry_dialog (self, self->items_view, 0);
  else if (g_strcmp0 (page, "avoidances") == 0)
    gtk_widget_activate_action (widget, "directories.add-avoidance", NULL);
  else
    open_subject_dialog (self, 0);
}

static void
edit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);
  SuijiPagedList       *list;
  GtkColumnView        *view =
      visible_view (self, adw_view_stack_get_visible_child_name (self->view_stack), &list);
  g_autoptr (GArray) ids = selected_ids (self, view, list);

  if (ids->len != 1)
    return;
  if (view == self->subjects_view)
    open_subject_dialog (self, g_array_index (ids, gint64, 0));
  else if (view != self->avoidances_view)
    open_entry_dialog (self, view, g_array_index (ids, gint64, 0));
}

/* Import and export */

static SuijiDirectory
visible_directory (SuijiDirectoriesPage *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->view_stack);

  if (g_strcmp0 (page, "inspectors") == 0)
    return SUIJI_DIRECTORY_INSPECTORS;
  if (g_strcmp0 (page, "items") == 0)
    return SUIJI_DIRECTORY_ITEMS;
  return SUIJI_DIRECTORY_SUBJECTS;
}

static void
imported_cb (SuijiDirectoriesPage *self, guint kind, guint added, guint updated)
{
  g_autofree char *message = g_strdup_printf (_("Imported: %u new, %u updated"), added, updated);
  const char      *pages[] = { "subjects", "inspectors", "items" };

  suiji_directories_page_reload (self);
  if (kind < G_N_ELEMENTS (pages))
    adw_view_stack_set_visible_child_name (self->view_stack, pages[kind]);
  show_toast (self, message);
}

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  suiji_directories_page_import_file (SUIJI_DIRECTORIES_PAGE (widget), NULL);
}

static void
export_response_cb (SuijiDirectoriesPage *self, int response, GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  guint            n_rows = 0;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  if (!suiji_directory_export (self->db, visible_directory (self), path, &n_rows, &error))
    {
      show_toast (self, error->message);
      return;
    }

  message = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u entry exported", "%u entries exported", n_rows), n_rows);
  show_toast (self, message);
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);
  const char *names[] = { "检查对象名录库.xlsx", "执法检查人员名录库.xlsx",
                          "随机抽查事项清单.xlsx" };
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (
      _("Export Directory"), GTK_WINDOW (gtk_widget_get_root (widget)),
      GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), names[visible_directory (self)]);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
clear_filters_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);
  GtkDropDown          *filters[] = {
             self->class_filter,  self->region_filter, self->type_filter,
             self->status_filter, self->label_filter,  self->department_filter,
  };

  gtk_editable_set_text (GTK_EDITABLE (self->subject_search), "");
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    gtk_drop_down_set_selected (filters[i], 0);
  subjects_refilter (self);
}

static void
selection_changed_cb (SuijiDirectoriesPage *self)
{
  update_actions (self);
}

static void
build_class_menu (SuijiDirectoriesPage *self)
{
  g_autoptr (GMenu) menu = g_menu_new ();

  for (guint i = 0; self->class_codes != NULL && self->class_codes[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Class %s"), self->class_codes[i]);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "directories.set-class", "s", self->class_codes[i]);
      g_menu_append_item (menu, item);
    }
  {
    g_autoptr (GMenuItem) item = g_menu_item_new (_("Unclassified"), NULL);
    g_menu_item_set_action_and_target (item, "directories.set-class", "s", "");
    g_menu_append_item (menu, item);
  }

  gtk_menu_button_set_menu_model (self->set_class_button, G_MENU_MODEL (menu));
}

static void
focus_search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDirectoriesPage *self = SUIJI_DIRECTORIES_PAGE (widget);

  adw_view_stack_set_visible_child_name (self->view_stack, "subjects");
  gtk_widget_grab_focus (GTK_WIDGET (self->subject_search));
}

static void
suiji_directories_page_dispose (GObject *object)
{
  SuijiDirectoriesPage *self = (SuijiDirectoriesPage *) object;

  suiji_directories_page_flush (self);
  if (self->after_drawn_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->subjects_view), self->after_drawn_tick);
  self->after_drawn_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), SUIJI_TYPE_DIRECTORIES_PAGE);

  G_OBJECT_CLASS (suiji_directories_page_parent_class)->dispose (object);
}

static void
suiji_directories_page_finalize (GObject *object)
{
  SuijiDirectoriesPage *self = (SuijiDirectoriesPage *) object;

  g_clear_object (&self->subjects);
  g_clear_object (&self->subject_rows);
  g_clear_object (&self->inspectors);
  g_clear_object (&self->items);
  g_clear_object (&self->avoidances);
  g_clear_object (&self->db);
  g_clear_pointer (&self->department_ids, g_array_unref);
  g_clear_pointer (&self->class_codes, g_strfreev);
  g_clear_pointer (&self->applied_filters, g_free);

  G_OBJECT_CLASS (suiji_directories_page_parent_class)->finalize (object);
}

static void
suiji_directories_page_class_init (SuijiDirectoriesPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_directories_page_dispose;
  object_class->finalize = suiji_directories_page_finalize;

  /**
   * SuijiDirectoriesPage::add-toast:
   * @toast: the toast to show
   *
   * The page has something to say; the window shows it.
   */
  signals[ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/suiji-directories-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, avoidance_search);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, avoidances_view);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, class_counts);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, inspector_department);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, inspector_search);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, inspectors_view);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, item_department);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, item_search);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, items_view);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, set_class_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, subject_actions);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, subject_filters);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, subject_search);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, subjects_stack);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, subjects_view);
  gtk_widget_class_bind_template_child (widget_class, SuijiDirectoriesPage, view_stack);
  gtk_widget_class_bind_template_callback (widget_class, avoidance_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, inspector_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, inspector_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, item_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, subject_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, subject_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, visible_page_changed_cb);

  gtk_widget_class_install_action (widget_class, "directories.new-subject", NULL,
                                   new_subject_action);
  gtk_widget_class_install_action (widget_class, "directories.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "directories.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "directories.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "directories.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "directories.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "directories.delete-subjects", NULL,
                                   delete_subjects_action);
  gtk_widget_class_install_action (widget_class, "directories.delete-avoidances", NULL,
                                   delete_avoidances_action);
  gtk_widget_class_install_action (widget_class, "directories.undo-delete", NULL,
                                   undo_delete_action);
  gtk_widget_class_install_action (widget_class, "directories.set-class", "s", set_class_action);
  gtk_widget_class_install_action (widget_class, "directories.add-label", NULL, add_label_action);
  gtk_widget_class_install_action (widget_class, "directories.add-avoidance", NULL,
                                   add_avoidance_action);
  gtk_widget_class_install_action (widget_class, "directories.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_install_action (widget_class, "directories.focus-search", NULL,
                                   focus_search_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "directories.new",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "directories.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "directories.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "directories.focus-search", NULL);

  g_type_ensure (ADW_TYPE_VIEW_STACK);
}

static void
suiji_directories_page_init (SuijiDirectoriesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->department_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_search_entry_set_search_delay (self->subject_search, SEARCH_DELAY_MS);
  {
    GtkEventController *focus = gtk_event_controller_focus_new ();

    g_signal_connect_object (focus, "enter", G_CALLBACK (subject_search_focused_cb), self,
                             G_CONNECT_SWAPPED);
    gtk_widget_add_controller (GTK_WIDGET (self->subject_search), focus);
  }

  self->class_filter = make_filter (self, _("Credit-risk class"));
  self->region_filter = make_filter (self, _("Region (乡镇/街道)"));
  self->type_filter = make_filter (self, _("Subject type"));
  self->status_filter = make_filter (self, _("Registration status"));
  self->label_filter = make_filter (self, _("Label"));
  self->department_filter = make_filter (self, _("Responsible department"));
  for (guint i = 0; i < 2; i++)
    {
      GtkDropDown *dropdown = i == 0 ? self->inspector_department : self->item_department;
      g_autoptr (GtkStringList) choices = gtk_string_list_new (NULL);

      gtk_drop_down_set_model (dropdown, G_LIST_MODEL (choices));
    }
  fill_filter (self->type_filter, _("All Types"), suiji_fields_subject_types ());
  fill_filter (self->status_filter, _("All Statuses"), suiji_fields_statuses ());

  {
    GtkDropDown *filters[] = {
      self->class_filter,  self->region_filter, self->type_filter,
      self->status_filter, self->label_filter,  self->department_filter,
    };

    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      g_signal_connect_object (filters[i], "notify::selected",
                               G_CALLBACK (subject_filters_changed_cb), self, G_CONNECT_SWAPPED);
  }

  add_columns (self, self->subjects_view, subject_columns, G_N_ELEMENTS (subject_columns), TRUE);
  add_columns (self, self->inspectors_view, inspector_columns, G_N_ELEMENTS (inspector_columns),
               FALSE);
  add_columns (self, self->items_view, item_columns, G_N_ELEMENTS (item_columns), FALSE);
  add_columns (self, self->avoidances_view, avoidance_columns, G_N_ELEMENTS (avoidance_columns),
               FALSE);
  g_signal_connect_object (gtk_column_view_get_sorter (self->subjects_view), "changed",
                           G_CALLBACK (subjects_sorter_changed_cb), self, G_CONNECT_SWAPPED);

  update_actions (self);
}

static void
set_list (SuijiDirectoriesPage *self,
          GtkColumnView        *view,
          SuijiPagedList      **slot,
          SuijiPagedList       *list,
          gboolean              multiple)
{
  g_autoptr (GtkSelectionModel) selection = NULL;
  GListModel *shown;

  g_set_object (slot, list);
  gtk_column_view_set_model (view, NULL);
  g_object_set_data (G_OBJECT (view), "suiji-selection", NULL);
  if (view == self->subjects_view)
    g_clear_object (&self->subject_rows);
  if (list == NULL)
    return;

  /* Over rows, a search updates the subjects' rows on screen in place
   * instead of rebuilding them, and reads no page but those shown. */
  if (view == self->subjects_view)
    {
      self->subject_rows = suiji_row_list_new (G_LIST_MODEL (list));
      shown = G_LIST_MODEL (g_object_ref (self->subject_rows));
    }
  else
    shown = G_LIST_MODEL (g_object_ref (list));

  if (multiple)
    selection = GTK_SELECTION_MODEL (gtk_multi_selection_new (shown));
  else
    selection = GTK_SELECTION_MODEL (gtk_no_selection_new (shown));
  g_signal_connect_object (selection, "selection-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (selection, "items-changed", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_set_data_full (G_OBJECT (view), "suiji-selection", g_steal_pointer (&selection),
                          g_object_unref);
}

/* GTK 4.8 makes the widgets of up to 200 rows for a view as soon as it has
 * a model, shown or not: a view gets its model when its page is shown. */
static void
attach_visible_model (SuijiDirectoriesPage *self)
{
  const char        *page = adw_view_stack_get_visible_child_name (self->view_stack);
  GtkColumnView     *view = g_strcmp0 (page, "inspectors") == 0   ? self->inspectors_view
                            : g_strcmp0 (page, "items") == 0      ? self->items_view
                            : g_strcmp0 (page, "avoidances") == 0 ? self->avoidances_view
                                                                  : self->subjects_view;
  GtkSelectionModel *selection = g_object_get_data (G_OBJECT (view), "suiji-selection");

  if (selection != NULL && gtk_column_view_get_model (view) != selection)
    gtk_column_view_set_model (view, selection);
}

/**
 * suiji_directories_page_set_database:
 *
 * Shows the directories of @db; call suiji_directories_page_reload () to
 * fill the lists.
 */
void
suiji_directories_page_set_database (SuijiDirectoriesPage *self, SuijiDatabase *db)
{
  g_return_if_fail (SUIJI_IS_DIRECTORIES_PAGE (self));

  suiji_directories_page_flush (self);
  if (!g_set_object (&self->db, db))
    return;

  if (db != NULL)
    {
      g_autoptr (SuijiPagedList) subjects = suiji_subject_list_new (db);
      g_autoptr (SuijiPagedList) inspectors = suiji_inspector_list_new (db);
      g_autoptr (SuijiPagedList) items = suiji_item_list_new (db);
      g_autoptr (SuijiPagedList) avoidances = suiji_avoidance_list_new (db);

      set_list (self, self->subjects_view, &self->subjects, subjects, TRUE);
      set_list (self, self->inspectors_view, &self->inspectors, inspectors, TRUE);
      set_list (self, self->items_view, &self->items, items, TRUE);
      set_list (self, self->avoidances_view, &self->avoidances, avoidances, TRUE);
    }
  else
    {
      set_list (self, self->subjects_view, &self->subjects, NULL, TRUE);
      set_list (self, self->inspectors_view, &self->inspectors, NULL, TRUE);
      set_list (self, self->items_view, &self->items, NULL, TRUE);
      set_list (self, self->avoidances_view, &self->avoidances, NULL, TRUE);
    }

  attach_visible_model (self);
}

/**
 * suiji_directories_page_reload:
 *
 * Reads the filters' choices and every list again, after the data changed
 * (an import, the sample data, an edit).
 */
void
suiji_directories_page_reload (SuijiDirectoriesPage *self)
{
  g_autoptr (GListModel) departments = NULL;
  g_auto (GStrv) regions = NULL;
  g_auto (GStrv) labels = NULL;
  g_autoptr (GPtrArray) class_names = g_ptr_array_new ();

  g_return_if_fail (SUIJI_IS_DIRECTORIES_PAGE (self));

  update_actions (self);
  if (self->db == NULL)
    return;

  self->reloading = TRUE;
  g_clear_pointer (&self->class_codes, g_strfreev);
  self->class_codes = suiji_credit_class_codes (self->db, NULL);
  for (guint i = 0; self->class_codes != NULL && self->class_codes[i] != NULL; i++)
    g_ptr_array_add (class_names, self->class_codes[i]);
  g_ptr_array_add (class_names, (gpointer) _("Unclassified"));
  g_ptr_array_add (class_names, NULL);
  fill_filter (self->class_filter, _("All Classes"), (const char *const *) class_names->pdata);
  build_class_menu (self);

  regions = suiji_subject_list_values (self->db, "region", NULL);
  fill_filter (self->region_filter, _("All Regions"), (const char *const *) regions);
  labels = suiji_label_names (self->db, NULL);
  fill_filter (self->label_filter, _("All Labels"), (const char *const *) labels);

  departments = suiji_department_list_all (self->db, NULL);
  g_array_set_size (self->department_ids, 0);
  for (guint i = 0; departments != NULL && i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr (SuijiDepartment) department = g_list_model_get_item (departments, i);
      gint64 id = suiji_department_get_id (department);
      g_array_append_val (self->department_ids, id);
    }
  fill_department_filter (self, self->department_filter, departments);
  fill_department_filter (self, self->inspector_department, departments);
  fill_department_filter (self, self->item_department, departments);

  self->reloading = FALSE;

  g_clear_pointer (&self->applied_filters, g_free);
  subject_filters_changed_cb (self);
  inspector_filters_changed_cb (self);
  item_filters_changed_cb (self);
  avoidance_filters_changed_cb (self);
  update_actions (self);
}

/**
 * suiji_directories_page_import_file:
 * @file: (nullable): the file to import, or %NULL to choose one
 *
 * Opens the import dialog for the directory on screen.
 */
void
suiji_directories_page_import_file (SuijiDirectoriesPage *self, GFile *file)
{
  SuijiImportDialog *dialog;

  g_return_if_fail (SUIJI_IS_DIRECTORIES_PAGE (self));

  if (self->db == NULL)
    return;

  dialog = suiji_import_dialog_new (self->db, visible_directory (self), file);
  gtk_window_set_transient_for (GTK_WINDOW (dialog),
                                GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (imported_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * suiji_directories_page_flush:
 *
 * Writes a deletion still waiting for its toast, before the page goes.
 */
void
suiji_directories_page_flush (SuijiDirectoriesPage *self)
{
  g_return_if_fail (SUIJI_IS_DIRECTORIES_PAGE (self));

  if (self->pending_toast != NULL)
    adw_toast_dismiss (self->pending_toast);
  commit_pending (self);
}

gboolean
suiji_directories_page_is_empty (SuijiDirectoriesPage *self)
{
  g_return_val_if_fail (SUIJI_IS_DIRECTORIES_PAGE (self), TRUE);

  return self->subjects == NULL || g_list_model_get_n_items (G_LIST_MODEL (self->subjects)) == 0;
}
