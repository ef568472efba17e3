/* suiji-database.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-database"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "suiji-database-private.h"

struct _SuijiDatabase
{
  GObject parent_instance;

  sqlite3 *handle;
  char    *path;
  char    *backup_path;
  int      schema_version;
};

G_DEFINE_FINAL_TYPE (SuijiDatabase, suiji_database, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_QUARK (suiji-database-error-quark, suiji_database_error)
/* clang-format on */

/* Adds a new or changed result to the row of its inspection day in
 * result_tallies: in the triggers of migration 4. */
#define TALLY_INSPECTION_DAY                                                                       \
  "    INSERT INTO result_tallies (draw_id, day, enterprise, completed, problem)"                  \
  "      SELECT NEW.draw_id, NEW.inspected_on, NEW.subject_type = '企业', 1,"                    \
  "        c.counts_as_problem FROM result_categories c"                                           \
  "      WHERE c.code = NEW.category AND c.counts_as_completed = 1"                                \
  "        AND NEW.inspected_on IS NOT NULL"                                                       \
  "      ON CONFLICT (draw_id, day, enterprise) DO UPDATE"                                         \
  "        SET completed = completed + 1, problem = problem + excluded.problem;"

/* How long a write waits for another program's write to end: the window
 * and suiji-cli take turns on one file without the user seeing it. */
#define SUIJI_DATABASE_BUSY_TIMEOUT_MS 5000

/* SQLite's own default: the log is copied into the file at the commit
 * that brings it past this many pages. */
#define SUIJI_DATABASE_AUTOCHECKPOINT_PAGES 1000

/* Each entry brings the schema from version i to version i + 1. Entries are
 * never edited once released: a change to the schema is a new entry. */
