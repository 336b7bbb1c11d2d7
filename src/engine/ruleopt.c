/*
 * Rule options (see ruleopt.h): the table of cfn-lint's options, the check of
 * one setting, the resolution of a template's settings and the accessors the
 * rules read them with.
 */
#include "engine/ruleopt.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"

/* the `absent` reason of the options of rules stacklint does not have */
static const char no_i401x[] = "no rule";

/* Sorted by rule, then key. Defaults and types from cfn-lint's docs/rules.md
 * (Name:Type:Default) and the rules' config_definition. */
static const struct sl_ropt_def defs[] = {
	{ "E1001", "sections", SL_ROPT_STRING, "", NULL },
	{ "E1029", "custom_excludes", SL_ROPT_REGEX, "", NULL },
	{ "E3012", "strict", SL_ROPT_BOOL, "false", NULL },
	{ "E3019", "exceptions", SL_ROPT_OBJECT, "{AWS::CodeBuild::Project: {primaryIdentifier: [/properties/Name]}}",
	  "stacklint's E3019 keeps its own list of the types whose identifiers may repeat (and cfn-lint's "
	  "configure() applies no mapping value either)" },
	{ "E3031", "exceptions", SL_ROPT_REGEX_LIST, "[]", NULL },
	{ "I3042", "accountId", SL_ROPT_BOOL, "false", NULL },
	{ "I3042", "partition", SL_ROPT_BOOL, "true", NULL },
	{ "I3042", "region", SL_ROPT_BOOL, "false", NULL },
	{ "I4010", "additional_incidental_patterns", SL_ROPT_LIST, "[]", no_i401x },
	{ "I4010", "additional_low_value_types", SL_ROPT_LIST, "[]", no_i401x },
	{ "I4011", "additional_incidental_patterns", SL_ROPT_LIST, "[]", no_i401x },
	{ "I4011", "additional_low_value_types", SL_ROPT_LIST, "[]", no_i401x },
	{ "I4012", "additional_incidental_patterns", SL_ROPT_LIST, "[]", no_i401x },
	{ "I4012", "additional_low_value_types", SL_ROPT_LIST, "[]", no_i401x },
};

#define N_DEFS (sizeof(defs) / sizeof(defs[0]))

const struct sl_ropt_def *sl_ropt_defs(size_t *n)
{
	*n = N_DEFS;
	return defs;
}

static bool eq(const char *a, size_t al, const char *b)
{
	return strlen(b) == al && memcmp(a, b, al) == 0;
}

int sl_ropt_split(const char *spec, size_t *rule_len, const char **key, size_t *key_len, const char **value)
{
	const char *colon = strchr(spec, ':');
	const char *equals = colon ? strchr(colon + 1, '=') : NULL;
	if (!colon || !equals || colon == spec || equals == colon + 1)
		return -1;
	*rule_len = (size_t)(colon - spec);
	*key = colon + 1;
	*key_len = (size_t)(equals - colon - 1);
	*value = equals + 1;
	return 0;
}

/* "E1001, E1029, ..." : the rules stacklint applies options of. */
static void rules_with_options(char *out, size_t cap)
{
	size_t l = 0;
	out[0] = '\0';
	for (size_t i = 0; i < N_DEFS; i++) {
		if (defs[i].absent || (i > 0 && strcmp(defs[i].rule, defs[i - 1].rule) == 0 && !defs[i - 1].absent))
			continue;
		int w = snprintf(out + l, cap - l, "%s%s", l ? ", " : "", defs[i].rule);
		if (w < 0 || (size_t)w >= cap - l)
			break;
		l += (size_t)w;
	}
}

/* "strict" or "accountId, partition, region": the options of a rule. */
static void options_of(const char *rule, size_t rl, char *out, size_t cap)
{
	size_t l = 0;
	out[0] = '\0';
	for (size_t i = 0; i < N_DEFS; i++) {
		if (!eq(rule, rl, defs[i].rule))
			continue;
		int w = snprintf(out + l, cap - l, "%s%s", l ? ", " : "", defs[i].key);
		if (w < 0 || (size_t)w >= cap - l)
			break;
		l += (size_t)w;
	}
}

