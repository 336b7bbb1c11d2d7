/*
 * The resource specification, served in place from a blob written by
 * tools/gen_spec.py (format: docs/spec-format.md). The built-in blob is
 * assembled into the binary by spec_blob.S and read where it lies: nothing is
 * parsed, copied or allocated at start-up, and the first lookup only reads the
 * header's table directory. A blob loaded with --spec is checked once, table by
 * table and index by index, so that no lookup on it can read out of bounds;
 * after that both are served by the same code.
 *
 * Lookups hash (owner id, name) with 32-bit FNV-1a into open-addressing tables
 * whose slots hold index + 1 (0 = empty); probing is linear and bounded by the
 * table size.
 */
#include "spec/spec.h"
#include "spec/blob.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/readfile.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the spec blob is little-endian and read in place"
#endif

static const unsigned char spec_magic[8] = { 'S', 'L', 'S', 'P', 'E', 'C', 0, 0 };

_Static_assert(sizeof(struct res_rec) == 24, "resource record");
_Static_assert(sizeof(struct shape_rec) == 12, "shape record");
_Static_assert(sizeof(struct sl_spec_prop) == 16, "property record");
_Static_assert(sizeof(struct sl_spec_constraint) == 48, "constraint record");
_Static_assert(sizeof(struct sl_spec_relation) == 24, "relation record");
_Static_assert(sizeof(struct sl_spec_type) == 8, "type record");
_Static_assert(sizeof(struct attr_rec) == 8, "attribute record");
_Static_assert(sizeof(struct ns_rec) == 12, "namespace record");
_Static_assert(sizeof(struct metric_rec) == 16, "metric record");

struct sl_spec {
	const unsigned char *base;
	size_t size;
	const void *table[T_COUNT];
	uint32_t count[T_COUNT];
	void *owned; /* the buffer of a loaded blob, else NULL */
	struct sl_spec_filter *filter; /* the override spec's type filter (layer.c), or NULL */
};

/* The blob assembled into the binary (spec_blob.S): 16-byte aligned. */
extern const unsigned char sl_spec_blob[];
extern const uint32_t sl_spec_blob_size;

static uint32_t rd32(const unsigned char *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return v;
}

/* Points the tables of s at its blob, from the header's directory; no checks. */
static void map_tables(struct sl_spec *s)
{
	for (int t = 0; t < T_COUNT; t++) {
		const unsigned char *d = s->base + 32 + 8 * t;
		s->table[t] = s->base + rd32(d);
		s->count[t] = rd32(d + 4);
	}
}

static struct sl_spec builtin;
static pthread_once_t builtin_once = PTHREAD_ONCE_INIT;

static void builtin_init(void)
{
	builtin.base = sl_spec_blob;
	builtin.size = sl_spec_blob_size;
	map_tables(&builtin);
}

const struct sl_spec *sl_spec_builtin(void)
{
	pthread_once(&builtin_once, builtin_init);
	return &builtin;
}

/* --- checking a blob ------------------------------------------------------ */

__attribute__((format(printf, 3, 4)))
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* first + n <= limit, without overflow */
static bool run_ok(uint32_t first, uint32_t n, uint32_t limit)
{
	return first <= limit && n <= limit - first;
}

static const char *const table_name[T_COUNT] = {
	"string pool", "resource", "shape",        "property",     "type",
	"aux",         "attribute", "namespace",   "metric",       "dimension set",
	"resource hash", "property hash", "attribute hash", "namespace hash", "metric hash",
	"shape hash", "constraint", "relation",
};

