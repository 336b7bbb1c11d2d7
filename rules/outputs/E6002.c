/* E6002: outputs have a Value, and exports a Name. */
#include "rules/outputs/outputs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->outputs.n; i++) {
		const struct sl_entity *e = &t->outputs.items[i];
		if (sl_output_loop(e))
			continue;
		const struct sl_node *o = e->value;
		if (!sl_node_is(o, SL_MAP) || sl_node_intrinsic(o))
			continue;
		if (!sl_map_get(o, "Value"))
			sl_report(c, e->key, "output '%s' has no Value; CloudFormation requires one",
				  e->key->str);
		const struct sl_pair *ex = sl_map_get_pair(o, "Export");
		if (ex && sl_node_is(ex->value, SL_MAP) && !sl_node_intrinsic(ex->value) &&
		    !sl_map_get(ex->value, "Name"))
			sl_report(c, ex->key, "the Export of output '%s' has no Name; CloudFormation "
				  "requires one", e->key->str);
	}
}

const struct sl_rule rule_E6002 = {
	.id = "E6002",
	.severity = SL_SEV_ERROR,
	.title = "Outputs have a Value, and exports a Name",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each output has a `Value`, and an output's `Export` has a `Name`.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation rejects the template otherwise; an output without a value has nothing to show, and an export without a name cannot be imported.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Description: URL of the queue\n"
	"    Export:\n"
	"      Value: queue-url\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Description: URL of the queue\n"
	"    Value: !Ref Queue\n"
	"    Export:\n"
	"      Name: queue-url\n"
	"```\n",
	.check = check,
};
