/*
 * A set of strings asked one question: is one of them a proper prefix of a
 * name? (a module's resources are <ModuleId><ResourceId>; SAM completes some
 * names with a suffix that cannot be known). The answer costs one pass over
 * the name's first bytes, however many strings the set holds: a hash of each
 * prefix of the name, grown a byte at a time, is looked up at the lengths the
 * set has.
 */
#ifndef SL_UTIL_PREFIXES_H
#define SL_UTIL_PREFIXES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

struct sl_prefixes {
	const char *const *str; /* the members, as given (not copied) */
	const size_t *len;
	size_t n;
	size_t *slots;          /* open addressing: member index + 1, 0 = empty */
	size_t mask;
	unsigned char *has_len; /* has_len[l]: a member is l bytes long */
	size_t max_len;
};

/* Indexes n strings str[i] of len[i] bytes (both arrays, and the strings,
 * must outlive the set). The index is allocated in a. Returns 0, or -1 when
 * out of memory. n may be 0: the set then holds nothing. */
int sl_prefixes_build(struct sl_prefixes *out, struct sl_arena *a, const char *const *str,
		      const size_t *len, size_t n);

/* True when a member of the set is a proper prefix of name (shorter than len
 * bytes, equal to its first bytes). O(len) whatever the set's size. */
bool sl_prefixes_proper(const struct sl_prefixes *p, const char *name, size_t len);

#endif
