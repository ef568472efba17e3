/* suiji-forms-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 月报表 section: pick the form (附件1 of the region, 附件2 of a
 * department), the unit and the month; the report opens as the paper
 * form, to type or paste into, with every broken rule marked on its cell
 * and listed below. Saving is explicit and goes through the core in one
 * transaction; unsaved changes are never dropped without asking. From
 * here the form goes out as xlsx, PDF or print, and the departments'
 * forms come in: imported from their Excel files, with a list of who has
 * reported for the month and the deadline, and 附件1 built from them.
 */

#define G_LOG_DOMAIN "suiji-forms-page"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-application.h"
#include "suiji-deadlines.h"
#include "suiji-department.h"
#include "suiji-form-export.h"
#include "suiji-form-gather.h"
#include "suiji-form-grid.h"
#include "suiji-form-import.h"
#include "suiji-form-xlsx.h"
#include "suiji-forms-page.h"
#include "suiji-profile.h"
#include "suiji-progress.h"
#include "suiji-statistics.h"
#include "suiji-task-row.h"

/* An import lists this many cells it could not read; the rest are counted. */
#define MAX_LISTED_IMPORT_PROBLEMS 12

struct _SuijiFormsPage
{
  GtkBox parent_instance;

  /* Set while the page, off screen, has not read the database again. */
  gboolean reload_pending;

  /* Template widgets */
  GtkStack        *content_stack;
  GtkLabel        *deadline_label;
  GtkToggleButton *department_button;
  GtkWidget       *fill_button;
  SuijiFormGrid   *grid;
  GtkDropDown     *month_dropdown;
  GtkWidget       *problems_button;
  GtkLabel        *problems_count;
  GtkLabel        *problems_heading;
  GtkImage        *problems_icon;
  GtkListBox      *problems_list;
  GtkToggleButton *region_button;
  GtkWidget       *save_button;
  GtkLabel        *status_label;
  GtkWidget       *submit_button;
  GtkToggleButton *submissions_button;
  GtkButton       *gather_button;
  GtkLabel        *submissions_deadline;
  GtkLabel        *submissions_heading;
  GtkListBox      *submissions_list;
  GtkDropDown     *unit_dropdown;
  GtkSpinButton   *year_spin;

  /* Owned references */
  SuijiDatabase   *db;
  SuijiFormReport *report;
  /* The unit's reports of the months around this one, for the rule that
   * cumulative figures never go down. */
  SuijiFormReport *previous;
  SuijiFormReport *next;
  GPtrArray       *problems;       /* SuijiFormProblem, as on screen */
  GArray          *department_ids; /* gint64, in the order of the unit list */
  cairo_surface_t *seal;
  GtkPopover      *explain_popover; /* what makes the figure of a cell */

  int           profile_year;  /* the report year of the profile, as last read */
  SuijiFormKind units_kind;    /* what the unit list holds */
  gint64        department_id; /* the department last chosen for 附件2 */
  gboolean      show_seal;
  gboolean      import_after_load;
  gboolean      asking;
  guint         syncing; /* > 0 while the pickers are set from code */
};

G_DEFINE_FINAL_TYPE (SuijiFormsPage, suiji_forms_page, GTK_TYPE_BOX)

static void reload_now (SuijiFormsPage *self);
static void load_if_pending (SuijiFormsPage *self);

enum
{
  PROP_0,
  PROP_SHOW_SEAL,
  N_PROPS
};

enum
{
  ADD_TOAST,
  SHOW_TASK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static const char *const month_names[] = {
  N_("January"),   N_("February"), N_("March"),    N_("April"),
  N_("May"),       N_("June"),     N_("July"),     N_("August"),
  N_("September"), N_("October"),  N_("November"), N_("December"),
};

static void load_target (SuijiFormsPage *self);
static void choose_seal (SuijiFormsPage *self);
static void choose_import_file (SuijiFormsPage *self);

static void
show_toast (SuijiFormsPage *self, const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast        *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, 6);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static GtkWindow *
parent_window (SuijiFormsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_message (SuijiFormsPage *self, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static GSettings *
get_settings (SuijiFormsPage *self)
{
  GtkWindow      *window = parent_window (self);
  GtkApplication *application = window != NULL ? gtk_window_get_application (window) : NULL;

  return SUIJI_IS_APPLICATION (application)
             ? suiji_application_get_settings (SUIJI_APPLICATION (application))
             : NULL;
}

static char *
dup_month_text (int year, int month)
{
  /* Translators: a month and its year, as “March 2025” */
  return g_strdup_printf (_("%s %d"), _(month_names[month - 1]), year);
}

static void
today_date (GDate *today)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (today, 1);
  g_date_set_dmy (today, (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now), (GDateYear) g_date_time_get_year (now));
}

/* The monthly forms are due before the 23rd of their month. */
static void
month_deadline (int year, int month, SuijiDeadline *deadline)
{
  GDate first;

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, (GDateMonth) month, (GDateYear) year);
  suiji_deadline_next (SUIJI_DEADLINE_MONTHLY_REPORT, &first, deadline);
}

static char *
format_date (const GDate *date)
{
  char text[64];

  /* Translators: a date as in “December 23, 2026” */
  g_date_strftime (text, sizeof text, _("%B %-d, %Y"), date);
  return g_strdup (text);
}

/* Beside the month picked, the year goes without saying. */
static char *
format_day (const GDate *date)
{
  char text[64];

  /* Translators: a day of the year as in “December 23” */
  g_date_strftime (text, sizeof text, _("%B %-d"), date);
  return g_strdup (text);
}

/* 2025-03-20T14:03:05 as 2025-03-20 14:03. */
static char *
format_saved_at (const char *saved_at)
{
  g_autofree char *text = g_strndup (saved_at != NULL ? saved_at : "", 16);

  g_strdelimit (text, "T", ' ');
  return g_steal_pointer (&text);
}

/* The pickers */

static SuijiFormKind
picked_kind (SuijiFormsPage *self)
{
  return gtk_toggle_button_get_active (self->department_button) ? SUIJI_FORM_DEPARTMENT
                                                                : SUIJI_FORM_REGION;
}

static gint64
picked_department (SuijiFormsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);

  if (picked_kind (self) != SUIJI_FORM_DEPARTMENT || selected >= self->department_ids->len)
    return 0;
  return g_array_index (self->department_ids, gint64, selected);
}

static int
picked_year (SuijiFormsPage *self)
{
  return gtk_spin_button_get_value_as_int (self->year_spin);
}

static int
picked_month (SuijiFormsPage *self)
{
  return (int) MIN (gtk_drop_down_get_selected (self->month_dropdown), 11) + 1;
}

/* Lists the units of a form: the profile's unit for 附件1, the departments
 * for 附件2, keeping the department chosen last. */
static void
fill_units (SuijiFormsPage *self, SuijiFormKind kind)
{
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr (GError) error = NULL;
  guint selected = 0;

  self->syncing++;
  g_array_set_size (self->department_ids, 0);
  self->units_kind = kind;

  if (kind == SUIJI_FORM_REGION)
    {
      g_autoptr (SuijiUnitProfile) profile =
          self->db != NULL ? suiji_unit_profile_load (self->db, &error) : NULL;

      gtk_string_list_append (names, profile != NULL && *profile->unit_name != '\0'
                                         ? profile->unit_name
                                         : _("The unit of the profile"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->unit_dropdown), FALSE);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->unit_dropdown),
                                   _("附件1 is the form of the region as a whole, under the unit "
                                      "of the profile; change the unit in Preferences"));
    }
  else
    {
      g_autoptr (GListModel) departments =
          self->db != NULL ? suiji_department_list_all (self->db, &error) : NULL;

      for (guint i = 0; departments != NULL && i < g_list_model_get_n_items (departments); i++)
        {
          g_autoptr (SuijiDepartment) department = g_list_model_get_item (departments, i);
          gint64 id = suiji_department_get_id (department);

          if (id == self->department_id)
            selected = i;
          g_array_append_val (self->department_ids, id);
          gtk_string_list_append (names, suiji_department_get_name (department));
        }
      if (self->department_ids->len == 0)
        gtk_string_list_append (names, _("No departments yet"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->unit_dropdown), self->department_ids->len > 0);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->unit_dropdown),
                                   _("The department whose 附件2 this is"));
    }

  if (error != NULL)
    show_toast (self, error->message);
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->unit_dropdown, selected);
  self->syncing--;
}

