/* suiji-subject-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-subject-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-credit-code.h"
#include "suiji-dialog-rows.h"
#include "suiji-fields.h"
#include "suiji-subject-dialog.h"
#include "suiji-subject.h"

struct _SuijiSubjectDialog
{
  AdwWindow parent_instance;

  /* Owned references */
  SuijiDatabase      *db;
  SuijiSubjectRecord *record;
  GStrv               class_codes;
  GArray             *department_ids;

  /* Template widgets */
  AdwEntryRow    *address_row;
  AdwEntryRow    *class_date_row;
  AdwComboRow    *class_row;
  GtkImage       *code_check_icon;
  AdwActionRow   *code_check_row;
  AdwComboRow    *department_row;
  GtkLabel       *error_label;
  AdwEntryRow    *industry_row;
  AdwEntryRow    *key_row;
  AdwEntryRow    *labels_row;
  AdwEntryRow    *name_row;
  AdwEntryRow    *region_row;
  GtkWidget      *save_button;
  AdwComboRow    *status_row;
  AdwComboRow    *type_row;
  AdwWindowTitle *window_title;

  gboolean loading;
};

G_DEFINE_FINAL_TYPE (SuijiSubjectDialog, suiji_subject_dialog, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fields_changed_cb (SuijiSubjectDialog *self);

/* The check runs on every keystroke, so the user sees a typo at once. */
static void
key_changed_cb (SuijiSubjectDialog *self)
{
  g_autofree char *key =
      suiji_subject_key_normalize (gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
  g_autofree char *text = NULL;
  const char      *icon = "emblem-ok-symbolic";
  gboolean         problem = FALSE;
  char             expected = '\0';

  if (*key == '\0')
    {
      text = g_strdup (_("Every subject needs a code or number"));
      icon = "dialog-information-symbolic";
    }
  else if (!suiji_credit_code_looks_like (key))
    {
      text = g_strdup_printf (_("%s is not 18 characters: kept as a registration number"), key);
      icon = "dialog-information-symbolic";
    }
  else
    switch (suiji_credit_code_check (key, &expected))
      {
      case SUIJI_CREDIT_CODE_VALID:
        text = g_strdup (_("A valid credit code"));
        break;
      case SUIJI_CREDIT_CODE_BAD_CHECK_CHARACTER:
        text = g_strdup_printf (
            _("The check character should be %c; the subject can be kept, flagged"), expected);
        problem = TRUE;
        break;
      case SUIJI_CREDIT_CODE_BAD_CHARACTER:
      case SUIJI_CREDIT_CODE_WRONG_LENGTH:
      default:
        text = g_strdup (_("Holds characters a credit code cannot have (I, O, S, V, Z)"));
        problem = TRUE;
        break;
      }

  if (problem)
    icon = "dialog-warning-symbolic";

  adw_action_row_set_subtitle (self->code_check_row, text);
  gtk_image_set_from_icon_name (self->code_check_icon, icon);
  if (problem)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->code_check_icon), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->key_row), "warning");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->code_check_icon), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->key_row), "warning");
    }
  fields_changed_cb (self);
}

static void
load (SuijiSubjectDialog *self)
{
  g_autoptr (GPtrArray) classes = g_ptr_array_new ();
  SuijiSubjectRecord *record = self->record;
  guint               class_index = 0;
  g_autofree char    *labels =
      record->labels != NULL ? g_strjoinv ("、", record->labels) : g_strdup ("");

  self->loading = TRUE;

  gtk_editable_set_text (GTK_EDITABLE (self->key_row), record->key);
  gtk_editable_set_text (GTK_EDITABLE (self->name_row), record->name);
  gtk_editable_set_text (GTK_EDITABLE (self->region_row), record->region);
  gtk_editable_set_text (GTK_EDITABLE (self->address_row), record->address);
  gtk_editable_set_text (GTK_EDITABLE (self->industry_row), record->industry);
  gtk_editable_set_text (GTK_EDITABLE (self->class_date_row), record->credit_class_date);
  gtk_editable_set_text (GTK_EDITABLE (self->labels_row), labels);
  suiji_combo_row_set_strings (self->type_row, suiji_fields_subject_types (), record->subject_type);
  suiji_combo_row_set_strings (self->status_row, suiji_fields_statuses (), record->status);

  self->class_codes = suiji_credit_class_codes (self->db, NULL);
  g_ptr_array_add (classes, (gpointer) _("Unclassified"));
  for (guint i = 0; self->class_codes != NULL && self->class_codes[i] != NULL; i++)
    {
      g_ptr_array_add (classes, self->class_codes[i]);
      if (g_strcmp0 (self->class_codes[i], record->credit_class) == 0)
        class_index = i + 1;
    }
  g_ptr_array_add (classes, NULL);
  suiji_combo_row_set_strings (self->class_row, (const char *const *) classes->pdata, NULL);
  adw_combo_row_set_selected (self->class_row, class_index);

  self->department_ids =
      suiji_department_row_fill (self->department_row, self->db, record->department_id);

  adw_window_title_set_title (self->window_title,
                              record->id != 0 ? _("Edit Subject") : _("New Subject"));
  self->loading = FALSE;
  key_changed_cb (self);
}

