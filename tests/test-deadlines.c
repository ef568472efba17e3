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

static SuijiCalendar *
load_calendar (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "calendar.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDatabase) db = suiji_database_open (path, &error);
  SuijiCalendar *calendar;

  g_assert_no_error (error);
  calendar = suiji_calendar_load (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (calendar);
  return calendar;
}

static gboolean
is_working_day (SuijiCalendar *calendar, const char *iso)
{
  GDate date;

  g_assert_true (suiji_date_parse_iso (iso, &date));
  return suiji_calendar_is_working_day (calendar, &date);
}

/* The State Council's 2025 and 2026 holidays, from the table the first
 * open of a database fills. */
static void
test_working_days (void)
{
  g_autoptr (SuijiCalendar) calendar = load_calendar ();
  /* Worked out by hand from the two notices (国办发明电〔2024〕12号 and
   * 〔2025〕7号): from the day, how many working days, and the day reached. */
  const struct
  {
    const char *from;
    guint       n_days;
    const char *due;
  } cases[] = {
    { "2025-09-26", 20, "2025-10-30" }, /* 9-28 is worked, 10-1…8 are off, 10-11 worked */
    { "2025-01-20", 20, "2025-02-21" }, /* 1-26 worked, 1-28…2-4 off, 2-8 worked */
    { "2025-03-03", 20, "2025-03-31" }, /* no holiday: four weeks */
    { "2025-04-25", 1, "2025-04-27" },  /* a Sunday worked before 劳动节 */
    { "2025-04-25", 20, "2025-05-27" }, { "2025-06-27", 20, "2025-07-25" },
    { "2025-12-31", 1, "2026-01-04" }, /* 2026's 元旦 ends on a Sunday that is worked */
    { "2026-02-10", 20, "2026-03-16" }, { "2026-09-18", 10, "2026-10-09" },
  };

  g_assert_false (is_working_day (calendar, "2025-01-01"));
  g_assert_true (is_working_day (calendar, "2025-01-02"));
  g_assert_true (is_working_day (calendar, "2025-01-26"));  /* Sunday, 调休上班 */
  g_assert_false (is_working_day (calendar, "2025-02-03")); /* Monday, 春节 */
  g_assert_false (is_working_day (calendar, "2025-03-01")); /* a plain Saturday */
  g_assert_false (is_working_day (calendar, "2026-10-07"));
  g_assert_true (is_working_day (calendar, "2026-10-10"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *due =
          suiji_calendar_add_working_days_iso (calendar, cases[i].from, cases[i].n_days);

      g_assert_cmpstr (due, ==, cases[i].due);
    }

  g_assert_null (suiji_calendar_add_working_days_iso (calendar, "2025-02-30", 1));
  g_assert_null (suiji_calendar_add_working_days_iso (calendar, "2025/03/01", 1));
}

/* Years the table does not know are plain weeks: an edited table is
 * what the calendar follows. */
static void
test_calendar_follows_its_days (void)
{
  g_autoptr (SuijiCalendar) calendar = suiji_calendar_new ();
  g_autofree char *plain = suiji_calendar_add_working_days_iso (calendar, "2030-01-04", 5);
  g_autofree char *with_holiday = NULL;
  GDate            day;

  g_assert_cmpstr (plain, ==, "2030-01-11");
  g_assert_true (suiji_date_parse_iso ("2030-01-08", &day));
  suiji_calendar_set_day (calendar, &day, FALSE);
  g_assert_true (suiji_date_parse_iso ("2030-01-05", &day));
  suiji_calendar_set_day (calendar, &day, TRUE);
  with_holiday = suiji_calendar_add_working_days_iso (calendar, "2030-01-04", 5);
  g_assert_cmpstr (with_holiday, ==, "2030-01-11");
  g_clear_pointer (&with_holiday, g_free);
  with_holiday = suiji_calendar_add_working_days_iso (calendar, "2030-01-04", 6);
  g_assert_cmpstr (with_holiday, ==, "2030-01-14");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/deadlines/monthly", test_monthly_report);
  g_test_add_func ("/deadlines/progress", test_progress_report);
  g_test_add_func ("/deadlines/working-days", test_working_days);
  g_test_add_func ("/deadlines/calendar", test_calendar_follows_its_days);

  return g_test_run ();
}
