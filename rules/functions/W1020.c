/* W1020: a Fn::Sub whose string has no ${Var} is not needed. */
#include "rules/functions/fn.h"

static void visit(struct sl_ctx *c, const struct sl_node *fn, const struct sl_node *key,
		  const struct sl_node *v)
{
	(void)fn;
	/* SAM rewrites Subs of its own (as cfn-lint, leave them alone) */
	if (c->t->sam)
		return;
	const struct sl_node *s = v;
	if (sl_node_is(v, SL_SEQ) && v->len >= 1)
		s = v->items[0];
	if (!sl_fn_is_string(s) || s->flags & SL_NODE_ALIAS)
		return;
	/* a copy of a Fn::ForEach body: as written, the string has the loop's ${Id} */
	if (sl_langext_varies(c->t->lx, s))
		return;
	/* a variable, or "${!Literal}", which needs the Sub to come out as "${Literal}" */
	/* a dynamic reference ({{resolve:...}}) often sits in a Sub by habit: cfn-lint lets it be */
	if (!memmem(s->str, s->len, "${", 2) && !memmem(s->str, s->len, "{{resolve:", 10))
		sl_report(c, key, "This Fn::Sub has no ${Var} to substitute: use the plain string");
}

static void check(struct sl_ctx *c)
{
	sl_fn_walk(c, "Fn::Sub", visit);
}

const struct sl_rule rule_W1020 = {
	.id = "W1020",
	.severity = SL_SEV_WARNING,
	.title = "Fn::Sub has a variable to substitute",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-sub.html",
	.doc =
	"### What it checks\n"
	"The string of a `Fn::Sub` contains at least one `${...}` (a `Fn::ForEach` identifier, "
	"substituted by the loop, counts).\n\n"
	"### Why it matters\n"
	"A Sub with nothing to substitute is noise, and it often means a variable was forgotten "
	"(`arn:aws:s3:::my-bucket` where `${BucketName}` was meant).\n\n"
	"### Bad\n"
	"```yaml\n"
	"Outputs:\n"
	"  Name:\n"
	"    Value: !Sub 'my-bucket'\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Outputs:\n"
	"  Name:\n"
	"    Value: !Sub '${AWS::StackName}-bucket'\n"
	"```\n",
	.check = check,
};
