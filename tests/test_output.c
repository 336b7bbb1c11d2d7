/*
 * Tests for the formatters (src/output/): every format is rendered for a few
 * hand-built reports and compared byte for byte with the golden files in
 * tests/data/output/, twice, to show the output is deterministic. The reports
 * hold what breaks formatters: quotes, backslashes, line breaks, CR, tabs, an
 * ANSI escape and a malformed byte in messages, non-ASCII text (BMP and beyond),
 * XML's <&>, GitHub's % : and ',', a diagnostic without path, one without a
 * position, a zero-length range, a key containing '/', filenames that need
 * URI encoding, "./" and "//" in a path, the same file named twice, a file
 * without findings, several files, and no file at all. Unit checks cover UTF-8 decoding, JSON escaping, rule
 * summaries, cfn-lint's match Id and sl_format_parse.
 *
 * The rules come from a stub registry in this file (not the real one), so the
 * goldens change only when a formatter does.
 *
 *   test_output DATADIR            run the tests (DATADIR = tests/data/output)
 *   SL_UPDATE_GOLDEN=1 test_output DATADIR   rewrite the goldens (review the diff!)
 *   test_output --json-replay      read diagnostics (format below) on stdin and
 *                                  write the json format; tests/check_json_compat.py
 *                                  uses it to reproduce cfn-lint's own output
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine/rule.h"
#include "output/output.h"
#include "stacklint/stacklint.h"

static int failures;

#define CHECK(cond)                                                                   \
	do {                                                                          \
		if (!(cond)) {                                                        \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, \
				#cond);                                               \
			failures++;                                                   \
		}                                                                     \
	} while (0)

/* ---- stub registry ---- */

static const struct sl_rule stub_rules[] = {
	{ .id = "E0000", .severity = SL_SEV_ERROR, .title = "Template could not be parsed" },
	{
		.id = "E3038",
		.severity = SL_SEV_ERROR,
		.title = "Serverless resources need the SAM transform",
		.doc = "## What it checks\n\n"
		       "Resources of type `AWS::Serverless::*` in a template without\n"
		       "`Transform: AWS::Serverless-2016-10-31`.\n\n"
		       "## Why it matters\n\n"
		       "CloudFormation rejects the stack: it does not know the type.\n\n"
		       "## Bad\n\n```yaml\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n```\n",
		.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
			  "transform-aws-serverless.html",
	},
	{
		.id = "I9601",
		.severity = SL_SEV_INFO,
		.title = "S3 bucket without AbortIncompleteMultipartUpload",
		.doc = "**What it checks**: buckets with no lifecycle rule that aborts\n"
		       "incomplete multipart uploads.\n\n**Why it matters**: parts are billed.\n",
		.source = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html",
	},
	{
		.id = "W99102",
		.severity = SL_SEV_WARNING,
		.title = "Malformed Lambda layer ARN",
		.doc = "Layer ARNs have the form\n`arn:aws:lambda:<region>:<account>:layer:<name>:<version>`.\n",
		.source = "https://docs.aws.amazon.com/lambda/latest/dg/chapter-layers.html",
	},
};

/* Rules added by --json-replay. */
static struct sl_rule *extra_rules;
static size_t n_extra_rules;

const struct sl_rule *sl_rule_find(const char *id)
{
	for (size_t i = 0; i < sizeof(stub_rules) / sizeof(stub_rules[0]); i++)
		if (strcmp(stub_rules[i].id, id) == 0)
			return &stub_rules[i];
	for (size_t i = 0; i < n_extra_rules; i++)
		if (strcmp(extra_rules[i].id, id) == 0)
			return &extra_rules[i];
	return NULL;
}

const char *sl_version(void)
{
	return STACKLINT_VERSION;
}

/* ---- the reports ---- */

#define POS(l, c) { (l), (c), 0 }
#define KEY(k) { (k), 0 }
#define IDX(i) { NULL, (i) }

static const struct sl_path_seg path_fn[] = { KEY("Resources"), KEY("Fn") };
static const struct sl_path_seg path_layer[] = { KEY("Resources"), KEY("Fn"), KEY("Properties"),
						 KEY("Layers"), IDX(2) };
static const struct sl_path_seg path_bucket[] = { KEY("Resources"), KEY("Bucket"),
						  KEY("Properties"), KEY("Lifecycle/Rules") };
static const struct sl_path_seg path_outputs[] = { KEY("Outputs") };
static const struct sl_path_seg path_api[] = { KEY("Resources"), KEY("Api") };

