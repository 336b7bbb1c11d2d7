/*
 * The CLI's run: configuration, file expansion, linting in parallel (files are
 * handed out by an atomic counter; each report lands in its file's slot, so the
 * output order never depends on timing), formatting, and the exit status.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/params.h"
#include "custom/custom.h"
#include "engine/engine.h"
#include "engine/rule.h"
#include "lsp/lsp.h"
#include "output/graph.h"
#include "spec/layer.h"
#include "spec/spec.h"
#include "util/readfile.h"

struct job {
	const struct sl_cli *cli;
	const struct sl_options *opts;
	struct sl_strv *files;
	const bool *candidate;
	const enum sl_file_kind *kind; /* what each file is linted as */
	const bool *kind_forced;       /* decided by --file-type */
	struct sl_report **reports;
	char **errors; /* I/O error message per file, or NULL */
	char **graph_errors; /* -g: why the file's graph was not written, or NULL */
	atomic_size_t next;
};

static bool looks_like_cfn(const char *buf, size_t len)
{
	return memmem(buf, len, "AWSTemplateFormatVersion", 24) || memmem(buf, len, "AWS::", 5);
}

static void lint_one(struct job *j, size_t i)
{
	const char *path = j->files->v[i];
	bool is_stdin = strcmp(path, "-") == 0;
	const char *shown = is_stdin ? (j->cli->stdin_filename ? j->cli->stdin_filename : "-") : path;
	size_t max = j->opts->max_size ? j->opts->max_size : SL_DEFAULT_MAX_SIZE;
	if (max > SL_MAX_INPUT_SIZE)
		max = SL_MAX_INPUT_SIZE; /* a larger file is refused unread (E0000) */
	char *buf = NULL;
	size_t len = 0;
	if (is_stdin && sl_stdin_was_closed()) {
		j->errors[i] = strdup("standard input is closed");
		return;
	}
	int fd = is_stdin ? 0 : sl_open_read(path); /* never blocks on a FIFO with no writer */
	if (fd < 0) {
		j->errors[i] = strdup(strerror(errno));
		return;
	}
	struct stat st = { 0 };
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
		len = (size_t)st.st_size; /* over the limit: the loader reports it without reading */
	} else if (sl_read_fd(fd, max, S_ISREG(st.st_mode) ? (size_t)st.st_size : 0, &buf, &len) < 0) {
		j->errors[i] = strdup(strerror(errno ? errno : ENOMEM));
		if (!is_stdin)
			close(fd);
		return;
	}
	if (!is_stdin)
		close(fd);
	if (!is_stdin && S_ISFIFO(st.st_mode) && len == 0) {
		j->errors[i] = strdup("a FIFO with no writer (nothing to read)");
		free(buf);
		return;
	}
	struct sl_report *r = NULL;
	enum sl_file_kind kind = j->kind[i];
	int rc = sl_lint_buffer_kind(&r, j->opts, shown, kind, buf, len);
	if (rc == 0 && !j->kind_forced[i] && (kind == SL_FILE_EB_ENV || kind == SL_FILE_EB_CRON) &&
	    r->is_template) {
		/* env.yaml and cron.yaml are common names: one that holds a
		 * CloudFormation template (Resources, AWSTemplateFormatVersion or
		 * Transform at the top) is linted as the template it is */
		sl_report_free(r);
		r = NULL;
		kind = SL_FILE_TEMPLATE;
		rc = sl_lint_buffer_kind(&r, j->opts, shown, kind, buf, len);
	}
	if (rc < 0) {
		j->errors[i] = strdup("out of memory");
	} else if (j->candidate && j->candidate[i] && kind == SL_FILE_TEMPLATE && !r->is_template) {
		/* found by walking: not a template, unless it failed to parse but looks like one */
		bool parse_failed = r->count && strcmp(r->diags[0].rule_id, "E0000") == 0;
		if (!(parse_failed && buf && looks_like_cfn(buf, len))) {
			sl_report_free(r);
			r = NULL;
		}
	}
	j->reports[i] = r;
	if (r && j->cli->build_graph && !j->cli->list_templates && kind == SL_FILE_TEMPLATE && buf) {
		char *dot = sl_graph_path(path, j->cli->stdin_filename);
		j->graph_errors[i] = dot ? sl_graph_write(dot, j->opts, buf, len) : strdup("out of memory");
		free(dot);
	}
	free(buf);
}

static void *worker(void *arg)
{
	struct job *j = arg;
	for (;;) {
		size_t i = atomic_fetch_add(&j->next, 1);
		if (i >= j->files->n)
			break;
		lint_one(j, i);
	}
	return NULL;
}

