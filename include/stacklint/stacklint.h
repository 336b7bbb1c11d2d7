/*
 * stacklint public API: lint one CloudFormation / SAM template held in memory and
 * get its diagnostics. Everything else (loader, model, rules, formatters) is
 * internal. The API is thread-safe: each call owns its own arena and parser.
 */
#ifndef STACKLINT_STACKLINT_H
#define STACKLINT_STACKLINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define STACKLINT_VERSION "0.1.0"

enum sl_severity {
	SL_SEV_ERROR = 0,
	SL_SEV_WARNING = 1,
	SL_SEV_INFO = 2,
};

/* A place in the template: 1-based line and column (column counts characters,
 * as cfn-lint and PyYAML do, unless sl_options.column_unit says otherwise),
 * 0-based byte offset into the input. */
struct sl_position {
	uint32_t line;
	uint32_t column;
	uint32_t offset;
};

/* One step of a template path: a map key, or a list index when key is NULL. */
struct sl_path_seg {
	const char *key;
	int32_t index;
};

struct sl_diag {
	const char *rule_id; /* static, e.g. "E3038" */
	enum sl_severity severity;
	const char *message;
	struct sl_position start; /* first character of the node at fault */
	struct sl_position end;   /* just past its last character */
	const struct sl_path_seg *path; /* Resources, Fn, Properties, ... */
	uint32_t path_len;
};

/* What a report's columns count (sl_options.column_unit). Lines are the same
 * in every unit; byte offsets are always bytes. */
enum sl_column_unit {
	SL_COLUMN_CHAR = 0, /* Unicode characters (code points): cfn-lint's, the default */
	SL_COLUMN_BYTE,     /* bytes of the UTF-8 text (Vim, Neovim); input given as
			     * UTF-16 or UTF-32 counts the bytes of its UTF-8 form */
	SL_COLUMN_UTF16,    /* UTF-16 code units (LSP's default): a character
			     * above U+FFFF counts 2 */
};

enum sl_backend {
	SL_BACKEND_DEFAULT = 0, /* chosen at build time (meson option yaml) */
	SL_BACKEND_LIBYAML,
	SL_BACKEND_LIBFYAML,
};

/* Which rules run. Patterns are rule IDs or prefixes ("W", "E30", "E3038").
 * A rule runs when it is not ignored and either its severity is not
 * informational or it is included. An include that names a rule exactly
 * overrides an ignore by prefix. */
struct sl_spec; /* a resource specification (--spec); NULL for the built-in one */
struct sl_param_set; /* below */
struct sl_custom_rules; /* cfn-lint's custom rules file, parsed (src/custom/custom.h) */

struct sl_options {
	enum sl_backend backend;
	const struct sl_spec *spec;
	size_t max_size; /* bytes; 0 = default (see SL_DEFAULT_MAX_SIZE) */
	const char *const *ignore_checks;
	size_t n_ignore;
	const char *const *include_checks;
	size_t n_include;
	const char *const *mandatory_checks; /* cannot be suppressed by template Metadata */
	size_t n_mandatory;
	/* "today" for the rules that depend on the date (Lambda runtime deprecation),
	 * as YYYYMMDD, e.g. 20261206; 0 = the current date in UTC. Pin it for
	 * reproducible results. */
	uint32_t lint_date;
	/* cfn-lint's regions: the AWS Region codes the region-specific rules
	 * judge each template for (E99530, E99531; docs/regions.md), as the
	 * caller checked and expanded them (ALL_REGIONS is the caller's to
	 * expand). None: us-east-1, cfn-lint's default, which those rules do
	 * not judge (a template is judged only for Regions someone named: a
	 * template written for one Region would otherwise fail in the default
	 * one). A template's Metadata cfn-lint config `regions` replaces them
	 * for that template, unless regions_fixed (they came from the command
	 * line: cfn-lint's precedence) */
	const char *const *regions;
	size_t n_regions;
	bool regions_fixed;
	/* true: a suppression comment (# stacklint: disable=ID) that suppresses
	 * nothing is not reported (W99000 still reports one it cannot read) */
	bool no_unused_suppressions;
	/* cfn-lint's configure_rules: rule options as "RULE:key=value" (a list
	 * option takes one item per string), as the caller checked them
	 * (docs/configure-rules.md). rule_options_fixed: they came from the
	 * command line, so a template's Metadata configure_rules cannot replace
	 * them (cfn-lint's precedence: command line, Metadata, configuration) */
	const char *const *rule_options;
	size_t n_rule_options;
	bool rule_options_fixed;
	/* cfn-lint's custom rules (-z FILE / custom_rules), run on every template
	 * after the built-in rules; NULL: none. Read-only while linting, and they
	 * must outlive every report (a report's rule_id may point into them). */
	const struct sl_custom_rules *custom_rules;
	/* E2900: the sets of parameter values the templates are deployed with
	 * (cfn-lint's --parameters, one set per use; the configuration's
	 * `parameters`). None: a template's own Metadata cfn-lint config
	 * `parameters` are judged, unless param_files. */
	const struct sl_param_set *param_sets;
	size_t n_param_sets;
	/* the values come from parameter or deployment files, linted as files
	 * of kind SL_FILE_PARAMETERS / SL_FILE_DEPLOYMENT: templates are judged
	 * with no values of their own */
	bool param_files;
	/* the template the SL_FILE_PARAMETERS files give values for, as a path
	 * from the current directory; NULL: none */
	const char *param_template;
	/* what the columns of the report's diagnostics count (start and end);
	 * the zero value counts characters */
	enum sl_column_unit column_unit;
	/* when not NULL: another thread may set *cancel non-zero (an atomic
	 * store) to stop the lint early; the lint then returns -2 with no
	 * report. The language server uses it to drop the lint of a text that
	 * has changed since. Read between rules, so a lint stops within one
	 * rule's time. */
	const int *cancel;
	/* true: the report's diagnostics carry no template path (path NULL,
	 * path_len 0), for a caller that never shows one (the command's text
	 * formats): a path is built per finding, with a search of each parent */
	bool no_paths;
};