static struct sl_diag diags_app[] = {
	{ "E0000", SL_SEV_ERROR, "YAML anchor \"&base\" <not allowed> & ignored", POS(1, 1),
	  POS(1, 2), NULL, 0 },
	{ "E3038", SL_SEV_ERROR,
	  "Resource \"Fn\" of type 'AWS::Serverless::Function' needs \"AWS::Serverless-2016-10-31\"",
	  POS(3, 3), POS(3, 5), path_fn, 2 },
	{ "W99102", SL_SEV_WARNING,
	  "Layer ARN is malformed:\n  expected arn:aws:lambda:<region>:<account>:layer:<name>:<version>\n"
	  "  got: caf\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac-\xf0\x9f\x98\x80",
	  POS(7, 9), POS(9, 12), path_layer, 5 },
	{ "I9601", SL_SEV_INFO,
	  "50% of uploads, ratio 3:1\r\nnext\tline \x1b[31mred\x1b[0m bad\xff byte",
	  POS(12, 5), POS(12, 40), path_bucket, 4 },
	{ "E9999", SL_SEV_ERROR, "rule unknown to the registry \\ backslash", POS(14, 1), POS(14, 1),
	  path_outputs, 1 },
};

static struct sl_diag diags_second[] = {
	{ "E3038", SL_SEV_ERROR, "Resource 'Api' needs the transform", POS(2, 1), POS(2, 9), path_api,
	  2 },
};

static struct sl_diag diags_abs[] = {
	{ "W99102", SL_SEV_WARNING, "no position known", POS(0, 0), POS(0, 0), NULL, 0 },
};

static struct sl_diag diags_dot[] = {
	{ "I9601", SL_SEV_INFO, "caf\xc3\xa9", POS(5, 7), POS(6, 1), path_bucket, 3 },
};

static struct sl_report rep_app = { "templates/app.yaml", true, diags_app, 5, NULL };
static struct sl_report rep_second = { "my dir/second template,v2.yaml", true, diags_second, 1, NULL };
static struct sl_report rep_clean = { "clean.yaml", true, NULL, 0, NULL };
static struct sl_report rep_abs = { "/abs/path/[x]#1.json", true, diags_abs, 1, NULL };
static struct sl_report rep_dot = { "./nested//dir/./t.yaml", true, diags_dot, 1, NULL };
/* The same file as rep_app, named differently: one SARIF artifact for both. */
static struct sl_report rep_app_again = { "./templates//app.yaml", true, NULL, 0, NULL };

static const struct sl_report *const case_mixed[] = { &rep_app,	&rep_second, &rep_clean,
						      &rep_abs, &rep_dot,    &rep_app_again };
static const struct sl_report *const case_clean[] = { &rep_clean };

static const struct {
	const char *name;
	const struct sl_report *const *reports;
	size_t n;
} cases[] = {
	{ "mixed", case_mixed, 6 },
	{ "clean", case_clean, 1 },
	{ "none", NULL, 0 },
};

static const struct {
	enum sl_format fmt;
	bool color;
	const char *ext;
} formats[] = {
	{ SL_FMT_TEXT, false, "txt" },
	{ SL_FMT_TEXT, true, "color.txt" },
	{ SL_FMT_JSON, false, "json" },
	{ SL_FMT_PARSEABLE, false, "parseable.txt" },
	{ SL_FMT_SARIF, false, "sarif" },
	{ SL_FMT_JUNIT, false, "junit.xml" },
	{ SL_FMT_GITHUB, false, "github.txt" },
	{ SL_FMT_PRETTY, false, "pretty.txt" },
	{ SL_FMT_PRETTY, true, "pretty.color.txt" },
	{ SL_FMT_QUIET, false, "quiet.txt" },
	{ SL_FMT_STANDARD, false, "standard.txt" },
};

/* ---- golden files ---- */

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct sl_buf b = SL_BUF_INIT;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sl_buf_put(&b, chunk, n);
	fclose(f);
	*len = b.len;
	if (!b.data)
		return calloc(1, 1);
	return b.data;
}

static int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t w = fwrite(data, 1, len, f);
	return fclose(f) == 0 && w == len ? 0 : -1;
}

static void report_mismatch(const char *path, const char *want, size_t wlen, const char *got,
			    size_t glen)
{
	size_t i = 0, line = 1;
	while (i < wlen && i < glen && want[i] == got[i]) {
		if (want[i] == '\n')
			line++;
		i++;
	}
	fprintf(stderr, "%s: output differs from golden at byte %zu (line %zu)\n", path, i, line);
	fprintf(stderr, "  golden: %.60s\n  output: %.60s\n", i < wlen ? want + i : "<end>",
		i < glen ? got + i : "<end>");
}

