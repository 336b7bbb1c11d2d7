/*
 * Unit tests for the TOML 1.0 reader (src/load/toml.c): the tree it builds for
 * the shapes of the TOML 1.0 specification's examples (kinds, styles, keys in
 * order, decoded strings, typed values and their normalized text, 1-based
 * positions of keys and values, parents), and for each class of invalid input
 * the diagnostic: E0000, its line and column, and the gist of its message.
 * Deep nesting and long inputs must stop or finish quickly.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "load/builder.h"
#include "load/load.h"
#include "load/node.h"
#include "load/toml.h"
#include "test.h"
#include "util/arena.h"

#define CHECK_POS(p, l, c)                   \
	do {                                 \
		assert_int(TEST_POS(p).line, (l));   \
		assert_int(TEST_POS(p).column, (c)); \
	} while (0)

struct loaded {
	struct sl_arena arena;
	struct sl_doc doc;
};

static const struct sl_node *load_n(struct loaded *l, const char *text, size_t len)
{
	sl_arena_init(&l->arena);
	if (sl_load_toml(&l->doc, &l->arena, text, len, NULL) != 0) {
		fprintf(stderr, "sl_load_toml ran out of memory\n");
		exit(1);
	}
	test_doc = &l->doc;
	return l->doc.root;
}

static const struct sl_node *load(struct loaded *l, const char *text)
{
	return load_n(l, text, strlen(text));
}

static void unload(struct loaded *l)
{
	sl_arena_free(&l->arena);
}

/* The node at a path of keys ("a", "b", NULL) below n. */
static const struct sl_node *at(const struct sl_node *n, const char *const *path)
{
	for (; n && *path; path++)
		n = sl_map_get(n, *path);
	return n;
}
#define AT(n, ...) at((n), (const char *const[]){ __VA_ARGS__, NULL })

/* The key node of the last step of a path. */
static const struct sl_node *key_at(const struct sl_node *n, const char *const *path)
{
	const struct sl_pair *pr = NULL;
	for (; n && *path; path++) {
		pr = sl_map_get_pair(n, *path);
		n = pr ? pr->value : NULL;
	}
	return pr ? pr->key : NULL;
}
#define KEY_AT(n, ...) key_at((n), (const char *const[]){ __VA_ARGS__, NULL })

static int scalar_is(const struct sl_node *n, enum sl_style style, enum sl_toml_type type,
		     const char *s, size_t len)
{
	return n && n->kind == SL_SCALAR && n->style == style && sl_toml_type(n) == type &&
	       n->len == len && memcmp(n->str, s, len) == 0 && n->str[len] == '\0';
}
#define CHECK_SCALAR(n, style, type, s) assert_true(scalar_is((n), (style), (type), (s), sizeof(s) - 1))
#define CHECK_STR(n, s) CHECK_SCALAR((n), SL_DOUBLE, SL_TOML_STRING, s)
#define CHECK_LIT(n, s) CHECK_SCALAR((n), SL_SINGLE, SL_TOML_STRING, s)
#define CHECK_INT(n, s) CHECK_SCALAR((n), SL_PLAIN, SL_TOML_INTEGER, s)
#define CHECK_FLOAT(n, s) CHECK_SCALAR((n), SL_PLAIN, SL_TOML_FLOAT, s)

/* The parents of every node point back; every position lies in the input. */
static void check_links(const struct sl_node *n, size_t len)
{
	const struct sl_node *stack[256];
	size_t top = 0;
	stack[top++] = n;
	while (top) {
		const struct sl_node *x = stack[--top];
		assert_true(x->start <= x->end && x->end <= len);
		for (size_t i = 0; i < x->len && x->kind != SL_SCALAR; i++) {
			const struct sl_node *c = x->kind == SL_MAP ? x->pairs[i].value : x->items[i];
			assert_true(c->parent == x);
			if (x->kind == SL_MAP)
				assert_true(x->pairs[i].key->parent == x && x->pairs[i].key->kind == SL_SCALAR);
			if (top < 256)
				stack[top++] = c;
		}
	}
}

