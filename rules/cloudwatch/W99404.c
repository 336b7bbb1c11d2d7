/* W99404: an alarm dimension whose value is a Ref/GetAtt of the wrong kind (an ARN or URL for a name). */
#include <stdio.h>
#include <string.h>

#include "rules/cloudwatch/cloudwatch.h"
#include "rules/sam/samrules.h"

/* A dimension of an AWS namespace whose value AWS documents, and a Ref (attr
 * NULL) or GetAtt of a resource type that gives something else. Each pair
 * rests on the service's metric page (what the dimension holds) and the
 * resource's "Return values" in the CloudFormation template reference. */
struct wrong {
	const char *ns, *dim, *type, *attr;
	const char *takes; /* what the dimension holds */
	const char *gives; /* what the Ref/GetAtt returns */
	const char *fix;   /* the value to use, %s the logical ID */
};

static const struct wrong table[] = {
	{ "AWS/SQS", "QueueName", "AWS::SQS::Queue", NULL, "the queue name", "the queue URL",
	  "!GetAtt %s.QueueName" },
	{ "AWS/SQS", "QueueName", "AWS::SQS::Queue", "Arn", "the queue name", "the queue ARN",
	  "!GetAtt %s.QueueName" },
	{ "AWS/Lambda", "FunctionName", "AWS::Lambda::Function", "Arn", "the function name",
	  "the function ARN", "!Ref %s" },
	{ "AWS/Lambda", "FunctionName", "AWS::Serverless::Function", "Arn", "the function name",
	  "the function ARN", "!Ref %s" },
	{ "AWS/ApiGateway", "ApiName", "AWS::ApiGateway::RestApi", NULL, "the REST API's name",
	  "the REST API ID", "the value of %s's Name property" },
	{ "AWS/ApiGateway", "ApiName", "AWS::ApiGateway::RestApi", "RootResourceId",
	  "the REST API's name", "the root resource ID", "the value of %s's Name property" },
	{ "AWS/ApiGateway", "ApiName", "AWS::Serverless::Api", NULL, "the REST API's name",
	  "the REST API ID", "the value of %s's Name property" },
	{ "AWS/ApiGateway", "ApiId", "AWS::ApiGatewayV2::Api", "ApiEndpoint", "the API ID",
	  "the API's endpoint URL", "!Ref %s" },
	{ "AWS/DynamoDB", "TableName", "AWS::DynamoDB::Table", "Arn", "the table name",
	  "the table ARN", "!Ref %s" },
	{ "AWS/DynamoDB", "TableName", "AWS::DynamoDB::Table", "StreamArn", "the table name",
	  "the stream ARN", "!Ref %s" },
	{ "AWS/DynamoDB", "TableName", "AWS::DynamoDB::GlobalTable", "Arn", "the table name",
	  "the table ARN", "!Ref %s" },
	{ "AWS/DynamoDB", "TableName", "AWS::DynamoDB::GlobalTable", "StreamArn", "the table name",
	  "the stream ARN", "!Ref %s" },
	{ "AWS/SNS", "TopicName", "AWS::SNS::Topic", NULL, "the topic name", "the topic ARN",
	  "!GetAtt %s.TopicName" },
	{ "AWS/S3", "BucketName", "AWS::S3::Bucket", "Arn", "the bucket name", "the bucket ARN",
	  "!Ref %s" },
	{ "AWS/S3", "BucketName", "AWS::S3::Bucket", "DomainName", "the bucket name",
	  "the bucket's domain name", "!Ref %s" },
	{ "AWS/S3", "BucketName", "AWS::S3::Bucket", "RegionalDomainName", "the bucket name",
	  "the bucket's regional domain name", "!Ref %s" },
	{ "AWS/S3", "BucketName", "AWS::S3::Bucket", "WebsiteURL", "the bucket name",
	  "the bucket's website URL", "!Ref %s" },
	{ "AWS/Kinesis", "StreamName", "AWS::Kinesis::Stream", "Arn", "the stream name",
	  "the stream ARN", "!Ref %s" },
	{ "AWS/Firehose", "DeliveryStreamName", "AWS::KinesisFirehose::DeliveryStream", "Arn",
	  "the delivery stream name", "the delivery stream ARN", "!Ref %s" },
	{ "AWS/States", "StateMachineArn", "AWS::StepFunctions::StateMachine", "Name",
	  "the state machine ARN", "the state machine name", "!Ref %s" },
	{ "AWS/States", "StateMachineArn", "AWS::Serverless::StateMachine", "Name",
	  "the state machine ARN", "the state machine name", "!Ref %s" },
	{ "AWS/States", "ActivityArn", "AWS::StepFunctions::Activity", "Name", "the activity ARN",
	  "the activity name", "!Ref %s" },
	{ "AWS/ECS", "ServiceName", "AWS::ECS::Service", NULL, "the service name",
	  "the service ARN", "!GetAtt %s.Name" },
	{ "AWS/ECS", "ServiceName", "AWS::ECS::Service", "ServiceArn", "the service name",
	  "the service ARN", "!GetAtt %s.Name" },
	{ "AWS/ECS", "ClusterName", "AWS::ECS::Cluster", "Arn", "the cluster name",
	  "the cluster ARN", "!Ref %s" },
	{ "AWS/ApplicationELB", "LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", NULL,
	  "the final part of the load balancer ARN (app/<name>/<id>)", "the load balancer ARN",
	  "!GetAtt %s.LoadBalancerFullName" },
	{ "AWS/ApplicationELB", "LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer",
	  "LoadBalancerName", "the final part of the load balancer ARN (app/<name>/<id>)",
	  "the bare load balancer name", "!GetAtt %s.LoadBalancerFullName" },
	{ "AWS/NetworkELB", "LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", NULL,
	  "the final part of the load balancer ARN (net/<name>/<id>)", "the load balancer ARN",
	  "!GetAtt %s.LoadBalancerFullName" },
	{ "AWS/NetworkELB", "LoadBalancer", "AWS::ElasticLoadBalancingV2::LoadBalancer",
	  "LoadBalancerName", "the final part of the load balancer ARN (net/<name>/<id>)",
	  "the bare load balancer name", "!GetAtt %s.LoadBalancerFullName" },
	{ "AWS/ApplicationELB", "TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup", NULL,
	  "the final part of the target group ARN (targetgroup/<name>/<id>)",
	  "the target group ARN", "!GetAtt %s.TargetGroupFullName" },
	{ "AWS/ApplicationELB", "TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup",
	  "TargetGroupName", "the final part of the target group ARN (targetgroup/<name>/<id>)",
	  "the bare target group name", "!GetAtt %s.TargetGroupFullName" },
	{ "AWS/NetworkELB", "TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup", NULL,
	  "the final part of the target group ARN (targetgroup/<name>/<id>)",
	  "the target group ARN", "!GetAtt %s.TargetGroupFullName" },
	{ "AWS/NetworkELB", "TargetGroup", "AWS::ElasticLoadBalancingV2::TargetGroup",
	  "TargetGroupName", "the final part of the target group ARN (targetgroup/<name>/<id>)",
	  "the bare target group name", "!GetAtt %s.TargetGroupFullName" },
	{ "AWS/Events", "RuleName", "AWS::Events::Rule", "Arn", "the rule name", "the rule ARN",
	  "!Ref %s" },
};

