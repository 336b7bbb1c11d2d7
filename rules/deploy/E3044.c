/* E3044: a DAEMON service neither runs on Fargate nor uses the CODE_DEPLOY or
 * EXTERNAL deployment controller. */
#include "rules/deploy/deploy.h"

static void service(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		    void *ud)
{
	static const char *const controllers[] = { "CODE_DEPLOY", "EXTERNAL", NULL };
	(void)ud;
	const struct sl_node *ss = sl_map_get(props, "SchedulingStrategy");
	if (!sl_dep_is(ss, "DAEMON"))
		return;
	const struct sl_node *fargate = sl_dep_service_fargate(props);
	const struct sl_node *ctl = sl_map_get(sl_map_get(props, "DeploymentController"), "Type");
	if (fargate)
		sl_report(c, ss, "service '%s' uses the DAEMON scheduling strategy but runs on "
			  "Fargate (%s %s): Fargate tasks do not support DAEMON, and ECS rejects "
			  "the service. Use SchedulingStrategy REPLICA with a DesiredCount, or run "
			  "the daemon on EC2 capacity", e->key->str,
			  sl_str_eq(sl_map_key_of(fargate), "LaunchType") ? "LaunchType"
									  : "capacity provider",
			  sl_dep_text(fargate, "FARGATE"));
	else if (sl_dep_match(ctl, controllers) == SL_DEP_ALL)
		sl_report(c, ss, "service '%s' uses the DAEMON scheduling strategy with the %s "
			  "deployment controller: only the ECS (rolling update) controller supports "
			  "DAEMON, and ECS rejects the service. Use SchedulingStrategy REPLICA, or "
			  "DeploymentController Type ECS", e->key->str,
			  sl_dep_text(ctl, "CODE_DEPLOY or EXTERNAL"));
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_ECS_SERVICE, service, NULL);
}

const struct sl_rule rule_E3044 = {
	.id = "E3044",
	.severity = SL_SEV_ERROR,
	.title = "DAEMON services run on EC2 capacity with the ECS deployment controller",
	.source = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_service-options.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ECS::Service` with `SchedulingStrategy: DAEMON` does not run on Fargate "
	"(`LaunchType: FARGATE`, or a `CapacityProviderStrategy` naming `FARGATE` or "
	"`FARGATE_SPOT`) and does not use the `CODE_DEPLOY` or `EXTERNAL` deployment controller. "
	"Values given by a parameter, and services that take the cluster's default capacity "
	"provider strategy, are not judged. The `EXTERNAL` launch type (ECS Anywhere) is not "
	"reported: daemon services run on external instances.\n\n"
	"### Why it matters\n"
	"The daemon strategy places exactly one task on each container instance, and Fargate has "
	"no container instances: the ECS documentation says Fargate tasks do not support the "
	"`DAEMON` scheduling strategy, and that tasks using the `CODE_DEPLOY` or `EXTERNAL` "
	"deployment controller types do not either. ECS rejects the service and the stack rolls "
	"back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  LogAgent:\n"
	"    Type: AWS::ECS::Service\n"
	"    Properties:\n"
	"      Cluster: !Ref Cluster\n"
	"      TaskDefinition: !Ref AgentTask\n"
	"      LaunchType: FARGATE\n"
	"      SchedulingStrategy: DAEMON\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  LogAgent:\n"
	"    Type: AWS::ECS::Service\n"
	"    Properties:\n"
	"      Cluster: !Ref Cluster\n"
	"      TaskDefinition: !Ref AgentTask\n"
	"      LaunchType: EC2\n"
	"      SchedulingStrategy: DAEMON\n"
	"```\n",
	.check = check,
};
