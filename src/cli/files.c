/*
 * Inputs to files: plain files as given, directories walked recursively (sorted,
 * skipping hidden directories and node_modules), quoted glob patterns with '**'.
 * The order is deterministic: inputs in command-line order, each expansion
 * sorted by path; a file named twice is linted once.
 */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"

static bool template_ext(const char *name)
{
	static const char *const exts[] = { ".yaml", ".yml", ".json", ".template", NULL };
	size_t l = strlen(name);
	for (const char *const *e = exts; *e; e++) {
		size_t el = strlen(*e);
		if (l > el && strcasecmp(name + l - el, *e) == 0)
			return true;
	}
	return false;
}

/* Directory entries are kept as one byte of kind (what readdir's d_type
 * told) and the name; they sort by name. */
enum { ENT_REG = 'r', ENT_DIR = 'd', ENT_OTHER = '?' };

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

static char *join(const char *dir, const char *name)
{
	size_t dl = strlen(dir);
	char *p = malloc(dl + strlen(name) + 2);
	if (!p)
		return NULL;
	if (dl && dir[dl - 1] == '/')
		sprintf(p, "%s%s", dir, name);
	else if (strcmp(dir, ".") == 0)
		sprintf(p, "%s", name);
	else
		sprintf(p, "%s/%s", dir, name);
	return p;
}

/* Directories already walked (device, inode): symlink loops are entered once.
 * An open-addressing hash set, so that a tree of many directories costs O(1)
 * per directory. */
struct seen {
	dev_t *dev;
	ino_t *ino;
	unsigned char *used;
	size_t n, cap; /* cap: slots, a power of two, or 0 */
};

static size_t seen_slot(const struct seen *s, dev_t dev, ino_t ino)
{
	uint64_t h = ((uint64_t)dev * 0x9E3779B97F4A7C15u) ^ ((uint64_t)ino * 0xC2B2AE3D27D4EB4Fu);
	size_t i = (size_t)(h ^ (h >> 29)) & (s->cap - 1);
	while (s->used[i] && !(s->dev[i] == dev && s->ino[i] == ino))
		i = (i + 1) & (s->cap - 1);
	return i;
}

/* Adds a directory; false when it was there already, or memory ran out. */
static bool seen_add(struct seen *s, const struct stat *st)
{
	if ((s->n + 1) * 2 > s->cap) {
		struct seen g = { 0 };
		g.cap = s->cap ? s->cap * 2 : 64;
		g.dev = malloc(g.cap * sizeof(*g.dev));
		g.ino = malloc(g.cap * sizeof(*g.ino));
		g.used = calloc(g.cap, 1);
		if (!g.dev || !g.ino || !g.used) {
			free(g.dev);
			free(g.ino);
			free(g.used);
			return false;
		}
		for (size_t i = 0; i < s->cap; i++)
			if (s->used[i]) {
				size_t j = seen_slot(&g, s->dev[i], s->ino[i]);
				g.used[j] = 1;
				g.dev[j] = s->dev[i];
				g.ino[j] = s->ino[i];
			}
		g.n = s->n;
		free(s->dev);
		free(s->ino);
		free(s->used);
		*s = g;
	}
	size_t i = seen_slot(s, st->st_dev, st->st_ino);
	if (s->used[i])
		return false;
	s->used[i] = 1;
	s->dev[i] = st->st_dev;
	s->ino[i] = st->st_ino;
	s->n++;
	return true;
}

static void seen_free(struct seen *s)
{
	free(s->dev);
	free(s->ino);
	free(s->used);
}

/* A set of paths (not owned), for dropping repeats in O(1) each. */
struct path_set {
	const char **v;
	size_t cap; /* a power of two */
};

