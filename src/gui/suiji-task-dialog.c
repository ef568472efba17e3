/* suiji-task-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A new inspection task: what it is, which departments run it and with
 * which check items, how many subjects each credit-risk class gives, the
 * pool it draws from and how inspectors are matched. The defaults are
 * the unit's: this year, the ratios kept in Preferences, two inspectors.
 */

#define G_LOG_DOMAIN "suiji-task-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-department.h"
#include "suiji-item.h"
#include "suiji-profile.h"
#include "suiji-subject.h"
#include "suiji-task-dialog.h"
#include "suiji-task.h"

struct _SuijiTaskDialog
{
  AdwWindow parent_instance;

  GtkWidget           *create_button;
  GtkLabel            *error_label;
  GtkLabel            *warning_label;
  AdwEntryRow         *name_row;
  GtkSpinButton       *year_spin;
  AdwComboRow         *origin_row;
  AdwEntryRow         *filed_on_row;
  AdwEntryRow         *filed_reason_row;
  AdwComboRow         *platform_row;
  AdwEntryRow         *period_start_row;
  AdwEntryRow         *period_end_row;
  AdwComboRow         *lead_row;
  AdwExpanderRow      *joint_row;
  AdwExpanderRow      *items_row;
  AdwPreferencesGroup *rules_group;
  GtkSwitch           *stratified_switch;
  AdwComboRow         *rule_kind_row;
  AdwComboRow         *type_row;
  AdwComboRow         *region_row;
  AdwComboRow         *industry_row;
  AdwComboRow         *label_row;
  AdwComboRow         *exclude_row;
  GtkSwitch           *all_statuses_switch;
  GtkSpinButton       *per_subject_spin;
  GtkSpinButton       *cap_spin;

  SuijiDatabase *db;
  GListModel    *departments;
  GPtrArray     *joint_checks; /* GtkCheckButton, one per department, "department-id" set */
  GPtrArray     *item_rows;    /* AdwActionRow, "item-id" set */
  GPtrArray     *rule_rows;    /* AdwActionRow, "stratum" set, a GtkSpinButton suffix */
  GStrv          strata;
  GHashTable    *default_bp; /* stratum → bp */
};

G_DEFINE_FINAL_TYPE (SuijiTaskDialog, suiji_task_dialog, ADW_TYPE_WINDOW)

enum
{
  CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The values of a pool filter's combo rows: the first item is "any". */
static void
fill_choices (AdwComboRow *row, const char *any, const char *const *values)
{
  g_autoptr (GtkStringList) list = gtk_string_list_new (NULL);

  gtk_string_list_append (list, any);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    gtk_string_list_append (list, values[i]);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
}

static const char *
chosen_value (AdwComboRow *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (GTK_STRING_LIST (adw_combo_row_get_model (row)), selected);
}

static void
name_changed_cb (SuijiTaskDialog *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "task.create", *name != '\0');
  gtk_widget_set_tooltip_text (self->create_button,
                               *name != '\0' ? NULL : _("Give the task a name first"));
}

static void
origin_changed_cb (SuijiTaskDialog *self)
{
  gboolean filed = adw_combo_row_get_selected (self->origin_row) == 1;

  gtk_widget_set_visible (GTK_WIDGET (self->filed_on_row), filed);
  gtk_widget_set_visible (GTK_WIDGET (self->filed_reason_row), filed);
}

static gint64
lead_department_id (SuijiTaskDialog *self)
{
  g_autoptr (SuijiDepartment) lead = NULL;
  guint selected = adw_combo_row_get_selected (self->lead_row);

  if (selected == GTK_INVALID_LIST_POSITION)
    return 0;
  lead = g_list_model_get_item (self->departments, selected);
  return lead != NULL ? suiji_department_get_id (lead) : 0;
}

static gboolean
department_takes_part (SuijiTaskDialog *self, gint64 id)
{
  if (id == lead_department_id (self))
    return TRUE;
  for (guint i = 0; i < self->joint_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->joint_checks, i);

      if (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "department-id")) == (gsize) id)
        return gtk_check_button_get_active (check) && gtk_widget_get_sensitive (GTK_WIDGET (check));
    }
  return FALSE;
}

