/* E99510: a binpack placement strategy packs on cpu or memory. */
#include "rules/deploy/deploy.h"

static void strategy(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *it)
{
	static const char *const resources[] = { "cpu", "memory", "CPU", "MEMORY", "Cpu", "Memory",
						 NULL };
	const struct sl_node *field = sl_map_get(it, "Field");
	if (!sl_dep_is(sl_map_get(it, "Type"), "binpack") ||
	    sl_dep_match(field, resources) != SL_DEP_NONE)
		return;
	sl_report(c, field, "binpack placement strategy of service '%s' packs on "
		  "'%s': binpack places tasks by the least remaining amount of a "
		  "resource, and its Field must be cpu or memory. Use Field cpu or "
		  "memory, or Type spread to spread on an attribute such as %s",
		  e->key->str, sl_dep_text(field, "(this value)"),
		  "attribute:ecs.availability-zone");
}

static void check(struct sl_ctx *c)
{
	sl_dep_each_strategy(c, strategy);
}

const struct sl_rule rule_E99510 = {
	.id = "E99510",
	.severity = SL_SEV_ERROR,
	.title = "binpack placement strategies pack on cpu or memory",
	.source = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PlacementStrategy.html",
	.doc =
	"### What it checks\n"
	"Each `PlacementStrategies` entry of an `AWS::ECS::Service` whose `Type` is `binpack` "
	"has a `Field` of `cpu` or `memory` (when the field is a literal, or every branch of an "
	"`Fn::If` is).\n\n"
	"### Why it matters\n"
	"The binpack strategy places each task on the container instance with the least "
	"available amount of one resource, and the ECS API documents `cpu` and `memory` as its "
	"only valid fields. Attributes such as `instanceId` or "
	"`attribute:ecs.availability-zone` are fields of the `spread` strategy; ECS rejects a "
	"binpack strategy on them and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      PlacementStrategies:\n"
	"        - Type: binpack\n"
	"          Field: attribute:ecs.availability-zone\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      PlacementStrategies:\n"
	"        - Type: spread\n"
	"          Field: attribute:ecs.availability-zone\n"
	"        - Type: binpack\n"
	"          Field: memory\n"
	"```\n",
	.check = check,
};
