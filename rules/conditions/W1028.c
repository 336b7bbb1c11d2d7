/*
 * W1028: an Fn::If branch that can never be taken where it stands. Inside a
 * resource or output with a Condition, and inside a branch of an enclosing
 * Fn::If, some conditions are known to hold or not; a branch whose condition
 * value contradicts them (by the condition analysis, src/analysis/cond.h) is
 * dead. A condition that is constant on its own (always true or false) is not
 * this rule's concern (W8003 and the condition rules judge it), and where the
 * place itself can never exist (a resource whose Condition is always false)
 * only a branch on that very condition, or one written the same way, is
 * reported. Unknown answers (a cycle, the analysis's budget) keep it silent.
 *
 * Each Fn::If asks a bounded number of questions of the analysis, so the rule
 * is O(template x diagram size), capped by the analysis's budget.
 */
#include "rules/conditions/cond.h"
#include "rules/functions/fn.h"
#include "util/buf.h"

#define MAX_PINS 64 /* enclosing Fn::If branches remembered for messages */
#define MAX_DEPTH 600

enum origin { PIN_RESOURCE, PIN_OUTPUT, PIN_IF };

/* A condition value known where the walk stands, and where it comes from. */
struct pin {
	size_t cond;   /* index in t->conditions */
	bool value;
	enum origin origin;
	sl_cform lit;  /* the condition, or its negation */
};

struct walk {
	struct sl_ctx *c;
	struct sl_conds *s;
	struct pin pins[MAX_PINS];
	size_t n_pins;
	bool overflow; /* more pins than remembered: messages would be incomplete */
	struct sl_fn_spans ifs; /* with `pruned`, a subtree that holds no Fn::If is skipped */
	bool pruned;
};

/* True when a and b are the same tree (positions and styles aside). */
static bool same(const struct sl_node *a, const struct sl_node *b, unsigned depth)
{
	if (a->kind != b->kind || a->len != b->len || depth > MAX_DEPTH)
		return false;
	if (a->kind == SL_SCALAR)
		return memcmp(a->str, b->str, a->len) == 0;
	for (size_t i = 0; i < a->len; i++)
		if (a->kind == SL_SEQ ? !same(a->items[i], b->items[i], depth + 1) :
					!same(a->pairs[i].key, b->pairs[i].key, depth + 1) ||
						!same(a->pairs[i].value, b->pairs[i].value, depth + 1))
			return false;
	return true;
}

static const char *cond_name(const struct walk *w, size_t i)
{
	return w->c->t->conditions.items[i].key->str;
}

static void describe(struct sl_buf *b, const struct walk *w, const struct pin *p)
{
	const char *n = cond_name(w, p->cond);
	if (p->origin == PIN_RESOURCE)
		sl_buf_printf(b, "the resource's Condition '%s'", n);
	else if (p->origin == PIN_OUTPUT)
		sl_buf_printf(b, "the output's Condition '%s'", n);
	else
		sl_buf_printf(b, "the enclosing Fn::If on '%s' (its %s branch)", n,
			      p->value ? "true" : "false");
}

/* Reports branch `idx` (1 or 2) of an Fn::If on condition `cond` at node at:
 * it needs cond == value, which the pins marked in `why` rule out. `twin`
 * names a pinned condition written like cond (a dead place), or is NULL. */
static void report(struct walk *w, const struct sl_node *at, int idx, size_t cond, bool value,
		   const bool *why, const char *twin)
{
	struct sl_buf b = SL_BUF_INIT;
	size_t n = 0, k = 0;
	for (size_t i = 0; i < w->n_pins; i++)
		n += why[i];
	for (size_t i = 0; i < w->n_pins; i++) {
		if (!why[i])
			continue;
		if (k)
			sl_buf_puts(&b, k + 1 == n ? " and " : ", ");
		describe(&b, w, &w->pins[i]);
		k++;
	}
	if (twin)
		sl_buf_printf(&b, ", written exactly as '%s',", cond_name(w, cond));
	sl_report(w->c, at, "['Fn::If', %d] is never taken: it needs condition '%s' %s, but %s "
		  "make%s it %s here. Use the other branch's value without the Fn::If, or change "
		  "the conditions", idx, cond_name(w, cond), value ? "true" : "false",
		  b.oom ? "the conditions around it" : sl_buf_cstr(&b), n > 1 ? "" : "s",
		  value ? "false" : "true");
	sl_buf_free(&b);
}

