/* suiji-inspector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-inspector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "suiji-credit-code.h"
#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-fields.h"
#include "suiji-inspector.h"
#include "suiji-labels-private.h"

#define LABEL_SEPARATOR "\x1f"

#define MISSING _("The inspector no longer exists; it may have been deleted in the meantime.")

/* One inspector with the department's short name, for the list and for
 * a form alike. */
#define INSPECTOR_COLUMNS                                                                          \
  "SELECT i.id, i.name, i.badge, coalesce(i.badge_valid_until, ''),"                               \
  " coalesce(i.department_id, 0), i.post, i.active,"                                               \
  " (SELECT group_concat(l.name, '" LABEL_SEPARATOR "')"                                           \
  "  FROM inspector_labels il JOIN labels l ON l.id = il.label_id"                                 \
  "  WHERE il.inspector_id = i.id),"                                                               \
  " coalesce(nullif(d.short_name, ''), d.name, '')"                                                \
  " FROM inspectors i LEFT JOIN departments d ON d.id = i.department_id"

struct _SuijiInspector
{
  GObject parent_instance;

  SuijiInspectorRecord record;
  char                *department_name;
};

G_DEFINE_FINAL_TYPE (SuijiInspector, suiji_inspector, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_BADGE,
  PROP_BADGE_VALID_UNTIL,
  PROP_DEPARTMENT_NAME,
  PROP_POST,
  PROP_ACTIVE,
  PROP_LABELS_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_record (SuijiInspectorRecord *record)
{
  g_clear_pointer (&record->name, g_free);
  g_clear_pointer (&record->badge, g_free);
  g_clear_pointer (&record->badge_valid_until, g_free);
  g_clear_pointer (&record->post, g_free);
  g_clear_pointer (&record->labels, g_strfreev);
}

void
suiji_inspector_record_free (SuijiInspectorRecord *record)
{
  if (record == NULL)
    return;

  clear_record (record);
  g_free (record);
}

static void
suiji_inspector_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SuijiInspector *self = SUIJI_INSPECTOR (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->record.name);
      break;
    case PROP_BADGE:
      g_value_set_string (value, self->record.badge);
      break;
    case PROP_BADGE_VALID_UNTIL:
      g_value_set_string (value, self->record.badge_valid_until);
      break;
    case PROP_DEPARTMENT_NAME:
      g_value_set_string (value, self->department_name);
      break;
    case PROP_POST:
      g_value_set_string (value, self->record.post);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->record.active == 1);
      break;
    case PROP_LABELS_TEXT:
      g_value_take_string (value, self->record.labels != NULL
                                      ? g_strjoinv ("、", self->record.labels)
                                      : g_strdup (""));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_inspector_finalize (GObject *object)
{
  SuijiInspector *self = (SuijiInspector *) object;

  clear_record (&self->record);
  g_clear_pointer (&self->department_name, g_free);

  G_OBJECT_CLASS (suiji_inspector_parent_class)->finalize (object);
}

