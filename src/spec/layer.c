/*
 * Builds a layered resource specification (layer.h): the blob of a base spec,
 * copied table by table into growable arrays, plus the resource types of
 * CloudFormation registry schemas translated into shapes, properties, types,
 * constraints, relations and attributes, plus the property facts an override
 * spec patches, minus the resource types its filter removes; the hash tables
 * that index resources, shapes, properties and attributes are then rebuilt and
 * the whole is written out as a new blob, which sl_spec_load_memory() checks
 * like any other. Names are found through hash maps; the few linear scans
 * (a shape's properties for a patch, a schema's properties for a read-only
 * pointer) are bounded by MAX_ITEMS, so no file can make the work grow faster
 * than its size times that bound.
 *
 * The registry schemas are JSON Schema draft-07 as CloudFormation's resource
 * provider meta-schema restricts it; the subset translated here, and the JSON
 * Patch operations of an override spec that map onto the spec's facts, are
 * listed in docs/override-spec.md. Anything else is refused with a message
 * naming the file, line and column, never skipped in silence.
 */
#include "spec/layer.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load/load.h"
#include "load/node.h"
#include "spec/blob.h"
#include "spec/pattern.h"
#include "util/arena.h"
#include "util/readfile.h"
#include "util/text.h"

#define MAX_FILE_SIZE (16u << 20) /* one schema or override file */
#define MAX_DEPTH 64              /* nesting of schemas, of directories */
#define MAX_FILES 100000
#define MAX_ITEMS 10000 /* properties of an object, definitions, read-only pointers, patches */
#define NO_OWNER UINT32_MAX

/* --- growable tables ------------------------------------------------------ */

struct vec {
	unsigned char *p;
	size_t n, cap; /* records */
	uint32_t rsz;
};

/* A map from strings (copied) to indexes: open addressing, load <= 0.5. */
struct smap {
	struct sent {
		char *key;
		size_t len;
		uint32_t value;
	} *e;
	size_t size, n;
};

static uint32_t smap_get(const struct smap *m, const char *key, size_t len)
{
	if (!m->size)
		return UINT32_MAX;
	size_t at = sl_spec_hash(NO_OWNER, key, len) & (m->size - 1);
	for (; m->e[at].key; at = (at + 1) & (m->size - 1))
		if (m->e[at].len == len && memcmp(m->e[at].key, key, len) == 0)
			return m->e[at].value;
	return UINT32_MAX;
}

/* Adds or replaces key's value. Returns 0, or -1 when memory runs out. */
static int smap_put(struct smap *m, const char *key, size_t len, uint32_t value)
{
	if (2 * (m->n + 1) > m->size) {
		size_t size = m->size ? m->size * 2 : 64;
		struct sent *e = calloc(size, sizeof *e);
		if (!e)
			return -1;
		for (size_t i = 0; i < m->size; i++) {
			if (!m->e[i].key)
				continue;
			size_t at = sl_spec_hash(NO_OWNER, m->e[i].key, m->e[i].len) & (size - 1);
			while (e[at].key)
				at = (at + 1) & (size - 1);
			e[at] = m->e[i];
		}
		free(m->e);
		m->e = e;
		m->size = size;
	}
	size_t at = sl_spec_hash(NO_OWNER, key, len) & (m->size - 1);
	for (; m->e[at].key; at = (at + 1) & (m->size - 1)) {
		if (m->e[at].len == len && memcmp(m->e[at].key, key, len) == 0) {
			m->e[at].value = value;
			return 0;
		}
	}
	char *k = malloc(len + 1);
	if (!k)
		return -1;
	memcpy(k, key, len);
	k[len] = '\0';
	m->e[at] = (struct sent){ k, len, value };
	m->n++;
	return 0;
}

static void smap_free(struct smap *m)
{
	for (size_t i = 0; i < m->size; i++)
		free(m->e[i].key);
	free(m->e);
	memset(m, 0, sizeof *m);
}

struct builder {
	struct vec t[T_COUNT];
	uint32_t source, constraint_source; /* string offsets of the header's strings */
	uint32_t base_shapes;               /* shapes below this id come from the base */
	struct smap shapes;                 /* shapes added since: name -> id */
	const struct sl_spec *base;
	/* the resource types of registry schemas, in the order read: name -> k,
	 * added_res[k] its resource index, added_file[k] the file defining it */
	struct smap added;
	uint32_t *added_res;
	char **added_file;
	size_t nadded;
	bool oom;
	char *err;
	size_t errlen;
	const struct sl_doc *doc; /* the file being read (one at a time), for positions */
};

static void *vec_at(struct vec *v, size_t i)
{
	return v->p + i * v->rsz;
}

/* Appends n records (copied from src, or zeroed when src is NULL); returns the
 * index of the first, or UINT32_MAX when memory runs out (b->oom is set). */
static uint32_t push(struct builder *b, enum sl_spec_table t, const void *src, size_t n)
{
	struct vec *v = &b->t[t];
	if (b->oom || v->n + n >= UINT32_MAX - 1) {
		b->oom = true;
		return UINT32_MAX;
	}
	if (v->n + n > v->cap) {
		size_t cap = v->cap ? v->cap : 64;
		while (cap < v->n + n)
			cap *= 2;
		unsigned char *p = realloc(v->p, cap * v->rsz);
		if (!p) {
			b->oom = true;
			return UINT32_MAX;
		}
		v->p = p;
		v->cap = cap;
	}
	if (src)
		memcpy(v->p + v->n * v->rsz, src, n * v->rsz);
	else
		memset(v->p + v->n * v->rsz, 0, n * v->rsz);
	uint32_t at = (uint32_t)v->n;
	v->n += n;
	return at;
}

static uint32_t push_str(struct builder *b, const char *s, size_t len)
{
	uint32_t at = push(b, T_STR, s, len);
	push(b, T_STR, "", 1);
	return at;
}

static uint32_t push_type(struct builder *b, enum sl_spec_kind kind, uint32_t n, uint32_t arg)
{
	struct sl_spec_type t = { .kind = (uint8_t)kind, .n = (uint16_t)n, .arg = arg };
	return push(b, T_TYPE, &t, 1);
}

static const char *str_at(struct builder *b, uint32_t off)
{
	return (const char *)b->t[T_STR].p + off;
}

static struct shape_rec *shape_at(struct builder *b, uint32_t id)
{
	return vec_at(&b->t[T_SHAPE], id);
}

