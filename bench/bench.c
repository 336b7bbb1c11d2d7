/*
 * stacklint benchmark: how fast the loader and the whole pipeline are, one thread.
 *
 * Every input file is read into memory first, so the disk is never measured.
 * Then each mode runs over all of them, N timed passes after a warm-up pass:
 *   events-libyaml  the bare parser: pull every libyaml event, build nothing
 *                   (JSON files too, parsed as YAML): the floor for the loader
 *   events-libfyaml the same with libfyaml
 *   parse-libyaml   sl_load() with the libyaml backend, then drop the arena (the
 *                   fast reader first, libyaml where it gives up: what users get)
 *   parse-libyaml-alone  the same with libyaml alone, without the fast reader
 *   parse-libfyaml  the same with libfyaml
 *   full            sl_lint_buffer() with default options (what the CLI does per
 *                   file, minus reading and printing)
 *   full-libyaml / full-libfyaml  the pipeline with that backend, for the ratio
 * The loader sends JSON files (first non-blank byte '{') through stacklint's own
 * JSON parser whatever the YAML backend.
 *
 * Times are CPU time of this process (CLOCK_PROCESS_CPUTIME_ID), so other work on
 * the machine distorts them far less than wall time; wall time is shown too.
 *
 * Each mode runs in a child process (fork) so that its peak RSS (ru_maxrss) is its
 * own: the inputs (shared with the parent) plus what the mode allocated. Results
 * come back through a shared mapping. A mode that crashes or exceeds --timeout is
 * reported as such and the others still run.
 *
 * Files named on the command line are always measured; files found by walking a
 * directory (*.yaml, *.yml, *.json, *.template, as the CLI picks them) are measured
 * only when they are templates (a first, untimed lint decides), unless --all-files.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libfyaml.h>
#include <yaml.h>

#include "config.h"
#include "engine/engine.h"
#include "load/load.h"
#include "load/node.h"
#include "stacklint/stacklint.h"
#include "util/arena.h"

struct input {
	char *path;
	char *buf;
	size_t len;
	bool explicit_; /* named on the command line (kept even when not a template) */
	bool json;      /* first non-blank byte is '{': the JSON parser is tried first */
};

struct inputs {
	struct input *v;
	size_t n, cap;
};

enum mode_kind { MODE_EVENTS, MODE_PARSE, MODE_FULL };

struct mode {
	const char *key;   /* for --modes */
	const char *label; /* for the table */
	enum mode_kind kind;
	enum sl_backend backend;
	bool libyaml_only; /* without the fast YAML reader in front */
};

static const struct mode all_modes[] = {
	{ "events-libyaml", "libyaml events only, no tree", MODE_EVENTS, SL_BACKEND_LIBYAML },
	{ "events-libfyaml", "libfyaml events only, no tree", MODE_EVENTS, SL_BACKEND_LIBFYAML },
	{ "parse-libyaml", "parse only, libyaml", MODE_PARSE, SL_BACKEND_LIBYAML },
	{ "parse-libyaml-alone", "parse only, libyaml alone", MODE_PARSE, SL_BACKEND_LIBYAML, true },
	{ "parse-libfyaml", "parse only, libfyaml", MODE_PARSE, SL_BACKEND_LIBFYAML },
	{ "full", SL_DEFAULT_BACKEND_FYAML ? "full lint, defaults (libfyaml)" : "full lint, defaults (libyaml)",
	  MODE_FULL, SL_BACKEND_DEFAULT },
	{ "full-libyaml", "full lint, libyaml", MODE_FULL, SL_BACKEND_LIBYAML },
	{ "full-libfyaml", "full lint, libfyaml", MODE_FULL, SL_BACKEND_LIBFYAML },
};
#define N_MODES (sizeof(all_modes) / sizeof(all_modes[0]))

/* Written by the child that ran the mode, read by the parent. */
struct result {
	int state;           /* 0 not finished, 1 done, 2 out of memory */
	double total_ms;     /* CPU time of all timed passes */
	double wall_ms;      /* wall time of all timed passes */
	double best_pass_ms; /* CPU time of the fastest pass */
	long rss_start_kb;   /* current RSS when the mode started (inputs, code) */
	long rss_peak_kb;    /* ru_maxrss at the end */
	size_t no_tree;      /* events: parse errors; parse: inputs that gave no tree */
	size_t diags;        /* full: diagnostics in one pass */
	int signal;          /* the child died of this signal */
};

