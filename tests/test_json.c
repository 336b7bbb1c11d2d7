/*
 * Unit tests for the JSON parser (src/load/json.c), driven through sl_load():
 * the tree it builds (kinds, styles, decoded strings, exact number text, 1-based
 * positions of nodes and keys), the JSON that libyaml cannot read (surrogate
 * pairs, long keys, a line break before ':'), and the diagnostic (message and
 * position) for each class of bad input. Deep nesting must stop quickly.
 *
 * The loader falls back to YAML when the JSON parser fails, and a YAML flow
 * mapping accepts some broken JSON (a trailing comma, a comment-like plain
 * scalar). So every bad input here also leaves a '{' unclosed: YAML fails too,
 * and the loader reports the JSON parser's diagnostic.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "load/load.h"
#include "load/node.h"
#include "test.h"
#include "util/arena.h"

/* The YAML backend the loader falls back to; every test runs with both. */
static enum sl_backend backend;

#define CHECK_POS(p, l, c)                      \
	do {                                    \
		assert_int(TEST_POS(p).line, (l));      \
		assert_int(TEST_POS(p).column, (c));    \
	} while (0)

/* A scalar with exactly these bytes (len may include NUL bytes) and style. */
static int scalar_is(const struct sl_node *n, enum sl_style style, const char *s, size_t len)
{
	return n && n->kind == SL_SCALAR && n->style == style && n->len == len &&
	       memcmp(n->str, s, len) == 0 && n->str[len] == '\0';
}

#define CHECK_STR(n, s) assert_true(scalar_is((n), SL_DOUBLE, (s), sizeof(s) - 1))
#define CHECK_PLAIN(n, s) assert_true(scalar_is((n), SL_PLAIN, (s), sizeof(s) - 1))

struct loaded {
	struct sl_arena arena;
	struct sl_doc doc;
};

static void load(struct loaded *l, const char *text, size_t len)
{
	struct sl_load_opts opts = { .backend = backend };
	sl_arena_init(&l->arena);
	int rc = sl_load(&l->doc, &l->arena, text, len, &opts);
	test_doc = &l->doc;
	if (rc != 0) {
		fprintf(stderr, "sl_load returned %d\n", rc);
		exit(1);
	}
}

static void unload(struct loaded *l)
{
	sl_arena_free(&l->arena);
}

