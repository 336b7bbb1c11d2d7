/* E2015: a parameter's Default satisfies its own constraints: AllowedValues,
 * AllowedPattern, MinLength/MaxLength, MinValue/MaxValue and, for Number types,
 * being a number. List types are checked item by item. */
#include "rules/parameters/pvalue.h"

struct at {
	struct sl_ctx *c;
	const char *name;             /* the parameter */
	const struct sl_node *def;    /* its Default */
};

/* The exact span of an item inside a list Default, when the source text of the
 * Default is its value verbatim (one line, ASCII, no escapes); else false. */
static bool item_span(const struct sl_ctx *c, const struct sl_node *def, const char *it, size_t len,
		      struct sl_position *s, struct sl_position *e)
{
	uint32_t q = def->style == SL_SINGLE || def->style == SL_DOUBLE;
	if (sl_doc_line_of(c->doc, def->start) != sl_doc_line_of(c->doc, def->end) ||
	    def->end - def->start != def->len + 2 * q || (def->style != SL_PLAIN && !q))
		return false;
	for (uint32_t i = 0; i < def->len; i++)
		if ((unsigned char)def->str[i] >= 0x80)
			return false;
	size_t off = def->start + (size_t)(it - def->str) + q;
	*s = sl_pos(c, off);
	*e = sl_pos(c, off + len);
	return len > 0;
}

/* Reports at the item of a list Default when it can be placed exactly, else at
 * the whole Default. */
#define REPORT(...)                                                          \
	do {                                                                 \
		if (exact)                                                   \
			sl_report_span(a->c, a->def, ps, pe, __VA_ARGS__);   \
		else                                                         \
			sl_report(a->c, a->def, __VA_ARGS__);                \
	} while (0)

static void fault(const struct sl_pv_finding *f, void *arg)
{
	const struct at *a = arg;
	const char *what = f->list ? "an item of the Default" : "the Default", *name = a->name;
	int il = (int)f->item_len;
	struct sl_position ps, pe;
	bool exact = f->list && item_span(a->c, a->def, f->item, f->item_len, &ps, &pe);
	switch (f->fault) {
	case SL_PV_NOT_ALLOWED:
		REPORT("%s of parameter '%s', '%.*s', is not one of its AllowedValues", what, name, il,
		       f->item);
		break;
	case SL_PV_PATTERN:
		REPORT("%s of parameter '%s', '%.*s', does not match its AllowedPattern '%s'", what,
		       name, il, f->item, f->pattern);
		break;
	case SL_PV_NOT_NUMBER:
		REPORT("%s of parameter '%s', '%.*s', is not a number", what, name, il, f->item);
		break;
	case SL_PV_BELOW:
		REPORT("%s of parameter '%s', %.*s, is less than its MinValue %g", what, name, il,
		       f->item, f->limit);
		break;
	case SL_PV_ABOVE:
		REPORT("%s of parameter '%s', %.*s, is greater than its MaxValue %g", what, name, il,
		       f->item, f->limit);
		break;
	case SL_PV_SHORT:
		REPORT("the Default of parameter '%s' is %zu characters long, shorter than its "
		       "MinLength %g", name, f->item_len, f->limit);
		break;
	case SL_PV_LONG:
		REPORT("the Default of parameter '%s' is %zu characters long, longer than its "
		       "MaxLength %g", name, f->item_len, f->limit);
		break;
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return;
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_entity *e = &t->params.items[i];
		const struct sl_node *p = e->value, *ty = sl_param_type_node(p);
		const struct sl_node *def = sl_map_get(p, "Default");
		if (!ty || !def || def->kind != SL_SCALAR || sl_scalar_type(def) == SL_TYPE_NULL)
			continue;
		/* an invalid type is E2002's business; an SSM type's Default names a
		 * parameter: sl_pv_check judges neither */
		struct at a = { c, e->key->str, def };
		sl_pv_check(p, sl_param_type(ty->str, ty->len), def->str, def->len, fault, &a);
	}
}

const struct sl_rule rule_E2015 = {
	.id = "E2015",
	.severity = SL_SEV_ERROR,
	.title = "Parameter defaults satisfy the parameter's constraints",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
	.doc =
	"### What it checks\n"
	"A parameter's `Default` is one of its `AllowedValues`, matches its whole `AllowedPattern` "
	"(compiled with PCRE2; CloudFormation uses Java regular expressions, which agree on "
	"everything but rare constructs), has a length between `MinLength` and `MaxLength` (for "
	"`String` and the AWS-specific string types), and for `Number` and `List<Number>` is a "
	"number between `MinValue` and `MaxValue`. For `CommaDelimitedList` and `List<…>` types "
	"each comma-separated item is checked (spaces around it trimmed); a list Default that is "
	"itself one of the AllowedValues (`three,four`, spaces around the commas aside) is accepted as well. `AWS::SSM::Parameter::Value<…>` defaults name an "
	"SSM parameter, not a value, and are not checked.\n\n"
	"### Why it matters\n"
	"CloudFormation validates the default when the stack is created: a default that breaks "
	"its own constraints fails every deployment that does not override it.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Env:\n"
	"    Type: String\n"
	"    Default: staging\n"
	"    AllowedValues: [dev, prod]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Env:\n"
	"    Type: String\n"
	"    Default: dev\n"
	"    AllowedValues: [dev, prod]\n"
	"```\n",
	.check = check,
};
