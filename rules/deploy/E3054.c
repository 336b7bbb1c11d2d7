/* E3054: a Fargate service runs a task definition that Fargate can run. */
#include "rules/deploy/deploy.h"

static void service(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		    const struct sl_node *fargate)
{
	static const char *const awsvpc[] = { "awsvpc", NULL };
	const struct sl_entity *td = sl_dep_ref(c->t, sl_map_get(props, "TaskDefinition"),
						SL_ECS_TASKDEF);
	if (!td)
		return;
	const struct sl_node *tp = sl_samr_props(td);
	const struct sl_node *mode = sl_map_get(tp, "NetworkMode");
	const struct sl_node *rc = sl_map_get(tp, "RequiresCompatibilities");
	/* with awsvpc ECS may find the task definition Fargate-compatible on its
	 * own; a FARGATE entry makes the task definition E3048's */
	if (sl_dep_taskdef_fargate(tp) || (rc && !sl_node_is(rc, SL_SEQ)) ||
	    (mode && sl_dep_match(mode, awsvpc) != SL_DEP_NONE))
		return;
	for (size_t k = 0; rc && k < rc->len; k++)
		if (sl_node_intrinsic(rc->items[k]))
			return; /* an item we cannot read might be FARGATE */
	sl_report(c, rc ? sl_dep_key(tp, "RequiresCompatibilities") : sl_samr_anchor(td),
		  "service '%s' runs on Fargate (%s) but its task definition '%s' is not "
		  "Fargate-compatible: it %s and its network mode is %s. Add FARGATE to "
		  "RequiresCompatibilities with NetworkMode awsvpc and a task-level Cpu and "
		  "Memory, or run the service on EC2", e->key->str, sl_dep_fargate_how(fargate),
		  td->key->str,
		  rc ? "does not list FARGATE in RequiresCompatibilities"
		     : "has no RequiresCompatibilities",
		  mode ? sl_dep_text(mode, "not awsvpc") : "bridge (the default)");
}

static void check(struct sl_ctx *c)
{
	sl_dep_each_fargate(c, SL_ECS_SERVICE, service);
}

const struct sl_rule rule_E3054 = {
	.id = "E3054",
	.severity = SL_SEV_ERROR,
	.title = "Fargate services run Fargate-compatible task definitions",
	.source = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/"
		  "task_definition_parameters.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ECS::Service` that runs on Fargate (`LaunchType: FARGATE`, or a "
	"`CapacityProviderStrategy` naming `FARGATE` or `FARGATE_SPOT`) and names an "
	"`AWS::ECS::TaskDefinition` of the template with `Ref` does not run a task definition "
	"that Fargate cannot run: one whose `RequiresCompatibilities` is absent or lacks "
	"`FARGATE` and whose `NetworkMode` is not `awsvpc` (absent means `bridge`). It is "
	"reported at the task definition's `RequiresCompatibilities` (or its `Properties`). A "
	"task definition that lists `FARGATE` is judged by E3048 instead; one with `awsvpc` but "
	"no `FARGATE` entry is left alone, since ECS may find it Fargate-compatible itself.\n\n"
	"### Why it matters\n"
	"ECS validates a task definition against the launch types it requires and runs a task "
	"on Fargate only when the task definition is compatible with it; Fargate needs the "
	"`awsvpc` network mode. A Fargate service with a `bridge` task definition fails to "
	"create and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  TaskDefinition:\n"
	"    Type: AWS::ECS::TaskDefinition\n"
	"    Properties:\n"
	"      RequiresCompatibilities: [EC2]\n"
	"      NetworkMode: bridge\n"
	"      ContainerDefinitions:\n"
	"        - Name: web\n"
	"          Image: public.ecr.aws/nginx/nginx:latest\n"
	"          Memory: 256\n"
	"  Service:\n"
	"    Type: AWS::ECS::Service\n"
	"    Properties:\n"
	"      LaunchType: FARGATE\n"
	"      TaskDefinition: !Ref TaskDefinition\n"
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
	"  Service:\n"
	"    Type: AWS::ECS::Service\n"
	"    Properties:\n"
	"      LaunchType: FARGATE\n"
	"      TaskDefinition: !Ref TaskDefinition\n"
	"      NetworkConfiguration:\n"
	"        AwsvpcConfiguration:\n"
	"          Subnets: [!Ref SubnetA, !Ref SubnetB]\n"
	"```\n",
	.check = check,
};
