/* E3050: a CodeBuild project's ServiceRole given as a Ref to a role that has a path.
 *
 * The CodeBuild project reference: ServiceRole is the ARN of the service role.
 * The IAM role reference: Ref returns the role's name; its ARN (GetAtt .Arn)
 * holds the path, as the IAM identifiers page shows
 * (arn:aws:iam::123456789012:role/path/name). A Ref to an AWS::IAM::Role of the
 * template whose literal Path is not "/" gives a name that leaves the path out,
 * so it names no role. Reported at the Ref; each literal Fn::If branch is
 * judged; a role without Path, or with a Path written with functions, is not. */
#include "rules/sam/samrules.h"

static void check_value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	const struct sl_node *k = sl_node_intrinsic(v);
	if (!sl_str_eq(k, "Ref") || !sl_node_is(v->pairs[0].value, SL_SCALAR))
		return;
	const struct sl_node *name = v->pairs[0].value;
	const struct sl_entity *role = sl_index_find(&c->t->resources, name->str, name->len);
	if (!role || !sl_samr_type_is(role, "AWS::IAM::Role"))
		return;
	const struct sl_node *path = sl_map_get(sl_samr_props(role), "Path");
	if (!sl_samr_is_string(path) || sl_str_eq(path, "/"))
		return;
	sl_report(c, v,
		  "ServiceRole is a Ref to %s, which gives the role's name, but the role has Path "
		  "'%s': CodeBuild takes the service role's ARN, and the ARN of a role with a path "
		  "holds that path, which the name leaves out. Use !GetAtt %s.Arn",
		  role->key->str, path->str, role->key->str);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *sr = sl_map_get(props, "ServiceRole");
	if (sr)
		sl_samr_each_value(sr, check_value, c, NULL);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::CodeBuild::Project", check_one, NULL);
}

const struct sl_rule rule_E3050 = {
	.id = "E3050",
	.severity = SL_SEV_ERROR,
	.title = "CodeBuild service roles with a path are given by ARN, not by Ref",
	.source = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html",
	.doc =
	"### What it checks\n"
	"An `AWS::CodeBuild::Project` whose `ServiceRole` is a `Ref` to an `AWS::IAM::Role` of "
	"the template that has a literal `Path` other than `/`. Each literal branch of an "
	"`Fn::If` is judged; a role whose path is written with functions is not.\n\n"
	"### Why it matters\n"
	"`ServiceRole` is the ARN of the role CodeBuild assumes (CodeBuild project reference). "
	"`Ref` on a role returns its name, and the ARN of a role with a path holds the path "
	"(`arn:aws:iam::123456789012:role/build/CodeBuildRole`, IAM identifiers): the name "
	"leaves it out, so it does not name the role and the project cannot use it. "
	"`!GetAtt Role.Arn` gives the full ARN.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Project:\n"
	"    Type: AWS::CodeBuild::Project\n"
	"    Properties:\n"
	"      ServiceRole: !Ref BuildRole\n"
	"      ...\n"
	"  BuildRole:\n"
	"    Type: AWS::IAM::Role\n"
	"    Properties:\n"
	"      Path: /build/\n"
	"      ...\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      ServiceRole: !GetAtt BuildRole.Arn\n"
	"```\n",
	.check = check,
};
