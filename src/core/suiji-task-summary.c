/* suiji-task-summary.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One line of the task list: what a task is and how far it has come,
 * read in one query for all the tasks of a year. A county runs a few
 * hundred tasks a year, so the whole list is held in memory.
 */

#define G_LOG_DOMAIN "suiji-task-summary"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "suiji-database-private.h"
#include "suiji-task-summary.h"

struct _SuijiTaskSummary
{
  GObject parent_instance;

  gint64 id;
  char  *name;
  int    year;
  char  *state;
  char  *departments; /* names joined by "、", the lead first */
  guint  n_departments;
  guint  n_draws;
  guint  n_drawn;
  char  *drawn_at; /* of the first draw; "" before it */
  char  *created_at;
};

G_DEFINE_FINAL_TYPE (SuijiTaskSummary, suiji_task_summary, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_NAME,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
suiji_task_summary_finalize (GObject *object)
{
  SuijiTaskSummary *self = (SuijiTaskSummary *) object;

  g_free (self->name);
  g_free (self->state);
  g_free (self->departments);
  g_free (self->drawn_at);
  g_free (self->created_at);

  G_OBJECT_CLASS (suiji_task_summary_parent_class)->finalize (object);
}

static void
suiji_task_summary_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SuijiTaskSummary *self = SUIJI_TASK_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_task_summary_class_init (SuijiTaskSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = suiji_task_summary_finalize;
  object_class->get_property = suiji_task_summary_get_property;

  /* For filters and sorters built on property expressions. */
  properties[PROP_NAME] =
      g_param_spec_string ("name", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
      g_param_spec_string ("state", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
suiji_task_summary_init (SuijiTaskSummary *self)
{
}

gint64
suiji_task_summary_get_id (SuijiTaskSummary *self)
{
  g_return_val_if_fail (SUIJI_IS_TASK_SUMMARY (self), 0);
  return self->id;
}

const char *
suiji_task_summary_get_name (SuijiTaskSummary *self)
{
  g_return_val_if_fail (SUIJI_IS_TASK_SUMMARY (self), NULL);
  return self->name;
}

int
suiji_task_summary_get_year (SuijiTaskSummary *self)
{
  g_return_val_if_fail (SUIJI_IS_TASK_SUMMARY (self), 0);
  return self->year;
}

/**
 * suiji_task_summary_get_state:
 *
 * Returns: draft, drawn, inspecting, results or published
 */
const char *
suiji_task_summary_get_state (SuijiTaskSummary *self)
{
  g_return_val_if_fail (SUIJI_IS_TASK_SUMMARY (self), NULL);
  return self->state;
}

const char *
suiji_task_summary_get_departments (SuijiTaskSummary *self)
{
  g_return_val_if_fail (SUIJI_IS_TASK_SUMMARY (self), NULL);
  return self->departments;
}

guint
suiji_task_summary_get_n_departments (SuijiTaskSummary *self)
{
  g_return_val_if_fail (SUIJI_IS_TASK_SUMMARY (self), 0);
  return self->n_departments;
}

guint
suiji_task_summary_get_n_draws (SuijiTaskSummary *self)
{
  g_return_val_if_fail (SUIJI_IS_TASK_SUMMARY (self), 0);
  return self->n_draws;
}

/**
 * suiji_task_summary_get_n_drawn:
 *
 * Returns: the subjects of the task's first draw, 0 before it
 */
guint
suiji_task_summary_get_n_drawn (SuijiTaskSummary *self)
{
  g_return_val_if_fail (SUIJI_IS_TASK_SUMMARY (self), 0);
  return self->n_drawn;
}

const char *
suiji_task_summary_get_drawn_at (SuijiTaskSummary *self)
{
  g_return_val_if_fail (SUIJI_IS_TASK_SUMMARY (self), NULL);
  return self->drawn_at;
}

const char *
suiji_task_summary_get_created_at (SuijiTaskSummary *self)
{
  g_return_val_if_fail (SUIJI_IS_TASK_SUMMARY (self), NULL);
  return self->created_at;
}

/**
 * suiji_task_summary_list:
 * @year: the tasks of this year, or 0 for every year
 *
 * Returns: (transfer full): a list of #SuijiTaskSummary, the newest task
 *   first, or %NULL with @error set
 */
GListModel *
suiji_task_summary_list (SuijiDatabase *db, int year, GError **error)
{
  g_autoptr (GListStore) store = g_list_store_new (SUIJI_TYPE_TASK_SUMMARY);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  /* The lead department sorts first: it is the one on the task row. */
  stmt = _suiji_database_prepare (
      db,
      "SELECT t.id, t.name, t.year, t.state, t.created_at,"
      " coalesce((SELECT name FROM departments WHERE id = t.lead_department_id), '')"
      " || coalesce('、' || (SELECT group_concat(d.name, '、') FROM task_departments td"
      "   JOIN departments d ON d.id = td.department_id WHERE td.task_id = t.id"
      "   AND d.id IS NOT t.lead_department_id), ''),"
      " (SELECT count(*) FROM task_departments td WHERE td.task_id = t.id),"
      " (SELECT count(*) FROM draws d WHERE d.task_id = t.id),"
      " (SELECT count(*) FROM draw_subjects ds WHERE ds.draw_id ="
      "   (SELECT min(id) FROM draws d WHERE d.task_id = t.id)),"
      " (SELECT drawn_at FROM draws d WHERE d.task_id = t.id ORDER BY id LIMIT 1)"
      " FROM tasks t WHERE ?1 = 0 OR t.year = ?1 ORDER BY t.id DESC",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, year);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (SuijiTaskSummary) task = g_object_new (SUIJI_TYPE_TASK_SUMMARY, NULL);

      task->id = sqlite3_column_int64 (stmt, 0);
      task->name = g_strdup (_suiji_column_text (stmt, 1));
      task->year = sqlite3_column_int (stmt, 2);
      task->state = g_strdup (_suiji_column_text (stmt, 3));
      task->created_at = g_strdup (_suiji_column_text (stmt, 4));
      task->departments = g_strdup (_suiji_column_text (stmt, 5));
      task->n_departments = (guint) sqlite3_column_int (stmt, 6);
      task->n_draws = (guint) sqlite3_column_int (stmt, 7);
      task->n_drawn = (guint) sqlite3_column_int (stmt, 8);
      task->drawn_at = g_strdup (_suiji_column_text (stmt, 9));
      g_list_store_append (store, task);
    }
  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the tasks"));
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}
