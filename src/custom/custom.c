/*
 * cfn-lint's custom rules: the parser of the rules file and the check that runs
 * the rules on a template. A rule names a resource type, a property path below
 * Properties (names joined by dots; a list on the way is looked into item by
 * item), an operator and a value. The walk follows cfn-lint's: Fn::If is both
 * of its branches, Ref AWS::NoValue removes what it stands for, and any other
 * intrinsic function is a value that cannot be known here, so no comparison is
 * made with it. Serverless resources are seen with SAM's Globals applied.
 * Everything is linear in the template for each rule.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "custom/custom.h"

#include <errno.h>
#include <math.h>
#include <pcre2.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "template/sam.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/readfile.h"
#include "util/text.h"

enum op {
	OP_EQ, OP_NE, OP_REGEX, OP_IN, OP_NOT_IN, OP_GT, OP_GE, OP_LT, OP_LE,
	OP_DEFINED, OP_NOT_DEFINED,
	OP_INVALID, /* a line cfn-lint turns into its "invalid custom rule" */
};

/* The operators as written in a rule; IS takes DEFINED or NOT_DEFINED. */
static const struct {
	const char *word;
	enum op op;
} operators[] = {
	{ "EQUALS", OP_EQ }, { "==", OP_EQ }, { "NOT_EQUALS", OP_NE }, { "!=", OP_NE },
	{ "REGEX_MATCH", OP_REGEX }, { "IN", OP_IN }, { "NOT_IN", OP_NOT_IN },
	{ ">", OP_GT }, { ">=", OP_GE }, { "<", OP_LT }, { "<=", OP_LE }, { "IS", OP_DEFINED },
};

#define OPERATOR_LIST "EQUALS, ==, NOT_EQUALS, !=, REGEX_MATCH, IN, NOT_IN, >, >=, <, <=, " \
	"IS DEFINED or IS NOT_DEFINED"

/* cfn-lint numbers the rule on line N 9000 + N: from line 90000 on that is
 * 99000 and up, the range of stacklint's own rules. */
#define FIRST_REFUSED_LINE 90000
#define MAX_NAMES 64 /* names in a property path */

struct text {
	const char *s;
	size_t len;
};

struct crule {
	struct sl_rule desc; /* what the engine filters and reports through */
	char id[16];         /* "E9003", "W9004" */
	unsigned line, column; /* the rule's line; for an invalid rule, the column at fault */
	const char *type;    /* resource type, exactly as a template writes it */
	const char *path;    /* the property path as written (messages name it) */
	const char **names;  /* path split at dots, NULL-terminated */
	size_t n_names;
	enum op op;
	struct text *values; /* EQUALS/NOT_EQUALS: one; IN/NOT_IN: the list */
	size_t n_values;
	const char *value_text; /* the value as written, for messages */
	double number;          /* comparisons */
	pcre2_code *re;         /* REGEX_MATCH */
	const char *pattern;    /* REGEX_MATCH: the pattern, unquoted */
	const char *message;    /* the rule's own message, or NULL */
	const char *invalid;    /* OP_INVALID: why the line is not a rule */
};

struct sl_custom_rules {
	struct sl_arena arena;
	const char *path; /* the file as named */
	struct crule *rules;
	size_t n, cap;
	pcre2_match_context *mctx; /* bounds on REGEX_MATCH's backtracking */
};

/* --- reading the file ------------------------------------------------------ */

static bool blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\v' || ch == '\f';
}

static bool space(char ch)
{
	return blank(ch) || ch == '\n' || ch == '\r';
}

/* The byte offset of the first byte of s that is a NUL or not part of
 * well-formed UTF-8 (no overlong forms, surrogates or code points past
 * U+10FFFF), or len when there is none. */
static size_t utf8_bad(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i];
		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		unsigned lo = 0x80, hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf)
			n = 1;
		else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			if (c == 0xe0)
				lo = 0xa0;
			else if (c == 0xed)
				hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			if (c == 0xf0)
				lo = 0x90;
			else if (c == 0xf4)
				hi = 0x8f;
		} else {
			return i;
		}
		if (i + n >= len)
			return i;
		for (size_t k = 1; k <= n; k++) {
			unsigned d = s[i + k];
			if (d < (k == 1 ? lo : 0x80) || d > (k == 1 ? hi : 0xbf))
				return i;
		}
		i += n + 1;
	}
	return len;
}

/* 1-based column, in characters, of byte p of the line that starts at ls. */
static unsigned column_of(const char *ls, const char *p)
{
	return 1 + (unsigned)sl_utf8_chars(ls, (size_t)(p - ls));
}

static void trim(const char **s, const char **e)
{
	while (*s < *e && space(**s))
		(*s)++;
	while (*e > *s && space((*e)[-1]))
		(*e)--;
}


static bool hex4(const char *p, const char *e, unsigned *out)
{
	if (e - p < 4)
		return false;
	unsigned v = 0;
	for (int k = 0; k < 4; k++) {
		int h = sl_hexval(p[k]);
		if (h < 0)
			return false;
		v = v << 4 | (unsigned)h;
	}
	*out = v;
	return true;
}

