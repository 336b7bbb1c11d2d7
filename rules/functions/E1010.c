/* E1010: Fn::GetAtt names a resource of the template (attributes wait for the spec). */
#include "rules/refs.h"
#include "util/buf.h"
#include "rules/schema.h"
#include "template/sam.h"

/* The attribute of a GetAtt to a resource of the template, against its type. */
static void check_attribute(struct sl_ctx *c, const struct sl_ref *r, const struct sl_entity *res)
{
	if (!r->attr || !res->type || res->module || sl_schema_unchecked(c->spec, res->type->str, res->type->len))
		return;
	if (memchr(r->attr, '$', strlen(r->attr)))
		return; /* Fn::ForEach substitutes it */
	uint32_t rid = sl_spec_resource(c->spec, res->type->str, res->type->len);
	if (rid == SL_SPEC_NONE)
		return; /* E3006 */
	size_t al = strlen(r->attr);
	if (sl_spec_attr_find(c->spec, rid, r->attr, al) != SL_SPEC_NONE)
		return;
	uint32_t flags = sl_spec_resource_flags(c->spec, rid);
	if ((flags & SL_SPEC_ANY_ATTR) && al > 8 && memcmp(r->attr, "Outputs.", 8) == 0)
		return;
	/* SAM: MyFunction.Version.FunctionArn, MyFunction.Alias.X, MyApi.Stage.X read an
	 * attribute of a resource SAM generates; not judged here */
	const char *dot = memchr(r->attr, '.', al);
	if ((flags & SL_SPEC_SAM) && dot) {
		char *gen = sl_arena_printf(c->arena, "%s.%.*s", r->name, (int)(dot - r->attr), r->attr);
		if (!gen || sl_sam_implicit(c->t, gen, strlen(gen)))
			return;
		sl_report(c, r->at, "GetAtt %s.%s: SAM creates no '%s' for this resource (for .Alias and "
			  ".Version it needs AutoPublishAlias)", r->name, r->attr, gen);
		return;
	}
	/* the attribute node: the second item of the list form, else the whole string */
	const struct sl_node *at = r->at;
	if (r->at->parent && r->at->parent->kind == SL_SEQ && r->at->parent->len > 1)
		at = r->at->parent->items[1];
	uint32_t n = sl_spec_resource_nattrs(c->spec, rid);
	if (n == 0) {
		sl_report(c, at, "%s has no attributes for GetAtt; use Ref for its identifier", res->type->str);
		return;
	}
	const char **names = malloc(n * sizeof(*names));
	const char *sug = NULL;
	if (names) {
		for (uint32_t i = 0; i < n; i++)
			names[i] = sl_spec_resource_attr_name(c->spec, rid, i);
		sug = sl_suggest(r->attr, al, names, n);
	}
	struct sl_buf b = SL_BUF_INIT;
	for (uint32_t i = 0; i < n && i < 10; i++)
		sl_buf_printf(&b, "%s%s", i ? ", " : "", sl_spec_resource_attr_name(c->spec, rid, i));
	if (n > 10)
		sl_buf_printf(&b, ", ... (%u in all)", n);
	if (sug)
		sl_report(c, at, "%s has no attribute '%s' (did you mean '%s'?)", res->type->str, r->attr, sug);
	else
		sl_report(c, at, "%s has no attribute '%s'; it has %s", res->type->str, r->attr, sl_buf_cstr(&b));
	sl_buf_free(&b);
	free(names);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->n_refs; i++) {
		const struct sl_ref *r = &t->refs[i];
		if (r->kind != SL_REF_GETATT)
			continue;
		size_t len = r->name_len;
		const struct sl_entity *res = r->resource;
		if (res) {
			check_attribute(c, r, res);
			continue;
		}
		if (sl_template_implicit(t, r->name, len) || sl_template_generated(t, SL_SEC_RESOURCES, r->name))
			continue;
		if (sl_index_find(&t->params, r->name, len)) {
			sl_report(c, r->at, "GetAtt to '%s', which is a parameter: GetAtt reads attributes of "
				  "resources (use Ref for a parameter's value)", r->name);
			continue;
		}
		const char *sug = sl_suggest_ids(c, r->name, len, &t->resources, NULL);
		sl_report(c, r->at, "GetAtt to '%s', which is not a resource of this template%s", r->name,
			  sl_did_you_mean(c, sug));
	}
}

const struct sl_rule rule_E1010 = {
	.id = "E1010",
	.severity = SL_SEV_ERROR,
	.title = "GetAtt targets a resource that exists",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-getatt.html",
	.doc =
	"### What it checks\n"
	"Every `Fn::GetAtt` (`!GetAtt Resource.Attribute` or the list form) names a resource of the "
	"template, and the attribute is one its type has (dotted ones such as `Endpoint.Address` "
	"included; a close match is suggested). Custom resources and modules accept any attribute, "
	"a nested stack any `Outputs.Name`; resources SAM creates are not judged.\n\n"
	"### Why it matters\n"
	"CloudFormation rejects a template whose GetAtt names an unknown resource; a GetAtt to a "
	"parameter is a common slip for Ref.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"Outputs:\n"
	"  QueueArn:\n"
	"    Value: !GetAtt MyQueue.Arn\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Queue:\n"
	"    Type: AWS::SQS::Queue\n"
	"Outputs:\n"
	"  QueueArn:\n"
	"    Value: !GetAtt Queue.Arn\n"
	"```\n",
	.check = check,
};
