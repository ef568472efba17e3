/* suiji-import-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Takes office staff through importing a directory file: which file, which
 * column holds which field, what the rows hold, then the import itself.
 *
 * Reading, checking and writing run in a worker thread. For checking and
 * writing the SuijiImport moves to the worker, which gives it a database
 * connection of its own, and comes back when the worker is done: while it
 * is away self->import is NULL, so the main thread cannot touch it.
 */

#define G_LOG_DOMAIN "suiji-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "suiji-import-dialog.h"

/* How many data rows the Columns page shows. */
#define PREVIEW_ROWS 5

/* Headings longer than this are cut in the column choices. */
#define MAX_HEADING_CHARS 24

struct _SuijiImportDialog
{
  AdwWindow parent_instance;

  /* Owned references */
  SuijiDatabase        *db;
  GFile                *file;
  SuijiImport          *import;      /* NULL while a worker holds it */
  GCancellable         *cancellable; /* of the running worker */
  GListStore           *problems;
  GPtrArray            *field_rows;
  GtkFileChooserNative *chooser;

  SuijiDirectory kind;
  guint          read_serial;
  guint          n_good;

  /* What a worker is doing, if anything. */
  gboolean reading;
  gboolean checking;
  gboolean committing;

  /* Whether the File page was shown: a new reading then shows there. A
   * file given by the caller is read before anything else shows. */
  gboolean file_page_used;
  /* Esc during the import cancels it and closes once it rolled back. */
  gboolean close_when_done;
  /* Set while the code itself changes widgets whose signals would act. */
  gboolean updating;
  gboolean disposed;

  /* Template widgets */
  GtkWidget           *back_button;
  GtkLabel            *busy_label;
  GtkSpinner          *busy_spinner;
  GtkWidget           *cancel_button;
  GtkLabel            *choice_label;
  GtkWidget           *choose_button;
  GtkWidget           *close_button;
  AdwPreferencesGroup *columns_group;
  GtkLabel            *counts_label;
  AdwStatusPage       *done_page;
  AdwComboRow         *encoding_row;
  GtkWidget           *file_error_group;
  GtkLabel            *file_error_label;
  AdwActionRow        *file_row;
  GtkSpinButton       *header_row_spin;
  GtkButton           *import_button;
  GtkWidget           *import_nothing_button;
  AdwComboRow         *kind_row;
  GtkWidget           *next_button;
  GtkGrid             *preview_grid;
  GtkWidget           *problems_header;
  GtkStack            *problems_stack;
  GtkListView         *problems_view;
  GtkProgressBar      *progress_bar;
  GtkSpinner          *read_spinner;
  GtkStringList       *sheet_list;
  AdwComboRow         *sheet_row;
  GtkStack            *stack;
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
};

G_DEFINE_FINAL_TYPE (SuijiImportDialog, suiji_import_dialog, ADW_TYPE_WINDOW)

enum
{
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Marks the problems that are warnings: the row is imported anyway. */
static GQuark warning_quark;

/* What a worker needs. Only thread-safe things go in here: the worker
 * may drop the last reference to the job. */
typedef struct
{
  /* Reading */
  char                 *path;
  SuijiTableReadOptions options;
  guint                 serial;
  GStrv                 sheets;

  /* Checking and writing */
  SuijiImport       *import;
  char              *db_path;
  GListStore        *problems;
  SuijiImportSummary summary;
  SuijiImportDialog *dialog; /* not a reference: the task's callback holds one */
} Job;

typedef struct
{
  SuijiImportDialog *dialog;
  guint              done;
  guint              total;
} Progress;

static void update_actions (SuijiImportDialog *self);
static void rebuild_columns_page (SuijiImportDialog *self);

static void
job_free (Job *job)
{
  g_free (job->path);
  g_strfreev (job->sheets);
  g_clear_pointer (&job->import, suiji_import_free);
  g_free (job->db_path);
  g_clear_object (&job->problems);
  g_free (job);
}

static void
progress_free (Progress *progress)
{
  g_object_unref (progress->dialog);
  g_free (progress);
}

static const char *
get_page (SuijiImportDialog *self)
{
  return gtk_stack_get_visible_child_name (self->stack);
}

static gboolean
on_page (SuijiImportDialog *self, const char *name)
{
  return g_strcmp0 (get_page (self), name) == 0;
}

static void
add_toast (SuijiImportDialog *self, const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (markup));
}

/* The column's name as spreadsheets show it: A … Z, AA … */
static char *
dup_column_letters (guint column)
{
  char  letters[8];
  guint length = 0;

  for (guint n = column + 1; n > 0 && length < sizeof letters - 1; n = (n - 1) / 26)
    letters[length++] = (char) ('A' + (n - 1) % 26);

  return g_utf8_strreverse (letters, length);
}

static char *
dup_display_name (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  return path != NULL ? g_filename_display_basename (path) : g_file_get_basename (file);
}