/* The conjunction of the pins marked in keep (all when keep is NULL). */
static sl_cform context_of(struct walk *w, const bool *keep)
{
	sl_cform k = SL_CF_TRUE;
	for (size_t i = 0; i < w->n_pins && k != SL_CF_UNKNOWN; i++)
		if (!keep || keep[i])
			k = sl_conds_and(w->s, k, w->pins[i].lit);
	return k;
}

/* Marks in why a smallest set of pins (dropping one at a time while the rest
 * still rule out lit) that makes lit impossible. */
static void explain(struct walk *w, sl_cform lit, bool *why)
{
	for (size_t i = 0; i < w->n_pins; i++)
		why[i] = true;
	for (size_t i = 0; i < w->n_pins; i++) {
		why[i] = false;
		sl_cform k = context_of(w, why);
		if (sl_conds_sat(w->s, sl_conds_and(w->s, k, lit)) != SL_TRI_NO)
			why[i] = true;
	}
}

static void walk(struct walk *w, const struct sl_node *n, sl_cform ctx, unsigned depth);

static void descend(struct walk *w, const struct sl_node *n, sl_cform ctx, size_t cond, bool value,
		    sl_cform lit, unsigned depth)
{
	bool pinned = false;
	if (w->n_pins < MAX_PINS) {
		w->pins[w->n_pins++] = (struct pin){ cond, value, PIN_IF, lit };
		pinned = true;
	} else {
		w->overflow = true;
	}
	walk(w, n, ctx, depth + 1);
	if (pinned)
		w->n_pins--;
}

static void fn_if(struct walk *w, const struct sl_node *n, sl_cform ctx, unsigned depth)
{
	const struct sl_node *args = n->pairs[0].value, *br[2];
	if (!sl_node_if(n, &br[0], &br[1]))
		return;
	const struct sl_node *name = args->items[0];
	const struct sl_entity *e = sl_node_is(name, SL_SCALAR) && !(name->flags & SL_NODE_ALIAS) ?
		sl_index_find(&w->c->t->conditions, name->str, name->len) : NULL;
	sl_cform f = e ? sl_conds_named(w->s, name->str, name->len) : SL_CF_UNKNOWN;
	if (f == SL_CF_UNKNOWN) {
		walk(w, br[0], ctx, depth + 1);
		walk(w, br[1], ctx, depth + 1);
		return;
	}
	size_t cond = (size_t)(e - w->c->t->conditions.items);
	enum sl_tri live = w->overflow ? SL_TRI_UNKNOWN : sl_conds_sat(w->s, ctx);
	for (int v = 1; v >= 0; v--) {
		const struct sl_node *b = br[1 - v];
		sl_cform lit = v ? f : sl_conds_not(w->s, f);
		sl_cform here = sl_conds_and(w->s, ctx, lit);
		bool dead = false;
		if (live == SL_TRI_YES && sl_conds_sat(w->s, here) == SL_TRI_NO &&
		    sl_conds_sat(w->s, lit) == SL_TRI_YES) {
			bool why[MAX_PINS];
			explain(w, lit, why);
			report(w, b, 2 - v, cond, v, why, NULL);
			dead = true;
		} else if (live == SL_TRI_NO) {
			/* a place that never exists: only a branch on a pinned condition
			 * itself (or one written the same way), against its pin */
			for (size_t i = 0; i < w->n_pins && !dead; i++) {
				const struct pin *p = &w->pins[i];
				const struct sl_entity *pe = &w->c->t->conditions.items[p->cond];
				if (p->value == (bool)v ||
				    (p->cond != cond && !same(pe->value, e->value, 0)))
					continue;
				if (sl_conds_sat(w->s, lit) != SL_TRI_YES)
					break;
				bool why[MAX_PINS] = { false };
				why[i] = true;
				report(w, b, 2 - v, cond, v, why,
				       p->cond != cond ? cond_name(w, p->cond) : NULL);
				dead = true;
			}
		}
		if (!dead)
			descend(w, b, here, cond, v, lit, depth);
	}
}

