/* suiji-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "suiji-database-private.h"
#include "suiji-profile.h"

/* Longer text would not fit the line of the printed form. */
#define MAX_FIELD_CHARS 100

/* clang-format off */
G_DEFINE_QUARK (suiji-profile-error-quark, suiji_profile_error)
/* clang-format on */

void
suiji_unit_profile_free (SuijiUnitProfile *profile)
{
  if (profile == NULL)
    return;

  g_free (profile->unit_name);
  g_free (profile->contact_person);
  g_free (profile->contact_phone);
  g_free (profile->mobile);
  g_free (profile);
}

/**
 * suiji_unit_profile_load:
 *
 * Returns: (transfer full): the profile, or %NULL with @error set
 */
SuijiUnitProfile *
suiji_unit_profile_load (SuijiDatabase *db, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  SuijiUnitProfile *profile;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);

  stmt = _suiji_database_prepare (db,
                                  "SELECT unit_name, contact_person, contact_phone, mobile,"
                                  " report_year FROM unit_profile WHERE id = 1",
                                  error);
  if (stmt == NULL)
    return NULL;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _suiji_database_set_error (db, error, _("Could not read the unit profile"));
      return NULL;
    }

  profile = g_new0 (SuijiUnitProfile, 1);
  profile->unit_name = g_strdup (_suiji_column_text (stmt, 0));
  profile->contact_person = g_strdup (_suiji_column_text (stmt, 1));
  profile->contact_phone = g_strdup (_suiji_column_text (stmt, 2));
  profile->mobile = g_strdup (_suiji_column_text (stmt, 3));
  profile->report_year = sqlite3_column_int (stmt, 4);

  return profile;
}

/* Phone numbers are written many ways (0319-8756862, (0319) 875 6862,
 * +86 138…); anything beyond digits and those separators is a typo. */
static gboolean
is_phone_number (const char *text)
{
  guint n_digits = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        n_digits++;
      else if (strchr (" -+()", *p) == NULL)
        return FALSE;
    }

  return *text == '\0' || n_digits >= 3;
}

static gboolean
check_length (const char *value, const char *field, GError **error)
{
  if (g_utf8_strlen (value, -1) > MAX_FIELD_CHARS)
    {
      g_set_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_TOO_LONG,
                   _("%s is longer than %d characters and would not fit on the form; "
                      "shorten it."),
                   field, MAX_FIELD_CHARS);
      return FALSE;
    }

  return TRUE;
}

/**
 * suiji_unit_profile_check:
 *
 * Checks the profile the way the form needs it; the error names the field
 * and says what is expected.
 */
gboolean
suiji_unit_profile_check (const SuijiUnitProfile *profile, GError **error)
{
  g_return_val_if_fail (profile != NULL, FALSE);

  if (profile->report_year < 2000 || profile->report_year > 2999)
    {
      g_set_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_INVALID_YEAR,
                   _("The report year %d is not between 2000 and 2999; enter a four-digit year in "
                      "that range."),
                   profile->report_year);
      return FALSE;
    }

  if (!check_length (profile->unit_name, _("The unit name"), error) ||
      !check_length (profile->contact_person, _("The contact person"), error) ||
      !check_length (profile->contact_phone, _("The contact phone"), error) ||
      !check_length (profile->mobile, _("The mobile number"), error))
    return FALSE;

  if (!is_phone_number (profile->contact_phone))
    {
      g_set_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_INVALID_PHONE,
                   _("The contact phone “%s” is not a phone number: write at least 3 digits, with "
                      "spaces and - + ( ) where you like."),
                   profile->contact_phone);
      return FALSE;
    }

  if (!is_phone_number (profile->mobile))
    {
      g_set_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_INVALID_MOBILE,
                   _("The mobile number “%s” is not a phone number: write at least 3 digits, with "
                      "spaces and - + ( ) where you like."),
                   profile->mobile);
      return FALSE;
    }

  return TRUE;
}

