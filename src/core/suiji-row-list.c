/* suiji-row-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of rows over another list. The item at each position is a
 * SuijiRow that stays the same object as long as the position exists; its
 * "item" is what the wrapped list holds there, read when first asked for.
 * When the wrapped list changes, every row in use takes its new item and
 * says so (notify::item); the list itself reports only positions that
 * come or go at its end. A view over it must follow notify::item, and
 * clear its selection when the wrapped list is refilled.
 *
 * Why: GTK 4.8's list and column views keep the widgets of a row across
 * items-changed only when the same object comes back. Given new objects,
 * they destroy the widgets of all ~200 rows they keep, build as many
 * again, and first ask for every added item in turn while looking for
 * the row they were anchored to: with a paged list of 100 000 subjects,
 * every page read once per keystroke. Over rows, a search updates the
 * cells on screen in place, builds or drops only the rows that come or go
 * at the end, and reads no page but those shown.
 */

#define G_LOG_DOMAIN "suiji-row-list"

#include "config.h"

#include "suiji-row-list.h"

struct _SuijiRow
{
  GObject parent_instance;

  /* Unowned; cleared when the row leaves the list or the list goes. */
  SuijiRowList *list;
  guint         position;
  GObject      *item;
  gboolean      item_read;
};

enum
{
  ROW_PROP_0,
  ROW_PROP_ITEM,
  N_ROW_PROPS
};

static GParamSpec *row_properties[N_ROW_PROPS];

struct _SuijiRowList
{
  GObject parent_instance;

  GListModel *model;
  guint       n_items;
  guint       limit;
  guint       minimum;
  /* position → the SuijiRow given out for it, unowned: a row takes itself
   * out when it is finalized. */
  GHashTable *rows;
};

G_DEFINE_FINAL_TYPE (SuijiRow, suiji_row, G_TYPE_OBJECT)

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SuijiRowList,
                               suiji_row_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
detach_row (SuijiRow *row)
{
  if (row->list != NULL &&
      g_hash_table_lookup (row->list->rows, GUINT_TO_POINTER (row->position)) == row)
    g_hash_table_remove (row->list->rows, GUINT_TO_POINTER (row->position));
  row->list = NULL;
}

static void
suiji_row_finalize (GObject *object)
{
  SuijiRow *self = SUIJI_ROW (object);

  detach_row (self);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (suiji_row_parent_class)->finalize (object);
}

static void
suiji_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SuijiRow *self = SUIJI_ROW (object);

  switch (prop_id)
    {
    case ROW_PROP_ITEM:
      g_value_set_object (value, suiji_row_get_item (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_row_class_init (SuijiRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = suiji_row_finalize;
  object_class->get_property = suiji_row_get_property;

  row_properties[ROW_PROP_ITEM] =
      g_param_spec_object ("item", NULL, NULL, G_TYPE_OBJECT,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_ROW_PROPS, row_properties);
}

static void
suiji_row_init (SuijiRow *self)
{
}

/**
 * suiji_row_get_item:
 *
 * Returns: (transfer none) (type GObject) (nullable): what the wrapped list
 *   holds at the row's position; %NULL for a blank row past its end (see
 *   suiji_row_list_set_minimum ()), or for a row whose list is gone before
 *   it was asked
 */
gpointer
suiji_row_get_item (SuijiRow *self)
{
  g_return_val_if_fail (SUIJI_IS_ROW (self), NULL);

  if (!self->item_read && self->list != NULL)
    {
      self->item = g_list_model_get_item (self->list->model, self->position);
      self->item_read = TRUE;
    }

  return self->item;
}

guint
suiji_row_get_position (SuijiRow *self)
{
  g_return_val_if_fail (SUIJI_IS_ROW (self), 0);

  return self->position;
}

static GType
suiji_row_list_get_item_type (GListModel *model)
{
  return SUIJI_TYPE_ROW;
}

static guint
suiji_row_list_get_n_items (GListModel *model)
{
  return SUIJI_ROW_LIST (model)->n_items;
}

static gpointer
suiji_row_list_get_item (GListModel *model, guint position)
{
  SuijiRowList *self = SUIJI_ROW_LIST (model);
  SuijiRow     *row;

  if (position >= self->n_items)
    return NULL;

  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);

  /* The item is read when the row is shown: a view that asks for many
   * positions without showing them reads nothing. */
  row = g_object_new (SUIJI_TYPE_ROW, NULL);
  row->list = self;
  row->position = position;
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);

  return row;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = suiji_row_list_get_item_type;
  iface->get_n_items = suiji_row_list_get_n_items;
  iface->get_item = suiji_row_list_get_item;
}

static guint
n_items_of (SuijiRowList *self)
{
  return MAX (MIN (g_list_model_get_n_items (self->model), self->limit), self->minimum);
}

static void
model_items_changed_cb (
    GListModel *model, guint position, guint removed, guint added, SuijiRowList *self)
{
  g_autoptr (GPtrArray) renewed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) gone = g_ptr_array_new ();
  guint          old_n_items = self->n_items;
  guint          new_n_items = n_items_of (self);
  guint          end;
  GHashTableIter iter;
  gpointer       value;

  /* With as many added as removed, only that stretch holds other items;
   * otherwise every position after it does too. */
  end = removed == added ? MIN (position + added, new_n_items) : new_n_items;
  self->n_items = new_n_items;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SuijiRow *row = value;

      if (row->position >= new_n_items)
        g_ptr_array_add (gone, row);
      else if (row->position >= position && row->position < end && row->item_read)
        {
          /* Rows never shown read their item when they are; past the end
           * of the wrapped list, kept by the minimum, it is NULL. */
          GObject *item = g_list_model_get_item (model, row->position);

          if (item != row->item)
            g_ptr_array_add (renewed, g_object_ref (row));
          g_clear_object (&row->item);
          row->item = item;
        }
    }

  for (guint i = 0; i < gone->len; i++)
    detach_row (g_ptr_array_index (gone, i));

  for (guint i = 0; i < renewed->len; i++)
    g_object_notify_by_pspec (g_ptr_array_index (renewed, i), row_properties[ROW_PROP_ITEM]);

  /* The rows of the positions that stay are the same objects: only the
   * end of the list changes. */
  if (new_n_items < old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n_items, old_n_items - new_n_items, 0);
  else if (new_n_items > old_n_items)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n_items, 0, new_n_items - old_n_items);
}

