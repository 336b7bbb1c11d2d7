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
#include "rules/deploy/deploy.h"

/* The stage of the actions being walked: whether it is the first, and its Name. */
struct stage {
	bool first;
	const struct sl_node *name;
};

/* The callbacks below get each value an Fn::If may give (sl_samr_each_value()). */
static void check_category(struct sl_ctx *c, const struct sl_node *cat, void *ud)
{
	const struct stage *st = ud;
	if (!sl_node_is(cat, SL_SCALAR) || sl_node_is_null(cat))
		return;
	const char *sn = sl_node_is(st->name, SL_SCALAR) ? st->name->str : "?";
	if (st->first && !sl_str_eq(cat, "Source"))
		sl_report(c, cat, "Category %s in the first stage (%s): the first stage of a pipeline "
			  "holds source actions only; move this action to a later stage", cat->str,
			  sn);
	else if (!st->first && sl_str_eq(cat, "Source"))
		sl_report(c, cat, "Category Source in stage %s, which is not the first: only the "
			  "first stage of a pipeline can hold source actions; move this action to the "
			  "first stage", sn);
}

static void check_action(struct sl_ctx *c, const struct sl_node *act, void *ud)
{
	if (!sl_node_is(act, SL_MAP) || sl_node_intrinsic(act))
		return;
	const struct sl_node *id = sl_map_get(act, "ActionTypeId");
	if (sl_node_is(id, SL_MAP) && !sl_node_intrinsic(id))
		sl_samr_each_value(sl_map_get(id, "Category"), check_category, c, ud);
}

static void check_actions(struct sl_ctx *c, const struct sl_node *list, void *ud)
{
	if (!sl_node_is(list, SL_SEQ))
		return;
	for (size_t i = 0; i < list->len; i++)
		sl_samr_each_value(list->items[i], check_action, c, ud);
}

/* ud: a bool, true for the first stage. */
static void check_stage(struct sl_ctx *c, const struct sl_node *st, void *ud)
{
	if (!sl_node_is(st, SL_MAP) || sl_node_intrinsic(st))
		return;
	struct stage where = { *(const bool *)ud, sl_map_get(st, "Name") };
	sl_samr_each_value(sl_map_get(st, "Actions"), check_actions, c, &where);
}

static void check_stages(struct sl_ctx *c, const struct sl_node *list, void *ud)
{
	(void)ud;
	if (!sl_node_is(list, SL_SEQ))
		return;
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *st = list->items[i], *a, *b;
		bool first = i == 0;
		sl_samr_each_value(st, check_stage, c, &first);
		/* a stage that may vanish leaves the positions after it unknown */
		if (sl_node_if(st, &a, &b) && (sl_node_is_novalue(a) || sl_node_is_novalue(b)))
			break;
	}
}

static void check_pipeline(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
			   void *ud)
{
	(void)e;
	sl_samr_each_value(sl_map_get(props, "Stages"), check_stages, c, ud);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::CodePipeline::Pipeline", check_pipeline, NULL);
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
