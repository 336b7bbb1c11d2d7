/*
 * Shared by E1030 and E1031: the functions AWS::LanguageExtensions adds, which
 * CloudFormation rejects without that transform.
 */
#ifndef SL_RULES_FUNCTIONS_LANGEXT_H
#define SL_RULES_FUNCTIONS_LANGEXT_H

#include "rules/functions/fn.h"

/* Reports fn when the template lacks the transform; returns true when it did. */
static inline bool sl_fn_needs_lang_ext(struct sl_ctx *c, const struct sl_node *key)
{
	if (c->t->lang_ext || c->t->macro_global)
		return false;
	sl_report(c, key, "%s needs 'Transform: AWS::LanguageExtensions'", key->str);
	return true;
}

#endif
