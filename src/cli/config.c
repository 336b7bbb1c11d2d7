/*
 * Configuration files. stacklint reads .stacklintrc.yaml and, for users moving
 * from cfn-lint, its .cfnlintrc: templates, ignore_templates, ignore_checks,
 * include_checks, mandatory_checks, non_zero_exit_code, ignore_bad_template,
 * output_file, format (and stacklint's own jobs and lint_date). Keys that exist in cfn-lint but mean nothing here are named in a
 * notice, never silently dropped. The file is parsed with stacklint's own loader.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "load/load.h"
#include "load/node.h"
#include "util/date.h"

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (r == 0)
			break;
		if (n == cap) {
			if (cap > (1u << 24))
				break;
			char *p = realloc(buf, cap * 2);
			if (!p) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = p;
			cap *= 2;
		}
	}
	fclose(f);
	*len = n;
	return buf;
}

static int take_list(const char *path, const struct sl_node *k, const struct sl_node *v, struct sl_strv *out,
		     FILE *err)
{
	if (sl_node_is(v, SL_SCALAR) && sl_scalar_type(v) != SL_TYPE_NULL)
		return sl_strv_push_split(out, v->str) < 0 ? 1 : 0;
	if (sl_node_is(v, SL_SEQ)) {
		for (size_t i = 0; i < v->len; i++) {
			if (!sl_node_is(v->items[i], SL_SCALAR)) {
				fprintf(err, "%s:%u:%u: '%s' must be a list of strings\n", path,
					v->items[i]->start.line, v->items[i]->start.column, k->str);
				return 1;
			}
			if (sl_strv_push(out, v->items[i]->str) < 0)
				return 1;
		}
		return 0;
	}
	if (sl_node_is(v, SL_SCALAR))
		return 0;
	fprintf(err, "%s:%u:%u: '%s' must be a string or a list of strings\n", path, v->start.line,
		v->start.column, k->str);
	return 1;
}

static const char *const cfnlint_only[] = {
	"regions", "append_rules", "override_spec", "custom_rules", "configure_rules",
	"include_experimental", "info", "debug", "merge_configs",
	"registry_schemas", "deployment_files", "parameters", "parameter_files", "patch_specs",
	"build_graph", "update_specs", "update_documentation", "listrules", NULL,
};

static int apply(struct sl_cli *cli, const char *path, const struct sl_node *root, FILE *err)
{
	if (!sl_node_is(root, SL_MAP)) {
		fprintf(err, "%s: the configuration must be a mapping of settings\n", path);
		return 1;
	}
	for (size_t i = 0; i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key, *v = root->pairs[i].value;
		int rc = 0;
		if (sl_str_eq(k, "templates")) {
			if (!cli->inputs.n)
				rc = take_list(path, k, v, &cli->inputs, err);
		} else if (sl_str_eq(k, "ignore_templates")) {
			if (!cli->set_ignore_templates)
				rc = take_list(path, k, v, &cli->ignore_templates, err);
		} else if (sl_str_eq(k, "ignore_checks")) {
			if (!cli->set_ignore)
				rc = take_list(path, k, v, &cli->ignore, err);
		} else if (sl_str_eq(k, "include_checks")) {
			if (!cli->set_include)
				rc = take_list(path, k, v, &cli->include, err);
		} else if (sl_str_eq(k, "mandatory_checks")) {
			if (!cli->set_mandatory)
				rc = take_list(path, k, v, &cli->mandatory, err);
		} else if (sl_str_eq(k, "non_zero_exit_code")) {
			int level;
			if (!sl_node_is(v, SL_SCALAR) || sl_exit_level_parse(v->str, &level) < 0) {
				fprintf(err, "%s:%u:%u: 'non_zero_exit_code' must be informational, warning, error or none\n",
					path, v->start.line, v->start.column);
				rc = 1;
			} else if (!cli->set_exit_level) {
				cli->exit_level = level;
			}
		} else if (sl_str_eq(k, "ignore_bad_template")) {
			int b = sl_node_is(v, SL_SCALAR) ? sl_scalar_bool(v) : -1;
			if (b < 0) {
				fprintf(err, "%s:%u:%u: 'ignore_bad_template' must be true or false\n", path,
					v->start.line, v->start.column);
				rc = 1;
			} else if (!cli->set_ignore_bad_template) {
				cli->ignore_bad_template = b == 1;
			}
		} else if (sl_str_eq(k, "output_file")) {
			if (!sl_node_is(v, SL_SCALAR) || sl_scalar_type(v) == SL_TYPE_NULL || !v->len) {
				fprintf(err, "%s:%u:%u: 'output_file' must be a file name\n", path, v->start.line,
					v->start.column);
				rc = 1;
			} else if (!cli->set_output_file) {
				/* the file's text goes with the arena: keep a copy */
				cli->output_file_owned = strdup(v->str);
				cli->output_file = cli->output_file_owned;
				if (!cli->output_file)
					rc = 1;
			}
		} else if (sl_str_eq(k, "format")) {
			if (!sl_node_is(v, SL_SCALAR) || sl_format_parse(v->str, &cli->format_cfg) < 0) {
				fprintf(err, "%s:%u:%u: 'format' must be one of text, json, parseable, sarif, junit, github, pretty, quiet\n",
					path, v->start.line, v->start.column);
				rc = 1;
			} else if (!cli->set_format) {
				cli->format = cli->format_cfg;
			}
		} else if (sl_str_eq(k, "lint_date")) {
			uint32_t d = 0;
			/* an unquoted date is a YAML timestamp: its text is what counts */
			if (!sl_node_is(v, SL_SCALAR) || !sl_date_parse(v->str, v->len, &d)) {
				fprintf(err, "%s:%u:%u: 'lint_date' must be a date as YYYY-MM-DD (for example 2026-12-06)\n",
					path, v->start.line, v->start.column);
				rc = 1;
			} else if (!cli->set_lint_date) {
				cli->lint_date = d;
			}
		} else if (sl_str_eq(k, "jobs")) {
			char *end = NULL;
			long j = sl_node_is(v, SL_SCALAR) ? strtol(v->str, &end, 10) : -1;
			if (!end || *end || end == v->str || j < 0 || j > 1024) {
				fprintf(err, "%s:%u:%u: 'jobs' must be a number from 0 (all cores) to 1024\n", path,
					v->start.line, v->start.column);
				rc = 1;
			} else if (!cli->set_jobs) {
				cli->jobs = (int)j;
			}
		} else {
			bool known = false;
			for (const char *const *p = cfnlint_only; *p; p++)
				if (sl_str_eq(k, *p))
					known = true;
			if (known)
				fprintf(err, "stacklint: note: %s:%u:%u: '%s' is a cfn-lint setting that stacklint does not use; ignored\n",
					path, k->start.line, k->start.column, k->str);
			else
				fprintf(err, "stacklint: note: %s:%u:%u: unknown setting '%s'; ignored\n", path,
					k->start.line, k->start.column, k->str);
		}
		if (rc)
			return rc;
	}
	return 0;
}

