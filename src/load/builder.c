/*
 * Tree builder shared by every parser backend. It turns a stream of events
 * (document start, scalar, collection begin/end, alias) into the arena node tree
 * and does everything the backends must agree on: byte offsets to line/column,
 * short-form tags to long form, duplicate keys, the nesting limit, anchors,
 * aliases, merge keys and extra documents. Nothing here recurses on input depth.
 */
#include "load/builder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STR_TAG "tag:yaml.org,2002:"

void sl_builder_init(struct sl_builder *b, struct sl_doc *doc)
{
	memset(b, 0, sizeof(*b));
	b->doc = doc;
	b->arena = doc->arena;
}

void sl_builder_fini(struct sl_builder *b)
{
	for (size_t i = 0; i < b->cap; i++)
		free(b->stack[i].items);
	free(b->stack);
	b->stack = NULL;
	b->cap = 0;
	free(b->texts);
	b->texts = NULL;
	b->n_texts = b->cap_texts = 0;
}

/* Line/column of a byte offset. Offsets arrive mostly in increasing order, so a
 * cursor keeps conversion linear even on a 10 MB single-line JSON file. */
struct sl_position sl_builder_pos(struct sl_builder *b, size_t off)
{
	const struct sl_doc *d = b->doc;
	struct sl_position p;
	if (off > d->len)
		off = d->len;
	size_t line = b->cur_line;
	if (line >= d->n_lines || d->line_starts[line] > off) {
		line = sl_doc_line_of(d, off);
	} else {
		while (line + 1 < d->n_lines && d->line_starts[line + 1] <= off)
			line++;
	}
	size_t from = d->line_starts[line], col = 0;
	const unsigned char *s = (const unsigned char *)d->src;
	if (d->ascii) {
		/* one byte per character: nothing to count */
		b->cur_line = line;
		p.line = (uint32_t)line + 1;
		p.column = (uint32_t)(off - from) + 1;
		p.offset = (uint32_t)off;
		return p;
	}
	if (line == b->cur_line && b->cur_off >= from && b->cur_off > off && b->cur_off - off < off - from) {
		/* a little backwards on the same line (a short-form tag's wrapper is
		 * placed after its content): step back rather than recount the line */
		col = b->cur_col;
		for (size_t i = off; i < b->cur_off; i++)
			col -= (s[i] & 0xC0) != 0x80;
		from = off;
	} else if (line == b->cur_line && b->cur_off >= from && b->cur_off <= off) {
		from = b->cur_off;
		col = b->cur_col;
	}
	for (size_t i = from; i < off; i++)
		col += (s[i] & 0xC0) != 0x80;
	b->cur_line = line;
	b->cur_off = off;
	b->cur_col = col;
	p.line = (uint32_t)line + 1;
	p.column = (uint32_t)col + 1;
	p.offset = (uint32_t)off;
	return p;
}

static int oom(struct sl_builder *b)
{
	b->doc->oom = true;
	b->stopped = true;
	return -1;
}

/* A map's place in b->fns (see there): m when it is already known to be a
 * function call (a short-form tag's wrapper), NULL until the map ends. */
static int fn_place(struct sl_builder *b, struct sl_node *m, size_t *slot)
{
	if (b->n_fns == b->cap_fns) {
		struct sl_node **p = sl_arena_grow(b->arena, b->fns, &b->cap_fns, sizeof(*p));
		if (!p)
			return oom(b);
		b->fns = p;
	}
	if (slot)
		*slot = b->n_fns;
	b->fns[b->n_fns++] = m;
	return 0;
}

/* Notes pair p when its key names a condition's use (sl_doc.cond_pairs). */
static int note_cond(struct sl_builder *b, const struct sl_pair *p)
{
	const struct sl_node *k = p->key;
	if (!(k->len == 9 && memcmp(k->str, "Condition", 9) == 0) &&
	    !(k->len == 6 && memcmp(k->str, "Fn::If", 6) == 0))
		return 0;
	if (b->n_conds == b->cap_conds) {
		const struct sl_pair **v = sl_arena_grow(b->arena, b->conds, &b->cap_conds, sizeof(*v));
		if (!v)
			return oom(b);
		b->conds = v;
	}
	b->conds[b->n_conds++] = p;
	return 0;
}

