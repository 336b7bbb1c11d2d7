/*
 * Assembly of UserData into text and parsing of helper-script invocations (see
 * userdata.h). Text is built in a growable buffer with one origin per byte, then
 * copied into the template's arena.
 */
#include "rules/helpers/userdata.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/textscan.h"
#include "util/arena.h"
#include "util/text.h"

#define NOPOS UINT32_MAX

struct asmb {
	const struct sl_doc *doc;
	char *s;
	struct sl_ud_origin *o;
	size_t len, cap;
	bool incomplete, oom;
};

static void put(struct asmb *a, char ch, const struct sl_node *n, uint32_t off)
{
	if (a->len == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 256;
		char *s = realloc(a->s, cap + 1);
		if (!s) {
			a->oom = true;
			return;
		}
		a->s = s;
		struct sl_ud_origin *o = realloc(a->o, (cap + 1) * sizeof(*o));
		if (!o) {
			a->oom = true;
			return;
		}
		a->o = o;
		a->cap = cap;
	}
	a->s[a->len] = ch;
	a->o[a->len].node = n;
	a->o[a->len].off = off;
	a->len++;
}

static void put_str(struct asmb *a, const char *s, size_t len, const struct sl_node *n)
{
	for (size_t i = 0; i < len; i++)
		put(a, s[i], n, NOPOS);
}


/* Decodes the escape at src[p] (a backslash) of a double-quoted scalar: returns
 * its length in the source and stores the first byte it yields and how many
 * bytes it yields in *first / *n. */
static size_t escape(const char *src, size_t p, size_t end, unsigned char *first, size_t *n)
{
	*n = 1;
	if (p + 1 >= end)
		return 1;
	char e = src[p + 1];
	static const char from[] = "ntr\"\\/bf0e a", to[] = "\n\t\r\"\\/\b\f\0\x1b \a";
	const char *f = memchr(from, e, sizeof(from) - 1);
	if (f) {
		*first = (unsigned char)to[f - from];
		return 2;
	}
	if (e == '\n' || e == '\r') {
		*n = 0;
		size_t q = p + 2;
		while (q < end && (src[q] == ' ' || src[q] == '\t' || src[q] == '\n' || src[q] == '\r'))
			q++;
		return q - p;
	}
	size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
	if (!digits || p + 2 + digits > end)
		return 2;
	unsigned long cp = 0;
	for (size_t i = 0; i < digits; i++) {
		int h = sl_hexval(src[p + 2 + i]);
		if (h < 0)
			return 2;
		cp = cp * 16 + (unsigned long)h;
	}
	size_t len = 2 + digits;
	if (e == 'u' && cp >= 0xD800 && cp < 0xDC00 && p + 12 <= end && src[p + 6] == '\\' &&
	    src[p + 7] == 'u') {
		cp = 0x10000; /* a surrogate pair: four bytes */
		len = 12;
	}
	*n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	*first = cp < 0x80 ? (unsigned char)cp : 0; /* only an ASCII first byte is compared */
	return len;
}

/* Maps each byte of a scalar's value to its offset in the source: walks the
 * source from the node's start and matches the value's bytes in order,
 * skipping what the value does not hold (quotes, indentation, the header of a
 * block scalar) and decoding escapes of double-quoted scalars. Bytes that
 * cannot be matched get NOPOS. */
static void map_scalar(const struct sl_doc *d, const struct sl_node *n, uint32_t *offs)
{
	size_t p = n->start, end = n->end;
	const char *src = d->src;
	for (size_t i = 0; i < n->len; i++)
		offs[i] = NOPOS;
	if (end > d->len || p >= end || (n->flags & (SL_NODE_SYNTH | SL_NODE_ALIAS)))
		return;
	if (n->style == SL_LITERAL || n->style == SL_FOLDED) {
		while (p < end && src[p] != '\n')
			p++;
		p++;
	}
	const unsigned char *v = (const unsigned char *)n->str;
	size_t i = 0;
	while (i < n->len && p < end) {
		if (n->style == SL_DOUBLE && src[p] == '\\') {
			unsigned char first = 0;
			size_t k;
			size_t l = escape(src, p, end, &first, &k);
			if (k && (first == v[i] || (first == 0 && v[i] >= 0x80))) {
				for (size_t j = 0; j < k && i < n->len; j++)
					offs[i++] = (uint32_t)p;
			}
			p += l;
			continue;
		}
		if ((unsigned char)src[p] == v[i])
			offs[i++] = (uint32_t)p;
		p++;
	}
}