/* The example document of the TOML 1.0 specification's front page. */
static void test_spec_example(void)
{
	static const char text[] =
		"# This is a TOML document\n"
		"\n"
		"title = \"TOML Example\"\n"
		"\n"
		"[owner]\n"
		"name = \"Tom Preston-Werner\"\n"
		"dob = 1979-05-27T07:32:00-08:00\n"
		"\n"
		"[database]\n"
		"enabled = true\n"
		"ports = [ 8000, 8001, 8002 ]\n"
		"data = [ [\"delta\", \"phi\"], [3.14] ]\n"
		"temp_targets = { cpu = 79.5, case = 72.0 }\n"
		"\n"
		"[servers]\n"
		"\n"
		"[servers.alpha]\n"
		"ip = \"10.0.0.1\"\n"
		"role = \"frontend\"\n";
	struct loaded l;
	const struct sl_node *r = load(&l, text);
	assert_true(r && r->kind == SL_MAP && r->style == SL_BLOCK);
	if (!r) {
		unload(&l);
		return;
	}
	assert_int(l.doc.n_diags, 0);
	assert_int(r->len, 4);
	assert_str(r->pairs[0].key->str, "title");
	assert_str(r->pairs[1].key->str, "owner");
	assert_str(r->pairs[2].key->str, "database");
	assert_str(r->pairs[3].key->str, "servers");
	CHECK_POS(r->start, 3, 1);
	CHECK_POS(r->end, 19, 18);

	const struct sl_node *title = AT(r, "title");
	CHECK_STR(title, "TOML Example");
	CHECK_POS(title->start, 3, 9);
	CHECK_POS(title->end, 3, 23);
	CHECK_POS(KEY_AT(r, "title")->start, 3, 1);
	CHECK_POS(KEY_AT(r, "title")->end, 3, 6);
	assert_int(KEY_AT(r, "title")->style, SL_PLAIN);

	const struct sl_node *owner = AT(r, "owner");
	assert_true(owner->kind == SL_MAP && owner->style == SL_BLOCK && owner->len == 2);
	CHECK_POS(owner->start, 5, 1); /* the header's '[' */
	CHECK_POS(owner->end, 7, 32);  /* its last entry */
	CHECK_POS(KEY_AT(r, "owner")->start, 5, 2);
	const struct sl_node *dob = AT(r, "owner", "dob");
	CHECK_SCALAR(dob, SL_PLAIN, SL_TOML_OFFSET_DATETIME, "1979-05-27T07:32:00-08:00");
	assert_int(sl_scalar_type(dob), SL_TYPE_STRING);
	CHECK_POS(dob->start, 7, 7);
	CHECK_POS(dob->end, 7, 32);

	const struct sl_node *en = AT(r, "database", "enabled");
	CHECK_SCALAR(en, SL_PLAIN, SL_TOML_BOOLEAN, "true");
	assert_int(sl_scalar_bool(en), 1);
	const struct sl_node *ports = AT(r, "database", "ports");
	assert_true(ports->kind == SL_SEQ && ports->style == SL_FLOW && ports->len == 3);
	CHECK_INT(ports->items[2], "8002");
	assert_int(sl_scalar_type(ports->items[2]), SL_TYPE_INT);
	CHECK_POS(ports->start, 11, 9);
	CHECK_POS(ports->end, 11, 29);
	CHECK_POS(ports->items[1]->start, 11, 17);
	const struct sl_node *data = AT(r, "database", "data");
	assert_true(data->len == 2 && data->items[0]->kind == SL_SEQ && data->items[0]->len == 2);
	CHECK_STR(data->items[0]->items[1], "phi");
	CHECK_FLOAT(data->items[1]->items[0], "3.14");
	assert_int(sl_scalar_type(data->items[1]->items[0]), SL_TYPE_FLOAT);
	const struct sl_node *tt = AT(r, "database", "temp_targets");
	assert_true(tt->kind == SL_MAP && tt->style == SL_FLOW && tt->len == 2);
	CHECK_POS(tt->start, 13, 16);
	CHECK_POS(tt->end, 13, 43);
	CHECK_FLOAT(AT(tt, "case"), "72.0");
	CHECK_POS(KEY_AT(tt, "case")->start, 13, 30);

	const struct sl_node *servers = AT(r, "servers");
	assert_true(servers->len == 1);
	CHECK_POS(servers->start, 15, 1);
	CHECK_POS(servers->end, 19, 18);
	CHECK_STR(AT(r, "servers", "alpha", "role"), "frontend");
	CHECK_POS(AT(r, "servers", "alpha")->start, 17, 1);
	check_links(r, l.doc.len);
	unload(&l);
}

/* Keys: bare, quoted, dotted, with whitespace around dots; order of definition. */
static void test_keys(void)
{
	static const char text[] =
		"key = 1\n"
		"bare_key-2 = 2\n"
		"1234 = 3\n"
		"\"127.0.0.1\" = 4\n"
		"\"ʎǝʞ\" = 5\n"
		"'quoted \"value\"' = 6\n"
		"\"\" = 7\n"
		"physical.color = \"orange\"\n"
		"physical . shape = \"round\"\n"
		"site.\"google.com\" = true\n"
		"3.14159 = \"pi\"\n"
		"true = false\n";
	struct loaded l;
	const struct sl_node *r = load(&l, text);
	assert_true(r != NULL);
	if (!r) {
		unload(&l);
		return;
	}
	assert_int(r->len, 11);
	CHECK_INT(AT(r, "1234"), "3");
	CHECK_INT(AT(r, "127.0.0.1"), "4");
	assert_int(KEY_AT(r, "127.0.0.1")->style, SL_DOUBLE);
	CHECK_INT(AT(r, "ʎǝʞ"), "5");
	/* columns count characters: the value after "ʎǝʞ" = is at column 9 */
	CHECK_POS(AT(r, "ʎǝʞ")->start, 5, 9);
	CHECK_POS(KEY_AT(r, "ʎǝʞ")->end, 5, 6);
	assert_int(KEY_AT(r, "quoted \"value\"")->style, SL_SINGLE);
	CHECK_INT(AT(r, ""), "7");
	const struct sl_node *ph = AT(r, "physical");
	assert_true(ph && ph->kind == SL_MAP && ph->style == SL_BLOCK && ph->len == 2);
	CHECK_POS(ph->start, 8, 1);
	CHECK_POS(ph->end, 9, 27);
	CHECK_STR(AT(r, "physical", "shape"), "round");
	CHECK_POS(KEY_AT(r, "physical", "shape")->start, 9, 12);
	CHECK_SCALAR(AT(r, "site", "google.com"), SL_PLAIN, SL_TOML_BOOLEAN, "true");
	CHECK_STR(AT(r, "3", "14159"), "pi");
	CHECK_SCALAR(AT(r, "true"), SL_PLAIN, SL_TOML_BOOLEAN, "false");
	check_links(r, l.doc.len);
	unload(&l);
}

