/* E1003: the template Description is within 1,024 bytes. */
#include "engine/engine.h"
#include "rules/template/limits.h"

static void check(struct sl_ctx *c)
{
	const struct sl_node *d = sl_section(c->t, SL_SEC_DESCRIPTION);
	if (sl_node_is(d, SL_SCALAR) && d->len > SL_DESCRIPTION_MAX_BYTES)
		sl_report(c, d, "the Description is %u bytes, over CloudFormation's limit of %u", d->len,
			  SL_DESCRIPTION_MAX_BYTES);
}

const struct sl_rule rule_E1003 = {
	.id = "E1003",
	.severity = SL_SEV_ERROR,
	.title = "The template Description is within 1,024 bytes",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-description-structure.html",
	.doc =
	"### What it checks\n"
	"The length of the template's `Description`: at most 1,024 bytes. I1003 says when it passes "
	"90% of that.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the template when the description is longer.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Description: >\n"
	"  (two pages of release notes)\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Description: Orders service: API, functions and the orders table\n"
	"```\n",
	.check = check,
};
