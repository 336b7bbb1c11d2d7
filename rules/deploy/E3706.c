/* E3706: an Auto Scaling group whose MaxSize is below its MinSize. */
#include "rules/sam/samrules.h"

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *minv = sl_map_get(props, "MinSize");
	const struct sl_node *maxv = sl_map_get(props, "MaxSize");
	long long lo, hi;
	if (!sl_samr_int(minv, &lo) || !sl_samr_int(maxv, &hi) || hi >= lo)
		return;
	sl_report(c, maxv,
		  "MaxSize %lld is below MinSize %lld: an Auto Scaling group's capacity lies between "
		  "its minimum and its maximum size, and Amazon EC2 Auto Scaling rejects a maximum "
		  "below the minimum. Raise MaxSize to at least %lld, or lower MinSize",
		  hi, lo, lo);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::AutoScaling::AutoScalingGroup", check_one, NULL);
}

const struct sl_rule rule_E3706 = {
	.id = "E3706",
	.severity = SL_SEV_ERROR,
	.title = "An Auto Scaling group's MaxSize is at least its MinSize",
	.source = "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_CreateAutoScalingGroup.html",
	.doc =
	"### What it checks\n"
	"An `AWS::AutoScaling::AutoScalingGroup` whose `MinSize` and `MaxSize` are both literal "
	"numbers has `MaxSize` greater than or equal to `MinSize`. Values from parameters or "
	"functions are not judged.\n\n"
	"### Why it matters\n"
	"CreateAutoScalingGroup documents the desired capacity as greater than or equal to the "
	"minimum size and less than or equal to the maximum size: no capacity fits a maximum below "
	"the minimum. The request is rejected, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Group:\n"
	"    Type: AWS::AutoScaling::AutoScalingGroup\n"
	"    Properties:\n"
	"      MinSize: \"4\"\n"
	"      MaxSize: \"2\"\n"
	"      LaunchTemplate:\n"
	"        LaunchTemplateId: !Ref Template\n"
	"        Version: !GetAtt Template.LatestVersionNumber\n"
	"      VPCZoneIdentifier: [!Ref SubnetA, !Ref SubnetB]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      MinSize: \"2\"\n"
	"      MaxSize: \"4\"\n"
	"```\n",
	.check = check,
};
