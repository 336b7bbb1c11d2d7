/* E99902: every cron.yaml task has a name unique in the file, a url and a schedule. */
#include <stdlib.h>

#include "rules/beanstalk/cron.h"
#include "util/arena.h"

/* A task's name as a string: a scalar that is not null, or NULL. */
static const struct sl_node *name_of(const struct sl_node *task)
{
	const struct sl_node *n = sl_map_get(task, "name");
	return sl_node_is(n, SL_SCALAR) && !sl_node_is_null(n) ? n : NULL;
}

/* Orders name nodes by their text, then by position in the file. */
static int cmp_name(const void *a, const void *b)
{
	const struct sl_node *x = *(const struct sl_node *const *)a;
	const struct sl_node *y = *(const struct sl_node *const *)b;
	size_t l = x->len < y->len ? x->len : y->len;
	int d = memcmp(x->str, y->str, l);
	if (d == 0)
		d = (x->len > y->len) - (x->len < y->len);
	if (d == 0)
		d = (x->start > y->start) - (x->start < y->start);
	return d;
}

/* Reports every name used by an earlier task: O(n log n) in the tasks. */
static void duplicates(struct sl_ctx *c, const struct sl_node *cron)
{
	const struct sl_node **names = sl_arena_alloc(c->arena, cron->len * sizeof(*names));
	if (!names) {
		c->oom = true;
		return;
	}
	size_t n = 0;
	for (uint32_t i = 0; i < cron->len; i++) {
		const struct sl_node *name = name_of(cron->items[i]);
		if (name)
			names[n++] = name;
	}
	qsort(names, n, sizeof(*names), cmp_name);
	for (size_t i = 1, first = 0; i < n; i++) {
		if (names[i]->len != names[first]->len ||
		    memcmp(names[i]->str, names[first]->str, names[i]->len) != 0) {
			first = i;
			continue;
		}
		sl_report(c, names[i], "cron task name '%.*s' is already used on line %u: each "
			  "task's name must be unique in cron.yaml (rename one of them)",
			  SL_EB_STR(names[i]), (unsigned)sl_line(c, names[first]));
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *cron = sl_eb_cron_tasks(c->root);
	if (!cron || cron->len == 0)
		return;
	static const char *const keys[] = { "name", "url", "schedule" };
	for (uint32_t i = 0; i < cron->len; i++) {
		const struct sl_node *task = cron->items[i];
		if (!sl_node_is(task, SL_MAP)) {
			sl_report(c, task, "a cron task is a mapping of name, url and schedule, not "
				  "a %s", sl_eb_what(task));
			continue;
		}
		for (size_t k = 0; k < 3; k++) {
			const struct sl_pair *p = sl_map_get_pair(task, keys[k]);
			const struct sl_node *v = p ? p->value : NULL;
			if (!v)
				sl_report(c, sl_eb_anchor(task), "this cron task has no %s: each "
					  "task of cron.yaml has a name, a url (the path the worker "
					  "daemon posts to) and a schedule", keys[k]);
			else if (sl_node_is_null(v))
				sl_report(c, p->key, "the %s of this cron task is empty: write one "
					  "string", keys[k]);
			else if (!sl_node_is(v, SL_SCALAR))
				sl_report(c, v, "the %s of a cron task is one string, not %s",
					  keys[k], sl_node_is(v, SL_SEQ) ? "a list" : "a mapping");
		}
	}
	duplicates(c, cron);
}

const struct sl_rule rule_E99902 = {
	.id = "E99902",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_EB_CRON,
	.title = "cron.yaml tasks have a unique name, a url and a schedule",
	.source = SL_EB_CRON_DOC,
	.doc =
	"### What it checks\n"
	"That every task in the `cron` list of a worker environment's `cron.yaml` is a "
	"mapping with a `name`, a `url` and a `schedule`, each one string, and that no two "
	"tasks have the same `name`. Other keys (a `description`, say) are left alone.\n\n"
	"### Why it matters\n"
	"Elastic Beanstalk's documentation defines the schedule and path of each periodic "
	"task in `cron.yaml` and requires each task's name to be unique: the worker daemon "
	"queues the task under its name (the `X-Aws-Sqsd-Taskname` header) and posts to its "
	"`url`, a path of the worker application, when its `schedule` comes. A task without "
	"one of them, or with a name another task already has, is not the task you wrote.\n\n"
	"### Bad\n"
	"```yaml\n"
	"version: 1\n"
	"cron:\n"
	"  - name: audit\n"
	"    url: /audit\n"
	"    schedule: \"0 23 * * *\"\n"
	"  - name: audit\n"
	"    schedule: \"0 */12 * * *\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 1\n"
	"cron:\n"
	"  - name: audit\n"
	"    url: /audit\n"
	"    schedule: \"0 23 * * *\"\n"
	"  - name: backup-job\n"
	"    url: /backup\n"
	"    schedule: \"0 */12 * * *\"\n"
	"```\n",
	.check = check,
};
