/* test-draw-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draw's JSON record, written and read by hand (suiji-draw-json.c),
 * held to json-glib's writer and reader that it replaced
 * (suiji-draw-json-glib.c): the same bytes for every record, since saved
 * records keep their digests; and for every text the same answer,
 * accepted alike or refused with the same message. Only where a text is
 * not JSON at all may the two name another line and column.
 */

#include "config.h"

#include <string.h>

#include "suiji-core-test-utils.h"
#include "suiji-draw-private.h"

static const char department[] = "沙河市市场监督管理局";

/* A county's pool; json-glib's writer takes a minute on it under
 * AddressSanitizer with full stacks, so a fifth of it there. */
#ifdef __SANITIZE_ADDRESS__
#define HUGE_POOL 20000
#else
#define HUGE_POOL 100000
#endif

/* A pool of @n_subjects in A–D and 未分类, @n_inspectors of one department. */
static SuijiDrawRecord *
county_record (guint n_subjects, guint n_inspectors, guint32 seed_value)
{
  static const char *const classes[] = { "A", "B", "B", "C", "D", SUIJI_DRAW_UNCLASSIFIED };
  SuijiDrawRecord         *rec = suiji_draw_record_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed_value);
  guint8 seed[SUIJI_DRAW_SEED_SIZE];

  for (guint i = 0; i < SUIJI_DRAW_SEED_SIZE; i++)
    seed[i] = (guint8) g_rand_int_range (rand, 0, 256);
  suiji_draw_record_set_seed_random (rec, seed);
  for (guint i = 0; i < n_subjects; i++)
    {
      g_autofree char *key = g_strdup_printf ("91130582MA%07uX", i);
      g_autofree char *name = g_strdup_printf ("沙河市第%u玻璃有限公司", i);

      suiji_draw_record_add_candidate (rec, key, name, classes[i % G_N_ELEMENTS (classes)]);
    }
  for (guint i = 0; i < n_inspectors; i++)
    {
      g_autofree char *badge = g_strdup_printf ("130582%08u", i);

      suiji_draw_record_add_inspector (rec, badge, department);
    }
  suiji_draw_record_set_ratio (rec, "A", 1000);
  suiji_draw_record_set_ratio (rec, "B", 200);
  suiji_draw_record_set_count (rec, "C", 3);
  suiji_draw_record_set_ratio (rec, "D", 5000);
  suiji_draw_record_set_ratio (rec, SUIJI_DRAW_UNCLASSIFIED, 300);
  suiji_test_set_draw_time (rec);
  return rec;
}

static void
run_draw (SuijiDrawRecord *rec)
{
  g_autoptr (GError) error = NULL;

  gboolean drawn = suiji_draw_run (rec, &error);

  g_assert_no_error (error);
  g_assert_true (drawn);
}

/* The first byte where @a and @b differ, with some text around it. */
static void
assert_same_bytes (const char *a, gsize length_a, const char *b, gsize length_b)
{
  gsize at = 0;

  while (at < length_a && at < length_b && a[at] == b[at])
    at++;
  if (at == length_a && at == length_b)
    return;

  {
    gsize            from = at > 40 ? at - 40 : 0;
    g_autofree char *a_part = g_strndup (a + from, MIN (length_a - from, 80));
    g_autofree char *b_part = g_strndup (b + from, MIN (length_b - from, 80));
    g_autofree char *here = g_strescape (a_part, NULL);
    g_autofree char *there = g_strescape (b_part, NULL);

    g_error ("the writers differ at byte %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
             "/%" G_GSIZE_FORMAT ":\n by hand:   %s\n json-glib: %s",
             at, length_a, length_b, here, there);
  }
}

/* Both writers give the same bytes for @rec, which holds results. */
static void
assert_same_writing (SuijiDrawRecord *rec)
{
  gsize            length = 0;
  gsize            glib_length = 0;
  g_autofree char *json = suiji_draw_record_to_json (rec, &length);
  g_autofree char *glib_json = _suiji_draw_record_to_json_glib (rec, &glib_length);

  assert_same_bytes (json, length, glib_json, glib_length);
}

/* Strings with everything that a writer escapes, or must not. */
static const char *const awkward[] = {
  "",
  "\"quoted\" and \\backslashed\\",
  "\x01\x02\x03\x04\x05\x06\x07\b\t\n\x0b\f\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19"
  "\x1a\x1b\x1c\x1d\x1e\x1f",
  "del \x7f / slash \\/ u \\u0041",
  "non-BMP \xf0\x9f\x98\x80 \xf0\xa0\x80\x8b 𝄞, U+2028 \xe2\x80\xa8, BOM \xef\xbb\xbf, é",
  "沙河市\"玻璃\"厂\\分厂\t第一车间",
  "}]{[,:",
  "\xef\xbf\xbf\xef\xbf\xbe",
};

