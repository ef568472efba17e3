/* suiji-item-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adds or edits one check item (随机抽查事项) of a department. As in the
 * inspector dialog, the core checks the form on every change and Save
 * says in its tooltip what is still missing.
 */

#define G_LOG_DOMAIN "suiji-item-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-dialog-rows.h"
#include "suiji-item-dialog.h"
#include "suiji-item.h"

/* The plan's two categories; stored and shown as written there. */
static const char *const categories[] = { "一般", "重点", NULL };

struct _SuijiItemDialog
{
  AdwWindow parent_instance;

  /* Owned references */
  SuijiDatabase   *db;
  SuijiItemRecord *record;
  GArray          *department_ids;

  /* Set while load () fills the rows, each of which reports a change. */
  gboolean loading;
  /* After a refused save, empty fields are marked too. */
  gboolean save_tried;

  /* Template widgets */
  AdwComboRow    *category_row;
  AdwComboRow    *department_row;
  GtkLabel       *error_label;
  AdwEntryRow    *legal_basis_row;
  AdwEntryRow    *method_row;
  AdwEntryRow    *name_row;
  GtkWidget      *save_button;
  AdwEntryRow    *subject_type_row;
  AdwWindowTitle *window_title;
};

G_DEFINE_FINAL_TYPE (SuijiItemDialog, suiji_item_dialog, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static SuijiItemRecord *
read_form (SuijiItemDialog *self)
{
  SuijiItemRecord *record = g_new0 (SuijiItemRecord, 1);

  record->id = self->record->id;
  record->department_id = suiji_department_row_get (self->department_row, self->department_ids);
  record->name = suiji_entry_row_dup_text (self->name_row);
  record->category = g_strdup (suiji_combo_row_get_string (self->category_row));
  record->subject_type = suiji_entry_row_dup_text (self->subject_type_row);
  record->method = suiji_entry_row_dup_text (self->method_row);
  record->legal_basis = suiji_entry_row_dup_text (self->legal_basis_row);

  return record;
}

static void
mark_field (SuijiItemDialog *self, SuijiItemField field)
{
  GtkWidget *const rows[] = {
    [SUIJI_ITEM_FIELD_NONE] = NULL,
    [SUIJI_ITEM_FIELD_NAME] = GTK_WIDGET (self->name_row),
    [SUIJI_ITEM_FIELD_DEPARTMENT] = GTK_WIDGET (self->department_row),
    [SUIJI_ITEM_FIELD_CATEGORY] = GTK_WIDGET (self->category_row),
  };

  suiji_rows_mark_field (rows, G_N_ELEMENTS (rows), field, self->save_tried);
}

static void
fields_changed_cb (SuijiItemDialog *self)
{
  g_autoptr (SuijiItemRecord) record = NULL;
  g_autoptr (GError) problem = NULL;
  SuijiItemField field = SUIJI_ITEM_FIELD_NONE;

  if (self->loading)
    return;

  record = read_form (self);
  suiji_item_check (self->db, record, &field, &problem);
  mark_field (self, field);
  suiji_save_button_update (GTK_WIDGET (self), "item.save", self->save_button, problem);

  /* A message shown after a refused save follows what is typed since. */
  if (suiji_problem_label_is_shown (self->error_label))
    suiji_problem_label_show (self->error_label, problem);
}

static void
load (SuijiItemDialog *self)
{
  SuijiItemRecord *record = self->record;

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), record->name);
  gtk_editable_set_text (GTK_EDITABLE (self->subject_type_row), record->subject_type);
  gtk_editable_set_text (GTK_EDITABLE (self->method_row), record->method);
  gtk_editable_set_text (GTK_EDITABLE (self->legal_basis_row), record->legal_basis);
  suiji_combo_row_set_strings (self->category_row, categories, record->category);
  self->department_ids =
      suiji_department_row_fill (self->department_row, self->db, record->department_id);

  adw_window_title_set_title (self->window_title,
                              record->id != 0 ? _("Edit Check Item") : _("New Check Item"));
  self->loading = FALSE;
  fields_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/**
 * suiji_item_dialog_save:
 *
 * Saves what the dialog shows through the core's rules; a refusal is shown
 * in the dialog, its field marked, and nothing is written.
 */
