/* E3691: an RDS DB instance's engine is one CreateDBInstance accepts. */
#include <string.h>

#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The Amazon RDS API Reference, CreateDBInstance, Engine, "Valid Values"
 * (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html),
 * and sqlserver-dev-ee, the RDS for SQL Server engine the custom engine version
 * actions name (API_CreateCustomDBEngineVersion.html). neptune and docdb, the
 * engines of Neptune and DocumentDB instances, which share the RDS API, are
 * let through rather than judged. */
static const char *const engines[] = {
	"aurora-mysql", "aurora-postgresql",
	"custom-oracle-ee", "custom-oracle-ee-cdb", "custom-oracle-se2", "custom-oracle-se2-cdb",
	"custom-sqlserver-ee", "custom-sqlserver-se", "custom-sqlserver-web", "custom-sqlserver-dev",
	"db2-ae", "db2-se", "mariadb", "mysql",
	"oracle-ee", "oracle-ee-cdb", "oracle-se2", "oracle-se2-cdb", "postgres",
	"sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web", "sqlserver-dev-ee",
	"neptune", "docdb",
};

/* Engines that are no longer offered, and what replaced them: the Aurora MySQL
 * release notes of version 1 (AuroraMySQL.Updates.1234.html) give its date. */
static const struct {
	const char *name, *why;
} retired[] = {
	{ "aurora", "'aurora' (Aurora MySQL version 1, compatible with MySQL 5.6) was deprecated on "
		    "February 28, 2023; use aurora-mysql" },
};

static const struct sl_itype_site sites[] = {
	{ "AWS::RDS::DBInstance", { "Engine" } },
};

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	char buf[64];
	if (!sl_itype_lower(buf, sizeof(buf), v->str, v->len))
		return;
	for (size_t i = 0; i < N(engines); i++)
		if (strcmp(buf, engines[i]) == 0)
			return;
	for (size_t i = 0; i < N(retired); i++)
		if (strcmp(buf, retired[i].name) == 0) {
			sl_report(c, v, "'%s' is not an engine of RDS DB instances: %s", v->str,
				  retired[i].why);
			return;
		}
	const char *sug = sl_suggest(buf, v->len, engines, N(engines));
	sl_report(c, v, "'%s' is not an engine of RDS DB instances: CreateDBInstance takes the "
		  "mysql, postgres, mariadb, aurora-mysql, aurora-postgresql, oracle-*, sqlserver-*, "
		  "db2-* and custom-* engines%s%s%s", v->str, sug ? "; did you mean '" : "", sug ? sug : "",
		  sug ? "'?" : "");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3691 = {
	.id = "E3691",
	.severity = SL_SEV_ERROR,
	.title = "RDS DB instance engines exist",
	.source = "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
	.doc =
	"### What it checks\n"
	"A literal `Engine` of an `AWS::RDS::DBInstance` is one of the values the RDS API's "
	"CreateDBInstance accepts (`aurora-mysql`, `aurora-postgresql`, `mariadb`, `mysql`, "
	"`postgres`, `db2-ae`, `db2-se`, `oracle-ee`, `oracle-ee-cdb`, `oracle-se2`, "
	"`oracle-se2-cdb`, `sqlserver-ee`, `sqlserver-se`, `sqlserver-ex`, `sqlserver-web`, the "
	"RDS Custom engines `custom-oracle-*` and `custom-sqlserver-*`, and `sqlserver-dev-ee`), "
	"compared without regard to case. The retired `aurora` engine (Aurora MySQL version 1, "
	"deprecated on February 28, 2023, as the Aurora MySQL release notes say) is reported with "
	"`aurora-mysql` as the fix, a misspelt engine with the nearest valid one. `neptune` and `docdb` "
	"are let through. Values from parameters or functions are not judged; of an `Fn::If`, "
	"each branch is judged when both are literal. Engine versions are not judged: no AWS data "
	"stacklint can carry lists them. The list is kept by hand from the CreateDBInstance "
	"reference.\n\n"
	"### Why it matters\n"
	"RDS rejects a DB instance whose engine it does not offer when CloudFormation creates it, "
	"and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Database:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      Engine: postgresql\n"
	"      DBInstanceClass: db.t4g.micro\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Database:\n"
	"    Type: AWS::RDS::DBInstance\n"
	"    Properties:\n"
	"      Engine: postgres\n"
	"      DBInstanceClass: db.t4g.micro\n"
	"```\n",
	.check = check,
};
