/* suiji-table-reader.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "suiji-table-reader"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <csv.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <libxml/xmlreader.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <zip.h>

#include "suiji-table-reader.h"

/* How much of a file is looked at to tell the formats apart. */
#define SNIFF_SIZE 4096
/* No part of a real directory workbook comes near this; a larger one is a
 * zip bomb or damage, and unpacking it would exhaust the memory. */
#define MAX_PART_SIZE ((zip_uint64_t) 512 * 1024 * 1024)
/* Excel's last column, XFD. */
#define MAX_COLUMNS              16384
#define CANCEL_CHECK_ROWS        4096
#define DELIMITER_SAMPLE_RECORDS 50
#define DELIMITER_SAMPLE_BYTES   (256 * 1024)
#define CSV_CHUNK_SIZE           (256 * 1024)

/* libcsv's state for "inside a field"; its struct is public, and looking at
 * it is the only way to see an unclosed quote without CSV_STRICT, which
 * would also refuse the stray quotes that real exports contain. */
#define LIBCSV_FIELD_BEGUN 2

typedef struct
{
  gsize first_cell;
  guint n_cells;
  guint source_row;
} Row;

struct _SuijiTable
{
  /* All cell text, each cell NUL-terminated; offset 0 is the shared "". One
   * buffer instead of a string per cell keeps a large import fast. */
  GString *text;
  GArray  *cells; /* gsize offsets into text */
  GArray  *rows;  /* Row */
  guint    n_columns;

  const char *format;
  const char *encoding;
  char        delimiter;
  char       *sheet_name;
};

typedef enum
{
  SNIFFED_CSV,
  SNIFFED_ZIP,
  SNIFFED_BINARY,
} SniffedFormat;

/* clang-format off */
G_DEFINE_QUARK (suiji-table-error-quark, suiji_table_error)
/* clang-format on */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (zip_t, zip_discard)

/* @size_hint is the expected amount of text: growing a large buffer step by
 * step would copy it again and again. */
static SuijiTable *
table_new (const char *format, gsize size_hint)
{
  SuijiTable *table = g_new0 (SuijiTable, 1);

  table->text = g_string_sized_new (MAX (size_hint, 64 * 1024));
  g_string_append_c (table->text, '\0');
  table->cells = g_array_sized_new (FALSE, FALSE, sizeof (gsize), 1024);
  table->rows = g_array_sized_new (FALSE, FALSE, sizeof (Row), 128);
  table->format = format;
  table->encoding = "UTF-8";

  return table;
}

static inline gsize
table_add_text (SuijiTable *table, const char *text, gsize length)
{
  gsize offset;

  if (length == 0)
    return 0;

  offset = table->text->len;
  g_string_append_len (table->text, text, length);
  g_string_append_c (table->text, '\0');

  return offset;
}

static inline void
table_add_row (SuijiTable *table, gsize first_cell, guint source_row)
{
  Row row = { first_cell, table->cells->len - first_cell, source_row };

  g_array_append_val (table->rows, row);
}

static gboolean
text_is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!g_unichar_isspace (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
row_is_blank (SuijiTable *table, const Row *row)
{
  for (guint i = 0; i < row->n_cells; i++)
    {
      gsize offset = g_array_index (table->cells, gsize, row->first_cell + i);

      if (!text_is_blank (table->text->str + offset))
        return FALSE;
    }

  return TRUE;
}

/* Drops the trailing blank rows (WPS and Excel leave ",,,," lines and
 * formatted empty rows behind) and measures the widest row. Blank rows in
 * the middle stay, so that every later row keeps its number. */
static void
table_finish (SuijiTable *table)
{
  while (table->rows->len > 0 &&
         row_is_blank (table, &g_array_index (table->rows, Row, table->rows->len - 1)))
    g_array_set_size (table->rows, table->rows->len - 1);

  if (table->rows->len > 0)
    {
      const Row *last = &g_array_index (table->rows, Row, table->rows->len - 1);

      g_array_set_size (table->cells, last->first_cell + last->n_cells);
    }
  else
    {
      g_array_set_size (table->cells, 0);
    }

  table->n_columns = 0;
  for (guint i = 0; i < table->rows->len; i++)
    table->n_columns = MAX (table->n_columns, g_array_index (table->rows, Row, i).n_cells);
}

static void
set_unreadable_error (GError **error, const char *display, const char *reason)
{
  g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_UNREADABLE,
               _("Could not read “%s” (%s). Check that the file still exists and that you "
                  "are allowed to open it, then try again."),
               display, reason);
}

static void
set_binary_error (GError **error, const char *display)
{
  g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_UNKNOWN_FORMAT,
               _("“%s” is not a table Suiji can read: it is an old Excel (.xls) or WPS (.et) "
                  "workbook, a workbook protected with a password, or not a table at all. "
                  "Open it in WPS or Excel, save it as an Excel workbook (.xlsx) or as CSV, "
                  "and import that file."),
               display);
}

static gboolean
sniff_file (const char *path, const char *display, SniffedFormat *format, GError **error)
{
  static const guint8 ole2_magic[] = { 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1 };
  guint8              head[SNIFF_SIZE];
  gsize               length;
  FILE               *file;
  int                 saved_errno;

  file = g_fopen (path, "rb");
  if (file == NULL)
    {
      saved_errno = errno;
      set_unreadable_error (error, display, g_strerror (saved_errno));
      return FALSE;
    }

  length = fread (head, 1, sizeof head, file);
  saved_errno = errno;
  if (ferror (file))
    {
      fclose (file);
      set_unreadable_error (error, display, g_strerror (saved_errno));
      return FALSE;
    }
  fclose (file);

  if (length >= 4 && memcmp (head, "PK\003\004", 4) == 0)
    *format = SNIFFED_ZIP;
  else if (length >= sizeof ole2_magic && memcmp (head, ole2_magic, sizeof ole2_magic) == 0)
    *format = SNIFFED_BINARY;
  /* Excel's "Unicode text" export is UTF-16 with a byte order mark; its NUL
   * bytes do not make it binary. */
  else if (length >= 2 &&
           ((head[0] == 0xff && head[1] == 0xfe) || (head[0] == 0xfe && head[1] == 0xff)))
    *format = SNIFFED_CSV;
  else if (memchr (head, '\0', length) != NULL)
    *format = SNIFFED_BINARY;
  else
    *format = SNIFFED_CSV;

  return TRUE;
}

typedef struct
{
  /* NULL while only counting fields to guess the delimiter. */
  SuijiTable *table;
  char        eol;

  /* The record being read: the line it starts on, the line breaks inside its
   * finished (quoted) fields, and where its cells start. */
  guint    record_line;
  guint    record_breaks;
  gsize    record_first_cell;
  guint    record_fields;
  gboolean record_has_text;

  /* Delimiter guessing: the field count of each non-blank record. */
  GArray *field_counts;

  GCancellable *cancellable;
  gboolean      cancelled;
} CsvState;

/* Only the carriage return counts as space: libcsv then drops the '\r' of
 * CRLF endings after unquoted and quoted fields alike, while the spaces the
 * user typed stay in the cell (the import layer normalises them). */
static int
csv_is_space_cr (unsigned char c)
{
  return c == '\r';
}

static int
csv_is_space_none (unsigned char c)
{
  return 0;
}

/* Records end at '\n' only, and every '\n' ends a record (CSV_REPALL_NL), so
 * the records keep step with the lines the user sees in an editor. */
