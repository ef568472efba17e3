/* suiji-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Staff write the same value many ways: "A", "A类", "低风险", "Ａ"; "个体",
 * "个体户"; "在营（开业）". These functions turn what files hold into the
 * values the database keeps, or tell that a text is not one of them.
 */

#define G_LOG_DOMAIN "suiji-fields"

#include "config.h"

#include <string.h>

#include "suiji-fields.h"

static const char *const subject_types[] = { "企业", "个体工商户", "农民专业合作社", "其他", NULL };

/* The registration statuses of the market-entity register; 存续 covers the
 * synonyms 在营, 开业 and 在册, as the platform exports write them. */
static const char *const statuses[] = {
  "存续", "在业", "停业", "注销", "吊销", "撤销", "迁出", NULL
};

const char *const *
suiji_fields_subject_types (void)
{
  return subject_types;
}

const char *const *
suiji_fields_statuses (void)
{
  return statuses;
}

/**
 * suiji_fields_clean_text:
 *
 * Returns: (transfer full): @text without surrounding white space (also
 *   the ideographic space U+3000) and with runs of inner white space folded
 */
static gboolean
has_white_space (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == ' ' || (*p >= '\t' && *p <= '\r'))
        return TRUE;
      /* U+3000 and U+00A0, and any other non-ASCII character that may be a
       * space, take the careful path. */
      if (*p == 0xE3 && p[1] == 0x80 && p[2] == 0x80)
        return TRUE;
      if (*p == 0xC2 || (*p == 0xE2 && p[1] == 0x80) || *p == 0xE1)
        return TRUE;
    }

  return FALSE;
}

char *
suiji_fields_clean_text (const char *text)
{
  g_autofree char *valid = NULL;
  GString         *clean;
  gboolean         pending_space = FALSE;

  if (text == NULL)
    return g_strdup ("");
  /* A command line or a setting may hold any bytes: what is no UTF-8
   * becomes U+FFFD, so that the loop below never steps past the end. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  /* Most cells hold no white space at all: they are kept as they are. */
  if (!has_white_space (text))
    return g_strdup (text);

  clean = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x3000)
        {
          pending_space = clean->len > 0;
          continue;
        }

      if (pending_space)
        g_string_append_c (clean, ' ');
      pending_space = FALSE;
      g_string_append_unichar (clean, c);
    }

  return g_string_free (clean, FALSE);
}

static gboolean
contains (const char *text, const char *word)
{
  return strstr (text, word) != NULL;
}

/**
 * suiji_fields_normalize_subject_type:
 *
 * Returns: (nullable): one of the four subject types, or %NULL when @text
 *   names none of them; an empty text is 企业
 */
const char *
suiji_fields_normalize_subject_type (const char *text)
{
  g_autofree char *clean = suiji_fields_clean_text (text);

  if (*clean == '\0')
    return "企业";
  if (contains (clean, "个体"))
    return "个体工商户";
  if (contains (clean, "合作社"))
    return "农民专业合作社";
  if (contains (clean, "企业") || contains (clean, "公司") || contains (clean, "厂") ||
      g_str_has_suffix (clean, "店") || contains (clean, "分支机构"))
    return "企业";
  if (g_str_equal (clean, "其他") || g_str_equal (clean, "其它"))
    return "其他";

  return NULL;
}

/**
 * suiji_fields_normalize_status:
 *
 * Returns: (nullable): the stored status, or %NULL when @text is none; an
 *   empty text is 存续
 */
const char *
suiji_fields_normalize_status (const char *text)
{
  g_autofree char *clean = suiji_fields_clean_text (text);

  if (*clean == '\0' || contains (clean, "存续") || contains (clean, "在营") ||
      contains (clean, "开业") || contains (clean, "在册") || contains (clean, "正常"))
    return "存续";

  for (guint i = 0; statuses[i] != NULL; i++)
    if (contains (clean, statuses[i]))
      return statuses[i];

  return NULL;
}

gboolean
suiji_fields_status_is_active (const char *status)
{
  return g_strcmp0 (status, "存续") == 0 || g_strcmp0 (status, "在业") == 0;
}

/**
 * suiji_fields_normalize_credit_class:
 * @known_codes: the classes the database knows ("A" … "D", or more)
 *
 * Returns: (transfer full) (nullable): the class code; "" for a text that
 *   says "no class" (empty, 未分类, 无); %NULL for a text that is no class
 */
