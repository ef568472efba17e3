/* suiji-tasks-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 抽查任务 section: the tasks of the database on the left, newest
 * first; on the right the chosen task, what it draws and from where, and
 * its draws, each of which opens with its record and a "verify" button.
 */

#define G_LOG_DOMAIN "suiji-tasks-page"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-draw-dialog.h"
#include "suiji-draw-view.h"
#include "suiji-result.h"
#include "suiji-results-window.h"
#include "suiji-saved-draw.h"
#include "suiji-task-dialog.h"
#include "suiji-task-summary.h"
#include "suiji-task.h"
#include "suiji-tasks-page.h"

struct _SuijiTasksPage
{
  GtkBox parent_instance;

  GtkSearchEntry *search_entry;
  GtkListView    *tasks_view;
  GtkStack       *detail_stack;
  GtkLabel       *task_title;
  GtkLabel       *task_state;
  GtkWidget      *draw_button;
  GtkListBox     *facts_list;
  GtkListBox     *draws_list;
  GtkWidget      *results_box;
  GtkProgressBar *results_progress;
  GtkLabel       *results_counts;
  GtkLabel       *results_due;
  GtkWidget      *results_overdue;
  GtkLabel       *results_overdue_label;

  SuijiDatabase      *db;
  GListStore         *tasks;
  GtkStringFilter    *filter;
  GtkSingleSelection *selection;
  GListModel         *draws;
  GHashTable         *overdue_tasks; /* ids of the tasks with results overdue */
  GHashTable         *overdue_marks; /* task id → the mark of its row on screen */
  /* Set while the page, off screen, has not read its database yet. */
  gboolean reload_pending;
};

G_DEFINE_FINAL_TYPE (SuijiTasksPage, suiji_tasks_page, GTK_TYPE_BOX)

enum
{
  ADD_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (SuijiTasksPage *self, const char *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_set_timeout (toast, 6);
  g_signal_emit (self, signals[ADD_TOAST], 0, toast);
}

static const char *
describe_state (const char *state)
{
  if (g_strcmp0 (state, "drawn") == 0)
    return _("Drawn");
  if (g_strcmp0 (state, "inspecting") == 0)
    return _("Inspecting");
  if (g_strcmp0 (state, "results") == 0)
    return _("Results Entered");
  if (g_strcmp0 (state, "published") == 0)
    return _("Published");
  return _("Draft: not drawn yet");
}

static SuijiTaskSummary *
selected_summary (SuijiTasksPage *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

/* The task in detail */

static void
add_fact (SuijiTasksPage *self, const char *title, const char *value)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value != NULL && *value != '\0' ? value : "—");
  gtk_widget_add_css_class (row, "property");
  gtk_list_box_append (self->facts_list, row);
}

static char *
describe_rules (const SuijiTaskRecord *task)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < task->rules->len; i++)
    {
      const SuijiTaskRule *rule = g_ptr_array_index (task->rules, i);
      const char          *name =
          g_str_equal (rule->stratum, SUIJI_TASK_ALL_SUBJECTS) ? _("All subjects") : rule->stratum;

      if (text->len > 0)
        g_string_append (text, _(", "));
      if (rule->bp >= 0)
        g_string_append_printf (text, "%s %d.%02d %%", name, rule->bp / 100, rule->bp % 100);
      else
        g_string_append_printf (text, _("%s %d subjects"), name, rule->count);
    }
  return g_string_free (text, FALSE);
}

static char *
describe_pool (const char *pool_filter)
{
  g_auto (SuijiTaskFilter) filter = { 0 };
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (!suiji_task_filter_parse (pool_filter, &filter, NULL))
    return g_strdup (pool_filter);

  if (filter.subject_type != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("type %s"), filter.subject_type));
  if (filter.region != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("region %s"), filter.region));
  if (filter.industry != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("industry %s"), filter.industry));
  if (filter.label != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("label %s"), filter.label));
  if (filter.department != NULL)
    g_ptr_array_add (parts, g_strdup_printf (_("department %s"), filter.department));
  g_ptr_array_add (parts, g_strdup (filter.all_statuses ? _("every registration status")
                                                        : _("active subjects only")));
  if (g_str_equal (filter.exclude_drawn, "same-items"))
    g_ptr_array_add (parts, g_strdup (_("without subjects drawn this year for the same items")));
  else if (g_str_equal (filter.exclude_drawn, "all"))
    g_ptr_array_add (parts, g_strdup (_("without subjects drawn this year")));
  g_ptr_array_add (parts, NULL);

  return g_strjoinv (_(", "), (char **) parts->pdata);
}

