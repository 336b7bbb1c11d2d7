/* W2030: a parameter whose value feeds (by Ref) a property with a fixed set of
 * allowed values may only take values of that set: each of its AllowedValues,
 * and its Default, is one of the property's allowed values. */
#include "rules/parameters/params.h"
#include "rules/schema.h"
#include "util/buf.h"

struct w {
	struct sl_ctx *c;
	const struct sl_spec *s;
};

static bool spec_allows(const struct sl_spec *s, const struct sl_spec_type *t, const struct sl_node *v)
{
	for (uint32_t i = 0; i < t->n; i++) {
		const char *a = sl_spec_allowed_value(s, t, i);
		if (a && strlen(a) == v->len && memcmp(a, v->str, v->len) == 0)
			return true;
	}
	return false;
}

static bool plain_scalar(const struct sl_node *v)
{
	return v && v->kind == SL_SCALAR && v->len && sl_scalar_type(v) != SL_TYPE_NULL;
}

static void report(struct w *w, const struct sl_node *at, const char *param, const struct sl_node *val,
		   const char *whence, const struct sl_spec_type *t, const char *prop)
{
	struct sl_buf b = {0};
	for (uint32_t i = 0; i < t->n && i < 12; i++) {
		if (i)
			sl_buf_puts(&b, ", ");
		sl_buf_puts(&b, sl_spec_allowed_value(w->s, t, i));
	}
	if (t->n > 12)
		sl_buf_puts(&b, ", ...");
	sl_report(w->c, at, "parameter '%s' may be '%s' (%s), which is not an allowed value of %s: %s",
		  param, val->str, whence, prop, sl_buf_cstr(&b));
	sl_buf_free(&b);
}

/* v is {Ref: name}: check the parameter's possible values against t. */
static void check_ref(struct w *w, const struct sl_node *name, const struct sl_spec_type *t, const char *prop)
{
	if (name->kind != SL_SCALAR)
		return;
	const struct sl_entity *e = sl_index_find(&w->c->t->params, name->str, name->len);
	if (!e || !sl_node_is(e->value, SL_MAP))
		return;
	const struct sl_node *ty = sl_param_type_node(e->value);
	if (!ty)
		return;
	enum sl_ptype pt = sl_param_type(ty->str, ty->len);
	if (pt != SL_PTYPE_STRING && pt != SL_PTYPE_NUMBER)
		return; /* lists feed lists; SSM types are resolved at deployment */
	const struct sl_node *av = sl_map_get(e->value, "AllowedValues");
	const struct sl_node *def = sl_map_get(e->value, "Default");
	bool in_av = false;
	if (sl_node_is(av, SL_SEQ)) {
		for (uint32_t i = 0; i < av->len; i++) {
			const struct sl_node *a = av->items[i];
			if (!plain_scalar(a))
				continue;
			if (plain_scalar(def) && a->len == def->len && memcmp(a->str, def->str, a->len) == 0)
				in_av = true;
			if (!spec_allows(w->s, t, a))
				report(w, name, e->key->str, a, "one of its AllowedValues", t, prop);
		}
	}
	if (plain_scalar(def) && !in_av && !spec_allows(w->s, t, def))
		report(w, name, e->key->str, def, "its Default", t, prop);
}

static void walk_value(struct w *w, const struct sl_node *v, uint32_t type, const char *prop, int depth);

static void walk_shape(struct w *w, const struct sl_node *map, uint32_t shape, int depth)
{
	if (!sl_node_is(map, SL_MAP) || sl_node_intrinsic(map))
		return;
	for (uint32_t i = 0; i < map->len; i++) {
		const struct sl_node *k = map->pairs[i].key;
		const struct sl_spec_prop *p = sl_spec_prop_find(w->s, shape, k->str, k->len);
		if (p)
			walk_value(w, map->pairs[i].value, p->type, k->str, depth + 1);
	}
}

