/* I7002: a mapping name is close to its 255-character limit. */
#include "engine/engine.h"
#include "rules/template/limits.h"

#define MAX_NAME 255 /* E7002's quota */

static void check(struct sl_ctx *c)
{
	const struct sl_index *m = &c->t->mappings;
	for (size_t i = 0; i < m->n; i++) {
		const struct sl_node *k = m->items[i].key;
		if (k->len <= MAX_NAME && (size_t)k->len * 100 > (size_t)MAX_NAME * SL_APPROACHING_PERCENT)
			sl_report(c, k, "mapping name '%.20s...' is %u characters long, close to "
				  "CloudFormation's limit of %d; shorten it", k->str, (unsigned)k->len,
				  MAX_NAME);
	}
}

const struct sl_rule rule_I7002 = {
	.id = "I7002",
	.severity = SL_SEV_INFO,
	.title = "A mapping name is close to its length limit",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"A mapping name longer than 90% of CloudFormation's 255-character limit (230 to 255 "
	"characters; E7002 reports longer ones).\n\n"
	"### Why it matters\n"
	"Names this long come from generators; a little more prefixing and the template is "
	"rejected. Every `Fn::FindInMap` repeats the name, too.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Mappings:\n"
	"  # imagine this name running on to 240 characters\n"
	"  AmiByRegionForTheWebTierOfTheCheckoutServiceInEveryRegionWeDeployTo:\n"
	"    us-east-1:\n"
	"      Ami: ami-0123456789abcdef0\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Mappings:\n"
	"  WebAmi:\n"
	"    us-east-1:\n"
	"      Ami: ami-0123456789abcdef0\n"
	"```\n",
	.check = check,
};
