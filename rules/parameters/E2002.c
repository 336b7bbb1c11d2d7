/* E2002: each parameter's Type is one CloudFormation accepts: String, Number,
 * List<Number>, CommaDelimitedList, an AWS-specific type, List<AWS-specific>,
 * or an AWS::SSM::Parameter type. */
#include "rules/parameters/params.h"

static const char *const basic[] = {
	"String", "Number", "List<Number>", "CommaDelimitedList", "List<String>",
	"AWS::SSM::Parameter::Name", "AWS::SSM::Parameter::Value<String>",
	"AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id",
	"AWS::EC2::KeyPair::KeyName", "AWS::EC2::SecurityGroup::GroupName",
	"AWS::EC2::SecurityGroup::Id", "AWS::EC2::Subnet::Id", "AWS::EC2::Volume::Id",
	"AWS::EC2::VPC::Id", "AWS::Route53::HostedZone::Id",
};
#define N_BASIC (sizeof(basic) / sizeof(basic[0]))

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return; /* a macro may define its own parameter types */
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_entity *e = &t->params.items[i];
		const struct sl_node *ty = sl_map_get(e->value, "Type");
		if (!ty || sl_node_intrinsic(e->value))
			continue; /* E2001's business */
		if (ty->kind != SL_SCALAR || sl_scalar_type(ty) != SL_TYPE_STRING) {
			sl_report(c, ty, "the Type of parameter '%s' must be a string such as String or Number",
				  e->key->str);
			continue;
		}
		if (sl_param_type(ty->str, ty->len) != SL_PTYPE_INVALID ||
		    sl_param_generic_form(ty->str, ty->len))
			continue; /* undocumented List<...>/SSM forms are W2002's */
		const char *sug = sl_suggest(ty->str, ty->len, basic, N_BASIC);
		if (sug)
			sl_report(c, ty, "parameter '%s' has an unknown Type '%s' (did you mean '%s'?)",
				  e->key->str, ty->str, sug);
		else
			sl_report(c, ty, "parameter '%s' has an unknown Type '%s': use String, Number, "
				  "List<Number>, CommaDelimitedList, an AWS-specific type such as "
				  "AWS::EC2::VPC::Id or List<AWS::EC2::Subnet::Id>, or an "
				  "AWS::SSM::Parameter type", e->key->str, ty->str);
	}
}

const struct sl_rule rule_E2002 = {
	.id = "E2002",
	.severity = SL_SEV_ERROR,
	.title = "Parameter types are valid",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#parameters-section-structure-properties-type",
	.doc =
	"### What it checks\n"
	"Each parameter's `Type` is a string CloudFormation accepts: `String`, `Number`, "
	"`List<Number>`, `CommaDelimitedList`, one of the AWS-specific types "
	"(`AWS::EC2::AvailabilityZone::Name`, `AWS::EC2::Image::Id`, `AWS::EC2::Instance::Id`, "
	"`AWS::EC2::KeyPair::KeyName`, `AWS::EC2::SecurityGroup::GroupName`, "
	"`AWS::EC2::SecurityGroup::Id`, `AWS::EC2::Subnet::Id`, `AWS::EC2::Volume::Id`, "
	"`AWS::EC2::VPC::Id`, `AWS::Route53::HostedZone::Id`), a `List<…>` of `String` or of one "
	"of those, `AWS::SSM::Parameter::Name`, or `AWS::SSM::Parameter::Value<…>` of `String`, "
	"`CommaDelimitedList`, `List<String>`, an AWS-specific type or a list of one. A missing "
	"`Type` is E2001's finding. Other types of the forms `List<…>` and "
	"`AWS::SSM::Parameter::Value<…>` are W2002's: CloudFormation takes them without validating "
	"the value. Templates processed by a macro are not checked.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects the whole template when a parameter type is unknown; typos such "
	"as `string` or `AWS::EC2::VPC::ID` are easy to make and only show at deploy time.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Vpc:\n"
	"    Type: AWS::EC2::VPC::ID\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Vpc:\n"
	"    Type: AWS::EC2::VPC::Id\n"
	"```\n",
	.check = check,
};
