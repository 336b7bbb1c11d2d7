/*
 * cfn-lint's custom rules (`-z/--custom-rules FILE`, the `custom_rules`
 * setting): a text file of one-line rules,
 *
 *     <Resource Type> <Property[.Path...]> <Operator> <Value> [WARN|ERROR [message]]
 *
 * each checked on every resource of that type in every template. The rule on
 * line N of the file is E(9000+N), or W(9000+N) when it says WARN, as cfn-lint
 * numbers them. The file is parsed once per run (sl_custom_load, by the CLI,
 * before the lint threads start) and is then read-only: the engine calls
 * sl_custom_check() for each template from any thread. docs/custom-rules.md
 * describes the language and where stacklint differs from cfn-lint.
 */
#ifndef SL_CUSTOM_CUSTOM_H
#define SL_CUSTOM_CUSTOM_H

#include <stdbool.h>
#include <stdio.h>

#include "engine/engine.h"

struct sl_custom_rules;

/* The largest rules file read (bytes): far above any real one. */
#define SL_CUSTOM_MAX_SIZE ((size_t)4 << 20)

/* Reads and parses the rules file at path (named so in messages). On success
 * returns 0 and stores rules that the caller frees with sl_custom_free().
 * Returns 1 after printing one message to err ("FILE:LINE:COLUMN: ...") where
 * cfn-lint fails too or where stacklint cannot honour the file: it cannot be
 * read, is over SL_CUSTOM_MAX_SIZE, is not UTF-8 text, has a rule line of fewer
 * than four parts, or has a rule on line 90000 or later (whose ID, E99000 and
 * up, would be one of stacklint's own). Any other faulty line (an unknown
 * operator, a bad value or pattern) becomes an invalid rule, reported in every
 * template as cfn-lint does. Returns -1 when memory runs out. */
int sl_custom_load(struct sl_custom_rules **out, const char *path, FILE *err);

void sl_custom_free(struct sl_custom_rules *rules);

/* Runs every enabled rule (sl_rule_enabled against c->opts) on the template
 * c->t, reporting through c as the current rule. Read-only on rules. */
void sl_custom_check(struct sl_ctx *c, const struct sl_custom_rules *rules);

/* True when rules (a struct sl_custom_rules *) has a rule with this exact ID:
 * the form sl_cli_old_ids() takes, so that an ignored E9001 stays the custom
 * rule's and is not read as a renumbered rule of stacklint's. */
bool sl_custom_has_id(const char *id, void *rules);

/* The descriptor of the custom rule with this exact ID (for the engine's
 * filters), or NULL. It lives as long as rules. */
const struct sl_rule *sl_custom_rule_find(const struct sl_custom_rules *rules, const char *id);

#endif
