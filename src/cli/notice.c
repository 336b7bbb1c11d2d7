/*
 * Notices for the user (sl_cli_notice) and the old rule IDs of stacklint's
 * own rules (sl_cli_old_ids): what a run says besides its findings.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "engine/rule.h"

void sl_cli_notice(struct sl_cli *cli, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = NULL;
	int n = vasprintf(&text, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	/* a handful at most (settings of one file, patterns of three lists) */
	for (size_t i = 0; i < cli->notices.n; i++)
		if (strcmp(cli->notices.v[i], text) == 0) {
			free(text);
			return;
		}
	sl_strv_push(&cli->notices, text);
	free(text);
}

/* "E91", "W9101": a rule-ID pattern in the old range, three to five characters. */
static bool old_pattern(const char *p)
{
	size_t l = strlen(p);
	if (l < 3 || l > 5 || (p[0] != 'E' && p[0] != 'W' && p[0] != 'I') || p[1] != '9')
		return false;
	for (size_t i = 2; i < l; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

/* True when one of stacklint's own rules starts with `prefix`. */
static bool names_own_rule(const char *prefix)
{
	size_t n, l = strlen(prefix);
	const struct sl_rule *const *rules = sl_registry(&n);
	for (size_t i = 0; i < n; i++)
		if (strlen(rules[i]->id) == 6 && strncmp(rules[i]->id, prefix, l) == 0)
			return true;
	return false;
}

static int map_list(struct sl_cli *cli, struct sl_strv *list, const char *what,
		    bool (*is_custom)(const char *id, void *arg), void *arg)
{
	size_t n = list->n; /* the patterns added below are new ones: not looked at */
	for (size_t i = 0; i < n; i++) {
		const char *p = list->v[i];
		if (!old_pattern(p) || (is_custom && strlen(p) == 5 && is_custom(p, arg)))
			continue;
		char now[8];
		snprintf(now, sizeof(now), "%c99%s", p[0], p + 2);
		if (!names_own_rule(now))
			continue;
		sl_cli_notice(cli, "%s '%s': stacklint's own rules moved from %c9xxx to %c99xxx "
			      "(out of cfn-lint's custom-rule range): '%s' is now '%s', which is %s as well; "
			      "write '%s' to silence this notice",
			      what, p, p[0], p[0], p, now,
			      list == &cli->ignore ? "ignored" : list == &cli->include ? "included" : "mandatory",
			      now);
		if (sl_strv_push(list, now) < 0)
			return -1;
	}
	return 0;
}

int sl_cli_old_ids(struct sl_cli *cli, bool (*is_custom)(const char *id, void *arg), void *arg)
{
	if (map_list(cli, &cli->ignore, "-i/ignore_checks", is_custom, arg) < 0 ||
	    map_list(cli, &cli->include, "-c/include_checks", is_custom, arg) < 0 ||
	    map_list(cli, &cli->mandatory, "-m/mandatory_checks", is_custom, arg) < 0)
		return -1;
	return 0;
}
