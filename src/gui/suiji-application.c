/* suiji-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-application"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "suiji-application.h"
#include "suiji-preferences-window.h"
#include "suiji-window.h"

struct _SuijiApplication
{
  AdwApplication parent_instance;

  SuijiDatabase *db;
  GSettings     *settings;
  char          *db_path_option;
  char          *open_error;
  gboolean       quit_after_first_frame;
};

G_DEFINE_FINAL_TYPE (SuijiApplication, suiji_application, ADW_TYPE_APPLICATION)

static SuijiWindow *
get_window (SuijiApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return SUIJI_IS_WINDOW (window) ? SUIJI_WINDOW (window) : NULL;
}

/* An explicit --db wins; then the file the user last opened; then the
 * default file in the user's data folder. */
static char *
dup_database_path (SuijiApplication *self)
{
  g_autofree char *remembered = NULL;

  if (self->db_path_option != NULL)
    return g_strdup (self->db_path_option);

  if (self->settings != NULL)
    remembered = g_settings_get_string (self->settings, "database-path");
  if (remembered != NULL && *remembered != '\0')
    return g_steal_pointer (&remembered);

  return suiji_database_dup_default_path ();
}

static void
open_initial_database (SuijiApplication *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = dup_database_path (self);

  if (self->db != NULL || self->open_error != NULL)
    return;

  self->db = suiji_database_open (path, &error);
  if (self->db == NULL)
    self->open_error = g_strdup (error->message);
}

static void
print_first_frame_cb (GdkFrameClock *frame_clock, SuijiApplication *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, print_first_frame_cb, self);

  /* CLOCK_MONOTONIC is shared by all processes, so the benchmark that
   * started us can subtract its own start time. */
  printf ("first-frame-monotonic-us: %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  {
    g_autofree char *status = NULL;
    const char      *rss;

    /* The resident memory at that moment and at most, for the benchmark's
     * figures. */
    if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
        (rss = strstr (status, "VmRSS:")) != NULL)
      printf ("rss-kb: %" G_GINT64_FORMAT "\n",
              g_ascii_strtoll (rss + strlen ("VmRSS:"), NULL, 10));
    if (status != NULL && (rss = strstr (status, "VmHWM:")) != NULL)
      printf ("hwm-kb: %" G_GINT64_FORMAT "\n",
              g_ascii_strtoll (rss + strlen ("VmHWM:"), NULL, 10));
  }
  fflush (stdout);
  g_application_quit (G_APPLICATION (self));
}

static void
window_mapped_cb (GtkWidget *window, SuijiApplication *self)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (frame_clock, "after-paint", G_CALLBACK (print_first_frame_cb), self);
}

static void
suiji_application_activate (GApplication *application)
{
  SuijiApplication *self = SUIJI_APPLICATION (application);
  SuijiWindow      *window = get_window (self);

  if (window == NULL)
    {
      open_initial_database (self);
      window = suiji_window_new (ADW_APPLICATION (self));
      if (self->db != NULL)
        suiji_window_set_database (window, self->db);
      else
        suiji_window_show_open_error (window, self->open_error);

      if (self->quit_after_first_frame)
        g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), self);
    }

  gtk_window_present (GTK_WINDOW (window));
}

