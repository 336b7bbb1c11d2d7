/*
 * Small text measures shared by every stage: the edit distance that "did you
 * mean" suggestions and slip detection are built on, and lengths in characters.
 */
#include "util/text.h"

#include <stdint.h>

/* The bit-parallel form of the Levenshtein recurrence (Myers 1999, in the
 * form Hyyrö 2001 gives for the distance between two whole strings): bit i of
 * each word is row i (byte i of a) of one column of the dynamic programming
 * table, kept as the differences between neighbouring cells (+1, -1 or 0), so
 * a column of up to 64 cells costs a handful of word operations instead of a
 * loop. The result is the table's, exactly. */
size_t sl_edit_distance(const char *a, size_t la, const char *b, size_t lb)
{
	if (la > 64 || lb > 64)
		return (size_t)-1;
	if (!la || !lb)
		return la + lb;
	uint64_t peq[256]; /* peq[c]: the positions of byte c in a */
	for (size_t j = 0; j < lb; j++)
		peq[(unsigned char)b[j]] = 0;
	for (size_t i = 0; i < la; i++)
		peq[(unsigned char)a[i]] = 0;
	for (size_t i = 0; i < la; i++)
		peq[(unsigned char)a[i]] |= (uint64_t)1 << i;
	uint64_t pv = ~(uint64_t)0, mv = 0, last = (uint64_t)1 << (la - 1);
	size_t d = la;
	for (size_t j = 0; j < lb; j++) {
		uint64_t eq = peq[(unsigned char)b[j]];
		uint64_t xv = eq | mv;
		uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
		uint64_t ph = mv | ~(xh | pv);
		uint64_t mh = pv & xh;
		if (ph & last)
			d++;
		else if (mh & last)
			d--;
		ph = (ph << 1) | 1; /* the first row grows by one per character of b */
		mh <<= 1;
		pv = mh | ~(xv | ph);
		mv = ph & xv;
	}
	return d;
}

size_t sl_utf8_chars(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}
