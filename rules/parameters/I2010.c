/* I2010: the template is close to its limit of 200 parameters. */
#include "rules/parameters/params.h"
#include "rules/template/limits.h"

#define MAX_PARAMS 200 /* E2010's quota */

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const struct sl_pair *sec = t->sections[SL_SEC_PARAMETERS];
	size_t n = t->params.n;
	if (!sec || n > MAX_PARAMS || n * 100 <= (size_t)MAX_PARAMS * SL_APPROACHING_PERCENT)
		return;
	sl_report(c, sec->key, "the template declares %zu parameters, close to CloudFormation's "
		  "limit of %d; move settings into Mappings or SSM parameters before it is reached",
		  n, MAX_PARAMS);
}

const struct sl_rule rule_I2010 = {
	.id = "I2010",
	.severity = SL_SEV_INFO,
	.title = "The template is close to the parameter limit",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"A template declaring more than 90% of CloudFormation's 200 parameters (181 to 200; E2010 "
	"reports more than 200). The finding is on the `Parameters` key.\n\n"
	"### Why it matters\n"
	"A few more parameters and the template is rejected; it is easier to regroup settings "
	"(Mappings, SSM parameters, nested stacks) before the limit is hit than after.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Param1:\n"
	"    Type: String\n"
	"  # ... Param2 to Param185 ...\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Settings:\n"
	"    Type: AWS::SSM::Parameter::Value<String>\n"
	"    Default: /myapp/settings\n"
	"```\n",
	.check = check,
};