void sl_builder_publish(struct sl_builder *b)
{
	/* the lists live in the arena: the places of maps that did not end as
	 * calls are dropped in place */
	size_t n = 0;
	for (size_t i = 0; i < b->n_fns; i++)
		if (b->fns[i])
			b->fns[n++] = b->fns[i];
	b->doc->fn_maps = (const struct sl_node **)b->fns;
	b->doc->n_fn_maps = n;
	b->doc->cond_pairs = b->conds;
	b->doc->n_cond_pairs = b->n_conds;
	b->doc->indexed = true;
}

static int diag_at(struct sl_builder *b, const char *rule, enum sl_severity sev, size_t start,
		   size_t end, const char *msg)
{
	struct sl_position s = sl_builder_pos(b, start);
	struct sl_position e = sl_builder_pos(b, end);
	if (sl_doc_diag(b->doc, rule, sev, s, e, msg) < 0)
		return oom(b);
	return 0;
}

static int fatal(struct sl_builder *b, size_t start, size_t end, const char *msg)
{
	diag_at(b, "E0000", SL_SEV_ERROR, start, end, msg);
	b->stopped = true;
	b->doc->failed = true;
	return -1;
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips node properties (tags, anchors), whitespace and comments from `off`,
 * never beyond `limit`: the first character of the node's content. */
static size_t skip_props(const struct sl_doc *d, size_t off, size_t limit, size_t *tag_start,
			 size_t *tag_end)
{
	const char *s = d->src;
	if (limit > d->len)
		limit = d->len;
	while (off < limit && (s[off] == '!' || s[off] == '&')) {
		size_t st = off;
		if (s[off] == '!' && off + 1 < limit && s[off + 1] == '<') {
			while (off < limit && s[off] != '>')
				off++;
			if (off < limit)
				off++;
		} else {
			while (off < limit && !is_ws(s[off]) && s[off] != ',' && s[off] != ']' &&
			       s[off] != '}' && s[off] != '[' && s[off] != '{')
				off++;
		}
		if (s[st] == '!' && tag_start && *tag_start == (size_t)-1) {
			*tag_start = st;
			*tag_end = off;
		}
		for (;;) {
			while (off < limit && is_ws(s[off]))
				off++;
			if (off < limit && s[off] == '#') {
				while (off < limit && s[off] != '\n' && s[off] != '\r')
					off++;
				continue;
			}
			break;
		}
	}
	return off;
}

/* A node spanning [start, end); with tag (as written), one that carries it. */
static struct sl_node *new_node(struct sl_builder *b, enum sl_kind kind, size_t start, size_t end,
				const char *tag)
{
	struct sl_node *n = sl_node_new(b->arena, tag);
	if (!n)
		return NULL;
	size_t len = b->doc->len;
	n->kind = (uint8_t)kind;
	n->start = (uint32_t)(start < len ? start : len);
	n->end = (uint32_t)(end < len ? end : len);
	return n;
}

/* Texts this short are shared (keys above all), in documents this large (in
 * a small one the copies cost less than the lookups: 3% of linting the
 * corpus); the table stops growing at TEXTS_MAX slots, so that it stays in
 * cache and a template of unique texts costs no more than a bounded table. */
#define TEXT_SHARE_MAX 40
#define TEXT_SHARE_FROM ((size_t)64 << 10)
#define TEXTS_MAX ((size_t)1 << 16)

/* Doubles the table of shared texts; false when it is at its limit or memory
 * ran out (texts are then copied, as without it). */
static bool grow_texts(struct sl_builder *b)
{
	size_t cap = b->cap_texts ? b->cap_texts * 2 : 256;
	if (cap > TEXTS_MAX)
		return false;
	struct sl_text_slot *t = calloc(cap, sizeof(*t));
	if (!t)
		return false;
	for (size_t i = 0; i < b->cap_texts; i++) {
		const struct sl_text_slot *e = &b->texts[i];
		if (!e->s)
			continue;
		size_t j = e->hash & (cap - 1);
		while (t[j].s)
			j = (j + 1) & (cap - 1);
		t[j] = *e;
	}
	free(b->texts);
	b->texts = t;
	b->cap_texts = cap;
	return true;
}

/* A hash of a text, eight bytes at a time (shared texts, duplicate keys). */
static uint32_t text_hash(const char *s, size_t n)
{
	uint64_t h = (uint64_t)n * 0x9E3779B97F4A7C15ull, w;
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	if (n) {
		w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	return (uint32_t)h;
}

/* A node's copy of the len bytes at v: the one already made for the same
 * text when it is short, else a new one (sl_node_strdup). */
static const char *node_text(struct sl_builder *b, const char *v, size_t len, size_t *out_len)
{
	if (b->doc->len < TEXT_SHARE_FROM || len > TEXT_SHARE_MAX || memchr(v, '\0', len))
		return sl_node_strdup(b->arena, v, len, out_len);
	if (b->n_texts >= b->cap_texts / 2)
		grow_texts(b); /* at its limit, it is filled to 3/4, then only read */
	if (!b->cap_texts)
		return sl_node_strdup(b->arena, v, len, out_len);
	uint32_t h = text_hash(v, len);
	size_t mask = b->cap_texts - 1;
	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct sl_text_slot *e = &b->texts[i];
		if (!e->s) {
			if (b->n_texts >= b->cap_texts / 2 + b->cap_texts / 4)
				return sl_node_strdup(b->arena, v, len, out_len);
			const char *s = sl_arena_strndup(b->arena, v, len);
			if (s) {
				*e = (struct sl_text_slot){ s, (uint32_t)len, h };
				b->n_texts++;
			}
			*out_len = len;
			return s;
		}
		if (e->hash == h && e->len == len && memcmp(e->s, v, len) == 0) {
			*out_len = len;
			return e->s;
		}
	}
}

static struct sl_node *new_scalar(struct sl_builder *b, size_t start, size_t end, const char *v,
				  size_t len, const char *tag)
{
	struct sl_node *n = new_node(b, SL_SCALAR, start, end, tag);
	if (!n)
		return NULL;
	n->str = node_text(b, v, len, &len);
	if (!n->str)
		return NULL;
	n->len = (uint32_t)len;
	return n;
}

/* What a tag does to its node. */
struct tag_info {
	const char *fn;   /* long-form key ("Ref", "Fn::Sub"), NULL when no rewrite */
	size_t fn_len;
	bool str;         /* !!str */
	bool shared;      /* fn and text are the table's below, not copies: the key
			   * node takes fn as its text without a copy */
	const char *text; /* tag as written, for the node */
};

/* The short forms CloudFormation knows, as written and as their long form's
 * key: a template has tens of thousands of them, and no tag or key text of
 * theirs needs a copy. */
static const struct {
	const char *tag, *fn;
	uint8_t tag_len, fn_len;
} known_tags[] = {
#define FN_TAG(name) { "!" name, "Fn::" name, sizeof(name), sizeof(name) + 3 }
	FN_TAG("And"),	  FN_TAG("Base64"),	 FN_TAG("Cidr"),	 FN_TAG("Equals"),
	FN_TAG("FindInMap"), FN_TAG("GetAZs"),	 FN_TAG("GetAtt"),	 FN_TAG("If"),
	FN_TAG("ImportValue"), FN_TAG("Join"),	 FN_TAG("Length"),	 FN_TAG("Not"),
	FN_TAG("Or"),	  FN_TAG("Select"),	 FN_TAG("Split"),	 FN_TAG("Sub"),
	FN_TAG("ToJsonString"), FN_TAG("Transform"),
#undef FN_TAG
	{ "!Ref", "Ref", 4, 3 }, { "!Condition", "Condition", 10, 9 },
};

static int classify_tag(struct sl_builder *b, const struct sl_ev *ev, struct tag_info *ti)
{
	memset(ti, 0, sizeof(*ti));
	if (!ev->tag || ev->tag_len == 0 || (ev->tag_len == 1 && ev->tag[0] == '!'))
		return 0;
	size_t sl = strlen(STR_TAG);
	if (ev->tag_len > sl && memcmp(ev->tag, STR_TAG, sl) == 0) {
		ti->text = sl_arena_printf(b->arena, "!!%.*s", (int)(ev->tag_len - sl), ev->tag + sl);
		if (!ti->text)
			return oom(b);
		ti->str = ev->tag_len - sl == 3 && memcmp(ev->tag + sl, "str", 3) == 0;
		return 0;
	}
	for (size_t i = 0; i < sizeof(known_tags) / sizeof(known_tags[0]); i++) {
		if (known_tags[i].tag_len == ev->tag_len &&
		    memcmp(known_tags[i].tag, ev->tag, ev->tag_len) == 0) {
			ti->text = known_tags[i].tag;
			ti->fn = known_tags[i].fn;
			ti->fn_len = known_tags[i].fn_len;
			ti->shared = true;
			return 0;
		}
	}
	ti->text = sl_arena_strndup(b->arena, ev->tag, ev->tag_len);
	if (!ti->text)
		return oom(b);
	if (ev->tag[0] != '!' || ev->tag_len < 2 || ev->tag[1] == '!')
		return 0;
	const char *name = ev->tag + 1;
	size_t nl = ev->tag_len - 1;
	char *fn;
	if ((nl == 3 && memcmp(name, "Ref", 3) == 0) || (nl == 9 && memcmp(name, "Condition", 9) == 0))
		ti->fn = sl_arena_strndup(b->arena, name, nl);
	else if ((fn = sl_arena_alloc(b->arena, nl + 5))) { /* "Fn::" and the name, no printf */
		memcpy(fn, "Fn::", 4);
		memcpy(fn + 4, name, nl);
		fn[nl + 4] = 0;
		ti->fn = fn;
	}
	if (!ti->fn)
		return oom(b);
	ti->fn_len = strlen(ti->fn);
	return 0;
}

/* The {"Fn::X": content} wrapper for a short-form tag; key spans the tag text. */
static struct sl_node *wrapper(struct sl_builder *b, const struct tag_info *ti, size_t tag_start,
			       size_t tag_end)
{
	struct sl_node *w = new_node(b, SL_MAP, tag_start, tag_end, ti->text);
	if (!w)
		return NULL;
	w->flags |= SL_NODE_SHORT;
	w->style = SL_FLOW;
	w->len = 1;
	w->pairs = sl_arena_alloc(b->arena, sizeof(struct sl_pair));
	if (!w->pairs)
		return NULL;
	struct sl_node *k;
	if (ti->shared) {
		k = new_node(b, SL_SCALAR, tag_start, tag_end, NULL);
		if (!k)
			return NULL;
		k->str = ti->fn;
		k->len = (uint32_t)ti->fn_len;
	} else if (!(k = new_scalar(b, tag_start, tag_end, ti->fn, ti->fn_len, NULL))) {
		return NULL;
	}
	k->flags = SL_NODE_SYNTH;
	k->parent = w;
	w->pairs[0].key = k;
	if (b->depth > 0 && note_cond(b, &w->pairs[0]) < 0)
		return NULL;
	return w;
}

static void wrap_finish(struct sl_node *w, struct sl_node *content)
{
	w->pairs[0].value = content;
	content->parent = w;
	w->end = content->end;
}

static int push_child(struct sl_builder *b, struct sl_frame *f, struct sl_node *n)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		void *p = realloc(f->items, cap * sizeof(struct sl_node *));
		if (!p)
			return oom(b);
		f->items = p;
		f->cap = cap;
	}
	((struct sl_node **)f->items)[f->n++] = n;
	return 0;
}

