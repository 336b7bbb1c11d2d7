/* W2506: parameters that give an AMI to ImageId have an AMI parameter type. */
#include <stdlib.h>
#include <string.h>

#include "rules/parameters/params.h"
#include "rules/sam/samrules.h"

/* Where an AMI ID is expected: a path below Properties, "*" for every list item.
 * AWS::Cloud9::EnvironmentEC2 is not here: its ImageId takes Cloud9 image
 * aliases ("amazonlinux-2023-x86_64") and SSM paths, not AMI IDs. */
static const struct site {
	const char *type;
	const char *path[6];
} sites[] = {
	{ "AWS::EC2::Instance", { "ImageId" } },
	{ "AWS::AutoScaling::LaunchConfiguration", { "ImageId" } },
	{ "AWS::EC2::LaunchTemplate", { "LaunchTemplateData", "ImageId" } },
	{ "AWS::EC2::SpotFleet", { "SpotFleetRequestConfigData", "LaunchSpecifications", "*", "ImageId" } },
	{ "AWS::Batch::ComputeEnvironment", { "ComputeResources", "ImageId" } },
	{ "AWS::AutoScaling::AutoScalingGroup",
	  { "MixedInstancesPolicy", "LaunchTemplate", "Overrides", "*", "ImageId" } },
};

struct walk {
	struct sl_ctx *c;
	const struct sl_entity *res;
	bool *seen; /* per parameter: already reported */
};

static bool ami_type(const struct sl_node *ty)
{
	return sl_str_eq(ty, "AWS::EC2::Image::Id") ||
	       sl_str_eq(ty, "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>");
}

/* n is an ImageId value: a direct {"Ref": Param} is judged (a Ref inside
 * another function is not, as a parameter's value may be transformed). */
static void check_value(struct walk *w, const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k || !sl_str_eq(k, "Ref"))
		return;
	const struct sl_node *name = n->pairs[0].value;
	if (!name || name->kind != SL_SCALAR)
		return;
	const struct sl_template *t = w->c->t;
	const struct sl_entity *p = sl_index_find(&t->params, name->str, name->len);
	if (!p || w->seen[p - t->params.items])
		return;
	const struct sl_node *ty = sl_param_type_node(p->value);
	if (!ty || ami_type(ty))
		return;
	w->seen[p - t->params.items] = true;
	sl_report(w->c, ty, "parameter '%s' gives the ImageId of %s '%s' but has Type %s: use "
		  "AWS::EC2::Image::Id (CloudFormation checks the AMI exists when the stack is "
		  "created) or AWS::SSM::Parameter::Value<AWS::EC2::Image::Id> (an AMI ID kept in SSM, "
		  "such as the public /aws/service/ami-amazon-linux-latest/... parameters)",
		  p->key->str, w->res->type->str, w->res->key->str, ty->str);
}

static void walk(struct walk *w, const struct sl_node *n, const char *const *path)
{
	if (!n)
		return;
	if (!*path) {
		check_value(w, n);
		return;
	}
	if (strcmp(*path, "*") == 0) {
		if (n->kind == SL_SEQ)
			for (uint32_t i = 0; i < n->len; i++)
				walk(w, n->items[i], path + 1);
		return;
	}
	if (n->kind != SL_MAP || sl_node_intrinsic(n))
		return;
	walk(w, sl_map_get(n, *path), path + 1);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (!t->params.n || t->macro_global)
		return;
	bool *seen = calloc(t->params.n, sizeof(bool));
	if (!seen) {
		c->oom = true;
		return;
	}
	struct walk w = { c, NULL, seen };
	/* the resources of the sites' (distinct) types, in source order: a
	 * parameter's finding names the first resource it reaches */
	const char *types[sizeof(sites) / sizeof(sites[0]) + 1] = { NULL };
	for (size_t k = 0; k < sizeof(sites) / sizeof(sites[0]); k++)
		types[k] = sites[k].type;
	struct sl_samr_types tw;
	sl_samr_types_start(&tw, t, types);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		if (!e->type)
			continue;
		w.res = e;
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		for (size_t k = 0; k < sizeof(sites) / sizeof(sites[0]); k++)
			if (sl_str_eq(e->type, sites[k].type))
				walk(&w, props, sites[k].path);
	}
	free(seen);
}

const struct sl_rule rule_W2506 = {
	.id = "W2506",
	.severity = SL_SEV_WARNING,
	.title = "ImageId parameters have an AMI parameter type",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-supplied-parameter-types.html",
	.doc =
	"### What it checks\n"
	"A parameter that is given (by a direct `Ref`) to the `ImageId` of an EC2 instance, launch "
	"configuration, launch template, Spot Fleet launch specification, Batch compute environment "
	"or Auto Scaling mixed instances override has the type `AWS::EC2::Image::Id` or "
	"`AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>`. Reported once per parameter, at its "
	"`Type`.\n\n"
	"### Why it matters\n"
	"With an AWS-specific type, CloudFormation checks when the stack is created that the value "
	"is an AMI of the account and Region and the console offers a list to pick from; a "
	"`String` takes any text, and a mistyped ID fails only when the instance is launched, "
	"part-way through the deployment. The SSM form reads the AMI ID from Parameter Store "
	"(e.g. the public latest Amazon Linux parameters).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Ami:\n"
	"    Type: String\n"
	"Resources:\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      ImageId: !Ref Ami\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Ami:\n"
	"    Type: AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>\n"
	"    Default: /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64\n"
	"Resources:\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      ImageId: !Ref Ami\n"
	"```\n",
	.check = check,
};
