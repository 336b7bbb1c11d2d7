/* Command-line parsing with getopt_long, and the --help text. */
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/ruleopts.h"
#include "custom/custom.h"
#include "load/column.h"
#include "cli/params.h"
#include "util/date.h"

int sl_strv_push(struct sl_strv *s, const char *str)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 8;
		char **p = realloc(s->v, cap * sizeof(*p));
		if (!p)
			return -1;
		s->v = p;
		s->cap = cap;
	}
	s->v[s->n] = strdup(str);
	if (!s->v[s->n])
		return -1;
	s->n++;
	return 0;
}

int sl_strv_push_split(struct sl_strv *s, const char *str)
{
	const char *p = str;
	while (*p) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		size_t l = strcspn(p, ", \t");
		if (l) {
			char *part = strndup(p, l);
			if (!part || sl_strv_push(s, part) < 0) {
				free(part);
				return -1;
			}
			free(part);
		}
		p += l;
	}
	return 0;
}

struct strv_entry {
	const char *str;
	size_t index;
};

static int strv_entry_cmp(const void *a, const void *b)
{
	const struct strv_entry *x = a, *y = b;
	int c = strcmp(x->str, y->str);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

int sl_strv_dedupe(struct sl_strv *s)
{
	if (s->n < 2)
		return 0;
	struct strv_entry *e = malloc(s->n * sizeof(*e));
	bool *drop = calloc(s->n, sizeof(*drop));
	if (!e || !drop) {
		free(e);
		free(drop);
		return -1;
	}
	for (size_t i = 0; i < s->n; i++)
		e[i] = (struct strv_entry){ s->v[i], i };
	qsort(e, s->n, sizeof(*e), strv_entry_cmp);
	for (size_t i = 1; i < s->n; i++)
		drop[e[i].index] = strcmp(e[i].str, e[i - 1].str) == 0;
	size_t k = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (drop[i])
			free(s->v[i]);
		else
			s->v[k++] = s->v[i];
	}
	s->n = k;
	free(e);
	free(drop);
	return 0;
}

void sl_strv_free(struct sl_strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	memset(s, 0, sizeof(*s));
}

