/* E2001: the structure of each parameter: a mapping with a Type and only the
 * parameter properties CloudFormation knows, each of the right shape. */
#include "rules/parameters/params.h"

static const char *const props[] = {
	"Type", "Default", "AllowedValues", "AllowedPattern", "ConstraintDescription",
	"Description", "MaxLength", "MinLength", "MaxValue", "MinValue", "NoEcho",
};
#define N_PROPS (sizeof(props) / sizeof(props[0]))

static bool is_string(const struct sl_node *v)
{
	return v->kind == SL_SCALAR && sl_scalar_type(v) != SL_TYPE_NULL;
}

/* Checks the shape of one known property; k indexes props. */
static void check_shape(struct sl_ctx *c, const char *param, size_t k, const struct sl_node *v)
{
	double d;
	switch (k) {
	case 1: /* Default */
		if (sl_node_is_null(v))
			sl_report(c, v, "the Default of parameter '%s' is null (empty): CloudFormation "
				  "rejects null values in a template; remove it or write '' for an empty "
				  "string", param);
		else if (v->kind == SL_MAP)
			sl_report(c, v, "the Default of parameter '%s' must be a string, a number or a list, "
				  "not a mapping", param);
		break;
	case 2: /* AllowedValues */
		if (v->kind != SL_SEQ) {
			sl_report(c, v, "AllowedValues of parameter '%s' must be a list of values", param);
			break;
		}
		for (uint32_t i = 0; i < v->len; i++)
			if (v->items[i]->kind != SL_SCALAR)
				sl_report(c, v->items[i], "each of the AllowedValues of parameter '%s' must be "
					  "a string or a number", param);
		break;
	case 3: case 4: case 5: /* AllowedPattern, ConstraintDescription, Description */
		if (!is_string(v))
			sl_report(c, v, "%s of parameter '%s' must be a string", props[k], param);
		break;
	case 6: case 7: /* MaxLength, MinLength */
		if (!sl_param_number(v, &d) || d < 0 || d != (double)(long long)d)
			sl_report(c, v, "%s of parameter '%s' must be a whole number of characters",
				  props[k], param);
		break;
	case 8: case 9: /* MaxValue, MinValue */
		if (!sl_param_number(v, &d))
			sl_report(c, v, "%s of parameter '%s' must be a number", props[k], param);
		break;
	case 10: /* NoEcho */
		if (sl_scalar_bool(v) < 0 && !sl_str_eq(v, "true") && !sl_str_eq(v, "false") &&
		    !sl_str_eq(v, "True") && !sl_str_eq(v, "False"))
			sl_report(c, v, "NoEcho of parameter '%s' must be true or false", param);
		break;
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return; /* a macro may consume its own parameter properties */
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_entity *e = &t->params.items[i];
		const struct sl_node *p = e->value;
		if (!sl_node_is(p, SL_MAP) || sl_node_intrinsic(p)) {
			sl_report(c, p, "parameter '%s' must be a mapping with a Type", e->key->str);
			continue;
		}
		if (!sl_map_get(p, "Type"))
			sl_report(c, e->key, "parameter '%s' has no Type", e->key->str);
		for (uint32_t k = 0; k < p->len; k++) {
			const struct sl_node *key = p->pairs[k].key;
			size_t a;
			for (a = 0; a < N_PROPS; a++)
				if (sl_str_eq(key, props[a]))
					break;
			if (a < N_PROPS) {
				check_shape(c, e->key->str, a, p->pairs[k].value);
				continue;
			}
			const char *sug = sl_suggest(key->str, key->len, props, N_PROPS);
			if (sug)
				sl_report(c, key, "unknown property '%s' in parameter '%s' (did you mean '%s'?)",
					  key->str, e->key->str, sug);
			else
				sl_report(c, key, "unknown property '%s' in parameter '%s': a parameter has Type, "
					  "Default, AllowedValues, AllowedPattern, ConstraintDescription, "
					  "Description, MaxLength, MinLength, MaxValue, MinValue and NoEcho",
					  key->str, e->key->str);
		}
	}
}

const struct sl_rule rule_E2001 = {
	.id = "E2001",
	.severity = SL_SEV_ERROR,
	.title = "Parameters are well formed",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each parameter is a mapping with a `Type`, and has no properties other than `Type`, "
	"`Default`, `AllowedValues`, `AllowedPattern`, `ConstraintDescription`, `Description`, "
	"`MaxLength`, `MinLength`, `MaxValue`, `MinValue` and `NoEcho`. Their shapes are checked "
	"too: `AllowedValues` is a list of scalars; `AllowedPattern`, `ConstraintDescription` and "
	"`Description` are strings; `MinLength` and `MaxLength` whole numbers; `MinValue` and "
	"`MaxValue` numbers; `NoEcho` a boolean; `Default` is not a mapping, nor null (left "
	"empty: CloudFormation rejects null values; `''` is the empty string). Templates processed "
	"by a macro are not checked.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a template with an unknown parameter property, and a misspelt "
	"constraint (`AllowedValue`, `MinLenght`) would otherwise silently constrain nothing.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Env:\n"
	"    Type: String\n"
	"    AllowedValue: [dev, prod]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Env:\n"
	"    Type: String\n"
	"    AllowedValues: [dev, prod]\n"
	"```\n",
	.check = check,
};