static void
suiji_row_list_dispose (GObject *object)
{
  SuijiRowList  *self = SUIJI_ROW_LIST (object);
  GHashTableIter iter;
  gpointer       value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((SuijiRow *) value)->list = NULL;
  g_hash_table_remove_all (self->rows);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, model_items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (suiji_row_list_parent_class)->dispose (object);
}

static void
suiji_row_list_finalize (GObject *object)
{
  SuijiRowList *self = SUIJI_ROW_LIST (object);

  g_clear_pointer (&self->rows, g_hash_table_unref);

  G_OBJECT_CLASS (suiji_row_list_parent_class)->finalize (object);
}

static void
suiji_row_list_class_init (SuijiRowListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = suiji_row_list_dispose;
  object_class->finalize = suiji_row_list_finalize;
}

static void
suiji_row_list_init (SuijiRowList *self)
{
  self->rows = g_hash_table_new (NULL, NULL);
  self->limit = G_MAXUINT;
}

/**
 * suiji_row_list_new:
 * @model: the list whose items the rows show
 *
 * Returns: (transfer full): a list of #SuijiRow, as long as @model
 */
SuijiRowList *
suiji_row_list_new (GListModel *model)
{
  SuijiRowList *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (SUIJI_TYPE_ROW_LIST, NULL);
  self->model = g_object_ref (model);
  self->n_items = n_items_of (self);
  g_signal_connect (model, "items-changed", G_CALLBACK (model_items_changed_cb), self);

  return self;
}

/**
 * suiji_row_list_get_model:
 *
 * Returns: (transfer none): the list the rows show
 */
GListModel *
suiji_row_list_get_model (SuijiRowList *self)
{
  g_return_val_if_fail (SUIJI_IS_ROW_LIST (self), NULL);

  return self->model;
}

/**
 * suiji_row_list_set_limit:
 * @limit: how many positions to show at most, %G_MAXUINT for all
 *
 * Shows only the first @limit positions of the wrapped list. A view builds
 * the widgets of every row it is given up to a few hundred: a list that
 * first shows one screen of rows, and the rest after that screen is drawn,
 * has its first rows on screen sooner.
 */
void
suiji_row_list_set_limit (SuijiRowList *self, guint limit)
{
  guint old_n_items, new_n_items;

  g_return_if_fail (SUIJI_IS_ROW_LIST (self));

  if (limit == self->limit)
    return;

  self->limit = limit;
  old_n_items = self->n_items;
  new_n_items = n_items_of (self);
  if (new_n_items != old_n_items)
    model_items_changed_cb (self->model, old_n_items, 0, 0, self);
}

guint
suiji_row_list_get_limit (SuijiRowList *self)
{
  g_return_val_if_fail (SUIJI_IS_ROW_LIST (self), G_MAXUINT);

  return self->limit;
}

/**
 * suiji_row_list_set_minimum:
 * @minimum: how many positions to hold at least, 0 for no more than the
 *   wrapped list has
 *
 * Holds at least @minimum positions: those past the end of the wrapped
 * list are blank rows, whose item is %NULL. GTK 4.8's views take long to
 * destroy the widgets of rows that go: a list that shrinks can keep them
 * blank until its new rows are drawn, and let them go after.
 */
void
suiji_row_list_set_minimum (SuijiRowList *self, guint minimum)
{
  guint old_n_items;

  g_return_if_fail (SUIJI_IS_ROW_LIST (self));

  if (minimum == self->minimum)
    return;

  self->minimum = minimum;
  old_n_items = self->n_items;
  if (n_items_of (self) != old_n_items)
    model_items_changed_cb (self->model, old_n_items, 0, 0, self);
}

guint
suiji_row_list_get_minimum (SuijiRowList *self)
{
  g_return_val_if_fail (SUIJI_IS_ROW_LIST (self), 0);

  return self->minimum;
}