static void test_tree(void)
{
	static const char text[] =
		"{\n"                                                            /* 1 */
		"  \"Resources\": {\n"                                           /* 2 */
		"    \"Fn\": {\"Type\": \"AWS::Lambda::Function\",\n"            /* 3 */
		"      \"N\": -1.50e+3, \"Z\": 0, \"T\": true, \"F\": false, \"U\": null},\n" /* 4 */
		"    \"List\": [1, \"two\", [], {}]\n"                           /* 5 */
		"  },\n"                                                         /* 6 */
		"  \"\u00e9t\u00e9\": \"\u00e9\", \"k\": 1\n"                    /* 7: é is 2 bytes */
		"}\n";
	struct loaded l;
	load(&l, text, sizeof(text) - 1);
	const struct sl_node *root = l.doc.root;
	assert_true(l.doc.n_diags == 0);
	assert_true(l.doc.json);
	assert_true(root && root->kind == SL_MAP && root->style == SL_FLOW && root->len == 3);
	if (!root || root->kind != SL_MAP || root->len != 3) {
		unload(&l);
		return;
	}
	assert_true(root->parent == NULL);
	CHECK_POS(root->start, 1, 1);
	CHECK_POS(root->end, 8, 2); /* just past the closing brace */
	assert_true(root->start == 0);

	const struct sl_pair *res = &root->pairs[0];
	CHECK_STR(res->key, "Resources");
	CHECK_POS(res->key->start, 2, 3); /* at the opening quote */
	CHECK_POS(res->key->end, 2, 14);  /* just past the closing quote */
	assert_true(res->key->parent == root);
	const struct sl_node *rs = res->value;
	assert_true(rs->kind == SL_MAP && rs->style == SL_FLOW && rs->len == 2);
	CHECK_POS(rs->start, 2, 16);
	CHECK_POS(rs->end, 6, 4);
	assert_true(rs->parent == root);

	const struct sl_node *fn = rs->pairs[0].value;
	CHECK_STR(rs->pairs[0].key, "Fn");
	CHECK_POS(rs->pairs[0].key->start, 3, 5);
	assert_true(fn->kind == SL_MAP && fn->len == 6);
	CHECK_POS(fn->start, 3, 11);
	CHECK_POS(fn->end, 4, 63);
	CHECK_STR(fn->pairs[0].key, "Type");
	CHECK_STR(fn->pairs[0].value, "AWS::Lambda::Function");
	CHECK_POS(fn->pairs[0].value->start, 3, 20);
	CHECK_POS(fn->pairs[0].value->end, 3, 43);
	CHECK_STR(fn->pairs[1].key, "N");
	CHECK_POS(fn->pairs[1].key->start, 4, 7);
	CHECK_PLAIN(fn->pairs[1].value, "-1.50e+3"); /* the exact source text */
	CHECK_POS(fn->pairs[1].value->start, 4, 12);
	CHECK_POS(fn->pairs[1].value->end, 4, 20);
	CHECK_PLAIN(fn->pairs[2].value, "0");
	CHECK_PLAIN(fn->pairs[3].value, "true");
	CHECK_PLAIN(fn->pairs[4].value, "false");
	CHECK_PLAIN(fn->pairs[5].value, "null");
	CHECK_POS(fn->pairs[5].value->start, 4, 58);
	CHECK_POS(fn->pairs[5].value->end, 4, 62);

	const struct sl_node *list = rs->pairs[1].value;
	CHECK_STR(rs->pairs[1].key, "List");
	assert_true(list->kind == SL_SEQ && list->style == SL_FLOW && list->len == 4);
	CHECK_POS(list->start, 5, 13);
	CHECK_POS(list->end, 5, 31);
	if (list->kind == SL_SEQ && list->len == 4) {
		CHECK_PLAIN(list->items[0], "1");
		CHECK_POS(list->items[0]->start, 5, 14);
		CHECK_STR(list->items[1], "two");
		CHECK_POS(list->items[1]->start, 5, 17);
		assert_true(list->items[2]->kind == SL_SEQ && list->items[2]->len == 0 &&
		      list->items[2]->style == SL_FLOW);
		CHECK_POS(list->items[2]->start, 5, 24);
		CHECK_POS(list->items[2]->end, 5, 26);
		assert_true(list->items[3]->kind == SL_MAP && list->items[3]->len == 0 &&
		      list->items[3]->style == SL_FLOW);
		CHECK_POS(list->items[3]->start, 5, 28);
		CHECK_POS(list->items[3]->end, 5, 30);
		assert_true(list->items[3]->parent == list);
	}

	/* columns count characters, not bytes */
	CHECK_STR(root->pairs[1].key, "\u00e9t\u00e9");
	CHECK_POS(root->pairs[1].key->start, 7, 3);
	CHECK_POS(root->pairs[1].key->end, 7, 8);
	CHECK_STR(root->pairs[1].value, "\u00e9");
	CHECK_POS(root->pairs[1].value->start, 7, 10);
	CHECK_POS(root->pairs[2].key->start, 7, 15);
	CHECK_POS(root->pairs[2].value->start, 7, 20);
	unload(&l);
}