gboolean
suiji_unit_profile_save (SuijiDatabase *db, const SuijiUnitProfile *profile, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  if (!suiji_unit_profile_check (profile, error))
    return FALSE;

  stmt = _suiji_database_prepare (db,
                                  "UPDATE unit_profile SET unit_name = ?1, contact_person = ?2,"
                                  " contact_phone = ?3, mobile = ?4, report_year = ?5"
                                  " WHERE id = 1",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, profile->unit_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, profile->contact_person, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, profile->contact_phone, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, profile->mobile, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, profile->report_year);

  return _suiji_database_step_done (db, stmt, error);
}

/**
 * suiji_yearly_targets_load:
 *
 * Fills @targets with the year's targets, or with the defaults of the 2025
 * plan when the year has none stored.
 */
gboolean
suiji_yearly_targets_load (SuijiDatabase *db, int year, SuijiYearlyTargets *targets, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (targets != NULL, FALSE);

  stmt = _suiji_database_prepare (db,
                                  "SELECT joint_count_bp, joint_subjects_bp, credit_count_bp"
                                  " FROM yearly_targets WHERE year = ?1",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, year);

  targets->year = year;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      targets->joint_count_bp = sqlite3_column_int (stmt, 0);
      targets->joint_subjects_bp = sqlite3_column_int (stmt, 1);
      targets->credit_count_bp = sqlite3_column_int (stmt, 2);
      return TRUE;
    }

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (db, error, _("Could not read the yearly targets"));
      return FALSE;
    }

  targets->joint_count_bp = SUIJI_DEFAULT_JOINT_COUNT_BP;
  targets->joint_subjects_bp = SUIJI_DEFAULT_JOINT_SUBJECTS_BP;
  targets->credit_count_bp = SUIJI_DEFAULT_CREDIT_COUNT_BP;

  return TRUE;
}

gboolean
suiji_yearly_targets_check (const SuijiYearlyTargets *targets, GError **error)
{
  const int values[] = {
    targets->joint_count_bp,
    targets->joint_subjects_bp,
    targets->credit_count_bp,
  };

  if (targets->year < 2000 || targets->year > 2999)
    {
      g_set_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_INVALID_YEAR,
                   _("The year %d of the targets is not between 2000 and 2999; enter a four-digit "
                      "year in that range."),
                   targets->year);
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      if (values[i] < 0 || values[i] > 10000)
        {
          g_set_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_INVALID_TARGET,
                       _("A target must lie between 0 %% and 100 %%; %.2f %% is outside."),
                       values[i] / 100.0);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
suiji_yearly_targets_save (SuijiDatabase *db, const SuijiYearlyTargets *targets, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  if (!suiji_yearly_targets_check (targets, error))
    return FALSE;

  stmt = _suiji_database_prepare (db,
                                  "INSERT INTO yearly_targets"
                                  " (year, joint_count_bp, joint_subjects_bp, credit_count_bp)"
                                  " VALUES (?1, ?2, ?3, ?4)"
                                  " ON CONFLICT (year) DO UPDATE SET"
                                  "  joint_count_bp = excluded.joint_count_bp,"
                                  "  joint_subjects_bp = excluded.joint_subjects_bp,"
                                  "  credit_count_bp = excluded.credit_count_bp",
                                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int (stmt, 1, targets->year);
  sqlite3_bind_int (stmt, 2, targets->joint_count_bp);
  sqlite3_bind_int (stmt, 3, targets->joint_subjects_bp);
  sqlite3_bind_int (stmt, 4, targets->credit_count_bp);

  return _suiji_database_step_done (db, stmt, error);
}

/**
 * suiji_unit_profile_save_with_targets:
 *
 * Saves the profile and the targets of one year together, or neither.
 */
gboolean
suiji_unit_profile_save_with_targets (SuijiDatabase            *db,
                                      const SuijiUnitProfile   *profile,
                                      const SuijiYearlyTargets *targets,
                                      GError                  **error)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  if (!suiji_unit_profile_check (profile, error) || !suiji_yearly_targets_check (targets, error) ||
      !_suiji_database_begin (db, error))
    return FALSE;

  if (!suiji_unit_profile_save (db, profile, error) ||
      !suiji_yearly_targets_save (db, targets, error) || !_suiji_database_commit (db, error))
    {
      _suiji_database_rollback (db);
      return FALSE;
    }

  return TRUE;
}
