/* I6010: the template is close to its limit of 200 outputs. */
#include "rules/outputs/outputs.h"
#include "rules/template/limits.h"

#define MAX_OUTPUTS 200 /* E6010's quota */

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const struct sl_pair *sec = t->sections[SL_SEC_OUTPUTS];
	size_t n = 0;
	for (size_t i = 0; i < t->outputs.n; i++)
		n += !sl_output_loop(&t->outputs.items[i]);
	if (!sec || n > MAX_OUTPUTS || n * 100 <= (size_t)MAX_OUTPUTS * SL_APPROACHING_PERCENT)
		return;
	sl_report(c, sec->key, "the template declares %zu outputs, close to CloudFormation's "
		  "limit of %d; drop outputs nothing reads, or move some into a nested stack, "
		  "before it is reached", n, MAX_OUTPUTS);
}

const struct sl_rule rule_I6010 = {
	.id = "I6010",
	.severity = SL_SEV_INFO,
	.title = "The template is close to the output limit",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"A template declaring more than 90% of CloudFormation's 200 outputs (181 to 200; E6010 "
	"reports more than 200). `Fn::ForEach` loops left unexpanded are not counted. The "
	"finding is on the `Outputs` key.\n\n"
	"### Why it matters\n"
	"A few more outputs and the template is rejected. Outputs that no stack imports and no "
	"person reads can go; the rest can be grouped in a nested stack.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  Output1:\n"
	"    Value: !Ref Queue1\n"
	"  # ... Output2 to Output185 ...\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Value: !Ref Queue\n"
	"```\n",
	.check = check,
};
