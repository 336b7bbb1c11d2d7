/* E1001: top-level sections and their shapes. */
#include <string.h>

#include "engine/engine.h"
#include "engine/ruleopt.h"

static const char *const known[] = {
	"AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings",
	"Conditions", "Transform", "Resources", "Outputs", "Globals",
};
#define N_KNOWN (sizeof(known) / sizeof(known[0]))

/* True when a section's mapping is an intrinsic function call: one key that
 * starts with "Fn::", or any written as a short-form tag. A Ref or Condition
 * key is a legal logical ID there (a lone
 * condition named Condition), and Fn::Transform is an AWS::Include point
 * whose snippet fills the section at deploy time. */
static bool section_fn(const struct sl_node *v)
{
	const struct sl_node *k = sl_node_intrinsic(v);
	if (k && (v->flags & SL_NODE_SHORT))
		return true; /* written as a tag: !Ref, !If, ... */
	return k && k->len > 4 && memcmp(k->str, "Fn::", 4) == 0 && !sl_str_eq(k, "Fn::Transform");
}

static const char *kind_name(const struct sl_node *n)
{
	if (n->kind == SL_MAP)
		return section_fn(n) ? "an intrinsic function" : "a mapping";
	if (n->kind == SL_SEQ)
		return "a list";
	return sl_scalar_type(n) == SL_TYPE_NULL ? "empty (null)" : "a single value";
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->t->root;
	/* cfn-lint's sections option: one more top-level key the user allows */
	const char *extra = sl_rule_opt_str(c, "sections");
	for (size_t i = 0; i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key, *v = root->pairs[i].value;
		size_t s;
		for (s = 0; s < N_KNOWN; s++)
			if (sl_str_eq(k, known[s]))
				break;
		if (s == N_KNOWN) {
			if (*extra && sl_str_eq(k, extra))
				continue;
			const char *sug = sl_suggest(k->str, k->len, known, N_KNOWN);
			if (sug)
				sl_report(c, k, "unknown top-level section '%s' (did you mean '%s'?)", k->str, sug);
			else
				sl_report(c, k, "unknown top-level section '%s'; CloudFormation rejects the template", k->str);
			continue;
		}
		const char *name = known[s];
		if (s == 0) {
			if (!sl_str_eq(v, "2010-09-09"))
				sl_report(c, v, "AWSTemplateFormatVersion must be the string '2010-09-09', the only "
					  "version there is");
		} else if (s == 1 || s == 7) {
			/* Description (E1004) and Transform (E1005) have their own rules */
		} else if (s == 5 && sl_node_is_null(v)) {
			/* a null Mappings section is E7001's, as in cfn-lint */
		} else if (v->kind != SL_MAP || section_fn(v)) {
			sl_report(c, v, "the %s section must be a mapping, but it is %s", name, kind_name(v));
		} else if (s == 8 && v->len == 0) {
			sl_report(c, v, "the Resources section is empty; a template needs at least one resource");
		}
	}
	if (!sl_map_get(root, "Resources"))
		sl_report_span(c, root, sl_pos(c, root->start), sl_pos(c, root->start),
			       "the template has no Resources section; CloudFormation requires one with at "
			       "least one resource");
}

const struct sl_rule rule_E1001 = {
	.id = "E1001",
	.severity = SL_SEV_ERROR,
	.title = "Top-level sections are known and well formed",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/template-anatomy.html",
	.doc =
	"### What it checks\n"
	"The template is a mapping whose keys are CloudFormation's sections (AWSTemplateFormatVersion, "
	"Description, Metadata, Parameters, Rules, Mappings, Conditions, Transform, Resources, Outputs, "
	"and SAM's Globals); sections that hold named entries are mappings; a Resources section exists "
	"and is not empty; AWSTemplateFormatVersion is `2010-09-09`. A section left empty (null) is "
	"reported here, except Mappings (E7001).\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a template with an unknown section or a misshapen one, usually only at "
	"deploy time. A misspelt section (`Output:`) is otherwise silently a validation failure. An "
	"empty section (`Outputs:` with nothing under it) is a null, which CloudFormation rejects "
	"(\"'null' values are not allowed in templates\"): remove it instead.\n\n"
	"### Bad\n"
	"```yaml\n"
	"AWSTemplateFormatVersion: '2010-09-09'\n"
	"Resources:\n"
	"  Topic:\n"
	"    Type: AWS::SNS::Topic\n"
	"Output:\n"
	"  TopicArn:\n"
	"    Value: !Ref Topic\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"AWSTemplateFormatVersion: '2010-09-09'\n"
	"Resources:\n"
	"  Topic:\n"
	"    Type: AWS::SNS::Topic\n"
	"Outputs:\n"
	"  TopicArn:\n"
	"    Value: !Ref Topic\n"
	"```\n",
	.check = check,
};
