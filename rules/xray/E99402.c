/* E99402: a Lambda tracing mode that is not Active or PassThrough (or Disabled in SAM). */
#include <string.h>

#include "rules/sam/samrules.h"
#include "rules/xray/xray.h"

/* Judges one literal value (an Fn::If branch too); ud is true for SAM's Tracing. */
static void judge(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	bool sam = *(const bool *)ud;
	if (!sl_node_is(v, SL_SCALAR))
		return; /* intrinsic functions are not judged */
	if (sl_node_is_null(v))
		return; /* SAM takes an empty Tracing as none; elsewhere a null is E3012's */
	if (sl_str_eq(v, "Active") || sl_str_eq(v, "PassThrough") || (sam && sl_str_eq(v, "Disabled")))
		return;
	if (sam)
		sl_report(c, v, "'%s' is not a tracing mode: SAM's Tracing takes Active, PassThrough or "
			  "Disabled (case matters)", v->str);
	else
		sl_report(c, v, "'%s' is not a tracing mode: TracingConfig.Mode takes Active or "
			  "PassThrough (case matters)", v->str);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	bool sam = true, cfn = false;
	struct sl_samr_types tw;
	sl_samr_functions_init(&tw, t);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		if (sl_samr_type_is(e, SL_LAMBDA_FUNCTION)) {
			const struct sl_node *tc = sl_map_get(props, "TracingConfig");
			if (sl_node_is(tc, SL_MAP) && !sl_node_intrinsic(tc))
				sl_samr_each_value(sl_map_get(tc, "Mode"), judge, c, &cfn);
		} else if (sl_samr_type_is(e, SL_SERVERLESS_FUNCTION)) {
			sl_samr_each_value(sl_map_get(props, "Tracing"), judge, c, &sam);
		}
	}
	/* Globals' value once, where it is written, however many functions take it */
	const struct sl_node *g = sl_sam_globals_for(t, SL_SERVERLESS_FUNCTION);
	sl_samr_each_value(sl_map_get(g, "Tracing"), judge, c, &sam);
}

const struct sl_rule rule_E99402 = {
	.id = "E99402",
	.severity = SL_SEV_ERROR,
	.title = "Lambda tracing modes are Active or PassThrough",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-lambda-function-tracingconfig.html",
	.doc =
	"### What it checks\n"
	"`TracingConfig.Mode` of an `AWS::Lambda::Function` is `Active` or `PassThrough`; "
	"`Tracing` of an `AWS::Serverless::Function` (or SAM's `Globals.Function`) is `Active`, "
	"`PassThrough` or `Disabled`. Each literal branch of an `Fn::If` is judged; other intrinsic "
	"functions are not. The `Tracing` / `TracingEnabled` of SAM APIs and state machines take "
	"booleans and are not checked here.\n\n"
	"### Why it matters\n"
	"CloudFormation validates the mode against its enumeration, case included: `active`, "
	"`true` or `Enabled` fail the deployment. SAM passes its `Tracing` value on as the mode "
	"(and drops `TracingConfig` for `Disabled`), so the same holds there.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Globals:\n"
	"  Function:\n"
	"    Tracing: true\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Globals:\n"
	"  Function:\n"
	"    Tracing: Active\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"      CodeUri: src/\n"
	"```\n",
	.check = check,
};
