/* I99002: the SAM transform declared where there is nothing for it to transform. */
#include <string.h>

#include "rules/sam/samrules.h"

/* The scalar naming the SAM transform in the Transform section. */
static const struct sl_node *sam_transform_node(const struct sl_node *tr)
{
	if (sl_str_eq(tr, SL_SAM_TRANSFORM))
		return tr;
	for (size_t i = 0; sl_node_is(tr, SL_SEQ) && i < tr->len; i++)
		if (sl_str_eq(tr->items[i], SL_SAM_TRANSFORM))
			return tr->items[i];
	return NULL;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	/* another macro, or Fn::ForEach, may well produce serverless resources */
	if (!t->sam || t->sam_types || t->sections[SL_SEC_GLOBALS] || t->macro_global)
		return;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (sl_foreach_key(e->key))
			return;
		/* embedded connectors (a Connectors attribute on any resource) are SAM's too */
		if (sl_map_get(e->value, "Connectors"))
			return;
	}
	const struct sl_node *n = sam_transform_node(sl_section(t, SL_SEC_TRANSFORM));
	if (n)
		sl_report(c, n, "the SAM transform is declared, but the template has no AWS::Serverless::* "
			  "resource and no Globals section: there is nothing for it to transform");
}

const struct sl_rule rule_I99002 = {
	.id = "I99002",
	.severity = SL_SEV_INFO,
	.title = "The SAM transform has something to transform",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-template-anatomy.html",
	.doc =
	"### What it checks\n"
	"A template declaring `Transform: AWS::Serverless-2016-10-31` has at least one "
	"`AWS::Serverless::*` resource, a `Globals` section or an embedded `Connectors` attribute. "
	"Templates that also run another macro, or generate resources with `Fn::ForEach`, are not "
	"judged.\n\n"
	"### Why it matters\n"
	"The transform then does nothing but add a processing step to every deployment (and the "
	"`CAPABILITY_AUTO_EXPAND` acknowledgement when the stack is created or updated directly); it "
	"is often left over from a copied template, or the serverless resources were meant to be in "
	"this one.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"```\n",
	.check = check,
};
