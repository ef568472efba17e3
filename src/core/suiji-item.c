/* suiji-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "suiji-database-private.h"
#include "suiji-item.h"

struct _SuijiItem
{
  GObject parent_instance;

  SuijiItemRecord record;
  char           *department_name;
};

G_DEFINE_FINAL_TYPE (SuijiItem, suiji_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_CATEGORY,
  PROP_SUBJECT_TYPE,
  PROP_METHOD,
  PROP_LEGAL_BASIS,
  PROP_DEPARTMENT_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_record (SuijiItemRecord *record)
{
  g_clear_pointer (&record->name, g_free);
  g_clear_pointer (&record->category, g_free);
  g_clear_pointer (&record->subject_type, g_free);
  g_clear_pointer (&record->method, g_free);
  g_clear_pointer (&record->legal_basis, g_free);
}

void
suiji_item_record_free (SuijiItemRecord *record)
{
  if (record == NULL)
    return;

  clear_record (record);
  g_free (record);
}

static void
suiji_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SuijiItem  *self = SUIJI_ITEM (object);
  const char *values[N_PROPS] = {
    NULL,
    self->record.name,
    self->record.category,
    self->record.subject_type,
    self->record.method,
    self->record.legal_basis,
    self->department_name,
  };

  if (prop_id > 0 && prop_id < N_PROPS)
    g_value_set_string (value, values[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
suiji_item_finalize (GObject *object)
{
  SuijiItem *self = (SuijiItem *) object;

  clear_record (&self->record);
  g_clear_pointer (&self->department_name, g_free);

  G_OBJECT_CLASS (suiji_item_parent_class)->finalize (object);
}

static void
suiji_item_class_init (SuijiItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char   *names[N_PROPS] = {
      NULL, "name", "category", "subject-type", "method", "legal-basis", "department-name",
  };

  object_class->finalize = suiji_item_finalize;
  object_class->get_property = suiji_item_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] =
        g_param_spec_string (names[i], NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
suiji_item_init (SuijiItem *self)
{
}

const SuijiItemRecord *
suiji_item_get_record (SuijiItem *self)
{
  g_return_val_if_fail (SUIJI_IS_ITEM (self), NULL);

  return &self->record;
}

static GObject *
load_item (sqlite3_stmt *stmt)
{
  SuijiItem *item = g_object_new (SUIJI_TYPE_ITEM, NULL);

  item->record.id = sqlite3_column_int64 (stmt, 0);
  item->record.department_id = sqlite3_column_int64 (stmt, 1);
  item->record.name = g_strdup (_suiji_column_text (stmt, 2));
  item->record.category = g_strdup (_suiji_column_text (stmt, 3));
  item->record.subject_type = g_strdup (_suiji_column_text (stmt, 4));
  item->record.method = g_strdup (_suiji_column_text (stmt, 5));
  item->record.legal_basis = g_strdup (_suiji_column_text (stmt, 6));
  item->department_name = g_strdup (_suiji_column_text (stmt, 7));

  return G_OBJECT (item);
}

SuijiPagedList *
suiji_item_list_new (SuijiDatabase *db)
{
  return suiji_paged_list_new (db, SUIJI_TYPE_ITEM,
                               "SELECT it.id, coalesce(it.department_id, 0), it.name, it.category,"
                               " it.subject_type, it.method, it.legal_basis,"
                               " coalesce(nullif(d.short_name, ''), d.name, '')"
                               " FROM items it LEFT JOIN departments d ON d.id = it.department_id"
                               " WHERE it.id IN (@IDS@)",
                               load_item);
}

/**
 * suiji_item_list_filter:
 *
 * Shows the matching items by department; the counts are per category.
 */
gboolean
suiji_item_list_filter (SuijiPagedList *list, const SuijiItemFilter *filter, GError **error)
{
  g_autoptr (GPtrArray) parameters =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr (GString) sql =
      g_string_new ("SELECT it.id, it.category FROM items it"
                    " LEFT JOIN departments d ON d.id = it.department_id WHERE 1");

  if (filter != NULL && filter->search != NULL && *filter->search != '\0')
    {
      g_string_append (sql, " AND (instr(it.name, ?) > 0 OR instr(it.legal_basis, ?) > 0)");
      g_ptr_array_add (parameters, g_variant_ref_sink (g_variant_new_string (filter->search)));
      g_ptr_array_add (parameters, g_variant_ref_sink (g_variant_new_string (filter->search)));
    }
  if (filter != NULL && filter->department_id > 0)
    {
      g_string_append (sql, " AND it.department_id = ?");
      g_ptr_array_add (parameters,
                       g_variant_ref_sink (g_variant_new_int64 (filter->department_id)));
    }
  if (filter != NULL && filter->category != NULL && *filter->category != '\0')
    {
      g_string_append (sql, " AND it.category = ?");
      g_ptr_array_add (parameters, g_variant_ref_sink (g_variant_new_string (filter->category)));
    }

  g_string_append (sql, " ORDER BY coalesce(d.sort_order, 1e9), it.name, it.id");
  return suiji_paged_list_set_query (list, sql->str, parameters, error);
}