static void walk(struct walk *w, const struct sl_node *n, sl_cform ctx, unsigned depth)
{
	if (!n || depth > MAX_DEPTH || n->kind == SL_SCALAR || (n->flags & SL_NODE_ALIAS))
		return;
	if (w->pruned && !sl_fn_spans_within(&w->ifs, n))
		return;
	const struct sl_node *k = sl_node_intrinsic(n);
	if (k && sl_str_eq(k, "Fn::If")) {
		fn_if(w, n, ctx, depth);
		return;
	}
	if (n->kind == SL_SEQ)
		for (size_t i = 0; i < n->len; i++)
			walk(w, n->items[i], ctx, depth + 1);
	else
		for (size_t i = 0; i < n->len; i++)
			walk(w, n->pairs[i].value, ctx, depth + 1);
}

/* Walks the value of a resource or output from the context its Condition gives. */
static void entity(struct walk *w, const struct sl_entity *e, enum origin origin)
{
	if (sl_foreach_key(e->key) || !sl_node_is(e->value, SL_MAP) ||
	    (w->pruned && !sl_fn_spans_within(&w->ifs, e->value)))
		return;
	w->n_pins = 0;
	w->overflow = false;
	sl_cform ctx = SL_CF_TRUE;
	const struct sl_node *cn = sl_map_get(e->value, "Condition");
	const struct sl_entity *ce = sl_node_is(cn, SL_SCALAR) && !(cn->flags & SL_NODE_ALIAS) ?
		sl_index_find(&w->c->t->conditions, cn->str, cn->len) : NULL;
	sl_cform f = ce ? sl_conds_named(w->s, cn->str, cn->len) : SL_CF_UNKNOWN;
	if (f != SL_CF_UNKNOWN) {
		ctx = f;
		w->pins[w->n_pins++] =
			(struct pin){ (size_t)(ce - w->c->t->conditions.items), true, origin, f };
	}
	walk(w, e->value, ctx, 0);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global || !t->conditions.n)
		return;
	struct walk w = { .c = c, .s = sl_cond_model(c) };
	if (!w.s)
		return;
	w.pruned = sl_fn_spans_init(c, "Fn::If", &w.ifs);
	for (size_t i = 0; i < t->resources.n; i++)
		entity(&w, &t->resources.items[i], PIN_RESOURCE);
	for (size_t i = 0; i < t->outputs.n; i++)
		entity(&w, &t->outputs.items[i], PIN_OUTPUT);
	sl_fn_spans_free(&w.ifs);
}

const struct sl_rule rule_W1028 = {
	.id = "W1028",
	.severity = SL_SEV_WARNING,
	.title = "Every Fn::If branch can be taken where it stands",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-conditions.html#intrinsic-function-reference-conditions-if",
	.doc =
	"### What it checks\n"
	"Each `Fn::If` in a resource or an output, against what is known where it stands: the "
	"resource's or output's `Condition` holds, and so does the condition value of every "
	"enclosing `Fn::If` branch. A branch whose condition value contradicts them is reported "
	"at its value, with the conditions that rule it out. Conditions are compared by what they "
	"test: `Fn::And`, `Fn::Or`, `Fn::Not` and `Condition` are followed, a parameter has one "
	"value (and one of its `AllowedValues`), and the same `Fn::Equals` written in two "
	"conditions is the same test. A condition that is always true or always false on its own "
	"is left to the condition rules (W8003).\n\n"
	"### Why it matters\n"
	"CloudFormation evaluates the branch that the condition selects; the other value is never "
	"used, whatever the parameters. Such a branch is dead code that readers take for a real "
	"case, and it often hides a mistake: the wrong condition name, or a condition negated the "
	"wrong way.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Condition: IsProd\n"
	"    Properties:\n"
	"      BucketName: !If [IsProd, prod-data, test-data]   # test-data is never used\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Condition: IsProd\n"
	"    Properties:\n"
	"      BucketName: prod-data\n"
	"```\n",
	.check = check,
};
