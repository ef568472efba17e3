/* suiji-labels.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-labels"

#include "config.h"

#include "suiji-labels-private.h"

/**
 * _suiji_label_writer_init:
 * @link_table: subject_labels or inspector_labels
 * @owner_column: subject_id or inspector_id
 */
gboolean
_suiji_label_writer_init (SuijiLabelWriter *writer,
                          SuijiDatabase    *db,
                          const char       *link_table,
                          const char       *owner_column,
                          GError          **error)
{
  g_autofree char *clear =
      g_strdup_printf ("DELETE FROM %s WHERE %s = ?1", link_table, owner_column);
  g_autofree char *link = g_strdup_printf ("INSERT OR IGNORE INTO %s (%s, label_id)"
                                           " SELECT ?1, id FROM labels WHERE name = ?2",
                                           link_table, owner_column);

  writer->db = db;
  writer->clear = _suiji_database_prepare (db, clear, error);
  writer->add_name =
      writer->clear != NULL
          ? _suiji_database_prepare (db, "INSERT OR IGNORE INTO labels (name) VALUES (?1)", error)
          : NULL;
  writer->add_link = writer->add_name != NULL ? _suiji_database_prepare (db, link, error) : NULL;

  return writer->add_link != NULL;
}

/**
 * _suiji_label_writer_write:
 *
 * Gives the owner exactly @labels, adding label names that are new.
 */
gboolean
_suiji_label_writer_write (SuijiLabelWriter  *writer,
                           gint64             owner_id,
                           const char *const *labels,
                           GError           **error)
{
  sqlite3_bind_int64 (writer->clear, 1, owner_id);
  if (!_suiji_database_run (writer->db, writer->clear, error))
    return FALSE;

  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    {
      if (*labels[i] == '\0')
        continue;

      sqlite3_bind_text (writer->add_name, 1, labels[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (writer->add_link, 1, owner_id);
      sqlite3_bind_text (writer->add_link, 2, labels[i], -1, SQLITE_STATIC);
      if (!_suiji_database_run (writer->db, writer->add_name, error) ||
          !_suiji_database_run (writer->db, writer->add_link, error))
        return FALSE;
    }

  return TRUE;
}

void
_suiji_label_writer_clear (SuijiLabelWriter *writer)
{
  g_clear_pointer (&writer->clear, sqlite3_finalize);
  g_clear_pointer (&writer->add_name, sqlite3_finalize);
  g_clear_pointer (&writer->add_link, sqlite3_finalize);
  writer->db = NULL;
}
