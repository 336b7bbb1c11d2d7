/* Inline suppression comments: see suppress.h. */
#include "engine/suppress.h"

#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "load/node.h"

/* More directives than this in one file are not read (one W99000 says so):
 * what a file makes stacklint do stays bounded. */
#define MAX_DIRECTIVES 4096

enum dkind {
	D_LINE,  /* disable= after code, disable-line=: this line */
	D_NEXT,  /* disable-next-line=: the next line */
	D_BLOCK, /* disable= on a line of its own: up to the enable= */
	D_ENABLE,
	D_FILE,  /* disable-file=: the whole file */
	D_BAD,   /* cannot be read: `bad` says why */
};

struct pat {
	const char *s;
	uint32_t len;
	uint32_t off; /* in the document's text */
	bool used;
};

struct dir {
	enum dkind kind;
	uint32_t from, to; /* the lines it covers, inclusive */
	uint32_t off, end; /* the directive's text (from '#') */
	struct pat *pats;
	size_t n;
	const char *bad;
};

struct sl_supp {
	const struct sl_doc *doc;
	struct dir *d;
	size_t n;
	struct lk {
		uint32_t from, idx;
	} *lines; /* D_LINE and D_NEXT, sorted by line (then by position) */
	size_t n_lines;
	size_t *wide; /* D_BLOCK and D_FILE */
	size_t n_wide;
};

struct span {
	uint32_t start, end;
};

struct spans {
	struct span *v;
	size_t n, cap;
	bool oom;
};

static void collect(struct spans *s, const struct sl_node *n)
{
	if (!n || s->oom)
		return;
	if (n->kind == SL_SCALAR) {
		if (n->flags & SL_NODE_SYNTH)
			return;
		if (s->n == s->cap) {
			size_t cap = s->cap ? s->cap * 2 : 256;
			struct span *p = realloc(s->v, cap * sizeof(*p));
			if (!p) {
				s->oom = true;
				return;
			}
			s->v = p;
			s->cap = cap;
		}
		s->v[s->n++] = (struct span){ n->start, n->end };
		return;
	}
	for (size_t i = 0; i < n->len; i++) {
		if (n->kind == SL_MAP) {
			collect(s, n->pairs[i].key);
			collect(s, n->pairs[i].value);
		} else {
			collect(s, n->items[i]);
		}
	}
}

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* True when offset `off` lies inside a scalar (spans sorted by start; a
 * scalar's span never contains another's). */
