/*
 * The samconfig helpers that read the file (the contract is in samconfig.h):
 * the walk over [env.command.parameters] tables, the value a command reads
 * for an option, and the Key=Value splitter for tags and parameter_overrides,
 * which follows what SAM CLI's click types do with the text (samcli/cli/types.py:
 * CfnParameterOverridesType and CfnTags) without their backtracking regular
 * expressions: every search below moves forward, so the work is linear in the
 * value's length.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "rules/samconfig/samconfig.h"
#include "util/arena.h"
#include "util/text.h"

/* --- walking ---------------------------------------------------------------- */

void sl_samcfg_each_params(struct sl_ctx *c,
			   void (*fn)(struct sl_ctx *c, const struct sl_node *env_key,
				      const struct sl_node *cmd_key,
				      const struct sl_samcfg_command *cmd,
				      const struct sl_node *params, void *arg),
			   void *arg)
{
	const struct sl_node *root = c->root;
	if (!sl_node_is(root, SL_MAP))
		return;
	for (uint32_t i = 0; i < root->len; i++) {
		const struct sl_node *env = root->pairs[i].value;
		if (sl_str_eq(root->pairs[i].key, "version") || !sl_node_is(env, SL_MAP))
			continue;
		for (uint32_t j = 0; j < env->len; j++) {
			const struct sl_node *k = env->pairs[j].key;
			const struct sl_node *v = env->pairs[j].value;
			const struct sl_samcfg_command *cmd = NULL;
			if (!sl_samcfg_is_global(k)) {
				cmd = sl_samcfg_command(k->str, k->len);
				if (!cmd)
					continue;
			}
			const struct sl_node *params = sl_map_get(v, "parameters");
			if (sl_node_is(v, SL_MAP) && sl_node_is(params, SL_MAP))
				fn(c, root->pairs[i].key, k, cmd, params, arg);
		}
	}
}

static const struct sl_node *params_of(const struct sl_node *env, const char *cmd)
{
	const struct sl_node *t = sl_map_get(env, cmd);
	const struct sl_node *p = sl_node_is(t, SL_MAP) ? sl_map_get(t, "parameters") : NULL;
	return sl_node_is(p, SL_MAP) ? p : NULL;
}

const struct sl_node *sl_samcfg_param(const struct sl_node *root, const char *env,
				      const char *cmd, const char *name)
{
	const struct sl_node *e = sl_node_is(root, SL_MAP) ? sl_map_get(root, env) : NULL;
	if (!sl_node_is(e, SL_MAP))
		return NULL;
	const struct sl_node *v = sl_map_get(params_of(e, cmd), name);
	if (v)
		return v;
	return sl_map_get(params_of(e, "global"), name);
}

const char *sl_samcfg_cli_name(const struct sl_samcfg_command *cmd, char *buf, size_t size)
{
	static const char *const groups[] = { "list_", "local_", "pipeline_", "remote_", NULL };
	bool group = false;
	for (int i = 0; groups[i]; i++)
		group |= strncmp(cmd->name, groups[i], strlen(groups[i])) == 0;
	size_t n = (size_t)snprintf(buf, size, "sam ");
	bool first = true;
	for (const char *s = cmd->name; *s && n + 1 < size; s++) {
		if (*s == '_') {
			buf[n++] = group && first ? ' ' : '-';
			first = false;
		} else {
			buf[n++] = *s;
		}
	}
	buf[n < size ? n : size - 1] = '\0';
	return buf;
}

/* --- positions inside a string ---------------------------------------------- */

/* Where the text of one string scalar starts in the source, when the source
 * between its quotes is its text byte for byte: one line, and as many bytes
 * as the text (plus the two quotes when quoted; escapes and folding always
 * make the source longer). *q is the opening quote's length. */
