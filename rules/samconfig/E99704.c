/* E99704: a samconfig parameter's value is of the type its option reads. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "rules/samconfig/samconfig.h"

static bool is_alias(const struct sl_node *v)
{
	return v && (v->flags & SL_NODE_ALIAS);
}

/* A string click's BOOL type reads (case and surrounding blanks ignored). */
static bool bool_word(const char *s, size_t n)
{
	static const char *const words[] = { "1", "true", "t", "yes", "y", "on",
					     "0", "false", "f", "no", "n", "off", NULL };
	while (n && isspace((unsigned char)*s))
		s++, n--;
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	for (int i = 0; words[i]; i++)
		if (strlen(words[i]) == n && strncasecmp(s, words[i], n) == 0)
			return true;
	return false;
}

/* A string Python's int() reads: blanks, a sign, digits with single
 * underscores between them. */
static bool int_word(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && isspace((unsigned char)s[i]))
		i++;
	while (n > i && isspace((unsigned char)s[n - 1]))
		n--;
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	size_t digits = 0;
	for (; i < n; i++) {
		if (isdigit((unsigned char)s[i]))
			digits++;
		else if (!(s[i] == '_' && digits && i + 1 < n && isdigit((unsigned char)s[i + 1])))
			return false;
	}
	return digits > 0;
}

/* A quoted (or !!str, block) string, as opposed to a TOML or YAML number,
 * boolean or date. */
static bool is_text(const struct sl_node *v)
{
	return sl_scalar_type(v) == SL_TYPE_STRING && !(sl_node_tag(v) && strncmp(sl_node_tag(v), "!!", 2) == 0 &&
							 strcmp(sl_node_tag(v), "!!str") != 0);
}

static void check_value(struct sl_ctx *c, const struct sl_node *k, const struct sl_node *v,
			const struct sl_samcfg_option *o)
{
	if (!v || is_alias(v) || sl_node_is_null(v) || o->type == SL_SAMCFG_ANY)
		return;
	if (sl_node_is(v, SL_MAP)) {
		sl_report(c, v, "'%.*s' is a table: SAM CLI takes %s for this option and fails "
			  "on a table; write it as %s", SL_SAMCFG_STR(k),
			  o->type == SL_SAMCFG_BOOL ? "true or false" :
			  o->type == SL_SAMCFG_INT ? "an integer" :
			  o->type == SL_SAMCFG_LIST ? "a string or a list of strings" : "one string",
			  o->type == SL_SAMCFG_LIST ? "\"Key1=Value1 Key2=Value2\" or a list of such "
			  "strings" : "a single value");
		return;
	}
	bool pairs = sl_str_eq(k, "tags") || sl_str_eq(k, "parameter_overrides");
	if (sl_node_is(v, SL_SEQ)) {
		if (o->type != SL_SAMCFG_LIST) {
			sl_report(c, v, "'%.*s' takes one value, not a list: SAM CLI %s; write a "
				  "single value", SL_SAMCFG_STR(k),
				  o->type == SL_SAMCFG_STRING
					  ? "turns a list into its Python text (['a', 'b']) or fails "
					    "on it"
					  : "fails on it");
			return;
		}
		for (uint32_t i = 0; i < v->len; i++) {
			const struct sl_node *it = v->items[i];
			if (is_alias(it))
				continue;
			if (!sl_node_is(it, SL_SCALAR))
				sl_report(c, it, "an item of '%.*s' is a %s: SAM CLI takes a list "
					  "of strings here and fails on it", SL_SAMCFG_STR(k),
					  sl_samcfg_what(it));
			else if (pairs && !is_text(it))
				sl_report(c, it, "'%.*s' item %.*s is not a string: SAM CLI joins "
					  "or splits these items as text and fails on it; quote it",
					  SL_SAMCFG_STR(k), SL_SAMCFG_STR(it));
		}
		return;
	}
	if (!sl_node_is(v, SL_SCALAR))
		return;
	switch (o->type) {
	case SL_SAMCFG_BOOL:
		if (sl_scalar_bool(v) >= 0 || (is_text(v) && bool_word(v->str, v->len)) ||
		    sl_str_eq(v, "0") || sl_str_eq(v, "1"))
			return;
		sl_report(c, v, "'%.*s' is a flag and takes true or false, not '%.*s': SAM CLI "
			  "stops with an invalid value error (or a crash)", SL_SAMCFG_STR(k),
			  SL_SAMCFG_STR(v));
		return;
	case SL_SAMCFG_INT: {
		enum sl_scalar_type t = sl_scalar_type(v);
		if (t == SL_TYPE_INT || t == SL_TYPE_FLOAT || t == SL_TYPE_BOOL ||
		    int_word(v->str, v->len))
			return;
		sl_report(c, v, "'%.*s' takes an integer, not '%.*s': SAM CLI stops with an "
			  "invalid value error", SL_SAMCFG_STR(k), SL_SAMCFG_STR(v));
		return;
	}
	case SL_SAMCFG_LIST:
		if (pairs && !is_text(v))
			sl_report(c, v, "'%.*s' = %.*s is not a string: SAM CLI reads this option as "
				  "text (\"Key1=Value1 Key2=Value2\") and fails on a %s", SL_SAMCFG_STR(k),
				  SL_SAMCFG_STR(v), sl_scalar_type(v) == SL_TYPE_BOOL ? "boolean" : "number");
		return;
	default:
		break;
	}
	if (!o->choices)
		return;
	for (int i = 0; o->choices[i]; i++)
		if (strlen(o->choices[i]) == v->len && strncasecmp(v->str, o->choices[i], v->len) == 0)
			return;
	char list[160];
	size_t n = 0;
	list[0] = '\0';
	for (int i = 0; o->choices[i] && n < sizeof(list); i++)
		n += (size_t)snprintf(list + n, sizeof(list) - n, "%s%s", i ? ", " : "",
				      o->choices[i]);
	sl_report(c, v, "'%.*s' is not a value of '%.*s', which takes one of %s: SAM CLI "
		  "stops with an invalid choice error", SL_SAMCFG_STR(v), SL_SAMCFG_STR(k), list);
}

