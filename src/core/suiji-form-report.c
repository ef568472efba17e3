/* suiji-form-report.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One unit's monthly form: 附件1 of the region or 附件2 of one department,
 * for one month of one year. Each value cell remembers where its figure
 * came from (typed, filled from the statistics, or computed: 总计 =
 * 部门内部 + 部门联合) and, when the statistics filled it, their figure,
 * so that a figure typed over them can be shown beside them and reset.
 * Saving is explicit and adds a revision; the earlier revisions stay.
 */

#define G_LOG_DOMAIN "suiji-form-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "suiji-database-private.h"
#include "suiji-deadlines.h"
#include "suiji-form-report.h"
#include "suiji-profile.h"
#include "suiji-statistics.h"

/* Beyond this a figure is a typo, and sums of such figures stay far from
 * overflowing. */
#define MAX_VALUE G_GINT64_CONSTANT (999999999999)
/* Longer text would not fit the lines of the printed form. */
#define MAX_TEXT_CHARS 100

typedef struct
{
  gint64 value;
  gint64 filled_value;
  guint8 source; /* SuijiFormCellSource; EMPTY: no figure */
  guint8 has_filled;
} Cell;

struct _SuijiFormSnapshot
{
  Cell cells[SUIJI_FORM_MAX_ROWS][SUIJI_FORM_N_COLUMNS];
};

struct _SuijiFormReport
{
  GObject parent_instance;

  const SuijiFormLayout *layout;
  int                    year;
  int                    month;
  gint64                 department_id; /* 0 for 附件1 */

  gint64 id;       /* 0 until saved */
  guint  revision; /* the saved revision this report was loaded from or saved as */
  char  *saved_at;

  char           *unit_name;
  char           *contact_person;
  char           *contact_phone;
  char           *mobile;
  GDate           fill_date; /* invalid: not filled in */
  SuijiFormStatus status;
  gboolean        modified;

  Cell cells[SUIJI_FORM_MAX_ROWS][SUIJI_FORM_N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (SuijiFormReport, suiji_form_report, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_QUARK (suiji-form-error-quark, suiji_form_error)
/* clang-format on */

enum
{
  PROP_0,
  PROP_UNIT_NAME,
  PROP_CONTACT_PERSON,
  PROP_CONTACT_PHONE,
  PROP_MOBILE,
  PROP_STATUS,
  PROP_MODIFIED,
  N_PROPS
};

enum
{
  CELL_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static const char *const source_names[] = {
  [SUIJI_FORM_CELL_EMPTY] = "empty",
  [SUIJI_FORM_CELL_TYPED] = "typed",
  [SUIJI_FORM_CELL_FILLED] = "filled",
  [SUIJI_FORM_CELL_COMPUTED] = "computed",
};

static void
set_modified (SuijiFormReport *self, gboolean modified)
{
  if (self->modified == modified)
    return;

  self->modified = modified;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
}

static void
set_text (SuijiFormReport *self, char **slot, const char *text, guint prop)
{
  if (g_strcmp0 (*slot, text != NULL ? text : "") == 0)
    return;

  g_free (*slot);
  *slot = g_strdup (text != NULL ? text : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  set_modified (self, TRUE);
}

static void
suiji_form_report_finalize (GObject *object)
{
  SuijiFormReport *self = (SuijiFormReport *) object;

  g_free (self->saved_at);
  g_free (self->unit_name);
  g_free (self->contact_person);
  g_free (self->contact_phone);
  g_free (self->mobile);

  G_OBJECT_CLASS (suiji_form_report_parent_class)->finalize (object);
}

static void
suiji_form_report_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  SuijiFormReport *self = SUIJI_FORM_REPORT (object);

  switch (prop_id)
    {
    case PROP_UNIT_NAME:
      g_value_set_string (value, self->unit_name);
      break;
    case PROP_CONTACT_PERSON:
      g_value_set_string (value, self->contact_person);
      break;
    case PROP_CONTACT_PHONE:
      g_value_set_string (value, self->contact_phone);
      break;
    case PROP_MOBILE:
      g_value_set_string (value, self->mobile);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, self->modified);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_form_report_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SuijiFormReport *self = SUIJI_FORM_REPORT (object);

  switch (prop_id)
    {
    case PROP_UNIT_NAME:
      suiji_form_report_set_unit_name (self, g_value_get_string (value));
      break;
    case PROP_CONTACT_PERSON:
      suiji_form_report_set_contact_person (self, g_value_get_string (value));
      break;
    case PROP_CONTACT_PHONE:
      suiji_form_report_set_contact_phone (self, g_value_get_string (value));
      break;
    case PROP_MOBILE:
      suiji_form_report_set_mobile (self, g_value_get_string (value));
      break;
    case PROP_STATUS:
      suiji_form_report_set_status (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
suiji_form_report_class_init (SuijiFormReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = suiji_form_report_finalize;
  object_class->get_property = suiji_form_report_get_property;
  object_class->set_property = suiji_form_report_set_property;

  properties[PROP_UNIT_NAME] =
      g_param_spec_string ("unit-name", NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTACT_PERSON] =
      g_param_spec_string ("contact-person", NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTACT_PHONE] =
      g_param_spec_string ("contact-phone", NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MOBILE] =
      g_param_spec_string ("mobile", NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATUS] =
      g_param_spec_uint ("status", NULL, NULL, SUIJI_FORM_STATUS_DRAFT, SUIJI_FORM_STATUS_SUBMITTED,
                         SUIJI_FORM_STATUS_DRAFT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* TRUE from the first change until the report is saved or loaded. */
  properties[PROP_MODIFIED] = g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                                                    G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SuijiFormReport::cell-changed:
   * @row: 1-based row
   * @column: a #SuijiFormColumn
   *
   * A cell's figure or source changed, computed cells included.
   */
  signals[CELL_CHANGED] =
      g_signal_new ("cell-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
suiji_form_report_init (SuijiFormReport *self)
{
  self->unit_name = g_strdup ("");
  self->contact_person = g_strdup ("");
  self->contact_phone = g_strdup ("");
  self->mobile = g_strdup ("");
  g_date_clear (&self->fill_date, 1);
}

static gboolean
cell_in_range (SuijiFormReport *self, guint row, guint column)
{
  return row >= 1 && row <= self->layout->n_rows && column < SUIJI_FORM_N_COLUMNS;
}

static Cell *
cell_at (SuijiFormReport *self, guint row, guint column)
{
  return &self->cells[row - 1][column];
}

static gboolean
cells_equal (const Cell *a, const Cell *b)
{
  return a->source == b->source && a->has_filled == b->has_filled &&
         (a->source == SUIJI_FORM_CELL_EMPTY || a->value == b->value) &&
         (!a->has_filled || a->filled_value == b->filled_value);
}

/* Works out the 总计 of one column from its two parts: blank while both
 * parts are blank, else the sum with a blank part counted as 0. */
static void
recompute (SuijiFormReport *self, guint column, gboolean notify)
{
  for (guint r = 1; r <= self->layout->n_rows; r++)
    {
      const SuijiFormRow *row = &self->layout->rows[r - 1];
      Cell               *total = cell_at (self, r, column);
      Cell                before = *total;
      const Cell         *a, *b;

      if (row->total_of[0] == 0)
        continue;

      a = cell_at (self, row->total_of[0], column);
      b = cell_at (self, row->total_of[1], column);
      total->has_filled = FALSE;
      if (a->source == SUIJI_FORM_CELL_EMPTY && b->source == SUIJI_FORM_CELL_EMPTY)
        {
          total->source = SUIJI_FORM_CELL_EMPTY;
          total->value = 0;
        }
      else
        {
          total->source = SUIJI_FORM_CELL_COMPUTED;
          total->value = (a->source != SUIJI_FORM_CELL_EMPTY ? a->value : 0) +
                         (b->source != SUIJI_FORM_CELL_EMPTY ? b->value : 0);
        }

      if (notify && !cells_equal (&before, total))
        g_signal_emit (self, signals[CELL_CHANGED], 0, r, column);
    }
}

/* Puts @cell in place, recomputes the totals and tells the grid. */
static void
replace_cell (SuijiFormReport *self, guint row, guint column, const Cell *cell)
{
  Cell *slot = cell_at (self, row, column);

  if (cells_equal (slot, cell))
    return;

  *slot = *cell;
  recompute (self, column, TRUE);
  g_signal_emit (self, signals[CELL_CHANGED], 0, row, column);
  set_modified (self, TRUE);
}

/**
 * suiji_form_report_new:
 * @department_id: the department of a 附件2; 0 for 附件1
 * @unit_name: (nullable): what 单位名称 says
 *
 * Returns: (transfer full): an empty report, not saved
 */
SuijiFormReport *
suiji_form_report_new (
    SuijiFormKind kind, int year, int month, gint64 department_id, const char *unit_name)
{
  SuijiFormReport *self;

  g_return_val_if_fail (suiji_form_kind_is_valid (kind), NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  g_return_val_if_fail ((kind == SUIJI_FORM_REGION) == (department_id == 0), NULL);

  self = g_object_new (SUIJI_TYPE_FORM_REPORT, NULL);
  self->layout = suiji_form_layout_get (kind);
  self->year = year;
  self->month = month;
  self->department_id = department_id;
  g_free (self->unit_name);
  self->unit_name = g_strdup (unit_name != NULL ? unit_name : "");

  return self;
}

const SuijiFormLayout *
suiji_form_report_get_layout (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);

  return self->layout;
}

SuijiFormKind
suiji_form_report_get_kind (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), SUIJI_FORM_REGION);

  return self->layout->kind;
}

int
suiji_form_report_get_year (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), 0);

  return self->year;
}

int
suiji_form_report_get_month (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), 0);

  return self->month;
}

gint64
suiji_form_report_get_department_id (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), 0);

  return self->department_id;
}

/* 0 while the report has never been saved. */
gint64
suiji_form_report_get_id (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), 0);

