/*
 * Data-driven rule tests, in the manner of ESLint's RuleTester: for every
 * directory fixtures/rules/<ID>/ and every template in it (*.yaml, *.yml,
 * *.json, *.template), lint the template with include_checks = {ID} (so that
 * informational rules run too), keep the diagnostics of rule ID, and compare
 * them with <template>.expected.json next to it:
 *
 *   [
 *     {"line": 3, "column": 5, "endLine": 3, "endColumn": 12, "message": "..."}
 *   ]
 *
 * in the order stacklint sorts them. Everything is compared: the full span and
 * the exact message. A template named good_* has no expectation file: it must
 * lint clean of its rule (a "good" fixture); every other template has one with
 * at least one diagnostic (a "bad" fixture). The expected files are read with
 * stacklint's own loader.
 *
 * Besides, the registry is checked: IDs unique and sorted (sl_rule_id_cmp), of
 * four digits (cfn-lint's) or five from 99000 (our own), the first letter of
 * each ID agrees with its severity, every doc has the sections "What it
 * checks", "Why it matters", "Bad" and "Good" and an https:// source; every
 * rule has a fixtures directory with at least one bad and one good file, and
 * every fixtures directory names a registered rule.
 *
 * The file kind a fixture is linted as is read from its name: a name whose
 * last-but-one dot-separated part is a kind of --file-type
 * (bad_version.appspec.yaml, good.ebextension.config) is linted as that kind
 * (sl_lint_buffer_kind); any other name as a template. A fixture's kind must
 * be its rule's kind (a template fixture would never run an appspec rule).
 * Side-file fixtures may also end in .config or .toml.
 *
 * A subdirectory of a rule's directory is a small project folder, for the
 * rules that read a template beside the side file (a samconfig's
 * template_file, the template next to an appspec): its bad_* and good_* files
 * are fixtures as above, its other files (template.yaml, ...) only context.
 *
 * A directory may hold a file .options, a YAML map of settings for all its
 * templates: `lint-date: YYYY-MM-DD` (the lint_date option, "today" for the
 * rules that depend on the date; without it, the current date is used) and
 * `regions: [cn-north-1, ...]` (the regions option: the Regions the
 * region-specific rules judge; without it, us-east-1).
 *
 * Usage: test_fixtures FIXTURES_RULES_DIR [ID...]
 * With IDs, only those directories are run and the completeness checks are
 * skipped. Environment:
 *   SL_FIXTURES_UPDATE=1      write the actual diagnostics into the
 *                             .expected.json files instead of comparing
 *                             (then review every change by eye);
 *   SL_FIXTURES_BACKEND=libfyaml|libyaml   the YAML backend (default: the build's).
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "stacklint/stacklint.h"
#include "engine/rule.h"
#include "load/load.h"
#include "load/node.h"
#include "util/arena.h"
#include "util/date.h"

#include "test.h"

#define EXPECTED_SUFFIX ".expected.json"

static bool update_mode;
static uint32_t lint_date; /* from the directory's .options; 0 = today */
static const char *regions[16]; /* from the directory's .options */
static char region_text[16][32];
static size_t n_regions;
static enum sl_backend backend = SL_BACKEND_DEFAULT;
static size_t n_templates, n_failed_files, n_updated;

/* What one fixture directory holds, for the completeness checks. */
struct dir_summary {
	char id[64];
	size_t n_bad, n_good;
};

/* One diagnostic, as in the expected files. */
struct exp_diag {
	unsigned long line, column, end_line, end_column;
	char *message;
};

struct diag_list {
	struct exp_diag *items;
	size_t n, cap;
};

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	return p;
}

static char *xstrdup(const char *s)
{
	size_t l = strlen(s);
	char *p = xrealloc(NULL, l + 1);
	memcpy(p, s, l + 1);
	return p;
}

static void list_push(struct diag_list *l, struct exp_diag d)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->items = xrealloc(l->items, l->cap * sizeof(*l->items));
	}
	l->items[l->n++] = d;
}

static void list_free(struct diag_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->items[i].message);
	free(l->items);
	memset(l, 0, sizeof(*l));
}

/* snprintf's result fitted in a buffer of cap bytes */
static bool fits(int n, size_t cap)
{
	return n >= 0 && (size_t)n < cap;
}

