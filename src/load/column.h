/*
 * Columns in other units: the loader's columns count characters (code
 * points, as cfn-lint does); editors count UTF-8 bytes (Vim, Neovim) or
 * UTF-16 code units (LSP). This converts a position of a loaded document to
 * the unit asked for, from the document's text and line starts.
 */
#ifndef SL_LOAD_COLUMN_H
#define SL_LOAD_COLUMN_H

#include <stddef.h>
#include <stdint.h>

#include "load/load.h"

/* The 1-based column in `unit` of the place at 1-based `line` and character
 * `column` of `doc` (as the loader gives them: doc->src, UTF-8 even when the
 * input was UTF-16 or UTF-32, so bytes are the bytes of that UTF-8 text).
 * Reads only the line's text up to the column: O(column). A column past the
 * line's end counts one unit per character beyond it; a line outside the
 * document, a column of 0 (no place) or a document without line starts
 * gives `column` unchanged. */
uint32_t sl_doc_column(const struct sl_doc *doc, uint32_t line, uint32_t column,
		       enum sl_column_unit unit);

/* Where the last conversion on a line stopped, so that the next one on the
 * same line at a later column goes on from there: converting places in
 * increasing order costs one pass over each line. Zero it before first use. */
struct sl_column_cursor {
	uint32_t line;  /* 0: none yet */
	uint32_t chars; /* characters of the line before `at` */
	size_t at;      /* byte offset in doc->src */
	uint64_t units; /* UTF-16 code units of the line before `at` */
};

/* sl_doc_column() resuming from *cur (NULL: from the line's start) and
 * leaving it where this conversion stopped. A column before the cursor's
 * restarts from the line's start: O(column) at worst, as sl_doc_column(). */
uint32_t sl_doc_column_next(const struct sl_doc *doc, struct sl_column_cursor *cur, uint32_t line,
			    uint32_t column, enum sl_column_unit unit);

/* Parses a unit's name as --column-unit takes it: "char", "byte" or "utf16".
 * Returns 0, or -1 for any other name. */
int sl_column_unit_parse(const char *name, enum sl_column_unit *out);

#endif