/* One value of a set: KEY=VALUE. */
struct sl_param_value {
	const char *key;
	const char *value;
};

/* A set of parameter values (see sl_options.param_sets). They have no place
 * in the template: findings go at its Parameters, and `origin` says where
 * the set came from ("--parameters (set 2)", "the parameters at
 * .cfnlintrc:3:3"). */
struct sl_param_set {
	const char *origin;
	const struct sl_param_value *values;
	size_t n_values;
};

#define SL_DEFAULT_MAX_SIZE ((size_t)50 << 20)
/* The most any input may hold, whatever max_size says: positions are 32-bit
 * (struct sl_position), so a larger input is refused (E0000), never read. */
#define SL_MAX_INPUT_SIZE ((size_t)UINT32_MAX)

/* What a file is: a template, or one of the files that deploy with it. Each
 * rule applies to one kind; the zero value is a template. */
enum sl_file_kind {
	SL_FILE_TEMPLATE = 0,
	SL_FILE_APPSPEC,     /* CodeDeploy appspec.yml / .yaml / .json */
	SL_FILE_SAMCONFIG,   /* SAM CLI samconfig.toml / .yaml / .yml */
	SL_FILE_DOCKERRUN,   /* Elastic Beanstalk Dockerrun.aws.json */
	SL_FILE_EB_ENV,      /* Elastic Beanstalk env.yaml */
	SL_FILE_EB_CRON,     /* Elastic Beanstalk worker cron.yaml */
	SL_FILE_EBEXTENSION, /* Elastic Beanstalk .ebextensions/<name>.config */
	SL_FILE_PARAMETERS,  /* a parameter file (--parameter-files; never told by name) */
	SL_FILE_DEPLOYMENT,  /* a Git sync deployment file (--deployment-files; never told by name) */
	SL_FILE_KIND_COUNT
};

/* The kind a path's file name documents (the last component, and for
 * .ebextensions the directory holding it), or SL_FILE_TEMPLATE for any other
 * name. Compares names exactly as AWS documents them (Dockerrun.aws.json). */
enum sl_file_kind sl_file_kind_of(const char *path);

/* The kind's name as --file-type takes it ("template", "appspec", "samconfig",
 * "dockerrun", "eb-env", "eb-cron", "ebextension"); "?" when out of range. */
const char *sl_file_kind_name(enum sl_file_kind kind);

/* Parses a name of sl_file_kind_name(). Returns 0, or -1 for an unknown name. */
int sl_file_kind_parse(const char *name, enum sl_file_kind *out);

struct sl_report {
	const char *filename;
	/* true when the input parsed to a mapping with Resources, AWSTemplateFormatVersion
	 * or Transform at the top level; used to pick templates when walking folders. */
	bool is_template;
	struct sl_diag *diags; /* sorted by position, then rule ID, then message */
	size_t count;
	void *internal_;
	enum sl_file_kind kind; /* what the file was linted as */
};

/* Lints `len` bytes at `buf` (which need not be NUL-terminated; it is not kept).
 * On success returns 0 and stores a report the caller frees with
 * sl_report_free(); returns -1 only when memory runs out, -2 when
 * opts->cancel was set during the lint. Problems in the template are
 * diagnostics, never errors of this call. */
int sl_lint_buffer(struct sl_report **out, const struct sl_options *opts, const char *filename,
		   const char *buf, size_t len);

/* sl_lint_buffer() for a file of the given kind (sl_lint_buffer() lints a
 * template, whatever the file name). A YAML or JSON side file is loaded as a
 * template is (the same E0000 and W1100 diagnostics) and only the rules of its
 * kind run, on the document root; a samconfig named *.toml is read by the
 * TOML 1.0 reader into the same kind of tree. Same return and ownership as
 * sl_lint_buffer(). */
int sl_lint_buffer_kind(struct sl_report **out, const struct sl_options *opts, const char *filename,
			enum sl_file_kind kind, const char *buf, size_t len);

void sl_report_free(struct sl_report *r);

/* Exit status of cfn-lint: bit 2 errors, 4 warnings, 8 informational. */
int sl_report_exit_bits(const struct sl_report *r);

const char *sl_version(void);

#ifdef __cplusplus
}
#endif

#endif
