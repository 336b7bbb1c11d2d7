/*
 * Helpers shared by the rules on SAM CLI configuration files (rules/samconfig/,
 * E997xx/W997xx): samconfig.toml, samconfig.yaml and samconfig.yml, which the
 * TOML reader and the YAML loader turn into the same tree. These rules run on
 * the document root (c->root); there is no template (c->t is NULL).
 *
 * The file, as SAM CLI reads it (samcli/lib/config/samconfig.py and
 * samcli/cli/cli_config_file.py): a top-level `version` that must be a float,
 * and environments, each a table of commands, each command a table whose
 * `parameters` table holds option values (`[default.deploy.parameters]`).
 * The command key is the command's words joined with underscores
 * (`sam local start-api` -> `local_start_api`), an option's key its long name
 * with underscores (`--stack-name` -> `stack_name`). The command `global`
 * gives every command of its environment its parameters, and the command's own
 * parameters win. Option values become click's defaults: a key no option of
 * the command has is ignored without a word, and every other table of the file
 * is never read.
 */
#ifndef SL_RULES_SAMCONFIG_SAMCONFIG_H
#define SL_RULES_SAMCONFIG_SAMCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "engine/engine.h"
#include "load/node.h"

#define SL_SAMCFG_DOC "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/"
#define SL_SAMCFG_CONFIG_DOC SL_SAMCFG_DOC "serverless-sam-cli-config.html"
#define SL_SAMCFG_DEPLOY_DOC SL_SAMCFG_DOC "sam-cli-command-reference-sam-deploy.html"

/* printf arguments "%.*s" for a scalar node, "" for anything else. */
#define SL_SAMCFG_STR(n) (sl_node_is((n), SL_SCALAR) ? (int)(n)->len : 0), \
	(sl_node_is((n), SL_SCALAR) ? (n)->str : "")

/* "table", "list" or "single value": what n is, for messages. */
static inline const char *sl_samcfg_what(const struct sl_node *n)
{
	return sl_node_is(n, SL_SEQ) ? "list" : sl_node_is(n, SL_MAP) ? "table" : "single value";
}

/* --- commands and their options (params.c) -------------------------------- */

/* What an option's value is read as (click's type for it). */
enum sl_samcfg_type {
	SL_SAMCFG_ANY = 0, /* not checked (several forms, or not sure) */
	SL_SAMCFG_STRING,  /* one value: a list or table is read as its Python text */
	SL_SAMCFG_BOOL,    /* a flag: true/false, or a string click reads as one */
	SL_SAMCFG_INT,     /* an integer, or a string of one */
	SL_SAMCFG_LIST,    /* one string, or a list of strings (a repeatable option) */
};

struct sl_samcfg_option {
	const char *name;           /* samconfig spelling: stack_name */
	uint8_t type;               /* enum sl_samcfg_type */
	const char *const *choices; /* closed set (NULL-terminated), or NULL */
};

struct sl_samcfg_command {
	const char *name; /* samconfig spelling: local_start_api */
	/* sorted by name; NULL for a command whose options are not listed here
	 * (its parameters are not checked) */
	const struct sl_samcfg_option *options;
	size_t n_options;
};

/* The command a key of an environment names ("deploy", "local_invoke"), or
 * NULL for a name SAM CLI has no command for. Commands of a group whose
 * subcommands are the user's or many (local_generate_event_s3_put,
 * remote_test_event_put, ...) are known, without options. `global` is not a
 * command: test it with sl_samcfg_is_global(). O(log commands). */
const struct sl_samcfg_command *sl_samcfg_command(const char *name, size_t len);

/* True when the scalar key k is `global`. */
static inline bool sl_samcfg_is_global(const struct sl_node *k)
{
	return sl_str_eq(k, "global");
}

/* The option of cmd named by the len bytes at name, or NULL (also when the
 * command's options are not listed). O(log options). */
const struct sl_samcfg_option *sl_samcfg_option(const struct sl_samcfg_command *cmd,
						const char *name, size_t len);

/* For a parameter under `global`, which any command may read: true when some
 * listed command has the option, with *out its entry (type SL_SAMCFG_ANY and
 * no choices when commands read it differently). */
