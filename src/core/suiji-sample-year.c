/* suiji-sample-year.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A year of the sample's random inspections: about sixty tasks of the
 * 沙河市 departments, drawn through the real draw on working days spread
 * over the year, and their results entered through the result API. The
 * plan below is shaped so that some departments meet the 2025 targets
 * (joint inspections 60 % by count and 50 % by subjects, 95 % by credit
 * class) and others miss one: the progress charts have both to show.
 */

#define G_LOG_DOMAIN "suiji-sample-data"

#include "config.h"

#include <string.h>

#include "suiji-database-private.h"
#include "suiji-deadlines.h"
#include "suiji-result-private.h"
#include "suiji-sample-data-private.h"
#include "suiji-task-draw.h"
#include "suiji-task-private.h"

/* What each department runs in the year. Its joint tasks are joined by
 * its partners in turn, every third one by two of them. */
static const struct
{
  const char *department;     /* short name */
  guint       internal;       /* tasks alone on the Hebei platform */
  guint       joint;          /* joint tasks it leads */
  guint       not_stratified; /* of its own tasks, drawn without the credit classes */
  guint       other_platform; /* further tasks alone on another platform */
  const char *partners[3];
} plans[] = {
  /* Meets every target: mostly joint tasks, one trade across the city. */
  { "市场监管局", 4, 9, 0, 0, { "卫生健康局", "消防救援大队", "商务局" } },
  /* Checks taxpayers alone, partly in its own system: misses the joint targets. */
  { "税务局", 3, 1, 0, 2, { "市场监管局", NULL, NULL } },
  { "生态环境局", 1, 3, 0, 0, { "市场监管局", "应急管理局", NULL } },
  /* Its mine checks are not drawn by class: misses the credit target. */
  { "应急管理局", 1, 3, 1, 0, { "生态环境局", "市场监管局", "消防救援大队" } },
  { "住房和城乡建设局", 2, 2, 1, 0, { "应急管理局", "市场监管局", NULL } },
  { "自然资源和规划局", 1, 2, 0, 0, { "生态环境局", "水利局", NULL } },
  { "交通运输局", 1, 3, 0, 0, { "市场监管局", "应急管理局", NULL } },
  { "农业农村局", 2, 2, 0, 0, { "市场监管局", "生态环境局", NULL } },
  { "卫生健康局", 1, 2, 0, 0, { "市场监管局", "教育局", NULL } },
  { "文化广电和旅游局", 1, 1, 0, 0, { "消防救援大队", "市场监管局", NULL } },
  /* Runs its school checks alone: misses the joint targets. */
  { "教育局", 2, 0, 0, 0, { NULL, NULL, NULL } },
  { "人力资源和社会保障局", 2, 0, 0, 1, { NULL, NULL, NULL } },
  { "商务局", 1, 1, 0, 0, { "市场监管局", NULL, NULL } },
  { "水利局", 2, 1, 1, 0, { "自然资源和规划局", NULL, NULL } },
  { "消防救援大队", 1, 2, 1, 0, { "应急管理局", "文化广电和旅游局", NULL } },
};

/* The results as they are spread on the national record sheet. */
static const struct
{
  guint       weight;
  const char *label;
  gboolean    problem;
} outcomes[] = {
  { 700, "未发现问题", FALSE },
  { 70, "发现问题待后续处理", TRUE },
  { 100, "发现问题经责令已改正", TRUE },
  { 50, "未发现开展本次抽查涉及的经营活动", FALSE },
  { 30, "已关闭停业或正在组织清算", FALSE },
  { 10, "不配合检查情节严重", TRUE },
  { 40, "已注销/被吊销/迁出", FALSE },
};

static const char *const problem_areas[] = {
  "未按规定公示应当公示的信息",
  "未按规定公示应当公示的信息",
  "公示信息隐瞒真实情况弄虚作假",
  "通过登记的住所（经营场所）无法联系",
  "违反其他规定",
  "违反其他规定",
};

