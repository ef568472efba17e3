/* suiji-xlsx.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening and closing the workbooks Suiji writes, with the same words for
 * the same failures whichever export it is.
 */

#define G_LOG_DOMAIN "suiji-xlsx"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "suiji-xlsx-private.h"

/**
 * _suiji_xlsx_open:
 * @streaming: write rows straight to disk, for sheets of any length
 *
 * Returns: (transfer full): the workbook, or %NULL with @error set
 */
lxw_workbook *
_suiji_xlsx_open (const char *path, gboolean streaming, GError **error)
{
  lxw_workbook_options options = { .constant_memory = streaming ? LXW_TRUE : LXW_FALSE };
  lxw_workbook        *workbook = workbook_new_opt (path, &options);

  if (workbook == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not create “%s”; choose another folder."), display);
    }

  return workbook;
}

/**
 * _suiji_xlsx_close:
 *
 * Writes the workbook to @path and frees it, whatever happens.
 */
gboolean
_suiji_xlsx_close (lxw_workbook *workbook, const char *path, GError **error)
{
  lxw_error rc = workbook_close (workbook);

  if (rc != LXW_NO_ERROR)
    {
      g_autofree char *display = g_filename_display_name (path);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not write “%s”: %s. Choose another folder."), display,
                   lxw_strerror (rc));
      return FALSE;
    }

  return TRUE;
}