static uint64_t path_hash(const char *p)
{
	uint64_t h = 1469598103934665603u;
	for (; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211u;
	return h;
}

/* Adds p (the set has room: at most half full); 1 when it is new, 0 when it
 * was there. */
static int path_set_add(struct path_set *s, const char *p)
{
	size_t i = (size_t)path_hash(p) & (s->cap - 1);
	for (; s->v[i]; i = (i + 1) & (s->cap - 1))
		if (strcmp(s->v[i], p) == 0)
			return 0;
	s->v[i] = p;
	return 1;
}

/* A pattern enters hidden directories only when one of its parts starts with '.'. */
static bool pattern_wants_hidden(const char *pattern)
{
	for (const char *p = pattern; *p; p++)
		if (*p == '.' && (p == pattern || p[-1] == '/') && p[1] != '/' && p[1] != '\0' &&
		    !(p[1] == '.' && (p[2] == '/' || p[2] == '\0')))
			return true;
	return false;
}

/* Appends every file under dir (recursively): those matching `pattern`, or,
 * when pattern is NULL, those with a template extension or the name of a side
 * file (sl_file_kind_of()); inside a directory .ebextensions, entered for its
 * *.config files, only those. Each directory is walked once, however many
 * symlinks lead to it. */
static int walk_dir(const char *dir, struct sl_strv *out, const char *pattern, int depth, struct seen *seen)
{
	size_t dl = strlen(dir);
	bool ebext = !pattern && dl >= 13 && strcmp(dir + dl - 13, ".ebextensions") == 0 &&
		     (dl == 13 || dir[dl - 14] == '/');
	struct stat dst;
	if (depth > 64 || stat(dir, &dst) != 0 || !seen_add(seen, &dst))
		return 0;
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	struct sl_strv names = { 0 };
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' && (e->d_name[1] == '\0' || (e->d_name[1] == '.' && e->d_name[2] == '\0')))
			continue;
		/* d_type spares a stat per file where the file system fills it */
		char ent[sizeof(e->d_name) + 1];
		ent[0] = e->d_type == DT_REG ? ENT_REG : e->d_type == DT_DIR ? ENT_DIR : ENT_OTHER;
		strcpy(ent + 1, e->d_name);
		if (sl_strv_push(&names, ent) < 0) {
			closedir(d);
			sl_strv_free(&names);
			return -1;
		}
	}
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof(char *), cmp_entry);
	int rc = 0;
	for (size_t i = 0; i < names.n && rc == 0; i++) {
		const char *name = names.v[i] + 1;
		char *path = join(dir, name);
		if (!path) {
			rc = -1;
			break;
		}
		struct stat st;
		/* a symlink or an unknown kind is stat()ed: it is what it leads to */
		bool known = names.v[i][0] != ENT_OTHER;
		if (known)
			st.st_mode = names.v[i][0] == ENT_REG ? S_IFREG : S_IFDIR;
		if (known || stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				bool hidden = name[0] == '.';
				/* a directory walk skips dependencies and hidden directories but
				 * Elastic Beanstalk's .ebextensions; a pattern matches what it says */
				bool skip = (!pattern && strcmp(name, "node_modules") == 0) ||
					    (hidden && !(pattern && pattern_wants_hidden(pattern)) &&
					     !(!pattern && strcmp(name, ".ebextensions") == 0)) ||
					    ebext;
				if (!skip)
					rc = walk_dir(path, out, pattern, depth + 1, seen);
			} else if (S_ISREG(st.st_mode)) {
				enum sl_file_kind k = pattern ? SL_FILE_TEMPLATE : sl_file_kind_of(path);
				bool keep = pattern ? sl_glob_match(pattern, path)
					    : ebext ? k == SL_FILE_EBEXTENSION
						    : template_ext(name) || k != SL_FILE_TEMPLATE;
				if (keep && sl_strv_push(out, path) < 0)
					rc = -1;
			}
		}
		free(path);
	}
	sl_strv_free(&names);
	return rc;
}

/* fnmatch on one path component list, with '**' matching any number of them. */
static bool match_parts(char **pat, size_t np, char **path, size_t nq)
{
	if (np == 0)
		return nq == 0;
	if (strcmp(pat[0], "**") == 0) {
		/* like Python's glob and bash's globstar: '**' does not enter hidden names */
		for (size_t k = 0; k <= nq; k++) {
			if (match_parts(pat + 1, np - 1, path + k, nq - k))
				return true;
			if (k < nq && path[k][0] == '.')
				return false;
		}
		return false;
	}
	if (nq == 0 || fnmatch(pat[0], path[0], FNM_PERIOD) != 0)
		return false;
	return match_parts(pat + 1, np - 1, path + 1, nq - 1);
}

static size_t split(char *s, char **parts, size_t max)
{
	size_t n = 0;
	for (char *tok = strtok(s, "/"); tok && n < max; tok = strtok(NULL, "/"))
		if (strcmp(tok, ".") != 0)
			parts[n++] = tok;
	return n;
}

bool sl_glob_match(const char *pattern, const char *path)
{
	char *p = strdup(pattern), *q = strdup(path);
	char *pp[128], *qp[128];
	bool r = false;
	if (p && q) {
		size_t np = split(p, pp, 128), nq = split(q, qp, 128);
		r = match_parts(pp, np, qp, nq);
	}
	free(p);
	free(q);
	return r;
}

static bool has_glob(const char *s)
{
	return strpbrk(s, "*?[") != NULL;
}

