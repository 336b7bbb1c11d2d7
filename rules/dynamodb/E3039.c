/* E3039: a table's AttributeDefinitions are exactly the key attributes of the table and its indexes. */
#include <stdlib.h>
#include <string.h>

#include "rules/dynamodb/dynamodb.h"

/* An attribute name as written: in AttributeDefinitions, or in a key schema
 * (where names the key schema, for messages). */
struct attr {
	const struct sl_node *name;
	const char *where;
};

struct attrs {
	struct attr *v;
	size_t n, cap;
};

struct run {
	struct sl_ctx *c;
	struct attrs defs, keys;
	bool unknown; /* some name or list cannot be known here: the table is not judged */
};

static void push(struct run *r, struct attrs *a, const struct sl_node *name, const char *where)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 8;
		struct attr *p = realloc(a->v, cap * sizeof(*p));
		if (!p) {
			r->c->oom = true;
			r->unknown = true;
			return;
		}
		a->v = p;
		a->cap = cap;
	}
	a->v[a->n++] = (struct attr){ name, where };
}

/* The literal attribute name of a map's AttributeName in this scenario, or
 * NULL (and the run unknown) when it is not a literal string. */
static const struct sl_node *name_of(struct sl_ddb_scenario *s, struct run *r,
				     const struct sl_node *item)
{
	item = sl_ddb_value(s, item);
	if (!item)
		return NULL; /* an item left out by AWS::NoValue */
	const struct sl_node *n = sl_ddb_get(s, item, "AttributeName");
	if (!sl_node_is(item, SL_MAP) || sl_node_intrinsic(item) || !sl_samr_is_string(n)) {
		r->unknown = true;
		return NULL;
	}
	return n;
}

static void key_schema(struct sl_ddb_scenario *s, struct run *r, const struct sl_node *ks,
		       const char *where)
{
	if (!sl_node_is(ks, SL_SEQ)) {
		r->unknown = true; /* absent (E3003's), a function or a map */
		return;
	}
	for (size_t i = 0; i < ks->len && !r->unknown; i++) {
		const struct sl_node *n = name_of(s, r, ks->items[i]);
		if (n)
			push(r, &r->keys, n, where);
	}
}

static void indexes(struct sl_ddb_scenario *s, struct run *r, const struct sl_node *props,
		    const char *prop, const char *kind)
{
	const struct sl_node *list = sl_ddb_get(s, props, prop);
	if (!list)
		return;
	if (!sl_node_is(list, SL_SEQ)) {
		r->unknown = true;
		return;
	}
	for (size_t i = 0; i < list->len && !r->unknown; i++) {
		const struct sl_node *ix = sl_ddb_value(s, list->items[i]);
		if (!ix)
			continue;
		if (!sl_node_is(ix, SL_MAP) || sl_node_intrinsic(ix)) {
			r->unknown = true;
			return;
		}
		const struct sl_node *name = sl_ddb_get(s, ix, "IndexName");
		const char *where = sl_samr_is_string(name)
			? sl_arena_printf(r->c->arena, "%s secondary index '%s'", kind, name->str)
			: sl_arena_printf(r->c->arena, "%s item %zu", prop, i + 1);
		key_schema(s, r, sl_ddb_get(s, ix, "KeySchema"), where);
	}
}

static int attr_cmp(const void *a, const void *b)
{
	const struct sl_node *x = ((const struct attr *)a)->name, *y = ((const struct attr *)b)->name;
	int d = memcmp(x->str, y->str, x->len < y->len ? x->len : y->len);
	return d ? d : x->len < y->len ? -1 : x->len > y->len;
}

static bool has(const struct attrs *a, const struct attr *k)
{
	return a->n && bsearch(k, a->v, a->n, sizeof(*a->v), attr_cmp);
}

