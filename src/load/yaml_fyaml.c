/*
 * The libfyaml parser backend. It streams libfyaml's event API (never the
 * document API, so aliases are never expanded) into the tree builder, and
 * makes every position and value agree with the libyaml backend, which is the
 * reference: both backends must build the identical tree for every input
 * (tests/test_backends.c checks this on every fixture and corpus file).
 *
 * libfyaml 0.7.12 and libyaml disagree on marks in a few places, which this
 * file corrects from the source text:
 *  - a quoted scalar's mark excludes its quotes; a block scalar's starts at
 *    its first content line instead of at its '|' or '>' indicator;
 *  - an anchor's or alias's mark excludes the '&' or '*';
 *  - an empty (null) node has no mark at all: libyaml places it just past
 *    the indicator before it (':', '-', '?') or at the token that follows,
 *    depending on where it stands (empty_mark());
 *  - a block mapping starts at its first key's first property, and a
 *    single-pair mapping inside a flow sequence ([a: b]) spans from its key
 *    to the ',' or ']' after it;
 *  - a document starts at its first token (directive, "---" or content).
 * Those corrections scan the text between tokens, where only blanks, line
 * breaks, comments and indicators can stand.
 *
 * libfyaml 0.7.12 also has bugs that reject or misread valid YAML that
 * libyaml reads: input edits work around three of them (see "Input edits"),
 * and block scalars' values are read from the text by libyaml's rules
 * (scan_block()). Where libfyaml accepts what libyaml rejects (a tab after a
 * block '-', a tag glued to what follows, an empty key without '?', a second
 * document without "---"), the error is reported as libyaml reports it, and
 * a few of libfyaml's own errors are moved to where libyaml finds them
 * (report_error()). Syntax errors of both parsers are on the same line for
 * every corpus file; on broken input they can still differ (libfyaml finds an
 * unclosed '[' at the end of the input, libyaml where a token does not fit).
 *
 * libfyaml 0.7.12 silently stops at a NUL byte or bad UTF-8 in a comment; the
 * loader rejects such input first, but this backend also checks that the
 * stream ended at the end of the input and reports a syntax error otherwise.
 *
 * fy_token_get_text() leaks in libfyaml 0.7.12. It sizes its buffer by the
 * length the scanner measured, then has the formatter (fy_atom_format_text())
 * fill it; where the formatter's text is longer, fy_atom_format_text()
 * returns without fy_atom_iter_finish() and leaks the chunk array its
 * iterator grew past its 8 built-in chunks (512 bytes or more), and
 * fy_token_get_text() keeps the text cut at the measured length. The two
 * lengths disagree on a quoted scalar whose last line is followed by CR LF
 * line breaks (the formatter counts each CR LF there as two breaks:
 * `"x\r\n\r\n\r\n\r\n\r\n\r\n  "` formats as "x" and 11 newlines, not 5), on a
 * single-quoted one with '' twice in a row (`'a''''b'` formats as "a'''b"),
 * and on many block scalars. So scalar_text() calls fy_token_get_text() only
 * for scalars formatted in at most 6 chunks, too few to grow the array (a
 * plain scalar on one line, or a quoted one on one line with at most 2
 * backslashes or quotes inside); it reads the others with a token iterator,
 * which fy_token_iter_finish() frees whatever happened, up to the measured
 * length: the same text, without the leak (regression inputs in
 * tests/fuzz/regressions/crlf-quoted-trailing-breaks.yaml and
 * single-quoted-quote-pairs.yaml). The measured length is libyaml's value
 * in the CR LF case; the '' case is misread either way (libyaml: "a''b").
 */
#include <libfyaml.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load/builder.h"
#include "load/load.h"

/* ------------------------------------------------------------------------
 * Input edits
 *
 * Three kinds of valid YAML make libfyaml 0.7.12 fail or misread where
 * libyaml does not:
 *
 *  1. A block scalar whose properties start their own line, a common
 *     CloudFormation idiom:
 *
 *         Fn::Base64:
 *           !Sub |
 *             #!/bin/bash
 *
 *     libfyaml takes the scalar as empty and fails on its first line. Written
 *     on the key's line (`Fn::Base64:   !Sub |`) it parses, and means the
 *     same: a block scalar's indentation does not depend on where its header
 *     stands. The edit ("join") turns the line breaks and comments between
 *     the indicator (':', '-' or '?') and the properties into spaces: every
 *     byte keeps its offset and no content changes.
 *
 *  2. A block scalar with no content, followed by a line that is not more
 *     indented than the collection it is in:
 *
 *         Properties:
 *           Description: >
 *           Type: String
 *
 *     libyaml reads an empty scalar and a sibling key; libfyaml reads the
 *     sibling as the scalar's text. The edit replaces the header (`>`, with
 *     its indicators) by "~" and spaces; the "~" scalar is turned back into
 *     the block scalar, whose value is read from the text as for any block
 *     scalar (scan_block()).
 *
 *  3. An empty entry in a sequence that is not indented under its key:
 *
 *         Key:
 *         -
 *         Other: 1
 *
 *     libfyaml fails with "did not find expected node content". The edit
 *     inserts " ~" after the '-'; the "~" scalar it produces is turned back
 *     into the empty node libyaml gives, and every libfyaml offset past an
 *     insertion is mapped back to the original text (to_src()).
 *
 * Candidates are found on the text alone, then confirmed by parsing the edited
 * text without building anything: an edit is kept only if the node it is
 * meant for really is there (not, say, inside a block scalar's text). Files
 * without candidates (nearly all) are parsed once, unedited.
 * ------------------------------------------------------------------------ */

enum edit_kind {
	EDIT_JOIN,  /* blank [from, to): to is where the properties start */
	EDIT_BLOCK, /* header [from, to) becomes "~" and spaces */
	EDIT_NULL,  /* insert NULL_TEXT at from */
};

#define NULL_TEXT " ~"
#define NULL_LEN 2

struct edit {
	unsigned char kind; /* enum edit_kind */
	bool on;
	size_t from, to; /* in the original text */
	size_t wfrom;    /* `from` in the edited text */
	size_t wnode;    /* where the node must start in the edited text */
	bool confirmed;
};

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Length of the line break at p (CR LF, CR, LF, NEL, LS, PS), or 0. */
static size_t break_len(const char *s, size_t n, size_t p)
{
	if (p >= n)
		return 0;
	if (s[p] == '\r')
		return p + 1 < n && s[p + 1] == '\n' ? 2 : 1;
	if (s[p] == '\n')
		return 1;
	if ((unsigned char)s[p] == 0xC2 && p + 1 < n && (unsigned char)s[p + 1] == 0x85)
		return 2;
	if ((unsigned char)s[p] == 0xE2 && p + 2 < n && (unsigned char)s[p + 1] == 0x80 &&
	    ((unsigned char)s[p + 2] == 0xA8 || (unsigned char)s[p + 2] == 0xA9))
		return 3;
	return 0;
}

/* End of the line starting at or containing `off`, before its line break. */
static size_t line_end(const char *s, size_t len, size_t off)
{
	const char *nl = memchr(s + off, '\n', len - off);
	size_t e = nl ? (size_t)(nl - s) : len;
	if (e > off && s[e - 1] == '\r')
		e--;
	return e;
}

/* True when [q, le) is blanks, then the end or a comment. */
static bool rest_is_empty(const char *s, size_t q, size_t le)
{
	bool blank_before = q == 0 || is_blank(s[q - 1]);
	while (q < le && is_blank(s[q])) {
		q++;
		blank_before = true;
	}
	return q == le || (s[q] == '#' && blank_before);
}

/* If the line starting at `ls` is node properties then a block scalar header,
 * returns true and stores where the properties start. */
