/* E3702: CodePipeline actions have as many input and output artifacts as their provider takes.
 *
 * The CodePipeline user guide's table "Valid input and output artifacts for
 * each action type" gives, for each action category and provider, how many
 * input and output artifacts an action may have. Each action of an
 * AWS::CodePipeline::Pipeline stage whose ActionTypeId has a literal Category
 * and Provider found in that table, and an Owner other than Custom (a custom
 * action type sets its own counts), is checked: a literal InputArtifacts or
 * OutputArtifacts list with a count outside the range is reported at its key,
 * and a missing list whose minimum is above zero at the Provider. A list
 * written with functions, or holding an item an Fn::If may drop, is not
 * judged. */
#include <stdio.h>

#include "rules/sam/samrules.h"

/* One row of the table: counts are inclusive ranges. */
struct artifact_counts {
	const char *category, *provider;
	int in_min, in_max, out_min, out_max;
};

static const struct artifact_counts table[] = {
	{ "Source", "S3", 0, 0, 1, 1 },
	{ "Source", "CodeCommit", 0, 0, 1, 1 },
	{ "Source", "ECR", 0, 0, 1, 1 },
	{ "Source", "CodeStarSourceConnection", 0, 0, 1, 1 },
	{ "Build", "CodeBuild", 1, 5, 0, 5 },
	{ "Test", "CodeBuild", 1, 5, 0, 5 },
	{ "Test", "DeviceFarm", 1, 1, 0, 0 },
	{ "Deploy", "S3", 1, 1, 0, 0 },
	{ "Deploy", "CloudFormation", 0, 10, 0, 1 },
	{ "Deploy", "CodeDeploy", 1, 1, 0, 0 },
	{ "Deploy", "ElasticBeanstalk", 1, 1, 0, 0 },
	{ "Deploy", "ECS", 1, 1, 0, 0 },
	{ "Deploy", "ServiceCatalog", 1, 1, 0, 0 },
	{ "Invoke", "Lambda", 0, 5, 0, 5 },
	{ "Deploy", "AlexaSkillsKit", 1, 2, 0, 0 },
};

static const struct artifact_counts *lookup(const struct sl_node *category,
					    const struct sl_node *provider)
{
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (sl_str_eq(category, table[i].category) && sl_str_eq(provider, table[i].provider))
			return &table[i];
	return NULL;
}

/* "1" or "1 to 5": the range as the table writes it, written into buf (n bytes). */
static const char *range(char *buf, size_t n, int lo, int hi)
{
	if (lo == hi)
		snprintf(buf, n, "%d", lo);
	else
		snprintf(buf, n, "%d to %d", lo, hi);
	return buf;
}

static void check_list(struct sl_ctx *c, const struct sl_node *action, const char *key, int lo,
		       int hi, const struct sl_node *provider, const struct sl_node *category)
{
	const struct sl_pair *p = sl_map_get_pair(action, key);
	char buf[32];
	if (!p || sl_samr_is_null(p->value) || sl_samr_is_novalue(p->value)) {
		if (lo > 0)
			sl_report(c, provider,
				  "A %s action of provider %s takes %s %s (CodePipeline's table of valid "
				  "artifacts for each action type), and this action has no %s. Add %s",
				  category->str, provider->str, range(buf, sizeof(buf), lo, hi),
				  lo == 1 && hi == 1 ? (key[0] == 'I' ? "input artifact" : "output artifact")
						     : (key[0] == 'I' ? "input artifacts" : "output artifacts"),
				  key, key);
		return;
	}
	const struct sl_node *l = p->value;
	if (!sl_node_is(l, SL_SEQ))
		return;
	for (size_t i = 0; i < l->len; i++)
		if (!sl_samr_item_certain(l->items[i]))
			return;
	int n = (int)l->len;
	if (n >= lo && n <= hi)
		return;
	sl_report(c, p->key,
		  "%s lists %d artifact%s, but a %s action of provider %s takes %s (CodePipeline's "
		  "table of valid artifacts for each action type). %s",
		  key, n, n == 1 ? "" : "s", category->str, provider->str, range(buf, sizeof(buf), lo, hi),
		  hi == 0 ? "Remove the list" : (n > hi ? "Remove the extra artifacts" : "Add the missing artifacts"));
}

