/* suiji-form-layout.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two monthly forms of the plan as data: every label byte for byte as
 * printed in 沙市监函〔2025〕5号 (the curly quotes of the titles, the
 * full-width brackets and colons, the spaces of the blank date and contact
 * lines), the merges of the platform and item cells, which 总计 rows are
 * computed and which rows are parts of others. The grid, the xlsx sheet,
 * the printed page and the import all read these tables, so they agree.
 */

#define G_LOG_DOMAIN "suiji-form-layout"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "suiji-form-layout.h"

#define HEBEI "河北双随机执法监管平台"
#define OTHER "其他平台"

/* The headings and the lines around the table are the same on both forms. */
#define COMMON_TEXT                                                                                \
  .subtitle = "（本年度累计数据）", .unit_label = "单位名称（盖章）：",                            \
  .date_label = "填表时间：", .platform_heading = "平台", .item_heading = "统计项目",              \
  .data_heading = "截至目前数据",                                                                  \
  .column_headings = { "次数", "抽查\n总户数", "完成检查\n户数", "发现问题\n户数" },               \
  .contact_label = "联系人：", .phone_label = "联系电话：", .mobile_label = "手机："

static const SuijiFormPlatform region_platforms[] = {
  { HEBEI, 1, 8 },
  { OTHER, 9, 3 },
};

#define REGION_ALL "本地区开展随机抽查情况"
#define REGION_MARKET                                                                              \
  "本地区市场监管系统开展随机抽查情况（即市场监管局牵头和参与部门联合包括的抽查）"

/* 附件1. Rows 6–8 (the market-regulation system) are part of rows 1–3;
 * on the other platforms 涉及企业 and 信用风险分级分类 are read as parts of
 * the internal inspections, which the plan does not say in so many words. */
static const SuijiFormRow region_rows[] = {
  { 1, 0, REGION_ALL, "总计", 3, { 2, 3 }, 0, FALSE },
  { 2, 0, REGION_ALL, "部门内部", 0, { 0, 0 }, 0, FALSE },
  { 3, 0, REGION_ALL, "部门联合", 0, { 0, 0 }, 0, FALSE },
  { 4, 0, "本地区涉及企业的随机抽查情况", "总计", 1, { 0, 0 }, 1, FALSE },
  { 5, 0, "本地区利用企业信用风险分级分类开展随机抽查的情况", "总计", 1, { 0, 0 }, 1, FALSE },
  { 6, 0, REGION_MARKET, "总计", 3, { 7, 8 }, 1, FALSE },
  { 7, 0, REGION_MARKET, "部门内部", 0, { 0, 0 }, 2, FALSE },
  { 8, 0, REGION_MARKET, "部门联合", 0, { 0, 0 }, 3, FALSE },
  { 9, 1, "本地区开展部门内部抽查情况", NULL, 1, { 0, 0 }, 0, FALSE },
  { 10, 1, "本地区涉及企业的随机抽查情况", NULL, 1, { 0, 0 }, 9, TRUE },
  { 11, 1, "本地区利用企业信用风险分级分类开展随机抽查情况", NULL, 1, { 0, 0 }, 9, TRUE },
};

static const SuijiFormPlatform department_platforms[] = {
  { HEBEI, 1, 5 },
  { OTHER, 6, 3 },
};

#define DEPARTMENT_ALL "市本级开展随机抽查情况"

/* 附件2. */
static const SuijiFormRow department_rows[] = {
  { 1, 0, DEPARTMENT_ALL, "总计", 3, { 2, 3 }, 0, FALSE },
  { 2, 0, DEPARTMENT_ALL, "部门内部", 0, { 0, 0 }, 0, FALSE },
  { 3, 0, DEPARTMENT_ALL, "部门联合", 0, { 0, 0 }, 0, FALSE },
  { 4, 0, "市本级涉及企业的随机抽查情况", "总计", 1, { 0, 0 }, 1, FALSE },
  { 5, 0, "市本级利用企业信用风险分级分类开展随机抽查的情况", "总计", 1, { 0, 0 }, 1, FALSE },
  { 6, 1, "市本级开展部门内部抽查情况", NULL, 1, { 0, 0 }, 0, FALSE },
  { 7, 1, "市本级涉及企业的随机抽查情况", NULL, 1, { 0, 0 }, 6, TRUE },
  { 8, 1, "市本级利用企业信用风险分级分类开展随机抽查情况", NULL, 1, { 0, 0 }, 6, TRUE },
};

