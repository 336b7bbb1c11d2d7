/*
 * The spec's value patterns (struct sl_spec_constraint.pattern), matched with
 * PCRE2 the way JSON Schema means `pattern`: searched anywhere in the value
 * (the registry's patterns carry their own ^ and $), in UTF mode. Each pattern
 * is compiled the first time a value meets it and kept for the rest of the
 * process, shared by every thread; matching is bounded (PCRE2's match and
 * depth limits), so no value can make a pattern run away.
 */
#ifndef SL_SPEC_PATTERN_H
#define SL_SPEC_PATTERN_H

#include <stddef.h>

/* 1 when the len bytes at subject match pattern (a NUL-terminated string that
 * lives as long as the process, e.g. from the spec), 0 when they do not, -1
 * when it cannot be told: the pattern does not compile, the subject is not
 * UTF-8, a limit was reached, no memory. */
int sl_pattern_match(const char *pattern, const char *subject, size_t len);

/* Compiles pattern without caching it: 0, or -1 with PCRE2's message and the
 * offset of the fault in msg (for tests and the spec checks). */
int sl_pattern_check(const char *pattern, char *msg, size_t msglen);

#endif
