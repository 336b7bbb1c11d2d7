/*
 * sl_lint_buffer(): the pipeline for one template. Load into an arena, build the
 * model, run the enabled rules, apply suppressions (options, then the
 * template's and resources' `Metadata: cfn-lint: config: ignore_checks`), sort,
 * and copy the diagnostics into a small report that outlives the template arena.
 */
#include "engine/engine.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "custom/custom.h"
#include "load/column.h"
#include "load/load.h"
#include "engine/ruleopt.h"
#include "engine/suppress.h"
#include "load/toml.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/readfile.h"

struct sl_pdiag {
	const char *rule_id;
	enum sl_severity sev;
	const char *msg;
	struct sl_position start, end;
	const struct sl_node *at; /* for the path; NULL for loader diagnostics */
	bool in_report;           /* msg already lies in the report's arena */
};

struct report_impl {
	struct sl_report pub;
	struct sl_arena arena;
};

const char *sl_version(void)
{
	return STACKLINT_VERSION;
}

static void push(struct sl_ctx *c, const char *id, enum sl_severity sev, const char *msg,
		 struct sl_position s, struct sl_position e, const struct sl_node *at, bool in_report)
{
	if (!msg) {
		c->oom = true;
		return;
	}
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		struct sl_pdiag *p = realloc(c->diags, cap * sizeof(*p));
		if (!p) {
			c->oom = true;
			return;
		}
		c->diags = p;
		c->cap = cap;
	}
	c->diags[c->n++] = (struct sl_pdiag){ id, sev, msg, s, e, at, in_report };
}

/* The message in the arena: formatted once on the stack, which holds nearly
 * every message, and a second time only when it is longer. */
__attribute__((format(printf, 2, 0)))
static char *vformat(struct sl_arena *a, const char *fmt, va_list ap)
{
	char tmp[512];
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, cp);
	va_end(cp);
	if (n < 0)
		return NULL;
	char *p = sl_arena_alloc_uninit(a, (size_t)n + 1);
	if (p && (size_t)n < sizeof(tmp))
		memcpy(p, tmp, (size_t)n + 1);
	else if (p)
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

/* The current rule's finding, its message formatted into the report's arena
 * when there is one (the engine then keeps it without a copy). */
void sl_report_spanv(struct sl_ctx *c, const struct sl_node *at, struct sl_position start,
		     struct sl_position end, const char *fmt, va_list ap)
{
	char *m = vformat(c->msg_arena ? c->msg_arena : c->arena, fmt, ap);
	push(c, c->rule->id, c->rule->severity, m, start, end, at, c->msg_arena != NULL);
}

void sl_report(struct sl_ctx *c, const struct sl_node *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sl_report_spanv(c, at, sl_pos(c, at->start), sl_pos(c, at->end), fmt, ap);
	va_end(ap);
}

void sl_report_span(struct sl_ctx *c, const struct sl_node *at, struct sl_position start,
		    struct sl_position end, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sl_report_spanv(c, at, start, end, fmt, ap);
	va_end(ap);
}

void *sl_memo_get(struct sl_ctx *c, const void *key)
{
	for (size_t i = 0; i < c->n_memo; i++)
		if (c->memo[i].key == key)
			return c->memo[i].data;
	return NULL;
}

void *sl_memo_put(struct sl_ctx *c, const void *key, void *data, void (*release)(void *))
{
	if (c->n_memo == sizeof(c->memo) / sizeof(c->memo[0])) {
		if (release)
			release(data);
		return NULL;
	}
	c->memo[c->n_memo++] = (struct sl_memo){ key, data, release };
	return data;
}

static void memo_release(struct sl_ctx *c)
{
	for (size_t i = 0; i < c->n_memo; i++)
		if (c->memo[i].free)
			c->memo[i].free(c->memo[i].data);
	c->n_memo = 0;
}

bool sl_id_matches(const char *id, const char *const *patterns, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(patterns[i]);
		if (l && strncmp(id, patterns[i], l) == 0)
			return true;
	}
	return false;
}

static bool exact(const char *id, const char *const *patterns, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(id, patterns[i]) == 0)
			return true;
	return false;
}

/* sl_rule_enabled() with some list given */
bool sl_rule_enabled_lists(const struct sl_rule *r, const struct sl_options *o)
{
	if (sl_id_matches(r->id, o->mandatory_checks, o->n_mandatory))
		return true;
	bool included = sl_id_matches(r->id, o->include_checks, o->n_include);
	if (sl_id_matches(r->id, o->ignore_checks, o->n_ignore) && !exact(r->id, o->include_checks, o->n_include))
		return false;
	return r->severity != SL_SEV_INFO || included;
}

