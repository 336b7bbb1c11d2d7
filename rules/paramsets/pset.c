/* Parameter sets and their test against a template (pset.h). */
#include "rules/paramsets/pset.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rules/parameters/pvalue.h"

/* The text CloudFormation receives for a scalar value: a string, a number or a
 * boolean as written. NULL for anything else (a null, a list, a mapping). */
static const char *scalar_text(const struct sl_node *v, size_t *len)
{
	if (!sl_node_is(v, SL_SCALAR) || sl_node_is_null(v) || (v->flags & SL_NODE_ALIAS))
		return NULL;
	*len = v->len;
	return v->str;
}

static bool push(struct sl_ctx *c, struct sl_pset *s, size_t *cap, const struct sl_pset_entry *e)
{
	if (s->n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		struct sl_pset_entry *p = sl_arena_alloc(c->arena, nc * sizeof(*p));
		if (!p) {
			c->oom = true;
			return false;
		}
		if (s->n)
			memcpy(p, s->e, s->n * sizeof(*p));
		s->e = p;
		*cap = nc;
	}
	s->e[s->n++] = *e;
	return true;
}

/* The entries of a mapping {KEY: VALUE} (a deployment file's `parameters`,
 * a template configuration's Parameters, a Metadata set). */
static void from_map(struct sl_ctx *c, const struct sl_node *m, struct sl_pset *s)
{
	size_t cap = 0;
	for (uint32_t i = 0; sl_node_is(m, SL_MAP) && i < m->len; i++) {
		const struct sl_node *k = m->pairs[i].key, *v = m->pairs[i].value;
		struct sl_pset_entry e = { k->str, k->len, NULL, 0, k, v };
		e.value = scalar_text(v, &e.value_len);
		if (!push(c, s, &cap, &e))
			return;
	}
}

bool sl_pset_from_parameter_file(struct sl_ctx *c, const struct sl_node *root, struct sl_pset *out)
{
	memset(out, 0, sizeof(*out));
	out->origin = "this parameter file";
	if (sl_node_is(root, SL_MAP)) {
		const struct sl_pair *p = sl_map_get_pair(root, "Parameters");
		out->at = p ? p->key : root;
		if (p)
			from_map(c, p->value, out);
		return true;
	}
	if (!sl_node_is(root, SL_SEQ))
		return false;
	out->at = root;
	size_t cap = 0;
	for (uint32_t i = 0; i < root->len; i++) {
		const struct sl_node *it = root->items[i];
		struct sl_pset_entry e = { 0 };
		if (sl_node_is(it, SL_MAP)) {
			const struct sl_node *k = sl_map_get(it, "ParameterKey");
			size_t kl;
			e.key = scalar_text(k, &kl);
			if (!e.key || !kl)
				continue; /* E0200 */
			e.key_len = kl;
			e.key_at = k;
			e.value_at = sl_map_get(it, "ParameterValue");
			e.value = scalar_text(e.value_at, &e.value_len);
			if (!e.value_at)
				e.value_at = k;
		} else if (sl_node_is(it, SL_SCALAR) && sl_scalar_type(it) == SL_TYPE_STRING) {
			/* "KEY=VALUE", as aws cloudformation deploy takes it */
			const char *eq = memchr(it->str, '=', it->len);
			if (!eq || eq == it->str)
				continue; /* E0200 */
			e.key = it->str;
			e.key_len = (size_t)(eq - it->str);
			e.value = eq + 1;
			e.value_len = it->len - e.key_len - 1;
			e.key_at = e.value_at = it;
		} else {
			continue; /* E0200 */
		}
		if (!push(c, out, &cap, &e))
			return false;
	}
	return true;
}

bool sl_pset_from_deployment_file(struct sl_ctx *c, const struct sl_node *root, struct sl_pset *out)
{
	memset(out, 0, sizeof(*out));
	out->origin = "this deployment file";
	if (!sl_node_is(root, SL_MAP))
		return false;
	const struct sl_pair *p = sl_map_get_pair(root, "parameters");
	out->at = p ? p->key : root;
	if (p)
		from_map(c, p->value, out);
	return true;
}