static void check_action(struct sl_ctx *c, const struct sl_node *a)
{
	if (!sl_node_is(a, SL_MAP) || sl_node_intrinsic(a))
		return;
	const struct sl_node *id = sl_map_get(a, "ActionTypeId");
	if (!sl_node_is(id, SL_MAP) || sl_node_intrinsic(id))
		return;
	const struct sl_node *owner = sl_map_get(id, "Owner");
	const struct sl_node *category = sl_map_get(id, "Category");
	const struct sl_node *provider = sl_map_get(id, "Provider");
	if (!sl_str_eq(owner, "AWS") && !sl_str_eq(owner, "ThirdParty"))
		return;
	const struct artifact_counts *row = lookup(category, provider);
	if (!row)
		return;
	check_list(c, a, "InputArtifacts", row->in_min, row->in_max, provider, category);
	check_list(c, a, "OutputArtifacts", row->out_min, row->out_max, provider, category);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *stages = sl_map_get(props, "Stages");
	for (size_t i = 0; sl_node_is(stages, SL_SEQ) && i < stages->len; i++) {
		const struct sl_node *s = stages->items[i];
		const struct sl_node *acts = sl_node_intrinsic(s) ? NULL : sl_map_get(s, "Actions");
		for (size_t j = 0; sl_node_is(acts, SL_SEQ) && j < acts->len; j++)
			check_action(c, acts->items[j]);
	}
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::CodePipeline::Pipeline", check_one, NULL);
}

const struct sl_rule rule_E3702 = {
	.id = "E3702",
	.severity = SL_SEV_ERROR,
	.title = "CodePipeline actions have the number of artifacts their provider takes",
	.source = "https://docs.aws.amazon.com/codepipeline/latest/userguide/reference-action-artifacts.html",
	.doc =
	"### What it checks\n"
	"Each action of an `AWS::CodePipeline::Pipeline` whose `ActionTypeId` is one of the "
	"providers in CodePipeline's table of valid input and output artifacts has as many "
	"`InputArtifacts` and `OutputArtifacts` as the table allows: source actions (S3, "
	"CodeCommit, ECR, CodeStarSourceConnection) none in and one out; CodeBuild build and "
	"test actions 1 to 5 in and 0 to 5 out; Device Farm tests one in and none out; S3, CodeDeploy, Elastic Beanstalk, ECS and Service Catalog deploy actions one "
	"in and none out; CloudFormation deploy actions 0 to 10 in and 0 to 1 out; Lambda "
	"invoke actions 0 to 5 each way; Alexa Skills Kit 1 to 2 in. Providers outside the "
	"table and custom action types are not judged, nor lists written with functions or "
	"holding an item an `Fn::If` may drop.\n\n"
	"### Why it matters\n"
	"CodePipeline validates the pipeline structure when it is created or updated: an "
	"action with more or fewer artifacts than its provider takes makes the structure "
	"invalid, and the stack operation fails.\n\n"
	"### Bad\n"
	"```yaml\n"
	"        - Name: Source\n"
	"          Actions:\n"
	"            - Name: Checkout\n"
	"              ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeCommit, Version: '1'}\n"
	"              Configuration: {RepositoryName: app, BranchName: main}\n"
	"              InputArtifacts:\n"
	"                - Name: Seed\n"
	"              OutputArtifacts:\n"
	"                - Name: Code\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"            - Name: Checkout\n"
	"              ActionTypeId: {Category: Source, Owner: AWS, Provider: CodeCommit, Version: '1'}\n"
	"              Configuration: {RepositoryName: app, BranchName: main}\n"
	"              OutputArtifacts:\n"
	"                - Name: Code\n"
	"```\n",
	.check = check,
};
