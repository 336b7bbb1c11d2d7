/* W2001: every parameter is used somewhere (Ref or a Fn::Sub variable). */
#include <fnmatch.h>

#include "rules/refs.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (!t->params.n || t->macro)
		return; /* a macro may use any parameter */
	bool *used = calloc(t->params.n, sizeof(bool));
	if (!used) {
		c->oom = true;
		return;
	}
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind != SL_REF_REF && r->kind != SL_REF_SUB)
			continue;
		if (r->pattern) {
			for (size_t k = 0; k < t->params.n; k++)
				if (fnmatch(r->name, t->params.items[k].key->str, 0) == 0)
					used[k] = true;
			continue;
		}
		const struct sl_entity *e = sl_index_find(&t->params, r->name, r->name_len);
		if (e)
			used[e - t->params.items] = true;
	}
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_node *k = t->params.items[i].key;
		if (!used[i])
			sl_report(c, k, "parameter '%s' is never used: no Ref or ${%s} refers to it", k->str, k->str);
	}
	free(used);
}

const struct sl_rule rule_W2001 = {
	.id = "W2001",
	.severity = SL_SEV_WARNING,
	.title = "Parameters are used",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/parameters-section-structure.html",
	.doc =
	"### What it checks\n"
	"Each parameter is referred to somewhere in the template, by `Ref` or as a `${Name}` variable "
	"of `Fn::Sub` (in resources, outputs, conditions, rules or SAM Globals). Templates that run a "
	"macro (`Fn::Transform`, or a `Transform` other than SAM's and `AWS::LanguageExtensions`) are "
	"not checked: the macro may use any parameter.\n\n"
	"### Why it matters\n"
	"An unused parameter still has to be supplied by everyone who deploys the stack, and often "
	"means a value the author meant to use is hard-coded instead.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Parameters:\n"
	"  Env:\n"
	"    Type: String\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Parameters:\n"
	"  Env:\n"
	"    Type: String\n"
	"Resources:\n"
	"  Bucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      Tags:\n"
	"        - Key: env\n"
	"          Value: !Ref Env\n"
	"```\n",
	.check = check,
};
