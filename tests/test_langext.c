/*
 * AWS::LanguageExtensions expansion (src/template/langext.c) seen through the
 * whole pipeline: what the fixture runner cannot check because it keeps the
 * diagnostics of one rule. Without the transform a template with loops gets
 * E1032 and nothing else; with it, the copies of a loop body report a finding
 * once, naming the loop values only when some copies lack it; the expanded
 * tree keeps source positions and parents; a loop beyond the node cap stays as
 * written and is silent; functions the transform resolves are resolved.
 *
 * Usage: test_langext FIXTURES_RULES_DIR
 */
#include <stdlib.h>

#include "engine/engine.h"
#include "test.h"

static const char *fixtures;

static struct sl_report *lint(const char *src)
{
	struct sl_report *r = NULL;
	assert_int(sl_lint_buffer(&r, NULL, "t.yaml", src, strlen(src)), 0);
	return r;
}

static int count(const struct sl_report *r, const char *id)
{
	int n = 0;
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->diags[i].rule_id, id) == 0)
			n++;
	return n;
}

static char *read_fixture(const char *name, size_t *len)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", fixtures, name);
	FILE *f = fopen(path, "rb");
	assert_true(f != NULL);
	if (!f)
		return NULL;
	char *buf = malloc(1 << 16);
	*len = fread(buf, 1, (1 << 16) - 1, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Without the transform: one E1032 per loop, nothing else, informational
 * rules included. */
static void test_no_transform(void)
{
	size_t len;
	char *src = read_fixture("E1032/bad_no_transform_cascade.yaml", &len);
	if (!src)
		return;
	const char *inc[] = { "I" };
	struct sl_options o = { .include_checks = inc, .n_include = 1 };
	struct sl_report *r = NULL;
	assert_int(sl_lint_buffer(&r, &o, "t.yaml", src, len), 0);
	assert_int(count(r, "E1032"), 6);
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->diags[i].rule_id, "E1032") != 0)
			fprintf(stderr, "unexpected %s %u:%u %s\n", r->diags[i].rule_id,
				r->diags[i].start.line, r->diags[i].start.column, r->diags[i].message);
	assert_int(r->count, 6);
	sl_report_free(r);
	free(src);
}

/* The same finding in every copy: once, as written; in some copies: once,
 * with the values; different findings at one place: each. */
static void test_copies_once(void)
{
	struct sl_report *r = lint("Transform: AWS::LanguageExtensions\n"
				   "Resources:\n"
				   "  Fn::ForEach::Topics:\n"
				   "    - Name\n"
				   "    - [A, B, C]\n"
				   "    - Topic${Name}:\n"
				   "        Type: AWS::SNS::Topic\n"
				   "        Properties:\n"
				   "          TopicName: !Ref Nope\n"
				   "          DisplayName: !Ref Queue${Name}\n"
				   "  QueueA:\n"
				   "    Type: AWS::SQS::Queue\n"
				   "Outputs:\n"
				   "  Arn:\n"
				   "    Value: !Ref TopicB\n");
	assert_int(count(r, "E1020"), 3);
	for (size_t i = 0; i < r->count; i++) {
		const struct sl_diag *d = &r->diags[i];
		if (strcmp(d->rule_id, "E1020") != 0)
			continue;
		if (d->start.line == 9) {
			assert_str(d->message, "Ref to 'Nope', which is not a parameter or resource of this "
				   "template");
			/* the path is the one of a copy: Resources/TopicX/Properties/TopicName/Ref */
			assert_int(d->path_len, 5);
			if (d->path_len == 5)
				assert_str(d->path[0].key, "Resources");
		} else {
			assert_int(d->start.line, 10);
			assert_int(d->start.column, 29);
			assert_contains(d->message, "(when Fn::ForEach sets Name = '");
		}
	}
	sl_report_free(r);
}

/* The model reads the expanded tree, whose nodes keep the loop body's
 * positions and have parents in the copy. */
