/* E99204: a CreationPolicy.ResourceSignal that nothing signals. */
#include <string.h>

#include "rules/helpers/userdata.h"
#include "rules/sam/samrules.h"

/* Whether a scalar under n names the SignalResource API (signal-resource,
 * SignalResource, signal_resource): one pass, each scalar searched once. */
static bool tree_signals(const struct sl_node *n, int depth)
{
	if (!n || depth > 64)
		return false;
	if (n->kind == SL_SCALAR) {
		for (const char *p = n->str, *e = n->str + n->len; (p = memmem(p, (size_t)(e - p), "ignal", 5));
		     p += 5) {
			if (p == n->str || (size_t)(e - p) < 13)
				continue;
			if ((p[-1] == 's' && (size_t)(e - p) >= 14 && (p[5] == '-' || p[5] == '_') &&
			     memcmp(p + 6, "resource", 8) == 0) ||
			    (p[-1] == 'S' && memcmp(p + 5, "Resource", 8) == 0))
				return true;
		}
		return false;
	}
	for (size_t i = 0; i < n->len; i++)
		if (tree_signals(n->kind == SL_MAP ? n->pairs[i].value : n->items[i], depth + 1))
			return true;
	return false;
}

/* The resources whose resource signals are judged: an instance's or an Auto
 * Scaling group's UserData (or launch template's) is where cfn-signal runs. */
static const char *const waiting_types[] = { "AWS::EC2::Instance",
					     "AWS::AutoScaling::AutoScalingGroup", NULL };

/* The CreationPolicy.ResourceSignal pair of a resource, or NULL. */
static const struct sl_pair *resource_signal(const struct sl_entity *e)
{
	return sl_map_get_pair(sl_map_get(e->value, "CreationPolicy"), "ResourceSignal");
}

/* Whether a resource of waiting_types waits for signals at all (most
 * templates: none); another type's ResourceSignal is not judged. */
static bool any_resource_signal(const struct sl_template *t)
{
	struct sl_samr_types tw;
	sl_samr_types_start(&tw, t, waiting_types);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));)
		if (resource_signal(e))
			return true;
	return false;
}

/* The launch template or configuration a Ref / GetAtt names, when it is one of
 * this template. */
static const struct sl_entity *launch_target(struct sl_ctx *c, const struct sl_node *v)
{
	const struct sl_node *fn = sl_node_intrinsic(v);
	if (!fn)
		return NULL;
	const struct sl_node *arg = v->pairs[0].value;
	if (sl_str_eq(fn, "Fn::GetAtt") && sl_node_is(arg, SL_SEQ) && arg->len == 2)
		arg = arg->items[0];
	else if (!sl_str_eq(fn, "Ref"))
		return NULL;
	if (!sl_node_is(arg, SL_SCALAR))
		return NULL;
	const struct sl_entity *e = sl_index_find(&c->t->resources, arg->str, arg->len);
	if (e && (sl_str_eq(e->type, "AWS::EC2::LaunchTemplate") ||
		  sl_str_eq(e->type, "AWS::AutoScaling::LaunchConfiguration")))
		return e;
	return NULL;
}

static const struct sl_entity *spec_target(struct sl_ctx *c, const struct sl_node *spec)
{
	const struct sl_node *id = sl_map_get(spec, "LaunchTemplateId");
	return launch_target(c, id ? id : sl_map_get(spec, "LaunchTemplateName"));
}

/* True when the resource's UserData (or that of its launch template or
 * configuration) is in this template, so that its absence of signals means
 * something. */
static bool visible(struct sl_ctx *c, const struct sl_entity *e)
{
	const struct sl_node *p = sl_map_get(e->value, "Properties");
	if (!sl_node_is(p, SL_MAP) || sl_node_intrinsic(p))
		return false;
	if (sl_str_eq(e->type, "AWS::EC2::Instance"))
		return !sl_map_get(p, "LaunchTemplate") || spec_target(c, sl_map_get(p, "LaunchTemplate"));
	if (sl_map_get(p, "LaunchConfigurationName"))
		return launch_target(c, sl_map_get(p, "LaunchConfigurationName")) != NULL;
	if (sl_map_get(p, "LaunchTemplate"))
		return spec_target(c, sl_map_get(p, "LaunchTemplate")) != NULL;
	const struct sl_node *mip = sl_map_get(sl_map_get(p, "MixedInstancesPolicy"), "LaunchTemplate");
	return mip && spec_target(c, sl_map_get(mip, "LaunchTemplateSpecification")) != NULL;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro || !any_resource_signal(t) || tree_signals(t->root, 0))
		return;
	struct sl_ud_all all;
	bool collected = false;
	struct sl_samr_types tw;
	sl_samr_types_start(&tw, t, waiting_types);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_pair *rs = resource_signal(e);
		if (!rs || !visible(c, e))
			continue;
		if (!collected) {
			if (sl_ud_collect(c, &all) < 0) {
				c->oom = true;
				return;
			}
			collected = true;
			for (size_t j = 0; j < all.n; j++)
				if (all.scripts[j].userdata &&
				    (all.scripts[j].incomplete || all.scripts[j].dynamic))
					return; /* a part we cannot read may signal */
		}
		const char *name = e->key->str;
		bool signaled = false;
		for (size_t j = 0; j < all.n && !signaled; j++)
			for (size_t k = 0; k < all.scripts[j].n_calls && !signaled; k++)
				signaled = all.scripts[j].calls[k].tool == SL_UD_SIGNAL &&
					   sl_ud_call_may_name(&all.scripts[j].calls[k], name);
		if (!signaled)
			sl_report(c, rs->key, "'%s' waits for resource signals, but no cfn-signal in the "
				  "template names it (--resource %s): the stack waits for the timeout, "
				  "then fails and rolls back", name, name);
	}
}

const struct sl_rule rule_E99204 = {
	.id = "E99204",
	.severity = SL_SEV_ERROR,
	.title = "A CreationPolicy's resource signal is sent",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-signal.html",
	.doc =
	"### What it checks\n"
	"An `AWS::EC2::Instance` or `AWS::AutoScaling::AutoScalingGroup` with "
	"`CreationPolicy.ResourceSignal` is named by a `cfn-signal --resource` call: in its own "
	"UserData, the UserData of its launch template or launch configuration, or any other "
	"script of the template. The rule stays silent when it cannot see everything that might "
	"signal: a launch template from outside the template, UserData built with `Fn::If` or "
	"other functions it cannot read, a macro, or a template that calls the SignalResource "
	"API itself.\n\n"
	"### Why it matters\n"
	"CloudFormation waits for the number of success signals the policy asks for. When "
	"nothing sends them, the resource stays in CREATE_IN_PROGRESS until the timeout (up to "
	"12 hours), then fails and the whole stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    CreationPolicy:\n"
	"      ResourceSignal:\n"
	"        Timeout: PT15M\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      UserData: !Base64\n"
	"        Fn::Sub: |\n"
	"          #!/bin/bash\n"
	"          yum install -y httpd\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Web:\n"
	"    Type: AWS::EC2::Instance\n"
	"    CreationPolicy:\n"
	"      ResourceSignal:\n"
	"        Timeout: PT15M\n"
	"    Properties:\n"
	"      ImageId: ami-12345678\n"
	"      UserData: !Base64\n"
	"        Fn::Sub: |\n"
	"          #!/bin/bash\n"
	"          yum install -y httpd\n"
	"          /opt/aws/bin/cfn-signal -e $? --stack ${AWS::StackName} --resource Web --region ${AWS::Region}\n"
	"```\n",
	.check = check,
};