/* Names, strata and departments from @awkward. */
static SuijiDrawRecord *
awkward_record (gboolean text_seed, guint m, int cap)
{
  SuijiDrawRecord  *rec = suiji_draw_record_new ();
  const char *const departments[] = { awkward[1], awkward[4], "局", NULL };
  guint8            seed[SUIJI_DRAW_SEED_SIZE] = { 7 };

  if (text_seed)
    suiji_draw_record_set_seed_text (rec, awkward[2]);
  else
    suiji_draw_record_set_seed_random (rec, seed);
  suiji_draw_record_set_task (rec, G_MININT64, awkward[3], departments);
  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    {
      /* Keys and strata take no control characters. */
      g_autofree char *key = g_strdup_printf ("%s%u", i % 2 == 0 ? awkward[1] : awkward[4], i);
      const char      *stratum = i % 3 == 0 ? awkward[6] : i % 3 == 1 ? awkward[1] : "A";

      suiji_draw_record_add_candidate (rec, key, awkward[i], stratum);
      suiji_draw_record_add_inspector (rec, key, departments[i % 3]);
      suiji_draw_record_add_avoid (rec, key, awkward[i]);
    }
  suiji_draw_record_set_count (rec, awkward[6], 100);
  suiji_draw_record_set_ratio (rec, awkward[1], 10000);
  suiji_draw_record_set_count (rec, "A", 1);
  suiji_draw_record_set_inspectors_per_subject (rec, m);
  suiji_draw_record_set_inspector_cap (rec, cap);
  return rec;
}

static void
test_write_awkward_strings (void)
{
  for (guint m = 0; m < 4; m += 2)
    for (int cap = -1; cap < 4; cap += 4)
      {
        g_autoptr (SuijiDrawRecord) random = awkward_record (FALSE, m, cap);
        g_autoptr (SuijiDrawRecord) text = awkward_record (TRUE, m, cap);

        run_draw (random);
        assert_same_writing (random);
        run_draw (text);
        assert_same_writing (text);
      }

  /* A joint task: the departments are member names. */
  {
    g_autoptr (SuijiDrawRecord) joint = awkward_record (TRUE, 0, -1);

    suiji_draw_record_set_inspectors_per_department (joint, awkward[1], 1);
    suiji_draw_record_set_inspectors_per_department (joint, awkward[4], 1);
    suiji_draw_record_set_inspectors_per_department (joint, "局", 0);
    run_draw (joint);
    assert_same_writing (joint);
  }

  /* Every character from 1 to 127 in a drawn subject's name. */
  for (guint c = 1; c < 128; c++)
    {
      g_autoptr (SuijiDrawRecord) rec = county_record (6, 2, c);
      char             name[] = { 'a', (char) c, 'b', '\0' };
      g_autofree char *key = g_strdup_printf ("K%u", c);

      suiji_draw_record_add_candidate (rec, key, name, "Z");
      suiji_draw_record_set_count (rec, "Z", 1);
      suiji_draw_record_set_task (rec, c, name, NULL);
      run_draw (rec);
      assert_same_writing (rec);
    }
}

static void
test_write_empty_and_huge (void)
{
  g_autoptr (SuijiDrawRecord) empty = suiji_draw_record_new ();
  g_autoptr (SuijiDrawRecord) huge = county_record (HUGE_POOL, 40, 3);
  guint8 seed[SUIJI_DRAW_SEED_SIZE] = { 0 };

  /* No pool, no inspectors, no task: every list empty. */
  suiji_draw_record_set_seed_random (empty, seed);
  suiji_draw_record_set_inspectors_per_subject (empty, 0);
  suiji_test_set_draw_time (empty);
  run_draw (empty);
  assert_same_writing (empty);

  run_draw (huge);
  assert_same_writing (huge);
}

/* Random records: random strings of awkward pieces, sizes, rules, m, cap
 * and departments. */
static char *
random_text (GRand *rand, gboolean no_controls)
{
  static const char *const pieces[] = {
    "a",
    "Z",
    "9",
    " ",
    "\"",
    "\\",
    "/",
    "\x7f",
    "é",
    "沙河",
    "\xf0\x9f\x98\x80",
    "\t",
    "\n",
    "\x01",
    "\x1f",
    "\x1e",
    "\x08",
    "\x0c",
    "\x0d",
    "{",
    "]",
    ":",
    ",",
    "\xe2\x80\xa8",
  };
  GString *text = g_string_new (NULL);
  guint    n = (guint) g_rand_int_range (rand, 0, 8);

  for (guint i = 0; i < n; i++)
    {
      const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

      if (!no_controls || (guchar) piece[0] >= 0x20)
        g_string_append (text, piece);
    }
  return g_string_free (text, FALSE);
}

