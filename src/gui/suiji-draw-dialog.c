/* suiji-draw-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draw in the meeting room, in four steps: the pool and what each
 * rule will draw from it; the seed, fixed and shown with the pool digest
 * before anything is drawn; the draw itself, saved the moment it is
 * made so that nobody can draw again until the result suits; and the
 * result, revealed row by row, with verification, export and printing.
 * F11 turns the window into a presentation for a projector.
 */

#define G_LOG_DOMAIN "suiji-draw-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-draw-dialog.h"
#include "suiji-draw-view.h"
#include "suiji-draw.h"
#include "suiji-task-draw.h"
#include "suiji-task.h"

static const char *const step_names[] = { "pool", "seed", "draw", "result" };

struct _SuijiDrawDialog
{
  AdwWindow parent_instance;

  AdwWindowTitle  *window_title;
  GtkWidget       *back_button;
  GtkButton       *next_button;
  GtkToggleButton *presentation_button;
  GtkBox          *steps_box;
  GtkLabel        *error_label;
  GtkStack        *step_stack;
  GtkLabel        *pool_summary_label;
  GtkGrid         *strata_grid;
  GtkLabel        *inspectors_label;
  GtkListBox      *warnings_list;
  GtkCheckButton  *random_check;
  GtkCheckButton  *text_check;
  AdwEntryRow     *public_text_row;
  GtkLabel        *seed_label;
  GtkLabel        *digest_label;
  AdwStatusPage   *ready_page;
  SuijiDrawView   *draw_view;

  SuijiDatabase    *db;
  gint64            task_id;
  SuijiDrawRecord  *record; /* the inputs; handed to the drawing thread */
  SuijiDrawPreview *preview;
  guint8            random_seed[SUIJI_DRAW_SEED_SIZE];
  guint             step;
  gboolean          drawing;
  gint64            draw_id;
};

