/* The language server: see lsp.h. */
#include "lsp/lsp.h"

#include "lsp/assist.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli/cli.h"
#include "engine/rule.h"
#include "load/load.h"
#include "load/node.h"
#include "output/output.h"
#include "spec/spec.h"
#include "stacklint/stacklint.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/text.h"

/* A message's body may hold a whole document: the template limit, and room
 * for the JSON around it. */
#define MAX_MESSAGE (SL_DEFAULT_MAX_SIZE * 2)

enum {
	PARSE_ERROR = -32700,
	INVALID_REQUEST = -32600,
	METHOD_NOT_FOUND = -32601,
	SERVER_NOT_INITIALIZED = -32002,
};

/* What positions' characters count: negotiated at initialize. */
enum encoding {
	ENC_UTF16, /* LSP's default */
	ENC_UTF8,  /* bytes */
	ENC_UTF32, /* code points */
};

/* How long after a change the document is linted, unless the client says
 * (initializationOptions.debounceMs): typing faster than this lints once. */
#define DEFAULT_DEBOUNCE_MS 75
#define MAX_DEBOUNCE_MS 10000

struct doc {
	char *uri;
	char *text;
	size_t len;
	long long version; /* the client's, of text */
	uint64_t gen;      /* changes with every change of text (server-wide count) */
	uint64_t due_ms;   /* when to lint it (monotonic clock); 0: nothing to do */
	struct sl_report *report; /* the last published lint's, for hover; NULL when none */
	uint64_t report_gen;      /* the gen of the text it is for */
};

/*
 * Two threads. The main one reads the client's messages and answers them at
 * once from the documents' text and their last reports; a change only marks
 * the document due a debounce later. The lint thread lints due documents one
 * at a time, from a copy of the text, and publishes the result unless the
 * text changed meanwhile (then it is dropped, and the lint of a text that
 * changed is stopped between rules through opts.cancel). So no request waits
 * for a lint.
 *
 * mu guards the document list, the reports, the lint queue and `linting`;
 * the text of a document is written only by the main thread. opts, spec and
 * cli are replaced (configuration reload) only by the main thread while no
 * lint runs, so either thread reads them without the lock. out_mu keeps
 * messages whole (taken inside mu, never the other way round).
 */
struct server {
	FILE *in, *out;
	pthread_mutex_t mu, out_mu;
	pthread_cond_t cv;
	pthread_t lint_thread;
	bool thread_started, stop;
	bool linting;            /* the lint thread is between snapshot and result */
	const char *linting_uri; /* the document it lints (its doc's uri) */
	int cancel;              /* atomic: stop the running lint */
	uint64_t next_gen;
	unsigned debounce_ms;
	enum encoding enc;
	int argc;
	char **argv;
	struct sl_cli *cli;
	const struct sl_spec *spec;
	struct sl_options opts;
	struct doc **docs;
	size_t n_docs, cap_docs;
	bool initialized, shutdown;
	bool watch_config; /* the client registers file watchers on request */
};

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* --- framing ---------------------------------------------------------------- */

/* Reads one message body (malloc'd, NUL-terminated) into *body. Returns 1, 0
 * at the end of input, -1 on a framing error (a message is skipped when it
 * can be). */
static int read_message(FILE *in, char **body, size_t *len)
{
	char line[256];
	long long n = -1;
	bool any = false;
	for (;;) {
		if (!fgets(line, sizeof(line), in))
			return any ? -1 : 0;
		any = true;
		if (strcmp(line, "\r\n") == 0 || strcmp(line, "\n") == 0)
			break;
		if (strncasecmp(line, "Content-Length:", 15) == 0) {
			char *end;
			errno = 0;
			n = strtoll(line + 15, &end, 10);
			if (errno || end == line + 15)
				n = -1;
		}
		/* other headers (Content-Type) are read and left */
	}
	if (n < 0 || (unsigned long long)n > MAX_MESSAGE)
		return -1;
	char *b = malloc((size_t)n + 1);
	if (!b)
		return -1;
	if (fread(b, 1, (size_t)n, in) != (size_t)n) {
		free(b);
		return 0;
	}
	b[n] = '\0';
	*body = b;
	*len = (size_t)n;
	return 1;
}

static void send_msg(struct server *s, const struct sl_buf *b)
{
	pthread_mutex_lock(&s->out_mu);
	fprintf(s->out, "Content-Length: %zu\r\n\r\n", b->len);
	fwrite(b->data ? b->data : "", 1, b->len, s->out);
	fflush(s->out);
	pthread_mutex_unlock(&s->out_mu);
}

/* Writes the request's id as it came: a number or a string (null when none). */
static void put_id(struct sl_jw *w, const struct sl_node *id)
{
	if (!sl_node_is(id, SL_SCALAR) || sl_scalar_type(id) == SL_TYPE_NULL)
		sl_jw_null(w);
	else if (id->style == SL_DOUBLE)
		sl_jw_string_n(w, id->str, id->len);
	else
		sl_jw_int(w, strtoll(id->str, NULL, 10));
}

static void begin_response(struct sl_jw *w, struct sl_buf *b, const struct sl_node *id)
{
	sl_jw_init(w, b, -1, false); /* compact */
	sl_jw_begin_object(w);
	sl_jw_key(w, "jsonrpc");
	sl_jw_string(w, "2.0");
	sl_jw_key(w, "id");
	put_id(w, id);
}

/* A notification (id NULL) or a request of the server's, up to its params
 * object's key: the caller writes the params and closes the message. */
static void begin_message(struct sl_jw *w, struct sl_buf *b, const char *id, const char *method)
{
	sl_jw_init(w, b, -1, false); /* compact */
	sl_jw_begin_object(w);
	sl_jw_key(w, "jsonrpc");
	sl_jw_string(w, "2.0");
	if (id) {
		sl_jw_key(w, "id");
		sl_jw_string(w, id);
	}
	sl_jw_key(w, "method");
	sl_jw_string(w, method);
	sl_jw_key(w, "params");
}

static void send_error(struct server *s, const struct sl_node *id, int code, const char *msg)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_response(&w, &b, id);
	sl_jw_key(&w, "error");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "code");
	sl_jw_int(&w, code);
	sl_jw_key(&w, "message");
	sl_jw_string(&w, msg);
	sl_jw_end_object(&w);
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
}

/* --- documents --------------------------------------------------------------- */

static struct doc *doc_find(struct server *s, const char *uri)
{
	for (size_t i = 0; i < s->n_docs; i++)
		if (strcmp(s->docs[i]->uri, uri) == 0)
			return s->docs[i];
	return NULL;
}

static void doc_free(struct doc *d)
{
	free(d->uri);
	free(d->text);
	sl_report_free(d->report);
	free(d);
}

/* Called with mu held. */
static void doc_drop(struct server *s, struct doc *d)
{
	for (size_t i = 0; i < s->n_docs; i++)
		if (s->docs[i] == d) {
			s->docs[i] = s->docs[--s->n_docs];
			break;
		}
	doc_free(d);
}

/* Marks d changed and due for a lint `delay` ms from now (with mu held), and
 * stops a lint of its older text. */
static void doc_touch(struct server *s, struct doc *d, unsigned delay)
{
	d->gen = ++s->next_gen;
	d->due_ms = now_ms() + delay;
	if (d->due_ms == 0)
		d->due_ms = 1;
	if (s->linting && s->linting_uri == d->uri)
		__atomic_store_n(&s->cancel, 1, __ATOMIC_RELAXED);
	pthread_cond_signal(&s->cv);
}

/* Sets uri's text (copied), with mu held. Returns the document, or NULL on
 * OOM. */
