/* E3053: awsvpc (and host) task definitions map each container port to the same host port. */
#include "rules/deploy/deploy.h"

static void task(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	static const char *const direct[] = { "awsvpc", "host", NULL };
	(void)ud;
	const struct sl_node *mode = sl_map_get(props, "NetworkMode");
	if (sl_dep_match(mode, direct) != SL_DEP_ALL)
		return;
	const char *m = sl_dep_is(mode, "host")     ? "host"
			: sl_dep_is(mode, "awsvpc") ? "awsvpc"
						    : "awsvpc or host (by condition)";
	const struct sl_node *defs = sl_map_get(props, "ContainerDefinitions");
	for (size_t d = 0; sl_node_is(defs, SL_SEQ) && d < defs->len; d++) {
		const struct sl_node *pm = sl_map_get(defs->items[d], "PortMappings");
		for (size_t p = 0; sl_node_is(pm, SL_SEQ) && p < pm->len; p++) {
			const struct sl_node *host = sl_map_get(pm->items[p], "HostPort");
			long long hp = sl_dep_int(host);
			long long cp = sl_dep_int(sl_map_get(pm->items[p], "ContainerPort"));
			if (hp < 0 || cp < 0 || hp == cp)
				continue;
			sl_report(c, host, "HostPort %lld differs from ContainerPort %lld in task "
				  "definition '%s', whose NetworkMode is %s: in the awsvpc and host "
				  "network modes the container's port is the port the network sees, so "
				  "HostPort must be left out or equal to ContainerPort (%lld); ECS "
				  "rejects the task definition", hp, cp, e->key->str, m, cp);
		}
	}
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_ECS_TASKDEF, task, NULL);
}

const struct sl_rule rule_E3053 = {
	.id = "E3053",
	.severity = SL_SEV_ERROR,
	.title = "awsvpc and host port mappings use the container port as host port",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-properties-ecs-taskdefinition-portmapping.html",
	.doc =
	"### What it checks\n"
	"In an `AWS::ECS::TaskDefinition` whose `NetworkMode` is `awsvpc` or `host` (every "
	"branch of an `Fn::If`), each `PortMappings` entry of the container definitions either "
	"leaves `HostPort` out or sets it to the `ContainerPort` value. Ports given by a "
	"parameter or another function are not judged.\n\n"
	"### Why it matters\n"
	"With `awsvpc` each task has its own network interface, and with `host` the containers "
	"use the instance's network stack: the container's port is the port the outside sees, "
	"and there is no port translation. The ECS documentation says `hostPort` can be left "
	"blank or must be the same value as `containerPort`; a different value makes ECS reject "
	"the task definition, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  TaskDefinition:\n"
	"    Type: AWS::ECS::TaskDefinition\n"
	"    Properties:\n"
	"      NetworkMode: awsvpc\n"
	"      RequiresCompatibilities: [FARGATE]\n"
	"      Cpu: '256'\n"
	"      Memory: '512'\n"
	"      ContainerDefinitions:\n"
	"        - Name: web\n"
	"          Image: public.ecr.aws/nginx/nginx:latest\n"
	"          PortMappings:\n"
	"            - ContainerPort: 80\n"
	"              HostPort: 8080\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  TaskDefinition:\n"
	"    Type: AWS::ECS::TaskDefinition\n"
	"    Properties:\n"
	"      NetworkMode: awsvpc\n"
	"      RequiresCompatibilities: [FARGATE]\n"
	"      Cpu: '256'\n"
	"      Memory: '512'\n"
	"      ContainerDefinitions:\n"
	"        - Name: web\n"
	"          Image: public.ecr.aws/nginx/nginx:latest\n"
	"          PortMappings:\n"
	"            - ContainerPort: 80\n"
	"```\n",
	.check = check,
};
