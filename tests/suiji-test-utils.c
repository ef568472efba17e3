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

gpointer
suiji_test_template_child (gpointer widget, GType type, const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return child;
}
