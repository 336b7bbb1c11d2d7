/*
 * Cross-checks the two YAML backends: every input is loaded through libyaml and
 * through libfyaml, and the two node trees must be identical (kind, style,
 * flags, tag, scalar bytes, start and end line/column/offset of every node), as
 * must the loader diagnostics (rule ID, severity, positions, message).
 *
 * One exception: when both backends stop on a syntax error (their last
 * diagnostic, an E0000 that leaves no tree), the message and column may differ
 * but the start line must match. The two parsers word their errors
 * differently and do not always detect a problem at the same token of a line
 * (libyaml often points at the ':' or at the next token, libfyaml at the token
 * it could not fit), so only the line is a fair requirement. Even the line
 * cannot always agree: for broken input the parsers may notice the problem on
 * different lines (an unclosed '[' is reported where libyaml meets a token it
 * cannot fit, which may be lines later, and by libfyaml at the end of the
 * input), so mutated or hand-broken inputs can differ here; every fixture and
 * corpus file must agree.
 *
 * And the fast YAML reader (yaml_fast.c) in front of libyaml, against libyaml
 * alone: the same tree and diagnostics, exactly, for every input (where it
 * gives up, libyaml reads the file from the start). Files in a folder named
 * fast/ must be read by the fast reader alone.
 *
 * Usage: test_backends [-v] [FILE|DIR]...
 * Without arguments it reads fixtures/, tests/data/backends/ and the shared
 * corpus (../shared/corpus, else /work/shared/corpus) under $SL_SOURCE_ROOT (or
 * the working directory), each when present; a named path that does not
 * exist is reported and skipped. Directories are walked recursively for
 * *.yaml, *.yml, *.json and *.template files. Prints the first difference of
 * each file with its place in the tree; exits 1 if any file differs, 77
 * (skipped) when there was no input at all. -v also names the files that
 * agree and the syntax errors both backends report.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load/load.h"
#include "load/node.h"
#include "util/arena.h"

static int verbose;
static size_t n_files, n_same, n_diff, n_syntax_both, n_io;
static size_t n_yaml, n_fast; /* YAML files, and those the fast reader read alone */
/* the two loads compared, in messages */
static const char *name_a = "libyaml", *name_b = "libfyaml";
static size_t n_fast_diff;    /* files where the fast reader's tree is not libyaml's */

/* ---- the place of a node in its tree, for messages ---- */

static void node_path(const struct sl_node *n, char *out, size_t cap)
{
	/* collect ancestors (at most the nesting limit plus short-form wrappers) */
	const struct sl_node *chain[2048];
	size_t k = 0;
	for (const struct sl_node *p = n; p && k < sizeof(chain) / sizeof(chain[0]); p = p->parent)
		chain[k++] = p;
	size_t o = 0;
	out[0] = '\0';
	o += (size_t)snprintf(out + o, cap - o, "$");
	for (size_t i = k; i-- > 1 && o < cap;) {
		const struct sl_node *par = chain[i], *ch = chain[i - 1];
		if (par->kind == SL_SEQ) {
			for (uint32_t j = 0; j < par->len; j++)
				if (par->items[j] == ch)
					o += (size_t)snprintf(out + o, cap - o, "[%u]", j);
		} else if (par->kind == SL_MAP) {
			for (uint32_t j = 0; j < par->len; j++) {
				const struct sl_node *key = par->pairs[j].key;
				if (par->pairs[j].value == ch)
					o += (size_t)snprintf(out + o, cap - o, "/%.40s", key->str);
				else if (key == ch)
					o += (size_t)snprintf(out + o, cap - o, "/(key %.40s)", key->str);
			}
		}
	}
}

static void show_bytes(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	for (size_t i = 0; i < len && i < 80; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\x%02x", c);
		else
			fputc(c, f);
	}
	fputs(len > 80 ? "\"..." : "\"", f);
}

