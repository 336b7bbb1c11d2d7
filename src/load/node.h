/*
 * The node tree every later stage reads. Built by the loader into the template's
 * arena; read-only afterwards. Short-form YAML tags are already rewritten into the
 * long form ({"Ref": X}, {"Fn::GetAtt": [A, B]}), so rules see one shape.
 */
#ifndef SL_LOAD_NODE_H
#define SL_LOAD_NODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "stacklint/stacklint.h"

enum sl_kind {
	SL_SCALAR = 0,
	SL_MAP,
	SL_SEQ,
};

enum sl_style {
	SL_PLAIN = 0, /* YAML plain scalar; JSON number, true, false, null */
	SL_SINGLE,    /* 'quoted' */
	SL_DOUBLE,    /* "quoted" (every JSON string) */
	SL_LITERAL,   /* | block */
	SL_FOLDED,    /* > block */
	SL_BLOCK,     /* block collection */
	SL_FLOW,      /* flow collection: {..} [..] (every JSON object and array) */
};

enum sl_node_flags {
	SL_NODE_SHORT = 1 << 0,   /* a map made from a short-form tag (!Ref X) */
	SL_NODE_SYNTH = 1 << 1,   /* made by the loader: the key of a short form, the list of !GetAtt A.B */
	SL_NODE_ALIAS = 1 << 2,   /* a YAML alias (*name), never expanded; str holds the name */
	SL_NODE_STR_TAG = 1 << 3, /* explicitly tagged !!str: a string whatever it looks like */
	SL_NODE_ANCHOR = 1 << 4,  /* carried an anchor (&name) */
	SL_NODE_TAGGED = 1 << 5,  /* has a tag as written: allocated as a struct sl_tagged_node */
};

struct sl_node;

struct sl_pair {
	struct sl_node *key; /* always a scalar */
	struct sl_node *value;
};

/* 32 bytes: a large template has a million of them, and every walk streams
 * them through the cache. Positions are byte offsets into the document's text;
 * sl_doc_pos() (load.h) gives a line and column when a finding needs one. */
struct sl_node {
	uint8_t kind;   /* enum sl_kind */
	uint8_t style;  /* enum sl_style */
	uint16_t flags; /* enum sl_node_flags */
	uint32_t len;   /* scalar: bytes in str; map: pairs; seq: items */
	uint32_t start; /* byte offset of the node's first character */
	uint32_t end;   /* byte offset just past its last character */
	struct sl_node *parent; /* NULL for the root; a key's parent is its map */
	union {
		const char *str; /* NUL-terminated; U+0000 is held as C0 80 (sl_node_strdup) */
		struct sl_node **items;
		struct sl_pair *pairs;
	};
};

/* A node with a tag as written (few are: the short forms' wrappers and
 * values, !!str): the tag follows the node, so that no other node pays for it. */
struct sl_tagged_node {
	struct sl_node node;
	const char *tag; /* as written in YAML (e.g. "!Sub", "!!str") */
};

/* The tag as written, or NULL. */
static inline const char *sl_node_tag(const struct sl_node *n)
{
	return n->flags & SL_NODE_TAGGED ? ((const struct sl_tagged_node *)(const void *)n)->tag : NULL;
}

struct sl_arena;

/* A new zeroed node in the arena; with tag (as written), one that carries it
 * (a struct sl_tagged_node, flag SL_NODE_TAGGED). NULL when memory runs out. */
struct sl_node *sl_node_new(struct sl_arena *a, const char *tag);

/* Copies decoded scalar text into the arena as a node's str. Each U+0000 in
 * it (JSON "\u0000", YAML "\0") becomes the two bytes C0 80, as Java's and
 * Tcl's modified UTF-8 keep NUL in C strings: no message, path or lookup built
 * from str with %s or strlen is cut short, equal texts stay equal, and the
 * formatters write it back as \u0000 (sl_utf8_next). *out_len gets the stored
 * length. Returns NULL when memory runs out. */
const char *sl_node_strdup(struct sl_arena *a, const char *s, size_t len, size_t *out_len);

static inline bool sl_node_is(const struct sl_node *n, enum sl_kind k)
{
	return n && n->kind == k;
}

