/*
 * The DOT writer of -g (see graph.h). The nodes are the template's resources;
 * the edges come from the dependency analysis, one per reference, labelled as
 * cfn-lint labels them (DependsOn, Ref, GetAtt: a Fn::Sub variable is a Ref,
 * or a GetAtt when it names an attribute). Each edge carries cfn-lint's
 * attributes: its key among the edges between the same two resources, the
 * path of the reference below its resource (source_paths), label and colour.
 *
 * The source paths are found in one walk of each resource that makes a
 * reference (a stack, never recursion: nesting depth comes from the input),
 * looking every node up among the references' nodes by binary search: the
 * whole file costs O(n log n) in the template. A path is written up to
 * MAX_PATH bytes, so that the file stays linear in the template however deep
 * its references sit.
 */
#include "output/graph.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analysis/deps.h"
#include "load/load.h"

#define MAX_PATH 512

/* The order cfn-lint adds edges in: all DependsOn, then Ref, Fn::GetAtt and
 * Fn::Sub uses, each in document order. */
enum phase { PH_DEPENDSON, PH_REF, PH_GETATT, PH_SUB };

struct gedge {
	uint32_t from, to;
	uint32_t ref;      /* index in t->refs */
	uint32_t first;    /* the rank of the first edge from `from` to `to` */
	uint32_t rank;     /* position in cfn-lint's order of insertion */
	enum phase phase;
	bool attach;
	const char *label;
	char *path;        /* source_paths, rendered; NULL for DependsOn */
};

/* --- escaping --------------------------------------------------------------- */

enum esc { ESC_ID, ESC_LABEL, ESC_ITEM };

/* Appends s[0..n) for the inside of a DOT quoted string. Graphviz reads no
 * escape in a quoted string but \" (and in labels \n, \l, \\ and the \N-style
 * substitutions), and a backslash before the closing quote escapes it. So
 * quotes, control characters and `&` become HTML entities, which Graphviz
 * decodes in labels (its htmlEntityUTF8); a backslash is \\ in a label (where
 * an entity would be decoded into an escape) and an entity elsewhere. '$' and '`' too: the VS Code extension pastes
 * the file into a JavaScript template literal, where `${` and '`' would end or
 * run code. The mapping is one-to-one, so different names stay different. */
static void put_esc(struct sl_buf *b, const char *s, size_t n, enum esc mode)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		switch (ch) {
		case '&': sl_buf_puts(b, "&amp;"); break;
		case '"': sl_buf_puts(b, "&quot;"); break;
		case '\\':
			/* a label reads \\ as one backslash (after decoding entities,
			 * so an entity would not do); elsewhere an entity keeps a
			 * backslash from escaping the closing quote */
			sl_buf_puts(b, mode == ESC_LABEL ? "\\\\" : "&#92;");
			break;
		case '`': sl_buf_puts(b, "&#96;"); break;
		case '$': sl_buf_puts(b, "&#36;"); break;
		case '\'':
			if (mode == ESC_ITEM)
				sl_buf_puts(b, "&#39;");
			else
				sl_buf_putc(b, '\'');
			break;
		case '\n':
			if (mode == ESC_LABEL)
				sl_buf_puts(b, "\\n");
			else
				sl_buf_puts(b, "&#10;");
			break;
		default:
			if (ch < 0x20 || ch == 0x7f)
				sl_buf_printf(b, "&#%u;", ch);
			else
				sl_buf_putc(b, (char)ch);
		}
	}
}

/* True when DOT reads the name unquoted as this very ID: letters, digits and
 * '_', not starting with a digit, and no keyword (keywords are
 * case-independent in DOT: a resource named Node would be the `node`
 * statement). */
static bool plain_id(const char *s, size_t n)
{
	static const char *const keywords[] = { "node", "edge", "graph", "digraph", "subgraph", "strict" };
	if (!n || (s[0] >= '0' && s[0] <= '9'))
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_'))
			return false;
	}
	for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++)
		if (strlen(keywords[k]) == n && strncasecmp(s, keywords[k], n) == 0)
			return false;
	return true;
}

static void put_id(struct sl_buf *b, const struct sl_node *key)
{
	if (plain_id(key->str, key->len)) {
		sl_buf_put(b, key->str, key->len);
		return;
	}
	sl_buf_putc(b, '"');
	put_esc(b, key->str, key->len, ESC_ID);
	sl_buf_putc(b, '"');
}