static gboolean
row_is_empty (SuijiTable *table, guint row)
{
  guint n_columns = suiji_table_get_n_columns (table);

  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *cell = g_strdup (suiji_table_get_cell (table, row, c));

      if (*g_strstrip (cell) != '\0')
        return FALSE;
    }

  return TRUE;
}

/* Page changes */

static void
show_page (SuijiImportDialog *self, const char *name)
{
  GtkWidget *child = gtk_stack_get_child_by_name (self->stack, name);
  GtkWidget *focus = NULL;

  gtk_stack_set_visible_child (self->stack, child);
  adw_window_title_set_title (self->window_title,
                              gtk_stack_page_get_title (gtk_stack_get_page (self->stack, child)));
  gtk_spinner_set_spinning (self->busy_spinner, g_str_equal (name, "busy"));
  update_actions (self);

  /* Enter takes the step forward, wherever the page puts it. */
  if (g_str_equal (name, "file") || g_str_equal (name, "columns"))
    focus = self->next_button;
  else if (g_str_equal (name, "check"))
    focus = GTK_WIDGET (self->import_button);
  else if (g_str_equal (name, "done"))
    focus = self->close_button;
  gtk_window_set_default_widget (GTK_WINDOW (self), focus);

  if (focus != NULL && !gtk_widget_is_sensitive (focus))
    focus = g_str_equal (name, "file") ? self->choose_button : NULL;
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
show_busy (SuijiImportDialog *self, const char *title, const char *text)
{
  gtk_label_set_label (self->busy_label, text);
  show_page (self, "busy");
  adw_window_title_set_title (self->window_title, title);
}

/* Which buttons the page shows, and which of them can act. */
static void
update_actions (SuijiImportDialog *self)
{
  const char      *page = get_page (self);
  gboolean         file_page = g_strcmp0 (page, "file") == 0;
  gboolean         columns_page = g_strcmp0 (page, "columns") == 0;
  gboolean         check_page = g_strcmp0 (page, "check") == 0;
  gboolean         can_next = FALSE;
  g_autofree char *next_tooltip = NULL;

  if (file_page)
    {
      can_next = self->import != NULL && !self->reading;
      if (!can_next && !self->reading)
        next_tooltip = g_strdup (_("Choose a file that can be read first"));
    }
  else if (columns_page && self->import != NULL)
    {
      guint                   n_fields;
      const SuijiImportField *fields = suiji_import_get_fields (self->kind, &n_fields);

      can_next = suiji_import_check_mapping (self->import, NULL);
      /* The core's message speaks of the command line's --map; here the
       * user chooses the column in the row above. */
      for (guint f = 0; !can_next && f < n_fields; f++)
        if (fields[f].required && suiji_import_get_column (self->import, f) < 0)
          {
            next_tooltip =
                g_strdup_printf (_("Choose the column that holds “%s” first"), fields[f].title);
            break;
          }
    }

  /* The File page is also where the sheet and encoding of a file the
   * caller gave are chosen: Back leads there even if it never showed. */
  gtk_widget_set_visible (self->back_button, columns_page || check_page);
  gtk_widget_set_visible (self->cancel_button,
                          !check_page ? g_strcmp0 (page, "done") != 0
                                      : !gtk_widget_get_visible (self->import_nothing_button));
  gtk_widget_set_visible (self->next_button, file_page || columns_page);
  gtk_widget_set_visible (self->close_button, g_strcmp0 (page, "done") == 0);
  gtk_widget_set_tooltip_text (self->next_button, next_tooltip);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.next", can_next);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.back",
                                 (columns_page || check_page) && self->import != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose-file", !self->committing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.commit",
                                 check_page && self->import != NULL && self->n_good > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.save-report",
                                 check_page && self->import != NULL &&
                                     g_list_model_get_n_items (G_LIST_MODEL (self->problems)) > 0);
}

/* 1. File */

static void
show_file_error (SuijiImportDialog *self, const char *message)
{
  gtk_label_set_label (self->file_error_label, message);
  gtk_widget_set_visible (self->file_error_group, message != NULL);
}

/* The sheet choice is for workbooks, the encoding for text files; before a
 * file could be read its name tells which it is meant to be. */
static void
update_read_options (SuijiImportDialog *self, SuijiTable *table, GStrv sheets, int sheet)
{
  g_autofree char *name = self->file != NULL ? g_file_get_basename (self->file) : NULL;
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;
  gboolean         xlsx = table != NULL ? g_strcmp0 (suiji_table_get_format (table), "xlsx") == 0
                                        : lower != NULL && g_str_has_suffix (lower, ".xlsx");

  self->updating = TRUE;
  if (sheets != NULL)
    {
      gtk_string_list_splice (self->sheet_list, 0,
                              g_list_model_get_n_items (G_LIST_MODEL (self->sheet_list)),
                              (const char *const *) sheets);
      adw_combo_row_set_selected (self->sheet_row, sheet >= 0 ? (guint) sheet : 0);
    }
  self->updating = FALSE;

  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row),
                          xlsx && g_list_model_get_n_items (G_LIST_MODEL (self->sheet_list)) > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->encoding_row), self->file != NULL && !xlsx);
}