static void emit(struct asmb *a, const struct sl_node *n, int depth);

static void placeholder(struct asmb *a, const struct sl_node *n, const char *name, size_t len,
			bool incomplete)
{
	put_str(a, "${", 2, n);
	put_str(a, name, len, n);
	put(a, '}', n, NOPOS);
	a->incomplete = a->incomplete || incomplete;
}

static void emit_scalar(struct asmb *a, const struct sl_node *n, size_t from, size_t to,
			const uint32_t *offs)
{
	for (size_t i = from; i < to; i++)
		put(a, n->str[i], n, offs ? offs[i] : NOPOS);
}

/* Fn::Sub: ${Var} of the map are replaced by their values; the rest is kept
 * as written, ${!Literal} becoming ${Literal}. */
static void emit_sub(struct asmb *a, const struct sl_node *str, const struct sl_node *vars, int depth)
{
	uint32_t *offs = str->len ? malloc(str->len * sizeof(uint32_t)) : NULL;
	if (offs)
		map_scalar(a->doc, str, offs);
	const char *s = str->str;
	size_t i = 0, lit = 0;
	while (i < str->len) {
		if (s[i] != '$' || i + 1 >= str->len || s[i + 1] != '{') {
			i++;
			continue;
		}
		if (i + 2 < str->len && s[i + 2] == '!') {
			emit_scalar(a, str, lit, i + 2, offs);
			lit = i + 3;
			i += 3;
			continue;
		}
		const char *close = memchr(s + i + 2, '}', str->len - i - 2);
		if (!close)
			break;
		size_t vs = i + 2, vl = (size_t)(close - s) - vs;
		const struct sl_node *val = NULL;
		for (size_t k = 0; vars && sl_node_is(vars, SL_MAP) && k < vars->len; k++)
			if (vars->pairs[k].key->len == vl && memcmp(vars->pairs[k].key->str, s + vs, vl) == 0)
				val = vars->pairs[k].value;
		if (val) {
			emit_scalar(a, str, lit, i, offs);
			emit(a, val, depth + 1);
			lit = vs + vl + 1;
		}
		i = vs + vl + 1;
	}
	emit_scalar(a, str, lit, str->len, offs);
	free(offs);
}

