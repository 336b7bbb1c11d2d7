/*
 * The template questions the Lambda-in-a-VPC rules ask (see vpc.h): subnets,
 * route tables and routes, security group egress, and the ENI permissions of
 * an IAM role, each answered "unknown" when the template does not say.
 */
#include "rules/vpc/vpc.h"

#include <stdlib.h>
#include <string.h>

#include "rules/iam/iam.h"
#include "spec/managed.h"
#include "template/sam.h"

static bool type_is(const struct sl_entity *e, const char *type)
{
	return e && sl_str_eq(e->type, type);
}

static const struct sl_node *props(const struct sl_entity *e)
{
	const struct sl_node *p = sl_map_get(e->value, "Properties");
	return sl_node_is(p, SL_MAP) ? p : NULL;
}

bool sl_vpc_is_function(const struct sl_entity *e)
{
	return type_is(e, "AWS::Lambda::Function") || type_is(e, "AWS::Serverless::Function");
}

static size_t add_items(const struct sl_node **out, size_t n, size_t max, bool *known,
			const struct sl_node *list)
{
	if (!list)
		return n;
	if (!sl_node_is(list, SL_SEQ)) {
		*known = false;
		return n;
	}
	for (size_t i = 0; i < list->len && n < max; i++)
		out[n++] = list->items[i];
	if (list->len > max)
		*known = false;
	return n;
}

size_t sl_vpc_items(const struct sl_node **out, size_t max, bool *known, const struct sl_template *t,
		    const struct sl_entity *fn, const char *key)
{
	const char *path[] = { "VpcConfig", key, NULL };
	struct sl_sam_value v;
	sl_sam_lookup(&v, t, fn, path);
	*known = true;
	size_t n = 0;
	if (v.how == SL_SAM_LIST_CONCAT || v.how == SL_SAM_GLOBAL)
		n = add_items(out, n, max, known, v.global);
	if (v.how != SL_SAM_GLOBAL)
		n = add_items(out, n, max, known, v.local);
	return n;
}

const struct sl_entity *sl_vpc_target(const struct sl_template *t, const struct sl_node *item,
				      const char *type, const char *attr)
{
	const struct sl_node *k = sl_node_intrinsic(item);
	if (!k)
		return NULL;
	const struct sl_node *arg = item->pairs[0].value;
	const struct sl_node *name = NULL;
	if (sl_str_eq(k, "Ref"))
		name = arg;
	else if (attr && sl_str_eq(k, "Fn::GetAtt") && sl_node_is(arg, SL_SEQ) && arg->len == 2 &&
		 sl_str_eq(arg->items[1], attr))
		name = arg->items[0];
	if (!sl_node_is(name, SL_SCALAR))
		return NULL;
	const struct sl_entity *e = sl_index_find(&t->resources, name->str, name->len);
	return type_is(e, type) ? e : NULL;
}

/* Whether item names e: 1 yes, 0 no, -1 unknown (an intrinsic we do not follow). */
static int names(const struct sl_template *t, const struct sl_node *item, const struct sl_entity *e,
		 const char *attr)
{
	const struct sl_node *k = sl_node_intrinsic(item);
	if (!k)
		return 0; /* a literal ID: not one of the template's resources */
	if (!sl_str_eq(k, "Ref") && !sl_str_eq(k, "Fn::GetAtt"))
		return -1;
	const struct sl_entity *x = sl_vpc_target(t, item, e->type ? e->type->str : "", attr);
	if (x)
		return x == e;
	const struct sl_node *arg = item->pairs[0].value;
	if (sl_str_eq(k, "Ref") && sl_node_is(arg, SL_SCALAR) &&
	    !sl_index_find(&t->resources, arg->str, arg->len))
		return -1; /* a parameter: could be anything */
	return 0;
}

static bool has_condition(const struct sl_entity *e)
{
	return sl_map_get(e->value, "Condition") != NULL;
}