static struct doc *doc_set(struct server *s, const char *uri, const char *text, size_t len)
{
	struct doc *d = doc_find(s, uri);
	if (!d) {
		if (s->n_docs == s->cap_docs) {
			size_t cap = s->cap_docs ? s->cap_docs * 2 : 8;
			struct doc **p = realloc(s->docs, cap * sizeof(*p));
			if (!p)
				return NULL;
			s->docs = p;
			s->cap_docs = cap;
		}
		d = calloc(1, sizeof(*d));
		if (!d)
			return NULL;
		d->uri = strdup(uri);
		if (!d->uri) {
			free(d);
			return NULL;
		}
		s->docs[s->n_docs++] = d;
	}
	char *t = malloc(len + 1);
	if (!t)
		return NULL;
	memcpy(t, text, len);
	t[len] = '\0';
	free(d->text);
	d->text = t;
	d->len = len;
	return d;
}

/* The file name in a file:// URI (its last part, enough to tell the kind of
 * side file), or the URI itself. */
static const char *uri_name(const char *uri)
{
	const char *slash = strrchr(uri, '/');
	return slash ? slash + 1 : uri;
}

/* The path a URI names, for messages and the side-file kind: file:///a/b ->
 * /a/b (percent escapes decoded). Malloc'd; NULL on OOM. */
static char *uri_path(const char *uri)
{
	const char *p = strncmp(uri, "file://", 7) == 0 ? uri + 7 : uri;
	size_t n = strlen(p);
	char *o = malloc(n + 1), *q = o;
	if (!o)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int h1, h2;
		if (p[i] == '%' && i + 2 < n && (h1 = sl_hexval(p[i + 1])) >= 0 && (h2 = sl_hexval(p[i + 2])) >= 0) {
			*q++ = (char)(h1 << 4 | h2);
			i += 2;
		} else {
			*q++ = p[i];
		}
	}
	*q = '\0';
	return o;
}

/* What a UTF-8 sequence starting with byte c counts in encoding e. */
static unsigned units(enum encoding e, unsigned char c, size_t *k)
{
	*k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	return e == ENC_UTF8 ? (unsigned)*k : e == ENC_UTF16 && *k == 4 ? 2 : 1;
}

/* The column of byte offset `off` of text in encoding e: units from the start
 * of its line. O(line length). For what the server finds in the text itself
 * (a node of the tree, the end of a line); the findings' columns come from
 * the engine in that unit already (sl_options.column_unit). */
static unsigned column_of(enum encoding e, const char *text, size_t len, size_t off)
{
	if (off > len)
		off = len;
	size_t ls = off;
	while (ls > 0 && text[ls - 1] != '\n' && text[ls - 1] != '\r')
		ls--;
	unsigned n = 0;
	for (size_t i = ls, k; i < off; i += k)
		n += units(e, (unsigned char)text[i], &k);
	return n;
}

/* The byte offset of an LSP position (0-based line, character in encoding
 * e) in text, clamped to the line's end and the text's: what an edit or a
 * hover names. O(text) to find the line, O(line) in it. */
static size_t byte_offset(enum encoding e, const char *text, size_t len, long long line, long long character)
{
	size_t i = 0;
	for (long long l = 0; l < line && i < len; l++) {
		/* the next line break: \n, \r\n or a lone \r (memchr for the
		 * common \n-only text, the \r search only where one comes first) */
		const char *nl = memchr(text + i, '\n', len - i);
		const char *cr = memchr(text + i, '\r', (nl ? (size_t)(nl - text) : len) - i);
		if (cr)
			i = (size_t)(cr - text) + (cr + 1 < text + len && cr[1] == '\n' ? 2 : 1);
		else if (nl)
			i = (size_t)(nl - text) + 1;
		else
			i = len;
	}
	for (long long u = 0; u < character && i < len && text[i] != '\n' && text[i] != '\r';) {
		size_t k;
		u += units(e, (unsigned char)text[i], &k);
		i += k;
	}
	return i < len ? i : len;
}

static long long num(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) ? strtoll(n->str, NULL, 10) : 0;
}

/* The byte offset in d's text of a request's Position object. */
static size_t position_offset(const struct server *s, const struct doc *d, const struct sl_node *pos)
{
	return byte_offset(s->enc, d->text, d->len, num(sl_map_get(pos, "line")), num(sl_map_get(pos, "character")));
}

/* Applies one contentChanges item: with a range, an edit of the text; without,
 * the whole text. Returns 0, or -1 (OOM, or not a change). */
static int apply_change(struct server *s, struct doc *d, const struct sl_node *ch)
{
	const struct sl_node *text = sl_map_get(ch, "text");
	const struct sl_node *range = sl_map_get(ch, "range");
	if (!sl_node_is(text, SL_SCALAR))
		return -1;
	if (!range)
		return doc_set(s, d->uri, text->str, text->len) ? 0 : -1;
	const struct sl_node *st = sl_map_get(range, "start"), *en = sl_map_get(range, "end");
	size_t a = byte_offset(s->enc, d->text, d->len, num(sl_map_get(st, "line")), num(sl_map_get(st, "character")));
	size_t b = byte_offset(s->enc, d->text, d->len, num(sl_map_get(en, "line")), num(sl_map_get(en, "character")));
	if (b < a)
		b = a;
	size_t n = d->len - (b - a) + text->len;
	if (n > MAX_MESSAGE)
		return -1;
	char *t = malloc(n + 1);
	if (!t)
		return -1;
	memcpy(t, d->text, a);
	memcpy(t + a, text->str, text->len);
	memcpy(t + a + text->len, d->text + b, d->len - b);
	t[n] = '\0';
	free(d->text);
	d->text = t;
	d->len = n;
	return 0;
}

static void put_position(struct sl_jw *w, enum encoding e, const struct doc *d, struct sl_position p)
{
	sl_jw_begin_object(w);
	sl_jw_key(w, "line");
	sl_jw_int(w, p.line ? (long long)p.line - 1 : 0);
	sl_jw_key(w, "character");
	sl_jw_int(w, p.line ? column_of(e, d->text, d->len, p.offset) : 0);
	sl_jw_end_object(w);
}

/* A report's position: its column already counts UTF-16 code units
 * (opts.column_unit), 1-based. */
static void put_report_position(struct sl_jw *w, struct sl_position p)
{
	sl_jw_begin_object(w);
	sl_jw_key(w, "line");
	sl_jw_int(w, p.line ? (long long)p.line - 1 : 0);
	sl_jw_key(w, "character");
	sl_jw_int(w, p.line && p.column ? (long long)p.column - 1 : 0);
	sl_jw_end_object(w);
}

/* Publishes report r's diagnostics for uri (an empty list when r is NULL),
 * for the document's version (negative: none). */
static void send_diagnostics(struct server *s, const char *uri, long long version, const struct sl_report *r)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_message(&w, &b, NULL, "textDocument/publishDiagnostics");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "uri");
	sl_jw_string(&w, uri);
	if (version >= 0) {
		sl_jw_key(&w, "version");
		sl_jw_int(&w, version);
	}
	sl_jw_key(&w, "diagnostics");
	sl_jw_begin_array(&w);
	for (size_t i = 0; r && i < r->count; i++) {
		const struct sl_diag *g = &r->diags[i];
		sl_jw_begin_object(&w);
		sl_jw_key(&w, "range");
		sl_jw_begin_object(&w);
		sl_jw_key(&w, "start");
		put_report_position(&w, g->start);
		sl_jw_key(&w, "end");
		put_report_position(&w, g->end.line ? g->end : g->start);
		sl_jw_end_object(&w);
		sl_jw_key(&w, "severity");
		sl_jw_int(&w, g->severity == SL_SEV_ERROR ? 1 : g->severity == SL_SEV_WARNING ? 2 : 3);
		sl_jw_key(&w, "code");
		sl_jw_string(&w, g->rule_id);
		const struct sl_rule *rule = sl_rule_find(g->rule_id);
		if (rule && rule->source) {
			sl_jw_key(&w, "codeDescription");
			sl_jw_begin_object(&w);
			sl_jw_key(&w, "href");
			sl_jw_string(&w, rule->source);
			sl_jw_end_object(&w);
		}
		sl_jw_key(&w, "source");
		sl_jw_string(&w, "stacklint");
		sl_jw_key(&w, "message");
		sl_jw_string(&w, g->message);
		sl_jw_end_object(&w);
	}
	sl_jw_end_array(&w);
	sl_jw_end_object(&w);
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
}

