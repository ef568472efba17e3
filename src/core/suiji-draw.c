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
 * holds the common prefix (for the inspectors, the whole first block when
 * badges share its last bytes, see score_inspectors ()), are computed on
 * all processors (they do not depend on each other; only the choice with
 * the cap is sequential), and each stratum keeps its first k by a bounded
 * heap instead of a full sort.
 *
 * The JSON record is written and read in suiji-draw-json.c.
 */

#define G_LOG_DOMAIN "suiji-draw"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "suiji-draw-private.h"

/* Threads for the hashing; more than this gains nothing on a county pool. */
#define MAX_THREADS 8

/* The inspector scores of this many bytes are computed at a time. */
#define SCORE_BLOCK_BYTES (4 * 1024 * 1024)

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
  rec->keys = g_string_chunk_new (64 * 1024);
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
  g_string_chunk_free (rec->keys);
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
  candidate.key = g_string_chunk_insert (rec->keys, key);
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

/* For the JSON record (suiji-draw-private.h) */

const char *
_suiji_draw_record_keep (SuijiDrawRecord *rec, const char *text)
{
  return keep (rec, text);
}

const char *
_suiji_draw_record_keep_key (SuijiDrawRecord *rec, const char *key)
{
  return g_string_chunk_insert (rec->keys, key);
}

const char *
_suiji_draw_record_intern (SuijiDrawRecord *rec, const char *text)
{
  return intern (rec, text);
}

void
_suiji_draw_record_set_seed (SuijiDrawRecord *rec, const guint8 seed[SUIJI_DRAW_SEED_SIZE])
{
  set_seed (rec, seed);
}

void
_suiji_draw_record_set_rule (SuijiDrawRecord *rec, const char *stratum, int bp, int count)
{
  set_rule (rec, stratum, bp, count);
}

guint
_suiji_draw_record_effective_m (SuijiDrawRecord *rec)
{
  return effective_m (rec);
}

gboolean
_suiji_draw_parse_hex32 (const char *hex, gboolean lower_only, guint8 out[32])
{
  return parse_hex32 (hex, lower_only, out);
}

/* Work on all processors */

typedef void (*SliceFunc) (gpointer data, guint begin, guint end);

typedef struct
{
  SliceFunc func;
  gpointer  data;
  guint     n;
  guint     chunk;
  gint      next; /* the start of the next chunk to take, atomically */
} Slices;

static gpointer
run_slices (gpointer user_data)
{
  Slices *slices = user_data;

  for (;;)
    {
      guint begin = (guint) g_atomic_int_add (&slices->next, (gint) slices->chunk);

      if (begin >= slices->n)
        return NULL;
      slices->func (slices->data, begin, MIN (begin + slices->chunk, slices->n));
    }
}

/* Calls @func on slices of [0, @n) on all processors, with a thread for
 * every @min_per_thread at most. The threads take small slices in turn
 * rather than a share each: on processors shared with other work, a
 * thread that gets less time then takes fewer, instead of the others
 * waiting for it. The slices write disjoint parts of the output, so the
 * result does not depend on the threads. */
static void
run_in_slices (SliceFunc func, gpointer data, guint n, guint min_per_thread)
{
  GThread *threads[MAX_THREADS] = { NULL };
  guint    n_threads = CLAMP (g_get_num_processors (), 1, MAX_THREADS);
  Slices   slices = { func, data, n, 0, 0 };

  g_assert (n <= G_MAXINT / 2);

  n_threads = MIN (n_threads, n / MAX (min_per_thread, 1));
  if (n_threads <= 1)
    {
      func (data, 0, n);
      return;
    }

  slices.chunk = MAX (1, min_per_thread / 8);
  for (guint t = 1; t < n_threads; t++)
    threads[t] = g_thread_try_new ("suiji-draw", run_slices, &slices, NULL);
  run_slices (&slices);
  for (guint t = 1; t < n_threads; t++)
    {
      if (threads[t] != NULL)
        g_thread_join (threads[t]);
    }
}

/* The pool in order */

typedef struct
{
  guint64     head[2]; /* the 16 bytes after the keys' common prefix, big-endian */
  const char *key;
  guint       index;
  /* The bytes after the head, when there are at most three: the pool
   * digest's lines are made from them (compute_digest ()). */
  guint8 tail[3];
  guint8 tail_length; /* 0-3, or NO_TAIL when the key is longer */
} KeyRef;

