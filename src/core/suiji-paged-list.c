/* suiji-paged-list.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel over a directory of any size that never holds all its rows:
 * a query fixes the matching ids in display order (8 bytes a row), and the
 * rows themselves are read from SQLite a page at a time when a view asks
 * for them. A few recent pages are kept; the rest is dropped.
 *
 * A searched query (suiji_paged_list_set_searched_query ()) also keeps the
 * texts it searches, so that the next keystroke of a search looks through
 * memory rather than through SQLite, until the data or the query changes.
 *
 * A list may also read only its first rows (suiji_paged_list_read_first_rows
 * ()), for a first screen that shows before a large directory is read to
 * its end, and read the rest after (suiji_paged_list_complete ()).
 */

#define G_LOG_DOMAIN "suiji-paged-list"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "suiji-database-private.h"
#include "suiji-paged-list.h"

#define PAGE_SIZE        100
#define MAX_CACHED_PAGES 16

typedef struct
{
  char *value;
  guint n;
} Count;

typedef struct
{
  gint64  id;
  guint32 texts; /* where the row's texts start in SearchCache.texts */
  guint32 value; /* its counted value, in SearchCache.values */
} CachedRow;

/* Every row of a searched query, in its order, with the texts it searches
 * one after another, each ended by a NUL. */
typedef struct
{
  char      *sql;
  GPtrArray *parameters;
  gint64     stamp[2];
  guint      n_texts;
  GArray    *rows;
  char      *texts;
  GPtrArray *values;
} SearchCache;

struct _SuijiPagedList
{
  GObject parent_instance;

  SuijiDatabase       *db;
  GType                item_type;
  char                *page_sql;
  SuijiPagedListLoader loader;

  /* The query and its parameters, kept to reload after a change. */
  char      *ids_sql;
  GPtrArray *parameters;
  /* For a searched query: per text column, the text it is searched for,
   * or NULL. */
  GPtrArray   *needles;
  SearchCache *search;

  GArray *ids;
  /* The next reload reads no more rows than this, if not 0; the list is
   * partial when it did and rows were left, as the data stood at
   * partial_stamp. */
  guint       first_rows;
  gboolean    partial;
  gint64      partial_stamp[2];
  GHashTable *hidden;
  GHashTable *counts;
  GHashTable *pages;
  GQueue      page_order;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (SuijiPagedList,
                               suiji_paged_list,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static void
search_cache_free (SearchCache *cache)
{
  g_free (cache->sql);
  g_clear_pointer (&cache->parameters, g_ptr_array_unref);
  g_clear_pointer (&cache->rows, g_array_unref);
  g_free (cache->texts);
  g_clear_pointer (&cache->values, g_ptr_array_unref);
  g_free (cache);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SearchCache, search_cache_free)

static void
drop_pages (SuijiPagedList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->page_order);
}

/* Reads one page of rows, in the order of the ids, whatever order SQLite
 * returns them in. */
static GPtrArray *
load_page (SuijiPagedList *self, guint page)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GHashTable) by_id =
      g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint      first = page * PAGE_SIZE;
  guint      last = MIN (first + PAGE_SIZE, self->ids->len);

  stmt = _suiji_database_prepare (self->db, self->page_sql, NULL);
  if (stmt == NULL)
    {
      g_warning ("Could not read a page of the list: %s",
                 sqlite3_errmsg (_suiji_database_get_handle (self->db)));
      return items;
    }

  /* The page query has PAGE_SIZE placeholders; unused ones match nothing. */
  for (guint i = first; i < first + PAGE_SIZE; i++)
    {
      if (i < last)
        sqlite3_bind_int64 (stmt, i - first + 1, g_array_index (self->ids, gint64, i));
      else
        sqlite3_bind_int64 (stmt, i - first + 1, -1);
    }

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (by_id, id, self->loader (stmt));
    }

  for (guint i = first; i < last; i++)
    {
      gint64   id = g_array_index (self->ids, gint64, i);
      GObject *item = g_hash_table_lookup (by_id, &id);

      /* A row deleted since the ids were read still takes its place, empty. */
      g_ptr_array_add (items,
                       item != NULL ? g_object_ref (item) : g_object_new (self->item_type, NULL));
    }

  return items;
}

static GType
suiji_paged_list_get_item_type (GListModel *model)
{
  return SUIJI_PAGED_LIST (model)->item_type;
}

