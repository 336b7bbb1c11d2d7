/* W99307: a table has at most 20 global secondary indexes (the default quota). */
#include "rules/dynamodb/dynamodb.h"

static void check(struct sl_ctx *c)
{
	sl_ddb_check_index_count(c, "GlobalSecondaryIndexes", 20, "global",
				 "DynamoDB's default quota is 20 per table, and the table fails to create "
				 "unless the quota was raised for this account and Region. Drop some, or "
				 "request the increase first");
}

const struct sl_rule rule_W99307 = {
	.id = "W99307",
	.severity = SL_SEV_WARNING,
	.title = "At most 20 global secondary indexes per table (default quota)",
	.source = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html",
	.doc =
	"### What it checks\n"
	"An `AWS::DynamoDB::Table` or `AWS::DynamoDB::GlobalTable` has at most 20 "
	"`GlobalSecondaryIndexes`. Items that `Fn::If` leaves out with `AWS::NoValue` do not count; "
	"where `Fn::If` in the list tests one condition, each value of it is judged.\n\n"
	"### Why it matters\n"
	"DynamoDB's default quota is 20 global secondary indexes per table. Beyond it the table "
	"fails to create or update and the stack rolls back, unless the quota was raised through "
	"Service Quotas for the account and Region the stack deploys to: hence a warning, not an "
	"error.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      GlobalSecondaryIndexes:   # 21 indexes\n"
	"        - {IndexName: By01, KeySchema: [{AttributeName: a01, KeyType: HASH}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"        # ... By02 to By20 ...\n"
	"        - {IndexName: By21, KeySchema: [{AttributeName: a21, KeyType: HASH}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      GlobalSecondaryIndexes:   # 20 indexes, or a quota raised beforehand\n"
	"        - {IndexName: By01, KeySchema: [{AttributeName: a01, KeyType: HASH}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"        # ... By02 to By20 ...\n"
	"```\n",
	.check = check,
};
