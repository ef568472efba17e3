/* suiji-draw-pick-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One drawn subject in a list: the cells of its notice row, and whether
 * its inspectors are shown yet. The draw dialog reveals the inspectors
 * of a saved draw one subject after the other by flipping "revealed".
 */

#include "config.h"

#include "suiji-draw-pick-item.h"
#include "suiji-draw-publish.h"

struct _SuijiDrawPickItem
{
  GObject parent_instance;

  GStrv    cells;
  gboolean revealed;
};

G_DEFINE_FINAL_TYPE (SuijiDrawPickItem, suiji_draw_pick_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_REVEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
suiji_draw_pick_item_finalize (GObject *object)
{
  SuijiDrawPickItem *self = (SuijiDrawPickItem *) object;

  g_strfreev (self->cells);

  G_OBJECT_CLASS (suiji_draw_pick_item_parent_class)->finalize (object);
}

static void
suiji_draw_pick_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SuijiDrawPickItem *self = SUIJI_DRAW_PICK_ITEM (object);

  switch (prop_id)
    {
    case PROP_REVEALED:
      g_value_set_boolean (value, self->revealed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_draw_pick_item_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  SuijiDrawPickItem *self = SUIJI_DRAW_PICK_ITEM (object);

  switch (prop_id)
    {
    case PROP_REVEALED:
      suiji_draw_pick_item_set_revealed (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_draw_pick_item_class_init (SuijiDrawPickItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = suiji_draw_pick_item_finalize;
  object_class->get_property = suiji_draw_pick_item_get_property;
  object_class->set_property = suiji_draw_pick_item_set_property;

  properties[PROP_REVEALED] =
      g_param_spec_boolean ("revealed", NULL, NULL, TRUE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
suiji_draw_pick_item_init (SuijiDrawPickItem *self)
{
  self->revealed = TRUE;
}

SuijiDrawPickItem *
suiji_draw_pick_item_new (const char *const *notice_row)
{
  SuijiDrawPickItem *self = g_object_new (SUIJI_TYPE_DRAW_PICK_ITEM, NULL);

  self->cells = g_strdupv ((char **) notice_row);
  return self;
}

/**
 * suiji_draw_pick_item_get_cell:
 * @column: a #SuijiDrawNoticeColumn
 */
const char *
suiji_draw_pick_item_get_cell (SuijiDrawPickItem *self, guint column)
{
  g_return_val_if_fail (SUIJI_IS_DRAW_PICK_ITEM (self), NULL);
  g_return_val_if_fail (column <= SUIJI_DRAW_NOTICE_INSPECTORS, NULL);

  return self->cells[column];
}

void
suiji_draw_pick_item_set_revealed (SuijiDrawPickItem *self, gboolean revealed)
{
  g_return_if_fail (SUIJI_IS_DRAW_PICK_ITEM (self));

  revealed = !!revealed;
  if (self->revealed == revealed)
    return;
  self->revealed = revealed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALED]);
}
