/* E99305: a local secondary index shares the table's partition key, and needs a table with a sort key. */
#include <string.h>

#include "rules/dynamodb/dynamodb.h"

/* The literal HASH and RANGE attribute names of a key schema in this
 * scenario. Returns false when the key schema cannot be read (not a list, a
 * name or key type that is not literal). */
static bool key_names(struct sl_ddb_scenario *s, const struct sl_node *ks,
		      const struct sl_node **hash, const struct sl_node **range)
{
	*hash = *range = NULL;
	if (!sl_node_is(ks, SL_SEQ))
		return false;
	for (size_t i = 0; i < ks->len; i++) {
		const struct sl_node *it = sl_ddb_value(s, ks->items[i]);
		if (!it)
			continue;
		const struct sl_node *name = sl_ddb_get(s, it, "AttributeName");
		const struct sl_node *type = sl_ddb_get(s, it, "KeyType");
		if (!sl_samr_is_string(name) || !sl_samr_is_string(type))
			return false;
		if (sl_str_eq(type, "HASH"))
			*hash = name;
		else if (sl_str_eq(type, "RANGE"))
			*range = name;
	}
	return true;
}

static bool same_text(const struct sl_node *a, const struct sl_node *b)
{
	return a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

static void check_scenario(struct sl_ddb_scenario *s, const struct sl_node *props, void *ud)
{
	(void)ud;
	const struct sl_node *lsis = sl_ddb_get(s, props, "LocalSecondaryIndexes");
	if (!sl_node_is(lsis, SL_SEQ))
		return;
	size_t n = 0;
	for (size_t i = 0; i < lsis->len; i++)
		n += sl_ddb_value(s, lsis->items[i]) != NULL;
	const struct sl_node *hash, *range;
	if (!n || !key_names(s, sl_ddb_get(s, props, "KeySchema"), &hash, &range) || !hash)
		return;
	if (!range) {
		sl_ddb_report(s, sl_map_get_pair(props, "LocalSecondaryIndexes")->key,
			      "the table's KeySchema has no sort (RANGE) key, so it can have no local "
			      "secondary index: an LSI keeps the table's partition key '%s' and sorts its "
			      "items by another attribute, and DynamoDB rejects it on a table without a "
			      "sort key. Add a RANGE key to the table, or make these global secondary "
			      "indexes", hash->str);
		return;
	}
	for (size_t i = 0; i < lsis->len; i++) {
		const struct sl_node *ix = sl_ddb_value(s, lsis->items[i]);
		const struct sl_node *ih, *ir;
		if (!sl_node_is(ix, SL_MAP) || sl_node_intrinsic(ix) ||
		    !key_names(s, sl_ddb_get(s, ix, "KeySchema"), &ih, &ir) || !ih ||
		    same_text(ih, hash))
			continue;
		const struct sl_node *name = sl_ddb_get(s, ix, "IndexName");
		sl_ddb_report(s, ih, "the partition (HASH) key of local secondary index %s%s%s is '%s', "
			      "but the table's is '%s': a local secondary index has the table's partition "
			      "key and only another sort key, and DynamoDB rejects any other. Use '%s' here, "
			      "or make it a global secondary index",
			      sl_samr_is_string(name) ? "'" : "", sl_samr_is_string(name) ? name->str : "",
			      sl_samr_is_string(name) ? "'" : "", ih->str, hash->str, hash->str);
	}
}

static void check(struct sl_ctx *c)
{
	static const char *const keys[] = { "KeySchema", "LocalSecondaryIndexes", NULL };
	sl_ddb_each_scenario(c, SL_DDB_TABLE, SL_DDB_GLOBAL_TABLE, keys, check_scenario, NULL);
}

const struct sl_rule rule_E99305 = {
	.id = "E99305",
	.severity = SL_SEV_ERROR,
	.title = "Local secondary indexes keep the table's partition key",
	.source = "https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html",
	.doc =
	"### What it checks\n"
	"Each of the `LocalSecondaryIndexes` of an `AWS::DynamoDB::Table` or "
	"`AWS::DynamoDB::GlobalTable` has, as its partition (`HASH`) key, the table's partition "
	"key; and a table with local secondary indexes has a sort (`RANGE`) key. Key schemas "
	"whose names or key types are not literal are not judged; where `Fn::If` changes the keys "
	"or the indexes, each value of the condition is judged when they all test the same "
	"condition.\n\n"
	"### Why it matters\n"
	"A local secondary index is local to a partition: it keeps the table's partition key and "
	"orders the items of each partition by another sort key (CreateTable: the key schema of a "
	"local secondary index must begin with the same partition key as the table). DynamoDB "
	"rejects an index with another partition key, and any local index on a table with a "
	"simple (partition-key-only) primary key; the stack fails. An index with its own "
	"partition key is a global secondary index.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      KeySchema:\n"
	"        - {AttributeName: CustomerId, KeyType: HASH}\n"
	"        - {AttributeName: OrderId, KeyType: RANGE}\n"
	"      LocalSecondaryIndexes:\n"
	"        - IndexName: ByStatus\n"
	"          KeySchema:\n"
	"            - {AttributeName: Status, KeyType: HASH}\n"
	"            - {AttributeName: OrderDate, KeyType: RANGE}\n"
	"          Projection: {ProjectionType: ALL}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      KeySchema:\n"
	"        - {AttributeName: CustomerId, KeyType: HASH}\n"
	"        - {AttributeName: OrderId, KeyType: RANGE}\n"
	"      LocalSecondaryIndexes:\n"
	"        - IndexName: ByDate\n"
	"          KeySchema:\n"
	"            - {AttributeName: CustomerId, KeyType: HASH}\n"
	"            - {AttributeName: OrderDate, KeyType: RANGE}\n"
	"          Projection: {ProjectionType: ALL}\n"
	"```\n",
	.check = check,
};