static int check_merge_and_anchor(struct sl_builder *b, const struct sl_node *n, const struct sl_ev *ev)
{
	if (ev->anchor) {
		char *m = sl_arena_printf(b->arena,
			"YAML anchor '&%.*s' is not supported by CloudFormation (anchors, aliases and merge keys are rejected)",
			(int)ev->anchor_len, ev->anchor);
		if (!m)
			return oom(b);
		/* the anchor may follow a tag: find '&name' among the node's properties */
		size_t at = ev->start, lim = ev->start + 4096 < b->doc->len ? ev->start + 4096 : b->doc->len;
		while (at < lim && !(b->doc->src[at] == '&' && at + 1 + ev->anchor_len <= b->doc->len &&
				     memcmp(b->doc->src + at + 1, ev->anchor, ev->anchor_len) == 0))
			at++;
		if (at >= lim)
			at = ev->start;
		if (diag_at(b, "W1100", SL_SEV_WARNING, at, at + 1 + ev->anchor_len, m) < 0)
			return -1;
	}
	(void)n;
	return 0;
}

/* Adds a finished node to the open collection (or makes it the root). */
static int add_node(struct sl_builder *b, struct sl_node *n)
{
	if (b->depth == 0) {
		if (!b->doc->root)
			b->doc->root = n;
		return 0;
	}
	struct sl_frame *f = &b->stack[b->depth - 1];
	if (f->node->kind == SL_MAP && f->n % 2 == 0) {
		/* n is a key */
		if (n->kind != SL_SCALAR) {
			return fatal(b, n->start, n->end,
				     "mapping keys must be plain strings; CloudFormation does not accept a "
				     "list, a mapping or an intrinsic function as a key");
		}
		/* a map whose first key names a function may be a call: its place in
		 * b->fns, in document order, taken now (filled when the map ends) */
		if (f->n == 0 && sl_node_fn_key(n) && fn_place(b, NULL, &f->fn_slot) < 0)
			return -1;
		if (n->style == SL_PLAIN && n->len == 2 && memcmp(n->str, "<<", 2) == 0) {
			if (diag_at(b, "W1100", SL_SEV_WARNING, n->start, n->end,
				    "YAML merge key '<<' is not supported by CloudFormation; it is kept "
				    "as an ordinary key, not expanded") < 0)
				return -1;
		}
	}
	return push_child(b, f, n);
}

