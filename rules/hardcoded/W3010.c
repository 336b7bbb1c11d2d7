/*
 * W3010: Availability Zone properties are not hard-coded.
 *
 * Walks each resource's Properties along the resource specification (nested
 * types, lists, maps, both branches of Fn::If) to every property named
 * AvailabilityZone or AvailabilityZones, and reports each literal value that
 * is an Availability Zone name: a Region code and a letter ("us-east-1a"), or
 * a Region code and a zone suffix ("us-west-2-lax-1a", Local and Wavelength
 * Zones); a Fn::FindInMap with three literal keys counts as its mapping's
 * value. Values from other functions (Fn::GetAZs, Fn::Select, Ref, ...) are
 * the fix, and "all" (a target group target's "every enabled zone") is no zone
 * name. Templates the AWS CDK synthesized are left alone: their zones come
 * from the CDK's lookup in the account they were synthesized for.
 */
#include <ctype.h>
#include <string.h>

#include "analysis/textscan.h"
#include "engine/engine.h"
#include "rules/deploy/regional.h"

/* True when s is an Availability Zone name (see the file comment). */
static bool az_name(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && islower((unsigned char)s[i]))
		i++;
	if (i != 2)
		return false;
	/* one or more "-word" parts, then "-digits" */
	size_t words = 0;
	for (;;) {
		if (i >= n || s[i] != '-')
			return false;
		size_t j = i + 1;
		if (j < n && isdigit((unsigned char)s[j])) {
			while (j < n && isdigit((unsigned char)s[j]))
				j++;
			i = j;
			break;
		}
		while (j < n && islower((unsigned char)s[j]))
			j++;
		if (j == i + 1)
			return false;
		i = j;
		words++;
	}
	if (!words || i >= n)
		return false;
	if (islower((unsigned char)s[i]))
		return i + 1 == n;
	if (s[i] != '-' || i + 1 >= n)
		return false;
	for (i++; i < n; i++)
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) && s[i] != '-')
			return false;
	return true;
}

static void check_zones(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *v);

static void judge(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *v)
{
	if (!sl_node_is(v, SL_SCALAR) || v->flags & SL_NODE_ALIAS ||
	    sl_scalar_type(v) != SL_TYPE_STRING || !az_name(v->str, v->len))
		return;
	sl_report(c, v, "Availability Zone '%s' is hard-coded in %s: a zone name exists in one Region "
		  "only and may name another physical zone in another account; use a parameter of type "
		  "AWS::EC2::AvailabilityZone::Name or !Select [N, !GetAZs '']", v->str, key->str);
}

static bool literal_key(const struct sl_node *k)
{
	return sl_node_is(k, SL_SCALAR) && !(k->flags & SL_NODE_ALIAS);
}

/* Fn::FindInMap with three literal keys (after the LanguageExtensions loops
 * put their values in): the mapping's value when it is a zone name, reported
 * at the function; without such a value, a DefaultValue that is one. */
static void check_find_in_map(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *fn,
			      const struct sl_node *a)
{
	if (!sl_node_is(a, SL_SEQ) || a->len < 3 || !literal_key(a->items[0]) ||
	    !literal_key(a->items[1]) || !literal_key(a->items[2]))
		return;
	const struct sl_entity *m = sl_index_find(&c->t->mappings, a->items[0]->str, a->items[0]->len);
	if (!m)
		return; /* E7001's, or a mapping a macro adds */
	const struct sl_pair *top = sl_map_get_pair_n(m->value, a->items[1]->str, a->items[1]->len);
	const struct sl_pair *val = top ? sl_map_get_pair_n(top->value, a->items[2]->str, a->items[2]->len) : NULL;
	if (!val) {
		const struct sl_node *opt = a->len == 4 ? a->items[3] : NULL;
		const struct sl_node *def = sl_map_get(opt, "DefaultValue");
		if (def)
			check_zones(c, key, def);
		return;
	}
	const struct sl_node *v = val->value;
	if (!sl_node_is(v, SL_SCALAR) || v->flags & SL_NODE_ALIAS || sl_scalar_type(v) != SL_TYPE_STRING ||
	    !az_name(v->str, v->len))
		return;
	sl_report(c, fn->parent, "Availability Zone '%s' is hard-coded in %s, through mapping '%s' "
		  "(line %u): a zone name exists in one Region only and may name another physical zone "
		  "in another account; use a parameter of type AWS::EC2::AvailabilityZone::Name or "
		  "!Select [N, !GetAZs '']", v->str, key->str, m->key->str, sl_line(c, v));
}

