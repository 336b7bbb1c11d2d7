/* E3688: an ICMP security group rule for all types also takes all codes.
 *
 * The EC2 API reference (IpPermission, ToPort) says: for ICMP and ICMPv6 the
 * start port is the ICMP type and the end port the ICMP code, and if the start
 * port is -1 (all ICMP types), the end port must be -1 (all ICMP codes). A
 * rule of an AWS::EC2::SecurityGroup or an AWS::EC2::SecurityGroupIngress /
 * SecurityGroupEgress resource with a literal icmp or icmpv6 protocol (1, 58),
 * a literal FromPort of -1 and a literal ToPort other than -1 is reported at
 * its ToPort. The other way round is allowed (FromPort 8, ToPort -1: every
 * code of one type); other protocols are not judged (for -1 the ports are
 * ignored, W3687). */
#include "rules/functions/fn.h"
#include "rules/vpc/vpc.h"

static bool is_icmp(const struct sl_node *p)
{
	return sl_node_is(p, SL_SCALAR) &&
	       (sl_str_eq(p, "icmp") || sl_str_eq(p, "icmpv6") || sl_str_eq(p, "1") ||
		sl_str_eq(p, "58"));
}

static void check_rule(struct sl_ctx *c, const struct sl_node *r, void *ud)
{
	(void)ud;
	const struct sl_node *p = sl_map_get(r, "IpProtocol");
	const struct sl_node *from = sl_map_get(r, "FromPort");
	const struct sl_node *to = sl_map_get(r, "ToPort");
	long f, t;
	if (!is_icmp(p) || !sl_fn_int(from, &f) || !sl_fn_int(to, &t))
		return;
	if (f == -1 && t != -1)
		sl_report(c, to, "ToPort %ld with FromPort -1: for IpProtocol %s, FromPort -1 means "
			  "all ICMP types and then ToPort (the ICMP code) must be -1 too; set ToPort "
			  "to -1, or FromPort to one ICMP type", t, p->str);
}


static void check(struct sl_ctx *c)
{
	sl_vpc_each_sg_rule(c, check_rule, NULL);
}

const struct sl_rule rule_E3688 = {
	.id = "E3688",
	.severity = SL_SEV_ERROR,
	.title = "ICMP security group rules for all types take all codes",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html",
	.doc =
	"### What it checks\n"
	"A security group rule (an item of `SecurityGroupIngress` or `SecurityGroupEgress` of an "
	"`AWS::EC2::SecurityGroup`, or an `AWS::EC2::SecurityGroupIngress` or "
	"`AWS::EC2::SecurityGroupEgress` resource) with a literal `IpProtocol` of `icmp` or "
	"`icmpv6` (1, 58) and `FromPort: -1` has `ToPort: -1`. `FromPort` set to one ICMP type "
	"with `ToPort: -1` (every code of that type) is allowed; other protocols are not judged.\n"
	"\n"
	"### Why it matters\n"
	"For ICMP, `FromPort` is the ICMP type and `ToPort` the ICMP code; EC2 requires the code "
	"to be -1 (all codes) when the type is -1 (all types) (IpPermission). Another code is "
	"rejected and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      SecurityGroupIngress:\n"
	"        - IpProtocol: icmp\n"
	"          FromPort: -1\n"
	"          ToPort: 0\n"
	"          CidrIp: 10.0.0.0/16\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      SecurityGroupIngress:\n"
	"        - IpProtocol: icmp\n"
	"          FromPort: -1\n"
	"          ToPort: -1\n"
	"          CidrIp: 10.0.0.0/16\n"
	"```\n",
	.check = check,
};
