/* suiji-progress-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 工作进度 section: the three yearly targets as cards, the report
 * deadlines with the departments that have not reported, and the charts
 * month by month and by department, for a year and a unit (the region or
 * one department). The drawings are the core's (suiji-chart.c), in the
 * style's light or dark colours; a click on a bar or a point lists the
 * tasks behind it. Each chart and the summary report can be exported, and
 * a near or passed deadline is told once a day as a desktop notification.
 */

#define G_LOG_DOMAIN "suiji-progress-page"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-application.h"
#include "suiji-department.h"
#include "suiji-format.h"
#include "suiji-profile.h"
#include "suiji-progress-page.h"
#include "suiji-summary.h"
#include "suiji-task-row.h"

struct _SuijiProgressPage
{
  GtkBox parent_instance;

  /* Template widgets */
  GtkDrawingArea *credit_count_area;
  GtkDrawingArea *departments_area;
  GtkDrawingArea *joint_count_area;
  GtkDrawingArea *joint_subjects_area;
  AdwActionRow   *missing_row;
  GtkImage       *monthly_deadline_icon;
  AdwActionRow   *monthly_deadline_row;
  GtkLabel       *period_label;
  GtkImage       *progress_deadline_icon;
  AdwActionRow   *progress_deadline_row;
  GtkDrawingArea *trend_area;
  GtkDropDown    *unit_dropdown;
  GtkDropDown    *year_dropdown;

  /* The drawings by SuijiProgressArea, and what a click finds in each. */
  GtkDrawingArea *areas[SUIJI_PROGRESS_N_AREAS];
  GArray         *regions[SUIJI_PROGRESS_N_AREAS];

  /* Owned references */
  SuijiDatabase *db;
  SuijiProgress *progress;
  GArray        *years;    /* int, as the year list shows them */
  GArray        *unit_ids; /* gint64, as the unit list shows them: 0 is the region */
  GtkPopover    *tasks_popover;

  int      report_year; /* the profile's, when the lists were filled */
  GDate    today;
  gboolean today_fixed; /* by the tests; else it is read at each reload */
  gboolean filling_lists;
};

G_DEFINE_FINAL_TYPE (SuijiProgressPage, suiji_progress_page, GTK_TYPE_BOX)

enum
{
  ADD_TOAST,
  SHOW_TASK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (SuijiProgressPage *self, const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast        *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 6);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static void
update_today (SuijiProgressPage *self)
{
  g_autoptr (GDateTime) now = NULL;

  if (self->today_fixed)
    return;

  now = g_date_time_new_now_local ();
  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* The body text of the window, in pixels, which the charts take for their
 * own text. */
static double
body_font_size (GtkWidget *widget)
{
  const PangoFontDescription *font =
      pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  double size = font != NULL ? pango_font_description_get_size (font) / (double) PANGO_SCALE : 0;

  if (font != NULL && !pango_font_description_get_size_is_absolute (font))
    size *= 96.0 / 72.0;
  return size > 4 ? size : 14;
}

static void
draw_area_cb (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer user_data)
{
  SuijiProgressPage *self = user_data;
  SuijiProgressArea  which = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "area"));
  SuijiChartStyle    style = {
       .dark = adw_style_manager_get_dark (adw_style_manager_get_default ()),
       .font_size = body_font_size (GTK_WIDGET (area)) * 0.95,
  };

  g_array_set_size (self->regions[which], 0);
  if (self->progress == NULL)
    return;

  switch (which)
    {
    case SUIJI_PROGRESS_AREA_JOINT_COUNT:
    case SUIJI_PROGRESS_AREA_JOINT_SUBJECTS:
    case SUIJI_PROGRESS_AREA_CREDIT_COUNT:
      suiji_chart_render_target (self->progress, (SuijiTarget) which, cr, width, height, &style,
                                 self->regions[which]);
      break;
    case SUIJI_PROGRESS_AREA_TREND:
      suiji_chart_render (self->progress, SUIJI_CHART_TREND, cr, width, height, &style,
                          self->regions[which]);
      break;
    case SUIJI_PROGRESS_AREA_DEPARTMENTS:
    case SUIJI_PROGRESS_N_AREAS:
    default:
      suiji_chart_render (self->progress, SUIJI_CHART_DEPARTMENTS, cr, width, height, &style,
                          self->regions[which]);
      break;
    }
}

