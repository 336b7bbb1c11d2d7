/* The template a samconfig deploys, and the capabilities it needs (samconfig.h). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rules/samconfig/samconfig.h"
#include "template/sam.h"

const struct sl_template *sl_samcfg_template(struct sl_ctx *c, const char *env, const char *cmd,
					     const char **name)
{
	static const char *const defaults[] = { ".aws-sam/build/template.yaml", "template.yaml",
						"template.yml", "template.json", NULL };
	*name = NULL;
	const struct sl_node *tf = sl_samcfg_param(c->root, env, cmd, "template_file");
	if (!tf)
		tf = sl_samcfg_param(c->root, env, cmd, "template");
	const struct sl_template *t = NULL;
	if (sl_node_is(tf, SL_SCALAR) && sl_scalar_type(tf) == SL_TYPE_STRING && tf->len) {
		t = sl_side_template(c, tf->str, tf->len, NULL, name);
		/* not built yet: the built template has the source's parameters */
		if (!t && tf->len > 9 && memcmp(tf->str, ".aws-sam/", 9) == 0)
			t = sl_side_template(c, NULL, 0, defaults + 1, name);
	} else if (!tf) {
		t = sl_side_template(c, NULL, 0, defaults, name);
	}
	return t && !t->macro_global ? t : NULL;
}

/* The property of an IAM type that gives the resource its name, or NULL for an
 * IAM type without one; *is_iam tells whether the type needs CAPABILITY_IAM. */
static const char *iam_name_prop(const struct sl_node *type, bool *is_iam)
{
	static const struct {
		const char *type, *name;
	} iam[] = {
		{ "AWS::IAM::AccessKey", NULL },
		{ "AWS::IAM::Group", "GroupName" },
		{ "AWS::IAM::InstanceProfile", "InstanceProfileName" },
		{ "AWS::IAM::ManagedPolicy", "ManagedPolicyName" },
		{ "AWS::IAM::Policy", NULL },
		{ "AWS::IAM::Role", "RoleName" },
		{ "AWS::IAM::User", "UserName" },
		{ "AWS::IAM::UserToGroupAddition", NULL },
	};
	*is_iam = false;
	for (size_t i = 0; i < sizeof(iam) / sizeof(iam[0]); i++)
		if (sl_str_eq(type, iam[i].type)) {
			*is_iam = true;
			return iam[i].name;
		}
	return NULL;
}

void sl_samcfg_needs(const struct sl_template *t, struct sl_samcfg_needs *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!e->type || !sl_node_is(e->value, SL_MAP) || sl_map_get(e->value, "Condition"))
			continue;
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		bool iam;
		const char *np = iam_name_prop(e->type, &iam);
		bool makes_role = false;
		if (sl_str_eq(e->type, "AWS::Serverless::Function") ||
		    sl_str_eq(e->type, "AWS::Serverless::StateMachine"))
			makes_role = !sl_sam_prop(t, e, "Role", NULL); /* SAM creates an execution role */
		else if (sl_str_eq(e->type, "AWS::Serverless::Connector") ||
			 (t->sam && sl_map_get(e->value, "Connectors")))
			makes_role = true; /* a connector is a managed policy */
		if ((iam || makes_role) && !out->iam)
			out->iam = e;
		if (np && sl_map_get(props, np) && !out->named_iam)
			out->named_iam = e;
		if (sl_str_eq(e->type, "AWS::Serverless::Application") && !out->auto_expand)
			out->auto_expand = e;
	}
}

struct each_override {
	void (*fn)(struct sl_ctx *c, const struct sl_node *cmd_key, const struct sl_template *t,
		   const char *file, const struct sl_samcfg_pair *p, void *arg);
	void *arg;
	const struct sl_node *cmd_key;
	const struct sl_template *t;
	const char *file;
};

static void one_pair(struct sl_ctx *c, const struct sl_samcfg_pair *p, void *arg)
{
	struct each_override *o = arg;
	o->fn(c, o->cmd_key, o->t, o->file, p, o->arg);
}

static void one_table(struct sl_ctx *c, const struct sl_node *env_key, const struct sl_node *cmd_key,
		      const struct sl_samcfg_command *cmd, const struct sl_node *params, void *arg)
{
	(void)cmd;
	struct each_override *o = arg;
	const struct sl_node *v = sl_map_get(params, "parameter_overrides");
	if (!v)
		return;
	o->t = sl_samcfg_template(c, env_key->str, cmd_key->str, &o->file);
	if (!o->t)
		return;
	o->cmd_key = cmd_key;
	if (sl_samcfg_each_pair(c, v, SL_SAMCFG_OVERRIDES, one_pair, NULL, o) < 0)
		c->oom = true;
}

