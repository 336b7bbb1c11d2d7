/* W2002: List<...> and AWS::SSM::Parameter::Value<...> parameter types are documented ones. */
#include <stdio.h>

#include "rules/parameters/params.h"

/* What may stand inside Value<...> and List<...> (params.h has the rest). */
static const char *const inner_ssm[] = {
	"String", "CommaDelimitedList", "List<String>",
	"AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id",
	"AWS::EC2::KeyPair::KeyName", "AWS::EC2::SecurityGroup::GroupName",
	"AWS::EC2::SecurityGroup::Id", "AWS::EC2::Subnet::Id", "AWS::EC2::Volume::Id",
	"AWS::EC2::VPC::Id", "AWS::Route53::HostedZone::Id",
	"List<AWS::EC2::AvailabilityZone::Name>", "List<AWS::EC2::Image::Id>",
	"List<AWS::EC2::Instance::Id>", "List<AWS::EC2::KeyPair::KeyName>",
	"List<AWS::EC2::SecurityGroup::GroupName>", "List<AWS::EC2::SecurityGroup::Id>",
	"List<AWS::EC2::Subnet::Id>", "List<AWS::EC2::Volume::Id>", "List<AWS::EC2::VPC::Id>",
	"List<AWS::Route53::HostedZone::Id>",
};
static const char *const inner_list[] = {
	"Number", "String",
	"AWS::EC2::AvailabilityZone::Name", "AWS::EC2::Image::Id", "AWS::EC2::Instance::Id",
	"AWS::EC2::KeyPair::KeyName", "AWS::EC2::SecurityGroup::GroupName",
	"AWS::EC2::SecurityGroup::Id", "AWS::EC2::Subnet::Id", "AWS::EC2::Volume::Id",
	"AWS::EC2::VPC::Id", "AWS::Route53::HostedZone::Id",
};
#define N(a) (sizeof(a) / sizeof((a)[0]))

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return; /* a macro may define its own parameter types */
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_entity *e = &t->params.items[i];
		const struct sl_node *ty = sl_param_type_node(e->value);
		if (!ty || sl_node_intrinsic(e->value) || !sl_param_generic_form(ty->str, ty->len) ||
		    sl_param_type(ty->str, ty->len) != SL_PTYPE_INVALID)
			continue;
		const char *in = ty->str;
		size_t n = 0;
		bool ssm = sl_param_unwrap(ty->str, ty->len, "AWS::SSM::Parameter::Value<", &in, &n);
		if (!ssm)
			sl_param_unwrap(ty->str, ty->len, "List<", &in, &n);
		const char *sug = ssm ? sl_suggest(in, n, inner_ssm, N(inner_ssm))
				      : sl_suggest(in, n, inner_list, N(inner_list));
		char hint[128] = "";
		if (sug)
			snprintf(hint, sizeof(hint), " (did you mean '%s<%s>'?)",
				 ssm ? "AWS::SSM::Parameter::Value" : "List", sug);
		sl_report(c, ty, "parameter '%s' has Type '%s', which CloudFormation does not document%s: "
			  "the stack accepts it but does not validate the value against it%s",
			  e->key->str, ty->str, hint,
			  ssm ? "; use a documented Value<...> type, or Value<String>"
			      : "; use a documented List<...> type, or CommaDelimitedList");
	}
}

const struct sl_rule rule_W2002 = {
	.id = "W2002",
	.severity = SL_SEV_WARNING,
	.title = "List and SSM parameter types are documented ones",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html",
	.doc =
	"### What it checks\n"
	"A parameter `Type` of the form `List<…>` or `AWS::SSM::Parameter::Value<…>` names one of "
	"the types CloudFormation documents: `List<Number>`, `List<String>` and lists of the "
	"AWS-specific types; `AWS::SSM::Parameter::Value<…>` of `String`, `CommaDelimitedList`, "
	"`List<String>`, an AWS-specific type or a list of one. Other types are E2002's. Templates "
	"processed by a macro are not checked.\n\n"
	"### Why it matters\n"
	"CloudFormation accepts any type of these two forms, but validates the value only for the "
	"documented ones: `AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>` is checked to be an "
	"AMI of the account, while an undocumented (or misspelt) inner type is taken as it is, so "
	"a wrong value is found only when a resource uses it.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Ami:\n"
	"    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::ID>\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Ami:\n"
	"    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>\n"
	"```\n",
	.check = check,
};