static void
read_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (GError) error = NULL;
  SuijiTable *table;

  /* Listed even when reading fails, so that the user can choose another
   * sheet when the one asked for is not there. */
  job->sheets = suiji_table_list_sheets (job->path, NULL);

  table = suiji_table_read_file (job->path, &job->options, cancellable, &error);
  if (table == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, table, (GDestroyNotify) suiji_table_free);
}

static void
read_done_cb (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SuijiImportDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (SuijiTable) table = NULL;
  g_autoptr (GError) error = NULL;

  table = g_task_propagate_pointer (G_TASK (result), &error);

  /* A newer read, or the end of the dialog, made this one moot. */
  if (self->disposed || job->serial != self->read_serial)
    return;

  self->reading = FALSE;
  g_clear_object (&self->cancellable);
  gtk_spinner_set_spinning (self->read_spinner, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->read_spinner), FALSE);
  update_read_options (self, table, job->sheets, job->options.sheet);

  if (table == NULL)
    {
      show_file_error (self, error->message);
      self->file_page_used = TRUE;
      show_page (self, "file");
      return;
    }

  show_file_error (self, NULL);
  self->import = suiji_import_new (self->db, self->kind, g_steal_pointer (&table), job->path);

  /* A file given by the caller goes straight on to its columns. */
  if (on_page (self, "busy"))
    {
      rebuild_columns_page (self);
      show_page (self, "columns");
    }
  else
    update_actions (self);
}

/* Reads the file again with what the File page says: a change of the
 * directory, sheet or encoding means another reading of the cells. */
static void
start_read (SuijiImportDialog *self)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *display = dup_display_name (self->file);
  guint            sheet = adw_combo_row_get_selected (self->sheet_row);
  Job             *job;

  g_assert (self->file != NULL);
  g_assert (!self->committing && !self->checking);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->import, suiji_import_free);

  job = g_new0 (Job, 1);
  job->path = g_file_get_path (self->file);
  job->options.encoding = (SuijiTableEncoding) adw_combo_row_get_selected (self->encoding_row);
  job->options.sheet =
      gtk_widget_get_visible (GTK_WIDGET (self->sheet_row)) && sheet != GTK_INVALID_LIST_POSITION
          ? (int) sheet
          : -1;
  job->serial = ++self->read_serial;

  if (job->path == NULL)
    {
      job_free (job);
      show_file_error (self, _("Suiji can only read files on this computer. Copy the file to "
                                "a folder here, then choose it there."));
      update_actions (self);
      return;
    }

  self->reading = TRUE;
  self->cancellable = g_cancellable_new ();
  show_file_error (self, NULL);
  adw_action_row_set_subtitle (self->file_row, display);
  adw_window_title_set_subtitle (self->window_title, display);

  if (self->file_page_used)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->read_spinner), TRUE);
      gtk_spinner_set_spinning (self->read_spinner, TRUE);
      update_actions (self);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Reading “%s”…"), display);
      show_busy (self, _("Reading the File"), text);
    }

  task = g_task_new (NULL, self->cancellable, read_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_read);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, read_thread);
}

static void
set_file (SuijiImportDialog *self, GFile *file)
{
  g_set_object (&self->file, file);

  /* Another file starts with its first sheet and a guessed encoding. */
  self->updating = TRUE;
  gtk_string_list_splice (self->sheet_list, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->sheet_list)), NULL);
  adw_combo_row_set_selected (self->encoding_row, SUIJI_TABLE_ENCODING_AUTO);
  self->updating = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->sheet_row), FALSE);

  start_read (self);
}

static void
file_chosen_cb (SuijiImportDialog *self, int response, GtkNativeDialog *chooser)
{
  g_assert (SUIJI_IS_IMPORT_DIALOG (self));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        set_file (self, file);
    }

  g_clear_object (&self->chooser);
}

static void
kind_selected_cb (SuijiImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  g_assert (SUIJI_IS_IMPORT_DIALOG (self));

  if (self->updating || selected > SUIJI_DIRECTORY_ITEMS)
    return;

  self->kind = (SuijiDirectory) selected;
  /* The import was made for the other directory's fields. */
  if (self->file != NULL)
    start_read (self);
}

static void
read_options_changed_cb (SuijiImportDialog *self)
{
  g_assert (SUIJI_IS_IMPORT_DIALOG (self));

  if (!self->updating && self->file != NULL)
    start_read (self);
}

/* 2. Columns */