static bool is_header_line(const char *s, size_t len, size_t ls, size_t *props)
{
	size_t le = line_end(s, len, ls), q = ls;
	while (q < le && is_blank(s[q]))
		q++;
	if (q == le || (s[q] != '!' && s[q] != '&'))
		return false;
	*props = q;
	while (q < le && (s[q] == '!' || s[q] == '&')) {
		while (q < le && !is_blank(s[q]))
			q++;
		while (q < le && is_blank(s[q]))
			q++;
	}
	if (q == le || (s[q] != '|' && s[q] != '>'))
		return false;
	q++;
	for (int i = 0; i < 2 && q < le && (s[q] == '+' || s[q] == '-' || (s[q] >= '1' && s[q] <= '9'));
	     i++)
		q++;
	return (q == le || is_blank(s[q])) && rest_is_empty(s, q, le);
}

/* If the line starting at `ls` is a lone '-' (an empty sequence entry: the
 * next line that is not blank or a comment is not indented past it), returns
 * true and stores the offset just past the '-'. */
static bool is_empty_entry_line(const char *s, size_t len, size_t ls, size_t *after)
{
	size_t le = line_end(s, len, ls), q = ls;
	while (q < le && is_blank(s[q]))
		q++;
	if (q == le || s[q] != '-' || (q + 1 < le && !is_blank(s[q + 1])) ||
	    !rest_is_empty(s, q + 1, le))
		return false;
	*after = q + 1;
	for (size_t p = le; p < len;) {
		p += break_len(s, len, p);
		size_t e = line_end(s, len, p), k = p;
		while (k < e && s[k] == ' ')
			k++;
		if (k < e && s[k] != '#')
			return k - p <= q - ls; /* the '-' is indented by spaces */
		p = e;
		if (p >= len || !break_len(s, len, p))
			break;
	}
	return true;
}

/* For a header line starting at `ls`, finds the indicator it follows: the
 * last line before it that is not blank or a comment must end with ':', '-'
 * or '?' (a comment may follow). Returns the offset just past the indicator,
 * or (size_t)-1. */
static size_t indicator_before(const char *s, size_t ls)
{
	while (ls > 0) {
		size_t e = ls - 1; /* the '\n' ending the previous line */
		size_t ps = e;
		while (ps > 0 && s[ps - 1] != '\n')
			ps--;
		size_t le = e > ps && s[e - 1] == '\r' ? e - 1 : e;
		size_t q = ps;
		while (q < le && is_blank(s[q]))
			q++;
		if (q == le || s[q] == '#') {
			ls = ps; /* blank or comment line: look further up */
			continue;
		}
		/* the body ends at a comment ('#' after a blank) */
		size_t body = le;
		for (size_t i = q + 1; i < le; i++) {
			if (s[i] == '#' && is_blank(s[i - 1])) {
				body = i;
				break;
			}
		}
		while (body > q && is_blank(s[body - 1]))
			body--;
		char ind = s[body - 1];
		if (ind == ':' || ((ind == '-' || ind == '?') && (body - 1 == q || is_blank(s[body - 2]))))
			return body;
		return (size_t)-1;
	}
	return (size_t)-1;
}

/* Column (in characters) of `off` on its line. */
static long column_of(const char *s, size_t off)
{
	size_t ls = off;
	long col = 0;
	while (ls > 0 && s[ls - 1] != '\n' && s[ls - 1] != '\r')
		ls--;
	for (size_t k = ls; k < off; k++)
		col += ((unsigned char)s[k] & 0xC0) != 0x80;
	return col;
}

/* If the line starting at `ls` ends with a block scalar header whose next
 * non-empty line is not indented past the collection the scalar is in (so
 * that libyaml reads an empty scalar), returns true and stores the header's
 * span [*from, *to). The collection is the block mapping of a key on this
 * line (`  Key: |`), or the block sequence of the last '-' before the header
 * (`  - |`, `  - !Tag |`); other headers are left alone. */
static bool is_empty_block_line(const char *s, size_t len, size_t ls, size_t *from, size_t *to)
{
	size_t le = line_end(s, len, ls), q = ls, ind = (size_t)-1, hend = 0;
	long inc = 0;

	while (q < le && is_blank(s[q]))
		q++;
	if (q < le && s[q] == '#')
		return false; /* a comment line */
	q = ls;
	for (size_t i = ls; i < le; i++) {
		if ((s[i] != '|' && s[i] != '>') || (i > ls && !is_blank(s[i - 1])))
			continue;
		size_t j = i + 1;
		long k = 0;
		for (int n = 0; n < 2 && j < le && (s[j] == '+' || s[j] == '-' || (s[j] >= '1' && s[j] <= '9'));
		     n++, j++)
			if (s[j] != '+' && s[j] != '-')
				k = s[j] - '0';
		if ((j == le || is_blank(s[j])) && rest_is_empty(s, j, le)) {
			ind = i;
			hend = j;
			inc = k;
			break;
		}
	}
	if (ind == (size_t)-1)
		return false;

	/* the collection: "- " prefixes, then a key or the header's properties */
	size_t dash = (size_t)-1;
	while (q < le && is_blank(s[q]))
		q++;
	while (q < ind && s[q] == '-' && q + 1 < le && is_blank(s[q + 1])) {
		dash = q++;
		while (q < le && is_blank(s[q]))
			q++;
	}
	size_t r = q;
	while (r < ind && (s[r] == '!' || s[r] == '&')) {
		while (r < ind && !is_blank(s[r]))
			r++;
		while (r < ind && is_blank(s[r]))
			r++;
	}
	long parent;
	if (r == ind) {
		if (dash == (size_t)-1)
			return false; /* header on its own line: its collection is above */
		parent = column_of(s, dash);
	} else {
		parent = column_of(s, q); /* a key on this line */
	}

	/* the first line after the header that is not empty */
	size_t p = le;
	for (;;) {
		p += break_len(s, len, p);
		if (p >= len)
			return false;
		size_t e = line_end(s, len, p), k = p;
		while (k < e && s[k] == ' ')
			k++;
		if (k < e) {
			long col = (long)(k - p);
			if (inc ? col >= parent + inc : col > parent)
				return false;
			break;
		}
		p = e;
	}
	*from = ind;
	*to = hend;
	return true;
}

static int add_edit(struct edit **es, size_t *n, size_t *cap, struct edit e)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 8;
		struct edit *p = realloc(*es, nc * sizeof(*p));
		if (!p)
			return -1;
		*es = p;
		*cap = nc;
	}
	(*es)[(*n)++] = e;
	return 0;
}

/* Finds the candidate edits, in increasing order of `from`. Returns -1 on
 * OOM. */
static int find_edits(const char *s, size_t len, struct edit **out, size_t *n_out)
{
	struct edit *es = NULL;
	size_t n = 0, cap = 0;

	for (size_t ls = 0; ls < len;) {
		size_t props, from;
		if (is_header_line(s, len, ls, &props) &&
		    (from = indicator_before(s, ls)) != (size_t)-1) {
			/* what the join blanks out holds no edit: a lone '-'
			 * this header belongs to is not an empty entry, and
			 * the lines in between are blank or comments. Edits
			 * stay in order and apart, as apply_edits() needs. */
			while (n && (es[n - 1].from >= from || es[n - 1].to > from))
				n--;
			struct edit e = { .kind = EDIT_JOIN, .on = true, .from = from, .to = props };
			if (add_edit(&es, &n, &cap, e) < 0)
				goto oom;
		} else if (is_empty_entry_line(s, len, ls, &from)) {
			struct edit e = { .kind = EDIT_NULL, .on = true, .from = from, .to = from };
			if (add_edit(&es, &n, &cap, e) < 0)
				goto oom;
		} else if (is_empty_block_line(s, len, ls, &from, &props)) {
			struct edit e = { .kind = EDIT_BLOCK, .on = true, .from = from, .to = props };
			if (add_edit(&es, &n, &cap, e) < 0)
				goto oom;
		}
		const char *nl = memchr(s + ls, '\n', len - ls);
		ls = nl ? (size_t)(nl - s) + 1 : len;
	}
	*out = es;
	*n_out = n;
	return 0;
oom:
	free(es);
	return -1;
}

/* Writes src with the edits that are on into w (room for len + NULL_LEN per
 * edit), computing their positions in it. Returns the edited length. */
