/* W99205: cfn-signal names a resource that does not wait for signals. */
#include <string.h>

#include "rules/helpers/userdata.h"

/* True when the resource takes signals: a CreationPolicy, an UpdatePolicy that
 * waits on them, or a wait condition. */
static bool waits(const struct sl_entity *e)
{
	if (sl_str_eq(e->type, "AWS::CloudFormation::WaitCondition") ||
	    sl_str_eq(e->type, "AWS::CloudFormation::WaitConditionHandle"))
		return true;
	if (sl_map_get(e->value, "CreationPolicy"))
		return true;
	const struct sl_node *up = sl_map_get(e->value, "UpdatePolicy");
	if (!up)
		return false;
	if (!sl_node_is(up, SL_MAP) || sl_node_intrinsic(up))
		return true; /* cannot tell */
	const struct sl_node *w = sl_map_get(sl_map_get(up, "AutoScalingRollingUpdate"), "WaitOnResourceSignals");
	return w != NULL && sl_scalar_bool(w) != 0;
}

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
			const struct sl_ud_word *r = sl_ud_opt(&s->calls[j], "resource");
			if (s->calls[j].tool != SL_UD_SIGNAL || !sl_ud_literal(r))
				continue;
			const struct sl_entity *e = sl_ud_resource(c, r->str);
			if (!e || !e->type || waits(e))
				continue;
			sl_ud_report(c, s, r, "cfn-signal names '%s' (%s), which has no CreationPolicy and "
				     "no UpdatePolicy waiting on signals: CloudFormation rejects the signal, "
				     "and whatever should wait for this instance does not", r->str, e->type->str);
		}
	}
}

const struct sl_rule rule_W99205 = {
	.id = "W99205",
	.severity = SL_SEV_WARNING,
	.title = "cfn-signal names a resource that waits for signals",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-signal.html",
	.doc =
	"### What it checks\n"
	"A `cfn-signal --resource` call in UserData names a resource that takes signals: one with "
	"a `CreationPolicy`, an `UpdatePolicy` whose `AutoScalingRollingUpdate` sets "
	"`WaitOnResourceSignals`, or an `AWS::CloudFormation::WaitCondition` (or its handle). "
	"Names from parameters or variables, and resources not in the template, are not "
	"judged.\n\n"
	"### Why it matters\n"
	"Signals to a resource that does not wait for them are rejected. The usual cause is a "
	"signal sent to the launch configuration or launch template instead of the Auto Scaling "
	"group, or a CreationPolicy left out: then CloudFormation marks the group complete before "
	"its instances are configured, and a broken configuration goes unnoticed.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Group:\n"
	"    Type: AWS::AutoScaling::AutoScalingGroup\n"
	"    CreationPolicy:\n"
	"      ResourceSignal: {Count: 1, Timeout: PT10M}\n"
	"    Properties:\n"
	"      MinSize: '1'\n"
	"      MaxSize: '1'\n"
	"      LaunchConfigurationName: !Ref LaunchConfig\n"
	"  LaunchConfig:\n"
	"    Type: AWS::AutoScaling::LaunchConfiguration\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      InstanceType: t3.micro\n"
	"      UserData: !Base64\n"
	"        Fn::Sub: |\n"
	"          #!/bin/bash\n"
	"          /opt/aws/bin/cfn-signal -e $? --stack ${AWS::StackName} --resource LaunchConfig\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Group:\n"
	"    Type: AWS::AutoScaling::AutoScalingGroup\n"
	"    CreationPolicy:\n"
	"      ResourceSignal: {Count: 1, Timeout: PT10M}\n"
	"    Properties:\n"
	"      MinSize: '1'\n"
	"      MaxSize: '1'\n"
	"      LaunchConfigurationName: !Ref LaunchConfig\n"
	"  LaunchConfig:\n"
	"    Type: AWS::AutoScaling::LaunchConfiguration\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      InstanceType: t3.micro\n"
	"      UserData: !Base64\n"
	"        Fn::Sub: |\n"
	"          #!/bin/bash\n"
	"          /opt/aws/bin/cfn-signal -e $? --stack ${AWS::StackName} --resource Group\n"
	"```\n",
	.check = check,
};