static void emit(struct asmb *a, const struct sl_node *n, int depth)
{
	if (!n || depth > 32) {
		a->incomplete = true;
		return;
	}
	if (n->kind == SL_SCALAR) {
		if (n->flags & SL_NODE_ALIAS) {
			placeholder(a, n, n->str, n->len, true);
			return;
		}
		uint32_t *offs = n->len ? malloc(n->len * sizeof(uint32_t)) : NULL;
		if (offs)
			map_scalar(a->doc, n, offs);
		emit_scalar(a, n, 0, n->len, offs);
		free(offs);
		return;
	}
	const struct sl_node *fn = sl_node_intrinsic(n);
	if (!fn) {
		placeholder(a, n, "?", 1, true);
		return;
	}
	const struct sl_node *arg = n->pairs[0].value;
	if (sl_str_eq(fn, "Fn::Base64")) {
		emit(a, arg, depth + 1);
	} else if (sl_str_eq(fn, "Fn::Sub") && sl_node_is(arg, SL_SCALAR)) {
		emit_sub(a, arg, NULL, depth);
	} else if (sl_str_eq(fn, "Fn::Sub") && sl_node_is(arg, SL_SEQ) && arg->len == 2 &&
		   sl_node_is(arg->items[0], SL_SCALAR)) {
		emit_sub(a, arg->items[0], arg->items[1], depth);
	} else if (sl_str_eq(fn, "Fn::Join") && sl_node_is(arg, SL_SEQ) && arg->len == 2 &&
		   sl_node_is(arg->items[0], SL_SCALAR) && sl_node_is(arg->items[1], SL_SEQ)) {
		const struct sl_node *d = arg->items[0], *list = arg->items[1];
		uint32_t *offs = d->len ? malloc(d->len * sizeof(uint32_t)) : NULL;
		if (offs)
			map_scalar(a->doc, d, offs);
		for (size_t i = 0; i < list->len; i++) {
			if (i)
				emit_scalar(a, d, 0, d->len, offs);
			emit(a, list->items[i], depth + 1);
		}
		free(offs);
	} else if (sl_str_eq(fn, "Ref") && sl_node_is(arg, SL_SCALAR)) {
		placeholder(a, n, arg->str, arg->len, false);
	} else if (sl_str_eq(fn, "Fn::GetAtt") && sl_node_is(arg, SL_SEQ) && arg->len == 2 &&
		   sl_node_is(arg->items[0], SL_SCALAR) && sl_node_is(arg->items[1], SL_SCALAR)) {
		put_str(a, "${", 2, n);
		put_str(a, arg->items[0]->str, arg->items[0]->len, n);
		put(a, '.', n, NOPOS);
		put_str(a, arg->items[1]->str, arg->items[1]->len, n);
		put(a, '}', n, NOPOS);
	} else {
		placeholder(a, n, fn->str, fn->len, true);
	}
}

/* ---- shell words and helper-script invocations ---- */

struct optdef {
	char s;           /* short name, or 0 */
	const char *name; /* long name */
	bool value;       /* takes a value */
};

static const struct optdef common[] = {
	{ 0, "region", true }, { 0, "access-key", true }, { 0, "secret-key", true },
	{ 'f', "credential-file", true }, { 0, "role", true }, { 'u', "url", true },
	{ 0, "http-proxy", true }, { 0, "https-proxy", true }, { 'v', "verbose", false },
	{ 'h', "help", false }, { 0, NULL, false },
};
static const struct optdef init_opts[] = {
	{ 's', "stack", true }, { 'r', "resource", true }, { 'c', "configsets", true },
	{ 0, NULL, false },
};
static const struct optdef signal_opts[] = {
	{ 's', "success", true }, { 'r', "reason", true }, { 'd', "data", true }, { 'i', "id", true },
	{ 'e', "exit-code", true }, { 0, "stack", true }, { 0, "resource", true }, { 0, NULL, false },
};
static const struct optdef meta_opts[] = {
	{ 's', "stack", true }, { 'r', "resource", true }, { 'k', "key", true }, { 0, NULL, false },
};
static const struct optdef hup_opts[] = {
	{ 'c', "config", true }, { 0, "no-daemon", false }, { 0, NULL, false },
};

static const struct optdef *find_opt(enum sl_ud_tool tool, char s, const char *name, size_t len)
{
	const struct optdef *lists[2] = {
		tool == SL_UD_INIT ? init_opts : tool == SL_UD_SIGNAL ? signal_opts
			: tool == SL_UD_GET_METADATA ? meta_opts : hup_opts,
		common,
	};
	for (int l = 0; l < 2; l++)
		for (const struct optdef *d = lists[l]; d->name; d++)
			if (s ? d->s == s : (strlen(d->name) == len && memcmp(d->name, name, len) == 0))
				return d;
	return NULL;
}

struct words {
	struct sl_ud_word *w;
	size_t n, cap;
	bool oom;
};

static bool is_sep(char c)
{
	return c == ';' || c == '&' || c == '|' || c == '(' || c == ')' || c == '\n' || c == '<' ||
	       c == '>';
}

/* Splits one command (text[from..] up to a separator) into words; returns
 * where the command ends. */
