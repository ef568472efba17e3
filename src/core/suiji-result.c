/* suiji-result.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 检查结果: a row per subject of a task's first saved draw, opened by the
 * database when the draw is saved and filled in as the inspections are
 * done. Every change goes through one function that reads a cell's text,
 * keeps the row consistent (a problem area only with a problem found, a
 * publication only of a result, no date before the draw …) and hands
 * back the old values, so that a grid can undo and redo whole pastes.
 */

#define G_LOG_DOMAIN "suiji-result"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "suiji-database-private.h"
#include "suiji-deadlines.h"
#include "suiji-fields.h"
#include "suiji-result-private.h"

/* clang-format off */
G_DEFINE_QUARK (suiji-result-error-quark, suiji_result_error)
/* clang-format on */

/* What the stored "done" of a follow-up reads as in a cell. */
#define YES "是"
#define NO  "否"

/* How many rows above the header an import file may have (a title, a
 * unit, a date …). */
#define MAX_HEADER_SEARCH_ROWS 20

static const char *const category_headings[] = { "检查结果", "抽查结果", "检查情况", "结果", NULL };
static const char *const area_headings[] = { "问题类型", "发现问题类型", "问题情况", "存在问题",
                                             NULL };
static const char *const method_headings[] = { "检查方式", "抽查方式", "检查方法", "方式", NULL };
static const char *const inspected_headings[] = { "检查日期", "检查时间", "抽查日期", "抽查时间",
                                                  NULL };
static const char *const inspectors_headings[] = { "检查人员", "执法人员", "检查人", NULL };
static const char *const follow_up_headings[] = { "后续处置", "处置措施", "后续处置措施",
                                                  "处置方式", NULL };
static const char *const done_headings[] = { "处置是否完成", "是否完成处置", "处置完成", "处置状态",
                                             NULL };
static const char *const done_on_headings[] = { "处置完成日期", "处置日期", "完成处置日期", NULL };
static const char *const published_headings[] = { "公示日期", "结果公示日期", "公示时间", NULL };
static const char *const note_headings[] = { "备注", "说明", NULL };

/* Where the subject of an import row is found: its code first, its name
 * when the code is missing. */
static const char *const key_headings[] = {
  "统一社会信用代码", "信用代码", "社会信用代码", "注册号", "统一社会信用代码/注册号", NULL
};
static const char *const name_headings[] = {
  "企业名称", "主体名称", "市场主体名称", "检查对象名称", "检查对象", "名称", NULL
};

static const struct
{
  const char        *id;
  const char        *title;   /* the column heading: data, as on the record sheet */
  const char        *choices; /* the table a coded field takes its values from */
  const char *const *headings;
} fields[] = {
  [SUIJI_RESULT_FIELD_CATEGORY] = { "category", "检查结果", "result_categories",
                                    category_headings },
  [SUIJI_RESULT_FIELD_PROBLEM_AREA] = { "problem-area", "问题类型", "problem_areas",
                                        area_headings },
  [SUIJI_RESULT_FIELD_METHOD] = { "method", "检查方式", "inspection_methods", method_headings },
  [SUIJI_RESULT_FIELD_INSPECTED_ON] = { "inspected-on", "检查日期", NULL, inspected_headings },
  [SUIJI_RESULT_FIELD_INSPECTORS] = { "inspectors", "检查人员", NULL, inspectors_headings },
  [SUIJI_RESULT_FIELD_FOLLOW_UP] = { "follow-up", "后续处置", "follow_up_kinds",
                                     follow_up_headings },
  [SUIJI_RESULT_FIELD_FOLLOW_UP_DONE] = { "follow-up-done", "处置是否完成", NULL, done_headings },
  [SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON] = { "follow-up-done-on", "处置完成日期", NULL,
                                             done_on_headings },
  [SUIJI_RESULT_FIELD_PUBLISHED_ON] = { "published-on", "公示日期", NULL, published_headings },
  [SUIJI_RESULT_FIELD_NOTE] = { "note", "备注", NULL, note_headings },
};

G_STATIC_ASSERT (G_N_ELEMENTS (fields) == SUIJI_RESULT_N_FIELDS);

const char *
suiji_result_field_to_string (SuijiResultField field)
{
  g_return_val_if_fail (field < SUIJI_RESULT_N_FIELDS, NULL);

  return fields[field].id;
}

/* Takes the field's id ("inspected-on") or its heading (检查日期). */
gboolean
suiji_result_field_from_string (const char *text, SuijiResultField *field)
{
  for (guint f = 0; text != NULL && f < SUIJI_RESULT_N_FIELDS; f++)
    {
      if (g_str_equal (text, fields[f].id) || g_str_equal (text, fields[f].title))
        {
          *field = (SuijiResultField) f;
          return TRUE;
        }
    }

  return FALSE;
}

/* The column heading of the field, as the national record sheet has it. */
const char *
suiji_result_field_get_title (SuijiResultField field)
{
  g_return_val_if_fail (field < SUIJI_RESULT_N_FIELDS, NULL);

  return fields[field].title;
}

/* Labels are compared as staff may type them: no spaces, either kind of
 * parentheses. */
static char *
comparable (const char *text)
{
  g_autofree char *clean = suiji_fields_clean_text (text);
  GString         *out = g_string_new (NULL);

  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000)
        continue;
      if (c == 0xFF08)
        c = '(';
      else if (c == 0xFF09)
        c = ')';
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* The codes and labels of one choice table. */
typedef struct
{
  GHashTable *codes;  /* comparable code, label or part of a label → code */
  GHashTable *labels; /* code → label */
  GPtrArray  *order;  /* labels in the table's order */
} Choices;

static void
choices_free (Choices *choices)
{
  g_hash_table_unref (choices->codes);
  g_hash_table_unref (choices->labels);
  g_ptr_array_unref (choices->order);
  g_free (choices);
}

/* A row as an edit sees it: each field as a canonical text (a code, a
 * date as YYYY-MM-DD, 是, the badge numbers joined by 、), NULL when empty. */
typedef struct
{
  gint64 task_id;
  gint64 draw_id;
  guint  position;
  char  *subject; /* "name (key)", for messages */
  char  *drawn_on;
  char  *values[SUIJI_RESULT_N_FIELDS];
} RowState;

