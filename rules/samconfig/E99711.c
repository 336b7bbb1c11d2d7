/* E99711: the values parameter_overrides gives `sam deploy` satisfy the
 * template parameters' constraints. */
#include <string.h>

#include "rules/parameters/pvalue.h"
#include "rules/samconfig/samconfig.h"

struct at {
	struct sl_ctx *c;
	const struct sl_samcfg_pair *p;
	const char *file;
};

static void fault(const struct sl_pv_finding *f, void *arg)
{
	const struct at *a = arg;
	const struct sl_samcfg_pair *p = a->p;
	int kl = (int)p->key_len, il = (int)f->item_len;
	const char *what = f->list ? "an item of the value" : "the value";
	switch (f->fault) {
	case SL_PV_NOT_ALLOWED:
		sl_samcfg_report_pair(a->c, p, true, "%s given for %.*s, '%.*s', is not one of the "
				      "parameter's AllowedValues in %s", what, kl, p->key, il, f->item,
				      a->file);
		break;
	case SL_PV_PATTERN:
		sl_samcfg_report_pair(a->c, p, true, "%s given for %.*s, '%.*s', does not match the "
				      "parameter's AllowedPattern '%s' in %s", what, kl, p->key, il,
				      f->item, f->pattern, a->file);
		break;
	case SL_PV_NOT_NUMBER:
		sl_samcfg_report_pair(a->c, p, true, "%s given for %.*s, '%.*s', is not a number, and "
				      "the parameter is a Number in %s", what, kl, p->key, il, f->item,
				      a->file);
		break;
	case SL_PV_BELOW:
		sl_samcfg_report_pair(a->c, p, true, "%s given for %.*s, %.*s, is less than the "
				      "parameter's MinValue %g in %s", what, kl, p->key, il, f->item,
				      f->limit, a->file);
		break;
	case SL_PV_ABOVE:
		sl_samcfg_report_pair(a->c, p, true, "%s given for %.*s, %.*s, is greater than the "
				      "parameter's MaxValue %g in %s", what, kl, p->key, il, f->item,
				      f->limit, a->file);
		break;
	case SL_PV_SHORT:
		sl_samcfg_report_pair(a->c, p, true, "the value given for %.*s is %zu characters long, "
				      "shorter than the parameter's MinLength %g in %s", kl, p->key,
				      f->item_len, f->limit, a->file);
		break;
	case SL_PV_LONG:
		sl_samcfg_report_pair(a->c, p, true, "the value given for %.*s is %zu characters long, "
				      "longer than the parameter's MaxLength %g in %s", kl, p->key,
				      f->item_len, f->limit, a->file);
		break;
	}
}

static void pair(struct sl_ctx *c, const struct sl_node *cmd_key, const struct sl_template *t,
		 const char *file, const struct sl_samcfg_pair *p, void *arg)
{
	(void)arg;
	/* the values CloudFormation receives: deploy's, sync's, and global's */
	if (!sl_str_eq(cmd_key, "deploy") && !sl_str_eq(cmd_key, "sync") &&
	    !sl_samcfg_is_global(cmd_key))
		return;
	const struct sl_entity *e = sl_index_find(&t->params, p->key, p->key_len);
	const struct sl_node *ty = e ? sl_param_type_node(e->value) : NULL;
	if (!ty)
		return;
	struct at a = { c, p, file };
	sl_pv_check(e->value, sl_param_type(ty->str, ty->len), p->value, p->value_len, fault, &a);
}

static void check(struct sl_ctx *c)
{
	sl_samcfg_each_override(c, pair, NULL);
}

const struct sl_rule rule_E99711 = {
	.id = "E99711",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_SAMCONFIG,
	.title = "parameter_overrides values satisfy the template's parameter constraints",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each value that `parameter_overrides` gives in a `deploy`, `sync` or `global` table, "
	"against the parameter it names in the template that table's command reads: one of its "
	"`AllowedValues`, a whole match of its `AllowedPattern`, a length within "
	"`MinLength`/`MaxLength` for string types, a number within `MinValue`/`MaxValue` for "
	"`Number` types; list types item by item. The same test as E2015 makes of a `Default`. "
	"Values are decoded as SAM CLI decodes them (quotes and escapes removed).\n\n"
	"### Why it matters\n"
	"CloudFormation validates parameter values when it creates the change set: a value "
	"outside the constraints fails `sam deploy` (`Parameter 'StageName' must be one of "
	"AllowedValues`) before anything is deployed, often in a pipeline, far from the "
	"samconfig line that causes it.\n\n"
	"### Bad\n"
	"```toml\n"
	"[prod.deploy.parameters]\n"
	"# template.yaml: StageName AllowedValues [dev, staging, prod]\n"
	"parameter_overrides = \"StageName=production\"\n"
	"```\n\n"
	"### Good\n"
	"```toml\n"
	"[prod.deploy.parameters]\n"
	"parameter_overrides = \"StageName=prod\"\n"
	"```\n",
	.check = check,
};
