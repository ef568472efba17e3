/* replay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A main () for the harnesses without libFuzzer: runs every file of the
 * folders given (the seed corpus and the inputs of past findings) once,
 * so that the plain and sanitizer builds of every compiler keep them
 * passing. Names each file before it runs, so that a crash names it.
 */

#include "config.h"

#include <stdio.h>

#include "fuzz-common.h"

static void
collect (const char *path, GPtrArray *files)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (files, g_build_filename (path, name, NULL));
}

static int
compare_paths (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  fuzz_init ();
  for (int i = 1; i < argc; i++)
    collect (argv[i], files);
  g_ptr_array_sort (files, compare_paths);

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *contents = NULL;
      gsize            length = 0;

      if (!g_file_get_contents (files->pdata[i], &contents, &length, NULL))
        {
          printf ("%s: unreadable\n", (const char *) files->pdata[i]);
          return 1;
        }
      printf ("%s\n", (const char *) files->pdata[i]);
      fflush (stdout);
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
    }

  printf ("replayed %u inputs\n", files->len);
  return files->len > 0 ? 0 : 1;
}
