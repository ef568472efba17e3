/* test-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draw suiji-draw-v1 against the known answers that the independent
 * reading (tests/draw_reference.py) wrote down, and the record's round
 * trip, verification, properties and refusals. json-glib reads the test
 * files and edits records; the draw reads its records through json-glib
 * too, behind a pass that refuses what json-glib would misread.
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "suiji-core-test-utils.h"
#include "suiji-draw.h"

static char *
kat_dir (void)
{
  const char *fixtures = g_getenv ("SUIJI_FIXTURES_DIR");

  g_assert_nonnull (fixtures);
  return g_build_filename (fixtures, "..", "draw-kat", NULL);
}

static JsonNode *
read_json_file (const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* Builds the draw of a known-answer input (see tests/draw-kat/README.md). */
static SuijiDrawRecord *
record_from_case (JsonObject *input)
{
  SuijiDrawRecord *rec = suiji_draw_record_new ();
  JsonArray       *pool = json_object_get_array_member (input, "pool");

  if (json_object_has_member (input, "seed_text"))
    suiji_draw_record_set_seed_text (rec, json_object_get_string_member (input, "seed_text"));
  else
    {
      guint8 seed[SUIJI_DRAW_SEED_SIZE];

      g_assert_true (
          suiji_draw_seed_from_hex (json_object_get_string_member (input, "seed"), seed, NULL));
      suiji_draw_record_set_seed_random (rec, seed);
    }

  if (json_object_has_member (input, "task_departments"))
    {
      JsonArray *list = json_object_get_array_member (input, "task_departments");
      g_autoptr (GPtrArray) departments = g_ptr_array_new ();

      for (guint i = 0; i < json_array_get_length (list); i++)
        g_ptr_array_add (departments, (gpointer) json_array_get_string_element (list, i));
      g_ptr_array_add (departments, NULL);
      suiji_draw_record_set_task (rec, 7, "联合抽查", (const char *const *) departments->pdata);
    }

  for (guint i = 0; i < json_array_get_length (pool); i++)
    {
      JsonObject *entry = json_array_get_object_element (pool, i);

      suiji_draw_record_add_candidate (
          rec, json_object_get_string_member (entry, "key"),
          json_object_get_string_member_with_default (entry, "name", ""),
          json_object_get_string_member (entry, "stratum"));
    }

  if (json_object_has_member (input, "rules"))
    {
      JsonObject *rules = json_object_get_object_member (input, "rules");
      g_autoptr (GList) strata = json_object_get_members (rules);

      for (GList *l = strata; l != NULL; l = l->next)
        {
          JsonObject *rule = json_object_get_object_member (rules, l->data);

          if (json_object_has_member (rule, "bp"))
            suiji_draw_record_set_ratio (rec, l->data,
                                         (guint) json_object_get_int_member (rule, "bp"));
          else
            suiji_draw_record_set_count (rec, l->data,
                                         (guint) json_object_get_int_member (rule, "count"));
        }
    }

  if (json_object_has_member (input, "inspectors"))
    {
      JsonArray *list = json_object_get_array_member (input, "inspectors");

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *entry = json_array_get_object_element (list, i);

          suiji_draw_record_add_inspector (rec, json_object_get_string_member (entry, "key"),
                                           json_object_get_string_member (entry, "department"));
        }
    }

  if (json_object_has_member (input, "avoid"))
    {
      JsonArray *list = json_object_get_array_member (input, "avoid");

      for (guint i = 0; i < json_array_get_length (list); i++)
        {
          JsonObject *entry = json_array_get_object_element (list, i);

          suiji_draw_record_add_avoid (rec, json_object_get_string_member (entry, "subject"),
                                       json_object_get_string_member (entry, "inspector"));
        }
    }

  suiji_draw_record_set_inspectors_per_subject (
      rec, (guint) json_object_get_int_member_with_default (input, "inspectors_per_subject", 0));
  if (json_object_has_member (input, "inspectors_per_department"))
    {
      JsonObject *counts = json_object_get_object_member (input, "inspectors_per_department");
      g_autoptr (GList) departments = json_object_get_members (counts);

      for (GList *l = departments; l != NULL; l = l->next)
        suiji_draw_record_set_inspectors_per_department (
            rec, l->data, (guint) json_object_get_int_member (counts, l->data));
    }
  if (json_object_has_member (input, "inspector_cap") &&
      !json_object_get_null_member (input, "inspector_cap"))
    suiji_draw_record_set_inspector_cap (rec,
                                         (int) json_object_get_int_member (input, "inspector_cap"));

  return rec;
}

static int
nullable_int (JsonObject *object, const char *member)
{
  return json_object_get_null_member (object, member)
             ? -1
             : (int) json_object_get_int_member (object, member);
}

static void
assert_matches_expected (SuijiDrawRecord *rec, JsonObject *expected, const char *name)
{
  JsonArray              *strata = json_object_get_array_member (expected, "strata");
  JsonArray              *subjects = json_object_get_array_member (expected, "subjects");
  const SuijiDrawStratum *got_strata;
  const SuijiDrawPick    *picks;
  guint                   n_strata;
  guint                   n_picks;

  g_test_message ("known answer %s", name);
  g_assert_cmpstr (suiji_draw_record_get_seed_hex (rec), ==,
                   json_object_get_string_member (expected, "seed"));
  g_assert_cmpstr (suiji_draw_record_get_pool_digest (rec), ==,
                   json_object_get_string_member (expected, "pool_digest"));

  got_strata = suiji_draw_record_get_strata (rec, &n_strata);
  g_assert_cmpuint (n_strata, ==, json_array_get_length (strata));
  for (guint i = 0; i < n_strata; i++)
    {
      JsonObject *stratum = json_array_get_object_element (strata, i);

      g_assert_cmpstr (got_strata[i].name, ==, json_object_get_string_member (stratum, "name"));
      g_assert_cmpuint (got_strata[i].n, ==, json_object_get_int_member (stratum, "n"));
      g_assert_cmpint (got_strata[i].bp, ==, nullable_int (stratum, "bp"));
      g_assert_cmpint (got_strata[i].count, ==, nullable_int (stratum, "count"));
      g_assert_cmpuint (got_strata[i].k, ==, json_object_get_int_member (stratum, "k"));
    }

  picks = suiji_draw_record_get_picks (rec, &n_picks);
  g_assert_cmpuint (n_picks, ==, json_array_get_length (subjects));
  for (guint i = 0; i < n_picks; i++)
    {
      JsonObject *subject = json_array_get_object_element (subjects, i);
      JsonArray  *inspectors = json_object_get_array_member (subject, "inspectors");

      g_assert_cmpstr (picks[i].key, ==, json_object_get_string_member (subject, "key"));
      g_assert_cmpstr (picks[i].name, ==, json_object_get_string_member (subject, "name"));
      g_assert_cmpstr (picks[i].stratum, ==, json_object_get_string_member (subject, "stratum"));
      g_assert_cmpuint (g_strv_length (picks[i].inspectors), ==,
                        json_array_get_length (inspectors));
      for (guint j = 0; j < json_array_get_length (inspectors); j++)
        g_assert_cmpstr (picks[i].inspectors[j], ==, json_array_get_string_element (inspectors, j));
    }
}

