/* The language server: see lsp.h. */
#include "lsp/lsp.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

struct doc {
	char *uri;
	char *text;
	size_t len;
	struct sl_report *report; /* the last lint's, for hover; NULL when none */
};

struct server {
	FILE *in, *out;
	struct sl_options opts;
	struct doc *docs;
	size_t n_docs, cap_docs;
	bool initialized, shutdown;
};

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
	fprintf(s->out, "Content-Length: %zu\r\n\r\n", b->len);
	fwrite(b->data ? b->data : "", 1, b->len, s->out);
	fflush(s->out);
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
	sl_jw_init(w, b, 0, false);
	sl_jw_begin_object(w);
	sl_jw_key(w, "jsonrpc");
	sl_jw_string(w, "2.0");
	sl_jw_key(w, "id");
	put_id(w, id);
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
		if (strcmp(s->docs[i].uri, uri) == 0)
			return &s->docs[i];
	return NULL;
}

static void doc_drop(struct server *s, struct doc *d)
{
	free(d->uri);
	free(d->text);
	sl_report_free(d->report);
	*d = s->docs[--s->n_docs];
}

/* Sets uri's text (copied). Returns the document, or NULL on OOM. */
static struct doc *doc_set(struct server *s, const char *uri, const char *text, size_t len)
{
	struct doc *d = doc_find(s, uri);
	if (!d) {
		if (s->n_docs == s->cap_docs) {
			size_t cap = s->cap_docs ? s->cap_docs * 2 : 8;
			struct doc *p = realloc(s->docs, cap * sizeof(*p));
			if (!p)
				return NULL;
			s->docs = p;
			s->cap_docs = cap;
		}
		d = &s->docs[s->n_docs];
		d->uri = strdup(uri);
		d->text = NULL;
		d->report = NULL;
		if (!d->uri)
			return NULL;
		s->n_docs++;
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

/* The UTF-16 column of byte offset `off` of text: code units from the start
 * of its line. O(line length). For what the server finds in the text itself
 * (a node of the tree, the end of a line); the findings' columns come from
 * the engine in UTF-16 already (sl_options.column_unit). */
static unsigned utf16_column(const char *text, size_t len, size_t off)
{
	if (off > len)
		off = len;
	size_t ls = off;
	while (ls > 0 && text[ls - 1] != '\n' && text[ls - 1] != '\r')
		ls--;
	unsigned units = 0;
	for (size_t i = ls; i < off;) {
		unsigned char c = (unsigned char)text[i];
		size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		units += k == 4 ? 2 : 1;
		i += k;
	}
	return units;
}

/* The byte offset of an LSP position (0-based line, UTF-16 character) in
 * text, clamped to the line's end and the text's: what an edit or a hover
 * names. O(text) to find the line, O(line) in it. */
static size_t byte_offset(const char *text, size_t len, long long line, long long character)
{
	size_t i = 0;
	for (long long l = 0; l < line && i < len; i++)
		if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] != '\n')))
			l++;
	for (long long u = 0; u < character && i < len && text[i] != '\n' && text[i] != '\r';) {
		unsigned char c = (unsigned char)text[i];
		size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
		u += k == 4 ? 2 : 1;
		i += k;
	}
	return i < len ? i : len;
}

static long long num(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) ? strtoll(n->str, NULL, 10) : 0;
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
	size_t a = byte_offset(d->text, d->len, num(sl_map_get(st, "line")), num(sl_map_get(st, "character")));
	size_t b = byte_offset(d->text, d->len, num(sl_map_get(en, "line")), num(sl_map_get(en, "character")));
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