/* Shows in the pickers the report that is open. */
static void
sync_pickers (SuijiFormsPage *self)
{
  SuijiFormKind kind;
  gint64        department_id;

  if (self->report == NULL)
    return;

  self->syncing++;
  kind = suiji_form_report_get_kind (self->report);
  department_id = suiji_form_report_get_department_id (self->report);
  gtk_toggle_button_set_active (
      kind == SUIJI_FORM_DEPARTMENT ? self->department_button : self->region_button, TRUE);
  if (kind == SUIJI_FORM_DEPARTMENT)
    self->department_id = department_id;
  fill_units (self, kind);
  gtk_spin_button_set_value (self->year_spin, suiji_form_report_get_year (self->report));
  gtk_drop_down_set_selected (self->month_dropdown,
                              (guint) suiji_form_report_get_month (self->report) - 1);
  self->syncing--;
}

static gboolean
report_is_picked (SuijiFormsPage *self)
{
  return self->report != NULL && suiji_form_report_get_kind (self->report) == picked_kind (self) &&
         suiji_form_report_get_department_id (self->report) == picked_department (self) &&
         suiji_form_report_get_year (self->report) == picked_year (self) &&
         suiji_form_report_get_month (self->report) == picked_month (self);
}

/* What the page shows */

static void
update_deadline (SuijiFormsPage *self)
{
  SuijiDeadline    deadline;
  GDate            today;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;
  gboolean         submitted = self->report != NULL &&
                       suiji_form_report_get_status (self->report) == SUIJI_FORM_STATUS_SUBMITTED;
  gboolean late;
  int      days_left;

  month_deadline (picked_year (self), picked_month (self), &deadline);
  today_date (&today);
  days_left = suiji_deadline_days_left (&deadline, &today);
  date = format_day (&deadline.before);

  late = days_left <= 0 && !submitted;
  if (submitted)
    text = g_strdup_printf (_("Submitted; due before %s"), date);
  else if (late)
    text = g_strdup_printf (_("Was due before %s"), date);
  else if (days_left == 1)
    text = g_strdup_printf (_("Before %s: today is the last day"), date);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Before %s: %d day left",
                                         "Before %s: %d days left", days_left - 1),
                            date, days_left - 1);

  gtk_label_set_text (self->deadline_label, text);
  if (late)
    gtk_widget_add_css_class (GTK_WIDGET (self->deadline_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->deadline_label), "warning");
}

static void
update_actions (SuijiFormsPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean   has_report = self->report != NULL;
  gboolean   modified = has_report && suiji_form_report_get_modified (self->report);
  gboolean   never_saved = has_report && suiji_form_report_get_revision (self->report) == 0;
  gboolean   submitted =
      has_report && suiji_form_report_get_status (self->report) == SUIJI_FORM_STATUS_SUBMITTED;
  gboolean region = has_report && suiji_form_report_get_kind (self->report) == SUIJI_FORM_REGION;

  gtk_widget_action_set_enabled (widget, "forms.save", modified || never_saved);
  gtk_widget_action_set_enabled (widget, "forms.submit", has_report && !submitted);
  gtk_widget_action_set_enabled (widget, "forms.withdraw", submitted);
  gtk_widget_action_set_enabled (widget, "forms.undo", suiji_form_grid_get_can_undo (self->grid));
  gtk_widget_action_set_enabled (widget, "forms.redo", suiji_form_grid_get_can_redo (self->grid));
  gtk_widget_action_set_enabled (widget, "forms.export", has_report);
  gtk_widget_action_set_enabled (widget, "forms.print", has_report);
  gtk_widget_action_set_enabled (widget, "forms.import", has_report);
  gtk_widget_action_set_enabled (widget, "forms.open-department", self->db != NULL);
  gtk_widget_action_set_enabled (widget, "forms.import-department", self->db != NULL);
  gtk_widget_action_set_enabled (widget, "forms.fill", has_report);
  gtk_widget_action_set_enabled (widget, "forms.explain", has_report && self->db != NULL);
  gtk_widget_action_set_enabled (widget, "forms.gather", region);

  gtk_widget_set_tooltip_text (
      self->save_button, !has_report ? _("Choose a form to save")
                         : modified || never_saved
                             ? _("Save the form (Ctrl+S); each save is kept as a version")
                             : _("Nothing to save: the form has not changed since it was saved"));
  gtk_widget_set_visible (self->submit_button, !submitted);
  gtk_widget_set_tooltip_text (
      self->submit_button, _("Save the form and mark it submitted; refused while a rule of the "
                              "plan is broken"));
  gtk_widget_set_tooltip_text (
      self->fill_button, has_report ? _("Take every figure from the tasks, draws and results "
                                         "recorded up to the end of the month, or up to "
                                         "today while it is under way; one step of undo")
                                    : _("Choose a form to fill"));
  gtk_widget_set_tooltip_text (
      GTK_WIDGET (self->gather_button),
      region ? _("Fill 附件1 with each department’s own inspections from its 附件2, or from "
                  "the records where it sent none, and the joint inspections from the records, "
                  "once each; one step of undo")
             : _("Only 附件1 is built from the departments’ reports: choose 附件1 above"));
}

static void
update_status (SuijiFormsPage *self)
{
  g_autofree char *state = NULL;
  g_autofree char *text = NULL;

  if (self->report == NULL)
    {
      gtk_label_set_text (self->status_label, "");
      update_actions (self);
      return;
    }

  if (suiji_form_report_get_revision (self->report) == 0)
    state = g_strdup (_("Not saved yet"));
  else
    {
      g_autofree char *saved_at = format_saved_at (suiji_form_report_get_saved_at (self->report));

      if (suiji_form_report_get_status (self->report) == SUIJI_FORM_STATUS_SUBMITTED)
        state = g_strdup_printf (_("Submitted · version %u · saved %s"),
                                 suiji_form_report_get_revision (self->report), saved_at);
      else
        state = g_strdup_printf (_("Draft · version %u · saved %s"),
                                 suiji_form_report_get_revision (self->report), saved_at);
    }

  if (suiji_form_report_get_modified (self->report))
    text = g_strdup_printf ("%s · %s", state, _("unsaved changes"));
  else
    text = g_steal_pointer (&state);

  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), text);
  update_actions (self);
  update_deadline (self);
}

static GtkWidget *
create_problem_row (const SuijiFormProblem *problem)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (problem->severity == SUIJI_FORM_PROBLEM_HARD
                                                      ? "dialog-error-symbolic"
                                                      : "dialog-warning-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), problem->severity == SUIJI_FORM_PROBLEM_HARD
                                                         ? _("Must be corrected before submitting")
                                                         : _("Allowed, but worth a second look"));
  gtk_widget_add_css_class (icon,
                            problem->severity == SUIJI_FORM_PROBLEM_HARD ? "error" : "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-jump-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_widget_set_tooltip_text (row, _("Go to the cell"));
  g_object_set_data (G_OBJECT (row), "row", GUINT_TO_POINTER (problem->row));
  g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (problem->column));
  return row;
}

