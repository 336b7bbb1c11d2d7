/* E3027: the ScheduleExpression of an EventBridge rule (and the Schedule of a
 * SAM Schedule event, which becomes one) is a well-formed rate() or cron(). */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "rules/sam/samrules.h"

#define MAX_FIELDS 8

struct field {
	const char *s;
	size_t len;
};

/* Splits s (len bytes) at white space into at most MAX_FIELDS fields; returns
 * how many there are (MAX_FIELDS + 1 when there are more). */
static size_t split(const char *s, size_t len, struct field *out)
{
	size_t n = 0, i = 0;
	while (i < len) {
		while (i < len && isspace((unsigned char)s[i]))
			i++;
		if (i == len)
			break;
		size_t start = i;
		while (i < len && !isspace((unsigned char)s[i]))
			i++;
		if (n == MAX_FIELDS)
			return MAX_FIELDS + 1;
		out[n++] = (struct field){ s + start, i - start };
	}
	return n;
}

static bool field_is(struct field f, const char *s)
{
	return f.len == strlen(s) && memcmp(f.s, s, f.len) == 0;
}

static void rate(struct sl_ctx *c, const struct sl_node *n, const char *in, size_t len)
{
	struct field f[MAX_FIELDS];
	size_t k = split(in, len, f);
	if (k != 2) {
		sl_report(c, n, "schedule expression '%s' has %s%zu field%s in rate(); a rate "
			  "expression is rate(value unit), such as rate(5 minutes)", n->str,
			  k > MAX_FIELDS ? "more than " : "", k > MAX_FIELDS ? (size_t)MAX_FIELDS : k,
			  k == 1 ? "" : "s");
		return;
	}
	unsigned long long v = 0;
	for (size_t i = 0; i < f[0].len; i++) {
		if (!isdigit((unsigned char)f[0].s[i]))
			return; /* not a whole number: left alone (the page says "a positive number") */
		if (v < 1000000000ULL)
			v = v * 10 + (unsigned)(f[0].s[i] - '0');
	}
	if (v == 0) {
		sl_report(c, n, "schedule expression '%s' has the rate value 0; the value of a rate "
			  "expression must be a positive number", n->str);
		return;
	}
	static const char *const singular[] = { "minute", "hour", "day" };
	static const char *const plural[] = { "minutes", "hours", "days" };
	for (size_t u = 0; u < 3; u++) {
		if (field_is(f[1], singular[u]) && v != 1) {
			sl_report(c, n, "schedule expression '%s' uses the singular unit '%s' with the value "
				  "%llu; for a value greater than 1 the unit must be plural (%s)", n->str,
				  singular[u], v, plural[u]);
			return;
		}
		if (field_is(f[1], plural[u]) && v == 1) {
			sl_report(c, n, "schedule expression '%s' uses the plural unit '%s' with the value "
				  "1; for the value 1 the unit must be singular (%s)", n->str, plural[u],
				  singular[u]);
			return;
		}
		if (field_is(f[1], singular[u]) || field_is(f[1], plural[u]))
			return;
	}
	sl_report(c, n, "schedule expression '%s' has the unit '%.*s'; the unit of a rate expression "
		  "is minute, minutes, hour, hours, day or days", n->str, (int)f[1].len, f[1].s);
}

static void cron(struct sl_ctx *c, const struct sl_node *n, const char *in, size_t len)
{
	struct field f[MAX_FIELDS];
	size_t k = split(in, len, f);
	if (k != 6) {
		sl_report(c, n, "schedule expression '%s' has %s%zu field%s in cron(); a cron expression "
			  "has six fields separated by white space (Minutes Hours Day-of-month Month "
			  "Day-of-week Year), such as cron(0 10 * * ? *)", n->str,
			  k > MAX_FIELDS ? "more than " : "", k > MAX_FIELDS ? (size_t)MAX_FIELDS : k,
			  k == 1 ? "" : "s");
		return;
	}
	for (size_t i = 0; i < 6; i++)
		if (f[i].s[f[i].len - 1] == ',') {
			sl_report(c, n, "schedule expression '%s' ends field %zu ('%.*s') with a comma; "
				  "the fields of a cron expression are separated by white space alone (a "
				  "comma lists values within one field)",
				  n->str, i + 1, (int)f[i].len, f[i].s);
			return;
		}
	if (!field_is(f[2], "?") && !field_is(f[4], "?"))
		sl_report(c, n, "schedule expression '%s' gives both Day-of-month ('%.*s') and "
			  "Day-of-week ('%.*s'); one of the two must be '?', as EventBridge does not "
			  "take both in one cron expression", n->str, (int)f[2].len, f[2].s,
			  (int)f[4].len, f[4].s);
}

