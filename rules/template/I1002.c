/* I1002: the template is close to CloudFormation's size limit. */
#include "engine/engine.h"
#include "rules/template/limits.h"

static void check(struct sl_ctx *c)
{
	size_t len = c->t->doc->len;
	if (len <= SL_TEMPLATE_MAX_BYTES && len * 100 > (size_t)SL_TEMPLATE_MAX_BYTES * SL_APPROACHING_PERCENT)
		sl_report_span(c, c->t->root, sl_pos(c, c->t->root->start), sl_pos(c, c->t->root->start),
			       "the template is %zu bytes, %zu%% of CloudFormation's limit of %u bytes",
			       len, len * 100 / SL_TEMPLATE_MAX_BYTES, SL_TEMPLATE_MAX_BYTES);
}

const struct sl_rule rule_I1002 = {
	.id = "I1002",
	.severity = SL_SEV_INFO,
	.title = "The template is close to the size limit",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"A template file over 90% of CloudFormation's 1,000,000-byte limit (E1002 reports one over "
	"it).\n\n"
	"### Why it matters\n"
	"The next few resources will not fit; splitting into nested stacks is easier before the "
	"deadline than during it.\n\n"
	"### Bad\n"
	"```yaml\n"
	"# a 950 KB template\n"
	"Resources:\n"
	"  ...\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Network:\n"
	"    Type: AWS::CloudFormation::Stack\n"
	"    Properties:\n"
	"      TemplateURL: https://example-bucket.s3.amazonaws.com/network.yaml\n"
	"```\n",
	.check = check,
};
