/* suiji-draw.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The verifiable draw suiji-draw-v1 (docs: reference/draw-algorithm.md):
 * the pure algorithm, its JSON record and its verification. No database
 * and no GTK: the caller freezes the pool and the inspectors, this module
 * draws from them, and anyone holding the record can draw again.
 *
 * A record is built in three steps: inputs (seed, task, pool, rules,
 * inspectors, avoidance pairs, the number of inspectors per subject and
 * the cap), suiji_draw_run () which fills the results (strata, drawn
 * subjects and their inspectors, pool digest), then
 * suiji_draw_record_to_json () for the file that is published. The other
 * way round, suiji_draw_record_from_json () reads a published file and
 * suiji_draw_verify () draws again from its inputs and compares.
 *
 * Every string passed in must be UTF-8; the record keeps its own copies.
 * Strings and arrays returned by getters belong to the record and stay
 * valid until the record is freed or its inputs change.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SUIJI_DRAW_ALGORITHM "suiji-draw-v1"

/* The stratum of subjects without a credit-risk class. A plain name like
 * any other stratum: it sorts after A, B, C and D by its bytes. */
#define SUIJI_DRAW_UNCLASSIFIED "未分类"

#define SUIJI_DRAW_SEED_SIZE 32

#define SUIJI_DRAW_ERROR (suiji_draw_error_quark ())

typedef enum
{
  SUIJI_DRAW_ERROR_INVALID_INPUT,      /* the inputs cannot be drawn from (see the message) */
  SUIJI_DRAW_ERROR_TOO_FEW_INSPECTORS, /* a subject lacks eligible inspectors; names it */
  SUIJI_DRAW_ERROR_BAD_SEED,           /* a typed seed that is not 64 hex digits */
  SUIJI_DRAW_ERROR_BAD_RECORD,         /* a JSON record that is damaged; names the field */
  SUIJI_DRAW_ERROR_UNKNOWN_ALGORITHM,  /* a record of another algorithm than suiji-draw-v1 */
} SuijiDrawError;

typedef enum
{
  SUIJI_DRAW_SEED_RANDOM, /* from the operating system's random source */
  SUIJI_DRAW_SEED_TEXT,   /* SHA-256 of a public text, e.g. a lottery result */
} SuijiDrawSeedKind;

/* One stratum of the pool, in drawn order (A, B, C, D, then the others by
 * name in byte order). @bp or @count is the task's rule, the other is -1;
 * both are -1 for a stratum without a rule, which gives k = 0. */
typedef struct
{
  char *name;
  guint n;
  int   bp;
  int   count;
  guint k;
} SuijiDrawStratum;

/* One drawn subject, in drawn order, with its inspectors' badge numbers
 * in score order (per department in department-name byte order for a
 * joint task). @inspectors is NULL-terminated and empty when the draw
 * matches no inspectors. @name is "" when the record does not know it. */
typedef struct
{
  char  *key;
  char  *name;
  char  *stratum;
  char **inspectors;
} SuijiDrawPick;

typedef struct _SuijiDrawRecord SuijiDrawRecord;

GQuark suiji_draw_error_quark (void);

/* Seeds */
void suiji_draw_seed_generate (guint8 seed[SUIJI_DRAW_SEED_SIZE]);
gboolean
      suiji_draw_seed_from_hex (const char *hex, guint8 seed[SUIJI_DRAW_SEED_SIZE], GError **error);
void  suiji_draw_seed_from_text (const char *public_text, guint8 seed[SUIJI_DRAW_SEED_SIZE]);
char *suiji_draw_seed_to_hex (const guint8 seed[SUIJI_DRAW_SEED_SIZE]);

/* Building the inputs */
SuijiDrawRecord *suiji_draw_record_new (void);
void             suiji_draw_record_free (SuijiDrawRecord *rec);
void             suiji_draw_record_set_seed_random (SuijiDrawRecord *rec,
                                                    const guint8     seed[SUIJI_DRAW_SEED_SIZE]);
void             suiji_draw_record_set_seed_text (SuijiDrawRecord *rec, const char *public_text);
void             suiji_draw_record_set_task (SuijiDrawRecord   *rec,
                                             gint64             id,
                                             const char        *name,
                                             const char *const *departments);
void             suiji_draw_record_set_drawn_at (SuijiDrawRecord *rec, GDateTime *time);
void             suiji_draw_record_add_candidate (SuijiDrawRecord *rec,
                                                  const char      *key,
                                                  const char      *name,
                                                  const char      *stratum);
void             suiji_draw_record_set_ratio (SuijiDrawRecord *rec, const char *stratum, guint bp);
void suiji_draw_record_set_count (SuijiDrawRecord *rec, const char *stratum, guint count);
void
suiji_draw_record_add_inspector (SuijiDrawRecord *rec, const char *key, const char *department);
void suiji_draw_record_add_avoid (SuijiDrawRecord *rec,
                                  const char      *subject_key,
                                  const char      *inspector_key);
void suiji_draw_record_set_inspectors_per_subject (SuijiDrawRecord *rec, guint m);
void suiji_draw_record_set_inspectors_per_department (SuijiDrawRecord *rec,
                                                      const char      *department,
                                                      guint            m);
void suiji_draw_record_set_inspector_cap (SuijiDrawRecord *rec, int cap);

/* Drawing */
char             *suiji_draw_pool_digest (SuijiDrawRecord *rec);
SuijiDrawStratum *suiji_draw_record_plan_strata (SuijiDrawRecord *rec, guint *n_strata);
gboolean          suiji_draw_run (SuijiDrawRecord *rec, GError **error);

/* Reading a record */
gboolean                suiji_draw_record_has_results (SuijiDrawRecord *rec);
const guint8           *suiji_draw_record_get_seed (SuijiDrawRecord *rec);
const char             *suiji_draw_record_get_seed_hex (SuijiDrawRecord *rec);
SuijiDrawSeedKind       suiji_draw_record_get_seed_kind (SuijiDrawRecord *rec);
const char             *suiji_draw_record_get_seed_text (SuijiDrawRecord *rec);
const char             *suiji_draw_record_get_drawn_at (SuijiDrawRecord *rec);
gint64                  suiji_draw_record_get_task_id (SuijiDrawRecord *rec);
const char             *suiji_draw_record_get_task_name (SuijiDrawRecord *rec);
const char *const      *suiji_draw_record_get_task_departments (SuijiDrawRecord *rec);
guint                   suiji_draw_record_get_n_candidates (SuijiDrawRecord *rec);
guint                   suiji_draw_record_get_n_inspectors (SuijiDrawRecord *rec);
guint                   suiji_draw_record_get_inspectors_per_subject (SuijiDrawRecord *rec);
int                     suiji_draw_record_get_inspector_cap (SuijiDrawRecord *rec);
const char             *suiji_draw_record_get_pool_digest (SuijiDrawRecord *rec);
const SuijiDrawStratum *suiji_draw_record_get_strata (SuijiDrawRecord *rec, guint *n_strata);
const SuijiDrawPick    *suiji_draw_record_get_picks (SuijiDrawRecord *rec, guint *n_picks);

/* The JSON record */
char            *suiji_draw_record_to_json (SuijiDrawRecord *rec, gsize *length);
SuijiDrawRecord *suiji_draw_record_from_json (const char *data, gssize length, GError **error);
gboolean         suiji_draw_verify (SuijiDrawRecord *published, char **difference, GError **error);
char            *suiji_draw_digest_json (const char *json, gsize length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SuijiDrawRecord, suiji_draw_record_free)

G_END_DECLS
