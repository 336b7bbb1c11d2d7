/*
 * Unit tests for the shortcuts of issue 16's rule-side hot paths: each must
 * give what the slow way gave. The bit-parallel edit distance against the
 * dynamic programming table it replaced, the text scan that lets rules skip a
 * template (sl_text_may_hold) on the escapes that make text the source does
 * not show, the packaged-property table that is now binary searched, and the
 * column of an offset in a long non-ASCII line (sl_doc_pos counts eight bytes
 * at a time from the nearest mark). And the model's shortcuts: a resource's
 * Properties and attribute bits against the map lookups they replace, the
 * per-type index (a counting sort) and sl_template_of_types against sorting
 * by hand.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/textscan.h"
#include "engine/engine.h"
#include "load/load.h"
#include "rules/packaged.h"
#include "template/template.h"
#include "test.h"
#include "util/arena.h"

/* The Levenshtein distance as the table of the textbook computes it. */
static size_t table_distance(const char *a, size_t la, const char *b, size_t lb)
{
	size_t row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j], v = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < v)
				v = row[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			row[j] = v;
			prev = cur;
		}
	}
	return row[lb];
}

static void test_edit_distance(void)
{
	assert_int(sl_edit_distance("", 0, "abc", 3), 3);
	assert_int(sl_edit_distance("abc", 3, "", 0), 3);
	assert_int(sl_edit_distance("Resources", 9, "Resource", 8), 1);
	assert_int(sl_edit_distance("kitten", 6, "sitting", 7), 3);
	char x[65], y[65];
	memset(x, 'a', 64);
	assert_int(sl_edit_distance(x, 64, x, 64), 0);
	assert_int(sl_edit_distance(x, 65, x, 3), (size_t)-1); /* names, not text */
	/* random strings over small alphabets (many matches) and high bytes, every
	 * length up to the 64 of one machine word */
	srand(16);
	size_t bad = 0;
	for (int t = 0; t < 200000; t++) {
		size_t la = (size_t)rand() % 65, lb = (size_t)rand() % 65;
		int alpha = 1 + rand() % 5;
		for (size_t i = 0; i < la; i++)
			x[i] = (char)(rand() % 9 ? 'a' + rand() % alpha : 0x80 + rand() % 128);
		for (size_t i = 0; i < lb; i++)
			y[i] = (char)(rand() % 9 ? 'a' + rand() % alpha : 0x80 + rand() % 128);
		if (t % 4 == 0)
			for (size_t i = 0; i < la && i < lb; i++)
				if (rand() % 6)
					y[i] = x[i];
		bad += sl_edit_distance(x, la, y, lb) != table_distance(x, la, y, lb);
	}
	assert_int(bad, 0);
}

/* sl_text_may_hold on src, linted as a template. */
static bool may_hold(const char *src, const char *needle)
{
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc doc;
	bool r = true;
	if (sl_load(&doc, &a, src, strlen(src), NULL) == 0 && sl_node_is(doc.root, SL_MAP)) {
		struct sl_template t;
		if (sl_template_build(&t, &doc, &a) == 0) {
			struct sl_ctx c;
			memset(&c, 0, sizeof(c));
			c.t = &t;
			c.arena = &a;
			r = sl_text_may_hold(&c, needle);
			/* the second answer comes from the memo: the same */
			assert_true(sl_text_may_hold(&c, needle) == r);
			for (size_t i = 0; i < c.n_memo; i++)
				if (c.memo[i].free)
					c.memo[i].free(c.memo[i].data);
		}
	}
	sl_arena_free(&a);
	return r;
}