static int
suiji_application_handle_local_options (GApplication *application, GVariantDict *options)
{
  SuijiApplication *self = SUIJI_APPLICATION (application);
  g_autofree char  *db_path = NULL;

  if (g_variant_dict_lookup (options, "version", "b", NULL))
    {
      printf ("suiji %s\n", PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^ay", &db_path))
    {
      self->db_path_option = g_canonicalize_filename (db_path, NULL);
      /* A window on another database file is its own instance: the running
       * one keeps the database it has. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }

  self->quit_after_first_frame = g_variant_dict_contains (options, "quit-after-first-frame");
  if (self->quit_after_first_frame)
    g_application_set_flags (application,
                             g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);

  return G_APPLICATION_CLASS (suiji_application_parent_class)
      ->handle_local_options (application, options);
}

/* A monthly form with unsaved changes is saved or given up first. */
static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SuijiWindow *window = get_window (user_data);

  if (window != NULL)
    suiji_window_quit (window);
  else
    g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SuijiApplication *self = user_data;
  const char       *developers[] = { _("The Suiji developers"), NULL };

  adw_show_about_window (GTK_WINDOW (get_window (self)), "application-name", _("Suiji"),
                         "application-icon", APP_ID, "version", PACKAGE_VERSION, "developer-name",
                         _("The Suiji developers"), "developers", developers, "comments",
                         _("Random inspections with random inspectors and public results "
                            "(双随机、一公开): directories, verifiable draws, monthly forms "
                            "and progress toward the yearly targets."),
                         "website", "https://github.com/suiji/suiji", "issue-url",
                         "https://github.com/suiji/suiji/issues", "license-type",
                         GTK_LICENSE_GPL_3_0, "copyright", "© 2026 The Suiji developers",
                         /* Translators: your names, one per line */
                         "translator-credits", _("translator-credits"), NULL);
}

static void
preferences_changed_cb (SuijiApplication *self)
{
  SuijiWindow *window = get_window (self);

  if (window != NULL)
    suiji_window_refresh (window);
}

static void
show_error_dialog (SuijiApplication *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (get_window (self)), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The restore wrote into the file the application has open: opening it
 * again rebuilds every list and page from what it now holds. */
static void
database_restored_cb (SuijiApplication *self, SuijiPreferencesWindow *preferences)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->db == NULL)
    return;
  path = g_strdup (suiji_database_get_path (self->db));
  if (!suiji_application_open_database (self, path, &error))
    show_error_dialog (self, _("The Database Could Not Be Opened"), error->message);
}

static void
preferences_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SuijiApplication       *self = user_data;
  SuijiPreferencesWindow *preferences;

  if (self->db == NULL)
    return;

  preferences = suiji_preferences_window_new (self->db);
  gtk_window_set_transient_for (GTK_WINDOW (preferences), GTK_WINDOW (get_window (self)));
  g_signal_connect_object (preferences, "changed", G_CALLBACK (preferences_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (preferences, "restored", G_CALLBACK (database_restored_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
open_database_response_cb (SuijiApplication *self, int response, GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  if (path == NULL)
    return;

  if (!suiji_application_open_database (self, path, &error))
    {
      show_error_dialog (self, _("The Database Could Not Be Opened"), error->message);
      return;
    }

  if (self->settings != NULL && self->db_path_option == NULL)
    g_settings_set_string (self->settings, "database-path", path);
}

static void
choose_database (SuijiApplication *self)
{
  g_autoptr (GtkFileChooserNative) chooser = NULL;
  g_autoptr (GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) everything = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Open Database File"), GTK_WINDOW (get_window (self)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_file_filter_set_name (databases, _("Suiji databases"));
  gtk_file_filter_add_pattern (databases, "*.db");
  gtk_file_filter_add_pattern (databases, "*.sqlite");
  gtk_file_filter_add_pattern (databases, "*.sqlite3");
  gtk_file_filter_set_name (everything, _("All files"));
  gtk_file_filter_add_pattern (everything, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), databases);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), everything);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  g_signal_connect_object (chooser, "response", G_CALLBACK (open_database_response_cb), self,
                           G_CONNECT_SWAPPED);
  /* The chooser keeps itself alive while it is shown. */
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_database_answered_cb (gboolean proceed, gpointer user_data)
{
  g_autoptr (SuijiApplication) self = user_data;

  if (proceed)
    choose_database (self);
}

/* Another database replaces the monthly form on screen: its unsaved
 * changes are saved or given up first. */
static void
open_database_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  SuijiApplication *self = user_data;
  SuijiWindow      *window = get_window (self);

  if (window != NULL)
    suiji_window_ask_to_save (window, open_database_answered_cb, g_object_ref (self));
  else
    choose_database (self);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "open-database", open_database_action },
};

/* The keys this build reads and writes. */
static const char *const settings_keys[] = {
  "window-width",  "window-height",        "window-maximized",
  "database-path", "deadline-notified-on", "seal-path",
};

static gboolean
schema_has_every_key (GSettingsSchema *schema)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings_keys); i++)
    {
      if (!g_settings_schema_has_key (schema, settings_keys[i]))
        {
          g_warning ("The installed settings schema %s has no key “%s”: it is older than this "
                     "build, which keeps no settings until the schema is installed again.",
                     BASE_ID, settings_keys[i]);
          return FALSE;
        }
    }
  return TRUE;
}

