/* suiji-test-utils.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What every GUI test needs: folders of its own, a main loop to wait on,
 * and offscreen PNGs of what it shows, which a person looks at.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "suiji-test-utils.h"

static void
remove_tree (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, g_file_info_get_name (info), NULL);
      remove_tree (child);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

/**
 * suiji_test_gui_init:
 *
 * Binds the translations of the build, gives the test a home and XDG
 * folders of its own (gtk_test_init () runs g_test_init () without
 * G_TEST_OPTION_ISOLATE_DIRS), and initialises GTK and libadwaita.
 *
 * Returns: (transfer full): the test's home, for suiji_test_gui_finish ()
 */
char *
suiji_test_gui_init (int *argc, char ***argv)
{
  const char *localedir = g_getenv ("SUIJI_LOCALEDIR");
  const char *xdg_variables[] = {
    "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR",
  };
  char *home;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  home = g_dir_make_tmp ("suiji-test-XXXXXX", NULL);
  g_assert_nonnull (home);
  g_setenv ("HOME", home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (xdg_variables); i++)
    {
      g_autofree char *folder = g_build_filename (home, xdg_variables[i], NULL);
      g_mkdir_with_parents (folder, 0700);
      g_setenv (xdg_variables[i], folder, TRUE);
    }

  gtk_test_init (argc, argv, NULL);
  adw_init ();

  return home;
}

void
suiji_test_gui_finish (char *home)
{
  suiji_test_close_all_windows ();
  remove_tree (home);
  g_free (home);
}