static void put_utf8(struct sl_buf *b, unsigned cp)
{
	char u[4];
	sl_buf_put(b, u, sl_utf8_encode(cp, u));
}

/* Decodes s..e when it is exactly one JSON string literal ("a\tb"): true with
 * the text in b. False for anything else (b then holds garbage). */
static bool json_string(const char *s, const char *e, struct sl_buf *b)
{
	if (e - s < 2 || *s != '"' || e[-1] != '"')
		return false;
	for (const char *p = s + 1; p < e - 1; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch == '"' || ch < 0x20)
			return false;
		if (ch != '\\') {
			sl_buf_putc(b, (char)ch);
			continue;
		}
		if (++p >= e - 1)
			return false;
		unsigned cp;
		switch (*p) {
		case '"': sl_buf_putc(b, '"'); break;
		case '\\': sl_buf_putc(b, '\\'); break;
		case '/': sl_buf_putc(b, '/'); break;
		case 'b': sl_buf_putc(b, '\b'); break;
		case 'f': sl_buf_putc(b, '\f'); break;
		case 'n': sl_buf_putc(b, '\n'); break;
		case 'r': sl_buf_putc(b, '\r'); break;
		case 't': sl_buf_putc(b, '\t'); break;
		case 'u':
			if (!hex4(p + 1, e - 1, &cp))
				return false;
			p += 4;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				unsigned lo;
				if (e - 1 - p < 7 || p[1] != '\\' || p[2] != 'u' || !hex4(p + 3, e - 1, &lo) ||
				    lo < 0xdc00 || lo > 0xdfff)
					return false;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				p += 6;
			} else if (cp >= 0xdc00 && cp <= 0xdfff) {
				return false;
			}
			put_utf8(b, cp);
			break;
		default:
			return false;
		}
	}
	return true;
}

/* A value as cfn-lint reads it: a JSON string literal is its text; anything
 * else loses its leading and trailing double quotes ("quote-flexible"). The
 * result is in the arena; NULL when memory ran out. */
static const char *unquote(struct sl_arena *a, const char *s, const char *e, size_t *len)
{
	struct sl_buf b = SL_BUF_INIT;
	const char *out;
	if (json_string(s, e, &b) && !b.oom) {
		*len = b.len;
		out = sl_arena_strndup(a, b.data ? b.data : "", b.len);
	} else {
		while (s < e && *s == '"')
			s++;
		while (e > s && e[-1] == '"')
			e--;
		*len = (size_t)(e - s);
		out = sl_arena_strndup(a, s, *len);
	}
	sl_buf_free(&b);
	return out;
}

/* Parses a decimal number: an optional sign, digits (a single '_' may stand
 * between two), an optional fraction and exponent. True with *out set. */
static bool parse_decimal(const char *s, size_t len, double *out)
{
	char tmp[128];
	size_t n = 0, i = 0, digits = 0;
	if (len >= sizeof(tmp))
		return false;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		tmp[n++] = s[i++];
	for (; i < len && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'); i++) {
		if (s[i] == '_') {
			if (!digits || i + 1 >= len || s[i + 1] < '0' || s[i + 1] > '9')
				return false;
			continue;
		}
		tmp[n++] = s[i];
		digits++;
	}
	if (i < len && s[i] == '.') {
		tmp[n++] = s[i++];
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++)
			tmp[n++] = s[i];
	}
	if (!digits)
		return false;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		tmp[n++] = s[i++];
		if (i < len && (s[i] == '+' || s[i] == '-'))
			tmp[n++] = s[i++];
		size_t ed = 0;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, ed++)
			tmp[n++] = s[i];
		if (!ed)
			return false;
	}
	if (i != len)
		return false;
	tmp[n] = '\0';
	*out = strtod(tmp, NULL);
	return isfinite(*out);
}

static int add_rule(struct sl_custom_rules *rs, struct crule **out)
{
	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? rs->cap * 2 : 16;
		struct crule *p = realloc(rs->rules, cap * sizeof(*p));
		if (!p)
			return -1;
		rs->rules = p;
		rs->cap = cap;
	}
	*out = &rs->rules[rs->n++];
	memset(*out, 0, sizeof(**out));
	return 0;
}

/* Makes r an invalid rule: reported in every template, the reason naming the
 * column at fault. Returns 0, or -1 when memory ran out. */
