/*
 * The command-line interface: argument parsing (args.c), configuration files
 * (config.c: .stacklintrc.yaml, cfn-lint's .cfnlintrc), finding templates in
 * directories and globs (files.c), and the parallel run with output (run.c).
 */
#ifndef SL_CLI_CLI_H
#define SL_CLI_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "load/load.h"
#include "output/output.h"
#include "stacklint/stacklint.h"

/* A growable list of owned strings. */
struct sl_strv {
	char **v;
	size_t n, cap;
};

int sl_strv_push(struct sl_strv *s, const char *str);
/* Splits on commas and whitespace and pushes each non-empty part. */
int sl_strv_push_split(struct sl_strv *s, const char *str);
/* Drops repeated strings, keeping each first one in place (order kept);
 * O(n log n). Returns 0, or -1 when memory runs out (s unchanged). */
int sl_strv_dedupe(struct sl_strv *s);
void sl_strv_free(struct sl_strv *s);

struct sl_cli {
	struct sl_strv inputs;      /* files, directories, globs, "-" */
	struct sl_strv ignore, include, mandatory;
	struct sl_strv ignore_templates;
	bool set_ignore, set_include, set_mandatory, set_format, set_jobs,
		set_ignore_templates; /* given on the command line */
	bool only_templates; /* named files too are linted only when they are templates */
	enum sl_file_kind file_type; /* --file-type: the kind of the named files */
	bool set_file_type;
	enum sl_format format;
	enum sl_format format_cfg; /* scratch for the configuration file's value */
	const char *config_path;
	const char *spec_path; /* --spec FILE */
	const char *override_spec;       /* -o/--override-spec FILE (config: override_spec) */
	char *override_spec_owned;       /* override_spec when it came from the configuration */
	struct sl_strv registry_schemas; /* -s/--registry-schemas DIR... (config: registry_schemas) */
	bool set_registry_schemas;
	const char *stdin_filename;
	const char *explain;
	bool list_rules;
	bool version;
	bool help;
	bool exit_zero;
	/* --non-zero-exit-code / non_zero_exit_code: the lowest level whose
	 * findings set the exit status (cfn-lint's meaning); SL_EXIT_LEVEL_NONE:
	 * findings never do. Default: informational (every finding counts). */
	int exit_level; /* an enum sl_severity, or SL_EXIT_LEVEL_NONE */
	bool set_exit_level;
	const char *output_file; /* --output-file: the report goes there, not to stdout */
	char *output_file_owned; /* output_file when it came from the configuration */
	bool set_output_file;
	/* -z/--custom-rules, else the configuration's custom_rules (a path from
	 * the current directory, as cfn-lint opens it): cfn-lint's rules file */
	const char *custom_rules;
	char *custom_rules_owned; /* custom_rules when it came from the configuration */
	struct sl_custom_rules *custom; /* the file, parsed once before linting */
	bool ignore_bad_template; /* -b: drop E0000 (the template does not parse) */
	bool set_ignore_bad_template;
	bool update_specs;        /* -u / -p: a notice that the spec is compiled in */
	/* -r / regions: the Regions judged (sl_cli_regions() checks and completes
	 * them); set_regions: -r was given */
	struct sl_strv regions;
	bool set_regions;
	bool build_graph;         /* -g / build_graph: write <template>.dot (output/graph.h) */
	/* -x / configure_rules: "RULE:key=value" settings (cli/ruleopts.h);
	 * set_rule_options: they came from the command line */
	struct sl_strv rule_options;
	bool set_rule_options;
	int color; /* -1 auto, 0 never, 1 always */
	enum sl_column_unit column_unit; /* --column-unit / column_unit */
	bool set_column_unit;
	int jobs;  /* 0 = all cores */
	size_t max_size;
	uint32_t lint_date; /* --lint-date / lint_date as YYYYMMDD; 0 = today (UTC) */
	bool set_lint_date;
	enum sl_backend backend;
	enum sl_severity min_severity;
	/* --parameters, --parameter-files, --deployment-files and their
	 * configuration keys (params.h); NULL: none given */
	struct sl_cli_params *params;
	bool list_templates;         /* -L: print the files that would be linted, lint nothing */
	struct sl_strv append_rules; /* -a: cfn-lint's Python rules, which cannot run here */
	bool no_unused_suppressions; /* --no-unused-suppressions */
	bool set_no_unused_suppressions;
	bool merge_configs; /* --merge-configs: the home directory's configuration, then the project's */
	/* one-line notices for the user (a setting stacklint cannot honour, an
	 * old rule ID), each kept once: see sl_cli_notice() */
	struct sl_strv notices;
};