static void
suiji_inspector_class_init (SuijiInspectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char   *names[N_PROPS] = {
      NULL, "name", "badge", "badge-valid-until", "department-name", "post", NULL, "labels-text",
  };

  object_class->finalize = suiji_inspector_finalize;
  object_class->get_property = suiji_inspector_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    if (names[i] != NULL)
      properties[i] = g_param_spec_string (names[i], NULL, NULL, NULL,
                                           G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE] =
      g_param_spec_boolean ("active", NULL, NULL, TRUE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
suiji_inspector_init (SuijiInspector *self)
{
}

const SuijiInspectorRecord *
suiji_inspector_get_record (SuijiInspector *self)
{
  g_return_val_if_fail (SUIJI_IS_INSPECTOR (self), NULL);

  return &self->record;
}

static void
read_record (sqlite3_stmt *stmt, SuijiInspectorRecord *record)
{
  const char *labels = (const char *) sqlite3_column_text (stmt, 7);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->name = g_strdup (_suiji_column_text (stmt, 1));
  record->badge = g_strdup (_suiji_column_text (stmt, 2));
  record->badge_valid_until = g_strdup (_suiji_column_text (stmt, 3));
  record->department_id = sqlite3_column_int64 (stmt, 4);
  record->post = g_strdup (_suiji_column_text (stmt, 5));
  record->active = sqlite3_column_int (stmt, 6);
  record->labels = labels != NULL ? g_strsplit (labels, LABEL_SEPARATOR, -1) : g_new0 (char *, 1);
}

static GObject *
load_inspector (sqlite3_stmt *stmt)
{
  SuijiInspector *inspector = g_object_new (SUIJI_TYPE_INSPECTOR, NULL);

  read_record (stmt, &inspector->record);
  inspector->department_name = g_strdup (_suiji_column_text (stmt, 8));

  return G_OBJECT (inspector);
}

SuijiPagedList *
suiji_inspector_list_new (SuijiDatabase *db)
{
  return suiji_paged_list_new (db, SUIJI_TYPE_INSPECTOR, INSPECTOR_COLUMNS " WHERE i.id IN (@IDS@)",
                               load_inspector);
}

/**
 * suiji_inspector_list_filter:
 *
 * Shows the matching inspectors by department and name; the list's counts
 * are per department name.
 */
gboolean
suiji_inspector_list_filter (SuijiPagedList             *list,
                             const SuijiInspectorFilter *filter,
                             GError                    **error)
{
  g_autoptr (GPtrArray) parameters =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr (GString) sql =
      g_string_new ("SELECT i.id, coalesce(d.name, '') FROM inspectors i"
                    " LEFT JOIN departments d ON d.id = i.department_id WHERE 1");

  if (filter != NULL && filter->search != NULL && *filter->search != '\0')
    {
      g_string_append (sql, " AND (instr(i.name, ?) > 0 OR instr(i.badge, ?) > 0)");
      g_ptr_array_add (parameters, g_variant_ref_sink (g_variant_new_string (filter->search)));
      g_ptr_array_add (parameters, g_variant_ref_sink (g_variant_new_string (filter->search)));
    }
  if (filter != NULL && filter->department_id > 0)
    {
      g_string_append (sql, " AND i.department_id = ?");
      g_ptr_array_add (parameters,
                       g_variant_ref_sink (g_variant_new_int64 (filter->department_id)));
    }
  if (filter != NULL && filter->label != NULL && *filter->label != '\0')
    {
      g_string_append (sql, " AND i.id IN (SELECT il.inspector_id FROM inspector_labels il"
                            " JOIN labels l ON l.id = il.label_id WHERE l.name = ?)");
      g_ptr_array_add (parameters, g_variant_ref_sink (g_variant_new_string (filter->label)));
    }
  if (filter != NULL && filter->active_only)
    g_string_append (sql, " AND i.active = 1");

  g_string_append (sql, " ORDER BY coalesce(d.sort_order, 1e9), i.name, i.id");
  return suiji_paged_list_set_query (list, sql->str, parameters, error);
}

struct _SuijiInspectorWriter
{
  SuijiDatabase   *db;
  sqlite3_stmt    *find;
  sqlite3_stmt    *insert;
  sqlite3_stmt    *update;
  SuijiLabelWriter labels;
};

void
suiji_inspector_writer_free (SuijiInspectorWriter *writer)
{
  if (writer == NULL)
    return;

  g_clear_pointer (&writer->find, sqlite3_finalize);
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_clear_pointer (&writer->update, sqlite3_finalize);
  _suiji_label_writer_clear (&writer->labels);
  g_clear_object (&writer->db);
  g_free (writer);
}

SuijiInspectorWriter *
suiji_inspector_writer_new (SuijiDatabase *db, GError **error)
{
  g_autoptr (SuijiInspectorWriter) writer = g_new0 (SuijiInspectorWriter, 1);

  writer->db = g_object_ref (db);
  if (!(writer->find =
            _suiji_database_prepare (db, "SELECT id FROM inspectors WHERE badge = ?1", error)) ||
      !(writer->insert =
            _suiji_database_prepare (db,
                                     "INSERT INTO inspectors (badge, name, badge_valid_until,"
                                     " department_id, post, active) VALUES (?1, ?2, nullif(?3, ''),"
                                     " nullif(?4, 0), coalesce(?5, ''), coalesce(?6, 1))",
                                     error)) ||
      !(writer->update = _suiji_database_prepare (
            db,
            "UPDATE inspectors SET name = coalesce(?2, name),"
            " badge_valid_until = CASE WHEN ?3 IS NULL THEN badge_valid_until"
            "   ELSE nullif(?3, '') END,"
            " department_id = CASE WHEN ?4 IS NULL THEN department_id"
            "   ELSE nullif(?4, 0) END,"
            " post = coalesce(?5, post), active = coalesce(?6, active)"
            " WHERE id = ?7",
            error)))
    return NULL;

  if (!_suiji_label_writer_init (&writer->labels, db, "inspector_labels", "inspector_id", error))
    return NULL;

  return g_steal_pointer (&writer);
}

/**
 * suiji_inspector_writer_write:
 *
 * Adds the inspector or updates the one with the same badge number.
 *
 * Returns: the inspector's id, or 0 with @error set
 */
gint64
suiji_inspector_writer_write (SuijiInspectorWriter       *writer,
                              const SuijiInspectorRecord *record,
                              gboolean                   *added,
                              GError                    **error)
{
  sqlite3_stmt *write;
  gint64        id = 0;

  g_return_val_if_fail (record->badge != NULL && *record->badge != '\0', 0);

  sqlite3_bind_text (writer->find, 1, record->badge, -1, SQLITE_STATIC);
  if (sqlite3_step (writer->find) == SQLITE_ROW)
    id = sqlite3_column_int64 (writer->find, 0);
  sqlite3_reset (writer->find);

  write = id == 0 ? writer->insert : writer->update;
  sqlite3_bind_text (write, 1, record->badge, -1, SQLITE_STATIC);
  if (record->name != NULL)
    sqlite3_bind_text (write, 2, record->name, -1, SQLITE_STATIC);
  if (record->badge_valid_until != NULL)
    sqlite3_bind_text (write, 3, record->badge_valid_until, -1, SQLITE_STATIC);
  if (record->department_id >= 0)
    sqlite3_bind_int64 (write, 4, record->department_id);
  if (record->post != NULL)
    sqlite3_bind_text (write, 5, record->post, -1, SQLITE_STATIC);
  if (record->active >= 0)
    sqlite3_bind_int (write, 6, record->active);
  if (id != 0)
    sqlite3_bind_int64 (write, 7, id);

  if (!_suiji_database_run (writer->db, write, error))
    return 0;

  if (id == 0)
    id = sqlite3_last_insert_rowid (_suiji_database_get_handle (writer->db));
  if (added != NULL)
    *added = write == writer->insert;

  if (record->labels != NULL &&
      !_suiji_label_writer_write (&writer->labels, id, (const char *const *) record->labels, error))
    return 0;

  return id;
}

gint64
suiji_inspector_save (SuijiDatabase *db, const SuijiInspectorRecord *record, GError **error)
{
  g_autoptr (SuijiInspectorWriter) writer = NULL;
  gint64 id;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), 0);

  if (!_suiji_database_begin (db, error))
    return 0;

  writer = suiji_inspector_writer_new (db, error);
  id = writer != NULL ? suiji_inspector_writer_write (writer, record, NULL, error) : 0;
  if (id == 0 || !_suiji_database_commit (db, error))
    {
      _suiji_database_rollback (db);
      return 0;
    }

  return id;
}

