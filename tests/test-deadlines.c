/* test-deadlines.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "suiji-deadlines.h"

typedef struct
{
  int day, month, year;
  int due_day, due_month, due_year;
  int days_left;
} Case;

static void
check_cases (SuijiDeadlineKind kind, const Case *cases, guint n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      SuijiDeadline deadline;
      GDate         today;

      g_date_clear (&today, 1);
      g_date_set_dmy (&today, cases[i].day, cases[i].month, cases[i].year);
      suiji_deadline_next (kind, &today, &deadline);

      g_assert_cmpint (deadline.kind, ==, kind);
      g_assert_cmpint (g_date_get_day (&deadline.before), ==, cases[i].due_day);
      g_assert_cmpint (g_date_get_month (&deadline.before), ==, cases[i].due_month);
      g_assert_cmpint (g_date_get_year (&deadline.before), ==, cases[i].due_year);
      g_assert_cmpint (suiji_deadline_days_left (&deadline, &today), ==, cases[i].days_left);
    }
}

static void
test_monthly_report (void)
{
  const Case cases[] = {
    { 1, 3, 2025, 23, 3, 2025, 22 },   { 22, 3, 2025, 23, 3, 2025, 1 },
    { 23, 3, 2025, 23, 4, 2025, 31 },  { 31, 12, 2025, 23, 1, 2026, 23 },
    { 23, 12, 2025, 23, 1, 2026, 31 },
  };

  check_cases (SUIJI_DEADLINE_MONTHLY_REPORT, cases, G_N_ELEMENTS (cases));
}

static void
test_progress_report (void)
{
  const Case cases[] = {
    { 1, 1, 2025, 1, 4, 2025, 90 },    { 31, 3, 2025, 1, 4, 2025, 1 },
    { 1, 4, 2025, 1, 7, 2025, 91 },    { 27, 9, 2025, 28, 9, 2025, 1 },
    { 28, 9, 2025, 29, 12, 2025, 92 }, { 29, 12, 2025, 1, 4, 2026, 93 },
  };

  check_cases (SUIJI_DEADLINE_PROGRESS_REPORT, cases, G_N_ELEMENTS (cases));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deadlines/monthly", test_monthly_report);
  g_test_add_func ("/deadlines/progress", test_progress_report);

  return g_test_run ();
}
