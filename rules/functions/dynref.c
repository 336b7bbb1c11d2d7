/*
 * The dynamic references of a template (see dynref.h): one walk over the value
 * positions of the template, building for each string (or each Fn::Sub / Fn::Join
 * result) a flat text with the source origin of every byte, then finding the
 * "{{resolve:...}}" in it. The list lasts until the rules are done (a memo);
 * the texts and paths live in the template's arena.
 */
#include "rules/functions/dynref.h"
#include "analysis/textscan.h"
#include "rules/functions/fn.h"
#include "util/text.h"

#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PATH 64

/* Where a byte of the flat text comes from: byte `off` of scalar n's value, or
 * nowhere (n NULL: a deploy-time value or a computed delimiter). */
struct origin {
	const struct sl_node *n;
	uint32_t off;
};

struct flat {
	char *s;
	struct origin *o;
	size_t len, cap;
	bool oom;
};

struct walker {
	struct sl_ctx *c;
	struct sl_dynref *refs;
	size_t n, cap;
	struct flat f; /* the text being scanned: its buffers serve every string in turn */
	const struct sl_node *stack[MAX_PATH];
	size_t depth; /* may pass MAX_PATH: the path is then unknown */
	size_t loops; /* Fn::ForEach keys on the stack */
	/* with `joins` set, only the parts of the tree that hold a Fn::Join are
	 * looked into (no string can hold "resolve:") */
	struct sl_fn_spans spans;
	bool joins;
	bool oom;
};

struct dynref_set {
	const struct sl_dynref *refs;
	size_t n;
};

static const char memo_key;

static void put(struct flat *f, char ch, const struct sl_node *n, size_t off)
{
	if (f->oom)
		return;
	if (f->len == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 128;
		char *s = realloc(f->s, cap + 1);
		if (!s) {
			f->oom = true;
			return;
		}
		f->s = s;
		struct origin *o = realloc(f->o, cap * sizeof(*o));
		if (!o) {
			f->oom = true;
			return;
		}
		f->o = o;
		f->cap = cap;
	}
	f->s[f->len] = ch;
	f->o[f->len] = (struct origin){ n, (uint32_t)off };
	f->len++;
}

static void put_scalar(struct flat *f, const struct sl_node *n)
{
	for (size_t i = 0; i < n->len; i++)
		put(f, n->str[i], n, i);
}

static bool is_string(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !(n->flags & SL_NODE_ALIAS) &&
	       sl_scalar_type(n) != SL_TYPE_NULL;
}

static bool has_braces(const struct sl_node *n)
{
	return sl_has_pair(n->str, n->len, '{', '{');
}

/* Finds value bytes [a, b) of scalar n in the source: the occurrence of that
 * text in the node's source span with as many occurrences before it as in the
 * value. False when the source does not hold the text the same number of times
 * (an escape, a fold, a copy made by Fn::ForEach). */
static bool locate(const struct sl_doc *d, const struct sl_node *n, size_t a, size_t b,
		   size_t *so, size_t *eo)
{
	if (b <= a || (n->flags & (SL_NODE_SYNTH | SL_NODE_ALIAS)))
		return false;
	size_t rs = n->start, re = n->end;
	if (re > d->len || rs >= re)
		return false;
	const char *needle = n->str + a, *raw = d->src + rs;
	size_t nl = b - a, rl = re - rs;
	size_t before = 0, in_value = 0, in_raw = 0, found = 0, pos = 0;
	bool have = false;
	while (pos + nl <= n->len) {
		const char *p = memmem(n->str + pos, n->len - pos, needle, nl);
		if (!p)
			break;
		size_t at = (size_t)(p - n->str);
		before += at < a;
		in_value++;
		pos = at + 1;
	}
	pos = 0;
	while (pos + nl <= rl) {
		const char *p = memmem(raw + pos, rl - pos, needle, nl);
		if (!p)
			break;
		size_t at = (size_t)(p - raw);
		if (in_raw == before) {
			found = at;
			have = true;
		}
		in_raw++;
		pos = at + 1;
	}
	if (!have || in_raw != in_value)
		return false;
	*so = rs + found;
	*eo = rs + found + nl;
	return true;
}