const char *sl_suggest(const char *name, size_t len, const char *const *cands, size_t n)
{
	const char *best = NULL;
	size_t bd = (size_t)-1;
	size_t lim = len / 3 > 1 ? len / 3 : 1;
	for (size_t i = 0; i < n; i++) {
		size_t cl = strlen(cands[i]);
		/* the distance is at least the difference in length: skip hopeless ones */
		if ((cl > len ? cl - len : len - cl) > lim)
			continue;
		size_t d = sl_edit_distance(name, len, cands[i], cl);
		if (d < bd) {
			bd = d;
			best = cands[i];
		}
	}
	/* close enough: at most a third of the name wrong, and not everything */
	size_t limit = len / 3 > 1 ? len / 3 : 1;
	if (best && bd <= limit && bd < len)
		return best;
	/* or one is an abbreviation of the other (IsProd / IsProduction) */
	for (size_t i = 0; i < n; i++) {
		size_t cl = strlen(cands[i]);
		size_t m = cl < len ? cl : len, mx = cl < len ? len : cl;
		if (m >= 4 && 2 * m >= mx && strncmp(name, cands[i], m) == 0)
			return cands[i];
	}
	return NULL;
}

/* --- suppressions in the template ---------------------------------------- */

/* The ignore_checks list of `Metadata: cfn-lint: config:` under `holder`. */
static const struct sl_node *ignore_list(const struct sl_node *metadata)
{
	const struct sl_node *cfg = sl_map_get(sl_map_get(metadata, "cfn-lint"), "config");
	return sl_map_get(cfg, "ignore_checks");
}

static bool list_matches(const struct sl_node *list, const char *id)
{
	if (sl_node_is(list, SL_SCALAR))
		return list->len && strncmp(id, list->str, list->len) == 0;
	if (!sl_node_is(list, SL_SEQ))
		return false;
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *p = list->items[i];
		if (sl_node_is(p, SL_SCALAR) && p->len && strncmp(id, p->str, p->len) == 0)
			return true;
	}
	return false;
}

/* The Metadata suppressions of one template, looked up once and kept: the
 * filter asks for every diagnostic, and a per-diagnostic scan of Resources or
 * of a wide Metadata map would be quadratic. Lives in the template's arena. */
struct meta_supp {
	const struct sl_template *t;
	struct sl_arena *a;
	bool have_top;
	const struct sl_node *top; /* the template's ignore_checks */
	struct res_table {
		const struct sl_node *res; /* a Resources map (the model's, or as written) */
		struct by_ptr {
			const struct sl_node *n; /* a key or a value of Resources */
			size_t i;                /* its pair */
		} *v;
		size_t n;
		bool spans_sorted; /* pairs in source order, their texts apart */
		const struct sl_node **ignore; /* per pair: ignore_checks of its Metadata */
		unsigned char *known;
	} tab[2];
	bool oom;
};

static int cmp_by_ptr(const void *x, const void *y)
{
	const struct by_ptr *a = x, *b = y;
	if (a->n != b->n)
		return (uintptr_t)a->n < (uintptr_t)b->n ? -1 : 1;
	return (a->i > b->i) - (a->i < b->i);
}

/* The table of a Resources map, built on first use: O(R log R) once. */
static struct res_table *res_table(struct meta_supp *ms, const struct sl_node *res)
{
	struct res_table *tb = NULL;
	for (int k = 0; k < 2 && !tb; k++)
		if (ms->tab[k].res == res || !ms->tab[k].res)
			tb = &ms->tab[k];
	if (!tb || tb->res == res)
		return tb;
	size_t n = res->len;
	tb->v = sl_arena_alloc(ms->a, (2 * n + 1) * sizeof(*tb->v));
	tb->ignore = sl_arena_alloc(ms->a, (n + 1) * sizeof(*tb->ignore));
	tb->known = sl_arena_alloc(ms->a, n + 1);
	if (!tb->v || !tb->ignore || !tb->known) {
		ms->oom = true;
		return NULL;
	}
	tb->res = res;
	tb->spans_sorted = true;
	for (size_t i = 0; i < n; i++) {
		tb->v[tb->n++] = (struct by_ptr){ res->pairs[i].key, i };
		tb->v[tb->n++] = (struct by_ptr){ res->pairs[i].value, i };
		if (i && res->pairs[i - 1].value->end >= res->pairs[i].key->start)
			tb->spans_sorted = false;
	}
	qsort(tb->v, tb->n, sizeof(*tb->v), cmp_by_ptr);
	return tb;
}