/* What a dimension value refers to: the resource and the attribute (NULL for Ref). */
struct target {
	const struct sl_entity *res;
	const char *attr;
	size_t attr_len;
	const char *form; /* "!Ref", "!GetAtt", or "${}" for a Fn::Sub of one variable */
};

static bool resolve(const struct sl_template *t, const struct sl_node *v, struct target *out)
{
	const struct sl_node *k = sl_node_intrinsic(v);
	if (!k)
		return false;
	const struct sl_node *a = v->pairs[0].value;
	const char *name = NULL;
	size_t len = 0;
	out->attr = NULL;
	out->attr_len = 0;
	if (sl_str_eq(k, "Ref") && sl_node_is(a, SL_SCALAR)) {
		name = a->str;
		len = a->len;
		out->form = "!Ref";
	} else if (sl_str_eq(k, "Fn::GetAtt")) {
		out->form = "!GetAtt";
		if (sl_node_is(a, SL_SEQ) && a->len == 2 && sl_cw_literal(a->items[0]) &&
		    sl_cw_literal(a->items[1])) {
			name = a->items[0]->str;
			len = a->items[0]->len;
			out->attr = a->items[1]->str;
			out->attr_len = a->items[1]->len;
		} else if (sl_node_is(a, SL_SCALAR)) {
			const char *dot = memchr(a->str, '.', a->len);
			if (!dot)
				return false;
			name = a->str;
			len = (size_t)(dot - a->str);
			out->attr = dot + 1;
			out->attr_len = a->len - len - 1;
		}
	} else if (sl_str_eq(k, "Fn::Sub") && sl_node_is(a, SL_SCALAR) && a->len > 3 &&
		   a->str[0] == '$' && a->str[1] == '{' && a->str[a->len - 1] == '}' &&
		   !memchr(a->str + 2, '$', a->len - 3) && !memchr(a->str + 2, '}', a->len - 3) &&
		   a->str[2] != '!') {
		/* "${X}" or "${X.Attr}" alone is the Ref or GetAtt */
		out->form = "${}";
		name = a->str + 2;
		len = a->len - 3;
		const char *dot = memchr(name, '.', len);
		if (dot) {
			out->attr = dot + 1;
			out->attr_len = len - (size_t)(dot - name) - 1;
			len = (size_t)(dot - name);
		}
	}
	if (!name || !len)
		return false;
	out->res = sl_index_find(&t->resources, name, len);
	return out->res != NULL && out->res->type != NULL;
}