int sl_builder_document_start(struct sl_builder *b, size_t off)
{
	if (b->stopped)
		return -1;
	if (++b->documents > 1) {
		size_t end = off + 3 <= b->doc->len && memcmp(b->doc->src + off, "---", 3) == 0 ? off + 3 : off;
		return fatal(b, off, end,
			     "a template must be a single YAML document, but a second document starts "
			     "here ('---'); CloudFormation reads only one");
	}
	return 0;
}

int sl_builder_scalar(struct sl_builder *b, const struct sl_ev *ev, const char *value, size_t len)
{
	if (b->stopped)
		return -1;
	struct tag_info ti;
	if (classify_tag(b, ev, &ti) < 0)
		return -1;
	size_t tag_start = (size_t)-1, tag_end = 0;
	size_t end = ev->end;
	size_t start = skip_props(b->doc, ev->start, end, &tag_start, &tag_end);
	if (ev->style == SL_LITERAL || ev->style == SL_FOLDED || ev->style == SL_PLAIN) {
		while (end > start && is_ws(b->doc->src[end - 1]))
			end--;
	}
	if (start > end)
		start = end;
	struct sl_node *n;
	if (ti.fn && ti.fn_len == 10 && memcmp(ti.fn, "Fn::GetAtt", 10) == 0) {
		/* !GetAtt A.B -> ["A", "B"], split at the first dot, each part keeping its span */
		n = new_node(b, SL_SEQ, start, end, NULL);
		if (!n)
			return oom(b);
		n->flags = SL_NODE_SYNTH;
		n->style = SL_FLOW;
		const char *dot = memchr(value, '.', len);
		size_t parts = dot ? 2 : 1;
		n->items = sl_arena_alloc(b->arena, parts * sizeof(struct sl_node *));
		if (!n->items)
			return oom(b);
		size_t l1 = dot ? (size_t)(dot - value) : len;
		bool raw = ev->style == SL_PLAIN && end - start == len;
		size_t s1end = raw ? start + l1 : end;
		struct sl_node *a = new_scalar(b, start, s1end, value, l1, NULL);
		if (!a)
			return oom(b);
		a->style = (uint8_t)ev->style;
		a->parent = n;
		n->items[0] = a;
		if (dot) {
			struct sl_node *c = new_scalar(b, raw ? s1end + 1 : start, end, dot + 1, len - l1 - 1, NULL);
			if (!c)
				return oom(b);
			c->style = (uint8_t)ev->style;
			c->parent = n;
			n->items[1] = c;
		}
		n->len = (uint32_t)parts;
	} else {
		n = new_scalar(b, start, end, value, len, ti.fn ? NULL : ti.text);
		if (!n)
			return oom(b);
		n->style = (uint8_t)ev->style;
		if (ti.str)
			n->flags |= SL_NODE_STR_TAG;
	}
	if (ev->anchor) {
		n->flags |= SL_NODE_ANCHOR;
		if (check_merge_and_anchor(b, n, ev) < 0)
			return -1;
	}
	if (ti.fn) {
		if (tag_start == (size_t)-1) {
			tag_start = ev->start;
			tag_end = ev->start;
		}
		struct sl_node *w = wrapper(b, &ti, tag_start, tag_end);
		if (!w)
			return oom(b);
		wrap_finish(w, n);
		if (sl_node_intrinsic(w) && fn_place(b, w, NULL) < 0)
			return -1;
		n = w;
	}
	return add_node(b, n);
}

