/* W99812: a Lambda AppSpec file shifts an alias the template beside it defines
 * for the function, when that template defines the function. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/appspec/appspec.h"
#include "rules/sam/samrules.h"
#include "template/sam.h"
#include "util/arena.h"

#define get_ci sl_appspec_value_ci

/* A function of the template by its literal name, or an alias by the
 * function it belongs to (its logical ID, or its literal name). */
struct entry {
	bool logical;                /* s is a logical ID (else a function name) */
	const char *s;
	size_t len;
	const struct sl_entity *e;   /* the function, or the resource defining the alias */
	const struct sl_node *alias; /* aliases: the alias name; NULL when not a plain string */
};

struct index {
	struct entry *fns, *aliases;
	size_t n_fns, n_aliases;
	bool unknown; /* an alias whose function cannot be told: it may be any of them */
	const struct sl_doc *doc; /* the template's, for its lines */
};

static int cmp_entry(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	if (x->logical != y->logical)
		return x->logical ? 1 : -1;
	size_t m = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->s, y->s, m);
	return r ? r : (x->len > y->len) - (x->len < y->len);
}

/* cmp_entry, then by alias name (one that cannot be told first). */
static int cmp_alias(const void *a, const void *b)
{
	int r = cmp_entry(a, b);
	const struct sl_node *x = ((const struct entry *)a)->alias, *y = ((const struct entry *)b)->alias;
	if (r || x == y)
		return r;
	if (!x || !y)
		return x ? 1 : -1;
	size_t m = x->len < y->len ? x->len : y->len;
	r = memcmp(x->str, y->str, m);
	return r ? r : (x->len > y->len) - (x->len < y->len);
}

/* The function name that a FunctionName value (len bytes) gives: the value
 * itself, or the name in a full or partial ARN (...:function:NAME, maybe
 * followed by :QUALIFIER). False when it is neither. */
static bool fn_name(const char *s, size_t len, const char **out, size_t *olen)
{
	static const char mk[] = ":function:";
	const size_t ml = sizeof(mk) - 1;
	const char *f = NULL;
	for (size_t i = 0; i + ml <= len && !f; i++)
		if (memcmp(s + i, mk, ml) == 0)
			f = s + i + ml;
	if (!f && memchr(s, ':', len))
		return false;
	const char *end = s + len;
	if (f) {
		const char *colon = memchr(f, ':', (size_t)(end - f));
		end = colon ? colon : end;
	} else {
		f = s;
	}
	for (const char *p = f; p < end; p++)
		if (!(*p >= 'a' && *p <= 'z') && !(*p >= 'A' && *p <= 'Z') && !(*p >= '0' && *p <= '9') &&
		    *p != '-' && *p != '_')
			return false;
	*out = f;
	*olen = (size_t)(end - f);
	return *olen > 0;
}

static bool is_function(const struct sl_entity *e)
{
	return sl_str_eq(e->type, "AWS::Lambda::Function") || sl_str_eq(e->type, "AWS::Serverless::Function");
}

