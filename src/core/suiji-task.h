/* suiji-task.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_PLATFORM_HEBEI "河北双随机执法监管平台"
#define SUIJI_PLATFORM_OTHER "其他平台"

/* The one stratum of a task that does not draw by credit-risk class. */
#define SUIJI_TASK_ALL_SUBJECTS "全部"

/* Per stratum (credit class) either a ratio in basis points or a count. */
typedef struct
{
  char *stratum;
  int   bp;    /* -1 when the rule is a count */
  int   count; /* -1 when the rule is a ratio */
} SuijiTaskRule;

/* Which subjects a task draws from. Empty texts mean "any". */
typedef struct
{
  char    *subject_type;
  char    *region;
  char    *industry;
  char    *label;
  char    *department;
  gboolean all_statuses;  /* FALSE: only 存续 and 在业 */
  char    *exclude_drawn; /* none, same-items or all: subjects drawn this year */
} SuijiTaskFilter;

typedef struct
{
  gint64     id;
  char      *name;
  int        year;
  char      *origin; /* plan or filed (备案) */
  char      *filed_on;
  char      *filed_reason;
  char      *platform;
  char      *period_start;
  char      *period_end;
  gboolean   stratified;
  char      *state;
  guint      inspectors_per_subject;
  int        inspector_cap; /* -1: none */
  char      *pool_filter;   /* "region=白塔镇,type=企业,…", see suiji_task_filter_parse () */
  GArray    *department_ids;        /* gint64, the lead department first */
  GArray    *department_inspectors; /* guint per department, 0: no count of its own */
  GArray    *item_ids;              /* gint64 */
  GPtrArray *rules;                 /* SuijiTaskRule */
} SuijiTaskRecord;

#define SUIJI_TASK_ERROR (suiji_task_error_quark ())

typedef enum
{
  SUIJI_TASK_ERROR_INVALID,
  SUIJI_TASK_ERROR_NOT_FOUND,
  SUIJI_TASK_ERROR_BAD_FILTER,
  SUIJI_TASK_ERROR_BAD_RULES,
} SuijiTaskError;

GQuark           suiji_task_error_quark (void);
SuijiTaskRecord *suiji_task_record_new (void);
void             suiji_task_record_free (SuijiTaskRecord *record);
void suiji_task_record_add_rule (SuijiTaskRecord *record, const char *stratum, int bp, int count);
gboolean
suiji_task_parse_rules (SuijiTaskRecord *record, const char *text, gboolean counts, GError **error);
gboolean suiji_task_default_rules (SuijiDatabase *db, SuijiTaskRecord *record, GError **error);
gboolean suiji_task_check (const SuijiTaskRecord *record, GError **error);
GStrv    suiji_task_list_warnings (const SuijiTaskRecord *record);
gint64   suiji_task_create (SuijiDatabase *db, const SuijiTaskRecord *record, GError **error);
SuijiTaskRecord *suiji_task_load (SuijiDatabase *db, gint64 id, GError **error);
gboolean suiji_task_filter_parse (const char *text, SuijiTaskFilter *filter, GError **error);
void     suiji_task_filter_clear (SuijiTaskFilter *filter);
GStrv    suiji_task_list_item_names (SuijiDatabase *db, gint64 task_id, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiTaskRecord, suiji_task_record_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SuijiTaskFilter, suiji_task_filter_clear)

G_END_DECLS
