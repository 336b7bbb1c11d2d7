/* E3685: Layers, Handler or Runtime on a container image function. */
#include "rules/lambda/lambda.h"

static const char *const zip_only[] = { "Layers", "Handler", "Runtime" };

static void check(struct sl_ctx *c)
{
	struct sl_samr_types tw;
	sl_samr_functions_init(&tw, c->t);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		if (!sl_str_eq(sl_map_get(props, "PackageType"), "Image"))
			continue;
		for (size_t j = 0; j < sizeof(zip_only) / sizeof(zip_only[0]); j++) {
			const struct sl_pair *p = sl_map_get_pair(props, zip_only[j]);
			if (p && !sl_samr_is_novalue(p->value))
				sl_report(c, p->key, "%s does not apply to a container image function "
					  "(PackageType: Image): the image holds the runtime, the entry point "
					  "and its dependencies, and Lambda rejects an image function that "
					  "sets it (use the image's CMD/ENTRYPOINT or ImageConfig instead)",
					  zip_only[j]);
		}
	}
}

const struct sl_rule rule_E3685 = {
	.id = "E3685",
	.severity = SL_SEV_ERROR,
	.title = "No Layers, Handler or Runtime on image functions",
	.source = "https://docs.aws.amazon.com/lambda/latest/dg/images-create.html",
	.doc =
	"### What it checks\n"
	"An `AWS::Lambda::Function` or `AWS::Serverless::Function` with `PackageType: Image` does "
	"not set `Layers`, `Handler` or `Runtime` itself. Values inherited from SAM's `Globals` "
	"are not judged.\n\n"
	"### Why it matters\n"
	"A container image function takes its runtime, entry point and dependencies from the "
	"image; Lambda rejects layers on it, and Handler and Runtime are for .zip packages "
	"(\"Runtime and Handler are not supported for image package type\"). To change the entry "
	"point use `ImageConfig` (`Command`, `EntryPoint`).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      PackageType: Image\n"
	"      Role: !GetAtt Role.Arn\n"
	"      Code:\n"
	"        ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1\n"
	"      Runtime: python3.12\n"
	"      Handler: app.handler\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      PackageType: Image\n"
	"      Role: !GetAtt Role.Arn\n"
	"      Code:\n"
	"        ImageUri: 123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1\n"
	"      ImageConfig:\n"
	"        Command: [app.handler]\n"
	"```\n",
	.check = check,
};
