/*
 * The option-setting walk and messages shared by the Elastic Beanstalk rules
 * (ebconfig.h): env.yaml OptionSettings, .ebextensions option_settings, and
 * the template rules E99540/E99541, whose messages these functions word.
 */
#include "rules/beanstalk/ebconfig.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "rules/refs.h"

bool sl_eb_report_option(struct sl_ctx *c, const struct sl_node *name, const char *ns_name,
			 const struct sl_eb_namespace *ns, const struct sl_eb_effect *e)
{
	if (ns->kind != SL_EB_LISTED || sl_eb_option_find(ns, name->str, name->len))
		return false;
	const char *m = sl_eb_option_suggest(ns, name->str, name->len);
	sl_report(c, name,
		  "'%s' is not an option of namespace %s%s: Elastic Beanstalk rejects option "
		  "settings it does not know, and %s. The namespace's options are listed on %s",
		  name->str, ns_name, sl_did_you_mean(c, m), e->fails, ns->source);
	return true;
}

/* A bound as written on the page: whole numbers without a decimal point. */
static const char *bound(struct sl_ctx *c, double v)
{
	const char *s = sl_arena_printf(c->arena, "%.15g", v);
	return s ? s : "?";
}

void sl_eb_report_value(struct sl_ctx *c, const struct sl_node *v, const struct sl_eb_option *o,
			const char *opt, const char *ns, const struct sl_eb_effect *e)
{
	if (!sl_node_is(v, SL_SCALAR) || sl_node_is_null(v) || o->type == SL_EB_STRING)
		return;
	bool typed_bool = sl_scalar_type(v) == SL_TYPE_BOOL;
	enum sl_eb_verdict verdict = sl_eb_value_check(o, v->str, v->len, typed_bool, NULL);
	switch (verdict) {
	case SL_EB_OK:
		return;
	case SL_EB_NOT_ALLOWED: {
		char vals[400];
		const char *m = sl_eb_value_suggest(o, v->str, v->len);
		sl_report(c, v,
			  "'%s' is not a value of %s in %s%s: it takes %s, and Elastic Beanstalk "
			  "rejects any other value, %s",
			  v->str, opt, ns, sl_did_you_mean(c, m), sl_eb_values_text(o, vals, sizeof(vals)),
			  e->failing);
		return;
	}
	case SL_EB_NOT_NUMBER: {
		const char *range = isinf(o->max)
			? sl_arena_printf(c->arena, "%s or more", bound(c, o->min))
			: sl_arena_printf(c->arena, "%s to %s", bound(c, o->min), bound(c, o->max));
		sl_report(c, v,
			  "'%s' is not a %s: %s in %s takes %s, and Elastic Beanstalk rejects the "
			  "setting, %s",
			  v->str, o->type == SL_EB_INT ? "whole number" : "number", opt, ns,
			  range ? range : "a number", e->failing);
		return;
	}
	case SL_EB_BELOW:
	case SL_EB_ABOVE: {
		bool below = verdict == SL_EB_BELOW;
		sl_report(c, v,
			  "%s %s in %s is %s its documented %s, %s: Elastic Beanstalk rejects "
			  "the setting, %s",
			  opt, v->str, ns, below ? "below" : "above", below ? "minimum" : "maximum",
			  bound(c, below ? o->min : o->max), e->failing);
		return;
	}
	}
}

bool sl_ebc_is_function_text(const struct sl_node *v)
{
	return sl_node_is(v, SL_SCALAR) && v->len >= 2 && memchr(v->str, '`', v->len) &&
	       memchr(v->str, '{', v->len);
}

/* Fills the namespace of s from the len bytes at text: a "ResourceName."
 * prefix (saved configurations write aws:autoscaling:scheduledaction
 * settings so) is dropped. */
static void set_ns(struct sl_ebc_setting *s, const char *text, size_t len)
{
	const char *aws = NULL;
	for (size_t i = 1; i + 4 <= len && !aws; i++)
		if (text[i - 1] == '.' && memcmp(text + i, "aws:", 4) == 0)
			aws = text + i;
	s->ns = aws ? aws : text;
	s->ns_len = aws ? len - (size_t)(aws - text) : len;
}

static bool is_text(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !sl_node_is_null(n) && n->len;
}