struct config {
	int reps;
	int warmup;
	bool all_files;
	bool fork;
	int top;
	unsigned timeout;
	int rules; /* --rules N: the N slowest rules, after the modes */
	bool sel[N_MODES];
};

static double clock_ms(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Wall time (cheap: vDSO). */
static double now_ms(void)
{
	return clock_ms(CLOCK_MONOTONIC);
}

/* CPU time of this process: what a pass costs even when other work shares the CPUs. */
static double cpu_ms(void)
{
	return clock_ms(CLOCK_PROCESS_CPUTIME_ID);
}

static long maxrss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* Current resident set in KB (Linux /proc), or ru_maxrss where that is missing. */
static long rss_now_kb(void)
{
	FILE *f = fopen("/proc/self/statm", "r");
	long pages, resident;
	if (f && fscanf(f, "%ld %ld", &pages, &resident) == 2) {
		fclose(f);
		return resident * (sysconf(_SC_PAGESIZE) / 1024);
	}
	if (f)
		fclose(f);
	return maxrss_kb();
}

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n);
	if (!q) {
		fputs("bench: out of memory\n", stderr);
		exit(1);
	}
	return q;
}

static char *xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p) {
		fputs("bench: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

/* Reads the whole file into a malloc'd buffer. Returns 0, or -1 with errno set. */
static int read_file(const char *path, char **out, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -1;
	}
	size_t cap = st.st_size > 0 ? (size_t)st.st_size : 4096, n = 0;
	char *buf = malloc(cap + 1);
	if (!buf) {
		close(fd);
		errno = ENOMEM;
		return -1;
	}
	for (;;) {
		if (n == cap) {
			/* full: grow only if there is more (st_size was right for nearly all) */
			char probe;
			ssize_t p = read(fd, &probe, 1);
			if (p < 0 && errno == EINTR)
				continue;
			if (p <= 0) {
				if (p == 0)
					break;
				int e = errno;
				free(buf);
				close(fd);
				errno = e;
				return -1;
			}
			cap *= 2;
			buf = xrealloc(buf, cap + 1);
			buf[n++] = probe;
			continue;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			close(fd);
			errno = e;
			return -1;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

static bool template_ext(const char *name)
{
	static const char *const exts[] = { ".yaml", ".yml", ".json", ".template" };
	size_t l = strlen(name);
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		size_t e = strlen(exts[i]);
		if (l > e && strcmp(name + l - e, exts[i]) == 0)
			return true;
	}
	return false;
}

static void add_input(struct inputs *in, const char *path, bool explicit_)
{
	struct input f = { 0 };
	if (read_file(path, &f.buf, &f.len) < 0) {
		fprintf(stderr, "bench: %s: %s (skipped)\n", path, strerror(errno));
		return;
	}
	f.path = xstrdup(path);
	f.explicit_ = explicit_;
	size_t i = 0;
	while (i < f.len && (f.buf[i] == ' ' || f.buf[i] == '\t' || f.buf[i] == '\r' || f.buf[i] == '\n'))
		i++;
	f.json = i < f.len && f.buf[i] == '{';
	if (in->n == in->cap) {
		in->cap = in->cap ? in->cap * 2 : 256;
		in->v = xrealloc(in->v, in->cap * sizeof(*in->v));
	}
	in->v[in->n++] = f;
}

static int skip_hidden(const struct dirent *d)
{
	return d->d_name[0] != '.';
}

/* Adds `path` (a file) or every candidate file below it (a directory), in sorted
 * order. Recursion is bounded by the depth of the directory tree on disk. */
static void walk(struct inputs *in, const char *path, bool explicit_)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (explicit_ || template_ext(path))
			add_input(in, path, explicit_);
		return;
	}
	struct dirent **ents;
	int n = scandir(path, &ents, skip_hidden, alphasort);
	if (n < 0) {
		fprintf(stderr, "bench: %s: %s\n", path, strerror(errno));
		return;
	}
	for (int i = 0; i < n; i++) {
		size_t l = strlen(path) + strlen(ents[i]->d_name) + 2;
		char *child = xrealloc(NULL, l);
		snprintf(child, l, "%s%s%s", path, path[strlen(path) - 1] == '/' ? "" : "/", ents[i]->d_name);
		walk(in, child, false);
		free(child);
		free(ents[i]);
	}
	free(ents);
}

/* Pulls every event out of libyaml; builds nothing. Returns false on a parse error. */
static bool events_libyaml(const char *buf, size_t len)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return false;
	yaml_parser_set_input_string(&p, (const unsigned char *)buf, len);
	bool ok = true;
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			ok = false;
			break;
		}
		bool end = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		if (end)
			break;
	}
	yaml_parser_delete(&p);
	return ok;
}

