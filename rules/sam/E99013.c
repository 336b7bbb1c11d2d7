/* E99013: DeploymentPreference Hooks has only PreTraffic and PostTraffic. */
#include "rules/sam/samrules.h"

static const char *const hook_names[] = { "PreTraffic", "PostTraffic" };

static void check_hooks(struct sl_ctx *c, const struct sl_node *dp)
{
	if (!sl_node_is(dp, SL_MAP) || sl_node_intrinsic(dp))
		return;
	const struct sl_node *hooks = sl_map_get(dp, "Hooks");
	if (!hooks || sl_node_intrinsic(hooks))
		return;
	if (!sl_node_is(hooks, SL_MAP)) {
		/* an empty value has no span of its own: point at its key */
		const struct sl_node *at = hooks;
		if (sl_node_is(hooks, SL_SCALAR) && sl_scalar_type(hooks) == SL_TYPE_NULL &&
		    sl_map_key_of(hooks))
			at = sl_map_key_of(hooks);
		sl_report(c, at, "DeploymentPreference Hooks is not a map: write PreTraffic and/or "
			  "PostTraffic keys naming the hook functions (SAM rejects anything else)");
		return;
	}
	for (size_t i = 0; i < hooks->len; i++) {
		const struct sl_node *k = hooks->pairs[i].key;
		if (sl_str_eq(k, hook_names[0]) || sl_str_eq(k, hook_names[1]))
			continue;
		/* CodeDeploy's own names for the two lifecycle events */
		const char *s = sl_str_eq(k, "BeforeAllowTraffic") ? "PreTraffic"
				: sl_str_eq(k, "AfterAllowTraffic") ? "PostTraffic"
				: sl_suggest(k->str, k->len, hook_names, 2);
		sl_report(c, k, "'%s' is not a deployment hook%s: Hooks takes PreTraffic and PostTraffic "
			  "only, and SAM silently ignores any other key, so the function never runs",
			  k->str, s ? sl_arena_printf(c->arena, " (did you mean '%s'?)", s) : "");
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	check_hooks(c, sl_map_get(sl_sam_globals_for(t, SL_SAM_FUNCTION), "DeploymentPreference"));
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_FUNCTION);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		check_hooks(c, sl_map_get(sl_samr_props(e), "DeploymentPreference"));
	}
}

const struct sl_rule rule_E99013 = {
	.id = "E99013",
	.severity = SL_SEV_ERROR,
	.title = "DeploymentPreference Hooks are PreTraffic and PostTraffic",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-hooks.html",
	.doc =
	"### What it checks\n"
	"`DeploymentPreference.Hooks` of an `AWS::Serverless::Function` (or of `Globals.Function`) "
	"is a map whose keys are `PreTraffic` and `PostTraffic` only.\n\n"
	"### Why it matters\n"
	"SAM reads those two keys and ignores any other: a misspelt hook (`PreTrafic`, "
	"`BeforeAllowTraffic`) is a validation function that never runs, and the deployment shifts "
	"traffic untested. A `Hooks` value that is not a map fails the transform.\n\n"
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
	"        Type: Canary10Percent5Minutes\n"
	"        Hooks:\n"
	"          BeforeAllowTraffic: !Ref PreTrafficHook\n"
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
	"        Hooks:\n"
	"          PreTraffic: !Ref PreTrafficHook\n"
	"```\n",
	.check = check,
};
