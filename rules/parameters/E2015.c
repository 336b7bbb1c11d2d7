/* E2015: a parameter's Default satisfies its own constraints: AllowedValues,
 * AllowedPattern, MinLength/MaxLength, MinValue/MaxValue and, for Number types,
 * being a number. List types are checked item by item. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>

#include "rules/parameters/params.h"

/* One Default value (a whole scalar, or one item of a list) as text. */
struct item {
	const char *s;
	size_t len;
};

static bool text_is_number(const char *s, size_t len, double *out)
{
	char buf[64];
	if (!len || len >= sizeof(buf))
		return false;
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *end;
	*out = strtod(buf, &end);
	return *end == '\0';
}

static bool allowed(const struct sl_node *av, struct item it)
{
	double a, b;
	bool num = text_is_number(it.s, it.len, &a);
	for (uint32_t i = 0; i < av->len; i++) {
		const struct sl_node *v = av->items[i];
		if (v->kind != SL_SCALAR)
			return true; /* E2001's business: do not judge */
		if (v->len == it.len && memcmp(v->str, it.s, it.len) == 0)
			return true;
		if (num && text_is_number(v->str, v->len, &b) && a == b)
			return true;
	}
	return false;
}

/* Copies s without the spaces around its commas into out (size cap); returns
 * the length, or cap when it does not fit. */
static size_t squeeze(const char *s, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ' ') {
			size_t j = i;
			while (j < len && s[j] == ' ')
				j++;
			if ((n && out[n - 1] == ',') || (j < len && s[j] == ',')) {
				i = j - 1;
				continue;
			}
		}
		if (n == cap)
			return cap;
		out[n++] = s[i];
	}
	return n;
}

/* True when the whole list Default equals one of the AllowedValues, comparing
 * the comma-separated items. */
static bool allowed_list(const struct sl_node *av, const struct sl_node *def)
{
	char a[512], b[512];
	size_t na = squeeze(def->str, def->len, a, sizeof(a));
	if (na == sizeof(a))
		return false;
	for (uint32_t i = 0; i < av->len; i++) {
		const struct sl_node *v = av->items[i];
		if (v->kind != SL_SCALAR)
			continue;
		size_t nb = squeeze(v->str, v->len, b, sizeof(b));
		if (nb == na && memcmp(a, b, na) == 0)
			return true;
	}
	return false;
}

/* Returns 1 when the pattern matches the whole item, 0 when not, -1 when it
 * cannot be judged (I2003's business, or out of memory). */
