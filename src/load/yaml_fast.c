/*
 * The fast YAML reader, in front of libyaml. Templates are written in a small
 * part of YAML: block mappings and sequences, one-line scalars and flow
 * collections, short-form tags, literal and folded block scalars. This reader
 * parses that part in one pass over the text and feeds the builder the events
 * libyaml would give (the builder owns positions, tags, duplicates, so only the
 * events must agree). Anything else -- anchors and aliases, scalars or flow
 * collections over several lines, explicit keys, directives, a second document,
 * tabs, a CR but in "\r\n", NEL/LS/PS, a stray BOM, anything libyaml would reject --
 * makes it give up: the loader drops what was built and runs libyaml from the
 * start, so every tree is libyaml's tree. test_backends holds the two to the
 * same tree, node by node, over the fixtures and the corpus, and fuzz_load
 * compares them on every input it makes.
 */
#include "load/yaml_fast.h"

#include <stdlib.h>
#include <string.h>

#include "load/builder.h"

#define NONE ((size_t)-1)

struct rd {
	struct sl_builder *b;
	const char *s;
	size_t len;
	bool quit;  /* gave up, or the builder stopped */
	char *buf;  /* decoded scalar text */
	size_t cap, n;
	/* the last next_content() answer: a collection that ends asks again from
	 * the same place, once for each level it closes */
	size_t memo_from, memo_to;
	bool at_start; /* a '---' line is the document's start, not a second one */
};

/* Gives up; every caller returns at once. */
static size_t give_up(struct rd *r)
{
	r->quit = true;
	return NONE;
}

/* A line break: '\n', or the '\r' of "\r\n" (the loader sends no other CR). */
static bool brk(char c)
{
	return c == '\n' || c == '\r';
}

/* The '\n' of the line break at p. */
static size_t lf(const struct rd *r, size_t p)
{
	return r->s[p] == '\r' ? p + 1 : p;
}

static bool eol(const struct rd *r, size_t p)
{
	return p >= r->len || brk(r->s[p]);
}

/* A space, a line end or the end of the text: what must follow '-', ':' and '#'. */
static bool blank_or_end(const struct rd *r, size_t p)
{
	return p >= r->len || r->s[p] == ' ' || brk(r->s[p]);
}

static size_t spaces(const struct rd *r, size_t p)
{
	while (p < r->len && r->s[p] == ' ')
		p++;
	return p;
}

static size_t line_start(const struct rd *r, size_t p)
{
	while (p > 0 && r->s[p - 1] != '\n')
		p--;
	return p;
}

/* From p, after a node: only spaces and a comment may follow on its line.
 * Returns the line end, or NONE. */
static size_t rest_of_line(struct rd *r, size_t p)
{
	size_t q = spaces(r, p);
	if (q < r->len && r->s[q] == '#') {
		if (q == p && q > 0 && r->s[q - 1] != ' ' && r->s[q - 1] != '\n')
			return give_up(r); /* '#' against a token: libyaml's own reading */
		const char *nl = memchr(r->s + q, '\n', r->len - q);
		return nl ? (size_t)(nl - r->s) : r->len;
	}
	return q >= r->len ? q : eol(r, q) ? lf(r, q) : give_up(r);
}

/* The first character of the next line that holds more than spaces and a
 * comment, from a line end p; r->len at the end of the text. A document
 * marker ('---', '...') gives up. */
static size_t next_content(struct rd *r, size_t p)
{
	if (p == r->memo_from)
		return r->memo_to;
	size_t from = p;
	while (p < r->len) {
		p++; /* past the '\n' */
		size_t q = spaces(r, p);
		if (q >= r->len)
			return (r->memo_from = from, r->memo_to = r->len);
		if (brk(r->s[q])) {
			p = lf(r, q); /* an empty line */
			continue;
		}
		if (r->s[q] == '#') {
			const char *nl = memchr(r->s + q, '\n', r->len - q);
			p = nl ? (size_t)(nl - r->s) : r->len;
			continue;
		}
		if (q == p && !r->at_start && q + 3 <= r->len && (memcmp(r->s + q, "---", 3) == 0 ||
						  memcmp(r->s + q, "...", 3) == 0) && blank_or_end(r, q + 3))
			return give_up(r);
		r->memo_from = from;
		r->memo_to = q;
		return q;
	}
	return (r->memo_from = from, r->memo_to = r->len);
}