static void each(struct sl_ctx *c, const struct sl_node *ek, const struct sl_node *ck,
		 const struct sl_samcfg_command *cmd, const struct sl_node *params, void *arg)
{
	(void)ek, (void)ck, (void)arg;
	for (uint32_t i = 0; i < params->len; i++) {
		const struct sl_node *k = params->pairs[i].key;
		struct sl_samcfg_option any;
		const struct sl_samcfg_option *o = NULL;
		if (cmd)
			o = sl_samcfg_option(cmd, k->str, k->len);
		else if (sl_samcfg_any_option(k->str, k->len, &any))
			o = &any;
		if (o)
			check_value(c, k, params->pairs[i].value, o);
	}
}

static void check(struct sl_ctx *c)
{
	sl_samcfg_each_params(c, each, NULL);
}

const struct sl_rule rule_E99704 = {
	.id = "E99704",
	.severity = SL_SEV_ERROR,
	.kind = SL_FILE_SAMCONFIG,
	.title = "samconfig parameter values have the type of their option",
	.source = SL_SAMCFG_CONFIG_DOC,
	.doc =
	"### What it checks\n"
	"That each value of `[environment.command.parameters]` is one the option reads: "
	"`true` or `false` for a flag (or a string SAM CLI reads as one: \"true\", "
	"\"yes\", \"1\", ...), an integer for `port`, one value (not a list) for an option "
	"taken once, a string or a list of strings for `tags`, `parameter_overrides`, "
	"`capabilities` and the other repeatable options, never a table; and one of the "
	"documented values for `on_failure` (ROLLBACK, DELETE, DO_NOTHING), `mount_with`, "
	"`warm_containers`, `package_type`, `architecture`, `permissions_provider` and "
	"`output`. Under `global` an option is checked when every command that takes it "
	"reads it alike.\n\n"
	"### Why it matters\n"
	"The values become the defaults of the command's options, and SAM CLI converts "
	"them as it converts what is typed on the command line: a flag set to `\"enabled\"` "
	"or an unknown `on_failure` stops the command with an invalid-value error, a list "
	"where one string is read becomes its Python text (`['a', 'b']`) or fails, and a number "
	"in `tags` or `parameter_overrides` makes SAM CLI fail while splitting them.\n\n"
	"### Bad\n"
	"```toml\n"
	"[default.deploy.parameters]\n"
	"stack_name = [\"sam-app\"]\n"
	"confirm_changeset = \"always\"\n"
	"on_failure = \"ROLLBACK_ALL\"\n"
	"```\n\n"
	"### Good\n"
	"```toml\n"
	"[default.deploy.parameters]\n"
	"stack_name = \"sam-app\"\n"
	"confirm_changeset = true\n"
	"on_failure = \"ROLLBACK\"\n"
	"```\n",
	.check = check,
};
