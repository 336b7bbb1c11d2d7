/* E3041: a record set's Name lies in its hosted zone (HostedZoneName). */
#include <stdbool.h>

#include "rules/route53/route53.h"

static char lower(char ch)
{
	return ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
}

/* True when n is a plain text we can compare as a domain name: a scalar, not
 * null, not empty, without escapes (\\ and \ddd octal codes are left alone). */
static bool domain(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !sl_node_is_null(n) && n->len &&
	       !memchr(n->str, '\\', n->len) && !sl_node_intrinsic(n);
}

/* True when name equals zone or ends in "." + zone: case-insensitive, a
 * trailing dot ignored on each (Route 53 treats both forms alike). */
static bool in_zone(const struct sl_node *name, const struct sl_node *zone)
{
	size_t ln = name->len, lz = zone->len;
	if (name->str[ln - 1] == '.')
		ln--;
	if (zone->str[lz - 1] == '.')
		lz--;
	if (lz == 0)
		return true; /* the root zone "." holds every name */
	if (ln < lz || (ln > lz && name->str[ln - lz - 1] != '.'))
		return false;
	for (size_t i = 0; i < lz; i++)
		if (lower(name->str[ln - lz + i]) != lower(zone->str[i]))
			return false;
	return true;
}

static void record_set(struct sl_ctx *c, const struct sl_node *rs, const struct sl_node *zone)
{
	const struct sl_node *name = sl_map_get(rs, "Name");
	if (!domain(zone) || !domain(name) || in_zone(name, zone))
		return;
	sl_report(c, name, "record name '%s' is not in hosted zone '%s': a record set's Name must "
		  "be the zone's name or a name below it (e.g. www.%s); fix the Name, or put the "
		  "record in the hosted zone it belongs to", name->str, zone->str, zone->str);
}

static void check(struct sl_ctx *c)
{
	sl_r53_each_record_set(c, record_set);
}

const struct sl_rule rule_E3041 = {
	.id = "E3041",
	.severity = SL_SEV_ERROR,
	.title = "Record set names lie in their hosted zone",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-resource-route53-recordset.html",
	.doc =
	"### What it checks\n"
	"In an `AWS::Route53::RecordSet`, and in each record set of an "
	"`AWS::Route53::RecordSetGroup`, a literal `Name` is the literal `HostedZoneName` (of "
	"the record set, else of the group) or a name below it: `www.example.com` and "
	"`example.com` are in zone `example.com.`, `www.example.org` is not. Names are compared "
	"without regard to case or a trailing dot. Record sets that give the zone by "
	"`HostedZoneId`, and names made with intrinsic functions, are not judged.\n\n"
	"### Why it matters\n"
	"A hosted zone holds the records of one domain and its subdomains. Route 53 refuses a "
	"change that puts a record for another domain into the zone, so the stack fails when it "
	"creates the record set. The usual cause is a copied record whose zone or name was not "
	"updated.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Record:\n"
	"    Type: AWS::Route53::RecordSet\n"
	"    Properties:\n"
	"      HostedZoneName: example.com.\n"
	"      Name: www.example.org\n"
	"      Type: CNAME\n"
	"      TTL: '300'\n"
	"      ResourceRecords: [web.example.net]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Record:\n"
	"    Type: AWS::Route53::RecordSet\n"
	"    Properties:\n"
	"      HostedZoneName: example.com.\n"
	"      Name: www.example.com\n"
	"      Type: CNAME\n"
	"      TTL: '300'\n"
	"      ResourceRecords: [web.example.net]\n"
	"```\n",
	.check = check,
};