static const char *const migrations[] = {
  /* 0 → 1: departments, the unit profile and the yearly targets. */
  "CREATE TABLE departments ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),"
  "  short_name TEXT NOT NULL DEFAULT '',"
  "  is_market_regulation INTEGER NOT NULL DEFAULT 0"
  "    CHECK (is_market_regulation IN (0, 1)),"
  "  sort_order INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE unit_profile ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  unit_name TEXT NOT NULL DEFAULT '',"
  "  contact_person TEXT NOT NULL DEFAULT '',"
  "  contact_phone TEXT NOT NULL DEFAULT '',"
  "  mobile TEXT NOT NULL DEFAULT '',"
  "  report_year INTEGER NOT NULL CHECK (report_year BETWEEN 2000 AND 2999)"
  ");"
  "INSERT INTO unit_profile (id, report_year)"
  "  VALUES (1, CAST(strftime('%Y', 'now', 'localtime') AS INTEGER));"
  "CREATE TABLE yearly_targets ("
  "  year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2999),"
  "  joint_count_bp INTEGER NOT NULL CHECK (joint_count_bp BETWEEN 0 AND 10000),"
  "  joint_subjects_bp INTEGER NOT NULL CHECK (joint_subjects_bp BETWEEN 0 AND 10000),"
  "  credit_count_bp INTEGER NOT NULL CHECK (credit_count_bp BETWEEN 0 AND 10000)"
  ");",

  /* 1 → 2: the directories (一单两库), their labels, avoidance pairs and
   * the column mappings imports remember. */
  "CREATE TABLE credit_classes ("
  "  code TEXT PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 8),"
  "  name TEXT NOT NULL,"
  "  sort_order INTEGER NOT NULL"
  ");"
  "INSERT INTO credit_classes (code, name, sort_order) VALUES"
  "  ('A', '低风险', 1), ('B', '一般风险', 2), ('C', '较高风险', 3), ('D', '高风险', 4);"
  "CREATE TABLE subjects ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE CHECK (length(key) > 0),"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  subject_type TEXT NOT NULL DEFAULT '企业'"
  "    CHECK (subject_type IN ('企业', '个体工商户', '农民专业合作社', '其他')),"
  "  industry TEXT NOT NULL DEFAULT '',"
  "  region TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT '存续',"
  "  credit_class TEXT REFERENCES credit_classes (code) ON UPDATE CASCADE,"
  "  credit_class_date TEXT,"
  "  department_id INTEGER REFERENCES departments (id) ON DELETE SET NULL,"
  "  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))"
  ");"
  /* Covers the search that runs on every keystroke: name and code are
   * searched, the class counted, all in name order without the table. */
  "CREATE INDEX subjects_by_name ON subjects (name, key, credit_class);"
  "CREATE INDEX subjects_by_class ON subjects (credit_class);"
  "CREATE INDEX subjects_by_region ON subjects (region);"
  "CREATE INDEX subjects_by_department ON subjects (department_id);"
  "CREATE TABLE labels ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0)"
  ");"
  "CREATE TABLE subject_labels ("
  "  subject_id INTEGER NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,"
  "  label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (subject_id, label_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX subject_labels_by_label ON subject_labels (label_id);"
  "CREATE TABLE inspectors ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  badge TEXT NOT NULL UNIQUE CHECK (length(badge) > 0),"
  "  badge_valid_until TEXT,"
  "  department_id INTEGER REFERENCES departments (id) ON DELETE SET NULL,"
  "  post TEXT NOT NULL DEFAULT '',"
  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"
  ");"
  "CREATE TABLE inspector_labels ("
  "  inspector_id INTEGER NOT NULL REFERENCES inspectors (id) ON DELETE CASCADE,"
  "  label_id INTEGER NOT NULL REFERENCES labels (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (inspector_id, label_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE items ("
  "  id INTEGER PRIMARY KEY,"
  "  department_id INTEGER REFERENCES departments (id) ON DELETE SET NULL,"
  "  name TEXT NOT NULL CHECK (length(name) > 0),"
  "  category TEXT NOT NULL DEFAULT '一般' CHECK (category IN ('一般', '重点')),"
  "  subject_type TEXT NOT NULL DEFAULT '',"
  "  method TEXT NOT NULL DEFAULT '',"
  "  legal_basis TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (department_id, name)"
  ");"
  "CREATE TABLE avoidances ("
  "  id INTEGER PRIMARY KEY,"
  "  inspector_id INTEGER NOT NULL REFERENCES inspectors (id) ON DELETE CASCADE,"
  "  subject_id INTEGER NOT NULL REFERENCES subjects (id) ON DELETE CASCADE,"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  UNIQUE (inspector_id, subject_id)"
  ");"
  "CREATE INDEX avoidances_by_subject ON avoidances (subject_id);"
  "CREATE TABLE import_mappings ("
  "  kind TEXT NOT NULL,"
  "  shape TEXT NOT NULL,"
  "  mapping TEXT NOT NULL,"
  "  PRIMARY KEY (kind, shape)"
  ");",

  /* 2 → 3: tasks and their draws. A saved draw is never changed: triggers
   * refuse UPDATE and DELETE, and each record carries the digest of the
   * one before it. */
  "ALTER TABLE credit_classes ADD COLUMN default_bp INTEGER"
  "  CHECK (default_bp IS NULL OR default_bp BETWEEN 0 AND 10000);"
  "UPDATE credit_classes SET default_bp = CASE code"
  "  WHEN 'A' THEN 100 WHEN 'B' THEN 200 WHEN 'C' THEN 1000 WHEN 'D' THEN 3000 END;"
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "INSERT INTO settings (key, value) VALUES ('unclassified-default-bp', '300');"
  "CREATE TABLE tasks ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),"
  "  origin TEXT NOT NULL DEFAULT 'plan' CHECK (origin IN ('plan', 'filed')),"
  "  filed_on TEXT,"
  "  filed_reason TEXT NOT NULL DEFAULT '',"
  "  lead_department_id INTEGER REFERENCES departments (id),"
  "  platform TEXT NOT NULL DEFAULT '河北双随机执法监管平台'"
  "    CHECK (platform IN ('河北双随机执法监管平台', '其他平台')),"
  "  period_start TEXT,"
  "  period_end TEXT,"
  "  stratified INTEGER NOT NULL DEFAULT 1 CHECK (stratified IN (0, 1)),"
  "  state TEXT NOT NULL DEFAULT 'draft'"
  "    CHECK (state IN ('draft', 'drawn', 'inspecting', 'results', 'published')),"
  "  inspectors_per_subject INTEGER NOT NULL DEFAULT 2 CHECK (inspectors_per_subject >= 2),"
  "  inspector_cap INTEGER CHECK (inspector_cap IS NULL OR inspector_cap > 0),"
  "  pool_filter TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime'))"
  ");"
  "CREATE TABLE task_departments ("
  "  task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,"
  "  department_id INTEGER NOT NULL REFERENCES departments (id),"
  "  inspectors INTEGER CHECK (inspectors IS NULL OR inspectors >= 1),"
  "  PRIMARY KEY (task_id, department_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE task_items ("
  "  task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,"
  "  item_id INTEGER NOT NULL REFERENCES items (id),"
  "  PRIMARY KEY (task_id, item_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE task_rules ("
  "  task_id INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,"
  "  stratum TEXT NOT NULL,"
  "  bp INTEGER CHECK (bp IS NULL OR bp BETWEEN 0 AND 10000),"
  "  count INTEGER CHECK (count IS NULL OR count >= 0),"
  "  CHECK ((bp IS NULL) <> (count IS NULL)),"
  "  PRIMARY KEY (task_id, stratum)"
  ") WITHOUT ROWID;"
  "CREATE TABLE draws ("
  "  id INTEGER PRIMARY KEY,"
  "  task_id INTEGER NOT NULL REFERENCES tasks (id),"
  "  drawn_at TEXT NOT NULL,"
  "  algorithm TEXT NOT NULL,"
  "  seed TEXT NOT NULL,"
  "  record TEXT NOT NULL,"
  "  record_digest TEXT NOT NULL,"
  "  previous_digest TEXT"
  ");"
  "CREATE TABLE draw_subjects ("
  "  draw_id INTEGER NOT NULL REFERENCES draws (id),"
  "  position INTEGER NOT NULL,"
  "  subject_id INTEGER,"
  "  key TEXT NOT NULL,"
  "  stratum TEXT NOT NULL,"
  "  PRIMARY KEY (draw_id, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX draw_subjects_by_subject ON draw_subjects (subject_id);"
  "CREATE TABLE draw_inspectors ("
  "  draw_id INTEGER NOT NULL REFERENCES draws (id),"
  "  position INTEGER NOT NULL,"
  "  rank INTEGER NOT NULL,"
  "  inspector_id INTEGER,"
  "  badge TEXT NOT NULL,"
  "  PRIMARY KEY (draw_id, position, rank)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER draws_append_only_update BEFORE UPDATE ON draws"
  "  BEGIN SELECT RAISE (ABORT, 'a saved draw cannot be changed'); END;"
  "CREATE TRIGGER draws_append_only_delete BEFORE DELETE ON draws"
  "  BEGIN SELECT RAISE (ABORT, 'a saved draw cannot be deleted'); END;"
  "CREATE TRIGGER draw_subjects_append_only_update BEFORE UPDATE ON draw_subjects"
  "  BEGIN SELECT RAISE (ABORT, 'a saved draw cannot be changed'); END;"
  "CREATE TRIGGER draw_subjects_append_only_delete BEFORE DELETE ON draw_subjects"
  "  BEGIN SELECT RAISE (ABORT, 'a saved draw cannot be deleted'); END;"
  "CREATE TRIGGER draw_inspectors_append_only_update BEFORE UPDATE ON draw_inspectors"
  "  BEGIN SELECT RAISE (ABORT, 'a saved draw cannot be changed'); END;"
  "CREATE TRIGGER draw_inspectors_append_only_delete BEFORE DELETE ON draw_inspectors"
  "  BEGIN SELECT RAISE (ABORT, 'a saved draw cannot be deleted'); END;",

  /* 3 → 4: the monthly forms (附件1 for the region, 附件2 per department).
   * A report is one unit's form for one month; every save adds a revision
   * with its own values, so the versions before it stay as they were. */
  "CREATE TABLE form_reports ("
  "  id INTEGER PRIMARY KEY,"
  "  form INTEGER NOT NULL CHECK (form IN (1, 2)),"
  "  department_id INTEGER REFERENCES departments (id),"
  "  year INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),"
  "  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),"
  "  revision INTEGER NOT NULL CHECK (revision >= 1),"
  "  CHECK ((form = 1) = (department_id IS NULL))"
  ");"
  "CREATE UNIQUE INDEX form_reports_by_unit_month"
  "  ON form_reports (form, coalesce(department_id, 0), year, month);"
  "CREATE INDEX form_reports_by_department ON form_reports (department_id);"
  "CREATE TABLE form_report_revisions ("
  "  report_id INTEGER NOT NULL REFERENCES form_reports (id) ON DELETE CASCADE,"
  "  revision INTEGER NOT NULL,"
  "  saved_at TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted')),"
  "  unit_name TEXT NOT NULL DEFAULT '',"
  "  contact_person TEXT NOT NULL DEFAULT '',"
  "  contact_phone TEXT NOT NULL DEFAULT '',"
  "  mobile TEXT NOT NULL DEFAULT '',"
  "  fill_date TEXT,"
  "  PRIMARY KEY (report_id, revision)"
  ") WITHOUT ROWID;"
  "CREATE TABLE form_values ("
  "  report_id INTEGER NOT NULL,"
  "  revision INTEGER NOT NULL,"
  "  form_row INTEGER NOT NULL CHECK (form_row BETWEEN 1 AND 11),"
  "  form_column INTEGER NOT NULL CHECK (form_column BETWEEN 0 AND 3),"
  "  value INTEGER CHECK (value IS NULL OR value >= 0),"
  "  source TEXT NOT NULL CHECK (source IN ('empty', 'typed', 'filled', 'computed')),"
  "  filled_value INTEGER CHECK (filled_value IS NULL OR filled_value >= 0),"
  "  PRIMARY KEY (report_id, revision, form_row, form_column),"
  "  FOREIGN KEY (report_id, revision) REFERENCES form_report_revisions (report_id, revision)"
  "    ON DELETE CASCADE"
  ") WITHOUT ROWID;",

  /* 4 → 5: inspection results and what the forms count. A task's results
   * are those of its first saved draw: a row per drawn subject opens with
   * the draw and is then filled in. The result categories say, as data,
   * which results count as a completed check and which as a problem found.
   * result_tallies keeps, per draw, the sums the forms add up, so that a
   * year of figures reads a few thousand rows instead of every drawn
   * subject; triggers keep it equal to the results. */
  "CREATE TABLE result_categories ("
  "  code TEXT PRIMARY KEY CHECK (length(code) > 0),"
  "  label TEXT NOT NULL UNIQUE CHECK (length(label) > 0),"
  "  counts_as_completed INTEGER NOT NULL CHECK (counts_as_completed IN (0, 1)),"
  "  counts_as_problem INTEGER NOT NULL CHECK (counts_as_problem IN (0, 1)),"
  "  sort_order INTEGER NOT NULL,"
  /* A problem is found by a check: 发现问题户数 never exceeds 完成检查户数. */
  "  CHECK (counts_as_problem <= counts_as_completed)"
  ") WITHOUT ROWID;"
  "INSERT INTO result_categories (code, label, counts_as_completed, counts_as_problem,"
  "  sort_order) VALUES"
  "  ('no-problem', '未发现问题', 1, 0, 1),"
  "  ('problem-pending', '发现问题待后续处理', 1, 1, 2),"
  "  ('problem-corrected', '发现问题经责令已改正', 1, 1, 3),"
  "  ('no-activity', '未发现开展本次抽查涉及的经营活动', 1, 0, 4),"
  "  ('closed', '已关闭停业或正在组织清算', 1, 0, 5),"
  "  ('obstructed', '不配合检查情节严重', 1, 1, 6),"
  "  ('gone', '已注销/被吊销/迁出', 1, 0, 7);"
  "CREATE TABLE problem_areas ("
  "  code TEXT PRIMARY KEY CHECK (length(code) > 0),"
  "  label TEXT NOT NULL UNIQUE CHECK (length(label) > 0),"
  "  sort_order INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO problem_areas (code, label, sort_order) VALUES"
  "  ('unpublished-information', '未按规定公示应当公示的信息', 1),"
  "  ('false-information', '公示信息隐瞒真实情况弄虚作假', 2),"
  "  ('unreachable', '通过登记的住所（经营场所）无法联系', 3),"
  "  ('other-rules', '违反其他规定', 4);"
  "CREATE TABLE inspection_methods ("
  "  code TEXT PRIMARY KEY CHECK (length(code) > 0),"
  "  label TEXT NOT NULL UNIQUE CHECK (length(label) > 0),"
  "  sort_order INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO inspection_methods (code, label, sort_order) VALUES"
  "  ('on-site', '实地检查', 1), ('written', '书面检查', 2), ('online', '网络监测', 3),"
  "  ('video', '视频检查', 4), ('shared', '信息共享/专业意见', 5), ('testing', '检验检测', 6);"
  "CREATE TABLE follow_up_kinds ("
  "  code TEXT PRIMARY KEY CHECK (length(code) > 0),"
  "  label TEXT NOT NULL UNIQUE CHECK (length(label) > 0),"
  "  sort_order INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "INSERT INTO follow_up_kinds (code, label, sort_order) VALUES"
  "  ('none', '无需处置', 1), ('correct', '责令改正', 2), ('transfer', '移送办案机构', 3),"
  "  ('notify', '抄告相关部门', 4), ('abnormal-list', '列入经营异常名录', 5),"
  "  ('serious-list', '列入严重违法失信名单', 6);"
  "CREATE TABLE results ("
  "  draw_id INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  task_id INTEGER NOT NULL REFERENCES tasks (id),"
  /* As the directory said when the subject was drawn: the forms count
   * 涉及企业 by what was drawn, not by later changes to the directory. */
  "  subject_type TEXT NOT NULL DEFAULT '',"
  "  category TEXT REFERENCES result_categories (code),"
  "  problem_area TEXT REFERENCES problem_areas (code),"
  "  method TEXT REFERENCES inspection_methods (code),"
  "  inspected_on TEXT CHECK (inspected_on IS NULL OR date(inspected_on) = inspected_on),"
  "  follow_up TEXT REFERENCES follow_up_kinds (code),"
  "  follow_up_done INTEGER NOT NULL DEFAULT 0 CHECK (follow_up_done IN (0, 1)),"
  "  follow_up_done_on TEXT"
  "    CHECK (follow_up_done_on IS NULL OR date(follow_up_done_on) = follow_up_done_on),"
  "  published_on TEXT CHECK (published_on IS NULL OR date(published_on) = published_on),"
  "  note TEXT NOT NULL DEFAULT '',"
  "  updated_at TEXT,"
  "  PRIMARY KEY (draw_id, position),"
  "  FOREIGN KEY (draw_id, position) REFERENCES draw_subjects (draw_id, position)"
  ") WITHOUT ROWID;"
  "CREATE INDEX results_by_task ON results (task_id);"
  "CREATE TABLE result_inspectors ("
  "  draw_id INTEGER NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  inspector_id INTEGER NOT NULL REFERENCES inspectors (id),"
  "  PRIMARY KEY (draw_id, position, inspector_id),"
  "  FOREIGN KEY (draw_id, position) REFERENCES results (draw_id, position) ON DELETE CASCADE"
  ") WITHOUT ROWID;"
  "CREATE INDEX result_inspectors_by_inspector ON result_inspectors (inspector_id);"
  /* Per draw and kind of subject (enterprise or not): on the row of day
   * '' everything drawn, completed and found; on the row of each
   * inspection day the completed and found of that day. A cut-off
   * subtracts the days after it, which are few. */
  "CREATE TABLE result_tallies ("
  "  draw_id INTEGER NOT NULL,"
  "  day TEXT NOT NULL,"
  "  enterprise INTEGER NOT NULL,"
  "  drawn INTEGER NOT NULL DEFAULT 0,"
  "  completed INTEGER NOT NULL DEFAULT 0,"
  "  problem INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (draw_id, day, enterprise)"
  ") WITHOUT ROWID;"
  /* Covers the first draw of every task and its day, without reading the
   * records. */
  "CREATE INDEX draws_by_task ON draws (task_id, id, drawn_at);"
  "CREATE INDEX task_departments_by_department ON task_departments (department_id, task_id);"
  "CREATE TRIGGER draw_subjects_open_results AFTER INSERT ON draw_subjects"
  "  WHEN NOT EXISTS (SELECT 1 FROM draws d JOIN draws earlier ON earlier.task_id = d.task_id"
  "    AND earlier.id < d.id WHERE d.id = NEW.draw_id)"
  "  BEGIN"
  "    INSERT INTO results (draw_id, position, task_id, subject_type)"
  "      SELECT NEW.draw_id, NEW.position, d.task_id,"
  "        coalesce((SELECT subject_type FROM subjects WHERE id = NEW.subject_id), '')"
  "      FROM draws d WHERE d.id = NEW.draw_id;"
  "  END;"
  "CREATE TRIGGER results_tally_insert AFTER INSERT ON results"
  "  BEGIN"
  "    INSERT INTO result_tallies (draw_id, day, enterprise, drawn, completed, problem)"
  "      VALUES (NEW.draw_id, '', NEW.subject_type = '企业', 1,"
  "        coalesce((SELECT counts_as_completed FROM result_categories"
  "          WHERE code = NEW.category), 0),"
  "        coalesce((SELECT counts_as_problem FROM result_categories"
  "          WHERE code = NEW.category), 0))"
  "      ON CONFLICT (draw_id, day, enterprise) DO UPDATE SET drawn = drawn + 1,"
  "        completed = completed + excluded.completed, problem = problem + "
  "excluded.problem;" TALLY_INSPECTION_DAY "  END;"
  "CREATE TRIGGER results_tally_update AFTER UPDATE OF category, inspected_on ON results"
  "  BEGIN"
  "    UPDATE result_tallies SET"
  "      completed = completed"
  "        - coalesce((SELECT counts_as_completed FROM result_categories"
  "          WHERE code = OLD.category), 0)"
  "        + coalesce((SELECT counts_as_completed FROM result_categories"
  "          WHERE code = NEW.category), 0),"
  "      problem = problem"
  "        - coalesce((SELECT counts_as_problem FROM result_categories"
  "          WHERE code = OLD.category), 0)"
  "        + coalesce((SELECT counts_as_problem FROM result_categories"
  "          WHERE code = NEW.category), 0)"
  "      WHERE draw_id = NEW.draw_id AND day = '' AND enterprise = (NEW.subject_type = '企业');"
  "    UPDATE result_tallies SET completed = completed - 1,"
  "      problem = problem - (SELECT counts_as_problem FROM result_categories"
  "        WHERE code = OLD.category)"
  "      WHERE draw_id = OLD.draw_id AND day = OLD.inspected_on"
  "      AND enterprise = (OLD.subject_type = '企业') AND EXISTS (SELECT 1"
  "        FROM result_categories WHERE code = OLD.category AND counts_as_completed = 1);"
  "    DELETE FROM result_tallies WHERE draw_id = OLD.draw_id AND day = OLD.inspected_on"
  "      AND enterprise = (OLD.subject_type = '企业') AND completed = 0 AND problem = "
  "0;" TALLY_INSPECTION_DAY "  END;"
  /* Results are never deleted (their draw cannot be), and a category's
   * code is what the results keep: neither may change under the tallies. */
  "CREATE TRIGGER results_kept BEFORE DELETE ON results"
  "  BEGIN SELECT RAISE (ABORT, 'the result of a drawn subject cannot be deleted'); END;"
  "CREATE TRIGGER result_categories_code_kept BEFORE UPDATE OF code ON result_categories"
  "  BEGIN SELECT RAISE (ABORT, 'a result category keeps its code'); END;"
  /* Staff may decide that a category counts otherwise: the tallies are
   * then added up again from the results. */
  "CREATE TRIGGER result_categories_recount"
  "  AFTER UPDATE OF counts_as_completed, counts_as_problem ON result_categories"
  "  BEGIN"
  "    DELETE FROM result_tallies WHERE day <> '';"
  "    UPDATE result_tallies SET completed = 0, problem = 0;"
  "    INSERT INTO result_tallies (draw_id, day, enterprise, completed, problem)"
  "      SELECT r.draw_id, '', r.subject_type = '企业', count(*), sum(c.counts_as_problem)"
  "      FROM results r JOIN result_categories c ON c.code = r.category"
  "      WHERE c.counts_as_completed = 1 GROUP BY r.draw_id, r.subject_type = '企业'"
  "      ON CONFLICT (draw_id, day, enterprise) DO UPDATE"
  "        SET completed = excluded.completed, problem = excluded.problem;"
  "    INSERT INTO result_tallies (draw_id, day, enterprise, completed, problem)"
  "      SELECT r.draw_id, r.inspected_on, r.subject_type = '企业', count(*),"
  "        sum(c.counts_as_problem) FROM results r"
  "      JOIN result_categories c ON c.code = r.category"
  "      WHERE c.counts_as_completed = 1 AND r.inspected_on IS NOT NULL"
  "      GROUP BY r.draw_id, r.inspected_on, r.subject_type = '企业';"
  "  END;"
  /* Drawn subjects of saved draws get their result rows. */
  "INSERT INTO results (draw_id, position, task_id, subject_type)"
  "  SELECT ds.draw_id, ds.position, d.task_id, coalesce(s.subject_type, '')"
  "  FROM draw_subjects ds JOIN draws d ON d.id = ds.draw_id"
  "  LEFT JOIN subjects s ON s.id = ds.subject_id"
  "  WHERE d.id = (SELECT min(id) FROM draws first WHERE first.task_id = d.task_id)"
  "  ORDER BY ds.draw_id, ds.position;"
  /* Days off (holiday) and the weekend days worked in exchange for them
   * (workday, 调休上班), as the State Council announces them each year. */
  "CREATE TABLE holidays ("
  "  date TEXT PRIMARY KEY CHECK (date(date) = date),"
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday'))"
  ") WITHOUT ROWID;"
  "WITH RECURSIVE periods (first, last, name) AS (VALUES"
  "    ('2025-01-01', '2025-01-01', '元旦'), ('2025-01-28', '2025-02-04', '春节'),"
  "    ('2025-04-04', '2025-04-06', '清明节'), ('2025-05-01', '2025-05-05', '劳动节'),"
  "    ('2025-05-31', '2025-06-02', '端午节'), ('2025-10-01', '2025-10-08', '国庆节、中秋节'),"
  "    ('2026-01-01', '2026-01-03', '元旦'), ('2026-02-15', '2026-02-23', '春节'),"
  "    ('2026-04-04', '2026-04-06', '清明节'), ('2026-05-01', '2026-05-05', '劳动节'),"
  "    ('2026-06-19', '2026-06-21', '端午节'), ('2026-09-25', '2026-09-27', '中秋节'),"
  "    ('2026-10-01', '2026-10-07', '国庆节')),"
  "  days (date, last, name) AS (SELECT first, last, name FROM periods"
  "    UNION ALL SELECT date(date, '+1 day'), last, name FROM days WHERE date < last)"
  "  INSERT INTO holidays (date, name, kind) SELECT date, name, 'holiday' FROM days;"
  "INSERT INTO holidays (date, name, kind) VALUES"
  "  ('2025-01-26', '春节调休上班', 'workday'), ('2025-02-08', '春节调休上班', 'workday'),"
  "  ('2025-04-27', '劳动节调休上班', 'workday'), ('2025-09-28', '国庆节调休上班', 'workday'),"
  "  ('2025-10-11', '国庆节调休上班', 'workday'), ('2026-01-04', '元旦调休上班', 'workday'),"
  "  ('2026-02-14', '春节调休上班', 'workday'), ('2026-02-28', '春节调休上班', 'workday'),"
  "  ('2026-05-09', '劳动节调休上班', 'workday'), ('2026-09-20', '国庆节调休上班', 'workday'),"
  "  ('2026-10-10', '国庆节调休上班', 'workday');",

  /* 5 → 6: a saved draw opens its results and their tallies in two
   * statements (suiji-task-draw.c, in the draw's transaction) instead of
   * a trigger per drawn subject and another per result, which took most
   * of a county draw's save. Results are inserted nowhere else. */
  "DROP TRIGGER draw_subjects_open_results;"
  "DROP TRIGGER results_tally_insert;",

  /* 6 → 7: the index the search reads in name order also holds the
   * status, so that freezing a draw's pool with the usual filter (存续 and
   * 在业 subjects) reads it instead of the whole table: some 20 ms less
   * for 100 000 subjects, for 7 bytes a subject. */
  "DROP INDEX subjects_by_name;"
  "CREATE INDEX subjects_by_name ON subjects (name, key, credit_class, status);",

  /* 7 → 8: a saved draw's record may be kept packed as one zstd frame
   * (suiji-stored-record.c), twelve times smaller for a county's pool;
   * the records saved before stay as they were, text. Adding a column
   * runs no UPDATE, so the triggers that keep draws unchanged allow it. */
  "ALTER TABLE draws ADD COLUMN record_compression TEXT NOT NULL DEFAULT 'none'"
  "  CHECK (record_compression IN ('none', 'zstd'));",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SUIJI_DATABASE_SCHEMA_VERSION);