static void expression(struct sl_ctx *c, const struct sl_node *n)
{
	const struct sl_node *a, *b;
	if (sl_node_if(n, &a, &b)) {
		/* judged only when both branches are literal (or one removes the property) */
		if ((sl_node_is(a, SL_SCALAR) || sl_node_is_novalue(a)) &&
		    (sl_node_is(b, SL_SCALAR) || sl_node_is_novalue(b))) {
			expression(c, a);
			expression(c, b);
		}
		return;
	}
	if (!sl_samr_is_string(n) || memmem(n->str, n->len, "{{resolve:", 10))
		return;
	const char *s = n->str;
	size_t len = n->len;
	if (len >= 6 && s[len - 1] == ')' && memcmp(s, "rate(", 5) == 0)
		rate(c, n, s + 5, len - 6);
	else if (len >= 6 && s[len - 1] == ')' && memcmp(s, "cron(", 5) == 0)
		cron(c, n, s + 5, len - 6);
	else if (!(len >= 5 && (strncasecmp(s, "rate(", 5) == 0 || strncasecmp(s, "cron(", 5) == 0)))
		sl_report(c, n, "schedule expression '%s' is neither rate(value unit) nor "
			  "cron(fields); an EventBridge rule's schedule is written as, for example, "
			  "rate(5 minutes) or cron(0 10 * * ? *)", s);
}

static void rule(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	(void)e, (void)ud;
	expression(c, sl_map_get(props, "ScheduleExpression"));
}

static void sam(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	(void)e, (void)ud;
	const struct sl_node *events = sl_map_get(props, "Events");
	for (size_t i = 0; sl_node_is(events, SL_MAP) && i < events->len; i++) {
		const struct sl_node *ev = events->pairs[i].value;
		if (sl_str_eq(sl_map_get(ev, "Type"), "Schedule"))
			expression(c, sl_map_get(sl_map_get(ev, "Properties"), "Schedule"));
	}
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::Events::Rule", rule, NULL);
	if (c->t->sam || c->t->sam_types) {
		sl_samr_each_resource(c, SL_SAM_FUNCTION, sam, NULL);
		sl_samr_each_resource(c, SL_SAM_STATE_MACHINE, sam, NULL);
	}
}

const struct sl_rule rule_E3027 = {
	.id = "E3027",
	.severity = SL_SEV_ERROR,
	.title = "EventBridge rule schedule expressions are well-formed rate() or cron()",
	.source = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html",
	.doc =
	"### What it checks\n"
	"The literal `ScheduleExpression` of an `AWS::Events::Rule`, and the `Schedule` of a "
	"SAM `Schedule` event of a function or state machine (which SAM turns into such a "
	"rule), is `rate(value unit)` or `cron(fields)`. A rate expression has two fields, a "
	"value above 0 and a unit among minute, minutes, hour, hours, day and days, singular for "
	"the value 1 and plural otherwise. A cron expression has six fields separated by white "
	"space, and `?` in Day-of-month or in Day-of-week. Values from parameters or other "
	"functions, and an `Fn::If` with a non-literal branch, are not judged.\n\n"
	"### Why it matters\n"
	"EventBridge rejects a schedule expression that does not follow this form (rate(1 "
	"hours), rate(5 hour), a cron expression with five fields, or one that gives both a "
	"day of the month and a day of the week), and the stack rolls back when the rule is "
	"created.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Nightly:\n"
	"    Type: AWS::Events::Rule\n"
	"    Properties:\n"
	"      ScheduleExpression: cron(0 3 * * MON-FRI *)\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Nightly:\n"
	"    Type: AWS::Events::Rule\n"
	"    Properties:\n"
	"      ScheduleExpression: cron(0 3 ? * MON-FRI *)\n"
	"```\n",
	.check = check,
};
