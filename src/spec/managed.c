/*
 * Lookups in the generated table of AWS managed policies (managed_data.c).
 * See managed.h. Both lookups are binary searches: the policy by name over
 * the ~1,600 sorted names, then the policy's index in the sorted run of the
 * action.
 */
#include "spec/managed.h"

#include <string.h>
#include <strings.h>

/* The index of the policy named s (len bytes), or -1. */
static long find_policy(const char *s, size_t len)
{
	size_t lo = 0, hi = sl_managed_count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *n = sl_managed_names + sl_managed_off[mid];
		int c = strncmp(n, s, len);
		if (c == 0)
			c = n[len] ? 1 : 0; /* n is longer than s */
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

bool sl_managed_exists(const char *path_and_name, size_t len)
{
	return memchr(path_and_name, 0, len) == NULL && find_policy(path_and_name, len) >= 0;
}

enum sl_managed_answer sl_managed_allows(const char *path_and_name, size_t len, const char *action)
{
	if (memchr(path_and_name, 0, len))
		return SL_MANAGED_UNKNOWN;
	long p = find_policy(path_and_name, len);
	if (p < 0)
		return SL_MANAGED_UNKNOWN;
	for (int a = 0; a < SL_MANAGED_N_ACTIONS; a++) {
		const struct sl_managed_run *r = &sl_managed_actions[a];
		if (!r->action || strcasecmp(r->action, action) != 0)
			continue;
		const uint16_t *h = sl_managed_hits + r->first;
		size_t lo = 0, hi = r->n;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			long idx = h[mid] >> 1;
			if (idx == p)
				return h[mid] & 1 ? SL_MANAGED_UNKNOWN : SL_MANAGED_YES;
			if (idx < p)
				lo = mid + 1;
			else
				hi = mid;
		}
		return SL_MANAGED_NO;
	}
	return SL_MANAGED_UNKNOWN;
}

const char *sl_managed_arn_name(const char *arn, size_t len, bool sub, size_t *out_len)
{
	static const char *const starts[] = {
		"arn:aws:iam::aws:policy/",
		"arn:${AWS::Partition}:iam::aws:policy/",
	};
	for (size_t i = 0; i < (sub ? 2u : 1u); i++) {
		size_t sl = strlen(starts[i]);
		if (len <= sl || strncmp(arn, starts[i], sl) != 0)
			continue;
		const char *name = arn + sl;
		size_t nl = len - sl;
		if (memchr(name, '$', nl) || memchr(name, 0, nl))
			return NULL; /* another variable: the name is not known */
		*out_len = nl;
		return name;
	}
	return NULL;
}