static void test_escapes(void)
{
	static const char text[] =
		"{\"e\": \"q\\\"b\\\\s\\/b\\bf\\fn\\nr\\rt\\t\","
		" \"u\": \"\\u0041\\u00e9\\u4E2D\\u20ac\","
		" \"pair\": \"<\\ud83d\\ude00>\","
		" \"lone\": \"a\\ud800b\\udc00c\\ud800\","
		" \"hi-hi\": \"\\ud83d\\ud83d\\ude00\","
		" \"nul\": \"x\\u0000y\","
		" \"\\u004bey\": 1}";
	struct loaded l;
	load(&l, text, sizeof(text) - 1);
	const struct sl_node *r = l.doc.root;
	assert_true(l.doc.n_diags == 0);
	assert_true(r && r->kind == SL_MAP && r->len == 7);
	if (r && r->kind == SL_MAP && r->len == 7) {
		CHECK_STR(r->pairs[0].value, "q\"b\\s/b\bf\fn\nr\rt\t");
		CHECK_STR(r->pairs[1].value, "A\xC3\xA9\xE4\xB8\xAD\xE2\x82\xAC");
		/* a surrogate pair is one 4-byte UTF-8 character; the node spans the escapes */
		CHECK_STR(r->pairs[2].value, "<\xF0\x9F\x98\x80>");
		assert_true(TEST_POS(r->pairs[2].value->end).column - TEST_POS(r->pairs[2].value->start).column == 16);
		/* a lone surrogate becomes U+FFFD (EF BF BD) */
		CHECK_STR(r->pairs[3].value, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD");
		CHECK_STR(r->pairs[4].value, "\xEF\xBF\xBD\xF0\x9F\x98\x80");
		/* U+0000 is held as C0 80, so no C string built from it is cut */
		CHECK_STR(r->pairs[5].value, "x\xC0\x80y");
		CHECK_STR(r->pairs[6].key, "Key");
	}
	unload(&l);
}

/* Valid JSON that libyaml rejects: it must load through the JSON parser. */
static void test_beyond_yaml(void)
{
	struct loaded l;
	size_t klen = 5000;
	char *text = malloc(klen + 32);
	if (!text)
		exit(1);
	size_t n = 0;
	text[n++] = '{';
	text[n++] = '"';
	memset(text + n, 'K', klen);
	n += klen;
	memcpy(text + n, "\"\n: \"v\"}", 8);
	n += 8;
	load(&l, text, n);
	assert_true(l.doc.n_diags == 0);
	assert_true(l.doc.json);
	assert_true(l.doc.root && l.doc.root->kind == SL_MAP && l.doc.root->len == 1);
	if (l.doc.root && l.doc.root->len == 1) {
		const struct sl_pair *p = &l.doc.root->pairs[0];
		assert_true(p->key->len == klen && p->key->str[0] == 'K' && p->key->str[klen - 1] == 'K');
		CHECK_POS(p->key->end, 1, 5004);
		CHECK_STR(p->value, "v");
		CHECK_POS(p->value->start, 2, 3);
	}
	unload(&l);
	free(text);

	static const char ws[] = " \t\r\n{\"a\"\r\n:\t[ ]\r\n}\r\n ";
	load(&l, ws, sizeof(ws) - 1);
	assert_true(l.doc.n_diags == 0 && l.doc.json && l.doc.root);
	if (l.doc.root) {
		CHECK_POS(l.doc.root->start, 2, 1);
		CHECK_POS(l.doc.root->pairs[0].value->start, 3, 3);
	}
	unload(&l);
}

struct bad_case {
	const char *text;
	const char *message;
	unsigned line, column;
};

/* Every input leaves a '{' unclosed so the YAML fallback fails too. */
static const struct bad_case bad_cases[] = {
	{ "{\"a\": [1, 2,]", "trailing comma before ']'", 1, 12 },
	{ "{\"a\": {\"b\": 1,}", "trailing comma before '}'", 1, 14 },
	{ "{\"a\": {\"b\": 1,\n  }", "trailing comma before '}'", 1, 14 },
	{ "{\"a\": 007", "leading zeros are not allowed in numbers: '007'", 1, 7 },
	{ "{\"a\": -01", "leading zeros are not allowed in numbers: '-01'", 1, 7 },
	{ "{\"a\": 1 /* c */", "comments are not allowed in JSON", 1, 9 },
	{ "{\"a\": 1,\n // c\n\"b\": 2", "comments are not allowed in JSON", 2, 2 },
	{ "{\"a\": NaN", "NaN is not a JSON value (JSON has no NaN or Infinity)", 1, 7 },
	{ "{\"a\": -Infinity", "-Infinity is not a JSON value (JSON has no NaN or Infinity)", 1, 7 },
	{ "{\"a\": True", "'True' is not a JSON value; did you mean 'true'?", 1, 7 },
	{ "{\"a\": yes", "expected a value, found 'yes' (strings must be in double quotes)", 1, 7 },
	{ "{\"a\": \"x\ty\"", "tab character in string (write it as \\t)", 1, 9 },
	{ "{\"a\": \"abc\ndef\"",
	  "line break in string (missing closing '\"'? write \\n for a line break)", 1, 11 },
	{ "{\"a\": \"abc", "unterminated string", 1, 7 },
	{ "{\"a\": \"abc\\", "unterminated string", 1, 7 },
	{ "{\"a\": , \"b\": 1", "expected a value", 1, 7 },
	{ "{\"a\": 1}}", "extra data after the top-level value", 1, 9 },
	{ "{\"a\": 1}\n{", "extra data after the top-level value", 2, 1 },
	{ "{\"a\": \"\\x\"", "invalid escape '\\x' in string", 1, 8 },
	{ "{\"a\": \"\u00e9\\\u00e9\"", "invalid escape '\\\u00e9' in string", 1, 9 },
	{ "{\"a\": \"\\u12G4\"", "invalid escape in string: expected 4 hex digits after '\\u'", 1, 8 },
	{ "{\"a\": 1 \"b\": 2", "expected ',' or '}' after an object member", 1, 9 },
	{ "{\"a\": [1 2]", "expected ',' or ']' after an array element", 1, 10 },
	{ "{\"a\" 1", "expected ':' after an object key", 1, 6 },
	{ "{\"a\": [1", "unexpected end of input: expected ',' or ']' after an array element", 1, 9 },
	{ "{\"a\":", "unexpected end of input: expected a value", 1, 6 },
	{ "{", "unexpected end of input: expected an object key in double quotes or '}'", 1, 2 },
	{ "{'a': 1", "strings must be in double quotes, not single quotes", 1, 2 },
	{ "{a: 1", "expected an object key in double quotes", 1, 2 },
	{ "{\"a\": 0x1F", "invalid number '0x1F'", 1, 8 },
	{ "{\"a\": +1", "a number must not start with '+'", 1, 7 },
	{ "{\"a\": .5", "a number must have a digit before the decimal point", 1, 7 },
	{ "{\"a\": 1.", "unexpected end of input: expected a digit after the decimal point", 1, 9 },
	{ "{\"a\": 1e+]", "expected a digit in the exponent", 1, 10 },
	{ "{\"a\": -]", "expected a digit after '-'", 1, 8 },
	{ "{\"a\":\u00a01", "expected a value", 1, 6 }, /* U+00A0 is not JSON whitespace */
};

static void test_errors(void)
{
	for (size_t i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct loaded l;
		load(&l, c->text, strlen(c->text));
		const struct sl_ldiag *d = l.doc.n_diags ? &l.doc.diags[0] : NULL;
		assert_true(l.doc.root == NULL);
		assert_true(l.doc.json);
		assert_int(l.doc.n_diags, 1);
		if (!d) {
			fprintf(stderr, "  (bad case %zu: %s)\n", i, c->text);
			test_failures++;
			unload(&l);
			continue;
		}
		int before = test_failures;
		assert_str(d->rule_id, "E0000");
		assert_int(d->severity, SL_SEV_ERROR);
		assert_str(d->message, c->message);
		CHECK_POS(d->start, c->line, c->column);
		if (test_failures != before)
			fprintf(stderr, "  (bad case %zu: %s)\n", i, c->text);
		unload(&l);
	}
}

/* 100,000 levels: the builder's depth limit stops the parse at once, and the
 * parser itself never recursed. */
static void test_deep(void)
{
	size_t depth = 100000;
	char *text = malloc(depth + 8);
	if (!text)
		exit(1);
	memcpy(text, "{\"a\":", 5);
	memset(text + 5, '[', depth);
	clock_t t0 = clock();
	struct loaded l;
	load(&l, text, depth + 5);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(l.doc.root == NULL);
	assert_true(l.doc.n_diags >= 1);
	if (l.doc.n_diags >= 1) {
		assert_true(strstr(l.doc.diags[0].message, "nesting deeper than") != NULL);
		assert_true(l.doc.diags[0].start.line == 1);
		assert_true(l.doc.diags[0].start.column > 5 && l.doc.diags[0].start.column < 1000);
	}
	assert_true(secs < 1.0);
	unload(&l);
	free(text);
}

int main(void)
{
	static const enum sl_backend backends[] = { SL_BACKEND_LIBYAML, SL_BACKEND_LIBFYAML };
	for (size_t i = 0; i < 2; i++) {
		backend = backends[i];
		test_tree();
		test_escapes();
		test_beyond_yaml();
		test_errors();
		test_deep();
	}
	return test_result();
}