/* Adds a notice (printf-style, one line, no "stacklint:" prefix, no final
 * newline), unless the same text is already there. The run prints them once,
 * in the output format's own channel where it has one (SARIF's
 * toolConfigurationNotifications, GitHub's ::notice), else on standard error
 * — never on standard error with --format json unless stderr is a terminal:
 * editors read every line there as a diagnostic of the template. */
void sl_cli_notice(struct sl_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Old rule IDs: stacklint's own rules were numbered 9xxx before they moved to
 * 99xxx (W9101 is W99101). For each pattern of the ignore, include and
 * mandatory lists that names or prefixes an old ID (three characters or more:
 * "E9" already covers E99xxx), adds the new form to the same list and a
 * notice naming it — unless `is_custom` (may be NULL) says a custom rule has
 * that very ID. Returns 0, or -1 when memory runs out. */
int sl_cli_old_ids(struct sl_cli *cli, bool (*is_custom)(const char *id, void *arg), void *arg);

#define SL_EXIT_LEVEL_NONE (-1)

/* Parses a --non-zero-exit-code value (informational or info, warning, error,
 * none) into *out. Returns 0, or -1 when the word is none of these. */
int sl_exit_level_parse(const char *word, int *out);

/* Checks and completes cli->regions once the command line and configuration
 * are read (src/cli/regions.c): ALL_REGIONS becomes every Region of the
 * table, no Region at all becomes $AWS_REGION, else $AWS_DEFAULT_REGION (else
 * none: us-east-1, which the region-specific rules do not judge), and repeats
 * go; a Region missing from the table gets a notice.
 * Returns 0, or 1 after printing a usage error to `err` for a value that is
 * not shaped like a Region code (or out of memory). */
int sl_cli_regions(struct sl_cli *cli, FILE *err);

/* Parses argv. Returns 0, or 1 after printing a usage error to `err`. */
int sl_cli_parse(struct sl_cli *cli, int argc, char **argv, FILE *err);
void sl_cli_free(struct sl_cli *cli);
void sl_cli_usage(FILE *out);

/* Reads the configuration: cli->config_path, else ./.stacklintrc.yaml, else
 * ./.cfnlintrc (.yaml/.yml). Values only fill what the command line left unset.
 * Prints notices for keys that do not apply to `err`. Returns 0, or 1 on an
 * unreadable or invalid file (message printed). */
int sl_config_load(struct sl_cli *cli, FILE *err);

/* Expands inputs into the list of files to lint, in a deterministic order.
 * A directory walk keeps files with a template extension and the side files
 * AWS documents by name (appspec.yml, samconfig.toml, .ebextensions/x.config,
 * ...; see sl_file_kind_of()). `candidate[i]` is true for files found by
 * walking a directory or a glob, which are linted only when they turn out to be
 * templates or are side files. `kind[i]` is what file i is linted as: for a
 * file named on the command line (or '-') the --file-type when given, else
 * the kind its name tells (for '-', the --stdin-filename's). `kind_forced[i]`
 * is true when --file-type decided it. `dir_of[i]` is the index in
 * cli->inputs of the directory whose walk found file i, or SIZE_MAX (for the
 * notice of a directory that holds no template). The arrays are the caller's
 * to free. Returns 0, or 1 with a message for inputs that do not exist and
 * patterns that match no file. */
int sl_files_expand(const struct sl_cli *cli, struct sl_strv *files, bool **candidate,
		    enum sl_file_kind **kind, bool **kind_forced, size_t **dir_of, FILE *err);

/* True when the glob pattern matches the path ('**' spans directories). */
bool sl_glob_match(const char *pattern, const char *path);

struct sl_spec;

/* The run's settings after its command line, shared by the CLI and the
 * language server: the configuration files, the Regions, the custom rules,
 * the notices of -a and of old rule IDs, the specification (--spec, layered
 * with -o/-s), and the options every lint takes (pointing into cli). *spec_out
 * is the specification to free with sl_spec_free (NULL: the built-in one).
 * Returns 0, or 1 after a message on stderr. */
int sl_cli_setup(struct sl_cli *cli, const struct sl_spec **spec_out, struct sl_options *opts);

/* Runs the whole CLI; returns the process exit status. */
int sl_cli_main(int argc, char **argv);

/* The configuration file being read (config.c sets it while it reads one, on
 * the thread that reads it): its nodes' positions are offsets into it. */
extern _Thread_local const struct sl_doc *sl_cli_doc;

/* Line and column of a node of that file, for messages. */
static inline struct sl_position sl_cli_pos(const struct sl_node *n)
{
	return sl_doc_pos(sl_cli_doc, n->start);
}

#endif
