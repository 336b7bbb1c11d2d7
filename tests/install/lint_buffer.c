/*
 * A program of a C user of libstacklint, built by tests/install/check_install.sh
 * against an installed copy (the header, the library and stacklint.pc under a
 * DESTDIR), once linked with the shared library and once statically. It lints
 * a template held in memory that has three known faults — one the rule engine
 * finds alone (E3038), one that needs the compiled-in resource specification
 * (E3002) and one that needs the compiled-in IAM data (W3037) — prints the
 * diagnostics as the CLI's text format does, and checks them, the exit bits,
 * the file-kind functions and the same lint from several threads at once.
 * Exit status 0 when every check holds, 1 otherwise (each failure printed).
 */
#define _POSIX_C_SOURCE 200809L
#include <stacklint/stacklint.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char template_text[] =
	"AWSTemplateFormatVersion: \"2010-09-09\"\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Handler: index.handler\n"
	"      Runtime: python3.12\n"
	"      CodeUri: .\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketNme: logs\n"
	"  Policy:\n"
	"    Type: AWS::IAM::ManagedPolicy\n"
	"    Properties:\n"
	"      PolicyDocument:\n"
	"        Version: \"2012-10-17\"\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Action: s3:GetObjekt\n"
	"            Resource: \"*\"\n";

static const char clean_text[] =
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n";

/* What the template above must get, in the report's order. */
static const struct {
	const char *id;
	enum sl_severity severity;
	unsigned line, column;
	const char *path;
} expected[] = {
	{ "E3038", SL_SEV_ERROR, 4, 11, "Resources/Fn/Type" },
	{ "E3002", SL_SEV_ERROR, 12, 7, "Resources/Bucket/Properties/BucketNme" },
	{ "W3037", SL_SEV_WARNING, 20, 21, "Resources/Policy/Properties/PolicyDocument/Statement/0/Action" },
};
#define N_EXPECTED (sizeof(expected) / sizeof(expected[0]))

static int failures;

#define CHECK(cond, ...)                                             \
	do {                                                         \
		if (!(cond)) {                                       \
			fprintf(stderr, "FAIL line %d: ", __LINE__); \
			fprintf(stderr, __VA_ARGS__);                \
			fputc('\n', stderr);                         \
			failures++;                                  \
		}                                                    \
	} while (0)

static const char *severity_name(enum sl_severity s)
{
	return s == SL_SEV_ERROR ? "error" : s == SL_SEV_WARNING ? "warning" : "informational";
}

/* The diagnostic's template path joined with '/' into out (size n). */
static void path_text(char *out, size_t n, const struct sl_diag *d)
{
	size_t used = 0;
	out[0] = '\0';
	for (uint32_t i = 0; i < d->path_len && used < n; i++) {
		const struct sl_path_seg *s = &d->path[i];
		int w = s->key ? snprintf(out + used, n - used, "%s%s", i ? "/" : "", s->key)
			       : snprintf(out + used, n - used, "%s%d", i ? "/" : "", (int)s->index);
		if (w < 0)
			return;
		used += (size_t)w;
	}
}

/* Lints the faulty template from a copy with no terminating NUL (the API takes
 * a length, not a string). Returns the report, or NULL when the call failed. */
static struct sl_report *lint_template(void)
{
	size_t len = sizeof(template_text) - 1;
	char *copy = malloc(len);
	if (!copy)
		return NULL;
	memcpy(copy, template_text, len);
	struct sl_options opts;
	memset(&opts, 0, sizeof(opts));
	opts.lint_date = 20261201; /* pinned: the runtime rules depend on the date */
	struct sl_report *rep = NULL;
	int rc = sl_lint_buffer(&rep, &opts, "template.yaml", copy, len);
	free(copy); /* the report keeps nothing of the input */
	return rc == 0 ? rep : NULL;
}

static int matches_expected(const struct sl_report *rep)
{
	if (rep->count != N_EXPECTED)
		return 0;
	for (size_t i = 0; i < N_EXPECTED; i++)
		if (strcmp(rep->diags[i].rule_id, expected[i].id) != 0 ||
		    rep->diags[i].start.line != expected[i].line ||
		    rep->diags[i].start.column != expected[i].column)
			return 0;
	return 1;
}

#define N_THREADS 4
#define RUNS_PER_THREAD 3

static void *lint_in_thread(void *arg)
{
	int *ok = arg;
	*ok = 1;
	for (int i = 0; i < RUNS_PER_THREAD; i++) {
		struct sl_report *rep = lint_template();
		if (!rep || !matches_expected(rep))
			*ok = 0;
		sl_report_free(rep);
	}
	return NULL;
}