/* Lints a copy of a document's text: the report (NULL for a file that is
 * neither a template nor a side file, or when the lint failed), and 0, or -2
 * when it was stopped (opts.cancel). */
static int lint_text(struct server *s, const char *uri, const char *text, size_t len, struct sl_report **out)
{
	struct sl_report *r = NULL;
	*out = NULL;
	char *path = uri_path(uri);
	if (!path)
		return 0;
	enum sl_file_kind kind = sl_file_kind_of(uri_name(uri));
	int rc = sl_lint_buffer_kind(&r, &s->opts, path, kind, text, len);
	free(path);
	if (rc == -2)
		return -2;
	if (rc == 0 && r && kind == SL_FILE_TEMPLATE && !r->is_template) {
		sl_report_free(r);
		r = NULL;
	}
	*out = r;
	return 0;
}

/* The due document to lint first (the earliest), with mu held; NULL when none. */
static struct doc *next_due(struct server *s)
{
	struct doc *best = NULL;
	for (size_t i = 0; i < s->n_docs; i++)
		if (s->docs[i]->due_ms && (!best || s->docs[i]->due_ms < best->due_ms))
			best = s->docs[i];
	return best;
}

/* The lint thread: see struct server. */
static void *lint_loop(void *arg)
{
	struct server *s = arg;
	pthread_mutex_lock(&s->mu);
	while (!s->stop) {
		struct doc *d = next_due(s);
		if (!d) {
			pthread_cond_wait(&s->cv, &s->mu);
			continue;
		}
		uint64_t now = now_ms();
		if (d->due_ms > now) {
			struct timespec ts;
			clock_gettime(CLOCK_MONOTONIC, &ts);
			uint64_t wait = d->due_ms - now;
			ts.tv_sec += (time_t)(wait / 1000u);
			ts.tv_nsec += (long)(wait % 1000u) * 1000000L;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			pthread_cond_timedwait(&s->cv, &s->mu, &ts);
			continue;
		}
		/* a snapshot: the main thread goes on editing the document */
		d->due_ms = 0;
		char *uri = strdup(d->uri), *text = malloc(d->len + 1);
		size_t len = d->len;
		uint64_t gen = d->gen;
		long long version = d->version;
		if (!uri || !text) {
			free(uri);
			free(text);
			continue;
		}
		memcpy(text, d->text, len + 1);
		s->linting = true;
		s->linting_uri = d->uri;
		__atomic_store_n(&s->cancel, 0, __ATOMIC_RELAXED);
		pthread_mutex_unlock(&s->mu);

		struct sl_report *r = NULL;
		int rc = lint_text(s, uri, text, len, &r);

		pthread_mutex_lock(&s->mu);
		s->linting = false;
		s->linting_uri = NULL;
		pthread_cond_broadcast(&s->cv); /* a configuration reload may wait for this */
		d = doc_find(s, uri);
		if (rc == 0 && d && d->gen == gen) {
			/* still the document's text: the client sees it */
			send_diagnostics(s, uri, version, r);
			sl_report_free(d->report);
			d->report = r;
			d->report_gen = gen;
		} else {
			sl_report_free(r); /* the text changed or was closed meanwhile */
		}
		free(uri);
		free(text);
	}
	pthread_mutex_unlock(&s->mu);
	return NULL;
}

/* --- methods ----------------------------------------------------------------- */

static const char *const encoding_names[] = { "utf-16", "utf-8", "utf-32" };

/* Whether list (a sequence of strings) holds name. */
static bool offers(const struct sl_node *list, const char *name)
{
	for (size_t i = 0; sl_node_is(list, SL_SEQ) && i < list->len; i++)
		if (sl_node_is(list->items[i], SL_SCALAR) && strcmp(list->items[i]->str, name) == 0)
			return true;
	return false;
}

/* The position encoding for a client that offers list: UTF-8 first (the
 * engine's offsets are bytes: no conversion), then UTF-32, else LSP's
 * UTF-16, which every client must take. */
static enum encoding choose_encoding(const struct sl_node *list)
{
	return offers(list, "utf-8") ? ENC_UTF8 : offers(list, "utf-32") ? ENC_UTF32 : ENC_UTF16;
}

static void initialize(struct server *s, const struct sl_node *id, const struct sl_node *params)
{
	const struct sl_node *caps = sl_map_get(params, "capabilities");
	/* LSP 3.17's general.positionEncodings; before it, clangd's
	 * offsetEncoding, which Neovim 0.7 sends (answered in the result) */
	const struct sl_node *pe = sl_map_get(sl_map_get(caps, "general"), "positionEncodings");
	const struct sl_node *oe = sl_map_get(caps, "offsetEncoding");
	s->enc = choose_encoding(pe ? pe : oe);
	/* a client that cannot offer encodings (Vim's ALE, which reads LSP
	 * characters as byte columns) may name one in initializationOptions */
	const struct sl_node *io = sl_map_get(params, "initializationOptions");
	const struct sl_node *want = sl_map_get(io, "positionEncoding");
	for (int e = ENC_UTF16; !pe && sl_node_is(want, SL_SCALAR) && e <= ENC_UTF32; e++)
		if (strcmp(want->str, encoding_names[e]) == 0)
			s->enc = (enum encoding)e;
	static const enum sl_column_unit unit[] = { SL_COLUMN_UTF16, SL_COLUMN_BYTE, SL_COLUMN_CHAR };
	s->opts.column_unit = unit[s->enc];
	const struct sl_node *dr = sl_map_get(sl_map_get(sl_map_get(caps, "workspace"), "didChangeWatchedFiles"),
					      "dynamicRegistration");
	s->watch_config = sl_node_is(dr, SL_SCALAR) && sl_scalar_type(dr) == SL_TYPE_BOOL && strcmp(dr->str, "true") == 0;
	const struct sl_node *deb = sl_map_get(io, "debounceMs");
	if (sl_node_is(deb, SL_SCALAR) && sl_scalar_type(deb) == SL_TYPE_INT) {
		long long v = num(deb);
		s->debounce_ms = v < 0 ? 0 : v > MAX_DEBOUNCE_MS ? MAX_DEBOUNCE_MS : (unsigned)v;
	}
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_response(&w, &b, id);
	sl_jw_key(&w, "result");
	sl_jw_begin_object(&w);
	if (!pe && oe) {
		sl_jw_key(&w, "offsetEncoding");
		sl_jw_string(&w, encoding_names[s->enc]);
	}
	sl_jw_key(&w, "capabilities");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "positionEncoding");
	sl_jw_string(&w, encoding_names[s->enc]);
	sl_jw_key(&w, "textDocumentSync");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "openClose");
	sl_jw_bool(&w, true);
	sl_jw_key(&w, "change");
	sl_jw_int(&w, 2); /* incremental: each change sends the edited range */
	sl_jw_key(&w, "save");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "includeText");
	sl_jw_bool(&w, false);
	sl_jw_end_object(&w); /* save */
	sl_jw_end_object(&w); /* textDocumentSync */
	sl_jw_key(&w, "hoverProvider");
	sl_jw_bool(&w, true);
	sl_jw_key(&w, "documentSymbolProvider");
	sl_jw_bool(&w, true);
	sl_jw_key(&w, "definitionProvider");
	sl_jw_bool(&w, true);
	sl_jw_key(&w, "codeActionProvider");
	sl_jw_bool(&w, true);
	sl_jw_key(&w, "completionProvider");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "triggerCharacters");
	sl_jw_begin_array(&w);
	sl_jw_string(&w, ":");
	sl_jw_string(&w, " ");
	sl_jw_string(&w, ".");
	sl_jw_end_array(&w);
	sl_jw_end_object(&w);
	sl_jw_end_object(&w); /* capabilities */
	sl_jw_key(&w, "serverInfo");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "name");
	sl_jw_string(&w, "stacklint");
	sl_jw_key(&w, "version");
	sl_jw_string(&w, sl_version());
	sl_jw_end_object(&w);
	sl_jw_end_object(&w);
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
	s->initialized = true;
}