static size_t apply_edits(char *w, const char *src, size_t len, struct edit *es, size_t n)
{
	size_t o = 0, done = 0;
	for (size_t i = 0; i < n; i++) {
		struct edit *e = &es[i];
		if (!e->on)
			continue;
		memcpy(w + o, src + done, e->from - done);
		o += e->from - done;
		done = e->from;
		e->wfrom = o;
		if (e->kind == EDIT_NULL) {
			memcpy(w + o, NULL_TEXT, NULL_LEN);
			o += NULL_LEN;
			e->wnode = e->wfrom + NULL_LEN - 1;
		} else if (e->kind == EDIT_BLOCK) {
			e->wnode = o;
			w[o++] = '~';
			for (done++; done < e->to; done++)
				w[o++] = ' ';
		} else {
			for (; done < e->to; done++)
				w[o++] = is_blank(src[done]) ? src[done] : ' ';
			e->wnode = o;
		}
	}
	memcpy(w + o, src + done, len - done);
	return o + len - done;
}

/* Where the parser is kept from writing to stderr and its first error is
 * found; shared by the confirming passes and the real one. */
static void diag_discard(struct fy_diag *diag, void *user, const char *buf, size_t len)
{
	(void)diag;
	(void)user;
	(void)buf;
	(void)len;
}

/* Creates a parser over text[0..len) whose errors are collected in *diagp,
 * not printed. Returns NULL when memory runs out. */
static struct fy_parser *open_parser(const char *text, size_t len, struct fy_diag **diagp)
{
	struct fy_diag_cfg dcfg;
	fy_diag_cfg_default(&dcfg);
	dcfg.fp = NULL;
	dcfg.output_fn = diag_discard;
	dcfg.colorize = false;
	struct fy_diag *diag = fy_diag_create(&dcfg);
	if (!diag)
		return NULL;
	fy_diag_set_collect_errors(diag, true);

	/* YAML 1.1, as libyaml. The event API never resolves aliases or merge
	 * keys. The builder limits depth and reports duplicate keys; libyaml
	 * does not check the indentation of flow collections. */
	struct fy_parse_cfg pcfg = {
		.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_1 | FYPCF_JSON_NONE |
			 FYPCF_DISABLE_DEPTH_LIMIT | FYPCF_ALLOW_DUPLICATE_KEYS |
			 FYPCF_SLOPPY_FLOW_INDENTATION,
		.diag = diag,
	};
	struct fy_parser *fyp = fy_parser_create(&pcfg);
	if (!fyp) {
		fy_diag_destroy(diag);
		return NULL;
	}
	if (fy_parser_set_string(fyp, text, len) != 0) {
		fy_parser_destroy(fyp);
		fy_diag_destroy(diag);
		return NULL;
	}
	*diagp = diag;
	return fyp;
}

/* Finds libfyaml's first error: stores its offset in `text` in *off (left
 * alone when libfyaml gave no position), the end of the token it blames in
 * *end (NULL: not wanted; *off when none) and its message in *msg (NULL when
 * none was collected). Returns true when it found a position. */
static bool first_error(struct fy_diag *diag, const char *text, size_t len, size_t *off,
			size_t *end, const char **msg)
{
	void *it = NULL;
	struct fy_diag_error *de;
	bool found = false;

	*msg = NULL;
	while ((de = fy_diag_errors_iterate(diag, &it)) != NULL) {
		if (de->type < FYET_ERROR)
			continue;
		*msg = de->msg;
		const struct fy_mark *m = de->fyt ? fy_token_start_mark(de->fyt) : NULL;
		const struct fy_mark *me = de->fyt ? fy_token_end_mark(de->fyt) : NULL;
		if (m) {
			*off = m->input_pos;
			if (end)
				*end = me && me->input_pos >= m->input_pos ? me->input_pos : m->input_pos;
			found = true;
		} else if (de->line > 0) {
			/* 1-based line and column; find the line's start */
			size_t o = 0;
			for (int l = 1; l < de->line && o < len; o++) {
				if (text[o] == '\n')
					l++;
			}
			*off = o + (de->column > 1 ? (size_t)de->column - 1 : 0);
			if (end)
				*end = *off;
			found = true;
		}
		break;
	}
	if (found && *off > len)
		*off = len;
	if (found && end && *end > len)
		*end = len;
	return found;
}

/* fy_token_get_text(), but NULL when memory ran out: libfyaml 0.7.12 then
 * gives an empty text instead of failing. Scalars are read with
 * scalar_text(), which calls this only where it cannot leak. */
static const char *token_text(struct fy_token *t, size_t *len)
{
	const char *s = fy_token_get_text(t, len);
	if (s && *len == 0) {
		size_t real = fy_token_get_text_length(t);
		if (real > 0 && real != (size_t)-1)
			return NULL;
	}
	return s;
}

/* Scalar values (see the top of this file): those that libfyaml formats in
 * at most 6 chunks, too few to grow the chunk array that leaks, with
 * fy_token_get_text(), which often gives them straight from the input; any
 * other through one token iterator that is reused for every scalar of a
 * parse, into a buffer owned here. */
struct scalar_text {
	const char *text; /* what libfyaml parses */
	size_t len;
	struct fy_token_iter *it;
	char *buf;
	size_t cap;
};

/* True for a scalar that libfyaml formats in at most 6 chunks: one on a
 * single line (as libfyaml counts lines: it also breaks them at NEL, LS and
 * PS) that is plain, or quoted with at most 2 backslashes (double-quoted) or
 * quotes (single-quoted) inside, each of which adds 2 chunks at most. */
static bool few_chunks(const struct scalar_text *st, struct fy_token *t)
{
	const struct fy_mark *ms = fy_token_start_mark(t), *me = fy_token_end_mark(t);
	enum fy_scalar_style style = fy_token_scalar_style(t);
	if (!ms || !me || ms->line != me->line)
		return false;
	if (style == FYSS_PLAIN)
		return true;
	if ((style != FYSS_SINGLE_QUOTED && style != FYSS_DOUBLE_QUOTED) ||
	    ms->input_pos > me->input_pos || me->input_pos > st->len)
		return false;
	char esc = style == FYSS_DOUBLE_QUOTED ? '\\' : '\'';
	const char *p = st->text + ms->input_pos, *e = st->text + me->input_pos;
	for (int n = 0; (p = memchr(p, esc, (size_t)(e - p))) != NULL; p++)
		if (++n > 2)
			return false;
	return true;
}

static void scalar_text_free(struct scalar_text *st)
{
	if (st->it)
		fy_token_iter_destroy(st->it);
	free(st->buf);
	st->it = NULL;
	st->buf = NULL;
	st->cap = 0;
}

/* The value of scalar token t, as fy_token_get_text() gives it: the
 * formatter's text cut at the length the scanner measured, which is the right
 * one when they disagree. Valid until the next call; NULL when memory ran
 * out. */
static const char *scalar_text(struct scalar_text *st, struct fy_token *t, size_t *len)
{
	if (few_chunks(st, t))
		return token_text(t, len);

	size_t want = fy_token_get_text_length(t), n = 0;
	const struct fy_iter_chunk *ic = NULL;
	int err = 0;

	*len = 0;
	if (want == 0 || want == (size_t)-1)
		return ""; /* -1: no text; fy_token_get_text() gives "" too */
	if (!st->it && !(st->it = fy_token_iter_create(NULL)))
		return NULL;
	fy_token_iter_start(t, st->it);
	while (n < want && (ic = fy_token_iter_chunk_next(st->it, ic, &err)) != NULL) {
		size_t k = ic->len < want - n ? ic->len : want - n;
		if (n + k > st->cap) {
			size_t cap = st->cap ? st->cap : 256;
			while (cap < n + k)
				cap *= 2;
			char *p = realloc(st->buf, cap);
			if (!p) {
				fy_token_iter_finish(st->it);
				return NULL;
			}
			st->buf = p;
			st->cap = cap;
		}
		memcpy(st->buf + n, ic->str, k);
		n += k;
	}
	/* frees what the formatter allocated, however far it got. A
	 * formatting error (err < 0) leaves the text read so far, where
	 * fy_token_get_text() gives `want` bytes, the rest uninitialized. */
	fy_token_iter_finish(st->it);
	*len = n;
	return n ? st->buf : "";
}

