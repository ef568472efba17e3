/* suiji-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-fields.h"
#include "suiji-item.h"

#define MISSING _("The check item no longer exists; it may have been deleted in the meantime.")

#define ITEM_COLUMNS                                                                               \
  "SELECT it.id, coalesce(it.department_id, 0), it.name, it.category,"                             \
  " it.subject_type, it.method, it.legal_basis,"                                                   \
  " coalesce(nullif(d.short_name, ''), d.name, '')"                                                \
  " FROM items it LEFT JOIN departments d ON d.id = it.department_id"

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

static void
read_record (sqlite3_stmt *stmt, SuijiItemRecord *record)
{
  record->id = sqlite3_column_int64 (stmt, 0);
  record->department_id = sqlite3_column_int64 (stmt, 1);
  record->name = g_strdup (_suiji_column_text (stmt, 2));
  record->category = g_strdup (_suiji_column_text (stmt, 3));
  record->subject_type = g_strdup (_suiji_column_text (stmt, 4));
  record->method = g_strdup (_suiji_column_text (stmt, 5));
  record->legal_basis = g_strdup (_suiji_column_text (stmt, 6));
}

static GObject *
load_item (sqlite3_stmt *stmt)
{
  SuijiItem *item = g_object_new (SUIJI_TYPE_ITEM, NULL);

  read_record (stmt, &item->record);
  item->department_name = g_strdup (_suiji_column_text (stmt, 7));

  return G_OBJECT (item);
}

SuijiPagedList *
suiji_item_list_new (SuijiDatabase *db)
{
  return suiji_paged_list_new (db, SUIJI_TYPE_ITEM, ITEM_COLUMNS " WHERE it.id IN (@IDS@)",
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

/**
 * suiji_item_check_delete:
 *
 * Refuses to delete an item a task checks: the task and its draws keep
 * their items.
 *
 * Returns: %TRUE when every one of @ids can go
 */
gboolean
suiji_item_check_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr (sqlite3_stmt) found = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  found = _suiji_database_find_for_ids (db,
                                        "SELECT it.name, t.name FROM items it"
                                        " JOIN task_items ti ON ti.item_id = it.id"
                                        " JOIN tasks t ON t.id = ti.task_id WHERE it.id = ?1",
                                        ids, n_ids, &local_error);
  if (found != NULL)
    g_set_error (&local_error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                 _("The check item “%s” belongs to the task “%s”, so it stays; correct "
                    "its name or details instead."),
                 _suiji_column_text (found, 0), _suiji_column_text (found, 1));

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}

gboolean
suiji_item_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  return suiji_item_check_delete (db, ids, n_ids, error) &&
         _suiji_database_delete_ids (db, "items", ids, n_ids, error);
}

/**
 * suiji_item_load:
 *
 * Returns: (transfer full): the item, or %NULL with @error set
 */
SuijiItemRecord *
suiji_item_load (SuijiDatabase *db, gint64 id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  SuijiItemRecord *record;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  stmt = _suiji_database_get_row (db, ITEM_COLUMNS " WHERE it.id = ?1", id, MISSING, error);
  if (stmt == NULL)
    return NULL;

  record = g_new0 (SuijiItemRecord, 1);
  read_record (stmt, record);
  return record;
}

static gboolean
refuse (SuijiItemField *field, SuijiItemField which)
{
  if (field != NULL)
    *field = which;
  return FALSE;
}

/**
 * suiji_item_check:
 * @db: (nullable): the database, to check the name is free in the
 *   department and the department known; %NULL checks the fields alone
 * @field: (out) (optional): the field refused
 *
 * Checks an item as a form shows it, before it is written.
 *
 * Returns: %TRUE when it can be written, or %FALSE with @error saying
 *   what to correct
 */
