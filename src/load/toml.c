/*
 * A TOML 1.0 reader that builds the loader's node tree directly (the contract is
 * in toml.h). TOML cannot be streamed into the shared builder: a table may be
 * named in several places ([a.b] early, [a] later, dotted keys in between), so
 * tables are built here, each with a linked list of its entries, and copied into
 * the arena once the whole document has been read.
 *
 * One hash table, keyed by (table, key text), finds a table's entries: every
 * key of a header, a dotted key or an inline table is looked up once, so the
 * work is linear in the input. Arrays and inline tables are read with an
 * explicit stack, never by recursion. Each table remembers how it was defined,
 * which is what TOML 1.0's rules on redefinition need:
 *  - TT_HEADER: named by a [header] (or an element of [[header]]); a second
 *    [header] for it is an error, and dotted keys elsewhere cannot add to it;
 *  - `dotted`: the section (the part of the document after one header, or one
 *    inline table) whose dotted keys made it or went through it; only dotted
 *    keys of that same section may add to it, and no [header] may define it;
 *  - TT_INLINE: an inline table or a static array, or anything inside one:
 *    closed, nothing may add to it;
 *  - neither: a table implied by a longer header ([a] for [a.b]); a [header]
 *    may define it once, dotted keys may go through it.
 *
 * The input is checked first (valid UTF-8, no control characters but tab, LF
 * and CRLF, no bare CR: TOML's grammar allows them nowhere else), so the reader
 * proper only meets text.
 */
#include "load/toml.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/builder.h"
#include "util/text.h"

#define NONE UINT32_MAX

static const char TAG_INT[] = "!!int";
static const char TAG_FLOAT[] = "!!float";
static const char TAG_BOOL[] = "!!bool";
static const char TAG_ODT[] = "!!offset-datetime";
static const char TAG_LDT[] = "!!local-datetime";
static const char TAG_LD[] = "!!local-date";
static const char TAG_LT[] = "!!local-time";

/* Internal results: 0 go on, STOP an error was reported, NOMEM malloc failed. */
enum { T_OK = 0, T_STOP = 1, T_NOMEM = -1 };

#define TRY(expr)                    \
	do {                         \
		int rc_ = (expr);    \
		if (rc_ != T_OK)     \
			return rc_;  \
	} while (0)

enum tt_flags {
	TT_SEQ = 1 << 0,    /* a sequence (array or array of tables), else a map */
	TT_HEADER = 1 << 1, /* defined by a [header] / an element of [[header]] */
	TT_INLINE = 1 << 2, /* an inline table or static array, or inside one */
	TT_AOT = 1 << 3,    /* an array of tables */
	TT_BRACKET = 1 << 4, /* an inline table or array: its brackets are its span */
};

/* A table or array being built. */
struct tt {
	struct sl_node *node;
	uint32_t depth; /* the document is 0 */
	uint32_t flags;
	uint32_t dotted; /* section whose dotted keys made or crossed it; 0 none */
	uint32_t last;   /* array of tables: its last element */
	uint32_t head, tail; /* maps: first and last entry; sequences: first and last item */
	uint32_t n;      /* entries or items */
};

/* One key of one table. */
struct ent {
	uint32_t parent; /* tt id */
	uint32_t child;  /* tt id when the value is a table or array, else NONE */
	uint64_t hash;
	struct sl_node *key;
	struct sl_node *value; /* NULL until its value has been read */
	uint32_t next;   /* the table's next entry, in order of definition */
};

/* One item of a sequence. */
struct item {
	struct sl_node *node;
	uint32_t next;
};

/* One part of a dotted key, decoded. */
struct keypart {
	size_t start, end;
	const char *str; /* in the arena */
	size_t len;
	uint8_t style;
};

/* An open array or inline table. */
struct frame {
	uint32_t tt;
	uint32_t pending; /* inline table: the entry waiting for its value */
	uint32_t section; /* inline table: its own section */
};

struct tp {
	struct sl_doc *doc;
	struct sl_arena *arena;
	struct sl_builder pc; /* used only to convert offsets to positions */
	const char *s;
	size_t n;
	struct tt *tts;
	size_t ntt, ctt;
	struct ent *ents;
	size_t nent, cent;
	struct item *items;
	size_t nitem, citem;
	uint32_t *hash; /* entry id + 1; 0 is empty */
	size_t hcap;
	struct keypart *kp;
	size_t nkp, ckp;
	char *buf; /* scratch for decoded strings and number text */
	size_t blen, bcap;
	struct frame *st;
	size_t depth, cst;
	uint32_t cur;      /* the table of the current section */
	uint32_t section;  /* the current top-level section */
	uint32_t sections; /* sections handed out */
	uint32_t pending;  /* top level: the entry waiting for its value */
	size_t first;      /* offset of the first expression, or the length */
};

/* ---- growable arrays --------------------------------------------------- */

static int grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return T_OK;
	size_t c = *cap ? *cap : 8;
	while (c < need) {
		if (c > SIZE_MAX / 2 / size)
			return T_NOMEM;
		c *= 2;
	}
	void *q = realloc(*p, c * size);
	if (!q)
		return T_NOMEM;
	*p = q;
	*cap = c;
	return T_OK;
}

static int buf_put(struct tp *p, const char *s, size_t len)
{
	TRY(grow((void **)&p->buf, &p->bcap, p->blen + len + 1, 1));
	memcpy(p->buf + p->blen, s, len);
	p->blen += len;
	return T_OK;
}

static int buf_putc(struct tp *p, char c)
{
	return buf_put(p, &c, 1);
}

/* ---- positions and errors ---------------------------------------------- */

static struct sl_position pos(struct tp *p, size_t off)
{
	return sl_builder_pos(&p->pc, off);
}

/* End of the character at off (a whole UTF-8 sequence), or off at the end. */
static size_t char_end(const struct tp *p, size_t off)
{
	if (off >= p->n)
		return p->n;
	size_t e = off + 1;
	while (e < p->n && ((unsigned char)p->s[e] & 0xC0) == 0x80)
		e++;
	return e;
}

static int diag(struct tp *p, struct sl_position a, struct sl_position b, const char *msg)
{
	if (sl_doc_diag(p->doc, "E0000", SL_SEV_ERROR, a, b, msg) < 0)
		return T_NOMEM;
	p->doc->failed = true;
	return T_STOP;
}

/* Reports an E0000 at [start, end) (one character when end <= start) and stops. */
__attribute__((format(printf, 4, 5)))
static int err(struct tp *p, size_t start, size_t end, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (end <= start)
		end = char_end(p, start);
	return diag(p, pos(p, start), pos(p, end), msg);
}

/* "a string", "a table", ...: what an entry holds, for messages. */
static const char *what(const struct tp *p, const struct ent *e)
{
	if (e->child != NONE) {
		uint32_t f = p->tts[e->child].flags;
		if (f & TT_AOT)
			return "an array of tables";
		if (f & TT_SEQ)
			return "an array";
		if (f & TT_BRACKET)
			return "an inline table";
		return "a table";
	}
	const struct sl_node *v = e->value;
	if (!v)
		return "a value";
	switch (sl_toml_type(v)) {
	case SL_TOML_STRING: return "a string";
	case SL_TOML_INTEGER: return "an integer";
	case SL_TOML_FLOAT: return "a float";
	case SL_TOML_BOOLEAN: return "a boolean";
	default: return "a date-time";
	}
}

