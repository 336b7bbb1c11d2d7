/* A value against its parameter's constraints (pvalue.h). */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "rules/parameters/pvalue.h"

#include <pcre2.h>
#include <stdio.h>

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

static bool allowed(const struct sl_node *av, const char *s, size_t len)
{
	double a, b;
	bool num = text_is_number(s, len, &a);
	for (uint32_t i = 0; i < av->len; i++) {
		const struct sl_node *v = av->items[i];
		if (v->kind != SL_SCALAR)
			return true; /* E2001's business: do not judge */
		if (v->len == len && memcmp(v->str, s, len) == 0)
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

/* True when the whole list value equals one of the AllowedValues, comparing
 * the comma-separated items. */
static bool allowed_list(const struct sl_node *av, const char *s, size_t len)
{
	char a[512], b[512];
	size_t na = squeeze(s, len, a, sizeof(a));
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
 * cannot be judged (out of memory, match limits). */
static int full_match(const pcre2_code *re, const char *s, size_t len)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	if (!md)
		return -1;
	int rc = pcre2_match(re, (PCRE2_SPTR)s, len, 0, PCRE2_ANCHORED | PCRE2_ENDANCHORED, md, NULL);
	pcre2_match_data_free(md);
	return rc >= 0 ? 1 : rc == PCRE2_ERROR_NOMATCH ? 0 : -1;
}

struct judge {
	const struct sl_node *p;
	enum sl_ptype pt;
	const pcre2_code *re;
	bool whole; /* a list value accepted whole by AllowedValues */
	void (*fn)(const struct sl_pv_finding *f, void *arg);
	void *arg;
};

static void item(const struct judge *j, const char *s, size_t len, bool list)
{
	struct sl_pv_finding f = { SL_PV_NOT_ALLOWED, s, len, list, 0, NULL };
	const struct sl_node *av = sl_map_get(j->p, "AllowedValues");
	if (sl_node_is(av, SL_SEQ) && !j->whole && !allowed(av, s, len))
		j->fn(&f, j->arg);
	if (j->re && full_match(j->re, s, len) == 0) {
		f.fault = SL_PV_PATTERN;
		f.pattern = sl_map_get(j->p, "AllowedPattern")->str;
		j->fn(&f, j->arg);
		f.pattern = NULL;
	}
	double d;
	if (j->pt == SL_PTYPE_NUMBER || j->pt == SL_PTYPE_LIST_NUM) {
		if (!text_is_number(s, len, &d)) {
			f.fault = SL_PV_NOT_NUMBER;
			j->fn(&f, j->arg);
			return;
		}
		if (sl_param_number(sl_map_get(j->p, "MinValue"), &f.limit) && d < f.limit) {
			f.fault = SL_PV_BELOW;
			j->fn(&f, j->arg);
		}
		if (sl_param_number(sl_map_get(j->p, "MaxValue"), &f.limit) && d > f.limit) {
			f.fault = SL_PV_ABOVE;
			j->fn(&f, j->arg);
		}
	}
	if (j->pt == SL_PTYPE_STRING) {
		if (sl_param_number(sl_map_get(j->p, "MinLength"), &f.limit) && (double)len < f.limit) {
			f.fault = SL_PV_SHORT;
			j->fn(&f, j->arg);
		}
		if (sl_param_number(sl_map_get(j->p, "MaxLength"), &f.limit) && (double)len > f.limit) {
			f.fault = SL_PV_LONG;
			j->fn(&f, j->arg);
		}
	}
}

void sl_pv_check(const struct sl_node *p, enum sl_ptype pt, const char *text, size_t len,
		 void (*fn)(const struct sl_pv_finding *f, void *arg), void *arg)
{
	if (pt == SL_PTYPE_INVALID || pt == SL_PTYPE_SSM_VALUE)
		return;
	pcre2_code *re = NULL;
	const struct sl_node *ap = sl_map_get(p, "AllowedPattern");
	if (ap && ap->kind == SL_SCALAR && sl_scalar_type(ap) == SL_TYPE_STRING) {
		int err;
		PCRE2_SIZE off;
		re = pcre2_compile((PCRE2_SPTR)ap->str, ap->len, 0, &err, &off, NULL);
	}
	bool list = pt == SL_PTYPE_LIST || pt == SL_PTYPE_LIST_NUM;
	const struct sl_node *av = sl_map_get(p, "AllowedValues");
	struct judge j = { p, pt, re, list && sl_node_is(av, SL_SEQ) && allowed_list(av, text, len),
			   fn, arg };
	if (list) {
		const char *s = text, *end = text + len;
		while (len && s <= end) {
			const char *comma = memchr(s, ',', (size_t)(end - s));
			const char *stop = comma ? comma : end, *a = s, *b = stop;
			while (a < b && *a == ' ')
				a++;
			while (b > a && b[-1] == ' ')
				b--;
			item(&j, a, (size_t)(b - a), true);
			s = stop + 1;
		}
	} else {
		item(&j, text, len, false);
	}
	pcre2_code_free(re);
}