static GtkWidget *
create_draw_row (gpointer item, gpointer user_data)
{
  SuijiSavedDraw  *draw = item;
  GtkWidget       *row = adw_action_row_new ();
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  char             seed_start[13];

  g_strlcpy (seed_start, suiji_saved_draw_get_seed (draw), sizeof seed_start);
  title = g_strdup_printf (_("Draw %ld of %s"), (long) suiji_saved_draw_get_id (draw),
                           suiji_saved_draw_get_drawn_at (draw));
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u subject drawn · seed %s…",
                                           "%u subjects drawn · seed %s…",
                                           suiji_saved_draw_get_n_subjects (draw)),
                              suiji_saved_draw_get_n_subjects (draw), seed_start);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data (G_OBJECT (row), "draw-id",
                     GSIZE_TO_POINTER ((gsize) suiji_saved_draw_get_id (draw)));
  return row;
}

/* How far a task's results are; marks its row in the list when they are
 * overdue. */
static gboolean
load_progress (SuijiTasksPage *self, gint64 task_id, SuijiResultProgress *progress)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *mark;

  if (!suiji_result_get_progress (self->db, task_id, NULL, progress, &error))
    {
      show_toast (self, error->message);
      return FALSE;
    }

  if (progress->is_overdue)
    g_hash_table_add (self->overdue_tasks, g_memdup2 (&task_id, sizeof task_id));
  else
    g_hash_table_remove (self->overdue_tasks, &task_id);
  mark = g_hash_table_lookup (self->overdue_marks, &task_id);
  if (mark != NULL)
    gtk_widget_set_visible (mark, progress->is_overdue);
  return TRUE;
}

/* The results line of a drawn task. */
static void
show_results (SuijiTasksPage *self, gint64 task_id)
{
  SuijiResultProgress progress = { 0 };
  g_autofree char    *counts = NULL;
  g_autofree char    *due = NULL;
  g_autofree char    *overdue = NULL;

  if (!load_progress (self, task_id, &progress))
    return;

  gtk_widget_set_visible (self->results_box, progress.drawn > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.results", progress.drawn > 0);
  if (progress.drawn == 0)
    return;

  suiji_results_describe_progress (&progress, &counts, &due, &overdue);
  gtk_progress_bar_set_fraction (self->results_progress,
                                 (double) progress.completed / progress.drawn);
  gtk_label_set_text (self->results_counts, counts);
  gtk_label_set_text (self->results_due, due != NULL ? due : "");
  gtk_widget_set_visible (GTK_WIDGET (self->results_due), due != NULL);
  gtk_label_set_text (self->results_overdue_label, overdue != NULL ? overdue : "");
  gtk_widget_set_visible (self->results_overdue, overdue != NULL);
}

static void
show_task (SuijiTasksPage *self)
{
  SuijiTaskSummary *summary = selected_summary (self);
  g_autoptr (SuijiTaskRecord) task = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) items = NULL;
  g_autofree char *items_text = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *pool = NULL;
  g_autofree char *origin = NULL;
  g_autofree char *period = NULL;
  g_autofree char *inspectors = NULL;
  GtkWidget       *child;
  gboolean         drawable;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_list))) != NULL)
    gtk_list_box_remove (self->facts_list, child);
  gtk_list_box_bind_model (self->draws_list, NULL, NULL, NULL, NULL);
  g_clear_object (&self->draws);

  if (summary == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.draw", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.results", FALSE);
      return;
    }

  task = suiji_task_load (self->db, suiji_task_summary_get_id (summary), &error);
  items = task != NULL ? suiji_task_list_item_names (self->db, task->id, &error) : NULL;
  self->draws = items != NULL ? suiji_saved_draw_list (self->db, task->id, &error) : NULL;
  if (self->draws == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "task");
  gtk_label_set_text (self->task_title, task->name);
  gtk_label_set_text (self->task_state, describe_state (task->state));

  if (g_str_equal (task->origin, "filed"))
    origin = g_strdup_printf (_("Unplanned, filed (备案) on %s: %s"), task->filed_on,
                              task->filed_reason);
  else
    origin = g_strdup_printf (_("The %d yearly plan"), task->year);
  if (task->period_start != NULL || task->period_end != NULL)
    period = g_strdup_printf ("%s – %s", task->period_start != NULL ? task->period_start : "",
                              task->period_end != NULL ? task->period_end : "");
  items_text = g_strjoinv ("；", items);
  rules = describe_rules (task);
  pool = describe_pool (task->pool_filter);
  if (task->inspector_cap > 0)
    inspectors = g_strdup_printf (_("%u per subject, at most %d subjects each"),
                                  task->inspectors_per_subject, task->inspector_cap);
  else
    inspectors = g_strdup_printf (_("%u per subject"), task->inspectors_per_subject);

  add_fact (self, _("Origin"), origin);
  add_fact (self,
            task->department_ids->len > 1 ? _("Departments (joint inspection, 部门联合)")
                                          : _("Department (internal inspection, 部门内部)"),
            suiji_task_summary_get_departments (summary));
  add_fact (self, _("Check Items"), items_text);
  add_fact (self, _("Platform"), task->platform);
  add_fact (self, _("Inspection Period"), period);
  add_fact (self, task->stratified ? _("Draw by Credit-Risk Class") : _("Draw without Classes"),
            rules);
  add_fact (self, _("Pool"), pool);
  add_fact (self, _("Inspectors"), inspectors);

  gtk_list_box_bind_model (self->draws_list, self->draws, create_draw_row, NULL, NULL);
  show_results (self, task->id);

  /* A task is drawn once: drawing again until the result suits would
   * defeat the purpose. */
  drawable = g_str_equal (task->state, "draft") && g_list_model_get_n_items (self->draws) == 0;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.draw", drawable);
  gtk_widget_set_visible (self->draw_button, drawable);
}