/* The trades the market bureau's joint tasks check, by the labels of the
 * sample's subjects. */
static const char *const market_trades[] = {
  "食品经营", "玻璃行业", "重点工业产品", "特种设备", "小微企业", "食品生产",
};

/* The inspection period of a task, from its draw. */
#define INSPECTION_DAYS 30

/* Below this many subjects of its own, a department draws from a township's enterprises. */
#define FEW_SUBJECTS 30

typedef struct
{
  gint64     id;
  char      *name;
  char      *short_name;
  GArray    *items;        /* gint64 */
  GPtrArray *item_methods; /* each item's method */
  guint      n_subjects;   /* in the directory, that it answers for */
} Department;

static void
department_clear (Department *department)
{
  g_free (department->name);
  g_free (department->short_name);
  g_array_unref (department->items);
  g_ptr_array_unref (department->item_methods);
}

/* One task of the plan before it gets its day. */
typedef struct
{
  guint    lead;        /* into the departments */
  guint    partners[2]; /* G_MAXUINT: none */
  guint    item;        /* the lead's item, in turn */
  gboolean stratified;
  gboolean other_platform;
} PlannedTask;

typedef struct
{
  SuijiDatabase *db;
  GRand         *rand;
  int            year;
  GArray        *departments; /* Department */
  GPtrArray     *regions;
  SuijiCalendar *calendar;
  GArray        *edits; /* SuijiResultEdit for the whole year */
  guint          n_tasks;
  guint          n_subjects;
} Year;

static guint
find_department (Year *year, const char *short_name)
{
  for (guint i = 0; short_name != NULL && i < year->departments->len; i++)
    if (g_str_equal (g_array_index (year->departments, Department, i).short_name, short_name))
      return i;

  return G_MAXUINT;
}

static gboolean
load_departments (Year *year, GError **error)
{
  g_autoptr (sqlite3_stmt) departments = NULL;
  g_autoptr (sqlite3_stmt) items = NULL;
  g_autoptr (sqlite3_stmt) regions = NULL;

  departments = _suiji_database_prepare (year->db,
                                         "SELECT id, name, short_name, (SELECT count(*) FROM"
                                         " subjects s WHERE s.department_id = d.id)"
                                         " FROM departments d ORDER BY sort_order, id",
                                         error);
  items = _suiji_database_prepare (
      year->db, "SELECT id, method FROM items WHERE department_id = ?1 ORDER BY id", error);
  regions = _suiji_database_prepare (
      year->db, "SELECT DISTINCT region FROM subjects WHERE region <> '' ORDER BY region", error);
  if (departments == NULL || items == NULL || regions == NULL)
    return FALSE;

  while (sqlite3_step (departments) == SQLITE_ROW)
    {
      Department department = {
        .id = sqlite3_column_int64 (departments, 0),
        .name = g_strdup (_suiji_column_text (departments, 1)),
        .short_name = g_strdup (_suiji_column_text (departments, 2)),
        .items = g_array_new (FALSE, FALSE, sizeof (gint64)),
        .item_methods = g_ptr_array_new_with_free_func (g_free),
        .n_subjects = (guint) sqlite3_column_int (departments, 3),
      };

      sqlite3_bind_int64 (items, 1, department.id);
      while (sqlite3_step (items) == SQLITE_ROW)
        {
          gint64 item = sqlite3_column_int64 (items, 0);

          g_array_append_val (department.items, item);
          g_ptr_array_add (department.item_methods, g_strdup (_suiji_column_text (items, 1)));
        }
      sqlite3_reset (items);
      g_array_append_val (year->departments, department);
    }

  while (sqlite3_step (regions) == SQLITE_ROW)
    g_ptr_array_add (year->regions, g_strdup (_suiji_column_text (regions, 0)));

  return TRUE;
}