static void fy_discard(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
	(void)diag;
	(void)user;
	(void)buf;
	(void)len;
}

/* The same with libfyaml, set up as the backend sets it up (YAML 1.1, no depth
 * limit, errors collected quietly). */
static bool events_libfyaml(const char *buf, size_t len)
{
	struct fy_diag_cfg dcfg;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = fy_discard;
	dcfg.colorize = false;
	struct fy_diag *diag = fy_diag_create(&dcfg);
	if (!diag)
		return false;
	fy_diag_set_collect_errors(diag, true);
	struct fy_parse_cfg cfg = {
		.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_1 | FYPCF_JSON_NONE |
			 FYPCF_DISABLE_DEPTH_LIMIT | FYPCF_ALLOW_DUPLICATE_KEYS | FYPCF_SLOPPY_FLOW_INDENTATION,
		.diag = diag,
	};
	struct fy_parser *fyp = fy_parser_create(&cfg);
	bool ok = false;
	if (fyp && fy_parser_set_string(fyp, buf, len) == 0) {
		struct fy_event *fye;
		while ((fye = fy_parser_parse(fyp)) != NULL)
			fy_parser_event_free(fyp, fye);
		ok = !fy_parser_get_stream_error(fyp) && !fy_diag_got_error(diag);
	}
	if (fyp)
		fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
	return ok;
}

/* Runs one pass of mode m over every input. Adds to *no_tree / *diags. Returns
 * -1 when memory ran out. best_ms (may be NULL) keeps each file's fastest CPU
 * time; reading the CPU clock is a system call (~0.35 us), so timed passes pass
 * NULL and only warm-up passes time single files. */
static int run_pass(const struct mode *m, const struct inputs *in, double *best_ms, size_t *no_tree,
		    size_t *diags)
{
	struct sl_options o;
	memset(&o, 0, sizeof(o));
	o.backend = m->backend;
	struct sl_load_opts lo = { .backend = m->backend, .libyaml_only = m->libyaml_only };
	for (size_t i = 0; i < in->n; i++) {
		const struct input *f = &in->v[i];
		double t0 = best_ms ? cpu_ms() : 0;
		if (m->kind == MODE_EVENTS) {
			bool ok = m->backend == SL_BACKEND_LIBYAML ? events_libyaml(f->buf, f->len)
								   : events_libfyaml(f->buf, f->len);
			*no_tree += !ok;
		} else if (m->kind == MODE_PARSE) {
			struct sl_arena a;
			sl_arena_init(&a);
			struct sl_doc d;
			int rc = sl_load(&d, &a, f->buf, f->len, &lo);
			bool root = rc == 0 && d.root;
			sl_arena_free(&a);
			if (rc < 0)
				return -1;
			*no_tree += !root;
		} else {
			struct sl_report *r;
			if (sl_lint_buffer(&r, &o, f->path, f->buf, f->len) < 0)
				return -1;
			*diags += r->count;
			sl_report_free(r);
		}
		if (best_ms) {
			double t = cpu_ms() - t0;
			if (t < best_ms[i])
				best_ms[i] = t;
		}
	}
	return 0;
}