/* The span of flat text [p, q): exact when both ends map into the source. */
static void span(struct walker *w, const struct flat *f, size_t p, size_t q, struct sl_dynref *r)
{
	const struct sl_doc *d = w->c->t->doc;
	const struct origin *oa = &f->o[p], *ob = &f->o[q - 1];
	r->at = oa->n;
	r->start = sl_doc_pos(d, oa->n->start);
	r->end = sl_doc_pos(d, oa->n->end);
	size_t so, eo, so2, eo2;
	if (!ob->n)
		return;
	if (oa->n == ob->n) {
		if (locate(d, oa->n, oa->off, ob->off + 1, &so, &eo)) {
			r->start = sl_doc_pos(d, so);
			r->end = sl_doc_pos(d, eo);
		}
		return;
	}
	/* split over pieces of a Fn::Join: from its start in the first piece to its
	 * end in the last */
	if (locate(d, oa->n, oa->off, oa->n->len, &so, &eo) &&
	    locate(d, ob->n, 0, ob->off + 1, &so2, &eo2) && eo2 > so) {
		r->start = sl_doc_pos(d, so);
		r->end = sl_doc_pos(d, eo2);
	}
}

static enum sl_dynref_service service_of(const char *s, size_t len)
{
	size_t l = 0;
	while (l < len && s[l] != ':')
		l++;
	if (memchr(s, SL_DYNREF_UNKNOWN, l))
		return SL_DYNREF_VARIABLE;
	if (l == 3 && memcmp(s, "ssm", 3) == 0)
		return SL_DYNREF_SSM;
	if (l == 10 && memcmp(s, "ssm-secure", 10) == 0)
		return SL_DYNREF_SSM_SECURE;
	if (l == 14 && memcmp(s, "secretsmanager", 14) == 0)
		return SL_DYNREF_SECRETS;
	return SL_DYNREF_OTHER;
}

static void add(struct walker *w, const struct flat *f, size_t p, size_t q, size_t svc, bool spaced)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 16;
		struct sl_dynref *r = realloc(w->refs, cap * sizeof(*r));
		if (!r) {
			w->oom = true;
			return;
		}
		w->refs = r;
		w->cap = cap;
	}
	struct sl_dynref *r = &w->refs[w->n];
	memset(r, 0, sizeof(*r));
	span(w, f, p, q, r);
	r->len = q - p;
	r->text = sl_arena_strndup(w->c->arena, f->s + p, q - p);
	const struct origin *oa = &f->o[p], *ob = &f->o[q - 1];
	if (r->text && oa->n == ob->n && ob->off >= oa->off) {
		/* as written; most often the very text, which is then shared */
		const char *as = oa->n->str + oa->off;
		size_t al = ob->off + 1 - oa->off;
		r->source = al == r->len && memcmp(as, r->text, al) == 0
				    ? r->text
				    : sl_arena_strndup(w->c->arena, as, al);
	}
	r->service = service_of(f->s + svc, q - 2 - svc);
	r->spaced = spaced;
	r->whole = p == 0 && q == f->len;
	size_t np = w->depth < MAX_PATH ? w->depth : MAX_PATH;
	const struct sl_node **path = sl_arena_alloc(w->c->arena, (np ? np : 1) * sizeof(*path));
	if (!r->text || !path) {
		w->oom = true;
		return;
	}
	memcpy(path, w->stack, np * sizeof(*path));
	r->path = path;
	r->n_path = np;
	r->path_known = w->depth <= MAX_PATH && w->loops == 0;
	w->n++;
}

/* Finds the references of a flat text: "{{resolve:" (or "{{ resolve:", which
 * CloudFormation does not take for one) up to the next "}}". */
static void scan(struct walker *w, struct flat *f)
{
	if (f->oom) {
		w->oom = true;
		return;
	}
	const char *s = f->s;
	size_t len = f->len, i = 0;
	while (i + 1 < len) {
		const char *b = memmem(s + i, len - i, "{{", 2);
		if (!b)
			return;
		size_t p = (size_t)(b - s), j = p + 2;
		bool spaced = false;
		while (j < len && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r')) {
			j++;
			spaced = true;
		}
		if (len - j < 8 || memcmp(s + j, "resolve:", 8) != 0) {
			i = p + 1;
			continue;
		}
		const char *e = memmem(s + j + 8, len - j - 8, "}}", 2);
		if (!e)
			return;
		size_t q = (size_t)(e - s) + 2;
		if (f->o[p].n)
			add(w, f, p, q, j + 8, spaced);
		i = q;
	}
}

