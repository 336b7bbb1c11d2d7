/* I1022: a Fn::Join with an empty delimiter over strings, Refs and GetAtts reads better as Fn::Sub. */
#include "rules/functions/fn.h"

/* True for an item Fn::Sub can say as text or ${Name} / ${Res.Attr}. */
static bool sub_able(const struct sl_node *n)
{
	if (sl_node_is(n, SL_SCALAR))
		return sl_fn_is_string(n) && !memmem(n->str, n->len, "${", 2);
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k)
		return false;
	const struct sl_node *v = n->pairs[0].value;
	if (sl_str_eq(k, "Ref"))
		return sl_node_is(v, SL_SCALAR);
	if (sl_str_eq(k, "Fn::GetAtt"))
		return sl_node_is(v, SL_SEQ) && v->len == 2 && sl_node_is(v->items[0], SL_SCALAR) &&
		       sl_node_is(v->items[1], SL_SCALAR);
	return false;
}

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	if (!sl_node_is(v, SL_SEQ) || v->len != 2 || !sl_node_is(v->items[0], SL_SCALAR) ||
	    v->items[0]->len != 0 || sl_scalar_type(v->items[0]) != SL_TYPE_STRING)
		return;
	const struct sl_node *l = v->items[1];
	if (!sl_node_is(l, SL_SEQ) || l->len < 2)
		return;
	bool any_fn = false;
	for (uint32_t i = 0; i < l->len; i++) {
		if (!sub_able(l->items[i]))
			return;
		any_fn |= l->items[i]->kind == SL_MAP;
	}
	if (any_fn)
		sl_report(c, key, "This Fn::Join with an empty delimiter reads better as Fn::Sub "
			  "(text with ${Name} and ${Resource.Attribute})");
}

/* True for a template the AWS CDK synthesized: one with the CDK's
 * AWS::CDK::Metadata resource (cfn-lint's test), or, when version reporting is
 * off, the CDK's own parameters: BootstrapVersion read from /cdk-bootstrap/ in
 * SSM, or CDK v1's AssetParameters... for its assets. Nobody edits such a
 * template by hand, so advice on how it reads is noise. */
static bool cdk_generated(const struct sl_template *t)
{
	for (size_t i = 0; i < t->resources.n; i++)
		if (sl_str_eq(t->resources.items[i].type, "AWS::CDK::Metadata"))
			return true;
	for (size_t i = 0; i < t->params.n; i++) {
		const struct sl_entity *p = &t->params.items[i];
		const struct sl_node *def = sl_map_get(p->value, "Default");
		if (sl_str_eq(p->key, "BootstrapVersion") && sl_node_is(def, SL_SCALAR) &&
		    def->len > 15 && memcmp(def->str, "/cdk-bootstrap/", 15) == 0)
			return true;
		if (p->key->len > 15 && memcmp(p->key->str, "AssetParameters", 15) == 0)
			return true;
	}
	return false;
}

static void check(struct sl_ctx *c)
{
	if (cdk_generated(c->t))
		return;
	sl_fn_walk(c, "Fn::Join", visit);
}

const struct sl_rule rule_I1022 = {
	.id = "I1022",
	.severity = SL_SEV_INFO,
	.title = "Fn::Sub reads better than a Fn::Join with an empty delimiter",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html",
	.doc =
	"### What it checks\n"
	"A `Fn::Join` whose delimiter is `''` and whose items are only text, `Ref`s and "
	"`Fn::GetAtt`s (at least one of them) could be one `Fn::Sub` string. Templates the AWS CDK "
	"generated (an `AWS::CDK::Metadata` resource, the CDK's `BootstrapVersion` or "
	"`AssetParameters...` parameters) are not checked, as in cfn-lint: nobody reads or edits "
	"them by hand.\n\n"
	"### Why it matters\n"
	"`!Sub 'arn:${AWS::Partition}:s3:::${Bucket}/*'` shows the result at a glance; the "
	"equivalent Join has to be assembled in the head, and a missing separator is easy to "
	"miss.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  Arn:\n"
	"    Value: !Join ['', ['arn:', !Ref AWS::Partition, ':s3:::', !Ref AWS::StackName]]\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  Arn:\n"
	"    Value: !Sub 'arn:${AWS::Partition}:s3:::${AWS::StackName}'\n"
	"```\n",
	.check = check,
};
