/* E6102: export names are strings. */
#include "rules/outputs/outputs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->outputs.n; i++) {
		const struct sl_entity *e = &t->outputs.items[i];
		if (sl_output_loop(e))
			continue;
		const struct sl_node *x = sl_map_get(e->value, "Export");
		const struct sl_node *name = sl_map_get(x, "Name");
		const char *what = sl_output_not_string(t, name);
		if (sl_node_is_null(name))
			sl_report(c, name, "the Export Name of output '%s' is null (empty): "
				  "CloudFormation rejects null values in a template", e->key->str);
		else if (what)
			sl_report(c, name, "the Export Name of output '%s' is %s; it must be a string",
				  e->key->str, what);
	}
}

const struct sl_rule rule_E6102 = {
	.id = "E6102",
	.severity = SL_SEV_ERROR,
	.title = "Export names are strings",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
	.doc =
	"### What it checks\n"
	"The `Name` of each output's `Export` can be a string: not null (left empty), a literal list or mapping, nor a function that gives a list.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation rejects an export whose name is not a string.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Value: !Ref Queue\n"
	"    Export:\n"
	"      Name: [queue, url]\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  QueueUrl:\n"
	"    Value: !Ref Queue\n"
	"    Export:\n"
	"      Name: !Sub '${AWS::StackName}-queue-url'\n"
	"```\n",
	.check = check,
};
