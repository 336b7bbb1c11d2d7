/* E99811: an ECS AppSpec file routes traffic to a port the container maps, when
 * the template beside it defines the task definition it deploys. */
#include <stdio.h>

#include "rules/appspec/appspec.h"

#define get_ci sl_appspec_value_ci

/* The port a scalar of digits gives (1 to 65535), else -1. */
static long port_of(const struct sl_node *v)
{
	if (!sl_node_is(v, SL_SCALAR) || v->len == 0 || v->len > 5)
		return -1;
	long n = 0;
	for (size_t i = 0; i < v->len; i++) {
		if (v->str[i] < '0' || v->str[i] > '9')
			return -1;
		n = n * 10 + (v->str[i] - '0');
	}
	return n >= 1 && n <= 65535 ? n : -1;
}

/* Writes the ContainerPort values of the container's PortMappings into buf
 * ("80, 443"; empty when it maps none) and says whether `port` is one of
 * them. False with *known false when a mapping is not a plain ContainerPort
 * (a port range, a parameter, a condition): the rule cannot tell. */
static bool maps_port(const struct sl_node *container, long port, char *buf, size_t size, bool *known)
{
	*known = false;
	buf[0] = '\0';
	const struct sl_node *pm = sl_map_get(container, "PortMappings");
	if (pm && !sl_node_is(pm, SL_SEQ))
		return false;
	size_t used = 0;
	bool found = false;
	for (size_t i = 0; pm && i < pm->len; i++) {
		const struct sl_node *m = pm->items[i];
		long p = sl_node_is(m, SL_MAP) && !sl_node_intrinsic(m) ?
			 port_of(sl_map_get(m, "ContainerPort")) : -1;
		if (p < 0)
			return false;
		found |= p == port;
		if (used + 16 < size)
			used += (size_t)snprintf(buf + used, size - used, "%s%ld", i ? ", " : "", p);
	}
	*known = true;
	return found;
}

static void one(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *body,
		const struct sl_node *props, void *arg)
{
	(void)key;
	(void)body;
	(void)arg;
	const struct sl_node *lbi = get_ci(props, "LoadBalancerInfo");
	const struct sl_node *name = get_ci(lbi, "ContainerName"), *port = get_ci(lbi, "ContainerPort");
	long p = port_of(port);
	if (!sl_appspec_plain_name(name) || p < 0)
		return; /* absent or not a port (E99808), or a placeholder */
	const char *path;
	const struct sl_template *t = sl_appspec_template(c, &path); /* read once per file */
	if (!t)
		return;
	bool known;
	const struct sl_entity *td = sl_appspec_task_definition(c, t, get_ci(props, "TaskDefinition"));
	const struct sl_node *list = td ? sl_appspec_containers(td) : NULL;
	const struct sl_node *ctr = list ? sl_appspec_container(list, name) : NULL;
	char ports[128];
	if (!ctr || maps_port(ctr, p, ports, sizeof(ports), &known) || !known)
		return; /* an unknown container is E99810's */
	char where[320];
	sl_appspec_taskdef_where(where, sizeof(where), t, td, path);
	if (ports[0])
		sl_report(c, port, "ContainerPort %ld is not a port that container '%.*s' maps in task "
			  "definition %.*s (%s), whose PortMappings give ContainerPort %s: the load "
			  "balancer's port must be one of them, else Amazon ECS refuses the "
			  "replacement task set and the deployment fails", p, SL_AS_KEY(name),
			  SL_AS_KEY(td->key), where, ports);
	else
		sl_report(c, port, "ContainerPort %ld is not a port that container '%.*s' maps in task "
			  "definition %.*s (%s), where it has no PortMappings at all: give it a "
			  "port mapping with ContainerPort %ld, else Amazon ECS refuses the "
			  "replacement task set and the deployment fails", p, SL_AS_KEY(name),
			  SL_AS_KEY(td->key), where, p);
}

static void check(struct sl_ctx *c)
{
	if (sl_appspec_platform(c->root) == SL_AS_ECS)
		sl_appspec_each_resource(c, "AWS::ECS::Service", one, NULL);
}

const struct sl_rule rule_E99811 = {
	.id = "E99811",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_APPSPEC,
	.title = "An ECS AppSpec file's ContainerPort is a port its container maps",
	.source = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LoadBalancer.html",
	.doc =
	"### What it checks\n"
	"An Amazon ECS AppSpec file's `LoadBalancerInfo.ContainerPort`, against the template "
	"beside the file (`template.yaml`, `template.yml` or `template.json` in the same "
	"directory) when that template defines the task definition the file deploys (found as "
	"for E99810: by the family in the `TaskDefinition` ARN) and the container `ContainerName` "
	"names: the port must be the `ContainerPort` of one of that container's `PortMappings`.\n\n"
	"Nothing is reported when there is no template beside the file, the task definition or "
	"the container is not in it, or a port mapping is not a plain number (a "
	"`ContainerPortRange`, a parameter, a condition).\n\n"
	"### Why it matters\n"
	"CodeDeploy's AppSpec reference makes `ContainerPort` \"the port on the container where "
	"traffic will be routed to\", and it creates the replacement task set with that load "
	"balancer setting. Amazon ECS documents that a load balancer's container port \"must "
	"correspond to a containerPort in the task definition\": with a port the container does "
	"not map, the task set is refused and the deployment fails.\n\n"
	"### Bad\n"
	"```yaml\n"
	"# template.yaml beside it: container web of family web-app maps ContainerPort 8080\n"
	"version: 0.0\n"
	"Resources:\n"
	"  - TargetService:\n"
	"      Type: AWS::ECS::Service\n"
	"      Properties:\n"
	"        TaskDefinition: arn:aws:ecs:us-east-1:111122223333:task-definition/web-app:7\n"
	"        LoadBalancerInfo:\n"
	"          ContainerName: web\n"
	"          ContainerPort: 80\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 0.0\n"
	"Resources:\n"
	"  - TargetService:\n"
	"      Type: AWS::ECS::Service\n"
	"      Properties:\n"
	"        TaskDefinition: arn:aws:ecs:us-east-1:111122223333:task-definition/web-app:7\n"
	"        LoadBalancerInfo:\n"
	"          ContainerName: web\n"
	"          ContainerPort: 8080\n"
	"```\n",
	.check = check,
};
