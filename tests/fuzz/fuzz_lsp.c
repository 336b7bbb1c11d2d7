/*
 * Fuzz target: the language server (`stacklint lsp`) on one input, two ways.
 * An input that starts with "Content-Length" is the client's whole byte
 * stream (framing, JSON, any methods in any order). Any other input is a
 * document: it is opened as a template, edited (a character inserted and
 * removed at an offset the input picks), and asked for hover, completion,
 * definition, symbols and code actions at offsets spread over it, then the
 * session ends with shutdown and exit. Output goes to /dev/null (or to
 * $STACKLINT_FUZZ_OUT); what is checked is that the server neither crashes
 * nor leaks (sanitizers) nor hangs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lsp/lsp.h"
#include "output/output.h"
#include "util/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void frame(struct sl_buf *out, const struct sl_buf *body)
{
	sl_buf_printf(out, "Content-Length: %zu\r\n\r\n", body->len);
	sl_buf_put(out, body->data ? body->data : "", body->len);
}

/* A notification or request with params written by put. */
static void message(struct sl_buf *out, int id, const char *method, void (*put)(struct sl_jw *, const void *),
		    const void *arg)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	sl_jw_init(&w, &b, -1, false);
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "jsonrpc");
	sl_jw_string(&w, "2.0");
	if (id) {
		sl_jw_key(&w, "id");
		sl_jw_int(&w, id);
	}
	sl_jw_key(&w, "method");
	sl_jw_string(&w, method);
	sl_jw_key(&w, "params");
	sl_jw_begin_object(&w);
	if (put)
		put(&w, arg);
	sl_jw_end_object(&w);
	sl_jw_end_object(&w);
	frame(out, &b);
	sl_buf_free(&b);
}

struct doc_arg {
	const char *text;
	size_t len;
	long long line, character, version;
	const char *insert;
};

static void put_doc(struct sl_jw *w, const void *arg)
{
	const struct doc_arg *d = arg;
	sl_jw_key(w, "textDocument");
	sl_jw_begin_object(w);
	sl_jw_key(w, "uri");
	sl_jw_string(w, "file:///fuzz/template.yaml");
	sl_jw_key(w, "version");
	sl_jw_int(w, d->version);
	if (d->text) {
		sl_jw_key(w, "languageId");
		sl_jw_string(w, "yaml");
		sl_jw_key(w, "text");
		sl_jw_string_n(w, d->text, d->len);
	}
	sl_jw_end_object(w);
}

static void put_position(struct sl_jw *w, long long line, long long character)
{
	sl_jw_begin_object(w);
	sl_jw_key(w, "line");
	sl_jw_int(w, line);
	sl_jw_key(w, "character");
	sl_jw_int(w, character);
	sl_jw_end_object(w);
}

static void put_at(struct sl_jw *w, const void *arg)
{
	const struct doc_arg *d = arg;
	put_doc(w, arg);
	sl_jw_key(w, "position");
	put_position(w, d->line, d->character);
}

static void put_change(struct sl_jw *w, const void *arg)
{
	const struct doc_arg *d = arg;
	put_doc(w, arg);
	sl_jw_key(w, "contentChanges");
	sl_jw_begin_array(w);
	sl_jw_begin_object(w);
	sl_jw_key(w, "range");
	sl_jw_begin_object(w);
	sl_jw_key(w, "start");
	put_position(w, d->line, d->character);
	sl_jw_key(w, "end");
	put_position(w, d->line, d->character + (d->insert[0] ? 0 : 1));
	sl_jw_end_object(w);
	sl_jw_key(w, "text");
	sl_jw_string(w, d->insert);
	sl_jw_end_object(w);
	sl_jw_end_array(w);
}

/* A code action request whose context holds a diagnostic at the position
 * with a code and a message the server knows how to fix. */
static void put_action(struct sl_jw *w, const void *arg)
{
	const struct doc_arg *d = arg;
	put_doc(w, arg);
	sl_jw_key(w, "context");
	sl_jw_begin_object(w);
	sl_jw_key(w, "diagnostics");
	sl_jw_begin_array(w);
	static const char *const codes[][2] = {
		{ "E3038", "a SAM type" },
		{ "E99010", "Cors AllowOrigin \"*\" is not a quoted header value" },
		{ "E3002", "unknown property 'x' (did you mean 'y'?)" },
	};
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		sl_jw_begin_object(w);
		sl_jw_key(w, "range");
		sl_jw_begin_object(w);
		sl_jw_key(w, "start");
		put_position(w, d->line, d->character);
		sl_jw_key(w, "end");
		put_position(w, d->line, d->character + 1);
		sl_jw_end_object(w);
		sl_jw_key(w, "code");
		sl_jw_string(w, codes[i][0]);
		sl_jw_key(w, "message");
		sl_jw_string(w, codes[i][1]);
		sl_jw_end_object(w);
	}
	sl_jw_end_array(w);
	sl_jw_end_object(w);
}

static void put_init(struct sl_jw *w, const void *arg)
{
	(void)arg;
	sl_jw_key(w, "capabilities");
	sl_jw_begin_object(w);
	sl_jw_end_object(w);
	sl_jw_key(w, "initializationOptions");
	sl_jw_begin_object(w);
	sl_jw_key(w, "debounceMs");
	sl_jw_int(w, 0);
	sl_jw_end_object(w);
}

/* A session over the document text: see the file's comment. */
static void session(struct sl_buf *in, const char *text, size_t len)
{
	int id = 1;
	message(in, id++, "initialize", put_init, NULL);
	message(in, 0, "initialized", NULL, NULL);
	struct doc_arg d = { text, len, 0, 0, 1, "" };
	message(in, 0, "textDocument/didOpen", put_doc, &d);
	/* lines and columns spread over the text: its line count picks them */
	long long lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += text[i] == '\n';
	d.text = NULL;
	for (int k = 0; k < 4; k++) {
		d.line = lines * k / 4;
		d.character = (long long)(len ? (unsigned char)text[(size_t)k * len / 4] % 40 : 0);
		message(in, id++, "textDocument/hover", put_at, &d);
		message(in, id++, "textDocument/completion", put_at, &d);
		message(in, id++, "textDocument/definition", put_at, &d);
		message(in, id++, "textDocument/codeAction", put_action, &d);
	}
	d.version = 2;
	d.insert = "x";
	message(in, 0, "textDocument/didChange", put_change, &d);
	d.version = 3;
	d.insert = "";
	message(in, 0, "textDocument/didChange", put_change, &d);
	message(in, id++, "textDocument/documentSymbol", put_doc, &d);
	message(in, 0, "textDocument/didClose", put_doc, &d);
	message(in, id++, "shutdown", NULL, NULL);
	message(in, 0, "exit", NULL, NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sl_buf in = SL_BUF_INIT;
	if (size >= 14 && memcmp(data, "Content-Length", 14) == 0)
		sl_buf_put(&in, (const char *)data, size);
	else
		session(&in, (const char *)data, size);
	FILE *f = in.len ? fmemopen(in.data, in.len, "r") : NULL;
	/* STACKLINT_FUZZ_OUT names a file for the server's output (to read a
	 * failing input's session); else it is thrown away */
	const char *out_path = getenv("STACKLINT_FUZZ_OUT");
	FILE *out = fopen(out_path ? out_path : "/dev/null", "w");
	if (f && out) {
		char *argv[] = { (char *)"lsp", NULL };
		sl_lsp_main(1, argv, f, out);
	}
	if (f)
		fclose(f);
	if (out)
		fclose(out);
	sl_buf_free(&in);
	return 0;
}
