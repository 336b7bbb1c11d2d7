/*
 * Bounded reads of whole files. Every input stacklint reads goes through here,
 * so that no read grows without limit: at most max + 1 bytes are read, enough
 * to tell that an input is over the limit (the loader reports that, E0000).
 */
#ifndef SL_UTIL_READFILE_H
#define SL_UTIL_READFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Reads fd to its end, or until more than max bytes came (then *len is
 * max + 1 and the rest is left unread). `hint` is the expected size (a regular
 * file's st_size; 0 when unknown). *out is malloc'd (the caller frees it),
 * NUL-terminated. Returns 0, or -1 with errno set. */
int sl_read_fd(int fd, size_t max, size_t hint, char **out, size_t *len);

/* Reads the regular file at path (a FIFO, a device or a directory is refused
 * with EINVAL and never blocks: the file is opened non-blocking). Returns 0,
 * 1 when the file is over max bytes (nothing is read: *out is NULL and *len
 * the file's size), or -1 with errno set. */
int sl_read_regular(const char *path, size_t max, char **out, size_t *len);

#endif
