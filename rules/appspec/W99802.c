/* W99802: the top-level sections of an AppSpec file are those of its platform. */
#include <strings.h>

#include "rules/appspec/appspec.h"

static const char *const ec2_keys[] = { "version", "os", "files", "permissions",
					"file_exists_behavior", "hooks", NULL };
static const char *const fn_keys[] = { "version", "resources", "hooks", NULL };
static const char *const all_keys[] = { "version", "os", "files", "permissions",
					"file_exists_behavior", "hooks", "resources", NULL };

static bool in_ci(const struct sl_node *k, const char *const *names)
{
	for (; *names; names++)
		if (k->len == strlen(*names) && strncasecmp(k->str, *names, k->len) == 0)
			return true;
	return false;
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_node_is(root, SL_MAP))
		return;
	enum sl_appspec_platform p = sl_appspec_platform(root);
	for (size_t i = 0; i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key;
		if (p == SL_AS_EC2) {
			if (sl_appspec_in(k, ec2_keys))
				continue;
			if (in_ci(k, ec2_keys)) {
				sl_report(c, k, "'%.*s' is not read on EC2/On-Premises: the CodeDeploy "
					  "agent reads its sections in lower case, so this one is ignored "
					  "(write it in lower case)", SL_AS_KEY(k));
				continue;
			}
			if (in_ci(k, fn_keys)) {
				sl_report(c, k, "'%.*s' is a section of AWS Lambda and Amazon ECS AppSpec "
					  "files; this one deploys to EC2/On-Premises (it has os, files or "
					  "script hooks), where the agent ignores it", SL_AS_KEY(k));
				continue;
			}
		} else if (p == SL_AS_LAMBDA || p == SL_AS_ECS) {
			if (in_ci(k, fn_keys))
				continue;
			if (in_ci(k, ec2_keys)) {
				sl_report(c, k, "'%.*s' is a section of EC2/On-Premises AppSpec files; this "
					  "one deploys to %s (its resources say so), which has only "
					  "version, resources and hooks", SL_AS_KEY(k),
					  sl_appspec_platform_name(p));
				continue;
			}
		} else if (in_ci(k, all_keys)) {
			continue;
		}
		const char *s = sl_suggest(k->str, k->len, p == SL_AS_EC2 ? ec2_keys
							   : p == SL_AS_UNKNOWN ? all_keys : fn_keys,
					   p == SL_AS_EC2 ? 6 : p == SL_AS_UNKNOWN ? 7 : 3);
		sl_report(c, k, "'%.*s' is not an AppSpec section: CodeDeploy ignores it%s%s%s",
			  SL_AS_KEY(k), s ? " (did you mean '" : "", s ? s : "", s ? "'?)" : "");
	}
}

const struct sl_rule rule_W99802 = {
	.id = "W99802",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_APPSPEC,
	.title = "AppSpec sections are those of the file's compute platform",
	.source = SL_APPSPEC_DOC "reference-appspec-file-structure.html",
	.doc =
	"### What it checks\n"
	"The top-level keys of an AppSpec file. An EC2/On-Premises file has `version`, `os`, "
	"`files`, `permissions`, `file_exists_behavior` and `hooks`, in lower case; an AWS "
	"Lambda or Amazon ECS file has `version`, `resources` and `hooks`. The platform is told "
	"by the file itself: resources of type `AWS::Lambda::Function` or `AWS::ECS::Service`, "
	"else `os`, `files`, `permissions` or script hooks for EC2/On-Premises. Reported: a key "
	"that is no section at all (with the closest name), a section of the other platform, "
	"and on EC2/On-Premises a section written in another case.\n\n"
	"### Why it matters\n"
	"CodeDeploy does not reject unknown sections: it ignores them. A misspelt `hook:` or a "
	"`Hooks:` read by the CodeDeploy agent (which looks for `hooks`) means the scripts never "
	"run, and the deployment succeeds without them.\n\n"
	"### Bad\n"
	"```yaml\n"
	"version: 0.0\n"
	"os: linux\n"
	"Hooks:\n"
	"  ApplicationStart:\n"
	"    - location: scripts/start.sh\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 0.0\n"
	"os: linux\n"
	"hooks:\n"
	"  ApplicationStart:\n"
	"    - location: scripts/start.sh\n"
	"```\n",
	.check = check,
};