static void null_result(struct server *s, const struct sl_node *id)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_response(&w, &b, id);
	sl_jw_key(&w, "result");
	sl_jw_null(&w);
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
}

/* Hover over a finding: its rule's title and documentation, as Markdown (the
 * findings of the last lint whose range holds the position; null elsewhere). */
static void hover(struct server *s, const struct sl_node *id, const struct doc *d, const struct sl_node *params)
{
	const struct sl_node *pos = sl_map_get(params, "position");
	size_t off = d && pos ? position_offset(s, d, pos) : 0;
	struct sl_buf md = SL_BUF_INIT;
	pthread_mutex_lock(&s->mu); /* the lint thread replaces reports */
	if (d && d->report && pos) {
		for (size_t i = 0; i < d->report->count; i++) {
			const struct sl_diag *g = &d->report->diags[i];
			size_t a = g->start.offset, b = g->end.line ? g->end.offset : a;
			if (!g->start.line || off < a || off > b)
				continue;
			const struct sl_rule *r = sl_rule_find(g->rule_id);
			if (md.len)
				sl_buf_puts(&md, "\n\n---\n\n");
			sl_buf_printf(&md, "**%s** %s\n\n", g->rule_id, g->message);
			if (r)
				sl_buf_printf(&md, "### %s: %s\n\n%s\n\nDocumentation: <%s>", r->id, r->title, r->doc,
					      r->source);
		}
	}
	pthread_mutex_unlock(&s->mu);
	/* elsewhere: what the spec says of a resource type or property there */
	if (d && pos && !md.len)
		sl_lsp_hover_spec(&md, &s->opts, d->text, d->len, off);
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_response(&w, &b, id);
	sl_jw_key(&w, "result");
	if (!md.len) {
		sl_jw_null(&w);
	} else {
		sl_jw_begin_object(&w);
		sl_jw_key(&w, "contents");
		sl_jw_begin_object(&w);
		sl_jw_key(&w, "kind");
		sl_jw_string(&w, "markdown");
		sl_jw_key(&w, "value");
		sl_jw_string_n(&w, md.data, md.len);
		sl_jw_end_object(&w);
		sl_jw_end_object(&w);
	}
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
	sl_buf_free(&md);
}

/* --- the template's structure: symbols and definitions -------------------- */

/* The range of byte offsets [a, b) of tree t's text. */
static void put_range(struct sl_jw *w, enum encoding e, const struct doc *d, const struct sl_doc *t,
		      size_t a, size_t b)
{
	sl_jw_begin_object(w);
	sl_jw_key(w, "start");
	put_position(w, e, d, sl_doc_pos(t, a));
	sl_jw_key(w, "end");
	put_position(w, e, d, sl_doc_pos(t, b));
	sl_jw_end_object(w);
}

/* The document loaded as a node tree (in a, described by *t), or NULL when it
 * has no mapping at the top. */
static const struct sl_node *load_tree(const struct doc *d, struct sl_arena *a, const struct sl_options *o,
				       struct sl_doc *t)
{
	struct sl_load_opts lo = { o->backend, o->max_size, false };
	if (sl_load(t, a, d->text, d->len, &lo) < 0 || !sl_node_is(t->root, SL_MAP))
		return NULL;
	return t->root;
}

/* The sections whose entries are symbols, with their LSP SymbolKind. */
static const struct {
	const char *name;
	int kind;
} sections[] = {
	{ "Parameters", 13 /* Variable */ }, { "Mappings", 23 /* Struct */ },
	{ "Conditions", 17 /* Boolean */ },  { "Resources", 19 /* Object */ },
	{ "Outputs", 7 /* Property */ },
};

static void symbols(struct server *s, const struct sl_node *id, const struct doc *d, const struct sl_node *params)
{
	(void)params;
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc t;
	const struct sl_node *root = d ? load_tree(d, &a, &s->opts, &t) : NULL;
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_response(&w, &b, id);
	sl_jw_key(&w, "result");
	sl_jw_begin_array(&w);
	for (size_t i = 0; root && i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key, *v = root->pairs[i].value;
		int kind = 0;
		for (size_t j = 0; j < sizeof(sections) / sizeof(sections[0]); j++)
			if (sl_str_eq(k, sections[j].name))
				kind = sections[j].kind;
		if (!kind || !sl_node_is(v, SL_MAP))
			continue;
		sl_jw_begin_object(&w);
		sl_jw_key(&w, "name");
		sl_jw_string_n(&w, k->str, k->len);
		sl_jw_key(&w, "kind");
		sl_jw_int(&w, 3 /* Namespace */);
		sl_jw_key(&w, "range");
		put_range(&w, s->enc, d, &t, k->start, v->end);
		sl_jw_key(&w, "selectionRange");
		put_range(&w, s->enc, d, &t, k->start, k->end);
		sl_jw_key(&w, "children");
		sl_jw_begin_array(&w);
		for (size_t e = 0; e < v->len; e++) {
			const struct sl_node *ek = v->pairs[e].key, *ev = v->pairs[e].value;
			sl_jw_begin_object(&w);
			sl_jw_key(&w, "name");
			sl_jw_string_n(&w, ek->str, ek->len);
			const struct sl_node *type = sl_map_get(ev, "Type");
			if (sl_node_is(type, SL_SCALAR)) {
				sl_jw_key(&w, "detail");
				sl_jw_string_n(&w, type->str, type->len);
			}
			sl_jw_key(&w, "kind");
			sl_jw_int(&w, kind);
			sl_jw_key(&w, "range");
			put_range(&w, s->enc, d, &t, ek->start, ev->end);
			sl_jw_key(&w, "selectionRange");
			put_range(&w, s->enc, d, &t, ek->start, ek->end);
			sl_jw_end_object(&w);
		}
		sl_jw_end_array(&w);
		sl_jw_end_object(&w);
	}
	sl_jw_end_array(&w);
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
	sl_arena_free(&a);
}

/* The innermost scalar whose text holds byte offset off, or NULL. */
static const struct sl_node *scalar_at(const struct sl_node *n, uint32_t off)
{
	while (n && n->kind != SL_SCALAR) {
		const struct sl_node *next = NULL;
		for (size_t i = 0; i < n->len && !next; i++) {
			const struct sl_node *c[2] = { n->kind == SL_MAP ? n->pairs[i].key : n->items[i],
						       n->kind == SL_MAP ? n->pairs[i].value : NULL };
			for (int k = 0; k < 2 && !next; k++)
				if (c[k] && c[k]->start <= off && off <= c[k]->end)
					next = c[k];
		}
		n = next;
	}
	return n;
}

