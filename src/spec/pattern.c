/*
 * Compiled patterns, cached by the address of their text (see pattern.h). The
 * cache is an open-addressing table under one mutex; a pattern is compiled
 * outside the lock, and when two threads compile the same one the first to
 * insert wins. Compiled code is read-only, so threads match it concurrently,
 * each with its own match data. The interpreter is used, not the JIT: values
 * are short and a template meets each pattern a few times, so compiling
 * machine code would cost more than it saves (bench/README.md).
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "spec/pattern.h"

#include <pcre2.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MATCH_LIMIT 200000u /* backtracking steps per match */
#define DEPTH_LIMIT 10000u  /* KB of backtracking memory per match */

struct slot {
	const char *text;
	pcre2_code *code; /* NULL: does not compile */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct slot *slots;
static size_t nslots, nused;
static pcre2_match_context *mctx;

static size_t slot_of(const struct slot *tab, size_t n, const char *text)
{
	size_t i = ((uintptr_t)text >> 3) * 0x9E3779B97F4A7C15u & (n - 1);
	while (tab[i].text && tab[i].text != text)
		i = (i + 1) & (n - 1);
	return i;
}

static pcre2_code *compile(const char *pattern, int *errcode, PCRE2_SIZE *erroff)
{
	return pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED, PCRE2_UTF, errcode, erroff, NULL);
}

/* The compiled pattern (*ok = 1), or NULL with *ok = 0 when it does not
 * compile, or NULL with *ok = -1 when there is no memory. */
static pcre2_code *lookup(const char *pattern, int *ok)
{
	pthread_mutex_lock(&lock);
	if (nslots) {
		struct slot *sl = &slots[slot_of(slots, nslots, pattern)];
		if (sl->text) {
			pthread_mutex_unlock(&lock);
			*ok = sl->code ? 1 : 0;
			return sl->code;
		}
	}
	pthread_mutex_unlock(&lock);

	int errcode;
	PCRE2_SIZE erroff;
	pcre2_code *code = compile(pattern, &errcode, &erroff);
	bool bad = code == NULL && errcode != PCRE2_ERROR_NOMEMORY;
	if (!code && !bad) {
		*ok = -1;
		return NULL;
	}

	pthread_mutex_lock(&lock);
	if (!mctx) {
		mctx = pcre2_match_context_create(NULL);
		if (mctx) {
			pcre2_set_match_limit(mctx, MATCH_LIMIT);
			pcre2_set_depth_limit(mctx, DEPTH_LIMIT);
		}
	}
	if ((nused + 1) * 2 > nslots) {
		size_t n = nslots ? nslots * 2 : 256;
		struct slot *tab = calloc(n, sizeof *tab);
		if (!tab || !mctx) {
			free(tab);
			pthread_mutex_unlock(&lock);
			pcre2_code_free(code);
			*ok = -1;
			return NULL;
		}
		for (size_t i = 0; i < nslots; i++)
			if (slots[i].text)
				tab[slot_of(tab, n, slots[i].text)] = slots[i];
		free(slots);
		slots = tab;
		nslots = n;
	}
	struct slot *sl = &slots[slot_of(slots, nslots, pattern)];
	if (sl->text) {
		/* another thread got there first */
		pcre2_code_free(code);
	} else {
		sl->text = pattern;
		sl->code = code;
		nused++;
	}
	code = sl->code;
	pthread_mutex_unlock(&lock);
	*ok = code ? 1 : 0;
	return code;
}

int sl_pattern_match(const char *pattern, const char *subject, size_t len)
{
	int ok;
	pcre2_code *code = lookup(pattern, &ok);
	if (!code)
		return -1;
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(code, NULL);
	if (!md)
		return -1;
	int rc = pcre2_match(code, (PCRE2_SPTR)subject, len, 0, 0, md, mctx);
	pcre2_match_data_free(md);
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

int sl_pattern_check(const char *pattern, char *msg, size_t msglen)
{
	int errcode;
	PCRE2_SIZE erroff;
	pcre2_code *code = compile(pattern, &errcode, &erroff);
	if (code) {
		pcre2_code_free(code);
		return 0;
	}
	if (msg && msglen) {
		PCRE2_UCHAR text[160];
		if (pcre2_get_error_message(errcode, text, sizeof text) < 0)
			snprintf((char *)text, sizeof text, "error %d", errcode);
		snprintf(msg, msglen, "%s at offset %zu", (const char *)text, (size_t)erroff);
	}
	return -1;
}