static bool exact_text(const struct sl_doc *d, const struct sl_node *n, uint32_t *q)
{
	if (!n || n->kind != SL_SCALAR || (n->flags & (SL_NODE_SYNTH | SL_NODE_ALIAS)) || sl_node_tag(n))
		return false;
	if (n->end < n->start || sl_doc_line_of(d, n->start) != sl_doc_line_of(d, n->end))
		return false;
	uint32_t src = n->end - n->start;
	if (n->style == SL_PLAIN && src == n->len) {
		*q = 0;
		return true;
	}
	if ((n->style == SL_SINGLE || n->style == SL_DOUBLE) && src == n->len + 2) {
		*q = 1;
		return true;
	}
	return false;
}

/* Turns byte offsets of one scalar's text into positions. */
struct cursor {
	const struct sl_doc *doc;
	const struct sl_node *n;
	uint32_t q;
	bool exact;
};

static void cursor_set(struct cursor *cu, const struct sl_node *n)
{
	if (cu->n == n)
		return;
	cu->n = n;
	cu->exact = exact_text(cu->doc, n, &cu->q);
}

static struct sl_position cursor_pos(const struct cursor *cu, size_t i)
{
	return sl_doc_pos(cu->doc, cu->n->start + cu->q + i);
}

/* --- the text SAM CLI parses ------------------------------------------------ */

/* One string as the parser sees it, with where its bytes come from: item k of
 * `items` covers [from[k], from[k] + items[k]->len) of s, starting at byte
 * skip[k] of the item's text. */
struct text {
	const char *s;
	size_t n;
	const struct sl_node *value; /* the option's value (a string or a list) */
	const struct sl_node *const *items;
	const size_t *from, *skip;
	size_t n_items;
	size_t at; /* item last looked up */
};

/* The item holding byte o of t->s, or SIZE_MAX for a byte the parser added
 * (the space before a parameter_overrides string, between joined tags). */
static size_t item_of(struct text *t, size_t o)
{
	if (t->at >= t->n_items || o < t->from[t->at])
		t->at = 0;
	while (t->at + 1 < t->n_items && o >= t->from[t->at + 1])
		t->at++;
	size_t k = t->at;
	if (o < t->from[k] || o >= t->from[k] + (t->items[k]->len - t->skip[k]))
		return SIZE_MAX;
	return k;
}

struct walk {
	struct sl_ctx *c;
	void (*pair)(struct sl_ctx *c, const struct sl_samcfg_pair *p, void *arg);
	void (*bad)(struct sl_ctx *c, const struct sl_samcfg_badtext *b, void *arg);
	void *arg;
	struct cursor cu;
	int oom;
};

/* The span of s[a, b) (b > a): exact within one item written byte for byte,
 * else the span of the item, or of the whole value when it crosses items. */
static bool span(struct walk *w, struct text *t, size_t a, size_t b, const struct sl_node **node,
		 struct sl_position *start, struct sl_position *end)
{
	size_t ka = item_of(t, a), kb = item_of(t, b - 1);
	if (ka == SIZE_MAX || ka != kb) {
		*node = t->value;
		*start = sl_pos(w->c, t->value->start);
		*end = sl_pos(w->c, t->value->end);
		return false;
	}
	const struct sl_node *it = t->items[ka];
	*node = it;
	cursor_set(&w->cu, it);
	if (!w->cu.exact) {
		*start = sl_pos(w->c, it->start);
		*end = sl_pos(w->c, it->end);
		return false;
	}
	size_t base = t->skip[ka] - t->from[ka];
	*start = cursor_pos(&w->cu, a + base);
	*end = cursor_pos(&w->cu, b + base);
	return true;
}

/* SAM CLI's _unquote_wrapped_quotes: drops one pair of wrapping quotes, then
 * turns \<space>, \" and \' into the character, in three passes as Python's
 * str.replace does. Returns the text (s itself when nothing changes), or NULL
 * when memory ran out. */
