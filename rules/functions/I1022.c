/* I1022: a Fn::Join with an empty delimiter over strings, Refs and GetAtts reads better as Fn::Sub. */
#include "rules/functions/fn.h"

enum piece { NOT_SUBABLE, TEXT, DOLLAR_TEXT, FUNCTION };

/* What an item is to a Fn::Sub that replaces the Join: text (DOLLAR_TEXT when
 * it has a ${ that Sub would need written as ${!), a Ref, Fn::GetAtt or
 * variable-less Fn::Sub it can say as ${...}, or something it cannot say. */
static enum piece piece(const struct sl_node *n)
{
	if (sl_node_is(n, SL_SCALAR))
		return memmem(n->str, n->len, "${", 2) ? DOLLAR_TEXT : TEXT;
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k)
		return NOT_SUBABLE;
	if (sl_str_eq(k, "Ref") || sl_str_eq(k, "Fn::GetAtt"))
		return FUNCTION;
	if (sl_str_eq(k, "Fn::Sub") && sl_node_is(n->pairs[0].value, SL_SCALAR))
		return FUNCTION;
	return NOT_SUBABLE;
}

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	(void)key;
	if (!sl_node_is(v, SL_SEQ) || v->len != 2 || !sl_node_is(v->items[0], SL_SCALAR) ||
	    v->items[0]->len != 0 || sl_scalar_type(v->items[0]) != SL_TYPE_STRING)
		return;
	const struct sl_node *l = v->items[1];
	if (!sl_node_is(l, SL_SEQ) || l->len == 0)
		return;
	bool any_fn = false, dollar = false;
	for (uint32_t i = 0; i < l->len; i++) {
		enum piece p = piece(l->items[i]);
		if (p == NOT_SUBABLE)
			return;
		any_fn |= p == FUNCTION;
		dollar |= p == DOLLAR_TEXT;
	}
	/* at the empty delimiter: the part that makes it a concatenation */
	if (!any_fn)
		sl_report(c, v->items[0], "This Fn::Join with an empty delimiter joins only text: "
			  "write the text as one string");
	else
		sl_report(c, v->items[0], "This Fn::Join with an empty delimiter reads better as "
			  "Fn::Sub (text with ${Name} and ${Resource.Attribute}%s)",
			  dollar ? "; a ${ in the text is written ${! in Fn::Sub" : "");
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
	"A `Fn::Join` whose delimiter is `''` and whose items are only text, `Ref`s, "
	"`Fn::GetAtt`s and `Fn::Sub` strings could be one `Fn::Sub` string (text that "
	"contains `${` is written `${!` there), or, when every item is text, one plain "
	"string. Templates the AWS CDK "
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