/* --- edges ---------------------------------------------------------------------- */

static const char *label_of(const struct sl_ref *r, bool attach, enum phase *ph)
{
	if (attach) {
		/* SAM writes the function's ARN into the source (the API's
		 * integration URI, the bucket's notification, the user pool's
		 * trigger): a GetAtt in the transformed template */
		*ph = PH_GETATT;
		return "GetAtt";
	}
	switch (r->kind) {
	case SL_REF_DEPENDSON: *ph = PH_DEPENDSON; return "DependsOn";
	case SL_REF_GETATT: *ph = PH_GETATT; return "GetAtt";
	case SL_REF_SUB: *ph = PH_SUB; return r->attr ? "GetAtt" : "Ref";
	default: *ph = PH_REF; return "Ref";
	}
}

/* qsort has no context argument; a graph may be written in every worker
 * thread at once, so each thread has its own */
static _Thread_local const struct sl_template *sort_t;

static int cmp_insertion(const void *pa, const void *pb)
{
	const struct gedge *a = pa, *b = pb;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->phase != b->phase)
		return a->phase < b->phase ? -1 : 1;
	uint32_t oa = sort_t->refs[a->ref].start, ob = sort_t->refs[b->ref].start;
	if (oa != ob)
		return oa < ob ? -1 : 1;
	return a->ref < b->ref ? -1 : a->ref > b->ref;
}

/* networkx lists a node's edges by neighbour, neighbours in the order their
 * first edge came, then each pair's edges in order (their keys 0, 1, ...). */
static int cmp_output(const void *pa, const void *pb)
{
	const struct gedge *a = pa, *b = pb;
	if (a->from != b->from)
		return a->from < b->from ? -1 : 1;
	if (a->first != b->first)
		return a->first < b->first ? -1 : 1;
	return a->rank < b->rank ? -1 : a->rank > b->rank;
}

/* --- source paths ------------------------------------------------------------ */

struct at_entry {
	const struct sl_node *at;
	uint32_t edge;
};

static int cmp_at(const void *pa, const void *pb)
{
	const struct at_entry *a = pa, *b = pb;
	if (a->at != b->at)
		return (uintptr_t)a->at < (uintptr_t)b->at ? -1 : 1;
	return a->edge < b->edge ? -1 : a->edge > b->edge;
}

struct frame {
	const struct sl_node *n;
	uint32_t next; /* the child to visit next */
};

/* The segment leading from frame k - 1 to frame k. */
static void seg_of(const struct frame *st, size_t k, const struct sl_node **key, uint32_t *index)
{
	const struct sl_node *p = st[k - 1].n;
	uint32_t i = st[k - 1].next - 1;
	*key = p->kind == SL_MAP ? p->pairs[i].key : NULL;
	*index = i;
}

static bool fn_key(const struct sl_node *k)
{
	return k && (sl_str_eq(k, "Ref") || sl_str_eq(k, "Fn::GetAtt") || sl_str_eq(k, "Fn::Sub"));
}

/* source_paths for a reference whose node is st[top].n: the keys and list
 * indexes below the resource, up to the map that holds the function (cfn-lint
 * drops the function's key and its value), as a Python list literal. */
static char *render_path(const struct frame *st, size_t top)
{
	size_t end = top + 1; /* segments are 1 .. end-1 */
	for (size_t k = top; k >= 1 && k + 2 >= top; k--) {
		const struct sl_node *key;
		uint32_t idx;
		seg_of(st, k, &key, &idx);
		if (fn_key(key)) {
			end = k;
			break;
		}
	}
	struct sl_buf b = SL_BUF_INIT;
	sl_buf_putc(&b, '[');
	for (size_t k = 1; k < end; k++) {
		if (b.len > MAX_PATH) {
			sl_buf_puts(&b, ", '...'");
			break;
		}
		const struct sl_node *key;
		uint32_t idx;
		seg_of(st, k, &key, &idx);
		if (k > 1)
			sl_buf_puts(&b, ", ");
		if (key) {
			sl_buf_putc(&b, '\'');
			put_esc(&b, key->str, key->len > MAX_PATH ? MAX_PATH : key->len, ESC_ITEM);
			sl_buf_putc(&b, '\'');
		} else {
			sl_buf_printf(&b, "%u", idx);
		}
	}
	sl_buf_putc(&b, ']');
	if (b.oom) {
		sl_buf_free(&b);
		return NULL;
	}
	return b.data; /* the buffer's storage, now the caller's */
}

