/* suiji-inspector.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "suiji-database.h"
#include "suiji-paged-list.h"

G_BEGIN_DECLS

/* One inspector (执法检查人员), keyed by the badge number (执法证号). As for
 * subjects, NULL texts, -1 for the department or active, and NULL labels
 * mean "not given" when writing. */
typedef struct
{
  gint64 id;
  char  *name;
  char  *badge;
  char  *badge_valid_until; /* YYYY-MM-DD or "" */
  gint64 department_id;
  char  *post;
  int    active;
  GStrv  labels;
} SuijiInspectorRecord;

typedef struct
{
  const char *search;
  gint64      department_id;
  const char *label;
  gboolean    active_only;
} SuijiInspectorFilter;

/* The field an edit is refused for, so that a form can mark it. */
typedef enum
{
  SUIJI_INSPECTOR_FIELD_NONE,
  SUIJI_INSPECTOR_FIELD_NAME,
  SUIJI_INSPECTOR_FIELD_BADGE,
  SUIJI_INSPECTOR_FIELD_VALID_UNTIL,
  SUIJI_INSPECTOR_FIELD_DEPARTMENT,
} SuijiInspectorField;

#define SUIJI_TYPE_INSPECTOR (suiji_inspector_get_type ())

G_DECLARE_FINAL_TYPE (SuijiInspector, suiji_inspector, SUIJI, INSPECTOR, GObject)

const SuijiInspectorRecord *suiji_inspector_get_record (SuijiInspector *self);

void            suiji_inspector_record_free (SuijiInspectorRecord *record);
SuijiPagedList *suiji_inspector_list_new (SuijiDatabase *db);
gboolean        suiji_inspector_list_filter (SuijiPagedList             *list,
                                             const SuijiInspectorFilter *filter,
                                             GError                    **error);
gint64 suiji_inspector_save (SuijiDatabase *db, const SuijiInspectorRecord *record, GError **error);
gboolean suiji_inspector_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error);
gboolean
suiji_inspector_check_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error);

/* Editing one inspector by id, as a form does: every field is given. */
SuijiInspectorRecord *suiji_inspector_load (SuijiDatabase *db, gint64 id, GError **error);
gboolean              suiji_inspector_check (SuijiDatabase              *db,
                                             const SuijiInspectorRecord *record,
                                             SuijiInspectorField        *field,
                                             GError                    **error);
gint64                suiji_inspector_update (SuijiDatabase              *db,
                                              const SuijiInspectorRecord *record,
                                              SuijiInspectorField        *field,
                                              GError                    **error);

typedef struct _SuijiInspectorWriter SuijiInspectorWriter;

SuijiInspectorWriter *suiji_inspector_writer_new (SuijiDatabase *db, GError **error);
gint64                suiji_inspector_writer_write (SuijiInspectorWriter       *writer,
                                                    const SuijiInspectorRecord *record,
                                                    gboolean                   *added,
                                                    GError                    **error);
void                  suiji_inspector_writer_free (SuijiInspectorWriter *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiInspectorRecord, suiji_inspector_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiInspectorWriter, suiji_inspector_writer_free)

G_END_DECLS
