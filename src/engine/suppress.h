/*
 * Inline suppression comments in YAML (and TOML) files:
 *
 *   Timeout: 900  # stacklint: disable=E3034,W3
 *   # stacklint: disable-next-line=E3012
 *   # stacklint: disable=W99101      (on a line of its own: until enable=)
 *   # stacklint: enable=W99101
 *   # stacklint: disable-file=I
 *
 * IDs are rule IDs or prefixes; a directive may end in "-- reason". Comments
 * are found without a second parse: the text is searched for "stacklint:",
 * and a '#' before it counts only when it lies outside every scalar the
 * loader built (so a '#' inside a string or a block scalar is no comment).
 * JSON has no comments. A directive that suppresses nothing, or cannot be
 * read, is reported under W99000.
 */
#ifndef SL_ENGINE_SUPPRESS_H
#define SL_ENGINE_SUPPRESS_H

#include <stdbool.h>
#include <stdint.h>

#include "load/load.h"
#include "util/arena.h"

struct sl_supp;
struct sl_ctx;

/* The directives of a loaded document, in `a`. *out is NULL when there are
 * none (the usual case, found with one memmem). Returns 0, or -1 on OOM. */
int sl_supp_scan(struct sl_supp **out, struct sl_arena *a, const struct sl_doc *doc);

/* True when a directive suppresses rule `id` at `line` (1-based); marks the
 * directive's pattern used. O(log directives) for line directives. */
bool sl_supp_hit(struct sl_supp *s, const char *id, uint32_t line);

/* Reports W99000 through the context for every directive that cannot be
 * read, and — unless `unused` is false — for every pattern that suppressed
 * nothing although a rule it names ran (`ran(id, arg)` tells whether a rule
 * with that ID or prefix ran on this file). */
void sl_supp_report(struct sl_supp *s, struct sl_ctx *c, bool unused,
		    bool (*ran)(const char *pattern, void *arg), void *arg);

#endif
