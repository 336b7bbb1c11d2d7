/* E3715: an instance store mapping names its volume ephemeralN.
 *
 * The EC2 and Auto Scaling API references (BlockDeviceMapping) say the virtual
 * device name of an instance store volume is in the form ephemeralX, X a number
 * starting from 0. A literal VirtualName of another form in BlockDeviceMappings
 * of AWS::EC2::Instance, AWS::AutoScaling::LaunchConfiguration and
 * AWS::EC2::LaunchTemplate is reported. Fn::If is followed, on the list, on an
 * item and on the value, branch by branch; other functions are left alone. */
#include <string.h>

#include "rules/resources/blockdev.h"

#define IF_DEPTH 8

static bool ephemeral_name(const struct sl_node *v)
{
	if (v->len <= 9 || memcmp(v->str, "ephemeral", 9) != 0)
		return false;
	for (size_t i = 9; i < v->len; i++)
		if (v->str[i] < '0' || v->str[i] > '9')
			return false;
	return true;
}

static void check_name(struct sl_ctx *c, const struct sl_node *v, int depth)
{
	const struct sl_node *a, *b;
	if (sl_node_if(v, &a, &b)) {
		if (depth < IF_DEPTH) {
			check_name(c, a, depth + 1);
			check_name(c, b, depth + 1);
		}
		return;
	}
	if (!sl_node_is(v, SL_SCALAR) || sl_node_is_null(v) || v->len == 0 || ephemeral_name(v))
		return;
	sl_report(c, v, "VirtualName '%s' is not an instance store volume name: the name is "
		  "ephemeralN, N a number from 0 (ephemeral0, ephemeral1, ...); the device path "
		  "(/dev/sdb) goes in DeviceName", v->str);
}

static void check_mapping(struct sl_ctx *c, const struct sl_node *m, void *ud)
{
	(void)ud;
	const struct sl_node *v = sl_map_get(m, "VirtualName");
	if (v)
		check_name(c, v, 0);
}

static void check(struct sl_ctx *c)
{
	sl_block_device_each(c, NULL, check_mapping, NULL);
}

const struct sl_rule rule_E3715 = {
	.id = "E3715",
	.severity = SL_SEV_ERROR,
	.title = "Instance store block device mappings name the volume ephemeralN",
	.source = "https://docs.aws.amazon.com/autoscaling/ec2/APIReference/API_BlockDeviceMapping.html",
	.doc =
	"### What it checks\n"
	"A literal `VirtualName` in `BlockDeviceMappings` of an `AWS::EC2::Instance`, an "
	"`AWS::AutoScaling::LaunchConfiguration` or an `AWS::EC2::LaunchTemplate` has the form "
	"`ephemeralN`, N a number from 0. An `Fn::If` is judged branch by branch; values written "
	"with other functions are not judged.\n"
	"\n"
	"### Why it matters\n"
	"The virtual device name of an instance store volume must be in the form `ephemeralX`, "
	"X a number starting from 0 (BlockDeviceMapping). Another name is rejected, and the "
	"instance or launch configuration fails to create.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      BlockDeviceMappings:\n"
	"        - DeviceName: /dev/sdb\n"
	"          VirtualName: /dev/sdb\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      BlockDeviceMappings:\n"
	"        - DeviceName: /dev/sdb\n"
	"          VirtualName: ephemeral0\n"
	"```\n",
	.check = check,
};
