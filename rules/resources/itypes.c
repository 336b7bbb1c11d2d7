/* Instance type lookups over the generated tables (itypes_data.c) and the
 * walk of instance type properties the instance type rules share. */
#include "rules/resources/itypes.h"

#include <stdio.h>
#include <string.h>

#include "engine/engine.h"

static const char *name_at(size_t i)
{
	return sl_itype_names + sl_itype_off[i];
}

/* Index of the first entry not below the len bytes at s (strcmp order). */
static size_t lower_bound(const char *s, size_t len)
{
	size_t lo = 0, hi = sl_n_itypes;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *m = name_at(mid);
		int r = strncmp(m, s, len);
		if (r == 0 && m[len] != '\0')
			r = 1; /* m is longer: it sorts after s */
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool sl_itype_in(const char *s, size_t len, unsigned set)
{
	size_t i = lower_bound(s, len);
	return i < sl_n_itypes && strncmp(name_at(i), s, len) == 0 && name_at(i)[len] == '\0' &&
	       (sl_itype_flags[i] & set);
}

bool sl_itype_family_known(const char *fam, size_t fam_len, unsigned set)
{
	/* the types whose names start with fam sort together: the family's own
	 * ("m7i.large") among those of longer families ("m7i-flex.large") */
	for (size_t i = lower_bound(fam, fam_len); i < sl_n_itypes; i++) {
		const char *n = name_at(i);
		if (strncmp(n, fam, fam_len) != 0)
			return false;
		if (n[fam_len] == '.' && (sl_itype_flags[i] & set))
			return true;
	}
	return false;
}

static bool literal(const struct sl_node *v)
{
	return v && v->kind == SL_SCALAR && !sl_node_tag(v) && sl_scalar_type(v) == SL_TYPE_STRING;
}

static void leaf(struct sl_ctx *c, const struct sl_node *v,
		 void (*judge)(struct sl_ctx *c, const struct sl_node *v))
{
	const struct sl_node *a, *b;
	if (literal(v)) {
		if (!sl_langext_varies(c->t->lx, v))
			judge(c, v);
		return;
	}
	/* Fn::If: each branch when both are literal (or one removes the property) */
	if (!sl_node_if(v, &a, &b))
		return;
	bool la = literal(a) && !sl_langext_varies(c->t->lx, a);
	bool lb = literal(b) && !sl_langext_varies(c->t->lx, b);
	if ((la || sl_node_is_novalue(a)) && (lb || sl_node_is_novalue(b))) {
		if (la)
			judge(c, a);
		if (lb)
			judge(c, b);
	}
}

static void walk(struct sl_ctx *c, const struct sl_node *n, const char *const *path,
		 void (*judge)(struct sl_ctx *c, const struct sl_node *v))
{
	if (!n)
		return;
	if (!*path) {
		leaf(c, n, judge);
		return;
	}
	if (strcmp(*path, "*") == 0) {
		if (n->kind == SL_SEQ)
			for (uint32_t i = 0; i < n->len; i++)
				walk(c, n->items[i], path + 1, judge);
		return;
	}
	if (n->kind != SL_MAP || sl_node_intrinsic(n))
		return;
	walk(c, sl_map_get(n, *path), path + 1, judge);
}

void sl_itype_walk(struct sl_ctx *c, const struct sl_itype_site *sites, size_t n,
		   void (*judge)(struct sl_ctx *c, const struct sl_node *v))
{
	const struct sl_template *t = c->t;
	/* a judge keeps no state, so the order of the walks does not matter: a
	 * template of a few resources in one pass (cheaper than a search per site),
	 * a larger one site by site, over the resources of its type */
	if (t->resources.n <= 16) {
		for (size_t i = 0; i < t->resources.n; i++) {
			const struct sl_entity *e = &t->resources.items[i];
			for (size_t k = 0; k < n; k++)
				if (sl_str_eq(e->type, sites[k].type))
					walk(c, sl_map_get(e->value, "Properties"), sites[k].path, judge);
		}
		return;
	}
	for (size_t k = 0; k < n; k++) {
		const uint32_t *idx;
		size_t m = sl_template_of_type(t, sites[k].type, strlen(sites[k].type), &idx);
		for (size_t i = 0; i < m; i++) {
			const struct sl_entity *e = &t->resources.items[idx[i]];
			walk(c, sl_map_get(e->value, "Properties"), sites[k].path, judge);
		}
	}
}

bool sl_itype_lower(char *buf, size_t cap, const char *s, size_t len)
{
	if (len == 0 || len >= cap || memchr(s, '\0', len))
		return false;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		buf[i] = (ch >= 'A' && ch <= 'Z') ? (char)(ch - 'A' + 'a') : ch;
	}
	buf[len] = '\0';
	return true;
}

