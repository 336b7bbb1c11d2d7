/* E3713: a container of a Fargate task with a log driver Fargate does not support. */
#include <stdlib.h>

#include "rules/sam/samrules.h"

#define TASK_DEF "AWS::ECS::TaskDefinition"

static const char *const fargate_drivers[] = { "awslogs", "splunk", "awsfirelens" };

/* True when a list of compatibilities surely holds "FARGATE". */
static bool lists_fargate(const struct sl_node *l)
{
	for (size_t i = 0; sl_node_is(l, SL_SEQ) && i < l->len; i++)
		if (sl_str_eq(l->items[i], "FARGATE"))
			return true;
	return false;
}

static void check_driver(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const char *why = ud;
	if (!sl_samr_is_string(v))
		return;
	for (size_t i = 0; i < sizeof(fargate_drivers) / sizeof(fargate_drivers[0]); i++)
		if (sl_str_eq(v, fargate_drivers[i]))
			return;
	sl_report(c, v,
		  "log driver '%.*s' is not supported on Fargate (%s): Fargate tasks support awslogs, "
		  "splunk and awsfirelens only, and the task does not start. Use awslogs (CloudWatch "
		  "Logs) or awsfirelens to route logs elsewhere",
		  (int)v->len, v->str, why);
}

static void check_task(struct sl_ctx *c, const struct sl_node *props, const char *why)
{
	const struct sl_node *defs = sl_map_get(props, "ContainerDefinitions");
	for (size_t i = 0; sl_node_is(defs, SL_SEQ) && i < defs->len; i++) {
		const char *const path[] = { "LogConfiguration", "LogDriver", NULL };
		const struct sl_node *d = sl_map_path(defs->items[i], path);
		if (d)
			sl_samr_each_value(d, check_driver, c, (void *)why);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->resources.n == 0)
		return;
	/* Task definitions of the template run by a service with LaunchType FARGATE. */
	bool *by_service = calloc(t->resources.n, sizeof(*by_service));
	if (!by_service)
		return;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, "AWS::ECS::Service");
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		if (!sl_samr_type_is(e, "AWS::ECS::Service") ||
		    !sl_str_eq(sl_map_get(props, "LaunchType"), "FARGATE"))
			continue;
		const struct sl_node *td = sl_map_get(props, "TaskDefinition");
		if (!sl_str_eq(sl_node_intrinsic(td), "Ref") || !sl_node_is(td->pairs[0].value, SL_SCALAR))
			continue;
		const struct sl_node *x = td->pairs[0].value;
		const struct sl_entity *target = sl_index_find(&t->resources, x->str, x->len);
		if (target && sl_samr_type_is(target, TASK_DEF))
			by_service[target - t->resources.items] = true;
	}
	sl_samr_types_init(&tw, t, TASK_DEF);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		if (!sl_samr_type_is(e, TASK_DEF) || !props)
			continue;
		if (lists_fargate(sl_map_get(props, "RequiresCompatibilities")))
			check_task(c, props, "the task definition requires FARGATE");
		else if (by_service[e - t->resources.items])
			check_task(c, props, "a service runs this task with LaunchType FARGATE");
	}
	free(by_service);
}

const struct sl_rule rule_E3713 = {
	.id = "E3713",
	.severity = SL_SEV_ERROR,
	.title = "Fargate tasks use a log driver Fargate supports",
	.source = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_LogConfiguration.html",
	.doc =
	"### What it checks\n"
	"Each container of an `AWS::ECS::TaskDefinition` that runs on Fargate (its "
	"`RequiresCompatibilities` lists `FARGATE`, or an `AWS::ECS::Service` of the template "
	"with `LaunchType: FARGATE` names it with `Ref`) whose `LogConfiguration.LogDriver` is a "
	"literal uses `awslogs`, `splunk` or `awsfirelens`.\n\n"
	"### Why it matters\n"
	"ECS documents the log drivers by platform: on Fargate only `awslogs`, `splunk` and "
	"`awsfirelens` are supported (`json-file`, `syslog`, `journald`, `gelf` and `fluentd` are "
	"for tasks on EC2 instances). ECS refuses the task definition for Fargate, or the "
	"service's tasks fail to start.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Task:\n"
	"    Type: AWS::ECS::TaskDefinition\n"
	"    Properties:\n"
	"      RequiresCompatibilities: [FARGATE]\n"
	"      NetworkMode: awsvpc\n"
	"      Cpu: \"256\"\n"
	"      Memory: \"512\"\n"
	"      ContainerDefinitions:\n"
	"        - Name: app\n"
	"          Image: public.ecr.aws/nginx/nginx:latest\n"
	"          LogConfiguration:\n"
	"            LogDriver: json-file\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"          LogConfiguration:\n"
	"            LogDriver: awslogs\n"
	"            Options:\n"
	"              awslogs-group: !Ref LogGroup\n"
	"              awslogs-region: !Ref AWS::Region\n"
	"              awslogs-stream-prefix: app\n"
	"```\n",
	.check = check,
};