/* The pair of Resources whose key or value is n (the first such), or -1. */
static long pair_of(const struct res_table *tb, const struct sl_node *n)
{
	size_t lo = 0, hi = tb->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((uintptr_t)tb->v[mid].n < (uintptr_t)n)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < tb->n && tb->v[lo].n == n ? (long)tb->v[lo].i : -1;
}

/* The Resources table and pair a node lies in; NULL when it lies in none. */
static struct res_table *resource_of(struct meta_supp *ms, const struct sl_node *n, long *pair)
{
	const struct sl_template *t = ms->t;
	const struct sl_node *res = sl_section(t, SL_SEC_RESOURCES);
	/* a node of the tree as written (a Fn::ForEach loop itself) */
	const struct sl_node *top = n;
	while (top && top->parent)
		top = top->parent;
	if (t->lx && top == t->src_root)
		res = sl_map_get(t->src_root, "Resources");
	if (!sl_node_is(res, SL_MAP))
		return NULL;
	for (; n && n->parent; n = n->parent) {
		if (n->parent == res) {
			/* n is a key or a value of Resources */
			struct res_table *tb = res_table(ms, res);
			*pair = tb ? pair_of(tb, n) : -1;
			return *pair >= 0 ? tb : NULL;
		}
	}
	return NULL;
}

/* The resource whose text contains a byte offset (loader diagnostics have no
 * node): the first pair of Resources that does. */
static struct res_table *resource_at(struct meta_supp *ms, uint32_t off, long *pair)
{
	const struct sl_node *res = sl_section(ms->t, SL_SEC_RESOURCES);
	if (!sl_node_is(res, SL_MAP))
		return NULL;
	struct res_table *tb = res_table(ms, res);
	if (!tb)
		return NULL;
	if (tb->spans_sorted) {
		/* the last pair starting at or before off is the only one that can hold it */
		size_t lo = 0, hi = res->len;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (res->pairs[mid].key->start <= off)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo && off <= res->pairs[lo - 1].value->end) {
			*pair = (long)lo - 1;
			return tb;
		}
		return NULL;
	}
	for (size_t i = 0; i < res->len; i++)
		if (res->pairs[i].key->start <= off && off <= res->pairs[i].value->end) {
			*pair = (long)i;
			return tb;
		}
	return NULL;
}

static bool suppressed(struct meta_supp *ms, const struct sl_pdiag *d, const struct sl_options *o)
{
	const struct sl_template *t = ms->t;
	if (o && sl_id_matches(d->rule_id, o->mandatory_checks, o->n_mandatory))
		return false;
	if (!t->root)
		return false;
	if (!ms->have_top) {
		ms->top = ignore_list(sl_section(t, SL_SEC_METADATA));
		ms->have_top = true;
	}
	if (list_matches(ms->top, d->rule_id))
		return true;
	long i = -1;
	struct res_table *tb = d->at ? resource_of(ms, d->at, &i) : resource_at(ms, d->start.offset, &i);
	if (!tb)
		return false;
	if (!tb->known[i]) {
		tb->ignore[i] = ignore_list(sl_map_get(tb->res->pairs[i].value, "Metadata"));
		tb->known[i] = 1;
	}
	return list_matches(tb->ignore[i], d->rule_id);
}

/* Whether a rule named by a suppression comment's pattern ran on this file:
 * only then can the comment be said to suppress nothing. */
struct ran_arg {
	const struct sl_options *opts;
	enum sl_file_kind kind;
};

static bool ran(const char *pattern, void *arg)
{
	const struct ran_arg *ra = arg;
	size_t n, l = strlen(pattern);
	const struct sl_rule *const *rules = sl_registry(&n);
	for (size_t i = 0; i < n; i++)
		if (strncmp(rules[i]->id, pattern, l) == 0 && rules[i]->check && rules[i]->kind == ra->kind &&
		    sl_rule_enabled(rules[i], ra->opts))
			return true;
	/* a custom rule (-z) of that ID runs on templates */
	return ra->kind == SL_FILE_TEMPLATE && ra->opts && ra->opts->custom_rules &&
	       sl_custom_rule_find(ra->opts->custom_rules, pattern);
}

