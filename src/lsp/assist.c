/*
 * Spec facts and completion for the language server (assist.h).
 *
 * Both work from an outline of the document built from its text alone, not
 * from the loader's tree: while the user types, the buffer often does not
 * parse (a key with no colon yet, an unterminated string), and the answer is
 * wanted then most. The outline is a flat list of the keys and list items the
 * text shows, each with its parent, in source order: for YAML, from each
 * line's indentation, `- ` markers, `key:` and the scalar after it (block
 * scalars and multi-line flow collections skipped); for JSON, from a tolerant
 * tokenizer that keeps a stack of open objects and arrays. One pass over the
 * text builds it and notes where the offset is: typing a key (whose mapping
 * is which entry), a value (of which key), or a list item. From there the
 * spec is walked along the entries' names (Resources/<Id>/Properties/A/B...,
 * following each property's type: nested shapes, list items, map values,
 * SAM event Properties by the event's Type, Globals by SAM resource), and the
 * template's logical IDs and resource types are read off the outline.
 *
 * Each request is O(size of the text + size of the answer). Whatever the
 * outline cannot tell (flow mappings in YAML, multi-line plain scalars that
 * look like keys) gives a smaller answer, never a wrong position.
 */
#include "lsp/assist.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "spec/spec.h"
#include "template/template.h"

#define NONE UINT32_MAX
#define MAX_CHAIN 64     /* deepest path walked through the spec */
#define MAX_TYPES 200    /* resource types offered at once, else grouped by service */
#define MAX_LISTED 30    /* names listed in a hover before "and N more" */

enum ent_kind { ENT_KEY, ENT_ITEM };

/* One key or list item of the outline. */
struct ent {
	uint32_t parent; /* NONE at the top */
	uint32_t end;    /* index past its last descendant */
	uint32_t col;    /* YAML: byte column of the key or dash; JSON: nesting depth */
	uint8_t kind;    /* enum ent_kind */
	bool block;      /* YAML key with nothing after the colon: its value is below */
	uint32_t ks, ke; /* the key's text (ENT_KEY), quotes excluded */
	uint32_t vs, ve; /* a scalar value on the same line (quotes excluded), or vs == ve */
};

enum ctx_mode {
	CTX_NONE = 0,
	CTX_KEY,   /* a key of owner's mapping (or one being typed) */
	CTX_VALUE, /* the value of key entry owner, on its line */
	CTX_ITEM,  /* a scalar list item (YAML: or a key typed after "- "); owner: the item */
};

struct outline {
	const char *t;
	size_t len;
	bool json;
	struct ent *e;
	size_t n, cap;
	uint32_t *stack;
	size_t depth, cap_stack;
	bool oom;
	/* the offset asked about */
	size_t off;
	enum ctx_mode mode;
	uint32_t owner;
	size_t ts, te; /* the whole token there (for hover) */
};

/* --- building the outline ------------------------------------------------------ */

static uint32_t ent_add(struct outline *o, uint32_t parent, uint32_t col, enum ent_kind kind)
{
	if (o->n == o->cap) {
		size_t cap = o->cap ? o->cap * 2 : 256;
		struct ent *p = realloc(o->e, cap * sizeof(*p));
		if (!p) {
			o->oom = true;
			return NONE;
		}
		o->e = p;
		o->cap = cap;
	}
	struct ent *x = &o->e[o->n];
	memset(x, 0, sizeof(*x));
	x->parent = parent;
	x->col = col;
	x->kind = (uint8_t)kind;
	return (uint32_t)o->n++;
}

static void push(struct outline *o, uint32_t i)
{
	if (i == NONE)
		return;
	if (o->depth == o->cap_stack) {
		size_t cap = o->cap_stack ? o->cap_stack * 2 : 64;
		uint32_t *p = realloc(o->stack, cap * sizeof(*p));
		if (!p) {
			o->oom = true;
			return;
		}
		o->stack = p;
		o->cap_stack = cap;
	}
	o->stack[o->depth++] = i;
}

static uint32_t top(const struct outline *o)
{
	return o->depth ? o->stack[o->depth - 1] : NONE;
}

/* The innermost open entry whose column is less than col (YAML), or NONE. */
static uint32_t open_below(const struct outline *o, uint32_t col)
{
	for (size_t i = o->depth; i-- > 0;)
		if (o->e[o->stack[i]].col < col)
			return o->stack[i];
	return NONE;
}

/* One YAML line, as far as the outline needs it. */
struct yline {
	uint32_t ndash;
	uint32_t dash[16]; /* offsets of the "- " markers */
	size_t cs;         /* where the content starts (after the markers), == le when none */
	bool key;
	size_t ks, ke;     /* the key's text (quotes excluded) */
	size_t colon;
	size_t vs, ve;     /* the value after the colon, or the whole content when no key */
	bool vquoted;
	bool block_scalar; /* the value is a | or > indicator */
	int flow;          /* [ and { left open by the value */
};

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The end of a quoted scalar opening at p (the offset of its closing quote),
 * or le when it is not closed on the line. */
static size_t quote_end(const char *t, size_t p, size_t le)
{
	char q = t[p];
	for (size_t i = p + 1; i < le; i++) {
		if (q == '"' && t[i] == '\\') {
			i++;
			continue;
		}
		if (t[i] == q) {
			if (q == '\'' && i + 1 < le && t[i + 1] == '\'') {
				i++;
				continue;
			}
			return i;
		}
	}
	return le;
}

/* Brackets a flow value leaves open (outside quotes), from p to le. */
static int flow_balance(const char *t, size_t p, size_t le)
{
	int d = 0;
	for (size_t i = p; i < le; i++) {
		char c = t[i];
		if (c == '"' || c == '\'') {
			i = quote_end(t, i, le);
		} else if (c == '#' && i > p && blank(t[i - 1])) {
			break;
		} else if (c == '[' || c == '{') {
			d++;
		} else if (c == ']' || c == '}') {
			d--;
		}
	}
	return d;
}

/* A value from p: its text span, quoting, block indicator, open brackets. */
static void yaml_value(const char *t, size_t p, size_t le, struct yline *y)
{
	while (p < le && blank(t[p]))
		p++;
	y->vs = y->ve = p;
	if (p >= le || t[p] == '#')
		return;
	if (t[p] == '"' || t[p] == '\'') {
		size_t q = quote_end(t, p, le);
		y->vquoted = true;
		y->vs = p + 1;
		y->ve = q;
		return;
	}
	if (t[p] == '|' || t[p] == '>') {
		y->block_scalar = true;
		return;
	}
	size_t e = p;
	while (e < le && !(t[e] == '#' && e > p && blank(t[e - 1])))
		e++;
	while (e > p && blank(t[e - 1]))
		e--;
	y->vs = p;
	y->ve = e;
	if (t[p] == '[' || t[p] == '{' || t[p] == '!')
		y->flow = flow_balance(t, p, le);
}

