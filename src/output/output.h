/*
 * Formatters: turn the reports of a run (in the order the files were given,
 * each report's diagnostics already sorted) into bytes. Output depends only on
 * the reports, never on timing or thread count, so it is byte-identical across
 * runs and --jobs values.
 */
#ifndef SL_OUTPUT_OUTPUT_H
#define SL_OUTPUT_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "stacklint/stacklint.h"
#include "util/buf.h"

enum sl_format {
	SL_FMT_TEXT = 0,
	SL_FMT_JSON,
	SL_FMT_PARSEABLE,
	SL_FMT_SARIF,
	SL_FMT_JUNIT,
	SL_FMT_GITHUB,
	SL_FMT_PRETTY, /* cfn-lint's "pretty": grouped by file, with a summary */
	SL_FMT_QUIET,  /* cfn-lint's "quiet": "ID: title file:line" */
	SL_FMT_STANDARD, /* cfn-lint's default: "ID message", "file:line:col", a blank line */
};

struct sl_output_opts {
	bool color; /* text and pretty: ANSI colours (the CLI sets it when stdout is a TTY) */
	/* pretty only, for its summary line: templates linted, rules that ran */
	size_t templates, rules;
	/* the run's notices (sl_cli_notice), for the formats that carry them:
	 * sarif (toolConfigurationNotifications) and github (::notice) */
	const char *const *notices;
	size_t n_notices;
	/* what the reports' columns count (sl_options.column_unit): sarif says
	 * so in run.columnKind, which has no byte kind (the CLI lints with
	 * characters for sarif when bytes are asked for) */
	enum sl_column_unit column_unit;
};

/* True when the format writes the notices of sl_output_opts itself. */
bool sl_output_has_notices(enum sl_format fmt);

/* Parses a format name ("text", "json", ...). Returns 0 or -1 when unknown. */
int sl_format_parse(const char *name, enum sl_format *out);

/* Appends the whole output for `n` reports to `out`. */
void sl_output_write(struct sl_buf *out, enum sl_format fmt, const struct sl_report *const *reports,
		     size_t n, const struct sl_output_opts *opts);

/* Per-format writers, called by sl_output_write. */
void sl_output_text(struct sl_buf *out, const struct sl_report *const *r, size_t n, const struct sl_output_opts *o);
void sl_output_json(struct sl_buf *out, const struct sl_report *const *r, size_t n, const struct sl_output_opts *o);
void sl_output_parseable(struct sl_buf *out, const struct sl_report *const *r, size_t n, const struct sl_output_opts *o);
void sl_output_sarif(struct sl_buf *out, const struct sl_report *const *r, size_t n, const struct sl_output_opts *o);
void sl_output_junit(struct sl_buf *out, const struct sl_report *const *r, size_t n, const struct sl_output_opts *o);
void sl_output_github(struct sl_buf *out, const struct sl_report *const *r, size_t n, const struct sl_output_opts *o);
void sl_output_pretty(struct sl_buf *out, const struct sl_report *const *r, size_t n, const struct sl_output_opts *o);
void sl_output_quiet(struct sl_buf *out, const struct sl_report *const *r, size_t n, const struct sl_output_opts *o);
void sl_output_standard(struct sl_buf *out, const struct sl_report *const *r, size_t n, const struct sl_output_opts *o);

/*
 * Helpers shared by the formatters (output.c). Not for use outside src/output/.
 */

#define SL_UTF8_REPLACEMENT 0xFFFDu

/* Decodes the UTF-8 character at *s (s < end) and advances *s past it.
 * Malformed input (bad lead or continuation byte, truncation, overlong form,
 * surrogate, above U+10FFFF) consumes one byte and yields U+FFFD, so every
 * formatter writes valid UTF-8 whatever bytes it was given. The one overlong
 * form taken is C0 80: U+0000 as node strings hold it (sl_node_strdup). */
uint32_t sl_utf8_next(const char **s, const char *end);

/* Appends code point `cp` (<= U+10FFFF, not a surrogate) as UTF-8. */
void sl_utf8_put(struct sl_buf *b, uint32_t cp);

/* True for C0 controls, DEL and C1 controls: characters that a terminal, a
 * log viewer or XML must not receive raw. */
bool sl_output_is_control(uint32_t cp);

/* Appends `s` (NULL counts as "") for a one-line format: each run of CR/LF
 * becomes one space, other control characters but TAB become U+FFFD. */
void sl_output_put_line(struct sl_buf *b, const char *s);

/* "error" / "warning" / "info". */
const char *sl_output_severity_word(enum sl_severity sev);

/* Appends the diagnostic's template path as "Resources/Fn/Properties/Layers/2"
 * (nothing when path_len is 0). Keys are written as given. */
void sl_output_path(struct sl_buf *b, const struct sl_diag *d);

/* Appends f as Python's str(pathlib.PurePosixPath(f)) does: empty and "."
 * components dropped, a leading "/" kept ("//" when exactly two), "." when
 * nothing is left. */
void sl_output_posix_path(struct sl_buf *b, const char *f);

/* Appends the first paragraph of a rule's Markdown `doc` (headings and
 * heading-like bold lines skipped, lines joined by one space); falls back to
 * `title` when the doc has no paragraph. Both may be NULL. */
void sl_output_rule_summary(struct sl_buf *b, const char *title, const char *doc);

/* A position range made safe for formats that reject odd values: `known` is
 * false when the start line is 0; columns are 0 when the start column is 0;
 * an end before the start (or missing) is clamped to the start. */
struct sl_output_span {
	bool known;
	uint32_t line, column, end_line, end_column;
};
struct sl_output_span sl_output_span_of(const struct sl_diag *d);

/*
 * A small pretty-printing JSON writer. Objects and arrays nest up to
 * SL_JW_MAX_DEPTH; empty ones print as {} and []; with `indent` spaces per
 * level and ", " / ": " separators it prints what Python's json.dumps(indent=N)
 * prints; with a negative `indent`, compact JSON on one line (no spaces).
 * With `ascii` every non-ASCII character is written as \uXXXX (surrogate
 * pairs above U+FFFF) and DEL as \u007f, as json.dumps(ensure_ascii=True) does;
 * otherwise text is written as UTF-8. Invalid UTF-8 becomes U+FFFD either way.
 */
#define SL_JW_MAX_DEPTH 16

struct sl_jw {
	struct sl_buf *b;
	int indent;
	bool ascii;
	int depth;
	bool after_key;
	size_t count[SL_JW_MAX_DEPTH]; /* values written so far at each depth */
};

void sl_jw_init(struct sl_jw *w, struct sl_buf *b, int indent, bool ascii);
void sl_jw_begin_object(struct sl_jw *w);
void sl_jw_end_object(struct sl_jw *w);
void sl_jw_begin_array(struct sl_jw *w);
void sl_jw_end_array(struct sl_jw *w);
/* Writes an object key; the next call writes its value. */
void sl_jw_key(struct sl_jw *w, const char *key);
void sl_jw_string(struct sl_jw *w, const char *s); /* NULL writes null */
void sl_jw_string_n(struct sl_jw *w, const char *s, size_t n);
void sl_jw_int(struct sl_jw *w, long long v);
void sl_jw_null(struct sl_jw *w);
void sl_jw_bool(struct sl_jw *w, bool v);
/* Appends a JSON string literal (with quotes) for n bytes at s. */
void sl_json_put_string(struct sl_buf *b, const char *s, size_t n, bool ascii);

#endif