static bool has_suffix(const char *s, const char *suf)
{
	size_t ls = strlen(s), lf = strlen(suf);
	return ls >= lf && strcmp(s + ls - lf, suf) == 0;
}

/* The kind named by the part before a fixture name's extension
 * (x.appspec.yaml: appspec), else a template. */
static enum sl_file_kind fixture_kind(const char *name)
{
	const char *ext = strrchr(name, '.');
	if (!ext)
		return SL_FILE_TEMPLATE;
	const char *p = ext;
	while (p > name && p[-1] != '.')
		p--;
	if (p == name)
		return SL_FILE_TEMPLATE;
	char part[32];
	size_t l = (size_t)(ext - p);
	if (l == 0 || l >= sizeof(part))
		return SL_FILE_TEMPLATE;
	memcpy(part, p, l);
	part[l] = '\0';
	enum sl_file_kind k;
	return sl_file_kind_parse(part, &k) == 0 ? k : SL_FILE_TEMPLATE;
}

static bool is_template_name(const char *name)
{
	if (name[0] == '.' || has_suffix(name, EXPECTED_SUFFIX))
		return false;
	if (fixture_kind(name) != SL_FILE_TEMPLATE && (has_suffix(name, ".config") || has_suffix(name, ".toml")))
		return true;
	return has_suffix(name, ".yaml") || has_suffix(name, ".yml") || has_suffix(name, ".json") ||
	       has_suffix(name, ".template");
}

/* Reads a whole file (it may hold NUL bytes). NULL with errno set on failure. */
static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = xrealloc(NULL, cap);
	for (;;) {
		if (n == cap) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		free(buf);
		errno = EIO;
		return NULL;
	}
	*len = n;
	return buf;
}

/* ---- JSON output of a diagnostic list ---------------------------------- */

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': fputs("\\\"", f); break;
		case '\\': fputs("\\\\", f); break;
		case '\n': fputs("\\n", f); break;
		case '\t': fputs("\\t", f); break;
		case '\r': fputs("\\r", f); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04X", *p);
			else
				fputc(*p, f);
		}
	}
	fputc('"', f);
}

static void write_list(FILE *f, const struct diag_list *l)
{
	if (!l->n) {
		fputs("[]\n", f);
		return;
	}
	fputs("[\n", f);
	for (size_t i = 0; i < l->n; i++) {
		const struct exp_diag *d = &l->items[i];
		fprintf(f, "  {\"line\": %lu, \"column\": %lu, \"endLine\": %lu, \"endColumn\": %lu, \"message\": ",
			d->line, d->column, d->end_line, d->end_column);
		json_string(f, d->message);
		fputs(i + 1 < l->n ? "},\n" : "}\n", f);
	}
	fputs("]\n", f);
}

/* ---- reading an expected file with stacklint's loader ------------------- */

static bool get_uint(const struct sl_node *obj, const char *key, unsigned long *out)
{
	const struct sl_node *v = sl_map_get(obj, key);
	if (!sl_node_is(v, SL_SCALAR) || v->style != SL_PLAIN || v->len == 0 || v->len > 9)
		return false;
	unsigned long x = 0;
	for (uint32_t i = 0; i < v->len; i++) {
		if (v->str[i] < '0' || v->str[i] > '9')
			return false;
		x = x * 10 + (unsigned long)(v->str[i] - '0');
	}
	*out = x;
	return true;
}

