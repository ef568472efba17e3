/* suiji-result-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-result.h"

G_BEGIN_DECLS

gboolean _suiji_result_apply (SuijiDatabase         *db,
                              const SuijiResultEdit *edits,
                              guint                  n_edits,
                              GError               **error);

G_END_DECLS
