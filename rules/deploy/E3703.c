/* E3703: a CloudFormation pipeline action whose TemplatePath names an artifact that is not one of its inputs. */
#include <string.h>

#include "rules/sam/samrules.h"

static void check_action(struct sl_ctx *c, const struct sl_node *act)
{
	const struct sl_node *tp = sl_map_get(sl_map_get(act, "Configuration"), "TemplatePath");
	if (!sl_samr_is_string(tp))
		return;
	const char *sep = strstr(tp->str, "::");
	if (!sep || memchr(tp->str, '$', (size_t)(sep - tp->str)))
		return;
	size_t len = (size_t)(sep - tp->str);
	const struct sl_node *ins = sl_map_get(act, "InputArtifacts");
	if (ins && (!sl_node_is(ins, SL_SEQ) || sl_node_intrinsic(ins)))
		return;
	for (size_t i = 0; ins && i < ins->len; i++) {
		const struct sl_node *name = sl_map_get(ins->items[i], "Name");
		if (!sl_samr_item_certain(ins->items[i]) || !sl_samr_is_string(name))
			return; /* an input not known here: it may be the one */
		if (name->len == len && memcmp(name->str, tp->str, len) == 0)
			return;
	}
	sl_report(c, tp,
		  "TemplatePath '%.*s' reads the template from artifact '%.*s', which is not an input "
		  "artifact of this action: a CloudFormation action reads its template from one of its "
		  "InputArtifacts (ArtifactName::TemplateFileName), and the action fails. Name one of "
		  "its input artifacts, or add '%.*s' to InputArtifacts",
		  (int)tp->len, tp->str, (int)len, tp->str, (int)len, tp->str);
}

static void check_one(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		      void *ud)
{
	(void)e;
	(void)ud;
	const struct sl_node *stages = sl_map_get(props, "Stages");
	for (size_t s = 0; sl_node_is(stages, SL_SEQ) && s < stages->len; s++) {
		const struct sl_node *actions = sl_map_get(stages->items[s], "Actions");
		for (size_t a = 0; sl_node_is(actions, SL_SEQ) && a < actions->len; a++)
			if (sl_node_is(actions->items[a], SL_MAP) && !sl_node_intrinsic(actions->items[a]))
				check_action(c, actions->items[a]);
	}
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::CodePipeline::Pipeline", check_one, NULL);
}

const struct sl_rule rule_E3703 = {
	.id = "E3703",
	.severity = SL_SEV_ERROR,
	.title = "A CloudFormation action's TemplatePath names one of its input artifacts",
	.source = "https://docs.aws.amazon.com/codepipeline/latest/userguide/action-reference-CloudFormation.html",
	.doc =
	"### What it checks\n"
	"Each action of an `AWS::CodePipeline::Pipeline` whose `Configuration.TemplatePath` is a "
	"literal `ArtifactName::TemplateFileName` lists that artifact in its `InputArtifacts` "
	"(when they are literal names).\n\n"
	"### Why it matters\n"
	"The CloudFormation deploy action reads the template from a file of one of its input "
	"artifacts, named `ArtifactName::TemplateFileName`. An artifact the action does not take "
	"as input is not there when it runs: the action fails.\n\n"
	"### Bad\n"
	"```yaml\n"
	"            - Name: Deploy\n"
	"              ActionTypeId: {Category: Deploy, Owner: AWS, Provider: CloudFormation, Version: \"1\"}\n"
	"              InputArtifacts: [{Name: BuildOutput}]\n"
	"              Configuration:\n"
	"                ActionMode: CREATE_UPDATE\n"
	"                StackName: app\n"
	"                TemplatePath: SourceOutput::template.yaml\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"                TemplatePath: BuildOutput::template.yaml\n"
	"```\n",
	.check = check,
};