static void scan_scalar(struct walker *w, const struct sl_node *n)
{
	if (!has_braces(n) || !is_string(n)) /* the cheap test first: most have no "{{" */
		return;
	w->f.len = 0;
	put_scalar(&w->f, n);
	scan(w, &w->f);
}

/* The string of a Fn::Sub, each ${Var} (and ${!Literal}) one deploy-time byte. */
static void scan_sub(struct walker *w, const struct sl_node *str)
{
	if (!is_string(str) || !has_braces(str))
		return;
	struct flat *f = &w->f;
	f->len = 0;
	const char *s = str->str;
	for (size_t i = 0; i < str->len; i++) {
		if (s[i] == '$' && i + 1 < str->len && s[i + 1] == '{') {
			const char *close = memchr(s + i + 2, '}', str->len - i - 2);
			if (close) {
				put(f, SL_DYNREF_UNKNOWN, str, i);
				i = (size_t)(close - s);
				continue;
			}
		}
		put(f, s[i], str, i);
	}
	scan(w, f);
}

/* The text of a Fn::Join: its pieces with the delimiter between them; a piece
 * or delimiter that is not a string is one deploy-time byte. */
static void scan_join(struct walker *w, const struct sl_node *delim, const struct sl_node *list)
{
	bool any = false;
	for (uint32_t i = 0; i < list->len && !any; i++)
		any = is_string(list->items[i]) && memchr(list->items[i]->str, '{', list->items[i]->len);
	if (!any)
		return;
	struct flat *f = &w->f;
	f->len = 0;
	for (uint32_t i = 0; i < list->len; i++) {
		if (i) {
			if (is_string(delim))
				for (size_t k = 0; k < delim->len; k++)
					put(f, delim->str[k], NULL, 0);
			else
				put(f, SL_DYNREF_UNKNOWN, NULL, 0);
		}
		const struct sl_node *it = list->items[i];
		if (is_string(it))
			put_scalar(f, it);
		else
			put(f, SL_DYNREF_UNKNOWN, NULL, 0);
	}
	scan(w, f);
}

static void push(struct walker *w, const struct sl_node *key)
{
	if (w->depth < MAX_PATH)
		w->stack[w->depth] = key;
	w->depth++;
	if (key && sl_foreach_key(key))
		w->loops++;
}

static void pop(struct walker *w)
{
	w->depth--;
	const struct sl_node *key = w->depth < MAX_PATH ? w->stack[w->depth] : NULL;
	if (key && sl_foreach_key(key))
		w->loops--;
}

static void walk(struct walker *w, const struct sl_node *n, int depth);

/* A function in a value position: the ones that pass a value on are looked
 * into (without a path step of their own); the others are not values. */
static void walk_fn(struct walker *w, const struct sl_node *key, const struct sl_node *v, int depth)
{
	if (sl_str_eq(key, "Fn::Base64")) {
		walk(w, v, depth + 1);
	} else if (sl_str_eq(key, "Fn::If")) {
		if (sl_node_is(v, SL_SEQ) && v->len == 3) {
			walk(w, v->items[1], depth + 1);
			walk(w, v->items[2], depth + 1);
		}
	} else if (sl_str_eq(key, "Fn::Select")) {
		if (sl_node_is(v, SL_SEQ) && v->len == 2) {
			const struct sl_node *l = v->items[1];
			if (sl_node_is(l, SL_SEQ))
				for (uint32_t i = 0; i < l->len; i++)
					walk(w, l->items[i], depth + 1);
			else
				walk(w, l, depth + 1);
		}
	} else if (sl_str_eq(key, "Fn::Sub")) {
		if (sl_node_is(v, SL_SCALAR)) {
			scan_sub(w, v);
		} else if (sl_node_is(v, SL_SEQ) && v->len >= 1) {
			scan_sub(w, v->items[0]);
			const struct sl_node *vars = v->len > 1 ? v->items[1] : NULL;
			if (sl_node_is(vars, SL_MAP) && !sl_node_intrinsic(vars))
				for (uint32_t i = 0; i < vars->len; i++)
					walk(w, vars->pairs[i].value, depth + 1);
		}
	} else if (sl_str_eq(key, "Fn::Join")) {
		if (sl_node_is(v, SL_SEQ) && v->len == 2) {
			const struct sl_node *l = v->items[1];
			if (sl_node_is(l, SL_SEQ)) {
				scan_join(w, v->items[0], l);
				for (uint32_t i = 0; i < l->len; i++)
					if (!sl_node_is(l->items[i], SL_SCALAR))
						walk(w, l->items[i], depth + 1);
			} else {
				walk(w, l, depth + 1);
			}
		}
	}
}