/* Parses an expected file into `out`. Returns 0, or -1 with a reason printed. */
static int read_expected(const char *path, struct diag_list *out)
{
	size_t len;
	char *buf = read_all(path, &len);
	if (!buf) {
		fprintf(stderr, "  %s: %s\n", path, strerror(errno));
		return -1;
	}
	struct sl_arena arena;
	sl_arena_init(&arena);
	struct sl_doc doc;
	struct sl_load_opts lo = { SL_BACKEND_LIBYAML, 0 };
	int rc = -1;
	if (sl_load(&doc, &arena, buf, len, &lo) < 0) {
		fprintf(stderr, "  %s: out of memory while loading\n", path);
		goto done;
	}
	test_doc = &doc;
	for (size_t i = 0; i < doc.n_diags; i++) {
		fprintf(stderr, "  %s:%u:%u: %s %s\n", path, doc.diags[i].start.line,
			doc.diags[i].start.column, doc.diags[i].rule_id, doc.diags[i].message);
	}
	if (doc.n_diags)
		goto done;
	const struct sl_node *root = doc.root;
	if (!sl_node_is(root, SL_SEQ)) {
		fprintf(stderr, "  %s: expected a JSON array of diagnostics\n", path);
		goto done;
	}
	for (uint32_t i = 0; i < root->len; i++) {
		const struct sl_node *o = root->items[i];
		struct exp_diag d;
		const struct sl_node *m = sl_map_get(o, "message");
		if (!sl_node_is(o, SL_MAP) || !get_uint(o, "line", &d.line) ||
		    !get_uint(o, "column", &d.column) || !get_uint(o, "endLine", &d.end_line) ||
		    !get_uint(o, "endColumn", &d.end_column) || !sl_node_is(m, SL_SCALAR) ||
		    m->style != SL_DOUBLE) {
			fprintf(stderr, "  %s:%u:%u: entry %u needs numbers line, column, endLine, "
				"endColumn and a string message\n", path, TEST_POS(o->start).line, TEST_POS(o->start).column, i);
			goto done;
		}
		if (o->len != 5) {
			fprintf(stderr, "  %s:%u:%u: entry %u has keys other than line, column, endLine, "
				"endColumn and message\n", path, TEST_POS(o->start).line, TEST_POS(o->start).column, i);
			goto done;
		}
		d.message = xstrdup(m->str);
		list_push(out, d);
	}
	rc = 0;
done:
	sl_arena_free(&arena);
	free(buf);
	return rc;
}

/* ---- comparison and the diff -------------------------------------------- */

static bool diag_eq(const struct exp_diag *a, const struct exp_diag *b)
{
	return a->line == b->line && a->column == b->column && a->end_line == b->end_line &&
	       a->end_column == b->end_column && strcmp(a->message, b->message) == 0;
}

static void print_diag(char mark, const struct exp_diag *d)
{
	fprintf(stderr, "    %c %lu:%lu-%lu:%lu %s\n", mark, d->line, d->column, d->end_line,
		d->end_column, d->message);
}

/* A line diff (longest common subsequence): ' ' both, '-' expected only,
 * '+' actual only. The lists are short. */
static void print_diff(const struct diag_list *exp, const struct diag_list *act)
{
	size_t n = exp->n, m = act->n;
	size_t *t = xrealloc(NULL, (n + 1) * (m + 1) * sizeof(size_t));
#define T(i, j) t[(i) * (m + 1) + (j)]
	for (size_t i = n + 1; i-- > 0;) {
		for (size_t j = m + 1; j-- > 0;) {
			if (i == n || j == m)
				T(i, j) = 0;
			else if (diag_eq(&exp->items[i], &act->items[j]))
				T(i, j) = T(i + 1, j + 1) + 1;
			else
				T(i, j) = T(i + 1, j) > T(i, j + 1) ? T(i + 1, j) : T(i, j + 1);
		}
	}
	fprintf(stderr, "    (- expected, + actual; line:column-endLine:endColumn message)\n");
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		if (i < n && j < m && diag_eq(&exp->items[i], &act->items[j])) {
			print_diag(' ', &exp->items[i]);
			i++, j++;
		} else if (j < m && (i == n || T(i, j + 1) >= T(i + 1, j))) {
			print_diag('+', &act->items[j++]);
		} else {
			print_diag('-', &exp->items[i++]);
		}
	}
#undef T
	free(t);
}

/* ---- one template ------------------------------------------------------- */

/* Lints `path` with rule `id` included and returns that rule's diagnostics. */
static int lint_file(const char *path, const char *id, struct diag_list *out)
{
	size_t len;
	char *buf = read_all(path, &len);
	if (!buf) {
		fprintf(stderr, "  %s: %s\n", path, strerror(errno));
		return -1;
	}
	const char *include[] = { id };
	struct sl_options o;
	memset(&o, 0, sizeof(o));
	o.backend = backend;
	o.include_checks = include;
	o.n_include = 1;
	o.lint_date = lint_date;
	o.regions = regions;
	o.n_regions = n_regions;
	struct sl_report *r = NULL;
	/* the real path: side-file rules read the template beside the file */
	if (sl_lint_buffer_kind(&r, &o, path, fixture_kind(path), buf, len) < 0) {
		free(buf);
		fprintf(stderr, "  %s: sl_lint_buffer failed (out of memory)\n", path);
		return -1;
	}
	for (size_t i = 0; i < r->count; i++) {
		const struct sl_diag *d = &r->diags[i];
		if (strcmp(d->rule_id, id) != 0)
			continue;
		struct exp_diag e = { d->start.line, d->start.column, d->end.line, d->end.column,
				      xstrdup(d->message) };
		list_push(out, e);
	}
	sl_report_free(r);
	free(buf);
	return 0;
}

