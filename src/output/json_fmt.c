/*
 * The json format: cfn-lint's JSON formatter output, field for field and byte
 * for byte, so editor plugins and scripts written for `cfn-lint --format json`
 * work unchanged and the two tools' results diff cleanly.
 *
 * cfn-lint prints json.dumps(matches, indent=4, sort_keys=True) — keys in code
 * point order, 4-space indent, ASCII only (non-ASCII as \uXXXX) — and then a
 * newline; an empty run prints "[]". Each match's "Id" is the MD5 of
 * "[<rule id>: <short description>] (<message>) matched <file>:<line>" written
 * as a UUID, with the file in Python's pathlib posix form; it is computed here
 * the same way, so identical findings get identical Ids in both tools.
 * "ParentId" is always null. "Path" is the template path (keys as strings, list
 * indexes as integers), or null when the diagnostic has none.
 */
#include "output/output.h"

#include <string.h>

#include "engine/rule.h"

/* ---- MD5 (RFC 1321), only for cfn-lint's match Id ---- */

struct md5 {
	uint32_t h[4];
	uint64_t len;
	unsigned char block[64];
	size_t fill;
};

static uint32_t rotl(uint32_t x, int c)
{
	return (x << c) | (x >> (32 - c));
}

static void md5_block(struct md5 *m, const unsigned char *p)
{
	static const uint32_t K[64] = {
		0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613,
		0xfd469501, 0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193,
		0xa679438e, 0x49b40821, 0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d,
		0x02441453, 0xd8a1e681, 0xe7d3fbc8, 0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed,
		0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a, 0xfffa3942, 0x8771f681, 0x6d9d6122,
		0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70, 0x289b7ec6, 0xeaa127fa,
		0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665, 0xf4292244,
		0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
		0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb,
		0xeb86d391,
	};
	static const int S[16] = { 7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21 };
	uint32_t w[16];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 | (uint32_t)p[4 * i + 2] << 16 |
		       (uint32_t)p[4 * i + 3] << 24;
	uint32_t a = m->h[0], b = m->h[1], c = m->h[2], d = m->h[3];
	for (int i = 0; i < 64; i++) {
		uint32_t f;
		int g;
		switch (i / 16) {
		case 0: f = (b & c) | (~b & d), g = i; break;
		case 1: f = (d & b) | (~d & c), g = (5 * i + 1) % 16; break;
		case 2: f = b ^ c ^ d, g = (3 * i + 5) % 16; break;
		default: f = c ^ (b | ~d), g = (7 * i) % 16; break;
		}
		uint32_t t = d;
		d = c;
		c = b;
		b = b + rotl(a + f + K[i] + w[g], S[(i / 16) * 4 + i % 4]);
		a = t;
	}
	m->h[0] += a, m->h[1] += b, m->h[2] += c, m->h[3] += d;
}

static void md5_init(struct md5 *m)
{
	memset(m, 0, sizeof(*m));
	m->h[0] = 0x67452301, m->h[1] = 0xefcdab89, m->h[2] = 0x98badcfe, m->h[3] = 0x10325476;
}

static void md5_update(struct md5 *m, const void *data, size_t n)
{
	const unsigned char *p = data;
	m->len += n;
	while (n) {
		size_t take = 64 - m->fill < n ? 64 - m->fill : n;
		memcpy(m->block + m->fill, p, take);
		m->fill += take, p += take, n -= take;
		if (m->fill == 64) {
			md5_block(m, m->block);
			m->fill = 0;
		}
	}
}

static void md5_final(struct md5 *m, unsigned char out[16])
{
	uint64_t bits = m->len * 8;
	unsigned char pad = 0x80, zero = 0, len8[8];
	md5_update(m, &pad, 1);
	while (m->fill != 56)
		md5_update(m, &zero, 1);
	for (int i = 0; i < 8; i++)
		len8[i] = (unsigned char)(bits >> (8 * i));
	md5_update(m, len8, 8);
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 4; j++)
			out[4 * i + j] = (unsigned char)(m->h[i] >> (8 * j));
}

/* ---- the pieces of a match ---- */

/* Appends s with malformed UTF-8 replaced by U+FFFD: the text json.dumps would
 * have been given (a Python str cannot hold malformed UTF-8). */
static void put_valid_utf8(struct sl_buf *b, const char *s)
{
	const char *end = s + strlen(s);
	while (s < end) {
		const char *run = s;
		while (s < end && (unsigned char)*s < 0x80)
			s++;
		sl_buf_put(b, run, (size_t)(s - run));
		if (s < end)
			sl_utf8_put(b, sl_utf8_next(&s, end));
	}
}