static int
csv_is_term_lf (unsigned char c)
{
  return c == '\n';
}

/* Old Mac exports end their lines with a lone '\r'. */
static int
csv_is_term_cr (unsigned char c)
{
  return c == '\r';
}

static void
csv_field_cb (void *data, size_t length, void *user_data)
{
  CsvState   *state = user_data;
  const char *text = data;

  state->record_fields++;

  if (text == NULL || length == 0)
    {
      gsize none = 0;

      if (state->table != NULL)
        g_array_append_val (state->table->cells, none);
      return;
    }

  /* Only a quoted field can hold a line break. */
  for (const char *p = memchr (text, state->eol, length); p != NULL;
       p = memchr (p + 1, state->eol, length - (p + 1 - text)))
    state->record_breaks++;

  if (state->table != NULL)
    {
      gsize offset = table_add_text (state->table, text, length);

      g_array_append_val (state->table->cells, offset);
    }
  else if (!state->record_has_text)
    {
      /* A ",,,," line has no text under any delimiter; counting it would
       * let a blank tail decide. */
      for (gsize i = 0; i < length && !state->record_has_text; i++)
        state->record_has_text = !g_ascii_isspace (text[i]) && text[i] != ',' && text[i] != ';';
    }
}

static void
csv_row_cb (int c, void *user_data)
{
  CsvState *state = user_data;

  if (state->table != NULL)
    {
      table_add_row (state->table, state->record_first_cell, state->record_line);
      if (state->table->rows->len % CANCEL_CHECK_ROWS == 0 &&
          g_cancellable_is_cancelled (state->cancellable))
        state->cancelled = TRUE;
      state->record_first_cell = state->table->cells->len;
    }
  else if (state->record_has_text)
    {
      g_array_append_val (state->field_counts, state->record_fields);
    }

  state->record_line += state->record_breaks + 1;
  state->record_breaks = 0;
  state->record_fields = 0;
  state->record_has_text = FALSE;
}

static void
csv_parser_init (struct csv_parser *parser, char delimiter, char eol)
{
  /* Without CSV_APPEND_NULL the fields come with their length, which is all
   * table_add_text needs. */
  csv_init (parser, CSV_REPALL_NL);
  csv_set_delim (parser, (unsigned char) delimiter);
  csv_set_space_func (parser, eol == '\n' ? csv_is_space_cr : csv_is_space_none);
  csv_set_term_func (parser, eol == '\n' ? csv_is_term_lf : csv_is_term_cr);
}

/* Counts how often the most common field count (above one) occurs in the
 * first records when split at @delimiter. */
static guint
score_delimiter (const char *text, gsize length, char delimiter, char eol, guint *common_count)
{
  struct csv_parser parser;
  CsvState          state = { 0 };
  g_autoptr (GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GHashTable) frequency = g_hash_table_new (NULL, NULL);
  guint best_frequency = 0;

  state.eol = eol;
  state.field_counts = counts;
  csv_parser_init (&parser, delimiter, eol);
  csv_parse (&parser, text, MIN (length, DELIMITER_SAMPLE_BYTES), csv_field_cb, csv_row_cb, &state);
  /* The sample may stop inside a record; only a whole file finishes it. */
  if (length <= DELIMITER_SAMPLE_BYTES)
    csv_fini (&parser, csv_field_cb, csv_row_cb, &state);
  csv_free (&parser);

  *common_count = 0;
  for (guint i = 0; i < MIN (counts->len, DELIMITER_SAMPLE_RECORDS); i++)
    {
      guint    count = g_array_index (counts, guint, i);
      gpointer key = GUINT_TO_POINTER (count);
      guint    seen;

      if (count < 2)
        continue;

      seen = GPOINTER_TO_UINT (g_hash_table_lookup (frequency, key)) + 1;
      g_hash_table_insert (frequency, key, GUINT_TO_POINTER (seen));
      if (seen > best_frequency || (seen == best_frequency && count > *common_count))
        {
          best_frequency = seen;
          *common_count = count;
        }
    }

  return best_frequency;
}

static char
guess_delimiter (const char *text, gsize length, char eol)
{
  static const char candidates[] = { ',', '\t', ';' };
  char              best = ',';
  guint             best_score = 0;
  guint             best_count = 0;

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      guint count;
      guint score = score_delimiter (text, length, candidates[i], eol, &count);

      /* A delimiter that splits as many records into more columns wins: a
       * semicolon inside a comma file splits fewer of them. */
      if (score > best_score || (score == best_score && score > 0 && count > best_count))
        {
          best = candidates[i];
          best_score = score;
          best_count = count;
        }
    }

  return best;
}

static guint
line_at_offset (const char *text, gsize offset)
{
  guint line = 1;

  for (const char *p = memchr (text, '\n', offset); p != NULL;
       p = memchr (p + 1, '\n', offset - (p + 1 - text)))
    line++;

  return line;
}

static gsize
utf8_invalid_offset (const char *text, gsize length)
{
  const char *end = NULL;

  if (g_utf8_validate_len (text, length, &end))
    return length;

  return end - text;
}

static void
set_encoding_error (GError    **error,
                    const char *display,
                    const char *encoding_name,
                    gboolean    forced,
                    const char *raw,
                    gsize       offset)
{
  if (forced)
    g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_ENCODING,
                 _("“%s” is not valid %s text: line %u has a byte that fits no character "
                    "(at byte offset %lu). Choose another encoding, or let Suiji detect it."),
                 display, encoding_name, line_at_offset (raw, offset), (gulong) offset);
  else
    g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_ENCODING,
                 _("“%s” is not valid %s text: line %u has a byte that fits no character "
                    "(at byte offset %lu). Open the file in WPS or Excel, save it again as "
                    "“CSV UTF-8”, and import that file."),
                 display, encoding_name, line_at_offset (raw, offset), (gulong) offset);
}

/* Turns the raw bytes into UTF-8. *text points into @raw when no conversion
 * was needed, or to *converted. */
static gboolean
decode_csv (const char        *display,
            const char        *raw,
            gsize              length,
            SuijiTableEncoding encoding,
            const char       **text,
            gsize             *text_length,
            char             **converted,
            const char       **encoding_name,
            GError           **error)
{
  gboolean has_bom = length >= 3 && memcmp (raw, "\xef\xbb\xbf", 3) == 0;
  gsize    bad_utf8 = 0;
  gsize    bytes_read = 0;
  gsize    bytes_written = 0;
  gboolean utf16le = length >= 2 && (guchar) raw[0] == 0xff && (guchar) raw[1] == 0xfe;
  gboolean utf16be = length >= 2 && (guchar) raw[0] == 0xfe && (guchar) raw[1] == 0xff;

  if (encoding == SUIJI_TABLE_ENCODING_AUTO && (utf16le || utf16be))
    {
      const char *charset = utf16le ? "UTF-16LE" : "UTF-16BE";

      *converted =
          g_convert (raw + 2, length - 2, "UTF-8", charset, &bytes_read, &bytes_written, NULL);
      if (*converted == NULL)
        {
          set_encoding_error (error, display, "UTF-16", FALSE, raw, bytes_read + 2);
          return FALSE;
        }
      *text = *converted;
      *text_length = bytes_written;
      *encoding_name = "UTF-16";
      return TRUE;
    }

  if (encoding != SUIJI_TABLE_ENCODING_GB18030)
    {
      gsize start = has_bom ? 3 : 0;

      bad_utf8 = start + utf8_invalid_offset (raw + start, length - start);
      if (bad_utf8 == length)
        {
          *text = raw + start;
          *text_length = length - start;
          *encoding_name = "UTF-8";
          return TRUE;
        }

      /* A byte order mark says UTF-8 for sure: the bad byte is damage. */
      if (encoding == SUIJI_TABLE_ENCODING_UTF8 || has_bom)
        {
          set_encoding_error (error, display, "UTF-8", encoding != SUIJI_TABLE_ENCODING_AUTO, raw,
                              bad_utf8);
          return FALSE;
        }
    }

  *converted = g_convert (raw, length, "UTF-8", "GB18030", &bytes_read, &bytes_written, NULL);
  if (*converted == NULL)
    {
      /* In automatic mode, the encoding that got further is most likely the
       * one the file was written in, so its bad byte is the one to fix. */
      if (encoding == SUIJI_TABLE_ENCODING_AUTO && bad_utf8 > bytes_read)
        set_encoding_error (error, display, "UTF-8", FALSE, raw, bad_utf8);
      else if (encoding == SUIJI_TABLE_ENCODING_AUTO)
        set_encoding_error (error, display, "UTF-8 or GB18030 (GBK)", FALSE, raw, bytes_read);
      else
        set_encoding_error (error, display, "GB18030 (GBK)", TRUE, raw, bytes_read);
      return FALSE;
    }

  *text = *converted;
  *text_length = bytes_written;
  *encoding_name = "GB18030";
  return TRUE;
}