/**
 * suiji_inspector_check_delete:
 *
 * Refuses to delete an inspector named in recorded results: the results
 * keep who inspected. Such an inspector is set off duty instead.
 *
 * Returns: %TRUE when every one of @ids can go
 */
gboolean
suiji_inspector_check_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr (sqlite3_stmt) found = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  found =
      _suiji_database_find_for_ids (db,
                                    "SELECT name FROM inspectors WHERE id = ?1 AND EXISTS"
                                    " (SELECT 1 FROM result_inspectors WHERE inspector_id = ?1)",
                                    ids, n_ids, &local_error);
  if (found != NULL)
    g_set_error (&local_error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                 _("%s is named in the recorded results of an inspection, so the entry "
                    "stays; mark the inspector as not on duty instead."),
                 _suiji_column_text (found, 0));

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
suiji_inspector_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  return suiji_inspector_check_delete (db, ids, n_ids, error) &&
         _suiji_database_delete_ids (db, "inspectors", ids, n_ids, error);
}

/**
 * suiji_inspector_load:
 *
 * Returns: (transfer full): the inspector, or %NULL with @error set
 */
SuijiInspectorRecord *
suiji_inspector_load (SuijiDatabase *db, gint64 id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  SuijiInspectorRecord *record;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  stmt = _suiji_database_get_row (db, INSPECTOR_COLUMNS " WHERE i.id = ?1", id, MISSING, error);
  if (stmt == NULL)
    return NULL;

  record = g_new0 (SuijiInspectorRecord, 1);
  read_record (stmt, record);
  return record;
}

static gboolean
refuse (SuijiInspectorField *field, SuijiInspectorField which)
{
  if (field != NULL)
    *field = which;
  return FALSE;
}

/**
 * suiji_inspector_check:
 * @db: (nullable): the database, to check the badge is free and the
 *   department known; %NULL checks the fields alone
 * @field: (out) (optional): the field refused
 *
 * Checks an inspector as a form shows it, before it is written.
 *
 * Returns: %TRUE when it can be written, or %FALSE with @error saying
 *   what to correct
 */
