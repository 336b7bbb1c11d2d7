/* W99512: spread and binpack placement strategies name a Field. */
#include "rules/deploy/deploy.h"

static void strategy(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *it)
{
	static const char *const need[] = { "spread", "binpack", NULL };
	const struct sl_node *type = sl_map_get(it, "Type");
	if (!sl_node_is(it, SL_MAP) || sl_node_intrinsic(it) || sl_map_get(it, "Field") ||
	    sl_dep_match(type, need) != SL_DEP_ALL)
		return;
	bool spread = sl_dep_is(type, "spread");
	sl_report(c, type, "%s placement strategy of service '%s' has no Field: %s. "
		  "Add Field: %s", sl_dep_text(type, "spread or binpack"), e->key->str,
		  spread ? "spread distributes tasks evenly over the values of a field "
			   "(instanceId, host or an attribute)"
			 : "binpack packs tasks by the least remaining amount of a "
			   "resource (cpu or memory)",
		  spread ? "attribute:ecs.availability-zone (or instanceId)"
			 : "memory (or cpu)");
}

static void check(struct sl_ctx *c)
{
	sl_dep_each_strategy(c, strategy);
}

const struct sl_rule rule_W99512 = {
	.id = "W99512",
	.severity = SL_SEV_WARNING,
	.title = "spread and binpack placement strategies name a Field",
	.source = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PlacementStrategy.html",
	.doc =
	"### What it checks\n"
	"A `PlacementStrategies` entry of an `AWS::ECS::Service` whose `Type` is `spread` or "
	"`binpack` has a `Field`. The diagnostic points at the `Type` value.\n\n"
	"### Why it matters\n"
	"Both strategies work on a field: spread distributes tasks evenly across the values of "
	"`instanceId`, `host` or an attribute such as `attribute:ecs.availability-zone`, and "
	"binpack packs on `cpu` or `memory`. Without one the strategy says nothing about how to "
	"place tasks, and ECS may reject it.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      PlacementStrategies:\n"
	"        - Type: spread\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      PlacementStrategies:\n"
	"        - Type: spread\n"
	"          Field: attribute:ecs.availability-zone\n"
	"```\n",
	.check = check,
};