static void
row_state_clear (RowState *row)
{
  g_clear_pointer (&row->subject, g_free);
  g_clear_pointer (&row->drawn_on, g_free);
  for (guint f = 0; f < SUIJI_RESULT_N_FIELDS; f++)
    g_clear_pointer (&row->values[f], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowState, row_state_clear)

/* The per-call state of a series of edits: choice tables read once, the
 * result categories' meaning, the tasks whose state may change. */
typedef struct
{
  SuijiDatabase *db;
  GHashTable    *choices;  /* table name → Choices */
  GHashTable    *problems; /* category code → GINT_TO_POINTER (counts as a problem) */
  GHashTable    *tasks;    /* task ids touched, as gint64 keys */
  sqlite3_stmt  *load;
  sqlite3_stmt  *write;
  sqlite3_stmt  *find_inspector;
  sqlite3_stmt  *clear_inspectors;
  sqlite3_stmt  *add_inspector;

  /* The row being edited: successive edits of one row (the fields of an
   * import row) change it in memory, and it is written once, when the
   * edits move on to another row or end. */
  RowState row;
  gboolean row_loaded;
  gboolean row_dirty;
  gboolean row_inspectors_dirty;
} Editor;

static void
editor_clear (Editor *editor)
{
  g_clear_pointer (&editor->choices, g_hash_table_unref);
  g_clear_pointer (&editor->problems, g_hash_table_unref);
  g_clear_pointer (&editor->tasks, g_hash_table_unref);
  g_clear_pointer (&editor->load, sqlite3_finalize);
  g_clear_pointer (&editor->write, sqlite3_finalize);
  g_clear_pointer (&editor->find_inspector, sqlite3_finalize);
  g_clear_pointer (&editor->clear_inspectors, sqlite3_finalize);
  g_clear_pointer (&editor->add_inspector, sqlite3_finalize);
  row_state_clear (&editor->row);
  editor->row_loaded = FALSE;
  editor->row_dirty = FALSE;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Editor, editor_clear)

static Choices *
load_choices (SuijiDatabase *db, const char *table, GError **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT code, label FROM %s ORDER BY sort_order", table);
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (db, sql, error);
  Choices *choices;
  int      rc;

  if (stmt == NULL)
    return NULL;

  choices = g_new0 (Choices, 1);
  choices->codes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  choices->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  choices->order = g_ptr_array_new_with_free_func (g_free);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = _suiji_column_text (stmt, 0);
      const char *label = _suiji_column_text (stmt, 1);
      g_auto (GStrv) parts = g_strsplit (label, "/", -1);

      /* A label with slashes (已注销/被吊销/迁出) is also found by each part;
       * the whole label and the code win over a part. */
      for (guint i = 0; parts[i] != NULL && parts[1] != NULL; i++)
        g_hash_table_insert (choices->codes, comparable (parts[i]), g_strdup (code));
      g_hash_table_insert (choices->codes, comparable (label), g_strdup (code));
      g_hash_table_insert (choices->codes, comparable (code), g_strdup (code));
      g_hash_table_insert (choices->labels, g_strdup (code), g_strdup (label));
      g_ptr_array_add (choices->order, g_strdup (label));
    }

  if (rc != SQLITE_DONE)
    {
      choices_free (choices);
      _suiji_database_set_error (db, error, _("Could not read the result categories"));
      return NULL;
    }

  return choices;
}

static Choices *
editor_get_choices (Editor *editor, const char *table, GError **error)
{
  Choices *choices = g_hash_table_lookup (editor->choices, table);

  if (choices == NULL)
    {
      choices = load_choices (editor->db, table, error);
      if (choices != NULL)
        g_hash_table_insert (editor->choices, (gpointer) table, choices);
    }

  return choices;
}

static gboolean
editor_init (Editor *editor, SuijiDatabase *db, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  memset (editor, 0, sizeof *editor);
  editor->db = db;
  editor->choices =
      g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) choices_free);
  editor->problems = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  editor->tasks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  stmt =
      _suiji_database_prepare (db, "SELECT code, counts_as_problem FROM result_categories", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (editor->problems, g_strdup (_suiji_column_text (stmt, 0)),
                         GINT_TO_POINTER (sqlite3_column_int (stmt, 1)));

  editor->load = _suiji_database_prepare (
      db,
      "SELECT r.task_id, coalesce(s.name, ''), ds.key, substr(d.drawn_at, 1, 10),"
      " r.category, r.problem_area, r.method, r.inspected_on,"
      " (SELECT group_concat(badge, '、') FROM (SELECT i.badge FROM result_inspectors ri"
      "   JOIN inspectors i ON i.id = ri.inspector_id"
      "   WHERE ri.draw_id = r.draw_id AND ri.position = r.position ORDER BY i.badge)),"
      " r.follow_up, CASE WHEN r.follow_up_done THEN '" YES "' END, r.follow_up_done_on,"
      " r.published_on, nullif(r.note, '')"
      " FROM results r JOIN draw_subjects ds ON ds.draw_id = r.draw_id"
      " AND ds.position = r.position JOIN draws d ON d.id = r.draw_id"
      " LEFT JOIN subjects s ON s.id = ds.subject_id"
      " WHERE r.draw_id = ?1 AND r.position = ?2",
      error);
  if (editor->load == NULL)
    return FALSE;

  editor->write = _suiji_database_prepare (
      db,
      "UPDATE results SET category = ?3, problem_area = ?4, method = ?5, inspected_on = ?6,"
      " follow_up = ?7, follow_up_done = ?8 IS NOT NULL, follow_up_done_on = ?9,"
      " published_on = ?10, note = coalesce(?11, ''),"
      " updated_at = strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime')"
      " WHERE draw_id = ?1 AND position = ?2",
      error);
  if (editor->write == NULL)
    return FALSE;

  /* A badge is exact; a name is looked for among the task's departments
   * first. */
  editor->find_inspector = _suiji_database_prepare (
      db,
      "SELECT badge, 2 FROM inspectors WHERE badge = ?1"
      " UNION ALL SELECT badge, department_id IN (SELECT department_id FROM task_departments"
      "   WHERE task_id = ?3) FROM inspectors WHERE name = ?2"
      "   AND NOT EXISTS (SELECT 1 FROM inspectors WHERE badge = ?1)"
      " ORDER BY 2 DESC, 1",
      error);
  editor->clear_inspectors = _suiji_database_prepare (
      db, "DELETE FROM result_inspectors WHERE draw_id = ?1 AND position = ?2", error);
  editor->add_inspector =
      _suiji_database_prepare (db,
                               "INSERT INTO result_inspectors (draw_id, position, inspector_id)"
                               " SELECT ?1, ?2, id FROM inspectors WHERE badge = ?3",
                               error);
  return editor->find_inspector != NULL && editor->clear_inspectors != NULL &&
         editor->add_inspector != NULL;
}

