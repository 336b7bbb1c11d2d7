/* E99520: a SERVICE_MANAGED stack set targets organizational units and says how it auto-deploys. */
#include "rules/deploy/deploy.h"

static void check_targets(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *dt)
{
	if (!sl_node_is(dt, SL_MAP) || sl_node_intrinsic(dt))
		return;
	const struct sl_node *ou = sl_map_get(dt, "OrganizationalUnitIds");
	const struct sl_node *acct = sl_dep_key(dt, "Accounts");
	if (!acct)
		acct = sl_dep_key(dt, "AccountsUrl");
	if (!acct)
		return;
	if (!ou)
		sl_report(c, acct, "stack set '%s' uses SERVICE_MANAGED permissions but these "
			  "deployment targets name %s without OrganizationalUnitIds: with "
			  "service-managed permissions StackSets deploys to AWS Organizations units, "
			  "and OrganizationalUnitIds is required (Accounts only narrows them with "
			  "AccountFilterType). Add the OUs, or use SELF_MANAGED permissions to deploy "
			  "to accounts directly", e->key->str, acct->str);
	else if (!sl_map_get(dt, "AccountFilterType"))
		sl_report(c, acct, "stack set '%s' uses SERVICE_MANAGED permissions and these "
			  "deployment targets combine OrganizationalUnitIds with %s but set no "
			  "AccountFilterType: CloudFormation requires it to know how to combine them "
			  "(INTERSECTION, DIFFERENCE; UNION is not supported when creating a stack set "
			  "resource)", e->key->str, acct->str);
}

static void check_set(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      const struct sl_node *pm)
{
	if (!sl_map_get(props, "AutoDeployment"))
		sl_report(c, pm, "stack set '%s' uses SERVICE_MANAGED permissions without "
			  "AutoDeployment: StackSets requires it for service-managed stack sets. "
			  "Add AutoDeployment with Enabled true (deploy to accounts that join the "
			  "target OUs) or false, and RetainStacksOnAccountRemoval", e->key->str);
}

static void check(struct sl_ctx *c)
{
	sl_dep_each_stack_set(c, "SERVICE_MANAGED", check_set, check_targets);
}

const struct sl_rule rule_E99520 = {
	.id = "E99520",
	.severity = SL_SEV_ERROR,
	.title = "SERVICE_MANAGED stack sets target OUs and set AutoDeployment",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-properties-cloudformation-stackset-deploymenttargets.html",
	.doc =
	"### What it checks\n"
	"An `AWS::CloudFormation::StackSet` with `PermissionModel: SERVICE_MANAGED`:\n\n"
	"- has `AutoDeployment` (the CreateStackSet API requires it for service-managed "
	"permissions);\n"
	"- in each `StackInstancesGroup`, `DeploymentTargets` that name `Accounts` or "
	"`AccountsUrl` also name `OrganizationalUnitIds`, and then set `AccountFilterType`.\n\n"
	"A permission model given by a parameter is not judged.\n\n"
	"### Why it matters\n"
	"With service-managed permissions StackSets deploys through AWS Organizations: the "
	"CloudFormation reference says you must specify `OrganizationalUnitIds`, and that "
	"`Accounts` or `AccountsUrl` together with OUs need `AccountFilterType` to say how to "
	"combine them. Deploying to a list of accounts alone is what `SELF_MANAGED` permissions "
	"are for. CloudFormation rejects the stack set and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Baseline:\n"
	"    Type: AWS::CloudFormation::StackSet\n"
	"    Properties:\n"
	"      StackSetName: baseline\n"
	"      PermissionModel: SERVICE_MANAGED\n"
	"      TemplateURL: https://s3.amazonaws.com/my-bucket/baseline.yaml\n"
	"      StackInstancesGroup:\n"
	"        - Regions: [us-east-1]\n"
	"          DeploymentTargets:\n"
	"            Accounts: ['111111111111']\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Baseline:\n"
	"    Type: AWS::CloudFormation::StackSet\n"
	"    Properties:\n"
	"      StackSetName: baseline\n"
	"      PermissionModel: SERVICE_MANAGED\n"
	"      AutoDeployment:\n"
	"        Enabled: true\n"
	"        RetainStacksOnAccountRemoval: false\n"
	"      TemplateURL: https://s3.amazonaws.com/my-bucket/baseline.yaml\n"
	"      StackInstancesGroup:\n"
	"        - Regions: [us-east-1]\n"
	"          DeploymentTargets:\n"
	"            OrganizationalUnitIds: [ou-abcd-12345678]\n"
	"```\n",
	.check = check,
};
