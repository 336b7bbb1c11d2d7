/* E3012: property values are of the type the specification gives. */
#include "engine/ruleopt.h"
#include "rules/sam/samrules.h"
#include "rules/schema.h"

/* A null: where it is (the key it is the value of, a branch of Fn::If, or a
 * list item) and what would go there, in CloudFormation's terms. */
static void report_null(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	const struct sl_node *v = h->at, *p = v->parent, *key = sl_map_key_of(v);
	const char *want = h->type == SL_SPEC_NONE ? NULL : sl_schema_type_name(c, h->type);
	const char *fix = want ? sl_arena_printf(c->arena, "a value (%s)", want) : NULL;
	if (!fix)
		fix = "a value";
	const struct sl_node *fn = p && p->kind == SL_SEQ ? sl_node_intrinsic(p->parent) : NULL;
	if (key)
		sl_report(c, v, "'%s' is null (empty): CloudFormation rejects null values in a template; "
			  "remove the key or give it %s", key->str, fix);
	else if (fn && sl_str_eq(fn, "Fn::If"))
		sl_report(c, v, "this branch of Fn::If is null: CloudFormation rejects null values in a "
			  "template; write !Ref AWS::NoValue to leave the property out, or give it %s",
			  fix);
	else
		sl_report(c, v, "null list item: CloudFormation rejects null values in a template; "
			  "remove the item or give it %s", fix);
}

static void on_hit(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event == SL_SCHEMA_LOOSE_TYPE) {
		if (sl_rule_opt_bool(c, "strict"))
			sl_report(c, h->at, "expected %s, found %s: CloudFormation converts it, but the strict "
				  "option (-x E3012:strict=true) asks for the exact type", sl_schema_type_name(c, h->type),
				  h->detail);
		return;
	}
	if (h->event == SL_SCHEMA_NULL)
		report_null(c, h);
	else if (h->event == SL_SCHEMA_WRONG_TYPE && !sl_samr_api_cors_credentials(h->at))
		sl_report(c, h->at, "expected %s, found %s", sl_schema_type_name(c, h->type), h->detail);
}

static void check(struct sl_ctx *c)
{
	sl_schema_walk(c, on_hit);
}

const struct sl_rule rule_E3012 = {
	.id = "E3012",
	.severity = SL_SEV_ERROR,
	.title = "Property values have the right type",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-template-resource-type-ref.html",
	.doc =
	"### What it checks\n"
	"Each property value is of the type the resource specification gives it: string, integer, "
	"number, boolean, list, object (a nested type or a map). CloudFormation's own coercions are "
	"followed: numbers and booleans may be written as strings (`\"30\"`, `\"true\"`), and any "
	"scalar is a string. Intrinsic functions are judged by what they yield: a Ref to a list "
	"parameter (`List<...>`, `CommaDelimitedList`), `Fn::GetAZs`, `Fn::Split` and `Fn::Cidr` "
	"are lists; `Fn::Sub`, `Fn::Join`, `Fn::Base64` are strings; both branches of `Fn::If` are "
	"checked; what cannot be known (`Fn::GetAtt`, `Fn::FindInMap`, `Fn::Select`, imports) is "
	"accepted.\n\n"
	"A null value (`Timeout:` with nothing after it, `null`, `~`), a null list item, or a null "
	"`Properties` is reported too, in CloudFormation's own resource types, inside free-form "
	"values such as policy documents as well. Not in SAM's serverless resources and `Globals`, "
	"whose empty values the transform takes as absent, nor where `aws cloudformation package` "
	"reads an empty value as the template's folder (`Code:` of a Lambda function: W3002).\n\n"
	"### Why it matters\n"
	"A value of the wrong shape fails at deploy time (\"Value of property X must be of type "
	"List of String\"), after the template was accepted. CloudFormation rejects any null in a "
	"template (\"'null' values are not allowed in templates\"): an empty value is not the same "
	"as leaving the property out.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Role: !GetAtt Role.Arn\n"
	"      Code: {ZipFile: 'def handler(e, c): pass'}\n"
	"      Handler: index.handler\n"
	"      Runtime: python3.12\n"
	"      VpcConfig:\n"
	"        SubnetIds: subnet-0123\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Role: !GetAtt Role.Arn\n"
	"      Code: {ZipFile: 'def handler(e, c): pass'}\n"
	"      Handler: index.handler\n"
	"      Runtime: python3.12\n"
	"      VpcConfig:\n"
	"        SubnetIds: [subnet-0123]\n"
	"```\n",
	.check = check,
};