static void
assert_verified (SuijiDrawRecord *rec)
{
  g_autoptr (SuijiDrawRecord) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *difference = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  gsize            length;

  json = suiji_draw_record_to_json (rec, &length);
  g_assert_cmpuint (strlen (json), ==, length);
  back = suiji_draw_record_from_json (json, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_true (suiji_draw_verify (back, &difference, &error));
  g_assert_no_error (error);
  g_assert_null (difference);

  /* A record read back writes the same file. */
  again = suiji_draw_record_to_json (back, NULL);
  g_assert_cmpstr (again, ==, json);
}

static void
test_known_answers (void)
{
  g_autofree char *folder = kat_dir ();
  g_autoptr (GDir) dir = g_dir_open (folder, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".input.json"))
        g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (".input.json")));
    }
  g_assert_cmpuint (names->len, >=, 7);

  for (guint i = 0; i < names->len; i++)
    {
      const char      *base = g_ptr_array_index (names, i);
      g_autofree char *input_name = g_strconcat (base, ".input.json", NULL);
      g_autofree char *expected_name = g_strconcat (base, ".expected.json", NULL);
      g_autofree char *input_path = g_build_filename (folder, input_name, NULL);
      g_autofree char *expected_path = g_build_filename (folder, expected_name, NULL);
      g_autoptr (JsonNode) input = read_json_file (input_path);
      g_autoptr (JsonNode) expected = read_json_file (expected_path);
      g_autoptr (SuijiDrawRecord) rec = record_from_case (json_node_get_object (input));
      g_autoptr (GError) error = NULL;
      g_autofree char *digest = suiji_draw_pool_digest (rec);
      JsonObject      *answer = json_node_get_object (expected);
      guint            n_picks;

      /* The digest is known before the draw. */
      g_assert_cmpstr (digest, ==, json_object_get_string_member (answer, "pool_digest"));

      if (json_object_has_member (answer, "error"))
        {
          const char *subject = json_object_get_string_member (
              json_object_get_object_member (answer, "error"), "subject");

          g_assert_false (suiji_draw_run (rec, &error));
          g_assert_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_TOO_FEW_INSPECTORS);
          g_assert_nonnull (strstr (error->message, subject));
          g_assert_false (suiji_draw_record_has_results (rec));
          g_assert_null (suiji_draw_record_get_picks (rec, &n_picks));
          g_assert_cmpuint (n_picks, ==, 0);
          g_assert_null (suiji_draw_record_get_pool_digest (rec));
          continue;
        }

      g_assert_true (suiji_draw_run (rec, &error));
      g_assert_no_error (error);
      assert_matches_expected (rec, answer, base);
      /* The round trip of the 10 000-subject case checks nothing the
       * small ones do not, and takes seconds under the sanitizers. */
      if (suiji_draw_record_get_n_candidates (rec) <= 1000)
        assert_verified (rec);
    }
}

/* A county-like pool: keys shaped like credit codes, the classes spread
 * over A to D and 未分类, inspectors of one department. */
static SuijiDrawRecord *
generated_record (guint n_subjects, guint n_inspectors, guint32 seed_value, gboolean shuffled)
{
  static const char *const classes[] = { "A", "B", "B", "C", "D", SUIJI_DRAW_UNCLASSIFIED };
  SuijiDrawRecord         *rec = suiji_draw_record_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed_value);
  g_autofree guint *order = g_new (guint, n_subjects);
  guint8            seed[SUIJI_DRAW_SEED_SIZE];

  for (guint i = 0; i < SUIJI_DRAW_SEED_SIZE; i++)
    seed[i] = (guint8) g_rand_int_range (rand, 0, 256);
  suiji_draw_record_set_seed_random (rec, seed);

  for (guint i = 0; i < n_subjects; i++)
    order[i] = i;
  if (shuffled)
    {
      g_autoptr (GRand) shuffle = g_rand_new_with_seed (seed_value + 1);

      for (guint i = n_subjects; i > 1; i--)
        {
          guint j = (guint) g_rand_int_range (shuffle, 0, (gint32) i);
          guint swap = order[i - 1];

          order[i - 1] = order[j];
          order[j] = swap;
        }
    }
  for (guint i = 0; i < n_subjects; i++)
    {
      g_autofree char *key = g_strdup_printf ("91130582MA%07uX", order[i]);
      g_autofree char *name = g_strdup_printf ("沙河市第%u玻璃有限公司", order[i]);

      suiji_draw_record_add_candidate (rec, key, name, classes[order[i] % G_N_ELEMENTS (classes)]);
    }
  for (guint i = 0; i < n_inspectors; i++)
    {
      g_autofree char *badge = g_strdup_printf ("130582%08u", i);

      suiji_draw_record_add_inspector (rec, badge, "沙河市市场监督管理局");
    }

  suiji_draw_record_set_ratio (rec, "A", 1000);
  suiji_draw_record_set_ratio (rec, "B", 2000);
  suiji_draw_record_set_ratio (rec, "C", 5000);
  suiji_draw_record_set_count (rec, "D", 3);
  suiji_draw_record_set_ratio (rec, SUIJI_DRAW_UNCLASSIFIED, 300);
  suiji_draw_record_set_inspectors_per_subject (rec, 2);
  return rec;
}

static char *
draw_to_json (SuijiDrawRecord *rec)
{
  g_autoptr (GError) error = NULL;
  gboolean drawn = suiji_draw_run (rec, &error);

  g_assert_no_error (error);
  g_assert_true (drawn);
  return suiji_draw_record_to_json (rec, NULL);
}

/* Re-generates @json with one member changed, through json-glib. */
typedef void (*Edit) (JsonObject *root);