static guint
suiji_paged_list_get_n_items (GListModel *model)
{
  return SUIJI_PAGED_LIST (model)->ids->len;
}

static gpointer
suiji_paged_list_get_item (GListModel *model, guint position)
{
  SuijiPagedList *self = SUIJI_PAGED_LIST (model);
  guint           page = position / PAGE_SIZE;
  GPtrArray      *items;

  if (position >= self->ids->len)
    return NULL;

  items = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  if (items == NULL)
    {
      items = load_page (self, page);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), items);
      g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));

      while (g_queue_get_length (&self->page_order) > MAX_CACHED_PAGES)
        g_hash_table_remove (self->pages, g_queue_pop_head (&self->page_order));
    }
  else
    {
      g_queue_remove (&self->page_order, GUINT_TO_POINTER (page));
      g_queue_push_tail (&self->page_order, GUINT_TO_POINTER (page));
    }

  if (position % PAGE_SIZE >= items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (items, position % PAGE_SIZE));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = suiji_paged_list_get_item_type;
  iface->get_n_items = suiji_paged_list_get_n_items;
  iface->get_item = suiji_paged_list_get_item;
}

static void
suiji_paged_list_finalize (GObject *object)
{
  SuijiPagedList *self = (SuijiPagedList *) object;

  drop_pages (self);
  g_clear_pointer (&self->search, search_cache_free);
  g_clear_pointer (&self->needles, g_ptr_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->counts, g_hash_table_unref);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->parameters, g_ptr_array_unref);
  g_clear_pointer (&self->ids_sql, g_free);
  g_clear_pointer (&self->page_sql, g_free);
  g_clear_object (&self->db);

  G_OBJECT_CLASS (suiji_paged_list_parent_class)->finalize (object);
}

static void
suiji_paged_list_class_init (SuijiPagedListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = suiji_paged_list_finalize;
}

static void
suiji_paged_list_init (SuijiPagedList *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->hidden = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&self->page_order);
}

/**
 * suiji_paged_list_new:
 * @page_sql: a query whose first column is the id, with `@IDS@` where the
 *   ids of one page go, as in `WHERE s.id IN (@IDS@)`
 * @loader: turns a row of @page_sql into an item of @item_type
 *
 * Returns: (transfer full): an empty list; set a query to fill it
 */
SuijiPagedList *
suiji_paged_list_new (SuijiDatabase       *db,
                      GType                item_type,
                      const char          *page_sql,
                      SuijiPagedListLoader loader)
{
  SuijiPagedList *self;
  GString        *placeholders = g_string_new (NULL);

  g_return_val_if_fail (SUIJI_IS_DATABASE (db), NULL);
  g_return_val_if_fail (g_type_is_a (item_type, G_TYPE_OBJECT), NULL);

  for (guint i = 1; i <= PAGE_SIZE; i++)
    g_string_append_printf (placeholders, i == 1 ? "?%u" : ", ?%u", i);

  self = g_object_new (SUIJI_TYPE_PAGED_LIST, NULL);
  self->db = g_object_ref (db);
  self->item_type = item_type;
  self->loader = loader;
  /* The page query names where its placeholders go with "@IDS@". */
  {
    g_auto (GStrv) parts = g_strsplit (page_sql, "@IDS@", 2);
    self->page_sql =
        g_strconcat (parts[0], placeholders->str, parts[1] != NULL ? parts[1] : "", NULL);
  }
  g_string_free (placeholders, TRUE);

  return self;
}

static void
bind_parameters (sqlite3_stmt *stmt, GPtrArray *parameters)
{
  for (guint i = 0; parameters != NULL && i < parameters->len; i++)
    {
      GVariant *value = g_ptr_array_index (parameters, i);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        sqlite3_bind_text (stmt, i + 1, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, i + 1, g_variant_get_int64 (value));
      else
        g_assert_not_reached ();
    }
}

/**
 * suiji_paged_list_set_query:
 * @ids_sql: selects the matching ids in display order as its first column;
 *   a second column, when present, is counted per value (for instance the
 *   credit class), see suiji_paged_list_get_counts()
 * @parameters: (element-type GVariant) (nullable): string or int64 values
 *   for the placeholders of @ids_sql, in order
 */