static void test_strings(void)
{
	static const char text[] =
		"a = \"tab\\there \\\"q\\\" \\\\ \\b\\f\\r\\n\\u00E9\\U0001F600\"\n"
		"b = 'C:\\Users\\nodejs\\templates'\n"
		"c = \"\"\"\n"
		"Roses are red\n"
		"Violets are blue\"\"\"\n"
		"d = \"\"\"\\\n"
		"       The quick brown \\\n"
		"\n"
		"\n"
		"       fox jumps over \\\n"
		"       the lazy dog.\\\n"
		"       \"\"\"\n"
		"e = '''\n"
		"The first newline is\n"
		"trimmed in raw strings.\n"
		"   All other whitespace\n"
		"   is preserved.\n"
		"'''\n"
		"f = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\n"
		"g = \"\"\"Here are three quotation marks: \"\"\\\".\"\"\"\n"
		"h = '''Here are fifteen apostrophes: '''\"'''\"'''  # placeholder\n";
	/* h is not valid as written above; use only a..g */
	size_t len = strstr(text, "h = ") - text;
	struct loaded l;
	const struct sl_node *r = load_n(&l, text, len);
	assert_true(r != NULL);
	if (!r) {
		unload(&l);
		return;
	}
	static const char a[] = "tab\there \"q\" \\ \b\f\r\n\xC3\xA9\xF0\x9F\x98\x80";
	CHECK_STR(AT(r, "a"), a);
	CHECK_LIT(AT(r, "b"), "C:\\Users\\nodejs\\templates");
	CHECK_STR(AT(r, "c"), "Roses are red\nViolets are blue");
	CHECK_POS(AT(r, "c")->start, 3, 5);
	CHECK_POS(AT(r, "c")->end, 5, 20);
	CHECK_STR(AT(r, "d"), "The quick brown fox jumps over the lazy dog.");
	CHECK_LIT(AT(r, "e"), "The first newline is\ntrimmed in raw strings.\n   All other whitespace\n"
			      "   is preserved.\n");
	CHECK_STR(AT(r, "f"), "Here are two quotation marks: \"\". Simple enough.");
	CHECK_STR(AT(r, "g"), "Here are three quotation marks: \"\"\".");
	unload(&l);

	r = load(&l, "quot15 = '''Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"'''\n"
		     "apos15 = \"Here are fifteen apostrophes: '''''''''''''''\"\n"
		     "str = ''''That,' she said, 'is still pointless.''''\n"
		     "q5 = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"\"\n"
		     "crlf = \"\"\"\r\none\r\ntwo\"\"\"\r\n"
		     "nul = \"a\\u0000b\"\n");
	assert_true(r != NULL);
	if (r) {
		CHECK_LIT(AT(r, "str"), "'That,' she said, 'is still pointless.'");
		CHECK_STR(AT(r, "q5"), "\"This,\" she said, \"is just a pointless statement.\"\"");
		CHECK_STR(AT(r, "crlf"), "one\ntwo");
		assert_true(scalar_is(AT(r, "nul"), SL_DOUBLE, SL_TOML_STRING, "a\xC0\x80" "b", 4)); /* U+0000 as C0 80 */
		CHECK_POS(AT(r, "nul")->start, 8, 7);
	}
	unload(&l);
}

static void test_numbers(void)
{
	static const char text[] =
		"i1 = +99\n"
		"i2 = 42\n"
		"i3 = 0\n"
		"i4 = -17\n"
		"i5 = 1_000\n"
		"i6 = 5_349_221\n"
		"h1 = 0xDEADBEEF\n"
		"h2 = 0xdead_beef\n"
		"o1 = 0o01234567\n"
		"o2 = 0o755\n"
		"b1 = 0b11010110\n"
		"max = 9223372036854775807\n"
		"min = -9223372036854775808\n"
		"z = -0\n"
		"f1 = +1.0\n"
		"f2 = 3.1415\n"
		"f3 = -0.01\n"
		"f4 = 5e+22\n"
		"f5 = 1e06\n"
		"f6 = -2E-2\n"
		"f7 = 6.626e-34\n"
		"f8 = 224_617.445_991_228\n"
		"s1 = inf\n"
		"s2 = +inf\n"
		"s3 = -inf\n"
		"s4 = nan\n"
		"s5 = -nan\n"
		"b = false\n";
	struct loaded l;
	const struct sl_node *r = load(&l, text);
	assert_true(r != NULL);
	if (!r) {
		unload(&l);
		return;
	}
	CHECK_INT(AT(r, "i1"), "99");
	CHECK_INT(AT(r, "i3"), "0");
	CHECK_INT(AT(r, "i4"), "-17");
	CHECK_INT(AT(r, "i5"), "1000");
	CHECK_INT(AT(r, "i6"), "5349221");
	CHECK_INT(AT(r, "h1"), "3735928559");
	CHECK_INT(AT(r, "h2"), "3735928559");
	CHECK_INT(AT(r, "o1"), "342391");
	CHECK_INT(AT(r, "o2"), "493");
	CHECK_INT(AT(r, "b1"), "214");
	CHECK_INT(AT(r, "max"), "9223372036854775807");
	CHECK_INT(AT(r, "min"), "-9223372036854775808");
	CHECK_INT(AT(r, "z"), "0");
	CHECK_POS(AT(r, "h1")->end, 7, 16); /* the span is the source text */
	CHECK_FLOAT(AT(r, "f1"), "1.0");
	CHECK_FLOAT(AT(r, "f3"), "-0.01");
	CHECK_FLOAT(AT(r, "f4"), "5.0e+22");
	CHECK_FLOAT(AT(r, "f5"), "1.0e+06");
	CHECK_FLOAT(AT(r, "f6"), "-2.0e-2");
	CHECK_FLOAT(AT(r, "f7"), "6.626e-34");
	CHECK_FLOAT(AT(r, "f8"), "224617.445991228");
	CHECK_FLOAT(AT(r, "s1"), ".inf");
	CHECK_FLOAT(AT(r, "s2"), ".inf");
	CHECK_FLOAT(AT(r, "s3"), "-.inf");
	CHECK_FLOAT(AT(r, "s4"), ".nan");
	CHECK_FLOAT(AT(r, "s5"), ".nan");
	/* YAML 1.1 typing agrees with TOML's on every normalized value */
	static const char *const ints[] = { "i1", "i2", "i3", "i4", "i5", "h1", "o1", "b1", "min", "z" };
	for (size_t k = 0; k < sizeof ints / sizeof ints[0]; k++)
		assert_int(sl_scalar_type(AT(r, ints[k])), SL_TYPE_INT);
	static const char *const flts[] = { "f1", "f2", "f3", "f4", "f5", "f6", "f7", "f8", "s1", "s3", "s4" };
	for (size_t k = 0; k < sizeof flts / sizeof flts[0]; k++)
		assert_int(sl_scalar_type(AT(r, flts[k])), SL_TYPE_FLOAT);
	assert_int(sl_scalar_bool(AT(r, "b")), 0);
	unload(&l);
}