static char *
edit_json (const char *json, Edit edit)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  edit (json_node_get_object (json_parser_get_root (parser)));
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static char *
first_difference (const char *json)
{
  g_autoptr (SuijiDrawRecord) rec = NULL;
  g_autoptr (GError) error = NULL;
  char *difference = NULL;

  rec = suiji_draw_record_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_false (suiji_draw_verify (rec, &difference, &error));
  g_assert_no_error (error);
  g_assert_nonnull (difference);
  g_assert_null (strchr (difference, '\n'));
  g_test_message ("difference: %s", difference);
  return difference;
}

static void
flip_seed (JsonObject *root)
{
  g_autofree char *seed = g_strdup (json_object_get_string_member (root, "seed"));

  seed[10] = seed[10] == '0' ? '1' : '0';
  json_object_set_string_member (root, "seed", seed);
}

static void
change_seed_text (JsonObject *root)
{
  json_object_set_string_member (json_object_get_object_member (root, "seed_source"), "text",
                                 "2025年3月1日 开奖号码 03 07 12 19 25 31 + 10");
}

static void
change_pool_entry (JsonObject *root)
{
  JsonArray *pool = json_object_get_array_member (root, "pool");

  json_object_set_string_member (json_array_get_object_element (pool, 5), "key",
                                 "91130582MA9999999X");
}

static void
change_drawn_key (JsonObject *root)
{
  JsonArray *subjects = json_object_get_array_member (root, "subjects");

  json_object_set_string_member (json_array_get_object_element (subjects, 3), "key",
                                 "91130582MA9999999X");
}

static void
change_inspector (JsonObject *root)
{
  JsonArray *subjects = json_object_get_array_member (root, "subjects");
  JsonArray *inspectors =
      json_object_get_array_member (json_array_get_object_element (subjects, 2), "inspectors");

  json_array_remove_element (inspectors, 1);
  json_array_add_string_element (inspectors, "13058299999999");
}

static void
change_k (JsonObject *root)
{
  JsonArray  *strata = json_object_get_array_member (root, "strata");
  JsonObject *first = json_array_get_object_element (strata, 0);

  json_object_set_int_member (first, "k", json_object_get_int_member (first, "k") + 1);
}

static void
drop_last_subject (JsonObject *root)
{
  JsonArray *subjects = json_object_get_array_member (root, "subjects");

  json_array_remove_element (subjects, json_array_get_length (subjects) - 1);
}

static void
test_round_trip_and_tampering (void)
{
  g_autoptr (SuijiDrawRecord) rec = generated_record (600, 12, 11, FALSE);
  g_autoptr (SuijiDrawRecord) text_rec = generated_record (600, 12, 11, FALSE);
  g_autofree char *json = NULL;
  g_autofree char *text_json = NULL;
  struct
  {
    Edit        edit;
    const char *field;
  } edits[] = {
    { flip_seed, "subjects[" },
    { change_pool_entry, "pool_digest:" },
    { change_drawn_key, "subjects[3]: the record says 91130582MA9999999X, the draw gives" },
    { change_inspector, "subjects[2].inspectors[1]: the record says 13058299999999" },
    { change_k, "strata[0].k: the record says" },
    { drop_last_subject, "subjects: the record lists" },
  };

  suiji_draw_record_add_avoid (rec, "91130582MA0000001X", "13058200000003");
  suiji_test_set_draw_time (rec);
  json = draw_to_json (rec);
  assert_verified (rec);

  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autofree char *edited = edit_json (json, edits[i].edit);
      g_autofree char *difference = first_difference (edited);

      g_assert_true (g_str_has_prefix (difference, edits[i].field));
    }

  /* A text seed must be the SHA-256 of its text. */
  suiji_draw_record_set_seed_text (text_rec, "2025年3月1日 开奖号码 03 07 12 19 25 31 + 09");
  text_json = draw_to_json (text_rec);
  assert_verified (text_rec);
  {
    g_autofree char *edited = edit_json (text_json, change_seed_text);
    g_autofree char *difference = first_difference (edited);

    g_assert_true (g_str_has_prefix (difference, "seed: the record says "));
  }
}

static void
test_record_shape (void)
{
  g_autoptr (SuijiDrawRecord) rec = generated_record (300, 6, 5, TRUE);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autoptr (GDateTime) time = NULL;
  const char *names[] = { "algorithm",     "seed",     "seed_source",
                          "drawn_at",      "task",     "pool_digest",
                          "strata",        "subjects", "inspectors_per_subject",
                          "inspector_cap", "pool",     "inspector_pool",
                          "avoid" };
  JsonObject *root;
  JsonArray  *pool;

  suiji_draw_record_set_task (rec, 42, "2025年第一季度双随机抽查", NULL);
  suiji_draw_record_add_avoid (rec, "91130582MA0000009X", "13058200000001");
  suiji_draw_record_add_avoid (rec, "91130582MA0000001X", "13058200000002");
  json = draw_to_json (rec);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_true (json_object_has_member (root, names[i]));
  g_assert_false (json_object_has_member (root, "inspectors_per_department"));
  g_assert_cmpstr (json_object_get_string_member (root, "algorithm"), ==, "suiji-draw-v1");
  g_assert_cmpstr (json_object_get_string_member (root, "seed"), ==,
                   suiji_draw_record_get_seed_hex (rec));
  g_assert_cmpstr (
      json_object_get_string_member (json_object_get_object_member (root, "seed_source"), "kind"),
      ==, "random");
  time = g_date_time_new_from_iso8601 (json_object_get_string_member (root, "drawn_at"), NULL);
  g_assert_nonnull (time);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "task"), "id"),
                   ==, 42);
  g_assert_true (json_object_get_null_member (root, "inspector_cap"));
  g_assert_cmpint (json_object_get_int_member (root, "inspectors_per_subject"), ==, 2);

  /* The pool is sorted by (stratum, key), whatever the order it came in. */
  pool = json_object_get_array_member (root, "pool");
  g_assert_cmpuint (json_array_get_length (pool), ==, 300);
  for (guint i = 1; i < json_array_get_length (pool); i++)
    {
      JsonObject *a = json_array_get_object_element (pool, i - 1);
      JsonObject *b = json_array_get_object_element (pool, i);
      int         order = strcmp (json_object_get_string_member (a, "stratum"),
                                  json_object_get_string_member (b, "stratum"));

      if (order == 0)
        order = strcmp (json_object_get_string_member (a, "key"),
                        json_object_get_string_member (b, "key"));
      g_assert_cmpint (order, <, 0);
      g_assert_cmpuint (json_object_get_size (b), ==, 2);
    }

  /* The strata carry bp or count, the other null. */
  {
    JsonArray  *strata = json_object_get_array_member (root, "strata");
    JsonObject *a = json_array_get_object_element (strata, 0);
    JsonObject *d = json_array_get_object_element (strata, 3);

    g_assert_cmpstr (json_object_get_string_member (a, "name"), ==, "A");
    g_assert_cmpint (json_object_get_int_member (a, "bp"), ==, 1000);
    g_assert_true (json_object_get_null_member (a, "count"));
    g_assert_cmpstr (json_object_get_string_member (d, "name"), ==, "D");
    g_assert_true (json_object_get_null_member (d, "bp"));
    g_assert_cmpint (json_object_get_int_member (d, "count"), ==, 3);
    g_assert_cmpint (json_object_get_int_member (d, "k"), ==, 3);
  }
}

