/* E3634: event source mappings on SQS queues take no StartingPosition. */
#include "rules/storage/storage.h"

static void mapping(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		    void *ud)
{
	(void)e, (void)ud;
	const struct sl_pair *sp = sl_map_get_pair(props, "StartingPosition");
	if (!sp || sl_sto_absent(sp->value) ||
	    sl_sto_arn_service(c->t, sl_map_get(props, "EventSourceArn")) != SL_STO_SVC_SQS)
		return;
	sl_report(c, sp->key, "StartingPosition does not apply to an event source mapping that "
		  "reads an SQS queue (Lambda reads queues, not stream positions) and Lambda rejects "
		  "it: remove StartingPosition");
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_STO_ESM, mapping, NULL);
}

const struct sl_rule rule_E3634 = {
	.id = "E3634",
	.severity = SL_SEV_ERROR,
	.title = "SQS event source mappings have no StartingPosition",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/services-sqs-parameters.html",
	.doc =
	"### What it checks\n"
	"An `AWS::Lambda::EventSourceMapping` whose `EventSourceArn` is an SQS queue "
	"(`!GetAtt Queue.Arn` of an `AWS::SQS::Queue` of the template, or a literal ARN of "
	"service `sqs`) sets no `StartingPosition`.\n\n"
	"### Why it matters\n"
	"A starting position is a place in a stream or a Kafka topic; a queue has none. Lambda's "
	"parameter table for Amazon SQS event sources does not list `StartingPosition`, and "
	"Lambda rejects a mapping to a queue that sets it, so the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Mapping:\n"
	"    Type: AWS::Lambda::EventSourceMapping\n"
	"    Properties:\n"
	"      EventSourceArn: !GetAtt Jobs.Arn\n"
	"      FunctionName: !Ref Worker\n"
	"      StartingPosition: LATEST\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Mapping:\n"
	"    Type: AWS::Lambda::EventSourceMapping\n"
	"    Properties:\n"
	"      EventSourceArn: !GetAtt Jobs.Arn\n"
	"      FunctionName: !Ref Worker\n"
	"```\n",
	.check = check,
};