static char *
dup_column_or_null (sqlite3_stmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
             ? NULL
             : g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
load_row (Editor *editor, gint64 draw_id, guint position, RowState *row, GError **error)
{
  sqlite3_stmt *stmt = editor->load;
  int           rc;

  sqlite3_bind_int64 (stmt, 1, draw_id);
  sqlite3_bind_int (stmt, 2, (int) position);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_NOT_FOUND,
                     _("Draw %ld has no subject at position %u whose result is kept; only the "
                        "first draw of a task has results."),
                     (long) draw_id, position);
      else
        _suiji_database_set_error (editor->db, error, _("Could not read the result"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  row->task_id = sqlite3_column_int64 (stmt, 0);
  row->draw_id = draw_id;
  row->position = position;
  row->subject =
      *_suiji_column_text (stmt, 1) != '\0'
          ? g_strdup_printf ("%s (%s)", _suiji_column_text (stmt, 1), _suiji_column_text (stmt, 2))
          : g_strdup (_suiji_column_text (stmt, 2));
  row->drawn_on = g_strdup (_suiji_column_text (stmt, 3));
  for (guint f = 0; f < SUIJI_RESULT_N_FIELDS; f++)
    row->values[f] = dup_column_or_null (stmt, 4 + (int) f);

  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
parse_choice (
    Editor *editor, SuijiResultField field, const char *text, char **value, GError **error)
{
  Choices         *choices = editor_get_choices (editor, fields[field].choices, error);
  g_autofree char *key = NULL;
  const char      *code;

  if (choices == NULL)
    return FALSE;

  key = comparable (text);
  code = g_hash_table_lookup (choices->codes, key);
  if (code == NULL)
    {
      g_autofree char *known = NULL;

      g_ptr_array_add (choices->order, NULL);
      known = g_strjoinv ("、", (char **) choices->order->pdata);
      g_ptr_array_remove_index (choices->order, choices->order->len - 1);
      g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                   _("“%s” is not one of the choices: %s."), text, known);
      return FALSE;
    }

  *value = g_strdup (code);
  return TRUE;
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* One name or badge number: a badge is exact; a name is looked up among
 * the task's departments first, then everywhere, and must be unique. */
static char *
find_inspector (Editor *editor, gint64 task_id, const char *token, GError **error)
{
  sqlite3_stmt    *stmt = editor->find_inspector;
  g_autofree char *name = NULL;
  g_autofree char *badge = NULL;
  const char      *open = strstr (token, "（");
  char            *found = NULL;
  int              own = -1;

  if (open == NULL)
    open = strchr (token, '(');

  /* "name（badge）", as the draw's notice writes them. */
  if (open != NULL)
    {
      const char *start = open + (*open == '(' ? 1 : strlen ("（"));

      name = g_strstrip (g_strndup (token, (gsize) (open - token)));
      badge = g_strstrip (g_strndup (start, strcspn (start, ")）")));
    }
  else
    {
      name = g_strdup (token);
      badge = g_strdup (token);
    }

  sqlite3_bind_text (stmt, 1, badge, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, task_id);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      int row_own = sqlite3_column_int (stmt, 1);

      if (found != NULL && row_own == own)
        {
          g_clear_pointer (&found, g_free);
          g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                       _("more than one inspector is called “%s”; write the badge number."),
                       token);
          break;
        }
      if (found != NULL)
        break;
      found = g_strdup (_suiji_column_text (stmt, 0));
      own = row_own;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (found == NULL && own >= 0)
    return NULL;

  if (found == NULL)
    g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                 _("there is no inspector “%s” in the directory."), token);
  return found;
}

static gboolean
parse_inspectors (
    Editor *editor, const RowState *row, const char *text, char **value, GError **error)
{
  g_autoptr (GPtrArray) badges = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) token = g_string_new (NULL);
  const char *p = text;

  /* Names are separated by 、 , ， ; ； or spaces; a badge in parentheses
   * stays with its name. */
  for (;;)
    {
      gunichar c = g_utf8_get_char (p);
      gboolean separator = c == 0x3001 || c == ',' || c == 0xFF0C || c == ';' || c == 0xFF1B ||
                           c == '/' || g_unichar_isspace (c) || c == 0x3000;

      if (c == '\0' || separator)
        {
          g_autofree char *clean = g_strstrip (g_strdup (token->str));

          if (*clean != '\0')
            {
              char *badge = find_inspector (editor, row->task_id, clean, error);

              if (badge == NULL)
                return FALSE;
              if (!g_ptr_array_find_with_equal_func (badges, badge, g_str_equal, NULL))
                g_ptr_array_add (badges, badge);
              else
                g_free (badge);
            }
          g_string_truncate (token, 0);
          if (c == '\0')
            break;
        }
      else
        {
          g_string_append_unichar (token, c);
        }
      p = g_utf8_next_char (p);
    }

  if (badges->len == 0)
    return TRUE;

  g_ptr_array_sort (badges, compare_strings);
  g_ptr_array_add (badges, NULL);
  *value = g_strjoinv ("、", (char **) badges->pdata);
  return TRUE;
}

/* Reads a cell's text into the field's canonical value; *value stays NULL
 * for an empty cell. */
static gboolean
parse_value (Editor          *editor,
             const RowState  *row,
             SuijiResultField field,
             const char      *text,
             char           **value,
             GError         **error)
{
  g_autofree char *clean = suiji_fields_clean_text (text != NULL ? text : "");

  *value = NULL;
  if (*clean == '\0')
    return TRUE;

  switch (field)
    {
    case SUIJI_RESULT_FIELD_CATEGORY:
    case SUIJI_RESULT_FIELD_PROBLEM_AREA:
    case SUIJI_RESULT_FIELD_METHOD:
    case SUIJI_RESULT_FIELD_FOLLOW_UP:
      return parse_choice (editor, field, clean, value, error);

    case SUIJI_RESULT_FIELD_INSPECTED_ON:
    case SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON:
    case SUIJI_RESULT_FIELD_PUBLISHED_ON:
      *value = suiji_fields_normalize_date (clean);
      if (*value == NULL)
        {
          g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                       _("“%s” is not a date; write it as 2025-03-01."), clean);
          return FALSE;
        }
      return TRUE;

    case SUIJI_RESULT_FIELD_FOLLOW_UP_DONE:
      switch (suiji_fields_parse_boolean (clean))
        {
        case 1:
          *value = g_strdup (YES);
          return TRUE;
        case 0:
          return TRUE;
        default:
          g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                       _("“%s” is neither yes (是) nor no (否)."), clean);
          return FALSE;
        }

    case SUIJI_RESULT_FIELD_INSPECTORS:
      return parse_inspectors (editor, row, clean, value, error);

    case SUIJI_RESULT_FIELD_NOTE:
    case SUIJI_RESULT_N_FIELDS:
    default:
      *value = g_steal_pointer (&clean);
      return TRUE;
    }
}

static gboolean
is_problem (Editor *editor, const char *category)
{
  return category != NULL &&
         GPOINTER_TO_INT (g_hash_table_lookup (editor->problems, category)) != 0;
}

/* The rules a row keeps whatever is edited, so that any state an edit
 * leaves can be gone back to by undoing. */
static gboolean
check_row (Editor *editor, const RowState *row, char **values, GError **error)
{
  const char *inspected = values[SUIJI_RESULT_FIELD_INSPECTED_ON];
  const char *published = values[SUIJI_RESULT_FIELD_PUBLISHED_ON];
  const char *done_on = values[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON];

  if (values[SUIJI_RESULT_FIELD_PROBLEM_AREA] != NULL &&
      !is_problem (editor, values[SUIJI_RESULT_FIELD_CATEGORY]))
    g_set_error_literal (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                         _("a problem area goes with a result where a problem was found; set "
                            "that result first."));
  else if (published != NULL && values[SUIJI_RESULT_FIELD_CATEGORY] == NULL)
    g_set_error_literal (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                         _("only a result can be published: enter the result first, or clear "
                            "the publication date."));
  else if (inspected != NULL && strcmp (inspected, row->drawn_on) < 0)
    g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                 _("the inspection on %s would be before the draw on %s."), inspected,
                 row->drawn_on);
  else if (published != NULL && inspected != NULL && strcmp (published, inspected) < 0)
    g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                 _("the publication on %s would be before the inspection on %s."), published,
                 inspected);
  else if (values[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE] != NULL &&
           values[SUIJI_RESULT_FIELD_FOLLOW_UP] == NULL)
    g_set_error_literal (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                         _("choose the follow-up before marking it done."));
  else if (done_on != NULL && inspected != NULL && strcmp (done_on, inspected) < 0)
    g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                 _("the follow-up done on %s would be before the inspection on %s."), done_on,
                 inspected);
  else
    return TRUE;

  return FALSE;
}

static gboolean
write_row (
    Editor *editor, const RowState *row, char **values, gboolean inspectors_changed, GError **error)
{
  sqlite3_stmt *stmt = editor->write;

  sqlite3_bind_int64 (stmt, 1, row->draw_id);
  sqlite3_bind_int (stmt, 2, (int) row->position);
  for (int i = 0, f = 0; f < SUIJI_RESULT_N_FIELDS; f++)
    {
      if (f == SUIJI_RESULT_FIELD_INSPECTORS)
        continue;
      sqlite3_bind_text (stmt, 3 + i++, values[f], -1, SQLITE_STATIC);
    }
  if (!_suiji_database_run (editor->db, stmt, error))
    return FALSE;

  if (inspectors_changed)
    {
      sqlite3_stmt *clear = editor->clear_inspectors;
      sqlite3_stmt *add = editor->add_inspector;
      g_auto (GStrv) badges = NULL;

      sqlite3_bind_int64 (clear, 1, row->draw_id);
      sqlite3_bind_int (clear, 2, (int) row->position);
      if (!_suiji_database_run (editor->db, clear, error))
        return FALSE;

      badges = g_strsplit (values[SUIJI_RESULT_FIELD_INSPECTORS] != NULL
                               ? values[SUIJI_RESULT_FIELD_INSPECTORS]
                               : "",
                           "、", -1);
      for (guint i = 0; badges[i] != NULL; i++)
        {
          if (*badges[i] == '\0')
            continue;
          sqlite3_bind_int64 (add, 1, row->draw_id);
          sqlite3_bind_int (add, 2, (int) row->position);
          sqlite3_bind_text (add, 3, badges[i], -1, SQLITE_STATIC);
          if (!_suiji_database_run (editor->db, add, error))
            return FALSE;
        }
    }

  return TRUE;
}

