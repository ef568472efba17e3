/* suiji-avoidance.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-avoidance"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "suiji-avoidance.h"
#include "suiji-credit-code.h"
#include "suiji-database-private.h"

struct _SuijiAvoidance
{
  GObject parent_instance;

  gint64 id;
  char  *inspector_name;
  char  *badge;
  char  *subject_name;
  char  *subject_key;
  char  *reason;
};

G_DEFINE_FINAL_TYPE (SuijiAvoidance, suiji_avoidance, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_INSPECTOR_NAME,
  PROP_BADGE,
  PROP_SUBJECT_NAME,
  PROP_SUBJECT_KEY,
  PROP_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
suiji_avoidance_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SuijiAvoidance *self = SUIJI_AVOIDANCE (object);
  const char     *values[N_PROPS] = {
        NULL, self->inspector_name, self->badge, self->subject_name, self->subject_key, self->reason,
  };

  if (prop_id > 0 && prop_id < N_PROPS)
    g_value_set_string (value, values[prop_id]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
suiji_avoidance_finalize (GObject *object)
{
  SuijiAvoidance *self = (SuijiAvoidance *) object;

  g_clear_pointer (&self->inspector_name, g_free);
  g_clear_pointer (&self->badge, g_free);
  g_clear_pointer (&self->subject_name, g_free);
  g_clear_pointer (&self->subject_key, g_free);
  g_clear_pointer (&self->reason, g_free);

  G_OBJECT_CLASS (suiji_avoidance_parent_class)->finalize (object);
}

static void
suiji_avoidance_class_init (SuijiAvoidanceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const char   *names[N_PROPS] = { NULL,           "inspector-name", "badge",
                                   "subject-name", "subject-key",    "reason" };

  object_class->finalize = suiji_avoidance_finalize;
  object_class->get_property = suiji_avoidance_get_property;

  for (guint i = 1; i < N_PROPS; i++)
    properties[i] =
        g_param_spec_string (names[i], NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
suiji_avoidance_init (SuijiAvoidance *self)
{
}

gint64
suiji_avoidance_get_id (SuijiAvoidance *self)
{
  g_return_val_if_fail (SUIJI_IS_AVOIDANCE (self), 0);

  return self->id;
}

static GObject *
load_avoidance (sqlite3_stmt *stmt)
{
  SuijiAvoidance *avoidance = g_object_new (SUIJI_TYPE_AVOIDANCE, NULL);

  avoidance->id = sqlite3_column_int64 (stmt, 0);
  avoidance->inspector_name = g_strdup (_suiji_column_text (stmt, 1));
  avoidance->badge = g_strdup (_suiji_column_text (stmt, 2));
  avoidance->subject_name = g_strdup (_suiji_column_text (stmt, 3));
  avoidance->subject_key = g_strdup (_suiji_column_text (stmt, 4));
  avoidance->reason = g_strdup (_suiji_column_text (stmt, 5));

  return G_OBJECT (avoidance);
}

SuijiPagedList *
suiji_avoidance_list_new (SuijiDatabase *db)
{
  return suiji_paged_list_new (
      db, SUIJI_TYPE_AVOIDANCE,
      "SELECT a.id, i.name, i.badge, s.name, s.key, a.reason FROM avoidances a"
      " JOIN inspectors i ON i.id = a.inspector_id"
      " JOIN subjects s ON s.id = a.subject_id WHERE a.id IN (@IDS@)",
      load_avoidance);
}

gboolean
suiji_avoidance_list_filter (SuijiPagedList *list, const char *search, GError **error)
{
  g_autoptr (GPtrArray) parameters =
      g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr (GString) sql =
      g_string_new ("SELECT a.id FROM avoidances a JOIN inspectors i ON i.id = a.inspector_id"
                    " JOIN subjects s ON s.id = a.subject_id WHERE 1");

  if (search != NULL && *search != '\0')
    {
      g_string_append (sql, " AND (instr(i.name, ?1) > 0 OR instr(i.badge, ?1) > 0"
                            " OR instr(s.name, ?1) > 0 OR instr(s.key, upper(?1)) > 0)");
      g_ptr_array_add (parameters, g_variant_ref_sink (g_variant_new_string (search)));
    }

  g_string_append (sql, " ORDER BY i.name, s.name, a.id");
  return suiji_paged_list_set_query (list, sql->str, parameters, error);
}

static gint64
find_id (SuijiDatabase *db, const char *sql, const char *key)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, NULL);

  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
}

/**
 * suiji_avoidance_add:
 * @badge: the inspector's badge number
 * @subject_key: the subject's credit code or registration number, as typed
 *
 * Returns: the pair's id, or 0 with @error naming what was not found
 */
gint64
suiji_avoidance_add (SuijiDatabase *db,
                     const char    *badge,
                     const char    *subject_key,
                     const char    *reason,
                     GError       **error)
{
  g_autofree char *clean_badge = suiji_subject_key_normalize (badge);
  g_autofree char *clean_key = suiji_subject_key_normalize (subject_key);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 inspector_id, subject_id;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), 0);

  inspector_id = find_id (db, "SELECT id FROM inspectors WHERE badge = ?1", clean_badge);
  if (inspector_id == 0)
    {
      g_set_error (
          error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
          _("No inspector has the badge number “%s”; check the number in the inspectors list."),
          badge);
      return 0;
    }

  subject_id = find_id (db, "SELECT id FROM subjects WHERE key = ?1", clean_key);
  if (subject_id == 0)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_CONSTRAINT,
                   _("No subject has the code or number “%s”; check it in the subjects list."),
                   subject_key);
      return 0;
    }

  stmt = _suiji_database_prepare (
      db,
      "INSERT INTO avoidances (inspector_id, subject_id, reason) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (inspector_id, subject_id) DO UPDATE SET reason = excluded.reason"
      " RETURNING id",
      error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, inspector_id);
  sqlite3_bind_int64 (stmt, 2, subject_id);
  sqlite3_bind_text (stmt, 3, reason != NULL ? reason : "", -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _suiji_database_set_error (db, error, _("Could not save the avoidance"));
      return 0;
    }

  return sqlite3_column_int64 (stmt, 0);
}

gboolean
suiji_avoidance_delete (SuijiDatabase *db, const gint64 *ids, guint n_ids, GError **error)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  return _suiji_database_delete_ids (db, "avoidances", ids, n_ids, error);
}
