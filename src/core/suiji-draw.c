/* suiji-draw.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draw suiji-draw-v1, exactly as reference/draw-algorithm.md fixes it:
 * subject scores SHA-256(seed ‖ "subject" ‖ 0 ‖ key), the first k of each
 * stratum by score, then for each drawn subject the m eligible inspectors
 * with the lowest SHA-256(seed ‖ "inspector" ‖ 0 ‖ subject ‖ 0 ‖ badge).
 *
 * Speed: a county pool of 100 000 subjects with 300 inspectors hashes about
 * a million short messages. The hashes start from a context that already
 * holds the common prefix, are computed on all processors (they do not
 * depend on each other; only the choice with the cap is sequential), and
 * each stratum keeps its first k by a bounded heap instead of a full sort.
 *
 * The JSON record is written and read through json-glib. json-glib 1.6
 * is lenient where a published record must not be (see
 * find_unsafe_json ()), so a short pass over the text refuses what it
 * would misread before it parses; the walk over its tree then checks every
 * field's type and range.
 */

#define G_LOG_DOMAIN "suiji-draw"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <json-glib/json-glib.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "suiji-draw.h"

/* Threads for the hashing; more than this gains nothing on a county pool. */
#define MAX_THREADS 8

/* The inspector scores of this many bytes are computed at a time. */
#define SCORE_BLOCK_BYTES (4 * 1024 * 1024)

/* A record of the largest county pool is a few MB; anything far beyond is
 * not a draw record. */
#define MAX_RECORD_BYTES (512 * 1024 * 1024)

/* Deeper than any draw record nests (it nests three levels). */
#define MAX_JSON_DEPTH 64

typedef struct
{
  const char *key;
  const char *name;
  const char *stratum;
} Candidate;

typedef struct
{
  const char *stratum;
  int         bp;
  int         count;
} Rule;

typedef struct
{
  const char *key;
  const char *department;
} Inspector;

typedef struct
{
  const char *subject;
  const char *inspector;
} Avoid;

typedef struct
{
  const char *department;
  guint       m;
} DepartmentCount;

typedef struct
{
  char    digest[2 * 32 + 1];
  GArray *strata;     /* SuijiDrawStratum */
  GArray *picks;      /* SuijiDrawPick */
  char  **slots;      /* the picks' inspector lists, one block */
  guint  *pool_order; /* candidate indices by (stratum, key); NULL when not known */
} Results;

struct _SuijiDrawRecord
{
  /* Every string of the record; strata and departments are interned, so
   * that equal names are equal pointers. */
  GStringChunk *strings;

  /* Inputs */
  gboolean          has_seed;
  guint8            seed[SUIJI_DRAW_SEED_SIZE];
  char              seed_hex[2 * SUIJI_DRAW_SEED_SIZE + 1];
  SuijiDrawSeedKind seed_kind;
  const char       *seed_text;
  const char       *drawn_at;
  gint64            task_id;
  const char       *task_name;
  GStrv             task_departments;
  GArray           *candidates;        /* Candidate */
  GArray           *rules;             /* Rule */
  GArray           *inspectors;        /* Inspector */
  GArray           *avoid;             /* Avoid */
  GArray           *department_counts; /* DepartmentCount */
  guint             m;
  int               cap;

  /* Results, from suiji_draw_run () or read from a published file */
  gboolean has_results;
  Results  results;
};

/* clang-format off */
G_DEFINE_QUARK (suiji-draw-error-quark, suiji_draw_error)
/* clang-format on */

static const char subject_label[] = "subject";
static const char inspector_label[] = "inspector";

static void
to_hex (const guint8 *bytes, gsize n, char *out)
{
  static const char digits[] = "0123456789abcdef";

  for (gsize i = 0; i < n; i++)
    {
      out[2 * i] = digits[bytes[i] >> 4];
      out[2 * i + 1] = digits[bytes[i] & 0xf];
    }
  out[2 * n] = '\0';
}

