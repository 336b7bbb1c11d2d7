/* W99405: a metric, dimension or namespace name of an AWS namespace that is a slip of a known one. */
#include <stdio.h>
#include <string.h>

#include "rules/cloudwatch/cloudwatch.h"

struct dim_ctx {
	const char *ns, *metric;
};

static void check_dimension(struct sl_ctx *c, const struct sl_node *name, const struct sl_node *value,
			    void *ud)
{
	(void)value;
	const struct dim_ctx *d = ud;
	const char *dim = name->str;
	if (sl_cw_dimension_known(c->spec, d->ns, d->metric, dim))
		return;
	char near[72], all[512];
	const char *n = sl_cw_dimension_near(c->spec, d->ns, d->metric, dim, near, sizeof(near));
	if (n) {
		sl_report(c, name, "%s metric '%s' has no dimension '%s': did you mean '%s'? Names are "
			  "case-sensitive, and an alarm on a dimension the service never publishes "
			  "never fires", d->ns, d->metric, dim, n);
	} else if (sl_cw_dimensions_complete(d->ns)) {
		sl_report(c, name, "%s metric '%s' has no dimension '%s' (it is published with: %s): "
			  "the alarm watches a metric that does not exist and never fires",
			  d->ns, d->metric, dim,
			  sl_cw_dimension_list(c->spec, d->ns, d->metric, all, sizeof(all)));
	}
}

static void check_metric(struct sl_ctx *c, const struct sl_cw_metric *m, void *ud)
{
	(void)ud;
	const char *ns = sl_cw_literal(m->ns);
	if (!ns || strncmp(ns, "AWS/", 4) != 0)
		return;
	if (!sl_cw_namespace_known(c->spec, ns)) {
		const char *near = sl_cw_namespace_near(c->spec, ns);
		if (near)
			sl_report(c, m->ns, "'%s' is not a CloudWatch namespace: did you mean '%s'? "
				  "Namespaces are case-sensitive, and an alarm on a namespace nothing "
				  "publishes to never fires", ns, near);
		return;
	}
	const char *name = sl_cw_literal(m->name);
	if (!name)
		return;
	if (!sl_cw_metric_known(c->spec, ns, name)) {
		const char *near = sl_cw_metric_near(c->spec, ns, name);
		if (near)
			sl_report(c, m->name, "%s has no metric '%s': did you mean '%s'? Metric names "
				  "are case-sensitive, and an alarm on a metric the service never "
				  "publishes never fires", ns, name, near);
		return;
	}
	struct dim_ctx d = { ns, name };
	sl_cw_each_dimension(c, m->dims, check_dimension, &d);
}

static void check(struct sl_ctx *c)
{
	sl_cw_each_metric(c, check_metric, NULL);
}

const struct sl_rule rule_W99405 = {
	.id = "W99405",
	.severity = SL_SEV_WARNING,
	.title = "Alarm metrics of AWS namespaces are metrics the service publishes",
	.source = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/aws-services-cloudwatch-metrics.html",
	.doc =
	"### What it checks\n"
	"The metrics of an `AWS::CloudWatch::Alarm` (its own, or each `MetricStat` of a "
	"metric-math alarm) in a namespace starting with `AWS/`, against the metric catalogue: "
	"the one compiled in from `@aws-cdk/aws-service-spec`, with a supplement written from the "
	"CloudWatch metric pages of API Gateway (REST, HTTP and WebSocket APIs), Kinesis Data "
	"Streams, SQS and Lambda (including its asynchronous-invocation, event source mapping and "
	"function URL metrics). The catalogue is not complete, so names are reported only when "
	"they are certainly a slip:\n\n"
	"- a namespace, metric or dimension name that equals a known one but for case or "
	"punctuation (`AWS/APIGateway`, `4xxError` for a REST API's `4XXError`, `functionName`), "
	"and a metric or dimension name that differs from a known one only by a final `s` "
	"(`Error` for Lambda's `Errors`);\n"
	"- in the namespaces whose whole metric page is in the supplement (AWS/ApiGateway, "
	"AWS/Kinesis, AWS/SQS), a metric name one or two edits from a known one "
	"(`IntegrationLatncy`, `CacheHitCnt`), and a dimension that no dimension set of the "
	"metric has (`ApiName` on the HTTP API metric `4xx`, `QueueUrl` on an SQS metric).\n\n"
	"Names that are simply unknown are not reported: AWS adds metrics faster than any list "
	"follows. Namespaces outside `AWS/` hold custom metrics and are not checked.\n\n"
	"### Why it matters\n"
	"CloudWatch names are case-sensitive and an alarm may name a metric that does not exist: "
	"PutMetricAlarm accepts it, and the alarm sits in INSUFFICIENT_DATA (or OK, with "
	"`TreatMissingData: notBreaching`) for ever. The typo is found only when the incident it "
	"should have caught is not.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  LatencyAlarm:\n"
	"    Type: AWS::CloudWatch::Alarm\n"
	"    Properties:\n"
	"      Namespace: AWS/ApiGateway\n"
	"      MetricName: IntegrationLatncy\n"
	"      Dimensions:\n"
	"        - Name: ApiName\n"
	"          Value: orders-api\n"
	"      Statistic: Average\n"
	"      Period: 60\n"
	"      EvaluationPeriods: 5\n"
	"      Threshold: 1000\n"
	"      ComparisonOperator: GreaterThanThreshold\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  LatencyAlarm:\n"
	"    Type: AWS::CloudWatch::Alarm\n"
	"    Properties:\n"
	"      Namespace: AWS/ApiGateway\n"
	"      MetricName: IntegrationLatency\n"
	"      Dimensions:\n"
	"        - Name: ApiName\n"
	"          Value: orders-api\n"
	"      Statistic: Average\n"
	"      Period: 60\n"
	"      EvaluationPeriods: 5\n"
	"      Threshold: 1000\n"
	"      ComparisonOperator: GreaterThanThreshold\n"
	"```\n",
	.check = check,
};