static void
test_write_random_records (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20250301);

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr (SuijiDrawRecord) rec = suiji_draw_record_new ();
      g_autoptr (GPtrArray) departments = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GPtrArray) strata = g_ptr_array_new_with_free_func (g_free);
      guint n_subjects = (guint) g_rand_int_range (rand, 0, 40);
      guint n_inspectors = (guint) g_rand_int_range (rand, 4, 12);
      guint n_departments = (guint) g_rand_int_range (rand, 1, 4);
      guint n_strata = (guint) g_rand_int_range (rand, 1, 4);

      if (g_rand_boolean (rand))
        {
          g_autofree char *text = random_text (rand, FALSE);

          suiji_draw_record_set_seed_text (rec, text);
        }
      else
        {
          guint8 seed[SUIJI_DRAW_SEED_SIZE];

          for (guint i = 0; i < SUIJI_DRAW_SEED_SIZE; i++)
            seed[i] = (guint8) g_rand_int_range (rand, 0, 256);
          suiji_draw_record_set_seed_random (rec, seed);
        }
      for (guint i = 0; i < n_departments; i++)
        {
          g_autofree char *text = random_text (rand, FALSE);

          g_ptr_array_add (departments, g_strdup_printf ("%u%s", i, text));
        }
      for (guint i = 0; i < n_strata; i++)
        {
          g_autofree char *text = random_text (rand, TRUE);

          g_ptr_array_add (strata, g_strdup_printf ("%u%s", i, text));
        }
      {
        g_autofree char *name = random_text (rand, FALSE);

        g_ptr_array_add (departments, NULL);
        suiji_draw_record_set_task (rec, g_rand_int (rand), name,
                                    (const char *const *) departments->pdata);
        g_ptr_array_remove_index (departments, departments->len - 1);
      }
      for (guint i = 0; i < n_subjects; i++)
        {
          g_autofree char *piece = random_text (rand, TRUE);
          g_autofree char *key = g_strdup_printf ("%s#%u", piece, i);
          g_autofree char *name = random_text (rand, FALSE);

          suiji_draw_record_add_candidate (rec, key, name,
                                           g_ptr_array_index (strata, i % n_strata));
          if (g_rand_int_range (rand, 0, 4) == 0)
            suiji_draw_record_add_avoid (rec, key, "1");
        }
      for (guint i = 0; i < n_inspectors; i++)
        {
          g_autofree char *piece = random_text (rand, FALSE);
          g_autofree char *badge = g_strdup_printf ("%u%s", i, piece);

          suiji_draw_record_add_inspector (rec, badge, g_ptr_array_index (departments, 0));
        }
      for (guint i = 0; i < n_strata; i++)
        {
          if (g_rand_boolean (rand))
            suiji_draw_record_set_ratio (rec, g_ptr_array_index (strata, i),
                                         (guint) g_rand_int_range (rand, 0, 10001));
          else
            suiji_draw_record_set_count (rec, g_ptr_array_index (strata, i),
                                         (guint) g_rand_int_range (rand, 0, 5));
        }
      suiji_draw_record_set_inspectors_per_subject (rec, (guint) g_rand_int_range (rand, 0, 2) * 2);
      suiji_draw_record_set_inspector_cap (rec, g_rand_int_range (rand, -1, 40));
      if (g_rand_boolean (rand))
        suiji_test_set_draw_time (rec);

      /* A draw the inputs refuse (too few inspectors for a cap) has
       * nothing to write. */
      if (suiji_draw_run (rec, NULL))
        assert_same_writing (rec);
    }
}

/* Reading */

/* @text escaped, for a message. */
static char *
describe (const char *text, gssize length)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return g_strdup ("(NULL)");
  copy = length < 0 ? g_strdup (text) : g_strndup (text, (gsize) length);
  return g_strescape (copy, NULL);
}

/* Both readers give the same answer for @text: a record (then both
 * writers give the same bytes for it, and verification says the same),
 * or the same error. Where the text is not JSON, the line and column may
 * differ (json-glib said where its scanner stood, not where the text went
 * wrong). Returns whether the text was read. */
static gboolean
assert_same_reading (const char *text, gssize length)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) glib_error = NULL;
  g_autoptr (SuijiDrawRecord) rec = suiji_draw_record_from_json (text, length, &error);
  g_autoptr (SuijiDrawRecord) glib_rec =
      _suiji_draw_record_from_json_glib (text, length, &glib_error);

  if ((rec == NULL) != (glib_rec == NULL))
    {
      g_autofree char *shown = describe (text, length);

      g_error ("%s reads it, the other says %s:\n%s", rec != NULL ? "by hand" : "json-glib",
               error != NULL ? error->message : glib_error->message, shown);
    }

  if (rec == NULL)
    {
      g_assert_true (error->domain == SUIJI_DRAW_ERROR);
      g_assert_cmpint (error->code, ==, glib_error->code);
      if (strstr (error->message, "is not valid JSON (line ") == NULL ||
          strstr (glib_error->message, "is not valid JSON (line ") == NULL)
        {
          if (strcmp (error->message, glib_error->message) != 0)
            {
              g_autofree char *shown = describe (text, length);

              g_error ("the readers refuse differently:\n by hand:   %s\n json-glib: %s\n%s",
                       error->message, glib_error->message, shown);
            }
        }
      return FALSE;
    }

  {
    g_autofree char *json = NULL;
    g_autofree char *glib_json = NULL;
    g_autofree char *difference = NULL;
    g_autofree char *glib_difference = NULL;
    g_autoptr (GError) verify_error = NULL;
    g_autoptr (GError) glib_verify_error = NULL;
    gsize    length_read = 0;
    gsize    glib_length_read = 0;
    gboolean verified;

    json = suiji_draw_record_to_json (rec, &length_read);
    glib_json = _suiji_draw_record_to_json_glib (glib_rec, &glib_length_read);
    assert_same_bytes (json, length_read, glib_json, glib_length_read);

    verified = suiji_draw_verify (rec, &difference, &verify_error);
    g_assert_cmpint (verified, ==,
                     suiji_draw_verify (glib_rec, &glib_difference, &glib_verify_error));
    g_assert_cmpstr (difference, ==, glib_difference);
    g_assert_cmpstr (verify_error != NULL ? verify_error->message : NULL, ==,
                     glib_verify_error != NULL ? glib_verify_error->message : NULL);
  }
  return TRUE;
}

