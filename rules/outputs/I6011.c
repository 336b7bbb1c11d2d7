/* I6011: an output name is close to its 255-character limit. */
#include "rules/outputs/outputs.h"
#include "rules/template/limits.h"

#define MAX_NAME 255 /* E6011's quota */

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->outputs.n; i++) {
		const struct sl_entity *e = &t->outputs.items[i];
		const struct sl_node *k = e->key;
		if (sl_output_loop(e))
			continue;
		if (k->len <= MAX_NAME && (size_t)k->len * 100 > (size_t)MAX_NAME * SL_APPROACHING_PERCENT)
			sl_report(c, k, "output name '%.20s...' is %u characters long, close to "
				  "CloudFormation's limit of %d; shorten it", k->str, (unsigned)k->len,
				  MAX_NAME);
	}
}

const struct sl_rule rule_I6011 = {
	.id = "I6011",
	.severity = SL_SEV_INFO,
	.title = "An output name is close to its length limit",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"An output logical ID longer than 90% of CloudFormation's 255-character limit (230 to "
	"255 characters; E6011 reports longer ones).\n\n"
	"### Why it matters\n"
	"Names this long come from generators; a little more prefixing and the template is "
	"rejected.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  # imagine this name running on to 240 characters\n"
	"  TheUrlOfTheQueueThatHoldsTheOrdersWaitingToBeShippedAndThatTheWarehouseReads:\n"
	"    Value: !Ref Queue\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  OrdersQueueUrl:\n"
	"    Value: !Ref Queue\n"
	"```\n",
	.check = check,
};
