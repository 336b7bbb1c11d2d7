/* E3678: inline code (Code.ZipFile) in an AWS::Lambda::Function without a Runtime. */
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
		if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props) ||
		    sl_lam_present(sl_map_get(props, "Runtime")) || sl_lam_is_zip(props) == 0)
			continue;
		bool inline_code = false;
		sl_lam_each_inline_code(sl_map_get(props, "Code"), has_inline, &inline_code);
		if (inline_code)
			sl_report(c, sl_samr_anchor(e), "'%s' has inline code (Code.ZipFile) but no "
				  "Runtime: CloudFormation writes inline code to an index file of the "
				  "runtime's language, and a .zip function needs a Runtime. Add one, such as "
				  "nodejs24.x or python3.14", e->key->str);
	}
}

const struct sl_rule rule_E3678 = {
	.id = "E3678",
	.severity = SL_SEV_ERROR,
	.title = "Inline Lambda code needs a Runtime",
	.source = SL_LAM_CODE_SOURCE,
	.doc =
	"### What it checks\n"
	"An `AWS::Lambda::Function` whose `Code` has a `ZipFile` (inline source; in any literal "
	"branch of an `Fn::If` of `Code`) sets `Runtime`. The finding is at `Properties`. For an "
	"`AWS::Serverless::Function` with `InlineCode` the SAM transform itself rejects a "
	"function without a runtime (after `Globals`): E99016 reports it.\n\n"
	"### Why it matters\n"
	"CloudFormation puts inline source in a file named `index` and zips it; the file's "
	"extension and the function's language come from the runtime, which only Node.js and "
	"Python runtimes accept (E3677). A .zip function needs a runtime, and without one the "
	"function is not created.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Handler: index.handler\n"
	"      Role: arn:aws:iam::123456789012:role/lambda\n"
	"      Code:\n"
	"        ZipFile: |\n"
	"          def handler(event, context):\n"
	"              return {}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: python3.14\n"
	"      Handler: index.handler\n"
	"      Role: arn:aws:iam::123456789012:role/lambda\n"
	"      Code:\n"
	"        ZipFile: |\n"
	"          def handler(event, context):\n"
	"              return {}\n"
	"```\n",
	.check = check,
};