  return self->id;
}

/* The saved revision the report was loaded from or last saved as; 0 when
 * never saved. */
guint
suiji_form_report_get_revision (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), 0);

  return self->revision;
}

/**
 * suiji_form_report_get_saved_at:
 *
 * Returns: (nullable): when that revision was saved, ISO 8601 local time
 */
const char *
suiji_form_report_get_saved_at (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);

  return self->saved_at;
}

gboolean
suiji_form_report_get_modified (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), FALSE);

  return self->modified;
}

const char *
suiji_form_report_get_unit_name (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);

  return self->unit_name;
}

void
suiji_form_report_set_unit_name (SuijiFormReport *self, const char *unit_name)
{
  g_return_if_fail (SUIJI_IS_FORM_REPORT (self));

  set_text (self, &self->unit_name, unit_name, PROP_UNIT_NAME);
}

const char *
suiji_form_report_get_contact_person (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);

  return self->contact_person;
}

void
suiji_form_report_set_contact_person (SuijiFormReport *self, const char *text)
{
  g_return_if_fail (SUIJI_IS_FORM_REPORT (self));

  set_text (self, &self->contact_person, text, PROP_CONTACT_PERSON);
}

const char *
suiji_form_report_get_contact_phone (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);

  return self->contact_phone;
}

void
suiji_form_report_set_contact_phone (SuijiFormReport *self, const char *text)
{
  g_return_if_fail (SUIJI_IS_FORM_REPORT (self));

  set_text (self, &self->contact_phone, text, PROP_CONTACT_PHONE);
}

const char *
suiji_form_report_get_mobile (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);

  return self->mobile;
}

void
suiji_form_report_set_mobile (SuijiFormReport *self, const char *text)
{
  g_return_if_fail (SUIJI_IS_FORM_REPORT (self));

  set_text (self, &self->mobile, text, PROP_MOBILE);
}

/**
 * suiji_form_report_get_fill_date:
 * @date: (out): set to 填表时间 when there is one
 *
 * Returns: %TRUE when 填表时间 is filled in
 */
gboolean
suiji_form_report_get_fill_date (SuijiFormReport *self, GDate *date)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), FALSE);

  if (!g_date_valid (&self->fill_date))
    return FALSE;

  if (date != NULL)
    *date = self->fill_date;
  return TRUE;
}

/**
 * suiji_form_report_set_fill_date:
 * @date: (nullable): 填表时间; %NULL leaves it blank, to be written by hand
 */
void
suiji_form_report_set_fill_date (SuijiFormReport *self, const GDate *date)
{
  gboolean had;

  g_return_if_fail (SUIJI_IS_FORM_REPORT (self));
  g_return_if_fail (date == NULL || g_date_valid (date));

  had = g_date_valid (&self->fill_date);
  if ((date == NULL && !had) ||
      (date != NULL && had && g_date_compare (date, &self->fill_date) == 0))
    return;

  if (date != NULL)
    self->fill_date = *date;
  else
    g_date_clear (&self->fill_date, 1);
  set_modified (self, TRUE);
}

/**
 * suiji_form_report_dup_date_text:
 *
 * Returns: (transfer full): what follows 填表时间： on the paper: the date
 *   as 2025年3月20日, or the blank 年 月 日 of the plan when there is none
 */
char *
suiji_form_report_dup_date_text (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);

  if (!g_date_valid (&self->fill_date))
    return g_strdup (self->layout->blank_date);

  return g_strdup_printf ("%u年%u月%u日", g_date_get_year (&self->fill_date),
                          g_date_get_month (&self->fill_date), g_date_get_day (&self->fill_date));
}

SuijiFormStatus
suiji_form_report_get_status (SuijiFormReport *self)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), SUIJI_FORM_STATUS_DRAFT);

  return self->status;
}

/* A submitted report is saved only when no hard rule is broken. */
void
suiji_form_report_set_status (SuijiFormReport *self, SuijiFormStatus status)
{
  g_return_if_fail (SUIJI_IS_FORM_REPORT (self));
  g_return_if_fail (status == SUIJI_FORM_STATUS_DRAFT || status == SUIJI_FORM_STATUS_SUBMITTED);

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
  set_modified (self, TRUE);
}

const char *
suiji_form_status_to_string (SuijiFormStatus status)
{
  return status == SUIJI_FORM_STATUS_SUBMITTED ? "submitted" : "draft";
}

