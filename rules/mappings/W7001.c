/* W7001: every mapping is named by some Fn::FindInMap. */
#include <fnmatch.h>

#include "rules/refs.h"

struct uses {
	const struct sl_index *maps;
	bool *used;
	size_t left; /* mappings not yet seen used: at 0 the walk can stop */
	bool any;    /* a FindInMap whose map name is computed: it may use any mapping */
};

static void mark(struct uses *u, const struct sl_node *name)
{
	if (!sl_node_is(name, SL_SCALAR) || (name->flags & SL_NODE_ALIAS) ||
	    memmem(name->str, name->len, "${", 2)) {
		u->any = true; /* an intrinsic, an alias, or a Fn::ForEach placeholder */
		return;
	}
	const struct sl_entity *e = sl_index_find(u->maps, name->str, name->len);
	if (e && !u->used[e - u->maps->items]) {
		u->used[e - u->maps->items] = true;
		u->left--;
	}
}

/* Every Fn::FindInMap in the template, Metadata and Fn::ForEach bodies included.
 * Depth is bounded by the loader. */
static void walk(struct uses *u, const struct sl_node *n)
{
	if (!n || u->any || !u->left)
		return;
	if (n->kind == SL_SEQ) {
		for (size_t i = 0; i < n->len; i++)
			walk(u, n->items[i]);
		return;
	}
	if (n->kind != SL_MAP)
		return;
	for (size_t i = 0; i < n->len; i++) {
		const struct sl_node *k = n->pairs[i].key, *v = n->pairs[i].value;
		if (sl_str_eq(k, "Fn::FindInMap"))
			mark(u, sl_node_is(v, SL_SEQ) && v->len ? v->items[0] : v);
		walk(u, v);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (!t->mappings.n || t->macro)
		return; /* a macro may use any mapping */
	struct uses u = { .maps = &t->mappings, .used = calloc(t->mappings.n, sizeof(bool)),
			  .left = t->mappings.n };
	if (!u.used) {
		c->oom = true;
		return;
	}
	const struct sl_node *root = t->root;
	for (size_t i = 0; sl_node_is(root, SL_MAP) && i < root->len; i++)
		walk(&u, root->pairs[i].value);
	/* the collections of expanded Fn::ForEach loops are no longer in the tree */
	for (size_t i = 0; t->lx && i < t->lx->n_collections; i++)
		walk(&u, t->lx->collections[i]);
	for (size_t i = 0; !u.any && i < t->mappings.n; i++) {
		const struct sl_node *k = t->mappings.items[i].key;
		if (!u.used[i] && !sl_foreach_key(k))
			sl_report(c, k, "mapping '%s' is never used: no Fn::FindInMap names it", k->str);
	}
	free(u.used);
}

const struct sl_rule rule_W7001 = {
	.id = "W7001",
	.severity = SL_SEV_WARNING,
	.title = "Mappings are used",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/mappings-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each mapping in the `Mappings` section is named by at least one `Fn::FindInMap`. When a "
	"`Fn::FindInMap` computes its map name (`!FindInMap [!Ref MapName, ...]`, or a `Fn::ForEach` "
	"placeholder) it may read any mapping, and the rule stays silent. The collection of a "
	"`Fn::ForEach` loop counts. Templates that run a macro are not checked.\n\n"
	"### Why it matters\n"
	"An unused mapping is dead data: it is often left behind after a refactoring, or is a sign "
	"that a `Fn::FindInMap` names the wrong map.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Mappings:\n"
	"  RegionAmi:\n"
	"    us-east-1:\n"
	"      Ami: ami-0123456789abcdef0\n"
	"Resources:\n"
	"  Topic:\n"
	"    Type: AWS::SNS::Topic\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Mappings:\n"
	"  RegionAmi:\n"
	"    us-east-1:\n"
	"      Ami: ami-0123456789abcdef0\n"
	"Resources:\n"
	"  Instance:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      ImageId: !FindInMap [RegionAmi, !Ref AWS::Region, Ami]\n"
	"```\n",
	.check = check,
};
