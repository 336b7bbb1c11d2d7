/* E99903: a cron.yaml task's schedule is a cron expression of five valid fields. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "rules/beanstalk/cron.h"

struct field {
	const char *name;
	int lo, hi;
	const char *const *names; /* three-letter names, value lo + index; or NULL */
};

static const char *const months[] = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL",
				      "AUG", "SEP", "OCT", "NOV", "DEC", NULL };
static const char *const days[] = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT", NULL };

/* Day of week 7 is Sunday again in the common cron implementations: accepted. */
static const struct field fields[5] = {
	{ "minute", 0, 59, NULL },
	{ "hour", 0, 23, NULL },
	{ "day of month", 1, 31, NULL },
	{ "month", 1, 12, months },
	{ "day of week", 0, 7, days },
};

enum verdict { OK, UNSURE, BAD };

/* Reads one value of field f from s[0..len): a number or a name. Sets *out.
 * UNSURE for anything else (L, W, # and the like, which some cron dialects
 * take): the rule stays silent on those. */
static enum verdict value(const struct field *f, const char *s, size_t len, int *out,
			  char *msg, size_t msz)
{
	if (len == 0)
		return UNSURE;
	if (isdigit((unsigned char)s[0])) {
		long v = 0;
		for (size_t i = 0; i < len; i++) {
			if (!isdigit((unsigned char)s[i]))
				return UNSURE;
			if (v < 1000)
				v = v * 10 + (s[i] - '0');
		}
		if (v < f->lo || v > f->hi) {
			snprintf(msg, msz, "%s %.*s is outside %d-%d%s", f->name, (int)len, s, f->lo,
				 f == &fields[4] ? 6 : f->hi, f == &fields[4] ? " (or 7, Sunday)" : "");
			return BAD;
		}
		*out = (int)v;
		return OK;
	}
	if (!f->names || len != 3)
		return UNSURE;
	for (int i = 0; f->names[i]; i++)
		if (strncasecmp(s, f->names[i], 3) == 0) {
			*out = f->lo + i;
			return OK;
		}
	return UNSURE;
}

/* Checks one comma-separated element: *, a value, a range a-b, each with an
 * optional /step. */
static enum verdict element(const struct field *f, const char *s, size_t len, char *msg,
			    size_t msz)
{
	const char *slash = memchr(s, '/', len);
	size_t base = slash ? (size_t)(slash - s) : len;
	if (slash) {
		const char *st = slash + 1;
		size_t sl = len - base - 1;
		if (sl == 0)
			return UNSURE;
		long step = 0;
		for (size_t i = 0; i < sl; i++) {
			if (!isdigit((unsigned char)st[i]))
				return UNSURE;
			if (step < 1000)
				step = step * 10 + (st[i] - '0');
		}
		if (step == 0) {
			snprintf(msg, msz, "the step /0 of the %s field never advances", f->name);
			return BAD;
		}
	}
	if (base == 1 && s[0] == '*')
		return OK;
	const char *dash = memchr(s, '-', base);
	int a, b;
	if (!dash)
		return value(f, s, base, &a, msg, msz);
	enum verdict v = value(f, s, (size_t)(dash - s), &a, msg, msz);
	if (v != OK)
		return v;
	return value(f, dash + 1, base - (size_t)(dash - s) - 1, &b, msg, msz);
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *cron = sl_eb_cron_tasks(c->root);
	if (!cron)
		return;
	for (uint32_t i = 0; i < cron->len; i++) {
		const struct sl_node *sched = sl_map_get(cron->items[i], "schedule");
		if (!sl_node_is(sched, SL_SCALAR) || sl_node_is_null(sched))
			continue;
		const char *s = sched->str, *end = s + sched->len;
		const char *tok[6];
		size_t tlen[6];
		int n = 0;
		while (s < end) {
			while (s < end && (*s == ' ' || *s == '\t'))
				s++;
			if (s == end)
				break;
			const char *t = s;
			while (s < end && *s != ' ' && *s != '\t')
				s++;
			if (n < 6) {
				tok[n] = t;
				tlen[n] = (size_t)(s - t);
			}
			n++;
		}
		if (n > 0 && tok[0][0] == '@')
			continue; /* @daily and the like: not in the documentation, unsure */
		if (n > 5)
			continue; /* seconds or years first or last (Quartz, rufus): unsure */
		if (n < 5) {
			sl_report(c, sched, "schedule '%.*s' has %d field%s: a cron expression has "
				  "five (minute, hour, day of month, month, day of week, in UTC), "
				  "such as \"0 23 * * *\" for 11 PM UTC every day",
				  SL_EB_STR(sched), n, n == 1 ? "" : "s");
			continue;
		}
		char msg[160];
		for (int k = 0; k < 5; k++) {
			const char *p = tok[k], *pe = p + tlen[k];
			enum verdict v = OK;
			while (v == OK && p <= pe) {
				const char *comma = memchr(p, ',', (size_t)(pe - p));
				const char *ee = comma ? comma : pe;
				v = element(&fields[k], p, (size_t)(ee - p), msg, sizeof msg);
				p = ee + 1;
			}
			if (v == BAD) {
				sl_report(c, sched, "schedule '%.*s' is not a valid cron expression: "
					  "%s", SL_EB_STR(sched), msg);
				break;
			}
			if (v == UNSURE)
				break;
		}
	}
}

const struct sl_rule rule_E99903 = {
	.id = "E99903",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_EB_CRON,
	.title = "cron.yaml schedules are cron expressions of five valid fields",
	.source = SL_EB_CRON_DOC,
	.doc =
	"### What it checks\n"
	"That the `schedule` of every task in a worker environment's `cron.yaml` is a cron "
	"expression of five fields — minute (0-59), hour (0-23), day of month (1-31), month "
	"(1-12 or JAN-DEC) and day of week (0-6 or SUN-SAT; 7 is taken as Sunday too) — each `*`, a value, a range "
	"or a list of them, with an optional `/step`. Forms some cron dialects add "
	"(`@daily`, `L`, `W`, `#`, `?`, a sixth field of seconds or years) are left "
	"alone.\n\n"
	"### Why it matters\n"
	"Elastic Beanstalk's documentation describes a task's schedule as a cron expression "
	"that determines when the task runs, in UTC (its example `0 23 * * *` runs at 11 PM "
	"UTC every day). An expression with a field missing or a value out of range is no "
	"cron expression: the task does not run when it was meant to, or at all.\n\n"
	"### Bad\n"
	"```yaml\n"
	"version: 1\n"
	"cron:\n"
	"  - name: audit\n"
	"    url: /audit\n"
	"    schedule: \"0 24 * *\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 1\n"
	"cron:\n"
	"  - name: audit\n"
	"    url: /audit\n"
	"    schedule: \"0 23 * * MON-FRI\"\n"
	"```\n",
	.check = check,
};