/* Checks every table of s (already mapped) and every index or offset in it. */
static int check_tables(const struct sl_spec *s, char *err, size_t errlen)
{
	const uint32_t nstr = s->count[T_STR];
	const char *str = s->table[T_STR];
	if (nstr == 0 || str[nstr - 1] != '\0')
		return fail(err, errlen, "string pool is not NUL-terminated");
	if (rd32(s->base + 20) >= nstr || rd32(s->base + 28) >= nstr)
		return fail(err, errlen, "source string out of range");

	const struct res_rec *res = s->table[T_RES];
	for (uint32_t i = 0; i < s->count[T_RES]; i++) {
		if (res[i].name >= nstr || res[i].primary_id >= nstr || res[i].shape >= s->count[T_SHAPE] ||
		    !run_ok(res[i].attr_first, res[i].nattrs, s->count[T_ATTR]))
			return fail(err, errlen, "resource %u out of range", i);
	}
	const struct shape_rec *shape = s->table[T_SHAPE];
	for (uint32_t i = 0; i < s->count[T_SHAPE]; i++) {
		if (shape[i].name >= nstr || !run_ok(shape[i].prop_first, shape[i].nprops, s->count[T_PROP]))
			return fail(err, errlen, "shape %u out of range", i);
	}
	const struct sl_spec_prop *prop = s->table[T_PROP];
	for (uint32_t i = 0; i < s->count[T_PROP]; i++) {
		if (prop[i].name >= nstr || prop[i].type >= s->count[T_TYPE] ||
		    (prop[i].constraint != SL_SPEC_NONE && prop[i].constraint >= s->count[T_CONS]))
			return fail(err, errlen, "property %u out of range", i);
	}
	const struct sl_spec_constraint *cons = s->table[T_CONS];
	for (uint32_t i = 0; i < s->count[T_CONS]; i++) {
		/* an item constraint comes first: no cycles */
		if (cons[i].pattern >= nstr || cons[i].format >= nstr ||
		    (cons[i].items != SL_SPEC_NONE && cons[i].items >= i))
			return fail(err, errlen, "constraint %u out of range", i);
	}
	const uint32_t *aux = s->table[T_AUX];
	const struct sl_spec_relation *rel = s->table[T_REL];
	for (uint32_t i = 0; i < s->count[T_REL]; i++) {
		bool ok = rel[i].shape < s->count[T_SHAPE] && rel[i].kind <= SL_SPEC_REL_READ_ONLY &&
			  rel[i].key < nstr && run_ok(rel[i].first, rel[i].ngroups, s->count[T_AUX]) &&
			  (i == 0 || rel[i - 1].shape <= rel[i].shape); /* sorted: binary search */
		for (uint32_t j = 0; ok && j < rel[i].ngroups; j++)
			ok = aux[rel[i].first + j] < nstr;
		if (!ok)
			return fail(err, errlen, "relation %u out of range", i);
	}
	const struct sl_spec_type *type = s->table[T_TYPE];
	for (uint32_t i = 0; i < s->count[T_TYPE]; i++) {
		const struct sl_spec_type *t = &type[i];
		bool ok = true;
		switch (t->kind) {
		case SL_SPEC_STRING:
		case SL_SPEC_INTEGER:
			ok = t->n == 0 || run_ok(t->arg, t->n, s->count[T_AUX]);
			for (uint32_t j = 0; ok && j < t->n; j++)
				ok = aux[t->arg + j] < nstr;
			break;
		case SL_SPEC_SHAPE:
			ok = t->arg < s->count[T_SHAPE];
			break;
		/* element and member types come first: only shapes can make cycles,
		 * so walking a type always consumes template nesting */
		case SL_SPEC_LIST:
		case SL_SPEC_MAP:
			ok = t->arg < i;
			break;
		case SL_SPEC_UNION:
			ok = run_ok(t->arg, t->n, s->count[T_AUX]);
			for (uint32_t j = 0; ok && j < t->n; j++)
				ok = aux[t->arg + j] < i;
			break;
		default:
			ok = t->kind <= SL_SPEC_ANY;
			break;
		}
		if (!ok)
			return fail(err, errlen, "type %u out of range", i);
	}
	const struct attr_rec *attr = s->table[T_ATTR];
	for (uint32_t i = 0; i < s->count[T_ATTR]; i++) {
		if (attr[i].name >= nstr || attr[i].type >= s->count[T_TYPE])
			return fail(err, errlen, "attribute %u out of range", i);
	}
	const struct ns_rec *ns = s->table[T_NS];
	for (uint32_t i = 0; i < s->count[T_NS]; i++) {
		if (ns[i].name >= nstr || !run_ok(ns[i].metric_first, ns[i].nmetrics, s->count[T_METRIC]))
			return fail(err, errlen, "namespace %u out of range", i);
	}
	const struct metric_rec *metric = s->table[T_METRIC];
	for (uint32_t i = 0; i < s->count[T_METRIC]; i++) {
		if (metric[i].ns >= s->count[T_NS] || metric[i].name >= nstr ||
		    !run_ok(metric[i].dimset_first, metric[i].ndimsets, s->count[T_DIMSET]))
			return fail(err, errlen, "metric %u out of range", i);
	}
	const uint32_t *dimset = s->table[T_DIMSET];
	for (uint32_t i = 0; i < s->count[T_DIMSET]; i++) {
		if (dimset[i] >= nstr)
			return fail(err, errlen, "dimension set %u out of range", i);
	}
	static const enum sl_spec_table hashed[][2] = {
		{ T_H_RES, T_RES }, { T_H_PROP, T_PROP }, { T_H_ATTR, T_ATTR },
		{ T_H_NS, T_NS },   { T_H_METRIC, T_METRIC }, { T_H_SHAPE, T_SHAPE },
	};
	for (size_t h = 0; h < sizeof hashed / sizeof hashed[0]; h++) {
		uint32_t size = s->count[hashed[h][0]], n = s->count[hashed[h][1]];
		const uint32_t *slot = s->table[hashed[h][0]];
		if (size == 0 || (size & (size - 1)) != 0)
			return fail(err, errlen, "%s size is not a power of two", table_name[hashed[h][0]]);
		for (uint32_t i = 0; i < size; i++) {
			if (slot[i] > n)
				return fail(err, errlen, "%s slot %u out of range", table_name[hashed[h][0]], i);
		}
	}
	return 0;
}