static int
hex_value (char c, gboolean lower_only)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (!lower_only && c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
parse_hex32 (const char *hex, gboolean lower_only, guint8 out[32])
{
  if (hex == NULL || strlen (hex) != 64)
    return FALSE;

  for (guint i = 0; i < 32; i++)
    {
      int high = hex_value (hex[2 * i], lower_only);
      int low = hex_value (hex[2 * i + 1], lower_only);

      if (high < 0 || low < 0)
        return FALSE;
      out[i] = (guint8) (high << 4 | low);
    }

  return TRUE;
}

static gboolean
is_lower_hex64 (const char *text)
{
  guint8 ignored[32];

  return parse_hex32 (text, TRUE, ignored);
}

/* Seeds */

/**
 * suiji_draw_seed_generate:
 * @seed: (out caller-allocates): 32 bytes
 *
 * Fills @seed from the operating system's cryptographic random source
 * (getrandom(2), which waits until the kernel's pool is ready).
 */
void
suiji_draw_seed_generate (guint8 seed[SUIJI_DRAW_SEED_SIZE])
{
  gsize done = 0;

  while (done < SUIJI_DRAW_SEED_SIZE)
    {
      gssize got = getrandom (seed + done, SUIJI_DRAW_SEED_SIZE - done, 0);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        break;
      done += (gsize) got;
    }

  /* Kernels older than 3.17 lack getrandom (); their /dev/urandom is the
   * same source. */
  if (done < SUIJI_DRAW_SEED_SIZE)
    {
      FILE *file = fopen ("/dev/urandom", "rb");

      if (file == NULL || fread (seed, 1, SUIJI_DRAW_SEED_SIZE, file) != SUIJI_DRAW_SEED_SIZE)
        g_error ("No random source for the draw's seed: %s", g_strerror (errno));
      fclose (file);
    }
}

/**
 * suiji_draw_seed_from_hex:
 * @hex: 64 hexadecimal digits, upper or lower case
 * @seed: (out caller-allocates): 32 bytes
 *
 * Reads a seed typed back from a published record.
 *
 * Returns: %FALSE with %SUIJI_DRAW_ERROR_BAD_SEED when @hex is not 64 hex
 *   digits; @seed is then unchanged
 */
gboolean
suiji_draw_seed_from_hex (const char *hex, guint8 seed[SUIJI_DRAW_SEED_SIZE], GError **error)
{
  guint8 bytes[SUIJI_DRAW_SEED_SIZE];

  if (!parse_hex32 (hex, FALSE, bytes))
    {
      g_set_error_literal (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_SEED,
                           _("A seed is 64 hexadecimal digits (0–9, a–f): copy it again from the "
                              "draw record."));
      return FALSE;
    }

  memcpy (seed, bytes, sizeof bytes);
  return TRUE;
}

/**
 * suiji_draw_seed_from_text:
 * @public_text: the public value as typed, UTF-8
 * @seed: (out caller-allocates): 32 bytes
 *
 * The seed of a public text: SHA-256 of its bytes, exactly as given (the
 * caller decides about surrounding spaces before it is published).
 */
void
suiji_draw_seed_from_text (const char *public_text, guint8 seed[SUIJI_DRAW_SEED_SIZE])
{
  struct sha256_ctx ctx;

  sha256_init (&ctx);
  sha256_update (&ctx, strlen (public_text), (const guint8 *) public_text);
  sha256_digest (&ctx, SHA256_DIGEST_SIZE, seed);
}

/**
 * suiji_draw_seed_to_hex:
 *
 * Returns: (transfer full): the seed as 64 lowercase hex digits
 */
char *
suiji_draw_seed_to_hex (const guint8 seed[SUIJI_DRAW_SEED_SIZE])
{
  char *hex = g_malloc (2 * SUIJI_DRAW_SEED_SIZE + 1);

  to_hex (seed, SUIJI_DRAW_SEED_SIZE, hex);
  return hex;
}

/* The record */

static void
results_clear (Results *results)
{
  g_clear_pointer (&results->strata, g_array_unref);
  g_clear_pointer (&results->picks, g_array_unref);
  g_clear_pointer (&results->slots, g_free);
  g_clear_pointer (&results->pool_order, g_free);
  results->digest[0] = '\0';
}

static void
forget_results (SuijiDrawRecord *rec)
{
  if (!rec->has_results)
    return;
  results_clear (&rec->results);
  rec->has_results = FALSE;
}

/**
 * suiji_draw_record_new:
 *
 * A record without inputs: 2 inspectors per subject, no cap, no seed.
 *
 * Returns: (transfer full): a new record
 */
SuijiDrawRecord *
suiji_draw_record_new (void)
{
  SuijiDrawRecord *rec = g_new0 (SuijiDrawRecord, 1);

  rec->strings = g_string_chunk_new (64 * 1024);
  rec->task_name = "";
  rec->task_departments = g_new0 (char *, 1);
  rec->candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  rec->rules = g_array_new (FALSE, FALSE, sizeof (Rule));
  rec->inspectors = g_array_new (FALSE, FALSE, sizeof (Inspector));
  rec->avoid = g_array_new (FALSE, FALSE, sizeof (Avoid));
  rec->department_counts = g_array_new (FALSE, FALSE, sizeof (DepartmentCount));
  rec->m = 2;
  rec->cap = -1;

  return rec;
}

/**
 * suiji_draw_record_free:
 *
 * Frees the record with everything its getters returned.
 */
void
suiji_draw_record_free (SuijiDrawRecord *rec)
{
  if (rec == NULL)
    return;

  results_clear (&rec->results);
  g_strfreev (rec->task_departments);
  g_array_unref (rec->candidates);
  g_array_unref (rec->rules);
  g_array_unref (rec->inspectors);
  g_array_unref (rec->avoid);
  g_array_unref (rec->department_counts);
  g_string_chunk_free (rec->strings);
  g_free (rec);
}

static const char *
keep (SuijiDrawRecord *rec, const char *text)
{
  return g_string_chunk_insert (rec->strings, text);
}

static const char *
intern (SuijiDrawRecord *rec, const char *text)
{
  return g_string_chunk_insert_const (rec->strings, text);
}

static void
set_seed (SuijiDrawRecord *rec, const guint8 seed[SUIJI_DRAW_SEED_SIZE])
{
  memcpy (rec->seed, seed, SUIJI_DRAW_SEED_SIZE);
  to_hex (seed, SUIJI_DRAW_SEED_SIZE, rec->seed_hex);
  rec->has_seed = TRUE;
}

/**
 * suiji_draw_record_set_seed_random:
 * @seed: 32 bytes, from suiji_draw_seed_generate () or a typed-back hex seed
 *
 * Uses @seed and records its source as "random".
 */
void
suiji_draw_record_set_seed_random (SuijiDrawRecord *rec, const guint8 seed[SUIJI_DRAW_SEED_SIZE])
{
  g_return_if_fail (rec != NULL);
  g_return_if_fail (seed != NULL);

  forget_results (rec);
  set_seed (rec, seed);
  rec->seed_kind = SUIJI_DRAW_SEED_RANDOM;
  rec->seed_text = NULL;
}

/**
 * suiji_draw_record_set_seed_text:
 * @public_text: the public value, e.g. a lottery result announced after the
 *   pool was frozen
 *
 * Uses SHA-256 of @public_text's UTF-8 bytes as the seed, and records the
 * text so that anyone can check it.
 */
void
suiji_draw_record_set_seed_text (SuijiDrawRecord *rec, const char *public_text)
{
  guint8 seed[SUIJI_DRAW_SEED_SIZE];

  g_return_if_fail (rec != NULL);
  g_return_if_fail (public_text != NULL && g_utf8_validate (public_text, -1, NULL));

  forget_results (rec);
  suiji_draw_seed_from_text (public_text, seed);
  set_seed (rec, seed);
  rec->seed_kind = SUIJI_DRAW_SEED_TEXT;
  rec->seed_text = keep (rec, public_text);
}

/**
 * suiji_draw_record_set_task:
 * @id: the task's row id, 0 for a draw outside a saved task
 * @departments: (nullable): the task's departments, NULL-terminated
 *
 * When @departments is not empty, every inspector of the pool must belong
 * to one of them: suiji_draw_run () refuses others.
 */
void
suiji_draw_record_set_task (SuijiDrawRecord   *rec,
                            gint64             id,
                            const char        *name,
                            const char *const *departments)
{
  g_return_if_fail (rec != NULL);
  g_return_if_fail (name != NULL);

  forget_results (rec);
  rec->task_id = id;
  rec->task_name = keep (rec, name);
  g_strfreev (rec->task_departments);
  rec->task_departments =
      departments != NULL ? g_strdupv ((char **) departments) : g_new0 (char *, 1);
}

/**
 * suiji_draw_record_set_drawn_at:
 *
 * The time of the draw, written as ISO 8601 with its UTC offset.
 * suiji_draw_run () sets the current local time when none was set.
 */
void
suiji_draw_record_set_drawn_at (SuijiDrawRecord *rec, GDateTime *time)
{
  g_autofree char *text = NULL;

  g_return_if_fail (rec != NULL);
  g_return_if_fail (time != NULL);

  text = g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
  rec->drawn_at = keep (rec, text);
}

/**
 * suiji_draw_record_add_candidate:
 * @key: the 统一社会信用代码 in upper case, or the registration number
 * @name: (nullable): the subject's name, for the list of drawn subjects
 * @stratum: the stratum, e.g. "A" or %SUIJI_DRAW_UNCLASSIFIED
 *
 * Adds a subject to the frozen pool. The order of the calls does not
 * matter; the same key twice is refused by suiji_draw_run ().
 */
void
suiji_draw_record_add_candidate (SuijiDrawRecord *rec,
                                 const char      *key,
                                 const char      *name,
                                 const char      *stratum)
{
  Candidate candidate;

  g_return_if_fail (rec != NULL);
  g_return_if_fail (key != NULL && g_utf8_validate (key, -1, NULL));
  g_return_if_fail (name == NULL || g_utf8_validate (name, -1, NULL));
  g_return_if_fail (stratum != NULL && g_utf8_validate (stratum, -1, NULL));

  forget_results (rec);
  candidate.key = keep (rec, key);
  candidate.name = name != NULL && name[0] != '\0' ? keep (rec, name) : "";
  candidate.stratum = intern (rec, stratum);
  g_array_append_val (rec->candidates, candidate);
}

static void
set_rule (SuijiDrawRecord *rec, const char *stratum, int bp, int count)
{
  Rule rule = { intern (rec, stratum), bp, count };

  forget_results (rec);
  for (guint i = 0; i < rec->rules->len; i++)
    {
      if (g_array_index (rec->rules, Rule, i).stratum == rule.stratum)
        {
          g_array_index (rec->rules, Rule, i) = rule;
          return;
        }
    }
  g_array_append_val (rec->rules, rule);
}

/**
 * suiji_draw_record_set_ratio:
 * @bp: the ratio in basis points, 0 to 10000 (1 bp = 0.01 %)
 *
 * Draws k = ceil(n · bp / 10000) subjects of @stratum (at most n). Replaces
 * an earlier ratio or count for @stratum. A rule for a stratum the pool
 * lacks is allowed and has no effect; a stratum without a rule gives k = 0.
 */
void
suiji_draw_record_set_ratio (SuijiDrawRecord *rec, const char *stratum, guint bp)
{
  g_return_if_fail (rec != NULL);
  g_return_if_fail (stratum != NULL && g_utf8_validate (stratum, -1, NULL));
  g_return_if_fail (bp <= 10000);

  set_rule (rec, stratum, (int) bp, -1);
}

/**
 * suiji_draw_record_set_count:
 *
 * Draws min(@count, n) subjects of @stratum. Replaces an earlier ratio or
 * count for @stratum.
 */
void
suiji_draw_record_set_count (SuijiDrawRecord *rec, const char *stratum, guint count)
{
  g_return_if_fail (rec != NULL);
  g_return_if_fail (stratum != NULL && g_utf8_validate (stratum, -1, NULL));
  g_return_if_fail (count <= G_MAXINT32);

  set_rule (rec, stratum, -1, (int) count);
}

/**
 * suiji_draw_record_add_inspector:
 * @key: the badge number (执法证号)
 * @department: the inspector's department
 *
 * Adds an inspector who may be matched: the caller has already kept only
 * active inspectors with a valid badge, of the task's departments.
 */
void
suiji_draw_record_add_inspector (SuijiDrawRecord *rec, const char *key, const char *department)
{
  Inspector inspector;

  g_return_if_fail (rec != NULL);
  g_return_if_fail (key != NULL && g_utf8_validate (key, -1, NULL));
  g_return_if_fail (department != NULL && g_utf8_validate (department, -1, NULL));

  forget_results (rec);
  inspector.key = keep (rec, key);
  inspector.department = intern (rec, department);
  g_array_append_val (rec->inspectors, inspector);
}

/**
 * suiji_draw_record_add_avoid:
 *
 * The inspector @inspector_key steps aside (回避) for the subject
 * @subject_key. Pairs naming keys outside the pools are kept and harmless.
 */
void
suiji_draw_record_add_avoid (SuijiDrawRecord *rec,
                             const char      *subject_key,
                             const char      *inspector_key)
{
  Avoid avoid;

  g_return_if_fail (rec != NULL);
  g_return_if_fail (subject_key != NULL && g_utf8_validate (subject_key, -1, NULL));
  g_return_if_fail (inspector_key != NULL && g_utf8_validate (inspector_key, -1, NULL));

  forget_results (rec);
  avoid.subject = keep (rec, subject_key);
  avoid.inspector = keep (rec, inspector_key);
  g_array_append_val (rec->avoid, avoid);
}

/**
 * suiji_draw_record_set_inspectors_per_subject:
 * @m: inspectors per drawn subject: 2 or more, or 0 to draw subjects only
 *
 * suiji_draw_run () refuses 1. Ignored once per-department counts are set:
 * the number is then their sum.
 */
void
suiji_draw_record_set_inspectors_per_subject (SuijiDrawRecord *rec, guint m)
{
  g_return_if_fail (rec != NULL);
  g_return_if_fail (m <= G_MAXINT32);

  forget_results (rec);
  rec->m = m;
}

/**
 * suiji_draw_record_set_inspectors_per_department:
 * @m: inspectors from @department for each drawn subject
 *
 * For a joint task: each subject gets @m inspectors of @department, the
 * departments taken in name byte order. Inspectors of departments without
 * a count are not matched. The counts must add up to 2 or more.
 */
void
suiji_draw_record_set_inspectors_per_department (SuijiDrawRecord *rec,
                                                 const char      *department,
                                                 guint            m)
{
  DepartmentCount count;

  g_return_if_fail (rec != NULL);
  g_return_if_fail (department != NULL && g_utf8_validate (department, -1, NULL));
  g_return_if_fail (m <= G_MAXINT32);

  forget_results (rec);
  count.department = intern (rec, department);
  count.m = m;
  for (guint i = 0; i < rec->department_counts->len; i++)
    {
      if (g_array_index (rec->department_counts, DepartmentCount, i).department == count.department)
        {
          g_array_index (rec->department_counts, DepartmentCount, i) = count;
          return;
        }
    }
  g_array_append_val (rec->department_counts, count);
}

/**
 * suiji_draw_record_set_inspector_cap:
 * @cap: the most subjects one inspector may take in this draw, or -1 for
 *   no cap
 */
void
suiji_draw_record_set_inspector_cap (SuijiDrawRecord *rec, int cap)
{
  g_return_if_fail (rec != NULL);

  forget_results (rec);
  rec->cap = cap < 0 ? -1 : cap;
}

static guint
effective_m (SuijiDrawRecord *rec)
{
  guint64 sum = 0;

  if (rec->department_counts->len == 0)
    return rec->m;

  for (guint i = 0; i < rec->department_counts->len; i++)
    sum += g_array_index (rec->department_counts, DepartmentCount, i).m;
  return (guint) MIN (sum, G_MAXINT32);
}

/* Work on all processors */

typedef void (*SliceFunc) (gpointer data, guint begin, guint end);

typedef struct
{
  SliceFunc func;
  gpointer  data;
  guint     begin;
  guint     end;
} Slice;

static gpointer
run_slice (gpointer user_data)
{
  Slice *slice = user_data;

  slice->func (slice->data, slice->begin, slice->end);
  return NULL;
}

/* Calls @func on slices of [0, @n) in parallel, each at least
 * @min_per_thread long. The slices write disjoint parts of the output, so
 * the result does not depend on the number of threads. */
static void
run_in_slices (SliceFunc func, gpointer data, guint n, guint min_per_thread)
{
  Slice    slices[MAX_THREADS];
  GThread *threads[MAX_THREADS] = { NULL };
  guint    n_threads = CLAMP (g_get_num_processors (), 1, MAX_THREADS);

  n_threads = MIN (n_threads, n / MAX (min_per_thread, 1));
  if (n_threads <= 1)
    {
      func (data, 0, n);
      return;
    }

  for (guint t = 0; t < n_threads; t++)
    {
      slices[t].func = func;
      slices[t].data = data;
      slices[t].begin = (guint) ((guint64) n * t / n_threads);
      slices[t].end = (guint) ((guint64) n * (t + 1) / n_threads);
    }
  for (guint t = 1; t < n_threads; t++)
    {
      threads[t] = g_thread_try_new ("suiji-draw", run_slice, &slices[t], NULL);
      if (threads[t] == NULL)
        run_slice (&slices[t]);
    }
  run_slice (&slices[0]);
  for (guint t = 1; t < n_threads; t++)
    {
      if (threads[t] != NULL)
        g_thread_join (threads[t]);
    }
}

/* The pool in order */

typedef struct
{
  const char *key;
  guint       index;
} KeyRef;

typedef struct
{
  const char *name;
  guint       start; /* in the pool order */
  guint       n;
} Bucket;

static int
compare_key_refs (gconstpointer a, gconstpointer b)
{
  return strcmp (((const KeyRef *) a)->key, ((const KeyRef *) b)->key);
}

static int
compare_bucket_names (gconstpointer a, gconstpointer b)
{
  return strcmp (((const Bucket *) a)->name, ((const Bucket *) b)->name);
}

/* Orders the pool by (stratum, key) in byte order: the order of the pool
 * digest's lines (no key or stratum holds a control character, so it is
 * also the lines' byte order) and of the record's "pool". Returns the
 * candidate indices; @buckets gets the strata by name with their ranges;
 * @duplicate the first key found twice, if any. */
static guint *
order_pool (SuijiDrawRecord *rec, GArray **buckets_out, const char **duplicate)
{
  guint              n = rec->candidates->len;
  const Candidate   *candidates = (const Candidate *) (gpointer) rec->candidates->data;
  g_autofree KeyRef *refs = g_new (KeyRef, MAX (n, 1));
  g_autofree guint  *bucket_of = g_new (guint, MAX (n, 1));
  g_autofree guint  *fill = NULL;
  g_autofree guint  *renumber = NULL;
  g_autoptr (GHashTable) by_name = g_hash_table_new (NULL, NULL);
  GArray     *buckets = g_array_new (FALSE, FALSE, sizeof (Bucket));
  guint      *order = g_new (guint, MAX (n, 1));
  const char *last_stratum = NULL;
  guint       last_bucket = 0;
  guint       start = 0;

  if (duplicate != NULL)
    *duplicate = NULL;

  /* Strata are interned: equal names are the same pointer. */
  for (guint i = 0; i < n; i++)
    {
      const char *stratum = candidates[i].stratum;

      if (stratum != last_stratum)
        {
          gpointer found = g_hash_table_lookup (by_name, stratum);

          if (found == NULL)
            {
              Bucket bucket = { stratum, 0, 0 };

              g_array_append_val (buckets, bucket);
              found = GUINT_TO_POINTER (buckets->len);
              g_hash_table_insert (by_name, (gpointer) stratum, found);
            }
          last_stratum = stratum;
          last_bucket = GPOINTER_TO_UINT (found) - 1;
        }
      bucket_of[i] = last_bucket;
      g_array_index (buckets, Bucket, last_bucket).n++;
      refs[i].key = candidates[i].key;
      refs[i].index = i;
    }

  /* Number the strata by name, and give each its range. */
  for (guint b = 0; b < buckets->len; b++)
    g_array_index (buckets, Bucket, b).start = b;
  g_array_sort (buckets, compare_bucket_names);
  renumber = g_new (guint, MAX (buckets->len, 1));
  fill = g_new (guint, MAX (buckets->len, 1));
  for (guint b = 0; b < buckets->len; b++)
    {
      Bucket *bucket = &g_array_index (buckets, Bucket, b);

      renumber[bucket->start] = b;
      bucket->start = start;
      fill[b] = start;
      start += bucket->n;
    }

  /* Sorted by key and then dealt into the strata, each stratum stays in
   * key order. */
  qsort (refs, n, sizeof (KeyRef), compare_key_refs);
  for (guint i = 0; i < n; i++)
    {
      guint b = renumber[bucket_of[refs[i].index]];

      if (duplicate != NULL && *duplicate == NULL && i > 0 &&
          strcmp (refs[i - 1].key, refs[i].key) == 0)
        *duplicate = refs[i].key;
      order[fill[b]++] = refs[i].index;
    }

  *buckets_out = buckets;
  return order;
}

static void
compute_digest (SuijiDrawRecord *rec, const guint *order, char digest_hex[65])
{
  const Candidate  *candidates = (const Candidate *) (gpointer) rec->candidates->data;
  struct sha256_ctx ctx;
  guint8            digest[SHA256_DIGEST_SIZE];
  char              line[256];

  sha256_init (&ctx);
  for (guint i = 0; i < rec->candidates->len; i++)
    {
      const Candidate *candidate = &candidates[order[i]];
      gsize            stratum_len = strlen (candidate->stratum);
      gsize            key_len = strlen (candidate->key);

      if (stratum_len + key_len + 2 <= sizeof line)
        {
          memcpy (line, candidate->stratum, stratum_len);
          line[stratum_len] = '\t';
          memcpy (line + stratum_len + 1, candidate->key, key_len);
          line[stratum_len + key_len + 1] = '\n';
          sha256_update (&ctx, stratum_len + key_len + 2, (const guint8 *) line);
        }
      else
        {
          sha256_update (&ctx, stratum_len, (const guint8 *) candidate->stratum);
          sha256_update (&ctx, 1, (const guint8 *) "\t");
          sha256_update (&ctx, key_len, (const guint8 *) candidate->key);
          sha256_update (&ctx, 1, (const guint8 *) "\n");
        }
    }
  sha256_digest (&ctx, SHA256_DIGEST_SIZE, digest);
  to_hex (digest, SHA256_DIGEST_SIZE, digest_hex);
}

/**
 * suiji_draw_pool_digest:
 *
 * The pool digest of the candidates added so far: SHA-256 of the lines
 * "stratum TAB key LF" in byte order. It can be shown, and published,
 * before the seed is known.
 *
 * Returns: (transfer full): 64 lowercase hex digits
 */
char *
suiji_draw_pool_digest (SuijiDrawRecord *rec)
{
  g_autoptr (GArray) buckets = NULL;
  g_autofree guint *order = NULL;
  char              digest[65];

  g_return_val_if_fail (rec != NULL, NULL);

  order = order_pool (rec, &buckets, NULL);
  compute_digest (rec, order, digest);
  return g_strdup (digest);
}

/* Scores */

typedef struct
{
  guint8      score[SHA256_DIGEST_SIZE];
  const char *key;
  guint       index;
} Scored;

static inline int
compare_scored (const Scored *a, const Scored *b)
{
  int by_score = memcmp (a->score, b->score, SHA256_DIGEST_SIZE);

  return by_score != 0 ? by_score : strcmp (a->key, b->key);
}

static int
compare_scored_qsort (gconstpointer a, gconstpointer b)
{
  return compare_scored (a, b);
}

/* The first @k of @items in (score, key) order, sorted, moved to the
 * front. A max-heap of the best k seen so far keeps the work near n when
 * k is small, as it is for a county's A and B strata. */
static void
select_first (Scored *items, guint n, guint k)
{
  if (k == 0)
    return;
  if (k >= n / 4)
    {
      qsort (items, n, sizeof (Scored), compare_scored_qsort);
      return;
    }

  /* items[0..k) is a max-heap: the worst of the best at the top. */
  for (guint i = k / 2; i-- > 0;)
    {
      guint parent = i;

      for (;;)
        {
          guint  child = 2 * parent + 1;
          Scored swap;

          if (child >= k)
            break;
          if (child + 1 < k && compare_scored (&items[child + 1], &items[child]) > 0)
            child++;
          if (compare_scored (&items[child], &items[parent]) <= 0)
            break;
          swap = items[parent];
          items[parent] = items[child];
          items[child] = swap;
          parent = child;
        }
    }
  for (guint i = k; i < n; i++)
    {
      guint parent = 0;

      if (compare_scored (&items[i], &items[0]) >= 0)
        continue;
      items[0] = items[i];
      for (;;)
        {
          guint  child = 2 * parent + 1;
          Scored swap;

          if (child >= k)
            break;
          if (child + 1 < k && compare_scored (&items[child + 1], &items[child]) > 0)
            child++;
          if (compare_scored (&items[child], &items[parent]) <= 0)
            break;
          swap = items[parent];
          items[parent] = items[child];
          items[child] = swap;
          parent = child;
        }
    }
  qsort (items, k, sizeof (Scored), compare_scored_qsort);
}

typedef struct
{
  struct sha256_ctx prefix; /* seed ‖ "subject" ‖ 0 */
  Scored           *items;
} SubjectScoring;

static void
score_subjects (gpointer data, guint begin, guint end)
{
  SubjectScoring *scoring = data;

  for (guint i = begin; i < end; i++)
    {
      struct sha256_ctx ctx = scoring->prefix;
      Scored           *item = &scoring->items[i];

      sha256_update (&ctx, strlen (item->key), (const guint8 *) item->key);
      sha256_digest (&ctx, SHA256_DIGEST_SIZE, item->score);
    }
}

typedef struct
{
  struct sha256_ctx  prefix; /* seed ‖ "inspector" ‖ 0 */
  const char *const *subject_keys;
  const char *const *inspector_keys;
  gsize             *inspector_key_lengths;
  guint              n_inspectors;
  guint8            *scores; /* n_inspectors scores per subject */
} InspectorScoring;

static void
score_inspectors (gpointer data, guint begin, guint end)
{
  InspectorScoring *scoring = data;

  for (guint s = begin; s < end; s++)
    {
      struct sha256_ctx subject_ctx = scoring->prefix;
      const char       *key = scoring->subject_keys[s];
      guint8 *out = scoring->scores + (gsize) s * scoring->n_inspectors * SHA256_DIGEST_SIZE;

      /* With the NUL: the separator before the inspector's key. */
      sha256_update (&subject_ctx, strlen (key) + 1, (const guint8 *) key);
      for (guint j = 0; j < scoring->n_inspectors; j++)
        {
          struct sha256_ctx ctx = subject_ctx;

          sha256_update (&ctx, scoring->inspector_key_lengths[j],
                         (const guint8 *) scoring->inspector_keys[j]);
          sha256_digest (&ctx, SHA256_DIGEST_SIZE, out + (gsize) j * SHA256_DIGEST_SIZE);
        }
    }
}

static void
start_prefix (struct sha256_ctx *ctx, const guint8 *seed, const char *label, gsize label_size)
{
  sha256_init (ctx);
  sha256_update (ctx, SUIJI_DRAW_SEED_SIZE, seed);
  /* The label with its terminating NUL: label ‖ 0x00. */
  sha256_update (ctx, label_size, (const guint8 *) label);
}

/* The draw */

static int
drawn_rank (const char *stratum)
{
  if (stratum[0] >= 'A' && stratum[0] <= 'D' && stratum[1] == '\0')
    return stratum[0] - 'A';
  return 4;
}

static int
compare_drawn_order (gconstpointer a, gconstpointer b)
{
  const char *x = ((const Bucket *) a)->name;
  const char *y = ((const Bucket *) b)->name;
  int         rank_x = drawn_rank (x);
  int         rank_y = drawn_rank (y);

  if (rank_x != rank_y)
    return rank_x - rank_y;
  return strcmp (x, y);
}

static gboolean
has_control_character (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p < 0x20 || *p == 0x7f)
        return TRUE;
    }
  return FALSE;
}