/* Whether a name value certainly has an ASCII letter or digit: a literal that
 * has one, or a value computed by an intrinsic function that has one in its
 * own text (a Fn::Sub template) or refers to the stack name (always ASCII). */
static bool has_ascii(const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (k && sl_str_eq(k, "Fn::Sub") && sl_node_is(n->pairs[0].value, SL_SEQ) &&
	    n->pairs[0].value->len >= 1)
		n = n->pairs[0].value->items[0];
	else if (k && sl_str_eq(k, "Fn::Sub"))
		n = n->pairs[0].value;
	else if (k && sl_str_eq(k, "Ref"))
		return sl_str_eq(n->pairs[0].value, "AWS::StackName");
	if (!sl_node_is(n, SL_SCALAR))
		return false;
	for (size_t i = 0; i < n->len; i++) {
		unsigned char ch = (unsigned char)n->str[i];
		if (ch < 0x80 && ((ch >= '0' && ch <= '9') || ((ch | 0x20) >= 'a' && (ch | 0x20) <= 'z')))
			return true;
	}
	return false;
}

/* Whether a REST API's name certainly has ASCII characters: API Gateway
 * publishes the API ID as ApiName only for a name without any. The name is
 * Name, else the title of an inline definition; a SAM API without Name or a
 * definition of its own gets the stack name as title. */
static bool api_name_ascii(const struct sl_template *t, const struct sl_entity *api)
{
	const struct sl_node *p = sl_samr_props(api);
	bool sam = sl_samr_type_is(api, "AWS::Serverless::Api");
	const struct sl_node *name = sam ? sl_sam_prop(t, api, "Name", NULL) : sl_map_get(p, "Name");
	if (name)
		return has_ascii(name);
	const struct sl_node *body = sl_map_get(p, sam ? "DefinitionBody" : "Body");
	if (body)
		return has_ascii(sl_map_get(sl_map_get(body, "info"), "title"));
	return sam && !sl_map_get(p, "DefinitionUri");
}

struct value_ctx {
	const char *ns;
	const struct sl_node *name;
};

static void check_one(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const struct value_ctx *vc = ud;
	struct target tg;
	if (!resolve(c->t, v, &tg))
		return;
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct wrong *w = &table[i];
		if (strcmp(w->ns, vc->ns) != 0 || strcmp(w->dim, vc->name->str) != 0 ||
		    !sl_str_eq(tg.res->type, w->type))
			continue;
		if (w->attr ? !(tg.attr && strlen(w->attr) == tg.attr_len &&
				memcmp(w->attr, tg.attr, tg.attr_len) == 0)
			    : tg.attr != NULL)
			continue;
		if (strcmp(w->dim, "ApiName") == 0 && !api_name_ascii(c->t, tg.res))
			continue;
		/* w->fix with its one %s replaced by the logical ID */
		const char *at = strstr(w->fix, "%s");
		char fix[192];
		snprintf(fix, sizeof(fix), "%.*s%s%s", (int)(at - w->fix), w->fix, tg.res->key->str,
			 at + 2);
		char what[192];
		const char *dot = tg.attr ? "." : "", *attr = tg.attr ? w->attr : "";
		if (tg.form[0] == '$')
			snprintf(what, sizeof(what), "!Sub \"${%s%s%s}\"", tg.res->key->str, dot, attr);
		else
			snprintf(what, sizeof(what), "%s %s%s%s", tg.form, tg.res->key->str, dot, attr);
		sl_report(c, v, "dimension %s of %s takes %s, but %s gives %s (%s): the alarm "
			  "watches a metric that is never published and never fires. Use %s",
			  vc->name->str, vc->ns, w->takes, what, w->gives, w->type, fix);
		return;
	}
}