/* A record as another program might write it, from the page alone: a
 * count rule is "bp": null with k, and there is no "count" field. */
static void
test_record_without_count_field (void)
{
  static const char json[] =
      "{\"algorithm\":\"suiji-draw-v1\","
      "\"seed\":\"8f3c2a9b7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b\","
      "\"seed_source\":{\"kind\":\"random\"},\"drawn_at\":\"2025-03-01T09:30:00+08:00\","
      "\"task\":{\"id\":1,\"name\":\"t\",\"departments\":[]},"
      "\"pool_digest\":\"85806bddd31e24e9881752550ed66474747b1cf3345056d475774b543b31320c\","
      "\"strata\":[{\"name\":\"A\",\"n\":3,\"bp\":5000,\"k\":2},{\"name\":\"B\",\"n\":3,\"bp\":"
      "null,\"k\":1}],"
      "\"subjects\":[{\"key\":\"91130582MA00000375\",\"name\":\"\",\"stratum\":\"A\","
      "\"inspectors\":[]},"
      "{\"key\":\"91130582MA0000039B\",\"name\":\"\",\"stratum\":\"A\",\"inspectors\":[]},"
      "{\"key\":\"91130582MA000006G4\",\"name\":\"\",\"stratum\":\"B\",\"inspectors\":[]}],"
      "\"inspectors_per_subject\":0,\"inspector_cap\":null,"
      "\"pool\":[{\"key\":\"91130582MA00000375\",\"stratum\":\"A\"},{\"key\":"
      "\"91130582MA00000388\",\"stratum\":\"A\"},"
      "{\"key\":\"91130582MA0000039B\",\"stratum\":\"A\"},{\"key\":\"91130582MA000006EX\","
      "\"stratum\":\"B\"},"
      "{\"key\":\"91130582MA000006F1\",\"stratum\":\"B\"},{\"key\":\"91130582MA000006G4\","
      "\"stratum\":\"B\"}],"
      "\"inspector_pool\":[],\"avoid\":[],\"comment\":{\"extra\":[1,2.5,true]}}";
  g_autoptr (SuijiDrawRecord) rec = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char        *difference = NULL;
  const SuijiDrawStratum *strata;
  guint                   n_strata;

  rec = suiji_draw_record_from_json (json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (suiji_draw_verify (rec, &difference, &error));
  g_assert_no_error (error);
  strata = suiji_draw_record_get_strata (rec, &n_strata);
  g_assert_cmpuint (n_strata, ==, 2);
  g_assert_cmpint (strata[1].count, ==, 1);
}

static void
test_order_independence (void)
{
  g_autoptr (SuijiDrawRecord) stored = generated_record (2000, 20, 3, FALSE);
  g_autoptr (SuijiDrawRecord) shuffled = generated_record (2000, 20, 3, TRUE);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  suiji_test_set_draw_time (stored);
  suiji_test_set_draw_time (shuffled);
  a = draw_to_json (stored);
  b = draw_to_json (shuffled);
  g_assert_cmpstr (a, ==, b);
}

/* Drawing one more from a stratum keeps the earlier picks, in order. */
static void
test_more_keeps_earlier_picks (void)
{
  static const char *const strata[] = { "A", "B", "C", "D", SUIJI_DRAW_UNCLASSIFIED };
  g_autoptr (GPtrArray) previous = g_ptr_array_new_with_free_func (g_free);

  for (guint k = 0; k <= 25; k++)
    {
      g_autoptr (SuijiDrawRecord) rec = generated_record (500, 0, 9, k % 2 == 1);
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) now = g_ptr_array_new_with_free_func (g_free);
      const SuijiDrawPick *picks;
      guint                n_picks;

      suiji_draw_record_set_inspectors_per_subject (rec, 0);
      for (guint s = 0; s < G_N_ELEMENTS (strata); s++)
        suiji_draw_record_set_count (rec, strata[s], k);
      g_assert_true (suiji_draw_run (rec, &error));
      picks = suiji_draw_record_get_picks (rec, &n_picks);
      g_assert_cmpuint (n_picks, ==, k * G_N_ELEMENTS (strata));

      for (guint s = 0; s < G_N_ELEMENTS (strata); s++)
        {
          for (guint i = 0; i < k; i++)
            {
              const SuijiDrawPick *pick = &picks[s * k + i];

              g_assert_cmpstr (pick->stratum, ==, strata[s]);
              g_assert_cmpuint (g_strv_length (pick->inspectors), ==, 0);
              g_ptr_array_add (now, g_strdup (pick->key));
              if (i < k - 1)
                g_assert_cmpstr (pick->key, ==, g_ptr_array_index (previous, s * (k - 1) + i));
            }
        }
      g_ptr_array_unref (previous);
      previous = g_steal_pointer (&now);
    }
}

static gboolean
is_avoided (const char *subject, const char *inspector, guint n_pairs, const char *const pairs[][2])
{
  for (guint p = 0; p < n_pairs; p++)
    {
      if (g_str_equal (pairs[p][0], subject) && g_str_equal (pairs[p][1], inspector))
        return TRUE;
    }
  return FALSE;
}

