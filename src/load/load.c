/*
 * Loader entry: size limit, encoding checks (BOM, UTF-16/32, invalid UTF-8, NUL
 * and control bytes), the line table, and the choice between the JSON parser and
 * a YAML backend. Every problem becomes an E0000 diagnostic with a position;
 * the backends only ever see valid UTF-8 without NUL bytes.
 */
#include "load/load.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "load/builder.h"
#include "load/node.h"
#include "load/yaml_fast.h"

int sl_doc_diag(struct sl_doc *doc, const char *rule_id, enum sl_severity sev,
		struct sl_position start, struct sl_position end, const char *msg)
{
	if (doc->n_diags == doc->cap_diags) {
		struct sl_ldiag *p = sl_arena_grow(doc->arena, doc->diags, &doc->cap_diags, sizeof(*p));
		if (!p) {
			doc->oom = true;
			return -1;
		}
		doc->diags = p;
	}
	struct sl_ldiag *d = &doc->diags[doc->n_diags];
	d->rule_id = rule_id;
	d->severity = sev;
	d->start = start;
	d->end = end;
	d->message = sl_arena_strndup(doc->arena, msg, strlen(msg));
	if (!d->message) {
		doc->oom = true;
		return -1;
	}
	doc->n_diags++;
	return 0;
}

int sl_doc_lines(struct sl_doc *d)
{
	size_t n = 1;
	const char *s = d->src, *e = s + d->len;
	unsigned char high = 0;
	for (size_t i = 0; i < d->len; i++)
		high |= (unsigned char)s[i];
	d->ascii = high < 0x80;
	for (const char *p = s; p < e; p++) {
		p = memchr(p, '\n', (size_t)(e - p));
		if (!p)
			break;
		n++;
	}
	/* lone CRs are rare: count them in a second pass only if present */
	bool cr = memchr(s, '\r', d->len) != NULL;
	if (cr)
		for (size_t i = 0; i < d->len; i++)
			if (s[i] == '\r' && (i + 1 == d->len || s[i + 1] != '\n'))
				n++;
	d->line_starts = sl_arena_alloc(d->arena, n * sizeof(uint32_t));
	if (!d->line_starts)
		return -1;
	size_t k = 0;
	d->line_starts[k++] = 0;
	if (!cr) {
		for (const char *p = s; p < e; p++) {
			p = memchr(p, '\n', (size_t)(e - p));
			if (!p)
				break;
			d->line_starts[k++] = (uint32_t)(p + 1 - s);
		}
	} else {
		for (size_t i = 0; i < d->len; i++) {
			if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == d->len || s[i + 1] != '\n')))
				d->line_starts[k++] = (uint32_t)(i + 1);
		}
	}
	d->n_lines = k;
	if (!d->ascii) {
		/* characters before every SL_DOC_MARK bytes: sl_doc_pos() then counts
		 * at most that many, not the whole of a long line */
		size_t nm = d->len / SL_DOC_MARK + 1;
		d->char_marks = sl_arena_alloc(d->arena, nm * sizeof(uint32_t));
		if (!d->char_marks)
			return -1;
		uint32_t chars = 0;
		for (size_t m = 0, i = 0; m < nm; m++) {
			d->char_marks[m] = chars;
			for (size_t end = i + SL_DOC_MARK < d->len ? i + SL_DOC_MARK : d->len; i < end; i++)
				chars += ((unsigned char)s[i] & 0xC0) != 0x80;
		}
	}
	return 0;
}

/* Position of a byte offset before a builder exists (encoding errors). */
/* Characters of doc->src before byte offset off, from the marks: the bytes
 * after the mark that are not UTF-8 continuation bytes (10xxxxxx), counted
 * eight at a time. */
static size_t chars_before(const struct sl_doc *d, size_t off)
{
	size_t i = off / SL_DOC_MARK * SL_DOC_MARK, n = d->char_marks[off / SL_DOC_MARK];
	const unsigned char *s = (const unsigned char *)d->src;
	for (; i + 8 <= off; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		/* one in each byte that has bit 7 set and bit 6 clear, summed by a
		 * multiply (without -mpopcnt, popcount is a library call) */
		uint64_t cont = (w & ~(w << 1) & 0x8080808080808080ull) >> 7;
		n += 8 - (size_t)((cont * 0x0101010101010101ull) >> 56);
	}
	for (; i < off; i++)
		n += (s[i] & 0xC0) != 0x80;
	return n;
}

