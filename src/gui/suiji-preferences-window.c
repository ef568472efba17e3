/* suiji-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "suiji-preferences-window.h"
#include "suiji-profile.h"

/* Typing is saved shortly after the last key, not on every key. */
#define SAVE_DELAY_MS 400

struct _SuijiPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  /* Owned references */
  SuijiDatabase *db;

  guint    save_source;
  gboolean loading;

  /* Template widgets */
  AdwEntryRow         *contact_person_row;
  AdwEntryRow         *contact_phone_row;
  GtkSpinButton       *credit_count_spin;
  GtkSpinButton       *joint_count_spin;
  GtkSpinButton       *joint_subjects_spin;
  AdwEntryRow         *mobile_row;
  GtkSpinButton       *report_year_spin;
  AdwPreferencesGroup *targets_group;
  AdwEntryRow         *unit_name_row;
};

G_DEFINE_FINAL_TYPE (SuijiPreferencesWindow, suiji_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
spin_to_bp (GtkSpinButton *spin)
{
  return (int) lround (gtk_spin_button_get_value (spin) * 100.0);
}

static void
show_error (SuijiPreferencesWindow *self, const GError *error)
{
  g_autofree char *markup = g_markup_escape_text (error->message, -1);
  AdwToast        *toast = adw_toast_new (markup);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
load_targets (SuijiPreferencesWindow *self, int year)
{
  g_autoptr (GError) error = NULL;
  g_autofree char   *title = NULL;
  SuijiYearlyTargets targets;

  if (!suiji_yearly_targets_load (self->db, year, &targets, &error))
    {
      show_error (self, error);
      return;
    }

  self->loading = TRUE;
  gtk_spin_button_set_value (self->joint_count_spin, targets.joint_count_bp / 100.0);
  gtk_spin_button_set_value (self->joint_subjects_spin, targets.joint_subjects_bp / 100.0);
  gtk_spin_button_set_value (self->credit_count_spin, targets.credit_count_bp / 100.0);
  self->loading = FALSE;

  title = g_strdup_printf (_("Targets of %d"), year);
  adw_preferences_group_set_title (self->targets_group, title);
}

static void
load (SuijiPreferencesWindow *self)
{
  g_autoptr (SuijiUnitProfile) profile = NULL;
  g_autoptr (GError) error = NULL;

  profile = suiji_unit_profile_load (self->db, &error);
  if (profile == NULL)
    {
      show_error (self, error);
      return;
    }

  self->loading = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->unit_name_row), profile->unit_name);
  gtk_editable_set_text (GTK_EDITABLE (self->contact_person_row), profile->contact_person);
  gtk_editable_set_text (GTK_EDITABLE (self->contact_phone_row), profile->contact_phone);
  gtk_editable_set_text (GTK_EDITABLE (self->mobile_row), profile->mobile);
  gtk_spin_button_set_value (self->report_year_spin, profile->report_year);
  self->loading = FALSE;

  load_targets (self, profile->report_year);
}

