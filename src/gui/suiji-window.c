/* suiji-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-window"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-application.h"
#include "suiji-department.h"
#include "suiji-directories-page.h"
#include "suiji-forms-page.h"
#include "suiji-progress-page.h"
#include "suiji-tasks-page.h"
#include "suiji-profile.h"
#include "suiji-sample-data.h"
#include "suiji-window.h"

struct _SuijiWindow
{
  AdwApplicationWindow parent_instance;

  /* Owned references */
  SuijiDatabase *db;
  GSettings     *settings;

  /* Set once the user chose to work on an empty database. */
  gboolean started_empty;
  /* Set once unsaved forms were saved or given up, so closing goes on. */
  gboolean close_confirmed;
  gboolean quit_after_close;

  /* The sections other than the directories, built when first shown or
   * asked for, or after the first frame: building them with the window
   * made the start ~35 ms longer. NULL until built. */
  SuijiFormsPage    *forms_page;
  SuijiProgressPage *progress_page;
  SuijiTasksPage    *tasks_page;
  guint              build_sections_source;

  /* Template widgets */
  SuijiDirectoriesPage *directories_page;
  AdwStatusPage        *error_page;
  AdwBin               *forms_bin;
  AdwLeaflet           *leaflet;
  GtkStack             *main_stack;
  AdwBin               *progress_bin;
  AdwWindowTitle       *section_title;
  GtkStack             *section_stack;
  GtkListBox           *sidebar;
  AdwBin               *tasks_bin;
  AdwToastOverlay      *toast_overlay;
  GtkLabel             *welcome_path_label;
};

G_DEFINE_FINAL_TYPE (SuijiWindow, suiji_window, ADW_TYPE_APPLICATION_WINDOW)

static const char *const section_names[] = { "directories", "tasks", "forms", "progress" };

static void page_add_toast_cb (SuijiWindow *self, AdwToast *toast);
static void show_task_cb (SuijiWindow *self, gint64 task_id);

/* Builds a section's page into its place in the stack, with the signals
 * every page sends the window. */
static gpointer
place_section (SuijiWindow *self, AdwBin *bin, GType type, gboolean shows_tasks)
{
  GtkWidget *page = g_object_new (type, NULL);

  g_signal_connect_swapped (page, "add-toast", G_CALLBACK (page_add_toast_cb), self);
  if (shows_tasks)
    g_signal_connect_swapped (page, "show-task", G_CALLBACK (show_task_cb), self);
  adw_bin_set_child (bin, page);
  return page;
}

static SuijiTasksPage *
ensure_tasks_page (SuijiWindow *self)
{
  if (self->tasks_page == NULL)
    {
      self->tasks_page = place_section (self, self->tasks_bin, SUIJI_TYPE_TASKS_PAGE, FALSE);
      suiji_tasks_page_set_database (self->tasks_page, self->db);
    }

  return self->tasks_page;
}

static SuijiFormsPage *
ensure_forms_page (SuijiWindow *self)
{
  if (self->forms_page == NULL)
    {
      self->forms_page = place_section (self, self->forms_bin, SUIJI_TYPE_FORMS_PAGE, TRUE);
      if (self->db != NULL)
        {
          suiji_forms_page_set_database (self->forms_page, self->db);
          suiji_forms_page_reload (self->forms_page);
        }
    }

  return self->forms_page;
}

/* The progress page tells of a near deadline once it has read the
 * database, which is why the first frame builds it soon after. */
static SuijiProgressPage *
ensure_progress_page (SuijiWindow *self)
{
  if (self->progress_page == NULL)
    {
      self->progress_page =
          place_section (self, self->progress_bin, SUIJI_TYPE_PROGRESS_PAGE, TRUE);
      if (self->db != NULL)
        suiji_progress_page_set_database (self->progress_page, self->db);
    }

  return self->progress_page;
}