static SuijiTable *
read_csv (const char                  *path,
          const char                  *display,
          const SuijiTableReadOptions *options,
          GCancellable                *cancellable,
          GError                     **error)
{
  g_autoptr (SuijiTable) table = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char  *raw = NULL;
  g_autofree char  *converted = NULL;
  gsize             raw_length = 0;
  const char       *text;
  gsize             text_length;
  const char       *encoding_name;
  const char       *nul;
  struct csv_parser parser;
  CsvState          state = { 0 };
  gboolean          unclosed_quote;

  if (!g_file_get_contents (path, &raw, &raw_length, &local_error))
    {
      set_unreadable_error (error, display, local_error->message);
      return NULL;
    }

  if (!decode_csv (display, raw, raw_length, options->encoding, &text, &text_length, &converted,
                   &encoding_name, error))
    return NULL;

  /* The first few KiB were free of NUL bytes, or the file would not be
   * read as text; one further in is damage at a place we can name. */
  nul = memchr (text, '\0', text_length);
  if (nul != NULL)
    {
      g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_ENCODING,
                   _("“%s” has a NUL byte on line %u, which no text file contains. The file "
                      "is damaged or not a CSV file; save the table again in WPS or Excel "
                      "as “CSV UTF-8” and import that file."),
                   display, line_at_offset (text, nul - text));
      return NULL;
    }

  /* Each cell adds a NUL byte to its text; a fifth more covers short
   * cells. */
  table = table_new ("csv", text_length + text_length / 5);
  table->encoding = encoding_name;
  state.eol = memchr (text, '\n', text_length) == NULL && memchr (text, '\r', text_length) != NULL
                  ? '\r'
                  : '\n';
  table->delimiter = guess_delimiter (text, text_length, state.eol);

  state.table = table;
  state.record_line = 1;
  state.cancellable = cancellable;
  csv_parser_init (&parser, table->delimiter, state.eol);

  for (gsize done = 0; done < text_length && !state.cancelled; done += CSV_CHUNK_SIZE)
    {
      gsize chunk = MIN (CSV_CHUNK_SIZE, text_length - done);

      if (csv_parse (&parser, text + done, chunk, csv_field_cb, csv_row_cb, &state) != chunk)
        {
          g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_UNREADABLE,
                       _("Could not read “%s” (%s). Close other programs to free memory "
                          "and try again."),
                       display, csv_strerror (csv_error (&parser)));
          csv_free (&parser);
          return NULL;
        }
    }

  unclosed_quote = parser.pstate == LIBCSV_FIELD_BEGUN && parser.quoted;
  if (!state.cancelled && !unclosed_quote)
    csv_fini (&parser, csv_field_cb, csv_row_cb, &state);
  csv_free (&parser);

  if (state.cancelled || g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_CANCELLED,
                   _("Reading “%s” was cancelled."), display);
      return NULL;
    }

  if (unclosed_quote)
    {
      /* The fields of this record finished so far end where the open one
       * starts, and that is where the quotation mark is. */
      g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_DAMAGED,
                   _("In “%s”, the quotation mark (\") that opens a field on line %u is never "
                      "closed, so the rest of the file would end up in one cell. Add the "
                      "missing quotation mark or remove the stray one, or save the file "
                      "again from WPS or Excel."),
                   display, state.record_line + state.record_breaks);
      return NULL;
    }

  table_finish (table);
  if (table->rows->len == 0)
    {
      g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_EMPTY,
                   _("“%s” holds no data: every line is empty. Choose the file that holds "
                      "the list."),
                   display);
      return NULL;
    }

  return g_steal_pointer (&table);
}

static void
set_not_workbook_error (GError **error, const char *display)
{
  g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_UNKNOWN_FORMAT,
               _("“%s” is a ZIP archive but not an Excel workbook (.xlsx). Open the table in "
                  "WPS or Excel, save it as an Excel workbook (.xlsx) or as CSV, and import "
                  "that file."),
               display);
}

static void
set_incomplete_error (GError **error, const char *display, const char *detail)
{
  g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_DAMAGED,
               _("The file “%s” is incomplete or damaged (%s). Copy it again from where it "
                  "came from, or open it in WPS or Excel and save it again."),
               display, detail);
}

static zip_t *
open_zip (const char *path, const char *display, GError **error)
{
  zip_error_t zip_error;
  zip_t      *zip;
  int         code = 0;

  zip = zip_open (path, ZIP_RDONLY, &code);
  if (zip != NULL)
    return zip;

  zip_error_init_with_code (&zip_error, code);
  if (code == ZIP_ER_OPEN || code == ZIP_ER_READ || code == ZIP_ER_MEMORY)
    set_unreadable_error (error, display, zip_error_strerror (&zip_error));
  else
    set_incomplete_error (error, display, zip_error_strerror (&zip_error));
  zip_error_fini (&zip_error);

  return NULL;
}

typedef struct
{
  zip_file_t  *file;
  zip_uint64_t total;
  gboolean     too_large;
} PartStream;

/* Counts the bytes really unpacked, since the sizes in a zip's directory
 * can lie. */
static int
part_read_cb (void *user_data, char *buffer, int length)
{
  PartStream *stream = user_data;
  zip_int64_t n = zip_fread (stream->file, buffer, (zip_uint64_t) length);

  if (n < 0)
    return -1;

  stream->total += (zip_uint64_t) n;
  if (stream->total > MAX_PART_SIZE)
    {
      stream->too_large = TRUE;
      return -1;
    }

  return (int) n;
}

/* The first error libxml2 reports, instead of printing it on stderr. */
typedef struct
{
  char *message;
  int   line;
} XmlProblem;

static void
xml_error_cb (void *user_data, xmlErrorPtr xml_error)
{
  XmlProblem *problem = user_data;

  if (problem->message != NULL || xml_error->level < XML_ERR_ERROR)
    return;

  problem->message = g_strstrip (g_strdup (xml_error->message != NULL ? xml_error->message : ""));
  problem->line = xml_error->line;
}

