/* suiji-draw-json.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draw's machine-readable record (reference/draw-algorithm.md): written
 * and read by hand, byte for byte as json-glib 1.6 wrote it and exactly as
 * strictly as json-glib and the checks around it read it.
 *
 * Why by hand: a county's record holds its whole pool, 100 000 subjects
 * and some 8 MB, and the draw is saved in the meeting's moment. Through
 * json-glib, writing took 270 ms (a node, a GValue and a printf per
 * field, a GString per object) and reading 430 ms (a GObject tree, a
 * signal per member); the draw itself takes less. Here both are single
 * passes over one buffer. The layout cannot change: saved records are
 * checked against their digests, so every byte stays what json-glib
 * wrote. suiji-draw-json-glib.c keeps json-glib's writer and reader, and
 * tests/test-draw-json.c and the fuzzer hold these to them.
 */

#define G_LOG_DOMAIN "suiji-draw"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <nettle/sha2.h>
#include <string.h>

#include "suiji-draw-private.h"

/* A record of the largest county pool is a few MB; anything far beyond is
 * not a draw record. */
#define MAX_RECORD_BYTES (512 * 1024 * 1024)

/* Deeper than any draw record nests (it nests three levels). */
#define MAX_JSON_DEPTH 64

static const char *const retry_hint = N_("get the original file from whoever published the draw");

/* Writing the record */

int
_suiji_draw_compare_inspectors (gconstpointer a, gconstpointer b)
{
  const Inspector *x = a;
  const Inspector *y = b;
  int              order = strcmp (x->department, y->department);

  return order != 0 ? order : strcmp (x->key, y->key);
}

int
_suiji_draw_compare_avoid (gconstpointer a, gconstpointer b)
{
  const Avoid *x = a;
  const Avoid *y = b;
  int          order = strcmp (x->subject, y->subject);

  return order != 0 ? order : strcmp (x->inspector, y->inspector);
}

int
_suiji_draw_compare_department_counts (gconstpointer a, gconstpointer b)
{
  return strcmp (((const DepartmentCount *) a)->department,
                 ((const DepartmentCount *) b)->department);
}

/* What json-glib 1.6 escapes in a string, and how: " and \ with a
 * backslash, five control characters by their letters, the others and DEL
 * as \u00xx in lower case; everything from 0x80 on goes out as it is (the
 * UTF-8 of the text). One byte differs: json-glib wrote 0x1f as it is (its
 * test for control characters was < 0x1f), which is not JSON, so that a
 * record with it in a name (an Excel cell with _x001F_) could not be read
 * back by Suiji, nor by anyone. Such records never verified; nothing
 * readable changes. */
static const char *const escapes[128] = {
  [0x01] = "\\u0001", [0x02] = "\\u0002", [0x03] = "\\u0003", [0x04] = "\\u0004",
  [0x05] = "\\u0005", [0x06] = "\\u0006", [0x07] = "\\u0007", [0x08] = "\\b",
  [0x09] = "\\t",     [0x0a] = "\\n",     [0x0b] = "\\u000b", [0x0c] = "\\f",
  [0x0d] = "\\r",     [0x0e] = "\\u000e", [0x0f] = "\\u000f", [0x10] = "\\u0010",
  [0x11] = "\\u0011", [0x12] = "\\u0012", [0x13] = "\\u0013", [0x14] = "\\u0014",
  [0x15] = "\\u0015", [0x16] = "\\u0016", [0x17] = "\\u0017", [0x18] = "\\u0018",
  [0x19] = "\\u0019", [0x1a] = "\\u001a", [0x1b] = "\\u001b", [0x1c] = "\\u001c",
  [0x1d] = "\\u001d", [0x1e] = "\\u001e", [0x1f] = "\\u001f", ['"'] = "\\\"",
  ['\\'] = "\\\\",    [0x7f] = "\\u007f",
};

/* @text in quotes, escaped as json-glib escapes it. */
static void
put_string (GString *out, const char *text)
{
  const guchar *run = (const guchar *) text;
  const guchar *p = run;

  g_string_append_c (out, '"');
  for (; *p != '\0'; p++)
    {
      if (*p >= 0x80 || escapes[*p] == NULL)
        continue;
      g_string_append_len (out, (const char *) run, p - run);
      g_string_append (out, escapes[*p]);
      run = p + 1;
    }
  g_string_append_len (out, (const char *) run, p - run);
  g_string_append_c (out, '"');
}

/* json-glib indents by two spaces a level; a record nests four levels. */
static void
put_indent (GString *out, guint level)
{
  static const char spaces[] = "                ";

  while (level * 2 > sizeof spaces - 1)
    {
      g_string_append_len (out, spaces, sizeof spaces - 1);
      level -= (sizeof spaces - 1) / 2;
    }
  g_string_append_len (out, spaces, level * 2);
}

/* The start of a member of an object at @level - 1: its indent and name. */
static void
put_member (GString *out, guint level, const char *name)
{
  put_indent (out, level);
  put_string (out, name);
  g_string_append (out, " : ");
}

/* What json-glib writes between two elements of an array or an object, or
 * before the first. */
static void
put_separator (GString *out, gboolean first)
{
  g_string_append (out, first ? "\n" : ",\n");
}

/* The next member of an object at @level - 1, which has *@n so far. */
static void
put_field (GString *out, guint level, guint *n, const char *name)
{
  put_separator (out, (*n)++ == 0);
  put_member (out, level, name);
}

/* The next element of an array at @level - 1, an object, which has *@n
 * elements so far: the caller writes its members at @level + 1. */
static void
put_object_element (GString *out, guint level, guint *n)
{
  put_separator (out, (*n)++ == 0);
  put_indent (out, level);
  g_string_append_c (out, '{');
}

/* The end of an array or an object at @level with @n_elements. */
static void
put_end (GString *out, guint level, guint n_elements, char bracket)
{
  if (n_elements == 0)
    {
      /* json-glib writes [] and {  } (an object's indent inside). */
      if (bracket == '}')
        put_indent (out, level);
      g_string_append_c (out, bracket);
      return;
    }
  g_string_append_c (out, '\n');
  put_indent (out, level);
  g_string_append_c (out, bracket);
}

