/* Node tree queries: map lookup, intrinsic detection, YAML 1.1 scalar typing. */
#include "load/node.h"

#include <ctype.h>

#include "util/arena.h"

struct sl_node *sl_node_new(struct sl_arena *a, const char *tag)
{
	if (!tag)
		return sl_arena_alloc(a, sizeof(struct sl_node));
	struct sl_tagged_node *t = sl_arena_alloc(a, sizeof(*t));
	if (!t)
		return NULL;
	t->tag = tag;
	t->node.flags = SL_NODE_TAGGED;
	return &t->node;
}

const char *sl_node_strdup(struct sl_arena *a, const char *s, size_t len, size_t *out_len)
{
	size_t nul = 0;
	for (const char *p = s, *e = s + len; (p = memchr(p, '\0', (size_t)(e - p))) != NULL; p++)
		nul++;
	*out_len = len + nul;
	if (!nul)
		return sl_arena_strndup(a, s, len);
	char *out = sl_arena_alloc(a, len + nul + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\0') {
			out[o++] = (char)0xC0;
			out[o++] = (char)0x80;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	return out;
}

const struct sl_pair *sl_map_get_pair_n(const struct sl_node *n, const char *key, size_t l)
{
	if (!n || n->kind != SL_MAP)
		return NULL;
	for (size_t i = n->len; i-- > 0;) {
		const struct sl_node *k = n->pairs[i].key;
		if (k->len == l && memcmp(k->str, key, l) == 0)
			return &n->pairs[i];
	}
	return NULL;
}

const struct sl_node *sl_map_path(const struct sl_node *n, const char *const *path)
{
	for (size_t i = 0; n && path[i]; i++)
		n = sl_node_is(n, SL_MAP) && !sl_node_intrinsic(n) ? sl_map_get(n, path[i]) : NULL;
	return n;
}

const struct sl_node *sl_map_key_of(const struct sl_node *v)
{
	const struct sl_node *p = v ? v->parent : NULL;
	if (!p || p->kind != SL_MAP)
		return NULL;
	for (size_t i = 0; i < p->len; i++)
		if (p->pairs[i].value == v)
			return p->pairs[i].key;
	return NULL;
}

static bool all_in(const char *s, size_t n, const char *set)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!strchr(set, s[i]))
			return false;
	return true;
}

static bool word_in(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (strlen(*words) == n && memcmp(*words, s, n) == 0)
			return true;
	return false;
}

static const char *const true_words[] = { "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", NULL };
static const char *const false_words[] = { "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF", NULL };

/* [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+ -- YAML 1.1 sexagesimal; the integer part
 * must not start with 0 for ints, any digit for floats. */
static bool sexagesimal(const char *s, size_t n)
{
	size_t i = 0;
	if (i < n && isdigit((unsigned char)s[i]))
		i++;
	else
		return false;
	while (i < n && (isdigit((unsigned char)s[i]) || s[i] == '_'))
		i++;
	bool any = false;
	while (i < n && s[i] == ':') {
		i++;
		size_t d = 0;
		while (i < n && isdigit((unsigned char)s[i]) && d < 2)
			i++, d++;
		if (d == 0 || (d == 2 && s[i - 2] > '5'))
			return false;
		any = true;
	}
	return any && i == n;
}

