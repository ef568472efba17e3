/* suiji-credit-code.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The 统一社会信用代码 of GB 32100-2015: 18 characters from a 31-character
 * set (no I, O, S, V, Z), the last one a check character over the first 17.
 */

#define G_LOG_DOMAIN "suiji-credit-code"

#include "config.h"

#include <string.h>

#include "suiji-credit-code.h"

#define CODE_LENGTH 18

static const char charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static int
charset_index (char c)
{
  const char *found = c != '\0' ? strchr (charset, c) : NULL;

  return found != NULL ? (int) (found - charset) : -1;
}

/**
 * suiji_subject_key_normalize:
 * @text: a code as typed or exported: "91130582 mA0ABCDE1x", full-width
 *   "９１１３…", with spaces or hyphens
 *
 * Subjects are keyed by their credit code in upper case, or by their older
 * registration number as stored; both lose the spaces, hyphens and
 * full-width forms that spreadsheets add.
 *
 * Returns: (transfer full): the key, possibly empty
 */
char *
suiji_subject_key_normalize (const char *text)
{
  GString         *key = g_string_new (NULL);
  g_autofree char *valid = NULL;

  /* Bytes that are no UTF-8 become U+FFFD instead of being read past. */
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Full-width ASCII (U+FF01…U+FF5E) maps onto ASCII by a fixed offset. */
      if (c >= 0xFF01 && c <= 0xFF5E)
        c -= 0xFEE0;

      if (c == ' ' || c == '-' || c == 0x3000 || c == '\t' || g_unichar_isspace (c))
        continue;

      if (c < 0x80)
        g_string_append_c (key, g_ascii_toupper ((char) c));
      else
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

/**
 * suiji_credit_code_looks_like:
 *
 * Returns: whether @key is meant as a credit code (18 characters) rather
 *   than an older registration number (15 digits, or other forms)
 */
gboolean
suiji_credit_code_looks_like (const char *key)
{
  return key != NULL && strlen (key) == CODE_LENGTH;
}

/**
 * suiji_credit_code_check:
 * @code: a normalized key
 * @expected_check: (out) (optional): the check character the first 17
 *   characters call for, when they are all valid
 *
 * Returns: whether @code is a valid credit code, and if not, why
 */
SuijiCreditCodeStatus
suiji_credit_code_check (const char *code, char *expected_check)
{
  int  sum = 0;
  int  weight = 1;
  char check;

  if (expected_check != NULL)
    *expected_check = '\0';

  if (code == NULL || strlen (code) != CODE_LENGTH)
    return SUIJI_CREDIT_CODE_WRONG_LENGTH;

  for (int i = 0; i < CODE_LENGTH - 1; i++)
    {
      int value = charset_index (code[i]);

      if (value < 0)
        return SUIJI_CREDIT_CODE_BAD_CHARACTER;

      sum += value * weight;
      weight = (weight * 3) % 31;
    }

  check = charset[(31 - sum % 31) % 31];
  if (expected_check != NULL)
    *expected_check = check;

  if (charset_index (code[CODE_LENGTH - 1]) < 0)
    return SUIJI_CREDIT_CODE_BAD_CHARACTER;

  return code[CODE_LENGTH - 1] == check ? SUIJI_CREDIT_CODE_VALID
                                        : SUIJI_CREDIT_CODE_BAD_CHECK_CHARACTER;
}