char *
suiji_fields_normalize_credit_class (const char *text, const char *const *known_codes)
{
  g_autofree char *clean = suiji_fields_clean_text (text);
  static const struct
  {
    const char *word;
    const char *code;
  } risk_words[] = {
    /* Longest first: 较高风险 must not be read as 高风险. */
    { "较高风险", "C" },
    { "一般风险", "B" },
    { "低风险", "A" },
    { "高风险", "D" },
  };
  char first;

  if (*clean == '\0' || contains (clean, "未分类") || g_str_equal (clean, "无") ||
      g_str_equal (clean, "-") || g_str_equal (clean, "—"))
    return g_strdup ("");

  for (guint i = 0; i < G_N_ELEMENTS (risk_words); i++)
    if (contains (clean, risk_words[i].word))
      return g_strdup (risk_words[i].code);

  /* "A", "a", "Ａ", "A类", "A级", "A 低风险" */
  {
    gunichar    c = g_utf8_get_char (clean);
    const char *rest = g_utf8_next_char (clean);

    if (c >= 0xFF21 && c <= 0xFF3A)
      c -= 0xFEE0;
    if (c >= 0xFF41 && c <= 0xFF5A)
      c -= 0xFEE0;
    if (c >= 0x80 || !g_ascii_isalpha ((char) c))
      return NULL;

    first = g_ascii_toupper ((char) c);
    if (*rest != '\0' && !g_str_has_prefix (rest, "类") && !g_str_has_prefix (rest, "级") &&
        !g_str_has_prefix (rest, " "))
      return NULL;
  }

  for (guint i = 0; known_codes != NULL && known_codes[i] != NULL; i++)
    if (known_codes[i][0] == first && known_codes[i][1] == '\0')
      return g_strdup (known_codes[i]);

  return NULL;
}

/**
 * suiji_fields_normalize_item_category:
 *
 * Returns: (nullable): 一般 or 重点, or %NULL
 */
const char *
suiji_fields_normalize_item_category (const char *text)
{
  g_autofree char *clean = suiji_fields_clean_text (text);

  if (*clean == '\0' || contains (clean, "一般"))
    return "一般";
  if (contains (clean, "重点"))
    return "重点";
  return NULL;
}

/**
 * suiji_fields_parse_boolean:
 *
 * Returns: 1 for yes (是, 在岗, 有效, 1, TRUE …), 0 for no, -1 for neither;
 *   an empty text is yes
 */
int
suiji_fields_parse_boolean (const char *text)
{
  g_autofree char *clean = suiji_fields_clean_text (text);
  const char      *yes[] = { "",     "是",   "在岗", "在职", "有效", "启用", "1",
                             "TRUE", "true", "Y",    "y",    "yes",  NULL };
  const char      *no[] = { "否",    "离岗",  "离职", "无效", "停用", "调离", "0",
                            "FALSE", "false", "N",    "n",    "no",   NULL };

  if (g_strv_contains (yes, clean))
    return 1;
  if (g_strv_contains (no, clean))
    return 0;
  return -1;
}

/**
 * suiji_fields_normalize_date:
 *
 * Reads the dates files hold: 2025-03-01, 2025/3/1, 2025.3.1, 20250301,
 * 2025年3月1日.
 *
 * Returns: (transfer full) (nullable): the date as YYYY-MM-DD, "" for an
 *   empty text, %NULL for a text that is no valid date
 */