/* The key whose value (or one of whose list items) n is, or NULL. */
static const struct sl_node *key_of(const struct sl_node *n)
{
	const struct sl_node *p = n ? n->parent : NULL;
	if (sl_node_is(p, SL_SEQ))
		p = p->parent, n = n->parent;
	if (!sl_node_is(p, SL_MAP))
		return NULL;
	for (size_t i = 0; i < p->len; i++)
		if (p->pairs[i].value == n)
			return p->pairs[i].key;
	return NULL;
}

/* What the name sc refers to: the sections to look in ("A|B"), and the name
 * (its length). Ref (a parameter or a resource), Fn::GetAtt, DependsOn, a
 * resource's or an output's Condition, Fn::If's condition, the Condition
 * function, Fn::FindInMap's mapping. (${Name} in Fn::Sub: sub_reference.) */
static const char *reference_at(const struct sl_node *sc, const char **section, size_t *len)
{
	const struct sl_node *k = key_of(sc);
	if (!k || !sc->len)
		return NULL;
	const char *name = sc->str;
	*len = sc->len;
	*section = NULL;
	bool first = !sl_node_is(sc->parent, SL_SEQ) || sc->parent->items[0] == sc;
	if (sl_str_eq(k, "Ref")) {
		*section = "Parameters|Resources";
	} else if (sl_str_eq(k, "Fn::GetAtt") && first) {
		const char *dot = memchr(name, '.', *len);
		if (dot && !sl_node_is(sc->parent, SL_SEQ))
			*len = (size_t)(dot - name);
		*section = "Resources";
	} else if (sl_str_eq(k, "DependsOn")) {
		*section = "Resources";
	} else if ((sl_str_eq(k, "Condition") || (sl_str_eq(k, "Fn::If") && first))) {
		*section = "Conditions";
	} else if (sl_str_eq(k, "Fn::FindInMap") && first) {
		*section = "Mappings";
	}
	return *section ? name : NULL;
}

/* ${Name} or ${Name.Attr} of a Fn::Sub string at byte offset off of the
 * document's text (the file's bytes, as written: the scalar's own text may
 * differ after quoting). Returns the name in the text, or NULL. */
static const char *sub_reference(const struct doc *d, const struct sl_node *sc, uint32_t off, size_t *len)
{
	const struct sl_node *k = key_of(sc);
	if (!k || !sl_str_eq(k, "Fn::Sub") || (sl_node_is(sc->parent, SL_SEQ) && sc->parent->items[0] != sc))
		return NULL;
	size_t lo = sc->start, hi = sc->end < d->len ? sc->end : d->len;
	size_t open = off;
	while (open > lo && !(d->text[open - 1] == '$' && d->text[open] == '{'))
		open--;
	if (open <= lo || d->text[open] != '{' || d->text[open - 1] != '$' || (open + 1 < hi && d->text[open + 1] == '!'))
		return NULL;
	size_t e = open + 1;
	while (e < hi && d->text[e] != '}' && d->text[e] != '.')
		e++;
	if (e >= hi || off > e)
		return NULL;
	*len = e - (open + 1);
	return *len ? d->text + open + 1 : NULL;
}

static void definition(struct server *s, const struct sl_node *id, const struct doc *d,
		       const struct sl_node *params)
{
	const struct sl_node *pos = sl_map_get(params, "position");
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc t;
	const struct sl_node *root = d && pos ? load_tree(d, &a, &s->opts, &t) : NULL;
	const struct sl_node *target = NULL;
	if (root) {
		size_t off = position_offset(s, d, pos);
		const struct sl_node *sc = scalar_at(root, (uint32_t)off);
		const char *section = NULL, *name = NULL;
		size_t len = 0;
		if (sc) {
			name = sub_reference(d, sc, (uint32_t)off, &len);
			if (name)
				section = "Parameters|Resources";
			else
				name = reference_at(sc, &section, &len);
		}
		for (const char *sec = section; name && sec && *sec && !target;) {
			size_t sl = strcspn(sec, "|");
			for (size_t i = 0; i < root->len && !target; i++) {
				const struct sl_node *k = root->pairs[i].key;
				if (k->len == sl && memcmp(k->str, sec, sl) == 0) {
					const struct sl_pair *p = sl_map_get_pair_n(root->pairs[i].value, name, len);
					target = p ? p->key : NULL;
				}
			}
			sec += sl + (sec[sl] == '|');
		}
	}
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_response(&w, &b, id);
	sl_jw_key(&w, "result");
	if (!target) {
		sl_jw_null(&w);
	} else {
		sl_jw_begin_object(&w);
		sl_jw_key(&w, "uri");
		sl_jw_string(&w, d->uri);
		sl_jw_key(&w, "range");
		put_range(&w, s->enc, d, &t, target->start, target->end);
		sl_jw_end_object(&w);
	}
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
	sl_arena_free(&a);
}

/* --- code actions ----------------------------------------------------------- */

/* One quick fix that replaces bytes [from, to) of d's text with text. */
static void put_fix(struct sl_jw *w, const struct server *s, const struct doc *d, const char *title, size_t from,
		    size_t to, const char *text, bool preferred)
{
	sl_jw_begin_object(w);
	sl_jw_key(w, "title");
	sl_jw_string(w, title);
	sl_jw_key(w, "kind");
	sl_jw_string(w, "quickfix");
	if (preferred) {
		sl_jw_key(w, "isPreferred");
		sl_jw_bool(w, true);
	}
	sl_jw_key(w, "edit");
	sl_jw_begin_object(w);
	sl_jw_key(w, "changes");
	sl_jw_begin_object(w);
	sl_jw_key(w, d->uri);
	sl_jw_begin_array(w);
	sl_jw_begin_object(w);
	sl_jw_key(w, "range");
	sl_jw_begin_object(w);
	for (int k = 0; k < 2; k++) {
		size_t off = k ? to : from, line = 0;
		for (size_t i = 0; i < off; i++)
			if (d->text[i] == '\n' || (d->text[i] == '\r' && (i + 1 >= d->len || d->text[i + 1] != '\n')))
				line++;
		sl_jw_key(w, k ? "end" : "start");
		sl_jw_begin_object(w);
		sl_jw_key(w, "line");
		sl_jw_int(w, (long long)line);
		sl_jw_key(w, "character");
		sl_jw_int(w, column_of(s->enc, d->text, d->len, off));
		sl_jw_end_object(w);
	}
	sl_jw_end_object(w);
	sl_jw_key(w, "newText");
	sl_jw_string(w, text);
	sl_jw_end_object(w);
	sl_jw_end_array(w);
	sl_jw_end_object(w);
	sl_jw_end_object(w);
	sl_jw_end_object(w);
}

/* The bytes of a scalar's value in the text, without its quotes: [*from,
 * *to). False when the text there is not the value written out plainly (an
 * escape, a folded or multi-line scalar): no edit is certain then. */
static bool scalar_text(const struct doc *d, const struct sl_node *sc, size_t *from, size_t *to)
{
	size_t a = sc->start, b = sc->end;
	if (b > d->len || a >= b)
		return false;
	if (sc->style == SL_SINGLE || sc->style == SL_DOUBLE) {
		char q = sc->style == SL_SINGLE ? '\'' : '"';
		if (b - a < 2 || d->text[a] != q || d->text[b - 1] != q)
			return false;
		a++, b--;
	} else if (sc->style != SL_PLAIN) {
		return false;
	}
	if (b - a != sc->len || memcmp(d->text + a, sc->str, sc->len) != 0)
		return false;
	*from = a;
	*to = b;
	return true;
}

