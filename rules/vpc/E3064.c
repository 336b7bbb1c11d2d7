/* E3064: at most one interface VPC endpoint per service and VPC turns on
 * private DNS. */
#include <stdlib.h>
#include <string.h>

#include "rules/sam/samrules.h"
#include "util/arena.h"

struct ep {
	const char *key;              /* "<vpc>\n<service>\n<condition>" in the arena */
	const struct sl_entity *e;
	const struct sl_node *dns;    /* the PrivateDnsEnabled value */
};

/* A comparable text for a value that names the same thing wherever it is
 * written: a literal, a Ref, a GetAtt, a Sub string; NULL for anything else. */
static const char *key_of(struct sl_ctx *c, const struct sl_node *n)
{
	if (sl_node_is(n, SL_SCALAR) && !sl_node_is_null(n))
		return sl_arena_printf(c->arena, "S:%s", n->str);
	const struct sl_node *fn = sl_node_intrinsic(n);
	if (!fn)
		return NULL;
	const struct sl_node *v = n->pairs[0].value;
	if (sl_str_eq(fn, "Ref") && sl_node_is(v, SL_SCALAR))
		return sl_arena_printf(c->arena, "R:%s", v->str);
	if (sl_str_eq(fn, "Fn::GetAtt") && sl_node_is(v, SL_SEQ) && v->len == 2 &&
	    sl_node_is(v->items[0], SL_SCALAR) && sl_node_is(v->items[1], SL_SCALAR))
		return sl_arena_printf(c->arena, "G:%s.%s", v->items[0]->str, v->items[1]->str);
	if (sl_str_eq(fn, "Fn::Sub") && sl_node_is(v, SL_SCALAR))
		return sl_arena_printf(c->arena, "U:%s", v->str);
	return NULL;
}

static bool literal_true(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && (sl_scalar_bool(n) == 1 || sl_str_eq(n, "true") ||
					    sl_str_eq(n, "True"));
}

static int by_key(const void *a, const void *b)
{
	const struct ep *x = a, *y = b;
	int d = strcmp(x->key, y->key);
	if (d)
		return d;
	/* source order within a key */
	return (x->e->key->start > y->e->key->start) -
	       (x->e->key->start < y->e->key->start);
}

static void check(struct sl_ctx *c)
{
	const struct sl_index *rs = &c->t->resources;
	struct ep *v = NULL;
	size_t n = 0;
	for (size_t i = 0; i < rs->n; i++) {
		const struct sl_entity *e = &rs->items[i];
		if (!sl_samr_type_is(e, "AWS::EC2::VPCEndpoint"))
			continue;
		const struct sl_node *p = sl_samr_props(e);
		const struct sl_node *dns = sl_map_get(p, "PrivateDnsEnabled");
		if (!sl_str_eq(sl_map_get(p, "VpcEndpointType"), "Interface") || !literal_true(dns))
			continue;
		const char *vpc = key_of(c, sl_map_get(p, "VpcId"));
		const char *svc = key_of(c, sl_map_get(p, "ServiceName"));
		if (!vpc || !svc)
			continue;
		if (!v && !(v = malloc(rs->n * sizeof *v)))
			return;
		/* the Condition is part of the key: endpoints are compared only when both
		 * exist together (no Condition on either, or the same one) */
		const struct sl_node *cond = sl_map_get(e->value, "Condition");
		if (cond && (!sl_node_is(cond, SL_SCALAR) || sl_node_is_null(cond)))
			continue;
		v[n].key = sl_arena_printf(c->arena, "%s\n%s\n%s", vpc, svc, cond ? cond->str : "");
		if (!v[n].key)
			break;
		v[n].e = e;
		v[n].dns = dns;
		n++;
	}
	if (n > 1)
		qsort(v, n, sizeof *v, by_key);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (strcmp(v[i].key, v[first].key) != 0) {
			first = i;
			continue;
		}
		const struct sl_node *svc = sl_map_get(sl_samr_props(v[i].e), "ServiceName");
		const struct sl_node *sub = sl_map_get(svc, "Fn::Sub");
		if (sl_node_is(sub, SL_SCALAR))
			svc = sub;
		sl_report(c, v[i].dns, "interface VPC endpoint '%s' turns on private DNS for service "
			  "%s in the same VPC as endpoint '%s', which already does: only one interface "
			  "endpoint per service and VPC can have PrivateDnsEnabled, the second fails on "
			  "the conflicting private DNS domain; set PrivateDnsEnabled: false here, or use "
			  "a single endpoint", v[i].e->key->str,
			  sl_node_is(svc, SL_SCALAR) ? svc->str : "(the same one)", v[first].e->key->str);
	}
	free(v);
}

const struct sl_rule rule_E3064 = {
	.id = "E3064",
	.severity = SL_SEV_ERROR,
	.title = "One interface VPC endpoint per service and VPC enables private DNS",
	.source = "https://docs.aws.amazon.com/vpc/latest/privatelink/manage-dns-names.html",
	.doc =
	"### What it checks\n"
	"`AWS::EC2::VPCEndpoint` resources with `VpcEndpointType: Interface` and "
	"`PrivateDnsEnabled: true` that name the same `VpcId` and the same `ServiceName` (the "
	"same literal, `Ref`, `GetAtt` or `Fn::Sub` text): every such endpoint after the first "
	"is reported on its `PrivateDnsEnabled`. Endpoints are compared only when both exist "
	"together: neither has a `Condition`, or both have the same one. Values given any other "
	"way (an `Fn::If`, an import) are not judged.\n\n"
	"### Why it matters\n"
	"With private DNS, an interface endpoint makes the service's default DNS name resolve "
	"to the endpoint's addresses inside the VPC, through a private hosted zone that the "
	"endpoint owns. A VPC can hold only one such zone per service, so a second endpoint for "
	"the same service with private DNS turned on fails to create because of the conflicting "
	"domain, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  SsmEndpointA:\n"
	"    Type: AWS::EC2::VPCEndpoint\n"
	"    Properties:\n"
	"      VpcEndpointType: Interface\n"
	"      PrivateDnsEnabled: true\n"
	"      VpcId: !Ref Vpc\n"
	"      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n"
	"      SubnetIds: [!Ref SubnetA]\n"
	"  SsmEndpointB:\n"
	"    Type: AWS::EC2::VPCEndpoint\n"
	"    Properties:\n"
	"      VpcEndpointType: Interface\n"
	"      PrivateDnsEnabled: true\n"
	"      VpcId: !Ref Vpc\n"
	"      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n"
	"      SubnetIds: [!Ref SubnetB]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  SsmEndpoint:\n"
	"    Type: AWS::EC2::VPCEndpoint\n"
	"    Properties:\n"
	"      VpcEndpointType: Interface\n"
	"      PrivateDnsEnabled: true\n"
	"      VpcId: !Ref Vpc\n"
	"      ServiceName: !Sub com.amazonaws.${AWS::Region}.ssm\n"
	"      SubnetIds: [!Ref SubnetA, !Ref SubnetB]\n"
	"```\n",
	.check = check,
};
