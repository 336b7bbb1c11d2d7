/* W99712: `sam deploy` gives every template parameter without a Default a value. */
#include <string.h>

#include "rules/samconfig/samconfig.h"

struct given {
	const struct sl_template *t;
	bool *set;     /* per parameter of t, in index order */
	bool refused;  /* the value does not parse: another rule's business */
};

static void pair(struct sl_ctx *c, const struct sl_samcfg_pair *p, void *arg)
{
	(void)c;
	struct given *g = arg;
	const struct sl_entity *e = sl_index_find(&g->t->params, p->key, p->key_len);
	if (e)
		g->set[e - g->t->params.items] = true;
}

static void bad(struct sl_ctx *c, const struct sl_samcfg_badtext *b, void *arg)
{
	(void)c;
	if (b->why == SL_SAMCFG_REFUSED)
		((struct given *)arg)->refused = true;
}

static void deploy(struct sl_ctx *c, const struct sl_node *env_key, const struct sl_node *cmd_key,
		   const struct sl_samcfg_command *cmd, const struct sl_node *params, void *arg)
{
	(void)cmd;
	(void)arg;
	if (!sl_str_eq(cmd_key, "deploy"))
		return;
	const char *file;
	const struct sl_template *t = sl_samcfg_template(c, env_key->str, "deploy", &file);
	if (!t || !t->params.n)
		return;
	struct given g = { t, sl_arena_alloc(c->arena, t->params.n), false };
	if (!g.set) {
		c->oom = true;
		return;
	}
	memset(g.set, 0, t->params.n);
	const struct sl_node *v = sl_samcfg_param(c->root, env_key->str, "deploy", "parameter_overrides");
	if (v && sl_samcfg_each_pair(c, v, SL_SAMCFG_OVERRIDES, pair, bad, &g) < 0) {
		c->oom = true;
		return;
	}
	if (g.refused || (v && !sl_node_is(v, SL_SCALAR) && !sl_node_is(v, SL_SEQ)))
		return;
	const struct sl_node *at = v ? v : sl_map_key_of(params) ? sl_map_key_of(params) : params;
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_entity *e = &t->params.items[i];
		if (g.set[i] || !sl_node_is(e->value, SL_MAP) || sl_map_get(e->value, "Default"))
			continue;
		sl_report(c, at, "environment '%s' deploys %s, whose parameter '%s' (line %u) has no "
			  "Default, and %s: the first deploy of the stack fails ('Parameters: [%s] must "
			  "have values'), later ones reuse the stack's previous value", env_key->str, file,
			  e->key->str, sl_doc_line(t->doc, e->key),
			  v ? "parameter_overrides gives it no value" : "no parameter_overrides give it a value",
			  e->key->str);
	}
}

static void check(struct sl_ctx *c)
{
	sl_samcfg_each_params(c, deploy, NULL);
}

const struct sl_rule rule_W99712 = {
	.id = "W99712",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_SAMCONFIG,
	.title = "sam deploy gives every parameter without a Default a value",
	.source = SL_SAMCFG_DEPLOY_DOC,
	.doc =
	"### What it checks\n"
	"For every environment with a `deploy` table: each parameter of the template it deploys "
	"(`template_file`, else `.aws-sam/build/template.yaml`, `template.yaml`, "
	"`template.yml` or `template.json` beside the samconfig) that has no `Default` gets a "
	"value from the `parameter_overrides` that `sam deploy` reads (the deploy table's, else "
	"the environment's `global` one). Nothing is said when the template cannot be found or "
	"the overrides do not parse.\n\n"
	"### Why it matters\n"
	"For a parameter it is given no value for, `sam deploy` asks CloudFormation to keep the "
	"stack's previous value. A stack that does not exist yet has none: the first deploy — a "
	"new environment, a new account, a colleague's sandbox — fails with `Parameters: [...] "
	"must have values`. It is a warning because later deploys of an existing stack succeed "
	"with the old value.\n\n"
	"### Bad\n"
	"```toml\n"
	"[staging.deploy.parameters]\n"
	"stack_name = \"orders-staging\"\n"
	"# template.yaml: DatabaseUrl has no Default\n"
	"parameter_overrides = \"StageName=staging\"\n"
	"```\n\n"
	"### Good\n"
	"```toml\n"
	"[staging.deploy.parameters]\n"
	"stack_name = \"orders-staging\"\n"
	"parameter_overrides = \"StageName=staging DatabaseUrl=postgres://db.staging:5432/orders\"\n"
	"```\n",
	.check = check,
};