static int full_match(const pcre2_code *re, struct item it)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	if (!md)
		return -1;
	int rc = pcre2_match(re, (PCRE2_SPTR)it.s, it.len, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

/* The exact span of an item inside a list Default, when the source text of the
 * Default is its value verbatim (one line, ASCII, no escapes); else false. */
static bool item_span(const struct sl_node *def, struct item it, struct sl_position *s,
		      struct sl_position *e)
{
	uint32_t q = def->style == SL_SINGLE || def->style == SL_DOUBLE;
	if (def->start.line != def->end.line || def->end.offset - def->start.offset != def->len + 2 * q ||
	    (def->style != SL_PLAIN && !q))
		return false;
	for (uint32_t i = 0; i < def->len; i++)
		if ((unsigned char)def->str[i] >= 0x80)
			return false;
	uint32_t off = (uint32_t)(it.s - def->str) + q;
	*s = def->start;
	s->column += off;
	s->offset += off;
	*e = *s;
	e->column += (uint32_t)it.len;
	e->offset += (uint32_t)it.len;
	return it.len > 0;
}

/* Reports at the item of a list Default when it can be placed exactly, else at
 * the whole Default. */
#define REPORT(...)                                                          \
	do {                                                                 \
		if (exact)                                                   \
			sl_report_span(c, def, ps, pe, __VA_ARGS__);         \
		else                                                         \
			sl_report(c, def, __VA_ARGS__);                      \
	} while (0)

static void check_item(struct sl_ctx *c, const char *name, const struct sl_node *p,
		       const struct sl_node *def, enum sl_ptype pt, struct item it, bool list,
		       const pcre2_code *re)
{
	const char *what = list ? "an item of the Default" : "the Default";
	struct sl_position ps, pe;
	bool exact = list && item_span(def, it, &ps, &pe);
	const struct sl_node *av = sl_map_get(p, "AllowedValues");
	/* a list's Default may also be one allowed value that itself holds commas
	 * (spaces around the commas do not count) */
	bool whole = list && sl_node_is(av, SL_SEQ) && allowed_list(av, def);
	if (sl_node_is(av, SL_SEQ) && !whole && !allowed(av, it))
		REPORT("%s of parameter '%s', '%.*s', is not one of its AllowedValues", what,
			  name, (int)it.len, it.s);
	const struct sl_node *ap = sl_map_get(p, "AllowedPattern");
	if (re && full_match(re, it) == 0)
		REPORT("%s of parameter '%s', '%.*s', does not match its AllowedPattern '%s'",
			  what, name, (int)it.len, it.s, ap->str);
	double d, lim;
	if (pt == SL_PTYPE_NUMBER || pt == SL_PTYPE_LIST_NUM) {
		if (!text_is_number(it.s, it.len, &d)) {
			REPORT("%s of parameter '%s', '%.*s', is not a number", what, name,
				  (int)it.len, it.s);
			return;
		}
		if (sl_param_number(sl_map_get(p, "MinValue"), &lim) && d < lim)
			REPORT("%s of parameter '%s', %.*s, is less than its MinValue %g", what,
				  name, (int)it.len, it.s, lim);
		if (sl_param_number(sl_map_get(p, "MaxValue"), &lim) && d > lim)
			REPORT("%s of parameter '%s', %.*s, is greater than its MaxValue %g", what,
				  name, (int)it.len, it.s, lim);
	}
	if (pt == SL_PTYPE_STRING) {
		if (sl_param_number(sl_map_get(p, "MinLength"), &lim) && (double)it.len < lim)
			REPORT("the Default of parameter '%s' is %zu characters long, shorter than "
				  "its MinLength %g", name, it.len, lim);
		if (sl_param_number(sl_map_get(p, "MaxLength"), &lim) && (double)it.len > lim)
			REPORT("the Default of parameter '%s' is %zu characters long, longer than "
				  "its MaxLength %g", name, it.len, lim);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return;
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_entity *e = &t->params.items[i];
		const struct sl_node *p = e->value, *ty = sl_param_type_node(p);
		const struct sl_node *def = sl_map_get(p, "Default");
		if (!ty || !def || def->kind != SL_SCALAR || sl_scalar_type(def) == SL_TYPE_NULL)
			continue;
		enum sl_ptype pt = sl_param_type(ty->str, ty->len);
		if (pt == SL_PTYPE_INVALID || pt == SL_PTYPE_SSM_VALUE)
			continue; /* E2002's business; an SSM type's Default names a parameter */
		pcre2_code *re = NULL;
		const struct sl_node *ap = sl_map_get(p, "AllowedPattern");
		if (ap && ap->kind == SL_SCALAR && sl_scalar_type(ap) == SL_TYPE_STRING) {
			int err;
			PCRE2_SIZE off;
			re = pcre2_compile((PCRE2_SPTR)ap->str, ap->len, 0, &err, &off, NULL);
		}
		if (pt == SL_PTYPE_LIST || pt == SL_PTYPE_LIST_NUM) {
			const char *s = def->str, *end = def->str + def->len;
			while (def->len && s <= end) {
				const char *comma = memchr(s, ',', (size_t)(end - s));
				const char *stop = comma ? comma : end, *a = s, *b = stop;
				while (a < b && *a == ' ')
					a++;
				while (b > a && b[-1] == ' ')
					b--;
				check_item(c, e->key->str, p, def, pt, (struct item){a, (size_t)(b - a)}, true, re);
				s = stop + 1;
			}
		} else {
			check_item(c, e->key->str, p, def, pt, (struct item){def->str, def->len}, false, re);
		}
		pcre2_code_free(re);
	}
}

const struct sl_rule rule_E2015 = {
	.id = "E2015",
	.severity = SL_SEV_ERROR,
	.title = "Parameter defaults satisfy the parameter's constraints",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
	.doc =
	"### What it checks\n"
	"A parameter's `Default` is one of its `AllowedValues`, matches its whole `AllowedPattern` "
	"(compiled with PCRE2; CloudFormation uses Java regular expressions, which agree on "
	"everything but rare constructs), has a length between `MinLength` and `MaxLength` (for "
	"`String` and the AWS-specific string types), and for `Number` and `List<Number>` is a "
	"number between `MinValue` and `MaxValue`. For `CommaDelimitedList` and `List<…>` types "
	"each comma-separated item is checked (spaces around it trimmed); a list Default that is "
	"itself one of the AllowedValues (`three,four`, spaces around the commas aside) is accepted as well. `AWS::SSM::Parameter::Value<…>` defaults name an "
	"SSM parameter, not a value, and are not checked.\n\n"
	"### Why it matters\n"
	"CloudFormation validates the default when the stack is created: a default that breaks "
	"its own constraints fails every deployment that does not override it.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Env:\n"
	"    Type: String\n"
	"    Default: staging\n"
	"    AllowedValues: [dev, prod]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Env:\n"
	"    Type: String\n"
	"    Default: dev\n"
	"    AllowedValues: [dev, prod]\n"
	"```\n",
	.check = check,
};
