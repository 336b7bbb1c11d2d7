/*
 * Configuration files, found as cfn-lint finds them: the project's in the
 * current directory (.stacklintrc.yaml, or cfn-lint's .cfnlintrc, .yaml,
 * .yml), then the user's in the home directory (~/.stacklintrc.yaml or
 * ~/.cfnlintrc) for the keys the project's leaves out; --config-file names
 * one file that replaces both. Every cfn-lint key is read with its meaning;
 * the few stacklint cannot honour are named in a notice (sl_cli_notice),
 * never silently dropped. Values only fill what the command line left unset,
 * except that with merge_configs the lists add up. Parsed with stacklint's
 * own loader, read with the --max-size bound.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/ruleopts.h"
#include "cli/params.h"
#include "load/column.h"
#include "load/load.h"
#include "load/node.h"
#include "util/date.h"
#include "util/readfile.h"

_Thread_local const struct sl_doc *sl_cli_doc;

/* True when two paths name the same file. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
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
					sl_cli_pos(v->items[i]).line, sl_cli_pos(v->items[i]).column, k->str);
				return 1;
			}
			if (sl_strv_push(out, v->items[i]->str) < 0)
				return 1;
		}
		return 0;
	}
	if (sl_node_is(v, SL_SCALAR))
		return 0;
	fprintf(err, "%s:%u:%u: '%s' must be a string or a list of strings\n", path, sl_cli_pos(v).line,
		sl_cli_pos(v).column, k->str);
	return 1;
}

static const char *const cfnlint_only[] = {
	"patch_specs",
	"update_specs", "update_documentation", "listrules", NULL,
};

/* override_spec: a file name; registry_schemas: a list of directories (or
 * one). Paths are taken from the current directory, as cfn-lint opens them;
 * the command line's -o / -s win. */
static int take_spec_layers(struct sl_cli *cli, const char *path, const struct sl_node *k,
			    const struct sl_node *v, FILE *err)
{
	bool list = sl_str_eq(k, "registry_schemas");
	if (list && sl_node_is(v, SL_SEQ))
		return cli->set_registry_schemas ? 0 : take_list(path, k, v, &cli->registry_schemas, err);
	if (!sl_node_is(v, SL_SCALAR) || sl_scalar_type(v) == SL_TYPE_NULL || !v->len) {
		fprintf(err, "%s:%u:%u: '%s' must be %s\n", path, sl_cli_pos(v).line, sl_cli_pos(v).column, k->str,
			list ? "a list of directories" : "the name of an override spec file");
		return 1;
	}
	if (list)
		return cli->set_registry_schemas ? 0 : (sl_strv_push(&cli->registry_schemas, v->str) < 0);
	if (cli->override_spec)
		return 0;
	cli->override_spec_owned = strdup(v->str);
	cli->override_spec = cli->override_spec_owned;
	return cli->override_spec ? 0 : 1;
}

/* The configuration layers, as cfn-lint reads them: the project's file (the
 * current directory's, or --config-file's), then the user's in the home
 * directory for the keys the project's does not set — or, with merge_configs,
 * for the lists too, which then add up. */
struct layer {
	bool home;
	struct sl_strv keys; /* the keys the project's file set */
};

static bool list_key(const struct sl_node *k)
{
	static const char *const lists[] = { "ignore_checks", "include_checks", "mandatory_checks",
					     "ignore_templates", "append_rules", "registry_schemas", "regions",
					     NULL };
	for (const char *const *p = lists; *p; p++)
		if (sl_str_eq(k, *p))
			return true;
	return false;
}

static bool layer_skips(struct sl_cli *cli, struct layer *ly, const struct sl_node *k)
{
	if (!ly->home)
		return sl_strv_push(&ly->keys, k->str) < 0 && false;
	if (cli->merge_configs && list_key(k))
		return false;
	for (size_t i = 0; i < ly->keys.n; i++)
		if (sl_str_eq(k, ly->keys.v[i]))
			return true;
	return false;
}

/* A true/false setting into *out (when the command line left it unset). */
static int take_bool(const char *path, const struct sl_node *k, const struct sl_node *v, bool *out, bool set,
		     FILE *err)
{
	int b = sl_node_is(v, SL_SCALAR) ? sl_scalar_bool(v) : -1;
	if (b < 0) {
		fprintf(err, "%s:%u:%u: '%s' must be true or false\n", path, sl_cli_pos(v).line, sl_cli_pos(v).column, k->str);
		return 1;
	}
	if (!set)
		*out = b == 1;
	return 0;
}