int sl_config_load(struct sl_cli *cli, FILE *err)
{
	const char *path = cli->config_path;
	static const char *const defaults[] = { ".stacklintrc.yaml", ".stacklintrc.yml", ".stacklintrc",
						".cfnlintrc", ".cfnlintrc.yaml", ".cfnlintrc.yml", NULL };
	if (!path) {
		for (const char *const *p = defaults; *p; p++)
			if (access(*p, R_OK) == 0) {
				path = *p;
				break;
			}
		if (!path)
			return 0;
	}
	size_t len;
	char *buf = read_all(path, &len);
	if (!buf) {
		fprintf(err, "stacklint: cannot read configuration '%s': %s\n", path, strerror(errno));
		return 1;
	}
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc doc;
	struct sl_load_opts lo = { cli->backend, 0 };
	int rc = 0;
	if (sl_load(&doc, &a, buf, len, &lo) < 0) {
		fprintf(err, "stacklint: out of memory reading '%s'\n", path);
		rc = 1;
	} else {
		for (size_t i = 0; i < doc.n_diags; i++) {
			if (doc.diags[i].severity == SL_SEV_ERROR &&
			    strncmp(doc.diags[i].message, "template is empty", 17) != 0) {
				fprintf(err, "%s:%u:%u: %s\n", path, doc.diags[i].start.line,
					doc.diags[i].start.column, doc.diags[i].message);
				rc = 1;
			}
		}
		if (!rc && doc.root && !(doc.root->kind == SL_SCALAR && sl_scalar_type(doc.root) == SL_TYPE_NULL))
			rc = apply(cli, path, doc.root, err);
	}
	sl_arena_free(&a);
	free(buf);
	return rc;
}