bool sl_pset_from_metadata(struct sl_ctx *c, const struct sl_template *t, struct sl_pset **out,
			   size_t *n)
{
	static const char *const path[] = { "cfn-lint", "config", "parameters", NULL };
	const struct sl_node *l = sl_map_path(sl_section(t, SL_SEC_METADATA), path);
	*out = NULL;
	*n = 0;
	if (!sl_node_is(l, SL_SEQ) || !l->len)
		return false;
	struct sl_pset *sets = sl_arena_alloc(c->arena, l->len * sizeof(*sets));
	if (!sets) {
		c->oom = true;
		return false;
	}
	for (uint32_t i = 0; i < l->len; i++) {
		const struct sl_node *m = l->items[i];
		if (!sl_node_is(m, SL_MAP))
			continue; /* not a set of values: nothing to judge */
		struct sl_pset *s = &sets[(*n)++];
		memset(s, 0, sizeof(*s));
		s->origin = l->len == 1 ? "the Metadata cfn-lint parameters"
					: sl_arena_printf(c->arena, "set %u of the Metadata cfn-lint parameters", i + 1);
		if (!s->origin) {
			c->oom = true;
			s->origin = "the Metadata cfn-lint parameters";
		}
		s->at = m;
		from_map(c, m, s);
	}
	*out = sets;
	return *n > 0;
}

const struct sl_template *sl_pset_template(struct sl_ctx *c, const char *path, size_t len)
{
	if (!len || memchr(path, '\0', len))
		return NULL;
	if (path[0] == '/')
		return sl_side_template(c, path, len, NULL, NULL);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		return NULL;
	size_t cl = strlen(cwd);
	char *abs = sl_arena_alloc(c->arena, cl + len + 2);
	if (!abs) {
		c->oom = true;
		return NULL;
	}
	memcpy(abs, cwd, cl);
	abs[cl] = '/';
	memcpy(abs + cl + 1, path, len);
	abs[cl + 1 + len] = '\0';
	return sl_side_template(c, abs, cl + 1 + len, NULL, NULL);
}

void sl_pset_report_at(struct sl_ctx *c, const struct sl_node *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = NULL;
	va_list cp;
	va_copy(cp, ap);
	int len = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (len >= 0 && (m = sl_arena_alloc(c->arena, (size_t)len + 1)))
		vsnprintf(m, (size_t)len + 1, fmt, ap);
	va_end(ap);
	if (!m) {
		c->oom = true;
		return;
	}
	if (sl_node_is(n, SL_SCALAR) || (sl_node_is(n, SL_MAP) && n->len)) {
		sl_report(c, sl_node_is(n, SL_MAP) ? n->pairs[0].key : n, "%s", m);
		return;
	}
	struct sl_position s = sl_pos(c, n->start), e = s;
	e.column++;
	e.offset++;
	sl_report_span(c, n, s, e, "%s", m);
}

/* --- the test --------------------------------------------------------- */

struct key_ix {
	const char *key;
	size_t len;
};

static int cmp_key(const void *a, const void *b)
{
	const struct key_ix *x = a, *y = b;
	size_t m = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->key, y->key, m);
	return r ? r : (x->len > y->len) - (x->len < y->len);
}

/* Where a finding about a parameter named on the command line goes: the
 * template's Parameters key, else its first key. */
static const struct sl_node *template_anchor(const struct sl_template *t)
{
	const struct sl_pair *p = t->sections[SL_SEC_PARAMETERS];
	if (p)
		return p->key;
	const struct sl_node *r = t->src_root ? t->src_root : t->root;
	return sl_node_is(r, SL_MAP) && r->len ? r->pairs[0].key : r;
}

struct fault_arg {
	struct sl_ctx *c;
	const struct sl_pset *s;
	const struct sl_pset_entry *e;
	const struct sl_node *at;
	const char *tname;
};