static bool same_file_content(const char *path, const char *text, size_t len)
{
	size_t l;
	char *old = read_all(path, &l);
	bool same = old && l == len && memcmp(old, text, len) == 0;
	free(old);
	return same;
}

static int write_expected(const char *path, const struct diag_list *l)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mf = open_memstream(&text, &len);
	if (!mf)
		return -1;
	write_list(mf, l);
	fclose(mf);
	int rc = 0;
	if (!same_file_content(path, text, len)) {
		FILE *f = fopen(path, "wb");
		if (!f || fwrite(text, 1, len, f) != len) {
			fprintf(stderr, "  %s: cannot write: %s\n", path, strerror(errno));
			rc = -1;
		}
		if (f && fclose(f) != 0)
			rc = -1;
		if (rc == 0) {
			printf("updated %s\n", path);
			n_updated++;
		}
	}
	free(text);
	return rc;
}

static void run_template(const char *dir, const char *id, const char *shown, const char *name,
			 struct dir_summary *sum)
{
	char path[4096], exp_path[4096], display[512];
	n_templates++;
	if (!fits(snprintf(path, sizeof(path), "%s/%s", dir, name), sizeof(path)) ||
	    !fits(snprintf(exp_path, sizeof(exp_path), "%s%s", path, EXPECTED_SUFFIX), sizeof(exp_path)) ||
	    !fits(snprintf(display, sizeof(display), "%s/%s", shown, name), sizeof(display))) {
		fprintf(stderr, "FAIL %s/%s: path too long\n", dir, name);
		test_failures++;
		n_failed_files++;
		return;
	}

