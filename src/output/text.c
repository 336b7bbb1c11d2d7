/*
 * The default format: one line per diagnostic,
 *     file:line:col: severity ID message
 * in the shape compilers use, so editors, `grep` and terminal link detectors
 * understand it. No header and no summary line: every output line is a finding.
 * Messages are flattened to one line (CR/LF runs become a space) and control
 * characters are replaced, so a template cannot inject terminal escapes. ANSI
 * colours only when opts->color (the CLI sets it when stdout is a TTY).
 */
#include "output/output.h"

#define BOLD "\033[1m"
#define RESET "\033[0m"

static const char *severity_color(enum sl_severity sev)
{
	switch (sev) {
	case SL_SEV_ERROR: return "\033[1;31m";
	case SL_SEV_WARNING: return "\033[1;33m";
	case SL_SEV_INFO: return "\033[1;36m";
	}
	return "";
}

void sl_output_text(struct sl_buf *out, const struct sl_report *const *r, size_t n,
		    const struct sl_output_opts *o)
{
	bool color = o && o->color;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < r[i]->count; j++) {
			const struct sl_diag *d = &r[i]->diags[j];
			if (color)
				sl_buf_puts(out, BOLD);
			sl_output_put_line(out, r[i]->filename);
			sl_buf_printf(out, ":%u:%u:", (unsigned)d->start.line, (unsigned)d->start.column);
			if (color)
				sl_buf_printf(out, RESET " %s%s" RESET " ", severity_color(d->severity),
					      sl_output_severity_word(d->severity));
			else
				sl_buf_printf(out, " %s ", sl_output_severity_word(d->severity));
			sl_output_put_line(out, d->rule_id);
			sl_buf_putc(out, ' ');
			sl_output_put_line(out, d->message);
			sl_buf_putc(out, '\n');
			sl_buf_drain(out);
		}
	}
}
