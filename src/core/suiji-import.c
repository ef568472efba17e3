/* suiji-import.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Directory import: find the header row and map its columns onto fields
 * (remembering the mapping for the next file of the same shape), check
 * every row and say what is wrong by row and field, then write the good
 * rows, or none, in one transaction.
 */

#define G_LOG_DOMAIN "suiji-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "suiji-credit-code.h"
#include "suiji-database-private.h"
#include "suiji-xlsx-private.h"
#include "suiji-department.h"
#include "suiji-fields.h"
#include "suiji-import.h"
#include "suiji-inspector.h"
#include "suiji-item.h"
#include "suiji-subject.h"

/* Where the header row may be: files from the platform put a title and a
 * note or two above it. */
#define MAX_HEADER_SEARCH_ROWS 30

/* Cells longer than this are a sign of a wrong column, not data. */
#define MAX_CELL_CHARS 500

enum
{
  ROW_REJECTED = 1 << 0,
  ROW_WARNED = 1 << 1,
  ROW_NEW = 1 << 2,
};

typedef struct
{
  guint table_row;
  guint flags;
} RowState;

struct _SuijiImport
{
  SuijiDatabase          *db;
  SuijiDirectory          kind;
  SuijiTable             *table;
  char                   *file_name;
  const SuijiImportField *fields;
  guint                   n_fields;
  int                    *columns;
  guint                   header_row;
  gboolean                remembered;

  /* Filled by suiji_import_validate () */
  GArray     *rows;
  GPtrArray  *problems;
  GHashTable *departments;
  GHashTable *field_ids;
  GStrv       class_codes;
  gboolean    validated;
};

/* clang-format off */
G_DEFINE_QUARK (suiji-import-error-quark, suiji_import_error)
/* clang-format on */