static void run_goldens(const char *dir, bool update)
{
	for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
		for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
			/* the pretty summary's counts: one template per report, 42 rules */
			struct sl_output_opts opts = { .color = formats[f].color, .templates = cases[c].n,
						       .rules = 42 };
			struct sl_buf a = SL_BUF_INIT, b = SL_BUF_INIT;
			char path[4096];

			sl_output_write(&a, formats[f].fmt, cases[c].reports, cases[c].n, &opts);
			sl_output_write(&b, formats[f].fmt, cases[c].reports, cases[c].n, &opts);
			CHECK(!a.oom && !b.oom);
			CHECK(a.len == b.len && memcmp(sl_buf_cstr(&a), sl_buf_cstr(&b), a.len) == 0);

			snprintf(path, sizeof(path), "%s/%s.%s", dir, cases[c].name, formats[f].ext);
			/* no findings in json is cfn-lint's "[]": checked here, not kept as a file
			 * (it would be byte for byte an empty result file of the corpus) */
			bool none = true;
			for (size_t r = 0; r < cases[c].n; r++)
				if (cases[c].reports[r]->count)
					none = false;
			if (none && strcmp(formats[f].ext, "json") == 0) {
				CHECK(a.len == 3 && memcmp(sl_buf_cstr(&a), "[]\n", 3) == 0);
				sl_buf_free(&a);
				sl_buf_free(&b);
				continue;
			}
			if (update) {
				if (write_file(path, sl_buf_cstr(&a), a.len) != 0) {
					fprintf(stderr, "%s: %s\n", path, strerror(errno));
					failures++;
				}
			} else {
				size_t len;
				char *want = read_file(path, &len);
				if (!want) {
					fprintf(stderr, "%s: %s\n", path, strerror(errno));
					failures++;
				} else if (len != a.len || memcmp(want, sl_buf_cstr(&a), len) != 0) {
					report_mismatch(path, want, len, sl_buf_cstr(&a), a.len);
					failures++;
				}
				free(want);
			}
			sl_buf_free(&a);
			sl_buf_free(&b);
		}
	}
}

/* ---- unit checks ---- */

static bool buf_is(struct sl_buf *b, const char *want)
{
	bool ok = strcmp(sl_buf_cstr(b), want) == 0;
	if (!ok)
		fprintf(stderr, "  got:  [%s]\n  want: [%s]\n", sl_buf_cstr(b), want);
	sl_buf_reset(b);
	return ok;
}

static void test_utf8(void)
{
	static const struct {
		const char *in;
		uint32_t cps[4];
		size_t n;
	} t[] = {
		{ "A", { 'A' }, 1 },
		{ "\xc3\xa9", { 0xE9 }, 1 },
		{ "\xf0\x9f\x98\x80", { 0x1F600 }, 1 },
		{ "\xc0\x80", { 0 }, 1 },                          /* U+0000 as node strings hold it */
		{ "\xc1\x81", { 0xFFFD, 0xFFFD }, 2 },             /* overlong 'A' */
		{ "\xc0\x81", { 0xFFFD, 0xFFFD }, 2 },             /* overlong, not NUL */
		{ "\xed\xa0\x80", { 0xFFFD, 0xFFFD, 0xFFFD }, 3 }, /* surrogate */
		{ "\xe6\x97", { 0xFFFD, 0xFFFD }, 2 },             /* truncated */
		{ "\xf4\x90\x80\x80", { 0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD }, 4 }, /* > U+10FFFF */
		{ "\xff", { 0xFFFD }, 1 },
	};
	for (size_t i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		const char *s = t[i].in, *end = s + strlen(s);
		size_t k = 0;
		while (s < end && k < 4) {
			uint32_t cp = sl_utf8_next(&s, end);
			CHECK(cp == t[i].cps[k]);
			k++;
		}
		CHECK(s == end && k == t[i].n);
	}
}

static void test_json_strings(void)
{
	struct sl_buf b = SL_BUF_INIT;
	const char *s = "\"\\/\b\f\n\r\t\x01\x7f\xc3\xa9\xf0\x9f\x98\x80\xff";
	sl_json_put_string(&b, s, strlen(s), true);
	CHECK(buf_is(&b, "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u007f\\u00e9\\ud83d\\ude00\\ufffd\""));
	sl_json_put_string(&b, s, strlen(s), false);
	CHECK(buf_is(&b, "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\x7f\xc3\xa9\xf0\x9f\x98\x80\xef\xbf\xbd\""));

	struct sl_jw w;
	sl_jw_init(&w, &b, 4, true);
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "a");
	sl_jw_begin_array(&w);
	sl_jw_end_array(&w);
	sl_jw_key(&w, "b");
	sl_jw_begin_object(&w);
	sl_jw_end_object(&w);
	sl_jw_key(&w, "c");
	sl_jw_begin_array(&w);
	sl_jw_int(&w, -1);
	sl_jw_null(&w);
	sl_jw_end_array(&w);
	sl_jw_end_object(&w);
	/* json.dumps({"a": [], "b": {}, "c": [-1, None]}, indent=4) */
	CHECK(buf_is(&b, "{\n    \"a\": [],\n    \"b\": {},\n    \"c\": [\n        -1,\n        null\n    ]\n}"));
	sl_buf_free(&b);
}

