/* W1019: every variable in the map of a Fn::Sub is used in its string. */
#include "rules/functions/fn.h"

struct scan {
	const char *str;
	const struct sl_node *key;
	bool found;
};

static void scan_var(void *ud, size_t s, size_t l)
{
	struct scan *sc = ud;
	if (sc->key->len == l && memcmp(sc->key->str, sc->str + s, l) == 0)
		sc->found = true;
}

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	(void)key;
	if (!sl_node_is(v, SL_SEQ) || v->len != 2 || !sl_node_is(v->items[0], SL_SCALAR) ||
	    !sl_node_is(v->items[1], SL_MAP) || sl_fn_is(v->items[1]))
		return;
	const struct sl_node *s = v->items[0], *m = v->items[1];
	for (uint32_t i = 0; i < m->len; i++) {
		struct scan sc = { s->str, m->pairs[i].key, false };
		sl_sub_vars(s->str, s->len, scan_var, &sc);
		if (!sc.found)
			sl_report(c, m->pairs[i].key, "The Fn::Sub variable '%s' is never used in the "
				  "string: remove it, or write ${%s} where it belongs",
				  m->pairs[i].key->str, m->pairs[i].key->str);
	}
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::Sub", visit);
}

const struct sl_rule rule_W1019 = {
	.id = "W1019",
	.severity = SL_SEV_WARNING,
	.title = "Fn::Sub variables are used",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html",
	.doc =
	"### What it checks\n"
	"Each key of the variable map of a `Fn::Sub` in list form appears as `${Key}` in its "
	"string.\n\n"
	"### Why it matters\n"
	"An unused variable is dead text at best; more often the string misspells it, or it was "
	"meant to replace a hard-coded value that is still there.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  Url:\n"
	"    Value: !Sub\n"
	"      - 'https://${Host}/'\n"
	"      - Host: example.com\n"
	"        Port: '443'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  Url:\n"
	"    Value: !Sub\n"
	"      - 'https://${Host}:${Port}/'\n"
	"      - Host: example.com\n"
	"        Port: '443'\n"
	"```\n",
	.check = check,
};
