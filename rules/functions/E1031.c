/* E1031: Fn::ToJsonString serialises a mapping or a list, under AWS::LanguageExtensions. */
#include "rules/functions/langext.h"

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	if (sl_fn_needs_lang_ext(c, key))
		return;
	if (sl_node_is(v, SL_SEQ) || sl_node_is(v, SL_MAP))
		return;
	/* a number also stands for Fn::Length, which the expansion resolves */
	enum sl_scalar_type ty = sl_node_is(v, SL_SCALAR) ? sl_scalar_type(v) : SL_TYPE_STRING;
	sl_report(c, v ? v : key, "Fn::ToJsonString turns a mapping or a list into JSON text, not "
		  "%s", ty == SL_TYPE_INT || ty == SL_TYPE_FLOAT ? "a number" : sl_fn_kind(v));
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::ToJsonString", visit);
}

const struct sl_rule rule_E1031 = {
	.id = "E1031",
	.severity = SL_SEV_ERROR,
	.title = "Fn::ToJsonString takes a mapping or a list, with the language extensions",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-ToJsonString.html",
	.doc =
	"### What it checks\n"
	"`Fn::ToJsonString` is used only in a template with `Transform: "
	"AWS::LanguageExtensions`, and its argument is a mapping or a list (a function returning "
	"one is a mapping too).\n\n"
	"### Why it matters\n"
	"Without the transform CloudFormation does not know the function; a plain string has "
	"nothing to serialise.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Dashboard:\n"
	"    Type: AWS::CloudWatch::Dashboard\n"
	"    Properties:\n"
	"      DashboardBody: !ToJsonString {widgets: []}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::LanguageExtensions\n"
	"Resources:\n"
	"  Dashboard:\n"
	"    Type: AWS::CloudWatch::Dashboard\n"
	"    Properties:\n"
	"      DashboardBody: !ToJsonString {widgets: []}\n"
	"```\n",
	.check = check,
};
