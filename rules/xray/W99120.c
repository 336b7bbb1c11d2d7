/* W99120: AWS_XRAY_CONTEXT_MISSING set to a value the X-Ray SDKs do not know. */
#include <string.h>

#include "rules/sam/samrules.h"
#include "rules/xray/xray.h"

/* The first literal value (an Fn::If branch too) that is not a strategy, or NULL. */
struct bad {
	const struct sl_node *v;
};

static void judge(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)c;
	struct bad *b = ud;
	if (b->v || !sl_node_is(v, SL_SCALAR))
		return; /* intrinsic functions and lists are not judged */
	if (!sl_str_eq(v, "LOG_ERROR") && !sl_str_eq(v, "RUNTIME_ERROR") && !sl_str_eq(v, "IGNORE_ERROR"))
		b->v = v;
}

static void check_var(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *value,
		      void *ud)
{
	(void)ud;
	if (!sl_str_eq(key, "AWS_XRAY_CONTEXT_MISSING"))
		return;
	struct bad b = { NULL };
	sl_samr_each_value(value, judge, c, &b);
	if (b.v)
		sl_report(c, key, "AWS_XRAY_CONTEXT_MISSING is '%s': the X-Ray SDKs take LOG_ERROR, "
			  "RUNTIME_ERROR or IGNORE_ERROR (on anything else some ignore the variable, others "
			  "fail to start). "
			  "Lambda sets this variable itself (LOG_ERROR), so it rarely needs setting",
			  b.v->str);
}

static void check(struct sl_ctx *c)
{
	sl_xray_each_env(c, check_var, NULL);
}

const struct sl_rule rule_W99120 = {
	.id = "W99120",
	.severity = SL_SEV_WARNING,
	.title = "AWS_XRAY_CONTEXT_MISSING is a strategy the X-Ray SDKs know",
	.source = "https://docs.aws.amazon.com/xray/latest/devguide/xray-sdk-python-configuration.html#xray-sdk-python-configuration-envvars",
	.doc =
	"### What it checks\n"
	"An `AWS_XRAY_CONTEXT_MISSING` environment variable of an `AWS::Lambda::Function` or "
	"`AWS::Serverless::Function` (and SAM's `Globals.Function`) is `LOG_ERROR`, "
	"`RUNTIME_ERROR` or `IGNORE_ERROR`. Values written as intrinsic functions are not judged; "
	"each literal branch of an `Fn::If` is.\n\n"
	"### Why it matters\n"
	"The variable tells the X-Ray SDK what to do when code records a segment with no trace "
	"context. The SDKs recognise only those three strategies, case included: on any other value "
	"some keep their default without a word (a misspelling does nothing) and others throw "
	"when they load. Lambda sets "
	"the variable itself (to `LOG_ERROR`), so it needs setting only to change that.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Globals:\n"
	"  Function:\n"
	"    Environment:\n"
	"      Variables:\n"
	"        AWS_XRAY_CONTEXT_MISSING: LOG\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Globals:\n"
	"  Function:\n"
	"    Environment:\n"
	"      Variables:\n"
	"        AWS_XRAY_CONTEXT_MISSING: IGNORE_ERROR\n"
	"```\n",
	.check = check,
};