static int invalid(struct sl_custom_rules *rs, struct crule *r, unsigned column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int invalid(struct sl_custom_rules *rs, struct crule *r, unsigned column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char tmp[1024];
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	r->op = OP_INVALID;
	r->column = column;
	r->id[0] = 'E'; /* cfn-lint's invalid rule is always an error */
	r->invalid = sl_arena_strndup(&rs->arena, tmp, strlen(tmp));
	return r->invalid ? 0 : -1;
}

/* Splits the path at dots into r->names. Returns 0, 1 when the path is not
 * one (r is then invalid), or -1 when memory ran out. */
static int split_path(struct sl_custom_rules *rs, struct crule *r, const char *ls, const char *p,
		      const char *e)
{
	size_t n = 1;
	for (const char *q = p; q < e; q++)
		n += *q == '.';
	if (n > MAX_NAMES)
		return invalid(rs, r, column_of(ls, p), "the property path has %zu names; %d at most are "
			       "followed", n, MAX_NAMES) < 0 ? -1 : 1;
	r->names = sl_arena_alloc(&rs->arena, (n + 1) * sizeof(*r->names));
	if (!r->names)
		return -1;
	for (const char *q = p;; q++) {
		const char *d = memchr(q, '.', (size_t)(e - q));
		const char *end = d ? d : e;
		if (end == q)
			return invalid(rs, r, column_of(ls, q), "the property path '%.*s' has an empty name: "
				       "write names joined by single dots (Environment.Variables.STAGE)",
				       (int)(e - p), p) < 0 ? -1 : 1;
		r->names[r->n_names] = sl_arena_strndup(&rs->arena, q, (size_t)(end - q));
		if (!r->names[r->n_names++])
			return -1;
		if (!d)
			break;
		q = d;
	}
	r->names[r->n_names] = NULL;
	return 0;
}

/* The items of a list value "[a, b]" or ["a", "b"]: split at commas outside
 * double quotes, each trimmed and unquoted. Returns 0, or -1 when memory ran
 * out. */
static int split_list(struct sl_custom_rules *rs, struct crule *r, const char *s, const char *e)
{
	size_t n = 1;
	bool q = false;
	for (const char *p = s; p < e; p++) {
		if (q && *p == '\\' && p + 1 < e)
			p++;
		else if (*p == '"')
			q = !q;
		else if (!q && *p == ',')
			n++;
	}
	r->values = sl_arena_alloc(&rs->arena, n * sizeof(*r->values));
	if (!r->values)
		return -1;
	const char *start = s;
	q = false;
	for (const char *p = s;; p++) {
		if (p < e && q && *p == '\\' && p + 1 < e) {
			p++;
			continue;
		}
		if (p < e && *p == '"')
			q = !q;
		if (p < e && (q || *p != ','))
			continue;
		const char *is = start, *ie = p;
		trim(&is, &ie);
		struct text *t = &r->values[r->n_values++];
		t->s = unquote(&rs->arena, is, ie, &t->len);
		if (!t->s)
			return -1;
		if (p == e)
			break;
		start = p + 1;
	}
	return 0;
}

/* Reads the value part of a rule (vs..ve, trimmed) for its operator. Returns
 * 0, 1 when the value does not suit the operator (r is then invalid), or -1
 * when memory ran out. */
static int parse_value(struct sl_custom_rules *rs, struct crule *r, const char *ls, const char *vs,
		       const char *ve)
{
	unsigned col = column_of(ls, vs);
	size_t len;
	r->value_text = sl_arena_strndup(&rs->arena, vs, (size_t)(ve - vs));
	if (!r->value_text)
		return -1;
	switch (r->op) {
	case OP_IN:
	case OP_NOT_IN:
	case OP_EQ:
	case OP_NE:
		if (r->op != OP_EQ && r->op != OP_NE && ve - vs >= 2 && *vs == '[' && ve[-1] == ']')
			return split_list(rs, r, vs + 1, ve - 1);
		r->values = sl_arena_alloc(&rs->arena, sizeof(*r->values));
		if (!r->values)
			return -1;
		r->n_values = 1;
		r->values->s = unquote(&rs->arena, vs, ve, &r->values->len);
		return r->values->s ? 0 : -1;
	case OP_GT:
	case OP_GE:
	case OP_LT:
	case OP_LE: {
		const char *t = unquote(&rs->arena, vs, ve, &len);
		if (!t)
			return -1;
		if (!parse_decimal(t, len, &r->number))
			return invalid(rs, r, col, "'%s' is not a number, and %s compares numbers",
				       r->value_text, r->op == OP_GT ? ">" : r->op == OP_GE ? ">=" :
				       r->op == OP_LT ? "<" : "<=") < 0 ? -1 : 1;
		return 0;
	}
	case OP_REGEX: {
		const char *pat = unquote(&rs->arena, vs, ve, &len);
		if (!pat)
			return -1;
		r->pattern = pat;
		int code;
		PCRE2_SIZE off;
		r->re = pcre2_compile((PCRE2_SPTR)pat, len, PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_ANCHORED,
				      &code, &off, NULL);
		if (!r->re) {
			PCRE2_UCHAR msg[256];
			if (pcre2_get_error_message(code, msg, sizeof(msg)) < 0)
				strcpy((char *)msg, "unknown error");
			return invalid(rs, r, col, "the pattern %s does not compile (PCRE2, at character %zu "
				       "of the pattern): %s", r->value_text,
				       sl_utf8_chars(pat, off < len ? off : len) + 1, (const char *)msg) < 0 ? -1 : 1;
		}
		return 0;
	}
	case OP_DEFINED: {
		const char *t = unquote(&rs->arena, vs, ve, &len);
		if (!t)
			return -1;
		if (strcmp(t, "DEFINED") == 0)
			return 0;
		if (strcmp(t, "NOT_DEFINED") == 0) {
			r->op = OP_NOT_DEFINED;
			return 0;
		}
		return invalid(rs, r, col, "IS takes DEFINED or NOT_DEFINED, not '%s'", r->value_text) < 0 ? -1 : 1;
	}
	default:
		return 0;
	}
}

/* Parses one line (ls, n bytes, no line break) of the file. Returns 0, 1 after
 * printing a message for a line stacklint refuses, or -1 when memory ran out. */
static int parse_line(struct sl_custom_rules *rs, const char *ls, size_t n, unsigned line, FILE *err)
{
	const char *p = ls, *e = ls + n;
	trim(&p, &e);
	if (p == e || *p == '#')
		return 0;
	if (line >= FIRST_REFUSED_LINE) {
		fprintf(err, "%s:%u:%u: a custom rule on line %u would be E%u or W%u, in the range of "
			"stacklint's own rules (99xxx): rules are read from lines 1 to %u only (blank and "
			"comment lines count); move the rules up\n", rs->path, line, column_of(ls, p), line,
			9000 + line, 9000 + line, FIRST_REFUSED_LINE - 1);
		return 1;
	}
	const char *part[3], *part_end[3];
	int k;
	for (k = 0; k < 3 && p < e; k++) {
		part[k] = p;
		while (p < e && !blank(*p))
			p++;
		part_end[k] = p;
		while (p < e && blank(*p))
			p++;
	}
	if (p == e) {
		static const char *const what[] = { "", "only one part", "only two parts", "no value" };
		fprintf(err, "%s:%u:%u: custom rule has %s: a rule is <Resource Type> <Property> <Operator> "
			"<Value> [WARN|ERROR [message]] (cfn-lint fails on this line too)\n", rs->path, line,
			column_of(ls, e), what[k]);
		return 1;
	}
	struct crule *r;
	if (add_rule(rs, &r) < 0)
		return -1;
	r->line = line;
	r->type = sl_arena_strndup(&rs->arena, part[0], (size_t)(part_end[0] - part[0]));
	r->path = sl_arena_strndup(&rs->arena, part[1], (size_t)(part_end[1] - part[1]));
	if (!r->type || !r->path)
		return -1;

	/* the rest: the value, then WARN or ERROR (the first such word; one in a
	 * quoted value does not count) and the message */
	const char *rest = p, *scan = p, *lv = NULL, *lv_end = NULL;
	if (*rest == '"') {
		for (const char *q = rest + 1; q < e; q++) {
			if (*q == '\\') {
				q++;
			} else if (*q == '"') {
				scan = q + 1;
				break;
			}
		}
	}
	for (const char *w = scan; w < e;) {
		while (w < e && blank(*w))
			w++;
		const char *we = w;
		while (we < e && !blank(*we))
			we++;
		size_t wl = (size_t)(we - w);
		if ((w == rest || blank(w[-1])) && ((wl == 4 && memcmp(w, "WARN", 4) == 0) ||
						    (wl == 5 && memcmp(w, "ERROR", 5) == 0))) {
			lv = w;
			lv_end = we;
			break;
		}
		w = we;
	}
	char level = lv && lv_end - lv == 4 ? 'W' : 'E';
	snprintf(r->id, sizeof(r->id), "%c%u", level, 9000 + line);
	if (lv) {
		const char *ms = lv_end, *me = e;
		trim(&ms, &me);
		while (ms < me && *ms == '"')
			ms++;
		while (me > ms && me[-1] == '"')
			me--;
		if (me > ms && !(r->message = sl_arena_strndup(&rs->arena, ms, (size_t)(me - ms))))
			return -1;
	}
	const char *vs = rest, *ve = lv ? lv : e;
	trim(&vs, &ve);

	bool known = false;
	size_t ol = (size_t)(part_end[2] - part[2]);
	for (size_t i = 0; i < sizeof(operators) / sizeof(operators[0]); i++) {
		if (strlen(operators[i].word) == ol && memcmp(operators[i].word, part[2], ol) == 0) {
			r->op = operators[i].op;
			known = true;
		}
	}
	if (!known)
		return invalid(rs, r, column_of(ls, part[2]), "'%.*s' is not an operator: use " OPERATOR_LIST,
			       (int)ol, part[2]) < 0 ? -1 : 0;
	int rc = split_path(rs, r, ls, part[1], part_end[1]);
	if (rc)
		return rc < 0 ? -1 : 0;
	if (vs == ve)
		return invalid(rs, r, column_of(ls, lv), "there is no value before %.*s",
			       (int)(lv_end - lv), lv) < 0 ? -1 : 0;
	rc = parse_value(rs, r, ls, vs, ve);
	return rc < 0 ? -1 : 0;
}

int sl_custom_load(struct sl_custom_rules **out, const char *path, FILE *err)
{
	*out = NULL;
	char *buf = NULL;
	size_t len = 0;
	int rd = sl_read_regular(path, SL_CUSTOM_MAX_SIZE, &buf, &len);
	if (rd < 0) {
		fprintf(err, "stacklint: cannot read the custom rules file '%s': %s\n", path, strerror(errno));
		return 1;
	}
	if (rd > 0) {
		fprintf(err, "stacklint: the custom rules file '%s' is %zu bytes, over the limit of %zu\n", path,
			len, SL_CUSTOM_MAX_SIZE);
		return 1;
	}
	struct sl_custom_rules *rs = calloc(1, sizeof(*rs));
	if (!rs) {
		free(buf);
		return -1;
	}
	sl_arena_init(&rs->arena);
	int rc = 0;
	rs->path = sl_arena_strndup(&rs->arena, path, strlen(path));
	rs->mctx = pcre2_match_context_create(NULL);
	if (!rs->path || !rs->mctx) {
		rc = -1;
		goto done;
	}
	/* a pattern that backtracks without end gives up (and reports nothing) */
	pcre2_set_match_limit(rs->mctx, 1000000);
	pcre2_set_depth_limit(rs->mctx, 10000);
	pcre2_set_heap_limit(rs->mctx, 20000);

	size_t start = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
	size_t bad = utf8_bad((const unsigned char *)buf, len);
	unsigned line = 1;
	for (size_t off = start; off < len; line++) {
		size_t n = 0;
		while (off + n < len && buf[off + n] != '\n' && buf[off + n] != '\r')
			n++;
		if (bad >= off && bad < off + n) {
			const char *what = buf[bad] ? "is not UTF-8 text" : "holds a NUL byte: it is not a text file";
			fprintf(err, "%s:%u:%u: the custom rules file %s\n", path, line,
				column_of(buf + off, buf + bad), what);
			rc = 1;
			goto done;
		}
		rc = parse_line(rs, buf + off, n, line, err);
		if (rc)
			goto done;
		off += n;
		if (off < len)
			off += buf[off] == '\r' && off + 1 < len && buf[off + 1] == '\n' ? 2 : 1;
	}
	/* the rules no longer move: point each descriptor at its ID and title */
	for (size_t i = 0; i < rs->n; i++) {
		struct crule *r = &rs->rules[i];
		r->desc.id = r->id;
		r->desc.severity = r->id[0] == 'W' ? SL_SEV_WARNING : SL_SEV_ERROR;
		r->desc.title = r->op == OP_INVALID
			? sl_arena_printf(&rs->arena, "Invalid custom rule (%s line %u)", path, r->line)
			: sl_arena_printf(&rs->arena, "Custom rule (%s line %u): %s %s", path, r->line, r->type, r->path);
		r->desc.doc = "";
		r->desc.source = "";
		if (!r->desc.title) {
			rc = -1;
			break;
		}
	}
done:
	free(buf);
	if (rc) {
		sl_custom_free(rs);
		return rc;
	}
	*out = rs;
	return 0;
}

void sl_custom_free(struct sl_custom_rules *rs)
{
	if (!rs)
		return;
	for (size_t i = 0; i < rs->n; i++)
		pcre2_code_free(rs->rules[i].re);
	pcre2_match_context_free(rs->mctx);
	free(rs->rules);
	sl_arena_free(&rs->arena);
	free(rs);
}

const struct sl_rule *sl_custom_rule_find(const struct sl_custom_rules *rs, const char *id)
{
	if (!rs || !id || (id[0] != 'E' && id[0] != 'W'))
		return NULL;
	char *end;
	errno = 0;
	unsigned long v = strtoul(id + 1, &end, 10);
	if (*end || end == id + 1 || errno || v <= 9000 || v >= 9000 + FIRST_REFUSED_LINE)
		return NULL;
	unsigned line = (unsigned)(v - 9000);
	/* rules are in line order: a binary search */
	size_t lo = 0, hi = rs->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rs->rules[mid].line < line)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < rs->n && rs->rules[lo].line == line && strcmp(rs->rules[lo].id, id) == 0)
		return &rs->rules[lo].desc;
	return NULL;
}