static GtkStringList *
create_column_choices (SuijiImport *import)
{
  SuijiTable    *table = suiji_import_get_table (import);
  guint          header_row = suiji_import_get_header_row (import);
  guint          n_columns = suiji_table_get_n_columns (table);
  GtkStringList *choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, _("Not in this file"));

  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *letters = dup_column_letters (c);
      g_autofree char *heading = g_strdup (suiji_table_get_cell (table, header_row, c));
      g_autofree char *text = NULL;

      g_strstrip (g_strdelimit (heading, "\t\r\n", ' '));
      if (g_utf8_strlen (heading, -1) > MAX_HEADING_CHARS)
        {
          g_autofree char *cut = g_utf8_substring (heading, 0, MAX_HEADING_CHARS - 1);
          g_free (heading);
          heading = g_strconcat (cut, "…", NULL);
        }

      text = *heading != '\0' ? g_strdup_printf ("%s · %s", letters, heading)
                              : g_steal_pointer (&letters);
      gtk_string_list_append (choices, text);
    }

  return choices;
}

/* The field rows follow the import: choosing a column for one field
 * takes it away from another. */
static void
sync_field_rows (SuijiImportDialog *self)
{
  guint                   n_fields;
  const SuijiImportField *fields = suiji_import_get_fields (self->kind, &n_fields);

  self->updating = TRUE;
  for (guint f = 0; f < self->field_rows->len && f < n_fields; f++)
    {
      AdwComboRow *row = g_ptr_array_index (self->field_rows, f);
      int          column = suiji_import_get_column (self->import, f);

      adw_combo_row_set_selected (row, (guint) (column + 1));
      if (fields[f].required && column < 0)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Required: choose its column"));
      else if (fields[f].required)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Required"));
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), NULL);
    }
  self->updating = FALSE;
}

static GtkWidget *
create_preview_label (const char *text, gboolean heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else
    {
      /* Long cells are cut; short ones stay whole, so that a narrow
       * window scrolls the preview instead of cutting every cell. */
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (text, -1), 12));
      gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
    }

  return label;
}

/* The first data rows under the fields they go to, so that a wrong
 * column shows before anything is checked. */
static void
update_preview (SuijiImportDialog *self)
{
  SuijiTable             *table = suiji_import_get_table (self->import);
  guint                   header_row = suiji_import_get_header_row (self->import);
  guint                   n_rows = suiji_table_get_n_rows (table);
  guint                   n_fields;
  const SuijiImportField *fields = suiji_import_get_fields (self->kind, &n_fields);
  GtkWidget              *child;
  int                     x = 0;
  int                     y = 1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);

  for (guint f = 0; f < n_fields; f++)
    if (suiji_import_get_column (self->import, f) >= 0)
      gtk_grid_attach (self->preview_grid, create_preview_label (fields[f].title, TRUE), x++, 0, 1,
                       1);

  if (x == 0)
    {
      child = create_preview_label (_("No column is chosen yet"), FALSE);
      gtk_widget_add_css_class (child, "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_NONE);
      gtk_grid_attach (self->preview_grid, child, 0, 0, 1, 1);
      return;
    }

  for (guint r = header_row + 1; r < n_rows && y <= PREVIEW_ROWS; r++)
    {
      if (row_is_empty (table, r))
        continue;

      x = 0;
      for (guint f = 0; f < n_fields; f++)
        {
          int column = suiji_import_get_column (self->import, f);

          if (column >= 0)
            gtk_grid_attach (
                self->preview_grid,
                create_preview_label (suiji_table_get_cell (table, r, (guint) column), FALSE), x++,
                y, 1, 1);
        }
      y++;
    }

  if (y == 1)
    {
      child = create_preview_label (_("There are no rows below the header row"), FALSE);
      gtk_widget_add_css_class (child, "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_NONE);
      gtk_grid_attach (self->preview_grid, child, 0, 1, MAX (x, 1), 1);
    }
}

static void
field_column_selected_cb (SuijiImportDialog *self, GParamSpec *pspec, AdwComboRow *row)
{
  guint field;
  guint selected;

  g_assert (SUIJI_IS_IMPORT_DIALOG (self));

  if (self->updating || self->import == NULL || !g_ptr_array_find (self->field_rows, row, &field))
    return;

  selected = adw_combo_row_get_selected (row);
  suiji_import_set_column (
      self->import, field,
      selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1);
  sync_field_rows (self);
  update_preview (self);
  update_actions (self);
}

/* Builds the Columns page from the import: the header row, one row per
 * field with the file's columns to choose from, the preview. */
static void
rebuild_columns_page (SuijiImportDialog *self)
{
  SuijiTable             *table = suiji_import_get_table (self->import);
  guint                   n_rows = suiji_table_get_n_rows (table);
  guint                   n_fields;
  const SuijiImportField *fields = suiji_import_get_fields (self->kind, &n_fields);
  g_autoptr (GtkStringList) choices = create_column_choices (self->import);
  GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (self->header_row_spin);

  self->updating = TRUE;

  /* The spin button counts the rows as the file does. */
  gtk_adjustment_configure (
      adjustment, suiji_table_get_source_row (table, suiji_import_get_header_row (self->import)),
      suiji_table_get_source_row (table, 0),
      suiji_table_get_source_row (table, n_rows > 0 ? n_rows - 1 : 0), 1, 5, 0);

  for (guint i = 0; i < self->field_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->field_rows, i));
  g_ptr_array_set_size (self->field_rows, 0);

  for (guint f = 0; f < n_fields; f++)
    {
      GtkWidget *row = adw_combo_row_new ();

      /* The field names are the Chinese headings exports write: data. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fields[f].title);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
      gtk_widget_set_name (row, fields[f].id);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (field_column_selected_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->columns_group, row);
      g_ptr_array_add (self->field_rows, row);
    }

  adw_preferences_group_set_description (
      self->columns_group, suiji_import_get_remembered (self->import)
                               ? _("Using the columns you chose last time for files like this")
                               : _("Choose the column of the file that holds each field"));

  self->updating = FALSE;

  sync_field_rows (self);
  update_preview (self);
}

static void
header_row_changed_cb (SuijiImportDialog *self)
{
  SuijiTable *table;
  guint       n_rows;
  guint       wanted;
  guint       row = 0;

  g_assert (SUIJI_IS_IMPORT_DIALOG (self));

  if (self->updating || self->import == NULL)
    return;

  table = suiji_import_get_table (self->import);
  n_rows = suiji_table_get_n_rows (table);
  wanted = (guint) gtk_spin_button_get_value_as_int (self->header_row_spin);

  /* Empty lines of a CSV file have no row: take the next one there is. */
  while (row + 1 < n_rows && suiji_table_get_source_row (table, row) < wanted)
    row++;

  suiji_import_set_header_row (self->import, row);
  rebuild_columns_page (self);
  update_actions (self);
}

/* 3. Check */

static void
problem_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
  gtk_list_item_set_activatable (item, FALSE);
}