static void yaml_line(const char *t, size_t ls, size_t le, struct yline *y)
{
	memset(y, 0, sizeof(*y));
	size_t p = ls;
	for (;;) {
		while (p < le && t[p] == ' ')
			p++;
		if (p < le && t[p] == '-' && (p + 1 == le || blank(t[p + 1]))) {
			if (y->ndash < 16)
				y->dash[y->ndash++] = (uint32_t)p;
			p++;
			continue;
		}
		break;
	}
	y->cs = p;
	if (p >= le || t[p] == '#') {
		y->cs = le;
		y->vs = y->ve = le;
		return;
	}
	if (t[p] == '"' || t[p] == '\'') {
		size_t q = quote_end(t, p, le);
		size_t c = q < le ? q + 1 : le;
		while (c < le && blank(t[c]))
			c++;
		if (q < le && c < le && t[c] == ':' && (c + 1 == le || blank(t[c + 1]))) {
			y->key = true;
			y->ks = p + 1;
			y->ke = q;
			y->colon = c;
			yaml_value(t, c + 1, le, y);
			return;
		}
		yaml_value(t, p, le, y);
		return;
	}
	if (t[p] != '[' && t[p] != '{' && t[p] != '!' && t[p] != '&' && t[p] != '*' && t[p] != '|' &&
	    t[p] != '>') {
		for (size_t i = p; i < le; i++) {
			if (t[i] == '#' && i > p && blank(t[i - 1]))
				break;
			if (t[i] == ':' && (i + 1 == le || blank(t[i + 1]))) {
				size_t e = i;
				while (e > p && blank(t[e - 1]))
					e--;
				y->key = true;
				y->ks = p;
				y->ke = e;
				y->colon = i;
				yaml_value(t, i + 1, le, y);
				return;
			}
		}
	}
	yaml_value(t, p, le, y);
}

/* Notes what the cursor line y (from ls) says of the offset. */
static void yaml_context(struct outline *o, const struct yline *y, size_t ls, size_t le, uint32_t key_ent,
			 uint32_t last_dash)
{
	size_t off = o->off;
	if (y->cs >= le) {
		/* nothing typed yet: a key at the cursor's column, or after "- " */
		if (y->ndash && off < y->cs)
			return;
		uint32_t col = (uint32_t)(off - ls);
		o->owner = y->ndash ? last_dash : open_below(o, col);
		o->mode = y->ndash ? CTX_ITEM : CTX_KEY;
		o->ts = o->te = off;
		return;
	}
	if (off < y->cs)
		return; /* in the indentation of a line that has content */
	if (y->key && off <= y->ke + (y->ke < le && (o->t[y->ke] == '"' || o->t[y->ke] == '\''))) {
		o->mode = CTX_KEY;
		o->owner = open_below(o, (uint32_t)(y->cs - ls));
		o->ts = y->ks;
		o->te = y->ke;
		return;
	}
	if (y->key && off > y->colon) {
		o->mode = CTX_VALUE;
		o->owner = key_ent;
		o->ts = y->vs;
		o->te = y->ve;
		return;
	}
	if (y->key)
		return;
	/* a scalar alone on its line: a list item, or a key being typed */
	o->ts = y->vs;
	o->te = y->ve;
	if (y->ndash) {
		o->mode = CTX_ITEM;
		o->owner = last_dash;
	} else {
		o->mode = CTX_KEY;
		o->owner = open_below(o, (uint32_t)(y->cs - ls));
	}
}

static void yaml_outline(struct outline *o)
{
	const char *t = o->t;
	size_t len = o->len;
	uint32_t skip_above = NONE; /* in a block scalar: lines indented more than this */
	int flow = 0;               /* brackets of a flow collection still open */
	uint32_t flow_col = 0;      /* ... by the key or item at this column */
	for (size_t ls = 0; ls <= len && !o->oom;) {
		size_t le = ls;
		while (le < len && t[le] != '\n' && t[le] != '\r')
			le++;
		bool cursor = o->off >= ls && o->off <= le;
		struct yline y;
		yaml_line(t, ls, le, &y);
		uint32_t indent = (uint32_t)((y.ndash ? y.dash[0] : y.cs) - ls);
		bool empty = !y.ndash && y.cs >= le;
		if (skip_above != NONE && (empty || indent > skip_above))
			goto next;
		skip_above = NONE;
		/* a flow collection's lines are indented more than its key */
		if (flow > 0 && (empty || indent > flow_col)) {
			flow += flow_balance(t, ls, le);
			goto next;
		}
		flow = 0;
		if (le - ls >= 3 && (memcmp(t + ls, "---", 3) == 0 || memcmp(t + ls, "...", 3) == 0) &&
		    (le - ls == 3 || blank(t[ls + 3]))) {
			o->depth = 0;
			goto next;
		}
		if (le > ls && t[ls] == '%')
			goto next;
		uint32_t key_ent = NONE, last_dash = NONE;
		if (!empty) {
			/* close what this line's first node ends */
			while (o->depth) {
				const struct ent *x = &o->e[top(o)];
				if (x->col < indent)
					break;
				/* "key:" then "- item" at the key's own column */
				if (y.ndash && x->kind == ENT_KEY && x->block && x->col == indent)
					break;
				o->depth--;
			}
			for (uint32_t d = 0; d < y.ndash; d++) {
				uint32_t i = ent_add(o, top(o), (uint32_t)(y.dash[d] - ls), ENT_ITEM);
				if (i == NONE)
					return;
				if (d + 1 == y.ndash && !y.key) {
					o->e[i].vs = (uint32_t)y.vs;
					o->e[i].ve = (uint32_t)y.ve;
				}
				push(o, i);
				last_dash = i;
			}
			if (y.key) {
				key_ent = ent_add(o, top(o), (uint32_t)(y.cs - ls), ENT_KEY);
				if (key_ent == NONE)
					return;
				struct ent *x = &o->e[key_ent];
				x->ks = (uint32_t)y.ks;
				x->ke = (uint32_t)y.ke;
				x->vs = (uint32_t)y.vs;
				x->ve = (uint32_t)y.ve;
				x->block = y.vs == y.ve && !y.vquoted && !y.block_scalar;
				push(o, key_ent);
			}
			if (y.block_scalar)
				skip_above = y.key ? (uint32_t)(y.cs - ls)
					   : y.ndash ? (uint32_t)(y.dash[y.ndash < 16 ? y.ndash - 1 : 15] - ls)
						     : indent;
			if (y.flow > 0 && !cursor) {
				flow = y.flow;
				flow_col = y.key ? (uint32_t)(y.cs - ls) : indent;
			}
		}
		if (cursor)
			yaml_context(o, &y, ls, le, key_ent, last_dash);
	next:
		if (le >= len)
			break;
		ls = le + (t[le] == '\r' && le + 1 < len && t[le + 1] == '\n' ? 2 : 1);
	}
}

/* JSON: a frame per open object or array. */
struct jframe {
	bool obj;
	uint32_t owner; /* the entry whose value it is, or NONE at the top */
	uint32_t key;   /* obj: the key entry last read */
	int state;      /* obj: 0 key, 1 colon, 2 value, 3 after; arr: 0 value, 3 after */
};

