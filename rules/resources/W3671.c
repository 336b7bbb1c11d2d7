/* W3671: no Iops on EBS volume types that do not take it.
 *
 * The EC2 API reference (EbsBlockDevice, Iops) says the parameter is not
 * supported for gp2, st1, sc1 or standard volumes: their performance follows
 * the volume type and size. A block device mapping's Ebs (AWS::EC2::Instance,
 * AWS::AutoScaling::LaunchConfiguration, AWS::EC2::LaunchTemplate) with a
 * literal VolumeType of one of these and an Iops is reported at the Iops.
 * Mappings and Ebs blocks written with Fn::If are judged branch by branch. */
#include "rules/resources/blockdev.h"

static const char *const no_iops[] = { "gp2", "st1", "sc1", "standard" };

static void check_ebs(struct sl_ctx *c, const struct sl_node *ebs)
{
	const struct sl_node *a, *b;
	if (sl_node_if(ebs, &a, &b)) {
		check_ebs(c, a);
		check_ebs(c, b);
		return;
	}
	if (!sl_node_is(ebs, SL_MAP) || sl_node_intrinsic(ebs))
		return;
	const struct sl_node *type = sl_map_get(ebs, "VolumeType");
	const struct sl_node *iops = sl_map_get(ebs, "Iops");
	if (!sl_node_is(type, SL_SCALAR) || !iops || sl_node_is_novalue(iops))
		return;
	for (size_t i = 0; i < sizeof(no_iops) / sizeof(no_iops[0]); i++)
		if (sl_str_eq(type, no_iops[i]))
			sl_report(c, iops, "Iops has no effect on a %s volume: EC2 supports Iops only "
				  "for io1, io2 and gp3 volumes, and %s performance follows the volume "
				  "type and size; remove Iops or use VolumeType io2 or gp3",
				  type->str, type->str);
}

static void check_mapping(struct sl_ctx *c, const struct sl_node *m, void *ud)
{
	(void)ud;
	check_ebs(c, sl_map_get(m, "Ebs"));
}

static void check(struct sl_ctx *c)
{
	sl_block_device_each(c, NULL, check_mapping, NULL);
}

const struct sl_rule rule_W3671 = {
	.id = "W3671",
	.severity = SL_SEV_WARNING,
	.title = "EBS volumes of types without provisioned IOPS set no Iops",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html",
	.doc =
	"### What it checks\n"
	"A block device mapping's `Ebs` (of `AWS::EC2::Instance`, "
	"`AWS::AutoScaling::LaunchConfiguration` or `AWS::EC2::LaunchTemplate`) whose literal "
	"`VolumeType` is `gp2`, `st1`, `sc1` or `standard` sets no `Iops`.\n"
	"\n"
	"### Why it matters\n"
	"EC2 does not support `Iops` for these volume types (EbsBlockDevice): their performance "
	"follows the type and size. The value reads as provisioned performance that the volume "
	"does not have.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      BlockDeviceMappings:\n"
	"        - DeviceName: /dev/sdm\n"
	"          Ebs:\n"
	"            VolumeType: gp2\n"
	"            Iops: 3000\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      BlockDeviceMappings:\n"
	"        - DeviceName: /dev/sdm\n"
	"          Ebs:\n"
	"            VolumeType: gp3\n"
	"            Iops: 3000\n"
	"```\n",
	.check = check,
};