/* Walks the value of every resource that makes a drawn reference and renders
 * the path of each reference's node. Returns 0, or -1 on OOM. */
static int find_paths(const struct sl_template *t, struct gedge *e, size_t m)
{
	const struct sl_index *ix = &t->resources;
	struct at_entry *ats = malloc((m ? m : 1) * sizeof(*ats));
	bool *walk = calloc(ix->n ? ix->n : 1, sizeof(*walk));
	size_t na = 0, cap = 64, rc = 0;
	struct frame *st = malloc(cap * sizeof(*st));
	if (!ats || !walk || !st) {
		rc = 1;
		goto out;
	}
	for (size_t i = 0; i < m; i++) {
		const struct sl_ref *r = &t->refs[e[i].ref];
		if (r->kind == SL_REF_DEPENDSON)
			continue;
		ats[na++] = (struct at_entry){ r->at, (uint32_t)i };
		walk[r->from - ix->items] = true;
	}
	qsort(ats, na, sizeof(*ats), cmp_at);
	for (size_t ri = 0; ri < ix->n && !rc; ri++) {
		if (!walk[ri] || !ix->items[ri].value)
			continue;
		size_t top = 0;
		st[0] = (struct frame){ ix->items[ri].value, 0 };
		for (;;) {
			/* a node just reached: is it a reference's? */
			if (st[top].next == 0) {
				size_t lo = 0, hi = na;
				while (lo < hi) {
					size_t mid = (lo + hi) / 2;
					if ((uintptr_t)ats[mid].at < (uintptr_t)st[top].n)
						lo = mid + 1;
					else
						hi = mid;
				}
				for (; lo < na && ats[lo].at == st[top].n; lo++) {
					struct gedge *g = &e[ats[lo].edge];
					if (g->path)
						continue;
					g->path = render_path(st, top);
					if (!g->path) {
						rc = 1;
						break;
					}
				}
			}
			const struct sl_node *n = st[top].n;
			uint32_t len = n->kind == SL_SCALAR ? 0 : n->len;
			if (rc || st[top].next >= len) {
				if (rc || top == 0)
					break;
				top--;
				continue;
			}
			const struct sl_node *child = n->kind == SL_MAP ? n->pairs[st[top].next].value
								 : n->items[st[top].next];
			st[top].next++;
			if (top + 1 == cap) {
				struct frame *p = realloc(st, cap * 2 * sizeof(*st));
				if (!p) {
					rc = 1;
					break;
				}
				st = p;
				cap *= 2;
			}
			st[++top] = (struct frame){ child, 0 };
		}
	}
out:
	free(ats);
	free(walk);
	free(st);
	return rc ? -1 : 0;
}

/* --- the file ------------------------------------------------------------------- */

