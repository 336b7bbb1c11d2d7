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
 * NUL-terminated. A max over SL_MAX_INPUT_SIZE counts as that size.
 * Returns 0, or -1 with errno set. */
int sl_read_fd(int fd, size_t max, size_t hint, char **out, size_t *len);

/* Reads the regular file at path (a FIFO, a device or a directory is refused
 * with EINVAL and never blocks: the file is opened non-blocking). Returns 0,
 * 1 when the file is over max bytes (nothing is read: *out is NULL and *len
 * the file's size; max as in sl_read_fd), or -1 with errno set. */
int sl_read_regular(const char *path, size_t max, char **out, size_t *len);

/* Opens path for reading. The open itself never blocks (a FIFO with no writer
 * would wait forever in a blocking open): it is non-blocking, and the file is
 * switched back to blocking reads once open, so a pipe with a writer is read
 * to its end and a FIFO without one reads as empty. Returns the descriptor
 * (close-on-exec), or -1 with errno set. */
int sl_open_read(const char *path);

/* Start-up guard for the standard descriptors: each of 0, 1 and 2 that is
 * closed gets /dev/null, opened read-only (writes to a closed stdout still
 * fail as before), so that no file the run opens later can take its number
 * and be read as stdin or written as stdout. Call it before anything opens a
 * file or starts a thread. Returns a mask of the descriptors that were closed
 * (bit 0 for stdin). */
int sl_std_fds_guard(void);

/* True when sl_std_fds_guard() found stdin closed: '-' has nothing to read. */
bool sl_stdin_was_closed(void);

#endif