static SuijiFormStatus
status_from_string (const char *text)
{
  return g_strcmp0 (text, "submitted") == 0 ? SUIJI_FORM_STATUS_SUBMITTED : SUIJI_FORM_STATUS_DRAFT;
}

/**
 * suiji_form_report_get_value:
 * @row: 1-based, as in the plan's table
 * @value: (out) (optional): the figure
 *
 * Returns: %TRUE when the cell holds a figure, %FALSE when it is blank
 */
gboolean
suiji_form_report_get_value (SuijiFormReport *self, guint row, guint column, gint64 *value)
{
  const Cell *cell;

  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), FALSE);
  g_return_val_if_fail (cell_in_range (self, row, column), FALSE);

  cell = cell_at (self, row, column);
  if (cell->source == SUIJI_FORM_CELL_EMPTY)
    return FALSE;

  if (value != NULL)
    *value = cell->value;
  return TRUE;
}

SuijiFormCellSource
suiji_form_report_get_source (SuijiFormReport *self, guint row, guint column)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), SUIJI_FORM_CELL_EMPTY);
  g_return_val_if_fail (cell_in_range (self, row, column), SUIJI_FORM_CELL_EMPTY);

  return cell_at (self, row, column)->source;
}

/**
 * suiji_form_report_get_filled_value:
 * @value: (out) (optional): the figure of the statistics
 *
 * The figure the statistics gave this cell at the last fill, also when a
 * figure was typed over it since.
 *
 * Returns: %TRUE when the statistics gave one
 */
gboolean
suiji_form_report_get_filled_value (SuijiFormReport *self, guint row, guint column, gint64 *value)
{
  const Cell *cell;

  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), FALSE);
  g_return_val_if_fail (cell_in_range (self, row, column), FALSE);

  cell = cell_at (self, row, column);
  if (!cell->has_filled)
    return FALSE;

  if (value != NULL)
    *value = cell->filled_value;
  return TRUE;
}

/**
 * suiji_form_report_set_value:
 * @value: a whole number from 0 to 999 999 999 999
 *
 * Types a figure into a cell.
 *
 * Returns: %FALSE for a computed cell (总计), which cannot be typed into
 */
gboolean
suiji_form_report_set_value (SuijiFormReport *self, guint row, guint column, gint64 value)
{
  Cell cell;

  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), FALSE);
  g_return_val_if_fail (cell_in_range (self, row, column), FALSE);
  g_return_val_if_fail (value >= 0 && value <= MAX_VALUE, FALSE);

  if (suiji_form_layout_is_computed (self->layout, row))
    return FALSE;

  cell = *cell_at (self, row, column);
  cell.value = value;
  cell.source = SUIJI_FORM_CELL_TYPED;
  replace_cell (self, row, column, &cell);
  return TRUE;
}

/**
 * suiji_form_report_clear_value:
 *
 * Blanks a cell.
 *
 * Returns: %FALSE for a computed cell
 */
gboolean
suiji_form_report_clear_value (SuijiFormReport *self, guint row, guint column)
{
  Cell cell;

  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), FALSE);
  g_return_val_if_fail (cell_in_range (self, row, column), FALSE);

  if (suiji_form_layout_is_computed (self->layout, row))
    return FALSE;

  cell = *cell_at (self, row, column);
  cell.value = 0;
  cell.source = SUIJI_FORM_CELL_EMPTY;
  replace_cell (self, row, column, &cell);
  return TRUE;
}

/**
 * suiji_form_report_reset_to_filled:
 *
 * Puts the statistics' figure back into a cell typed over.
 *
 * Returns: %FALSE when the statistics gave this cell no figure
 */
gboolean
suiji_form_report_reset_to_filled (SuijiFormReport *self, guint row, guint column)
{
  Cell cell;

  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), FALSE);
  g_return_val_if_fail (cell_in_range (self, row, column), FALSE);

  cell = *cell_at (self, row, column);
  if (!cell.has_filled)
    return FALSE;

  cell.value = cell.filled_value;
  cell.source = SUIJI_FORM_CELL_FILLED;
  replace_cell (self, row, column, &cell);
  return TRUE;
}

/**
 * suiji_form_report_fill:
 * @values: (array length=n_rows): the statistics, row r of the plan's table
 *   at index r - 1, the columns as #SuijiFormColumn; a negative figure means
 *   the statistics have none for that cell, which is then left blank
 * @n_rows: how many rows @values holds; rows beyond it are left alone
 *
 * Fills every entered cell from the statistics, over what was typed. The
 * 总计 rows of @values are not read: they are computed from their parts.
 */
void
suiji_form_report_fill (SuijiFormReport *self,
                        const gint64 (*values)[SUIJI_FORM_N_COLUMNS],
                        guint n_rows)
{
  g_return_if_fail (SUIJI_IS_FORM_REPORT (self));
  g_return_if_fail (values != NULL || n_rows == 0);

  for (guint r = 1; r <= MIN (n_rows, self->layout->n_rows); r++)
    {
      if (suiji_form_layout_is_computed (self->layout, r))
        continue;

      for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
        {
          gint64 figure = MIN (values[r - 1][c], MAX_VALUE);
          Cell   cell = { 0 };

          if (figure >= 0)
            {
              cell.value = figure;
              cell.filled_value = figure;
              cell.has_filled = TRUE;
              cell.source = SUIJI_FORM_CELL_FILLED;
            }
          replace_cell (self, r, c, &cell);
        }
    }
}

/**
 * suiji_form_report_dup_cut_off:
 * @today: (nullable): the day the figures are taken; %NULL for none
 *
 * The figures of a month's form add up from 1 January to the month's last
 * day, or, while the month is under way, to @today (截至目前数据).
 *
 * Returns: (transfer full): that last day, as YYYY-MM-DD
 */
char *
suiji_form_report_dup_cut_off (SuijiFormReport *self, const GDate *today)
{
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);

  return suiji_form_dup_cut_off (self->year, self->month, today);
}

/**
 * suiji_form_dup_cut_off:
 * @today: (nullable): the day the figures are taken
 *
 * The last day whose records count in the report of @year-@month: the
 * month's last day, or @today while the month is under way.
 *
 * Returns: (transfer full): the date, YYYY-MM-DD
 */
char *
suiji_form_dup_cut_off (int year, int month, const GDate *today)
{
  GDate cut_off;
  char  text[16];

  g_return_val_if_fail (g_date_valid_dmy (1, (GDateMonth) month, (GDateYear) year), NULL);

  g_date_clear (&cut_off, 1);
  g_date_set_dmy (&cut_off, g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year),
                  (GDateMonth) month, (GDateYear) year);
  if (today != NULL && g_date_valid (today) && g_date_get_year (today) == (GDateYear) year &&
      g_date_compare (today, &cut_off) < 0)
    cut_off = *today;

  g_date_strftime (text, sizeof text, "%Y-%m-%d", &cut_off);
  return g_strdup (text);
}

/* The statistics count the columns of the forms in the same order. */
G_STATIC_ASSERT (SUIJI_FIGURE_N_COLUMNS == SUIJI_FORM_N_COLUMNS);
G_STATIC_ASSERT (SUIJI_STATISTICS_MAX_ROWS == SUIJI_FORM_MAX_ROWS);

