/* W99511: a random placement strategy has no Field (it would be ignored). */
#include "rules/deploy/deploy.h"

static void strategy(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *it)
{
	const struct sl_pair *field = sl_map_get_pair(it, "Field");
	if (!field || sl_samr_is_novalue(field->value) ||
	    !sl_dep_is(sl_map_get(it, "Type"), "random"))
		return;
	sl_report(c, field->key, "random placement strategy of service '%s' has a "
		  "Field: random places tasks on any available instance and does not use "
		  "a field, so this one has no effect. Remove Field, or use Type spread "
		  "(with an attribute) or binpack (with cpu or memory) if that was meant",
		  e->key->str);
}

static void check(struct sl_ctx *c)
{
	sl_dep_each_strategy(c, strategy);
}

const struct sl_rule rule_W99511 = {
	.id = "W99511",
	.severity = SL_SEV_WARNING,
	.title = "random placement strategies take no Field",
	.source = "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_PlacementStrategy.html",
	.doc =
	"### What it checks\n"
	"A `PlacementStrategies` entry of an `AWS::ECS::Service` whose `Type` is `random` has no "
	"`Field`. The diagnostic points at the `Field` key.\n\n"
	"### Why it matters\n"
	"The ECS API documents that the field is not used for the random placement strategy. A "
	"field there usually means the author wanted another strategy — `spread` over "
	"`attribute:ecs.availability-zone` or `binpack` on `memory` — and the tasks are placed "
	"at random instead.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      PlacementStrategies:\n"
	"        - Type: random\n"
	"          Field: attribute:ecs.availability-zone\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      PlacementStrategies:\n"
	"        - Type: random\n"
	"```\n",
	.check = check,
};