/* For the tests, which build files of every earlier version. */
const char *const *
_suiji_database_get_migrations (void)
{
  return migrations;
}

static void
suiji_database_finalize (GObject *object)
{
  SuijiDatabase *self = (SuijiDatabase *) object;

  g_clear_pointer (&self->handle, sqlite3_close_v2);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->backup_path, g_free);

  G_OBJECT_CLASS (suiji_database_parent_class)->finalize (object);
}

static void
suiji_database_class_init (SuijiDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = suiji_database_finalize;
}

static void
suiji_database_init (SuijiDatabase *self)
{
}

static SuijiDatabaseError
error_code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return SUIJI_DATABASE_ERROR_BUSY;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return SUIJI_DATABASE_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return SUIJI_DATABASE_ERROR_FULL;
    case SQLITE_CONSTRAINT:
      return SUIJI_DATABASE_ERROR_CONSTRAINT;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return SUIJI_DATABASE_ERROR_NOT_A_DATABASE;
    case SQLITE_CANTOPEN:
      return SUIJI_DATABASE_ERROR_OPEN;
    default:
      return SUIJI_DATABASE_ERROR_FAILED;
    }
}

/* Turns an SQLite failure into a sentence that says what to do next. The
 * SQLite text stays at the end for whoever has to look deeper. */
