/* suiji-subject.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "suiji-credit-code.h"
#include "suiji-database.h"
#include "suiji-paged-list.h"

G_BEGIN_DECLS

/* One inspection subject (检查对象). Loaded from the database every field
 * is set. Written, a NULL text, a department of -1 or NULL labels mean
 * "not given": a new subject gets the default, an existing one keeps what
 * it has, so that a file with fewer columns never blanks the others. */
typedef struct
{
  gint64 id;
  char  *key;
  char  *name;
  char  *subject_type;
  char  *industry;
  char  *region;
  char  *address;
  char  *status;
  char  *credit_class;      /* a code, or "" for none */
  char  *credit_class_date; /* YYYY-MM-DD, or "" */
  gint64 department_id;     /* 0: none */
  GStrv  labels;
} SuijiSubjectRecord;

/* What the subjects page filters by; NULL or 0 means "any". */
typedef struct
{
  const char *search;
  const char *credit_class; /* a code, or "" for subjects without a class */
  const char *region;
  const char *subject_type;
  const char *status;
  const char *label;
  gint64      department_id;
} SuijiSubjectFilter;

typedef enum
{
  SUIJI_SUBJECT_SORT_NAME,
  SUIJI_SUBJECT_SORT_KEY,
  SUIJI_SUBJECT_SORT_REGION,
  SUIJI_SUBJECT_SORT_CLASS,
  SUIJI_SUBJECT_SORT_TYPE,
  SUIJI_SUBJECT_SORT_STATUS,
} SuijiSubjectSort;

#define SUIJI_TYPE_SUBJECT (suiji_subject_get_type ())

G_DECLARE_FINAL_TYPE (SuijiSubject, suiji_subject, SUIJI, SUBJECT, GObject)

const SuijiSubjectRecord *suiji_subject_get_record (SuijiSubject *self);
const char               *suiji_subject_get_department_name (SuijiSubject *self);
SuijiCreditCodeStatus     suiji_subject_get_code_status (SuijiSubject *self, char *expected_check);

void                suiji_subject_record_free (SuijiSubjectRecord *record);
SuijiSubjectRecord *suiji_subject_record_copy (const SuijiSubjectRecord *record);

SuijiPagedList *suiji_subject_list_new (SuijiDatabase *db);
gboolean        suiji_subject_list_filter (SuijiPagedList           *list,
                                           const SuijiSubjectFilter *filter,
                                           SuijiSubjectSort          sort,
                                           gboolean                  descending,
                                           GError                  **error);

gboolean            suiji_subject_check (const SuijiSubjectRecord *record, GError **error);
SuijiSubjectRecord *suiji_subject_load (SuijiDatabase *db, gint64 id, GError **error);
gint64   suiji_subject_save (SuijiDatabase *db, const SuijiSubjectRecord *record, GError **error);
gboolean suiji_subject_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error);
gboolean suiji_subject_set_class (SuijiDatabase *db,
                                  const gint64  *ids,
                                  guint          n_ids,
                                  const char    *credit_class,
                                  const char    *date,
                                  GError       **error);
gboolean suiji_subject_add_label (
    SuijiDatabase *db, const gint64 *ids, guint n_ids, const char *label, GError **error);
GStrv suiji_subject_list_values (SuijiDatabase *db, const char *column, GError **error);
GStrv suiji_credit_class_codes (SuijiDatabase *db, GError **error);
GStrv suiji_label_names (SuijiDatabase *db, GError **error);

/* Writes many subjects through prepared statements, inside a transaction
 * the caller holds: the import's fast path. */
typedef struct _SuijiSubjectWriter SuijiSubjectWriter;

SuijiSubjectWriter *suiji_subject_writer_new (SuijiDatabase *db, GError **error);
gint64              suiji_subject_writer_write (SuijiSubjectWriter       *writer,
                                                const SuijiSubjectRecord *record,
                                                gboolean                 *added,
                                                GError                  **error);
void                suiji_subject_writer_free (SuijiSubjectWriter *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiSubjectRecord, suiji_subject_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiSubjectWriter, suiji_subject_writer_free)

G_END_DECLS
