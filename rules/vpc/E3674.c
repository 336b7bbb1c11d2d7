/* E3674: a primary private IP address given twice, on an instance or a network interface. */
#include "rules/sam/samrules.h"

/* True when a property is surely set (present, not AWS::NoValue, and no Fn::If
 * branch that drops it). */
static bool surely_set(const struct sl_node *v)
{
	return v && !sl_samr_is_null(v) && !sl_samr_is_novalue(v) && sl_samr_item_certain(v);
}

/* Reports each entry of a PrivateIpAddresses list marked Primary: true. */
static void check_primaries(struct sl_ctx *c, const struct sl_node *list, const char *owner)
{
	if (!sl_node_is(list, SL_SEQ))
		return;
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *p = sl_map_get(list->items[i], "Primary");
		if (p && (sl_scalar_bool(p) == 1 || sl_str_eq(p, "true") || sl_str_eq(p, "True")))
			sl_report(c, p,
				  "this private IP address is marked Primary while %s sets PrivateIpAddress: "
				  "only one address can be the primary one, and EC2 rejects a primary "
				  "address given both ways. Remove PrivateIpAddress, or set Primary to false",
				  owner);
	}
}

static void check_instance(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
			   void *ud)
{
	(void)e;
	(void)ud;
	if (!surely_set(sl_map_get(props, "PrivateIpAddress")))
		return;
	const struct sl_node *nis = sl_map_get(props, "NetworkInterfaces");
	if (!sl_node_is(nis, SL_SEQ))
		return;
	for (size_t i = 0; i < nis->len; i++) {
		const struct sl_node *ni = nis->items[i];
		if (!sl_node_is(ni, SL_MAP) || sl_node_intrinsic(ni))
			continue;
		const struct sl_pair *pp = sl_map_get_pair(ni, "PrivateIpAddress");
		if (pp && surely_set(pp->value))
			sl_report(c, pp->key,
				  "the instance sets PrivateIpAddress and this network interface sets one "
				  "too: the primary private IP address is given in one place only, and EC2 "
				  "rejects the launch. Keep one of them");
		check_primaries(c, sl_map_get(ni, "PrivateIpAddresses"), "the instance");
	}
}

static void check_interface(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
			    void *ud)
{
	(void)e;
	(void)ud;
	if (surely_set(sl_map_get(props, "PrivateIpAddress")))
		check_primaries(c, sl_map_get(props, "PrivateIpAddresses"), "the network interface");
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::EC2::Instance", check_instance, NULL);
	sl_samr_each_resource(c, "AWS::EC2::NetworkInterface", check_interface, NULL);
}

const struct sl_rule rule_E3674 = {
	.id = "E3674",
	.severity = SL_SEV_ERROR,
	.title = "The primary private IP address is given once",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_RunInstances.html",
	.doc =
	"### What it checks\n"
	"An `AWS::EC2::Instance` that sets `PrivateIpAddress` gives no `PrivateIpAddress` in its "
	"`NetworkInterfaces` and marks no entry of their `PrivateIpAddresses` `Primary: true`; "
	"an `AWS::EC2::NetworkInterface` that sets `PrivateIpAddress` marks no entry of its "
	"`PrivateIpAddresses` `Primary: true`. A `PrivateIpAddress` set in only one branch of an "
	"`Fn::If` is not judged.\n\n"
	"### Why it matters\n"
	"RunInstances says the instance's primary IPv4 address cannot be given when a network "
	"interface specification already designates a primary private IP address, and "
	"CreateNetworkInterface that with a `PrivateIpAddress` no address of "
	"`PrivateIpAddresses` may be marked primary: only one address can be the primary one. "
	"EC2 rejects the request, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      ImageId: ami-0123456789abcdef0\n"
	"      PrivateIpAddress: 10.0.0.10\n"
	"      NetworkInterfaces:\n"
	"        - DeviceIndex: \"0\"\n"
	"          SubnetId: !Ref Subnet\n"
	"          PrivateIpAddresses:\n"
	"            - PrivateIpAddress: 10.0.0.10\n"
	"              Primary: true\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      NetworkInterfaces:\n"
	"        - DeviceIndex: \"0\"\n"
	"          SubnetId: !Ref Subnet\n"
	"          PrivateIpAddresses:\n"
	"            - PrivateIpAddress: 10.0.0.10\n"
	"              Primary: true\n"
	"```\n",
	.check = check,
};
