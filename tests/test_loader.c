/*
 * Loader unit tests: the node tree (kinds, styles, positions, keys), short-form
 * tags, and every measured pitfall of DESIGN.md, each run on both YAML backends.
 */
#include <stdlib.h>

#include "load/load.h"
#include "load/node.h"
#include "test.h"

static enum sl_backend backend;

struct loaded {
	struct sl_arena a;
	struct sl_doc d;
};

static struct loaded *load(const char *src, size_t len)
{
	struct loaded *l = calloc(1, sizeof(*l));
	sl_arena_init(&l->a);
	struct sl_load_opts o = { backend, 0 };
	int rc = sl_load(&l->d, &l->a, src, len, &o);
	assert_int(rc, 0);
	test_doc = &l->d;
	return l;
}

static struct loaded *loads(const char *src)
{
	return load(src, strlen(src));
}

static void done(struct loaded *l)
{
	sl_arena_free(&l->a);
	free(l);
}

/* Number of loader diagnostics with this rule whose message contains `part`. */
static int count_diag(const struct loaded *l, const char *rule, const char *part)
{
	int n = 0;
	for (size_t i = 0; i < l->d.n_diags; i++)
		if (strcmp(l->d.diags[i].rule_id, rule) == 0 && strstr(l->d.diags[i].message, part))
			n++;
	return n;
}

static const struct sl_ldiag *first_diag(const struct loaded *l)
{
	return l->d.n_diags ? &l->d.diags[0] : NULL;
}

#define assert_pos(p, l, c) do { assert_int(TEST_POS(p).line, l); assert_int(TEST_POS(p).column, c); } while (0)

static void test_tree_and_positions(void)
{
	struct loaded *l = loads("Resources:\n  Fn:\n    Type: 'AWS::Lambda::Function'\n    Properties:\n"
				 "      Timeout: 30\n      Flag: \"true\"\n      List: [a, b]\n");
	const struct sl_node *r = l->d.root;
	assert_true(sl_node_is(r, SL_MAP));
	const struct sl_pair *p = sl_map_get_pair(r, "Resources");
	assert_true(p != NULL);
	assert_pos(p->key->start, 1, 1);
	assert_pos(p->key->end, 1, 10);
	const struct sl_node *fn = sl_map_get(p->value, "Fn");
	const struct sl_node *ty = sl_map_get(fn, "Type");
	assert_int(ty->style, SL_SINGLE);
	assert_str(ty->str, "AWS::Lambda::Function");
	assert_pos(ty->start, 3, 11); /* at the quote */
	assert_pos(ty->end, 3, 34);
	const struct sl_node *props = sl_map_get(fn, "Properties");
	const struct sl_node *to = sl_map_get(props, "Timeout");
	assert_int(sl_scalar_type(to), SL_TYPE_INT);
	assert_int(sl_scalar_type(sl_map_get(props, "Flag")), SL_TYPE_STRING);
	const struct sl_node *list = sl_map_get(props, "List");
	assert_int(list->kind, SL_SEQ);
	assert_int(list->style, SL_FLOW);
	assert_int(list->len, 2);
	assert_pos(list->start, 7, 13);
	assert_pos(list->end, 7, 19);
	assert_pos(list->items[1]->start, 7, 17);
	assert_true(list->items[1]->parent == list);
	/* block collections end at their last child */
	assert_pos(props->end, 7, 19);
	assert_int(l->d.n_diags, 0);
	done(l);
}

