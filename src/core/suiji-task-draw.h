/* suiji-task-draw.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "suiji-database.h"
#include "suiji-draw.h"

G_BEGIN_DECLS

/* One stratum as the meeting sees it before the draw. */
typedef struct
{
  char *name;         /* the stratum: a class code, 未分类, or 全部 */
  char *label;        /* for people: "A 低风险" */
  guint in_directory; /* subjects of the directory in this stratum, before the filter */
  guint in_pool;      /* after the task's filter */
  int   bp;           /* -1 when the rule is a count or there is none */
  int   count;        /* -1 when the rule is a ratio or there is none */
  guint k;            /* subjects the rule draws */
} SuijiDrawPreviewStratum;

typedef struct
{
  GArray *strata; /* SuijiDrawPreviewStratum, in drawn order */
  guint   in_directory;
  guint   in_pool;
  guint   to_draw;
  guint   inspectors; /* who may go: active, badge valid, of the task's departments */
  guint   inspectors_per_subject;
  char   *pool_digest;
  GStrv   warnings; /* sentences, each says what to do */
} SuijiDrawPreview;

SuijiDrawRecord *suiji_task_prepare_draw (SuijiDatabase *db, gint64 task_id, GError **error);
SuijiDrawRecord *
suiji_task_prepare_draw_at (SuijiDatabase *db, gint64 task_id, GDateTime *at, GError **error);
gint64
suiji_task_save_draw (SuijiDatabase *db, gint64 task_id, SuijiDrawRecord *record, GError **error);

SuijiDrawPreview *suiji_task_preview_draw (SuijiDatabase   *db,
                                           gint64           task_id,
                                           SuijiDrawRecord *prepared,
                                           GError         **error);
void              suiji_draw_preview_free (SuijiDrawPreview *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiDrawPreview, suiji_draw_preview_free)

G_END_DECLS
