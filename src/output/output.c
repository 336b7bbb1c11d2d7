/*
 * Formatter dispatch and the helpers every formatter shares: UTF-8 decoding
 * that never passes malformed bytes through, the one-line text form of a
 * message, template paths, rule summaries, safe position ranges, and a small
 * JSON writer whose output matches Python's json.dumps byte for byte (so the
 * json format diffs cleanly against cfn-lint's).
 */
#include "output/output.h"
#include "util/text.h"

#include <string.h>

int sl_format_parse(const char *name, enum sl_format *out)
{
	static const struct {
		const char *name;
		enum sl_format fmt;
	} names[] = {
		{ "text", SL_FMT_TEXT },   { "json", SL_FMT_JSON },   { "parseable", SL_FMT_PARSEABLE },
		{ "sarif", SL_FMT_SARIF }, { "junit", SL_FMT_JUNIT }, { "github", SL_FMT_GITHUB },
		{ "pretty", SL_FMT_PRETTY }, { "quiet", SL_FMT_QUIET }, { "standard", SL_FMT_STANDARD },
	};
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(name, names[i].name) == 0) {
			*out = names[i].fmt;
			return 0;
		}
	}
	return -1;
}

bool sl_output_has_notices(enum sl_format fmt)
{
	return fmt == SL_FMT_SARIF || fmt == SL_FMT_GITHUB;
}

void sl_output_write(struct sl_buf *out, enum sl_format fmt, const struct sl_report *const *reports,
		     size_t n, const struct sl_output_opts *opts)
{
	static const struct sl_output_opts defaults = { .color = false };
	if (!opts)
		opts = &defaults;
	switch (fmt) {
	case SL_FMT_TEXT: sl_output_text(out, reports, n, opts); break;
	case SL_FMT_JSON: sl_output_json(out, reports, n, opts); break;
	case SL_FMT_PARSEABLE: sl_output_parseable(out, reports, n, opts); break;
	case SL_FMT_SARIF: sl_output_sarif(out, reports, n, opts); break;
	case SL_FMT_JUNIT: sl_output_junit(out, reports, n, opts); break;
	case SL_FMT_GITHUB: sl_output_github(out, reports, n, opts); break;
	case SL_FMT_PRETTY: sl_output_pretty(out, reports, n, opts); break;
	case SL_FMT_QUIET: sl_output_quiet(out, reports, n, opts); break;
	case SL_FMT_STANDARD: sl_output_standard(out, reports, n, opts); break;
	}
}

/* ---- UTF-8 ---- */

uint32_t sl_utf8_next(const char **s, const char *end)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t avail = (size_t)(end - *s);
	unsigned char c = p[0];
	uint32_t cp, min;
	size_t len;

	if (c < 0x80) {
		*s += 1;
		return c;
	}
	if (c == 0xC0 && avail >= 2 && p[1] == 0x80) {
		*s += 2; /* U+0000 in a node string (sl_node_strdup) */
		return 0;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2, cp = c & 0x1F, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3, cp = c & 0x0F, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4, cp = c & 0x07, min = 0x10000;
	} else {
		*s += 1;
		return SL_UTF8_REPLACEMENT;
	}
	if (avail < len) {
		*s += 1;
		return SL_UTF8_REPLACEMENT;
	}
	for (size_t i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*s += 1;
			return SL_UTF8_REPLACEMENT;
		}
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
		*s += 1;
		return SL_UTF8_REPLACEMENT;
	}
	*s += len;
	return cp;
}

void sl_utf8_put(struct sl_buf *b, uint32_t cp)
{
	char u[4];
	sl_buf_put(b, u, sl_utf8_encode(cp, u));
}

bool sl_output_is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

