/* suiji-inspector-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adds or edits one inspector (执法检查人员). The core checks the form on
 * every change: Save stays off, its tooltip saying why, until the name
 * and a free badge number are there.
 */

#define G_LOG_DOMAIN "suiji-inspector-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-dialog-rows.h"
#include "suiji-inspector-dialog.h"
#include "suiji-inspector.h"

struct _SuijiInspectorDialog
{
  AdwWindow parent_instance;

  /* Owned references */
  SuijiDatabase        *db;
  SuijiInspectorRecord *record;
  GArray               *department_ids;

  /* Set while load () fills the rows, each of which reports a change. */
  gboolean loading;
  /* After a refused save, empty fields are marked too. */
  gboolean save_tried;

  /* Template widgets */
  GtkSwitch      *active_switch;
  AdwEntryRow    *badge_row;
  AdwComboRow    *department_row;
  GtkLabel       *error_label;
  AdwEntryRow    *labels_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *post_row;
  GtkWidget      *save_button;
  AdwEntryRow    *valid_until_row;
  AdwWindowTitle *window_title;
};

G_DEFINE_FINAL_TYPE (SuijiInspectorDialog, suiji_inspector_dialog, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SuijiInspectorRecord *
read_form (SuijiInspectorDialog *self)
{
  SuijiInspectorRecord *record = g_new0 (SuijiInspectorRecord, 1);

  record->id = self->record->id;
  record->name = suiji_entry_row_dup_text (self->name_row);
  record->badge = suiji_entry_row_dup_text (self->badge_row);
  record->badge_valid_until = suiji_entry_row_dup_text (self->valid_until_row);
  record->department_id = suiji_department_row_get (self->department_row, self->department_ids);
  record->post = suiji_entry_row_dup_text (self->post_row);
  record->active = gtk_switch_get_active (self->active_switch) ? 1 : 0;
  record->labels = suiji_entry_row_dup_labels (self->labels_row);

  return record;
}

static void
mark_field (SuijiInspectorDialog *self, SuijiInspectorField field)
{
  GtkWidget *const rows[] = {
    [SUIJI_INSPECTOR_FIELD_NONE] = NULL,
    [SUIJI_INSPECTOR_FIELD_NAME] = GTK_WIDGET (self->name_row),
    [SUIJI_INSPECTOR_FIELD_BADGE] = GTK_WIDGET (self->badge_row),
    [SUIJI_INSPECTOR_FIELD_VALID_UNTIL] = GTK_WIDGET (self->valid_until_row),
    [SUIJI_INSPECTOR_FIELD_DEPARTMENT] = GTK_WIDGET (self->department_row),
  };

  suiji_rows_mark_field (rows, G_N_ELEMENTS (rows), field, self->save_tried);
}

static void
fields_changed_cb (SuijiInspectorDialog *self)
{
  g_autoptr (SuijiInspectorRecord) record = NULL;
  g_autoptr (GError) problem = NULL;
  SuijiInspectorField field = SUIJI_INSPECTOR_FIELD_NONE;

  if (self->loading)
    return;

  record = read_form (self);
  suiji_inspector_check (self->db, record, &field, &problem);
  mark_field (self, field);
  suiji_save_button_update (GTK_WIDGET (self), "inspector.save", self->save_button, problem);

  /* A message shown after a refused save follows what is typed since. */
  if (suiji_problem_label_is_shown (self->error_label))
    suiji_problem_label_show (self->error_label, problem);
}

static void
load (SuijiInspectorDialog *self)
{
  SuijiInspectorRecord *record = self->record;
  g_autofree char      *labels =
      record->labels != NULL ? g_strjoinv ("、", record->labels) : g_strdup ("");

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), record->name);
  gtk_editable_set_text (GTK_EDITABLE (self->badge_row), record->badge);
  gtk_editable_set_text (GTK_EDITABLE (self->valid_until_row), record->badge_valid_until);
  gtk_editable_set_text (GTK_EDITABLE (self->post_row), record->post);
  gtk_editable_set_text (GTK_EDITABLE (self->labels_row), labels);
  gtk_switch_set_active (self->active_switch, record->active != 0);
  self->department_ids =
      suiji_department_row_fill (self->department_row, self->db, record->department_id);

  adw_window_title_set_title (self->window_title,
                              record->id != 0 ? _("Edit Inspector") : _("New Inspector"));
  self->loading = FALSE;
  fields_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/**
 * suiji_inspector_dialog_save:
 *
 * Saves what the dialog shows through the core's rules; a refusal is shown
 * in the dialog, its field marked, and nothing is written.
 */