static void test_datetimes(void)
{
	static const char text[] =
		"odt1 = 1979-05-27T07:32:00Z\n"
		"odt2 = 1979-05-27T00:32:00-07:00\n"
		"odt3 = 1979-05-27T00:32:00.999999-07:00\n"
		"odt4 = 1979-05-27 07:32:00Z\n"
		"ldt1 = 1979-05-27T07:32:00\n"
		"ldt2 = 1979-05-27t00:32:00.999999\n"
		"ld1 = 1979-05-27\n"
		"lt1 = 07:32:00\n"
		"lt2 = 00:32:00.999999\n"
		"leap = 2000-02-29\n"
		"sec60 = 1990-12-31T23:59:60Z\n";
	struct loaded l;
	const struct sl_node *r = load(&l, text);
	assert_true(r != NULL);
	if (!r) {
		unload(&l);
		return;
	}
	CHECK_SCALAR(AT(r, "odt1"), SL_PLAIN, SL_TOML_OFFSET_DATETIME, "1979-05-27T07:32:00Z");
	CHECK_SCALAR(AT(r, "odt3"), SL_PLAIN, SL_TOML_OFFSET_DATETIME, "1979-05-27T00:32:00.999999-07:00");
	CHECK_SCALAR(AT(r, "odt4"), SL_PLAIN, SL_TOML_OFFSET_DATETIME, "1979-05-27 07:32:00Z");
	CHECK_POS(AT(r, "odt4")->end, 4, 28);
	CHECK_SCALAR(AT(r, "ldt1"), SL_PLAIN, SL_TOML_LOCAL_DATETIME, "1979-05-27T07:32:00");
	CHECK_SCALAR(AT(r, "ldt2"), SL_PLAIN, SL_TOML_LOCAL_DATETIME, "1979-05-27t00:32:00.999999");
	CHECK_SCALAR(AT(r, "ld1"), SL_PLAIN, SL_TOML_LOCAL_DATE, "1979-05-27");
	CHECK_SCALAR(AT(r, "lt1"), SL_PLAIN, SL_TOML_LOCAL_TIME, "07:32:00");
	CHECK_SCALAR(AT(r, "lt2"), SL_PLAIN, SL_TOML_LOCAL_TIME, "00:32:00.999999");
	CHECK_SCALAR(AT(r, "leap"), SL_PLAIN, SL_TOML_LOCAL_DATE, "2000-02-29");
	CHECK_SCALAR(AT(r, "sec60"), SL_PLAIN, SL_TOML_OFFSET_DATETIME, "1990-12-31T23:59:60Z");
	unload(&l);
}

static void test_arrays_and_inline(void)
{
	static const char text[] =
		"integers = [ 1, 2, 3 ]\n"
		"nested_mixed_array = [ [ 1, 2 ], [\"a\", \"b\", \"c\"] ]\n"
		"numbers = [ 0.1, 0.2, 0.5, 1, 2, 5 ]\n"
		"contributors = [\n"
		"  \"Foo Bar <foo@example.com>\",\n"
		"  { name = \"Baz Qux\", email = \"bazqux@example.com\", url = \"https://example.com/bazqux\" }\n"
		"]\n"
		"integers3 = [\n"
		"  1,\n"
		"  2, # this is ok\n"
		"]\n"
		"empty = []\n"
		"name = { first = \"Tom\", last = \"Preston-Werner\" }\n"
		"animal = { type.name = \"pug\" }\n"
		"e = {}\n";
	struct loaded l;
	const struct sl_node *r = load(&l, text);
	assert_true(r != NULL);
	if (!r) {
		unload(&l);
		return;
	}
	const struct sl_node *c = AT(r, "contributors");
	assert_true(c->kind == SL_SEQ && c->len == 2);
	CHECK_POS(c->start, 4, 16);
	CHECK_POS(c->end, 7, 2);
	assert_true(c->items[1]->kind == SL_MAP && c->items[1]->style == SL_FLOW && c->items[1]->len == 3);
	CHECK_STR(AT(c->items[1], "url"), "https://example.com/bazqux");
	CHECK_POS(c->items[1]->start, 6, 3);
	const struct sl_node *i3 = AT(r, "integers3");
	assert_true(i3->len == 2);
	CHECK_POS(i3->end, 11, 2);
	assert_true(AT(r, "empty")->kind == SL_SEQ && AT(r, "empty")->len == 0);
	CHECK_POS(AT(r, "empty")->end, 12, 11);
	const struct sl_node *t = AT(r, "animal", "type");
	assert_true(t && t->kind == SL_MAP && t->style == SL_FLOW && t->len == 1);
	CHECK_POS(t->start, 14, 12);
	CHECK_POS(t->end, 14, 29); /* a dotted table spans its key to its last value */
	CHECK_STR(AT(t, "name"), "pug");
	assert_true(AT(r, "e")->kind == SL_MAP && AT(r, "e")->len == 0);
	check_links(r, l.doc.len);
	unload(&l);
}