static void json_outline(struct outline *o)
{
	const char *t = o->t;
	size_t len = o->len, off = o->off;
	struct jframe *fr = NULL;
	size_t nf = 0, capf = 0;
	for (size_t i = 0; i < len && !o->oom;) {
		char c = t[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
			i++;
			continue;
		}
		struct jframe *f = nf ? &fr[nf - 1] : NULL;
		if (c == '{' || c == '[') {
			uint32_t owner = NONE;
			if (f && f->obj && f->state == 2) {
				owner = f->key;
				f->state = 3;
			} else if (f && !f->obj && f->state == 0) {
				owner = ent_add(o, f->owner, (uint32_t)nf, ENT_ITEM);
				f->state = 3;
			}
			if (nf == capf) {
				size_t cap = capf ? capf * 2 : 32;
				struct jframe *p = realloc(fr, cap * sizeof(*p));
				if (!p) {
					o->oom = true;
					break;
				}
				fr = p;
				capf = cap;
			}
			fr[nf++] = (struct jframe){ c == '{', owner, NONE, 0 };
			i++;
			continue;
		}
		if (c == '}' || c == ']') {
			/* to the matching frame, when one is open */
			size_t k = nf;
			while (k > 0 && fr[k - 1].obj != (c == '}'))
				k--;
			if (k > 0)
				nf = k - 1;
			i++;
			continue;
		}
		if (c == ':') {
			if (f && f->obj && f->state == 1)
				f->state = 2;
			i++;
			continue;
		}
		if (c == ',') {
			if (f)
				f->state = 0;
			i++;
			continue;
		}
		/* a string, or a bare word (number, true, false, null, or junk) */
		size_t s, e, next;
		if (c == '"') {
			s = i + 1;
			e = s;
			while (e < len && t[e] != '"' && t[e] != '\n' && t[e] != '\r')
				e += t[e] == '\\' && e + 1 < len ? 2 : 1;
			if (e > len)
				e = len;
			if (e >= len || t[e] != '"') {
				/* not closed on its line: being typed; it ends before what
				 * follows it */
				size_t k = s;
				while (k < e && !strchr(",:{}[] \t", t[k]))
					k++;
				e = k;
			}
			next = e < len && t[e] == '"' ? e + 1 : e;
		} else {
			s = i;
			e = i;
			while (e < len && !strchr(" \t\r\n{}[]:,\"", t[e]))
				e++;
			next = e;
		}
		bool here = c == '"' ? off >= s && off <= e : false;
		/* a key; or one after a key with no colon or a value with no comma */
		if (f && f->obj && f->state != 2) {
			uint32_t k = ent_add(o, f->owner, (uint32_t)nf, ENT_KEY);
			if (k == NONE)
				break;
			o->e[k].ks = (uint32_t)s;
			o->e[k].ke = (uint32_t)e;
			f->key = k;
			f->state = 1;
			if (here) {
				o->mode = CTX_KEY;
				o->owner = f->owner;
			}
		} else if (f && f->obj && f->state == 2) {
			if (f->key != NONE) {
				o->e[f->key].vs = (uint32_t)s;
				o->e[f->key].ve = (uint32_t)e;
			}
			f->state = 3;
			if (here) {
				o->mode = CTX_VALUE;
				o->owner = f->key;
			}
		} else if (f && !f->obj) {
			uint32_t k = ent_add(o, f->owner, (uint32_t)nf, ENT_ITEM);
			if (k == NONE)
				break;
			o->e[k].vs = (uint32_t)s;
			o->e[k].ve = (uint32_t)e;
			f->state = 3;
			if (here) {
				o->mode = CTX_ITEM;
				o->owner = k;
			}
		}
		if (here) {
			o->ts = s;
			o->te = e;
		}
		i = next > i ? next : i + 1;
	}
	free(fr);
}

/* Builds the outline of text and finds the offset in it. Returns false on OOM. */
static bool outline_build(struct outline *o, const char *text, size_t len, size_t off)
{
	memset(o, 0, sizeof(*o));
	o->t = text;
	o->len = len;
	o->off = off > len ? len : off;
	o->owner = NONE;
	size_t i = 0;
	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	o->json = i < len && text[i] == '{';
	if (o->json)
		json_outline(o);
	else
		yaml_outline(o);
	/* each entry's subtree: descendants follow their ancestor */
	for (size_t k = 0; k < o->n; k++)
		o->e[k].end = (uint32_t)k + 1;
	for (size_t k = o->n; k-- > 0;) {
		uint32_t p = o->e[k].parent;
		if (p != NONE && o->e[p].end < o->e[k].end)
			o->e[p].end = o->e[k].end;
	}
	return !o->oom;
}

static void outline_free(struct outline *o)
{
	free(o->e);
	free(o->stack);
}

/* --- reading the outline ------------------------------------------------------- */

static bool key_is(const struct outline *o, uint32_t i, const char *name)
{
	if (i == NONE || o->e[i].kind != ENT_KEY)
		return false;
	size_t n = strlen(name);
	return o->e[i].ke - o->e[i].ks == n && memcmp(o->t + o->e[i].ks, name, n) == 0;
}

/* The child key of entry p (NONE: the top level) called name (n bytes), or NONE.
 * O(children). */
static uint32_t child_n(const struct outline *o, uint32_t p, const char *name, size_t n)
{
	size_t i = p == NONE ? 0 : p + 1, end = p == NONE ? o->n : o->e[p].end;
	while (i < end) {
		const struct ent *x = &o->e[i];
		if (x->parent == p && x->kind == ENT_KEY && x->ke - x->ks == n && memcmp(o->t + x->ks, name, n) == 0)
			return (uint32_t)i;
		i = x->end > i ? x->end : i + 1;
	}
	return NONE;
}

static uint32_t child(const struct outline *o, uint32_t p, const char *name)
{
	return child_n(o, p, name, strlen(name));
}

/* The entries from the top down to i, in out (at most MAX_CHAIN). Returns
 * their count, 0 when deeper. */
static size_t chain(const struct outline *o, uint32_t i, uint32_t out[MAX_CHAIN])
{
	size_t n = 0;
	for (uint32_t k = i; k != NONE; k = o->e[k].parent)
		if (n++ == MAX_CHAIN)
			return 0;
	size_t j = n;
	for (uint32_t k = i; k != NONE; k = o->e[k].parent)
		out[--j] = k;
	return n;
}

/* The resource type (spec id) of logical ID entry r under Resources, or NONE. */
static uint32_t resource_type(const struct outline *o, const struct sl_spec *sp, uint32_t r)
{
	uint32_t ty = r == NONE ? NONE : child(o, r, "Type");
	if (ty == NONE || o->e[ty].vs == o->e[ty].ve)
		return NONE;
	return sl_spec_resource(sp, o->t + o->e[ty].vs, o->e[ty].ve - o->e[ty].vs);
}

/* What the spec says the value of entry i is: a shape (*shape) or a type id
 * (*type, the other NONE), with the resource type (*res) it belongs to.
 * False when the path is not in a resource's Properties (or SAM Globals) or
 * leaves the spec. */