	struct diag_list act = { 0 }, exp = { 0 };
	test_checks++;
	const struct sl_rule *rule = sl_rule_find(id);
	if (rule && rule->kind != fixture_kind(name)) {
		fprintf(stderr, "FAIL %s: linted as %s, but %s checks %s files (name it "
			"<name>.%s.<ext>)\n", display, sl_file_kind_name(fixture_kind(name)), id,
			sl_file_kind_name(rule->kind), sl_file_kind_name(rule->kind));
		test_failures++;
		n_failed_files++;
		return;
	}
	if (lint_file(path, id, &act) < 0) {
		test_failures++;
		n_failed_files++;
		return;
	}
	/* the engine's order: by position (then rule, end, message) */
	for (size_t i = 1; i < act.n; i++) {
		const struct exp_diag *a = &act.items[i - 1], *b = &act.items[i];
		bool ordered = a->line < b->line || (a->line == b->line && a->column <= b->column);
		assert_true(ordered);
	}
	bool good_name = strncmp(name, "good_", 5) == 0;
	if (update_mode && good_name && act.n == 0) {
		remove(exp_path); /* a good fixture needs no expectation file */
		sum->n_good++;
		list_free(&act);
		return;
	}
	if (!update_mode && good_name) {
		struct stat gst;
		if (stat(exp_path, &gst) == 0) {
			fprintf(stderr, "FAIL %s: a good_* fixture has no expectation file; remove %s\n",
				display, exp_path);
			test_failures++;
			n_failed_files++;
			list_free(&act);
			return;
		}
		sum->n_good++;
		if (act.n) {
			struct diag_list none = { 0 };
			fprintf(stderr, "FAIL %s: a good fixture, but %zu diagnostic(s) of %s reported\n",
				display, act.n, id);
			print_diff(&none, &act);
			test_failures++;
			n_failed_files++;
		}
		list_free(&act);
		return;
	}
	if (update_mode) {
		/* show what changes, so that every update gets reviewed */
		struct stat st0;
		if (stat(exp_path, &st0) == 0 && read_expected(exp_path, &exp) == 0) {
			bool same = exp.n == act.n;
			for (size_t i = 0; same && i < exp.n; i++)
				same = diag_eq(&exp.items[i], &act.items[i]);
			if (!same) {
				printf("changes in %s:\n", exp_path);
				fflush(stdout);
				print_diff(&exp, &act);
			}
			list_free(&exp);
		}
		if (write_expected(exp_path, &act) < 0) {
			test_failures++;
			n_failed_files++;
		}
		if (act.n)
			sum->n_bad++;
		else
			sum->n_good++;
		list_free(&act);
		return;
	}
	struct stat st;
	if (stat(exp_path, &st) != 0) {
		fprintf(stderr, "FAIL %s: no %s%s (run with SL_FIXTURES_UPDATE=1 to create it, then "
			"review it)\n", display, name, EXPECTED_SUFFIX);
		test_failures++;
		n_failed_files++;
		list_free(&act);
		return;
	}
	if (read_expected(exp_path, &exp) < 0) {
		fprintf(stderr, "FAIL %s: unreadable expectation %s\n", display, exp_path);
		test_failures++;
		n_failed_files++;
		list_free(&act);
		return;
	}
	if (exp.n)
		sum->n_bad++;
	else
		sum->n_good++;
	bool same = exp.n == act.n;
	for (size_t i = 0; same && i < exp.n; i++)
		same = diag_eq(&exp.items[i], &act.items[i]);
	if (!same) {
		fprintf(stderr, "FAIL %s: %zu diagnostic(s) of %s expected, %zu reported\n", display,
			exp.n, id, act.n);
		print_diff(&exp, &act);
		test_failures++;
		n_failed_files++;
	}
	list_free(&exp);
	list_free(&act);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the entries of `dir` (without . and ..); NULL on error. */
static char **list_dir(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return NULL;
	char **names = NULL;
	size_t k = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (k == cap) {
			cap = cap ? cap * 2 : 32;
			names = xrealloc(names, cap * sizeof(*names));
		}
		names[k++] = xstrdup(e->d_name);
	}
	closedir(d);
	if (k)
		qsort(names, k, sizeof(*names), name_cmp);
	*n = k;
	return names ? names : xrealloc(NULL, sizeof(char *));
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A `regions` list of .options: at most 16 names under 32 bytes. */
static bool take_regions(const struct sl_node *v)
{
	if (!sl_node_is(v, SL_SEQ) || !v->len || v->len > 16)
		return false;
	for (size_t i = 0; i < v->len; i++) {
		const struct sl_node *it = v->items[i];
		if (!sl_node_is(it, SL_SCALAR) || !it->len || it->len >= sizeof(region_text[0]))
			return false;
		memcpy(region_text[i], it->str, it->len + 1);
		regions[i] = region_text[i];
	}
	n_regions = v->len;
	return true;
}

/* Reads dir/.options into the settings above (all default when there is no
 * such file). Returns 0, or -1 with a reason printed. */
static int read_options(const char *dir)
{
	char path[4096];
	lint_date = 0;
	n_regions = 0;
	if (!fits(snprintf(path, sizeof(path), "%s/.options", dir), sizeof(path)))
		return -1;
	size_t len;
	char *buf = read_all(path, &len);
	if (!buf)
		return errno == ENOENT ? 0 : -1;
	struct sl_arena arena;
	sl_arena_init(&arena);
	struct sl_doc doc;
	struct sl_load_opts lo = { SL_BACKEND_LIBYAML, 0 };
	int rc = -1;
	if (sl_load(&doc, &arena, buf, len, &lo) < 0 || doc.n_diags || !sl_node_is(doc.root, SL_MAP)) {
		fprintf(stderr, "  %s: expected a YAML map of settings\n", path);
		goto done;
	}
	test_doc = &doc;
	for (uint32_t i = 0; i < doc.root->len; i++) {
		const struct sl_node *k = doc.root->pairs[i].key, *v = doc.root->pairs[i].value;
		if (sl_str_eq(k, "lint-date") && sl_node_is(v, SL_SCALAR) &&
		    sl_date_parse(v->str, v->len, &lint_date))
			continue;
		if (sl_str_eq(k, "regions") && take_regions(v))
			continue;
		fprintf(stderr, "  %s:%u:%u: unknown setting or bad value (known: lint-date: YYYY-MM-DD, "
			"regions: [REGION, ...])\n",
			path, TEST_POS(k->start).line, TEST_POS(k->start).column);
		goto done;
	}
	rc = 0;
done:
	sl_arena_free(&arena);
	free(buf);
	return rc;
}

static void run_entries(const char *dir, const char *id, const char *shown, char **names, size_t n,
			bool project, struct dir_summary *sum);

static void run_dir(const char *root, const char *id, struct dir_summary *sum)
{
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s/%s", root, id);
	snprintf(sum->id, sizeof(sum->id), "%s", id);
	test_checks++;
	if (read_options(dir) < 0) {
		fprintf(stderr, "FAIL %s/.options: unreadable\n", dir);
		test_failures++;
		return;
	}
	size_t n;
	char **names = list_dir(dir, &n);
	if (!names) {
		fprintf(stderr, "FAIL %s: %s\n", dir, strerror(errno));
		test_failures++;
		return;
	}
	run_entries(dir, id, id, names, n, false, sum);
	free_names(names, n);
}

/* Runs the fixtures among the entries `names` of dir; in a project folder
 * (`project`) only bad_* and good_* files are fixtures and subdirectories are
 * not entered. */
static void run_entries(const char *dir, const char *id, const char *shown, char **names, size_t n,
			bool project, struct dir_summary *sum)
{
	for (size_t i = 0; i < n; i++) {
		char sub[4096];
		bool fixture_name = strncmp(names[i], "bad_", 4) == 0 || strncmp(names[i], "good_", 5) == 0;
		if (!project && fits(snprintf(sub, sizeof(sub), "%s/%s", dir, names[i]), sizeof(sub)) &&
		    is_dir(sub)) {
			size_t m;
			char **inner = list_dir(sub, &m);
			if (!inner) {
				fprintf(stderr, "FAIL %s: %s\n", sub, strerror(errno));
				test_failures++;
				continue;
			}
			char in[512];
			snprintf(in, sizeof(in), "%s/%s", id, names[i]);
			run_entries(sub, id, in, inner, m, true, sum);
			free_names(inner, m);
		} else if (project && !fixture_name && !has_suffix(names[i], EXPECTED_SUFFIX)) {
			continue; /* context: the template the fixtures read */
		} else if (is_template_name(names[i])) {
			run_template(dir, id, shown, names[i], sum);
		} else if (has_suffix(names[i], EXPECTED_SUFFIX)) {
			/* an expectation must belong to a template */
			char tpl[4096];
			int l = snprintf(tpl, sizeof(tpl), "%s/%.*s", dir,
					 (int)(strlen(names[i]) - strlen(EXPECTED_SUFFIX)), names[i]);
			struct stat st;
			test_checks++;
			if (!fits(l, sizeof(tpl)) || stat(tpl, &st) != 0) {
				fprintf(stderr, "FAIL %s/%s: expectation without its template\n", shown, names[i]);
				test_failures++;
			}
		} else if (names[i][0] != '.') {
			fprintf(stderr, "FAIL %s/%s: not a template (*.yaml, *.yml, *.json, *.template), "
				"a side file (*.<kind>.config, *.<kind>.toml) nor an expectation\n",
				shown, names[i]);
			test_checks++;
			test_failures++;
		}
	}
}

/* ---- the registry ------------------------------------------------------- */

static void check_registry(void)
{
	size_t n;
	const struct sl_rule *const *rules = sl_registry(&n);
	assert_true(n > 0);
	static const char *const sections[] = { "### What it checks", "### Why it matters", "### Bad",
						"### Good" };
	for (size_t i = 0; i < n; i++) {
		const struct sl_rule *r = rules[i];
		const char *id = r->id ? r->id : "(null)";
		/* cfn-lint's IDs have four digits; stacklint's own five, from 99000 */
		assert_true(r->id && (strlen(r->id) == 5 ||
				      (strlen(r->id) == 6 && strncmp(r->id + 1, "99", 2) == 0)));
		test_checks++;
		if (r->id && strlen(r->id) == 5 && r->id[1] == '9') {
			fprintf(stderr, "registry: %s is in cfn-lint's custom-rule range 9xxx\n", r->id);
			test_failures++;
		}
		if (i > 0 && rules[i - 1]->id && r->id && sl_rule_id_cmp(rules[i - 1]->id, r->id) >= 0) {
			fprintf(stderr, "registry: %s comes after %s: IDs must be unique and sorted\n",
				r->id, rules[i - 1]->id);
			test_failures++;
		}
		test_checks++;
		assert_true(sl_rule_find(id) == r);
		char want = r->severity == SL_SEV_ERROR ? 'E' : r->severity == SL_SEV_WARNING ? 'W' : 'I';
		test_checks++;
		if (id[0] != want) {
			fprintf(stderr, "registry: %s has severity %c but its ID starts with %c\n", id, want, id[0]);
			test_failures++;
		}
		test_checks++;
		if (!r->title || !r->title[0]) {
			fprintf(stderr, "registry: %s has no title\n", id);
			test_failures++;
		}
		for (size_t s = 0; s < sizeof(sections) / sizeof(sections[0]); s++) {
			test_checks++;
			if (!r->doc || !strstr(r->doc, sections[s])) {
				fprintf(stderr, "registry: the doc of %s lacks the section \"%s\"\n", id, sections[s]);
				test_failures++;
			}
		}
		test_checks++;
		if (!r->source || strncmp(r->source, "https://", 8) != 0) {
			fprintf(stderr, "registry: the source of %s is not an https:// URL\n", id);
			test_failures++;
		}
	}
	assert_true(sl_rule_find("E9999x") == NULL);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FIXTURES_RULES_DIR [ID...]\n", argv[0]);
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	const char *root = argv[1];
	const char *up = getenv("SL_FIXTURES_UPDATE");
	update_mode = up && *up && strcmp(up, "0") != 0;
	const char *be = getenv("SL_FIXTURES_BACKEND");
	if (be && strcmp(be, "libfyaml") == 0)
		backend = SL_BACKEND_LIBFYAML;
	else if (be && strcmp(be, "libyaml") == 0)
		backend = SL_BACKEND_LIBYAML;

	check_registry();

	bool filtered = argc > 2;
	size_t n_dirs = 0;
	struct dir_summary *sums = NULL;
	if (filtered) {
		sums = xrealloc(NULL, (size_t)(argc - 2) * sizeof(*sums));
		for (int i = 2; i < argc; i++) {
			memset(&sums[n_dirs], 0, sizeof(*sums));
			run_dir(root, argv[i], &sums[n_dirs++]);
		}
	} else {
		size_t n;
		char **names = list_dir(root, &n);
		if (!names) {
			fprintf(stderr, "%s: %s\n", root, strerror(errno));
			return 1;
		}
		sums = xrealloc(NULL, (n ? n : 1) * sizeof(*sums));
		for (size_t i = 0; i < n; i++) {
			char p[4096];
			snprintf(p, sizeof(p), "%s/%s", root, names[i]);
			if (!is_dir(p))
				continue;
			test_checks++;
			if (!sl_rule_find(names[i])) {
				fprintf(stderr, "FAIL %s/: no rule %s is registered\n", names[i], names[i]);
				test_failures++;
				continue;
			}
			memset(&sums[n_dirs], 0, sizeof(*sums));
			run_dir(root, names[i], &sums[n_dirs++]);
		}
		free_names(names, n);

		/* every rule has bad and good fixtures */
		size_t nr;
		const struct sl_rule *const *rules = sl_registry(&nr);
		for (size_t i = 0; i < nr; i++) {
			const struct dir_summary *s = NULL;
			for (size_t k = 0; k < n_dirs; k++)
				if (strcmp(sums[k].id, rules[i]->id) == 0)
					s = &sums[k];
			test_checks++;
			if (!s) {
				fprintf(stderr, "FAIL %s: no fixtures directory %s/%s\n", rules[i]->id, root,
					rules[i]->id);
				test_failures++;
				continue;
			}
			test_checks++;
			if (!s->n_bad || !s->n_good) {
				fprintf(stderr, "FAIL %s: needs at least one bad fixture (non-empty expectation) "
					"and one good one ([]); has %zu bad, %zu good\n", rules[i]->id,
					s->n_bad, s->n_good);
				test_failures++;
			}
		}
	}
	for (size_t k = 0; k < n_dirs; k++)
		printf("%s: %zu bad, %zu good\n", sums[k].id, sums[k].n_bad, sums[k].n_good);
	printf("%zu templates, %zu failed%s", n_templates, n_failed_files, update_mode ? "" : "\n");
	if (update_mode)
		printf(", %zu expectation(s) written\n", n_updated);
	free(sums);
	return test_result();
}