static void test_short_forms(void)
{
	static const struct { const char *tag, *key; } tags[] = {
		{ "!Ref", "Ref" }, { "!Sub", "Fn::Sub" }, { "!Join", "Fn::Join" }, { "!Select", "Fn::Select" },
		{ "!Split", "Fn::Split" }, { "!FindInMap", "Fn::FindInMap" }, { "!If", "Fn::If" },
		{ "!Equals", "Fn::Equals" }, { "!And", "Fn::And" }, { "!Or", "Fn::Or" }, { "!Not", "Fn::Not" },
		{ "!Condition", "Condition" }, { "!ImportValue", "Fn::ImportValue" }, { "!GetAZs", "Fn::GetAZs" },
		{ "!Base64", "Fn::Base64" }, { "!Cidr", "Fn::Cidr" }, { "!Transform", "Fn::Transform" },
		{ "!Length", "Fn::Length" }, { "!ToJsonString", "Fn::ToJsonString" }, { "!GetAtt", "Fn::GetAtt" },
	};
	for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		char src[128];
		snprintf(src, sizeof(src), "V: %s x\n", tags[i].tag);
		struct loaded *l = loads(src);
		const struct sl_node *v = sl_map_get(l->d.root, "V");
		const struct sl_node *k = sl_node_intrinsic(v);
		assert_true(k != NULL);
		if (k) {
			assert_str(k->str, tags[i].key);
			assert_pos(k->start, 1, 4); /* the tag keeps its position */
			assert_int(TEST_POS(k->end).column, 4 + strlen(tags[i].tag));
			assert_true(v->flags & SL_NODE_SHORT);
			assert_str(sl_node_tag(v), tags[i].tag);
		}
		done(l);
	}
	/* GetAtt A.B becomes a two-item list; each part keeps its own span */
	struct loaded *l = loads("V: !GetAtt Res.Attr.Deep\n");
	const struct sl_node *ga = sl_map_get(sl_map_get(l->d.root, "V"), "Fn::GetAtt");
	assert_int(ga->kind, SL_SEQ);
	assert_int(ga->len, 2);
	assert_str(ga->items[0]->str, "Res");
	assert_str(ga->items[1]->str, "Attr.Deep");
	assert_pos(ga->items[0]->start, 1, 12);
	assert_pos(ga->items[0]->end, 1, 15);
	assert_pos(ga->items[1]->start, 1, 16);
	assert_pos(ga->items[1]->end, 1, 25);
	done(l);
	/* list form, nesting, and a tag on a flow mapping */
	l = loads("A: !GetAtt [Res, Arn]\nB: !Join ['', [!Ref X, !Sub '${Y}']]\nC: !Base64 {\"Fn::Sub\": \"x\"}\n"
		  "D: !If\n  - Cond\n  - !Ref A\n  - !Ref AWS::NoValue\n");
	assert_int(sl_map_get(sl_map_get(l->d.root, "A"), "Fn::GetAtt")->len, 2);
	const struct sl_node *join = sl_map_get(sl_map_get(l->d.root, "B"), "Fn::Join");
	const struct sl_node *inner = join->items[1];
	assert_str(sl_node_intrinsic(inner->items[0])->str, "Ref");
	assert_str(sl_node_intrinsic(inner->items[1])->str, "Fn::Sub");
	assert_pos(inner->items[0]->start, 2, 16);
	const struct sl_node *b64 = sl_map_get(l->d.root, "C");
	assert_str(sl_node_intrinsic(sl_map_get(b64, "Fn::Base64"))->str, "Fn::Sub");
	const struct sl_node *fif = sl_map_get(sl_map_get(l->d.root, "D"), "Fn::If");
	assert_int(fif->len, 3);
	assert_pos(fif->start, 5, 3); /* the list, not the tag on the line before */
	assert_int(l->d.n_diags, 0);
	done(l);
}

static void test_two_tags(void)
{
	struct loaded *l = loads("Resources:\n  A:\n    Properties:\n      U: !Base64 !Sub 'x'\n");
	assert_true(l->d.root == NULL);
	const struct sl_ldiag *d = first_diag(l);
	assert_true(d != NULL);
	if (d) {
		assert_str(d->rule_id, "E0000");
		assert_contains(d->message, "two tags on one value ('!Base64 !Sub')");
		assert_contains(d->message, "{\"Fn::Sub\": ...}");
		assert_pos(d->start, 4, 10);
	}
	done(l);
}

