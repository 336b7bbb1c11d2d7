/* E99933: each entry of .ebextensions commands and container_commands says what to run. */
#include "rules/beanstalk/ebconfig.h"

static void section(struct sl_ctx *c, const char *name)
{
	const struct sl_node *sec = sl_map_get(c->root, name);
	if (!sec || sl_node_is_null(sec))
		return;
	if (!sl_node_is(sec, SL_MAP)) {
		sl_report(c, sec, "%s is a mapping of command names to {command: ...}, not a %s",
			  name, sl_eb_what(sec));
		return;
	}
	for (uint32_t i = 0; i < sec->len; i++) {
		const struct sl_node *k = sec->pairs[i].key, *v = sec->pairs[i].value;
		if (!sl_node_is(v, SL_MAP)) {
			sl_report(c, v && !sl_node_is_null(v) ? v : k,
				  "%s entry '%.*s' is %s: each entry is a mapping whose command key "
				  "holds what to run (%.*s: {command: ...})", name, SL_EB_STR(k),
				  !v || sl_node_is_null(v) ? "empty" : sl_node_is(v, SL_SEQ)
				  ? "a list" : "a bare string", SL_EB_STR(k));
			continue;
		}
		const struct sl_node *cmd = sl_map_get(v, "command");
		if (!cmd) {
			sl_report(c, k, "%s entry '%.*s' has no command: Elastic Beanstalk needs the "
				  "command to run, a string or a list", name, SL_EB_STR(k));
		} else if (sl_node_is_null(cmd) || sl_node_is(cmd, SL_MAP)) {
			sl_report(c, cmd, "the command of %s entry '%.*s' is %s: it is a string, or a "
				  "list of the program and its arguments", name, SL_EB_STR(k),
				  sl_node_is(cmd, SL_MAP) ? "a mapping" : "empty");
		}
	}
}

static void check(struct sl_ctx *c)
{
	section(c, "commands");
	section(c, "container_commands");
}

const struct sl_rule rule_E99933 = {
	.id = "E99933",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_EBEXTENSION,
	.title = ".ebextensions commands and container_commands entries have a command",
	.source = SL_EB_LINUX_DOC,
	.doc =
	"### What it checks\n"
	"In a configuration file, that `commands` and `container_commands` are mappings of "
	"names to entries, and that each entry is a mapping with a `command` key holding a "
	"string or a list (not missing, empty or a mapping). The usual mistake is the "
	"shorthand `01_migrate: npm run migrate`, a name mapped straight to the command "
	"line.\n\n"
	"### Why it matters\n"
	"Elastic Beanstalk runs an entry's `command` (\"either an array or a string "
	"specifying the command to run\"); an entry without one has nothing to run, and a "
	"bare string where the entry's options belong is not an entry Elastic Beanstalk "
	"can read: the deployment fails while processing the file, or the command never "
	"runs.\n\n"
	"### Bad\n"
	"```yaml\n"
	"container_commands:\n"
	"  01_collectstatic: python manage.py collectstatic --noinput\n"
	"  02_migrate:\n"
	"    leader_only: true\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"container_commands:\n"
	"  01_collectstatic:\n"
	"    command: python manage.py collectstatic --noinput\n"
	"  02_migrate:\n"
	"    command: python manage.py migrate --noinput\n"
	"    leader_only: true\n"
	"```\n",
	.check = check,
};