/* The route of one Route resource to 0.0.0.0/0, and its target key. */
static enum sl_vpc_route route_target(const struct sl_node **at, const struct sl_template *t,
				      const struct sl_node *p)
{
	static const char *const other[] = { "TransitGatewayId", "VpcPeeringConnectionId",
					     "NetworkInterfaceId", "VpcEndpointId", "CoreNetworkArn",
					     "LocalGatewayId", "CarrierGatewayId", NULL };
	const struct sl_pair *pr;
	if ((pr = sl_map_get_pair(p, "NatGatewayId")) || (pr = sl_map_get_pair(p, "InstanceId"))) {
		*at = pr->key;
		return SL_VPC_ROUTE_NAT;
	}
	if ((pr = sl_map_get_pair(p, "GatewayId"))) {
		*at = pr->key;
		if (sl_vpc_target(t, pr->value, "AWS::EC2::InternetGateway", NULL))
			return SL_VPC_ROUTE_IGW;
		if (sl_vpc_target(t, pr->value, "AWS::EC2::VPNGateway", NULL))
			return SL_VPC_ROUTE_OTHER;
		return SL_VPC_ROUTE_UNKNOWN;
	}
	for (const char *const *o = other; *o; o++)
		if ((pr = sl_map_get_pair(p, *o))) {
			*at = pr->key;
			return SL_VPC_ROUTE_OTHER;
		}
	return SL_VPC_ROUTE_UNKNOWN;
}

/* The default route of a route table of the template. */
static enum sl_vpc_route table_route(const struct sl_node **at, const struct sl_template *t,
				     const struct sl_entity *table)
{
	bool unknown = false;
	enum sl_vpc_route found = SL_VPC_ROUTE_NONE;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		const struct sl_node *p = props(e);
		if (type_is(e, "AWS::EC2::VPNGatewayRoutePropagation")) {
			const struct sl_node *ids = sl_map_get(p, "RouteTableIds");
			if (!sl_node_is(ids, SL_SEQ)) {
				unknown = true;
				continue;
			}
			for (size_t j = 0; j < ids->len; j++)
				if (names(t, ids->items[j], table, NULL))
					unknown = true; /* propagated routes may include 0.0.0.0/0 */
			continue;
		}
		if (!type_is(e, "AWS::EC2::Route"))
			continue;
		if (!p) {
			unknown = true;
			continue;
		}
		int n = names(t, sl_map_get(p, "RouteTableId"), table, NULL);
		if (n == 0)
			continue;
		const struct sl_node *dst = sl_map_get(p, "DestinationCidrBlock");
		if (dst && sl_node_intrinsic(dst)) {
			unknown = true;
			continue;
		}
		if (!sl_str_eq(dst, "0.0.0.0/0"))
			continue;
		if (n < 0 || has_condition(e)) {
			unknown = true;
			continue;
		}
		const struct sl_node *a = NULL;
		enum sl_vpc_route r = route_target(&a, t, p);
		if (r == SL_VPC_ROUTE_UNKNOWN) {
			unknown = true;
			continue;
		}
		if (found == SL_VPC_ROUTE_NONE) {
			found = r;
			*at = a;
		} else if (found != r) {
			unknown = true; /* two default routes: the template is wrong elsewhere */
		}
	}
	return unknown ? SL_VPC_ROUTE_UNKNOWN : found;
}

enum sl_vpc_route sl_vpc_default_route(const struct sl_node **at, const struct sl_template *t,
				       const struct sl_entity *subnet)
{
	const struct sl_node *dummy;
	if (!at)
		at = &dummy;
	*at = NULL;
	const struct sl_entity *table = NULL;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!type_is(e, "AWS::EC2::SubnetRouteTableAssociation"))
			continue;
		const struct sl_node *p = props(e);
		int n = names(t, sl_map_get(p, "SubnetId"), subnet, "SubnetId");
		if (n == 0)
			continue;
		if (n < 0 || has_condition(e) || table)
			return SL_VPC_ROUTE_UNKNOWN;
		table = sl_vpc_target(t, sl_map_get(p, "RouteTableId"), "AWS::EC2::RouteTable", NULL);
		if (!table)
			return SL_VPC_ROUTE_UNKNOWN; /* a table of another stack, a parameter */
	}
	if (!table)
		return SL_VPC_ROUTE_UNKNOWN; /* the VPC's main route table, which we do not see */
	return table_route(at, t, table);
}

const struct sl_node *sl_vpc_public_ip(const struct sl_entity *subnet)
{
	const struct sl_node *v = sl_map_get(props(subnet), "MapPublicIpOnLaunch");
	if (sl_scalar_bool(v) == 1 || sl_str_eq(v, "true") || sl_str_eq(v, "True"))
		return v;
	return NULL;
}