static void
problem_free (SuijiImportProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

/* The headings are compared after suiji_fields_clean_heading (): no spaces, no
 * asterisks or "(必填)", ASCII in lower case. Longer, more specific
 * headings win over shorter ones. */
static const char *const key_headings[] = {
  "统一社会信用代码",        "社会信用代码", "信用代码", "统一代码", "注册号",
  "注册号/统一社会信用代码", "creditcode",   "uscc",     "code",     NULL
};
static const char *const name_headings[] = { "企业名称", "主体名称", "市场主体名称", "经营主体名称",
                                             "名称",     "单位名称", "字号名称",     "name",
                                             "company",  NULL };
static const char *const type_headings[] = { "主体类型", "市场主体类型", "企业类型",
                                             "类型",     "type",         NULL };
static const char *const industry_headings[] = { "所属行业", "行业门类", "行业", "industry", NULL };
static const char *const region_headings[] = { "所属区域", "所属乡镇", "乡镇街道", "乡镇",
                                               "区域",     "辖区",     "region",   NULL };
static const char *const address_headings[] = { "住所", "经营场所", "注册地址",
                                                "地址", "address",  NULL };
static const char *const status_headings[] = { "登记状态", "经营状态", "状态", "status", NULL };
static const char *const class_headings[] = { "信用风险分类", "信用风险等级", "风险等级",
                                              "风险分类",     "分类结果",     "信用等级",
                                              "class",        "risk",         NULL };
static const char *const class_date_headings[] = { "分类日期", "评定日期", "分类时间", "评定时间",
                                                   NULL };
static const char *const department_headings[] = { "监管部门",   "责任部门", "所属部门", "主管部门",
                                                   "实施部门",   "检查部门", "部门",     "单位",
                                                   "department", NULL };
static const char *const labels_headings[] = { "标签", "分类标注", "标注", "labels", NULL };

static const SuijiImportField subject_fields[] = {
  { "key", "统一社会信用代码", TRUE, key_headings },
  { "name", "名称", TRUE, name_headings },
  { "type", "主体类型", FALSE, type_headings },
  { "industry", "行业", FALSE, industry_headings },
  { "region", "所属区域", FALSE, region_headings },
  { "address", "住所", FALSE, address_headings },
  { "status", "登记状态", FALSE, status_headings },
  { "class", "信用风险分类", FALSE, class_headings },
  { "class-date", "分类日期", FALSE, class_date_headings },
  { "department", "监管部门", FALSE, department_headings },
  { "labels", "标签", FALSE, labels_headings },
};

static const char *const inspector_name_headings[] = { "姓名", "执法人员", "执法人员姓名", "name",
                                                       NULL };
static const char *const badge_headings[] = { "执法证号",     "执法证件号", "执法证编号",
                                              "执法证件号码", "证件号码",   "证号",
                                              "badge",        NULL };
static const char *const valid_headings[] = { "有效期至", "有效期", "证件有效期", "valid", NULL };
static const char *const post_headings[] = { "职务", "岗位", "post", NULL };
static const char *const active_headings[] = { "是否在岗", "在岗",   "人员状态",
                                               "状态",     "active", NULL };
static const char *const speciality_headings[] = { "业务专长", "专长",   "执法领域",
                                                   "标签",     "labels", NULL };

static const SuijiImportField inspector_fields[] = {
  { "name", "姓名", TRUE, inspector_name_headings },
  { "badge", "执法证号", TRUE, badge_headings },
  { "valid-until", "有效期至", FALSE, valid_headings },
  { "department", "所属部门", FALSE, department_headings },
  { "post", "职务", FALSE, post_headings },
  { "active", "是否在岗", FALSE, active_headings },
  { "labels", "业务专长", FALSE, speciality_headings },
};

static const char *const item_name_headings[] = {
  "抽查事项", "事项名称", "检查事项", "抽查事项名称", "事项", "item", NULL
};
static const char *const category_headings[] = { "事项类别", "抽查类别", "类别", "category", NULL };
static const char *const item_subject_headings[] = { "检查对象", "抽查对象", "对象类型", NULL };
static const char *const method_headings[] = { "检查方式", "抽查方式", "方式", "method", NULL };
static const char *const basis_headings[] = { "检查依据", "抽查依据", "法律依据",
                                              "依据",     "basis",    NULL };

static const SuijiImportField item_fields[] = {
  { "department", "实施部门", FALSE, department_headings },
  { "name", "抽查事项", TRUE, item_name_headings },
  { "category", "事项类别", FALSE, category_headings },
  { "subject-type", "检查对象", FALSE, item_subject_headings },
  { "method", "检查方式", FALSE, method_headings },
  { "basis", "检查依据", FALSE, basis_headings },
};

static const char *const directory_names[] = { "subjects", "inspectors", "items" };

const char *
suiji_directory_to_string (SuijiDirectory kind)
{
  g_return_val_if_fail (kind <= SUIJI_DIRECTORY_ITEMS, NULL);

  return directory_names[kind];
}

gboolean
suiji_directory_from_string (const char *text, SuijiDirectory *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (directory_names); i++)
    {
      if (g_strcmp0 (text, directory_names[i]) == 0)
        {
          *kind = (SuijiDirectory) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * suiji_import_get_fields:
 *
 * Returns: (array length=n_fields): the fields of a directory, in the order
 *   exports write them
 */
const SuijiImportField *
suiji_import_get_fields (SuijiDirectory kind, guint *n_fields)
{
  switch (kind)
    {
    case SUIJI_DIRECTORY_INSPECTORS:
      *n_fields = G_N_ELEMENTS (inspector_fields);
      return inspector_fields;
    case SUIJI_DIRECTORY_ITEMS:
      *n_fields = G_N_ELEMENTS (item_fields);
      return item_fields;
    case SUIJI_DIRECTORY_SUBJECTS:
    default:
      *n_fields = G_N_ELEMENTS (subject_fields);
      return subject_fields;
    }
}

/* Maps the columns of @row onto fields, best heading match first, each
 * column and each field used once. Returns how many fields it mapped. */
static guint
guess_columns (SuijiImport *self, guint row, int *columns)
{
  guint                          n_columns = suiji_table_get_n_columns (self->table);
  g_autofree const char        **cells = g_new0 (const char *, n_columns + 1);
  g_autofree const char *const **headings = g_new0 (const char *const *, self->n_fields + 1);

  for (guint c = 0; c < n_columns; c++)
    cells[c] = suiji_table_get_cell (self->table, row, c);
  for (guint f = 0; f < self->n_fields; f++)
    headings[f] = self->fields[f].headings;

  return suiji_fields_guess_columns (headings, self->n_fields, cells, n_columns, columns);
}

static gboolean
row_is_empty (SuijiTable *table, guint row)
{
  guint n_columns = suiji_table_get_n_columns (table);

  for (guint c = 0; c < n_columns; c++)
    {
      const char *cell = suiji_table_get_cell (table, row, c);

      for (const char *p = cell; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar ch = g_utf8_get_char (p);
          if (!g_unichar_isspace (ch) && ch != 0x3000)
            return FALSE;
        }
    }

  return TRUE;
}

/* The shape of a file is its cleaned header row: files exported by the
 * same system share it, and so share their mapping. */
static char *
dup_shape (SuijiImport *self)
{
  g_autoptr (GString) text = g_string_new (NULL);
  guint n_columns = suiji_table_get_n_columns (self->table);

  for (guint c = 0; c < n_columns; c++)
    {
      g_autofree char *heading =
          suiji_fields_clean_heading (suiji_table_get_cell (self->table, self->header_row, c));
      g_string_append_printf (text, "%s\t", heading);
    }

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, text->len);
}

static void
load_remembered_mapping (SuijiImport *self)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *shape = dup_shape (self);
  g_auto (GStrv) pairs = NULL;

  self->remembered = FALSE;
  stmt = _suiji_database_prepare (
      self->db, "SELECT mapping FROM import_mappings WHERE kind = ?1 AND shape = ?2", NULL);
  if (stmt == NULL)
    return;

  sqlite3_bind_text (stmt, 1, suiji_directory_to_string (self->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, shape, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return;

  pairs = g_strsplit (_suiji_column_text (stmt, 0), ";", -1);
  for (guint f = 0; f < self->n_fields; f++)
    self->columns[f] = -1;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (pairs[i], "=", 2);

      if (g_strv_length (pair) != 2)
        continue;
      for (guint f = 0; f < self->n_fields; f++)
        if (g_str_equal (self->fields[f].id, pair[0]))
          self->columns[f] = (int) g_ascii_strtoll (pair[1], NULL, 10);
    }

  self->remembered = TRUE;
}

static void
remember_mapping (SuijiImport *self)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GString) mapping = g_string_new (NULL);
  g_autofree char *shape = dup_shape (self);

  for (guint f = 0; f < self->n_fields; f++)
    if (self->columns[f] >= 0)
      g_string_append_printf (mapping, "%s%s=%d", mapping->len > 0 ? ";" : "", self->fields[f].id,
                              self->columns[f]);

  stmt = _suiji_database_prepare (
      self->db,
      "INSERT INTO import_mappings (kind, shape, mapping) VALUES (?1, ?2, ?3)"
      " ON CONFLICT (kind, shape) DO UPDATE SET mapping = excluded.mapping",
      NULL);
  if (stmt == NULL)
    return;

  sqlite3_bind_text (stmt, 1, suiji_directory_to_string (self->kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, shape, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, mapping->str, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    g_warning ("Could not remember the column mapping: %s",
               sqlite3_errmsg (_suiji_database_get_handle (self->db)));
}

static void
invalidate (SuijiImport *self)
{
  self->validated = FALSE;
  g_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->problems, 0);
}

/**
 * suiji_import_new:
 * @table: (transfer full): the file's cells
 * @file_name: the file, as messages name it
 *
 * Finds the header row and guesses the mapping, or takes the one the user
 * chose last time for a file of this shape.
 *
 * Returns: (transfer full): the import
 */
SuijiImport *
suiji_import_new (SuijiDatabase *db, SuijiDirectory kind, SuijiTable *table, const char *file_name)
{
  SuijiImport *self = g_new0 (SuijiImport, 1);
  guint        best_row = 0;
  guint        best_count = 0;
  gboolean     found_first = FALSE;
  guint        n_rows;

  self->db = g_object_ref (db);
  self->kind = kind;
  self->table = table;
  self->file_name = g_strdup (file_name);
  self->fields = suiji_import_get_fields (kind, &self->n_fields);
  self->columns = g_new (int, self->n_fields);
  self->rows = g_array_new (FALSE, FALSE, sizeof (RowState));
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) problem_free);
  self->departments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->field_ids = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint f = 0; f < self->n_fields; f++)
    {
      g_hash_table_insert (self->field_ids, (gpointer) self->fields[f].id,
                           GINT_TO_POINTER ((int) f));
      g_hash_table_insert (self->field_ids, (gpointer) self->fields[f].title,
                           GINT_TO_POINTER ((int) f));
    }

  n_rows = MIN (suiji_table_get_n_rows (table), MAX_HEADER_SEARCH_ROWS);
  for (guint row = 0; row < n_rows; row++)
    {
      guint count;

      if (row_is_empty (table, row))
        continue;
      if (!found_first)
        best_row = row;
      found_first = TRUE;

      count = guess_columns (self, row, self->columns);
      if (count > best_count)
        {
          best_count = count;
          best_row = row;
        }
    }

  suiji_import_set_header_row (self, best_row);
  return self;
}

