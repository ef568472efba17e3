/* suiji-profile.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "suiji-database.h"

G_BEGIN_DECLS

/* What the printed forms say about the unit that fills them in. */
typedef struct
{
  char *unit_name;
  char *contact_person;
  char *contact_phone;
  char *mobile;
  int   report_year;
} SuijiUnitProfile;

/* Yearly targets in basis points (1 bp = 0.01 %), kept per year because
 * each year's plan may set new ones. */
typedef struct
{
  int year;
  int joint_count_bp;
  int joint_subjects_bp;
  int credit_count_bp;
} SuijiYearlyTargets;

/* The 2025 plan's targets, used for any year that has none of its own. */
#define SUIJI_DEFAULT_JOINT_COUNT_BP    6000
#define SUIJI_DEFAULT_JOINT_SUBJECTS_BP 5000
#define SUIJI_DEFAULT_CREDIT_COUNT_BP   9500

#define SUIJI_PROFILE_ERROR (suiji_profile_error_quark ())

typedef enum
{
  SUIJI_PROFILE_ERROR_INVALID_YEAR,
  SUIJI_PROFILE_ERROR_INVALID_PHONE,
  SUIJI_PROFILE_ERROR_INVALID_MOBILE,
  SUIJI_PROFILE_ERROR_INVALID_TARGET,
  SUIJI_PROFILE_ERROR_TOO_LONG,
} SuijiProfileError;

GQuark            suiji_profile_error_quark (void);
SuijiUnitProfile *suiji_unit_profile_load (SuijiDatabase *db, GError **error);
gboolean          suiji_unit_profile_check (const SuijiUnitProfile *profile, GError **error);
gboolean
     suiji_unit_profile_save (SuijiDatabase *db, const SuijiUnitProfile *profile, GError **error);
void suiji_unit_profile_free (SuijiUnitProfile *profile);
gboolean suiji_yearly_targets_load (SuijiDatabase      *db,
                                    int                 year,
                                    SuijiYearlyTargets *targets,
                                    GError            **error);
gboolean suiji_yearly_targets_check (const SuijiYearlyTargets *targets, GError **error);
gboolean
suiji_yearly_targets_save (SuijiDatabase *db, const SuijiYearlyTargets *targets, GError **error);
gboolean suiji_unit_profile_save_with_targets (SuijiDatabase            *db,
                                               const SuijiUnitProfile   *profile,
                                               const SuijiYearlyTargets *targets,
                                               GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiUnitProfile, suiji_unit_profile_free)

G_END_DECLS