void
_suiji_database_set_error_for (
    sqlite3 *handle, const char *path, int rc, GError **error, const char *what)
{
  SuijiDatabaseError code = error_code_for_sqlite (rc);
  const char        *detail = handle != NULL ? sqlite3_errmsg (handle) : sqlite3_errstr (rc);
  g_autofree char   *display = g_filename_display_name (path);
  int                system_errno = handle != NULL ? sqlite3_system_errno (handle) : 0;

  /* A write the operating system refused for want of room (or over a
   * file size limit) is a full disk, whatever SQLite calls it. */
  if ((rc & 0xff) == SQLITE_IOERR &&
      (system_errno == ENOSPC || system_errno == EFBIG || system_errno == EDQUOT))
    code = SUIJI_DATABASE_ERROR_FULL;

  switch (code)
    {
    case SUIJI_DATABASE_ERROR_BUSY:
      /* SQLite's own words here ("database is locked") say nothing to
       * the user that this sentence does not say better. */
      g_set_error (error, SUIJI_DATABASE_ERROR, code,
                   _("%s: the database “%s” is busy with another program for longer than "
                      "Suiji waits. Try again when that program has finished; nothing was "
                      "changed."),
                   what, display);
      break;
    case SUIJI_DATABASE_ERROR_READ_ONLY:
      g_set_error (error, SUIJI_DATABASE_ERROR, code,
                   _("%s: the database “%s” cannot be written. Check that the file "
                      "and its folder are writable, or open a copy; nothing was changed. (%s)"),
                   what, display, detail);
      break;
    case SUIJI_DATABASE_ERROR_FULL:
      g_set_error (error, SUIJI_DATABASE_ERROR, code,
                   _("%s: the disk holding “%s” is full. Free some space and try again; "
                      "nothing was changed. (%s)"),
                   what, display, detail);
      break;
    case SUIJI_DATABASE_ERROR_NOT_A_DATABASE:
      g_set_error (error, SUIJI_DATABASE_ERROR, code,
                   _("%s: “%s” is not a Suiji database or is damaged. Choose another file, "
                      "or restore it from a backup. (%s)"),
                   what, display, detail);
      break;
    default:
      if ((rc & 0xff) == SQLITE_IOERR)
        g_set_error (error, SUIJI_DATABASE_ERROR, code,
                     _("%s: the disk holding “%s” reported an error. Nothing was changed; "
                        "check the disk, or restore the database from a backup. (%s)"),
                     what, display, detail);
      else
        g_set_error (error, SUIJI_DATABASE_ERROR, code, "%s: %s (%s)", what, display, detail);
      break;
    }
}

