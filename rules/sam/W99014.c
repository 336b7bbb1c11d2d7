/* W99014: hook functions are named CodeDeployHook_* when CodeDeploy's default role runs them. */
#include <string.h>

#include "rules/sam/samrules.h"

#define PREFIX "CodeDeployHook_"
#define PREFIX_LEN 15

enum verdict { NAME_OK, NAME_BAD, NAME_UNKNOWN };

/* Judges a function name given as literal text of which only the first `lit`
 * bytes are known (the rest comes from a variable when lit < len). */
static enum verdict judge_text(const char *s, size_t len, size_t lit)
{
	if (lit >= PREFIX_LEN)
		return memcmp(s, PREFIX, PREFIX_LEN) == 0 ? NAME_OK : NAME_BAD;
	if (lit == len) /* all known and shorter than the prefix */
		return NAME_BAD;
	return memcmp(s, PREFIX, lit) == 0 ? NAME_UNKNOWN : NAME_BAD;
}

/* Judges a FunctionName value: a literal, or the known start of an Fn::Sub. */
static enum verdict judge_name(const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k)
		return sl_samr_is_string(n) ? judge_text(n->str, n->len, n->len) : NAME_UNKNOWN;
	if (!sl_str_eq(k, "Fn::Sub"))
		return NAME_UNKNOWN;
	const struct sl_node *arg = n->pairs[0].value;
	if (sl_node_is(arg, SL_SEQ) && arg->len >= 1)
		arg = arg->items[0];
	if (!sl_samr_is_string(arg))
		return NAME_UNKNOWN;
	const char *var = strstr(arg->str, "${");
	return judge_text(arg->str, arg->len, var ? (size_t)(var - arg->str) : arg->len);
}

struct seen {
	const struct sl_node *items[64];
	size_t n;
};

/* True when n was already reported (a hook in Globals is shared by many functions). */
static bool already(struct seen *s, const struct sl_node *n)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->items[i] == n)
			return true;
	if (s->n < sizeof(s->items) / sizeof(s->items[0]))
		s->items[s->n++] = n;
	return false;
}

static const char *const why =
	"with no Role in DeploymentPreference, CodeDeploy uses the role SAM creates "
	"(AWSCodeDeployRoleForLambda), which may only invoke functions named " PREFIX "*, so the "
	"hook fails and the deployment rolls back; name it " PREFIX "..., or give "
	"DeploymentPreference a Role";

static void check_hook(struct sl_ctx *c, const struct sl_node *h, const char *hook,
		       struct seen *seen)
{
	const struct sl_template *t = c->t;
	const struct sl_node *k = sl_node_intrinsic(h);
	if (!k) {
		if (!sl_samr_is_string(h))
			return;
		/* a function name or ARN written out */
		const char *name = h->str;
		const char *f = strstr(h->str, ":function:");
		if (f)
			name = f + 10;
		size_t len = strcspn(name, ":");
		if (judge_text(name, len, len) == NAME_BAD && !already(seen, h))
			sl_report(c, h, "%s hook '%s' is not named " PREFIX "*: %s", hook, h->str, why);
		return;
	}
	const struct sl_node *target = NULL;
	if (sl_str_eq(k, "Ref"))
		target = h->pairs[0].value;
	else if (sl_str_eq(k, "Fn::GetAtt") && sl_node_is(h->pairs[0].value, SL_SEQ) &&
		 h->pairs[0].value->len == 2)
		target = h->pairs[0].value->items[0];
	if (!sl_node_is(target, SL_SCALAR))
		return;
	const struct sl_entity *fn = sl_index_find(&t->resources, target->str, target->len);
	if (!fn)
		return;
	const struct sl_node *name;
	if (sl_samr_type_is(fn, SL_SAM_FUNCTION))
		name = sl_sam_prop(t, fn, "FunctionName", NULL);
	else if (sl_samr_type_is(fn, "AWS::Lambda::Function"))
		name = sl_map_get(sl_samr_props(fn), "FunctionName");
	else
		return;
	if (!name) {
		if (!already(seen, h))
			sl_report(c, h, "%s hook function '%s' has no FunctionName, so CloudFormation "
				  "generates one that does not begin with " PREFIX ": %s", hook, fn->key->str, why);
		return;
	}
	if (judge_name(name) == NAME_BAD && !already(seen, h)) {
		const struct sl_node *text = name;
		if (sl_node_intrinsic(name)) { /* Fn::Sub: show its template */
			text = name->pairs[0].value;
			if (sl_node_is(text, SL_SEQ) && text->len >= 1)
				text = text->items[0];
		}
		sl_report(c, h, "%s hook function '%s' is named '%s'%s: %s", hook, fn->key->str, text->str,
			  text == name ? "" : " (Fn::Sub)", why);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	static const char *const enabled_path[] = { "DeploymentPreference", "Enabled", NULL };
	static const char *const role_path[] = { "DeploymentPreference", "Role", NULL };
	static const char *const pre_path[] = {
		"DeploymentPreference", "Hooks", "PreTraffic", NULL,
	};
	static const char *const post_path[] = {
		"DeploymentPreference", "Hooks", "PostTraffic", NULL,
	};
	struct seen seen = { .n = 0 };
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_FUNCTION);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *dp = sl_sam_prop(t, e, "DeploymentPreference", NULL);
		if (!sl_node_is(dp, SL_MAP) || sl_node_intrinsic(dp) ||
		    sl_samr_enabled(sl_sam_prop_path(t, e, enabled_path, NULL)) != 1 ||
		    sl_sam_prop_path(t, e, role_path, NULL))
			continue;
		const struct sl_node *pre = sl_sam_prop_path(t, e, pre_path, NULL);
		const struct sl_node *post = sl_sam_prop_path(t, e, post_path, NULL);
		if (pre)
			check_hook(c, pre, "PreTraffic", &seen);
		if (post)
			check_hook(c, post, "PostTraffic", &seen);
	}
}

const struct sl_rule rule_W99014 = {
	.id = "W99014",
	.severity = SL_SEV_WARNING,
	.title = "Hook functions are named CodeDeployHook_* under the default CodeDeploy role",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/automating-updates-to-serverless-apps.html",
	.doc =
	"### What it checks\n"
	"When an enabled `DeploymentPreference` has `Hooks` but no `Role`, each hook function (the "
	"function in the template that the hook refers to with `!Ref` or `!GetAtt`, or a function "
	"name or ARN written out) has a `FunctionName` that begins with `CodeDeployHook_`. A name "
	"built by `Fn::Sub` is judged by its literal beginning; other intrinsic functions are not "
	"judged.\n\n"
	"### Why it matters\n"
	"Without a `Role`, SAM creates a CodeDeploy service role with the managed policy "
	"`AWSCodeDeployRoleForLambda`, which allows `lambda:InvokeFunction` only on functions named "
	"`CodeDeployHook_*`. Any other hook cannot be invoked: the deployment fails and rolls back. "
	"A function without `FunctionName` gets a generated name, which never matches.\n\n"
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
	"          PreTraffic: !Ref PreTrafficHook\n"
	"  PreTrafficHook:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      FunctionName: pre-traffic-check\n"
	"      Runtime: python3.12\n"
	"      Handler: hook.handler\n"
	"      CodeUri: hooks/\n"
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
	"  PreTrafficHook:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      FunctionName: CodeDeployHook_preTrafficCheck\n"
	"      Runtime: python3.12\n"
	"      Handler: hook.handler\n"
	"      CodeUri: hooks/\n"
	"```\n",
	.check = check,
};