/* Checks the header of the blob in s->base/s->size, maps and checks the tables. */
static int check_blob(struct sl_spec *s, char *err, size_t errlen)
{
	if (s->size < 8 || memcmp(s->base, spec_magic, 8) != 0)
		return fail(err, errlen, "not a stacklint spec (bad magic)");
	if (s->size < SL_SPEC_HEADER_SIZE)
		return fail(err, errlen, "truncated header");
	uint32_t version = rd32(s->base + 8);
	if (version != SL_SPEC_FORMAT)
		return fail(err, errlen, "format version %u, this stacklint reads version %u", version,
			    SL_SPEC_FORMAT);
	if (rd32(s->base + 12) != SL_SPEC_HEADER_SIZE || rd32(s->base + 24) != T_COUNT)
		return fail(err, errlen, "unexpected header layout");
	if (rd32(s->base + 16) != s->size)
		return fail(err, errlen, "size %zu, header says %u (truncated?)", s->size, rd32(s->base + 16));
	for (int t = 0; t < T_COUNT; t++) {
		const unsigned char *d = s->base + 32 + 8 * t;
		uint64_t off = rd32(d), count = rd32(d + 4);
		if (off < SL_SPEC_HEADER_SIZE || off % 8 != 0 || off + count * sl_spec_record_size[t] > s->size)
			return fail(err, errlen, "%s table out of range", table_name[t]);
	}
	map_tables(s);
	return check_tables(s, err, errlen);
}

int sl_spec_adopt(const struct sl_spec **out, unsigned char *buf, size_t len, char *err, size_t errlen)
{
	struct sl_spec *s = calloc(1, sizeof *s);
	if (!s) {
		free(buf);
		return fail(err, errlen, "out of memory");
	}
	s->base = buf;
	s->size = len;
	s->owned = buf;
	if (check_blob(s, err, errlen) != 0) {
		sl_spec_free(s);
		return -1;
	}
	*out = s;
	return 0;
}

int sl_spec_load_memory(const struct sl_spec **out, const void *data, size_t size, char *err,
			size_t errlen)
{
	*out = NULL;
	if (size >= SL_SPEC_MAX_SIZE)
		return fail(err, errlen, "spec too large (%zu bytes)", size);
	/* malloc's alignment (>= 8) is all the tables need */
	unsigned char *copy = malloc(size ? size : 1);
	if (!copy)
		return fail(err, errlen, "out of memory");
	if (size)
		memcpy(copy, data, size);
	return sl_spec_adopt(out, copy, size, err, errlen);
}

