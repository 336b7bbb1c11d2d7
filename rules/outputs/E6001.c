/* E6001: outputs are mappings with known keys. */
#include "rules/outputs/outputs.h"

static const char *const keys[] = { "Value", "Description", "Export", "Condition" };
#define N_KEYS (sizeof(keys) / sizeof(keys[0]))

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->outputs.n; i++) {
		const struct sl_entity *e = &t->outputs.items[i];
		if (sl_output_loop(e))
			continue;
		const struct sl_node *o = e->value;
		if (!sl_node_is(o, SL_MAP) || sl_node_intrinsic(o)) {
			sl_report(c, o, "output '%s' must be a mapping with a Value", e->key->str);
			continue;
		}
		for (size_t k = 0; k < o->len; k++) {
			const struct sl_node *key = o->pairs[k].key;
			size_t s;
			for (s = 0; s < N_KEYS; s++)
				if (sl_str_eq(key, keys[s]))
					break;
			if (s < N_KEYS)
				continue;
			const char *sug = sl_suggest(key->str, key->len, keys, N_KEYS);
			if (sug)
				sl_report(c, key, "output '%s' has the unknown key '%s' (did you mean '%s'?)",
					  e->key->str, key->str, sug);
			else
				sl_report(c, key, "output '%s' has the unknown key '%s'; an output takes only "
					  "Value, Description, Export and Condition", e->key->str, key->str);
		}
	}
}

const struct sl_rule rule_E6001 = {
	.id = "E6001",
	.severity = SL_SEV_ERROR,
	.title = "Outputs are mappings with known keys",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each output is a mapping whose keys are among `Value`, `Description`, `Export` and `Condition`.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation rejects an output with any other key, and a misspelt key (`Exports:`) would otherwise silently drop the export other stacks rely on.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Value: !Ref Queue\n"
	"    Exports:\n"
	"      Name: queue-url\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Value: !Ref Queue\n"
	"    Export:\n"
	"      Name: queue-url\n"
	"```\n",
	.check = check,
};
