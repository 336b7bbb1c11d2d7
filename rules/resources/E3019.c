/* E3019: resources of one type do not share literal primary identifier values. */
#include <stdlib.h>
#include <string.h>

#include "rules/schema.h"
#include "util/buf.h"

/* SAM types that become a CloudFormation type whose primary identifier the
 * SAM resource sets under the same property name. */
static const struct sam_map {
	const char *sam, *cfn;
} sam_types[] = {
	{ "AWS::Serverless::Function", "AWS::Lambda::Function" },
	{ "AWS::Serverless::SimpleTable", "AWS::DynamoDB::Table" },
};

/* Types left out: the specification's identifier is narrower than the one
 * CloudFormation uses. AWS::ApiGateway::Model is identified by its REST API
 * and its Name (models of different APIs may share a name), the spec gives
 * Name alone. */
static const char *const skipped[] = { "AWS::ApiGateway::Model" };

struct entry {
	const struct sl_entity *res;
	const char *type;  /* the CloudFormation type identified (SAM mapped) */
	char *key;         /* "type\n" then each identifier value and "\n": the sort key */
	const struct sl_node *cond; /* the resource's Condition scalar, or NULL */
	const struct sl_node *at;   /* where to report */
	const char *ids;    /* the identifier property names, comma-separated */
};

static int by_key(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int d = strcmp(x->key, y->key);
	if (d)
		return d;
	/* source order within one key */
	return x->res < y->res ? -1 : x->res > y->res;
}

static int cond_cmp(const struct sl_node *a, const struct sl_node *b)
{
	if (!a || !b)
		return a ? 1 : b ? -1 : 0; /* unconditional first */
	size_t n = a->len < b->len ? a->len : b->len;
	int d = memcmp(a->str, b->str, n);
	return d ? d : (a->len > b->len) - (a->len < b->len);
}

static int by_cond(const void *a, const void *b, void *base)
{
	const struct entry *es = base;
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int d = cond_cmp(es[x].cond, es[y].cond);
	return d ? d : (x > y) - (x < y);
}

/* For a group of entries with one key (es[0..n), in source order), byc[]
 * receives their indexes sorted by condition, then source order. */
static void sort_by_cond(const struct entry *es, size_t n, size_t *byc)
{
	for (size_t i = 0; i < n; i++)
		byc[i] = i;
	qsort_r(byc, n, sizeof *byc, by_cond, (void *)es);
}

/* The first entry of es[i..j) other than k, in source order, that can exist
 * together with es[k]: any other when es[k] is unconditional; else one under
 * the same condition or an unconditional one. O(log n) with byc (the group
 * sorted by condition: unconditional entries first). */
static const struct entry *first_partner(const struct entry *es, size_t i, size_t j, size_t k, const size_t *byc)
{
	size_t n = j - i, rel = k - i;
	if (!es[k].cond)
		return &es[rel == 0 ? i + 1 : i];
	size_t best = SIZE_MAX;
	/* the first two unconditional entries (they sort first) */
	for (size_t q = 0; q < n && q < 2 && !es[i + byc[q]].cond; q++)
		if (byc[q] != rel && byc[q] < best)
			best = byc[q];
	/* the run of es[k]'s condition: binary search for its start */
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cond_cmp(es[i + byc[mid]].cond, es[k].cond) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t q = lo; q < n && q < lo + 2 && cond_cmp(es[i + byc[q]].cond, es[k].cond) == 0; q++)
		if (byc[q] != rel && byc[q] < best)
			best = byc[q];
	return best == SIZE_MAX ? NULL : &es[i + best];
}

/* The value of property `name` (len bytes) when it is a literal scalar. */
static const struct sl_node *literal_prop(const struct sl_node *props, const char *name, size_t len)
{
	for (uint32_t i = props->len; i-- > 0;) {
		const struct sl_pair *p = &props->pairs[i];
		if (p->key->len != len || memcmp(p->key->str, name, len) != 0)
			continue;
		const struct sl_node *v = p->value;
		if (!v || v->kind != SL_SCALAR || sl_node_is_null(v) || v->flags & SL_NODE_ALIAS)
			return NULL;
		enum sl_scalar_type st = sl_scalar_type(v);
		return st == SL_TYPE_STRING || st == SL_TYPE_INT || st == SL_TYPE_FLOAT ? v : NULL;
	}
	return NULL;
}

/* Builds the entry of resource e, or returns false when e has no literal
 * primary identifier to compare. */
