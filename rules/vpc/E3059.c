/* E3059: a subnet's IPv4 CIDR block lies inside a CIDR block of its VPC. */
#include <stdlib.h>

#include "rules/sam/samrules.h"

struct net {
	uint32_t addr, mask;
	unsigned prefix;
};

/* Parses a literal "a.b.c.d/n" (n 0 to 32). False for anything else. */
static bool parse(const struct sl_node *n, struct net *out)
{
	if (!sl_node_is(n, SL_SCALAR) || sl_node_is_null(n) || sl_node_intrinsic(n))
		return false;
	const char *s = n->str, *end = s + n->len;
	uint32_t addr = 0;
	for (int part = 0; part < 4; part++) {
		unsigned v = 0, digits = 0;
		while (s < end && *s >= '0' && *s <= '9' && digits < 4) {
			v = v * 10 + (unsigned)(*s++ - '0');
			digits++;
		}
		if (!digits || v > 255 || s >= end || *s++ != (part < 3 ? '.' : '/'))
			return false;
		addr = addr << 8 | v;
	}
	unsigned p = 0, digits = 0;
	while (s < end && *s >= '0' && *s <= '9' && digits < 3) {
		p = p * 10 + (unsigned)(*s++ - '0');
		digits++;
	}
	if (!digits || s != end || p > 32)
		return false;
	out->mask = p ? ~(uint32_t)0 << (32 - p) : 0;
	out->addr = addr & out->mask;
	out->prefix = p;
	return true;
}

static bool inside(const struct net *sub, const struct net *vpc)
{
	return sub->prefix >= vpc->prefix && (sub->addr & vpc->mask) == vpc->addr;
}

/* The VPC resource that n names ({"Ref": Vpc} or GetAtt Vpc.VpcId), as an index
 * into the resources, or -1. */
static long vpc_of(const struct sl_template *t, const struct sl_node *n)
{
	const struct sl_node *fn = sl_node_intrinsic(n);
	if (!fn)
		return -1;
	const struct sl_node *v = n->pairs[0].value, *name = NULL;
	if (sl_str_eq(fn, "Ref"))
		name = v;
	else if (sl_str_eq(fn, "Fn::GetAtt") && sl_node_is(v, SL_SEQ) && v->len == 2 &&
		 sl_str_eq(v->items[1], "VpcId"))
		name = v->items[0];
	if (!sl_node_is(name, SL_SCALAR))
		return -1;
	const struct sl_entity *e = sl_index_find(&t->resources, name->str, name->len);
	if (!e || !sl_samr_type_is(e, "AWS::EC2::VPC"))
		return -1;
	return (long)(e - t->resources.items);
}

struct extra {
	long vpc;
	struct net net;
};

