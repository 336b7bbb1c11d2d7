/* W6001: outputs do not re-export an imported value. */
#include <stdlib.h>

#include "rules/outputs/outputs.h"

/* Reports every Fn::ImportValue under n. The walk uses an explicit stack, so
 * deep nesting costs no recursion. */
static void find_import(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *n)
{
	size_t cap = 16, sp = 0;
	const struct sl_node **st = malloc(cap * sizeof(*st));
	if (!st) {
		c->oom = true;
		return;
	}
	st[sp++] = n;
	while (sp) {
		n = st[--sp];
		if (n->kind == SL_SCALAR)
			continue;
		const struct sl_node *fn = sl_node_intrinsic(n);
		if (fn && sl_str_eq(fn, "Fn::ImportValue")) {
			sl_report(c, fn, "output '%s' passes on an imported value; the importing stack "
				  "can read the original export itself", e->key->str);
			continue;
		}
		for (size_t k = 0; k < n->len; k++) {
			if (sp == cap) {
				const struct sl_node **p = realloc(st, (cap *= 2) * sizeof(*st));
				if (!p) {
					free(st);
					c->oom = true;
					return;
				}
				st = p;
			}
			st[sp++] = n->kind == SL_MAP ? n->pairs[n->len - 1 - k].value : n->items[n->len - 1 - k];
		}
	}
	free(st);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->outputs.n; i++) {
		const struct sl_entity *e = &t->outputs.items[i];
		if (sl_output_loop(e))
			continue;
		const struct sl_node *v = sl_map_get(e->value, "Value");
		if (v)
			find_import(c, e, v);
	}
}

const struct sl_rule rule_W6001 = {
	.id = "W6001",
	.severity = SL_SEV_WARNING,
	.title = "Outputs do not re-export an imported value",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
	.doc =
	"### What it checks\n"
	"An output's `Value` does not use Fn::ImportValue.\n"
	"\n"
	"### Why it matters\n"
	"An output that passes on another stack's export adds a second stack that must be updated before the exporting one can change, and the value is already available to every stack in the account and region through the original export.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  VpcId:\n"
	"    Value: !ImportValue network-VpcId\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  VpcId:\n"
	"    Value: !Ref Vpc\n"
	"```\n",
	.check = check,
};
