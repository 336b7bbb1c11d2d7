/* E99930: the top-level keys of an .ebextensions configuration file are the documented ones. */
#include "rules/beanstalk/ebconfig.h"
#include "rules/refs.h"

static const char *const keys[] = {
	"option_settings", "packages", "sources", "files", "users", "groups", "commands",
	"container_commands", "services", "Resources", NULL,
};

/* Sections of a CloudFormation template: the Resources of a configuration
 * file join the environment's stack, the functions page speaks of parameters
 * defined in configuration files, and AWS's samples use Outputs. Elastic
 * Beanstalk's pages list none of them as keys, but they are not judged. */
static const char *const cfn_sections[] = {
	"Parameters", "Mappings", "Conditions", "Outputs", "Metadata", "Description",
	"AWSTemplateFormatVersion", NULL,
};

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_node_is(root, SL_MAP)) {
		if (!sl_node_is_null(root))
			sl_report(c, root, "a configuration file is a mapping of sections "
				  "(option_settings, packages, files, commands, container_commands, "
				  "Resources, ...) at the top level, not a %s", sl_eb_what(root));
		return;
	}
	for (uint32_t i = 0; i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key;
		if (sl_ebc_in(k, keys) || sl_ebc_in(k, cfn_sections))
			continue;
		if (sl_str_eq(k, "OptionSettings")) {
			sl_report(c, k, "'OptionSettings' is the environment manifest's (env.yaml) "
				  "spelling: in a configuration file Elastic Beanstalk reports \"Contains "
				  "invalid key\" and skips the whole file. Write option_settings");
			continue;
		}
		const char *m = sl_ebc_suggest(k, keys);
		sl_report(c, k, "'%.*s' is not a configuration file key%s: Elastic Beanstalk "
			  "reports \"Contains invalid key\" and skips the whole file, so none of its "
			  "sections is applied", SL_EB_STR(k), sl_did_you_mean(c, m));
	}
}

const struct sl_rule rule_E99930 = {
	.id = "E99930",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_EBEXTENSION,
	.title = ".ebextensions configuration files use the documented top-level keys",
	.source = SL_EB_EBEXT_DOC,
	.doc =
	"### What it checks\n"
	"The top level of a configuration file (`.ebextensions/<name>.config`, YAML or "
	"JSON): a mapping whose keys are the documented sections `option_settings`, "
	"`packages`, `sources`, `files`, `users`, `groups`, `commands`, "
	"`container_commands`, `services` and `Resources`. Another key is reported with the "
	"closest section; `OptionSettings`, the environment manifest's spelling, gets its "
	"own message. CloudFormation template sections (`Parameters`, `Outputs`, "
	"`Mappings`, `Conditions`, ...) are not judged: configuration files take part in "
	"the environment's stack, and Elastic Beanstalk's pages refer to parameters defined "
	"in them. Keys are compared as written. A duplicate key is reported by E0000.\n\n"
	"### Why it matters\n"
	"Elastic Beanstalk does not apply part of a file with an unknown key: it logs "
	"`Error processing file (Skipping): '.ebextensions/<name>.config' - Contains "
	"invalid key: '<key>'` and skips the whole file, so its option settings, packages "
	"and commands all go missing while the deployment itself succeeds.\n\n"
	"### Bad\n"
	"```yaml\n"
	"OptionSettings:\n"
	"  aws:elasticbeanstalk:application:environment:\n"
	"    NODE_ENV: production\n"
	"container_command:\n"
	"  01_migrate:\n"
	"    command: npm run migrate\n"
	"    leader_only: true\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"option_settings:\n"
	"  aws:elasticbeanstalk:application:environment:\n"
	"    NODE_ENV: production\n"
	"container_commands:\n"
	"  01_migrate:\n"
	"    command: npm run migrate\n"
	"    leader_only: true\n"
	"```\n",
	.check = check,
};
