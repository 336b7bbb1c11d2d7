/*
 * The OptionSettings of Elastic Beanstalk environments and configuration
 * templates, as the option rules read them (beanstalk.h).
 */
#include "rules/beanstalk/beanstalk.h"

#include <stdlib.h>
#include <string.h>

#include "rules/sam/samrules.h"

static bool is_eb(const struct sl_entity *e)
{
	return sl_samr_type_is(e, SL_EB_ENVIRONMENT) || sl_samr_type_is(e, SL_EB_CONFIG_TEMPLATE);
}

/* A literal scalar (not null): text a setting can name or hold. */
static bool literal(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !sl_node_is_null(n);
}

/* The Fn::If arguments [condition, then, else] of n, or NULL. */
static const struct sl_node *if_args(const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!sl_str_eq(k, "Fn::If"))
		return NULL;
	const struct sl_node *a = n->pairs[0].value;
	return sl_node_is(a, SL_SEQ) && a->len == 3 ? a : NULL;
}

/* Calls fn for an OptionSettings item, or for an Fn::If item for each of its
 * branches that is not AWS::NoValue instead (recursively; conditional is then
 * true). Shared by the walk over settings as written and by the reading of a
 * configuration's settings. */
static void each_item(const struct sl_node *item, bool conditional,
		      void (*fn)(const struct sl_node *item, bool conditional, void *ud), void *ud)
{
	const struct sl_node *args = if_args(item);
	if (!args) {
		fn(item, conditional, ud);
		return;
	}
	for (size_t i = 1; i < 3; i++)
		if (!sl_samr_is_novalue(args->items[i]))
			each_item(args->items[i], true, fn, ud);
}

struct walk {
	void (*fn)(struct sl_ctx *c, const struct sl_eb_setting *s, void *ud);
	void *ud;
	struct sl_ctx *c;
	const struct sl_entity *res;
};

static void visit_item(const struct sl_node *item, bool conditional, void *ud)
{
	const struct walk *w = ud;
	if (!sl_node_is(item, SL_MAP) || sl_node_intrinsic(item))
		return;
	struct sl_eb_setting s = {
		.res = w->res,
		.item = item,
		.ns = sl_map_get(item, "Namespace"),
		.name = sl_map_get(item, "OptionName"),
		.value = sl_map_get(item, "Value"),
		.conditional = conditional,
	};
	if (literal(s.ns) && literal(s.name))
		w->fn(w->c, &s, w->ud);
}

/* An OptionSettings list, or an Fn::If choosing between lists. */
static void visit_list(struct walk *w, const struct sl_node *os, bool conditional)
{
	const struct sl_node *args = if_args(os);
	if (args) {
		for (size_t i = 1; i < 3; i++)
			visit_list(w, args->items[i], true);
		return;
	}
	for (size_t j = 0; sl_node_is(os, SL_SEQ) && j < os->len; j++)
		each_item(os->items[j], conditional, visit_item, w);
}

void sl_eb_each_setting(struct sl_ctx *c,
			void (*fn)(struct sl_ctx *c, const struct sl_eb_setting *s, void *ud), void *ud)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_EB_ENVIRONMENT, SL_EB_CONFIG_TEMPLATE);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		if (!is_eb(e))
			continue;
		struct walk w = {fn, ud, c, e};
		visit_list(&w, sl_map_get(sl_samr_props(e), "OptionSettings"), false);
	}
}

/* --- the settings an environment ends up with ------------------------------ */

static const struct {
	const char *ns, *name;
} keys[SL_EB_K_COUNT] = {
	[SL_EB_K_POLICY] = {"aws:elasticbeanstalk:command", "DeploymentPolicy"},
	[SL_EB_K_BATCH_TYPE] = {"aws:elasticbeanstalk:command", "BatchSizeType"},
	[SL_EB_K_BATCH_SIZE] = {"aws:elasticbeanstalk:command", "BatchSize"},
	[SL_EB_K_ENV_TYPE] = {"aws:elasticbeanstalk:environment", "EnvironmentType"},
	[SL_EB_K_LB_TYPE] = {"aws:elasticbeanstalk:environment", "LoadBalancerType"},
	[SL_EB_K_MIN_SIZE] = {"aws:autoscaling:asg", "MinSize"},
	[SL_EB_K_MAX_SIZE] = {"aws:autoscaling:asg", "MaxSize"},
};

/* The key a literal Namespace / OptionName pair sets, or -1. */
static int key_of(const struct sl_node *ns, const struct sl_node *name)
{
	for (int k = 0; k < SL_EB_K_COUNT; k++)
		if (sl_str_eq(ns, keys[k].ns) && sl_str_eq(name, keys[k].name))
			return k;
	return -1;
}

/* Something could set any option: every unset key becomes unknown. */
static void opaque(struct sl_eb_config *cfg)
{
	cfg->closed = false;
	for (int k = 0; k < SL_EB_K_COUNT; k++)
		if (cfg->k[k].state == SL_EB_UNSET)
			cfg->k[k].state = SL_EB_UNKNOWN;
}

static void set_key(struct sl_eb_config *cfg, int k, const struct sl_node *value, bool conditional)
{
	if (k < 0)
		return;
	if (conditional || !literal(value)) {
		cfg->k[k].state = SL_EB_UNKNOWN;
		return;
	}
	if (cfg->k[k].state == SL_EB_UNSET) {
		cfg->k[k].state = SL_EB_SET;
		cfg->k[k].value = value;
	} else if (cfg->k[k].state == SL_EB_SET &&
		   (cfg->k[k].value->len != value->len ||
		    memcmp(cfg->k[k].value->str, value->str, value->len) != 0)) {
		cfg->k[k].state = SL_EB_UNKNOWN; /* set twice to different values */
	}
}