static void test_tables(void)
{
	static const char text[] =
		"[dog.\"tater.man\"]\n"
		"type.name = \"pug\"\n"
		"[a.b.c]            # this is best practice\n"
		"[ d.e.f ]          # same as [d.e.f]\n"
		"[ j . \"ʞ\" . 'l' ]  # same as [j.\"ʞ\".'l']\n"
		"[x.y.z.w]\n"
		"[x] # defining a super-table afterward is ok\n"
		"[fruit]\n"
		"apple.color = \"red\"\n"
		"apple.taste.sweet = true\n"
		"[fruit.apple.texture]  # you can add sub-tables\n"
		"smooth = true\n"
		"[[products]]\n"
		"name = \"Hammer\"\n"
		"sku = 738594937\n"
		"[[products]]  # empty table within the array\n"
		"[[products]]\n"
		"name = \"Nail\"\n"
		"[[fruits]]\n"
		"name = \"apple\"\n"
		"[fruits.physical]  # subtable\n"
		"color = \"red\"\n"
		"[[fruits.varieties]]  # nested array of tables\n"
		"name = \"red delicious\"\n"
		"[[fruits.varieties]]\n"
		"name = \"granny smith\"\n"
		"[[fruits]]\n"
		"name = \"banana\"\n"
		"[[fruits.varieties]]\n"
		"name = \"plantain\"\n";
	struct loaded l;
	const struct sl_node *r = load(&l, text);
	assert_true(r != NULL);
	if (!r) {
		for (size_t k = 0; k < l.doc.n_diags; k++)
			fprintf(stderr, "%u:%u %s\n", l.doc.diags[k].start.line, l.doc.diags[k].start.column,
				l.doc.diags[k].message);
		unload(&l);
		return;
	}
	CHECK_STR(AT(r, "dog", "tater.man", "type", "name"), "pug");
	assert_true(AT(r, "a", "b", "c")->kind == SL_MAP && AT(r, "a", "b", "c")->len == 0);
	CHECK_POS(AT(r, "a", "b", "c")->start, 3, 1);
	CHECK_POS(AT(r, "a", "b", "c")->end, 3, 8);
	CHECK_POS(AT(r, "a")->start, 3, 2); /* implied by the header: starts at its key */
	assert_true(AT(r, "j", "ʞ", "l") != NULL);
	CHECK_POS(KEY_AT(r, "j", "ʞ", "l")->start, 5, 13);
	assert_true(AT(r, "x", "y", "z", "w") != NULL);
	CHECK_SCALAR(AT(r, "fruit", "apple", "texture", "smooth"), SL_PLAIN, SL_TOML_BOOLEAN, "true");
	CHECK_POS(AT(r, "fruit", "apple")->end, 12, 14);
	const struct sl_node *prod = AT(r, "products");
	assert_true(prod->kind == SL_SEQ && prod->style == SL_BLOCK && prod->len == 3);
	CHECK_POS(prod->start, 13, 1);
	CHECK_POS(prod->end, 18, 14);
	assert_true(prod->items[1]->kind == SL_MAP && prod->items[1]->len == 0);
	CHECK_POS(prod->items[1]->start, 16, 1);
	CHECK_POS(prod->items[1]->end, 16, 13);
	CHECK_INT(AT(prod->items[0], "sku"), "738594937");
	const struct sl_node *fr = AT(r, "fruits");
	assert_true(fr->len == 2);
	CHECK_STR(AT(fr->items[0], "physical", "color"), "red");
	assert_int(AT(fr->items[0], "varieties")->len, 2);
	CHECK_STR(AT(fr->items[0], "varieties")->items[1]->pairs[0].value, "granny smith");
	assert_int(AT(fr->items[1], "varieties")->len, 1);
	CHECK_POS(r->end, 30, 18);
	check_links(r, l.doc.len);
	unload(&l);
}