bool sl_custom_has_id(const char *id, void *rules)
{
	return sl_custom_rule_find(rules, id) != NULL;
}

/* --- checking a template ---------------------------------------------------- */

struct walk {
	struct sl_ctx *c;
	const struct sl_custom_rules *rs;
	const struct crule *r;
	pcre2_match_data *md; /* REGEX_MATCH */
};

/* Appends 'text' for a message: at most about 60 bytes (cut at a character),
 * control characters escaped. */
static void show(struct sl_buf *b, const char *s, size_t len)
{
	size_t lim = len;
	if (len > 60) {
		lim = 57;
		while (lim > 0 && ((unsigned char)s[lim] & 0xc0) == 0x80)
			lim--;
	}
	sl_buf_putc(b, '\'');
	for (size_t i = 0; i < lim; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n')
			sl_buf_puts(b, "\\n");
		else if (ch == '\t')
			sl_buf_puts(b, "\\t");
		else if (ch < 0x20 || ch == 0x7f)
			sl_buf_printf(b, "\\x%02x", ch);
		else
			sl_buf_putc(b, (char)ch);
	}
	if (lim < len)
		sl_buf_puts(b, "...");
	sl_buf_putc(b, '\'');
}

/* Appends the values of an IN or NOT_IN rule: [a, b, c] (at most about 100
 * bytes of them). */