/* Template Metadata `cfn-lint: config: include_checks` (a list, or one ID):
 * rules the template itself asks for, informational ones included, as
 * cfn-lint reads them. When there are any, *local becomes a copy of opts
 * with them added to include_checks (in the arena) and 1 is returned; 0 when
 * there are none; -1 on OOM. (ignore_checks there is a suppression: see
 * suppressed(); configure_rules is read by sl_ropt_resolve(); regions by
 * sl_regions_judged() in analysis/regions.h; the other keys change nothing
 * stacklint checks.) */
static int template_includes(const struct sl_template *t, const struct sl_options *opts,
			     struct sl_options *local, struct sl_arena *a)
{
	const struct sl_node *cfg = sl_map_get(sl_map_get(sl_section(t, SL_SEC_METADATA), "cfn-lint"), "config");
	const struct sl_node *inc = sl_map_get(cfg, "include_checks");
	size_t n = sl_node_is(inc, SL_SEQ) ? inc->len : sl_node_is(inc, SL_SCALAR) ? 1 : 0;
	if (!n)
		return 0;
	size_t had = opts ? opts->n_include : 0;
	const char **ids = sl_arena_alloc(a, (had + n) * sizeof(*ids));
	if (!ids)
		return -1;
	for (size_t i = 0; i < had; i++)
		ids[i] = opts->include_checks[i];
	size_t k = had;
	for (size_t i = 0; i < n; i++) {
		const struct sl_node *p = inc->kind == SL_SEQ ? inc->items[i] : inc;
		if (sl_node_is(p, SL_SCALAR) && p->len)
			ids[k++] = p->str;
	}
	if (k == had)
		return 0;
	if (opts)
		*local = *opts;
	else
		memset(local, 0, sizeof(*local));
	local->include_checks = ids;
	local->n_include = k;
	return 1;
}

/* --- paths and the report ------------------------------------------------- */

/* The index of p among par's pairs (as key or value) or items, or -1. Both are
 * in source order: a binary search by offset finds it in O(log width), so a
 * finding in each of n resources costs O(n log n), not O(n^2) (issue 16);
 * nodes an expansion made may sit out of order, and then the scan finds them. */
static long child_index(const struct sl_node *par, const struct sl_node *p)
{
	bool map = par->kind == SL_MAP;
	size_t lo = 0, hi = par->len;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		const struct sl_node *m = map ? par->pairs[mid].key : par->items[mid];
		if (!m)
			break;
		if (m->start <= p->start)
			lo = mid;
		else
			hi = mid;
	}
	if (lo < par->len && (map ? par->pairs[lo].value == p || par->pairs[lo].key == p
				  : par->items[lo] == p))
		return (long)lo;
	for (size_t k = 0; k < par->len; k++)
		if (map ? par->pairs[k].value == p || par->pairs[k].key == p : par->items[k] == p)
			return (long)k;
	return -1;
}

/* The keys of the last path made, by depth: findings come sorted, so the next
 * one mostly has the same text at the same depth ("Resources", its resource,
 * "Properties", the same property of the next resource), and its path points
 * at those copies instead of making its own. */
#define KEEP_KEYS 16
struct key_cache {
	const char *copy[KEEP_KEYS];
	size_t len[KEEP_KEYS];
};

static int path_of(struct sl_arena *a, struct key_cache *kc, const struct sl_node *n,
		   struct sl_path_seg **out, uint32_t *len)
{
	uint32_t depth = 0;
	/* a node whose parent is a scalar is the root of a document parsed out of
	 * that string (an IAM policy written as JSON text): it adds no segment */
	for (const struct sl_node *p = n; p && p->parent; p = p->parent)
		depth += p->parent->kind != SL_SCALAR;
	*len = 0;
	*out = NULL;
	if (!depth)
		return 0;
	struct sl_path_seg *segs = sl_arena_alloc(a, depth * sizeof(*segs));
	if (!segs)
		return -1;
	uint32_t i = depth;
	for (const struct sl_node *p = n; p && p->parent; p = p->parent) {
		const struct sl_node *par = p->parent;
		if (par->kind == SL_SCALAR)
			continue;
		struct sl_path_seg *s = &segs[--i];
		s->index = -1;
		s->key = "";
		if (par->kind == SL_MAP) {
			long k = child_index(par, p);
			if (k >= 0) {
				const struct sl_node *key = par->pairs[k].key;
				if (i < KEEP_KEYS && kc->copy[i] && kc->len[i] == key->len &&
				    memcmp(kc->copy[i], key->str, key->len) == 0) {
					s->key = kc->copy[i];
				} else {
					s->key = sl_arena_strndup(a, key->str, key->len);
					if (!s->key)
						return -1;
					if (i < KEEP_KEYS)
						kc->copy[i] = s->key, kc->len[i] = key->len;
				}
			}
		} else if (par->kind == SL_SEQ) {
			s->key = NULL;
			long k = child_index(par, p);
			if (k >= 0)
				s->index = (int32_t)k;
		}
	}
	*out = segs;
	*len = depth;
	return 0;
}