static bool in_scalar(const struct spans *s, uint32_t off)
{
	size_t lo = 0, hi = s->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->v[mid].start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && off < s->v[lo - 1].end;
}

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* "E3012", "W", "I99" */
static bool id_pattern(const char *p, size_t l)
{
	if (l < 1 || l > 6 || (p[0] != 'E' && p[0] != 'W' && p[0] != 'I'))
		return false;
	for (size_t i = 1; i < l; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/* Reads the directive after "stacklint:" at text[at..eol) into *d. */
static void parse(struct sl_arena *a, const char *text, size_t at, size_t eol, bool own_line,
		  uint32_t line, struct dir *d)
{
	size_t i = at;
	while (i < eol && blank(text[i]))
		i++;
	size_t kw = i;
	while (i < eol && ((text[i] >= 'a' && text[i] <= 'z') || text[i] == '-'))
		i++;
	size_t kl = i - kw;
#define KW(s) (kl == sizeof(s) - 1 && memcmp(text + kw, s, kl) == 0)
	if (KW("disable"))
		d->kind = own_line ? D_BLOCK : D_LINE;
	else if (KW("disable-line"))
		d->kind = D_LINE;
	else if (KW("disable-next-line"))
		d->kind = D_NEXT;
	else if (KW("enable"))
		d->kind = D_ENABLE;
	else if (KW("disable-file"))
		d->kind = D_FILE;
	else {
		d->kind = D_BAD;
		d->bad = "is not a directive stacklint knows: write disable=, disable-line=, "
			 "disable-next-line=, enable= or disable-file=, then rule IDs or prefixes";
		return;
	}
#undef KW
	if (i >= eol || text[i] != '=') {
		d->kind = D_BAD;
		d->bad = "names no rule: write the rule IDs or prefixes after '=', such as "
			 "disable=E3012,W3";
		return;
	}
	i++;
	/* IDs separated by commas (a space may follow a comma) */
	size_t cap = 1;
	for (size_t j = i; j < eol && !blank(text[j]); j++)
		cap += text[j] == ',';
	d->pats = sl_arena_alloc(a, cap * sizeof(*d->pats));
	if (!d->pats) {
		d->kind = D_BAD;
		d->bad = "could not be read (out of memory)";
		return;
	}
	for (;;) {
		size_t s = i;
		while (i < eol && text[i] != ',' && !blank(text[i]))
			i++;
		if (!id_pattern(text + s, i - s)) {
			d->kind = D_BAD;
			d->bad = i == s ? "names no rule: write the rule IDs or prefixes after '=', such as "
					  "disable=E3012,W3"
					: "holds something that is not a rule ID or prefix (a letter E, W "
					  "or I and digits, such as E3012 or W3)";
			return;
		}
		if (d->n < cap)
			d->pats[d->n++] = (struct pat){ text + s, (uint32_t)(i - s), (uint32_t)s, false };
		if (i < eol && text[i] == ',') {
			i++;
			while (i < eol && blank(text[i]))
				i++;
			continue;
		}
		break;
	}
	while (i < eol && blank(text[i]))
		i++;
	if (i < eol && !(i + 1 < eol && text[i] == '-' && text[i + 1] == '-')) {
		d->kind = D_BAD;
		d->bad = "has text after its rule IDs: separate a reason with ' -- '";
		return;
	}
	if (d->kind == D_LINE)
		d->from = d->to = line;
	else if (d->kind == D_NEXT)
		d->from = d->to = line + 1;
	else if (d->kind == D_BLOCK)
		d->from = line + 1, d->to = UINT32_MAX;
	else if (d->kind == D_FILE)
		d->from = 0, d->to = UINT32_MAX;
}

static bool shares_pattern(const struct dir *a, const struct dir *b)
{
	for (size_t i = 0; i < a->n; i++)
		for (size_t j = 0; j < b->n; j++)
			if (a->pats[i].len == b->pats[j].len && memcmp(a->pats[i].s, b->pats[j].s, a->pats[i].len) == 0)
				return true;
	return false;
}

static int cmp_line(const void *a, const void *b)
{
	const struct lk *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

int sl_supp_scan(struct sl_supp **out, struct sl_arena *a, const struct sl_doc *doc)
{
	*out = NULL;
	const char *text = doc->src;
	size_t len = doc->len;
	static const char key[] = "stacklint:";
	if (doc->json || !doc->root || !text || !memmem(text, len, key, sizeof(key) - 1))
		return 0;
	struct spans sp = { 0 };
	collect(&sp, doc->root);
	if (sp.oom) {
		free(sp.v);
		return -1;
	}
	if (sp.n)
		qsort(sp.v, sp.n, sizeof(*sp.v), cmp_span);
	struct sl_supp *s = sl_arena_alloc(a, sizeof(*s));
	if (!s) {
		free(sp.v);
		return -1;
	}
	memset(s, 0, sizeof(*s));
	s->doc = doc;
	size_t cap = 0;
	const char *p = text, *end = text + len;
	while ((p = memmem(p, (size_t)(end - p), key, sizeof(key) - 1)) != NULL) {
		size_t at = (size_t)(p - text);
		p += sizeof(key) - 1;
		/* '#', blanks, then the key */
		size_t h = at;
		while (h > 0 && blank(text[h - 1]))
			h--;
		if (h == 0 || text[h - 1] != '#')
			continue;
		h--;
		size_t ls = h;
		while (ls > 0 && text[ls - 1] != '\n' && text[ls - 1] != '\r')
			ls--;
		if ((h > ls && !blank(text[h - 1])) || in_scalar(&sp, (uint32_t)h))
			continue;
		bool own_line = true;
		for (size_t k = ls; k < h; k++)
			own_line = own_line && blank(text[k]);
		size_t eol = at;
		while (eol < len && text[eol] != '\n' && text[eol] != '\r')
			eol++;
		if (s->n == cap) {
			if (cap >= MAX_DIRECTIVES) {
				s->d[s->n - 1].kind = D_BAD;
				s->d[s->n - 1].bad = "is one too many: stacklint reads at most 4096 "
						     "suppression comments in a file";
				break;
			}
			size_t nc = cap ? cap * 2 : 8;
			struct dir *nd = sl_arena_alloc(a, nc * sizeof(*nd));
			if (!nd) {
				free(sp.v);
				return -1;
			}
			if (s->n)
				memcpy(nd, s->d, s->n * sizeof(*nd));
			s->d = nd;
			cap = nc;
		}
		struct dir *d = &s->d[s->n++];
		memset(d, 0, sizeof(*d));
		d->off = (uint32_t)h;
		d->end = (uint32_t)eol;
		uint32_t line = sl_doc_pos(doc, h).line;
		parse(a, text, at + sizeof(key) - 1, eol, own_line, line, d);
		p = text + eol;
	}
	free(sp.v);
	if (!s->n)
		return 0;
	/* close each disable= block at the first later enable= that names one of
	 * its rules (the enable's line is not covered) */
	for (size_t i = 0; i < s->n; i++) {
		if (s->d[i].kind != D_ENABLE)
			continue;
		uint32_t line = sl_doc_pos(doc, s->d[i].off).line;
		for (size_t j = 0; j < i; j++)
			if (s->d[j].kind == D_BLOCK && s->d[j].to == UINT32_MAX && shares_pattern(&s->d[j], &s->d[i])) {
				s->d[j].to = line - 1;
				for (size_t k = 0; k < s->d[i].n; k++)
					s->d[i].pats[k].used = true; /* it ended a block */
			}
	}
	s->lines = sl_arena_alloc(a, s->n * sizeof(*s->lines));
	s->wide = sl_arena_alloc(a, s->n * sizeof(size_t));
	if (!s->lines || !s->wide)
		return -1;
	for (size_t i = 0; i < s->n; i++) {
		if (s->d[i].kind == D_LINE || s->d[i].kind == D_NEXT)
			s->lines[s->n_lines++] = (struct lk){ s->d[i].from, (uint32_t)i };
		else if (s->d[i].kind == D_BLOCK || s->d[i].kind == D_FILE)
			s->wide[s->n_wide++] = i;
	}
	if (s->n_lines > 1)
		qsort(s->lines, s->n_lines, sizeof(*s->lines), cmp_line);
	*out = s;
	return 0;
}

static bool take(struct dir *d, const char *id)
{
	bool hit = false;
	for (size_t i = 0; i < d->n; i++)
		if (strncmp(id, d->pats[i].s, d->pats[i].len) == 0)
			hit = d->pats[i].used = true;
	return hit;
}

bool sl_supp_hit(struct sl_supp *s, const char *id, uint32_t line)
{
	if (!s)
		return false;
	bool hit = false;
	size_t lo = 0, hi = s->n_lines;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (s->lines[mid].from < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < s->n_lines && s->lines[i].from == line; i++)
		hit |= take(&s->d[s->lines[i].idx], id);
	for (size_t i = 0; i < s->n_wide; i++) {
		struct dir *d = &s->d[s->wide[i]];
		if (d->from <= line && line <= d->to)
			hit |= take(d, id);
	}
	return hit;
}

void sl_supp_report(struct sl_supp *s, struct sl_ctx *c, bool unused,
		    bool (*ran)(const char *pattern, void *arg), void *arg)
{
	if (!s)
		return;
	const struct sl_doc *doc = s->doc;
	for (size_t i = 0; i < s->n; i++) {
		struct dir *d = &s->d[i];
		if (d->kind == D_BAD) {
			sl_report_span(c, NULL, sl_doc_pos(doc, d->off), sl_doc_pos(doc, d->end),
				       "this suppression comment %s; it suppresses nothing", d->bad);
			continue;
		}
		for (size_t k = 0; unused && k < d->n; k++) {
			struct pat *p = &d->pats[k];
			char id[8];
			memcpy(id, p->s, p->len);
			id[p->len] = '\0';
			if (p->used || !ran(id, arg))
				continue;
			const char *where = d->kind == D_LINE ? "on its line"
					    : d->kind == D_NEXT ? "on the next line"
					    : d->kind == D_BLOCK ? "in its block"
					    : d->kind == D_FILE ? "in this file" : NULL;
			struct sl_position ps = sl_doc_pos(doc, p->off), pe = sl_doc_pos(doc, p->off + p->len);
			if (where)
				sl_report_span(c, NULL, ps, pe,
					       "'%s' suppresses nothing: no %s finding %s; remove it "
					       "(--no-unused-suppressions stops this check)",
					       id, id, where);
			else
				sl_report_span(c, NULL, ps, pe,
					       "enable=%s ends no disable=%s block above it; remove it "
					       "(--no-unused-suppressions stops this check)",
					       id, id);
		}
	}
}