/* True when n is a scalar whose text is exactly s. */
static inline bool sl_str_eq(const struct sl_node *n, const char *s)
{
	size_t l = strlen(s);
	return n && n->kind == SL_SCALAR && n->len == l && memcmp(n->str, s, l) == 0;
}

/* True when k is a Fn::ForEach loop's key, "Fn::ForEach::Name" (the loop
 * expands to entries: it is not a function value). */
static inline bool sl_foreach_key(const struct sl_node *k)
{
	return k && k->len > 13 && memcmp(k->str, "Fn::ForEach::", 13) == 0;
}

/* The last pair whose key is the len bytes at key (not NUL-terminated; the one
 * YAML and JSON loaders keep), or NULL when n is not a map or has no such key. */
const struct sl_pair *sl_map_get_pair_n(const struct sl_node *n, const char *key, size_t len);

/* The same for a NUL-terminated key, and its value. Inline, so that the length
 * of a literal key is known when compiling. */
static inline const struct sl_pair *sl_map_get_pair(const struct sl_node *n, const char *key)
{
	return sl_map_get_pair_n(n, key, strlen(key));
}

static inline const struct sl_node *sl_map_get(const struct sl_node *n, const char *key)
{
	const struct sl_pair *p = sl_map_get_pair_n(n, key, strlen(key));
	return p ? p->value : NULL;
}

/* The node at path (NULL-terminated keys) below n, through plain maps only (an
 * intrinsic function call on the way is not looked into), or NULL. */
const struct sl_node *sl_map_path(const struct sl_node *n, const char *const *path);

/* The key whose value v is in its parent map, or NULL (v is a list item, a
 * key, or the root). Linear in the parent's width. */
const struct sl_node *sl_map_key_of(const struct sl_node *v);

/* True when key k names an intrinsic function: Ref, Condition, or starts
 * with "Fn::" but is not a "Fn::ForEach::Name" loop (a key that expands to
 * entries, not a function value). */
static inline bool sl_node_fn_key(const struct sl_node *k)
{
	return sl_str_eq(k, "Ref") || sl_str_eq(k, "Condition") ||
	       (k->len > 4 && memcmp(k->str, "Fn::", 4) == 0 && !sl_foreach_key(k));
}

/* If n is a single-key map whose key is an intrinsic function name (Ref,
 * Condition, or starts with "Fn::" but is not a "Fn::ForEach::Name" loop),
 * returns that key node; else NULL. Inline: every walk asks it of every map. */
static inline const struct sl_node *sl_node_intrinsic(const struct sl_node *n)
{
	if (!n || n->kind != SL_MAP || n->len != 1)
		return NULL;
	const struct sl_node *k = n->pairs[0].key;
	return sl_node_fn_key(k) ? k : NULL;
}

/* The branches of {"Fn::If": [condition, a, b]} (a list of three): true with
 * *a and *b set; false for anything else. */
bool sl_node_if(const struct sl_node *n, const struct sl_node **a, const struct sl_node **b);

/* True for {"Ref": "AWS::NoValue"}, which removes the property it stands for. */
bool sl_node_is_novalue(const struct sl_node *n);

/* YAML 1.1 resolution of a plain scalar, as CloudFormation and PyYAML do it. */
enum sl_scalar_type {
	SL_TYPE_STRING = 0,
	SL_TYPE_NULL,
	SL_TYPE_BOOL,
	SL_TYPE_INT,
	SL_TYPE_FLOAT,
};

/* Type of a scalar node: quoted, block and !!str scalars are strings; plain ones
 * follow YAML 1.1 (yes/no/on/off booleans, 0777 octal, 0x hex, 1_000, .inf, ~). */
enum sl_scalar_type sl_scalar_type(const struct sl_node *n);

/* For a boolean scalar returns 1 for true and 0 for false, -1 otherwise. */
int sl_scalar_bool(const struct sl_node *n);

/* True when n is a null: JSON null, or YAML's null, ~ or a value left empty.
 * CloudFormation rejects every null in a template; SAM reads one as absent. */
static inline bool sl_node_is_null(const struct sl_node *n)
{
	return n && n->kind == SL_SCALAR && sl_scalar_type(n) == SL_TYPE_NULL;
}

#endif