static void read_item(const struct sl_node *item, bool conditional, void *ud)
{
	struct sl_eb_config *cfg = ud;
	if (!sl_node_is(item, SL_MAP) || sl_node_intrinsic(item)) {
		opaque(cfg);
		return;
	}
	const struct sl_node *ns = sl_map_get(item, "Namespace");
	const struct sl_node *name = sl_map_get(item, "OptionName");
	if (!literal(ns) || !literal(name)) {
		opaque(cfg);
		return;
	}
	set_key(cfg, key_of(ns, name), sl_map_get(item, "Value"), conditional);
}

/* The resource's own settings into an empty cfg; closed when all are read. */
static void read_own(struct sl_eb_config *cfg, const struct sl_entity *res)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->closed = true;
	const struct sl_node *props = sl_samr_props(res);
	if (res->value && sl_map_get(res->value, "Properties") && !props) {
		opaque(cfg); /* Properties written as a function */
		return;
	}
	const struct sl_node *os = sl_map_get(props, "OptionSettings");
	if (!os)
		return;
	if (!sl_node_is(os, SL_SEQ)) {
		opaque(cfg);
		return;
	}
	for (size_t i = 0; i < os->len; i++)
		each_item(os->items[i], false, read_item, cfg);
}

/* The configuration template of the stack an environment's TemplateName
 * names with a Ref, or NULL. *outside is set when it names one that cannot
 * be read here (a literal saved configuration, a parameter, an import). */
static const struct sl_entity *template_of(const struct sl_template *t, const struct sl_entity *env,
					   bool *outside)
{
	const struct sl_node *tn = sl_map_get(sl_samr_props(env), "TemplateName");
	*outside = false;
	if (!tn)
		return NULL;
	const struct sl_node *k = sl_node_intrinsic(tn);
	const struct sl_node *a = k ? tn->pairs[0].value : NULL;
	if (sl_str_eq(k, "Ref") && sl_node_is(a, SL_SCALAR)) {
		const struct sl_entity *ct = sl_index_find(&t->resources, a->str, a->len);
		if (ct && sl_samr_type_is(ct, SL_EB_CONFIG_TEMPLATE))
			return ct;
	}
	*outside = true;
	return NULL;
}

void sl_eb_config_of(struct sl_eb_config *out, const struct sl_template *t,
		     const struct sl_entity *res)
{
	read_own(out, res);
	if (!sl_samr_type_is(res, SL_EB_ENVIRONMENT)) {
		out->closed = false; /* an environment using it may set anything */
		return;
	}
	const struct sl_node *props = sl_samr_props(res);
	if (sl_map_get(props, "VersionLabel"))
		out->closed = false; /* the source bundle's .ebextensions may set options */
	const struct sl_node *tier = sl_map_get(props, "Tier");
	if (tier) {
		const struct sl_node *name = sl_map_get(tier, "Name");
		if (!sl_node_is(tier, SL_MAP) || sl_node_intrinsic(tier) || !literal(name) ||
		    !sl_str_eq(name, "WebServer"))
			out->worker = true;
	}
	bool outside;
	const struct sl_entity *ct = template_of(t, res, &outside);
	if (outside) {
		opaque(out);
		return;
	}
	if (!ct)
		return;
	struct sl_eb_config base;
	read_own(&base, ct);
	if (sl_map_get(sl_samr_props(ct), "SourceConfiguration"))
		opaque(&base);
	for (int k = 0; k < SL_EB_K_COUNT; k++)
		if (out->k[k].state == SL_EB_UNSET)
			out->k[k] = base.k[k];
	out->closed = out->closed && base.closed;
}

void sl_eb_each_config(struct sl_ctx *c,
		       void (*fn)(struct sl_ctx *c, const struct sl_entity *res,
				  const struct sl_eb_config *cfg, void *ud),
		       void *ud)
{
	const struct sl_template *t = c->t;
	size_t n = t->resources.n;
	bool *used = n ? calloc(n, sizeof(*used)) : NULL;
	if (n && !used)
		return;
	/* the configuration templates an environment of the stack uses are judged
	 * with it: an environment's settings override theirs */
	for (size_t i = 0; i < n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		bool outside;
		const struct sl_entity *ct =
			sl_samr_type_is(e, SL_EB_ENVIRONMENT) ? template_of(t, e, &outside) : NULL;
		if (ct)
			used[ct - t->resources.items] = true;
	}
	for (size_t i = 0; i < n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!is_eb(e) || used[i])
			continue;
		struct sl_eb_config cfg;
		sl_eb_config_of(&cfg, t, e);
		fn(c, e, &cfg, ud);
	}
	free(used);
}

const struct sl_eb_option *sl_eb_key_option(enum sl_eb_key k)
{
	const struct sl_eb_namespace *ns = sl_eb_namespace_find(keys[k].ns, strlen(keys[k].ns));
	return ns ? sl_eb_option_find(ns, keys[k].name, strlen(keys[k].name)) : NULL;
}

const char *sl_eb_text(const struct sl_eb_config *cfg, enum sl_eb_key k)
{
	if (cfg->k[k].state == SL_EB_SET)
		return cfg->k[k].value->str;
	if (cfg->k[k].state != SL_EB_UNSET || !cfg->closed)
		return NULL;
	const struct sl_eb_option *o = sl_eb_key_option(k);
	return o ? o->def : NULL;
}
