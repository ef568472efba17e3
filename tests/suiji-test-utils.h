/* suiji-test-utils.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*SuijiTestCondition) (gpointer data);
typedef gboolean (*SuijiTestWidgetMatch) (GtkWidget *widget, gpointer data);

char      *suiji_test_gui_init (int *argc, char ***argv);
void       suiji_test_gui_finish (char *home);
void       suiji_test_spin_until (SuijiTestCondition condition, gpointer data);
gboolean   suiji_test_is_drawn (gpointer widget);
void       suiji_test_settle (void);
void       suiji_test_save_screenshot (GtkWidget *widget, const char *name);
void       suiji_test_close_all_windows (void);
GtkWindow *suiji_test_find_toplevel (GType type);
GtkWindow *suiji_test_wait_for_toplevel (GType type);
void       suiji_test_wait_for_no_toplevel (GType type);
gpointer   suiji_test_template_child (gpointer widget, GType type, const char *name);
GtkWidget *
suiji_test_find_descendant_matching (GtkWidget *widget, SuijiTestWidgetMatch match, gpointer data);
GtkWidget *suiji_test_find_descendant (GtkWidget *widget, GType type);
guint      suiji_test_count_list_rows (GtkWidget *list);
void       suiji_test_collect_texts (GtkWidget *widget, GPtrArray *texts);
void       suiji_test_assert_no_latin (GPtrArray *texts, guint min_checked);

G_END_DECLS
