/* E1030: Fn::Length counts a list, under AWS::LanguageExtensions. */
#include "rules/functions/langext.h"

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	if (sl_fn_needs_lang_ext(c, key))
		return;
	if (sl_node_is(v, SL_SEQ) || sl_fn_is(v))
		return;
	sl_report(c, v ? v : key, "Fn::Length counts the items of a list (or of a function "
		  "returning one), not %s", sl_fn_kind(v));
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::Length", visit);
}

const struct sl_rule rule_E1030 = {
	.id = "E1030",
	.severity = SL_SEV_ERROR,
	.title = "Fn::Length counts a list, with the language extensions",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-length.html",
	.doc =
	"### What it checks\n"
	"`Fn::Length` is used only in a template with `Transform: AWS::LanguageExtensions`, and "
	"its argument is a list or a function that returns one (`Ref` to a list parameter, "
	"`Fn::Split`, ...).\n\n"
	"### Why it matters\n"
	"Without the transform CloudFormation does not know the function; given a string it "
	"fails at deployment.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  Count:\n"
	"    Value: !Length [a, b, c]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::LanguageExtensions\n"
	"Outputs:\n"
	"  Count:\n"
	"    Value: !Length [a, b, c]\n"
	"```\n",
	.check = check,
};
