/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "suiji-application.h"

int
main (int argc, char *argv[])
{
  g_autoptr (SuijiApplication) app = NULL;
  const char *localedir = g_getenv ("SUIJI_LOCALEDIR");

  setlocale (LC_ALL, "");
  /* SUIJI_LOCALEDIR lets a build that is not installed find its translations. */
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = suiji_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
