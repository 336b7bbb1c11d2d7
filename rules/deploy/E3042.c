/* E3042: an ECS task definition has at least one essential container. */
#include "rules/deploy/deploy.h"

/* 1 when the container definition d is surely not essential (Essential is
 * false in every branch), 0 when it surely is or may be, -1 when d is not a
 * literal mapping (an intrinsic function: not known). */
static int not_essential(const struct sl_node *d)
{
	static const char *const no[] = { "false", "False", "FALSE", NULL };
	if (!sl_node_is(d, SL_MAP) || sl_node_intrinsic(d))
		return -1;
	const struct sl_node *e = sl_map_get(d, "Essential");
	if (!e)
		return 0; /* the default is true */
	return sl_dep_match(e, no) == SL_DEP_ALL;
}

static void taskdef(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	(void)ud;
	const struct sl_pair *p = sl_map_get_pair(props, "ContainerDefinitions");
	if (!p || !sl_node_is(p->value, SL_SEQ) || sl_node_intrinsic(p->value) || !p->value->len)
		return;
	const struct sl_node *defs = p->value;
	for (uint32_t i = 0; i < defs->len; i++)
		if (not_essential(defs->items[i]) != 1)
			return; /* an essential container, or one we cannot judge */
	sl_report(c, p->key, "none of the %u container definitions of task definition '%s' is "
		  "essential (each sets Essential: false); ECS requires at least one essential "
		  "container in a task: set Essential: true on the main container (true is also the "
		  "default when Essential is left out)", (unsigned)defs->len, e->key->str);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_ECS_TASKDEF, taskdef, NULL);
}

const struct sl_rule rule_E3042 = {
	.id = "E3042",
	.severity = SL_SEV_ERROR,
	.title = "ECS task definitions have at least one essential container",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-properties-ecs-taskdefinition-containerdefinition.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ECS::TaskDefinition` whose literal `ContainerDefinitions` list sets "
	"`Essential: false` on every container (in every branch of an `Fn::If`). A container "
	"without `Essential` is essential (the default is true); a container definition given "
	"by an intrinsic function is not judged, and then neither is the task definition.\n\n"
	"### Why it matters\n"
	"When an essential container stops, the whole task stops; ECS documents that every task "
	"must have at least one essential container, and rejects a task definition without "
	"one, so the stack fails to create it.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  TaskDefinition:\n"
	"    Type: AWS::ECS::TaskDefinition\n"
	"    Properties:\n"
	"      ContainerDefinitions:\n"
	"        - Name: app\n"
	"          Image: public.ecr.aws/nginx/nginx:latest\n"
	"          Essential: false\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  TaskDefinition:\n"
	"    Type: AWS::ECS::TaskDefinition\n"
	"    Properties:\n"
	"      ContainerDefinitions:\n"
	"        - Name: app\n"
	"          Image: public.ecr.aws/nginx/nginx:latest\n"
	"          Essential: true\n"
	"```\n",
	.check = check,
};