static enum sl_scalar_type yaml11_type(const char *s, size_t n)
{
	if (n == 0)
		return SL_TYPE_NULL;
	/* most plain scalars are words and names: only ~, null, the booleans
	 * and what starts like a number are anything but a string */
	bool word = n <= 5 && memchr("~nNyYtTfFoO", s[0], 11);
	if (!word && !isdigit((unsigned char)s[0]) && s[0] != '-' && s[0] != '+' && s[0] != '.')
		return SL_TYPE_STRING;
	if (word && ((n == 1 && s[0] == '~') || word_in(s, n, (const char *const[]){ "null", "Null", "NULL", NULL })))
		return SL_TYPE_NULL;
	if (word && (word_in(s, n, true_words) || word_in(s, n, false_words)))
		return SL_TYPE_BOOL;
	const char *p = s;
	size_t m = n;
	if (*p == '-' || *p == '+')
		p++, m--;
	if (m == 0)
		return SL_TYPE_STRING;
	if (m > 2 && p[0] == '0' && p[1] == 'b' && all_in(p + 2, m - 2, "01_"))
		return SL_TYPE_INT;
	if (m > 2 && p[0] == '0' && p[1] == 'x' && all_in(p + 2, m - 2, "0123456789abcdefABCDEF_"))
		return SL_TYPE_INT;
	if (m == 1 && p[0] == '0')
		return SL_TYPE_INT;
	if (p[0] == '0' && all_in(p + 1, m - 1, "01234567_"))
		return SL_TYPE_INT;
	if (p[0] >= '1' && p[0] <= '9' && all_in(p, m, "0123456789_"))
		return SL_TYPE_INT;
	if (p[0] >= '1' && p[0] <= '9' && sexagesimal(p, m) && !memchr(p, '.', m))
		return SL_TYPE_INT;
	if (m == 4 && p[0] == '.' && word_in(p + 1, 3, (const char *const[]){ "inf", "Inf", "INF", NULL }))
		return SL_TYPE_FLOAT;
	if (n == 4 && s[0] == '.' && word_in(s + 1, 3, (const char *const[]){ "nan", "NaN", "NAN", NULL }))
		return SL_TYPE_FLOAT;
	/* [0-9][0-9_]*\.[0-9_]*([eE][-+][0-9]+)? | \.[0-9_]+([eE][-+][0-9]+)? */
	size_t i = 0;
	size_t intd = 0;
	while (i < m && (isdigit((unsigned char)p[i]) || (p[i] == '_' && intd))) {
		intd++;
		i++;
	}
	if (i < m && p[i] == '.') {
		i++;
		size_t fd = 0;
		while (i < m && (isdigit((unsigned char)p[i]) || p[i] == '_'))
			i++, fd++;
		if (intd == 0 && fd == 0)
			return SL_TYPE_STRING;
		if (i < m && (p[i] == 'e' || p[i] == 'E')) {
			i++;
			if (i < m && (p[i] == '-' || p[i] == '+'))
				i++;
			else
				return SL_TYPE_STRING;
			size_t ed = 0;
			while (i < m && isdigit((unsigned char)p[i]))
				i++, ed++;
			if (!ed)
				return SL_TYPE_STRING;
		}
		if (i == m)
			return SL_TYPE_FLOAT;
		return SL_TYPE_STRING;
	}
	if (sexagesimal(p, m) && memchr(p, '.', m))
		return SL_TYPE_FLOAT;
	return SL_TYPE_STRING;
}

enum sl_scalar_type sl_scalar_type(const struct sl_node *n)
{
	if (!n || n->kind != SL_SCALAR || n->style != SL_PLAIN || (n->flags & (SL_NODE_STR_TAG | SL_NODE_ALIAS)))
		return SL_TYPE_STRING;
	return yaml11_type(n->str, n->len);
}

int sl_scalar_bool(const struct sl_node *n)
{
	if (sl_scalar_type(n) != SL_TYPE_BOOL)
		return -1;
	return word_in(n->str, n->len, true_words) ? 1 : 0;
}

bool sl_node_if(const struct sl_node *n, const struct sl_node **a, const struct sl_node **b)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k || !sl_str_eq(k, "Fn::If"))
		return false;
	const struct sl_node *args = n->pairs[0].value;
	if (!sl_node_is(args, SL_SEQ) || args->len != 3)
		return false;
	*a = args->items[1];
	*b = args->items[2];
	return true;
}

bool sl_node_is_novalue(const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	return k && sl_str_eq(k, "Ref") && sl_str_eq(n->pairs[0].value, "AWS::NoValue");
}
