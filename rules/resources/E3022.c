/* E3022: one AWS::EC2::SubnetRouteTableAssociation per subnet. */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "util/arena.h"
#include "util/buf.h"

/* A SubnetId whose value is known to be one subnet: the same literal, the same
 * Ref or the same Fn::GetAtt always give the same subnet. */
struct assoc {
	char kind; /* 'L' literal, 'R' Ref, 'G' Fn::GetAtt */
	const struct sl_node *a, *b; /* the literal or name; GetAtt's attribute */
	const struct sl_pair *prop;  /* the SubnetId property */
	const struct sl_entity *e;
	bool cond; /* exists only under a condition: the resource's, or a Fn::If branch */
};

static int cmp_str(const struct sl_node *x, const struct sl_node *y)
{
	if (!x || !y)
		return (x != NULL) - (y != NULL);
	size_t n = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->str, y->str, n);
	return r ? r : (x->len > y->len) - (x->len < y->len);
}

/* Same subnet first, then source order. */
static int cmp(const void *p, const void *q)
{
	const struct assoc *x = p, *y = q;
	int r = x->kind - y->kind;
	if (!r)
		r = cmp_str(x->a, y->a);
	if (!r)
		r = cmp_str(x->b, y->b);
	return r ? r : (x->e > y->e) - (x->e < y->e);
}

static bool is_str(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !(n->flags & SL_NODE_ALIAS) && n->len > 0 &&
	       sl_scalar_type(n) == SL_TYPE_STRING;
}

/* Fills *out from the SubnetId value v; false when its subnet is not known. */
static bool subnet_of(const struct sl_node *v, struct assoc *out)
{
	if (is_str(v) && !sl_node_intrinsic(v)) {
		out->kind = 'L', out->a = v, out->b = NULL;
		return true;
	}
	const struct sl_node *fn = sl_node_intrinsic(v);
	if (!fn)
		return false;
	const struct sl_node *arg = v->pairs[0].value;
	if (sl_str_eq(fn, "Ref") && is_str(arg)) {
		out->kind = 'R', out->a = arg, out->b = NULL;
		return true;
	}
	if (sl_str_eq(fn, "Fn::GetAtt") && sl_node_is(arg, SL_SEQ) && arg->len == 2 &&
	    is_str(arg->items[0]) && is_str(arg->items[1])) {
		out->kind = 'G', out->a = arg->items[0], out->b = arg->items[1];
		return true;
	}
	return false; /* Fn::If, Fn::Select, Fn::ImportValue, ...: not judged */
}

