/*
 * Whether a template's strings may hold a text (textscan.h).
 */
#include "analysis/textscan.h"

#include <assert.h>
#include <stdint.h>
#include <string.h>

#include "load/load.h"
#include "template/template.h"

/* Whether the source has an escape that makes characters the source does not
 * show: \x, \u, \U, or a backslash before a line break. A backslash anywhere
 * else (JSON's \n, a Windows path in a plain scalar) makes nothing of the kind. */
static bool generative_escapes(const char *s, size_t len)
{
	const char *end = s + len;
	for (const char *p = memchr(s, '\\', len); p && p + 1 < end;
	     p = memchr(p + 1, '\\', (size_t)(end - p - 1))) {
		char e = p[1];
		if (e == 'x' || e == 'u' || e == 'U' || e == '\n' || e == '\r')
			return true;
	}
	return false;
}

/* How rare each printable byte is in templates: its place in the bytes of
 * ../shared/corpus ordered from the most frequent (1: 'e') to the least
 * (94: '~'); 0 for the rest. */
static const unsigned char rarity[128] = {
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
	 0, 68,  3, 59, 70, 92, 93, 21, 76, 75, 78, 85, 17, 23, 40, 47,
	29, 27, 34, 36, 41, 50, 43, 45, 44, 53, 10, 83, 88, 64, 84, 89,
	90, 18, 58, 39, 51, 31, 37, 62, 73, 52, 79, 72, 46, 55, 42, 65,
	38, 77, 30, 19, 48, 69, 63, 56, 87, 82, 80, 60, 74, 61, 86, 25,
	91,  5, 20, 11, 16,  1, 22, 26, 28,  8, 66, 54, 12, 14,  6,  4,
	15, 71,  7,  9,  2, 13, 35, 49, 57, 24, 67, 33, 81, 32, 94,  0,
};

/* Whether needle (nl bytes of printable ASCII) is in s: memchr for its rarest
 * byte, a check at each hit. glibc's memmem reads a template at some 2.5
 * instructions a byte; memchr at a tenth of that, and the rare byte stops it
 * seldom. */
static bool contains(const char *s, size_t len, const char *needle, size_t nl)
{
	size_t k = 0;
	for (size_t i = 1; i < nl; i++)
		if (rarity[needle[i] & 0x7f] > rarity[needle[k] & 0x7f])
			k = i;
	const char *end = s + len;
	for (const char *p = len > k ? memchr(s + k, needle[k], len - k) : NULL; p;
	     p = memchr(p + 1, needle[k], (size_t)(end - p - 1))) {
		const char *q = p - k;
		if ((size_t)(end - q) < nl)
			return false;
		size_t i = 0;
		while (i < nl && q[i] == needle[i])
			i++;
		if (i == nl)
			return true;
	}
	return false;
}

static const char memo_key; /* the address identifies the escape scan's memo */

bool sl_text_may_hold(struct sl_ctx *c, const char *needle)
{
#ifndef NDEBUG
	for (const char *p = needle; *p; p++)
		assert(*p > ' ' && *p < 0x7f && *p != '"' && *p != '\'' && *p != '/' && *p != '\\');
#endif
	const struct sl_template *t = c->t;
	if (!t || !t->doc || t->lx || t->root != t->src_root)
		return true;
	const struct sl_doc *d = t->doc;
	if (contains(d->src, d->len, needle, strlen(needle)))
		return true;
	/* the memo holds 1 (no such escape) or 2 (some): a pointer that is never NULL */
	uintptr_t m = (uintptr_t)sl_memo_get(c, &memo_key);
	if (!m) {
		m = generative_escapes(d->src, d->len) ? 2 : 1;
		sl_memo_put(c, &memo_key, (void *)m, NULL); /* a full table: the scan again next time */
	}
	return m == 2;
}