struct sl_position sl_doc_pos(const struct sl_doc *d, size_t off)
{
	if (d->n_lines && (d->ascii || d->char_marks)) {
		/* the builder's conversion, without walking the lines or the line */
		if (off > d->len)
			off = d->len;
		size_t lo = sl_doc_line_of(d, off);
		size_t from = d->line_starts[lo];
		size_t col = d->ascii ? off - from : chars_before(d, off) - chars_before(d, from);
		return (struct sl_position){ .line = (uint32_t)lo + 1, .column = (uint32_t)col + 1,
					     .offset = (uint32_t)off };
	}
	struct sl_builder b; /* a fresh cursor: the builder's conversion, without its state */
	sl_builder_init(&b, (struct sl_doc *)d);
	struct sl_position p = sl_builder_pos(&b, off);
	sl_builder_fini(&b);
	return p;
}


static int fail_at(struct sl_doc *d, size_t off, size_t len, const char *msg)
{
	d->failed = true;
	if (sl_doc_lines(d) < 0)
		return -1;
	return sl_doc_diag(d, "E0000", SL_SEV_ERROR, sl_doc_pos(d, off), sl_doc_pos(d, off + len), msg);
}

/* Returns the offset of the first byte that is not valid UTF-8 or is a
 * forbidden control character, or len. *why tells which. */
/* What the fast YAML reader leaves to libyaml: tabs, a CR but in "\r\n", and
 * the line breaks and BOM of Unicode (NEL, LS, PS, U+FEFF). */
static bool fast_yaml_stops(const unsigned char *s, size_t len, size_t i, unsigned cp)
{
	if (cp == '\r')
		return i + 1 >= len || s[i + 1] != '\n';
	return cp == '\t' || cp == 0x85 || cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;
}

/* *unusual gets whether the text holds any of fast_yaml_stops(). */
static size_t scan_text(const unsigned char *s, size_t len, bool yaml, const char **why, unsigned *cp_out,
			bool *unusual)
{
	size_t i = 0;
	while (i < len) {
		/* ASCII fast path, 8 bytes at a time: printable or a line feed (one
		 * line in ~40 bytes; the careful path took a byte at a time from
		 * the start of each word that held one) */
		const uint64_t high = 0x8080808080808080ull;
		while (i + 8 <= len) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & high)
				break;
			/* per byte b <= 0x7f, exactly (no carry leaves a byte): b + 0x60
			 * has its high bit clear when b < 0x20, b ^ 0x0a + 0x7f when b is
			 * '\n', b ^ 0x7f + 0x7f when b is DEL */
			uint64_t ctl = ~(w + 0x6060606060606060ull) & high;
			uint64_t lf = ~((w ^ 0x0a0a0a0a0a0a0a0aull) + 0x7f7f7f7f7f7f7f7full) & high;
			uint64_t del = ~((w ^ 0x7f7f7f7f7f7f7f7full) + 0x7f7f7f7f7f7f7f7full) & high;
			if ((ctl & ~lf) | del)
				break;
			i += 8;
		}
		if (i >= len)
			break;
		unsigned c = s[i];
		if (c < 0x80) {
			if (c == 0) {
				*why = "NUL byte";
				return i;
			}
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				*why = "control character";
				*cp_out = c;
				return i;
			}
			if (c == 0x7f && yaml) {
				*why = "control character";
				*cp_out = c;
				return i;
			}
			*unusual |= fast_yaml_stops(s, len, i, c);
			i++;
			continue;
		}
		unsigned cp, need;
		if (c >= 0xC2 && c <= 0xDF)
			cp = c & 0x1F, need = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			cp = c & 0x0F, need = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			cp = c & 0x07, need = 3;
		else {
			*why = "invalid UTF-8";
			return i;
		}
		for (unsigned k = 1; k <= need; k++) {
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80) {
				*why = "invalid UTF-8";
				return i;
			}
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF)) {
			*why = "invalid UTF-8";
			return i;
		}
		if (yaml && ((cp >= 0x80 && cp <= 0x9F && cp != 0x85) || cp == 0xFFFE || cp == 0xFFFF)) {
			*why = "control character";
			*cp_out = cp;
			return i;
		}
		*unusual |= fast_yaml_stops(s, len, i, cp);
		i += need + 1;
	}
	return len;
}