static int apply(struct sl_cli *cli, const char *path, const struct sl_node *root, FILE *err, struct layer *ly)
{
	if (!sl_node_is(root, SL_MAP)) {
		fprintf(err, "%s: the configuration must be a mapping of settings\n", path);
		return 1;
	}
	for (size_t i = 0; i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key, *v = root->pairs[i].value;
		int rc = 0;
		if (layer_skips(cli, ly, k))
			continue;
		if (sl_params_config_key(k)) {
			rc = sl_params_config(cli, path, k, v, err);
		} else if (sl_str_eq(k, "templates")) {
			if (!cli->inputs.n)
				rc = take_list(path, k, v, &cli->inputs, err);
		} else if (sl_str_eq(k, "ignore_templates")) {
			if (!cli->set_ignore_templates)
				rc = take_list(path, k, v, &cli->ignore_templates, err);
		} else if (sl_str_eq(k, "ignore_checks")) {
			if (!cli->set_ignore || cli->merge_configs)
				rc = take_list(path, k, v, &cli->ignore, err);
		} else if (sl_str_eq(k, "include_checks")) {
			if (!cli->set_include || cli->merge_configs)
				rc = take_list(path, k, v, &cli->include, err);
		} else if (sl_str_eq(k, "mandatory_checks")) {
			if (!cli->set_mandatory || cli->merge_configs)
				rc = take_list(path, k, v, &cli->mandatory, err);
		} else if (sl_str_eq(k, "regions")) {
			if (!cli->regions.n || cli->merge_configs)
				rc = take_list(path, k, v, &cli->regions, err);
		} else if (sl_str_eq(k, "append_rules")) {
			rc = take_list(path, k, v, &cli->append_rules, err);
		} else if (sl_str_eq(k, "merge_configs")) {
			rc = take_bool(path, k, v, &cli->merge_configs, cli->merge_configs, err);
		} else if (sl_str_eq(k, "no_unused_suppressions")) {
			rc = take_bool(path, k, v, &cli->no_unused_suppressions, cli->set_no_unused_suppressions, err);
		} else if (sl_str_eq(k, "include_experimental") || sl_str_eq(k, "info") || sl_str_eq(k, "debug")) {
			/* stacklint has no experimental rules and logs nothing: nothing to do */
			bool unused;
			rc = take_bool(path, k, v, &unused, false, err);
		} else if (sl_str_eq(k, "non_zero_exit_code")) {
			int level;
			if (!sl_node_is(v, SL_SCALAR) || sl_exit_level_parse(v->str, &level) < 0) {
				fprintf(err, "%s:%u:%u: 'non_zero_exit_code' must be informational, warning, error or none\n",
					path, sl_cli_pos(v).line, sl_cli_pos(v).column);
				rc = 1;
			} else if (!cli->set_exit_level) {
				cli->exit_level = level;
			}
		} else if (sl_str_eq(k, "ignore_bad_template")) {
			int b = sl_node_is(v, SL_SCALAR) ? sl_scalar_bool(v) : -1;
			if (b < 0) {
				fprintf(err, "%s:%u:%u: 'ignore_bad_template' must be true or false\n", path,
					sl_cli_pos(v).line, sl_cli_pos(v).column);
				rc = 1;
			} else if (!cli->set_ignore_bad_template) {
				cli->ignore_bad_template = b == 1;
			}
		} else if (sl_str_eq(k, "output_file")) {
			if (!sl_node_is(v, SL_SCALAR) || sl_scalar_type(v) == SL_TYPE_NULL || !v->len) {
				fprintf(err, "%s:%u:%u: 'output_file' must be a file name\n", path, sl_cli_pos(v).line,
					sl_cli_pos(v).column);
				rc = 1;
			} else if (!cli->set_output_file) {
				/* the file's text goes with the arena: keep a copy */
				cli->output_file_owned = strdup(v->str);
				cli->output_file = cli->output_file_owned;
				if (!cli->output_file)
					rc = 1;
			}
		} else if (sl_str_eq(k, "custom_rules")) {
			/* a path from the current directory, as cfn-lint opens it ("": none) */
			if (!sl_node_is(v, SL_SCALAR) || sl_scalar_type(v) == SL_TYPE_NULL) {
				fprintf(err, "%s:%u:%u: 'custom_rules' must be the name of a custom rules file\n",
					path, sl_cli_pos(v).line, sl_cli_pos(v).column);
				rc = 1;
			} else if (!cli->custom_rules && v->len) {
				cli->custom_rules_owned = strdup(v->str);
				cli->custom_rules = cli->custom_rules_owned;
				if (!cli->custom_rules)
					rc = 1;
			}
		} else if (sl_str_eq(k, "override_spec") || sl_str_eq(k, "registry_schemas")) {
			rc = take_spec_layers(cli, path, k, v, err);
		} else if (sl_str_eq(k, "format")) {
			if (!sl_node_is(v, SL_SCALAR) || sl_format_parse(v->str, &cli->format_cfg) < 0) {
				fprintf(err, "%s:%u:%u: 'format' must be one of text, json, parseable, sarif, junit, github, pretty, quiet, standard\n",
					path, sl_cli_pos(v).line, sl_cli_pos(v).column);
				rc = 1;
			} else if (!cli->set_format) {
				cli->format = cli->format_cfg;
			}
		} else if (sl_str_eq(k, "column_unit")) {
			enum sl_column_unit u;
			if (!sl_node_is(v, SL_SCALAR) || sl_column_unit_parse(v->str, &u) < 0) {
				fprintf(err, "%s:%u:%u: 'column_unit' must be char, byte or utf16\n",
					path, sl_cli_pos(v).line, sl_cli_pos(v).column);
				rc = 1;
			} else if (!cli->set_column_unit) {
				cli->column_unit = u;
			}
		} else if (sl_str_eq(k, "lint_date")) {
			uint32_t d = 0;
			/* an unquoted date is a YAML timestamp: its text is what counts */
			if (!sl_node_is(v, SL_SCALAR) || !sl_date_parse(v->str, v->len, &d)) {
				fprintf(err, "%s:%u:%u: 'lint_date' must be a date as YYYY-MM-DD (for example 2026-12-06)\n",
					path, sl_cli_pos(v).line, sl_cli_pos(v).column);
				rc = 1;
			} else if (!cli->set_lint_date) {
				cli->lint_date = d;
			}
		} else if (sl_str_eq(k, "configure_rules")) {
			rc = sl_cli_rule_options_config(cli, path, v, err);
		} else if (sl_str_eq(k, "build_graph")) {
			/* stacklint's key (cfn-lint takes -g on the command line only) */
			int b = sl_node_is(v, SL_SCALAR) ? sl_scalar_bool(v) : -1;
			if (b < 0) {
				fprintf(err, "%s:%u:%u: 'build_graph' must be true or false\n", path, sl_cli_pos(v).line,
					sl_cli_pos(v).column);
				rc = 1;
			} else if (b) {
				cli->build_graph = true;
			}
		} else if (sl_str_eq(k, "jobs")) {
			char *end = NULL;
			long j = sl_node_is(v, SL_SCALAR) ? strtol(v->str, &end, 10) : -1;
			if (!end || *end || end == v->str || j < 0 || j > 1024) {
				fprintf(err, "%s:%u:%u: 'jobs' must be a number from 0 (all cores) to 1024\n", path,
					sl_cli_pos(v).line, sl_cli_pos(v).column);
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
				sl_cli_notice(cli, "%s:%u:%u: '%s' is a cfn-lint setting that stacklint does not use; ignored",
					      path, sl_cli_pos(k).line, sl_cli_pos(k).column, k->str);
			else
				sl_cli_notice(cli, "%s:%u:%u: unknown setting '%s'; ignored", path,
					      sl_cli_pos(k).line, sl_cli_pos(k).column, k->str);
		}
		if (rc)
			return rc;
	}
	return 0;
}

/* A YAML alias (*name) means the node its anchor marks, and a merge key (<<)
 * copies a mapping's pairs: the loader expands neither (CloudFormation accepts
 * neither, and an alias bomb must stay small), so a configuration that uses
 * one would be read as something it does not say. It is refused, with the
 * place, rather than read otherwise (a configuration is short: write the
 * value out). Walks the tree with an explicit stack, as the loader does.
 * Returns 0, or 1 after a message. */
static int refuse_aliases(const char *path, const struct sl_node *root, FILE *err)
{
	const struct sl_node **stack = malloc(64 * sizeof(*stack));
	size_t n = 0, cap = 64;
	if (!stack)
		return 1;
	stack[n++] = root;
	int rc = 0;
	while (n && !rc) {
		const struct sl_node *x = stack[--n];
		if (x->flags & SL_NODE_ALIAS) {
			fprintf(err, "%s:%u:%u: YAML alias '*%s': stacklint does not expand aliases in a "
				"configuration; write the value out\n", path, sl_cli_pos(x).line, sl_cli_pos(x).column, x->str);
			rc = 1;
			break;
		}
		if (x->kind == SL_SCALAR)
			continue;
		size_t kids = x->kind == SL_MAP ? 2 * (size_t)x->len : x->len;
		if (n + kids > cap) {
			size_t nc = (n + kids) * 2;
			const struct sl_node **p = realloc(stack, nc * sizeof(*stack));
			if (!p) {
				rc = 1;
				break;
			}
			stack = p;
			cap = nc;
		}
		/* pushed last first: the first alias in the file is the one named */
		for (size_t i = x->len; i-- > 0;) {
			if (x->kind == SL_SEQ) {
				stack[n++] = x->items[i];
				continue;
			}
			const struct sl_node *k = x->pairs[i].key;
			if (k->style == SL_PLAIN && k->len == 2 && memcmp(k->str, "<<", 2) == 0) {
				fprintf(err, "%s:%u:%u: YAML merge key '<<': stacklint does not merge mappings "
					"in a configuration; write the keys out\n", path, sl_cli_pos(k).line, sl_cli_pos(k).column);
				rc = 1;
				break;
			}
			stack[n++] = x->pairs[i].value;
			stack[n++] = k;
		}
	}
	free(stack);
	return rc;
}

/* Reads one configuration file into cli (see struct layer). Returns 0, or 1
 * after a message. */
static int load_one(struct sl_cli *cli, const char *path, FILE *err, struct layer *ly)
{
	size_t len;
	char *buf = NULL;
	/* a configuration is small: the template limit bounds it too */
	size_t max = cli->max_size ? cli->max_size : SL_DEFAULT_MAX_SIZE;
	if (max > SL_MAX_INPUT_SIZE)
		max = SL_MAX_INPUT_SIZE;
	int got = sl_read_regular(path, max, &buf, &len);
	if (got != 0) {
		if (got > 0)
			fprintf(err, "stacklint: configuration '%s' is %zu bytes, over the limit of %zu "
				"(--max-size)\n", path, len, max);
		else
			fprintf(err, "stacklint: cannot read configuration '%s': %s\n", path,
				errno == EINVAL ? "not a regular file" : strerror(errno));
		free(buf);
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
		sl_cli_doc = &doc;
		if (!rc && doc.root)
			rc = refuse_aliases(path, doc.root, err);
		if (!rc && doc.root && !(doc.root->kind == SL_SCALAR && sl_scalar_type(doc.root) == SL_TYPE_NULL))
			rc = apply(cli, path, doc.root, err, ly);
		sl_cli_doc = NULL;
	}
	sl_arena_free(&a);
	free(buf);
	return rc;
}

int sl_config_load(struct sl_cli *cli, FILE *err)
{
	static const char *const defaults[] = { ".stacklintrc.yaml", ".stacklintrc.yml", ".stacklintrc",
						".cfnlintrc", ".cfnlintrc.yaml", ".cfnlintrc.yml", NULL };
	static const char *const home_names[] = { ".stacklintrc.yaml", ".stacklintrc.yml", ".cfnlintrc", NULL };
	struct layer ly = { 0 };
	int rc = 0;
	if (cli->config_path) {
		/* --config-file: that file alone, as cfn-lint reads it */
		rc = load_one(cli, cli->config_path, err, &ly);
		sl_strv_free(&ly.keys);
		return rc;
	}
	for (const char *const *p = defaults; *p; p++)
		if (access(*p, R_OK) == 0) {
			rc = load_one(cli, *p, err, &ly);
			break;
		}
	const char *home = getenv("HOME");
	if (!rc && home && *home) {
		ly.home = true;
		for (const char *const *p = home_names; *p; p++) {
			char *path = NULL;
			if (asprintf(&path, "%s/%s", home, *p) < 0) {
				rc = 1;
				break;
			}
			bool found = access(path, R_OK) == 0;
			/* the same file when stacklint runs in the home directory */
			bool same = found && access(*p, R_OK) == 0 && same_file(path, *p);
			if (found && !same)
				rc = load_one(cli, path, err, &ly);
			free(path);
			if (found)
				break;
		}
	}
	sl_strv_free(&ly.keys);
	return rc;
}