char *
suiji_fields_normalize_date (const char *text)
{
  g_autofree char *clean = suiji_fields_clean_text (text);
  guint            numbers[3] = { 0 };
  guint            n_numbers = 0;
  guint            digits = 0;
  GDate            date;

  if (*clean == '\0')
    return g_strdup ("");

  if (strlen (clean) == 8 && strspn (clean, "0123456789") == 8)
    {
      numbers[0] = (guint) g_ascii_strtoull (clean, NULL, 10) / 10000;
      numbers[1] = (guint) (g_ascii_strtoull (clean, NULL, 10) / 100 % 100);
      numbers[2] = (guint) (g_ascii_strtoull (clean, NULL, 10) % 100);
      n_numbers = 3;
    }
  else
    {
      for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
        {
          if (g_ascii_isdigit (*p))
            {
              if (digits == 0 && n_numbers == 3)
                return NULL;
              if (digits == 0)
                n_numbers++;
              numbers[n_numbers - 1] = numbers[n_numbers - 1] * 10 + (guint) (*p - '0');
              if (++digits > 4)
                return NULL;
            }
          else
            {
              gunichar c = g_utf8_get_char (p);

              if (c != '-' && c != '/' && c != '.' && c != 0x5E74 && c != 0x6708 && c != 0x65E5)
                return NULL;
              digits = 0;
            }
        }
    }

  if (n_numbers != 3 || numbers[0] < 1900 || numbers[0] > 2999 ||
      !g_date_valid_dmy ((GDateDay) numbers[2], (GDateMonth) numbers[1], (GDateYear) numbers[0]))
    return NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) numbers[2], (GDateMonth) numbers[1], (GDateYear) numbers[0]);
  return g_strdup_printf ("%04u-%02u-%02u", numbers[0], numbers[1], numbers[2]);
}

/**
 * suiji_fields_clean_heading:
 *
 * Returns: (transfer full): a column heading as it is compared with the
 *   known headings: without spaces, asterisks and "(必填)", ASCII in lower
 *   case
 */
char *
suiji_fields_clean_heading (const char *text)
{
  g_autofree char *clean = suiji_fields_clean_text (text);
  GString         *heading = g_string_new (NULL);
  const char      *marks[] = { "（必填）", "(必填)", "（选填）", "(选填)", NULL };

  for (guint i = 0; marks[i] != NULL; i++)
    {
      char *found = strstr (clean, marks[i]);
      if (found != NULL)
        memset (found, ' ', strlen (marks[i]));
    }

  for (const char *p = clean; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '*' || c == 0xFF0A || c == '_')
        continue;
      if (c < 0x80)
        g_string_append_c (heading, g_ascii_tolower ((char) c));
      else
        g_string_append_unichar (heading, c);
    }

  return g_string_free (heading, FALSE);
}

/* An exact heading beats any partial one; longer headings beat shorter. */
static guint
heading_score (const char *const *known, const char *heading)
{
  guint best = 0;

  if (*heading == '\0')
    return 0;

  for (guint i = 0; known[i] != NULL; i++)
    {
      guint length = (guint) strlen (known[i]);

      if (g_str_equal (heading, known[i]))
        best = MAX (best, 1000 + length);
      else if (strstr (heading, known[i]) != NULL)
        best = MAX (best, length);
    }

  return best;
}

typedef struct
{
  guint score;
  guint field;
  guint column;
} Candidate;

static int
compare_candidates (gconstpointer a, gconstpointer b)
{
  const Candidate *x = a;
  const Candidate *y = b;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  if (x->column != y->column)
    return x->column < y->column ? -1 : 1;
  return (int) x->field - (int) y->field;
}

/**
 * suiji_fields_guess_columns:
 * @headings: per field, the NULL-terminated headings files use for it, as
 *   suiji_fields_clean_heading () leaves them
 * @cells: the cells of a header row
 * @columns: (out caller-allocates): per field, the column of @cells, or -1
 *
 * Maps the columns of a header row onto fields, best heading match first,
 * each column and each field used once.
 *
 * Returns: how many fields it mapped
 */
guint
suiji_fields_guess_columns (const char *const *const *headings,
                            guint                     n_fields,
                            const char *const        *cells,
                            guint                     n_cells,
                            int                      *columns)
{
  g_autoptr (GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree gboolean *column_used = g_new0 (gboolean, n_cells + 1);
  guint                n_mapped = 0;

  for (guint f = 0; f < n_fields; f++)
    columns[f] = -1;

  for (guint c = 0; c < n_cells; c++)
    {
      g_autofree char *heading = suiji_fields_clean_heading (cells[c]);

      for (guint f = 0; f < n_fields; f++)
        {
          Candidate candidate = { heading_score (headings[f], heading), f, c };

          if (candidate.score > 0)
            g_array_append_val (candidates, candidate);
        }
    }

  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len; i++)
    {
      Candidate *candidate = &g_array_index (candidates, Candidate, i);

      if (columns[candidate->field] >= 0 || column_used[candidate->column])
        continue;
      columns[candidate->field] = (int) candidate->column;
      column_used[candidate->column] = TRUE;
      n_mapped++;
    }

  return n_mapped;
}