void
suiji_import_free (SuijiImport *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->db);
  g_clear_pointer (&self->table, suiji_table_free);
  g_clear_pointer (&self->file_name, g_free);
  g_clear_pointer (&self->columns, g_free);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->departments, g_hash_table_unref);
  g_clear_pointer (&self->field_ids, g_hash_table_unref);
  g_clear_pointer (&self->class_codes, g_strfreev);
  g_free (self);
}

/**
 * suiji_import_set_database:
 *
 * Moves the import to another connection to the same file: a worker
 * thread validates and writes through a connection of its own.
 */
void
suiji_import_set_database (SuijiImport *self, SuijiDatabase *db)
{
  g_set_object (&self->db, db);
}

SuijiTable *
suiji_import_get_table (SuijiImport *self)
{
  return self->table;
}

guint
suiji_import_get_header_row (SuijiImport *self)
{
  return self->header_row;
}

/**
 * suiji_import_set_header_row:
 *
 * Takes @table_row as the header: guesses the mapping from it again, or
 * applies the remembered one.
 */
void
suiji_import_set_header_row (SuijiImport *self, guint table_row)
{
  g_return_if_fail (table_row < MAX (suiji_table_get_n_rows (self->table), 1));

  self->header_row = table_row;
  guess_columns (self, table_row, self->columns);
  load_remembered_mapping (self);
  invalidate (self);
}

int
suiji_import_get_column (SuijiImport *self, guint field)
{
  g_return_val_if_fail (field < self->n_fields, -1);

  return self->columns[field];
}

/**
 * suiji_import_set_column:
 * @column: a column of the table, or -1 for "not in this file"
 */
void
suiji_import_set_column (SuijiImport *self, guint field, int column)
{
  g_return_if_fail (field < self->n_fields);

  /* A column feeds one field: taking it away from another is what the
   * user means when choosing it twice. */
  for (guint f = 0; column >= 0 && f < self->n_fields; f++)
    if (self->columns[f] == column)
      self->columns[f] = -1;

  self->columns[field] = column;
  invalidate (self);
}

/**
 * suiji_import_get_remembered:
 *
 * Returns: whether the mapping is the one saved for files of this shape
 */
gboolean
suiji_import_get_remembered (SuijiImport *self)
{
  return self->remembered;
}

static int
find_field (SuijiImport *self, const char *name)
{
  gpointer index;

  /* Rows ask for their fields by id many times: the lookup is a hash. */
  if (g_hash_table_lookup_extended (self->field_ids, name, NULL, &index))
    return GPOINTER_TO_INT (index);

  for (guint f = 0; f < self->n_fields; f++)
    if (g_str_equal (self->fields[f].id, name) || g_str_equal (self->fields[f].title, name))
      return (int) f;

  return -1;
}

/**
 * suiji_import_apply_map_spec:
 * @spec: "heading=field,…", where heading is a column heading of the file
 *   (or a column letter such as "C", or its 1-based number) and field a
 *   field id (key, name, class …) or its Chinese title; "heading=" leaves
 *   a field out
 */
gboolean
suiji_import_apply_map_spec (SuijiImport *self, const char *spec, GError **error)
{
  g_auto (GStrv) pairs = g_strsplit (spec, ",", -1);
  guint n_columns = suiji_table_get_n_columns (self->table);

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (pairs[i], "=", 2);
      g_autofree char *heading = NULL;
      g_autofree char *field_name = NULL;
      int              field;
      int              column = -1;

      if (g_strv_length (pair) != 2)
        {
          g_set_error (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_BAD_MAP_SPEC,
                       _("“%s” in the mapping is not of the form heading=field."), pairs[i]);
          return FALSE;
        }

      heading = suiji_fields_clean_heading (pair[0]);
      field_name = g_strstrip (g_strdup (pair[1]));
      field = find_field (self, field_name);
      if (field < 0 && *field_name != '\0')
        {
          g_autoptr (GString) known = g_string_new (NULL);

          for (guint f = 0; f < self->n_fields; f++)
            g_string_append_printf (known, "%s%s", f > 0 ? ", " : "", self->fields[f].id);
          g_set_error (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_BAD_MAP_SPEC,
                       _("“%s” is not a field of this directory; the fields are %s."), field_name,
                       known->str);
          return FALSE;
        }

      for (guint c = 0; c < n_columns && column < 0; c++)
        {
          g_autofree char *cell =
              suiji_fields_clean_heading (suiji_table_get_cell (self->table, self->header_row, c));
          if (g_str_equal (cell, heading))
            column = (int) c;
        }

      /* A column letter or number, for files without a usable header. */
      if (column < 0 && *heading != '\0' &&
          strspn (heading, "abcdefghijklmnopqrstuvwxyz") == strlen (heading) &&
          strlen (heading) <= 2)
        {
          column = 0;
          for (const char *p = heading; *p != '\0'; p++)
            column = column * 26 + (*p - 'a' + 1);
          column -= 1;
        }
      else if (column < 0 && *heading != '\0' && strspn (heading, "0123456789") == strlen (heading))
        column = (int) g_ascii_strtoll (heading, NULL, 10) - 1;

      if (column < 0 || (guint) column >= MAX (n_columns, 1))
        {
          g_set_error (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_BAD_MAP_SPEC,
                       _("The file has no column headed “%s” (header row %u)."), pair[0],
                       suiji_table_get_source_row (self->table, self->header_row));
          return FALSE;
        }

      if (field < 0)
        {
          for (guint f = 0; f < self->n_fields; f++)
            if (self->columns[f] == column)
              self->columns[f] = -1;
        }
      else
        suiji_import_set_column (self, (guint) field, column);
    }

  invalidate (self);
  return TRUE;
}