static const char *unquote(struct sl_ctx *c, const char *s, size_t n, size_t *out)
{
	if (n && ((s[0] == '"' && s[n - 1] == '"') || (s[0] == '\'' && s[n - 1] == '\''))) {
		s++;
		n = n >= 2 ? n - 2 : 0;
	}
	if (!memchr(s, '\\', n)) {
		*out = n;
		return s;
	}
	char *buf = sl_arena_strndup(c->arena, s, n);
	if (!buf)
		return NULL;
	static const char esc[] = { ' ', '"', '\'' };
	for (int pass = 0; pass < 3; pass++) {
		size_t j = 0;
		for (size_t i = 0; i < n; i++) {
			if (buf[i] == '\\' && i + 1 < n && buf[i + 1] == esc[pass])
				i++;
			buf[j++] = buf[i];
		}
		n = j;
		buf[n] = '\0';
	}
	*out = n;
	return buf;
}

static void emit_pair(struct walk *w, struct text *t, size_t ks, size_t ke, size_t vs, size_t ve)
{
	struct sl_samcfg_pair p = { 0 };
	const struct sl_node *kn = NULL, *vn = NULL;
	p.key = unquote(w->c, t->s + ks, ke - ks, &p.key_len);
	p.value = unquote(w->c, t->s + vs, ve - vs, &p.value_len);
	if (!p.key || !p.value) {
		w->oom = 1;
		return;
	}
	bool ek = ke > ks ? span(w, t, ks, ke, &kn, &p.key_start, &p.key_end) : false;
	bool ev = ve > vs ? span(w, t, vs, ve, &vn, &p.value_start, &p.value_end) : false;
	if (ke == ks) { /* an empty key (`=v` as the only tag): point at the '=' */
		ek = span(w, t, ks, ks + 1, &kn, &p.key_start, &p.key_end);
		p.key_end = p.key_start;
	}
	if (ve == vs) {
		ev = span(w, t, vs - 1, vs, &vn, &p.value_start, &p.value_end);
		p.value_start = p.value_end;
	}
	p.exact = ek && ev && kn == vn;
	p.node = kn;
	if (!p.exact) {
		const struct sl_node *whole = kn == vn ? kn : t->value;
		p.node = whole;
		p.key_start = p.value_start = sl_pos(w->c, whole->start);
		p.key_end = p.value_end = sl_pos(w->c, whole->end);
	}
	w->pair(w->c, &p, w->arg);
}

static void emit_bad(struct walk *w, struct text *t, enum sl_samcfg_bad why, size_t a, size_t b)
{
	if (!w->bad)
		return;
	struct sl_samcfg_badtext bt = { .why = why, .text = t->s + a, .len = b - a };
	if (why == SL_SAMCFG_REFUSED) {
		bt.node = t->value;
		if (t->n_items == 1 && t->items[0] != t->value)
			bt.node = t->items[0];
		bt.start = sl_pos(w->c, bt.node->start);
		bt.end = sl_pos(w->c, bt.node->end);
		bt.exact = true;
	} else {
		bt.exact = span(w, t, a, b, &bt.node, &bt.start, &bt.end);
	}
	w->bad(w->c, &bt, w->arg);
}

/* Reports every space-separated word of s[a, b) as skipped (or, with
 * `mixed`, a word holding '=' as SL_SAMCFG_MIXED). */
static void skipped_words(struct walk *w, struct text *t, size_t a, size_t b, bool mixed)
{
	while (a < b) {
		while (a < b && isspace((unsigned char)t->s[a]))
			a++;
		size_t e = a;
		while (e < b && !isspace((unsigned char)t->s[e]))
			e++;
		if (e > a)
			emit_bad(w, t, mixed && memchr(t->s + a, '=', e - a) ? SL_SAMCFG_MIXED
									 : SL_SAMCFG_SKIPPED, a, e);
		a = e;
	}
}

/* --- the value patterns ------------------------------------------------------ */

/* Which characters a backslash escapes: any but a line break in
 * parameter_overrides (regex `\\.`); in tags one of CfnTags' tag characters
 * (letters, digits, " _ and the range + to @). */
static bool escapable(enum sl_samcfg_syntax syn, unsigned char ch)
{
	if (syn == SL_SAMCFG_OVERRIDES)
		return ch != '\n';
	return isalnum(ch) || ch == '"' || ch == '_' || (ch >= '+' && ch <= '@');
}

