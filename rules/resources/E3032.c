/* E3032: lists have as many items as the resource schema allows. */
#include "rules/schema.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_ITEMS)
		return;
	const struct sl_node *k = sl_schema_prop_of(h->at);
	sl_report(c, h->at, "%s%s%shas %u item%s; it takes %s", k ? "'" : "", k ? k->str : "",
		  k ? "' " : "the list ", h->at->len, h->at->len == 1 ? "" : "s", sl_schema_bound(c, h));
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
}

const struct sl_rule rule_E3032 = {
	.id = "E3032",
	.severity = SL_SEV_ERROR,
	.title = "Lists have an allowed number of items",
	.source = "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html",
	.doc =
	"### What it checks\n"
	"A literal list has no fewer and no more items than the resource type's registry schema "
	"allows (`minItems`, `maxItems`): for example at most 5 security groups in a Lambda "
	"function's `VpcConfig`. An item that may vanish (an `Fn::If`, a `Ref` to "
	"`AWS::NoValue`) counts only towards the most the list can have.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the list when it validates the resource, and the stack rolls "
	"back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      VpcConfig:\n"
	"        SecurityGroupIds: [sg-1, sg-2, sg-3, sg-4, sg-5, sg-6]\n"
	"        SubnetIds: [subnet-1]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      VpcConfig:\n"
	"        SecurityGroupIds: [sg-1, sg-2]\n"
	"        SubnetIds: [subnet-1]\n"
	"```\n",
	.check = check,
};