/* A tab in the indentation is named as such (the parsers' own words do not). */
static void test_tab_indent(void)
{
	struct loaded *l = loads("version: 0.0\nos: linux\nfiles:\n\t- source: /\n");
	const struct sl_ldiag *d = first_diag(l);
	assert_true(d != NULL && l->d.root == NULL);
	if (d) {
		assert_str(d->rule_id, "E0000");
		assert_contains(d->message, "a tab in the indentation");
		assert_int(d->start.line, 4);
	}
	done(l);
	/* a tab inside a value is no indentation */
	l = loads("a: \"x\ty\"\n");
	assert_int(count_diag(l, "E0000", "a tab"), 0);
	done(l);
}

static void test_duplicates(void)
{
	struct loaded *l = loads("Resources:\n  A:\n    Type: X\n  B:\n    Type: Y\n  A:\n    Type: Z\n");
	assert_int(count_diag(l, "E0000", "duplicate key 'A'"), 2);
	assert_pos(l->d.diags[0].start, 2, 3);
	assert_pos(l->d.diags[1].start, 6, 3);
	assert_contains(l->d.diags[0].message, "line 6, column 3");
	assert_contains(l->d.diags[1].message, "line 2, column 3");
	/* the last one wins, as in YAML and JSON loaders */
	assert_str(sl_map_get(sl_map_get(sl_map_get(l->d.root, "Resources"), "A"), "Type")->str, "Z");
	done(l);
	/* a large map takes the hashed path */
	char big[8192];
	size_t n = 0;
	for (int i = 0; i < 100; i++)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "K%d: v\n", i);
	n += (size_t)snprintf(big + n, sizeof(big) - n, "K42: again\n");
	l = load(big, n);
	assert_int(count_diag(l, "E0000", "duplicate key 'K42'"), 2);
	done(l);
	/* same key in different maps is fine */
	l = loads("A:\n  X: 1\nB:\n  X: 2\n");
	assert_int(l->d.n_diags, 0);
	done(l);
}

static void test_json(void)
{
	struct loaded *l = loads("{\n  \"Resources\": {\"A\": {\"Type\": \"X\", \"N\": 1.5, \"T\": true}},\n  \"Z\": \"\\ud83d\\ude00\"\n}\n");
	assert_true(l->d.json);
	const struct sl_node *a = sl_map_get(sl_map_get(l->d.root, "Resources"), "A");
	assert_int(sl_map_get(a, "Type")->style, SL_DOUBLE);
	assert_pos(sl_map_get(a, "Type")->start, 2, 31);
	assert_int(sl_scalar_type(sl_map_get(a, "N")), SL_TYPE_FLOAT);
	assert_int(sl_scalar_bool(sl_map_get(a, "T")), 1);
	assert_str(sl_map_get(l->d.root, "Z")->str, "\xF0\x9F\x98\x80");
	done(l);
	l = loads("{\"Resources\": {\"A\": 1 \"B\": 2}}");
	assert_true(l->d.root == NULL);
	assert_true(first_diag(l) && strcmp(first_diag(l)->rule_id, "E0000") == 0);
	done(l);
	l = loads("{\"A\": 1, \"A\": 2}");
	assert_int(count_diag(l, "E0000", "duplicate key 'A'"), 2);
	done(l);
	/* a YAML flow mapping that is not JSON still loads as YAML (CloudFormation
	 * reads YAML too), e.g. a trailing comma or unquoted keys */
	l = loads("{\"Resources\": {\"A\": 1,}}");
	assert_true(l->d.root != NULL);
	done(l);
	l = loads("{Resources: {A: {Type: X}}}");
	assert_true(l->d.root != NULL);
	assert_true(!l->d.json);
	done(l);
}

