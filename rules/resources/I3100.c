/* I3100: EC2 instance types, ElastiCache node types, RDS DB instance classes
 * and OpenSearch Service instance types of a previous generation. */
#include <ctype.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/resources/itypes.h"

/* The previous generation families of the Amazon EC2 Instance Types guide
 * ("Previous generation instances": general purpose A1, M1, M2, M3, M4, T1;
 * compute optimized C1, C3, C4; memory optimized R3, R4; storage optimized
 * I2; accelerated computing G3, P3, P3dn). */
static const char *const ec2_previous[] = {
	"a1", "m1", "m2", "m3", "m4", "t1", "c1", "c3", "c4", "r3", "r4", "i2", "g3", "p3", "p3dn",
};

/* The node types the ElastiCache API reference (CacheNode) lists as
 * "Previous generation: (not recommended. Existing clusters are still
 * supported but creation of new clusters is not supported for these types.)":
 * T1, M1, M3, C1, M2, R3. Shared with E3647 (rules/resources/itypes.h). */
const char *const sl_cache_previous[] = { "t1", "m1", "m3", "c1", "m2", "r3" };
const size_t sl_n_cache_previous = sizeof(sl_cache_previous) / sizeof(sl_cache_previous[0]);

/* The DB instance class types the Amazon RDS User Guide, "DB instance classes"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.html;
 * its 2018-2019 text, kept in awsdocs/amazon-rds-user-guide at
 * doc_source/Concepts.DBInstanceClass.md), calls previous generation: "db.m3 - Previous-generation general-purpose
 * instance classes", "db.m1 - Previous-generation general-purpose instance
 * classes", "db.r3 - Previous-generation instance classes that provide memory
 * optimization", "db.m2 - Previous-generation memory-optimized instance
 * classes" (and its hardware table: "db.m1 / db.m2 / db.m3 / db.r3 - Previous
 * Generation ... Instance Classes"). db.t1 is not listed: no RDS page found
 * calls it previous generation (the RDS for Oracle page only lists it among
 * deprecated classes). */
static const char *const rds_previous[] = { "m1", "m2", "m3", "r3" };

/* The OpenSearch Service Developer Guide, "Supported instance types in Amazon
 * OpenSearch Service", section "Previous generation instance types"
 * (https://docs.aws.amazon.com/opensearch-service/latest/developerguide/supported-instance-types.html#previous-gen):
 * C4, I2, M3, M4, R3, R4, T2 (c4.large.search ... t2.medium.search; the same
 * types end in ".elasticsearch" on AWS::Elasticsearch::Domain). */
static const char *const search_previous[] = { "c4", "i2", "m3", "m4", "r3", "r4", "t2" };

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* One kind of type: how its value is spelt and what the finding says. */
struct kind {
	const char *prefix; /* before the family: "cache." in "cache.r3.large" */
	const char *const *families;
	size_t n;
	const char *what;    /* what the value is */
	const char *instead; /* why a current generation type is better */
};

static const struct kind ec2 = {
	"", ec2_previous, N(ec2_previous), "EC2 instance type",
	"a current generation type gives better performance for the price",
};
static const struct kind cache = {
	"cache.", sl_cache_previous, N(sl_cache_previous), "ElastiCache node type",
	"a current generation node type gives more memory and compute for the price",
};
static const struct kind rds = {
	"db.", rds_previous, N(rds_previous), "RDS DB instance class",
	"a current generation class gives better performance for the price",
};
static const struct kind search = {
	"", search_previous, N(search_previous), "OpenSearch Service instance type",
	"a current generation type gives better performance for the price",
};

/* Where each resource type names an instance type: a path below Properties,
 * "*" standing for every item of a list. */
