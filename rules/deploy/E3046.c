/* E3046: an ECS container that logs through awslogs names the log group and
 * the Region. */
#include "rules/deploy/deploy.h"

static const char *const required[] = { "awslogs-group", "awslogs-region" };

static void container(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *d)
{
	const struct sl_pair *lc = sl_map_get_pair(d, "LogConfiguration");
	if (!lc || !sl_node_is(lc->value, SL_MAP) || sl_node_intrinsic(lc->value))
		return;
	const struct sl_node *drv = sl_map_get(lc->value, "LogDriver");
	if (!sl_dep_is(drv, "awslogs"))
		return;
	const struct sl_node *name = sl_map_get(d, "Name");
	const char *cname = sl_node_is(name, SL_SCALAR) ? name->str : "(unnamed)";
	const struct sl_pair *op = sl_map_get_pair(lc->value, "Options");
	if (op && (!sl_node_is(op->value, SL_MAP) || sl_node_intrinsic(op->value)))
		return; /* a function, or not a mapping (the schema's) */
	for (size_t k = 0; k < 2; k++) {
		if (op && sl_map_get(op->value, required[k]))
			continue;
		sl_report(c, op ? op->key : lc->key,
			  "container '%s' of task definition '%s' uses the awslogs log driver without "
			  "the '%s' option; ECS requires both awslogs-group (the log group to write to) "
			  "and awslogs-region (its Region, e.g. !Ref AWS::Region) under "
			  "LogConfiguration.Options", cname, e->key->str, required[k]);
	}
}

static void taskdef(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	(void)ud;
	const struct sl_node *defs = sl_map_get(props, "ContainerDefinitions");
	if (!sl_node_is(defs, SL_SEQ))
		return;
	for (uint32_t i = 0; i < defs->len; i++)
		if (sl_node_is(defs->items[i], SL_MAP) && !sl_node_intrinsic(defs->items[i]))
			container(c, e, defs->items[i]);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_ECS_TASKDEF, taskdef, NULL);
}

const struct sl_rule rule_E3046 = {
	.id = "E3046",
	.severity = SL_SEV_ERROR,
	.title = "ECS containers logging through awslogs name the log group and Region",
	.source = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",
	.doc =
	"### What it checks\n"
	"In an `AWS::ECS::TaskDefinition`, each container definition whose "
	"`LogConfiguration.LogDriver` is `awslogs` (in every branch of an `Fn::If`) has the "
	"options `awslogs-group` and `awslogs-region` in `LogConfiguration.Options`. Each missing "
	"option is reported on `Options` (or on `LogConfiguration` when there are no options). "
	"Options given by an intrinsic function are not judged.\n\n"
	"### Why it matters\n"
	"The ECS documentation of the awslogs options marks `awslogs-group` (the CloudWatch Logs "
	"group the log streams go to) and `awslogs-region` (the Region of that group) as "
	"required. Without them the container's logs have nowhere to go and the task does not "
	"start as meant.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      ContainerDefinitions:\n"
	"        - Name: app\n"
	"          Image: public.ecr.aws/nginx/nginx:latest\n"
	"          LogConfiguration:\n"
	"            LogDriver: awslogs\n"
	"            Options:\n"
	"              awslogs-stream-prefix: app\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      ContainerDefinitions:\n"
	"        - Name: app\n"
	"          Image: public.ecr.aws/nginx/nginx:latest\n"
	"          LogConfiguration:\n"
	"            LogDriver: awslogs\n"
	"            Options:\n"
	"              awslogs-group: !Ref LogGroup\n"
	"              awslogs-region: !Ref AWS::Region\n"
	"              awslogs-stream-prefix: app\n"
	"```\n",
	.check = check,
};
