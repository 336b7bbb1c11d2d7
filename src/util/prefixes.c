/*
 * The proper-prefix set of util/prefixes.h: FNV-1a over each member, a table
 * of member lengths, and on lookup the FNV-1a of the name's prefixes grown one
 * byte at a time.
 */
#include <stdint.h>
#include <string.h>

#include "util/prefixes.h"

#define FNV_BASIS 2166136261u
#define FNV_PRIME 16777619u

static size_t slot_of(const struct sl_prefixes *p, uint32_t h, const char *s, size_t l, bool *found)
{
	size_t i = h & p->mask;
	*found = false;
	for (; p->slots[i]; i = (i + 1) & p->mask) {
		size_t m = p->slots[i] - 1;
		if (p->len[m] == l && memcmp(p->str[m], s, l) == 0) {
			*found = true;
			break;
		}
	}
	return i;
}

static uint32_t fnv(const char *s, size_t l)
{
	uint32_t h = FNV_BASIS;
	for (size_t i = 0; i < l; i++)
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
	return h;
}

int sl_prefixes_build(struct sl_prefixes *out, struct sl_arena *a, const char *const *str,
		      const size_t *len, size_t n)
{
	memset(out, 0, sizeof(*out));
	if (!n)
		return 0;
	size_t ns = 16, max = 0;
	while (ns < n * 2)
		ns *= 2;
	for (size_t i = 0; i < n; i++)
		if (len[i] > max)
			max = len[i];
	out->slots = sl_arena_alloc(a, ns * sizeof(*out->slots));
	out->has_len = sl_arena_alloc(a, max + 1);
	if (!out->slots || !out->has_len)
		return -1;
	memset(out->slots, 0, ns * sizeof(*out->slots));
	memset(out->has_len, 0, max + 1);
	out->str = str;
	out->len = len;
	out->n = n;
	out->mask = ns - 1;
	out->max_len = max;
	for (size_t i = 0; i < n; i++) {
		bool found;
		size_t s = slot_of(out, fnv(str[i], len[i]), str[i], len[i], &found);
		if (!found)
			out->slots[s] = i + 1;
		out->has_len[len[i]] = 1;
	}
	return 0;
}

bool sl_prefixes_proper(const struct sl_prefixes *p, const char *name, size_t len)
{
	if (!p->n || !len)
		return false;
	uint32_t h = FNV_BASIS;
	size_t top = len - 1 < p->max_len ? len - 1 : p->max_len;
	for (size_t l = 0; l <= top; l++) {
		if (l)
			h = (h ^ (unsigned char)name[l - 1]) * FNV_PRIME;
		bool found;
		if (p->has_len[l]) {
			slot_of(p, h, name, l, &found);
			if (found)
				return true;
		}
	}
	return false;
}
