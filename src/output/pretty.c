/*
 * cfn-lint's "pretty" format, laid out as cfn-lint 1.x prints it: for each file
 * with findings, its name on a line, then one line per finding — errors first,
 * then warnings, then informational, each level in position order —
 *     "line:col:" padded to 20 characters, the rule ID padded to 10, the message
 * and an empty line; last, one summary line with the number of templates linted,
 * of rules that ran, and of findings per level. Positions are stacklint's (the
 * start of the value at fault). With opts->color, cfn-lint's ANSI colours: the
 * file name underlined, the rule ID in its level's colour.
 */
#include "output/output.h"

#include <stdio.h>

#define RESET "\033[0m"
#define UNDERLINE "\033[4m"

static const char *level_color(enum sl_severity sev)
{
	switch (sev) {
	case SL_SEV_ERROR: return "\033[31m";
	case SL_SEV_WARNING: return "\033[33m";
	case SL_SEV_INFO: return "\033[34m";
	}
	return "";
}

/* Appends s left-aligned in a field of `width` characters (never cut). */
static void put_padded(struct sl_buf *out, const char *s, size_t width)
{
	size_t before = out->len;
	sl_output_put_line(out, s);
	for (size_t w = out->len - before; w < width; w++)
		sl_buf_putc(out, ' ');
}

void sl_output_pretty(struct sl_buf *out, const struct sl_report *const *r, size_t n,
		      const struct sl_output_opts *o)
{
	bool color = o && o->color;
	size_t count[3] = { 0, 0, 0 };
	for (size_t i = 0; i < n; i++) {
		if (!r[i]->count)
			continue;
		if (color)
			sl_buf_puts(out, UNDERLINE);
		sl_output_put_line(out, r[i]->filename);
		if (color)
			sl_buf_puts(out, RESET);
		sl_buf_putc(out, '\n');
		for (int sev = SL_SEV_ERROR; sev <= SL_SEV_INFO; sev++) {
			for (size_t j = 0; j < r[i]->count; j++) {
				const struct sl_diag *d = &r[i]->diags[j];
				if ((int)d->severity != sev)
					continue;
				count[sev]++;
				char pos[48];
				snprintf(pos, sizeof(pos), "%u:%u:", (unsigned)d->start.line,
					 (unsigned)d->start.column);
				if (color)
					sl_buf_puts(out, RESET);
				put_padded(out, pos, 20);
				if (color)
					sl_buf_puts(out, RESET);
				if (color)
					sl_buf_puts(out, level_color(d->severity));
				put_padded(out, d->rule_id, 10);
				if (color)
					sl_buf_puts(out, RESET);
				sl_output_put_line(out, d->message);
				sl_buf_putc(out, '\n');
				sl_buf_drain(out);
			}
		}
		sl_buf_putc(out, '\n');
	}
	size_t templates = o ? o->templates : n, rules = o ? o->rules : 0;
	if (color)
		sl_buf_printf(out, "stacklint scanned \033[1:0m%zu" RESET " templates against \033[1:0m%zu" RESET
			      " rules and found %s%zu" RESET " errors, %s%zu" RESET " warnings, and %s%zu" RESET
			      " informational violations\n", templates, rules, level_color(SL_SEV_ERROR),
			      count[0], level_color(SL_SEV_WARNING), count[1], level_color(SL_SEV_INFO), count[2]);
	else
		sl_buf_printf(out, "stacklint scanned %zu templates against %zu rules and found %zu errors, "
			      "%zu warnings, and %zu informational violations\n", templates, rules, count[0],
			      count[1], count[2]);
}