static void
put_int (GString *out, gint64 value)
{
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

/* A negative @value is written null. */
static void
put_int_or_null (GString *out, int value)
{
  if (value < 0)
    g_string_append (out, "null");
  else
    put_int (out, value);
}

/* A list of strings at @level, the value of a member. */
static void
put_string_list (GString *out, guint level, const char *const *items)
{
  guint n = 0;

  g_string_append_c (out, '[');
  while (items[n] != NULL)
    {
      put_separator (out, n == 0);
      put_indent (out, level + 1);
      put_string (out, items[n++]);
    }
  put_end (out, level, n, ']');
}

/* The root's members, each after the *@n before it. */
static void
put_seed_and_task (GString *out, guint *n, SuijiDrawRecord *rec)
{
  guint n_source = 0;
  guint n_task = 0;

  put_field (out, 1, n, "algorithm");
  put_string (out, SUIJI_DRAW_ALGORITHM);
  put_field (out, 1, n, "seed");
  put_string (out, rec->seed_hex);
  put_field (out, 1, n, "seed_source");
  g_string_append_c (out, '{');
  put_field (out, 2, &n_source, "kind");
  if (rec->seed_kind == SUIJI_DRAW_SEED_TEXT)
    {
      put_string (out, "text");
      put_field (out, 2, &n_source, "text");
      put_string (out, rec->seed_text);
    }
  else
    put_string (out, "random");
  put_end (out, 1, n_source, '}');
  put_field (out, 1, n, "drawn_at");
  put_string (out, rec->drawn_at != NULL ? rec->drawn_at : "");

  put_field (out, 1, n, "task");
  g_string_append_c (out, '{');
  put_field (out, 2, &n_task, "id");
  put_int (out, rec->task_id);
  put_field (out, 2, &n_task, "name");
  put_string (out, rec->task_name);
  put_field (out, 2, &n_task, "departments");
  put_string_list (out, 2, (const char *const *) rec->task_departments);
  put_end (out, 1, n_task, '}');
}

static void
put_results (GString *out, guint *n, const Results *results)
{
  guint n_strata = 0;
  guint n_picks = 0;

  put_field (out, 1, n, "pool_digest");
  put_string (out, results->digest);

  put_field (out, 1, n, "strata");
  g_string_append_c (out, '[');
  for (guint i = 0; i < results->strata->len; i++)
    {
      const SuijiDrawStratum *stratum = &g_array_index (results->strata, SuijiDrawStratum, i);
      guint                   n_fields = 0;

      put_object_element (out, 2, &n_strata);
      put_field (out, 3, &n_fields, "name");
      put_string (out, stratum->name);
      put_field (out, 3, &n_fields, "n");
      put_int (out, stratum->n);
      put_field (out, 3, &n_fields, "bp");
      put_int_or_null (out, stratum->bp);
      put_field (out, 3, &n_fields, "count");
      put_int_or_null (out, stratum->count);
      put_field (out, 3, &n_fields, "k");
      put_int (out, stratum->k);
      put_end (out, 2, n_fields, '}');
    }
  put_end (out, 1, n_strata, ']');

  put_field (out, 1, n, "subjects");
  g_string_append_c (out, '[');
  for (guint i = 0; i < results->picks->len; i++)
    {
      const SuijiDrawPick *pick = &g_array_index (results->picks, SuijiDrawPick, i);
      guint                n_fields = 0;

      put_object_element (out, 2, &n_picks);
      put_field (out, 3, &n_fields, "key");
      put_string (out, pick->key);
      put_field (out, 3, &n_fields, "name");
      put_string (out, pick->name);
      put_field (out, 3, &n_fields, "stratum");
      put_string (out, pick->stratum);
      put_field (out, 3, &n_fields, "inspectors");
      put_string_list (out, 3, (const char *const *) pick->inspectors);
      put_end (out, 2, n_fields, '}');
    }
  put_end (out, 1, n_picks, ']');
}

static void
put_inspector_settings (GString *out, guint *n, SuijiDrawRecord *rec)
{
  put_field (out, 1, n, "inspectors_per_subject");
  put_int (out, _suiji_draw_record_effective_m (rec));
  if (rec->department_counts->len > 0)
    {
      g_autoptr (GArray) counts = g_array_copy (rec->department_counts);
      guint n_counts = 0;

      g_array_sort (counts, _suiji_draw_compare_department_counts);
      put_field (out, 1, n, "inspectors_per_department");
      g_string_append_c (out, '{');
      for (guint i = 0; i < counts->len; i++)
        {
          const DepartmentCount *count = &g_array_index (counts, DepartmentCount, i);

          put_field (out, 2, &n_counts, count->department);
          put_int (out, count->m);
        }
      put_end (out, 1, n_counts, '}');
    }
  put_field (out, 1, n, "inspector_cap");
  put_int_or_null (out, rec->cap);
}

/* A list of objects with two text members: "pool", "inspector_pool" and
 * "avoid". Between the values, every element has the same bytes. */
typedef struct
{
  GString    *first_start;  /* from the element's start to its first value */
  GString    *second_start; /* between its values */
  const char *last_second;  /* the last second value, and how it was written */
  GString    *last_second_text;
  guint       n;
} PairList;

static void
pair_list_begin (PairList   *list,
                 GString    *out,
                 guint      *n,
                 const char *list_name,
                 const char *first_name,
                 const char *second_name)
{
  guint n_fields = 0;

  list->first_start = g_string_new (NULL);
  put_indent (list->first_start, 2);
  g_string_append_c (list->first_start, '{');
  put_field (list->first_start, 3, &n_fields, first_name);
  list->second_start = g_string_new (NULL);
  put_field (list->second_start, 3, &n_fields, second_name);
  list->last_second = NULL;
  list->last_second_text = g_string_new (NULL);
  list->n = 0;

  put_field (out, 1, n, list_name);
  g_string_append_c (out, '[');
}

static void
pair_list_add (PairList *list, GString *out, const char *first, const char *second)
{
  put_separator (out, list->n++ == 0);
  g_string_append_len (out, list->first_start->str, list->first_start->len);
  put_string (out, first);
  g_string_append_len (out, list->second_start->str, list->second_start->len);
  /* The pool's strata are interned and come in runs: each run is escaped
   * once. */
  if (second != list->last_second)
    {
      g_string_truncate (list->last_second_text, 0);
      put_string (list->last_second_text, second);
      list->last_second = second;
    }
  g_string_append_len (out, list->last_second_text->str, list->last_second_text->len);
  put_end (out, 2, 2, '}');
}

static void
pair_list_end (PairList *list, GString *out)
{
  put_end (out, 1, list->n, ']');
  g_string_free (list->first_start, TRUE);
  g_string_free (list->second_start, TRUE);
  g_string_free (list->last_second_text, TRUE);
}

/* "inspector_pool" or "avoid", sorted by @order: @pairs holds Inspector or
 * Avoid, which are two strings each. */
static void
put_pair_list (GString     *out,
               guint       *n,
               const char  *list_name,
               const char  *first_name,
               const char  *second_name,
               GArray      *pairs,
               GCompareFunc order)
{
  g_autoptr (GArray) sorted = g_array_copy (pairs);
  PairList list;

  G_STATIC_ASSERT (sizeof (Inspector) == 2 * sizeof (const char *));
  G_STATIC_ASSERT (sizeof (Avoid) == 2 * sizeof (const char *));

  g_array_sort (sorted, order);
  pair_list_begin (&list, out, n, list_name, first_name, second_name);
  for (guint i = 0; i < sorted->len; i++)
    {
      const char *const *pair = &g_array_index (sorted, const char *, 2 * i);

      pair_list_add (&list, out, pair[0], pair[1]);
    }
  pair_list_end (&list, out);
}

static void
put_pools (GString *out, guint *n, SuijiDrawRecord *rec)
{
  const Candidate *candidates = (const Candidate *) (gpointer) rec->candidates->data;
  const guint     *order = rec->results.pool_order;
  guint            n_candidates = rec->candidates->len;
  PairList         list;

  pair_list_begin (&list, out, n, "pool", "key", "stratum");
  for (guint i = 0; i < n_candidates; i++)
    {
      const Candidate *candidate = &candidates[order[i]];

      /* The candidates lie in the order they came, not in pool order:
       * what comes next is fetched while this one is written. */
      if (i + 16 < n_candidates)
        __builtin_prefetch (&candidates[order[i + 16]]);
      if (i + 8 < n_candidates)
        __builtin_prefetch (candidates[order[i + 8]].key);
      pair_list_add (&list, out, candidate->key, candidate->stratum);
    }
  pair_list_end (&list, out);
  put_pair_list (out, n, "inspector_pool", "key", "department", rec->inspectors,
                 _suiji_draw_compare_inspectors);
  put_pair_list (out, n, "avoid", "subject", "inspector", rec->avoid, _suiji_draw_compare_avoid);
}

/**
 * suiji_draw_record_to_json:
 * @length: (out) (optional): the length in bytes
 *
 * The machine-readable record of a draw (reference/draw-algorithm.md),
 * UTF-8, laid out as json-glib writes it with an indent of two spaces.
 * Beyond the fields of the page it holds "count" in each stratum (the
 * count the task gave, or null) and, for a joint task,
 * "inspectors_per_department". The pool, the inspectors and the avoidance
 * pairs are sorted, so the same draw always gives the same file.
 *
 * Returns: (transfer full): the JSON text; the record must hold results
 */
char *
suiji_draw_record_to_json (SuijiDrawRecord *rec, gsize *length)
{
  GString *out;
  guint    n = 0;

  g_return_val_if_fail (rec != NULL, NULL);
  g_return_val_if_fail (rec->has_results, NULL);

  _suiji_draw_record_ensure_pool_order (rec);

  /* A pool entry takes some 60 bytes besides its key and stratum. */
  out = g_string_sized_new (4096 + (gsize) rec->candidates->len * 96 +
                            (gsize) rec->results.picks->len * 256);
  g_string_append_c (out, '{');
  put_seed_and_task (out, &n, rec);
  put_results (out, &n, &rec->results);
  put_inspector_settings (out, &n, rec);
  put_pools (out, &n, rec);
  put_end (out, 0, n, '}');
  g_string_append_c (out, '\n');

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * suiji_draw_digest_json:
 * @json: a record's text
 * @length: its length in bytes
 *
 * The record digest saved beside a record: SHA-256 of its bytes. Through
 * nettle, which uses the processor's SHA instructions: five times
 * g_compute_checksum_for_data () on a county's 8 MB record.
 *
 * Returns: (transfer full): 64 lowercase hex digits
 */
char *
suiji_draw_digest_json (const char *json, gsize length)
{
  struct sha256_ctx ctx;
  guint8            digest[SHA256_DIGEST_SIZE];

  sha256_init (&ctx);
  if (length > 0)
    sha256_update (&ctx, length, (const guint8 *) json);
  sha256_digest (&ctx, SHA256_DIGEST_SIZE, digest);
  return suiji_draw_seed_to_hex (digest);
}

/* The parsed text */

void
_suiji_draw_json_clear (SuijiDrawJson *doc)
{
  g_clear_pointer (&doc->nodes, g_free);
  g_clear_pointer (&doc->text_buffer, g_free);
  g_clear_pointer (&doc->chunk, g_string_chunk_free);
  doc->n_nodes = 0;
  doc->allocated = 0;
}

/* A new node at the end; its end and size are the caller's to set. */
guint
_suiji_draw_json_add_node (SuijiDrawJson *doc, SuijiDrawJsonType type, const char *name)
{
  SuijiDrawJsonNode *node;

  if (doc->n_nodes == doc->allocated)
    {
      doc->allocated = MAX (64, doc->allocated * 2);
      doc->nodes = g_renew (SuijiDrawJsonNode, doc->nodes, doc->allocated);
    }
  node = &doc->nodes[doc->n_nodes];
  node->type = type;
  node->size = 0;
  node->end = doc->n_nodes + 1;
  node->name = name;
  node->value.integer = 0;
  return doc->n_nodes++;
}

gboolean
_suiji_draw_json_not_json (GError **error, const char *text, gsize offset)
{
  guint       line = 1;
  const char *line_start = text;

  for (const char *c = text; c < text + offset; c++)
    {
      if (*c == '\n')
        {
          line++;
          line_start = c + 1;
        }
    }
  g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
               _("The draw record is not valid JSON (line %u, column %u): %s."), line,
               (guint) g_utf8_strlen (line_start, text + offset - line_start) + 1, _(retry_hint));
  return FALSE;
}

gboolean
_suiji_draw_json_check_text (const char **data, gssize length, gsize *size, GError **error)
{
  if (*data == NULL)
    *data = "";
  *size = length < 0 ? strlen (*data) : (gsize) length;
  if (*size > MAX_RECORD_BYTES)
    {
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The draw record is larger than %u MB, which no draw makes: %s."),
                   (guint) (MAX_RECORD_BYTES / (1024 * 1024)), _(retry_hint));
      return FALSE;
    }
  if (!g_utf8_validate_len (*data, *size, NULL))
    {
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The draw record is not UTF-8 text: %s."), _(retry_hint));
      return FALSE;
    }
  /* A byte order mark, as some Windows tools write. */
  if (*size >= 3 && memcmp (*data, "\xef\xbb\xbf", 3) == 0)
    {
      *data += 3;
      *size -= 3;
    }
  return TRUE;
}

