/* suiji-avoidance-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adds an avoidance pair (回避): the inspector and the subject are each
 * found by a search, as nobody knows a badge number or a credit code by
 * heart, and picked from the few that match.
 */

#define G_LOG_DOMAIN "suiji-avoidance-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-avoidance-dialog.h"
#include "suiji-avoidance.h"
#include "suiji-dialog-rows.h"
#include "suiji-inspector.h"
#include "suiji-subject.h"

/* Enough to pick from; a longer list asks for a better search. */
#define N_SHOWN 6

struct _SuijiAvoidanceDialog
{
  AdwWindow parent_instance;

  /* Owned references */
  SuijiDatabase     *db;
  SuijiPagedList    *inspectors;
  SuijiPagedList    *subjects;
  GtkSliceListModel *inspector_matches;
  GtkSliceListModel *subject_matches;

  /* Template widgets */
  GtkWidget      *add_button;
  GtkLabel       *error_label;
  GtkListBox     *inspector_list;
  GtkSearchEntry *inspector_search;
  AdwEntryRow    *reason_row;
  GtkListBox     *subject_list;
  GtkSearchEntry *subject_search;
};

G_DEFINE_FINAL_TYPE (SuijiAvoidanceDialog, suiji_avoidance_dialog, ADW_TYPE_WINDOW)

enum
{
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkWidget *
match_row (const char *title, const char *code, const char *where)
{
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *subtitle =
      where != NULL && *where != '\0' ? g_strdup_printf ("%s · %s", code, where) : g_strdup (code);

  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_visible (check, FALSE);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);
  g_object_set_data (G_OBJECT (row), "check", check);
  return row;
}

/* The row picked carries a check mark, as GNOME marks a choice. */
static void
mark_chosen (GtkListBox *list)
{
  GtkListBoxRow *chosen = gtk_list_box_get_selected_row (list);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "check"), row == chosen);
}

static GtkWidget *
create_inspector_row (gpointer item, gpointer user_data)
{
  const SuijiInspectorRecord *record = suiji_inspector_get_record (item);
  g_autofree char            *department = NULL;

  g_object_get (item, "department-name", &department, NULL);
  return match_row (record->name, record->badge, department);
}

static GtkWidget *
create_subject_row (gpointer item, gpointer user_data)
{
  const SuijiSubjectRecord *record = suiji_subject_get_record (item);

  return match_row (record->name, record->key, record->region);
}

/* The item of the row picked in @list, or %NULL. */
static gpointer
dup_chosen (GtkListBox *list, GtkSliceListModel *matches)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (list);

  if (row == NULL)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (matches), gtk_list_box_row_get_index (row));
}

static void
choice_changed_cb (SuijiAvoidanceDialog *self)
{
  g_autoptr (SuijiInspector) inspector = NULL;
  g_autoptr (SuijiSubject) subject = NULL;
  g_autoptr (GError) problem = NULL;

  /* The lists report their rows going while the dialog is taken down. */
  if (self->inspector_list == NULL || self->subject_list == NULL)
    return;

  inspector = dup_chosen (self->inspector_list, self->inspector_matches);
  subject = dup_chosen (self->subject_list, self->subject_matches);
  mark_chosen (self->inspector_list);
  mark_chosen (self->subject_list);
  if (inspector == NULL)
    problem = g_error_new_literal (SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                                   _("Find the inspector and pick them from the list."));
  else if (subject == NULL)
    problem = g_error_new_literal (SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                                   _("Find the subject and pick it from the list."));

  suiji_save_button_update (GTK_WIDGET (self), "avoidance.add", self->add_button, problem);
  if (problem == NULL)
    gtk_widget_set_tooltip_text (self->add_button, _("Add the pair (Ctrl+Enter)"));
}

/* A search of one or two characters would list half the directory; the
 * list stays empty until something is typed. */
static void
search (SuijiAvoidanceDialog *self,
        GtkSearchEntry       *entry,
        GtkSliceListModel    *matches,
        SuijiPagedList       *list,
        GtkListBox           *view)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  GtkWidget  *placeholder = g_object_get_data (G_OBJECT (view), "placeholder");
  g_autoptr (GError) error = NULL;
  gboolean found;

  if (*text == '\0')
    {
      gtk_slice_list_model_set_model (matches, NULL);
      gtk_label_set_text (GTK_LABEL (placeholder), _("Type a part of the name or the number"));
      choice_changed_cb (self);
      return;
    }

  found =
      list == self->inspectors
          ? suiji_inspector_list_filter (list, &(SuijiInspectorFilter){ .search = text }, &error)
          : suiji_subject_list_filter (list, &(SuijiSubjectFilter){ .search = text },
                                       SUIJI_SUBJECT_SORT_NAME, FALSE, &error);
  if (!found)
    suiji_problem_label_show (self->error_label, error);
  gtk_slice_list_model_set_model (matches, G_LIST_MODEL (list));
  gtk_label_set_text (GTK_LABEL (placeholder), _("Nothing matches; try a shorter search"));

  /* A single match is the one meant. */
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) == 1)
    gtk_list_box_select_row (view, gtk_list_box_get_row_at_index (view, 0));
  choice_changed_cb (self);
}