gboolean
suiji_paged_list_set_query (SuijiPagedList *self,
                            const char     *ids_sql,
                            GPtrArray      *parameters,
                            GError        **error)
{
  g_return_val_if_fail (SUIJI_IS_PAGED_LIST (self), FALSE);

  g_clear_pointer (&self->needles, g_ptr_array_unref);
  g_clear_pointer (&self->search, search_cache_free);
  g_free (self->ids_sql);
  self->ids_sql = g_strdup (ids_sql);
  g_clear_pointer (&self->parameters, g_ptr_array_unref);
  if (parameters != NULL)
    self->parameters = g_ptr_array_ref (parameters);

  return suiji_paged_list_reload (self, error);
}

/**
 * suiji_paged_list_set_searched_query:
 * @ids_sql: selects every row the search may find, in display order: the
 *   id, a value counted as by suiji_paged_list_set_query(), then one text
 *   column per needle
 * @parameters: (element-type GVariant) (nullable): as for
 *   suiji_paged_list_set_query()
 * @needles: (array length=n_needles) (nullable): per text column, the text
 *   a row must contain there, byte for byte as SQLite's instr() compares,
 *   or %NULL to leave the column out
 *
 * Shows the rows of @ids_sql that contain one of the needles in its column,
 * or all of them when every needle is %NULL. Once a needle is given, the
 * rows and their texts are kept: while the database and @ids_sql with its
 * @parameters stay the same, the next search reads no row from SQLite.
 */
gboolean
suiji_paged_list_set_searched_query (SuijiPagedList    *self,
                                     const char        *ids_sql,
                                     GPtrArray         *parameters,
                                     const char *const *needles,
                                     guint              n_needles,
                                     GError           **error)
{
  g_return_val_if_fail (SUIJI_IS_PAGED_LIST (self), FALSE);
  g_return_val_if_fail (n_needles == 0 || needles != NULL, FALSE);

  g_free (self->ids_sql);
  self->ids_sql = g_strdup (ids_sql);
  g_clear_pointer (&self->parameters, g_ptr_array_unref);
  if (parameters != NULL)
    self->parameters = g_ptr_array_ref (parameters);
  g_clear_pointer (&self->needles, g_ptr_array_unref);
  self->needles = g_ptr_array_new_full (n_needles, g_free);
  for (guint i = 0; i < n_needles; i++)
    g_ptr_array_add (self->needles, g_strdup (needles[i]));

  return suiji_paged_list_reload (self, error);
}

static gboolean
same_parameters (GPtrArray *a, GPtrArray *b)
{
  guint n_a = a != NULL ? a->len : 0;
  guint n_b = b != NULL ? b->len : 0;

  if (n_a != n_b)
    return FALSE;
  for (guint i = 0; i < n_a; i++)
    if (!g_variant_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i)))
      return FALSE;
  return TRUE;
}

/* Counts a value of the query's second column. Few distinct values (the
 * classes) and many rows: a short array searched from the top beats a
 * hash and a copy per row. */
static guint
count_index (GArray *counts, const char *value)
{
  Count added;

  for (guint i = 0; i < counts->len; i++)
    if (g_str_equal (g_array_index (counts, Count, i).value, value))
      return i;

  added.value = g_strdup (value);
  added.n = 0;
  g_array_append_val (counts, added);
  return counts->len - 1;
}

static void
clear_count (gpointer data)
{
  g_free (((Count *) data)->value);
}

static void
keep_counts (SuijiPagedList *self, GArray *counts)
{
  g_hash_table_remove_all (self->counts);
  for (guint i = 0; i < counts->len; i++)
    {
      Count *count = &g_array_index (counts, Count, i);

      if (count->n > 0)
        g_hash_table_insert (self->counts, g_strdup (count->value), GUINT_TO_POINTER (count->n));
    }
}

/* Puts the rows found in place of the list's, and tells the views. */
static void
show_rows (SuijiPagedList *self, GArray *ids, GArray *counts)
{
  guint old_length = self->ids->len;

  keep_counts (self, counts);
  self->partial = FALSE;
  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  drop_pages (self);

  g_list_model_items_changed (G_LIST_MODEL (self), 0, old_length, self->ids->len);
}

/* Adds the rows after the first ones the list holds: the views keep the
 * rows they show. The page the old rows ended in is read again whole. */
static void
show_more_rows (SuijiPagedList *self, GArray *ids, GArray *counts)
{
  guint old_length = self->ids->len;
  guint last_page = old_length / PAGE_SIZE;

  keep_counts (self, counts);
  self->partial = FALSE;
  g_array_unref (self->ids);
  self->ids = g_array_ref (ids);
  if (g_hash_table_remove (self->pages, GUINT_TO_POINTER (last_page)))
    g_queue_remove (&self->page_order, GUINT_TO_POINTER (last_page));

  g_list_model_items_changed (G_LIST_MODEL (self), old_length, 0, self->ids->len - old_length);
}