/* A key fit for a message: control characters shown as '?'. */
static char *
printable (const char *text)
{
  char *copy = g_strdup (text);

  for (char *p = copy; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20 || *p == 0x7f)
        *p = '?';
    }
  return copy;
}

static char *
describe_subject (const Candidate *candidate)
{
  g_autofree char *key = printable (candidate->key);

  if (candidate->name[0] == '\0')
    return g_steal_pointer (&key);
  return g_strdup_printf ("%s %s", key, candidate->name);
}

static int
compare_department_count_pointers (gconstpointer a, gconstpointer b)
{
  const DepartmentCount *x = *(const DepartmentCount *const *) a;
  const DepartmentCount *y = *(const DepartmentCount *const *) b;

  return strcmp (x->department, y->department);
}

typedef struct
{
  const char *department; /* NULL: all inspectors */
  guint       m;
  guint       first; /* in the relevant inspectors */
  guint       n;
} Group;

static gboolean
check_inputs (SuijiDrawRecord *rec, GError **error)
{
  guint m = effective_m (rec);

  if (!rec->has_seed)
    {
      g_set_error_literal (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_INVALID_INPUT,
                           _("The draw has no seed yet: generate one, or type the public text "
                              "it comes from."));
      return FALSE;
    }

  if ((rec->department_counts->len > 0 || m != 0) && m < 2)
    {
      g_set_error_literal (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_INVALID_INPUT,
                           _("A subject needs at least 2 inspectors: set the number of "
                              "inspectors per subject to 2 or more."));
      return FALSE;
    }

  for (guint i = 0; i < rec->candidates->len; i++)
    {
      const Candidate *candidate = &g_array_index (rec->candidates, Candidate, i);

      if (candidate->key[0] == '\0' || candidate->stratum[0] == '\0' ||
          has_control_character (candidate->key) || has_control_character (candidate->stratum))
        {
          g_autofree char *subject = describe_subject (candidate);

          g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_INVALID_INPUT,
                       _("Subject “%s” has an empty key or stratum, or one with control "
                          "characters: correct it in the directory, then draw again."),
                       subject);
          return FALSE;
        }
    }

  for (guint i = 0; i < rec->inspectors->len; i++)
    {
      const Inspector *inspector = &g_array_index (rec->inspectors, Inspector, i);

      if (inspector->key[0] == '\0')
        {
          g_set_error_literal (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_INVALID_INPUT,
                               _("An inspector of the pool has no badge number: add it in the "
                                  "directory, or leave the inspector out of the draw."));
          return FALSE;
        }
      if (rec->task_departments[0] != NULL &&
          !g_strv_contains ((const char *const *) rec->task_departments, inspector->department))
        {
          g_autofree char *key = printable (inspector->key);

          g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_INVALID_INPUT,
                       _("Inspector “%s” belongs to “%s”, which is not a department of this "
                          "task: leave the inspector out, or add the department to the task."),
                       key, inspector->department);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
match_inspectors (SuijiDrawRecord *rec, Results *out, GError **error)
{
  const Inspector *inspectors = (const Inspector *) (gpointer) rec->inspectors->data;
  const Candidate *candidates = (const Candidate *) (gpointer) rec->candidates->data;
  SuijiDrawPick   *picks = (SuijiDrawPick *) (gpointer) out->picks->data;
  guint            n_picks = out->picks->len;
  guint            m = effective_m (rec);
  g_autoptr (GArray) groups = g_array_new (FALSE, FALSE, sizeof (Group));
  g_autoptr (GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) avoided =
      g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  g_autofree guint       *relevant = g_new (guint, MAX (rec->inspectors->len, 1));
  g_autofree const char **keys = NULL;
  g_autofree gsize       *key_lengths = NULL;
  g_autofree guint       *load = NULL;
  g_autofree gboolean    *blocked = NULL;
  g_autofree guint8      *scores = NULL;
  g_autofree const char **subject_keys = g_new (const char *, MAX (n_picks, 1));
  g_autofree guint       *best = g_new (guint, MAX (m, 1));
  g_autofree guint       *chosen = g_new (guint, MAX (m, 1));
  guint                   n_relevant = 0;
  guint                   block;
  InspectorScoring        scoring;

  /* The groups the inspectors are drawn from, and the inspectors they
   * hold ("relevant"), group after group. */
  if (rec->department_counts->len == 0)
    {
      Group group = { NULL, m, 0, rec->inspectors->len };

      for (guint i = 0; i < rec->inspectors->len; i++)
        relevant[n_relevant++] = i;
      g_array_append_val (groups, group);
    }
  else
    {
      g_autoptr (GPtrArray) names = g_ptr_array_new ();

      for (guint d = 0; d < rec->department_counts->len; d++)
        {
          const DepartmentCount *count =
              &g_array_index (rec->department_counts, DepartmentCount, d);

          if (count->m > 0)
            g_ptr_array_add (names, (gpointer) count);
        }
      g_ptr_array_sort (names, compare_department_count_pointers);
      for (guint d = 0; d < names->len; d++)
        {
          const DepartmentCount *count = g_ptr_array_index (names, d);
          Group                  group = { count->department, count->m, n_relevant, 0 };

          for (guint i = 0; i < rec->inspectors->len; i++)
            {
              if (inspectors[i].department == count->department)
                relevant[n_relevant++] = i;
            }
          group.n = n_relevant - group.first;
          g_array_append_val (groups, group);
        }
    }

  keys = g_new (const char *, MAX (n_relevant, 1));
  key_lengths = g_new (gsize, MAX (n_relevant, 1));
  load = g_new0 (guint, MAX (n_relevant, 1));
  blocked = g_new0 (gboolean, MAX (n_relevant, 1));
  for (guint j = 0; j < n_relevant; j++)
    {
      keys[j] = inspectors[relevant[j]].key;
      key_lengths[j] = strlen (keys[j]);
      g_hash_table_insert (by_key, (gpointer) keys[j], GUINT_TO_POINTER (j + 1));
    }

  for (guint i = 0; i < rec->avoid->len; i++)
    {
      const Avoid *avoid = &g_array_index (rec->avoid, Avoid, i);
      gpointer     found = g_hash_table_lookup (by_key, avoid->inspector);
      GArray      *list;
      guint        j;

      if (found == NULL)
        continue;
      j = GPOINTER_TO_UINT (found) - 1;
      list = g_hash_table_lookup (avoided, avoid->subject);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (avoided, (gpointer) avoid->subject, list);
        }
      g_array_append_val (list, j);
    }

  out->slots = g_new0 (char *, (gsize) n_picks *(m + 1) + 1);
  for (guint s = 0; s < n_picks; s++)
    {
      subject_keys[s] = picks[s].key;
      picks[s].inspectors = out->slots + (gsize) s * (m + 1);
    }
  if (m == 0)
    return TRUE;

  start_prefix (&scoring.prefix, rec->seed, inspector_label, sizeof inspector_label);
  scoring.inspector_keys = keys;
  scoring.inspector_key_lengths = key_lengths;
  scoring.n_inspectors = n_relevant;
  block = MAX (1, SCORE_BLOCK_BYTES / (MAX (n_relevant, 1) * SHA256_DIGEST_SIZE));
  scores =
      g_malloc ((gsize) MIN (block, MAX (n_picks, 1)) * MAX (n_relevant, 1) * SHA256_DIGEST_SIZE);

  for (guint first = 0; first < n_picks; first += block)
    {
      guint count = MIN (block, n_picks - first);

      scoring.subject_keys = subject_keys + first;
      scoring.scores = scores;
      /* A thread is worth it from some 20 000 hashes on. */
      run_in_slices (score_inspectors, &scoring, count, MAX (1, 20000 / MAX (n_relevant, 1)));

      for (guint s = first; s < first + count; s++)
        {
          const guint8 *subject_scores =
              scores + (gsize) (s - first) * n_relevant * SHA256_DIGEST_SIZE;
          GArray *avoid_list = g_hash_table_lookup (avoided, picks[s].key);
          guint   filled = 0;

          if (avoid_list != NULL)
            {
              for (guint a = 0; a < avoid_list->len; a++)
                blocked[g_array_index (avoid_list, guint, a)] = TRUE;
            }

          for (guint g = 0; g < groups->len; g++)
            {
              const Group *group = &g_array_index (groups, Group, g);
              guint        found = 0;

              /* best[0..found) holds the group's lowest scores, in order. */
              for (guint j = group->first; j < group->first + group->n; j++)
                {
                  const guint8 *score = subject_scores + (gsize) j * SHA256_DIGEST_SIZE;
                  guint         at;

                  if (blocked[j] || (rec->cap >= 0 && load[j] >= (guint) rec->cap))
                    continue;

                  at = found;
                  while (at > 0)
                    {
                      const guint8 *other =
                          subject_scores + (gsize) best[at - 1] * SHA256_DIGEST_SIZE;
                      int order = memcmp (score, other, SHA256_DIGEST_SIZE);

                      if (order == 0)
                        order = strcmp (keys[j], keys[best[at - 1]]);
                      if (order > 0)
                        break;
                      at--;
                    }
                  if (at >= group->m)
                    continue;
                  if (found < group->m)
                    found++;
                  memmove (best + at + 1, best + at, (found - 1 - at) * sizeof (guint));
                  best[at] = j;
                }

              if (found < group->m)
                {
                  const Candidate *candidate = NULL;
                  g_autofree char *subject = NULL;

                  for (guint c = 0; c < rec->candidates->len && candidate == NULL; c++)
                    {
                      if (candidates[c].key == picks[s].key)
                        candidate = &candidates[c];
                    }
                  g_assert (candidate != NULL);
                  subject = describe_subject (candidate);
                  if (group->department == NULL)
                    g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_TOO_FEW_INSPECTORS,
                                 _("Too few eligible inspectors for subject %s (%u of the %u "
                                    "needed): add inspectors, raise the cap, or review who steps "
                                    "aside."),
                                 subject, found, group->m);
                  else
                    g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_TOO_FEW_INSPECTORS,
                                 _("Too few eligible inspectors of %s for subject %s (%u of the "
                                    "%u needed): add inspectors of that department, raise the "
                                    "cap, or review who steps aside."),
                                 group->department, subject, found, group->m);
                  return FALSE;
                }

              for (guint b = 0; b < found; b++)
                {
                  chosen[filled] = best[b];
                  picks[s].inspectors[filled++] = (char *) keys[best[b]];
                }
            }

          for (guint b = 0; b < filled; b++)
            load[chosen[b]]++;
          if (avoid_list != NULL)
            {
              for (guint a = 0; a < avoid_list->len; a++)
                blocked[g_array_index (avoid_list, guint, a)] = FALSE;
            }
        }
    }

  return TRUE;
}

