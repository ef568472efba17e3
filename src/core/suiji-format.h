/* suiji-format.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *suiji_format_bp_as_percent (int bp);

G_END_DECLS
