/*
 * The libfyaml parser backend. It streams libfyaml's event API (never the
 * document API, so aliases are never expanded) into the tree builder, and
 * makes every position agree with the libyaml backend, which is the
 * reference: both backends must build the identical tree for every input.
 *
 * libfyaml and libyaml disagree on marks in a few places, which this file
 * corrects from the source text:
 *  - a quoted scalar's mark excludes its quotes; a block scalar's starts at
 *    its first content line instead of at its '|' or '>' indicator;
 *  - an anchor's or alias's mark excludes the '&' or '*';
 *  - an empty (null) node has no mark at all: libyaml places it just past
 *    the indicator before it (':', '-', '?') or at the token that follows,
 *    depending on where it stands; see empty_mark();
 *  - a block mapping starts at its first key's first property, and a
 *    single-pair mapping inside a flow sequence ([a: b]) spans from its key
 *    to the ',' or ']' after it;
 *  - a document starts at its first token (directive, "---" or content).
 * Those corrections scan the text between tokens, where only blanks, line
 * breaks, comments and indicators can stand.
 *
 * libfyaml 0.7.12 silently stops at a NUL byte or bad UTF-8 in a comment; the
 * loader rejects such input first, but this backend also checks that the
 * stream ended at the end of the input and reports a syntax error otherwise.
 */
#include <libfyaml.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "load/builder.h"
#include "load/load.h"

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
};

struct fy_ctx {
	struct sl_builder *b;
	const char *src;
	size_t len;
	size_t last; /* end of the last token consumed */
	struct fy_frame *stack;
	size_t depth, cap;
	/* a block mapping waiting for its first key to know where it starts;
	 * its event is kept alive because pending_ev points into its tokens */
	bool pending_map;
	struct sl_ev pending_ev;
	struct fy_event *held;
};

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
 * the input), exactly as libyaml's parser states do. */
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

/* Fills ev->start/end/tag/anchor from the node properties of an event.
 * Returns true when the event had a tag or an anchor. */
static bool node_props(struct fy_event *fye, struct sl_ev *ev, size_t *props_end)
{
	struct fy_token *tag = fy_event_get_tag_token(fye);
	struct fy_token *anchor = fy_event_get_anchor_token(fye);
	size_t start = (size_t)-1, end = 0;

	if (tag) {
		size_t l = 0;
		const char *t = fy_token_get_text(tag, &l);
		const struct fy_mark *ms = fy_token_start_mark(tag), *me = fy_token_end_mark(tag);
		if (t && !(l == 1 && t[0] == '!')) {
			ev->tag = t;
			ev->tag_len = l;
		}
		if (ms && ms->input_pos < start)
			start = ms->input_pos;
		if (me && me->input_pos > end)
			end = me->input_pos;
	}
	if (anchor) {
		size_t l = 0;
		const char *a = fy_token_get_text(anchor, &l);
		const struct fy_mark *ms = fy_token_start_mark(anchor), *me = fy_token_end_mark(anchor);
		if (a) {
			ev->anchor = a;
			ev->anchor_len = l;
		}
		/* libfyaml's anchor mark excludes the '&' */
		if (ms && ms->input_pos > 0 && ms->input_pos - 1 < start)
			start = ms->input_pos - 1;
		if (me && me->input_pos > end)
			end = me->input_pos;
	}
	if (start == (size_t)-1)
		return false;
	ev->start = start;
	ev->end = end;
	*props_end = end;
	return true;
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

/* The length libyaml gives a block scalar's value, from the `len` bytes
 * libfyaml 0.7.12 gives: an empty block scalar at the end of the input comes
 * out as one NUL byte (the loader lets no NUL through, and a block scalar has
 * no escapes, so a NUL is always this artefact), and with clip chomping a last
 * line that the input does not end with a line break gets one anyway. */
static size_t block_value_len(const struct fy_ctx *c, size_t indicator, size_t end,
			      const char *text, size_t len)
{
	while (len > 0 && text[len - 1] == '\0')
		len--;
	if (len == 0 || text[len - 1] != '\n' || end < c->len || c->len == 0)
		return len;
	char last = c->src[c->len - 1];
	if (last == '\n' || last == '\r')
		return len;
	/* a last line of blanks only was ended by the line break before it */
	size_t ls = c->len;
	bool blank = true;
	while (ls > 0 && c->src[ls - 1] != '\n' && c->src[ls - 1] != '\r') {
		ls--;
		if (c->src[ls] != ' ' && c->src[ls] != '\t')
			blank = false;
	}
	if (blank)
		return len;
	/* chomping indicator: [-+] before or after an indentation digit */
	for (size_t i = indicator + 1; i < indicator + 3 && i < c->len; i++) {
		if (c->src[i] == '+' || c->src[i] == '-')
			return len;
		if (c->src[i] < '1' || c->src[i] > '9')
			break;
	}
	return len - 1;
}

static int push_frame(struct fy_ctx *c, enum fy_frame_kind kind)
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
	c->depth++;
	return 0;
}