void
suiji_test_spin_until (SuijiTestCondition condition, gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

gboolean
suiji_test_is_drawn (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0;
}

/* Long enough for the stacks' crossfade (200 ms) to end. */
void
suiji_test_settle (void)
{
  gint64 until = g_get_monotonic_time () + G_USEC_PER_SEC / 2;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/**
 * suiji_test_save_screenshot:
 *
 * Renders the widget offscreen, as the platform notes describe, into
 * $SUIJI_SCREENSHOT_DIR as NAME-LANGUAGE.png.
 */
void
suiji_test_save_screenshot (GtkWidget *widget, const char *name)
{
  const char *folder = g_getenv ("SUIJI_SCREENSHOT_DIR");
  g_autoptr (GdkPaintable) paintable = NULL;
  g_autoptr (GskRenderNode) node = NULL;
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *path = NULL;
  GskRenderer     *renderer;
  int              width, height;

  suiji_test_spin_until (suiji_test_is_drawn, widget);
  suiji_test_settle ();

  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  /* A window that has just been mapped may not have drawn its first frame. */
  for (guint attempt = 0; node == NULL && attempt < 50; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        suiji_test_settle ();
    }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);

  g_assert_nonnull (folder);
  g_mkdir_with_parents (folder, 0755);
  file_name = g_strdup_printf ("%s-%s.png", name, g_getenv ("SUIJI_EXPECT_LANGUAGE"));
  path = g_build_filename (folder, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

void
suiji_test_close_all_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
  suiji_test_settle ();
}

/**
 * suiji_test_find_toplevel:
 *
 * Returns: (transfer none) (nullable): a shown window of @type
 */
GtkWindow *
suiji_test_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
has_toplevel (gpointer data)
{
  return suiji_test_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static gboolean
lacks_toplevel (gpointer data)
{
  return !has_toplevel (data);
}

GtkWindow *
suiji_test_wait_for_toplevel (GType type)
{
  suiji_test_spin_until (has_toplevel, GSIZE_TO_POINTER (type));
  return suiji_test_find_toplevel (type);
}

void
suiji_test_wait_for_no_toplevel (GType type)
{
  suiji_test_spin_until (lacks_toplevel, GSIZE_TO_POINTER (type));
}

gpointer
suiji_test_template_child (gpointer widget, GType type, const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}

/* Everything the user reads: labels, tooltips, window titles and menus. */
void
suiji_test_collect_texts (GtkWidget *widget, GPtrArray *texts)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  /* Key caps such as "Ctrl" and "Q" are the keyboard's, not ours. */
  if (GTK_IS_SHORTCUT_LABEL (widget))
    return;

  /* The rows of a list are data (names, codes); its headings are ours. */
  if (GTK_IS_COLUMN_VIEW (widget))
    {
      GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (widget));

      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
          g_ptr_array_add (texts, g_strdup (gtk_column_view_column_get_title (column)));
        }
      return;
    }

  if (GTK_IS_LABEL (widget) && !gtk_label_get_selectable (GTK_LABEL (widget)))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_text (GTK_LABEL (widget))));
  if (GTK_IS_WINDOW (widget) && gtk_window_get_title (GTK_WINDOW (widget)) != NULL)
    g_ptr_array_add (texts, g_strdup (gtk_window_get_title (GTK_WINDOW (widget))));
  if (tooltip != NULL)
    g_ptr_array_add (texts, g_strdup (tooltip));
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)))
    {
      GMenuModel *menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));

      for (int s = 0; s < g_menu_model_get_n_items (menu); s++)
        {
          g_autoptr (GMenuModel) section =
              g_menu_model_get_item_link (menu, s, G_MENU_LINK_SECTION);

          for (int i = 0; section != NULL && i < g_menu_model_get_n_items (section); i++)
            {
              char *label = NULL;

              if (g_menu_model_get_item_attribute (section, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
                g_ptr_array_add (texts, label);
            }
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    suiji_test_collect_texts (child, texts);
}

/* Under zh_CN: fails on any English word in @texts, and unless more than
 * @min_checked texts were checked. */
void
suiji_test_assert_no_latin (GPtrArray *texts, guint min_checked)
{
  /* Names of file formats and keys are written the same in Chinese. */
  const char *allowed[] = { "CSV",     "Excel", "PDF",   "SQLite", "xlsx", "JSON",
                            "SHA-256", "Ctrl",  "F10",   "F11",    "F2",   "F8",
                            "Delete",  "Esc",   "Enter", "Shift",  "Tab",  NULL };
  guint       n_checked = 0;

  for (guint i = 0; i < texts->len; i++)
    {
      g_autofree char *text = g_strdup (g_ptr_array_index (texts, i));

      for (guint a = 0; allowed[a] != NULL; a++)
        {
          char *found;

          while ((found = strstr (text, allowed[a])) != NULL)
            memset (found, ' ', strlen (allowed[a]));
        }

      /* Mnemonics are written "(_O)" in Chinese (shown as "(O)"): the key
       * stays a letter. */
      for (char *m = strchr (text, '('); m != NULL; m = strchr (m + 1, '('))
        {
          char *key = m[1] == '_' ? m + 2 : m + 1;

          if (g_ascii_isupper (key[0]) && key[1] == ')')
            memset (m, ' ', key + 2 - m);
        }

      /* Accelerators in menus read "Ctrl+O" in every language. */
      for (char *plus = strchr (text, '+'); plus != NULL; plus = strchr (plus + 1, '+'))
        if (g_ascii_isupper (plus[1]) && !g_ascii_isalpha (plus[2]))
          plus[1] = ' ';

      /* A run of hex digits is data: a seed or a digest. */
      for (char *p = text; *p != '\0'; p++)
        {
          gsize run = strspn (p, "0123456789abcdef");

          if (run >= 8)
            memset (p, ' ', run);
          p += run > 0 ? run - 1 : 0;
        }

      /* A lone capital is data: a credit-risk class (A–D) or a column letter. */
      for (char *p = text; *p != '\0'; p++)
        if (g_ascii_isupper (*p) && (p == text || !g_ascii_isalpha (p[-1])) &&
            !g_ascii_isalpha (p[1]))
          *p = ' ';

      for (const char *p = text; *p != '\0'; p++)
        if (g_ascii_isalpha (*p))
          g_error ("English left on screen under zh_CN: “%s”",
                   (char *) g_ptr_array_index (texts, i));

      n_checked += *text != '\0';
    }

  g_assert_cmpuint (n_checked, >, min_checked);
}

/* The first widget at or below @widget that @match accepts, depth first. */
GtkWidget *
suiji_test_find_descendant_matching (GtkWidget *widget, SuijiTestWidgetMatch match, gpointer data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = suiji_test_find_descendant_matching (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_of_type (GtkWidget *widget, gpointer type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* The first widget of @type at or below @widget, depth first. */
GtkWidget *
suiji_test_find_descendant (GtkWidget *widget, GType type)
{
  return suiji_test_find_descendant_matching (widget, is_of_type, GSIZE_TO_POINTER (type));
}

guint
suiji_test_count_list_rows (GtkWidget *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), (int) n) != NULL)
    n++;
  return n;
}
