/* E99306: a table has at most 5 local secondary indexes. */
#include "rules/dynamodb/dynamodb.h"

static void check(struct sl_ctx *c)
{
	sl_ddb_check_index_count(c, "LocalSecondaryIndexes", 5, "local",
				 "a DynamoDB table can have at most 5, and DynamoDB rejects the table. "
				 "Drop some, or make them global secondary indexes");
}

const struct sl_rule rule_E99306 = {
	.id = "E99306",
	.severity = SL_SEV_ERROR,
	.title = "At most 5 local secondary indexes per table",
	.source = "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html",
	.doc =
	"### What it checks\n"
	"An `AWS::DynamoDB::Table` or `AWS::DynamoDB::GlobalTable` has at most 5 "
	"`LocalSecondaryIndexes`. Items that `Fn::If` leaves out with `AWS::NoValue` do not count; "
	"where `Fn::If` in the list tests one condition, each value of it is judged.\n\n"
	"### Why it matters\n"
	"Five local secondary indexes per table is a fixed DynamoDB limit, not a quota that can "
	"be raised, and local indexes can only be created with the table: CreateTable rejects a "
	"sixth and the stack fails. Global secondary indexes have their own, larger quota.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      LocalSecondaryIndexes:   # six indexes\n"
	"        - {IndexName: ByA, KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: a, KeyType: RANGE}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"        - {IndexName: ByB, KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: b, KeyType: RANGE}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"        - {IndexName: ByC, KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: c, KeyType: RANGE}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"        - {IndexName: ByD, KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: d, KeyType: RANGE}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"        - {IndexName: ByE, KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: e, KeyType: RANGE}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"        - {IndexName: ByF, KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: f, KeyType: RANGE}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      LocalSecondaryIndexes:   # five local indexes; the sixth became a global one\n"
	"        - {IndexName: ByA, KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: a, KeyType: RANGE}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"        - {IndexName: ByB, KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: b, KeyType: RANGE}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"        - {IndexName: ByC, KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: c, KeyType: RANGE}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"        - {IndexName: ByD, KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: d, KeyType: RANGE}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"        - {IndexName: ByE, KeySchema: [{AttributeName: pk, KeyType: HASH}, {AttributeName: e, KeyType: RANGE}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"      GlobalSecondaryIndexes:\n"
	"        - {IndexName: ByF, KeySchema: [{AttributeName: f, KeyType: HASH}], Projection: {ProjectionType: KEYS_ONLY}}\n"
	"```\n",
	.check = check,
};