int sl_files_expand(const struct sl_cli *cli, struct sl_strv *files, bool **candidate,
		    enum sl_file_kind **kind, bool **kind_forced, size_t **dir_of, FILE *err)
{
	struct sl_strv out = { 0 };
	size_t cap = 0;
	bool *cand = NULL, *named = NULL;
	size_t *dir = NULL;
	int rc = 0;
	for (size_t i = 0; i < cli->inputs.n; i++) {
		const char *in = cli->inputs.v[i];
		size_t before = out.n;
		bool is_cand = true, is_named = false; /* named: a file or '-' as given */
		size_t from = SIZE_MAX;                /* the input, when it is a directory */
		struct stat st;
		if (strcmp(in, "-") == 0) {
			if (sl_strv_push(&out, in) < 0)
				return 1;
			is_cand = cli->only_templates; /* an editor's buffer of another YAML file */
			is_named = true;
		} else if (has_glob(in) && stat(in, &st) != 0) {
			/* the walk starts at the longest directory prefix without wildcards */
			char *base = strdup(in);
			if (!base)
				return 1;
			char *w = base + strcspn(base, "*?[");
			while (w > base && *w != '/')
				w--;
			if (*w == '/')
				*w = '\0';
			else
				strcpy(base, ".");
			if (base[0] == '\0')
				strcpy(base, "/");
			struct seen seen = { 0 };
			if (walk_dir(base, &out, in, 0, &seen) < 0)
				rc = 1;
			seen_free(&seen);
			free(base);
			if (out.n == before) {
				/* a CI step whose pattern went stale must not pass quietly */
				fprintf(err, "stacklint: pattern '%s' matches no file\n", in);
				rc = 1;
			}
			is_cand = cli->only_templates; /* a pattern names its files: lint them all */
		} else if (stat(in, &st) != 0) {
			fprintf(err, "stacklint: cannot read '%s': %s\n", in, strerror(errno));
			rc = 1;
			continue;
		} else if (S_ISDIR(st.st_mode)) {
			from = i;
			struct seen seen = { 0 };
			if (walk_dir(in, &out, NULL, 0, &seen) < 0)
				rc = 1;
			seen_free(&seen);
		} else {
			if (sl_strv_push(&out, in) < 0)
				return 1;
			is_cand = cli->only_templates;
			is_named = true;
		}
		if (out.n > cap) {
			size_t nc = out.cap;
			bool *p = realloc(cand, nc * sizeof(bool));
			if (!p)
				return 1;
			cand = p;
			p = realloc(named, nc * sizeof(bool));
			if (!p)
				return 1;
			named = p;
			size_t *d = realloc(dir, nc * sizeof(size_t));
			if (!d)
				return 1;
			dir = d;
			cap = nc;
		}
		for (size_t k = before; k < out.n; k++) {
			cand[k] = is_cand;
			named[k] = is_named;
			dir[k] = from;
		}
	}
	/* drop repeats and ignored templates, keeping the first occurrence */
	struct path_set kept = { NULL, 16 };
	while (kept.cap < out.n * 2)
		kept.cap *= 2;
	kept.v = calloc(kept.cap, sizeof(*kept.v));
	if (!kept.v)
		return 1;
	size_t k = 0;
	for (size_t i = 0; i < out.n; i++) {
		bool drop = false;
		for (size_t j = 0; j < cli->ignore_templates.n && !drop; j++)
			if (sl_glob_match(cli->ignore_templates.v[j], out.v[i]))
				drop = true;
		/* only a path kept enters the set: a dropped one is freed below */
		if (!drop && strcmp(out.v[i], "-") != 0)
			drop = path_set_add(&kept, out.v[i]) == 0;
		if (drop) {
			free(out.v[i]);
			continue;
		}
		out.v[k] = out.v[i];
		if (cand) {
			cand[k] = cand[i];
			named[k] = named[i];
			dir[k] = dir[i];
		}
		k++;
	}
	free(kept.v);
	out.n = k;
	enum sl_file_kind *kinds = calloc(k ? k : 1, sizeof(*kinds));
	bool *forced = calloc(k ? k : 1, sizeof(*forced));
	if (!dir)
		dir = calloc(1, sizeof(*dir));
	if (!kinds || !forced || !dir) {
		free(kinds);
		free(forced);
		free(named);
		free(dir);
		return 1;
	}
	for (size_t i = 0; i < k; i++) {
		bool is_stdin = strcmp(out.v[i], "-") == 0;
		if (named[i] && cli->set_file_type) {
			kinds[i] = cli->file_type;
			forced[i] = true;
		} else if (is_stdin) {
			kinds[i] = sl_file_kind_of(cli->stdin_filename);
		} else {
			kinds[i] = sl_file_kind_of(out.v[i]);
		}
	}
	free(named);
	*files = out;
	*candidate = cand;
	*kind = kinds;
	*kind_forced = forced;
	*dir_of = dir;
	return rc;
}
