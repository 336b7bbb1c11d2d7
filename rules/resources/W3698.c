/* W3698: a block device mapping of a launch template or launch configuration
 * sets VirtualName or Ebs, not both.
 *
 * The CloudFormation references of AWS::EC2::LaunchTemplate BlockDeviceMapping
 * ("exactly one of Ebs, NoDevice, or VirtualName") and of
 * AWS::AutoScaling::LaunchConfiguration BlockDeviceMapping (VirtualName or
 * Ebs, not both) allow one kind of device per mapping: VirtualName names an
 * instance store volume, Ebs describes an EBS volume. A mapping with both is
 * reported at its VirtualName. An AWS::EC2::Instance's mappings are E3014's
 * (the relation overlay states the same rule for them as an error), so they
 * are not reported twice here. */
#include "rules/resources/blockdev.h"

static void check_mapping(struct sl_ctx *c, const struct sl_node *m, void *ud)
{
	(void)ud;
	const struct sl_pair *vn = sl_map_get_pair(m, "VirtualName");
	const struct sl_node *ebs = sl_map_get(m, "Ebs");
	if (!vn || !ebs || sl_node_is_novalue(vn->value) || sl_node_is_novalue(ebs))
		return;
	sl_report(c, vn->key, "VirtualName and Ebs are both set: a block device mapping is either "
		  "an instance store volume (VirtualName) or an EBS volume (Ebs), and EC2 takes "
		  "only one; remove VirtualName, or move it to a mapping of its own with another "
		  "DeviceName");
}

static void check(struct sl_ctx *c)
{
	sl_block_device_each(c, "AWS::EC2::Instance" /* E3014 */, check_mapping, NULL);
}

const struct sl_rule rule_W3698 = {
	.id = "W3698",
	.severity = SL_SEV_WARNING,
	.title = "Launch template and launch configuration block device mappings set VirtualName or Ebs, not both",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-ec2-launchtemplate-blockdevicemapping.html",
	.doc =
	"### What it checks\n"
	"A block device mapping of an `AWS::EC2::LaunchTemplate` (`LaunchTemplateData`) or an "
	"`AWS::AutoScaling::LaunchConfiguration` does not set both `VirtualName` and `Ebs`. "
	"An `AWS::EC2::Instance`'s mappings are checked by E3014, which reports the same thing "
	"as an error.\n"
	"\n"
	"### Why it matters\n"
	"A mapping describes one device: an instance store volume (`VirtualName`, "
	"`ephemeralN`) or an EBS volume (`Ebs`); the launch template reference asks for exactly "
	"one of `Ebs`, `NoDevice` and `VirtualName`. With both, the mapping does not say which "
	"volume the device is, and the instance does not get what one of the two lines "
	"promises.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"        BlockDeviceMappings:\n"
	"          - DeviceName: /dev/sdb\n"
	"            VirtualName: ephemeral0\n"
	"            Ebs:\n"
	"              VolumeSize: 20\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"        BlockDeviceMappings:\n"
	"          - DeviceName: /dev/sdb\n"
	"            VirtualName: ephemeral0\n"
	"          - DeviceName: /dev/sdc\n"
	"            Ebs:\n"
	"              VolumeSize: 20\n"
	"```\n",
	.check = check,
};