static gboolean
is_hidden (SuijiPagedList *self, gint64 id)
{
  return g_hash_table_size (self->hidden) > 0 && g_hash_table_contains (self->hidden, &id);
}

static gboolean
searching (SuijiPagedList *self)
{
  for (guint i = 0; self->needles != NULL && i < self->needles->len; i++)
    if (g_ptr_array_index (self->needles, i) != NULL)
      return TRUE;
  return FALSE;
}

static SearchCache *
read_search_cache (SuijiPagedList *self, const gint64 stamp[2], GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (SearchCache) cache = g_new0 (SearchCache, 1);
  g_autoptr (GString) texts = NULL;
  g_autoptr (GArray) values = g_array_new (FALSE, FALSE, sizeof (Count));
  int rc;

  stmt = _suiji_database_prepare (self->db, self->ids_sql, error);
  if (stmt == NULL)
    return NULL;
  if ((guint) sqlite3_column_count (stmt) != 2 + self->needles->len)
    {
      g_critical ("A searched query selects the id, a value, and one text per needle");
      g_set_error_literal (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FAILED,
                           "Could not read the list");
      return NULL;
    }

  g_array_set_clear_func (values, clear_count);
  bind_parameters (stmt, self->parameters);
  cache->sql = g_strdup (self->ids_sql);
  cache->parameters = self->parameters != NULL ? g_ptr_array_ref (self->parameters) : NULL;
  cache->stamp[0] = stamp[0];
  cache->stamp[1] = stamp[1];
  cache->n_texts = self->needles->len;
  /* Sized as the last list, so that a search of a large directory does
   * not copy its texts over and over as they grow. */
  cache->rows = g_array_sized_new (FALSE, FALSE, sizeof (CachedRow), self->ids->len);
  texts = g_string_sized_new (MAX (self->ids->len, 64) * 48);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CachedRow row;

      row.id = sqlite3_column_int64 (stmt, 0);
      row.value = count_index (values, _suiji_column_text (stmt, 1));
      row.texts = (guint32) texts->len;
      for (guint c = 0; c < cache->n_texts; c++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, 2 + (int) c);

          if (text != NULL)
            g_string_append_len (texts, text, sqlite3_column_bytes (stmt, 2 + (int) c));
          g_string_append_c (texts, '\0');
        }
      if (texts->len > G_MAXUINT32)
        {
          g_set_error_literal (error, SUIJI_DATABASE_ERROR, SUIJI_DATABASE_ERROR_FAILED,
                               "Too much text to search");
          return NULL;
        }
      g_array_append_val (cache->rows, row);
    }

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (self->db, error, _("Could not read the list"));
      return NULL;
    }

  cache->values = g_ptr_array_new_full (values->len, g_free);
  for (guint i = 0; i < values->len; i++)
    g_ptr_array_add (cache->values, g_steal_pointer (&g_array_index (values, Count, i).value));
  /* Only what the texts take stays allocated. */
  {
    gsize length = texts->len;

    cache->texts = g_realloc (g_string_free (g_steal_pointer (&texts), FALSE), length + 1);
  }
  return g_steal_pointer (&cache);
}

static gboolean reload_query (SuijiPagedList *self, guint limit, GError **error);

static gboolean
search_cache_is_current (SuijiPagedList *self, const gint64 stamp[2])
{
  SearchCache *cache = self->search;

  return cache != NULL && cache->stamp[0] == stamp[0] && cache->stamp[1] == stamp[1] &&
         cache->n_texts == self->needles->len && g_str_equal (cache->sql, self->ids_sql) &&
         same_parameters (cache->parameters, self->parameters);
}