/* Parsing, by hand
 *
 * RFC 8259 JSON, with the limits of the pass that guarded json-glib
 * (find_unsafe_json () in suiji-draw-json-glib.c): no comments, no single
 * quotes, no control characters in strings, no \u0000 and no half
 * surrogate pairs, nothing after the root, integers within 64 bits, and
 * no deeper nesting than MAX_JSON_DEPTH. The text has been checked to be
 * UTF-8 (outside strings only ASCII is accepted). Strings are decoded
 * into one buffer as long as the text, which holds them all: an escape is
 * never shorter than what it stands for, and the NUL takes a quote's
 * place. */

typedef struct
{
  const char    *text;
  gsize          length;
  gsize          at;
  SuijiDrawJson *doc;
  char          *out; /* where the next decoded string goes */
  guint          depth;
} Parser;

static inline void
skip_blanks (Parser *p)
{
  while (p->at < p->length && (p->text[p->at] == ' ' || p->text[p->at] == '\n' ||
                               p->text[p->at] == '\r' || p->text[p->at] == '\t'))
    p->at++;
}

/* Reads the four hex digits after \u at @at. */
static gboolean
read_unit (const Parser *p, gsize at, gunichar *unit)
{
  if (at + 6 > p->length || p->text[at] != '\\' || p->text[at + 1] != 'u')
    return FALSE;
  *unit = 0;
  for (guint i = 2; i < 6; i++)
    {
      char c = p->text[at + i];
      int  digit = g_ascii_xdigit_value (c);

      if (digit < 0)
        return FALSE;
      *unit = *unit << 4 | (gunichar) digit;
    }
  return TRUE;
}