/* UTF-16/32 input (detected by BOM or by the NUL pattern YAML's spec gives) is
 * transcoded to UTF-8. Returns 1 when transcoded, 0 when not UTF-16/32, -1 on
 * OOM or a broken sequence (diagnostic added). */
static int transcode(struct sl_doc *d, const unsigned char *s, size_t len)
{
	int unit = 0, be = 0, skip = 0;
	if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0xFE && s[3] == 0xFF)
		unit = 4, be = 1, skip = 4;
	else if (len >= 4 && s[0] == 0xFF && s[1] == 0xFE && s[2] == 0 && s[3] == 0)
		unit = 4, be = 0, skip = 4;
	else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF)
		unit = 2, be = 1, skip = 2;
	else if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE)
		unit = 2, be = 0, skip = 2;
	else if (len >= 4 && s[0] == 0 && s[1] == 0 && s[2] == 0 && s[3] != 0)
		unit = 4, be = 1;
	else if (len >= 4 && s[0] != 0 && s[1] == 0 && s[2] == 0 && s[3] == 0)
		unit = 4, be = 0;
	else if (len >= 2 && s[0] == 0 && s[1] != 0)
		unit = 2, be = 1;
	else if (len >= 2 && s[0] != 0 && s[1] == 0)
		unit = 2, be = 0;
	if (!unit)
		return 0;
	size_t n = (len - skip) / (size_t)unit;
	char *out = sl_arena_alloc(d->arena, n * 4 + 1);
	if (!out)
		return -1;
	size_t o = 0;
	const unsigned char *p = s + skip;
	for (size_t i = 0; i < n; i++) {
		uint32_t cp;
		const unsigned char *q = p + i * unit;
		if (unit == 2) {
			cp = be ? (uint32_t)(q[0] << 8 | q[1]) : (uint32_t)(q[1] << 8 | q[0]);
			if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n) {
				const unsigned char *r = q + 2;
				uint32_t lo = be ? (uint32_t)(r[0] << 8 | r[1]) : (uint32_t)(r[1] << 8 | r[0]);
				if (lo >= 0xDC00 && lo <= 0xDFFF) {
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					i++;
				}
			}
		} else {
			cp = be ? ((uint32_t)q[0] << 24 | (uint32_t)q[1] << 16 | (uint32_t)q[2] << 8 | q[3])
				: ((uint32_t)q[3] << 24 | (uint32_t)q[2] << 16 | (uint32_t)q[1] << 8 | q[0]);
		}
		if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
			d->src = out;
			d->len = o;
			char msg[128];
			snprintf(msg, sizeof(msg), "invalid UTF-%d sequence (code unit 0x%X)", unit * 8, (unsigned)cp);
			fail_at(d, o, 0, msg);
			return -1;
		}
		if (cp < 0x80) {
			out[o++] = (char)cp;
		} else if (cp < 0x800) {
			out[o++] = (char)(0xC0 | (cp >> 6));
			out[o++] = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			out[o++] = (char)(0xE0 | (cp >> 12));
			out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (cp & 0x3F));
		} else {
			out[o++] = (char)(0xF0 | (cp >> 18));
			out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
			out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	out[o] = '\0';
	d->src = out;
	d->len = o;
	size_t extra = (len - skip) % (size_t)unit;
	if (extra) {
		/* an odd trailing byte (a truncated file) is an error, not dropped */
		char msg[160];
		snprintf(msg, sizeof(msg), "the file ends inside a UTF-%d code unit: %zu byte%s left over "
			 "after the last whole character (a truncated file?)", unit * 8, extra, extra > 1 ? "s" : "");
		fail_at(d, o, 0, msg);
		return -1;
	}
	return 1;
}

