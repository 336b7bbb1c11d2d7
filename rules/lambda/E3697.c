/* E3697: a function's environment variables together exceed Lambda's 4 KB. */
#include "rules/lambda/lambda.h"

#define ENV_LIMIT 4096

/* Adds to *sum the bytes a map of variables surely takes: each key whose value
 * is surely there, and each literal value. Keys of `skip` (the resource's own
 * map when this one is Globals') are left out: the resource's value wins.
 * Stops once the sum is over the limit, so that the lookups in `skip` stay
 * bounded (each key counts at least one byte). */
static void add_vars(size_t *sum, const struct sl_node *vars, const struct sl_node *skip)
{
	if (!sl_node_is(vars, SL_MAP) || sl_node_intrinsic(vars))
		return;
	for (size_t i = 0; i < vars->len && *sum <= ENV_LIMIT; i++) {
		const struct sl_pair *p = &vars->pairs[i];
		if (sl_foreach_key(p->key) || !sl_samr_item_certain(p->value) || sl_samr_is_null(p->value))
			continue;
		if (skip && sl_map_get_pair_n(skip, p->key->str, p->key->len))
			continue;
		*sum += p->key->len;
		if (sl_node_is(p->value, SL_SCALAR))
			*sum += p->value->len;
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const char *const path[] = { "Environment", "Variables", NULL };
	struct sl_samr_types tw;
	sl_samr_functions_init(&tw, t);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		struct sl_sam_value v;
		sl_sam_lookup(&v, t, e, path);
		const struct sl_node *local = v.how == SL_SAM_GLOBAL ? NULL : v.local;
		const struct sl_node *global =
			v.how == SL_SAM_GLOBAL || v.how == SL_SAM_MAP_MERGE ? v.global : NULL;
		size_t sum = 0;
		add_vars(&sum, local, NULL);
		add_vars(&sum, global, local);
		if (sum <= ENV_LIMIT)
			continue;
		const struct sl_node *at = local ? local : global;
		const struct sl_node *k = sl_map_key_of(at);
		sl_report(c, k ? k : at,
			  "the environment variables of %.*s take at least %zu bytes (names and literal "
			  "values%s), over the 4 KB (4096 bytes) Lambda allows for all of a function's "
			  "variables together: Lambda rejects the function. Move large values to SSM "
			  "Parameter Store, Secrets Manager or S3 and read them at start-up",
			  (int)e->key->len, e->key->str, sum, global ? ", with Globals" : "");
	}
}

const struct sl_rule rule_E3697 = {
	.id = "E3697",
	.severity = SL_SEV_ERROR,
	.title = "Environment variables within Lambda's 4 KB",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html",
	.doc =
	"### What it checks\n"
	"The `Environment.Variables` of an `AWS::Lambda::Function`, or of an "
	"`AWS::Serverless::Function` merged with SAM's `Globals`, take no more than 4096 bytes: "
	"the names of the variables plus their literal values. A value given by a parameter or a "
	"function counts nothing (only its name), and a variable set in only one branch of an "
	"`Fn::If` is not counted, so the sum is a lower bound.\n\n"
	"### Why it matters\n"
	"Lambda's quotas give 4 KB for all of a function's environment variables together, and "
	"the quota cannot be raised. A function over it is rejected, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Environment:\n"
	"        Variables:\n"
	"          CERTIFICATE: \"-----BEGIN CERTIFICATE----- ... 5000 characters ...\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      Environment:\n"
	"        Variables:\n"
	"          CERTIFICATE_PARAMETER: /app/certificate\n"
	"```\n",
	.check = check,
};