/* Checks every rule again and marks what breaks, on the cells and below. */
static void
update_problems (SuijiFormsPage *self)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autofree char *heading = NULL;
  GtkWidget       *child;
  guint            n_hard, n_soft;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->problems_list))) != NULL)
    gtk_list_box_remove (self->problems_list, child);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  if (self->report == NULL)
    {
      suiji_form_grid_set_problems (self->grid, NULL);
      gtk_widget_set_visible (self->problems_button, FALSE);
      gtk_label_set_text (self->problems_heading, "");
      return;
    }

  problems = suiji_form_report_validate (self->report, self->previous, self->next);
  self->problems = g_ptr_array_ref (problems);
  suiji_form_grid_set_problems (self->grid, problems);
  n_hard = suiji_form_problems_count_hard (problems);
  n_soft = problems->len - n_hard;

  for (guint i = 0; i < problems->len; i++)
    gtk_list_box_append (self->problems_list, create_problem_row (g_ptr_array_index (problems, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->problems_list), problems->len > 0);

  if (problems->len == 0)
    heading = g_strdup (_("Every rule of the plan holds."));
  else if (n_hard > 0)
    heading = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "%u rule of the plan is broken; the form can be saved as a draft, but not "
                     "submitted until it is corrected.",
                     "%u rules of the plan are broken; the form can be saved as a draft, but "
                     "not submitted until they are corrected.",
                     n_hard),
        n_hard);
  else
    heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u figure is worth a second look.",
                                            "%u figures are worth a second look.", n_soft),
                               n_soft);
  gtk_label_set_text (self->problems_heading, heading);

  /* The list is below the form: the bar says there is something to see. */
  gtk_widget_set_visible (self->problems_button, problems->len > 0);
  if (problems->len > 0)
    {
      g_autofree char *count = g_strdup_printf ("%u", problems->len);

      gtk_label_set_text (self->problems_count, count);
      gtk_image_set_from_icon_name (self->problems_icon, n_hard > 0 ? "dialog-error-symbolic"
                                                                    : "dialog-warning-symbolic");
      gtk_widget_remove_css_class (GTK_WIDGET (self->problems_icon),
                                   n_hard > 0 ? "warning" : "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->problems_icon), n_hard > 0 ? "error" : "warning");
      gtk_widget_set_tooltip_text (self->problems_button, heading);
    }
}

/* Goes to the cell of the next broken rule after the cursor, round to the
 * first after the last. */
static void
next_problem_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormsPage         *self = SUIJI_FORMS_PAGE (widget);
  const SuijiFormProblem *target = NULL;
  guint                   row, column;

  if (self->problems == NULL || self->problems->len == 0)
    return;

  suiji_form_grid_get_cursor (self->grid, &row, &column);
  for (guint i = 0; i < self->problems->len && target == NULL; i++)
    {
      const SuijiFormProblem *problem = g_ptr_array_index (self->problems, i);

      if (problem->row > row || (problem->row == row && problem->column > column))
        target = problem;
    }
  if (target == NULL)
    target = g_ptr_array_index (self->problems, 0);

  suiji_form_grid_focus_cell (self->grid, target->row, target->column);
}

static void
problem_activated_cb (SuijiFormsPage *self, GtkListBoxRow *row)
{
  suiji_form_grid_focus_cell (self->grid,
                              GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "row")),
                              GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column")));
}

static void
grid_changed_cb (SuijiFormsPage *self)
{
  update_problems (self);
  update_status (self);
}

static void
grid_message_cb (SuijiFormsPage *self, const char *text)
{
  show_toast (self, text);
}

static void
grid_undo_state_cb (SuijiFormsPage *self)
{
  update_actions (self);
}

/* Who has reported */

static GtkWidget *
create_submission_row (SuijiFormsPage *self, const SuijiFormGatherPart *part, gboolean late)
{
  GtkWidget       *row = adw_action_row_new ();
  GtkWidget       *open = gtk_button_new_with_mnemonic (_("_Open"));
  GtkWidget       *import = gtk_button_new_with_mnemonic (_("_Import…"));
  g_autofree char *saved_at = format_saved_at (part->saved_at);
  g_autoptr (GString) subtitle = g_string_new (NULL);
  const char *icon;

  if (part->source != SUIJI_FORM_GATHER_REPORT)
    {
      g_string_append (subtitle,
                       late ? _("Not reported, and the day has passed") : _("Not reported yet"));
      g_string_append (subtitle, " · ");
      g_string_append (subtitle, part->source == SUIJI_FORM_GATHER_RECORDS
                                     ? _("附件1 takes its inspections from Suiji’s records")
                                     : _("no inspection of it recorded in Suiji"));
      icon = late ? "dialog-warning-symbolic" : "content-loading-symbolic";
    }
  else
    {
      g_string_append_printf (subtitle,
                              part->status == SUIJI_FORM_STATUS_SUBMITTED
                                  ? _("Submitted, saved %s")
                                  : _("Draft, saved %s"),
                              saved_at);
      g_string_append (subtitle, " · ");
      g_string_append (subtitle, _("附件1 takes its own inspections from this 附件2"));
      icon = part->status == SUIJI_FORM_STATUS_SUBMITTED ? "emblem-ok-symbolic"
                                                         : "document-edit-symbolic";
    }
  for (guint i = 0; i < part->notes->len; i++)
    {
      g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, g_ptr_array_index (part->notes, i));
    }
  if (part->notes->len > 0)
    icon = "dialog-warning-symbolic";

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), part->department_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));

  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *button = i == 0 ? open : import;

      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button),
                                      i == 0 ? "forms.open-department" : "forms.import-department");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", part->department_id);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  gtk_widget_set_tooltip_text (open, _("Open the department’s 附件2 of this month"));
  gtk_widget_set_tooltip_text (import,
                               _("Read the department’s 附件2 from its Excel file into the form, "
                                  "to check and save"));
  return row;
}

static void
update_submissions (SuijiFormsPage *self)
{
  g_autoptr (SuijiFormGathering) gathering = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *month = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *date = NULL;
  g_autofree char *deadline_text = NULL;
  GtkWidget       *child;
  GDate            today;
  guint            n_submitted = 0, n_drafts = 0;
  gboolean         late;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->submissions_list))) != NULL)
    gtk_list_box_remove (self->submissions_list, child);
  if (self->db == NULL)
    return;

  today_date (&today);
  gathering =
      suiji_form_gather_region (self->db, picked_year (self), picked_month (self), &today, &error);
  if (gathering == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  late = g_date_compare (&today, &gathering->deadline) >= 0;
  for (guint i = 0; i < gathering->parts->len; i++)
    {
      const SuijiFormGatherPart *part = g_ptr_array_index (gathering->parts, i);
      gboolean                   reported = part->source == SUIJI_FORM_GATHER_REPORT;

      n_submitted += reported && part->status == SUIJI_FORM_STATUS_SUBMITTED;
      n_drafts += reported && part->status == SUIJI_FORM_STATUS_DRAFT;
      gtk_list_box_append (self->submissions_list, create_submission_row (self, part, late));
    }

  month = dup_month_text (picked_year (self), picked_month (self));
  heading = g_strdup_printf (_("The departments’ 附件2 for %s"), month);
  gtk_label_set_text (self->submissions_heading, heading);
  date = format_date (&gathering->deadline);
  deadline_text = g_strdup_printf (
      late ? _("Due before %s, a day that has passed · submitted: %u · drafts: %u · not "
                "reported: %u")
           : _("Due before %s · submitted: %u · drafts: %u · not reported yet: %u"),
      date, n_submitted, n_drafts, gathering->parts->len - n_submitted - n_drafts);
  gtk_label_set_text (self->submissions_deadline, deadline_text);
}

/* Which of the page's views shows: the form, who has reported, or what to
 * do when 附件2 has no department to belong to. */
static void
update_view (SuijiFormsPage *self)
{
  gboolean needs_departments = picked_kind (self) == SUIJI_FORM_DEPARTMENT ||
                               gtk_toggle_button_get_active (self->submissions_button);
  gboolean no_departments = FALSE;

  if (needs_departments)
    {
      g_autoptr (GListModel) departments =
          self->db != NULL ? suiji_department_list_all (self->db, NULL) : NULL;

      no_departments = departments == NULL || g_list_model_get_n_items (departments) == 0;
    }

  if (no_departments)
    gtk_stack_set_visible_child_name (self->content_stack, "no-departments");
  else if (gtk_toggle_button_get_active (self->submissions_button))
    {
      update_submissions (self);
      gtk_stack_set_visible_child_name (self->content_stack, "submissions");
    }
  else
    gtk_stack_set_visible_child_name (self->content_stack, "form");
}

static void
submissions_toggled_cb (SuijiFormsPage *self)
{
  update_view (self);
}

/* Loading */

static void
report_notified_cb (SuijiFormsPage *self)
{
  update_status (self);
}