static void
problem_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *item, gpointer user_data)
{
  SuijiImportDialog *self = user_data;
  GtkStringObject   *problem = gtk_list_item_get_item (item);
  GtkWidget         *box = gtk_list_item_get_child (item);
  GtkWidget         *icon = gtk_widget_get_first_child (box);
  GtkWidget         *label = gtk_widget_get_last_child (box);
  const char        *text = gtk_string_object_get_string (problem);
  const char        *shown = text;
  gboolean           warning = g_object_get_qdata (G_OBJECT (problem), warning_quark) != NULL;
  g_autofree char   *display = self->file != NULL ? dup_display_name (self->file) : NULL;

  /* Every line starts with the file's name, which the header bar shows
   * already: the row leaves it out, the tooltip has the whole line. */
  if (display != NULL && g_str_has_prefix (text, display))
    {
      shown = text + strlen (display);
      while (*shown == ':' || *shown == ' ' || g_utf8_get_char (shown) == 0xFF1A)
        shown = g_utf8_next_char (shown);
      if (*shown == '\0')
        shown = text;
    }

  gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                warning ? "dialog-warning-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (icon, warning ? "error" : "warning");
  gtk_widget_add_css_class (icon, warning ? "warning" : "error");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  warning ? _("Imported with a warning") : _("Not imported"), -1);
  gtk_label_set_label (GTK_LABEL (label), shown);
  gtk_widget_set_tooltip_text (box, text);
}

static void
show_check_page (SuijiImportDialog *self)
{
  guint              n_problems = g_list_model_get_n_items (G_LIST_MODEL (self->problems));
  guint              n_rows = suiji_import_get_n_rows (self->import);
  g_autofree char   *counts_text = NULL;
  g_autofree char   *button_text = NULL;
  const char        *tooltip = NULL;
  g_autofree char   *choice = NULL;
  SuijiImportSummary counts;

  suiji_import_get_counts (self->import, &counts);
  self->n_good = counts.added + counts.updated;

  counts_text = g_strdup_printf (_("%u new, %u updated, %u with problems, %u with warnings"),
                                 counts.added, counts.updated, counts.rejected, counts.warnings);
  gtk_label_set_label (self->counts_label, counts_text);
  gtk_stack_set_visible_child_name (self->problems_stack, n_problems > 0 ? "list" : "empty");
  gtk_widget_set_visible (self->problems_header, n_problems > 0);

  if (counts.rejected > 0)
    button_text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "_Import %u Good Row", "_Import %u Good Rows", self->n_good),
        self->n_good);
  else
    button_text = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "_Import %u Row", "_Import %u Rows", self->n_good),
        self->n_good);
  gtk_button_set_label (self->import_button, button_text);

  if (n_rows == 0)
    {
      tooltip = _("The file has no rows below the header row");
      choice = g_strdup (_("There is nothing to import: the file has no rows below the header "
                            "row. Go back and choose the header row."));
    }
  else if (self->n_good == 0)
    {
      tooltip = _("Every row has a problem, so there is nothing to import");
      choice = g_strdup (_("Every row has a problem. Save the problem report, fix the rows in "
                            "the file and import it again."));
    }
  else if (counts.rejected > 0)
    choice = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "The row with a problem will be left out. Save the problem report to fix "
                     "it and import it later.",
                     "The %u rows with problems will be left out. Save the problem report to "
                     "fix them and import them later.",
                     counts.rejected),
        counts.rejected);
  else if (counts.warnings > 0)
    choice = g_strdup (_("Rows with warnings are imported as they are; look at them when you "
                          "have time."));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->import_button), tooltip);
  gtk_label_set_label (self->choice_label, choice);
  gtk_widget_set_visible (GTK_WIDGET (self->choice_label), choice != NULL);
  gtk_widget_set_visible (self->import_nothing_button, counts.rejected > 0);

  show_page (self, "check");
}