static size_t split_command(struct sl_arena *ar, const char *t, size_t len, size_t p, struct words *ws)
{
	ws->n = 0;
	char *buf = malloc(len + 1);
	if (!buf) {
		ws->oom = true;
		return len;
	}
	while (p < len) {
		while (p < len && (t[p] == ' ' || t[p] == '\t' || t[p] == '\r'))
			p++;
		if (p >= len || is_sep(t[p]))
			break;
		if (t[p] == '#') { /* a comment, to the end of the line */
			while (p < len && t[p] != '\n')
				p++;
			break;
		}
		struct sl_ud_word w = { 0 };
		size_t bl = 0, first = SIZE_MAX, last = 0;
		char q = 0;
		while (p < len) {
			char ch = t[p];
			if (!q && (ch == ' ' || ch == '\t' || ch == '\r' || is_sep(ch)))
				break;
			if (!q && (ch == '\'' || ch == '"')) {
				q = ch;
				p++;
				continue;
			}
			if (q && ch == q) {
				q = 0;
				p++;
				continue;
			}
			if (ch == '\\' && q != '\'' && p + 1 < len && t[p + 1] != '\n') {
				p++;
				ch = t[p];
			}
			if (ch == '$' || ch == '`')
				w.unknown = true;
			if (first == SIZE_MAX)
				first = p;
			last = p;
			buf[bl++] = ch;
			p++;
		}
		w.str = sl_arena_strndup(ar, buf, bl);
		w.len = bl;
		w.start = first == SIZE_MAX ? p : first;
		w.end = first == SIZE_MAX ? p : last + 1;
		if (!w.str) {
			ws->oom = true;
			break;
		}
		if (ws->n == ws->cap) {
			size_t cap = ws->cap ? ws->cap * 2 : 16;
			struct sl_ud_word *nw = realloc(ws->w, cap * sizeof(*nw));
			if (!nw) {
				ws->oom = true;
				break;
			}
			ws->w = nw;
			ws->cap = cap;
		}
		ws->w[ws->n++] = w;
	}
	free(buf);
	return p;
}

/* The tool a word invokes (its base name, with or without .exe), or -1. */
static int tool_of(const struct sl_ud_word *w)
{
	static const char *const names[] = { "cfn-init", "cfn-signal", "cfn-hup", "cfn-get-metadata" };
	size_t b = w->len;
	while (b > 0 && w->str[b - 1] != '/' && w->str[b - 1] != '\\' && w->str[b - 1] != '=')
		b--;
	size_t l = w->len - b;
	if (l > 4 && (strcmp(w->str + w->len - 4, ".exe") == 0 || strcmp(w->str + w->len - 4, ".EXE") == 0))
		l -= 4;
	for (int i = 0; i < 4; i++)
		if (strlen(names[i]) == l && memcmp(names[i], w->str + b, l) == 0)
			return i;
	return -1;
}

/* Words that may stand before the command they run. */
static bool prefix_word(const struct sl_ud_word *w)
{
	static const char *const pre[] = { "sudo", "exec", "nohup", "env", "time", "nice", "call",
					   "start", "cmd", "cmd.exe", "/c", "/C", "command", "!", NULL };
	if (w->len && (w->str[0] == '-' || memchr(w->str, '=', w->len)))
		return true;
	for (int i = 0; pre[i]; i++)
		if (strcmp(w->str, pre[i]) == 0)
			return true;
	return false;
}

