/*
 * The sarif format: one SARIF 2.1.0 log with one run, for code scanning
 * (GitHub code scanning, Azure DevOps, the SARIF viewers).
 *
 * tool.driver.rules lists the rules that occur, sorted by ID, with the rule's
 * title, a summary and its full Markdown documentation; each result points at
 * its rule by ruleId and ruleIndex. run.artifacts lists every file linted, in
 * the order given (duplicates once), and each result's artifactLocation points
 * at its file by index. A relative filename becomes a percent-encoded relative
 * URI against %SRCROOT% (the directory code scanning resolves paths from), with
 * "." and empty components dropped; an absolute one becomes a file:// URI.
 * Columns count Unicode code points, as the loader does, or UTF-16 code units
 * with --column-unit utf16, and run.columnKind says which (SARIF has no byte
 * kind: the CLI never asks sarif for byte columns); SARIF's endColumn is exclusive, which is what sl_diag.end already is. The template path goes into a logical
 * location ("Resources/Fn/Properties/Timeout"). Keys come in a fixed order and
 * nothing depends on time or hashing, so equal input gives equal bytes.
 */
#include "output/output.h"

#include <stdlib.h>
#include <string.h>

#include "engine/rule.h"

#ifndef SL_PROJECT_URL
/* The project's home page for tool.driver.informationUri; empty leaves it out. */
#define SL_PROJECT_URL ""
#endif

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

static const char *sarif_level(enum sl_severity sev)
{
	switch (sev) {
	case SL_SEV_ERROR: return "error";
	case SL_SEV_WARNING: return "warning";
	case SL_SEV_INFO: return "note";
	}
	return "error";
}

/* ---- rules that occur, sorted by ID ---- */

struct rule_slot {
	const char *id;
	enum sl_severity severity; /* of its first diagnostic, for rules the registry lacks */
	size_t order;
};

static int cmp_id(const void *a, const void *b)
{
	const struct rule_slot *x = a, *y = b;
	return strcmp(x->id, y->id);
}

/* By ID, then by order of appearance (qsort is not stable). */
static int cmp_id_order(const void *a, const void *b)
{
	const struct rule_slot *x = a, *y = b;
	int c = strcmp(x->id, y->id);
	return c ? c : (x->order > y->order) - (x->order < y->order);
}

/* Returns the distinct rule IDs of all diagnostics, sorted, each with the
 * severity of its first diagnostic; the caller frees. NULL with *n_out 0 when
 * there are none, and also when memory runs out (then *oom is set). */
static struct rule_slot *collect_rules(const struct sl_report *const *r, size_t n, size_t *n_out,
				       bool *oom)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += r[i]->count;
	*n_out = 0;
	if (!total)
		return NULL;
	struct rule_slot *s = malloc(total * sizeof(*s));
	if (!s) {
		*oom = true;
		return NULL;
	}
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < r[i]->count; j++, k++) {
			const struct sl_diag *d = &r[i]->diags[j];
			s[k] = (struct rule_slot){ d->rule_id ? d->rule_id : "", d->severity, k };
		}
	qsort(s, total, sizeof(*s), cmp_id_order);
	size_t u = 0;
	for (size_t i = 0; i < total; i++)
		if (u == 0 || strcmp(s[u - 1].id, s[i].id) != 0)
			s[u++] = s[i];
	*n_out = u;
	return s;
}

static size_t rule_index(const struct rule_slot *rules, size_t n, const char *id)
{
	struct rule_slot key = { .id = id ? id : "" };
	const struct rule_slot *hit = bsearch(&key, rules, n, sizeof(*rules), cmp_id);
	return (size_t)(hit - rules);
}

/* "Serverless resources need the SAM transform" -> "ServerlessResourcesNeedTheSAMTransform":
 * SARIF wants reportingDescriptor.name to be an identifier-like name. */