static void
test_avoidance_and_cap (void)
{
  g_autoptr (SuijiDrawRecord) free_rec = generated_record (400, 6, 21, FALSE);
  g_autoptr (SuijiDrawRecord) rec = generated_record (400, 6, 21, FALSE);
  g_autoptr (GHashTable) load = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  const SuijiDrawPick *free_picks;
  const SuijiDrawPick *picks;
  guint                n_picks;
  guint                cap;

  /* Without rules: every subject's two best inspectors step aside. */
  g_assert_true (suiji_draw_run (free_rec, &error));
  free_picks = suiji_draw_record_get_picks (free_rec, &n_picks);
  for (guint i = 0; i < n_picks; i++)
    {
      suiji_draw_record_add_avoid (rec, free_picks[i].key, free_picks[i].inspectors[0]);
      g_ptr_array_add (pairs, g_strdup (free_picks[i].key));
      g_ptr_array_add (pairs, g_strdup (free_picks[i].inspectors[0]));
    }
  /* Two slots per subject over six inspectors, as evenly as possible. */
  cap = (2 * n_picks + 5) / 6;
  suiji_draw_record_set_inspector_cap (rec, (int) cap);
  g_assert_true (suiji_draw_run (rec, &error));
  g_assert_no_error (error);

  picks = suiji_draw_record_get_picks (rec, &n_picks);
  for (guint i = 0; i < n_picks; i++)
    {
      g_assert_cmpuint (g_strv_length (picks[i].inspectors), ==, 2);
      g_assert_cmpstr (picks[i].inspectors[0], !=, picks[i].inspectors[1]);
      for (guint j = 0; j < 2; j++)
        {
          const char *badge = picks[i].inspectors[j];
          guint       taken = GPOINTER_TO_UINT (g_hash_table_lookup (load, badge)) + 1;

          for (guint p = 0; p < pairs->len; p += 2)
            g_assert_false (g_str_equal (g_ptr_array_index (pairs, p), picks[i].key) &&
                            g_str_equal (g_ptr_array_index (pairs, p + 1), badge));
          g_hash_table_insert (load, (gpointer) badge, GUINT_TO_POINTER (taken));
          g_assert_cmpuint (taken, <=, cap);
        }
    }
  assert_verified (rec);
}

static void
test_avoid_helper_pairs (void)
{
  static const char *const pairs[][2] = { { "S1", "I1" }, { "S1", "I2" } };
  g_autoptr (SuijiDrawRecord) rec = suiji_draw_record_new ();
  g_autoptr (GError) error = NULL;
  const SuijiDrawPick *picks;
  guint8               seed[SUIJI_DRAW_SEED_SIZE] = { 1 };
  guint                n_picks;

  /* With I1 and I2 stepping aside, S1 can only get I3 and I4. */
  suiji_draw_record_set_seed_random (rec, seed);
  suiji_draw_record_add_candidate (rec, "S1", "甲", "A");
  suiji_draw_record_set_count (rec, "A", 1);
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *badge = g_strdup_printf ("I%u", i);

      suiji_draw_record_add_inspector (rec, badge, "局");
    }
  for (guint p = 0; p < G_N_ELEMENTS (pairs); p++)
    suiji_draw_record_add_avoid (rec, pairs[p][0], pairs[p][1]);
  g_assert_true (suiji_draw_run (rec, &error));
  picks = suiji_draw_record_get_picks (rec, &n_picks);
  g_assert_cmpuint (n_picks, ==, 1);
  for (guint j = 0; j < 2; j++)
    {
      g_assert_false (is_avoided ("S1", picks[0].inspectors[j], G_N_ELEMENTS (pairs), pairs));
      g_assert_true (g_str_equal (picks[0].inspectors[j], "I3") ||
                     g_str_equal (picks[0].inspectors[j], "I4"));
    }
}

static void
assert_refused (SuijiDrawRecord *rec, int code, const char *named)
{
  g_autoptr (GError) error = NULL;
  guint n_picks;

  g_assert_false (suiji_draw_run (rec, &error));
  g_assert_error (error, SUIJI_DRAW_ERROR, code);
  g_test_message ("refused: %s", error->message);
  if (named != NULL)
    g_assert_nonnull (strstr (error->message, named));
  g_assert_false (suiji_draw_record_has_results (rec));
  g_assert_null (suiji_draw_record_get_picks (rec, &n_picks));
  g_assert_cmpuint (n_picks, ==, 0);
}

static void
test_refusals (void)
{
  {
    g_autoptr (SuijiDrawRecord) rec = generated_record (100, 1, 1, FALSE);

    /* One inspector for two places: the first drawn subject is named. */
    assert_refused (rec, SUIJI_DRAW_ERROR_TOO_FEW_INSPECTORS, "91130582MA");
  }
  {
    g_autoptr (SuijiDrawRecord) rec = generated_record (100, 4, 1, FALSE);

    suiji_draw_record_set_inspectors_per_subject (rec, 1);
    assert_refused (rec, SUIJI_DRAW_ERROR_INVALID_INPUT, NULL);
  }
  {
    g_autoptr (SuijiDrawRecord) rec = generated_record (100, 4, 1, FALSE);

    suiji_draw_record_set_inspectors_per_department (rec, "沙河市市场监督管理局", 1);
    assert_refused (rec, SUIJI_DRAW_ERROR_INVALID_INPUT, NULL);
  }
  {
    g_autoptr (SuijiDrawRecord) rec = generated_record (100, 4, 1, FALSE);

    suiji_draw_record_add_candidate (rec, "91130582MA0000042X", "重复", "C");
    assert_refused (rec, SUIJI_DRAW_ERROR_INVALID_INPUT, "91130582MA0000042X");
  }
  {
    /* A pool this large is ordered while it is drawn from: the key twice
     * is still what is reported, before the inspectors lacking. */
    g_autoptr (SuijiDrawRecord) rec = generated_record (12000, 1, 1, FALSE);

    suiji_draw_record_add_candidate (rec, "91130582MA0011042X", "重复", "A");
    assert_refused (rec, SUIJI_DRAW_ERROR_INVALID_INPUT, "91130582MA0011042X");
  }
  {
    g_autoptr (SuijiDrawRecord) rec = generated_record (100, 4, 1, FALSE);

    suiji_draw_record_add_inspector (rec, "13058200000002", "沙河市市场监督管理局");
    assert_refused (rec, SUIJI_DRAW_ERROR_INVALID_INPUT, "13058200000002");
  }
  {
    g_autoptr (SuijiDrawRecord) rec = generated_record (100, 4, 1, FALSE);
    const char *departments[] = { "沙河市应急管理局", NULL };

    suiji_draw_record_set_task (rec, 3, "t", departments);
    assert_refused (rec, SUIJI_DRAW_ERROR_INVALID_INPUT, "沙河市市场监督管理局");
  }
  {
    g_autoptr (SuijiDrawRecord) rec = suiji_draw_record_new ();

    suiji_draw_record_add_candidate (rec, "X", NULL, "A");
    assert_refused (rec, SUIJI_DRAW_ERROR_INVALID_INPUT, NULL);
  }
  {
    g_autoptr (SuijiDrawRecord) rec = generated_record (100, 4, 1, FALSE);

    suiji_draw_record_add_candidate (rec, "bad\tkey", NULL, "A");
    assert_refused (rec, SUIJI_DRAW_ERROR_INVALID_INPUT, "bad?key");
  }
  {
    g_autoptr (SuijiDrawRecord) rec = generated_record (100, 4, 1, FALSE);

    suiji_draw_record_set_inspector_cap (rec, 0);
    assert_refused (rec, SUIJI_DRAW_ERROR_TOO_FEW_INSPECTORS, NULL);
  }
  {
    /* 0 inspectors per subject draws subjects only; a rule for a stratum
     * the pool lacks is no error. */
    g_autoptr (SuijiDrawRecord) rec = generated_record (100, 0, 1, FALSE);
    g_autoptr (GError) error = NULL;

    suiji_draw_record_set_inspectors_per_subject (rec, 0);
    suiji_draw_record_set_ratio (rec, "E", 5000);
    g_assert_true (suiji_draw_run (rec, &error));
    g_assert_no_error (error);
    assert_verified (rec);
  }
}

