/*
 * What the language server knows of the resource specification, for the
 * editor: hover facts over a resource type or a property name, and completion
 * of resource types, property names and Ref/GetAtt targets. Both work on the
 * document's text as the editor has it (which may not parse while the user
 * types) and a byte offset into it.
 */
#ifndef SL_LSP_ASSIST_H
#define SL_LSP_ASSIST_H

#include <stdbool.h>
#include <stddef.h>

#include "output/output.h"
#include "stacklint/stacklint.h"
#include "util/buf.h"

/* Appends Markdown describing what is at byte offset off of text (a resource
 * type: its documentation, properties and attributes; a property name: its
 * type, whether it is required, allowed values, pattern, ranges, and its
 * documentation link) to md. Returns true when it appended anything. o gives
 * the spec, the backend and the size limit. */
bool sl_lsp_hover_spec(struct sl_buf *md, const struct sl_options *o, const char *text, size_t len,
		       size_t off);

/* Writes the completion items for byte offset off of text as the elements of
 * a JSON array already begun in w (CompletionItem objects: label, kind,
 * detail, a textEdit replacing what was typed, in o->column_unit's columns,
 * with filterText and sortText). Writes nothing where nothing fits. */
void sl_lsp_complete(struct sl_jw *w, const struct sl_options *o, const char *text, size_t len,
		     size_t off);

#endif
