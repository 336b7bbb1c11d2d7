/* W3001: resource-level keys that SAM or CloudFormation silently ignores. */
#include "rules/schema.h"
#include "template/sam.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!sl_node_is(e->value, SL_MAP) || sl_node_intrinsic(e->value))
			continue;
		bool serverless = e->type && e->type->len > 17 && memcmp(e->type->str, "AWS::Serverless::", 17) == 0;
		for (size_t k = 0; k < e->value->len; k++) {
			const struct sl_node *key = e->value->pairs[k].key;
			if (sl_sam_resource_key(key))
				continue;
			bool in_props = false;
			if (e->type) {
				uint32_t rid = sl_spec_resource(c->spec, e->type->str, e->type->len);
				in_props = rid != SL_SPEC_NONE &&
					   sl_spec_prop_find(c->spec, sl_spec_resource_shape(c->spec, rid), key->str, key->len);
			}
			if (serverless)
				sl_report(c, key, "'%s' beside Type is dropped by the SAM transform without a word%s",
					  key->str, in_props ? "; it is a property: move it under Properties" : "");
			else if (sl_str_eq(key, "Description"))
				sl_report(c, key, "CloudFormation ignores a resource-level Description%s", in_props
					  ? "; it is a property of this type: move it under Properties" : "");
		}
	}
}

const struct sl_rule rule_W3001 = {
	.id = "W3001",
	.severity = SL_SEV_WARNING,
	.title = "Resource-level keys that are silently ignored",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-specification-resources-and-properties.html",
	.doc =
	"### What it checks\n"
	"Keys beside `Type` that are not resource attributes but do not fail the deployment either: "
	"any such key on a SAM (`AWS::Serverless::*`) resource, which the SAM transform drops, and "
	"`Description` on any resource, which CloudFormation ignores. (Other unknown keys on plain "
	"CloudFormation resources are E3001.)\n\n"
	"### Why it matters\n"
	"The template deploys, but the value never reaches the resource: a function written with "
	"`Description` one indentation too far left ends up with no description.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Description: Resizes images\n"
	"    Properties:\n"
	"      Handler: app.handler\n"
	"      Runtime: python3.12\n"
	"      CodeUri: src/\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Description: Resizes images\n"
	"      Handler: app.handler\n"
	"      Runtime: python3.12\n"
	"      CodeUri: src/\n"
	"```\n",
	.check = check,
};