/* Where the properties (tag, anchor) of an event start and end in the text
 * libfyaml read; false when it has none. libfyaml's anchor mark excludes the
 * '&'. */
static bool props_span(struct fy_event *fye, size_t *start, size_t *end)
{
	struct fy_token *toks[2] = { fy_event_get_tag_token(fye), fy_event_get_anchor_token(fye) };
	size_t s = (size_t)-1, e = 0;
	for (int i = 0; i < 2; i++) {
		if (!toks[i])
			continue;
		const struct fy_mark *ms = fy_token_start_mark(toks[i]);
		const struct fy_mark *me = fy_token_end_mark(toks[i]);
		if (ms) {
			size_t p = ms->input_pos - (i == 1 && ms->input_pos > 0);
			if (p < s)
				s = p;
		}
		if (me && me->input_pos > e)
			e = me->input_pos;
	}
	if (s == (size_t)-1)
		return false;
	*start = s;
	*end = e > s ? e : s;
	return true;
}

/* Parses the edited text without building anything and marks the edits whose
 * node is there. Returns the offset the parse reached in `text` (len when it
 * ended without error), or (size_t)-1 on OOM (libfyaml stopping without
 * reporting an error is taken as that). */
static size_t confirm_edits(const char *text, size_t len, struct edit *es, size_t n)
{
	struct fy_diag *diag = NULL;
	struct fy_parser *fyp = open_parser(text, len, &diag);
	struct scalar_text stx = { .text = text, .len = len };
	size_t k = 0, reached = 0;
	bool ended = false, nomem = false;

	if (!fyp)
		return (size_t)-1;
	for (size_t i = 0; i < n; i++)
		es[i].confirmed = false;
	for (;;) {
		struct fy_event *fye = fy_parser_parse(fyp);
		if (!fye)
			break;
		if (fye->type == FYET_STREAM_END)
			ended = true;
		if (fye->type == FYET_SCALAR) {
			struct fy_token *val = fye->scalar.value;
			enum fy_scalar_style st = fy_token_scalar_style(val);
			const struct fy_mark *ms = fy_token_start_mark(val);
			const struct fy_mark *me = fy_token_end_mark(val);
			size_t ps, pe, l = 0;
			const char *t = scalar_text(&stx, val, &l);
			size_t at = (size_t)-1;
			bool tilde = false;
			if (!t) {
				nomem = true;
				fy_parser_event_free(fyp, fye);
				break;
			}
			if ((st == FYSS_LITERAL || st == FYSS_FOLDED) && props_span(fye, &ps, &pe)) {
				at = ps;
			} else if (st == FYSS_PLAIN && ms && t && l == 1 && t[0] == '~') {
				at = ms->input_pos;
				tilde = true;
			}
			while (at != (size_t)-1 && k < n && (!es[k].on || es[k].wnode < at))
				k++;
			for (size_t i = k; at != (size_t)-1 && i < n && es[i].wnode == at; i++)
				if (es[i].on && (es[i].kind != EDIT_JOIN) == tilde)
					es[i].confirmed = true;
			if (me && me->input_pos > reached)
				reached = me->input_pos;
		}
		fy_parser_event_free(fyp, fye);
	}
	if (nomem) {
		reached = (size_t)-1;
	} else if (ended) {
		reached = len;
	} else {
		const char *msg;
		first_error(diag, text, len, &reached, NULL, &msg);
		if (!msg)
			reached = (size_t)-1; /* a failure without an error: memory */
	}
	scalar_text_free(&stx);
	fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
	return reached;
}

/* Makes the edited text as described above. Returns 0 with *out NULL when
 * nothing needs editing, 0 with *out the edited text (to free) and its length
 * and the edits that are on, or -1 on OOM. */
static int edit_input(const char *src, size_t len, char **out, size_t *out_len,
		      struct edit **edits, size_t *n_edits)
{
	struct edit *es = NULL;
	size_t n = 0;

	*out = NULL;
	*edits = NULL;
	*n_edits = 0;
	if (find_edits(src, len, &es, &n) < 0)
		return -1;
	if (n == 0)
		return 0;

	char *w = malloc(len + n * NULL_LEN + 1);
	if (!w) {
		free(es);
		return -1;
	}
	size_t wlen;
	/* Turn off the edits that parsing does not confirm, until all that the
	 * parser reached are confirmed; each round turns one off at least. */
	for (;;) {
		wlen = apply_edits(w, src, len, es, n);
		size_t reached = confirm_edits(w, wlen, es, n);
		bool changed = false;
		if (reached == (size_t)-1) {
			free(w);
			free(es);
			return -1;
		}
		for (size_t i = 0; i < n; i++) {
			struct edit *e = &es[i];
			if (!e->on || e->confirmed)
				continue;
			/* wrong if the parser went past it or failed inside it */
			size_t wend = e->kind == EDIT_NULL ? e->wfrom + NULL_LEN
					: e->kind == EDIT_BLOCK ? e->wfrom + (e->to - e->from) : e->wnode;
			if (e->wnode < reached || (e->wfrom <= reached && reached <= wend)) {
				e->on = false;
				changed = true;
			}
		}
		if (!changed)
			break;
	}
	size_t m = 0;
	for (size_t i = 0; i < n; i++)
		if (es[i].on)
			es[m++] = es[i];
	if (m == 0) {
		free(w);
		free(es);
		return 0;
	}
	*out = w;
	*out_len = wlen;
	*edits = es;
	*n_edits = m;
	return 0;
}

/* ------------------------------------------------------------------------
 * Events to builder calls
 * ------------------------------------------------------------------------ */

/* What the innermost open collection expects next: enough to place an empty
 * node the way libyaml does. */
enum fy_frame_kind {
	FRAME_BLOCK_SEQ,
	FRAME_BLOCK_MAP,
	FRAME_FLOW_SEQ,
	FRAME_FLOW_MAP,
	FRAME_PAIR_MAP, /* the implicit single-pair mapping of [a: b] */
};

struct fy_frame {
	unsigned char kind;  /* enum fy_frame_kind */
	unsigned long count; /* children so far: in maps, even = a key is next */
	size_t at;           /* block: its first token (first '-', or first key's) */
};

struct fy_ctx {
	struct sl_builder *b;
	const char *src; /* the original text: every offset below is into it */
	size_t len;
	const struct edit *ins; /* the EDIT_NULL insertions among the edits */
	size_t n_ins;
	const struct edit *blk; /* the EDIT_BLOCK replacements */
	size_t n_blk;
	size_t last; /* end of the last token consumed */
	int docs;    /* documents started */
	struct fy_frame *stack;
	size_t depth, cap;
	/* a block mapping waiting for its first key to know where it starts;
	 * its event is kept alive because pending_ev points into its tokens */
	bool pending_map;
	struct sl_ev pending_ev;
	struct fy_event *held;
	struct scalar_text text; /* scalar values */
	/* scratch for block scalar values */
	char *buf, *tb;
	size_t buf_len, buf_cap, tb_len, tb_cap;
};

/* Memory ran out here: recorded as the builder records it. */
static int oom(struct fy_ctx *c)
{
	c->b->doc->oom = true;
	return -1;
}

/* Maps an offset in the text libfyaml read to the original text: an offset
 * inside an insertion maps to where it was inserted. */
static size_t to_src(const struct fy_ctx *c, size_t wp)
{
	size_t lo = 0, hi = c->n_ins; /* insertions that end at or before wp */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->ins[mid].wfrom + NULL_LEN <= wp)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t p = wp - lo * NULL_LEN;
	if (lo < c->n_ins && c->ins[lo].wfrom <= wp)
		p = c->ins[lo].from;
	return p;
}

static bool mark_at(const struct fy_ctx *c, const struct fy_mark *m, size_t *out)
{
	if (!m)
		return false;
	*out = to_src(c, m->input_pos);
	return true;
}

/* True when offset `off` (in the original text) is a block scalar header
 * replaced by "~". */
static bool is_replaced_block(const struct fy_ctx *c, size_t off)
{
	size_t lo = 0, hi = c->n_blk;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->blk[mid].from < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n_blk && c->blk[lo].from == off;
}

