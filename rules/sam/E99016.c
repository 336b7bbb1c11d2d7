/* E99016: a SAM Zip function has a Handler and a Runtime; W99016: it has one code source (after Globals). */
#include "rules/sam/samrules.h"

/* A property after Globals, NULL when absent or written empty (Handler: with no value). */
static const struct sl_node *prop(const struct sl_template *t, const struct sl_entity *e,
				  const char *name, bool *from_globals)
{
	const struct sl_node *v = sl_sam_prop(t, e, name, from_globals);
	if (sl_node_is_null(v))
		return NULL;
	return v;
}

/* warn: the W99016 pass (two code sources), else the E99016 pass. */
static void check_function(struct sl_ctx *c, const struct sl_entity *e, bool warn)
{
	const struct sl_template *t = c->t;
	const char *id = e->key->str;
	const struct sl_node *props = sl_map_get(e->value, "Properties");
	/* Properties that is not a map is another rule's finding */
	if (props && !sl_node_is(props, SL_MAP) &&
	    !(sl_node_is_null(props)))
		return;
	const struct sl_node *pt = prop(t, e, "PackageType", NULL);
	if (pt && !sl_str_eq(pt, "Zip"))
		return; /* Image, an intrinsic function, or a value E3030 judges */
	if (!pt && prop(t, e, "ImageUri", NULL))
		return; /* an image function that does not say so: not judged here */

	bool code_g = false, inline_g = false;
	const struct sl_node *code = prop(t, e, "CodeUri", &code_g);
	const struct sl_node *inl = prop(t, e, "InlineCode", &inline_g);
	if (warn && code && inl && !(code_g && !inline_g)) {
		/* the documented pattern is CodeUri in Globals and InlineCode on one function */
		const struct sl_node *at = sl_map_key_of(inl);
		sl_report(c, at ? at : inl, "function '%s' has both CodeUri and InlineCode: SAM deploys "
			  "the InlineCode and ignores CodeUri; keep one", id);
	}
	/* neither is not reported: `sam build` then uses the template's folder as CodeUri */
	if (warn)
		return;

	const struct sl_node *handler = prop(t, e, "Handler", NULL);
	const struct sl_node *runtime = prop(t, e, "Runtime", NULL);
	if (!handler || !runtime) {
		const char *missing = !handler && !runtime ? "Runtime and Handler"
				      : !handler ? "Handler" : "Runtime";
		sl_report(c, sl_samr_anchor(e), "function '%s' has no %s: a Zip function (the default "
			  "PackageType) needs a Handler and a Runtime, in the function or in "
			  "Globals.Function", id, missing);
	}
}

static void check_all(struct sl_ctx *c, bool warn)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_FUNCTION);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		check_function(c, e, warn);
	}
}

static void check(struct sl_ctx *c)
{
	check_all(c, false);
}

static void check_code(struct sl_ctx *c)
{
	check_all(c, true);
}

const struct sl_rule rule_E99016 = {
	.id = "E99016",
	.severity = SL_SEV_ERROR,
	.title = "SAM Zip functions have a Handler and a Runtime",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html",
	.doc =
	"### What it checks\n"
	"An `AWS::Serverless::Function` packaged as Zip (the default `PackageType`) has both "
	"`Handler` and `Runtime`, in the function or in `Globals.Function`. A function with "
	"`PackageType: Image`, or with an `ImageUri` and no `PackageType`, is not judged.\n\n"
	"### Why it matters\n"
	"The SAM transform rejects a Zip function without a runtime and handler (\"Runtime and "
	"Handler needs to be present when PackageType is of type `Zip`\").\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Handler: index.handler\n"
	"      CodeUri: src/\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: index.handler\n"
	"      CodeUri: src/\n"
	"```\n",
	.check = check,
};

const struct sl_rule rule_W99016 = {
	.id = "W99016",
	.severity = SL_SEV_WARNING,
	.title = "SAM functions have one code source",
	.source = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-resource-function.html",
	.doc =
	"### What it checks\n"
	"An `AWS::Serverless::Function` packaged as Zip does not have both `CodeUri` and "
	"`InlineCode` in the function itself (a `CodeUri` in `Globals.Function` with `InlineCode` "
	"on one function is the documented pattern). A function with neither is not reported: "
	"SAM CLI's `sam build` uses the template's folder as its `CodeUri`.\n\n"
	"### Why it matters\n"
	"The SAM transform accepts both and deploys the InlineCode, silently dropping CodeUri: "
	"the code built from CodeUri never runs, which is rarely what was meant.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: index.handler\n"
	"      CodeUri: src/\n"
	"      InlineCode: |\n"
	"        def handler(event, context):\n"
	"            return {}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::Serverless-2016-10-31\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Serverless::Function\n"
	"    Properties:\n"
	"      Runtime: python3.12\n"
	"      Handler: index.handler\n"
	"      InlineCode: |\n"
	"        def handler(event, context):\n"
	"            return {}\n"
	"```\n",
	.check = check_code,
};