void sl_cli_usage(FILE *out)
{
	fputs(
"Usage: stacklint [OPTIONS] [TEMPLATE|DIRECTORY|GLOB|-]...\n"
"       stacklint lsp [OPTIONS]   the language server on stdin/stdout (docs/editors.md)\n"
"\n"
"Lint AWS CloudFormation and AWS SAM templates (YAML or JSON), and the files\n"
"that deploy with them, recognised by name: appspec.yml/.yaml/.json (CodeDeploy),\n"
"samconfig.toml/.yaml/.yml (SAM CLI), Dockerrun.aws.json, env.yaml, cron.yaml and\n"
".ebextensions/*.config (Elastic Beanstalk).\n"
"\n"
"Inputs:\n"
"  TEMPLATE              a template (or side) file; always linted\n"
"  DIRECTORY             searched recursively for *.yaml, *.yml, *.json, *.template\n"
"                        and the side files above; a file found this way is linted\n"
"                        when it is a side file or a template (a mapping with\n"
"                        Resources, AWSTemplateFormatVersion or Transform)\n"
"  GLOB                  a quoted pattern, '**' spans directories: 'stacks/**/*.yaml'\n"
"  -                     read one template from standard input\n"
"  With no input, the `templates` of the configuration file are linted.\n"
"\n"
"Options:\n"
"  -t, --template TEMPLATE...  templates to lint, as the inputs above (cfn-lint's\n"
"                        form; several may follow one -t)\n"
"  -f, --format FORMAT   text (default), json (cfn-lint's fields), parseable,\n"
"                        sarif (SARIF 2.1.0), junit, github (workflow annotations),\n"
"                        pretty, quiet, standard (cfn-lint's layouts; standard,\n"
"                        its default, is the default when stacklint runs under\n"
"                        the name cfn-lint)\n"
"  -i, --ignore-checks IDS...  rule IDs or prefixes to skip (W,E30,E3038); several\n"
"                        may follow, comma-separated or as separate arguments\n"
"  -c, --include-checks IDS...  rule IDs or prefixes to run although off by\n"
"                        default (informational rules: -c I)\n"
"  -m, --mandatory-checks IDS...  rules that template Metadata cannot switch off\n"
"  -r, --regions REGION...  the AWS Regions to judge (ALL_REGIONS: every one;\n"
"                        default $AWS_REGION, else $AWS_DEFAULT_REGION, else\n"
"                        us-east-1): E99530, E99531 judge each one named\n"
"                        (docs/regions.md)\n"
"                        After -t, -i, -c, -m, -r and --ignore-templates, as in\n"
"                        cfn-lint, every argument up to the next option or '--'\n"
"                        is a value when a '--' follows (-i W2001 W8001 -- t.yaml);\n"
"                        without one, only rule IDs (for -i, -c, -m) and region\n"
"                        names (for -r) are, so -i W2001 t.yaml lints t.yaml\n"
"      --severity LEVEL  report only this level and above: error, warning, info\n"
"      --non-zero-exit-code LEVEL  the lowest level whose findings make the exit\n"
"                        status non-zero: informational (default; or info),\n"
"                        warning, error, none (findings are still printed)\n"
"      --config FILE, --config-file FILE  read this configuration file instead\n"
"                        of ./.stacklintrc.yaml or ./.cfnlintrc\n"
"      --output-file FILE  write the report to FILE instead of standard output\n"
"  -z, --custom-rules FILE  cfn-lint's custom rules, one a line, such as\n"
"                        AWS::EC2::Instance InstanceType != p3.2xlarge; the rule on\n"
"                        line N is E(9000+N), or W with WARN (docs/custom-rules.md)\n"
"      --stdin-filename NAME  name to show for the template read from '-' (a\n"
"                        side file's name, such as appspec.yml, also tells its kind)\n"
"      --ignore-templates GLOB  skip templates matching GLOB (repeatable; replaces\n"
"                        the configuration file's ignore_templates)\n"
"      --only-templates  lint named files too only when they are templates or side\n"
"                        files (for pre-commit hooks that pass every YAML/JSON file)\n"
"      --file-type KIND  lint the files named (and '-') as KIND, whatever their\n"
"                        names: template, appspec, samconfig, dockerrun, eb-env,\n"
"                        eb-cron, ebextension, parameters, deployment (default:\n"
"                        told by each file's name)\n"
"      --parameters KEY=VALUE...  lint the template with these parameter values\n"
"                        (E2900); each use of the option is one set of values\n"
"      --parameter-files FILE...  parameter files for the one template named:\n"
"                        [{ParameterKey, ParameterValue}], [\"KEY=VALUE\"] or\n"
"                        {Parameters: {...}}; checked in the files (E0200, E2900)\n"
"      --deployment-files FILE...  Git sync deployment files: each is checked\n"
"                        (E0100, E2900) and its template-file-path linted\n"
"                        (see docs/parameters.md)\n"
"  -x, --configure-rule RULE:key=value...  set a rule option, as cfn-lint:\n"
"                        E3012:strict=true, I3042:region=true, E3031:exceptions=RE\n"
"                        (docs/configure-rules.md lists them all)\n"
"  -g, --build-graph     write each template's resource graph beside it, as\n"
"                        <template>.dot in Graphviz's DOT language (docs/graph.md)\n"
"  -b, --ignore-bad-template  report nothing (no E0000) for files that do not parse\n"
"  -j, --jobs N          lint N files in parallel (default: all cores); output is\n"
"                        the same whatever N is\n"
"      --max-size BYTES  refuse larger files (default 50M; suffixes K, M)\n"
"      --spec FILE       lint against this resource specification (the compact\n"
"                        format of tools/gen_spec.py) instead of the built-in one\n"
"  -o, --override-spec FILE  cfn-lint's override spec (JSON): IncludeResourceTypes,\n"
"                        ExcludeResourceTypes, Patches (docs/override-spec.md)\n"
"  -s, --registry-schemas DIR...  resource types (private or third-party) from the\n"
"                        registry schemas (*.json) in these directories\n"
"      --lint-date DATE  take DATE (YYYY-MM-DD) as today for the rules that depend\n"
"                        on the date (such as Lambda runtime deprecation: W2531,\n"
"                        E2531, E2533); default: the current date (UTC)\n"
"      --color WHEN      auto (default: on a terminal), always, never\n"
"      --column-unit UNIT  what columns count: char (default, cfn-lint's:\n"
"                        characters), byte (UTF-8 bytes: Vim, Neovim, ALE,\n"
"                        errorformat) or utf16 (UTF-16 code units: LSP, VS Code)\n"
"      --exit-zero       exit 0 even when problems are found (I/O errors still exit 1)\n"
"      --yaml-backend B  libyaml or libfyaml (default chosen at build time)\n"
"  -l, --list-rules      list every rule: ID, level, title\n"
"  -L, --list-templates  list the files that would be linted (templates and side\n"
"                        files), one per line, and report nothing\n"
"      --merge-configs   add up the lists (ignore_checks, ...) of the command line,\n"
"                        the project's and the home directory's configuration\n"
"                        instead of letting the first that sets one win\n"
"      --no-unused-suppressions  do not report suppression comments that\n"
"                        suppress nothing (W99000)\n"
"      --explain ID      print a rule's documentation ('all' for every rule, as Markdown)\n"
"  -v, --version         print the version\n"
"  -h, --help            print this help\n"
"\n"
"Accepted for cfn-lint's command lines:\n"
"  -u, --update-specs, -p, --patch-specs  the specification is compiled in: print\n"
"                        how to update it (tools/update-spec.sh), exit 0\n"
"  -D, --debug, -I, --info  cfn-lint's log levels: stacklint logs nothing\n"
"  -e, --include-experimental  stacklint has no experimental rules\n"
"  -a, --append-rules DIR...  cfn-lint's Python rules cannot run here: a notice\n"
"                        says so (use custom rules, -z, for property checks)\n"
"\n"
"Exit status (as cfn-lint): a bitmask of 2 (errors), 4 (warnings) and\n"
"8 (informational) found; 0 when clean; 1 for a usage or I/O failure.\n"
"\n"
"Suppress in a template with Metadata: {cfn-lint: {config: {ignore_checks: [ID]}}}\n"
"at the top level or on one resource, or in YAML with a comment:\n"
"  Key: value  # stacklint: disable=E3012,W3      (this line)\n"
"  # stacklint: disable-next-line=E3012            (the next line)\n"
"  # stacklint: disable=E3012 ... # stacklint: enable=E3012   (a block)\n"
"  # stacklint: disable-file=W                     (the whole file)\n", out);
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	if (*s < '0' || *s > '9')
		return -1;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s)
		return -1;
	unsigned shift = 0;
	if (*end == 'k' || *end == 'K')
		shift = 10, end++;
	else if (*end == 'm' || *end == 'M')
		shift = 20, end++;
	else if (*end == 'g' || *end == 'G')
		shift = 30, end++;
	if (*end || v > (SIZE_MAX >> shift)) /* 99999999999G must not wrap to a small size */
		return -1;
	v <<= shift;
	*out = (size_t)v;
	return 0;
}

