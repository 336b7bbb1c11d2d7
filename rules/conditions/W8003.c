/* W8003: Fn::Equals whose result is known before deployment. */
#include "rules/conditions/cond.h"

/* True when a and b are the same tree (same scalars, keys and items). Linear in
 * the size of the smaller tree; depth is bounded by the loader. */
static bool same(const struct sl_node *a, const struct sl_node *b)
{
	if (a->kind != b->kind || a->len != b->len)
		return false;
	if (a->kind == SL_SCALAR)
		return memcmp(a->str, b->str, a->len) == 0;
	for (size_t i = 0; i < a->len; i++) {
		if (a->kind == SL_SEQ ? !same(a->items[i], b->items[i]) :
					!same(a->pairs[i].key, b->pairs[i].key) ||
						!same(a->pairs[i].value, b->pairs[i].value))
			return false;
	}
	return true;
}

/* A value written out; a Fn::ForEach placeholder (${Name}, or Ref Name in an
 * expanded loop) varies with the loop. */
static bool literal(const struct sl_ctx *c, const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !(n->flags & SL_NODE_ALIAS) &&
	       !memmem(n->str, n->len, "${", 2) && !sl_langext_varies(c->t->lx, n);
}

static void visit(void *ud, enum sl_cond_fn f, const struct sl_node *key, const struct sl_node *v,
		  const struct sl_node *at)
{
	struct sl_ctx *c = ud;
	(void)key;
	if (f != SL_COND_EQUALS || !sl_node_is(v, SL_SEQ) || v->len != 2)
		return;
	const struct sl_node *a = v->items[0], *b = v->items[1];
	if ((a->flags | b->flags) & SL_NODE_ALIAS)
		return;
	if (literal(c, a) && literal(c, b)) {
		bool eq = a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
		sl_report(c, at, "Fn::Equals compares two literal values: it is always %s",
			  eq ? "true" : "false");
	} else if (sl_node_intrinsic(a) && same(a, b)) {
		sl_report(c, at, "Fn::Equals compares a value with itself: it is always true");
	}
}

static void check(struct sl_ctx *c)
{
	sl_cond_visit(c->t, visit, c);
}

const struct sl_rule rule_W8003 = {
	.id = "W8003",
	.severity = SL_SEV_WARNING,
	.title = "Fn::Equals is not always true or always false",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-equals",
	.doc =
	"### What it checks\n"
	"No `Fn::Equals` in the `Conditions` section compares two literal values (`[prod, prod]`, "
	"`['true', 'false']`) or the same function twice (`[!Ref Env, !Ref Env]`). Values that "
	"contain a `Fn::ForEach` placeholder (`${Name}`, or `!Ref Name` in the loop body) are not "
	"literal: they vary with the loop.\n\n"
	"### Why it matters\n"
	"Such a condition has the same value on every deployment. CloudFormation accepts it, but it "
	"is usually a `!Ref` that was forgotten, or a leftover switch that should be removed.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [Env, prod]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"```\n",
	.check = check,
};
