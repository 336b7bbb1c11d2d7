/* E2010: a template declares at most 200 parameters. */
#include "rules/parameters/params.h"

#define MAX_PARAMS 200

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->params.n <= MAX_PARAMS)
		return;
	const struct sl_node *k = t->params.items[MAX_PARAMS].key;
	sl_report(c, k, "the template declares %zu parameters; the limit is %d (this is number %d)",
		  t->params.n, MAX_PARAMS, MAX_PARAMS + 1);
}

const struct sl_rule rule_E2010 = {
	.id = "E2010",
	.severity = SL_SEV_ERROR,
	.title = "At most 200 parameters",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html",
	.doc =
	"### What it checks\n"
	"The template declares at most 200 parameters. The finding is placed on the 201st.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a template with more parameters than its quota allows. A "
	"template that needs so many usually wants Mappings, SSM parameters or nested stacks.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Param1:\n"
	"    Type: String\n"
	"  # ... Param2 to Param200 ...\n"
	"  Param201:\n"
	"    Type: String\n"
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
