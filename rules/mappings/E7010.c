/* E7010: a template declares at most 200 mappings. */
#include "rules/refs.h"

#define MAPPINGS_MAX 200

static void check(struct sl_ctx *c)
{
	const struct sl_index *m = &c->t->mappings;
	if (m->n > MAPPINGS_MAX)
		sl_report(c, m->items[MAPPINGS_MAX].key,
			  "the template declares %zu mappings: the limit is %d (this is number %d)", m->n,
			  MAPPINGS_MAX, MAPPINGS_MAX + 1);
}

const struct sl_rule rule_E7010 = {
	.id = "E7010",
	.severity = SL_SEV_ERROR,
	.title = "At most 200 mappings",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"The `Mappings` section declares at most 200 mappings. The finding is on the 201st.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a template with more mappings. Mappings that share their top-level "
	"keys can usually be merged into one, with more second-level keys.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Mappings:   # 201 mappings\n"
	"  AmiUsEast1:\n"
	"    Web:\n"
	"      Ami: ami-0123456789abcdef0\n"
	"  # ...\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Mappings:\n"
	"  Ami:\n"
	"    us-east-1:\n"
	"      Web: ami-0123456789abcdef0\n"
	"```\n",
	.check = check,
};