int main(void)
{
	printf("stacklint %s (header %s)\n", sl_version(), STACKLINT_VERSION);
	CHECK(strcmp(sl_version(), STACKLINT_VERSION) == 0,
	      "library %s and header %s differ", sl_version(), STACKLINT_VERSION);

	struct sl_report *rep = lint_template();
	CHECK(rep != NULL, "sl_lint_buffer failed");
	if (!rep)
		return 1;
	for (size_t i = 0; i < rep->count; i++) {
		const struct sl_diag *d = &rep->diags[i];
		printf("%s:%u:%u: %s %s %s\n", rep->filename, (unsigned)d->start.line,
		       (unsigned)d->start.column, severity_name(d->severity), d->rule_id, d->message);
	}
	CHECK(strcmp(rep->filename, "template.yaml") == 0, "filename '%s'", rep->filename);
	CHECK(rep->is_template, "not seen as a template");
	CHECK(rep->kind == SL_FILE_TEMPLATE, "kind %d", (int)rep->kind);
	CHECK(rep->count == N_EXPECTED, "%zu diagnostics, expected %zu", rep->count, (size_t)N_EXPECTED);
	for (size_t i = 0; i < N_EXPECTED && i < rep->count; i++) {
		const struct sl_diag *d = &rep->diags[i];
		char path[256];
		path_text(path, sizeof(path), d);
		CHECK(strcmp(d->rule_id, expected[i].id) == 0, "diagnostic %zu is %s, expected %s", i,
		      d->rule_id, expected[i].id);
		CHECK(d->severity == expected[i].severity, "%s: severity %d", d->rule_id, (int)d->severity);
		CHECK(d->start.line == expected[i].line && d->start.column == expected[i].column,
		      "%s at %u:%u, expected %u:%u", d->rule_id, (unsigned)d->start.line,
		      (unsigned)d->start.column, expected[i].line, expected[i].column);
		CHECK(d->message && d->message[0], "%s: no message", d->rule_id);
		CHECK(strcmp(path, expected[i].path) == 0, "%s: path '%s', expected '%s'", d->rule_id, path,
		      expected[i].path);
	}
	CHECK(sl_report_exit_bits(rep) == (2 | 4), "exit bits %d, expected 6", sl_report_exit_bits(rep));
	sl_report_free(rep);

	/* NULL options: the defaults. A clean template gets nothing. */
	rep = NULL;
	CHECK(sl_lint_buffer(&rep, NULL, NULL, clean_text, sizeof(clean_text) - 1) == 0,
	      "sl_lint_buffer (clean) failed");
	if (rep) {
		CHECK(rep->count == 0, "clean template: %zu diagnostics", rep->count);
		CHECK(sl_report_exit_bits(rep) == 0, "clean template: exit bits %d", sl_report_exit_bits(rep));
		CHECK(strcmp(rep->filename, "-") == 0, "no file name: '%s'", rep->filename);
		sl_report_free(rep);
	}
	sl_report_free(NULL); /* allowed, does nothing */

	/* The file kinds, by name and by path. */
	enum sl_file_kind k = SL_FILE_TEMPLATE;
	CHECK(sl_file_kind_of("deploy/appspec.yml") == SL_FILE_APPSPEC, "appspec.yml not an appspec");
	CHECK(sl_file_kind_of("stack/template.yaml") == SL_FILE_TEMPLATE, "template.yaml not a template");
	CHECK(strcmp(sl_file_kind_name(SL_FILE_SAMCONFIG), "samconfig") == 0, "samconfig's name");
	CHECK(sl_file_kind_parse("samconfig", &k) == 0 && k == SL_FILE_SAMCONFIG, "parse samconfig");
	CHECK(sl_file_kind_parse("no-such-kind", &k) == -1, "parse of an unknown name");

	/* A side file through sl_lint_buffer_kind: an appspec with no version (E99801). */
	static const char appspec_text[] = "os: linux\n";
	rep = NULL;
	CHECK(sl_lint_buffer_kind(&rep, NULL, "appspec.yml", SL_FILE_APPSPEC, appspec_text,
				  sizeof(appspec_text) - 1) == 0,
	      "sl_lint_buffer_kind failed");
	if (rep) {
		CHECK(rep->kind == SL_FILE_APPSPEC, "appspec linted as kind %d", (int)rep->kind);
		CHECK(rep->count == 1 && strcmp(rep->diags[0].rule_id, "E99801") == 0,
		      "appspec: %zu diagnostics, expected E99801 alone", rep->count);
		for (size_t i = 0; i < rep->count; i++)
			printf("%s:%u:%u: %s %s %s\n", rep->filename, (unsigned)rep->diags[i].start.line,
			       (unsigned)rep->diags[i].start.column,
			       severity_name(rep->diags[i].severity), rep->diags[i].rule_id,
			       rep->diags[i].message);
		sl_report_free(rep);
	}

	/* The API is thread-safe: the same lint from several threads at once. */
	pthread_t th[N_THREADS];
	int ok[N_THREADS];
	int started = 0;
	for (int i = 0; i < N_THREADS; i++)
		if (pthread_create(&th[i], NULL, lint_in_thread, &ok[i]) == 0)
			started++;
		else
			break;
	CHECK(started == N_THREADS, "only %d threads started", started);
	for (int i = 0; i < started; i++) {
		pthread_join(th[i], NULL);
		CHECK(ok[i], "thread %d got another result", i);
	}

	if (failures) {
		fprintf(stderr, "%d check(s) failed\n", failures);
		return 1;
	}
	printf("all checks passed\n");
	return 0;
}
