/* suiji-draw-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Between the parts of the draw: the record's insides, shared by the
 * algorithm (suiji-draw.c), the JSON record (suiji-draw-json.c) and the
 * json-glib reading and writing that the tests hold the JSON record to
 * (suiji-draw-json-glib.c).
 */

#pragma once

#include "suiji-draw.h"

G_BEGIN_DECLS

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
  /* The candidates' keys, apart from their names: the draw sorts and
   * hashes them in key order, which is not the order they came in, and
   * packed together they stay in the processor's cache. */
  GStringChunk *keys;

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

/* Where a field is, for messages: "name", "parent.name", "parent[3].name"
 * or "parent[3].name[1]"; -1 for no index. */
typedef struct
{
  const char *parent;
  int         index;
  const char *name;
  int         name_index;
} Where;

const char *_suiji_draw_record_keep (SuijiDrawRecord *rec, const char *text);
const char *_suiji_draw_record_keep_key (SuijiDrawRecord *rec, const char *key);
const char *_suiji_draw_record_intern (SuijiDrawRecord *rec, const char *text);
void  _suiji_draw_record_set_seed (SuijiDrawRecord *rec, const guint8 seed[SUIJI_DRAW_SEED_SIZE]);
void  _suiji_draw_record_set_rule (SuijiDrawRecord *rec, const char *stratum, int bp, int count);
guint _suiji_draw_record_effective_m (SuijiDrawRecord *rec);
void  _suiji_draw_record_ensure_pool_order (SuijiDrawRecord *rec);
gboolean _suiji_draw_parse_hex32 (const char *hex, gboolean lower_only, guint8 out[32]);
char    *_suiji_draw_printable (const char *text);
char    *_suiji_draw_where_to_string (const Where *where);
Where    _suiji_draw_at (const char *parent, int index, const char *name);

/* The order of the record's "inspector_pool", "avoid" and
 * "inspectors_per_department". */
int _suiji_draw_compare_inspectors (gconstpointer a, gconstpointer b);
int _suiji_draw_compare_avoid (gconstpointer a, gconstpointer b);
int _suiji_draw_compare_department_counts (gconstpointer a, gconstpointer b);

/* A parsed JSON text, as the record's reader walks it: the nodes in
 * document order, each value's subtree ending before node @end. */
typedef enum
{
  SUIJI_DRAW_JSON_NULL,
  SUIJI_DRAW_JSON_BOOLEAN,
  SUIJI_DRAW_JSON_INTEGER,
  SUIJI_DRAW_JSON_DOUBLE, /* a number with a fraction or an exponent; only its type is kept */
  SUIJI_DRAW_JSON_STRING,
  SUIJI_DRAW_JSON_ARRAY,
  SUIJI_DRAW_JSON_OBJECT,
} SuijiDrawJsonType;

typedef struct
{
  SuijiDrawJsonType type;
  guint             size; /* elements or members */
  guint             end;  /* the index after the subtree */
  const char       *name; /* the member's name when the parent is an object */
  union
  {
    gint64      integer;
    gboolean    boolean;
    const char *text;
  } value;
} SuijiDrawJsonNode;

typedef struct
{
  SuijiDrawJsonNode *nodes; /* [0] is the root */
  guint              n_nodes;
  guint              allocated;
  char              *text_buffer; /* the strings the parser decoded */
  GStringChunk      *chunk;       /* the strings the json-glib path copied */
} SuijiDrawJson;

void  _suiji_draw_json_clear (SuijiDrawJson *doc);
guint _suiji_draw_json_add_node (SuijiDrawJson *doc, SuijiDrawJsonType type, const char *name);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SuijiDrawJson, _suiji_draw_json_clear)

/* The checks before any parsing, as both readers do them: the size
 * (@length, or -1 for NUL-terminated), UTF-8 and a byte order mark, which
 * is skipped. */
gboolean
_suiji_draw_json_check_text (const char **data, gssize length, gsize *size, GError **error);
gboolean         _suiji_draw_json_not_json (GError **error, const char *text, gsize offset);
SuijiDrawRecord *_suiji_draw_record_from_document (const SuijiDrawJson *doc, GError **error);
gboolean
_suiji_draw_json_is_number (const char *text, gsize length, gboolean *is_integer, gint64 *integer);

/* The json-glib writer and reader that the hand-written ones replaced,
 * kept for the tests and the fuzzer to compare them with. */
char *_suiji_draw_record_to_json_glib (SuijiDrawRecord *rec, gsize *length);
SuijiDrawRecord *
_suiji_draw_record_from_json_glib (const char *data, gssize length, GError **error);

G_END_DECLS