gboolean
suiji_inspector_dialog_save (SuijiInspectorDialog *self, GError **error)
{
  g_autoptr (SuijiInspectorRecord) record = NULL;
  GError             *problem = NULL;
  SuijiInspectorField field = SUIJI_INSPECTOR_FIELD_NONE;

  g_return_val_if_fail (SUIJI_IS_INSPECTOR_DIALOG (self), FALSE);

  record = read_form (self);
  if (suiji_inspector_update (self->db, record, &field, &problem) == 0)
    {
      self->save_tried = TRUE;
      mark_field (self, field);
    }
  else
    g_signal_emit (self, signals[SAVED], 0);

  return suiji_dialog_finish_save (self->error_label, problem, error);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiInspectorDialog *self = SUIJI_INSPECTOR_DIALOG (widget);

  if (suiji_inspector_dialog_save (self, NULL))
    gtk_window_close (GTK_WINDOW (self));
}

/* Enter in a field saves, or says in the dialog why it cannot. */
static void
entry_activated_cb (SuijiInspectorDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "inspector.save-or-explain", NULL);
}

static void
suiji_inspector_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SUIJI_TYPE_INSPECTOR_DIALOG);

  G_OBJECT_CLASS (suiji_inspector_dialog_parent_class)->dispose (object);
}

static void
suiji_inspector_dialog_finalize (GObject *object)
{
  SuijiInspectorDialog *self = (SuijiInspectorDialog *) object;

  g_clear_object (&self->db);
  g_clear_pointer (&self->record, suiji_inspector_record_free);
  g_clear_pointer (&self->department_ids, g_array_unref);

  G_OBJECT_CLASS (suiji_inspector_dialog_parent_class)->finalize (object);
}

static void
suiji_inspector_dialog_class_init (SuijiInspectorDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_inspector_dialog_dispose;
  object_class->finalize = suiji_inspector_dialog_finalize;

  /**
   * SuijiInspectorDialog::saved:
   *
   * The inspector was written to the database.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/suiji-inspector-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiInspectorDialog, active_switch);
  gtk_widget_class_bind_template_child (widget_class, SuijiInspectorDialog, badge_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiInspectorDialog, department_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiInspectorDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiInspectorDialog, labels_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiInspectorDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiInspectorDialog, post_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiInspectorDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiInspectorDialog, valid_until_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiInspectorDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);

  /* Save is off while the form is refused; the keys still try, and the
   * dialog then says what is missing. */
  gtk_widget_class_install_action (widget_class, "inspector.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "inspector.save-or-explain", NULL, save_action);
  suiji_dialog_class_add_save_keys (widget_class, "inspector.save-or-explain");
}

static void
suiji_inspector_dialog_init (SuijiInspectorDialog *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

static SuijiInspectorDialog *
new_dialog (SuijiDatabase *db, gint64 id, gint64 department_id)
{
  SuijiInspectorDialog *self;
  g_autoptr (SuijiInspectorRecord) record = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  if (id != 0)
    {
      record = suiji_inspector_load (db, id, NULL);
      if (record == NULL)
        return NULL;
    }
  else
    {
      record = g_new0 (SuijiInspectorRecord, 1);
      record->name = g_strdup ("");
      record->badge = g_strdup ("");
      record->badge_valid_until = g_strdup ("");
      record->post = g_strdup ("");
      record->active = 1;
    }

  if (id == 0)
    record->department_id = department_id;

  self = g_object_new (SUIJI_TYPE_INSPECTOR_DIALOG, NULL);
  self->db = g_object_ref (db);
  self->record = g_steal_pointer (&record);
  load (self);

  return self;
}

/**
 * suiji_inspector_dialog_new:
 * @id: the inspector to edit, or 0 for a new one
 *
 * Returns: (transfer full) (nullable): the dialog, or %NULL when the
 *   inspector no longer exists
 */
SuijiInspectorDialog *
suiji_inspector_dialog_new (SuijiDatabase *db, gint64 id)
{
  return new_dialog (db, id, 0);
}

/**
 * suiji_inspector_dialog_new_in_department:
 * @department_id: the department the new inspector starts in, or 0 for none
 *
 * Returns: (transfer full): the dialog for a new inspector
 */
SuijiInspectorDialog *
suiji_inspector_dialog_new_in_department (SuijiDatabase *db, gint64 department_id)
{
  return new_dialog (db, 0, department_id);
}
