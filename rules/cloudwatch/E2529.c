/* E2529: at most two subscription filters on one CloudWatch Logs log group. */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "rules/sam/samrules.h"

#define MAX_FILTERS 2

struct filter {
	char kind;        /* 's' literal name, 'r' Ref target, 'u' Fn::Sub text */
	const char *text; /* the name, Ref target or Sub text */
	uint32_t len;
	size_t order;     /* source order */
	const struct sl_node *at; /* the LogGroupName value */
};

static int by_key(const void *a, const void *b)
{
	const struct filter *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	uint32_t n = x->len < y->len ? x->len : y->len;
	int d = memcmp(x->text, y->text, n);
	if (d)
		return d;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

/* Fills f's key from a LogGroupName value: a literal string, a Ref or an
 * Fn::Sub of a literal string. Anything else (Fn::If, Fn::Join, an import)
 * has no key: the log group it names is not known here. */
static bool key_of(const struct sl_node *v, struct filter *f)
{
	if (sl_node_is(v, SL_SCALAR)) {
		if (v->len == 0 || sl_node_is_null(v))
			return false;
		f->kind = 's';
		f->text = v->str;
		f->len = v->len;
		return true;
	}
	if (!sl_node_is(v, SL_MAP) || v->len != 1)
		return false;
	const struct sl_node *k = v->pairs[0].key, *a = v->pairs[0].value;
	if (!sl_node_is(a, SL_SCALAR) || a->len == 0)
		return false;
	if (sl_str_eq(k, "Ref"))
		f->kind = 'r';
	else if (sl_str_eq(k, "Fn::Sub"))
		f->kind = 'u';
	else
		return false;
	f->text = a->str;
	f->len = a->len;
	return true;
}

static void add(struct filter *fs, size_t *n, const struct sl_node *v)
{
	struct filter f = { .order = *n, .at = v };
	if (key_of(v, &f))
		fs[(*n)++] = f;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global || t->resources.n == 0)
		return;
	/* a first pass counts the filters, so the array is sized exactly */
	size_t cap = 0;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, "AWS::Logs::SubscriptionFilter", "AWS::Serverless::Function");
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		if (!e->type || sl_map_get(e->value, "Condition"))
			continue; /* a conditional filter may never coexist with the others */
		const struct sl_node *p = sl_map_get(e->value, "Properties");
		if (sl_str_eq(e->type, "AWS::Logs::SubscriptionFilter"))
			cap++;
		else if (sl_str_eq(e->type, "AWS::Serverless::Function") && sl_node_is(p, SL_MAP)) {
			const struct sl_node *ev = sl_map_get(p, "Events");
			if (sl_node_is(ev, SL_MAP))
				cap += ev->len;
		}
	}
	if (cap <= MAX_FILTERS)
		return;
	struct filter *fs = malloc(cap * sizeof(*fs));
	if (!fs)
		return;
	size_t n = 0;
	sl_samr_types_init(&tw, t, "AWS::Logs::SubscriptionFilter", "AWS::Serverless::Function");
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		if (!e->type || sl_map_get(e->value, "Condition"))
			continue;
		const struct sl_node *p = sl_map_get(e->value, "Properties");
		if (!sl_node_is(p, SL_MAP))
			continue;
		if (sl_str_eq(e->type, "AWS::Logs::SubscriptionFilter")) {
			add(fs, &n, sl_map_get(p, "LogGroupName"));
			continue;
		}
		if (!sl_str_eq(e->type, "AWS::Serverless::Function"))
			continue;
		const struct sl_node *ev = sl_map_get(p, "Events");
		if (!sl_node_is(ev, SL_MAP))
			continue;
		for (uint32_t j = 0; j < ev->len; j++) {
			const struct sl_node *x = ev->pairs[j].value;
			if (!sl_str_eq(sl_map_get(x, "Type"), "CloudWatchLogs"))
				continue;
			const struct sl_node *xp = sl_map_get(x, "Properties");
			if (sl_node_is(xp, SL_MAP))
				add(fs, &n, sl_map_get(xp, "LogGroupName"));
		}
	}
	qsort(fs, n, sizeof(*fs), by_key);
	for (size_t i = 0; i < n;) {
		size_t j = i + 1;
		while (j < n && fs[j].kind == fs[i].kind && fs[j].len == fs[i].len &&
		       memcmp(fs[j].text, fs[i].text, fs[i].len) == 0)
			j++;
		for (size_t k = i + MAX_FILTERS; k < j; k++)
			sl_report(c, fs[k].at, "this is subscription filter %zu of %zu on %s'%s'; "
				  "a log group has at most %d: send them to one destination (a Kinesis "
				  "or Firehose stream that fans out) or remove %zu of them",
				  k - i + 1, j - i, fs[i].kind == 'r' ? "the log group of Ref " :
				  fs[i].kind == 'u' ? "the log group named by Fn::Sub " : "log group ",
				  fs[i].text, MAX_FILTERS, j - i - MAX_FILTERS);
		i = j;
	}
	free(fs);
}

const struct sl_rule rule_E2529 = {
	.id = "E2529",
	.severity = SL_SEV_ERROR,
	.title = "At most two subscription filters per log group",
	.source = "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html",
	.doc =
	"### What it checks\n"
	"Within the template, no CloudWatch Logs log group gets more than two subscription filters, "
	"counting `AWS::Logs::SubscriptionFilter` resources and the `CloudWatchLogs` events of SAM "
	"functions. Log groups are matched by a literal `LogGroupName`, the same `Ref`, or the same "
	"`Fn::Sub` text; resources with a `Condition` are left out (they may never be created "
	"together). The finding is on each filter past the second.\n\n"
	"### Why it matters\n"
	"CloudWatch Logs allows two subscription filters per log group, and the quota cannot be "
	"raised: the third filter fails to create and the stack rolls back. Filters that already "
	"exist on the log group outside this stack count too.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Consumer:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Events:\n"
	"        Errors:\n"
	"          Type: CloudWatchLogs\n"
	"          Properties: {LogGroupName: !Ref AppLogs, FilterPattern: ERROR}\n"
	"        Warnings:\n"
	"          Type: CloudWatchLogs\n"
	"          Properties: {LogGroupName: !Ref AppLogs, FilterPattern: WARN}\n"
	"        Audit:\n"
	"          Type: CloudWatchLogs\n"
	"          Properties: {LogGroupName: !Ref AppLogs, FilterPattern: AUDIT}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Consumer:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Events:\n"
	"        Interesting:\n"
	"          Type: CloudWatchLogs\n"
	"          Properties: {LogGroupName: !Ref AppLogs, FilterPattern: '?ERROR ?WARN ?AUDIT'}\n"
	"```\n",
	.check = check,
};