/* True when a scalar token is the "~" of an insertion. */
static bool is_inserted(const struct fy_ctx *c, const struct fy_mark *m)
{
	if (!m || c->n_ins == 0)
		return false;
	size_t lo = 0, hi = c->n_ins;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (c->ins[mid].wnode < m->input_pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n_ins && c->ins[lo].wnode == m->input_pos;
}

/* Returns the offset of the first byte at or after `off` that is not a blank,
 * a line break, a byte order mark or part of a comment. */
static size_t skip_blanks(const struct fy_ctx *c, size_t off)
{
	const char *s = c->src;
	while (off < c->len) {
		unsigned char ch = (unsigned char)s[off];
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
			off++;
		} else if (ch == 0xEF && off + 2 < c->len && (unsigned char)s[off + 1] == 0xBB &&
			   (unsigned char)s[off + 2] == 0xBF) {
			off += 3;
		} else if (ch == '#') {
			while (off < c->len && s[off] != '\n' && s[off] != '\r')
				off++;
		} else {
			break;
		}
	}
	return off;
}

static char char_at(const struct fy_ctx *c, size_t off)
{
	return off < c->len ? c->src[off] : '\0';
}

/* Where libyaml puts an empty node (start == end) in the current context:
 * just past the indicator that announced it, or at the start of the token
 * that follows (the next key, a ',' or closing bracket, a dedent, the end of
 * the input), as libyaml's parser states do. */
static size_t empty_mark(const struct fy_ctx *c)
{
	size_t q = skip_blanks(c, c->last);
	if (c->depth == 0)
		return q; /* empty document: the token after "---" */

	const struct fy_frame *f = &c->stack[c->depth - 1];
	bool key = f->count % 2 == 0;
	switch (f->kind) {
	case FRAME_BLOCK_SEQ:
		return char_at(c, q) == '-' ? q + 1 : q;
	case FRAME_BLOCK_MAP:
		if (key)
			return char_at(c, q) == '?' ? q + 1 : q;
		return char_at(c, q) == ':' ? q + 1 : q;
	case FRAME_FLOW_MAP:
		if (key)
			return char_at(c, q) == '?' ? skip_blanks(c, q + 1) : q;
		return char_at(c, q) == ':' ? skip_blanks(c, q + 1) : q;
	case FRAME_PAIR_MAP:
		if (key) {
			if (char_at(c, q) == '?')
				q = skip_blanks(c, q + 1);
			return q < c->len ? q + 1 : q;
		}
		return char_at(c, q) == ':' ? skip_blanks(c, q + 1) : q;
	default:
		return q;
	}
}

/* Records a syntax error worded as libyaml words it, with its context. */
static void libyaml_error(struct fy_ctx *c, size_t off, const char *problem, const char *while_,
			  size_t ctx_off)
{
	struct sl_position p = sl_builder_pos(c->b, ctx_off);
	char ctx[160];
	snprintf(ctx, sizeof(ctx), "(%s at line %u, column %u)", while_, p.line, p.column);
	sl_builder_syntax_error(c->b, off, problem, ctx);
}

/* libyaml has no empty key without '?': a ':' where a key is expected is an
 * error there ("did not find expected key" in a block mapping, "did not find
 * expected node content" in a flow one), where libfyaml reads an empty key.
 * Reports it as libyaml does and returns true in that case. */
static bool empty_key_error(struct fy_ctx *c)
{
	if (c->depth == 0)
		return false;
	const struct fy_frame *f = &c->stack[c->depth - 1];
	size_t q = skip_blanks(c, c->last);
	if (f->count % 2 != 0 || char_at(c, q) != ':' || f->kind == FRAME_BLOCK_SEQ ||
	    f->kind == FRAME_FLOW_SEQ)
		return false;
	if (f->kind == FRAME_BLOCK_MAP)
		libyaml_error(c, q, "did not find expected key", "while parsing a block mapping",
			      c->pending_map ? q : f->at);
	else
		libyaml_error(c, q, "did not find expected node content", "while parsing a flow node", q);
	return true;
}

/* libyaml's keys cannot span lines: in a flow collection, a key [s, e) that
 * does, followed by ':', is an error there and a key to libfyaml. Reports it
 * as libyaml does and returns true in that case. */
static bool multiline_key_error(struct fy_ctx *c, size_t s, size_t e)
{
	if (c->depth == 0)
		return false;
	const struct fy_frame *f = &c->stack[c->depth - 1];
	if ((f->kind != FRAME_FLOW_MAP && f->kind != FRAME_PAIR_MAP) || f->count % 2 != 0)
		return false;
	size_t q = skip_blanks(c, e);
	if (char_at(c, q) != ':' || e > c->len)
		return false;
	bool lines = false;
	for (size_t i = s; i < e && !lines; i++)
		lines = break_len(c->src, c->len, i) != 0;
	if (!lines)
		return false;
	if (f->kind == FRAME_FLOW_MAP) {
		libyaml_error(c, q, "did not find expected ',' or '}'", "while parsing a flow mapping",
			      f->at);
	} else {
		size_t seq = c->depth >= 2 ? c->stack[c->depth - 2].at : f->at;
		libyaml_error(c, q, "did not find expected ',' or ']'", "while parsing a flow sequence",
			      seq);
	}
	return true;
}

/* Characters libyaml 0.2.5 takes in a tag shorthand after the '!' (its
 * yaml_parser_scan_tag_uri() without the flow indicators). */
static bool tag_char(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
	       (ch != '\0' && strchr("-_;/?:@&=+$.%!~*'()", ch) != NULL);
}

static bool in_flow(const struct fy_ctx *c)
{
	return c->depth && c->stack[c->depth - 1].kind != FRAME_BLOCK_SEQ &&
	       c->stack[c->depth - 1].kind != FRAME_BLOCK_MAP;
}

/* Two things libyaml's scanner rejects and libfyaml's accepts, checked as a
 * node begins: a tab after a block '-' or '?' (libyaml only skips spaces
 * there), and a tag not followed by a blank or a line break (as in
 * `!Equals[a, b]`; libyaml's tags also stop at flow indicators, so
 * `!]x` fails there too). Reports the error as libyaml does and returns true
 * when one is found. */
static bool scanner_error(struct fy_ctx *c, struct fy_event *fye)
{
	if (c->depth) {
		const struct fy_frame *f = &c->stack[c->depth - 1];
		size_t q = skip_blanks(c, c->last);
		char ind = char_at(c, q);
		if ((f->kind == FRAME_BLOCK_SEQ && ind == '-') ||
		    (f->kind == FRAME_BLOCK_MAP && f->count % 2 == 0 && ind == '?')) {
			size_t t = q + 1;
			while (char_at(c, t) == ' ')
				t++;
			if (char_at(c, t) == '\t') {
				libyaml_error(c, t, "found character that cannot start any token",
					      "while scanning for the next token", t);
				return true;
			}
		}
	}
	struct fy_token *tag = fy_event_get_tag_token(fye);
	size_t ts;
	if (tag && mark_at(c, fy_token_start_mark(tag), &ts) && char_at(c, ts) == '!' &&
	    char_at(c, ts + 1) != '<') {
		size_t p = ts + 1;
		while (p < c->len && tag_char(c->src[p]))
			p++;
		char ch = char_at(c, p);
		if (p < c->len && ch != ' ' && ch != '\t' && !break_len(c->src, c->len, p) &&
		    !(ch == ',' && in_flow(c))) {
			libyaml_error(c, p, "did not find expected whitespace or line break",
				      "while scanning a tag", ts);
			return true;
		}
	}
	return false;
}

/* Fills ev->start/end/tag/anchor from the node properties of an event and
 * stores where they end. Returns 1 when the event had a tag or an anchor, 0
 * when not, -1 when memory ran out. ev->tag and ev->anchor point into the
 * event's tokens. */