static void
test_seeds (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *hex = NULL;
  guint8           seed[SUIJI_DRAW_SEED_SIZE];
  guint8           other[SUIJI_DRAW_SEED_SIZE];

  suiji_draw_seed_from_text ("abc", seed);
  hex = suiji_draw_seed_to_hex (seed);
  g_assert_cmpstr (hex, ==, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

  g_assert_true (suiji_draw_seed_from_hex (
      "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", other, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (seed, sizeof seed, other, sizeof other);

  g_assert_false (suiji_draw_seed_from_hex ("ba7816", other, &error));
  g_assert_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_SEED);
  g_clear_error (&error);
  g_assert_false (suiji_draw_seed_from_hex (
      "ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", other, &error));
  g_assert_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_SEED);
  g_clear_error (&error);

  suiji_draw_seed_generate (seed);
  suiji_draw_seed_generate (other);
  g_assert_true (memcmp (seed, other, sizeof seed) != 0);
}

/* What from_json says about @json: NULL when it reads it. */
static char *
from_json_error (const char *json, gssize length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SuijiDrawRecord) rec = suiji_draw_record_from_json (json, length, &error);

  if (rec != NULL)
    {
      g_autofree char *difference = NULL;
      g_autoptr (GError) verify_error = NULL;

      g_assert_no_error (error);
      /* Whatever it holds, checking it must not crash. */
      suiji_draw_verify (rec, &difference, &verify_error);
      return NULL;
    }
  g_assert_nonnull (error);
  g_assert_true (error->domain == SUIJI_DRAW_ERROR);
  g_assert_true (error->code == SUIJI_DRAW_ERROR_BAD_RECORD ||
                 error->code == SUIJI_DRAW_ERROR_UNKNOWN_ALGORITHM);
  return g_strdup (error->message);
}

static void
assert_field_error (const char *json, const char *field)
{
  g_autofree char *message = from_json_error (json, -1);
  g_autofree char *quoted = g_strdup_printf ("“%s”", field);

  g_assert_nonnull (message);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, quoted));
}

typedef struct
{
  const char *member;
  const char *value; /* JSON text, or NULL to remove the member */
  const char *field; /* the field the message must name; NULL: not JSON as the draw reads it */
} Replacement;