typedef struct
{
  const char    *display;
  const char    *name;
  zip_file_t    *file;
  xmlTextReader *reader;
  PartStream     stream;
  XmlProblem     problem;
  /* The thread's handlers before this part took them over. */
  xmlStructuredErrorFunc saved_handler;
  void                  *saved_context;
  xmlGenericErrorFunc    saved_generic;
  void                  *saved_generic_context;
} Part;

/* libxml2's unstructured messages repeat what xml_error_cb keeps. */
static void G_GNUC_PRINTF (2, 3) xml_silence (void *context, const char *format, ...) {}

static void
part_close (Part *part)
{
  if (part->reader != NULL)
    {
      xmlSetStructuredErrorFunc (part->saved_context, part->saved_handler);
      xmlSetGenericErrorFunc (part->saved_generic_context, part->saved_generic);
    }
  g_clear_pointer (&part->reader, xmlFreeTextReader);
  g_clear_pointer (&part->file, zip_fclose);
  g_clear_pointer (&part->problem.message, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Part, part_close)

static void
set_too_large_error (GError **error, const char *display, const char *name)
{
  g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_DAMAGED,
               _("The part “%s” of “%s” would unpack to more than 512 MiB, far more than "
                  "any real table. The file is damaged or not a real workbook; open it in "
                  "WPS or Excel and save it again, or ask for a new copy."),
               name, display);
}

/* Opens a part of the workbook for streaming. Returns FALSE without an
 * error when an optional part is missing. */
static gboolean
part_open (Part       *part,
           zip_t      *zip,
           const char *display,
           const char *name,
           gboolean    required,
           GError    **error)
{
  zip_stat_t  info;
  zip_int64_t index;

  part->display = display;
  part->name = name;

  index = zip_name_locate (zip, name, ZIP_FL_NOCASE);
  if (index < 0)
    {
      if (required)
        g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_DAMAGED,
                     _("The workbook “%s” lacks its part “%s”. Open it in WPS or Excel and "
                        "save it again."),
                     display, name);
      return FALSE;
    }

  zip_stat_init (&info);
  if (zip_stat_index (zip, (zip_uint64_t) index, 0, &info) == 0 &&
      (info.valid & ZIP_STAT_SIZE) != 0 && info.size > MAX_PART_SIZE)
    {
      set_too_large_error (error, display, name);
      return FALSE;
    }

  part->file = zip_fopen_index (zip, (zip_uint64_t) index, 0);
  if (part->file == NULL)
    {
      set_incomplete_error (error, display, zip_strerror (zip));
      return FALSE;
    }

  part->stream.file = part->file;
  part->reader = xmlReaderForIO (part_read_cb, NULL, &part->stream, name, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (part->reader == NULL)
    {
      set_incomplete_error (error, display, name);
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (part->reader, xml_error_cb, &part->problem);
  /* Encoding errors are raised without the reader: they reach the
   * thread's handler, which would print them on stderr. */
  part->saved_handler = xmlStructuredError;
  part->saved_context = xmlStructuredErrorContext;
  part->saved_generic = xmlGenericError;
  part->saved_generic_context = xmlGenericErrorContext;
  xmlSetStructuredErrorFunc (&part->problem, xml_error_cb);
  xmlSetGenericErrorFunc (NULL, xml_silence);

  return TRUE;
}

static void
set_part_error (Part *part, GError **error)
{
  if (part->stream.too_large)
    set_too_large_error (error, part->display, part->name);
  else if (zip_error_code_zip (zip_file_get_error (part->file)) != ZIP_ER_OK)
    set_incomplete_error (error, part->display, zip_file_strerror (part->file));
  else
    g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_DAMAGED,
                 _("The workbook “%s” is damaged: its part “%s” is not valid XML (line %d: "
                    "%s). Open it in WPS or Excel and save it again."),
                 part->display, part->name, part->problem.line,
                 part->problem.message != NULL ? part->problem.message : "?");
}

/* Moves to the next node; FALSE at the end or on an error, which
 * part_finish then reports. */
static inline gboolean
part_next (Part *part, int *status)
{
  *status = xmlTextReaderRead (part->reader);
  return *status == 1;
}

static gboolean
part_finish (Part *part, int status, GError **error)
{
  if (status < 0)
    {
      set_part_error (part, error);
      return FALSE;
    }

  return TRUE;
}

static inline const char *
node_name (Part *part)
{
  return (const char *) xmlTextReaderConstLocalName (part->reader);
}

static inline gboolean
is_start (Part *part, const char *name)
{
  return xmlTextReaderNodeType (part->reader) == XML_READER_TYPE_ELEMENT &&
         strcmp (node_name (part), name) == 0;
}

static inline gboolean
is_end (Part *part, const char *name)
{
  return xmlTextReaderNodeType (part->reader) == XML_READER_TYPE_END_ELEMENT &&
         strcmp (node_name (part), name) == 0;
}