/* The string at p->at (on its quote), decoded; NULL with p->at on the
 * byte refused. */
static const char *
parse_string (Parser *p)
{
  const guchar *text = (const guchar *) p->text;
  char         *start = p->out;

  p->at++;
  for (;;)
    {
      gsize    run = p->at;
      gunichar unit;
      gunichar low;

      /* The plain bytes in one copy. */
      while (p->at < p->length && text[p->at] >= 0x20 && text[p->at] != '"' && text[p->at] != '\\')
        p->at++;
      memcpy (p->out, text + run, p->at - run);
      p->out += p->at - run;

      if (p->at >= p->length || text[p->at] < 0x20)
        return NULL;
      if (text[p->at] == '"')
        break;

      /* An escape: json-glib misread \x41 as "x41", cut the string at
       * \u0000 and made bytes that are not UTF-8 of half a surrogate
       * pair; all three are refused. */
      if (p->at + 1 < p->length && p->text[p->at + 1] != 'u')
        {
          static const char letters[] = "\"\\/bfnrt";
          static const char values[] = "\"\\/\b\f\n\r\t";
          const char       *letter = memchr (letters, p->text[p->at + 1], sizeof letters - 1);

          if (letter == NULL)
            return NULL;
          *p->out++ = values[letter - letters];
          p->at += 2;
          continue;
        }
      if (!read_unit (p, p->at, &unit) || unit == 0 || (unit >= 0xdc00 && unit <= 0xdfff))
        return NULL;
      if (unit >= 0xd800 && unit <= 0xdbff)
        {
          if (!read_unit (p, p->at + 6, &low) || low < 0xdc00 || low > 0xdfff)
            return NULL;
          unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
          p->at += 6;
        }
      p->out += g_unichar_to_utf8 (unit, p->out);
      p->at += 6;
    }

  p->at++;
  *p->out++ = '\0';
  return start;
}

/* Whether the @length bytes at @text are one RFC 8259 number,
 * -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, and an integer (no
 * fraction, no exponent) within 64 bits, whose value goes to *@integer
 * (NULL allowed). *@is_integer says which it was. */
gboolean
_suiji_draw_json_is_number (const char *text, gsize length, gboolean *is_integer, gint64 *integer)
{
  gsize    at = text[0] == '-' ? 1 : 0;
  gsize    digits_start = at;
  gboolean whole = TRUE;
  guint64  value = 0;
  guint64  limit = at == 1 ? (guint64) G_MAXINT64 + 1 : (guint64) G_MAXINT64;

  if (at >= length || !g_ascii_isdigit (text[at]))
    return FALSE;
  if (text[at] == '0')
    at++;
  else
    while (at < length && g_ascii_isdigit (text[at]))
      at++;
  if (at < length && text[at] == '.')
    {
      whole = FALSE;
      if (++at >= length || !g_ascii_isdigit (text[at]))
        return FALSE;
      while (at < length && g_ascii_isdigit (text[at]))
        at++;
    }
  if (at < length && (text[at] == 'e' || text[at] == 'E'))
    {
      whole = FALSE;
      if (++at < length && (text[at] == '+' || text[at] == '-'))
        at++;
      if (at >= length || !g_ascii_isdigit (text[at]))
        return FALSE;
      while (at < length && g_ascii_isdigit (text[at]))
        at++;
    }
  if (at != length)
    return FALSE;

  *is_integer = whole;
  if (!whole)
    return TRUE;
  for (gsize i = digits_start; i < length; i++)
    {
      guint digit = (guint) (text[i] - '0');

      if (value > (limit - digit) / 10)
        return FALSE;
      value = value * 10 + digit;
    }
  if (integer != NULL)
    *integer = digits_start == 1
                   ? (value == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) value)
                   : (gint64) value;
  return TRUE;
}

/* A number at p->at: the run of letters, digits, points and signs there
 * must be one number of RFC 8259, and an integer must fit in 64 bits.
 * What json-glib's scanner also read (1., .5, - 1, $ff as 255) is
 * refused. A number with a fraction or an exponent is a double, whose
 * value no field takes. */
static gboolean
parse_number (Parser *p, guint node)
{
  gsize    end = p->at;
  gboolean is_integer = FALSE;
  gint64   integer = 0;

  while (end < p->length && (g_ascii_isalnum (p->text[end]) || p->text[end] == '.' ||
                             p->text[end] == '+' || p->text[end] == '-'))
    end++;
  if (!_suiji_draw_json_is_number (p->text + p->at, end - p->at, &is_integer, &integer))
    return FALSE;

  p->doc->nodes[node].type = is_integer ? SUIJI_DRAW_JSON_INTEGER : SUIJI_DRAW_JSON_DOUBLE;
  p->doc->nodes[node].value.integer = integer;
  p->at = end;
  return TRUE;
}

/* The word true, false or null at p->at; what follows it is the caller's
 * to check, as after any value. */