typedef enum
{
  KIND_JOINT,
  KIND_INTERNAL,
  KIND_OTHER_PLATFORM,
  N_KINDS,
} TaskKind;

/* The kind of a department's task of @round: the kinds spread evenly
 * over its year, so that a month's forms already show each of them. */
static TaskKind
kind_of_round (const guint counts[N_KINDS], guint round)
{
  guint    placed[N_KINDS] = { 0 };
  TaskKind kind = KIND_JOINT;

  for (guint r = 0; r <= round; r++)
    {
      double best = G_MAXDOUBLE;

      for (guint k = 0; k < N_KINDS; k++)
        {
          double next = (placed[k] + 0.5) / counts[k];

          if (placed[k] < counts[k] && next < best)
            {
              best = next;
              kind = (TaskKind) k;
            }
        }
      placed[kind]++;
    }

  return kind;
}

/* Whether the @nth of @total tasks is one of the @n_marked spread evenly
 * among them. */
static gboolean
is_marked (guint nth, guint total, guint n_marked)
{
  for (guint j = 0; j < n_marked; j++)
    if ((2 * j + 1) * total / (2 * n_marked) == nth)
      return TRUE;

  return FALSE;
}

/* The year's tasks, interleaved department by department so that every
 * department draws all year round. */
static GArray *
plan_tasks (Year *year)
{
  GArray *planned = g_array_new (FALSE, TRUE, sizeof (PlannedTask));
  guint   done[G_N_ELEMENTS (plans)][N_KINDS] = { { 0 } };
  guint   round = 0;
  guint   added;

  do
    {
      added = 0;
      for (guint p = 0; p < G_N_ELEMENTS (plans); p++)
        {
          const guint counts[N_KINDS] = { plans[p].joint, plans[p].internal,
                                          plans[p].other_platform };
          PlannedTask task = { .item = round, .partners = { G_MAXUINT, G_MAXUINT } };
          guint       n_hebei = plans[p].joint + plans[p].internal;
          TaskKind    kind;

          task.lead = find_department (year, plans[p].department);
          if (task.lead == G_MAXUINT || round >= n_hebei + plans[p].other_platform)
            continue;

          kind = kind_of_round (counts, round);
          if (kind == KIND_JOINT)
            {
              guint n_partners = 0;
              guint joint = done[p][KIND_JOINT];

              while (n_partners < G_N_ELEMENTS (plans[p].partners) &&
                     plans[p].partners[n_partners] != NULL)
                n_partners++;
              task.partners[0] = find_department (year, plans[p].partners[joint % n_partners]);
              if (joint % 3 == 2 && n_partners > 1)
                task.partners[1] =
                    find_department (year, plans[p].partners[(joint + 1) % n_partners]);
            }

          /* Those not drawn by class are spread over the Hebei ones. */
          task.other_platform = kind == KIND_OTHER_PLATFORM;
          task.stratified =
              task.other_platform || !is_marked (done[p][KIND_JOINT] + done[p][KIND_INTERNAL],
                                                 n_hebei, plans[p].not_stratified);

          done[p][kind]++;
          g_array_append_val (planned, task);
          added++;
        }
      round++;
    }
  while (added > 0);

  return planned;
}

static void
add_edit (Year *year, gint64 draw_id, guint position, SuijiResultField field, char *text)
{
  SuijiResultEdit edit = { draw_id, position, field, text };

  g_array_append_val (year->edits, edit);
}

static char *
day_after (const char *iso, guint n_days)
{
  GDate day;

  if (!suiji_date_parse_iso (iso, &day))
    g_return_val_if_reached (NULL);
  g_date_add_days (&day, n_days);
  return suiji_date_dup_iso (&day);
}

static char *
working_day_after (Year *year, const char *iso, guint n_days)
{
  return suiji_calendar_add_working_days_iso (year->calendar, iso, n_days);
}

