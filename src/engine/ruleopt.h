/*
 * Rule options: cfn-lint's `configure_rules` (-x RULE:key=value, the
 * configuration's `configure_rules: {RULE: {key: value}}`, the template's
 * `Metadata: cfn-lint: config: configure_rules`). One table holds every option
 * cfn-lint's rules take (its docs/rules.md "Config" column), its type and
 * default, and whether stacklint implements it. The engine resolves the
 * settings once per template (sl_ropt_resolve); a rule reads its own with the
 * typed accessors, once per check. docs/configure-rules.md lists them.
 *
 * Precedence, as cfn-lint's ConfigMixIn: the command line's settings, when
 * there are any, are the only ones; else the template's Metadata settings,
 * when there are any; else the configuration file's. A layer replaces the one
 * below it whole (cfn-lint merges no dictionaries, with --merge-configs
 * neither).
 */
#ifndef SL_ENGINE_RULEOPT_H
#define SL_ENGINE_RULEOPT_H

#include <stdbool.h>
#include <stddef.h>

struct sl_ctx;

enum sl_ropt_type {
	SL_ROPT_BOOL,       /* true or false (any case; YAML's booleans in files) */
	SL_ROPT_STRING,     /* any text */
	SL_ROPT_REGEX,      /* a regular expression (PCRE2; matched at the start, as Python's re.match) */
	SL_ROPT_REGEX_LIST, /* a list of them: each setting adds one */
	SL_ROPT_LIST,       /* a list of strings */
	SL_ROPT_OBJECT,     /* a mapping (cfn-lint's own code applies none) */
};

struct sl_ropt_def {
	const char *rule, *key;
	enum sl_ropt_type type;
	const char *dflt;    /* the default, as text ("false", ""): the docs' */
	const char *absent;  /* NULL when stacklint implements the option; else why it
			      * is ignored (the notice's reason) */
};

/* The table, sorted by rule then key. */
const struct sl_ropt_def *sl_ropt_defs(size_t *n);

/* Splits "RULE:key=value" at its first ':' and the first '=' after it.
 * Returns 0, or -1 when either is missing or the rule or key is empty. */
int sl_ropt_split(const char *spec, size_t *rule_len, const char **key, size_t *key_len, const char **value);

/* Judges one setting: value is its text (a list's item for the list types).
 * Returns 0 when stacklint applies it; 1 when it is one of cfn-lint's that
 * stacklint ignores (msg gets the one-line notice); -1 when it is wrong: an
 * unknown rule, an option the rule does not have, a value of the wrong type,
 * a regular expression that does not compile (msg gets the message). msg is
 * cap bytes (at least 1). */
int sl_ropt_check(const char *rule, size_t rule_len, const char *key, size_t key_len, const char *value,
		  char *msg, size_t cap);

/* One resolved setting. */
struct sl_ropt {
	const char *rule, *key, *value;
};

/* Resolves the settings that apply to c's template (see above) into
 * c->ropts, in the template's arena. Settings that fail sl_ropt_check are
 * left out (the CLI refuses them before; a template's Metadata cannot make
 * the run fail). Returns 0, or -1 when memory ran out. */
int sl_ropt_resolve(struct sl_ctx *c);

/* The current rule's option `key`: its last setting, else its default. */
bool sl_rule_opt_bool(struct sl_ctx *c, const char *key);
const char *sl_rule_opt_str(struct sl_ctx *c, const char *key); /* "" when unset and no default */

/* The current rule's list option `key`: every setting's value in order, in
 * the template's arena (*n gets the count; NULL with *n 0 when none). */
const char *const *sl_rule_opt_list(struct sl_ctx *c, const char *key, size_t *n);

/* The current rule's regular-expression option `key` (SL_ROPT_REGEX or
 * SL_ROPT_REGEX_LIST), compiled once per template (memoised under the
 * option's table entry). NULL when it has no setting, or memory ran out. */
struct sl_ropt_re;
const struct sl_ropt_re *sl_rule_opt_regex(struct sl_ctx *c, const char *key);

/* True when one of r's expressions matches s[0..len) from its start (Python's
 * re.match, which cfn-lint uses; the end is not anchored). False for NULL. */
bool sl_ropt_re_match(const struct sl_ropt_re *r, const char *s, size_t len);

#endif