static gboolean
parse_word (Parser *p, guint node)
{
  static const struct
  {
    const char       *word;
    SuijiDrawJsonType type;
    gboolean          value;
  } words[] = {
    { "true", SUIJI_DRAW_JSON_BOOLEAN, TRUE },
    { "false", SUIJI_DRAW_JSON_BOOLEAN, FALSE },
    { "null", SUIJI_DRAW_JSON_NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize length = strlen (words[i].word);

      if (p->length - p->at >= length && memcmp (p->text + p->at, words[i].word, length) == 0)
        {
          p->doc->nodes[node].type = words[i].type;
          p->doc->nodes[node].value.boolean = words[i].value;
          p->at += length;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean parse_value (Parser *p, const char *name);

/* An array or an object at p->at (on its bracket). */
static gboolean
parse_container (Parser *p, const char *name)
{
  gboolean is_object = p->text[p->at] == '{';
  char     close = is_object ? '}' : ']';
  guint    node = _suiji_draw_json_add_node (
         p->doc, is_object ? SUIJI_DRAW_JSON_OBJECT : SUIJI_DRAW_JSON_ARRAY, name);
  guint size = 0;

  if (++p->depth > MAX_JSON_DEPTH)
    return FALSE;
  p->at++;
  skip_blanks (p);
  if (p->at < p->length && p->text[p->at] == close)
    p->at++;
  else
    for (;;)
      {
        const char *member = NULL;

        if (is_object)
          {
            if (p->at >= p->length || p->text[p->at] != '"' || (member = parse_string (p)) == NULL)
              return FALSE;
            skip_blanks (p);
            if (p->at >= p->length || p->text[p->at] != ':')
              return FALSE;
            p->at++;
          }
        if (!parse_value (p, member))
          return FALSE;
        size++;
        skip_blanks (p);
        if (p->at >= p->length)
          return FALSE;
        if (p->text[p->at] == close)
          {
            p->at++;
            break;
          }
        if (p->text[p->at] != ',')
          return FALSE;
        p->at++;
        skip_blanks (p);
      }

  p->depth--;
  p->doc->nodes[node].size = size;
  p->doc->nodes[node].end = p->doc->n_nodes;
  return TRUE;
}

/* A value, after blanks, at p->at; on failure p->at is on the byte
 * refused. */
static gboolean
parse_value (Parser *p, const char *name)
{
  guint node;

  skip_blanks (p);
  if (p->at >= p->length)
    return FALSE;

  switch (p->text[p->at])
    {
    case '{':
    case '[':
      return parse_container (p, name);
    case '"':
      node = _suiji_draw_json_add_node (p->doc, SUIJI_DRAW_JSON_STRING, name);
      p->doc->nodes[node].value.text = parse_string (p);
      return p->doc->nodes[node].value.text != NULL;
    case 't':
    case 'f':
    case 'n':
      node = _suiji_draw_json_add_node (p->doc, SUIJI_DRAW_JSON_NULL, name);
      return parse_word (p, node);
    default:
      if (p->text[p->at] != '-' && !g_ascii_isdigit (p->text[p->at]))
        return FALSE;
      node = _suiji_draw_json_add_node (p->doc, SUIJI_DRAW_JSON_NULL, name);
      return parse_number (p, node);
    }
}

/* Parses @text into @doc; FALSE with the error "not valid JSON" at the
 * first byte refused. */
static gboolean
parse_text (SuijiDrawJson *doc, const char *text, gsize length, GError **error)
{
  Parser p = { text, length, 0, doc, NULL, 0 };

  doc->text_buffer = g_malloc (length + 1);
  p.out = doc->text_buffer;
  /* Pretty-printed records hold a node for every 25 bytes or so. */
  doc->allocated = (guint) MIN (length / 16 + 64, G_MAXUINT / 2);
  doc->nodes = g_new (SuijiDrawJsonNode, doc->allocated);

  /* json-glib skipped a byte order mark of its own, after the one
   * _suiji_draw_json_check_text () skips: a text may start with two. */
  if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
    p.at = 3;
  if (!parse_value (&p, NULL))
    return _suiji_draw_json_not_json (error, text, MIN (p.at, length));
  skip_blanks (&p);
  if (p.at < length)
    return _suiji_draw_json_not_json (error, text, p.at);
  return TRUE;
}

/* Reading the record's fields */

typedef enum
{
  PROBLEM_TWICE,
  PROBLEM_MISSING,
  PROBLEM_NOT_TEXT,
  PROBLEM_NOT_LIST,
  PROBLEM_NOT_OBJECT,
  PROBLEM_NOT_HEX,
  PROBLEM_NOT_KIND,
  PROBLEM_NOT_TIME,
  PROBLEM_NOT_SUM,
  PROBLEM_REPEATED_STRATUM,
  PROBLEM_COUNT_WITH_RATIO,
} Problem;

static gboolean
field_error (GError **error, const Where *where, Problem problem)
{
  g_autofree char *path = _suiji_draw_where_to_string (where);
  const char      *hint = _(retry_hint);

  switch (problem)
    {
    case PROBLEM_TWICE:
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The draw record holds the field “%s” twice: %s."), path, hint);
      break;
    case PROBLEM_MISSING:
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The draw record lacks the field “%s”: %s."), path, hint);
      break;
    case PROBLEM_NOT_TEXT:
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The field “%s” of the draw record should be a text: %s."), path, hint);
      break;
    case PROBLEM_NOT_LIST:
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The field “%s” of the draw record should be a list: %s."), path, hint);
      break;
    case PROBLEM_NOT_OBJECT:
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The field “%s” of the draw record should be an object: %s."), path, hint);
      break;
    case PROBLEM_NOT_HEX:
      g_set_error (
          error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
          _("The field “%s” of the draw record should be 64 lowercase hexadecimal digits: %s."),
          path, hint);
      break;
    case PROBLEM_NOT_KIND:
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The field “%s” of the draw record should be “random” or “text”: %s."), path,
                   hint);
      break;
    case PROBLEM_NOT_TIME:
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The field “%s” of the draw record should be an ISO 8601 time with its UTC "
                      "offset: %s."),
                   path, hint);
      break;
    case PROBLEM_NOT_SUM:
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The field “%s” of the draw record should be the sum of "
                      "“inspectors_per_department”: %s."),
                   path, hint);
      break;
    case PROBLEM_REPEATED_STRATUM:
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The field “%s” of the draw record names a stratum listed before: %s."), path,
                   hint);
      break;
    case PROBLEM_COUNT_WITH_RATIO:
      g_set_error (
          error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
          _("The field “%s” of the draw record should be null when the stratum has a ratio: %s."),
          path, hint);
      break;
    default:
      g_assert_not_reached ();
    }
  return FALSE;
}

typedef const SuijiDrawJsonNode Node;

/* The element or member after @node, for walking a list or an object. */
static inline Node *
next (const SuijiDrawJson *doc, Node *node)
{
  return doc->nodes + node->end;
}

/* Finds the member @where->name of @object: FALSE when it is there twice,
 * or missing and @required; *@out is NULL when it is missing. */
static gboolean
find_member (const SuijiDrawJson *doc,
             Node                *object,
             const Where         *where,
             gboolean             required,
             Node               **out,
             GError             **error)
{
  Node *member = object + 1;
  Node *found = NULL;
  guint n_found = 0;

  *out = NULL;
  for (guint i = 0; i < object->size; i++, member = next (doc, member))
    {
      if (strcmp (member->name, where->name) == 0 && n_found++ == 0)
        found = member;
    }
  if (n_found > 1)
    return field_error (error, where, PROBLEM_TWICE);
  *out = found;
  if (found == NULL && required)
    return field_error (error, where, PROBLEM_MISSING);
  return TRUE;
}

static Node *
lookup (const SuijiDrawJson *doc, Node *object, const Where *where, GError **error)
{
  Node *found;

  return find_member (doc, object, where, TRUE, &found, error) ? found : NULL;
}

static const char *
expect_string (Node *node, const Where *where, GError **error)
{
  if (node->type != SUIJI_DRAW_JSON_STRING)
    {
      field_error (error, where, PROBLEM_NOT_TEXT);
      return NULL;
    }
  return node->value.text;
}

static Node *
expect_type (Node *node, SuijiDrawJsonType type, const Where *where, GError **error)
{
  if (node->type != type)
    {
      field_error (error, where,
                   type == SUIJI_DRAW_JSON_ARRAY ? PROBLEM_NOT_LIST : PROBLEM_NOT_OBJECT);
      return NULL;
    }
  return node;
}

