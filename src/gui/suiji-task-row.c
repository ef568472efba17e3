/* suiji-task-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A task in a list of the tasks behind a figure (a bar of a progress chart,
 * a cell of a monthly form): its name, departments, draw day and subjects,
 * activated to open the task.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-task-row.h"

struct _SuijiTaskRow
{
  AdwActionRow parent_instance;

  gint64 task_id;
};

G_DEFINE_FINAL_TYPE (SuijiTaskRow, suiji_task_row, ADW_TYPE_ACTION_ROW)

static void
suiji_task_row_class_init (SuijiTaskRowClass *klass)
{
}

static void
suiji_task_row_init (SuijiTaskRow *self)
{
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), TRUE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), _("Open the task in the 抽查任务 section"));
}

GtkWidget *
suiji_task_row_new (const SuijiProgressTask *task)
{
  SuijiTaskRow    *self = g_object_new (SUIJI_TYPE_TASK_ROW, NULL);
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (task != NULL, NULL);

  /* Translators: a task's departments, the day of its draw, its subjects */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · drawn on %s · %u subject",
                                           "%s · drawn on %s · %u subjects", task->n_drawn),
                              task->departments, task->drawn_on, task->n_drawn);
  self->task_id = task->task_id;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), task->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  return GTK_WIDGET (self);
}

gint64
suiji_task_row_get_task_id (SuijiTaskRow *self)
{
  g_return_val_if_fail (SUIJI_IS_TASK_ROW (self), 0);

  return self->task_id;
}