static void
set_report (SuijiFormsPage *self, SuijiFormReport *report)
{
  g_autoptr (GError) error = NULL;

  if (self->report != NULL)
    g_signal_handlers_disconnect_by_func (self->report, report_notified_cb, self);
  g_set_object (&self->report, report);
  g_clear_object (&self->previous);
  g_clear_object (&self->next);

  if (report != NULL && self->db != NULL)
    {
      self->previous = suiji_form_report_load_neighbour (self->db, report, -1, &error);
      if (error == NULL)
        self->next = suiji_form_report_load_neighbour (self->db, report, 1, &error);
      if (error != NULL)
        show_toast (self, error->message);
      g_signal_connect_object (report, "notify::modified", G_CALLBACK (report_notified_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (report, "notify::status", G_CALLBACK (report_notified_cb), self,
                               G_CONNECT_SWAPPED);
    }

  suiji_form_grid_set_report (self->grid, report);
  update_problems (self);
  update_status (self);
  update_view (self);
}

/* Opens the report the pickers name, or a blank one. */
static void
load_target (SuijiFormsPage *self)
{
  g_autoptr (SuijiFormReport) report = NULL;
  g_autoptr (GError) error = NULL;
  SuijiFormKind kind = picked_kind (self);

  if (kind == SUIJI_FORM_DEPARTMENT)
    self->department_id = picked_department (self);

  if (self->db == NULL || (kind == SUIJI_FORM_DEPARTMENT && self->department_id == 0))
    {
      self->import_after_load = FALSE;
      set_report (self, NULL);
      update_deadline (self);
      return;
    }

  /* 附件1 belongs to no department; the last one chosen stays for 附件2. */
  report = suiji_form_report_load (self->db, kind, picked_year (self), picked_month (self),
                                   kind == SUIJI_FORM_DEPARTMENT ? self->department_id : 0, &error);
  if (report == NULL)
    {
      self->import_after_load = FALSE;
      show_toast (self, error->message);
      sync_pickers (self);
      return;
    }

  set_report (self, report);
  if (self->import_after_load)
    {
      self->import_after_load = FALSE;
      choose_import_file (self);
    }
}

static void
switch_answered_cb (gboolean proceed, gpointer user_data)
{
  SuijiFormsPage *self = user_data;

  if (proceed)
    load_target (self);
  else
    {
      self->import_after_load = FALSE;
      sync_pickers (self);
    }
  g_object_unref (self);
}

/* The pickers changed: open what they name, once any unsaved changes of
 * the report on screen are saved or given up. */
static void
request_load (SuijiFormsPage *self)
{
  if (report_is_picked (self))
    {
      update_view (self);
      if (self->import_after_load)
        {
          self->import_after_load = FALSE;
          choose_import_file (self);
        }
      return;
    }

  suiji_forms_page_ask_to_save (self, switch_answered_cb, g_object_ref (self));
}

static void
picker_changed_cb (SuijiFormsPage *self)
{
  if (self->syncing > 0)
    return;

  if (picked_kind (self) != self->units_kind)
    fill_units (self, picked_kind (self));
  update_deadline (self);
  request_load (self);
}

/* Of the two buttons of a group, only the one turned on counts. */
static void
form_toggled_cb (SuijiFormsPage *self, GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    picker_changed_cb (self);
}

/* Asking about unsaved changes */

typedef struct
{
  SuijiFormsPage      *self;
  SuijiFormsPageAnswer answer;
  gpointer             user_data;
} Question;

static void
question_answered_cb (AdwMessageDialog *dialog, const char *response, Question *question)
{
  SuijiFormsPage *self = question->self;
  gboolean        proceed = FALSE;

  /* Answered once: closing the dialog afterwards may emit its close
   * response too. */
  g_signal_handlers_disconnect_by_data (dialog, question);
  self->asking = FALSE;
  if (g_str_equal (response, "discard"))
    proceed = TRUE;
  else if (g_str_equal (response, "save"))
    {
      g_autoptr (GError) error = NULL;

      proceed = suiji_forms_page_save (self, &error);
      if (!proceed)
        show_message (self, _("The Form Was Not Saved"), error->message);
    }

  question->answer (proceed, question->user_data);
  g_object_unref (question->self);
  g_free (question);
}

/**
 * suiji_forms_page_ask_to_save:
 * @answer: called once the user has answered, or at once when there is
 *   nothing unsaved
 *
 * Before the report on screen is replaced or the window closes: asks
 * whether to save its unsaved changes, give them up, or stay.
 */
void
suiji_forms_page_ask_to_save (SuijiFormsPage *self, SuijiFormsPageAnswer answer, gpointer user_data)
{
  const SuijiFormLayout *layout;
  g_autofree char       *month = NULL;
  g_autofree char       *body = NULL;
  Question              *question;
  GtkWidget             *dialog;

  g_return_if_fail (SUIJI_IS_FORMS_PAGE (self));
  g_return_if_fail (answer != NULL);

  if (!suiji_forms_page_get_modified (self))
    {
      answer (TRUE, user_data);
      return;
    }
  if (self->asking)
    {
      answer (FALSE, user_data);
      return;
    }

  layout = suiji_form_report_get_layout (self->report);
  month = dup_month_text (suiji_form_report_get_year (self->report),
                          suiji_form_report_get_month (self->report));
  body = g_strdup_printf (_("%s of %s for %s has changes that are not saved."), layout->attachment,
                          suiji_form_report_get_unit_name (self->report), month);
  dialog = adw_message_dialog_new (parent_window (self), _("Save the Changes?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "discard",
                                    _("_Discard"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  question = g_new0 (Question, 1);
  question->self = g_object_ref (self);
  question->answer = answer;
  question->user_data = user_data;
  self->asking = TRUE;
  g_signal_connect (dialog, "response", G_CALLBACK (question_answered_cb), question);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Saving and submitting */

static void
reload_answered_cb (AdwMessageDialog *dialog, const char *response, SuijiFormsPage *self)
{
  if (g_str_equal (response, "reload"))
    {
      /* The saved form wins; what was typed here is given up. */
      set_report (self, NULL);
      load_target (self);
    }
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormsPage *self = SUIJI_FORMS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  if (self->report == NULL)
    return;

  if (!suiji_forms_page_save (self, &error))
    {
      if (g_error_matches (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_CONFLICT))
        {
          GtkWidget *dialog =
              adw_message_dialog_new (parent_window (self), _("Saved Meanwhile"), error->message);

          adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                            "reload", _("_Open the Saved Form"), NULL);
          adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reload",
                                                      ADW_RESPONSE_DESTRUCTIVE);
          g_signal_connect_object (dialog, "response", G_CALLBACK (reload_answered_cb), self, 0);
          gtk_window_present (GTK_WINDOW (dialog));
        }
      else
        show_message (self, _("The Form Was Not Saved"), error->message);
      return;
    }

  text = g_strdup_printf (_("Saved as version %u"), suiji_form_report_get_revision (self->report));
  show_toast (self, text);
}

static void
submit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormsPage *self = SUIJI_FORMS_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (self->report == NULL)
    return;

  if (!suiji_forms_page_submit (self, &error))
    {
      show_message (self, _("The Form Cannot Be Submitted"), error->message);
      return;
    }
  show_toast (self, _("Submitted. The form can still be taken back to a draft from the menu."));
}

static void
withdraw_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormsPage *self = SUIJI_FORMS_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (self->report == NULL)
    return;

  suiji_form_report_set_status (self->report, SUIJI_FORM_STATUS_DRAFT);
  if (!suiji_forms_page_save (self, &error))
    {
      show_message (self, _("The Form Was Not Saved"), error->message);
      return;
    }
  show_toast (self, _("The form is a draft again"));
}

static void
undo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  suiji_form_grid_undo (SUIJI_FORMS_PAGE (widget)->grid);
}

static void
redo_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  suiji_form_grid_redo (SUIJI_FORMS_PAGE (widget)->grid);
}