int sl_builder_begin(struct sl_builder *b, enum sl_kind kind, const struct sl_ev *ev)
{
	if (b->stopped)
		return -1;
	if (b->depth >= SL_MAX_DEPTH) {
		char msg[160];
		snprintf(msg, sizeof(msg),
			 "nesting deeper than %d levels; stacklint stops reading here (no real template "
			 "nests this deep)", SL_MAX_DEPTH);
		return fatal(b, ev->start, ev->start + 1, msg);
	}
	struct tag_info ti;
	if (classify_tag(b, ev, &ti) < 0)
		return -1;
	size_t tag_start = (size_t)-1, tag_end = 0;
	size_t start = skip_props(b->doc, ev->start, b->doc->len, &tag_start, &tag_end);
	struct sl_node *n = new_node(b, kind, start, start, ti.fn ? NULL : ti.text);
	if (!n)
		return oom(b);
	n->style = (uint8_t)ev->style;
	if (ev->anchor) {
		n->flags |= SL_NODE_ANCHOR;
		if (check_merge_and_anchor(b, n, ev) < 0)
			return -1;
	}
	struct sl_node *w = NULL;
	if (ti.fn) {
		if (tag_start == (size_t)-1)
			tag_start = tag_end = ev->start;
		w = wrapper(b, &ti, tag_start, tag_end);
		if (!w)
			return oom(b);
	}
	/* the wrapper holds the node: its place comes before any inside */
	if (w && sl_node_intrinsic(w) && fn_place(b, w, NULL) < 0)
		return -1;
	if (b->depth == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		struct sl_frame *p = realloc(b->stack, cap * sizeof(*p));
		if (!p)
			return oom(b);
		memset(p + b->cap, 0, (cap - b->cap) * sizeof(*p));
		b->stack = p;
		b->cap = cap;
	}
	struct sl_frame *f = &b->stack[b->depth++];
	f->node = n;
	f->shortform = w;
	f->n = 0;
	f->fn_slot = SIZE_MAX;
	return 0;
}

