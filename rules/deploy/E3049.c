/* E3049: a target group that an ECS service registers a dynamic host port in
 * health-checks the traffic port. */
#include <stdlib.h>

#include "rules/deploy/deploy.h"

#define TARGET_GROUP "AWS::ElasticLoadBalancingV2::TargetGroup"

/* The HostPort node of the port mapping of container `name` (in task
 * definition td) whose ContainerPort is `port`, when that HostPort is a literal
 * 0 (ECS then picks a host port from the ephemeral range); else NULL. */
static const struct sl_node *dynamic_host_port(const struct sl_entity *td, const struct sl_node *name,
					       long long port)
{
	const struct sl_node *defs = sl_map_get(sl_samr_props(td), "ContainerDefinitions");
	for (uint32_t i = 0; sl_node_is(defs, SL_SEQ) && i < defs->len; i++) {
		const struct sl_node *d = defs->items[i];
		const struct sl_node *n = sl_map_get(d, "Name");
		if (!sl_node_is(n, SL_SCALAR) || n->len != name->len || memcmp(n->str, name->str, n->len))
			continue;
		const struct sl_node *pms = sl_map_get(d, "PortMappings");
		for (uint32_t k = 0; sl_node_is(pms, SL_SEQ) && k < pms->len; k++) {
			long long cp, hp;
			const struct sl_node *h = sl_map_get(pms->items[k], "HostPort");
			if (sl_samr_int(sl_map_get(pms->items[k], "ContainerPort"), &cp) && cp == port &&
			    sl_samr_int(h, &hp) && hp == 0)
				return h;
		}
	}
	return NULL;
}

static void service(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	bool *reported = ud;
	const struct sl_entity *td = sl_dep_ref(c->t, sl_map_get(props, "TaskDefinition"), SL_ECS_TASKDEF);
	const struct sl_node *lbs = sl_map_get(props, "LoadBalancers");
	if (!td || !sl_node_is(lbs, SL_SEQ))
		return;
	for (uint32_t i = 0; i < lbs->len; i++) {
		const struct sl_node *lb = lbs->items[i];
		const struct sl_node *name = sl_map_get(lb, "ContainerName");
		long long port;
		if (!sl_node_is(name, SL_SCALAR) || sl_node_intrinsic(name) ||
		    !sl_samr_int(sl_map_get(lb, "ContainerPort"), &port))
			continue;
		const struct sl_entity *tg = sl_dep_ref(c->t, sl_map_get(lb, "TargetGroupArn"), TARGET_GROUP);
		if (!tg || reported[tg - c->t->resources.items])
			continue;
		const struct sl_node *hc = sl_map_get(sl_samr_props(tg), "HealthCheckPort");
		if (!sl_node_is(hc, SL_SCALAR) || sl_node_is_null(hc) || sl_str_eq(hc, "traffic-port"))
			continue; /* absent: the default is traffic-port */
		const struct sl_node *hp = dynamic_host_port(td, name, port);
		if (!hp)
			continue;
		reported[tg - c->t->resources.items] = true;
		sl_report(c, hc, "target group '%s' health-checks port %s, but ECS service '%s' "
			  "registers container '%s' (task definition '%s', HostPort 0) in it on a "
			  "dynamic host port that ECS picks from the ephemeral range: the health checks "
			  "miss the container and its tasks are marked unhealthy; set HealthCheckPort: "
			  "traffic-port (the default)", tg->key->str, hc->str, e->key->str, name->str,
			  td->key->str);
	}
}

static void check(struct sl_ctx *c)
{
	bool *reported = calloc(c->t->resources.n ? c->t->resources.n : 1, sizeof *reported);
	if (!reported)
		return;
	sl_samr_each_resource(c, SL_ECS_SERVICE, service, reported);
	free(reported);
}

const struct sl_rule rule_E3049 = {
	.id = "E3049",
	.severity = SL_SEV_ERROR,
	.title = "Target groups of dynamic ECS host ports health-check the traffic port",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-resource-elasticloadbalancingv2-targetgroup.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ECS::Service` whose `LoadBalancers` item registers a container "
	"(`ContainerName`, `ContainerPort`) in an `AWS::ElasticLoadBalancingV2::TargetGroup` of "
	"the template, where the service's task definition (a `Ref` to one of the template) maps "
	"that container port with `HostPort: 0`: the target group's `HealthCheckPort`, when set "
	"to a literal, is `traffic-port`. The finding is on `HealthCheckPort`, once per target "
	"group. An absent `HealthCheckPort` is fine (its default is `traffic-port`).\n\n"
	"### Why it matters\n"
	"With `HostPort: 0` ECS gives each task a host port from the ephemeral range and "
	"registers that port in the target group, so every task listens on a different port. "
	"`traffic-port` health-checks each target on the port it was registered with; a fixed "
	"port checks a port where the container does not listen, every target fails its health "
	"checks, and ECS keeps replacing tasks that are in fact healthy.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  TargetGroup:\n"
	"    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n"
	"    Properties:\n"
	"      Port: 80\n"
	"      Protocol: HTTP\n"
	"      VpcId: !Ref VpcId\n"
	"      HealthCheckPort: '80'\n"
	"  # the service registers container web, ContainerPort 80, whose mapping has HostPort: 0\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  TargetGroup:\n"
	"    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n"
	"    Properties:\n"
	"      Port: 80\n"
	"      Protocol: HTTP\n"
	"      VpcId: !Ref VpcId\n"
	"      HealthCheckPort: traffic-port\n"
	"```\n",
	.check = check,
};
