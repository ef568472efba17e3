/* suiji-sample-data.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-sample-data"

#include "config.h"

#include "suiji-database-private.h"
#include "suiji-department.h"
#include "suiji-profile.h"
#include "suiji-sample-data.h"

/* The city departments that take part in 沙河市's random inspections, in the
 * order the bureau lists them. The names are data: they are never translated. */
static const struct
{
  const char *name;
  const char *short_name;
  gboolean    is_market_regulation;
} sample_departments[] = {
  { "沙河市市场监督管理局", "市场监管局", TRUE },
  { "国家税务总局沙河市税务局", "税务局", FALSE },
  { "邢台市生态环境局沙河市分局", "生态环境局", FALSE },
  { "沙河市应急管理局", "应急管理局", FALSE },
  { "沙河市住房和城乡建设局", "住房和城乡建设局", FALSE },
  { "沙河市自然资源和规划局", "自然资源和规划局", FALSE },
  { "沙河市交通运输局", "交通运输局", FALSE },
  { "沙河市农业农村局", "农业农村局", FALSE },
  { "沙河市卫生健康局", "卫生健康局", FALSE },
  { "沙河市文化广电和旅游局", "文化广电和旅游局", FALSE },
  { "沙河市教育局", "教育局", FALSE },
  { "沙河市人力资源和社会保障局", "人力资源和社会保障局", FALSE },
  { "沙河市商务局", "商务局", FALSE },
  { "沙河市水利局", "水利局", FALSE },
  { "沙河市消防救援大队", "消防救援大队", FALSE },
};

/**
 * suiji_sample_data_fill:
 * @n_subjects: how many subjects to generate, once the directories exist
 * @seed: the generator's seed; the same seed gives the same data set
 *
 * Fills the database with a realistic 沙河市 data set, in one transaction.
 * Rows that already exist (by their natural key) are kept, so filling twice
 * changes nothing.
 */
gboolean
suiji_sample_data_fill (SuijiDatabase         *db,
                        guint                  n_subjects,
                        guint64                seed,
                        SuijiSampleDataCounts *counts,
                        GError               **error)
{
  g_autoptr (SuijiUnitProfile) profile = NULL;
  SuijiSampleDataCounts added = { 0 };

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), FALSE);

  if (!_suiji_database_begin (db, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sample_departments); i++)
    {
      int before = sqlite3_total_changes (_suiji_database_get_handle (db));

      if (suiji_department_ensure (db, sample_departments[i].name, sample_departments[i].short_name,
                                   sample_departments[i].is_market_regulation, error) == 0)
        goto failed;

      if (sqlite3_total_changes (_suiji_database_get_handle (db)) > before)
        added.departments++;
    }

  /* The sample is the 2025 plan of the 沙河市 bureau; a profile the user
   * already filled in is theirs and stays. */
  profile = suiji_unit_profile_load (db, error);
  if (profile == NULL)
    goto failed;

  if (*profile->unit_name == '\0')
    {
      g_free (profile->unit_name);
      g_free (profile->contact_person);
      g_free (profile->contact_phone);
      profile->unit_name = g_strdup ("沙河市市场监督管理局");
      profile->contact_person = g_strdup ("刘向向");
      profile->contact_phone = g_strdup ("0319-8756862");
      profile->report_year = 2025;
      if (!suiji_unit_profile_save (db, profile, error))
        goto failed;
    }

  /* Subjects, inspectors and items join the sample as their tables land;
   * n_subjects and seed are already part of the command's contract. */
  (void) n_subjects;
  (void) seed;

  if (!_suiji_database_commit (db, error))
    goto failed;

  if (counts != NULL)
    *counts = added;

  return TRUE;

failed:
  _suiji_database_rollback (db);
  return FALSE;
}