/* A scalar's integer value into *out; false when it is not one. */
static bool int_of(const struct sl_node *n, long *out)
{
	if (!sl_node_is(n, SL_SCALAR) || !n->len)
		return false;
	char *end;
	*out = strtol(n->str, &end, 10);
	return *end == '\0';
}

/* Whether one egress rule (a map) allows 443/tcp: 1, 0, or -1 unknown. */
static int rule_https(const struct sl_node *r)
{
	if (!sl_node_is(r, SL_MAP) || sl_node_intrinsic(r))
		return -1;
	const struct sl_node *proto = sl_map_get(r, "IpProtocol");
	if (!sl_node_is(proto, SL_SCALAR))
		return -1;
	if (sl_str_eq(proto, "-1") || sl_str_eq(proto, "all"))
		return 1;
	if (!sl_str_eq(proto, "tcp") && !sl_str_eq(proto, "TCP") && !sl_str_eq(proto, "6"))
		return 0;
	long from, to;
	if (!int_of(sl_map_get(r, "FromPort"), &from) || !int_of(sl_map_get(r, "ToPort"), &to))
		return -1;
	if (from == -1 || to == -1)
		return 1;
	return from <= 443 && 443 <= to;
}

int sl_vpc_sg_https(const struct sl_template *t, const struct sl_entity *sg)
{
	const struct sl_node *p = props(sg);
	const struct sl_pair *eg = sl_map_get_pair(p, "SecurityGroupEgress");
	if (!p && sl_map_get(sg->value, "Properties"))
		return -1;
	if (!eg)
		return 1; /* the default rule: all traffic to anywhere */
	if (!sl_node_is(eg->value, SL_SEQ))
		return -1;
	bool unknown = false;
	for (size_t i = 0; i < eg->value->len; i++) {
		int r = rule_https(eg->value->items[i]);
		if (r == 1)
			return 1;
		unknown = unknown || r < 0;
	}
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!type_is(e, "AWS::EC2::SecurityGroupEgress"))
			continue;
		const struct sl_node *ep = props(e);
		int n = names(t, sl_map_get(ep, "GroupId"), sg, "GroupId");
		if (n == 0)
			continue;
		int r = rule_https(ep);
		if (r == 1 && n == 1)
			return 1;
		if (r != 0)
			unknown = true;
	}
	return unknown ? -1 : 0;
}

const struct sl_node *sl_vpc_subnets_node(const struct sl_template *t, const struct sl_entity *fn)
{
	const char *path[] = { "VpcConfig", "SubnetIds", NULL };
	struct sl_sam_value v;
	sl_sam_lookup(&v, t, fn, path);
	const struct sl_node *n = v.local ? v.local : v.global;
	if (v.how == SL_SAM_ABSENT || !n)
		return NULL;
	if (v.how == SL_SAM_LIST_CONCAT) {
		if (sl_node_is(v.local, SL_SEQ) && v.local->len)
			n = v.local;
		else
			n = v.global;
	}
	if (sl_node_is(n, SL_SEQ)) {
		for (size_t i = 0; i < n->len; i++) {
			const struct sl_node *k = sl_node_intrinsic(n->items[i]);
			if (!k || sl_str_eq(k, "Ref") || sl_str_eq(k, "Fn::GetAtt") ||
			    sl_str_eq(k, "Fn::ImportValue") || sl_str_eq(k, "Fn::Select"))
				return n; /* one item that is a subnet whatever the conditions */
		}
		return NULL;
	}
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!sl_str_eq(k, "Ref") || !sl_node_is(n->pairs[0].value, SL_SCALAR))
		return NULL;
	const struct sl_node *arg = n->pairs[0].value;
	const struct sl_entity *prm = sl_index_find(&t->params, arg->str, arg->len);
	const struct sl_node *ty = prm ? sl_map_get(prm->value, "Type") : NULL;
	return sl_str_eq(ty, "List<AWS::EC2::Subnet::Id>") ? n : NULL;
}

/* ---- IAM: does a role grant the three ENI actions? ---- */

enum { CREATE = 1, DESCRIBE = 2, DELETE = 4, ALL = 7 };

