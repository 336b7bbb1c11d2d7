/* E99801: an AppSpec file is a mapping whose version is 0.0. */
#include <stdlib.h>
#include <string.h>

#include "rules/appspec/appspec.h"

/* True for a scalar CodeDeploy reads as the number 0 (0.0, 0, "0.0"): the
 * agent compares the value with 0.0; the service's own examples quote it. */
static bool is_zero(const struct sl_node *v)
{
	if (!sl_node_is(v, SL_SCALAR) || v->len == 0 || v->len > 16)
		return false;
	char buf[17];
	memcpy(buf, v->str, v->len);
	buf[v->len] = '\0';
	char *end;
	double d = strtod(buf, &end);
	return *end == '\0' && d == 0.0 && (buf[0] == '0' || buf[0] == '.' || buf[0] == '+');
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_node_is(root, SL_MAP)) {
		sl_report(c, root, "an AppSpec file is a mapping (of version, os, files, hooks, "
			  "resources, ...) at the top level, not a %s",
			  sl_node_is(root, SL_SEQ) ? "list" : "single value");
		return;
	}
	enum sl_appspec_platform p = sl_appspec_platform(root);
	const struct sl_pair *ver = p == SL_AS_EC2 ? sl_map_get_pair(root, "version")
						   : sl_appspec_get_ci(root, "version");
	if (!ver) {
		const struct sl_node *first = root->len ? root->pairs[0].key : root;
		sl_report(c, first, "the AppSpec file has no version: CodeDeploy requires "
			  "'version: 0.0', the only version there is");
		return;
	}
	if (!is_zero(ver->value))
		sl_report(c, ver->value, "AppSpec version '%.*s' is not 0.0, the only version "
			  "CodeDeploy accepts (it is reserved for future use: do not change it)",
			  sl_node_is(ver->value, SL_SCALAR) ? (int)ver->value->len : 0,
			  sl_node_is(ver->value, SL_SCALAR) ? ver->value->str : "");
}

const struct sl_rule rule_E99801 = {
	.id = "E99801",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_APPSPEC,
	.title = "AppSpec files are a mapping with version 0.0",
	.source = SL_APPSPEC_DOC "reference-appspec-file-structure.html",
	.doc =
	"### What it checks\n"
	"That a CodeDeploy AppSpec file (appspec.yml, appspec.yaml, appspec.json, or a file "
	"linted with `--file-type appspec`) is a mapping at the top level with a `version` "
	"of `0.0`.\n\n"
	"### Why it matters\n"
	"CodeDeploy documents `version` as required and `0.0` as its only allowed value, "
	"reserved for future use. The CodeDeploy agent fails an EC2/On-Premises deployment "
	"whose AppSpec file has another version (\"an invalid version value was entered in "
	"the application specification file\"), and the deployment stops before any hook "
	"runs.\n\n"
	"### Bad\n"
	"```yaml\n"
	"version: 1.0\n"
	"os: linux\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 0.0\n"
	"os: linux\n"
	"```\n",
	.check = check,
};