/* Every figure from the statistics of the records, as one step of undo. */
static void
fill_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormsPage *self = SUIJI_FORMS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  g_autofree char *until = NULL;
  g_autofree char *text = NULL;
  GDate            today;
  gboolean         filled;

  if (self->report == NULL || self->db == NULL)
    return;

  today_date (&today);
  suiji_form_grid_begin_change (self->grid);
  filled = suiji_form_report_fill_from_records (self->db, self->report, &today, &error);
  suiji_form_grid_end_change (self->grid);
  if (!filled)
    {
      show_message (self, _("The Figures Could Not Be Filled"), error->message);
      return;
    }

  until = suiji_form_report_dup_cut_off (self->report, &today);
  text = g_strdup_printf (_("Filled from the records up to %s; Ctrl+Z takes it back"), until);
  show_toast (self, text);
}

/* 附件1 from the departments' 附件2 and the records, as one step of undo. */
static void
gather_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormsPage *self = SUIJI_FORMS_PAGE (widget);
  g_autoptr (SuijiFormGathering) gathering = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  GDate            today;
  gboolean         filled;
  guint            n_reports;

  if (self->report == NULL || self->db == NULL ||
      suiji_form_report_get_kind (self->report) != SUIJI_FORM_REGION)
    return;

  today_date (&today);
  suiji_form_grid_begin_change (self->grid);
  filled =
      suiji_form_report_fill_from_departments (self->db, self->report, &today, &gathering, &error);
  suiji_form_grid_end_change (self->grid);
  if (!filled)
    {
      show_message (self, _("The Figures Could Not Be Gathered"), error->message);
      return;
    }

  /* The figures are what to look at now, beside the list they came from. */
  gtk_toggle_button_set_active (self->submissions_button, FALSE);
  n_reports = suiji_form_gathering_count (gathering, SUIJI_FORM_GATHER_REPORT);
  /* Translators: how many departments' forms, how many departments' records, the last day */
  text =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                    "Built from %u department’s 附件2 and the records of %u "
                                    "more, up to %s; Ctrl+Z takes it back",
                                    "Built from %u departments’ 附件2 and the records of %u "
                                    "more, up to %s; Ctrl+Z takes it back",
                                    n_reports),
                       n_reports, suiji_form_gathering_count (gathering, SUIJI_FORM_GATHER_RECORDS),
                       gathering->until);
  show_toast (self, text);
}

/* What makes a figure */

static void
explained_task_activated_cb (SuijiFormsPage *self, GtkListBoxRow *row)
{
  gtk_popover_popdown (self->explain_popover);
  g_signal_emit (self, signals[SHOW_TASK], 0, suiji_task_row_get_task_id (SUIJI_TASK_ROW (row)));
}

static GtkWidget *
create_explained_subject_row (const SuijiStatisticsSubject *subject)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), subject->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subject->key);
  return row;
}

static GtkWidget *
create_explained_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  return list;
}

static GtkWidget *
create_explained_heading (const char *text, const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 52);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Subjects listed at most; a figure of thousands is read by its tasks. */
#define EXPLAINED_SUBJECTS_SHOWN 200

static void
fill_explain_popover (SuijiFormsPage                   *self,
                      guint                             row,
                      guint                             column,
                      const char                       *until,
                      const SuijiStatisticsExplanation *explanation,
                      GPtrArray                        *tasks)
{
  GtkWidget       *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget       *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget       *scrolled = gtk_scrolled_window_new ();
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  guint            n_subjects = explanation->subjects->len;
  gint64           value;

  if (column == SUIJI_FORM_COLUMN_TIMES)
    /* Translators: the form's row, its column, how many tasks, the last day */
    heading =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Row %u, %s: %u task recorded up to %s",
                                      "Row %u, %s: %u tasks recorded up to %s", tasks->len),
                         row, suiji_form_column_label (column), tasks->len, until);
  else
    /* Translators: the form's row, its column, how many subjects, of how many tasks, the last
     * day */
    heading = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "Row %u, %s: %u subject of %u tasks recorded up to %s",
                     "Row %u, %s: %u subjects of %u tasks recorded up to %s", n_subjects),
        row, suiji_form_column_label (column), n_subjects, tasks->len, until);
  gtk_box_append (GTK_BOX (box), create_explained_heading (heading, "heading"));

  if (suiji_form_report_get_value (self->report, row, column, &value) &&
      value != (column == SUIJI_FORM_COLUMN_TIMES ? (gint64) tasks->len : (gint64) n_subjects))
    {
      body = g_strdup_printf (_("The form holds %ld: typed, imported or gathered from the "
                                 "departments’ 附件2, not taken from these records."),
                              (long) value);
      gtk_box_append (GTK_BOX (box), create_explained_heading (body, "dim-label"));
    }

  if (tasks->len > 0)
    {
      GtkWidget *list = create_explained_list ();

      for (guint i = 0; i < tasks->len; i++)
        gtk_list_box_append (GTK_LIST_BOX (list),
                             suiji_task_row_new (g_ptr_array_index (tasks, i)));
      g_signal_connect_object (list, "row-activated", G_CALLBACK (explained_task_activated_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (content), list);
    }

  if (n_subjects > 0)
    {
      GtkWidget *list = create_explained_list ();

      gtk_box_append (GTK_BOX (content), create_explained_heading (_("Subjects"), "heading"));
      for (guint i = 0; i < MIN (n_subjects, EXPLAINED_SUBJECTS_SHOWN); i++)
        gtk_list_box_append (GTK_LIST_BOX (list),
                             create_explained_subject_row (&g_array_index (
                                 explanation->subjects, SuijiStatisticsSubject, i)));
      gtk_box_append (GTK_BOX (content), list);
      if (n_subjects > EXPLAINED_SUBJECTS_SHOWN)
        {
          g_autofree char *more = g_strdup_printf (
              _("And %u more: the tasks above list them all in the 抽查任务 section."),
              n_subjects - EXPLAINED_SUBJECTS_SHOWN);

          gtk_box_append (GTK_BOX (content), create_explained_heading (more, "dim-label"));
        }
    }

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 420);
  gtk_widget_set_size_request (scrolled, 440, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), content);
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_popover_set_child (self->explain_popover, box);
}

/**
 * suiji_forms_page_explain_cell:
 * @row: the form's row, from 1
 * @column: a #SuijiFormColumn
 *
 * Shows, beside the cell, the tasks and drawn subjects that make its
 * figure in the records up to the report's cut-off, as Ctrl+I does on the
 * cell under the cursor.
 *
 * Returns: whether they could be read
 */
gboolean
suiji_forms_page_explain_cell (SuijiFormsPage *self, guint row, guint column)
{
  g_autoptr (SuijiStatisticsExplanation) explanation = NULL;
  g_autoptr (GPtrArray) tasks = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *until = NULL;
  GtkWidget       *cell;
  graphene_rect_t  bounds;
  GDate            today;

  g_return_val_if_fail (SUIJI_IS_FORMS_PAGE (self), FALSE);
  load_if_pending (self);

  if (self->report == NULL || self->db == NULL ||
      (cell = suiji_form_grid_get_cell (self->grid, row, column)) == NULL)
    return FALSE;

  today_date (&today);
  until = suiji_form_report_dup_cut_off (self->report, &today);
  explanation = suiji_statistics_explain (
      self->db,
      suiji_form_report_get_kind (self->report) == SUIJI_FORM_REGION ? SUIJI_STATISTICS_REGION
                                                                     : SUIJI_STATISTICS_DEPARTMENT,
      suiji_form_report_get_year (self->report), until,
      suiji_form_report_get_department_id (self->report), row, column, &error);
  if (explanation != NULL)
    tasks = suiji_progress_list_tasks (self->db, explanation->task_ids, &error);
  if (tasks == NULL)
    {
      show_toast (self, error->message);
      return FALSE;
    }

  fill_explain_popover (self, row, column, until, explanation, tasks);
  if (gtk_widget_compute_bounds (cell, GTK_WIDGET (self), &bounds))
    {
      GdkRectangle pointing_to = { (int) bounds.origin.x, (int) bounds.origin.y,
                                   MAX ((int) bounds.size.width, 1),
                                   MAX ((int) bounds.size.height, 1) };

      gtk_popover_set_pointing_to (self->explain_popover, &pointing_to);
    }
  gtk_popover_popup (self->explain_popover);
  return TRUE;
}

