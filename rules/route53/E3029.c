/* E3029: a Route 53 alias record has no TTL and no ResourceRecords.
 *
 * The Route 53 API reference (ResourceRecordSet) says to omit TTL and
 * ResourceRecords when creating an alias record set: Route 53 uses the TTL of
 * the alias target and answers with its records. A record set that has
 * AliasTarget and also TTL or ResourceRecords is reported, in an
 * AWS::Route53::RecordSet or in RecordSets of an AWS::Route53::RecordSetGroup
 * (the record-set walk of E3023). A property that may resolve to
 * AWS::NoValue through Fn::If is not taken as present. */
#include "rules/route53/route53.h"

#define IF_DEPTH 8

/* True when n is certainly a value: not AWS::NoValue, nor an Fn::If that may
 * give it. */
static bool present(const struct sl_node *n, int depth)
{
	const struct sl_node *a, *b;
	if (!n || sl_node_is_novalue(n) || depth > IF_DEPTH)
		return false;
	if (sl_node_if(n, &a, &b))
		return present(a, depth + 1) && present(b, depth + 1);
	return true;
}

/* One record set (the properties of a RecordSet, or an item of RecordSets). */
static void check_record_set(struct sl_ctx *c, const struct sl_node *rs, const struct sl_node *zone)
{
	(void)zone;
	const struct sl_pair *alias = sl_map_get_pair(rs, "AliasTarget");
	if (!alias || !present(alias->value, 0))
		return;
	const struct sl_node *type = sl_map_get(rs, "Type");
	const struct sl_node *name = sl_map_get(rs, "Name");
	const char *what = "alias record";
	if (sl_node_is(name, SL_SCALAR) && sl_node_is(type, SL_SCALAR))
		what = sl_arena_printf(c->arena, "alias record %s (%s)", name->str, type->str);
	else if (sl_node_is(name, SL_SCALAR))
		what = sl_arena_printf(c->arena, "alias record %s", name->str);
	const struct sl_pair *ttl = sl_map_get_pair(rs, "TTL");
	if (ttl && present(ttl->value, 0))
		sl_report(c, ttl->key, "%s has a TTL: Route 53 uses the TTL of the alias "
			  "target, and takes no TTL in an alias record set; remove TTL (or remove "
			  "AliasTarget and list the values in ResourceRecords)", what);
	const struct sl_pair *rr = sl_map_get_pair(rs, "ResourceRecords");
	if (rr && present(rr->value, 0))
		sl_report(c, rr->key, "%s has ResourceRecords: an alias record set "
			  "answers with the records of its AliasTarget and takes no ResourceRecords; "
			  "remove ResourceRecords, or remove AliasTarget", what);
}

static void check(struct sl_ctx *c)
{
	sl_r53_each_record_set(c, check_record_set);
}

const struct sl_rule rule_E3029 = {
	.id = "E3029",
	.severity = SL_SEV_ERROR,
	.title = "Route 53 alias records have no TTL and no ResourceRecords",
	.source = "https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html",
	.doc =
	"### What it checks\n"
	"A record set with `AliasTarget`, in an `AWS::Route53::RecordSet` or in `RecordSets` of an "
	"`AWS::Route53::RecordSetGroup`, sets neither `TTL` nor `ResourceRecords`. An `Fn::If` "
	"is followed branch by branch; a property that may resolve to `AWS::NoValue` is not taken "
	"as set.\n"
	"\n"
	"### Why it matters\n"
	"Route 53 takes an alias record set without TTL and ResourceRecords: it uses the TTL of "
	"the alias target and answers with the target's records (ResourceRecordSet). A change "
	"with both is rejected as invalid input, so the resource fails to create and the stack "
	"rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  ApiRecord:\n"
	"    Type: AWS::Route53::RecordSet\n"
	"    Properties:\n"
	"      HostedZoneId: Z1PA6795UKMFR9\n"
	"      Name: api.example.com\n"
	"      Type: A\n"
	"      TTL: 60\n"
	"      AliasTarget:\n"
	"        DNSName: !GetAtt Domain.RegionalDomainName\n"
	"        HostedZoneId: !GetAtt Domain.RegionalHostedZoneId\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  ApiRecord:\n"
	"    Type: AWS::Route53::RecordSet\n"
	"    Properties:\n"
	"      HostedZoneId: Z1PA6795UKMFR9\n"
	"      Name: api.example.com\n"
	"      Type: A\n"
	"      AliasTarget:\n"
	"        DNSName: !GetAtt Domain.RegionalDomainName\n"
	"        HostedZoneId: !GetAtt Domain.RegionalHostedZoneId\n"
	"```\n",
	.check = check,
};
