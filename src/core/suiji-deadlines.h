/* suiji-deadlines.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "suiji-database.h"

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

gboolean suiji_date_parse_iso (const char *text, GDate *date);
char    *suiji_date_dup_iso (const GDate *date);

/* Working days: Monday to Friday, except the holidays, plus the weekend
 * days worked in exchange for them (调休上班), as the holidays table says. */
typedef struct _SuijiCalendar SuijiCalendar;

SuijiCalendar *suiji_calendar_new (void);
void           suiji_calendar_free (SuijiCalendar *calendar);
SuijiCalendar *suiji_calendar_load (SuijiDatabase *db, GError **error);
void     suiji_calendar_set_day (SuijiCalendar *calendar, const GDate *date, gboolean working);
gboolean suiji_calendar_is_working_day (const SuijiCalendar *calendar, const GDate *date);
void     suiji_calendar_add_working_days (const SuijiCalendar *calendar,
                                          const GDate         *from,
                                          guint                n_days,
                                          GDate               *result);
char *
suiji_calendar_add_working_days_iso (const SuijiCalendar *calendar, const char *from, guint n_days);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiCalendar, suiji_calendar_free)

G_END_DECLS
