/* E99805: hook entries have the platform's shape: scripts with a location on
 * EC2/On-Premises, one Lambda function name on AWS Lambda and Amazon ECS. */
#include <ctype.h>

#include "rules/appspec/appspec.h"

/* The value Ruby's to_i gives the scalar's text (the agent's reading of a
 * timeout), saturated; 0 when it starts with no digit. */
static long ruby_to_i(const struct sl_node *v)
{
	size_t i = 0;
	while (i < v->len && isspace((unsigned char)v->str[i]))
		i++;
	int sign = 1;
	if (i < v->len && (v->str[i] == '+' || v->str[i] == '-'))
		sign = v->str[i++] == '-' ? -1 : 1;
	long n = 0;
	for (; i < v->len && (isdigit((unsigned char)v->str[i]) || v->str[i] == '_'); i++)
		if (v->str[i] != '_' && n < 100000000)
			n = n * 10 + (v->str[i] - '0');
	return sign * n;
}

static void ec2_script(struct sl_ctx *c, const struct sl_node *ev, const struct sl_node *s)
{
	if (!sl_node_is(s, SL_MAP)) {
		sl_report(c, s, "a script of %.*s is a mapping with a location (and optionally "
			  "timeout and runas), such as '- location: scripts/start.sh'", SL_AS_KEY(ev));
		return;
	}
	const struct sl_pair *loc = sl_map_get_pair(s, "location");
	if (!loc || sl_node_is_null(loc->value)) {
		sl_report(c, loc ? loc->key : s, "this script of %.*s has no location: the "
			  "CodeDeploy agent fails the deployment (\"a script with no location value\"); "
			  "give the script's path in the revision", SL_AS_KEY(ev));
	} else if (!sl_node_is(loc->value, SL_SCALAR)) {
		sl_report(c, loc->value, "location is one path, the script's in the revision, not a %s",
			  sl_node_is(loc->value, SL_SEQ) ? "list" : "mapping");
	} else {
		size_t i = 0;
		while (i < loc->value->len && isspace((unsigned char)loc->value->str[i]))
			i++;
		if (i == loc->value->len)
			sl_report(c, loc->value, "this script of %.*s has an empty location: the "
				  "CodeDeploy agent fails the deployment", SL_AS_KEY(ev));
	}
	const struct sl_node *t = sl_map_get(s, "timeout");
	if (!t || sl_node_is_null(t) || sl_scalar_type(t) == SL_TYPE_BOOL)
		return;
	if (!sl_node_is(t, SL_SCALAR))
		sl_report(c, t, "timeout is a number of seconds, not a %s",
			  sl_node_is(t, SL_SEQ) ? "list" : "mapping");
	else if (ruby_to_i(t) <= 0)
		sl_report(c, t, "timeout '%.*s' is not a positive whole number of seconds: the "
			  "CodeDeploy agent fails the deployment (\"an invalid timeout value\")",
			  SL_AS_KEY(t));
}

static void entry(struct sl_ctx *c, const struct sl_node *ev, const struct sl_node *v, void *arg)
{
	enum sl_appspec_platform p = *(const enum sl_appspec_platform *)arg;
	if (p == SL_AS_EC2) {
		if (sl_node_is(v, SL_SEQ)) {
			for (size_t i = 0; i < v->len; i++)
				ec2_script(c, ev, v->items[i]);
		} else if (sl_node_is_null(v)) {
			sl_report(c, ev, "%.*s lists no script: the CodeDeploy agent cannot read an "
				  "empty hook; list its scripts or remove it", SL_AS_KEY(ev));
		} else {
			sl_report(c, v, "the hooks of %.*s are a list of scripts ('- location: "
				  "scripts/x.sh'), not a %s", SL_AS_KEY(ev),
				  sl_node_is(v, SL_MAP) ? "mapping" : "single value");
		}
		return;
	}
	if (sl_node_is(v, SL_SCALAR) && !sl_node_is_null(v) && v->len)
		return;
	if (sl_node_is_null(v) || sl_node_is(v, SL_SCALAR))
		sl_report(c, ev, "%.*s names no Lambda function: on %s each hook names one, by "
			  "its name or ARN", SL_AS_KEY(ev), sl_appspec_platform_name(p));
	else
		sl_report(c, v, "on %s a hook names one Lambda function (its name or ARN, as a "
			  "string) to run at %.*s, not a %s", sl_appspec_platform_name(p),
			  SL_AS_KEY(ev), sl_node_is(v, SL_SEQ) ? "list" : "mapping");
}

static void check(struct sl_ctx *c)
{
	if (!sl_node_is(c->root, SL_MAP))
		return;
	enum sl_appspec_platform p = sl_appspec_platform(c->root);
	const struct sl_pair *hooks = sl_appspec_hooks(c->root, p);
	if (p != SL_AS_UNKNOWN && hooks)
		sl_appspec_each_hook(c, hooks->value, entry, &p);
}

const struct sl_rule rule_E99805 = {
	.id = "E99805",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_APPSPEC,
	.title = "AppSpec hook entries have the platform's shape",
	.source = SL_APPSPEC_DOC "reference-appspec-file-structure-hooks.html",
	.doc =
	"### What it checks\n"
	"On EC2/On-Premises, each event in `hooks` lists scripts, each a mapping with a "
	"`location` (required, not empty) and optionally a `timeout` that is a positive whole "
	"number of seconds and `runas`. On AWS Lambda and Amazon ECS, each hook names one Lambda "
	"function, as a string.\n\n"
	"### Why it matters\n"
	"The CodeDeploy agent fails the deployment on a script with no location (\"the "
	"application specification file specifies a script with no location value\") or a "
	"timeout that is not a positive number (\"an invalid timeout value was provided\"). A "
	"Lambda or ECS hook is one validation function that CodeDeploy invokes; a list of "
	"scripts there is an EC2/On-Premises hook written in the wrong file.\n\n"
	"### Bad\n"
	"```yaml\n"
	"version: 0.0\n"
	"os: linux\n"
	"hooks:\n"
	"  AfterInstall:\n"
	"    - timeout: 300\n"
	"      runas: root\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 0.0\n"
	"os: linux\n"
	"hooks:\n"
	"  AfterInstall:\n"
	"    - location: scripts/configure.sh\n"
	"      timeout: 300\n"
	"      runas: root\n"
	"```\n",
	.check = check,
};