/**
 * suiji_import_check_mapping:
 *
 * Returns: whether every required field has a column; if not, @error
 *   names the first missing one
 */
gboolean
suiji_import_check_mapping (SuijiImport *self, GError **error)
{
  for (guint f = 0; f < self->n_fields; f++)
    {
      if (self->fields[f].required && self->columns[f] < 0)
        {
          g_autofree char *display = g_filename_display_basename (self->file_name);

          g_set_error (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_MAPPING,
                       _("%s: no column was found for “%s” (header row %u). Choose the column "
                          "that holds it."),
                       display, self->fields[f].title,
                       suiji_table_get_source_row (self->table, self->header_row));
          return FALSE;
        }
    }

  return TRUE;
}

static void G_GNUC_PRINTF (5, 6)
    add_problem (SuijiImport *self, guint row, int field, gboolean warning, const char *format, ...)
{
  SuijiImportProblem *problem = g_new0 (SuijiImportProblem, 1);
  va_list             args;

  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  problem->row = row;
  problem->field = field;
  problem->warning = warning;
  g_ptr_array_add (self->problems, problem);

  g_array_index (self->rows, RowState, row).flags |= warning ? ROW_WARNED : ROW_REJECTED;
}

/* The cleaned text of a field in a row; NULL when the field has no column
 * or the cell is empty: "not given". */
static char *
field_text (SuijiImport *self, guint table_row, const char *field_id)
{
  int   field = find_field (self, field_id);
  char *text;

  if (field < 0 || self->columns[field] < 0)
    return NULL;

  text = suiji_fields_clean_text (
      suiji_table_get_cell (self->table, table_row, (guint) self->columns[field]));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static GStrv
split_labels (const char *text)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) parts = NULL;

  if (text == NULL)
    return NULL;

  parts = g_regex_split_simple ("[,，、;；/|\\s]+", text, 0, 0);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);

  return g_strv_builder_end (builder);
}

static void
load_departments (SuijiImport *self)
{
  g_autoptr (GListModel) departments = suiji_department_list_all (self->db, NULL);

  g_hash_table_remove_all (self->departments);
  for (guint i = 0; departments != NULL && i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr (SuijiDepartment) department = g_list_model_get_item (departments, i);
      gpointer id = GINT_TO_POINTER ((int) suiji_department_get_id (department));

      g_hash_table_insert (self->departments, g_strdup (suiji_department_get_name (department)),
                           id);
      if (*suiji_department_get_short_name (department) != '\0')
        g_hash_table_insert (self->departments,
                             g_strdup (suiji_department_get_short_name (department)), id);
    }
}

/* The department of a row: its id, 0 for an empty cell (none), -1 when the
 * column is not mapped, or -2 for a name not yet known (added on commit). */
static gint64
row_department (SuijiImport *self, guint row, guint table_row, gboolean report)
{
  g_autofree char *name = field_text (self, table_row, "department");
  int              field = find_field (self, "department");
  gpointer         id;

  if (self->columns[field] < 0)
    return -1;
  if (name == NULL)
    return -1;

  if (g_hash_table_lookup_extended (self->departments, name, NULL, &id))
    return GPOINTER_TO_INT (id);

  if (report)
    add_problem (self, row, field, TRUE,
                 _("The department “%s” is not in the list yet; it will be added."), name);
  return -2;
}

static gboolean
check_length (SuijiImport *self, guint row, const char *field_id, const char *text, gboolean report)
{
  if (text != NULL && g_utf8_strlen (text, -1) > MAX_CELL_CHARS)
    {
      if (report)
        add_problem (self, row, find_field (self, field_id), FALSE,
                     _("The text is longer than %d characters; is this the right column?"),
                     MAX_CELL_CHARS);
      return FALSE;
    }

  return TRUE;
}

/* Reads a subject from a row. With @report, every problem is recorded
 * against the row; either way the return value says whether the row can
 * be written. */
