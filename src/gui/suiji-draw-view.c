/* suiji-draw-view.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A saved draw: how it was made (seed, pool digest, the chain of record
 * digests), the drawn subjects with their inspectors, and what anyone
 * may do with it: verify it by drawing again from the record alone,
 * export the public notice and the record, print the notice. Right after
 * a draw the list is revealed subject by subject, then inspector by
 * inspector, for the meeting room; the result was fixed and saved before
 * the first row appears.
 */

#define G_LOG_DOMAIN "suiji-draw-view"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-draw-pick-item.h"
#include "suiji-draw-publish.h"
#include "suiji-draw-view.h"
#include "suiji-draw.h"
#include "suiji-saved-draw.h"

/* The whole reveal takes about this long, however many subjects. */
#define REVEAL_TOTAL_MS 8000
#define REVEAL_MIN_STEP 25
#define REVEAL_MAX_STEP 450

struct _SuijiDrawView
{
  GtkBox parent_instance;

  GtkGrid           *facts_grid;
  GtkWidget         *verify_button;
  GtkLabel          *status_label;
  GtkScrolledWindow *picks_scroller;
  GtkColumnView     *picks_view;

  SuijiDatabase   *db;
  gint64           draw_id;
  SuijiDrawNotice *notice;
  GListStore      *picks;
  GCancellable    *verifying;

  guint reveal_source;
  guint revealed_rows;       /* subjects on screen */
  guint revealed_inspectors; /* of those, with their inspectors shown */
};

G_DEFINE_FINAL_TYPE (SuijiDrawView, suiji_draw_view, GTK_TYPE_BOX)

enum
{
  PROP_0,
  PROP_REVEALING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_status (SuijiDrawView *self, const char *text, const char *style)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style);
}

static void
add_fact (SuijiDrawView *self, int row, const char *label, const char *value, gboolean digits)
{
  GtkWidget *name = gtk_label_new (label);
  GtkWidget *text = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (name), 1);
  gtk_widget_set_valign (name, GTK_ALIGN_START);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_widget_set_hexpand (text, TRUE);
  /* Digests stay on one line, to be read out and compared; text wraps,
   * but never down to a column of single characters. */
  if (digits)
    gtk_widget_add_css_class (text, "monospace");
  else
    {
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (text), 40);
    }
  gtk_grid_attach (self->facts_grid, name, 0, row, 1, 1);
  gtk_grid_attach (self->facts_grid, text, 1, row, 1, 1);
}

static void
show_facts (SuijiDrawView *self, SuijiSavedDraw *saved, SuijiDrawRecord *record)
{
  GtkWidget       *child;
  const char      *previous = suiji_saved_draw_get_previous_digest (saved);
  g_autofree char *counts = NULL;
  g_autofree char *source = NULL;
  guint            n_picks = 0;
  int              row = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->facts_grid))) != NULL)
    gtk_grid_remove (self->facts_grid, child);

  suiji_draw_record_get_picks (record, &n_picks);
  if (suiji_draw_record_get_seed_kind (record) == SUIJI_DRAW_SEED_TEXT)
    source = g_strdup_printf (_("SHA-256 of the public text “%s”"),
                              suiji_draw_record_get_seed_text (record));
  else
    source = g_strdup (_("The operating system’s cryptographic random source"));
  counts = g_strdup_printf (_("%u drawn of %u subjects in the pool"), n_picks,
                            suiji_draw_record_get_n_candidates (record));

  add_fact (self, row++, _("Task"), suiji_draw_record_get_task_name (record), FALSE);
  add_fact (self, row++, _("Drawn at"), suiji_saved_draw_get_drawn_at (saved), FALSE);
  add_fact (self, row++, _("Subjects"), counts, FALSE);
  add_fact (self, row++, _("Algorithm"), SUIJI_DRAW_ALGORITHM, TRUE);
  add_fact (self, row++, _("Seed source"), source, FALSE);
  add_fact (self, row++, _("Seed"), suiji_saved_draw_get_seed (saved), TRUE);
  add_fact (self, row++, _("Pool digest"), suiji_draw_record_get_pool_digest (record), TRUE);
  add_fact (self, row++, _("Record digest"), suiji_saved_draw_get_record_digest (saved), TRUE);
  add_fact (self, row++, _("Previous record"),
            *previous != '\0' ? previous : _("None: the first draw of this database"),
            *previous != '\0');
}