/* The suggestion of a message that names `name` in quotes and ends "did you
 * mean 'X'?": X, in buf; NULL when the message is not of that form. */
static const char *suggestion(const char *msg, const char *name, size_t len, char *buf, size_t cap)
{
	const char *key = "did you mean '", *p = NULL;
	for (const char *q = strstr(msg, key); q; q = strstr(q + 1, key))
		p = q + strlen(key);
	const char *e = p ? strchr(p, '\'') : NULL;
	if (!e || e == p || (size_t)(e - p) >= cap || strncmp(e, "'?", 2) != 0)
		return NULL;
	/* the message must quote the very text at the diagnostic */
	bool named = false;
	for (const char *q = strchr(msg, '\''); q && q < p && !named; q = strchr(q + 1, '\''))
		named = strncmp(q + 1, name, len) == 0 && q[1 + len] == '\'';
	if (!named)
		return NULL;
	memcpy(buf, p, (size_t)(e - p));
	buf[e - p] = '\0';
	for (size_t i = 0; buf[i]; i++)
		if (!(isalnum((unsigned char)buf[i]) || strchr(":-_./", buf[i])))
			return NULL; /* a name that might need quoting: no certain edit */
	return buf;
}

/* Where "Transform: AWS::Serverless-2016-10-31" goes in a template with no
 * Transform: on the line after AWSTemplateFormatVersion's, else before the
 * first top-level key (JSON: first in the object). The text to insert at
 * *at. False when there is no certain place. */
static bool transform_insert(const struct doc *d, const struct sl_node *root, bool json, size_t *at, char *buf,
			     size_t cap)
{
	if (!sl_node_is(root, SL_MAP) || !root->len || sl_map_get(root, "Transform"))
		return false;
	const struct sl_node *first = root->pairs[0].key;
	if (json) {
		/* after the opening brace */
		size_t i = root->start;
		if (i >= d->len || d->text[i] != '{')
			return false;
		*at = i + 1;
		snprintf(buf, cap, "\n  \"Transform\": \"AWS::Serverless-2016-10-31\",");
		return true;
	}
	/* a block mapping at column 1: a line of its own after the format
	 * version's, else before the first key */
	size_t ls = first->start;
	if (ls > 0 && d->text[ls - 1] != '\n')
		return false;
	for (size_t i = 0; i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key, *v = root->pairs[i].value;
		if (!sl_node_is(k, SL_SCALAR) || strcmp(k->str, "AWSTemplateFormatVersion") != 0 || !v)
			continue;
		size_t e = v->end;
		while (e < d->len && d->text[e] != '\n')
			e++;
		if (e < d->len && sl_node_is(v, SL_SCALAR) && v->style != SL_LITERAL && v->style != SL_FOLDED)
			ls = e + 1;
	}
	*at = ls;
	snprintf(buf, cap, "Transform: AWS::Serverless-2016-10-31\n");
	return true;
}

/* The suppression of a diagnostic's rule on its line (YAML only): the
 * comment's insertion point and text. False where a comment would be text
 * (inside a block scalar or a multi-line string). */
static bool suppress_edit(const struct server *s, const struct doc *d, const struct sl_node *root, long long line,
			  const char *code, size_t *at, char *text, size_t cap)
{
	size_t ls = byte_offset(s->enc, d->text, d->len, line, 0), le = ls;
	while (le < d->len && d->text[le] != '\n' && d->text[le] != '\r')
		le++;
	const struct sl_node *sc = scalar_at(root, (uint32_t)le);
	if (sc && (sc->end > le || ((sc->style == SL_LITERAL || sc->style == SL_FOLDED) && sc->start < ls)))
		return false;
	const char *key = "# stacklint: disable=";
	const char *c = NULL;
	for (size_t k = ls; k + strlen(key) <= le && !c; k++)
		if (memcmp(d->text + k, key, strlen(key)) == 0)
			c = d->text + k;
	*at = le;
	if (c) {
		/* after the comment's IDs */
		*at = (size_t)(c - d->text) + strlen(key);
		while (*at < le && d->text[*at] != ' ' && d->text[*at] != '\t')
			(*at)++;
		snprintf(text, cap, ",%s", code);
	} else {
		snprintf(text, cap, "  # stacklint: disable=%s", code);
	}
	return true;
}

/* Where the finding a client sends back starts in d's text: the byte offset
 * of the published finding on that line with that rule and message, when
 * the report is of the current text; else SIZE_MAX (the client's position
 * is used). Clients do not all send back the positions they were given:
 * Neovim 0.7 sends its own byte columns although it took UTF-16 ones. */
static size_t finding_offset(struct server *s, const struct doc *d, const struct sl_node *code,
			     const struct sl_node *msg, long long line)
{
	size_t off = SIZE_MAX;
	pthread_mutex_lock(&s->mu);
	const struct sl_report *r = d->report_gen == d->gen ? d->report : NULL;
	for (size_t i = 0; r && sl_node_is(msg, SL_SCALAR) && i < r->count && off == SIZE_MAX; i++) {
		const struct sl_diag *g = &r->diags[i];
		if ((long long)g->start.line - 1 == line && strcmp(g->rule_id, code->str) == 0 &&
		    strcmp(g->message, msg->str) == 0)
			off = g->start.offset;
	}
	pthread_mutex_unlock(&s->mu);
	return off;
}

/* The quick fixes for the request's diagnostics (LSP sends those under the
 * cursor): where a fix is certain, the fix — the SAM transform for a SAM
 * type without it (E3038), a SAM Cors value in the quotes API Gateway needs
 * (E99010), a misspelt name replaced with the suggestion the message
 * makes ("did you mean 'X'?") — and for every finding, suppressing its rule
 * on its line with a comment (YAML only: JSON has no comments). */
