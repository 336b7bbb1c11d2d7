/* E99922: an env.yaml EnvironmentTier names a tier and the type that goes with it. */
#include <string.h>

#include "rules/beanstalk/ebconfig.h"
#include "rules/refs.h"

/* Tier names and their types, as the EnvironmentTier API page lists them
 * (Cluster/EKS is the newest pair). */
static const char *const names[] = {"WebServer", "Worker", "Cluster", NULL};
static const char *const types[] = {"Standard", "SQS/HTTP", "EKS", NULL};

static int index_of(const struct sl_node *n, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (sl_str_eq(n, list[i]))
			return i;
	return -1;
}

static bool literal(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && !sl_node_is_null(n);
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_ebc_is_manifest(root))
		return;
	const struct sl_node *tier = sl_map_get(root, "EnvironmentTier");
	if (!tier || sl_node_is_null(tier))
		return;
	if (!sl_node_is(tier, SL_MAP)) {
		sl_report(c, tier, "EnvironmentTier is a mapping with Name and Type (Name: Worker, "
			  "Type: SQS/HTTP), not a %s", sl_eb_what(tier));
		return;
	}
	const struct sl_node *name = sl_map_get(tier, "Name"), *type = sl_map_get(tier, "Type");
	int ni = -1, ti = -1;
	if (literal(name) && (ni = index_of(name, names)) < 0)
		sl_report(c, name, "'%.*s' is not an environment tier%s: Name is WebServer, Worker "
			  "or Cluster", SL_EB_STR(name), sl_did_you_mean(c, sl_ebc_suggest(name, names)));
	if (literal(type) && (ti = index_of(type, types)) < 0)
		sl_report(c, type, "'%.*s' is not an environment tier type%s: Type is Standard (web "
			  "server), SQS/HTTP (worker) or EKS (cluster)", SL_EB_STR(type),
			  sl_did_you_mean(c, sl_ebc_suggest(type, types)));
	if (ni >= 0 && ti >= 0 && ni != ti)
		sl_report(c, type, "a %s tier has Type %s, not %.*s: Elastic Beanstalk pairs "
			  "WebServer with Standard, Worker with SQS/HTTP and Cluster with EKS",
			  names[ni], types[ni], SL_EB_STR(type));
}

const struct sl_rule rule_E99922 = {
	.id = "E99922",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_EB_ENV,
	.title = "env.yaml EnvironmentTier names a tier and its type",
	.source = "https://docs.aws.amazon.com/elasticbeanstalk/latest/api/API_EnvironmentTier.html",
	.doc =
	"### What it checks\n"
	"The `EnvironmentTier` of an environment manifest (`env.yaml`): a mapping whose "
	"`Name` is `WebServer`, `Worker` or `Cluster` and whose `Type` is the one that goes "
	"with it: `Standard` for a web server, `SQS/HTTP` for a worker, `EKS` for a cluster. "
	"Values are compared as written. A tier left out is a web server, and is not "
	"reported.\n\n"
	"### Why it matters\n"
	"Elastic Beanstalk's EnvironmentTier takes only these names and types. A worker "
	"written `Type: Standard`, or a misspelt name, does not make the environment the "
	"manifest describes: the request that creates it fails, or the environment is not "
	"the tier its code expects (a worker without its SQS queue and daemon).\n\n"
	"### Bad\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"EnvironmentName: worker+\n"
	"EnvironmentTier:\n"
	"  Name: Worker\n"
	"  Type: Standard\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"EnvironmentName: worker+\n"
	"EnvironmentTier:\n"
	"  Name: Worker\n"
	"  Type: SQS/HTTP\n"
	"```\n",
	.check = check,
};