static char *
small_record_json (void)
{
  g_autoptr (SuijiDrawRecord) rec = county_record (12, 3, 5);

  suiji_draw_record_set_inspector_cap (rec, 8);
  suiji_draw_record_add_avoid (rec, "91130582MA0000001X", "13058200000001");
  suiji_draw_record_set_inspectors_per_department (rec, department, 2);
  run_draw (rec);
  return suiji_draw_record_to_json (rec, NULL);
}

/* @json with "@member": @value put first, before its own members. */
static char *
with_member (const char *json, const char *member, const char *value)
{
  return g_strdup_printf ("{\"%s\": %s,%s", member, value, json + 1);
}

/* @json with the value of the first "@member" (at any level) replaced by
 * @value. */
static char *
replaced_member (const char *json, const char *member, const char *value)
{
  g_autofree char *quoted = g_strdup_printf ("\"%s\" : ", member);
  const char      *start = strstr (json, quoted);
  const char      *end;
  int              depth = 0;

  g_assert_nonnull (start);
  start += strlen (quoted);
  for (end = start; *end != '\0'; end++)
    {
      if (*end == '"')
        {
          for (end++; *end != '"'; end++)
            {
              if (*end == '\\')
                end++;
            }
          if (depth == 0)
            {
              end++;
              break;
            }
        }
      else if (*end == '[' || *end == '{')
        depth++;
      else if ((*end == ']' || *end == '}') && --depth == 0)
        {
          end++;
          break;
        }
      else if (depth == 0 && (*end == ',' || *end == '\n'))
        break;
    }
  return g_strdup_printf ("%.*s%s%s", (int) (start - json), json, value, end);
}