/* Marks the row whose text the core refused, so the user sees where. */
static void
mark_invalid_rows (SuijiPreferencesWindow *self, const GError *error)
{
  const struct
  {
    GtkWidget        *row;
    SuijiProfileError code;
  } checked[] = {
    { GTK_WIDGET (self->contact_phone_row), SUIJI_PROFILE_ERROR_INVALID_PHONE },
    { GTK_WIDGET (self->mobile_row), SUIJI_PROFILE_ERROR_INVALID_MOBILE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (checked); i++)
    {
      if (error != NULL && g_error_matches (error, SUIJI_PROFILE_ERROR, checked[i].code))
        {
          gtk_widget_add_css_class (checked[i].row, "error");
          gtk_widget_set_tooltip_text (checked[i].row, error->message);
        }
      else
        {
          gtk_widget_remove_css_class (checked[i].row, "error");
          gtk_widget_set_tooltip_text (checked[i].row, NULL);
        }
    }
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  SuijiPreferencesWindow *self = user_data;
  g_autoptr (GError) error = NULL;

  self->save_source = 0;

  if (!suiji_preferences_window_save (self, &error))
    show_error (self, error);

  return G_SOURCE_REMOVE;
}

static void
schedule_save (SuijiPreferencesWindow *self)
{
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
field_changed_cb (SuijiPreferencesWindow *self)
{
  g_assert (SUIJI_IS_PREFERENCES_WINDOW (self));

  if (!self->loading)
    schedule_save (self);
}

static void
report_year_changed_cb (SuijiPreferencesWindow *self)
{
  g_assert (SUIJI_IS_PREFERENCES_WINDOW (self));

  if (self->loading)
    return;

  /* The targets shown are those of the year chosen, so the pending
   * targets of the old year are saved before the new ones are read. */
  if (self->save_source != 0)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      save_timeout_cb (self);
    }

  {
    g_autoptr (SuijiUnitProfile) profile = suiji_unit_profile_load (self->db, NULL);
    g_autoptr (GError) error = NULL;

    if (profile != NULL)
      {
        profile->report_year = gtk_spin_button_get_value_as_int (self->report_year_spin);
        if (!suiji_unit_profile_save (self->db, profile, &error))
          show_error (self, error);
        else
          g_signal_emit (self, signals[CHANGED], 0);
      }
  }

  load_targets (self, gtk_spin_button_get_value_as_int (self->report_year_spin));
}

static gboolean
suiji_preferences_window_close_request (GtkWindow *window)
{
  SuijiPreferencesWindow *self = SUIJI_PREFERENCES_WINDOW (window);

  if (self->save_source != 0)
    {
      g_clear_handle_id (&self->save_source, g_source_remove);
      save_timeout_cb (self);
    }

  return GTK_WINDOW_CLASS (suiji_preferences_window_parent_class)->close_request (window);
}

static void
suiji_preferences_window_dispose (GObject *object)
{
  SuijiPreferencesWindow *self = (SuijiPreferencesWindow *) object;

  g_clear_handle_id (&self->save_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SUIJI_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (suiji_preferences_window_parent_class)->dispose (object);
}

static void
suiji_preferences_window_finalize (GObject *object)
{
  SuijiPreferencesWindow *self = (SuijiPreferencesWindow *) object;

  g_clear_object (&self->db);

  G_OBJECT_CLASS (suiji_preferences_window_parent_class)->finalize (object);
}

static void
suiji_preferences_window_class_init (SuijiPreferencesWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = suiji_preferences_window_dispose;
  object_class->finalize = suiji_preferences_window_finalize;
  window_class->close_request = suiji_preferences_window_close_request;

  /**
   * SuijiPreferencesWindow::changed:
   *
   * Emitted after a change was saved to the database.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/suiji-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, contact_person_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, contact_phone_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, credit_count_spin);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, joint_count_spin);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, joint_subjects_spin);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, mobile_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, report_year_spin);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, targets_group);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, unit_name_row);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, report_year_changed_cb);
}

static void
suiji_preferences_window_init (SuijiPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

SuijiPreferencesWindow *
suiji_preferences_window_new (SuijiDatabase *db)
{
  SuijiPreferencesWindow *self;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  self = g_object_new (SUIJI_TYPE_PREFERENCES_WINDOW, NULL);
  self->db = g_object_ref (db);
  load (self);

  return self;
}

/**
 * suiji_preferences_window_save:
 *
 * Writes what the window shows to the database now. The core checks it;
 * what it refuses is marked and nothing is written.
 */
gboolean
suiji_preferences_window_save (SuijiPreferencesWindow *self, GError **error)
{
  SuijiUnitProfile   profile;
  SuijiYearlyTargets targets;
  gboolean           saved;

  g_return_val_if_fail (SUIJI_IS_PREFERENCES_WINDOW (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);

  profile.unit_name =
      g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->unit_name_row))));
  profile.contact_person =
      g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->contact_person_row))));
  profile.contact_phone =
      g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->contact_phone_row))));
  profile.mobile = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->mobile_row))));
  profile.report_year = gtk_spin_button_get_value_as_int (self->report_year_spin);

  targets.year = profile.report_year;
  targets.joint_count_bp = spin_to_bp (self->joint_count_spin);
  targets.joint_subjects_bp = spin_to_bp (self->joint_subjects_spin);
  targets.credit_count_bp = spin_to_bp (self->credit_count_spin);

  {
    g_autoptr (GError) local_error = NULL;

    saved = suiji_unit_profile_save_with_targets (self->db, &profile, &targets, &local_error);
    mark_invalid_rows (self, local_error);
    if (local_error != NULL)
      g_propagate_error (error, g_steal_pointer (&local_error));
  }

  g_free (profile.unit_name);
  g_free (profile.contact_person);
  g_free (profile.contact_phone);
  g_free (profile.mobile);

  if (saved)
    g_signal_emit (self, signals[CHANGED], 0);

  return saved;
}
