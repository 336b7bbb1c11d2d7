/* E3031: string values match the pattern the resource schema gives them. */
#include "engine/ruleopt.h"
#include "rules/schema.h"

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_PATTERN)
		return;
	/* cfn-lint's exceptions option: values the user accepts (re.match) */
	if (sl_ropt_re_match(sl_rule_opt_regex(c, "exceptions"), h->at->str, h->at->len))
		return;
	const struct sl_node *k = sl_schema_prop_of(h->at);
	const char *pat = sl_spec_constraint_pattern(c->spec, sl_spec_constraint(c->spec, h->cons));
	sl_report(c, h->at, "'%s' does not match the pattern %s%s%s%s", h->at->str, pat ? pat : "?",
		  k ? " that " : "", k ? k->str : "", k ? " requires" : "");
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
}

const struct sl_rule rule_E3031 = {
	.id = "E3031",
	.severity = SL_SEV_ERROR,
	.title = "Values match the property's pattern",
	.source = "https://docs.aws.amazon.com/cloudformation-cli/latest/userguide/resource-type-schema.html",
	.doc =
	"### What it checks\n"
	"A literal string value matches the pattern the resource type's registry schema gives "
	"the property (for example an IAM role ARN for `AWS::Lambda::Function` `Role`, "
	"`^arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+$`). As in JSON Schema, "
	"the pattern is searched for in the value; most patterns are anchored with `^` and `$`. "
	"Values from intrinsic functions are not judged, nor values a list of allowed values "
	"already covers (E3030).\n\n"
	"### Why it matters\n"
	"CloudFormation validates the value against the schema, or the service rejects it, when "
	"the resource is created, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Role: my-lambda-role\n"
	"      PackageType: Image\n"
	"      Code:\n"
	"        ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/fn:latest\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Role: arn:aws:iam::123456789012:role/my-lambda-role\n"
	"```\n",
	.check = check,
};
