/* suiji-deadlines.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SUIJI_DEADLINE_MONTHLY_REPORT,
  SUIJI_DEADLINE_PROGRESS_REPORT,
} SuijiDeadlineKind;

/* A report is due before @before: on that day it is already late. */
typedef struct
{
  SuijiDeadlineKind kind;
  GDate             before;
} SuijiDeadline;

void suiji_deadline_next (SuijiDeadlineKind kind, const GDate *today, SuijiDeadline *deadline);
int  suiji_deadline_days_left (const SuijiDeadline *deadline, const GDate *today);

G_END_DECLS