/* For the tests, which cannot wait the full time a user would. */
void
_suiji_database_set_busy_timeout (SuijiDatabase *self, int milliseconds)
{
  sqlite3_busy_timeout (self->handle, milliseconds);
}

void
_suiji_database_set_error (SuijiDatabase *self, GError **error, const char *what)
{
  _suiji_database_set_error_for (self->handle, self->path, sqlite3_extended_errcode (self->handle),
                                 error, what);
}

sqlite3 *
_suiji_database_get_handle (SuijiDatabase *self)
{
  return self->handle;
}

/* Two numbers that change whenever the data may have: the rows this
 * connection has written, and SQLite's count of commits by others. A
 * cache of rows read earlier is good while both are as they were. */
gboolean
_suiji_database_get_data_stamp (SuijiDatabase *self, gint64 stamp[2])
{
  g_autoptr (sqlite3_stmt) stmt = NULL;

  stamp[0] = sqlite3_total_changes64 (self->handle);
  stamp[1] = -1;
  if (sqlite3_prepare_v2 (self->handle, "PRAGMA data_version", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  stamp[1] = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Inside a transaction, drops the indexes of @table that only speed up
 * reading (made by CREATE INDEX, not unique): a write of many rows is
 * quicker without them, and building each once after it quicker than
 * keeping it up row by row. The keys stay checked. Rolling back brings
 * the indexes back.
 *
 * Returns: (transfer full): the statements that build them again, for
 *   _suiji_database_exec_all (), or %NULL with @error set */
GStrv
_suiji_database_drop_plain_indexes (SuijiDatabase *self, const char *table, GError **error)
{
  g_autoptr (sqlite3_stmt) list = NULL;
  g_autoptr (GStrvBuilder) builds = g_strv_builder_new ();
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  int rc;

  list =
      _suiji_database_prepare (self,
                               "SELECT il.name, m.sql FROM pragma_index_list(?1) il"
                               " JOIN sqlite_schema m ON m.type = 'index' AND m.name = il.name"
                               " WHERE il.origin = 'c' AND NOT il.\"unique\" AND m.sql IS NOT NULL",
                               error);
  if (list == NULL)
    return NULL;

  sqlite3_bind_text (list, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup (_suiji_column_text (list, 0)));
      g_strv_builder_add (builds, _suiji_column_text (list, 1));
    }
  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (self, error, _("Could not read the database"));
      return NULL;
    }
  /* A statement still reading the schema would lock it. */
  g_clear_pointer (&list, sqlite3_finalize);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *quoted = g_strdup_printf ("DROP INDEX \"%s\"", (char *) names->pdata[i]);

      if (!_suiji_database_exec (self, quoted, error))
        return NULL;
    }

  return g_strv_builder_end (builds);
}

