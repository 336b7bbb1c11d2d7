/* E99201: cfn-init --resource names a resource without AWS::CloudFormation::Init. */
#include <string.h>

#include "rules/helpers/userdata.h"

static void check(struct sl_ctx *c)
{
	struct sl_ud_all all;
	if (sl_ud_collect(c, &all) < 0) {
		c->oom = true;
		return;
	}
	for (size_t i = 0; i < all.n; i++) {
		const struct sl_ud_script *s = &all.scripts[i];
		for (size_t j = 0; s->userdata && j < s->n_calls; j++) {
			const struct sl_ud_call *call = &s->calls[j];
			const struct sl_ud_word *r = sl_ud_opt(call, "resource");
			if (call->tool != SL_UD_INIT || !sl_ud_literal(r) || sl_ud_unknowable(c, r->str))
				continue;
			const struct sl_entity *e = sl_ud_resource(c, r->str);
			const struct sl_node *md = e ? sl_map_get(e->value, "Metadata") : NULL;
			if (!e)
				sl_ud_report(c, s, r, "cfn-init --resource names '%s', which is not a resource "
					     "of this template: cfn-init fails to read its metadata and the "
					     "instance is not configured", r->str);
			else if (!sl_ud_init(e) && sl_node_is(md, SL_MAP) && !sl_node_intrinsic(md))
				sl_ud_report(c, s, r, "cfn-init --resource names '%s', whose Metadata has no "
					     "AWS::CloudFormation::Init: cfn-init finds nothing to run", r->str);
			else if (!sl_ud_init(e) && !md)
				sl_ud_report(c, s, r, "cfn-init --resource names '%s', which has no Metadata "
					     "(no AWS::CloudFormation::Init): cfn-init finds nothing to run", r->str);
		}
	}
}

const struct sl_rule rule_E99201 = {
	.id = "E99201",
	.severity = SL_SEV_ERROR,
	.title = "cfn-init runs the Init metadata of a resource that has it",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-init.html",
	.doc =
	"### What it checks\n"
	"In the `UserData` of an `AWS::EC2::Instance`, an `AWS::EC2::LaunchTemplate` or an "
	"`AWS::AutoScaling::LaunchConfiguration` (assembled from `Fn::Base64`, `Fn::Sub`, "
	"`Fn::Join` and strings), each call of `cfn-init` names with `-r`/`--resource` a resource "
	"of the template whose `Metadata` holds `AWS::CloudFormation::Init`. A name that comes "
	"from a parameter or a variable is not judged.\n\n"
	"### Why it matters\n"
	"cfn-init reads the metadata of the resource it is given. A misspelt name, or a resource "
	"without Init metadata (often the Auto Scaling group instead of its launch configuration), "
	"makes cfn-init fail or do nothing: the instance boots unconfigured, and when it then "
	"signals success the stack reports a healthy fleet that serves nothing.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Metadata:\n"
	"      AWS::CloudFormation::Init:\n"
	"        config:\n"
	"          packages: {yum: {httpd: []}}\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      UserData: !Base64\n"
	"        Fn::Sub: |\n"
	"          #!/bin/bash\n"
	"          /opt/aws/bin/cfn-init -v --stack ${AWS::StackName} --resource WebServer --region ${AWS::Region}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Metadata:\n"
	"      AWS::CloudFormation::Init:\n"
	"        config:\n"
	"          packages: {yum: {httpd: []}}\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      UserData: !Base64\n"
	"        Fn::Sub: |\n"
	"          #!/bin/bash\n"
	"          /opt/aws/bin/cfn-init -v --stack ${AWS::StackName} --resource Web --region ${AWS::Region}\n"
	"```\n",
	.check = check,
};