/**
 * suiji_form_report_fill_from_records:
 * @today: (nullable): the day the figures are taken, for a month under way
 *
 * Fills every entered cell with the statistics of the tasks, draws and
 * results recorded up to the report's cut-off
 * (suiji_form_report_dup_cut_off ()), over what was typed; the figures
 * typed over stay the statistics' to put back later.
 */
gboolean
suiji_form_report_fill_from_records (SuijiDatabase   *db,
                                     SuijiFormReport *self,
                                     const GDate     *today,
                                     GError         **error)
{
  g_autofree char *until = NULL;
  SuijiFigures     figures;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), FALSE);

  until = suiji_form_report_dup_cut_off (self, today);
  if (!suiji_statistics_compute (db,
                                 self->layout->kind == SUIJI_FORM_REGION
                                     ? SUIJI_STATISTICS_REGION
                                     : SUIJI_STATISTICS_DEPARTMENT,
                                 self->year, until, self->department_id, &figures, error))
    return FALSE;

  suiji_form_report_fill (self, (const gint64 (*)[SUIJI_FORM_N_COLUMNS]) figures.values,
                          figures.n_rows);
  return TRUE;
}

/* Blanks every cell, the statistics' figures included. */
void
suiji_form_report_clear_all (SuijiFormReport *self)
{
  const Cell blank = { 0 };

  g_return_if_fail (SUIJI_IS_FORM_REPORT (self));

  for (guint r = 1; r <= self->layout->n_rows; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      if (!suiji_form_layout_is_computed (self->layout, r))
        replace_cell (self, r, c, &blank);
}

/**
 * suiji_form_report_snapshot:
 *
 * Keeps every cell as it is now, so that a change of many cells at once
 * (a fill, a paste) is undone in one step.
 *
 * Returns: (transfer full): the cells
 */
SuijiFormSnapshot *
suiji_form_report_snapshot (SuijiFormReport *self)
{
  SuijiFormSnapshot *snapshot;

  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);

  snapshot = g_new (SuijiFormSnapshot, 1);
  memcpy (snapshot->cells, self->cells, sizeof self->cells);
  return snapshot;
}

void
suiji_form_report_restore (SuijiFormReport *self, const SuijiFormSnapshot *snapshot)
{
  g_return_if_fail (SUIJI_IS_FORM_REPORT (self));
  g_return_if_fail (snapshot != NULL);

  for (guint r = 1; r <= self->layout->n_rows; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      if (!suiji_form_layout_is_computed (self->layout, r))
        replace_cell (self, r, c, &snapshot->cells[r - 1][c]);
}

void
suiji_form_snapshot_free (SuijiFormSnapshot *snapshot)
{
  g_free (snapshot);
}

/**
 * suiji_form_parse_value:
 * @text: a cell as typed or pasted: “12”, “1,234”, “１２”, “ 7 ”, “3.0”
 * @empty: (out): %TRUE when @text is blank, which clears the cell
 * @value: (out): the figure
 *
 * Reads a figure as clerks type and paste them from WPS and Excel.
 *
 * Returns: %FALSE with @error saying why @text is no whole number from 0 up
 */
gboolean
suiji_form_parse_value (const char *text, gboolean *empty, gint64 *value, GError **error)
{
  g_autoptr (GString) digits = g_string_new (NULL);
  gboolean negative = FALSE;
  gboolean fraction = FALSE;
  gboolean fraction_nonzero = FALSE;
  guint64  parsed;

  *empty = FALSE;
  *value = 0;

  /* Bytes that are no UTF-8 (a command line in another encoding) are no
   * number either, and reading them as characters would run past the end. */
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *shown = g_utf8_make_valid (text, -1);

      g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_BAD_VALUE,
                   _("“%s” is not a number; write a whole number such as 12."), shown);
      return FALSE;
    }

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Full-width digits and signs, as a Chinese input method types them. */
      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;

      if (g_unichar_isspace (c) || g_unichar_type (c) == G_UNICODE_SPACE_SEPARATOR)
        continue;
      if (c >= '0' && c <= '9')
        {
          if (fraction)
            fraction_nonzero |= c != '0';
          else
            g_string_append_c (digits, (char) c);
        }
      else if ((c == ',' || c == 0x3001) && digits->len > 0 && !fraction)
        continue;
      else if (c == '.' && digits->len > 0 && !fraction)
        fraction = TRUE;
      else if (c == '-' && digits->len == 0 && !negative)
        negative = TRUE;
      else if (c == '+' && digits->len == 0)
        continue;
      else
        {
          g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_BAD_VALUE,
                       _("“%s” is not a number; write a whole number such as 12."), text);
          return FALSE;
        }
    }

  if (digits->len == 0 && !negative && !fraction)
    {
      *empty = TRUE;
      return TRUE;
    }

  if (digits->len == 0)
    {
      g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_BAD_VALUE,
                   _("“%s” is not a number; write a whole number such as 12."), text);
      return FALSE;
    }

  if (fraction_nonzero)
    {
      g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_BAD_VALUE,
                   _("“%s” has a fraction; the form counts inspections and subjects, so write "
                      "a whole number."),
                   text);
      return FALSE;
    }

  parsed = g_ascii_strtoull (digits->str, NULL, 10);
  if (negative && parsed != 0)
    {
      g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_BAD_VALUE,
                   _("“%s” is negative; the form counts inspections and subjects, so write 0 or "
                      "more."),
                   text);
      return FALSE;
    }

  if (digits->len > 12 || parsed > (guint64) MAX_VALUE)
    {
      g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_BAD_VALUE,
                   _("“%s” is too large for this form; check the figure."), text);
      return FALSE;
    }

  *value = (gint64) parsed;
  return TRUE;
}

/* Validation. */

void
suiji_form_problem_free (SuijiFormProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray        *problems,
             guint             row,
             guint             column,
             SuijiFormSeverity severity,
             const char       *rule,
             char             *message)
{
  SuijiFormProblem *problem = g_new0 (SuijiFormProblem, 1);

  problem->row = row;
  problem->column = column;
  problem->severity = severity;
  problem->rule = rule;
  problem->message = message;
  g_ptr_array_add (problems, problem);
}