/* Reveal */

static void
scroll_to_end (SuijiDrawView *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->picks_scroller);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static void
stop_reveal (SuijiDrawView *self)
{
  if (self->reveal_source == 0)
    return;
  g_clear_handle_id (&self->reveal_source, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALING]);
}

static gboolean
reveal_step_cb (gpointer user_data)
{
  SuijiDrawView *self = SUIJI_DRAW_VIEW (user_data);
  guint          n_rows = suiji_draw_notice_get_n_rows (self->notice);

  /* First the subjects appear in drawn order, then their inspectors. */
  if (self->revealed_rows < n_rows)
    {
      g_autoptr (SuijiDrawPickItem) item = suiji_draw_pick_item_new (
          suiji_draw_notice_get_row (self->notice, self->revealed_rows++));

      suiji_draw_pick_item_set_revealed (item, FALSE);
      g_list_store_append (self->picks, item);
      scroll_to_end (self);
      return G_SOURCE_CONTINUE;
    }

  if (self->revealed_inspectors < n_rows)
    {
      g_autoptr (SuijiDrawPickItem) item =
          g_list_model_get_item (G_LIST_MODEL (self->picks), self->revealed_inspectors++);

      suiji_draw_pick_item_set_revealed (item, TRUE);
      return G_SOURCE_CONTINUE;
    }

  self->reveal_source = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALING]);
  return G_SOURCE_REMOVE;
}

/**
 * suiji_draw_view_skip_reveal:
 *
 * Shows the whole result at once.
 */
void
suiji_draw_view_skip_reveal (SuijiDrawView *self)
{
  guint n_rows;

  g_return_if_fail (SUIJI_IS_DRAW_VIEW (self));

  if (self->notice == NULL)
    return;

  n_rows = suiji_draw_notice_get_n_rows (self->notice);
  for (; self->revealed_rows < n_rows; self->revealed_rows++)
    {
      g_autoptr (SuijiDrawPickItem) item =
          suiji_draw_pick_item_new (suiji_draw_notice_get_row (self->notice, self->revealed_rows));
      g_list_store_append (self->picks, item);
    }
  for (guint i = 0; i < n_rows; i++)
    {
      g_autoptr (SuijiDrawPickItem) item = g_list_model_get_item (G_LIST_MODEL (self->picks), i);
      suiji_draw_pick_item_set_revealed (item, TRUE);
    }
  self->revealed_inspectors = n_rows;
  stop_reveal (self);
}

gboolean
suiji_draw_view_get_revealing (SuijiDrawView *self)
{
  g_return_val_if_fail (SUIJI_IS_DRAW_VIEW (self), FALSE);
  return self->reveal_source != 0;
}

/**
 * suiji_draw_view_load:
 * @reveal: reveal the result row by row rather than all at once
 *
 * Shows a saved draw. Fails, showing nothing, when its record no longer
 * matches the digest saved with it.
 */
gboolean
suiji_draw_view_load (
    SuijiDrawView *self, SuijiDatabase *db, gint64 draw_id, gboolean reveal, GError **error)
{
  g_autoptr (SuijiSavedDraw) saved = NULL;
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (SuijiDrawNotice) notice = NULL;

  g_return_val_if_fail (SUIJI_IS_DRAW_VIEW (self), FALSE);
  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  saved = suiji_saved_draw_load (db, draw_id, error);
  record = saved != NULL ? suiji_saved_draw_load_record (db, draw_id, error) : NULL;
  notice = record != NULL ? suiji_draw_notice_load (db, draw_id, error) : NULL;
  if (notice == NULL)
    return FALSE;

  stop_reveal (self);
  g_cancellable_cancel (self->verifying);
  g_set_object (&self->db, db);
  self->draw_id = draw_id;
  g_clear_pointer (&self->notice, suiji_draw_notice_free);
  self->notice = g_steal_pointer (&notice);
  set_status (self, NULL, NULL);
  show_facts (self, saved, record);

  g_list_store_remove_all (self->picks);
  self->revealed_rows = 0;
  self->revealed_inspectors = 0;
  if (reveal && suiji_draw_notice_get_n_rows (self->notice) > 0)
    {
      guint n_rows = suiji_draw_notice_get_n_rows (self->notice);
      guint step = CLAMP (REVEAL_TOTAL_MS / (2 * n_rows), REVEAL_MIN_STEP, REVEAL_MAX_STEP);

      self->reveal_source = g_timeout_add (step, reveal_step_cb, self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALING]);
    }
  else
    suiji_draw_view_skip_reveal (self);

  /* Not the first selectable fact: it would show selected. */
  gtk_widget_grab_focus (self->verify_button);
  return TRUE;
}

