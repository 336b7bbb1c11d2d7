/* Growable byte buffer with JSON and XML escaping helpers. */
#include "util/buf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool grow(struct sl_buf *b, size_t extra)
{
	if (b->oom)
		return false;
	if (b->len + extra + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = realloc(b->data, cap);
	if (!p) {
		b->oom = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void sl_buf_put(struct sl_buf *b, const void *p, size_t n)
{
	if (!grow(b, n))
		return;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void sl_buf_puts(struct sl_buf *b, const char *s)
{
	sl_buf_put(b, s, strlen(s));
}

void sl_buf_putc(struct sl_buf *b, char c)
{
	sl_buf_put(b, &c, 1);
}

void sl_buf_printf(struct sl_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || !grow(b, (size_t)n))
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void sl_buf_json_escape(struct sl_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
			continue;
		sl_buf_put(b, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"': sl_buf_puts(b, "\\\""); break;
		case '\\': sl_buf_puts(b, "\\\\"); break;
		case '\n': sl_buf_puts(b, "\\n"); break;
		case '\r': sl_buf_puts(b, "\\r"); break;
		case '\t': sl_buf_puts(b, "\\t"); break;
		default: {
			char u[6] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15] };
			sl_buf_put(b, u, 6);
		}
		}
	}
	sl_buf_put(b, s + run, n - run);
}

void sl_buf_xml_escape(struct sl_buf *b, const char *s, size_t n)
{
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep = NULL;
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&apos;"; break;
		default:
			/* XML 1.0 forbids most control characters even as references. */
			if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
				rep = "?";
		}
		if (!rep)
			continue;
		sl_buf_put(b, s + run, i - run);
		sl_buf_puts(b, rep);
		run = i + 1;
	}
	sl_buf_put(b, s + run, n - run);
}

const char *sl_buf_cstr(struct sl_buf *b)
{
	return b->data ? b->data : "";
}

void sl_buf_reset(struct sl_buf *b)
{
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

static void sink_write(struct sl_buf *b)
{
	errno = 0;
	if (b->sink && !b->sink_error && b->len &&
	    (fwrite(b->data, 1, b->len, b->sink) != b->len || ferror(b->sink)))
		b->sink_error = errno ? errno : EIO;
	b->len = 0;
	if (b->data)
		b->data[0] = '\0';
}

void sl_buf_drain(struct sl_buf *b)
{
	if (b->sink && b->len >= SL_BUF_DRAIN_AT)
		sink_write(b);
}

int sl_buf_flush(struct sl_buf *b)
{
	if (b->sink)
		sink_write(b);
	return b->sink_error;
}

void sl_buf_free(struct sl_buf *b)
{
	free(b->data);
	memset(b, 0, sizeof(*b));
}