static void test_bad_input(void)
{
	struct loaded *l = loads("");
	assert_true(first_diag(l) && strstr(first_diag(l)->message, "empty"));
	done(l);
	l = loads("# only a comment\n");
	assert_true(l->d.root == NULL);
	assert_true(first_diag(l) && strstr(first_diag(l)->message, "empty"));
	done(l);
	l = loads("just a string\n");
	assert_true(l->d.root && l->d.root->kind == SL_SCALAR); /* the engine reports E1001 */
	done(l);
	l = load("A: b\nC: \0d\n", 10);
	assert_true(l->d.root == NULL);
	assert_true(first_diag(l) && strstr(first_diag(l)->message, "NUL byte"));
	assert_pos(first_diag(l)->start, 2, 4);
	done(l);
	l = loads("A: b\n# caf\xE9\nC: d\n");
	assert_true(l->d.root == NULL);
	assert_true(first_diag(l) && strstr(first_diag(l)->message, "invalid UTF-8"));
	assert_pos(first_diag(l)->start, 2, 6);
	done(l);
	l = loads("A: \x01\n");
	assert_true(first_diag(l) && strstr(first_diag(l)->message, "control character U+0001"));
	done(l);
	/* a control character (or DEL) anywhere in an 8-byte word read at once,
	 * line feeds beside it: the word-at-a-time scan must stop at it exactly */
	static const unsigned char ctl[] = { 0x01, 0x08, 0x0b, 0x0c, 0x0e, 0x1f, 0x7f };
	for (size_t c = 0; c < sizeof(ctl); c++) {
		for (size_t at = 3; at < 21; at++) {
			char text[] = "A: bcdefgh\nK: 1234567\n";
			if (text[at] == '\n')
				continue;
			text[at] = (char)ctl[c];
			l = loads(text);
			assert_true(l->d.root == NULL && first_diag(l) &&
				    strstr(first_diag(l)->message, "control character"));
			assert_true(first_diag(l)->start.offset == at);
			done(l);
		}
	}
	unsigned char bin[64];
	for (int i = 0; i < 64; i++)
		bin[i] = (unsigned char)(i * 37 + 11);
	l = load((const char *)bin, sizeof(bin));
	assert_true(l->d.root == NULL && l->d.n_diags >= 1);
	done(l);
	/* UTF-8 BOM and CRLF */
	l = loads("\xEF\xBB\xBFResources:\r\n  A:\r\n    Type: X\r\n");
	const struct sl_node *ty = sl_map_get(sl_map_get(sl_map_get(l->d.root, "Resources"), "A"), "Type");
	assert_pos(ty->start, 3, 11);
	assert_pos(ty->end, 3, 12);
	done(l);
	/* UTF-16 LE with BOM is transcoded */
	const char *u8 = "Resources:\n  A: {Type: X}\n";
	size_t n8 = strlen(u8);
	char u16[128];
	u16[0] = (char)0xFF;
	u16[1] = (char)0xFE;
	for (size_t i = 0; i < n8; i++) {
		u16[2 + 2 * i] = u8[i];
		u16[3 + 2 * i] = 0;
	}
	l = load(u16, 2 + 2 * n8);
	assert_true(l->d.root != NULL);
	assert_str(sl_map_get(sl_map_get(sl_map_get(l->d.root, "Resources"), "A"), "Type")->str, "X");
	done(l);
	/* two documents */
	l = loads("Resources:\n  A: {Type: X}\n---\nResources: {}\n");
	assert_true(count_diag(l, "E0000", "second document") == 1);
	assert_pos(first_diag(l)->start, 3, 1);
	done(l);
	/* syntax error: position and a readable message */
	l = loads("Resources:\n  A:\n    Type: X\n   Bad: y\n");
	assert_true(l->d.root == NULL);
	assert_true(first_diag(l) && first_diag(l)->start.line == 4);
	done(l);
	/* tabs for indentation */
	l = loads("Resources:\n\tA: 1\n");
	assert_true(l->d.root == NULL && first_diag(l) != NULL);
	done(l);
}

