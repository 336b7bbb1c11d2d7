/* E3690: an RDS DB cluster's engine is one CreateDBCluster accepts. */
#include <string.h>

#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The Amazon RDS API Reference, CreateDBCluster, Engine: "Valid Values:
 * aurora-mysql | aurora-postgresql | mysql | postgres | neptune"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html). */
static const char *const engines[] = {
	"aurora-mysql", "aurora-postgresql", "mysql", "postgres", "neptune",
};

static const struct sl_itype_site sites[] = {
	{ "AWS::RDS::DBCluster", { "Engine" } },
};

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	char buf[64];
	if (!sl_itype_lower(buf, sizeof(buf), v->str, v->len))
		return;
	for (size_t i = 0; i < N(engines); i++)
		if (strcmp(buf, engines[i]) == 0)
			return;
	if (strcmp(buf, "aurora") == 0) {
		sl_report(c, v, "'%s' is not an engine of RDS DB clusters: 'aurora' (Aurora MySQL version 1, "
			  "compatible with MySQL 5.6) was deprecated on February 28, 2023; use aurora-mysql "
			  "with an Aurora MySQL version 2 or 3 EngineVersion", v->str);
		return;
	}
	const char *sug = sl_suggest(buf, v->len, engines, N(engines));
	sl_report(c, v, "'%s' is not an engine of RDS DB clusters: CreateDBCluster accepts "
		  "aurora-mysql, aurora-postgresql, mysql, postgres and neptune%s%s%s", v->str,
		  sug ? "; did you mean '" : "", sug ? sug : "", sug ? "'?" : "");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3690 = {
	.id = "E3690",
	.severity = SL_SEV_ERROR,
	.title = "RDS DB cluster engines exist",
	.source = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBCluster.html",
	.doc =
	"### What it checks\n"
	"A literal `Engine` of an `AWS::RDS::DBCluster` is one of the values the RDS API's "
	"CreateDBCluster accepts: `aurora-mysql`, `aurora-postgresql`, `mysql`, `postgres` (Multi-AZ "
	"DB clusters) and `neptune`, compared without regard to case. The `aurora` engine (Aurora "
	"MySQL version 1, deprecated on February 28, 2023, as the Aurora MySQL release notes say, "
	"e.g. https://docs.aws.amazon.com/AmazonRDS/latest/AuroraMySQLReleaseNotes/AuroraMySQL.Updates.1234.html) "
	"is reported with `aurora-mysql` as the fix, "
	"a misspelt engine with the nearest valid one. Values from parameters or functions are not "
	"judged; of an `Fn::If`, each branch is judged when both are literal. The engine versions "
	"are not judged: no AWS data stacklint can carry lists them. The list is kept by hand from "
	"the CreateDBCluster reference.\n\n"
	"### Why it matters\n"
	"RDS rejects a DB cluster whose engine it does not offer when CloudFormation creates it, "
	"and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Cluster:\n"
	"    Type: AWS::RDS::DBCluster\n"
	"    Properties:\n"
	"      Engine: aurora\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Cluster:\n"
	"    Type: AWS::RDS::DBCluster\n"
	"    Properties:\n"
	"      Engine: aurora-mysql\n"
	"```\n",
	.check = check,
};
