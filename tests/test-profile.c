/* test-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "suiji-format.h"
#include "suiji-profile.h"

static SuijiDatabase *
open_fresh (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "profile.db", NULL);
  g_autoptr (GError) error = NULL;
  SuijiDatabase *db = suiji_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

static void
test_new_profile_is_blank_for_this_year (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiUnitProfile) profile = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GError) error = NULL;

  profile = suiji_unit_profile_load (db, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (profile->unit_name, ==, "");
  g_assert_cmpint (profile->report_year, ==, g_date_time_get_year (now));
}

static void
test_profile_round_trip (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiUnitProfile) loaded = NULL;
  g_autoptr (GError) error = NULL;
  SuijiUnitProfile profile = {
    .unit_name = (char *) "沙河市教育局",
    .contact_person = (char *) "孟庆轩",
    .contact_phone = (char *) "(0319) 875-6862",
    .mobile = (char *) "+86 138 0000 0000",
    .report_year = 2025,
  };

  g_assert_true (suiji_unit_profile_save (db, &profile, &error));
  g_assert_no_error (error);

  loaded = suiji_unit_profile_load (db, &error);
  g_assert_cmpstr (loaded->unit_name, ==, profile.unit_name);
  g_assert_cmpstr (loaded->contact_person, ==, profile.contact_person);
  g_assert_cmpstr (loaded->contact_phone, ==, profile.contact_phone);
  g_assert_cmpstr (loaded->mobile, ==, profile.mobile);
  g_assert_cmpint (loaded->report_year, ==, 2025);
}

static void
test_profile_refuses_bad_fields (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiUnitProfile) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *long_name = g_strnfill (101, 'x');
  SuijiUnitProfile profile = {
    .unit_name = (char *) "沙河市教育局",
    .contact_person = (char *) "",
    .contact_phone = (char *) "8756862转",
    .mobile = (char *) "",
    .report_year = 2025,
  };

  g_assert_false (suiji_unit_profile_save (db, &profile, &error));
  g_assert_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_INVALID_PHONE);
  g_assert_nonnull (strstr (error->message, "8756862转"));
  g_clear_error (&error);

  profile.contact_phone = (char *) "8756862";
  profile.mobile = (char *) "138-abc";
  g_assert_false (suiji_unit_profile_save (db, &profile, &error));
  g_assert_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_INVALID_MOBILE);
  g_clear_error (&error);

  profile.mobile = (char *) "";
  profile.report_year = 1999;
  g_assert_false (suiji_unit_profile_save (db, &profile, &error));
  g_assert_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_INVALID_YEAR);
  g_clear_error (&error);

  profile.report_year = 2025;
  profile.unit_name = long_name;
  g_assert_false (suiji_unit_profile_save (db, &profile, &error));
  g_assert_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_TOO_LONG);
  g_clear_error (&error);

  /* Nothing of the refused saves reached the database. */
  loaded = suiji_unit_profile_load (db, &error);
  g_assert_cmpstr (loaded->unit_name, ==, "");
}

static void
test_targets_default_and_per_year (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (GError) error = NULL;
  SuijiYearlyTargets targets;
  SuijiYearlyTargets next_year = { 2026, 6500, 5500, 9600 };

  g_assert_true (suiji_yearly_targets_load (db, 2025, &targets, &error));
  g_assert_cmpint (targets.year, ==, 2025);
  g_assert_cmpint (targets.joint_count_bp, ==, 6000);
  g_assert_cmpint (targets.joint_subjects_bp, ==, 5000);
  g_assert_cmpint (targets.credit_count_bp, ==, 9500);

  g_assert_true (suiji_yearly_targets_save (db, &next_year, &error));
  g_assert_true (suiji_yearly_targets_load (db, 2026, &targets, &error));
  g_assert_cmpint (targets.joint_count_bp, ==, 6500);
  g_assert_cmpint (targets.credit_count_bp, ==, 9600);
  g_assert_true (suiji_yearly_targets_load (db, 2025, &targets, &error));
  g_assert_cmpint (targets.joint_count_bp, ==, 6000);

  next_year.credit_count_bp = 10001;
  g_assert_false (suiji_yearly_targets_save (db, &next_year, &error));
  g_assert_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_INVALID_TARGET);
}

static void
test_profile_and_targets_save_together (void)
{
  g_autoptr (SuijiDatabase) db = open_fresh ();
  g_autoptr (SuijiUnitProfile) loaded = NULL;
  g_autoptr (GError) error = NULL;
  SuijiUnitProfile profile = {
    .unit_name = (char *) "沙河市商务局",
    .contact_person = (char *) "",
    .contact_phone = (char *) "",
    .mobile = (char *) "",
    .report_year = 2025,
  };
  SuijiYearlyTargets targets = { 2025, 7000, 5000, -1 };

  g_assert_false (suiji_unit_profile_save_with_targets (db, &profile, &targets, &error));
  g_assert_error (error, SUIJI_PROFILE_ERROR, SUIJI_PROFILE_ERROR_INVALID_TARGET);
  g_clear_error (&error);
  loaded = suiji_unit_profile_load (db, &error);
  g_assert_cmpstr (loaded->unit_name, ==, "");
  g_clear_pointer (&loaded, suiji_unit_profile_free);

  targets.credit_count_bp = 9000;
  g_assert_true (suiji_unit_profile_save_with_targets (db, &profile, &targets, &error));
  loaded = suiji_unit_profile_load (db, &error);
  g_assert_cmpstr (loaded->unit_name, ==, "沙河市商务局");
  g_assert_true (suiji_yearly_targets_load (db, 2025, &targets, &error));
  g_assert_cmpint (targets.joint_count_bp, ==, 7000);
  g_assert_cmpint (targets.credit_count_bp, ==, 9000);
}

static void
test_percent_formatting (void)
{
  const struct
  {
    int         bp;
    const char *text;
  } cases[] = {
    { 6000, "60%" }, { 9500, "95%" }, { 250, "2.5%" },   { 75, "0.75%" },
    { 5, "0.05%" },  { 0, "0%" },     { 10000, "100%" }, { -150, "-1.5%" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = suiji_format_bp_as_percent (cases[i].bp);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/profile/new-is-blank", test_new_profile_is_blank_for_this_year);
  g_test_add_func ("/profile/round-trip", test_profile_round_trip);
  g_test_add_func ("/profile/refuses-bad-fields", test_profile_refuses_bad_fields);
  g_test_add_func ("/profile/targets", test_targets_default_and_per_year);
  g_test_add_func ("/profile/save-together", test_profile_and_targets_save_together);
  g_test_add_func ("/format/percent", test_percent_formatting);

  return g_test_run ();
}
