/*
 * cfn-lint's "quiet" format: one line per finding,
 *     ID: rule title file:line
 * (cfn-lint prints its rule as "ID: short description"; stacklint prints the
 * rule's title), nothing when clean. One line each whatever the file name holds.
 */
#include "output/output.h"

#include "engine/rule.h"

void sl_output_quiet(struct sl_buf *out, const struct sl_report *const *r, size_t n,
		     const struct sl_output_opts *o)
{
	(void)o;
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < r[i]->count; j++) {
			const struct sl_diag *d = &r[i]->diags[j];
			const struct sl_rule *rule = sl_rule_find(d->rule_id);
			sl_output_put_line(out, d->rule_id);
			sl_buf_puts(out, ": ");
			sl_output_put_line(out, rule ? rule->title : d->message);
			sl_buf_putc(out, ' ');
			sl_output_put_line(out, r[i]->filename);
			sl_buf_printf(out, ":%u\n", (unsigned)d->start.line);
			sl_buf_drain(out);
		}
	}
}
