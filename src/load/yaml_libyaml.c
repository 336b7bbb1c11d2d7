/*
 * libyaml backend (the default): streams libyaml's parser events into the
 * builder. libyaml's marks count characters, not bytes; a cursor converts them to
 * byte offsets in linear time (the input is valid UTF-8, checked by the loader).
 */
#include <yaml.h>

#include <stdio.h>
#include <string.h>

#include "load/builder.h"

struct cursor {
	const unsigned char *s;
	size_t len;
	size_t chr; /* character index */
	size_t off; /* its byte offset */
	bool ascii; /* one byte per character: the index is the offset */
};

static size_t to_off(struct cursor *c, size_t chr)
{
	if (c->ascii)
		return chr < c->len ? chr : c->len;
	while (c->chr < chr && c->off < c->len) {
		c->off++;
		while (c->off < c->len && (c->s[c->off] & 0xC0) == 0x80)
			c->off++;
		c->chr++;
	}
	while (c->chr > chr && c->off > 0) {
		c->off--;
		while (c->off > 0 && (c->s[c->off] & 0xC0) == 0x80)
			c->off--;
		c->chr--;
	}
	return c->off;
}

static enum sl_style scalar_style(yaml_scalar_style_t st)
{
	switch (st) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE: return SL_SINGLE;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return SL_DOUBLE;
	case YAML_LITERAL_SCALAR_STYLE: return SL_LITERAL;
	case YAML_FOLDED_SCALAR_STYLE: return SL_FOLDED;
	default: return SL_PLAIN;
	}
}

static void set_props(struct sl_ev *ev, const yaml_char_t *tag, const yaml_char_t *anchor)
{
	if (tag && !(tag[0] == '!' && tag[1] == '\0')) {
		ev->tag = (const char *)tag;
		ev->tag_len = strlen((const char *)tag);
	}
	if (anchor) {
		ev->anchor = (const char *)anchor;
		ev->anchor_len = strlen((const char *)anchor);
	}
}

/* libyaml's wording, made a little more helpful where it is cryptic. */
static const char *explain(const char *problem, const char *context)
{
	if (!problem)
		return "YAML syntax error";
	if (strstr(problem, "did not find expected <document start>"))
		return "unexpected content after the top-level value (is a line indented wrongly, "
		       "or are two tags on one value, like '!Base64 !Sub'? CloudFormation allows one "
		       "short-form function per value: nest the inner one as a mapping, "
		       "e.g. !Base64 {\"Fn::Sub\": ...})";
	(void)context;
	return NULL;
}

int sl_parse_libyaml(struct sl_builder *b, const char *src, size_t len)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p)) {
		b->doc->oom = true;
		return -1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)src, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	struct cursor c = { (const unsigned char *)src, len, 0, 0, b->doc->ascii && b->doc->src == src };
	int rc = 0;
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			if (p.error == YAML_MEMORY_ERROR) {
				b->doc->oom = true;
				rc = -1;
				break;
			}
			size_t off;
			if (p.error == YAML_READER_ERROR)
				off = p.problem_offset;
			else
				off = to_off(&c, p.problem_mark.index);
			const char *better = explain(p.problem, p.context);
			char ctx[200] = "";
			if (p.context && !better) {
				snprintf(ctx, sizeof(ctx), "(%s at line %zu, column %zu)", p.context,
					 p.context_mark.line + 1, p.context_mark.column + 1);
			}
			sl_builder_syntax_error(b, off, better ? better : (p.problem ? p.problem : "YAML syntax error"),
						ctx[0] ? ctx : NULL);
			break;
		}
		int r = 0;
		struct sl_ev ev;
		memset(&ev, 0, sizeof(ev));
		ev.start = to_off(&c, e.start_mark.index);
		ev.end = to_off(&c, e.end_mark.index);
		switch (e.type) {
		case YAML_DOCUMENT_START_EVENT:
			r = sl_builder_document_start(b, ev.start);
			break;
		case YAML_SCALAR_EVENT:
			set_props(&ev, e.data.scalar.tag, e.data.scalar.anchor);
			ev.style = scalar_style(e.data.scalar.style);
			r = sl_builder_scalar(b, &ev, (const char *)e.data.scalar.value, e.data.scalar.length);
			break;
		case YAML_SEQUENCE_START_EVENT:
			set_props(&ev, e.data.sequence_start.tag, e.data.sequence_start.anchor);
			ev.style = e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE ? SL_FLOW : SL_BLOCK;
			r = sl_builder_begin(b, SL_SEQ, &ev);
			break;
		case YAML_MAPPING_START_EVENT:
			set_props(&ev, e.data.mapping_start.tag, e.data.mapping_start.anchor);
			ev.style = e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE ? SL_FLOW : SL_BLOCK;
			r = sl_builder_begin(b, SL_MAP, &ev);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			r = sl_builder_end(b, ev.end);
			break;
		case YAML_ALIAS_EVENT: {
			const char *a = (const char *)e.data.alias.anchor;
			r = sl_builder_alias(b, ev.start, ev.end, a, strlen(a));
			break;
		}
		default:
			break;
		}
		bool done = e.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&e);
		if (r < 0 || done)
			break;
	}
	yaml_parser_delete(&p);
	if (b->doc->oom)
		rc = -1;
	return rc;
}