/* One pass over the template's resources. NULL when memory ran out. */
static struct index *build(struct sl_ctx *c, const struct sl_template *t)
{
	struct index *ix = sl_arena_alloc(c->arena, sizeof(*ix));
	size_t n = t->resources.n ? t->resources.n : 1;
	if (!ix || !(ix->fns = sl_arena_alloc(c->arena, n * sizeof(*ix->fns))) ||
	    !(ix->aliases = sl_arena_alloc(c->arena, n * sizeof(*ix->aliases)))) {
		c->oom = true;
		return NULL;
	}
	ix->doc = t->doc;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, "AWS::Lambda::Function", "AWS::Serverless::Function",
			   "AWS::Lambda::Alias");
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (is_function(e)) {
			const struct sl_node *fname = sl_map_get(props, "FunctionName");
			const char *s;
			size_t l;
			if (sl_node_is(fname, SL_SCALAR) && fn_name(fname->str, fname->len, &s, &l))
				ix->fns[ix->n_fns++] = (struct entry){ false, s, l, e, NULL };
			if (!sl_str_eq(e->type, "AWS::Serverless::Function"))
				continue;
			const struct sl_node *ap = sl_sam_prop(t, e, "AutoPublishAlias", NULL);
			if (ap && !sl_node_is_null(ap))
				ix->aliases[ix->n_aliases++] = (struct entry){ true, e->key->str, e->key->len, e,
					sl_node_is(ap, SL_SCALAR) ? ap : NULL };
		} else if (sl_str_eq(e->type, "AWS::Lambda::Alias")) {
			const struct sl_node *fv = sl_map_get(props, "FunctionName"), *nv = sl_map_get(props, "Name");
			const struct sl_node *alias = sl_node_is(nv, SL_SCALAR) ? nv : NULL;
			const struct sl_entity *fn = sl_template_ref_resource(t, fv, "AWS::Lambda::Function");
			if (!fn)
				fn = sl_template_ref_resource(t, fv, "AWS::Serverless::Function");
			const char *s;
			size_t l;
			if (fn)
				ix->aliases[ix->n_aliases++] = (struct entry){ true, fn->key->str, fn->key->len, e, alias };
			else if (sl_node_is(fv, SL_SCALAR) && fn_name(fv->str, fv->len, &s, &l))
				ix->aliases[ix->n_aliases++] = (struct entry){ false, s, l, e, alias };
			else
				ix->unknown = true; /* a parameter, an import, a Sub: any function */
		}
	}
	qsort(ix->fns, ix->n_fns, sizeof(*ix->fns), cmp_entry);
	qsort(ix->aliases, ix->n_aliases, sizeof(*ix->aliases), cmp_alias);
	return ix;
}

/* The first of the n sorted entries v that cmp orders after key (after or
 * equal to it unless `after`). */
static size_t bound(const struct entry *v, size_t n, const struct entry *key,
		    int (*cmp)(const void *, const void *), bool after)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		int r = cmp(&v[m], key);
		if (r < 0 || (after && r == 0))
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

/* Checks one appspec resource's alias against the index: logarithmic in the
 * template's functions and aliases. */
static void check_alias(struct sl_ctx *c, const struct index *ix, const char *path, const char *s,
			size_t l, const struct sl_node *alias)
{
	struct entry key = { false, s, l, NULL, NULL };
	size_t lo = bound(ix->fns, ix->n_fns, &key, cmp_entry, false);
	if (bound(ix->fns, ix->n_fns, &key, cmp_entry, true) - lo != 1)
		return; /* not in this template (another stack's?), or several under conditions */
	const struct sl_entity *fn = ix->fns[lo].e;
	struct entry keys[2] = { { true, fn->key->str, fn->key->len, NULL, NULL }, key };
	const char *cands[16];
	size_t nc = 0, total = 0;
	char names[200];
	size_t used = 0;
	bool cut = false;
	names[0] = '\0';
	for (size_t k = 0; k < 2; k++) {
		const struct entry *v = ix->aliases;
		size_t n = ix->n_aliases;
		lo = bound(v, n, &keys[k], cmp_entry, false);
		size_t hi = bound(v, n, &keys[k], cmp_entry, true);
		if (lo == hi)
			continue;
		if (!v[lo].alias)
			return; /* an alias of the function whose name cannot be told */
		struct entry exact = keys[k];
		exact.alias = alias;
		size_t at = bound(v, n, &exact, cmp_alias, false);
		if (at < hi && cmp_alias(&v[at], &exact) == 0)
			return;
		total += hi - lo;
		for (size_t i = lo; i < hi && nc < sizeof(cands) / sizeof(cands[0]); i++) {
			const struct sl_node *a = v[i].alias;
			cands[nc++] = a->str;
			if (!cut && used + a->len + 8 < sizeof(names))
				used += (size_t)snprintf(names + used, sizeof(names) - used, "%s%.*s",
							 used ? ", " : "", SL_AS_KEY(a));
			else
				cut = true;
		}
	}
	cut |= total > nc;
	const char *sug = sl_suggest(alias->str, alias->len, cands, nc);
	sl_report(c, alias, "alias '%.*s' of function '%.*s' is not defined in %s beside this file, "
		  "which defines that function (%.*s, line %u) with %s%s%s: CodeDeploy shifts the "
		  "traffic of an existing alias, so the deployment fails unless the alias is created "
		  "elsewhere; define it (AWS::Lambda::Alias, or AutoPublishAlias on a SAM function)%s"
		  "%s%s%s",
		  SL_AS_KEY(alias), (int)l, s, path, SL_AS_KEY(fn->key), sl_doc_line(ix->doc, fn->key),
		  total == 0 ? "no alias" : total == 1 ? "alias " : "aliases ", names,
		  cut ? ", ..." : "", total ? " or name one the function has" : "",
		  sug ? " (did you mean '" : "", sug ? sug : "", sug ? "'?)" : "");
}