/* The check items offered are those of the departments taking part. */
static void
rebuild_items (SuijiTaskDialog *self)
{
  g_autoptr (GHashTable) checked = g_hash_table_new (NULL, NULL);
  g_autoptr (SuijiPagedList) items = suiji_item_list_new (self->db);
  SuijiItemFilter filter = { 0 };

  for (guint i = 0; i < self->item_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->item_rows, i);
      GtkWidget *check = g_object_get_data (G_OBJECT (row), "check");

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_hash_table_add (checked, g_object_get_data (G_OBJECT (row), "item-id"));
      adw_expander_row_remove (self->items_row, row);
    }
  g_ptr_array_set_size (self->item_rows, 0);

  if (!suiji_item_list_filter (items, &filter, NULL))
    return;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (items)); i++)
    {
      g_autoptr (SuijiItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);
      const SuijiItemRecord *record = suiji_item_get_record (item);
      GtkWidget             *row;
      GtkWidget             *check;

      if (!department_takes_part (self, record->department_id))
        continue;
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_check_button_set_active (
          GTK_CHECK_BUTTON (check),
          g_hash_table_contains (checked, GSIZE_TO_POINTER ((gsize) record->id)));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), record->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), record->category);
      g_object_set_data (G_OBJECT (row), "item-id", GSIZE_TO_POINTER ((gsize) record->id));
      g_object_set_data (G_OBJECT (row), "check", check);
      adw_expander_row_add_row (self->items_row, row);
      g_ptr_array_add (self->item_rows, row);
    }

  adw_expander_row_set_subtitle (
      self->items_row,
      self->item_rows->len == 0 ? _("The departments taking part have no check items yet") : NULL);
}

static SuijiTaskRecord *build_record (SuijiTaskDialog *self);

/* What the task allows but probably does not mean, said before it is made. */
static void
update_warnings (SuijiTaskDialog *self)
{
  g_autoptr (SuijiTaskRecord) record = NULL;
  g_auto (GStrv) warnings = NULL;
  g_autofree char *text = NULL;

  if (self->joint_checks == NULL)
    return;

  record = build_record (self);
  warnings = suiji_task_list_warnings (record);
  text = g_strjoinv ("\n", warnings);
  gtk_label_set_text (self->warning_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), *text != '\0');
}

static void
departments_changed_cb (SuijiTaskDialog *self)
{
  gint64 lead = lead_department_id (self);
  guint  n_joint = 0;

  /* The lead department cannot join its own task a second time. */
  for (guint i = 0; i < self->joint_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->joint_checks, i);
      gboolean   is_lead =
          GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "department-id")) == (gsize) lead;

      gtk_widget_set_sensitive (check, !is_lead);
      if (!is_lead && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        n_joint++;
    }

  if (n_joint == 0)
    adw_expander_row_set_subtitle (self->joint_row, _("None: an internal inspection (部门内部)"));
  else
    {
      g_autofree char *subtitle = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "%u department: a joint inspection (部门联合)",
                       "%u departments: a joint inspection (部门联合)", n_joint),
          n_joint);
      adw_expander_row_set_subtitle (self->joint_row, subtitle);
    }

  if (self->item_rows != NULL)
    rebuild_items (self);
  update_warnings (self);
}