static inline gboolean
is_text (Part *part)
{
  switch (xmlTextReaderNodeType (part->reader))
    {
    case XML_READER_TYPE_TEXT:
    case XML_READER_TYPE_CDATA:
    case XML_READER_TYPE_WHITESPACE:
    case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Returns a copy of an attribute by its local name, whatever its prefix:
 * some writers put every element and attribute in a namespace prefix. */
static char *
dup_attribute (Part *part, const char *name)
{
  char *value = NULL;

  if (xmlTextReaderMoveToFirstAttribute (part->reader) != 1)
    return NULL;

  do
    {
      if (strcmp ((const char *) xmlTextReaderConstLocalName (part->reader), name) == 0)
        {
          value = g_strdup ((const char *) xmlTextReaderConstValue (part->reader));
          break;
        }
    }
  while (xmlTextReaderMoveToNextAttribute (part->reader) == 1);

  xmlTextReaderMoveToElement (part->reader);
  return value;
}

/* Excel writes control characters as _xHHHH_ (and a literal "_x" as
 * _x005F_x), most often _x000D_ before a line break in a cell. */
static void
unescape_ooxml (GString *text)
{
  gsize out = 0;

  if (strstr (text->str, "_x") == NULL)
    return;

  for (gsize in = 0; in < text->len;)
    {
      if (text->str[in] == '_' && in + 7 <= text->len && text->str[in + 1] == 'x' &&
          g_ascii_isxdigit (text->str[in + 2]) && g_ascii_isxdigit (text->str[in + 3]) &&
          g_ascii_isxdigit (text->str[in + 4]) && g_ascii_isxdigit (text->str[in + 5]) &&
          text->str[in + 6] == '_')
        {
          gunichar c = (g_ascii_xdigit_value (text->str[in + 2]) << 12) |
                       (g_ascii_xdigit_value (text->str[in + 3]) << 8) |
                       (g_ascii_xdigit_value (text->str[in + 4]) << 4) |
                       g_ascii_xdigit_value (text->str[in + 5]);

          if (c != 0 && g_unichar_validate (c))
            {
              /* A UTF-8 sequence for a BMP character is at most 3 bytes, less
               * than the 7 it replaces, so writing in place is safe. */
              out += g_unichar_to_utf8 (c, text->str + out);
              in += 7;
              continue;
            }
        }
      text->str[out++] = text->str[in++];
    }

  g_string_truncate (text, out);
}

typedef struct
{
  GPtrArray *sheet_names;
  GPtrArray *sheet_parts;
  gboolean   date1904;

  /* Shared strings, NUL-separated, and where each starts. */
  GString *strings;
  GArray  *string_offsets;

  /* Per cell style (the s attribute): does it show a date. */
  GArray *date_styles;
} Workbook;

static void
workbook_clear (Workbook *workbook)
{
  g_clear_pointer (&workbook->sheet_names, g_ptr_array_unref);
  g_clear_pointer (&workbook->sheet_parts, g_ptr_array_unref);
  if (workbook->strings != NULL)
    g_string_free (g_steal_pointer (&workbook->strings), TRUE);
  g_clear_pointer (&workbook->string_offsets, g_array_unref);
  g_clear_pointer (&workbook->date_styles, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Workbook, workbook_clear)

/* Resolves a relationship target against the xl/ folder: "worksheets/a.xml"
 * and "/xl/worksheets/a.xml" both name xl/worksheets/a.xml. */
static char *
resolve_target (const char *target)
{
  g_autoptr (GPtrArray) segments = g_ptr_array_new ();
  g_auto (GStrv) parts = NULL;
  g_autofree char *joined = NULL;

  if (target[0] == '/')
    joined = g_strdup (target + 1);
  else
    joined = g_strconcat ("xl/", target, NULL);

  parts = g_strsplit (joined, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (segments->len > 0)
            g_ptr_array_remove_index (segments, segments->len - 1);
          continue;
        }
      g_ptr_array_add (segments, parts[i]);
    }
  g_ptr_array_add (segments, NULL);

  return g_strjoinv ("/", (char **) segments->pdata);
}

static gboolean
read_relationships (zip_t *zip, const char *display, GHashTable *targets, GError **error)
{
  g_auto (Part) part = { 0 };
  int status = 0;

  if (!part_open (&part, zip, display, "xl/_rels/workbook.xml.rels", TRUE, error))
    return FALSE;

  while (part_next (&part, &status))
    {
      g_autofree char *id = NULL;
      g_autofree char *target = NULL;
      g_autofree char *mode = NULL;

      if (!is_start (&part, "Relationship"))
        continue;

      id = dup_attribute (&part, "Id");
      target = dup_attribute (&part, "Target");
      mode = dup_attribute (&part, "TargetMode");
      if (id != NULL && target != NULL && g_strcmp0 (mode, "External") != 0)
        g_hash_table_insert (targets, g_steal_pointer (&id), resolve_target (target));
    }

  return part_finish (&part, status, error);
}

static gboolean
read_workbook (zip_t *zip, const char *display, Workbook *workbook, GError **error)
{
  g_auto (Part) part = { 0 };
  g_autoptr (GHashTable) targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  int status = 0;

  /* Without this part it is some other zip, not a damaged workbook. */
  if (zip_name_locate (zip, "xl/workbook.xml", ZIP_FL_NOCASE) < 0)
    {
      set_not_workbook_error (error, display);
      return FALSE;
    }

  if (!part_open (&part, zip, display, "xl/workbook.xml", TRUE, error))
    return FALSE;

  workbook->sheet_names = g_ptr_array_new_with_free_func (g_free);
  workbook->sheet_parts = g_ptr_array_new_with_free_func (g_free);

  while (part_next (&part, &status))
    {
      if (is_start (&part, "workbookPr"))
        {
          g_autofree char *date1904 = dup_attribute (&part, "date1904");

          workbook->date1904 = g_strcmp0 (date1904, "1") == 0 || g_strcmp0 (date1904, "true") == 0;
        }
      else if (is_start (&part, "sheet"))
        {
          char *name = dup_attribute (&part, "name");
          char *id = dup_attribute (&part, "id");

          g_ptr_array_add (workbook->sheet_names, name != NULL ? name : g_strdup (""));
          g_ptr_array_add (ids, id != NULL ? id : g_strdup (""));
        }
      else if (is_end (&part, "sheets"))
        {
          break;
        }
    }

  if (!part_finish (&part, status, error))
    return FALSE;

  if (workbook->sheet_names->len == 0)
    {
      g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_DAMAGED,
                   _("The workbook “%s” has no sheets. Open it in WPS or Excel and save it "
                      "again."),
                   display);
      return FALSE;
    }

  if (!read_relationships (zip, display, targets, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      const char *target = g_hash_table_lookup (targets, g_ptr_array_index (ids, i));

      g_ptr_array_add (workbook->sheet_parts, g_strdup (target));
    }

  return TRUE;
}

static gboolean
read_shared_strings (zip_t *zip, const char *display, Workbook *workbook, GError **error)
{
  g_auto (Part) part = { 0 };
  g_autoptr (GString) item = g_string_new (NULL);
  g_autoptr (GError) local_error = NULL;
  gboolean in_item = FALSE;
  gboolean in_text = FALSE;
  guint    phonetic_depth = 0;
  int      status = 0;

  workbook->strings = g_string_new (NULL);
  workbook->string_offsets = g_array_new (FALSE, FALSE, sizeof (gsize));

  if (!part_open (&part, zip, display, "xl/sharedStrings.xml", FALSE, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  while (part_next (&part, &status))
    {
      int type = xmlTextReaderNodeType (part.reader);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          const char *name = node_name (&part);
          gboolean    empty = xmlTextReaderIsEmptyElement (part.reader);

          if (strcmp (name, "si") == 0)
            {
              g_string_truncate (item, 0);
              in_item = !empty;
              if (empty)
                {
                  gsize offset = workbook->strings->len;

                  g_string_append_c (workbook->strings, '\0');
                  g_array_append_val (workbook->string_offsets, offset);
                }
            }
          /* Phonetic guides (furigana) are not part of the text. */
          else if (strcmp (name, "rPh") == 0 && !empty)
            phonetic_depth++;
          else if (strcmp (name, "t") == 0 && !empty)
            in_text = in_item && phonetic_depth == 0;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          const char *name = node_name (&part);

          if (strcmp (name, "t") == 0)
            in_text = FALSE;
          else if (strcmp (name, "rPh") == 0 && phonetic_depth > 0)
            phonetic_depth--;
          else if (strcmp (name, "si") == 0 && in_item)
            {
              gsize offset = workbook->strings->len;

              unescape_ooxml (item);
              g_string_append_len (workbook->strings, item->str, item->len);
              g_string_append_c (workbook->strings, '\0');
              g_array_append_val (workbook->string_offsets, offset);
              in_item = FALSE;
            }
        }
      else if (in_text && is_text (&part))
        {
          g_string_append (item, (const char *) xmlTextReaderConstValue (part.reader));
        }
    }

  return part_finish (&part, status, error);
}

/* Tells a date format from a time, number or text format: what is left
 * after dropping quoted text, escapes, [colour] and [$-804] sections has a
 * year or day, or a month that is not minutes next to hours or seconds. */
static gboolean
format_code_is_date (const char *code)
{
  gboolean has_date = FALSE;
  gboolean has_month = FALSE;
  gboolean has_time = FALSE;

  for (const char *p = code; *p != '\0'; p++)
    {
      switch (g_ascii_tolower (*p))
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            return has_date || (has_month && !has_time);
          break;
        case '\\':
        case '_':
        case '*':
          if (p[1] != '\0')
            p++;
          break;
        case '[':
          p = strchr (p + 1, ']');
          if (p == NULL)
            return has_date || (has_month && !has_time);
          break;
        case 'y':
        case 'd':
          has_date = TRUE;
          break;
        case 'm':
          has_month = TRUE;
          break;
        case 'h':
        case 's':
          has_time = TRUE;
          break;
        default:
          break;
        }
    }

  return has_date || (has_month && !has_time);
}

static gboolean
builtin_format_is_date (guint id)
{
  /* 14–22 and 45–47 are the dates and times of every locale; 27–31, 36,
   * 50–54, 57 and 58 are the Chinese (and Japanese) year-month-day formats
   * that WPS and Excel reference without writing out their code. */
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 31) || id == 36 ||
         (id >= 50 && id <= 54) || id == 57 || id == 58;
}

static gboolean
read_styles (zip_t *zip, const char *display, Workbook *workbook, GError **error)
{
  g_auto (Part) part = { 0 };
  g_autoptr (GHashTable) custom_dates = g_hash_table_new (NULL, NULL);
  g_autoptr (GError) local_error = NULL;
  gboolean in_cell_xfs = FALSE;
  int      status = 0;

  workbook->date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));

  if (!part_open (&part, zip, display, "xl/styles.xml", FALSE, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  while (part_next (&part, &status))
    {
      if (is_start (&part, "numFmt"))
        {
          g_autofree char *id = dup_attribute (&part, "numFmtId");
          g_autofree char *code = dup_attribute (&part, "formatCode");

          if (id != NULL && code != NULL)
            g_hash_table_insert (custom_dates, GUINT_TO_POINTER (strtoul (id, NULL, 10)),
                                 GINT_TO_POINTER (format_code_is_date (code) ? 2 : 1));
        }
      else if (is_start (&part, "cellXfs"))
        {
          in_cell_xfs = !xmlTextReaderIsEmptyElement (part.reader);
        }
      else if (is_end (&part, "cellXfs"))
        {
          break;
        }
      else if (in_cell_xfs && is_start (&part, "xf"))
        {
          g_autofree char *id_text = dup_attribute (&part, "numFmtId");
          guint            id = id_text != NULL ? strtoul (id_text, NULL, 10) : 0;
          int custom = GPOINTER_TO_INT (g_hash_table_lookup (custom_dates, GUINT_TO_POINTER (id)));
          gboolean is_date = custom != 0 ? custom == 2 : builtin_format_is_date (id);

          g_array_append_val (workbook->date_styles, is_date);
        }
    }

  return part_finish (&part, status, error);
}

/* Writes an integer from its decimal text exactly: "1.30582000012345E+14"
 * becomes "130582000012345" without the rounding of a double. Returns
 * FALSE when the text has a fraction after all. */
static gboolean
append_integer_text (GString *out, const char *text)
{
  g_autoptr (GString) digits = g_string_new (NULL);
  const char *p = text;
  gboolean    negative = FALSE;
  long        point = -1;
  long        exponent = 0;
  gsize       start;

  if (*p == '-' || *p == '+')
    negative = *p++ == '-';

  for (; g_ascii_isdigit (*p) || *p == '.'; p++)
    {
      if (*p == '.')
        point = (long) digits->len;
      else
        g_string_append_c (digits, *p);
    }
  if (point < 0)
    point = (long) digits->len;
  if (*p == 'e' || *p == 'E')
    exponent = CLAMP (strtol (p + 1, NULL, 10), -1000, 1000);

  /* Beyond 21 digits no one reads a number digit by digit any more; the
   * exponent form says more. */
  point += exponent;
  if (point > 21)
    return FALSE;

  for (gsize i = MAX (point, 0); i < digits->len; i++)
    {
      if (digits->str[i] != '0')
        return FALSE;
    }

  if (point <= 0)
    {
      g_string_append_c (out, '0');
      return TRUE;
    }

  if ((gsize) point < digits->len)
    g_string_truncate (digits, point);
  while (digits->len < (gsize) point)
    g_string_append_c (digits, '0');

  start = 0;
  while (start + 1 < digits->len && digits->str[start] == '0')
    start++;

  if (negative && !(digits->len - start == 1 && digits->str[start] == '0'))
    g_string_append_c (out, '-');
  g_string_append (out, digits->str + start);
  return TRUE;
}

static gboolean
append_date (GString *out, double serial, gboolean date1904)
{
  double days = floor (serial);
  GDate  date;

  g_date_clear (&date, 1);

  if (date1904)
    {
      if (days < 0 || days > 2957003)
        return FALSE;
      g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1904);
    }
  else
    {
      /* Excel counts 29 February 1900, which never was, as serial 60. */
      if (days < 1 || days > 2958465)
        return FALSE;
      if (days == 60)
        {
          g_string_append (out, "1900-02-29");
          return TRUE;
        }
      g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 1899);
      if (days > 60)
        days -= 1;
    }

  g_date_add_days (&date, (guint) days);
  g_string_append_printf (out, "%04u-%02u-%02u", (guint) g_date_get_year (&date),
                          (guint) g_date_get_month (&date), (guint) g_date_get_day (&date));
  return TRUE;
}