static char *
format_figure (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

/* The rules inside one row: 发现问题户数 ≤ 完成检查户数 ≤ 抽查总户数, and
 * (softly) 次数 ≤ 抽查总户数. */
static void
check_row_order (SuijiFormReport *self, guint r, GPtrArray *problems)
{
  /* A cell left empty gives no figure: start from 0 so that nothing reads
   * an unset value (valgrind found drawn_text made from one). */
  gint64           times = 0, drawn = 0, completed = 0, found = 0;
  gboolean         has_times, has_drawn, has_completed, has_found;
  g_autofree char *drawn_text = NULL;

  has_times = suiji_form_report_get_value (self, r, SUIJI_FORM_COLUMN_TIMES, &times);
  has_drawn = suiji_form_report_get_value (self, r, SUIJI_FORM_COLUMN_DRAWN, &drawn);
  has_completed = suiji_form_report_get_value (self, r, SUIJI_FORM_COLUMN_COMPLETED, &completed);
  has_found = suiji_form_report_get_value (self, r, SUIJI_FORM_COLUMN_PROBLEMS, &found);
  drawn_text = format_figure (drawn);

  if (has_completed && has_drawn && completed > drawn)
    {
      g_autofree char *where =
          suiji_form_layout_describe_cell (self->layout, r, SUIJI_FORM_COLUMN_COMPLETED);
      g_autofree char *figure = format_figure (completed);

      add_problem (problems, r, SUIJI_FORM_COLUMN_COMPLETED, SUIJI_FORM_PROBLEM_HARD, "order",
                   g_strdup_printf (_("%s: %s subjects completed is more than the %s subjects "
                                       "drawn (抽查总户数). Only a subject that was drawn can "
                                       "finish its inspection."),
                                    where, figure, drawn_text));
    }

  if (has_found && (has_completed || has_drawn))
    {
      gint64          whole = has_completed ? completed : drawn;
      SuijiFormColumn whole_column =
          has_completed ? SUIJI_FORM_COLUMN_COMPLETED : SUIJI_FORM_COLUMN_DRAWN;

      if (found > whole)
        {
          g_autofree char *where =
              suiji_form_layout_describe_cell (self->layout, r, SUIJI_FORM_COLUMN_PROBLEMS);
          g_autofree char *figure = format_figure (found);
          g_autofree char *whole_text = format_figure (whole);

          add_problem (
              problems, r, SUIJI_FORM_COLUMN_PROBLEMS, SUIJI_FORM_PROBLEM_HARD, "order",
              g_strdup_printf (_("%s: %s subjects with problems is more than the %s in %s. A "
                                  "problem is found only where an inspection was done."),
                               where, figure, whole_text, suiji_form_column_label (whole_column)));
        }
    }

  if (has_times && has_drawn && times > drawn)
    {
      g_autofree char *where =
          suiji_form_layout_describe_cell (self->layout, r, SUIJI_FORM_COLUMN_TIMES);
      g_autofree char *figure = format_figure (times);

      add_problem (problems, r, SUIJI_FORM_COLUMN_TIMES, SUIJI_FORM_PROBLEM_SOFT, "times-drawn",
                   g_strdup_printf (_("%s: %s inspections but only %s subjects drawn. Each "
                                       "inspection draws at least one subject; check both "
                                       "figures."),
                                    where, figure, drawn_text));
    }
}

/* A part never exceeds its whole: 涉及企业 and 信用风险分级分类 within the
 * 总计, the market-regulation rows within the region's. */
static void
check_part (SuijiFormReport *self, guint r, GPtrArray *problems)
{
  const SuijiFormRow *row = suiji_form_layout_get_row (self->layout, r);

  if (row->part_of == 0)
    return;

  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    {
      gint64 part, whole;

      if (suiji_form_report_get_value (self, r, c, &part) &&
          suiji_form_report_get_value (self, row->part_of, c, &whole) && part > whole)
        {
          g_autofree char *where = suiji_form_layout_describe_cell (self->layout, r, c);
          g_autofree char *whole_row = suiji_form_layout_describe_row (self->layout, row->part_of);
          g_autofree char *part_text = format_figure (part);
          g_autofree char *whole_text = format_figure (whole);

          add_problem (problems, r, c,
                       row->part_of_is_soft ? SUIJI_FORM_PROBLEM_SOFT : SUIJI_FORM_PROBLEM_HARD,
                       "part",
                       g_strdup_printf (_("%s: %s is more than the %s of %s, which includes "
                                           "these inspections. A part cannot exceed its whole."),
                                        where, part_text, whole_text, whole_row));
        }
    }
}

/* Cumulative figures never go down: each cell is at least the same cell of
 * an earlier month of the year and at most that of a later month. */
static void
check_months (SuijiFormReport *self,
              guint            r,
              SuijiFormReport *other,
              gboolean         other_is_later,
              GPtrArray       *problems)
{
  if (other == NULL)
    return;

  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    {
      gint64           mine, theirs;
      g_autofree char *where = NULL;
      g_autofree char *mine_text = NULL;
      g_autofree char *theirs_text = NULL;
      g_autofree char *month = NULL;

      if (!suiji_form_report_get_value (self, r, c, &mine) ||
          !suiji_form_report_get_value (other, r, c, &theirs) ||
          (other_is_later ? mine <= theirs : mine >= theirs))
        continue;

      where = suiji_form_layout_describe_cell (self->layout, r, c);
      mine_text = format_figure (mine);
      theirs_text = format_figure (theirs);
      month = g_strdup_printf ("%d-%02d", other->year, other->month);
      if (other_is_later)
        add_problem (problems, r, c, SUIJI_FORM_PROBLEM_HARD, "next-month",
                     g_strdup_printf (_("%s: %s is more than the %s already reported for %s, a "
                                         "later month. The figures add up from 1 January, so a "
                                         "later month never has less."),
                                      where, mine_text, theirs_text, month));
      else
        add_problem (problems, r, c, SUIJI_FORM_PROBLEM_HARD, "month",
                     g_strdup_printf (_("%s: %s is less than the %s reported for %s. The figures "
                                         "add up from 1 January, so they never go down from one "
                                         "month to the next."),
                                      where, mine_text, theirs_text, month));
    }
}

/**
 * suiji_form_report_validate:
 * @previous: (nullable): the same unit's latest report of an earlier month
 *   of the same year
 * @next: (nullable): its earliest report of a later month of that year
 *
 * Checks every rule of the plan; the month-to-month rule only against the
 * reports given.
 *
 * Returns: (transfer full) (element-type SuijiFormProblem): every broken
 *   rule, row by row, empty when there is none
 */
GPtrArray *
suiji_form_report_validate (SuijiFormReport *self, SuijiFormReport *previous, SuijiFormReport *next)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func ((GDestroyNotify) suiji_form_problem_free);

  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), problems);
  g_return_val_if_fail (previous == NULL || previous->layout == self->layout, problems);
  g_return_val_if_fail (next == NULL || next->layout == self->layout, problems);

  for (guint r = 1; r <= self->layout->n_rows; r++)
    {
      check_row_order (self, r, problems);
      check_part (self, r, problems);
      check_months (self, r, previous, FALSE, problems);
      check_months (self, r, next, TRUE, problems);
    }

  return problems;
}

guint
suiji_form_problems_count_hard (GPtrArray *problems)
{
  guint n = 0;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const SuijiFormProblem *problem = g_ptr_array_index (problems, i);

      n += problem->severity == SUIJI_FORM_PROBLEM_HARD;
    }

  return n;
}

/* Loading and saving. */

/* YYYY-MM-DD as the database keeps dates; g_date_set_parse () would read
 * them by the user's locale. */