static void fault(const struct sl_pv_finding *f, void *arg)
{
	const struct fault_arg *a = arg;
	const struct sl_pset_entry *e = a->e;
	int kl = (int)e->key_len, il = (int)f->item_len;
	const char *what = f->list ? "an item of the value" : "the value", *by = a->s->origin;
	switch (f->fault) {
	case SL_PV_NOT_ALLOWED:
		sl_report(a->c, a->at, "%s for '%.*s' from %s, '%.*s', is not one of its AllowedValues in %s",
			  what, kl, e->key, by, il, f->item, a->tname);
		break;
	case SL_PV_PATTERN:
		sl_report(a->c, a->at, "%s for '%.*s' from %s, '%.*s', does not match its AllowedPattern '%s' "
			  "in %s", what, kl, e->key, by, il, f->item, f->pattern, a->tname);
		break;
	case SL_PV_NOT_NUMBER:
		sl_report(a->c, a->at, "%s for '%.*s' from %s, '%.*s', is not a number, and the parameter "
			  "is a %s in %s", what, kl, e->key, by, il, f->item, f->list ? "List<Number>" : "Number",
			  a->tname);
		break;
	case SL_PV_BELOW:
		sl_report(a->c, a->at, "%s for '%.*s' from %s, %.*s, is less than its MinValue %g in %s",
			  what, kl, e->key, by, il, f->item, f->limit, a->tname);
		break;
	case SL_PV_ABOVE:
		sl_report(a->c, a->at, "%s for '%.*s' from %s, %.*s, is greater than its MaxValue %g in %s",
			  what, kl, e->key, by, il, f->item, f->limit, a->tname);
		break;
	case SL_PV_SHORT:
		sl_report(a->c, a->at, "the value for '%.*s' from %s is %zu characters long, shorter than "
			  "its MinLength %g in %s", kl, e->key, by, f->item_len, f->limit, a->tname);
		break;
	case SL_PV_LONG:
		sl_report(a->c, a->at, "the value for '%.*s' from %s is %zu characters long, longer than "
			  "its MaxLength %g in %s", kl, e->key, by, f->item_len, f->limit, a->tname);
		break;
	}
}

void sl_pset_check(struct sl_ctx *c, const struct sl_template *t, const char *tname,
		   const struct sl_pset *s)
{
	if (t->macro_global)
		return; /* a macro may add or rewrite parameters */
	struct key_ix *ix = sl_arena_alloc(c->arena, (s->n ? s->n : 1) * sizeof(*ix));
	const char **names = sl_arena_alloc(c->arena, (t->params.n ? t->params.n : 1) * sizeof(*names));
	if (!ix || !names) {
		c->oom = true;
		return;
	}
	for (size_t i = 0; i < t->params.n; i++)
		names[i] = t->params.items[i].key->str;
	const struct sl_node *anchor = template_anchor(t);
	for (size_t i = 0; i < s->n; i++) {
		const struct sl_pset_entry *e = &s->e[i];
		ix[i] = (struct key_ix){ e->key, e->key_len };
		const struct sl_entity *p = sl_index_find(&t->params, e->key, e->key_len);
		int kl = (int)e->key_len;
		if (!p) {
			const char *near = sl_suggest(e->key, e->key_len, names, t->params.n);
			const struct sl_node *at = e->key_at ? e->key_at : anchor;
			if (near)
				sl_report(c, at, "'%.*s' from %s is not a parameter of %s (CloudFormation "
					  "refuses parameters the template does not declare); did you mean '%s'?",
					  kl, e->key, s->origin, tname, near);
			else
				sl_report(c, at, "'%.*s' from %s is not a parameter of %s (CloudFormation "
					  "refuses parameters the template does not declare): remove it, or "
					  "declare it in Parameters", kl, e->key, s->origin, tname);
			continue;
		}
		const struct sl_node *ty = sl_param_type_node(p->value);
		if (!e->value || !ty)
			continue;
		struct fault_arg a = { c, s, e, e->value_at ? e->value_at : p->key, tname };
		sl_pv_check(p->value, sl_param_type(ty->str, ty->len), e->value, e->value_len, fault, &a);
	}
	if (s->n)
		qsort(ix, s->n, sizeof(*ix), cmp_key);
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_entity *p = &t->params.items[i];
		if (!sl_node_is(p->value, SL_MAP) || sl_map_get(p->value, "Default"))
			continue;
		struct key_ix k = { p->key->str, p->key->len };
		if (s->n && bsearch(&k, ix, s->n, sizeof(*ix), cmp_key))
			continue;
		if (s->at)
			sl_pset_report_at(c, s->at, "no value for '%s' from %s, and %s gives the parameter "
					  "no Default: CloudFormation refuses to create the stack without one",
					  p->key->str, s->origin, tname);
		else
			sl_report(c, p->key, "no value for '%s' from %s, and %s gives the parameter no "
				  "Default: CloudFormation refuses to create the stack without one",
				  p->key->str, s->origin, tname);
	}
}