static void
draw_activated_cb (SuijiTasksPage *self, GtkListBoxRow *row)
{
  gint64 draw_id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "draw-id"));
  g_autoptr (GError) error = NULL;

  if (suiji_draw_view_open_window (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->db,
                                   draw_id, &error) == NULL)
    show_toast (self, error->message);
}

/* The list */

static void
setup_task_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *details = gtk_label_new (NULL);
  GtkWidget *overdue = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *overdue_text = gtk_label_new (_("Results overdue"));

  gtk_box_append (GTK_BOX (overdue), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
  gtk_box_append (GTK_BOX (overdue), overdue_text);
  gtk_widget_add_css_class (overdue, "warning");
  gtk_widget_add_css_class (overdue_text, "caption");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (details), 0);
  gtk_label_set_ellipsize (GTK_LABEL (details), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (details, "caption");
  gtk_widget_add_css_class (details, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), details);
  gtk_box_append (GTK_BOX (box), overdue);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_task_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  SuijiTasksPage   *self = SUIJI_TASKS_PAGE (user_data);
  SuijiTaskSummary *task = gtk_list_item_get_item (list_item);
  GtkWidget        *box = gtk_list_item_get_child (list_item);
  GtkWidget        *name = gtk_widget_get_first_child (box);
  GtkWidget        *details = gtk_widget_get_next_sibling (name);
  GtkWidget        *overdue = gtk_widget_get_next_sibling (details);
  gint64            id = suiji_task_summary_get_id (task);
  g_autofree char  *text = NULL;

  gtk_widget_set_visible (overdue, g_hash_table_contains (self->overdue_tasks, &id));
  g_hash_table_insert (self->overdue_marks, g_memdup2 (&id, sizeof id), overdue);

  if (suiji_task_summary_get_n_draws (task) > 0)
    text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%s · %u subject · %s", "%s · %u subjects · %s",
                     suiji_task_summary_get_n_drawn (task)),
        describe_state (suiji_task_summary_get_state (task)), suiji_task_summary_get_n_drawn (task),
        suiji_task_summary_get_departments (task));
  else
    text = g_strdup_printf ("%s · %s", describe_state (suiji_task_summary_get_state (task)),
                            suiji_task_summary_get_departments (task));
  gtk_label_set_text (GTK_LABEL (name), suiji_task_summary_get_name (task));
  gtk_label_set_text (GTK_LABEL (details), text);
  gtk_widget_set_tooltip_text (box, suiji_task_summary_get_name (task));
}

static void
unbind_task_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  SuijiTasksPage   *self = SUIJI_TASKS_PAGE (user_data);
  SuijiTaskSummary *task = gtk_list_item_get_item (list_item);
  GtkWidget        *box = gtk_list_item_get_child (list_item);
  gint64            id = suiji_task_summary_get_id (task);

  if (g_hash_table_lookup (self->overdue_marks, &id) == gtk_widget_get_last_child (box))
    g_hash_table_remove (self->overdue_marks, &id);
}

/* The tasks with results overdue, for the marks in the list: one query
 * per year the tasks are of. */
