/*
 * cfn-lint's "parseable" format, for tools written against it:
 *     file:line:col:endline:endcol:ID:message
 * one line per diagnostic, nothing else (no output at all when clean). As in
 * cfn-lint, line breaks in the message become one space; unlike cfn-lint, a
 * lone CR does too, and other control characters are replaced, so every
 * diagnostic is exactly one line whatever the template contains.
 */
#include "output/output.h"

void sl_output_parseable(struct sl_buf *out, const struct sl_report *const *r, size_t n,
			 const struct sl_output_opts *o)
{
	(void)o;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < r[i]->count; j++) {
			const struct sl_diag *d = &r[i]->diags[j];
			sl_output_put_line(out, r[i]->filename);
			sl_buf_printf(out, ":%u:%u:%u:%u:", (unsigned)d->start.line,
				      (unsigned)d->start.column, (unsigned)d->end.line,
				      (unsigned)d->end.column);
			sl_output_put_line(out, d->rule_id);
			sl_buf_putc(out, ':');
			sl_output_put_line(out, d->message);
			sl_buf_putc(out, '\n');
			sl_buf_drain(out);
		}
	}
}