static void
append_number (GString *out, const char *text, gboolean is_date, gboolean date1904)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };
  char                     buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char                    *end = NULL;
  double                   value;

  while (g_ascii_isspace (*text))
    text++;

  value = g_ascii_strtod (text, &end);
  if (end != NULL)
    {
      while (g_ascii_isspace (*end))
        end++;
    }
  /* strtod also reads hexadecimal and "inf", which no cell means. */
  if (end == NULL || end == text || *end != '\0' || !isfinite (value) ||
      strpbrk (text, "xXnN") != NULL)
    {
      g_string_append (out, text);
      return;
    }

  if (is_date && append_date (out, value, date1904))
    return;

  if (value == floor (value) && append_integer_text (out, text))
    return;

  /* The shortest text that reads back as the same number. */
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, sizeof buffer, formats[i], value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

typedef enum
{
  CELL_NUMBER,
  CELL_SHARED,
  CELL_STRING,
  CELL_INLINE,
  CELL_BOOLEAN,
  CELL_ERROR,
  CELL_DATE,
} CellType;

static CellType
parse_cell_type (const char *t)
{
  if (t == NULL || strcmp (t, "n") == 0)
    return CELL_NUMBER;
  if (strcmp (t, "s") == 0)
    return CELL_SHARED;
  if (strcmp (t, "inlineStr") == 0)
    return CELL_INLINE;
  if (strcmp (t, "b") == 0)
    return CELL_BOOLEAN;
  if (strcmp (t, "e") == 0)
    return CELL_ERROR;
  if (strcmp (t, "d") == 0)
    return CELL_DATE;
  return CELL_STRING;
}

/* "B12" → column 1; returns -1 when there are no letters. */
static int
parse_column (const char *reference)
{
  int column = 0;
  int letters = 0;

  for (const char *p = reference; g_ascii_isalpha (*p) && letters < 4; p++, letters++)
    column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);

  return letters > 0 ? column - 1 : -1;
}

static char *
format_cell_reference (guint column, guint row)
{
  char  letters[8];
  guint n = G_N_ELEMENTS (letters) - 1;

  letters[n] = '\0';
  for (column++; column > 0 && n > 0; column = (column - 1) / 26)
    letters[--n] = 'A' + (column - 1) % 26;

  return g_strdup_printf ("%s%u", letters + n, row);
}

typedef struct
{
  SuijiTable *table;
  Workbook   *workbook;

  /* The row being read; cells are placed by column. */
  guint   row_number;
  GArray *row_cells; /* gsize offsets; 0 for no value */
  guint   row_width;

  /* The cell being read. */
  int      column;
  CellType type;
  guint    style;
  gboolean in_value;
  gboolean in_inline;
  gboolean in_text;
  guint    phonetic_depth;
  GString *value;
  GString *formatted;
} SheetState;

