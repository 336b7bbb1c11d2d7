/*
 * Engine unit tests: rule selection (ignore/include by ID and prefix,
 * informational rules off by default, mandatory checks), suppressions in
 * template and resource Metadata, sorting, template paths, exit bits, and the
 * model's reference graph.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/engine.h"
#include "test.h"

static struct sl_report *lint(const char *src, const struct sl_options *o)
{
	struct sl_report *r = NULL;
	assert_int(sl_lint_buffer(&r, o, "t.yaml", src, strlen(src)), 0);
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

static const char *tpl =
	"Parameters:\n"
	"  Unused:\n"
	"    Type: String\n"
	"Resources:\n"
	"  Q:\n"
	"    Type: AWS::SQS::Queue\n"
	"    Properties:\n"
	"      QueueName: !Ref Nope\n"
	"      Tags:\n"
	"        - Key: k\n"
	"          Value: !GetAtt Missing.Arn\n";

static void test_selection(void)
{
	struct sl_report *r = lint(tpl, NULL);
	assert_int(r->count, 3);
	assert_int(sl_report_exit_bits(r), 6);
	/* sorted by position */
	assert_str(r->diags[0].rule_id, "W2001");
	assert_str(r->diags[1].rule_id, "E1020");
	assert_str(r->diags[2].rule_id, "E1010");
	/* path of the E1010 finding */
	const struct sl_diag *d = &r->diags[2];
	assert_int(d->path_len, 8);
	if (d->path_len == 8) {
		assert_str(d->path[0].key, "Resources");
		assert_str(d->path[1].key, "Q");
		assert_str(d->path[3].key, "Tags");
		assert_true(d->path[4].key == NULL && d->path[4].index == 0);
		assert_str(d->path[6].key, "Fn::GetAtt");
		assert_true(d->path[7].key == NULL && d->path[7].index == 0);
	}
	sl_report_free(r);

	/* no_paths: the same findings, without paths */
	struct sl_options np = { .no_paths = true };
	r = lint(tpl, &np);
	assert_int(r->count, 3);
	for (size_t i = 0; i < r->count; i++)
		assert_true(r->diags[i].path == NULL && r->diags[i].path_len == 0);
	assert_str(r->count == 3 ? r->diags[2].rule_id : "", "E1010");
	sl_report_free(r);

	const char *ign[] = { "W" };
	struct sl_options o = { .ignore_checks = ign, .n_ignore = 1 };
	r = lint(tpl, &o);
	assert_int(count(r, "W2001"), 0);
	assert_int(r->count, 2);
	sl_report_free(r);

	const char *ign2[] = { "E10" };
	const char *inc2[] = { "E1010" };
	struct sl_options o2 = { .ignore_checks = ign2, .n_ignore = 1, .include_checks = inc2, .n_include = 1 };
	r = lint(tpl, &o2);
	assert_int(count(r, "E1020"), 0);
	assert_int(count(r, "E1010"), 1); /* an exact include beats a prefix ignore */
	sl_report_free(r);
}

static void test_metadata_suppression(void)
{
	const char *src =
		"Metadata:\n"
		"  cfn-lint:\n"
		"    config:\n"
		"      ignore_checks: [W2001]\n"
		"Parameters:\n"
		"  Unused:\n"
		"    Type: String\n"
		"Resources:\n"
		"  A:\n"
		"    Type: AWS::SQS::Queue\n"
		"    Metadata:\n"
		"      cfn-lint:\n"
		"        config:\n"
		"          ignore_checks:\n"
		"            - E1020\n"
		"    Properties:\n"
		"      QueueName: !Ref Nope\n"
		"  B:\n"
		"    Type: AWS::SQS::Queue\n"
		"    Properties:\n"
		"      QueueName: !Ref Nope\n";
	struct sl_report *r = lint(src, NULL);
	assert_int(count(r, "W2001"), 0);
	assert_int(count(r, "E1020"), 1);
	assert_int(r->count ? r->diags[0].start.line : 0, 21);
	sl_report_free(r);
	const char *mand[] = { "W2001" };
	struct sl_options o = { .mandatory_checks = mand, .n_mandatory = 1 };
	r = lint(src, &o);
	assert_int(count(r, "W2001"), 1);
	sl_report_free(r);
}