static void test_limits(void)
{
	size_t n = 100000;
	char *deep = malloc(n + 2);
	memset(deep, '[', n);
	deep[n] = '\n';

	struct loaded *l = load(deep, n + 1);
	assert_true(l->d.root == NULL);
	assert_int(count_diag(l, "E0000", "nesting deeper than 512"), 1);
	assert_pos(first_diag(l)->start, 1, 513);
	done(l);
	/* block nesting too */
	size_t cap = 600 * 700, k = 0;
	char *blk = malloc(cap);
	for (int d = 0; d < 600; d++) {
		for (int s = 0; s < d; s++)
			blk[k++] = ' ';
		k += (size_t)sprintf(blk + k, "k%d:\n", d);
	}
	l = load(blk, k);
	assert_int(count_diag(l, "E0000", "nesting deeper than 512"), 1);
	done(l);
	free(blk);
	free(deep);

	/* size limit */
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc d;
	struct sl_load_opts o = { backend, 16 };
	assert_int(sl_load(&d, &a, "Resources:\n  A: {Type: X}\n", 27, &o), 0);
	assert_true(d.root == NULL && d.n_diags == 1 && strstr(d.diags[0].message, "size limit"));
	sl_arena_free(&a);
}

static void test_anchors(void)
{
	struct loaded *l = loads("A: &x {K: v}\nB: *x\nC:\n  <<: *x\n  K: w\n");
	assert_int(count_diag(l, "W1100", "anchor '&x'"), 1);
	assert_int(count_diag(l, "W1100", "alias '*x'"), 2);
	assert_int(count_diag(l, "W1100", "merge key '<<'"), 1);
	const struct sl_node *b = sl_map_get(l->d.root, "B");
	assert_true(b->kind == SL_SCALAR && (b->flags & SL_NODE_ALIAS)); /* never expanded */
	assert_pos(b->start, 2, 4);
	done(l);
	/* an alias bomb stays small */
	const char *bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
			   "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
			   "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
			   "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
			   "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
	l = loads(bomb);
	assert_true(l->d.root != NULL);
	assert_true(l->a.total < (1u << 20));
	done(l);
}

static void test_scalars(void)
{
	static const struct { const char *text; enum sl_scalar_type type; } cases[] = {
		{ "yes", SL_TYPE_BOOL }, { "On", SL_TYPE_BOOL }, { "FALSE", SL_TYPE_BOOL }, { "y", SL_TYPE_STRING },
		{ "0777", SL_TYPE_INT }, { "0x1F", SL_TYPE_INT }, { "1_000", SL_TYPE_INT }, { "-12", SL_TYPE_INT },
		{ "190:20:30", SL_TYPE_INT }, { "0b101", SL_TYPE_INT }, { "1.5", SL_TYPE_FLOAT },
		{ "6.8523015e+5", SL_TYPE_FLOAT }, { ".inf", SL_TYPE_FLOAT }, { "-.inf", SL_TYPE_FLOAT },
		{ ".NaN", SL_TYPE_FLOAT }, { "~", SL_TYPE_NULL }, { "null", SL_TYPE_NULL },
		{ "2010-09-09", SL_TYPE_STRING }, { "0789", SL_TYPE_STRING }, { "1e5", SL_TYPE_STRING },
		{ "t2.micro", SL_TYPE_STRING }, { "3.2.1", SL_TYPE_STRING },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char src[64];
		snprintf(src, sizeof(src), "V: %s\n", cases[i].text);
		struct loaded *l = loads(src);
		const struct sl_node *v = sl_map_get(l->d.root, "V");
		if (sl_scalar_type(v) != cases[i].type)
			fprintf(stderr, "scalar '%s'\n", cases[i].text);
		assert_int(sl_scalar_type(v), cases[i].type);
		done(l);
	}
	struct loaded *l = loads("A: 'yes'\nB: !!str 10\nC: \"true\"\nD: |\n  text\n  more\n");
	assert_int(sl_scalar_type(sl_map_get(l->d.root, "A")), SL_TYPE_STRING);
	assert_int(sl_scalar_type(sl_map_get(l->d.root, "B")), SL_TYPE_STRING);
	assert_int(sl_scalar_type(sl_map_get(l->d.root, "C")), SL_TYPE_STRING);
	const struct sl_node *d = sl_map_get(l->d.root, "D");
	assert_int(d->style, SL_LITERAL);
	assert_str(d->str, "text\nmore\n");
	assert_pos(d->start, 4, 4);
	assert_pos(d->end, 6, 7);
	done(l);
}