static void
test_malformed_records (void)
{
  g_autoptr (SuijiDrawRecord) rec = generated_record (40, 4, 2, FALSE);
  g_autofree char         *json = NULL;
  static const char *const broken[] = {
    "",
    "   ",
    "{",
    "[]",
    "null",
    "\"suiji-draw-v1\"",
    "{\"algorithm\": 1}",
    "{\"algorithm\": \"suiji-draw-v2\"}",
    "{\"algorithm\": \"suiji-draw-v1\",}",
    "{\"algorithm\": \"suiji-draw-v1\"} {}",
    "{\"algorithm\": \"suiji\\u0000-draw-v1\"}",
    "{\"algorithm\": \"\\ud800\"}",
    "{\"algorithm\": \"\\udc00\\ud800\"}",
    "{\"algorithm\": \"\\x41\"}",
    "{\"algorithm\": \"tab\there\"}",
    "{\"a\": 01}",
    "{\"a\": -}",
    "{\"a\": 1.}",
    "{\"a\": 1e}",
    "{\"a\": tru}",
    "{\"a\" 1}",
    "\xff\xfe{}",
    "{\"algorithm\": \"\xc3\x28\"}",
  };
  static const Replacement replacements[] = {
    { "seed", "\"8F3C\"", "seed" },
    { "seed", "\"8F3C2A9B7E6D5C4B3A29180F7E6D5C4B3A29180F7E6D5C4B3A29180F7E6D5C4B\"", "seed" },
    { "seed", "\"8f3c2a9b7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4b3a29180f7e6d5c4g\"", "seed" },
    { "seed", "42", "seed" },
    { "seed", NULL, "seed" },
    { "seed_source", "{\"kind\": \"dice\"}", "seed_source.kind" },
    { "seed_source", "{\"kind\": \"text\"}", "seed_source.text" },
    { "seed_source", "[]", "seed_source" },
    { "drawn_at", "\"2025-03-01 09:30\"", "drawn_at" },
    { "drawn_at", "\"2025-03-01T09:30:00\"", "drawn_at" },
    { "task", "{\"id\": \"7\", \"name\": \"t\", \"departments\": []}", "task.id" },
    { "task", "{\"id\": 7, \"name\": \"t\", \"departments\": [3]}", "task.departments[0]" },
    { "task", "{\"id\": 1e3, \"name\": \"t\", \"departments\": []}", "task.id" },
    { "task", "{\"id\": 99999999999999999999999, \"name\": \"t\", \"departments\": []}", NULL },
    { "task", "{\"id\": -18446744073709551515, \"name\": \"t\", \"departments\": []}", NULL },
    { "pool_digest", "\"\"", "pool_digest" },
    { "strata", "[{\"name\": \"A\", \"n\": -1, \"bp\": 100, \"k\": 0}]", "strata[0].n" },
    { "strata", "[{\"name\": \"A\", \"n\": 4294967296, \"bp\": 100, \"k\": 0}]", "strata[0].n" },
    { "strata", "[{\"name\": \"A\", \"n\": 4, \"bp\": 10001, \"k\": 0}]", "strata[0].bp" },
    { "strata", "[{\"name\": \"A\", \"n\": 4, \"bp\": 1e400, \"k\": 0}]", "strata[0].bp" },
    { "strata", "[{\"name\": \"A\", \"n\": 4, \"bp\": 10, \"count\": 2, \"k\": 0}]",
      "strata[0].count" },
    { "strata",
      "[{\"name\": \"A\", \"n\": 4, \"bp\": 10, \"k\": 1}, {\"name\": \"A\", \"n\": 4, \"bp\": 10, "
      "\"k\": 1}]",
      "strata[1].name" },
    { "strata", "[{\"name\": \"A\", \"n\": 4, \"k\": 1}]", "strata[0].bp" },
    { "strata", "[\"A\"]", "strata[0]" },
    { "strata", "{}", "strata" },
    { "subjects", "[{\"key\": \"K\", \"name\": \"n\", \"stratum\": \"A\", \"inspectors\": [1]}]",
      "subjects[0].inspectors[0]" },
    { "subjects", "[{\"key\": \"K\", \"name\": null, \"stratum\": \"A\", \"inspectors\": []}]",
      "subjects[0].name" },
    { "subjects",
      "[{\"key\": \"K\", \"key\": \"L\", \"name\": \"n\", \"stratum\": \"A\", \"inspectors\": []}]",
      "subjects[0].key" },
    { "inspectors_per_subject", "2.0", "inspectors_per_subject" },
    { "inspectors_per_subject", "-2", "inspectors_per_subject" },
    { "inspectors_per_subject", "null", "inspectors_per_subject" },
    { "inspectors_per_department", "{\"局\": 1}", "inspectors_per_subject" },
    { "inspectors_per_department", "{\"局\": true}", "inspectors_per_department.局" },
    { "inspectors_per_department", "[]", "inspectors_per_department" },
    { "inspector_cap", "\"none\"", "inspector_cap" },
    { "inspector_cap", "2147483648", "inspector_cap" },
    { "inspector_cap", "010", NULL },
    { "inspector_cap", "0x10", NULL },
    { "inspector_cap", "8 /* eight */", NULL },
    { "pool", "[{\"key\": \"K\"}]", "pool[0].stratum" },
    { "pool", "[{\"key\": 1, \"stratum\": \"A\"}]", "pool[0].key" },
    { "pool", NULL, "pool" },
    { "pool", "[{\"key\": \"K\\u0000L\", \"stratum\": \"A\"}]", NULL },
    { "pool", "[{'key': 'K', 'stratum': 'A'}]", NULL },
    { "pool", "[{\"key\": \"K\\udfff L\", \"stratum\": \"A\"}]", NULL },
    { "pool", "[{\"key\": \"K\\x41\", \"stratum\": \"A\"}]", NULL },
    { "pool", "[{\"key\": \"K\tL\", \"stratum\": \"A\"}]", NULL },
    { "inspector_pool", "[{\"key\": \"K\", \"department\": false}]",
      "inspector_pool[0].department" },
    { "avoid", "[{\"subject\": \"K\"}]", "avoid[0].inspector" },
    { "avoid", "null", "avoid" },
  };
  suiji_draw_record_set_inspector_cap (rec, 8);
  json = draw_to_json (rec);

  for (guint i = 0; i < G_N_ELEMENTS (broken); i++)
    {
      g_autofree char *message = from_json_error (broken[i], -1);

      g_assert_nonnull (message);
      g_test_message ("%s", message);
    }

  /* Every truncation of a small good record (json-glib builds the tree up
   * to each cut, which is slow under the sanitizers); a cut after a blank
   * reads as the cut before it. */
  {
    g_autoptr (SuijiDrawRecord) small = generated_record (3, 3, 2, FALSE);
    g_autofree char *small_json = NULL;
    gsize            small_length;

    suiji_draw_record_set_inspector_cap (small, 8);
    suiji_draw_record_add_avoid (small, "91130582MA0000001X", "13058200000001");
    small_json = draw_to_json (small);
    small_length = strlen (small_json);
    for (gsize cut = 0; cut < small_length - 2; cut++)
      {
        g_autofree char *message = NULL;

        if (cut > 0 && g_ascii_isspace (small_json[cut - 1]))
          continue;
        message = from_json_error (small_json, (gssize) cut);
        g_assert_nonnull (message);
      }
  }

  /* Every field wrong or missing in turn. */
  for (guint i = 0; i < G_N_ELEMENTS (replacements); i++)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (JsonGenerator) generator = json_generator_new ();
      g_autofree char *edited = NULL;
      JsonObject      *root;

      g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
      root = json_node_get_object (json_parser_get_root (parser));
      json_object_remove_member (root, replacements[i].member);
      json_generator_set_root (generator, json_parser_get_root (parser));
      edited = json_generator_to_data (generator, NULL);
      if (replacements[i].value != NULL)
        {
          /* Added at the end by text, so that values json-glib would not
           * write (1e400, duplicate members) can be tried. */
          g_autofree char *head = g_strndup (edited, strlen (edited) - 1);

          g_free (edited);
          edited = g_strdup_printf ("%s,\"%s\":%s}", head, replacements[i].member,
                                    replacements[i].value);
        }
      if (replacements[i].field != NULL)
        assert_field_error (edited, replacements[i].field);
      else
        {
          /* What json-glib would misread (wrap, cut, or take as a
           * comment) is refused as a whole. */
          g_autofree char *message = from_json_error (edited, -1);

          g_assert_nonnull (message);
          g_test_message ("%s", message);
          g_assert_nonnull (strstr (message, "(line "));
        }
    }

  /* Nothing may follow the record: json-glib would ignore a second one. */
  {
    g_autofree char *twice = g_strconcat (json, json, NULL);
    g_autofree char *message = from_json_error (twice, -1);

    g_assert_nonnull (message);
    g_assert_nonnull (strstr (message, "(line "));
  }

  /* Nesting far beyond a record's does not exhaust the stack. */
  {
    GString         *deep = g_string_new ("{\"algorithm\": \"suiji-draw-v1\", \"x\": ");
    g_autofree char *message = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    message = from_json_error (deep->str, (gssize) deep->len);
    g_assert_nonnull (message);
    g_string_free (deep, TRUE);
  }

  /* A byte order mark is allowed. */
  {
    g_autofree char *with_bom = g_strconcat ("\xef\xbb\xbf", json, NULL);

    g_assert_null (from_json_error (with_bom, -1));
  }
}

/* Random damage to a good record: never a crash; and what json-glib cannot
 * parse, the draw's reader does not accept either. */