static const char *
get_string (const SuijiDrawJson *doc, Node *object, const Where *where, GError **error)
{
  Node *node = lookup (doc, object, where, error);

  return node != NULL ? expect_string (node, where, error) : NULL;
}

static Node *
get_array (const SuijiDrawJson *doc, Node *object, const Where *where, GError **error)
{
  Node *node = lookup (doc, object, where, error);

  return node != NULL ? expect_type (node, SUIJI_DRAW_JSON_ARRAY, where, error) : NULL;
}

static Node *
get_object (const SuijiDrawJson *doc, Node *object, const Where *where, GError **error)
{
  Node *node = lookup (doc, object, where, error);

  return node != NULL ? expect_type (node, SUIJI_DRAW_JSON_OBJECT, where, error) : NULL;
}

/* Reads a whole number in [@min, @max]; with @nullable, null gives -1. */
static gboolean
expect_integer (Node        *node,
                const Where *where,
                gint64       min,
                gint64       max,
                gboolean     nullable,
                gint64      *out,
                GError     **error)
{
  if (nullable && node->type == SUIJI_DRAW_JSON_NULL)
    {
      *out = -1;
      return TRUE;
    }
  if (node->type != SUIJI_DRAW_JSON_INTEGER || node->value.integer < min ||
      node->value.integer > max)
    {
      g_autofree char *path = _suiji_draw_where_to_string (where);
      g_autofree char *low = g_strdup_printf ("%" G_GINT64_FORMAT, min);
      g_autofree char *high = g_strdup_printf ("%" G_GINT64_FORMAT, max);

      if (nullable)
        g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                     _("The field “%s” of the draw record should be null or a whole number "
                        "from %s to %s: %s."),
                     path, low, high, _(retry_hint));
      else
        g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                     _("The field “%s” of the draw record should be a whole number from %s to "
                        "%s: %s."),
                     path, low, high, _(retry_hint));
      return FALSE;
    }

  *out = node->value.integer;
  return TRUE;
}

static gboolean
get_integer (const SuijiDrawJson *doc,
             Node                *object,
             const Where         *where,
             gint64               min,
             gint64               max,
             gboolean             nullable,
             gint64              *out,
             GError             **error)
{
  Node *node = lookup (doc, object, where, error);

  return node != NULL && expect_integer (node, where, min, max, nullable, out, error);
}

static const char *
get_hex (const SuijiDrawJson *doc, Node *object, const Where *where, GError **error)
{
  const char *text = get_string (doc, object, where, error);
  guint8      ignored[32];

  if (text != NULL && !_suiji_draw_parse_hex32 (text, TRUE, ignored))
    {
      field_error (error, where, PROBLEM_NOT_HEX);
      return NULL;
    }
  return text;
}

/* The array field @name of @object, whose elements are all objects. */
static Node *
get_object_list (const SuijiDrawJson *doc, Node *object, const char *name, GError **error)
{
  Where where = _suiji_draw_at (NULL, -1, name);
  Node *list = get_array (doc, object, &where, error);
  Node *element;

  if (list == NULL)
    return NULL;
  element = list + 1;
  for (guint i = 0; i < list->size; i++, element = next (doc, element))
    {
      if (element->type != SUIJI_DRAW_JSON_OBJECT)
        {
          Where at_element = { name, -1, NULL, (int) i };

          field_error (error, &at_element, PROBLEM_NOT_OBJECT);
          return NULL;
        }
    }
  return list;
}

static gboolean
read_seed (SuijiDrawRecord *rec, const SuijiDrawJson *doc, Node *root, GError **error)
{
  Where       where = _suiji_draw_at (NULL, -1, "seed");
  const char *seed_hex = get_hex (doc, root, &where, error);
  Node       *source;
  const char *kind;
  guint8      seed[SUIJI_DRAW_SEED_SIZE];

  if (seed_hex == NULL)
    return FALSE;
  _suiji_draw_parse_hex32 (seed_hex, TRUE, seed);
  _suiji_draw_record_set_seed (rec, seed);

  where = _suiji_draw_at (NULL, -1, "seed_source");
  source = get_object (doc, root, &where, error);
  if (source == NULL)
    return FALSE;
  where = _suiji_draw_at ("seed_source", -1, "kind");
  kind = get_string (doc, source, &where, error);
  if (kind == NULL)
    return FALSE;
  if (strcmp (kind, "random") == 0)
    rec->seed_kind = SUIJI_DRAW_SEED_RANDOM;
  else if (strcmp (kind, "text") == 0)
    {
      const char *text;

      where = _suiji_draw_at ("seed_source", -1, "text");
      text = get_string (doc, source, &where, error);
      if (text == NULL)
        return FALSE;
      rec->seed_kind = SUIJI_DRAW_SEED_TEXT;
      rec->seed_text = _suiji_draw_record_keep (rec, text);
    }
  else
    return field_error (error, &where, PROBLEM_NOT_KIND);

  return TRUE;
}

static gboolean
read_task (SuijiDrawRecord *rec, const SuijiDrawJson *doc, Node *root, GError **error)
{
  Where       where = _suiji_draw_at (NULL, -1, "drawn_at");
  const char *drawn_at = get_string (doc, root, &where, error);
  g_autoptr (GDateTime) time = NULL;
  g_autoptr (GPtrArray) departments = g_ptr_array_new ();
  Node       *task;
  Node       *list;
  Node       *element;
  const char *name;
  gint64      id;

  if (drawn_at == NULL)
    return FALSE;
  time = g_date_time_new_from_iso8601 (drawn_at, NULL);
  if (time == NULL)
    return field_error (error, &where, PROBLEM_NOT_TIME);
  rec->drawn_at = _suiji_draw_record_keep (rec, drawn_at);

  where = _suiji_draw_at (NULL, -1, "task");
  task = get_object (doc, root, &where, error);
  if (task == NULL)
    return FALSE;
  where = _suiji_draw_at ("task", -1, "id");
  if (!get_integer (doc, task, &where, G_MININT64, G_MAXINT64, FALSE, &id, error))
    return FALSE;
  where = _suiji_draw_at ("task", -1, "name");
  name = get_string (doc, task, &where, error);
  if (name == NULL)
    return FALSE;
  where = _suiji_draw_at ("task", -1, "departments");
  list = get_array (doc, task, &where, error);
  if (list == NULL)
    return FALSE;
  element = list + 1;
  for (guint i = 0; i < list->size; i++, element = next (doc, element))
    {
      Where       at_element = { "task", -1, "departments", (int) i };
      const char *department = expect_string (element, &at_element, error);

      if (department == NULL)
        return FALSE;
      g_ptr_array_add (departments, (gpointer) department);
    }
  g_ptr_array_add (departments, NULL);

  rec->task_id = id;
  rec->task_name = _suiji_draw_record_keep (rec, name);
  g_strfreev (rec->task_departments);
  rec->task_departments = g_strdupv ((char **) departments->pdata);
  return TRUE;
}