static void
parse_iso_date (const char *text, GDate *date)
{
  unsigned year, month, day;

  if (sscanf (text, "%4u-%2u-%2u", &year, &month, &day) == 3 &&
      g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

#define REPORT_COLUMNS                                                                             \
  "r.id, r.year, r.month, coalesce(r.department_id, 0), r.revision, v.revision, v.saved_at,"       \
  " v.status, v.unit_name, v.contact_person, v.contact_phone, v.mobile, v.fill_date"

static void
read_header (SuijiFormReport *self, sqlite3_stmt *stmt)
{
  const char *fill_date = (const char *) sqlite3_column_text (stmt, 12);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->revision = (guint) sqlite3_column_int (stmt, 4);
  g_free (self->saved_at);
  self->saved_at = g_strdup (_suiji_column_text (stmt, 6));
  self->status = status_from_string (_suiji_column_text (stmt, 7));
  g_free (self->unit_name);
  self->unit_name = g_strdup (_suiji_column_text (stmt, 8));
  g_free (self->contact_person);
  self->contact_person = g_strdup (_suiji_column_text (stmt, 9));
  g_free (self->contact_phone);
  self->contact_phone = g_strdup (_suiji_column_text (stmt, 10));
  g_free (self->mobile);
  self->mobile = g_strdup (_suiji_column_text (stmt, 11));
  g_date_clear (&self->fill_date, 1);
  if (fill_date != NULL)
    parse_iso_date (fill_date, &self->fill_date);
}

static gboolean
read_values (SuijiDatabase *db, SuijiFormReport *self, guint revision, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  stmt = _suiji_database_prepare (db,
                                  "SELECT form_row, form_column, value, source, filled_value"
                                  " FROM form_values WHERE report_id = ?1 AND revision = ?2",
                                  error);
  if (stmt == NULL)
    return FALSE;

  memset (self->cells, 0, sizeof self->cells);
  sqlite3_bind_int64 (stmt, 1, self->id);
  sqlite3_bind_int (stmt, 2, (int) revision);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint       r = (guint) sqlite3_column_int (stmt, 0);
      guint       c = (guint) sqlite3_column_int (stmt, 1);
      const char *source = _suiji_column_text (stmt, 3);
      Cell       *cell;

      if (!cell_in_range (self, r, c) || suiji_form_layout_is_computed (self->layout, r))
        continue;

      cell = cell_at (self, r, c);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        {
          cell->value = sqlite3_column_int64 (stmt, 2);
          cell->source =
              g_str_equal (source, "filled") ? SUIJI_FORM_CELL_FILLED : SUIJI_FORM_CELL_TYPED;
        }
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        {
          cell->filled_value = sqlite3_column_int64 (stmt, 4);
          cell->has_filled = TRUE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the monthly form"));
      return FALSE;
    }

  for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
    recompute (self, c, FALSE);

  return TRUE;
}

/* What a new report starts with: the unit's name, and the contacts of its
 * latest report or, for the unit the profile describes, of the profile. */
static gboolean
fill_defaults (SuijiDatabase *db, SuijiFormReport *self, GError **error)
{
  g_autoptr (SuijiUnitProfile) profile = suiji_unit_profile_load (db, error);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gboolean is_profile_unit = self->department_id == 0;

  if (profile == NULL)
    return FALSE;

  if (self->department_id == 0)
    {
      g_free (self->unit_name);
      self->unit_name = g_strdup (profile->unit_name);
    }
  else
    {
      stmt = _suiji_database_prepare (
          db, "SELECT name, is_market_regulation OR name = ?2 FROM departments WHERE id = ?1",
          error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->department_id);
      sqlite3_bind_text (stmt, 2, profile->unit_name, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_NOT_FOUND,
                       _("There is no department number %ld; choose one from the list of "
                          "departments."),
                       (long) self->department_id);
          return FALSE;
        }
      g_free (self->unit_name);
      self->unit_name = g_strdup (_suiji_column_text (stmt, 0));
      is_profile_unit = sqlite3_column_int (stmt, 1) != 0;
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  stmt = _suiji_database_prepare (
      db,
      "SELECT v.contact_person, v.contact_phone, v.mobile FROM form_reports r"
      " JOIN form_report_revisions v ON v.report_id = r.id AND v.revision = r.revision"
      " WHERE r.form = ?1 AND coalesce(r.department_id, 0) = ?2"
      " ORDER BY r.year DESC, r.month DESC LIMIT 1",
      error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, self->layout->kind);
  sqlite3_bind_int64 (stmt, 2, self->department_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_free (self->contact_person);
      self->contact_person = g_strdup (_suiji_column_text (stmt, 0));
      g_free (self->contact_phone);
      self->contact_phone = g_strdup (_suiji_column_text (stmt, 1));
      g_free (self->mobile);
      self->mobile = g_strdup (_suiji_column_text (stmt, 2));
    }
  else if (is_profile_unit)
    {
      g_free (self->contact_person);
      self->contact_person = g_strdup (profile->contact_person);
      g_free (self->contact_phone);
      self->contact_phone = g_strdup (profile->contact_phone);
      g_free (self->mobile);
      self->mobile = g_strdup (profile->mobile);
    }

  return TRUE;
}

/* Finds the saved report at @where ("= ?4", "< ?4 ORDER BY … DESC" …) and
 * loads its current revision into @self. */
static gboolean
load_where (
    SuijiDatabase *db, SuijiFormReport *self, const char *where, gboolean *found, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strconcat (
      "SELECT " REPORT_COLUMNS " FROM form_reports r"
      " JOIN form_report_revisions v ON v.report_id = r.id AND v.revision = r.revision"
      " WHERE r.form = ?1 AND coalesce(r.department_id, 0) = ?2 AND r.year = ?3 AND r.month ",
      where, " LIMIT 1", NULL);
  int rc;

  *found = FALSE;
  stmt = _suiji_database_prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, self->layout->kind);
  sqlite3_bind_int64 (stmt, 2, self->department_id);
  sqlite3_bind_int (stmt, 3, self->year);
  sqlite3_bind_int (stmt, 4, self->month);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    {
      _suiji_database_set_error (db, error, _("Could not read the monthly form"));
      return FALSE;
    }

  self->year = sqlite3_column_int (stmt, 1);
  self->month = sqlite3_column_int (stmt, 2);
  read_header (self, stmt);
  *found = TRUE;
  return read_values (db, self, self->revision, error);
}

/**
 * suiji_form_report_load:
 * @department_id: the department of a 附件2; 0 for 附件1
 *
 * Loads the unit's saved report of the month, or starts a new one with
 * the unit's name and contacts when there is none.
 *
 * Returns: (transfer full): the report, or %NULL with @error set
 */
SuijiFormReport *
suiji_form_report_load (SuijiDatabase *db,
                        SuijiFormKind  kind,
                        int            year,
                        int            month,
                        gint64         department_id,
                        GError       **error)
{
  g_autoptr (SuijiFormReport) self = NULL;
  gboolean found;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (suiji_form_kind_is_valid (kind), NULL);

  if ((kind == SUIJI_FORM_REGION) != (department_id == 0))
    {
      g_set_error_literal (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_NOT_FOUND,
                           kind == SUIJI_FORM_REGION
                               ? _("附件1 is the form of the region as a whole, not of a "
                                    "department.")
                               : _("附件2 is the form of one department; choose the department."));
      return NULL;
    }
  if (month < 1 || month > 12 || year < 2000 || year > 2999)
    {
      g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_NOT_FOUND,
                   _("%d-%02d is not a month of a year from 2000 to 2999."), year, month);
      return NULL;
    }

  self = suiji_form_report_new (kind, year, month, department_id, NULL);
  if (!load_where (db, self, "= ?4", &found, error))
    return NULL;
  if (!found && !fill_defaults (db, self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * suiji_form_report_load_neighbour:
 * @direction: -1 for the latest earlier month of the year, +1 for the
 *   earliest later month
 *
 * Returns: (transfer full) (nullable): that saved report, or %NULL when
 *   there is none (@error unset) or on failure (@error set)
 */
SuijiFormReport *
suiji_form_report_load_neighbour (SuijiDatabase   *db,
                                  SuijiFormReport *self,
                                  int              direction,
                                  GError         **error)
{
  g_autoptr (SuijiFormReport) other = NULL;
  gboolean found;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);
  g_return_val_if_fail (direction == -1 || direction == 1, NULL);

  other = suiji_form_report_new (self->layout->kind, self->year, self->month, self->department_id,
                                 NULL);
  if (!load_where (db, other,
                   direction < 0 ? "< ?4 ORDER BY r.month DESC" : "> ?4 ORDER BY r.month ASC",
                   &found, error) ||
      !found)
    return NULL;

  return g_steal_pointer (&other);
}

/**
 * suiji_form_report_check:
 *
 * Validates the report against the unit's reports of the months around it.
 *
 * Returns: (transfer full) (element-type SuijiFormProblem): every broken
 *   rule, or %NULL with @error set
 */
GPtrArray *
suiji_form_report_check (SuijiDatabase *db, SuijiFormReport *self, GError **error)
{
  g_autoptr (SuijiFormReport) previous = NULL;
  g_autoptr (SuijiFormReport) next = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);

  previous = suiji_form_report_load_neighbour (db, self, -1, &local_error);
  if (local_error == NULL)
    next = suiji_form_report_load_neighbour (db, self, 1, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return suiji_form_report_validate (self, previous, next);
}

static gboolean
check_texts (SuijiFormReport *self, GError **error)
{
  const struct
  {
    const char *text;
    const char *label;
  } fields[] = {
    { self->unit_name, self->layout->unit_label },
    { self->contact_person, self->layout->contact_label },
    { self->contact_phone, self->layout->phone_label },
    { self->mobile, self->layout->mobile_label },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (g_utf8_strlen (fields[i].text, -1) > MAX_TEXT_CHARS)
        {
          g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_INVALID,
                       _("%s is longer than %d characters and would not fit on the form; "
                          "shorten it."),
                       fields[i].label, MAX_TEXT_CHARS);
          return FALSE;
        }
    }

  return TRUE;
}

/* Inside the transaction: the report's row, new or moved on one revision,
 * refused when somebody else saved it since it was loaded. */
static gboolean
claim_revision (
    SuijiDatabase *db, SuijiFormReport *self, gint64 *id, guint *revision, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  gint64 stored_id = 0;
  guint  stored_revision = 0;

  stmt =
      _suiji_database_prepare (db,
                               "SELECT id, revision FROM form_reports WHERE form = ?1"
                               " AND coalesce(department_id, 0) = ?2 AND year = ?3 AND month = ?4",
                               error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, self->layout->kind);
  sqlite3_bind_int64 (stmt, 2, self->department_id);
  sqlite3_bind_int (stmt, 3, self->year);
  sqlite3_bind_int (stmt, 4, self->month);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      stored_id = sqlite3_column_int64 (stmt, 0);
      stored_revision = (guint) sqlite3_column_int (stmt, 1);
    }
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (stored_id != self->id || stored_revision != self->revision)
    {
      g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_CONFLICT,
                   _("This form was saved meanwhile by another window or program (version %u). "
                      "Nothing was saved: open the form again to see the saved figures, then "
                      "make your changes."),
                   stored_revision);
      return FALSE;
    }

  if (stored_id == 0)
    {
      stmt = _suiji_database_prepare (db,
                                      "INSERT INTO form_reports (form, department_id, year, month,"
                                      " revision) VALUES (?1, ?2, ?3, ?4, 1)",
                                      error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, self->layout->kind);
      if (self->department_id != 0)
        sqlite3_bind_int64 (stmt, 2, self->department_id);
      sqlite3_bind_int (stmt, 3, self->year);
      sqlite3_bind_int (stmt, 4, self->month);
      if (!_suiji_database_step_done (db, stmt, error))
        return FALSE;
      *id = sqlite3_last_insert_rowid (_suiji_database_get_handle (db));
      *revision = 1;
      return TRUE;
    }

  stmt = _suiji_database_prepare (db, "UPDATE form_reports SET revision = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  *id = stored_id;
  *revision = stored_revision + 1;
  sqlite3_bind_int64 (stmt, 1, *id);
  sqlite3_bind_int (stmt, 2, (int) *revision);
  return _suiji_database_step_done (db, stmt, error);
}

