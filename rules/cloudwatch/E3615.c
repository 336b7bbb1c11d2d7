/* E3615: an alarm's Period (or a metric-math alarm's MetricStat Period) CloudWatch does not accept. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "rules/cloudwatch/cloudwatch.h"
#include "rules/sam/samrules.h"

#define NOT_A_PERIOD LLONG_MIN

/* The value of a plain decimal integer scalar (a number, or a string of
 * digits, which CloudFormation converts) of at most 12 characters, or
 * NOT_A_PERIOD when it is not one. */
static long long period_value(const struct sl_node *n)
{
	long long v;
	if (!sl_samr_int(n, &v) || n->len > 12)
		return NOT_A_PERIOD;
	size_t i = n->str[0] == '-' ? 1 : 0;
	if (n->len > i + 1 && n->str[i] == '0')
		return NOT_A_PERIOD; /* YAML 1.1 reads 0600 as octal: leave it to the type rules */
	return v;
}

/* The multiple of 60 nearest to p (60 at least). */
static long long suggest(long long p)
{
	return p < 60 ? 60 : (p + 30) / 60 * 60;
}

static void check_alarm_period(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	long long p = period_value(v);
	if (p == NOT_A_PERIOD || p == 10 || p == 20 || p == 30 || (p > 0 && p % 60 == 0))
		return;
	sl_report(c, v, "alarm Period %lld is not one CloudWatch accepts: use 10, 20 or 30 seconds "
		  "(high-resolution metrics only) or a multiple of 60 (e.g. %lld); PutMetricAlarm "
		  "rejects any other value and the stack fails to create the alarm",
		  p, suggest(p));
}

static void check_stat_period(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	const char *where = ud;
	long long p = period_value(v);
	if (p == NOT_A_PERIOD || p == 1 || p == 5 || p == 10 || p == 20 || p == 30 ||
	    (p > 0 && p % 60 == 0))
		return;
	sl_report(c, v, "%s Period %lld is not one CloudWatch accepts: use 1, 5, 10, 20 or 30 "
		  "seconds (high-resolution metrics only) or a multiple of 60 (e.g. %lld)",
		  where, p, suggest(p));
}

static void alarm(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *p, void *ud)
{
	(void)e, (void)ud;
	const struct sl_node *period = sl_map_get(p, "Period");
	if (period)
		sl_samr_each_value(period, check_alarm_period, c, NULL);
	const struct sl_node *ms = sl_map_get(p, "Metrics");
	for (size_t j = 0; sl_node_is(ms, SL_SEQ) && j < ms->len; j++) {
		const struct sl_node *q = ms->items[j];
		if (!sl_node_is(q, SL_MAP) || sl_node_intrinsic(q))
			continue;
		const struct sl_node *qp = sl_map_get(q, "Period");
		if (qp)
			sl_samr_each_value(qp, check_stat_period, c, (void *)"metric query");
		const struct sl_node *st = sl_map_get(q, "MetricStat");
		const struct sl_node *sp = sl_node_intrinsic(st) ? NULL : sl_map_get(st, "Period");
		if (sp)
			sl_samr_each_value(sp, check_stat_period, c, (void *)"MetricStat");
	}
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_CW_ALARM, alarm, NULL);
}

const struct sl_rule rule_E3615 = {
	.id = "E3615",
	.severity = SL_SEV_ERROR,
	.title = "Alarm periods are values CloudWatch accepts",
	.source = "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html",
	.doc =
	"### What it checks\n"
	"The `Period` of an `AWS::CloudWatch::Alarm` is 10, 20, 30 or a multiple of 60 seconds, "
	"as PutMetricAlarm documents. In a metric-math alarm, the `Period` of each "
	"`Metrics[].MetricStat` (and of a query's own `Period`) is 1, 5, 10, 20, 30 or a multiple "
	"of 60, as the `MetricStat` page documents. Numbers and strings of digits are judged; "
	"each literal branch of an `Fn::If` is judged; a `Ref` to a parameter is not. cfn-lint's "
	"E3615 checks the alarm's own `Period` against 10, 30 and multiples of 60; stacklint "
	"accepts 20 as well, which CloudWatch added to its high-resolution periods.\n\n"
	"### Why it matters\n"
	"CloudWatch aggregates data points into periods of these lengths only. PutMetricAlarm "
	"rejects any other value, so the alarm (and with it the stack) fails to create or "
	"update. Sub-minute periods are for high-resolution metrics (published with "
	"`StorageResolution: 1`); on standard metrics they leave the alarm in "
	"INSUFFICIENT_DATA and are billed as high-resolution alarms.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  ErrorsAlarm:\n"
	"    Type: AWS::CloudWatch::Alarm\n"
	"    Properties:\n"
	"      Namespace: AWS/Lambda\n"
	"      MetricName: Errors\n"
	"      Statistic: Sum\n"
	"      Period: 90\n"
	"      EvaluationPeriods: 1\n"
	"      Threshold: 1\n"
	"      ComparisonOperator: GreaterThanOrEqualToThreshold\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  ErrorsAlarm:\n"
	"    Type: AWS::CloudWatch::Alarm\n"
	"    Properties:\n"
	"      Namespace: AWS/Lambda\n"
	"      MetricName: Errors\n"
	"      Statistic: Sum\n"
	"      Period: 120\n"
	"      EvaluationPeriods: 1\n"
	"      Threshold: 1\n"
	"      ComparisonOperator: GreaterThanOrEqualToThreshold\n"
	"```\n",
	.check = check,
};