static void
queue_draw_all (SuijiProgressPage *self)
{
  for (guint i = 0; i < SUIJI_PROGRESS_N_AREAS; i++)
    gtk_widget_queue_draw (GTK_WIDGET (self->areas[i]));
}

/* What a card says, for screen readers and as its tooltip. */
static void
describe_areas (SuijiProgressPage *self)
{
  for (guint t = 0; t < SUIJI_N_TARGETS; t++)
    {
      const SuijiTargetProgress *target = &self->progress->progress[t];
      g_autofree char *value = suiji_progress_format_share (target->value_bp, target->target_bp);
      g_autofree char *goal = suiji_format_bp_as_percent (target->target_bp);
      g_autofree char *gap = suiji_target_progress_dup_gap_text (target);
      /* Translators: a target's card: its share, the target, what is needed */
      g_autofree char *description = g_strdup_printf (_("%s, target %s: %s"), value, goal, gap);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->areas[t]),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, suiji_target_get_title (t),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->areas[t]), description);
    }

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->areas[SUIJI_PROGRESS_AREA_TREND]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  suiji_chart_kind_get_title (SUIJI_CHART_TREND), -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->areas[SUIJI_PROGRESS_AREA_DEPARTMENTS]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  suiji_chart_kind_get_title (SUIJI_CHART_DEPARTMENTS), -1);
}

/* Deadlines */

static void
show_deadline (AdwActionRow *row, GtkImage *icon, const SuijiDeadlineStatus *status)
{
  g_autofree char *text = suiji_deadline_status_dup_text (status);
  g_autofree char *alert = suiji_deadline_status_dup_alert (status);

  adw_action_row_set_subtitle (row, text);
  gtk_image_set_from_icon_name (icon,
                                alert != NULL ? "dialog-warning-symbolic" : "task-due-symbolic");
  if (alert != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (icon), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (icon), "warning");
}

/* Tells the near or passed deadlines as a desktop notification, once a
 * day: the day is kept in the settings. Without a session bus there is no
 * one to tell; the day is kept all the same. */
static void
notify_deadlines (SuijiProgressPage *self, GPtrArray *alerts)
{
  GtkRoot         *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication  *application = NULL;
  GSettings       *settings = NULL;
  g_autofree char *today = suiji_date_dup_iso (&self->today);
  g_autofree char *last = NULL;
  g_autofree char *body = NULL;
  g_autoptr (GNotification) notification = NULL;

  if (alerts->len == 0)
    return;
  if (GTK_IS_WINDOW (root))
    application = gtk_window_get_application (GTK_WINDOW (root));
  if (!SUIJI_IS_APPLICATION (application))
    return;

  settings = suiji_application_get_settings (SUIJI_APPLICATION (application));
  if (settings != NULL)
    {
      last = g_settings_get_string (settings, "deadline-notified-on");
      if (g_strcmp0 (last, today) == 0)
        return;
    }

  g_ptr_array_add (alerts, NULL);
  body = g_strjoinv ("\n", (char **) alerts->pdata);
  g_ptr_array_remove_index (alerts, alerts->len - 1);

  notification = g_notification_new (_("Report deadlines"));
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  if (g_application_get_dbus_connection (G_APPLICATION (application)) != NULL)
    g_application_send_notification (G_APPLICATION (application), "report-deadlines", notification);
  else
    g_debug ("No session bus to notify of the deadlines: %s", body);

  if (settings != NULL)
    g_settings_set_string (settings, "deadline-notified-on", today);
}