static void
inspector_search_changed_cb (SuijiAvoidanceDialog *self)
{
  search (self, self->inspector_search, self->inspector_matches, self->inspectors,
          self->inspector_list);
}

static void
subject_search_changed_cb (SuijiAvoidanceDialog *self)
{
  search (self, self->subject_search, self->subject_matches, self->subjects, self->subject_list);
}

/**
 * suiji_avoidance_dialog_add:
 *
 * Adds the pair picked; what stands in the way is shown in the dialog.
 */
gboolean
suiji_avoidance_dialog_add (SuijiAvoidanceDialog *self, GError **error)
{
  g_autoptr (SuijiInspector) inspector = NULL;
  g_autoptr (SuijiSubject) subject = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *reason = NULL;

  g_return_val_if_fail (SUIJI_IS_AVOIDANCE_DIALOG (self), FALSE);

  inspector = dup_chosen (self->inspector_list, self->inspector_matches);
  subject = dup_chosen (self->subject_list, self->subject_matches);
  mark_chosen (self->inspector_list);
  mark_chosen (self->subject_list);
  reason = suiji_entry_row_dup_text (self->reason_row);

  if (inspector == NULL || subject == NULL)
    local_error = g_error_new_literal (SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                                       _("Pick both the inspector and the subject from the lists "
                                          "first: search for each, then click it."));
  else
    suiji_avoidance_add (self->db, suiji_inspector_get_record (inspector)->badge,
                         suiji_subject_get_record (subject)->key, reason, &local_error);

  if (local_error == NULL)
    g_signal_emit (self, signals[ADDED], 0);
  return suiji_dialog_finish_save (self->error_label, g_steal_pointer (&local_error), error);
}

static void
add_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiAvoidanceDialog *self = SUIJI_AVOIDANCE_DIALOG (widget);

  if (suiji_avoidance_dialog_add (self, NULL))
    gtk_window_close (GTK_WINDOW (self));
}

static void
reason_activated_cb (SuijiAvoidanceDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "avoidance.add-or-explain", NULL);
}

static void
suiji_avoidance_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SUIJI_TYPE_AVOIDANCE_DIALOG);

  G_OBJECT_CLASS (suiji_avoidance_dialog_parent_class)->dispose (object);
}

static void
suiji_avoidance_dialog_finalize (GObject *object)
{
  SuijiAvoidanceDialog *self = (SuijiAvoidanceDialog *) object;

  g_clear_object (&self->inspector_matches);
  g_clear_object (&self->subject_matches);
  g_clear_object (&self->inspectors);
  g_clear_object (&self->subjects);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (suiji_avoidance_dialog_parent_class)->finalize (object);
}

static void
suiji_avoidance_dialog_class_init (SuijiAvoidanceDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_avoidance_dialog_dispose;
  object_class->finalize = suiji_avoidance_dialog_finalize;

  /**
   * SuijiAvoidanceDialog::added:
   *
   * The pair was written to the database.
   */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/suiji-avoidance-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiAvoidanceDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiAvoidanceDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiAvoidanceDialog, inspector_list);
  gtk_widget_class_bind_template_child (widget_class, SuijiAvoidanceDialog, inspector_search);
  gtk_widget_class_bind_template_child (widget_class, SuijiAvoidanceDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiAvoidanceDialog, subject_list);
  gtk_widget_class_bind_template_child (widget_class, SuijiAvoidanceDialog, subject_search);
  gtk_widget_class_bind_template_callback (widget_class, choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, inspector_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, subject_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "avoidance.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "avoidance.add-or-explain", NULL, add_action);
  suiji_dialog_class_add_save_keys (widget_class, "avoidance.add-or-explain");
}

static void
suiji_avoidance_dialog_init (SuijiAvoidanceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
bind_list (GtkListBox *view, GtkSliceListModel *matches, GtkListBoxCreateWidgetFunc create)
{
  GtkWidget *placeholder = gtk_label_new (_("Type a part of the name or the number"));

  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (view, placeholder);
  g_object_set_data (G_OBJECT (view), "placeholder", placeholder);
  gtk_list_box_bind_model (view, G_LIST_MODEL (matches), create, NULL, NULL);
}

SuijiAvoidanceDialog *
suiji_avoidance_dialog_new (SuijiDatabase *db)
{
  SuijiAvoidanceDialog *self;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  self = g_object_new (SUIJI_TYPE_AVOIDANCE_DIALOG, NULL);
  self->db = g_object_ref (db);
  self->inspectors = suiji_inspector_list_new (db);
  self->subjects = suiji_subject_list_new (db);
  self->inspector_matches = gtk_slice_list_model_new (NULL, 0, N_SHOWN);
  self->subject_matches = gtk_slice_list_model_new (NULL, 0, N_SHOWN);
  bind_list (self->inspector_list, self->inspector_matches, create_inspector_row);
  bind_list (self->subject_list, self->subject_matches, create_subject_row);
  choice_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->inspector_search));

  return self;
}
