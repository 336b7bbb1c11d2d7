/*
 * Converts character columns of a loaded document to UTF-8 byte or UTF-16
 * code-unit columns (column.h). A character is what the builder counts: a
 * byte that is not a UTF-8 continuation byte (10xxxxxx), with the
 * continuation bytes after it.
 */
#include "load/column.h"

#include <string.h>

uint32_t sl_doc_column_next(const struct sl_doc *doc, struct sl_column_cursor *cur, uint32_t line,
			    uint32_t column, enum sl_column_unit unit)
{
	if (unit == SL_COLUMN_CHAR || doc->ascii || column <= 1 || line == 0 ||
	    !doc->line_starts || line > doc->n_lines)
		return column;
	const unsigned char *s = (const unsigned char *)doc->src;
	size_t from = doc->line_starts[line - 1];
	size_t end = line < doc->n_lines ? doc->line_starts[line] : doc->len;
	/* resume where the last call on this line stopped, unless it went past */
	size_t i = from;
	uint32_t chars = 0;
	uint64_t units = 0;
	if (cur && cur->line == line && cur->chars <= column - 1) {
		i = cur->at;
		chars = cur->chars;
		units = cur->units;
	}
	/* stop at the character the column names, or at the line's end */
	for (; i < end; i++) {
		if ((s[i] & 0xC0) == 0x80)
			continue;
		if (chars == column - 1)
			break;
		chars++;
		units += s[i] >= 0xF0 ? 2 : 1; /* 4-byte form: above U+FFFF, a surrogate pair */
	}
	if (cur) {
		cur->line = line;
		cur->chars = chars;
		cur->at = i;
		cur->units = units;
	}
	uint32_t beyond = column - 1 - chars;
	uint64_t out = unit == SL_COLUMN_BYTE ? (uint64_t)(i - from) : units;
	out += (uint64_t)beyond + 1;
	return out > UINT32_MAX ? UINT32_MAX : (uint32_t)out;
}

uint32_t sl_doc_column(const struct sl_doc *doc, uint32_t line, uint32_t column,
		       enum sl_column_unit unit)
{
	return sl_doc_column_next(doc, NULL, line, column, unit);
}

int sl_column_unit_parse(const char *name, enum sl_column_unit *out)
{
	static const char *const names[] = { "char", "byte", "utf16" };
	for (int i = 0; i < 3; i++) {
		if (strcmp(name, names[i]) == 0) {
			*out = (enum sl_column_unit)i;
			return 0;
		}
	}
	return -1;
}
