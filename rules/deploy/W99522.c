/* W99522: a SERVICE_MANAGED stack set names no administration or execution role. */
#include "rules/deploy/deploy.h"

static void check_set(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      const struct sl_node *pm)
{
	static const char *const keys[] = { "AdministrationRoleARN", "ExecutionRoleName" };
	(void)pm;
	for (size_t k = 0; k < 2; k++) {
		const struct sl_pair *p = sl_map_get_pair(props, keys[k]);
		if (!p || sl_samr_is_novalue(p->value))
			continue;
		sl_report(c, p->key, "stack set '%s' uses SERVICE_MANAGED permissions, so "
			  "%s has no effect: it is valid only with SELF_MANAGED permissions, and "
			  "StackSets creates the roles it needs in the organization's accounts "
			  "itself. Remove %s, or use SELF_MANAGED if you meant your own roles",
			  e->key->str, keys[k], keys[k]);
	}
}

static void check(struct sl_ctx *c)
{
	sl_dep_each_stack_set(c, "SERVICE_MANAGED", check_set, NULL);
}

const struct sl_rule rule_W99522 = {
	.id = "W99522",
	.severity = SL_SEV_WARNING,
	.title = "SERVICE_MANAGED stack sets take no administration or execution role",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/"
		  "API_CreateStackSet.html",
	.doc =
	"### What it checks\n"
	"An `AWS::CloudFormation::StackSet` with `PermissionModel: SERVICE_MANAGED` sets neither "
	"`AdministrationRoleARN` nor `ExecutionRoleName`. The diagnostic points at the key.\n\n"
	"### Why it matters\n"
	"The CreateStackSet API documents the administration role as valid only with the "
	"`SELF_MANAGED` permission model: with service-managed permissions StackSets creates the "
	"IAM roles it needs in the accounts of AWS Organizations itself. A role named here is "
	"not the one used, which misleads whoever reads or audits the template.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      PermissionModel: SERVICE_MANAGED\n"
	"      AdministrationRoleARN: !GetAtt StackSetAdminRole.Arn\n"
	"      ExecutionRoleName: AWSCloudFormationStackSetExecutionRole\n"
	"      AutoDeployment:\n"
	"        Enabled: true\n"
	"        RetainStacksOnAccountRemoval: false\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      PermissionModel: SERVICE_MANAGED\n"
	"      AutoDeployment:\n"
	"        Enabled: true\n"
	"        RetainStacksOnAccountRemoval: false\n"
	"```\n",
	.check = check,
};
