/* E99514: no placement strategies or constraints on a Fargate service. */
#include "rules/deploy/deploy.h"

static void service(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		    const struct sl_node *fargate)
{
	static const char *const keys[] = { "PlacementStrategies", "PlacementConstraints" };
	for (size_t k = 0; k < 2; k++) {
		const struct sl_pair *p = sl_map_get_pair(props, keys[k]);
		if (!p || !sl_dep_items(NULL, 0, p->value))
			continue;
		sl_report(c, p->key, "%s on service '%s', which runs on Fargate (%s): task "
			  "placement strategies and constraints are not supported for Fargate "
			  "tasks, which Fargate spreads across Availability Zones itself. Remove "
			  "%s, or run the service on EC2 capacity", keys[k], e->key->str,
			  sl_dep_fargate_how(fargate), keys[k]);
	}
}

static void check(struct sl_ctx *c)
{
	sl_dep_each_fargate(c, SL_ECS_SERVICE, service);
}

const struct sl_rule rule_E99514 = {
	.id = "E99514",
	.severity = SL_SEV_ERROR,
	.title = "Fargate services have no placement strategies or constraints",
	.source = "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-placement.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ECS::Service` that runs on Fargate — `LaunchType: FARGATE`, or a "
	"`CapacityProviderStrategy` naming `FARGATE` or `FARGATE_SPOT` — has no "
	"`PlacementStrategies` and no `PlacementConstraints` (an empty list, or one whose only "
	"entries may be `AWS::NoValue`, is fine). A service that takes the cluster's default "
	"capacity provider strategy is not judged. Placement constraints in a Fargate task "
	"definition are E3048's.\n\n"
	"### Why it matters\n"
	"The ECS documentation says task placement strategies and constraints are not "
	"supported for tasks on Fargate: Fargate spreads tasks across Availability Zones on its "
	"own. ECS rejects the service and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Service:\n"
	"    Type: AWS::ECS::Service\n"
	"    Properties:\n"
	"      LaunchType: FARGATE\n"
	"      TaskDefinition: !Ref TaskDefinition\n"
	"      PlacementStrategies:\n"
	"        - Type: spread\n"
	"          Field: attribute:ecs.availability-zone\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Service:\n"
	"    Type: AWS::ECS::Service\n"
	"    Properties:\n"
	"      LaunchType: FARGATE\n"
	"      TaskDefinition: !Ref TaskDefinition\n"
	"```\n",
	.check = check,
};