struct scan {
	const char *s;
	size_t n;
	enum sl_samcfg_syntax syn;
	/* no closing quote after this offset: a second search would fail too */
	size_t no_dq, no_sq;
	/* tags: an unquoted run that held no K=V ends here; a start inside it
	 * (at a single quote) can only match in the quoted form */
	size_t dead_run;
	/* characters looked at, against a budget linear in n: text made to
	 * defeat the caches above ends the search (nothing more is reported) */
	size_t work, budget;
};

/* The end of a quoted text starting at i (s[i] is the quote), or 0. */
static size_t quoted(struct scan *sc, size_t i)
{
	char qc = sc->s[i];
	size_t *none = qc == '"' ? &sc->no_dq : &sc->no_sq;
	if (i >= *none)
		return 0;
	for (size_t j = i + 1; j < sc->n; j++, sc->work++) {
		if (sc->s[j] == '\\') {
			if (j + 1 < sc->n && escapable(sc->syn, (unsigned char)sc->s[j + 1])) {
				j++;
				continue;
			}
			return 0; /* a backslash nothing can take: the quoted form fails */
		}
		if (sc->s[j] == qc)
			return j + 1;
	}
	*none = i;
	return 0;
}

/* The end of an unquoted run starting at i: escapes and anything but spaces,
 * double quotes and backslashes; i when empty. */
static size_t run(struct scan *sc, size_t i)
{
	size_t j = i;
	for (; j < sc->n; sc->work++) {
		unsigned char ch = (unsigned char)sc->s[j];
		if (ch == '\\') {
			if (j + 1 < sc->n && escapable(sc->syn, (unsigned char)sc->s[j + 1])) {
				j += 2;
				continue;
			}
			break;
		}
		if (ch == ' ' || ch == '"')
			break;
		j++;
	}
	return j;
}

/* A value at i (quoted, else an unquoted run of at least one character):
 * its end, or 0. */
static size_t value_at(struct scan *sc, size_t i)
{
	if (i >= sc->n)
		return 0;
	if (sc->s[i] == '"' || sc->s[i] == '\'') {
		size_t e = quoted(sc, i);
		if (e)
			return e;
		if (sc->s[i] == '"')
			return 0;
	}
	size_t e = run(sc, i);
	return e > i ? e : 0;
}

static bool key_char(unsigned char ch)
{
	return isalnum(ch) || ch == '"' || ch == '\'';
}

/* parameter_overrides, one string: calls pair for each item, reports the
 * rest; t->s starts with the space SAM CLI adds. */
static void overrides(struct walk *w, struct text *t)
{
	struct scan sc = { t->s, t->n, SL_SAMCFG_OVERRIDES, SIZE_MAX, SIZE_MAX, 0, 0,
			   64 * t->n + 4096 };
	static const char pk[] = "ParameterKey=", pv[] = ",ParameterValue=";
	const size_t lk = sizeof(pk) - 1, lv = sizeof(pv) - 1;
	size_t found = 0, last = 1;
	/* the ParameterKey=K,ParameterValue=V form, when it is anywhere */
	for (size_t p = 0; p + lk <= t->n; p++) {
		if (sc.work > sc.budget)
			return;
		if (memcmp(t->s + p, pk, lk) != 0)
			continue;
		size_t ks = p + lk, ke = ks;
		while (ke < t->n && key_char((unsigned char)t->s[ke]))
			ke++;
		if (ke == ks || ke + lv > t->n || memcmp(t->s + ke, pv, lv) != 0)
			continue;
		size_t ve = value_at(&sc, ke + lv);
		if (!ve)
			continue;
		skipped_words(w, t, last, p, true);
		emit_pair(w, t, ks, ke, ke + lv, ve);
		found++;
		last = p = ve;
		p--;
	}
	if (found) {
		skipped_words(w, t, last, t->n, true);
		return;
	}
	/* else ` K=V` items */
	for (size_t p = 0; p < t->n; p++) {
		if (sc.work > sc.budget)
			return;
		if (t->s[p] != ' ')
			continue;
		size_t ks = p + 1, ke = ks;
		while (ke < t->n && key_char((unsigned char)t->s[ke]))
			ke++;
		if (ke == ks || ke >= t->n || t->s[ke] != '=')
			continue;
		size_t ve = value_at(&sc, ke + 1);
		if (!ve)
			continue;
		skipped_words(w, t, last, ks, false);
		emit_pair(w, t, ks, ke, ke + 1, ve);
		found++;
		last = ve;
		p = ve - 1;
	}
	if (!found)
		emit_bad(w, t, SL_SAMCFG_REFUSED, 1, t->n);
	else
		skipped_words(w, t, last, t->n, false);
}