static void test_not_a_template(void)
{
	struct sl_report *r = lint("- a\n- b\n", NULL);
	assert_true(!r->is_template);
	assert_int(count(r, "E1001"), 1);
	sl_report_free(r);
	r = lint("name: x\nservices: {}\n", NULL);
	assert_true(!r->is_template);
	sl_report_free(r);
	r = lint("{\"Resources\": {\"A\": {\"Type\": \"AWS::SNS::Topic\"}}}", NULL);
	assert_true(r->is_template);
	assert_int(r->count, 0);
	sl_report_free(r);
}

static void test_refs(void)
{
	struct sl_arena a;
	sl_arena_init(&a);
	struct sl_doc doc;
	const char *src =
		"Parameters:\n  P:\n    Type: String\n"
		"Conditions:\n  C: !Equals [!Ref P, x]\n  D: !Not [!Condition C]\n"
		"Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Condition: C\n    DependsOn: [S]\n"
		"    Properties:\n      TopicName: !Sub 'a-${P}-${S.Arn}-${!Lit}-${V}'\n"
		"      X: !Sub ['${V}', {V: !Ref P}]\n"
		"      Y: !If [D, !GetAtt S.Arn, !Ref AWS::NoValue]\n"
		"  S:\n    Type: AWS::SNS::Topic\n"
		"Outputs:\n  O:\n    Condition: C\n    Value: !FindInMap [M, a, b]\n";
	assert_int(sl_load(&doc, &a, src, strlen(src), NULL), 0);
	struct sl_template t;
	assert_int(sl_template_build(&t, &doc, &a), 0);
	int kinds[8] = { 0 };
	for (size_t i = 0; i < t.n_refs; i++)
		kinds[t.refs[i].kind]++;
	assert_int(kinds[SL_REF_REF], 3);      /* P in C, P in the Sub map, AWS::NoValue */
	assert_int(kinds[SL_REF_SUB], 3);      /* P, S.Arn, V (no map there); not !Lit, not the mapped V */
	assert_int(kinds[SL_REF_GETATT], 1);
	assert_int(kinds[SL_REF_DEPENDSON], 1);
	assert_int(kinds[SL_REF_RES_COND], 1);
	assert_int(kinds[SL_REF_COND], 3);     /* !Condition C, Fn::If D, output C */
	assert_int(kinds[SL_REF_FINDINMAP], 1);
	for (size_t i = 0; i < t.n_refs; i++) {
		const struct sl_ref *r = &t.refs[i];
		if (r->kind == SL_REF_SUB && strcmp(r->name, "S") == 0) {
			assert_str(r->attr, "Arn");
			/* exact span of the variable inside the string */
			assert_int(sl_doc_pos(&doc, r->start).line, 13);
			assert_int(sl_doc_pos(&doc, r->start).column, 33);
			assert_int(sl_doc_pos(&doc, r->end).column, 38);
		}
	}
	assert_true(sl_index_find(&t.resources, "S", 1) != NULL);
	assert_true(sl_index_find(&t.resources, "P", 1) == NULL);
	assert_true(sl_pseudo_param("AWS::URLSuffix", 14));
	sl_arena_free(&a);
}

static void test_suggest(void)
{
	const char *c[] = { "Resources", "Outputs", "Parameters" };
	assert_str(sl_suggest("Resource", 8, c, 3), "Resources");
	assert_str(sl_suggest("Ouputs", 6, c, 3), "Outputs");
	assert_true(sl_suggest("Zzz", 3, c, 3) == NULL);
}

