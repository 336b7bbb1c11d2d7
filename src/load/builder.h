/*
 * The tree builder that every parser backend (libyaml, libfyaml, the JSON parser)
 * feeds with events. It owns everything the backends must agree on, so that both
 * YAML backends build the identical tree: positions (from byte offsets, through
 * the shared line table), the rewrite of short-form tags into the long form,
 * duplicate keys, the nesting limit, anchors/aliases/merge keys, and the
 * multi-document check.
 *
 * Contract for backends:
 *  - offsets are byte offsets into the buffer given to sl_builder_init();
 *  - `start` of a node is where its text begins: its first property (tag or
 *    anchor) when it has one, else its first content character;
 *  - `end` of a scalar is just past its last character (closing quote included);
 *    of a flow collection just past its closing bracket; for block collections
 *    the builder ignores it and uses the end of the last child;
 *  - tags are passed as the parser resolved them ("!Ref",
 *    "tag:yaml.org,2002:str"); anchors without the '&'.
 * Every call returns 0 to continue or -1 to stop: the builder has recorded why
 * (a diagnostic, or `oom`), and the backend just returns.
 */
#ifndef SL_LOAD_BUILDER_H
#define SL_LOAD_BUILDER_H

#include <stdbool.h>
#include <stddef.h>

#include "load/load.h"
#include "load/node.h"

#define SL_MAX_DEPTH 512

struct sl_ev {
	size_t start;
	size_t end;
	const char *tag; /* NULL when untagged or for the non-specific "!" */
	size_t tag_len;
	const char *anchor; /* NULL when none */
	size_t anchor_len;
	enum sl_style style;
};

struct sl_frame {
	struct sl_node *node;
	struct sl_node *pending_key; /* maps: key waiting for its value */
	struct sl_node *shortform;   /* the {"Fn::X": ...} wrapper, when tagged */
	void *items;                 /* growable array of children */
	size_t n, cap;
	size_t dup_base;             /* start of this map's keys in the duplicate table */
	size_t fn_slot;              /* maps: the map's place in sl_builder.fns */
};

struct sl_builder {
	struct sl_doc *doc;
	struct sl_arena *arena;
	struct sl_frame *stack;
	size_t depth;
	size_t cap;
	int documents;
	bool stopped;
	/* cursor for offset -> line/column conversion */
	size_t cur_line;
	size_t cur_off;
	size_t cur_col;
	/* a place for every map whose first key names a function, in document
	 * order: the map once it ends as a call (sl_node_intrinsic), else NULL;
	 * sl_builder_publish() hands the calls to the document. These lists grow
	 * in the arena (sl_arena_grow), so they go with the tree it holds. */
	struct sl_node **fns;
	size_t n_fns, cap_fns;
	/* the pairs keyed "Condition" or "Fn::If" (sl_doc.cond_pairs) */
	const struct sl_pair **conds;
	size_t n_conds, cap_conds;
	/* short texts already in the arena, so that the many nodes that share one
	 * ("Type", "Properties", "AWS::Region") share its copy: an open-addressing
	 * table of cap_texts slots (a power of two, malloc'd), n_texts used */
	struct sl_text_slot {
		const char *s;
		uint32_t len, hash;
	} *texts;
	size_t n_texts, cap_texts;
};

void sl_builder_init(struct sl_builder *b, struct sl_doc *doc);
/* Frees the builder's scratch memory (not the tree, which lives in the arena). */
void sl_builder_fini(struct sl_builder *b);

/* After a parse that built the whole tree: what the builder noted, in its
 * arena, becomes the document's (sl_doc.fn_maps, cond_pairs). */
void sl_builder_publish(struct sl_builder *b);

int sl_builder_document_start(struct sl_builder *b, size_t off);
int sl_builder_scalar(struct sl_builder *b, const struct sl_ev *ev, const char *value, size_t len);
/* kind is SL_MAP or SL_SEQ; ev->style is SL_FLOW or SL_BLOCK. */
int sl_builder_begin(struct sl_builder *b, enum sl_kind kind, const struct sl_ev *ev);
int sl_builder_end(struct sl_builder *b, size_t end);
int sl_builder_alias(struct sl_builder *b, size_t start, size_t end, const char *name, size_t len);

/* Records a syntax error at byte offset `off` (E0000) and stops the builder.
 * `what` is the parser's problem text, `context` may be NULL. */
void sl_builder_syntax_error(struct sl_builder *b, size_t off, const char *what, const char *context);

/* Converts a byte offset into a 1-based line/column position, for the
 * loader's own diagnostics and for callers converting many offsets in
 * increasing order (a cursor: each line is counted about once). */
struct sl_position sl_builder_pos(struct sl_builder *b, size_t off);

#endif
