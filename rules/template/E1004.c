/* E1004: the template Description is a string. */
#include "engine/engine.h"

static void check(struct sl_ctx *c)
{
	const struct sl_node *d = sl_section(c->t, SL_SEC_DESCRIPTION);
	if (!d)
		return;
	if (d->kind != SL_SCALAR || sl_scalar_type(d) == SL_TYPE_NULL)
		sl_report(c, d, "the Description must be a string, not %s",
			  d->kind == SL_MAP ? (sl_node_intrinsic(d) ? "an intrinsic function (functions are not "
								 "resolved in the Description)" : "a mapping")
			  : d->kind == SL_SEQ ? "a list" : "empty");
}

const struct sl_rule rule_E1004 = {
	.id = "E1004",
	.severity = SL_SEV_ERROR,
	.title = "The template Description is a string",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-description-structure.html",
	.doc =
	"### What it checks\n"
	"The template's `Description` is a literal string: not a list, a mapping, an intrinsic "
	"function or empty.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects any other value; functions are not evaluated in the Description.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Description: !Sub 'Orders for ${AWS::Region}'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Description: Orders service\n"
	"```\n",
	.check = check,
};