/* A samconfig.toml as `sam init` writes it. */
static void test_samconfig(void)
{
	static const char text[] =
		"version = 0.1\r\n"
		"[default.deploy.parameters]\r\n"
		"stack_name = \"sam-app\"\r\n"
		"capabilities = \"CAPABILITY_IAM\"\r\n"
		"confirm_changeset = true\r\n"
		"parameter_overrides = \"Stage=\\\"dev\\\" Size=3\"\r\n"
		"tags = [\"project=demo\", \"owner=me\"]\r\n";
	struct loaded l;
	const struct sl_node *r = load(&l, text);
	assert_true(r != NULL);
	if (!r) {
		unload(&l);
		return;
	}
	CHECK_FLOAT(AT(r, "version"), "0.1");
	assert_int(sl_scalar_type(AT(r, "version")), SL_TYPE_FLOAT);
	const struct sl_node *dp = AT(r, "default", "deploy", "parameters");
	assert_true(dp && dp->len == 5);
	CHECK_STR(AT(dp, "parameter_overrides"), "Stage=\"dev\" Size=3");
	CHECK_POS(KEY_AT(r, "default", "deploy")->start, 2, 10);
	CHECK_POS(AT(dp, "tags")->end, 7, 36);
	assert_int(sl_scalar_bool(AT(dp, "confirm_changeset")), 1);
	unload(&l);

	r = load(&l, "");
	assert_true(r && r->kind == SL_MAP && r->len == 0 && l.doc.n_diags == 0);
	unload(&l);
	r = load(&l, "# only a comment\n\n");
	assert_true(r && r->len == 0);
	unload(&l);
	r = load(&l, "\xEF\xBB\xBF" "a = 1");
	assert_true(r && r->len == 1);
	if (r)
		CHECK_POS(AT(r, "a")->start, 1, 5);
	unload(&l);
}

/* One invalid document: its first diagnostic is E0000 at line:col and its
 * message contains `msg`; there is no tree. */
static void bad_n(int src_line, const char *text, size_t len, unsigned line, unsigned col, const char *msg)
{
	struct loaded l;
	const struct sl_node *r = load_n(&l, text, len);
	int before = test_failures;
	assert_true(r == NULL && l.doc.failed);
	assert_true(l.doc.n_diags >= 1);
	if (l.doc.n_diags >= 1) {
		const struct sl_ldiag *d = &l.doc.diags[l.doc.n_diags - 1];
		assert_str(d->rule_id, "E0000");
		assert_int(d->start.line, line);
		assert_int(d->start.column, col);
		assert_true(d->end.offset >= d->start.offset);
		assert_contains(d->message, msg);
	}
	if (test_failures != before) {
		fprintf(stderr, "  (case at test_toml.c:%d: ", src_line);
		for (size_t k = 0; k < l.doc.n_diags; k++)
			fprintf(stderr, "%u:%u %s; ", l.doc.diags[k].start.line, l.doc.diags[k].start.column,
				l.doc.diags[k].message);
		fprintf(stderr, ")\n");
	}
	unload(&l);
}
#define BAD(text, line, col, msg) bad_n(__LINE__, (text), sizeof(text) - 1, (line), (col), (msg))

