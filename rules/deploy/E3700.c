/* E3700: CodePipeline source actions are in the first stage, and only there.
 *
 * The CodePipeline user guide (stage declaration) says the first stage of a
 * pipeline must contain at least one source action and can contain source
 * actions only, and that only the first stage can contain source actions. In
 * an AWS::CodePipeline::Pipeline, a literal ActionTypeId Category other than
 * Source in the first stage of Stages, or Source in a later stage, is reported
 * at the Category. Stages, actions and categories written with Fn::If are
 * judged branch by branch (an Fn::If keeps the position of the item it
 * replaces; after a stage that may be AWS::NoValue the positions are unknown
 * and not judged); other functions are not judged. */
#include "engine/engine.h"

static void check_category(struct sl_ctx *c, const struct sl_node *cat, bool first,
			   const struct sl_node *stage_name)
{
	const struct sl_node *a, *b;
	if (sl_node_if(cat, &a, &b)) {
		check_category(c, a, first, stage_name);
		check_category(c, b, first, stage_name);
		return;
	}
	if (!sl_node_is(cat, SL_SCALAR) || sl_node_is_null(cat))
		return;
	const char *sn = sl_node_is(stage_name, SL_SCALAR) ? stage_name->str : "?";
	if (first && !sl_str_eq(cat, "Source"))
		sl_report(c, cat, "Category %s in the first stage (%s): the first stage of a pipeline "
			  "holds source actions only; move this action to a later stage", cat->str,
			  sn);
	else if (!first && sl_str_eq(cat, "Source"))
		sl_report(c, cat, "Category Source in stage %s, which is not the first: only the "
			  "first stage of a pipeline can hold source actions; move this action to the "
			  "first stage", sn);
}

static void check_action(struct sl_ctx *c, const struct sl_node *act, bool first,
			 const struct sl_node *stage_name)
{
	const struct sl_node *a, *b;
	if (sl_node_if(act, &a, &b)) {
		check_action(c, a, first, stage_name);
		check_action(c, b, first, stage_name);
		return;
	}
	if (!sl_node_is(act, SL_MAP) || sl_node_intrinsic(act))
		return;
	const struct sl_node *id = sl_map_get(act, "ActionTypeId");
	if (sl_node_is(id, SL_MAP) && !sl_node_intrinsic(id))
		check_category(c, sl_map_get(id, "Category"), first, stage_name);
}

static void check_actions(struct sl_ctx *c, const struct sl_node *list, bool first,
			  const struct sl_node *stage_name)
{
	const struct sl_node *a, *b;
	if (sl_node_if(list, &a, &b)) {
		check_actions(c, a, first, stage_name);
		check_actions(c, b, first, stage_name);
		return;
	}
	if (!sl_node_is(list, SL_SEQ))
		return;
	for (size_t i = 0; i < list->len; i++)
		check_action(c, list->items[i], first, stage_name);
}

static void check_stage(struct sl_ctx *c, const struct sl_node *st, bool first)
{
	const struct sl_node *a, *b;
	if (sl_node_if(st, &a, &b)) {
		check_stage(c, a, first);
		check_stage(c, b, first);
		return;
	}
	if (!sl_node_is(st, SL_MAP) || sl_node_intrinsic(st))
		return;
	check_actions(c, sl_map_get(st, "Actions"), first, sl_map_get(st, "Name"));
}

static void check_stages(struct sl_ctx *c, const struct sl_node *list)
{
	const struct sl_node *a, *b;
	if (sl_node_if(list, &a, &b)) {
		check_stages(c, a);
		check_stages(c, b);
		return;
	}
	if (!sl_node_is(list, SL_SEQ))
		return;
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *st = list->items[i];
		check_stage(c, st, i == 0);
		/* a stage that may vanish leaves the positions after it unknown */
		if (sl_node_if(st, &a, &b) && (sl_node_is_novalue(a) || sl_node_is_novalue(b)))
			break;
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!sl_str_eq(e->type, "AWS::CodePipeline::Pipeline"))
			continue;
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (sl_node_is(props, SL_MAP) && !sl_node_intrinsic(props))
			check_stages(c, sl_map_get(props, "Stages"));
	}
}

const struct sl_rule rule_E3700 = {
	.id = "E3700",
	.severity = SL_SEV_ERROR,
	.title = "CodePipeline source actions are in the first stage, and only there",
	.source = "https://docs.aws.amazon.com/codepipeline/latest/userguide/stage-requirements.html",
	.doc =
	"### What it checks\n"
	"In an `AWS::CodePipeline::Pipeline`, every action of the first stage of `Stages` has "
	"`ActionTypeId` `Category: Source`, and no action of a later stage does. Stages, actions "
	"and categories written with `Fn::If` are judged branch by branch; other functions are "
	"not judged.\n"
	"\n"
	"### Why it matters\n"
	"CodePipeline requires the first stage to contain source actions only, and only the "
	"first stage to contain source actions (stage declaration). Another structure is "
	"rejected and the pipeline fails to create or update.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"      Stages:\n"
	"        - Name: Source\n"
	"          Actions:\n"
	"            - Name: Checkout\n"
	"              ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: '1'}\n"
	"        - Name: Build\n"
	"          Actions:\n"
	"            - Name: Fetch\n"
	"              ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: '1'}\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"      Stages:\n"
	"        - Name: Source\n"
	"          Actions:\n"
	"            - Name: Checkout\n"
	"              ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: '1'}\n"
	"            - Name: Fetch\n"
	"              ActionTypeId: {Category: Source, Owner: AWS, Provider: S3, Version: '1'}\n"
	"        - Name: Build\n"
	"          Actions:\n"
	"            - Name: Compile\n"
	"              ActionTypeId: {Category: Build, Owner: AWS, Provider: CodeBuild, Version: '1'}\n"
	"```\n",
	.check = check,
};