/* Verify */

typedef struct
{
  char  *difference; /* NULL: verified */
  gint64 milliseconds;
} VerifyOutcome;

static void
verify_outcome_free (VerifyOutcome *outcome)
{
  g_free (outcome->difference);
  g_free (outcome);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VerifyOutcome, verify_outcome_free)

static void
verify_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  SuijiDrawRecord *record = task_data;
  g_autoptr (VerifyOutcome) outcome = g_new0 (VerifyOutcome, 1);
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (!suiji_draw_verify (record, &outcome->difference, &error) && error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Rounded up: a small draw verifies in under a millisecond, not in 0. */
  outcome->milliseconds = (g_get_monotonic_time () - start + 999) / 1000;
  g_task_return_pointer (task, g_steal_pointer (&outcome), (GDestroyNotify) verify_outcome_free);
}

static void
verify_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SuijiDrawView *self = SUIJI_DRAW_VIEW (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (VerifyOutcome) outcome = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *text = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_set_sensitive (self->verify_button, TRUE);
  g_clear_object (&self->verifying);
  if (error != NULL)
    {
      set_status (self, error->message, "error");
      return;
    }

  if (outcome->difference == NULL)
    {
      text = g_strdup_printf (_("Verified: drawing again from the saved record alone gives the "
                                 "same subjects and the same inspectors (%ld ms)."),
                              (long) outcome->milliseconds);
      set_status (self, text, "success");
    }
  else
    {
      text = g_strdup_printf (_("Not verified: %s"), outcome->difference);
      set_status (self, text, "error");
    }
}

static void
verify_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDrawView *self = SUIJI_DRAW_VIEW (widget);
  g_autoptr (GError) error = NULL;
  g_autoptr (GTask) task = NULL;
  SuijiDrawRecord *record;

  if (self->db == NULL || self->verifying != NULL)
    return;

  /* Read here, on the thread that owns the connection; drawn again
   * off it, so that a large record does not freeze the window. */
  record = suiji_saved_draw_load_record (self->db, self->draw_id, &error);
  if (record == NULL)
    {
      set_status (self, error->message, "error");
      return;
    }

  set_status (self, _("Drawing again from the saved record…"), NULL);
  gtk_widget_set_sensitive (self->verify_button, FALSE);
  self->verifying = g_cancellable_new ();
  task = g_task_new (self, self->verifying, verify_done_cb, NULL);
  g_task_set_task_data (task, record, (GDestroyNotify) suiji_draw_record_free);
  g_task_run_in_thread (task, verify_thread);
}

/* Export and print */

static void
export_response_cb (SuijiDrawView *self, int response, GtkFileChooserNative *chooser)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  const char      *format = g_object_get_data (G_OBJECT (chooser), "format");

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = g_file_get_path (file);
    }
  g_object_unref (chooser);
  if (path == NULL)
    return;

  if (g_str_equal (format, "json"))
    {
      gsize            length = 0;
      g_autofree char *json = suiji_saved_draw_dup_json (self->db, self->draw_id, &length, &error);

      if (json != NULL)
        g_file_set_contents (path, json, (gssize) length, &error);
    }
  else
    suiji_draw_publish (self->db, self->draw_id, path, &error);

  if (error != NULL)
    set_status (self, error->message, "error");
  else
    {
      g_autofree char *display = g_filename_display_basename (path);
      g_autofree char *text = g_strdup_printf (_("Saved “%s”."), display);
      set_status (self, text, "success");
    }
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDrawView        *self = SUIJI_DRAW_VIEW (widget);
  const char           *format = g_variant_get_string (parameter, NULL);
  g_autofree char      *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->notice == NULL)
    return;

  /* Official documents keep Chinese file names, as staff file them. */
  if (g_str_equal (format, "json"))
    name = g_strdup_printf ("抽取记录-%" G_GINT64_FORMAT ".json", self->draw_id);
  else
    name = g_strdup_printf ("抽查结果公示-%" G_GINT64_FORMAT ".%s", self->draw_id, format);

  chooser =
      gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (gtk_widget_get_root (widget)),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  g_object_set_data_full (G_OBJECT (chooser), "format", g_strdup (format), g_free);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