static int cmp_pos(struct sl_position a, struct sl_position b)
{
	if (a.line != b.line)
		return a.line < b.line ? -1 : 1;
	if (a.column != b.column)
		return a.column < b.column ? -1 : 1;
	return 0;
}

static int cmp_diag(const void *pa, const void *pb)
{
	const struct sl_pdiag *a = pa, *b = pb;
	int c = cmp_pos(a->start, b->start);
	if (c)
		return c;
	c = strcmp(a->rule_id, b->rule_id);
	if (c)
		return c;
	c = cmp_pos(a->end, b->end);
	if (c)
		return c;
	return strcmp(a->msg, b->msg);
}

static int cmp_copy(const void *pa, const void *pb)
{
	const struct sl_lx_copy *a = *(const struct sl_lx_copy *const *)pa;
	const struct sl_lx_copy *b = *(const struct sl_lx_copy *const *)pb;
	return a->ordinal < b->ordinal ? -1 : a->ordinal > b->ordinal;
}

/* A run of n identical diagnostics (rule, span, message) found in the copies
 * that one Fn::ForEach output key generated: when only some copies have it,
 * *out names their loop values (" (when Fn::ForEach sets Name = 'C')");
 * otherwise *out is left alone. Returns -1 when memory ran out. */
static int loop_note(struct sl_arena *a, const struct sl_template *t, const struct sl_pdiag *d,
		     size_t n, const char **out)
{
	const struct sl_lx_copy **cs = malloc(n * sizeof(*cs));
	if (!cs)
		return -1;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct sl_lx_copy *cp = d[i].at ? sl_langext_copy_of(t->lx, d[i].at) : NULL;
		if (!cp || (k && cp->src_key != cs[0]->src_key)) {
			free(cs);
			return 0; /* found outside a loop too, or in different bodies */
		}
		cs[k++] = cp;
	}
	qsort(cs, k, sizeof(*cs), cmp_copy);
	size_t u = 0;
	for (size_t i = 0; i < k; i++)
		if (!u || cs[u - 1] != cs[i])
			cs[u++] = cs[i];
	int rc = 0;
	if (u < *cs[0]->n_copies) {
		struct sl_buf b = SL_BUF_INIT;
		sl_buf_puts(&b, " (when Fn::ForEach sets ");
		for (size_t i = 0; i < u && i < 3; i++)
			sl_buf_printf(&b, "%s%s", i ? "; " : "", cs[i]->binding);
		if (u > 3)
			sl_buf_printf(&b, "; and in %zu more iterations", u - 3);
		sl_buf_putc(&b, ')');
		*out = b.oom ? NULL : sl_arena_strndup(a, b.data, b.len);
		if (!*out)
			rc = -1;
		sl_buf_free(&b);
	}
	free(cs);
	return rc;
}

static bool is_template_root(const struct sl_node *root)
{
	return sl_map_get(root, "Resources") || sl_map_get(root, "AWSTemplateFormatVersion") ||
	       sl_map_get(root, "Transform");
}

/* True for a name ending in .toml (any case): a TOML samconfig. */
static bool toml_name(const char *filename)
{
	size_t l = filename ? strlen(filename) : 0;
	return l >= 5 && strcasecmp(filename + l - 5, ".toml") == 0;
}

/* Loads the template at path into c's arena, or NULL (see sl_side_template). */
static const struct sl_template *side_load(struct sl_ctx *c, const char *path)
{
	size_t max = c->opts && c->opts->max_size ? c->opts->max_size : SL_DEFAULT_MAX_SIZE;
	char *buf;
	size_t len;
	if (sl_read_regular(path, max, &buf, &len) != 0)
		return NULL;
	char *text = sl_arena_strndup(c->arena, buf, len);
	free(buf);
	struct sl_doc *doc = sl_arena_alloc(c->arena, sizeof(*doc));
	struct sl_template *t = sl_arena_alloc(c->arena, sizeof(*t));
	if (!text || !doc || !t) {
		c->oom = true;
		return NULL;
	}
	struct sl_load_opts lo = { c->opts ? c->opts->backend : SL_BACKEND_DEFAULT, max };
	memset(t, 0, sizeof(*t));
	if (sl_load(doc, c->arena, text, len, &lo) < 0) {
		c->oom = true;
		return NULL;
	}
	if (!doc->root || doc->root->kind != SL_MAP || !is_template_root(doc->root))
		return NULL;
	if (sl_template_build(t, doc, c->arena) < 0) {
		c->oom = true;
		return NULL;
	}
	return t;
}

