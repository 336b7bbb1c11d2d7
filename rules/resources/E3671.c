/* E3671: provisioned IOPS of an EBS volume are not below the minimum of its volume type.
 *
 * The EC2 API reference (EbsBlockDevice, CreateVolume) gives the IOPS each
 * volume type supports: gp3 from 3,000, io1 and io2 from 100. A literal Iops
 * below the minimum of a literal VolumeType is reported, in BlockDeviceMappings
 * Ebs of AWS::EC2::Instance, AWS::AutoScaling::LaunchConfiguration and
 * AWS::EC2::LaunchTemplate (LaunchTemplateData), and in AWS::EC2::Volume. Only
 * the minimums are checked: the maximums have grown over time. */
#include <stdlib.h>

#include "rules/resources/blockdev.h"
#include "rules/sam/samrules.h"

static const struct {
	const char *type;
	long min;
} mins[] = { { "gp3", 3000 }, { "io1", 100 }, { "io2", 100 } };

/* ebs: a map with VolumeType and Iops (an Ebs block or a Volume's properties). */
static void check_ebs(struct sl_ctx *c, const struct sl_node *ebs)
{
	if (!sl_node_is(ebs, SL_MAP) || sl_node_intrinsic(ebs))
		return;
	const struct sl_node *type = sl_map_get(ebs, "VolumeType");
	const struct sl_node *iops = sl_map_get(ebs, "Iops");
	if (!sl_node_is(type, SL_SCALAR) || !sl_node_is(iops, SL_SCALAR) || iops->len == 0 ||
	    iops->len > 9)
		return;
	char *end;
	long v = strtol(iops->str, &end, 10);
	if (*end != '\0')
		return;
	for (size_t i = 0; i < sizeof(mins) / sizeof(mins[0]); i++)
		if (sl_str_eq(type, mins[i].type) && v < mins[i].min)
			sl_report(c, iops, "Iops %ld is below the minimum for VolumeType %s: %s volumes "
				  "take at least %ld IOPS, and EC2 rejects the volume; set Iops to %ld or "
				  "more", v, type->str, type->str, mins[i].min, mins[i].min);
}

static void check_mappings(struct sl_ctx *c, const struct sl_node *list)
{
	if (!sl_node_is(list, SL_SEQ))
		return;
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *m = list->items[i];
		if (sl_node_is(m, SL_MAP) && !sl_node_intrinsic(m))
			check_ebs(c, sl_map_get(m, "Ebs"));
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	/* the types sl_block_device_mappings() reads, and volumes */
	sl_samr_types_init(&tw, t, "AWS::EC2::Instance", "AWS::AutoScaling::LaunchConfiguration",
			   "AWS::EC2::LaunchTemplate", "AWS::EC2::Volume");
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
			continue;
		const struct sl_node *mappings = sl_block_device_mappings(e, props);
		if (mappings)
			check_mappings(c, mappings);
		else if (sl_str_eq(e->type, "AWS::EC2::Volume"))
			check_ebs(c, props);
	}
}

const struct sl_rule rule_E3671 = {
	.id = "E3671",
	.severity = SL_SEV_ERROR,
	.title = "EBS volumes provision at least the minimum IOPS of their type",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_EbsBlockDevice.html",
	.doc =
	"### What it checks\n"
	"A literal `Iops` of an EBS volume whose literal `VolumeType` is `gp3` is at least 3,000, "
	"and one of an `io1` or `io2` volume at least 100. Checked in `BlockDeviceMappings` `Ebs` "
	"of `AWS::EC2::Instance`, `AWS::AutoScaling::LaunchConfiguration` and "
	"`AWS::EC2::LaunchTemplate`, and in `AWS::EC2::Volume`. Values written with a function "
	"are not judged.\n"
	"\n"
	"### Why it matters\n"
	"EC2 supports 3,000 or more IOPS for gp3 volumes and 100 or more for io1 and io2 "
	"(EbsBlockDevice); a lower value is rejected, so the instance or volume fails to create "
	"and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      BlockDeviceMappings:\n"
	"        - DeviceName: /dev/sdm\n"
	"          Ebs:\n"
	"            VolumeType: io1\n"
	"            Iops: 50\n"
	"            VolumeSize: 20\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      BlockDeviceMappings:\n"
	"        - DeviceName: /dev/sdm\n"
	"          Ebs:\n"
	"            VolumeType: io1\n"
	"            Iops: 1000\n"
	"            VolumeSize: 20\n"
	"```\n",
	.check = check,
};
