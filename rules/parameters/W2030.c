/* W2030: a parameter whose value feeds (by Ref) a property with a fixed set of
 * allowed values may only allow values of that set: each of its AllowedValues
 * other than its Default (W1030's) is one of the property's allowed values
 * (resolved in the schema walk, rules/schema.c). */
#include "rules/formats/formats.h"

const struct sl_rule rule_W2030 = {
	.id = "W2030",
	.severity = SL_SEV_WARNING,
	.title = "Parameters referenced by a property allow only the property's allowed values",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
	.doc =
	"### What it checks\n"
	"Where a resource property whose value must be one of a fixed set (an enumeration in the "
	"resource specification, e.g. `InstanceTenancy` of `AWS::EC2::VPC`) is given as "
	"`{Ref: Param}` — directly, in a list, or in a branch of `Fn::If` — each of the "
	"parameter's `AllowedValues` must be in that set (compared exactly, case included). Its "
	"`Default` is W1030's, and is not reported again here. `String` and `Number` parameters "
	"are checked; list and `AWS::SSM::Parameter::Value<…>` parameters are not, nor a `Ref` "
	"under a condition that reads the parameter. The finding is at the allowed value, naming "
	"the `Ref`.\n\n"
	"### Why it matters\n"
	"A value the parameter accepts but the property does not is only rejected when the stack "
	"is deployed with it, after other resources may already have been created.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Tenancy:\n"
	"    Type: String\n"
	"    Default: default\n"
	"    AllowedValues: [default, shared]\n"
	"Resources:\n"
	"  Vpc:\n"
	"    Type: AWS::EC2::VPC\n"
	"    Properties:\n"
	"      CidrBlock: 10.0.0.0/16\n"
	"      InstanceTenancy: !Ref Tenancy\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Tenancy:\n"
	"    Type: String\n"
	"    Default: default\n"
	"    AllowedValues: [default, dedicated]\n"
	"Resources:\n"
	"  Vpc:\n"
	"    Type: AWS::EC2::VPC\n"
	"    Properties:\n"
	"      CidrBlock: 10.0.0.0/16\n"
	"      InstanceTenancy: !Ref Tenancy\n"
	"```\n",
	.check = sl_format_check_resolved,
};