#define NO_TAIL G_MAXUINT8

typedef struct
{
  const char *name;
  guint       start; /* in the pool order */
  guint       n;
} Bucket;

/* Byte order of keys that share their first *@skip bytes: the heads
 * decide but for keys that agree in them. */
static int
compare_key_refs (gconstpointer a, gconstpointer b, gpointer skip)
{
  const KeyRef *x = a;
  const KeyRef *y = b;

  if (x->head[0] != y->head[0])
    return x->head[0] < y->head[0] ? -1 : 1;
  if (x->head[1] != y->head[1])
    return x->head[1] < y->head[1] ? -1 : 1;
  return strcmp (x->key + *(const gsize *) skip, y->key + *(const gsize *) skip);
}

static inline gboolean
key_ref_less (const KeyRef *x, const KeyRef *y, gsize skip)
{
  if (x->head[0] != y->head[0])
    return x->head[0] < y->head[0];
  if (x->head[1] != y->head[1])
    return x->head[1] < y->head[1];
  return strcmp (x->key + skip, y->key + skip) < 0;
}

static inline void
swap_key_refs (KeyRef *a, KeyRef *b)
{
  KeyRef swap = *a;

  *a = *b;
  *b = swap;
}

/* The pool's sort, most of sort_pool (): a quicksort with the comparison
 * inlined, a third of the time of g_qsort_with_data () calling
 * compare_key_refs (), which it falls back on when a range splits badly
 * too often. */
static void
sort_key_refs (KeyRef *refs, gsize n, gsize skip, guint depth)
{
  while (n > 16)
    {
      gsize  middle = n / 2, last = n - 1;
      gssize i = -1, j = (gssize) n;
      KeyRef pivot;

      if (depth-- == 0)
        {
          g_qsort_with_data (refs, (gint) n, sizeof (KeyRef), compare_key_refs, &skip);
          return;
        }

      /* The median of the first, middle and last as the pivot, the other
       * two at the ends, where they stop the scans below. */
      if (key_ref_less (&refs[middle], &refs[0], skip))
        swap_key_refs (&refs[0], &refs[middle]);
      if (key_ref_less (&refs[last], &refs[middle], skip))
        {
          swap_key_refs (&refs[middle], &refs[last]);
          if (key_ref_less (&refs[middle], &refs[0], skip))
            swap_key_refs (&refs[0], &refs[middle]);
        }
      pivot = refs[middle];

      for (;;)
        {
          do
            i++;
          while (key_ref_less (&refs[i], &pivot, skip));
          do
            j--;
          while (key_ref_less (&pivot, &refs[j], skip));
          if (i >= j)
            break;
          swap_key_refs (&refs[i], &refs[j]);
        }

      /* [0, j] and (j, n): the smaller by recursion, the larger here. */
      if ((gsize) j + 1 < n - (gsize) j - 1)
        {
          sort_key_refs (refs, (gsize) j + 1, skip, depth);
          refs += j + 1;
          n -= (gsize) j + 1;
        }
      else
        {
          sort_key_refs (refs + j + 1, n - (gsize) j - 1, skip, depth);
          n = (gsize) j + 1;
        }
    }

  for (gsize i = 1; i < n; i++)
    {
      KeyRef item = refs[i];
      gsize  at = i;

      while (at > 0 && key_ref_less (&item, &refs[at - 1], skip))
        {
          refs[at] = refs[at - 1];
          at--;
        }
      refs[at] = item;
    }
}

static int
compare_bucket_names (gconstpointer a, gconstpointer b)
{
  return strcmp (((const Bucket *) a)->name, ((const Bucket *) b)->name);
}

/* The length of the prefix that every key of @candidates shares. */
static gsize
common_prefix_length (const Candidate *candidates, guint n)
{
  gsize length = n > 0 ? strlen (candidates[0].key) : 0;

  for (guint i = 1; i < n && length > 0; i++)
    {
      const char *key = candidates[i].key;
      gsize       same = 0;

      while (same < length && key[same] == candidates[0].key[same])
        same++;
      length = same;
    }
  return length;
}

