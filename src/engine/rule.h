/*
 * Rule descriptors and the registry. A rule is data plus one check function:
 * rules/<area>/<ID>.c exports one `const struct sl_rule`, and registry.c lists
 * them sorted by ID. docs/rules.md, --explain and SARIF rule metadata are all
 * generated from these descriptors.
 */
#ifndef SL_ENGINE_RULE_H
#define SL_ENGINE_RULE_H

#include <stddef.h>

#include "stacklint/stacklint.h"

struct sl_ctx;

struct sl_rule {
	const char *id;             /* cfn-lint's ID where the meaning is the same; 99xxx our own */
	enum sl_severity severity;  /* the default; the first letter of the ID agrees */
	const char *title;          /* one line, no final period */
	/* Markdown with the sections "What it checks", "Why it matters", "Bad", "Good"
	 * (examples as ```yaml blocks). */
	const char *doc;
	const char *source;         /* AWS documentation URL */
	/* NULL for diagnostics the loader emits itself (E0000, W1100). */
	void (*check)(struct sl_ctx *ctx);
	/* The kind of file the rule checks; left out (zero), a template. A rule of
	 * another kind reads ctx->root, never ctx->t (which is NULL for it). */
	enum sl_file_kind kind;
	/* Side-file kinds the rule checks as well, as bits (1u << kind); its
	 * check tells them apart by ctx->kind. */
	unsigned also_kinds;
};

/* All rules, sorted by ID (sl_rule_id_cmp). */
const struct sl_rule *const *sl_registry(size_t *count);

/* The order of rule IDs: by letter, then by number (E3012 < E99101, the
 * numbers being of four or five digits), so that stacklint's own 99xxx rules
 * list after cfn-lint's 0xxx-9xxx. */
int sl_rule_id_cmp(const char *a, const char *b);

/* The rule with this exact ID, or NULL. */
const struct sl_rule *sl_rule_find(const char *id);

#endif