/* The first quote of s[a, b), or b. */
static size_t next_quote(const char *s, size_t a, size_t b)
{
	while (a < b && s[a] != '\'' && s[a] != '"')
		a++;
	return a;
}

/* tags: the first K=V item at or after p (K and V quoted or unquoted runs, K
 * ending at the last '=' that leaves a value, as the regex backtracks), or
 * false. Sets *next to where the search goes on. */
static bool tag_item(struct scan *sc, size_t p, size_t *ks, size_t *ke, size_t *ve, size_t *next)
{
	const char *s = sc->s;
	if (s[p] == '"' || s[p] == '\'') {
		size_t q = quoted(sc, p);
		size_t e = q && q < sc->n && s[q] == '=' ? value_at(sc, q + 1) : 0;
		if (e) {
			*ks = p, *ke = q, *ve = e;
			return true;
		}
		if (s[p] == '"') {
			*next = p + 1;
			return false;
		}
	}
	if (p < sc->dead_run) { /* the rest of a run already tried */
		*next = next_quote(s, p + 1, sc->dead_run);
		return false;
	}
	size_t r = run(sc, p);
	for (size_t e = r; e > p + 1; e--) {
		size_t eq = e - 1; /* a '=' standing alone (not escaped) */
		if (s[eq] != '=' || (eq > p && s[eq - 1] == '\\'))
			continue;
		size_t v = value_at(sc, eq + 1);
		if (v) {
			*ks = p, *ke = eq, *ve = v;
			return true;
		}
	}
	/* a match may still start at a quote inside the run (a single quote, or
	 * the double quote of an escape \"), in the quoted form; nowhere else in
	 * it: the run's '=' were all tried */
	sc->dead_run = r;
	*next = r > p + 1 ? next_quote(s, p + 1, r) : p + 1;
	return false;
}

static void tags(struct walk *w, struct text *t)
{
	const char *s = t->s;
	size_t n = t->n, eqs = 0, first = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '=' && eqs++ == 0)
			first = i;
	if (eqs == 1) { /* the whole text is one tag */
		emit_pair(w, t, 0, first, first + 1, n);
		return;
	}
	/* every word (split on single spaces) one K=V */
	bool words = eqs > 0;
	for (size_t a = 0; words && a <= n;) {
		size_t e = a, k = 0;
		while (e < n && s[e] != ' ')
			k += s[e++] == '=';
		if (k != 1)
			words = false;
		a = e + 1;
	}
	if (words) {
		for (size_t a = 0; a <= n;) {
			size_t e = a;
			while (e < n && s[e] != ' ')
				e++;
			const char *eq = memchr(s + a, '=', e - a);
			emit_pair(w, t, a, (size_t)(eq - s), (size_t)(eq - s) + 1, e);
			if (w->oom)
				return;
			a = e + 1;
		}
		return;
	}
	struct scan sc = { s, n, SL_SAMCFG_TAGS, SIZE_MAX, SIZE_MAX, 0, 0, 64 * n + 4096 };
	size_t last = 0, found = 0;
	for (size_t p = 0; p < n && !w->oom;) {
		if (sc.work > sc.budget)
			return;
		size_t ks, ke, ve, next;
		if (!tag_item(&sc, p, &ks, &ke, &ve, &next)) {
			p = next;
			continue;
		}
		skipped_words(w, t, last, ks, false);
		emit_pair(w, t, ks, ke, ke + 1, ve);
		found++;
		last = p = ve;
	}
	if (!found)
		emit_bad(w, t, SL_SAMCFG_REFUSED, 0, n);
	else
		skipped_words(w, t, last, n, false);
}

