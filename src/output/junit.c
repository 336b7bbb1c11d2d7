/*
 * The junit format: JUnit XML as CI systems read test reports (GitLab's
 * artifacts:reports:junit, Jenkins, Azure Pipelines, CircleCI, test-report
 * actions), so lint findings show up in the CI's test view.
 *
 * One <testsuite> per linted file (name = the filename), one <testcase> per
 * diagnostic, each with one <failure>: type = the rule ID, message = the
 * message, and a body with the location line, the template path, the rule's
 * title and its documentation URL. A file without findings gets one passing
 * testcase named "lint", so every linted file appears in the report. Test
 * case names carry the rule, its title and the position, so they read well in
 * a test list. No time or timestamp attributes (output must not depend on the
 * clock); attributes stay within the Jenkins JUnit schema, which tests check.
 *
 * cfn-lint's own junit output has a single suite with one testcase per rule
 * (skipped when the rule found nothing); per-file suites are more useful in CI,
 * where the question is which template broke.
 */
#include "output/output.h"

#include <string.h>

#include "engine/rule.h"

/* Appends s escaped for XML 1.0 character data (attr false) or a double-quoted
 * attribute value (attr true). Malformed UTF-8 and characters XML cannot carry
 * or that would be normalised away become U+FFFD or character references. */
static void put_xml(struct sl_buf *b, const char *s, size_t n, bool attr)
{
	const char *end = s + n;
	while (s < end) {
		const char *run = s;
		while (s < end && (unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F && *s != '&' &&
		       *s != '<' && *s != '>' && *s != '"')
			s++;
		sl_buf_put(b, run, (size_t)(s - run));
		if (s >= end)
			break;
		uint32_t cp = sl_utf8_next(&s, end);
		switch (cp) {
		case 0: sl_buf_puts(b, "\\u0000"); continue; /* XML has no U+0000 */
		case '&': sl_buf_puts(b, "&amp;"); continue;
		case '<': sl_buf_puts(b, "&lt;"); continue;
		case '>': sl_buf_puts(b, "&gt;"); continue;
		case '"': sl_buf_puts(b, attr ? "&quot;" : "\""); continue;
		case '\r': sl_buf_puts(b, "&#13;"); continue; /* parsers turn a raw CR into LF */
		case '\n': sl_buf_puts(b, attr ? "&#10;" : "\n"); continue;
		case '\t': sl_buf_puts(b, attr ? "&#9;" : "\t"); continue;
		}
		if (sl_output_is_control(cp) || cp == 0xFFFE || cp == 0xFFFF)
			cp = SL_UTF8_REPLACEMENT;
		sl_utf8_put(b, cp);
	}
}

static void put_xml_str(struct sl_buf *b, const char *s, bool attr)
{
	if (s)
		put_xml(b, s, strlen(s), attr);
}

static void write_failure(struct sl_buf *out, const char *filename, const struct sl_diag *d,
			  struct sl_buf *scratch)
{
	const char *rule_id = d->rule_id ? d->rule_id : "";
	const struct sl_rule *rule = sl_rule_find(rule_id);
	const char *title = rule && rule->title && rule->title[0] ? rule->title : NULL;

	sl_buf_puts(out, "    <testcase name=\"");
	put_xml_str(out, rule_id, true);
	if (title) {
		sl_buf_putc(out, ' ');
		put_xml_str(out, title, true);
	}
	if (d->start.line)
		sl_buf_printf(out, " (%u:%u)", (unsigned)d->start.line, (unsigned)d->start.column);
	sl_buf_puts(out, "\" classname=\"");
	put_xml_str(out, filename, true);
	sl_buf_puts(out, "\">\n      <failure type=\"");
	put_xml_str(out, rule_id, true);
	sl_buf_puts(out, "\" message=\"");
	put_xml_str(out, d->message, true);
	sl_buf_puts(out, "\">");

	/* The body: the text format's line, then what a reader needs to act. */
	sl_buf_reset(scratch);
	sl_output_put_line(scratch, filename);
	sl_buf_printf(scratch, ":%u:%u: %s ", (unsigned)d->start.line, (unsigned)d->start.column,
		      sl_output_severity_word(d->severity));
	sl_output_put_line(scratch, rule_id);
	sl_buf_putc(scratch, ' ');
	sl_output_put_line(scratch, d->message);
	if (d->path_len) {
		sl_buf_puts(scratch, "\npath: ");
		sl_output_path(scratch, d);
	}
	if (title) {
		sl_buf_puts(scratch, "\nrule: ");
		sl_output_put_line(scratch, title);
	}
	if (rule && rule->source && rule->source[0]) {
		sl_buf_puts(scratch, "\nhelp: ");
		sl_output_put_line(scratch, rule->source);
	}
	put_xml(out, sl_buf_cstr(scratch), scratch->len, false);
	sl_buf_puts(out, "</failure>\n    </testcase>\n");
}

void sl_output_junit(struct sl_buf *out, const struct sl_report *const *r, size_t n,
		     const struct sl_output_opts *o)
{
	struct sl_buf scratch = SL_BUF_INIT;
	size_t tests = 0, failures = 0;
	(void)o;

	for (size_t i = 0; i < n; i++) {
		tests += r[i]->count ? r[i]->count : 1;
		failures += r[i]->count;
	}
	sl_buf_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sl_buf_printf(out, "<testsuites name=\"stacklint\" tests=\"%zu\" failures=\"%zu\" errors=\"0\"",
		      tests, failures);
	if (!n) {
		sl_buf_puts(out, "/>\n");
		return;
	}
	sl_buf_puts(out, ">\n");
	for (size_t i = 0; i < n; i++) {
		const char *filename = r[i]->filename ? r[i]->filename : "";
		sl_buf_puts(out, "  <testsuite name=\"");
		put_xml_str(out, filename, true);
		sl_buf_printf(out, "\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
			      r[i]->count ? r[i]->count : 1, r[i]->count);
		if (!r[i]->count) {
			sl_buf_puts(out, "    <testcase name=\"lint\" classname=\"");
			put_xml_str(out, filename, true);
			sl_buf_puts(out, "\"/>\n");
		}
		for (size_t j = 0; j < r[i]->count; j++) {
			write_failure(out, filename, &r[i]->diags[j], &scratch);
			sl_buf_drain(out);
		}
		sl_buf_puts(out, "  </testsuite>\n");
	}
	sl_buf_puts(out, "</testsuites>\n");
	if (scratch.oom)
		out->oom = true;
	sl_buf_free(&scratch);
}