static void test_put_line(void)
{
	struct sl_buf b = SL_BUF_INIT;
	sl_output_put_line(&b, "a\r\n\r\nb\rc\nd\te\x1b[0m\xc2\x9b\x7f");
	CHECK(buf_is(&b, "a b c d\te\xef\xbf\xbd[0m\xef\xbf\xbd\xef\xbf\xbd"));
	sl_output_put_line(&b, NULL);
	CHECK(buf_is(&b, ""));
	sl_buf_free(&b);
}

static void test_rule_summary(void)
{
	struct sl_buf b = SL_BUF_INIT;
	sl_output_rule_summary(&b, "T", NULL);
	CHECK(buf_is(&b, "T"));
	sl_output_rule_summary(&b, NULL, NULL);
	CHECK(buf_is(&b, ""));
	sl_output_rule_summary(&b, "T", "## What it checks\n\n  One\n  two.  \n\nThree.\n");
	CHECK(buf_is(&b, "One two."));
	sl_output_rule_summary(&b, "T", "**What it checks**\nOne.\n**Why it matters**\nTwo.");
	CHECK(buf_is(&b, "One."));
	sl_output_rule_summary(&b, "T", "**What it checks:** One\ntwo.\n\nThree.");
	CHECK(buf_is(&b, "One two."));
	sl_output_rule_summary(&b, "T", "```yaml\nA: 1\n```\nAfter code.\n");
	CHECK(buf_is(&b, "After code."));
	sl_output_rule_summary(&b, "T", "# Only headings\n## Here\n");
	CHECK(buf_is(&b, "T"));
	sl_buf_free(&b);
}

static void test_format_parse(void)
{
	static const char *names[] = { "text", "json", "parseable", "sarif", "junit", "github",
				       "pretty", "quiet", "standard" };
	enum sl_format f;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		CHECK(sl_format_parse(names[i], &f) == 0);
		CHECK(f == (enum sl_format)i);
	}
	CHECK(sl_format_parse("xml", &f) == -1);
	CHECK(sl_format_parse("Pretty", &f) == -1);
	CHECK(sl_format_parse("", &f) == -1);
	CHECK(sl_format_parse(NULL, &f) == -1);
}

/* cfn-lint's match Id: uuid.UUID(hex=md5("[E3038: Serverless resources need the SAM
 * transform] (x) matched a/b.yaml:3").hexdigest()), computed with Python. */
static void test_match_id(void)
{
	static struct sl_diag d = { "E3038", SL_SEV_ERROR, "x", POS(3, 1), POS(3, 2), NULL, 0 };
	static struct sl_report rep = { "./a//b.yaml", true, &d, 1, NULL };
	const struct sl_report *reps[] = { &rep };
	struct sl_buf b = SL_BUF_INIT;
	sl_output_json(&b, reps, 1, NULL);
	CHECK(strstr(sl_buf_cstr(&b), "\"Id\": \"61e91b4a-0e86-eb81-5439-5a2b2207c4cc\"") != NULL);
	sl_buf_free(&b);
}

/* ---- --json-replay ----
 * One record per line, fields separated by TAB, with \\ \t \n \r escaped:
 *   R id severity(E|W|I) title description source
 *   F filename                       (starts a report)
 *   D rule severity line col endline endcol message [path...]
 * A path element is "k:<key>" or "i:<index>"; "-" alone means path [] (written
 * as null here, one of the documented differences from cfn-lint). */

static char *unescape(char *s)
{
	char *o = s, *r = s;
	while (*r) {
		if (*r == '\\' && r[1]) {
			r++;
			*o++ = *r == 't' ? '\t' : *r == 'n' ? '\n' : *r == 'r' ? '\r' : *r;
			r++;
		} else {
			*o++ = *r++;
		}
	}
	*o = '\0';
	return s;
}

static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	while (n < max) {
		f[n++] = line;
		char *t = strchr(line, '\t');
		if (!t)
			break;
		*t = '\0';
		line = t + 1;
	}
	for (size_t i = 0; i < n; i++)
		unescape(f[i]);
	return n;
}