void sl_samcfg_each_override(struct sl_ctx *c,
			     void (*fn)(struct sl_ctx *c, const struct sl_node *cmd_key,
					const struct sl_template *t, const char *file,
					const struct sl_samcfg_pair *p, void *arg),
			     void *arg)
{
	struct each_override o = { fn, arg, NULL, NULL, NULL };
	sl_samcfg_each_params(c, one_table, &o);
}

void sl_samcfg_report_pair(struct sl_ctx *c, const struct sl_samcfg_pair *p, bool value,
			   const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	if (p->exact)
		sl_report_spanv(c, p->node, value ? p->value_start : p->key_start,
				value ? p->value_end : p->key_end, fmt, ap);
	else
		sl_report_spanv(c, p->node, sl_pos(c, p->node->start), sl_pos(c, p->node->end), fmt, ap);
	va_end(ap);
}

struct caps {
	bool iam, named, expand;
};

/* Reads the capability names of one string (space-separated, as SAM CLI
 * splits them) into *have. */
static void read_caps(const struct sl_node *s, struct caps *have)
{
	const char *p = s->str, *end = s->str + s->len;
	while (p < end) {
		while (p < end && isspace((unsigned char)*p))
			p++;
		const char *w = p;
		while (p < end && !isspace((unsigned char)*p))
			p++;
		size_t n = (size_t)(p - w);
		if (n == 14 && memcmp(w, "CAPABILITY_IAM", 14) == 0)
			have->iam = true;
		else if (n == 20 && memcmp(w, "CAPABILITY_NAMED_IAM", 20) == 0)
			have->named = have->iam = true;
		else if (n == 22 && memcmp(w, "CAPABILITY_AUTO_EXPAND", 22) == 0)
			have->expand = true;
	}
}

static bool is_str(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && sl_scalar_type(n) == SL_TYPE_STRING;
}

static void deploy(struct sl_ctx *c, const struct sl_node *env_key, const struct sl_node *cmd_key,
		   const struct sl_samcfg_command *cmd, const struct sl_node *params, void *arg)
{
	(void)cmd;
	bool when_given = *(const bool *)arg;
	if (!sl_str_eq(cmd_key, "deploy"))
		return;
	const char *file;
	const struct sl_template *t = sl_samcfg_template(c, env_key->str, "deploy", &file);
	if (!t)
		return;
	struct sl_samcfg_needs need;
	sl_samcfg_needs(t, &need);
	if (!need.iam && !need.named_iam && !need.auto_expand)
		return;
	const struct sl_node *v = sl_samcfg_param(c->root, env_key->str, "deploy", "capabilities");
	struct caps have = { false, false, false };
	if (is_str(v)) {
		read_caps(v, &have);
	} else if (sl_node_is(v, SL_SEQ)) {
		for (uint32_t i = 0; i < v->len; i++) {
			if (!is_str(v->items[i]))
				return; /* not a list of names: E99704's business */
			read_caps(v->items[i], &have);
		}
	} else if (v) {
		return;
	}
	if (when_given != (v != NULL))
		return;
	const struct sl_node *at = v ? v : sl_map_key_of(params) ? sl_map_key_of(params) : params;
	const char *given = v ? "its capabilities do not include it"
			      : "it gives no capabilities: a plain `sam deploy` fails unless its "
				"command line adds --capabilities";
	if (need.named_iam && !have.named) {
		const struct sl_entity *e = need.named_iam;
		sl_report(c, at, "environment '%s' deploys %s, whose '%s' (%.*s, line %u) has a custom "
			  "name: CloudFormation requires CAPABILITY_NAMED_IAM, and %s", env_key->str,
			  file, e->key->str, (int)e->type->len, e->type->str, sl_doc_line(t->doc, e->key), given);
	} else if (need.iam && !have.iam) {
		const struct sl_entity *e = need.iam;
		const char *how = "";
		if (sl_str_eq(e->type, "AWS::Serverless::Function") ||
		    sl_str_eq(e->type, "AWS::Serverless::StateMachine"))
			how = ": SAM creates its execution role";
		else if (e->type->len < 10 || memcmp(e->type->str, "AWS::IAM::", 10) != 0)
			how = ": SAM writes its connector's policy";
		sl_report(c, at, "environment '%s' deploys %s, which creates IAM resources ('%s', line "
			  "%u%s): CloudFormation requires CAPABILITY_IAM, and %s", env_key->str, file,
			  e->key->str, sl_doc_line(t->doc, e->key), how, given);
	}
	if (need.auto_expand && !have.expand) {
		const struct sl_entity *e = need.auto_expand;
		sl_report(c, at, "environment '%s' deploys %s, which nests an application ('%s', line "
			  "%u): sam deploy requires CAPABILITY_AUTO_EXPAND for nested applications, and "
			  "%s", env_key->str, file, e->key->str, sl_doc_line(t->doc, e->key), given);
	}
}

void sl_samcfg_check_caps(struct sl_ctx *c, bool when_given)
{
	sl_samcfg_each_params(c, deploy, &when_given);
}