static const char *const eni_actions[] = { "ec2:CreateNetworkInterface",
					   "ec2:DescribeNetworkInterfaces",
					   "ec2:DeleteNetworkInterface" };

/* IAM action matching (case-insensitive, '*' and '?'): iam_glob, linear in
 * the pattern times the name, however many '*' a template writes. */
static bool glob(const char *p, size_t pl, const char *s)
{
	return iam_glob(p, pl, s, strlen(s));
}

struct grant {
	unsigned bits;
	bool unknown;
};

static void action(struct grant *g, const struct sl_node *a)
{
	if (!sl_node_is(a, SL_SCALAR)) {
		g->unknown = true;
		return;
	}
	for (int i = 0; i < 3; i++)
		if (glob(a->str, a->len, eni_actions[i]))
			g->bits |= 1u << i;
}

static void statement(struct grant *g, const struct sl_node *s)
{
	if (!sl_node_is(s, SL_MAP) || sl_node_intrinsic(s)) {
		g->unknown = true;
		return;
	}
	const struct sl_node *eff = sl_map_get(s, "Effect");
	if (sl_str_eq(eff, "Deny"))
		return;
	if (!sl_str_eq(eff, "Allow") || sl_map_get(s, "NotAction")) {
		g->unknown = true;
		return;
	}
	const struct sl_node *a = sl_map_get(s, "Action");
	if (sl_node_is(a, SL_SEQ))
		for (size_t i = 0; i < a->len; i++)
			action(g, a->items[i]);
	else
		action(g, a);
}

static void document(struct grant *g, const struct sl_node *doc)
{
	const struct sl_node *st = sl_node_is(doc, SL_MAP) && !sl_node_intrinsic(doc)
		? sl_map_get(doc, "Statement") : NULL;
	if (sl_node_is(st, SL_SEQ))
		for (size_t i = 0; i < st->len; i++)
			statement(g, st->items[i]);
	else if (sl_node_is(st, SL_MAP) && !sl_node_intrinsic(st))
		statement(g, st);
	else
		g->unknown = true;
}

/* A managed policy ARN as text (a literal, or the template of an Fn::Sub when
 * sub): what the AWS managed policy it names allows of the ENI actions, by
 * its content (spec/managed.h); unknown for anything else (a customer managed
 * policy we cannot read, a variable, a policy the data does not know). */
static void managed_arn(struct grant *g, const char *s, size_t len, bool sub)
{
	size_t nl;
	const char *name = sl_managed_arn_name(s, len, sub, &nl);
	if (!name) {
		g->unknown = true;
		return;
	}
	for (int i = 0; i < 3; i++) {
		enum sl_managed_answer a = sl_managed_allows(name, nl, eni_actions[i]);
		if (a == SL_MANAGED_YES)
			g->bits |= 1u << i;
		else if (a == SL_MANAGED_UNKNOWN)
			g->unknown = true;
	}
}

static void managed(struct grant *g, const struct sl_template *t, const struct sl_node *item)
{
	if (sl_node_is(item, SL_SCALAR)) {
		managed_arn(g, item->str, item->len, false);
		return;
	}
	const struct sl_node *k = sl_node_intrinsic(item);
	const struct sl_node *arg = k ? item->pairs[0].value : NULL;
	if (sl_str_eq(k, "Fn::Sub") && sl_node_is(arg, SL_SEQ) && arg->len >= 1)
		arg = arg->items[0];
	if (sl_str_eq(k, "Fn::Sub") && sl_node_is(arg, SL_SCALAR)) {
		managed_arn(g, arg->str, arg->len, true);
		return;
	}
	const struct sl_entity *mp = sl_vpc_target(t, item, "AWS::IAM::ManagedPolicy", NULL);
	if (mp) {
		document(g, sl_map_get(props(mp), "PolicyDocument"));
		return;
	}
	g->unknown = true;
}

/* Whether a Roles list / RoleName names the role: 1, 0, -1 unknown. */
static int names_role(const struct sl_template *t, const struct sl_node *n, const struct sl_entity *role)
{
	if (sl_node_is(n, SL_SCALAR)) {
		const struct sl_node *rn = sl_map_get(props(role), "RoleName");
		return rn && sl_node_is(rn, SL_SCALAR) && rn->len == n->len &&
		       !memcmp(rn->str, n->str, n->len);
	}
	return names(t, n, role, NULL);
}

