/*
 * A small, strict JSON parser (RFC 8259) that feeds the tree builder directly.
 * It exists because libyaml rejects valid JSON that templates do contain
 * (surrogate-pair escapes, keys over 1,024 characters, a line break before ':').
 *
 * Every object and array becomes a flow collection, every string (key or value)
 * a double-quoted scalar holding the decoded text, and every number, true, false
 * and null a plain scalar holding its exact source text. Positions, duplicate
 * keys and the nesting limit are the builder's business; this file only reads
 * bytes. Nesting is tracked on an explicit stack, never by recursion, so the
 * input cannot exhaust the C stack; the builder stops the parse at its depth
 * limit.
 *
 * Strictness: no comments, no trailing commas, no single quotes, no NaN or
 * Infinity, no leading zeros or '+' in numbers, no raw control characters in
 * strings, whitespace only space, tab, CR and LF, nothing after the top-level
 * value. Any value may be at the top level (the loader only sends input that
 * starts with '{').
 *
 * Lone surrogates: a \uD800-\uDBFF escape not followed by a \uDC00-\uDFFF escape,
 * or a \uDC00-\uDFFF escape on its own, cannot be represented in UTF-8. It is
 * decoded as U+FFFD (the replacement character), as Python's
 * surrogate-"replace" handling and most JSON-to-UTF-8 decoders do, rather than
 * rejected: JSON parsers generally accept it (RFC 8259 section 8.2 leaves the
 * outcome open), and a replaced character in a Description is no reason to stop
 * linting the whole template.
 *
 * The input has been checked by the loader: valid UTF-8, no NUL bytes. It need
 * not be NUL-terminated; nothing is read at or past `len`.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/builder.h"
#include "load/load.h"
#include "load/node.h"
#include "util/text.h"

/* Internal results: 0 go on, STOP a syntax error was reported or the builder
 * asked to stop (sl_parse_json() then returns 0), NOMEM malloc failed. */
enum { J_OK = 0, J_STOP = 1, J_NOMEM = -1 };

struct jp {
	struct sl_builder *b;
	const char *s;
	size_t n;
	char *buf; /* scratch for strings with escapes */
	size_t blen, bcap;
	unsigned char *stack; /* 1 = object, 0 = array, one per open collection */
	size_t depth, scap;
};

/* Bytes that end a run of ordinary string bytes: '"', '\\' and controls. */
static const unsigned char str_special[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
};

