/* W3687: no port range on a security group rule whose protocol ignores it.
 *
 * The EC2 API reference (IpPermission) says that specifying -1 or a protocol
 * number other than tcp, udp, icmp or icmpv6 allows traffic on all ports,
 * whatever port range is specified. A rule of an AWS::EC2::SecurityGroup
 * (SecurityGroupIngress, SecurityGroupEgress) or an AWS::EC2::SecurityGroupIngress
 * / SecurityGroupEgress resource with such a literal IpProtocol and FromPort or
 * ToPort is reported: the range does not limit anything. Protocol numbers of tcp
 * (6), udp (17), icmp (1) and icmpv6 (58) take ports; names other than the four
 * and values written with functions are left alone. */
#include <stdlib.h>
#include <strings.h>

#include "engine/engine.h"
#include "rules/vpc/vpc.h"

/* True when the literal protocol p certainly ignores ports. */
static bool ignores_ports(const struct sl_node *p)
{
	if (!sl_node_is(p, SL_SCALAR) || sl_node_is_null(p) || p->len == 0 || p->len > 4)
		return false;
	char *end;
	long v = strtol(p->str, &end, 10);
	if (*end != '\0')
		return false; /* a name: tcp, udp, icmp, icmpv6 or one we do not judge */
	return v != 1 && v != 6 && v != 17 && v != 58;
}

static void check_rule(struct sl_ctx *c, const struct sl_node *r, void *ud)
{
	(void)ud;
	const struct sl_node *p = sl_map_get(r, "IpProtocol");
	if (!ignores_ports(p))
		return;
	const struct sl_node *from = sl_map_get(r, "FromPort");
	const struct sl_node *to = sl_map_get(r, "ToPort");
	if (!from && !to)
		return;
	const char *which = from && to ? "FromPort and ToPort are" : from ? "FromPort is" : "ToPort is";
	sl_report(c, from ? from : to, "%s ignored with IpProtocol %s: %s allows traffic on all "
		  "ports whatever the range says; remove the port range, or use tcp, udp, icmp or "
		  "icmpv6 to limit the rule to ports",
		  which, p->str, p->str[0] == '-' ? "-1 (all protocols)" : "a protocol other than tcp, "
		  "udp, icmp and icmpv6");
}


static void check(struct sl_ctx *c)
{
	sl_vpc_each_sg_rule(c, check_rule, NULL);
}

const struct sl_rule rule_W3687 = {
	.id = "W3687",
	.severity = SL_SEV_WARNING,
	.title = "Security group rules set no port range for protocols that ignore it",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html",
	.doc =
	"### What it checks\n"
	"A security group rule (an item of `SecurityGroupIngress` or `SecurityGroupEgress` of an "
	"`AWS::EC2::SecurityGroup`, or an `AWS::EC2::SecurityGroupIngress` or "
	"`AWS::EC2::SecurityGroupEgress` resource) whose literal `IpProtocol` is `-1` or a "
	"protocol number other than those of tcp (6), udp (17), icmp (1) and icmpv6 (58) sets no "
	"`FromPort` or `ToPort`. Protocol names and values written with functions are not judged.\n"
	"\n"
	"### Why it matters\n"
	"EC2 allows traffic on all ports for `-1` and for such protocol numbers, whatever port "
	"range is given (IpPermission). A range there reads as a limit but limits nothing: the rule "
	"is wider than it looks.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      SecurityGroupIngress:\n"
	"        - IpProtocol: -1\n"
	"          FromPort: 443\n"
	"          ToPort: 443\n"
	"          CidrIp: 10.0.0.0/16\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      SecurityGroupIngress:\n"
	"        - IpProtocol: tcp\n"
	"          FromPort: 443\n"
	"          ToPort: 443\n"
	"          CidrIp: 10.0.0.0/16\n"
	"```\n",
	.check = check,
};