/* The key as written, from its first part through part `upto`, for messages
 * (at most 100 bytes, "..." when cut). */
static const char *keytext(struct tp *p, size_t upto, char *out, size_t outsz)
{
	size_t a = p->kp[0].start, b = p->kp[upto].end;
	size_t len = b - a;
	if (len > 100) {
		len = 97;
		while (len > 0 && ((unsigned char)p->s[a + len] & 0xC0) == 0x80)
			len--;
		snprintf(out, outsz, "%.*s...", (int)len, p->s + a);
	} else {
		snprintf(out, outsz, "%.*s", (int)len, p->s + a);
	}
	return out;
}

/* ---- the tables -------------------------------------------------------- */

static uint64_t hash_key(uint32_t parent, const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ull);
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
	return h;
}

static uint32_t lookup(const struct tp *p, uint32_t parent, const struct keypart *k, uint64_t h)
{
	if (!p->hcap)
		return NONE;
	for (size_t i = (size_t)h & (p->hcap - 1);; i = (i + 1) & (p->hcap - 1)) {
		uint32_t e = p->hash[i];
		if (!e)
			return NONE;
		const struct ent *x = &p->ents[e - 1];
		if (x->hash == h && x->parent == parent && x->key->len == k->len &&
		    memcmp(x->key->str, k->str, k->len) == 0)
			return e - 1;
	}
}

static int hash_insert(struct tp *p, uint32_t id)
{
	if ((p->nent + 1) * 2 > p->hcap) {
		size_t cap = p->hcap ? p->hcap * 2 : 64;
		uint32_t *t = calloc(cap, sizeof(*t));
		if (!t)
			return T_NOMEM;
		for (size_t e = 0; e < p->nent; e++) {
			if (e == id)
				continue;
			size_t i = (size_t)p->ents[e].hash & (cap - 1);
			while (t[i])
				i = (i + 1) & (cap - 1);
			t[i] = (uint32_t)e + 1;
		}
		free(p->hash);
		p->hash = t;
		p->hcap = cap;
	}
	size_t i = (size_t)p->ents[id].hash & (p->hcap - 1);
	while (p->hash[i])
		i = (i + 1) & (p->hcap - 1);
	p->hash[i] = id + 1;
	return T_OK;
}

/* A node spanning [start, end); with tag, one that carries it (a TOML value
 * that is not a string: its type as a YAML tag). */
static struct sl_node *mk(struct tp *p, enum sl_kind kind, uint8_t style, size_t start, size_t end,
			  const char *tag)
{
	struct sl_node *n = sl_node_new(p->arena, tag);
	if (!n)
		return NULL;
	n->kind = (uint8_t)kind;
	n->style = style;
	n->start = (uint32_t)start;
	n->end = (uint32_t)end;
	return n;
}

/* A new table or array for node, one level below `parent_depth`. */
static int new_tt(struct tp *p, struct sl_node *node, uint32_t parent_depth, uint32_t flags,
		  size_t at, uint32_t *out)
{
	if (parent_depth + 1 > SL_MAX_DEPTH)
		return err(p, at, at, "nesting deeper than %d levels; stacklint stops reading here "
			   "(no real file nests this deep)", SL_MAX_DEPTH);
	if (p->ntt >= NONE - 1)
		return T_NOMEM;
	TRY(grow((void **)&p->tts, &p->ctt, p->ntt + 1, sizeof(struct tt)));
	struct tt *t = &p->tts[p->ntt];
	memset(t, 0, sizeof(*t));
	t->node = node;
	t->depth = parent_depth + 1;
	t->flags = flags;
	t->last = t->head = t->tail = NONE;
	*out = (uint32_t)p->ntt++;
	return T_OK;
}

/* Adds the entry for key part k (hash h) to table `parent`, value unset. */
static int add_ent(struct tp *p, uint32_t parent, const struct keypart *k, uint64_t h, uint32_t *out)
{
	struct sl_node *key = mk(p, SL_SCALAR, k->style, k->start, k->end, NULL);
	if (!key)
		return T_NOMEM;
	key->str = k->str;
	key->len = (uint32_t)k->len;
	if (p->nent >= NONE - 1)
		return T_NOMEM;
	TRY(grow((void **)&p->ents, &p->cent, p->nent + 1, sizeof(struct ent)));
	uint32_t id = (uint32_t)p->nent;
	p->ents[id] = (struct ent){ .parent = parent, .child = NONE, .hash = h, .key = key, .next = NONE };
	TRY(hash_insert(p, id));
	p->nent++;
	struct tt *t = &p->tts[parent];
	if (t->tail == NONE)
		t->head = id;
	else
		p->ents[t->tail].next = id;
	t->tail = id;
	t->n++;
	*out = id;
	return T_OK;
}

/* Adds key part k to table `parent` holding a new map (start at `start`). */
static int add_table(struct tp *p, uint32_t parent, const struct keypart *k, uint64_t h, size_t start,
		     uint8_t style, uint32_t flags, uint32_t *out)
{
	uint32_t e, t;
	TRY(add_ent(p, parent, k, h, &e));
	struct sl_node *m = mk(p, SL_MAP, style, start, k->end, NULL);
	if (!m)
		return T_NOMEM;
	TRY(new_tt(p, m, p->tts[parent].depth, flags, k->start, &t));
	p->ents[e].child = t;
	p->ents[e].value = m;
	*out = t;
	return T_OK;
}

static int push_item(struct tp *p, uint32_t seq, struct sl_node *item)
{
	if (p->nitem >= NONE - 1)
		return T_NOMEM;
	TRY(grow((void **)&p->items, &p->citem, p->nitem + 1, sizeof(struct item)));
	uint32_t id = (uint32_t)p->nitem++;
	p->items[id] = (struct item){ .node = item, .next = NONE };
	struct tt *t = &p->tts[seq];
	if (t->tail == NONE)
		t->head = id;
	else
		p->items[t->tail].next = id;
	t->tail = id;
	t->n++;
	return T_OK;
}

/* Both places of a key (or, `table`, a [table]) defined twice. */
static int duplicate(struct tp *p, const struct ent *first, size_t part, bool table)
{
	const struct keypart *k = &p->kp[part];
	char kt[128], what_[160];
	keytext(p, part, kt, sizeof kt);
	snprintf(what_, sizeof what_, table ? "table [%s] defined twice" : "duplicate key '%s'", kt);
	struct sl_position s = pos(p, k->start), e = pos(p, k->end);
	char *m1 = sl_arena_printf(p->arena, "%s: first defined at line %u, column %u (%s)", what_,
				   pos(p, first->key->start).line, pos(p, first->key->start).column,
				   "TOML does not allow defining a key or table twice");
	char *m2 = sl_arena_printf(p->arena, "%s: defined again at line %u, column %u", what_,
				   s.line, s.column);
	if (!m1 || !m2)
		return T_NOMEM;
	if (diag(p, pos(p, first->key->start), pos(p, first->key->end), m2) == T_NOMEM || diag(p, s, e, m1) == T_NOMEM)
		return T_NOMEM;
	return T_STOP;
}

