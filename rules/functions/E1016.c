/* E1016: Fn::ImportValue takes an export name that does not depend on a resource. */
#include "rules/functions/fn.h"

static void sub_var(void *ud, size_t s, size_t l)
{
	void **p = ud;
	struct sl_ctx *c = p[0];
	const struct sl_node *n = p[1];
	const char *v = n->str + s;
	const char *dot = memchr(v, '.', l);
	size_t nl = dot ? (size_t)(dot - v) : l;
	if (!p[2] && sl_index_find(&c->t->resources, v, nl))
		p[2] = (void *)n;
}

/* The first node under n that depends on a resource (Ref/GetAtt/${Res}), or NULL. */
static const struct sl_node *resource_dep(struct sl_ctx *c, const struct sl_node *n)
{
	if (!n || (n->flags & SL_NODE_ALIAS))
		return NULL;
	if (n->kind == SL_SEQ) {
		for (uint32_t i = 0; i < n->len; i++) {
			const struct sl_node *d = resource_dep(c, n->items[i]);
			if (d)
				return d;
		}
		return NULL;
	}
	if (n->kind != SL_MAP)
		return NULL;
	const struct sl_node *k = sl_node_intrinsic(n);
	const struct sl_node *v = k ? n->pairs[0].value : NULL;
	if (k && sl_str_eq(k, "Fn::GetAtt"))
		return n;
	if (k && sl_str_eq(k, "Ref") && sl_node_is(v, SL_SCALAR) &&
	    sl_index_find(&c->t->resources, v->str, v->len))
		return n;
	if (k && sl_str_eq(k, "Fn::Sub")) {
		const struct sl_node *s = sl_node_is(v, SL_SEQ) && v->len ? v->items[0] : v;
		const struct sl_node *m = sl_node_is(v, SL_SEQ) && v->len > 1 ? v->items[1] : NULL;
		if (sl_node_is(s, SL_SCALAR)) {
			void *p[3] = { c, (void *)s, NULL };
			sl_sub_vars(s->str, s->len, sub_var, p);
			/* a variable of the map shadows a resource of the same name */
			if (p[2] && !(m && sl_node_is(m, SL_MAP)))
				return n;
		}
		return m ? resource_dep(c, m) : NULL;
	}
	for (uint32_t i = 0; i < n->len; i++) {
		const struct sl_node *d = resource_dep(c, n->pairs[i].value);
		if (d)
			return d;
	}
	return NULL;
}

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	if (sl_fn_is_string(v))
		return;
	if (!sl_fn_is(v)) {
		sl_report(c, v ? v : key, "Fn::ImportValue takes the name of an export (a string or a "
			  "function returning one), not %s", sl_fn_kind(v));
		return;
	}
	const struct sl_node *k = sl_node_intrinsic(v);
	if (sl_str_eq(k, "Fn::ImportValue")) {
		sl_report(c, v, "Fn::ImportValue cannot be nested in another Fn::ImportValue");
		return;
	}
	const struct sl_node *d = resource_dep(c, v);
	if (d)
		sl_report(c, d, "The export name of Fn::ImportValue cannot depend on a resource of the "
			  "stack (Ref, GetAtt or ${Resource}); use parameters or pseudo parameters");
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::ImportValue", visit);
}

const struct sl_rule rule_E1016 = {
	.id = "E1016",
	.severity = SL_SEV_ERROR,
	.title = "Fn::ImportValue takes an export name that does not depend on a resource",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-importvalue.html",
	.doc =
	"### What it checks\n"
	"The argument of `Fn::ImportValue` is a string or a function returning one (`Fn::Sub`, "
	"`Fn::Join`, `Ref` to a parameter, ...), not a list, a mapping or another "
	"`Fn::ImportValue`, and it does not depend on a resource of the stack: no `Fn::GetAtt`, "
	"no `Ref` to a resource, no `${Resource}` in a Sub.\n\n"
	"### Why it matters\n"
	"CloudFormation resolves the export name before it creates any resource, so it rejects "
	"names built from resources.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"Outputs:\n"
	"  Shared:\n"
	"    Value: !ImportValue\n"
	"      Fn::Sub: '${Queue}-arn'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  NetworkStack:\n"
	"    Type: String\n"
	"Outputs:\n"
	"  Vpc:\n"
	"    Value: !ImportValue\n"
	"      Fn::Sub: '${NetworkStack}-VpcId'\n"
	"```\n",
	.check = check,
};
