/* suiji-credit-code.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SUIJI_CREDIT_CODE_VALID,
  SUIJI_CREDIT_CODE_WRONG_LENGTH,
  SUIJI_CREDIT_CODE_BAD_CHARACTER,
  SUIJI_CREDIT_CODE_BAD_CHECK_CHARACTER,
} SuijiCreditCodeStatus;

char                 *suiji_subject_key_normalize (const char *text);
gboolean              suiji_credit_code_looks_like (const char *key);
SuijiCreditCodeStatus suiji_credit_code_check (const char *code, char *expected_check);

G_END_DECLS
