/* I7010: the template is close to its limit of 200 mappings. */
#include "engine/engine.h"
#include "rules/template/limits.h"

#define MAX_MAPPINGS 200 /* E7010's quota */

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const struct sl_pair *sec = t->sections[SL_SEC_MAPPINGS];
	size_t n = t->mappings.n;
	if (!sec || n > MAX_MAPPINGS || n * 100 <= (size_t)MAX_MAPPINGS * SL_APPROACHING_PERCENT)
		return;
	sl_report(c, sec->key, "the template declares %zu mappings, close to CloudFormation's "
		  "limit of %d; merge mappings that share their top-level keys before it is reached",
		  n, MAX_MAPPINGS);
}

const struct sl_rule rule_I7010 = {
	.id = "I7010",
	.severity = SL_SEV_INFO,
	.title = "The template is close to the mapping limit",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"A template declaring more than 90% of CloudFormation's 200 mappings (181 to 200; E7010 "
	"reports more than 200). The finding is on the `Mappings` key.\n\n"
	"### Why it matters\n"
	"A few more mappings and the template is rejected. Mappings that share their top-level "
	"keys can usually be merged into one, with more second-level keys.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Mappings:   # 185 mappings\n"
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
