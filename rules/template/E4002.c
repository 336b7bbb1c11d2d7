/* E4002: the template's Metadata section holds no null values. */
#include <stdlib.h>

#include "engine/engine.h"
#include "template/template.h"

/* Reports each null below the section, in source order. Iterative (an explicit
 * stack of nodes still to visit), so input depth costs no C stack. */
static void check(struct sl_ctx *c)
{
	const struct sl_node *md = sl_section(c->t, SL_SEC_METADATA);
	if (!sl_node_is(md, SL_MAP))
		return; /* absent, or not a mapping: E1001's */
	size_t cap = 64, n = 0;
	const struct sl_node **stack = malloc(cap * sizeof *stack);
	if (!stack)
		return;
	stack[n++] = md;
	while (n) {
		const struct sl_node *v = stack[--n];
		if (sl_node_is_null(v)) {
			const struct sl_node *k = sl_map_key_of(v);
			if (k)
				sl_report(c, k, "'%s' in the Metadata section has no value (null); "
					  "CloudFormation rejects null values anywhere in a template: give "
					  "it a value or remove the key", k->str);
			else
				sl_report(c, v, "a list item in the Metadata section is null; CloudFormation "
					  "rejects null values anywhere in a template: give it a value or "
					  "remove the item");
			continue;
		}
		if (v->kind == SL_SCALAR)
			continue;
		/* push children in reverse so that they pop in source order */
		for (uint32_t i = v->len; i-- > 0;) {
			if (n == cap) {
				const struct sl_node **s = realloc(stack, 2 * cap * sizeof *stack);
				if (!s) {
					free(stack);
					return;
				}
				stack = s;
				cap *= 2;
			}
			stack[n++] = v->kind == SL_MAP ? v->pairs[i].value : v->items[i];
		}
	}
	free(stack);
}

const struct sl_rule rule_E4002 = {
	.id = "E4002",
	.severity = SL_SEV_ERROR,
	.title = "The Metadata section holds no null values",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
		  "metadata-section-structure.html",
	.doc =
	"### What it checks\n"
	"Every value in the template's `Metadata` section, at any depth: a key left without a "
	"value (`Key:` with nothing after it, `~`, `null`) or a null list item is reported where "
	"it is written. A `Metadata` section that is not a mapping is E1001's.\n\n"
	"### Why it matters\n"
	"`Metadata` holds JSON or YAML objects that CloudFormation keeps as written, but a null "
	"is not accepted anywhere in a template: CloudFormation rejects the whole template "
	"(\"'null' values are not allowed in templates\"). An empty key is usually a value that "
	"was meant to be filled in or an indentation slip.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Metadata:\n"
	"  Team:\n"
	"  Instances:\n"
	"    Description: Web tier\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Metadata:\n"
	"  Team: payments\n"
	"  Instances:\n"
	"    Description: Web tier\n"
	"```\n",
	.check = check,
};