static void
suiji_application_startup (GApplication *application)
{
  SuijiApplication      *self = SUIJI_APPLICATION (application);
  GSettingsSchemaSource *source;
  g_autoptr (GSettingsSchema) schema = NULL;
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };
  const char *open_accels[] = { "<Control>o", NULL };
  const char *shortcuts_accels[] = { "<Control>question", NULL };

  G_APPLICATION_CLASS (suiji_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.open-database", open_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         shortcuts_accels);

  /* A build run without its schema installed simply remembers nothing;
   * so does one that finds an older schema installed, which GSettings
   * would abort on at the first key it lacks. */
  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, BASE_ID, TRUE);
  if (schema != NULL && schema_has_every_key (schema))
    self->settings = g_settings_new (BASE_ID);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
suiji_application_finalize (GObject *object)
{
  SuijiApplication *self = (SuijiApplication *) object;

  g_clear_object (&self->db);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->db_path_option, g_free);
  g_clear_pointer (&self->open_error, g_free);

  G_OBJECT_CLASS (suiji_application_parent_class)->finalize (object);
}

static void
suiji_application_class_init (SuijiApplicationClass *klass)
{
  GObjectClass      *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = suiji_application_finalize;
  app_class->activate = suiji_application_activate;
  app_class->startup = suiji_application_startup;
  app_class->handle_local_options = suiji_application_handle_local_options;
}

static void
suiji_application_init (SuijiApplication *self)
{
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Open this database file instead of the default one"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { "quit-after-first-frame", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, NULL, NULL, NULL },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), entries);
}

SuijiApplication *
suiji_application_new (void)
{
  return g_object_new (SUIJI_TYPE_APPLICATION, "application-id", APP_ID, "flags",
                       G_APPLICATION_DEFAULT_FLAGS, "resource-base-path", RESOURCE_PATH, NULL);
}

/**
 * suiji_application_get_database:
 *
 * Returns: (transfer none) (nullable): the open database
 */
SuijiDatabase *
suiji_application_get_database (SuijiApplication *self)
{
  g_return_val_if_fail (SUIJI_IS_APPLICATION (self), NULL);

  return self->db;
}

/**
 * suiji_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, or %NULL when the
 *   schema is not installed
 */
GSettings *
suiji_application_get_settings (SuijiApplication *self)
{
  g_return_val_if_fail (SUIJI_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * suiji_application_open_database:
 *
 * Switches the application to another database file. On failure the
 * database that was open stays open.
 */
gboolean
suiji_application_open_database (SuijiApplication *self, const char *path, GError **error)
{
  g_autoptr (SuijiDatabase) db = NULL;
  SuijiWindow *window;

  g_return_val_if_fail (SUIJI_IS_APPLICATION (self), FALSE);

  db = suiji_database_open (path, error);
  if (db == NULL)
    return FALSE;

  g_set_object (&self->db, db);
  g_clear_pointer (&self->open_error, g_free);

  window = get_window (self);
  if (window != NULL)
    suiji_window_set_database (window, self->db);

  return TRUE;
}