typedef struct
{
  SuijiResultField field;
  char            *value;
} Change;

static void
add_change (GArray *plan, SuijiResultField field, const char *value)
{
  Change change = { field, g_strdup (value) };

  g_array_append_val (plan, change);
}

static void
change_clear (Change *change)
{
  g_clear_pointer (&change->value, g_free);
}

void
suiji_result_edit_clear (SuijiResultEdit *edit)
{
  g_clear_pointer (&edit->text, g_free);
}

static void
set_edit_error (GError **error, const RowState *row, SuijiResultField field, GError *detail)
{
  /* TRANSLATORS: the subject, the field (a column heading), what is wrong */
  g_set_error (error, SUIJI_RESULT_ERROR, detail->code, _("%s, %s: %s"), row->subject,
               fields[field].title, detail->message);
}

/* Writes the row being edited, if it changed. */
static gboolean
editor_flush (Editor *editor, GError **error)
{
  if (!editor->row_dirty)
    return TRUE;

  if (!write_row (editor, &editor->row, editor->row.values, editor->row_inspectors_dirty, error))
    return FALSE;

  editor->row_dirty = FALSE;
  editor->row_inspectors_dirty = FALSE;
  return TRUE;
}

/* Makes the drawn subject at @position of @draw_id the row being edited. */
static gboolean
editor_focus (Editor *editor, gint64 draw_id, guint position, GError **error)
{
  if (editor->row_loaded && editor->row.draw_id == draw_id && editor->row.position == position)
    return TRUE;

  if (!editor_flush (editor, error))
    return FALSE;
  row_state_clear (&editor->row);
  editor->row_loaded = load_row (editor, draw_id, position, &editor->row, error);
  return editor->row_loaded;
}

/* Applies one edit to the row being edited (see editor_flush ()). Fields
 * that the edit makes meaningless are cleared first (a problem area when
 * the result no longer finds a problem, the done date of a follow-up no
 * longer done), and every change is appended to @done with the value it
 * replaced. With @name_row the error names the subject and the field. */
static gboolean
apply_edit (Editor                *editor,
            const SuijiResultEdit *edit,
            gboolean               name_row,
            GArray                *done,
            guint                 *n_changed,
            GError               **error)
{
  RowState        *row = &editor->row;
  g_autoptr (GArray) plan = g_array_new (FALSE, TRUE, sizeof (Change));
  g_autoptr (GError) detail = NULL;
  g_autofree char *value = NULL;
  char            *values[SUIJI_RESULT_N_FIELDS];
  SuijiResultField field = edit->field;

  g_array_set_clear_func (plan, (GDestroyNotify) change_clear);

  if (!editor_focus (editor, edit->draw_id, edit->position, error))
    return FALSE;

  if (!parse_value (editor, row, field, edit->text, &value, &detail))
    goto invalid;
  if (g_strcmp0 (value, row->values[field]) == 0)
    return TRUE;

  switch (field)
    {
    case SUIJI_RESULT_FIELD_CATEGORY:
      if (value == NULL && row->values[SUIJI_RESULT_FIELD_PUBLISHED_ON] != NULL)
        {
          g_set_error (&detail, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                       _("the result was published on %s; clear the publication date first."),
                       row->values[SUIJI_RESULT_FIELD_PUBLISHED_ON]);
          goto invalid;
        }
      if (row->values[SUIJI_RESULT_FIELD_PROBLEM_AREA] != NULL && !is_problem (editor, value))
        add_change (plan, SUIJI_RESULT_FIELD_PROBLEM_AREA, NULL);
      break;
    case SUIJI_RESULT_FIELD_FOLLOW_UP:
      if (value == NULL && row->values[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON] != NULL)
        add_change (plan, SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON, NULL);
      if (value == NULL && row->values[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE] != NULL)
        add_change (plan, SUIJI_RESULT_FIELD_FOLLOW_UP_DONE, NULL);
      break;
    case SUIJI_RESULT_FIELD_FOLLOW_UP_DONE:
      if (value == NULL && row->values[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON] != NULL)
        add_change (plan, SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON, NULL);
      break;
    case SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON:
      if (value != NULL && row->values[SUIJI_RESULT_FIELD_FOLLOW_UP_DONE] == NULL)
        add_change (plan, SUIJI_RESULT_FIELD_FOLLOW_UP_DONE, YES);
      break;
    case SUIJI_RESULT_FIELD_PROBLEM_AREA:
    case SUIJI_RESULT_FIELD_METHOD:
    case SUIJI_RESULT_FIELD_INSPECTED_ON:
    case SUIJI_RESULT_FIELD_INSPECTORS:
    case SUIJI_RESULT_FIELD_PUBLISHED_ON:
    case SUIJI_RESULT_FIELD_NOTE:
    case SUIJI_RESULT_N_FIELDS:
    default:
      break;
    }
  add_change (plan, field, value);

  /* The row as it will be, checked as a whole. */
  memcpy (values, row->values, sizeof values);
  for (guint i = 0; i < plan->len; i++)
    {
      Change *change = &g_array_index (plan, Change, i);

      values[change->field] = change->value;
    }
  if (!check_row (editor, row, values, &detail))
    goto invalid;

  /* The old values go to the undo, the new ones into the row. */
  for (guint i = 0; i < plan->len; i++)
    {
      Change         *change = &g_array_index (plan, Change, i);
      SuijiResultEdit old = { edit->draw_id, edit->position, change->field,
                              g_steal_pointer (&row->values[change->field]) };

      g_array_append_val (done, old);
      row->values[change->field] = g_steal_pointer (&change->value);
      editor->row_inspectors_dirty |= change->field == SUIJI_RESULT_FIELD_INSPECTORS;
    }
  editor->row_dirty = TRUE;
  g_hash_table_add (editor->tasks, g_memdup2 (&row->task_id, sizeof row->task_id));
  if (n_changed != NULL)
    *n_changed += plan->len;
  return TRUE;

invalid:
  if (name_row)
    set_edit_error (error, row, field, detail);
  else
    g_propagate_error (error, g_steal_pointer (&detail));
  return FALSE;
}

/* A task's state follows its results: drawn, inspecting once anything is
 * entered, results once every subject is checked, published once every
 * result is. */
