/* E1033: Fn::GetStackOutput takes a mapping with StackName and OutputName.
 *
 * The CloudFormation template reference (Fn::GetStackOutput) declares the
 * function's argument as a mapping of StackName (required), OutputName (the
 * logical ID of the other stack's output, required), Region and RoleArn. An
 * argument that is a list or a scalar, a mapping without StackName or
 * OutputName, or a key other than the four is reported. An argument written
 * wholly with another function is not judged. */
#include "rules/functions/fn.h"

static const char *const keys[] = { "StackName", "OutputName", "Region", "RoleArn" };

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	if (sl_fn_is(v))
		return;
	if (!sl_node_is(v, SL_MAP)) {
		sl_report(c, v ? v : key, "Fn::GetStackOutput takes a mapping with StackName and "
			  "OutputName (and optionally Region and RoleArn), not %s", sl_fn_kind(v));
		return;
	}
	for (uint32_t i = 0; i < v->len; i++) {
		const struct sl_node *k = v->pairs[i].key;
		bool known = false;
		for (size_t j = 0; j < 4; j++)
			known = known || sl_str_eq(k, keys[j]);
		if (!known)
			sl_report(c, k, "Fn::GetStackOutput has no parameter %s: it takes StackName, "
				  "OutputName, Region and RoleArn", k->str);
	}
	bool stack = sl_map_get_pair(v, "StackName") != NULL;
	bool output = sl_map_get_pair(v, "OutputName") != NULL;
	if (!stack || !output)
		sl_report(c, key, "Fn::GetStackOutput needs %s: name the stack (StackName) and the "
			  "logical ID of its output (OutputName)",
			  !stack && !output ? "StackName and OutputName" :
			  !stack ? "StackName" : "OutputName");
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::GetStackOutput", visit);
}

const struct sl_rule rule_E1033 = {
	.id = "E1033",
	.severity = SL_SEV_ERROR,
	.title = "Fn::GetStackOutput takes a mapping with StackName and OutputName",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getstackoutput.html",
	.doc =
	"### What it checks\n"
	"The argument of `Fn::GetStackOutput` is a mapping that sets `StackName` and "
	"`OutputName`, and no keys but those and `Region` and `RoleArn`. An argument written "
	"wholly with another function is not judged.\n"
	"\n"
	"### Why it matters\n"
	"`Fn::GetStackOutput` reads an output of another stack, possibly in another account or "
	"Region; CloudFormation needs the stack's name and the output's logical ID to resolve "
	"it, and rejects the template otherwise.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      VpcId:\n"
	"        Fn::GetStackOutput:\n"
	"          StackName: network\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      VpcId:\n"
	"        Fn::GetStackOutput:\n"
	"          StackName: network\n"
	"          OutputName: VpcId\n"
	"```\n",
	.check = check,
};
