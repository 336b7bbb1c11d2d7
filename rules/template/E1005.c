/* E1005: the shape of the top-level Transform. */
#include "engine/engine.h"

static bool name_ok(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && sl_scalar_type(n) == SL_TYPE_STRING && n->len > 0;
}

/* One transform: a name, or {Name: name, Parameters: {...}}. */
static void check_one(struct sl_ctx *c, const struct sl_node *t)
{
	if (name_ok(t))
		return;
	if (sl_node_is(t, SL_MAP) && !sl_node_intrinsic(t)) {
		const struct sl_node *name = sl_map_get(t, "Name");
		if (!name_ok(name))
			sl_report(c, name ? name : t, "a transform given as a mapping needs a Name (a string)");
		const struct sl_node *params = sl_map_get(t, "Parameters");
		if (params && !sl_node_is(params, SL_MAP))
			sl_report(c, params, "the Parameters of a transform must be a mapping");
		for (size_t i = 0; i < t->len; i++) {
			const struct sl_node *k = t->pairs[i].key;
			if (!sl_str_eq(k, "Name") && !sl_str_eq(k, "Parameters"))
				sl_report(c, k, "unknown key '%s' in a transform: it takes Name and Parameters", k->str);
		}
		return;
	}
	sl_report(c, t, "a transform is a name (AWS::Serverless-2016-10-31, AWS::LanguageExtensions, "
		  "a macro) or a mapping with Name and Parameters");
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *tr = sl_section(c->t, SL_SEC_TRANSFORM);
	if (!tr)
		return;
	if (sl_node_is(tr, SL_SEQ)) {
		for (size_t i = 0; i < tr->len; i++)
			check_one(c, tr->items[i]);
		return;
	}
	check_one(c, tr);
}

const struct sl_rule rule_E1005 = {
	.id = "E1005",
	.severity = SL_SEV_ERROR,
	.title = "Transform is a name, a mapping with Name, or a list of them",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/transform-section-structure.html",
	.doc =
	"### What it checks\n"
	"The top-level `Transform` is a transform name, a mapping with `Name` (and optional "
	"`Parameters`), or a list of those.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects any other shape before running any transform.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform:\n"
	"  Serverless: AWS::Serverless-2016-10-31\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform:\n"
	"  - AWS::LanguageExtensions\n"
	"  - AWS::Serverless-2016-10-31\n"
	"```\n",
	.check = check,
};