bool sl_samcfg_any_option(const char *name, size_t len, struct sl_samcfg_option *out);

/* The closest command name to the len bytes at name (for "did you mean"), or
 * NULL when none is close. */
const char *sl_samcfg_suggest_command(const char *name, size_t len);

/* The closest option name of cmd (of any listed command when cmd is NULL,
 * for `global`), or NULL. */
const char *sl_samcfg_suggest_option(const struct sl_samcfg_command *cmd, const char *name,
				     size_t len);

/* The command as typed ("sam local start-api" for local_start_api), written
 * to buf (size bytes, truncated if need be). Returns buf. */
const char *sl_samcfg_cli_name(const struct sl_samcfg_command *cmd, char *buf, size_t size);

/* --- walking the file (samconfig.c) --------------------------------------- */

/* Calls fn for every parameters table of the file that SAM CLI can read:
 * root -> environment (a table) -> command key (a known command or `global`,
 * a table) -> `parameters` (a table). cmd is NULL for `global`. Tables of
 * another shape are skipped (E99702 and W99702 report them). */
void sl_samcfg_each_params(struct sl_ctx *c,
			   void (*fn)(struct sl_ctx *c, const struct sl_node *env_key,
				      const struct sl_node *cmd_key,
				      const struct sl_samcfg_command *cmd,
				      const struct sl_node *params, void *arg),
			   void *arg);

/* The value command `cmd` of environment `env` reads for option `name`: its own
 * [env.cmd.parameters] entry, else [env.global.parameters]'s, as SAM CLI merges
 * them; NULL when neither has it or the tables on the way are not tables. */
const struct sl_node *sl_samcfg_param(const struct sl_node *root, const char *env,
				      const char *cmd, const char *name);

/* --- Key=Value lists: tags, parameter_overrides (samconfig.c) ------------- */

/*
 * The syntax SAM CLI reads (samcli/cli/types.py):
 *
 * SL_SAMCFG_OVERRIDES (parameter_overrides, CfnParameterOverridesType): each
 * string (the value, or each item of a list, read separately) is trimmed and
 * searched for `ParameterKey=K,ParameterValue=V` items; when there is none,
 * for space-separated `K=V` items. A key is letters, digits and quotes; a value
 * is "double-quoted" or 'single-quoted' (backslash escapes, may hold spaces) or
 * a run of anything but spaces and double quotes (a backslash escapes the next
 * character). Text between items that is neither is skipped without a word;
 * a string with no item at all makes SAM CLI refuse the option ("is not in
 * valid format"). `K=V1,K2=V2` is one item whose value is `V1,K2=V2`.
 *
 * SL_SAMCFG_TAGS (tags, CfnTags): a list is first joined with spaces. A string
 * with exactly one `=` is one tag (`Name=My App`: value `My App`); else, when
 * every space-separated word has exactly one `=`, one tag per word; else
 * `K=V` items are searched for (quoted as above, or runs of anything but spaces
 * and quotes), other text being skipped; no item at all: SAM CLI refuses the
 * option, and with long text its search can run for hours (aws-sam-cli issue
 * 8412, `tags = ["Environment:dev"]` hanging `sam deploy`).
 *
 * Both: a key or value wrapped in matching quotes loses them, and \<space>,
 * \" and \' become the character.
 */
enum sl_samcfg_syntax {
	SL_SAMCFG_OVERRIDES,
	SL_SAMCFG_TAGS,
};

struct sl_samcfg_pair {
	const struct sl_node *node; /* the string holding the pair (a list item, or the value) */
	const char *key, *value;    /* decoded as SAM CLI decodes them (arena or node text) */
	size_t key_len, value_len;
	/* Source positions of the key and value as written (quotes included).
	 * Exact when `exact`; else both spans are the node's whole span: the text
	 * between the string's quotes differs from its decoded text (escapes, a
	 * multi-line or block string) or the pair crosses list items. */
	struct sl_position key_start, key_end, value_start, value_end;
	bool exact;
};