static void
explain_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormsPage *self = SUIJI_FORMS_PAGE (widget);
  guint           row, column;

  suiji_form_grid_get_cursor (self->grid, &row, &column);
  suiji_forms_page_explain_cell (self, row, column);
}

/* Export, print and the seal */

static SuijiFormRenderOptions
render_options (SuijiFormsPage *self)
{
  return (SuijiFormRenderOptions){ .seal = self->seal,
                                   .show_seal = self->show_seal && self->seal != NULL };
}

static char *
dup_file_name (SuijiFormsPage *self, const char *extension)
{
  const SuijiFormLayout *layout = suiji_form_report_get_layout (self->report);
  g_autofree char       *unit = g_strdup (suiji_form_report_get_unit_name (self->report));

  /* Official documents keep Chinese file names, as staff file them. */
  g_strdelimit (unit, "/\\:*?\"<>|", '-');
  return g_strdup_printf ("%s-%s-%d年%02d月.%s", layout->attachment,
                          *unit != '\0' ? unit : layout->attachment,
                          suiji_form_report_get_year (self->report),
                          suiji_form_report_get_month (self->report), extension);
}

/* Shows a file chooser of the page, modal; @response gets its answer. */
static void
show_chooser (SuijiFormsPage       *self,
              GtkFileChooserNative *chooser,
              GtkFileFilter        *filter,
              GCallback             response)
{
  if (filter != NULL)
    gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", response, self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The file chosen, or %NULL; the chooser is done with either way. */
static char *
take_chosen_path (GtkFileChooserNative *chooser, int response)
{
  g_autoptr (GFile) file = NULL;
  char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
    }
  g_object_unref (chooser);
  return path;
}

static void
export_response_cb (SuijiFormsPage *self, int response, GtkFileChooserNative *chooser)
{
  g_autofree char *extension =
      g_strconcat (".", (char *) g_object_get_data (G_OBJECT (chooser), "format"), NULL);
  g_autofree char *path = take_chosen_path (chooser, response);
  g_autoptr (GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *text = NULL;

  if (path == NULL || self->report == NULL)
    return;
  if (!g_str_has_suffix (path, extension))
    {
      char *with_extension = g_strconcat (path, extension, NULL);

      g_free (path);
      path = with_extension;
    }

  if (!suiji_forms_page_export_file (self, path, &error))
    {
      show_message (self, _("The Form Was Not Exported"), error->message);
      return;
    }

  display = g_filename_display_basename (path);
  text = g_strdup_printf (_("Saved “%s”."), display);
  show_toast (self, text);
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormsPage       *self = SUIJI_FORMS_PAGE (widget);
  const char           *format = g_variant_get_string (parameter, NULL);
  g_autofree char      *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->report == NULL)
    return;

  name = dup_file_name (self, format);
  chooser =
      gtk_file_chooser_native_new (_("Export the Form"), parent_window (self),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (chooser), "format", g_strdup (format), g_free);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  show_chooser (self, chooser, NULL, G_CALLBACK (export_response_cb));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              SuijiFormsPage    *self)
{
  cairo_t               *cr = gtk_print_context_get_cairo_context (context);
  SuijiFormRenderOptions options = render_options (self);
  double                 scale = MIN (gtk_print_context_get_width (context) / SUIJI_FORM_PAGE_WIDTH,
                                      gtk_print_context_get_height (context) / SUIJI_FORM_PAGE_HEIGHT);

  /* The form is laid out on A4 landscape; other paper gets it scaled. */
  cairo_scale (cr, scale, scale);
  suiji_form_render (self->report, cr, &options);
}

static void
print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiFormsPage *self = SUIJI_FORMS_PAGE (widget);
  g_autoptr (GError) error = NULL;

  if (self->report != NULL &&
      suiji_forms_page_print (self, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error) ==
          GTK_PRINT_OPERATION_RESULT_ERROR)
    show_message (self, _("The Form Was Not Printed"), error->message);
}

static void
seal_response_cb (SuijiFormsPage *self, int response, GtkFileChooserNative *chooser)
{
  g_autofree char *path = take_chosen_path (chooser, response);
  g_autoptr (GError) error = NULL;

  if (path == NULL)
    return;

  if (!suiji_forms_page_set_seal_file (self, path, &error))
    show_message (self, _("The Seal Cannot Be Used"), error->message);
  else
    show_toast (self, _("The electronic seal will be printed over the unit name"));
}

static void
choose_seal (SuijiFormsPage *self)
{
  g_autoptr (GtkFileFilter) images = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser =
      gtk_file_chooser_native_new (_("Choose the Seal Image"), parent_window (self),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (images, _("Seal images with a transparent background"));
  gtk_file_filter_add_mime_type (images, "image/png");
  gtk_file_filter_add_pattern (images, "*.png");
  show_chooser (self, chooser, images, G_CALLBACK (seal_response_cb));
}

static void
choose_seal_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_seal (SUIJI_FORMS_PAGE (widget));
}

/* Printing the seal is off by default; turning it on without a seal
 * takes the one chosen before, or asks for one. */
static void
set_show_seal (SuijiFormsPage *self, gboolean show_seal)
{
  if (show_seal && self->seal == NULL)
    {
      GSettings       *settings = get_settings (self);
      g_autofree char *remembered =
          settings != NULL ? g_settings_get_string (settings, "seal-path") : NULL;

      if (remembered == NULL || *remembered == '\0' ||
          !suiji_forms_page_set_seal_file (self, remembered, NULL))
        {
          choose_seal (self);
          return;
        }
    }

  if (self->show_seal == show_seal)
    return;
  self->show_seal = show_seal;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_SEAL]);
}

/* Gathering the departments' forms */

static void
show_import_outcome (SuijiFormsPage *self, const char *path, const SuijiFormImport *import)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *file_unit = suiji_form_normalize_label (import->unit_name);
  g_autofree char *report_unit =
      suiji_form_normalize_label (suiji_form_report_get_unit_name (self->report));
  GString         *body = g_string_new (NULL);
  g_autofree char *text = NULL;
  GtkWidget       *dialog;

  g_string_append_printf (body,
                          g_dngettext (GETTEXT_PACKAGE, "%u figure was read from “%s”.",
                                       "%u figures were read from “%s”.", import->n_values),
                          import->n_values, display);
  if (*file_unit != '\0' && !g_str_equal (file_unit, report_unit))
    {
      g_string_append_c (body, ' ');
      g_string_append_printf (body,
                              _("The file names the unit “%s”; its figures went into the "
                                 "form of %s."),
                              import->unit_name, suiji_form_report_get_unit_name (self->report));
    }
  g_string_append_c (body, ' ');
  g_string_append (body, _("Check them, then save."));

  if (import->problems->len > 0)
    {
      g_string_append (body, "\n\n");
      g_string_append (body, _("What could not be read:"));
      for (guint i = 0; i < MIN (import->problems->len, MAX_LISTED_IMPORT_PROBLEMS); i++)
        {
          const SuijiFormImportProblem *problem = g_ptr_array_index (import->problems, i);

          g_string_append_c (body, '\n');
          if (*problem->cell != '\0')
            g_string_append_printf (body, _("%s: %s"), problem->cell, problem->reason);
          else
            g_string_append (body, problem->reason);
        }
      if (import->problems->len > MAX_LISTED_IMPORT_PROBLEMS)
        {
          guint more = import->problems->len - MAX_LISTED_IMPORT_PROBLEMS;

          g_string_append_c (body, '\n');
          g_string_append_printf (
              body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more), more);
        }
    }

  text = g_string_free (body, FALSE);
  dialog = adw_message_dialog_new (
      parent_window (self),
      import->problems->len > 0 ? _("Imported, with Gaps") : _("Figures Imported"), text);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_response_cb (SuijiFormsPage *self, int response, GtkFileChooserNative *chooser)
{
  g_autofree char *path = take_chosen_path (chooser, response);
  g_autoptr (GError) error = NULL;

  if (path == NULL || self->report == NULL)
    return;

  if (!suiji_forms_page_import_file (self, path, &error))
    show_message (self, _("The File Could Not Be Read"), error->message);
}

