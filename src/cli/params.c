/*
 * cfn-lint's parameter options (params.h): --parameters, --parameter-files,
 * --deployment-files and their configuration keys. Written from cfn-lint 1.x
 * (src/cfnlint/config.py: the options, their nargs and exclusions, and
 * ConfigMixIn.validate's refusals; src/cfnlint/runner/deployment_file and
 * parameter_file: how files become parameter sets).
 */
#include "cli/params.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load/load.h"
#include "util/arena.h"
#include "util/readfile.h"

static struct sl_cli_params *get(struct sl_cli *cli)
{
	if (!cli->params)
		cli->params = calloc(1, sizeof(*cli->params));
	return cli->params;
}

bool sl_params_looks_kv(const char *a)
{
	if (!isalnum((unsigned char)a[0]))
		return false;
	const char *p = a;
	while (isalnum((unsigned char)*p))
		p++;
	return *p == '=';
}

/* A copy of the len bytes at s without the whitespace around them. */
static char *trim_dup(const char *s, size_t len)
{
	while (len && isspace((unsigned char)*s))
		s++, len--;
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	return strndup(s, len);
}

static void free_set(struct sl_param_set *s)
{
	for (size_t i = 0; i < s->n_values; i++) {
		free((char *)s->values[i].key);
		free((char *)s->values[i].value);
	}
	free((struct sl_param_value *)s->values);
	free((char *)s->origin);
}

/* Appends set s (taking what it owns). Returns 0, or -1 (s freed). */
static int push_set(struct sl_cli_params *p, struct sl_param_set *s)
{
	if (p->n_sets == p->cap_sets) {
		size_t cap = p->cap_sets ? p->cap_sets * 2 : 4;
		struct sl_param_set *n = realloc(p->sets, cap * sizeof(*n));
		if (!n) {
			free_set(s);
			return -1;
		}
		p->sets = n;
		p->cap_sets = cap;
	}
	p->sets[p->n_sets++] = *s;
	return 0;
}

/* Sets value i of s, a later value for the same key replacing an earlier one
 * (cfn-lint keeps a set as a dict). Takes key and value. */
static void set_value(struct sl_param_value *vals, size_t *n, char *key, char *value)
{
	for (size_t i = 0; i < *n; i++) {
		if (strcmp(vals[i].key, key) == 0) {
			free(key);
			free((char *)vals[i].value);
			vals[i].value = value;
			return;
		}
	}
	vals[*n] = (struct sl_param_value){ key, value };
	(*n)++;
}

int sl_params_add_set(struct sl_cli *cli, const struct sl_strv *kv, FILE *err)
{
	struct sl_cli_params *p = get(cli);
	struct sl_param_value *vals = calloc(kv->n ? kv->n : 1, sizeof(*vals));
	struct sl_param_set s = { NULL, vals, 0 };
	if (!p || !vals) {
		free(vals);
		fprintf(err, "stacklint: out of memory\n");
		return 1;
	}
	for (size_t i = 0; i < kv->n; i++) {
		const char *a = kv->v[i], *eq = strchr(a, '=');
		char *key = eq ? trim_dup(a, (size_t)(eq - a)) : NULL;
		char *value = eq ? trim_dup(eq + 1, strlen(eq + 1)) : NULL;
		if (!eq || !key || !value || !*key) {
			if (!eq)
				fprintf(err, "stacklint: --parameters takes KEY=VALUE pairs (Env=prod), not '%s'\n", a);
			else if (key && value)
				fprintf(err, "stacklint: --parameters: '%s' names no parameter before '='\n", a);
			else
				fprintf(err, "stacklint: out of memory\n");
			free(key);
			free(value);
			free_set(&s);
			return 1;
		}
		set_value(vals, &s.n_values, key, value);
	}
	p->sets_from_cli = true;
	if (push_set(p, &s) < 0) {
		fprintf(err, "stacklint: out of memory\n");
		return 1;
	}
	return 0;
}

int sl_params_add_file(struct sl_cli *cli, bool deployment, const char *path)
{
	struct sl_cli_params *p = get(cli);
	if (!p)
		return 1;
	if (deployment)
		p->deployments_from_cli = true;
	else
		p->files_from_cli = true;
	return sl_strv_push(deployment ? &p->deployments : &p->files, path) < 0;
}

