/* E99521: a SELF_MANAGED stack set targets accounts, without AutoDeployment or
 * organizational units. */
#include "rules/deploy/deploy.h"

static void check_targets(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *dt)
{
	if (!sl_node_is(dt, SL_MAP) || sl_node_intrinsic(dt))
		return;
	const struct sl_node *ou = sl_dep_key(dt, "OrganizationalUnitIds");
	const struct sl_node *acct = sl_dep_key(dt, "Accounts");
	const struct sl_node *url = sl_dep_key(dt, "AccountsUrl");
	if (ou)
		sl_report(c, ou, "stack set '%s' uses SELF_MANAGED permissions but these deployment "
			  "targets name OrganizationalUnitIds: organizational units are targets of "
			  "SERVICE_MANAGED stack sets only; self-managed ones deploy to the Accounts "
			  "(or AccountsUrl) you list", e->key->str);
	if (acct && url)
		sl_report(c, url, "stack set '%s' uses SELF_MANAGED permissions and these deployment "
			  "targets set both Accounts and AccountsUrl: give one of them, not both",
			  e->key->str);
	else if (!acct && !url && !ou)
		sl_report(c, sl_map_key_of(dt) ? sl_map_key_of(dt) : dt, "stack set '%s' uses "
			  "SELF_MANAGED permissions but these deployment targets name no Accounts "
			  "or AccountsUrl: self-managed stack sets deploy only to the accounts "
			  "listed there", e->key->str);
}

static void check_set(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      const struct sl_node *pm)
{
	(void)pm;
	const struct sl_node *ad = sl_dep_key(props, "AutoDeployment");
	if (ad)
		sl_report(c, ad, "stack set '%s' uses SELF_MANAGED permissions but sets "
			  "AutoDeployment: automatic deployment follows accounts joining AWS "
			  "Organizations units and exists only for SERVICE_MANAGED stack sets. "
			  "Remove AutoDeployment, or switch to SERVICE_MANAGED with "
			  "OrganizationalUnitIds targets", e->key->str);
}

static void check(struct sl_ctx *c)
{
	sl_dep_each_stack_set(c, "SELF_MANAGED", check_set, check_targets);
}

const struct sl_rule rule_E99521 = {
	.id = "E99521",
	.severity = SL_SEV_ERROR,
	.title = "SELF_MANAGED stack sets target accounts, without AutoDeployment or OUs",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-properties-cloudformation-stackset-deploymenttargets.html",
	.doc =
	"### What it checks\n"
	"An `AWS::CloudFormation::StackSet` with `PermissionModel: SELF_MANAGED`:\n\n"
	"- sets no `AutoDeployment` (the CreateStackSet API: \"not used with self-managed "
	"permissions\");\n"
	"- in each `StackInstancesGroup`, `DeploymentTargets` name no `OrganizationalUnitIds`, "
	"and exactly one of `Accounts` and `AccountsUrl`.\n\n"
	"A permission model given by a parameter is not judged.\n\n"
	"### Why it matters\n"
	"Self-managed stack sets deploy with administrator and execution roles you create to the "
	"accounts you list; organizational units and automatic deployment to accounts that join "
	"them belong to service-managed permissions through AWS Organizations. The CloudFormation "
	"reference says self-managed targets must specify either `Accounts` or `AccountsUrl`, "
	"but not both. CloudFormation rejects the stack set and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Baseline:\n"
	"    Type: AWS::CloudFormation::StackSet\n"
	"    Properties:\n"
	"      StackSetName: baseline\n"
	"      PermissionModel: SELF_MANAGED\n"
	"      AutoDeployment:\n"
	"        Enabled: true\n"
	"      TemplateURL: https://s3.amazonaws.com/my-bucket/baseline.yaml\n"
	"      StackInstancesGroup:\n"
	"        - Regions: [us-east-1]\n"
	"          DeploymentTargets:\n"
	"            OrganizationalUnitIds: [ou-abcd-12345678]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Baseline:\n"
	"    Type: AWS::CloudFormation::StackSet\n"
	"    Properties:\n"
	"      StackSetName: baseline\n"
	"      PermissionModel: SELF_MANAGED\n"
	"      TemplateURL: https://s3.amazonaws.com/my-bucket/baseline.yaml\n"
	"      StackInstancesGroup:\n"
	"        - Regions: [us-east-1]\n"
	"          DeploymentTargets:\n"
	"            Accounts: ['111111111111', '222222222222']\n"
	"```\n",
	.check = check,
};