/* The template's functions and aliases, indexed on the first resource that
 * needs them. */
struct lazy {
	bool built;
	const struct index *ix;
	const char *path;
};

static void one(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *body,
		const struct sl_node *props, void *arg)
{
	(void)key;
	(void)body;
	struct lazy *z = arg;
	const struct sl_node *name = get_ci(props, "name"), *alias = get_ci(props, "alias");
	const char *s;
	size_t l;
	if (!sl_node_is(name, SL_SCALAR) || !fn_name(name->str, name->len, &s, &l) ||
	    !sl_appspec_plain_name(alias))
		return; /* absent (E99808), or a placeholder a pipeline fills in */
	if (!z->built) {
		z->built = true;
		const struct sl_template *t = sl_appspec_template(c, &z->path);
		z->ix = t ? build(c, t) : NULL;
	}
	if (z->ix && !z->ix->unknown)
		check_alias(c, z->ix, z->path, s, l, alias);
}

static void check(struct sl_ctx *c)
{
	struct lazy z = { false, NULL, NULL };
	if (sl_appspec_platform(c->root) == SL_AS_LAMBDA)
		sl_appspec_each_resource(c, "AWS::Lambda::Function", one, &z);
}

const struct sl_rule rule_W99812 = {
	.id = "W99812",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_APPSPEC,
	.title = "A Lambda AppSpec file's alias is one the template beside it defines for the function",
	.source = SL_APPSPEC_DOC "reference-appspec-file-structure-resources.html",
	.doc =
	"### What it checks\n"
	"An AWS Lambda AppSpec file's `alias`, against the template beside the file "
	"(`template.yaml`, `template.yml` or `template.json` in the same directory) when that "
	"template defines the function `name` names (an `AWS::Lambda::Function` or "
	"`AWS::Serverless::Function` whose own `FunctionName` is that literal name): the template "
	"must define that alias for it, as an `AWS::Lambda::Alias` whose `FunctionName` is a "
	"`Ref` or `Fn::GetAtt` to the function or its literal name or ARN, or as the SAM "
	"function's `AutoPublishAlias` (from `Globals` too).\n\n"
	"Nothing is reported when there is no template beside the file, the function is not in "
	"it (it may belong to another stack), an alias's function or name is not a literal the "
	"rule can read, a macro or an unexpanded `Fn::ForEach` may add resources, or the alias "
	"is a placeholder a pipeline fills in.\n\n"
	"### Why it matters\n"
	"CodeDeploy's AppSpec reference makes `alias` the name of the alias to the Lambda "
	"function: a deployment shifts that alias's traffic from `currentversion` to "
	"`targetversion`, so the alias must exist. An alias the template does not define (a "
	"slip such as `Live` for `live`, or the SAM alias renamed in the template but not here) "
	"fails the deployment unless it is created elsewhere, which is why this is a warning.\n\n"
	"### Bad\n"
	"```yaml\n"
	"# template.yaml beside it: OrdersFunction, FunctionName: orders, AutoPublishAlias: live\n"
	"version: 0.0\n"
	"Resources:\n"
	"  - ordersFunction:\n"
	"      Type: AWS::Lambda::Function\n"
	"      Properties:\n"
	"        Name: orders\n"
	"        Alias: prod\n"
	"        CurrentVersion: \"3\"\n"
	"        TargetVersion: \"4\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 0.0\n"
	"Resources:\n"
	"  - ordersFunction:\n"
	"      Type: AWS::Lambda::Function\n"
	"      Properties:\n"
	"        Name: orders\n"
	"        Alias: live\n"
	"        CurrentVersion: \"3\"\n"
	"        TargetVersion: \"4\"\n"
	"```\n",
	.check = check,
};
