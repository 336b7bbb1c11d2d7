/* E99012: DeploymentPreference.Type names a deployment configuration that exists. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rules/sam/samrules.h"
#include "util/buf.h"

static const char *const sfn_types[] = { "ALL_AT_ONCE", "CANARY", "LINEAR", NULL };

/* The literal DeploymentConfigName of every AWS::CodeDeploy::DeploymentConfig
 * in the template, sorted: read once, when a name first needs them. */
struct configs {
	bool read, oom;
	const struct sl_node **names;
	size_t n;
};

struct judge_ctx {
	bool fn; /* a Function (CodeDeploy) rather than a StateMachine (Step Functions) */
	struct configs *cf;
};

static size_t count(const char *const *l)
{
	size_t n = 0;
	while (l[n])
		n++;
	return n;
}

static int name_cmp(const void *a, const void *b)
{
	const struct sl_node *x = *(const struct sl_node *const *)a;
	const struct sl_node *y = *(const struct sl_node *const *)b;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->str, y->str, x->len);
}

/* True when `name` is the literal DeploymentConfigName of an
 * AWS::CodeDeploy::DeploymentConfig in the template (cf->oom when memory runs out). */
static bool custom_config(struct configs *cf, const struct sl_template *t,
			  const struct sl_node *name)
{
	if (!cf->read) {
		cf->read = true;
		cf->names = malloc((t->resources.n + 1) * sizeof(*cf->names));
		if (!cf->names) {
			cf->oom = true;
			return false;
		}
		struct sl_samr_types tw;
		sl_samr_types_init(&tw, t, "AWS::CodeDeploy::DeploymentConfig");
		for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
			const struct sl_node *n = sl_map_get(sl_samr_props(e), "DeploymentConfigName");
			if (sl_node_is(n, SL_SCALAR))
				cf->names[cf->n++] = n;
		}
		if (cf->n)
			qsort(cf->names, cf->n, sizeof(*cf->names), name_cmp);
	}
	return cf->n && bsearch(&name, cf->names, cf->n, sizeof(*cf->names), name_cmp);
}

/* True when a name not in the list still reads as an attempt at a predefined
 * configuration: close to one (hint), a Canary/Linear/AllAtOnce variant that
 * does not exist, or CodeDeploy's reserved prefix. Any other name may be a
 * custom configuration created outside the template, and is not judged. */
static bool meant_predefined(const struct sl_node *v, const char *hint)
{
	static const char *const families[] = {
		"canary", "linear", "allatonce", "all_at_once", "codedeploydefault.",
	};
	if (hint)
		return true;
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (strncasecmp(v->str, families[i], strlen(families[i])) == 0)
			return true;
	return false;
}

/* True when a and b are equal ignoring case and underscores (ALL_AT_ONCE, AllAtOnce). */
static bool same_words(const char *a, const char *b)
{
	for (;;) {
		while (*a == '_')
			a++;
		while (*b == '_')
			b++;
		if (!*a || !*b)
			return !*a && !*b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
		a++;
		b++;
	}
}

static void judge(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const struct judge_ctx *j = ud;
	if (sl_node_intrinsic(v) || !sl_node_is(v, SL_SCALAR))
		return;
	const char *const *allowed = j->fn ? sl_samr_codedeploy_types : sfn_types;
	for (size_t i = 0; allowed[i]; i++) {
		if (sl_str_eq(v, allowed[i]))
			return;
		/* the full CodeDeploy name passes through SAM unchanged */
		if (j->fn && v->len > 24 && memcmp(v->str, "CodeDeployDefault.Lambda", 24) == 0 &&
		    strcmp(v->str + 24, allowed[i]) == 0)
			return;
	}
	if (j->fn && custom_config(j->cf, c->t, v))
		return;
	if (j->cf->oom) {
		c->oom = true;
		return;
	}
	const char *hint = NULL;
	for (size_t i = 0; allowed[i] && !hint; i++)
		if (same_words(v->str, allowed[i]))
			hint = allowed[i];
	if (!hint)
		hint = sl_suggest(v->str, v->len, allowed, count(allowed));
	if (j->fn && !meant_predefined(v, hint))
		return;
	const char *dym = hint ? sl_arena_printf(c->arena, " (did you mean '%s'?)", hint) : "";
	struct sl_buf b = SL_BUF_INIT;
	for (size_t i = 0; allowed[i]; i++)
		sl_buf_printf(&b, "%s%s", i ? ", " : "", allowed[i]);
	if (j->fn)
		sl_report(c, v, "DeploymentPreference Type '%s' is not one of CodeDeploy's predefined Lambda "
			  "deployment configurations%s: %s", v->str, dym ? dym : "", sl_buf_cstr(&b));
	else
		sl_report(c, v, "DeploymentPreference Type '%s' of a state machine is not a Step Functions "
			  "deployment type%s: %s", v->str, dym ? dym : "", sl_buf_cstr(&b));
	sl_buf_free(&b);
}