static gboolean
read_inspector_settings (SuijiDrawRecord *rec, const SuijiDrawJson *doc, Node *root, GError **error)
{
  Where  where = _suiji_draw_at (NULL, -1, "inspectors_per_subject");
  Node  *counts;
  gint64 m;
  gint64 cap;

  if (!get_integer (doc, root, &where, 0, G_MAXINT32, FALSE, &m, error))
    return FALSE;
  rec->m = (guint) m;

  where = _suiji_draw_at (NULL, -1, "inspectors_per_department");
  if (!find_member (doc, root, &where, FALSE, &counts, error))
    return FALSE;
  if (counts != NULL)
    {
      g_autoptr (GHashTable) times = g_hash_table_new (g_str_hash, g_str_equal);
      Node *member;

      if (expect_type (counts, SUIJI_DRAW_JSON_OBJECT, &where, error) == NULL)
        return FALSE;

      /* Each department in the order it first comes (json-glib's order),
       * refused when it comes twice. */
      member = counts + 1;
      for (guint i = 0; i < counts->size; i++, member = next (doc, member))
        {
          guint seen = GPOINTER_TO_UINT (g_hash_table_lookup (times, member->name));

          g_hash_table_insert (times, (gpointer) member->name, GUINT_TO_POINTER (seen + 1));
        }
      member = counts + 1;
      for (guint i = 0; i < counts->size; i++, member = next (doc, member))
        {
          Where  entry = _suiji_draw_at ("inspectors_per_department", -1, member->name);
          guint  seen = GPOINTER_TO_UINT (g_hash_table_lookup (times, member->name));
          gint64 count = 0;

          if (seen == 0)
            continue;
          if (seen > 1)
            return field_error (error, &entry, PROBLEM_TWICE);
          if (!expect_integer (member, &entry, 0, G_MAXINT32, FALSE, &count, error))
            return FALSE;
          g_hash_table_insert (times, (gpointer) member->name, GUINT_TO_POINTER (0));
          suiji_draw_record_set_inspectors_per_department (rec, member->name, (guint) count);
        }
      if (_suiji_draw_record_effective_m (rec) != rec->m)
        {
          where = _suiji_draw_at (NULL, -1, "inspectors_per_subject");
          return field_error (error, &where, PROBLEM_NOT_SUM);
        }
    }

  where = _suiji_draw_at (NULL, -1, "inspector_cap");
  if (!get_integer (doc, root, &where, 0, G_MAXINT32, TRUE, &cap, error))
    return FALSE;
  rec->cap = (int) cap;
  return TRUE;
}

/* "subjects": the published picks; their names also name the pool's
 * candidates, which the pool entries do not. */
static gboolean
read_subjects (
    SuijiDrawRecord *rec, const SuijiDrawJson *doc, Node *root, GHashTable *names, GError **error)
{
  Node    *list = get_object_list (doc, root, "subjects", error);
  Results *results = &rec->results;
  Node    *entry;
  gsize    n_slots = 0;
  gsize    slot = 0;

  if (list == NULL)
    return FALSE;

  /* First the types, and the room the inspector lists need. */
  entry = list + 1;
  for (guint i = 0; i < list->size; i++, entry = next (doc, entry))
    {
      Where where = _suiji_draw_at ("subjects", (int) i, "inspectors");
      Node *inspectors = get_array (doc, entry, &where, error);
      Node *inspector;

      if (inspectors == NULL)
        return FALSE;
      inspector = inspectors + 1;
      for (guint j = 0; j < inspectors->size; j++, inspector = next (doc, inspector))
        {
          where.name_index = (int) j;
          if (expect_string (inspector, &where, error) == NULL)
            return FALSE;
        }
      n_slots += inspectors->size + 1;
    }

  results->picks = g_array_sized_new (FALSE, FALSE, sizeof (SuijiDrawPick), list->size);
  results->slots = g_new0 (char *, n_slots + 1);
  entry = list + 1;
  for (guint i = 0; i < list->size; i++, entry = next (doc, entry))
    {
      Where         where = _suiji_draw_at ("subjects", (int) i, "key");
      const char   *key = get_string (doc, entry, &where, error);
      const char   *name;
      const char   *stratum;
      Node         *inspectors;
      Node         *inspector;
      SuijiDrawPick pick;

      if (key == NULL)
        return FALSE;
      where.name = "name";
      if ((name = get_string (doc, entry, &where, error)) == NULL)
        return FALSE;
      where.name = "stratum";
      if ((stratum = get_string (doc, entry, &where, error)) == NULL)
        return FALSE;
      where.name = "inspectors";
      inspectors = get_array (doc, entry, &where, error);
      if (inspectors == NULL)
        return FALSE;

      pick.key = (char *) _suiji_draw_record_keep (rec, key);
      pick.name = (char *) _suiji_draw_record_keep (rec, name);
      pick.stratum = (char *) _suiji_draw_record_intern (rec, stratum);
      pick.inspectors = results->slots + slot;
      inspector = inspectors + 1;
      for (guint j = 0; j < inspectors->size; j++, inspector = next (doc, inspector))
        results->slots[slot++] = (char *) _suiji_draw_record_keep (rec, inspector->value.text);
      results->slots[slot++] = NULL;
      g_array_append_val (results->picks, pick);
      g_hash_table_insert (names, pick.key, pick.name);
    }

  return TRUE;
}

static gboolean
read_pool (
    SuijiDrawRecord *rec, const SuijiDrawJson *doc, Node *root, GHashTable *names, GError **error)
{
  Node       *list = get_object_list (doc, root, "pool", error);
  Node       *entry;
  const char *last_stratum = NULL;
  const char *last_interned = NULL;

  if (list == NULL)
    return FALSE;
  g_array_set_size (rec->candidates, list->size);
  entry = list + 1;
  for (guint i = 0; i < list->size; i++, entry = next (doc, entry))
    {
      Where       where = _suiji_draw_at ("pool", (int) i, "key");
      const char *key = get_string (doc, entry, &where, error);
      const char *stratum;
      const char *name;
      Candidate  *candidate = &g_array_index (rec->candidates, Candidate, i);

      if (key == NULL)
        return FALSE;
      where.name = "stratum";
      if ((stratum = get_string (doc, entry, &where, error)) == NULL)
        return FALSE;
      name = g_hash_table_lookup (names, key);
      candidate->key = _suiji_draw_record_keep_key (rec, key);
      candidate->name = name != NULL ? name : "";
      /* The pool comes by stratum: one lookup a run. */
      if (last_stratum == NULL || strcmp (stratum, last_stratum) != 0)
        {
          last_stratum = stratum;
          last_interned = _suiji_draw_record_intern (rec, stratum);
        }
      candidate->stratum = last_interned;
    }

  return TRUE;
}