G_DEFINE_FINAL_TYPE (SuijiDrawDialog, suiji_draw_dialog, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (SuijiDrawDialog *self, const char *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static gboolean seed_ready (SuijiDrawDialog *self);

static void
update_steps (SuijiDrawDialog *self)
{
  const char *next_labels[] = { N_("_Next"), N_("_Fix the Seed"), N_("_Next"), N_("_Done") };
  GtkWidget  *child = gtk_widget_get_first_child (GTK_WIDGET (self->steps_box));
  gboolean    revealing = suiji_draw_view_get_revealing (self->draw_view);

  for (guint i = 0; child != NULL; i++, child = gtk_widget_get_next_sibling (child))
    {
      if (i == self->step)
        gtk_widget_add_css_class (child, "current");
      else
        gtk_widget_remove_css_class (child, "current");
    }

  gtk_stack_set_visible_child_name (self->step_stack, step_names[self->step]);
  gtk_button_set_label (self->next_button, _(next_labels[self->step]));

  /* The seed is fixed once the draw step is reached, and a draw is never
   * taken back. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.back", self->step == 1 && !self->drawing);
  gtk_widget_action_set_enabled (
      GTK_WIDGET (self), "draw.next",
      self->step != 2 && !self->drawing && !(self->step == 1 && !seed_ready (self)) &&
          !(self->step == 3 && revealing) && !(self->step == 0 && self->preview->to_draw == 0));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.run", self->step == 2 && !self->drawing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.generate-seed",
                                 self->step == 1 &&
                                     gtk_check_button_get_active (self->random_check));
  gtk_widget_set_tooltip_text (
      GTK_WIDGET (self->next_button),
      self->step == 0 && self->preview->to_draw == 0
          ? _("Nothing would be drawn: give the task a ratio or a count, or widen its pool")
      : self->step == 3 && revealing ? _("The result is still being revealed")
                                     : NULL);
}

/* Step 1: the pool */

static void
attach_cell (SuijiDrawDialog *self, const char *text, int column, int row, gboolean heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (self->strata_grid, label, column, row, 1, 1);
}

static void
show_preview (SuijiDrawDialog *self)
{
  SuijiDrawPreview *preview = self->preview;
  g_autofree char  *summary = NULL;
  g_autofree char  *inspectors = NULL;
  int               row = 0;

  summary = g_strdup_printf (_("%u of %u subjects are in the pool; the rules draw %u."),
                             preview->in_pool, preview->in_directory, preview->to_draw);
  gtk_label_set_text (self->pool_summary_label, summary);

  attach_cell (self, _("Class"), 0, row, TRUE);
  attach_cell (self, _("In the Directory"), 1, row, TRUE);
  attach_cell (self, _("In the Pool"), 2, row, TRUE);
  attach_cell (self, _("Rule"), 3, row, TRUE);
  attach_cell (self, _("To Draw"), 4, row, TRUE);
  for (guint i = 0; i < preview->strata->len; i++)
    {
      const SuijiDrawPreviewStratum *stratum =
          &g_array_index (preview->strata, SuijiDrawPreviewStratum, i);
      g_autofree char *in_directory = g_strdup_printf ("%u", stratum->in_directory);
      g_autofree char *in_pool = g_strdup_printf ("%u", stratum->in_pool);
      g_autofree char *k = g_strdup_printf ("%u", stratum->k);
      g_autofree char *rule = NULL;

      if (stratum->bp >= 0)
        rule = g_strdup_printf ("%d.%02d %%", stratum->bp / 100, stratum->bp % 100);
      else if (stratum->count >= 0)
        rule = g_strdup_printf (_("%d subjects"), stratum->count);
      else
        rule = g_strdup (_("none"));

      row++;
      attach_cell (self, stratum->label, 0, row, FALSE);
      attach_cell (self, in_directory, 1, row, FALSE);
      attach_cell (self, in_pool, 2, row, FALSE);
      attach_cell (self, rule, 3, row, FALSE);
      attach_cell (self, k, 4, row, FALSE);
    }

  inspectors = g_strdup_printf (
      _("%u inspectors of the task’s departments may go (active, with a valid badge); each "
         "subject gets %u of them at random."),
      preview->inspectors, preview->inspectors_per_subject);
  gtk_label_set_text (self->inspectors_label, inspectors);

  for (guint i = 0; preview->warnings[i] != NULL; i++)
    {
      GtkWidget *warning = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (warning), icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (warning), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (warning), preview->warnings[i]);
      gtk_list_box_append (self->warnings_list, warning);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_list), preview->warnings[0] != NULL);
}

/* Step 2: the seed */

static void
show_seed (SuijiDrawDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->public_text_row));
  gboolean    random = gtk_check_button_get_active (self->random_check);

  if (random)
    suiji_draw_record_set_seed_random (self->record, self->random_seed);
  else if (*text != '\0')
    suiji_draw_record_set_seed_text (self->record, text);

  if (!random && *text == '\0')
    gtk_label_set_text (self->seed_label, _("Type the public text above."));
  else
    gtk_label_set_text (self->seed_label, suiji_draw_record_get_seed_hex (self->record));
}

static gboolean
seed_ready (SuijiDrawDialog *self)
{
  return gtk_check_button_get_active (self->random_check) ||
         *gtk_editable_get_text (GTK_EDITABLE (self->public_text_row)) != '\0';
}

static void
seed_source_toggled_cb (SuijiDrawDialog *self)
{
  gboolean random = gtk_check_button_get_active (self->random_check);

  gtk_widget_set_sensitive (GTK_WIDGET (self->public_text_row), !random);
  if (!random)
    gtk_widget_grab_focus (GTK_WIDGET (self->public_text_row));
  update_steps (self);
  show_seed (self);
}

static void
public_text_changed_cb (SuijiDrawDialog *self)
{
  show_seed (self);
  update_steps (self);
}

static void
generate_seed_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDrawDialog *self = SUIJI_DRAW_DIALOG (widget);

  suiji_draw_seed_generate (self->random_seed);
  show_seed (self);
}

/* Steps 3 and 4: the draw and its result */

