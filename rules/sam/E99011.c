/* E99011: DeploymentPreference needs AutoPublishAlias (after Globals). */
#include "rules/sam/samrules.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	static const char *const enabled_path[] = { "DeploymentPreference", "Enabled", NULL };
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_FUNCTION, SL_SAM_STATE_MACHINE);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		bool fn = sl_samr_type_is(e, SL_SAM_FUNCTION);
		if (!fn && !sl_samr_type_is(e, SL_SAM_STATE_MACHINE))
			continue;
		bool from_globals = false;
		const struct sl_node *dp = sl_sam_prop(t, e, "DeploymentPreference", &from_globals);
		if (!sl_node_is(dp, SL_MAP) || sl_node_intrinsic(dp))
			continue;
		if (sl_samr_enabled(sl_sam_prop_path(t, e, enabled_path, NULL)) != 1)
			continue;
		const struct sl_node *alias = sl_sam_prop(t, e, "AutoPublishAlias", NULL);
		const char *what = fn ? "function" : "state machine";
		if (alias && (sl_node_intrinsic(alias) || !sl_node_is(alias, SL_SCALAR) ||
			      (sl_scalar_type(alias) != SL_TYPE_NULL && alias->len > 0)))
			continue;
		if (alias) {
			sl_report(c, alias, "AutoPublishAlias of %s '%s' is empty, so SAM publishes no alias; "
				  "its DeploymentPreference shifts traffic between versions of an alias and "
				  "needs a name here", what, e->key->str);
			continue;
		}
		const struct sl_node *at = sl_map_key_of(dp);
		if (from_globals)
			sl_report(c, at ? at : dp, "%s '%s' gets this DeploymentPreference from Globals but "
				  "has no AutoPublishAlias: the deployment shifts traffic between versions of an "
				  "alias, and SAM rejects the %s without one", what, e->key->str, what);
		else
			sl_report(c, at ? at : dp, "DeploymentPreference needs AutoPublishAlias on %s '%s': the "
				  "deployment shifts traffic between versions of an alias, and SAM rejects the %s "
				  "without one", what, e->key->str, what);
	}
}

const struct sl_rule rule_E99011 = {
	.id = "E99011",
	.severity = SL_SEV_ERROR,
	.title = "DeploymentPreference comes with AutoPublishAlias",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-property-function-deploymentpreference.html",
	.doc =
	"### What it checks\n"
	"An `AWS::Serverless::Function` or `AWS::Serverless::StateMachine` with an enabled "
	"`DeploymentPreference` also has a non-empty `AutoPublishAlias`, either of them possibly "
	"from `Globals`. A preference whose `Enabled` comes from an intrinsic function is not "
	"judged.\n\n"
	"### Why it matters\n"
	"A gradual deployment moves an alias from the old version to the new one; without "
	"`AutoPublishAlias` there is no alias, and the SAM transform fails (\"'DeploymentPreference' "
	"requires AutoPublishAlias property to be specified\").\n\n"
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
	"      DeploymentPreference:\n"
	"        Type: Canary10Percent5Minutes\n"
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
