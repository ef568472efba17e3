/* suiji-format.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-format"

#include "config.h"

#include "suiji-format.h"

/**
 * suiji_format_bp_as_percent:
 * @bp: basis points, 1 bp = 0.01 %
 *
 * Formats a ratio the way the plan writes it: "60%", "2.5%", "0.75%",
 * without trailing zeros and independent of the locale's decimal mark.
 *
 * Returns: (transfer full): the text
 */
char *
suiji_format_bp_as_percent (int bp)
{
  const char *sign = bp < 0 ? "-" : "";
  int         magnitude = ABS (bp);
  int         whole = magnitude / 100;
  int         fraction = magnitude % 100;

  if (fraction == 0)
    return g_strdup_printf ("%s%d%%", sign, whole);
  if (fraction % 10 == 0)
    return g_strdup_printf ("%s%d.%d%%", sign, whole, fraction / 10);
  return g_strdup_printf ("%s%d.%02d%%", sign, whole, fraction);
}