/* ---- the pre-scan -------------------------------------------------------- */

/* Invalid UTF-8, control characters other than tab, LF and CR, and a CR not
 * followed by LF: each is an error wherever it is in a TOML document. */
static int prescan(struct tp *p)
{
	const unsigned char *s = (const unsigned char *)p->s;
	size_t n = p->n;
	for (size_t i = 0; i < n;) {
		unsigned c = s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (c == '\t' || c == '\n') {
			i++;
			continue;
		}
		if (c == '\r') {
			if (i + 1 < n && s[i + 1] == '\n') {
				i += 2;
				continue;
			}
			return err(p, i, i + 1, "carriage return not followed by a line feed: TOML allows "
				   "CR only in a CRLF line break");
		}
		if (c == 0)
			return err(p, i, i + 1, "NUL byte in the file: TOML is text (is this a binary file?)");
		if (c < 0x80)
			return err(p, i, i + 1, "control character U+%04X is not allowed in TOML (in a basic "
				   "string, write it as \\u%04X)", c, c);
		unsigned cp, need;
		if (c >= 0xC2 && c <= 0xDF)
			cp = c & 0x1F, need = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			cp = c & 0x0F, need = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			cp = c & 0x07, need = 3;
		else
			return err(p, i, i + 1, "invalid UTF-8 (byte 0x%02X): TOML must be UTF-8 text", c);
		for (unsigned k = 1; k <= need; k++) {
			if (i + k >= n || (s[i + k] & 0xC0) != 0x80)
				return err(p, i, i + 1, "invalid UTF-8 (byte 0x%02X): TOML must be UTF-8 text", c);
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return err(p, i, i + 1, "invalid UTF-8 (byte 0x%02X): TOML must be UTF-8 text", c);
		i += need + 1;
	}
	return T_OK;
}

/* ---- lexical helpers --------------------------------------------------- */

static inline bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool is_bare(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_' || c == '-';
}

static size_t skip_ws(const struct tp *p, size_t i)
{
	while (i < p->n && (p->s[i] == ' ' || p->s[i] == '\t'))
		i++;
	return i;
}

static size_t skip_comment(const struct tp *p, size_t i)
{
	while (i < p->n && p->s[i] != '\n' && p->s[i] != '\r')
		i++;
	return i;
}

/* At a line break (LF or CRLF; the pre-scan allows no other CR)? Its length. */
static size_t newline_at(const struct tp *p, size_t i)
{
	if (i < p->n && p->s[i] == '\n')
		return 1;
	if (i + 1 < p->n && p->s[i] == '\r' && p->s[i + 1] == '\n')
		return 2;
	return 0;
}

/* Whitespace, line breaks and comments (inside arrays). */
static size_t skip_ws_nl(const struct tp *p, size_t i)
{
	for (;;) {
		i = skip_ws(p, i);
		size_t nl = newline_at(p, i);
		if (nl) {
			i += nl;
			continue;
		}
		if (i < p->n && p->s[i] == '#') {
			i = skip_comment(p, i);
			continue;
		}
		return i;
	}
}


static int put_utf8(struct tp *p, uint32_t cp)
{
	char o[4];
	return buf_put(p, o, sl_utf8_encode(cp, o));
}

/* ---- strings ----------------------------------------------------------- */

/* Decodes the escape at *pi (s[*pi] == '\\') into the buffer; *pi ends past it. */
static int escape(struct tp *p, size_t *pi)
{
	const char *s = p->s;
	size_t i = *pi;
	if (i + 1 >= p->n)
		return err(p, i, i + 1, "unterminated string");
	char c = s[i + 1];
	const char *simple = "b\bt\tn\nf\fr\r\"\"\\\\";
	for (const char *q = simple; *q; q += 2) {
		if (c == q[0]) {
			*pi = i + 2;
			return buf_putc(p, q[1]);
		}
	}
	if (c == 'u' || c == 'U') {
		size_t digits = c == 'u' ? 4 : 8;
		uint32_t cp = 0;
		for (size_t k = 0; k < digits; k++) {
			int d = i + 2 + k < p->n ? sl_hexval(s[i + 2 + k]) : -1;
			if (d < 0)
				return err(p, i, i + 2 + k, "invalid escape: '\\%c' needs exactly %zu hex digits",
					   c, digits);
			cp = cp * 16 + (uint32_t)d;
		}
		if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return err(p, i, i + 2 + digits, "invalid escape '%.*s': U+%X is not a Unicode scalar "
				   "value (surrogates and values over 10FFFF are not allowed)",
				   (int)(2 + digits), s + i, (unsigned)cp);
		*pi = i + 2 + digits;
		return put_utf8(p, cp);
	}
	size_t e = char_end(p, i + 1);
	if (c == 'e' || c == 'x')
		return err(p, i, e, "invalid escape '\\%c' (it is new in TOML 1.1; TOML 1.0 has \\b \\t \\n "
			   "\\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)", c);
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		return err(p, i, i + 1, "invalid escape: '\\' followed by whitespace (a line-ending "
			   "backslash is allowed only in a multi-line basic string, before the line break)");
	return err(p, i, e, "invalid escape '\\%.*s' (TOML 1.0 has \\b \\t \\n \\f \\r \\\" \\\\ "
		   "\\uXXXX \\UXXXXXXXX)", (int)(e - i - 1), s + i + 1);
}

/* Reads the string whose opening quote is at *pi into p->buf (blen bytes).
 * `key`: a key (one line only). *pi ends past the closing quote; *ml says
 * whether it was a multi-line string. */
static int read_string(struct tp *p, size_t *pi, bool key, bool *ml)
{
	const char *s = p->s;
	size_t n = p->n, open = *pi, i = open + 1;
	char q = s[open];
	bool basic = q == '"';
	p->blen = 0;
	*ml = false;
	if (n - open >= 3 && s[open + 1] == q && s[open + 2] == q) {
		if (key)
			return err(p, open, open + 3, "a multi-line string cannot be a key");
		*ml = true;
		i = open + 3;
		i += newline_at(p, i); /* a line break right after the delimiter is trimmed */
		for (;;) {
			if (i >= n)
				return err(p, open, open + 3, "unterminated multi-line string (no closing %c%c%c)",
					   q, q, q);
			char c = s[i];
			if (c == q) {
				size_t r = 0;
				while (i + r < n && s[i + r] == q)
					r++;
				if (r >= 3) {
					if (r > 5)
						return err(p, i + 5, i + r, "too many quotes at the end of a multi-line "
							   "string (at most two may come before the closing %c%c%c)",
							   q, q, q);
					TRY(buf_put(p, s + i, r - 3));
					*pi = i + r;
					return T_OK;
				}
				TRY(buf_put(p, s + i, r));
				i += r;
			} else if (c == '\\' && basic) {
				size_t k = skip_ws(p, i + 1);
				if (k > i + 1 || newline_at(p, k)) {
					if (!newline_at(p, k))
						return escape(p, &i);
					/* line-ending backslash: drop all whitespace up to the next text */
					i = k;
					while (i < n && (s[i] == ' ' || s[i] == '\t' || newline_at(p, i)))
						i += newline_at(p, i) ? newline_at(p, i) : 1;
					continue;
				}
				TRY(escape(p, &i));
			} else if (c == '\r') { /* CRLF: read as LF */
				TRY(buf_putc(p, '\n'));
				i += 2;
			} else {
				size_t j = i + 1;
				while (j < n && s[j] != q && s[j] != '\\' && s[j] != '\r')
					j++;
				TRY(buf_put(p, s + i, j - i));
				i = j;
			}
		}
	}
	for (;;) {
		size_t j = i;
		while (j < n && s[j] != q && s[j] != '\n' && s[j] != '\r' && !(basic && s[j] == '\\'))
			j++;
		TRY(buf_put(p, s + i, j - i));
		i = j;
		if (i >= n)
			return err(p, open, open + 1, "unterminated string (no closing %c)", q);
		if (s[i] == q) {
			*pi = i + 1;
			return T_OK;
		}
		if (s[i] == '\\') {
			TRY(escape(p, &i));
			continue;
		}
		return err(p, i, i + newline_at(p, i), "line break in a %s string (missing closing %c? a "
			   "string over several lines needs %c%c%c)", basic ? "basic" : "literal", q, q, q, q);
	}
}

/* ---- keys -------------------------------------------------------------- */

/* Reads a (dotted) key at *pi into p->kp; *pi ends just past its last part. */
static int read_key(struct tp *p, size_t *pi)
{
	size_t i = *pi;
	p->nkp = 0;
	for (;;) {
		struct keypart k = { .start = i };
		if (i < p->n && (p->s[i] == '"' || p->s[i] == '\'')) {
			bool ml;
			TRY(read_string(p, &i, true, &ml));
			k.style = p->s[k.start] == '"' ? SL_DOUBLE : SL_SINGLE;
			k.str = sl_node_strdup(p->arena, p->buf ? p->buf : "", p->blen, &k.len);
		} else {
			while (i < p->n && is_bare(p->s[i]))
				i++;
			if (i == k.start) {
				if (i >= p->n || newline_at(p, i))
					return err(p, i, i, "expected a key%s", p->nkp ? " after '.'" : "");
				if (p->s[i] == '=')
					return err(p, i, i, "missing key before '='");
				if (p->s[i] == '.')
					return err(p, i, i, "empty key part: '.' must come between two keys");
				return err(p, i, i, "invalid character '%.*s' in a key (bare keys are "
					   "A-Za-z0-9_-; quote other keys)", (int)(char_end(p, i) - i), p->s + i);
			}
			k.style = SL_PLAIN;
			k.str = sl_arena_strndup(p->arena, p->s + k.start, i - k.start);
			k.len = i - k.start;
		}
		if (!k.str)
			return T_NOMEM;
		k.end = i;
		TRY(grow((void **)&p->kp, &p->ckp, p->nkp + 1, sizeof(struct keypart)));
		p->kp[p->nkp++] = k;
		size_t j = skip_ws(p, i);
		if (j < p->n && p->s[j] == '.') {
			i = skip_ws(p, j + 1);
			continue;
		}
		*pi = i;
		return T_OK;
	}
}

/* ---- defining tables and keys -------------------------------------------- */

/* The [header] or [[header]] at `open`; *pi ends past its closing bracket(s). */
static int header(struct tp *p, size_t open, bool aot, size_t *pi)
{
	char kt[128];
	size_t i = skip_ws(p, open + (aot ? 2 : 1));
	TRY(read_key(p, &i));
	i = skip_ws(p, i);
	if (i >= p->n || p->s[i] != ']' || (aot && (i + 1 >= p->n || p->s[i + 1] != ']'))) {
		if (aot && i < p->n && p->s[i] == ']')
			return err(p, i, i + 1, "expected ']]' to close the array-of-tables header");
		return err(p, i, i, "expected '%s' after the table name", aot ? "]]" : "]");
	}
	size_t end = i + (aot ? 2 : 1);
	uint32_t t = 0;
	size_t last = p->nkp - 1;
	for (size_t k = 0; k < last; k++) {
		struct keypart *kp = &p->kp[k];
		uint64_t h = hash_key(t, kp->str, kp->len);
		uint32_t e = lookup(p, t, kp, h);
		if (e == NONE) {
			TRY(add_table(p, t, kp, h, kp->start, SL_BLOCK, 0, &t));
			continue;
		}
		const struct ent *x = &p->ents[e];
		uint32_t c = x->child;
		if (c == NONE || (p->tts[c].flags & TT_INLINE) ||
		    (p->tts[c].flags & (TT_SEQ | TT_AOT)) == TT_SEQ)
			return err(p, kp->start, kp->end, "'%s' is %s (line %u, column %u), not a table: "
				   "a [header] cannot add to it", keytext(p, k, kt, sizeof kt), what(p, x),
				   pos(p, x->key->start).line, pos(p, x->key->start).column);
		t = (p->tts[c].flags & TT_AOT) ? p->tts[c].last : c;
	}
	struct keypart *kp = &p->kp[last];
	uint64_t h = hash_key(t, kp->str, kp->len);
	uint32_t e = lookup(p, t, kp, h);
	if (!aot) {
		if (e == NONE) {
			TRY(add_table(p, t, kp, h, open, SL_BLOCK, TT_HEADER, &t));
			p->tts[t].node->end = (uint32_t)(end);
		} else {
			const struct ent *x = &p->ents[e];
			uint32_t c = x->child;
			if (c == NONE || (p->tts[c].flags & (TT_INLINE | TT_SEQ)))
				return err(p, kp->start, kp->end, "'%s' is already %s (line %u, column %u); "
					   "[%s] cannot define it as a table%s", keytext(p, last, kt, sizeof kt),
					   what(p, x), pos(p, x->key->start).line, pos(p, x->key->start).column, kt,
					   (p->tts[c == NONE ? 0 : c].flags & TT_AOT) && c != NONE
						   ? " (use [[...]] to add an element)" : "");
			if (p->tts[c].flags & TT_HEADER)
				return duplicate(p, x, last, true);
			if (p->tts[c].dotted)
				return err(p, kp->start, kp->end, "table '%s' was already defined with dotted "
					   "keys (line %u, column %u); a [header] cannot define it again",
					   keytext(p, last, kt, sizeof kt), pos(p, x->key->start).line,
					   pos(p, x->key->start).column);
			p->tts[c].flags |= TT_HEADER;
			t = c;
			if (p->tts[t].node->end < end)
				p->tts[t].node->end = (uint32_t)(end);
		}
	} else {
		uint32_t seq;
		if (e == NONE) {
			uint32_t id;
			TRY(add_ent(p, t, kp, h, &id));
			struct sl_node *sn = mk(p, SL_SEQ, SL_BLOCK, open, end, NULL);
			if (!sn)
				return T_NOMEM;
			TRY(new_tt(p, sn, p->tts[t].depth, TT_SEQ | TT_AOT, kp->start, &seq));
			p->ents[id].child = seq;
			p->ents[id].value = sn;
		} else {
			const struct ent *x = &p->ents[e];
			seq = x->child;
			if (seq == NONE || !(p->tts[seq].flags & TT_AOT))
				return err(p, kp->start, kp->end, "'%s' is already %s (line %u, column %u); "
					   "[[%s]] cannot make it an array of tables", keytext(p, last, kt, sizeof kt),
					   what(p, x), pos(p, x->key->start).line, pos(p, x->key->start).column, kt);
		}
		struct sl_node *m = mk(p, SL_MAP, SL_BLOCK, open, end, NULL);
		if (!m)
			return T_NOMEM;
		TRY(new_tt(p, m, p->tts[seq].depth, TT_HEADER, open, &t));
		TRY(push_item(p, seq, m));
		p->tts[seq].last = t;
	}
	p->cur = t;
	p->section = ++p->sections;
	*pi = end;
	return T_OK;
}

/* Defines the key in p->kp in table t (dotted parts in `section`; `inl` inside an
 * inline table): *out is its new entry, waiting for its value. */
static int define_key(struct tp *p, uint32_t t, uint32_t section, bool inl, uint32_t *out)
{
	char kt[128];
	size_t last = p->nkp - 1;
	for (size_t k = 0; k < last; k++) {
		struct keypart *kp = &p->kp[k];
		uint64_t h = hash_key(t, kp->str, kp->len);
		uint32_t e = lookup(p, t, kp, h);
		if (e == NONE) {
			TRY(add_table(p, t, kp, h, kp->start, inl ? SL_FLOW : SL_BLOCK, inl ? TT_INLINE : 0, &t));
			p->tts[t].dotted = section;
			continue;
		}
		const struct ent *x = &p->ents[e];
		uint32_t c = x->child;
		if (c == NONE || (p->tts[c].flags & TT_SEQ))
			return err(p, kp->start, kp->end, "'%s' is already %s (line %u, column %u); a dotted "
				   "key cannot add to it", keytext(p, k, kt, sizeof kt), what(p, x),
				   pos(p, x->key->start).line, pos(p, x->key->start).column);
		struct tt *ct = &p->tts[c];
		if (ct->dotted != section) {
			if (ct->flags & TT_HEADER)
				return err(p, kp->start, kp->end, "table '%s' is defined by a [header] (line %u, "
					   "column %u); dotted keys under another table cannot add to it",
					   keytext(p, k, kt, sizeof kt), pos(p, x->key->start).line, pos(p, x->key->start).column);
			if (ct->dotted || (ct->flags & TT_INLINE))
				return err(p, kp->start, kp->end, "'%s' is %s defined at line %u, column %u; it "
					   "cannot be extended here", keytext(p, k, kt, sizeof kt),
					   ct->dotted ? "a table" : what(p, x), pos(p, x->key->start).line,
					   pos(p, x->key->start).column);
			ct->dotted = section; /* a table implied by a header: dotted keys may go through */
		}
		t = c;
	}
	struct keypart *kp = &p->kp[last];
	uint64_t h = hash_key(t, kp->str, kp->len);
	uint32_t e = lookup(p, t, kp, h);
	if (e != NONE)
		return duplicate(p, &p->ents[e], last, false);
	return add_ent(p, t, kp, h, out);
}

/* ---- values ------------------------------------------------------------ */

static int expected_eq(struct tp *p, size_t i)
{
	if (i >= p->n || newline_at(p, i) || p->s[i] == '#')
		return err(p, i, i, "expected '=' after a key");
	return err(p, i, i, "expected '=' after a key, found '%.*s'", (int)(char_end(p, i) - i), p->s + i);
}

/* Where the next value goes: the pending entry's table, or the open array. */
static uint32_t target_table(const struct tp *p)
{
	if (p->depth == 0)
		return p->ents[p->pending].parent;
	const struct frame *f = &p->st[p->depth - 1];
	if (p->tts[f->tt].flags & TT_SEQ)
		return f->tt;
	return p->ents[f->pending].parent;
}

static int attach(struct tp *p, struct sl_node *v, uint32_t child)
{
	uint32_t e;
	if (p->depth == 0) {
		e = p->pending;
	} else {
		const struct frame *f = &p->st[p->depth - 1];
		if (p->tts[f->tt].flags & TT_SEQ)
			return push_item(p, f->tt, v);
		e = f->pending;
	}
	p->ents[e].value = v;
	p->ents[e].child = child;
	return T_OK;
}

static int scalar(struct tp *p, size_t start, size_t end, uint8_t style, const char *tag,
		  const char *text, size_t len)
{
	struct sl_node *v = mk(p, SL_SCALAR, style, start, end, tag);
	if (!v)
		return T_NOMEM;
	v->str = sl_node_strdup(p->arena, text ? text : "", len, &len);
	if (!v->str)
		return T_NOMEM;
	v->len = (uint32_t)len;
	return attach(p, v, NONE);
}

static int digits2(const char *s)
{
	return is_digit(s[0]) && is_digit(s[1]) ? (s[0] - '0') * 10 + (s[1] - '0') : -1;
}

/* The date-time, date or time at [i, i+len). *tag gets its type. */
static int datetime(struct tp *p, size_t i, size_t len, const char **tag)
{
	const char *s = p->s + i;
	size_t k = 0;
	bool date = false;
	if (len >= 5 && s[4] == '-') {
		if (len < 10 || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) || !is_digit(s[3]) ||
		    s[7] != '-' || digits2(s + 5) < 0 || digits2(s + 8) < 0 ||
		    (len > 10 && is_digit(s[10])))
			return err(p, i, i + len, "invalid date '%.*s' (expected YYYY-MM-DD)",
				   (int)(len > 60 ? 60 : len), s);
		int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + digits2(s + 2);
		int m = digits2(s + 5), d = digits2(s + 8);
		static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
		if (m < 1 || m > 12)
			return err(p, i + 5, i + 7, "invalid date: month %02d is not 01 to 12", m);
		int md = mdays[m - 1] + (m == 2 && y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
		if (d < 1 || d > md)
			return err(p, i + 8, i + 10, "invalid date: day %02d does not exist in %04d-%02d", d, y, m);
		date = true;
		k = 10;
		if (k == len) {
			*tag = TAG_LD;
			return T_OK;
		}
		if (s[k] != 'T' && s[k] != 't' && s[k] != ' ')
			return err(p, i + k, i + k, "invalid date-time: expected 'T' or a space between the date "
				   "and the time");
		k++;
	}
	/* HH:MM:SS[.frac] */
	if (len - k < 8 || digits2(s + k) < 0 || s[k + 2] != ':' || digits2(s + k + 3) < 0 ||
	    s[k + 5] != ':' || digits2(s + k + 6) < 0) {
		if (len - k >= 5 && digits2(s + k) >= 0 && s[k + 2] == ':' && digits2(s + k + 3) >= 0 &&
		    (len - k == 5 || s[k + 5] != ':'))
			return err(p, i + k, i + len, "invalid time: TOML 1.0 requires seconds (HH:MM:SS)");
		return err(p, i + k, i + len, "invalid %s '%.*s' (expected HH:MM:SS)", date ? "date-time" : "time",
			   (int)(len > 60 ? 60 : len), s);
	}
	int hh = digits2(s + k), mm = digits2(s + k + 3), ss = digits2(s + k + 6);
	if (hh > 23)
		return err(p, i + k, i + k + 2, "invalid time: hour %02d is not 00 to 23", hh);
	if (mm > 59)
		return err(p, i + k + 3, i + k + 5, "invalid time: minute %02d is not 00 to 59", mm);
	if (ss > 60)
		return err(p, i + k + 6, i + k + 8, "invalid time: second %02d is not 00 to 60", ss);
	k += 8;
	if (k < len && s[k] == '.') {
		size_t f = ++k;
		while (k < len && is_digit(s[k]))
			k++;
		if (k == f)
			return err(p, i + k, i + k, "invalid time: expected digits after the '.'");
	}
	if (k == len) {
		*tag = date ? TAG_LDT : TAG_LT;
		return T_OK;
	}
	if (!date)
		return err(p, i + k, i + len, "invalid time: a local time has no offset or date");
	if (s[k] == 'Z' || s[k] == 'z') {
		k++;
	} else if (s[k] == '+' || s[k] == '-') {
		if (len - k < 6 || digits2(s + k + 1) < 0 || s[k + 3] != ':' || digits2(s + k + 4) < 0)
			return err(p, i + k, i + len, "invalid time offset (expected Z, +HH:MM or -HH:MM)");
		if (digits2(s + k + 1) > 23 || digits2(s + k + 4) > 59)
			return err(p, i + k, i + k + 6, "invalid time offset '%.6s'", s + k);
		k += 6;
	} else {
		return err(p, i + k, i + k, "invalid date-time: unexpected '%.*s'",
			   (int)(char_end(p, i + k) - i - k), s + k);
	}
	if (k != len)
		return err(p, i + k, i + len, "invalid date-time: unexpected text after the offset");
	*tag = TAG_ODT;
	return T_OK;
}

/* Digits of `base` with single underscores between them, from *pk; appends the
 * digits to the buffer. Returns the count, or -1 after reporting an error. */
static int digit_run(struct tp *p, size_t i, size_t len, size_t *pk, int base, const char *what_)
{
	const char *s = p->s + i;
	size_t k = *pk, start = k;
	int count = 0;
	while (k < len) {
		char c = s[k];
		int d = sl_hexval(c);
		if (c == '_') {
			if (k == start || k + 1 >= len || sl_hexval(s[k + 1]) < 0 || sl_hexval(s[k + 1]) >= base) {
				err(p, i + k, i + k + 1, "misplaced '_' in %s: an underscore must be between two "
				    "digits", what_);
				return -1;
			}
			k++;
			continue;
		}
		if (d < 0 || d >= base)
			break;
		if (buf_putc(p, c) != T_OK)
			return -2;
		count++;
		k++;
	}
	*pk = k;
	return count;
}

#define DIGITS(call)                  \
	do {                          \
		r = (call);           \
		if (r == -1)          \
			return T_STOP; \
		if (r == -2)          \
			return T_NOMEM; \
	} while (0)

/* The integer or float at [i, i+len): normalized text in the buffer, *tag its type. */
static int number(struct tp *p, size_t i, size_t len, const char **tag)
{
	const char *s = p->s + i;
	size_t k = 0;
	int r;
	bool neg = false, sign = false;
	p->blen = 0;
	if (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-';
		sign = true;
		k = 1;
	}
	if (len - k == 3 && (memcmp(s + k, "inf", 3) == 0 || memcmp(s + k, "nan", 3) == 0)) {
		*tag = TAG_FLOAT;
		if (s[k] == 'n')
			return buf_put(p, ".nan", 4);
		return buf_put(p, neg ? "-.inf" : ".inf", neg ? 5 : 4);
	}
	if (len - k >= 2 && s[k] == '0' && (s[k + 1] == 'x' || s[k + 1] == 'o' || s[k + 1] == 'b' ||
					    s[k + 1] == 'X' || s[k + 1] == 'O' || s[k + 1] == 'B')) {
		char pre = s[k + 1];
		if (pre == 'X' || pre == 'O' || pre == 'B')
			return err(p, i + k + 1, i + k + 2, "invalid integer: the prefix must be lower case "
				   "(0x, 0o, 0b)");
		if (sign)
			return err(p, i, i + 1, "invalid integer: 0%c integers cannot have a sign", pre);
		int base = pre == 'x' ? 16 : pre == 'o' ? 8 : 2;
		k += 2;
		DIGITS(digit_run(p, i, len, &k, base, "an integer"));
		if (r == 0)
			return err(p, i + k, i + k, "invalid integer: expected digits after '0%c'", pre);
		if (k != len)
			return err(p, i + k, i + k, "invalid character '%.*s' in a base-%d integer",
				   (int)(char_end(p, i + k) - i - k), s + k, base);
		uint64_t v = 0;
		for (size_t d = 0; d < p->blen; d++) {
			uint64_t dv = (uint64_t)sl_hexval(p->buf[d]);
			if (v > (UINT64_C(0x7FFFFFFFFFFFFFFF) - dv) / (uint64_t)base)
				return err(p, i, i + len, "integer '%.*s' is out of range (TOML integers are "
					   "64-bit signed)", (int)(len > 60 ? 60 : len), s);
			v = v * (uint64_t)base + dv;
		}
		char out[24];
		int ol = snprintf(out, sizeof out, "%llu", (unsigned long long)v);
		p->blen = 0;
		*tag = TAG_INT;
		return buf_put(p, out, (size_t)ol);
	}
	if (neg)
		TRY(buf_putc(p, '-'));
	size_t int_start = k;
	DIGITS(digit_run(p, i, len, &k, 10, "a number"));
	if (r == 0) {
		if (k < len && s[k] == '.')
			return err(p, i + k, i + k, "invalid float: a digit must come before the '.'");
		return err(p, i, i + len, "invalid value '%.*s'", (int)(len > 60 ? 60 : len), s);
	}
	if (s[int_start] == '0' && r > 1)
		return err(p, i + int_start, i + k, "leading zeros are not allowed in TOML numbers ('%.*s')",
			   (int)(len > 60 ? 60 : len), s);
	bool flt = false;
	if (k < len && s[k] == '.') {
		flt = true;
		k++;
		TRY(buf_putc(p, '.'));
		DIGITS(digit_run(p, i, len, &k, 10, "a float"));
		if (r == 0)
			return err(p, i + k, i + k, "invalid float: a digit must follow the '.'");
	}
	if (k < len && (s[k] == 'e' || s[k] == 'E')) {
		if (!flt)
			TRY(buf_put(p, ".0", 2));
		flt = true;
		k++;
		TRY(buf_putc(p, 'e'));
		if (k < len && (s[k] == '+' || s[k] == '-'))
			TRY(buf_putc(p, s[k++]));
		else
			TRY(buf_putc(p, '+'));
		DIGITS(digit_run(p, i, len, &k, 10, "an exponent"));
		if (r == 0)
			return err(p, i + k, i + k, "invalid float: expected digits in the exponent");
	}
	if (k != len)
		return err(p, i + k, i + k, "invalid character '%.*s' in a number",
			   (int)(char_end(p, i + k) - i - k), s + k);
	if (flt) {
		*tag = TAG_FLOAT;
		return T_OK;
	}
	/* the decimal integer: check its range, write it without sign noise */
	uint64_t v = 0, lim = neg ? UINT64_C(0x8000000000000000) : UINT64_C(0x7FFFFFFFFFFFFFFF);
	for (size_t d = neg ? 1 : 0; d < p->blen; d++) {
		uint64_t dv = (uint64_t)(p->buf[d] - '0');
		if (v > (lim - dv) / 10)
			return err(p, i, i + len, "integer '%.*s' is out of range (TOML integers are 64-bit "
				   "signed)", (int)(len > 60 ? 60 : len), s);
		v = v * 10 + dv;
	}
	*tag = TAG_INT;
	if (v == 0) {
		p->blen = 0;
		return buf_putc(p, '0');
	}
	return T_OK;
}

static bool token_char(char c)
{
	return is_bare(c) || c == '+' || c == '.' || c == ':';
}

/* A value that is not a string, array or inline table, at *pi. */
static int bare_value(struct tp *p, size_t *pi)
{
	const char *s = p->s;
	size_t i = *pi, j = i;
	while (j < p->n && token_char(s[j]))
		j++;
	/* "1979-05-27 07:32:00": a space may separate the date and the time */
	if (j - i == 10 && s[i + 4] == '-' && s[i + 7] == '-' && j + 3 < p->n && s[j] == ' ' &&
	    is_digit(s[j + 1]) && is_digit(s[j + 2]) && s[j + 3] == ':') {
		j++;
		while (j < p->n && token_char(s[j]))
			j++;
	}
	size_t len = j - i;
	const char *tag = NULL;
	if (len == 0) {
		if (i >= p->n || newline_at(p, i) || s[i] == '#')
			return err(p, i, i, "expected a value");
		return err(p, i, i, "expected a value, found '%.*s'", (int)(char_end(p, i) - i), s + i);
	}
	if ((len == 4 && memcmp(s + i, "true", 4) == 0) || (len == 5 && memcmp(s + i, "false", 5) == 0)) {
		*pi = j;
		return scalar(p, i, j, SL_PLAIN, TAG_BOOL, s + i, len);
	}
	bool dt = (len >= 5 && is_digit(s[i]) && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
		   is_digit(s[i + 3]) && s[i + 4] == '-') ||
		  (len >= 3 && is_digit(s[i]) && is_digit(s[i + 1]) && s[i + 2] == ':');
	size_t l3 = len < 3 ? len : 3;
	if (!dt && !is_digit(s[i]) && s[i] != '+' && s[i] != '-' && s[i] != '.' &&
	    memcmp(s + i, "inf", l3) != 0 && memcmp(s + i, "nan", l3) != 0) {
		if (len <= 5 && (memcmp(s + i, "True", len) == 0 || memcmp(s + i, "False", len) == 0 ||
				 memcmp(s + i, "TRUE", len) == 0 || memcmp(s + i, "FALSE", len) == 0))
			return err(p, i, j, "'%.*s' is not a TOML value: booleans are lower case (true, "
				   "false)", (int)len, s + i);
		return err(p, i, j, "expected a value, found '%.*s%s' (strings must be quoted)",
			   (int)(len > 40 ? 40 : len), s + i, len > 40 ? "..." : "");
	}
	if (dt) {
		TRY(datetime(p, i, len, &tag));
		*pi = j;
		return scalar(p, i, j, SL_PLAIN, tag, s + i, len);
	}
	TRY(number(p, i, len, &tag));
	*pi = j;
	return scalar(p, i, j, SL_PLAIN, tag, p->buf, p->blen);
}

/* Opens an array or inline table at i. */
static int open_container(struct tp *p, size_t i, bool table)
{
	struct sl_node *n = mk(p, table ? SL_MAP : SL_SEQ, SL_FLOW, i, i + 1, NULL);
	if (!n)
		return T_NOMEM;
	uint32_t t;
	TRY(new_tt(p, n, p->tts[target_table(p)].depth,
		   TT_INLINE | TT_BRACKET | (table ? 0 : TT_SEQ), i, &t));
	TRY(attach(p, n, t));
	TRY(grow((void **)&p->st, &p->cst, p->depth + 1, sizeof(struct frame)));
	p->st[p->depth++] = (struct frame){ .tt = t, .pending = NONE,
					    .section = table ? ++p->sections : 0 };
	return T_OK;
}

/* Reads a value at *pi (after '='), arrays and inline tables included; *pi ends
 * past it. The value goes to p->pending. */
static int value(struct tp *p, size_t *pi)
{
	const char *s = p->s;
	size_t i = *pi;
	bool ml;

next_value:
	i = skip_ws(p, i);
	if (i >= p->n && p->depth) {
		const struct sl_node *open = p->tts[p->st[p->depth - 1].tt].node;
		return err(p, i, i, "unexpected end of file: the %s opened at line %u, column %u is "
			   "not closed", open->kind == SL_SEQ ? "array" : "inline table",
			   pos(p, open->start).line, pos(p, open->start).column);
	}
	if (i >= p->n)
		return err(p, i, i, "unexpected end of file: expected a value");
	switch (s[i]) {
	case '"':
	case '\'': {
		size_t st = i;
		TRY(read_string(p, &i, false, &ml));
		TRY(scalar(p, st, i, s[st] == '"' ? SL_DOUBLE : SL_SINGLE, NULL, p->buf, p->blen));
		break;
	}
	case '[':
		TRY(open_container(p, i, false));
		i = skip_ws_nl(p, i + 1);
		if (i < p->n && s[i] == ']')
			goto close;
		goto next_value;
	case '{':
		TRY(open_container(p, i, true));
		i = skip_ws(p, i + 1);
		if (i < p->n && s[i] == '}')
			goto close;
		goto inline_key;
	default:
		TRY(bare_value(p, &i));
		break;
	}

after_value:
	if (p->depth == 0) {
		*pi = i;
		return T_OK;
	}
	if (p->tts[p->st[p->depth - 1].tt].flags & TT_SEQ) {
		i = skip_ws_nl(p, i);
		if (i < p->n && s[i] == ',') {
			i = skip_ws_nl(p, i + 1);
			if (i < p->n && s[i] == ']')
				goto close;
			goto next_value;
		}
		if (i < p->n && s[i] == ']')
			goto close;
		if (i >= p->n)
			goto next_value; /* reports the unclosed array */
		return err(p, i, i, "expected ',' or ']' after an array element");
	}
	i = skip_ws(p, i);
	if (i < p->n && s[i] == ',') {
		size_t c = i;
		i = skip_ws(p, i + 1);
		if (i < p->n && s[i] == '}')
			return err(p, c, c + 1, "trailing comma in an inline table (not allowed in TOML 1.0)");
		goto inline_key;
	}
	if (i < p->n && s[i] == '}')
		goto close;
	if (i >= p->n)
		goto next_value; /* reports the unclosed inline table */
	if (newline_at(p, i) || s[i] == '#')
		return err(p, i, i, "expected ',' or '}': an inline table must be on one line in TOML 1.0");
	return err(p, i, i, "expected ',' or '}' after an inline table entry");

inline_key: {
	struct frame *f = &p->st[p->depth - 1];
	if (i >= p->n || newline_at(p, i) || s[i] == '#')
		return err(p, i, i, "expected a key or '}': an inline table must be on one line in TOML 1.0");
	TRY(read_key(p, &i));
	i = skip_ws(p, i);
	if (i >= p->n || s[i] != '=')
		return expected_eq(p, i);
	uint32_t e;
	f = &p->st[p->depth - 1];
	TRY(define_key(p, f->tt, f->section, true, &e));
	p->st[p->depth - 1].pending = e;
	i++;
	goto next_value;
}

close:
	p->tts[p->st[p->depth - 1].tt].node->end = (uint32_t)(i + 1);
	p->depth--;
	i++;
	goto after_value;
}

/* ---- the document ------------------------------------------------------ */

/* Whitespace, then a comment, then a line break or the end must follow. */
static int line_end(struct tp *p, size_t *pi, const char *after)
{
	size_t i = skip_ws(p, *pi);
	if (i < p->n && p->s[i] == '#')
		i = skip_comment(p, i);
	if (i < p->n && !newline_at(p, i))
		return err(p, i, i, "expected a line break after %s, found '%.*s'", after,
			   (int)(char_end(p, i) - i), p->s + i);
	*pi = i;
	return T_OK;
}

static int parse(struct tp *p)
{
	const char *s = p->s;
	size_t i = 0;
	for (;;) {
		i = skip_ws(p, i);
		if (i >= p->n)
			return T_OK;
		size_t nl = newline_at(p, i);
		if (nl) {
			i += nl;
			continue;
		}
		if (s[i] == '#') {
			i = skip_comment(p, i);
			continue;
		}
		if (p->first == p->n)
			p->first = i;
		if (s[i] == '[') {
			bool aot = i + 1 < p->n && s[i + 1] == '[';
			TRY(header(p, i, aot, &i));
			TRY(line_end(p, &i, aot ? "an array-of-tables header" : "a table header"));
			continue;
		}
		TRY(read_key(p, &i));
		i = skip_ws(p, i);
		if (i >= p->n || s[i] != '=')
			return expected_eq(p, i);
		TRY(define_key(p, p->cur, p->section, false, &p->pending));
		i++;
		TRY(value(p, &i));
		TRY(line_end(p, &i, "a value"));
	}
}

static uint32_t later(uint32_t a, uint32_t b)
{
	return b > a ? b : a;
}

/* Copies every table and array into the arena, links parents, and extends each
 * block table to its last entry. Children have higher ids than their parents,
 * so one pass from the last id finishes children first. */
static int finish(struct tp *p)
{
	for (size_t id = p->ntt; id-- > 0;) {
		struct tt *t = &p->tts[id];
		struct sl_node *n = t->node;
		bool block = !(t->flags & TT_BRACKET);
		uint32_t end = n->end;
		n->len = (uint32_t)t->n;
		if (t->flags & TT_SEQ) {
			n->items = sl_arena_alloc(p->arena, (t->n ? t->n : 1) * sizeof(struct sl_node *));
			if (!n->items)
				return T_NOMEM;
			size_t k = 0;
			for (uint32_t it = t->head; it != NONE; it = p->items[it].next, k++) {
				struct sl_node *c = p->items[it].node;
				n->items[k] = c;
				c->parent = n;
				if (block)
					end = later(end, c->end);
			}
		} else {
			n->pairs = sl_arena_alloc(p->arena, (t->n ? t->n : 1) * sizeof(struct sl_pair));
			if (!n->pairs)
				return T_NOMEM;
			size_t k = 0;
			for (uint32_t x = t->head; x != NONE; x = p->ents[x].next, k++) {
				const struct ent *e = &p->ents[x];
				n->pairs[k].key = e->key;
				n->pairs[k].value = e->value;
				e->key->parent = n;
				e->value->parent = n;
				if (block)
					end = later(end, e->value->end);
			}
		}
		n->end = end;
	}
	return T_OK;
}

static const char *const toml_tags[] = { TAG_INT, TAG_FLOAT, TAG_BOOL, TAG_ODT, TAG_LDT, TAG_LD, TAG_LT };

enum sl_toml_type sl_toml_type(const struct sl_node *n)
{
	if (!n || n->kind != SL_SCALAR)
		return SL_TOML_NONE;
	const char *tag = sl_node_tag(n);
	if (n->style == SL_DOUBLE || n->style == SL_SINGLE)
		return tag ? SL_TOML_NONE : SL_TOML_STRING;
	if (n->style != SL_PLAIN || !tag)
		return SL_TOML_NONE;
	for (size_t k = 0; k < sizeof toml_tags / sizeof toml_tags[0]; k++)
		if (tag == toml_tags[k] || strcmp(tag, toml_tags[k]) == 0)
			return (enum sl_toml_type)(SL_TOML_INTEGER + k);
	return SL_TOML_NONE;
}

int sl_load_toml(struct sl_doc *d, struct sl_arena *arena, const char *buf, size_t len,
		 const struct sl_load_opts *opts)
{
	memset(d, 0, sizeof(*d));
	d->arena = arena;
	d->src = buf ? buf : "";
	d->len = buf ? len : 0;
	size_t max = opts && opts->max_size ? opts->max_size : SL_DEFAULT_MAX_SIZE;
	if (len > max || len > SL_MAX_INPUT_SIZE) {
		char msg[200];
		if (len > max)
			snprintf(msg, sizeof(msg), "file is %s%zu bytes, over the size limit of %zu bytes "
				 "(--max-size); not parsed", len == max + 1 ? "at least " : "", len, max);
		else
			snprintf(msg, sizeof(msg), "file is over %zu bytes (4 GiB - 1), the most stacklint "
				 "reads whatever --max-size says (positions are 32-bit); not parsed",
				 SL_MAX_INPUT_SIZE);
		d->src = "";
		d->len = 0;
		if (sl_doc_lines(d) < 0)
			return (d->oom = true), -1;
		d->failed = true;
		struct sl_position z = sl_doc_pos(d, 0);
		return sl_doc_diag(d, "E0000", SL_SEV_ERROR, z, z, msg) < 0 ? (d->oom = true, -1) : 0;
	}
	if (d->len >= 3 && memcmp(d->src, "\xEF\xBB\xBF", 3) == 0) {
		d->src += 3;
		d->len -= 3;
	}
	if (sl_doc_lines(d) < 0)
		return (d->oom = true), -1;

	struct tp p = { .doc = d, .arena = arena, .s = d->src, .n = d->len };
	sl_builder_init(&p.pc, d);
	p.first = p.n;
	int rc = prescan(&p);
	if (rc == T_OK) {
		struct sl_node *root = mk(&p, SL_MAP, SL_BLOCK, 0, 0, NULL);
		uint32_t t;
		rc = root ? new_tt(&p, root, 0, 0, 0, &t) : T_NOMEM;
		p.section = p.sections = 1;
		if (rc == T_OK) {
			p.tts[0].depth = 0;
			rc = parse(&p);
		}
		if (rc == T_OK) {
			root->start = (uint32_t)(p.first < p.n ? p.first : 0);
			root->end = root->start;
			rc = finish(&p);
		}
		if (rc == T_OK)
			d->root = root;
	}
	free(p.tts);
	free(p.items);
	free(p.ents);
	free(p.hash);
	free(p.kp);
	free(p.buf);
	free(p.st);
	sl_builder_fini(&p.pc);
	if (rc == T_NOMEM || d->oom) {
		d->oom = true;
		d->root = NULL;
		return -1;
	}
	if (d->failed)
		d->root = NULL;
	return 0;
}