static const SuijiFormLayout layouts[] = {
  {
      .kind = SUIJI_FORM_REGION,
      .attachment = "附件1",
      .title = "沙河市“双随机、一公开”监管月报表",
      .blank_date = "    年  月    日",
      .blank_contact_line = "联系人：           联系电话：           手机：                ",
      COMMON_TEXT,
      .platforms = region_platforms,
      .n_platforms = G_N_ELEMENTS (region_platforms),
      .rows = region_rows,
      .n_rows = G_N_ELEMENTS (region_rows),
  },
  {
      .kind = SUIJI_FORM_DEPARTMENT,
      .attachment = "附件2",
      .title = "市有关部门“双随机、一公开”监管工作月报表",
      .blank_date = "    年   月   日",
      .blank_contact_line = "联系人：               联系电话：           手机：               ",
      COMMON_TEXT,
      .platforms = department_platforms,
      .n_platforms = G_N_ELEMENTS (department_platforms),
      .rows = department_rows,
      .n_rows = G_N_ELEMENTS (department_rows),
  },
};

G_STATIC_ASSERT (G_N_ELEMENTS (region_rows) == SUIJI_FORM_MAX_ROWS);

/* The headings without the line breaks of the paper, for sentences. */
static const char *const column_labels[SUIJI_FORM_N_COLUMNS] = {
  "次数",
  "抽查总户数",
  "完成检查户数",
  "发现问题户数",
};

/* In Excel's character widths: the item column holds the longest labels,
 * each value column fits 完成检查 on a line. */
static const double paper_widths[SUIJI_FORM_PAPER_COLUMNS] = { 12, 46, 9, 11, 11, 11, 11 };

/**
 * suiji_form_layout_get_paper_widths:
 *
 * Returns: (array fixed-size=7): the relative widths of the printed
 *   columns, 平台 to 发现问题户数
 */
const double *
suiji_form_layout_get_paper_widths (void)
{
  return paper_widths;
}

gboolean
suiji_form_kind_is_valid (int kind)
{
  return kind == SUIJI_FORM_REGION || kind == SUIJI_FORM_DEPARTMENT;
}

/**
 * suiji_form_layout_get:
 *
 * Returns: (transfer none): the layout of the form, static data
 */
const SuijiFormLayout *
suiji_form_layout_get (SuijiFormKind kind)
{
  g_return_val_if_fail (suiji_form_kind_is_valid (kind), NULL);

  return &layouts[kind - 1];
}

/**
 * suiji_form_layout_get_row:
 * @number: 1-based, as in the plan's table
 *
 * Returns: (nullable): the row, or %NULL beyond the form's rows
 */
const SuijiFormRow *
suiji_form_layout_get_row (const SuijiFormLayout *layout, guint number)
{
  if (number < 1 || number > layout->n_rows)
    return NULL;

  return &layout->rows[number - 1];
}

/* 总计 = 部门内部 + 部门联合: such a cell is worked out, never typed. */
gboolean
suiji_form_layout_is_computed (const SuijiFormLayout *layout, guint number)
{
  const SuijiFormRow *row = suiji_form_layout_get_row (layout, number);

  return row != NULL && row->total_of[0] != 0;
}

/**
 * suiji_form_column_label:
 *
 * Returns: the heading of a value column on one line, as 抽查总户数
 */
const char *
suiji_form_column_label (SuijiFormColumn column)
{
  g_return_val_if_fail (column < SUIJI_FORM_N_COLUMNS, "");

  return column_labels[column];
}

/**
 * suiji_form_layout_describe_row:
 *
 * Returns: (transfer full): the row as a clerk finds it on the paper, as
 *   “row 4 (市本级涉及企业的随机抽查情况 · 总计)”
 */
char *
suiji_form_layout_describe_row (const SuijiFormLayout *layout, guint number)
{
  const SuijiFormRow *row = suiji_form_layout_get_row (layout, number);

  g_return_val_if_fail (row != NULL, g_strdup (""));

  if (row->sub_item != NULL)
    return g_strdup_printf (_("row %u (%s · %s)"), number, row->item, row->sub_item);

  return g_strdup_printf (_("row %u (%s)"), number, row->item);
}

/**
 * suiji_form_layout_describe_cell:
 *
 * Returns: (transfer full): the row and the column heading, as
 *   “row 4 (市本级涉及企业的随机抽查情况 · 总计), 完成检查户数”
 */
char *
suiji_form_layout_describe_cell (const SuijiFormLayout *layout, guint number, guint column)
{
  g_autofree char *row = suiji_form_layout_describe_row (layout, number);

  return g_strdup_printf (_("%s, %s"), row, suiji_form_column_label (column));
}

/**
 * suiji_form_normalize_label:
 *
 * A label as typed into a template by hand may have spaces and line breaks
 * anywhere, and ASCII brackets or colons for the full-width ones.
 *
 * Returns: (transfer full): @text without white space, with the full-width
 *   forms the plan prints
 */
char *
suiji_form_normalize_label (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        continue;
      if (c == '(')
        c = 0xFF08;
      else if (c == ')')
        c = 0xFF09;
      else if (c == ':')
        c = 0xFF1A;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}