static void
reload_deadlines (SuijiProgressPage *self)
{
  g_auto (SuijiDeadlineStatus) monthly = { 0 };
  g_auto (SuijiDeadlineStatus) progress = { 0 };
  g_autoptr (GPtrArray) alerts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *missing_title = NULL;
  char             month[64];
  GDate            first;

  if (!suiji_deadline_status_load (self->db, SUIJI_DEADLINE_MONTHLY_REPORT, &self->today, &monthly,
                                   &error) ||
      !suiji_deadline_status_load (self->db, SUIJI_DEADLINE_PROGRESS_REPORT, &self->today,
                                   &progress, &error))
    {
      show_toast (self, error->message);
      return;
    }

  show_deadline (self->monthly_deadline_row, self->monthly_deadline_icon, &monthly);
  show_deadline (self->progress_deadline_row, self->progress_deadline_icon, &progress);

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, (GDateMonth) monthly.month, (GDateYear) monthly.year);
  /* Translators: a month as in “March 2026” */
  g_date_strftime (month, sizeof month, _("%B %Y"), &first);
  missing_title = g_strdup_printf (_("Monthly forms of %s"), month);
  missing = suiji_deadline_status_dup_missing_text (&monthly);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->missing_row), missing_title);
  adw_action_row_set_subtitle (self->missing_row, missing);

  for (guint i = 0; i < 2; i++)
    {
      const SuijiDeadlineStatus *status = i == 0 ? &monthly : &progress;
      g_autofree char           *alert = suiji_deadline_status_dup_alert (status);

      if (alert != NULL)
        g_ptr_array_add (
            alerts,
            g_strdup_printf ("%s: %s", suiji_deadline_kind_get_title (status->kind), alert));
    }
  notify_deadlines (self, alerts);
}

/* The figures */

static int
selected_year (SuijiProgressPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);

  if (self->years == NULL || selected >= self->years->len)
    return 0;
  return g_array_index (self->years, int, selected);
}

static gint64
selected_unit (SuijiProgressPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);

  if (self->unit_ids == NULL || selected >= self->unit_ids->len)
    return 0;
  return g_array_index (self->unit_ids, gint64, selected);
}

static void
update_progress (SuijiProgressPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *until = NULL;
  int              year = selected_year (self);
  SuijiProgress   *progress;

  if (self->db == NULL || year == 0)
    return;

  update_today (self);
  until = suiji_progress_dup_default_until (year, &self->today);
  progress = suiji_progress_compute (self->db, year, until, selected_unit (self), &error);
  if (progress == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->progress, suiji_progress_free);
  self->progress = progress;

  /* The department chart gives every department a row of its own. */
  gtk_drawing_area_set_content_height (self->departments_area,
                                       160 + 40 * (int) progress->departments->len);
  describe_areas (self);
  queue_draw_all (self);
}

static void
selection_changed_cb (SuijiProgressPage *self)
{
  if (!self->filling_lists)
    update_progress (self);
}

/* Fills the year and unit lists, keeping the choice when it is still in
 * them; a new database starts at its report year and the region. */
static void
fill_lists (SuijiProgressPage *self)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) years = NULL;
  g_autoptr (GListModel) departments = NULL;
  g_autoptr (SuijiUnitProfile) profile = NULL;
  g_autoptr (GtkStringList) year_names = gtk_string_list_new (NULL);
  g_autoptr (GtkStringList) unit_names = gtk_string_list_new (NULL);
  int    keep_year = selected_year (self);
  gint64 keep_unit = selected_unit (self);
  guint  year_index = 0, unit_index = 0;
  gint64 region = 0;

  years = suiji_progress_list_years (self->db, &self->today, &error);
  if (years != NULL)
    departments = suiji_department_list_all (self->db, &error);
  if (departments != NULL)
    profile = suiji_unit_profile_load (self->db, &error);
  if (profile == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  /* A new report year in the profile (the sample data, the preferences)
   * is the year to show; else the one chosen stays. */
  if (keep_year == 0 || profile->report_year != self->report_year)
    keep_year = profile->report_year;
  self->report_year = profile->report_year;
  for (guint i = 0; i < years->len; i++)
    {
      int              year = g_array_index (years, int, i);
      g_autofree char *name = g_strdup_printf ("%d", year);

      gtk_string_list_append (year_names, name);
      if (year == keep_year)
        year_index = i;
    }

  g_clear_pointer (&self->unit_ids, g_array_unref);
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_string_list_append (unit_names, _("The whole region"));
  g_array_append_val (self->unit_ids, region);
  for (guint i = 0; i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr (SuijiDepartment) department = g_list_model_get_item (departments, i);
      gint64 id = suiji_department_get_id (department);

      gtk_string_list_append (unit_names, suiji_department_get_name (department));
      g_array_append_val (self->unit_ids, id);
      if (id == keep_unit)
        unit_index = self->unit_ids->len - 1;
    }

  self->filling_lists = TRUE;
  g_clear_pointer (&self->years, g_array_unref);
  self->years = g_steal_pointer (&years);
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (year_names));
  gtk_drop_down_set_selected (self->year_dropdown, year_index);
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (unit_names));
  gtk_drop_down_set_selected (self->unit_dropdown, unit_index);
  self->filling_lists = FALSE;
}

