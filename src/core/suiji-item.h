/* suiji-item.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "suiji-database.h"
#include "suiji-paged-list.h"

G_BEGIN_DECLS

/* One check item (随机抽查事项) of a department, keyed by department and
 * name. NULL texts mean "not given" when writing. */
typedef struct
{
  gint64 id;
  gint64 department_id; /* 0: none */
  char  *name;
  char  *category; /* 一般 or 重点 */
  char  *subject_type;
  char  *method;
  char  *legal_basis;
} SuijiItemRecord;

typedef struct
{
  const char *search;
  gint64      department_id;
  const char *category;
} SuijiItemFilter;

/* The field an edit is refused for, so that a form can mark it. */
typedef enum
{
  SUIJI_ITEM_FIELD_NONE,
  SUIJI_ITEM_FIELD_NAME,
  SUIJI_ITEM_FIELD_DEPARTMENT,
  SUIJI_ITEM_FIELD_CATEGORY,
} SuijiItemField;

#define SUIJI_TYPE_ITEM (suiji_item_get_type ())

G_DECLARE_FINAL_TYPE (SuijiItem, suiji_item, SUIJI, ITEM, GObject)

const SuijiItemRecord *suiji_item_get_record (SuijiItem *self);

void            suiji_item_record_free (SuijiItemRecord *record);
SuijiPagedList *suiji_item_list_new (SuijiDatabase *db);
gboolean
       suiji_item_list_filter (SuijiPagedList *list, const SuijiItemFilter *filter, GError **error);
gint64 suiji_item_save (SuijiDatabase *db, const SuijiItemRecord *record, GError **error);
gboolean suiji_item_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error);
gboolean
suiji_item_check_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error);

/* Editing one item by id, as a form does: every field is given. */
SuijiItemRecord *suiji_item_load (SuijiDatabase *db, gint64 id, GError **error);
gboolean         suiji_item_check (SuijiDatabase         *db,
                                   const SuijiItemRecord *record,
                                   SuijiItemField        *field,
                                   GError               **error);
gint64           suiji_item_update (SuijiDatabase         *db,
                                    const SuijiItemRecord *record,
                                    SuijiItemField        *field,
                                    GError               **error);

typedef struct _SuijiItemWriter SuijiItemWriter;

SuijiItemWriter *suiji_item_writer_new (SuijiDatabase *db, GError **error);
gint64           suiji_item_writer_write (SuijiItemWriter       *writer,
                                          const SuijiItemRecord *record,
                                          gboolean              *added,
                                          GError               **error);
void             suiji_item_writer_free (SuijiItemWriter *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiItemRecord, suiji_item_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiItemWriter, suiji_item_writer_free)

gint64 suiji_item_find (SuijiDatabase *db, const char *name, GError **error);

G_END_DECLS