static bool put(struct rd *r, const char *s, size_t n)
{
	if (n == 0)
		return true; /* r->buf may still be NULL */
	if (r->n + n > r->cap) {
		size_t cap = r->cap ? r->cap : 256;
		while (cap < r->n + n)
			cap *= 2;
		char *p = realloc(r->buf, cap);
		if (!p) {
			r->b->doc->oom = true;
			r->quit = true;
			return false;
		}
		r->buf = p;
		r->cap = cap;
	}
	memcpy(r->buf + r->n, s, n);
	r->n += n;
	return true;
}

static bool put_utf8(struct rd *r, unsigned long cp)
{
	char u[4];
	size_t n;
	if (cp < 0x80) {
		u[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (char)(0xF0 | cp >> 18);
		u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
		u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	return put(r, u, n);
}

/* The properties a node carries into its event: a short-form tag. */
struct props {
	size_t start; /* where the tag begins, or NONE */
	const char *tag;
	size_t tag_len;
};

static const struct props no_props = { NONE, NULL, 0 };

static bool scalar(struct rd *r, const struct props *pr, size_t start, size_t end, enum sl_style style,
		   const char *text, size_t len)
{
	struct sl_ev ev = { pr->start != NONE ? pr->start : start, end, pr->tag, pr->tag_len, NULL, 0, style };
	if (sl_builder_scalar(r->b, &ev, text ? text : "", len) < 0) { /* r->buf is NULL until used */
		r->quit = true;
		return false;
	}
	return true;
}

static bool begin(struct rd *r, const struct props *pr, enum sl_kind kind, size_t start, enum sl_style style)
{
	struct sl_ev ev = { pr->start != NONE ? pr->start : start, start, pr->tag, pr->tag_len, NULL, 0, style };
	if (sl_builder_begin(r->b, kind, &ev) < 0) {
		r->quit = true;
		return false;
	}
	return true;
}

static bool end(struct rd *r, size_t at)
{
	if (sl_builder_end(r->b, at) < 0) {
		r->quit = true;
		return false;
	}
	return true;
}

/* ---- scalars on one line ---- */

/* A quoted scalar from its opening quote p; returns the offset past the
 * closing quote, the decoded text in r->buf. One line only. */
static size_t quoted(struct rd *r, size_t p)
{
	char q = r->s[p];
	r->n = 0;
	size_t i = p + 1;
	for (;;) {
		size_t run = i;
		while (i < r->len && r->s[i] != q && !brk(r->s[i]) && !(q == '"' && r->s[i] == '\\'))
			i++;
		if (!put(r, r->s + run, i - run))
			return NONE;
		if (i >= r->len || brk(r->s[i]))
			return give_up(r);
		if (q == '\'') {
			if (i + 1 < r->len && r->s[i + 1] == '\'') {
				if (!put(r, "'", 1))
					return NONE;
				i += 2;
				continue;
			}
			return i + 1;
		}
		if (r->s[i] == '"')
			return i + 1;
		/* an escape */
		if (i + 1 >= r->len)
			return give_up(r);
		char e = r->s[i + 1], c;
		unsigned digits = 0;
		switch (e) {
		case '0': c = '\0'; break;
		case 'a': c = '\a'; break;
		case 'b': c = '\b'; break;
		case 't': c = '\t'; break;
		case 'n': c = '\n'; break;
		case 'v': c = '\v'; break;
		case 'f': c = '\f'; break;
		case 'r': c = '\r'; break;
		case 'e': c = '\x1b'; break;
		case ' ': c = ' '; break;
		case '"': c = '"'; break;
		case '/': c = '/'; break;
		case '\\': c = '\\'; break;
		case 'x': digits = 2; c = 0; break;
		case 'u': digits = 4; c = 0; break;
		case 'U': digits = 8; c = 0; break;
		default: return give_up(r); /* \N \_ \L \P, a line break, or an error */
		}
		if (!digits) {
			if (!put(r, &c, 1))
				return NONE;
			i += 2;
			continue;
		}
		unsigned long cp = 0;
		for (unsigned k = 0; k < digits; k++) {
			size_t at = i + 2 + k;
			char h = at < r->len ? r->s[at] : '\0';
			unsigned v;
			if (h >= '0' && h <= '9')
				v = (unsigned)(h - '0');
			else if (h >= 'a' && h <= 'f')
				v = (unsigned)(h - 'a' + 10);
			else if (h >= 'A' && h <= 'F')
				v = (unsigned)(h - 'A' + 10);
			else
				return give_up(r);
			cp = cp << 4 | v;
		}
		if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return give_up(r);
		if (!put_utf8(r, cp))
			return NONE;
		i += 2 + digits;
	}
}

static bool flow_indicator(char c)
{
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

/* Where a plain scalar starting at p may not start: an indicator. */
static bool plain_start_ok(const struct rd *r, size_t p, bool flow)
{
	if (p >= r->len)
		return false;
	char c = r->s[p];
	if (strchr("&*!|>'\"%@`#,[]{}", c) || brk(c))
		return false;
	if (c == '?' || c == ':') /* in flow, a key or value indicator whatever follows */
		return !flow && !blank_or_end(r, p + 1);
	return c != '-' || !blank_or_end(r, p + 1);
}

/* The end of a plain scalar from p on its line (trailing spaces left out):
 * it stops at ": ", at " #", at the line end, and in flow also at ,[]{}. */
static size_t plain_end(struct rd *r, size_t p, bool flow)
{
	size_t i = p, last = p;
	while (i < r->len) {
		char c = r->s[i];
		if (brk(c))
			break;
		if (c == ' ') {
			i++;
			if (i < r->len && r->s[i] == '#')
				break;
			continue;
		}
		if (c == ':') {
			if (blank_or_end(r, i + 1))
				break;
			if (flow && i + 1 < r->len && (flow_indicator(r->s[i + 1]) || r->s[i + 1] == '?'))
				return give_up(r);
		}
		if (flow && flow_indicator(c))
			break;
		i++;
		last = i;
	}
	return last;
}

/* A quoted or plain scalar at p, on this line: its end, *style, and its text
 * (*text, *len: decoded into r->buf, or the source's own). In a block, a ':'
 * after it would make it a key where none may be: libyaml's error. */
static size_t line_scalar(struct rd *r, size_t p, bool flow, enum sl_style *style, const char **text,
			  size_t *len)
{
	char c = r->s[p];
	size_t e;
	if (c == '"' || c == '\'') {
		e = quoted(r, p);
		*style = c == '"' ? SL_DOUBLE : SL_SINGLE;
		*text = r->buf;
		*len = r->n;
	} else {
		if (!plain_start_ok(r, p, flow))
			return give_up(r);
		e = plain_end(r, p, flow);
		*style = SL_PLAIN;
		*text = r->s + p;
		*len = e == NONE ? 0 : e - p;
	}
	if (e == NONE)
		return NONE;
	size_t after = spaces(r, e);
	if (!flow && after < r->len && r->s[after] == ':')
		return give_up(r); /* "a: b: c" */
	return e;
}

/* ---- nodes ---- */

static size_t block_node(struct rd *r, size_t p, size_t parent, const struct props *pr);
static size_t block_seq(struct rd *r, size_t p, size_t col, const struct props *pr, bool indentless);
static size_t block_map(struct rd *r, size_t p, size_t col, const struct props *pr);
static size_t inline_node(struct rd *r, size_t p, size_t parent, bool value_of_key);

/* A short-form tag at p ('!' and a name); its end, or NONE. */
static size_t tag_at(struct rd *r, size_t p, struct props *pr)
{
	size_t i = p + 1;
	while (i < r->len && ((r->s[i] >= 'a' && r->s[i] <= 'z') || (r->s[i] >= 'A' && r->s[i] <= 'Z') ||
			      (r->s[i] >= '0' && r->s[i] <= '9') || r->s[i] == '-' || r->s[i] == '_'))
		i++;
	if (i == p + 1 || !blank_or_end(r, i))
		return give_up(r); /* '!', '!!str', '!<...>', '!e!x' and the like */
	pr->start = p;
	pr->tag = r->s + p;
	pr->tag_len = i - p;
	return i;
}

/* A flow collection or scalar on one line at p (inside [] or {}). */
static size_t flow_node(struct rd *r, size_t p, int depth);

static size_t flow_collection(struct rd *r, size_t p, const struct props *pr, int depth)
{
	bool map = r->s[p] == '{';
	char close = map ? '}' : ']';
	if (!begin(r, pr, map ? SL_MAP : SL_SEQ, p, SL_FLOW))
		return NONE;
	size_t i = spaces(r, p + 1);
	if (i < r->len && r->s[i] == close)
		return end(r, i + 1) ? i + 1 : NONE;
	for (;;) {
		if (map) {
			char c = i < r->len ? r->s[i] : '\n';
			if (c != '"' && c != '\'' && !plain_start_ok(r, i, true))
				return give_up(r);
		}
		i = flow_node(r, i, depth);
		if (i == NONE)
			return NONE;
		i = spaces(r, i);
		if (i < r->len && r->s[i] == ':') {
			if (!map)
				return give_up(r); /* a one-pair mapping in a sequence */
			i = spaces(r, i + 1);
			if (i >= r->len || r->s[i] == ',' || r->s[i] == close)
				return give_up(r); /* an empty value */
			i = flow_node(r, i, depth);
			if (i == NONE)
				return NONE;
			i = spaces(r, i);
		} else if (map) {
			return give_up(r); /* a key without a value */
		}
		if (i < r->len && r->s[i] == ',') {
			i = spaces(r, i + 1);
			if (i < r->len && (r->s[i] == close || r->s[i] == ','))
				return give_up(r); /* a trailing or empty entry */
			continue;
		}
		if (i < r->len && r->s[i] == close)
			return end(r, i + 1) ? i + 1 : NONE;
		return give_up(r);
	}
}

static size_t flow_node(struct rd *r, size_t p, int depth)
{
	if (depth > 64 || p >= r->len)
		return give_up(r);
	struct props pr = no_props;
	if (r->s[p] == '!') {
		size_t t = tag_at(r, p, &pr);
		if (t == NONE)
			return NONE;
		p = spaces(r, t);
		if (p >= r->len || brk(r->s[p]) || r->s[p] == '!' || r->s[p] == ',' || r->s[p] == ']' ||
		    r->s[p] == '}' || r->s[p] == '#')
			return give_up(r);
	}
	if (r->s[p] == '[' || r->s[p] == '{')
		return flow_collection(r, p, &pr, depth + 1);
	enum sl_style st;
	const char *text;
	size_t len, e = line_scalar(r, p, true, &st, &text, &len);
	if (e == NONE)
		return NONE;
	size_t after = spaces(r, e);
	if (st == SL_PLAIN && (after >= r->len || brk(r->s[after]) || r->s[after] == '#'))
		return give_up(r); /* the collection goes on past this line */
	return scalar(r, &pr, p, e, st, text, len) ? e : NONE;
}

/* A literal or folded block scalar whose indicator is at p; parent is the
 * indentation of the collection holding it (libyaml's parser->indent). Returns
 * the end of its last line. */
static size_t block_scalar(struct rd *r, size_t p, size_t parent, const struct props *pr)
{
	bool literal = r->s[p] == '|';
	int chomp = 0; /* -1 strip, 0 clip, +1 keep */
	size_t i = p + 1;
	if (i < r->len && (r->s[i] == '-' || r->s[i] == '+'))
		chomp = r->s[i++] == '-' ? -1 : 1;
	if (i < r->len && r->s[i] != ' ' && !brk(r->s[i]))
		return give_up(r); /* an indentation indicator, or '#' against it */
	size_t e = rest_of_line(r, i);
	if (e == NONE || e >= r->len)
		return give_up(r);
	/* leading empty lines, then the first content line sets the indentation */
	size_t line = e + 1, max_col = 0;
	size_t n_leading = 0;
	size_t col;
	for (;;) {
		size_t q = spaces(r, line);
		col = q - line;
		if (col > max_col)
			max_col = col;
		if (q >= r->len)
			return give_up(r); /* nothing but empty lines */
		if (!brk(r->s[q]))
			break;
		n_leading++;
		line = lf(r, q) + 1;
	}
	size_t indent = col;
	if (max_col > col || (parent != NONE && col <= parent))
		return give_up(r); /* an empty scalar, or libyaml's error */
	r->n = 0;
	for (size_t k = 0; k < n_leading; k++)
		if (!put(r, "\n", 1))
			return NONE;
	/* libyaml's loop: leading_break is the break after the last content
	 * line, trailing the empty lines after it */
	bool leading_blank = false, have_leading = false;
	size_t trailing = 0, stop = r->len, last_break = r->len;
	bool first = true;
	for (;;) {
		/* line holds a content line: indent spaces, then its text */
		size_t t = line + indent;
		bool trailing_blank = r->s[t] == ' ';
		if (!first) {
			if (!literal && have_leading && !leading_blank && !trailing_blank) {
				if (!trailing && !put(r, " ", 1))
					return NONE;
			} else if (have_leading && !put(r, "\n", 1)) {
				return NONE;
			}
			for (size_t k = 0; k < trailing; k++)
				if (!put(r, "\n", 1))
					return NONE;
		}
		first = false;
		trailing = 0;
		have_leading = false;
		leading_blank = trailing_blank;
		const char *nl = memchr(r->s + t, '\n', r->len - t);
		size_t le = nl ? (size_t)(nl - r->s) : r->len;
		/* the text, without the CR of a "\r\n" (libyaml reads it as one break) */
		if (!put(r, r->s + t, le - t - (le > t && r->s[le - 1] == '\r')))
			return NONE;
		if (le >= r->len) {
			stop = r->len;
			last_break = r->len;
			break;
		}
		have_leading = true;
		last_break = le;
		/* the empty lines after it, and the next content line */
		line = le + 1;
		bool more = false;
		for (;;) {
			size_t q = line;
			while (q < r->len && q - line < indent && r->s[q] == ' ')
				q++;
			if (q >= r->len) {
				stop = r->len;
				break;
			}
			if (brk(r->s[q])) {
				trailing++;
				last_break = lf(r, q);
				line = last_break + 1;
				continue;
			}
			if (q - line < indent) {
				stop = line; /* a less indented line ends the scalar */
				break;
			}
			more = true;
			break;
		}
		if (!more)
			break;
	}
	if (chomp >= 0 && have_leading && !put(r, "\n", 1))
		return NONE;
	if (chomp > 0)
		for (size_t k = 0; k < trailing; k++)
			if (!put(r, "\n", 1))
				return NONE;
	if (!scalar(r, pr, p, stop, literal ? SL_LITERAL : SL_FOLDED, r->buf, r->n))
		return NONE;
	/* the line end before the line that stopped it */
	return last_break;
}

/* A key at p: its scalar and the offset just past its ':', or NONE when the
 * line holds no "key:" (without giving up). */
static size_t key_at(struct rd *r, size_t p, bool emit)
{
	char c = r->s[p];
	size_t e;
	enum sl_style st = SL_PLAIN;
	if (c == '"' || c == '\'') {
		e = quoted(r, p);
		if (e == NONE)
			return NONE;
		st = c == '"' ? SL_DOUBLE : SL_SINGLE;
		size_t q = spaces(r, e);
		if (q >= r->len || r->s[q] != ':' || !blank_or_end(r, q + 1))
			return NONE;
		if (q - p > 1000)
			return give_up(r); /* libyaml's limit on a key's length */
		if (emit && !scalar(r, &no_props, p, e, st, r->buf, r->n))
			return NONE;
		return q + 1;
	}
	if (!plain_start_ok(r, p, false))
		return NONE;
	e = plain_end(r, p, false);
	if (e == NONE)
		return NONE;
	size_t q = spaces(r, e);
	if (q >= r->len || r->s[q] != ':' || !blank_or_end(r, q + 1))
		return NONE;
	if (q - p > 1000)
		return give_up(r);
	if (emit && !scalar(r, &no_props, p, e, SL_PLAIN, r->s + p, e - p))
		return NONE;
	return q + 1;
}

/* The value of a key (or of a '-' entry) that is not on its line: the node
 * on the lines below, more indented than the collection at column parent (a
 * key's value may also be a '-' sequence at the key's own column), or an empty
 * scalar at `at` (just past the ':' or '-'). p is the line end. */
static size_t value_below(struct rd *r, size_t at, size_t p, size_t parent, bool indentless,
			  const struct props *pr)
{
	size_t q = next_content(r, p);
	if (r->quit)
		return NONE;
	size_t col = q < r->len ? q - line_start(r, q) : 0;
	if (q < r->len && (parent == NONE || col > parent))
		return block_node(r, q, parent, pr);
	if (q < r->len && indentless && col == parent && r->s[q] == '-' && blank_or_end(r, q + 1))
		return block_seq(r, q, col, pr, true); /* a sequence at the key's column */
	/* nothing: an empty scalar (with its tag, ending where the tag does) */
	return scalar(r, pr, at, at, SL_PLAIN, "", 0) ? p : NONE;
}

/* The value after an entry's indicator (a key's ':' or a '-') ending at at,
 * in a block collection at column col: on the lines below, or on this line (for
 * a '-', also a compact sequence or mapping). Returns where it ends. */
static size_t entry_value(struct rd *r, size_t at, size_t col, bool of_key)
{
	size_t v = spaces(r, at);
	if (eol(r, v) || r->s[v] == '#') {
		size_t e = rest_of_line(r, at);
		return e == NONE ? NONE : value_below(r, at, e, col, of_key, &no_props);
	}
	if (!of_key && r->s[v] == '-' && blank_or_end(r, v + 1))
		return block_seq(r, v, v - line_start(r, v), &no_props, false); /* "- - x" */
	if (!of_key) {
		size_t colon = key_at(r, v, false);
		if (r->quit)
			return NONE;
		if (colon != NONE)
			return block_map(r, v, v - line_start(r, v), &no_props); /* "- key: x" */
	}
	return inline_node(r, v, col, of_key);
}

/* After an entry whose value ended at e, in a block collection at column col:
 * the end of its line (NONE when reading stops), *next the next line's first
 * character and *more whether it is the collection's next entry (at col) or
 * the collection ended (a less indented line, or the end of the text). */
static size_t after_entry(struct rd *r, size_t e, size_t col, size_t *next, bool *more)
{
	if (e == NONE || (e = rest_of_line(r, e)) == NONE)
		return NONE;
	size_t q = next_content(r, e);
	if (r->quit)
		return NONE;
	size_t c = q < r->len ? q - line_start(r, q) : 0;
	if (q < r->len && c > col)
		return give_up(r); /* a scalar going on, or an error */
	*next = q;
	*more = q < r->len && c == col;
	return e;
}

/* A block mapping whose first key is at p (column col). */
static size_t block_map(struct rd *r, size_t p, size_t col, const struct props *pr)
{
	if (!begin(r, pr, SL_MAP, p, SL_BLOCK))
		return NONE;
	for (;;) {
		size_t colon = key_at(r, p, true);
		if (colon == NONE)
			return give_up(r);
		bool more;
		size_t e = after_entry(r, entry_value(r, colon, col, true), col, &p, &more);
		if (e == NONE)
			return NONE;
		if (!more)
			return end(r, p) ? e : NONE;
	}
}

/* A block sequence whose first '-' is at p (column col). In a mapping whose
 * key is at the same column (indentless), a line that is not '-' ends it. */
static size_t block_seq(struct rd *r, size_t p, size_t col, const struct props *pr, bool indentless)
{
	if (!begin(r, pr, SL_SEQ, p, SL_BLOCK))
		return NONE;
	for (;;) {
		bool more;
		size_t e = after_entry(r, entry_value(r, p + 1, col, false), col, &p, &more);
		if (e == NONE)
			return NONE;
		if (more && (r->s[p] != '-' || !blank_or_end(r, p + 1))) {
			/* the next key of the mapping whose value this sequence is;
			 * anywhere else an error */
			if (!indentless)
				return give_up(r);
			more = false;
		}
		if (!more)
			return end(r, p) ? e : NONE;
	}
}

/* A node that begins a line at p: a sequence, a mapping, or a one-line node.
 * parent: the column of the collection holding it (NONE at the top). */
static size_t block_node(struct rd *r, size_t p, size_t parent, const struct props *pr)
{
	size_t col = p - line_start(r, p);
	if (r->s[p] == '-' && blank_or_end(r, p + 1))
		return block_seq(r, p, col, pr, false);
	size_t colon = key_at(r, p, false);
	if (r->quit)
		return NONE;
	if (colon != NONE)
		return block_map(r, p, col, pr);
	if (pr->start != NONE || parent == NONE)
		return give_up(r);
	return inline_node(r, p, parent, false);
}

/* From the line end p after a plain scalar: the first character of the next
 * line that goes on with it (after empty lines; more indented than the
 * collection at column parent, not a comment), or NONE (without giving up). */
static size_t plain_lines(struct rd *r, size_t p, size_t parent)
{
	while (p < r->len) {
		size_t line = p + 1, q = spaces(r, line);
		if (q >= r->len)
			return NONE;
		if (brk(r->s[q])) {
			p = lf(r, q);
			continue;
		}
		if (r->s[q] == '#' || parent == NONE || q - line <= parent)
			return NONE;
		return q;
	}
	return NONE;
}

/* Appends to r->buf the lines that go on with a plain scalar, from the line
 * end p (libyaml's folding); returns the end of the last one's text. */
static size_t plain_fold(struct rd *r, size_t p, size_t parent)
{
	size_t last = NONE;
	for (;;) {
		size_t breaks = 0, q = NONE;
		/* count the line breaks before the next line that goes on */
		for (size_t at = p; at < r->len;) {
			size_t line = at + 1, x = spaces(r, line);
			breaks++;
			if (x < r->len && brk(r->s[x])) {
				at = lf(r, x);
				continue;
			}
			if (x < r->len && r->s[x] != '#' && x - line > parent)
				q = x;
			break;
		}
		if (q == NONE)
			return last;
		if (!plain_start_ok(r, q, false) && r->s[q] != '-' && r->s[q] != '?' && r->s[q] != ':')
			return give_up(r); /* an indicator: libyaml reads on, or errs */
		size_t e = plain_end(r, q, false);
		if (e == NONE)
			return NONE;
		size_t after = spaces(r, e);
		if (after < r->len && r->s[after] == ':')
			return give_up(r); /* a key inside the scalar: libyaml's error */
		if (breaks == 1) {
			if (!put(r, " ", 1))
				return NONE;
		} else {
			for (size_t k = 1; k < breaks; k++)
				if (!put(r, "\n", 1))
					return NONE;
		}
		if (!put(r, r->s + q, e - q))
			return NONE;
		last = e;
		if (!eol(r, after))
			return last; /* a comment ends it */
		p = after < r->len ? lf(r, after) : after;
	}
}

/* A node that starts within a line at p: a tag (and what it tags, on this
 * line or below), a block scalar, a flow collection, a quoted or plain
 * scalar. parent: the column of the collection holding it. */
static size_t inline_node(struct rd *r, size_t p, size_t parent, bool value_of_key)
{
	struct props pr = no_props;
	if (r->s[p] == '!') {
		size_t t = tag_at(r, p, &pr);
		if (t == NONE)
			return NONE;
		size_t v = spaces(r, t);
		if (eol(r, v) || r->s[v] == '#') {
			size_t e = rest_of_line(r, t);
			return e == NONE ? NONE : value_below(r, t, e, parent, value_of_key, &pr);
		}
		p = v;
		if (r->s[p] == '!')
			return give_up(r); /* two tags: the builder's message, libyaml's error */
	}
	char c = r->s[p];
	if (c == '|' || c == '>')
		return block_scalar(r, p, parent, &pr);
	if (c == '[' || c == '{')
		return flow_collection(r, p, &pr, 0);
	enum sl_style st;
	const char *text;
	size_t len, e = line_scalar(r, p, false, &st, &text, &len);
	if (e == NONE)
		return NONE;
	size_t after = spaces(r, e);
	if (st != SL_PLAIN || !eol(r, after))
		return scalar(r, &pr, p, e, st, text, len) ? e : NONE;
	/* the lines below that are more indented than the collection go on
	 * with the scalar: one line break folds into a space, n + 1 into n */
	if (after < r->len)
		after = lf(r, after);
	size_t more = plain_lines(r, after, parent);
	if (more == NONE)
		return r->quit ? NONE : scalar(r, &pr, p, e, SL_PLAIN, r->s + p, e - p) ? e : NONE;
	r->n = 0;
	if (!put(r, r->s + p, e - p))
		return NONE;
	size_t last = plain_fold(r, after, parent);
	return last != NONE && scalar(r, &pr, p, last, SL_PLAIN, r->buf, r->n) ? last : NONE;
}

int sl_parse_yaml_fast(struct sl_builder *b, const char *src, size_t len)
{
	struct rd r = { b, src, len, false, NULL, 0, 0, NONE, 0, false };
	/* the first content: after comments and empty lines, at column 0 */
	r.at_start = true;
	size_t p = spaces(&r, 0);
	if (p >= len || brk(src[p]) || src[p] == '#') {
		const char *nl = memchr(src, '\n', len);
		p = nl ? next_content(&r, (size_t)(nl - src)) : len;
	}
	r.at_start = false;
	if (r.quit || p >= len || p != line_start(&r, p) || src[p] == '%')
		return 0;
	size_t e = NONE;
	if (p + 3 <= len && memcmp(src + p, "---", 3) == 0 && blank_or_end(&r, p + 3)) {
		size_t q = rest_of_line(&r, p + 3);
		if (q == NONE || sl_builder_document_start(b, p) < 0)
			goto out;
		p = next_content(&r, q);
		if (r.quit || p >= len || p != line_start(&r, p) || src[p] == '%')
			goto out;
	} else if (sl_builder_document_start(b, p) < 0) {
		goto out;
	}
	r.memo_from = NONE;
	if (!((src[p] == '-' && blank_or_end(&r, p + 1)) || key_at(&r, p, false) != NONE))
		goto out; /* a template is a mapping: anything else is libyaml's to read */
	e = block_node(&r, p, NONE, &no_props);
	if (e != NONE && !r.quit && (e = rest_of_line(&r, e)) != NONE && next_content(&r, e) < len)
		e = NONE; /* more after the top-level node */
out:
	free(r.buf);
	if (b->doc->oom)
		return -1;
	return e != NONE && !r.quit && !b->stopped ? 1 : 0;
}