static gboolean
subject_from_row (
    SuijiImport *self, guint row, guint table_row, SuijiSubjectRecord *record, gboolean report)
{
  g_autofree char *raw_key = field_text (self, table_row, "key");
  g_autofree char *type = field_text (self, table_row, "type");
  g_autofree char *status = field_text (self, table_row, "status");
  g_autofree char *credit_class = field_text (self, table_row, "class");
  g_autofree char *class_date = field_text (self, table_row, "class-date");
  g_autofree char *labels = field_text (self, table_row, "labels");
  gboolean         ok = TRUE;

  record->key = raw_key != NULL ? suiji_subject_key_normalize (raw_key) : g_strdup ("");
  record->name = field_text (self, table_row, "name");
  record->industry = field_text (self, table_row, "industry");
  record->region = field_text (self, table_row, "region");
  record->address = field_text (self, table_row, "address");
  record->labels = split_labels (labels);
  record->department_id = row_department (self, row, table_row, report);

  if (*record->key == '\0')
    {
      ok = FALSE;
      if (report)
        add_problem (
            self, row, find_field (self, "key"), FALSE,
            _("The credit code (or registration number) is empty; every subject needs one."));
    }
  else if (!g_str_is_ascii (record->key) ||
           strspn (record->key, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen (record->key))
    {
      ok = FALSE;
      if (report)
        add_problem (self, row, find_field (self, "key"), FALSE,
                     _("“%s” is neither a credit code nor a registration number: only digits and "
                        "letters belong in it."),
                     raw_key);
    }
  else if (suiji_credit_code_looks_like (record->key))
    {
      char                  expected = '\0';
      SuijiCreditCodeStatus code_status = suiji_credit_code_check (record->key, &expected);

      if (code_status == SUIJI_CREDIT_CODE_BAD_CHECK_CHARACTER && report)
        add_problem (self, row, find_field (self, "key"), TRUE,
                     _("The check character of %s should be %c; the subject is kept and flagged."),
                     record->key, expected);
      else if (code_status == SUIJI_CREDIT_CODE_BAD_CHARACTER && report)
        add_problem (
            self, row, find_field (self, "key"), TRUE,
            _("%s holds characters a credit code cannot have (I, O, S, V, Z); the subject is "
               "kept and flagged."),
            record->key);
    }

  if (record->name == NULL)
    {
      ok = FALSE;
      if (report)
        add_problem (self, row, find_field (self, "name"), FALSE, _("The name is empty."));
    }

  if (type != NULL)
    {
      const char *normalized = suiji_fields_normalize_subject_type (type);

      if (normalized == NULL)
        {
          ok = FALSE;
          if (report)
            add_problem (
                self, row, find_field (self, "type"), FALSE,
                _("“%s” is not a subject type: write 企业, 个体工商户, 农民专业合作社 or 其他."),
                type);
        }
      record->subject_type = g_strdup (normalized);
    }

  if (status != NULL)
    {
      const char *normalized = suiji_fields_normalize_status (status);

      if (normalized == NULL)
        {
          ok = FALSE;
          if (report)
            add_problem (self, row, find_field (self, "status"), FALSE,
                         _("“%s” is not a registration status: write 存续, 在业, 停业, 注销, "
                            "吊销, 撤销 or 迁出."),
                         status);
        }
      record->status = g_strdup (normalized);
    }

  if (credit_class != NULL)
    {
      record->credit_class = suiji_fields_normalize_credit_class (
          credit_class, (const char *const *) self->class_codes);
      if (record->credit_class == NULL)
        {
          g_autofree char *codes = g_strjoinv (", ", self->class_codes);

          ok = FALSE;
          if (report)
            add_problem (self, row, find_field (self, "class"), FALSE,
                         _("“%s” is not a credit-risk class: write one of %s (or 低风险, "
                            "一般风险, 较高风险, "
                            "高风险), or leave it empty."),
                         credit_class, codes);
        }
    }

  if (class_date != NULL)
    {
      record->credit_class_date = suiji_fields_normalize_date (class_date);
      if (record->credit_class_date == NULL)
        {
          ok = FALSE;
          if (report)
            add_problem (self, row, find_field (self, "class-date"), FALSE,
                         _("“%s” is not a date: write it as 2025-03-01."), class_date);
        }
    }

  ok = check_length (self, row, "name", record->name, report) && ok;
  ok = check_length (self, row, "address", record->address, report) && ok;
  return ok;
}

static gboolean
inspector_from_row (
    SuijiImport *self, guint row, guint table_row, SuijiInspectorRecord *record, gboolean report)
{
  g_autofree char *valid = field_text (self, table_row, "valid-until");
  g_autofree char *active = field_text (self, table_row, "active");
  g_autofree char *labels = field_text (self, table_row, "labels");
  g_autofree char *badge = field_text (self, table_row, "badge");
  gboolean         ok = TRUE;

  record->name = field_text (self, table_row, "name");
  record->badge = badge != NULL ? suiji_subject_key_normalize (badge) : g_strdup ("");
  record->post = field_text (self, table_row, "post");
  record->labels = split_labels (labels);
  record->department_id = row_department (self, row, table_row, report);
  record->active = -1;

  if (*record->badge == '\0')
    {
      ok = FALSE;
      if (report)
        add_problem (self, row, find_field (self, "badge"), FALSE,
                     _("The badge number is empty."));
    }

  if (record->name == NULL)
    {
      ok = FALSE;
      if (report)
        add_problem (self, row, find_field (self, "name"), FALSE, _("The name is empty."));
    }

  if (valid != NULL)
    {
      record->badge_valid_until = suiji_fields_normalize_date (valid);
      if (record->badge_valid_until == NULL)
        {
          ok = FALSE;
          if (report)
            add_problem (self, row, find_field (self, "valid-until"), FALSE,
                         _("“%s” is not a date: write it as 2025-03-01."), valid);
        }
    }

  if (active != NULL)
    {
      record->active = suiji_fields_parse_boolean (active);
      if (record->active < 0)
        {
          ok = FALSE;
          if (report)
            add_problem (self, row, find_field (self, "active"), FALSE,
                         _("“%s” does not say whether the inspector is active: write 是 or 否."),
                         active);
        }
    }

  return ok;
}

static gboolean
item_from_row (
    SuijiImport *self, guint row, guint table_row, SuijiItemRecord *record, gboolean report)
{
  g_autofree char *category = field_text (self, table_row, "category");
  gboolean         ok = TRUE;

  record->name = field_text (self, table_row, "name");
  record->subject_type = field_text (self, table_row, "subject-type");
  record->method = field_text (self, table_row, "method");
  record->legal_basis = field_text (self, table_row, "basis");
  record->department_id = row_department (self, row, table_row, report);

  if (record->name == NULL)
    {
      ok = FALSE;
      if (report)
        add_problem (self, row, find_field (self, "name"), FALSE, _("The item name is empty."));
    }

  if (category != NULL)
    {
      record->category = g_strdup (suiji_fields_normalize_item_category (category));
      if (record->category == NULL)
        {
          ok = FALSE;
          if (report)
            add_problem (self, row, find_field (self, "category"), FALSE,
                         _("“%s” is not an item category: write 一般 or 重点."), category);
        }
    }

  ok = check_length (self, row, "basis", record->legal_basis, report) && ok;
  return ok;
}

static void
clear_subject (SuijiSubjectRecord *record)
{
  g_free (record->key);
  g_free (record->name);
  g_free (record->subject_type);
  g_free (record->industry);
  g_free (record->region);
  g_free (record->address);
  g_free (record->status);
  g_free (record->credit_class);
  g_free (record->credit_class_date);
  g_strfreev (record->labels);
  memset (record, 0, sizeof *record);
}

static void
clear_inspector (SuijiInspectorRecord *record)
{
  g_free (record->name);
  g_free (record->badge);
  g_free (record->badge_valid_until);
  g_free (record->post);
  g_strfreev (record->labels);
  memset (record, 0, sizeof *record);
}

static void
clear_item (SuijiItemRecord *record)
{
  g_free (record->name);
  g_free (record->category);
  g_free (record->subject_type);
  g_free (record->method);
  g_free (record->legal_basis);
  memset (record, 0, sizeof *record);
}

/* The natural key of a row, to find the same subject twice in one file. */
static char *
row_key (SuijiImport *self, guint table_row)
{
  switch (self->kind)
    {
    case SUIJI_DIRECTORY_SUBJECTS:
      {
        g_autofree char *raw = field_text (self, table_row, "key");
        return raw != NULL ? suiji_subject_key_normalize (raw) : NULL;
      }
    case SUIJI_DIRECTORY_INSPECTORS:
      {
        g_autofree char *raw = field_text (self, table_row, "badge");
        return raw != NULL ? suiji_subject_key_normalize (raw) : NULL;
      }
    case SUIJI_DIRECTORY_ITEMS:
    default:
      {
        g_autofree char *department = field_text (self, table_row, "department");
        g_autofree char *name = field_text (self, table_row, "name");
        return name != NULL ? g_strdup_printf ("%s\t%s", department != NULL ? department : "", name)
                            : NULL;
      }
    }
}

/* Which keys the directory holds already, to tell new rows from updates. */
static GHashTable *
load_existing_keys (SuijiImport *self)
{
  const char *sql[] = {
    "SELECT key FROM subjects",
    "SELECT badge FROM inspectors",
    "SELECT coalesce(d.name, '') || char(9) || it.name FROM items it"
    " LEFT JOIN departments d ON d.id = it.department_id",
  };
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (self->db, sql[self->kind], NULL);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (keys, g_strdup (_suiji_column_text (stmt, 0)));

  return keys;
}

/**
 * suiji_import_validate:
 *
 * Checks every data row; afterwards suiji_import_get_problems() lists what
 * is wrong, by row and field.
 */
gboolean
suiji_import_validate (SuijiImport *self, GCancellable *cancellable, GError **error)
{
  g_autoptr (GHashTable) existing = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_table_rows = suiji_table_get_n_rows (self->table);
  int   key_field = self->kind == SUIJI_DIRECTORY_SUBJECTS     ? find_field (self, "key")
                    : self->kind == SUIJI_DIRECTORY_INSPECTORS ? find_field (self, "badge")
                                                               : find_field (self, "name");

  if (!suiji_import_check_mapping (self, error))
    return FALSE;

  invalidate (self);
  g_clear_pointer (&self->class_codes, g_strfreev);
  self->class_codes = suiji_credit_class_codes (self->db, error);
  if (self->class_codes == NULL)
    return FALSE;
  load_departments (self);
  existing = load_existing_keys (self);

  for (guint table_row = self->header_row + 1; table_row < n_table_rows; table_row++)
    {
      g_autofree char *key = NULL;
      RowState         state = { table_row, 0 };
      guint            row = self->rows->len;
      gpointer         first_row;

      if (row_is_empty (self->table, table_row))
        continue;

      if (row % 4096 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          invalidate (self);
          return FALSE;
        }

      g_array_append_val (self->rows, state);

      switch (self->kind)
        {
        case SUIJI_DIRECTORY_SUBJECTS:
          {
            SuijiSubjectRecord record = { 0 };
            subject_from_row (self, row, table_row, &record, TRUE);
            clear_subject (&record);
            break;
          }
        case SUIJI_DIRECTORY_INSPECTORS:
          {
            SuijiInspectorRecord record = { 0 };
            inspector_from_row (self, row, table_row, &record, TRUE);
            clear_inspector (&record);
            break;
          }
        case SUIJI_DIRECTORY_ITEMS:
        default:
          {
            SuijiItemRecord record = { 0 };
            item_from_row (self, row, table_row, &record, TRUE);
            clear_item (&record);
            break;
          }
        }

      key = row_key (self, table_row);
      if (key == NULL)
        continue;

      if (g_hash_table_lookup_extended (seen, key, NULL, &first_row))
        add_problem (
            self, row, key_field, FALSE,
            _("The same entry is already on row %u of the file; keep one of the two rows."),
            suiji_table_get_source_row (self->table, GPOINTER_TO_UINT (first_row)));
      else
        g_hash_table_insert (seen, g_steal_pointer (&key), GUINT_TO_POINTER (table_row));

      if (!(g_array_index (self->rows, RowState, row).flags & ROW_REJECTED))
        {
          g_autofree char *lookup = row_key (self, table_row);
          if (!g_hash_table_contains (existing, lookup))
            g_array_index (self->rows, RowState, row).flags |= ROW_NEW;
        }
    }

  self->validated = TRUE;
  return TRUE;
}

guint
suiji_import_get_n_rows (SuijiImport *self)
{
  return self->rows->len;
}

guint
suiji_import_get_table_row (SuijiImport *self, guint row)
{
  g_return_val_if_fail (row < self->rows->len, 0);

  return g_array_index (self->rows, RowState, row).table_row;
}

gboolean
suiji_import_row_is_rejected (SuijiImport *self, guint row)
{
  g_return_val_if_fail (row < self->rows->len, TRUE);

  return (g_array_index (self->rows, RowState, row).flags & ROW_REJECTED) != 0;
}

/**
 * suiji_import_get_problems:
 *
 * Returns: (transfer none) (element-type SuijiImportProblem): the problems
 *   found, in row order
 */
GPtrArray *
suiji_import_get_problems (SuijiImport *self)
{
  return self->problems;
}

/**
 * suiji_import_get_counts:
 *
 * What a commit of the good rows would do: how many are new, updates,
 * rejected, and how many carry a warning.
 */
void
suiji_import_get_counts (SuijiImport *self, SuijiImportSummary *counts)
{
  memset (counts, 0, sizeof *counts);

  for (guint i = 0; i < self->rows->len; i++)
    {
      guint flags = g_array_index (self->rows, RowState, i).flags;

      if (flags & ROW_REJECTED)
        counts->rejected++;
      else if (flags & ROW_NEW)
        counts->added++;
      else
        counts->updated++;

      if (flags & ROW_WARNED)
        counts->warnings++;
    }
}

/**
 * suiji_import_describe_problem:
 *
 * Returns: (transfer full): "FILE: row N, FIELD: message", the line users
 *   and scripts read
 */
char *
suiji_import_describe_problem (SuijiImport *self, const SuijiImportProblem *problem)
{
  g_autofree char *display = g_filename_display_basename (self->file_name);
  guint            source_row =
      suiji_table_get_source_row (self->table, suiji_import_get_table_row (self, problem->row));

  if (problem->field >= 0)
    return g_strdup_printf (_("%s: row %u, %s: %s"), display, source_row,
                            self->fields[problem->field].title, problem->message);

  return g_strdup_printf (_("%s: row %u: %s"), display, source_row, problem->message);
}

static gint64
ensure_department (SuijiImport *self, guint table_row, GError **error)
{
  g_autofree char *name = field_text (self, table_row, "department");
  gint64           id;

  id = suiji_department_ensure (self->db, name, NULL, FALSE, error);
  if (id != 0)
    g_hash_table_insert (self->departments, g_steal_pointer (&name), GINT_TO_POINTER ((int) id));

  return id;
}

static gboolean
write_rows (SuijiImport        *self,
            GCancellable       *cancellable,
            SuijiImportProgress progress,
            gpointer            user_data,
            SuijiImportSummary *summary,
            GError            **error)
{
  g_autoptr (SuijiSubjectWriter) subjects = NULL;
  g_autoptr (SuijiInspectorWriter) inspectors = NULL;
  g_autoptr (SuijiItemWriter) items = NULL;

  if ((self->kind == SUIJI_DIRECTORY_SUBJECTS &&
       !(subjects = suiji_subject_writer_new (self->db, error))) ||
      (self->kind == SUIJI_DIRECTORY_INSPECTORS &&
       !(inspectors = suiji_inspector_writer_new (self->db, error))) ||
      (self->kind == SUIJI_DIRECTORY_ITEMS && !(items = suiji_item_writer_new (self->db, error))))
    return FALSE;

  for (guint row = 0; row < self->rows->len; row++)
    {
      RowState *state = &g_array_index (self->rows, RowState, row);
      gboolean  added = FALSE;
      gint64    id = 0;

      if (row % 1000 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL)
            progress (row, self->rows->len, user_data);
        }

      if (state->flags & ROW_REJECTED)
        continue;

      switch (self->kind)
        {
        case SUIJI_DIRECTORY_SUBJECTS:
          {
            SuijiSubjectRecord record = { 0 };

            subject_from_row (self, row, state->table_row, &record, FALSE);
            if (record.department_id == -2)
              record.department_id = ensure_department (self, state->table_row, error);
            if (record.department_id != 0)
              id = suiji_subject_writer_write (subjects, &record, &added, error);
            clear_subject (&record);
            break;
          }
        case SUIJI_DIRECTORY_INSPECTORS:
          {
            SuijiInspectorRecord record = { 0 };

            inspector_from_row (self, row, state->table_row, &record, FALSE);
            if (record.department_id == -2)
              record.department_id = ensure_department (self, state->table_row, error);
            if (record.department_id != 0)
              id = suiji_inspector_writer_write (inspectors, &record, &added, error);
            clear_inspector (&record);
            break;
          }
        case SUIJI_DIRECTORY_ITEMS:
        default:
          {
            SuijiItemRecord record = { 0 };

            item_from_row (self, row, state->table_row, &record, FALSE);
            if (record.department_id == -2)
              record.department_id = ensure_department (self, state->table_row, error);
            if (record.department_id != 0)
              id = suiji_item_writer_write (items, &record, &added, error);
            clear_item (&record);
            break;
          }
        }

      if (id == 0)
        {
          g_autofree char *display = g_filename_display_basename (self->file_name);

          g_prefix_error (error, _("%s: row %u: "), display,
                          suiji_table_get_source_row (self->table, state->table_row));
          return FALSE;
        }

      if (added)
        summary->added++;
      else
        summary->updated++;
    }

  if (progress != NULL)
    progress (self->rows->len, self->rows->len, user_data);

  return TRUE;
}