static const struct site {
	const char *type;
	const struct kind *kind;
	const char *path[7];
} sites[] = {
	{ "AWS::EC2::Instance", &ec2, { "InstanceType" } },
	{ "AWS::EC2::Host", &ec2, { "InstanceType" } },
	{ "AWS::EC2::CapacityReservation", &ec2, { "InstanceType" } },
	{ "AWS::AutoScaling::LaunchConfiguration", &ec2, { "InstanceType" } },
	{ "AWS::EC2::LaunchTemplate", &ec2, { "LaunchTemplateData", "InstanceType" } },
	{ "AWS::EC2::SpotFleet", &ec2, { "SpotFleetRequestConfigData", "LaunchSpecifications", "*", "InstanceType" } },
	{ "AWS::EC2::SpotFleet", &ec2,
	  { "SpotFleetRequestConfigData", "LaunchTemplateConfigs", "*", "Overrides", "*", "InstanceType" } },
	{ "AWS::EC2::EC2Fleet", &ec2, { "LaunchTemplateConfigs", "*", "Overrides", "*", "InstanceType" } },
	{ "AWS::AutoScaling::AutoScalingGroup", &ec2,
	  { "MixedInstancesPolicy", "LaunchTemplate", "Overrides", "*", "InstanceType" } },
	{ "AWS::ElastiCache::CacheCluster", &cache, { "CacheNodeType" } },
	{ "AWS::ElastiCache::ReplicationGroup", &cache, { "CacheNodeType" } },
	{ "AWS::ElastiCache::GlobalReplicationGroup", &cache, { "CacheNodeType" } },
	{ "AWS::RDS::DBInstance", &rds, { "DBInstanceClass" } },
	{ "AWS::OpenSearchService::Domain", &search, { "ClusterConfig", "InstanceType" } },
	{ "AWS::OpenSearchService::Domain", &search, { "ClusterConfig", "DedicatedMasterType" } },
	{ "AWS::Elasticsearch::Domain", &search, { "ElasticsearchClusterConfig", "InstanceType" } },
	{ "AWS::Elasticsearch::Domain", &search, { "ElasticsearchClusterConfig", "DedicatedMasterType" } },
};

/* The family of a literal type ("m4" of "m4.large", "r3" of "cache.r3.large"
 * when prefix is "cache."), lower-cased into buf; false when the value is not
 * of that form. */
static bool family_of(const struct sl_node *v, const char *prefix, char *buf, size_t cap)
{
	if (!v || v->kind != SL_SCALAR || sl_scalar_type(v) != SL_TYPE_STRING)
		return false;
	const char *s = v->str, *end = v->str + v->len;
	size_t plen = strlen(prefix);
	if (v->len < plen || strncmp(s, prefix, plen) != 0)
		return false;
	s += plen;
	const char *dot = memchr(s, '.', (size_t)(end - s));
	if (!dot || dot == s || (size_t)(dot - s) >= cap)
		return false;
	size_t n = (size_t)(dot - s);
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)tolower((unsigned char)s[i]);
	buf[n] = '\0';
	return true;
}

static void check_value(struct sl_ctx *c, const struct sl_node *v, const struct kind *k)
{
	char fam[16];
	if (!family_of(v, k->prefix, fam, sizeof(fam)))
		return;
	for (size_t i = 0; i < k->n; i++) {
		if (strcmp(fam, k->families[i]) != 0)
			continue;
		for (char *p = fam; *p; p++)
			*p = (char)toupper((unsigned char)*p);
		sl_report(c, v, "%s is a previous generation %s (%s): %s", v->str, k->what, fam,
			  k->instead);
		return;
	}
}

/* Follows path from n (maps by key, lists by "*"); intrinsic functions on the
 * way are not looked into. */
static void walk(struct sl_ctx *c, const struct sl_node *n, const char *const *path,
		 const struct kind *k)
{
	if (!n)
		return;
	if (!*path) {
		check_value(c, n, k);
		return;
	}
	if (strcmp(*path, "*") == 0) {
		if (n->kind == SL_SEQ)
			for (uint32_t i = 0; i < n->len; i++)
				walk(c, n->items[i], path + 1, k);
		return;
	}
	if (n->kind != SL_MAP || sl_node_intrinsic(n))
		return;
	walk(c, sl_map_get(n, *path), path + 1, k);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	/* site by site, the resources of its type: the findings do not depend on
	 * the order of the walks */
	for (size_t k = 0; k < N(sites); k++) {
		const uint32_t *idx;
		size_t n = sl_template_of_type(t, sites[k].type, strlen(sites[k].type), &idx);
		for (size_t i = 0; i < n; i++) {
			const struct sl_entity *e = &t->resources.items[idx[i]];
			walk(c, sl_map_get(e->value, "Properties"), sites[k].path, sites[k].kind);
		}
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
	"cache.m1, cache.m2, cache.m3, cache.c1, cache.r3), RDS DB instance classes "
	"(`DBInstanceClass`) the Amazon RDS User Guide calls previous generation (db.m1, db.m2, "
	"db.m3, db.r3), and OpenSearch Service and Elasticsearch domain data and dedicated master "
	"node types (`InstanceType`, `DedicatedMasterType`) the OpenSearch Service Developer Guide "
	"lists as previous generation (C4, I2, M3, M4, R3, R4, T2, as in `m4.large.search`). "
	"Values given through parameters or functions are not judged.\n\n"
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