static void show_list(struct sl_buf *b, const struct crule *r)
{
	size_t start = b->len;
	sl_buf_putc(b, '[');
	for (size_t i = 0; i < r->n_values; i++) {
		if (b->len - start > 100) {
			sl_buf_printf(b, ", ... (%zu values)", r->n_values);
			break;
		}
		if (i)
			sl_buf_puts(b, ", ");
		show(b, r->values[i].s, r->values[i].len);
	}
	sl_buf_putc(b, ']');
}

/* Reports b's message at `at` (the rule's own message instead, when it has
 * one), then frees b. */
static void emit(struct walk *w, const struct sl_node *at, struct sl_buf *b)
{
	if (b->oom)
		w->c->oom = true;
	else
		sl_report(w->c, at, "%s", w->r->message ? w->r->message : sl_buf_cstr(b));
	sl_buf_free(b);
}

static void where(struct walk *w, struct sl_buf *b)
{
	sl_buf_printf(b, "custom rule %s:%u", w->rs->path, w->r->line);
}

/* The property is missing (IS DEFINED): reported at `at`, the key or map
 * where it would be. */
static void missing(struct walk *w, const struct sl_node *at)
{
	struct sl_buf b = SL_BUF_INIT;
	sl_buf_printf(&b, "%s is not defined; ", w->r->path);
	where(w, &b);
	sl_buf_puts(&b, " requires it (IS DEFINED)");
	emit(w, at, &b);
}

