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

/* Bytes of the character that starts at s (n > 0 bytes left): its UTF-8
 * sequence, or 1 for ASCII and for a byte that starts none. Messages quoting
 * one character print that many bytes, never half of one. */
static inline size_t sl_utf8_char_len(const char *s, size_t n)
{
	unsigned char b = (unsigned char)s[0];
	size_t l = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
	if (l > n)
		return 1;
	for (size_t i = 1; i < l; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			return 1;
	return l;
}

/* Orders byte strings as memcmp does, a proper prefix first: <0, 0, >0. */
static inline int sl_bytes_cmp(const char *a, size_t al, const char *b, size_t bl)
{
	int r = memcmp(a, b, al < bl ? al : bl);
	return r ? r : (al > bl) - (al < bl);
}

/* The value of a hexadecimal digit, or -1. */
static inline int sl_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
		return (c | 0x20) - 'a' + 10;
	return -1;
}

/* Writes code point cp (at most U+10FFFF; the caller keeps surrogates out) as
 * UTF-8 into o, and returns its length, 1 to 4. */
static inline size_t sl_utf8_encode(unsigned long cp, char o[4])
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

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