int sl_ropt_check(const char *rule, size_t rl, const char *key, size_t kl, const char *value, char *msg, size_t cap)
{
	char list[256];
	const struct sl_ropt_def *d = NULL;
	bool rule_known = false;
	for (size_t i = 0; i < N_DEFS; i++) {
		if (!eq(rule, rl, defs[i].rule))
			continue;
		rule_known = true;
		if (eq(key, kl, defs[i].key))
			d = &defs[i];
	}
	if (!rule_known) {
		char id[32];
		bool ours = false;
		if (rl < sizeof(id)) {
			memcpy(id, rule, rl);
			id[rl] = '\0';
			ours = sl_rule_find(id) != NULL;
		}
		rules_with_options(list, sizeof(list));
		if (ours)
			snprintf(msg, cap, "rule %.*s takes no options (the rules with options are %s)", (int)rl, rule,
				 list);
		else
			snprintf(msg, cap, "no rule '%.*s' takes options: neither stacklint nor cfn-lint has one by "
				 "that ID with options (the rules with options are %s)", (int)rl, rule, list);
		return -1;
	}
	if (!d) {
		options_of(rule, rl, list, sizeof(list));
		snprintf(msg, cap, "rule %.*s has no option '%.*s' (its options: %s)", (int)rl, rule, (int)kl, key,
			 list);
		return -1;
	}
	if (d->absent) {
		if (d->absent == no_i401x)
			snprintf(msg, cap, "cfn-lint's rule option %s:%s is ignored: stacklint has no rule %s (one "
				 "of cfn-lint's experimental Context rules)", d->rule, d->key, d->rule);
		else
			snprintf(msg, cap, "cfn-lint's rule option %s:%s is ignored: %s", d->rule, d->key, d->absent);
		return 1;
	}
	switch (d->type) {
	case SL_ROPT_BOOL:
		if (strcasecmp(value, "true") != 0 && strcasecmp(value, "false") != 0) {
			snprintf(msg, cap, "rule option %s:%s takes true or false, not '%s'", d->rule, d->key, value);
			return -1;
		}
		break;
	case SL_ROPT_REGEX:
	case SL_ROPT_REGEX_LIST: {
		int code;
		PCRE2_SIZE off;
		pcre2_code *re = pcre2_compile((PCRE2_SPTR)value, PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code, &off, NULL);
		if (!re) {
			PCRE2_UCHAR why[160];
			pcre2_get_error_message(code, why, sizeof(why));
			snprintf(msg, cap, "rule option %s:%s: '%s' is not a regular expression: %s at offset %zu",
				 d->rule, d->key, value, (const char *)why, (size_t)off);
			return -1;
		}
		pcre2_code_free(re);
		break;
	}
	default:
		break;
	}
	return 0;
}

/* --- resolution -------------------------------------------------------------- */

struct acc {
	struct sl_ctx *c;
	struct sl_ropt *v;
	size_t n, cap;
	bool oom;
};

static void add(struct acc *a, const char *rule, size_t rl, const char *key, size_t kl, const char *value)
{
	char msg[512];
	if (a->oom || sl_ropt_check(rule, rl, key, kl, value, msg, sizeof(msg)) != 0)
		return;
	if (a->n == a->cap) {
		struct sl_ropt *p = sl_arena_grow(a->c->arena, a->v, &a->cap, sizeof(*p));
		if (!p) {
			a->oom = true;
			return;
		}
		a->v = p;
	}
	struct sl_ropt *o = &a->v[a->n];
	o->rule = sl_arena_strndup(a->c->arena, rule, rl);
	o->key = sl_arena_strndup(a->c->arena, key, kl);
	o->value = sl_arena_strndup(a->c->arena, value, strlen(value));
	if (!o->rule || !o->key || !o->value)
		a->oom = true;
	else
		a->n++;
}

/* A scalar of the Metadata as a setting's text: YAML booleans as true/false. */
static const char *scalar_text(const struct sl_node *v)
{
	int b = sl_scalar_bool(v);
	if (b >= 0)
		return b ? "true" : "false";
	return v->str;
}

static void from_metadata(struct acc *a, const struct sl_node *rules)
{
	for (size_t i = 0; i < rules->len; i++) {
		const struct sl_node *rk = rules->pairs[i].key, *opts = rules->pairs[i].value;
		if (!sl_node_is(opts, SL_MAP))
			continue;
		for (size_t k = 0; k < opts->len; k++) {
			const struct sl_node *ok = opts->pairs[k].key, *v = opts->pairs[k].value;
			if (sl_node_is(v, SL_SCALAR) && !sl_node_is_null(v)) {
				add(a, rk->str, rk->len, ok->str, ok->len, scalar_text(v));
			} else if (sl_node_is(v, SL_SEQ)) {
				for (size_t j = 0; j < v->len; j++)
					if (sl_node_is(v->items[j], SL_SCALAR))
						add(a, rk->str, rk->len, ok->str, ok->len, scalar_text(v->items[j]));
			}
		}
	}
}

