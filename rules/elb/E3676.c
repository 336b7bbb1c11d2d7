/* E3676: an HTTPS or TLS listener without a certificate. */
#include "rules/elb/elb.h"

static void check_protocol(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const struct sl_node *props = ud;
	if (!sl_str_eq(v, "HTTPS") && !sl_str_eq(v, "TLS"))
		return;
	if (sl_elb_set(props, "Certificates", NULL) != 0)
		return;
	sl_report(c, v,
		  "Protocol %.*s needs a server certificate, and this listener has no Certificates: Elastic "
		  "Load Balancing requires exactly one default certificate for HTTPS and TLS listeners "
		  "and rejects the listener. Add Certificates with the ACM certificate's ARN "
		  "(CertificateArn), or use HTTP/TCP",
		  (int)v->len, v->str);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *proto = sl_map_get(props, "Protocol");
	if (proto)
		sl_samr_each_value(proto, check_protocol, c, (void *)props);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::ElasticLoadBalancingV2::Listener", check_one, NULL);
}

const struct sl_rule rule_E3676 = {
	.id = "E3676",
	.severity = SL_SEV_ERROR,
	.title = "HTTPS and TLS listeners have a certificate",
	.source = "https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_CreateListener.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ElasticLoadBalancingV2::Listener` whose `Protocol` is `HTTPS` or `TLS` (a "
	"literal, or a literal branch of an `Fn::If`) has `Certificates`.\n\n"
	"### Why it matters\n"
	"CreateListener documents `Certificates` for HTTPS and TLS listeners: the default "
	"certificate for the listener, and exactly one must be given. Without it the listener "
	"is rejected, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Listener:\n"
	"    Type: AWS::ElasticLoadBalancingV2::Listener\n"
	"    Properties:\n"
	"      LoadBalancerArn: !Ref LoadBalancer\n"
	"      Port: 443\n"
	"      Protocol: HTTPS\n"
	"      DefaultActions:\n"
	"        - Type: forward\n"
	"          TargetGroupArn: !Ref TargetGroup\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Protocol: HTTPS\n"
	"      Certificates:\n"
	"        - CertificateArn: !Ref Certificate\n"
	"```\n",
	.check = check,
};
