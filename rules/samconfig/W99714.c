/* W99714: a samconfig that gives `sam deploy` no capabilities, for a template
 * that needs some. */
#include "rules/samconfig/samconfig.h"

static void check(struct sl_ctx *c)
{
	sl_samcfg_check_caps(c, false);
}

const struct sl_rule rule_W99714 = {
	.id = "W99714",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_SAMCONFIG,
	.title = "samconfig gives sam deploy the capabilities its template needs",
	.source = SL_SAMCFG_CAPS_DOC,
	.doc =
	"### What it checks\n"
	"For every environment with a `deploy` table that gives no `capabilities` at all (neither "
	"the deploy table nor the environment's `global` one), whether the template it deploys "
	"needs some, judged as E99713 judges it: `CAPABILITY_IAM` for IAM resources (a SAM "
	"function or state machine without a `Role`, a connector), `CAPABILITY_NAMED_IAM` for "
	"IAM resources with a custom name, `CAPABILITY_AUTO_EXPAND` for nested applications.\n\n"
	"### Why it matters\n"
	"A plain `sam deploy` then fails with `Requires capabilities : [CAPABILITY_IAM]`. It is a "
	"warning, not an error like E99713, because a pipeline may pass `--capabilities` on the "
	"command line and keep the samconfig short; writing them in the samconfig makes every "
	"`sam deploy` of the project work the same way.\n\n"
	"### Bad\n"
	"```yaml\n"
	"version: 0.1\n"
	"default:\n"
	"  deploy:\n"
	"    parameters:\n"
	"      stack_name: orders\n"
	"      # template.yaml declares an AWS::Serverless::Function without a Role\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 0.1\n"
	"default:\n"
	"  deploy:\n"
	"    parameters:\n"
	"      stack_name: orders\n"
	"      capabilities: CAPABILITY_IAM\n"
	"```\n",
	.check = check,
};