static void
test_read_broken_texts (void)
{
  g_autofree char         *json = small_record_json ();
  static const char *const texts[] = {
    "",
    "   ",
    "{",
    "}",
    "[]",
    "null",
    "42",
    "\"suiji-draw-v1\"",
    "1 2",
    "{} {}",
    "{} x",
    "[] []",
    "{\"algorithm\": 1}",
    "{\"algorithm\": \"suiji-draw-v2\"}",
    "{\"algorithm\": \"suiji-draw-v1\",}",
    "{\"algorithm\": \"suiji-draw-v1\"} {}",
    "{\"algorithm\": \"suiji\\u0000-draw-v1\"}",
    "{\"algorithm\": \"\\ud800\"}",
    "{\"algorithm\": \"\\udc00\\ud800\"}",
    "{\"algorithm\": \"\\x41\"}",
    "{\"algorithm\": \"tab\there\"}",
    "{\"algorithm\": \"suiji-draw-\\u0076\\u0031\"}",
    "{\"algorithm\": \"\\u007f\"}",
    "{\"a\": 01}",
    "{\"a\": -}",
    "{\"a\": tru}",
    "{\"a\": True}",
    "{\"a\": nul}",
    "{\"a\" 1}",
    "{\"a\":: 1}",
    "{a: 1}",
    "{'a': 1}",
    "{\"a\": 1} // comment",
    "{\"a\": /* comment */ 1}",
    "# comment\n{}",
    "{\"a\": [1,]}",
    "{\"a\": [,1]}",
    "{\"a\": [1 2]}",
    "{\"a\": [1,,2]}",
    "{\"a\": {\"b\"}}",
    "{\"a\": {\"b\":}}",
    "{\"a\": \"b\" : 1}",
    "{\"a\": +1}",
    "{\"a\": 0x10}",
    "{\"a\": 1true}",
    "{\"a\": truex}",
    "{\"a\": nullnull}",
    "{\"a\": \"unterminated}",
    "{\"a\": \"\\",
    "{\"a\": \"\\u12\"}",
    "{\"a\": \"\\u12g4\"}",
    "\xff\xfe{}",
    "{\"algorithm\": \"\xc3\x28\"}",
    "\xef\xbb\xbf",
    "\xef\xbb\xbf{}",
    "\xef\xbb\xbf\xef\xbb\xbf{}",
    "{\f}",
    "{\v}",
    "{\r\n}",
    "\t{\n}\r\n",
    "{\"a\": 1}\x00",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_same_reading (texts[i], -1);

  /* The text with a NUL inside: length given. */
  assert_same_reading ("{\"a\": 1}\0 ", 10);
  assert_same_reading (NULL, 0);

  /* The record itself, and after a BOM. */
  g_assert_true (assert_same_reading (json, -1));
  {
    g_autofree char *with_bom = g_strconcat ("\xef\xbb\xbf", json, NULL);

    g_assert_true (assert_same_reading (with_bom, -1));
  }

  /* Nothing may follow the record. */
  {
    g_autofree char *twice = g_strconcat (json, json, NULL);
    g_autofree char *trailing = g_strconcat (json, "  x", NULL);

    g_assert_false (assert_same_reading (twice, -1));
    g_assert_false (assert_same_reading (trailing, -1));
  }

  /* Nesting: a record nests three levels; 64 are read, 65 are not, and
   * 100 000 do not exhaust the stack. */
  for (guint depth = 62; depth <= 66; depth++)
    {
      g_autoptr (GString) deep = g_string_new (NULL);
      g_autofree char *text = NULL;

      for (guint i = 0; i < depth - 1; i++)
        g_string_append (deep, i % 2 == 0 ? "[" : "{\"x\":");
      g_string_append_c (deep, '0');
      for (guint i = depth - 1; i-- > 0;)
        g_string_append (deep, i % 2 == 0 ? "]" : "}");
      text = with_member (json, "deep", deep->str);
      g_assert_cmpint (assert_same_reading (text, -1), ==, depth <= 64);
    }
  {
    GString *deep = g_string_new ("{\"algorithm\": \"suiji-draw-v1\", \"x\": ");

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    g_assert_false (assert_same_reading (deep->str, (gssize) deep->len));
    g_string_free (deep, TRUE);
  }
}

/* Every cut of a small record. */
static void
test_read_truncations (void)
{
  g_autoptr (SuijiDrawRecord) rec = county_record (3, 3, 2);
  g_autofree char *json = NULL;
  gsize            length;

  suiji_draw_record_set_inspector_cap (rec, 8);
  suiji_draw_record_add_avoid (rec, "91130582MA0000001X", "13058200000001");
  run_draw (rec);
  json = suiji_draw_record_to_json (rec, &length);
  for (gsize cut = 0; cut < length; cut++)
    {
      /* A cut after a blank reads as the cut before it. */
      if (cut > 0 && g_ascii_isspace (json[cut - 1]) && cut < length - 1)
        continue;
      g_assert_cmpint (assert_same_reading (json, (gssize) cut), ==, cut >= length - 1);
    }
}

/* Every run of up to four characters of numbers as a value, where a
 * number is ignored and where it must be a whole number. */
static void
test_read_numbers (void)
{
  static const char alphabet[] = "-+.eE05x";
  g_autofree char  *json = small_record_json ();
  guint             n_read = 0;
  const char *const extra[] = {
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "-9223372036854775809",
    "18446744073709551615",
    "1e400",
    "-0",
    "-0.0",
    "1E+05",
    "2147483647",
    "2147483648",
    "0.5e-3",
    "123456789012345678901234567890.5",
  };
  /* RFC 8259 numbers, and what json-glib's scanner also read (the pass
   * before it refuses these now, as the hand-written reader does). */
  const char *const numbers[] = { "0",     "-0",  "5",     "50",   "0.5",
                                  "-0.05", "5e0", "5E+05", "0e-5", "-5.0e5" };
  const char *const not_numbers[] = { "1.",   ".5", "-.5", ".e5", "1.e5", "$ff",  "$1",    "- 1",
                                      "-\n1", "+1", "01",  "-01", "1e",   "0x10", "1.5.5", "." };

  for (guint length = 1; length <= 4; length++)
    {
      guint n = 1;

      for (guint i = 0; i < length; i++)
        n *= sizeof alphabet - 1;
      for (guint k = 0; k < n; k++)
        {
          char             token[8];
          g_autofree char *ignored = NULL;
          g_autofree char *counted = NULL;

          for (guint i = 0, v = k; i < length; i++, v /= sizeof alphabet - 1)
            token[i] = alphabet[v % (sizeof alphabet - 1)];
          token[length] = '\0';
          ignored = with_member (json, "x", token);
          n_read += assert_same_reading (ignored, -1);
          /* Where a whole number is wanted, up to three characters do. */
          if (length <= 3)
            {
              counted = replaced_member (json, "inspector_cap", token);
              assert_same_reading (counted, -1);
            }
        }
    }
  /* As many as match -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?. */
  g_assert_cmpuint (n_read, ==, 100);

  for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
    {
      g_autofree char *ignored = with_member (json, "x", extra[i]);
      g_autofree char *counted = replaced_member (json, "inspector_cap", extra[i]);

      assert_same_reading (ignored, -1);
      assert_same_reading (counted, -1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_autofree char *ignored = with_member (json, "x", numbers[i]);

      g_assert_true (assert_same_reading (ignored, -1));
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_numbers); i++)
    {
      g_autofree char *list = g_strdup_printf ("[%s]", not_numbers[i]);
      g_autofree char *ignored = with_member (json, "x", not_numbers[i]);
      g_autofree char *in_list = with_member (json, "x", list);
      g_autoptr (GError) error = NULL;
      g_autoptr (SuijiDrawRecord) rec = suiji_draw_record_from_json (ignored, -1, &error);

      g_assert_null (rec);
      g_assert_nonnull (strstr (error->message, "is not valid JSON (line 1, column 7)"));
      g_assert_false (assert_same_reading (ignored, -1));
      g_assert_false (assert_same_reading (in_list, -1));
    }
}

/* Every ASCII character alone, and next to a number, as a value, before
 * a member and after one: json-glib's scanner knows more characters than
 * JSON, the pass before it and the hand-written reader none. */
static void
test_read_characters (void)
{
  g_autofree char *json = small_record_json ();

  /* The character goes between the two halves; the record follows. */
  static const char *const around[][2] = {
    { "{\"x\": ", "," },   { "{\"x\": 1", "," },  { "{\"x\": ", "1," }, { "{", "\"x\": 1," },
    { "{\"x\": 1 ", "," }, { "{\"x\": [", "]," }, { "", "{\"x\": 1," },
  };

  for (guint c = 1; c < 128; c++)
    {
      char character[2] = { (char) c, '\0' };

      for (guint i = 0; i < G_N_ELEMENTS (around); i++)
        {
          g_autofree char *text =
              g_strconcat (around[i][0], character, around[i][1], json + 1, NULL);

          assert_same_reading (text, -1);
        }
    }
}

/* Escapes in strings and in member names. */
static void
test_read_escapes (void)
{
  g_autofree char         *json = small_record_json ();
  static const char *const strings[] = {
    "\\\"",
    "\\\\",
    "\\/",
    "\\b",
    "\\f",
    "\\n",
    "\\r",
    "\\t",
    "\\u0041",
    "\\u00e9",
    "\\u00E9",
    "\\u6c99",
    "\\uFFFF",
    "\\ufffe",
    "\\u0001",
    "\\u001f",
    "\\u007f",
    "\\u0000",
    "\\ud83d\\ude00",
    "\\uD83D\\uDE00",
    "\\ud800",
    "\\udc00",
    "\\ud800\\u0041",
    "\\ud800x",
    "\\ud800\\ud800",
    "\\u12",
    "\\u12g4",
    "\\x41",
    "\\a",
    "\\'",
    "\\U0041",
    "\\",
    "\x01",
    "\x1f",
    "\x7f",
    "\xc2\x80",
    "\xf0\x9f\x98\x80",
  };

  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"a%sb\"", strings[i]);
      g_autofree char *name = g_strdup_printf ("\"%s\"", strings[i]);
      g_autofree char *as_value = with_member (json, "x", quoted);
      g_autofree char *as_task_name = replaced_member (json, "name", quoted);
      g_autofree char *as_member = g_strdup_printf ("{%s: 1,%s", name, json + 1);
      g_autofree char *counts = g_strdup_printf ("{%s: 2}", name);
      g_autofree char *as_department = replaced_member (json, "inspectors_per_department", counts);

      assert_same_reading (as_value, -1);
      assert_same_reading (as_task_name, -1);
      assert_same_reading (as_member, -1);
      assert_same_reading (as_department, -1);
    }

  /* Field names written with escapes are the same names. */
  {
    g_autofree char *escaped =
        replaced_member (json, "inspector_cap", "8, \"inspector\\u005fcap\": 9");

    g_assert_false (assert_same_reading (escaped, -1));
  }
}