static int add_call(struct sl_arena *ar, struct sl_ud_script *s, size_t *cap, enum sl_ud_tool tool,
		    const struct sl_ud_word *w, size_t n)
{
	if (s->n_calls == *cap) {
		size_t nc = *cap ? *cap * 2 : 4;
		struct sl_ud_call *p = sl_arena_alloc(ar, nc * sizeof(*p));
		if (!p)
			return -1;
		if (s->n_calls)
			memcpy(p, s->calls, s->n_calls * sizeof(*p));
		s->calls = p;
		*cap = nc;
	}
	struct sl_ud_call *c = &s->calls[s->n_calls++];
	memset(c, 0, sizeof(*c));
	c->tool = tool;
	c->cmd = w[0];
	c->opts = n > 1 ? sl_arena_alloc(ar, (n - 1) * sizeof(*c->opts)) : NULL;
	if (n > 1 && !c->opts)
		return -1;
	for (size_t i = 1; i < n; i++) {
		const struct sl_ud_word *a = &w[i];
		if (a->unknown && (a->len == 0 || a->str[0] != '-')) {
			c->unknown_args = true; /* a placeholder may hold options */
			continue;
		}
		if (a->len < 2 || a->str[0] != '-')
			continue; /* a positional argument (cfn-signal's wait handle URL) */
		struct sl_ud_opt o = { 0 };
		o.flag = *a;
		const struct optdef *d;
		size_t vat = 0; /* where an attached value starts in the word */
		if (a->str[1] == '-') {
			const char *eq = memchr(a->str + 2, '=', a->len - 2);
			size_t nl = eq ? (size_t)(eq - a->str) - 2 : a->len - 2;
			d = find_opt(tool, 0, a->str + 2, nl);
			vat = eq ? (size_t)(eq - a->str) + 1 : 0;
		} else {
			d = find_opt(tool, a->str[1], NULL, 0);
			vat = a->len > 2 ? 2 : 0;
		}
		if (!d) {
			if (a->unknown)
				c->unknown_args = true;
			continue;
		}
		o.name = d->name;
		if (d->value && vat) {
			o.value = *a;
			o.value.str = a->str + vat;
			o.value.len = a->len - vat;
			o.value.start = a->start + vat; /* exact when the word had no quotes */
			o.has_value = true;
		} else if (d->value && i + 1 < n) {
			o.value = w[++i];
			o.has_value = true;
		}
		c->opts[c->n_opts++] = o;
	}
	return 0;
}

static int parse_calls(struct sl_arena *ar, struct sl_ud_script *s)
{
	struct words ws = { 0 };
	size_t p = 0, cap = 0;
	int rc = 0;
	while (p < s->len && rc == 0) {
		size_t end = split_command(ar, s->text, s->len, p, &ws);
		if (ws.oom) {
			rc = -1;
			break;
		}
		if (ws.n && ws.w[0].unknown && !memchr(ws.w[0].str, '=', ws.w[0].len))
			s->dynamic = true;
		for (size_t i = 0; i < ws.n; i++) {
			int tool = tool_of(&ws.w[i]);
			if (tool >= 0) {
				rc = add_call(ar, s, &cap, (enum sl_ud_tool)tool, ws.w + i, ws.n - i);
				break;
			}
			if (!prefix_word(&ws.w[i]))
				break;
		}
		p = end;
		while (p < s->len && is_sep(s->text[p]))
			p++;
	}
	free(ws.w);
	return rc;
}

/* ---- collecting the scripts ---- */

struct coll {
	struct sl_ctx *c;
	struct sl_ud_all *out;
	size_t cap;
	const struct sl_node **ud; /* the UserData nodes, already taken */
	size_t n_ud;
	int rc;
};

