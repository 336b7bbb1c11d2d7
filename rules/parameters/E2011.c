/* E2011: parameter names are at most 255 characters long. */
#include "rules/parameters/params.h"

#define MAX_NAME 255

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_node *k = t->params.items[i].key;
		if (k->len > MAX_NAME)
			sl_report(c, k, "parameter name '%.20s...' is %u characters long; the limit is %d",
				  k->str, (unsigned)k->len, MAX_NAME);
	}
}

const struct sl_rule rule_E2011 = {
	.id = "E2011",
	.severity = SL_SEV_ERROR,
	.title = "Parameter names are at most 255 characters",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"Each parameter's logical ID is at most 255 characters long.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a template with a longer parameter name. Generated templates are "
	"where this happens, and the name is usually meant to be shortened, not kept.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  # imagine this name running on past 255 characters\n"
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
