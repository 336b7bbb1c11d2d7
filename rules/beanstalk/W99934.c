/* W99934: .ebextensions command entries use the options their section documents, and
 * leader_only is not combined with test. */
#include "rules/beanstalk/ebconfig.h"
#include "rules/refs.h"

static const char *const cmd_keys[] = {"command", "cwd", "env", "test", "ignoreErrors",
				       "waitAfterCompletion", NULL};
static const char *const container_keys[] = {"command", "cwd", "env", "test", "ignoreErrors",
					     "waitAfterCompletion", "leader_only", NULL};

static void section(struct sl_ctx *c, const char *name, const char *const *keys)
{
	const struct sl_node *sec = sl_map_get(c->root, name);
	bool container = keys == container_keys;
	for (uint32_t i = 0; sl_node_is(sec, SL_MAP) && i < sec->len; i++) {
		const struct sl_node *e = sec->pairs[i].value;
		for (uint32_t j = 0; sl_node_is(e, SL_MAP) && j < e->len; j++) {
			const struct sl_node *k = e->pairs[j].key;
			if (sl_ebc_in(k, keys))
				continue;
			if (!container && sl_str_eq(k, "leader_only")) {
				sl_report(c, k, "leader_only is an option of container_commands, not of "
					  "commands: this command runs on every instance. Move it to "
					  "container_commands to run it on one instance");
				continue;
			}
			const char *m = sl_ebc_suggest(k, keys);
			sl_report(c, k, "'%.*s' is not an option of a %s entry%s: Elastic Beanstalk "
				  "does not apply it", SL_EB_STR(k), name, sl_did_you_mean(c, m));
		}
		const struct sl_pair *lo = sl_map_get_pair(e, "leader_only");
		if (container && lo && sl_map_get(e, "test") && sl_scalar_bool(lo->value) == 1)
			sl_report(c, sl_map_get_pair(e, "test")->key, "this container command is "
				  "leader_only and has a test: a command can be one or the other, and "
				  "leader_only takes precedence, so the test is never run");
	}
}

static void check(struct sl_ctx *c)
{
	if (!sl_node_is(c->root, SL_MAP))
		return;
	section(c, "commands", cmd_keys);
	section(c, "container_commands", container_keys);
}

const struct sl_rule rule_W99934 = {
	.id = "W99934",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_EBEXTENSION,
	.title = ".ebextensions command options are documented ones; leader_only is not combined with test",
	.source = SL_EB_LINUX_DOC,
	.doc =
	"### What it checks\n"
	"The options of each entry of `commands` (`command`, `cwd`, `env`, `test`, "
	"`ignoreErrors`, and on Windows `waitAfterCompletion`) and of `container_commands` "
	"(the same, and `leader_only`), compared as written: an unknown option is reported "
	"with the closest one (`ignore_errors`, `leaderOnly`), `leader_only` under "
	"`commands` is reported, and so is a container command with `leader_only: true` "
	"and a `test`.\n\n"
	"### Why it matters\n"
	"An option Elastic Beanstalk does not know is not applied: `ignore_errors: true` "
	"leaves a failing command failing the deployment, and `leader_only` under `commands` "
	"runs the command on every instance (only container commands run on the leader "
	"alone). A container command \"can be leader-only or have a test, but not both "
	"(leader_only takes precedence)\": its test is silently never run.\n\n"
	"### Bad\n"
	"```yaml\n"
	"commands:\n"
	"  01_seed:\n"
	"    command: /var/app/seed.sh\n"
	"    leader_only: true\n"
	"container_commands:\n"
	"  02_migrate:\n"
	"    command: rake db:migrate\n"
	"    leader_only: true\n"
	"    test: test \"$RUN_MIGRATIONS\" = true\n"
	"    ignore_errors: true\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"container_commands:\n"
	"  01_seed:\n"
	"    command: /var/app/seed.sh\n"
	"    leader_only: true\n"
	"  02_migrate:\n"
	"    command: rake db:migrate\n"
	"    leader_only: true\n"
	"    ignoreErrors: true\n"
	"```\n",
	.check = check,
};