int sl_spec_load(const struct sl_spec **out, const char *path, char *err, size_t errlen)
{
	*out = NULL;
	int fd = sl_open_read(path); /* a FIFO with no writer reads as empty, never hangs */
	FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
	if (!f) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		return fail(err, errlen, "%s: %s", path, strerror(e));
	}
	size_t cap = 0, len = 0;
	unsigned char *buf = NULL;
	const char *why = NULL;
	for (;;) {
		if (len == cap) {
			if (cap >= SL_SPEC_MAX_SIZE) {
				why = "spec too large";
				break;
			}
			size_t ncap = cap ? cap * 2 : (size_t)1 << 20;
			unsigned char *bigger = realloc(buf, ncap);
			if (!bigger) {
				why = "out of memory";
				break;
			}
			buf = bigger;
			cap = ncap;
		}
		size_t n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0) {
			if (ferror(f))
				why = "read error";
			break;
		}
	}
	fclose(f);
	if (why) {
		free(buf);
		return fail(err, errlen, "%s: %s", path, why);
	}
	char msg[200];
	if (sl_spec_adopt(out, buf, len, msg, sizeof msg) != 0)
		return fail(err, errlen, "%s: %s", path, msg);
	return 0;
}

void sl_spec_free(const struct sl_spec *s)
{
	if (!s || s == &builtin)
		return;
	free(s->owned);
	sl_spec_filter_free(s->filter);
	free((void *)s);
}

const unsigned char *sl_spec_blob_bytes(const struct sl_spec *s, size_t *size)
{
	*size = s->size;
	return s->base;
}

void sl_spec_set_filter(const struct sl_spec *s, struct sl_spec_filter *f)
{
	if (s != &builtin)
		((struct sl_spec *)s)->filter = f;
}

const char *sl_spec_type_removed(const struct sl_spec *s, const char *type, size_t len, char *buf,
				 size_t buflen)
{
	return s->filter ? sl_spec_filter_why(s->filter, type, len, buf, buflen) : NULL;
}

const char *sl_spec_source(const struct sl_spec *s)
{
	return sl_spec_str(s, rd32(s->base + 20));
}

const char *sl_spec_constraint_source(const struct sl_spec *s)
{
	return sl_spec_str(s, rd32(s->base + 28));
}

uint32_t sl_spec_format_version(const struct sl_spec *s)
{
	return rd32(s->base + 8);
}

/* --- lookups --------------------------------------------------------------- */

#define TAB(s, t, type) ((const type *)(s)->table[t])

uint32_t sl_spec_hash(uint32_t owner, const char *name, size_t len)
{
	uint32_t h = 0x811c9dc5u;
	for (int i = 0; i < 4; i++) {
		h ^= (owner >> (8 * i)) & 0xffu;
		h *= 0x01000193u;
	}
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)name[i];
		h *= 0x01000193u;
	}
	return h;
}

const char *sl_spec_str(const struct sl_spec *s, uint32_t off)
{
	if (off >= s->count[T_STR])
		return "";
	return TAB(s, T_STR, char) + off;
}

static bool str_eq(const struct sl_spec *s, uint32_t off, const char *name, size_t len)
{
	/* the pool ends in NUL, so a match of len bytes plus the NUL stays inside it */
	if (off >= s->count[T_STR] || len >= s->count[T_STR] - off)
		return false;
	const char *p = TAB(s, T_STR, char) + off;
	return memcmp(p, name, len) == 0 && p[len] == '\0';
}

#define NO_OWNER UINT32_MAX

/* Linear probing over hash table h for (owner, name): probe_next() gives the
 * record index in each occupied slot from the hash onwards, then SL_SPEC_NONE
 * at the first empty slot or once every slot has been seen. */
struct probe {
	const uint32_t *slot;
	uint32_t mask, at, left;
};

static void probe_start(struct probe *p, const struct sl_spec *s, enum sl_spec_table h, uint32_t owner,
			const char *name, size_t len)
{
	p->slot = TAB(s, h, uint32_t);
	p->mask = s->count[h] - 1;
	p->at = sl_spec_hash(owner, name, len) & p->mask;
	p->left = s->count[h];
}

static uint32_t probe_next(struct probe *p)
{
	if (p->left == 0 || p->slot[p->at] == 0)
		return SL_SPEC_NONE;
	uint32_t index = p->slot[p->at] - 1;
	p->at = (p->at + 1) & p->mask;
	p->left--;
	return index;
}

