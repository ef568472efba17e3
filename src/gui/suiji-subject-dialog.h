/* suiji-subject-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "suiji-database.h"

G_BEGIN_DECLS

#define SUIJI_TYPE_SUBJECT_DIALOG (suiji_subject_dialog_get_type ())

G_DECLARE_FINAL_TYPE (SuijiSubjectDialog, suiji_subject_dialog, SUIJI, SUBJECT_DIALOG, AdwWindow)

SuijiSubjectDialog *suiji_subject_dialog_new (SuijiDatabase *db, gint64 id);
gboolean            suiji_subject_dialog_save (SuijiSubjectDialog *self, GError **error);

G_END_DECLS