static void
test_mutations (void)
{
  g_autoptr (SuijiDrawRecord) rec = generated_record (30, 4, 4, FALSE);
  g_autoptr (GRand) rand = g_rand_new_with_seed (2025);
  g_autofree char  *json = NULL;
  static const char alphabet[] = "{}[]\":,\\0123456789-+.eEtrufalsn \x01\x7f\xc3\xa9\xe6\x9c\xaa";
  gsize             length;

  suiji_draw_record_add_avoid (rec, "91130582MA0000000X", "13058200000001");
  suiji_draw_record_set_inspectors_per_department (rec, "沙河市市场监督管理局", 2);
  json = draw_to_json (rec);
  length = strlen (json);

  for (guint round = 0; round < 1000; round++)
    {
      g_autofree char *copy = g_memdup2 (json, length + 1);
      g_autofree char *message = NULL;
      guint            n_changes = (guint) g_rand_int_range (rand, 1, 4);
      g_autoptr (JsonParser) parser = json_parser_new ();

      for (guint c = 0; c < n_changes; c++)
        {
          gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) length);

          copy[at] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
        }
      message = from_json_error (copy, (gssize) length);
      if (!json_parser_load_from_data (parser, copy, (gssize) length, NULL))
        g_assert_nonnull (message);
    }
}

/* The record the C code writes is read and redone by the independent
 * Python reading as well. */
static void
test_reference_verifies_record (void)
{
  g_autoptr (SuijiDrawRecord) rec = generated_record (3000, 15, 8, TRUE);
  g_autofree char *python = g_find_program_in_path ("python3");
  g_autofree char *script = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "draw-record.json", NULL);
  g_autofree char *json = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  const char *fixtures = g_getenv ("SUIJI_FIXTURES_DIR");
  int         status;

  if (python == NULL)
    {
      g_test_skip ("python3 is not installed");
      return;
    }
  script = g_build_filename (fixtures, "..", "draw_reference.py", NULL);

  suiji_draw_record_set_seed_text (
      rec, "2025年3月1日 中国福利彩票 双色球 第2025023期 开奖号码 03 07 12 19 25 31 + 09");
  suiji_draw_record_add_avoid (rec, "91130582MA0000003X", "13058200000004");
  suiji_draw_record_set_inspector_cap (rec, 75);
  json = draw_to_json (rec);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_file_set_contents (path, json, -1, NULL));

  {
    const char *argv[] = { python, script, "--verify", path, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                 &err, &status, &error));
  }
  g_assert_no_error (error);
  g_test_message ("draw_reference.py: %s%s", out, err);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, "verified\n");
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The pool digest against the lines sorted apart: keys of every shape the
 * pool's sort and digest treat apart (sharing a long prefix, differing only
 * after their first sixteen bytes, one the start of another, short, a few
 * bytes longer than the sixteen), in an order of no meaning, in several
 * strata. Before the draw, and from the draw, which orders a pool this
 * large on a thread of its own. */
static void
test_pool_order (void)
{
  g_autoptr (SuijiDrawRecord) rec = suiji_draw_record_new ();
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GRand) rand = g_rand_new_with_seed (2024);
  g_autoptr (GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *digest = NULL;
  const char      *strata[] = { "A", "B", "C", SUIJI_DRAW_UNCLASSIFIED };

  for (guint i = 0; i < 16000; i++)
    {
      guint            shape = (guint) g_rand_int_range (rand, 0, 8);
      const char      *stratum = strata[g_rand_int_range (rand, 0, G_N_ELEMENTS (strata))];
      g_autofree char *key = NULL;

      switch (shape)
        {
        case 0:
          key = g_strdup_printf ("91130582MA%07uX", i);
          break;
        case 1:
          key = g_strdup_printf ("91130582MA00000000000000000%u", i);
          break;
        case 2:
          key = g_strdup_printf ("91130582MA%u", i % 700);
          break;
        case 3:
          key = g_strdup_printf ("9113%u", i);
          break;
        case 5:
          /* One to three bytes after the sixteen that the sort compares,
           * and four. */
          key = g_strdup_printf ("9113%017u", i);
          break;
        case 6:
          key = g_strdup_printf ("9113%019u", i);
          break;
        case 7:
          key = g_strdup_printf ("9113%020u", i);
          break;
        default:
          key = g_strdup_printf ("91130582MA0000000000000000%u", i);
          break;
        }
      /* Keys are unique in a pool. */
      if (!g_hash_table_add (keys, g_strdup (key)))
        continue;
      suiji_draw_record_add_candidate (rec, key, "", stratum);
      g_ptr_array_add (lines, g_strdup_printf ("%s\t%s\n", stratum, key));
    }

  g_assert_cmpuint (lines->len, >, 10000);
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_checksum_update (checksum, g_ptr_array_index (lines, i), -1);
  digest = suiji_draw_pool_digest (rec);
  g_assert_cmpstr (digest, ==, g_checksum_get_string (checksum));

  for (guint i = 0; i < G_N_ELEMENTS (strata); i++)
    suiji_draw_record_set_ratio (rec, strata[i], 100);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *badge = g_strdup_printf ("1305820000000%u", i);

      suiji_draw_record_add_inspector (rec, badge, "沙河市市场监督管理局");
    }
  suiji_draw_record_set_seed_text (rec, "pool order");
  g_assert_true (suiji_draw_run (rec, NULL));
  g_assert_cmpstr (suiji_draw_record_get_pool_digest (rec), ==, digest);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/draw/known-answers", test_known_answers);
  g_test_add_func ("/draw/round-trip-and-tampering", test_round_trip_and_tampering);
  g_test_add_func ("/draw/record-shape", test_record_shape);
  g_test_add_func ("/draw/record-without-count", test_record_without_count_field);
  g_test_add_func ("/draw/order-independence", test_order_independence);
  g_test_add_func ("/draw/more-keeps-earlier-picks", test_more_keeps_earlier_picks);
  g_test_add_func ("/draw/avoidance-and-cap", test_avoidance_and_cap);
  g_test_add_func ("/draw/avoidance-small", test_avoid_helper_pairs);
  g_test_add_func ("/draw/refusals", test_refusals);
  g_test_add_func ("/draw/seeds", test_seeds);
  g_test_add_func ("/draw/malformed-records", test_malformed_records);
  g_test_add_func ("/draw/mutations", test_mutations);
  g_test_add_func ("/draw/reference-verifies-record", test_reference_verifies_record);
  g_test_add_func ("/draw/pool-order", test_pool_order);

  return g_test_run ();
}