static gboolean
write_revision (SuijiDatabase   *db,
                SuijiFormReport *self,
                gint64           id,
                guint            revision,
                const char      *saved_at,
                GError         **error)
{
  g_autoptr (sqlite3_stmt) header = NULL;
  g_autoptr (sqlite3_stmt) value = NULL;
  char fill_date[16] = "";

  header = _suiji_database_prepare (
      db,
      "INSERT INTO form_report_revisions (report_id, revision, saved_at, status, unit_name,"
      " contact_person, contact_phone, mobile, fill_date)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      error);
  if (header == NULL)
    return FALSE;

  if (g_date_valid (&self->fill_date))
    g_date_strftime (fill_date, sizeof fill_date, "%Y-%m-%d", &self->fill_date);
  sqlite3_bind_int64 (header, 1, id);
  sqlite3_bind_int (header, 2, (int) revision);
  sqlite3_bind_text (header, 3, saved_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (header, 4, suiji_form_status_to_string (self->status), -1, SQLITE_STATIC);
  sqlite3_bind_text (header, 5, self->unit_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (header, 6, self->contact_person, -1, SQLITE_STATIC);
  sqlite3_bind_text (header, 7, self->contact_phone, -1, SQLITE_STATIC);
  sqlite3_bind_text (header, 8, self->mobile, -1, SQLITE_STATIC);
  if (*fill_date != '\0')
    sqlite3_bind_text (header, 9, fill_date, -1, SQLITE_STATIC);
  if (!_suiji_database_step_done (db, header, error))
    return FALSE;

  value = _suiji_database_prepare (
      db,
      "INSERT INTO form_values (report_id, revision, form_row, form_column, value, source,"
      " filled_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      error);
  if (value == NULL)
    return FALSE;

  /* Computed cells are kept too, so that other readers of the database
   * find every figure of the printed form. */
  for (guint r = 1; r <= self->layout->n_rows; r++)
    for (guint c = 0; c < SUIJI_FORM_N_COLUMNS; c++)
      {
        const Cell *cell = cell_at (self, r, c);

        if (cell->source == SUIJI_FORM_CELL_EMPTY && !cell->has_filled)
          continue;

        sqlite3_bind_int64 (value, 1, id);
        sqlite3_bind_int (value, 2, (int) revision);
        sqlite3_bind_int (value, 3, (int) r);
        sqlite3_bind_int (value, 4, (int) c);
        if (cell->source != SUIJI_FORM_CELL_EMPTY)
          sqlite3_bind_int64 (value, 5, cell->value);
        sqlite3_bind_text (value, 6, source_names[cell->source], -1, SQLITE_STATIC);
        if (cell->has_filled)
          sqlite3_bind_int64 (value, 7, cell->filled_value);
        if (!_suiji_database_run (db, value, error))
          return FALSE;
      }

  return TRUE;
}

/**
 * suiji_form_report_save:
 *
 * Saves the report as its newest revision, in one transaction; the
 * revisions before it are kept. A report marked submitted is saved only
 * when it breaks no hard rule, the month-to-month rule included. Refused
 * with %SUIJI_FORM_ERROR_CONFLICT when the report was saved by somebody
 * else since it was loaded.
 */
gboolean
suiji_form_report_save (SuijiDatabase *db, SuijiFormReport *self, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *saved_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  gint64           id = 0;
  guint            revision = 0;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), FALSE);

  if (!check_texts (self, error) || !_suiji_database_begin (db, error))
    return FALSE;

  if (self->status == SUIJI_FORM_STATUS_SUBMITTED)
    {
      g_autoptr (GPtrArray) problems = suiji_form_report_check (db, self, error);
      guint n_hard;

      if (problems == NULL)
        goto failed;
      n_hard = suiji_form_problems_count_hard (problems);
      for (guint i = 0; n_hard > 0 && i < problems->len; i++)
        {
          const SuijiFormProblem *problem = g_ptr_array_index (problems, i);

          if (problem->severity != SUIJI_FORM_PROBLEM_HARD)
            continue;
          g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_INVALID,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The form breaks %u rule and cannot be submitted; save it as "
                                    "a draft, or correct it first. %s",
                                    "The form breaks %u rules and cannot be submitted; save it "
                                    "as a draft, or correct them first. The first: %s",
                                    n_hard),
                       n_hard, problem->message);
          goto failed;
        }
    }

  if (!claim_revision (db, self, &id, &revision, error) ||
      !write_revision (db, self, id, revision, saved_at, error) ||
      !_suiji_database_commit (db, error))
    goto failed;

  self->id = id;
  self->revision = revision;
  g_free (self->saved_at);
  self->saved_at = g_steal_pointer (&saved_at);
  set_modified (self, FALSE);
  return TRUE;

failed:
  _suiji_database_rollback (db);
  return FALSE;
}

