/* I1003: the template Description is close to its 1,024-byte limit. */
#include "engine/engine.h"
#include "rules/template/limits.h"

static void check(struct sl_ctx *c)
{
	const struct sl_node *d = sl_section(c->t, SL_SEC_DESCRIPTION);
	if (sl_node_is(d, SL_SCALAR) && d->len <= SL_DESCRIPTION_MAX_BYTES &&
	    (size_t)d->len * 100 > (size_t)SL_DESCRIPTION_MAX_BYTES * SL_APPROACHING_PERCENT)
		sl_report(c, d, "the Description is %u bytes, close to CloudFormation's limit of %u",
			  d->len, SL_DESCRIPTION_MAX_BYTES);
}

const struct sl_rule rule_I1003 = {
	.id = "I1003",
	.severity = SL_SEV_INFO,
	.title = "The template Description is close to its limit",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-description-structure.html",
	.doc =
	"### What it checks\n"
	"A template `Description` over 90% of CloudFormation's 1,024-byte limit (E1003 reports one "
	"over it).\n\n"
	"### Why it matters\n"
	"One more sentence and the template is rejected.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Description: >\n"
	"  (a thousand bytes of text)\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Description: Orders service: API, functions and the orders table\n"
	"```\n",
	.check = check,
};