static void put_position(struct sl_jw *w, const struct doc *d, struct sl_position p)
{
	sl_jw_begin_object(w);
	sl_jw_key(w, "line");
	sl_jw_int(w, p.line ? (long long)p.line - 1 : 0);
	sl_jw_key(w, "character");
	sl_jw_int(w, p.line ? utf16_column(d->text, d->len, p.offset) : 0);
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

/* Lints d and publishes its diagnostics (none for a file that is neither a
 * template nor a side file). */
static void publish(struct server *s, struct doc *d, bool closed)
{
	struct sl_report *r = NULL;
	char *path = closed ? NULL : uri_path(d->uri);
	if (path) {
		enum sl_file_kind kind = sl_file_kind_of(uri_name(d->uri));
		if (sl_lint_buffer_kind(&r, &s->opts, path, kind, d->text, d->len) == 0 && r &&
		    kind == SL_FILE_TEMPLATE && !r->is_template) {
			sl_report_free(r);
			r = NULL;
		}
	}
	free(path);
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	sl_jw_init(&w, &b, 0, false);
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "jsonrpc");
	sl_jw_string(&w, "2.0");
	sl_jw_key(&w, "method");
	sl_jw_string(&w, "textDocument/publishDiagnostics");
	sl_jw_key(&w, "params");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "uri");
	sl_jw_string(&w, d->uri);
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
	sl_report_free(d->report);
	d->report = r;
}

/* --- methods ----------------------------------------------------------------- */

