/* path.h - file names worked out lexically: absolute, and relative to a directory */
#ifndef DL_PATH_H
#define DL_PATH_H

/* path made absolute against the current directory, with ".", ".." and repeated slashes
 * resolved lexically (symbolic links are not followed); caller frees. */
char *dl_path_absolute(const char *path);
/* path relative to the absolute directory base, with "../" where it lies outside; caller frees. */
char *dl_path_relative(const char *base, const char *path);

#endif
