/* suiji-deadlines.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-deadlines"

#include "config.h"

#include "suiji-deadlines.h"

/* Section 三(三) of the plan: the monthly forms before the 23rd of every
 * month, the progress reports before these four days of the year. */
#define MONTHLY_REPORT_DAY 23

static const struct
{
  GDateMonth month;
  GDateDay   day;
} progress_report_days[] = {
  { G_DATE_APRIL, 1 },
  { G_DATE_JULY, 1 },
  { G_DATE_SEPTEMBER, 28 },
  { G_DATE_DECEMBER, 29 },
};

/**
 * suiji_deadline_next:
 *
 * Finds the first deadline of @kind that @today has not yet reached.
 */
void
suiji_deadline_next (SuijiDeadlineKind kind, const GDate *today, SuijiDeadline *deadline)
{
  GDateYear year = g_date_get_year (today);

  g_return_if_fail (g_date_valid (today));

  deadline->kind = kind;
  g_date_clear (&deadline->before, 1);

  if (kind == SUIJI_DEADLINE_MONTHLY_REPORT)
    {
      GDateMonth month = g_date_get_month (today);

      if (g_date_get_day (today) >= MONTHLY_REPORT_DAY)
        {
          month = month == G_DATE_DECEMBER ? G_DATE_JANUARY : month + 1;
          year += month == G_DATE_JANUARY ? 1 : 0;
        }
      g_date_set_dmy (&deadline->before, MONTHLY_REPORT_DAY, month, year);
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (progress_report_days); i++)
    {
      g_date_set_dmy (&deadline->before, progress_report_days[i].day, progress_report_days[i].month,
                      year);
      if (g_date_compare (&deadline->before, today) > 0)
        return;
    }

  g_date_set_dmy (&deadline->before, progress_report_days[0].day, progress_report_days[0].month,
                  year + 1);
}

/* Days from @today until the deadline day, so 1 means "due today". */
int
suiji_deadline_days_left (const SuijiDeadline *deadline, const GDate *today)
{
  return g_date_days_between (today, &deadline->before);
}