gboolean
suiji_item_check (SuijiDatabase         *db,
                  const SuijiItemRecord *record,
                  SuijiItemField        *field,
                  GError               **error)
{
  g_autofree char *name = suiji_fields_clean_text (record->name);
  g_autoptr (sqlite3_stmt) stmt = NULL;

  if (field != NULL)
    *field = SUIJI_ITEM_FIELD_NONE;

  if (*name == '\0')
    {
      g_set_error_literal (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                           _("Enter the name of the check item."));
      return refuse (field, SUIJI_ITEM_FIELD_NAME);
    }

  if (g_strcmp0 (record->category, "一般") != 0 && g_strcmp0 (record->category, "重点") != 0)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                   _("The category “%s” is not one of the plan’s: choose 一般 or 重点."),
                   record->category != NULL ? record->category : "");
      return refuse (field, SUIJI_ITEM_FIELD_CATEGORY);
    }

  if (db == NULL)
    return TRUE;

  if (!suiji_department_check_known (db, MAX (record->department_id, 0), error))
    return refuse (field, SUIJI_ITEM_FIELD_DEPARTMENT);

  /* The same key as the import's: the department and the name. */
  stmt = _suiji_database_prepare (db,
                                  "SELECT 1 FROM items WHERE department_id IS nullif(?1, 0)"
                                  " AND name = ?2 AND id <> ?3",
                                  error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, MAX (record->department_id, 0));
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, record->id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                   _("The department already has a check item named “%s”. Open that item "
                      "instead, or change the name."),
                   name);
      return refuse (field, SUIJI_ITEM_FIELD_NAME);
    }

  return TRUE;
}

/**
 * suiji_item_update:
 * @record: every field as the form shows it; an id of 0 adds a new item
 * @field: (out) (optional): the field refused
 *
 * Writes one item by its id, in one transaction, after suiji_item_check ().
 * A new name keeps the id, which tasks refer to.
 *
 * Returns: the item's id, or 0 with @error set and nothing changed
 */
gint64
suiji_item_update (SuijiDatabase         *db,
                   const SuijiItemRecord *record,
                   SuijiItemField        *field,
                   GError               **error)
{
  g_autofree char *name = suiji_fields_clean_text (record->name);
  g_autofree char *subject_type = suiji_fields_clean_text (record->subject_type);
  g_autofree char *method = suiji_fields_clean_text (record->method);
  g_autofree char *legal_basis = suiji_fields_clean_text (record->legal_basis);
  g_autoptr (sqlite3_stmt) write = NULL;
  gint64 id = 0;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), 0);
  g_return_val_if_fail (record != NULL, 0);

  if (field != NULL)
    *field = SUIJI_ITEM_FIELD_NONE;

  if (!_suiji_database_begin (db, error))
    return 0;
  if (!suiji_item_check (db, record, field, error))
    goto out;

  write = _suiji_database_prepare (
      db,
      record->id == 0 ? "INSERT INTO items (department_id, name, category, subject_type, method,"
                        " legal_basis) VALUES (nullif(?1, 0), ?2, ?3, ?4, ?5, ?6) RETURNING id"
                      : "UPDATE items SET department_id = nullif(?1, 0), name = ?2, category = ?3,"
                        " subject_type = ?4, method = ?5, legal_basis = ?6 WHERE id = ?7"
                        " RETURNING id",
      error);
  if (write == NULL)
    goto out;

  sqlite3_bind_int64 (write, 1, MAX (record->department_id, 0));
  sqlite3_bind_text (write, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 3, record->category, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 4, subject_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 5, method, -1, SQLITE_STATIC);
  sqlite3_bind_text (write, 6, legal_basis, -1, SQLITE_STATIC);
  if (record->id != 0)
    sqlite3_bind_int64 (write, 7, record->id);

  id = _suiji_database_write_row (db, write, MISSING, _("Could not save the check item"), error);
  if (id != 0 && !_suiji_database_commit (db, error))
    id = 0;

out:
  g_clear_pointer (&write, sqlite3_finalize);
  if (id == 0)
    _suiji_database_rollback (db);
  return id;
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