static void check_dimension(struct sl_ctx *c, const struct sl_node *name, const struct sl_node *value,
			    void *ud)
{
	struct value_ctx vc = { ud, name };
	if (value)
		sl_samr_each_value(value, check_one, c, &vc);
}

static void check_metric(struct sl_ctx *c, const struct sl_cw_metric *m, void *ud)
{
	(void)ud;
	const char *ns = sl_cw_literal(m->ns);
	if (ns && m->dims)
		sl_cw_each_dimension(c, m->dims, check_dimension, (void *)ns);
}

static void check(struct sl_ctx *c)
{
	sl_cw_each_metric(c, check_metric, NULL);
}

const struct sl_rule rule_W99404 = {
	.id = "W99404",
	.severity = SL_SEV_WARNING,
	.title = "Alarm dimension values are the kind of identifier the dimension takes",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-ref.html",
	.doc =
	"### What it checks\n"
	"A dimension of an `AWS::CloudWatch::Alarm` metric (its own `Dimensions`, or a "
	"`MetricStat` of a metric-math alarm) in an AWS namespace whose `Value` is a `Ref` or "
	"`Fn::GetAtt` (or a `Fn::Sub` of just `${X}` / `${X.Attr}`) of a resource of the template "
	"that returns a different kind of identifier than the dimension holds, where both are "
	"documented: `QueueName` (AWS/SQS) with `!Ref` of a queue (its URL) or its `Arn`; "
	"`FunctionName` (AWS/Lambda) with a function's `Arn`; `ApiName` (AWS/ApiGateway) with "
	"`!Ref` of a REST API (its ID); `ApiId` with an HTTP API's `ApiEndpoint`; `TableName` "
	"(AWS/DynamoDB) with a table's `Arn` or `StreamArn`; `TopicName` (AWS/SNS) with `!Ref` of "
	"a topic (its ARN); `BucketName` (AWS/S3) with a bucket's ARN or domain names; "
	"`StreamName` (AWS/Kinesis) and `DeliveryStreamName` (AWS/Firehose) with an `Arn`; "
	"`StateMachineArn` and `ActivityArn` (AWS/States) with a `Name`; `ServiceName` (AWS/ECS) "
	"with `!Ref` of a service (its ARN) and `ClusterName` with a cluster's `Arn`; "
	"`LoadBalancer` and `TargetGroup` (AWS/ApplicationELB, AWS/NetworkELB) with `!Ref` (the "
	"ARN) or the bare name instead of `LoadBalancerFullName` / `TargetGroupFullName`; "
	"`RuleName` (AWS/Events) with a rule's `Arn`. Each literal branch of an `Fn::If` is "
	"judged. API Gateway publishes the API ID as `ApiName` when the name has no ASCII "
	"characters, so `ApiName` is judged only when the API's `Name` (or its definition's "
	"title) certainly has some.\n\n"
	"### Why it matters\n"
	"CloudWatch matches dimensions by exact value. A queue URL where SQS publishes the queue "
	"name names a metric no service publishes, so the alarm deploys, stays in "
	"INSUFFICIENT_DATA (or OK with `TreatMissingData: notBreaching`) and never fires. The "
	"mistake is easy: `Ref` returns a name for some resource types and an ARN, URL or ID for "
	"others (see each type's \"Return values\" in the template reference).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"  BacklogAlarm:\n"
	"    Type: AWS::CloudWatch::Alarm\n"
	"    Properties:\n"
	"      Namespace: AWS/SQS\n"
	"      MetricName: ApproximateNumberOfMessagesVisible\n"
	"      Dimensions:\n"
	"        - Name: QueueName\n"
	"          Value: !Ref Queue\n"
	"      Statistic: Maximum\n"
	"      Period: 60\n"
	"      EvaluationPeriods: 5\n"
	"      Threshold: 100\n"
	"      ComparisonOperator: GreaterThanThreshold\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"  BacklogAlarm:\n"
	"    Type: AWS::CloudWatch::Alarm\n"
	"    Properties:\n"
	"      Namespace: AWS/SQS\n"
	"      MetricName: ApproximateNumberOfMessagesVisible\n"
	"      Dimensions:\n"
	"        - Name: QueueName\n"
	"          Value: !GetAtt Queue.QueueName\n"
	"      Statistic: Maximum\n"
	"      Period: 60\n"
	"      EvaluationPeriods: 5\n"
	"      Threshold: 100\n"
	"      ComparisonOperator: GreaterThanThreshold\n"
	"```\n",
	.check = check,
};