static bool make_entry(struct sl_ctx *c, const struct sl_entity *e, struct entry *out,
		       struct sl_buf *b)
{
	const char *type = e->type->str;
	for (size_t k = 0; k < sizeof(sam_types) / sizeof(sam_types[0]); k++)
		if (sl_str_eq(e->type, sam_types[k].sam))
			type = sam_types[k].cfn;
	for (size_t k = 0; k < sizeof(skipped) / sizeof(skipped[0]); k++)
		if (strcmp(type, skipped[k]) == 0)
			return false;
	uint32_t rid = sl_spec_resource(c->spec, type, strlen(type));
	if (rid == SL_SPEC_NONE)
		return false;
	const char *ids = sl_spec_resource_primary_id(c->spec, rid);
	uint32_t shape = sl_spec_resource_shape(c->spec, rid);
	const struct sl_node *props = sl_map_get(e->value, "Properties");
	if (!*ids || !sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
		return false;
	b->len = 0;
	sl_buf_puts(b, type);
	sl_buf_putc(b, '\n');
	const struct sl_node *first = NULL;
	size_t n_ids = 0;
	for (const char *p = ids; *p;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		/* an identifier CloudFormation or the service assigns (read-only: not
		 * a property of the shape) cannot be compared */
		if (!sl_spec_prop_find(c->spec, shape, p, len))
			return false;
		const struct sl_node *v = literal_prop(props, p, len);
		if (!v)
			return false; /* absent (generated), or given by a function */
		sl_buf_put(b, v->str, v->len);
		sl_buf_putc(b, '\n');
		first = first ? first : v;
		n_ids++;
		p = end ? end + 1 : p + len;
	}
	if (b->oom)
		return false;
	out->res = e;
	out->type = type;
	out->key = strdup(sl_buf_cstr(b));
	out->cond = sl_entity_attr(e, SL_ATTR_CONDITION);
	if (out->cond && out->cond->kind != SL_SCALAR)
		return false; /* malformed: E3015's */
	out->at = n_ids == 1 ? first : sl_map_get_pair(e->value, "Properties")->key;
	out->ids = ids;
	return out->key != NULL;
}

/* "FunctionName 'x'" or "LogGroupName and FilterName ('a', 'b')" into b. */
static void describe(struct sl_buf *b, const struct entry *en)
{
	const char *vals = strchr(en->key, '\n') + 1;
	bool one = !strchr(en->ids, ',');
	b->len = 0;
	for (const char *p = en->ids; *p; p++)
		if (*p == ',')
			sl_buf_puts(b, p[1] && !strchr(p + 1, ',') ? " and " : ", ");
		else
			sl_buf_putc(b, *p);
	sl_buf_puts(b, one ? " '" : " ('");
	for (const char *v = vals; *v; v++) {
		if (*v != '\n')
			sl_buf_putc(b, *v);
		else if (v[1])
			sl_buf_puts(b, "', '");
	}
	sl_buf_puts(b, one ? "'" : "')");
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global || t->resources.n < 2)
		return;
	struct entry *es = calloc(t->resources.n, sizeof(*es));
	size_t *byc = malloc(t->resources.n * sizeof(*byc));
	struct sl_buf b = { 0 };
	if (!es || !byc) {
		free(es);
		free(byc);
		c->oom = true;
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!e->type || e->module || sl_schema_unchecked(c->spec, e->type->str, e->type->len))
			continue;
		if (make_entry(c, e, &es[n], &b))
			n++;
		else
			free(es[n].key), es[n].key = NULL;
	}
	qsort(es, n, sizeof(*es), by_key);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && strcmp(es[j].key, es[i].key) == 0)
			j++;
		/* es[i..j) share type and identifier values: report each one that
		 * can exist together with another (same condition, or one of the
		 * two unconditional); resources under two different conditions are
		 * left alone, as the conditions may exclude each other. Sorted by
		 * condition, so that a group of any size costs O(g log g). */
		if (j - i > 1)
			sort_by_cond(es + i, j - i, byc);
		for (size_t k = i; j - i > 1 && k < j; k++) {
			const struct entry *other = first_partner(es, i, j, k, byc);
			if (!other)
				continue;
			describe(&b, &es[k]);
			if (b.oom)
				break;
			sl_report(c, es[k].at, "%s '%s' has the same %s as '%s' (line %u): that primary "
				  "identifier names one %s in the account and Region, so only one of the "
				  "two can be created", es[k].res->type->str, es[k].res->key->str,
				  sl_buf_cstr(&b), other->res->key->str, sl_line(c, other->res->key), es[k].type);
		}
		i = j;
	}
	if (b.oom)
		c->oom = true;
	for (size_t i = 0; i < n; i++)
		free(es[i].key);
	free(es);
	free(byc);
	sl_buf_free(&b);
}

const struct sl_rule rule_E3019 = {
	.id = "E3019",
	.severity = SL_SEV_ERROR,
	.title = "Primary identifiers are unique across resources",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html",
	.doc =
	"### What it checks\n"
	"Two resources of one type whose primary identifier properties (the resource "
	"specification's, when the template can set them: `FunctionName` of a Lambda function, "
	"`BucketName`, `TableName`, `RoleName`, `LogGroupName` together with `FilterName` of a "
	"subscription filter, ...) have the same literal values. SAM functions and simple tables "
	"are compared with the Lambda functions and DynamoDB tables they become. Values given by "
	"intrinsic functions, absent identifiers (CloudFormation then generates a name) and "
	"resources under two different conditions (which may exclude each other) are not judged; "
	"an unconditional resource and a conditional one are. `AWS::ApiGateway::Model` is left "
	"out: a model is identified by its REST API and its name.\n\n"
	"### Why it matters\n"
	"The primary identifier names the resource in the account and Region: the second resource "
	"with the same one fails to create (\"already exists\"), and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Api:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      FunctionName: orders\n"
	"      ...\n"
	"  Worker:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      FunctionName: orders\n"
	"      ...\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Api:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      FunctionName: orders-api\n"
	"      ...\n"
	"  Worker:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      FunctionName: orders-worker\n"
	"      ...\n"
	"```\n",
	.check = check,
};
