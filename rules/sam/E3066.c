/* E3066: SAM's resource attributes (Connectors, IgnoreGlobals) need the SAM transform. */
#include <string.h>

#include "engine/engine.h"

#define SAM_TRANSFORM "AWS::Serverless-2016-10-31"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	/* with SAM's transform they are SAM's to judge; under another macro, the macro's */
	if (t->sam || t->macro_global)
		return;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!sl_node_is(e->value, SL_MAP) || sl_foreach_key(e->key))
			continue;
		bool serverless = e->type && e->type->len > 17 &&
				  memcmp(e->type->str, "AWS::Serverless::", 17) == 0;
		const struct sl_pair *p = sl_entity_attr_pair(e, SL_ATTR_CONNECTORS);
		if (p)
			sl_report(c, p->key, "'Connectors' on resource '%s' is a SAM resource attribute: "
				  "only the SAM transform turns it into connectors, and CloudFormation rejects "
				  "it as an unknown attribute; add 'Transform: " SAM_TRANSFORM "' or remove it",
				  e->key->str);
		/* on other types E3001 reports it as an unknown attribute */
		p = serverless ? sl_entity_attr_pair(e, SL_ATTR_IGNORE_GLOBALS) : NULL;
		if (p)
			sl_report(c, p->key, "'IgnoreGlobals' on resource '%s' is a SAM resource attribute: "
				  "only the SAM transform reads it, and CloudFormation rejects it as an unknown "
				  "attribute; add 'Transform: " SAM_TRANSFORM "' or remove it", e->key->str);
	}
}

const struct sl_rule rule_E3066 = {
	.id = "E3066",
	.severity = SL_SEV_ERROR,
	.title = "SAM resource attributes need the SAM transform",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/managing-permissions-connectors.html",
	.doc =
	"### What it checks\n"
	"A template without `Transform: AWS::Serverless-2016-10-31` declares no `Connectors` "
	"attribute on a resource and no `IgnoreGlobals` attribute on an `AWS::Serverless::*` "
	"resource. Both are resource attributes of AWS SAM, not of CloudFormation. "
	"(`IgnoreGlobals` on other types is an unknown attribute: E3001. The SAM types themselves "
	"are E3038.) Templates whose top-level Transform is another macro are not judged.\n\n"
	"### Why it matters\n"
	"Only the SAM transform reads embedded connectors and writes the IAM policies they stand "
	"for; without it CloudFormation rejects the template for an unknown resource attribute.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Connectors:\n"
	"      ToQueue:\n"
	"        Properties:\n"
	"          Destination: {Id: Queue}\n"
	"          Permissions: [Write]\n"
	"    Properties: ...\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Connectors:\n"
	"      ToQueue:\n"
	"        Properties:\n"
	"          Destination: {Id: Queue}\n"
	"          Permissions: [Write]\n"
	"    Properties: ...\n"
	"```\n",
	.check = check,
};
