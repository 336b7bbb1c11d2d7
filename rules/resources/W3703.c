/* W3703: a virtual private gateway whose Type is not ipsec.1. */
#include <strings.h>

#include "rules/sam/samrules.h"

static void check_value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	if (!sl_samr_is_string(v) || (v->len == 7 && strncasecmp(v->str, "ipsec.1", 7) == 0))
		return;
	sl_report(c, v,
		  "VPN gateway Type '%.*s' is not ipsec.1, the only type of VPN connection a virtual "
		  "private gateway supports: EC2 rejects other values. Set Type to ipsec.1",
		  (int)v->len, v->str);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *type = sl_map_get(props, "Type");
	if (type)
		sl_samr_each_value(type, check_value, c, NULL);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::EC2::VPNGateway", check_one, NULL);
}

const struct sl_rule rule_W3703 = {
	.id = "W3703",
	.severity = SL_SEV_WARNING,
	.title = "VPN gateway Type is ipsec.1",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpngateway.html",
	.doc =
	"### What it checks\n"
	"The `Type` of an `AWS::EC2::VPNGateway` (a literal, or each literal branch of an "
	"`Fn::If`) is `ipsec.1`.\n\n"
	"### Why it matters\n"
	"The resource's documentation lists `ipsec.1` as the only allowed value: it is the one "
	"type of VPN connection a virtual private gateway supports. Another value fails when the "
	"gateway is created.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Gateway:\n"
	"    Type: AWS::EC2::VPNGateway\n"
	"    Properties:\n"
	"      Type: ipsec\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Type: ipsec.1\n"
	"```\n",
	.check = check,
};
