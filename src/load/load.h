/*
 * Loader entry point: turns template bytes into a node tree in an arena, with the
 * diagnostics found on the way (E0000 syntax errors, duplicate keys, limits;
 * W1100 anchors, aliases and merge keys). Picks JSON or YAML by content, checks
 * the encoding first (BOM, UTF-16/32, invalid UTF-8, NUL bytes) so that both
 * YAML backends see only input they handle correctly.
 */
#ifndef SL_LOAD_LOAD_H
#define SL_LOAD_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stacklint/stacklint.h"
#include "load/node.h"
#include "util/arena.h"


/* A loader diagnostic, before the engine turns it into a struct sl_diag. */
struct sl_ldiag {
	const char *rule_id; /* "E0000" or "W1100" */
	enum sl_severity severity;
	const char *message; /* in the arena */
	struct sl_position start, end;
};

struct sl_doc {
	struct sl_arena *arena;
	const char *src; /* the (UTF-8) text parsed; in the arena when transcoded */
	size_t len;
	bool json;       /* parsed by the JSON parser */
	struct sl_node *root; /* NULL when nothing could be built */
	uint32_t *line_starts; /* byte offset of each line's first character */
	size_t n_lines;
	bool ascii;      /* no byte >= 0x80: character index = byte offset, column = bytes */
	uint32_t *char_marks; /* when not ascii: characters before each SL_DOC_MARK bytes, or NULL */
	struct sl_ldiag *diags;
	size_t n_diags, cap_diags;
	/* What the builder noted as it made the tree, for rules that would
	 * otherwise walk all of it; set (indexed) only when the parse built the
	 * whole tree:
	 * - every function call (a map sl_node_intrinsic answers for:
	 *   {"Fn::Sub": ...}, {"Ref": ...}, a short-form tag's wrapper), in
	 *   document order;
	 * - every pair keyed "Condition" or "Fn::If", in any map but the root
	 *   (where a condition may be named), in no particular order. */
	const struct sl_node **fn_maps;
	size_t n_fn_maps;
	const struct sl_pair **cond_pairs;
	size_t n_cond_pairs;
	bool indexed;
	bool oom;
	bool failed; /* the parse stopped on a fatal problem (syntax, limits, encoding) */
	bool empty;  /* nothing but whitespace, comments or a document marker (diags[0] says so) */
	bool fast_yaml; /* YAML goes to the fast reader first (yaml_fast.h), then to libyaml */
	bool read_fast; /* the fast reader built the tree (libyaml was not needed) */
};

struct sl_load_opts {
	enum sl_backend backend;
	size_t max_size;
	bool json_only; /* a '{' document that is not JSON is an error, not YAML flow */
	bool libyaml_only; /* the libyaml backend without the fast reader in front (the
			    * tests compare the two) */
};

/* Loads `len` bytes. The node tree, text copies and diagnostics live in `arena`.
 * Returns 0 (check out->root: NULL when the input had no usable tree, with the
 * reason among out->diags), or -1 when memory ran out. */
int sl_load(struct sl_doc *out, struct sl_arena *arena, const char *buf, size_t len,
	    const struct sl_load_opts *opts);

/* 1-based line and column (in characters) of a byte offset of doc->src: how
 * a node's offsets (start, end) become a finding's place. O(log lines +
 * SL_DOC_MARK) once the loader has counted the document's characters
 * (char_marks), else O(log lines + column). */
struct sl_position sl_doc_pos(const struct sl_doc *doc, size_t off);

/* The line (0-based) that holds byte off: the last line start at or before
 * it, by binary search (doc->n_lines > 0). */
static inline size_t sl_doc_line_of(const struct sl_doc *doc, size_t off)
{
	size_t lo = 0, hi = doc->n_lines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (doc->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Counts doc->src's lines (LF, CRLF and a lone CR end one) into line_starts,
 * and, when it is not ASCII, its characters into char_marks. -1: no memory. */
int sl_doc_lines(struct sl_doc *d);

/* The line (1-based) where node n starts, as messages name it ("defined at
 * line 12"). */
static inline uint32_t sl_doc_line(const struct sl_doc *doc, const struct sl_node *n)
{
	return (uint32_t)sl_doc_line_of(doc, n->start) + 1;
}

/* The stride of doc->char_marks: a column costs at most this many bytes read. */
#define SL_DOC_MARK 1024

/* Adds a loader diagnostic; message is copied. Returns -1 on OOM. */
int sl_doc_diag(struct sl_doc *doc, const char *rule_id, enum sl_severity sev,
		struct sl_position start, struct sl_position end, const char *msg);

/* Backends: parse doc->src[0..len) into the builder. Return 0 or -1 (OOM). */
struct sl_builder;
int sl_parse_libyaml(struct sl_builder *b, const char *src, size_t len);
int sl_parse_libfyaml(struct sl_builder *b, const char *src, size_t len);
int sl_parse_json(struct sl_builder *b, const char *src, size_t len);

#endif
