/* W2533: a .zip-packaged AWS::Lambda::Function without Handler or Runtime. */
#include "rules/lambda/zip.h"

static void has_inline(const struct sl_node *z, const struct sl_lam_when *when, void *ud)
{
	(void)z;
	(void)when;
	*(bool *)ud = true;
}

static void check(struct sl_ctx *c)
{
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, c->t, SL_LAM_FUNCTION);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props) || sl_lam_is_zip(props) != 1)
			continue;
		bool inline_code = false;
		sl_lam_each_inline_code(sl_map_get(props, "Code"), has_inline, &inline_code);
		bool no_handler = !sl_lam_present(sl_map_get(props, "Handler"));
		/* inline code without a Runtime is E3678's error */
		bool no_runtime = !inline_code && !sl_lam_present(sl_map_get(props, "Runtime"));
		if (!no_handler && !no_runtime)
			continue;
		const struct sl_pair *at = sl_map_get_pair(props, "PackageType");
		if (!at || !sl_lam_present(at->value))
			at = sl_map_get_pair(props, "Code");
		const char *missing = no_handler && no_runtime ? "Handler or Runtime"
				      : no_handler ? "Handler" : "Runtime";
		sl_report(c, at ? at->key : sl_samr_anchor(e),
			  "'%s' deploys a .zip file archive (%s) but has no %s: Lambda needs both the "
			  "runtime and the handler (the file and function it calls) for a .zip package, "
			  "and creating the function fails without them",
			  e->key->str, sl_str_eq(sl_map_get(props, "PackageType"), "Zip")
				  ? "PackageType: Zip" : "the default PackageType",
			  missing);
	}
}

const struct sl_rule rule_W2533 = {
	.id = "W2533",
	.severity = SL_SEV_WARNING,
	.title = "Zip-packaged Lambda functions have a Handler and a Runtime",
	.source = SL_LAM_FUNCTION_SOURCE,
	.doc =
	"### What it checks\n"
	"An `AWS::Lambda::Function` deployed as a .zip file archive (`PackageType: Zip`, or no "
	"`PackageType` with a `Code` that is not a container image) sets `Handler` and "
	"`Runtime`. A function with inline code (`Code.ZipFile`) and no `Runtime` is E3678's "
	"error instead. For an `AWS::Serverless::Function` the SAM transform itself rejects a "
	"Zip function without both (after `Globals`): E99016 reports it.\n\n"
	"### Why it matters\n"
	"The resource reference says it plainly: for a .zip file archive \"you must also specify "
	"the handler and runtime properties\". Lambda cannot tell which language runs the "
	"package, or which function in it to call, and the stack fails to create the function. "
	"Only container images (`PackageType: Image`) take both from the image.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python3.14\n"
	"      Role: arn:aws:iam::123456789012:role/lambda\n"
	"      Code:\n"
	"        S3Bucket: my-artifacts\n"
	"        S3Key: app.zip\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python3.14\n"
	"      Handler: app.handler\n"
	"      Role: arn:aws:iam::123456789012:role/lambda\n"
	"      Code:\n"
	"        S3Bucket: my-artifacts\n"
	"        S3Key: app.zip\n"
	"```\n",
	.check = check,
};
