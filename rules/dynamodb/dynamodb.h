/*
 * Helpers shared by the DynamoDB and Kinesis rules (rules/dynamodb/): the
 * condition scenarios a resource's properties can take when Fn::If chooses
 * between values, and the stream consumers of a template (event source
 * mappings and SAM DynamoDB / Kinesis events) with the kind of stream each one
 * reads. Literal integers are read with sl_samr_int() (samrules.h).
 */
#ifndef SL_RULES_DYNAMODB_DYNAMODB_H
#define SL_RULES_DYNAMODB_DYNAMODB_H

#include <stdbool.h>

#include "rules/sam/samrules.h"

#define SL_DDB_TABLE "AWS::DynamoDB::Table"
#define SL_DDB_GLOBAL_TABLE "AWS::DynamoDB::GlobalTable"
#define SL_DDB_KINESIS_STREAM "AWS::Kinesis::Stream"
#define SL_DDB_ESM "AWS::Lambda::EventSourceMapping"

/* DynamoDB Streams keeps a record for 24 hours (in seconds). */
#define SL_DDB_STREAM_RETENTION_S 86400

/* One condition scenario of a resource's properties, passed to the check of
 * sl_ddb_each_scenario(). Opaque to rules. */
struct sl_ddb_scenario;

typedef void (*sl_ddb_check_fn)(struct sl_ddb_scenario *s, const struct sl_node *props, void *ud);

/* For each resource whose Type is `type` or `type2` (NULL: `type` alone) and
 * whose Properties is a map (not a function), in source order, runs fn over
 * that map once per condition scenario of the properties named in keys
 * (NULL-terminated): once when no Fn::If appears in them, twice (the
 * condition true, then false) when every Fn::If there tests the same
 * condition. When they test more than one condition, or an Fn::If is
 * malformed, fn is not run at all: without relating the conditions to each
 * other a combination might be one that never happens. fn reads values with
 * sl_ddb_value() / sl_ddb_get() and reports with sl_ddb_report(); a finding of
 * both scenarios is reported once, one of a single scenario names it ("when
 * the condition 'X' is false"). Nothing is run in a template a global macro
 * transforms. Linear in the size of those properties (plus what fn does) and
 * O(k log k) in the k findings. */
void sl_ddb_each_scenario(struct sl_ctx *c, const char *type, const char *type2,
			  const char *const *keys, sl_ddb_check_fn fn, void *ud);

/* The value n takes in the scenario: an Fn::If on the scenario's condition is
 * followed to the branch taken (repeatedly), and {"Ref": "AWS::NoValue"} gives
 * NULL. Any other node, intrinsic functions included, is returned as it is. */
const struct sl_node *sl_ddb_value(const struct sl_ddb_scenario *s, const struct sl_node *n);

/* sl_ddb_value() of map's value for key (map itself is resolved first), or NULL. */
const struct sl_node *sl_ddb_get(const struct sl_ddb_scenario *s, const struct sl_node *map,
				 const char *key);

/* Records a finding of the current rule at node at for this scenario (see
 * sl_ddb_each_scenario for when and how it is reported). */
void sl_ddb_report(struct sl_ddb_scenario *s, const struct sl_node *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* How messages name the global secondary index ix, item i (from 0) of a
 * table's GlobalSecondaryIndexes: "global secondary index 'Name'" when its
 * IndexName is a literal string in the scenario, else "global secondary index
 * <i + 1>". In the arena; NULL when memory runs out. */
const char *sl_ddb_gsi_name(const struct sl_ddb_scenario *s, const struct sl_node *ix, size_t i);

/* The kind of stream an event source reads. */
enum sl_ddb_stream {
	SL_DDB_STREAM_UNKNOWN = 0, /* another kind of source, or one that cannot be known here */
	SL_DDB_STREAM_DYNAMODB,
	SL_DDB_STREAM_KINESIS,
};

/* A stream consumer: an AWS::Lambda::EventSourceMapping, or an event of an
 * AWS::Serverless::Function whose Type is DynamoDB, Kinesis, MSK or
 * SelfManagedKafka (the last two of kind UNKNOWN). */
struct sl_ddb_consumer {
	const struct sl_entity *res; /* the mapping, or the SAM function */
	const struct sl_node *event; /* SAM: the event's key; NULL for a mapping */
	const struct sl_node *props; /* the mapping's or the event's Properties map */
	const struct sl_node *anchor; /* where to report something missing: the Properties key */
	enum sl_ddb_stream kind;     /* for a mapping, from its EventSourceArn */
};

/* Calls fn for every event source mapping (kind may be UNKNOWN: MSK, SQS, a
 * parameter, ...) and every SAM DynamoDB, Kinesis, MSK or SelfManagedKafka
 * event whose Properties is a map, in resource order; for none in a template
 * a global macro transforms. A mapping's EventSourceArn is known as a DynamoDB
 * stream when it is a GetAtt of StreamArn on a table of the template or a
 * literal (or Fn::Sub) DynamoDB stream ARN, and as a Kinesis stream when it is
 * a GetAtt of Arn on an AWS::Kinesis::Stream, of ConsumerARN on an
 * AWS::Kinesis::StreamConsumer, or a literal (or Fn::Sub) Kinesis stream ARN. */
void sl_ddb_each_consumer(struct sl_ctx *c,
			  void (*fn)(struct sl_ctx *c, const struct sl_ddb_consumer *k, void *ud),
			  void *ud);

/* The index-count rules (E99306, W99307): for each table (Table and
 * GlobalTable) and scenario whose `key` list (LocalSecondaryIndexes or
 * GlobalSecondaryIndexes) has more than max items that stay (an Fn::If that
 * gives AWS::NoValue takes one away), reports at the key "<n> <kind>
 * secondary indexes: <why>". */
void sl_ddb_check_index_count(struct sl_ctx *c, const char *key, size_t max, const char *kind, const char *why);

/* "event 'Name' of 'Fn'" or "event source mapping 'Id'", in the arena. */
const char *sl_ddb_consumer_name(struct sl_ctx *c, const struct sl_ddb_consumer *k);

#endif
