/*
 * The github format: GitHub Actions workflow commands, one per diagnostic,
 *     ::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=ID::message
 * (::warning for warnings, ::notice for informational findings). Run in a
 * workflow step, each line becomes an annotation on the file in the pull
 * request's diff and in the run summary; nothing else is printed.
 *
 * Escaping follows the runner (actions/runner ActionCommand.cs) and the
 * toolkit (@actions/core command.ts): in the message, % CR LF become %25 %0D
 * %0A; in property values also : and , become %3A and %2C. So a multi-line
 * message stays one command and is shown with its line breaks. Other control
 * characters and malformed UTF-8 become U+FFFD (the log viewer would otherwise
 * interpret ANSI escapes from the template).
 *
 * Positions: the runner drops col/endColumn when line and endLine differ, so
 * multi-line ranges are written as lines only; a diagnostic without a line
 * gets a file-level annotation. The file name is normalised as pathlib does
 * ("./a//b" -> "a/b"), since annotations are matched to repository paths.
 */
#include "output/output.h"

#include <string.h>

static const char *command_name(enum sl_severity sev)
{
	switch (sev) {
	case SL_SEV_ERROR: return "error";
	case SL_SEV_WARNING: return "warning";
	case SL_SEV_INFO: return "notice";
	}
	return "error";
}

/* Appends s escaped as command data (property false) or a property value. */
static void put_escaped(struct sl_buf *b, const char *s, bool property)
{
	if (!s)
		return;
	const char *end = s + strlen(s);
	while (s < end) {
		uint32_t cp = sl_utf8_next(&s, end);
		switch (cp) {
		case 0: sl_buf_puts(b, "\\u0000"); continue; /* U+0000 (sl_node_strdup) */
		case '%': sl_buf_puts(b, "%25"); continue;
		case '\r': sl_buf_puts(b, "%0D"); continue;
		case '\n': sl_buf_puts(b, "%0A"); continue;
		case ':':
			sl_buf_puts(b, property ? "%3A" : ":");
			continue;
		case ',':
			sl_buf_puts(b, property ? "%2C" : ",");
			continue;
		}
		if (cp != '\t' && sl_output_is_control(cp))
			cp = SL_UTF8_REPLACEMENT;
		sl_utf8_put(b, cp);
	}
}

void sl_output_github(struct sl_buf *out, const struct sl_report *const *r, size_t n,
		      const struct sl_output_opts *o)
{
	struct sl_buf file = SL_BUF_INIT;
	/* the run's notices first, as notices of no file */
	for (size_t i = 0; o && i < o->n_notices; i++) {
		sl_buf_puts(out, "::notice title=stacklint::");
		put_escaped(out, o->notices[i], false);
		sl_buf_putc(out, '\n');
	}
	for (size_t i = 0; i < n; i++) {
		sl_buf_reset(&file);
		if (r[i]->filename && r[i]->filename[0])
			sl_output_posix_path(&file, r[i]->filename);
		for (size_t j = 0; j < r[i]->count; j++) {
			const struct sl_diag *d = &r[i]->diags[j];
			struct sl_output_span s = sl_output_span_of(d);

			/* The runner ignores "key=" with an empty value: leave those out. */
			char sep = ' ';
			sl_buf_printf(out, "::%s", command_name(d->severity));
			if (file.len) {
				sl_buf_printf(out, "%cfile=", sep);
				put_escaped(out, sl_buf_cstr(&file), true);
				sep = ',';
			}
			if (s.known) {
				sl_buf_printf(out, "%cline=%u", sep, (unsigned)s.line);
				if (s.column && s.end_line == s.line)
					sl_buf_printf(out, ",col=%u", (unsigned)s.column);
				sl_buf_printf(out, ",endLine=%u", (unsigned)s.end_line);
				if (s.column && s.end_line == s.line)
					sl_buf_printf(out, ",endColumn=%u", (unsigned)s.end_column);
				sep = ',';
			}
			if (d->rule_id && d->rule_id[0]) {
				sl_buf_printf(out, "%ctitle=", sep);
				put_escaped(out, d->rule_id, true);
			}
			sl_buf_puts(out, "::");
			put_escaped(out, d->message, false);
			sl_buf_putc(out, '\n');
			sl_buf_drain(out);
		}
	}
	if (file.oom)
		out->oom = true;
	sl_buf_free(&file);
}
