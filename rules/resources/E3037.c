/* E3037: no repeated items in lists whose items must be unique. */
#include "rules/schema.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_DUPLICATE ||
	    !(sl_spec_constraint(c->spec, h->cons)->flags & SL_SPEC_UNIQUE_ITEMS))
		return;
	const struct sl_node *k = sl_schema_prop_of(h->at);
	sl_report(c, h->at, "'%s' is repeated%s%s%s (first at line %u); its items must be unique", h->at->str,
		  k ? " in '" : "", k ? k->str : "", k ? "'" : "", sl_line(c, h->other));
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
}

const struct sl_rule rule_E3037 = {
	.id = "E3037",
	.severity = SL_SEV_ERROR,
	.title = "List items are unique where they must be",
	.source = "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html",
	.doc =
	"### What it checks\n"
	"A list whose items the resource type's registry schema says must be unique "
	"(`uniqueItems`) holds no literal value twice: for example the same security group twice "
	"in an instance's `SecurityGroupIds`. Each repeat is reported where it repeats.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the list when it validates the resource, and the stack rolls "
	"back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      Architectures: [arm64, arm64]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Architectures: [arm64]\n"
	"```\n",
	.check = check,
};