static void
ensure_section (SuijiWindow *self, const char *name)
{
  if (g_strcmp0 (name, "tasks") == 0)
    ensure_tasks_page (self);
  else if (g_strcmp0 (name, "forms") == 0)
    ensure_forms_page (self);
  else if (g_strcmp0 (name, "progress") == 0)
    ensure_progress_page (self);
}

/* One section per idle turn, after the first frame, so that no later
 * switch waits for one. */
static gboolean
build_next_section_cb (gpointer data)
{
  SuijiWindow *self = data;

  if (self->progress_page == NULL)
    ensure_progress_page (self);
  else if (self->tasks_page == NULL)
    ensure_tasks_page (self);
  else if (self->forms_page == NULL)
    ensure_forms_page (self);

  if (self->progress_page != NULL && self->tasks_page != NULL && self->forms_page != NULL)
    {
      self->build_sections_source = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
first_frame_painted_cb (GdkFrameClock *frame_clock, SuijiWindow *self)
{
  g_signal_handlers_disconnect_by_func (frame_clock, first_frame_painted_cb, self);

  if (self->build_sections_source == 0)
    self->build_sections_source =
        g_idle_add_full (G_PRIORITY_LOW, build_next_section_cb, self, NULL);
}

static void
suiji_window_map (GtkWidget *widget)
{
  SuijiWindow *self = SUIJI_WINDOW (widget);

  GTK_WIDGET_CLASS (suiji_window_parent_class)->map (widget);

  if (self->progress_page == NULL || self->tasks_page == NULL || self->forms_page == NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (first_frame_painted_cb), self, 0);
}

static void
update_sections (SuijiWindow *self)
{
  g_autoptr (SuijiUnitProfile) profile = NULL;
  g_autoptr (GError) error = NULL;

  suiji_directories_page_set_database (self->directories_page, self->db);
  suiji_directories_page_reload (self->directories_page);
  if (self->tasks_page != NULL)
    suiji_tasks_page_set_database (self->tasks_page, self->db);
  if (self->forms_page != NULL)
    {
      suiji_forms_page_set_database (self->forms_page, self->db);
      suiji_forms_page_reload (self->forms_page);
    }

  profile = suiji_unit_profile_load (self->db, &error);
  if (profile == NULL)
    {
      suiji_window_add_toast (self, error->message);
      return;
    }

  adw_window_title_set_subtitle (self->section_title, profile->unit_name);

  if (self->progress_page != NULL)
    suiji_progress_page_set_database (self->progress_page, self->db);
}

static void
update_actions (SuijiWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-sample-data", self->db != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.start-empty", self->db != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", self->db != NULL);
}

static void
sidebar_row_selected_cb (SuijiWindow *self, GtkListBoxRow *row)
{
  const char *name;

  g_assert (SUIJI_IS_WINDOW (self));

  if (row == NULL)
    return;

  name = gtk_widget_get_name (GTK_WIDGET (row));
  ensure_section (self, name);
  gtk_stack_set_visible_child_name (self->section_stack, name);
  adw_window_title_set_title (
      self->section_title,
      gtk_stack_page_get_title (gtk_stack_get_page (
          self->section_stack, gtk_stack_get_visible_child (self->section_stack))));
}

static void
sidebar_row_activated_cb (SuijiWindow *self, GtkListBoxRow *row)
{
  g_assert (SUIJI_IS_WINDOW (self));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
load_sample_data_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiWindow *self = SUIJI_WINDOW (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char      *message = NULL;
  SuijiSampleDataCounts counts;

  g_assert (SUIJI_IS_WINDOW (self));
  g_return_if_fail (self->db != NULL);

  if (!suiji_sample_data_fill (self->db, SUIJI_SAMPLE_DEFAULT_SUBJECTS, SUIJI_SAMPLE_DEFAULT_SEED,
                               &counts, &error))
    {
      suiji_window_add_toast (self, error->message);
      return;
    }

  if (counts.departments + counts.subjects + counts.inspectors + counts.items == 0)
    message = g_strdup (_("The sample data was already loaded"));
  else
    message = g_strdup_printf (_("Sample data loaded: %u subjects, %u inspectors, %u check items"),
                               counts.subjects, counts.inspectors, counts.items);

  suiji_window_refresh (self);
  suiji_window_add_toast (self, message);
}

static void
start_empty_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiWindow *self = SUIJI_WINDOW (widget);

  self->started_empty = TRUE;
  suiji_window_refresh (self);
}

static void
show_section_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  suiji_window_show_section (SUIJI_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_sidebar_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiWindow *self = SUIJI_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
page_add_toast_cb (SuijiWindow *self, AdwToast *toast)
{
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (toast));
}

/* A task listed behind a progress chart or a figure of a form opens in the
 * task section. */
static void
show_task_cb (SuijiWindow *self, gint64 task_id)
{
  suiji_tasks_page_reload (ensure_tasks_page (self));
  suiji_tasks_page_select_task (self->tasks_page, task_id);
  suiji_window_show_section (self, "tasks");
}

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiWindow *self = SUIJI_WINDOW (widget);

  self->started_empty = TRUE;
  suiji_window_refresh (self);
  suiji_window_show_section (self, "directories");
  suiji_directories_page_import_file (self->directories_page, NULL);
}

/* A CSV or xlsx file dropped anywhere on the window starts an import. */
static gboolean
file_dropped_cb (GtkDropTarget *target, const GValue *value, double x, double y, SuijiWindow *self)
{
  GSList *files;

  if (self->db == NULL || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  if (files == NULL)
    return FALSE;

  self->started_empty = TRUE;
  suiji_window_refresh (self);
  suiji_window_show_section (self, "directories");
  suiji_directories_page_import_file (self->directories_page, files->data);
  g_slist_free (files);
  return TRUE;
}

static void
close_confirmed_cb (gpointer user_data)
{
  g_autoptr (SuijiWindow) self = user_data;
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  self->close_confirmed = TRUE;
  if (self->quit_after_close && application != NULL)
    g_application_quit (G_APPLICATION (application));
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
close_answered_cb (gboolean proceed, gpointer user_data)
{
  SuijiWindow *self = user_data;

  if (!proceed)
    {
      self->quit_after_close = FALSE;
      g_object_unref (self);
      return;
    }

  /* Closed once the question has gone: it is a window of this window. */
  g_idle_add_once (close_confirmed_cb, self);
}

/* A monthly form with unsaved changes is saved or given up before the
 * window goes. */
static gboolean
suiji_window_close_request (GtkWindow *window)
{
  SuijiWindow *self = SUIJI_WINDOW (window);

  if (!self->close_confirmed && self->forms_page != NULL &&
      suiji_forms_page_get_modified (self->forms_page))
    {
      suiji_forms_page_ask_to_save (self->forms_page, close_answered_cb, g_object_ref (self));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (suiji_window_parent_class)->close_request (window);
}

/* The window's size is the user's, not the data's: it lives in GSettings.
 * The application is known only once construction has set it. */
static void
suiji_window_constructed (GObject *object)
{
  SuijiWindow    *self = (SuijiWindow *) object;
  GtkApplication *application;

  G_OBJECT_CLASS (suiji_window_parent_class)->constructed (object);

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (SUIJI_IS_APPLICATION (application))
    self->settings = suiji_application_get_settings (SUIJI_APPLICATION (application));
  if (self->settings == NULL)
    return;

  g_object_ref (self->settings);
  g_settings_bind (self->settings, "window-width", self, "default-width", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-height", self, "default-height",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "window-maximized", self, "maximized", G_SETTINGS_BIND_DEFAULT);
}

/* GtkApplication would build gtk/help-overlay.ui with every window, which
 * costs the start ~13 ms: this builds the shortcuts window when first asked
 * for, and hands it to the window as its help overlay, as GTK would. */
static void
show_help_overlay_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);

  if (gtk_application_window_get_help_overlay (window) == NULL)
    {
      g_autoptr (GtkBuilder) builder =
          gtk_builder_new_from_resource (RESOURCE_PATH "/suiji-shortcuts-window.ui");

      gtk_application_window_set_help_overlay (
          window, GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "shortcuts_window")));
    }

  gtk_window_present (GTK_WINDOW (gtk_application_window_get_help_overlay (window)));
}

static void
suiji_window_dispose (GObject *object)
{
  SuijiWindow *self = (SuijiWindow *) object;

  g_clear_handle_id (&self->build_sections_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SUIJI_TYPE_WINDOW);
  self->forms_page = NULL;
  self->progress_page = NULL;
  self->tasks_page = NULL;

  G_OBJECT_CLASS (suiji_window_parent_class)->dispose (object);
}

static void
suiji_window_finalize (GObject *object)
{
  SuijiWindow *self = (SuijiWindow *) object;

  g_clear_object (&self->db);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (suiji_window_parent_class)->finalize (object);
}

static void
suiji_window_class_init (SuijiWindowClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = suiji_window_constructed;
  object_class->dispose = suiji_window_dispose;
  object_class->finalize = suiji_window_finalize;

  widget_class->map = suiji_window_map;
  window_class->close_request = suiji_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/suiji-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiWindow, directories_page);
  gtk_widget_class_bind_template_child (widget_class, SuijiWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, SuijiWindow, forms_bin);
  gtk_widget_class_bind_template_child (widget_class, SuijiWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SuijiWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, SuijiWindow, progress_bin);
  gtk_widget_class_bind_template_child (widget_class, SuijiWindow, section_title);
  gtk_widget_class_bind_template_child (widget_class, SuijiWindow, section_stack);
  gtk_widget_class_bind_template_child (widget_class, SuijiWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, SuijiWindow, tasks_bin);
  gtk_widget_class_bind_template_child (widget_class, SuijiWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SuijiWindow, welcome_path_label);
  /* Named for the tests, which check these widgets; the code needs no field. */
  gtk_widget_class_bind_template_child_full (widget_class, "import_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "load_sample_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "menu_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, page_add_toast_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_task_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);

  gtk_widget_class_install_action (widget_class, "win.load-sample-data", NULL,
                                   load_sample_data_action);
  gtk_widget_class_install_action (widget_class, "win.start-empty", NULL, start_empty_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.show-section", "s", show_section_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);

  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.show-section", "s", section_names[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import",
                                       NULL);

  g_type_ensure (SUIJI_TYPE_DIRECTORIES_PAGE);
}

static void
suiji_window_init (SuijiWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_list_box_select_row (self->sidebar, gtk_list_box_get_row_at_index (self->sidebar, 0));
  update_actions (self);

  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect_object (target, "drop", G_CALLBACK (file_dropped_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
}

SuijiWindow *
suiji_window_new (AdwApplication *application)
{
  return g_object_new (SUIJI_TYPE_WINDOW, "application", application, NULL);
}

void
suiji_window_set_database (SuijiWindow *self, SuijiDatabase *db)
{
  g_return_if_fail (SUIJI_IS_WINDOW (self));
  g_return_if_fail (!db || SUIJI_IS_DATABASE (db));

  if (g_set_object (&self->db, db))
    {
      self->started_empty = FALSE;
      suiji_window_refresh (self);
    }
}

/**
 * suiji_window_show_open_error:
 *
 * Shows why no database could be opened, with the ways out.
 */
void
suiji_window_show_open_error (SuijiWindow *self, const char *message)
{
  g_return_if_fail (SUIJI_IS_WINDOW (self));

  g_clear_object (&self->db);
  adw_status_page_set_description (self->error_page, message);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
  update_actions (self);
}

/**
 * suiji_window_refresh:
 *
 * Reads what the window shows from the database again, after the data
 * changed elsewhere (preferences, an import, the command line).
 */
void
suiji_window_refresh (SuijiWindow *self)
{
  g_autofree char *path_text = NULL;

  g_return_if_fail (SUIJI_IS_WINDOW (self));

  update_actions (self);
  if (self->db == NULL)
    return;

  path_text = g_strdup_printf (_("Database: %s"), suiji_database_get_path (self->db));
  gtk_label_set_text (self->welcome_path_label, path_text);

  update_sections (self);

  if (suiji_database_is_empty (self->db) && !self->started_empty)
    gtk_stack_set_visible_child_name (self->main_stack, "welcome");
  else
    gtk_stack_set_visible_child_name (self->main_stack, "workspace");
}

void
suiji_window_show_section (SuijiWindow *self, const char *name)
{
  g_return_if_fail (SUIJI_IS_WINDOW (self));

  for (guint i = 0; i < G_N_ELEMENTS (section_names); i++)
    {
      if (g_strcmp0 (section_names[i], name) == 0)
        {
          gtk_list_box_select_row (self->sidebar, gtk_list_box_get_row_at_index (self->sidebar, i));
          adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
          return;
        }
    }

  g_warning ("No section named “%s”", name);
}

/**
 * suiji_window_get_visible_page:
 *
 * Returns: "welcome", "error", or the name of the section on screen
 */
const char *
suiji_window_get_visible_page (SuijiWindow *self)
{
  const char *page;

  g_return_val_if_fail (SUIJI_IS_WINDOW (self), NULL);

  page = gtk_stack_get_visible_child_name (self->main_stack);
  if (g_strcmp0 (page, "workspace") == 0)
    return gtk_stack_get_visible_child_name (self->section_stack);

  return page;
}

void
suiji_window_add_toast (SuijiWindow *self, const char *text)
{
  g_autofree char *markup = NULL;
  AdwToast        *toast;

  g_return_if_fail (SUIJI_IS_WINDOW (self));

  /* Toast titles are Pango markup; messages may quote file names with “&”. */
  markup = g_markup_escape_text (text, -1);
  toast = adw_toast_new (markup);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * suiji_window_quit:
 *
 * Quits the application, once a monthly form with unsaved changes has
 * been saved or given up.
 */
void
suiji_window_quit (SuijiWindow *self)
{
  GtkApplication *application;

  g_return_if_fail (SUIJI_IS_WINDOW (self));

  application = gtk_window_get_application (GTK_WINDOW (self));
  if (self->forms_page == NULL || !suiji_forms_page_get_modified (self->forms_page))
    {
      if (application != NULL)
        g_application_quit (G_APPLICATION (application));
      return;
    }

  self->quit_after_close = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

/**
 * suiji_window_ask_to_save:
 *
 * Before something replaces the open database: asks about a monthly form
 * with unsaved changes, then calls @answer.
 */
void
suiji_window_ask_to_save (SuijiWindow *self, SuijiFormsPageAnswer answer, gpointer user_data)
{
  g_return_if_fail (SUIJI_IS_WINDOW (self));

  if (self->forms_page == NULL)
    answer (TRUE, user_data);
  else
    suiji_forms_page_ask_to_save (self->forms_page, answer, user_data);
}

/**
 * suiji_window_get_tasks_page:
 *
 * Returns: (transfer none): the task section, built if it was not yet
 */
SuijiTasksPage *
suiji_window_get_tasks_page (SuijiWindow *self)
{
  g_return_val_if_fail (SUIJI_IS_WINDOW (self), NULL);

  return ensure_tasks_page (self);
}

/**
 * suiji_window_get_forms_page:
 *
 * Returns: (transfer none): the monthly forms' section, built if it was not yet
 */
SuijiFormsPage *
suiji_window_get_forms_page (SuijiWindow *self)
{
  g_return_val_if_fail (SUIJI_IS_WINDOW (self), NULL);

  return ensure_forms_page (self);
}

/**
 * suiji_window_get_progress_page:
 *
 * Returns: (transfer none): the progress section, built if it was not yet
 */
SuijiProgressPage *
suiji_window_get_progress_page (SuijiWindow *self)
{
  g_return_val_if_fail (SUIJI_IS_WINDOW (self), NULL);

  return ensure_progress_page (self);
}
