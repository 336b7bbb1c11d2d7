/* E3687: security group rules for tcp, udp and icmp give a port range.
 *
 * The EC2 API reference (IpPermission) says: for tcp, udp and icmp a port
 * range must be specified; for icmpv6 it is optional. A rule of an
 * AWS::EC2::SecurityGroup (SecurityGroupIngress, SecurityGroupEgress) or an
 * AWS::EC2::SecurityGroupIngress / SecurityGroupEgress resource whose literal
 * IpProtocol is tcp, udp or icmp (or 6, 17, 1) and that lacks FromPort or
 * ToPort is reported at its IpProtocol. A protocol written with Fn::If is
 * judged branch by branch where the branch is literal; a rule written with
 * Fn::If likewise; other functions are not judged. */
#include <string.h>

#include "engine/engine.h"
#include "rules/vpc/vpc.h"

/* The name of the port-taking protocol p stands for ("tcp", "udp", "icmp"),
 * or NULL when p is not a literal one of them. */
static const char *needs_ports(const struct sl_node *p)
{
	static const char *const names[][2] = { { "tcp", "6" }, { "udp", "17" }, { "icmp", "1" } };
	if (!sl_node_is(p, SL_SCALAR) || sl_node_is_null(p))
		return NULL;
	for (size_t i = 0; i < 3; i++)
		if (sl_str_eq(p, names[i][0]) || sl_str_eq(p, names[i][1]))
			return names[i][0];
	return NULL;
}

static void check_protocol(struct sl_ctx *c, const struct sl_node *r, const struct sl_node *p)
{
	const struct sl_node *a, *b;
	if (sl_node_if(p, &a, &b)) {
		check_protocol(c, r, a);
		check_protocol(c, r, b);
		return;
	}
	const char *name = needs_ports(p);
	if (!name)
		return;
	bool from = sl_map_get_pair(r, "FromPort") != NULL;
	bool to = sl_map_get_pair(r, "ToPort") != NULL;
	if (from && to)
		return;
	const char *missing = !from && !to ? "FromPort and ToPort" : !from ? "FromPort" : "ToPort";
	/* "IpProtocol 6 (tcp)" for a number, "IpProtocol tcp" for a name */
	bool number = !sl_str_eq(p, name);
	if (strcmp(name, "icmp") == 0)
		sl_report(c, p, "IpProtocol %s%s needs %s: EC2 requires the ICMP type (FromPort) and "
			  "code (ToPort) for icmp rules; use -1 for all types and codes", p->str,
			  number ? " (icmp)" : "", missing);
	else
		sl_report(c, p, "IpProtocol %s%s%s%s needs %s: EC2 requires a port range for tcp and "
			  "udp rules; set FromPort and ToPort (0 and 65535 for all ports)", p->str,
			  number ? " (" : "", number ? name : "", number ? ")" : "", missing);
}

static void check_rule(struct sl_ctx *c, const struct sl_node *r, void *ud)
{
	(void)ud;
	check_protocol(c, r, sl_map_get(r, "IpProtocol"));
}

static void check(struct sl_ctx *c)
{
	sl_vpc_each_sg_rule(c, check_rule, NULL);
}

const struct sl_rule rule_E3687 = {
	.id = "E3687",
	.severity = SL_SEV_ERROR,
	.title = "Security group rules for tcp, udp and icmp give a port range",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_IpPermission.html",
	.doc =
	"### What it checks\n"
	"A security group rule (an item of `SecurityGroupIngress` or `SecurityGroupEgress` of an "
	"`AWS::EC2::SecurityGroup`, or an `AWS::EC2::SecurityGroupIngress` or "
	"`AWS::EC2::SecurityGroupEgress` resource) whose literal `IpProtocol` is `tcp`, `udp` or "
	"`icmp` (or their numbers 6, 17 and 1) sets both `FromPort` and `ToPort`. `icmpv6`, `-1` "
	"and other protocols are not judged; values written with functions other than `Fn::If` "
	"are not judged.\n"
	"\n"
	"### Why it matters\n"
	"EC2 requires a port range for tcp, udp and icmp rules (IpPermission: for icmp the range "
	"holds the ICMP type and code). Without it the security group, or the rule, fails to "
	"create and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      SecurityGroupIngress:\n"
	"        - IpProtocol: icmp\n"
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