/* Sorts @buckets into drawn order and gives each stratum its rule and k. */
static GArray *
strata_in_drawn_order (SuijiDrawRecord *rec, GArray *buckets)
{
  GArray *strata = g_array_sized_new (FALSE, FALSE, sizeof (SuijiDrawStratum), buckets->len);

  g_array_sort (buckets, compare_drawn_order);
  for (guint b = 0; b < buckets->len; b++)
    {
      const Bucket    *bucket = &g_array_index (buckets, Bucket, b);
      SuijiDrawStratum stratum = { (char *) bucket->name, bucket->n, -1, -1, 0 };

      for (guint r = 0; r < rec->rules->len; r++)
        {
          const Rule *rule = &g_array_index (rec->rules, Rule, r);

          if (rule->stratum != bucket->name)
            continue;
          stratum.bp = rule->bp;
          stratum.count = rule->count;
          if (rule->bp >= 0)
            stratum.k = (guint) (((guint64) bucket->n * (guint) rule->bp + 9999) / 10000);
          else
            stratum.k = (guint) rule->count;
          stratum.k = MIN (stratum.k, bucket->n);
        }
      g_array_append_val (strata, stratum);
    }

  return strata;
}

/**
 * suiji_draw_record_plan_strata:
 * @n_strata: (out): the number of strata
 *
 * The strata of the pool in drawn order, each with its rule and the k it
 * gives, before any seed is chosen: what the meeting sees before the draw.
 * Rules for strata the pool lacks are not listed.
 *
 * Returns: (transfer container): the strata, to be freed with g_free ();
 *   their names belong to the record
 */