static gboolean
reload_searched (SuijiPagedList *self, guint limit, GError **error)
{
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (Count));
  SearchCache *cache;
  gint64       stamp[2];
  gboolean     stamped = _suiji_database_get_data_stamp (self->db, stamp);
  gboolean     any = searching (self);

  if (!stamped || !search_cache_is_current (self, stamp))
    g_clear_pointer (&self->search, search_cache_free);

  /* The texts are kept once something is searched for. */
  if (self->search == NULL && !any)
    return reload_query (self, limit, error);

  if (self->search == NULL)
    {
      self->search = read_search_cache (self, stamp, error);
      if (self->search == NULL)
        return FALSE;
      if (!stamped)
        self->search->stamp[1] = -2; /* never matches again */
    }
  cache = self->search;

  g_array_set_clear_func (counts, clear_count);
  for (guint i = 0; i < cache->values->len; i++)
    count_index (counts, g_ptr_array_index (cache->values, i));
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), MIN (cache->rows->len, 1024));

  for (guint r = 0; r < cache->rows->len; r++)
    {
      const CachedRow *row = &g_array_index (cache->rows, CachedRow, r);
      const char      *text = cache->texts + row->texts;
      gboolean         found = !any;

      if (is_hidden (self, row->id))
        continue;

      for (guint c = 0; c < cache->n_texts && !found; c++)
        {
          const char *needle = g_ptr_array_index (self->needles, c);

          found = needle != NULL && strstr (text, needle) != NULL;
          text += strlen (text) + 1;
        }
      if (!found)
        continue;

      g_array_append_val (ids, row->id);
      g_array_index (counts, Count, row->value).n++;
    }

  show_rows (self, ids, counts);
  return TRUE;
}

/* Runs the query, keeping no more than the ids and the counts; with a
 * limit, no more than its first rows. */
static gboolean
read_query (SuijiPagedList *self,
            guint           limit,
            GArray        **ids_out,
            GArray        **counts_out,
            gboolean       *rows_left,
            GError        **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (Count));
  g_autofree char *limited = NULL;
  gboolean         counted;
  guint            n_read = 0;
  int              rc;

  /* The queries end with their ORDER BY, so a LIMIT can follow. */
  if (limit > 0)
    limited = g_strdup_printf ("%s LIMIT %u", self->ids_sql, limit);
  stmt = _suiji_database_prepare (self->db, limited != NULL ? limited : self->ids_sql, error);
  if (stmt == NULL)
    return FALSE;

  g_array_set_clear_func (counts, clear_count);
  bind_parameters (stmt, self->parameters);
  counted = sqlite3_column_count (stmt) > 1;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), limit > 0 ? limit : self->ids->len);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      n_read++;
      if (is_hidden (self, id))
        continue;

      g_array_append_val (ids, id);
      if (counted)
        {
          guint value = count_index (counts, _suiji_column_text (stmt, 1));

          g_array_index (counts, Count, value).n++;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _suiji_database_set_error (self->db, error, _("Could not read the list"));
      return FALSE;
    }

  *ids_out = g_steal_pointer (&ids);
  *counts_out = g_steal_pointer (&counts);
  *rows_left = limit > 0 && n_read == limit;
  return TRUE;
}

static gboolean
reload_query (SuijiPagedList *self, guint limit, GError **error)
{
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GArray) counts = NULL;
  gboolean rows_left = FALSE;
  gint64   stamp[2];

  if (!read_query (self, limit, &ids, &counts, &rows_left, error))
    return FALSE;

  show_rows (self, ids, counts);
  if (rows_left && _suiji_database_get_data_stamp (self->db, stamp))
    {
      self->partial = TRUE;
      self->partial_stamp[0] = stamp[0];
      self->partial_stamp[1] = stamp[1];
    }
  else if (rows_left)
    /* Without a stamp the rest cannot be told apart from a change. */
    return reload_query (self, 0, error);
  return TRUE;
}

/**
 * suiji_paged_list_prepare_search:
 *
 * Reads the texts the next search of a searched query will look through,
 * unless they are at hand: for when a search is about to begin, such as
 * when its entry gets the focus, so that the first key is as quick as the
 * next. The rows shown stay as they are.
 *
 * Returns: %FALSE with @error set if the rows could not be read
 */
gboolean
suiji_paged_list_prepare_search (SuijiPagedList *self, GError **error)
{
  gint64 stamp[2];

  g_return_val_if_fail (SUIJI_IS_PAGED_LIST (self), FALSE);

  if (self->ids_sql == NULL || self->needles == NULL ||
      !_suiji_database_get_data_stamp (self->db, stamp) || search_cache_is_current (self, stamp))
    return TRUE;

  g_clear_pointer (&self->search, search_cache_free);
  self->search = read_search_cache (self, stamp, error);
  return self->search != NULL;
}

/**
 * suiji_paged_list_reload:
 *
 * Runs the query again, after the data changed.
 */