static int run_backend(struct sl_doc *d, bool json, enum sl_backend be);

/* libfyaml 0.7.12 crashes in fy_parser_destroy() after some tab errors
 * ("? !t :\t:", its issue #57, fixed upstream later). Inputs with a tab are
 * first checked with libyaml, which rejects the same inputs; a file libyaml
 * rejects gets libyaml's diagnostics and never reaches libfyaml. */
static int run_fyaml_guarded(struct sl_doc *d)
{
	if (!memchr(d->src, '\t', d->len))
		return run_backend(d, false, SL_BACKEND_LIBFYAML);
	size_t keep = d->n_diags;
	if (run_backend(d, false, SL_BACKEND_LIBYAML) < 0)
		return -1;
	if (d->failed)
		return 0;
	d->n_diags = keep;
	d->root = NULL;
	return run_backend(d, false, SL_BACKEND_LIBFYAML);
}

/* The fast YAML reader, building into an arena of its own: kept when it read
 * the whole text (1), dropped when it gave up (0), for libyaml to start again
 * without the first attempt's tree and diagnostics (a large template is not
 * held twice); -1 when memory ran out. */
/* Whether the parse built the whole tree: then what the builder noted
 * becomes the document's (sl_builder_publish). */
static bool whole_tree(const struct sl_doc *d)
{
	return !d->failed && !d->oom && d->root;
}

static int run_fast(struct sl_doc *d)
{
	struct sl_arena own, *arena = d->arena;
	sl_arena_init(&own);
	d->arena = &own;
	struct sl_builder b;
	sl_builder_init(&b, d);
	int rc = sl_parse_yaml_fast(&b, d->src, d->len);
	if (rc > 0 && whole_tree(d))
		sl_builder_publish(&b);
	sl_builder_fini(&b);
	d->arena = arena;
	if (rc > 0) {
		sl_arena_adopt(arena, &own);
		d->read_fast = true;
		return 1;
	}
	sl_arena_free(&own);
	d->diags = NULL;
	d->n_diags = d->cap_diags = 0;
	d->root = NULL;
	d->failed = false;
	return rc;
}

static int run_backend(struct sl_doc *d, bool json, enum sl_backend be)
{
	if (!json && be == SL_BACKEND_LIBYAML && d->fast_yaml && !d->n_diags) {
		int fast = run_fast(d);
		if (fast != 0)
			return fast > 0 ? 0 : -1;
	}
	struct sl_builder b;
	sl_builder_init(&b, d);
	int rc;
	if (json)
		rc = sl_parse_json(&b, d->src, d->len);
	else if (be == SL_BACKEND_LIBFYAML)
		rc = sl_parse_libfyaml(&b, d->src, d->len);
	else
		rc = sl_parse_libyaml(&b, d->src, d->len);
	if (rc == 0 && whole_tree(d))
		sl_builder_publish(&b);
	sl_builder_fini(&b);
	if (rc < 0 || d->oom)
		return -1;
	return 0;
}

