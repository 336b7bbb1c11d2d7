/*
 * Helpers shared by the storage and queue rules (rules/storage/): integer
 * properties with their defaults, the Lambda event sources that read an SQS
 * queue (event source mappings and SAM SQS events) with the queue and the
 * function they join, the timeouts of both, the service behind an event
 * source ARN, and the RDS monitoring settings. Literal integers are read with
 * sl_samr_int() (samrules.h).
 */
#ifndef SL_RULES_STORAGE_STORAGE_H
#define SL_RULES_STORAGE_STORAGE_H

#include <stdbool.h>

#include "rules/sam/samrules.h"

#define SL_STO_ESM "AWS::Lambda::EventSourceMapping"
#define SL_STO_QUEUE "AWS::SQS::Queue"
#define SL_STO_BUCKET "AWS::S3::Bucket"

/* True when n is absent, YAML's null or {"Ref": "AWS::NoValue"}. */
bool sl_sto_absent(const struct sl_node *n);

/* The pair of property `name` of props when it is surely set: present, not
 * null or AWS::NoValue (sl_sto_absent), and not dropped by a branch of an
 * Fn::If (sl_samr_item_certain); NULL otherwise. */
const struct sl_pair *sl_sto_set_pair(const struct sl_node *props, const char *name);

/* True when a Properties map holds an Fn::ForEach loop left as written (no
 * LanguageExtensions transform to expand it): it may make any property, so
 * that an absent one cannot be taken as absent. */
bool sl_sto_props_open(const struct sl_node *props);

/* The value of an integer property of a resource's Properties map, or its
 * default when the property is absent: 1 with *out set (*at the node that
 * gives it, or NULL for the default), 0 when it cannot be known here (an
 * intrinsic function, a value that is not a whole number, an absent property
 * in a map that sl_sto_props_open() says is open). */
int sl_sto_int_prop(const struct sl_node *props, const char *name, long long def, long long *out,
		    const struct sl_node **at);

/* A Lambda event source that reads an SQS queue. */
struct sl_sqs_source {
	const struct sl_entity *res;      /* the AWS::Lambda::EventSourceMapping, or the SAM function */
	const struct sl_node *event;      /* SAM: the event's key under Events; NULL for a mapping */
	const struct sl_node *props;      /* the mapping's Properties, or the event's Properties */
	const struct sl_entity *queue;    /* the AWS::SQS::Queue of the template it reads, or NULL */
	const struct sl_entity *function; /* the function of the template it invokes, or NULL */
	int fifo;                         /* 1 a FIFO queue, 0 a standard queue, -1 not known */
};

/* Calls fn for each event source of the template that certainly reads an SQS
 * queue, in source order: an event source mapping whose EventSourceArn is
 * `!GetAtt Queue.Arn` of a queue of the template or a literal SQS ARN, and
 * each `Type: SQS` event of an AWS::Serverless::Function. The function is the
 * mapping's FunctionName (Ref or GetAtt of a function of the template, or of
 * an AWS::Lambda::Alias / Version of one) or the SAM function itself. */
void sl_sqs_each_source(struct sl_ctx *c,
			void (*fn)(struct sl_ctx *c, const struct sl_sqs_source *s, void *ud), void *ud);

/* The timeout of a function of the template (AWS::Lambda::Function, or
 * AWS::Serverless::Function after Globals), default 3 s: as sl_sto_int_prop. */
int sl_sqs_function_timeout(const struct sl_template *t, const struct sl_entity *fn, long long *out,
			    const struct sl_node **at);

/* The timeouts E3505 and W99620 compare for a source whose queue and function
 * are both of the template: the function's, and the queue's VisibilityTimeout
 * (default 30 s), each with the node that gives it (NULL for a default). */
struct sl_sqs_timeouts {
	long long function, visibility;
	const struct sl_node *function_at, *visibility_at;
};

/* Fills *out for source s: 1 when both timeouts are known, 0 when s lacks its
 * queue or function or a timeout cannot be known here (see sl_sto_int_prop). */
int sl_sqs_timeouts(struct sl_sqs_timeouts *out, const struct sl_template *t,
		    const struct sl_sqs_source *s);

/* The resource the event source ARN of a mapping names, as the service it
 * belongs to. */
enum sl_sto_service {
	SL_STO_SVC_UNKNOWN = 0, /* a parameter, an import, another service, ... */
	SL_STO_SVC_SQS,
	SL_STO_SVC_KINESIS,
	SL_STO_SVC_DYNAMODB,
	SL_STO_SVC_KAFKA, /* Amazon MSK */
};

/* The service of an EventSourceArn value: a literal ARN (or an Fn::Sub string
 * whose service field is literal), or a GetAtt/Ref of a queue, stream, stream
 * consumer, table or MSK cluster of the template. */
enum sl_sto_service sl_sto_arn_service(const struct sl_template *t, const struct sl_node *arn);

/* The CorsConfiguration.CorsRules entry of an AWS::S3::Bucket when its value
 * is a literal list, else NULL. */
const struct sl_pair *sl_s3_cors_rules(const struct sl_entity *bucket);

/* The RDS monitoring checks, shared by E3689 (DBCluster), E99611 (DBInstance)
 * and E99610 (both). */
void sl_rds_check_pairing(struct sl_ctx *c, const char *type);
void sl_rds_check_interval(struct sl_ctx *c);

#endif