/* Free text CloudFormation never resolves: a parameter's or an output's
 * Description, a parameter's ConstraintDescription. */
static bool free_text(const struct walker *w, const struct sl_node *key)
{
	if (w->depth != 2 || !w->stack[0] ||
	    !(sl_str_eq(w->stack[0], "Parameters") || sl_str_eq(w->stack[0], "Outputs")))
		return false;
	return sl_str_eq(key, "Description") || sl_str_eq(key, "ConstraintDescription");
}

static void walk(struct walker *w, const struct sl_node *n, int depth)
{
	if (!n || (n->flags & SL_NODE_ALIAS) || depth > 2048 || w->oom)
		return;
	if (w->joins && !sl_fn_spans_within(&w->spans, n))
		return;
	if (n->kind == SL_SCALAR) {
		scan_scalar(w, n);
	} else if (n->kind == SL_SEQ) {
		for (uint32_t i = 0; i < n->len; i++) {
			push(w, NULL);
			walk(w, n->items[i], depth + 1);
			pop(w);
		}
	} else {
		const struct sl_node *fk = sl_node_intrinsic(n);
		if (fk) {
			walk_fn(w, fk, n->pairs[0].value, depth);
			return;
		}
		for (uint32_t i = 0; i < n->len; i++) {
			if (free_text(w, n->pairs[i].key))
				continue;
			push(w, n->pairs[i].key);
			walk(w, n->pairs[i].value, depth + 1);
			pop(w);
		}
	}
}

static void free_set(void *p)
{
	struct dynref_set *set = p;
	free((void *)set->refs);
	free(set);
}

/* The sections whose values CloudFormation resolves references in. */
static void walk_sections(struct walker *w, const struct sl_node *root)
{
	static const char *const sections[] = { "Parameters", "Mappings", "Resources", "Outputs",
						"Globals" };
	for (uint32_t i = 0; sl_node_is(root, SL_MAP) && i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key;
		for (size_t s = 0; s < sizeof(sections) / sizeof(sections[0]); s++) {
			if (!sl_str_eq(k, sections[s]))
				continue;
			push(w, k);
			walk(w, root->pairs[i].value, 1);
			pop(w);
		}
	}
}

/* Fills set with the references of the template. With `owned`, the list stays
 * in memory of its own, which free_set frees (the list grows by doubling: a
 * copy would take as much again); without, it is copied into the template's
 * arena. Returns -1 when memory runs out. */
