/* E99713: the capabilities a samconfig gives `sam deploy` cover what the
 * template it deploys creates. */
#include "rules/samconfig/samconfig.h"

static void check(struct sl_ctx *c)
{
	sl_samcfg_check_caps(c, true);
}

const struct sl_rule rule_E99713 = {
	.id = "E99713",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_SAMCONFIG,
	.title = "samconfig capabilities cover what the template creates",
	.source = SL_SAMCFG_CAPS_DOC,
	.doc =
	"### What it checks\n"
	"For every environment with a `deploy` table, the `capabilities` that `sam deploy` reads "
	"(the deploy table's, else the environment's `global` one) against the template it "
	"deploys (`template_file`, else `.aws-sam/build/template.yaml`, `template.yaml`, "
	"`template.yml` or `template.json` beside the samconfig), as SAM's transform leaves it:\n"
	"- IAM resources (`AWS::IAM::Role`, `Policy`, `ManagedPolicy`, `User`, `Group`, "
	"`InstanceProfile`, `AccessKey`, `UserToGroupAddition`) need `CAPABILITY_IAM` or "
	"`CAPABILITY_NAMED_IAM`; so do SAM functions and state machines without a `Role` (SAM "
	"creates their execution role) and connectors (SAM writes their policies);\n"
	"- an IAM resource with a custom name (`RoleName`, `UserName`, `GroupName`, "
	"`InstanceProfileName`, `ManagedPolicyName`) needs `CAPABILITY_NAMED_IAM`;\n"
	"- a nested application (`AWS::Serverless::Application`) needs "
	"`CAPABILITY_AUTO_EXPAND`.\n\n"
	"Capabilities are read as SAM CLI reads them: names separated by spaces, or a list. "
	"Only an environment whose samconfig gives capabilities is judged here; one that gives "
	"none is W99714's (its pipeline may pass `--capabilities` on the command line). "
	"Resources with a `Condition` are not counted, nor templates with a macro other than "
	"SAM's; nothing is said when the template cannot be found.\n\n"
	"### Why it matters\n"
	"CloudFormation refuses to create the change set (`Requires capabilities : "
	"[CAPABILITY_IAM]`): the classic failure of a first `sam deploy` with a hand-written "
	"samconfig. The template is fine; the samconfig must acknowledge what it creates.\n\n"
	"### Bad\n"
	"```toml\n"
	"version = 0.1\n"
	"[default.deploy.parameters]\n"
	"stack_name = \"orders\"\n"
	"# template.yaml declares an AWS::Serverless::Function without a Role\n"
	"capabilities = \"CAPABILITY_AUTO_EXPAND\"\n"
	"```\n\n"
	"### Good\n"
	"```toml\n"
	"version = 0.1\n"
	"[default.deploy.parameters]\n"
	"stack_name = \"orders\"\n"
	"capabilities = \"CAPABILITY_IAM CAPABILITY_AUTO_EXPAND\"\n"
	"```\n",
	.check = check,
};