SuijiDrawStratum *
suiji_draw_record_plan_strata (SuijiDrawRecord *rec, guint *n_strata)
{
  g_autoptr (GArray) buckets = NULL;
  g_autofree guint *order = NULL;
  GArray           *strata;

  g_return_val_if_fail (rec != NULL, NULL);
  g_return_val_if_fail (n_strata != NULL, NULL);

  order = order_pool (rec, &buckets, NULL);
  strata = strata_in_drawn_order (rec, buckets);
  *n_strata = strata->len;
  return (SuijiDrawStratum *) (gpointer) g_array_free (strata, FALSE);
}

/* The whole draw from @rec's inputs into @out; on error @out is left
 * empty. @rec's own results are not touched, so that verification can
 * compare. */
static gboolean
compute (SuijiDrawRecord *rec, Results *out, GError **error)
{
  const Candidate *candidates = (const Candidate *) (gpointer) rec->candidates->data;
  g_autoptr (GArray) buckets = NULL;
  g_autoptr (GHashTable) inspector_keys = NULL;
  g_autofree Scored *items = NULL;
  SubjectScoring     scoring;
  const char        *duplicate = NULL;
  guint              n_items = 0;

  memset (out, 0, sizeof *out);
  if (!check_inputs (rec, error))
    return FALSE;

  inspector_keys = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < rec->inspectors->len; i++)
    {
      const char *key = g_array_index (rec->inspectors, Inspector, i).key;

      if (!g_hash_table_add (inspector_keys, (gpointer) key))
        {
          g_autofree char *shown = printable (key);

          g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_INVALID_INPUT,
                       _("Inspector “%s” is in the inspector pool twice: leave one out, then "
                          "draw again."),
                       shown);
          return FALSE;
        }
    }

  out->pool_order = order_pool (rec, &buckets, &duplicate);
  if (duplicate != NULL)
    {
      g_autofree char *shown = printable (duplicate);

      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_INVALID_INPUT,
                   _("Subject “%s” is in the pool twice: leave one out, then draw again."), shown);
      results_clear (out);
      return FALSE;
    }
  compute_digest (rec, out->pool_order, out->digest);

  out->strata = strata_in_drawn_order (rec, buckets);
  for (guint b = 0; b < buckets->len; b++)
    {
      if (g_array_index (out->strata, SuijiDrawStratum, b).k > 0)
        n_items += g_array_index (buckets, Bucket, b).n;
    }

  /* Score only the strata that are drawn from: the others cannot change
   * the result. */
  items = g_new (Scored, MAX (n_items, 1));
  n_items = 0;
  for (guint b = 0; b < buckets->len; b++)
    {
      const Bucket *bucket = &g_array_index (buckets, Bucket, b);

      if (g_array_index (out->strata, SuijiDrawStratum, b).k == 0)
        continue;
      for (guint i = 0; i < bucket->n; i++)
        {
          guint index = out->pool_order[bucket->start + i];

          items[n_items].key = candidates[index].key;
          items[n_items].index = index;
          n_items++;
        }
    }
  start_prefix (&scoring.prefix, rec->seed, subject_label, sizeof subject_label);
  scoring.items = items;
  run_in_slices (score_subjects, &scoring, n_items, 20000);

  out->picks = g_array_new (FALSE, FALSE, sizeof (SuijiDrawPick));
  n_items = 0;
  for (guint b = 0; b < buckets->len; b++)
    {
      const Bucket           *bucket = &g_array_index (buckets, Bucket, b);
      const SuijiDrawStratum *stratum = &g_array_index (out->strata, SuijiDrawStratum, b);

      if (stratum->k == 0)
        continue;
      select_first (items + n_items, bucket->n, stratum->k);
      for (guint i = 0; i < stratum->k; i++)
        {
          const Candidate *candidate = &candidates[items[n_items + i].index];
          SuijiDrawPick    pick = { (char *) candidate->key, (char *) candidate->name,
                                    (char *) candidate->stratum, NULL };

          g_array_append_val (out->picks, pick);
        }
      n_items += bucket->n;
    }

  if (!match_inspectors (rec, out, error))
    {
      results_clear (out);
      return FALSE;
    }

  return TRUE;
}

/**
 * suiji_draw_run:
 *
 * Draws from the record's inputs: computes the pool digest, the strata,
 * the drawn subjects and their inspectors, and sets the time of the draw
 * when none was set. Refused (%SUIJI_DRAW_ERROR_INVALID_INPUT): no seed,
 * fewer than 2 inspectors per subject (other than 0, which draws subjects
 * only), the same subject or inspector twice, an empty key, an inspector
 * outside the task's departments. %SUIJI_DRAW_ERROR_TOO_FEW_INSPECTORS
 * names the first subject left without enough eligible inspectors. On
 * error the record has no results.
 *
 * Returns: %TRUE when the record holds the results
 */
gboolean
suiji_draw_run (SuijiDrawRecord *rec, GError **error)
{
  Results results;

  g_return_val_if_fail (rec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  forget_results (rec);
  if (!compute (rec, &results, error))
    return FALSE;

  rec->results = results;
  rec->has_results = TRUE;
  if (rec->drawn_at == NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      suiji_draw_record_set_drawn_at (rec, now);
    }
  return TRUE;
}

/* Getters */

/**
 * suiji_draw_record_has_results:
 *
 * Returns: whether the record holds a draw's results (after
 *   suiji_draw_run (), or read from a file)
 */
gboolean
suiji_draw_record_has_results (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, FALSE);

  return rec->has_results;
}

/**
 * suiji_draw_record_get_seed:
 *
 * Returns: (nullable): the 32 bytes of the seed, NULL before one is set
 */
const guint8 *
suiji_draw_record_get_seed (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, NULL);

  return rec->has_seed ? rec->seed : NULL;
}

/**
 * suiji_draw_record_get_seed_hex:
 *
 * Returns: (nullable): the seed as 64 lowercase hex digits
 */
const char *
suiji_draw_record_get_seed_hex (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, NULL);

  return rec->has_seed ? rec->seed_hex : NULL;
}

/**
 * suiji_draw_record_get_seed_kind:
 *
 * Returns: how the seed was made: random, or from a public text
 */
SuijiDrawSeedKind
suiji_draw_record_get_seed_kind (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, SUIJI_DRAW_SEED_RANDOM);

  return rec->seed_kind;
}

/**
 * suiji_draw_record_get_seed_text:
 *
 * Returns: (nullable): the public text of a %SUIJI_DRAW_SEED_TEXT seed
 */
const char *
suiji_draw_record_get_seed_text (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, NULL);

  return rec->seed_text;
}

/**
 * suiji_draw_record_get_drawn_at:
 *
 * Returns: (nullable): the time of the draw, ISO 8601 with its offset
 */
const char *
suiji_draw_record_get_drawn_at (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, NULL);

  return rec->drawn_at;
}

/**
 * suiji_draw_record_get_task_id:
 *
 * Returns: the task's row id, 0 when none was set
 */
gint64
suiji_draw_record_get_task_id (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, 0);

  return rec->task_id;
}

/**
 * suiji_draw_record_get_task_name:
 *
 * Returns: the task's name, "" when none was set
 */
const char *
suiji_draw_record_get_task_name (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, NULL);

  return rec->task_name;
}

/**
 * suiji_draw_record_get_task_departments:
 *
 * Returns: (array zero-terminated=1): the task's departments
 */
const char *const *
suiji_draw_record_get_task_departments (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, NULL);

  return (const char *const *) rec->task_departments;
}

/**
 * suiji_draw_record_get_n_candidates:
 *
 * Returns: the size of the pool
 */
guint
suiji_draw_record_get_n_candidates (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, 0);

  return rec->candidates->len;
}

/**
 * suiji_draw_record_get_n_inspectors:
 *
 * Returns: the size of the inspector pool
 */
guint
suiji_draw_record_get_n_inspectors (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, 0);

  return rec->inspectors->len;
}

/**
 * suiji_draw_record_get_inspectors_per_subject:
 *
 * Returns: m, the sum of the per-department counts when there are some;
 *   0 when the draw matches no inspectors
 */
