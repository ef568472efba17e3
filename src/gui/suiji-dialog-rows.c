/* suiji-dialog-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-dialog-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-department.h"
#include "suiji-dialog-rows.h"
#include "suiji-fields.h"

/**
 * suiji_combo_row_set_strings:
 * @current: (nullable): the value to select; the first is selected when
 *   it is not among @values
 */
void
suiji_combo_row_set_strings (AdwComboRow *row, const char *const *values, const char *current)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; values[i] != NULL; i++)
    {
      gtk_string_list_append (list, values[i]);
      if (g_strcmp0 (values[i], current) == 0)
        selected = i;
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  adw_combo_row_set_selected (row, selected);
}

const char *
suiji_combo_row_get_string (AdwComboRow *row)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

/**
 * suiji_department_row_fill:
 * @current: the department to select, or 0 for none
 *
 * Offers "None" and every department in the bureau's order.
 *
 * Returns: (transfer full): the departments' ids, in the row's order after
 *   "None", for suiji_department_row_get ()
 */
GArray *
suiji_department_row_fill (AdwComboRow *row, SuijiDatabase *db, gint64 current)
{
  g_autoptr (GListModel) departments = suiji_department_list_all (db, NULL);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint   selected = 0;

  gtk_string_list_append (names, _("None"));
  for (guint i = 0; departments != NULL && i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr (SuijiDepartment) department = g_list_model_get_item (departments, i);
      gint64 id = suiji_department_get_id (department);

      g_array_append_val (ids, id);
      gtk_string_list_append (names, suiji_department_get_name (department));
      if (id == current)
        selected = i + 1;
    }

  adw_combo_row_set_model (row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (row, selected);
  return ids;
}

/**
 * suiji_department_row_get:
 *
 * Returns: the department chosen, or 0 for none
 */
gint64
suiji_department_row_get (AdwComboRow *row, GArray *department_ids)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > department_ids->len)
    return 0;
  return g_array_index (department_ids, gint64, selected - 1);
}

char *
suiji_entry_row_dup_text (AdwEntryRow *row)
{
  return suiji_fields_clean_text (gtk_editable_get_text (GTK_EDITABLE (row)));
}

/**
 * suiji_entry_row_dup_labels:
 *
 * Reads labels as people separate them: 、, commas, semicolons or spaces.
 *
 * Returns: (transfer full): the labels, without empty ones
 */
GStrv
suiji_entry_row_dup_labels (AdwEntryRow *row)
{
  g_autofree char *text = suiji_entry_row_dup_text (row);
  g_auto (GStrv) parts = g_regex_split_simple ("[,，、;；\\s]+", text, 0, 0);
  g_autoptr (GStrvBuilder) labels = g_strv_builder_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (labels, parts[i]);

  return g_strv_builder_end (labels);
}

/**
 * suiji_rows_mark_field:
 * @rows: the rows of a form, indexed by its field enumeration
 * @field: the field refused, or 0 for none
 * @mark_empty: whether an empty refused row is marked too; a new form
 *   should not open in red
 *
 * Frames the row of a refused field red, as GNOME marks an entry.
 */
void
suiji_rows_mark_field (GtkWidget *const *rows, guint n_rows, guint field, gboolean mark_empty)
{
  for (guint i = 0; i < n_rows; i++)
    {
      gboolean problem = rows[i] != NULL && i == field;

      if (problem && !mark_empty && GTK_IS_EDITABLE (rows[i]))
        problem = *gtk_editable_get_text (GTK_EDITABLE (rows[i])) != '\0';
      if (rows[i] == NULL)
        continue;
      if (problem)
        gtk_widget_add_css_class (rows[i], "error");
      else
        gtk_widget_remove_css_class (rows[i], "error");
    }
}

/**
 * suiji_problem_label_show:
 * @label: a label alone in a preferences group at the top of the form
 * @problem: (nullable): what is refused, or %NULL to hide the label
 *
 * Shows the message above the form, where it is read first.
 */
void
suiji_problem_label_show (GtkLabel *label, const GError *problem)
{
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (label), ADW_TYPE_PREFERENCES_GROUP);

  if (problem != NULL)
    gtk_label_set_text (label, problem->message);
  gtk_widget_set_visible (group != NULL ? group : GTK_WIDGET (label), problem != NULL);
}

/**
 * suiji_problem_label_is_shown:
 */
gboolean
suiji_problem_label_is_shown (GtkLabel *label)
{
  return gtk_widget_is_visible (GTK_WIDGET (label));
}

/**
 * suiji_save_button_update:
 * @problem: (nullable): why the dialog cannot be saved yet, or %NULL
 *
 * Save stays off while something is missing or wrong, and its tooltip
 * says what.
 */
void
suiji_save_button_update (GtkWidget    *dialog,
                          const char   *action_name,
                          GtkWidget    *button,
                          const GError *problem)
{
  gtk_widget_action_set_enabled (dialog, action_name, problem == NULL);
  gtk_widget_set_tooltip_text (button, problem != NULL ? problem->message
                                                       : _("Save the changes (Ctrl+Enter)"));
}

/**
 * suiji_dialog_class_add_save_keys:
 * @action_name: the action that saves, or says in the dialog why it cannot
 *
 * Esc cancels; Ctrl+Enter (and Ctrl+S, as in the forms) saves.
 */
void
suiji_dialog_class_add_save_keys (GtkWidgetClass *widget_class, const char *action_name)
{
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, action_name,
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK,
                                       action_name, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, action_name,
                                       NULL);
}

/**
 * suiji_dialog_finish_save:
 * @problem: (transfer full) (nullable): why the core refused the form, or
 *   %NULL when it was written
 *
 * Shows the refusal above the form, or takes an earlier one away.
 *
 * Returns: whether the form was written
 */
gboolean
suiji_dialog_finish_save (GtkLabel *error_label, GError *problem, GError **error)
{
  suiji_problem_label_show (error_label, problem);
  if (problem == NULL)
    return TRUE;

  g_propagate_error (error, problem);
  return FALSE;
}