gboolean
_suiji_database_exec_all (SuijiDatabase *self, const char *const *statements, GError **error)
{
  for (guint i = 0; statements != NULL && statements[i] != NULL; i++)
    if (!_suiji_database_exec (self, statements[i], error))
      return FALSE;
  return TRUE;
}

sqlite3_stmt *
_suiji_database_prepare (SuijiDatabase *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (self->handle, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _suiji_database_set_error (self, error, _("Could not read the database"));
      return NULL;
    }

  return stmt;
}

gboolean
_suiji_database_exec (SuijiDatabase *self, const char *sql, GError **error)
{
  if (sqlite3_exec (self->handle, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      _suiji_database_set_error (self, error, _("Could not update the database"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_suiji_database_step_done (SuijiDatabase *self, sqlite3_stmt *stmt, GError **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _suiji_database_set_error (self, error, _("Could not update the database"));
      return FALSE;
    }

  return TRUE;
}

/* Runs a prepared write and makes the statement ready for its next row. */
gboolean
_suiji_database_run (SuijiDatabase *self, sqlite3_stmt *stmt, GError **error)
{
  gboolean done = _suiji_database_step_done (self, stmt, error);

  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return done;
}

/* IMMEDIATE takes the write lock up front, so a second writer waits in the
 * busy handler instead of failing half-way through a transaction. */
gboolean
_suiji_database_begin (SuijiDatabase *self, GError **error)
{
  return _suiji_database_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
_suiji_database_commit (SuijiDatabase *self, GError **error)
{
  return _suiji_database_exec (self, "COMMIT", error);
}

/* A transaction that must outlive a power cut once committed: the
 * write-ahead log is synced at its commit, as synchronous = FULL does (the
 * connection is otherwise NORMAL, which syncs only at checkpoints). SQLite
 * takes the setting outside a transaction only; the commit or
 * _suiji_database_rollback () puts NORMAL back. */
gboolean
_suiji_database_begin_durable (SuijiDatabase *self, GError **error)
{
  if (!_suiji_database_exec (self, "PRAGMA synchronous = FULL", error))
    return FALSE;
  if (!_suiji_database_begin (self, error))
    {
      sqlite3_exec (self->handle, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* Commits a transaction begun by _suiji_database_begin_durable (). The
 * checkpoint that a large transaction, such as a draw with its record,
 * would set off in its commit is left to suiji_database_checkpoint () or
 * to the next commit: the transaction is safe in the synced log. */
gboolean
_suiji_database_commit_durable (SuijiDatabase *self, GError **error)
{
  gboolean committed;

  sqlite3_wal_autocheckpoint (self->handle, 0);
  committed = _suiji_database_commit (self, error);
  sqlite3_wal_autocheckpoint (self->handle, SUIJI_DATABASE_AUTOCHECKPOINT_PAGES);
  if (committed)
    sqlite3_exec (self->handle, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
  return committed;
}

/**
 * suiji_database_checkpoint:
 *
 * Copies the transactions of the write-ahead log into the database file,
 * as far as no reader still needs them: what a large transaction saved by
 * _suiji_database_commit_durable () left for later, so that a front end
 * can do it once the user has seen the result. Closing the database, or
 * the next large enough commit, does it too.
 *
 * Returns: %FALSE with @error set if the log could not be copied
 */
gboolean
suiji_database_checkpoint (SuijiDatabase *self, GError **error)
{
  int rc;

  g_return_val_if_fail (SUIJI_IS_DATABASE (self), FALSE);

  rc = sqlite3_wal_checkpoint_v2 (self->handle, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY)
    {
      _suiji_database_set_error (self, error, _("Could not update the database"));
      return FALSE;
    }

  return TRUE;
}

void
_suiji_database_rollback (SuijiDatabase *self)
{
  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
  /* The connection's own setting, after a durable transaction too. */
  sqlite3_exec (self->handle, "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
}

const char *
_suiji_column_text (sqlite3_stmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

static gboolean
query_int (sqlite3 *handle, const char *sql, int *value, int *rc_out)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }

  *rc_out = rc;
  return rc == SQLITE_OK;
}

/* How long a copy waits for another program's write to end. */
#define COPY_BUSY_WAIT_MS 10000

/**
 * _suiji_database_copy_pages:
 *
 * Copies the whole database of @source, WAL included, into @target with
 * SQLite's online backup, so that the copy is consistent even while
 * another program has the file open; waits while a writer holds a lock.
 *
 * Returns: an SQLite result code, %SQLITE_OK when copied
 */
int
_suiji_database_copy_pages (sqlite3 *source, sqlite3 *target)
{
  sqlite3_backup *backup = sqlite3_backup_init (target, "main", source, "main");
  int             waited = 0;
  int             rc;
  int             finish_rc;

  if (backup == NULL)
    return sqlite3_extended_errcode (target);

  for (;;)
    {
      rc = sqlite3_backup_step (backup, -1);
      if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
        break;
      if (waited >= COPY_BUSY_WAIT_MS)
        break;
      sqlite3_sleep (50);
      waited += 50;
    }

  finish_rc = sqlite3_backup_finish (backup);
  return rc == SQLITE_DONE ? finish_rc : rc;
}

/**
 * _suiji_database_write_copy:
 * @shown_path: (nullable): the file messages name, when not @target_path
 * @what: the start of the message when it fails
 *
 * Writes a copy of @source to @target_path as one file that stands on its
 * own (no WAL beside it). A copy that fails is removed.
 */
gboolean
_suiji_database_write_copy (sqlite3    *source,
                            const char *target_path,
                            const char *shown_path,
                            const char *what,
                            GError    **error)
{
  sqlite3 *target = NULL;
  int      rc;

  rc = sqlite3_open_v2 (target_path, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_extended_result_codes (target, TRUE);
      rc = _suiji_database_copy_pages (source, target);
    }
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (target, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      _suiji_database_set_error_for (target, shown_path != NULL ? shown_path : target_path, rc,
                                     error, what);
      sqlite3_close_v2 (target);
      g_unlink (target_path);
      return FALSE;
    }

  rc = sqlite3_close (target);
  if (rc != SQLITE_OK)
    {
      _suiji_database_set_error_for (NULL, shown_path != NULL ? shown_path : target_path, rc, error,
                                     what);
      g_unlink (target_path);
      return FALSE;
    }

  return TRUE;
}

/**
 * _suiji_database_dup_kept_path:
 * @label: what the copy is, e.g. "v3" or "before-restore"
 *
 * Returns: (transfer full): a free name beside @path for a copy kept
 *   there: PATH.LABEL-YYYYmmdd-HHMMSS.bak
 */
char *
_suiji_database_dup_kept_path (const char *path, const char *label)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char            *candidate = g_strdup_printf ("%s.%s-%s.bak", path, label, stamp);
  guint            attempt = 1;

  while (g_file_test (candidate, G_FILE_TEST_EXISTS))
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s.%s-%s-%u.bak", path, label, stamp, attempt++);
    }

  return candidate;
}

static gboolean
migrate (SuijiDatabase *self, const char *const *steps, int n_steps, GError **error)
{
  g_autofree char *pragma = NULL;
  int              version = 0;
  int              rc;

  if (!_suiji_database_begin (self, error))
    return FALSE;

  /* Another process may have migrated the file while we waited for the lock. */
  if (!query_int (self->handle, "PRAGMA user_version", &version, &rc))
    goto failed;

  for (int i = version; i < n_steps; i++)
    {
      if (sqlite3_exec (self->handle, steps[i], NULL, NULL, NULL) != SQLITE_OK)
        goto failed;
    }

  pragma = g_strdup_printf ("PRAGMA user_version = %d", n_steps);
  if (sqlite3_exec (self->handle, pragma, NULL, NULL, NULL) != SQLITE_OK)
    goto failed;

  if (!_suiji_database_commit (self, error))
    {
      _suiji_database_rollback (self);
      return FALSE;
    }

  self->schema_version = n_steps;
  return TRUE;

failed:
  _suiji_database_set_error (self, error,
                             _("Could not update the database to this version of Suiji"));
  _suiji_database_rollback (self);
  return FALSE;
}

/**
 * suiji_database_dup_default_path:
 *
 * Returns: (transfer full): the database every front end opens when not told
 *   otherwise: `suiji/suiji.db` in the user's data directory.
 */
char *
suiji_database_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "suiji", "suiji.db", NULL);
}

/**
 * suiji_database_open:
 * @path: the database file; created with its folder when missing
 *
 * Opens the database and brings its schema up to date. Before an existing
 * file is migrated, a backup copy is written beside it. A file written by a
 * newer Suiji, or any other SQLite file, is refused and left as it was.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
SuijiDatabase *
suiji_database_open (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  return _suiji_database_open_with_migrations (path, migrations, G_N_ELEMENTS (migrations), error);
}

/* The whole of opening, with the list of migrations as a parameter so that
 * the tests can run the mechanism on migrations of their own. */
SuijiDatabase *
_suiji_database_open_with_migrations (const char        *path,
                                      const char *const *steps,
                                      int                n_steps,
                                      GError           **error)
{
  g_autoptr (SuijiDatabase) self = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *display = NULL;
  int              version = 0;
  int              n_tables = 0;
  int              rc;

  display = g_filename_display_name (path);

  folder = g_path_get_dirname (path);
  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_OPEN,
                   _("Could not create the folder for the database “%s”: %s. "
                      "Choose another location."),
                   display, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (SUIJI_TYPE_DATABASE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->handle,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      _suiji_database_set_error_for (self->handle, path, rc, error,
                                     _("Could not open the database"));
      return NULL;
    }

  sqlite3_extended_result_codes (self->handle, TRUE);
  sqlite3_busy_timeout (self->handle, SUIJI_DATABASE_BUSY_TIMEOUT_MS);

  /* Nothing is written before the version is known to be ours. */
  if (!query_int (self->handle, "PRAGMA user_version", &version, &rc) ||
      !query_int (self->handle, "SELECT count(*) FROM sqlite_master", &n_tables, &rc))
    {
      _suiji_database_set_error_for (self->handle, path, rc, error,
                                     _("Could not open the database"));
      return NULL;
    }

  if (version > n_steps)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_TOO_NEW,
                   _("The database “%s” was written by a newer version of Suiji "
                      "(database version %d; this version reads up to %d). Update Suiji "
                      "to open it. The file has not been changed."),
                   display, version, n_steps);
      return NULL;
    }

  if (version == 0 && n_tables > 0)
    {
      g_set_error (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_NOT_A_DATABASE,
                   _("“%s” is an SQLite file but not a Suiji database. Choose another "
                      "file; this one has not been changed."),
                   display);
      return NULL;
    }

  if (!_suiji_database_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_suiji_database_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_suiji_database_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      /* No memory map: every page of the file it touches stays resident
       * with its neighbours (40 MB of a 54 MB file of 100 000 subjects
       * after the subjects page and the year's statistics), and reading
       * from the system's cache is as fast. SQLite's own cache stays at
       * its default 2 MiB: a search of the subjects walks the texts the
       * list keeps (suiji-paged-list.c), not an index. */
      !_suiji_database_exec (self, "PRAGMA mmap_size = 0", error))
    return NULL;

  self->schema_version = version;

  if (version < n_steps)
    {
      if (version > 0)
        {
          g_autofree char *label = g_strdup_printf ("v%d", version);
          g_autofree char *backup_path = _suiji_database_dup_kept_path (path, label);

          if (!_suiji_database_write_copy (
                  self->handle, backup_path, NULL,
                  _("Could not make a backup copy before updating the database"), error))
            return NULL;

          self->backup_path = g_steal_pointer (&backup_path);
        }

      if (!migrate (self, steps, n_steps, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
suiji_database_get_path (SuijiDatabase *self)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (self), NULL);

  return self->path;
}

/**
 * suiji_database_get_backup_path:
 *
 * Returns: (nullable): the copy written before this open migrated the file
 */
const char *
suiji_database_get_backup_path (SuijiDatabase *self)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (self), NULL);

  return self->backup_path;
}

int
suiji_database_get_schema_version (SuijiDatabase *self)
{
  g_return_val_if_fail (SUIJI_IS_DATABASE (self), 0);

  return self->schema_version;
}

/**
 * suiji_database_is_empty:
 *
 * Returns: %TRUE while the database holds no directory data yet, which is
 *   when the window greets the user instead of showing empty sections
 */
gboolean
suiji_database_is_empty (SuijiDatabase *self)
{
  int n_rows = 0;
  int rc;

  g_return_val_if_fail (SUIJI_IS_DATABASE (self), TRUE);

  if (!query_int (self->handle,
                  "SELECT EXISTS (SELECT 1 FROM departments) OR EXISTS (SELECT 1 FROM subjects)"
                  " OR EXISTS (SELECT 1 FROM inspectors) OR EXISTS (SELECT 1 FROM items)",
                  &n_rows, &rc))
    return TRUE;

  return n_rows == 0;
}

/**
 * _suiji_database_find_for_ids:
 * @sql: a query with one parameter, an id
 *
 * Runs @sql for each of @ids in turn, as a check before a change to them.
 *
 * Returns: (transfer full) (nullable): the statement standing on the first
 *   row found, or %NULL when there is none or on error, with @error set
 */
sqlite3_stmt *
_suiji_database_find_for_ids (
    SuijiDatabase *self, const char *sql, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (self, sql, error);

  for (guint i = 0; stmt != NULL && i < n_ids; i++)
    {
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return g_steal_pointer (&stmt);
      sqlite3_reset (stmt);
    }

  return NULL;
}

/**
 * _suiji_database_get_row:
 * @sql: a query with one parameter, the id
 * @missing: what to say when no row has the id
 *
 * Returns: (transfer full) (nullable): the statement standing on the row
 *   of @id, or %NULL with @error set
 */
sqlite3_stmt *
_suiji_database_get_row (
    SuijiDatabase *self, const char *sql, gint64 id, const char *missing, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = _suiji_database_prepare (self, sql, error);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FAILED, missing);
      return NULL;
    }

  return g_steal_pointer (&stmt);
}

/**
 * _suiji_database_write_row:
 * @stmt: an INSERT or UPDATE of one row, ending in RETURNING id
 * @missing: what to say when an UPDATE found no row
 * @what: what was being written, for other failures
 *
 * Runs @stmt and resets it, so that it does not hold back a commit.
 *
 * Returns: the id of the row written, or 0 with @error set
 */
gint64
_suiji_database_write_row (
    SuijiDatabase *self, sqlite3_stmt *stmt, const char *missing, const char *what, GError **error)
{
  gint64 id = 0;

  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      id = sqlite3_column_int64 (stmt, 0);
      break;
    case SQLITE_DONE:
      g_set_error_literal (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FAILED, missing);
      break;
    default:
      _suiji_database_set_error (self, error, what);
      break;
    }

  sqlite3_reset (stmt);
  return id;
}

/* Deletes the rows of @table with these ids, all or none. */
gboolean
_suiji_database_delete_ids (
    SuijiDatabase *self, const char *table, const gint64 *ids, guint n_ids, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?1", table);
  gboolean         ok;

  if (!_suiji_database_begin (self, error))
    return FALSE;

  stmt = _suiji_database_prepare (self, sql, error);
  ok = stmt != NULL;
  for (guint i = 0; ok && i < n_ids; i++)
    {
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      ok = _suiji_database_step_done (self, stmt, error);
      sqlite3_reset (stmt);
    }

  if (!ok || !_suiji_database_commit (self, error))
    {
      _suiji_database_rollback (self);
      return FALSE;
    }

  return TRUE;
}