static const unsigned char is_ws[256] = {
	[' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
};

/* Characters of a bare word, for messages about NaN, True, unquoted strings. */
static const unsigned char word_char[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1, ['_'] = 1, ['.'] = 1, ['+'] = 1, ['-'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
	['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
	['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

static inline int is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static inline size_t skip_ws(const char *s, size_t n, size_t i)
{
	while (i < n && is_ws[(unsigned char)s[i]])
		i++;
	return i;
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Returns the index of the first '"', '\\' or control byte at or after i, or n.
 * Eight bytes at a time: a word has such a byte exactly when one of these
 * classic bit tests fires (bytes >= 0x80, i.e. UTF-8, never do). */
static inline size_t scan_plain(const char *s, size_t n, size_t i)
{
	while (n - i >= 8) {
		uint64_t x;
		memcpy(&x, s + i, 8);
		uint64_t q = x ^ (ONES * '"');
		uint64_t bs = x ^ (ONES * '\\');
		uint64_t hit = ((q - ONES) & ~q) | ((bs - ONES) & ~bs) | ((x - ONES * 0x20) & ~x);
		if (hit & HIGHS)
			break;
		i += 8;
	}
	while (i < n && !str_special[(unsigned char)s[i]])
		i++;
	return i;
}

static int syntax(struct jp *p, size_t off, const char *what)
{
	sl_builder_syntax_error(p->b, off, what, NULL);
	return J_STOP;
}

/* Reports "expected <what>" at i, or "unexpected end of input" when i is the
 * end; comments get a message of their own wherever they appear. */
static int expected(struct jp *p, size_t i, const char *what)
{
	char msg[160];

	if (i >= p->n) {
		snprintf(msg, sizeof msg, "unexpected end of input: expected %s", what);
		return syntax(p, p->n, msg);
	}
	if (p->s[i] == '/' && i + 1 < p->n && (p->s[i + 1] == '/' || p->s[i + 1] == '*'))
		return syntax(p, i, "comments are not allowed in JSON");
	snprintf(msg, sizeof msg, "expected %s", what);
	return syntax(p, i, msg);
}

/* Length of the bare word at i (letters, digits, _ . + -), at most max. */
static size_t word_len(const struct jp *p, size_t i, size_t max)
{
	size_t j = i;
	while (j < p->n && j - i < max && word_char[(unsigned char)p->s[j]])
		j++;
	return j - i;
}

/* ASCII case-insensitive comparison of s[0..len) with the lowercase word lw. */
static int ascii_ieq(const char *s, size_t len, const char *lw)
{
	size_t k = 0;
	for (; k < len && lw[k]; k++) {
		char c = s[k];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + ('a' - 'A'));
		if (c != lw[k])
			return 0;
	}
	return k == len && lw[k] == '\0';
}

/* Something that cannot start a value is at i. */
static int bad_value(struct jp *p, size_t i)
{
	static const char *const lits[] = { "true", "false", "null" };
	char msg[200];
	const char *s = p->s;

	if (i >= p->n || s[i] == '/')
		return expected(p, i, "a value");
	if (s[i] == '\'')
		return syntax(p, i, "strings must be in double quotes, not single quotes");
	if (s[i] == '+' && i + 1 < p->n && is_digit((unsigned char)s[i + 1]))
		return syntax(p, i, "a number must not start with '+'");
	if (s[i] == '.' && i + 1 < p->n && is_digit((unsigned char)s[i + 1]))
		return syntax(p, i, "a number must have a digit before the decimal point");
	size_t w = word_len(p, i, 41);
	if (w == 0 || !word_char[(unsigned char)s[i]] || is_digit((unsigned char)s[i]))
		return expected(p, i, "a value");
	if ((w == 3 && memcmp(s + i, "NaN", 3) == 0) || (w == 8 && memcmp(s + i, "Infinity", 8) == 0) ||
	    (w == 9 && memcmp(s + i, "-Infinity", 9) == 0)) {
		snprintf(msg, sizeof msg, "%.*s is not a JSON value (JSON has no NaN or Infinity)", (int)w,
			 s + i);
		return syntax(p, i, msg);
	}
	for (size_t k = 0; k < 3; k++) {
		if (ascii_ieq(s + i, w, lits[k])) {
			snprintf(msg, sizeof msg, "'%.*s' is not a JSON value; did you mean '%s'?", (int)w,
				 s + i, lits[k]);
			return syntax(p, i, msg);
		}
	}
	snprintf(msg, sizeof msg, "expected a value, found '%.*s%s' (strings must be in double quotes)",
		 (int)(w > 40 ? 40 : w), s + i, w > 40 ? "..." : "");
	return syntax(p, i, msg);
}

static int control_char(struct jp *p, size_t i)
{
	unsigned char c = (unsigned char)p->s[i];
	char msg[80];

	if (c == '\n' || c == '\r')
		return syntax(p, i, "line break in string (missing closing '\"'? write \\n for a line break)");
	if (c == '\t')
		return syntax(p, i, "tab character in string (write it as \\t)");
	snprintf(msg, sizeof msg, "control character U+%04X in string (write it as \\u%04X)", c, c);
	return syntax(p, i, msg);
}

static int buf_reserve(struct jp *p, size_t more)
{
	if (p->bcap - p->blen >= more)
		return J_OK;
	size_t cap = p->bcap ? p->bcap : 256;
	while (cap - p->blen < more) {
		if (cap > SIZE_MAX / 2)
			return J_NOMEM;
		cap *= 2;
	}
	char *nb = realloc(p->buf, cap);
	if (!nb)
		return J_NOMEM;
	p->buf = nb;
	p->bcap = cap;
	return J_OK;
}

/* Value of the 4 hex digits at s[i..i+4), or -1. */
static long hex4(const struct jp *p, size_t i)
{
	if (i > p->n || p->n - i < 4)
		return -1;
	long v = 0;
	for (size_t k = 0; k < 4; k++) {
		unsigned char c = (unsigned char)p->s[i + k];
		int d;
		if (c >= '0' && c <= '9')
			d = c - '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			d = (c | 0x20) - 'a' + 10;
		else
			return -1;
		v = v * 16 + d;
	}
	return v;
}


/* The escape at i (s[i] == '\\') is not one JSON knows. */
static int bad_escape(struct jp *p, size_t i)
{
	char msg[80];
	size_t k = i + 1;
	unsigned char c = (unsigned char)p->s[k];

	if (c == 'u')
		return syntax(p, i, "invalid escape in string: expected 4 hex digits after '\\u'");
	if (c < 0x20) {
		snprintf(msg, sizeof msg, "invalid escape in string: '\\' followed by U+%04X", c);
		return syntax(p, i, msg);
	}
	int w = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if ((size_t)w > p->n - k)
		w = (int)(p->n - k);
	snprintf(msg, sizeof msg, "invalid escape '\\%.*s' in string", w, p->s + k);
	return syntax(p, i, msg);
}

/* Parses the string whose opening quote is at *pi. On J_OK, *out and *outlen
 * hold the decoded text (pointing into the source when there were no escapes,
 * else into p->buf, valid until the next string) and *pi is past the closing
 * quote. */
static int parse_string(struct jp *p, size_t *pi, const char **out, size_t *outlen)
{
	const char *s = p->s;
	size_t n = p->n;
	size_t open = *pi;
	size_t i = scan_plain(s, n, open + 1);

	if (i < n && s[i] == '"') { /* the common case: nothing to decode */
		*out = s + open + 1;
		*outlen = i - open - 1;
		*pi = i + 1;
		return J_OK;
	}
	p->blen = 0;
	size_t run = open + 1;
	for (;;) {
		if (i >= n)
			return syntax(p, open, "unterminated string");
		if (s[i] == '"')
			break;
		if (s[i] != '\\')
			return control_char(p, i);
		/* copy the run, then decode one escape (at most 4 bytes of output) */
		if (buf_reserve(p, i - run + 4) < 0)
			return J_NOMEM;
		memcpy(p->buf + p->blen, s + run, i - run);
		p->blen += i - run;
		if (i + 1 >= n)
			return syntax(p, open, "unterminated string");
		char *o = p->buf + p->blen;
		switch (s[i + 1]) {
		case '"': *o = '"'; p->blen++; i += 2; break;
		case '\\': *o = '\\'; p->blen++; i += 2; break;
		case '/': *o = '/'; p->blen++; i += 2; break;
		case 'b': *o = '\b'; p->blen++; i += 2; break;
		case 'f': *o = '\f'; p->blen++; i += 2; break;
		case 'n': *o = '\n'; p->blen++; i += 2; break;
		case 'r': *o = '\r'; p->blen++; i += 2; break;
		case 't': *o = '\t'; p->blen++; i += 2; break;
		case 'u': {
			long cp = hex4(p, i + 2);
			if (cp < 0)
				return bad_escape(p, i);
			i += 6;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				long lo = -1;
				if (n - i >= 6 && s[i] == '\\' && s[i + 1] == 'u')
					lo = hex4(p, i + 2);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					i += 6;
				} else {
					cp = 0xFFFD; /* lone high surrogate: see the file comment */
				}
			} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
				cp = 0xFFFD; /* lone low surrogate */
			}
			p->blen += sl_utf8_encode(cp, o);
			break;
		}
		default:
			return bad_escape(p, i);
		}
		run = i;
		i = scan_plain(s, n, i);
	}
	if (buf_reserve(p, i - run) < 0)
		return J_NOMEM;
	memcpy(p->buf + p->blen, s + run, i - run);
	p->blen += i - run;
	*out = p->buf;
	*outlen = p->blen;
	*pi = i + 1;
	return J_OK;
}

/* Parses the number starting at *pi ('-' or a digit); *pi ends past it. */
static int parse_number(struct jp *p, size_t *pi)
{
	const char *s = p->s;
	size_t n = p->n;
	size_t start = *pi, i = start;
	char msg[120];

	if (s[i] == '-') {
		i++;
		if (i >= n || !is_digit((unsigned char)s[i])) {
			if (n - i >= 8 && memcmp(s + i, "Infinity", 8) == 0)
				return bad_value(p, start);
			return expected(p, i, "a digit after '-'");
		}
	}
	if (s[i] == '0') {
		i++;
		if (i < n && is_digit((unsigned char)s[i])) {
			size_t w = word_len(p, start, 41);
			snprintf(msg, sizeof msg, "leading zeros are not allowed in numbers: '%.*s%s'",
				 (int)(w > 40 ? 40 : w), s + start, w > 40 ? "..." : "");
			return syntax(p, start, msg);
		}
	} else {
		while (i < n && is_digit((unsigned char)s[i]))
			i++;
	}
	if (i < n && s[i] == '.') {
		i++;
		if (i >= n || !is_digit((unsigned char)s[i]))
			return expected(p, i, "a digit after the decimal point");
		while (i < n && is_digit((unsigned char)s[i]))
			i++;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		if (i >= n || !is_digit((unsigned char)s[i]))
			return expected(p, i, "a digit in the exponent");
		while (i < n && is_digit((unsigned char)s[i]))
			i++;
	}
	if (i < n && word_char[(unsigned char)s[i]]) { /* 0x1F, 1.2.3, 12px */
		size_t w = word_len(p, start, 41);
		snprintf(msg, sizeof msg, "invalid number '%.*s%s'", (int)(w > 40 ? 40 : w), s + start,
			 w > 40 ? "..." : "");
		return syntax(p, i, msg);
	}
	*pi = i;
	return J_OK;
}

static int push(struct jp *p, unsigned char is_obj)
{
	if (p->depth == p->scap) {
		size_t cap = p->scap ? p->scap * 2 : 64;
		unsigned char *ns = realloc(p->stack, cap);
		if (!ns)
			return J_NOMEM;
		p->stack = ns;
		p->scap = cap;
	}
	p->stack[p->depth++] = is_obj;
	return J_OK;
}

/* Builder calls return -1 to stop: the builder has recorded why. */
#define BUILD(call)                    \
	do {                           \
		if ((call) < 0)        \
			return J_STOP; \
	} while (0)

#define TRY(expr)                    \
	do {                         \
		int rc_ = (expr);    \
		if (rc_ != J_OK)     \
			return rc_;  \
	} while (0)

static int parse(struct jp *p)
{
	struct sl_builder *b = p->b;
	const char *s = p->s;
	const size_t n = p->n;
	struct sl_ev ev = { 0 };
	const char *str;
	size_t slen, i, st;

	i = skip_ws(s, n, 0);
	if (i >= n)
		return syntax(p, n, "empty input: expected a JSON value");
	BUILD(sl_builder_document_start(b, i));

value: /* i is at the first byte of a value (or at the end) */
	if (i >= n)
		return expected(p, i, "a value");
	switch (s[i]) {
	case '{':
		ev.start = i;
		ev.end = i + 1;
		ev.style = SL_FLOW;
		BUILD(sl_builder_begin(b, SL_MAP, &ev));
		TRY(push(p, 1));
		i = skip_ws(s, n, i + 1);
		if (i < n && s[i] == '}') {
			BUILD(sl_builder_end(b, i + 1));
			p->depth--;
			i++;
			goto next;
		}
		goto key;
	case '[':
		ev.start = i;
		ev.end = i + 1;
		ev.style = SL_FLOW;
		BUILD(sl_builder_begin(b, SL_SEQ, &ev));
		TRY(push(p, 0));
		i = skip_ws(s, n, i + 1);
		if (i < n && s[i] == ']') {
			BUILD(sl_builder_end(b, i + 1));
			p->depth--;
			i++;
			goto next;
		}
		goto value;
	case '"':
		st = i;
		TRY(parse_string(p, &i, &str, &slen));
		ev.start = st;
		ev.end = i;
		ev.style = SL_DOUBLE;
		BUILD(sl_builder_scalar(b, &ev, str, slen));
		goto next;
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		st = i;
		TRY(parse_number(p, &i));
		goto plain;
	case 't':
		if (n - i >= 4 && memcmp(s + i, "true", 4) == 0 &&
		    (n - i == 4 || !word_char[(unsigned char)s[i + 4]])) {
			st = i;
			i += 4;
			goto plain;
		}
		return bad_value(p, i);
	case 'f':
		if (n - i >= 5 && memcmp(s + i, "false", 5) == 0 &&
		    (n - i == 5 || !word_char[(unsigned char)s[i + 5]])) {
			st = i;
			i += 5;
			goto plain;
		}
		return bad_value(p, i);
	case 'n':
		if (n - i >= 4 && memcmp(s + i, "null", 4) == 0 &&
		    (n - i == 4 || !word_char[(unsigned char)s[i + 4]])) {
			st = i;
			i += 4;
			goto plain;
		}
		return bad_value(p, i);
	default:
		return bad_value(p, i);
	}

plain: /* a number or literal spans [st, i) */
	ev.start = st;
	ev.end = i;
	ev.style = SL_PLAIN;
	BUILD(sl_builder_scalar(b, &ev, s + st, i - st));
	goto next;

key: /* i is where an object key should start */
	if (i >= n || s[i] != '"') {
		if (i < n && s[i] == '\'')
			return syntax(p, i, "strings must be in double quotes, not single quotes");
		if (i < n && (s[i] == '_' || ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z')))
			return syntax(p, i, "expected an object key in double quotes");
		return expected(p, i, "an object key in double quotes or '}'");
	}
	st = i;
	TRY(parse_string(p, &i, &str, &slen));
	ev.start = st;
	ev.end = i;
	ev.style = SL_DOUBLE;
	BUILD(sl_builder_scalar(b, &ev, str, slen));
	i = skip_ws(s, n, i);
	if (i >= n || s[i] != ':')
		return expected(p, i, "':' after an object key");
	i = skip_ws(s, n, i + 1);
	goto value;

next: /* a value ended just before i */
	if (p->depth == 0) {
		i = skip_ws(s, n, i);
		if (i < n) {
			if (s[i] == '/' && i + 1 < n && (s[i + 1] == '/' || s[i + 1] == '*'))
				return syntax(p, i, "comments are not allowed in JSON");
			return syntax(p, i, "extra data after the top-level value");
		}
		return J_OK;
	}
	i = skip_ws(s, n, i);
	if (p->stack[p->depth - 1]) {
		if (i < n && s[i] == ',') {
			size_t j = skip_ws(s, n, i + 1);
			if (j < n && s[j] == '}')
				return syntax(p, i, "trailing comma before '}'");
			i = j;
			goto key;
		}
		if (i < n && s[i] == '}') {
			BUILD(sl_builder_end(b, i + 1));
			p->depth--;
			i++;
			goto next;
		}
		return expected(p, i, "',' or '}' after an object member");
	}
	if (i < n && s[i] == ',') {
		size_t j = skip_ws(s, n, i + 1);
		if (j < n && s[j] == ']')
			return syntax(p, i, "trailing comma before ']'");
		i = j;
		goto value;
	}
	if (i < n && s[i] == ']') {
		BUILD(sl_builder_end(b, i + 1));
		p->depth--;
		i++;
		goto next;
	}
	return expected(p, i, "',' or ']' after an array element");
}

/* Parses src[0..len) into b. Syntax errors become a diagnostic through
 * sl_builder_syntax_error() and the function returns 0, as it does when the
 * builder stops the parse; -1 means memory ran out here (the builder records
 * its own out-of-memory). All scratch memory is freed before returning. */
int sl_parse_json(struct sl_builder *b, const char *src, size_t len)
{
	struct jp p = { .b = b, .s = src, .n = len };
	int rc = parse(&p);

	free(p.buf);
	free(p.stack);
	return rc == J_NOMEM ? -1 : 0;
}
