/* I3010: the number of resources is not close to the limit of 500. */
#include <string.h>

#include "engine/engine.h"

#define MAX_RESOURCES 500

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	size_t n = 0;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_node *k = t->resources.items[i].key;
		n += !sl_foreach_key(k);
	}
	if (n >= MAX_RESOURCES * 9 / 10 && n <= MAX_RESOURCES)
		sl_report(c, t->sections[SL_SEC_RESOURCES]->key, "the template declares %zu resources, close to CloudFormation's limit of %d", n, MAX_RESOURCES);
}

const struct sl_rule rule_I3010 = {
	.id = "I3010",
	.severity = SL_SEV_INFO,
	.title = "The number of resources is not close to the limit of 500",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"The Resources section declares fewer than 450 resources, 90% of the CloudFormation quota of 500 (above 500, E3010 reports instead).\n"
	"\n"
	"### Why it matters\n"
	"A template near the quota leaves no room to grow; plan nested stacks before a change fails.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue1:\n"
	"    Type: AWS::SQS::Queue\n"
	"  # ... 450 more\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue1:\n"
	"    Type: AWS::SQS::Queue\n"
	"```\n",
	.check = check,
};
