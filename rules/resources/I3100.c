/* I3100: EC2 instance types and ElastiCache node types of a previous generation. */
#include <ctype.h>
#include <string.h>

#include "engine/engine.h"

/* The previous generation families of the Amazon EC2 Instance Types guide
 * ("Previous generation instances": general purpose A1, M1, M2, M3, M4, T1;
 * compute optimized C1, C3, C4; memory optimized R3, R4; storage optimized
 * I2; accelerated computing G3, P3, P3dn). */
static const char *const ec2_previous[] = {
	"a1", "m1", "m2", "m3", "m4", "t1", "c1", "c3", "c4", "r3", "r4", "i2", "g3", "p3", "p3dn",
};

/* The node types the ElastiCache API reference (CacheNode) lists as
 * "Previous generation: (not recommended)": T1, M1, M3, C1, M2, R3. */
static const char *const cache_previous[] = { "t1", "m1", "m3", "c1", "m2", "r3" };

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Where each resource type names an instance type: a path below Properties,
 * "*" standing for every item of a list. */
static const struct site {
	const char *type;
	bool cache; /* an ElastiCache node type: "cache.<family>.<size>" */
	const char *path[7];
} sites[] = {
	{ "AWS::EC2::Instance", false, { "InstanceType" } },
	{ "AWS::EC2::Host", false, { "InstanceType" } },
	{ "AWS::EC2::CapacityReservation", false, { "InstanceType" } },
	{ "AWS::AutoScaling::LaunchConfiguration", false, { "InstanceType" } },
	{ "AWS::EC2::LaunchTemplate", false, { "LaunchTemplateData", "InstanceType" } },
	{ "AWS::EC2::SpotFleet", false, { "SpotFleetRequestConfigData", "LaunchSpecifications", "*", "InstanceType" } },
	{ "AWS::EC2::SpotFleet", false,
	  { "SpotFleetRequestConfigData", "LaunchTemplateConfigs", "*", "Overrides", "*", "InstanceType" } },
	{ "AWS::EC2::EC2Fleet", false, { "LaunchTemplateConfigs", "*", "Overrides", "*", "InstanceType" } },
	{ "AWS::AutoScaling::AutoScalingGroup", false,
	  { "MixedInstancesPolicy", "LaunchTemplate", "Overrides", "*", "InstanceType" } },
	{ "AWS::ElastiCache::CacheCluster", true, { "CacheNodeType" } },
	{ "AWS::ElastiCache::ReplicationGroup", true, { "CacheNodeType" } },
	{ "AWS::ElastiCache::GlobalReplicationGroup", true, { "CacheNodeType" } },
};

/* The family of a literal type ("m4" of "m4.large", "r3" of "cache.r3.large"),
 * lower-cased into buf; false when the value is not of that form. */
static bool family_of(const struct sl_node *v, bool cache, char *buf, size_t cap)
{
	if (!v || v->kind != SL_SCALAR || sl_scalar_type(v) != SL_TYPE_STRING)
		return false;
	const char *s = v->str, *end = v->str + v->len;
	if (cache) {
		if (v->len < 6 || strncmp(s, "cache.", 6) != 0)
			return false;
		s += 6;
	}
	const char *dot = memchr(s, '.', (size_t)(end - s));
	if (!dot || dot == s || (size_t)(dot - s) >= cap)
		return false;
	size_t n = (size_t)(dot - s);
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	buf[n] = '\0';
	return true;
}

static void check_value(struct sl_ctx *c, const struct sl_node *v, bool cache)
{
	char fam[16];
	if (!family_of(v, cache, fam, sizeof(fam)))
		return;
	const char *const *list = cache ? cache_previous : ec2_previous;
	size_t n = cache ? N(cache_previous) : N(ec2_previous);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(fam, list[i]) != 0)
			continue;
		for (char *p = fam; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		if (cache)
			sl_report(c, v, "%s is a previous generation ElastiCache node type (%s): a current "
				  "generation node type gives more memory and compute for the price", v->str, fam);
		else
			sl_report(c, v, "%s is a previous generation EC2 instance type (%s): a current "
				  "generation type gives better performance for the price", v->str, fam);
		return;
	}
}

/* Follows path from n (maps by key, lists by "*"); intrinsic functions on the
 * way are not looked into. */
static void walk(struct sl_ctx *c, const struct sl_node *n, const char *const *path, bool cache)
{
	if (!n)
		return;
	if (!*path) {
		check_value(c, n, cache);
		return;
	}
	if (strcmp(*path, "*") == 0) {
		if (n->kind == SL_SEQ)
			for (uint32_t i = 0; i < n->len; i++)
				walk(c, n->items[i], path + 1, cache);
		return;
	}
	if (n->kind != SL_MAP || sl_node_intrinsic(n))
		return;
	walk(c, sl_map_get(n, *path), path + 1, cache);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!e->type)
			continue;
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		for (size_t k = 0; k < N(sites); k++)
			if (sl_str_eq(e->type, sites[k].type))
				walk(c, props, sites[k].path, sites[k].cache);
	}
}

const struct sl_rule rule_I3100 = {
	.id = "I3100",
	.severity = SL_SEV_INFO,
	.title = "Instance types are of the current generation",
	.source = "https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html#previous-gen-instances",
	.doc =
	"### What it checks\n"
	"Literal EC2 instance types (instances, hosts, capacity reservations, launch "
	"configurations and templates, Spot and EC2 fleets, Auto Scaling mixed instances "
	"overrides) of a family the Amazon EC2 Instance Types guide lists as previous generation "
	"(A1, C1, C3, C4, G3, I2, M1, M2, M3, M4, P3, P3dn, R3, R4, T1), and ElastiCache node types "
	"(`CacheNodeType`) the ElastiCache API reference lists as previous generation (cache.t1, "
	"cache.m1, cache.m2, cache.m3, cache.c1, cache.r3). Values given through parameters or "
	"functions are not judged. RDS and OpenSearch classes are not checked.\n\n"
	"### Why it matters\n"
	"AWS keeps previous generation types running for users who have not moved yet, but "
	"recommends the current generation: newer families give more performance for the same or "
	"a lower price, and new features and Regions come to them first.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      ImageId: !Ref ImageId\n"
	"      InstanceType: m4.large\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Server:\n"
	"    Type: AWS::EC2::Instance\n"
	"    Properties:\n"
	"      ImageId: !Ref ImageId\n"
	"      InstanceType: m7i.large\n"
	"```\n",
	.check = check,
};