int sl_graph_dot(struct sl_buf *out, const struct sl_template *t)
{
	const struct sl_index *ix = &t->resources;
	struct sl_deps d;
	if (sl_deps_build(&d, t) < 0)
		return -1;
	size_t m = d.first[d.n];
	struct gedge *e = calloc(m ? m : 1, sizeof(*e));
	uint32_t *first = malloc((ix->n ? ix->n : 1) * sizeof(*first));
	int rc = -1;
	if (!e || !first)
		goto out;
	for (size_t i = 0; i < d.n; i++)
		for (uint32_t k = d.first[i]; k < d.first[i + 1]; k++) {
			const struct sl_dep_edge *de = &d.edges[k];
			struct gedge *g = &e[k];
			g->from = (uint32_t)i;
			g->to = de->to;
			g->ref = de->ref;
			g->attach = de->attach;
			g->label = label_of(&t->refs[de->ref], de->attach, &g->phase);
		}
	sort_t = t;
	qsort(e, m, sizeof(*e), cmp_insertion);
	for (size_t i = 0; i < ix->n; i++)
		first[i] = UINT32_MAX;
	for (size_t i = 0; i < m; i++) {
		e[i].rank = (uint32_t)i;
		if (i == 0 || e[i].from != e[i - 1].from) {
			/* a new source: forget the previous one's targets */
			for (size_t k = i; k < m && e[k].from == e[i].from; k++)
				first[e[k].to] = UINT32_MAX;
		}
		if (first[e[i].to] == UINT32_MAX)
			first[e[i].to] = (uint32_t)i;
		e[i].first = first[e[i].to];
	}
	qsort(e, m, sizeof(*e), cmp_output);
	if (find_paths(t, e, m) < 0)
		goto out;

	sl_buf_puts(out, "digraph \"template\" {\n");
	for (size_t i = 0; i < ix->n; i++) {
		const struct sl_entity *r = &ix->items[i];
		put_id(out, r->key);
		sl_buf_puts(out, " [label=\"");
		put_esc(out, r->key->str, r->key->len, ESC_LABEL);
		sl_buf_puts(out, "\\n<");
		if (r->type)
			put_esc(out, r->type->str, r->type->len, ESC_LABEL);
		sl_buf_puts(out, ">\", color=black, shape=ellipse, type=Resource];\n");
	}
	for (size_t i = 0, key = 0; i < m; i++) {
		const struct gedge *g = &e[i];
		key = i > 0 && g->from == e[i - 1].from && g->to == e[i - 1].to ? key + 1 : 0;
		put_id(out, ix->items[g->from].key);
		sl_buf_puts(out, " -> ");
		put_id(out, ix->items[g->to].key);
		sl_buf_printf(out, " [key=%zu, source_paths=\"", key);
		if (g->path)
			sl_buf_puts(out, g->path);
		else
			sl_buf_puts(out, "['DependsOn']");
		sl_buf_printf(out, "\", label=%s, color=black];\n", g->label);
	}
	sl_buf_puts(out, "}\n");
	rc = out->oom ? -1 : 0;
out:
	for (size_t i = 0; e && i < m; i++)
		free(e[i].path);
	free(e);
	free(first);
	sl_deps_free(&d);
	return rc;
}

char *sl_graph_path(const char *path, const char *stdin_name)
{
	const char *base = path;
	if (strcmp(path, "-") == 0)
		base = stdin_name && *stdin_name ? stdin_name : "cfn-lint";
	size_t l = strlen(base);
	char *p = malloc(l + 5);
	if (p) {
		memcpy(p, base, l);
		memcpy(p + l, ".dot", 5);
	}
	return p;
}

/* "cannot write the graph 'PATH': WHY", malloc'd (NULL when memory ran out). */
static char *message(const char *path, const char *why)
{
	size_t n = strlen(path) + strlen(why) + 32;
	char *m = malloc(n);
	if (m)
		snprintf(m, n, "cannot write the graph '%s': %s", path, why);
	return m;
}

/* True when the loader found the input unreadable as a template (E0000): a
 * syntax error, a duplicate key, an encoding or size problem. */
static bool parse_failed(const struct sl_doc *doc)
{
	for (size_t i = 0; i < doc->n_diags; i++)
		if (strcmp(doc->diags[i].rule_id, "E0000") == 0)
			return true;
	return false;
}

char *sl_graph_write(const char *dot_path, const struct sl_options *opts, const char *buf, size_t len)
{
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc doc;
	struct sl_template t;
	struct sl_load_opts lo = { opts ? opts->backend : SL_BACKEND_DEFAULT, opts ? opts->max_size : 0 };
	struct sl_buf out = SL_BUF_INIT;
	char *err = NULL;
	memset(&t, 0, sizeof(t));
	if (sl_load(&doc, &a, buf, len, &lo) < 0) {
		err = message(dot_path, "out of memory");
		goto done;
	}
	if (!doc.root || doc.root->kind != SL_MAP || parse_failed(&doc))
		goto done;
	if (sl_template_build(&t, &doc, &a) < 0 || sl_graph_dot(&out, &t) < 0) {
		err = message(dot_path, "out of memory");
		goto done;
	}
	FILE *f = fopen(dot_path, "wb");
	if (!f) {
		err = message(dot_path, strerror(errno));
		goto done;
	}
	size_t w = fwrite(out.data, 1, out.len, f);
	int werr = w != out.len || ferror(f) ? (errno ? errno : EIO) : 0;
	if (fclose(f) != 0 && !werr)
		werr = errno ? errno : EIO;
	if (werr)
		err = message(dot_path, strerror(werr));
done:
	sl_buf_free(&out);
	sl_arena_free(&a);
	return err;
}
