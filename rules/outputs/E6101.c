/* E6101: output values are strings. */
#include "rules/outputs/outputs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->outputs.n; i++) {
		const struct sl_entity *e = &t->outputs.items[i];
		if (sl_output_loop(e))
			continue;
		const struct sl_node *v = sl_map_get(e->value, "Value");
		if (sl_node_is(v, SL_SCALAR) && !(v->flags & SL_NODE_ALIAS) &&
		    sl_scalar_type(v) == SL_TYPE_NULL) {
			sl_report(c, v, "the Value of output '%s' is null (empty): CloudFormation rejects "
				  "null values in a template", e->key->str);
			continue;
		}
		const char *what = sl_output_not_string(t, v);
		if (what)
			sl_report(c, v, "the Value of output '%s' is %s; an output value must be a string "
				  "(join a list with Fn::Join)", e->key->str, what);
	}
}

const struct sl_rule rule_E6101 = {
	.id = "E6101",
	.severity = SL_SEV_ERROR,
	.title = "Output values are strings",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/outputs-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each output's `Value` can be a string: not null (left empty), a literal list or mapping, nor Fn::GetAZs, Fn::Split, Fn::Cidr or a Ref to a list parameter, which give lists.\n"
	"\n"
	"### Why it matters\n"
	"CloudFormation rejects an output whose value is not a string when it creates the stack.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Subnets:\n"
	"    Type: List<AWS::EC2::Subnet::Id>\n"
	"Outputs:\n"
	"  SubnetIds:\n"
	"    Value: !Ref Subnets\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Subnets:\n"
	"    Type: List<AWS::EC2::Subnet::Id>\n"
	"Outputs:\n"
	"  SubnetIds:\n"
	"    Value: !Join [',', !Ref Subnets]\n"
	"```\n",
	.check = check,
};
