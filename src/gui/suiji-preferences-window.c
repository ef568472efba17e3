/* suiji-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "suiji-backup.h"
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
  gboolean busy; /* a backup or a restore is running */

  /* Template widgets */
  AdwPreferencesGroup *backup_group;
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
  RESTORED,
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

/* Backup and restore */

/* The outcome of a backup or a restore, shown at once. */
static void
show_message (SuijiPreferencesWindow *self, const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast        *toast = adw_toast_new (markup);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), toast);
}

static void
set_busy (SuijiPreferencesWindow *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->backup_group), !busy);
}

typedef struct
{
  char *database_path;
  char *file;
  char *kept;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->database_path);
  g_free (job->file);
  g_free (job->kept);
  g_free (job);
}

/* A connection of the thread's own: the window's stays with the window. */
static void
backup_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDatabase) db = suiji_database_open (job->database_path, &error);

  if (db != NULL && suiji_backup_write (db, job->file, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
backup_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SuijiPreferencesWindow *self = SUIJI_PREFERENCES_WINDOW (source);
  BackupJob              *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    show_error (self, error);
  else
    {
      g_autofree char *name = g_filename_display_basename (job->file);
      g_autofree char *text = g_strdup_printf (_("Backup saved as “%s”"), name);

      show_message (self, text);
    }
}

static BackupJob *
backup_job_new (SuijiPreferencesWindow *self, const char *file)
{
  BackupJob *job = g_new0 (BackupJob, 1);

  job->database_path = g_strdup (suiji_database_get_path (self->db));
  job->file = g_strdup (file);
  return job;
}

/**
 * suiji_preferences_window_backup_to:
 *
 * Writes a backup of the database to @path in a worker thread and says
 * how it went in a toast.
 */
void
suiji_preferences_window_backup_to (SuijiPreferencesWindow *self, const char *path)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (SUIJI_IS_PREFERENCES_WINDOW (self));

  if (self->busy)
    return;
  set_busy (self, TRUE);
  task = g_task_new (self, NULL, backup_done_cb, NULL);
  g_task_set_task_data (task, backup_job_new (self, path), (GDestroyNotify) backup_job_free);
  g_task_run_in_thread (task, backup_thread);
}

/* The file the user chose, or NULL when they did not choose a local one. */
static char *
dup_chosen_path (int response, GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  return file != NULL ? g_file_get_path (file) : NULL;
}

static void
backup_response_cb (SuijiPreferencesWindow *self, int response, GtkFileChooserNative *chooser)
{
  g_autofree char *path = dup_chosen_path (response, chooser);

  if (path != NULL)
    suiji_preferences_window_backup_to (self, path);
}

static GtkFileChooserNative *
new_chooser (SuijiPreferencesWindow *self,
             const char             *title,
             GtkFileChooserAction    action,
             const char             *accept)
{
  GtkFileChooserNative *chooser =
      gtk_file_chooser_native_new (title, GTK_WINDOW (self), action, accept, _("_Cancel"));
  g_autoptr (GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) everything = gtk_file_filter_new ();

  gtk_file_filter_set_name (databases, _("Suiji databases and backups"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_filter_add_pattern (databases, "*.bak");
  gtk_file_filter_add_pattern (databases, "*.sqlite");
  gtk_file_filter_set_name (everything, _("All files"));
  gtk_file_filter_add_pattern (everything, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), databases);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), everything);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  return chooser;
}

static void
backup_clicked_cb (SuijiPreferencesWindow *self)
{
  g_autoptr (GtkFileChooserNative) chooser = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "suiji-%Y%m%d-%H%M.db");

  chooser =
      new_chooser (self, _("Back Up the Database"), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (backup_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
restore_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr (GError) error = NULL;

  if (suiji_backup_restore (job->database_path, job->file, &job->kept, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
restore_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SuijiPreferencesWindow *self = SUIJI_PREFERENCES_WINDOW (source);
  BackupJob              *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, error);
      return;
    }

  /* The fields show what the restored database holds, and the windows
   * open it again. */
  load (self);
  g_signal_emit (self, signals[RESTORED], 0);

  /* The kept copy's long name would not fit a toast; it is the file
   * beside the database that ends in .before-restore-DATE-TIME.bak. */
  name = g_filename_display_basename (job->file);
  if (job->kept != NULL)
    text = g_strdup_printf (_("Restored from “%s”; the old database is kept beside it"), name);
  else
    text = g_strdup_printf (_("Restored from “%s”"), name);
  show_message (self, text);
}

static void
restore_response_cb (SuijiPreferencesWindow *self, const char *response, AdwMessageDialog *dialog)
{
  g_autoptr (GTask) task = NULL;
  const char *path = g_object_get_data (G_OBJECT (dialog), "path");

  if (g_strcmp0 (response, "restore") != 0 || self->busy)
    return;

  set_busy (self, TRUE);
  task = g_task_new (self, NULL, restore_done_cb, NULL);
  g_task_set_task_data (task, backup_job_new (self, path), (GDestroyNotify) backup_job_free);
  g_task_run_in_thread (task, restore_thread);
}

/**
 * suiji_preferences_window_confirm_restore:
 *
 * Asks whether to replace the database with the backup @path; on yes,
 * restores it in a worker thread (the core checks the file first) and
 * emits #SuijiPreferencesWindow::restored.
 */
void
suiji_preferences_window_confirm_restore (SuijiPreferencesWindow *self, const char *path)
{
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  GtkWidget       *dialog;

  g_return_if_fail (SUIJI_IS_PREFERENCES_WINDOW (self));

  name = g_filename_display_basename (path);
  body = g_strdup_printf (_("Everything in the database is replaced with what “%s” holds. "
                             "The database as it is now is kept as a copy beside it, so "
                             "nothing is lost."),
                          name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Restore This Backup?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "restore",
                                    _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "restore",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "path", g_strdup (path), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
restore_chosen_cb (SuijiPreferencesWindow *self, int response, GtkFileChooserNative *chooser)
{
  g_autofree char *path = dup_chosen_path (response, chooser);

  if (path != NULL)
    suiji_preferences_window_confirm_restore (self, path);
}

static void
restore_clicked_cb (SuijiPreferencesWindow *self)
{
  g_autoptr (GtkFileChooserNative) chooser = NULL;

  chooser = new_chooser (self, _("Restore a Backup"), GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (restore_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * suiji_preferences_window_is_busy:
 *
 * Returns: whether a backup or a restore is running
 */
gboolean
suiji_preferences_window_is_busy (SuijiPreferencesWindow *self)
{
  g_return_val_if_fail (SUIJI_IS_PREFERENCES_WINDOW (self), FALSE);

  return self->busy;
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

  /**
   * SuijiPreferencesWindow::restored:
   *
   * Emitted after the database was restored from a backup: whoever shows
   * it should open it again.
   */
  signals[RESTORED] = g_signal_new ("restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/suiji-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, backup_group);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, contact_person_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, contact_phone_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, credit_count_spin);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, joint_count_spin);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, joint_subjects_spin);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, mobile_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, report_year_spin);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, targets_group);
  gtk_widget_class_bind_template_child (widget_class, SuijiPreferencesWindow, unit_name_row);
  gtk_widget_class_bind_template_callback (widget_class, backup_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, report_year_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);
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