/* A subjects' import of many rows, as many as half the directory or more,
 * goes in without the indexes that only speed up reading and builds them
 * after, in the same transaction: 100 000 new subjects in 1.5 s rather
 * than 2.2 s. Fewer rows into a large directory keep them, as building
 * them again would cost more than it saves. */
#define LARGE_IMPORT_ROWS 5000

static gboolean
set_indexes_aside (SuijiImport *self, guint n_rows, GStrv *rebuild, GError **error)
{
  g_autoptr (sqlite3_stmt) count = NULL;
  gint64 n_subjects;

  *rebuild = NULL;
  if (self->kind != SUIJI_DIRECTORY_SUBJECTS || n_rows < LARGE_IMPORT_ROWS)
    return TRUE;

  count = _suiji_database_prepare (self->db, "SELECT count(*) FROM subjects", error);
  if (count == NULL)
    return FALSE;
  n_subjects = sqlite3_step (count) == SQLITE_ROW ? sqlite3_column_int64 (count, 0) : G_MAXINT64;
  /* A statement left reading would lock the schema against the drops. */
  g_clear_pointer (&count, sqlite3_finalize);
  if ((gint64) n_rows * 2 < n_subjects)
    return TRUE;

  *rebuild = _suiji_database_drop_plain_indexes (self->db, "subjects", error);
  return *rebuild != NULL;
}

