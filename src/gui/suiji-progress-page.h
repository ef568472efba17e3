/* suiji-progress-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-chart.h"
#include "suiji-database.h"
#include "suiji-progress.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_PROGRESS_PAGE (suiji_progress_page_get_type ())

G_DECLARE_FINAL_TYPE (SuijiProgressPage, suiji_progress_page, SUIJI, PROGRESS_PAGE, GtkBox)

/* The drawings of the page: the three target cards, then the charts. */
typedef enum
{
  SUIJI_PROGRESS_AREA_JOINT_COUNT,
  SUIJI_PROGRESS_AREA_JOINT_SUBJECTS,
  SUIJI_PROGRESS_AREA_CREDIT_COUNT,
  SUIJI_PROGRESS_AREA_TREND,
  SUIJI_PROGRESS_AREA_DEPARTMENTS,
  SUIJI_PROGRESS_N_AREAS,
} SuijiProgressArea;

void suiji_progress_page_set_database (SuijiProgressPage *self, SuijiDatabase *db);
void suiji_progress_page_reload (SuijiProgressPage *self);
void suiji_progress_page_set_today (SuijiProgressPage *self, const GDate *today);
void suiji_progress_page_select (SuijiProgressPage *self, int year, gint64 department_id);
const SuijiProgress *suiji_progress_page_get_progress (SuijiProgressPage *self);
GArray  *suiji_progress_page_get_regions (SuijiProgressPage *self, SuijiProgressArea area);
gboolean suiji_progress_page_show_tasks_at (SuijiProgressPage *self,
                                            SuijiProgressArea  area,
                                            double             x,
                                            double             y);
gboolean
suiji_progress_page_export (SuijiProgressPage *self, const char *what, GFile *file, GError **error);

G_END_DECLS