guint
suiji_draw_record_get_inspectors_per_subject (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, 0);

  return effective_m (rec);
}

/**
 * suiji_draw_record_get_inspector_cap:
 *
 * Returns: the cap, or -1 for none
 */
int
suiji_draw_record_get_inspector_cap (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, -1);

  return rec->cap;
}

/**
 * suiji_draw_record_get_pool_digest:
 *
 * Returns: (nullable): the pool digest of the results, NULL without them
 */
const char *
suiji_draw_record_get_pool_digest (SuijiDrawRecord *rec)
{
  g_return_val_if_fail (rec != NULL, NULL);

  return rec->has_results ? rec->results.digest : NULL;
}

/**
 * suiji_draw_record_get_strata:
 * @n_strata: (out): the number of strata
 *
 * Returns: (array length=n_strata) (nullable): every stratum of the pool in
 *   drawn order, NULL without results
 */
const SuijiDrawStratum *
suiji_draw_record_get_strata (SuijiDrawRecord *rec, guint *n_strata)
{
  g_return_val_if_fail (rec != NULL, NULL);
  g_return_val_if_fail (n_strata != NULL, NULL);

  *n_strata = rec->has_results ? rec->results.strata->len : 0;
  return rec->has_results ? (const SuijiDrawStratum *) (gpointer) rec->results.strata->data : NULL;
}

/**
 * suiji_draw_record_get_picks:
 * @n_picks: (out): the number of drawn subjects
 *
 * Returns: (array length=n_picks) (nullable): the drawn subjects in drawn
 *   order with their inspectors, NULL without results
 */
const SuijiDrawPick *
suiji_draw_record_get_picks (SuijiDrawRecord *rec, guint *n_picks)
{
  g_return_val_if_fail (rec != NULL, NULL);
  g_return_val_if_fail (n_picks != NULL, NULL);

  *n_picks = rec->has_results ? rec->results.picks->len : 0;
  return rec->has_results ? (const SuijiDrawPick *) (gpointer) rec->results.picks->data : NULL;
}

/* Writing the record */

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

static int
compare_inspectors (gconstpointer a, gconstpointer b)
{
  const Inspector *x = a;
  const Inspector *y = b;
  int              order = strcmp (x->department, y->department);

  return order != 0 ? order : strcmp (x->key, y->key);
}

static int
compare_avoid (gconstpointer a, gconstpointer b)
{
  const Avoid *x = a;
  const Avoid *y = b;
  int          order = strcmp (x->subject, y->subject);

  return order != 0 ? order : strcmp (x->inspector, y->inspector);
}

static int
compare_department_counts (gconstpointer a, gconstpointer b)
{
  return strcmp (((const DepartmentCount *) a)->department,
                 ((const DepartmentCount *) b)->department);
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
  add_int_member (builder, "inspectors_per_subject", effective_m (rec));
  if (rec->department_counts->len > 0)
    {
      g_autoptr (GArray) counts = g_array_copy (rec->department_counts);

      g_array_sort (counts, compare_department_counts);
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

  g_array_sort (inspectors, compare_inspectors);
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

  g_array_sort (avoid, compare_avoid);
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

/**
 * suiji_draw_record_to_json:
 * @length: (out) (optional): the length in bytes
 *
 * The machine-readable record of a draw (reference/draw-algorithm.md),
 * UTF-8, written by json-glib with an indent of two spaces. Beyond the
 * fields of the page it holds "count" in each stratum (the count the task
 * gave, or null) and, for a joint task, "inspectors_per_department". The
 * pool, the inspectors and the avoidance pairs are sorted, so the same
 * draw always gives the same file.
 *
 * Returns: (transfer full): the JSON text; the record must hold results
 */
char *
suiji_draw_record_to_json (SuijiDrawRecord *rec, gsize *length)
{
  g_autoptr (JsonBuilder) builder = NULL;
  g_autoptr (JsonGenerator) generator = NULL;
  g_autoptr (JsonNode) root = NULL;
  GString *out;

  g_return_val_if_fail (rec != NULL, NULL);
  g_return_val_if_fail (rec->has_results, NULL);

  if (rec->results.pool_order == NULL)
    {
      g_autoptr (GArray) buckets = NULL;

      rec->results.pool_order = order_pool (rec, &buckets, NULL);
    }

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

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/* Reading JSON, through json-glib */

static const char *const retry_hint = N_("get the original file from whoever published the draw");

/* A whole number of @length bytes at @text that json-glib 1.6 reads
 * as it is: no leading zero, no letters but an exponent's, and an
 * integer within 64 bits (json-glib wraps larger ones without a word:
 * 18446744073709551615 reads as -1). */
static gboolean
is_plain_number (const char *text, gsize length)
{
  gboolean whole = TRUE;
  gsize    start = text[0] == '-' ? 1 : 0;
  gsize    digits;

  if (length > start + 1 && text[start] == '0' && g_ascii_isdigit (text[start + 1]))
    return FALSE;
  for (gsize i = start; i < length; i++)
    {
      if (g_ascii_isdigit (text[i]))
        continue;
      if (text[i] != '.' && text[i] != 'e' && text[i] != 'E' && text[i] != '+' && text[i] != '-')
        return FALSE;
      whole = FALSE;
    }
  if (!whole)
    return TRUE;

  digits = length - start;
  if (digits != 19)
    return digits < 19;
  return memcmp (text + start, start == 1 ? "9223372036854775808" : "9223372036854775807", 19) <= 0;
}

/* Reads the escape \uXXXX at @text into @unit. */
static gboolean
read_escaped_unit (const char *text, gsize length, gunichar *unit)
{
  if (length < 6 || text[0] != '\\' || text[1] != 'u')
    return FALSE;
  *unit = 0;
  for (guint i = 2; i < 6; i++)
    {
      int digit = hex_value (text[i], FALSE);

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
 * single-quoted strings. This pass refuses all that before json-glib
 * reads the text; it follows only strings, brackets and numbers, and
 * leaves the rest of the syntax to json-glib. Returns the offset of the
 * first byte refused, or -1. */
static gssize
find_unsafe_json (const char *text, gsize length)
{
  guint    depth = 0;
  gboolean after_root = FALSE;

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
          if (text[i] != '-' && !g_ascii_isdigit (text[i]))
            break;
          for (end = i + 1; end < length && (g_ascii_isalnum (text[end]) || text[end] == '.' ||
                                             text[end] == '+' || text[end] == '-');
               end++)
            ;
          if (!is_plain_number (text + i, end - i))
            return (gssize) i;
          i = end - 1;
          break;
        }
    }

  return -1;
}

static gboolean
not_json (GError **error, const char *text, gsize offset)
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
      not_json (error, text, (gsize) refused);
      return NULL;
    }

  reading->open = g_array_new (FALSE, FALSE, sizeof (OpenObject));
  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), reading);
  g_signal_connect (parser, "object-end", G_CALLBACK (on_object_end), reading);
  g_signal_connect (parser, "error", G_CALLBACK (on_error), reading);
  if (!json_parser_load_from_data (parser, text, (gssize) length, &json_error))
    {
      g_debug ("json-glib: %s", json_error->message);
      not_json (error, text, error_offset (reading, text, length));
      return NULL;
    }

  /* json-glib reads an empty text as no root at all. */
  root = json_parser_get_root (parser);
  if (root == NULL)
    not_json (error, text, length);
  return root;
}

/* Reading the record's fields */

/* Where a field is, for messages: "name", "parent.name", "parent[3].name"
 * or "parent[3].name[1]"; -1 for no index. */
typedef struct
{
  const char *parent;
  int         index;
  const char *name;
  int         name_index;
} Where;

static char *
where_to_string (const Where *where)
{
  GString *path = g_string_new (NULL);

  if (where->parent != NULL)
    {
      g_string_append (path, where->parent);
      if (where->index >= 0)
        g_string_append_printf (path, "[%d]", where->index);
      if (where->name != NULL)
        g_string_append_c (path, '.');
    }
  if (where->name != NULL)
    g_string_append (path, where->name);
  if (where->name_index >= 0)
    g_string_append_printf (path, "[%d]", where->name_index);
  return g_string_free (path, FALSE);
}

static Where
at (const char *parent, int index, const char *name)
{
  Where where = { parent, index, name, -1 };

  return where;
}

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
  g_autofree char *path = where_to_string (where);
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

/* Finds the member @where->name of @object: FALSE when it is there twice,
 * or missing and @required; *@out is NULL when it is missing. */
static gboolean
find_member (Reading     *reading,
             JsonObject  *object,
             const Where *where,
             gboolean     required,
             JsonNode   **out,
             GError     **error)
{
  GHashTable *twice = reading->twice != NULL ? g_hash_table_lookup (reading->twice, object) : NULL;

  *out = NULL;
  if (twice != NULL && g_hash_table_contains (twice, where->name))
    return field_error (error, where, PROBLEM_TWICE);
  *out = json_object_get_member (object, where->name);
  if (*out == NULL && required)
    return field_error (error, where, PROBLEM_MISSING);
  return TRUE;
}

static JsonNode *
lookup (Reading *reading, JsonObject *object, const Where *where, GError **error)
{
  JsonNode *found;

  return find_member (reading, object, where, TRUE, &found, error) ? found : NULL;
}

static const char *
expect_string (JsonNode *node, const Where *where, GError **error)
{
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      field_error (error, where, PROBLEM_NOT_TEXT);
      return NULL;
    }
  return json_node_get_string (node);
}

static JsonArray *
expect_array (JsonNode *node, const Where *where, GError **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      field_error (error, where, PROBLEM_NOT_LIST);
      return NULL;
    }
  return json_node_get_array (node);
}

static JsonObject *
expect_object (JsonNode *node, const Where *where, GError **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      field_error (error, where, PROBLEM_NOT_OBJECT);
      return NULL;
    }
  return json_node_get_object (node);
}

static const char *
get_string (Reading *reading, JsonObject *object, const Where *where, GError **error)
{
  JsonNode *node = lookup (reading, object, where, error);

  return node != NULL ? expect_string (node, where, error) : NULL;
}

static JsonArray *
get_array (Reading *reading, JsonObject *object, const Where *where, GError **error)
{
  JsonNode *node = lookup (reading, object, where, error);

  return node != NULL ? expect_array (node, where, error) : NULL;
}

static JsonObject *
get_object (Reading *reading, JsonObject *object, const Where *where, GError **error)
{
  JsonNode *node = lookup (reading, object, where, error);

  return node != NULL ? expect_object (node, where, error) : NULL;
}

