/* suiji-inspector.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-inspector"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "suiji-database-private.h"
#include "suiji-labels-private.h"
#include "suiji-inspector.h"

#define LABEL_SEPARATOR "\x1f"

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

static GObject *
load_inspector (sqlite3_stmt *stmt)
{
  SuijiInspector *inspector = g_object_new (SUIJI_TYPE_INSPECTOR, NULL);
  const char     *labels = (const char *) sqlite3_column_text (stmt, 7);

  inspector->record.id = sqlite3_column_int64 (stmt, 0);
  inspector->record.name = g_strdup (_suiji_column_text (stmt, 1));
  inspector->record.badge = g_strdup (_suiji_column_text (stmt, 2));
  inspector->record.badge_valid_until = g_strdup (_suiji_column_text (stmt, 3));
  inspector->record.department_id = sqlite3_column_int64 (stmt, 4);
  inspector->record.post = g_strdup (_suiji_column_text (stmt, 5));
  inspector->record.active = sqlite3_column_int (stmt, 6);
  inspector->record.labels =
      labels != NULL ? g_strsplit (labels, LABEL_SEPARATOR, -1) : g_new0 (char *, 1);
  inspector->department_name = g_strdup (_suiji_column_text (stmt, 8));

  return G_OBJECT (inspector);
}

SuijiPagedList *
suiji_inspector_list_new (SuijiDatabase *db)
{
  return suiji_paged_list_new (
      db, SUIJI_TYPE_INSPECTOR,
      "SELECT i.id, i.name, i.badge, coalesce(i.badge_valid_until, ''),"
      " coalesce(i.department_id, 0), i.post, i.active,"
      " (SELECT group_concat(l.name, '" LABEL_SEPARATOR "')"
      "  FROM inspector_labels il JOIN labels l ON l.id = il.label_id"
      "  WHERE il.inspector_id = i.id),"
      " coalesce(nullif(d.short_name, ''), d.name, '')"
      " FROM inspectors i LEFT JOIN departments d ON d.id = i.department_id"
      " WHERE i.id IN (@IDS@)",
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

gboolean
suiji_inspector_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  return _suiji_database_delete_ids (db, "inspectors", ids, n_ids, error);
}