static gboolean
update_task_states (Editor *editor, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  gpointer       key;

  stmt = _suiji_database_prepare (
      editor->db,
      "UPDATE tasks SET state = (SELECT CASE"
      "   WHEN count(*) > 0 AND sum(r.published_on IS NOT NULL) = count(*) THEN 'published'"
      "   WHEN count(*) > 0 AND sum(coalesce(c.counts_as_completed, 0)) = count(*)"
      "     THEN 'results'"
      "   WHEN sum(r.category IS NOT NULL OR r.inspected_on IS NOT NULL"
      "     OR r.method IS NOT NULL) > 0 THEN 'inspecting'"
      "   ELSE 'drawn' END"
      "   FROM results r LEFT JOIN result_categories c ON c.code = r.category"
      "   WHERE r.task_id = tasks.id)"
      " WHERE id = ?1 AND state <> 'draft'",
      error);
  if (stmt == NULL)
    return FALSE;

  g_hash_table_iter_init (&iter, editor->tasks);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      sqlite3_bind_int64 (stmt, 1, *(gint64 *) key);
      if (!_suiji_database_run (editor->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* The changes made, newest first: applied as edits, they undo. */
static GArray *
reverse_changes (GArray *done)
{
  GArray *undo = g_array_sized_new (FALSE, TRUE, sizeof (SuijiResultEdit), done->len);

  g_array_set_clear_func (undo, (GDestroyNotify) suiji_result_edit_clear);
  for (guint i = done->len; i > 0; i--)
    {
      SuijiResultEdit *edit = &g_array_index (done, SuijiResultEdit, i - 1);
      SuijiResultEdit  copy = { edit->draw_id, edit->position, edit->field, g_strdup (edit->text) };

      g_array_append_val (undo, copy);
    }

  return undo;
}

/* Applies the edits inside the caller's transaction, recording the
 * changes in @done (when not %NULL). */
static gboolean
apply_edits (SuijiDatabase         *db,
             const SuijiResultEdit *edits,
             guint                  n_edits,
             GArray                *done,
             guint                 *failed_edit,
             GError               **error)
{
  g_auto (Editor) editor = { 0 };
  g_autoptr (GArray) discarded = NULL;

  if (done == NULL)
    {
      discarded = g_array_new (FALSE, TRUE, sizeof (SuijiResultEdit));
      g_array_set_clear_func (discarded, (GDestroyNotify) suiji_result_edit_clear);
      done = discarded;
    }

  if (!editor_init (&editor, db, error))
    return FALSE;

  for (guint i = 0; i < n_edits; i++)
    {
      if (edits[i].field >= SUIJI_RESULT_N_FIELDS)
        g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_INVALID,
                     _("There is no result field number %u."), (guint) edits[i].field);
      if (edits[i].field >= SUIJI_RESULT_N_FIELDS ||
          !apply_edit (&editor, &edits[i], TRUE, done, NULL, error))
        {
          if (failed_edit != NULL)
            *failed_edit = i;
          return FALSE;
        }
    }

  return editor_flush (&editor, error) && update_task_states (&editor, error);
}

/* For writers that hold a transaction around much more (the sample data). */
gboolean
_suiji_result_apply (SuijiDatabase *db, const SuijiResultEdit *edits, guint n_edits, GError **error)
{
  return apply_edits (db, edits, n_edits, NULL, NULL, error);
}

/**
 * suiji_result_set_many:
 * @edits: the changes, applied in order (a pasted column, an undo …)
 * @undo: (out) (optional) (transfer full): the edits that put everything
 *   back, to be given to this function again; they come back as the redo.
 *   An array of #SuijiResultEdit that clears its elements.
 * @failed_edit: (out) (optional): the index of the edit that was refused
 *
 * Applies the edits in one transaction: all of them, or, when one is
 * refused, none. Fields an edit makes meaningless are cleared with it
 * (the problem area of a result that no longer finds a problem, the done
 * date of a follow-up no longer done) and undone with it.
 *
 * Returns: %TRUE, or %FALSE with @error naming the subject and the field
 */
gboolean
suiji_result_set_many (SuijiDatabase         *db,
                       const SuijiResultEdit *edits,
                       guint                  n_edits,
                       GArray               **undo,
                       guint                 *failed_edit,
                       GError               **error)
{
  g_autoptr (GArray) done = g_array_new (FALSE, TRUE, sizeof (SuijiResultEdit));

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (edits != NULL || n_edits == 0, FALSE);

  g_array_set_clear_func (done, (GDestroyNotify) suiji_result_edit_clear);

  if (!_suiji_database_begin (db, error))
    return FALSE;

  if (!apply_edits (db, edits, n_edits, done, failed_edit, error) ||
      !_suiji_database_commit (db, error))
    {
      _suiji_database_rollback (db);
      return FALSE;
    }

  if (undo != NULL)
    *undo = reverse_changes (done);
  return TRUE;
}

/**
 * suiji_result_set_field:
 * @text: (nullable): the cell's new text; %NULL or "" clears the field
 * @undo: (out) (optional) (transfer full): as for suiji_result_set_many ()
 *
 * Sets one field of one drawn subject's result.
 */
gboolean
suiji_result_set_field (SuijiDatabase   *db,
                        gint64           draw_id,
                        guint            position,
                        SuijiResultField field,
                        const char      *text,
                        GArray         **undo,
                        GError         **error)
{
  SuijiResultEdit edit = { draw_id, position, field, (char *) text };

  return suiji_result_set_many (db, &edit, 1, undo, NULL, error);
}

/**
 * suiji_result_list_choices:
 *
 * Returns: (transfer full): the labels a coded field takes, in their
 *   order, or %NULL with @error set; an empty list for other fields
 */
GStrv
suiji_result_list_choices (SuijiDatabase *db, SuijiResultField field, GError **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  Choices *choices;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (field < SUIJI_RESULT_N_FIELDS, NULL);

  if (fields[field].choices == NULL)
    return g_strv_builder_end (builder);

  choices = load_choices (db, fields[field].choices, error);
  if (choices == NULL)
    return NULL;

  for (guint i = 0; i < choices->order->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (choices->order, i));
  choices_free (choices);
  return g_strv_builder_end (builder);
}

void
suiji_result_free (SuijiResult *result)
{
  if (result == NULL)
    return;

  g_free (result->key);
  g_free (result->name);
  g_free (result->subject_type);
  g_free (result->stratum);
  g_free (result->drawn_inspectors);
  g_free (result->drawn_on);
  g_free (result->category);
  for (guint f = 0; f < SUIJI_RESULT_N_FIELDS; f++)
    g_free (result->texts[f]);
  g_free (result->publication_due);
  g_free (result);
}

static void
get_today (const GDate *today, GDate *date)
{
  if (today != NULL && g_date_valid (today))
    {
      *date = *today;
      return;
    }

  g_date_clear (date, 1);
  g_date_set_time_t (date, time (NULL));
}

/* When results are due: 20 working days after the inspection, or after
 * the end of the task's inspection period while the subject is not yet
 * inspected. */
static char *
publication_due (const SuijiCalendar *calendar, const char *inspected_on, const char *period_end)
{
  const char *end = inspected_on != NULL && *inspected_on != '\0' ? inspected_on : period_end;

  if (end == NULL || *end == '\0')
    return NULL;

  return suiji_calendar_add_working_days_iso (calendar, end, SUIJI_RESULT_PUBLICATION_WORKING_DAYS);
}

#define RESULT_COLUMNS                                                                             \
  "SELECT r.task_id, r.draw_id, r.position, coalesce(ds.subject_id, 0), ds.key,"                   \
  " coalesce(s.name, ''), r.subject_type, ds.stratum, substr(d.drawn_at, 1, 10),"                  \
  " coalesce((SELECT group_concat(name, '、') FROM (SELECT i.name FROM draw_inspectors di"        \
  "   JOIN inspectors i ON i.id = di.inspector_id"                                                 \
  "   WHERE di.draw_id = r.draw_id AND di.position = r.position ORDER BY di.rank)), ''),"          \
  " r.category, coalesce(c.counts_as_completed, 0), coalesce(c.counts_as_problem, 0),"             \
  " coalesce(t.period_end, ''),"                                                                   \
  " coalesce(c.label, ''), coalesce(pa.label, ''), coalesce(m.label, ''),"                         \
  " coalesce(r.inspected_on, ''),"                                                                 \
  " coalesce((SELECT group_concat(name, '、') FROM (SELECT i.name FROM result_inspectors ri"      \
  "   JOIN inspectors i ON i.id = ri.inspector_id"                                                 \
  "   WHERE ri.draw_id = r.draw_id AND ri.position = r.position ORDER BY i.badge)), ''),"          \
  " coalesce(f.label, ''),"                                                                        \
  " CASE WHEN r.follow_up_done THEN '" YES "' WHEN r.follow_up IS NOT NULL THEN '" NO "'"          \
  "   ELSE '' END,"                                                                                \
  " coalesce(r.follow_up_done_on, ''), coalesce(r.published_on, ''), r.note"                       \
  " FROM results r JOIN draw_subjects ds ON ds.draw_id = r.draw_id AND ds.position = r.position"   \
  " JOIN draws d ON d.id = r.draw_id JOIN tasks t ON t.id = r.task_id"                             \
  " LEFT JOIN subjects s ON s.id = ds.subject_id"                                                  \
  " LEFT JOIN result_categories c ON c.code = r.category"                                          \
  " LEFT JOIN problem_areas pa ON pa.code = r.problem_area"                                        \
  " LEFT JOIN inspection_methods m ON m.code = r.method"                                           \
  " LEFT JOIN follow_up_kinds f ON f.code = r.follow_up"

/* The column of the first field's text in RESULT_COLUMNS. */
#define FIRST_TEXT_COLUMN 14

static SuijiResult *
result_from_row (sqlite3_stmt *stmt, const SuijiCalendar *calendar, const GDate *today)
{
  SuijiResult     *result = g_new0 (SuijiResult, 1);
  g_autofree char *today_iso = suiji_date_dup_iso (today);
  const char      *published;

  result->task_id = sqlite3_column_int64 (stmt, 0);
  result->draw_id = sqlite3_column_int64 (stmt, 1);
  result->position = (guint) sqlite3_column_int (stmt, 2);
  result->subject_id = sqlite3_column_int64 (stmt, 3);
  result->key = g_strdup (_suiji_column_text (stmt, 4));
  result->name = g_strdup (_suiji_column_text (stmt, 5));
  result->subject_type = g_strdup (_suiji_column_text (stmt, 6));
  result->stratum = g_strdup (_suiji_column_text (stmt, 7));
  result->drawn_on = g_strdup (_suiji_column_text (stmt, 8));
  result->drawn_inspectors = g_strdup (_suiji_column_text (stmt, 9));
  result->category = dup_column_or_null (stmt, 10);
  result->completed = sqlite3_column_int (stmt, 11) != 0;
  result->problem_found = sqlite3_column_int (stmt, 12) != 0;
  for (guint f = 0; f < SUIJI_RESULT_N_FIELDS; f++)
    result->texts[f] = g_strdup (_suiji_column_text (stmt, FIRST_TEXT_COLUMN + (int) f));

  result->publication_due = publication_due (
      calendar, result->texts[SUIJI_RESULT_FIELD_INSPECTED_ON], _suiji_column_text (stmt, 13));
  published = result->texts[SUIJI_RESULT_FIELD_PUBLISHED_ON];
  if (result->publication_due != NULL)
    {
      result->overdue = *published == '\0' && strcmp (today_iso, result->publication_due) > 0;
      result->published_late =
          *published != '\0' && strcmp (published, result->publication_due) > 0;
    }

  return result;
}

static GPtrArray *
list_results (SuijiDatabase *db,
              const char    *where,
              gint64         first,
              gint64         second,
              const GDate   *today,
              GError       **error)
{
  g_autoptr (SuijiCalendar) calendar = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GPtrArray) results =
      g_ptr_array_new_with_free_func ((GDestroyNotify) suiji_result_free);
  g_autofree char *sql = g_strconcat (RESULT_COLUMNS, where, NULL);
  GDate            day;
  int              rc;

  get_today (today, &day);
  calendar = suiji_calendar_load (db, error);
  if (calendar == NULL)
    return NULL;

  stmt = _suiji_database_prepare (db, sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, second);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (results, result_from_row (stmt, calendar, &day));

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the results"));
      return NULL;
    }

  return g_steal_pointer (&results);
}