static bool ends_with(const char *s, size_t len, const char *suffix)
{
	size_t n = strlen(suffix);
	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

void sl_itype_check_affixed(struct sl_ctx *c, const struct sl_node *v, unsigned set,
			    const char *prefix, const char *suffix, const char *what,
			    const char *api)
{
	char buf[64], alt[96];
	size_t plen = strlen(prefix), slen = strlen(suffix);
	if (!sl_itype_lower(buf, sizeof(buf), v->str, v->len))
		return;
	size_t len = v->len;
	if (sl_itype_in(buf, len, set))
		return;
	if (plen && (len <= plen || memcmp(buf, prefix, plen) != 0)) {
		/* no prefix: the name of the set with it, if there is one */
		snprintf(alt, sizeof(alt), "%s%s", prefix, buf);
		if (sl_itype_in(alt, strlen(alt), set))
			sl_report(c, v, "'%s' is not %s: their names start with '%s'; did you mean "
				  "'%s'?", v->str, what, prefix, alt);
		return;
	}
	const char *fam = buf + plen;
	const char *dot = memchr(fam, '.', len - plen);
	if (!dot || dot == fam)
		return;
	size_t fam_len = (size_t)(dot - buf); /* with the prefix */
	/* a family the data does not know may be newer than the data: not judged */
	if (!sl_itype_family_known(buf, fam_len, set))
		return;
	if (slen && !ends_with(buf, len, suffix)) {
		/* no suffix or another one: family.size with the suffix, if a name of the set */
		const char *end = memchr(dot + 1, '.', len - (size_t)(dot + 1 - buf));
		size_t stem = end ? (size_t)(end - buf) : len;
		snprintf(alt, sizeof(alt), "%.*s%s", (int)stem, buf, suffix);
		if (sl_itype_in(alt, strlen(alt), set)) {
			sl_report(c, v, "'%s' is not %s: their names end in '%s'; did you mean '%s'?",
				  v->str, what, suffix, alt);
			return;
		}
	}
	const char *cands[128];
	size_t n = 0;
	for (size_t i = lower_bound(buf, fam_len); i < sl_n_itypes && n < 128; i++) {
		const char *name = name_at(i);
		if (strncmp(name, buf, fam_len) != 0)
			break;
		if (name[fam_len] == '.' && (sl_itype_flags[i] & set))
			cands[n++] = name;
	}
	const char *sug = sl_suggest(buf, len, cands, n);
	sl_report(c, v, "'%s' is not %s: the %s lists no such size of the %.*s family%s%s%s", v->str,
		  what, api, (int)fam_len, buf, sug ? "; did you mean '" : "", sug ? sug : "",
		  sug ? "'?" : "");
}

void sl_itype_check(struct sl_ctx *c, const struct sl_node *v, unsigned set, const char *what,
		    const char *api)
{
	sl_itype_check_affixed(c, v, set, "", "", what, api);
}

void sl_itype_check_prefixed(struct sl_ctx *c, const struct sl_node *v, const char *prefix,
			     const char *what)
{
	char buf[64];
	size_t plen = strlen(prefix);
	if (!sl_itype_lower(buf, sizeof(buf), v->str, v->len))
		return;
	if (v->len > plen && strncmp(buf, prefix, plen) == 0) {
		/* prefix + a class type with no size, as "db.m6i" */
		const char *rest = buf + plen;
		size_t rlen = v->len - plen;
		if (memchr(rest, '.', rlen) || !sl_itype_family_known(rest, rlen, ITYPE_EC2))
			return;
		sl_report(c, v, "'%s' is not %s: it names the class type %s but no size; write "
			  "%s.<size>", v->str, what, buf, buf);
		return;
	}
	/* an EC2 instance type without the prefix, as "m5.large" */
	if (!sl_itype_in(buf, v->len, ITYPE_EC2))
		return;
	sl_report(c, v, "'%s' is not %s: their names start with '%s'; did you mean '%s%s'?", v->str,
		  what, prefix, prefix, buf);
}