/* The subnet as written, for messages: 'subnet-0abc', !Ref Subnet, !GetAtt A.B. */
static const char *describe(struct sl_ctx *c, const struct assoc *s)
{
	struct sl_buf b = {0};
	if (s->kind == 'L')
		sl_buf_printf(&b, "'%s'", s->a->str);
	else if (s->kind == 'R')
		sl_buf_printf(&b, "!Ref %s", s->a->str);
	else
		sl_buf_printf(&b, "!GetAtt %s.%s", s->a->str, s->b->str);
	const char *r = b.oom ? "" : sl_arena_strndup(c->arena, b.data, b.len);
	sl_buf_free(&b);
	return r ? r : "";
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return;
	struct assoc *v = NULL;
	size_t n = 0, cap = 0;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::EC2::SubnetRouteTableAssociation",
					   strlen("AWS::EC2::SubnetRouteTableAssociation"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		if (sl_foreach_key(e->key))
			continue;
		const struct sl_pair *p = sl_map_get_pair(sl_map_get(e->value, "Properties"), "SubnetId");
		if (!p)
			continue;
		bool cond = sl_entity_attr(e, SL_ATTR_CONDITION) != NULL;
		/* a Fn::If gives each branch's subnet under its condition */
		const struct sl_node *fn = sl_node_intrinsic(p->value);
		const struct sl_node *arg = fn ? p->value->pairs[0].value : NULL;
		const struct sl_node *vals[2] = {p->value, NULL};
		if (fn && sl_str_eq(fn, "Fn::If") && sl_node_is(arg, SL_SEQ) && arg->len == 3) {
			vals[0] = arg->items[1], vals[1] = arg->items[2];
			cond = true;
		}
		struct assoc first = {0};
		for (int b = 0; b < 2 && vals[b]; b++) {
			struct assoc a = {.prop = p, .e = e, .cond = cond};
			if (!subnet_of(vals[b], &a))
				continue;
			if (b == 1 && first.e && first.kind == a.kind && !cmp_str(first.a, a.a) &&
			    !cmp_str(first.b, a.b))
				continue; /* both branches give the same subnet */
			if (n == cap) {
				size_t nc = cap ? cap * 2 : 16;
				struct assoc *nv = realloc(v, nc * sizeof(*v));
				if (!nv) {
					c->oom = true;
					free(v);
					return;
				}
				v = nv, cap = nc;
			}
			v[n++] = a;
			if (b == 0)
				first = a;
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && v[j].kind == v[i].kind && !cmp_str(v[j].a, v[i].a) &&
		       !cmp_str(v[j].b, v[i].b))
			j++;
		/* associations that always exist clash with each other; one under a
		 * condition clashes with those whenever it exists; two under conditions
		 * may never exist together (no condition analysis here): not judged */
		size_t always = 0, a0 = j, a1 = j;
		for (size_t k = i; k < j; k++)
			if (!v[k].cond) {
				a1 = always == 1 ? k : a1;
				a0 = always == 0 ? k : a0;
				always++;
			}
		for (size_t k = i; k < j; k++) {
			if (always == 0 || (!v[k].cond && always < 2))
				continue;
			const struct assoc *o = &v[k == a0 ? a1 : a0];
			sl_report(c, v[k].prop->key, "the subnet %s is also associated with a route "
				  "table by '%s' (line %u)%s; a subnet has one route table at a time, so "
				  "one of the associations fails: keep one of them", describe(c, &v[k]),
				  o->e->key->str, (unsigned)sl_line(c, o->prop->key),
				  v[k].cond ? ", which always exists" : "");
		}
		i = j;
	}
	free(v);
}

const struct sl_rule rule_E3022 = {
	.id = "E3022",
	.severity = SL_SEV_ERROR,
	.title = "A subnet has one route table association",
	.source = "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-route-tables.html",
	.doc =
	"### What it checks\n"
	"No two `AWS::EC2::SubnetRouteTableAssociation` resources associate the same subnet: the "
	"same literal `SubnetId`, the same `Ref` or the same `Fn::GetAtt` (in a Fn::If, each "
	"branch). An association that exists only under a condition (its resource's `Condition`, "
	"or a Fn::If branch) is judged against those that always exist; two conditional ones may "
	"never exist together and are not judged. SubnetIds whose value is not known "
	"(Fn::Select, Fn::ImportValue, ...) are not judged.\n\n"
	"### Why it matters\n"
	"A subnet is associated with one route table at a time. The second association of the "
	"same subnet fails, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  PublicAssociation:\n"
	"    Type: AWS::EC2::SubnetRouteTableAssociation\n"
	"    Properties:\n"
	"      RouteTableId: !Ref PublicRouteTable\n"
	"      SubnetId: !Ref PublicSubnet\n"
	"  PrivateAssociation:\n"
	"    Type: AWS::EC2::SubnetRouteTableAssociation\n"
	"    Properties:\n"
	"      RouteTableId: !Ref PrivateRouteTable\n"
	"      SubnetId: !Ref PublicSubnet\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  PublicAssociation:\n"
	"    Type: AWS::EC2::SubnetRouteTableAssociation\n"
	"    Properties:\n"
	"      RouteTableId: !Ref PublicRouteTable\n"
	"      SubnetId: !Ref PublicSubnet\n"
	"  PrivateAssociation:\n"
	"    Type: AWS::EC2::SubnetRouteTableAssociation\n"
	"    Properties:\n"
	"      RouteTableId: !Ref PrivateRouteTable\n"
	"      SubnetId: !Ref PrivateSubnet\n"
	"```\n",
	.check = check,
};
