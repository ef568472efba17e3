/* suiji-draw-json-glib.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draw's JSON record as json-glib wrote and read it before
 * suiji-draw-json.c did by hand: the measure the hand-written writer and
 * reader are held to. Saved records must keep verifying and keep their
 * digests, so the writer must give the same bytes as json-glib's for any
 * record, and the reader must refuse and accept what this one did, with
 * the same message. tests/test-draw-json.c and the fuzzer
 * (tests/fuzz/fuzz-draw-record.c) compare them; Suiji itself does not
 * use this file.
 *
 * json-glib 1.6 is lenient where a published record must not be (see
 * find_unsafe_json ()), so a short pass over the text refuses what it
 * would misread before it parses. Its tree is then copied into the
 * parsed form that the reader of suiji-draw-json.c walks, with the
 * members json-glib saw twice given twice.
 */

#define G_LOG_DOMAIN "suiji-draw"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "suiji-draw-private.h"

/* As in suiji-draw-json.c. */
#define MAX_JSON_DEPTH 64

/* Writing the record, through json-glib */

static void
add_string_member (JsonBuilder *builder, const char *name, const char *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_int_member (JsonBuilder *builder, const char *name, gint64 value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* A negative @value is written null. */
static void
add_int_or_null_member (JsonBuilder *builder, const char *name, int value)
{
  json_builder_set_member_name (builder, name);
  if (value < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, value);
}

static void
add_seed_and_task (JsonBuilder *builder, SuijiDrawRecord *rec)
{
  add_string_member (builder, "algorithm", SUIJI_DRAW_ALGORITHM);
  add_string_member (builder, "seed", rec->seed_hex);
  json_builder_set_member_name (builder, "seed_source");
  json_builder_begin_object (builder);
  if (rec->seed_kind == SUIJI_DRAW_SEED_TEXT)
    {
      add_string_member (builder, "kind", "text");
      add_string_member (builder, "text", rec->seed_text);
    }
  else
    add_string_member (builder, "kind", "random");
  json_builder_end_object (builder);
  add_string_member (builder, "drawn_at", rec->drawn_at != NULL ? rec->drawn_at : "");

  json_builder_set_member_name (builder, "task");
  json_builder_begin_object (builder);
  add_int_member (builder, "id", rec->task_id);
  add_string_member (builder, "name", rec->task_name);
  json_builder_set_member_name (builder, "departments");
  json_builder_begin_array (builder);
  for (guint i = 0; rec->task_departments[i] != NULL; i++)
    json_builder_add_string_value (builder, rec->task_departments[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
add_results (JsonBuilder *builder, const Results *results)
{
  add_string_member (builder, "pool_digest", results->digest);

  json_builder_set_member_name (builder, "strata");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->strata->len; i++)
    {
      const SuijiDrawStratum *stratum = &g_array_index (results->strata, SuijiDrawStratum, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "name", stratum->name);
      add_int_member (builder, "n", stratum->n);
      add_int_or_null_member (builder, "bp", stratum->bp);
      add_int_or_null_member (builder, "count", stratum->count);
      add_int_member (builder, "k", stratum->k);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "subjects");
  json_builder_begin_array (builder);
  for (guint i = 0; i < results->picks->len; i++)
    {
      const SuijiDrawPick *pick = &g_array_index (results->picks, SuijiDrawPick, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "key", pick->key);
      add_string_member (builder, "name", pick->name);
      add_string_member (builder, "stratum", pick->stratum);
      json_builder_set_member_name (builder, "inspectors");
      json_builder_begin_array (builder);
      for (guint j = 0; pick->inspectors[j] != NULL; j++)
        json_builder_add_string_value (builder, pick->inspectors[j]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_inspector_settings (JsonBuilder *builder, SuijiDrawRecord *rec)
{
  add_int_member (builder, "inspectors_per_subject", _suiji_draw_record_effective_m (rec));
  if (rec->department_counts->len > 0)
    {
      g_autoptr (GArray) counts = g_array_copy (rec->department_counts);

      g_array_sort (counts, _suiji_draw_compare_department_counts);
      json_builder_set_member_name (builder, "inspectors_per_department");
      json_builder_begin_object (builder);
      for (guint i = 0; i < counts->len; i++)
        {
          const DepartmentCount *count = &g_array_index (counts, DepartmentCount, i);

          add_int_member (builder, count->department, count->m);
        }
      json_builder_end_object (builder);
    }
  add_int_or_null_member (builder, "inspector_cap", rec->cap);
}

static void
add_pools (JsonBuilder *builder, SuijiDrawRecord *rec)
{
  const Candidate *candidates = (const Candidate *) (gpointer) rec->candidates->data;
  g_autoptr (GArray) inspectors = g_array_copy (rec->inspectors);
  g_autoptr (GArray) avoid = g_array_copy (rec->avoid);

  json_builder_set_member_name (builder, "pool");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rec->candidates->len; i++)
    {
      const Candidate *candidate = &candidates[rec->results.pool_order[i]];

      json_builder_begin_object (builder);
      add_string_member (builder, "key", candidate->key);
      add_string_member (builder, "stratum", candidate->stratum);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  g_array_sort (inspectors, _suiji_draw_compare_inspectors);
  json_builder_set_member_name (builder, "inspector_pool");
  json_builder_begin_array (builder);
  for (guint i = 0; i < inspectors->len; i++)
    {
      const Inspector *inspector = &g_array_index (inspectors, Inspector, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "key", inspector->key);
      add_string_member (builder, "department", inspector->department);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  g_array_sort (avoid, _suiji_draw_compare_avoid);
  json_builder_set_member_name (builder, "avoid");
  json_builder_begin_array (builder);
  for (guint i = 0; i < avoid->len; i++)
    {
      const Avoid *pair = &g_array_index (avoid, Avoid, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "subject", pair->subject);
      add_string_member (builder, "inspector", pair->inspector);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* suiji_draw_record_to_json () as it was, through json-glib, but for
 * 0x1f. */
char *
_suiji_draw_record_to_json_glib (SuijiDrawRecord *rec, gsize *length)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) root = NULL;
  GString *out;

  g_return_val_if_fail (rec != NULL, NULL);
  g_return_val_if_fail (rec->has_results, NULL);

  _suiji_draw_record_ensure_pool_order (rec);
  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_seed_and_task (builder, rec);
  add_results (builder, &rec->results);
  add_inspector_settings (builder, rec);
  add_pools (builder, rec);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  g_clear_object (&builder);

  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  out =
      g_string_sized_new (1024 + (gsize) rec->candidates->len * 96 + rec->results.picks->len * 256);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');

  /* json-glib wrote 0x1f as it is, which is not JSON (see
   * suiji-draw-json.c); it can only stand in a string. */
  if (memchr (out->str, 0x1f, out->len) != NULL)
    g_string_replace (out, "\x1f", "\\u001f", 0);

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* Reading the record, through json-glib */

/* Reads the escape \uXXXX at @text into @unit. */
static gboolean
read_escaped_unit (const char *text, gsize length, gunichar *unit)
{
  if (length < 6 || text[0] != '\\' || text[1] != 'u')
    return FALSE;
  *unit = 0;
  for (guint i = 2; i < 6; i++)
    {
      int digit = g_ascii_xdigit_value (text[i]);

      if (digit < 0)
        return FALSE;
      *unit = *unit << 4 | (gunichar) digit;
    }
  return TRUE;
}

/* The length of the escape at @text (on its backslash), or 0 when RFC 8259
 * does not allow it or json-glib would misread it: it reads \x41 as "x41",
 * cuts the string at \u0000, and turns half a surrogate pair into bytes
 * that are not UTF-8. */
static gsize
escape_length (const char *text, gsize length)
{
  gunichar unit;
  gunichar low;

  if (length >= 2 && text[1] != '\0' && strchr ("\"\\/bfnrt", text[1]) != NULL)
    return 2;
  if (!read_escaped_unit (text, length, &unit) || unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
    return 0;
  if (unit < 0xd800 || unit > 0xdbff)
    return 6;
  return read_escaped_unit (text + 6, length - 6, &low) && low >= 0xdc00 && low <= 0xdfff ? 12 : 0;
}

/* json-glib 1.6 reads what RFC 8259 forbids, in ways that matter here: it
 * nests by recursion without a limit (a file of "[" overflows the stack),
 * wraps numbers beyond 64 bits, misreads some escapes (see
 * escape_length ()), takes control characters in strings, ignores an
 * array or an object after the root, and reads comments and
 * single-quoted strings, and what follows a root that is neither an
 * object nor an array. Its scanner also reads numbers that JSON does
 * not have: $ff as 255, "- 1" as -1, 1. and .5; this pass let those
 * through until the hand-written reader, which refuses them, was held to
 * it (no record Suiji or any JSON library writes holds one). This pass
 * refuses all that before json-glib reads the text; it follows only
 * strings, brackets and numbers, and leaves the rest of the syntax to
 * json-glib. Returns the offset of the first byte refused, or -1. */
static gssize
find_unsafe_json (const char *text, gsize length)
{
  guint    depth = 0;
  gboolean after_root = FALSE;
  gboolean is_integer;

  for (gsize i = 0; i < length; i++)
    {
      gsize end;

      switch (text[i])
        {
        case ' ':
        case '\n':
        case '\r':
        case '\t':
          continue;
        default:
          break;
        }
      if (after_root)
        return (gssize) i;

      switch (text[i])
        {
        case '"':
          for (i++; i < length && text[i] != '"'; i++)
            {
              gsize escape;

              if ((guchar) text[i] < 0x20)
                return (gssize) i;
              if (text[i] != '\\')
                continue;
              escape = escape_length (text + i, length - i);
              if (escape == 0)
                return (gssize) i;
              i += escape - 1;
            }
          after_root = depth == 0;
          break;
        case '[':
        case '{':
          if (++depth > MAX_JSON_DEPTH)
            return (gssize) i;
          break;
        case ']':
        case '}':
          if (depth > 0 && --depth == 0)
            after_root = TRUE;
          break;
        case '\'':
        case '/':
        case '#':
          return (gssize) i;
        default:
          if (g_ascii_isalpha (text[i]))
            {
              /* A word: true, false or null, or json-glib refuses it. */
              for (end = i + 1; end < length && g_ascii_isalnum (text[end]); end++)
                ;
            }
          else if (text[i] == '-' || text[i] == '+' || text[i] == '.' || text[i] == '$' ||
                   g_ascii_isdigit (text[i]))
            {
              for (end = i + 1;
                   end < length && (g_ascii_isalnum (text[end]) || text[end] == '.' ||
                                    text[end] == '+' || text[end] == '-' || text[end] == '$');
                   end++)
                ;
              if (!_suiji_draw_json_is_number (text + i, end - i, &is_integer, NULL))
                return (gssize) i;
            }
          else
            break;
          i = end - 1;
          after_root = depth == 0;
          break;
        }
    }

  return -1;
}

/* What json-glib tells while it parses and cannot tell after: where a
 * syntax error is, and which members an object holds twice (it keeps the
 * last one). */
typedef struct
{
  GArray     *open;           /* OpenObject, the objects whose members are being read */
  GHashTable *twice;          /* JsonObject * → set of member names; NULL when none */
  guint       error_line;     /* from 1; 0 when json-glib did not say */
  guint       error_position; /* in bytes from 1 */
} Reading;

typedef struct
{
  JsonObject *object;
  guint       n_members; /* read so far, twice counted once */
} OpenObject;

static void
reading_clear (Reading *reading)
{
  g_clear_pointer (&reading->open, g_array_unref);
  g_clear_pointer (&reading->twice, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reading, reading_clear)

/* json-glib tells of a member once it is in @object, and of the end of an
 * object once all its members are: the members of an object nested in
 * another come between two of the outer's. */
static void
on_object_member (JsonParser *parser, JsonObject *object, const char *name, gpointer user_data)
{
  Reading    *reading = user_data;
  OpenObject *top = NULL;
  GHashTable *names;

  if (reading->open->len > 0)
    top = &g_array_index (reading->open, OpenObject, reading->open->len - 1);
  if (top == NULL || top->object != object)
    {
      OpenObject opened = { object, 0 };

      g_array_append_val (reading->open, opened);
      top = &g_array_index (reading->open, OpenObject, reading->open->len - 1);
    }
  if (++top->n_members <= json_object_get_size (object))
    return;

  top->n_members--;
  if (reading->twice == NULL)
    reading->twice = g_hash_table_new_full (NULL, NULL, (GDestroyNotify) json_object_unref,
                                            (GDestroyNotify) g_hash_table_unref);
  names = g_hash_table_lookup (reading->twice, object);
  if (names == NULL)
    {
      /* The reference keeps the address from another object, should this
       * one be dropped for a member given twice in its parent. */
      names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (reading->twice, json_object_ref (object), names);
    }
  g_hash_table_add (names, g_strdup (name));
}

static void
on_object_end (JsonParser *parser, JsonObject *object, gpointer user_data)
{
  Reading *reading = user_data;

  if (reading->open->len > 0 &&
      g_array_index (reading->open, OpenObject, reading->open->len - 1).object == object)
    g_array_set_size (reading->open, reading->open->len - 1);
}

static void
on_error (JsonParser *parser, gpointer json_error, gpointer user_data)
{
  Reading *reading = user_data;

  reading->error_line = json_parser_get_current_line (parser);
  reading->error_position = json_parser_get_current_pos (parser);
}

/* The offset of json-glib's line and position in @text. */
static gsize
error_offset (const Reading *reading, const char *text, gsize length)
{
  const char *line_start = text;

  if (reading->error_line == 0)
    return length;
  for (guint line = 1; line < reading->error_line; line++)
    {
      const char *newline = memchr (line_start, '\n', text + length - line_start);

      if (newline == NULL)
        break;
      line_start = newline + 1;
    }
  return MIN ((gsize) (line_start - text) + MAX (reading->error_position, 1) - 1, length);
}

/* Parses @text; the root is valid as long as @parser. */
static JsonNode *
parse (JsonParser *parser, Reading *reading, const char *text, gsize length, GError **error)
{
  g_autoptr (GError) json_error = NULL;
  gssize    refused = find_unsafe_json (text, length);
  JsonNode *root;

  if (refused >= 0)
    {
      _suiji_draw_json_not_json (error, text, (gsize) refused);
      return NULL;
    }

  reading->open = g_array_new (FALSE, FALSE, sizeof (OpenObject));
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), reading);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end), reading);
  g_signal_connect (parser, "error", G_CALLBACK (on_error), reading);
  if (!json_parser_load_from_data (parser, text, (gssize) length, &json_error))
    {
      g_debug ("json-glib: %s", json_error->message);
      _suiji_draw_json_not_json (error, text, error_offset (reading, text, length));
      return NULL;
    }

  /* json-glib reads an empty text as no root at all. */
  root = json_parser_get_root (parser);
  if (root == NULL)
    _suiji_draw_json_not_json (error, text, length);
  return root;
}

/* Copies @node, and the members json-glib saw twice a second time, into
 * @doc. */
static void
copy_node (SuijiDrawJson *doc, const Reading *reading, JsonNode *node, const char *name)
{
  guint index;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        GHashTable *twice =
            reading->twice != NULL ? g_hash_table_lookup (reading->twice, object) : NULL;
        g_autoptr (GList) members = json_object_get_members (object);

        index = _suiji_draw_json_add_node (doc, SUIJI_DRAW_JSON_OBJECT, name);
        for (GList *l = members; l != NULL; l = l->next)
          {
            const char *member = g_string_chunk_insert (doc->chunk, l->data);

            copy_node (doc, reading, json_object_get_member (object, l->data), member);
            doc->nodes[index].size++;
            if (twice != NULL && g_hash_table_contains (twice, l->data))
              {
                _suiji_draw_json_add_node (doc, SUIJI_DRAW_JSON_NULL, member);
                doc->nodes[index].size++;
              }
          }
        break;
      }
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        index = _suiji_draw_json_add_node (doc, SUIJI_DRAW_JSON_ARRAY, name);
        for (guint i = 0; i < json_array_get_length (array); i++)
          copy_node (doc, reading, json_array_get_element (array, i), NULL);
        doc->nodes[index].size = json_array_get_length (array);
        break;
      }
    case JSON_NODE_NULL:
      index = _suiji_draw_json_add_node (doc, SUIJI_DRAW_JSON_NULL, name);
      break;
    case JSON_NODE_VALUE:
    default:
      index = _suiji_draw_json_add_node (doc, SUIJI_DRAW_JSON_NULL, name);
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          doc->nodes[index].type = SUIJI_DRAW_JSON_INTEGER;
          doc->nodes[index].value.integer = json_node_get_int (node);
          break;
        case G_TYPE_DOUBLE:
          doc->nodes[index].type = SUIJI_DRAW_JSON_DOUBLE;
          break;
        case G_TYPE_BOOLEAN:
          doc->nodes[index].type = SUIJI_DRAW_JSON_BOOLEAN;
          doc->nodes[index].value.boolean = json_node_get_boolean (node);
          break;
        case G_TYPE_STRING:
          doc->nodes[index].type = SUIJI_DRAW_JSON_STRING;
          doc->nodes[index].value.text =
              g_string_chunk_insert (doc->chunk, json_node_get_string (node));
          break;
        default:
          g_assert_not_reached ();
        }
      break;
    }
  doc->nodes[index].end = doc->n_nodes;
}

/* suiji_draw_record_from_json () as it was, through json-glib: the same
 * checks of the text, json-glib's parser behind find_unsafe_json (), and
 * the same reading of the fields. */
SuijiDrawRecord *
_suiji_draw_record_from_json_glib (const char *data, gssize length, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_auto (Reading) reading = { 0 };
  g_auto (SuijiDrawJson) doc = { 0 };
  JsonNode *root;
  gsize     size;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_suiji_draw_json_check_text (&data, length, &size, error))
    return NULL;

  parser = json_parser_new ();
  root = parse (parser, &reading, data, size, error);
  if (root == NULL)
    return NULL;

  doc.chunk = g_string_chunk_new (4096);
  copy_node (&doc, &reading, root, NULL);
  return _suiji_draw_record_from_document (&doc, error);
}