static void initialize(struct server *s, const struct sl_node *id)
{
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_response(&w, &b, id);
	sl_jw_key(&w, "result");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "capabilities");
	sl_jw_begin_object(&w);
	sl_jw_key(&w, "positionEncoding");
	sl_jw_string(&w, "utf-16");
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
static void hover(struct server *s, const struct sl_node *id, struct doc *d, const struct sl_node *pos)
{
	struct sl_buf md = SL_BUF_INIT;
	if (d && d->report && pos) {
		size_t off = byte_offset(d->text, d->len, num(sl_map_get(pos, "line")),
					 num(sl_map_get(pos, "character")));
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

static void put_range(struct sl_jw *w, const struct doc *d, struct sl_position a, struct sl_position b)
{
	sl_jw_begin_object(w);
	sl_jw_key(w, "start");
	put_position(w, d, a);
	sl_jw_key(w, "end");
	put_position(w, d, b);
	sl_jw_end_object(w);
}

/* The document loaded as a node tree (in a), or NULL when it has no mapping
 * at the top. */
static const struct sl_node *load_tree(const struct doc *d, struct sl_arena *a, const struct sl_options *o)
{
	struct sl_doc doc;
	struct sl_load_opts lo = { o->backend, o->max_size, false };
	if (sl_load(&doc, a, d->text, d->len, &lo) < 0 || !sl_node_is(doc.root, SL_MAP))
		return NULL;
	return doc.root;
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

static void symbols(struct server *s, const struct sl_node *id, const struct doc *d)
{
	struct sl_arena a;
	sl_arena_init(&a);
	const struct sl_node *root = d ? load_tree(d, &a, &s->opts) : NULL;
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
		put_range(&w, d, k->start, v->end);
		sl_jw_key(&w, "selectionRange");
		put_range(&w, d, k->start, k->end);
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
			put_range(&w, d, ek->start, ev->end);
			sl_jw_key(&w, "selectionRange");
			put_range(&w, d, ek->start, ek->end);
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
				if (c[k] && c[k]->start.offset <= off && off <= c[k]->end.offset)
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
	size_t lo = sc->start.offset, hi = sc->end.offset < d->len ? sc->end.offset : d->len;
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

static void definition(struct server *s, const struct sl_node *id, const struct doc *d, const struct sl_node *pos)
{
	struct sl_arena a;
	sl_arena_init(&a);
	const struct sl_node *root = d && pos ? load_tree(d, &a, &s->opts) : NULL;
	const struct sl_node *target = NULL;
	if (root) {
		size_t off = byte_offset(d->text, d->len, num(sl_map_get(pos, "line")),
					 num(sl_map_get(pos, "character")));
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
		put_range(&w, d, target->start, target->end);
		sl_jw_end_object(&w);
	}
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
	sl_arena_free(&a);
}

/* --- code actions ----------------------------------------------------------- */

/* For each of the request's diagnostics with a rule ID, a quick fix that
 * suppresses that rule on the diagnostic's line with a comment: "  #
 * stacklint: disable=ID" at the end of the line, or ",ID" added to the
 * line's disable= comment when it has one. YAML only (JSON has no comments:
 * no action there). */
static void code_actions(struct server *s, const struct sl_node *id, const struct doc *d,
			 const struct sl_node *ctx)
{
	const struct sl_node *diags = sl_map_get(ctx, "diagnostics");
	bool json = false;
	for (size_t i = 0; d && i < d->len && !json; i++) {
		if (d->text[i] == ' ' || d->text[i] == '\t' || d->text[i] == '\r' || d->text[i] == '\n')
			continue;
		json = d->text[i] == '{';
		break;
	}
	/* the tree, to keep comments out of strings that go on past a line */
	struct sl_arena a;
	sl_arena_init(&a);
	const struct sl_node *root = d && !json ? load_tree(d, &a, &s->opts) : NULL;
	struct sl_buf b = SL_BUF_INIT;
	struct sl_jw w;
	begin_response(&w, &b, id);
	sl_jw_key(&w, "result");
	sl_jw_begin_array(&w);
	for (size_t i = 0; root && sl_node_is(diags, SL_SEQ) && i < diags->len; i++) {
		const struct sl_node *g = diags->items[i];
		const struct sl_node *code = sl_map_get(g, "code");
		const struct sl_node *line = sl_map_get(sl_map_get(sl_map_get(g, "range"), "start"), "line");
		if (!sl_node_is(code, SL_SCALAR) || !code->len || code->len > 8 || !line)
			continue;
		bool ok = code->str[0] == 'E' || code->str[0] == 'W' || code->str[0] == 'I';
		for (size_t k = 1; k < code->len; k++)
			ok = ok && code->str[k] >= '0' && code->str[k] <= '9';
		if (!ok)
			continue;
		/* the line's end, and a disable= comment on it */
		size_t ls = byte_offset(d->text, d->len, num(line), 0), le = ls;
		while (le < d->len && d->text[le] != '\n' && d->text[le] != '\r')
			le++;
		/* a line inside a block scalar or a multi-line string: a comment
		 * there would be text; no safe edit */
		const struct sl_node *sc = scalar_at(root, (uint32_t)le);
		if (sc && (sc->end.offset > le ||
			   ((sc->style == SL_LITERAL || sc->style == SL_FOLDED) && sc->start.offset < ls)))
			continue;
		const char *key = "# stacklint: disable=";
		const char *c = NULL;
		for (size_t k = ls; k + strlen(key) <= le && !c; k++)
			if (memcmp(d->text + k, key, strlen(key)) == 0)
				c = d->text + k;
		size_t at = le;
		char text[64];
		if (c) {
			/* after the comment's IDs */
			at = (size_t)(c - d->text) + strlen(key);
			while (at < le && d->text[at] != ' ' && d->text[at] != '\t')
				at++;
			snprintf(text, sizeof(text), ",%.*s", (int)code->len, code->str);
		} else {
			snprintf(text, sizeof(text), "  # stacklint: disable=%.*s", (int)code->len, code->str);
		}
		unsigned ch = utf16_column(d->text, d->len, at);
		sl_jw_begin_object(&w);
		sl_jw_key(&w, "title");
		char title[64];
		snprintf(title, sizeof(title), "Suppress %.*s on this line", (int)code->len, code->str);
		sl_jw_string(&w, title);
		sl_jw_key(&w, "kind");
		sl_jw_string(&w, "quickfix");
		sl_jw_key(&w, "diagnostics");
		sl_jw_begin_array(&w);
		sl_jw_end_array(&w);
		sl_jw_key(&w, "edit");
		sl_jw_begin_object(&w);
		sl_jw_key(&w, "changes");
		sl_jw_begin_object(&w);
		sl_jw_key(&w, d->uri);
		sl_jw_begin_array(&w);
		sl_jw_begin_object(&w);
		sl_jw_key(&w, "range");
		sl_jw_begin_object(&w);
		for (int k = 0; k < 2; k++) {
			sl_jw_key(&w, k ? "end" : "start");
			sl_jw_begin_object(&w);
			sl_jw_key(&w, "line");
			sl_jw_int(&w, num(line));
			sl_jw_key(&w, "character");
			sl_jw_int(&w, ch);
			sl_jw_end_object(&w);
		}
		sl_jw_end_object(&w);
		sl_jw_key(&w, "newText");
		sl_jw_string(&w, text);
		sl_jw_end_object(&w);
		sl_jw_end_array(&w);
		sl_jw_end_object(&w);
		sl_jw_end_object(&w);
		sl_jw_end_object(&w);
	}
	sl_jw_end_array(&w);
	sl_jw_end_object(&w);
	send_msg(s, &b);
	sl_buf_free(&b);
	sl_arena_free(&a);
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
		initialize(s, id);
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
	const char *uri;
	if (strcmp(m, "textDocument/didOpen") == 0) {
		const struct sl_node *td = text_document(params, &uri);
		const struct sl_node *text = sl_map_get(td, "text");
		struct doc *d = uri && sl_node_is(text, SL_SCALAR) ? doc_set(s, uri, text->str, text->len) : NULL;
		if (d)
			publish(s, d, false);
		return 1;
	}
	if (strcmp(m, "textDocument/didChange") == 0) {
		text_document(params, &uri);
		const struct sl_node *ch = sl_map_get(params, "contentChanges");
		struct doc *d = uri ? doc_find(s, uri) : NULL;
		if (!d || !sl_node_is(ch, SL_SEQ))
			return 1;
		/* in order: each edit's range is in the text the ones before it left */
		for (size_t i = 0; i < ch->len; i++)
			if (apply_change(s, d, ch->items[i]) < 0)
				return 1;
		publish(s, d, false);
		return 1;
	}
	if (strcmp(m, "textDocument/didSave") == 0) {
		text_document(params, &uri);
		struct doc *d = uri ? doc_find(s, uri) : NULL;
		if (d)
			publish(s, d, false);
		return 1;
	}
	if (strcmp(m, "textDocument/didClose") == 0) {
		text_document(params, &uri);
		struct doc *d = uri ? doc_find(s, uri) : NULL;
		if (d) {
			publish(s, d, true); /* clears the client's list */
			doc_drop(s, d);
		}
		return 1;
	}
	if (strcmp(m, "textDocument/documentSymbol") == 0) {
		text_document(params, &uri);
		symbols(s, id, uri ? doc_find(s, uri) : NULL);
		return 1;
	}
	if (strcmp(m, "textDocument/definition") == 0) {
		text_document(params, &uri);
		definition(s, id, uri ? doc_find(s, uri) : NULL, sl_map_get(params, "position"));
		return 1;
	}
	if (strcmp(m, "textDocument/codeAction") == 0) {
		text_document(params, &uri);
		code_actions(s, id, uri ? doc_find(s, uri) : NULL, sl_map_get(params, "context"));
		return 1;
	}
	if (strcmp(m, "textDocument/hover") == 0) {
		text_document(params, &uri);
		hover(s, id, uri ? doc_find(s, uri) : NULL, sl_map_get(params, "position"));
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
	struct sl_cli cli;
	/* the options of the command line and the configuration, as a run takes them */
	if (sl_cli_parse(&cli, argc, argv, stderr) != 0) {
		sl_cli_free(&cli);
		return 1;
	}
	struct server s = { .in = in, .out = out };
	const struct sl_spec *spec = NULL;
	if (sl_cli_setup(&cli, &spec, &s.opts) != 0) {
		sl_cli_free(&cli);
		return 1;
	}
	/* the engine gives the diagnostics' columns in LSP's unit */
	s.opts.column_unit = SL_COLUMN_UTF16;
	int status = 1;
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
	for (size_t i = 0; i < s.n_docs; i++) {
		free(s.docs[i].uri);
		free(s.docs[i].text);
		sl_report_free(s.docs[i].report);
	}
	free(s.docs);
	sl_spec_free(spec);
	sl_cli_free(&cli);
	return status;
}