static enum sl_severity sev_of(const char *s)
{
	return s[0] == 'W' ? SL_SEV_WARNING : s[0] == 'I' ? SL_SEV_INFO : SL_SEV_ERROR;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p) {
		perror("strdup");
		exit(1);
	}
	return p;
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		perror("realloc");
		exit(1);
	}
	return p;
}

static int json_replay(void)
{
	struct sl_report **reps = NULL;
	size_t n_reps = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	while ((len = getline(&line, &cap, stdin)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = '\0';
		char *f[64];
		size_t nf = split_tabs(line, f, 64);
		if (f[0][0] == 'R' && nf == 6) {
			extra_rules = xrealloc(extra_rules, (n_extra_rules + 1) * sizeof(*extra_rules));
			extra_rules[n_extra_rules++] = (struct sl_rule){
				.id = xstrdup(f[1]), .severity = sev_of(f[2]), .title = xstrdup(f[3]),
				.doc = xstrdup(f[4]), .source = xstrdup(f[5]),
			};
		} else if (f[0][0] == 'F' && nf == 2) {
			reps = xrealloc(reps, (n_reps + 1) * sizeof(*reps));
			reps[n_reps] = calloc(1, sizeof(**reps));
			if (!reps[n_reps])
				return 1;
			reps[n_reps++]->filename = xstrdup(f[1]);
		} else if (f[0][0] == 'D' && nf >= 8 && n_reps) {
			struct sl_report *r = reps[n_reps - 1];
			r->diags = xrealloc(r->diags, (r->count + 1) * sizeof(*r->diags));
			struct sl_diag *d = &r->diags[r->count++];
			memset(d, 0, sizeof(*d));
			d->rule_id = xstrdup(f[1]);
			d->severity = sev_of(f[2]);
			d->start.line = (uint32_t)strtoul(f[3], NULL, 10);
			d->start.column = (uint32_t)strtoul(f[4], NULL, 10);
			d->end.line = (uint32_t)strtoul(f[5], NULL, 10);
			d->end.column = (uint32_t)strtoul(f[6], NULL, 10);
			d->message = xstrdup(f[7]);
			size_t np = nf - 8;
			if (np == 1 && strcmp(f[8], "-") == 0)
				np = 0;
			struct sl_path_seg *p = xrealloc(NULL, np * sizeof(*p));
			for (size_t k = 0; k < np; k++) {
				if (f[8 + k][0] == 'i')
					p[k] = (struct sl_path_seg){ NULL, (int32_t)atol(f[8 + k] + 2) };
				else
					p[k] = (struct sl_path_seg){ xstrdup(f[8 + k] + 2), 0 };
			}
			d->path = p;
			d->path_len = (uint32_t)np;
		} else {
			fprintf(stderr, "--json-replay: bad record: %s\n", f[0]);
			return 1;
		}
	}
	free(line);

	struct sl_buf out = SL_BUF_INIT;
	sl_output_json(&out, (const struct sl_report *const *)reps, n_reps, NULL);
	fwrite(sl_buf_cstr(&out), 1, out.len, stdout);
	bool oom = out.oom;
	sl_buf_free(&out);

	for (size_t i = 0; i < n_reps; i++) {
		for (size_t j = 0; j < reps[i]->count; j++) {
			struct sl_diag *d = &reps[i]->diags[j];
			for (uint32_t k = 0; k < d->path_len; k++)
				free((char *)d->path[k].key);
			free((void *)d->path);
			free((char *)d->rule_id);
			free((char *)d->message);
		}
		free(reps[i]->diags);
		free((char *)reps[i]->filename);
		free(reps[i]);
	}
	free(reps);
	for (size_t i = 0; i < n_extra_rules; i++) {
		free((char *)extra_rules[i].id);
		free((char *)extra_rules[i].title);
		free((char *)extra_rules[i].doc);
		free((char *)extra_rules[i].source);
	}
	free(extra_rules);
	return oom ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--json-replay") == 0)
		return json_replay();
	if (argc != 2) {
		fprintf(stderr, "usage: %s DATADIR | --json-replay\n", argv[0]);
		return 2;
	}
	const char *update = getenv("SL_UPDATE_GOLDEN");

	test_utf8();
	test_json_strings();
	test_put_line();
	test_rule_summary();
	test_format_parse();
	test_match_id();
	run_goldens(argv[1], update && *update && strcmp(update, "0") != 0);

	if (failures) {
		fprintf(stderr, "test_output: %d check(s) failed\n", failures);
		return 1;
	}
	printf("test_output: all checks passed\n");
	return 0;
}