static void filter_severity(struct sl_report *r, enum sl_severity min)
{
	size_t k = 0;
	for (size_t i = 0; i < r->count; i++)
		if (r->diags[i].severity <= min)
			r->diags[k++] = r->diags[i];
	r->count = k;
}

/* -b / ignore_bad_template, as cfn-lint: a file that does not parse reports
 * nothing (its E0000 findings are dropped). */
static void drop_parse_errors(struct sl_report *r)
{
	size_t k = 0;
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->diags[i].rule_id, "E0000") != 0)
			r->diags[k++] = r->diags[i];
	r->count = k;
}

/* The exit bits of a report under --non-zero-exit-code: sl_report_exit_bits()
 * kept to the levels at or above `level` (errors 2, warnings 4, info 8), as
 * cfn-lint's _exit() counts them. */
static int exit_bits(const struct sl_report *r, int level)
{
	int mask = level < 0 ? 0 : (4 << level) - 2;
	return sl_report_exit_bits(r) & mask;
}

/* The number of template rules that run under these options (the pretty
 * format's summary). */
static size_t rules_run(const struct sl_options *o)
{
	size_t n, k = 0;
	const struct sl_rule *const *rules = sl_registry(&n);
	for (size_t i = 0; i < n; i++)
		if (rules[i]->kind == SL_FILE_TEMPLATE && sl_rule_enabled(rules[i], o))
			k++;
	return k;
}

/* Opens --output-file for writing. Returns NULL after a message. The file is
 * opened non-blocking: a FIFO that nobody reads would otherwise hold the run
 * in open() for ever (ENXIO instead); once open, writes block as usual. */
static FILE *open_output_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NONBLOCK | O_CLOEXEC, 0666);
	if (fd < 0) {
		fprintf(stderr, "stacklint: cannot write '%s': %s\n", path,
			errno == ENXIO ? "a FIFO with no reader" : strerror(errno));
		return NULL;
	}
	int fl = fcntl(fd, F_GETFL);
	FILE *f = fl >= 0 && fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == 0 ? fdopen(fd, "wb") : NULL;
	if (!f) {
		fprintf(stderr, "stacklint: cannot write '%s': %s\n", path, strerror(errno));
		close(fd);
	}
	return f;
}

/* Formats the reports into sink while they are written: the buffer drains
 * between findings, so a report of any size holds 64 KiB of memory, not its
 * size. path names the --output-file (NULL for stdout, whose errors
 * finish_stdout() reports). Returns 0, or 1 after a message. */
static int write_reports(FILE *sink, const char *path, const struct sl_cli *cli,
			 const struct sl_report *const *reports, size_t nr, const struct sl_output_opts *oo)
{
	struct sl_buf out = SL_BUF_INIT;
	out.sink = sink;
	sl_output_write(&out, cli->format, reports, nr, oo);
	int err = sl_buf_flush(&out), status = 0;
	if (out.oom) {
		fprintf(stderr, "stacklint: out of memory\n");
		status = 1;
	} else if (err && path) {
		fprintf(stderr, "stacklint: cannot write '%s': %s\n", path, strerror(err));
		status = 1;
	}
	sl_buf_free(&out);
	return status;
}

static void list_rules(FILE *out)
{
	size_t n;
	const struct sl_rule *const *rules = sl_registry(&n);
	static const char *const sev[] = { "error", "warning", "info" };
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%-6s %-8s %s\n", rules[i]->id, sev[rules[i]->severity], rules[i]->title);
}

static void explain_rule(FILE *out, const struct sl_rule *r, bool heading)
{
	static const char *const sev[] = { "error", "warning", "informational" };
	fprintf(out, "%s %s: %s\n\n", heading ? "##" : "#", r->id, r->title);
	fprintf(out, "Level: %s. Documentation: <%s>\n\n", sev[r->severity], r->source);
	if (r->severity == SL_SEV_INFO)
		fputs("Informational rules run only when included (`-c I` or `-c ID`).\n\n", out);
	fputs(r->doc, out);
	fputc('\n', out);
}

