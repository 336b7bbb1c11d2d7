/* E2900: the parameter values a template is deployed with fit its Parameters:
 * no value for a parameter it does not declare, a value for every parameter
 * without a Default, each value within its parameter's constraints. Runs on
 * templates (values from --parameters, the configuration's `parameters`, or
 * the template's Metadata cfn-lint config `parameters`: findings in the
 * template) and on parameter and deployment files (findings in the file). */
#include <string.h>

#include "rules/paramsets/pset.h"

static void check_template(struct sl_ctx *c)
{
	const struct sl_options *o = c->opts;
	if (o && o->n_param_sets) {
		for (size_t i = 0; i < o->n_param_sets; i++) {
			const struct sl_param_set *ps = &o->param_sets[i];
			struct sl_pset s = { 0 };
			s.n = ps->n_values;
			s.e = sl_arena_alloc(c->arena, (s.n ? s.n : 1) * sizeof(*s.e));
			if (!s.e) {
				c->oom = true;
				return;
			}
			for (size_t k = 0; k < s.n; k++) {
				const struct sl_param_value *v = &ps->values[k];
				s.e[k] = (struct sl_pset_entry){ v->key, strlen(v->key), v->value,
								 strlen(v->value), NULL, NULL };
			}
			s.origin = ps->origin ? ps->origin : "--parameters";
			sl_pset_check(c, c->t, "this template", &s);
		}
		return;
	}
	/* values from files are judged in those files; the template's own then
	 * give way, as cfn-lint's command-line values override its Metadata's */
	if (o && o->param_files)
		return;
	struct sl_pset *sets;
	size_t n;
	if (sl_pset_from_metadata(c, c->t, &sets, &n))
		for (size_t i = 0; i < n; i++)
			sl_pset_check(c, c->t, "this template", &sets[i]);
}

static void check_file(struct sl_ctx *c, bool deployment)
{
	struct sl_pset s;
	const char *path;
	size_t len;
	if (deployment) {
		const struct sl_node *tp = sl_map_get(c->root, "template-file-path");
		if (!sl_pset_from_deployment_file(c, c->root, &s) || !sl_node_is(tp, SL_SCALAR) ||
		    sl_scalar_type(tp) != SL_TYPE_STRING)
			return; /* E0100 */
		path = tp->str;
		len = tp->len;
	} else {
		path = c->opts ? c->opts->param_template : NULL;
		if (!path || !sl_pset_from_parameter_file(c, c->root, &s))
			return; /* no template to judge against, or E0200 */
		len = strlen(path);
	}
	/* a missing or broken template is reported on its own (the command line
	 * names it, or E0000 in it) */
	const struct sl_template *t = sl_pset_template(c, path, len);
	if (!t)
		return;
	const char *tname = sl_arena_printf(c->arena, "template '%.*s'", (int)len, path);
	if (!tname) {
		c->oom = true;
		return;
	}
	sl_pset_check(c, t, tname, &s);
}

static void check(struct sl_ctx *c)
{
	if (c->kind == SL_FILE_TEMPLATE)
		check_template(c);
	else if (c->kind == SL_FILE_PARAMETERS || c->kind == SL_FILE_DEPLOYMENT)
		check_file(c, c->kind == SL_FILE_DEPLOYMENT);
}

const struct sl_rule rule_E2900 = {
	.id = "E2900",
	.severity = SL_SEV_ERROR,
	.also_kinds = 1u << SL_FILE_PARAMETERS | 1u << SL_FILE_DEPLOYMENT,
	.title = "Deployment parameter values fit the template's Parameters",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
	.doc =
	"### What it checks\n"
	"The parameter values a template is deployed with, as cfn-lint takes them: "
	"`--parameters KEY=VALUE...` (one set per use of the option), the configuration's "
	"`parameters`, the template's own `Metadata: cfn-lint: config: parameters` (a list of "
	"sets), parameter files (`--parameter-files`) and Git sync deployment files "
	"(`--deployment-files`). For each set: every key names a parameter of the template; "
	"every parameter without a `Default` gets a value; every value is one of the "
	"parameter's `AllowedValues`, matches its whole `AllowedPattern`, has a length within "
	"`MinLength`/`MaxLength`, and for `Number` types is a number within "
	"`MinValue`/`MaxValue` (list types item by item: the test E2015 makes of a `Default`). "
	"Findings about values from a parameter or deployment file are reported in that file, at "
	"the key or value; about values from the command line, the configuration or Metadata, in "
	"the template.\n\n"
	"### Why it matters\n"
	"CloudFormation checks the values when the change set is created: an undeclared "
	"parameter, a missing one or a value outside the constraints fails the deployment "
	"(`Parameters: [ImageId] must have values`, `Parameter 'Tenancy' must be one of "
	"AllowedValues`), often in a pipeline or a Git sync run far from the file at fault.\n\n"
	"### Bad\n"
	"```yaml\n"
	"# prod.yaml, a Git sync deployment file (stacklint --deployment-files prod.yaml)\n"
	"template-file-path: app.yaml  # Tenancy: AllowedValues [default, dedicated]\n"
	"parameters:\n"
	"  Tenancy: host\n"
	"  Enviroment: prod\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"template-file-path: app.yaml\n"
	"parameters:\n"
	"  Tenancy: dedicated\n"
	"  Environment: prod\n"
	"```\n",
	.check = check,
};