static void show_pos(FILE *f, struct sl_position p)
{
	fprintf(f, "%u:%u@%u", p.line, p.column, p.offset);
}

/* A node's byte offset (the trees read the same text, so equal offsets are
 * equal lines and columns). */
static void show_off(FILE *f, uint32_t off)
{
	fprintf(f, "@%u", off);
}

static bool pos_eq(struct sl_position a, struct sl_position b)
{
	return a.line == b.line && a.column == b.column && a.offset == b.offset;
}

/* ---- comparing two trees, without recursion ---- */

struct pair {
	const struct sl_node *a, *b;
};

/* Returns 0 when the trees are identical; else prints the first difference. */
static int compare_trees(const char *file, const struct sl_node *ra, const struct sl_node *rb)
{
	if (!ra || !rb) {
		if (ra == rb)
			return 0;
		printf("%s: root: %s %s a tree, %s %s\n", file, name_a, ra ? "built" : "did not build",
		       name_b, rb ? "built one" : "did not");
		return 1;
	}
	size_t cap = 256, top = 0;
	struct pair *st = malloc(cap * sizeof(*st));
	if (!st) {
		perror("malloc");
		exit(2);
	}
	st[top++] = (struct pair){ ra, rb };
	int rc = 0;
	while (top && !rc) {
		struct pair p = st[--top];
		const struct sl_node *a = p.a, *b = p.b;
		const char *what = NULL;
		if (a->kind != b->kind)
			what = "kind";
		else if (a->style != b->style)
			what = "style";
		else if (a->flags != b->flags)
			what = "flags";
		else if (!sl_node_tag(a) != !sl_node_tag(b) ||
			 (sl_node_tag(a) && strcmp(sl_node_tag(a), sl_node_tag(b)) != 0))
			what = "tag";
		else if (a->len != b->len)
			what = a->kind == SL_SCALAR ? "scalar value" : "number of children";
		else if (a->kind == SL_SCALAR && memcmp(a->str, b->str, a->len) != 0)
			what = "scalar value";
		else if (a->start != b->start)
			what = "start";
		else if (a->end != b->end)
			what = "end";
		if (what) {
			char path[1024];
			node_path(a, path, sizeof(path));
			printf("%s: %s: %s differs: %s kind=%d style=%d flags=%#x tag=%s len=%u ", file,
			       path, what, name_a, a->kind, a->style, a->flags, sl_node_tag(a) ? sl_node_tag(a) : "-", a->len);
			show_off(stdout, a->start);
			fputc('-', stdout);
			show_off(stdout, a->end);
			if (a->kind == SL_SCALAR) {
				fputc(' ', stdout);
				show_bytes(stdout, a->str, a->len);
			}
			printf("; %s kind=%d style=%d flags=%#x tag=%s len=%u ", name_b, b->kind, b->style,
			       b->flags, sl_node_tag(b) ? sl_node_tag(b) : "-", b->len);
			show_off(stdout, b->start);
			fputc('-', stdout);
			show_off(stdout, b->end);
			if (b->kind == SL_SCALAR) {
				fputc(' ', stdout);
				show_bytes(stdout, b->str, b->len);
			}
			fputc('\n', stdout);
			rc = 1;
			break;
		}
		if (a->kind == SL_SCALAR)
			continue;
		size_t need = top + 2 * (size_t)a->len;
		if (need > cap) {
			while (cap < need)
				cap *= 2;
			struct pair *ns = realloc(st, cap * sizeof(*st));
			if (!ns) {
				perror("realloc");
				exit(2);
			}
			st = ns;
		}
		/* push in reverse so the first child is compared first */
		for (uint32_t i = a->len; i-- > 0;) {
			if (a->kind == SL_SEQ) {
				st[top++] = (struct pair){ a->items[i], b->items[i] };
			} else {
				st[top++] = (struct pair){ a->pairs[i].value, b->pairs[i].value };
				st[top++] = (struct pair){ a->pairs[i].key, b->pairs[i].key };
			}
		}
	}
	free(st);
	return rc;
}