static void put_pascal_name(struct sl_buf *b, const char *title)
{
	bool start = true;
	for (const char *p = title; *p; p++) {
		char c = *p;
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (c == '\'')
			continue; /* "API Gateway's" -> "APIGateways" */
		if (!alnum) {
			start = true;
			continue;
		}
		if (start && c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		sl_buf_putc(b, c);
		start = false;
	}
}

static void write_text_object(struct sl_jw *w, const char *key, const char *text, size_t n)
{
	sl_jw_key(w, key);
	sl_jw_begin_object(w);
	sl_jw_key(w, "text");
	sl_jw_string_n(w, text, n);
	sl_jw_end_object(w);
}

static void write_rule(struct sl_jw *w, const struct rule_slot *slot, struct sl_buf *scratch)
{
	const struct sl_rule *rule = sl_rule_find(slot->id);
	enum sl_severity sev = rule ? rule->severity : slot->severity;

	sl_jw_begin_object(w);
	sl_jw_key(w, "id");
	sl_jw_string(w, slot->id);
	if (rule && rule->title && rule->title[0]) {
		sl_buf_reset(scratch);
		put_pascal_name(scratch, rule->title);
		if (scratch->len) {
			sl_jw_key(w, "name");
			sl_jw_string_n(w, sl_buf_cstr(scratch), scratch->len);
		}
		write_text_object(w, "shortDescription", rule->title, strlen(rule->title));
		sl_buf_reset(scratch);
		sl_output_rule_summary(scratch, rule->title, rule->doc);
		write_text_object(w, "fullDescription", sl_buf_cstr(scratch), scratch->len);
	}
	if (rule && rule->source && rule->source[0]) {
		sl_jw_key(w, "helpUri");
		sl_jw_string(w, rule->source);
	}
	if (rule && rule->doc && rule->doc[0]) {
		sl_jw_key(w, "help");
		sl_jw_begin_object(w);
		sl_jw_key(w, "text");
		sl_jw_string(w, rule->doc);
		sl_jw_key(w, "markdown");
		sl_jw_string(w, rule->doc);
		sl_jw_end_object(w);
	}
	sl_jw_key(w, "defaultConfiguration");
	sl_jw_begin_object(w);
	sl_jw_key(w, "level");
	sl_jw_string(w, sarif_level(sev));
	sl_jw_end_object(w);
	sl_jw_end_object(w);
}

/* ---- artifacts: distinct files in order of first appearance ---- */

struct artifacts {
	size_t *of_report; /* artifact index of each report */
	char **names;      /* distinct normalised names, in order (owned) */
	size_t count;
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void free_artifacts(struct artifacts *a)
{
	for (size_t i = 0; i < a->count; i++)
		free(a->names[i]);
	free(a->names);
	free(a->of_report);
	memset(a, 0, sizeof(*a));
}

/* Files are the same artifact when their pathlib normal forms are equal
 * ("./a.yaml" and "a.yaml"): SARIF requires run.artifacts to be unique.
 * Returns false when memory runs out. */
static bool collect_artifacts(struct artifacts *a, const struct sl_report *const *r, size_t n)
{
	struct sl_buf norm = SL_BUF_INIT;
	size_t cap = 16;
	bool ok = true;

	memset(a, 0, sizeof(*a));
	if (!n)
		return true;
	while (cap < 2 * n)
		cap *= 2;
	size_t *table = calloc(cap, sizeof(*table)); /* artifact index + 1; 0 = empty */
	a->of_report = malloc(n * sizeof(*a->of_report));
	a->names = malloc(n * sizeof(*a->names));
	if (!table || !a->of_report || !a->names)
		ok = false;
	for (size_t i = 0; ok && i < n; i++) {
		sl_buf_reset(&norm);
		sl_output_posix_path(&norm, r[i]->filename ? r[i]->filename : "");
		const char *name = sl_buf_cstr(&norm);
		size_t slot = (size_t)hash_str(name) & (cap - 1);
		while (table[slot] && strcmp(a->names[table[slot] - 1], name) != 0)
			slot = (slot + 1) & (cap - 1);
		if (!table[slot]) {
			char *copy = norm.oom ? NULL : malloc(norm.len + 1);
			if (!copy) {
				ok = false;
				break;
			}
			memcpy(copy, name, norm.len + 1);
			a->names[a->count++] = copy;
			table[slot] = a->count;
		}
		a->of_report[i] = table[slot] - 1;
	}
	free(table);
	sl_buf_free(&norm);
	if (!ok)
		free_artifacts(a);
	return ok;
}

static bool uri_keep(unsigned char c)
{
	/* RFC 3986 unreserved, sub-delims, "@" and "/"; ":" is encoded so that a
	 * relative path's first segment can never read as a scheme. */
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
		return true;
	return c && strchr("-._~!$&'()*+,;=@/", c) != NULL;
}

static void put_uri_path(struct sl_buf *b, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (uri_keep(*p)) {
			sl_buf_putc(b, (char)*p);
		} else {
			char e[3] = { '%', hex[*p >> 4], hex[*p & 15] };
			sl_buf_put(b, e, 3);
		}
	}
}

/* Writes the artifactLocation members (no braces) for a normalised name:
 * percent-encoded, relative to %SRCROOT% unless absolute (then file://). */
static void write_artifact_location(struct sl_jw *w, const char *name, struct sl_buf *scratch)
{
	bool absolute = name[0] == '/';
	sl_buf_reset(scratch);
	if (absolute) {
		sl_buf_puts(scratch, "file://");
		/* "//x" after "file:" would read as an authority: keep one slash. */
		while (name[0] == '/' && name[1] == '/')
			name++;
	}
	put_uri_path(scratch, name);
	sl_jw_key(w, "uri");
	sl_jw_string_n(w, sl_buf_cstr(scratch), scratch->len);
	if (!absolute) {
		sl_jw_key(w, "uriBaseId");
		sl_jw_string(w, "%SRCROOT%");
	}
}

static void write_result(struct sl_jw *w, const struct sl_diag *d, size_t rindex, size_t aindex,
			 const char *artifact, struct sl_buf *scratch)
{
	struct sl_output_span s = sl_output_span_of(d);

	sl_jw_begin_object(w);
	sl_jw_key(w, "ruleId");
	sl_jw_string(w, d->rule_id ? d->rule_id : "");
	sl_jw_key(w, "ruleIndex");
	sl_jw_int(w, (long long)rindex);
	sl_jw_key(w, "level");
	sl_jw_string(w, sarif_level(d->severity));
	sl_jw_key(w, "message");
	sl_jw_begin_object(w);
	sl_jw_key(w, "text");
	sl_jw_string(w, d->message ? d->message : "");
	sl_jw_end_object(w);

	sl_jw_key(w, "locations");
	sl_jw_begin_array(w);
	sl_jw_begin_object(w);
	sl_jw_key(w, "physicalLocation");
	sl_jw_begin_object(w);
	sl_jw_key(w, "artifactLocation");
	sl_jw_begin_object(w);
	write_artifact_location(w, artifact, scratch);
	sl_jw_key(w, "index");
	sl_jw_int(w, (long long)aindex);
	sl_jw_end_object(w);
	if (s.known) {
		sl_jw_key(w, "region");
		sl_jw_begin_object(w);
		sl_jw_key(w, "startLine");
		sl_jw_int(w, s.line);
		if (s.column) {
			sl_jw_key(w, "startColumn");
			sl_jw_int(w, s.column);
		}
		sl_jw_key(w, "endLine");
		sl_jw_int(w, s.end_line);
		if (s.column) {
			sl_jw_key(w, "endColumn");
			sl_jw_int(w, s.end_column);
		}
		sl_jw_end_object(w);
	}
	sl_jw_end_object(w);
	if (d->path_len) {
		sl_buf_reset(scratch);
		sl_output_path(scratch, d);
		sl_jw_key(w, "logicalLocations");
		sl_jw_begin_array(w);
		sl_jw_begin_object(w);
		sl_jw_key(w, "fullyQualifiedName");
		sl_jw_string_n(w, sl_buf_cstr(scratch), scratch->len);
		sl_jw_end_object(w);
		sl_jw_end_array(w);
	}
	sl_jw_end_object(w);
	sl_jw_end_array(w);
	sl_jw_end_object(w);
}

void sl_output_sarif(struct sl_buf *out, const struct sl_report *const *r, size_t n,
		     const struct sl_output_opts *o)
{
	struct sl_jw w;
	struct sl_buf scratch = SL_BUF_INIT;
	struct artifacts arts;
	size_t n_rules = 0;
	bool oom = false;
	(void)o;

	struct rule_slot *rules = collect_rules(r, n, &n_rules, &oom);
	if (oom || !collect_artifacts(&arts, r, n)) {
		free(rules);
		out->oom = true;
		return;
	}

	sl_jw_init(&w, out, 2, false);
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "$schema");
	sl_jw_string(&w, SARIF_SCHEMA);
	sl_jw_key(&w, "version");
	sl_jw_string(&w, "2.1.0");
	sl_jw_key(&w, "runs");
	sl_jw_begin_array(&w);
	sl_jw_begin_object(&w);

	sl_jw_key(&w, "tool");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "driver");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "name");
	sl_jw_string(&w, "stacklint");
	sl_jw_key(&w, "version");
	sl_jw_string(&w, sl_version());
	if (SL_PROJECT_URL[0]) {
		sl_jw_key(&w, "informationUri");
		sl_jw_string(&w, SL_PROJECT_URL);
	}
	sl_jw_key(&w, "rules");
	sl_jw_begin_array(&w);
	for (size_t i = 0; i < n_rules; i++)
		write_rule(&w, &rules[i], &scratch);
	sl_jw_end_array(&w);
	sl_jw_end_object(&w);
	sl_jw_end_object(&w);

	sl_jw_key(&w, "artifacts");
	sl_jw_begin_array(&w);
	for (size_t i = 0; i < arts.count; i++) {
		sl_jw_begin_object(&w);
		sl_jw_key(&w, "location");
		sl_jw_begin_object(&w);
		write_artifact_location(&w, arts.names[i], &scratch);
		sl_jw_end_object(&w);
		sl_jw_key(&w, "roles");
		sl_jw_begin_array(&w);
		sl_jw_string(&w, "analysisTarget");
		sl_jw_end_array(&w);
		sl_jw_end_object(&w);
	}
	sl_jw_end_array(&w);

	if (o && o->n_notices) {
		/* what the run says about its configuration (a setting it cannot
		 * honour, an old rule ID): the invocation's notifications */
		sl_jw_key(&w, "invocations");
		sl_jw_begin_array(&w);
		sl_jw_begin_object(&w);
		sl_jw_key(&w, "executionSuccessful");
		sl_jw_bool(&w, true);
		sl_jw_key(&w, "toolConfigurationNotifications");
		sl_jw_begin_array(&w);
		for (size_t i = 0; i < o->n_notices; i++) {
			sl_jw_begin_object(&w);
			sl_jw_key(&w, "level");
			sl_jw_string(&w, "note");
			sl_jw_key(&w, "message");
			sl_jw_begin_object(&w);
			sl_jw_key(&w, "text");
			sl_jw_string(&w, o->notices[i]);
			sl_jw_end_object(&w);
			sl_jw_end_object(&w);
		}
		sl_jw_end_array(&w);
		sl_jw_end_object(&w);
		sl_jw_end_array(&w);
	}

	sl_jw_key(&w, "columnKind");
	sl_jw_string(&w, o && o->column_unit == SL_COLUMN_UTF16 ? "utf16CodeUnits" : "unicodeCodePoints");

	sl_jw_key(&w, "results");
	sl_jw_begin_array(&w);
	for (size_t i = 0; i < n; i++) {
		size_t a = arts.of_report[i];
		for (size_t j = 0; j < r[i]->count; j++) {
			const struct sl_diag *d = &r[i]->diags[j];
			write_result(&w, d, rule_index(rules, n_rules, d->rule_id), a, arts.names[a],
				     &scratch);
			sl_buf_drain(out);
		}
	}
	sl_jw_end_array(&w);

	sl_jw_end_object(&w);
	sl_jw_end_array(&w);
	sl_jw_end_object(&w);
	sl_buf_putc(out, '\n');

	if (scratch.oom)
		out->oom = true;
	sl_buf_free(&scratch);
	free(rules);
	free_artifacts(&arts);
}
