/* I2011: a parameter name is close to its 255-character limit. */
#include "rules/parameters/params.h"
#include "rules/template/limits.h"

#define MAX_NAME 255 /* E2011's quota */

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_node *k = t->params.items[i].key;
		if (k->len <= MAX_NAME && (size_t)k->len * 100 > (size_t)MAX_NAME * SL_APPROACHING_PERCENT)
			sl_report(c, k, "parameter name '%.20s...' is %u characters long, close to "
				  "CloudFormation's limit of %d; shorten it", k->str, (unsigned)k->len,
				  MAX_NAME);
	}
}

const struct sl_rule rule_I2011 = {
	.id = "I2011",
	.severity = SL_SEV_INFO,
	.title = "A parameter name is close to its length limit",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"A parameter logical ID longer than 90% of CloudFormation's 255-character limit (230 to "
	"255 characters; E2011 reports longer ones).\n\n"
	"### Why it matters\n"
	"Names this long come from generators; a little more prefixing and the template is "
	"rejected. A short name is also easier to pass on the command line.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  # imagine this name running on to 240 characters\n"
	"  TheIdentifierOfTheVirtualPrivateCloudIntoWhichEveryResourceOfThisStackIsPlaced:\n"
	"    Type: AWS::EC2::VPC::Id\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  VpcId:\n"
	"    Type: AWS::EC2::VPC::Id\n"
	"```\n",
	.check = check,
};