/* Reads a whole number in [@min, @max]; with @nullable, null gives -1. */
static gboolean
get_integer (Reading     *reading,
             JsonObject  *object,
             const Where *where,
             gint64       min,
             gint64       max,
             gboolean     nullable,
             gint64      *out,
             GError     **error)
{
  JsonNode *node = lookup (reading, object, where, error);

  if (node == NULL)
    return FALSE;
  if (nullable && JSON_NODE_HOLDS_NULL (node))
    {
      *out = -1;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) < min || json_node_get_int (node) > max)
    {
      g_autofree char *path = where_to_string (where);
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

  *out = json_node_get_int (node);
  return TRUE;
}

static const char *
get_hex (Reading *reading, JsonObject *object, const Where *where, GError **error)
{
  const char *text = get_string (reading, object, where, error);

  if (text != NULL && !is_lower_hex64 (text))
    {
      field_error (error, where, PROBLEM_NOT_HEX);
      return NULL;
    }
  return text;
}

/* The array field @name of @object, whose elements are all objects. */
static JsonArray *
get_object_list (Reading *reading, JsonObject *object, const char *name, GError **error)
{
  Where      where = at (NULL, -1, name);
  JsonArray *list = get_array (reading, object, &where, error);

  if (list == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (list, i)))
        {
          Where element = { name, -1, NULL, (int) i };

          field_error (error, &element, PROBLEM_NOT_OBJECT);
          return NULL;
        }
    }
  return list;
}

static gboolean
read_seed (SuijiDrawRecord *rec, Reading *reading, JsonObject *root, GError **error)
{
  Where       where = at (NULL, -1, "seed");
  const char *seed_hex = get_hex (reading, root, &where, error);
  JsonObject *source;
  const char *kind;
  guint8      seed[SUIJI_DRAW_SEED_SIZE];

  if (seed_hex == NULL)
    return FALSE;
  parse_hex32 (seed_hex, TRUE, seed);
  set_seed (rec, seed);

  where = at (NULL, -1, "seed_source");
  source = get_object (reading, root, &where, error);
  if (source == NULL)
    return FALSE;
  where = at ("seed_source", -1, "kind");
  kind = get_string (reading, source, &where, error);
  if (kind == NULL)
    return FALSE;
  if (strcmp (kind, "random") == 0)
    rec->seed_kind = SUIJI_DRAW_SEED_RANDOM;
  else if (strcmp (kind, "text") == 0)
    {
      const char *text;

      where = at ("seed_source", -1, "text");
      text = get_string (reading, source, &where, error);
      if (text == NULL)
        return FALSE;
      rec->seed_kind = SUIJI_DRAW_SEED_TEXT;
      rec->seed_text = keep (rec, text);
    }
  else
    return field_error (error, &where, PROBLEM_NOT_KIND);

  return TRUE;
}

static gboolean
read_task (SuijiDrawRecord *rec, Reading *reading, JsonObject *root, GError **error)
{
  Where       where = at (NULL, -1, "drawn_at");
  const char *drawn_at = get_string (reading, root, &where, error);
  g_autoptr (GDateTime) time = NULL;
  g_autoptr (GPtrArray) departments = g_ptr_array_new ();
  JsonObject *task;
  JsonArray  *list;
  const char *name;
  gint64      id;

  if (drawn_at == NULL)
    return FALSE;
  time = g_date_time_new_from_iso8601 (drawn_at, NULL);
  if (time == NULL)
    return field_error (error, &where, PROBLEM_NOT_TIME);
  rec->drawn_at = keep (rec, drawn_at);

  where = at (NULL, -1, "task");
  task = get_object (reading, root, &where, error);
  if (task == NULL)
    return FALSE;
  where = at ("task", -1, "id");
  if (!get_integer (reading, task, &where, G_MININT64, G_MAXINT64, FALSE, &id, error))
    return FALSE;
  where = at ("task", -1, "name");
  name = get_string (reading, task, &where, error);
  if (name == NULL)
    return FALSE;
  where = at ("task", -1, "departments");
  list = get_array (reading, task, &where, error);
  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      Where       element = { "task", -1, "departments", (int) i };
      const char *department = expect_string (json_array_get_element (list, i), &element, error);

      if (department == NULL)
        return FALSE;
      g_ptr_array_add (departments, (gpointer) department);
    }
  g_ptr_array_add (departments, NULL);

  rec->task_id = id;
  rec->task_name = keep (rec, name);
  g_strfreev (rec->task_departments);
  rec->task_departments = g_strdupv ((char **) departments->pdata);
  return TRUE;
}

static gboolean
read_inspector_settings (SuijiDrawRecord *rec, Reading *reading, JsonObject *root, GError **error)
{
  Where     where = at (NULL, -1, "inspectors_per_subject");
  JsonNode *counts_node;
  gint64    m;
  gint64    cap;

  if (!get_integer (reading, root, &where, 0, G_MAXINT32, FALSE, &m, error))
    return FALSE;
  rec->m = (guint) m;

  where = at (NULL, -1, "inspectors_per_department");
  if (!find_member (reading, root, &where, FALSE, &counts_node, error))
    return FALSE;
  if (counts_node != NULL)
    {
      JsonObject *counts = expect_object (counts_node, &where, error);
      g_autoptr (GList) departments = NULL;

      if (counts == NULL)
        return FALSE;
      departments = json_object_get_members (counts);
      for (GList *l = departments; l != NULL; l = l->next)
        {
          Where  entry = at ("inspectors_per_department", -1, l->data);
          gint64 count;

          if (!get_integer (reading, counts, &entry, 0, G_MAXINT32, FALSE, &count, error))
            return FALSE;
          suiji_draw_record_set_inspectors_per_department (rec, l->data, (guint) count);
        }
      if (effective_m (rec) != rec->m)
        {
          where = at (NULL, -1, "inspectors_per_subject");
          return field_error (error, &where, PROBLEM_NOT_SUM);
        }
    }

  where = at (NULL, -1, "inspector_cap");
  if (!get_integer (reading, root, &where, 0, G_MAXINT32, TRUE, &cap, error))
    return FALSE;
  rec->cap = (int) cap;
  return TRUE;
}

/* "subjects": the published picks; their names also name the pool's
 * candidates, which the pool entries do not. */
static gboolean
read_subjects (
    SuijiDrawRecord *rec, Reading *reading, JsonObject *root, GHashTable *names, GError **error)
{
  JsonArray *list = get_object_list (reading, root, "subjects", error);
  Results   *results = &rec->results;
  gsize      n_slots = 0;
  gsize      slot = 0;
  guint      n;

  if (list == NULL)
    return FALSE;
  n = json_array_get_length (list);

  /* First the types, and the room the inspector lists need. */
  for (guint i = 0; i < n; i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      Where       where = at ("subjects", (int) i, "inspectors");
      JsonArray  *inspectors = get_array (reading, entry, &where, error);

      if (inspectors == NULL)
        return FALSE;
      for (guint j = 0; j < json_array_get_length (inspectors); j++)
        {
          where.name_index = (int) j;
          if (expect_string (json_array_get_element (inspectors, j), &where, error) == NULL)
            return FALSE;
        }
      n_slots += json_array_get_length (inspectors) + 1;
    }

  results->picks = g_array_sized_new (FALSE, FALSE, sizeof (SuijiDrawPick), n);
  results->slots = g_new0 (char *, n_slots + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonObject   *entry = json_array_get_object_element (list, i);
      Where         where = at ("subjects", (int) i, "key");
      const char   *key = get_string (reading, entry, &where, error);
      const char   *name;
      const char   *stratum;
      JsonArray    *inspectors;
      SuijiDrawPick pick;

      if (key == NULL)
        return FALSE;
      where.name = "name";
      if ((name = get_string (reading, entry, &where, error)) == NULL)
        return FALSE;
      where.name = "stratum";
      if ((stratum = get_string (reading, entry, &where, error)) == NULL)
        return FALSE;
      where.name = "inspectors";
      inspectors = get_array (reading, entry, &where, error);
      if (inspectors == NULL)
        return FALSE;

      pick.key = (char *) keep (rec, key);
      pick.name = (char *) keep (rec, name);
      pick.stratum = (char *) intern (rec, stratum);
      pick.inspectors = results->slots + slot;
      for (guint j = 0; j < json_array_get_length (inspectors); j++)
        results->slots[slot++] = (char *) keep (rec, json_array_get_string_element (inspectors, j));
      results->slots[slot++] = NULL;
      g_array_append_val (results->picks, pick);
      g_hash_table_insert (names, pick.key, pick.name);
    }

  return TRUE;
}

static gboolean
read_pool (
    SuijiDrawRecord *rec, Reading *reading, JsonObject *root, GHashTable *names, GError **error)
{
  JsonArray *list = get_object_list (reading, root, "pool", error);

  if (list == NULL)
    return FALSE;
  g_array_set_size (rec->candidates, 0);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      Where       where = at ("pool", (int) i, "key");
      const char *key = get_string (reading, entry, &where, error);
      const char *stratum;
      const char *name;
      Candidate   candidate;

      if (key == NULL)
        return FALSE;
      where.name = "stratum";
      if ((stratum = get_string (reading, entry, &where, error)) == NULL)
        return FALSE;
      name = g_hash_table_lookup (names, key);
      candidate.key = keep (rec, key);
      candidate.name = name != NULL ? name : "";
      candidate.stratum = intern (rec, stratum);
      g_array_append_val (rec->candidates, candidate);
    }

  return TRUE;
}

/* "strata": the published strata, and the rules they carry. */
static gboolean
read_strata (SuijiDrawRecord *rec, Reading *reading, JsonObject *root, GError **error)
{
  JsonArray *list = get_object_list (reading, root, "strata", error);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (list == NULL)
    return FALSE;
  rec->results.strata =
      g_array_sized_new (FALSE, FALSE, sizeof (SuijiDrawStratum), json_array_get_length (list));
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject      *entry = json_array_get_object_element (list, i);
      Where            where = at ("strata", (int) i, "name");
      const char      *name = get_string (reading, entry, &where, error);
      SuijiDrawStratum stratum;
      JsonNode        *count_node;
      gint64           number;
      gint64           bp;
      gint64           count = -1;

      if (name == NULL)
        return FALSE;
      stratum.name = (char *) intern (rec, name);
      if (!g_hash_table_add (seen, stratum.name))
        return field_error (error, &where, PROBLEM_REPEATED_STRATUM);

      where.name = "n";
      if (!get_integer (reading, entry, &where, 0, G_MAXUINT32, FALSE, &number, error))
        return FALSE;
      stratum.n = (guint) number;
      where.name = "k";
      if (!get_integer (reading, entry, &where, 0, G_MAXUINT32, FALSE, &number, error))
        return FALSE;
      stratum.k = (guint) number;
      where.name = "bp";
      if (!get_integer (reading, entry, &where, 0, 10000, TRUE, &bp, error))
        return FALSE;

      /* "count" is this program's addition. A record that lacks it gives
       * a count rule as "bp": null with "k", as the page shows. */
      where.name = "count";
      if (!find_member (reading, entry, &where, FALSE, &count_node, error))
        return FALSE;
      if (count_node != NULL)
        {
          if (!get_integer (reading, entry, &where, 0, G_MAXINT32, TRUE, &count, error))
            return FALSE;
          if (bp >= 0 && count >= 0)
            return field_error (error, &where, PROBLEM_COUNT_WITH_RATIO);
        }
      else if (bp < 0)
        count = MIN ((gint64) stratum.k, G_MAXINT32);

      stratum.bp = (int) bp;
      stratum.count = (int) count;
      if (bp >= 0)
        set_rule (rec, stratum.name, (int) bp, -1);
      else if (count >= 0)
        set_rule (rec, stratum.name, -1, (int) count);
      g_array_append_val (rec->results.strata, stratum);
    }

  return TRUE;
}