static void
check_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (SuijiDatabase) db = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) objects = NULL;
  GPtrArray *problems;
  gboolean   ok;

  /* A connection must stay in one thread: this one has its own. */
  db = suiji_database_open (job->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  suiji_import_set_database (job->import, db);
  ok = suiji_import_validate (job->import, cancellable, &error);
  if (ok)
    {
      problems = suiji_import_get_problems (job->import);
      objects = g_ptr_array_new_full (problems->len, g_object_unref);
      for (guint i = 0; i < problems->len; i++)
        {
          const SuijiImportProblem *problem = g_ptr_array_index (problems, i);
          g_autofree char          *text = suiji_import_describe_problem (job->import, problem);
          GtkStringObject          *object = gtk_string_object_new (text);

          if (problem->warning)
            g_object_set_qdata (G_OBJECT (object), warning_quark, GINT_TO_POINTER (TRUE));
          g_ptr_array_add (objects, object);
        }
      g_list_store_splice (job->problems, 0, 0, objects->pdata, objects->len);
    }
  suiji_import_set_database (job->import, NULL);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* The worker is done with the import: it comes back to the dialog, on the
 * dialog's own connection. */
static void
take_back_import (SuijiImportDialog *self, Job *job)
{
  g_clear_object (&self->cancellable);
  suiji_import_set_database (job->import, self->db);
  self->import = g_steal_pointer (&job->import);
}

static void
check_done_cb (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SuijiImportDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self->disposed)
    return;

  self->checking = FALSE;
  take_back_import (self, job);

  if (!ok)
    {
      show_page (self, "columns");
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_toast (self, error->message);
      return;
    }

  g_list_store_remove_all (self->problems);
  {
    g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
    guint n = g_list_model_get_n_items (G_LIST_MODEL (job->problems));

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (job->problems), i));
    g_list_store_splice (self->problems, 0, 0, items->pdata, items->len);
  }

  show_check_page (self);
}

static void
start_check (SuijiImportDialog *self)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *display = dup_display_name (self->file);
  g_autofree char *text = g_strdup_printf (_("Checking the rows of “%s”…"), display);
  Job             *job = g_new0 (Job, 1);

  job->import = g_steal_pointer (&self->import);
  job->db_path = g_strdup (suiji_database_get_path (self->db));
  job->problems = g_list_store_new (GTK_TYPE_STRING_OBJECT);

  self->checking = TRUE;
  self->cancellable = g_cancellable_new ();
  show_busy (self, _("Checking the Rows"), text);

  task = g_task_new (NULL, self->cancellable, check_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_check);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, check_thread);
}

static void
report_chosen_cb (SuijiImportDialog *self, int response, GtkNativeDialog *chooser)
{
  g_assert (SUIJI_IS_IMPORT_DIALOG (self));

  if (response == GTK_RESPONSE_ACCEPT && self->import != NULL)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      g_autoptr (GError) error = NULL;

      if (path == NULL)
        add_toast (self, _("Choose a folder on this computer for the report"));
      else if (!suiji_import_write_report (self->import, path, &error))
        add_toast (self, error->message);
      else
        {
          g_autofree char *display = g_filename_display_basename (path);
          g_autofree char *text = g_strdup_printf (_("Problem report saved as “%s”"), display);

          add_toast (self, text);
        }
    }

  g_clear_object (&self->chooser);
}

/* 4. Progress, 5. Done */

static gboolean
update_progress_cb (gpointer user_data)
{
  Progress          *progress = user_data;
  SuijiImportDialog *self = progress->dialog;
  g_autofree char   *text = NULL;

  if (self->disposed || !self->committing || g_cancellable_is_cancelled (self->cancellable))
    return G_SOURCE_REMOVE;

  text = g_strdup_printf (
      g_dngettext (GETTEXT_PACKAGE, "%u of %u row", "%u of %u rows", progress->total),
      progress->done, progress->total);
  gtk_progress_bar_set_fraction (
      self->progress_bar, progress->total > 0 ? (double) progress->done / progress->total : 1.0);
  gtk_progress_bar_set_text (self->progress_bar, text);

  return G_SOURCE_REMOVE;
}