int sl_ropt_resolve(struct sl_ctx *c)
{
	const struct sl_options *o = c->opts;
	const struct sl_node *meta = NULL;
	if (c->t) {
		const struct sl_node *cfg = sl_map_get(sl_map_get(sl_section(c->t, SL_SEC_METADATA), "cfn-lint"), "config");
		meta = sl_map_get(cfg, "configure_rules");
	}
	struct acc a = { .c = c };
	if (!(o && o->rule_options_fixed) && sl_node_is(meta, SL_MAP) && meta->len > 0) {
		from_metadata(&a, meta);
	} else {
		for (size_t i = 0; o && i < o->n_rule_options; i++) {
			size_t rl, kl;
			const char *key, *value;
			if (sl_ropt_split(o->rule_options[i], &rl, &key, &kl, &value) == 0)
				add(&a, o->rule_options[i], rl, key, kl, value);
		}
	}
	c->ropts = a.v;
	c->n_ropts = a.n;
	return a.oom ? -1 : 0;
}

/* --- accessors --------------------------------------------------------------------- */

static const struct sl_ropt_def *def_of(const char *rule, const char *key)
{
	for (size_t i = 0; i < N_DEFS; i++)
		if (strcmp(defs[i].rule, rule) == 0 && strcmp(defs[i].key, key) == 0)
			return &defs[i];
	return NULL;
}

static const char *last_value(struct sl_ctx *c, const char *key)
{
	for (size_t i = c->n_ropts; i-- > 0;)
		if (strcmp(c->ropts[i].rule, c->rule->id) == 0 && strcmp(c->ropts[i].key, key) == 0)
			return c->ropts[i].value;
	const struct sl_ropt_def *d = def_of(c->rule->id, key);
	return d ? d->dflt : "";
}

struct sl_ropt_re {
	size_t n;
	pcre2_match_data *md;
	pcre2_code *re[];
};

static void re_free(void *p)
{
	struct sl_ropt_re *r = p;
	for (size_t i = 0; i < r->n; i++)
		pcre2_code_free(r->re[i]);
	pcre2_match_data_free(r->md);
	free(r);
}

const struct sl_ropt_re *sl_rule_opt_regex(struct sl_ctx *c, const char *key)
{
	const struct sl_ropt_def *d = def_of(c->rule->id, key);
	if (!d)
		return NULL;
	bool set = false; /* no setting (the usual case): no memo slot is taken */
	for (size_t i = 0; i < c->n_ropts && !set; i++)
		set = strcmp(c->ropts[i].rule, d->rule) == 0 && strcmp(c->ropts[i].key, key) == 0;
	if (!set)
		return NULL;
	struct sl_ropt_re *r = sl_memo_get(c, d);
	if (r)
		return r->n ? r : NULL;
	size_t n = 0;
	const char *const *v = sl_rule_opt_list(c, key, &n);
	if (d->type == SL_ROPT_REGEX && n > 1) {
		v += n - 1; /* one expression: the last setting */
		n = 1;
	}
	if (n == 1 && !*v[0])
		n = 0; /* "" is no expression (the default) */
	r = calloc(1, sizeof(*r) + n * sizeof(r->re[0]));
	if (!r) {
		c->oom = true;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		int code;
		PCRE2_SIZE off;
		r->re[r->n] = pcre2_compile((PCRE2_SPTR)v[i], PCRE2_ZERO_TERMINATED, PCRE2_UTF, &code, &off, NULL);
		if (r->re[r->n])
			r->n++; /* sl_ropt_check let only valid ones through */
	}
	r->md = r->n ? pcre2_match_data_create(1, NULL) : NULL;
	if (r->n && !r->md)
		r->n = 0;
	if (!sl_memo_put(c, d, r, re_free))
		return NULL;
	return r->n ? r : NULL;
}

bool sl_ropt_re_match(const struct sl_ropt_re *r, const char *s, size_t len)
{
	if (!r)
		return false;
	/* UTF-checked: a node string may hold C0 80 (U+0000, sl_node_strdup) */
	for (size_t i = 0; i < r->n; i++)
		if (pcre2_match(r->re[i], (PCRE2_SPTR)s, len, 0, PCRE2_ANCHORED, r->md, NULL) >= 0)
			return true;
	return false;
}

bool sl_rule_opt_bool(struct sl_ctx *c, const char *key)
{
	return strcasecmp(last_value(c, key), "true") == 0;
}

const char *sl_rule_opt_str(struct sl_ctx *c, const char *key)
{
	return last_value(c, key);
}

const char *const *sl_rule_opt_list(struct sl_ctx *c, const char *key, size_t *n)
{
	size_t k = 0;
	*n = 0;
	for (size_t i = 0; i < c->n_ropts; i++)
		if (strcmp(c->ropts[i].rule, c->rule->id) == 0 && strcmp(c->ropts[i].key, key) == 0)
			k++;
	if (!k)
		return NULL;
	const char **v = sl_arena_alloc(c->arena, k * sizeof(*v));
	if (!v) {
		c->oom = true;
		return NULL;
	}
	for (size_t i = 0; i < c->n_ropts; i++)
		if (strcmp(c->ropts[i].rule, c->rule->id) == 0 && strcmp(c->ropts[i].key, key) == 0)
			v[(*n)++] = c->ropts[i].value;
	return v;
}