static void
draw_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr (GError) error = NULL;

  if (suiji_draw_run (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static gboolean
checkpoint_cb (gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  /* Only the copy into the file waits: the draw is on the disk already. */
  if (!suiji_database_checkpoint (user_data, &error))
    g_warning ("%s", error->message);
  return G_SOURCE_REMOVE;
}

static void
draw_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SuijiDrawDialog *self = SUIJI_DRAW_DIALOG (source);
  g_autoptr (GError) error = NULL;

  self->drawing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      show_error (self, error->message);
      update_steps (self);
      return;
    }

  self->draw_id = suiji_task_save_draw (self->db, self->task_id, self->record, &error);
  if (self->draw_id == 0)
    {
      g_autofree char *message = g_strdup_printf (
          _("The draw could not be saved, so it does not count: %s"), error->message);
      show_error (self, message);
      update_steps (self);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, self->draw_id);

  self->step = 3;
  g_clear_error (&error);
  if (!suiji_draw_view_load (self->draw_view, self->db, self->draw_id, TRUE, &error))
    show_error (self, error->message);
  update_steps (self);
  /* The saved record's checkpoint (some 30 ms for a county) after the
   * result is on screen rather than before. */
  g_idle_add_full (G_PRIORITY_LOW, checkpoint_cb, g_object_ref (self->db), g_object_unref);
}

static void
run_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDrawDialog *self = SUIJI_DRAW_DIALOG (widget);
  g_autoptr (GTask) task = NULL;

  if (self->drawing || self->draw_id != 0)
    return;

  show_error (self, NULL);
  self->drawing = TRUE;
  update_steps (self);
  adw_status_page_set_description (self->ready_page, _("Drawing…"));
  task = g_task_new (self, NULL, draw_done_cb, NULL);
  g_task_set_task_data (task, self->record, NULL);
  g_task_run_in_thread (task, draw_thread);
}

static void
revealing_changed_cb (SuijiDrawDialog *self)
{
  update_steps (self);
}

/* Navigation */

static void
next_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDrawDialog *self = SUIJI_DRAW_DIALOG (widget);

  show_error (self, NULL);
  switch (self->step)
    {
    case 0:
      self->step = 1;
      show_seed (self);
      break;
    case 1:
      {
        g_autofree char *ready = NULL;

        show_seed (self);
        ready = g_strdup_printf (_("The seed is fixed. Drawing takes %u of the %u subjects in "
                                    "the pool, and is saved at once: it cannot be taken back."),
                                 self->preview->to_draw, self->preview->in_pool);
        adw_status_page_set_description (self->ready_page, ready);
        self->step = 2;
      }
      break;
    case 3:
      gtk_window_close (GTK_WINDOW (self));
      return;
    default:
      break;
    }
  update_steps (self);
}

static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDrawDialog *self = SUIJI_DRAW_DIALOG (widget);

  if (self->step == 1)
    self->step = 0;
  update_steps (self);
}

static void
presentation_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  GtkWindow *window = GTK_WINDOW (widget);

  if (gtk_window_is_fullscreen (window))
    gtk_window_unfullscreen (window);
  else
    gtk_window_fullscreen (window);
}

static void
leave_presentation_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_unfullscreen (GTK_WINDOW (widget));
}

static void
fullscreened_cb (SuijiDrawDialog *self)
{
  gboolean fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));

  if (fullscreen)
    gtk_widget_add_css_class (GTK_WIDGET (self), "presentation");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "presentation");
  gtk_toggle_button_set_active (self->presentation_button, fullscreen);
  gtk_button_set_icon_name (GTK_BUTTON (self->presentation_button),
                            fullscreen ? "view-restore-symbolic" : "view-fullscreen-symbolic");
}

static gboolean
close_request_cb (SuijiDrawDialog *self)
{
  /* The thread holds the record; the window waits for it. */
  return self->drawing;
}

static void
suiji_draw_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), SUIJI_TYPE_DRAW_DIALOG);

  G_OBJECT_CLASS (suiji_draw_dialog_parent_class)->dispose (object);
}

