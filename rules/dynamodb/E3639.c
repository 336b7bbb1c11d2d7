/* E3639: a provisioned table (BillingMode PROVISIONED, the default) sets ProvisionedThroughput, on the table and each GSI. */
#include "rules/dynamodb/dynamodb.h"

static void check_scenario(struct sl_ddb_scenario *s, const struct sl_node *props, void *ud)
{
	(void)ud;
	const struct sl_node *bm = sl_ddb_get(s, props, "BillingMode");
	if (bm && !sl_str_eq(bm, "PROVISIONED"))
		return; /* PAY_PER_REQUEST, a parameter, or a value E3030 reports */
	const char *mode = bm ? "BillingMode is PROVISIONED" :
				"BillingMode is not set, so it is PROVISIONED (the default)";
	if (!sl_ddb_get(s, props, "ProvisionedThroughput"))
		sl_ddb_report(s, bm ? bm : sl_map_key_of(props) /* the Properties key */,
			      "%s, but the table has no ProvisionedThroughput: "
			      "CloudFormation fails to create it (\"Property ProvisionedThroughput cannot be "
			      "empty\"). Set ProvisionedThroughput (ReadCapacityUnits and WriteCapacityUnits), "
			      "or BillingMode: PAY_PER_REQUEST for an on-demand table", mode);
	const struct sl_node *gsis = sl_ddb_get(s, props, "GlobalSecondaryIndexes");
	for (size_t i = 0; sl_node_is(gsis, SL_SEQ) && i < gsis->len; i++) {
		const struct sl_node *ix = sl_ddb_value(s, gsis->items[i]);
		if (!sl_node_is(ix, SL_MAP) || sl_node_intrinsic(ix) ||
		    sl_ddb_get(s, ix, "ProvisionedThroughput"))
			continue;
		const struct sl_pair *np = sl_map_get_pair(ix, "IndexName");
		const char *what = sl_ddb_gsi_name(s, ix, i);
		sl_ddb_report(s, np ? np->value : ix, "%s, but %s has no ProvisionedThroughput: in "
			      "provisioned mode each global secondary index has capacity of its own, and "
			      "DynamoDB rejects the table without it. Give the index a ProvisionedThroughput, "
			      "or set BillingMode: PAY_PER_REQUEST", mode, what ? what : "an index");
	}
}

static void check(struct sl_ctx *c)
{
	static const char *const keys[] = { "BillingMode", "ProvisionedThroughput",
					    "GlobalSecondaryIndexes", NULL };
	sl_ddb_each_scenario(c, SL_DDB_TABLE, NULL, keys, check_scenario, NULL);
}

const struct sl_rule rule_E3639 = {
	.id = "E3639",
	.severity = SL_SEV_ERROR,
	.title = "Provisioned tables set their throughput",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-dynamodb-table-globalsecondaryindex.html",
	.doc =
	"### What it checks\n"
	"An `AWS::DynamoDB::Table` whose `BillingMode` is `PROVISIONED`, or is not set (the "
	"default is `PROVISIONED`), sets `ProvisionedThroughput`, and so does each of its "
	"`GlobalSecondaryIndexes`. A billing mode that is not literal (a parameter, an import) is "
	"not judged; where `Fn::If` chooses the billing mode or the throughput, each value of the "
	"condition is judged when they all test the same condition.\n\n"
	"### Why it matters\n"
	"In provisioned mode the table and each global secondary index have the read and write "
	"capacity they are given, and no default: the `AWS::DynamoDB::Table` and "
	"`GlobalSecondaryIndex` references say that with `PROVISIONED` you must specify "
	"`ProvisionedThroughput`. Without it the table fails to create (\"Property "
	"ProvisionedThroughput cannot be empty\"), which is easy to miss when `BillingMode` was "
	"simply left out. One read capacity unit is one strongly consistent read, or two "
	"eventually consistent reads, per second of an item up to 4 KB.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Orders:\n"
	"    Type: AWS::DynamoDB::Table\n"
	"    Properties:\n"
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