static int explain(FILE *out, FILE *err, const char *id)
{
	size_t n;
	const struct sl_rule *const *rules = sl_registry(&n);
	if (strcmp(id, "all") == 0) {
		fputs("# stacklint rules\n\n"
		      "Generated by `stacklint --explain all` from the rule descriptors; do not edit.\n"
		      "Rule IDs follow cfn-lint where the meaning is the same; 99xxx (five digits, such as E99101) are stacklint's own, apart from cfn-lint's (four digits).\n\n", out);
		for (size_t i = 0; i < n; i++)
			fprintf(out, "- [%s](#%s) %s\n", rules[i]->id, rules[i]->id, rules[i]->title);
		fputc('\n', out);
		for (size_t i = 0; i < n; i++) {
			fprintf(out, "<a id=\"%s\"></a>\n", rules[i]->id);
			explain_rule(out, rules[i], true);
		}
		return 0;
	}
	const struct sl_rule *r = sl_rule_find(id);
	if (!r) {
		fprintf(err, "stacklint: no rule '%s' (see stacklint --list-rules)\n", id);
		return 1;
	}
	explain_rule(out, r, false);
	return 0;
}

/* The notices of the run on standard error, where the format has no place for
 * them (sl_output_has_notices) — but with --format json only on a terminal:
 * an editor that runs `--format json` turns each stderr line into a problem at
 * the template's first line. */
static void print_notices(const struct sl_cli *cli)
{
	if (sl_output_has_notices(cli->format) || (cli->format == SL_FMT_JSON && !isatty(2)))
		return;
	for (size_t i = 0; i < cli->notices.n; i++)
		fprintf(stderr, "stacklint: note: %s\n", cli->notices.v[i]);
}

static int ncores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)n : 1;
}

/* Flushes stdout; a failed write (a full disk, a closed pipe) is an I/O failure
 * worth saying, not a silent success. Returns status, with bit 1 on failure. */
static int finish_stdout(int status)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "stacklint: cannot write the output: %s\n", strerror(errno));
		return status | 1;
	}
	return status;
}

/* The run's settings after its command line, shared by the CLI and the
 * language server: the configuration files, the Regions, the custom rules
 * (parsed once), the notices of -a and of old rule IDs, the specification
 * (--spec, layered with -o/-s), and the options every lint takes. *spec_out is
 * the specification to free (sl_spec_free), NULL for the built-in one.
 * Returns 0, or 1 after a message. */
int sl_cli_setup(struct sl_cli *cli, const struct sl_spec **spec_out, struct sl_options *opts)
{
	if (sl_config_load(cli, stderr) != 0 || sl_cli_regions(cli, stderr) != 0)
		return 1;
	/* the custom rules file, parsed once for every template (a faulty one
	 * stops the run where cfn-lint's does: custom/custom.h) */
	int crc = cli->custom_rules && *cli->custom_rules ? sl_custom_load(&cli->custom, cli->custom_rules, stderr) : 0;
	if (crc != 0) {
		if (crc < 0)
			fprintf(stderr, "stacklint: out of memory\n");
		return 1;
	}
	for (size_t i = 0; i < cli->append_rules.n; i++)
		sl_cli_notice(cli, "-a/append_rules '%s': cfn-lint's rules written in Python cannot run in "
			      "stacklint, so they are left out; write simple property checks as custom rules "
			      "(-z FILE, docs/custom-rules.md), or keep running cfn-lint -a %s beside stacklint "
			      "for what they check",
			      cli->append_rules.v[i], cli->append_rules.v[i]);
	/* the rule lists are sets, matched per rule and per finding: a
	 * configuration that repeats an ID a million times costs one entry
	 * (again after the old IDs added theirs) */
	if (sl_strv_dedupe(&cli->ignore) < 0 || sl_strv_dedupe(&cli->include) < 0 ||
	    sl_strv_dedupe(&cli->mandatory) < 0 || sl_cli_old_ids(cli, sl_custom_has_id, cli->custom) < 0 ||
	    sl_strv_dedupe(&cli->ignore) < 0 || sl_strv_dedupe(&cli->include) < 0 ||
	    sl_strv_dedupe(&cli->mandatory) < 0) {
		fprintf(stderr, "stacklint: out of memory\n");
		return 1;
	}
	const struct sl_spec *spec = NULL;
	*spec_out = NULL;
	if (cli->spec_path) {
		char err[256];
		if (sl_spec_load(&spec, cli->spec_path, err, sizeof(err)) != 0) {
			fprintf(stderr, "stacklint: --spec %s: %s\n", cli->spec_path, err);
			return 1;
		}
	}
	if (cli->override_spec || cli->registry_schemas.n) {
		/* registry types and the override spec, layered on the spec (spec/layer.h) */
		const struct sl_spec *layered;
		char err[600];
		int rc = sl_spec_layer(&layered, spec ? spec : sl_spec_builtin(), cli->override_spec,
				       (const char *const *)cli->registry_schemas.v, cli->registry_schemas.n, err,
				       sizeof err);
		sl_spec_free(spec);
		if (rc != 0) {
			fprintf(stderr, "stacklint: %s\n", err);
			return 1;
		}
		spec = layered;
	}
	*opts = (struct sl_options){
		.backend = cli->backend,
		.spec = spec,
		.max_size = cli->max_size,
		.ignore_checks = (const char *const *)cli->ignore.v,
		.n_ignore = cli->ignore.n,
		.include_checks = (const char *const *)cli->include.v,
		.n_include = cli->include.n,
		.mandatory_checks = (const char *const *)cli->mandatory.v,
		.n_mandatory = cli->mandatory.n,
		.lint_date = cli->lint_date,
		.regions = (const char *const *)cli->regions.v,
		.n_regions = cli->regions.n,
		.regions_fixed = cli->set_regions,
		.rule_options = (const char *const *)cli->rule_options.v,
		.n_rule_options = cli->rule_options.n,
		.rule_options_fixed = cli->set_rule_options,
		.no_unused_suppressions = cli->no_unused_suppressions,
		.custom_rules = cli->custom,
		/* only these formats show a finding's template path */
		.no_paths = cli->format != SL_FMT_JSON && cli->format != SL_FMT_SARIF &&
			    cli->format != SL_FMT_JUNIT,
		/* SARIF's columnKind knows code points and UTF-16 units, not bytes */
		.column_unit = cli->format == SL_FMT_SARIF && cli->column_unit == SL_COLUMN_BYTE ?
			SL_COLUMN_CHAR : cli->column_unit,
	};
	if (cli->format == SL_FMT_SARIF && cli->column_unit == SL_COLUMN_BYTE)
		sl_cli_notice(cli, "SARIF columns count characters or UTF-16 code units, never bytes: "
			      "--column-unit byte is ignored for --format sarif (columns count characters)");
	*spec_out = spec;
	return 0;
}