/* Judges the Type in one DeploymentPreference map that is switched on. */
static void check_type(struct sl_ctx *c, struct configs *cf, const struct sl_node *dp, bool fn)
{
	if (!sl_node_is(dp, SL_MAP) || sl_node_intrinsic(dp) ||
	    sl_samr_enabled(sl_map_get(dp, "Enabled")) == 0)
		return;
	const struct sl_node *ty = sl_map_get(dp, "Type");
	struct judge_ctx j = { fn, cf };
	if (ty)
		sl_samr_each_value(ty, judge, c, &j);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	static const char *const enabled_path[] = { "DeploymentPreference", "Enabled", NULL };
	static const char *const type_path[] = { "DeploymentPreference", "Type", NULL };
	/* values in Globals once, where they are written */
	const struct sl_node *gf = sl_sam_globals_for(t, SL_SAM_FUNCTION);
	const struct sl_node *gs = sl_sam_globals_for(t, SL_SAM_STATE_MACHINE);
	struct configs cf = { 0 };
	check_type(c, &cf, sl_map_get(gf, "DeploymentPreference"), true);
	check_type(c, &cf, sl_map_get(gs, "DeploymentPreference"), false);
	bool globals_told = false;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_FUNCTION, SL_SAM_STATE_MACHINE);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		bool fn = sl_samr_type_is(e, SL_SAM_FUNCTION);
		bool from_globals = false;
		const struct sl_node *dp = sl_sam_prop(t, e, "DeploymentPreference", &from_globals);
		if (!sl_node_is(dp, SL_MAP) || sl_node_intrinsic(dp))
			continue;
		if (!from_globals)
			check_type(c, &cf, dp, fn);
		if (sl_samr_enabled(sl_sam_prop_path(t, e, enabled_path, NULL)) != 1 ||
		    sl_sam_prop_path(t, e, type_path, NULL))
			continue;
		/* no Type at all: once for Globals, which every such resource shares */
		if (from_globals && globals_told)
			continue;
		globals_told = globals_told || from_globals;
		const struct sl_node *at = sl_map_key_of(dp);
		sl_report(c, at ? at : dp, "DeploymentPreference has no Type: %s",
			  fn ? "name a CodeDeploy deployment configuration such as Canary10Percent5Minutes, "
			       "Linear10PercentEvery1Minute or AllAtOnce (SAM rejects a preference without one)"
			     : "a state machine's preference needs ALL_AT_ONCE, CANARY or LINEAR");
	}
	free(cf.names);
}

const struct sl_rule rule_E99012 = {
	.id = "E99012",
	.severity = SL_SEV_ERROR,
	.title = "DeploymentPreference Type is a known deployment configuration",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-deploymentpreference.html",
	.doc =
	"### What it checks\n"
	"An enabled `DeploymentPreference` (in the resource or in `Globals`) has a `Type`. On an "
	"`AWS::Serverless::Function` it is one of CodeDeploy's predefined Lambda configurations: "
	"`Canary10Percent5Minutes`, `Canary10Percent10Minutes`, `Canary10Percent15Minutes`, "
	"`Canary10Percent30Minutes`, `Linear10PercentEvery1Minute`, `Linear10PercentEvery2Minutes`, "
	"`Linear10PercentEvery3Minutes`, `Linear10PercentEvery10Minutes`, `AllAtOnce` (or its full "
	"name, `CodeDeployDefault.LambdaAllAtOnce`, ...). SAM also passes any other name through "
	"as a custom deployment configuration, which may exist in the account: such a name is "
	"reported only when it reads as an attempt at a predefined one (a case slip, a typo, a "
	"`Canary...`/`Linear...` variant CodeDeploy does not define, another platform's "
	"`CodeDeployDefault.*` name), and never when it is the name of an "
	"`AWS::CodeDeploy::DeploymentConfig` in the template or comes from an intrinsic function. "
	"On an `AWS::Serverless::StateMachine` it is `ALL_AT_ONCE`, `CANARY` or `LINEAR`.\n\n"
	"### Why it matters\n"
	"SAM passes an unknown name to CodeDeploy as a configuration name, and the deployment group "
	"fails to create (\"No deployment configuration found for name\"), after the function itself "
	"was created; names are case-sensitive, and `Linear10PercentEvery5Minutes` or "
	"`Canary10Percent20Minutes` do not exist.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      AutoPublishAlias: live\n"
	"      DeploymentPreference:\n"
	"        Type: Canary10Percent5Minute\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"      AutoPublishAlias: live\n"
	"      DeploymentPreference:\n"
	"        Type: Canary10Percent5Minutes\n"
	"```\n",
	.check = check,
};
