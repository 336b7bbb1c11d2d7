/*
 * Helpers shared by the Rules-section rules (E1700, E1701, E1702): the
 * rule-specific intrinsic functions CloudFormation accepts in a rule's
 * RuleCondition and Assert, and a walk that reports any other function.
 * Header-only so each rule file stays self-contained.
 */
#ifndef SL_RULES_TEMPLATE_RULESEC_H
#define SL_RULES_TEMPLATE_RULESEC_H

#include <string.h>

#include "engine/engine.h"

/* The rule-specific intrinsic functions of the rules-section-structure page
 * (with Ref, which the page's examples use on parameters). */
static const char *const sl_rule_fns[] = {
	"Fn::And", "Fn::Contains", "Fn::EachMemberEquals", "Fn::EachMemberIn", "Fn::Equals",
	"Fn::If", "Fn::Not", "Fn::Or", "Fn::RefAll", "Fn::ValueOf", "Fn::ValueOfAll", "Ref", NULL,
};

static inline bool sl_rule_fn_ok(const struct sl_node *k)
{
	for (size_t i = 0; sl_rule_fns[i]; i++)
		if (sl_str_eq(k, sl_rule_fns[i]))
			return true;
	return false;
}

/* Reports each function key (Fn::...) under n that is not a rule-specific
 * function. what names the place ("RuleCondition" or "Assert"). Recursion
 * follows the tree, so it is linear in the size of n. */
static inline void sl_rule_fn_walk(struct sl_ctx *c, const struct sl_node *n, const char *rule,
			    const char *what, unsigned depth)
{
	if (!n || depth > 64)
		return;
	if (n->kind == SL_SEQ) {
		for (uint32_t i = 0; i < n->len; i++)
			sl_rule_fn_walk(c, n->items[i], rule, what, depth + 1);
		return;
	}
	if (n->kind != SL_MAP)
		return;
	for (uint32_t i = 0; i < n->len; i++) {
		const struct sl_node *k = n->pairs[i].key;
		if (n->len == 1 && k->len > 4 && memcmp(k->str, "Fn::", 4) == 0 && !sl_rule_fn_ok(k) &&
		    !sl_str_eq(k, "Fn::Transform")) {
			sl_report(c, k, "rule '%s': %s uses %s, which is not a rule-specific intrinsic "
				  "function; use Fn::And, Fn::Contains, Fn::EachMemberEquals, Fn::EachMemberIn, "
				  "Fn::Equals, Fn::If, Fn::Not, Fn::Or, Fn::RefAll, Fn::ValueOf, "
				  "Fn::ValueOfAll or Ref",
				  rule, what, k->str);
			continue;
		}
		sl_rule_fn_walk(c, n->pairs[i].value, rule, what, depth + 1);
	}
}

#endif