static void
sheet_emit_row (SheetState *state)
{
  gsize first = state->table->cells->len;

  g_array_append_vals (state->table->cells, state->row_cells->data, state->row_width);
  memset (state->row_cells->data, 0, state->row_width * sizeof (gsize));
  state->row_width = 0;
  table_add_row (state->table, first, state->row_number);
}

static gboolean
sheet_finish_cell (SheetState *state, const char *display, GError **error)
{
  GString *out = state->formatted;
  gsize    offset;

  g_string_truncate (out, 0);

  switch (state->type)
    {
    case CELL_SHARED:
      {
        char   *end = NULL;
        guint64 index = g_ascii_strtoull (state->value->str, &end, 10);

        if (state->value->len == 0)
          break;
        if (*end != '\0' || index >= state->workbook->string_offsets->len)
          {
            g_autofree char *reference = format_cell_reference (state->column, state->row_number);

            g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_DAMAGED,
                         _("The workbook “%s” is damaged: cell %s refers to a text that is not "
                            "in the file. Open it in WPS or Excel and save it again."),
                         display, reference);
            return FALSE;
          }
        g_string_append (out, state->workbook->strings->str +
                                  g_array_index (state->workbook->string_offsets, gsize, index));
      }
      break;
    case CELL_STRING:
    case CELL_INLINE:
      unescape_ooxml (state->value);
      g_string_append_len (out, state->value->str, state->value->len);
      break;
    case CELL_BOOLEAN:
      if (state->value->len > 0)
        g_string_append (out, strtol (state->value->str, NULL, 10) != 0 ? "TRUE" : "FALSE");
      break;
    case CELL_ERROR:
      g_string_append_len (out, state->value->str, state->value->len);
      break;
    case CELL_DATE:
      {
        const char *time = strchr (state->value->str, 'T');

        g_string_append_len (out, state->value->str,
                             time != NULL ? (gsize) (time - state->value->str) : state->value->len);
      }
      break;
    case CELL_NUMBER:
    default:
      if (state->value->len > 0)
        {
          gboolean is_date = state->style < state->workbook->date_styles->len &&
                             g_array_index (state->workbook->date_styles, gboolean, state->style);

          append_number (out, state->value->str, is_date, state->workbook->date1904);
        }
      break;
    }

  /* Formatted but empty cells do not widen the table. */
  if (out->len == 0)
    return TRUE;

  offset = table_add_text (state->table, out->str, out->len);
  if ((guint) state->column >= state->row_cells->len)
    g_array_set_size (state->row_cells, MAX ((guint) state->column + 1, state->row_cells->len * 2));
  g_array_index (state->row_cells, gsize, state->column) = offset;
  state->row_width = MAX (state->row_width, (guint) state->column + 1);

  return TRUE;
}

/* Reads r, t and s of a <c> without copying them: a large sheet has
 * millions of cells. */
static gboolean
sheet_start_cell (SheetState *state, Part *part, const char *display, GError **error)
{
  xmlTextReader *reader = part->reader;
  int            column = state->column + 1;

  state->type = CELL_NUMBER;
  state->style = 0;
  g_string_truncate (state->value, 0);

  if (xmlTextReaderMoveToFirstAttribute (reader) == 1)
    {
      do
        {
          const char *name = (const char *) xmlTextReaderConstLocalName (reader);
          const char *value = (const char *) xmlTextReaderConstValue (reader);

          if (value == NULL)
            continue;
          if (strcmp (name, "r") == 0)
            {
              int parsed = parse_column (value);

              if (parsed >= 0)
                column = parsed;
            }
          else if (strcmp (name, "t") == 0)
            state->type = parse_cell_type (value);
          else if (strcmp (name, "s") == 0)
            state->style = strtoul (value, NULL, 10);
        }
      while (xmlTextReaderMoveToNextAttribute (reader) == 1);
      xmlTextReaderMoveToElement (reader);
    }

  if (column >= MAX_COLUMNS)
    {
      g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_DAMAGED,
                   _("The workbook “%s” is damaged: row %u has a cell beyond Excel’s last "
                      "column. Open it in WPS or Excel and save it again."),
                   display, state->row_number);
      return FALSE;
    }

  state->column = column;
  return TRUE;
}

static gboolean
read_sheet (zip_t        *zip,
            const char   *display,
            Workbook     *workbook,
            const char   *part_name,
            SuijiTable   *table,
            GCancellable *cancellable,
            GError      **error)
{
  g_auto (Part) part = { 0 };
  g_autoptr (GArray) row_cells = g_array_new (FALSE, TRUE, sizeof (gsize));
  g_autoptr (GString) value = g_string_new (NULL);
  g_autoptr (GString) formatted = g_string_new (NULL);
  SheetState state = { 0 };
  guint      last_row = 0;
  gboolean   in_row = FALSE;
  int        status = 0;

  if (!part_open (&part, zip, display, part_name, TRUE, error))
    return FALSE;

  state.table = table;
  state.workbook = workbook;
  state.row_cells = row_cells;
  state.value = value;
  state.formatted = formatted;
  g_array_set_size (row_cells, 64);

  while (part_next (&part, &status))
    {
      int type = xmlTextReaderNodeType (part.reader);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          const char *name = node_name (&part);
          gboolean    empty = xmlTextReaderIsEmptyElement (part.reader);

          if (strcmp (name, "c") == 0 && in_row)
            {
              if (!sheet_start_cell (&state, &part, display, error))
                return FALSE;
              if (empty && !sheet_finish_cell (&state, display, error))
                return FALSE;
            }
          else if (strcmp (name, "v") == 0)
            state.in_value = !empty;
          else if (strcmp (name, "is") == 0)
            state.in_inline = !empty;
          else if (strcmp (name, "rPh") == 0 && !empty)
            state.phonetic_depth++;
          else if (strcmp (name, "t") == 0)
            state.in_text = !empty && state.in_inline && state.phonetic_depth == 0;
          else if (strcmp (name, "row") == 0)
            {
              g_autofree char *number = dup_attribute (&part, "r");
              guint64          parsed = number != NULL ? g_ascii_strtoull (number, NULL, 10) : 0;

              /* Rows without a number follow the one before. */
              state.row_number = parsed > 0 && parsed <= G_MAXUINT ? (guint) parsed : last_row + 1;
              last_row = state.row_number;
              state.column = -1;
              in_row = TRUE;
              if (empty)
                {
                  sheet_emit_row (&state);
                  in_row = FALSE;
                }
            }
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          const char *name = node_name (&part);

          if (strcmp (name, "c") == 0 && in_row)
            {
              if (!sheet_finish_cell (&state, display, error))
                return FALSE;
            }
          else if (strcmp (name, "v") == 0)
            state.in_value = FALSE;
          else if (strcmp (name, "is") == 0)
            state.in_inline = FALSE;
          else if (strcmp (name, "rPh") == 0 && state.phonetic_depth > 0)
            state.phonetic_depth--;
          else if (strcmp (name, "t") == 0)
            state.in_text = FALSE;
          else if (strcmp (name, "row") == 0 && in_row)
            {
              sheet_emit_row (&state);
              in_row = FALSE;
              if (table->rows->len % CANCEL_CHECK_ROWS == 0 &&
                  g_cancellable_is_cancelled (cancellable))
                {
                  g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_CANCELLED,
                               _("Reading “%s” was cancelled."), display);
                  return FALSE;
                }
            }
          /* Merged cells, print settings and the rest hold no values. */
          else if (strcmp (name, "sheetData") == 0)
            break;
        }
      else if ((state.in_value || state.in_text) && is_text (&part))
        {
          g_string_append (state.value, (const char *) xmlTextReaderConstValue (part.reader));
        }
    }

  return part_finish (&part, status, error);
}

