/* W99806: EC2/On-Premises hook timeouts fit in the hour an event may take. */
#include <stdlib.h>
#include <string.h>

#include "rules/appspec/appspec.h"

#define LIMIT 3600

/* The timeout of a script in seconds: a plain whole number; 0 when absent
 * (*at NULL); -1 when it is anything else. */
static long timeout_of(const struct sl_node *script, const struct sl_node **at)
{
	const struct sl_node *t = sl_map_get(script, "timeout");
	*at = t;
	if (!t)
		return 0; /* absent */
	if (sl_scalar_type(t) != SL_TYPE_INT || t->len > 9)
		return -1;
	char buf[16];
	memcpy(buf, t->str, t->len);
	buf[t->len] = '\0';
	char *end;
	long v = strtol(buf, &end, 10);
	return *end == '\0' && v > 0 ? v : -1;
}

static void event(struct sl_ctx *c, const struct sl_node *ev, const struct sl_node *v, void *arg)
{
	if (!sl_node_is(v, SL_SEQ))
		return;
	long sum = 0;
	size_t n_set = 0;
	for (size_t i = 0; i < v->len; i++) {
		if (!sl_node_is(v->items[i], SL_MAP))
			return;
		const struct sl_node *at;
		long t = timeout_of(v->items[i], &at);
		if (t < 0)
			return; /* not a number we can add up: say nothing */
		if (!at)
			continue; /* the default: the docs count only the timeouts specified */
		n_set++;
		if (t > LIMIT) {
			sl_report(c, at, "timeout %ld is over 3600 seconds, the most all the scripts of "
				  "%.*s together may run: the deployment to the instance fails at one "
				  "hour", t, SL_AS_KEY(ev));
			return;
		}
		sum += t;
	}
	if (sum <= LIMIT || n_set < 2)
		return;
	sl_report(c, ev, "the timeouts of the scripts of %.*s add up to %ld seconds, over the 3600 "
		  "that all the scripts of one lifecycle event may run: the deployment fails if they "
		  "take that long; keep their total within an hour", SL_AS_KEY(ev), sum);
}

static void check(struct sl_ctx *c)
{
	if (sl_appspec_platform(c->root) != SL_AS_EC2)
		return;
	const struct sl_pair *hooks = sl_appspec_hooks(c->root, SL_AS_EC2);
	if (hooks)
		sl_appspec_each_hook(c, hooks->value, event, NULL);
}

const struct sl_rule rule_W99806 = {
	.id = "W99806",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_APPSPEC,
	.title = "EC2/On-Premises hook timeouts fit in one hour per lifecycle event",
	.source = SL_APPSPEC_DOC "reference-appspec-file-structure-hooks.html",
	.doc =
	"### What it checks\n"
	"On EC2/On-Premises, a script `timeout` over 3600 seconds, and the `timeout`s of the "
	"scripts of one lifecycle event adding up to more than 3600 seconds (scripts without "
	"`timeout` are not counted, as the documentation counts the timeouts specified). Timeouts that are not plain numbers are left to "
	"E99805.\n\n"
	"### Why it matters\n"
	"CodeDeploy documents 3600 seconds (1 hour) as the maximum time allowed for script "
	"execution for each deployment lifecycle event: if the scripts exceed it, the deployment "
	"stops and the deployment to the instance fails. It asks that the total of the "
	"`timeout`s of all scripts of an event not exceed this limit; a longer timeout promises "
	"time the event does not have.\n\n"
	"### Bad\n"
	"```yaml\n"
	"hooks:\n"
	"  AfterInstall:\n"
	"    - location: scripts/migrate.sh\n"
	"      timeout: 3000\n"
	"    - location: scripts/warm_cache.sh\n"
	"      timeout: 1200\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"hooks:\n"
	"  AfterInstall:\n"
	"    - location: scripts/migrate.sh\n"
	"      timeout: 2400\n"
	"    - location: scripts/warm_cache.sh\n"
	"      timeout: 1200\n"
	"```\n",
	.check = check,
};