static gboolean
check_task (SuijiDatabase *db, gint64 task_id, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
      _suiji_database_prepare (db, "SELECT 1 FROM tasks WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, task_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_NOT_FOUND,
                   _("There is no task number %ld; list the tasks to find its number."),
                   (long) task_id);
      return FALSE;
    }

  return TRUE;
}

/**
 * suiji_result_list_task:
 * @today: (nullable): the day overdue results are judged on; %NULL for today
 *
 * Lists the drawn subjects of a task's first draw with their results, in
 * drawn order: the rows of the result grid. A task not yet drawn has none.
 *
 * Returns: (transfer full) (element-type SuijiResult): the rows, or %NULL
 *   with @error set
 */
GPtrArray *
suiji_result_list_task (SuijiDatabase *db, gint64 task_id, const GDate *today, GError **error)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  if (!check_task (db, task_id, error))
    return NULL;

  return list_results (db, " WHERE r.task_id = ?1 AND ?2 = 0 ORDER BY r.draw_id, r.position",
                       task_id, 0, today, error);
}

/**
 * suiji_result_load:
 *
 * Returns: (transfer full): one row of the grid, as suiji_result_list_task ()
 *   gives it, or %NULL with @error set
 */
SuijiResult *
suiji_result_load (
    SuijiDatabase *db, gint64 draw_id, guint position, const GDate *today, GError **error)
{
  g_autoptr (GPtrArray) results = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  results = list_results (db, " WHERE r.draw_id = ?1 AND r.position = ?2", draw_id,
                          (gint64) position, today, error);
  if (results == NULL)
    return NULL;
  if (results->len == 0)
    {
      g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_NOT_FOUND,
                   _("Draw %ld has no subject at position %u whose result is kept; only the "
                      "first draw of a task has results."),
                   (long) draw_id, position);
      return NULL;
    }

  return g_ptr_array_steal_index (results, 0);
}

static SuijiResultProgress *
find_progress (GArray *list, GHashTable *index, gint64 task_id)
{
  gpointer at;

  if (!g_hash_table_lookup_extended (index, &task_id, NULL, &at))
    return NULL;

  return &g_array_index (list, SuijiResultProgress, GPOINTER_TO_UINT (at));
}

