/* path.h - file names worked out lexically: absolute, and relative to a directory */
#ifndef DL_PATH_H
#define DL_PATH_H

#include <stdbool.h>

/* path made absolute against the current directory, with ".", ".." and repeated slashes
 * resolved lexically (symbolic links are not followed); caller frees. */
char *dl_path_absolute(const char *path);
/* path relative to the absolute directory base, with "../" where it lies outside; caller frees. */
char *dl_path_relative(const char *base, const char *path);

/* The directory part of a file name: "." when it has none, "/" for a file in the root; caller frees. */
char *dl_path_dir(const char *path);
/* Is path dir itself or inside it, at any depth (both absolute and clean, e.g. real paths)? */
bool dl_path_within(const char *path, const char *dir);

#endif