/* The tasks behind a bar */

static void
task_activated_cb (SuijiProgressPage *self, GtkListBoxRow *row)
{
  gtk_popover_popdown (self->tasks_popover);
  g_signal_emit (self, signals[SHOW_TASK], 0, suiji_task_row_get_task_id (SUIJI_TASK_ROW (row)));
}

static char *
describe_region (SuijiProgressPage *self, const SuijiChartRegion *region, guint n_tasks)
{
  const char      *what = region->target == SUIJI_TARGET_CREDIT_COUNT
                              ? _("Tasks drawn by credit-risk class")
                              : _("Joint tasks");
  const char      *unit = self->progress->unit_name;
  g_autofree char *until = NULL;
  GDate            end;

  for (guint i = 0; region->department_id != 0 && i < self->progress->departments->len; i++)
    {
      const SuijiDepartmentProgress *d = g_ptr_array_index (self->progress->departments, i);

      if (d->department_id == region->department_id)
        unit = d->name;
    }

  suiji_date_parse_iso (self->progress->until, &end);
  if (region->month != 0 && region->month < self->progress->n_months)
    {
      g_date_set_dmy (&end, 1, (GDateMonth) region->month, (GDateYear) self->progress->year);
      g_date_set_day (&end, g_date_get_days_in_month ((GDateMonth) region->month,
                                                      (GDateYear) self->progress->year));
    }
  until = suiji_progress_format_date (&end);

  /* Translators: what the tasks are, how many, the unit, the last day */
  return g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%s: %u task of %s to %s", "%s: %u tasks of %s to %s", n_tasks),
      what, n_tasks, unit, until);
}

static void
fill_popover (SuijiProgressPage *self, const char *title, GPtrArray *tasks)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (heading), 50);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);

  if (tasks->len > 0)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();
      GtkWidget *list = gtk_list_box_new ();

      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (guint i = 0; i < tasks->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (list),
                             suiji_task_row_new (g_ptr_array_index (tasks, i)));
      g_signal_connect_object (list, "row-activated", G_CALLBACK (task_activated_cb), self,
                               G_CONNECT_SWAPPED);

      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 380);
      gtk_widget_set_size_request (scrolled, 420, -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
      gtk_box_append (GTK_BOX (box), scrolled);
    }

  gtk_popover_set_child (self->tasks_popover, box);
}

static void
area_released_cb (GtkGestureClick *gesture, int n_press, double x, double y, gpointer user_data)
{
  SuijiProgressPage *self = user_data;
  GtkWidget         *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));

  suiji_progress_page_show_tasks_at (
      self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "area")), x, y);
}

/* The hand over what can be clicked. */
static void
area_motion_cb (GtkEventControllerMotion *motion, double x, double y, gpointer user_data)
{
  SuijiProgressPage *self = user_data;
  GtkWidget         *area = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (motion));
  SuijiProgressArea  which = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (area), "area"));

  gtk_widget_set_cursor_from_name (
      area, suiji_chart_find_region (self->regions[which], x, y) != NULL ? "pointer" : NULL);
}

/* Export */