int sl_params_check(const struct sl_cli *cli, FILE *err)
{
	const struct sl_cli_params *p = cli->params;
	if (!p)
		return 0;
	bool sets = p->n_sets > 0, files = p->files.n > 0, dep = p->deployments.n > 0;
	if (dep && (cli->inputs.n || sets || files)) {
		fprintf(err, "stacklint: --deployment-files name the templates they deploy: they cannot be "
			"used with templates, --parameters or --parameter-files\n");
		return 1;
	}
	if (sets && files) {
		fprintf(err, "stacklint: give parameter values with --parameters or with "
			"--parameter-files, not both\n");
		return 1;
	}
	if ((sets || files) && cli->inputs.n > 1) {
		fprintf(err, "stacklint: %s: parameter values are for one template, and %zu are "
			"named: lint each template with its own values\n",
			sets ? "--parameters" : "--parameter-files", cli->inputs.n);
		return 1;
	}
	if (files && cli->inputs.n == 0) {
		/* argparse's nargs: without a '--', the template went to the list */
		fprintf(err, "stacklint: --parameter-files need a template: name it first, or end the "
			"list with '--' (--parameter-files prod.json -- template.yaml)\n");
		return 1;
	}
	return 0;
}

bool sl_params_config_key(const struct sl_node *k)
{
	return sl_str_eq(k, "parameters") || sl_str_eq(k, "parameter_files") ||
	       sl_str_eq(k, "deployment_files");
}

/* A set from a configuration mapping {KEY: VALUE}. Returns 0, or 1 after a
 * message. */
static int config_set(struct sl_cli_params *p, const char *path, const struct sl_node *m, FILE *err)
{
	struct sl_param_value *vals = calloc(m->len ? m->len : 1, sizeof(*vals));
	struct sl_param_set s = { NULL, vals, 0 };
	char origin[64];
	if (!vals)
		return 1;
	for (uint32_t i = 0; i < m->len; i++) {
		const struct sl_node *k = m->pairs[i].key, *v = m->pairs[i].value;
		if (!sl_node_is(v, SL_SCALAR) || sl_node_is_null(v)) {
			fprintf(err, "%s:%u:%u: the value of '%s' in 'parameters' must be a string, number or "
				"boolean\n", path, sl_cli_pos(v).line, sl_cli_pos(v).column, k->str);
			free_set(&s);
			return 1;
		}
		char *key = strndup(k->str, k->len), *value = strndup(v->str, v->len);
		if (!key || !value) {
			free(key);
			free(value);
			free_set(&s);
			return 1;
		}
		set_value(vals, &s.n_values, key, value);
	}
	snprintf(origin, sizeof(origin), ":%u:%u", sl_cli_pos(m).line, sl_cli_pos(m).column);
	size_t pl = strlen(path);
	char *o = malloc(sizeof("the parameters at ") + pl + strlen(origin));
	if (!o) {
		free_set(&s);
		return 1;
	}
	sprintf(o, "the parameters at %s%s", path, origin);
	s.origin = o;
	return push_set(p, &s) < 0;
}

static int config_list(const char *path, const struct sl_node *k, const struct sl_node *v,
		       struct sl_strv *out, FILE *err)
{
	if (sl_node_is(v, SL_SCALAR) && sl_scalar_type(v) == SL_TYPE_STRING && v->len)
		return sl_strv_push(out, v->str) < 0;
	for (uint32_t i = 0; sl_node_is(v, SL_SEQ) && i < v->len; i++) {
		const struct sl_node *f = v->items[i];
		if (!sl_node_is(f, SL_SCALAR) || sl_scalar_type(f) != SL_TYPE_STRING || !f->len) {
			fprintf(err, "%s:%u:%u: '%s' must be a list of file names\n", path, sl_cli_pos(f).line,
				sl_cli_pos(f).column, k->str);
			return 1;
		}
		if (sl_strv_push(out, f->str) < 0)
			return 1;
	}
	if (sl_node_is(v, SL_SEQ) || sl_node_is_null(v))
		return 0;
	fprintf(err, "%s:%u:%u: '%s' must be a file name or a list of them\n", path, sl_cli_pos(v).line,
		sl_cli_pos(v).column, k->str);
	return 1;
}