static void run_mode(const struct mode *m, const struct inputs *in, const struct config *cfg,
		     struct result *res, double *best_ms)
{
	res->rss_start_kb = rss_now_kb();
	for (size_t i = 0; i < in->n; i++)
		best_ms[i] = 1e300;
	size_t no_tree = 0, diags = 0;
	for (int w = 0; w < cfg->warmup; w++) {
		if (run_pass(m, in, best_ms, &no_tree, &diags) < 0) {
			res->state = 2;
			return;
		}
	}
	res->best_pass_ms = 1e300;
	res->total_ms = 0;
	for (int r = 0; r < cfg->reps; r++) {
		no_tree = diags = 0;
		double w0 = now_ms(), t0 = cpu_ms();
		if (run_pass(m, in, NULL, &no_tree, &diags) < 0) {
			res->state = 2;
			return;
		}
		double t = cpu_ms() - t0;
		res->wall_ms += now_ms() - w0;
		res->total_ms += t;
		if (t < res->best_pass_ms)
			res->best_pass_ms = t;
	}
	res->no_tree = no_tree;
	res->diags = diags;
	res->rss_peak_kb = maxrss_kb();
	res->state = 1;
}

/* Runs fn in a child when cfg->fork; reports the signal that killed it, if any. */
static int in_child(const struct config *cfg, void (*fn)(void *), void *arg)
{
	if (!cfg->fork) {
		fn(arg);
		return 0;
	}
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		perror("bench: fork");
		exit(1);
	}
	if (pid == 0) {
		if (cfg->timeout)
			alarm(cfg->timeout);
		fn(arg);
		_exit(0);
	}
	int st;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			perror("bench: waitpid");
			exit(1);
		}
	}
	return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

/* Nodes in the tree under root (keys included), without recursion. */
static size_t count_nodes(const struct sl_node *root)
{
	size_t n = 0, sp = 0, cap = 64;
	const struct sl_node **stack = xrealloc(NULL, cap * sizeof(*stack));
	stack[sp++] = root;
	while (sp) {
		const struct sl_node *x = stack[--sp];
		n++;
		if (x->kind == SL_SCALAR)
			continue;
		size_t need = sp + (x->kind == SL_MAP ? 2 * (size_t)x->len : x->len);
		if (need > cap) {
			while (cap < need)
				cap *= 2;
			stack = xrealloc(stack, cap * sizeof(*stack));
		}
		for (uint32_t i = 0; i < x->len; i++) {
			if (x->kind == SL_MAP) {
				stack[sp++] = x->pairs[i].key;
				if (x->pairs[i].value)
					stack[sp++] = x->pairs[i].value;
			} else if (x->items[i]) {
				stack[sp++] = x->items[i];
			}
		}
	}
	free(stack);
	return n;
}

struct mode_job {
	const struct mode *m;
	const struct inputs *in;
	const struct config *cfg;
	struct result *res;
	double *best_ms;
};

static void mode_job(void *p)
{
	struct mode_job *j = p;
	run_mode(j->m, j->in, j->cfg, j->res, j->best_ms);
}

struct filter_job {
	const struct inputs *in;
	bool *is_template;
};

static void filter_job(void *p)
{
	struct filter_job *j = p;
	for (size_t i = 0; i < j->in->n; i++) {
		struct sl_report *r;
		const struct input *f = &j->in->v[i];
		if (sl_lint_buffer(&r, NULL, f->path, f->buf, f->len) < 0)
			continue;
		j->is_template[i] = r->is_template;
		sl_report_free(r);
	}
}

static void *shared_alloc(size_t n)
{
	void *p = mmap(NULL, n ? n : 1, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("bench: mmap");
		exit(1);
	}
	return p;
}

static const char *fmt_rate(char *buf, size_t n, double v)
{
	if (v >= 100)
		snprintf(buf, n, "%.0f", v);
	else if (v >= 10)
		snprintf(buf, n, "%.1f", v);
	else
		snprintf(buf, n, "%.2f", v);
	return buf;
}

static int mode_index(const char *key);

static int cmp_ns_desc(const void *a, const void *b, void *ctx)
{
	const uint64_t *ns = ctx;
	uint64_t x = ns[*(const size_t *)a], y = ns[*(const size_t *)b];
	return x < y ? 1 : x > y ? -1 : 0;
}

/* --rules: the full mode's warm-up and timed passes in this process, each
 * rule's CPU time summed by the engine (sl_rule_cpu_ns), then the slowest. */