/* A field given twice, wherever it is; unknown ones may be. */
static void
test_read_duplicates (void)
{
  g_autofree char         *json = small_record_json ();
  static const char *const fields[] = {
    "algorithm",
    "seed",
    "seed_source",
    "kind",
    "drawn_at",
    "task",
    "id",
    "name",
    "departments",
    "pool_digest",
    "strata",
    "n",
    "bp",
    "count",
    "k",
    "subjects",
    "key",
    "stratum",
    "inspectors",
    "inspectors_per_subject",
    "inspector_cap",
    "pool",
    "inspector_pool",
    "department",
    "avoid",
    "subject",
    "inspector",
  };
  static const char *const department_members[] = {
    "{\"a\": 1, \"b\": true, \"a\": 2}",
    "{\"a\": true, \"b\": 1, \"a\": 2}",
    "{\"a\": 1, \"b\": 1, \"b\": 1}",
    "{\"a\": 2, \"a\": 2}",
    "{\"a\": 1, \"b\": 1}",
    "{\"a\": 2}",
    "{\"a\": 3}",
    "{\"a\": -1}",
    "{}",
    "[]",
    "{\"a\": 1, \"b\": \"1\", \"c\": 1, \"b\": 0}",
  };

  /* Each field again, just after its first appearance, with its own value
   * or another one. */
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\" : ", fields[i]);
      const char      *at = strstr (json, quoted);
      g_autofree char *again = NULL;
      g_autofree char *other = NULL;

      g_assert_nonnull (at);
      again = g_strdup_printf ("%.*s\"%s\" : null, %s", (int) (at - json), json, fields[i], at);
      other = g_strdup_printf ("%.*s\"%s\" : \"x\", %s", (int) (at - json), json, fields[i], at);
      g_assert_false (assert_same_reading (again, -1));
      g_assert_false (assert_same_reading (other, -1));
    }

  /* Unknown fields twice, at the root and inside. */
  {
    g_autofree char *root = with_member (json, "x", "1, \"x\": {\"y\": 1, \"y\": 2}");
    g_autofree char *inside =
        replaced_member (json, "seed_source", "{\"kind\": \"random\", \"z\": 1, \"z\": [1]}");

    g_assert_true (assert_same_reading (root, -1));
    g_assert_true (assert_same_reading (inside, -1));
  }

  for (guint i = 0; i < G_N_ELEMENTS (department_members); i++)
    {
      g_autofree char *text =
          replaced_member (json, "inspectors_per_department", department_members[i]);

      assert_same_reading (text, -1);
    }
}