/* --- entry point ------------------------------------------------------------ */

static bool is_string(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !(n->flags & SL_NODE_ALIAS) &&
	       sl_scalar_type(n) == SL_TYPE_STRING;
}

/* The length of s without Python's str.strip() whitespace at both ends;
 * *lead gets the bytes dropped at the start. */
static size_t strip(const char *s, size_t n, size_t *lead)
{
	size_t a = 0;
	while (a < n && isspace((unsigned char)s[a]))
		a++;
	while (n > a && isspace((unsigned char)s[n - 1]))
		n--;
	*lead = a;
	return n - a;
}

/* parameter_overrides: each string read on its own, trimmed, after a space. */
static int each_override(struct walk *w, const struct sl_node *value, const struct sl_node *item)
{
	size_t lead, n = strip(item->str, item->len, &lead);
	if (n == 0)
		return 0;
	char *s = sl_arena_alloc(w->c->arena, n + 2);
	if (!s)
		return -1;
	s[0] = ' ';
	memcpy(s + 1, item->str + lead, n);
	size_t from = 1;
	const struct sl_node *items[1] = { item };
	struct text t = { s, n + 1, value, items, &from, &lead, 1, 0 };
	overrides(w, &t);
	return w->oom ? -1 : 0;
}

int sl_samcfg_each_pair(struct sl_ctx *c, const struct sl_node *value, enum sl_samcfg_syntax syntax,
			void (*pair)(struct sl_ctx *c, const struct sl_samcfg_pair *p, void *arg),
			void (*bad)(struct sl_ctx *c, const struct sl_samcfg_badtext *b, void *arg),
			void *arg)
{
	struct walk w = { c, pair, bad, arg, { c->doc, NULL, 0, false }, 0 };
	if (!value || (value->flags & SL_NODE_ALIAS))
		return 0;
	if (syntax == SL_SAMCFG_OVERRIDES) {
		if (is_string(value))
			return each_override(&w, value, value);
		if (!sl_node_is(value, SL_SEQ))
			return 0;
		for (uint32_t i = 0; i < value->len; i++)
			if (is_string(value->items[i]) && each_override(&w, value, value->items[i]) < 0)
				return -1;
		return 0;
	}
	/* tags: one string, or a list of strings joined with spaces */
	size_t k = 1, total = 0;
	const struct sl_node *const *items = (const struct sl_node *const *)&value;
	if (sl_node_is(value, SL_SEQ)) {
		for (uint32_t i = 0; i < value->len; i++)
			if (!is_string(value->items[i]))
				return 0; /* SAM CLI cannot join it: E99704's to tell */
		k = value->len;
		items = (const struct sl_node *const *)value->items;
	} else if (!is_string(value)) {
		return 0;
	}
	for (size_t i = 0; i < k; i++)
		total += items[i]->len + (i > 0);
	if (total == 0)
		return 0;
	char *s = sl_arena_alloc(c->arena, total + 1);
	size_t *from = sl_arena_alloc(c->arena, (k ? k : 1) * sizeof(size_t) * 2);
	if (!s || !from)
		return -1;
	size_t *skip = from + k, o = 0;
	for (size_t i = 0; i < k; i++) {
		if (i > 0)
			s[o++] = ' ';
		from[i] = o;
		skip[i] = 0;
		memcpy(s + o, items[i]->str, items[i]->len);
		o += items[i]->len;
	}
	struct text t = { s, total, value, items, from, skip, k, 0 };
	tags(&w, &t);
	return w.oom ? -1 : 0;
}