static void test_errors(void)
{
	/* keys */
	BAD("key = # no value\n", 1, 7, "expected a value");
	BAD("first = \"Tom\" last = \"Preston-Werner\"\n", 1, 15, "expected a line break");
	BAD("= \"no key name\"\n", 1, 1, "missing key before '='");
	BAD("a.\n", 1, 3, "expected a key");
	BAD("a..b = 1\n", 1, 3, "empty key part");
	BAD("a b = 1\n", 1, 3, "expected '='");
	BAD("\"\"\"key\"\"\" = 1\n", 1, 1, "multi-line string cannot be a key");
	BAD("ke$y = 1\n", 1, 3, "expected '=' after a key, found '$'");
	/* duplicates and redefinitions: reported at both places, the later one last */
	BAD("name = \"Tom\"\nname = \"Pradyun\"\n", 2, 1, "first defined at line 1, column 1");
	BAD("spelling = \"favorite\"\n\"spelling\" = \"favourite\"\n", 2, 1, "duplicate key");
	BAD("fruit.apple = 1\nfruit.apple.smooth = true\n", 2, 7, "already an integer");
	BAD("[fruit]\napple = \"red\"\n\n[fruit]\norange = \"orange\"\n", 4, 2, "table [fruit] defined twice");
	BAD("[fruit]\napple = \"red\"\n\n[fruit.apple]\ntexture = \"smooth\"\n", 4, 8, "already a string");
	BAD("[fruit]\napple.color = \"red\"\n[fruit.apple]\n", 3, 8, "dotted keys");
	BAD("[a.b.c]\nz = 9\n[a]\nb.c.t = 1\n", 4, 3, "defined by a [header]");
	BAD("[a]\nb.c = 1\n[x]\n[a]\n", 4, 2, "table [a] defined twice");
	BAD("a = {b = 1", 1, 11, "the inline table opened at line 1, column 5 is not closed");
	BAD("[a.b.c]\n[a]\nb.d = 1\n[a.b]\n", 4, 4, "dotted keys");
	BAD("[product]\ntype = { name = \"Nail\" }\ntype.edible = false\n", 3, 1, "inline table");
	BAD("[product]\ntype.name = \"Nail\"\ntype = { edible = false }\n", 3, 1, "duplicate key");
	BAD("a = {b = 1}\n[a.c]\n", 2, 2, "inline table");
	BAD("a = {b = {c = 1}, b.d = 2}\n", 1, 19, "inline table");
	BAD("a = [1]\n[a.b]\n", 2, 2, "an array");
	BAD("fruits = []\n[[fruits]]\n", 2, 3, "cannot make it an array of tables");
	BAD("[[fruits]]\nname = \"apple\"\n[fruit]\n[fruits]\n", 4, 2, "array of tables");
	BAD("[fruit.physical]\ncolor = \"red\"\n[[fruit]]\n", 3, 3, "cannot make it an array of tables");
	BAD("[[a]]\n[a.b]\nx=1\n[a.b]\n", 4, 4, "table [a.b] defined twice");
	/* tables and arrays of tables */
	BAD("[a\nb = 1\n", 1, 3, "expected ']'");
	BAD("[[a]\n", 1, 4, "expected ']]'");
	BAD("[a]]\n", 1, 4, "expected a line break after a table header");
	BAD("[]\n", 1, 2, "invalid character ']'");
	BAD("[a] b = 1\n", 1, 5, "expected a line break");
	/* inline tables and arrays */
	BAD("a = {x = 1,}\n", 1, 11, "trailing comma");
	BAD("a = {x = 1\n, y = 2}\n", 1, 11, "one line");
	BAD("a = {\nx = 1}\n", 1, 6, "one line");
	BAD("a = [1, 2\n", 2, 1, "the array opened at line 1, column 5 is not closed");
	BAD("a = [1,\n2,\n", 3, 1, "the array opened at line 1, column 5 is not closed");
	BAD("a = {b = [", 1, 11, "the array opened at line 1, column 10 is not closed");
	BAD("a = [1 2]\n", 1, 8, "expected ',' or ']'");
	BAD("a = [,]\n", 1, 6, "expected a value, found ','");
	/* strings */
	BAD("str = \"I'm a string. \\\"You can quote me\\\". \\qName\"\n", 1, 44, "invalid escape '\\q'");
	BAD("s = \"\\e\"\n", 1, 6, "TOML 1.1");
	BAD("s = \"\\x41\"\n", 1, 6, "TOML 1.1");
	BAD("s = \"\\u12\"\n", 1, 6, "exactly 4 hex digits");
	BAD("s = \"\\uD800\"\n", 1, 6, "not a Unicode scalar value");
	BAD("s = \"\\U00110000\"\n", 1, 6, "not a Unicode scalar value");
	BAD("s = \"a\\ b\"\n", 1, 7, "followed by whitespace");
	BAD("s = \"\"\"a\\ b\"\"\"\n", 1, 9, "followed by whitespace");
	BAD("s = \"abc\n", 1, 9, "line break in a basic string");
	BAD("s = 'abc\n", 1, 9, "line break in a literal string");
	BAD("s = \"abc", 1, 5, "unterminated string");
	BAD("s = \"\"\"abc\n", 1, 5, "unterminated multi-line string");
	BAD("s = '''abc''''''\n", 1, 16, "too many quotes");
	BAD("s = \"a\tb\x01\"\n", 1, 9, "control character U+0001");
	BAD("s = \"a\x7f\"\n", 1, 7, "control character U+007F");
	BAD("# comment \x1f here\n", 1, 11, "control character U+001F");
	BAD("a = 1\rb = 2\n", 1, 6, "carriage return not followed by a line feed");
	BAD("s = \"\"\"a\rb\"\"\"\n", 1, 9, "carriage return");
	BAD("s = \"caf\xc3\xa9\xff\"\n", 1, 10, "invalid UTF-8");
	BAD("s = \"\xed\xa0\x80\"\n", 1, 6, "invalid UTF-8");
	BAD("a = 1\0", 1, 6, "NUL byte");
	/* numbers */
	BAD("a = 0123\n", 1, 5, "leading zeros");
	BAD("a = +0123\n", 1, 6, "leading zeros");
	BAD("a = 03.14\n", 1, 5, "leading zeros");
	BAD("a = 1__000\n", 1, 6, "misplaced '_'");
	BAD("a = _1\n", 1, 5, "strings must be quoted");
	BAD("a = 1_\n", 1, 6, "misplaced '_'");
	BAD("a = 0x_1\n", 1, 7, "misplaced '_'");
	BAD("a = 0X1F\n", 1, 6, "lower case");
	BAD("a = +0x1F\n", 1, 5, "cannot have a sign");
	BAD("a = 0b102\n", 1, 9, "invalid character '2'");
	BAD("a = 9223372036854775808\n", 1, 5, "out of range");
	BAD("a = -9223372036854775809\n", 1, 5, "out of range");
	BAD("a = 0x8000000000000000\n", 1, 5, "out of range");
	BAD("a = .7\n", 1, 5, "digit must come before");
	BAD("a = 7.\n", 1, 7, "digit must follow");
	BAD("a = 3.e+20\n", 1, 7, "digit must follow");
	BAD("a = 1e\n", 1, 7, "digits in the exponent");
	BAD("a = 1.2.3\n", 1, 8, "invalid character '.'");
	BAD("a = Inf\n", 1, 5, "strings must be quoted");
	BAD("a = True\n", 1, 5, "booleans are lower case");
	BAD("a = tru\n", 1, 5, "strings must be quoted");
	BAD("a = bare\n", 1, 5, "strings must be quoted");
	/* dates and times */
	BAD("d = 1979-13-27\n", 1, 10, "month 13");
	BAD("d = 2001-02-29\n", 1, 13, "day 29 does not exist");
	BAD("d = 1979-05-27T25:00:00\n", 1, 16, "hour 25");
	BAD("d = 1979-05-27T07:60:00\n", 1, 19, "minute 60");
	BAD("d = 1979-05-27T07:32:61\n", 1, 22, "second 61");
	BAD("t = 07:32\n", 1, 5, "requires seconds");
	BAD("d = 1979-05-27T07:32:00.\n", 1, 25, "digits after the '.'");
	BAD("d = 1979-05-27T07:32:00+7:00\n", 1, 24, "time offset");
	BAD("d = 1979-05-27T07:32:00+24:00\n", 1, 24, "time offset");
	BAD("t = 07:32:00Z\n", 1, 13, "local time has no offset");
	BAD("d = 1979-5-27\n", 1, 5, "invalid date");
	BAD("d = 1979-05-27X07:32:00\n", 1, 15, "'T' or a space");
	/* positions count characters, not bytes */
	BAD("\"ʎǝʞ\" = 1\n\"ʎǝʞ\" = 2\n", 2, 1, "first defined at line 1, column 1");
	BAD("k = \"ʎǝʞ\\q\"\n", 1, 9, "invalid escape");
}

