/*
 * cfn-lint's default layout ("standard"), two lines per finding and a blank
 * line after each:
 *     ID message
 *     file:line:column
 * Tools written for cfn-lint read it (cfn-lint-action's problem matcher, old
 * super-linter): it is the default when stacklint runs under the name
 * cfn-lint. Nothing when clean. Each part stays on its line whatever the
 * message or file name holds.
 */
#include "output/output.h"

void sl_output_standard(struct sl_buf *out, const struct sl_report *const *r, size_t n,
			const struct sl_output_opts *o)
{
	(void)o;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < r[i]->count; j++) {
			const struct sl_diag *d = &r[i]->diags[j];
			sl_output_put_line(out, d->rule_id);
			sl_buf_putc(out, ' ');
			sl_output_put_line(out, d->message);
			sl_buf_putc(out, '\n');
			sl_output_put_line(out, r[i]->filename);
			sl_buf_printf(out, ":%u:%u\n\n", (unsigned)d->start.line, (unsigned)d->start.column);
			sl_buf_drain(out);
		}
	}
}