/* A node was completed in the innermost collection. */
static void count_child(struct fy_ctx *c)
{
	if (c->depth)
		c->stack[c->depth - 1].count++;
}

/* Emits a block mapping whose begin was held back, starting at `start`
 * unless its own mark or its properties start earlier. */
static int flush_pending(struct fy_ctx *c, size_t start)
{
	if (!c->pending_map)
		return 0;
	c->pending_map = false;
	if (start < c->pending_ev.start)
		c->pending_ev.start = start;
	return sl_builder_begin(c->b, SL_MAP, &c->pending_ev);
}

/* Where the node of a content event starts, properties included, so that a
 * held-back block mapping can start at its first key; (size_t)-1 for an
 * empty node without properties. */
static size_t event_start(struct fy_ctx *c, struct fy_event *fye)
{
	struct sl_ev ev = { 0 };
	size_t pe = 0;
	bool props = node_props(fye, &ev, &pe);
	size_t start = props ? ev.start : (size_t)-1;
	const struct fy_mark *m = fy_event_start_mark(fye);
	size_t tok = (size_t)-1;

	if (m) {
		tok = m->input_pos;
		if (fye->type == FYET_ALIAS && tok > 0)
			tok--;
		else if (fye->type == FYET_SCALAR) {
			enum fy_scalar_style st = fy_token_scalar_style(fye->scalar.value);
			if ((st == FYSS_SINGLE_QUOTED || st == FYSS_DOUBLE_QUOTED) && tok > 0)
				tok--;
			else if (st == FYSS_LITERAL || st == FYSS_FOLDED)
				tok = block_indicator(c, props ? pe : c->last, tok);
		}
	}
	return tok < start ? tok : start;
}

