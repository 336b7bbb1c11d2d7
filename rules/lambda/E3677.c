/* E3677: inline Lambda code (Code.ZipFile, InlineCode) with a runtime not Node.js or Python. */
#include <string.h>

#include "rules/conditions/cond.h"
#include "rules/lambda/runtimes.h"
#include "rules/lambda/zip.h"

#define MAX_VALUES 8

struct value {
	const struct sl_node *node;
	struct sl_lam_when when;
};

struct values {
	size_t n;
	struct value v[MAX_VALUES];
};

static void add(const struct sl_node *v, const struct sl_lam_when *when, void *ud)
{
	struct values *vs = ud;
	if (vs->n < MAX_VALUES) {
		vs->v[vs->n].node = v;
		vs->v[vs->n].when = *when;
		vs->n++;
	}
}

/* The family of a literal runtime that cannot run inline code, or NULL. */
static const char *not_inline(const struct sl_node *rt)
{
	if (!sl_samr_is_string(rt))
		return NULL;
	const char *family = sl_runtime_family_of(rt->str, rt->len);
	if (!family || strcmp(family, "Node.js") == 0 || strcmp(family, "Python") == 0)
		return NULL;
	return family;
}

/* The first runtime of rts, from index `from` on, that cannot run inline code
 * and can be in force together with some inline code of `code`: its index in
 * *at and its family in *family. NULL when there is none. */
static const struct sl_node *first_bad(struct sl_conds *s, const struct values *code,
				       const struct values *rts, size_t from, size_t *at,
				       const char **family)
{
	for (size_t j = from; j < rts->n; j++) {
		const char *f = not_inline(rts->v[j].node);
		if (!f)
			continue;
		for (size_t i = 0; i < code->n; i++)
			if (sl_lam_together(s, &code->v[i].when, &rts->v[j].when)) {
				*at = j;
				*family = f;
				return rts->v[j].node;
			}
	}
	return NULL;
}

/* "a" or "an" before a family's name. */
static const char *article(const char *family)
{
	return strchr("AEIOU", family[0]) ? "an" : "a";
}

#define WHY "CloudFormation and SAM take inline code for Node.js and Python runtimes only " \
	    "(CloudFormation writes it to an index file of that language)"

static void check_function(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
			   bool sam)
{
	struct values code = { 0 }, rts = { 0 };
	bool global = false;
	const struct sl_node *inline_key = NULL;
	if (sam) {
		const struct sl_pair *p = sl_map_get_pair(props, "InlineCode");
		if (!p || !sl_lam_present(p->value) ||
		    sl_str_eq(sl_sam_prop(c->t, e, "PackageType", NULL), "Image"))
			return;
		inline_key = p->key;
		sl_lam_each_branch(p->value, NULL, add, &code);
		sl_lam_each_branch(sl_sam_prop(c->t, e, "Runtime", &global), NULL, add, &rts);
	} else {
		if (sl_lam_is_zip(props) == 0)
			return;
		sl_lam_each_inline_code(sl_map_get(props, "Code"), add, &code);
		sl_lam_each_branch(sl_map_get(props, "Runtime"), NULL, add, &rts);
	}
	const char *family;
	size_t j = 0;
	struct sl_conds *s = sl_cond_model(c);
	for (const struct sl_node *rt; (rt = first_bad(s, &code, &rts, j, &j, &family)); j++) {
		if (global) {
			/* the runtime from Globals is right for other functions: report here */
			sl_report(c, inline_key, "'%s' has InlineCode, but its runtime '%s' (from "
				  "Globals.Function) is %s %s runtime: %s. Set a Node.js or Python Runtime on "
				  "the function, or package the code (CodeUri)",
				  e->key->str, rt->str, article(family), family, WHY);
			return;
		}
		sl_report(c, rt, "'%s' is %s %s runtime, but '%s' has inline code (%s): %s. Use a Node.js "
			  "or Python runtime, or package the code (%s)",
			  rt->str, article(family), family, e->key->str,
			  sam ? "InlineCode" : "Code.ZipFile", WHY,
			  sam ? "CodeUri" : "Code.S3Bucket and S3Key");
	}
}

static void check(struct sl_ctx *c)
{
	struct sl_samr_types tw;
	sl_samr_functions_init(&tw, c->t);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		bool sam = sl_samr_type_is(e, SL_SAM_FUNCTION);
		const struct sl_node *props = sl_samr_props(e);
		if (sl_node_is(props, SL_MAP) && !sl_node_intrinsic(props))
			check_function(c, e, props, sam);
	}
}

const struct sl_rule rule_E3677 = {
	.id = "E3677",
	.severity = SL_SEV_ERROR,
	.title = "Inline Lambda code needs a Node.js or Python runtime",
	.source = SL_LAM_CODE_SOURCE,
	.doc =
	"### What it checks\n"
	"An `AWS::Lambda::Function` with inline source (`Code.ZipFile`), or an "
	"`AWS::Serverless::Function` with `InlineCode` (which SAM passes on as `Code.ZipFile`), "
	"has a Node.js or Python runtime. Literal runtimes only (SAM's from `Globals.Function` "
	"too): each literal branch of an `Fn::If` is judged, and inline code and a runtime under "
	"different conditions are not judged together. Identifiers Lambda does not know are "
	"left to the runtime rules.\n\n"
	"### Why it matters\n"
	"The CloudFormation reference for `Code` says it: \"For Node.js and Python functions, you "
	"can specify the function code inline in the template.\" CloudFormation writes the source "
	"to a file named `index` with the language's extension and zips it; Java, .NET and Ruby "
	"need a built package, and the OS-only runtimes (Go, Rust) a compiled `bootstrap`. Such "
	"a function does not deploy.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn:\n"
	"    Type: AWS::Lambda::Function\n"
	"    Properties:\n"
	"      Runtime: ruby3.4\n"
	"      Handler: index.handler\n"
	"      Role: arn:aws:iam::123456789012:role/lambda\n"
	"      Code:\n"
	"        ZipFile: \"def handler(event:, context:) = {}\"\n"
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