static uint32_t find_resource(const struct sl_spec *s, const char *name, size_t len)
{
	const struct res_rec *r = TAB(s, T_RES, struct res_rec);
	struct probe p;
	probe_start(&p, s, T_H_RES, NO_OWNER, name, len);
	for (uint32_t i; (i = probe_next(&p)) != SL_SPEC_NONE;) {
		if (str_eq(s, r[i].name, name, len))
			return i;
	}
	return SL_SPEC_NONE;
}

static uint32_t find_shape(const struct sl_spec *s, const char *name, size_t len)
{
	const struct shape_rec *sh = TAB(s, T_SHAPE, struct shape_rec);
	struct probe p;
	probe_start(&p, s, T_H_SHAPE, NO_OWNER, name, len);
	for (uint32_t i; (i = probe_next(&p)) != SL_SPEC_NONE;) {
		if (str_eq(s, sh[i].name, name, len))
			return i;
	}
	return SL_SPEC_NONE;
}

static uint32_t find_prop(const struct sl_spec *s, uint32_t shape, const char *name, size_t len)
{
	const struct shape_rec *sh = TAB(s, T_SHAPE, struct shape_rec) + shape;
	const struct sl_spec_prop *prop = TAB(s, T_PROP, struct sl_spec_prop);
	struct probe p;
	probe_start(&p, s, T_H_PROP, shape, name, len);
	for (uint32_t i; (i = probe_next(&p)) != SL_SPEC_NONE;) {
		/* the property must belong to this shape (unsigned wrap-around) */
		if (i - sh->prop_first < sh->nprops && str_eq(s, prop[i].name, name, len))
			return i;
	}
	return SL_SPEC_NONE;
}

static uint32_t find_attr(const struct sl_spec *s, uint32_t res, const char *name, size_t len)
{
	const struct res_rec *r = TAB(s, T_RES, struct res_rec) + res;
	const struct attr_rec *attr = TAB(s, T_ATTR, struct attr_rec);
	struct probe p;
	probe_start(&p, s, T_H_ATTR, res, name, len);
	for (uint32_t i; (i = probe_next(&p)) != SL_SPEC_NONE;) {
		if (i - r->attr_first < r->nattrs && str_eq(s, attr[i].name, name, len))
			return i;
	}
	return SL_SPEC_NONE;
}

static uint32_t find_namespace(const struct sl_spec *s, const char *name, size_t len)
{
	const struct ns_rec *ns = TAB(s, T_NS, struct ns_rec);
	struct probe p;
	probe_start(&p, s, T_H_NS, NO_OWNER, name, len);
	for (uint32_t i; (i = probe_next(&p)) != SL_SPEC_NONE;) {
		if (str_eq(s, ns[i].name, name, len))
			return i;
	}
	return SL_SPEC_NONE;
}

static uint32_t find_metric(const struct sl_spec *s, uint32_t ns, const char *name, size_t len)
{
	const struct metric_rec *m = TAB(s, T_METRIC, struct metric_rec);
	struct probe p;
	probe_start(&p, s, T_H_METRIC, ns, name, len);
	for (uint32_t i; (i = probe_next(&p)) != SL_SPEC_NONE;) {
		if (m[i].ns == ns && str_eq(s, m[i].name, name, len))
			return i;
	}
	return SL_SPEC_NONE;
}

/* --- types ------------------------------------------------------------------ */

const struct sl_spec_type *sl_spec_type(const struct sl_spec *s, uint32_t type_id)
{
	if (type_id >= s->count[T_TYPE])
		return NULL;
	return TAB(s, T_TYPE, struct sl_spec_type) + type_id;
}

uint32_t sl_spec_union_member(const struct sl_spec *s, const struct sl_spec_type *t, uint32_t i)
{
	if (!t || t->kind != SL_SPEC_UNION || i >= t->n)
		return SL_SPEC_NONE;
	return TAB(s, T_AUX, uint32_t)[t->arg + i];
}

