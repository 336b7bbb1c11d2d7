/* E99923: env.yaml environment names, CName and link targets are names Elastic Beanstalk
 * takes, with a group's `+` only at the end. */
#include <ctype.h>
#include <stdio.h>

#include "rules/beanstalk/ebconfig.h"

/* Checks the name scalar n (what: "EnvironmentName", ...), which takes
 * letters, digits and hyphens, min..max characters, and a trailing `+` for a
 * group. Reports the first fault. */
static void name(struct sl_ctx *c, const struct sl_node *n, const char *what, size_t min,
		 size_t max)
{
	if (!n || sl_node_is_null(n))
		return;
	if (!sl_node_is(n, SL_SCALAR)) {
		sl_report(c, n, "%s is a name, not a %s", what, sl_eb_what(n));
		return;
	}
	const char *s = n->str;
	bool group = n->len && s[n->len - 1] == '+';
	size_t len = group ? n->len - 1 : n->len;
	for (size_t i = 0; i < len; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '+') {
			sl_report(c, n, "%s '%.*s' has a '+' before its end: the + that asks for an "
				  "environment group goes last (Elastic Beanstalk replaces it with a "
				  "hyphen and the group name)", what, SL_EB_STR(n));
			return;
		}
		if (!isalnum(ch) && ch != '-') {
			sl_report(c, n, "%s '%.*s' holds '%c': it takes only letters, digits and "
				  "hyphens (and a final + for a group)", what, SL_EB_STR(n),
				  isprint(ch) ? ch : '?');
			return;
		}
	}
	if (len && s[0] == '-') {
		sl_report(c, n, "%s '%.*s' starts with a hyphen, which Elastic Beanstalk does not "
			  "allow", what, SL_EB_STR(n));
		return;
	}
	if (!group && len && s[len - 1] == '-') {
		sl_report(c, n, "%s '%.*s' ends with a hyphen, which Elastic Beanstalk does not "
			  "allow", what, SL_EB_STR(n));
		return;
	}
	/* with a group, the name becomes <name>-<group>: at least two more characters */
	if (group ? len + 2 > max : (len < min || len > max))
		sl_report(c, n, "%s '%.*s' is %zu characters long%s: Elastic Beanstalk takes %zu to "
			  "%zu", what, SL_EB_STR(n), len,
			  group ? " before the group suffix is added" : "", min, max);
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (!sl_ebc_is_manifest(root))
		return;
	name(c, sl_map_get(root, "EnvironmentName"), "EnvironmentName", 4, 40);
	name(c, sl_map_get(root, "CName"), "CName", 4, 63);
	const struct sl_node *links = sl_map_get(root, "EnvironmentLinks");
	if (!links || sl_node_is_null(links))
		return;
	if (!sl_node_is(links, SL_MAP)) {
		sl_report(c, links, "EnvironmentLinks is a mapping of link names to environment "
			  "names (WORKERQUEUE: worker+), not a %s", sl_eb_what(links));
		return;
	}
	for (uint32_t i = 0; i < links->len; i++) {
		const struct sl_node *k = links->pairs[i].key, *v = links->pairs[i].value;
		if (!v || sl_node_is_null(v)) {
			sl_report(c, k, "link '%.*s' names no environment: give the name of the "
				  "environment it links to (with a final + for one of the same group)",
				  SL_EB_STR(k));
			continue;
		}
		const char *what = sl_arena_printf(c->arena, "EnvironmentLinks %s", k->str);
		name(c, v, what ? what : "the linked environment", 4, 40);
	}
}

const struct sl_rule rule_E99923 = {
	.id = "E99923",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_EB_ENV,
	.title = "env.yaml environment names, CName and links are well formed",
	.source = SL_EB_API_CREATE,
	.doc =
	"### What it checks\n"
	"In an environment manifest (`env.yaml`): that `EnvironmentName` and the environment "
	"each `EnvironmentLinks` entry names are environment names (4 to 40 letters, digits "
	"and hyphens, not starting or ending with a hyphen), that `CName` is a CNAME prefix "
	"(4 to 63 letters, digits and hyphens), that a `+` (which asks for an environment "
	"group) comes only at the end, and that `EnvironmentLinks` is a mapping of link "
	"names to environment names. With a final `+`, Elastic Beanstalk adds a hyphen and "
	"the group name, so only the length before the group is checked against the "
	"maximum.\n\n"
	"### Why it matters\n"
	"CreateEnvironment and ComposeEnvironments reject a name outside these rules with "
	"InvalidParameterValue, and the environments of the manifest are not created. A `+` "
	"anywhere but at the end is not the group marker and makes an invalid name.\n\n"
	"### Bad\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"EnvironmentName: front_end+\n"
	"EnvironmentLinks:\n"
	"  WORKERQUEUE: worker+dev\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"AWSConfigurationTemplateVersion: 1.1.0.0\n"
	"EnvironmentName: front-end+\n"
	"EnvironmentLinks:\n"
	"  WORKERQUEUE: worker+\n"
	"```\n",
	.check = check,
};