static void
rules_mode_changed_cb (SuijiTaskDialog *self)
{
  gboolean           by_count = adw_combo_row_get_selected (self->rule_kind_row) == 1;
  gboolean           stratified = gtk_switch_get_active (self->stratified_switch);
  const char *const  all[] = { SUIJI_TASK_ALL_SUBJECTS, NULL };
  const char *const *strata = stratified ? (const char *const *) self->strata : all;

  if (self->rule_rows == NULL)
    return;

  for (guint i = 0; i < self->rule_rows->len; i++)
    adw_preferences_group_remove (self->rules_group, g_ptr_array_index (self->rule_rows, i));
  g_ptr_array_set_size (self->rule_rows, 0);

  for (guint i = 0; strata[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *spin;
      gpointer   bp = g_hash_table_lookup (self->default_bp, strata[i]);

      if (by_count)
        {
          spin = gtk_spin_button_new_with_range (0, 100000, 1);
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
        }
      else
        {
          spin = gtk_spin_button_new_with_range (0, 100, 0.1);
          gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 2);
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                                     bp != NULL ? (GPOINTER_TO_INT (bp) - 1) / 100.0 : 0);
        }
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_preferences_row_set_title (
          ADW_PREFERENCES_ROW (row),
          g_str_equal (strata[i], SUIJI_TASK_ALL_SUBJECTS) ? _("All Subjects") : strata[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   by_count ? _("Subjects to draw") : _("Percent of the class"));
      g_object_set_data_full (G_OBJECT (row), "stratum", g_strdup (strata[i]), g_free);
      g_object_set_data (G_OBJECT (row), "spin", spin);
      adw_preferences_group_add (self->rules_group, row);
      g_ptr_array_add (self->rule_rows, row);
    }
}

static char *
entry_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static char *
pool_filter (SuijiTaskDialog *self)
{
  const char *exclude[] = { "none", "same-items", "all" };
  struct
  {
    const char  *key;
    AdwComboRow *row;
  } choices[] = {
    { "type", self->type_row },
    { "region", self->region_row },
    { "industry", self->industry_row },
    { "label", self->label_row },
  };
  GString *filter = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      const char *value = chosen_value (choices[i].row);

      if (value != NULL)
        g_string_append_printf (filter, "%s=%s,", choices[i].key, value);
    }
  g_string_append_printf (filter, "status=%s,exclude=%s",
                          gtk_switch_get_active (self->all_statuses_switch) ? "all" : "active",
                          exclude[MIN (adw_combo_row_get_selected (self->exclude_row), 2)]);
  return g_string_free (filter, FALSE);
}

static SuijiTaskRecord *
build_record (SuijiTaskDialog *self)
{
  SuijiTaskRecord *record = suiji_task_record_new ();
  gint64           lead = lead_department_id (self);
  gboolean         by_count = adw_combo_row_get_selected (self->rule_kind_row) == 1;
  guint            none = 0;
  int              cap = gtk_spin_button_get_value_as_int (self->cap_spin);

  record->name = entry_text (self->name_row);
  record->year = gtk_spin_button_get_value_as_int (self->year_spin);
  g_free (record->origin);
  record->origin = g_strdup (adw_combo_row_get_selected (self->origin_row) == 1 ? "filed" : "plan");
  record->filed_on = entry_text (self->filed_on_row);
  g_free (record->filed_reason);
  record->filed_reason = entry_text (self->filed_reason_row);
  g_free (record->platform);
  record->platform =
      g_strdup (adw_combo_row_get_selected (self->platform_row) == 1 ? SUIJI_PLATFORM_OTHER
                                                                     : SUIJI_PLATFORM_HEBEI);
  record->period_start = entry_text (self->period_start_row);
  record->period_end = entry_text (self->period_end_row);
  record->stratified = gtk_switch_get_active (self->stratified_switch);
  record->inspectors_per_subject =
      (guint) gtk_spin_button_get_value_as_int (self->per_subject_spin);
  record->inspector_cap = cap > 0 ? cap : -1;
  g_free (record->pool_filter);
  record->pool_filter = pool_filter (self);

  if (lead != 0)
    {
      g_array_append_val (record->department_ids, lead);
      g_array_append_val (record->department_inspectors, none);
    }
  for (guint i = 0; i < self->joint_checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->joint_checks, i);
      gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "department-id"));

      if (id != lead && gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        {
          g_array_append_val (record->department_ids, id);
          g_array_append_val (record->department_inspectors, none);
        }
    }
  for (guint i = 0; i < self->item_rows->len; i++)
    {
      GObject   *row = g_ptr_array_index (self->item_rows, i);
      GtkWidget *check = g_object_get_data (row, "check");
      gint64     id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (row, "item-id"));

      if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        g_array_append_val (record->item_ids, id);
    }
  for (guint i = 0; i < self->rule_rows->len; i++)
    {
      GObject       *row = g_ptr_array_index (self->rule_rows, i);
      GtkSpinButton *spin = g_object_get_data (row, "spin");
      const char    *stratum = g_object_get_data (row, "stratum");

      if (by_count)
        suiji_task_record_add_rule (record, stratum, -1, gtk_spin_button_get_value_as_int (spin));
      else
        suiji_task_record_add_rule (record, stratum,
                                    (int) (gtk_spin_button_get_value (spin) * 100 + 0.5), -1);
    }

  return record;
}

