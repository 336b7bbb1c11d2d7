/* E2531: a Lambda runtime that functions can no longer be created with. */
#include "rules/lambda/runtimes.h"
#include "util/date.h"

static void on_runtime(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	const struct sl_runtime *r = sl_runtime_find(v->str, v->len);
	if (!r || sl_runtime_phase(r, c->today) != SL_RT_CREATE_BLOCKED)
		return;
	char create[11], update[11];
	sl_date_format(create, r->create_block);
	const char *then = "Lambda blocks updating existing functions too, from a later date";
	if (r->update_block) {
		sl_date_format(update, r->update_block);
		then = sl_arena_printf(c->arena, "existing functions can be updated until %s", update);
	}
	sl_report(c, v, "the Lambda runtime '%s' can no longer be used to create functions: Lambda "
		  "blocked function creation with it on %s (it is deprecated), so a deploy that creates "
		  "this function fails; %s. Move to %s (the newest %s runtime)",
		  r->id, create, then ? then : "", sl_runtime_successor(r), r->family);
}

static void check(struct sl_ctx *c)
{
	sl_runtime_each(c, false, on_runtime, NULL);
}

const struct sl_rule rule_E2531 = {
	.id = "E2531",
	.severity = SL_SEV_ERROR,
	.title = "Lambda runtime can no longer create functions",
	.source = SL_RUNTIMES_SOURCE,
	.doc =
	"### What it checks\n"
	"The `Runtime` of an `AWS::Lambda::Function` or `AWS::Serverless::Function` (or SAM's "
	"`Globals: Function: Runtime`) is a deprecated runtime whose \"block function create\" "
	"date has come while its \"block function update\" date has not. \"Today\" is the current "
	"date (UTC), or the one given with `--lint-date YYYY-MM-DD` (`lint_date` in "
	"`.stacklintrc.yaml`). Every literal branch of an `Fn::If` is judged; a value from a "
	"parameter or a mapping is not.\n\n"
	"### Why it matters\n"
	"From that date Lambda refuses to create functions with the runtime: a new stack, a new "
	"function, or a replacement of one fails to deploy and rolls back. Existing functions "
	"can still be updated until the \"block function update\" date (E2533). The dates are "
	"those of the Lambda Developer Guide's runtime tables.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: nodejs12.x\n"
	"      Handler: index.handler\n"
	"      Role: arn:aws:iam::123456789012:role/lambda\n"
	"      Code:\n"
	"        ZipFile: \"exports.handler = async () => 1;\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: nodejs24.x\n"
	"      Handler: index.handler\n"
	"      Role: arn:aws:iam::123456789012:role/lambda\n"
	"      Code:\n"
	"        ZipFile: \"exports.handler = async () => 1;\"\n"
	"```\n",
	.check = check,
};