static char *
join_sheet_names (GPtrArray *names)
{
  g_autoptr (GString) joined = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (joined, ", ");
      g_string_append_printf (joined, "%u “%s”", i + 1,
                              (const char *) g_ptr_array_index (names, i));
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static SuijiTable *
read_xlsx (const char                  *path,
           const char                  *display,
           const SuijiTableReadOptions *options,
           GCancellable                *cancellable,
           GError                     **error)
{
  g_autoptr (zip_t) zip = NULL;
  g_auto (Workbook) workbook = { 0 };
  g_autoptr (SuijiTable) table = NULL;
  const char *part_name;
  guint       sheet;

  zip = open_zip (path, display, error);
  if (zip == NULL)
    return NULL;

  if (!read_workbook (zip, display, &workbook, error))
    return NULL;

  if (options->sheet < -1 || options->sheet >= (int) workbook.sheet_names->len)
    {
      g_autofree char *names = join_sheet_names (workbook.sheet_names);

      g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_NO_SUCH_SHEET,
                   _("The workbook “%s” has no sheet number %d. Its sheets are: %s. Choose "
                      "one of these."),
                   display, options->sheet + 1, names);
      return NULL;
    }

  sheet = options->sheet < 0 ? 0 : (guint) options->sheet;
  part_name = g_ptr_array_index (workbook.sheet_parts, sheet);
  if (part_name == NULL)
    {
      g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_DAMAGED,
                   _("The workbook “%s” is damaged: the sheet “%s” has no content in the file. "
                      "Open it in WPS or Excel and save it again."),
                   display, (const char *) g_ptr_array_index (workbook.sheet_names, sheet));
      return NULL;
    }

  if (!read_shared_strings (zip, display, &workbook, error) ||
      !read_styles (zip, display, &workbook, error))
    return NULL;

  table = table_new ("xlsx", 0);
  table->sheet_name = g_strdup (g_ptr_array_index (workbook.sheet_names, sheet));
  if (!read_sheet (zip, display, &workbook, part_name, table, cancellable, error))
    return NULL;

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_CANCELLED,
                   _("Reading “%s” was cancelled."), display);
      return NULL;
    }

  table_finish (table);
  if (table->rows->len == 0)
    {
      g_set_error (error, SUIJI_TABLE_ERROR, SUIJI_TABLE_ERROR_EMPTY,
                   _("The sheet “%s” of “%s” holds no data. Choose the sheet that holds the "
                      "list."),
                   table->sheet_name, display);
      return NULL;
    }

  return g_steal_pointer (&table);
}

/**
 * suiji_table_read_file:
 * @path: the file to read, in the file name encoding
 * @options: (nullable): the encoding and sheet; %NULL guesses the encoding
 *   and reads the first sheet
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #SuijiTableError
 *
 * Reads a CSV file or an Excel workbook into rows of text cells. The format
 * is told by the content, not the file name.
 *
 * Returns: (transfer full) (nullable): the table, or %NULL with @error set
 */
SuijiTable *
suiji_table_read_file (const char                  *path,
                       const SuijiTableReadOptions *options,
                       GCancellable                *cancellable,
                       GError                     **error)
{
  static const SuijiTableReadOptions defaults = { SUIJI_TABLE_ENCODING_AUTO, -1 };
  g_autofree char                   *display = NULL;
  SniffedFormat                      format;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  display = g_filename_display_name (path);
  if (!sniff_file (path, display, &format, error))
    return NULL;

  switch (format)
    {
    case SNIFFED_ZIP:
      return read_xlsx (path, display, options, cancellable, error);
    case SNIFFED_CSV:
      return read_csv (path, display, options, cancellable, error);
    case SNIFFED_BINARY:
    default:
      set_binary_error (error, display);
      return NULL;
    }
}

/**
 * suiji_table_list_sheets:
 * @path: the file, in the file name encoding
 * @error: return location for a #SuijiTableError
 *
 * Lists the sheets of a workbook in workbook order. A CSV file has one
 * sheet, named after the file.
 *
 * Returns: (transfer full) (nullable): the sheet names, or %NULL with @error set
 */
GStrv
suiji_table_list_sheets (const char *path, GError **error)
{
  g_autofree char *display = NULL;
  g_autoptr (zip_t) zip = NULL;
  g_auto (Workbook) workbook = { 0 };
  SniffedFormat format;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);
  if (!sniff_file (path, display, &format, error))
    return NULL;

  if (format == SNIFFED_BINARY)
    {
      set_binary_error (error, display);
      return NULL;
    }

  if (format == SNIFFED_CSV)
    {
      char **names = g_new0 (char *, 2);

      names[0] = g_filename_display_basename (path);
      return names;
    }

  zip = open_zip (path, display, error);
  if (zip == NULL || !read_workbook (zip, display, &workbook, error))
    return NULL;

  g_ptr_array_add (workbook.sheet_names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&workbook.sheet_names), FALSE);
}

void
suiji_table_free (SuijiTable *table)
{
  if (table == NULL)
    return;

  g_string_free (table->text, TRUE);
  g_array_unref (table->cells);
  g_array_unref (table->rows);
  g_free (table->sheet_name);
  g_free (table);
}

guint
suiji_table_get_n_rows (SuijiTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->rows->len;
}

/**
 * suiji_table_get_n_columns:
 * @table: a #SuijiTable
 *
 * Returns: the number of cells in the widest row
 */
guint
suiji_table_get_n_columns (SuijiTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->n_columns;
}

/**
 * suiji_table_get_cell:
 * @table: a #SuijiTable
 * @row: a row index, below suiji_table_get_n_rows()
 * @column: any column index
 *
 * Returns: (transfer none): the cell text, "" beyond the end of the row
 */
const char *
suiji_table_get_cell (SuijiTable *table, guint row, guint column)
{
  const Row *r;

  g_return_val_if_fail (table != NULL, "");
  g_return_val_if_fail (row < table->rows->len, "");

  r = &g_array_index (table->rows, Row, row);
  if (column >= r->n_cells)
    return "";

  return table->text->str + g_array_index (table->cells, gsize, r->first_cell + column);
}

/**
 * suiji_table_get_source_row:
 * @table: a #SuijiTable
 * @row: a row index, below suiji_table_get_n_rows()
 *
 * Returns: the 1-based number the user sees for this row: the line where
 *   the CSV record starts, or the row number in the sheet
 */
guint
suiji_table_get_source_row (SuijiTable *table, guint row)
{
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (row < table->rows->len, 0);

  return g_array_index (table->rows, Row, row).source_row;
}

const char *
suiji_table_get_format (SuijiTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return table->format;
}

const char *
suiji_table_get_encoding (SuijiTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return table->encoding;
}

char
suiji_table_get_delimiter (SuijiTable *table)
{
  g_return_val_if_fail (table != NULL, 0);

  return table->delimiter;
}

const char *
suiji_table_get_sheet_name (SuijiTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);

  return table->sheet_name;
}