struct _SuijiItemWriter
{
  SuijiDatabase *db;
  sqlite3_stmt  *find;
  sqlite3_stmt  *insert;
  sqlite3_stmt  *update;
};

void
suiji_item_writer_free (SuijiItemWriter *writer)
{
  if (writer == NULL)
    return;

  g_clear_pointer (&writer->find, sqlite3_finalize);
  g_clear_pointer (&writer->insert, sqlite3_finalize);
  g_clear_pointer (&writer->update, sqlite3_finalize);
  g_clear_object (&writer->db);
  g_free (writer);
}

SuijiItemWriter *
suiji_item_writer_new (SuijiDatabase *db, GError **error)
{
  g_autoptr (SuijiItemWriter) writer = g_new0 (SuijiItemWriter, 1);

  writer->db = g_object_ref (db);
  if (!(writer->find =
            _suiji_database_prepare (db,
                                     "SELECT id FROM items WHERE department_id IS nullif(?1, 0)"
                                     " AND name = ?2",
                                     error)) ||
      !(writer->insert = _suiji_database_prepare (
            db,
            "INSERT INTO items (department_id, name, category, subject_type,"
            " method, legal_basis) VALUES (nullif(?1, 0), ?2,"
            " coalesce(?3, '一般'), coalesce(?4, ''), coalesce(?5, ''),"
            " coalesce(?6, ''))",
            error)) ||
      !(writer->update =
            _suiji_database_prepare (db,
                                     "UPDATE items SET category = coalesce(?3, category),"
                                     " subject_type = coalesce(?4, subject_type),"
                                     " method = coalesce(?5, method),"
                                     " legal_basis = coalesce(?6, legal_basis) WHERE id = ?7",
                                     error)))
    return NULL;

  return g_steal_pointer (&writer);
}

/**
 * suiji_item_writer_write:
 *
 * Adds the item or updates the department's item of the same name.
 *
 * Returns: the item's id, or 0 with @error set
 */
gint64
suiji_item_writer_write (SuijiItemWriter       *writer,
                         const SuijiItemRecord *record,
                         gboolean              *added,
                         GError               **error)
{
  sqlite3_stmt *write;
  gint64        id = 0;

  g_return_val_if_fail (record->name != NULL && *record->name != '\0', 0);

  sqlite3_bind_int64 (writer->find, 1, MAX (record->department_id, 0));
  sqlite3_bind_text (writer->find, 2, record->name, -1, SQLITE_STATIC);
  if (sqlite3_step (writer->find) == SQLITE_ROW)
    id = sqlite3_column_int64 (writer->find, 0);
  sqlite3_reset (writer->find);

  write = id == 0 ? writer->insert : writer->update;
  sqlite3_bind_int64 (write, 1, MAX (record->department_id, 0));
  sqlite3_bind_text (write, 2, record->name, -1, SQLITE_STATIC);
  if (record->category != NULL)
    sqlite3_bind_text (write, 3, record->category, -1, SQLITE_STATIC);
  if (record->subject_type != NULL)
    sqlite3_bind_text (write, 4, record->subject_type, -1, SQLITE_STATIC);
  if (record->method != NULL)
    sqlite3_bind_text (write, 5, record->method, -1, SQLITE_STATIC);
  if (record->legal_basis != NULL)
    sqlite3_bind_text (write, 6, record->legal_basis, -1, SQLITE_STATIC);
  if (id != 0)
    sqlite3_bind_int64 (write, 7, id);

  if (!_suiji_database_run (writer->db, write, error))
    return 0;

  if (added != NULL)
    *added = id == 0;
  return id != 0 ? id : sqlite3_last_insert_rowid (_suiji_database_get_handle (writer->db));
}

gint64
suiji_item_save (SuijiDatabase *db, const SuijiItemRecord *record, GError **error)
{
  g_autoptr (SuijiItemWriter) writer = NULL;
  gint64 id;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), 0);

  if (!_suiji_database_begin (db, error))
    return 0;

  writer = suiji_item_writer_new (db, error);
  id = writer != NULL ? suiji_item_writer_write (writer, record, NULL, error) : 0;
  if (id == 0 || !_suiji_database_commit (db, error))
    {
      _suiji_database_rollback (db);
      return 0;
    }

  return id;
}

gboolean
suiji_item_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  return _suiji_database_delete_ids (db, "items", ids, n_ids, error);
}

/**
 * suiji_item_find:
 * @name: the item's name, or its number
 *
 * Returns: the item's id, or 0 with @error naming what was not found
 */
gint64
suiji_item_find (SuijiDatabase *db, const char *name, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (name));

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), 0);

  stmt = _suiji_database_prepare (
      db, "SELECT id FROM items WHERE name = ?1 OR CAST(id AS TEXT) = ?1 LIMIT 1", error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                   _("There is no check item “%s”; write its name as in the item list."), clean);
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}