/* Each field of the record wrong in the ways a file may have it wrong. */
static void
test_read_wrong_fields (void)
{
  g_autofree char *json = small_record_json ();
  static const struct
  {
    const char *member;
    const char *value;
  } replacements[] = {
    { "seed", "\"8F3C\"" },
    { "seed", "\"8F3C2A9B7E6D5C4B3A29180F7E6D5C4B3A29180F7E6D5C4B3A29180F7E6D5C4B\"" },
    { "seed", "42" },
    { "seed_source", "{\"kind\": \"dice\"}" },
    { "seed_source", "{\"kind\": \"text\"}" },
    { "seed_source", "{\"kind\": \"text\", \"text\": \"x\"}" },
    { "seed_source", "[]" },
    { "drawn_at", "\"2025-03-01 09:30\"" },
    { "drawn_at", "\"2025-03-01T09:30:00\"" },
    { "drawn_at", "\"2025-03-01T09:30:00Z\"" },
    { "task", "{\"id\": \"7\", \"name\": \"t\", \"departments\": []}" },
    { "task", "{\"id\": 7, \"name\": \"t\", \"departments\": [3]}" },
    { "task", "{\"id\": 1e3, \"name\": \"t\", \"departments\": []}" },
    { "task", "{\"id\": 1.0, \"name\": \"t\", \"departments\": []}" },
    { "task", "{\"id\": true, \"name\": \"t\", \"departments\": []}" },
    { "task", "{\"name\": \"t\", \"departments\": []}" },
    { "task", "{\"id\": 7, \"name\": \"t\", \"departments\": {}}" },
    { "pool_digest", "\"\"" },
    { "strata", "[{\"name\": \"A\", \"n\": -1, \"bp\": 100, \"k\": 0}]" },
    { "strata", "[{\"name\": \"A\", \"n\": 4294967296, \"bp\": 100, \"k\": 0}]" },
    { "strata", "[{\"name\": \"A\", \"n\": 4, \"bp\": 10001, \"k\": 0}]" },
    { "strata", "[{\"name\": \"A\", \"n\": 4, \"bp\": 1e400, \"k\": 0}]" },
    { "strata", "[{\"name\": \"A\", \"n\": 4, \"bp\": 10, \"count\": 2, \"k\": 0}]" },
    { "strata", "[{\"name\": \"A\", \"n\": 4, \"bp\": null, \"count\": null, \"k\": 0}]" },
    { "strata", "[{\"name\": \"A\", \"n\": 4, \"bp\": 10, \"k\": 1}, {\"name\": \"A\"}]" },
    { "strata", "[{\"name\": \"A\", \"n\": 4, \"k\": 1}]" },
    { "strata", "[\"A\"]" },
    { "strata", "{}" },
    { "subjects", "[{\"key\": \"K\", \"name\": \"n\", \"stratum\": \"A\", \"inspectors\": [1]}]" },
    { "subjects", "[{\"key\": \"K\", \"name\": null, \"stratum\": \"A\", \"inspectors\": []}]" },
    { "subjects", "[{\"key\": \"K\", \"name\": \"n\", \"stratum\": \"A\"}, 3]" },
    { "subjects", "[{\"name\": \"n\", \"stratum\": \"A\", \"inspectors\": []}, {}]" },
    { "inspectors_per_subject", "2.0" },
    { "inspectors_per_subject", "-2" },
    { "inspectors_per_subject", "null" },
    { "inspectors_per_subject", "3" },
    { "inspector_cap", "\"none\"" },
    { "inspector_cap", "2147483648" },
    { "inspector_cap", "false" },
    { "inspector_cap", "null" },
    { "pool", "[{\"key\": \"K\"}]" },
    { "pool", "[{\"key\": 1, \"stratum\": \"A\"}]" },
    { "pool", "[{\"key\": \"K\", \"stratum\": \"A\"}, []]" },
    { "pool", "[]" },
    { "pool", "null" },
    { "inspector_pool", "[{\"key\": \"K\", \"department\": false}]" },
    { "inspector_pool", "[]" },
    { "avoid", "[{\"subject\": \"K\"}]" },
    { "avoid", "null" },
    { "algorithm", "null" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (replacements); i++)
    {
      g_autofree char *text = replaced_member (json, replacements[i].member, replacements[i].value);

      assert_same_reading (text, -1);
    }
}

/* Random damage to a good record, of every kind of byte. */
static void
test_read_mutations (void)
{
  g_autofree char *json = small_record_json ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (2025);
  static const char alphabet[] =
      "{}[]\":,\\0123456789-+.eEtrufalsn \t\n\x01\x1f\x7f\xc3\xa9\xe6\x9c\xaa/u";
  gsize length = strlen (json);

  for (guint round = 0; round < 1000; round++)
    {
      g_autofree char *copy = g_memdup2 (json, length + 1);
      guint            n_changes = (guint) g_rand_int_range (rand, 1, 4);
      gsize            cut = length;

      for (guint c = 0; c < n_changes; c++)
        {
          gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) length);

          copy[at] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
        }
      if (g_rand_int_range (rand, 0, 8) == 0)
        cut = (gsize) g_rand_int_range (rand, 0, (gint32) length);
      assert_same_reading (copy, (gssize) cut);
    }
}

