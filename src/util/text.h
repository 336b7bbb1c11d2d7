/*
 * Small text measures shared by every stage (no allocation, no state).
 */
#ifndef SL_UTIL_TEXT_H
#define SL_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

/* Levenshtein distance between a and b; (size_t)-1 when either is longer than
 * 64 bytes (names, not text). */
size_t sl_edit_distance(const char *a, size_t la, const char *b, size_t lb);

/* Characters (code points) of len bytes of UTF-8: the length CloudFormation's
 * schemas and limits count. */
size_t sl_utf8_chars(const char *s, size_t len);

/* Whether the two bytes a, b stand together in the len bytes at s: "${" or
 * "{{" in a scalar. memchr scans for a, which is rare in most text, much faster
 * than memmem starts up for a two-byte needle. */
static inline bool sl_has_pair(const char *s, size_t len, char a, char b)
{
	const char *end = s + len;
	for (const char *p = len ? memchr(s, a, len) : NULL; p && p + 1 < end;
	     p = memchr(p + 1, a, (size_t)(end - p - 1)))
		if (p[1] == b)
			return true;
	return false;
}

#endif
