/* E6003: output keys have the right types. */
#include "rules/outputs/outputs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->outputs.n; i++) {
		const struct sl_entity *e = &t->outputs.items[i];
		if (sl_output_loop(e))
			continue;
		const struct sl_node *o = e->value;
		if (!sl_node_is(o, SL_MAP) || sl_node_intrinsic(o))
			continue;
		const struct sl_node *d = sl_map_get(o, "Description");
		if (d && (d->kind != SL_SCALAR || sl_scalar_type(d) == SL_TYPE_NULL))
			sl_report(c, d, "the Description of output '%s' must be a literal string%s",
				  e->key->str, sl_node_intrinsic(d) ? ", not a function" : "");
		const struct sl_node *x = sl_map_get(o, "Export");
		if (x && (x->kind != SL_MAP || sl_node_intrinsic(x)))
			sl_report(c, x, "the Export of output '%s' must be a mapping with a Name",
				  e->key->str);
		const struct sl_node *k = sl_map_get(o, "Condition");
		if (k && (k->kind != SL_SCALAR || sl_scalar_type(k) != SL_TYPE_STRING))
			sl_report(c, k, "the Condition of output '%s' must be the name of a condition",
				  e->key->str);
	}
}

const struct sl_rule rule_E6003 = {
	.id = "E6003",
	.severity = SL_SEV_ERROR,
	.title = "Output keys have the right types",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
	.doc =
	"### What it checks\n"
	"An output's `Description` is a literal string (not a function, list or mapping), its `Export` is a mapping, and its `Condition` is a condition's name.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation rejects an output whose keys have other types, at deploy time.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Value: !Ref Queue\n"
	"    Description: !Sub 'URL of ${Queue}'\n"
	"    Export: queue-url\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Value: !Ref Queue\n"
	"    Description: URL of the queue\n"
	"    Export:\n"
	"      Name: queue-url\n"
	"```\n",
	.check = check,
};