static bool value_type(const struct outline *o, const struct sl_spec *sp, uint32_t i, uint32_t *res,
		       uint32_t *shape, uint32_t *type)
{
	uint32_t ch[MAX_CHAIN];
	size_t n = i == NONE ? 0 : chain(o, i, ch);
	if (n < 2)
		return false;
	uint32_t r;
	size_t k;
	if (o->e[ch[0]].parent == NONE && key_is(o, ch[0], "Resources")) {
		r = resource_type(o, sp, ch[1]);
		if (r == NONE || n < 3 || !key_is(o, ch[2], "Properties"))
			return false;
		k = 3;
	} else if (key_is(o, ch[0], "Globals") && o->e[ch[1]].kind == ENT_KEY) {
		char name[160];
		const struct ent *g = &o->e[ch[1]];
		int l = snprintf(name, sizeof(name), "AWS::Serverless::%.*s", (int)(g->ke - g->ks), o->t + g->ks);
		if (l <= 0 || (size_t)l >= sizeof(name))
			return false;
		r = sl_spec_resource(sp, name, (size_t)l);
		if (r == NONE)
			return false;
		k = 2;
	} else {
		return false;
	}
	uint32_t s = sl_spec_resource_shape(sp, r), t = NONE;
	for (; k < n; k++) {
		const struct ent *x = &o->e[ch[k]];
		/* Fn::If [cond, a, b] in block style: its items stand for the value */
		if (key_is(o, ch[k], "Fn::If") && k + 1 < n && o->e[ch[k + 1]].kind == ENT_ITEM) {
			k++;
			continue;
		}
		for (int guard = 0; t != NONE && guard < 8; guard++) {
			const struct sl_spec_type *ty = sl_spec_type(sp, t);
			if (!ty)
				return false;
			if (ty->kind == SL_SPEC_SHAPE) {
				s = ty->arg;
				t = NONE;
			} else if (ty->kind == SL_SPEC_UNION) {
				uint32_t pick = NONE;
				for (uint32_t m = 0; m < ty->n && pick == NONE; m++) {
					uint32_t mt = sl_spec_union_member(sp, ty, m);
					const struct sl_spec_type *mty = sl_spec_type(sp, mt);
					if (mty && (x->kind == ENT_ITEM ? mty->kind == SL_SPEC_LIST
									: mty->kind == SL_SPEC_SHAPE || mty->kind == SL_SPEC_MAP))
						pick = mt;
				}
				if (pick == NONE)
					return false;
				t = pick;
			} else {
				break;
			}
		}
		if (t != NONE) {
			const struct sl_spec_type *ty = sl_spec_type(sp, t);
			if (x->kind == ENT_ITEM && ty->kind == SL_SPEC_LIST)
				t = ty->arg;
			else if (x->kind == ENT_KEY && ty->kind == SL_SPEC_MAP)
				t = ty->arg;
			else
				return false;
			continue;
		}
		if (x->kind != ENT_KEY)
			return false;
		const struct sl_spec_prop *p = sl_spec_prop_find(sp, s, o->t + x->ks, x->ke - x->ks);
		if (!p)
			return false;
		t = p->type;
		/* a SAM event's Properties: the shape its Type names (spec.h) */
		const struct sl_spec_type *ty = sl_spec_type(sp, t);
		const char *sn = sl_spec_shape_name(sp, s);
		size_t sl = sn ? strlen(sn) : 0;
		if (ty && ty->kind == SL_SPEC_ANY && key_is(o, ch[k], "Properties") && sl > 12 &&
		    strcmp(sn + sl - 12, ".EventSource") == 0) {
			uint32_t et = child(o, x->parent, "Type");
			char name[256];
			int l = et == NONE ? 0
					   : snprintf(name, sizeof(name), "%.*s.%.*sEvent", (int)(sl - 12), sn,
						      (int)(o->e[et].ve - o->e[et].vs), o->t + o->e[et].vs);
			uint32_t es = l > 0 && (size_t)l < sizeof(name) ? sl_spec_shape_find(sp, name, (size_t)l) : NONE;
			if (es == NONE)
				return false;
			s = es;
			t = NONE;
		}
	}
	if (t != NONE) {
		const struct sl_spec_type *ty = sl_spec_type(sp, t);
		if (ty && ty->kind == SL_SPEC_SHAPE) {
			s = ty->arg;
			t = NONE;
		}
	}
	*res = r;
	*shape = t == NONE ? s : NONE;
	*type = t;
	return true;
}

/* The shape whose properties are the keys of entry i's mapping (a union's
 * shape member too), or NONE. */
static uint32_t mapping_shape(const struct outline *o, const struct sl_spec *sp, uint32_t i, uint32_t *res)
{
	uint32_t shape, type;
	if (!value_type(o, sp, i, res, &shape, &type))
		return NONE;
	if (shape != NONE)
		return shape;
	const struct sl_spec_type *ty = sl_spec_type(sp, type);
	for (uint32_t m = 0; ty && ty->kind == SL_SPEC_UNION && m < ty->n; m++) {
		const struct sl_spec_type *mty = sl_spec_type(sp, sl_spec_union_member(sp, ty, m));
		if (mty && mty->kind == SL_SPEC_SHAPE)
			return mty->arg;
	}
	return NONE;
}

/* True when the spec says entry i's value is a Tag ({Key, Value}, both strings). */
static bool is_tag(const struct outline *o, const struct sl_spec *sp, uint32_t i)
{
	uint32_t res, shape, type;
	const struct sl_spec_type *ty =
		value_type(o, sp, i, &res, &shape, &type) && type != NONE ? sl_spec_type(sp, type) : NULL;
	return ty && ty->kind == SL_SPEC_TAG;
}

static const char *const tag_keys[] = { "Key", "Value" };

/* The logical ID entry (under the top-level Resources) that holds entry i, or NONE. */
static uint32_t enclosing_resource(const struct outline *o, uint32_t i)
{
	uint32_t ch[MAX_CHAIN];
	size_t n = i == NONE ? 0 : chain(o, i, ch);
	return n >= 2 && key_is(o, ch[0], "Resources") && o->e[ch[1]].kind == ENT_KEY ? ch[1] : NONE;
}

/* True when the cursor is on the value of a resource's Type. */
static bool at_resource_type(const struct outline *o)
{
	uint32_t ch[MAX_CHAIN];
	return o->mode == CTX_VALUE && key_is(o, o->owner, "Type") && chain(o, o->owner, ch) == 3 &&
	       key_is(o, ch[0], "Resources");
}

/* --- hover --------------------------------------------------------------------- */

/* The documentation page of a resource type or nested type, by the naming of
 * AWS's CloudFormation template reference (aws-resource-<service>-<resource>,
 * aws-properties-<service>-<resource>-<type>) and SAM's developer guide
 * (sam-resource-<resource>; a SAM nested type gets its resource's page).
 * Appends nothing for other names (third-party types). */
static void put_doc_link(struct sl_buf *md, const char *shape_name)
{
	const char *p = shape_name;
	if (strncmp(p, "AWS::", 5) != 0)
		return;
	const char *svc = p + 5, *c2 = strstr(svc, "::");
	if (!c2)
		return;
	const char *res = c2 + 2, *dot = strchr(res, '.');
	size_t rl = dot ? (size_t)(dot - res) : strlen(res);
	char url[512];
	size_t u = 0;
#define PUT(s, n, lower)                                                                           \
	for (size_t _i = 0; _i < (n) && u + 1 < sizeof(url); _i++)                                     \
		url[u++] = (char)((lower) && (s)[_i] >= 'A' && (s)[_i] <= 'Z' ? (s)[_i] + 32 : (s)[_i]);
	if (c2 - svc == 10 && memcmp(svc, "Serverless", 10) == 0) {
		const char *base = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-";
		PUT(base, strlen(base), false);
		PUT(res, rl, true);
	} else {
		const char *base = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/";
		PUT(base, strlen(base), false);
		PUT(dot ? "aws-properties-" : "aws-resource-", dot ? 15u : 13u, false);
		PUT(svc, (size_t)(c2 - svc), true);
		PUT("-", 1, false);
		PUT(res, rl, true);
		if (dot) {
			PUT("-", 1, false);
			PUT(dot + 1, strlen(dot + 1), true);
		}
	}
	PUT(".html", 5, false);
#undef PUT
	url[u] = '\0';
	sl_buf_printf(md, "\nDocumentation: <%s>", url);
}

/* Appends a short description of type id t: "String", "List of Tag",
 * "Map of String", "VpcConfig", "String | List of String". */
static void put_type(struct sl_buf *b, const struct sl_spec *sp, uint32_t t, int depth)
{
	const struct sl_spec_type *ty = sl_spec_type(sp, t);
	if (!ty || depth > 6) {
		sl_buf_puts(b, "?");
		return;
	}
	static const char *const names[] = { "String", "Integer", "Number", "Boolean", "JSON", "Timestamp",
					     "Tag", NULL, NULL, NULL, NULL, "any" };
	switch (ty->kind) {
	case SL_SPEC_SHAPE: {
		const char *n = sl_spec_shape_name(sp, ty->arg), *d = n ? strchr(n, '.') : NULL;
		sl_buf_puts(b, d ? d + 1 : n ? n : "?");
		break;
	}
	case SL_SPEC_LIST:
		sl_buf_puts(b, "List of ");
		put_type(b, sp, ty->arg, depth + 1);
		break;
	case SL_SPEC_MAP:
		sl_buf_puts(b, "Map of ");
		put_type(b, sp, ty->arg, depth + 1);
		break;
	case SL_SPEC_UNION:
		for (uint32_t m = 0; m < ty->n; m++) {
			if (m)
				sl_buf_puts(b, " | ");
			put_type(b, sp, sl_spec_union_member(sp, ty, m), depth + 1);
		}
		break;
	default:
		sl_buf_puts(b, ty->kind < sizeof(names) / sizeof(names[0]) && names[ty->kind] ? names[ty->kind] : "?");
	}
}