int sl_load(struct sl_doc *d, struct sl_arena *arena, const char *buf, size_t len,
	    const struct sl_load_opts *opts)
{
	memset(d, 0, sizeof(*d));
	d->arena = arena;
	d->src = buf;
	d->len = len;
	enum sl_backend be = opts ? opts->backend : SL_BACKEND_DEFAULT;
	if (be == SL_BACKEND_DEFAULT)
		be = SL_DEFAULT_BACKEND_FYAML ? SL_BACKEND_LIBFYAML : SL_BACKEND_LIBYAML;
	size_t max = opts && opts->max_size ? opts->max_size : SL_DEFAULT_MAX_SIZE;

	if (len > max || len > SL_MAX_INPUT_SIZE) {
		char msg[240];
		if (len > max)
			snprintf(msg, sizeof(msg),
				 "file is %s%zu bytes, over the size limit of %zu bytes (--max-size); not parsed "
				 "(CloudFormation itself accepts at most 1 MB from S3)",
				 len == max + 1 ? "at least " : "", len, max); /* a stream is read to max + 1 */
		else
			snprintf(msg, sizeof(msg),
				 "file is over %zu bytes (4 GiB - 1), the most stacklint reads whatever "
				 "--max-size says (positions are 32-bit); not parsed", SL_MAX_INPUT_SIZE);
		d->src = ""; /* the caller may pass no buffer at all for an oversized file */
		d->len = 0;
		return fail_at(d, 0, 0, msg) < 0 ? -1 : 0;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		/* keep offsets relative to what the parsers see */
		d->src = buf + 3;
		d->len = len - 3;
	} else {
		int t = transcode(d, (const unsigned char *)buf, len);
		if (t < 0)
			return d->oom ? -1 : 0;
	}
	/* '{' first: JSON (YAML backends are tried when the JSON parser fails). */
	size_t first = 0;
	while (first < d->len && (d->src[first] == ' ' || d->src[first] == '\t' ||
				  d->src[first] == '\r' || d->src[first] == '\n'))
		first++;
	bool json = first < d->len && d->src[first] == '{';

	const char *why = NULL;
	unsigned cp = 0;
	bool unusual = false;
	size_t bad = scan_text((const unsigned char *)d->src, d->len, !json, &why, &cp, &unusual);
	d->fast_yaml = be == SL_BACKEND_LIBYAML && !unusual && !(opts && opts->libyaml_only);
	if (bad < d->len) {
		char msg[200];
		if (strcmp(why, "NUL byte") == 0)
			snprintf(msg, sizeof(msg), "NUL byte in the file: a template is text (is this a binary file?)");
		else if (strcmp(why, "control character") == 0)
			snprintf(msg, sizeof(msg), "control character U+%04X is not allowed in a template", cp);
		else
			snprintf(msg, sizeof(msg), "invalid UTF-8 (byte 0x%02X): templates must be UTF-8 text",
				 (unsigned char)d->src[bad]);
		return fail_at(d, bad, 1, msg) < 0 ? -1 : 0;
	}
	if (sl_doc_lines(d) < 0)
		return (d->oom = true), -1;
	if (first == d->len) {
		/* only whitespace, or nothing: YAML would still allow comments; check */
		struct sl_position p = sl_doc_pos(d, 0);
		d->empty = true;
		return sl_doc_diag(d, "E0000", SL_SEV_ERROR, p, p, "template is empty") < 0 ? -1 : 0;
	}
	if (json) {
		d->json = true;
		if (run_backend(d, true, be) < 0)
			return (d->oom = true), -1;
		if (!d->failed || (opts && opts->json_only))
			return 0;
		/* Not JSON after all? A YAML flow mapping also starts with '{'. */
		size_t keep = d->n_diags;
		struct sl_ldiag *saved = d->diags;
		size_t saved_cap = d->cap_diags;
		d->diags = NULL;
		d->n_diags = d->cap_diags = 0;
		d->root = NULL;
		d->failed = false;
		if ((be == SL_BACKEND_LIBFYAML ? run_fyaml_guarded(d) : run_backend(d, false, be)) < 0)
			return (d->oom = true), -1;
		if (d->root && !d->failed) {
			d->json = false;
			return 0;
		}
		d->diags = saved;
		d->n_diags = keep;
		d->cap_diags = saved_cap;
		d->root = NULL;
		d->failed = true;
		return 0;
	}
	if ((be == SL_BACKEND_LIBFYAML ? run_fyaml_guarded(d) : run_backend(d, false, be)) < 0)
		return (d->oom = true), -1;
	/* comments and a document marker only: YAML gives an empty null scalar */
	if (d->root && d->root->kind == SL_SCALAR && d->root->len == 0 && d->root->style == SL_PLAIN &&
	    !sl_node_tag(d->root) && !(d->root->flags & SL_NODE_ALIAS))
		d->root = NULL;
	if (!d->root && !d->failed) {
		struct sl_position p = sl_doc_pos(d, 0);
		d->empty = true;
		return sl_doc_diag(d, "E0000", SL_SEV_ERROR, p, p,
				   "template is empty (only comments or a document marker)") < 0 ? -1 : 0;
	}
	return 0;
}
