/* E3060: the subnets of one VPC have IPv4 CIDR blocks that do not overlap.
 *
 * The EC2 API reference (CreateSubnet) says a subnet CIDR block must not overlap
 * the CIDR block of an existing subnet in the VPC. AWS::EC2::Subnet resources whose VpcId is the
 * same Ref, or the same literal ID, and whose CidrBlock is a literal IPv4 CIDR
 * are sorted by start address per VPC and swept once (O(n log n)); a subnet
 * whose block starts inside an earlier one is reported at its CidrBlock. Subnets
 * with a Condition, and VpcId or CidrBlock written with another function
 * (Fn::Cidr, GetAtt, Fn::If, an import), are left alone. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"

struct subnet {
	const struct sl_entity *e;
	const struct sl_node *cidr;
	const char *vpc; /* "r:Name" for a Ref, "l:vpc-..." for a literal */
	uint64_t start, end;
	size_t order;
};

/* Parses a.b.c.d/n (n 0-32) into [start, end]. */
static bool parse_cidr(const char *s, uint64_t *start, uint64_t *end)
{
	unsigned v[5];
	char tail;
	if (sscanf(s, "%3u.%3u.%3u.%3u/%2u%c", &v[0], &v[1], &v[2], &v[3], &v[4], &tail) != 5)
		return false;
	for (int i = 0; i < 4; i++)
		if (v[i] > 255)
			return false;
	if (v[4] > 32)
		return false;
	uint64_t ip = ((uint64_t)v[0] << 24) | (v[1] << 16) | (v[2] << 8) | v[3];
	uint64_t size = (uint64_t)1 << (32 - v[4]);
	*start = ip & ~(size - 1);
	*end = *start + size - 1;
	return true;
}

static int cmp(const void *pa, const void *pb)
{
	const struct subnet *a = pa, *b = pb;
	int c = strcmp(a->vpc, b->vpc);
	if (c)
		return c;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* The VPC key of v, or NULL when it is not a Ref or a literal. */
static const char *vpc_key(struct sl_ctx *c, const struct sl_node *v)
{
	const struct sl_node *k = sl_node_intrinsic(v);
	if (k) {
		if (!sl_str_eq(k, "Ref") || !sl_node_is(v->pairs[0].value, SL_SCALAR))
			return NULL;
		return sl_arena_printf(c->arena, "r:%s", v->pairs[0].value->str);
	}
	if (!sl_node_is(v, SL_SCALAR) || sl_node_is_null(v) || v->len == 0 ||
	    strstr(v->str, "{{resolve:"))
		return NULL;
	return sl_arena_printf(c->arena, "l:%s", v->str);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	static const char type[] = "AWS::EC2::Subnet";
	const uint32_t *ix;
	size_t n = sl_template_of_type(t, type, sizeof(type) - 1, &ix);
	if (n < 2)
		return;
	struct subnet *s = sl_arena_alloc(c->arena, n * sizeof(*s));
	if (!s) {
		c->oom = true;
		return;
	}
	size_t m = 0;
	for (size_t k = 0; k < n; k++) {
		const struct sl_entity *e = &t->resources.items[ix[k]];
		if (sl_map_get(e->value, "Condition"))
			continue;
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
			continue;
		const struct sl_node *cidr = sl_map_get(props, "CidrBlock");
		if (!sl_node_is(cidr, SL_SCALAR) || sl_node_is_null(cidr))
			continue;
		const char *vpc = vpc_key(c, sl_map_get(props, "VpcId"));
		struct subnet x = { .e = e, .cidr = cidr, .vpc = vpc, .order = ix[k] };
		if (!vpc || !parse_cidr(cidr->str, &x.start, &x.end))
			continue;
		s[m++] = x;
	}
	qsort(s, m, sizeof(*s), cmp);
	size_t widest = 0; /* the subnet reaching furthest so far in this VPC */
	for (size_t i = 0; i < m; i++) {
		if (i == 0 || strcmp(s[i].vpc, s[i - 1].vpc) != 0) {
			widest = i;
			continue;
		}
		const struct subnet *w = &s[widest];
		if (s[i].start <= w->end) {
			const char *vpc = s[i].vpc;
			sl_report(c, s[i].cidr, "subnet %s has CIDR block %s, which overlaps %s (%s) of "
				  "subnet %s in the same VPC (%s%s): the subnets of a VPC cannot have "
				  "overlapping CIDR blocks, and EC2 rejects the subnet; give it a block of "
				  "its own", s[i].e->key->str, s[i].cidr->str, w->cidr->str,
				  w->start == s[i].start && w->end == s[i].end ? "the same block" : "in part",
				  w->e->key->str, vpc[0] == 'r' ? "Ref " : "", vpc + 2);
		}
		if (s[i].end > w->end)
			widest = i;
	}
}

const struct sl_rule rule_E3060 = {
	.id = "E3060",
	.severity = SL_SEV_ERROR,
	.title = "Subnets of one VPC have CIDR blocks that do not overlap",
	.source = "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSubnet.html",
	.doc =
	"### What it checks\n"
	"`AWS::EC2::Subnet` resources with the same `VpcId` (the same `Ref`, or the same "
	"literal ID) have literal IPv4 `CidrBlock` values that do not overlap. Subnets with a "
	"`Condition`, and `VpcId` or `CidrBlock` values written with another function "
	"(`Fn::Cidr`, `Fn::GetAtt`, `Fn::If`, `Fn::ImportValue`), are not judged. A subnet whose "
	"block starts inside the block of another is reported at its `CidrBlock`.\n"
	"\n"
	"### Why it matters\n"
	"A subnet CIDR block must not overlap the block of another subnet in the VPC: EC2 rejects the second subnet "
	"(`InvalidSubnet.Conflict`), and the stack rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  PublicA:\n"
	"    Type: AWS::EC2::Subnet\n"
	"    Properties:\n"
	"      VpcId: !Ref Vpc\n"
	"      CidrBlock: 10.0.0.0/23\n"
	"  PublicB:\n"
	"    Type: AWS::EC2::Subnet\n"
	"    Properties:\n"
	"      VpcId: !Ref Vpc\n"
	"      CidrBlock: 10.0.1.0/24\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  PublicB:\n"
	"    Type: AWS::EC2::Subnet\n"
	"    Properties:\n"
	"      VpcId: !Ref Vpc\n"
	"      CidrBlock: 10.0.2.0/24\n"
	"```\n",
	.check = check,
};
