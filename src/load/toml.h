/*
 * TOML 1.0 reader: turns samconfig.toml (or any TOML 1.0 document) into the same
 * node tree the YAML and JSON loaders build, so that samconfig rules read
 * samconfig.toml and samconfig.yaml alike.
 *
 * Why a reader of our own in C, and not toml++ behind a C shim: Debian 12 packages
 * no C TOML library; it has toml++ 3.3.0 (libtomlplusplus-dev) and toml11, both
 * C++17. A shim would make the project a C/C++ one (a C++ compiler and libstdc++
 * in every build, the sanitizer and libFuzzer builds included, C++ exceptions
 * or toml++'s no-exceptions mode to map at the boundary, a second allocator
 * beside the arena), and toml++'s tree, though it records each node's source
 * region, does not keep what our diagnostics and rules read: the quoting style
 * of strings and keys, and the key a table was first named by; its columns
 * would also have to be reconciled with ours (characters, one line table). We
 * would re-scan the text to recover all that. TOML 1.0 is
 * small and fully specified by an ABNF grammar; a reader that builds our tree
 * directly, with the positions counted exactly as the other loaders count them,
 * is about as much code as the shim plus the re-scan, and is fuzzed with the
 * loader.
 *
 * The tree:
 *  - the document is a map (SL_MAP, SL_BLOCK); [tables] and tables made by
 *    dotted keys are SL_BLOCK maps, inline tables SL_FLOW maps; arrays are
 *    SL_FLOW sequences, arrays of tables ([[x]]) SL_BLOCK sequences of SL_BLOCK
 *    maps. Keys keep source order of first definition; a key is a scalar styled
 *    by its quoting (bare: SL_PLAIN, "basic": SL_DOUBLE, 'literal': SL_SINGLE).
 *  - strings (all four kinds) are scalars styled SL_DOUBLE (basic) or SL_SINGLE
 *    (literal) holding the decoded text; line breaks in multi-line strings are
 *    read as "\n" (CRLF included), as YAML reads them.
 *  - every other value is an SL_PLAIN scalar whose tag names its TOML type
 *    ("!!int", "!!float", "!!bool", "!!offset-datetime", "!!local-datetime",
 *    "!!local-date", "!!local-time"; sl_toml_type() reads them) and whose text is
 *    the value in the form YAML 1.1 resolves to the same type and value, so that
 *    sl_scalar_type() and sl_scalar_bool() answer for TOML as for YAML: integers
 *    in decimal ("0xff" -> "255", "1_000" -> "1000"), floats with a '.' and a
 *    signed exponent ("1e5" -> "1.0e+5", "inf" -> ".inf", "nan" -> ".nan"),
 *    true/false as written, date-times as written (strings to YAML 1.1). The
 *    source text is always at start..end.
 *  - positions: 1-based line and column counted in characters, as the other
 *    loaders do (one line table, the same conversion). A scalar spans its text
 *    (quotes included); an inline table or array its brackets; a table made by a
 *    [header] starts at the '[' (one made by a dotted key or implied by a header
 *    at that key) and ends at the end of its last entry, wherever in the file
 *    that is (a table's parts may be spread over the document).
 *
 * A leading UTF-8 byte order mark is skipped, as the other loaders skip it (TOML
 * 1.0 does not mention one; positions count from after it).
 *
 * Errors: everything TOML 1.0 calls invalid is an E0000 diagnostic with an exact
 * position and the document then has no tree (root NULL): syntax, invalid UTF-8,
 * control characters, a bare CR, bad escapes, leading zeros, out-of-range
 * integers, impossible dates, duplicate keys and redefined tables (reported at
 * both places), extending an inline table or a static array. Limits: the size
 * limit of sl_load() and nesting depth SL_MAX_DEPTH (tables, arrays and inline
 * tables together). Time is linear in the input; nothing recurses on the input.
 */
#ifndef SL_LOAD_TOML_H
#define SL_LOAD_TOML_H

#include <stddef.h>

#include "load/load.h"
#include "load/node.h"

/* Loads `len` bytes of TOML into out, its nodes, strings and diagnostics in
 * `arena` (opts may be NULL: default size limit; the backend is ignored).
 * Returns 0: out->root is the document's table, or NULL when the input is not
 * valid TOML 1.0 (out->failed, the reason in out->diags). Returns -1 when memory
 * ran out. An empty document (or only comments) is an empty table. */
int sl_load_toml(struct sl_doc *out, struct sl_arena *arena, const char *buf, size_t len,
		 const struct sl_load_opts *opts);

enum sl_toml_type {
	SL_TOML_NONE = 0, /* not a scalar read by sl_load_toml() */
	SL_TOML_STRING,
	SL_TOML_INTEGER,
	SL_TOML_FLOAT,
	SL_TOML_BOOLEAN,
	SL_TOML_OFFSET_DATETIME,
	SL_TOML_LOCAL_DATETIME,
	SL_TOML_LOCAL_DATE,
	SL_TOML_LOCAL_TIME,
};

/* The TOML type of a scalar node built by sl_load_toml(); SL_TOML_NONE for a
 * collection or NULL. Meant for TOML trees: on a YAML tree it answers only for
 * quoted scalars (strings) and plain ones tagged like the TOML types (!!int). */
enum sl_toml_type sl_toml_type(const struct sl_node *n);

#endif