/* Bytes [@skip, @skip + 16) of @key as two big-endian numbers, the bytes
 * after its end taken as 0, so that the numbers compare as the bytes do,
 * and up to three bytes after them. */
static void
key_head (const char *key, gsize skip, KeyRef *ref)
{
  const guchar *p = (const guchar *) key + skip;
  gboolean      ended = FALSE;

  for (guint half = 0; half < 2; half++)
    {
      ref->head[half] = 0;
      for (guint i = 0; i < 8; i++)
        {
          ended = ended || *p == '\0';
          ref->head[half] = ref->head[half] << 8 | (ended ? 0 : *p++);
        }
    }
  ref->tail_length = 0;
  while (!ended && *p != '\0' && ref->tail_length < sizeof ref->tail)
    ref->tail[ref->tail_length++] = *p++;
  if (*p != '\0')
    ref->tail_length = NO_TAIL;
}

/* The pool's strata by name, each with its size and its range in the
 * pool order; @bucket_of gets each candidate's stratum, as an index into
 * them. */
static GArray *
group_pool (SuijiDrawRecord *rec, guint *bucket_of)
{
  guint             n = rec->candidates->len;
  const Candidate  *candidates = (const Candidate *) (gpointer) rec->candidates->data;
  g_autofree guint *renumber = NULL;
  g_autoptr (GHashTable) by_name = g_hash_table_new (NULL, NULL);
  GArray     *buckets = g_array_new (FALSE, FALSE, sizeof (Bucket));
  const char *last_stratum = NULL;
  guint       last_bucket = 0;
  guint       start = 0;

  /* Strata are interned: equal names are the same pointer. */
  for (guint i = 0; i < n; i++)
    {
      const char *stratum = candidates[i].stratum;

      /* A pool comes in the directory's order, the strata mixed: the few
       * there are are looked at one by one before they are looked up. */
      for (guint b = 0; stratum != last_stratum && b < MIN (buckets->len, 8); b++)
        {
          if (g_array_index (buckets, Bucket, b).name == stratum)
            {
              last_stratum = stratum;
              last_bucket = b;
            }
        }
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
    }

  /* Number the strata by name, and give each its range. */
  for (guint b = 0; b < buckets->len; b++)
    g_array_index (buckets, Bucket, b).start = b;
  g_array_sort (buckets, compare_bucket_names);
  renumber = g_new (guint, MAX (buckets->len, 1));
  for (guint b = 0; b < buckets->len; b++)
    {
      Bucket *bucket = &g_array_index (buckets, Bucket, b);

      renumber[bucket->start] = b;
      bucket->start = start;
      start += bucket->n;
    }
  for (guint i = 0; i < n; i++)
    bucket_of[i] = renumber[bucket_of[i]];

  return buckets;
}

/* The pool in (stratum, key) order, in byte order: the order of the pool
 * digest's lines (no key or stratum holds a control character, so it is
 * also the lines' byte order) and of the record's "pool". */
typedef struct
{
  guint      *order;     /* the candidate indices */
  KeyRef     *refs;      /* the same, with their keys' heads */
  gsize       skip;      /* the length of the prefix that all keys share */
  const char *prefix;    /* a key that starts with it */
  const char *duplicate; /* the first key found twice, or NULL */
} PoolOrder;

