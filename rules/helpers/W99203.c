/* W99203: AWS::CloudFormation::Init metadata that no cfn-init call runs. */
#include <string.h>

#include "rules/helpers/userdata.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro)
		return;
	struct sl_ud_all all;
	bool collected = false;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		const struct sl_pair *init = sl_ud_init(e);
		if (!init)
			continue;
		if (!collected) {
			if (sl_ud_collect(c, &all) < 0) {
				c->oom = true;
				return;
			}
			collected = true;
			for (size_t j = 0; j < all.n; j++)
				if (all.scripts[j].userdata && (all.scripts[j].incomplete || all.scripts[j].dynamic))
					return; /* a part we cannot read may run cfn-init */
		}
		bool run = false;
		for (size_t j = 0; j < all.n && !run; j++)
			for (size_t k = 0; k < all.scripts[j].n_calls && !run; k++)
				run = all.scripts[j].calls[k].tool == SL_UD_INIT &&
				      sl_ud_call_may_name(&all.scripts[j].calls[k], e->key->str);
		if (!run)
			sl_report(c, init->key, "no cfn-init call in the template runs the "
				  "AWS::CloudFormation::Init of '%s' (--resource %s): its packages, files, "
				  "commands and services are never applied", e->key->str, e->key->str);
	}
}

const struct sl_rule rule_W99203 = {
	.id = "W99203",
	.severity = SL_SEV_WARNING,
	.title = "Init metadata is run by cfn-init",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-init.html",
	.doc =
	"### What it checks\n"
	"For each resource whose `Metadata` holds `AWS::CloudFormation::Init`, some `cfn-init` "
	"call in the template names it with `--resource`: in the UserData of an instance, launch "
	"template or launch configuration, or in another script of the template (a cfn-hup hook, "
	"an Init command). The rule stays silent when UserData is built with functions it cannot "
	"read (`Fn::If`, `Fn::FindInMap`, ...), when a command's name is a parameter or variable, "
	"and under a macro.\n\n"
	"### Why it matters\n"
	"CloudFormation only stores Init metadata; cfn-init on the instance applies it. Metadata "
	"that no call names is dead configuration: the packages, files and services it declares "
	"never reach the instance, usually because UserData names another resource or forgot the "
	"call.\n\n"
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
	"      UserData: !Base64 |\n"
	"        #!/bin/bash\n"
	"        yum update -y\n"
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
