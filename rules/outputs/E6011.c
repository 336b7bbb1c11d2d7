/* E6011: output names are at most 255 characters. */
#include "rules/outputs/outputs.h"

#define MAX_NAME 255

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->outputs.n; i++) {
		const struct sl_entity *e = &t->outputs.items[i];
		if (sl_output_loop(e))
			continue;
		if (e->key->len > MAX_NAME)
			sl_report(c, e->key, "output name is %u characters long; CloudFormation allows at "
				  "most %d", (unsigned)e->key->len, MAX_NAME);
	}
}

const struct sl_rule rule_E6011 = {
	.id = "E6011",
	.severity = SL_SEV_ERROR,
	.title = "Output names are at most 255 characters",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"Each output's logical ID is at most 255 characters long.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation rejects longer logical IDs.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  QueueUrlOfTheQueueThatHoldsTheOrdersWaitingToBeShippedAndThatTheWarehouseReadsEveryMorning...: # 256+ characters\n"
	"    Value: !Ref Queue\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  OrdersQueueUrl:\n"
	"    Value: !Ref Queue\n"
	"```\n",
	.check = check,
};