int sl_vpc_role_eni(const struct sl_template *t, const struct sl_entity *role)
{
	struct grant g = { 0, false };
	const struct sl_node *p = props(role);
	if (!p)
		return sl_map_get(role->value, "Properties") ? -1 : 0;
	const struct sl_node *mpa = sl_map_get(p, "ManagedPolicyArns");
	if (sl_node_is(mpa, SL_SEQ))
		for (size_t i = 0; i < mpa->len; i++)
			managed(&g, t, mpa->items[i]);
	else if (mpa)
		g.unknown = true;
	const struct sl_node *pol = sl_map_get(p, "Policies");
	if (sl_node_is(pol, SL_SEQ)) {
		for (size_t i = 0; i < pol->len; i++) {
			const struct sl_node *it = pol->items[i];
			if (sl_node_is(it, SL_MAP) && !sl_node_intrinsic(it))
				document(&g, sl_map_get(it, "PolicyDocument"));
			else
				g.unknown = true;
		}
	} else if (pol) {
		g.unknown = true;
	}
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		bool rp = type_is(e, "AWS::IAM::RolePolicy");
		if (!rp && !type_is(e, "AWS::IAM::Policy") && !type_is(e, "AWS::IAM::ManagedPolicy"))
			continue;
		const struct sl_node *ep = props(e);
		int n = 0;
		if (rp) {
			n = names_role(t, sl_map_get(ep, "RoleName"), role);
		} else {
			const struct sl_node *roles = sl_map_get(ep, "Roles");
			if (roles && !sl_node_is(roles, SL_SEQ))
				n = -1;
			for (size_t j = 0; roles && n != 1 && j < roles->len && roles->kind == SL_SEQ; j++) {
				int r = names_role(t, roles->items[j], role);
				n = r == 1 ? 1 : (r < 0 ? -1 : n);
			}
		}
		if (n == 0)
			continue;
		struct grant h = { 0, false };
		document(&h, sl_map_get(ep, "PolicyDocument"));
		if (n == 1 && !has_condition(e))
			g.bits |= h.bits;
		else if (h.bits || h.unknown)
			g.unknown = true;
		g.unknown = g.unknown || h.unknown;
	}
	if (g.bits == ALL)
		return 1;
	return g.unknown ? -1 : 0;
}

static void each_rule(struct sl_ctx *c, const struct sl_node *r,
		      void (*fn)(struct sl_ctx *, const struct sl_node *, void *), void *ud)
{
	const struct sl_node *a, *b;
	if (sl_node_if(r, &a, &b)) {
		each_rule(c, a, fn, ud);
		each_rule(c, b, fn, ud);
		return;
	}
	if (sl_node_is(r, SL_MAP) && !sl_node_intrinsic(r))
		fn(c, r, ud);
}

static void each_listed_rule(struct sl_ctx *c, const struct sl_node *list,
			     void (*fn)(struct sl_ctx *, const struct sl_node *, void *), void *ud)
{
	if (!sl_node_is(list, SL_SEQ))
		return;
	for (size_t i = 0; i < list->len; i++)
		each_rule(c, list->items[i], fn, ud);
}

void sl_vpc_each_sg_rule(struct sl_ctx *c,
			 void (*fn)(struct sl_ctx *c, const struct sl_node *rule, void *ud), void *ud)
{
	const struct sl_index *rs = &c->t->resources;
	for (size_t i = 0; i < rs->n; i++) {
		const struct sl_entity *e = &rs->items[i];
		const struct sl_node *p = props(e);
		if (!sl_node_is(p, SL_MAP) || sl_node_intrinsic(p))
			continue;
		if (type_is(e, "AWS::EC2::SecurityGroup")) {
			each_listed_rule(c, sl_map_get(p, "SecurityGroupIngress"), fn, ud);
			each_listed_rule(c, sl_map_get(p, "SecurityGroupEgress"), fn, ud);
		} else if (type_is(e, "AWS::EC2::SecurityGroupIngress") ||
			   type_is(e, "AWS::EC2::SecurityGroupEgress")) {
			fn(c, p, ud);
		}
	}
}