static gboolean
find_overdue_tasks (SuijiTasksPage *self, GListModel *tasks, GError **error)
{
  g_autoptr (GHashTable) years = g_hash_table_new (NULL, NULL);

  g_hash_table_remove_all (self->overdue_tasks);
  for (guint i = 0; i < g_list_model_get_n_items (tasks); i++)
    {
      g_autoptr (SuijiTaskSummary) task = g_list_model_get_item (tasks, i);
      int year = suiji_task_summary_get_year (task);
      g_autoptr (GArray) overdue = NULL;

      if (suiji_task_summary_get_n_draws (task) == 0 || year <= 0 ||
          g_hash_table_contains (years, GINT_TO_POINTER (year)))
        continue;
      g_hash_table_add (years, GINT_TO_POINTER (year));

      overdue = suiji_result_list_progress (self->db, year, NULL, TRUE, error);
      if (overdue == NULL)
        return FALSE;
      for (guint o = 0; o < overdue->len; o++)
        {
          gint64 id = g_array_index (overdue, SuijiResultProgress, o).task_id;

          g_hash_table_add (self->overdue_tasks, g_memdup2 (&id, sizeof id));
        }
    }

  return TRUE;
}

static void
search_changed_cb (SuijiTasksPage *self)
{
  gtk_string_filter_set_search (self->filter,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/**
 * suiji_tasks_page_select_task:
 *
 * Shows a task, clearing a search that hides it.
 */
void
suiji_tasks_page_select_task (SuijiTasksPage *self, gint64 task_id)
{
  GListModel *visible = gtk_single_selection_get_model (self->selection);

  if (self->reload_pending)
    suiji_tasks_page_reload (self);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      for (guint i = 0; i < g_list_model_get_n_items (visible); i++)
        {
          g_autoptr (SuijiTaskSummary) task = g_list_model_get_item (visible, i);

          if (suiji_task_summary_get_id (task) == task_id)
            {
              gtk_single_selection_set_selected (self->selection, i);
              show_task (self);
              return;
            }
        }
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_string_filter_set_search (self->filter, NULL);
    }
}

gint64
suiji_tasks_page_get_selected_task (SuijiTasksPage *self)
{
  SuijiTaskSummary *task = selected_summary (self);

  return task != NULL ? suiji_task_summary_get_id (task) : 0;
}

/**
 * suiji_tasks_page_reload:
 *
 * Reads the tasks again, keeping the one shown.
 */
void
suiji_tasks_page_reload (SuijiTasksPage *self)
{
  g_autoptr (GListModel) tasks = NULL;
  g_autoptr (GError) error = NULL;
  gint64    shown = suiji_tasks_page_get_selected_task (self);
  gpointer *items;
  guint     n;

  self->reload_pending = FALSE;
  if (self->db == NULL)
    return;

  tasks = suiji_task_summary_list (self->db, 0, &error);
  if (tasks == NULL || !find_overdue_tasks (self, tasks, &error))
    {
      show_toast (self, error->message);
      return;
    }

  n = g_list_model_get_n_items (tasks);
  items = g_new (gpointer, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    items[i] = g_list_model_get_item (tasks, i);
  g_list_store_splice (self->tasks, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tasks)), items,
                       n);
  for (guint i = 0; i < n; i++)
    g_object_unref (items[i]);
  g_free (items);

  if (shown != 0)
    suiji_tasks_page_select_task (self, shown);
  show_task (self);
}

void
suiji_tasks_page_set_database (SuijiTasksPage *self, SuijiDatabase *db)
{
  g_return_if_fail (SUIJI_IS_TASKS_PAGE (self));

  g_set_object (&self->db, db);
  /* Off screen the tasks are read when the page is next shown: the window
   * opens on another section without reading them first. */
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    suiji_tasks_page_reload (self);
  else
    self->reload_pending = TRUE;
}

/* Actions */

static void
task_created_cb (SuijiTasksPage *self, gint64 task_id)
{
  suiji_tasks_page_reload (self);
  suiji_tasks_page_select_task (self, task_id);
  show_toast (self, _("Task created. Draw it when everyone is in the room."));
}