static int node_props(const struct fy_ctx *c, struct fy_event *fye, struct sl_ev *ev,
		      size_t *props_end)
{
	struct fy_token *tag = fy_event_get_tag_token(fye);
	struct fy_token *anchor = fy_event_get_anchor_token(fye);
	size_t s, e;

	if (tag) {
		size_t l = 0;
		const char *t = token_text(tag, &l);
		if (!t)
			return -1;
		if (!(l == 1 && t[0] == '!')) {
			ev->tag = t;
			ev->tag_len = l;
		}
	}
	if (anchor) {
		size_t l = 0;
		const char *a = token_text(anchor, &l);
		if (!a)
			return -1;
		ev->anchor = a;
		ev->anchor_len = l;
	}
	if (!props_span(fye, &s, &e))
		return 0;
	ev->start = to_src(c, s);
	ev->end = to_src(c, e);
	*props_end = ev->end;
	return 1;
}

/* Offset of the '|' or '>' that introduces a block scalar, looking forward
 * from `from` over blanks, comments and the ':', '-', '?' indicators. */
static size_t block_indicator(const struct fy_ctx *c, size_t from, size_t content)
{
	size_t q = skip_blanks(c, from);
	while (q < content) {
		char ch = c->src[q];
		if (ch == '|' || ch == '>')
			return q;
		q = skip_blanks(c, q + 1);
	}
	return content;
}

static int grow(char **buf, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	size_t nc = *cap ? *cap : 256;
	while (nc < need)
		nc *= 2;
	char *p = realloc(*buf, nc);
	if (!p)
		return -1;
	*buf = p;
	*cap = nc;
	return 0;
}

static int put(char **buf, size_t *len, size_t *cap, const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (grow(buf, cap, *len + n) < 0)
		return -1;
	memcpy(*buf + *len, s, n);
	*len += n;
	return 0;
}

/* Appends the line break at *p to a buffer as libyaml does (CR LF, CR, NEL
 * become LF; LS and PS stay), moving *p past it. */
static int put_break(char **buf, size_t *len, size_t *cap, const char *s, size_t n, size_t *p)
{
	size_t bl = break_len(s, n, *p);
	int r = bl == 3 ? put(buf, len, cap, s + *p, 3) : put(buf, len, cap, "\n", 1);
	*p += bl;
	return r;
}

/* The indentation column libyaml's scanner is at for a block scalar: the
 * column of the innermost block collection, -1 at the top. */
static long parent_indent(const struct fy_ctx *c)
{
	for (size_t i = c->depth; i-- > 0;) {
		const struct fy_frame *f = &c->stack[i];
		if (f->kind == FRAME_BLOCK_SEQ || f->kind == FRAME_BLOCK_MAP)
			return column_of(c->src, f->at);
	}
	return -1;
}

/* libyaml's yaml_parser_scan_block_scalar_breaks(): eats indentation and
 * empty lines into c->tb, settles the indentation when it is still 0.
 * Returns 1 with *err at a tab where indentation is expected. */
static int block_breaks(struct fy_ctx *c, size_t *p, long *col, long *indent, long parent,
			size_t *err, size_t *end)
{
	const char *s = c->src;
	size_t n = c->len;
	long max_indent = 0;

	*end = *p;
	for (;;) {
		while ((!*indent || *col < *indent) && *p < n && s[*p] == ' ') {
			(*p)++;
			(*col)++;
		}
		if (*col > max_indent)
			max_indent = *col;
		if ((!*indent || *col < *indent) && *p < n && s[*p] == '\t') {
			*err = *p;
			return 1;
		}
		if (!break_len(s, n, *p))
			break;
		if (put_break(&c->tb, &c->tb_len, &c->tb_cap, s, n, p) < 0)
			return -1;
		*col = 0;
		*end = *p;
	}
	if (!*indent) {
		*indent = max_indent;
		if (*indent < parent + 1)
			*indent = parent + 1;
		if (*indent < 1)
			*indent = 1;
	}
	return 0;
}

/*
 * The value of the block scalar whose indicator ('|' or '>') is at `ind`,
 * read from the text by libyaml's rules (yaml_parser_scan_block_scalar()),
 * into c->buf[0..c->buf_len). libfyaml 0.7.12 drops a line break before a
 * more-indented line of a folded scalar, keeps a final line break the input
 * does not have, gives an empty scalar at the end of the input as one NUL
 * byte, and takes a tab in the indentation as content where libyaml stops:
 * so the value is never taken from libfyaml. Stores libyaml's end of the
 * scalar in *end (past the last line break it ate). Returns 0, 1 with *err at
 * a tab that libyaml rejects, 2 with *err at what follows the header where a
 * comment or line break must, or -1 on OOM.
 */
static int scan_block(struct fy_ctx *c, size_t ind, bool literal, size_t *err, size_t *end)
{
	const char *s = c->src;
	size_t n = c->len, p = ind + 1;
	int chomp = 0;
	long increment = 0, indent = 0, col, parent = parent_indent(c);
	char lb[3];
	size_t lb_len = 0;
	bool leading_blank = false;
	int r;

	c->buf_len = c->tb_len = 0;
	if (p < n && (s[p] == '+' || s[p] == '-')) {
		chomp = s[p++] == '+' ? 1 : -1;
		if (p < n && s[p] >= '1' && s[p] <= '9')
			increment = s[p++] - '0';
	} else if (p < n && s[p] >= '1' && s[p] <= '9') {
		increment = s[p++] - '0';
		if (p < n && (s[p] == '+' || s[p] == '-'))
			chomp = s[p++] == '+' ? 1 : -1;
	}
	while (p < n && is_blank(s[p]))
		p++;
	if (p < n && s[p] == '#')
		while (p < n && !break_len(s, n, p))
			p++;
	if (p < n && !break_len(s, n, p)) {
		*err = p;
		return 2;
	}
	p += break_len(s, n, p);
	*end = p;
	col = 0;
	if (increment)
		indent = parent >= 0 ? parent + increment : increment;

	if ((r = block_breaks(c, &p, &col, &indent, parent, err, end)) != 0)
		return r;
	while (col == indent && p < n) {
		bool trailing_blank = is_blank(s[p]);
		if (!literal && lb_len == 1 && lb[0] == '\n' && !leading_blank && !trailing_blank) {
			if (c->tb_len == 0 && put(&c->buf, &c->buf_len, &c->buf_cap, " ", 1) < 0)
				return -1;
		} else if (put(&c->buf, &c->buf_len, &c->buf_cap, lb, lb_len) < 0) {
			return -1;
		}
		lb_len = 0;
		if (put(&c->buf, &c->buf_len, &c->buf_cap, c->tb, c->tb_len) < 0)
			return -1;
		c->tb_len = 0;
		leading_blank = is_blank(s[p]);
		size_t from = p;
		while (p < n && !break_len(s, n, p))
			p++;
		if (put(&c->buf, &c->buf_len, &c->buf_cap, s + from, p - from) < 0)
			return -1;
		if ((lb_len = break_len(s, n, p)) != 0) {
			if (lb_len == 3)
				memcpy(lb, s + p, 3);
			else
				lb[0] = '\n', lb_len = 1;
			p += break_len(s, n, p);
		}
		col = 0;
		if ((r = block_breaks(c, &p, &col, &indent, parent, err, end)) != 0)
			return r;
	}
	if (chomp != -1 && put(&c->buf, &c->buf_len, &c->buf_cap, lb, lb_len) < 0)
		return -1;
	if (chomp == 1 && put(&c->buf, &c->buf_len, &c->buf_cap, c->tb, c->tb_len) < 0)
		return -1;
	return 0;
}

static int push_frame(struct fy_ctx *c, enum fy_frame_kind kind, size_t at)
{
	if (c->depth == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		struct fy_frame *s = realloc(c->stack, cap * sizeof(*s));
		if (!s)
			return -1;
		c->stack = s;
		c->cap = cap;
	}
	c->stack[c->depth].kind = (unsigned char)kind;
	c->stack[c->depth].count = 0;
	c->stack[c->depth].at = at;
	c->depth++;
	return 0;
}

/* A node was completed in the innermost collection. */
static void count_child(struct fy_ctx *c)
{
	if (c->depth)
		c->stack[c->depth - 1].count++;
}

/* Emits the held-back block mapping, starting at `start` unless its own mark
 * or its properties start earlier. */
