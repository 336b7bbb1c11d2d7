/* E3048: a Fargate task definition has what Fargate requires (awsvpc, task Cpu
 * and Memory) and nothing it refuses. */
#include "rules/deploy/deploy.h"
#include "rules/deploy/fargate.h"

static void check_task(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		       const struct sl_node *fargate)
{
	static const char *const awsvpc[] = { "awsvpc", NULL };
	static const char *const drivers[] = { "awslogs", "splunk", "awsfirelens", NULL };
	static const char *const required[] = { "Cpu", "Memory", "NetworkMode" };
	(void)fargate;
	const struct sl_node *mode = sl_map_get(props, "NetworkMode");
	const struct sl_node *cpu = sl_map_get(props, "Cpu");
	for (size_t k = 0; k < 3; k++)
		if (!sl_map_get(props, required[k]))
			sl_report(c, sl_samr_anchor(e), "Fargate task definition '%s' has no %s: %s, "
				  "and ECS rejects the task definition", e->key->str, required[k],
				  k < 2 ? "Fargate requires a task-level Cpu and Memory (one of its "
					  "task sizes)"
					: "Fargate requires NetworkMode awsvpc (the default is "
					  "bridge)");
	if (sl_dep_match(mode, awsvpc) == SL_DEP_NONE)
		sl_report(c, mode, "NetworkMode %s in Fargate task definition '%s': Fargate task "
			  "definitions require the awsvpc network mode; set NetworkMode: awsvpc (and "
			  "give the service a NetworkConfiguration)",
			  sl_dep_text(mode, "(a value other than awsvpc)"), e->key->str);
	long long units = sl_fargate_cpu(cpu);
	if (units >= 0 && !sl_fargate_memory_text(units) && units != 32768)
		sl_report(c, cpu, "Cpu %s is not a Fargate task size in task definition '%s': "
			  "Fargate offers 256, 512, 1024, 2048, 4096, 8192 or 16384 CPU units (0.25 "
			  "to 16 vCPU), and ECS rejects any other value", cpu->str, e->key->str);
	const struct sl_pair *pc = sl_map_get_pair(props, "PlacementConstraints");
	if (pc && sl_dep_items(NULL, 0, pc->value))
		sl_report(c, pc->key, "PlacementConstraints in Fargate task definition '%s': task "
			  "placement constraints are not supported for tasks run on Fargate (Fargate "
			  "spreads tasks across Availability Zones itself); remove them, or drop "
			  "FARGATE from RequiresCompatibilities", e->key->str);
	const struct sl_node *defs = sl_map_get(props, "ContainerDefinitions");
	for (size_t d = 0; sl_node_is(defs, SL_SEQ) && d < defs->len; d++) {
		const struct sl_node *drv =
			sl_map_get(sl_map_get(defs->items[d], "LogConfiguration"), "LogDriver");
		if (sl_dep_match(drv, drivers) == SL_DEP_NONE)
			sl_report(c, drv, "log driver %s in Fargate task definition '%s': Fargate "
				  "tasks support only the awslogs, splunk and awsfirelens log drivers",
				  sl_dep_text(drv, "(this value)"), e->key->str);
	}
}

static void check(struct sl_ctx *c)
{
	sl_dep_each_fargate(c, SL_ECS_TASKDEF, check_task);
}

const struct sl_rule rule_E3048 = {
	.id = "E3048",
	.severity = SL_SEV_ERROR,
	.title = "Fargate task definitions have the properties Fargate requires",
	.source = "https://docs.aws.amazon.com/AmazonECS/latest/userguide/fargate-task-defs.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ECS::TaskDefinition` whose `RequiresCompatibilities` lists `FARGATE`:\n\n"
	"- sets `Cpu`, `Memory` and `NetworkMode` (each missing one reported at `Properties`);\n"
	"- has `NetworkMode: awsvpc`;\n"
	"- has a `Cpu` that is a Fargate task size (256, 512, 1024, 2048, 4096, 8192 or 16384 "
	"CPU units, or the same in vCPUs);\n"
	"- has no `PlacementConstraints`;\n"
	"- uses only the `awslogs`, `splunk` or `awsfirelens` log driver in its containers' "
	"`LogConfiguration`.\n\n"
	"Values given by a parameter are not judged; an `Fn::If` is judged when every branch is "
	"a literal. Whether `Memory` fits `Cpu` is E3047's.\n\n"
	"### Why it matters\n"
	"ECS validates a task definition against each launch type it requires. Fargate task "
	"definitions need the `awsvpc` network mode (the default is `bridge`) and a task-level "
	"CPU and memory size; placement constraints and other log drivers are not valid for "
	"Fargate tasks. Registration fails and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  TaskDefinition:\n"
	"    Type: AWS::ECS::TaskDefinition\n"
	"    Properties:\n"
	"      RequiresCompatibilities: [FARGATE]\n"
	"      NetworkMode: bridge\n"
	"      Cpu: '256'\n"
	"      Memory: '512'\n"
	"      ContainerDefinitions:\n"
	"        - Name: web\n"
	"          Image: public.ecr.aws/nginx/nginx:latest\n"
	"          LogConfiguration:\n"
	"            LogDriver: syslog\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  TaskDefinition:\n"
	"    Type: AWS::ECS::TaskDefinition\n"
	"    Properties:\n"
	"      RequiresCompatibilities: [FARGATE]\n"
	"      NetworkMode: awsvpc\n"
	"      Cpu: '256'\n"
	"      Memory: '512'\n"
	"      ContainerDefinitions:\n"
	"        - Name: web\n"
	"          Image: public.ecr.aws/nginx/nginx:latest\n"
	"          LogConfiguration:\n"
	"            LogDriver: awslogs\n"
	"            Options:\n"
	"              awslogs-group: /ecs/web\n"
	"              awslogs-region: !Ref AWS::Region\n"
	"              awslogs-stream-prefix: web\n"
	"```\n",
	.check = check,
};