static void code_actions(struct server *s, const struct sl_node *id, const struct doc *d,
			 const struct sl_node *params)
{
	const struct sl_node *diags = sl_map_get(sl_map_get(params, "context"), "diagnostics");
	bool json = false;
	for (size_t i = 0; d && i < d->len && !json; i++) {
		if (d->text[i] == ' ' || d->text[i] == '\t' || d->text[i] == '\r' || d->text[i] == '\n')
			continue;
		json = d->text[i] == '{';
		break;
	}
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc t;
	const struct sl_node *root = d ? load_tree(d, &a, &s->opts, &t) : NULL;
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_response(&w, &b, id);
	sl_jw_key(&w, "result");
	sl_jw_begin_array(&w);
	bool transform_done = false;
	for (size_t i = 0; root && sl_node_is(diags, SL_SEQ) && i < diags->len; i++) {
		const struct sl_node *g = diags->items[i];
		const struct sl_node *code = sl_map_get(g, "code");
		const struct sl_node *msg = sl_map_get(g, "message");
		const struct sl_node *start = sl_map_get(sl_map_get(g, "range"), "start");
		const struct sl_node *line = sl_map_get(start, "line");
		if (!sl_node_is(code, SL_SCALAR) || !code->len || code->len > 8 || !line)
			continue;
		bool ok = code->str[0] == 'E' || code->str[0] == 'W' || code->str[0] == 'I';
		for (size_t k = 1; k < code->len; k++)
			ok = ok && code->str[k] >= '0' && code->str[k] <= '9';
		if (!ok)
			continue;
		size_t off = finding_offset(s, d, code, msg, num(line));
		if (off == SIZE_MAX)
			off = byte_offset(s->enc, d->text, d->len, num(line), num(sl_map_get(start, "character")));
		const struct sl_node *sc = scalar_at(root, (uint32_t)off);
		if (sc && sc->start != off)
			sc = NULL; /* the finding is not on a scalar of its own */
		char title[256], text[160];
		size_t from, to;
		if (strcmp(code->str, "E3038") == 0 && !transform_done &&
		    transform_insert(d, root, json, &from, text, sizeof(text))) {
			put_fix(&w, s, d, "Add the SAM transform (Transform: AWS::Serverless-2016-10-31)", from, from,
				text, true);
			transform_done = true;
		}
		if (strcmp(code->str, "E99010") == 0 && sc && sl_scalar_type(sc) == SL_TYPE_STRING &&
		    sl_node_is(msg, SL_SCALAR) && strstr(msg->str, "is not a quoted header value") && sc->len &&
		    sc->len < 100 && !memchr(sc->str, '\'', sc->len) && !memchr(sc->str, '"', sc->len) &&
		    !memchr(sc->str, '\\', sc->len) && scalar_text(d, sc, &from, &to)) {
			/* the whole scalar, quotes included, becomes "'value'" */
			snprintf(text, sizeof(text), "\"'%.*s'\"", (int)sc->len, sc->str);
			snprintf(title, sizeof(title), "Quote the header value: %s", text);
			put_fix(&w, s, d, title, sc->start, sc->end, text, true);
		}
		/* the name is the scalar, or its part before a dot (GetAtt's
		 * Resource.Attribute) */
		char sug[128];
		const char *dot = sc ? memchr(sc->str, '.', sc->len) : NULL;
		size_t nlen = sc ? sc->len : 0;
		bool named = sc && sl_node_is(msg, SL_SCALAR) && scalar_text(d, sc, &from, &to) &&
			     (suggestion(msg->str, sc->str, nlen, sug, sizeof(sug)) ||
			      (dot && suggestion(msg->str, sc->str, nlen = (size_t)(dot - sc->str), sug, sizeof(sug))));
		if (named) {
			snprintf(title, sizeof(title), "Replace '%.*s' with '%s'", (int)(nlen < 60 ? nlen : 60), sc->str,
				 sug);
			put_fix(&w, s, d, title, from, from + nlen, sug, true);
		}
		if (!json && suppress_edit(s, d, root, num(line), code->str, &from, text, sizeof(text))) {
			snprintf(title, sizeof(title), "Suppress %s on this line", code->str);
			put_fix(&w, s, d, title, from, from, text, false);
		}
	}
	sl_jw_end_array(&w);
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
	sl_arena_free(&a);
}

/* Completion at a position: the spec's and the template's names that fit
 * there (an empty list elsewhere). */
static void complete(struct server *s, const struct sl_node *id, const struct doc *d, const struct sl_node *params)
{
	const struct sl_node *pos = sl_map_get(params, "position");
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_response(&w, &b, id);
	sl_jw_key(&w, "result");
	sl_jw_begin_array(&w);
	if (d && pos)
		sl_lsp_complete(&w, &s->opts, d->text, d->len, position_offset(s, d, pos));
	sl_jw_end_array(&w);
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
}

/* A VersionedTextDocumentIdentifier's version, or -1. */
static long long version_of(const struct sl_node *td)
{
	const struct sl_node *v = sl_map_get(td, "version");
	return sl_node_is(v, SL_SCALAR) && sl_scalar_type(v) == SL_TYPE_INT ? num(v) : -1;
}

static bool is_config_name(const char *name)
{
	static const char *const names[] = { ".stacklintrc.yaml", ".stacklintrc.yml", ".stacklintrc",
					     ".cfnlintrc", ".cfnlintrc.yaml", ".cfnlintrc.yml" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* Asks the client (after `initialized`) to watch the configuration files,
 * so their changes come as workspace/didChangeWatchedFiles. The client's
 * answer is a response, which needs nothing. */
static void register_watchers(struct server *s)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_message(&w, &b, "stacklint-watch-config", "client/registerCapability");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "registrations");
	sl_jw_begin_array(&w);
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "id");
	sl_jw_string(&w, "stacklint-config");
	sl_jw_key(&w, "method");
	sl_jw_string(&w, "workspace/didChangeWatchedFiles");
	sl_jw_key(&w, "registerOptions");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "watchers");
	sl_jw_begin_array(&w);
	static const char *const globs[] = { "**/.stacklintrc.yaml", "**/.stacklintrc.yml", "**/.stacklintrc",
					     "**/.cfnlintrc",	     "**/.cfnlintrc.yaml",  "**/.cfnlintrc.yml" };
	for (size_t i = 0; i < sizeof(globs) / sizeof(globs[0]); i++) {
		sl_jw_begin_object(&w);
		sl_jw_key(&w, "globPattern");
		sl_jw_string(&w, globs[i]);
		sl_jw_end_object(&w);
	}
	sl_jw_end_array(&w);
	sl_jw_end_object(&w);
	sl_jw_end_object(&w);
	sl_jw_end_array(&w);
	sl_jw_end_object(&w);
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
}

/* window/showMessage: type 1 error, 2 warning, 3 info. */
static void show_message(struct server *s, int type, const char *text)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_message(&w, &b, NULL, "window/showMessage");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "type");
	sl_jw_int(&w, type);
	sl_jw_key(&w, "message");
	sl_jw_string(&w, text);
	sl_jw_end_object(&w);
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
}

/* Reads the options and the configuration (s->argv) as at start-up into
 * *cli, *spec and *opts. Returns 0, or -1 with the reason on stderr. */
static int setup(struct server *s, struct sl_cli **cli, const struct sl_spec **spec, struct sl_options *opts)
{
	*spec = NULL;
	*cli = malloc(sizeof(**cli));
	if (!*cli)
		return -1;
	if (sl_cli_parse(*cli, s->argc, s->argv, stderr) != 0 || sl_cli_setup(*cli, spec, opts) != 0) {
		sl_cli_free(*cli);
		free(*cli);
		*cli = NULL;
		return -1;
	}
	opts->column_unit = s->opts.column_unit;
	opts->cancel = &s->cancel;
	return 0;
}

/* A configuration file changed: read the configuration again and lint every
 * open document with it. A configuration that cannot be read leaves the one
 * in use, with a message to the user. */
static void reload_config(struct server *s)
{
	struct sl_cli *cli;
	const struct sl_spec *spec;
	struct sl_options opts;
	if (setup(s, &cli, &spec, &opts) != 0) {
		show_message(s, 1, "stacklint: the changed configuration could not be read (the server's log "
			     "says why); the previous configuration stays in use");
		return;
	}
	pthread_mutex_lock(&s->mu);
	/* the lint thread reads the options without the lock: wait till it is idle */
	__atomic_store_n(&s->cancel, 1, __ATOMIC_RELAXED);
	while (s->linting)
		pthread_cond_wait(&s->cv, &s->mu);
	struct sl_cli *old_cli = s->cli;
	const struct sl_spec *old_spec = s->spec;
	s->cli = cli;
	s->spec = spec;
	s->opts = opts;
	for (size_t i = 0; i < s->n_docs; i++)
		doc_touch(s, s->docs[i], 0);
	pthread_mutex_unlock(&s->mu);
	sl_spec_free(old_spec);
	sl_cli_free(old_cli);
	free(old_cli);
}

static const struct sl_node *text_document(const struct sl_node *params, const char **uri)
{
	const struct sl_node *td = sl_map_get(params, "textDocument");
	const struct sl_node *u = sl_map_get(td, "uri");
	*uri = sl_node_is(u, SL_SCALAR) && u->len ? u->str : NULL;
	return td;
}