static void put_number(struct sl_buf *b, double v)
{
	if (v == (double)(long long)v && v > -1e15 && v < 1e15)
		sl_buf_printf(b, "%lld", (long long)v);
	else
		sl_buf_printf(b, "%g", v);
}

/* Appends the constraint's facts as Markdown list lines (what: "" for the
 * value, "Each item: " for the items of a list, which go no deeper). */
static void put_constraint(struct sl_buf *md, const struct sl_spec *sp, const struct sl_spec_constraint *c,
			   const char *what)
{
	if (!c)
		return;
	const char *pat = sl_spec_constraint_pattern(sp, c), *fmt = sl_spec_constraint_format(sp, c);
	if (pat && *pat) {
		/* the longest run of backticks in it, plus one, fences it */
		size_t run = 0, best = 0;
		for (const char *q = pat; *q; q++)
			best = (run = *q == '`' ? run + 1 : 0) > best ? run : best;
		sl_buf_printf(md, "- %sPattern: ", what);
		for (size_t i = 0; i <= best; i++)
			sl_buf_putc(md, '`');
		sl_buf_printf(md, " %s ", pat);
		for (size_t i = 0; i <= best; i++)
			sl_buf_putc(md, '`');
		sl_buf_putc(md, '\n');
	}
	if (fmt && *fmt)
		sl_buf_printf(md, "- %sFormat: `%s`\n", what, fmt);
	if (c->min_length != NONE || c->max_length != NONE) {
		sl_buf_printf(md, "- %sLength: ", what);
		if (c->min_length != NONE)
			sl_buf_printf(md, "at least %u", c->min_length);
		if (c->min_length != NONE && c->max_length != NONE)
			sl_buf_puts(md, ", ");
		if (c->max_length != NONE)
			sl_buf_printf(md, "at most %u", c->max_length);
		sl_buf_puts(md, " characters\n");
	}
	if (c->flags & (SL_SPEC_HAS_MIN | SL_SPEC_HAS_MAX)) {
		sl_buf_printf(md, "- %sValue: ", what);
		if (c->flags & SL_SPEC_HAS_MIN) {
			sl_buf_puts(md, "at least ");
			put_number(md, c->minimum);
		}
		if ((c->flags & SL_SPEC_HAS_MIN) && (c->flags & SL_SPEC_HAS_MAX))
			sl_buf_puts(md, ", ");
		if (c->flags & SL_SPEC_HAS_MAX) {
			sl_buf_puts(md, "at most ");
			put_number(md, c->maximum);
		}
		sl_buf_putc(md, '\n');
	}
	if (c->min_items != NONE || c->max_items != NONE || (c->flags & SL_SPEC_UNIQUE_ITEMS)) {
		sl_buf_puts(md, "- Items: ");
		bool any = false;
		if (c->min_items != NONE) {
			sl_buf_printf(md, "at least %u", c->min_items);
			any = true;
		}
		if (c->max_items != NONE) {
			sl_buf_printf(md, "%sat most %u", any ? ", " : "", c->max_items);
			any = true;
		}
		if (c->flags & SL_SPEC_UNIQUE_ITEMS)
			sl_buf_printf(md, "%sno duplicates", any ? ", " : "");
		sl_buf_putc(md, '\n');
	}
	if (c->items != NONE && !*what)
		put_constraint(md, sp, sl_spec_constraint(sp, c->items), "Each item: ");
}

/* The allowed values of type t, or of its list elements, as a bounded list. */
static void put_allowed(struct sl_buf *md, const struct sl_spec *sp, uint32_t t)
{
	const struct sl_spec_type *ty = sl_spec_type(sp, t);
	if (ty && ty->kind == SL_SPEC_LIST)
		ty = sl_spec_type(sp, ty->arg);
	if (!ty || (ty->kind != SL_SPEC_STRING && ty->kind != SL_SPEC_INTEGER) || !ty->n)
		return;
	sl_buf_puts(md, "- Allowed values: ");
	for (uint32_t i = 0; i < ty->n && i < MAX_LISTED; i++) {
		const char *v = sl_spec_allowed_value(sp, ty, i);
		sl_buf_printf(md, "%s`%s`", i ? ", " : "", v ? v : "?");
	}
	if (ty->n > MAX_LISTED)
		sl_buf_printf(md, " and %u more", ty->n - MAX_LISTED);
	sl_buf_putc(md, '\n');
}

/* Whether name (n bytes) is one of the comma-joined names of group g. */
static bool in_group(const char *g, const char *name, size_t n)
{
	while (*g) {
		size_t l = strcspn(g, ",");
		if (l == n && memcmp(g, name, n) == 0)
			return true;
		g += l + (g[l] == ',');
	}
	return false;
}

/* The relations of shape s that name property `name`. */
static void put_relations(struct sl_buf *md, const struct sl_spec *sp, uint32_t s, const char *name, size_t n)
{
	uint32_t first = 0, count = sl_spec_shape_relations(sp, s, &first);
	for (uint32_t r = first; r < first + count; r++) {
		const struct sl_spec_relation *rel = sl_spec_relation(sp, r);
		if (!rel)
			continue;
		const char *key = rel->key ? sl_spec_str(sp, rel->key) : "";
		bool is_key = strlen(key) == n && memcmp(key, name, n) == 0, member = false;
		for (uint32_t g = 0; g < rel->ngroups && !member; g++)
			member = in_group(sl_spec_relation_group(sp, rel, g), name, n);
		const char *what = NULL;
		if (rel->kind == SL_SPEC_REL_REQUIRES && is_key)
			what = "Requires";
		else if (rel->kind == SL_SPEC_REL_EXCLUDES && is_key)
			what = "Cannot be used with";
		else if (rel->kind == SL_SPEC_REL_ONE_OF && member)
			what = "Exactly one of";
		else if (rel->kind == SL_SPEC_REL_ANY_OF && member)
			what = "At least one of";
		if (!what)
			continue;
		sl_buf_printf(md, "- %s: ", what);
		for (uint32_t g = 0; g < rel->ngroups; g++)
			sl_buf_printf(md, "%s`%s`", g ? ", " : "", sl_spec_relation_group(sp, rel, g));
		sl_buf_putc(md, '\n');
	}
}