static void report_duplicate(struct sl_builder *b, struct sl_node *first, struct sl_node *dup)
{
	struct sl_position fs = sl_builder_pos(b, first->start), ds = sl_builder_pos(b, dup->start);
	char *m1 = sl_arena_printf(b->arena,
		"duplicate key '%s': also defined at line %u, column %u (the last one wins, the others are ignored)",
		first->str, ds.line, ds.column);
	char *m2 = sl_arena_printf(b->arena,
		"duplicate key '%s': first defined at line %u, column %u (the last one wins, the others are ignored)",
		dup->str, fs.line, fs.column);
	if (!m1 || !m2 || diag_at(b, "E0000", SL_SEV_ERROR, first->start, first->end, m1) < 0 ||
	    diag_at(b, "E0000", SL_SEV_ERROR, dup->start, dup->end, m2) < 0)
		oom(b);
}

/* Reports every key that repeats an earlier one: each pair of positions once,
 * against the key's first occurrence. Small maps compare directly; large ones
 * use a temporary open-addressing table. */
static int check_duplicates(struct sl_builder *b, struct sl_node *map)
{
	size_t n = map->len;
	if (n < 2)
		return 0;
	if (n <= 16) {
		for (size_t i = 1; i < n; i++) {
			struct sl_node *k = map->pairs[i].key;
			for (size_t j = 0; j < i; j++) {
				struct sl_node *o = map->pairs[j].key;
				if (o->len == k->len && memcmp(o->str, k->str, k->len) == 0) {
					report_duplicate(b, o, k);
					break;
				}
			}
		}
		return b->doc->oom ? -1 : 0;
	}
	size_t cap = 32;
	while (cap < n * 2)
		cap *= 2;
	struct sl_node **tab = calloc(cap, sizeof(*tab));
	if (!tab)
		return oom(b);
	for (size_t i = 0; i < n; i++) {
		struct sl_node *k = map->pairs[i].key;
		size_t h = text_hash(k->str, k->len) & (cap - 1);
		while (tab[h]) {
			struct sl_node *o = tab[h];
			if (o->len == k->len && memcmp(o->str, k->str, k->len) == 0) {
				report_duplicate(b, o, k);
				break;
			}
			h = (h + 1) & (cap - 1);
		}
		if (!tab[h])
			tab[h] = k;
	}
	free(tab);
	return b->doc->oom ? -1 : 0;
}

