/* DeletionPolicy / UpdateReplacePolicy values. Snapshot is accepted on every
 * type: CloudFormation applies it where the type supports snapshots and
 * ignores it elsewhere (the stack deploys; aws/aws-cdk#20668), so a Snapshot
 * on an S3 bucket is not an error. */
#include "rules/resources/policy.h"

#include <string.h>

#include "util/buf.h"

struct policy {
	struct sl_ctx *c;
	const struct sl_entity *e;
	const char *attr;
	const char *const *allowed;
	const struct sl_node *fn; /* the function the values come from, or NULL */
};

/* One value the attribute takes: v where it is written; from says where a
 * function found it ("parameter Stage"), NULL when written in the resource. */
static void judge(void *ud, const struct sl_node *v, const char *from)
{
	struct policy *p = ud;
	struct sl_ctx *c = p->c;
	const char *attr = p->attr;
	/* a value found elsewhere (a parameter, a mapping) is reported at the function */
	const struct sl_node *at = from ? p->fn : v;
	if (v->kind != SL_SCALAR) {
		sl_report(c, at, "%s must be a string", attr);
		return;
	}
	bool ok = false;
	for (const char *const *a = p->allowed; *a; a++)
		if (sl_str_eq(v, *a))
			ok = true;
	if (!ok) {
		struct sl_buf b = SL_BUF_INIT;
		for (const char *const *a = p->allowed; *a; a++)
			sl_buf_printf(&b, "%s%s", a == p->allowed ? "" : ", ", *a);
		if (from)
			sl_report(c, at, "%s can be '%s' (from %s), which is not a%s %s; use one of %s",
				  attr, v->str, from, strchr("AEIOU", attr[0]) ? "n" : "", attr,
				  sl_buf_cstr(&b));
		else
			sl_report(c, at, "'%s' is not a%s %s; use one of %s", v->str,
				  strchr("AEIOU", attr[0]) ? "n" : "", attr, sl_buf_cstr(&b));
		sl_buf_free(&b);
		return;
	}
}

void sl_check_policy(struct sl_ctx *c, const char *attr, const char *const *allowed)
{
	const struct sl_template *t = c->t;
	enum sl_attr a = sl_attr_of(attr, strlen(attr));
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		const struct sl_node *v =
			a != SL_ATTR_COUNT ? sl_entity_attr(e, a) : sl_map_get(e->value, attr);
		if (!v || sl_node_is_null(v))
			continue; /* a null is E3001's */
		struct policy p = { c, e, attr, allowed, NULL };
		if (sl_node_intrinsic(v)) {
			/* AWS::LanguageExtensions resolves it: judge the values it can take
			 * (Fn::If branches, a parameter's allowed values, a mapping's) */
			p.fn = v;
			sl_langext_values(t, v, judge, &p);
			continue;
		}
		judge(&p, v, NULL);
	}
}