int sl_params_config(struct sl_cli *cli, const char *path, const struct sl_node *k,
		     const struct sl_node *v, FILE *err)
{
	struct sl_cli_params *p = get(cli);
	if (!p)
		return 1;
	/* values on the command line replace the configuration's, all three */
	if (p->sets_from_cli || p->files_from_cli || p->deployments_from_cli)
		return 0;
	if (sl_str_eq(k, "parameter_files"))
		return config_list(path, k, v, &p->files, err);
	if (sl_str_eq(k, "deployment_files"))
		return config_list(path, k, v, &p->deployments, err);
	/* parameters: one set (a mapping), or a list of sets */
	if (sl_node_is(v, SL_MAP))
		return config_set(p, path, v, err);
	for (uint32_t i = 0; sl_node_is(v, SL_SEQ) && i < v->len; i++) {
		if (!sl_node_is(v->items[i], SL_MAP)) {
			fprintf(err, "%s:%u:%u: each item of 'parameters' is a mapping of parameter names "
				"to values\n", path, sl_cli_pos(v->items[i]).line, sl_cli_pos(v->items[i]).column);
			return 1;
		}
		if (config_set(p, path, v->items[i], err))
			return 1;
	}
	if (sl_node_is(v, SL_SEQ) || sl_node_is_null(v))
		return 0;
	fprintf(err, "%s:%u:%u: 'parameters' must be a mapping of parameter names to values, or a "
		"list of such mappings\n", path, sl_cli_pos(v).line, sl_cli_pos(v).column);
	return 1;
}

bool sl_params_deploying(const struct sl_cli *cli)
{
	return cli->params && cli->params->deployments.n;
}

/* The parallel arrays of sl_files_expand(). */
struct lists {
	struct sl_strv *files;
	bool **cand;
	enum sl_file_kind **kinds;
	bool **forced;
	size_t **dir_of;
};

/* Appends path as a file of the given kind, always linted. Returns 0 or -1. */
static int append(const struct lists *l, const char *path, enum sl_file_kind kind)
{
	size_t n = l->files->n + 1;
	enum sl_file_kind *k = realloc(*l->kinds, n * sizeof(*k));
	if (k)
		*l->kinds = k;
	bool *f = realloc(*l->forced, n * sizeof(*f));
	if (f)
		*l->forced = f;
	size_t *d = realloc(*l->dir_of, n * sizeof(*d));
	if (d)
		*l->dir_of = d;
	bool *c = *l->cand ? realloc(*l->cand, n * sizeof(*c)) : NULL;
	if (c)
		*l->cand = c;
	if (!k || !f || !d || (*l->cand && !c) || sl_strv_push(l->files, path) < 0)
		return -1;
	k[n - 1] = kind;
	f[n - 1] = true;
	d[n - 1] = SIZE_MAX;
	if (c)
		c[n - 1] = false;
	return 0;
}

/* Expands names and glob patterns of parameter or deployment files into out,
 * as the inputs are (a pattern that matches nothing is an error). Returns 0,
 * or 1 after a message. */
static int expand_names(const struct sl_strv *names, const char *option, struct sl_strv *out, FILE *err)
{
	struct sl_cli tmp;
	memset(&tmp, 0, sizeof(tmp));
	int rc = 0;
	for (size_t i = 0; i < names->n; i++) {
		struct stat st;
		const char *n = names->v[i];
		if (strcmp(n, "-") == 0 || (stat(n, &st) == 0 && S_ISDIR(st.st_mode))) {
			fprintf(err, "stacklint: %s takes files, and '%s' is %s\n", option, n,
				n[0] == '-' ? "standard input" : "a directory");
			rc = 1;
			continue;
		}
		if (sl_strv_push(&tmp.inputs, n) < 0)
			rc = 1;
	}
	bool *cand = NULL, *forced = NULL;
	enum sl_file_kind *kinds = NULL;
	size_t *dir_of = NULL;
	if (tmp.inputs.n)
		rc |= sl_files_expand(&tmp, out, &cand, &kinds, &forced, &dir_of, err);
	free(cand);
	free(kinds);
	free(forced);
	free(dir_of);
	sl_strv_free(&tmp.inputs);
	return rc;
}

/* The template-file-path of the deployment file at path (malloc'd), or NULL
 * when the file cannot be read or has none (E0000 or E0100 say so when it is
 * linted). *line and *col get the value's place. */