static void test_unicode_positions(void)
{
	/* columns count characters (as cfn-lint does); offsets count bytes */
	struct loaded *l = loads("Description: \"h\xC3\xA9llo \xE2\x82\xAC\"\nX: y\nZ: [\xC3\xA9, b]\n");
	const struct sl_node *z = sl_map_get(l->d.root, "Z");
	assert_pos(z->items[1]->start, 3, 8);
	assert_int(z->items[1]->start, 39);
	done(l);
}

/* Short texts are stored once and shared by the nodes that hold them; a
 * text with U+0000, a long one, and every text once the table of shared
 * texts is full, get their own copy, and each node still reads its text. */
static void test_shared_texts(void)
{
	/* in a document of 64 KiB or more: a comment makes it that large */
	static const char head[] = "A: [abc, abc, \"a\\0b\", \"a\\0b\"]\nabc: abc\n"
				   "L: [aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa, "
				   "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa]\n#";
	size_t big = 70000;
	char *text = malloc(big + 2);
	memcpy(text, head, sizeof(head) - 1);
	memset(text + sizeof(head) - 1, 'c', big - (sizeof(head) - 1));
	memcpy(text + big, "\n", 2);
	struct loaded *l = load(text, big + 1);
	const struct sl_node *a = sl_map_get(l->d.root, "A"), *k = l->d.root->pairs[1].key;
	const struct sl_node *v = l->d.root->pairs[1].value, *ll = sl_map_get(l->d.root, "L");
	assert_true(a->items[0]->str == a->items[1]->str);
	assert_true(k->str == a->items[0]->str && v->str == k->str);
	assert_true(a->items[2]->str != a->items[3]->str);
	assert_int(a->items[2]->len, 4);
	assert_true(memcmp(a->items[2]->str, "a\xC0\x80" "b", 5) == 0);
	assert_true(ll->items[0]->str != ll->items[1]->str);
	assert_true(strcmp(ll->items[0]->str, ll->items[1]->str) == 0);
	done(l);
	/* in a small document, every text has its own copy */
	l = load(text, sizeof(head) - 2);
	a = sl_map_get(l->d.root, "A");
	assert_true(a && a->items[0]->str != a->items[1]->str && strcmp(a->items[1]->str, "abc") == 0);
	done(l);
	free(text);

	/* 70,000 distinct texts, each twice: more than the table takes */
	size_t n = 70000, cap = n * 2 * 12 + 16, len = 0;
	char *src = malloc(cap);
	len += (size_t)snprintf(src, cap, "L:\n");
	for (size_t i = 0; i < 2 * n; i++)
		len += (size_t)snprintf(src + len, cap - len, "- t%zu\n", i % n);
	l = load(src, len);
	const struct sl_node *list = sl_map_get(l->d.root, "L");
	assert_true(list && list->len == 2 * n);
	size_t wrong = 0, shared = 0;
	for (size_t i = 0; list && i < list->len; i++) {
		char want[16];
		snprintf(want, sizeof(want), "t%zu", i % n);
		wrong += strcmp(list->items[i]->str, want) != 0;
		shared += i >= n && list->items[i]->str == list->items[i - n]->str;
	}
	assert_int(wrong, 0);
	assert_true(shared > 40000 && shared < n); /* the first ones, until the table was full */
	done(l);
	free(src);
}

int main(void)
{
	enum sl_backend backends[] = { SL_BACKEND_LIBYAML, SL_BACKEND_LIBFYAML };
	for (int i = 0; i < 2; i++) {
		backend = backends[i];
		int before = test_failures;
		test_tree_and_positions();
		test_short_forms();
		test_two_tags();
		test_tab_indent();
		test_duplicates();
		test_json();
		test_bad_input();
		test_limits();
		test_anchors();
		test_scalars();
		test_unicode_positions();
		test_shared_texts();
		if (test_failures != before)
			fprintf(stderr, "^ failures with backend %s\n", i == 0 ? "libyaml" : "libfyaml");
	}
	return test_result();
}
