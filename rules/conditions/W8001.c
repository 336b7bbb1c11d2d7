/* W8001: every condition is used by a resource, an output, Fn::If or another condition. */
#include <assert.h>
#include <fnmatch.h>

#include "rules/refs.h"

struct uses {
	const struct sl_index *conds;
	bool *used;
	size_t left; /* conditions not yet seen used: at 0 the walk can stop */
	bool oom;
};

static void use(struct uses *u, size_t i)
{
	u->left -= !u->used[i];
	u->used[i] = true;
}

/* Marks the conditions `name` may stand for: itself, or every condition a
 * Fn::ForEach name with ${Var} placeholders matches. */
static void mark(struct uses *u, struct sl_ctx *c, const char *name, size_t len)
{
	if (!memmem(name, len, "${", 2)) {
		const struct sl_entity *e = sl_index_find(u->conds, name, len);
		if (e)
			use(u, (size_t)(e - u->conds->items));
		return;
	}
	char *pat = sl_arena_alloc(c->arena, len + 1);
	if (!pat) {
		u->oom = true;
		return;
	}
	size_t k = 0;
	for (size_t i = 0; i < len; i++) {
		const char *close = name[i] == '$' && i + 1 < len && name[i + 1] == '{' ?
					    memchr(name + i, '}', len - i) : NULL;
		if (close) {
			pat[k++] = '*';
			i = (size_t)(close - name);
		} else {
			pat[k++] = name[i];
		}
	}
	pat[k] = '\0';
	for (size_t i = 0; i < u->conds->n; i++)
		if (fnmatch(pat, u->conds->items[i].key->str, 0) == 0)
			use(u, i);
}

/* A "Condition: X" or Fn::If [X, ...] pair: marks X. */
static void pair(struct uses *u, struct sl_ctx *c, const struct sl_pair *p)
{
	const struct sl_node *k = p->key, *v = p->value;
	if (sl_str_eq(k, "Condition") && sl_node_is(v, SL_SCALAR))
		mark(u, c, v->str, v->len);
	else if (sl_str_eq(k, "Fn::If") && sl_node_is(v, SL_SEQ) && v->len &&
		 sl_node_is(v->items[0], SL_SCALAR))
		mark(u, c, v->items[0]->str, v->items[0]->len);
}

/* Every "Condition: X" and Fn::If [X, ...] anywhere, also inside Fn::ForEach
 * templates and Metadata the model does not walk. Depth is bounded by the loader. */
static void walk(struct uses *u, struct sl_ctx *c, const struct sl_node *n)
{
	if (!n || u->oom || !u->left)
		return;
	if (n->kind == SL_SEQ) {
		for (size_t i = 0; i < n->len; i++)
			walk(u, c, n->items[i]);
		return;
	}
	if (n->kind != SL_MAP)
		return;
	for (size_t i = 0; i < n->len; i++) {
		pair(u, c, &n->pairs[i]);
		walk(u, c, n->pairs[i].value);
	}
}

/* Marks the conditions the template model's references name. */
static void mark_refs(struct uses *u, struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind == SL_REF_COND || r->kind == SL_REF_RES_COND)
			mark(u, c, r->name, r->name_len);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (!t->conditions.n || t->macro)
		return; /* a macro may use any condition */
	struct uses u = { .conds = &t->conditions, .used = calloc(t->conditions.n, sizeof(bool)),
			  .left = t->conditions.n };
	if (!u.used) {
		c->oom = true;
		return;
	}
	mark_refs(&u, c);
	const struct sl_node *root = t->root;
	const struct sl_doc *d = t->doc;
	if (d && d->indexed && root == d->root) {
		/* the pairs the loader noted: the walk's, below the root */
		for (size_t i = 0; i < d->n_cond_pairs && !u.oom && u.left; i++)
			pair(&u, c, d->cond_pairs[i]);
#ifndef NDEBUG
		/* the walk marks the same: checked on every template a debug build lints */
		struct uses w = { .conds = &t->conditions, .used = calloc(t->conditions.n, sizeof(bool)),
				  .left = t->conditions.n };
		if (w.used)
			mark_refs(&w, c);
		for (size_t i = 0; w.used && i < root->len; i++)
			walk(&w, c, root->pairs[i].value);
		assert(!w.used || w.oom || u.oom || memcmp(w.used, u.used, t->conditions.n * sizeof(bool)) == 0);
		free(w.used);
#endif
	} else {
		for (size_t i = 0; sl_node_is(root, SL_MAP) && i < root->len; i++)
			walk(&u, c, root->pairs[i].value);
	}
	if (u.oom) {
		c->oom = true;
		free(u.used);
		return;
	}
	for (size_t i = 0; i < t->conditions.n; i++) {
		const struct sl_node *k = t->conditions.items[i].key;
		if (!u.used[i] && !sl_foreach_key(k))
			sl_report(c, k, "condition '%s' is never used: no resource, output, Fn::If or "
				  "Condition function refers to it", k->str);
	}
	free(u.used);
}

const struct sl_rule rule_W8001 = {
	.id = "W8001",
	.severity = SL_SEV_WARNING,
	.title = "Conditions are used",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/conditions-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each condition in the `Conditions` section is used somewhere: by a resource's or an "
	"output's `Condition`, by `Fn::If`, or by the `Condition` function inside another "
	"condition. Names built by `Fn::ForEach` (`Is${Env}`) count as uses of every condition they "
	"can match. Templates that run a macro are not checked: the macro may use any condition.\n\n"
	"### Why it matters\n"
	"An unused condition is dead code: it is evaluated on every deployment and usually means "
	"the resource or value it was meant to guard is not guarded.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"Resources:\n"
	"  Alarm:\n"
	"    Type: AWS::SNS::Topic\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Conditions:\n"
	"  IsProd: !Equals [!Ref Env, prod]\n"
	"Resources:\n"
	"  Alarm:\n"
	"    Type: AWS::SNS::Topic\n"
	"    Condition: IsProd\n"
	"```\n",
	.check = check,
};
