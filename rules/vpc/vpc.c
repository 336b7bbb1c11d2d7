/*
 * The template questions the Lambda-in-a-VPC rules ask (see vpc.h): subnets,
 * route tables and routes, security group egress, and the ENI permissions of
 * an IAM role, each answered "unknown" when the template does not say.
 */
#include "rules/vpc/vpc.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/iam/iam.h"
#include "rules/sam/samrules.h"
#include "spec/managed.h"
#include "template/sam.h"

static bool type_is(const struct sl_entity *e, const char *type)
{
	return e && sl_str_eq(e->type, type);
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

/* ---- the network of the template, read once (struct sl_vpc_net) ---- */

enum { NONE_LINK = -2, WILD_LINK = -1 };

/* The resource an item names, as names() judges it for every target at
 * once: its index in t->resources (it names that resource when the resource's
 * Type reads as itself, names no other), WILD_LINK (it may name any: an
 * intrinsic we do not follow, a parameter) or NONE_LINK (it names none). */
static long link_of(const struct sl_template *t, const struct sl_node *item, const char *attr)
{
	const struct sl_node *k = sl_node_intrinsic(item);
	if (!k)
		return NONE_LINK; /* a literal ID: not one of the template's resources */
	if (!sl_str_eq(k, "Ref") && !sl_str_eq(k, "Fn::GetAtt"))
		return WILD_LINK;
	const struct sl_node *arg = item->pairs[0].value;
	const struct sl_node *name = NULL;
	if (sl_str_eq(k, "Ref"))
		name = arg;
	else if (attr && sl_node_is(arg, SL_SEQ) && arg->len == 2 && sl_str_eq(arg->items[1], attr))
		name = arg->items[0];
	if (!sl_node_is(name, SL_SCALAR))
		return NONE_LINK;
	const struct sl_entity *e = sl_index_find(&t->resources, name->str, name->len);
	if (e)
		return (long)(e - t->resources.items);
	return sl_str_eq(k, "Ref") ? WILD_LINK : NONE_LINK; /* a parameter: could be anything */
}

/* Whether a target can be named at all: names() compares a resource's Type
 * with the target's own. */
static bool self_typed(const struct sl_entity *e)
{
	return e->type && type_is(e, e->type->str);
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

const struct sl_node *sl_vpc_public_ip(const struct sl_entity *subnet)
{
	const struct sl_node *v = sl_map_get(sl_samr_props(subnet), "MapPublicIpOnLaunch");
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

enum net_kind { ASSOC, ROUTE, PROPAGATION, EGRESS };

struct net_link {
	unsigned kind;
	size_t to, from; /* resource indexes: the named one, the naming one */
};

struct sl_vpc_net {
	const struct sl_template *t;
	struct net_link *links; /* sorted by kind, to, from */
	size_t n_links, cap_links;
	bool assoc_wild;   /* an association that may be of any subnet */
	bool route_wild;   /* a route or propagation that may be of any table, and matters */
	bool egress_wild;  /* an egress resource that may be of any group, and matters */
	struct table_memo {
		bool done;
		enum sl_vpc_route route;
		const struct sl_node *at;
	} *tables;
	signed char *https; /* per group: the answer, or 2 */
};

static int net_cmp(const void *a, const void *b)
{
	const struct net_link *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	if (x->to != y->to)
		return x->to < y->to ? -1 : 1;
	return x->from < y->from ? -1 : x->from > y->from;
}

static bool net_add(struct sl_vpc_net *v, unsigned kind, long to, size_t from)
{
	if (v->n_links == v->cap_links) {
		size_t cap = v->cap_links ? 2 * v->cap_links : 16;
		struct net_link *l = realloc(v->links, cap * sizeof(*l));
		if (!l)
			return false;
		v->links = l;
		v->cap_links = cap;
	}
	v->links[v->n_links++] = (struct net_link){ kind, (size_t)to, from };
	return true;
}

/* The links of this kind to resource `to`: *n gets their count. */
static const struct net_link *net_find(const struct sl_vpc_net *v, unsigned kind, size_t to,
				       size_t *n)
{
	struct net_link key = { kind, to, 0 };
	size_t lo = 0, hi = v->n_links;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (net_cmp(&v->links[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < v->n_links && v->links[end].kind == kind && v->links[end].to == to)
		end++;
	*n = end - lo;
	return v->links ? v->links + lo : NULL; /* no links: NULL, not NULL + 0 */
}

/* One resource of the network: what it names, and the wild ones that matter
 * for every target (as table_route, sl_vpc_default_route and sl_vpc_sg_https
 * read them resource by resource). False when memory runs out. */
static bool net_read(struct sl_vpc_net *v, size_t i)
{
	const struct sl_template *t = v->t;
	const struct sl_entity *e = &t->resources.items[i];
	const struct sl_node *p = sl_samr_props(e);
	long to;
	if (type_is(e, "AWS::EC2::SubnetRouteTableAssociation")) {
		to = link_of(t, sl_map_get(p, "SubnetId"), "SubnetId");
		v->assoc_wild = v->assoc_wild || to == WILD_LINK;
		return to < 0 || net_add(v, ASSOC, to, i);
	}
	if (type_is(e, "AWS::EC2::VPNGatewayRoutePropagation")) {
		const struct sl_node *ids = sl_map_get(p, "RouteTableIds");
		if (!sl_node_is(ids, SL_SEQ)) {
			v->route_wild = true;
			return true;
		}
		for (size_t j = 0; j < ids->len; j++) {
			to = link_of(t, ids->items[j], NULL);
			v->route_wild = v->route_wild || to == WILD_LINK;
			if (to >= 0 && !net_add(v, PROPAGATION, to, i))
				return false;
		}
		return true;
	}
	if (type_is(e, "AWS::EC2::Route")) {
		if (!p) {
			v->route_wild = true;
			return true;
		}
		to = link_of(t, sl_map_get(p, "RouteTableId"), NULL);
		if (to == WILD_LINK) {
			/* a route of any table: unknown unless it is not a default route */
			const struct sl_node *dst = sl_map_get(p, "DestinationCidrBlock");
			if ((dst && sl_node_intrinsic(dst)) || sl_str_eq(dst, "0.0.0.0/0"))
				v->route_wild = true;
		}
		return to < 0 || net_add(v, ROUTE, to, i);
	}
	if (type_is(e, "AWS::EC2::SecurityGroupEgress")) {
		to = link_of(t, sl_map_get(p, "GroupId"), "GroupId");
		if (to == WILD_LINK && rule_https(p) != 0)
			v->egress_wild = true;
		return to < 0 || net_add(v, EGRESS, to, i);
	}
	return true;
}

struct sl_vpc_net *sl_vpc_net_new(const struct sl_template *t)
{
	struct sl_vpc_net *v = calloc(1, sizeof(*v));
	if (!v)
		return NULL;
	v->t = t;
	v->tables = calloc(t->resources.n + 1, sizeof(*v->tables));
	v->https = malloc(t->resources.n + 1);
	bool ok = v->tables && v->https;
	if (ok)
		memset(v->https, 2, t->resources.n + 1);
	struct sl_samr_types w; /* the types net_read reads, in source order */
	sl_samr_types_init(&w, t, "AWS::EC2::SubnetRouteTableAssociation",
			   "AWS::EC2::VPNGatewayRoutePropagation", "AWS::EC2::Route",
			   "AWS::EC2::SecurityGroupEgress");
	for (const struct sl_entity *e; ok && (e = sl_samr_types_next(&w));)
		ok = net_read(v, (size_t)(e - t->resources.items));
	if (!ok) {
		sl_vpc_net_free(v);
		return NULL;
	}
	if (v->n_links)
		qsort(v->links, v->n_links, sizeof(*v->links), net_cmp);
	return v;
}

void sl_vpc_net_free(struct sl_vpc_net *v)
{
	if (!v)
		return;
	free(v->links);
	free(v->tables);
	free(v->https);
	free(v);
}

/* The default route of a route table of the template: its routes in source
 * order, then whatever may be of any table. */
static enum sl_vpc_route table_route(const struct sl_node **at, struct sl_vpc_net *v,
				     const struct sl_entity *table)
{
	const struct sl_template *t = v->t;
	size_t idx = (size_t)(table - t->resources.items);
	struct table_memo *m = &v->tables[idx];
	if (m->done) {
		*at = m->at;
		return m->route;
	}
	bool unknown = v->route_wild;
	enum sl_vpc_route found = SL_VPC_ROUTE_NONE;
	size_t n = 0;
	const struct net_link *l = NULL;
	if (self_typed(table)) {
		net_find(v, PROPAGATION, idx, &n);
		unknown = unknown || n; /* propagated routes may include 0.0.0.0/0 */
		l = net_find(v, ROUTE, idx, &n);
	}
	for (size_t i = 0; i < n; i++) {
		const struct sl_entity *e = &t->resources.items[l[i].from];
		const struct sl_node *p = sl_samr_props(e);
		const struct sl_node *dst = sl_map_get(p, "DestinationCidrBlock");
		if (dst && sl_node_intrinsic(dst)) {
			unknown = true;
			continue;
		}
		if (!sl_str_eq(dst, "0.0.0.0/0"))
			continue;
		if (has_condition(e)) {
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
	m->done = true;
	m->at = *at;
	m->route = unknown ? SL_VPC_ROUTE_UNKNOWN : found;
	return m->route;
}

enum sl_vpc_route sl_vpc_net_route(const struct sl_node **at, struct sl_vpc_net *v,
				   const struct sl_entity *subnet)
{
	const struct sl_template *t = v->t;
	const struct sl_node *dummy;
	if (!at)
		at = &dummy;
	*at = NULL;
	size_t n = 0;
	const struct net_link *l = NULL;
	if (self_typed(subnet))
		l = net_find(v, ASSOC, (size_t)(subnet - t->resources.items), &n);
	if (v->assoc_wild || n != 1)
		return SL_VPC_ROUTE_UNKNOWN; /* none: the VPC's main route table, not seen here */
	const struct sl_entity *e = &t->resources.items[l->from];
	if (has_condition(e))
		return SL_VPC_ROUTE_UNKNOWN;
	const struct sl_node *id = sl_map_get(sl_samr_props(e), "RouteTableId");
	const struct sl_entity *table = sl_vpc_target(t, id, "AWS::EC2::RouteTable", NULL);
	if (!table)
		return SL_VPC_ROUTE_UNKNOWN; /* a table of another stack, a parameter */
	return table_route(at, v, table);
}

/* A group's SecurityGroupEgress list (a literal list), then its
 * AWS::EC2::SecurityGroupEgress resources and those that may be of any group. */
static int egress_https(struct sl_vpc_net *v, const struct sl_node *list,
			const struct sl_entity *sg, size_t idx)
{
	bool unknown = false;
	for (size_t i = 0; i < list->len; i++) {
		int r = rule_https(list->items[i]);
		if (r == 1)
			return 1;
		unknown = unknown || r < 0;
	}
	size_t n = 0;
	const struct net_link *l = NULL;
	if (self_typed(sg))
		l = net_find(v, EGRESS, idx, &n);
	for (size_t i = 0; i < n; i++) {
		int r = rule_https(sl_samr_props(&v->t->resources.items[l[i].from]));
		if (r == 1)
			return 1;
		unknown = unknown || r != 0;
	}
	return unknown || v->egress_wild ? -1 : 0;
}

int sl_vpc_net_https(struct sl_vpc_net *v, const struct sl_entity *sg)
{
	const struct sl_template *t = v->t;
	size_t idx = (size_t)(sg - t->resources.items);
	if (v->https[idx] != 2)
		return v->https[idx];
	const struct sl_node *p = sl_samr_props(sg);
	const struct sl_pair *eg = sl_map_get_pair(p, "SecurityGroupEgress");
	int answer = 0;
	if (!p && sl_map_get(sg->value, "Properties"))
		answer = -1;
	else if (!eg)
		answer = 1; /* the default rule: all traffic to anywhere */
	else if (!sl_node_is(eg->value, SL_SEQ))
		answer = -1;
	else
		answer = egress_https(v, eg->value, sg, idx);
	v->https[idx] = (signed char)answer;
	return answer;
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
		document(g, sl_map_get(sl_samr_props(mp), "PolicyDocument"));
		return;
	}
	g->unknown = true;
}

/* What the template's AWS::IAM::Policy, ManagedPolicy and RolePolicy resources
 * grant, read once: each policy's document, and the roles it names, found
 * through sorted links (a Ref to a resource, a RoleName text); policies naming
 * a role we cannot know ("wild") count for every role. */
struct eni_policy {
	struct grant h;
	bool cond, wild;
	size_t stamp; /* the last query that counted it */
};

struct eni_link {
	bool by_name;     /* a RoleName text (name, len), else a Ref to resource `res` */
	const char *name;
	size_t len, res, pol;
};

struct sl_vpc_eni {
	const struct sl_template *t;
	struct eni_policy *pol;
	size_t n_pol;
	struct eni_link *links;
	size_t n_links, cap_links;
	size_t hot_wild; /* wild policies that grant or cannot be read */
	size_t stamp;
	signed char *memo; /* per resource: the answer, or 2 */
};

static int link_cmp(const void *a, const void *b)
{
	const struct eni_link *x = a, *y = b;
	if (x->by_name != y->by_name)
		return x->by_name ? 1 : -1;
	if (!x->by_name)
		return x->res < y->res ? -1 : x->res > y->res;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->name, y->name, x->len);
}

static bool add_link(struct sl_vpc_eni *v, const char *name, size_t len, size_t res)
{
	if (v->n_links == v->cap_links) {
		size_t cap = v->cap_links ? 2 * v->cap_links : 16;
		struct eni_link *l = realloc(v->links, cap * sizeof(*l));
		if (!l)
			return false;
		v->links = l;
		v->cap_links = cap;
	}
	v->links[v->n_links++] = (struct eni_link){ name != NULL, name, len, res, v->n_pol };
	return true;
}

/* One Roles item or RoleName of the policy being read, as names_role() would
 * judge it for each role: a text, a Ref to a resource, or unknown (wild). */
static bool role_item(struct sl_vpc_eni *v, struct eni_policy *p, const struct sl_node *n)
{
	if (sl_node_is(n, SL_SCALAR))
		return add_link(v, n->str ? n->str : "", n->len, 0);
	long to = link_of(v->t, n, NULL);
	p->wild = p->wild || to == WILD_LINK;
	return to < 0 || add_link(v, NULL, 0, (size_t)to);
}

struct sl_vpc_eni *sl_vpc_eni_new(const struct sl_template *t)
{
	struct sl_vpc_eni *v = calloc(1, sizeof(*v));
	if (!v)
		return NULL;
	v->t = t;
	v->pol = calloc(t->resources.n + 1, sizeof(*v->pol));
	v->memo = malloc(t->resources.n + 1);
	bool ok = v->pol && v->memo;
	if (ok)
		memset(v->memo, 2, t->resources.n + 1);
	struct sl_samr_types w; /* the policies, in source order */
	sl_samr_types_init(&w, t, "AWS::IAM::RolePolicy", "AWS::IAM::Policy",
			   "AWS::IAM::ManagedPolicy");
	for (const struct sl_entity *e; ok && (e = sl_samr_types_next(&w));) {
		bool rp = type_is(e, "AWS::IAM::RolePolicy");
		const struct sl_node *ep = sl_samr_props(e);
		struct eni_policy *p = &v->pol[v->n_pol];
		document(&p->h, sl_map_get(ep, "PolicyDocument"));
		p->cond = has_condition(e);
		if (rp) {
			ok = role_item(v, p, sl_map_get(ep, "RoleName"));
		} else {
			const struct sl_node *roles = sl_map_get(ep, "Roles");
			if (roles && !sl_node_is(roles, SL_SEQ))
				p->wild = true;
			for (size_t j = 0; ok && sl_node_is(roles, SL_SEQ) && j < roles->len; j++)
				ok = role_item(v, p, roles->items[j]);
		}
		if (p->wild && (p->h.bits || p->h.unknown))
			v->hot_wild++;
		v->n_pol++;
	}
	if (!ok) {
		sl_vpc_eni_free(v);
		return NULL;
	}
	if (v->n_links)
		qsort(v->links, v->n_links, sizeof(*v->links), link_cmp);
	return v;
}

void sl_vpc_eni_free(struct sl_vpc_eni *v)
{
	if (!v)
		return;
	free(v->pol);
	free(v->links);
	free(v->memo);
	free(v);
}

/* Counts the policies of the links equal to key into g, once each per query;
 * *named_hot_wild counts the wild ones among them that grant or are unknown. */
static void count_links(struct sl_vpc_eni *v, struct grant *g, size_t *named_hot_wild,
			const struct eni_link *key)
{
	size_t lo = 0, hi = v->n_links;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (link_cmp(&v->links[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < v->n_links && link_cmp(&v->links[lo], key) == 0; lo++) {
		struct eni_policy *p = &v->pol[v->links[lo].pol];
		if (p->stamp == v->stamp)
			continue;
		p->stamp = v->stamp;
		bool hot = p->h.bits || p->h.unknown;
		if (!p->cond) {
			g->bits |= p->h.bits;
			g->unknown = g->unknown || p->h.unknown;
		} else if (hot) {
			g->unknown = true;
		}
		if (p->wild && hot)
			(*named_hot_wild)++;
	}
}

static int role_eni(struct sl_vpc_eni *v, const struct sl_entity *role, size_t idx)
{
	const struct sl_template *t = v->t;
	struct grant g = { 0, false };
	const struct sl_node *p = sl_samr_props(role);
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
	/* the policy resources: those naming the role (a Ref counts when the
	 * role's Type reads as itself, as sl_vpc_target compares it), then the
	 * wild ones that do not */
	v->stamp++;
	size_t named_hot_wild = 0;
	if (self_typed(role) && idx < t->resources.n) {
		struct eni_link key = { false, NULL, 0, idx, 0 };
		count_links(v, &g, &named_hot_wild, &key);
	}
	const struct sl_node *rn = sl_map_get(p, "RoleName");
	if (rn && sl_node_is(rn, SL_SCALAR)) {
		struct eni_link key = { true, rn->str, rn->len, 0, 0 };
		count_links(v, &g, &named_hot_wild, &key);
	}
	if (v->hot_wild > named_hot_wild)
		g.unknown = true;
	if (g.bits == ALL)
		return 1;
	return g.unknown ? -1 : 0;
}

int sl_vpc_eni_role(struct sl_vpc_eni *v, const struct sl_entity *role)
{
	const struct sl_entity *items = v->t->resources.items;
	size_t idx = SIZE_MAX;
	if (role >= items && role < items + v->t->resources.n)
		idx = (size_t)(role - items);
	if (idx == SIZE_MAX)
		return role_eni(v, role, idx);
	if (v->memo[idx] == 2)
		v->memo[idx] = (signed char)role_eni(v, role, idx);
	return v->memo[idx];
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
	struct sl_samr_types w; /* the three types only, in source order */
	sl_samr_types_init(&w, c->t, "AWS::EC2::SecurityGroup", "AWS::EC2::SecurityGroupIngress",
			   "AWS::EC2::SecurityGroupEgress");
	for (const struct sl_entity *e; (e = sl_samr_types_next(&w));) {
		const struct sl_node *p = sl_samr_props(e);
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
