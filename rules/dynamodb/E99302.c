/* E99302: MaximumRecordAgeInSeconds is -1 or at least 60 (0 to 59 are in the schema's range but refused). */
#include "rules/dynamodb/dynamodb.h"

static void value(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const struct sl_ddb_consumer *k = ud;
	long long n;
	if (sl_samr_int(v, &n) && n >= 0 && n < 60)
		sl_report(c, v, "MaximumRecordAgeInSeconds of %s is %lld: Lambda accepts -1 (no limit) "
			  "or 60 to 604800 seconds, and refuses 0 to 59 although they lie inside that "
			  "range, so the event source mapping fails to create. Use 60 or more, or -1",
			  sl_ddb_consumer_name(c, k), n);
}

static void consumer(struct sl_ctx *c, const struct sl_ddb_consumer *k, void *ud)
{
	(void)ud;
	const struct sl_node *age = sl_map_get(k->props, "MaximumRecordAgeInSeconds");
	if (age)
		sl_samr_each_value(age, value, c, (void *)k);
}

static void check(struct sl_ctx *c)
{
	sl_ddb_each_consumer(c, consumer, NULL);
}

const struct sl_rule rule_E99302 = {
	.id = "E99302",
	.severity = SL_SEV_ERROR,
	.title = "MaximumRecordAgeInSeconds is -1 or at least 60",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-eventsourcemapping.html",
	.doc =
	"### What it checks\n"
	"`MaximumRecordAgeInSeconds` of an `AWS::Lambda::EventSourceMapping`, or of a SAM "
	"`DynamoDB`, `Kinesis`, `MSK` or `SelfManagedKafka` event, is not between 0 and 59. Each "
	"literal branch of an `Fn::If` is judged; values out of the whole range -1 to 604800 are "
	"E3034's.\n\n"
	"### Why it matters\n"
	"The property's range is -1 to 604800, but Lambda documents that the smallest valid "
	"maximum record age is 60 seconds: values from 0 to 59 fall inside the range and are "
	"still refused, so the mapping fails to create and the stack rolls back. -1 means no "
	"limit.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      EventSourceArn: !GetAtt Orders.StreamArn\n"
	"      StartingPosition: LATEST\n"
	"      MaximumRecordAgeInSeconds: 30\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      EventSourceArn: !GetAtt Orders.StreamArn\n"
	"      StartingPosition: LATEST\n"
	"      MaximumRecordAgeInSeconds: 60\n"
	"```\n",
	.check = check,
};