static int rule_times(const struct inputs *in, const struct config *cfg)
{
	size_t nr;
	const struct sl_rule *const *rules = sl_registry(&nr);
	uint64_t *ns = calloc(nr + 2, sizeof(*ns));
	size_t *order = malloc((nr + 2) * sizeof(*order));
	if (!ns || !order) {
		free(ns);
		free(order);
		return -1;
	}
	sl_rule_cpu_ns = ns;
	size_t no_tree = 0, diags = 0;
	int passes = cfg->warmup + cfg->reps;
	for (int p = 0; p < passes; p++)
		if (run_pass(&all_modes[mode_index("full")], in, NULL, &no_tree, &diags) < 0)
			return -1;
	sl_rule_cpu_ns = NULL;
	uint64_t rules_ns = 0;
	for (size_t i = 0; i < nr; i++)
		rules_ns += ns[i];
	double per = 1e6 * passes; /* ns summed over passes -> ms per pass */
	printf("\nrules by CPU time (full mode, %d passes, ms per pass; %zu rules registered):\n"
	       "  %9.3f ms  loading (sl_load)\n  %9.3f ms  template model (sl_template_build)\n"
	       "  %9.3f ms  all rules\n", passes, nr, (double)ns[nr] / per, (double)ns[nr + 1] / per,
	       (double)rules_ns / per);
	for (size_t i = 0; i < nr; i++)
		order[i] = i;
	qsort_r(order, nr, sizeof(*order), cmp_ns_desc, ns);
	for (int k = 0; k < cfg->rules && (size_t)k < nr && ns[order[k]]; k++)
		printf("  %9.3f ms  %5.1f%%  %s\n", (double)ns[order[k]] / per,
		       rules_ns ? 100.0 * (double)ns[order[k]] / (double)rules_ns : 0.0,
		       rules[order[k]]->id);
	free(ns);
	free(order);
	return 0;
}

static void usage(FILE *out)
{
	fputs("Usage: bench [OPTIONS] [FILE|DIRECTORY]...\n"
	      "Measures stacklint's loader and full pipeline on templates held in memory,\n"
	      "single-threaded. Default input: $STACKLINT_CORPUS, /work/shared/corpus or\n"
	      "../shared/corpus, whichever exists first.\n"
	      "\n"
	      "  -n, --reps N       timed passes over all inputs per mode (default 5)\n"
	      "  -w, --warmup N     untimed passes first (default 1)\n"
	      "  -m, --modes LIST   comma-separated, from events-libyaml, events-libfyaml,\n"
	      "                     parse-libyaml, parse-libyaml-alone (without the fast\n"
	      "                     YAML reader), parse-libfyaml, full, full-libyaml,\n"
	      "                     full-libfyaml (default: all but the full mode that\n"
	      "                     repeats full with the default backend)\n"
	      "  -a, --all-files    also measure files found in directories that are not templates\n"
	      "  -t, --top N        list the N slowest files of the full mode (default 5;\n"
	      "                     timed in the warm-up passes)\n"
	      "      --timeout S    give up on a mode after S seconds (default 600; 0: never)\n"
	      "      --rules N      then, in this process, time every rule over the warm-up\n"
	      "                     and timed passes of the full mode and list the N slowest,\n"
	      "                     with loading and the template model (CPU time)\n"
	      "      --no-fork      run modes in this process (for perf/valgrind; peak RSS\n"
	      "                     is then cumulative)\n"
	      "  -h, --help\n",
	      out);
}