static int on_scalar(struct fy_ctx *c, struct fy_event *fye)
{
	struct fy_token *val = fye->scalar.value;
	struct sl_ev ev = { 0 };
	size_t pe = 0;
	bool props = node_props(fye, &ev, &pe);
	const struct fy_mark *ms = val ? fy_token_start_mark(val) : NULL;
	const struct fy_mark *me = val ? fy_token_end_mark(val) : NULL;
	enum fy_scalar_style st = val ? fy_token_scalar_style(val) : FYSS_PLAIN;
	size_t len = 0;
	const char *text = val ? fy_token_get_text(val, &len) : "";

	if (!text)
		return -1;
	switch (st) {
	case FYSS_SINGLE_QUOTED:
		ev.style = SL_SINGLE;
		break;
	case FYSS_DOUBLE_QUOTED:
		ev.style = SL_DOUBLE;
		break;
	case FYSS_LITERAL:
		ev.style = SL_LITERAL;
		break;
	case FYSS_FOLDED:
		ev.style = SL_FOLDED;
		break;
	default:
		ev.style = SL_PLAIN;
		break;
	}

	if (ms && me) {
		size_t s = ms->input_pos, e = me->input_pos;
		if (ev.style == SL_SINGLE || ev.style == SL_DOUBLE) {
			if (s > 0)
				s--;
			if (e < c->len)
				e++;
		} else if (ev.style == SL_LITERAL || ev.style == SL_FOLDED) {
			s = block_indicator(c, props ? pe : c->last, s);
			len = block_value_len(c, s, e, text, len);
		}
		if (!props || s < ev.start)
			ev.start = s;
		ev.end = e;
	} else if (!props) {
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
	const struct fy_mark *ms = a ? fy_token_start_mark(a) : NULL;
	const struct fy_mark *me = a ? fy_token_end_mark(a) : NULL;
	size_t len = 0;
	const char *name = a ? fy_token_get_text(a, &len) : NULL;
	size_t s = ms ? ms->input_pos : c->last, e = me ? me->input_pos : s;

	if (!name)
		return -1;
	if (s > 0)
		s--; /* the '*' */
	c->last = e > c->last ? e : c->last;
	count_child(c);
	return sl_builder_alias(c->b, s, e, name, len);
}

static int on_collection_start(struct fy_ctx *c, struct fy_event *fye, enum sl_kind kind)
{
	struct sl_ev ev = { 0 };
	size_t pe = 0;
	bool props = node_props(fye, &ev, &pe);
	const struct fy_mark *ms = fy_event_start_mark(fye), *me = fy_event_end_mark(fye);
	bool flow = fy_event_get_node_style(fye) == FYNS_FLOW;
	enum fy_frame_kind fk;

	if (props)
		c->last = pe > c->last ? pe : c->last;
	ev.style = flow ? SL_FLOW : SL_BLOCK;

	if (kind == SL_MAP && flow && (!ms || char_at(c, ms->input_pos) != '{')) {
		/* [a: b]: libfyaml gives it a made-up '{' token at the ':';
		 * libyaml starts it at its key (or '?') */
		size_t q = skip_blanks(c, c->last);
		char ch = char_at(c, q);
		if (ch == ',' || ch == '[')
			q = skip_blanks(c, q + 1);
		ev.start = ev.end = q;
		fk = FRAME_PAIR_MAP;
		if (push_frame(c, fk) < 0)
			return -1;
		return sl_builder_begin(c->b, kind, &ev);
	}

	if (flow) {
		size_t s = ms ? ms->input_pos : c->last;
		size_t e = me ? me->input_pos : s;
		if (!props || s < ev.start)
			ev.start = s;
		ev.end = e;
		c->last = e > c->last ? e : c->last;
		fk = kind == SL_MAP ? FRAME_FLOW_MAP : FRAME_FLOW_SEQ;
	} else {
		size_t s = ms ? ms->input_pos : c->last;
		/* the '-' or first key: what precedes it (a ':') is consumed */
		c->last = s > c->last ? s : c->last;
		if (!props || s < ev.start)
			ev.start = s;
		ev.end = ev.start;
		fk = kind == SL_MAP ? FRAME_BLOCK_MAP : FRAME_BLOCK_SEQ;
	}
	if (push_frame(c, fk) < 0)
		return -1;
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
	const struct fy_mark *me = fy_event_end_mark(fye);
	size_t end = me ? me->input_pos : c->last;
	enum fy_frame_kind fk = c->depth ? c->stack[c->depth - 1].kind : FRAME_BLOCK_MAP;

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

/* Offset of libfyaml's first error in `text`, or `fallback` when it gave no
 * position; *msg is its message (NULL when none was collected). */
static size_t first_error(struct fy_diag *diag, const char *text, size_t len, size_t fallback,
			  const char **msg)
{
	void *it = NULL;
	struct fy_diag_error *de;
	size_t off = fallback;

	*msg = NULL;
	while ((de = fy_diag_errors_iterate(diag, &it)) != NULL) {
		if (de->type < FYET_ERROR)
			continue;
		*msg = de->msg;
		const struct fy_mark *m = de->fyt ? fy_token_start_mark(de->fyt) : NULL;
		if (m) {
			off = m->input_pos;
		} else if (de->line > 0) {
			/* 1-based line and column; find the line's start */
			size_t o = 0;
			for (int l = 1; l < de->line && o < len; o++) {
				if (text[o] == '\n')
					l++;
			}
			off = o + (de->column > 1 ? (size_t)de->column - 1 : 0);
		}
		break;
	}
	return off > len ? len : off;
}

/* Records libfyaml's first error as a syntax error. */
static void report_error(struct fy_ctx *c, struct fy_diag *diag)
{
	const char *msg;
	size_t off = first_error(diag, c->src, c->len, c->last, &msg);
	sl_builder_syntax_error(c->b, off, msg && *msg ? msg : "invalid YAML", NULL);
}

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

	/* YAML 1.1 as libyaml; the event API never resolves aliases or merge
	 * keys; depth is limited by the builder; libyaml does not check flow
	 * indentation or duplicate keys (the builder reports those) */
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

/*
 * libfyaml 0.7.12 cannot read a block scalar whose properties start their own
 * line, a common CloudFormation idiom:
 *
 *     Fn::Base64:
 *       !Sub |
 *         #!/bin/bash
 *
 * It takes the scalar as empty and fails on its first line. Written on the
 * key's line (`Fn::Base64:   !Sub |`) the same scalar parses, and means the
 * same: a block scalar's indentation does not depend on where its header
 * stands. So before parsing, such headers are joined to the line of the
 * indicator (':', '-' or '?') that they follow, by turning the line breaks
 * and comments between them into spaces: every byte keeps its offset, and no
 * content changes.
 *
 * Candidates are found on the text alone, then confirmed by a pass over the
 * events: a join is kept only if a block scalar with properties really starts
 * there (and not, say, inside another block scalar's text).
 */
struct join {
	size_t from, to; /* bytes [from, to) become spaces, blanks excepted */
	size_t props;    /* == to: where the properties start */
	bool on;
};

static bool is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

static size_t line_end(const char *s, size_t len, size_t off)
{
	const char *nl = memchr(s + off, '\n', len - off);
	size_t e = nl ? (size_t)(nl - s) : len;
	if (e > off && s[e - 1] == '\r')
		e--;
	return e;
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
	if (q < le && !is_blank(s[q]))
		return false;
	while (q < le && is_blank(s[q]))
		q++;
	return q == le || s[q] == '#';
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

static void apply_join(char *w, const char *src, const struct join *j, bool on)
{
	for (size_t i = j->from; i < j->to; i++)
		w[i] = on && !is_blank(src[i]) ? ' ' : src[i];
}

/* Runs the parser over `text` without building anything; marks as confirmed
 * every join whose properties start a block scalar. Returns the offset the
 * parse reached (len when it ended without error), or (size_t)-1 on OOM. */
static size_t confirm_joins(const char *text, size_t len, struct join *js, size_t n, bool *confirmed)
{
	struct fy_diag *diag = NULL;
	struct fy_parser *fyp = open_parser(text, len, &diag);
	size_t k = 0, reached = 0;
	bool ended = false;

	if (!fyp)
		return (size_t)-1;
	memset(confirmed, 0, n * sizeof(*confirmed));
	for (;;) {
		struct fy_event *fye = fy_parser_parse(fyp);
		if (!fye)
			break;
		if (fye->type == FYET_STREAM_END)
			ended = true;
		if (fye->type == FYET_SCALAR) {
			enum fy_scalar_style st = fy_token_scalar_style(fye->scalar.value);
			struct sl_ev ev = { 0 };
			size_t pe;
			if ((st == FYSS_LITERAL || st == FYSS_FOLDED) && node_props(fye, &ev, &pe)) {
				while (k < n && js[k].props < ev.start)
					k++;
				if (k < n && js[k].props == ev.start)
					confirmed[k] = true;
			}
			const struct fy_mark *m = fy_event_end_mark(fye);
			if (m && m->input_pos > reached)
				reached = m->input_pos;
		}
		fy_parser_event_free(fyp, fye);
	}
	if (ended) {
		reached = len;
	} else {
		const char *msg;
		reached = first_error(diag, text, len, reached, &msg);
	}
	fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
	return reached;
}

/* Joins block scalar headers as described above. Returns 0 with *out NULL
 * when there is nothing to join, 0 with *out a rewritten copy of src (same
 * length, to free) otherwise, -1 on OOM. */
static int join_headers(const char *src, size_t len, char **out)
{
	struct join *js = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;

	*out = NULL;
	for (size_t ls = 0; ls < len;) {
		size_t props, from;
		if (is_header_line(src, len, ls, &props) &&
		    (from = indicator_before(src, ls)) != (size_t)-1) {
			if (n == cap) {
				cap = cap ? cap * 2 : 8;
				struct join *p = realloc(js, cap * sizeof(*p));
				if (!p) {
					free(js);
					return -1;
				}
				js = p;
			}
			js[n++] = (struct join){ .from = from, .to = props, .props = props, .on = true };
		}
		const char *nl = memchr(src + ls, '\n', len - ls);
		ls = nl ? (size_t)(nl - src) + 1 : len;
	}
	if (n == 0)
		return 0;

	char *w = malloc(len);
	bool *confirmed = malloc(n * sizeof(*confirmed));
	if (!w || !confirmed) {
		rc = -1;
		goto fail;
	}
	memcpy(w, src, len);
	for (size_t i = 0; i < n; i++)
		apply_join(w, src, &js[i], true);

	/* Undo the joins that parsing does not confirm, until all that the
	 * parser reached are confirmed; each round drops at least one join. */
	for (;;) {
		size_t reached = confirm_joins(w, len, js, n, confirmed);
		bool changed = false;
		if (reached == (size_t)-1) {
			rc = -1;
			goto fail;
		}
		for (size_t i = 0; i < n; i++) {
			if (!js[i].on || confirmed[i])
				continue;
			/* unconfirmed: wrong if the parser went past it, or if
			 * it failed inside the joined gap */
			if (js[i].props < reached || (js[i].from <= reached && reached <= js[i].to)) {
				js[i].on = false;
				apply_join(w, src, &js[i], false);
				changed = true;
			}
		}
		if (!changed)
			break;
	}
	bool any = false;
	for (size_t i = 0; i < n; i++)
		any |= js[i].on;
	free(js);
	free(confirmed);
	if (!any) {
		free(w);
		return 0;
	}
	*out = w;
	return 0;

fail:
	free(w);
	free(confirmed);
	free(js);
	return rc;
}

int sl_parse_libfyaml(struct sl_builder *b, const char *src, size_t len)
{
	struct fy_diag *diag = NULL;
	struct fy_parser *fyp;
	char *joined = NULL;
	int rc = 0;
	bool ended = false;

	if (join_headers(src, len, &joined) < 0)
		return -1;
	struct fy_ctx c = { .b = b, .src = joined ? joined : src, .len = len };
	fyp = open_parser(c.src, len, &diag);
	if (!fyp) {
		free(joined);
		return -1;
	}

	for (;;) {
		struct fy_event *fye = fy_parser_parse(fyp);
		int r = 0;

		if (!fye) {
			if (!ended && (fy_parser_get_stream_error(fyp) || fy_diag_got_error(diag)))
				report_error(&c, diag);
			else if (!ended)
				sl_builder_syntax_error(b, skip_blanks(&c, c.last),
							"the parser stopped before the end of the input",
							NULL);
			break;
		}

		if (c.pending_map) {
			r = flush_pending(&c, fye->type != FYET_MAPPING_END ? event_start(&c, fye)
									   : c.pending_ev.start);
			fy_parser_event_free(fyp, c.held);
			c.held = NULL;
		}

		if (r == 0) {
			switch (fye->type) {
			case FYET_DOCUMENT_START:
				r = sl_builder_document_start(b, skip_blanks(&c, c.last));
				break;
			case FYET_DOCUMENT_END:
				if (!fye->document_end.implicit) {
					/* "...": libfyaml gives it no mark */
					size_t q = skip_blanks(&c, c.last);
					if (q + 3 <= len && memcmp(c.src + q, "...", 3) == 0)
						c.last = q + 3;
				}
				break;
			case FYET_SCALAR:
				r = on_scalar(&c, fye);
				break;
			case FYET_ALIAS:
				r = on_alias(&c, fye);
				break;
			case FYET_MAPPING_START:
				r = on_collection_start(&c, fye, SL_MAP);
				break;
			case FYET_SEQUENCE_START:
				r = on_collection_start(&c, fye, SL_SEQ);
				break;
			case FYET_MAPPING_END:
			case FYET_SEQUENCE_END:
				r = on_collection_end(&c, fye);
				break;
			case FYET_STREAM_END: {
				const struct fy_mark *m = fy_event_start_mark(fye);
				size_t at = m ? m->input_pos : c.last;
				ended = true;
				/* libfyaml 0.7.12 may end the stream early without an
				 * error (a NUL byte, bad UTF-8 in a comment) */
				if (at < c.last)
					at = c.last;
				size_t q = skip_blanks(&c, at);
				if (q < len)
					sl_builder_syntax_error(b, q,
								"unexpected data after the end of the YAML stream",
								NULL);
				break;
			}
			default:
				break;
			}
		}
		if (c.pending_map && !c.held)
			c.held = fye;
		else
			fy_parser_event_free(fyp, fye);
		if (r < 0 || ended)
			break;
	}

	if (c.held)
		fy_parser_event_free(fyp, c.held);
	fy_parser_destroy(fyp);
	fy_diag_destroy(diag);
	free(c.stack);
	free(joined);
	if (rc == 0 && b->doc && b->doc->oom)
		rc = -1;
	return rc;
}