static int failf(struct builder *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int failf(struct builder *b, const char *fmt, ...)
{
	if (b->err && b->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(b->err, b->errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* A message about node n of file `file`: "file:line:col: ...". */
static int fail_at(struct builder *b, const char *file, const struct sl_node *n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int fail_at(struct builder *b, const char *file, const struct sl_node *n, const char *fmt, ...)
{
	char msg[400];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (n && b->doc) {
		struct sl_position p = sl_doc_pos(b->doc, n->start);
		return failf(b, "%s:%u:%u: %s", file, p.line, p.column, msg);
	}
	return failf(b, "%s: %s", file, msg);
}

/* Copies every table of the base blob. */
static int builder_init(struct builder *b, const struct sl_spec *base)
{
	size_t size;
	const unsigned char *blob = sl_spec_blob_bytes(base, &size);
	b->base = base;
	for (int t = 0; t < T_COUNT; t++) {
		uint32_t off, count;
		memcpy(&off, blob + 32 + 8 * t, 4);
		memcpy(&count, blob + 36 + 8 * t, 4);
		b->t[t].rsz = sl_spec_record_size[t];
		if (t == T_H_RES || t == T_H_PROP || t == T_H_ATTR || t == T_H_SHAPE)
			continue; /* rebuilt by finish_tables() */
		if (count && push(b, t, blob + off, count) == UINT32_MAX)
			return failf(b, "out of memory");
	}
	memcpy(&b->source, blob + 20, 4);
	memcpy(&b->constraint_source, blob + 28, 4);
	b->base_shapes = (uint32_t)b->t[T_SHAPE].n;
	return 0;
}

static void builder_free(struct builder *b)
{
	for (int t = 0; t < T_COUNT; t++)
		free(b->t[t].p);
	smap_free(&b->added);
	smap_free(&b->shapes);
	for (size_t i = 0; i < b->nadded; i++)
		free(b->added_file[i]);
	free(b->added_file);
	free(b->added_res);
}

/* The shape called name: the newest one added, else the base's; SL_SPEC_NONE. */
static uint32_t find_shape(struct builder *b, const char *name, size_t len)
{
	uint32_t id = smap_get(&b->shapes, name, len);
	return id != UINT32_MAX ? id : sl_spec_shape_find(b->base, name, len);
}

/* The index of the resource record called name, or SL_SPEC_NONE. (Until
 * finish_tables() the base's resources keep their ids.) */
static uint32_t find_res(struct builder *b, const char *name, size_t len)
{
	uint32_t k = smap_get(&b->added, name, len);
	return k != UINT32_MAX ? b->added_res[k] : sl_spec_resource(b->base, name, len);
}

/* Gives shape `shape` the n properties in props (sorted here by name) as a new
 * run at the end of the property table; the old run is left unreferenced. */
/* The builder whose string pool the comparators below read: qsort has no
 * context argument, and a spec is layered once, on one thread, at start-up. */
static _Thread_local struct builder *sort_builder;

static int by_prop_name(const void *a, const void *b)
{
	const struct sl_spec_prop *x = a, *y = b;
	return strcmp(str_at(sort_builder, x->name), str_at(sort_builder, y->name));
}

static int set_props(struct builder *b, uint32_t shape, struct sl_spec_prop *props, size_t n)
{
	if (b->oom) /* names or the shape may be missing: nothing to sort */
		return failf(b, "out of memory");
	sort_builder = b;
	if (n > 1) /* props may be NULL when there are none */
		qsort(props, n, sizeof *props, by_prop_name);
	uint32_t first = n ? push(b, T_PROP, props, n) : (uint32_t)b->t[T_PROP].n;
	if (b->oom)
		return failf(b, "out of memory");
	shape_at(b, shape)->prop_first = first;
	shape_at(b, shape)->nprops = (uint32_t)n;
	return 0;
}

/* --- JSON files --------------------------------------------------------------- */

struct jfile {
	const char *path;
	struct sl_arena arena;
	char *buf;
	struct sl_doc doc;
};

/* Reads and parses the JSON object in path. Returns 0 (f->doc.root is a map),
 * or -1 with the message in b. */
static int jfile_load(struct builder *b, struct jfile *f, const char *path, const char *what)
{
	memset(f, 0, sizeof *f);
	f->path = path;
	sl_arena_init(&f->arena);
	size_t len;
	int rc = sl_read_regular(path, MAX_FILE_SIZE, &f->buf, &len);
	if (rc < 0)
		return failf(b, "cannot read %s '%s': %s", what, path,
			     errno == EINVAL ? "not a regular file" : strerror(errno));
	if (rc > 0)
		return failf(b, "%s '%s' is %zu bytes, over the limit of %u bytes", what, path, len, MAX_FILE_SIZE);
	size_t i = len >= 3 && memcmp(f->buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	unsigned line = 1, col = 1;
	for (; i < len && f->buf[i] && strchr(" \t\r\n", f->buf[i]); i++) {
		if (f->buf[i] == '\n')
			line++, col = 1;
		else
			col++;
	}
	if (i == len || f->buf[i] != '{')
		return failf(b, "%s:%u:%u: expected a JSON object ('{')", path, line, col);
	struct sl_load_opts lo = { .json_only = true };
	if (sl_load(&f->doc, &f->arena, f->buf, len, &lo) < 0)
		return failf(b, "out of memory");
	for (size_t d = 0; d < f->doc.n_diags; d++) {
		const struct sl_ldiag *g = &f->doc.diags[d];
		if (g->severity == SL_SEV_ERROR)
			return failf(b, "%s:%u:%u: %s", path, g->start.line, g->start.column, g->message);
	}
	if (!sl_node_is(f->doc.root, SL_MAP))
		return failf(b, "%s:%u:%u: expected a JSON object ('{')", path, line, col);
	b->doc = &f->doc;
	return 0;
}

static void jfile_free(struct builder *b, struct jfile *f)
{
	b->doc = NULL;
	sl_arena_free(&f->arena);
	free(f->buf);
}

static bool is_string(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && n->style != SL_PLAIN;
}

/* A JSON number as a double; false when n is not one. */
static bool number_of(const struct sl_node *n, double *out)
{
	if (!sl_node_is(n, SL_SCALAR) || n->style != SL_PLAIN)
		return false;
	enum sl_scalar_type t = sl_scalar_type(n);
	if (t != SL_TYPE_INT && t != SL_TYPE_FLOAT)
		return false;
	char *end;
	*out = strtod(n->str, &end);
	return *end == '\0';
}

/* A JSON non-negative integer below SL_SPEC_NONE. */
static bool count_of(const struct sl_node *n, uint32_t *out)
{
	double d;
	if (!number_of(n, &d) || d < 0 || d >= (double)SL_SPEC_NONE || d != (double)(uint32_t)d)
		return false;
	*out = (uint32_t)d;
	return true;
}

/* --- ECMA-262 patterns for PCRE2 ----------------------------------------------- */


static long u_escape(const char *p, size_t len, size_t i)
{
	if (i + 6 > len || p[i] != '\\' || p[i + 1] != 'u')
		return -1;
	long v = 0;
	for (size_t k = 2; k < 6; k++) {
		int h = sl_hexval(p[i + k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* The pattern as the spec stores it for PCRE2 (as tools/gen_spec.py writes
 * the built-in ones): \uXXXX escapes (a surrogate pair as the code point it
 * encodes) and control characters as \x{..}; a dash after a class escape in
 * a character class escaped, as ECMA-262 reads it. Malloc'd; NULL on OOM. */
static char *pcre_text(const char *p, size_t len)
{
	char *out = malloc(len * 8 + 1), *o = out;
	if (!out)
		return NULL;
	bool in_class = false;
	for (size_t i = 0; i < len;) {
		long u = u_escape(p, len, i);
		if (u >= 0) {
			long lo = u >= 0xD800 && u <= 0xDBFF ? u_escape(p, len, i + 6) : -1;
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				o += sprintf(o, "\\x{%lx}", 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
				i += 12;
			} else {
				o += sprintf(o, "\\x{%lx}", u);
				i += 6;
			}
			continue;
		}
		unsigned char c = (unsigned char)p[i];
		if (c == '\\' && i + 1 < len) {
			*o++ = '\\';
			*o++ = p[i + 1];
			bool class_escape = strchr("wWdDsS", p[i + 1]) != NULL;
			i += 2;
			if (in_class && class_escape && i + 1 < len && p[i] == '-' && p[i + 1] != ']') {
				*o++ = '\\';
				*o++ = '-';
				i++;
			}
			continue;
		}
		if (c < 0x20 || c == 0x7F)
			o += sprintf(o, "\\x{%x}", c);
		else
			*o++ = (char)c;
		if (c == '[' && !in_class)
			in_class = true;
		else if (c == ']' && in_class)
			in_class = false;
		i++;
	}
	*o = '\0';
	return out;
}

/* --- registry schemas ------------------------------------------------------------- */

/* One schema file being translated. */
struct conv {
	struct builder *b;
	const char *file;
	const char *type_name;
	const struct sl_node *root, *defs;
	struct smap def_index; /* definition name -> index in defs */
	/* by definition index: translated (type, cons), or being translated (busy;
	 * type is set once an object definition has reserved its shape) */
	struct memo {
		uint32_t type, cons;
		uint8_t state; /* 0 not yet, 1 busy, 2 done */
	} *memo;
	size_t defining; /* the definition whose own schema conv_schema() is given next */
};

static int conv_schema(struct conv *c, const struct sl_node *s, const char *hint, uint32_t *type, uint32_t *cons,
		       int depth);

static const struct sl_spec_constraint no_constraint = {
	.min_length = SL_SPEC_NONE, .max_length = SL_SPEC_NONE,
	.min_items = SL_SPEC_NONE,  .max_items = SL_SPEC_NONE,
	.items = SL_SPEC_NONE,
};

/* Reads the value keywords of schema s into k (pattern, lengths, range, item
 * counts, uniqueItems). Returns 1 when s states one, 0 when none, -1 on error. */
static int read_constraint(struct conv *c, const struct sl_node *s, struct sl_spec_constraint *k)
{
	int any = 0;
	const struct sl_node *v;
	struct {
		const char *key;
		uint32_t *field;
	} counts[] = {
		{ "minLength", &k->min_length }, { "maxLength", &k->max_length },
		{ "minItems", &k->min_items },   { "maxItems", &k->max_items },
	};
	for (size_t i = 0; i < sizeof counts / sizeof counts[0]; i++) {
		if (!(v = sl_map_get(s, counts[i].key)))
			continue;
		if (!count_of(v, counts[i].field))
			return fail_at(c->b, c->file, v, "'%s' must be a non-negative integer", counts[i].key);
		any = 1;
	}
	if ((v = sl_map_get(s, "minimum"))) {
		if (!number_of(v, &k->minimum))
			return fail_at(c->b, c->file, v, "'minimum' must be a number");
		k->flags |= SL_SPEC_HAS_MIN, any = 1;
	}
	if ((v = sl_map_get(s, "maximum"))) {
		if (!number_of(v, &k->maximum))
			return fail_at(c->b, c->file, v, "'maximum' must be a number");
		k->flags |= SL_SPEC_HAS_MAX, any = 1;
	}
	/* an exclusive bound taken as inclusive: only the bound itself goes unreported */
	if (!(k->flags & SL_SPEC_HAS_MIN) && (v = sl_map_get(s, "exclusiveMinimum")) && number_of(v, &k->minimum))
		k->flags |= SL_SPEC_HAS_MIN, any = 1;
	if (!(k->flags & SL_SPEC_HAS_MAX) && (v = sl_map_get(s, "exclusiveMaximum")) && number_of(v, &k->maximum))
		k->flags |= SL_SPEC_HAS_MAX, any = 1;
	if ((v = sl_map_get(s, "uniqueItems"))) {
		int u = sl_node_is(v, SL_SCALAR) && v->style == SL_PLAIN ? sl_scalar_bool(v) : -1;
		if (u < 0)
			return fail_at(c->b, c->file, v, "'uniqueItems' must be true or false");
		k->flags |= u ? SL_SPEC_UNIQUE_ITEMS : SL_SPEC_DUPLICATES_ALLOWED;
		any = 1;
	}
	if ((v = sl_map_get(s, "pattern"))) {
		if (!is_string(v))
			return fail_at(c->b, c->file, v, "'pattern' must be a string");
		char *pat = pcre_text(v->str, v->len);
		if (!pat)
			return failf(c->b, "out of memory");
		char msg[200];
		if (sl_pattern_check(pat, msg, sizeof msg) != 0) {
			free(pat);
			return fail_at(c->b, c->file, v, "'pattern' is not a regular expression stacklint can "
				       "compile: %s", msg);
		}
		k->pattern = push_str(c->b, pat, strlen(pat));
		free(pat);
		any = 1;
	}
	return any;
}

/* The allowed values of an enum (or const) of scalars, as a STRING or INTEGER
 * type; *type is left alone when s has neither. */
static int read_enum(struct conv *c, const struct sl_node *s, enum sl_spec_kind kind, uint32_t *type)
{
	const struct sl_node *e = sl_map_get(s, "enum"), *k = sl_map_get(s, "const");
	const struct sl_node *one[1] = { k };
	const struct sl_node *const *items = one;
	size_t n = 1;
	if (e) {
		if (!sl_node_is(e, SL_SEQ) || e->len == 0 || e->len > UINT16_MAX)
			return fail_at(c->b, c->file, e, "'enum' must be a non-empty list");
		items = (const struct sl_node *const *)e->items;
		n = e->len;
	} else if (!k) {
		return 0;
	}
	uint32_t first = (uint32_t)c->b->t[T_AUX].n;
	for (size_t i = 0; i < n; i++) {
		const struct sl_node *v = items[i];
		if (!sl_node_is(v, SL_SCALAR) || (kind == SL_SPEC_INTEGER && is_string(v)))
			return fail_at(c->b, c->file, v, "the allowed values of a %s must be %ss",
				       kind == SL_SPEC_STRING ? "string" : "integer",
				       kind == SL_SPEC_STRING ? "string" : "integer");
		uint32_t off = push_str(c->b, v->str, v->len);
		push(c->b, T_AUX, &off, 1);
	}
	*type = push_type(c->b, kind, (uint32_t)n, first);
	return 0;
}

/* The local definition a "$ref" names ("#/definitions/Name"), translated once. */
static int conv_ref(struct conv *c, const struct sl_node *ref, uint32_t *type, uint32_t *cons, int depth)
{
	static const char prefix[] = "#/definitions/";
	if (!is_string(ref) || ref->len <= sizeof prefix - 1 || memcmp(ref->str, prefix, sizeof prefix - 1) != 0)
		return fail_at(c->b, c->file, ref, "'$ref' must name a definition of this schema "
			       "(\"#/definitions/Name\"); other references are not read");
	const char *name = ref->str + sizeof prefix - 1;
	size_t len = ref->len - (sizeof prefix - 1);
	if (!c->root) {
		/* a patch of a type stacklint has no schema of: the nested type the
		 * spec keeps under the definition's name */
		char full[600];
		snprintf(full, sizeof full, "%s.%.*s", c->type_name, (int)len, name);
		uint32_t shape = find_shape(c->b, full, strlen(full));
		if (shape == SL_SPEC_NONE)
			return fail_at(c->b, c->file, ref, "%s has no nested type '%s' to refer to",
				       c->type_name, name);
		*type = push_type(c->b, SL_SPEC_SHAPE, 0, shape);
		return 0;
	}
	uint32_t at = smap_get(&c->def_index, name, len);
	if (at == UINT32_MAX)
		return fail_at(c->b, c->file, ref, "'$ref' names '%s', which is not among the schema's "
			       "definitions", name);
	struct memo *m = &c->memo[at];
	if (m->state == 2 || (m->state == 1 && m->type != SL_SPEC_NONE)) {
		*type = m->type;
		*cons = m->cons;
		return 0;
	}
	if (m->state == 1)
		return fail_at(c->b, c->file, ref, "definition '%s' refers to itself other than through an "
			       "object's properties", name);
	*m = (struct memo){ .type = SL_SPEC_NONE, .cons = SL_SPEC_NONE, .state = 1 };
	const struct sl_pair *def = &c->defs->pairs[at];
	c->defining = at;
	int rc = conv_schema(c, def->value, def->key->str, type, cons, depth + 1);
	c->memo[at] = (struct memo){ .type = *type, .cons = *cons, .state = 2 };
	return rc;
}

/* The properties of an object schema s become shape `shape`: each property
 * translated, `required` flags, and the relations its oneOf, anyOf and
 * dependencies state. `skip` names properties to leave out (read-only ones of
 * a resource), NULL-terminated node pointers compared by name. */
static int conv_shape(struct conv *c, const struct sl_node *s, uint32_t shape, const struct sl_node *const *skip,
		      int depth);

/* The shape for an object schema with properties, reserved before its
 * properties are translated (so that definitions may refer to it). */
static uint32_t new_shape(struct conv *c, const char *hint)
{
	char name[600];
	if (hint)
		snprintf(name, sizeof name, "%s.%s", c->type_name, hint);
	else
		snprintf(name, sizeof name, "%s", c->type_name);
	struct shape_rec r = { .name = push_str(c->b, name, strlen(name)) };
	uint32_t id = push(c->b, T_SHAPE, &r, 1);
	if (id != UINT32_MAX && smap_put(&c->b->shapes, name, strlen(name), id) != 0)
		c->b->oom = true;
	return id;
}

static enum sl_spec_kind kind_of_name(const struct sl_node *t)
{
	static const struct {
		const char *name;
		enum sl_spec_kind kind;
	} kinds[] = {
		{ "string", SL_SPEC_STRING },  { "integer", SL_SPEC_INTEGER }, { "number", SL_SPEC_NUMBER },
		{ "boolean", SL_SPEC_BOOLEAN }, { "array", SL_SPEC_LIST },     { "object", SL_SPEC_SHAPE },
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (sl_str_eq(t, kinds[i].name))
			return kinds[i].kind;
	return SL_SPEC_ANY;
}

static int conv_object(struct conv *c, const struct sl_node *s, const char *hint, uint32_t *type, int depth,
		       size_t defining)
{
	const struct sl_node *props = sl_map_get(s, "properties");
	const struct sl_node *addl = sl_map_get(s, "additionalProperties");
	const struct sl_node *pat = sl_map_get(s, "patternProperties");
	if (props && !sl_node_is(props, SL_MAP))
		return fail_at(c->b, c->file, props, "'properties' must be an object");
	bool closed = addl && sl_node_is(addl, SL_SCALAR) && addl->style == SL_PLAIN && sl_scalar_bool(addl) == 0;
	if (props && closed) {
		uint32_t shape = new_shape(c, hint);
		if (c->b->oom)
			return failf(c->b, "out of memory");
		*type = push_type(c->b, SL_SPEC_SHAPE, 0, shape);
		/* a definition that refers to itself through a property finds this type */
		if (defining != SIZE_MAX)
			c->memo[defining].type = *type;
		return conv_shape(c, s, shape, NULL, depth);
	}
	/* an object that takes keys of its own: a map of the one value schema */
	const struct sl_node *val = NULL;
	if (!props && sl_node_is(pat, SL_MAP) && pat->len == 1)
		val = pat->pairs[0].value;
	else if (!props && !pat && sl_node_is(addl, SL_MAP))
		val = addl;
	if (val) {
		uint32_t vt, vc;
		if (conv_schema(c, val, hint, &vt, &vc, depth + 1) != 0)
			return -1;
		*type = push_type(c->b, SL_SPEC_MAP, 0, vt);
		return 0;
	}
	/* free-form, or open to properties it does not list: not judged inside */
	*type = push_type(c->b, SL_SPEC_JSON, 0, 0);
	return 0;
}

static int conv_schema(struct conv *c, const struct sl_node *s, const char *hint, uint32_t *type, uint32_t *cons,
		       int depth)
{
	size_t defining = c->defining;
	c->defining = SIZE_MAX;
	*type = SL_SPEC_NONE;
	*cons = SL_SPEC_NONE;
	if (depth > MAX_DEPTH)
		return fail_at(c->b, c->file, s, "schema nested more than %d levels deep", MAX_DEPTH);
	if (!sl_node_is(s, SL_MAP))
		return fail_at(c->b, c->file, s, "a property's schema must be an object");
	const struct sl_node *ref = sl_map_get(s, "$ref");
	if (ref)
		return conv_ref(c, ref, type, cons, depth);
	const struct sl_node *t = sl_map_get(s, "type");
	enum sl_spec_kind kind = SL_SPEC_ANY;
	if (t && sl_node_is(t, SL_SEQ)) {
		/* several types: any of them, each unconstrained */
		uint32_t members[8], n = 0;
		for (size_t i = 0; i < t->len; i++) {
			enum sl_spec_kind k = kind_of_name(t->items[i]);
			if (k == SL_SPEC_ANY)
				return fail_at(c->b, c->file, t->items[i], "unknown type (string, integer, "
					       "number, boolean, array or object)");
			if (n < 8)
				members[n++] = push_type(c->b, k == SL_SPEC_SHAPE ? SL_SPEC_JSON :
							 k == SL_SPEC_LIST ? SL_SPEC_ANY : k, 0, 0);
		}
		if (n == 1) {
			*type = members[0];
			return 0;
		}
		uint32_t first = push(c->b, T_AUX, members, n);
		*type = push_type(c->b, SL_SPEC_UNION, n, first);
		return c->b->oom ? failf(c->b, "out of memory") : 0;
	}
	if (t) {
		kind = kind_of_name(t);
		if (kind == SL_SPEC_ANY)
			return fail_at(c->b, c->file, t, "unknown type (string, integer, number, boolean, "
				       "array or object)");
	} else if (sl_map_get(s, "properties") || sl_map_get(s, "patternProperties")) {
		kind = SL_SPEC_SHAPE;
	} else if (sl_map_get(s, "items")) {
		kind = SL_SPEC_LIST;
	}
	struct sl_spec_constraint k = no_constraint;
	int has = read_constraint(c, s, &k);
	if (has < 0)
		return -1;
	switch (kind) {
	case SL_SPEC_STRING:
	case SL_SPEC_INTEGER:
		*type = push_type(c->b, kind, 0, 0);
		if (read_enum(c, s, kind, type) != 0)
			return -1;
		break;
	case SL_SPEC_NUMBER:
	case SL_SPEC_BOOLEAN:
		*type = push_type(c->b, kind, 0, 0);
		break;
	case SL_SPEC_LIST: {
		const struct sl_node *items = sl_map_get(s, "items");
		uint32_t et = SL_SPEC_NONE, ec = SL_SPEC_NONE;
		if (items) {
			if (conv_schema(c, items, hint, &et, &ec, depth + 1) != 0)
				return -1;
		} else {
			et = push_type(c->b, SL_SPEC_ANY, 0, 0);
		}
		*type = push_type(c->b, SL_SPEC_LIST, 0, et);
		if (ec != SL_SPEC_NONE) {
			k.items = ec;
			has = 1;
		}
		break;
	}
	case SL_SPEC_SHAPE:
		if (conv_object(c, s, hint, type, depth, defining) != 0)
			return -1;
		break;
	default:
		/* no type: a oneOf/anyOf/allOf of shapes, or anything: accept any value */
		*type = push_type(c->b, SL_SPEC_ANY, 0, 0);
		has = 0;
		break;
	}
	if (has > 0)
		*cons = push(c->b, T_CONS, &k, 1);
	return c->b->oom ? failf(c->b, "out of memory") : 0;
}

/* "A,B" from a list of property names (a `required` branch). */
static uint32_t group_of(struct conv *c, const struct sl_node *req)
{
	size_t len = 0;
	for (size_t i = 0; i < req->len; i++)
		len += req->items[i]->len + 1;
	char *g = malloc(len + 1), *o = g;
	if (!g) {
		c->b->oom = true;
		return 0;
	}
	for (size_t i = 0; i < req->len; i++) {
		if (i)
			*o++ = ',';
		memcpy(o, req->items[i]->str, req->items[i]->len);
		o += req->items[i]->len;
	}
	uint32_t off = push_str(c->b, g, (size_t)(o - g));
	free(g);
	return off;
}

static bool string_list(const struct sl_node *n)
{
	if (!sl_node_is(n, SL_SEQ))
		return false;
	for (size_t i = 0; i < n->len; i++)
		if (!is_string(n->items[i]))
			return false;
	return true;
}

/* A oneOf or anyOf whose every branch only lists required properties: a
 * relation between those groups. Other oneOfs (choices between shapes of a
 * value) say nothing the spec can hold and are left out. */
static void conv_choice(struct conv *c, const struct sl_node *s, const char *key, enum sl_spec_relation_kind kind,
			uint32_t shape)
{
	const struct sl_node *alts = sl_map_get(s, key);
	if (!sl_node_is(alts, SL_SEQ) || alts->len == 0)
		return;
	for (size_t i = 0; i < alts->len; i++) {
		const struct sl_node *a = alts->items[i];
		if (!sl_node_is(a, SL_MAP) || a->len != 1 || !string_list(sl_map_get(a, "required")))
			return;
	}
	uint32_t first = (uint32_t)c->b->t[T_AUX].n;
	for (size_t i = 0; i < alts->len; i++) {
		uint32_t g = group_of(c, sl_map_get(alts->items[i], "required"));
		push(c->b, T_AUX, &g, 1);
	}
	struct sl_spec_relation r = { .shape = shape, .kind = kind, .first = first,
				      .ngroups = (uint32_t)alts->len };
	push(c->b, T_REL, &r, 1);
}

static bool skipped(const struct sl_node *k, const struct sl_node *const *skip)
{
	for (; skip && *skip; skip++)
		if ((*skip)->len == k->len && memcmp((*skip)->str, k->str, k->len) == 0)
			return true;
	return false;
}

static int conv_shape(struct conv *c, const struct sl_node *s, uint32_t shape, const struct sl_node *const *skip,
		      int depth)
{
	const struct sl_node *props = sl_map_get(s, "properties");
	const struct sl_node *req = sl_map_get(s, "required");
	if (req && (!string_list(req) || req->len > MAX_ITEMS))
		return fail_at(c->b, c->file, req, "'required' must be a list of at most %d property names",
			       MAX_ITEMS);
	size_t n = props ? props->len : 0;
	if (n > MAX_ITEMS)
		return fail_at(c->b, c->file, props, "more than %d properties", MAX_ITEMS);
	struct sl_spec_prop *pv = calloc(n ? n : 1, sizeof *pv);
	struct smap names = { 0 }; /* property name -> index in pv */
	if (!pv)
		return failf(c->b, "out of memory");
	size_t np = 0;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const struct sl_node *k = props->pairs[i].key;
		if (skipped(k, skip))
			continue;
		struct sl_spec_prop p = { .name = push_str(c->b, k->str, k->len) };
		rc = conv_schema(c, props->pairs[i].value, k->str, &p.type, &p.constraint, depth + 1);
		if (rc == 0 && smap_put(&names, k->str, k->len, (uint32_t)np) != 0)
			rc = failf(c->b, "out of memory");
		pv[np++] = p;
	}
	for (size_t r = 0; rc == 0 && req && r < req->len; r++) {
		const struct sl_node *name = req->items[r];
		uint32_t at = smap_get(&names, name->str, name->len);
		if (at != UINT32_MAX)
			pv[at].flags |= SL_SPEC_REQUIRED;
		else if (!sl_map_get_pair_n(props, name->str, name->len))
			rc = fail_at(c->b, c->file, name, "'required' names '%s', which is not among the "
				     "properties", name->str);
	}
	if (rc == 0)
		rc = set_props(c->b, shape, pv, np);
	free(pv);
	smap_free(&names);
	if (rc != 0)
		return -1;
	conv_choice(c, s, "oneOf", SL_SPEC_REL_ONE_OF, shape);
	conv_choice(c, s, "anyOf", SL_SPEC_REL_ANY_OF, shape);
	const struct sl_node *deps = sl_map_get(s, "dependencies");
	for (size_t i = 0; sl_node_is(deps, SL_MAP) && i < deps->len; i++) {
		const struct sl_node *need = deps->pairs[i].value;
		if (!string_list(need) || need->len == 0)
			continue; /* a schema dependency: not a relation the spec holds */
		uint32_t first = (uint32_t)c->b->t[T_AUX].n;
		for (size_t j = 0; j < need->len; j++) {
			uint32_t g = push_str(c->b, need->items[j]->str, need->items[j]->len);
			push(c->b, T_AUX, &g, 1);
		}
		const struct sl_node *key = deps->pairs[i].key;
		struct sl_spec_relation r = { .shape = shape, .kind = SL_SPEC_REL_REQUIRES,
					      .key = push_str(c->b, key->str, key->len), .first = first,
					      .ngroups = (uint32_t)need->len };
		push(c->b, T_REL, &r, 1);
	}
	return c->b->oom ? failf(c->b, "out of memory") : 0;
}

/* "/properties/A/B" -> the schema of A, then of B among A's properties (through
 * $ref); NULL when the pointer does not lead to one. */
static const struct sl_node *resolve_pointer(struct conv *c, const char *ptr, size_t len)
{
	static const char prefix[] = "/properties/";
	if (len <= sizeof prefix - 1 || memcmp(ptr, prefix, sizeof prefix - 1) != 0)
		return NULL;
	const struct sl_node *s = c->root;
	const char *p = ptr + sizeof prefix - 1, *end = ptr + len;
	for (int guard = 0; p < end && guard < MAX_DEPTH; guard++) {
		const char *slash = memchr(p, '/', (size_t)(end - p));
		size_t seg = slash ? (size_t)(slash - p) : (size_t)(end - p);
		for (int hops = 0; s && sl_map_get(s, "$ref") && hops < MAX_DEPTH; hops++) {
			const struct sl_node *ref = sl_map_get(s, "$ref");
			if (!is_string(ref) || ref->len <= 14 || memcmp(ref->str, "#/definitions/", 14) != 0)
				return NULL;
			s = sl_map_get_pair_n(c->defs, ref->str + 14, ref->len - 14) ?
				    sl_map_get_pair_n(c->defs, ref->str + 14, ref->len - 14)->value : NULL;
		}
		s = sl_map_get_pair_n(sl_map_get(s, "properties"), p, seg) ?
			    sl_map_get_pair_n(sl_map_get(s, "properties"), p, seg)->value : NULL;
		if (!s)
			return NULL;
		p += seg + (slash ? 1 : 0);
	}
	return s;
}

struct attr_list {
	struct attr_rec *v;
	size_t n, cap;
};

static int add_attr(struct conv *c, struct attr_list *l, const char *name, uint32_t type)
{
	if (l->n >= MAX_ITEMS)
		return failf(c->b, "%s: more than %d GetAtt attributes", c->file, MAX_ITEMS);
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		struct attr_rec *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return failf(c->b, "out of memory");
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct attr_rec){ .name = push_str(c->b, name, strlen(name)), .type = type };
	return 0;
}

/* The GetAtt attributes of a read-only property called name: itself, or for
 * an object its properties, "Name.Sub" (as cfn-lint names them). */
static int attrs_of(struct conv *c, struct attr_list *l, const char *name, const struct sl_node *s, int depth)
{
	for (int hops = 0; sl_map_get(s, "$ref") && hops < MAX_DEPTH; hops++) {
		const struct sl_node *ref = sl_map_get(s, "$ref");
		if (!is_string(ref) || ref->len <= 14 || memcmp(ref->str, "#/definitions/", 14) != 0)
			break;
		const struct sl_pair *d = sl_map_get_pair_n(c->defs, ref->str + 14, ref->len - 14);
		if (!d)
			break;
		s = d->value;
	}
	const struct sl_node *props = sl_map_get(s, "properties");
	if (sl_str_eq(sl_map_get(s, "type"), "object") && sl_node_is(props, SL_MAP) && depth < 8) {
		for (size_t i = 0; i < props->len; i++) {
			char sub[600];
			snprintf(sub, sizeof sub, "%s.%s", name, props->pairs[i].key->str);
			if (attrs_of(c, l, sub, props->pairs[i].value, depth + 1) != 0)
				return -1;
		}
		return 0;
	}
	uint32_t type, cons;
	const char *dot = strrchr(name, '.');
	if (conv_schema(c, s, dot ? dot + 1 : name, &type, &cons, depth + 1) != 0)
		return -1;
	return add_attr(c, l, name, type);
}

static int by_attr_name(const void *a, const void *b)
{
	const struct attr_rec *x = a, *y = b;
	return strcmp(str_at(sort_builder, x->name), str_at(sort_builder, y->name));
}

/* A list of JSON pointers "/properties/X": NULL-terminated key nodes of the
 * top-level properties named, for a skip list. */
static const struct sl_node **top_level(struct conv *c, const struct sl_node *ptrs, size_t *n)
{
	*n = 0;
	const struct sl_node **v = calloc((sl_node_is(ptrs, SL_SEQ) ? ptrs->len : 0) + 1, sizeof *v);
	if (!v)
		return NULL;
	const struct sl_node *props = sl_map_get(c->root, "properties");
	for (size_t i = 0; sl_node_is(ptrs, SL_SEQ) && i < ptrs->len; i++) {
		const struct sl_node *p = ptrs->items[i];
		if (!is_string(p) || p->len <= 12 || memcmp(p->str, "/properties/", 12) != 0 ||
		    memchr(p->str + 12, '/', p->len - 12))
			continue;
		const struct sl_pair *pp = sl_map_get_pair_n(props, p->str + 12, p->len - 12);
		if (pp)
			v[(*n)++] = pp->key;
	}
	return v;
}

/* Checks "Org::Service::Resource" (the meta-schema's pattern: three names of
 * 2 to 64 letters and digits). */
static bool type_name_ok(const struct sl_node *t)
{
	const char *p = t->str;
	for (int part = 0; part < 3; part++) {
		size_t n = 0;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			p++, n++;
		if (n < 2 || n > 64)
			return false;
		if (part < 2) {
			if (p[0] != ':' || p[1] != ':')
				return false;
			p += 2;
		}
	}
	return p == t->str + t->len;
}

/* Translates one registry schema into a resource record (replacing one of the
 * same name from the base: as in cfn-lint, a registry schema wins). */
static int conv_file(struct builder *b, const char *path)
{
	struct jfile f;
	int rc = jfile_load(b, &f, path, "registry schema");
	if (rc != 0) {
		jfile_free(b, &f);
		return -1;
	}
	const struct sl_node *root = f.doc.root;
	struct conv c = { .b = b, .file = path, .root = root, .defs = sl_map_get(root, "definitions"),
			  .defining = SIZE_MAX };
	const struct sl_node *tn = sl_map_get(root, "typeName");
	const struct sl_node **ro = NULL;
	struct attr_list al = { 0 };
	rc = -1;
	if (!tn) {
		fail_at(b, path, root, "no 'typeName': a registry schema names its resource type "
			"(\"typeName\": \"MyOrg::Service::Thing\")");
		goto out;
	}
	if (!is_string(tn) || !type_name_ok(tn)) {
		fail_at(b, path, tn, "'typeName' must be Organization::Service::Resource (three names of "
			"2 to 64 letters or digits)");
		goto out;
	}
	uint32_t dup = smap_get(&b->added, tn->str, tn->len);
	if (dup != UINT32_MAX) {
		fail_at(b, path, tn, "'%s' is also defined by %s", tn->str, b->added_file[dup]);
		goto out;
	}
	c.type_name = tn->str;
	if (c.defs && (!sl_node_is(c.defs, SL_MAP) || c.defs->len > MAX_ITEMS)) {
		fail_at(b, path, c.defs, "'definitions' must be an object of at most %d definitions", MAX_ITEMS);
		goto out;
	}
	c.memo = calloc(c.defs ? c.defs->len + 1 : 1, sizeof *c.memo);
	if (!c.memo) {
		failf(b, "out of memory");
		goto out;
	}
	for (size_t i = 0; c.defs && i < c.defs->len; i++) {
		if (smap_put(&c.def_index, c.defs->pairs[i].key->str, c.defs->pairs[i].key->len, (uint32_t)i) != 0) {
			failf(b, "out of memory");
			goto out;
		}
	}
	const struct sl_node *addl = sl_map_get(root, "additionalProperties");
	if (!addl || !sl_node_is(addl, SL_SCALAR) || addl->style != SL_PLAIN || sl_scalar_bool(addl) != 0) {
		fail_at(b, path, addl ? addl : tn, "a resource schema must say \"additionalProperties\": "
			"false (CloudFormation's resource provider meta-schema requires it)");
		goto out;
	}
	const struct sl_node *props = sl_map_get(root, "properties");
	if (!sl_node_is(props, SL_MAP)) {
		fail_at(b, path, props ? props : tn, "'properties' must be an object of the resource's "
			"properties");
		goto out;
	}
	const struct sl_node *ro_ptrs = sl_map_get(root, "readOnlyProperties");
	if (ro_ptrs && (!string_list(ro_ptrs) || ro_ptrs->len > MAX_ITEMS)) {
		fail_at(b, path, ro_ptrs, "'readOnlyProperties' must be a list of at most %d JSON pointers",
			MAX_ITEMS);
		goto out;
	}
	size_t nro;
	ro = top_level(&c, ro_ptrs, &nro);
	if (!ro) {
		failf(b, "out of memory");
		goto out;
	}
	uint32_t shape = new_shape(&c, NULL);
	if (b->oom) {
		failf(b, "out of memory");
		goto out;
	}
	if (conv_shape(&c, root, shape, ro, 0) != 0)
		goto out;
	/* read-only properties: GetAtt attributes, and not settable */
	for (size_t i = 0; ro_ptrs && i < ro_ptrs->len; i++) {
		const struct sl_node *p = ro_ptrs->items[i];
		const struct sl_node *s = resolve_pointer(&c, p->str, p->len);
		if (!s)
			continue; /* as cfn-lint: a pointer to nothing gives no attribute */
		char name[600];
		size_t k = 0;
		for (size_t j = 12; j < p->len && k + 1 < sizeof name; j++)
			name[k++] = p->str[j] == '/' ? '.' : p->str[j];
		name[k] = '\0';
		if (attrs_of(&c, &al, name, s, 0) != 0)
			goto out;
	}
	if (nro) {
		uint32_t first = (uint32_t)b->t[T_AUX].n;
		for (size_t i = 0; i < nro; i++) {
			uint32_t g = push_str(b, ro[i]->str, ro[i]->len);
			push(b, T_AUX, &g, 1);
		}
		struct sl_spec_relation r = { .shape = shape, .kind = SL_SPEC_REL_READ_ONLY, .first = first,
					      .ngroups = (uint32_t)nro };
		push(b, T_REL, &r, 1);
	}
	if (b->oom) {
		failf(b, "out of memory");
		goto out;
	}
	sort_builder = b;
	if (al.n > 1) /* al.v is NULL when there are no attributes */
		qsort(al.v, al.n, sizeof *al.v, by_attr_name);
	size_t nal = 0; /* a pointer given twice gives one attribute */
	for (size_t i = 0; i < al.n; i++)
		if (nal == 0 || strcmp(str_at(b, al.v[nal - 1].name), str_at(b, al.v[i].name)) != 0)
			al.v[nal++] = al.v[i];
	al.n = nal;
	struct res_rec res = { .name = push_str(b, tn->str, tn->len), .shape = shape };
	res.attr_first = al.n ? push(b, T_ATTR, al.v, al.n) : (uint32_t)b->t[T_ATTR].n;
	res.nattrs = (uint32_t)al.n;
	/* the primary identifier, comma-joined; deprecated and taggable */
	char ids[1024];
	size_t idl = 0;
	const struct sl_node *pid = sl_map_get(root, "primaryIdentifier");
	for (size_t i = 0; sl_node_is(pid, SL_SEQ) && i < pid->len; i++) {
		const struct sl_node *p = pid->items[i];
		if (!is_string(p) || p->len <= 12 || memcmp(p->str, "/properties/", 12) != 0)
			continue;
		idl += (size_t)snprintf(ids + idl, sizeof ids - idl, "%s%s", idl ? "," : "", p->str + 12);
		if (idl >= sizeof ids)
			idl = sizeof ids - 1;
	}
	res.primary_id = push_str(b, ids, idl);
	const struct sl_node *tagging = sl_map_get(root, "tagging");
	const struct sl_node *taggable = tagging ? sl_map_get(tagging, "taggable") : sl_map_get(root, "taggable");
	if (sl_node_is(taggable, SL_SCALAR) && sl_scalar_bool(taggable) == 1)
		res.flags |= SL_SPEC_TAGGABLE;
	const struct sl_node *dep = sl_map_get(root, "deprecatedProperties");
	for (size_t i = 0; sl_node_is(dep, SL_SEQ) && i < dep->len; i++) {
		const struct sl_node *p = dep->items[i];
		if (!is_string(p) || p->len <= 12 || memcmp(p->str, "/properties/", 12) != 0)
			continue;
		struct shape_rec *sh = shape_at(b, shape);
		for (uint32_t j = 0; j < sh->nprops; j++) {
			struct sl_spec_prop *pr = vec_at(&b->t[T_PROP], sh->prop_first + j);
			if (strcmp(str_at(b, pr->name), p->str + 12) == 0)
				pr->flags |= SL_SPEC_DEPRECATED;
		}
	}
	if (b->oom) {
		failf(b, "out of memory");
		goto out;
	}
	uint32_t at = find_res(b, tn->str, tn->len);
	if (at != SL_SPEC_NONE)
		memcpy(vec_at(&b->t[T_RES], at), &res, sizeof res); /* a registry schema wins */
	else
		at = push(b, T_RES, &res, 1);
	uint32_t *ar = realloc(b->added_res, (b->nadded + 1) * sizeof *ar);
	if (ar)
		b->added_res = ar;
	char **af = ar ? realloc(b->added_file, (b->nadded + 1) * sizeof *af) : NULL;
	if (af)
		b->added_file = af;
	if (b->oom || !af || !(af[b->nadded] = strdup(path)) ||
	    smap_put(&b->added, tn->str, tn->len, (uint32_t)b->nadded) != 0) {
		failf(b, "out of memory");
		goto out;
	}
	ar[b->nadded++] = at;
	rc = 0;
out:
	free(c.memo);
	smap_free(&c.def_index);
	free(ro);
	free(al.v);
	jfile_free(b, &f);
	return rc;
}

/* --- finding schema files ----------------------------------------------------------- */

struct paths {
	char **v;
	size_t n, cap;
};

static int paths_push(struct paths *p, const char *s)
{
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		char **v = realloc(p->v, cap * sizeof *v);
		if (!v)
			return -1;
		p->v = v;
		p->cap = cap;
	}
	return (p->v[p->n] = strdup(s)) ? (int)(p->n++, 0) : -1;
}

static bool ends_json(const char *name)
{
	size_t l = strlen(name);
	return l > 5 && strcmp(name + l - 5, ".json") == 0;
}

/* Every *.json regular file below dir (symbolic links to directories are not
 * followed, as os.walk does not). */
static int walk_dir(struct builder *b, const char *dir, struct paths *out, int depth)
{
	if (depth > MAX_DEPTH)
		return failf(b, "%s: directories nested more than %d deep", dir, MAX_DEPTH);
	DIR *d = opendir(dir);
	if (!d)
		return failf(b, "%s: %s", dir, strerror(errno));
	int rc = 0;
	for (struct dirent *e; rc == 0 && (e = readdir(d));) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		char *path = malloc(len);
		if (!path) {
			rc = failf(b, "out of memory");
			break;
		}
		snprintf(path, len, "%s/%s", dir, e->d_name);
		struct stat lst, st;
		if (lstat(path, &lst) == 0 && S_ISDIR(lst.st_mode))
			rc = walk_dir(b, path, out, depth + 1);
		else if (ends_json(e->d_name) && stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			if (out->n >= MAX_FILES)
				rc = failf(b, "%s: more than %d schema files", dir, MAX_FILES);
			else if (paths_push(out, path) != 0)
				rc = failf(b, "out of memory");
		}
		free(path);
	}
	closedir(d);
	return rc;
}

static int by_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_registry(struct builder *b, const char *const *dirs, size_t ndirs)
{
	struct paths files = { 0 };
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < ndirs; i++) {
		struct stat st;
		if (stat(dirs[i], &st) != 0)
			rc = failf(b, "--registry-schemas %s: %s", dirs[i], strerror(errno));
		else if (S_ISDIR(st.st_mode))
			rc = walk_dir(b, dirs[i], &files, 0);
		else if (paths_push(&files, dirs[i]) != 0)
			rc = failf(b, "out of memory");
	}
	if (rc == 0 && files.n)
		qsort(files.v, files.n, sizeof *files.v, by_path);
	for (size_t i = 0; rc == 0 && i < files.n; i++)
		rc = conv_file(b, files.v[i]);
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	free(files.v);
	return rc;
}

/* --- the override spec's filter ----------------------------------------------------- */

struct sl_spec_filter {
	char *file;
	char **include, **exclude;
	size_t ninclude, nexclude;
};

void sl_spec_filter_free(struct sl_spec_filter *f)
{
	if (!f)
		return;
	for (size_t i = 0; i < f->ninclude; i++)
		free(f->include[i]);
	for (size_t i = 0; i < f->nexclude; i++)
		free(f->exclude[i]);
	free(f->include);
	free(f->exclude);
	free(f->file);
	free(f);
}

/* cfn-lint's wildcard: '*' stands for any run of characters, the whole name
 * must match. Iterative, with one backtrack point: O(pattern x name). */
static bool wildcard(const char *p, const char *s, size_t n)
{
	const char *star = NULL;
	size_t i = 0, back = 0;
	while (i < n) {
		if (*p == '*') {
			star = p++;
			back = i;
		} else if (*p && *p == s[i]) {
			p++, i++;
		} else if (star) {
			p = star + 1;
			i = ++back;
		} else {
			return false;
		}
	}
	while (*p == '*')
		p++;
	return *p == '\0';
}

const char *sl_spec_filter_why(const struct sl_spec_filter *f, const char *type, size_t len, char *buf,
			       size_t buflen)
{
	if (!f || (len >= 8 && memcmp(type, "Custom::", 8) == 0) ||
	    (len >= 8 && memcmp(type + len - 8, "::MODULE", 8) == 0))
		return NULL; /* cfn-lint never judges custom resources and modules by type */
	bool in = f->ninclude == 0;
	for (size_t i = 0; !in && i < f->ninclude; i++)
		in = wildcard(f->include[i], type, len);
	if (!in) {
		snprintf(buf, buflen, "it matches none of the IncludeResourceTypes of the override spec %s",
			 f->file);
		return buf;
	}
	for (size_t i = 0; i < f->nexclude; i++) {
		if (wildcard(f->exclude[i], type, len)) {
			snprintf(buf, buflen, "the override spec %s excludes it (ExcludeResourceTypes '%s')", f->file,
				 f->exclude[i]);
			return buf;
		}
	}
	return NULL;
}

/* --- the override spec's patches ---------------------------------------------------- */

/* One JSON Patch operation, its path split into unescaped segments. */
struct op {
	const struct sl_node *at, *value;
	const char *file;
	char kind; /* 'a'dd, 'r'eplace, 'x' remove */
	char *seg[8];
	size_t nseg;
};

static void op_free(struct op *o)
{
	for (size_t i = 0; i < o->nseg; i++)
		free(o->seg[i]);
}

static int unsupported(struct builder *b, const struct op *o, const char *why)
{
	return fail_at(b, o->file, o->at, "stacklint cannot apply this patch: %s (docs/override-spec.md "
		       "lists the patches it applies)", why);
}

/* The property record called name in shape's run, or NULL. */
static struct sl_spec_prop *prop_in(struct builder *b, uint32_t shape, const char *name)
{
	struct shape_rec *sh = shape_at(b, shape);
	for (uint32_t i = 0; i < sh->nprops; i++) {
		struct sl_spec_prop *p = vec_at(&b->t[T_PROP], sh->prop_first + i);
		if (strcmp(str_at(b, p->name), name) == 0)
			return p;
	}
	return NULL;
}

/* /required (add or replace a list: the required set becomes exactly it;
 * remove: none is required), /required/- and /required/N (add one name). */
static int patch_required(struct builder *b, const struct op *o, uint32_t shape, size_t s0)
{
	const struct sl_node *v = o->value;
	struct shape_rec *sh = shape_at(b, shape);
	if (o->nseg == s0 + 1 && (o->kind == 'a' || o->kind == 'r')) {
		if (!string_list(v))
			return fail_at(b, o->file, v ? v : o->at, "the value of a /required patch must be a list "
				       "of property names");
		for (size_t i = 0; i < v->len; i++)
			if (!prop_in(b, shape, v->items[i]->str))
				return fail_at(b, o->file, v->items[i], "'%s' is not a property of %s",
					       v->items[i]->str, str_at(b, sh->name));
		for (uint32_t i = 0; i < sh->nprops; i++)
			((struct sl_spec_prop *)vec_at(&b->t[T_PROP], sh->prop_first + i))->flags &= ~SL_SPEC_REQUIRED;
		for (size_t i = 0; i < v->len; i++)
			prop_in(b, shape, v->items[i]->str)->flags |= SL_SPEC_REQUIRED;
		return 0;
	}
	if (o->nseg == s0 + 1 && o->kind == 'x') {
		for (uint32_t i = 0; i < sh->nprops; i++)
			((struct sl_spec_prop *)vec_at(&b->t[T_PROP], sh->prop_first + i))->flags &= ~SL_SPEC_REQUIRED;
		return 0;
	}
	if (o->nseg == s0 + 2 && o->kind == 'a') {
		if (!is_string(v))
			return fail_at(b, o->file, v ? v : o->at, "the value must be a property name");
		struct sl_spec_prop *p = prop_in(b, shape, v->str);
		if (!p)
			return fail_at(b, o->file, v, "'%s' is not a property of %s", v->str, str_at(b, sh->name));
		p->flags |= SL_SPEC_REQUIRED;
		return 0;
	}
	return unsupported(b, o, "stacklint does not keep the order of a required list, so it can only "
			   "replace the whole list (/required) or add a name (/required/-)");
}

static int patch_keyword(struct builder *b, struct conv *c, const struct op *o, struct sl_spec_prop *p,
			 const char *kw)
{
	static const char *const cons_kw[] = { "pattern", "minLength", "maxLength", "minimum", "maximum",
					       "minItems", "maxItems", "uniqueItems", NULL };
	const struct sl_spec_type *t = vec_at(&b->t[T_TYPE], p->type);
	if (strcmp(kw, "enum") == 0 || strcmp(kw, "const") == 0) {
		if (t->kind != SL_SPEC_STRING && t->kind != SL_SPEC_INTEGER)
			return unsupported(b, o, "allowed values apply to string and integer properties only");
		enum sl_spec_kind kind = t->kind;
		if (o->kind == 'x') {
			p->type = push_type(b, kind, 0, 0);
			return b->oom ? failf(b, "out of memory") : 0;
		}
		/* a schema holding just this keyword, read like a registry schema's */
		struct sl_node key = { .kind = SL_SCALAR, .style = SL_DOUBLE, .len = (uint32_t)strlen(kw), .str = kw };
		struct sl_pair pair = { &key, (struct sl_node *)o->value };
		struct sl_node s = { .kind = SL_MAP, .len = 1, .pairs = &pair };
		return read_enum(c, &s, kind, &p->type);
	}
	for (size_t i = 0; cons_kw[i]; i++) {
		if (strcmp(kw, cons_kw[i]) != 0)
			continue;
		struct sl_spec_constraint k = no_constraint;
		if (p->constraint != SL_SPEC_NONE)
			memcpy(&k, vec_at(&b->t[T_CONS], p->constraint), sizeof k);
		if (o->kind == 'x') {
			if (i == 0)
				k.pattern = 0;
			else if (i == 1)
				k.min_length = SL_SPEC_NONE;
			else if (i == 2)
				k.max_length = SL_SPEC_NONE;
			else if (i == 3)
				k.flags &= ~(uint32_t)SL_SPEC_HAS_MIN;
			else if (i == 4)
				k.flags &= ~(uint32_t)SL_SPEC_HAS_MAX;
			else if (i == 5)
				k.min_items = SL_SPEC_NONE;
			else if (i == 6)
				k.max_items = SL_SPEC_NONE;
			else
				k.flags &= ~(uint32_t)(SL_SPEC_UNIQUE_ITEMS | SL_SPEC_DUPLICATES_ALLOWED);
		} else {
			if (i == 7)
				k.flags &= ~(uint32_t)(SL_SPEC_UNIQUE_ITEMS | SL_SPEC_DUPLICATES_ALLOWED);
			struct sl_node key = { .kind = SL_SCALAR, .style = SL_DOUBLE, .len = (uint32_t)strlen(kw),
					       .str = kw };
			struct sl_pair pair = { &key, (struct sl_node *)o->value };
			struct sl_node s = { .kind = SL_MAP, .len = 1, .pairs = &pair };
			if (read_constraint(c, &s, &k) < 0)
				return -1;
		}
		p->constraint = push(b, T_CONS, &k, 1);
		return b->oom ? failf(b, "out of memory") : 0;
	}
	return unsupported(b, o, "the spec holds a property's type, allowed values (enum, const), pattern, "
			   "lengths, range and item counts; other keywords cannot be changed");
}

/* /properties/P (add, replace: a schema; remove) and /properties/P/keyword. */
static int patch_property(struct builder *b, struct conv *c, const struct op *o, uint32_t shape, size_t s0)
{
	const char *name = o->seg[s0 + 1];
	struct sl_spec_prop *p = prop_in(b, shape, name);
	if (o->nseg == s0 + 2) {
		struct shape_rec *sh = shape_at(b, shape);
		size_t n = sh->nprops;
		struct sl_spec_prop *pv = calloc(n + 1, sizeof *pv);
		if (!pv)
			return failf(b, "out of memory");
		size_t np = 0;
		uint32_t flags = 0;
		for (uint32_t i = 0; i < n; i++) {
			struct sl_spec_prop *q = vec_at(&b->t[T_PROP], sh->prop_first + i);
			if (strcmp(str_at(b, q->name), name) == 0)
				flags = q->flags;
			else
				pv[np++] = *q;
		}
		int rc = 0;
		if (o->kind == 'x' && !p)
			rc = fail_at(b, o->file, o->at, "%s has no property '%s' to remove", str_at(b, sh->name), name);
		else if (o->kind == 'r' && !p)
			rc = fail_at(b, o->file, o->at, "%s has no property '%s' to replace", str_at(b, sh->name),
				     name);
		else if (o->kind != 'x') {
			struct sl_spec_prop q = { .name = push_str(b, name, strlen(name)), .flags = flags };
			rc = conv_schema(c, o->value, name, &q.type, &q.constraint, 1);
			pv[np++] = q;
		}
		if (rc == 0)
			rc = set_props(b, shape, pv, np);
		free(pv);
		return rc;
	}
	if (!p)
		return fail_at(b, o->file, o->at, "%s has no property '%s'", str_at(b, shape_at(b, shape)->name), name);
	if (o->nseg == s0 + 3)
		return patch_keyword(b, c, o, p, o->seg[s0 + 2]);
	return unsupported(b, o, "a patch below a property's own keywords (items, nested schemas) "
			   "cannot be mapped onto the spec; patch the definition it refers to instead");
}

/* Splits a JSON Pointer into unescaped segments (~1 is '/', ~0 is '~'). */
static int split_pointer(struct builder *b, struct op *o, const struct sl_node *path)
{
	if (!is_string(path) || path->len == 0 || path->str[0] != '/')
		return fail_at(b, o->file, path ? path : o->at, "'path' must be a JSON Pointer such as "
			       "\"/properties/Name/pattern\"");
	const char *p = path->str + 1, *end = path->str + path->len;
	for (;;) {
		const char *slash = memchr(p, '/', (size_t)(end - p));
		size_t n = slash ? (size_t)(slash - p) : (size_t)(end - p);
		if (o->nseg == sizeof o->seg / sizeof o->seg[0])
			return unsupported(b, o, "the path is deeper than any fact the spec holds");
		char *s = malloc(n + 1), *q = s;
		if (!s)
			return failf(b, "out of memory");
		for (size_t i = 0; i < n; i++) {
			if (p[i] == '~' && i + 1 < n && (p[i + 1] == '0' || p[i + 1] == '1'))
				*q++ = p[++i] == '0' ? '~' : '/';
			else
				*q++ = p[i];
		}
		*q = '\0';
		o->seg[o->nseg++] = s;
		if (!slash)
			break;
		p = slash + 1;
	}
	return 0;
}

static int apply_op(struct builder *b, const char *file, const char *type, uint32_t res, const struct sl_node *op)
{
	struct op o = { .at = op, .file = file };
	if (!sl_node_is(op, SL_MAP))
		return fail_at(b, file, op, "a patch operation must be an object with 'op' and 'path'");
	const struct sl_node *kind = sl_map_get(op, "op"), *path = sl_map_get(op, "path");
	o.value = sl_map_get(op, "value");
	if (sl_str_eq(kind, "add"))
		o.kind = 'a';
	else if (sl_str_eq(kind, "replace"))
		o.kind = 'r';
	else if (sl_str_eq(kind, "remove"))
		o.kind = 'x';
	else if (sl_str_eq(kind, "test") || sl_str_eq(kind, "move") || sl_str_eq(kind, "copy"))
		return unsupported(b, &o, "only add, replace and remove change facts the spec holds");
	else
		return fail_at(b, file, kind ? kind : op, "'op' must be add, replace, remove, move, copy or test "
			       "(RFC 6902)");
	if (o.kind != 'x' && !o.value)
		return fail_at(b, file, op, "an %s operation needs a 'value'", o.kind == 'a' ? "add" : "replace");
	int rc = split_pointer(b, &o, path);
	struct conv c = { .b = b, .file = file, .type_name = type, .defining = SIZE_MAX };
	uint32_t shape = ((struct res_rec *)vec_at(&b->t[T_RES], res))->shape;
	size_t s0 = 0;
	if (rc == 0 && o.nseg >= 2 && strcmp(o.seg[0], "definitions") == 0) {
		/* a nested type: the shape "<type>.<definition>" */
		char name[600];
		snprintf(name, sizeof name, "%s.%s", type, o.seg[1]);
		shape = find_shape(b, name, strlen(name));
		if (shape == SL_SPEC_NONE)
			rc = fail_at(b, file, path, "%s has no nested type '%s' (as the spec names its "
				     "definitions)", type, o.seg[1]);
		s0 = 2;
	}
	if (rc == 0) {
		if (o.nseg > s0 && strcmp(o.seg[s0], "required") == 0)
			rc = patch_required(b, &o, shape, s0);
		else if (o.nseg >= s0 + 2 && strcmp(o.seg[s0], "properties") == 0)
			rc = patch_property(b, &c, &o, shape, s0);
		else
			rc = unsupported(b, &o, "the spec holds required properties and each property's type "
					 "and value constraints (paths /required, /properties/NAME..., and the "
					 "same under /definitions/NAME)");
	}
	op_free(&o);
	return rc;
}

static int take_types(struct builder *b, const char *file, const struct sl_node *v, char ***out, size_t *n)
{
	if (!sl_node_is(v, SL_SEQ))
		return fail_at(b, file, v, "expected a list of resource types (\"AWS::EC2::*\")");
	*out = calloc(v->len ? v->len : 1, sizeof **out);
	if (!*out)
		return failf(b, "out of memory");
	for (size_t i = 0; i < v->len; i++) {
		if (!is_string(v->items[i]) || v->items[i]->len == 0 || memchr(v->items[i]->str, 0, v->items[i]->len))
			return fail_at(b, file, v->items[i], "expected a resource type such as \"AWS::EC2::*\"");
		if (!((*out)[(*n)++] = strdup(v->items[i]->str)))
			return failf(b, "out of memory");
	}
	return 0;
}

/* Reads the override spec: its filter into *filter, its patches applied. */
static int load_override(struct builder *b, const char *path, struct sl_spec_filter **filter)
{
	struct jfile f;
	int rc = jfile_load(b, &f, path, "override spec");
	struct sl_spec_filter *flt = calloc(1, sizeof *flt);
	if (rc == 0 && (!flt || !(flt->file = strdup(path))))
		rc = failf(b, "out of memory");
	const struct sl_node *root = f.doc.root, *patches = NULL;
	for (size_t i = 0; rc == 0 && i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key, *v = root->pairs[i].value;
		if (sl_str_eq(k, "IncludeResourceTypes"))
			rc = take_types(b, path, v, &flt->include, &flt->ninclude);
		else if (sl_str_eq(k, "ExcludeResourceTypes"))
			rc = take_types(b, path, v, &flt->exclude, &flt->nexclude);
		else if (sl_str_eq(k, "Patches"))
			patches = v;
		else if (sl_str_eq(k, "ResourceTypes") || sl_str_eq(k, "PropertyTypes"))
			rc = fail_at(b, path, k, "'%s' is cfn-lint 0.x's override format, which cfn-lint 1.x "
				     "no longer reads: write the change as a JSON Patch under \"Patches\", e.g. "
				     "{\"Patches\": {\"AWS::S3::Bucket\": [{\"op\": \"add\", \"path\": "
				     "\"/required\", \"value\": [\"Tags\"]}]}}", k->str);
		else if (!sl_str_eq(k, "ResourceSpecificationVersion"))
			rc = fail_at(b, path, k, "unknown key '%s': an override spec holds IncludeResourceTypes, "
				     "ExcludeResourceTypes and Patches", k->str);
	}
	if (rc == 0 && patches && !sl_node_is(patches, SL_MAP))
		rc = fail_at(b, path, patches, "'Patches' must be an object of resource types, each with a list "
			     "of JSON Patch operations");
	size_t nops = 0;
	for (size_t i = 0; rc == 0 && patches && i < patches->len; i++) {
		const struct sl_node *k = patches->pairs[i].key, *ops = patches->pairs[i].value;
		if (!sl_node_is(ops, SL_SEQ)) {
			rc = fail_at(b, path, ops, "the patches of %s must be a list of JSON Patch operations", k->str);
			break;
		}
		if ((nops += ops->len) > MAX_ITEMS) {
			rc = fail_at(b, path, ops, "more than %d patch operations", MAX_ITEMS);
			break;
		}
		char why[300];
		if (sl_spec_filter_why(flt, k->str, k->len, why, sizeof why))
			continue; /* a type the filter removes: nothing to patch (as cfn-lint) */
		uint32_t res = find_res(b, k->str, k->len);
		if (res == SL_SPEC_NONE) {
			rc = fail_at(b, path, k, "'%s' is not a resource type stacklint knows (built in or from "
				     "--registry-schemas)", k->str);
			break;
		}
		for (size_t j = 0; rc == 0 && j < ops->len; j++)
			rc = apply_op(b, path, k->str, res, ops->items[j]);
	}
	if (rc == 0)
		*filter = flt;
	else
		sl_spec_filter_free(flt);
	jfile_free(b, &f);
	return rc;
}

/* --- writing the blob ------------------------------------------------------------------ */

static int by_res_name(const void *a, const void *b)
{
	const struct res_rec *x = a, *y = b;
	return strcmp(str_at(sort_builder, x->name), str_at(sort_builder, y->name));
}

struct rel_sort {
	struct sl_spec_relation r;
	uint32_t at;
};

static int by_rel_shape(const void *a, const void *b)
{
	const struct rel_sort *x = a, *y = b;
	if (x->r.shape != y->r.shape)
		return x->r.shape < y->r.shape ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* Rebuilds hash table h with n slots per record: fresh, load factor <= 0.5. */
static int hash_reset(struct builder *b, enum sl_spec_table h, size_t n)
{
	size_t size = 1;
	while (size < 2 * n)
		size *= 2;
	b->t[h].n = 0;
	return push(b, h, NULL, size) == UINT32_MAX ? failf(b, "out of memory") : 0;
}

static void hash_put(struct builder *b, enum sl_spec_table h, uint32_t owner, const char *name, uint32_t index)
{
	uint32_t *slot = (uint32_t *)b->t[h].p;
	uint32_t mask = (uint32_t)b->t[h].n - 1;
	uint32_t at = sl_spec_hash(owner, name, strlen(name)) & mask;
	while (slot[at])
		at = (at + 1) & mask;
	slot[at] = index + 1;
}

/* Drops the resources the filter removes, sorts the rest by name, sorts the
 * relations by shape, and rebuilds the resource, shape, property and
 * attribute hashes. */
static int finish_tables(struct builder *b, const struct sl_spec_filter *flt)
{
	if (b->oom)
		return failf(b, "out of memory");
	struct vec *rv = &b->t[T_RES];
	size_t kept = 0;
	for (size_t i = 0; i < rv->n; i++) {
		struct res_rec *r = vec_at(rv, i);
		const char *name = str_at(b, r->name);
		char why[300];
		if (flt && sl_spec_filter_why(flt, name, strlen(name), why, sizeof why))
			continue;
		memmove(vec_at(rv, kept++), r, sizeof *r);
	}
	rv->n = kept;
	sort_builder = b;
	if (rv->n > 1)
		qsort(rv->p, rv->n, sizeof(struct res_rec), by_res_name);
	struct vec *lv = &b->t[T_REL];
	struct rel_sort *rs = malloc((lv->n ? lv->n : 1) * sizeof *rs);
	if (!rs)
		return failf(b, "out of memory");
	for (size_t i = 0; i < lv->n; i++) {
		memcpy(&rs[i].r, vec_at(lv, i), sizeof rs[i].r);
		rs[i].at = (uint32_t)i;
	}
	if (lv->n > 1)
		qsort(rs, lv->n, sizeof *rs, by_rel_shape);
	for (size_t i = 0; i < lv->n; i++)
		memcpy(vec_at(lv, i), &rs[i].r, sizeof rs[i].r);
	free(rs);

	if (hash_reset(b, T_H_RES, rv->n) != 0)
		return -1;
	for (size_t i = 0; i < rv->n; i++)
		hash_put(b, T_H_RES, NO_OWNER, str_at(b, ((struct res_rec *)vec_at(rv, i))->name), (uint32_t)i);
	size_t nshapes = b->t[T_SHAPE].n, nprops = 0, nattrs = 0;
	for (size_t i = 0; i < nshapes; i++)
		nprops += shape_at(b, (uint32_t)i)->nprops;
	for (size_t i = 0; i < rv->n; i++)
		nattrs += ((struct res_rec *)vec_at(rv, i))->nattrs;
	if (hash_reset(b, T_H_SHAPE, nshapes) != 0 || hash_reset(b, T_H_PROP, nprops) != 0 ||
	    hash_reset(b, T_H_ATTR, nattrs) != 0)
		return -1;
	/* newest first: a shape added under a name the base has shadows it */
	for (size_t i = nshapes; i-- > 0;)
		hash_put(b, T_H_SHAPE, NO_OWNER, str_at(b, shape_at(b, (uint32_t)i)->name), (uint32_t)i);
	for (size_t i = 0; i < nshapes; i++) {
		struct shape_rec *sh = shape_at(b, (uint32_t)i);
		for (uint32_t j = 0; j < sh->nprops; j++) {
			const struct sl_spec_prop *p = vec_at(&b->t[T_PROP], sh->prop_first + j);
			hash_put(b, T_H_PROP, (uint32_t)i, str_at(b, p->name), sh->prop_first + j);
		}
	}
	for (size_t i = 0; i < rv->n; i++) {
		const struct res_rec *r = vec_at(rv, i);
		for (uint32_t j = 0; j < r->nattrs; j++) {
			const struct attr_rec *a = vec_at(&b->t[T_ATTR], r->attr_first + j);
			hash_put(b, T_H_ATTR, (uint32_t)i, str_at(b, a->name), r->attr_first + j);
		}
	}
	return 0;
}

static void put32(unsigned char *p, uint32_t v)
{
	memcpy(p, &v, 4);
}

/* The tables as one blob (malloc'd), in the order of the directory. */
static unsigned char *write_blob(struct builder *b, size_t *size)
{
	size_t off[T_COUNT], at = SL_SPEC_HEADER_SIZE;
	for (int t = 0; t < T_COUNT; t++) {
		at = (at + 7) & ~(size_t)7;
		off[t] = at;
		at += b->t[t].n * b->t[t].rsz;
	}
	if (at >= SL_SPEC_MAX_SIZE)
		return NULL;
	unsigned char *blob = calloc(1, at);
	if (!blob)
		return NULL;
	memcpy(blob, "SLSPEC\0\0", 8);
	put32(blob + 8, SL_SPEC_FORMAT);
	put32(blob + 12, SL_SPEC_HEADER_SIZE);
	put32(blob + 16, (uint32_t)at);
	put32(blob + 20, b->source);
	put32(blob + 24, T_COUNT);
	put32(blob + 28, b->constraint_source);
	for (int t = 0; t < T_COUNT; t++) {
		put32(blob + 32 + 8 * t, (uint32_t)off[t]);
		put32(blob + 36 + 8 * t, (uint32_t)b->t[t].n);
		if (b->t[t].n)
			memcpy(blob + off[t], b->t[t].p, b->t[t].n * b->t[t].rsz);
	}
	*size = at;
	return blob;
}

int sl_spec_layer(const struct sl_spec **out, const struct sl_spec *base, const char *override_path,
		  const char *const *dirs, size_t ndirs, char *err, size_t errlen)
{
	*out = NULL;
	struct builder b = { .err = err, .errlen = errlen };
	struct sl_spec_filter *flt = NULL;
	int rc = builder_init(&b, base);
	if (rc == 0)
		rc = load_registry(&b, dirs, ndirs);
	if (rc == 0 && override_path)
		rc = load_override(&b, override_path, &flt);
	if (rc == 0)
		rc = finish_tables(&b, flt);
	if (rc == 0 && b.oom)
		rc = failf(&b, "out of memory");
	size_t size = 0;
	unsigned char *blob = rc == 0 ? write_blob(&b, &size) : NULL;
	builder_free(&b);
	if (rc == 0 && !blob)
		rc = failf(&b, "out of memory (or the layered spec is over %u bytes)", SL_SPEC_MAX_SIZE);
	if (rc == 0) {
		char msg[200];
		if (sl_spec_adopt(out, blob, size, msg, sizeof msg) != 0) /* blob is the spec's, or freed */
			rc = failf(&b, "the layered spec is inconsistent (%s): please report this", msg);
	}
	if (rc == 0 && flt)
		sl_spec_set_filter(*out, flt);
	else
		sl_spec_filter_free(flt);
	return rc;
}