/* A syntax error is the last diagnostic, an E0000 that left no tree. */
static bool is_syntax_error(const struct sl_doc *d, size_t i)
{
	return !d->root && i + 1 == d->n_diags && strcmp(d->diags[i].rule_id, "E0000") == 0;
}

static int compare_diags(const char *file, const struct sl_doc *a, const struct sl_doc *b)
{
	size_t n = a->n_diags < b->n_diags ? a->n_diags : b->n_diags;
	bool syntax = false;
	for (size_t i = 0; i < n; i++) {
		const struct sl_ldiag *x = &a->diags[i], *y = &b->diags[i];
		bool ok = strcmp(x->rule_id, y->rule_id) == 0 && x->severity == y->severity;
		if (ok && is_syntax_error(a, i) && is_syntax_error(b, i)) {
			/* the parsers' own errors: the line must match */
			ok = x->start.line == y->start.line;
			syntax = true;
		} else if (ok) {
			ok = strcmp(x->message, y->message) == 0 && pos_eq(x->start, y->start) &&
			     pos_eq(x->end, y->end);
		}
		if (!ok) {
			printf("%s: diagnostic %zu differs: %s %s ", file, i + 1, name_a, x->rule_id);
			show_pos(stdout, x->start);
			printf(" \"%s\"; %s %s ", x->message, name_b, y->rule_id);
			show_pos(stdout, y->start);
			printf(" \"%s\"\n", y->message);
			return 1;
		}
	}
	if (a->n_diags != b->n_diags) {
		const struct sl_doc *more = a->n_diags > b->n_diags ? a : b;
		const struct sl_ldiag *x = &more->diags[n];
		printf("%s: only %s reports %s ", file, more == a ? name_a : name_b, x->rule_id);
		show_pos(stdout, x->start);
		printf(" \"%s\"\n", x->message);
		return 1;
	}
	if (syntax) {
		n_syntax_both++;
		if (verbose)
			printf("%s: both report a syntax error on line %u (\"%s\" / \"%s\")\n", file,
			       a->diags[0].start.line, a->diags[0].message, b->diags[0].message);
	}
	return 0;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		size_t r = fread(buf + n, 1, cap - n, f);
		n += r;
		if (n < cap)
			break;
		char *nb = realloc(buf, cap * 2);
		if (!nb) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = nb;
		cap *= 2;
	}
	if (ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static void check_file(const char *path)
{
	size_t len;
	char *buf = read_file(path, &len);
	if (!buf) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		n_io++;
		return;
	}
	struct sl_arena aa, ab, af;
	struct sl_doc da, db, df;
	sl_arena_init(&aa);
	sl_arena_init(&ab);
	sl_arena_init(&af);
	struct sl_load_opts oa = { .backend = SL_BACKEND_LIBYAML, .libyaml_only = true };
	struct sl_load_opts ob = { .backend = SL_BACKEND_LIBFYAML };
	struct sl_load_opts of = { .backend = SL_BACKEND_LIBYAML };
	int ra = sl_load(&da, &aa, buf, len, &oa);
	int rb = sl_load(&db, &ab, buf, len, &ob);
	int rf = sl_load(&df, &af, buf, len, &of);
	int differ = 0;
	if (ra != rb) {
		printf("%s: sl_load returned %d with libyaml, %d with libfyaml\n", path, ra, rb);
		differ = 1;
	} else if (ra == 0) {
		differ = compare_diags(path, &da, &db);
		if (!differ)
			differ = compare_trees(path, da.root, db.root);
	}
	/* the fast reader in front of libyaml: the same as libyaml alone, always
	 * (where it gives up, libyaml reads the file from the start) */
	int fast_differs = 0;
	if (ra != rf) {
		printf("%s: sl_load returned %d with libyaml alone, %d with the fast reader\n", path, ra, rf);
		fast_differs = 1;
	} else if (ra == 0) {
		if (df.read_fast && verbose)
			printf("%s: read by the fast reader\n", path);
		name_a = "libyaml alone";
		name_b = "the fast reader";
		fast_differs = compare_diags(path, &da, &df) || compare_trees(path, da.root, df.root);
		name_a = "libyaml";
		name_b = "libfyaml";
		if (fast_differs)
			printf("%s: (libyaml alone, and the fast reader, which %s)\n", path,
			       df.read_fast ? "read it" : "left it to libyaml");
		if (!da.json) {
			n_yaml++;
			n_fast += df.read_fast;
		}
		if (!df.read_fast && strstr(path, "/fast/")) {
			printf("%s: the fast reader left it to libyaml: files under fast/ are what it must "
			       "read alone\n", path);
			fast_differs = 1;
		}
	}
	n_fast_diff += fast_differs;
	differ |= fast_differs;
	sl_arena_free(&af);
	n_files++;
	if (differ)
		n_diff++;
	else
		n_same++;
	if (verbose && !differ)
		printf("%s: same\n", path);
	sl_arena_free(&aa);
	sl_arena_free(&ab);
	free(buf);
}

