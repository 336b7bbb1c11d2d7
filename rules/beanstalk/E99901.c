/* E99901: a worker environment's cron.yaml holds its tasks in a top-level cron list. */
#include "rules/beanstalk/cron.h"

/* True when n is a mapping shaped like an Elastic Beanstalk task (a name and
 * a schedule; App Engine's tasks have no name). */
static bool eb_task(const struct sl_node *n)
{
	return sl_node_is(n, SL_MAP) && sl_map_get(n, "name") && sl_map_get(n, "schedule");
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (sl_node_is(root, SL_SEQ)) {
		/* a list of tasks with no `cron:` above it; any other list is some
		 * other program's cron.yaml */
		if (root->len && eb_task(root->items[0]))
			sl_report(c, root, "this cron.yaml is a list of tasks at the top level: "
				  "Elastic Beanstalk reads them from a 'cron' list under the top-level "
				  "mapping (write 'version: 1' and 'cron:' above the tasks)");
		return;
	}
	if (!sl_node_is(root, SL_MAP) || sl_eb_cron_is_appengine(root))
		return;
	const struct sl_pair *ver = sl_map_get_pair(root, "version");
	const struct sl_pair *cron = sl_map_get_pair(root, "cron");
	if (!cron) {
		/* only a file that says it is Elastic Beanstalk's (version) is told */
		if (ver)
			sl_report(c, ver->key, "this cron.yaml has a version but no cron list: it "
				  "schedules no periodic task (write 'cron:' and a list of tasks, each "
				  "with name, url and schedule)");
		return;
	}
	const struct sl_node *v = cron->value;
	if (sl_node_is(v, SL_SEQ) || sl_node_is_null(v))
		return;
	if (sl_node_is(v, SL_MAP))
		sl_report(c, v, "cron is a list of tasks, not a mapping: begin each task "
			  "(name, url and schedule) with '- '");
	else
		sl_report(c, v, "cron is a list of tasks (each with name, url and schedule), not "
			  "the single value '%.*s'", SL_EB_STR(v));
}

const struct sl_rule rule_E99901 = {
	.id = "E99901",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_EB_CRON,
	.title = "cron.yaml holds its tasks in a top-level cron list",
	.source = SL_EB_CRON_DOC,
	.doc =
	"### What it checks\n"
	"That an Elastic Beanstalk worker environment's `cron.yaml` is a mapping whose `cron` "
	"key holds a list of tasks: not a list of tasks at the top level, not a `cron` "
	"mapping or single value, and not a file with a `version` but no `cron`. A Google "
	"App Engine `cron.yaml` (no `version`, and tasks without a `name`, with keys such as "
	"`target` or `timezone`, or schedules such as `every 24 hours`) is left alone, by "
	"this rule and the other cron.yaml rules; so is a `cron:` left empty.\n\n"
	"### Why it matters\n"
	"Elastic Beanstalk reads the periodic tasks of a worker environment from the "
	"`cron.yaml` in the source bundle, in the shape its documentation shows: "
	"`version: 1`, then `cron:` and a list of tasks, each with a `name`, a `url` and a "
	"`schedule`. Tasks written in another shape are not the list it reads, and the "
	"mistake shows only when the task never runs.\n\n"
	"### Bad\n"
	"```yaml\n"
	"version: 1\n"
	"cron:\n"
	"  name: backup-job\n"
	"  url: /backup\n"
	"  schedule: \"0 */12 * * *\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 1\n"
	"cron:\n"
	"  - name: backup-job\n"
	"    url: /backup\n"
	"    schedule: \"0 */12 * * *\"\n"
	"```\n",
	.check = check,
};
