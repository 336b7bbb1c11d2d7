/* W2531: a deprecated Lambda runtime that functions can still be created with. */
#include "rules/lambda/runtimes.h"
#include "util/date.h"

static void on_runtime(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	const struct sl_runtime *r = sl_runtime_find(v->str, v->len);
	if (!r || sl_runtime_phase(r, c->today) != SL_RT_DEPRECATED)
		return;
	char dep[11], create[11], update[11];
	sl_date_format(dep, r->deprecated);
	const char *blocks = "Lambda then blocks creating, and later updating, functions that use it";
	if (r->create_block && r->update_block) {
		sl_date_format(create, r->create_block);
		sl_date_format(update, r->update_block);
		blocks = sl_arena_printf(c->arena, "Lambda blocks creating functions with it from %s "
					 "and updating them from %s", create, update);
	} else if (r->create_block) {
		sl_date_format(create, r->create_block);
		blocks = sl_arena_printf(c->arena, "Lambda blocks creating functions with it from %s, "
					 "and updating them later", create);
	}
	sl_report(c, v, "the Lambda runtime '%s' is deprecated since %s: it gets no security patches "
		  "and its functions no technical support; %s. Move to %s (the newest %s runtime)",
		  r->id, dep, blocks ? blocks : "", sl_runtime_successor(r), r->family);
}

static void check(struct sl_ctx *c)
{
	sl_runtime_each(c, false, on_runtime, NULL);
}

const struct sl_rule rule_W2531 = {
	.id = "W2531",
	.severity = SL_SEV_WARNING,
	.title = "Lambda runtime is deprecated",
	.source = SL_RUNTIMES_SOURCE,
	.doc =
	"### What it checks\n"
	"The `Runtime` of an `AWS::Lambda::Function` or `AWS::Serverless::Function` (or SAM's "
	"`Globals: Function: Runtime`) is a runtime that AWS Lambda has deprecated, while "
	"functions can still be created with it: its deprecation date has come and its "
	"\"block function create\" date has not. \"Today\" is the current date (UTC), or the one "
	"given with `--lint-date YYYY-MM-DD` (`lint_date` in `.stacklintrc.yaml`). Every literal "
	"branch of an `Fn::If` is judged; a value from a parameter or a mapping is not.\n\n"
	"### Why it matters\n"
	"Under Lambda's runtime deprecation policy a deprecated runtime gets no more security "
	"patches and its functions are no longer eligible for technical support. Some time later "
	"Lambda blocks creating functions with it (E2531), then updating them (E2533): a stack "
	"that still uses it then fails to deploy. The dates are those of the Lambda Developer "
	"Guide's runtime tables; where AWS has moved a block date and the new one could not be "
	"checked, stacklint keeps only the deprecation date and stays at this warning.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python3.9\n"
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
