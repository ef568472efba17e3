/* suiji-deadlines.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-deadlines"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "suiji-database-private.h"
#include "suiji-deadlines.h"

struct _SuijiCalendar
{
  /* Julian day → DAY_OFF or DAY_WORKED, for the days that are not what
   * their weekday says. */
  GHashTable *exceptions;
};

enum
{
  DAY_OFF = 1,
  DAY_WORKED,
};

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

/**
 * suiji_date_parse_iso:
 * @text: (nullable): a date as the database keeps it, YYYY-MM-DD
 *
 * Returns: %TRUE with @date set when @text is such a date
 */
gboolean
suiji_date_parse_iso (const char *text, GDate *date)
{
  guint year, month, day;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      strspn (text, "0123456789-") != 10)
    return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

/* Returns: (transfer full): @date as YYYY-MM-DD */
char *
suiji_date_dup_iso (const GDate *date)
{
  g_return_val_if_fail (g_date_valid (date), NULL);

  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

SuijiCalendar *
suiji_calendar_new (void)
{
  SuijiCalendar *calendar = g_new0 (SuijiCalendar, 1);

  calendar->exceptions = g_hash_table_new (NULL, NULL);
  return calendar;
}

void
suiji_calendar_free (SuijiCalendar *calendar)
{
  if (calendar == NULL)
    return;

  g_hash_table_unref (calendar->exceptions);
  g_free (calendar);
}

/* Marks @date as a day off or a working day, whatever its weekday. */
void
suiji_calendar_set_day (SuijiCalendar *calendar, const GDate *date, gboolean working)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (g_date_valid (date));

  g_hash_table_insert (calendar->exceptions, GUINT_TO_POINTER (g_date_get_julian (date)),
                       GINT_TO_POINTER (working ? DAY_WORKED : DAY_OFF));
}

gboolean
suiji_calendar_is_working_day (const SuijiCalendar *calendar, const GDate *date)
{
  GDateWeekday weekday;
  int          exception;

  g_return_val_if_fail (calendar != NULL, FALSE);
  g_return_val_if_fail (g_date_valid (date), FALSE);

  exception = GPOINTER_TO_INT (
      g_hash_table_lookup (calendar->exceptions, GUINT_TO_POINTER (g_date_get_julian (date))));
  if (exception != 0)
    return exception == DAY_WORKED;

  weekday = g_date_get_weekday (date);
  return weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY;
}

/**
 * suiji_calendar_add_working_days:
 *
 * The @n_days-th working day after @from: "within 20 working days after
 * the inspection" ends on this day. @from itself never counts.
 */
void
suiji_calendar_add_working_days (const SuijiCalendar *calendar,
                                 const GDate         *from,
                                 guint                n_days,
                                 GDate               *result)
{
  g_return_if_fail (calendar != NULL);
  g_return_if_fail (g_date_valid (from));

  *result = *from;
  while (n_days > 0)
    {
      g_date_add_days (result, 1);
      if (suiji_calendar_is_working_day (calendar, result))
        n_days--;
    }
}

/**
 * suiji_calendar_add_working_days_iso:
 * @from: a date as YYYY-MM-DD
 *
 * Returns: (transfer full) (nullable): the @n_days-th working day after
 *   @from as YYYY-MM-DD, or %NULL when @from is no such date
 */
char *
suiji_calendar_add_working_days_iso (const SuijiCalendar *calendar, const char *from, guint n_days)
{
  GDate start;
  GDate due;

  g_return_val_if_fail (calendar != NULL, NULL);

  if (!suiji_date_parse_iso (from, &start))
    return NULL;

  suiji_calendar_add_working_days (calendar, &start, n_days, &due);
  return suiji_date_dup_iso (&due);
}

/**
 * suiji_calendar_load:
 *
 * Returns: (transfer full): the calendar of the holidays table, or %NULL
 *   with @error set
 */
SuijiCalendar *
suiji_calendar_load (SuijiDatabase *db, GError **error)
{
  g_autoptr (SuijiCalendar) calendar = suiji_calendar_new ();
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  stmt = _suiji_database_prepare (db, "SELECT date, kind = 'workday' FROM holidays", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate date;

      /* The table's CHECK keeps every date valid. */
      if (suiji_date_parse_iso (_suiji_column_text (stmt, 0), &date))
        suiji_calendar_set_day (calendar, &date, sqlite3_column_int (stmt, 1) != 0);
    }

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the holidays"));
      return NULL;
    }

  return g_steal_pointer (&calendar);
}