/* The subject as the dialog shows it. */
static SuijiSubjectRecord *
read_form (SuijiSubjectDialog *self)
{
  SuijiSubjectRecord *record = g_new0 (SuijiSubjectRecord, 1);
  guint               class_index = adw_combo_row_get_selected (self->class_row);

  record->id = self->record->id;
  record->key = suiji_subject_key_normalize (gtk_editable_get_text (GTK_EDITABLE (self->key_row)));
  record->name = suiji_entry_row_dup_text (self->name_row);
  record->region = suiji_entry_row_dup_text (self->region_row);
  record->address = suiji_entry_row_dup_text (self->address_row);
  record->industry = suiji_entry_row_dup_text (self->industry_row);
  record->subject_type = g_strdup (suiji_combo_row_get_string (self->type_row));
  record->status = g_strdup (suiji_combo_row_get_string (self->status_row));
  record->credit_class = g_strdup (class_index == 0 || class_index == GTK_INVALID_LIST_POSITION ||
                                           self->class_codes == NULL
                                       ? ""
                                       : self->class_codes[class_index - 1]);
  record->credit_class_date = suiji_entry_row_dup_text (self->class_date_row);
  record->department_id = suiji_department_row_get (self->department_row, self->department_ids);
  record->labels = suiji_entry_row_dup_labels (self->labels_row);
  return record;
}

/* Save stays off, saying why, while the core's rules refuse the subject. */
static void
fields_changed_cb (SuijiSubjectDialog *self)
{
  g_autoptr (SuijiSubjectRecord) record = NULL;
  g_autoptr (GError) problem = NULL;

  if (self->loading || self->record == NULL)
    return;

  record = read_form (self);
  suiji_subject_check (record, &problem);
  suiji_save_button_update (GTK_WIDGET (self), "subject.save", self->save_button, problem);
  /* A message shown after a refused save follows what is typed since. */
  if (suiji_problem_label_is_shown (self->error_label))
    suiji_problem_label_show (self->error_label, problem);
}

/**
 * suiji_subject_dialog_save:
 *
 * Checks what the dialog shows with the core's rules and saves it; on a
 * problem the dialog says what to fix and nothing is written.
 */
gboolean
suiji_subject_dialog_save (SuijiSubjectDialog *self, GError **error)
{
  g_autoptr (SuijiSubjectRecord) record = read_form (self);
  GError *problem = NULL;

  if (suiji_subject_check (record, &problem) &&
      suiji_subject_save (self->db, record, &problem) != 0)
    g_signal_emit (self, signals[SAVED], 0);

  return suiji_dialog_finish_save (self->error_label, problem, error);
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiSubjectDialog *self = SUIJI_SUBJECT_DIALOG (widget);

  if (suiji_subject_dialog_save (self, NULL))
    gtk_window_close (GTK_WINDOW (self));
}

static void
suiji_subject_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SUIJI_TYPE_SUBJECT_DIALOG);

  G_OBJECT_CLASS (suiji_subject_dialog_parent_class)->dispose (object);
}

static void
suiji_subject_dialog_finalize (GObject *object)
{
  SuijiSubjectDialog *self = (SuijiSubjectDialog *) object;

  g_clear_object (&self->db);
  g_clear_pointer (&self->record, suiji_subject_record_free);
  g_clear_pointer (&self->class_codes, g_strfreev);
  g_clear_pointer (&self->department_ids, g_array_unref);

  G_OBJECT_CLASS (suiji_subject_dialog_parent_class)->finalize (object);
}

static void
suiji_subject_dialog_class_init (SuijiSubjectDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_subject_dialog_dispose;
  object_class->finalize = suiji_subject_dialog_finalize;

  /**
   * SuijiSubjectDialog::saved:
   *
   * The subject was written to the database.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/suiji-subject-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, address_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, class_date_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, class_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, code_check_icon);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, code_check_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, department_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, industry_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, key_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, labels_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, status_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiSubjectDialog, window_title);
  gtk_widget_class_bind_template_callback (widget_class, key_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);

  gtk_widget_class_install_action (widget_class, "subject.save", NULL, save_action);
  suiji_dialog_class_add_save_keys (widget_class, "subject.save");
}

static void
suiji_subject_dialog_init (SuijiSubjectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * suiji_subject_dialog_new:
 * @id: the subject to edit, or 0 for a new one
 *
 * Returns: (transfer full) (nullable): the dialog, or %NULL when the
 *   subject no longer exists
 */
SuijiSubjectDialog *
suiji_subject_dialog_new (SuijiDatabase *db, gint64 id)
{
  SuijiSubjectDialog *self;
  g_autoptr (SuijiSubjectRecord) record = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  if (id != 0)
    {
      record = suiji_subject_load (db, id, NULL);
      if (record == NULL)
        return NULL;
    }
  else
    {
      record = g_new0 (SuijiSubjectRecord, 1);
      record->key = g_strdup ("");
      record->name = g_strdup ("");
      record->subject_type = g_strdup ("企业");
      record->industry = g_strdup ("");
      record->region = g_strdup ("");
      record->address = g_strdup ("");
      record->status = g_strdup ("存续");
      record->credit_class = g_strdup ("");
      record->credit_class_date = g_strdup ("");
    }

  self = g_object_new (SUIJI_TYPE_SUBJECT_DIALOG, NULL);
  self->db = g_object_ref (db);
  self->record = g_steal_pointer (&record);
  load (self);

  return self;
}