enum {
	OPT_SEVERITY = 256, OPT_CONFIG, OPT_STDIN_NAME, OPT_IGNORE_TEMPLATES, OPT_MAX_SIZE, OPT_COLOR,
	OPT_EXIT_ZERO, OPT_BACKEND, OPT_EXPLAIN, OPT_ONLY_TEMPLATES, OPT_SPEC,
	OPT_LINT_DATE, OPT_FILE_TYPE, OPT_NON_ZERO_EXIT, OPT_OUTPUT_FILE,
	OPT_PARAMETERS, OPT_PARAMETER_FILES, OPT_DEPLOYMENT_FILES,
	OPT_NO_UNUSED_SUPPRESSIONS, OPT_MERGE_CONFIGS,
	OPT_COLUMN_UNIT,
};

int sl_exit_level_parse(const char *word, int *out)
{
	if (strcmp(word, "informational") == 0 || strcmp(word, "info") == 0)
		*out = SL_SEV_INFO;
	else if (strcmp(word, "warning") == 0)
		*out = SL_SEV_WARNING;
	else if (strcmp(word, "error") == 0)
		*out = SL_SEV_ERROR;
	else if (strcmp(word, "none") == 0)
		*out = SL_EXIT_LEVEL_NONE;
	else
		return -1;
	return 0;
}