/* json-glib wrote U+001F as it is, which no JSON reader reads: a record
 * with it in a name could be saved but not read back, verified or
 * checked by anyone (the fuzzer found it, in the task's name). */
static void
test_write_unit_separator (void)
{
  g_autoptr (SuijiDrawRecord) rec = county_record (6, 2, 1);
  g_autoptr (SuijiDrawRecord) read = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *again = NULL;
  const char      *fixtures = g_getenv ("SUIJI_FIXTURES_DIR");
  g_autofree char *finding = NULL;
  g_autofree char *contents = NULL;
  gsize            length = 0;
  gsize            again_length = 0;

  suiji_draw_record_add_candidate (rec, "K",
                                   "a\x1f"
                                   "b",
                                   "Z");
  suiji_draw_record_set_count (rec, "Z", 1);
  suiji_draw_record_set_task (rec, 1, "task\x1f", NULL);
  run_draw (rec);
  json = suiji_draw_record_to_json (rec, &length);
  g_assert_null (memchr (json, 0x1f, length));
  g_assert_nonnull (strstr (json, "\"a\\u001fb\""));
  assert_same_writing (rec);

  read = suiji_draw_record_from_json (json, (gssize) length, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (suiji_draw_record_get_task_name (read), ==, "task\x1f");
  g_assert_true (suiji_draw_verify (read, NULL, &error));
  g_assert_no_error (error);
  again = suiji_draw_record_to_json (read, &again_length);
  assert_same_bytes (again, again_length, json, length);

  g_assert_nonnull (fixtures);
  finding = g_build_filename (fixtures, "..", "fuzz", "corpus", "draw-record",
                              "finding-unit-separator.json", NULL);
  g_assert_true (g_file_get_contents (finding, &contents, NULL, NULL));
  g_assert_true (assert_same_reading (contents, -1));
}

/* What json-glib wrote, the new reader reads, and written again it is the
 * same file: records saved before keep their digests. And the files the
 * fuzzer starts from read alike. */
static void
test_read_round_trip (void)
{
  const char      *fixtures = g_getenv ("SUIJI_FIXTURES_DIR");
  g_autofree char *corpus = NULL;
  g_autoptr (GDir) dir = NULL;
  const char *name;

  for (guint seed = 0; seed < 5; seed++)
    {
      g_autoptr (SuijiDrawRecord) rec = county_record (200 + 50 * seed, 5, seed);
      g_autoptr (SuijiDrawRecord) read = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *glib_json = NULL;
      g_autofree char *again = NULL;
      gsize            glib_length = 0;
      gsize            length = 0;

      if (seed % 2 == 1)
        suiji_draw_record_set_seed_text (rec, awkward[seed]);
      run_draw (rec);
      glib_json = _suiji_draw_record_to_json_glib (rec, &glib_length);
      read = suiji_draw_record_from_json (glib_json, (gssize) glib_length, &error);
      g_assert_no_error (error);
      g_assert_true (suiji_draw_verify (read, NULL, &error));
      again = suiji_draw_record_to_json (read, &length);
      assert_same_bytes (again, length, glib_json, glib_length);
      g_assert_true (assert_same_reading (glib_json, (gssize) glib_length));
    }

  g_assert_nonnull (fixtures);
  corpus = g_build_filename (fixtures, "..", "fuzz", "corpus", "draw-record", NULL);
  dir = g_dir_open (corpus, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (corpus, name, NULL);
      g_autofree char *contents = NULL;
      gsize            length;

      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      g_test_message ("%s", name);
      assert_same_reading (contents, (gssize) length);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/draw-json/write/awkward-strings", test_write_awkward_strings);
  g_test_add_func ("/draw-json/write/unit-separator", test_write_unit_separator);
  g_test_add_func ("/draw-json/write/empty-and-huge", test_write_empty_and_huge);
  g_test_add_func ("/draw-json/write/random-records", test_write_random_records);
  g_test_add_func ("/draw-json/read/broken-texts", test_read_broken_texts);
  g_test_add_func ("/draw-json/read/truncations", test_read_truncations);
  g_test_add_func ("/draw-json/read/numbers", test_read_numbers);
  g_test_add_func ("/draw-json/read/characters", test_read_characters);
  g_test_add_func ("/draw-json/read/escapes", test_read_escapes);
  g_test_add_func ("/draw-json/read/duplicates", test_read_duplicates);
  g_test_add_func ("/draw-json/read/wrong-fields", test_read_wrong_fields);
  g_test_add_func ("/draw-json/read/mutations", test_read_mutations);
  g_test_add_func ("/draw-json/read/round-trip", test_read_round_trip);

  return g_test_run ();
}