static int collect(struct sl_ctx *c, struct dynref_set *set, bool owned)
{
	struct walker w = { .c = c };
	const struct sl_node *root = c->t->root;
	/* a reference ("{{resolve:" or "{{ resolve:") is written in one string,
	 * where ${Var} of a Fn::Sub cannot make its letters, or made of the
	 * pieces of a Fn::Join: without either, there is nothing to find; with
	 * Joins alone, only where they are (textscan answers no only for the
	 * tree the loader built) */
	if (!sl_text_may_hold(c, "resolve:")) {
		if (!sl_text_may_hold(c, "Join"))
			root = NULL;
		else if ((w.joins = sl_fn_spans_init(c, "Fn::Join", &w.spans)) && !w.spans.n)
			root = NULL;
		/* else the whole walk */
	}
	walk_sections(&w, root);
#ifndef NDEBUG
	/* looking only where the Joins are finds what the whole walk finds:
	 * checked on every template a debug build lints */
	if (w.joins && !w.oom) {
		struct walker all = { .c = c };
		walk_sections(&all, root);
		assert(all.oom || all.n == w.n);
		for (size_t i = 0; !all.oom && i < all.n; i++)
			assert(all.refs[i].at == w.refs[i].at && all.refs[i].len == w.refs[i].len &&
			       memcmp(all.refs[i].text, w.refs[i].text, w.refs[i].len) == 0 &&
			       all.refs[i].n_path == w.refs[i].n_path &&
			       memcmp(all.refs[i].path, w.refs[i].path, w.refs[i].n_path * sizeof(*w.refs[i].path)) == 0);
		free(all.f.s);
		free(all.f.o);
		free(all.refs);
	}
#endif
	sl_fn_spans_free(&w.spans);
	free(w.f.s);
	free(w.f.o);
	struct sl_dynref *refs = NULL;
	if (!w.oom && w.n && owned) {
		/* the doubling's spare room back; if the shrink fails, the larger block serves */
		refs = realloc(w.refs, w.n * sizeof(*refs));
		if (refs)
			w.refs = NULL;
		else
			refs = w.refs, w.refs = NULL;
	} else if (!w.oom && w.n) {
		refs = sl_arena_alloc(c->arena, w.n * sizeof(*refs));
		if (refs)
			memcpy(refs, w.refs, w.n * sizeof(*refs));
	}
	free(w.refs);
	if (w.oom || (w.n && !refs))
		return -1;
	set->refs = refs;
	set->n = w.n;
	return 0;
}

const struct sl_dynref *sl_dynrefs(struct sl_ctx *c, size_t *n)
{
	const struct dynref_set *set = sl_memo_get(c, &memo_key);
	if (!set) {
		/* the memo frees the list after the rules; when its table is full
		 * (it freed the empty set), the list goes into the arena and the
		 * next caller walks again */
		struct dynref_set *made = calloc(1, sizeof(*made));
		bool owned = made && sl_memo_put(c, &memo_key, made, free_set);
		if (made && !owned)
			made = sl_arena_alloc(c->arena, sizeof(*made));
		if (!made || collect(c, made, owned) < 0) {
			c->oom = true;
			*n = 0;
			return NULL;
		}
		set = made;
	}
	*n = set->n;
	return set->refs;
}

