/* E99403: a metric-math alarm whose Metrics list does not designate exactly one result. */
#include <string.h>
#include <strings.h>

#include "rules/cloudwatch/cloudwatch.h"
#include "rules/sam/samrules.h"

/* A ReturnData value: 1 true, 0 false, -1 absent or not known here. */
static int return_data(const struct sl_node *v)
{
	if (!v || !sl_node_is(v, SL_SCALAR) || sl_node_intrinsic(v))
		return -1;
	int b = sl_scalar_bool(v);
	if (b >= 0)
		return b;
	/* CloudFormation also takes the strings "true" and "false" */
	if (v->len == 4 && strncasecmp(v->str, "true", 4) == 0)
		return 1;
	if (v->len == 5 && strncasecmp(v->str, "false", 5) == 0)
		return 0;
	return -1;
}

static const char *query_id(const struct sl_node *q)
{
	const char *id = sl_cw_literal(sl_map_get(q, "Id"));
	return id ? id : "?";
}

static void alarm(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *p, void *ud)
{
	(void)e, (void)ud;
	/* anomaly-detection alarms watch the metric and its band: both return data */
	if (sl_map_get(p, "ThresholdMetricId"))
		return;
	const struct sl_pair *mp = sl_map_get_pair(p, "Metrics");
	const struct sl_node *ms = mp ? mp->value : NULL;
	if (!sl_node_is(ms, SL_SEQ) || ms->len == 0)
		return;
	size_t n_true = 0, n_false = 0;
	const struct sl_node *first = NULL, *second = NULL;
	bool unknown = false;
	for (size_t j = 0; j < ms->len; j++) {
		const struct sl_node *q = ms->items[j];
		if (!sl_node_is(q, SL_MAP) || sl_node_intrinsic(q)) {
			unknown = true;
			continue;
		}
		const struct sl_node *rd = sl_map_get(q, "ReturnData");
		int b = return_data(rd);
		if (b == 1) {
			if (++n_true == 1)
				first = q;
			else if (n_true == 2)
				second = q;
		} else if (b == 0) {
			n_false++;
		} else {
			unknown = true;
		}
	}
	if (n_true >= 2) {
		const struct sl_node *rd = sl_map_get(second, "ReturnData");
		sl_report(c, rd, "%zu items of Metrics set ReturnData: true ('%s' and '%s'%s), but an "
			  "alarm watches exactly one: PutMetricAlarm rejects the alarm. Set "
			  "ReturnData: false on every item but the expression the alarm watches",
			  n_true, query_id(first), query_id(second), n_true > 2 ? ", ..." : "");
	} else if (n_true == 0 && !unknown && n_false == ms->len) {
		sl_report(c, mp->key, "every item of Metrics sets ReturnData: false, so the alarm "
			  "watches nothing: PutMetricAlarm rejects it. Set ReturnData: true on the "
			  "one item (usually the expression) the alarm compares with its threshold");
	}
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_CW_ALARM, alarm, NULL);
}

const struct sl_rule rule_E99403 = {
	.id = "E99403",
	.severity = SL_SEV_ERROR,
	.title = "A metric-math alarm returns data from exactly one query",
	.source = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataQuery.html",
	.doc =
	"### What it checks\n"
	"In the `Metrics` list of an `AWS::CloudWatch::Alarm` (a metric-math alarm), at most one "
	"item sets `ReturnData: true`, and not every item sets `ReturnData: false`. Only what the "
	"template makes certain is judged: an item without `ReturnData`, or with a value from an "
	"intrinsic function, counts as neither (the documented default of true is written for "
	"GetMetricData). Alarms with `ThresholdMetricId` (anomaly detection) are not checked: they "
	"watch a metric and its `ANOMALY_DETECTION_BAND` together.\n\n"
	"### Why it matters\n"
	"PutMetricAlarm takes one item of `Metrics` as the value the alarm compares with its "
	"threshold, designated by `ReturnData: true`; every other metric and expression must set "
	"`ReturnData: false`. With two or more results, or none, CloudWatch rejects the alarm and "
	"the stack fails to create or update it.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  ErrorRateAlarm:\n"
	"    Type: AWS::CloudWatch::Alarm\n"
	"    Properties:\n"
	"      EvaluationPeriods: 1\n"
	"      Threshold: 5\n"
	"      ComparisonOperator: GreaterThanThreshold\n"
	"      Metrics:\n"
	"        - Id: errors\n"
	"          ReturnData: true\n"
	"          MetricStat:\n"
	"            Metric: {Namespace: AWS/Lambda, MetricName: Errors}\n"
	"            Period: 60\n"
	"            Stat: Sum\n"
	"        - Id: rate\n"
	"          Expression: errors / 60\n"
	"          ReturnData: true\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  ErrorRateAlarm:\n"
	"    Type: AWS::CloudWatch::Alarm\n"
	"    Properties:\n"
	"      EvaluationPeriods: 1\n"
	"      Threshold: 5\n"
	"      ComparisonOperator: GreaterThanThreshold\n"
	"      Metrics:\n"
	"        - Id: errors\n"
	"          ReturnData: false\n"
	"          MetricStat:\n"
	"            Metric: {Namespace: AWS/Lambda, MetricName: Errors}\n"
	"            Period: 60\n"
	"            Stat: Sum\n"
	"        - Id: rate\n"
	"          Expression: errors / 60\n"
	"          ReturnData: true\n"
	"```\n",
	.check = check,
};
