/* E7002: mapping names are at most 255 characters. */
#include "rules/refs.h"

#define MAPPING_NAME_MAX 255

static void check(struct sl_ctx *c)
{
	const struct sl_index *m = &c->t->mappings;
	for (size_t i = 0; i < m->n; i++) {
		const struct sl_node *k = m->items[i].key;
		if (k->len > MAPPING_NAME_MAX)
			sl_report(c, k, "mapping name is %u characters long: the limit is %d",
				  (unsigned)k->len, MAPPING_NAME_MAX);
	}
}

const struct sl_rule rule_E7002 = {
	.id = "E7002",
	.severity = SL_SEV_ERROR,
	.title = "Mapping names are at most 255 characters",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"Each mapping name in the `Mappings` section is at most 255 characters long.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a template with a longer mapping name.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Mappings:\n"
	"  AmiByRegionForTheWebTierOfTheCheckoutServiceInEveryRegion...: # 300 characters\n"
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
