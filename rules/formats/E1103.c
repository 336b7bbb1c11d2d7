/* E1103: CIDR blocks have the form address/prefix. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1103 = {
	.id = "E1103",
	.severity = SL_SEV_ERROR,
	.title = "CIDR blocks have the form address/prefix",
	.source = "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes an IPv4 or IPv6 network in CIDR notation (a "
	"security group rule's `CidrIp` or `CidrIpv6`, a VPC's or a subnet's `CidrBlock`, a route's "
	"`DestinationCidrBlock`, a network ACL entry's `CidrBlock`, ...) is one: an IPv4 address "
	"and a prefix length of 0 to 32 (`10.0.0.0/16`), or an IPv6 address and a prefix length of "
	"0 to 128 (`2001:db8::/56`). Host bits set below the prefix are not reported: EC2 stores "
	"the block in its canonical form.\n\n"
	"### Why it matters\n"
	"EC2 rejects an address without its prefix length, an address out of range or an IPv6 "
	"block where an IPv4 one is wanted when the resource is created, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      SecurityGroupIngress:\n"
	"        - IpProtocol: tcp\n"
	"          FromPort: 443\n"
	"          ToPort: 443\n"
	"          CidrIp: 10.0.0.300/16\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"          CidrIp: 10.0.0.0/16\n"
	"```\n",
	.check = check,
};