static void walk_value(struct w *w, const struct sl_node *v, uint32_t type, const char *prop, int depth)
{
	const struct sl_spec_type *t = sl_spec_type(w->s, type);
	if (!t || !v || depth > 64 || (v->flags & SL_NODE_ALIAS))
		return;
	const struct sl_node *fk = sl_node_intrinsic(v);
	if (fk) {
		const struct sl_node *arg = v->pairs[0].value;
		if (sl_str_eq(fk, "Fn::If") && sl_node_is(arg, SL_SEQ) && arg->len == 3) {
			walk_value(w, arg->items[1], type, prop, depth + 1);
			walk_value(w, arg->items[2], type, prop, depth + 1);
		} else if (sl_str_eq(fk, "Ref") && t->kind == SL_SPEC_STRING && t->n > 0) {
			check_ref(w, arg, t, prop);
		}
		return;
	}
	switch (t->kind) {
	case SL_SPEC_SHAPE:
		walk_shape(w, v, t->arg, depth);
		return;
	case SL_SPEC_LIST:
		if (v->kind == SL_SEQ)
			for (uint32_t i = 0; i < v->len; i++)
				walk_value(w, v->items[i], t->arg, prop, depth + 1);
		return;
	case SL_SPEC_MAP:
		if (v->kind == SL_MAP)
			for (uint32_t i = 0; i < v->len; i++)
				walk_value(w, v->pairs[i].value, t->arg, prop, depth + 1);
		return;
	default:
		return; /* unions are not judged: which member applies is not certain */
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global || !t->params.n)
		return;
	struct w w = {c, c->spec};
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!e->type || !sl_node_is(e->value, SL_MAP) || e->module ||
		    sl_schema_unchecked_type(e->type->str, e->type->len))
			continue;
		uint32_t rid = sl_spec_resource(w.s, e->type->str, e->type->len);
		if (rid == SL_SPEC_NONE)
			continue;
		uint32_t shape = sl_spec_resource_shape(w.s, rid);
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		const struct sl_node *fk = sl_node_intrinsic(props);
		if (fk && sl_str_eq(fk, "Fn::If") && sl_node_is(props->pairs[0].value, SL_SEQ) &&
		    props->pairs[0].value->len == 3) {
			walk_shape(&w, props->pairs[0].value->items[1], shape, 0);
			walk_shape(&w, props->pairs[0].value->items[2], shape, 0);
		} else {
			walk_shape(&w, props, shape, 0);
		}
	}
}

const struct sl_rule rule_W2030 = {
	.id = "W2030",
	.severity = SL_SEV_WARNING,
	.title = "Parameters referenced by a property allow only the property's allowed values",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
	.doc =
	"### What it checks\n"
	"Where a resource property whose value must be one of a fixed set (an enumeration in the "
	"resource specification, e.g. `InstanceTenancy` of `AWS::EC2::VPC`) is given as "
	"`{Ref: Param}` — directly, in a list, or in a branch of `Fn::If` — each of the "
	"parameter's `AllowedValues`, and its `Default`, must be in that set (compared exactly, "
	"case included). Only `String`, `Number` and the AWS-specific string parameter types are "
	"checked; list and `AWS::SSM::Parameter::Value<…>` parameters are not, nor are properties "
	"that accept one of several types.\n\n"
	"### Why it matters\n"
	"A value the parameter accepts but the property does not is only rejected when the stack "
	"is deployed with it, after other resources may already have been created.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Tenancy:\n"
	"    Type: String\n"
	"    Default: default\n"
	"    AllowedValues: [default, shared]\n"
	"Resources:\n"
	"  Vpc:\n"
	"    Type: AWS::EC2::VPC\n"
	"    Properties:\n"
	"      CidrBlock: 10.0.0.0/16\n"
	"      InstanceTenancy: !Ref Tenancy\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Tenancy:\n"
	"    Type: String\n"
	"    Default: default\n"
	"    AllowedValues: [default, dedicated]\n"
	"Resources:\n"
	"  Vpc:\n"
	"    Type: AWS::EC2::VPC\n"
	"    Properties:\n"
	"      CidrBlock: 10.0.0.0/16\n"
	"      InstanceTenancy: !Ref Tenancy\n"
	"```\n",
	.check = check,
};