/* Called in the worker: the widgets are the main thread's. */
static void
commit_progress_cb (guint done, guint total, gpointer user_data)
{
  Job      *job = user_data;
  Progress *progress = g_new0 (Progress, 1);

  progress->dialog = g_object_ref (job->dialog);
  progress->done = done;
  progress->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, update_progress_cb, progress,
                              (GDestroyNotify) progress_free);
}

static void
commit_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr (SuijiDatabase) db = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  db = suiji_database_open (job->db_path, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  suiji_import_set_database (job->import, db);
  ok = suiji_import_commit (job->import, SUIJI_IMPORT_GOOD_ROWS, cancellable, commit_progress_cb,
                            job, &job->summary, &error);
  suiji_import_set_database (job->import, NULL);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
show_done_page (SuijiImportDialog *self, const SuijiImportSummary *summary, const GError *error)
{
  g_autofree char *description = NULL;
  g_autofree char *markup = NULL;

  if (error == NULL)
    {
      adw_status_page_set_icon_name (self->done_page, "emblem-ok-symbolic");
      adw_status_page_set_title (self->done_page, _("Directory Updated"));
      if (summary->rejected > 0)
        description = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE, "Imported: %u new, %u updated; %u row was not imported",
                         "Imported: %u new, %u updated; %u rows were not imported",
                         summary->rejected),
            summary->added, summary->updated, summary->rejected);
      else
        description =
            g_strdup_printf (_("Imported: %u new, %u updated"), summary->added, summary->updated);
    }
  else
    {
      gboolean cancelled =
          g_error_matches (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_CANCELLED);

      adw_status_page_set_icon_name (self->done_page,
                                     cancelled ? "edit-undo-symbolic" : "dialog-error-symbolic");
      adw_status_page_set_title (self->done_page, _("Nothing Was Imported"));
      description = g_strdup (error->message);
    }

  markup = g_markup_escape_text (description, -1);
  adw_status_page_set_description (self->done_page, markup);
  show_page (self, "done");
}

static void
commit_done_cb (GObject *source_object, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (SuijiImportDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self->disposed)
    return;

  self->committing = FALSE;
  take_back_import (self, job);
  gtk_widget_set_sensitive (self->cancel_button, TRUE);

  if (ok)
    g_signal_emit (self, signals[IMPORTED], 0, (guint) self->kind, job->summary.added,
                   job->summary.updated);

  show_done_page (self, &job->summary, error);

  if (self->close_when_done)
    gtk_window_close (GTK_WINDOW (self));
}

static void
start_commit (SuijiImportDialog *self)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *text = NULL;
  Job             *job = g_new0 (Job, 1);

  job->import = g_steal_pointer (&self->import);
  job->db_path = g_strdup (suiji_database_get_path (self->db));
  job->dialog = self;

  self->committing = TRUE;
  self->cancellable = g_cancellable_new ();
  text =
      g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u row", "%u of %u rows", self->n_good),
                       0, self->n_good);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
  show_page (self, "progress");

  task = g_task_new (NULL, self->cancellable, commit_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_commit);
  /* A cancel that comes after the last row changes nothing: the outcome
   * is the core's, whether written or rolled back. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, commit_thread);
}

/* Actions */

static void
next_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiImportDialog *self = SUIJI_IMPORT_DIALOG (widget);

  g_return_if_fail (self->import != NULL);

  if (on_page (self, "columns"))
    start_check (self);
  else
    {
      rebuild_columns_page (self);
      show_page (self, "columns");
    }
}

static void
back_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiImportDialog *self = SUIJI_IMPORT_DIALOG (widget);

  g_return_if_fail (self->import != NULL);

  if (on_page (self, "check"))
    {
      rebuild_columns_page (self);
      show_page (self, "columns");
    }
  else
    {
      self->file_page_used = TRUE;
      show_page (self, "file");
    }
}

static void
cancel_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiImportDialog *self = SUIJI_IMPORT_DIALOG (widget);

  if (!self->committing)
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }

  /* The core rolls the transaction back; the Done page then says so. */
  g_cancellable_cancel (self->cancellable);
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
}

static void
commit_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiImportDialog *self = SUIJI_IMPORT_DIALOG (widget);

  g_return_if_fail (self->import != NULL);

  start_commit (self);
}