static char *template_path(const char *path, size_t max, uint32_t *line, uint32_t *col)
{
	char *buf = NULL, *out = NULL;
	size_t len;
	if (sl_read_regular(path, max, &buf, &len) != 0)
		return NULL;
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc doc;
	struct sl_load_opts lo = { SL_BACKEND_DEFAULT, max };
	if (sl_load(&doc, &a, buf, len, &lo) == 0 && !doc.failed) {
		const struct sl_node *v = sl_map_get(doc.root, "template-file-path");
		if (sl_node_is(v, SL_SCALAR) && sl_scalar_type(v) == SL_TYPE_STRING && v->len &&
		    !memchr(v->str, '\0', v->len)) {
			out = strndup(v->str, v->len);
			struct sl_position at = sl_doc_pos(&doc, v->start);
			*line = at.line;
			*col = at.column;
		}
	}
	sl_arena_free(&a);
	free(buf);
	return out;
}

int sl_params_expand(struct sl_cli *cli, struct sl_options *opts, struct sl_strv *files, bool **cand,
		     enum sl_file_kind **kinds, bool **forced, size_t **dir_of, FILE *err)
{
	struct sl_cli_params *p = cli->params;
	if (!p)
		return 0;
	const struct lists l = { files, cand, kinds, forced, dir_of };
	int rc = 0;
	for (size_t i = 0; i < p->n_sets; i++) {
		if (p->sets[i].origin)
			continue; /* the configuration's: named by place */
		char o[48];
		if (p->n_sets > 1)
			snprintf(o, sizeof(o), "--parameters (set %zu)", i + 1);
		else
			snprintf(o, sizeof(o), "--parameters");
		if (!(p->sets[i].origin = strdup(o)))
			return 1;
	}
	/* values from files override the others, as cfn-lint's do */
	bool from_files = p->files.n || p->deployments.n;
	opts->param_sets = from_files ? NULL : p->sets;
	opts->n_param_sets = from_files ? 0 : p->n_sets;
	size_t max = cli->max_size ? cli->max_size : SL_DEFAULT_MAX_SIZE;
	if (p->files.n) {
		opts->param_files = true;
		if (files->n != 1 || strcmp(files->v[0], "-") == 0) {
			fprintf(err, "stacklint: parameter files give values for one template file, and %s: "
				"name exactly one\n", files->n == 1 ? "standard input cannot be read twice"
				: files->n ? "several files are to be linted" : "none is to be linted");
			return 1;
		}
		opts->param_template = files->v[0];
		struct sl_strv pf = { 0 };
		rc |= expand_names(&p->files, "--parameter-files", &pf, err);
		for (size_t i = 0; i < pf.n; i++)
			if (append(&l, pf.v[i], SL_FILE_PARAMETERS) < 0)
				rc = 1;
		sl_strv_free(&pf);
	}
	if (!p->deployments.n)
		return rc;
	opts->param_files = true;
	struct sl_strv df = { 0 }, seen = { 0 };
	rc |= expand_names(&p->deployments, "--deployment-files", &df, err);
	char real[PATH_MAX];
	for (size_t i = 0; i < files->n; i++)
		if (strcmp(files->v[i], "-") != 0 && realpath(files->v[i], real) && sl_strv_push(&seen, real) < 0)
			rc = 1;
	for (size_t i = 0; i < df.n; i++) {
		if (append(&l, df.v[i], SL_FILE_DEPLOYMENT) < 0) {
			rc = 1;
			continue;
		}
		uint32_t line = 0, col = 0;
		char *t = template_path(df.v[i], max, &line, &col);
		struct stat st;
		if (!t)
			continue;
		if (stat(t, &st) != 0 || !S_ISREG(st.st_mode) || !realpath(t, real)) {
			fprintf(err, "stacklint: %s:%u:%u: template-file-path '%s' names no template file "
				"(it is read from the current directory, as cfn-lint reads it)\n", df.v[i],
				line, col, t);
			rc = 1;
			free(t);
			continue;
		}
		bool dup = false;
		for (size_t k = 0; k < seen.n && !dup; k++)
			dup = strcmp(seen.v[k], real) == 0;
		const char *shown = t; /* ./app.yaml is app.yaml, as cfn-lint names it */
		while (shown[0] == '.' && shown[1] == '/')
			shown += 2;
		if (!dup && (sl_strv_push(&seen, real) < 0 || append(&l, shown, SL_FILE_TEMPLATE) < 0))
			rc = 1;
		free(t);
	}
	sl_strv_free(&df);
	sl_strv_free(&seen);
	return rc;
}

void sl_params_free(struct sl_cli_params *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->n_sets; i++)
		free_set(&p->sets[i]);
	free(p->sets);
	sl_strv_free(&p->files);
	sl_strv_free(&p->deployments);
	free(p);
}
