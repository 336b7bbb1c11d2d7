/* -x / configure_rules for the CLI (see ruleopts.h). */
#include "cli/ruleopts.h"

#include <stdlib.h>
#include <string.h>

#include "engine/ruleopt.h"

int sl_cli_rule_options_check(struct sl_cli *cli, FILE *err)
{
	for (size_t i = 0; i < cli->rule_options.n; i++) {
		const char *s = cli->rule_options.v[i];
		size_t rl, kl;
		const char *key, *value;
		char msg[512];
		if (sl_ropt_split(s, &rl, &key, &kl, &value) < 0) {
			fprintf(err, "stacklint: -x/--configure-rule takes RULE:key=value (for example "
				"E3012:strict=true), not '%s'\n", s);
			return 1;
		}
		int rc = sl_ropt_check(s, rl, key, kl, value, msg, sizeof(msg));
		if (rc < 0) {
			fprintf(err, "stacklint: -x %s: %s\n", s, msg);
			return 1;
		}
		if (rc > 0)
			sl_cli_notice(cli, "%s", msg);
	}
	return 0;
}

/* The text of a setting's scalar: YAML booleans as true/false. */
static const char *text_of(const struct sl_node *v)
{
	int b = sl_scalar_bool(v);
	if (b >= 0)
		return b ? "true" : "false";
	return v->str;
}

/* Checks one setting of the file and keeps it. Returns 0, or 1 after a
 * message. */
static int one(struct sl_cli *cli, const char *path, const struct sl_node *rk, const struct sl_node *ok,
	       const struct sl_node *v, struct sl_strv *keep, FILE *err)
{
	char msg[512];
	if (sl_node_is(v, SL_MAP)) {
		/* a mapping: cfn-lint's E3019 exceptions (ignored here) is one */
		int rc = sl_ropt_check(rk->str, rk->len, ok->str, ok->len, "{}", msg, sizeof(msg));
		if (rc > 0) {
			sl_cli_notice(cli, "%s:%u:%u: %s", path, sl_cli_pos(ok).line, sl_cli_pos(ok).column, msg);
			return 0;
		}
		if (rc < 0 && !strstr(msg, "true or false")) {
			fprintf(err, "%s:%u:%u: configure_rules: %s\n", path, sl_cli_pos(v).line, sl_cli_pos(v).column, msg);
			return 1;
		}
	}
	if (!sl_node_is(v, SL_SCALAR) || sl_node_is_null(v)) {
		fprintf(err, "%s:%u:%u: configure_rules: %s:%s takes a value (true, false, a string or a number), "
			"or a list of them\n", path, sl_cli_pos(v).line, sl_cli_pos(v).column, rk->str, ok->str);
		return 1;
	}
	const char *text = text_of(v);
	int rc = sl_ropt_check(rk->str, rk->len, ok->str, ok->len, text, msg, sizeof(msg));
	if (rc < 0) {
		fprintf(err, "%s:%u:%u: configure_rules: %s\n", path, sl_cli_pos(v).line, sl_cli_pos(v).column, msg);
		return 1;
	}
	if (rc > 0) {
		sl_cli_notice(cli, "%s:%u:%u: %s", path, sl_cli_pos(ok).line, sl_cli_pos(ok).column, msg);
		return 0;
	}
	size_t n = rk->len + ok->len + strlen(text) + 3;
	char *s = malloc(n);
	if (!s)
		return 1;
	snprintf(s, n, "%s:%s=%s", rk->str, ok->str, text);
	int bad = sl_strv_push(keep, s) < 0;
	free(s);
	return bad;
}

int sl_cli_rule_options_config(struct sl_cli *cli, const char *path, const struct sl_node *v, FILE *err)
{
	if (sl_node_is_null(v))
		return 0;
	if (!sl_node_is(v, SL_MAP)) {
		fprintf(err, "%s:%u:%u: 'configure_rules' must be a mapping of rule IDs to their options, such "
			"as {E3012: {strict: true}}\n", path, sl_cli_pos(v).line, sl_cli_pos(v).column);
		return 1;
	}
	struct sl_strv keep = { 0 };
	int rc = 0;
	for (size_t i = 0; i < v->len && !rc; i++) {
		const struct sl_node *rk = v->pairs[i].key, *opts = v->pairs[i].value;
		if (!sl_node_is(opts, SL_MAP)) {
			fprintf(err, "%s:%u:%u: configure_rules: the options of %s must be a mapping, such as "
				"{strict: true}\n", path, sl_cli_pos(opts).line, sl_cli_pos(opts).column, rk->str);
			rc = 1;
			break;
		}
		for (size_t k = 0; k < opts->len && !rc; k++) {
			const struct sl_node *ok = opts->pairs[k].key, *ov = opts->pairs[k].value;
			if (sl_node_is(ov, SL_SEQ)) {
				for (size_t j = 0; j < ov->len && !rc; j++)
					rc = one(cli, path, rk, ok, ov->items[j], &keep, err);
			} else {
				rc = one(cli, path, rk, ok, ov, &keep, err);
			}
		}
	}
	if (!rc && !cli->set_rule_options) {
		/* the file's settings, unless the command line gave its own */
		sl_strv_free(&cli->rule_options);
		cli->rule_options = keep;
	} else {
		sl_strv_free(&keep);
	}
	return rc;
}