int sl_builder_end(struct sl_builder *b, size_t end)
{
	if (b->stopped)
		return -1;
	if (b->depth == 0)
		return 0;
	struct sl_frame *f = &b->stack[--b->depth];
	struct sl_node *n = f->node;
	struct sl_node **kids = f->items;
	if (n->kind == SL_MAP) {
		if (f->n % 2) /* a key without value cannot come from a parser; be safe */
			f->n--;
		n->len = (uint32_t)(f->n / 2);
		n->pairs = sl_arena_alloc(b->arena, (n->len ? n->len : 1) * sizeof(struct sl_pair));
		if (!n->pairs)
			return oom(b);
		for (size_t i = 0; i < n->len; i++) {
			n->pairs[i].key = kids[2 * i];
			n->pairs[i].value = kids[2 * i + 1];
			kids[2 * i]->parent = n;
			kids[2 * i + 1]->parent = n;
			if (b->depth > 0 && note_cond(b, &n->pairs[i]) < 0)
				return -1;
		}
		if (f->fn_slot != SIZE_MAX && sl_node_intrinsic(n))
			b->fns[f->fn_slot] = n;
	} else {
		n->len = (uint32_t)f->n;
		n->items = sl_arena_alloc(b->arena, (f->n ? f->n : 1) * sizeof(struct sl_node *));
		if (!n->items)
			return oom(b);
		for (size_t i = 0; i < f->n; i++) {
			n->items[i] = kids[i];
			kids[i]->parent = n;
		}
	}
	if (n->style == SL_FLOW || f->n == 0) {
		n->end = (uint32_t)(end < n->start ? n->start : end < b->doc->len ? end : b->doc->len);
	} else {
		n->end = kids[f->n - 1]->end;
	}
	if (n->kind == SL_MAP && check_duplicates(b, n) < 0)
		return -1;
	struct sl_node *out = n;
	if (f->shortform) {
		wrap_finish(f->shortform, n);
		out = f->shortform;
	}
	f->n = 0;
	return add_node(b, out);
}