static void test_text_may_hold(void)
{
	const char *plain = "Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
			    "    Properties: {QueueName: a-b}\n";
	assert_true(!may_hold(plain, "${"));
	assert_true(!may_hold(plain, "cfn-"));
	assert_true(may_hold(plain, "Queue"));
	assert_true(may_hold("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n"
			     "    Properties: {QueueName: !Sub 'q-${AWS::Region}'}\n", "${"));
	/* the needle at the very start and the very end of the text */
	assert_true(may_hold("{\"Resources\": {}, \"x\": \"cfn-\"}", "cfn-"));
	assert_true(may_hold("{\"Resources\": {}, \"x\": \"a\"}", "}"));
	/* escapes that make the needle's bytes: JSON \u, YAML \x, \u, \U, and a
	 * backslash that joins two lines of a double-quoted scalar */
	assert_true(may_hold("{\"Resources\": {}, \"x\": \"\\u0024{A}\"}", "${"));
	assert_true(may_hold("Resources: {}\nx: \"\\x24{A}\"\n", "${"));
	assert_true(may_hold("Resources: {}\nx: \"\\U00000024{A}\"\n", "${"));
	assert_true(may_hold("Resources: {}\nx: \"cf\\\n  n-init\"\n", "cfn-"));
	assert_true(may_hold("Resources: {}\nx: \"cf\\\r\n  n-init\"\n", "cfn-"));
	/* escapes that make no such byte, and folds, which make a space */
	assert_true(!may_hold("{\"Resources\": {}, \"x\": \"a\\nb\\t\\\"c\\\\\"}", "${"));
	assert_true(!may_hold("Resources: {}\nx: \"cf\n  n-init\"\n", "cfn-"));
	assert_true(!may_hold("Resources: {}\nx: >\n  cf\n  n-init\n", "cfn-"));
	/* Fn::ForEach makes strings of its own: anything may be */
	assert_true(may_hold("Transform: AWS::LanguageExtensions\nResources:\n"
			     "  Fn::ForEach::Q:\n    - N\n    - [a, b]\n"
			     "    - Q${N}:\n        Type: AWS::SQS::Queue\n", "cfn-"));
	/* a side file has no template: anything may be */
	struct sl_ctx c;
	memset(&c, 0, sizeof(c));
	assert_true(sl_text_may_hold(&c, "cfn-"));
}

static void test_packaged_sorted(void)
{
	size_t n;
	const struct sl_packaged *p = sl_packaged_props(&n);
	for (size_t i = 1; i < n; i++)
		assert_true(strcmp(p[i - 1].type, p[i].type) <= 0); /* sl_packaged_find's binary search */
}

/* Every offset of a one-line JSON text of 1-, 2-, 3- and 4-byte characters,
 * longer than several marks, against a count byte by byte. */
static void test_doc_pos_columns(void)
{
	static const char *const ch[] = { "a", "\xc3\xa9", "\xe6\xbc\xa2", "\xf0\x9f\x98\x80" };
	size_t cap = 4 * SL_DOC_MARK + 64, len = 0;
	char *s = malloc(cap + 64);
	assert_true(s != NULL);
	static const char head[] = "{\"Description\": \"", tail[] = "\", \"Resources\": {}}";
	memcpy(s, head, sizeof(head) - 1), len = sizeof(head) - 1;
	for (unsigned k = 0; len < cap; k = k * 7 + 3)
		for (const char *c = ch[k % 4]; *c; c++)
			s[len++] = *c;
	memcpy(s + len, tail, sizeof(tail) - 1), len += sizeof(tail) - 1;
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc d;
	struct sl_load_opts lo = { SL_BACKEND_DEFAULT, 0, false };
	assert_true(sl_load(&d, &a, s, len, &lo) == 0 && d.root && !d.ascii);
	size_t chars = 0;
	for (size_t off = 0; off <= len; off++) {
		if (off == len || ((unsigned char)d.src[off] & 0xC0) != 0x80) {
			struct sl_position p = sl_doc_pos(&d, off);
			assert_true(p.line == 1 && p.column == chars + 1 && p.offset == off);
		}
		chars += off < len && ((unsigned char)d.src[off] & 0xC0) != 0x80;
	}
	sl_arena_free(&a);
	free(s);
}

/* The line table (counted eight bytes at a time) against a count byte by
 * byte: line feeds, CRLF, lone CRs and non-ASCII bytes at every place of a
 * word, on random texts of every length up to 70 bytes. */
static void test_doc_lines(void)
{
	static const char alphabet[] = { 'a', '\n', '\r', ' ', (char)0xc3, (char)0xa9, '\n', 'b' };
	uint32_t seed = 12345;
	size_t bad = 0;
	for (size_t round = 0; round < 20000; round++) {
		char s[72];
		size_t len = round % 71;
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			s[i] = alphabet[(seed >> 16) % (round % 3 ? 8 : 3)];
		}
		struct sl_arena a;
		sl_arena_init(&a);
		struct sl_doc d;
		memset(&d, 0, sizeof(d));
		d.arena = &a;
		d.src = s;
		d.len = len;
		assert_int(sl_doc_lines(&d), 0);
		uint32_t want[72];
		size_t n = 0;
		bool ascii = true;
		want[n++] = 0;
		for (size_t i = 0; i < len; i++) {
			ascii &= (unsigned char)s[i] < 0x80;
			if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
				want[n++] = (uint32_t)(i + 1);
		}
		bad += d.n_lines != n || memcmp(d.line_starts, want, n * sizeof(*want)) != 0 ||
		       d.ascii != ascii;
		sl_arena_free(&a);
	}
	assert_int(bad, 0);
}

