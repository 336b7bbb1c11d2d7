/* W99937: .ebextensions file modes are quoted six-digit octal strings. */
#include <string.h>

#include "rules/beanstalk/ebconfig.h"

static bool octal6(const struct sl_node *n)
{
	if (n->len != 6)
		return false;
	for (int i = 0; i < 6; i++)
		if (n->str[i] < '0' || n->str[i] > '7')
			return false;
	return true;
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *files = sl_map_get(c->root, "files");
	for (uint32_t i = 0; sl_node_is(files, SL_MAP) && i < files->len; i++) {
		const struct sl_node *mode = sl_map_get(files->pairs[i].value, "mode");
		if (!sl_node_is(mode, SL_SCALAR) || sl_node_is_null(mode) || sl_ebc_is_function_text(mode))
			continue;
		enum sl_scalar_type t = sl_scalar_type(mode);
		if (t == SL_TYPE_INT && mode->len > 1 && mode->str[0] == '0')
			sl_report(c, mode, "mode %.*s is not quoted: YAML reads a number with a leading "
				  "0 as octal and passes on its decimal value, not these digits. Quote it: "
				  "mode: \"%.*s\"", SL_EB_STR(mode), SL_EB_STR(mode));
		else if (!octal6(mode))
			sl_report(c, mode, "mode '%.*s' is not a six-digit octal value: write the "
				  "three digits of the permissions after 000 (\"000644\"), or 120 and "
				  "the link's permissions for a symlink (\"120400\"), quoted",
				  SL_EB_STR(mode));
	}
}

const struct sl_rule rule_W99937 = {
	.id = "W99937",
	.severity = SL_SEV_WARNING,
	.kind = SL_FILE_EBEXTENSION,
	.title = ".ebextensions file modes are quoted six-digit octal strings",
	.source = SL_EB_LINUX_DOC,
	.doc =
	"### What it checks\n"
	"The `mode` of each entry of `files` in a configuration file: six octal digits, "
	"quoted (`\"000644\"`, `\"000755\"`, `\"120400\"` for a symlink). Reported: an "
	"unquoted YAML number with a leading zero (`mode: 000755`, which YAML reads as an "
	"octal number), and any value that is not six octal digits (`\"755\"`, "
	"`\"0644\"`, `\"rwxr-xr-x\"`).\n\n"
	"### Why it matters\n"
	"The page defines mode as \"a six-digit octal value\", the first three digits for "
	"symlinks and the last three the permissions. YAML 1.1 turns an unquoted "
	"`000755` into the number 493, so the digits that reach the instance are not the "
	"ones written; a shorter value relies on how the tool pads it. Some of these "
	"still produce the intended mode, hence a warning.\n\n"
	"### Bad\n"
	"```yaml\n"
	"files:\n"
	"  /opt/elasticbeanstalk/hooks/appdeploy/post/99_restart.sh:\n"
	"    mode: 000755\n"
	"    owner: root\n"
	"    group: root\n"
	"    content: |\n"
	"      #!/bin/bash\n"
	"      systemctl restart worker\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"files:\n"
	"  /opt/elasticbeanstalk/hooks/appdeploy/post/99_restart.sh:\n"
	"    mode: \"000755\"\n"
	"    owner: root\n"
	"    group: root\n"
	"    content: |\n"
	"      #!/bin/bash\n"
	"      systemctl restart worker\n"
	"```\n",
	.check = check,
};