static int add_script(struct coll *k, const struct sl_entity *res, const struct sl_node *n, bool ud)
{
	struct asmb a = { .doc = k->c->t->doc };
	emit(&a, n, 0);
	if (a.oom) {
		free(a.s);
		free(a.o);
		return -1;
	}
	struct sl_ud_all *all = k->out;
	if (all->n == k->cap) {
		size_t nc = k->cap ? k->cap * 2 : 8;
		struct sl_ud_script *p = sl_arena_alloc(k->c->arena, nc * sizeof(*p));
		if (!p)
			goto oom;
		if (all->n)
			memcpy(p, all->scripts, all->n * sizeof(*p));
		all->scripts = p;
		k->cap = nc;
	}
	struct sl_ud_script *s = &all->scripts[all->n];
	memset(s, 0, sizeof(*s));
	s->res = res;
	s->node = n;
	s->userdata = ud;
	s->incomplete = a.incomplete;
	s->text = sl_arena_alloc(k->c->arena, a.len + 1);
	s->orig = sl_arena_alloc(k->c->arena, (a.len + 1) * sizeof(*s->orig));
	if (!s->text || !s->orig)
		goto oom;
	/* join continuations: a backslash before a newline (or CR LF) goes, with the newline */
	size_t j = 0;
	for (size_t i = 0; i < a.len; i++) {
		if (a.s[i] == '\\' && i + 1 < a.len && a.s[i + 1] == '\n') {
			i++;
			continue;
		}
		if (a.s[i] == '\\' && i + 2 < a.len && a.s[i + 1] == '\r' && a.s[i + 2] == '\n') {
			i += 2;
			continue;
		}
		s->text[j] = a.s[i];
		s->orig[j++] = a.o[i];
	}
	s->text[j] = 0;
	s->len = j;
	free(a.s);
	free(a.o);
	all->n++;
	return parse_calls(k->c->arena, s);
oom:
	free(a.s);
	free(a.o);
	return -1;
}

static bool mentions(const struct sl_node *n, int depth)
{
	if (!n || depth > 64)
		return false;
	if (n->kind == SL_SCALAR) {
		/* memchr finds the rare 'c' fast; most strings have none */
		const char *end = n->str + n->len;
		for (const char *p = n->len ? memchr(n->str, 'c', n->len) : NULL; p && p + 4 <= end;
		     p = memchr(p + 1, 'c', (size_t)(end - p - 1)))
			if (memcmp(p, "cfn-", 4) == 0)
				return true;
		return false;
	}
	for (size_t i = 0; i < n->len; i++)
		if (mentions(n->kind == SL_MAP ? n->pairs[i].value : n->items[i], depth + 1))
			return true;
	return false;
}

static int cmp_ptr(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t) * (const struct sl_node *const *)a;
	uintptr_t y = (uintptr_t) * (const struct sl_node *const *)b;
	return x < y ? -1 : x > y;
}

/* Other strings of the template that mention a helper script: each outermost
 * Fn::Sub / Fn::Join, or each string. */
static void walk_other(struct coll *k, const struct sl_entity *res, const struct sl_node *n, int depth)
{
	if (!n || depth > 64 || k->rc)
		return;
	if (k->n_ud && bsearch(&n, k->ud, k->n_ud, sizeof(*k->ud), cmp_ptr))
		return; /* a UserData, taken already (k->ud is sorted) */
	const struct sl_node *fn = sl_node_intrinsic(n);
	if (n->kind == SL_SCALAR || (fn && (sl_str_eq(fn, "Fn::Sub") || sl_str_eq(fn, "Fn::Join")))) {
		if (mentions(n, 0))
			k->rc = add_script(k, res, n, false);
		return;
	}
	for (size_t i = 0; i < n->len; i++)
		walk_other(k, res, n->kind == SL_MAP ? n->pairs[i].value : n->items[i], depth + 1);
}

static const struct sl_node *userdata_of(const struct sl_entity *e)
{
	const struct sl_node *props = sl_map_get(e->value, "Properties");
	if (sl_str_eq(e->type, "AWS::EC2::Instance") ||
	    sl_str_eq(e->type, "AWS::AutoScaling::LaunchConfiguration"))
		return sl_map_get(props, "UserData");
	if (sl_str_eq(e->type, "AWS::EC2::LaunchTemplate"))
		return sl_map_get(sl_map_get(props, "LaunchTemplateData"), "UserData");
	return NULL;
}

static int collect(struct sl_ctx *c, struct sl_ud_all *out);

static const char memo_key; /* the address identifies the scripts' memo */

int sl_ud_collect(struct sl_ctx *c, struct sl_ud_all *out)
{
	/* seven rules read the same scripts: assemble them once per template */
	const struct sl_ud_all *memo = sl_memo_get(c, &memo_key);
	if (memo) {
		*out = *memo;
		return 0;
	}
	int rc = collect(c, out);
	if (rc == 0) {
		struct sl_ud_all *keep = sl_arena_alloc(c->arena, sizeof(*keep));
		if (keep) {
			*keep = *out;
			sl_memo_put(c, &memo_key, keep, NULL);
		}
	}
	return rc;
}