static void
create_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiTaskDialog *self = SUIJI_TASK_DIALOG (widget);
  g_autoptr (SuijiTaskRecord) record = build_record (self);
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  if (suiji_task_check (record, &error))
    id = suiji_task_create (self->db, record, &error);
  if (id == 0)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals[CREATED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
suiji_task_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SUIJI_TYPE_TASK_DIALOG);

  G_OBJECT_CLASS (suiji_task_dialog_parent_class)->dispose (object);
}

static void
suiji_task_dialog_finalize (GObject *object)
{
  SuijiTaskDialog *self = (SuijiTaskDialog *) object;

  g_clear_object (&self->db);
  g_clear_object (&self->departments);
  g_clear_pointer (&self->joint_checks, g_ptr_array_unref);
  g_clear_pointer (&self->item_rows, g_ptr_array_unref);
  g_clear_pointer (&self->rule_rows, g_ptr_array_unref);
  g_clear_pointer (&self->strata, g_strfreev);
  g_clear_pointer (&self->default_bp, g_hash_table_unref);

  G_OBJECT_CLASS (suiji_task_dialog_parent_class)->finalize (object);
}

static void
suiji_task_dialog_class_init (SuijiTaskDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_task_dialog_dispose;
  object_class->finalize = suiji_task_dialog_finalize;

  /**
   * SuijiTaskDialog::created:
   * @task_id: the new task
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/suiji/Suiji/suiji-task-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, create_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, warning_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, year_spin);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, origin_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, filed_on_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, filed_reason_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, platform_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, period_start_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, period_end_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, lead_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, joint_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, items_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, rules_group);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, stratified_switch);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, rule_kind_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, region_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, industry_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, label_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, exclude_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, all_statuses_switch);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, per_subject_spin);
  gtk_widget_class_bind_template_child (widget_class, SuijiTaskDialog, cap_spin);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, origin_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, departments_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_warnings);
  gtk_widget_class_bind_template_callback (widget_class, rules_mode_changed_cb);

  gtk_widget_class_install_action (widget_class, "task.create", NULL, create_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK,
                                       "task.create", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
suiji_task_dialog_init (SuijiTaskDialog *self)
{
  const char *origins[] = { _("Yearly Plan"), _("Unplanned, Filed (备案)"), NULL };
  const char *platforms[] = { SUIJI_PLATFORM_HEBEI, SUIJI_PLATFORM_OTHER, NULL };
  const char *rule_kinds[] = { _("Ratio per Class"), _("Count per Class"), NULL };
  const char *excludes[] = { _("May Be Drawn Again"), _("Left Out for the Same Items"),
                             _("Left Out"), NULL };
  g_autoptr (GtkStringList) origin_list = gtk_string_list_new (origins);
  g_autoptr (GtkStringList) platform_list = gtk_string_list_new (platforms);
  g_autoptr (GtkStringList) rule_kind_list = gtk_string_list_new (rule_kinds);
  g_autoptr (GtkStringList) exclude_list = gtk_string_list_new (excludes);

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->origin_row, G_LIST_MODEL (origin_list));
  adw_combo_row_set_model (self->platform_row, G_LIST_MODEL (platform_list));
  adw_combo_row_set_model (self->rule_kind_row, G_LIST_MODEL (rule_kind_list));
  adw_combo_row_set_model (self->exclude_row, G_LIST_MODEL (exclude_list));
  /* The plan forbids checking the same enterprise twice for the same items. */
  adw_combo_row_set_selected (self->exclude_row, 1);
  name_changed_cb (self);
}

