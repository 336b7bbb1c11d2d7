/* W2010: a NoEcho parameter's value is not written where CloudFormation shows
 * it unmasked: Outputs, the template's Metadata, or a resource's Metadata. */
#include "rules/parameters/params.h"

struct walk {
	struct sl_ctx *c;
	const struct sl_node *str;  /* the Sub string being scanned */
	const struct sl_node *vars; /* its variable map, or NULL */
	const char *where;
};

static void report_param(struct walk *w, const struct sl_node *at, const char *name, size_t len,
			 bool span, struct sl_position s, struct sl_position e)
{
	const struct sl_entity *p = sl_index_find(&w->c->t->params, name, len);
	if (!p || !sl_param_no_echo(p->value))
		return;
	if (span)
		sl_report_span(w->c, at, s, e, "NoEcho parameter '%s' is shown unmasked in %s",
			       p->key->str, w->where);
	else
		sl_report(w->c, at, "NoEcho parameter '%s' is shown unmasked in %s", p->key->str, w->where);
}

static void sub_var(void *ud, size_t start, size_t len)
{
	struct walk *w = ud;
	const struct sl_node *s = w->str;
	const char *name = s->str + start;
	if (memchr(name, '.', len))
		return; /* Resource.Attribute */
	for (uint32_t i = 0; w->vars && i < w->vars->len; i++)
		if (w->vars->pairs[i].key->len == len && memcmp(w->vars->pairs[i].key->str, name, len) == 0)
			return; /* a variable of this Fn::Sub */
	/* exact span when the source is the string verbatim on one line */
	uint32_t q = s->style == SL_SINGLE || s->style == SL_DOUBLE;
	const struct sl_doc *d = w->c->doc;
	bool exact = sl_doc_line_of(d, s->start) == sl_doc_line_of(d, s->end) &&
		     s->end - s->start == s->len + 2 * q;
	for (size_t i = 0; exact && i < start + len; i++)
		exact = (unsigned char)s->str[i] < 0x80;
	struct sl_position a = sl_doc_pos(d, s->start + start + q);
	struct sl_position b = sl_doc_pos(d, s->start + start + q + len);
	char buf[256];
	if (len >= sizeof(buf))
		return;
	memcpy(buf, name, len);
	buf[len] = '\0';
	report_param(w, s, buf, len, exact, a, b);
}

static void walk(struct walk *w, const struct sl_node *n)
{
	if (!n)
		return;
	if (n->kind == SL_SEQ) {
		for (uint32_t i = 0; i < n->len; i++)
			walk(w, n->items[i]);
		return;
	}
	if (n->kind != SL_MAP)
		return;
	const struct sl_node *fn = sl_node_intrinsic(n);
	if (fn && sl_str_eq(fn, "Ref")) {
		const struct sl_node *v = n->pairs[0].value;
		if (v->kind == SL_SCALAR) {
			struct sl_position z = {0};
			report_param(w, v, v->str, v->len, false, z, z);
		}
		return;
	}
	if (fn && sl_str_eq(fn, "Fn::Sub")) {
		const struct sl_node *v = n->pairs[0].value, *vars = NULL;
		if (v->kind == SL_SEQ && v->len >= 1) {
			vars = v->len >= 2 && v->items[1]->kind == SL_MAP ? v->items[1] : NULL;
			if (vars)
				walk(w, vars);
			v = v->items[0];
		}
		if (v->kind == SL_SCALAR) {
			w->str = v;
			w->vars = vars;
			sl_sub_vars(v->str, v->len, sub_var, w);
		}
		return;
	}
	for (uint32_t i = 0; i < n->len; i++)
		walk(w, n->pairs[i].value);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	bool any = false;
	for (size_t i = 0; i < t->params.n && !any; i++)
		any = sl_param_no_echo(t->params.items[i].value);
	if (!any)
		return;
	struct walk w = {.c = c, .where = "Outputs"};
	walk(&w, sl_section(t, SL_SEC_OUTPUTS));
	w.where = "the template Metadata";
	walk(&w, sl_section(t, SL_SEC_METADATA));
	w.where = "resource Metadata";
	for (size_t i = 0; i < t->resources.n; i++)
		walk(&w, sl_entity_attr(&t->resources.items[i], SL_ATTR_METADATA));
}

const struct sl_rule rule_W2010 = {
	.id = "W2010",
	.severity = SL_SEV_WARNING,
	.title = "NoEcho parameters are not shown in Outputs or Metadata",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html#parameters-section-structure-properties",
	.doc =
	"### What it checks\n"
	"A parameter with `NoEcho: true` is not referred to (by `Ref` or a `${Name}` variable of "
	"`Fn::Sub`) in `Outputs`, in the template's `Metadata` or in a resource's `Metadata` "
	"(including `AWS::CloudFormation::Init`).\n\n"
	"### Why it matters\n"
	"`NoEcho` masks the value only where CloudFormation shows parameters. Outputs and "
	"metadata are returned as written by `DescribeStacks` and `DescribeStackResource`, so a "
	"password placed there is readable by anyone who can describe the stack.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  DbPassword:\n"
	"    Type: String\n"
	"    NoEcho: true\n"
	"Outputs:\n"
	"  Password:\n"
	"    Value: !Ref DbPassword\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  DbPassword:\n"
	"    Type: AWS::SSM::Parameter::Value<String>\n"
	"    Default: /myapp/db-password-name\n"
	"Outputs:\n"
	"  PasswordParameter:\n"
	"    Value: /myapp/db-password-name\n"
	"```\n",
	.check = check,
};