const char *sl_spec_allowed_value(const struct sl_spec *s, const struct sl_spec_type *t, uint32_t i)
{
	if (!t || (t->kind != SL_SPEC_STRING && t->kind != SL_SPEC_INTEGER) || i >= t->n)
		return NULL;
	return sl_spec_str(s, TAB(s, T_AUX, uint32_t)[t->arg + i]);
}

/* --- shapes ------------------------------------------------------------------ */

const char *sl_spec_shape_name(const struct sl_spec *s, uint32_t shape)
{
	if (shape >= s->count[T_SHAPE])
		return NULL;
	return sl_spec_str(s, TAB(s, T_SHAPE, struct shape_rec)[shape].name);
}

uint32_t sl_spec_shape_find(const struct sl_spec *s, const char *name, size_t len)
{
	return find_shape(s, name, len);
}

uint32_t sl_spec_nshapes(const struct sl_spec *s)
{
	return s->count[T_SHAPE];
}

uint32_t sl_spec_shape_nprops(const struct sl_spec *s, uint32_t shape)
{
	if (shape >= s->count[T_SHAPE])
		return 0;
	return TAB(s, T_SHAPE, struct shape_rec)[shape].nprops;
}

const struct sl_spec_prop *sl_spec_shape_prop(const struct sl_spec *s, uint32_t shape, uint32_t i)
{
	if (shape >= s->count[T_SHAPE])
		return NULL;
	const struct shape_rec *sh = TAB(s, T_SHAPE, struct shape_rec) + shape;
	if (i >= sh->nprops)
		return NULL;
	return TAB(s, T_PROP, struct sl_spec_prop) + sh->prop_first + i;
}

const struct sl_spec_prop *sl_spec_prop_find(const struct sl_spec *s, uint32_t shape,
					     const char *name, size_t len)
{
	if (shape >= s->count[T_SHAPE])
		return NULL;
	uint32_t i = find_prop(s, shape, name, len);
	return i == SL_SPEC_NONE ? NULL : TAB(s, T_PROP, struct sl_spec_prop) + i;
}

/* --- resources ---------------------------------------------------------------- */

uint32_t sl_spec_resource(const struct sl_spec *s, const char *name, size_t len)
{
	return find_resource(s, name, len);
}

uint32_t sl_spec_nresources(const struct sl_spec *s)
{
	return s->count[T_RES];
}

static const struct res_rec *resource(const struct sl_spec *s, uint32_t res)
{
	return res < s->count[T_RES] ? TAB(s, T_RES, struct res_rec) + res : NULL;
}

const char *sl_spec_resource_name(const struct sl_spec *s, uint32_t res)
{
	const struct res_rec *r = resource(s, res);
	return r ? sl_spec_str(s, r->name) : NULL;
}

uint32_t sl_spec_resource_shape(const struct sl_spec *s, uint32_t res)
{
	const struct res_rec *r = resource(s, res);
	return r ? r->shape : SL_SPEC_NONE;
}

uint32_t sl_spec_resource_flags(const struct sl_spec *s, uint32_t res)
{
	const struct res_rec *r = resource(s, res);
	return r ? r->flags : 0;
}

const char *sl_spec_resource_primary_id(const struct sl_spec *s, uint32_t res)
{
	const struct res_rec *r = resource(s, res);
	return r ? sl_spec_str(s, r->primary_id) : NULL;
}

uint32_t sl_spec_resource_nattrs(const struct sl_spec *s, uint32_t res)
{
	const struct res_rec *r = resource(s, res);
	return r ? r->nattrs : 0;
}

const char *sl_spec_resource_attr_name(const struct sl_spec *s, uint32_t res, uint32_t i)
{
	const struct res_rec *r = resource(s, res);
	if (!r || i >= r->nattrs)
		return NULL;
	return sl_spec_str(s, TAB(s, T_ATTR, struct attr_rec)[r->attr_first + i].name);
}

uint32_t sl_spec_attr_find(const struct sl_spec *s, uint32_t res, const char *name, size_t len)
{
	if (res >= s->count[T_RES])
		return SL_SPEC_NONE;
	uint32_t i = find_attr(s, res, name, len);
	return i == SL_SPEC_NONE ? SL_SPEC_NONE : TAB(s, T_ATTR, struct attr_rec)[i].type;
}

/* --- CloudWatch metrics ---------------------------------------------------------- */