int sl_builder_alias(struct sl_builder *b, size_t start, size_t end, const char *name, size_t len)
{
	if (b->stopped)
		return -1;
	struct sl_node *n = new_scalar(b, start, end, name, len, NULL);
	if (!n)
		return oom(b);
	n->flags = SL_NODE_ALIAS;
	char *m = sl_arena_printf(b->arena,
		"YAML alias '*%.*s' is not supported by CloudFormation; stacklint does not expand it",
		(int)len, name);
	if (!m)
		return oom(b);
	if (diag_at(b, "W1100", SL_SEV_WARNING, start, end, m) < 0)
		return -1;
	return add_node(b, n);
}

/* `!Outer !Inner value`: both libraries reject a node with two tags, with
 * wording that does not say why. Returns the tag names when the error at
 * `off` is that case. */
static bool two_tags(const struct sl_doc *d, size_t off, size_t *o_start, size_t *o_len,
		     size_t *i_start, size_t *i_len)
{
	const char *s = d->src;
	if (off >= d->len || s[off] != '!')
		return false;
	size_t p = off;
	while (p > 0 && (s[p - 1] == ' ' || s[p - 1] == '\t'))
		p--;
	if (p == off)
		return false;
	size_t q = p;
	while (q > 0 && !is_ws(s[q - 1]))
		q--;
	if (s[q] != '!')
		return false;
	*o_start = q;
	*o_len = p - q;
	*i_start = off;
	size_t e = off;
	while (e < d->len && !is_ws(s[e]))
		e++;
	*i_len = e - off;
	return true;
}

void sl_builder_syntax_error(struct sl_builder *b, size_t off, const char *what, const char *context)
{
	if (b->stopped)
		return;
	size_t os, ol, is, il;
	if (two_tags(b->doc, off, &os, &ol, &is, &il)) {
		const char *s = b->doc->src;
		bool bare = (il == 4 && memcmp(s + is, "!Ref", 4) == 0) ||
			    (il == 10 && memcmp(s + is, "!Condition", 10) == 0);
		char *m2 = sl_arena_printf(b->arena,
			"two tags on one value ('%.*s %.*s'): YAML allows one tag per node, so "
			"CloudFormation cannot read this; write the inner function in its long form, "
			"e.g. %.*s {\"%s%.*s\": ...}",
			(int)ol, s + os, (int)il, s + is, (int)ol, s + os, bare ? "" : "Fn::",
			(int)(il - 1), s + is + 1);
		if (!m2) {
			oom(b);
			return;
		}
		b->doc->root = NULL;
		fatal(b, os, is + il, m2);
		return;
	}
	/* a tab where the line's indentation is: the parser's words do not say it */
	const char *src = b->doc->src;
	size_t ls = off < b->doc->len ? off : b->doc->len;
	while (ls > 0 && (src[ls - 1] == ' ' || src[ls - 1] == '\t'))
		ls--;
	bool tab = off < b->doc->len && src[off] == '\t' && (ls == 0 || src[ls - 1] == '\n');
	const char *sep = context ? " " : "";
	char *m = sl_arena_printf(b->arena, "%s%s%s%s%s", tab ? "a tab in the indentation: YAML "
				  "indents with spaces only (" : "", what, sep, context ? context : "",
				  tab ? ")" : "");
	if (!m) {
		oom(b);
		return;
	}
	b->doc->root = NULL;
	size_t e = off < b->doc->len ? off + 1 : off;
	/* an end inside a UTF-8 sequence would count a partial character */
	while (e < b->doc->len && ((unsigned char)b->doc->src[e] & 0xC0) == 0x80)
		e++;
	fatal(b, off, e, m);
}