/* "inspector_pool" and "avoid": lists of objects with two text fields. */
static gboolean
read_pairs (SuijiDrawRecord *rec,
            Reading         *reading,
            JsonObject      *root,
            const char      *list_name,
            const char      *first_name,
            const char      *second_name,
            GError         **error)
{
  JsonArray *list = get_object_list (reading, root, list_name, error);

  if (list == NULL)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *entry = json_array_get_object_element (list, i);
      Where       where = at (list_name, (int) i, first_name);
      const char *first = get_string (reading, entry, &where, error);
      const char *second;

      if (first == NULL)
        return FALSE;
      where.name = second_name;
      if ((second = get_string (reading, entry, &where, error)) == NULL)
        return FALSE;
      if (strcmp (list_name, "avoid") == 0)
        {
          Avoid avoid = { keep (rec, first), keep (rec, second) };

          g_array_append_val (rec->avoid, avoid);
        }
      else
        {
          Inspector inspector = { keep (rec, first), intern (rec, second) };

          g_array_append_val (rec->inspectors, inspector);
        }
    }

  return TRUE;
}

static gboolean
read_record (SuijiDrawRecord *rec, Reading *reading, JsonNode *root_node, GError **error)
{
  g_autoptr (GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  Where       where = at (NULL, -1, "algorithm");
  JsonObject *root;
  const char *algorithm;
  const char *digest;

  if (!JSON_NODE_HOLDS_OBJECT (root_node))
    {
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The draw record is not a JSON object: %s."), _(retry_hint));
      return FALSE;
    }
  root = json_node_get_object (root_node);

  algorithm = get_string (reading, root, &where, error);
  if (algorithm == NULL)
    return FALSE;
  if (strcmp (algorithm, SUIJI_DRAW_ALGORITHM) != 0)
    {
      g_autofree char *shown = printable (algorithm);

      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_UNKNOWN_ALGORITHM,
                   _("The record was made with the draw algorithm “%s”, which this version "
                      "does not know: check it with a version of Suiji that does."),
                   shown);
      return FALSE;
    }

  if (!read_seed (rec, reading, root, error) || !read_task (rec, reading, root, error))
    return FALSE;

  where = at (NULL, -1, "pool_digest");
  digest = get_hex (reading, root, &where, error);
  if (digest == NULL)
    return FALSE;
  memcpy (rec->results.digest, digest, sizeof rec->results.digest);

  return read_inspector_settings (rec, reading, root, error) &&
         read_subjects (rec, reading, root, names, error) &&
         read_pool (rec, reading, root, names, error) && read_strata (rec, reading, root, error) &&
         read_pairs (rec, reading, root, "inspector_pool", "key", "department", error) &&
         read_pairs (rec, reading, root, "avoid", "subject", "inspector", error);
}

/**
 * suiji_draw_record_from_json:
 * @data: the text of a record
 * @length: its length in bytes, or -1 when NUL-terminated
 *
 * Reads a published record, strictly: a missing field, a wrong type, a
 * number out of range or a seed that is not 64 lowercase hex digits is a
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
  g_autoptr (JsonParser) parser = NULL;
  g_auto (Reading) reading = { 0 };
  g_autoptr (SuijiDrawRecord) rec = NULL;
  JsonNode *root;
  gsize     size;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (data == NULL)
    data = "";
  size = length < 0 ? strlen (data) : (gsize) length;
  if (size > MAX_RECORD_BYTES)
    {
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The draw record is larger than %u MB, which no draw makes: %s."),
                   (guint) (MAX_RECORD_BYTES / (1024 * 1024)), _(retry_hint));
      return NULL;
    }
  if (!g_utf8_validate_len (data, size, NULL))
    {
      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_BAD_RECORD,
                   _("The draw record is not UTF-8 text: %s."), _(retry_hint));
      return NULL;
    }
  /* A byte order mark, as some Windows tools write. */
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
    }

  parser = json_parser_new ();
  root = parse (parser, &reading, data, size, error);
  if (root == NULL)
    return NULL;

  rec = suiji_draw_record_new ();
  if (!read_record (rec, &reading, root, error))
    return NULL;

  rec->has_results = TRUE;
  return g_steal_pointer (&rec);
}

/* Verification */

static char *
say_difference (const Where *where, const char *recorded, const char *drawn)
{
  g_autofree char *path = where_to_string (where);

  return g_strdup_printf (_("%s: the record says %s, the draw gives %s"), path, recorded, drawn);
}

static char *
say_count_difference (const Where *where, guint recorded, guint drawn)
{
  g_autofree char *path = where_to_string (where);

  return g_strdup_printf (_("%s: the record lists %u entries, the draw gives %u"), path, recorded,
                          drawn);
}

static char *
say_number_difference (const Where *where, guint recorded, guint drawn)
{
  g_autofree char *a = g_strdup_printf ("%u", recorded);
  g_autofree char *b = g_strdup_printf ("%u", drawn);

  return say_difference (where, a, b);
}

static char *
compare_results (const Results *published, const Results *drawn)
{
  Where where;

  if (strcmp (published->digest, drawn->digest) != 0)
    return g_strdup_printf (_("pool_digest: the record says %s, the pool gives %s"),
                            published->digest, drawn->digest);

  for (guint i = 0; i < MIN (published->strata->len, drawn->strata->len); i++)
    {
      const SuijiDrawStratum *a = &g_array_index (published->strata, SuijiDrawStratum, i);
      const SuijiDrawStratum *b = &g_array_index (drawn->strata, SuijiDrawStratum, i);

      where = at ("strata", (int) i, "name");
      if (strcmp (a->name, b->name) != 0)
        return say_difference (&where, a->name, b->name);
      where.name = "n";
      if (a->n != b->n)
        return say_number_difference (&where, a->n, b->n);
      where.name = "k";
      if (a->k != b->k)
        return say_number_difference (&where, a->k, b->k);
    }
  if (published->strata->len != drawn->strata->len)
    {
      where = at (NULL, -1, "strata");
      return say_count_difference (&where, published->strata->len, drawn->strata->len);
    }

  for (guint i = 0; i < MIN (published->picks->len, drawn->picks->len); i++)
    {
      const SuijiDrawPick *a = &g_array_index (published->picks, SuijiDrawPick, i);
      const SuijiDrawPick *b = &g_array_index (drawn->picks, SuijiDrawPick, i);
      guint                n_a;
      guint                n_b;

      where = at ("subjects", (int) i, NULL);
      if (strcmp (a->key, b->key) != 0)
        return say_difference (&where, a->key, b->key);
      where.name = "stratum";
      if (strcmp (a->stratum, b->stratum) != 0)
        return say_difference (&where, a->stratum, b->stratum);
      where.name = "inspectors";
      for (guint j = 0; a->inspectors[j] != NULL && b->inspectors[j] != NULL; j++)
        {
          where.name_index = (int) j;
          if (strcmp (a->inspectors[j], b->inspectors[j]) != 0)
            return say_difference (&where, a->inspectors[j], b->inspectors[j]);
        }
      where.name_index = -1;
      n_a = g_strv_length (a->inspectors);
      n_b = g_strv_length (b->inspectors);
      if (n_a != n_b)
        return say_count_difference (&where, n_a, n_b);
    }
  if (published->picks->len != drawn->picks->len)
    {
      where = at (NULL, -1, "subjects");
      return say_count_difference (&where, published->picks->len, drawn->picks->len);
    }

  return NULL;
}

/**
 * suiji_draw_verify:
 * @published: a record with results, usually from suiji_draw_record_from_json ()
 * @difference: (out) (optional) (transfer full): the first difference
 *
 * Draws again from @published's own inputs (seed, pool, rules, inspector
 * pool, avoidance pairs, m, cap) and compares, in this order: a text
 * seed against SHA-256 of its text, the pool digest, the strata, the drawn
 * subjects in order, and their inspectors in order. The first difference
 * is described in one line, e.g. "subjects[3]: the record says …X, the
 * draw gives …Y". @published is not changed.
 *
 * Returns: %TRUE when everything matches; %FALSE with @difference set when
 *   something differs, or with @error set when the inputs cannot be drawn
 *   from (the message of suiji_draw_run ())
 */
gboolean
suiji_draw_verify (SuijiDrawRecord *published, char **difference, GError **error)
{
  Results          drawn;
  g_autofree char *found = NULL;

  g_return_val_if_fail (published != NULL, FALSE);
  g_return_val_if_fail (published->has_results, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (difference != NULL)
    *difference = NULL;

  if (published->seed_kind == SUIJI_DRAW_SEED_TEXT)
    {
      guint8 seed[SUIJI_DRAW_SEED_SIZE];
      char   seed_hex[2 * SUIJI_DRAW_SEED_SIZE + 1];

      suiji_draw_seed_from_text (published->seed_text, seed);
      to_hex (seed, SUIJI_DRAW_SEED_SIZE, seed_hex);
      if (memcmp (seed, published->seed, SUIJI_DRAW_SEED_SIZE) != 0)
        found = g_strdup_printf (_("seed: the record says %s, SHA-256 of the public text is %s"),
                                 published->seed_hex, seed_hex);
    }

  if (found == NULL)
    {
      if (!compute (published, &drawn, error))
        return FALSE;
      found = compare_results (&published->results, &drawn);
      results_clear (&drawn);
    }

  if (found == NULL)
    return TRUE;
  if (difference != NULL)
    *difference = g_steal_pointer (&found);
  return FALSE;
}