/* The side file's directory with its trailing '/', as a prefix of
 * c->filename: its length (0 for a bare name); -1 when there is no file. */
static int side_dir(const struct sl_ctx *c)
{
	if (!c->filename || !*c->filename || strcmp(c->filename, "-") == 0)
		return -1;
	const char *slash = strrchr(c->filename, '/');
	return slash ? (int)(slash - c->filename + 1) : 0;
}

/* The memoised answer for path, read and stored on first use. */
static const struct sl_template *side_get(struct sl_ctx *c, const char *path)
{
	for (size_t i = 0; i < c->n_side; i++)
		if (strcmp(c->side[i].path, path) == 0)
			return c->side[i].t;
	/* a bound on what one side file makes us read: past it, nothing more */
	if (c->n_side == sizeof(c->side) / sizeof(c->side[0]))
		return NULL;
	const struct sl_template *t = side_load(c, path);
	c->side[c->n_side++] = (struct sl_side){ path, t };
	return t;
}

const struct sl_template *sl_side_template(struct sl_ctx *c, const char *rel, size_t len,
					   const char *const *defaults, const char **path)
{
	if (path)
		*path = NULL;
	int dl = side_dir(c);
	if (dl < 0 || (rel && (len == 0 || memchr(rel, '\0', len))))
		return NULL;
	const char *one[] = { "", NULL }; /* one pass for rel */
	const char *const *names = rel ? one : defaults;
	for (size_t i = 0; names && names[i]; i++) {
		const char *name = rel ? rel : names[i];
		size_t nl = rel ? len : strlen(name);
		size_t pl = name[0] == '/' ? 0 : (size_t)dl;
		char *p = sl_arena_alloc(c->arena, pl + nl + 1);
		if (!p) {
			c->oom = true;
			return NULL;
		}
		memcpy(p, c->filename, pl);
		memcpy(p + pl, name, nl);
		p[pl + nl] = '\0';
		const struct sl_template *t = side_get(c, p);
		/* a default name counts when the file is there, template or not */
		if (rel || t || access(p, F_OK) == 0) {
			if (path)
				*path = p + pl; /* as the side file names it */
			return t;
		}
	}
	return NULL;
}

int sl_lint_buffer(struct sl_report **out, const struct sl_options *opts, const char *filename,
		   const char *buf, size_t len)
{
	return sl_lint_buffer_kind(out, opts, filename, SL_FILE_TEMPLATE, buf, len);
}

uint64_t *sl_rule_cpu_ns;

static uint64_t thread_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Whether the caller asked the lint to stop (sl_options.cancel). */
static bool canceled(const struct sl_options *opts)
{
	return opts && opts->cancel && __atomic_load_n(opts->cancel, __ATOMIC_RELAXED);
}

int sl_lint_buffer_kind(struct sl_report **out, const struct sl_options *opts, const char *filename,
			enum sl_file_kind kind, const char *buf, size_t len)
{
	*out = NULL;
	struct report_impl *rep = calloc(1, sizeof(*rep));
	if (!rep)
		return -1;
	sl_arena_init(&rep->arena);
	rep->arena.first_chunk = 1024; /* reports outlive templates: keep them small */
	rep->pub.internal_ = rep;
	rep->pub.filename = sl_arena_strndup(&rep->arena, filename ? filename : "-", strlen(filename ? filename : "-"));

