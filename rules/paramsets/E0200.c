/* E0200: a parameter file (--parameter-files) has one of the forms its tools
 * read: a list of CloudFormation Parameter entries {ParameterKey,
 * ParameterValue}, a list of "KEY=VALUE" strings, or a CodePipeline template
 * configuration {Parameters, Tags, StackPolicy}. */
#include <string.h>

#include "rules/paramsets/pset.h"

static const char *const entry_keys[] = { "ParameterKey", "ParameterValue", "ResolvedValue",
					  "UsePreviousValue" };
static const char *const config_keys[] = { "Parameters", "StackPolicy", "Tags" };

static bool one_of(const struct sl_node *k, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (sl_str_eq(k, names[i]))
			return true;
	return false;
}

/* "; did you mean 'X'?" or "" */
static const char *hint(struct sl_ctx *c, const struct sl_node *k, const char *const *names, size_t n)
{
	const char *near = sl_suggest(k->str, k->len, names, n);
	const char *h = near ? sl_arena_printf(c->arena, "; did you mean '%s'?", near) : "";
	if (!h)
		c->oom = true;
	return h ? h : "";
}

static bool is_string(const struct sl_node *v)
{
	return sl_node_is(v, SL_SCALAR) && !sl_node_is_null(v);
}

static void entry(struct sl_ctx *c, const struct sl_node *it)
{
	for (uint32_t i = 0; i < it->len; i++) {
		const struct sl_node *k = it->pairs[i].key;
		if (!one_of(k, entry_keys, 4))
			sl_report(c, k, "'%s' is not a key of a parameter entry, which takes ParameterKey, "
				  "ParameterValue, UsePreviousValue and ResolvedValue%s", k->str,
				  hint(c, k, entry_keys, 4));
	}
	const struct sl_pair *key = sl_map_get_pair(it, "ParameterKey");
	const struct sl_pair *val = sl_map_get_pair(it, "ParameterValue");
	if (!key)
		sl_pset_report_at(c, it, "this parameter entry has no ParameterKey: name the template "
				  "parameter it gives a value for");
	else if (!is_string(key->value) || !key->value->len)
		sl_report(c, key->value, "ParameterKey must be the name of a template parameter, not %s",
			  sl_node_is(key->value, SL_SCALAR) ? "empty" : "a list or mapping");
	if (val && !is_string(val->value)) {
		sl_report(c, val->value, "ParameterValue must be a string (a list as comma-separated "
			  "text), not %s", sl_node_is(val->value, SL_SCALAR) ? "null" : "a list or mapping");
	} else if (!val) {
		const struct sl_node *prev = sl_map_get(it, "UsePreviousValue");
		if (!prev || sl_scalar_bool(prev) != 1)
			sl_pset_report_at(c, it, "this parameter entry has no ParameterValue: give the value, "
					  "or UsePreviousValue: true to keep the stack's current one");
	}
}

static void check_list(struct sl_ctx *c, const struct sl_node *l)
{
	for (uint32_t i = 0; i < l->len; i++) {
		const struct sl_node *it = l->items[i];
		if (sl_node_is(it, SL_MAP)) {
			entry(c, it);
		} else if (sl_node_is(it, SL_SCALAR) && sl_scalar_type(it) == SL_TYPE_STRING) {
			const char *eq = memchr(it->str, '=', it->len);
			if (!eq || eq == it->str)
				sl_report(c, it, "'%s' is not KEY=VALUE: a list of strings gives each parameter "
					  "as Name=value", it->str);
		} else {
			sl_report(c, it, "a parameter file's list holds {ParameterKey, ParameterValue} entries "
				  "or \"KEY=VALUE\" strings, not %s",
				  sl_node_is(it, SL_SEQ) ? "a list" : "a number, boolean or null");
		}
	}
}

static void check_config(struct sl_ctx *c, const struct sl_node *m)
{
	for (uint32_t i = 0; i < m->len; i++) {
		const struct sl_node *k = m->pairs[i].key, *v = m->pairs[i].value;
		if (!one_of(k, config_keys, 3)) {
			sl_report(c, k, "'%s' is not a key of a template configuration file (Parameters, "
				  "Tags, StackPolicy)%s", k->str, hint(c, k, config_keys, 3));
			continue;
		}
		if (sl_str_eq(k, "StackPolicy"))
			continue;
		if (!sl_node_is(v, SL_MAP)) {
			sl_report(c, v, "%s must be a mapping of names to values", k->str);
			continue;
		}
		for (uint32_t j = 0; j < v->len; j++)
			if (!is_string(v->pairs[j].value))
				sl_report(c, v->pairs[j].value, "the value of '%s' in %s must be a string, "
					  "not %s", v->pairs[j].key->str, k->str,
					  sl_node_is(v->pairs[j].value, SL_SCALAR) ? "null" : "a list or mapping");
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *r = c->root;
	if (sl_node_is(r, SL_SEQ))
		check_list(c, r);
	else if (sl_node_is(r, SL_MAP))
		check_config(c, r);
	else
		sl_report(c, r, "a parameter file is a list of {ParameterKey, ParameterValue} entries "
			  "(or a mapping with Parameters), not a single value");
}

const struct sl_rule rule_E0200 = {
	.id = "E0200",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_PARAMETERS,
	.title = "Parameter files have a form CloudFormation's tools read",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_Parameter.html",
	.doc =
	"### What it checks\n"
	"A file given with `--parameter-files` (JSON or YAML) is one of: a list of entries "
	"`{ParameterKey, ParameterValue}` as `aws cloudformation create-stack --parameters "
	"file://…` takes them (`UsePreviousValue` and `ResolvedValue` allowed; an entry with "
	"`UsePreviousValue: true` needs no value); a list of `\"KEY=VALUE\"` strings, as `aws "
	"cloudformation deploy --parameter-overrides file://…` also takes; or a CodePipeline "
	"template configuration, a mapping with `Parameters`, `Tags` and `StackPolicy`. Each "
	"fault is reported where it is: an unknown key, an entry without `ParameterKey` or "
	"`ParameterValue`, a value that is a list, a mapping or null. cfn-lint reads only the "
	"first form and reports any other file at line 1 as not supported. The values "
	"themselves are E2900's.\n\n"
	"### Why it matters\n"
	"The AWS CLI rejects an entry with an unknown key (`Unknown parameter in "
	"Parameters[0]`) or of the wrong type before it calls CloudFormation, and "
	"CodePipeline fails the action on a malformed template configuration: the deployment "
	"stops on the file, not on the template.\n\n"
	"### Bad\n"
	"```json\n"
	"[\n"
	"  {\"ParameterKey\": \"Env\", \"Value\": \"prod\"}\n"
	"]\n"
	"```\n\n"
	"### Good\n"
	"```json\n"
	"[\n"
	"  {\"ParameterKey\": \"Env\", \"ParameterValue\": \"prod\"}\n"
	"]\n"
	"```\n",
	.check = check,
};