static void hover_property(struct sl_buf *md, const struct sl_spec *sp, uint32_t s, const struct sl_spec_prop *p)
{
	const char *name = sl_spec_str(sp, p->name), *owner = sl_spec_shape_name(sp, s);
	sl_buf_printf(md, "**%s** — property of `%s`\n\n", name, owner ? owner : "?");
	sl_buf_puts(md, "- Type: ");
	put_type(md, sp, p->type, 0);
	sl_buf_printf(md, "\n- Required: %s\n", p->flags & SL_SPEC_REQUIRED ? "yes" : "no");
	if (p->flags & SL_SPEC_DEPRECATED)
		sl_buf_puts(md, "- Deprecated\n");
	put_allowed(md, sp, p->type);
	put_constraint(md, sp, sl_spec_constraint(sp, p->constraint), "");
	put_relations(md, sp, s, name, strlen(name));
	/* a nested type's own properties, as a resource type lists its own */
	const struct sl_spec_type *ty = sl_spec_type(sp, p->type);
	while (ty && (ty->kind == SL_SPEC_LIST || ty->kind == SL_SPEC_MAP))
		ty = sl_spec_type(sp, ty->arg);
	if (ty && ty->kind == SL_SPEC_SHAPE) {
		uint32_t np = sl_spec_shape_nprops(sp, ty->arg);
		sl_buf_printf(md, "- Its properties (%u): ", np);
		for (uint32_t i = 0; i < np && i < MAX_LISTED; i++)
			sl_buf_printf(md, "%s`%s`%s", i ? ", " : "", sl_spec_str(sp, sl_spec_shape_prop(sp, ty->arg, i)->name),
				      sl_spec_shape_prop(sp, ty->arg, i)->flags & SL_SPEC_REQUIRED ? " (required)" : "");
		if (np > MAX_LISTED)
			sl_buf_printf(md, " and %u more", np - MAX_LISTED);
		sl_buf_putc(md, '\n');
	}
	if (owner)
		put_doc_link(md, owner);
}

static void hover_type(struct sl_buf *md, const struct sl_spec *sp, uint32_t r)
{
	const char *name = sl_spec_resource_name(sp, r);
	uint32_t s = sl_spec_resource_shape(sp, r), f = sl_spec_resource_flags(sp, r);
	uint32_t np = sl_spec_shape_nprops(sp, s), na = sl_spec_resource_nattrs(sp, r);
	sl_buf_printf(md, "**%s** — resource type%s\n\n", name,
		      f & SL_SPEC_SAM ? " of AWS SAM (needs `Transform: AWS::Serverless-2016-10-31`)" : "");
	sl_buf_puts(md, "- Required properties: ");
	uint32_t nreq = 0;
	for (uint32_t i = 0; i < np; i++) {
		const struct sl_spec_prop *p = sl_spec_shape_prop(sp, s, i);
		if (p->flags & SL_SPEC_REQUIRED)
			sl_buf_printf(md, "%s`%s`", nreq++ ? ", " : "", sl_spec_str(sp, p->name));
	}
	sl_buf_puts(md, nreq ? "\n" : "none\n");
	sl_buf_printf(md, "- Properties (%u): %s", np, np ? "" : "none");
	for (uint32_t i = 0; i < np && i < MAX_LISTED; i++)
		sl_buf_printf(md, "%s`%s`", i ? ", " : "", sl_spec_str(sp, sl_spec_shape_prop(sp, s, i)->name));
	if (np > MAX_LISTED)
		sl_buf_printf(md, " and %u more", np - MAX_LISTED);
	sl_buf_putc(md, '\n');
	if (na) {
		sl_buf_printf(md, "- Fn::GetAtt attributes (%u): ", na);
		for (uint32_t i = 0; i < na && i < MAX_LISTED; i++)
			sl_buf_printf(md, "%s`%s`", i ? ", " : "", sl_spec_resource_attr_name(sp, r, i));
		if (na > MAX_LISTED)
			sl_buf_printf(md, " and %u more", na - MAX_LISTED);
		sl_buf_putc(md, '\n');
	} else if (f & SL_SPEC_ANY_ATTR) {
		sl_buf_puts(md, "- Fn::GetAtt attributes: any (`Outputs.Name`)\n");
	}
	const char *pid = sl_spec_resource_primary_id(sp, r);
	if (pid && *pid)
		sl_buf_printf(md, "- Primary identifier: `%s`\n", pid);
	if (f & SL_SPEC_STATEFUL)
		sl_buf_puts(md, "- Holds data (stateful): consider DeletionPolicy and UpdateReplacePolicy\n");
	if (f & SL_SPEC_TAGGABLE)
		sl_buf_puts(md, "- Taggable\n");
	put_doc_link(md, name);
}

bool sl_lsp_hover_spec(struct sl_buf *md, const struct sl_options *o, const char *text, size_t len,
		       size_t off)
{
	const struct sl_spec *sp = o && o->spec ? o->spec : sl_spec_builtin();
	struct outline ol;
	size_t before = md->len;
	if (!text || !outline_build(&ol, text, len, off) || ol.mode == CTX_NONE || ol.off < ol.ts ||
	    ol.off > ol.te || ol.ts == ol.te) {
		if (text)
			outline_free(&ol);
		return false;
	}
	if (at_resource_type(&ol)) {
		uint32_t r = sl_spec_resource(sp, text + ol.ts, ol.te - ol.ts);
		if (r != NONE)
			hover_type(md, sp, r);
	} else if (ol.mode == CTX_KEY) {
		uint32_t res, s = mapping_shape(&ol, sp, ol.owner, &res);
		const struct sl_spec_prop *p = s == NONE ? NULL : sl_spec_prop_find(sp, s, text + ol.ts, ol.te - ol.ts);
		if (p) {
			hover_property(md, sp, s, p);
		} else if (s == NONE && is_tag(&ol, sp, ol.owner)) {
			for (int k = 0; k < 2; k++)
				if (ol.te - ol.ts == strlen(tag_keys[k]) && memcmp(text + ol.ts, tag_keys[k], ol.te - ol.ts) == 0)
					sl_buf_printf(md, "**%s** — of a Tag\n\n- Type: String\n- Required: yes\n", tag_keys[k]);
		}
	}
	outline_free(&ol);
	return md->len > before;
}

/* --- completion ---------------------------------------------------------------- */

/* LSP completion item kinds */
enum { K_FIELD = 5, K_VARIABLE = 6, K_CLASS = 7, K_MODULE = 9, K_PROPERTY = 10, K_REFERENCE = 18,
       K_CONSTANT = 21 };

struct comp {
	struct sl_jw *w;
	const char *t;
	size_t len;
	size_t rs, re;     /* the text the items replace */
	enum sl_column_unit unit; /* what the client's columns count */
	unsigned line;     /* its LSP line, and the columns of rs and re */
	unsigned c0, c1;
	const char *prefix; /* what is typed of the name so far */
	size_t np;
	const char *lead;   /* put before every inserted name ("" or " ") */
	const char *trail;  /* put after it */
};

/* The columns bytes a..b of t count in the client's unit (the position
 * encoding the server agreed on: sl_options.column_unit). */
static unsigned units(enum sl_column_unit unit, const char *t, size_t a, size_t b)
{
	if (unit == SL_COLUMN_BYTE)
		return (unsigned)(b - a);
	unsigned u = 0;
	for (size_t i = a; i < b;) {
		unsigned char c = (unsigned char)t[i];
		size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		u += k == 4 && unit == SL_COLUMN_UTF16 ? 2 : 1;
		i += k;
	}
	return u;
}

/* Replacing rs..re (one line): its LSP line and columns. */
static void comp_range(struct comp *c, size_t rs, size_t re)
{
	c->rs = rs;
	c->re = re;
	unsigned line = 0;
	size_t ls = 0;
	for (size_t i = 0; i < rs; i++)
		if (c->t[i] == '\n' || (c->t[i] == '\r' && (i + 1 >= c->len || c->t[i + 1] != '\n'))) {
			line++;
			ls = i + 1;
		}
	c->line = line;
	c->c0 = units(c->unit, c->t, ls, rs);
	c->c1 = c->c0 + units(c->unit, c->t, rs, re);
	c->prefix = c->t + rs;
	c->np = re - rs;
}

static bool fits(const struct comp *c, const char *name, size_t n)
{
	return n >= c->np && strncasecmp(name, c->prefix, c->np) == 0;
}