/* The size limit and the depth limit stop the reader with a diagnostic, fast. */
static void test_limits(void)
{
	struct loaded l;
	struct sl_load_opts o = { .max_size = 10 };
	sl_arena_init(&l.arena);
	assert_int(sl_load_toml(&l.doc, &l.arena, "a = 1234567890\n", 15, &o), 0);
	assert_true(l.doc.root == NULL && l.doc.n_diags == 1);
	if (l.doc.n_diags)
		assert_contains(l.doc.diags[0].message, "size limit");
	unload(&l);

	size_t n = 200000;
	char *deep = malloc(n * 2 + 16);
	memcpy(deep, "a = ", 4);
	memset(deep + 4, '[', n);
	memset(deep + 4 + n, ']', n);
	clock_t t0 = clock();
	const struct sl_node *r = load_n(&l, deep, 4 + 2 * n);
	assert_true(r == NULL && l.doc.n_diags == 1);
	if (l.doc.n_diags) {
		assert_contains(l.doc.diags[0].message, "nesting deeper than 512");
		CHECK_POS(l.doc.diags[0].start, 1, 4 + 512 + 1);
	}
	unload(&l);
	/* depth counts tables too: [a.a.a....] */
	size_t k = 0;
	deep[k++] = '[';
	for (size_t i = 0; i < 600; i++) {
		deep[k++] = 'a';
		deep[k++] = '.';
	}
	deep[k - 1] = ']';
	r = load_n(&l, deep, k);
	assert_true(r == NULL && l.doc.n_diags == 1);
	if (l.doc.n_diags)
		CHECK_POS(l.doc.diags[0].start, 1, 2 + 512 * 2);
	unload(&l);

	/* many keys, long dotted keys, many tables: linear */
	size_t big = 4 << 20;
	char *text = malloc(big + 64);
	size_t m = 0;
	for (unsigned i = 0; m + 64 < big; i++)
		m += (size_t)sprintf(text + m, "[t%u]\nk.a%u = [%u, \"x\", {y = 1}]\n", i % 5000, i, i);
	r = load_n(&l, text, m);
	assert_true(r != NULL || l.doc.n_diags > 0);
	unload(&l);
	m = 0;
	for (unsigned i = 0; m + 64 < big; i++)
		m += (size_t)sprintf(text + m, "k%u = %u\n", i, i);
	r = load_n(&l, text, m);
	assert_true(r != NULL && r->len > 100000);
	unload(&l);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	if (secs > 5)
		fprintf(stderr, "warning: limits test took %.1f s\n", secs);
	free(text);
	free(deep);
}

/* --dump FILE...: one line per file, "OK " and the tree as JSON (every scalar
 * as {"type": ..., "value": ...}, toml-test's form, with our normalized text),
 * or "ERR line:column message". check_toml_tomllib.py compares it with Python's
 * tomllib. */
static void json_str(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\u%04x", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void json_dump(const struct sl_node *root)
{
	static const char *const types[] = { "none", "string", "integer", "float", "bool", "datetime",
					     "datetime-local", "date-local", "time-local" };
	/* iterative: the reader bounds depth, the dump need not recurse */
	struct { const struct sl_node *n; size_t i; } st[SL_MAX_DEPTH + 2];
	size_t top = 0;
	st[top].n = root;
	st[top].i = 0;
	top++;
	while (top) {
		const struct sl_node *n = st[top - 1].n;
		size_t i = st[top - 1].i++;
		if (n->kind == SL_SCALAR) {
			printf("{\"type\":\"%s\",\"value\":", types[sl_toml_type(n)]);
			json_str(n->str, n->len);
			putchar('}');
			top--;
			continue;
		}
		if (i == 0)
			putchar(n->kind == SL_MAP ? '{' : '[');
		if (i == n->len) {
			putchar(n->kind == SL_MAP ? '}' : ']');
			top--;
			continue;
		}
		if (i)
			putchar(',');
		if (n->kind == SL_MAP) {
			json_str(n->pairs[i].key->str, n->pairs[i].key->len);
			putchar(':');
		}
		st[top].n = n->kind == SL_MAP ? n->pairs[i].value : n->items[i];
		st[top].i = 0;
		top++;
	}
}

static int dump_files(int argc, char **argv)
{
	static char buf[1 << 20];
	for (int a = 0; a < argc; a++) {
		FILE *f = fopen(argv[a], "rb");
		if (!f) {
			perror(argv[a]);
			return 1;
		}
		size_t n = fread(buf, 1, sizeof buf, f);
		fclose(f);
		struct loaded l;
		const struct sl_node *r = load_n(&l, buf, n);
		if (r) {
			printf("OK ");
			json_dump(r);
			putchar('\n');
		} else {
			const struct sl_ldiag *d = l.doc.n_diags ? &l.doc.diags[l.doc.n_diags - 1] : NULL;
			printf("ERR %u:%u %s\n", d ? d->start.line : 0, d ? d->start.column : 0,
			       d ? d->message : "?");
		}
		unload(&l);
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--dump") == 0)
		return dump_files(argc - 2, argv + 2);
	test_spec_example();
	test_keys();
	test_strings();
	test_numbers();
	test_datetimes();
	test_arrays_and_inline();
	test_tables();
	test_samconfig();
	test_errors();
	test_limits();
	return test_result();
}