static int flush_pending(struct fy_ctx *c, size_t start)
{
	c->pending_map = false;
	if (start < c->pending_ev.start)
		c->pending_ev.start = start;
	if (start < c->stack[c->depth - 1].at)
		c->stack[c->depth - 1].at = start;
	return sl_builder_begin(c->b, SL_MAP, &c->pending_ev);
}

static enum sl_style scalar_style(enum fy_scalar_style st)
{
	switch (st) {
	case FYSS_SINGLE_QUOTED:
		return SL_SINGLE;
	case FYSS_DOUBLE_QUOTED:
		return SL_DOUBLE;
	case FYSS_LITERAL:
		return SL_LITERAL;
	case FYSS_FOLDED:
		return SL_FOLDED;
	default:
		return SL_PLAIN;
	}
}

/* Where the node of a content event starts, properties included, so that a
 * held-back block mapping can start at its first key; (size_t)-1 for an
 * empty node without properties. */
static size_t event_start(struct fy_ctx *c, struct fy_event *fye)
{
	struct sl_ev ev = { 0 };
	size_t pe = 0, tok = (size_t)-1;
	bool props = node_props(c, fye, &ev, &pe) > 0; /* OOM: caught by on_event() */
	size_t start = props ? ev.start : (size_t)-1;
	const struct fy_mark *m = fy_event_start_mark(fye);

	if (fye->type == FYET_SCALAR && is_inserted(c, m))
		m = NULL;
	if (mark_at(c, m, &tok)) {
		if (fye->type == FYET_ALIAS && tok > 0) {
			tok--;
		} else if (fye->type == FYET_SCALAR && !is_replaced_block(c, tok)) {
			enum sl_style st = scalar_style(fy_token_scalar_style(fye->scalar.value));
			if ((st == SL_SINGLE || st == SL_DOUBLE) && tok > 0)
				tok--;
			else if (st == SL_LITERAL || st == SL_FOLDED)
				tok = block_indicator(c, props ? pe : c->last, tok);
		}
	}
	return tok < start ? tok : start;
}

static int on_scalar(struct fy_ctx *c, struct fy_event *fye)
{
	struct fy_token *val = fye->scalar.value;
	struct sl_ev ev = { 0 };
	size_t pe = 0, s, e, len = 0;
	int props = node_props(c, fye, &ev, &pe);
	const struct fy_mark *ms = fy_token_start_mark(val), *me = fy_token_end_mark(val);
	const char *text = scalar_text(&c->text, val, &len);

	if (!text || props < 0)
		return oom(c);
	if (scanner_error(c, fye))
		return -1;
	ev.style = scalar_style(fy_token_scalar_style(val));
	if (is_inserted(c, ms)) {
		/* the "~" of an inserted empty entry */
		ms = me = NULL;
		text = "";
		len = 0;
	}
	if (mark_at(c, ms, &s) && mark_at(c, me, &e)) {
		bool replaced = is_replaced_block(c, s);
		if (replaced) /* the "~" of a block scalar header */
			ev.style = c->src[s] == '|' ? SL_LITERAL : SL_FOLDED;
		if (ev.style == SL_SINGLE || ev.style == SL_DOUBLE) {
			if (s > 0)
				s--;
			if (e < c->len)
				e++;
		} else if (ev.style == SL_LITERAL || ev.style == SL_FOLDED) {
			size_t tab = 0;
			if (!replaced)
				s = block_indicator(c, props ? pe : c->last, s);
			int r = scan_block(c, s, ev.style == SL_LITERAL, &tab, &e);
			if (r < 0)
				return oom(c);
			if (r > 0) {
				libyaml_error(c, tab,
					      r == 1 ? "found a tab character where an indentation space is expected"
						     : "did not find expected comment or line break",
					      "while scanning a block scalar", s);
				return -1;
			}
			text = c->buf ? c->buf : "";
			len = c->buf_len;
		}
		if (multiline_key_error(c, s, e))
			return -1;
		if (!props || s < ev.start)
			ev.start = s;
		ev.end = e;
	} else if (!props) {
		if (empty_key_error(c))
			return -1;
		ev.start = ev.end = empty_mark(c);
	}
	/* else: an empty node with properties spans its properties */

	c->last = ev.end > c->last ? ev.end : c->last;
	count_child(c);
	return sl_builder_scalar(c->b, &ev, text, len);
}

static int on_alias(struct fy_ctx *c, struct fy_event *fye)
{
	struct fy_token *a = fye->alias.anchor;
	size_t len = 0, s, e;
	const char *name = a ? token_text(a, &len) : NULL;

	if (!name)
		return oom(c);
	if (scanner_error(c, fye))
		return -1;
	if (!mark_at(c, fy_token_start_mark(a), &s))
		s = c->last;
	if (!mark_at(c, fy_token_end_mark(a), &e))
		e = s;
	if (s > 0)
		s--; /* the '*' */
	c->last = e > c->last ? e : c->last;
	count_child(c);
	return sl_builder_alias(c->b, s, e, name, len);
}

static int on_collection_start(struct fy_ctx *c, struct fy_event *fye, enum sl_kind kind)
{
	struct sl_ev ev = { 0 };
	size_t pe = 0, s, e;
	int props = node_props(c, fye, &ev, &pe);
	bool has_s = mark_at(c, fy_event_start_mark(fye), &s);
	bool has_e = mark_at(c, fy_event_end_mark(fye), &e);
	bool flow = fy_event_get_node_style(fye) == FYNS_FLOW;
	enum fy_frame_kind fk;

	if (props < 0)
		return oom(c);
	if (scanner_error(c, fye))
		return -1;
	if (props)
		c->last = pe > c->last ? pe : c->last;
	if (!has_s)
		s = c->last;
	if (!has_e)
		e = s;
	ev.style = flow ? SL_FLOW : SL_BLOCK;

	if (kind == SL_MAP && flow && char_at(c, s) != '{') {
		/* [a: b]: libfyaml gives it a made-up '{' token at the ':';
		 * libyaml starts it at its key (or '?') */
		size_t q = skip_blanks(c, c->last);
		char ch = char_at(c, q);
		if (ch == ',' || ch == '[')
			q = skip_blanks(c, q + 1);
		ev.start = ev.end = q;
		c->last = q;
		if (push_frame(c, FRAME_PAIR_MAP, q) < 0)
			return oom(c);
		return sl_builder_begin(c->b, kind, &ev);
	}

	if (flow) {
		c->last = e > c->last ? e : c->last;
		fk = kind == SL_MAP ? FRAME_FLOW_MAP : FRAME_FLOW_SEQ;
	} else {
		/* the '-' or first key: what precedes it (a ':') is consumed */
		c->last = s > c->last ? s : c->last;
		e = s;
		fk = kind == SL_MAP ? FRAME_BLOCK_MAP : FRAME_BLOCK_SEQ;
	}
	if (!props || s < ev.start)
		ev.start = s;
	ev.end = e;
	if (push_frame(c, fk, s) < 0)
		return oom(c);
	if (kind == SL_MAP && !flow) {
		/* libyaml starts a block mapping at its first key's first token,
		 * which may be the key's tag or anchor: wait for the key */
		c->pending_map = true;
		c->pending_ev = ev;
		return 0;
	}
	return sl_builder_begin(c->b, kind, &ev);
}

static int on_collection_end(struct fy_ctx *c, struct fy_event *fye)
{
	size_t end;
	enum fy_frame_kind fk = c->depth ? c->stack[c->depth - 1].kind : FRAME_BLOCK_MAP;

	if (!mark_at(c, fy_event_end_mark(fye), &end))
		end = c->last;
	if (fk == FRAME_PAIR_MAP) {
		/* libyaml ends [a: b]'s mapping at the ',' or ']' that follows */
		end = skip_blanks(c, c->last);
	} else if (fk == FRAME_FLOW_MAP || fk == FRAME_FLOW_SEQ) {
		c->last = end > c->last ? end : c->last;
	}
	if (c->depth)
		c->depth--;
	count_child(c);
	return sl_builder_end(c->b, end);
}