static int by_vpc(const void *a, const void *b)
{
	const struct extra *x = a, *y = b;
	return (x->vpc > y->vpc) - (x->vpc < y->vpc);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const struct sl_index *rs = &t->resources;
	size_t nv = 0;
	for (size_t i = 0; i < rs->n; i++)
		nv += sl_samr_type_is(&rs->items[i], "AWS::EC2::VPC");
	if (!nv)
		return;
	/* per resource: the VPC's primary block; known[i] false when resource i is
	 * not a VPC or its blocks are not all literal */
	struct net *primary = calloc(rs->n, sizeof *primary);
	bool *known = calloc(rs->n, sizeof *known);
	struct extra *ex = malloc(rs->n * sizeof *ex);
	size_t nex = 0;
	if (!primary || !known || !ex)
		goto out;
	for (size_t i = 0; i < rs->n; i++) {
		const struct sl_entity *e = &rs->items[i];
		const struct sl_node *p = sl_samr_props(e);
		if (sl_samr_type_is(e, "AWS::EC2::VPC"))
			known[i] = !sl_map_get(p, "Ipv4IpamPoolId") &&
				   parse(sl_map_get(p, "CidrBlock"), &primary[i]);
	}
	for (size_t i = 0; i < rs->n; i++) {
		const struct sl_entity *e = &rs->items[i];
		if (!sl_samr_type_is(e, "AWS::EC2::VPCCidrBlock"))
			continue;
		const struct sl_node *p = sl_samr_props(e);
		long v = vpc_of(t, sl_map_get(p, "VpcId"));
		if (v < 0 || !known[v])
			continue;
		const struct sl_node *cidr = sl_map_get(p, "CidrBlock");
		if (parse(cidr, &ex[nex].net)) {
			ex[nex++].vpc = v;
		} else if (cidr || sl_map_get(p, "Ipv4IpamPoolId")) {
			known[v] = false; /* an IPv4 block we cannot read: the VPC is not judged */
		} /* else an IPv6 block only */
	}
	qsort(ex, nex, sizeof *ex, by_vpc);
	for (size_t i = 0; i < rs->n; i++) {
		const struct sl_entity *e = &rs->items[i];
		if (!sl_samr_type_is(e, "AWS::EC2::Subnet"))
			continue;
		const struct sl_node *p = sl_samr_props(e);
		long v = vpc_of(t, sl_map_get(p, "VpcId"));
		const struct sl_node *cidr = sl_map_get(p, "CidrBlock");
		struct net sn;
		if (v < 0 || !known[v] || !parse(cidr, &sn) || inside(&sn, &primary[v]))
			continue;
		/* the VPC's other blocks: the run of ex with this vpc */
		size_t lo = 0, hi = nex;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (ex[mid].vpc < v)
				lo = mid + 1;
			else
				hi = mid;
		}
		bool ok = false;
		for (size_t k = lo; k < nex && ex[k].vpc == v && !ok; k++)
			ok = inside(&sn, &ex[k].net);
		if (ok)
			continue;
		const struct sl_node *vc = sl_map_get(sl_samr_props(&rs->items[v]), "CidrBlock");
		sl_report(c, cidr, "subnet '%s' has CidrBlock %s, which is not inside VPC '%s' (%s%s): "
			  "a subnet's IPv4 block must be a part of one of its VPC's CIDR blocks, or EC2 "
			  "rejects the subnet; pick a block inside the VPC's range, or add one to the "
			  "VPC with AWS::EC2::VPCCidrBlock", e->key->str, cidr->str,
			  rs->items[v].key->str, vc->str, nex && lo < nex && ex[lo].vpc == v ?
			  " and its AWS::EC2::VPCCidrBlock blocks" : "");
	}
out:
	free(primary);
	free(known);
	free(ex);
}

const struct sl_rule rule_E3059 = {
	.id = "E3059",
	.severity = SL_SEV_ERROR,
	.title = "Subnet CIDR blocks lie inside their VPC's CIDR blocks",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-resource-ec2-subnet.html",
	.doc =
	"### What it checks\n"
	"An `AWS::EC2::Subnet` whose `VpcId` is a `Ref` (or `GetAtt ....VpcId`) to an "
	"`AWS::EC2::VPC` of the template, and whose `CidrBlock` is a literal IPv4 block: the "
	"block lies inside the VPC's literal `CidrBlock` or inside the literal `CidrBlock` of an "
	"`AWS::EC2::VPCCidrBlock` that adds a block to that VPC. A VPC whose IPv4 blocks are not "
	"all literal (a parameter, `Fn::Select` over `Fn::Cidr`, an IPAM pool) is not judged; "
	"IPv6 blocks are not judged.\n\n"
	"### Why it matters\n"
	"A subnet is a range of the VPC's addresses: its IPv4 CIDR block must be a subset of a "
	"CIDR block of the VPC. EC2 rejects a subnet outside every block of its VPC, and the "
	"stack rolls back. The usual cause is a VPC range changed without its subnets, or a "
	"subnet copied from another template.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Vpc:\n"
	"    Type: AWS::EC2::VPC\n"
	"    Properties:\n"
	"      CidrBlock: 10.0.0.0/16\n"
	"  Subnet:\n"
	"    Type: AWS::EC2::Subnet\n"
	"    Properties:\n"
	"      VpcId: !Ref Vpc\n"
	"      CidrBlock: 10.1.0.0/24\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Vpc:\n"
	"    Type: AWS::EC2::VPC\n"
	"    Properties:\n"
	"      CidrBlock: 10.0.0.0/16\n"
	"  Subnet:\n"
	"    Type: AWS::EC2::Subnet\n"
	"    Properties:\n"
	"      VpcId: !Ref Vpc\n"
	"      CidrBlock: 10.0.1.0/24\n"
	"```\n",
	.check = check,
};
