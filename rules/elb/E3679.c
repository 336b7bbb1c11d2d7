/* E3679: a Classic Load Balancer HTTPS or SSL listener without a certificate. */
#include <strings.h>

#include "rules/elb/elb.h"

static void check_listener(struct sl_ctx *c, const struct sl_node *l)
{
	if (!sl_node_is(l, SL_MAP) || sl_node_intrinsic(l))
		return;
	const struct sl_node *p = sl_map_get(l, "Protocol");
	if (!sl_samr_is_string(p) ||
	    !((p->len == 5 && strncasecmp(p->str, "HTTPS", 5) == 0) ||
	      (p->len == 3 && strncasecmp(p->str, "SSL", 3) == 0)))
		return;
	if (sl_elb_set(l, "SSLCertificateId", NULL) != 0)
		return;
	sl_report(c, p,
		  "this %.*s listener has no SSLCertificateId: a Classic Load Balancer terminates "
		  "HTTPS and SSL front-end connections with a server certificate deployed on it, and "
		  "the listener cannot be created without one. Add SSLCertificateId (the ARN of an "
		  "ACM or IAM server certificate), or use HTTP/TCP",
		  (int)p->len, p->str);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *list = sl_map_get(props, "Listeners");
	for (size_t i = 0; sl_node_is(list, SL_SEQ) && i < list->len; i++)
		check_listener(c, list->items[i]);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::ElasticLoadBalancing::LoadBalancer", check_one, NULL);
}

const struct sl_rule rule_E3679 = {
	.id = "E3679",
	.severity = SL_SEV_ERROR,
	.title = "Classic Load Balancer HTTPS and SSL listeners have a certificate",
	.source = "https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-https-load-balancers.html",
	.doc =
	"### What it checks\n"
	"Each entry of the `Listeners` of an `AWS::ElasticLoadBalancing::LoadBalancer` whose "
	"`Protocol` is `HTTPS` or `SSL` (in any case) has an `SSLCertificateId`. A certificate "
	"given in only one branch of an `Fn::If` is not judged.\n\n"
	"### Why it matters\n"
	"Elastic Load Balancing documents that when you use HTTPS/SSL for front-end "
	"connections you must deploy an SSL certificate on the Classic Load Balancer: it "
	"terminates the connection with it. A secure listener without one is rejected, and the "
	"stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  LoadBalancer:\n"
	"    Type: AWS::ElasticLoadBalancing::LoadBalancer\n"
	"    Properties:\n"
	"      AvailabilityZones: !GetAZs \"\"\n"
	"      Listeners:\n"
	"        - LoadBalancerPort: \"443\"\n"
	"          InstancePort: \"80\"\n"
	"          Protocol: HTTPS\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"        - LoadBalancerPort: \"443\"\n"
	"          InstancePort: \"80\"\n"
	"          Protocol: HTTPS\n"
	"          SSLCertificateId: !Ref Certificate\n"
	"```\n",
	.check = check,
};
