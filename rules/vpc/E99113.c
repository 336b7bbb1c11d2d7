/* E99113: a VPC function whose role (of the template) cannot manage network interfaces. */
#include "rules/sam/samrules.h"
#include "rules/vpc/vpc.h"
#include "template/sam.h"

/* The AWS::IAM::Role a function's Role names (GetAtt X.Arn or Ref X), or NULL. */
static const struct sl_entity *role_of(const struct sl_template *t, const struct sl_node *role)
{
	return sl_vpc_target(t, role, "AWS::IAM::Role", "Arn");
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct sl_vpc_eni *eni = NULL; /* read when a function first needs it */
	struct sl_samr_types tw;
	sl_samr_functions_init(&tw, t);
	for (const struct sl_entity *fn; (fn = sl_samr_types_next(&tw));) {
		if (!sl_vpc_subnets_node(t, fn))
			continue;
		/* a SAM function without Role gets one from SAM, with VPC access */
		const struct sl_node *r = sl_sam_prop(t, fn, "Role", NULL);
		const struct sl_entity *role = r ? role_of(t, r) : NULL;
		if (role && !eni && !(eni = sl_vpc_eni_new(t))) {
			c->oom = true;
			return;
		}
		if (role && sl_vpc_eni_role(eni, role) == 0)
			sl_report(c, r, "function '%s' runs in a VPC, but its role '%s' cannot manage "
				  "network interfaces (ec2:CreateNetworkInterface, "
				  "ec2:DescribeNetworkInterfaces, ec2:DeleteNetworkInterface): the function "
				  "fails to create. Add the managed policy "
				  "arn:${AWS::Partition}:iam::aws:policy/service-role/"
				  "AWSLambdaVPCAccessExecutionRole", fn->key->str, role->key->str);
	}
	sl_vpc_eni_free(eni);
}

const struct sl_rule rule_E99113 = {
	.id = "E99113",
	.severity = SL_SEV_ERROR,
	.title = "VPC function roles can manage network interfaces",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html#configuration-vpc-permissions",
	.doc =
	"### What it checks\n"
	"A function with `VpcConfig.SubnetIds` (`AWS::Lambda::Function` or "
	"`AWS::Serverless::Function`, SAM `Globals` included) whose `Role` names an "
	"`AWS::IAM::Role` of the template (`!GetAtt Role.Arn`): the role's AWS managed policies "
	"(a literal ARN or an `Fn::Sub` with `${AWS::Partition}`, judged by what each policy's "
	"default version allows, as compiled in from the AWS managed policy documents: "
	"`service-role/AWSLambdaVPCAccessExecutionRole` and "
	"`service-role/AWSLambdaENIManagementAccess` grant the actions, "
	"`service-role/AWSLambdaBasicExecutionRole` does not), its inline policies, or the "
	"`AWS::IAM::Policy`, "
	"`AWS::IAM::ManagedPolicy` and `AWS::IAM::RolePolicy` resources attached to it, allow "
	"`ec2:CreateNetworkInterface`, `ec2:DescribeNetworkInterfaces` and "
	"`ec2:DeleteNetworkInterface` (wildcards such as `ec2:*` or `*` count). SAM functions "
	"without `Role` are not judged: SAM adds the policy to the role it creates. Roles with "
	"customer managed policies, policies the template cannot show, AWS managed policies that "
	"allow the actions only on some resources or under a condition, and AWS managed policies "
	"the compiled-in data does not know are not judged.\n\n"
	"### Why it matters\n"
	"Lambda creates the function's network interfaces with its execution role. Without these "
	"permissions CloudFormation fails to create the function (\"The provided execution role "
	"does not have permissions to call CreateNetworkInterface on EC2\") and rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  FnRole:\n"
	"    Type: AWS::IAM::Role\n"
	"    Properties:\n"
	"      AssumeRolePolicyDocument: ...\n"
	"      ManagedPolicyArns:\n"
	"        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Role: !GetAtt FnRole.Arn\n"
	"      VpcConfig:\n"
	"        SubnetIds: [!Ref PrivateSubnet]\n"
	"        SecurityGroupIds: [!Ref FnGroup]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  FnRole:\n"
	"    Type: AWS::IAM::Role\n"
	"    Properties:\n"
	"      AssumeRolePolicyDocument: ...\n"
	"      ManagedPolicyArns:\n"
	"        - !Sub arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Role: !GetAtt FnRole.Arn\n"
	"      VpcConfig:\n"
	"        SubnetIds: [!Ref PrivateSubnet]\n"
	"        SecurityGroupIds: [!Ref FnGroup]\n"
	"```\n",
	.check = check,
};