/* The value of an AvailabilityZone(s) property: a name, a list of names, or
 * Fn::If branches of either. */
static void check_zones(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *v)
{
	const struct sl_node *fn = sl_node_intrinsic(v);
	if (fn) {
		const struct sl_node *a = v->pairs[0].value;
		if (sl_str_eq(fn, "Fn::If") && sl_node_is(a, SL_SEQ) && a->len == 3) {
			check_zones(c, key, a->items[1]);
			check_zones(c, key, a->items[2]);
		} else if (sl_str_eq(fn, "Fn::FindInMap")) {
			check_find_in_map(c, key, fn, a);
		}
		return;
	}
	if (sl_node_is(v, SL_SEQ)) {
		for (size_t i = 0; i < v->len; i++) {
			const struct sl_node *it = v->items[i];
			if (sl_node_is(it, SL_SEQ))
				continue; /* a list in a list: E3012's */
			check_zones(c, key, it);
		}
		return;
	}
	judge(c, key, v);
}

/* The shared walk along the specification calls back for every property it
 * knows: the zone properties are judged whole, the others walked into. */
static bool zone_property(struct sl_ctx *c, const struct sl_node *key, uint32_t type, const struct sl_node *v)
{
	(void)type;
	if (!sl_str_eq(key, "AvailabilityZone") && !sl_str_eq(key, "AvailabilityZones"))
		return false;
	check_zones(c, key, v);
	return true;
}

/* True for a template the AWS CDK synthesized: it has the CDK's
 * AWS::CDK::Metadata resource, or the CDK's BootstrapVersion parameter. */
static bool cdk_synthesized(const struct sl_template *t)
{
	const uint32_t *cdk;
	if (sl_template_of_type(t, "AWS::CDK::Metadata", 18, &cdk))
		return true;
	const struct sl_entity *p = sl_index_find(&t->params, "BootstrapVersion", 16);
	const struct sl_node *def = p ? sl_map_get(p->value, "Default") : NULL;
	return sl_node_is(def, SL_SCALAR) && def->len > 15 && memcmp(def->str, "/cdk-bootstrap/", 15) == 0;
}

static void check(struct sl_ctx *c)
{
	/* no key can be AvailabilityZone(s) when the text cannot hold it: then
	 * the walk along the specification would find nothing */
	if (!cdk_synthesized(c->t) && sl_text_may_hold(c, "AvailabilityZone"))
		sl_regional_walk(c, zone_property);
}

const struct sl_rule rule_W3010 = {
	.id = "W3010",
	.severity = SL_SEV_WARNING,
	.title = "Availability Zones are not hard-coded",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-getavailabilityzones.html",
	.doc =
	"### What it checks\n"
	"A literal Availability Zone name (`us-east-1a`, or a Local Zone such as "
	"`us-west-2-lax-1a`) given to a property named `AvailabilityZone` or `AvailabilityZones` "
	"in a resource's properties, at any depth (a subnet, a volume, an instance, an Auto "
	"Scaling group, a launch template's `Placement`, a target group's targets, ...), "
	"including the branches of `Fn::If` and a `Fn::FindInMap` whose three keys are literal "
	"(reported at the function, naming the mapping). Zones from `Fn::GetAZs`, a parameter or "
	"a mapping keyed by `AWS::Region` are the fix and are not reported; `all` (a target "
	"group target that takes traffic from every enabled zone) is not a zone name. Templates "
	"synthesized by the AWS CDK are not checked: the CDK looked their zones up in the "
	"account they were made for.\n"
	"\n"
	"### Why it matters\n"
	"A zone name belongs to one Region, so the template cannot be deployed in another. In "
	"the oldest Regions zone names are also mapped to physical zones independently for each "
	"account (`us-east-1a` in one account need not be `us-east-1a` in another), and an "
	"account may not have every zone. `Fn::GetAZs` lists the zones the deploying account "
	"has in the stack's Region, and a parameter of type "
	"`AWS::EC2::AvailabilityZone::Name` lets each deployment choose.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  Subnet:\n"
	"    Type: AWS::EC2::Subnet\n"
	"    Properties:\n"
	"      VpcId: !Ref Vpc\n"
	"      CidrBlock: 10.0.0.0/24\n"
	"      AvailabilityZone: us-east-1a\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  Subnet:\n"
	"    Type: AWS::EC2::Subnet\n"
	"    Properties:\n"
	"      VpcId: !Ref Vpc\n"
	"      CidrBlock: 10.0.0.0/24\n"
	"      AvailabilityZone: !Select [0, !GetAZs '']\n"
	"```\n",
	.check = check,
};