static GtkExpression *
department_name_expression (void)
{
  return gtk_property_expression_new (SUIJI_TYPE_DEPARTMENT, NULL, "name");
}

/**
 * suiji_task_dialog_new:
 *
 * Returns: (transfer none): the dialog, or %NULL with @error set when the
 *   database cannot give the departments and the defaults
 */
SuijiTaskDialog *
suiji_task_dialog_new (GtkWindow *parent, SuijiDatabase *db, GError **error)
{
  g_autoptr (GListModel) departments = suiji_department_list_all (db, error);
  g_autoptr (SuijiUnitProfile) profile = NULL;
  g_autoptr (SuijiTaskRecord) defaults = suiji_task_record_new ();
  g_auto (GStrv) types = NULL;
  g_auto (GStrv) regions = NULL;
  g_auto (GStrv) industries = NULL;
  g_auto (GStrv) labels = NULL;
  g_auto (GStrv) classes = NULL;
  g_autoptr (GStrvBuilder) strata = g_strv_builder_new ();
  SuijiTaskDialog *self;

  if (departments == NULL)
    return NULL;
  profile = suiji_unit_profile_load (db, error);
  regions = profile != NULL ? suiji_subject_list_values (db, "region", error) : NULL;
  industries = regions != NULL ? suiji_subject_list_values (db, "industry", error) : NULL;
  labels = industries != NULL ? suiji_label_names (db, error) : NULL;
  classes = labels != NULL ? suiji_credit_class_codes (db, error) : NULL;
  if (classes == NULL || !suiji_task_default_rules (db, defaults, error))
    return NULL;

  self = g_object_new (SUIJI_TYPE_TASK_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->departments = g_steal_pointer (&departments);
  self->joint_checks = g_ptr_array_new ();
  self->item_rows = g_ptr_array_new ();
  self->rule_rows = g_ptr_array_new ();
  self->default_bp = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gtk_spin_button_set_value (self->year_spin, profile->report_year);

  types = g_strsplit ("企业,个体工商户,农民专业合作社,其他", ",", -1);
  fill_choices (self->type_row, _("Any"), (const char *const *) types);
  fill_choices (self->region_row, _("Any"), (const char *const *) regions);
  fill_choices (self->industry_row, _("Any"), (const char *const *) industries);
  fill_choices (self->label_row, _("Any"), (const char *const *) labels);

  /* Stored plus one, so that a ratio of 0 is told from no default. */
  for (guint i = 0; i < defaults->rules->len; i++)
    {
      SuijiTaskRule *rule = g_ptr_array_index (defaults->rules, i);
      g_hash_table_insert (self->default_bp, g_strdup (rule->stratum),
                           GINT_TO_POINTER (rule->bp + 1));
    }
  g_strv_builder_addv (strata, (const char **) classes);
  g_strv_builder_add (strata, "未分类");
  self->strata = g_strv_builder_end (strata);

  adw_combo_row_set_expression (self->lead_row, department_name_expression ());
  adw_combo_row_set_model (self->lead_row, self->departments);
  for (guint i = 0; i < g_list_model_get_n_items (self->departments); i++)
    {
      g_autoptr (SuijiDepartment) department = g_list_model_get_item (self->departments, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     suiji_department_get_name (department));
      g_object_set_data (G_OBJECT (check), "department-id",
                         GSIZE_TO_POINTER ((gsize) suiji_department_get_id (department)));
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (departments_changed_cb), self);
      adw_expander_row_add_row (self->joint_row, row);
      g_ptr_array_add (self->joint_checks, check);
    }

  departments_changed_cb (self);
  rules_mode_changed_cb (self);
  return self;
}