	struct sl_arena ta;
	sl_arena_init(&ta);
	struct sl_doc doc;
	struct sl_load_opts lo = { opts ? opts->backend : SL_BACKEND_DEFAULT, opts ? opts->max_size : 0 };
	struct sl_ctx c;
	memset(&c, 0, sizeof(c));
	c.arena = &ta;
	c.doc = &doc;
	c.msg_arena = &rep->arena;
	c.opts = opts;
	c.filename = filename;
	c.today = opts && opts->lint_date ? opts->lint_date : sl_date_today();
	struct sl_template t;
	memset(&t, 0, sizeof(t));
	struct sl_options local; /* opts with the template's include_checks */
	if ((unsigned)kind >= SL_FILE_KIND_COUNT)
		kind = SL_FILE_TEMPLATE;
	rep->pub.kind = kind;
	c.kind = kind;
	/* a samconfig.toml is read by the TOML reader into the same tree a
	 * samconfig.yaml gives, which the samconfig rules read alike */
	bool toml = kind == SL_FILE_SAMCONFIG && toml_name(filename);
	size_t nreg;
	sl_registry(&nreg);
	uint64_t t0 = sl_rule_cpu_ns ? thread_ns() : 0;
	if ((toml ? sl_load_toml : sl_load)(&doc, &ta, buf, len, &lo) < 0)
		goto fail;
	if (sl_rule_cpu_ns)
		sl_rule_cpu_ns[nreg] += thread_ns() - t0;
	for (size_t i = 0; i < doc.n_diags; i++) {
		const struct sl_ldiag *d = &doc.diags[i];
		if (doc.empty && kind != SL_FILE_TEMPLATE) {
			/* an .ebextensions file with nothing in it configures nothing, and
			 * harms nothing; other side files must say something */
			if (kind != SL_FILE_EBEXTENSION)
				push(&c, d->rule_id, d->severity, "file is empty (nothing but whitespace, "
				     "comments or a document marker)", d->start, d->end, NULL, false);
			continue;
		}
		push(&c, d->rule_id, d->severity, d->message, d->start, d->end, NULL, false);
	}
	struct sl_supp *supp = NULL;
	if (sl_supp_scan(&supp, &ta, &doc) < 0)
		goto fail;
	if (kind != SL_FILE_TEMPLATE) {
		/* a side file: no template model; the rules of its kind read the root
		 * (and judge its shape themselves, a list or a scalar included) */
		c.root = doc.root;
		rep->pub.is_template = doc.root && doc.root->kind == SL_MAP && is_template_root(doc.root);
		c.spec = opts && opts->spec ? opts->spec : sl_spec_builtin();
		size_t nr;
		const struct sl_rule *const *rules = sl_registry(&nr);
		for (size_t i = 0; doc.root && i < nr; i++) {
			if ((rules[i]->kind != kind && !(rules[i]->also_kinds >> kind & 1u)) ||
			    !rules[i]->check || !sl_rule_enabled(rules[i], opts))
				continue;
			c.rule = rules[i];
			rules[i]->check(&c);
		}
	} else if (doc.root && doc.root->kind == SL_MAP) {
		rep->pub.is_template = is_template_root(doc.root);
		t0 = sl_rule_cpu_ns ? thread_ns() : 0;
		if (sl_template_build(&t, &doc, &ta) < 0)
			goto fail;
		if (sl_rule_cpu_ns)
			sl_rule_cpu_ns[nreg + 1] += thread_ns() - t0;
		c.t = &t;
		c.root = t.root ? t.root : doc.root;
		/* the template's own include_checks add to the options' (local
		 * lives as long as opts is used: to the end of the function) */
		int inc = template_includes(&t, opts, &local, &ta);
		if (inc < 0)
			goto fail;
		if (inc > 0)
			c.opts = opts = &local;
		if (sl_ropt_resolve(&c) < 0)
			goto fail;
		c.spec = opts && opts->spec ? opts->spec : sl_spec_builtin();
		size_t nr;
		const struct sl_rule *const *rules = sl_registry(&nr);
		for (size_t i = 0; i < nr; i++) {
			if (rules[i]->kind != SL_FILE_TEMPLATE || !rules[i]->check ||
			    !sl_rule_enabled(rules[i], opts))
				continue;
			if (canceled(opts))
				goto cancel;
			c.rule = rules[i];
			t0 = sl_rule_cpu_ns ? thread_ns() : 0;
			rules[i]->check(&c);
			if (sl_rule_cpu_ns)
				sl_rule_cpu_ns[i] += thread_ns() - t0;
		}
		/* then the user's custom rules (-z), on templates only */
		if (opts && opts->custom_rules)
			sl_custom_check(&c, opts->custom_rules);
	} else if (doc.root) {
		c.rule = sl_rule_find("E1001");
		if (c.rule)
			sl_report(&c, doc.root, "a template must be a mapping (of sections such as "
				  "Resources) at the top level, not a %s",
				  doc.root->kind == SL_SEQ ? "list" : "single value");
	}
	memo_release(&c);
	if (c.oom)
		goto fail;
	if (canceled(opts))
		goto cancel;

