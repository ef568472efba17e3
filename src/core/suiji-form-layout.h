/* suiji-form-layout.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The two monthly forms of the plan (沙市监函〔2025〕5号). */
typedef enum
{
  SUIJI_FORM_REGION = 1,     /* 附件1: the city as a whole (本地区) */
  SUIJI_FORM_DEPARTMENT = 2, /* 附件2: one city department (市本级) */
} SuijiFormKind;

/* The four value columns under 截至目前数据, left to right. The statistics
 * fill a report from an array gint64 values[n_rows][SUIJI_FORM_N_COLUMNS]
 * in this order, row r of the plan's table at index r - 1. */
typedef enum
{
  SUIJI_FORM_COLUMN_TIMES,     /* 次数: inspections */
  SUIJI_FORM_COLUMN_DRAWN,     /* 抽查总户数: subjects drawn */
  SUIJI_FORM_COLUMN_COMPLETED, /* 完成检查户数: subjects whose inspection is completed */
  SUIJI_FORM_COLUMN_PROBLEMS,  /* 发现问题户数: subjects where a problem was found */
} SuijiFormColumn;

#define SUIJI_FORM_N_COLUMNS 4
/* The longer of the two forms, 附件1. */
#define SUIJI_FORM_MAX_ROWS 11

/* The paper: A4 landscape, the wider margin on the left for binding. The
 * xlsx sheet and the printed page use the same margins and columns. */
#define SUIJI_FORM_MARGIN_LEFT_MM   25.0
#define SUIJI_FORM_MARGIN_RIGHT_MM  15.0
#define SUIJI_FORM_MARGIN_TOP_MM    15.0
#define SUIJI_FORM_MARGIN_BOTTOM_MM 12.0
/* 平台, item, sub-item and the four value columns. */
#define SUIJI_FORM_PAPER_COLUMNS 7

typedef struct
{
  guint       number;   /* 1-based, as the rows of the plan's table */
  guint       platform; /* index into SuijiFormLayout.platforms */
  const char *item;     /* 统计项目, also on the rows its merged cell covers */
  const char *sub_item; /* 总计, 部门内部 or 部门联合; NULL: the item spans both columns */
  /* On the first row of an item: how many rows its merged cell covers;
   * 0 on the rows below it that the merge covers. */
  guint item_rows;
  /* 总计 rows are computed: the sum of these two rows. 0 0 on entered rows. */
  guint total_of[2];
  /* The row this row is a part of: none of its figures may exceed that
   * row's figure in the same column. 0: none. */
  guint    part_of;
  gboolean part_of_is_soft; /* a reading of the form, not a rule of the plan */
} SuijiFormRow;

typedef struct
{
  const char *label; /* 平台 cell, merged over the rows of the platform */
  guint       first_row;
  guint       n_rows;
} SuijiFormPlatform;

/* Everything printed on the paper form, byte for byte as in the plan. */
typedef struct
{
  SuijiFormKind kind;
  const char   *attachment; /* 附件1, 附件2: top left of the page */
  const char   *title;
  const char   *subtitle;
  const char   *unit_label; /* 单位名称（盖章）： */
  const char   *date_label; /* 填表时间： */
  /* What follows 填表时间： when no date is filled in, the spaces as in the plan. */
  const char *blank_date;
  const char *platform_heading; /* 平台 */
  const char *item_heading;     /* 统计项目, over item and sub-item */
  const char *data_heading;     /* 截至目前数据, over the four value columns */
  /* As printed, with the line break of the paper form (抽查\n总户数). */
  const char *column_headings[SUIJI_FORM_N_COLUMNS];
  const char *contact_label; /* 联系人： */
  const char *phone_label;   /* 联系电话： */
  const char *mobile_label;  /* 手机： */
  /* The blank contact line of the plan, for printing an empty form. */
  const char              *blank_contact_line;
  const SuijiFormPlatform *platforms;
  guint                    n_platforms;
  const SuijiFormRow      *rows;
  guint                    n_rows;
} SuijiFormLayout;

const SuijiFormLayout *suiji_form_layout_get (SuijiFormKind kind);
gboolean               suiji_form_kind_is_valid (int kind);
const SuijiFormRow    *suiji_form_layout_get_row (const SuijiFormLayout *layout, guint number);
gboolean               suiji_form_layout_is_computed (const SuijiFormLayout *layout, guint number);
const char            *suiji_form_column_label (SuijiFormColumn column);
char                  *suiji_form_layout_describe_row (const SuijiFormLayout *layout, guint number);
char *suiji_form_layout_describe_cell (const SuijiFormLayout *layout, guint number, guint column);
char *suiji_form_normalize_label (const char *text);
const double *suiji_form_layout_get_paper_widths (void);

G_END_DECLS
