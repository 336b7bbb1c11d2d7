/* E2533: a Lambda runtime that functions can no longer be created or updated with. */
#include "rules/lambda/runtimes.h"
#include "util/date.h"

static void on_runtime(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	const struct sl_runtime *r = sl_runtime_find(v->str, v->len);
	if (!r || sl_runtime_phase(r, c->today) != SL_RT_UPDATE_BLOCKED)
		return;
	char update[11];
	sl_date_format(update, r->update_block);
	sl_report(c, v, "the Lambda runtime '%s' can no longer be used to create or update functions: "
		  "Lambda blocked function updates with it on %s, so a deploy that creates or changes this "
		  "function fails. Move to %s (the newest %s runtime)",
		  r->id, update, sl_runtime_successor(r), r->family);
}

static void check(struct sl_ctx *c)
{
	sl_runtime_each(c, false, on_runtime, NULL);
}

const struct sl_rule rule_E2533 = {
	.id = "E2533",
	.severity = SL_SEV_ERROR,
	.title = "Lambda runtime can no longer create or update functions",
	.source = SL_RUNTIMES_SOURCE,
	.doc =
	"### What it checks\n"
	"The `Runtime` of an `AWS::Lambda::Function` or `AWS::Serverless::Function` (or SAM's "
	"`Globals: Function: Runtime`) is a deprecated runtime whose \"block function update\" "
	"date has come. \"Today\" is the current date (UTC), or the one given with "
	"`--lint-date YYYY-MM-DD` (`lint_date` in `.stacklintrc.yaml`). Every literal branch of an "
	"`Fn::If` is judged; a value from a parameter or a mapping is not.\n\n"
	"### Why it matters\n"
	"Lambda refuses to create functions with the runtime and to update the code or "
	"configuration of the functions that use it: any deploy that creates or changes such a "
	"function fails and the stack rolls back. The functions still run, but the only change "
	"Lambda accepts is a move to a supported runtime. The dates are those of the Lambda "
	"Developer Guide's runtime tables.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python2.7\n"
	"      Handler: index.handler\n"
	"      Role: arn:aws:iam::123456789012:role/lambda\n"
	"      Code:\n"
	"        ZipFile: \"def handler(event, context): return 1\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python3.14\n"
	"      Handler: index.handler\n"
	"      Role: arn:aws:iam::123456789012:role/lambda\n"
	"      Code:\n"
	"        ZipFile: \"def handler(event, context): return 1\"\n"
	"```\n",
	.check = check,
};