/* The progress of one task (@task_id) or of every drawn task of @year. */
static GArray *
compute_progress (SuijiDatabase *db, gint64 task_id, int year, const GDate *today, GError **error)
{
  g_autoptr (SuijiCalendar) calendar = NULL;
  g_autoptr (sqlite3_stmt) tasks = NULL;
  g_autoptr (sqlite3_stmt) pending = NULL;
  g_autoptr (GArray) list = g_array_new (FALSE, TRUE, sizeof (SuijiResultProgress));
  g_autoptr (GHashTable) index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *today_iso = NULL;
  GDate            day;
  int              rc;

  get_today (today, &day);
  today_iso = suiji_date_dup_iso (&day);
  calendar = suiji_calendar_load (db, error);
  if (calendar == NULL)
    return NULL;

  tasks = _suiji_database_prepare (
      db,
      "SELECT r.task_id, count(*), sum(coalesce(c.counts_as_completed, 0)),"
      " sum(coalesce(c.counts_as_problem, 0)), sum(r.published_on IS NOT NULL),"
      " coalesce(t.period_end, ''), coalesce(max(r.inspected_on), '')"
      " FROM results r JOIN tasks t ON t.id = r.task_id"
      " LEFT JOIN result_categories c ON c.code = r.category"
      " WHERE (?1 = 0 OR r.task_id = ?1) AND (?2 = 0 OR t.year = ?2)"
      " GROUP BY r.task_id ORDER BY r.task_id",
      error);
  if (tasks == NULL)
    return NULL;
  sqlite3_bind_int64 (tasks, 1, task_id);
  sqlite3_bind_int (tasks, 2, year);

  while ((rc = sqlite3_step (tasks)) == SQLITE_ROW)
    {
      SuijiResultProgress progress = { 0 };
      const char         *period_end = _suiji_column_text (tasks, 5);
      const char         *last_inspection = _suiji_column_text (tasks, 6);
      g_autofree char    *due = NULL;

      progress.task_id = sqlite3_column_int64 (tasks, 0);
      progress.drawn = (guint) sqlite3_column_int (tasks, 1);
      progress.completed = (guint) sqlite3_column_int (tasks, 2);
      progress.problems = (guint) sqlite3_column_int (tasks, 3);
      progress.published = (guint) sqlite3_column_int (tasks, 4);

      /* The inspection ends with the task's period, or, without one, on
       * the last inspection once every subject is checked. */
      if (*period_end != '\0')
        g_strlcpy (progress.inspection_end, period_end, sizeof progress.inspection_end);
      else if (progress.completed == progress.drawn && *last_inspection != '\0')
        g_strlcpy (progress.inspection_end, last_inspection, sizeof progress.inspection_end);

      due = publication_due (calendar, NULL, progress.inspection_end);
      if (due != NULL)
        {
          g_strlcpy (progress.publication_due, due, sizeof progress.publication_due);
          progress.is_overdue = progress.published < progress.drawn && strcmp (today_iso, due) > 0;
        }

      g_hash_table_insert (index, g_memdup2 (&progress.task_id, sizeof (gint64)),
                           GUINT_TO_POINTER (list->len));
      g_array_append_val (list, progress);
    }
  if (rc != SQLITE_DONE)
    goto failed;

  /* Unpublished results by inspection day: each day has one due date. */
  pending = _suiji_database_prepare (
      db,
      "SELECT r.task_id, coalesce(r.inspected_on, ''), coalesce(t.period_end, ''), count(*)"
      " FROM results r JOIN tasks t ON t.id = r.task_id"
      " WHERE r.published_on IS NULL AND (?1 = 0 OR r.task_id = ?1) AND (?2 = 0 OR t.year = ?2)"
      " GROUP BY 1, 2",
      error);
  if (pending == NULL)
    return NULL;
  sqlite3_bind_int64 (pending, 1, task_id);
  sqlite3_bind_int (pending, 2, year);

  while ((rc = sqlite3_step (pending)) == SQLITE_ROW)
    {
      SuijiResultProgress *progress =
          find_progress (list, index, sqlite3_column_int64 (pending, 0));
      g_autofree char *due = publication_due (calendar, _suiji_column_text (pending, 1),
                                              _suiji_column_text (pending, 2));

      if (progress != NULL && due != NULL && strcmp (today_iso, due) > 0)
        {
          progress->overdue += (guint) sqlite3_column_int (pending, 3);
          progress->is_overdue = TRUE;
        }
    }
  if (rc != SQLITE_DONE)
    goto failed;

  return g_steal_pointer (&list);

failed:
  _suiji_database_set_error (db, error, _("Could not read the results"));
  return NULL;
}

/**
 * suiji_result_get_progress:
 * @today: (nullable): the day overdue results are judged on; %NULL for today
 *
 * How far a task's results are: drawn, completed, problems found and
 * published subjects, and when the results are due. A task not yet drawn
 * has all zeros.
 */
gboolean
suiji_result_get_progress (SuijiDatabase       *db,
                           gint64               task_id,
                           const GDate         *today,
                           SuijiResultProgress *progress,
                           GError             **error)
{
  g_autoptr (GArray) list = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (progress != NULL, FALSE);

  if (!check_task (db, task_id, error))
    return FALSE;

  list = compute_progress (db, task_id, 0, today, error);
  if (list == NULL)
    return FALSE;

  memset (progress, 0, sizeof *progress);
  progress->task_id = task_id;
  if (list->len > 0)
    *progress = g_array_index (list, SuijiResultProgress, 0);
  return TRUE;
}

/**
 * suiji_result_list_progress:
 * @year: the tasks' year
 * @only_overdue: only the tasks with results overdue
 *
 * Returns: (transfer full) (element-type SuijiResultProgress): the progress
 *   of every drawn task of @year in task order, or %NULL with @error set
 */
GArray *
suiji_result_list_progress (
    SuijiDatabase *db, int year, const GDate *today, gboolean only_overdue, GError **error)
{
  GArray *list;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (year > 0, NULL);

  list = compute_progress (db, 0, year, today, error);
  if (list == NULL || !only_overdue)
    return list;

  for (guint i = list->len; i > 0; i--)
    if (!g_array_index (list, SuijiResultProgress, i - 1).is_overdue)
      g_array_remove_index (list, i - 1);

  return list;
}

static void
import_problem_free (SuijiResultImportProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

static void G_GNUC_PRINTF (4, 5)
    add_problem (GPtrArray *problems, guint row, int field, const char *format, ...)
{
  SuijiResultImportProblem *problem = g_new0 (SuijiResultImportProblem, 1);
  va_list                   args;

  va_start (args, format);
  problem->row = row;
  problem->field = field;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (problems, problem);
}

/* The columns of an import: the fields, then the subject's code and name. */
enum
{
  COLUMN_KEY = SUIJI_RESULT_N_FIELDS,
  COLUMN_NAME,
  N_COLUMNS,
};

static gboolean
row_is_blank (SuijiTable *table, guint row)
{
  for (guint c = 0; c < suiji_table_get_n_columns (table); c++)
    {
      g_autofree char *clean = suiji_fields_clean_text (suiji_table_get_cell (table, row, c));

      if (*clean != '\0')
        return FALSE;
    }

  return TRUE;
}

static guint
find_header (SuijiTable *table, int *columns)
{
  const char *const      *headings[N_COLUMNS];
  guint                   n_columns = suiji_table_get_n_columns (table);
  g_autofree const char **cells = g_new0 (const char *, n_columns + 1);
  int                     candidate[N_COLUMNS];
  guint                   best_row = 0;
  guint                   best_count = 0;

  for (guint f = 0; f < SUIJI_RESULT_N_FIELDS; f++)
    headings[f] = fields[f].headings;
  headings[COLUMN_KEY] = key_headings;
  headings[COLUMN_NAME] = name_headings;

  for (guint f = 0; f < N_COLUMNS; f++)
    columns[f] = -1;

  for (guint row = 0; row < MIN (suiji_table_get_n_rows (table), MAX_HEADER_SEARCH_ROWS); row++)
    {
      guint count;

      for (guint c = 0; c < n_columns; c++)
        cells[c] = suiji_table_get_cell (table, row, c);
      count = suiji_fields_guess_columns (headings, N_COLUMNS, cells, n_columns, candidate);

      /* Only a row that names the subjects can be the header. */
      if (candidate[COLUMN_KEY] < 0 && candidate[COLUMN_NAME] < 0)
        continue;
      if (count > best_count)
        {
          best_count = count;
          best_row = row;
          memcpy (columns, candidate, sizeof candidate);
        }
    }

  return best_row;
}

typedef struct
{
  gint64 draw_id;
  guint  position;
  guint  seen_on_row; /* the file row that named it, 0 while none did */
} Target;

/* The subjects of the task, by code and by name (a name two subjects of
 * the task share finds neither). */
static gboolean
index_task_subjects (
    SuijiDatabase *db, gint64 task_id, GHashTable *by_key, GHashTable *by_name, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _suiji_database_prepare (
      db,
      "SELECT r.draw_id, r.position, upper(ds.key), coalesce(s.name, '')"
      " FROM results r JOIN draw_subjects ds ON ds.draw_id = r.draw_id"
      " AND ds.position = r.position LEFT JOIN subjects s ON s.id = ds.subject_id"
      " WHERE r.task_id = ?1",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, task_id);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Target *target = g_new0 (Target, 1);
      char   *name = comparable (_suiji_column_text (stmt, 3));

      target->draw_id = sqlite3_column_int64 (stmt, 0);
      target->position = (guint) sqlite3_column_int (stmt, 1);
      g_hash_table_insert (by_key, g_strdup (_suiji_column_text (stmt, 2)), target);
      if (*name == '\0')
        g_free (name);
      else if (g_hash_table_contains (by_name, name))
        g_hash_table_replace (by_name, name, NULL);
      else
        g_hash_table_insert (by_name, name, target);
    }

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the results"));
      return FALSE;
    }

  return TRUE;
}

