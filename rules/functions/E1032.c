/* E1032: Fn::ForEach loops have the language extensions and the shape [id, collection, template]. */
#include "rules/functions/fn.h"

static void check_loop(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *v)
{
	if (!c->t->lang_ext && !c->t->macro_global) {
		sl_report(c, key, "Fn::ForEach needs 'Transform: AWS::LanguageExtensions'");
		return;
	}
	if (key->len <= 13) {
		sl_report(c, key, "Fn::ForEach needs a loop name: Fn::ForEach::Name");
		return;
	}
	if (!sl_node_is(v, SL_SEQ) || v->len != 3) {
		sl_report(c, v ? v : key, "Fn::ForEach takes a list of 3 items: an identifier, a "
			  "collection and the template to repeat%s",
			  sl_node_is(v, SL_SEQ) ? "" : " (this is not a list)");
		return;
	}
	const struct sl_node *id = v->items[0], *coll = v->items[1], *tmpl = v->items[2];
	if (!sl_fn_is_string(id) || id->len == 0)
		sl_report(c, id, "The identifier of Fn::ForEach is a name such as TopicName, not %s",
			  sl_fn_kind(id));
	if (!sl_node_is(coll, SL_SEQ) && !sl_fn_is(coll))
		sl_report(c, coll, "The collection of Fn::ForEach is a list or a function returning "
			  "one, not %s", sl_fn_kind(coll));
	if (!sl_node_is(tmpl, SL_MAP) || sl_fn_is(tmpl))
		sl_report(c, tmpl, "The third item of Fn::ForEach maps output keys (such as "
			  "Topic${Name}) to what each iteration creates, not %s", sl_fn_kind(tmpl));
}

static void walk(struct sl_ctx *c, const struct sl_node *n)
{
	if (!n || (n->flags & SL_NODE_ALIAS))
		return;
	if (n->kind == SL_SEQ) {
		for (uint32_t i = 0; i < n->len; i++)
			walk(c, n->items[i]);
		return;
	}
	if (n->kind != SL_MAP)
		return;
	for (uint32_t i = 0; i < n->len; i++) {
		const struct sl_node *k = n->pairs[i].key;
		if (k->len >= 11 && memcmp(k->str, "Fn::ForEach", 11) == 0 &&
		    (k->len == 11 || memcmp(k->str + 11, "::", 2) == 0))
			check_loop(c, k, n->pairs[i].value);
		walk(c, n->pairs[i].value);
	}
}

static void check(struct sl_ctx *c)
{
	walk(c, c->t->root);
}

const struct sl_rule rule_E1032 = {
	.id = "E1032",
	.severity = SL_SEV_ERROR,
	.title = "Fn::ForEach is well formed, with the language extensions",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-foreach.html",
	.doc =
	"### What it checks\n"
	"A `Fn::ForEach::Name` key appears only in a template with `Transform: "
	"AWS::LanguageExtensions`, and its value is a list of three items: the loop identifier "
	"(a string), the collection (a list, or a function returning one) and a mapping from "
	"output keys to what each iteration creates.\n\n"
	"### Why it matters\n"
	"Without the transform CloudFormation reads `Fn::ForEach::Topics` as a resource with an "
	"odd logical ID and fails; any other shape is rejected by the transform.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Fn::ForEach::Topics:\n"
	"    - Name\n"
	"    - [Orders, Invoices]\n"
	"    - Topic${Name}:\n"
	"        Type: AWS::SNS::Topic\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Transform: AWS::LanguageExtensions\n"
	"Resources:\n"
	"  Fn::ForEach::Topics:\n"
	"    - Name\n"
	"    - [Orders, Invoices]\n"
	"    - Topic${Name}:\n"
	"        Type: AWS::SNS::Topic\n"
	"```\n",
	.check = check,
};