begin_print_cb (GtkPrintOperation *operation, GtkPrintContext *context, SuijiDrawView *self)
{
  gtk_print_operation_set_n_pages (
      operation, (int) suiji_draw_notice_paginate (self->notice,
                                                   gtk_print_context_get_cairo_context (context)));
}

static void
draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page, SuijiDrawView *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double   scale = MIN (gtk_print_context_get_width (context) / SUIJI_DRAW_NOTICE_PAGE_WIDTH,
                        gtk_print_context_get_height (context) / SUIJI_DRAW_NOTICE_PAGE_HEIGHT);

  /* The notice is laid out on A4; other paper gets it scaled to fit. */
  cairo_scale (cr, scale, scale);
  suiji_draw_notice_render_page (self->notice, cr, (guint) page);
}

static void
print_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiDrawView *self = SUIJI_DRAW_VIEW (widget);
  g_autoptr (GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr (GError) error = NULL;

  if (self->notice == NULL)
    return;

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_page_setup_set_top_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_bottom_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_left_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_page_setup_set_right_margin (setup, 0, GTK_UNIT_POINTS);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, suiji_draw_notice_get_title (self->notice));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                               GTK_WINDOW (gtk_widget_get_root (widget)),
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    set_status (self, error->message, "error");
}

/* The list */

static void
setup_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  guint      column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  /* Names and inspectors wrap; a code is read out whole. */
  if (column == SUIJI_DRAW_NOTICE_NAME || column == SUIJI_DRAW_NOTICE_INSPECTORS)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_width_chars (GTK_LABEL (label), 8);
    }
  if (column == SUIJI_DRAW_NOTICE_KEY)
    gtk_widget_add_css_class (label, "monospace");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  guint              column = GPOINTER_TO_UINT (user_data);
  SuijiDrawPickItem *item = gtk_list_item_get_item (list_item);
  GtkWidget         *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), suiji_draw_pick_item_get_cell (item, column));
  if (column == SUIJI_DRAW_NOTICE_INSPECTORS)
    {
      GBinding *binding =
          g_object_bind_property (item, "revealed", label, "visible", G_BINDING_SYNC_CREATE);
      g_object_set_data (G_OBJECT (list_item), "binding", binding);
    }
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item, gpointer user_data)
{
  GBinding *binding = g_object_get_data (G_OBJECT (list_item), "binding");

  if (binding != NULL)
    {
      g_binding_unbind (binding);
      g_object_set_data (G_OBJECT (list_item), "binding", NULL);
    }
}

static void
add_column (SuijiDrawView *self, const char *title, guint column, gboolean expand)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr (GtkColumnViewColumn) view_column = NULL;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GUINT_TO_POINTER (column));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell_cb), NULL);
  view_column = gtk_column_view_column_new (title, g_object_ref (factory));
  gtk_column_view_column_set_expand (view_column, expand);
  gtk_column_view_append_column (self->picks_view, view_column);
}

static void
suiji_draw_view_dispose (GObject *object)
{
  SuijiDrawView *self = (SuijiDrawView *) object;

  g_clear_handle_id (&self->reveal_source, g_source_remove);
  g_cancellable_cancel (self->verifying);
  g_clear_object (&self->verifying);
  gtk_widget_dispose_template (GTK_WIDGET (self), SUIJI_TYPE_DRAW_VIEW);

  G_OBJECT_CLASS (suiji_draw_view_parent_class)->dispose (object);
}