/* cfn-lint's options that take several values (argparse nargs='+'): -t, -i, -c,
 * -m, -r, --ignore-templates. argparse gives such an option every following
 * argument up to the next option or '--', so `cfn-lint -i W2001 t.yaml` reads
 * t.yaml as a second rule ID and, with no template left, lints standard input.
 * stacklint takes the same values as argparse when a '--' follows on the command
 * line (the form cfn-lint documents: `-i W2001 W8001 -- t.yaml`). Without one, it
 * takes only the following arguments that are values of the option's kind — rule
 * IDs or prefixes for -i/-c/-m, region names for -r, anything for -t (templates
 * either way) — so that `-i W2001 t.yaml` lints t.yaml, as it always has. */
enum more { MORE_NONE, MORE_IDS, MORE_REGIONS, MORE_ANY, MORE_KV, MORE_RULEOPT };

static bool looks_like_option(const char *a)
{
	return a[0] == '-' && a[1] != '\0';
}

/* "E3012", "W", "I30" — or a comma-separated list of them. */
static bool looks_like_ids(const char *a)
{
	const char *p = a;
	if (!*p)
		return false;
	while (*p) {
		if (*p != 'E' && *p != 'W' && *p != 'I')
			return false;
		p++;
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == ',')
			p++;
		else if (*p)
			return false;
	}
	return true;
}

/* "us-east-1", "us-gov-west-1", "ALL_REGIONS" — or a comma-separated list. */
static bool looks_like_regions(const char *a)
{
	if (strncmp(a, "ALL_REGIONS", 11) == 0 && (a[11] == '\0' || a[11] == ','))
		return a[11] == '\0' || looks_like_regions(a + 12);
	size_t l = strspn(a, "abcdefghijklmnopqrstuvwxyz-0123456789");
	if (l < 4 || a[l - 1] < '0' || a[l - 1] > '9' || !strchr(a, '-'))
		return false;
	if (a[l] == ',')
		return looks_like_regions(a + l + 1);
	return a[l] == '\0';
}

/* "E3012:strict=true" — or a comma-separated list of such settings. */
static bool looks_like_ruleopt(const char *a)
{
	if (*a != 'E' && *a != 'W' && *a != 'I')
		return false;
	size_t d = strspn(a + 1, "0123456789");
	return d > 0 && a[1 + d] == ':' && strchr(a + 1 + d, '=') != NULL;
}

/* Index of the first "--" in argv, or argc when there is none. */
static int dashdash_index(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0)
			return i;
	return argc;
}

/* Takes the further values of a multi-value option (see `enum more`) from
 * argv[optind...], advancing optind past them; getopt treats them as the
 * option's own arguments from then on. Only when the option's value was a
 * separate argument: argparse too takes one value from `-iW2001` or
 * `--ignore-checks=W2001`. Returns 0, or -1 when memory runs out. */
static int take_more(struct sl_strv *s, bool split, enum more kind, int argc, char **argv, int dashdash)
{
	if (optind < 2 || argv[optind - 1] != optarg)
		return 0;
	while (optind < argc && !looks_like_option(argv[optind])) {
		const char *a = argv[optind];
		bool ok = dashdash < argc || kind == MORE_ANY ||
			  (kind == MORE_IDS && looks_like_ids(a)) ||
			  (kind == MORE_REGIONS && looks_like_regions(a)) ||
			  (kind == MORE_KV && sl_params_looks_kv(a)) ||
			  (kind == MORE_RULEOPT && looks_like_ruleopt(a));
		if (!ok)
			break;
		if ((split ? sl_strv_push_split(s, a) : sl_strv_push(s, a)) < 0)
			return -1;
		optind++;
	}
	return 0;
}

