/* suiji-department.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-department"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "suiji-database-private.h"
#include "suiji-department.h"

struct _SuijiDepartment
{
  GObject parent_instance;

  gint64   id;
  char    *name;
  char    *short_name;
  gboolean is_market_regulation;
};

G_DEFINE_FINAL_TYPE (SuijiDepartment, suiji_department, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_SHORT_NAME,
  PROP_IS_MARKET_REGULATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
suiji_department_finalize (GObject *object)
{
  SuijiDepartment *self = (SuijiDepartment *) object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->short_name, g_free);

  G_OBJECT_CLASS (suiji_department_parent_class)->finalize (object);
}

static void
suiji_department_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SuijiDepartment *self = SUIJI_DEPARTMENT (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SHORT_NAME:
      g_value_set_string (value, self->short_name);
      break;
    case PROP_IS_MARKET_REGULATION:
      g_value_set_boolean (value, self->is_market_regulation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_department_class_init (SuijiDepartmentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = suiji_department_finalize;
  object_class->get_property = suiji_department_get_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                                            G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
      g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHORT_NAME] = g_param_spec_string ("short-name", NULL, NULL, NULL,
                                                     G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IS_MARKET_REGULATION] = g_param_spec_boolean (
      "is-market-regulation", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
suiji_department_init (SuijiDepartment *self)
{
}

gint64
suiji_department_get_id (SuijiDepartment *self)
{
  g_return_val_if_fail (SUIJI_IS_DEPARTMENT (self), 0);

  return self->id;
}

const char *
suiji_department_get_name (SuijiDepartment *self)
{
  g_return_val_if_fail (SUIJI_IS_DEPARTMENT (self), NULL);

  return self->name;
}

const char *
suiji_department_get_short_name (SuijiDepartment *self)
{
  g_return_val_if_fail (SUIJI_IS_DEPARTMENT (self), NULL);

  return self->short_name;
}

/* The market-regulation bureau's own rows of 附件1 (市场监管系统) count the
 * tasks it leads or joins, so the bureau has to be known as such. */
gboolean
suiji_department_get_is_market_regulation (SuijiDepartment *self)
{
  g_return_val_if_fail (SUIJI_IS_DEPARTMENT (self), FALSE);

  return self->is_market_regulation;
}

/**
 * suiji_department_list_all:
 *
 * Returns: (transfer full): a #GListModel of #SuijiDepartment in the order
 *   the bureau lists them, or %NULL with @error set
 */
GListModel *
suiji_department_list_all (SuijiDatabase *db, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GListStore) store = NULL;
  int rc;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  stmt = _suiji_database_prepare (db,
                                  "SELECT id, name, short_name, is_market_regulation"
                                  " FROM departments ORDER BY sort_order, id",
                                  error);
  if (stmt == NULL)
    return NULL;

  store = g_list_store_new (SUIJI_TYPE_DEPARTMENT);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (SuijiDepartment) department = g_object_new (SUIJI_TYPE_DEPARTMENT, NULL);

      department->id = sqlite3_column_int64 (stmt, 0);
      department->name = g_strdup (_suiji_column_text (stmt, 1));
      department->short_name = g_strdup (_suiji_column_text (stmt, 2));
      department->is_market_regulation = sqlite3_column_int (stmt, 3) != 0;
      g_list_store_append (store, department);
    }

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the departments"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/**
 * suiji_department_ensure:
 *
 * Adds the department unless one of that name exists, and returns its id
 * either way. Callers that add several run it inside their own transaction.
 *
 * Returns: the department's id, or 0 with @error set
 */
gint64
suiji_department_ensure (SuijiDatabase *db,
                         const char    *name,
                         const char    *short_name,
                         gboolean       is_market_regulation,
                         GError       **error)
{
  g_autoptr (sqlite3_stmt) insert = NULL;
  g_autoptr (sqlite3_stmt) lookup = NULL;
  g_autofree char *clean_name = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), 0);
  g_return_val_if_fail (name != NULL, 0);

  clean_name = g_strstrip (g_strdup (name));
  if (*clean_name == '\0')
    {
      g_set_error_literal (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                           _("A department needs a name."));
      return 0;
    }

  insert = _suiji_database_prepare (db,
                                    "INSERT INTO departments"
                                    " (name, short_name, is_market_regulation, sort_order)"
                                    " VALUES (?1, ?2, ?3,"
                                    "  (SELECT coalesce(max(sort_order), 0) + 1 FROM departments))"
                                    " ON CONFLICT (name) DO NOTHING",
                                    error);
  if (insert == NULL)
    return 0;

  sqlite3_bind_text (insert, 1, clean_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (insert, 2, short_name != NULL ? short_name : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (insert, 3, is_market_regulation ? 1 : 0);
  if (!_suiji_database_step_done (db, insert, error))
    return 0;

  lookup = _suiji_database_prepare (db, "SELECT id FROM departments WHERE name = ?1", error);
  if (lookup == NULL)
    return 0;

  sqlite3_bind_text (lookup, 1, clean_name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (lookup) != SQLITE_ROW)
    {
      _suiji_database_set_error (db, error, _("Could not read the departments"));
      return 0;
    }

  return sqlite3_column_int64 (lookup, 0);
}

/**
 * suiji_department_find:
 * @name: the full name, or the short name, as 市场监管局
 *
 * Returns: the department's id, or 0 with @error naming what was not found
 */
gint64
suiji_department_find (SuijiDatabase *db, const char *name, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *clean = g_strstrip (g_strdup (name));

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), 0);

  stmt = _suiji_database_prepare (db,
                                  "SELECT id FROM departments WHERE name = ?1 OR short_name = ?1"
                                  " ORDER BY name = ?1 DESC LIMIT 1",
                                  error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, clean, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                   _("There is no department “%s”; write its name as in the list of departments."),
                   clean);
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * suiji_department_check_known:
 * @id: a department's id, or 0 for none
 *
 * Tells whether a form's choice of department still names one: another
 * window may have removed it in the meantime.
 *
 * Returns: %TRUE for 0 or a department of @db; %FALSE with @error set
 */
gboolean
suiji_department_check_known (SuijiDatabase *db, gint64 id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  if (id == 0)
    return TRUE;

  stmt = _suiji_database_prepare (db, "SELECT 1 FROM departments WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                           _("The department chosen is not in the list of departments any more; "
                              "choose one from the list."));
      return FALSE;
    }

  return TRUE;
}
