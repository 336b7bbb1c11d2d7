/* E3667: a Redshift cluster's node type is one CreateCluster accepts. */
#include <string.h>

#include "engine/engine.h"
#include "rules/resources/itypes.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The Amazon Redshift API Reference, CreateCluster, NodeType: "Valid Values:
 * dc2.large | dc2.8xlarge | ra3.large | ra3.xlplus | ra3.4xlarge |
 * ra3.16xlarge" (https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html). */
static const char *const node_types[] = {
	"dc2.large", "dc2.8xlarge", "ra3.large", "ra3.xlplus", "ra3.4xlarge", "ra3.16xlarge",
};

/* Families of node types the list knows, and families it no longer names
 * (the DC1 and DS2 node types, which the list once held). A family in
 * neither is left alone: it may be newer than the list. */
static const char *const current[] = { "dc2", "ra3" };
static const char *const retired[] = { "dc1", "ds2" };

static const struct sl_itype_site sites[] = {
	{ "AWS::Redshift::Cluster", { "NodeType" } },
};

static bool in(const char *s, size_t len, const char *const *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return true;
	return false;
}

static void judge(struct sl_ctx *c, const struct sl_node *v)
{
	char buf[64];
	if (!sl_itype_lower(buf, sizeof(buf), v->str, v->len))
		return;
	if (in(buf, v->len, node_types, N(node_types)))
		return;
	const char *dot = strchr(buf, '.');
	if (!dot)
		return;
	size_t fam = (size_t)(dot - buf);
	if (in(buf, fam, retired, N(retired))) {
		sl_report(c, v, "'%s' is not a node type CreateCluster accepts: its valid values no longer "
			  "include the %.*s node types; use an RA3 node type (ra3.large, ra3.xlplus, "
			  "ra3.4xlarge, ra3.16xlarge)", v->str, (int)fam, v->str);
		return;
	}
	if (!in(buf, fam, current, N(current)))
		return;
	const char *sug = sl_suggest(buf, v->len, node_types, N(node_types));
	sl_report(c, v, "'%s' is not a node type CreateCluster accepts: the %.*s family has no such "
		  "size%s%s%s", v->str, (int)fam, v->str, sug ? "; did you mean '" : "",
		  sug ? sug : "", sug ? "'?" : "");
}

static void check(struct sl_ctx *c)
{
	sl_itype_walk(c, sites, N(sites), judge);
}

const struct sl_rule rule_E3667 = {
	.id = "E3667",
	.severity = SL_SEV_ERROR,
	.title = "Redshift cluster node types exist",
	.source = "https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html",
	.doc =
	"### What it checks\n"
	"A literal `NodeType` of an `AWS::Redshift::Cluster` is one of the values the Redshift "
	"API's CreateCluster accepts (`dc2.large`, `dc2.8xlarge`, `ra3.large`, `ra3.xlplus`, "
	"`ra3.4xlarge`, `ra3.16xlarge`), compared without regard to case: a DS2 or DC1 node type, "
	"which the list no longer names, is reported with the RA3 types as the fix, and an unknown "
	"size of the DC2 or RA3 family with the nearest valid one. A node type of another family is "
	"not judged (it may be newer than the list, which is kept by hand from the CreateCluster "
	"reference), nor are values from parameters or functions; of an `Fn::If`, each branch is "
	"judged when both are literal. Availability by Region is not judged.\n\n"
	"### Why it matters\n"
	"Redshift rejects a cluster whose node type it does not offer when CloudFormation creates "
	"it, and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Warehouse:\n"
	"    Type: AWS::Redshift::Cluster\n"
	"    Properties:\n"
	"      NodeType: ds2.xlarge\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Warehouse:\n"
	"    Type: AWS::Redshift::Cluster\n"
	"    Properties:\n"
	"      NodeType: ra3.xlplus\n"
	"```\n",
	.check = check,
};
