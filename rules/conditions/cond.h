/*
 * Helpers shared by the condition structure rules (E8001, E8003–E8007, W8003):
 * recognising condition functions and visiting every one in the Conditions section;
 * and sl_cond_model(), the condition analysis every rule that asks what conditions
 * imply shares (W1028, E3005, W1001, E2530, E3677).
 */
#ifndef SL_RULES_CONDITIONS_COND_H
#define SL_RULES_CONDITIONS_COND_H

#include "analysis/cond.h"
#include "engine/engine.h"

enum sl_cond_fn {
	SL_COND_NONE = 0,
	SL_COND_EQUALS,
	SL_COND_AND,
	SL_COND_OR,
	SL_COND_NOT,
	SL_COND_CONDITION,
};

/* The condition function n is (a single-key map keyed Fn::Equals, Fn::And, Fn::Or,
 * Fn::Not or Condition), or SL_COND_NONE. */
enum sl_cond_fn sl_cond_fn(const struct sl_node *n);

/* Called with the function's key (Fn::Equals, ...), its value, and `at`: where a
 * finding about the whole function points (the condition's name for the
 * condition's own value, else the function's map, an item of Fn::And/Or/Not). */
typedef void sl_cond_visit_fn(void *ud, enum sl_cond_fn f, const struct sl_node *key,
			      const struct sl_node *value, const struct sl_node *at);

/* Calls fn for every condition function in the Conditions section, outermost
 * first: each condition's value and, recursively, the items of Fn::And, Fn::Or
 * and Fn::Not. Each node is visited once (the walk follows the
 * tree, never a Condition function to the condition it names), so the time is
 * linear in the size of the section; nesting deeper than the loader allows is
 * not followed. Fn::ForEach entries are skipped. */
void sl_cond_visit(const struct sl_template *t, sl_cond_visit_fn *fn, void *ud);

/* What n is, for messages: "Fn::If", "a string", "a list", "a map". */
const char *sl_cond_what(const struct sl_node *n);

/* Checks the list of conditions of Fn::And / Fn::Or / Fn::Not (`key`, `value`):
 * a list of min..max items, each a condition function; reports each problem
 * for the rule running in c. YAML aliases are not judged. */
void sl_cond_check_list(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *value,
			size_t min, size_t max);

/* The condition analysis (src/analysis/cond.h) of the template being linted,
 * made on first use and kept for the template's other rules; NULL when memory
 * ran out or the memo table is full (every sl_conds_* function then answers
 * "unknown"). */
struct sl_conds *sl_cond_model(struct sl_ctx *c);

#endif