gboolean
suiji_item_dialog_save (SuijiItemDialog *self, GError **error)
{
  g_autoptr (SuijiItemRecord) record = NULL;
  GError        *problem = NULL;
  SuijiItemField field = SUIJI_ITEM_FIELD_NONE;

  g_return_val_if_fail (SUIJI_IS_ITEM_DIALOG (self), FALSE);

  record = read_form (self);
  if (suiji_item_update (self->db, record, &field, &problem) == 0)
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
  SuijiItemDialog *self = SUIJI_ITEM_DIALOG (widget);

  if (suiji_item_dialog_save (self, NULL))
    gtk_window_close (GTK_WINDOW (self));
}

/* Enter in a field saves, or says in the dialog why it cannot. */
static void
entry_activated_cb (SuijiItemDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "item.save-or-explain", NULL);
}

static void
suiji_item_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SUIJI_TYPE_ITEM_DIALOG);

  G_OBJECT_CLASS (suiji_item_dialog_parent_class)->dispose (object);
}

static void
suiji_item_dialog_finalize (GObject *object)
{
  SuijiItemDialog *self = (SuijiItemDialog *) object;

  g_clear_object (&self->db);
  g_clear_pointer (&self->record, suiji_item_record_free);
  g_clear_pointer (&self->department_ids, g_array_unref);

  G_OBJECT_CLASS (suiji_item_dialog_parent_class)->finalize (object);
}

static void
suiji_item_dialog_class_init (SuijiItemDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_item_dialog_dispose;
  object_class->finalize = suiji_item_dialog_finalize;

  /**
   * SuijiItemDialog::saved:
   *
   * The check item was written to the database.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/suiji-item-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiItemDialog, category_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiItemDialog, department_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiItemDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiItemDialog, legal_basis_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiItemDialog, method_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiItemDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiItemDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiItemDialog, subject_type_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiItemDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);

  /* Save is off while the form is refused; the keys still try, and the
   * dialog then says what is missing. */
  gtk_widget_class_install_action (widget_class, "item.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "item.save-or-explain", NULL, save_action);
  suiji_dialog_class_add_save_keys (widget_class, "item.save-or-explain");
}

static void
suiji_item_dialog_init (SuijiItemDialog *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

static SuijiItemDialog *
new_dialog (SuijiDatabase *db, gint64 id, gint64 department_id)
{
  SuijiItemDialog *self;
  g_autoptr (SuijiItemRecord) record = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  if (id != 0)
    {
      record = suiji_item_load (db, id, NULL);
      if (record == NULL)
        return NULL;
    }
  else
    {
      record = g_new0 (SuijiItemRecord, 1);
      record->name = g_strdup ("");
      record->category = g_strdup ("一般");
      record->subject_type = g_strdup ("");
      record->method = g_strdup ("");
      record->legal_basis = g_strdup ("");
    }

  if (id == 0)
    record->department_id = department_id;

  self = g_object_new (SUIJI_TYPE_ITEM_DIALOG, NULL);
  self->db = g_object_ref (db);
  self->record = g_steal_pointer (&record);
  load (self);

  return self;
}

/**
 * suiji_item_dialog_new:
 * @id: the item to edit, or 0 for a new one
 *
 * Returns: (transfer full) (nullable): the dialog, or %NULL when the
 *   item no longer exists
 */
SuijiItemDialog *
suiji_item_dialog_new (SuijiDatabase *db, gint64 id)
{
  return new_dialog (db, id, 0);
}

/**
 * suiji_item_dialog_new_in_department:
 * @department_id: the department the new item starts in, or 0 for none
 *
 * Returns: (transfer full): the dialog for a new item
 */
SuijiItemDialog *
suiji_item_dialog_new_in_department (SuijiDatabase *db, gint64 department_id)
{
  return new_dialog (db, 0, department_id);
}