static int collect(struct sl_ctx *c, struct sl_ud_all *out)
{
	const struct sl_template *t = c->t;
	memset(out, 0, sizeof(*out));
	struct coll k = { .c = c, .out = out };
	k.ud = t->resources.n ? calloc(t->resources.n, sizeof(*k.ud)) : NULL;
	if (t->resources.n && !k.ud)
		return -1;
	for (size_t i = 0; i < t->resources.n && !k.rc; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		const struct sl_node *ud = userdata_of(e);
		if (!ud)
			continue;
		k.ud[k.n_ud++] = ud;
		k.rc = add_script(&k, e, ud, true);
	}
	/* the other strings count only when one may mention a helper script */
	bool others = sl_text_may_hold(c, "cfn-");
	if (others && k.n_ud > 1)
		qsort(k.ud, k.n_ud, sizeof(*k.ud), cmp_ptr);
	for (size_t i = 0; others && i < t->resources.n && !k.rc; i++)
		walk_other(&k, &t->resources.items[i], t->resources.items[i].value, 0);
	free(k.ud);
	return k.rc;
}

const struct sl_ud_word *sl_ud_opt(const struct sl_ud_call *call, const char *name)
{
	const struct sl_ud_word *w = NULL;
	for (size_t i = 0; i < call->n_opts; i++)
		if (call->opts[i].has_value && strcmp(call->opts[i].name, name) == 0)
			w = &call->opts[i].value;
	return w;
}

bool sl_ud_call_may_name(const struct sl_ud_call *call, const char *name)
{
	const struct sl_ud_word *r = sl_ud_opt(call, "resource");
	if (!r)
		return call->unknown_args;
	return r->unknown || strcmp(r->str, name) == 0;
}

void sl_ud_report(struct sl_ctx *c, const struct sl_ud_script *s, const struct sl_ud_word *w,
		  const char *fmt, ...)
{
	/* the word's exact span where its characters map to the source, else
	 * the node it came from */
	const struct sl_node *at = s->node;
	struct sl_position from = sl_pos(c, at->start), to = sl_pos(c, at->end);
	if (s->len) {
		size_t a = w->start < s->len ? w->start : s->len - 1;
		size_t b = w->end > a ? w->end - 1 : a;
		if (b >= s->len)
			b = a;
		const struct sl_ud_origin *oa = &s->orig[a], *ob = &s->orig[b];
		const struct sl_doc *d = c->t->doc;
		at = oa->node;
		from = sl_doc_pos(d, at->start);
		to = sl_doc_pos(d, at->end);
		if (oa->off != NOPOS && ob->off != NOPOS && ob->off >= oa->off && d->n_lines) {
			/* past the last character: past all its UTF-8 bytes */
			size_t e = ob->off + 1;
			while (e < d->len && ((unsigned char)d->src[e] & 0xC0) == 0x80)
				e++;
			from = sl_doc_pos(d, oa->off);
			to = sl_doc_pos(d, e);
		}
	}
	va_list ap;
	va_start(ap, fmt);
	sl_report_spanv(c, at, from, to, fmt, ap);
	va_end(ap);
}

const struct sl_entity *sl_ud_resource(const struct sl_ctx *c, const char *name)
{
	return sl_index_find(&c->t->resources, name, strlen(name));
}

const struct sl_pair *sl_ud_init(const struct sl_entity *e)
{
	return sl_map_get_pair(sl_entity_attr(e, SL_ATTR_METADATA), "AWS::CloudFormation::Init");
}

bool sl_ud_unknowable(const struct sl_ctx *c, const char *name)
{
	const struct sl_template *t = c->t;
	return t->macro || sl_template_generated(t, SL_SEC_RESOURCES, name) ||
	       sl_template_implicit(t, name, strlen(name));
}