/**
 * suiji_import_commit:
 * @mode: write the good rows, or nothing at all when any row is rejected
 * @progress: (nullable) (scope call): told every thousand rows
 *
 * Writes the rows in one transaction: new entries are added, existing ones
 * (by credit code, badge number, or department and item name) updated.
 * Cancelling rolls everything back. On success the column mapping is
 * remembered for the next file of the same shape.
 */
gboolean
suiji_import_commit (SuijiImport        *self,
                     SuijiImportMode     mode,
                     GCancellable       *cancellable,
                     SuijiImportProgress progress,
                     gpointer            user_data,
                     SuijiImportSummary *summary,
                     GError            **error)
{
  g_autoptr (GError) local_error = NULL;
  g_auto (GStrv) rebuild = NULL;
  SuijiImportSummary counts;

  memset (summary, 0, sizeof *summary);

  if (!self->validated && !suiji_import_validate (self, cancellable, error))
    return FALSE;

  suiji_import_get_counts (self, &counts);
  summary->rejected = counts.rejected;
  summary->warnings = counts.warnings;

  if (mode == SUIJI_IMPORT_ALL_OR_NOTHING && counts.rejected > 0)
    {
      g_set_error (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_REJECTED_ROWS,
                   g_dngettext (GETTEXT_PACKAGE, "%u row has problems, so nothing was imported.",
                                "%u rows have problems, so nothing was imported.", counts.rejected),
                   counts.rejected);
      return FALSE;
    }

  if (!_suiji_database_begin (self->db, error))
    return FALSE;

  if (!set_indexes_aside (self, counts.added + counts.updated, &rebuild, error))
    {
      _suiji_database_rollback (self->db);
      return FALSE;
    }

  if (!write_rows (self, cancellable, progress, user_data, summary, &local_error) ||
      !_suiji_database_exec_all (self->db, (const char *const *) rebuild, &local_error))
    {
      _suiji_database_rollback (self->db);
      summary->added = summary->updated = 0;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error_literal (error, SUIJI_IMPORT_ERROR, SUIJI_IMPORT_ERROR_CANCELLED,
                             _("The import was cancelled; nothing was changed."));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  remember_mapping (self);

  if (!_suiji_database_commit (self->db, error))
    {
      _suiji_database_rollback (self->db);
      summary->added = summary->updated = 0;
      return FALSE;
    }

  return TRUE;
}

/**
 * suiji_import_write_report:
 *
 * Saves the rows with problems as an xlsx workbook: the file's row number,
 * whether the row was imported, the field, the problem, then the row's own
 * cells under the file's headings, so that the user can fix and import
 * them again.
 */
gboolean
suiji_import_write_report (SuijiImport *self, const char *path, GError **error)
{
  lxw_workbook  *workbook = _suiji_xlsx_open (path, FALSE, error);
  lxw_worksheet *sheet;
  lxw_format    *bold;
  guint          n_columns = suiji_table_get_n_columns (self->table);
  const char    *headings[] = { "行号", "结果", "字段", "问题" };

  if (workbook == NULL)
    return FALSE;

  sheet = workbook_add_worksheet (workbook, "导入问题");
  bold = workbook_add_format (workbook);
  format_set_bold (bold);

  for (guint c = 0; c < G_N_ELEMENTS (headings); c++)
    worksheet_write_string (sheet, 0, (lxw_col_t) c, headings[c], bold);
  for (guint c = 0; c < n_columns; c++)
    worksheet_write_string (sheet, 0, (lxw_col_t) (c + G_N_ELEMENTS (headings)),
                            suiji_table_get_cell (self->table, self->header_row, c), bold);
  worksheet_set_column (sheet, 0, 0, 6, NULL);
  worksheet_set_column (sheet, 1, 2, 12, NULL);
  worksheet_set_column (sheet, 3, 3, 60, NULL);
  worksheet_freeze_panes (sheet, 1, 0);

  for (guint i = 0; i < self->problems->len; i++)
    {
      const SuijiImportProblem *problem = g_ptr_array_index (self->problems, i);
      guint                     table_row = suiji_import_get_table_row (self, problem->row);
      lxw_row_t                 row = (lxw_row_t) (i + 1);

      worksheet_write_number (sheet, row, 0, suiji_table_get_source_row (self->table, table_row),
                              NULL);
      worksheet_write_string (
          sheet, row, 1, suiji_import_row_is_rejected (self, problem->row) ? "未导入" : "已导入",
          NULL);
      worksheet_write_string (sheet, row, 2,
                              problem->field >= 0 ? self->fields[problem->field].title : "", NULL);
      worksheet_write_string (sheet, row, 3, problem->message, NULL);
      for (guint c = 0; c < n_columns; c++)
        worksheet_write_string (sheet, row, (lxw_col_t) (c + G_N_ELEMENTS (headings)),
                                suiji_table_get_cell (self->table, table_row, c), NULL);
    }

  return _suiji_xlsx_close (workbook, path, error);
}
