/* E6010: at most 200 outputs. */
#include "rules/outputs/outputs.h"

#define MAX_OUTPUTS 200

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	size_t n = 0;
	for (size_t i = 0; i < t->outputs.n; i++)
		n += !sl_output_loop(&t->outputs.items[i]);
	if (n > MAX_OUTPUTS)
		sl_report(c, t->sections[SL_SEC_OUTPUTS]->key,
			  "the template declares %zu outputs; CloudFormation allows at most %d", n,
			  MAX_OUTPUTS);
}

const struct sl_rule rule_E6010 = {
	.id = "E6010",
	.severity = SL_SEV_ERROR,
	.title = "At most 200 outputs",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"The Outputs section declares at most 200 outputs (the CloudFormation quota).\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation rejects a template with more outputs; split the stack or drop outputs nothing reads.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  Output1:\n"
	"    Value: one\n"
	"  # ... 200 more\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  Output1:\n"
	"    Value: one\n"
	"```\n",
	.check = check,
};