enum sl_samcfg_bad {
	SL_SAMCFG_REFUSED, /* no pair at all: SAM CLI refuses the value */
	SL_SAMCFG_SKIPPED, /* a word outside every pair: SAM CLI drops it silently */
	SL_SAMCFG_MIXED,   /* a K=V word in a parameter_overrides string that has
			    * ParameterKey=...,ParameterValue=... items: dropped too */
};

/* What a `bad` callback receives: the text at fault (decoded; a skipped word,
 * or the whole string when refused) and its span, exact as for pairs. */
struct sl_samcfg_badtext {
	const struct sl_node *node;
	enum sl_samcfg_bad why;
	const char *text;
	size_t len;
	struct sl_position start, end;
	bool exact;
};

/* Splits the value of a tags or parameter_overrides option (a string, or a
 * list of strings; anything else is left alone, as are aliases) as SAM CLI
 * does, calling pair() for every key/value pair in order and bad() (may be
 * NULL) for text SAM CLI refuses or skips. Empty strings and empty lists are
 * nothing. Linear in the value's length; decoded texts live in c->arena.
 * Returns 0, or -1 when memory ran out (calls may have been made). */
int sl_samcfg_each_pair(struct sl_ctx *c, const struct sl_node *value, enum sl_samcfg_syntax syntax,
			void (*pair)(struct sl_ctx *c, const struct sl_samcfg_pair *p, void *arg),
			void (*bad)(struct sl_ctx *c, const struct sl_samcfg_badtext *b, void *arg),
			void *arg);

/* --- the template a configuration deploys (deploy.c) ---------------------- */

/* The template that command cmd ("deploy", "sync", ...; "global" for the
 * global table) of environment env reads, from disk: its template_file (or
 * template) parameter, relative to the samconfig's directory — a built
 * template under .aws-sam/ that is not there yet stands for the template.yaml
 * it is built from — else the first of .aws-sam/build/template.yaml,
 * template.yaml, template.yml and template.json beside the samconfig, as
 * `sam deploy` looks for them (the samconfig sits beside the template: SAM CLI
 * looks for it in the template's directory). NULL when none can be read or it
 * is not a template, and when the template has a macro other than SAM's that
 * may rewrite its parameters. *name gets the file name for messages. */
const struct sl_template *sl_samcfg_template(struct sl_ctx *c, const char *env, const char *cmd,
					     const char **name);

/* The capabilities CloudFormation requires to create a template's resources,
 * as SAM's transform will leave them (a function or state machine without a
 * Role gets a role; a connector gets a policy; a nested application needs
 * CAPABILITY_AUTO_EXPAND). `why` names, for each, the first resource that
 * needs it (NULL when none does). Resources with a Condition are not counted:
 * they may not be created. */
struct sl_samcfg_needs {
	const struct sl_entity *iam;         /* CAPABILITY_IAM (or NAMED_IAM) */
	const struct sl_entity *named_iam;   /* CAPABILITY_NAMED_IAM: an IAM resource with a name */
	const struct sl_entity *auto_expand; /* CAPABILITY_AUTO_EXPAND */
};
void sl_samcfg_needs(const struct sl_template *t, struct sl_samcfg_needs *out);

#define SL_SAMCFG_CAPS_DOC \
	"https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateChangeSet.html"

/* Reports, for every environment with a deploy table, the capabilities its
 * template needs (sl_samcfg_needs) that `sam deploy` does not get from the
 * file: with when_given, where the file gives capabilities (E99713: they fall
 * short); else where it gives none (W99714: the command line may add them). */
void sl_samcfg_check_caps(struct sl_ctx *c, bool when_given);

/* Calls fn for every key/value pair of every parameter_overrides the file
 * holds (every command's table and `global`'s), with the template that
 * table's command reads (tables whose template cannot be read are skipped)
 * and the table's command key. */
void sl_samcfg_each_override(struct sl_ctx *c,
			     void (*fn)(struct sl_ctx *c, const struct sl_node *cmd_key,
					const struct sl_template *t, const char *file,
					const struct sl_samcfg_pair *p, void *arg),
			     void *arg);

/* Reports at the pair's key (value: false) or value (true), exactly when the
 * pair's span is exact, else at the whole string. */
void sl_samcfg_report_pair(struct sl_ctx *c, const struct sl_samcfg_pair *p, bool value,
			   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#endif
