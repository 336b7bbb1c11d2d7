/* E99803: an EC2/On-Premises AppSpec file names its os: linux or windows. */
#include "rules/appspec/appspec.h"

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (sl_appspec_platform(root) != SL_AS_EC2)
		return;
	const struct sl_node *os = sl_map_get(root, "os");
	if (!os) {
		sl_report(c, root->pairs[0].key, "this EC2/On-Premises AppSpec file has no os: the "
			  "CodeDeploy agent requires 'os: linux' (Amazon Linux, Ubuntu Server, RHEL) "
			  "or 'os: windows' (Windows Server)");
		return;
	}
	static const char *const oses[] = { "linux", "windows", NULL };
	if (sl_appspec_in(os, oses))
		return;
	if (!sl_node_is(os, SL_SCALAR)) {
		sl_report(c, os, "os is one value, linux or windows, not a %s",
			  sl_node_is(os, SL_SEQ) ? "list" : "mapping");
		return;
	}
	const char *s = sl_suggest(os->str, os->len, oses, 2);
	sl_report(c, os, "os '%.*s' is not an operating system the CodeDeploy agent knows: it "
		  "takes linux (Amazon Linux, Ubuntu Server, RHEL) or windows (Windows Server), in "
		  "lower case%s%s%s", SL_AS_KEY(os), s ? " (did you mean '" : "", s ? s : "",
		  s ? "'?)" : "");
}

const struct sl_rule rule_E99803 = {
	.id = "E99803",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_APPSPEC,
	.title = "EC2/On-Premises AppSpec files name their os: linux or windows",
	.source = SL_APPSPEC_DOC "reference-appspec-file-structure.html",
	.doc =
	"### What it checks\n"
	"That an AppSpec file for EC2/On-Premises (one with `os`, `files`, `permissions` or "
	"script hooks) has an `os` of `linux` or `windows`.\n\n"
	"### Why it matters\n"
	"The `os` section is required for EC2/On-Premises deployments, and the CodeDeploy agent "
	"knows only `linux` (Amazon Linux, Ubuntu Server, RHEL) and `windows` (Windows Server): "
	"with any other value, or none, it fails the deployment (\"the application "
	"specification file specifies an unsupported operating system\").\n\n"
	"### Bad\n"
	"```yaml\n"
	"version: 0.0\n"
	"os: ubuntu\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 0.0\n"
	"os: linux\n"
	"```\n",
	.check = check,
};
