/* E3638: an on-demand (PAY_PER_REQUEST) table sets no provisioned throughput, on the table or a GSI. */
#include "rules/dynamodb/dynamodb.h"

/* Reports map's ProvisionedThroughput when it surely provisions capacity: a
 * literal ReadCapacityUnits or WriteCapacityUnits other than 0 (CloudFormation
 * lets 0 and 0 through as unused settings). */
static void throughput(struct sl_ddb_scenario *s, const struct sl_node *map, const char *what)
{
	const struct sl_pair *pp = sl_map_get_pair(map, "ProvisionedThroughput");
	const struct sl_node *pt = pp ? sl_ddb_value(s, pp->value) : NULL;
	if (!sl_node_is(pt, SL_MAP) || sl_node_intrinsic(pt))
		return;
	long long rcu = 0, wcu = 0;
	bool r = sl_samr_int(sl_ddb_get(s, pt, "ReadCapacityUnits"), &rcu) && rcu != 0;
	bool w = sl_samr_int(sl_ddb_get(s, pt, "WriteCapacityUnits"), &wcu) && wcu != 0;
	if (!r && !w)
		return;
	sl_ddb_report(s, pp->key, "BillingMode is PAY_PER_REQUEST, but %s sets ProvisionedThroughput "
		      "(%s %lld): an on-demand table takes no provisioned capacity, and CloudFormation "
		      "rejects it. Remove ProvisionedThroughput, or set BillingMode: PROVISIONED", what,
		      r ? "ReadCapacityUnits" : "WriteCapacityUnits", r ? rcu : wcu);
}

static void check_scenario(struct sl_ddb_scenario *s, const struct sl_node *props, void *ud)
{
	(void)ud;
	if (!sl_str_eq(sl_ddb_get(s, props, "BillingMode"), "PAY_PER_REQUEST"))
		return;
	throughput(s, props, "the table");
	const struct sl_node *gsis = sl_ddb_get(s, props, "GlobalSecondaryIndexes");
	for (size_t i = 0; sl_node_is(gsis, SL_SEQ) && i < gsis->len; i++) {
		const struct sl_node *ix = sl_ddb_value(s, gsis->items[i]);
		if (!sl_node_is(ix, SL_MAP) || sl_node_intrinsic(ix))
			continue;
		throughput(s, ix, sl_ddb_gsi_name(s, ix, i));
	}
}

static void check(struct sl_ctx *c)
{
	static const char *const keys[] = { "BillingMode", "ProvisionedThroughput",
					    "GlobalSecondaryIndexes", NULL };
	sl_ddb_each_scenario(c, SL_DDB_TABLE, NULL, keys, check_scenario, NULL);
}

const struct sl_rule rule_E3638 = {
	.id = "E3638",
	.severity = SL_SEV_ERROR,
	.title = "On-demand tables set no provisioned throughput",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html",
	.doc =
	"### What it checks\n"
	"An `AWS::DynamoDB::Table` with `BillingMode: PAY_PER_REQUEST` sets no "
	"`ProvisionedThroughput`, neither on the table nor on any of its "
	"`GlobalSecondaryIndexes`. A throughput whose `ReadCapacityUnits` and "
	"`WriteCapacityUnits` are both 0 is let through (CloudFormation accepts it as an unused "
	"setting), and so is one whose values are not literal. Where `Fn::If` chooses the billing "
	"mode or the throughput, each value of the condition is judged when they all test the "
	"same condition.\n\n"
	"### Why it matters\n"
	"In on-demand mode DynamoDB bills each request and has no read or write capacity to "
	"provision. The table and index reference say it: with `PAY_PER_REQUEST` you cannot "
	"specify `ProvisionedThroughput`; the table fails to create and the stack rolls back. "
	"Capacity units are what provisioned mode buys: one read capacity unit is one strongly "
	"consistent read, or two eventually consistent reads, per second of an item up to 4 KB.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Orders:\n"
	"    Type: AWS::DynamoDB::Table\n"
	"    Properties:\n"
	"      BillingMode: PAY_PER_REQUEST\n"
	"      ProvisionedThroughput:\n"
	"        ReadCapacityUnits: 5\n"
	"        WriteCapacityUnits: 5\n"
	"      AttributeDefinitions:\n"
	"        - {AttributeName: id, AttributeType: S}\n"
	"      KeySchema:\n"
	"        - {AttributeName: id, KeyType: HASH}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Orders:\n"
	"    Type: AWS::DynamoDB::Table\n"
	"    Properties:\n"
	"      BillingMode: PAY_PER_REQUEST\n"
	"      AttributeDefinitions:\n"
	"        - {AttributeName: id, AttributeType: S}\n"
	"      KeySchema:\n"
	"        - {AttributeName: id, KeyType: HASH}\n"
	"```\n",
	.check = check,
};