static void
export_response_cb (GtkNativeDialog *chooser, int response, SuijiProgressPage *self)
{
  const char *what = g_object_get_data (G_OBJECT (chooser), "what");
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *message = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = g_file_get_path (file);
  if (path == NULL)
    return;

  /* A name typed without an ending gets the first format's. */
  lower = g_ascii_strdown (path, -1);
  if (!g_str_has_suffix (lower, ".png") && !g_str_has_suffix (lower, ".svg") &&
      !g_str_has_suffix (lower, ".pdf"))
    {
      g_autofree char *with_ending =
          g_strconcat (path, g_str_equal (what, "summary") ? ".pdf" : ".png", NULL);

      g_object_unref (file);
      file = g_file_new_for_path (with_ending);
    }

  if (!suiji_progress_page_export (self, what, file, &error))
    {
      show_toast (self, error->message);
      return;
    }

  {
    g_autofree char *name = g_file_get_basename (file);

    message = g_strdup_printf (_("Saved “%s”."), name);
  }
  show_toast (self, message);
}

static void
add_filter (GtkFileChooser *chooser, const char *name, const char *pattern)
{
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiProgressPage *self = SUIJI_PROGRESS_PAGE (widget);
  const char        *what = g_variant_get_string (parameter, NULL);
  gboolean           summary = g_str_equal (what, "summary");
  GtkRoot           *root = gtk_widget_get_root (widget);
  g_autoptr (GtkFileChooserNative) chooser = NULL;
  g_autofree char *name = NULL;

  if (self->progress == NULL)
    return;

  chooser = gtk_file_chooser_native_new (
      summary ? _("Export the Summary Report") : _("Export the Chart"),
      GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
      _("_Cancel"));
  name = g_strdup_printf ("%s-%d.%s", what, self->progress->year, summary ? "pdf" : "png");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  if (!summary)
    {
      add_filter (GTK_FILE_CHOOSER (chooser), _("PNG image"), "*.png");
      add_filter (GTK_FILE_CHOOSER (chooser), _("SVG image"), "*.svg");
    }
  add_filter (GTK_FILE_CHOOSER (chooser), _("PDF document"), "*.pdf");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_object_set_data_full (G_OBJECT (chooser), "what", g_strdup (what), g_free);

  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  /* The chooser keeps itself alive while it is shown. */
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* GObject */

static void
style_dark_changed_cb (SuijiProgressPage *self)
{
  queue_draw_all (self);
}

static void
suiji_progress_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (suiji_progress_page_parent_class)->map (widget);

  /* Tasks may have been drawn since: the figures are read again whenever
   * the section is shown. */
  update_progress (SUIJI_PROGRESS_PAGE (widget));
}

static void
suiji_progress_page_dispose (GObject *object)
{
  SuijiProgressPage *self = (SuijiProgressPage *) object;

  if (self->tasks_popover != NULL && gtk_widget_get_parent (GTK_WIDGET (self->tasks_popover)))
    gtk_widget_unparent (GTK_WIDGET (self->tasks_popover));
  g_clear_object (&self->tasks_popover);
  gtk_widget_dispose_template (GTK_WIDGET (self), SUIJI_TYPE_PROGRESS_PAGE);

  G_OBJECT_CLASS (suiji_progress_page_parent_class)->dispose (object);
}

static void
suiji_progress_page_finalize (GObject *object)
{
  SuijiProgressPage *self = (SuijiProgressPage *) object;

  g_clear_object (&self->db);
  g_clear_pointer (&self->progress, suiji_progress_free);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->unit_ids, g_array_unref);
  for (guint i = 0; i < SUIJI_PROGRESS_N_AREAS; i++)
    g_clear_pointer (&self->regions[i], g_array_unref);

  G_OBJECT_CLASS (suiji_progress_page_parent_class)->finalize (object);
}

static void
suiji_progress_page_class_init (SuijiProgressPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_progress_page_dispose;
  object_class->finalize = suiji_progress_page_finalize;
  widget_class->map = suiji_progress_page_map;

  signals[ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  /* A task of the list behind a bar was chosen. */
  signals[SHOW_TASK] = g_signal_new ("show-task", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/suiji-progress-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, credit_count_area);
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, departments_area);
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, joint_count_area);
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, joint_subjects_area);
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, missing_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, monthly_deadline_icon);
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, monthly_deadline_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, progress_deadline_icon);
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, progress_deadline_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, trend_area);
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SuijiProgressPage, year_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);

  gtk_widget_class_install_action (widget_class, "progress.export", "s", export_action);
}

