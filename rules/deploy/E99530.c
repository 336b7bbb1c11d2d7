/* E99530: a literal Availability Zone belongs to every Region judged. */
#include <stdio.h>
#include <string.h>

#include "analysis/regions.h"
#include "rules/deploy/regional.h"
#include "util/region.h"

/* The Regions listed one by one in a message; past that, a count. */
#define LISTED 6

static bool same(const char *r, const char *zr, size_t zl)
{
	return strlen(r) == zl && memcmp(r, zr, zl) == 0;
}

static void judge(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *v)
{
	if (!sl_node_is(v, SL_SCALAR) || v->flags & SL_NODE_ALIAS || sl_scalar_type(v) != SL_TYPE_STRING)
		return;
	size_t zl = sl_region_of_zone(v->str, v->len);
	if (!zl)
		return;
	const char *const *rs;
	size_t n = sl_regions_judged(c, &rs);
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += !same(rs[i], v->str, zl);
	if (!k)
		return;
	/* "Region eu-west-1", "Regions eu-west-1, cn-north-1", or for many
	 * "every Region judged but us-east-1 (44 Regions)" */
	char list[LISTED * 24 + 64];
	size_t used = 0;
	if (k > LISTED && k < n) {
		snprintf(list, sizeof(list), "every Region judged but %.*s (%zu Regions)", (int)zl, v->str, k);
	} else if (k > LISTED) {
		snprintf(list, sizeof(list), "all %zu Regions judged", k);
	} else {
		used = (size_t)snprintf(list, sizeof(list), "Region%s ", k > 1 ? "s" : "");
		size_t j = 0;
		for (size_t i = 0; i < n && used < sizeof(list); i++)
			if (!same(rs[i], v->str, zl))
				used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s", j++ ? ", " : "",
							 rs[i]);
	}
	sl_report(c, v, "Availability Zone '%s' of %s is in Region %.*s: the stack fails in %s, where "
		  "no such zone exists; use a parameter of type AWS::EC2::AvailabilityZone::Name or "
		  "!Select [N, !GetAZs '']", v->str, key->str, (int)zl, v->str, list);
}

static bool zones(struct sl_ctx *c, const struct sl_node *key, uint32_t type, const struct sl_node *v)
{
	(void)type;
	if (!sl_str_eq(key, "AvailabilityZone") && !sl_str_eq(key, "AvailabilityZones"))
		return false;
	if (sl_node_is(v, SL_SEQ)) {
		for (size_t i = 0; i < v->len; i++)
			judge(c, key, v->items[i]);
	} else {
		judge(c, key, v);
	}
	return true;
}

static void check(struct sl_ctx *c)
{
	const char *const *rs;
	if (sl_regions_judged(c, &rs))
		sl_regional_walk(c, zones);
}

const struct sl_rule rule_E99530 = {
	.id = "E99530",
	.severity = SL_SEV_ERROR,
	.title = "Availability Zones written in the template exist in every Region judged",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-regions-availability-zones.html",
	.doc =
	"### What it checks\n"
	"For each Region the template is judged for — the Regions named by `-r/--regions`, the "
	"template's or the configuration's `regions`, else `AWS_REGION` or `AWS_DEFAULT_REGION` "
	"(docs/regions.md); with none named, cfn-lint's default us-east-1 is not judged — every Availability Zone name written literally (`us-east-1a`, or a "
	"Local Zone such as `us-west-2-lax-1a`) in a property named `AvailabilityZone` or "
	"`AvailabilityZones` (a subnet, a volume, an instance, an Auto Scaling group, a launch "
	"template's `Placement`, ...; both branches of `Fn::If`) belongs to that Region. A zone "
	"is reported once, naming every Region judged it does not belong to. Zone IDs "
	"(`use1-az1`), `Fn::GetAZs`, parameters and other functions are not judged.\n\n"
	"### Why it matters\n"
	"An Availability Zone name is the Region code and a letter, and the zone exists only in "
	"its Region: a stack created in another Region fails on the resource that names it and "
	"rolls back. W3010 warns about any hard-coded zone; this rule says where it certainly "
	"fails.\n\n"
	"### Bad\n"
	"```yaml\n"
	"# stacklint -r us-east-1 eu-west-1 -- template.yaml\n"
	"  Subnet:\n"
	"    Type: AWS::EC2::Subnet\n"
	"    Properties:\n"
	"      AvailabilityZone: us-east-1a\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      AvailabilityZone: !Select [0, !GetAZs '']\n"
	"```\n",
	.check = check,
};