static guint
pick_outcome (GRand *rand)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    total += outcomes[i].weight;

  pick = (guint) g_rand_int_range (rand, 0, (gint32) total);
  for (guint i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      if (pick < outcomes[i].weight)
        return i;
      pick -= outcomes[i].weight;
    }

  g_return_val_if_reached (0);
}

/* The result of one drawn subject as the inspectors would enter it: most
 * checked within the period, a few problems with their follow-up, most
 * published on time, some late, the last ones of the year still open. */
static void
plan_result (Year        *year,
             gint64       draw_id,
             guint        position,
             const char  *drawn_on,
             const char  *method,
             char *const *inspectors,
             double       year_fraction)
{
  GRand           *rand = year->rand;
  g_autofree char *inspected = NULL;
  guint            outcome;

  /* Late in the year fewer checks are done yet. */
  if (g_rand_double (rand) > (year_fraction < 0.85 ? 0.97 : 0.55))
    return;

  inspected = working_day_after (year, drawn_on, (guint) g_rand_int_range (rand, 2, 20));
  outcome = pick_outcome (rand);

  add_edit (year, draw_id, position, SUIJI_RESULT_FIELD_INSPECTED_ON, g_strdup (inspected));
  add_edit (year, draw_id, position, SUIJI_RESULT_FIELD_CATEGORY,
            g_strdup (outcomes[outcome].label));
  add_edit (year, draw_id, position, SUIJI_RESULT_FIELD_METHOD,
            g_strdup (g_rand_int_range (rand, 0, 10) == 0 ? "信息共享/专业意见"
                      : g_str_equal (method, "现场检查")  ? "实地检查"
                                                          : method));
  if (inspectors != NULL && inspectors[0] != NULL)
    add_edit (year, draw_id, position, SUIJI_RESULT_FIELD_INSPECTORS,
              g_strjoinv ("、", (char **) inspectors));

  if (outcomes[outcome].problem)
    {
      const char *area = problem_areas[g_rand_int_range (rand, 0, G_N_ELEMENTS (problem_areas))];
      gboolean    listed = g_str_equal (outcomes[outcome].label, "不配合检查情节严重") ||
                        g_str_equal (area, "通过登记的住所（经营场所）无法联系");

      if (!g_str_equal (outcomes[outcome].label, "不配合检查情节严重"))
        add_edit (year, draw_id, position, SUIJI_RESULT_FIELD_PROBLEM_AREA, g_strdup (area));
      add_edit (year, draw_id, position, SUIJI_RESULT_FIELD_FOLLOW_UP,
                g_strdup (listed ? "列入经营异常名录" : "责令改正"));
      if (g_rand_int_range (rand, 0, 10) < 7)
        add_edit (year, draw_id, position, SUIJI_RESULT_FIELD_FOLLOW_UP_DONE_ON,
                  day_after (inspected, (guint) g_rand_int_range (rand, 3, 30)));
    }
  else
    {
      add_edit (year, draw_id, position, SUIJI_RESULT_FIELD_FOLLOW_UP, g_strdup ("无需处置"));
    }

  /* Published within the 20 working days mostly; one in twelve late, one
   * in twenty-five not yet. */
  switch (g_rand_int_range (rand, 0, 100))
    {
    case 0 ... 3:
      break;
    case 4 ... 11:
      add_edit (year, draw_id, position, SUIJI_RESULT_FIELD_PUBLISHED_ON,
                working_day_after (year, inspected, (guint) g_rand_int_range (rand, 21, 35)));
      break;
    default:
      add_edit (year, draw_id, position, SUIJI_RESULT_FIELD_PUBLISHED_ON,
                working_day_after (year, inspected, (guint) g_rand_int_range (rand, 1, 21)));
      break;
    }
}