void sl_output_put_line(struct sl_buf *b, const char *s)
{
	if (!s)
		return;
	const char *end = s + strlen(s);
	while (s < end) {
		const char *run = s;
		while (s < end && (unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F)
			s++;
		sl_buf_put(b, run, (size_t)(s - run));
		if (s >= end)
			break;
		if (*s == '\r' || *s == '\n') {
			while (s < end && (*s == '\r' || *s == '\n'))
				s++;
			sl_buf_putc(b, ' ');
			continue;
		}
		uint32_t cp = sl_utf8_next(&s, end);
		if (cp == 0) {
			sl_buf_puts(b, "\\u0000"); /* as JSON writes it: shown, never a cut */
			continue;
		}
		if (cp != '\t' && sl_output_is_control(cp))
			cp = SL_UTF8_REPLACEMENT;
		sl_utf8_put(b, cp);
	}
}

/* ---- diagnostics and rules ---- */

const char *sl_output_severity_word(enum sl_severity sev)
{
	switch (sev) {
	case SL_SEV_ERROR: return "error";
	case SL_SEV_WARNING: return "warning";
	case SL_SEV_INFO: return "info";
	}
	return "error";
}

void sl_output_path(struct sl_buf *b, const struct sl_diag *d)
{
	for (uint32_t i = 0; i < d->path_len; i++) {
		if (i)
			sl_buf_putc(b, '/');
		if (d->path[i].key)
			sl_buf_puts(b, d->path[i].key);
		else
			sl_buf_printf(b, "%d", (int)d->path[i].index);
	}
}

void sl_output_posix_path(struct sl_buf *b, const char *f)
{
	size_t start = b->len;
	bool any = false;
	if (f[0] == '/') {
		sl_buf_puts(b, f[1] == '/' && f[2] != '/' ? "//" : "/");
	}
	const char *p = f;
	while (*p) {
		while (*p == '/')
			p++;
		const char *e = strchr(p, '/');
		if (!e)
			e = p + strlen(p);
		size_t n = (size_t)(e - p);
		if (n && !(n == 1 && p[0] == '.')) {
			if (any)
				sl_buf_putc(b, '/');
			sl_buf_put(b, p, n);
			any = true;
		}
		p = e;
	}
	if (b->len == start)
		sl_buf_putc(b, '.');
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* If the line [p, e) is a bold label ("**What it checks**" or "**Why:**"),
 * returns a pointer past it (and a following ':'); otherwise NULL. */
static const char *skip_bold_label(const char *p, const char *e)
{
	if (e - p < 4 || p[0] != '*' || p[1] != '*')
		return NULL;
	for (const char *q = p + 2; q + 1 < e; q++) {
		if (q[0] == '*' && q[1] == '*') {
			q += 2;
			if (q < e && *q == ':')
				q++;
			return q;
		}
	}
	return NULL;
}

void sl_output_rule_summary(struct sl_buf *b, const char *title, const char *doc)
{
	size_t start = b->len;
	bool in_para = false, in_fence = false;
	const char *p = doc ? doc : "";

	while (*p) {
		const char *nl = strchr(p, '\n');
		const char *e = nl ? nl : p + strlen(p);
		const char *next = nl ? nl + 1 : e;
		while (p < e && is_space(*p))
			p++;
		while (e > p && is_space(e[-1]))
			e--;

		if (e - p >= 3 && strncmp(p, "```", 3) == 0) {
			if (in_para)
				break;
			in_fence = !in_fence;
		} else if (in_fence) {
			/* code before the first paragraph: skip */
		} else if (p == e || *p == '#') {
			if (in_para)
				break;
		} else {
			const char *after = skip_bold_label(p, e);
			if (after) {
				if (in_para)
					break;
				p = after;
				while (p < e && is_space(*p))
					p++;
			}
			if (p < e) {
				if (in_para)
					sl_buf_putc(b, ' ');
				sl_buf_put(b, p, (size_t)(e - p));
				in_para = true;
			}
		}
		p = next;
	}
	if (b->len == start && title)
		sl_buf_puts(b, title);
}

struct sl_output_span sl_output_span_of(const struct sl_diag *d)
{
	struct sl_output_span s = { 0 };
	if (d->start.line == 0)
		return s;
	s.known = true;
	s.line = d->start.line;
	s.column = d->start.column;
	s.end_line = d->end.line;
	s.end_column = d->end.column;
	if (s.end_line < s.line || (s.end_line == s.line && s.end_column < s.column)) {
		s.end_line = s.line;
		s.end_column = s.column;
	}
	if (s.column == 0)
		s.end_column = 0;
	else if (s.end_column == 0)
		s.end_column = s.end_line == s.line ? s.column : 1;
	return s;
}

/* ---- JSON ---- */

void sl_json_put_string(struct sl_buf *b, const char *s, size_t n, bool ascii)
{
	static const char hex[] = "0123456789abcdef";
	const char *end = s + n;
	sl_buf_putc(b, '"');
	while (s < end) {
		const char *run = s;
		while (s < end && (unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F && *s != '"' &&
		       *s != '\\')
			s++;
		sl_buf_put(b, run, (size_t)(s - run));
		if (s >= end)
			break;
		uint32_t cp = sl_utf8_next(&s, end);
		switch (cp) {
		case '"': sl_buf_puts(b, "\\\""); continue;
		case '\\': sl_buf_puts(b, "\\\\"); continue;
		case '\n': sl_buf_puts(b, "\\n"); continue;
		case '\r': sl_buf_puts(b, "\\r"); continue;
		case '\t': sl_buf_puts(b, "\\t"); continue;
		case '\b': sl_buf_puts(b, "\\b"); continue;
		case '\f': sl_buf_puts(b, "\\f"); continue;
		}
		if (cp < 0x20 || (ascii && cp >= 0x7F)) {
			uint32_t units[2] = { cp, 0 };
			int nu = 1;
			if (cp >= 0x10000) {
				cp -= 0x10000;
				units[0] = 0xD800 | (cp >> 10);
				units[1] = 0xDC00 | (cp & 0x3FF);
				nu = 2;
			}
			for (int i = 0; i < nu; i++) {
				char u[6] = { '\\', 'u', hex[units[i] >> 12], hex[(units[i] >> 8) & 15],
					      hex[(units[i] >> 4) & 15], hex[units[i] & 15] };
				sl_buf_put(b, u, 6);
			}
		} else {
			sl_utf8_put(b, cp);
		}
	}
	sl_buf_putc(b, '"');
}

void sl_jw_init(struct sl_jw *w, struct sl_buf *b, int indent, bool ascii)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->indent = indent;
	w->ascii = ascii;
}

static void jw_newline(struct sl_jw *w)
{
	if (w->indent < 0)
		return; /* compact */
	sl_buf_putc(w->b, '\n');
	for (int i = 0; i < w->depth * w->indent; i++)
		sl_buf_putc(w->b, ' ');
}

/* Separator and indentation before a value or a key. */
static void jw_before_value(struct sl_jw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth == 0)
		return;
	/* Deeper than SL_JW_MAX_DEPTH is a programming error: stay in bounds. */
	if (w->depth > SL_JW_MAX_DEPTH || w->count[w->depth - 1]++)
		sl_buf_putc(w->b, ',');
	jw_newline(w);
}

static void jw_open(struct sl_jw *w, char c)
{
	jw_before_value(w);
	sl_buf_putc(w->b, c);
	if (w->depth < SL_JW_MAX_DEPTH)
		w->count[w->depth] = 0;
	w->depth++;
}

static void jw_close(struct sl_jw *w, char c)
{
	w->depth--;
	if (w->depth >= SL_JW_MAX_DEPTH || w->count[w->depth])
		jw_newline(w);
	sl_buf_putc(w->b, c);
}

void sl_jw_begin_object(struct sl_jw *w)
{
	jw_open(w, '{');
}

void sl_jw_end_object(struct sl_jw *w)
{
	jw_close(w, '}');
}

void sl_jw_begin_array(struct sl_jw *w)
{
	jw_open(w, '[');
}

void sl_jw_end_array(struct sl_jw *w)
{
	jw_close(w, ']');
}

void sl_jw_key(struct sl_jw *w, const char *key)
{
	jw_before_value(w);
	sl_json_put_string(w->b, key, strlen(key), w->ascii);
	sl_buf_puts(w->b, w->indent < 0 ? ":" : ": ");
	w->after_key = true;
}

void sl_jw_string_n(struct sl_jw *w, const char *s, size_t n)
{
	jw_before_value(w);
	sl_json_put_string(w->b, s, n, w->ascii);
}

void sl_jw_string(struct sl_jw *w, const char *s)
{
	if (!s) {
		sl_jw_null(w);
		return;
	}
	sl_jw_string_n(w, s, strlen(s));
}

void sl_jw_int(struct sl_jw *w, long long v)
{
	jw_before_value(w);
	sl_buf_printf(w->b, "%lld", v);
}

void sl_jw_null(struct sl_jw *w)
{
	jw_before_value(w);
	sl_buf_puts(w->b, "null");
}

void sl_jw_bool(struct sl_jw *w, bool v)
{
	jw_before_value(w);
	sl_buf_puts(w->b, v ? "true" : "false");
}