static void
new_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiTasksPage *self = SUIJI_TASKS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  SuijiTaskDialog *dialog;

  if (self->db == NULL)
    return;

  dialog = suiji_task_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->db, &error);
  if (dialog == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  g_signal_connect_object (dialog, "created", G_CALLBACK (task_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
draw_saved_cb (SuijiTasksPage *self, gint64 draw_id)
{
  suiji_tasks_page_reload (self);
}

static void
draw_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiTasksPage *self = SUIJI_TASKS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  gint64           task_id = suiji_tasks_page_get_selected_task (self);
  SuijiDrawDialog *dialog;

  if (task_id == 0)
    return;

  dialog =
      suiji_draw_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->db, task_id, &error);
  if (dialog == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  g_signal_connect_object (dialog, "saved", G_CALLBACK (draw_saved_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
results_changed_cb (SuijiTasksPage *self, SuijiResultsWindow *window)
{
  gint64              task_id = suiji_results_window_get_task_id (window);
  SuijiResultProgress progress;

  if (task_id == suiji_tasks_page_get_selected_task (self))
    show_results (self, task_id);
  else
    load_progress (self, task_id, &progress);
}

static void
results_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiTasksPage *self = SUIJI_TASKS_PAGE (widget);
  g_autoptr (GError) error = NULL;
  gint64              task_id = suiji_tasks_page_get_selected_task (self);
  SuijiResultsWindow *window;

  if (task_id == 0)
    return;

  if ((window = suiji_results_window_find (self->db, task_id)) != NULL)
    {
      gtk_window_present (GTK_WINDOW (window));
      return;
    }
  window = suiji_results_window_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->db, task_id,
                                     &error);
  if (window == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  g_signal_connect_object (window, "changed", G_CALLBACK (results_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
suiji_tasks_page_map (GtkWidget *widget)
{
  SuijiTasksPage *self = SUIJI_TASKS_PAGE (widget);

  GTK_WIDGET_CLASS (suiji_tasks_page_parent_class)->map (widget);
  if (self->reload_pending)
    suiji_tasks_page_reload (self);
}

static void
suiji_tasks_page_dispose (GObject *object)
{
  SuijiTasksPage *self = (SuijiTasksPage *) object;

  if (self->draws_list != NULL)
    gtk_list_box_bind_model (self->draws_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SUIJI_TYPE_TASKS_PAGE);

  G_OBJECT_CLASS (suiji_tasks_page_parent_class)->dispose (object);
}

static void
suiji_tasks_page_finalize (GObject *object)
{
  SuijiTasksPage *self = (SuijiTasksPage *) object;

  g_clear_object (&self->db);
  g_clear_object (&self->tasks);
  g_clear_object (&self->selection);
  g_clear_object (&self->draws);
  g_clear_pointer (&self->overdue_tasks, g_hash_table_unref);
  g_clear_pointer (&self->overdue_marks, g_hash_table_unref);

  G_OBJECT_CLASS (suiji_tasks_page_parent_class)->finalize (object);
}

static void
suiji_tasks_page_class_init (SuijiTasksPageClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_tasks_page_dispose;
  object_class->finalize = suiji_tasks_page_finalize;
  widget_class->map = suiji_tasks_page_map;

  /**
   * SuijiTasksPage::add-toast:
   * @toast: (transfer full): what to tell the user
   */
  signals[ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                     NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/suiji/Suiji/suiji-tasks-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, tasks_view);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, task_title);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, task_state);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, draw_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, facts_list);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, draws_list);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, results_box);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, results_progress);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, results_counts);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, results_due);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, results_overdue);
  gtk_widget_class_bind_template_child (widget_class, SuijiTasksPage, results_overdue_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, draw_activated_cb);

  gtk_widget_class_install_action (widget_class, "tasks.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "tasks.draw", NULL, draw_action);
  gtk_widget_class_install_action (widget_class, "tasks.results", NULL, results_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "tasks.results",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "tasks.new",
                                       NULL);
}

static void
suiji_tasks_page_init (SuijiTasksPage *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkFilterListModel *filtered;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->overdue_tasks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->overdue_marks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->tasks = g_list_store_new (SUIJI_TYPE_TASK_SUMMARY);
  self->filter =
      gtk_string_filter_new (gtk_property_expression_new (SUIJI_TYPE_TASK_SUMMARY, NULL, "name"));
  filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->tasks)),
                                        GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (filtered));
  g_signal_connect_swapped (self->selection, "notify::selected-item", G_CALLBACK (show_task), self);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_task_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_task_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_task_cb), self);
  gtk_list_view_set_factory (self->tasks_view, factory);
  gtk_list_view_set_model (self->tasks_view, GTK_SELECTION_MODEL (self->selection));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.draw", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tasks.results", FALSE);
  gtk_widget_set_tooltip_text (self->draw_button,
                               _("Fixes the pool and the seed in front of everyone, then draws"));
}
