/* E3034: numbers lie in the range the resource schema allows. */
#include "rules/schema.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_RANGE)
		return;
	const struct sl_node *k = sl_schema_prop_of(h->at);
	sl_report(c, h->at, "%s is out of range%s%s%s: it must be %s", h->at->str, k ? " for '" : "",
		  k ? k->str : "", k ? "'" : "", sl_schema_bound(c, h));
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
}

const struct sl_rule rule_E3034 = {
	.id = "E3034",
	.severity = SL_SEV_ERROR,
	.title = "Numbers lie in the allowed range",
	.source = "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html",
	.doc =
	"### What it checks\n"
	"A literal number (or a number written as a string) lies between the minimum and the "
	"maximum the resource type's registry schema gives the property: for example a Lambda "
	"function's `Timeout` is at least 1.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the value when it validates the resource, and the stack rolls "
	"back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      Timeout: 0\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Timeout: 30\n"
	"```\n",
	.check = check,
};
