/* E3673: an EC2 instance gets an AMI, from its ImageId or its launch template.
 *
 * The CloudFormation reference of AWS::EC2::LaunchTemplate says that ImageId
 * has no default: if the launch template does not give one, the instance's
 * ImageId must. An AWS::EC2::Instance without ImageId is reported when it has
 * no LaunchTemplate, or when its LaunchTemplate names (Ref or Fn::GetAtt, by
 * LaunchTemplateId or LaunchTemplateName) an AWS::EC2::LaunchTemplate of the
 * template whose literal LaunchTemplateData has no ImageId. A launch template
 * named by a parameter, a literal ID or an import is not judged, nor are
 * properties that Fn::ForEach writes or that a function gives as a whole. */
#include "engine/engine.h"

static bool has_foreach(const struct sl_node *m)
{
	for (uint32_t i = 0; i < m->len; i++)
		if (sl_foreach_key(m->pairs[i].key))
			return true;
	return false;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::EC2::Instance",
					   strlen("AWS::EC2::Instance"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		const struct sl_pair *pp = sl_map_get_pair(e->value, "Properties");
		const struct sl_node *props = pp ? pp->value : NULL;
		if (!pp) {
			sl_report(c, e->type, "Instance %s has no Properties, so no ImageId: EC2 needs an "
				  "AMI to launch it; set ImageId, or a LaunchTemplate whose "
				  "LaunchTemplateData has an ImageId", e->key->str);
			continue;
		}
		if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props) || has_foreach(props) ||
		    sl_map_get_pair(props, "ImageId"))
			continue;
		const struct sl_pair *ltp = sl_map_get_pair(props, "LaunchTemplate");
		if (!ltp) {
			sl_report(c, pp->key, "Instance %s has no ImageId and no LaunchTemplate: EC2 "
				  "needs an AMI to launch it; set ImageId (an AMI ID, or a parameter of "
				  "type AWS::EC2::Image::Id)", e->key->str);
			continue;
		}
		const struct sl_node *lt = ltp->value;
		if (!sl_node_is(lt, SL_MAP) || sl_node_intrinsic(lt))
			continue;
		const struct sl_node *ref = sl_map_get(lt, "LaunchTemplateId");
		if (!ref)
			ref = sl_map_get(lt, "LaunchTemplateName");
		const struct sl_entity *tmpl =
			sl_template_ref_resource(c->t, ref, "AWS::EC2::LaunchTemplate");
		if (!tmpl)
			continue;
		const struct sl_node *data =
			sl_map_get(sl_map_get(tmpl->value, "Properties"), "LaunchTemplateData");
		if (!sl_node_is(data, SL_MAP) || sl_node_intrinsic(data) || has_foreach(data) ||
		    sl_map_get_pair(data, "ImageId"))
			continue;
		sl_report(c, pp->key, "Instance %s has no ImageId, and its launch template %s gives "
			  "none in LaunchTemplateData: ImageId has no default, so EC2 cannot launch "
			  "the instance; set ImageId on the instance or in the launch template",
			  e->key->str, tmpl->key->str);
	}
}

const struct sl_rule rule_E3673 = {
	.id = "E3673",
	.severity = SL_SEV_ERROR,
	.title = "EC2 instances get an AMI from ImageId or their launch template",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-launchtemplate.html",
	.doc =
	"### What it checks\n"
	"An `AWS::EC2::Instance` sets `ImageId`, or has a `LaunchTemplate` that gives one. An "
	"instance without `ImageId` is reported when it has no `LaunchTemplate`, or when its "
	"`LaunchTemplate` names (with `Ref` or `Fn::GetAtt`) an `AWS::EC2::LaunchTemplate` of the "
	"template whose `LaunchTemplateData` has no `ImageId`. Launch templates named by a "
	"parameter, a literal ID or an import are not judged.\n"
	"\n"
	"### Why it matters\n"
	"`ImageId` is the one instance property with no default: when the launch template does "
	"not give an AMI, the instance's `ImageId` must (AWS::EC2::LaunchTemplate). Without an "
	"AMI the instance fails to launch and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      InstanceType: t3.micro\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      ImageId: !Ref LatestAmiId\n"
	"      InstanceType: t3.micro\n"
	"```\n",
	.check = check,
};
