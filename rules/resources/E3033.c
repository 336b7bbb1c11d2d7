/* E3033: strings are as long as the resource schema allows. */
#include "rules/schema.h"
#include "util/text.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_LENGTH)
		return;
	const struct sl_node *k = sl_schema_prop_of(h->at);
	size_t n = sl_utf8_chars(h->at->str, h->at->len);
	sl_report(c, h->at, "%s%s%sis %zu character%s long; it takes %s", k ? "'" : "", k ? k->str : "",
		  k ? "' " : "the value ", n, n == 1 ? "" : "s", sl_schema_bound(c, h));
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
}

const struct sl_rule rule_E3033 = {
	.id = "E3033",
	.severity = SL_SEV_ERROR,
	.title = "Strings have an allowed length",
	.source = "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html",
	.doc =
	"### What it checks\n"
	"A literal string is no shorter and no longer than the resource type's registry schema "
	"allows (`minLength`, `maxLength`, counted in characters): for example at most 256 "
	"characters for a Lambda function's `Description`, at least 1 for most names.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the value when it validates the resource, and the stack rolls "
	"back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Topic:\n"
	"    Type: AWS::SNS::Topic\n"
	"    Properties:\n"
	"      DisplayName: \"\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      DisplayName: Alerts\n"
	"```\n",
	.check = check,
};