/* Handles one message. Returns 1 to go on, 0 at `exit`. */
static int handle(struct server *s, const struct sl_node *msg)
{
	const struct sl_node *method = sl_map_get(msg, "method");
	const struct sl_node *id = sl_map_get(msg, "id");
	const struct sl_node *params = sl_map_get(msg, "params");
	if (!sl_node_is(msg, SL_MAP) || !sl_node_is(method, SL_SCALAR)) {
		/* a response to a request of ours (we send none), or not a message */
		if (!sl_map_get(msg, "result") && !sl_map_get(msg, "error"))
			send_error(s, id, INVALID_REQUEST, "not a JSON-RPC request or notification");
		return 1;
	}
	const char *m = method->str;
	if (strcmp(m, "exit") == 0)
		return 0;
	if (strcmp(m, "initialize") == 0) {
		if (s->initialized)
			send_error(s, id, INVALID_REQUEST, "the server is already initialized");
		else
			initialize(s, id, params);
		return 1;
	}
	if (!s->initialized) {
		if (id)
			send_error(s, id, SERVER_NOT_INITIALIZED, "the server is not initialized");
		return 1;
	}
	if (strcmp(m, "shutdown") == 0) {
		s->shutdown = true;
		null_result(s, id);
		return 1;
	}
	if (strcmp(m, "initialized") == 0) {
		if (s->watch_config)
			register_watchers(s);
		return 1;
	}
	if (strcmp(m, "workspace/didChangeWatchedFiles") == 0) {
		const struct sl_node *ch = sl_map_get(params, "changes");
		bool config = false;
		for (size_t i = 0; sl_node_is(ch, SL_SEQ) && i < ch->len; i++) {
			const struct sl_node *u = sl_map_get(ch->items[i], "uri");
			config = config || (sl_node_is(u, SL_SCALAR) && is_config_name(uri_name(u->str)));
		}
		if (config)
			reload_config(s);
		return 1;
	}
	const char *uri;
	if (strcmp(m, "textDocument/didOpen") == 0) {
		const struct sl_node *td = text_document(params, &uri);
		const struct sl_node *text = sl_map_get(td, "text");
		if (!uri || !sl_node_is(text, SL_SCALAR))
			return 1;
		pthread_mutex_lock(&s->mu);
		struct doc *d = doc_set(s, uri, text->str, text->len);
		if (d) {
			d->version = version_of(td);
			doc_touch(s, d, 0);
		}
		pthread_mutex_unlock(&s->mu);
		return 1;
	}
	if (strcmp(m, "textDocument/didChange") == 0) {
		const struct sl_node *td = text_document(params, &uri);
		const struct sl_node *ch = sl_map_get(params, "contentChanges");
		pthread_mutex_lock(&s->mu);
		struct doc *d = uri ? doc_find(s, uri) : NULL;
		if (d && sl_node_is(ch, SL_SEQ)) {
			/* in order: each edit's range is in the text the ones before it left */
			for (size_t i = 0; i < ch->len; i++)
				if (apply_change(s, d, ch->items[i]) < 0)
					break;
			d->version = version_of(td);
			doc_touch(s, d, s->debounce_ms);
		}
		pthread_mutex_unlock(&s->mu);
		return 1;
	}
	if (strcmp(m, "textDocument/didSave") == 0) {
		text_document(params, &uri);
		pthread_mutex_lock(&s->mu);
		struct doc *d = uri ? doc_find(s, uri) : NULL;
		if (d)
			doc_touch(s, d, 0);
		pthread_mutex_unlock(&s->mu);
		return 1;
	}
	if (strcmp(m, "textDocument/didClose") == 0) {
		text_document(params, &uri);
		pthread_mutex_lock(&s->mu);
		struct doc *d = uri ? doc_find(s, uri) : NULL;
		if (d) {
			send_diagnostics(s, uri, -1, NULL); /* clears the client's list */
			doc_drop(s, d);
		}
		pthread_mutex_unlock(&s->mu);
		return 1;
	}
	/* the requests about one document: each answers from its text (NULL
	 * when the client names a document it has not opened) */
	static const struct {
		const char *method;
		void (*answer)(struct server *, const struct sl_node *, const struct doc *, const struct sl_node *);
	} requests[] = {
		{ "textDocument/documentSymbol", symbols }, { "textDocument/definition", definition },
		{ "textDocument/codeAction", code_actions }, { "textDocument/completion", complete },
		{ "textDocument/hover", hover },
	};
	for (size_t i = 0; i < sizeof(requests) / sizeof(requests[0]); i++)
		if (strcmp(m, requests[i].method) == 0) {
			text_document(params, &uri);
			requests[i].answer(s, id, uri ? doc_find(s, uri) : NULL, params);
			return 1;
		}
	/* other notifications ($/cancelRequest, initialized, ...) need nothing;
	 * an unknown request gets its error */
	if (id && strncmp(m, "$/", 2) != 0)
		send_error(s, id, METHOD_NOT_FOUND, "method not supported by stacklint");
	return 1;
}

int sl_lsp_main(int argc, char **argv, FILE *in, FILE *out)
{
	struct server s = { .in = in, .out = out, .argc = argc, .argv = argv,
			    .debounce_ms = DEFAULT_DEBOUNCE_MS };
	/* the options of the command line and the configuration, as a run takes
	 * them; the engine gives the diagnostics' columns in the negotiated unit
	 * (LSP's UTF-16 until initialize says otherwise) */
	s.opts.column_unit = SL_COLUMN_UTF16;
	if (setup(&s, &s.cli, &s.spec, &s.opts) != 0)
		return 1;
	pthread_mutex_init(&s.mu, NULL);
	pthread_mutex_init(&s.out_mu, NULL);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&s.cv, &ca);
	pthread_condattr_destroy(&ca);
	int status = 1;
	if (pthread_create(&s.lint_thread, NULL, lint_loop, &s) != 0) {
		fprintf(stderr, "stacklint lsp: cannot start the lint thread\n");
		goto out;
	}
	s.thread_started = true;
	for (;;) {
		char *body = NULL;
		size_t len = 0;
		int got = read_message(in, &body, &len);
		if (got == 0)
			break; /* the client went away */
		if (got < 0) {
			send_error(&s, NULL, PARSE_ERROR, "bad message framing (Content-Length)");
			continue;
		}
		struct sl_arena a;
		sl_arena_init(&a);
		struct sl_doc doc;
		struct sl_load_opts lo = { SL_BACKEND_DEFAULT, MAX_MESSAGE, true };
		int go = 1;
		if (sl_load(&doc, &a, body, len, &lo) < 0 || !doc.root || !doc.json || doc.failed)
			send_error(&s, NULL, PARSE_ERROR, "the message is not JSON");
		else
			go = handle(&s, doc.root);
		bool was_shutdown = s.shutdown;
		sl_arena_free(&a);
		free(body);
		if (!go) {
			status = was_shutdown ? 0 : 1;
			break;
		}
	}
out:
	if (s.thread_started) {
		pthread_mutex_lock(&s.mu);
		s.stop = true;
		__atomic_store_n(&s.cancel, 1, __ATOMIC_RELAXED);
		pthread_cond_broadcast(&s.cv);
		pthread_mutex_unlock(&s.mu);
		pthread_join(s.lint_thread, NULL);
	}
	for (size_t i = 0; i < s.n_docs; i++)
		doc_free(s.docs[i]);
	free(s.docs);
	pthread_cond_destroy(&s.cv);
	pthread_mutex_destroy(&s.out_mu);
	pthread_mutex_destroy(&s.mu);
	sl_spec_free(s.spec);
	sl_cli_free(s.cli);
	free(s.cli);
	return status;
}