static void put_pos(struct sl_jw *w, unsigned line, unsigned col)
{
	sl_jw_begin_object(w);
	sl_jw_key(w, "line");
	sl_jw_int(w, line);
	sl_jw_key(w, "character");
	sl_jw_int(w, col);
	sl_jw_end_object(w);
}

/* One CompletionItem: label (n bytes), kind, detail, sortText, and a
 * textEdit that replaces what was typed. */
static void item(struct comp *c, const char *label, size_t n, int kind, const char *detail, const char *sort)
{
	struct sl_jw *w = c->w;
	sl_jw_begin_object(w);
	sl_jw_key(w, "label");
	sl_jw_string_n(w, label, n);
	sl_jw_key(w, "kind");
	sl_jw_int(w, kind);
	if (detail) {
		sl_jw_key(w, "detail");
		sl_jw_string(w, detail);
	}
	if (sort) {
		sl_jw_key(w, "sortText");
		sl_jw_string(w, sort);
	}
	sl_jw_key(w, "filterText");
	sl_jw_string_n(w, label, n);
	struct sl_buf nt = SL_BUF_INIT;
	sl_buf_puts(&nt, c->lead);
	sl_buf_put(&nt, label, n);
	sl_buf_puts(&nt, c->trail);
	if (nt.len != n) {
		sl_jw_key(w, "insertText");
		sl_jw_string_n(w, nt.data, nt.len);
	}
	sl_jw_key(w, "textEdit");
	sl_jw_begin_object(w);
	sl_jw_key(w, "range");
	sl_jw_begin_object(w);
	sl_jw_key(w, "start");
	put_pos(w, c->line, c->c0);
	sl_jw_key(w, "end");
	put_pos(w, c->line, c->c1);
	sl_jw_end_object(w);
	sl_jw_key(w, "newText");
	sl_jw_string_n(w, nt.data ? nt.data : "", nt.len);
	sl_jw_end_object(w);
	sl_jw_end_object(w);
	sl_buf_free(&nt);
}

struct named {
	const char *name;
	uint32_t id;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name, ((const struct named *)b)->name);
}

/* Resource type names that start with the prefix, sorted. Past MAX_TYPES of
 * them, and while the prefix does not reach past the service's part, one item
 * per service instead ("AWS::Lambda::"), so that the list stays short and
 * the ':' typed next asks again. */
static void complete_types(struct comp *c, const struct sl_spec *sp)
{
	uint32_t n = sl_spec_nresources(sp), m = 0;
	struct named *ids = malloc((n ? n : 1) * sizeof(*ids));
	if (!ids)
		return;
	for (uint32_t r = 0; r < n; r++) {
		const char *name = sl_spec_resource_name(sp, r);
		if (name && fits(c, name, strlen(name)))
			ids[m++] = (struct named){ name, r };
	}
	qsort(ids, m, sizeof(*ids), by_name);
	const char *last = NULL;
	size_t last_len = 0;
	for (uint32_t i = 0; i < m; i++) {
		const char *name = ids[i].name;
		/* the service's part: up to the second "::", inclusive */
		const char *s1 = strstr(name, "::"), *s2 = s1 ? strstr(s1 + 2, "::") : NULL;
		size_t l = s2 ? (size_t)(s2 - name) + 2 : 0;
		if (m > MAX_TYPES && l > c->np) {
			if (last && l == last_len && memcmp(last, name, l) == 0)
				continue;
			last = name;
			last_len = l;
			item(c, name, l, K_MODULE, "resource types", NULL);
		} else {
			item(c, name, strlen(name), K_CLASS,
			     sl_spec_resource_flags(sp, ids[i].id) & SL_SPEC_SAM ? "AWS SAM resource type" : "resource type",
			     NULL);
		}
	}
	free(ids);
}

/* Property names of shape s that are not keys of entry owner already,
 * required ones first. */
static void complete_props(struct comp *c, const struct outline *o, const struct sl_spec *sp, uint32_t s,
			   uint32_t owner)
{
	uint32_t np = sl_spec_shape_nprops(sp, s);
	bool *have = calloc(np ? np : 1, 1);
	if (!have)
		return;
	const struct sl_spec_prop *base = sl_spec_shape_prop(sp, s, 0);
	size_t i = owner == NONE ? 0 : owner + 1, end = owner == NONE ? o->n : o->e[owner].end;
	while (i < end) {
		const struct ent *x = &o->e[i];
		bool typing = o->off >= x->ks && o->off <= x->ke;
		if (x->parent == owner && x->kind == ENT_KEY && !typing) {
			const struct sl_spec_prop *p = sl_spec_prop_find(sp, s, o->t + x->ks, x->ke - x->ks);
			if (p && base)
				have[p - base] = true;
		}
		i = x->end > i ? x->end : i + 1;
	}
	for (uint32_t k = 0; k < np; k++) {
		const struct sl_spec_prop *p = sl_spec_shape_prop(sp, s, k);
		const char *name = sl_spec_str(sp, p->name);
		size_t nl = strlen(name);
		if (have[k] || !fits(c, name, nl))
			continue;
		struct sl_buf d = SL_BUF_INIT, sort = SL_BUF_INIT;
		put_type(&d, sp, p->type, 0);
		bool req = p->flags & SL_SPEC_REQUIRED;
		if (req)
			sl_buf_puts(&d, " (required)");
		if (p->flags & SL_SPEC_DEPRECATED)
			sl_buf_puts(&d, " (deprecated)");
		sl_buf_printf(&sort, "%d%s", req ? 0 : 1, name);
		item(c, name, nl, K_PROPERTY, sl_buf_cstr(&d), sl_buf_cstr(&sort));
		sl_buf_free(&d);
		sl_buf_free(&sort);
	}
	free(have);
}

/* The logical IDs under top-level section sec (except entry skip), with the
 * resources' types as detail. */
static void complete_ids(struct comp *c, const struct outline *o, const char *sec, uint32_t skip, int kind)
{
	uint32_t s = child(o, NONE, sec);
	if (s == NONE)
		return;
	bool resources = strcmp(sec, "Resources") == 0;
	for (size_t i = s + 1; i < o->e[s].end;) {
		const struct ent *x = &o->e[i];
		if (x->parent == s && x->kind == ENT_KEY && i != skip && x->ke > x->ks &&
		    fits(c, o->t + x->ks, x->ke - x->ks)) {
			/* a resource's type; "parameter (String)" */
			char detail[160];
			uint32_t ty = child(o, (uint32_t)i, "Type");
			int tl = ty != NONE ? (int)(o->e[ty].ve - o->e[ty].vs) : 0;
			const char *tt = ty != NONE ? o->t + o->e[ty].vs : "";
			if (resources)
				snprintf(detail, sizeof(detail), "%.*s", tl ? tl : 8, tl ? tt : "resource");
			else if (tl)
				snprintf(detail, sizeof(detail), "parameter (%.*s)", tl, tt);
			else
				snprintf(detail, sizeof(detail), "parameter");
			item(c, o->t + x->ks, x->ke - x->ks, kind, detail, NULL);
		}
		i = x->end > i ? x->end : i + 1;
	}
}

/* The attributes of the resource called by the n bytes at id. */
static void complete_attrs(struct comp *c, const struct outline *o, const struct sl_spec *sp, const char *id,
			   size_t n)
{
	uint32_t r = resource_type(o, sp, child_n(o, child(o, NONE, "Resources"), id, n));
	uint32_t na = r == NONE ? 0 : sl_spec_resource_nattrs(sp, r);
	for (uint32_t i = 0; i < na; i++) {
		const char *a = sl_spec_resource_attr_name(sp, r, i);
		if (!fits(c, a, strlen(a)))
			continue;
		struct sl_buf d = SL_BUF_INIT;
		uint32_t ty = sl_spec_attr_find(sp, r, a, strlen(a));
		if (ty != NONE)
			put_type(&d, sp, ty, 0);
		item(c, a, strlen(a), K_FIELD, d.len ? sl_buf_cstr(&d) : NULL, NULL);
		sl_buf_free(&d);
	}
}