int sl_cli_parse(struct sl_cli *cli, int argc, char **argv, FILE *err)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "ignore-checks", required_argument, NULL, 'i' },
		{ "include-checks", required_argument, NULL, 'c' },
		{ "mandatory-checks", required_argument, NULL, 'm' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "version", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ "severity", required_argument, NULL, OPT_SEVERITY },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "stdin-filename", required_argument, NULL, OPT_STDIN_NAME },
		{ "ignore-templates", required_argument, NULL, OPT_IGNORE_TEMPLATES },
		{ "max-size", required_argument, NULL, OPT_MAX_SIZE },
		{ "color", required_argument, NULL, OPT_COLOR },
		{ "colour", required_argument, NULL, OPT_COLOR },
		{ "exit-zero", no_argument, NULL, OPT_EXIT_ZERO },
		{ "yaml-backend", required_argument, NULL, OPT_BACKEND },
		{ "explain", required_argument, NULL, OPT_EXPLAIN },
		{ "only-templates", no_argument, NULL, OPT_ONLY_TEMPLATES },
		{ "spec", required_argument, NULL, OPT_SPEC },
		{ "override-spec", required_argument, NULL, 'o' },
		{ "registry-schemas", required_argument, NULL, 's' },
		{ "lint-date", required_argument, NULL, OPT_LINT_DATE },
		{ "file-type", required_argument, NULL, OPT_FILE_TYPE },
		/* cfn-lint's names */
		{ "template", required_argument, NULL, 't' },
		{ "config-file", required_argument, NULL, OPT_CONFIG },
		{ "non-zero-exit-code", required_argument, NULL, OPT_NON_ZERO_EXIT },
		{ "output-file", required_argument, NULL, OPT_OUTPUT_FILE },
		{ "list-rules", no_argument, NULL, 'l' },
		{ "regions", required_argument, NULL, 'r' },
		{ "ignore-bad-template", no_argument, NULL, 'b' },
		{ "update-specs", no_argument, NULL, 'u' },
		{ "patch-specs", no_argument, NULL, 'p' },
		{ "debug", no_argument, NULL, 'D' },
		{ "info", no_argument, NULL, 'I' },
		{ "include-experimental", no_argument, NULL, 'e' },
		{ "custom-rules", required_argument, NULL, 'z' },
		{ "build-graph", no_argument, NULL, 'g' },
		{ "configure-rule", required_argument, NULL, 'x' },
		{ "parameters", required_argument, NULL, OPT_PARAMETERS },
		{ "parameter-files", required_argument, NULL, OPT_PARAMETER_FILES },
		{ "deployment-files", required_argument, NULL, OPT_DEPLOYMENT_FILES },
		{ "no-unused-suppressions", no_argument, NULL, OPT_NO_UNUSED_SUPPRESSIONS },
		{ "list-templates", no_argument, NULL, 'L' },
		{ "append-rules", required_argument, NULL, 'a' },
		{ "merge-configs", no_argument, NULL, OPT_MERGE_CONFIGS },
		{ "column-unit", required_argument, NULL, OPT_COLUMN_UNIT },
		{ NULL, 0, NULL, 0 },
	};
	memset(cli, 0, sizeof(*cli));
	cli->color = -1;
	/* run under cfn-lint's name (a symlink a tool calls), print cfn-lint's
	 * default layout unless a format is asked for: what reads it (a
	 * problem matcher, a script) keeps working */
	const char *base = argc > 0 && argv[0] ? strrchr(argv[0], '/') : NULL;
	base = base ? base + 1 : argc > 0 && argv[0] ? argv[0] : "";
	if (strcmp(base, "cfn-lint") == 0)
		cli->format = SL_FMT_STANDARD;
	cli->min_severity = SL_SEV_INFO;
	cli->exit_level = SL_SEV_INFO;
	opterr = 0;
	optind = 1;
	int dashdash = dashdash_index(argc, argv);
	int ch;
	while ((ch = getopt_long(argc, argv, ":f:i:c:m:j:t:r:z:x:o:s:a:vhlLgbupDIe", longopts, NULL)) != -1) {
		/* `--stdin-filename --format json`: the next argument is an option,
		 * not this one's value (argparse refuses it too; a negative number
		 * stays a value, and --opt=-x passes a value that starts with '-') */
		if (optarg && optind >= 2 && argv[optind - 1] == optarg && looks_like_option(optarg) &&
		    !(optarg[1] >= '0' && optarg[1] <= '9')) {
			fprintf(err, "stacklint: option '%s' needs a value, but '%s' follows it (see stacklint --help)\n",
				argv[optind - 2], optarg);
			return 1;
		}
		switch (ch) {
		case 't':
			if (sl_strv_push(&cli->inputs, optarg) < 0 ||
			    take_more(&cli->inputs, false, MORE_ANY, argc, argv, dashdash) < 0)
				return 1;
			break;
		case 'r':
			cli->set_regions = true;
			if (sl_strv_push_split(&cli->regions, optarg) < 0 ||
			    take_more(&cli->regions, true, MORE_REGIONS, argc, argv, dashdash) < 0)
				return 1;
			break;
		case 'l':
			cli->list_rules = true;
			break;
		case 'L':
			cli->list_templates = true;
			break;
		case 'a':
			/* cfn-lint's Python rule directories or modules: they cannot
			 * run here; the run says so (sl_cli_notice), once */
			if (sl_strv_push(&cli->append_rules, optarg) < 0 ||
			    take_more(&cli->append_rules, false, MORE_NONE, argc, argv, dashdash) < 0)
				return 1;
			break;
		case OPT_NO_UNUSED_SUPPRESSIONS:
			cli->no_unused_suppressions = true;
			cli->set_no_unused_suppressions = true;
			break;
		case OPT_MERGE_CONFIGS:
			cli->merge_configs = true;
			break;
		case 'b':
			cli->ignore_bad_template = true;
			cli->set_ignore_bad_template = true;
			break;
		case 'u':
		case 'p':
			cli->update_specs = true;
			break;
		case 'D':
		case 'I':
		case 'e':
			/* cfn-lint's logging levels, and its experimental rules: stacklint
			 * logs nothing and has no experimental rules */
			break;
		case OPT_NON_ZERO_EXIT:
			if (sl_exit_level_parse(optarg, &cli->exit_level) < 0) {
				fprintf(err, "stacklint: --non-zero-exit-code takes informational (or info), warning, "
					"error or none, not '%s'\n", optarg);
				return 1;
			}
			cli->set_exit_level = true;
			break;
		case OPT_PARAMETERS: {
			/* one set of values per use, as cfn-lint's nargs='+' */
			struct sl_strv kv = { 0 };
			int bad = sl_strv_push(&kv, optarg) < 0 ||
				  take_more(&kv, false, MORE_KV, argc, argv, dashdash) < 0 ||
				  sl_params_add_set(cli, &kv, err) != 0;
			sl_strv_free(&kv);
			if (bad)
				return 1;
			break;
		}
		case OPT_PARAMETER_FILES:
		case OPT_DEPLOYMENT_FILES: {
			struct sl_strv names = { 0 };
			int bad = sl_strv_push(&names, optarg) < 0 ||
				  take_more(&names, false, MORE_ANY, argc, argv, dashdash) < 0;
			for (size_t i = 0; !bad && i < names.n; i++)
				bad = sl_params_add_file(cli, ch == OPT_DEPLOYMENT_FILES, names.v[i]) != 0;
			sl_strv_free(&names);
			if (bad)
				return 1;
			break;
		}
		case 'g':
			cli->build_graph = true;
			break;
		case 'x':
			/* RULE:key=value, several per -x as cfn-lint's nargs='+', and
			 * comma-separated as cfn-lint splits them */
			cli->set_rule_options = true;
			if (sl_strv_push_split(&cli->rule_options, optarg) < 0 ||
			    take_more(&cli->rule_options, true, MORE_RULEOPT, argc, argv, dashdash) < 0)
				return 1;
			break;
		case 'z':
			cli->custom_rules = optarg; /* one file, the last given (cfn-lint's argparse) */
			break;
		case OPT_OUTPUT_FILE:
			cli->output_file = optarg;
			cli->set_output_file = true;
			break;
		case 'f':
			if (sl_format_parse(optarg, &cli->format) < 0) {
				fprintf(err, "stacklint: unknown format '%s' (use text, json, parseable, sarif, junit, standard, "
					"github, pretty or quiet)\n", optarg);
				return 1;
			}
			cli->set_format = true;
			break;
		case 'i':
			cli->set_ignore = true;
			if (sl_strv_push_split(&cli->ignore, optarg) < 0 ||
			    take_more(&cli->ignore, true, MORE_IDS, argc, argv, dashdash) < 0)
				return 1;
			break;
		case 'c':
			cli->set_include = true;
			if (sl_strv_push_split(&cli->include, optarg) < 0 ||
			    take_more(&cli->include, true, MORE_IDS, argc, argv, dashdash) < 0)
				return 1;
			break;
		case 'm':
			cli->set_mandatory = true;
			if (sl_strv_push_split(&cli->mandatory, optarg) < 0 ||
			    take_more(&cli->mandatory, true, MORE_IDS, argc, argv, dashdash) < 0)
				return 1;
			break;
		case 'j': {
			char *end;
			errno = 0;
			long v = strtol(optarg, &end, 10);
			if (end == optarg || *end || errno || v < 0 || v > 1024) { /* '' is not 0 */
				fprintf(err, "stacklint: --jobs takes a number from 0 (all cores) to 1024, not '%s'\n", optarg);
				return 1;
			}
			cli->jobs = (int)v;
			cli->set_jobs = true;
			break;
		}
		case 'v':
			cli->version = true;
			break;
		case 'h':
			cli->help = true;
			break;
		case OPT_SEVERITY:
			if (strcmp(optarg, "error") == 0)
				cli->min_severity = SL_SEV_ERROR;
			else if (strcmp(optarg, "warning") == 0)
				cli->min_severity = SL_SEV_WARNING;
			else if (strcmp(optarg, "info") == 0 || strcmp(optarg, "informational") == 0)
				cli->min_severity = SL_SEV_INFO;
			else {
				fprintf(err, "stacklint: --severity takes error, warning or info, not '%s'\n", optarg);
				return 1;
			}
			break;
		case OPT_CONFIG:
			cli->config_path = optarg;
			break;
		case OPT_STDIN_NAME:
			cli->stdin_filename = optarg;
			break;
		case OPT_IGNORE_TEMPLATES:
			cli->set_ignore_templates = true;
			if (sl_strv_push(&cli->ignore_templates, optarg) < 0 ||
			    take_more(&cli->ignore_templates, false, MORE_NONE, argc, argv, dashdash) < 0)
				return 1;
			break;
		case OPT_MAX_SIZE:
			if (parse_size(optarg, &cli->max_size) < 0 || cli->max_size == 0) {
				fprintf(err, "stacklint: --max-size takes a size in bytes such as 1048576, 512K or 10M, not '%s'\n", optarg);
				return 1;
			}
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				cli->color = -1;
			else if (strcmp(optarg, "always") == 0)
				cli->color = 1;
			else if (strcmp(optarg, "never") == 0)
				cli->color = 0;
			else {
				fprintf(err, "stacklint: --color takes auto, always or never, not '%s'\n", optarg);
				return 1;
			}
			break;
		case OPT_EXIT_ZERO:
			cli->exit_zero = true;
			break;
		case OPT_COLUMN_UNIT:
			if (sl_column_unit_parse(optarg, &cli->column_unit) < 0) {
				fprintf(err, "stacklint: --column-unit takes char, byte or utf16, not '%s'\n", optarg);
				return 1;
			}
			cli->set_column_unit = true;
			break;
		case OPT_BACKEND:
			if (strcmp(optarg, "libyaml") == 0)
				cli->backend = SL_BACKEND_LIBYAML;
			else if (strcmp(optarg, "libfyaml") == 0)
				cli->backend = SL_BACKEND_LIBFYAML;
			else {
				fprintf(err, "stacklint: --yaml-backend takes libyaml or libfyaml, not '%s'\n", optarg);
				return 1;
			}
			break;
		case OPT_EXPLAIN:
			cli->explain = optarg;
			break;
		case OPT_ONLY_TEMPLATES:
			cli->only_templates = true;
			break;
		case OPT_SPEC:
			cli->spec_path = optarg;
			break;
		case 'o':
			cli->override_spec = optarg;
			break;
		case 's': {
			/* several directories, as cfn-lint's nargs='+', each split at
			 * commas (not at spaces: these are paths) */
			struct sl_strv dirs = { 0 };
			int bad = sl_strv_push(&dirs, optarg) < 0 ||
				  take_more(&dirs, false, MORE_NONE, argc, argv, dashdash) < 0;
			for (size_t i = 0; !bad && i < dirs.n; i++)
				for (char *p = dirs.v[i], *c; !bad && p; p = c ? c + 1 : NULL) {
					if ((c = strchr(p, ',')))
						*c = '\0';
					bad = *p && sl_strv_push(&cli->registry_schemas, p) < 0;
				}
			sl_strv_free(&dirs);
			cli->set_registry_schemas = true;
			if (bad)
				return 1;
			break;
		}
		case OPT_LINT_DATE:
			if (!sl_date_parse(optarg, strlen(optarg), &cli->lint_date)) {
				fprintf(err, "stacklint: --lint-date takes a date as YYYY-MM-DD (for example "
					"2026-12-06), not '%s'\n", optarg);
				return 1;
			}
			cli->set_lint_date = true;
			break;
		case OPT_FILE_TYPE:
			if (sl_file_kind_parse(optarg, &cli->file_type) < 0) {
				fprintf(err, "stacklint: --file-type takes template, appspec, samconfig, "
					"dockerrun, eb-env, eb-cron, ebextension, parameters or deployment, not '%s'\n", optarg);
				return 1;
			}
			cli->set_file_type = true;
			break;
		case ':':
			fprintf(err, "stacklint: option '%s' needs a value (see stacklint --help)\n", argv[optind - 1]);
			return 1;
		default:
			if (optopt)
				fprintf(err, "stacklint: unknown option '-%c' (see stacklint --help)\n", optopt);
			else
				fprintf(err, "stacklint: unknown option '%s' (see stacklint --help)\n", argv[optind - 1]);
			return 1;
		}
	}
	for (int i = optind; i < argc; i++)
		if (sl_strv_push(&cli->inputs, argv[i]) < 0)
			return 1;
	if (sl_cli_rule_options_check(cli, err) != 0)
		return 1;
	return sl_params_check(cli, err);
}

void sl_cli_free(struct sl_cli *cli)
{
	sl_strv_free(&cli->inputs);
	sl_strv_free(&cli->ignore);
	sl_strv_free(&cli->include);
	sl_strv_free(&cli->mandatory);
	sl_strv_free(&cli->ignore_templates);
	sl_strv_free(&cli->regions);
	sl_strv_free(&cli->registry_schemas);
	free(cli->override_spec_owned);
	cli->override_spec_owned = NULL;
	sl_strv_free(&cli->rule_options);
	sl_params_free(cli->params);
	cli->params = NULL;
	sl_strv_free(&cli->notices);
	sl_strv_free(&cli->append_rules);
	free(cli->output_file_owned);
	cli->output_file_owned = NULL;
	free(cli->custom_rules_owned);
	cli->custom_rules_owned = NULL;
	sl_custom_free(cli->custom);
	cli->custom = NULL;
}
