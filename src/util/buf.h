/*
 * Growable byte buffer used for all output and for building messages.
 * Allocation failure is sticky: the buffer records it in `oom` and further
 * appends are ignored, so callers check once at the end.
 */
#ifndef SL_UTIL_BUF_H
#define SL_UTIL_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct sl_buf {
	char *data; /* always NUL-terminated when len > 0 or after sl_buf_cstr() */
	size_t len;
	size_t cap;
	bool oom;
	FILE *sink;     /* when set, sl_buf_drain() and sl_buf_flush() move what is held here */
	int sink_error; /* the errno of the first failed write to sink, else 0 */
};

#define SL_BUF_INIT { NULL, 0, 0, false, NULL, 0 }

/* A buffer with a sink holds at most about this much between drains. */
#define SL_BUF_DRAIN_AT ((size_t)64 * 1024)

void sl_buf_put(struct sl_buf *b, const void *p, size_t n);
void sl_buf_puts(struct sl_buf *b, const char *s);
void sl_buf_putc(struct sl_buf *b, char c);
void sl_buf_printf(struct sl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s (n bytes) as the inside of a JSON string literal (no quotes). */
void sl_buf_json_escape(struct sl_buf *b, const char *s, size_t n);
/* Appends s with &, <, >, " and ' escaped for XML text and attributes. */
void sl_buf_xml_escape(struct sl_buf *b, const char *s, size_t n);
/* Returns a NUL-terminated view (an empty string for an empty buffer). */
const char *sl_buf_cstr(struct sl_buf *b);
/* For a buffer with a sink: writes what it holds to the sink once that is
 * SL_BUF_DRAIN_AT bytes or more, and empties it. Call it only where nothing
 * refers to the buffer's length or bytes (the formatters: between two
 * findings), so that a report of any size streams out in small pieces. */
void sl_buf_drain(struct sl_buf *b);
/* Writes all that b holds to its sink and empties it. Returns 0, or the
 * errno of the first write that failed (this one or an earlier drain). */
int sl_buf_flush(struct sl_buf *b);
void sl_buf_reset(struct sl_buf *b);
void sl_buf_free(struct sl_buf *b);

#endif