gboolean
suiji_inspector_check (SuijiDatabase              *db,
                       const SuijiInspectorRecord *record,
                       SuijiInspectorField        *field,
                       GError                    **error)
{
  g_autofree char *name = suiji_fields_clean_text (record->name);
  g_autofree char *badge = suiji_subject_key_normalize (record->badge != NULL ? record->badge : "");
  g_autofree char *valid_until = suiji_fields_normalize_date (record->badge_valid_until);
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (field != NULL)
    *field = SUIJI_INSPECTOR_FIELD_NONE;

  if (*name == '\0')
    {
      g_set_error_literal (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                           _("Enter the inspector’s full name."));
      return refuse (field, SUIJI_INSPECTOR_FIELD_NAME);
    }

  if (*badge == '\0')
    {
      g_set_error_literal (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                           _("Enter the badge number (执法证号): draws tell inspectors apart by "
                              "it."));
      return refuse (field, SUIJI_INSPECTOR_FIELD_BADGE);
    }

  if (valid_until == NULL)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                   _("The badge’s validity date “%s” is not a date: write it as 2027-12-31, or "
                      "leave it empty."),
                   record->badge_valid_until);
      return refuse (field, SUIJI_INSPECTOR_FIELD_VALID_UNTIL);
    }

  if (db == NULL)
    return TRUE;

  if (!suiji_department_check_known (db, MAX (record->department_id, 0), error))
    return refuse (field, SUIJI_INSPECTOR_FIELD_DEPARTMENT);

  stmt = _suiji_database_prepare (db, "SELECT name FROM inspectors WHERE badge = ?1 AND id <> ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, badge, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, record->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                   _("The badge number %s already belongs to %s; each badge belongs to one "
                      "inspector. Check the number."),
                   badge, _suiji_column_text (stmt, 0));
      return refuse (field, SUIJI_INSPECTOR_FIELD_BADGE);
    }

  return TRUE;
}

/**
 * suiji_inspector_update:
 * @record: every field as the form shows it; an id of 0 adds a new
 *   inspector
 * @field: (out) (optional): the field refused
 *
 * Writes one inspector by its id, in one transaction, after
 * suiji_inspector_check (). A new badge number keeps the id, which tasks,
 * draws and results refer to; draws keep the badge they were drawn with.
 *
 * Returns: the inspector's id, or 0 with @error set and nothing changed
 */
gint64
suiji_inspector_update (SuijiDatabase              *db,
                        const SuijiInspectorRecord *record,
                        SuijiInspectorField        *field,
                        GError                    **error)
{
  g_autofree char *name = suiji_fields_clean_text (record->name);
  g_autofree char *badge = suiji_subject_key_normalize (record->badge != NULL ? record->badge : "");
  g_autofree char *valid_until = suiji_fields_normalize_date (record->badge_valid_until);
  g_autofree char *post = suiji_fields_clean_text (record->post);
  g_autoptr (sqlite3_stmt) write = NULL;
  SuijiLabelWriter labels = { NULL };
  gint64           id = 0;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), 0);
  g_return_val_if_fail (record != NULL, 0);

  if (field != NULL)
    *field = SUIJI_INSPECTOR_FIELD_NONE;

  /* Checked inside the transaction, so that no other writer can take the
   * badge between the check and the write. */
  if (!_suiji_database_begin (db, error))
    return 0;
  if (!suiji_inspector_check (db, record, field, error))
    goto out;

  write = _suiji_database_prepare (
      db,
      record->id == 0 ? "INSERT INTO inspectors (name, badge, badge_valid_until, department_id,"
                        " post, active) VALUES (?1, ?2, nullif(?3, ''), nullif(?4, 0), ?5, ?6)"
                        " RETURNING id"
                      : "UPDATE inspectors SET name = ?1, badge = ?2,"
                        " badge_valid_until = nullif(?3, ''), department_id = nullif(?4, 0),"
                        " post = ?5, active = ?6 WHERE id = ?7 RETURNING id",
      error);
  if (write == NULL)
    goto out;

  sqlite3_bind_text (write, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 2, badge, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 3, valid_until, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (write, 4, MAX (record->department_id, 0));
  sqlite3_bind_text (write, 5, post, -1, SQLITE_STATIC);
  sqlite3_bind_int (write, 6, record->active != 0 ? 1 : 0);
  if (record->id != 0)
    sqlite3_bind_int64 (write, 7, record->id);

  id = _suiji_database_write_row (db, write, MISSING, _("Could not save the inspector"), error);
  if (id == 0)
    goto out;

  if (!_suiji_label_writer_init (&labels, db, "inspector_labels", "inspector_id", error) ||
      !_suiji_label_writer_write (&labels, id, (const char *const *) record->labels, error) ||
      !_suiji_database_commit (db, error))
    id = 0;

out:
  _suiji_label_writer_clear (&labels);
  g_clear_pointer (&write, sqlite3_finalize);
  if (id == 0)
    _suiji_database_rollback (db);
  return id;
}
