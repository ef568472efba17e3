/* test-sample-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "suiji-department.h"
#include "suiji-profile.h"
#include "suiji-sample-data.h"

static SuijiDatabase *
open_named (const char *name)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), name, NULL);
  g_autoptr (GError) error = NULL;
  SuijiDatabase *db = suiji_database_open (path, &error);

  g_assert_no_error (error);
  return db;
}

static char *
describe_departments (SuijiDatabase *db)
{
  g_autoptr (GListModel) departments = suiji_department_list_all (db, NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr (SuijiDepartment) department = g_list_model_get_item (departments, i);
      g_string_append_printf (text, "%s|%s|%d\n", suiji_department_get_name (department),
                              suiji_department_get_short_name (department),
                              suiji_department_get_is_market_regulation (department));
    }

  return g_string_free (text, FALSE);
}

static void
test_fill_is_realistic (void)
{
  g_autoptr (SuijiDatabase) db = open_named ("sample.db");
  g_autoptr (SuijiUnitProfile) profile = NULL;
  g_autoptr (GListModel) departments = NULL;
  g_autoptr (GError) error = NULL;
  SuijiSampleDataCounts counts;
  guint                 n_market_regulation = 0;

  g_assert_true (suiji_database_is_empty (db));
  g_assert_true (suiji_sample_data_fill (db, 100, 1, &counts, &error));
  g_assert_no_error (error);
  g_assert_false (suiji_database_is_empty (db));

  departments = suiji_department_list_all (db, &error);
  g_assert_cmpuint (counts.departments, ==, g_list_model_get_n_items (departments));
  g_assert_cmpuint (counts.departments, >=, 10);

  for (guint i = 0; i < g_list_model_get_n_items (departments); i++)
    {
      g_autoptr (SuijiDepartment) department = g_list_model_get_item (departments, i);

      g_assert_true (g_str_has_prefix (suiji_department_get_name (department), "沙河市") ||
                     strstr (suiji_department_get_name (department), "沙河市") != NULL);
      n_market_regulation += suiji_department_get_is_market_regulation (department);
    }
  /* Exactly one bureau leads the 市场监管系统 rows. */
  g_assert_cmpuint (n_market_regulation, ==, 1);

  profile = suiji_unit_profile_load (db, &error);
  g_assert_cmpstr (profile->unit_name, ==, "沙河市市场监督管理局");
  g_assert_cmpint (profile->report_year, ==, 2025);
}

static void
test_fill_twice_adds_nothing (void)
{
  g_autoptr (SuijiDatabase) db = open_named ("twice.db");
  g_autofree char      *first = NULL;
  g_autofree char      *second = NULL;
  SuijiSampleDataCounts counts;

  g_assert_true (suiji_sample_data_fill (db, 10, 7, &counts, NULL));
  first = describe_departments (db);
  g_assert_true (suiji_sample_data_fill (db, 10, 7, &counts, NULL));
  g_assert_cmpuint (counts.departments, ==, 0);
  second = describe_departments (db);
  g_assert_cmpstr (first, ==, second);
}

static void
test_fill_is_deterministic (void)
{
  g_autoptr (SuijiDatabase) a = open_named ("a.db");
  g_autoptr (SuijiDatabase) b = open_named ("b.db");
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  g_assert_true (suiji_sample_data_fill (a, 50, 2025, NULL, NULL));
  g_assert_true (suiji_sample_data_fill (b, 50, 2025, NULL, NULL));
  text_a = describe_departments (a);
  text_b = describe_departments (b);
  g_assert_cmpstr (text_a, ==, text_b);
}

static void
test_fill_keeps_the_users_profile (void)
{
  g_autoptr (SuijiDatabase) db = open_named ("own.db");
  g_autoptr (SuijiUnitProfile) loaded = NULL;
  SuijiUnitProfile profile = {
    .unit_name = (char *) "沙河市应急管理局",
    .contact_person = (char *) "王工",
    .contact_phone = (char *) "",
    .mobile = (char *) "",
    .report_year = 2026,
  };

  g_assert_true (suiji_unit_profile_save (db, &profile, NULL));
  g_assert_true (suiji_sample_data_fill (db, 10, 1, NULL, NULL));
  loaded = suiji_unit_profile_load (db, NULL);
  g_assert_cmpstr (loaded->unit_name, ==, "沙河市应急管理局");
  g_assert_cmpint (loaded->report_year, ==, 2026);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/sample-data/realistic", test_fill_is_realistic);
  g_test_add_func ("/sample-data/twice", test_fill_twice_adds_nothing);
  g_test_add_func ("/sample-data/deterministic", test_fill_is_deterministic);
  g_test_add_func ("/sample-data/keeps-profile", test_fill_keeps_the_users_profile);

  return g_test_run ();
}
