/* E99807: files, permissions and file_exists_behavior of EC2/On-Premises AppSpec files. */
#include <string.h>
#include <strings.h>

#include "rules/appspec/appspec.h"

static void files(struct sl_ctx *c, const struct sl_node *f)
{
	if (!sl_node_is(f, SL_SEQ))
		return;
	for (size_t i = 0; i < f->len; i++) {
		const struct sl_node *m = f->items[i];
		if (!sl_node_is(m, SL_MAP)) {
			sl_report(c, m, "a files entry is a mapping of source and destination");
			continue;
		}
		const struct sl_node *src = sl_map_get(m, "source"), *dst = sl_map_get(m, "destination");
		if (!src || sl_node_is_null(src))
			sl_report(c, src ? sl_appspec_key_at(src) : m, "this files entry has no source: the CodeDeploy "
				  "agent fails the deployment (\"specifies a destination file, but no "
				  "source file\")");
		else if (!dst || sl_node_is_null(dst))
			sl_report(c, dst ? sl_appspec_key_at(dst) : m, "this files entry has no destination: the "
				  "CodeDeploy agent fails the deployment (\"specifies only a source "
				  "file\"); give the absolute path on the instance");
	}
}

static void permissions(struct sl_ctx *c, const struct sl_node *perms, const struct sl_node *os)
{
	if (!sl_node_is(perms, SL_SEQ))
		return;
	if (perms->len && sl_str_eq(os, "windows")) {
		sl_report(c, sl_appspec_key_at(perms), "permissions apply to Amazon Linux, Ubuntu Server and RHEL "
			  "instances only: with os windows the CodeDeploy agent fails the deployment");
		return;
	}
	static const char *const types[] = { "file", "directory", NULL };
	for (size_t i = 0; i < perms->len; i++) {
		const struct sl_node *m = perms->items[i];
		if (!sl_node_is(m, SL_MAP))
			continue;
		const struct sl_node *obj = sl_map_get(m, "object");
		if (!obj || sl_node_is_null(obj))
			sl_report(c, obj ? sl_appspec_key_at(obj) : m, "this permissions entry has no object: the "
				  "CodeDeploy agent fails the deployment; name the file or directory "
				  "on the instance it applies to");
		const struct sl_node *type = sl_map_get(m, "type");
		for (size_t k = 0; sl_node_is(type, SL_SEQ) && k < type->len; k++) {
			const struct sl_node *t = type->items[k];
			if (sl_node_is(t, SL_SCALAR) && !sl_appspec_in(t, types))
				sl_report(c, t, "permission type '%.*s' is not file or directory, the "
					  "only object types the CodeDeploy agent sets permissions on",
					  SL_AS_KEY(t));
		}
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (sl_appspec_platform(root) != SL_AS_EC2)
		return;
	files(c, sl_map_get(root, "files"));
	permissions(c, sl_map_get(root, "permissions"), sl_map_get(root, "os"));
	const struct sl_node *feb = sl_map_get(root, "file_exists_behavior");
	static const char *const behaviors[] = { "DISALLOW", "OVERWRITE", "RETAIN", NULL };
	if (!feb || sl_node_is_null(feb))
		return;
	for (const char *const *b = behaviors; *b; b++)
		if (sl_node_is(feb, SL_SCALAR) && feb->len == strlen(*b) &&
		    strncasecmp(feb->str, *b, feb->len) == 0)
			return;
	sl_report(c, feb, "file_exists_behavior takes DISALLOW (the default: the deployment "
		  "fails), OVERWRITE or RETAIN, not '%.*s'",
		  sl_node_is(feb, SL_SCALAR) ? (int)feb->len : 0, sl_node_is(feb, SL_SCALAR) ? feb->str : "");
}

const struct sl_rule rule_E99807 = {
	.id = "E99807",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_APPSPEC,
	.title = "EC2/On-Premises files and permissions entries are complete",
	.source = SL_APPSPEC_DOC "reference-appspec-file-structure-files.html",
	.doc =
	"### What it checks\n"
	"In an EC2/On-Premises AppSpec file: each `files` entry has a `source` and a "
	"`destination`; `file_exists_behavior` is DISALLOW, OVERWRITE or RETAIN; each "
	"`permissions` entry has an `object`, its `type` lists only `file` and `directory`, and "
	"there are no permissions when `os` is `windows` (see also the 'permissions' section: "
	"<" SL_APPSPEC_DOC "reference-appspec-file-structure-permissions.html>).\n\n"
	"### Why it matters\n"
	"The CodeDeploy agent checks each of these when the deployment starts and fails it: "
	"\"specifies a destination file, but no source file\", \"a permission listed ... has no "
	"object value\", \"a permission for an object type not supported\", \"specifies file "
	"permissions, but the deployment is targeting one or more Windows Server instances\".\n\n"
	"### Bad\n"
	"```yaml\n"
	"version: 0.0\n"
	"os: linux\n"
	"files:\n"
	"  - source: /build\n"
	"file_exists_behavior: REPLACE\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"version: 0.0\n"
	"os: linux\n"
	"files:\n"
	"  - source: /build\n"
	"    destination: /var/www/app\n"
	"file_exists_behavior: OVERWRITE\n"
	"```\n",
	.check = check,
};
