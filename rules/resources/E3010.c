/* E3010: at most 500 resources. */
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
	if (n > MAX_RESOURCES)
		sl_report(c, t->sections[SL_SEC_RESOURCES]->key, "the template declares %zu resources; CloudFormation allows at most %d", n, MAX_RESOURCES);
}

const struct sl_rule rule_E3010 = {
	.id = "E3010",
	.severity = SL_SEV_ERROR,
	.title = "At most 500 resources",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"The Resources section declares at most 500 resources (the CloudFormation quota).\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation rejects a template with more resources; split it into nested stacks.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue1:\n"
	"    Type: AWS::SQS::Queue\n"
	"  # ... 500 more\n"
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