static gboolean
run_task (Year *year, const PlannedTask *planned, const char *drawn_on, guint index, GError **error)
{
  const Department *lead = &g_array_index (year->departments, Department, planned->lead);
  g_autoptr (SuijiTaskRecord) task = suiji_task_record_new ();
  g_autoptr (SuijiDrawRecord) record = NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autofree char *time = NULL;
  g_autofree char *item_name = NULL;
  g_autoptr (sqlite3_stmt) item = NULL;
  const char          *method = "书面检查";
  const char          *region;
  gboolean             joint = planned->partners[0] != G_MAXUINT;
  guint8               seed[SUIJI_DRAW_SEED_SIZE];
  const SuijiDrawPick *picks;
  guint                n_picks;
  gint64               task_id, draw_id;
  guint                none = 0;

  task->year = year->year;
  task->stratified = planned->stratified;
  g_array_append_val (task->department_ids, lead->id);
  g_array_append_val (task->department_inspectors, none);
  for (guint i = 0; joint && i < G_N_ELEMENTS (planned->partners); i++)
    if (planned->partners[i] != G_MAXUINT && planned->partners[i] != planned->lead)
      {
        g_array_append_val (task->department_ids,
                            g_array_index (year->departments, Department, planned->partners[i]).id);
        g_array_append_val (task->department_inspectors, none);
      }
  if (planned->other_platform)
    {
      g_free (task->platform);
      task->platform = g_strdup (SUIJI_PLATFORM_OTHER);
    }

  if (lead->items->len > 0)
    {
      guint  which = planned->item % lead->items->len;
      gint64 item_id = g_array_index (lead->items, gint64, which);

      g_array_append_val (task->item_ids, item_id);
      method = g_ptr_array_index (lead->item_methods, which);
      item = _suiji_database_prepare (year->db, "SELECT name FROM items WHERE id = ?1", error);
      if (item == NULL)
        return FALSE;
      sqlite3_bind_int64 (item, 1, item_id);
      if (sqlite3_step (item) == SQLITE_ROW)
        item_name = g_strdup (_suiji_column_text (item, 0));
    }

  /* The bureau's local offices check their own township alone, and its
   * joint tasks one trade across the city; other departments draw from
   * all the subjects they answer for. A department that answers for few
   * subjects of its own checks the enterprises of a township. */
  g_free (task->pool_filter);
  region =
      year->regions->len > 0 ? g_ptr_array_index (year->regions, index % year->regions->len) : NULL;
  if (lead->n_subjects < FEW_SUBJECTS && region != NULL)
    task->pool_filter = g_strdup_printf ("type=企业,region=%s", region);
  else if (planned->lead == find_department (year, "市场监管局") && joint)
    task->pool_filter =
        g_strdup_printf ("department=%s,label=%s", lead->name,
                         market_trades[planned->item % G_N_ELEMENTS (market_trades)]);
  else if (planned->lead == find_department (year, "市场监管局") && region != NULL)
    task->pool_filter = g_strdup_printf ("department=%s,region=%s", lead->name, region);
  else
    task->pool_filter = g_strdup_printf ("department=%s", lead->name);

  task->name = g_strdup_printf (
      "%d年%s（%s第%u批）", year->year, item_name != NULL ? item_name : lead->short_name,
      joint ? "部门联合，" : "", planned->item / MAX (lead->items->len, 1) + 1);
  task->period_start = g_strdup (drawn_on);
  task->period_end = day_after (drawn_on, INSPECTION_DAYS);

  if (planned->stratified)
    {
      if (!suiji_task_default_rules (year->db, task, error))
        return FALSE;
    }
  else
    {
      suiji_task_record_add_rule (task, "全部", 500, -1);
    }

  task_id = _suiji_task_insert (year->db, task, error);
  if (task_id == 0)
    return FALSE;

  time = g_strdup_printf ("%sT%02u:30:00+08:00", drawn_on, 9 + index % 7);
  at = g_date_time_new_from_iso8601 (time, NULL);
  record = suiji_task_prepare_draw_at (year->db, task_id, at, error);
  if (record == NULL)
    return FALSE;

  for (guint i = 0; i < SUIJI_DRAW_SEED_SIZE; i++)
    seed[i] = (guint8) g_rand_int_range (year->rand, 0, 256);
  suiji_draw_record_set_seed_random (record, seed);
  if (!suiji_draw_run (record, error))
    return FALSE;
  draw_id = _suiji_task_insert_draw (year->db, task_id, record, error);
  if (draw_id == 0)
    return FALSE;

  picks = suiji_draw_record_get_picks (record, &n_picks);
  for (guint i = 0; i < n_picks; i++)
    plan_result (year, draw_id, i, drawn_on, method, picks[i].inspectors,
                 (double) g_date_time_get_day_of_year (at) / 365.0);

  year->n_tasks++;
  year->n_subjects += n_picks;
  return TRUE;
}