/* "strata": the published strata, and the rules they carry. */
static gboolean
read_strata (SuijiDrawRecord *rec, const SuijiDrawJson *doc, Node *root, GError **error)
{
  Node *list = get_object_list (doc, root, "strata", error);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  Node *entry;

  if (list == NULL)
    return FALSE;
  rec->results.strata = g_array_sized_new (FALSE, FALSE, sizeof (SuijiDrawStratum), list->size);
  entry = list + 1;
  for (guint i = 0; i < list->size; i++, entry = next (doc, entry))
    {
      Where            where = _suiji_draw_at ("strata", (int) i, "name");
      const char      *name = get_string (doc, entry, &where, error);
      SuijiDrawStratum stratum;
      Node            *count_node;
      gint64           number;
      gint64           bp;
      gint64           count = -1;

      if (name == NULL)
        return FALSE;
      stratum.name = (char *) _suiji_draw_record_intern (rec, name);
      if (!g_hash_table_add (seen, stratum.name))
        return field_error (error, &where, PROBLEM_REPEATED_STRATUM);

      where.name = "n";
      if (!get_integer (doc, entry, &where, 0, G_MAXUINT32, FALSE, &number, error))
        return FALSE;
      stratum.n = (guint) number;
      where.name = "k";
      if (!get_integer (doc, entry, &where, 0, G_MAXUINT32, FALSE, &number, error))
        return FALSE;
      stratum.k = (guint) number;
      where.name = "bp";
      if (!get_integer (doc, entry, &where, 0, 10000, TRUE, &bp, error))
        return FALSE;

      /* "count" is this program's addition. A record that lacks it gives
       * a count rule as "bp": null with "k", as the page shows. */
      where.name = "count";
      if (!find_member (doc, entry, &where, FALSE, &count_node, error))
        return FALSE;
      if (count_node != NULL)
        {
          if (!expect_integer (count_node, &where, 0, G_MAXINT32, TRUE, &count, error))
            return FALSE;
          if (bp >= 0 && count >= 0)
            return field_error (error, &where, PROBLEM_COUNT_WITH_RATIO);
        }
      else if (bp < 0)
        count = MIN ((gint64) stratum.k, G_MAXINT32);

      stratum.bp = (int) bp;
      stratum.count = (int) count;
      if (bp >= 0)
        _suiji_draw_record_set_rule (rec, stratum.name, (int) bp, -1);
      else if (count >= 0)
        _suiji_draw_record_set_rule (rec, stratum.name, -1, (int) count);
      g_array_append_val (rec->results.strata, stratum);
    }

  return TRUE;
}

/* "inspector_pool" and "avoid": lists of objects with two text fields. */
static gboolean
read_pairs (SuijiDrawRecord     *rec,
            const SuijiDrawJson *doc,
            Node                *root,
            const char          *list_name,
            const char          *first_name,
            const char          *second_name,
            GError             **error)
{
  Node *list = get_object_list (doc, root, list_name, error);
  Node *entry;

  if (list == NULL)
    return FALSE;
  entry = list + 1;
  for (guint i = 0; i < list->size; i++, entry = next (doc, entry))
    {
      Where       where = _suiji_draw_at (list_name, (int) i, first_name);
      const char *first = get_string (doc, entry, &where, error);
      const char *second;

      if (first == NULL)
        return FALSE;
      where.name = second_name;
      if ((second = get_string (doc, entry, &where, error)) == NULL)
        return FALSE;
      if (strcmp (list_name, "avoid") == 0)
        {
          Avoid avoid = { _suiji_draw_record_keep (rec, first),
                          _suiji_draw_record_keep (rec, second) };

          g_array_append_val (rec->avoid, avoid);
        }
      else
        {
          Inspector inspector = { _suiji_draw_record_keep (rec, first),
                                  _suiji_draw_record_intern (rec, second) };

          g_array_append_val (rec->inspectors, inspector);
        }
    }

  return TRUE;
}

/* Reads the record's fields from @doc, in the order (and so with the
 * first message) of the json-glib reader before it.
 *
 * Returns: (transfer full) (nullable): the record, or NULL with @error set */
SuijiDrawRecord *
_suiji_draw_record_from_document (const SuijiDrawJson *doc, GError **error)
{
  g_autoptr (SuijiDrawRecord) rec = suiji_draw_record_new ();
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  Where       where = _suiji_draw_at (NULL, -1, "algorithm");
  Node       *root = doc->nodes;
  const char *algorithm;
  const char *digest;

  if (root->type != SUIJI_DRAW_JSON_OBJECT)
    {
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The draw record is not a JSON object: %s."), _(retry_hint));
      return NULL;
    }

  algorithm = get_string (doc, root, &where, error);
  if (algorithm == NULL)
    return NULL;
  if (strcmp (algorithm, SUIJI_DRAW_ALGORITHM) != 0)
    {
      g_autofree char *shown = _suiji_draw_printable (algorithm);

      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_UNKNOWN_ALGORITHM,
                   _("The record was made with the draw algorithm “%s”, which this version "
                      "does not know: check it with a version of Suiji that does."),
                   shown);
      return NULL;
    }

  if (!read_seed (rec, doc, root, error) || !read_task (rec, doc, root, error))
    return NULL;

  where = _suiji_draw_at (NULL, -1, "pool_digest");
  digest = get_hex (doc, root, &where, error);
  if (digest == NULL)
    return NULL;
  memcpy (rec->results.digest, digest, sizeof rec->results.digest);

  if (!read_inspector_settings (rec, doc, root, error) ||
      !read_subjects (rec, doc, root, names, error) || !read_pool (rec, doc, root, names, error) ||
      !read_strata (rec, doc, root, error) ||
      !read_pairs (rec, doc, root, "inspector_pool", "key", "department", error) ||
      !read_pairs (rec, doc, root, "avoid", "subject", "inspector", error))
    return NULL;

  rec->has_results = TRUE;
  return g_steal_pointer (&rec);
}

/**
 * suiji_draw_record_from_json:
 * @data: the text of a record
 * @length: its length in bytes, or -1 when NUL-terminated
 *
 * Reads a published record, strictly: text that is not JSON is refused
 * with the line and column of the first byte that is not; a missing
 * field, a wrong type, a field given twice, a number out of range or a
 * seed that is not 64 lowercase hex digits is a
 * %SUIJI_DRAW_ERROR_BAD_RECORD that names the field (e.g. "subjects[3].key");
 * another algorithm is %SUIJI_DRAW_ERROR_UNKNOWN_ALGORITHM. Fields beyond
 * the record's are ignored. The results are the published ones:
 * suiji_draw_verify () checks them.
 *
 * Returns: (transfer full) (nullable): the record, or NULL with @error set
 */
SuijiDrawRecord *
suiji_draw_record_from_json (const char *data, gssize length, GError **error)
{
  g_auto (SuijiDrawJson) doc = { 0 };
  gsize size;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_suiji_draw_json_check_text (&data, length, &size, error) ||
      !parse_text (&doc, data, size, error))
    return NULL;

  return _suiji_draw_record_from_document (&doc, error);
}