/* Writes cfn-lint's match Id into out; returns false when memory ran out. */
static bool match_id(char out[37], const char *rule_id, const char *shortdesc, const char *message,
		     const char *filename, uint32_t line)
{
	static const char hex[] = "0123456789abcdef";
	struct sl_buf s = SL_BUF_INIT;
	unsigned char dig[16];
	struct md5 m;

	sl_buf_putc(&s, '[');
	put_valid_utf8(&s, rule_id);
	sl_buf_puts(&s, ": ");
	put_valid_utf8(&s, shortdesc);
	sl_buf_puts(&s, "] (");
	put_valid_utf8(&s, message);
	sl_buf_puts(&s, ") matched ");
	if (filename[0]) {
		struct sl_buf f = SL_BUF_INIT;
		sl_output_posix_path(&f, filename);
		put_valid_utf8(&s, sl_buf_cstr(&f));
		if (f.oom)
			s.oom = true;
		sl_buf_free(&f);
		sl_buf_putc(&s, ':');
	}
	sl_buf_printf(&s, "%u", (unsigned)line);

	bool ok = !s.oom;
	md5_init(&m);
	md5_update(&m, sl_buf_cstr(&s), s.len);
	md5_final(&m, dig);
	sl_buf_free(&s);

	char *o = out;
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*o++ = '-';
		*o++ = hex[dig[i] >> 4];
		*o++ = hex[dig[i] & 15];
	}
	*o = '\0';
	return ok;
}

static const char *level_name(enum sl_severity sev)
{
	switch (sev) {
	case SL_SEV_ERROR: return "Error";
	case SL_SEV_WARNING: return "Warning";
	case SL_SEV_INFO: return "Informational";
	}
	return "Error";
}

static void write_position(struct sl_jw *w, const char *key, const struct sl_position *p)
{
	sl_jw_key(w, key);
	sl_jw_begin_object(w);
	sl_jw_key(w, "ColumnNumber");
	sl_jw_int(w, p->column);
	sl_jw_key(w, "LineNumber");
	sl_jw_int(w, p->line);
	sl_jw_end_object(w);
}

static void write_match(struct sl_jw *w, const char *filename, const struct sl_diag *d,
			struct sl_buf *scratch)
{
	const char *rule_id = d->rule_id ? d->rule_id : "";
	const char *message = d->message ? d->message : "";
	const struct sl_rule *rule = sl_rule_find(rule_id);
	const char *shortdesc = rule && rule->title ? rule->title : "";
	char id[37];

	if (!match_id(id, rule_id, shortdesc, message, filename, d->start.line))
		w->b->oom = true;

	sl_jw_begin_object(w);
	sl_jw_key(w, "Filename");
	sl_jw_string(w, filename);
	sl_jw_key(w, "Id");
	sl_jw_string(w, id);
	sl_jw_key(w, "Level");
	sl_jw_string(w, level_name(d->severity));

	sl_jw_key(w, "Location");
	sl_jw_begin_object(w);
	write_position(w, "End", &d->end);
	sl_jw_key(w, "Path");
	if (d->path_len == 0) {
		sl_jw_null(w);
	} else {
		sl_jw_begin_array(w);
		for (uint32_t k = 0; k < d->path_len; k++) {
			if (d->path[k].key)
				sl_jw_string(w, d->path[k].key);
			else
				sl_jw_int(w, d->path[k].index);
		}
		sl_jw_end_array(w);
	}
	write_position(w, "Start", &d->start);
	sl_jw_end_object(w);

	sl_jw_key(w, "Message");
	sl_jw_string(w, message);
	sl_jw_key(w, "ParentId");
	sl_jw_null(w);

	sl_jw_key(w, "Rule");
	sl_jw_begin_object(w);
	sl_jw_key(w, "Description");
	sl_buf_reset(scratch);
	if (rule)
		sl_output_rule_summary(scratch, rule->title, rule->doc);
	sl_jw_string_n(w, sl_buf_cstr(scratch), scratch->len);
	sl_jw_key(w, "Id");
	sl_jw_string(w, rule_id);
	sl_jw_key(w, "ShortDescription");
	sl_jw_string(w, shortdesc);
	sl_jw_key(w, "Source");
	sl_jw_string(w, rule && rule->source ? rule->source : "");
	sl_jw_end_object(w);

	sl_jw_end_object(w);
}

void sl_output_json(struct sl_buf *out, const struct sl_report *const *r, size_t n,
		    const struct sl_output_opts *o)
{
	struct sl_jw w;
	struct sl_buf scratch = SL_BUF_INIT;
	(void)o;

	sl_jw_init(&w, out, 4, true);
	sl_jw_begin_array(&w);
	for (size_t i = 0; i < n; i++) {
		const char *filename = r[i]->filename ? r[i]->filename : "";
		for (size_t j = 0; j < r[i]->count; j++) {
			write_match(&w, filename, &r[i]->diags[j], &scratch);
			sl_buf_drain(out);
		}
	}
	sl_jw_end_array(&w);
	sl_buf_putc(out, '\n');
	if (scratch.oom)
		out->oom = true;
	sl_buf_free(&scratch);
}