static int parse_modes(struct config *cfg, const char *list)
{
	memset(cfg->sel, 0, sizeof(cfg->sel));
	const char *p = list;
	while (*p) {
		size_t l = strcspn(p, ",");
		bool found = false;
		for (size_t i = 0; i < N_MODES; i++) {
			if (strlen(all_modes[i].key) == l && strncmp(all_modes[i].key, p, l) == 0) {
				cfg->sel[i] = found = true;
			}
		}
		if (!found) {
			fprintf(stderr, "bench: unknown mode '%.*s'\n", (int)l, p);
			return -1;
		}
		p += l;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int mode_index(const char *key)
{
	for (size_t i = 0; i < N_MODES; i++)
		if (strcmp(all_modes[i].key, key) == 0)
			return (int)i;
	return -1;
}

static int cmp_slowest(const void *a, const void *b, void *ctx)
{
	const double *t = ctx;
	double x = t[*(const size_t *)a], y = t[*(const size_t *)b];
	return x < y ? 1 : x > y ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct config cfg = { .reps = 5, .warmup = 1, .fork = true, .top = 5, .timeout = 600 };
	parse_modes(&cfg, SL_DEFAULT_BACKEND_FYAML
				  ? "events-libyaml,events-libfyaml,parse-libyaml,parse-libyaml-alone,parse-libfyaml,"
				    "full,full-libyaml"
				  : "events-libyaml,events-libfyaml,parse-libyaml,parse-libyaml-alone,parse-libfyaml,"
				    "full,full-libfyaml");
	enum { OPT_NO_FORK = 256, OPT_TIMEOUT, OPT_RULES };
	static const struct option longopts[] = {
		{ "reps", required_argument, NULL, 'n' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "modes", required_argument, NULL, 'm' },
		{ "all-files", no_argument, NULL, 'a' },
		{ "top", required_argument, NULL, 't' },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ "no-fork", no_argument, NULL, OPT_NO_FORK },
		{ "rules", required_argument, NULL, OPT_RULES },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	while ((c = getopt_long(argc, argv, "n:w:m:at:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'n':
			cfg.reps = atoi(optarg);
			break;
		case 'w':
			cfg.warmup = atoi(optarg);
			break;
		case 'm':
			if (parse_modes(&cfg, optarg) < 0)
				return 1;
			break;
		case 'a':
			cfg.all_files = true;
			break;
		case 't':
			cfg.top = atoi(optarg);
			break;
		case OPT_TIMEOUT:
			cfg.timeout = (unsigned)atoi(optarg);
			break;
		case OPT_NO_FORK:
			cfg.fork = false;
			break;
		case OPT_RULES:
			cfg.rules = atoi(optarg);
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (cfg.reps < 1 || cfg.warmup < 0) {
		fputs("bench: --reps must be at least 1 and --warmup at least 0\n", stderr);
		return 1;
	}

	/* 1. Read everything. */
	struct inputs in = { 0 };
	const char *dflt = NULL;
	if (optind == argc) {
		const char *env = getenv("STACKLINT_CORPUS");
		const char *cands[] = { env, "/work/shared/corpus", "../shared/corpus" };
		struct stat st;
		for (size_t i = 0; i < 3 && !dflt; i++)
			if (cands[i] && *cands[i] && stat(cands[i], &st) == 0 && S_ISDIR(st.st_mode))
				dflt = cands[i];
		if (!dflt) {
			fputs("bench: no input given and no corpus found\n", stderr);
			usage(stderr);
			return 1;
		}
		walk(&in, dflt, false);
	}
	for (int i = optind; i < argc; i++)
		walk(&in, argv[i], true);

	/* 2. Keep the templates (as the CLI does for files found in directories). */
	size_t skipped = 0;
	if (!cfg.all_files) {
		bool need = false;
		for (size_t i = 0; i < in.n; i++)
			need |= !in.v[i].explicit_;
		if (need) {
			size_t n_all = in.n;
			bool *is_t = shared_alloc(n_all * sizeof(bool));
			struct filter_job fj = { &in, is_t };
			int sig = in_child(&cfg, filter_job, &fj);
			if (sig) {
				fprintf(stderr, "bench: the template filter died of signal %d\n", sig);
				return 1;
			}
			size_t k = 0;
			for (size_t i = 0; i < in.n; i++) {
				if (in.v[i].explicit_ || is_t[i]) {
					in.v[k++] = in.v[i];
				} else {
					free(in.v[i].buf);
					free(in.v[i].path);
					skipped++;
				}
			}
			in.n = k;
			munmap(is_t, n_all * sizeof(bool));
		}
	}
	if (in.n == 0) {
		fputs("bench: nothing to measure\n", stderr);
		return 1;
	}
	size_t bytes = 0, n_json = 0, largest = 0;
	for (size_t i = 0; i < in.n; i++) {
		bytes += in.v[i].len;
		n_json += in.v[i].json;
		if (in.v[i].len > largest)
			largest = in.v[i].len;
	}
	double mb = (double)bytes / (1024.0 * 1024.0);

	/* 3. Run each mode. */
	size_t shared_len = N_MODES * sizeof(struct result) + N_MODES * in.n * sizeof(double);
	struct result *res = shared_alloc(shared_len);
	double *best = (double *)(res + N_MODES);
	long rss_inputs = rss_now_kb();
	for (size_t i = 0; i < N_MODES; i++) {
		if (!cfg.sel[i])
			continue;
		struct mode_job j = { &all_modes[i], &in, &cfg, &res[i], best + i * in.n };
		res[i].signal = in_child(&cfg, mode_job, &j);
	}

	/* 4. Report. */
	printf("stacklint bench: %zu %s (%zu YAML, %zu JSON), %.2f MB, largest %.2f MB\n", in.n,
	       in.n == 1 ? "template" : "templates", in.n - n_json, n_json, mb,
	       (double)largest / (1024.0 * 1024.0));
	if (in.n == 1)
		printf("  input: %s\n", in.v[0].path);
	else if (dflt || argc - optind == 1)
		printf("  input: %s%s\n", dflt ? dflt : argv[optind], dflt ? " (default)" : "");
	if (skipped)
		printf("  %zu files found in directories were not templates and are left out (--all-files)\n",
		       skipped);
	printf("  %d timed %s + %d warm-up per mode, one thread, %s; RSS with inputs loaded: %.1f MB\n"
	       "  templates/s and MB/s: CPU time of the fastest pass; mean: all passes\n",
	       cfg.reps, cfg.reps == 1 ? "pass" : "passes", cfg.warmup,
	       cfg.fork ? "each mode in its own process" : "all modes in one process (RSS cumulative)",
	       (double)rss_inputs / 1024.0);
	{
		double la[3];
		if (getloadavg(la, 3) == 3)
			printf("  load average before the runs: %.2f %.2f %.2f (other work on the machine skews timings)\n",
			       la[0], la[1], la[2]);
	}
	printf("\n%-30s %11s %7s %7s %8s %8s %8s %7s %6s %5s %8s\n", "mode", "templates/s", "MB/s", "mean",
	       "total", "total", "best", "peak", "+RSS", "no", "diags");
	printf("%-30s %11s %7s %7s %8s %8s %8s %7s %6s %5s %8s\n", "", "", "", "MB/s", "CPU ms", "wall ms",
	       "pass ms", "RSS MB", "MB", "tree", "per pass");
	for (size_t i = 0; i < N_MODES; i++) {
		if (!cfg.sel[i])
			continue;
		const struct result *r = &res[i];
		if (r->state != 1) {
			const char *why = r->state == 2 ? "out of memory" : "did not finish";
			char sigbuf[64];
			if (r->signal == SIGALRM)
				snprintf(sigbuf, sizeof(sigbuf), "timed out after %u s", cfg.timeout);
			else if (r->signal)
				snprintf(sigbuf, sizeof(sigbuf), "crashed: %s", strsignal(r->signal));
			printf("%-30s %s\n", all_modes[i].label, r->signal ? sigbuf : why);
			continue;
		}
		double best_s = r->best_pass_ms / 1e3;
		char a[32], b[32], m[32];
		char nt[32] = "-", dg[32] = "-";
		if (all_modes[i].kind != MODE_FULL)
			snprintf(nt, sizeof(nt), "%zu", r->no_tree);
		else
			snprintf(dg, sizeof(dg), "%zu", r->diags);
		char plus[32] = "-";
		if (cfg.fork) /* without fork, ru_maxrss is the whole run's */
			snprintf(plus, sizeof(plus), "%.1f", (double)(r->rss_peak_kb - r->rss_start_kb) / 1024.0);
		printf("%-30s %11s %7s %7s %8.1f %8.1f %8.2f %7.1f %6s %5s %8s\n", all_modes[i].label,
		       fmt_rate(a, sizeof(a), (double)in.n / best_s), fmt_rate(b, sizeof(b), mb / best_s),
		       fmt_rate(m, sizeof(m), mb * cfg.reps / (r->total_ms / 1e3)), r->total_ms, r->wall_ms,
		       r->best_pass_ms, (double)r->rss_peak_kb / 1024.0, plus, nt, dg);
	}

	/* full / parse-only with the same backend; "full" stands in for its backend */
	static const char *const backends[] = { "libyaml", "libfyaml" };
	const char *default_backend = SL_DEFAULT_BACKEND_FYAML ? "libfyaml" : "libyaml";
	bool any = false;
	for (size_t p = 0; p < 2; p++) {
		char key[32];
		snprintf(key, sizeof(key), "full-%s", backends[p]);
		int f = mode_index(key);
		if ((!cfg.sel[f] || res[f].state != 1) && strcmp(backends[p], default_backend) == 0)
			f = mode_index("full");
		snprintf(key, sizeof(key), "parse-%s", backends[p]);
		int q = mode_index(key);
		if (!cfg.sel[f] || !cfg.sel[q] || res[f].state != 1 || res[q].state != 1)
			continue;
		printf("%s%s %.2fx (mean %.2fx)", any ? "   " : "\nfull / parse-only, same backend, fastest pass:  ",
		       backends[p], res[f].best_pass_ms / res[q].best_pass_ms, res[f].total_ms / res[q].total_ms);
		any = true;
	}
	int alone = mode_index("parse-libyaml-alone"), fy = mode_index("full-libyaml");
	if ((!cfg.sel[fy] || res[fy].state != 1) && strcmp(default_backend, "libyaml") == 0)
		fy = mode_index("full");
	if (any && cfg.sel[alone] && res[alone].state == 1 && cfg.sel[fy] && res[fy].state == 1)
		printf("   libyaml alone %.2fx (mean %.2fx)", res[fy].best_pass_ms / res[alone].best_pass_ms,
		       res[fy].total_ms / res[alone].total_ms);
	if (any)
		putchar('\n');

	int fm = mode_index("full");
	if (!cfg.sel[fm] || res[fm].state != 1)
		fm = -1;
	if (fm >= 0 && largest && cfg.fork)
		printf("peak RSS over inputs (full lint, defaults): %.1f MB = %.1fx the largest file\n",
		       (double)(res[fm].rss_peak_kb - res[fm].rss_start_kb) / 1024.0,
		       (double)(res[fm].rss_peak_kb - res[fm].rss_start_kb) * 1024.0 / (double)largest);
	/* What the tree of the largest input costs (libyaml backend, untimed). */
	for (size_t i = 0; i < in.n; i++) {
		if (in.v[i].len != largest)
			continue;
		struct sl_arena a;
		sl_arena_init(&a);
		struct sl_doc d;
		struct sl_load_opts lo = { SL_BACKEND_LIBYAML, 0 };
		if (sl_load(&d, &a, in.v[i].buf, in.v[i].len, &lo) == 0 && d.root) {
			size_t nodes = count_nodes(d.root);
			/* the newest chunk's unused tail is never touched, so not resident */
			size_t used = a.total - (size_t)(a.end - a.cur);
			printf("tree of the largest file (sl_load, libyaml): %zu nodes, one per %.1f input bytes;\n"
			       "  arena %.1f MB used (%.1fx the file; %zu B per node, sizeof(struct sl_node) = %zu)\n",
			       nodes, (double)in.v[i].len / (double)nodes, (double)used / 1048576.0,
			       (double)used / (double)in.v[i].len, used / nodes, sizeof(struct sl_node));
		}
		sl_arena_free(&a);
		break;
	}

	if (fm >= 0 && cfg.top > 0 && cfg.warmup > 0 && in.n > 1) {
		size_t *order = xrealloc(NULL, in.n * sizeof(size_t));
		for (size_t i = 0; i < in.n; i++)
			order[i] = i;
		double *t = best + (size_t)fm * in.n;
		qsort_r(order, in.n, sizeof(size_t), cmp_slowest, t);
		printf("\nslowest files (full lint, defaults; CPU time, best of the %d warm-up %s):\n",
		       cfg.warmup, cfg.warmup == 1 ? "pass" : "passes");
		for (size_t k = 0; k < in.n && k < (size_t)cfg.top; k++) {
			const struct input *f = &in.v[order[k]];
			double fmb = (double)f->len / (1024.0 * 1024.0);
			printf("  %9.3f ms  %8.1f KB  %7.1f MB/s  %s\n", t[order[k]], (double)f->len / 1024.0,
			       t[order[k]] > 0 ? fmb / (t[order[k]] / 1e3) : 0.0, f->path);
		}
		free(order);
	}
	if (cfg.rules > 0 && rule_times(&in, &cfg) < 0)
		return 2;
	int rc = 0;
	for (size_t i = 0; i < N_MODES; i++)
		if (cfg.sel[i] && res[i].state != 1)
			rc = 2;
	munmap(res, shared_len);
	for (size_t i = 0; i < in.n; i++) {
		free(in.v[i].buf);
		free(in.v[i].path);
	}
	free(in.v);
	return rc;
}