size_t sl_dynref_parts(const struct sl_dynref *r, struct sl_dynref_part *parts, size_t max)
{
	const char *s = r->text + 2, *end = r->text + r->len - 2;
	while (s < end && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++;
	size_t n = 0;
	for (;;) {
		const char *c = memchr(s, ':', (size_t)(end - s));
		const char *e = c ? c : end;
		if (n < max)
			parts[n] = (struct sl_dynref_part){ s, (size_t)(e - s) };
		n++;
		if (!c)
			return n;
		s = c + 1;
	}
}

const char *sl_dynref_show(struct sl_ctx *c, const struct sl_dynref *r)
{
	if (r->source)
		return r->source;
	size_t k = 0;
	for (size_t i = 0; i < r->len; i++)
		k += r->text[i] == SL_DYNREF_UNKNOWN;
	char *out = sl_arena_alloc(c->arena, r->len + 5 * k + 1);
	if (!out)
		return r->text;
	char *o = out;
	for (size_t i = 0; i < r->len; i++) {
		if (r->text[i] == SL_DYNREF_UNKNOWN) {
			memcpy(o, "${...}", 6);
			o += 6;
		} else {
			*o++ = r->text[i];
		}
	}
	*o = 0;
	return out;
}

void sl_dynref_report(struct sl_ctx *c, const struct sl_dynref *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sl_report_spanv(c, r->at, r->start, r->end, fmt, ap);
	va_end(ap);
}

enum sl_dynref_place sl_dynref_place(const struct sl_dynref *r)
{
	if (!r->path_known || r->n_path < 1 || !r->path[0])
		return SL_DYNREF_AT_UNKNOWN;
	if (sl_dynref_at(r, 0, "Globals"))
		return SL_DYNREF_AT_GLOBALS;
	if (sl_dynref_at(r, 0, "Mappings"))
		return SL_DYNREF_AT_MAPPINGS;
	if (r->n_path < 3 || !r->path[1] || !r->path[2])
		return SL_DYNREF_AT_UNKNOWN;
	if (sl_dynref_at(r, 0, "Resources")) {
		if (sl_dynref_at(r, 2, "Properties"))
			return SL_DYNREF_AT_PROPERTIES;
		if (sl_dynref_at(r, 2, "Metadata"))
			return SL_DYNREF_AT_RES_METADATA;
		return SL_DYNREF_AT_RES_OTHER;
	}
	if (sl_dynref_at(r, 0, "Parameters")) {
		if (sl_dynref_at(r, 2, "Default"))
			return SL_DYNREF_AT_PARAM_DEFAULT;
		if (sl_dynref_at(r, 2, "AllowedValues"))
			return SL_DYNREF_AT_PARAM_ALLOWED;
		return SL_DYNREF_AT_PARAM_OTHER;
	}
	if (sl_dynref_at(r, 0, "Outputs"))
		return sl_dynref_at(r, 2, "Value") ? SL_DYNREF_AT_OUTPUT_VALUE : SL_DYNREF_AT_OUTPUT_OTHER;
	return SL_DYNREF_AT_UNKNOWN;
}

const char *sl_dynref_place_name(struct sl_ctx *c, const struct sl_dynref *r)
{
	if (r->n_path < 3 || !r->path[1] || !r->path[2])
		return "this place";
	const char *what = sl_dynref_at(r, 0, "Resources")    ? "resource"
			   : sl_dynref_at(r, 0, "Parameters") ? "parameter"
			   : sl_dynref_at(r, 0, "Outputs")    ? "output"
							      : "entry";
	const char *s = sl_arena_printf(c->arena, "the %s of %s '%s'", r->path[2]->str, what,
					r->path[1]->str);
	return s ? s : "this place";
}

/* The resource properties that take an ssm-secure reference, as AWS documents
 * them ("Resources that support dynamic parameter patterns for secure
 * strings"); '*' is any list item. */
static const struct {
	const char *type;
	const char *path;
} secure_props[] = {
	{ "AWS::DirectoryService::MicrosoftAD", "Password" },
	{ "AWS::DirectoryService::SimpleAD", "Password" },
	{ "AWS::ElastiCache::ReplicationGroup", "AuthToken" },
	{ "AWS::IAM::User", "LoginProfile/Password" },
	{ "AWS::KinesisFirehose::DeliveryStream", "RedshiftDestinationConfiguration/Password" },
	{ "AWS::OpsWorks::App", "AppSource/Password" },
	{ "AWS::OpsWorks::Stack", "CustomCookbooksSource/Password" },
	{ "AWS::OpsWorks::Stack", "RdsDbInstances/*/DbPassword" },
	{ "AWS::RDS::DBCluster", "MasterUserPassword" },
	{ "AWS::RDS::DBInstance", "MasterUserPassword" },
	{ "AWS::Redshift::Cluster", "MasterUserPassword" },
};

/* True when keys[0..n) spell `want` (keys joined by "/", "*" for a list item). */
static bool keys_are(const struct sl_node *const *keys, size_t n, const char *want)
{
	const char *w = want;
	for (size_t i = 0; i < n; i++) {
		const char *slash = strchr(w, '/');
		size_t l = slash ? (size_t)(slash - w) : strlen(w);
		if (!l)
			return false;
		const struct sl_node *k = keys[i];
		if (l == 1 && *w == '*') {
			if (k)
				return false;
		} else if (!k || k->len != l || memcmp(k->str, w, l) != 0) {
			return false;
		}
		if (!slash)
			return i + 1 == n;
		w = slash + 1;
	}
	return false;
}

bool sl_dynref_secure_type(const struct sl_node *type)
{
	if (!sl_node_is(type, SL_SCALAR))
		return false;
	for (size_t k = 0; k < sizeof(secure_props) / sizeof(secure_props[0]); k++)
		if (sl_str_eq(type, secure_props[k].type))
			return true;
	return false;
}

bool sl_dynref_secure_prop(const struct sl_node *type, const struct sl_node *const *keys, size_t n)
{
	if (!sl_node_is(type, SL_SCALAR))
		return false;
	for (size_t k = 0; k < sizeof(secure_props) / sizeof(secure_props[0]); k++)
		if (sl_str_eq(type, secure_props[k].type) && keys_are(keys, n, secure_props[k].path))
			return true;
	return false;
}
