/* suiji-draw-audit.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-database.h"

G_BEGIN_DECLS

/* What a walk along the chain of saved draws found. */
typedef struct
{
  guint  n_draws;  /* draws that fit, before the first that does not */
  char  *head;     /* the record digest of the last draw; "" without draws */
  gint64 bad_draw; /* the first draw that does not fit; 0 when none or not one draw */
  char  *problem;  /* NULL when everything fits; else what does not, for people */
} SuijiDrawAudit;

gboolean suiji_draw_audit (SuijiDatabase *db, SuijiDrawAudit *audit, GError **error);
void     suiji_draw_audit_clear (SuijiDrawAudit *audit);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SuijiDrawAudit, suiji_draw_audit_clear)

G_END_DECLS
