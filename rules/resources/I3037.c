/* I3037: repeated items in a list whose schema allows repeats, noted. */
#include "rules/schema.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_DUPLICATE ||
	    !(sl_spec_constraint(c->spec, h->cons)->flags & SL_SPEC_DUPLICATES_ALLOWED))
		return;
	const struct sl_node *k = sl_schema_prop_of(h->at);
	sl_report(c, h->at, "'%s' is repeated%s%s%s (first at line %u); the list allows repeats, but a repeat "
		  "is often a slip for another value", h->at->str, k ? " in '" : "", k ? k->str : "", k ? "'" : "",
		  sl_line(c, h->other));
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
}

const struct sl_rule rule_I3037 = {
	.id = "I3037",
	.severity = SL_SEV_INFO,
	.title = "Repeated items in lists that allow them",
	.source = "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html",
	.doc =
	"### What it checks\n"
	"A list whose items the resource type's registry schema says need not be unique "
	"(`uniqueItems: false`) holds the same literal string or number twice: for example the "
	"same subnet twice in a function's `VpcConfig`. Each repeat is noted where it repeats. "
	"Lists that must be unique are E3037's.\n\n"
	"### Why it matters\n"
	"CloudFormation accepts the list, and a repeat may be meant; but a repeated value is often "
	"a copy-and-paste slip for another one, which then never takes effect.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      VpcConfig:\n"
	"        SubnetIds: [subnet-0123456789abcdef0, subnet-0123456789abcdef0]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      VpcConfig:\n"
	"        SubnetIds: [subnet-0123456789abcdef0, subnet-0fedcba9876543210]\n"
	"```\n",
	.check = check,
};
