/*
 * The layout of the spec blob (docs/spec-format.md), for the two pieces of code
 * that read or write it: spec.c, which serves a blob in place, and layer.c,
 * which builds a new blob from another one plus registry schemas and an
 * override spec (--registry-schemas, --override-spec). Internal to src/spec/.
 */
#ifndef SL_SPEC_BLOB_H
#define SL_SPEC_BLOB_H

#include <stddef.h>
#include <stdint.h>

#include "spec/spec.h"

/* The format version this reader serves (FORMAT_VERSION in tools/gen_spec.py). */
#define SL_SPEC_FORMAT 3u
#define SL_SPEC_MAX_SIZE (256u << 20)

enum sl_spec_table {
	T_STR,
	T_RES,
	T_SHAPE,
	T_PROP,
	T_TYPE,
	T_AUX,
	T_ATTR,
	T_NS,
	T_METRIC,
	T_DIMSET,
	T_H_RES,
	T_H_PROP,
	T_H_ATTR,
	T_H_NS,
	T_H_METRIC,
	T_H_SHAPE,
	T_CONS,
	T_REL,
	T_COUNT,
};

/* Record size of each table, in bytes. */
static const uint32_t sl_spec_record_size[T_COUNT] = {
	[T_STR] = 1,     [T_RES] = 24,    [T_SHAPE] = 12, [T_PROP] = 16,  [T_TYPE] = 8,
	[T_AUX] = 4,     [T_ATTR] = 8,    [T_NS] = 12,    [T_METRIC] = 16, [T_DIMSET] = 4,
	[T_H_RES] = 4,   [T_H_PROP] = 4,  [T_H_ATTR] = 4, [T_H_NS] = 4,   [T_H_METRIC] = 4,
	[T_H_SHAPE] = 4, [T_CONS] = 48,  [T_REL] = 24,
};

/* magic, version, header size, blob size, source, table count, constraint
 * source, then the directory: {offset, count} per table */
#define SL_SPEC_HEADER_SIZE (32u + 8u * T_COUNT)

struct res_rec {
	uint32_t name, shape, flags, primary_id, attr_first, nattrs;
};
struct shape_rec {
	uint32_t name, prop_first, nprops;
};
struct attr_rec {
	uint32_t name, type;
};
struct ns_rec {
	uint32_t name, metric_first, nmetrics;
};
struct metric_rec {
	uint32_t ns, name, dimset_first, ndimsets;
};

/* Checks the blob in buf (malloc'd, len bytes, at most SL_SPEC_MAX_SIZE) and
 * makes a spec that owns it, as sl_spec_load_memory() does without the copy.
 * On error buf is freed and -1 returned with a message in err. */
int sl_spec_adopt(const struct sl_spec **out, unsigned char *buf, size_t len, char *err, size_t errlen);

/* The blob a spec serves (checked when it was loaded): its bytes and size. */
const unsigned char *sl_spec_blob_bytes(const struct sl_spec *s, size_t *size);

/* The resource-type filter of an override spec (layer.c). */
struct sl_spec_filter;
void sl_spec_filter_free(struct sl_spec_filter *f);
/* Why the filter removes `type` (a sentence fragment in buf), or NULL. */
const char *sl_spec_filter_why(const struct sl_spec_filter *f, const char *type, size_t len, char *buf,
			       size_t buflen);
/* Gives a loaded spec its filter; the spec frees it. */
void sl_spec_set_filter(const struct sl_spec *s, struct sl_spec_filter *f);

#endif
