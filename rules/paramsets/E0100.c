/* E0100: a Git sync stack deployment file (--deployment-files) has the form
 * CloudFormation reads: a mapping with template-file-path (a string),
 * parameters and tags (mappings of names to values), and nothing else. */
#include "rules/paramsets/pset.h"

static const char *const keys[] = { "parameters", "tags", "template-file-path" };

static void values(struct sl_ctx *c, const struct sl_pair *p)
{
	const struct sl_node *m = p->value;
	if (sl_node_is_null(m))
		return; /* left empty: none */
	if (!sl_node_is(m, SL_MAP)) {
		sl_report(c, m, "'%s' must be a mapping of names to values, not a %s", p->key->str,
			  sl_node_is(m, SL_SEQ) ? "list" : "single value");
		return;
	}
	for (uint32_t i = 0; i < m->len; i++) {
		const struct sl_node *v = m->pairs[i].value;
		if (!sl_node_is(v, SL_SCALAR) || sl_node_is_null(v))
			sl_report(c, v, "the value of '%s' in '%s' must be a string, number or boolean, "
				  "not %s", m->pairs[i].key->str, p->key->str,
				  sl_node_is(v, SL_SCALAR) ? "null" : sl_node_is(v, SL_SEQ) ? "a list (give a "
				  "list parameter as comma-separated text)" : "a mapping");
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *r = c->root;
	if (!sl_node_is(r, SL_MAP)) {
		sl_report(c, r, "a deployment file is a mapping with template-file-path, parameters and "
			  "tags, not a %s", sl_node_is(r, SL_SEQ) ? "list" : "single value");
		return;
	}
	bool misspelt_path = false; /* said once: not again as missing */
	for (uint32_t i = 0; i < r->len; i++) {
		const struct sl_node *k = r->pairs[i].key;
		bool known = false;
		for (size_t j = 0; j < 3; j++)
			known |= sl_str_eq(k, keys[j]);
		if (known)
			continue;
		const char *near = sl_suggest(k->str, k->len, keys, 3);
		misspelt_path |= near == keys[2];
		if (near)
			sl_report(c, k, "'%s' is not a key of a deployment file; did you mean '%s'?", k->str, near);
		else
			sl_report(c, k, "'%s' is not a key of a deployment file, which takes "
				  "template-file-path, parameters and tags", k->str);
	}
	const struct sl_pair *tp = sl_map_get_pair(r, "template-file-path");
	if (!tp && !misspelt_path)
		sl_pset_report_at(c, r, "this deployment file has no template-file-path: name the "
				  "template it deploys, as a path from the repository's root");
	else if (tp && (!sl_node_is(tp->value, SL_SCALAR) ||
			sl_scalar_type(tp->value) != SL_TYPE_STRING || !tp->value->len))
		sl_report(c, tp->value, "template-file-path must be the path of the template file");
	const struct sl_pair *p = sl_map_get_pair(r, "parameters");
	if (p)
		values(c, p);
	p = sl_map_get_pair(r, "tags");
	if (p)
		values(c, p);
}

const struct sl_rule rule_E0100 = {
	.id = "E0100",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_DEPLOYMENT,
	.title = "Deployment files have the form Git sync reads",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/git-sync-concepts-terms.html",
	.doc =
	"### What it checks\n"
	"A CloudFormation Git sync stack deployment file given with `--deployment-files` is a "
	"YAML (or JSON) mapping with `template-file-path`, the template's path from the "
	"repository's root (required, a string), `parameters` and `tags`, mappings of names "
	"to values (strings, numbers or booleans), and no other key. Each fault is reported "
	"where it is; cfn-lint reports any of them at line 1 as a file it does not support. The "
	"parameter values themselves are E2900's.\n\n"
	"### Why it matters\n"
	"Git sync reads the file on every commit: a file it cannot read leaves the stack "
	"where it was, and the pull request or sync status says so only after the push.\n\n"
	"### Bad\n"
	"```yaml\n"
	"template: app.yaml\n"
	"parameters:\n"
	"  Subnets: [subnet-1, subnet-2]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"template-file-path: app.yaml\n"
	"parameters:\n"
	"  Subnets: subnet-1,subnet-2\n"
	"tags:\n"
	"  team: payments\n"
	"```\n",
	.check = check,
};