void sl_ebc_each_setting(struct sl_ctx *c, const struct sl_node *settings, bool list_form,
			 void (*fn)(struct sl_ctx *c, const struct sl_ebc_setting *s, void *ud),
			 void *ud)
{
	if (sl_node_is(settings, SL_MAP)) {
		for (uint32_t i = 0; i < settings->len; i++) {
			const struct sl_node *nk = settings->pairs[i].key;
			const struct sl_node *opts = settings->pairs[i].value;
			if (!is_text(nk) || !sl_node_is(opts, SL_MAP))
				continue;
			for (uint32_t j = 0; j < opts->len; j++) {
				struct sl_ebc_setting s = {.ns_node = nk,
							   .name = opts->pairs[j].key,
							   .value = opts->pairs[j].value};
				if (!is_text(s.name))
					continue;
				set_ns(&s, nk->str, nk->len);
				fn(c, &s, ud);
			}
		}
		return;
	}
	if (!list_form || !sl_node_is(settings, SL_SEQ))
		return;
	for (uint32_t i = 0; i < settings->len; i++) {
		const struct sl_node *item = settings->items[i];
		struct sl_ebc_setting s = {.ns_node = sl_map_get(item, "namespace"),
					   .name = sl_map_get(item, "option_name"),
					   .value = sl_map_get(item, "value")};
		if (!sl_node_is(item, SL_MAP) || !is_text(s.name))
			continue;
		if (!s.ns_node) {
			s.ns = SL_EB_DEFAULT_NS;
			s.ns_len = strlen(SL_EB_DEFAULT_NS);
		} else if (is_text(s.ns_node)) {
			set_ns(&s, s.ns_node->str, s.ns_node->len);
		} else {
			continue;
		}
		fn(c, &s, ud);
	}
}

void sl_ebc_check_setting(struct sl_ctx *c, const struct sl_ebc_setting *s, bool unknown_ns,
			  const struct sl_eb_effect *e)
{
	const struct sl_eb_namespace *ns = sl_eb_namespace_find(s->ns, s->ns_len);
	if (unknown_ns) {
		if (ns || !s->ns_node)
			return;
		char buf[160];
		const char *m = sl_eb_namespace_suggest(s->ns, s->ns_len, buf, sizeof(buf));
		sl_report(c, s->ns_node,
			  "'%s' is not a namespace of Elastic Beanstalk's general or platform-specific "
			  "options%s: a misspelt namespace is rejected or never applied. Namespaces "
			  "are listed on %s and %s", s->ns, sl_did_you_mean(c, m), SL_EB_GENERAL,
			  SL_EB_SPECIFIC);
		return;
	}
	if (!ns || sl_eb_report_option(c, s->name, s->ns, ns, e))
		return;
	const struct sl_eb_option *o = sl_eb_option_find(ns, s->name->str, s->name->len);
	if (o && !sl_ebc_is_function_text(s->value))
		sl_eb_report_value(c, s->value, o, s->name->str, s->ns, e);
}

bool sl_ebc_is_manifest(const struct sl_node *root)
{
	static const char *const keys[] = {
		"AWSConfigurationTemplateVersion", "SolutionStack", "Platform", "OptionSettings",
		"EnvironmentTier", "EnvironmentName", "EnvironmentLinks", "CName",
		"EnvironmentConfigurationMetadata", NULL,
	};
	if (!sl_node_is(root, SL_MAP))
		return false;
	for (uint32_t i = 0; i < root->len; i++)
		if (sl_ebc_in(root->pairs[i].key, keys))
			return true;
	return false;
}

bool sl_ebc_in(const struct sl_node *k, const char *const *names)
{
	for (; *names; names++)
		if (sl_str_eq(k, *names))
			return true;
	return false;
}

const char *sl_ebc_suggest(const struct sl_node *k, const char *const *names)
{
	size_t n = 0;
	if (!sl_node_is(k, SL_SCALAR))
		return NULL;
	for (; names[n]; n++)
		if (strlen(names[n]) == k->len && strncasecmp(names[n], k->str, k->len) == 0)
			return names[n];
	return k->len <= 64 ? sl_suggest(k->str, k->len, names, n) : NULL;
}
