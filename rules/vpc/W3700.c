/* W3700: an Elastic IP address whose Domain is neither vpc nor standard. */
#include <strings.h>

#include "rules/sam/samrules.h"

static void check_value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	if (!sl_samr_is_string(v))
		return;
	if ((v->len == 3 && strncasecmp(v->str, "vpc", 3) == 0) ||
	    (v->len == 8 && strncasecmp(v->str, "standard", 8) == 0))
		return;
	sl_report(c, v,
		  "Domain '%.*s' is not one of the values EC2 documents for an Elastic IP address "
		  "(vpc, standard), so it does not say where the address is allocated. Write "
		  "Domain: vpc for an address used in a VPC",
		  (int)v->len, v->str);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *d = sl_map_get(props, "Domain");
	if (d)
		sl_samr_each_value(d, check_value, c, NULL);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::EC2::EIP", check_one, NULL);
}

const struct sl_rule rule_W3700 = {
	.id = "W3700",
	.severity = SL_SEV_WARNING,
	.title = "Elastic IP Domain is vpc or standard",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_AllocateAddress.html",
	.doc =
	"### What it checks\n"
	"The `Domain` of an `AWS::EC2::EIP` (a literal, or each literal branch of an `Fn::If`) "
	"is `vpc` or `standard`.\n\n"
	"### Why it matters\n"
	"AllocateAddress documents `vpc` and `standard` as the valid values of `Domain` (`vpc` "
	"for an address used with instances in a VPC). Another value is not one EC2 documents: "
	"what it does is unspecified, and it misleads a reader about where the address lives.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Address:\n"
	"    Type: AWS::EC2::EIP\n"
	"    Properties:\n"
	"      Domain: classic\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Domain: vpc\n"
	"```\n",
	.check = check,
};