int sl_cli_main(int argc, char **argv)
{
	sl_std_fds_guard(); /* before any open: a closed stdin is never a file we opened */
	/* `stacklint lsp [OPTIONS]`: the language server on stdin/stdout */
	if (argc > 1 && (strcmp(argv[1], "lsp") == 0 || strcmp(argv[1], "--lsp") == 0))
		return sl_lsp_main(argc - 1, argv + 1, stdin, stdout);
	struct sl_cli cli;
	if (sl_cli_parse(&cli, argc, argv, stderr) != 0) {
		sl_cli_free(&cli);
		return 1;
	}
	if (cli.help) {
		sl_cli_usage(stdout);
		sl_cli_free(&cli);
		return finish_stdout(0);
	}
	if (cli.version) {
		printf("stacklint %s\n", sl_version());
		sl_cli_free(&cli);
		return finish_stdout(0);
	}
	if (cli.list_rules) {
		list_rules(stdout);
		sl_cli_free(&cli);
		return finish_stdout(0);
	}
	if (cli.explain) {
		int rc = explain(stdout, stderr, cli.explain);
		sl_cli_free(&cli);
		return finish_stdout(rc);
	}
	if (cli.update_specs) {
		printf("stacklint: the resource specification is compiled into stacklint, so -u/-p "
		       "change nothing; to use a newer one, run tools/update-spec.sh and rebuild, "
		       "or pass --spec FILE\n");
		sl_cli_free(&cli);
		return finish_stdout(0);
	}
	const struct sl_spec *spec = NULL;
	struct sl_options opts;
	if (sl_cli_setup(&cli, &spec, &opts) != 0) {
		sl_cli_free(&cli);
		return 1;
	}
	if (cli.inputs.n == 0 && !sl_params_deploying(&cli)) {
		if (cli.stdin_filename && !isatty(0)) {
			sl_strv_push(&cli.inputs, "-");
		} else {
			fprintf(stderr, "stacklint: no templates given (name files, directories or '-'; see stacklint --help)\n");
			sl_spec_free(spec);
			sl_cli_free(&cli);
			return 1;
		}
	}
	struct sl_strv files = { 0 };
	bool *cand = NULL, *kind_forced = NULL;
	enum sl_file_kind *kinds = NULL;
	size_t *dir_of = NULL;
	int status = sl_files_expand(&cli, &files, &cand, &kinds, &kind_forced, &dir_of, stderr);
	if (!kinds || !kind_forced || !dir_of) {
		fprintf(stderr, "stacklint: out of memory\n");
		return 1;
	}

	/* parameter values; parameter and deployment files (and the templates
	 * these name) join the files to lint */
	status |= sl_params_expand(&cli, &opts, &files, &cand, &kinds, &kind_forced, &dir_of, stderr);
	struct job j = { .cli = &cli, .opts = &opts, .files = &files, .candidate = cand,
			 .kind = kinds, .kind_forced = kind_forced };
	j.reports = calloc(files.n ? files.n : 1, sizeof(*j.reports));
	j.errors = calloc(files.n ? files.n : 1, sizeof(*j.errors));
	j.graph_errors = calloc(files.n ? files.n : 1, sizeof(*j.graph_errors));
	if (!j.reports || !j.errors || !j.graph_errors) {
		fprintf(stderr, "stacklint: out of memory\n");
		return 1;
	}
	atomic_init(&j.next, 0);
	int nthreads = cli.jobs > 0 ? cli.jobs : ncores();
	if ((size_t)nthreads > files.n)
		nthreads = files.n ? (int)files.n : 1;
	pthread_t *tids = calloc((size_t)nthreads, sizeof(pthread_t));
	int started = 0;
	for (int t = 1; tids && t < nthreads; t++) {
		if (pthread_create(&tids[t], NULL, worker, &j) != 0)
			break;
		started = t;
	}
	worker(&j);
	for (int t = 1; t <= started; t++)
		pthread_join(tids[t], NULL);
	free(tids);

	size_t nr = 0;
	int bits = 0;
	bool *dir_linted = calloc(cli.inputs.n ? cli.inputs.n : 1, sizeof(bool));
	for (size_t i = 0; i < files.n; i++) {
		if (dir_linted && dir_of[i] != SIZE_MAX && (j.errors[i] || j.reports[i]))
			dir_linted[dir_of[i]] = true;
		if (j.graph_errors[i]) {
			fprintf(stderr, "stacklint: %s\n", j.graph_errors[i]);
			status = 1;
		}
		if (j.errors[i]) {
			fprintf(stderr, "stacklint: cannot read '%s': %s\n", files.v[i], j.errors[i]);
			status = 1;
			continue;
		}
		if (!j.reports[i])
			continue;
		filter_severity(j.reports[i], cli.min_severity);
		if (cli.ignore_bad_template)
			drop_parse_errors(j.reports[i]);
		bits |= exit_bits(j.reports[i], cli.exit_level);
		j.reports[nr++] = j.reports[i];
	}
	/* a directory named on the command line that held nothing to lint: say so
	 * once (a CI step pointed at the wrong folder), without changing the status */
	for (size_t i = 0; dir_linted && i < cli.inputs.n; i++) {
		struct stat st;
		if (!dir_linted[i] && stat(cli.inputs.v[i], &st) == 0 && S_ISDIR(st.st_mode))
			sl_cli_notice(&cli, "no template or side file found in '%s'", cli.inputs.v[i]);
	}
	free(dir_linted);
	if (cli.list_templates) {
		/* -L: the files that were linted, one per line, findings aside (a
		 * file found by walking a directory is listed when it is a template
		 * or a side file: it had to be read to know) */
		for (size_t i = 0; i < nr; i++)
			printf("%s\n", j.reports[i]->filename);
		bits = 0;
	}
	/* colours only on a terminal, never in a file */
	struct sl_output_opts oo = { .color = !cli.output_file &&
					      (cli.color == 1 || (cli.color == -1 && isatty(1) && !getenv("NO_COLOR"))),
				     .templates = nr, .rules = rules_run(&opts),
				     .notices = (const char *const *)cli.notices.v, .n_notices = cli.notices.n,
				     .column_unit = opts.column_unit };
	print_notices(&cli);
	const struct sl_report *const *reps = (const struct sl_report *const *)j.reports;
	if (cli.output_file) {
		FILE *f = open_output_file(cli.output_file);
		if (!f) {
			status |= 1;
		} else {
			int w = cli.list_templates ? 0 : write_reports(f, cli.output_file, &cli, reps, nr, &oo);
			if (fclose(f) != 0 && !w) {
				fprintf(stderr, "stacklint: cannot write '%s': %s\n", cli.output_file, strerror(errno));
				w = 1;
			}
			status |= w;
		}
	} else if (!cli.list_templates) {
		status |= write_reports(stdout, NULL, &cli, reps, nr, &oo);
	}
	status = finish_stdout(status);
	for (size_t i = 0; i < nr; i++)
		sl_report_free(j.reports[i]);
	for (size_t i = 0; i < files.n; i++) {
		free(j.errors[i]);
		free(j.graph_errors[i]);
	}
	free(j.reports);
	free(j.errors);
	free(j.graph_errors);
	free(cand);
	free(kinds);
	free(kind_forced);
	free(dir_of);
	sl_strv_free(&files);
	bool exit_zero = cli.exit_zero;
	if (spec)
		sl_spec_free(spec);
	sl_cli_free(&cli);
	if (exit_zero)
		bits = 0;
	return status | bits;
}
