/* suiji-fields.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The words staff write in these fields, mapped onto the stored values. */
const char *suiji_fields_normalize_subject_type (const char *text);
const char *suiji_fields_normalize_status (const char *text);
char       *suiji_fields_normalize_credit_class (const char *text, const char *const *known_codes);
const char *suiji_fields_normalize_item_category (const char *text);
int         suiji_fields_parse_boolean (const char *text);
char       *suiji_fields_normalize_date (const char *text);
char       *suiji_fields_clean_text (const char *text);
const char *const *suiji_fields_subject_types (void);
const char *const *suiji_fields_statuses (void);
gboolean           suiji_fields_status_is_active (const char *status);
char              *suiji_fields_clean_heading (const char *text);
guint              suiji_fields_guess_columns (const char *const *const *headings,
                                               guint                     n_fields,
                                               const char *const        *cells,
                                               guint                     n_cells,
                                               int                      *columns);

G_END_DECLS