bool sl_spec_namespace_known(const struct sl_spec *s, const char *ns, size_t len)
{
	return find_namespace(s, ns, len) != SL_SPEC_NONE;
}

uint32_t sl_spec_metric(const struct sl_spec *s, const char *ns, size_t nslen, const char *name,
		       size_t len)
{
	uint32_t n = find_namespace(s, ns, nslen);
	return n == SL_SPEC_NONE ? SL_SPEC_NONE : find_metric(s, n, name, len);
}

uint32_t sl_spec_metric_ndimsets(const struct sl_spec *s, uint32_t metric)
{
	if (metric >= s->count[T_METRIC])
		return 0;
	return TAB(s, T_METRIC, struct metric_rec)[metric].ndimsets;
}

const char *sl_spec_metric_dimset(const struct sl_spec *s, uint32_t metric, uint32_t j)
{
	if (metric >= s->count[T_METRIC])
		return NULL;
	const struct metric_rec *m = TAB(s, T_METRIC, struct metric_rec) + metric;
	if (j >= m->ndimsets)
		return NULL;
	return sl_spec_str(s, TAB(s, T_DIMSET, uint32_t)[m->dimset_first + j]);
}

uint32_t sl_spec_nnamespaces(const struct sl_spec *s)
{
	return s->count[T_NS];
}

const char *sl_spec_namespace_name(const struct sl_spec *s, uint32_t i)
{
	if (i >= s->count[T_NS])
		return NULL;
	return sl_spec_str(s, TAB(s, T_NS, struct ns_rec)[i].name);
}

uint32_t sl_spec_namespace_metrics(const struct sl_spec *s, const char *ns, size_t len, uint32_t *first)
{
	uint32_t n = find_namespace(s, ns, len);
	*first = 0;
	if (n == SL_SPEC_NONE)
		return 0;
	const struct ns_rec *r = TAB(s, T_NS, struct ns_rec) + n;
	*first = r->metric_first;
	return r->nmetrics;
}

const char *sl_spec_metric_name(const struct sl_spec *s, uint32_t metric)
{
	if (metric >= s->count[T_METRIC])
		return NULL;
	return sl_spec_str(s, TAB(s, T_METRIC, struct metric_rec)[metric].name);
}

const struct sl_spec_constraint *sl_spec_constraint(const struct sl_spec *s, uint32_t id)
{
	if (id >= s->count[T_CONS])
		return NULL;
	return TAB(s, T_CONS, struct sl_spec_constraint) + id;
}

const char *sl_spec_constraint_pattern(const struct sl_spec *s, const struct sl_spec_constraint *c)
{
	return c && c->pattern ? sl_spec_str(s, c->pattern) : NULL;
}

const char *sl_spec_constraint_format(const struct sl_spec *s, const struct sl_spec_constraint *c)
{
	return c && c->format ? sl_spec_str(s, c->format) : NULL;
}

uint32_t sl_spec_nconstraints(const struct sl_spec *s)
{
	return s->count[T_CONS];
}

uint32_t sl_spec_shape_relations(const struct sl_spec *s, uint32_t shape, uint32_t *first)
{
	const struct sl_spec_relation *rel = TAB(s, T_REL, struct sl_spec_relation);
	uint32_t lo = 0, hi = s->count[T_REL];
	while (lo < hi) { /* the first record with rel.shape >= shape */
		uint32_t mid = lo + (hi - lo) / 2;
		if (rel[mid].shape < shape)
			lo = mid + 1;
		else
			hi = mid;
	}
	uint32_t end = lo;
	while (end < s->count[T_REL] && rel[end].shape == shape)
		end++;
	*first = lo;
	return end - lo;
}

const struct sl_spec_relation *sl_spec_relation(const struct sl_spec *s, uint32_t id)
{
	if (id >= s->count[T_REL])
		return NULL;
	return TAB(s, T_REL, struct sl_spec_relation) + id;
}

const char *sl_spec_relation_group(const struct sl_spec *s, const struct sl_spec_relation *r, uint32_t i)
{
	if (!r || i >= r->ngroups)
		return "";
	return sl_spec_str(s, TAB(s, T_AUX, uint32_t)[r->first + i]);
}