/* File kinds: told by documented names only, and only their rules run. */
static void test_file_kinds(void)
{
	assert_int(sl_file_kind_of("appspec.yml"), SL_FILE_APPSPEC);
	assert_int(sl_file_kind_of("a/b/appspec.json"), SL_FILE_APPSPEC);
	assert_int(sl_file_kind_of("my-appspec.yml"), SL_FILE_TEMPLATE);
	assert_int(sl_file_kind_of("appspec.yml/x.yaml"), SL_FILE_TEMPLATE);
	assert_int(sl_file_kind_of("samconfig.toml"), SL_FILE_SAMCONFIG);
	assert_int(sl_file_kind_of("app/samconfig.yml"), SL_FILE_SAMCONFIG);
	assert_int(sl_file_kind_of("Dockerrun.aws.json"), SL_FILE_DOCKERRUN);
	assert_int(sl_file_kind_of("dockerrun.aws.json"), SL_FILE_TEMPLATE);
	assert_int(sl_file_kind_of("eb/env.yaml"), SL_FILE_EB_ENV);
	assert_int(sl_file_kind_of("cron.yaml"), SL_FILE_EB_CRON);
	assert_int(sl_file_kind_of(".ebextensions/01.config"), SL_FILE_EBEXTENSION);
	assert_int(sl_file_kind_of("app/.ebextensions/01.config"), SL_FILE_EBEXTENSION);
	assert_int(sl_file_kind_of("app/x.ebextensions/01.config"), SL_FILE_TEMPLATE);
	assert_int(sl_file_kind_of("app/.ebextensions/sub/01.config"), SL_FILE_TEMPLATE);
	assert_int(sl_file_kind_of("app/01.config"), SL_FILE_TEMPLATE);
	assert_int(sl_file_kind_of(NULL), SL_FILE_TEMPLATE);
	for (int k = 0; k < SL_FILE_KIND_COUNT; k++) {
		enum sl_file_kind back;
		assert_int(sl_file_kind_parse(sl_file_kind_name((enum sl_file_kind)k), &back), 0);
		assert_int(back, k);
	}
	enum sl_file_kind dummy;
	assert_int(sl_file_kind_parse("Appspec", &dummy), -1);

	/* an appspec runs appspec rules only; a template never runs them */
	const char *src = "version: 1.0\nResources:\n  - f: {}\n";
	struct sl_report *r = NULL;
	assert_int(sl_lint_buffer_kind(&r, NULL, "appspec.yml", SL_FILE_APPSPEC, src, strlen(src)), 0);
	assert_int(r->kind, SL_FILE_APPSPEC);
	assert_int(r->count, 1);
	assert_str(r->diags[0].rule_id, "E99801");
	sl_report_free(r);
	assert_int(sl_lint_buffer(&r, NULL, "appspec.yml", src, strlen(src)), 0);
	assert_int(r->kind, SL_FILE_TEMPLATE);
	for (size_t i = 0; i < r->count; i++)
		assert_true(strncmp(r->diags[i].rule_id + 1, "98", 2) != 0);
	sl_report_free(r);
	/* a TOML samconfig is read by the TOML reader: its errors are E0000 */
	assert_int(sl_lint_buffer_kind(&r, NULL, "samconfig.toml", SL_FILE_SAMCONFIG, "[[x", 3), 0);
	assert_int(r->count, 1);
	assert_str(r->diags[0].rule_id, "E0000");
	sl_report_free(r);
	assert_int(sl_lint_buffer_kind(&r, NULL, "samconfig.toml", SL_FILE_SAMCONFIG,
				       "version = 0.1\n", 14), 0);
	assert_int(r->count, 0);
	sl_report_free(r);
	/* a YAML side file gets the loader's E0000 */
	assert_int(sl_lint_buffer_kind(&r, NULL, "cron.yaml", SL_FILE_EB_CRON, "a: [", 4), 0);
	assert_int(r->count, 1);
	assert_str(r->diags[0].rule_id, "E0000");
	sl_report_free(r);
}

int main(void)
{
	test_file_kinds();
	test_selection();
	test_metadata_suppression();
	test_not_a_template();
	test_refs();
	test_suggest();
	return test_result();
}