/* The property is there (IS NOT_DEFINED). */
static void present(struct walk *w, const struct sl_node *at)
{
	struct sl_buf b = SL_BUF_INIT;
	sl_buf_printf(&b, "%s is defined; ", w->r->path);
	where(w, &b);
	sl_buf_puts(&b, " forbids it (IS NOT_DEFINED): remove it");
	emit(w, at, &b);
}

static char lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* Equal texts; with fold, ASCII letters in any case (as cfn-lint's lower()
 * does for them). */
static bool text_eq(const char *a, size_t al, const char *b, size_t bl, bool fold)
{
	if (al != bl)
		return false;
	if (!fold)
		return memcmp(a, b, al) == 0;
	for (size_t i = 0; i < al; i++)
		if (lower(a[i]) != lower(b[i]))
			return false;
	return true;
}

/* The number a scalar holds: a YAML 1.1 integer (0x1F, 0755, 0b101, 1_000) or
 * float, or a string that is a decimal number. 1 with *out set; 0 when it is
 * no number; -1 when it is one in a form not compared here (1:30, .inf). */
static int number_of(const struct sl_node *v, const char *s, size_t len, double *out)
{
	enum sl_scalar_type ty = sl_scalar_type(v);
	if (ty == SL_TYPE_BOOL || ty == SL_TYPE_NULL)
		return 0;
	if (ty != SL_TYPE_INT)
		return parse_decimal(s, len, out) ? 1 : ty == SL_TYPE_FLOAT ? -1 : 0;
	/* YAML 1.1 integers: 0x1F hex, 0b101 binary, 0755 octal, 1_000 */
	char tmp[64];
	size_t n = 0, i = 0;
	bool neg = false;
	if (len >= sizeof(tmp) || memchr(s, ':', len))
		return -1;
	if (i < len && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	for (; i < len; i++)
		if (s[i] != '_')
			tmp[n++] = s[i];
	tmp[n] = '\0';
	int base = 10;
	const char *d = tmp;
	if (n > 2 && tmp[0] == '0' && tmp[1] == 'x')
		base = 16, d += 2;
	else if (n > 2 && tmp[0] == '0' && tmp[1] == 'b')
		base = 2, d += 2;
	else if (n > 1 && tmp[0] == '0')
		base = 8, d += 1;
	char *end;
	errno = 0;
	unsigned long long u = strtoull(d, &end, base);
	if (*end || end == d || errno)
		return -1;
	*out = neg ? -(double)u : (double)u;
	return 1;
}

/* Whether scalar v (its text s, trimmed) equals the rule's value t: the same
 * text (any case when fold), the same boolean (yes/on are true), or the same
 * number (10 and 10.0). */
static bool equal(const struct sl_node *v, const char *s, size_t len, const struct text *t, bool fold)
{
	const char *ts = t->s, *te = t->s + t->len;
	trim(&ts, &te);
	size_t tl = (size_t)(te - ts);
	if (text_eq(s, len, ts, tl, fold))
		return true;
	int bv = sl_scalar_bool(v);
	if (bv >= 0 && text_eq(bv ? "true" : "false", bv ? 4 : 5, ts, tl, fold))
		return true;
	double a, b;
	return number_of(v, s, len, &a) == 1 && parse_decimal(ts, tl, &b) && a == b;
}

static int re_match(struct walk *w, const char *s, size_t len)
{
	int rc = pcre2_match(w->r->re, (PCRE2_SPTR)s, len, 0, 0, w->md, w->rs->mctx);
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

/* Compares a scalar value with the rule and reports a breach at v. */
static void compare(struct walk *w, const struct sl_node *v)
{
	const struct crule *r = w->r;
	const char *s = v->str, *e = v->str + v->len;
	trim(&s, &e);
	size_t len = (size_t)(e - s);
	struct sl_buf b = SL_BUF_INIT;
	sl_buf_printf(&b, "%s is ", r->path);
	show(&b, s, len);
	switch (r->op) {
	case OP_EQ:
		if (equal(v, s, len, &r->values[0], true))
			break;
		sl_buf_puts(&b, "; ");
		where(w, &b);
		sl_buf_puts(&b, " requires ");
		show(&b, r->values[0].s, r->values[0].len);
		sl_buf_puts(&b, " (EQUALS, in any case)");
		emit(w, v, &b);
		return;
	case OP_NE:
		if (!equal(v, s, len, &r->values[0], true))
			break;
		sl_buf_puts(&b, ", which ");
		where(w, &b);
		sl_buf_puts(&b, " forbids (NOT_EQUALS ");
		show(&b, r->values[0].s, r->values[0].len);
		sl_buf_puts(&b, ", in any case)");
		emit(w, v, &b);
		return;
	case OP_IN:
	case OP_NOT_IN: {
		bool found = false;
		for (size_t i = 0; i < r->n_values && !found; i++)
			found = equal(v, s, len, &r->values[i], false);
		if (found != (r->op == OP_NOT_IN))
			break;
		sl_buf_puts(&b, found ? ", one of " : ", not one of ");
		show_list(&b, r);
		sl_buf_puts(&b, " that ");
		where(w, &b);
		sl_buf_puts(&b, found ? " forbids (NOT_IN)" : " allows (IN)");
		emit(w, v, &b);
		return;
	}
	case OP_REGEX: {
		int m = re_match(w, s, len);
		int bv = sl_scalar_bool(v);
		if (m == 0 && bv >= 0)
			m = re_match(w, bv ? "true" : "false", bv ? 4 : 5);
		if (m != 0)
			break; /* a match, or a pattern that gave up: nothing known */
		sl_buf_puts(&b, ", which does not match ");
		show(&b, r->pattern, strlen(r->pattern));
		sl_buf_puts(&b, " from its start (REGEX_MATCH of ");
		where(w, &b);
		sl_buf_putc(&b, ')');
		emit(w, v, &b);
		return;
	}
	case OP_GT:
	case OP_GE:
	case OP_LT:
	case OP_LE: {
		static const char *const sym[] = { ">", ">=", "<", "<=" };
		static const char *const need[] = { "a number greater than", "at least", "a number less than",
						    "at most" };
		int k = r->op - OP_GT;
		double x;
		int num = number_of(v, s, len, &x);
		if (num < 0)
			break;
		if (num == 0) {
			sl_buf_puts(&b, ", not a number; ");
			where(w, &b);
			sl_buf_printf(&b, " compares it with %s %s", sym[k], r->value_text);
			emit(w, v, &b);
			return;
		}
		bool ok = r->op == OP_GT ? x > r->number : r->op == OP_GE ? x >= r->number :
			  r->op == OP_LT ? x < r->number : x <= r->number;
		if (ok)
			break;
		sl_buf_puts(&b, "; ");
		where(w, &b);
		sl_buf_printf(&b, " requires %s %s (%s)", need[k], r->value_text, sym[k]);
		emit(w, v, &b);
		return;
	}
	default:
		break;
	}
	sl_buf_free(&b);
}

/* Visits v, the value found for the first i names of the path. `key` is the
 * key that holds the property (NULL for a list item); `list` is true when v is
 * the value of a key (or a branch of one), whose items a list stands for. */
static void visit(struct walk *w, const struct sl_node *v, size_t i, const struct sl_node *key, bool list)
{
	const struct crule *r = w->r;
	const struct sl_node *a, *b;
	if (!v || (v->flags & SL_NODE_ALIAS))
		return; /* a YAML alias is never expanded: its value is not known here */
	if (sl_node_is_null(v)) {
		/* a key left empty is not there */
		if (list && key && r->op == OP_DEFINED)
			missing(w, key);
		return;
	}
	if (sl_node_if(v, &a, &b)) {
		visit(w, a, i, key, list);
		visit(w, b, i, key, list);
		return;
	}
	if (sl_node_is_novalue(v))
		return;
	if (sl_node_intrinsic(v)) {
		/* a value known only when the stack deploys */
		if (i == r->n_names && r->op == OP_NOT_DEFINED)
			present(w, key ? key : v);
		return;
	}
	if (list && v->kind == SL_SEQ) {
		if (i == r->n_names && r->op == OP_NOT_DEFINED) {
			present(w, key ? key : v);
			return;
		}
		for (size_t k = 0; k < v->len; k++)
			visit(w, v->items[k], i, NULL, false);
		return;
	}
	if (i == r->n_names) {
		if (r->op == OP_NOT_DEFINED)
			present(w, key ? key : v);
		else if (r->op != OP_DEFINED && v->kind == SL_SCALAR)
			compare(w, v); /* maps and lists are not compared */
		return;
	}
	if (v->kind == SL_MAP) {
		const struct sl_pair *p = sl_map_get_pair(v, r->names[i]);
		/* a YAML merge key (<<) may bring the name in: not known here */
		if (p)
			visit(w, p->value, i + 1, p->key, true);
		else if (r->op == OP_DEFINED && !sl_map_get(v, "<<"))
			missing(w, key ? key : v);
		return;
	}
	/* a scalar or a list where a map should be: nothing can be below it */
	if (r->op == OP_DEFINED)
		missing(w, v);
}

/* A serverless resource, with its Globals: the path is looked up level by
 * level through sl_sam_lookup() while both sides give maps (SAM merges them),
 * then visited from the one value that decides it. */
static void visit_sam(struct walk *w, const struct sl_entity *e, const struct sl_node *where_missing)
{
	const struct crule *r = w->r;
	const char *pre[MAX_NAMES + 1];
	for (size_t k = 0; k < r->n_names; k++) {
		pre[k] = r->names[k];
		pre[k + 1] = NULL;
		struct sl_sam_value sv;
		sl_sam_lookup(&sv, w->c->t, e, pre);
		bool last = k + 1 == r->n_names;
		switch (sv.how) {
		case SL_SAM_ABSENT:
			if (r->op == OP_DEFINED)
				missing(w, where_missing);
			return;
		case SL_SAM_LOCAL:
			visit(w, sv.local, k + 1, sl_map_key_of(sv.local), true);
			return;
		case SL_SAM_GLOBAL:
			visit(w, sv.global, k + 1, sl_map_key_of(sv.global), true);
			return;
		case SL_SAM_LIST_CONCAT:
			if (last && r->op == OP_NOT_DEFINED) {
				const struct sl_node *key = sl_map_key_of(sv.local);
				present(w, key ? key : sv.local);
				return;
			}
			for (size_t j = 0; j < sv.global->len; j++)
				visit(w, sv.global->items[j], k + 1, NULL, false);
			for (size_t j = 0; j < sv.local->len; j++)
				visit(w, sv.local->items[j], k + 1, NULL, false);
			return;
		case SL_SAM_MAP_MERGE:
			if (last) {
				const struct sl_node *key = sl_map_key_of(sv.local);
				if (r->op == OP_NOT_DEFINED)
					present(w, key ? key : sv.local);
				return;
			}
			if (sl_map_key_of(sv.local))
				where_missing = sl_map_key_of(sv.local);
			break;
		}
	}
}

static void check_resource(struct walk *w, const struct sl_entity *e)
{
	const struct sl_pair *tp = sl_map_get_pair(e->value, "Type");
	const struct sl_pair *pp = sl_map_get_pair(e->value, "Properties");
	/* where a missing property is reported: the Properties key, else the
	 * resource's Type key */
	const struct sl_node *holder = pp ? pp->key : tp ? tp->key : e->key;
	/* SAM merges Globals into Properties that are a plain map (or absent) */
	if (sl_sam_is_serverless(e) &&
	    (!pp || (sl_node_is(pp->value, SL_MAP) && !sl_node_intrinsic(pp->value)))) {
		visit_sam(w, e, holder);
		return;
	}
	if (!pp || sl_node_is_null(pp->value)) {
		if (w->r->op == OP_DEFINED)
			missing(w, holder);
		return;
	}
	visit(w, pp->value, 0, pp->key, false);
}

void sl_custom_check(struct sl_ctx *c, const struct sl_custom_rules *rs)
{
	if (!rs || !c->t)
		return;
	const struct sl_template *t = c->t;
	const struct sl_rule *saved = c->rule;
	for (size_t k = 0; k < rs->n && !c->oom; k++) {
		const struct crule *r = &rs->rules[k];
		if (!sl_rule_enabled(&r->desc, c->opts))
			continue;
		c->rule = &r->desc;
		if (r->op == OP_INVALID) {
			/* as cfn-lint: once in every template, at its start */
			struct sl_position at = { 1, 1, 0 };
			sl_report_span(c, c->root, at, at, "custom rule %s:%u:%u is not checked: %s", rs->path,
				       r->line, r->column, r->invalid);
			continue;
		}
		struct walk w = { c, rs, r, NULL };
		if (r->op == OP_REGEX && !(w.md = pcre2_match_data_create_from_pattern(r->re, NULL))) {
			c->oom = true;
			break;
		}
		size_t tl = strlen(r->type);
		for (size_t i = 0; i < t->resources.n; i++) {
			const struct sl_entity *e = &t->resources.items[i];
			if (e->type && e->type->kind == SL_SCALAR && e->type->len == tl &&
			    memcmp(e->type->str, r->type, tl) == 0 && sl_node_is(e->value, SL_MAP))
				check_resource(&w, e);
		}
		pcre2_match_data_free(w.md);
	}
	c->rule = saved;
}