/* Records libfyaml's error `msg`, blaming the token [off, end). Where
 * libyaml finds the same problem at another place, its place and wording are
 * used, so that both backends point at the same line. */
static void report_error(struct fy_ctx *c, size_t off, size_t end, const char *msg)
{
	static const char unterminated[] = "scalar without closing quote";
	size_t ml = msg ? strlen(msg) : 0, ul = sizeof(unterminated) - 1;

	if (!msg || !*msg) {
		sl_builder_syntax_error(c->b, off, "invalid YAML", NULL);
	} else if (ml >= ul && strcmp(msg + ml - ul, unterminated) == 0) {
		/* libyaml reads on to the end of the input; libfyaml blames the
		 * text after the opening quote */
		if (off > 0 && (c->src[off - 1] == '"' || c->src[off - 1] == '\''))
			off--;
		libyaml_error(c, c->len, "found unexpected end of stream",
			      "while scanning a quoted scalar", off);
	} else if (strcmp(msg, "invalid multiline plain key") == 0) {
		/* libyaml reads the scalar as a value, then fails on the ':' */
		size_t q = end;
		while (q < c->len && is_blank(c->src[q]))
			q++;
		sl_builder_syntax_error(c->b, q, "mapping values are not allowed in this context", NULL);
	} else if (strcmp(msg, "could not find expected ':'") == 0 || strcmp(msg, "missing ':'") == 0) {
		/* a key without ':': libyaml notices it at the first token of a
		 * later line */
		size_t q = end;
		while (q < c->len && c->src[q] != '\n' && c->src[q] != '\r')
			q++;
		libyaml_error(c, skip_blanks(c, q), "could not find expected ':'",
			      "while scanning a simple key", off);
	} else {
		sl_builder_syntax_error(c->b, off, msg, NULL);
	}
}

/* Feeds one event to the builder. Returns what the builder returned (-1:
 * stop), or -1 when memory ran out here (doc->oom set); sets *ended at the
 * stream's end. */
static int on_event(struct fy_ctx *c, struct fy_event *fye, bool *ended)
{
	switch (fye->type) {
	case FYET_DOCUMENT_START: {
		size_t at = skip_blanks(c, c->last);
		if (c->docs++ > 0 && fye->document_start.implicit) {
			/* libyaml wants "---" before any document but the first */
			sl_builder_syntax_error(c->b, at, "did not find expected <document start>", NULL);
			return -1;
		}
		return sl_builder_document_start(c->b, at);
	}
	case FYET_DOCUMENT_END:
		if (!fye->document_end.implicit) {
			/* "...": libfyaml gives it no mark */
			size_t q = skip_blanks(c, c->last);
			if (q + 3 <= c->len && memcmp(c->src + q, "...", 3) == 0)
				c->last = q + 3;
		}
		return 0;
	case FYET_SCALAR:
		return on_scalar(c, fye);
	case FYET_ALIAS:
		return on_alias(c, fye);
	case FYET_MAPPING_START:
		return on_collection_start(c, fye, SL_MAP);
	case FYET_SEQUENCE_START:
		return on_collection_start(c, fye, SL_SEQ);
	case FYET_MAPPING_END:
	case FYET_SEQUENCE_END:
		return on_collection_end(c, fye);
	case FYET_STREAM_END: {
		size_t at;
		*ended = true;
		if (!mark_at(c, fy_event_start_mark(fye), &at) || at < c->last)
			at = c->last;
		/* libfyaml 0.7.12 may end the stream early without an error (at
		 * a NUL byte, or bad UTF-8 in a comment) */
		size_t q = skip_blanks(c, at);
		if (q < c->len)
			sl_builder_syntax_error(c->b, q, "unexpected data after the end of the YAML stream",
						NULL);
		return 0;
	}
	default:
		return 0;
	}
}

/* libfyaml reads a flow collection ahead to its end before it reports it
 * (it might be a key), keeping some 350-700 bytes per level of nesting: 17 GB
 * for a 50 MB file of '['. The builder stops at SL_MAX_DEPTH levels anyway,
 * so libfyaml is given the text only up to where brackets nest CUT_DEPTH
 * deep: it reports every level before that, then fails at the cut after the
 * builder has stopped. Brackets are counted without regard to quotes, so
 * only absurd text (thousands of unclosed brackets in strings) is cut short
 * where it did not nest. Returns the length to parse. */
#define CUT_DEPTH 10000

static size_t deep_cut(const char *s, size_t len)
{
	size_t depth = 0;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		if (ch == '[' || ch == '{') {
			if (++depth == CUT_DEPTH)
				return i;
		} else if ((ch == ']' || ch == '}') && depth) {
			depth--;
		}
	}
	return len;
}

int sl_parse_libfyaml(struct sl_builder *b, const char *src, size_t len)
{
	struct fy_diag *diag = NULL;
	struct fy_parser *fyp;
	struct edit *edits = NULL;
	size_t n_edits = 0, wlen = len;
	char *edited = NULL;
	bool ended = false;

	if (edit_input(src, len, &edited, &wlen, &edits, &n_edits) < 0) {
		b->doc->oom = true;
		return -1;
	}
	/* insertions first (they move offsets), then block replacements;
	 * joins need nothing more */
	size_t n_ins = 0, n_blk = 0;
	for (size_t i = 0; i < n_edits; i++)
		if (edits[i].kind == EDIT_NULL)
			n_ins++;
	struct edit *sorted = n_edits ? malloc(n_edits * sizeof(*sorted)) : NULL;
	if (n_edits && !sorted) {
		free(edited);
		free(edits);
		b->doc->oom = true;
		return -1;
	}
	for (size_t i = 0, a = 0; i < n_edits; i++) {
		if (edits[i].kind == EDIT_NULL)
			sorted[a++] = edits[i];
		else if (edits[i].kind == EDIT_BLOCK)
			sorted[n_ins + n_blk++] = edits[i];
	}
	free(edits);
	edits = sorted;

	/* (edits is NULL when there are none: no arithmetic on it then) */
	struct fy_ctx c = { .b = b, .src = src, .len = len, .ins = edits, .n_ins = n_ins,
			    .blk = edits ? edits + n_ins : NULL, .n_blk = n_blk };
	const char *text = edited ? edited : src;
	wlen = deep_cut(text, wlen);
	c.text.text = text;
	c.text.len = wlen;
	fyp = open_parser(text, wlen, &diag);
	if (!fyp) {
		free(edited);
		free(edits);
		b->doc->oom = true;
		return -1;
	}

	for (;;) {
		struct fy_event *fye = fy_parser_parse(fyp);
		int r = 0;

		if (!fye) {
			const char *msg = NULL;
			if (!ended && (fy_parser_get_stream_error(fyp) || fy_diag_got_error(diag))) {
				size_t off, end;
				bool at = first_error(diag, text, wlen, &off, &end, &msg);
				if (!msg) {
					/* libfyaml stops without an error when
					 * memory runs out */
					oom(&c);
					break;
				}
				if (at) {
					off = to_src(&c, off);
					end = to_src(&c, end);
				} else {
					off = end = c.last;
				}
				report_error(&c, off, end, msg);
			} else if (!ended) {
				sl_builder_syntax_error(b, skip_blanks(&c, c.last),
							"the parser stopped before the end of the input",
							NULL);
			}
			break;
		}
		if (c.pending_map) {
			size_t start = fye->type != FYET_MAPPING_END ? event_start(&c, fye)
								      : c.pending_ev.start;
			r = flush_pending(&c, start);
			fy_parser_event_free(fyp, c.held);
			c.held = NULL;
		}
		if (r == 0)
			r = on_event(&c, fye, &ended);
		if (c.pending_map && !c.held)
			c.held = fye; /* pending_ev points into it */
		else
			fy_parser_event_free(fyp, fye);
		if (r < 0 || ended)
			break;
	}

	if (c.held)
		fy_parser_event_free(fyp, c.held);
	scalar_text_free(&c.text);
	fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
	free(c.stack);
	free(c.buf);
	free(c.tb);
	free(edited);
	free(edits);
	return b->doc->oom ? -1 : 0;
}