static void
suiji_draw_view_finalize (GObject *object)
{
  SuijiDrawView *self = (SuijiDrawView *) object;

  g_clear_object (&self->db);
  g_clear_object (&self->picks);
  g_clear_pointer (&self->notice, suiji_draw_notice_free);

  G_OBJECT_CLASS (suiji_draw_view_parent_class)->finalize (object);
}

static void
suiji_draw_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SuijiDrawView *self = SUIJI_DRAW_VIEW (object);

  switch (prop_id)
    {
    case PROP_REVEALING:
      g_value_set_boolean (value, suiji_draw_view_get_revealing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_draw_view_class_init (SuijiDrawViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = suiji_draw_view_dispose;
  object_class->finalize = suiji_draw_view_finalize;
  object_class->get_property = suiji_draw_view_get_property;

  properties[PROP_REVEALING] =
      g_param_spec_boolean ("revealing", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/suiji/Suiji/suiji-draw-view.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawView, facts_grid);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawView, verify_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawView, status_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawView, picks_scroller);
  gtk_widget_class_bind_template_child (widget_class, SuijiDrawView, picks_view);

  gtk_widget_class_install_action (widget_class, "draw-view.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "draw-view.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "draw-view.print", NULL, print_action);
}

static void
suiji_draw_view_init (SuijiDrawView *self)
{
  g_autoptr (GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->picks = g_list_store_new (SUIJI_TYPE_DRAW_PICK_ITEM);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->picks)));
  gtk_column_view_set_model (self->picks_view, GTK_SELECTION_MODEL (selection));

  add_column (self, _("No."), SUIJI_DRAW_NOTICE_POSITION, FALSE);
  add_column (self, _("Name"), SUIJI_DRAW_NOTICE_NAME, TRUE);
  add_column (self, _("Credit Code"), SUIJI_DRAW_NOTICE_KEY, FALSE);
  add_column (self, _("Region"), SUIJI_DRAW_NOTICE_REGION, FALSE);
  add_column (self, _("Class"), SUIJI_DRAW_NOTICE_STRATUM, FALSE);
  add_column (self, _("Inspectors"), SUIJI_DRAW_NOTICE_INSPECTORS, TRUE);
}

SuijiDrawView *
suiji_draw_view_new (void)
{
  return g_object_new (SUIJI_TYPE_DRAW_VIEW, NULL);
}

/**
 * suiji_draw_view_get_status:
 *
 * Returns: (nullable): the line under the facts: the outcome of the last
 *   verification or export, %NULL when none shows
 */
const char *
suiji_draw_view_get_status (SuijiDrawView *self)
{
  g_return_val_if_fail (SUIJI_IS_DRAW_VIEW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->status_label)))
    return NULL;
  return gtk_label_get_text (self->status_label);
}

/**
 * suiji_draw_view_open_window:
 *
 * Opens a saved draw in a window of its own.
 *
 * Returns: (transfer none): the window, or %NULL with @error set
 */
GtkWidget *
suiji_draw_view_open_window (GtkWindow *parent, SuijiDatabase *db, gint64 draw_id, GError **error)
{
  GListModel      *toplevels = gtk_window_get_toplevels ();
  SuijiDrawView   *view;
  GtkWidget       *window;
  GtkWidget       *box;
  GtkWidget       *header;
  g_autofree char *title = NULL;

  /* A draw already open comes to the front rather than twice on screen. */
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) open = g_list_model_get_item (toplevels, i);
      SuijiDrawView *shown = g_object_get_data (G_OBJECT (open), "suiji-draw-view");

      if (shown != NULL && shown->db == db && shown->draw_id == draw_id)
        {
          gtk_window_present (open);
          return GTK_WIDGET (open);
        }
    }

  view = suiji_draw_view_new ();
  g_object_ref_sink (view);
  if (!suiji_draw_view_load (view, db, draw_id, FALSE, error))
    {
      g_object_unref (view);
      return NULL;
    }

  title = g_strdup_printf (_("Draw %ld"), (long) draw_id);
  window = adw_window_new ();
  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
  gtk_window_set_default_size (GTK_WINDOW (window), 980, 720);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (view));
  g_object_unref (view);
  adw_window_set_content (ADW_WINDOW (window), box);
  g_object_set_data (G_OBJECT (window), "suiji-draw-view", view);
  gtk_widget_grab_focus (view->verify_button);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}