static bool is_queue_or_topic(const struct sl_node *type, void *ud)
{
	(void)ud;
	return sl_str_eq(type, "AWS::SQS::Queue") || sl_str_eq(type, "AWS::SNS::Topic");
}

static void test_model_shortcuts(void)
{
	/* types out of order and repeated, a Type that is no scalar, a
	 * resource without Properties, one whose Properties is a list, a
	 * duplicate key (its slot is used again: no attribute may linger) */
	const char *src = "Resources:\n"
			  "  A: {Type: AWS::SQS::Queue, Condition: C, DeletionPolicy: Retain,\n"
			  "      Metadata: {x: 1}, Properties: {QueueName: a}}\n"
			  "  B: {Type: AWS::SNS::Topic, DependsOn: A}\n"
			  "  C: {Type: [AWS::SQS::Queue], Properties: {}}\n"
			  "  A: {Type: AWS::SQS::Queue, UpdatePolicy: {}, CreationPolicy: {},\n"
			  "      Properties: [x]}\n"
			  "  D: {Type: AWS::S3::Bucket, UpdateReplacePolicy: Retain,\n"
			  "      Connectors: {}, IgnoreGlobals: '*'}\n"
			  "  E: {Type: AWS::SNS::Topic, Properties: {TopicName: e}}\n"
			  "  F: {Type: AWS::SQS::Queue}\n";
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc doc;
	struct sl_template t;
	if (sl_load(&doc, &a, src, strlen(src), NULL) != 0 ||
	    sl_template_build(&t, &doc, &a) != 0) {
		assert_true(false);
		sl_arena_free(&a);
		return;
	}
	const struct sl_index *r = &t.resources;
	assert_int(r->n, 6);
	for (size_t i = 0; i < r->n; i++) {
		const struct sl_entity *e = &r->items[i];
		const struct sl_node *p = sl_map_get(e->value, "Properties");
		assert_true(e->props == (sl_node_is(p, SL_MAP) ? p : NULL));
		for (int k = 0; k < SL_ATTR_COUNT; k++)
			assert_true(sl_entity_attr_pair(e, (enum sl_attr)k) ==
				    sl_map_get_pair(e->value, sl_attr_names[k]));
		/* no bit without its key */
		for (int k = 0; k < SL_ATTR_COUNT; k++)
			assert_true(!(e->attrs >> k & 1u) ||
				    sl_map_get(e->value, sl_attr_names[k]));
	}
	/* by_type: every resource with a scalar Type once, by Type, in source
	 * order within a Type; type_runs where each Type starts */
	assert_int(t.n_by_type, 5);
	assert_int(t.n_types, 3);
	for (size_t i = 1; i < t.n_by_type; i++) {
		const struct sl_node *x = r->items[t.by_type[i - 1]].type;
		const struct sl_node *y = r->items[t.by_type[i]].type;
		int c = sl_bytes_cmp(x->str, x->len, y->str, y->len);
		assert_true(c < 0 || (c == 0 && t.by_type[i - 1] < t.by_type[i]));
	}
	for (size_t k = 0; k < t.n_types; k++) {
		const struct sl_node *ty = sl_template_run_type(&t, k);
		const uint32_t *ix;
		size_t n = sl_template_of_type(&t, ty->str, ty->len, &ix);
		assert_int(n, t.type_runs[k + 1] - t.type_runs[k]);
	}
	/* the queues and topics in source order: A (the last A), B, E, F */
	uint32_t *ix;
	long n = sl_template_of_types(&t, is_queue_or_topic, NULL, &ix);
	assert_int(n, 4);
	const char *want[] = { "A", "B", "E", "F" };
	for (long i = 0; i < n && i < 4; i++)
		assert_str(r->items[ix[i]].key->str, want[i]);
	free(ix);
	sl_arena_free(&a);
}

int main(void)
{
	test_model_shortcuts();
	test_doc_pos_columns();
	test_doc_lines();
	test_edit_distance();
	test_text_may_hold();
	test_packaged_sorted();
	return test_result();
}