static void
suiji_progress_page_init (SuijiProgressPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->areas[SUIJI_PROGRESS_AREA_JOINT_COUNT] = self->joint_count_area;
  self->areas[SUIJI_PROGRESS_AREA_JOINT_SUBJECTS] = self->joint_subjects_area;
  self->areas[SUIJI_PROGRESS_AREA_CREDIT_COUNT] = self->credit_count_area;
  self->areas[SUIJI_PROGRESS_AREA_TREND] = self->trend_area;
  self->areas[SUIJI_PROGRESS_AREA_DEPARTMENTS] = self->departments_area;

  for (guint i = 0; i < SUIJI_PROGRESS_N_AREAS; i++)
    {
      GtkGesture         *click = gtk_gesture_click_new ();
      GtkEventController *motion = gtk_event_controller_motion_new ();

      self->regions[i] = g_array_new (FALSE, FALSE, sizeof (SuijiChartRegion));
      g_object_set_data (G_OBJECT (self->areas[i]), "area", GUINT_TO_POINTER (i));
      gtk_drawing_area_set_draw_func (self->areas[i], draw_area_cb, self, NULL);
      g_signal_connect_object (click, "released", G_CALLBACK (area_released_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (self->areas[i]), GTK_EVENT_CONTROLLER (click));
      g_signal_connect_object (motion, "motion", G_CALLBACK (area_motion_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (self->areas[i]), motion);
    }

  gtk_label_set_text (self->period_label, _("Click a bar or a point to see the tasks behind it"));

  /* Held by the page, since it moves from drawing to drawing. */
  self->tasks_popover = g_object_ref_sink (GTK_POPOVER (gtk_popover_new ()));
  gtk_widget_set_parent (GTK_WIDGET (self->tasks_popover), GTK_WIDGET (self->trend_area));

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_dark_changed_cb), self, G_CONNECT_SWAPPED);
  update_today (self);
}

/* Public API */

void
suiji_progress_page_set_database (SuijiProgressPage *self, SuijiDatabase *db)
{
  g_return_if_fail (SUIJI_IS_PROGRESS_PAGE (self));
  g_return_if_fail (db == NULL || SUIJI_IS_DATABASE (db));

  if (g_set_object (&self->db, db))
    {
      /* Another database starts again at its report year. */
      g_clear_pointer (&self->years, g_array_unref);
      g_clear_pointer (&self->unit_ids, g_array_unref);
    }
  suiji_progress_page_reload (self);
}

/**
 * suiji_progress_page_reload:
 *
 * Reads the years, the units, the figures and the deadlines again, and
 * tells of a near deadline if that was not done today.
 */
void
suiji_progress_page_reload (SuijiProgressPage *self)
{
  g_return_if_fail (SUIJI_IS_PROGRESS_PAGE (self));

  g_clear_pointer (&self->progress, suiji_progress_free);
  queue_draw_all (self);
  if (self->db == NULL)
    return;

  update_today (self);
  fill_lists (self);
  update_progress (self);
  reload_deadlines (self);
}

/* For the tests: the day the deadlines and the default cut-off are
 * reckoned from. */
void
suiji_progress_page_set_today (SuijiProgressPage *self, const GDate *today)
{
  g_return_if_fail (SUIJI_IS_PROGRESS_PAGE (self));
  g_return_if_fail (g_date_valid (today));

  self->today = *today;
  self->today_fixed = TRUE;
}

/* Chooses the year and the unit (0: the region) the page shows. */
void
suiji_progress_page_select (SuijiProgressPage *self, int year, gint64 department_id)
{
  g_return_if_fail (SUIJI_IS_PROGRESS_PAGE (self));

  for (guint i = 0; self->years != NULL && i < self->years->len; i++)
    if (g_array_index (self->years, int, i) == year)
      gtk_drop_down_set_selected (self->year_dropdown, i);
  for (guint i = 0; self->unit_ids != NULL && i < self->unit_ids->len; i++)
    if (g_array_index (self->unit_ids, gint64, i) == department_id)
      gtk_drop_down_set_selected (self->unit_dropdown, i);
}