static void
choose_import_file (SuijiFormsPage *self)
{
  g_autoptr (GtkFileFilter) workbooks = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->report == NULL)
    return;

  chooser =
      gtk_file_chooser_native_new (_("Import Figures from Excel"), parent_window (self),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (workbooks, _("Excel workbooks"));
  gtk_file_filter_add_pattern (workbooks, "*.xlsx");
  gtk_file_filter_add_pattern (workbooks, "*.XLSX");
  show_chooser (self, chooser, workbooks, G_CALLBACK (import_response_cb));
}

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  choose_import_file (SUIJI_FORMS_PAGE (widget));
}

static void
open_department (SuijiFormsPage *self, gint64 department_id, gboolean then_import)
{
  self->import_after_load = then_import;
  gtk_toggle_button_set_active (self->submissions_button, FALSE);
  suiji_forms_page_select (self, SUIJI_FORM_DEPARTMENT, department_id, picked_year (self),
                           picked_month (self));
}

static void
open_department_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_department (SUIJI_FORMS_PAGE (widget), g_variant_get_int64 (parameter), FALSE);
}

static void
import_department_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  open_department (SUIJI_FORMS_PAGE (widget), g_variant_get_int64 (parameter), TRUE);
}

/* GObject */

static void
load_if_pending (SuijiFormsPage *self)
{
  if (self->reload_pending)
    reload_now (self);
}

static void
suiji_forms_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (suiji_forms_page_parent_class)->map (widget);
  load_if_pending (SUIJI_FORMS_PAGE (widget));
}

static void
suiji_forms_page_dispose (GObject *object)
{
  SuijiFormsPage *self = (SuijiFormsPage *) object;

  if (self->explain_popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->explain_popover));
      self->explain_popover = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), SUIJI_TYPE_FORMS_PAGE);

  G_OBJECT_CLASS (suiji_forms_page_parent_class)->dispose (object);
}

static void
suiji_forms_page_finalize (GObject *object)
{
  SuijiFormsPage *self = (SuijiFormsPage *) object;

  g_clear_object (&self->db);
  g_clear_object (&self->report);
  g_clear_object (&self->previous);
  g_clear_object (&self->next);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->department_ids, g_array_unref);
  g_clear_pointer (&self->seal, cairo_surface_destroy);

  G_OBJECT_CLASS (suiji_forms_page_parent_class)->finalize (object);
}

static void
suiji_forms_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SuijiFormsPage *self = SUIJI_FORMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_SEAL:
      g_value_set_boolean (value, self->show_seal);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_forms_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  SuijiFormsPage *self = SUIJI_FORMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_SEAL:
      set_show_seal (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_forms_page_class_init (SuijiFormsPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_forms_page_dispose;
  object_class->finalize = suiji_forms_page_finalize;
  object_class->get_property = suiji_forms_page_get_property;
  object_class->set_property = suiji_forms_page_set_property;
  widget_class->map = suiji_forms_page_map;

  properties[PROP_SHOW_SEAL] =
      g_param_spec_boolean ("show-seal", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SuijiFormsPage::add-toast:
   * @toast: (transfer full): what to tell the user
   */
  signals[ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);
  signals[SHOW_TASK] = g_signal_new ("show-task", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/suiji-forms-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, deadline_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, department_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, fill_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, grid);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, month_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, problems_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, problems_count);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, problems_heading);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, problems_icon);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, problems_list);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, region_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, submissions_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, gather_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, submissions_deadline);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, submissions_heading);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, submissions_list);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, submit_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SuijiFormsPage, year_spin);
  /* Named for the tests; the code needs no field. */
  gtk_widget_class_bind_template_child_full (widget_class, "form_scroller", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, form_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, grid_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, grid_message_cb);
  gtk_widget_class_bind_template_callback (widget_class, picker_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, submissions_toggled_cb);

  gtk_widget_class_install_action (widget_class, "forms.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "forms.submit", NULL, submit_action);
  gtk_widget_class_install_action (widget_class, "forms.withdraw", NULL, withdraw_action);
  gtk_widget_class_install_action (widget_class, "forms.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "forms.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "forms.fill", NULL, fill_action);
  gtk_widget_class_install_action (widget_class, "forms.gather", NULL, gather_action);
  gtk_widget_class_install_action (widget_class, "forms.explain", NULL, explain_action);
  gtk_widget_class_install_action (widget_class, "forms.next-problem", NULL, next_problem_action);
  gtk_widget_class_install_action (widget_class, "forms.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "forms.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "forms.choose-seal", NULL, choose_seal_action);
  gtk_widget_class_install_property_action (widget_class, "forms.show-seal", "show-seal");
  gtk_widget_class_install_action (widget_class, "forms.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "forms.open-department", "x",
                                   open_department_action);
  gtk_widget_class_install_action (widget_class, "forms.import-department", "x",
                                   import_department_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "forms.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "forms.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F8, 0, "forms.next-problem", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "forms.explain",
                                       NULL);

  g_type_ensure (SUIJI_TYPE_FORM_GRID);
}

static void
suiji_forms_page_init (SuijiFormsPage *self)
{
  g_autoptr (GtkStringList) months = gtk_string_list_new (NULL);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->explain_popover = GTK_POPOVER (gtk_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->explain_popover), GTK_WIDGET (self));

  self->department_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->units_kind = SUIJI_FORM_REGION;

  self->syncing++;
  for (guint m = 0; m < G_N_ELEMENTS (month_names); m++)
    gtk_string_list_append (months, _(month_names[m]));
  gtk_drop_down_set_model (self->month_dropdown, G_LIST_MODEL (months));
  gtk_spin_button_set_value (self->year_spin, g_date_time_get_year (now));
  gtk_drop_down_set_selected (self->month_dropdown, (guint) g_date_time_get_month (now) - 1);
  fill_units (self, SUIJI_FORM_REGION);
  self->syncing--;

  g_signal_connect_object (self->grid, "notify::can-undo", G_CALLBACK (grid_undo_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->grid, "notify::can-redo", G_CALLBACK (grid_undo_state_cb), self,
                           G_CONNECT_SWAPPED);
  update_problems (self);
  update_status (self);
}

/* Public API */

/**
 * suiji_forms_page_set_database:
 *
 * Works on another database: the report on screen is dropped, so ask
 * first (suiji_forms_page_ask_to_save ()); suiji_forms_page_reload ()
 * then opens one of the new database.
 */
void
suiji_forms_page_set_database (SuijiFormsPage *self, SuijiDatabase *db)
{
  g_return_if_fail (SUIJI_IS_FORMS_PAGE (self));
  g_return_if_fail (db == NULL || SUIJI_IS_DATABASE (db));

  if (self->db == db)
    return;

  g_set_object (&self->db, db);
  self->department_id = 0;
  self->profile_year = 0;
  set_report (self, NULL);
}

/**
 * suiji_forms_page_reload:
 *
 * Reads the units, the profile and the report again after the data
 * changed elsewhere. A report with unsaved changes stays as it is.
 */
void
suiji_forms_page_reload (SuijiFormsPage *self)
{
  g_return_if_fail (SUIJI_IS_FORMS_PAGE (self));

  /* Off screen the page reads the database when it is next shown, or next
   * asked for its report: the window opens on another section without
   * reading the forms first. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->reload_pending = TRUE;
      return;
    }
  reload_now (self);
}

static void
reload_now (SuijiFormsPage *self)
{
  self->reload_pending = FALSE;
  if (self->db == NULL)
    return;

  /* On a database opened afresh, and when Preferences change the report
   * year: the report year of the profile, and its current month or, for a
   * year gone by, December. Unsaved changes keep the month they are of. */
  if (self->report == NULL || !suiji_form_report_get_modified (self->report))
    {
      g_autoptr (SuijiUnitProfile) profile = suiji_unit_profile_load (self->db, NULL);
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      self->syncing++;
      if (profile != NULL && profile->report_year != self->profile_year)
        {
          self->profile_year = profile->report_year;
          gtk_spin_button_set_value (self->year_spin, profile->report_year);
          gtk_drop_down_set_selected (
              self->month_dropdown,
              profile->report_year == g_date_time_get_year (now)
                  ? (guint) g_date_time_get_month (now) - 1
                  : (profile->report_year < g_date_time_get_year (now) ? 11 : 0));
        }
      self->syncing--;
    }

  fill_units (self, picked_kind (self));
  if (self->report == NULL || !suiji_form_report_get_modified (self->report))
    {
      set_report (self, NULL);
      load_target (self);
    }
  else
    sync_pickers (self);
  update_view (self);
}

