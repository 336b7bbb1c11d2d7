/* E1153: Security group names use the characters EC2 allows. */
#include "rules/formats/formats.h"

static void check(struct sl_ctx *c)
{
	sl_format_check_literals(c);
}

const struct sl_rule rule_E1153 = {
	.id = "E1153",
	.severity = SL_SEV_ERROR,
	.title = "Security group names use the characters EC2 allows",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html",
	.doc =
	"### What it checks\n"
	"A literal value of a property that takes the name of a security group (`GroupName` of "
	"`AWS::EC2::SecurityGroup`, `SourceSecurityGroupName` and `GroupName` of ingress rules, "
	"`EC2SecurityGroupName` of the ElastiCache, RDS and Redshift ingress resources): up to 255 "
	"characters of a-z, A-Z, 0-9, spaces and `._-:/()#,@[]+=&;{}!$*`, and not starting with "
	"`sg-`.\n\n"
	"### Why it matters\n"
	"EC2 refuses a group name with other characters, and a value starting with `sg-` is a group "
	"ID given where a name is wanted: the ID belongs in the `...Id` property beside it.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Group:\n"
	"    Type: AWS::EC2::SecurityGroup\n"
	"    Properties:\n"
	"      GroupName: web servers <prod>\n"
	"      GroupDescription: Web servers\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      GroupName: web servers (prod)\n"
	"```\n",
	.check = check,
};
