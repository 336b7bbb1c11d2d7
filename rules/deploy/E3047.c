/* E3047: a Fargate task definition's Cpu and Memory are a pair Fargate offers. */
#include "rules/deploy/deploy.h"
#include "rules/deploy/fargate.h"

static void check_task(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		       const struct sl_node *fargate)
{
	(void)fargate;
	const struct sl_node *cn = sl_map_get(props, "Cpu"), *mn = sl_map_get(props, "Memory");
	long long cpu = sl_fargate_cpu(cn), mem = sl_fargate_memory(mn);
	const char *allowed = sl_fargate_memory_text(cpu);
	if (mem < 0 || !allowed || sl_fargate_fits(cpu, mem))
		return; /* unknown values; a CPU value off the table is E3048's */
	sl_report(c, mn, "Memory %s (%lld MiB) does not go with Cpu %s in Fargate task "
		  "definition '%s': with %lld CPU units Fargate offers %s; ECS rejects the "
		  "task definition (\"Invalid 'cpu' setting for task\"). Pick a memory size "
		  "from that range or another Cpu value",
		  mn->str, mem, cn->str, e->key->str, cpu, allowed);
}

static void check(struct sl_ctx *c)
{
	sl_dep_each_fargate(c, SL_ECS_TASKDEF, check_task);
}

const struct sl_rule rule_E3047 = {
	.id = "E3047",
	.severity = SL_SEV_ERROR,
	.title = "Fargate task definitions use a supported Cpu and Memory pair",
	.source = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ECS::TaskDefinition` whose `RequiresCompatibilities` lists `FARGATE` has a "
	"task-level `Memory` that Fargate offers for its `Cpu`. Values are read as ECS reads "
	"them: `Cpu` in CPU units (`256`) or vCPUs (`0.25 vCPU`), `Memory` in MiB (`512`) or GB "
	"(`0.5 GB`). The pairs are the documented table: 256 CPU units with 512, 1024 or 2048 "
	"MiB; 512 with 1–4 GB; 1024 with 2–8 GB; 2048 with 4–16 GB; 4096 with 8–30 GB (1 GB "
	"steps); 8192 with 16–60 GB in 4 GB steps; 16384 with 32–120 GB in 8 GB steps. A "
	"`Cpu` value outside the table is E3048's; values given by a parameter or an `Fn::If` "
	"are not judged.\n\n"
	"### Why it matters\n"
	"For task definitions that require `FARGATE` (even with `EC2` listed too) ECS accepts "
	"only these combinations; any other pair fails registration with \"Invalid 'cpu' "
	"setting for task\" and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  TaskDefinition:\n"
	"    Type: AWS::ECS::TaskDefinition\n"
	"    Properties:\n"
	"      RequiresCompatibilities: [FARGATE]\n"
	"      NetworkMode: awsvpc\n"
	"      Cpu: '256'\n"
	"      Memory: '4096'\n"
	"      ContainerDefinitions:\n"
	"        - Name: web\n"
	"          Image: public.ecr.aws/nginx/nginx:latest\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  TaskDefinition:\n"
	"    Type: AWS::ECS::TaskDefinition\n"
	"    Properties:\n"
	"      RequiresCompatibilities: [FARGATE]\n"
	"      NetworkMode: awsvpc\n"
	"      Cpu: '512'\n"
	"      Memory: '4096'\n"
	"      ContainerDefinitions:\n"
	"        - Name: web\n"
	"          Image: public.ecr.aws/nginx/nginx:latest\n"
	"```\n",
	.check = check,
};