gboolean
suiji_paged_list_reload (SuijiPagedList *self, GError **error)
{
  guint limit;

  g_return_val_if_fail (SUIJI_IS_PAGED_LIST (self), FALSE);

  limit = self->first_rows;
  self->first_rows = 0;
  if (self->ids_sql == NULL)
    return TRUE;
  if (self->needles != NULL)
    return reload_searched (self, limit, error);
  return reload_query (self, limit, error);
}

/**
 * suiji_paged_list_read_first_rows:
 * @n_rows: how many, more than 0
 *
 * Makes the next reload of the list (or the next query set) read only the
 * first @n_rows rows, unless a search is kept in memory: for the first
 * screen of a large directory, shown before the rest is read. Until
 * suiji_paged_list_complete () the list is partial, and its counts are
 * those of the rows read.
 */
void
suiji_paged_list_read_first_rows (SuijiPagedList *self, guint n_rows)
{
  g_return_if_fail (SUIJI_IS_PAGED_LIST (self));
  g_return_if_fail (n_rows > 0);

  self->first_rows = n_rows;
}

/**
 * suiji_paged_list_is_partial:
 *
 * Returns: whether the list read only its first rows and some were left
 */
gboolean
suiji_paged_list_is_partial (SuijiPagedList *self)
{
  g_return_val_if_fail (SUIJI_IS_PAGED_LIST (self), FALSE);

  return self->partial;
}

/**
 * suiji_paged_list_complete:
 *
 * Reads the rows a partial list left. When the data has not changed since,
 * the rows held stay, and the views are told of the rows added only.
 *
 * Returns: %FALSE with @error set if the rows could not be read
 */
gboolean
suiji_paged_list_complete (SuijiPagedList *self, GError **error)
{
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GArray) counts = NULL;
  gboolean rows_left;
  gint64   stamp[2];

  g_return_val_if_fail (SUIJI_IS_PAGED_LIST (self), FALSE);

  if (!self->partial)
    return TRUE;
  if (!_suiji_database_get_data_stamp (self->db, stamp) || stamp[0] != self->partial_stamp[0] ||
      stamp[1] != self->partial_stamp[1])
    return suiji_paged_list_reload (self, error);

  if (!read_query (self, 0, &ids, &counts, &rows_left, error))
    return FALSE;

  /* The same query on the same data starts with the same rows. */
  if (ids->len > self->ids->len &&
      memcmp (ids->data, self->ids->data, self->ids->len * sizeof (gint64)) == 0)
    show_more_rows (self, ids, counts);
  else
    show_rows (self, ids, counts);
  return TRUE;
}

gint64
suiji_paged_list_get_id (SuijiPagedList *self, guint position)
{
  g_return_val_if_fail (SUIJI_IS_PAGED_LIST (self), 0);
  g_return_val_if_fail (position < self->ids->len, 0);

  return g_array_index (self->ids, gint64, position);
}

/**
 * suiji_paged_list_find_id:
 *
 * Returns: the position of @id, or %G_MAXUINT when the list does not hold it
 */
guint
suiji_paged_list_find_id (SuijiPagedList *self, gint64 id)
{
  g_return_val_if_fail (SUIJI_IS_PAGED_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;

  return G_MAXUINT;
}

/**
 * suiji_paged_list_get_counts:
 *
 * Returns: (transfer none) (element-type utf8 guint): how many rows of the
 *   list hold each value of the query's second column ("" for NULL)
 */
GHashTable *
suiji_paged_list_get_counts (SuijiPagedList *self)
{
  g_return_val_if_fail (SUIJI_IS_PAGED_LIST (self), NULL);

  return self->counts;
}

/**
 * suiji_paged_list_set_hidden:
 * @ids: (array length=n_ids) (nullable): rows to leave out
 *
 * Leaves rows out of the list without touching the database: a deletion
 * that can still be undone. The list reloads.
 */
gboolean
suiji_paged_list_set_hidden (SuijiPagedList *self, const gint64 *ids, guint n_ids, GError **error)
{
  g_return_val_if_fail (SUIJI_IS_PAGED_LIST (self), FALSE);

  g_hash_table_remove_all (self->hidden);
  for (guint i = 0; i < n_ids; i++)
    g_hash_table_add (self->hidden, g_memdup2 (&ids[i], sizeof (gint64)));

  return suiji_paged_list_reload (self, error);
}