void
suiji_form_revision_free (SuijiFormRevision *revision)
{
  if (revision == NULL)
    return;

  g_free (revision->saved_at);
  g_free (revision);
}

/**
 * suiji_form_report_list_revisions:
 *
 * Returns: (transfer full) (element-type SuijiFormRevision): the saved
 *   versions of the report, the newest first; empty when never saved
 */
GPtrArray *
suiji_form_report_list_revisions (SuijiDatabase *db, SuijiFormReport *self, GError **error)
{
  g_autoptr (GPtrArray) revisions =
      g_ptr_array_new_with_free_func ((GDestroyNotify) suiji_form_revision_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);

  stmt = _suiji_database_prepare (db,
                                  "SELECT revision, status, saved_at FROM form_report_revisions"
                                  " WHERE report_id = ?1 ORDER BY revision DESC",
                                  error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, self->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuijiFormRevision *revision = g_new0 (SuijiFormRevision, 1);

      revision->revision = (guint) sqlite3_column_int (stmt, 0);
      revision->status = status_from_string (_suiji_column_text (stmt, 1));
      revision->saved_at = g_strdup (_suiji_column_text (stmt, 2));
      g_ptr_array_add (revisions, revision);
    }

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the monthly form"));
      return NULL;
    }

  return g_steal_pointer (&revisions);
}

/**
 * suiji_form_report_load_revision:
 *
 * Loads an earlier version of a saved report. It comes back modified and
 * based on the newest revision, so that saving it makes that old version
 * the newest one again.
 *
 * Returns: (transfer full): the report as it was, or %NULL with @error set
 */
SuijiFormReport *
suiji_form_report_load_revision (SuijiDatabase   *db,
                                 SuijiFormReport *self,
                                 guint            revision,
                                 GError         **error)
{
  g_autoptr (SuijiFormReport) old = NULL;
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (SUIJI_IS_FORM_REPORT (self), NULL);

  stmt = _suiji_database_prepare (
      db,
      "SELECT " REPORT_COLUMNS " FROM form_reports r"
      " JOIN form_report_revisions v ON v.report_id = r.id WHERE r.id = ?1 AND v.revision = ?2",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, self->id);
  sqlite3_bind_int (stmt, 2, (int) revision);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, SUIJI_FORM_ERROR, SUIJI_FORM_ERROR_NOT_FOUND,
                   _("This form has no saved version %u."), revision);
      return NULL;
    }

  old = suiji_form_report_new (self->layout->kind, self->year, self->month, self->department_id,
                               NULL);
  read_header (old, stmt);
  if (!read_values (db, old, revision, error))
    return NULL;

  old->modified = TRUE;
  return g_steal_pointer (&old);
}

void
suiji_form_submission_free (SuijiFormSubmission *submission)
{
  if (submission == NULL)
    return;

  g_free (submission->department_name);
  g_free (submission->saved_at);
  g_free (submission);
}

/**
 * suiji_form_list_submissions:
 * @deadline: (out) (optional): the day the month's reports are late on:
 *   they are due before the 23rd of the month (section 三(三) of the plan)
 *
 * Which departments have saved their 附件2 for the month, as a draft or
 * submitted, and which have not, in the bureau's order of departments.
 *
 * Returns: (transfer full) (element-type SuijiFormSubmission): one entry
 *   per department, or %NULL with @error set
 */
GPtrArray *
suiji_form_list_submissions (
    SuijiDatabase *db, int year, int month, GDate *deadline, GError **error)
{
  g_autoptr (GPtrArray) submissions =
      g_ptr_array_new_with_free_func ((GDestroyNotify) suiji_form_submission_free);
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (month >= 1 && month <= 12, NULL);
  g_return_val_if_fail (g_date_valid_year (year), NULL);

  if (deadline != NULL)
    {
      GDate         first;
      SuijiDeadline due;

      g_date_clear (&first, 1);
      g_date_set_dmy (&first, 1, (GDateMonth) month, (GDateYear) year);
      suiji_deadline_next (SUIJI_DEADLINE_MONTHLY_REPORT, &first, &due);
      *deadline = due.before;
    }

  stmt = _suiji_database_prepare (
      db,
      "SELECT d.id, d.name, v.status, v.saved_at FROM departments d"
      " LEFT JOIN form_reports r ON r.form = 2 AND r.department_id = d.id"
      "   AND r.year = ?1 AND r.month = ?2"
      " LEFT JOIN form_report_revisions v ON v.report_id = r.id AND v.revision = r.revision"
      " ORDER BY d.sort_order, d.id",
      error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int (stmt, 2, month);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SuijiFormSubmission *submission = g_new0 (SuijiFormSubmission, 1);

      submission->department_id = sqlite3_column_int64 (stmt, 0);
      submission->department_name = g_strdup (_suiji_column_text (stmt, 1));
      submission->reported = sqlite3_column_type (stmt, 2) != SQLITE_NULL;
      submission->status = status_from_string (_suiji_column_text (stmt, 2));
      if (submission->reported)
        submission->saved_at = g_strdup (_suiji_column_text (stmt, 3));
      g_ptr_array_add (submissions, submission);
    }

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the monthly forms"));
      return NULL;
    }

  return g_steal_pointer (&submissions);
}