static void test_model(void)
{
	const char *src = "Transform: AWS::LanguageExtensions\n"
			  "Parameters:\n"
			  "  Names:\n"
			  "    Type: CommaDelimitedList\n"
			  "    Default: x,y\n"
			  "Resources:\n"
			  "  Fn::ForEach::Topics:\n"
			  "    - Name\n"
			  "    - !Ref Names\n"
			  "    - Topic&{Name}:\n"
			  "        Type: AWS::SNS::Topic\n"
			  "        Properties:\n"
			  "          TopicName: !Sub '${Name}-t'\n"
			  "          DisplayName: !Length [a, b, c]\n"
			  "          Tags:\n"
			  "            - Key: k\n"
			  "              Value: !ToJsonString {a: [1, true, x]}\n";
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc doc;
	struct sl_load_opts lo = { SL_BACKEND_DEFAULT, 0 };
	assert_int(sl_load(&doc, &a, src, strlen(src), &lo), 0);
	test_doc = &doc;
	struct sl_template t;
	assert_int(sl_template_build(&t, &doc, &a), 0);
	assert_true(t.lx != NULL);
	assert_true(t.root != t.src_root);
	assert_int(t.resources.n, 2);
	const struct sl_entity *e = sl_index_find(&t.resources, "Topicy", 6);
	assert_true(e != NULL);
	if (e) {
		assert_int(TEST_POS(e->key->start).line, 10);
		assert_int(TEST_POS(e->key->start).column, 7);
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		/* a Fn::Sub over loop identifiers only is the text the transform leaves */
		const struct sl_node *name = sl_map_get(props, "TopicName");
		assert_true(sl_str_eq(name, "y-t"));
		assert_true(sl_langext_varies(t.lx, name));
		assert_true(name && name->parent == props);
		const struct sl_lx_copy *cp = sl_langext_copy_of(t.lx, name);
		assert_true(cp != NULL);
		if (cp) {
			assert_str(cp->binding, "Name = 'y'");
			assert_int(*cp->n_copies, 2);
		}
		const struct sl_node *len = sl_map_get(props, "DisplayName");
		assert_true(sl_str_eq(len, "3") && sl_scalar_type(len) == SL_TYPE_INT);
		const struct sl_node *tags = sl_map_get(props, "Tags");
		const struct sl_node *json = sl_node_is(tags, SL_SEQ) ? sl_map_get(tags->items[0], "Value") : NULL;
		assert_true(sl_str_eq(json, "{\"a\":[1,true,\"x\"]}"));
	}
	/* the parameter the collection names is used */
	bool used = false;
	for (size_t i = 0; i < t.n_refs; i++)
		if (t.refs[i].kind == SL_REF_REF && strcmp(t.refs[i].name, "Names") == 0)
			used = true;
	assert_true(used);
	assert_int(t.n_foreach, 0);
	sl_arena_free(&a);
}

/* A loop that would generate more than SL_LX_MAX_NODES nodes stays as written
 * and is silent; the template's other findings remain. */
static void test_cap(void)
{
	char items[8000];
	size_t k = 0;
	for (int i = 0; i < 1000; i++)
		k += (size_t)snprintf(items + k, sizeof(items) - k, "%sV%d", i ? "," : "", i);
	char *src = malloc(40000);
	snprintf(src, 40000,
		 "Transform: AWS::LanguageExtensions\n"
		 "Resources:\n"
		 "  Fn::ForEach::A:\n"
		 "    - X\n"
		 "    - [%s]\n"
		 "    - Fn::ForEach::B:\n"
		 "        - Y\n"
		 "        - [%s]\n"
		 "        - Topic${X}${Y}:\n"
		 "            Type: AWS::SNS::Topic\n"
		 "            Properties:\n"
		 "              TopicName: !Ref Y\n"
		 "  Other:\n"
		 "    Type: AWS::SNS::Topic\n"
		 "    Properties:\n"
		 "      TopicName: !GetAtt TopicV1V2.TopicName\n"
		 "      DisplayName: !Ref Nope\n",
		 items, items);
	struct sl_report *r = lint(src);
	assert_int(r->count, 1);
	assert_int(count(r, "E1020"), 1);
	sl_report_free(r);
	free(src);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: test_langext FIXTURES_RULES_DIR\n");
		return 2;
	}
	fixtures = argv[1];
	test_no_transform();
	test_copies_once();
	test_model();
	test_cap();
	return test_result();
}