/* The working day on or after the @day_of_year-th day of the year. */
static char *
working_day (Year *year, guint day_of_year)
{
  GDate day;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 1, G_DATE_JANUARY, (GDateYear) year->year);
  g_date_add_days (&day, day_of_year);
  while (!suiji_calendar_is_working_day (year->calendar, &day))
    g_date_add_days (&day, 1);

  return suiji_date_dup_iso (&day);
}

/**
 * _suiji_sample_year_fill:
 * @rand: the generator of the year, from the sample's seed
 * @n_tasks: (out): the tasks added
 * @n_subjects: (out): the subjects they drew
 *
 * Adds the year of tasks, draws and results inside the caller's
 * transaction; a year that already has tasks is left as it is.
 */
gboolean
_suiji_sample_year_fill (SuijiDatabase *db,
                         int            report_year,
                         GRand         *rand,
                         guint         *n_tasks,
                         guint         *n_subjects,
                         GError       **error)
{
  g_autoptr (sqlite3_stmt) existing = NULL;
  g_autoptr (GArray) planned = NULL;
  g_autoptr (GArray) departments = g_array_new (FALSE, TRUE, sizeof (Department));
  g_autoptr (GPtrArray) regions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) edits = g_array_new (FALSE, TRUE, sizeof (SuijiResultEdit));
  g_autoptr (SuijiCalendar) calendar = NULL;
  Year year = {
    .db = db,
    .rand = rand,
    .year = report_year,
    .departments = departments,
    .regions = regions,
    .edits = edits,
  };

  *n_tasks = 0;
  *n_subjects = 0;
  g_array_set_clear_func (departments, (GDestroyNotify) department_clear);
  g_array_set_clear_func (edits, (GDestroyNotify) suiji_result_edit_clear);

  existing = _suiji_database_prepare (
      db,
      "SELECT EXISTS (SELECT 1 FROM tasks WHERE year = ?1) OR NOT EXISTS (SELECT 1 FROM subjects)",
      error);
  if (existing == NULL)
    return FALSE;
  sqlite3_bind_int (existing, 1, report_year);
  if (sqlite3_step (existing) != SQLITE_ROW || sqlite3_column_int (existing, 0) != 0)
    return TRUE;

  calendar = suiji_calendar_load (db, error);
  if (calendar == NULL || !load_departments (&year, error))
    return FALSE;
  year.calendar = calendar;

  /* From the second week of February (after the Spring Festival) to the
   * beginning of December. */
  planned = plan_tasks (&year);
  for (guint i = 0; i < planned->len; i++)
    {
      g_autofree char *drawn_on = working_day (&year, 38 + i * 290 / MAX (planned->len, 1));

      if (!run_task (&year, &g_array_index (planned, PlannedTask, i), drawn_on, i, error))
        return FALSE;
    }

  if (!_suiji_result_apply (db, (SuijiResultEdit *) edits->data, edits->len, error))
    return FALSE;

  *n_tasks = year.n_tasks;
  *n_subjects = year.n_subjects;
  return TRUE;
}