static bool wanted(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && (strcmp(dot, ".yaml") == 0 || strcmp(dot, ".yml") == 0 ||
		       strcmp(dot, ".json") == 0 || strcmp(dot, ".template") == 0);
}

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Checks `path`, walking directories in sorted order. Returns -1 when it does
 * not exist. */
static int walk(const char *path, bool top)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return -1;
	if (!S_ISDIR(st.st_mode)) {
		if (top || wanted(path))
			check_file(path);
		return 0;
	}
	DIR *d = opendir(path);
	if (!d) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		n_io++;
		return 0;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			char **nn = realloc(names, cap * sizeof(*nn));
			if (!nn) {
				perror("realloc");
				exit(2);
			}
			names = nn;
		}
		size_t l = strlen(path) + strlen(e->d_name) + 2;
		names[n] = malloc(l);
		if (!names[n]) {
			perror("malloc");
			exit(2);
		}
		snprintf(names[n], l, "%s/%s", path, e->d_name);
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 0; i < n; i++) {
		walk(names[i], false);
		free(names[i]);
	}
	free(names);
	return 0;
}

int main(int argc, char **argv)
{
	int i = 1;
	if (i < argc && strcmp(argv[i], "-v") == 0) {
		verbose = 1;
		i++;
	}
	if (i < argc) {
		for (; i < argc; i++)
			if (walk(argv[i], true) < 0)
				fprintf(stderr, "%s: %s (skipped)\n", argv[i], strerror(errno));
	} else {
		const char *root = getenv("SL_SOURCE_ROOT");
		static const char *const dirs[] = { "fixtures", "tests/data/backends", "../shared/corpus" };
		char path[4096];
		for (size_t k = 0; k < sizeof(dirs) / sizeof(dirs[0]); k++) {
			snprintf(path, sizeof(path), "%s%s%s", root ? root : "", root ? "/" : "", dirs[k]);
			if (walk(path, false) < 0 && k == 2)
				walk("/work/shared/corpus", false);
		}
	}
	if (n_files == 0 && n_io == 0) {
		printf("no input found (run from the source root, or name files or folders)\n");
		return 77;
	}
	printf("backends: %zu files, %zu identical, %zu differ (%zu with a syntax error in both, "
	       "same line)%s\n",
	       n_files, n_same, n_diff, n_syntax_both, n_io ? ", some unreadable" : "");
	printf("fast reader: read %zu of %zu YAML files alone (libyaml read the rest); "
	       "%zu differ from libyaml alone\n", n_fast, n_yaml, n_fast_diff);
	printf("%zu passed, %zu failed\n", n_same, n_diff + n_io);
	return n_diff || n_io ? 1 : 0;
}