	/* filter, sort, dedupe, copy */
	struct meta_supp msupp = { .t = &t, .a = &ta };
	size_t k = 0;
	for (size_t i = 0; i < c.n; i++) {
		const struct sl_rule *r = sl_rule_find(c.diags[i].rule_id);
		if (!r && opts && opts->custom_rules)
			r = sl_custom_rule_find(opts->custom_rules, c.diags[i].rule_id);
		if (r && opts && !sl_rule_enabled(r, opts))
			continue;
		bool mandatory = opts && sl_id_matches(c.diags[i].rule_id, opts->mandatory_checks, opts->n_mandatory);
		if (supp && !mandatory && sl_supp_hit(supp, c.diags[i].rule_id, c.diags[i].start.line))
			continue;
		if (t.root && suppressed(&msupp, &c.diags[i], opts))
			continue;
		c.diags[k++] = c.diags[i];
	}
	if (msupp.oom)
		goto fail;
	c.n = k;
	if (supp) {
		/* suppression comments that cannot be read or suppress nothing */
		c.rule = sl_rule_find("W99000");
		struct ran_arg ra = { opts, kind };
		if (c.rule && sl_rule_enabled(c.rule, opts))
			sl_supp_report(supp, &c, !(opts && opts->no_unused_suppressions), ran, &ra);
		if (c.oom)
			goto fail;
		k = c.n;
	}
	if (k)
		qsort(c.diags, k, sizeof(*c.diags), cmp_diag);
	rep->pub.diags = sl_arena_alloc(&rep->arena, (k ? k : 1) * sizeof(struct sl_diag));
	if (!rep->pub.diags)
		goto fail;
	size_t m = 0;
	struct sl_column_cursor cur_start = { 0 }, cur_end = { 0 };
	struct key_cache keys = { { NULL }, { 0 } };
	for (size_t i = 0, run; i < k; i += run) {
		const struct sl_pdiag *p = &c.diags[i];
		/* identical findings (the copies a Fn::ForEach body generated) are one */
		for (run = 1; i + run < k && cmp_diag(p, &c.diags[i + run]) == 0; run++)
			;
		const char *note = "";
		if (t.lx && loop_note(&ta, &t, p, run, &note) < 0)
			goto fail;
		struct sl_diag *d = &rep->pub.diags[m];
		d->rule_id = p->rule_id;
		d->severity = p->sev;
		if (p->in_report && !*note) {
			d->message = p->msg; /* formatted there by sl_report() */
		} else {
			size_t ml = strlen(p->msg), nl = strlen(note);
			char *msg = sl_arena_alloc(&rep->arena, ml + nl + 1);
			if (msg) {
				memcpy(msg, p->msg, ml);
				memcpy(msg + ml, note, nl + 1);
			}
			d->message = msg;
		}
		d->start = p->start;
		d->end = p->end;
		if (opts && opts->column_unit != SL_COLUMN_CHAR) {
			/* the report keeps no text: convert while the document is here
			 * (starts come in order, so each line is walked about once) */
			d->start.column = sl_doc_column_next(&doc, &cur_start, d->start.line, d->start.column,
							     opts->column_unit);
			d->end.column = sl_doc_column_next(&doc, &cur_end, d->end.line, d->end.column,
							   opts->column_unit);
		}
		struct sl_path_seg *segs = NULL;
		bool want_path = p->at && !(opts && opts->no_paths);
		if (!d->message ||
		    (want_path && path_of(&rep->arena, &keys, p->at, &segs, &d->path_len) < 0))
			goto fail;
		d->path = segs;
		m++;
	}
	rep->pub.count = m;
	free(c.diags);
	sl_arena_free(&ta);
	*out = &rep->pub;
	return 0;
fail:
cancel:;
	int status = canceled(opts) && !c.oom ? -2 : -1;
	memo_release(&c);
	free(c.diags);
	sl_arena_free(&ta);
	sl_arena_free(&rep->arena);
	free(rep);
	return status;
}

void sl_report_free(struct sl_report *r)
{
	if (!r)
		return;
	struct report_impl *ri = r->internal_;
	sl_arena_free(&ri->arena);
	free(ri);
}

int sl_report_exit_bits(const struct sl_report *r)
{
	int bits = 0;
	for (size_t i = 0; i < r->count; i++) {
		switch (r->diags[i].severity) {
		case SL_SEV_ERROR: bits |= 2; break;
		case SL_SEV_WARNING: bits |= 4; break;
		case SL_SEV_INFO: bits |= 8; break;
		}
	}
	return bits;
}