static Target *
find_target (SuijiTable *table,
             guint       row,
             const int  *columns,
             GHashTable *by_key,
             GHashTable *by_name,
             GPtrArray  *problems)
{
  guint            source_row = suiji_table_get_source_row (table, row);
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  Target          *target = NULL;

  if (columns[COLUMN_KEY] >= 0)
    {
      g_autofree char *cell =
          suiji_fields_clean_text (suiji_table_get_cell (table, row, (guint) columns[COLUMN_KEY]));

      key = g_ascii_strup (cell, -1);
    }
  if (columns[COLUMN_NAME] >= 0)
    name = comparable (suiji_table_get_cell (table, row, (guint) columns[COLUMN_NAME]));

  if (key != NULL && *key != '\0')
    {
      target = g_hash_table_lookup (by_key, key);
      if (target == NULL)
        add_problem (problems, source_row, -1,
                     _("no subject drawn for this task has the code “%s”."), key);
    }
  else if (name != NULL && *name != '\0')
    {
      gpointer found = NULL;

      if (!g_hash_table_lookup_extended (by_name, name, NULL, &found))
        add_problem (problems, source_row, -1, _("no subject drawn for this task is called “%s”."),
                     name);
      else if (found == NULL)
        add_problem (problems, source_row, -1,
                     _("two subjects of this task are called “%s”; give the code."), name);
      target = found;
    }
  else
    {
      add_problem (problems, source_row, -1,
                   _("the row gives neither the subject's code nor its name."));
    }

  if (target != NULL && target->seen_on_row != 0)
    {
      add_problem (problems, source_row, -1, _("the same subject is already on row %u."),
                   target->seen_on_row);
      return NULL;
    }
  if (target != NULL)
    target->seen_on_row = source_row;

  return target;
}

/**
 * suiji_result_import:
 * @table: a file read by suiji_table_read_file (); a row of headings (检查结果,
 *   检查方式, 检查日期 …, and 统一社会信用代码 or a name) may have a title above it
 * @summary: (out) (optional): what the import read and changed
 * @problems: (out) (optional) (transfer full) (element-type SuijiResultImportProblem):
 *   the bad rows, by row and field
 *
 * Enters the results of a task from a file, in one transaction: every row,
 * or, when any row has a problem, none. Empty cells leave a field as it is.
 *
 * Returns: %TRUE, or %FALSE with @error set (%SUIJI_RESULT_ERROR_REJECTED_ROWS
 *   when rows were bad)
 */
gboolean
suiji_result_import (SuijiDatabase            *db,
                     gint64                    task_id,
                     SuijiTable               *table,
                     SuijiResultImportSummary *summary,
                     GPtrArray               **problems,
                     GError                  **error)
{
  g_auto (Editor) editor = { 0 };
  g_autoptr (GPtrArray) found =
      g_ptr_array_new_with_free_func ((GDestroyNotify) import_problem_free);
  g_autoptr (GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GArray) done = g_array_new (FALSE, TRUE, sizeof (SuijiResultEdit));
  SuijiResultImportSummary counts = { 0 };
  int                      columns[N_COLUMNS];
  guint                    header;
  gboolean                 any_field = FALSE;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);

  g_array_set_clear_func (done, (GDestroyNotify) suiji_result_edit_clear);

  if (!check_task (db, task_id, error))
    return FALSE;

  header = find_header (table, columns);
  for (guint f = 0; f < SUIJI_RESULT_N_FIELDS; f++)
    any_field |= columns[f] >= 0;
  if ((columns[COLUMN_KEY] < 0 && columns[COLUMN_NAME] < 0) || !any_field)
    {
      g_set_error_literal (
          error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_MAPPING,
          _("The file needs a column 统一社会信用代码 or 名称 to find the subjects, and at least "
             "one column of results such as 检查结果, 检查方式 or 检查日期."));
      return FALSE;
    }

  if (!index_task_subjects (db, task_id, by_key, by_name, error))
    return FALSE;
  if (g_hash_table_size (by_key) == 0)
    {
      g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_NOT_FOUND,
                   _("Task %ld has not been drawn yet: it has no subjects to enter results "
                      "for."),
                   (long) task_id);
      return FALSE;
    }

  if (!_suiji_database_begin (db, error))
    return FALSE;
  if (!editor_init (&editor, db, error))
    goto failed;

  for (guint row = header + 1; row < suiji_table_get_n_rows (table); row++)
    {
      guint   source_row = suiji_table_get_source_row (table, row);
      Target *target;

      if (row_is_blank (table, row))
        continue;
      counts.rows++;

      target = find_target (table, row, columns, by_key, by_name, found);
      if (target == NULL)
        continue;

      for (guint f = 0; f < SUIJI_RESULT_N_FIELDS; f++)
        {
          g_autoptr (GError) problem = NULL;
          SuijiResultEdit  edit = { target->draw_id, target->position, (SuijiResultField) f, NULL };
          g_autofree char *cell = NULL;

          if (columns[f] < 0)
            continue;
          cell = suiji_fields_clean_text (suiji_table_get_cell (table, row, (guint) columns[f]));
          if (*cell == '\0')
            continue;

          edit.text = cell;
          if (!apply_edit (&editor, &edit, FALSE, done, &counts.changed, &problem))
            {
              if (problem->domain != SUIJI_RESULT_ERROR)
                {
                  g_propagate_error (error, g_steal_pointer (&problem));
                  goto failed;
                }
              add_problem (found, source_row, (int) f, "%s", problem->message);
            }
        }
    }

  if (found->len > 0)
    {
      g_set_error (error, SUIJI_RESULT_ERROR, SUIJI_RESULT_ERROR_REJECTED_ROWS,
                   g_dngettext (GETTEXT_PACKAGE, "%u problem in the file; nothing was imported.",
                                "%u problems in the file; nothing was imported.", found->len),
                   found->len);
      goto failed;
    }

  if (!editor_flush (&editor, error) || !update_task_states (&editor, error))
    goto failed;
  editor_clear (&editor);
  if (!_suiji_database_commit (db, error))
    goto failed;

  if (summary != NULL)
    *summary = counts;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return TRUE;

failed:
  editor_clear (&editor);
  _suiji_database_rollback (db);
  if (summary != NULL)
    *summary = counts;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return FALSE;
}