static void
suiji_draw_dialog_finalize (GObject *object)
{
  SuijiDrawDialog *self = (SuijiDrawDialog *) object;

  g_clear_object (&self->db);
  g_clear_pointer (&self->record, suiji_draw_record_free);
  g_clear_pointer (&self->preview, suiji_draw_preview_free);

  G_OBJECT_CLASS (suiji_draw_dialog_parent_class)->finalize (object);
}

static void
suiji_draw_dialog_class_init (SuijiDrawDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_draw_dialog_dispose;
  object_class->finalize = suiji_draw_dialog_finalize;

  /**
   * SuijiDrawDialog::saved:
   * @draw_id: the saved draw
   *
   * The draw was made and saved; the task's state changed.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (SUIJI_TYPE_DRAW_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/suiji/Suiji/suiji-draw-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, presentation_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, steps_box);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, step_stack);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, pool_summary_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, strata_grid);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, inspectors_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, warnings_list);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, random_check);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, text_check);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, public_text_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, seed_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, digest_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, ready_page);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawDialog, draw_view);
  gtk_widget_class_bind_template_callback (widget_class, seed_source_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, public_text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, revealing_changed_cb);

  gtk_widget_class_install_action (widget_class, "draw.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "draw.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "draw.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "draw.generate-seed", NULL, generate_seed_action);
  gtk_widget_class_install_action (widget_class, "draw.presentation", NULL, presentation_action);
  gtk_widget_class_install_action (widget_class, "draw.leave-presentation", NULL,
                                   leave_presentation_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "draw.presentation", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "draw.leave-presentation",
                                       NULL);
}

static void
suiji_draw_dialog_init (SuijiDrawDialog *self)
{
  const char *titles[] = { N_("1 Pool"), N_("2 Seed"), N_("3 Draw"), N_("4 Result") };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    gtk_box_append (self->steps_box, gtk_label_new (_(titles[i])));

  suiji_draw_seed_generate (self->random_seed);
  g_signal_connect (self, "notify::fullscreened", G_CALLBACK (fullscreened_cb), NULL);
  g_signal_connect (self, "close-request", G_CALLBACK (close_request_cb), NULL);
}

/**
 * suiji_draw_dialog_new:
 *
 * Freezes the task's pool and inspectors as they are now and opens the
 * first step on them.
 *
 * Returns: (transfer none): the dialog, or %NULL with @error set
 */
SuijiDrawDialog *
suiji_draw_dialog_new (GtkWindow *parent, SuijiDatabase *db, gint64 task_id, GError **error)
{
  g_autoptr (SuijiTaskRecord) task = NULL;
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (SuijiDrawPreview) preview = NULL;
  SuijiDrawDialog *self;

  task = suiji_task_load (db, task_id, error);
  record = task != NULL ? suiji_task_prepare_draw (db, task_id, error) : NULL;
  preview = record != NULL ? suiji_task_preview_draw (db, task_id, record, error) : NULL;
  if (preview == NULL)
    return NULL;

  self = g_object_new (SUIJI_TYPE_DRAW_DIALOG, "transient-for", parent, NULL);
  self->db = g_object_ref (db);
  self->task_id = task_id;
  self->record = g_steal_pointer (&record);
  self->preview = g_steal_pointer (&preview);
  adw_window_title_set_subtitle (self->window_title, task->name);
  gtk_label_set_text (self->digest_label, self->preview->pool_digest);
  show_preview (self);
  update_steps (self);
  return self;
}

/**
 * suiji_draw_dialog_get_step:
 *
 * Returns: pool, seed, draw or result
 */
const char *
suiji_draw_dialog_get_step (SuijiDrawDialog *self)
{
  g_return_val_if_fail (SUIJI_IS_DRAW_DIALOG (self), NULL);
  return step_names[self->step];
}

/**
 * suiji_draw_dialog_get_draw_id:
 *
 * Returns: the saved draw, 0 before the draw
 */
gint64
suiji_draw_dialog_get_draw_id (SuijiDrawDialog *self)
{
  g_return_val_if_fail (SUIJI_IS_DRAW_DIALOG (self), 0);
  return self->draw_id;
}
