/*
 * The fast YAML reader, in front of libyaml. Templates are written in a small
 * part of YAML: block mappings and sequences, plain scalars on one line or
 * several, quoted scalars and flow collections on one line, short-form tags,
 * literal and folded block scalars, LF or CRLF line ends. This reader parses
 * that part in one pass over the text and feeds the builder the events libyaml
 * would give (the builder owns positions, tags, duplicates, so only the events
 * must agree). Anything else -- anchors and aliases, quoted scalars or flow
 * collections over several lines, explicit keys, directives, a second document,
 * tabs, a CR but in "\r\n", NEL/LS/PS, a stray BOM, anything libyaml would
 * reject -- makes it give up: the loader drops what was built and runs libyaml
 * from the start, so every tree is libyaml's tree. test_backends holds the two
 * to the same tree, node by node, over the fixtures, the corpus and generated
 * templates (check_yaml_fast.py), and fuzz_load compares them on every input
 * it makes.
 */
#include "load/yaml_fast.h"

#include <stdlib.h>
#include <string.h>

#include "load/builder.h"
#include "util/buf.h"
#include "util/text.h"

#define NONE ((size_t)-1)

struct rd {
	struct sl_builder *b;
	const char *s;
	size_t len;
	bool quit;  /* gave up, or the builder stopped */
	struct sl_buf text; /* decoded scalar text (running out of memory is sticky) */
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
	if (r->text.oom) {
		r->b->doc->oom = true;
		r->quit = true;
		return false;
	}
	struct sl_ev ev = { pr->start != NONE ? pr->start : start, end, pr->tag, pr->tag_len, NULL, 0, style };
	if (sl_builder_scalar(r->b, &ev, text ? text : "", len) < 0) { /* r->text is NULL until used */
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
 * closing quote, the decoded text in r->text. One line only. */
static size_t quoted(struct rd *r, size_t p)
{
	/* double-quoted escapes of one character, and what they stand for */
	static const char esc[] = "0abtnvfre \"/\\", val[] = "\0\a\b\t\n\v\f\r\x1b \"/\\";
	char q = r->s[p];
	sl_buf_reset(&r->text);
	size_t i = p + 1;
	for (;;) {
		size_t run = i;
		while (i < r->len && r->s[i] != q && !brk(r->s[i]) && !(q == '"' && r->s[i] == '\\'))
			i++;
		sl_buf_put(&r->text, r->s + run, i - run);
		if (i >= r->len || brk(r->s[i]))
			return give_up(r);
		if (q == '\'') {
			if (i + 1 < r->len && r->s[i + 1] == '\'') {
				sl_buf_putc(&r->text, '\'');
				i += 2;
				continue;
			}
			return i + 1;
		}
		if (r->s[i] == '"')
			return i + 1;
		/* an escape */
		char e = i + 1 < r->len ? r->s[i + 1] : '\n';
		const char *one = memchr(esc, e, sizeof(esc) - 1);
		if (one) {
			sl_buf_putc(&r->text, val[one - esc]);
			i += 2;
			continue;
		}
		unsigned digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
		if (!digits)
			return give_up(r); /* \N \_ \L \P, a line break, or an error */
		unsigned long cp = 0;
		for (unsigned k = 0; k < digits; k++) {
			int v = i + 2 + k < r->len ? sl_hexval(r->s[i + 2 + k]) : -1;
			if (v < 0)
				return give_up(r);
			cp = cp << 4 | (unsigned)v;
		}
		if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
			return give_up(r);
		char u[4];
		sl_buf_put(&r->text, u, sl_utf8_encode(cp, u));
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

/* The characters plain_end() looks at (bit 1 in block context, bit 2 in
 * flow): line breaks, spaces and ':' in both, the flow indicators in flow. */
static const unsigned char plain_stop[256] = {
	['\n'] = 3, ['\r'] = 3, [' '] = 3, [':'] = 3,
	[','] = 2, ['['] = 2, [']'] = 2, ['{'] = 2, ['}'] = 2,
};

/* The end of a plain scalar from p on its line (trailing spaces left out):
 * it stops at ": ", at " #", at the line end, and in flow also at ,[]{}. */
static size_t plain_end(struct rd *r, size_t p, bool flow)
{
	unsigned char stop = flow ? 2 : 1;
	size_t i = p, last = p;
	while (i < r->len) {
		/* a run of other characters: the most of any scalar */
		if (!(plain_stop[(unsigned char)r->s[i]] & stop)) {
			do
				i++;
			while (i < r->len && !(plain_stop[(unsigned char)r->s[i]] & stop));
			last = i;
			continue;
		}
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

/* A quoted or plain scalar at p, on this line (p starts one: a quote, or
 * plain_start_ok): its end, *style, and its text (*text, *len: decoded into
 * r->text, or the source's own). */
static size_t scan_scalar(struct rd *r, size_t p, bool flow, enum sl_style *style, const char **text,
			  size_t *len)
{
	char c = r->s[p];
	if (c == '"' || c == '\'') {
		size_t e = quoted(r, p);
		*style = c == '"' ? SL_DOUBLE : SL_SINGLE;
		*text = r->text.data;
		*len = r->text.len;
		return e;
	}
	size_t e = plain_end(r, p, flow);
	*style = SL_PLAIN;
	*text = r->s + p;
	*len = e == NONE ? 0 : e - p;
	return e;
}

static bool starts_scalar(const struct rd *r, size_t p, bool flow)
{
	return p < r->len && (r->s[p] == '"' || r->s[p] == '\'' || plain_start_ok(r, p, flow));
}

/* A scalar that is a node's value, on this line: its end (as scan_scalar). In
 * a block, a ':' after it would make it a key where none may be: libyaml's
 * error. */
static size_t line_scalar(struct rd *r, size_t p, bool flow, enum sl_style *style, const char **text,
			  size_t *len)
{
	if (!starts_scalar(r, p, flow))
		return give_up(r);
	size_t e = scan_scalar(r, p, flow, style, text, len);
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
		if (map && !starts_scalar(r, i, true))
			return give_up(r); /* a key that is not a scalar */
		size_t key = i;
		i = flow_node(r, i, depth);
		if (i == NONE)
			return NONE;
		i = spaces(r, i);
		if (i < r->len && r->s[i] == ':') {
			if (!map)
				return give_up(r); /* a one-pair mapping in a sequence */
			if (i - key > 1000)
				return give_up(r); /* libyaml's limit on a key's length, as in a block */
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

static void newlines(struct rd *r, size_t n)
{
	while (n--)
		sl_buf_putc(&r->text, '\n');
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
	sl_buf_reset(&r->text);
	/* libyaml's loop: leading_break is the break after the last content
	 * line, trailing the empty lines after it (before the first: the
	 * leading empty lines) */
	bool leading_blank = false, have_leading = false;
	size_t trailing = n_leading, stop = r->len, last_break = r->len;
	for (;;) {
		/* line holds a content line: indent spaces, then its text */
		size_t t = line + indent;
		bool trailing_blank = r->s[t] == ' ';
		if (!literal && have_leading && !leading_blank && !trailing_blank) {
			if (!trailing)
				sl_buf_putc(&r->text, ' ');
		} else if (have_leading) {
			sl_buf_putc(&r->text, '\n');
		}
		newlines(r, trailing);
		trailing = 0;
		have_leading = false;
		leading_blank = trailing_blank;
		const char *nl = memchr(r->s + t, '\n', r->len - t);
		size_t le = nl ? (size_t)(nl - r->s) : r->len;
		/* the text, without the CR of a "\r\n" (libyaml reads it as one break) */
		sl_buf_put(&r->text, r->s + t, le - t - (le > t && r->s[le - 1] == '\r'));
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
	newlines(r, (chomp >= 0 && have_leading) + (chomp > 0 ? trailing : 0));
	if (!scalar(r, pr, p, stop, literal ? SL_LITERAL : SL_FOLDED, r->text.data, r->text.len))
		return NONE;
	/* the line end before the line that stopped it */
	return last_break;
}

/* A key at p: its scalar (emitted when emit) and the offset just past its
 * ':', or NONE when the line holds no "key:" (without giving up). */
static size_t key_at(struct rd *r, size_t p, bool emit)
{
	if (!starts_scalar(r, p, false))
		return NONE;
	enum sl_style st;
	const char *text;
	size_t len, e = scan_scalar(r, p, false, &st, &text, &len);
	if (e == NONE)
		return NONE;
	size_t q = spaces(r, e);
	if (q >= r->len || r->s[q] != ':' || !blank_or_end(r, q + 1))
		return NONE;
	if (q - p > 1000)
		return give_up(r); /* libyaml's limit on a key's length */
	if (emit && !scalar(r, &no_props, p, e, st, text, len))
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

/* From the line end p after a plain scalar's text: the first character of
 * the next line that goes on with it (after empty lines; more indented than
 * the collection at column parent, not a comment), *breaks the line breaks
 * before it; or NONE (without giving up). */
static size_t plain_next(const struct rd *r, size_t p, size_t parent, size_t *breaks)
{
	*breaks = 0;
	while (p < r->len) {
		size_t line = p + 1, q = spaces(r, line);
		++*breaks;
		if (q < r->len && brk(r->s[q])) {
			p = lf(r, q);
			continue;
		}
		if (q >= r->len || r->s[q] == '#' || parent == NONE || q - line <= parent)
			return NONE;
		return q;
	}
	return NONE;
}

/* Appends to r->text the lines that go on with a plain scalar, the first at q
 * after breaks line breaks (libyaml's folding: one break is a space, n + 1
 * are n); returns the end of the last one's text. */
static size_t plain_fold(struct rd *r, size_t q, size_t breaks, size_t parent)
{
	for (;;) {
		if (!plain_start_ok(r, q, false) && r->s[q] != '-' && r->s[q] != '?' && r->s[q] != ':')
			return give_up(r); /* an indicator: libyaml reads on, or errs */
		size_t e = plain_end(r, q, false);
		if (e == NONE)
			return NONE;
		size_t after = spaces(r, e);
		if (after < r->len && r->s[after] == ':')
			return give_up(r); /* a key inside the scalar: libyaml's error */
		if (breaks == 1)
			sl_buf_putc(&r->text, ' ');
		else
			newlines(r, breaks - 1);
		sl_buf_put(&r->text, r->s + q, e - q);
		if (!eol(r, after))
			return e; /* a comment ends it */
		size_t next = plain_next(r, after < r->len ? lf(r, after) : after, parent, &breaks);
		if (next == NONE)
			return e;
		q = next;
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
	 * with the scalar */
	size_t breaks, more = plain_next(r, after < r->len ? lf(r, after) : after, parent, &breaks);
	if (more == NONE)
		return scalar(r, &pr, p, e, SL_PLAIN, text, len) ? e : NONE;
	sl_buf_reset(&r->text);
	sl_buf_put(&r->text, text, len);
	size_t last = plain_fold(r, more, breaks, parent);
	return last != NONE && scalar(r, &pr, p, last, SL_PLAIN, r->text.data, r->text.len) ? last : NONE;
}

int sl_parse_yaml_fast(struct sl_builder *b, const char *src, size_t len)
{
	struct rd r = { b, src, len, false, SL_BUF_INIT, NONE, 0, false };
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
	sl_buf_free(&r.text);
	if (b->doc->oom)
		return -1;
	return e != NONE && !r.quit && !b->stopped ? 1 : 0;
}
