/* E99513: at most 5 placement strategies per service and 10 placement constraints per task. */
#include "rules/deploy/deploy.h"

#define MAX_STRATEGIES 5
#define MAX_CONSTRAINTS 10

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_ECS_TASKDEF, SL_ECS_SERVICE);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		const struct sl_node *items[MAX_CONSTRAINTS + 1];
		if (sl_samr_type_is(e, SL_ECS_TASKDEF)) {
			size_t n = sl_dep_items(items, MAX_CONSTRAINTS + 1,
						sl_map_get(props, "PlacementConstraints"));
			if (n > MAX_CONSTRAINTS)
				sl_report(c, items[MAX_CONSTRAINTS], "task definition '%s' has %zu "
					  "placement constraints: ECS allows at most %d per task (this is "
					  "the eleventh); merge memberOf expressions with 'and'",
					  e->key->str, n, MAX_CONSTRAINTS);
			continue;
		}
		if (!sl_samr_type_is(e, SL_ECS_SERVICE))
			continue;
		size_t ns = sl_dep_items(items, MAX_STRATEGIES + 1, sl_map_get(props, "PlacementStrategies"));
		if (ns > MAX_STRATEGIES)
			sl_report(c, items[MAX_STRATEGIES], "service '%s' has %zu placement strategies: "
				  "ECS allows at most %d strategy rules per service (this is the sixth); "
				  "keep the ones that decide placement", e->key->str, ns, MAX_STRATEGIES);
		const struct sl_entity *td = sl_dep_ref(t, sl_map_get(props, "TaskDefinition"),
							SL_ECS_TASKDEF);
		size_t nt = td ? sl_dep_items(NULL, 0, sl_map_get(sl_samr_props(td),
								   "PlacementConstraints")) : 0;
		if (nt > MAX_CONSTRAINTS)
			continue; /* reported at the task definition */
		size_t nc = sl_dep_items(items, MAX_CONSTRAINTS + 1,
					 sl_map_get(props, "PlacementConstraints"));
		if (nc + nt <= MAX_CONSTRAINTS)
			continue;
		if (nt)
			sl_report(c, items[MAX_CONSTRAINTS - nt], "service '%s' has %zu placement "
				  "constraints and its task definition '%s' %zu more: ECS allows at most "
				  "%d per task, counting both (this is the eleventh); merge memberOf "
				  "expressions with 'and' or drop duplicates", e->key->str, nc,
				  td->key->str, nt, MAX_CONSTRAINTS);
		else
			sl_report(c, items[MAX_CONSTRAINTS], "service '%s' has %zu placement "
				  "constraints: ECS allows at most %d per task (this is the eleventh); "
				  "merge memberOf expressions with 'and'", e->key->str, nc,
				  MAX_CONSTRAINTS);
	}
}

const struct sl_rule rule_E99513 = {
	.id = "E99513",
	.severity = SL_SEV_ERROR,
	.title = "At most 5 placement strategies per service and 10 constraints per task",
	.source = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ECS::Service` has at most 5 `PlacementStrategies`, and at most 10 placement "
	"constraints per task: the service's `PlacementConstraints` and those of the "
	"`AWS::ECS::TaskDefinition` it names with `Ref` count together. A task definition with "
	"more than 10 is reported on its own. Only entries that are surely there count (not a "
	"list given by a parameter, nor an `Fn::If` entry that may be `AWS::NoValue`); the "
	"diagnostic points at the entry over the limit.\n\n"
	"### Why it matters\n"
	"The ECS API allows a maximum of 5 strategy rules for each service and a maximum of 10 "
	"constraints for each task, a limit that includes the constraints in the task definition "
	"and those given when the service is created. ECS rejects the service and the stack "
	"rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      PlacementStrategies:\n"
	"        - {Type: spread, Field: attribute:ecs.availability-zone}\n"
	"        - {Type: spread, Field: attribute:ecs.instance-type}\n"
	"        - {Type: spread, Field: attribute:ecs.os-type}\n"
	"        - {Type: spread, Field: attribute:stack}\n"
	"        - {Type: spread, Field: instanceId}\n"
	"        - {Type: binpack, Field: memory}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      PlacementStrategies:\n"
	"        - {Type: spread, Field: attribute:ecs.availability-zone}\n"
	"        - {Type: spread, Field: instanceId}\n"
	"        - {Type: binpack, Field: memory}\n"
	"```\n",
	.check = check,
};
