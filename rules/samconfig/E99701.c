/* E99701: a samconfig file has a top-level version that is a float. */
#include <stdbool.h>
#include <string.h>

#include "load/toml.h"
#include "rules/samconfig/samconfig.h"

/* YAML 1.2's float forms (ruamel.yaml, which SAM CLI reads samconfig.yaml
 * with, follows 1.2): 1.5, 1., 1e3, 1.5e-3, .5, with underscores between
 * digits. Our loader types plain scalars by YAML 1.1, which misses 1e3. */
static bool yaml12_float(const char *s, size_t n)
{
	size_t i = 0, digits = 0;
	bool dot = false, exp = false;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	for (; i < n; i++) {
		char ch = s[i];
		if (ch >= '0' && ch <= '9')
			digits++;
		else if (ch == '_' && digits)
			;
		else if (ch == '.' && !dot && !exp)
			dot = true;
		else if ((ch == 'e' || ch == 'E') && digits && !exp) {
			exp = true;
			if (i + 1 < n && (s[i + 1] == '+' || s[i + 1] == '-'))
				i++;
			if (i + 1 >= n)
				return false;
		} else
			return false;
	}
	return digits && (dot || exp);
}

/* True when SAM CLI's reader (tomlkit, ruamel.yaml) gives a Python float. */
static bool is_float(const struct sl_node *v)
{
	if (v && (v->flags & SL_NODE_ALIAS))
		return true; /* an alias: not ours to judge here */
	if (!sl_node_is(v, SL_SCALAR))
		return false;
	if (sl_node_tag(v))
		return strcmp(sl_node_tag(v), "!!float") == 0;
	if (v->style != SL_PLAIN)
		return false;
	if (sl_scalar_type(v) == SL_TYPE_FLOAT)
		return true;
	return yaml12_float(v->str, v->len);
}

/* What a scalar that is not a float reads as, for the message. */
static const char *kind_of(const struct sl_node *v)
{
	if (!sl_node_is(v, SL_SCALAR))
		return sl_samcfg_what(v);
	if (sl_node_tag(v)) {
		if (!strcmp(sl_node_tag(v), "!!int"))
			return "an integer";
		if (!strcmp(sl_node_tag(v), "!!bool"))
			return "a boolean";
		if (!strncmp(sl_node_tag(v), "!!local", 7) || !strncmp(sl_node_tag(v), "!!offset", 8))
			return "a date or time";
		return "not a float";
	}
	if (v->style != SL_PLAIN)
		return "a quoted string";
	switch (sl_scalar_type(v)) {
	case SL_TYPE_NULL: return "empty (null)";
	case SL_TYPE_BOOL: return "a boolean";
	case SL_TYPE_INT: return "an integer";
	default: return "a string";
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->root;
	if (sl_node_is_null(root))
		return;
	if (!sl_node_is(root, SL_MAP)) {
		sl_report(c, root, "a samconfig file is a table of version and environments "
			  "([default.deploy.parameters], ...), not a %s: SAM CLI cannot read it",
			  sl_samcfg_what(root));
		return;
	}
	if (root->len == 0)
		return; /* SAM CLI checks the version of a file that holds something */
	const struct sl_pair *ver = sl_map_get_pair(root, "version");
	if (!ver) {
		sl_report(c, root->pairs[0].key,
			  "this samconfig file has no top-level 'version': SAM CLI refuses the "
			  "file and every command run with it stops; add 'version = 0.1' (YAML: "
			  "'version: 0.1') before the first table");
		return;
	}
	const struct sl_node *v = ver->value;
	if (is_float(v))
		return;
	if (sl_node_is(v, SL_SCALAR))
		sl_report(c, v, "samconfig 'version' %.*s is %s: SAM CLI accepts only a "
			  "floating-point number and refuses the file otherwise (every command run "
			  "with it stops); write 'version = 0.1'%s", SL_SAMCFG_STR(v), kind_of(v),
			  v->style == SL_SINGLE || v->style == SL_DOUBLE ? ", without quotes" : "");
	else
		sl_report(c, v, "samconfig 'version' is a %s: SAM CLI accepts only a "
			  "floating-point number and refuses the file otherwise; write "
			  "'version = 0.1'", sl_samcfg_what(v));
}

const struct sl_rule rule_E99701 = {
	.id = "E99701",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_SAMCONFIG,
	.title = "samconfig files have a version that is a float",
	.source = SL_SAMCFG_CONFIG_DOC,
	.doc =
	"### What it checks\n"
	"That a SAM CLI configuration file (samconfig.toml, samconfig.yaml or "
	"samconfig.yml) which holds anything has a top-level `version`, and that it is a "
	"floating-point number such as `0.1` - not a quoted string (`\"0.1\"`), an integer "
	"(`1`), a boolean or a table.\n\n"
	"### Why it matters\n"
	"The configuration file page documents `version = 0.1` as the first line of the "
	"file. SAM CLI checks it each time it reads the file: when the key is missing or "
	"its value is not a float, it refuses the file, and `sam build`, `sam deploy` or "
	"whichever command was run stops before doing anything.\n\n"
	"### Bad\n"
	"```toml\n"
	"version = \"0.1\"\n"
	"\n"
	"[default.deploy.parameters]\n"
	"stack_name = \"sam-app\"\n"
	"```\n\n"
	"### Good\n"
	"```toml\n"
	"version = 0.1\n"
	"\n"
	"[default.deploy.parameters]\n"
	"stack_name = \"sam-app\"\n"
	"```\n",
	.check = check,
};
