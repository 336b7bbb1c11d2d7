/* W99206: --stack or --region hard-coded in a helper-script call; cfn-signal
 * --resource copied from another resource's UserData. */
#include <string.h>

#include "rules/helpers/userdata.h"

/* W99205's test: the resource takes signals. Where it does not, W99205 reports. */
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
		return true;
	const struct sl_node *w = sl_map_get(sl_map_get(up, "AutoScalingRollingUpdate"), "WaitOnResourceSignals");
	return w != NULL && sl_scalar_bool(w) != 0;
}

/* The resource that the instances running R's UserData signal: R itself for an
 * instance; for a launch template or launch configuration, the one Auto Scaling
 * group that references it when no other resource does. NULL when unsure. */
static const struct sl_entity *signal_target(const struct sl_ctx *c, const struct sl_entity *r)
{
	if (sl_str_eq(r->type, "AWS::EC2::Instance"))
		return r;
	if (c->t->macro || !sl_node_is(r->key, SL_SCALAR))
		return NULL;
	const struct sl_entity *g = NULL;
	for (size_t i = 0; i < c->t->n_refs; i++) {
		const struct sl_ref *ref = &c->t->refs[i];
		if (ref->section != SL_SEC_RESOURCES || ref->kind > SL_REF_SUB)
			continue;
		if (ref->pattern)
			return NULL; /* Ref: {Fn::Sub: ...}: may name R */
		if (strcmp(ref->name, r->key->str) != 0 || ref->from == r)
			continue;
		if (!ref->from || (g && g != ref->from))
			return NULL;
		g = ref->from;
	}
	return g && sl_str_eq(g->type, "AWS::AutoScaling::AutoScalingGroup") ? g : NULL;
}

/* True when some cfn-signal call of the template names `name`, or may. */
static bool signalled(const struct sl_ud_all *all, const char *name)
{
	for (size_t i = 0; i < all->n; i++)
		for (size_t j = 0; j < all->scripts[i].n_calls; j++)
			if (all->scripts[i].calls[j].tool == SL_UD_SIGNAL &&
			    sl_ud_call_may_name(&all->scripts[i].calls[j], name))
				return true;
	return false;
}

/* cfn-signal --resource X in the UserData of R, where X is of the kind R's
 * instances signal (M: R, or R's Auto Scaling group) but is not M, has no
 * CreationPolicy while M has one, and nothing signals M: M was meant. Where
 * W99205 reports X (it does not wait at all), stays silent. The cfn-init half
 * (X without Init, R with it) is E99201's report already. */
static void check_resource(struct sl_ctx *c, const struct sl_ud_all *all, const struct sl_ud_script *s,
			   const struct sl_ud_call *call)
{
	const struct sl_ud_word *x = sl_ud_opt(call, "resource");
	if (call->tool != SL_UD_SIGNAL || call->unknown_args || !sl_ud_literal(x) ||
	    !sl_node_is(s->res->key, SL_SCALAR) || strcmp(x->str, s->res->key->str) == 0)
		return;
	const struct sl_entity *m = signal_target(c, s->res);
	const struct sl_entity *e = sl_ud_resource(c, x->str);
	if (!m || !e || e == m || !sl_node_is(m->type, SL_SCALAR) || !sl_node_is(e->type, SL_SCALAR) ||
	    !sl_str_eq(e->type, m->type->str) || !sl_map_get(m->value, "CreationPolicy") ||
	    sl_map_get(e->value, "CreationPolicy") || !waits(e) || signalled(all, m->key->str))
		return;
	if (m == s->res)
		sl_ud_report(c, s, x, "cfn-signal --resource names '%s' in the UserData of '%s', which has "
			     "a CreationPolicy and gets no signal: '%s' was probably meant (a name "
			     "copied from another resource?)", x->str, m->key->str, m->key->str);
	else
		sl_ud_report(c, s, x, "cfn-signal --resource names '%s' in the UserData of '%s', whose Auto "
			     "Scaling group '%s' has a CreationPolicy and gets no signal: '%s' was "
			     "probably meant (a name copied from another resource?)", x->str,
			     s->res->key->str, m->key->str, m->key->str);
}

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
			check_resource(c, &all, s, call);
		}
	}
}

const struct sl_rule rule_W99206 = {
	.id = "W99206",
	.severity = SL_SEV_WARNING,
	.title = "Helper scripts take the stack and Region from pseudo parameters",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cfn-helper-scripts-reference.html",
	.doc =
	"### What it checks\n"
	"The `--stack` and `--region` options of `cfn-init`, `cfn-signal` and `cfn-get-metadata` "
	"calls in UserData come from `${AWS::StackName}` (or `AWS::StackId`) and `${AWS::Region}` "
	"(or another parameter or variable), not from a literal name.\n\n"
	"It also reports a `cfn-signal --resource` that names a resource of the same type as the "
	"one the UserData signals for (the instance itself, or the one Auto Scaling group that "
	"uses the launch template or launch configuration) when that resource has a "
	"`CreationPolicy`, nothing signals it, and the named one has no `CreationPolicy` of its "
	"own: a name copied from another resource. Where it must guess (a launch template used "
	"by several resources, a name from a parameter, arguments it cannot see) it stays "
	"silent; a named resource that waits for no signal at all is W99205's report, and a "
	"`cfn-init --resource` without Init metadata is E99201's.\n\n"
	"### Why it matters\n"
	"A template is deployed under many stack names and in many Regions. With a hard-coded "
	"stack the helper scripts read the metadata of, or signal, another stack (or none), and "
	"with a hard-coded Region they call the wrong endpoint: the instance is not configured and "
	"its signal never arrives. A `--resource` copied from another resource's UserData sends "
	"the signal to the wrong resource: the one that waits times out and rolls back.\n\n"
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