static void
pool_order_clear (PoolOrder *pool)
{
  g_clear_pointer (&pool->order, g_free);
  g_clear_pointer (&pool->refs, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PoolOrder, pool_order_clear)

/* Orders the pool, given its strata from group_pool (). */
static void
sort_pool (SuijiDrawRecord *rec, const GArray *buckets, const guint *bucket_of, PoolOrder *pool)
{
  guint              n = rec->candidates->len;
  const Candidate   *candidates = (const Candidate *) (gpointer) rec->candidates->data;
  g_autofree KeyRef *refs = g_new (KeyRef, MAX (n, 1));
  g_autofree guint  *fill = g_new (guint, MAX (buckets->len, 1));

  pool->order = g_new (guint, MAX (n, 1));
  pool->refs = g_new (KeyRef, MAX (n, 1));
  pool->duplicate = NULL;
  pool->prefix = n > 0 ? candidates[0].key : "";
  for (guint b = 0; b < buckets->len; b++)
    fill[b] = g_array_index (buckets, Bucket, b).start;

  /* Sorted by key and then dealt into the strata, each stratum stays in
   * key order. Keys of one county share their first bytes (91130582…),
   * so the comparison starts after them, on the next sixteen read as two
   * numbers, which settle almost every comparison of credit codes
   * without reading the keys again. */
  pool->skip = common_prefix_length (candidates, n);
  for (guint i = 0; i < n; i++)
    {
      refs[i].key = candidates[i].key;
      refs[i].index = i;
      key_head (refs[i].key, pool->skip, &refs[i]);
    }
  sort_key_refs (refs, n, pool->skip, 2 * g_bit_storage (n));
  for (guint i = 0; i < n; i++)
    {
      guint at = fill[bucket_of[refs[i].index]]++;

      /* Keys whose heads differ differ: only the others are read again. */
      if (pool->duplicate == NULL && i > 0 && refs[i - 1].head[0] == refs[i].head[0] &&
          refs[i - 1].head[1] == refs[i].head[1] && strcmp (refs[i - 1].key, refs[i].key) == 0)
        pool->duplicate = refs[i].key;
      pool->order[at] = refs[i].index;
      pool->refs[at] = refs[i];
    }
}

/* Both steps: the strata by name into @buckets_out, and the pool order. */
static void
order_pool (SuijiDrawRecord *rec, GArray **buckets_out, PoolOrder *pool)
{
  g_autofree guint *bucket_of = g_new (guint, MAX (rec->candidates->len, 1));

  *buckets_out = group_pool (rec, bucket_of);
  sort_pool (rec, *buckets_out, bucket_of, pool);
}

/* SHA-256 of the lines "stratum TAB key LF" in pool order. The lines are
 * made from the keys' prefix, heads and tails where those hold the whole
 * key, as they do for credit codes: the keys themselves lie about the
 * memory in the order they came, and reading them in pool order took ten
 * times as long. */
static void
compute_digest (const GArray *buckets, const PoolOrder *pool, char digest_hex[65])
{
  struct sha256_ctx ctx;
  guint8            digest[SHA256_DIGEST_SIZE];
  char              lines[4096];
  gsize             used = 0;
  const KeyRef     *ref = pool->refs;

  sha256_init (&ctx);
  for (guint b = 0; b < buckets->len; b++)
    {
      const Bucket *bucket = &g_array_index (buckets, Bucket, b);
      gsize         stratum_len = strlen (bucket->name);

      for (guint i = 0; i < bucket->n; i++, ref++)
        {
          guint64 head[2] = { GUINT64_TO_BE (ref->head[0]), GUINT64_TO_BE (ref->head[1]) };
          gsize   key_len;
          char   *line;

          if (ref->tail_length == NO_TAIL)
            key_len = strlen (ref->key);
          else if (ref->tail_length > 0)
            key_len = pool->skip + sizeof head + ref->tail_length;
          else
            {
              const char *end = memchr (head, '\0', sizeof head);

              key_len =
                  pool->skip + (end != NULL ? (gsize) (end - (const char *) head) : sizeof head);
            }

          if (used + stratum_len + key_len + 2 > sizeof lines)
            {
              sha256_update (&ctx, used, (const guint8 *) lines);
              used = 0;
            }
          if (stratum_len + key_len + 2 > sizeof lines)
            {
              sha256_update (&ctx, stratum_len, (const guint8 *) bucket->name);
              sha256_update (&ctx, 1, (const guint8 *) "\t");
              sha256_update (&ctx, key_len, (const guint8 *) ref->key);
              sha256_update (&ctx, 1, (const guint8 *) "\n");
              continue;
            }

          line = lines + used;
          memcpy (line, bucket->name, stratum_len);
          line[stratum_len] = '\t';
          if (ref->tail_length != NO_TAIL)
            {
              gsize from_head = MIN (key_len - pool->skip, sizeof head);
              char *key = line + stratum_len + 1;

              memcpy (key, pool->prefix, pool->skip);
              memcpy (key + pool->skip, head, from_head);
              memcpy (key + pool->skip + from_head, ref->tail, ref->tail_length);
            }
          else
            memcpy (line + stratum_len + 1, ref->key, key_len);
          line[stratum_len + 1 + key_len] = '\n';
          used += stratum_len + key_len + 2;
        }
    }
  sha256_update (&ctx, used, (const guint8 *) lines);
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
  g_auto (PoolOrder) pool = { 0 };
  char digest[65];

  g_return_val_if_fail (rec != NULL, NULL);

  order_pool (rec, &buckets, &pool);
  compute_digest (buckets, &pool, digest);
  return g_strdup (digest);
}

/* The pool order the record's "pool" is written in, for a record read
 * from a file, whose pool may come in any order. */
void
_suiji_draw_record_ensure_pool_order (SuijiDrawRecord *rec)
{
  g_autoptr (GArray) buckets = NULL;
  g_auto (PoolOrder) pool = { 0 };

  if (rec->results.pool_order != NULL)
    return;
  order_pool (rec, &buckets, &pool);
  rec->results.pool_order = g_steal_pointer (&pool.order);
}

/* Scores */

typedef struct
{
  guint8      score[SHA256_DIGEST_SIZE];
  const char *key;
  guint       index;
} Scored;

/* memcmp () order of two scores; their first eight bytes, read as one
 * big-endian number, settle all but one comparison in billions. */
static inline int
compare_scores (const guint8 *a, const guint8 *b)
{
  guint64 head_a, head_b;

  memcpy (&head_a, a, sizeof head_a);
  memcpy (&head_b, b, sizeof head_b);
  head_a = GUINT64_FROM_BE (head_a);
  head_b = GUINT64_FROM_BE (head_b);
  if (head_a != head_b)
    return head_a < head_b ? -1 : 1;
  return memcmp (a, b, SHA256_DIGEST_SIZE);
}

static inline int
compare_scored (const Scored *a, const Scored *b)
{
  int by_score = compare_scores (a->score, b->score);

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
  const guint       *by_key; /* the inspectors in key order */
  guint              n_inspectors;
  guint8            *scores; /* n_inspectors scores per subject */
} InspectorScoring;

/* Almost all of the draw's time. The message seed ‖ "inspector" ‖ 0 ‖
 * subject ‖ 0 ‖ badge is 75 bytes for a credit code and a 14-digit badge:
 * two SHA-256 blocks, the first ending three bytes into the badge. Badges
 * of one county share those bytes, so the state after the first block is
 * computed once per subject and shared prefix rather than once per
 * inspector, which halves the work. Taken in key order, inspectors that
 * share the bytes are next to each other. */
static void
score_inspectors (gpointer data, guint begin, guint end)
{
  InspectorScoring *scoring = data;
  const gsize       label_length = SUIJI_DRAW_SEED_SIZE + sizeof inspector_label;

  for (guint s = begin; s < end; s++)
    {
      struct sha256_ctx subject_ctx = scoring->prefix;
      struct sha256_ctx block_ctx = scoring->prefix;
      const char       *key = scoring->subject_keys[s];
      gsize             key_length = strlen (key);
      gsize       to_fill = SHA256_BLOCK_SIZE - (label_length + key_length + 1) % SHA256_BLOCK_SIZE;
      const char *block_filled_with = NULL;
      guint8     *out = scoring->scores + (gsize) s * scoring->n_inspectors * SHA256_DIGEST_SIZE;

      /* With the NUL: the separator before the inspector's key. */
      sha256_update (&subject_ctx, key_length + 1, (const guint8 *) key);
      for (guint i = 0; i < scoring->n_inspectors; i++)
        {
          guint             j = scoring->by_key[i];
          const char       *inspector = scoring->inspector_keys[j];
          gsize             length = scoring->inspector_key_lengths[j];
          struct sha256_ctx ctx;

          if (length >= to_fill)
            {
              if (block_filled_with == NULL || memcmp (block_filled_with, inspector, to_fill) != 0)
                {
                  block_ctx = subject_ctx;
                  sha256_update (&block_ctx, to_fill, (const guint8 *) inspector);
                  block_filled_with = inspector;
                }
              ctx = block_ctx;
              sha256_update (&ctx, length - to_fill, (const guint8 *) inspector + to_fill);
            }
          else
            {
              ctx = subject_ctx;
              sha256_update (&ctx, length, (const guint8 *) inspector);
            }
          sha256_digest (&ctx, SHA256_DIGEST_SIZE, out + (gsize) j * SHA256_DIGEST_SIZE);
        }
    }
}

static int
compare_indexed_keys (gconstpointer a, gconstpointer b, gpointer keys)
{
  const char *const *strings = keys;

  return strcmp (strings[*(const guint *) a], strings[*(const guint *) b]);
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

char *
_suiji_draw_printable (const char *text)
{
  return printable (text);
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
  g_autofree guint       *key_order = NULL;
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
  key_order = g_new (guint, MAX (n_relevant, 1));
  load = g_new0 (guint, MAX (n_relevant, 1));
  blocked = g_new0 (gboolean, MAX (n_relevant, 1));
  for (guint j = 0; j < n_relevant; j++)
    {
      keys[j] = inspectors[relevant[j]].key;
      key_lengths[j] = strlen (keys[j]);
      key_order[j] = j;
      g_hash_table_insert (by_key, (gpointer) keys[j], GUINT_TO_POINTER (j + 1));
    }
  g_qsort_with_data (key_order, (gint) n_relevant, sizeof (guint), compare_indexed_keys, keys);

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
  scoring.by_key = key_order;
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
                      int order = compare_scores (score, other);

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
  g_autofree guint *bucket_of = NULL;
  g_autoptr (GArray) buckets = NULL;
  GArray *strata;

  g_return_val_if_fail (rec != NULL, NULL);
  g_return_val_if_fail (n_strata != NULL, NULL);

  bucket_of = g_new (guint, MAX (rec->candidates->len, 1));
  buckets = group_pool (rec, bucket_of);
  strata = strata_in_drawn_order (rec, buckets);
  *n_strata = strata->len;
  return (SuijiDrawStratum *) (gpointer) g_array_free (strata, FALSE);
}

/* The pool order, the first key found twice and the pool digest, worked
 * out on a thread of their own while the subjects and the inspectors are
 * scored, which do not depend on them. */
typedef struct
{
  SuijiDrawRecord *rec;
  const GArray    *buckets;
  const guint     *bucket_of;
  PoolOrder        pool;
  char             digest[65];
} PoolOrdering;

static gpointer
order_and_digest (gpointer data)
{
  PoolOrdering *ordering = data;

  sort_pool (ordering->rec, ordering->buckets, ordering->bucket_of, &ordering->pool);
  if (ordering->pool.duplicate == NULL)
    compute_digest (ordering->buckets, &ordering->pool, ordering->digest);
  return NULL;
}

/* Scores the strata that are drawn from (the others cannot change the
 * result), takes each one's first k into @out's picks, in drawn order,
 * and matches their inspectors. */
static gboolean
draw_subjects (SuijiDrawRecord *rec,
               const GArray    *buckets,
               const guint     *bucket_of,
               const GArray    *drawn_buckets,
               Results         *out,
               GError         **error)
{
  const Candidate   *candidates = (const Candidate *) (gpointer) rec->candidates->data;
  g_autofree guint  *fill = g_new (guint, MAX (buckets->len, 1));
  g_autofree Scored *items = NULL;
  SubjectScoring     scoring;
  guint              n_items = 0;

  /* Each drawn stratum's items together, the strata in drawn order; the
   * candidates are dealt in the order they came. */
  for (guint b = 0; b < buckets->len; b++)
    fill[b] = G_MAXUINT;
  for (guint d = 0; d < drawn_buckets->len; d++)
    {
      const Bucket *bucket = &g_array_index (drawn_buckets, Bucket, d);

      if (g_array_index (out->strata, SuijiDrawStratum, d).k == 0)
        continue;
      for (guint b = 0; b < buckets->len; b++)
        {
          if (g_array_index (buckets, Bucket, b).name == bucket->name)
            fill[b] = n_items;
        }
      n_items += bucket->n;
    }
  items = g_new (Scored, MAX (n_items, 1));
  for (guint i = 0; i < rec->candidates->len; i++)
    {
      guint *at = &fill[bucket_of[i]];

      if (*at == G_MAXUINT)
        continue;
      items[*at].key = candidates[i].key;
      items[*at].index = i;
      (*at)++;
    }
  start_prefix (&scoring.prefix, rec->seed, subject_label, sizeof subject_label);
  scoring.items = items;
  run_in_slices (score_subjects, &scoring, n_items, 20000);

  out->picks = g_array_new (FALSE, FALSE, sizeof (SuijiDrawPick));
  n_items = 0;
  for (guint d = 0; d < drawn_buckets->len; d++)
    {
      const Bucket           *bucket = &g_array_index (drawn_buckets, Bucket, d);
      const SuijiDrawStratum *stratum = &g_array_index (out->strata, SuijiDrawStratum, d);

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

  return match_inspectors (rec, out, error);
}

/* The whole draw from @rec's inputs into @out; on error @out is left
 * empty. @rec's own results are not touched, so that verification can
 * compare. */
static gboolean
compute (SuijiDrawRecord *rec, Results *out, GError **error)
{
  g_autoptr (GArray) buckets = NULL;
  g_autoptr (GArray) drawn_buckets = NULL;
  g_autoptr (GHashTable) inspector_keys = NULL;
  g_autoptr (GError) draw_error = NULL;
  g_autofree guint *bucket_of = NULL;
  PoolOrdering      ordering = { 0 };
  GThread          *orderer = NULL;
  gboolean          drawn;

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

  bucket_of = g_new (guint, MAX (rec->candidates->len, 1));
  buckets = group_pool (rec, bucket_of);
  drawn_buckets = g_array_copy (buckets);
  out->strata = strata_in_drawn_order (rec, drawn_buckets);

  ordering.rec = rec;
  ordering.buckets = buckets;
  ordering.bucket_of = bucket_of;
  if (rec->candidates->len >= 10000)
    orderer = g_thread_try_new ("suiji-draw-order", order_and_digest, &ordering, NULL);
  if (orderer == NULL)
    order_and_digest (&ordering);

  drawn = draw_subjects (rec, buckets, bucket_of, drawn_buckets, out, &draw_error);
  if (orderer != NULL)
    g_thread_join (orderer);
  out->pool_order = g_steal_pointer (&ordering.pool.order);
  pool_order_clear (&ordering.pool);

  /* A key twice is reported first, as it would be were the pool ordered
   * before the draw. */
  if (ordering.pool.duplicate != NULL)
    {
      g_autofree char *shown = printable (ordering.pool.duplicate);

      g_set_error (error, SUIJI_DRAW_ERROR, SUIJI_DRAW_ERROR_INVALID_INPUT,
                   _("Subject “%s” is in the pool twice: leave one out, then draw again."), shown);
      results_clear (out);
      return FALSE;
    }
  if (!drawn)
    {
      g_propagate_error (error, g_steal_pointer (&draw_error));
      results_clear (out);
      return FALSE;
    }

  memcpy (out->digest, ordering.digest, sizeof out->digest);
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

/* Where a field is */

/**
 * _suiji_draw_where_to_string:
 *
 * Returns: (transfer full): the path of @where, e.g. "subjects[3].key"
 */
char *
_suiji_draw_where_to_string (const Where *where)
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

Where
_suiji_draw_at (const char *parent, int index, const char *name)
{
  Where where = { parent, index, name, -1 };

  return where;
}

/* Verification */

static char *
say_difference (const Where *where, const char *recorded, const char *drawn)
{
  g_autofree char *path = _suiji_draw_where_to_string (where);

  return g_strdup_printf (_("%s: the record says %s, the draw gives %s"), path, recorded, drawn);
}

static char *
say_count_difference (const Where *where, guint recorded, guint drawn)
{
  g_autofree char *path = _suiji_draw_where_to_string (where);

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

      where = _suiji_draw_at ("strata", (int) i, "name");
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
      where = _suiji_draw_at (NULL, -1, "strata");
      return say_count_difference (&where, published->strata->len, drawn->strata->len);
    }

  for (guint i = 0; i < MIN (published->picks->len, drawn->picks->len); i++)
    {
      const SuijiDrawPick *a = &g_array_index (published->picks, SuijiDrawPick, i);
      const SuijiDrawPick *b = &g_array_index (drawn->picks, SuijiDrawPick, i);
      guint                n_a;
      guint                n_b;

      where = _suiji_draw_at ("subjects", (int) i, NULL);
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
      where = _suiji_draw_at (NULL, -1, "subjects");
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