/**
 * suiji_forms_page_get_report:
 *
 * Returns: (transfer none) (nullable): the report on screen
 */
SuijiFormReport *
suiji_forms_page_get_report (SuijiFormsPage *self)
{
  g_return_val_if_fail (SUIJI_IS_FORMS_PAGE (self), NULL);

  load_if_pending (self);

  return self->report;
}

gboolean
suiji_forms_page_get_modified (SuijiFormsPage *self)
{
  g_return_val_if_fail (SUIJI_IS_FORMS_PAGE (self), FALSE);

  return self->report != NULL && suiji_form_report_get_modified (self->report);
}

/**
 * suiji_forms_page_select:
 * @department_id: the department of a 附件2; 0 for 附件1
 *
 * Opens a report as the pickers would, asking first about unsaved changes.
 */
void
suiji_forms_page_select (
    SuijiFormsPage *self, SuijiFormKind kind, gint64 department_id, int year, int month)
{
  g_return_if_fail (SUIJI_IS_FORMS_PAGE (self));
  g_return_if_fail (suiji_form_kind_is_valid (kind));
  g_return_if_fail (month >= 1 && month <= 12);

  load_if_pending (self);

  self->syncing++;
  gtk_toggle_button_set_active (
      kind == SUIJI_FORM_DEPARTMENT ? self->department_button : self->region_button, TRUE);
  if (kind == SUIJI_FORM_DEPARTMENT)
    self->department_id = department_id;
  fill_units (self, kind);
  gtk_spin_button_set_value (self->year_spin, year);
  gtk_drop_down_set_selected (self->month_dropdown, (guint) month - 1);
  self->syncing--;

  update_deadline (self);
  request_load (self);
}

/**
 * suiji_forms_page_save:
 *
 * Saves the report on screen as a new version, in one transaction.
 */
gboolean
suiji_forms_page_save (SuijiFormsPage *self, GError **error)
{
  g_return_val_if_fail (SUIJI_IS_FORMS_PAGE (self), FALSE);

  load_if_pending (self);

  if (self->report == NULL || self->db == NULL)
    return TRUE;

  if (!suiji_form_report_save (self->db, self->report, error))
    return FALSE;

  update_status (self);
  if (gtk_toggle_button_get_active (self->submissions_button))
    update_submissions (self);
  return TRUE;
}

/**
 * suiji_forms_page_submit:
 *
 * Marks the report submitted and saves it; refused, with the first broken
 * rule as the reason, while a hard rule is broken.
 */
gboolean
suiji_forms_page_submit (SuijiFormsPage *self, GError **error)
{
  g_autoptr (GPtrArray) problems = NULL;
  guint n_hard;

  g_return_val_if_fail (SUIJI_IS_FORMS_PAGE (self), FALSE);

  load_if_pending (self);
  g_return_val_if_fail (self->report != NULL, FALSE);

  problems = suiji_form_report_check (self->db, self->report, error);
  if (problems == NULL)
    return FALSE;

  n_hard = suiji_form_problems_count_hard (problems);
  for (guint i = 0; n_hard > 0 && i < problems->len; i++)
    {
      const SuijiFormProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity != SUIJI_FORM_PROBLEM_HARD)
        continue;
      g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The form breaks %u rule of the plan: %s Correct it, or save the "
                                "form as a draft.",
                                "The form breaks %u rules of the plan; the first: %s Correct "
                                "them, or save the form as a draft.",
                                n_hard),
                   n_hard, problem->message);
      return FALSE;
    }

  suiji_form_report_set_status (self->report, SUIJI_FORM_STATUS_SUBMITTED);
  if (!suiji_forms_page_save (self, error))
    {
      suiji_form_report_set_status (self->report, SUIJI_FORM_STATUS_DRAFT);
      return FALSE;
    }
  return TRUE;
}

/**
 * suiji_forms_page_export_file:
 * @path: where to write; .xlsx as the paper in Excel, .pdf as printed
 *   (with the seal when it is on), .csv or .json as plain data
 *
 * Writes the report on screen, unsaved changes included.
 */
gboolean
suiji_forms_page_export_file (SuijiFormsPage *self, const char *path, GError **error)
{
  SuijiFormRenderOptions options;

  g_return_val_if_fail (SUIJI_IS_FORMS_PAGE (self), FALSE);

  load_if_pending (self);
  g_return_val_if_fail (self->report != NULL, FALSE);

  options = render_options (self);
  return suiji_form_export (self->report, path, &options, error);
}

/**
 * suiji_forms_page_import_file:
 *
 * Reads the figures of a form from an Excel file into the report on
 * screen, as one step of undo, and says what it read and what it could
 * not, by cell. Nothing is saved until the user saves.
 */
gboolean
suiji_forms_page_import_file (SuijiFormsPage *self, const char *path, GError **error)
{
  g_autoptr (SuijiFormImport) import = NULL;

  g_return_val_if_fail (SUIJI_IS_FORMS_PAGE (self), FALSE);

  load_if_pending (self);
  g_return_val_if_fail (self->report != NULL, FALSE);

  import = suiji_form_import_read (path, suiji_form_report_get_kind (self->report), error);
  if (import == NULL)
    return FALSE;

  suiji_form_grid_begin_change (self->grid);
  suiji_form_import_apply (import, self->report);
  suiji_form_grid_end_change (self->grid);
  suiji_form_grid_sync_texts (self->grid);
  update_problems (self);
  update_status (self);
  show_import_outcome (self, path, import);
  return TRUE;
}

/**
 * suiji_forms_page_set_seal_file:
 *
 * Takes a PNG as the electronic seal, remembers it for the next time and
 * turns printing it on.
 */
gboolean
suiji_forms_page_set_seal_file (SuijiFormsPage *self, const char *path, GError **error)
{
  cairo_surface_t *seal;
  GSettings       *settings;

  g_return_val_if_fail (SUIJI_IS_FORMS_PAGE (self), FALSE);

  load_if_pending (self);

  seal = suiji_form_seal_load (path, error);
  if (seal == NULL)
    return FALSE;

  g_clear_pointer (&self->seal, cairo_surface_destroy);
  self->seal = seal;
  settings = get_settings (self);
  if (settings != NULL)
    g_settings_set_string (settings, "seal-path", path);
  set_show_seal (self, TRUE);
  return TRUE;
}

/**
 * suiji_forms_page_print:
 * @action: %GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG for the user (the
 *   dialog has the preview), or %GTK_PRINT_OPERATION_ACTION_EXPORT
 * @export_path: (nullable): the PDF to write with the export action
 *
 * Prints the report on screen on A4 landscape, drawn by the same code as
 * the PDF export.
 */
GtkPrintOperationResult
suiji_forms_page_print (SuijiFormsPage         *self,
                        GtkPrintOperationAction action,
                        const char             *export_path,
                        GError                **error)
{
  g_autoptr (GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  g_return_val_if_fail (SUIJI_IS_FORMS_PAGE (self), GTK_PRINT_OPERATION_RESULT_ERROR);
  load_if_pending (self);
  g_return_val_if_fail (self->report != NULL, GTK_PRINT_OPERATION_RESULT_ERROR);

  /* The renderer draws the whole sheet, its own margins included. */
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, suiji_form_report_get_layout (self->report)->title);
  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  g_signal_connect_object (operation, "draw-page", G_CALLBACK (draw_page_cb), self, 0);

  return gtk_print_operation_run (operation, action, parent_window (self), error);
}