static void check_scenario(struct sl_ddb_scenario *s, const struct sl_node *props, void *ud)
{
	struct run *r = ud;
	r->defs.n = r->keys.n = 0;
	r->unknown = false;
	const struct sl_node *defs = sl_ddb_get(s, props, "AttributeDefinitions");
	if (defs && !sl_node_is(defs, SL_SEQ))
		return;
	for (size_t i = 0; defs && i < defs->len && !r->unknown; i++) {
		const struct sl_node *n = name_of(s, r, defs->items[i]);
		if (n)
			push(r, &r->defs, n, NULL);
	}
	key_schema(s, r, sl_ddb_get(s, props, "KeySchema"), "the table's KeySchema");
	indexes(s, r, props, "GlobalSecondaryIndexes", "global");
	indexes(s, r, props, "LocalSecondaryIndexes", "local");
	if (r->unknown)
		return;
	/* sorted copies to look names up in; the originals keep source order */
	struct attrs sd = r->defs, sk = r->keys;
	sd.v = malloc((sd.n ? sd.n : 1) * sizeof(*sd.v));
	sk.v = malloc((sk.n ? sk.n : 1) * sizeof(*sk.v));
	if (!sd.v || !sk.v) {
		free(sd.v);
		free(sk.v);
		r->c->oom = true;
		return;
	}
	if (sd.n)
		memcpy(sd.v, r->defs.v, sd.n * sizeof(*sd.v));
	if (sk.n)
		memcpy(sk.v, r->keys.v, sk.n * sizeof(*sk.v));
	qsort(sd.v, sd.n, sizeof(*sd.v), attr_cmp);
	qsort(sk.v, sk.n, sizeof(*sk.v), attr_cmp);
	for (size_t i = 0; i < r->defs.n; i++)
		if (!has(&sk, &r->defs.v[i]))
			sl_ddb_report(s, r->defs.v[i].name,
				      "AttributeDefinitions defines '%s', but no key schema uses it (neither "
				      "the table's nor an index's): DynamoDB takes only key attributes there "
				      "and rejects the table. Remove the definition: attributes that are no "
				      "key need none", r->defs.v[i].name->str);
	for (size_t i = 0; i < r->keys.n; i++)
		if (!has(&sd, &r->keys.v[i]))
			sl_ddb_report(s, r->keys.v[i].name,
				      "'%s', a key attribute of %s, is not defined in AttributeDefinitions: "
				      "DynamoDB rejects the table. Add {AttributeName: %s, AttributeType: S, "
				      "N or B} to AttributeDefinitions", r->keys.v[i].name->str,
				      r->keys.v[i].where, r->keys.v[i].name->str);
	free(sd.v);
	free(sk.v);
}

static void check(struct sl_ctx *c)
{
	static const char *const keys[] = { "AttributeDefinitions", "KeySchema",
					    "GlobalSecondaryIndexes", "LocalSecondaryIndexes", NULL };
	struct run r = { .c = c };
	sl_ddb_each_scenario(c, SL_DDB_TABLE, SL_DDB_GLOBAL_TABLE, keys, check_scenario, &r);
	free(r.defs.v);
	free(r.keys.v);
}

const struct sl_rule rule_E3039 = {
	.id = "E3039",
	.severity = SL_SEV_ERROR,
	.title = "AttributeDefinitions match the key attributes of the table and its indexes",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html",
	.doc =
	"### What it checks\n"
	"The `AttributeDefinitions` of an `AWS::DynamoDB::Table` or `AWS::DynamoDB::GlobalTable` "
	"name exactly the attributes its key schemas use: the table's `KeySchema` and the "
	"`KeySchema` of every global and local secondary index. An attribute defined but used by "
	"no key schema is reported where it is defined; a key attribute that is not defined is "
	"reported in the key schema that uses it. Where `Fn::If` changes the definitions, the "
	"keys or the indexes, each value of the condition is judged when all those `Fn::If` test "
	"the same condition (the message then names the value that fails); tables whose `Fn::If` "
	"test several conditions, and names that are not literal (a parameter, an import), are "
	"not judged.\n\n"
	"### Why it matters\n"
	"`AttributeDefinitions` describes the key schema of the table and its indexes, and "
	"nothing else: DynamoDB is schemaless for every other attribute. CreateTable refuses a "
	"definition no key uses (\"Some AttributeDefinitions are not used\") and a key attribute "
	"without a definition, so the stack fails and rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Songs:\n"
	"    Type: AWS::DynamoDB::Table\n"
	"    Properties:\n"
	"      BillingMode: PAY_PER_REQUEST\n"
	"      AttributeDefinitions:\n"
	"        - {AttributeName: Artist, AttributeType: S}\n"
	"        - {AttributeName: Sales, AttributeType: N}\n"
	"      KeySchema:\n"
	"        - {AttributeName: Artist, KeyType: HASH}\n"
	"        - {AttributeName: Album, KeyType: RANGE}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Songs:\n"
	"    Type: AWS::DynamoDB::Table\n"
	"    Properties:\n"
	"      BillingMode: PAY_PER_REQUEST\n"
	"      AttributeDefinitions:\n"
	"        - {AttributeName: Artist, AttributeType: S}\n"
	"        - {AttributeName: Album, AttributeType: S}\n"
	"      KeySchema:\n"
	"        - {AttributeName: Artist, KeyType: HASH}\n"
	"        - {AttributeName: Album, KeyType: RANGE}\n"
	"```\n",
	.check = check,
};
