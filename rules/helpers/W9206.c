/* W9206: --stack or --region hard-coded in a helper-script call. */
#include <string.h>

#include "rules/helpers/userdata.h"

static const char *const tools[] = { "cfn-init", "cfn-signal", "cfn-hup", "cfn-get-metadata" };

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
			if (call->tool == SL_UD_HUP)
				continue;
			const struct sl_ud_word *st = sl_ud_opt(call, "stack"), *rg = sl_ud_opt(call, "region");
			if (sl_ud_literal(st))
				sl_ud_report(c, s, st, "%s --stack is hard-coded to '%s': use ${AWS::StackName} "
					     "(or AWS::StackId), or the call reads another stack when this template "
					     "is deployed under another name", tools[call->tool], st->str);
			if (sl_ud_literal(rg))
				sl_ud_report(c, s, rg, "%s --region is hard-coded to '%s': use ${AWS::Region}, "
					     "or the call fails when the template is deployed in another Region",
					     tools[call->tool], rg->str);
		}
	}
}

const struct sl_rule rule_W9206 = {
	.id = "W9206",
	.severity = SL_SEV_WARNING,
	.title = "Helper scripts take the stack and Region from pseudo parameters",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-helper-scripts-reference.html",
	.doc =
	"### What it checks\n"
	"The `--stack` and `--region` options of `cfn-init`, `cfn-signal` and `cfn-get-metadata` "
	"calls in UserData come from `${AWS::StackName}` (or `AWS::StackId`) and `${AWS::Region}` "
	"(or another parameter or variable), not from a literal name.\n\n"
	"### Why it matters\n"
	"A template is deployed under many stack names and in many Regions. With a hard-coded "
	"stack the helper scripts read the metadata of, or signal, another stack (or none), and "
	"with a hard-coded Region they call the wrong endpoint: the instance is not configured and "
	"its signal never arrives.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    CreationPolicy:\n"
	"      ResourceSignal: {Timeout: PT10M}\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      UserData: !Base64 |\n"
	"        #!/bin/bash\n"
	"        /opt/aws/bin/cfn-signal -e $? --stack my-web-stack --resource Web --region us-east-1\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    CreationPolicy:\n"
	"      ResourceSignal: {Timeout: PT10M}\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      UserData: !Base64\n"
	"        Fn::Sub: |\n"
	"          #!/bin/bash\n"
	"          /opt/aws/bin/cfn-signal -e $? --stack ${AWS::StackName} --resource Web --region ${AWS::Region}\n"
	"```\n",
	.check = check,
};