/* Returns: (transfer none) (nullable): the figures shown */
const SuijiProgress *
suiji_progress_page_get_progress (SuijiProgressPage *self)
{
  g_return_val_if_fail (SUIJI_IS_PROGRESS_PAGE (self), NULL);

  return self->progress;
}

/**
 * suiji_progress_page_get_regions:
 *
 * Returns: (transfer none) (element-type SuijiChartRegion): what can be
 *   clicked in a drawing, as it was last drawn, in its coordinates
 */
GArray *
suiji_progress_page_get_regions (SuijiProgressPage *self, SuijiProgressArea area)
{
  g_return_val_if_fail (SUIJI_IS_PROGRESS_PAGE (self), NULL);
  g_return_val_if_fail (area < SUIJI_PROGRESS_N_AREAS, NULL);

  return self->regions[area];
}

/**
 * suiji_progress_page_show_tasks_at:
 * @x: in the drawing's coordinates
 *
 * Lists the tasks behind the bar or point at (@x, @y) of a drawing in a
 * popover, as a click does.
 *
 * Returns: whether there was one
 */
gboolean
suiji_progress_page_show_tasks_at (SuijiProgressPage *self,
                                   SuijiProgressArea  area,
                                   double             x,
                                   double             y)
{
  const SuijiChartRegion *region;
  g_autoptr (SuijiStatisticsExplanation) explanation = NULL;
  g_autoptr (GPtrArray) tasks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  GdkRectangle     pointing_to;

  g_return_val_if_fail (SUIJI_IS_PROGRESS_PAGE (self), FALSE);
  g_return_val_if_fail (area < SUIJI_PROGRESS_N_AREAS, FALSE);

  if (self->progress == NULL || self->db == NULL ||
      (region = suiji_chart_find_region (self->regions[area], x, y)) == NULL)
    return FALSE;

  explanation = suiji_progress_explain (self->db, self->progress, region->target, region->month,
                                        region->department_id, &error);
  if (explanation != NULL)
    tasks = suiji_progress_list_tasks (self->db, explanation->task_ids, &error);
  if (tasks == NULL)
    {
      show_toast (self, error->message);
      return FALSE;
    }

  title = describe_region (self, region, tasks->len);
  fill_popover (self, title, tasks);

  if (gtk_widget_get_parent (GTK_WIDGET (self->tasks_popover)) != GTK_WIDGET (self->areas[area]))
    {
      gtk_widget_unparent (GTK_WIDGET (self->tasks_popover));
      gtk_widget_set_parent (GTK_WIDGET (self->tasks_popover), GTK_WIDGET (self->areas[area]));
    }
  pointing_to = (GdkRectangle){ (int) region->x, (int) region->y, MAX ((int) region->width, 1),
                                MAX ((int) region->height, 1) };
  gtk_popover_set_pointing_to (self->tasks_popover, &pointing_to);
  gtk_popover_popup (self->tasks_popover);
  return TRUE;
}

/**
 * suiji_progress_page_export:
 * @what: "targets", "trend", "departments" or "summary"
 * @file: where; a chart's format is its name's ending
 *
 * Writes a chart as shown (light, the usual size) or the summary report.
 */
gboolean
suiji_progress_page_export (SuijiProgressPage *self, const char *what, GFile *file, GError **error)
{
  g_autofree char *path = NULL;
  SuijiChartKind   kind;

  g_return_val_if_fail (SUIJI_IS_PROGRESS_PAGE (self), FALSE);
  g_return_val_if_fail (self->progress != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _("Choose a folder on this computer."));
      return FALSE;
    }

  if (g_strcmp0 (what, "summary") == 0)
    return suiji_summary_write_pdf (self->db, self->progress, &self->today, path, error);

  if (!suiji_chart_kind_from_string (what, &kind))
    g_return_val_if_reached (FALSE);
  return suiji_chart_export (self->progress, kind, path, 0, 0, NULL, error);
}