static bool namech(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == ':' ||
	       c == '.' || c == '-';
}

static bool wordch(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == ':';
}

/* p moved back over spaces and tabs (and line breaks when lines). */
static size_t back_blank(const char *t, size_t p, bool lines)
{
	while (p > 0 && (blank(t[p - 1]) || (lines && (t[p - 1] == '\n' || t[p - 1] == '\r'))))
		p--;
	return p;
}

/* Whether the text ending at p is word w, not the end of a longer name. */
static bool ends_word(const char *t, size_t p, const char *w)
{
	size_t n = strlen(w);
	return p >= n && memcmp(t + p - n, w, n) == 0 && (p == n || !wordch(t[p - n - 1]) || w[0] == '!');
}

enum fn { FN_NONE = 0, FN_REF, FN_GETATT };

/* Which function takes the argument that starts at p: "!Ref", "!GetAtt", or
 * a key "Ref" / "Fn::GetAtt" (quoted or not) and its colon before it. */
static enum fn fn_before(const char *t, size_t p)
{
	p = back_blank(t, p, false);
	if (ends_word(t, p, "!Ref"))
		return FN_REF;
	if (ends_word(t, p, "!GetAtt"))
		return FN_GETATT;
	if (p == 0 || t[p - 1] != ':')
		return FN_NONE;
	p = back_blank(t, p - 1, false);
	if (p > 0 && (t[p - 1] == '"' || t[p - 1] == '\''))
		p--;
	if (ends_word(t, p, "Ref"))
		return FN_REF;
	if (ends_word(t, p, "Fn::GetAtt"))
		return FN_GETATT;
	return FN_NONE;
}

/* The function call whose argument the name at ps..off is: Ref or GetAtt,
 * with *arg 0 for its whole argument (a scalar: "X" or "X.Attr"), 1 for the
 * first item of its list, 2 for the second (then xs..xe is the first). */
static enum fn call_at(const char *t, size_t ps, int *arg, size_t *xs, size_t *xe)
{
	size_t q = ps > 0 && (t[ps - 1] == '"' || t[ps - 1] == '\'') ? ps - 1 : ps;
	enum fn f = fn_before(t, q);
	if (f) {
		*arg = 0;
		return f;
	}
	size_t p = back_blank(t, q, true);
	if (p == 0)
		return FN_NONE;
	char sep = t[p - 1];
	bool dash = sep == '-' && (p == 1 || blank(t[p - 2]) || t[p - 2] == '\n' || t[p - 2] == '\r');
	if (sep == '[' || dash) {
		/* the first item: "[" or the first "- " after the call */
		size_t at = dash ? back_blank(t, p - 1, true) : p - 1;
		f = fn_before(t, at);
		if (f == FN_GETATT) {
			*arg = 1;
			return f;
		}
		if (!dash)
			return FN_NONE;
	}
	if (sep != ',' && !dash)
		return FN_NONE;
	/* the second item: a name, then "[" or "- " before it */
	p = back_blank(t, p - 1, true);
	if (p > 0 && (t[p - 1] == '"' || t[p - 1] == '\''))
		p--;
	size_t e = p;
	while (p > 0 && namech(t[p - 1]))
		p--;
	if (p == e)
		return FN_NONE;
	*xs = p;
	*xe = e;
	if (p > 0 && (t[p - 1] == '"' || t[p - 1] == '\''))
		p--;
	p = back_blank(t, p, sep == ',');
	if (p == 0)
		return FN_NONE;
	if (sep == ',' && t[p - 1] == '[')
		f = fn_before(t, p - 1);
	else if (dash && t[p - 1] == '-')
		f = fn_before(t, back_blank(t, p - 1, true));
	if (f != FN_GETATT)
		return FN_NONE;
	*arg = 2;
	return f;
}

void sl_lsp_complete(struct sl_jw *w, const struct sl_options *o, const char *text, size_t len,
		     size_t off)
{
	const struct sl_spec *sp = o && o->spec ? o->spec : sl_spec_builtin();
	if (!text)
		return;
	struct outline ol;
	if (!outline_build(&ol, text, len, off)) {
		outline_free(&ol);
		return;
	}
	off = ol.off;
	struct comp c = { .w = w, .t = text, .len = len, .lead = "", .trail = "",
			  .unit = o ? o->column_unit : SL_COLUMN_UTF16 };
	/* the name typed so far */
	size_t ps = off;
	while (ps > 0 && namech(text[ps - 1]))
		ps--;
	if (ol.mode != CTX_NONE && ol.ts <= off && ps < ol.ts)
		ps = ol.ts; /* not back over "Type:" */
	int arg = 0;
	size_t xs = 0, xe = 0;
	enum fn f = ol.mode == CTX_KEY && !ol.json ? FN_NONE : call_at(text, ps, &arg, &xs, &xe);
	uint32_t self = enclosing_resource(&ol, ol.owner);
	if (f == FN_REF) {
		comp_range(&c, ps, off);
		complete_ids(&c, &ol, "Parameters", NONE, K_VARIABLE);
		complete_ids(&c, &ol, "Resources", self, K_REFERENCE);
		for (const char *const *p = sl_pseudo_params; *p; p++)
			if (fits(&c, *p, strlen(*p)))
				item(&c, *p, strlen(*p), K_CONSTANT, "pseudo parameter", NULL);
	} else if (f == FN_GETATT && arg == 2) {
		comp_range(&c, ps, off);
		complete_attrs(&c, &ol, sp, text + xs, xe - xs);
	} else if (f == FN_GETATT) {
		const char *dot = arg == 0 ? memchr(text + ps, '.', off - ps) : NULL;
		if (dot) {
			comp_range(&c, (size_t)(dot - text) + 1, off);
			complete_attrs(&c, &ol, sp, text + ps, (size_t)(dot - text) - ps);
		} else {
			comp_range(&c, ps, off);
			complete_ids(&c, &ol, "Resources", self, K_REFERENCE);
		}
	} else if (at_resource_type(&ol)) {
		comp_range(&c, ps, off);
		if (!ol.json && ps > 0 && text[ps - 1] == ':')
			c.lead = " "; /* right after "Type:" */
		complete_types(&c, sp);
	} else if (ol.mode == CTX_KEY || (ol.mode == CTX_ITEM && !ol.json)) {
		uint32_t res, s = mapping_shape(&ol, sp, ol.owner, &res);
		/* YAML: "Name: " unless a colon follows already */
		size_t e = off;
		while (e < len && text[e] != '\n' && text[e] != '\r' && text[e] != ':')
			e++;
		if (!ol.json && (e >= len || text[e] != ':'))
			c.trail = ": ";
		comp_range(&c, ps, off);
		if (s != NONE) {
			complete_props(&c, &ol, sp, s, ol.owner);
		} else if (is_tag(&ol, sp, ol.owner)) {
			for (int k = 0; k < 2; k++) {
				uint32_t have = child(&ol, ol.owner, tag_keys[k]);
				if ((have == NONE || (off >= ol.e[have].ks && off <= ol.e[have].ke)) &&
				    fits(&c, tag_keys[k], strlen(tag_keys[k])))
					item(&c, tag_keys[k], strlen(tag_keys[k]), K_PROPERTY, "String (required)", NULL);
			}
		}
	}
	outline_free(&ol);
}
