/* E1002: the template is within CloudFormation's size limit. */
#include "engine/engine.h"
#include "rules/template/limits.h"

static void check(struct sl_ctx *c)
{
	size_t len = c->t->doc->len;
	if (len > SL_TEMPLATE_MAX_BYTES)
		sl_report_span(c, c->t->root, sl_pos(c, c->t->root->start), sl_pos(c, c->t->root->start),
			       "the template is %zu bytes, over CloudFormation's limit of %u bytes for a "
			       "template in S3 (and 51,200 bytes when passed inline)", len, SL_TEMPLATE_MAX_BYTES);
}

const struct sl_rule rule_E1002 = {
	.id = "E1002",
	.severity = SL_SEV_ERROR,
	.title = "The template is within the size limit",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"The size of the template file: CloudFormation accepts at most 1,000,000 bytes for a template "
	"body stored in S3 (51,200 bytes when it is passed inline). I1002 says when a template "
	"passes 90% of the limit.\n\n"
	"### Why it matters\n"
	"CloudFormation refuses a larger template outright; the usual way out is nested stacks or "
	"moving long inline code and policies out of the template.\n\n"
	"### Bad\n"
	"```yaml\n"
	"# a 1.2 MB template\n"
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