static void
choose_file_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiImportDialog *self = SUIJI_IMPORT_DIALOG (widget);
  g_autoptr (GtkFileFilter) spreadsheets = gtk_file_filter_new ();
  g_autoptr (GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (spreadsheets, _("Spreadsheets (CSV, xlsx)"));
  gtk_file_filter_add_suffix (spreadsheets, "csv");
  gtk_file_filter_add_suffix (spreadsheets, "txt");
  gtk_file_filter_add_suffix (spreadsheets, "xlsx");
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");

  g_clear_object (&self->chooser);
  self->chooser =
      gtk_file_chooser_native_new (_("Choose a Directory File"), GTK_WINDOW (self),
                                   GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), spreadsheets);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (self->chooser), spreadsheets);
  if (self->file != NULL)
    {
      g_autoptr (GFile) folder = g_file_get_parent (self->file);

      if (folder != NULL)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
    }

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (file_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
save_report_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SuijiImportDialog *self = SUIJI_IMPORT_DIALOG (widget);
  g_autoptr (GFile) folder = g_file_get_parent (self->file);
  g_autofree char *base = dup_display_name (self->file);
  g_autofree char *name = NULL;
  char            *dot = strrchr (base, '.');

  /* The report is in Chinese, like the file; so is its name. */
  if (dot != NULL && dot != base)
    *dot = '\0';
  name = g_strdup_printf ("%s-问题.xlsx", base);

  g_clear_object (&self->chooser);
  self->chooser =
      gtk_file_chooser_native_new (_("Save Problem Report"), GTK_WINDOW (self),
                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), folder, NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (report_chosen_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* vfuncs */

static gboolean
suiji_import_dialog_close_request (GtkWindow *window)
{
  SuijiImportDialog *self = SUIJI_IMPORT_DIALOG (window);

  /* Closing during the import cancels it first; the window goes once the
   * worker has rolled back, or finished, so that the caller hears of it. */
  if (self->committing)
    {
      self->close_when_done = TRUE;
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (suiji_import_dialog_parent_class)->close_request (window);
}

static void
suiji_import_dialog_dispose (GObject *object)
{
  SuijiImportDialog *self = (SuijiImportDialog *) object;

  /* Workers still running hold a reference and find this set. */
  self->disposed = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);

  gtk_widget_dispose_template (GTK_WIDGET (self), SUIJI_TYPE_IMPORT_DIALOG);
  g_clear_pointer (&self->import, suiji_import_free);
  g_clear_object (&self->problems);

  G_OBJECT_CLASS (suiji_import_dialog_parent_class)->dispose (object);
}

static void
suiji_import_dialog_finalize (GObject *object)
{
  SuijiImportDialog *self = (SuijiImportDialog *) object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_object (&self->db);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (suiji_import_dialog_parent_class)->finalize (object);
}

static void
suiji_import_dialog_class_init (SuijiImportDialogClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = suiji_import_dialog_dispose;
  object_class->finalize = suiji_import_dialog_finalize;
  window_class->close_request = suiji_import_dialog_close_request;

  /**
   * SuijiImportDialog::imported:
   * @kind: the #SuijiDirectory written to
   * @added: how many entries are new
   * @updated: how many existing entries were updated
   *
   * Emitted after an import was written to the database.
   */
  signals[IMPORTED] =
      g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                    G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);

  warning_quark = g_quark_from_static_string ("suiji-import-dialog-warning");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/suiji-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, busy_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, choice_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, choose_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, counts_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, done_page);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, file_error_group);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, file_error_label);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, header_row_spin);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, import_nothing_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, next_button);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, problems_header);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, problems_stack);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, problems_view);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, read_spinner);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, sheet_list);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, sheet_row);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SuijiImportDialog, window_title);
  /* Named for the tests, which check this widget; the code needs no field. */
  gtk_widget_class_bind_template_child_full (widget_class, "report_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, header_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, read_options_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "import.choose-file", NULL, choose_file_action);
  gtk_widget_class_install_action (widget_class, "import.commit", NULL, commit_action);
  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "import.save-report", NULL, save_report_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
suiji_import_dialog_init (SuijiImportDialog *self)
{
  g_autoptr (GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->field_rows = g_ptr_array_new ();
  self->problems = g_list_store_new (GTK_TYPE_STRING_OBJECT);

  g_signal_connect (factory, "setup", G_CALLBACK (problem_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (problem_bind_cb), self);
  gtk_list_view_set_factory (self->problems_view, factory);
  gtk_list_view_set_model (self->problems_view, GTK_SELECTION_MODEL (gtk_no_selection_new (
                                                    g_object_ref (G_LIST_MODEL (self->problems)))));
}

/**
 * suiji_import_dialog_new:
 * @db: the database to import into
 * @kind: the directory to preselect
 * @file: (nullable): the file to import; without one the dialog starts
 *   by asking for it
 *
 * Returns: (transfer full): a new dialog; the caller sets its transient
 *   parent and presents it
 */
SuijiImportDialog *
suiji_import_dialog_new (SuijiDatabase *db, SuijiDirectory kind, GFile *file)
{
  SuijiImportDialog *self;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (kind <= SUIJI_DIRECTORY_ITEMS, NULL);
  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);

  self = g_object_new (SUIJI_TYPE_IMPORT_DIALOG, NULL);
  self->db = g_object_ref (db);
  self->kind = kind;

  self->updating = TRUE;
  adw_combo_row_set_selected (self->kind_row, kind);
  self->updating = FALSE;

  if (file != NULL)
    set_file (self, file);
  else
    {
      self->file_page_used = TRUE;
      show_page (self, "file");
    }

  return self;
}
