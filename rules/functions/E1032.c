/* E1032: Fn::ForEach loops have the language extensions, the shape [id, collection, template]
 * and a place where CloudFormation expands them. Read on the template as written: the
 * expanded tree has no loops left. */
#include "analysis/textscan.h"
#include "rules/functions/fn.h"

/* Sections where CloudFormation does not expand loops. */
static const char *const no_loop_sections[] = {
	"AWSTemplateFormatVersion", "Description", "Metadata", "Transform", "Parameters",
	"Mappings", "Rules", "Hooks", NULL,
};

/* True when the output key names the loop's identifier as ${Id} or &{Id}. */
static bool key_has_id(const struct sl_node *k, const struct sl_node *id)
{
	for (size_t i = 0; i + id->len + 3 <= k->len; i++)
		if ((k->str[i] == '$' || k->str[i] == '&') && k->str[i + 1] == '{' &&
		    memcmp(k->str + i + 2, id->str, id->len) == 0 && k->str[i + 2 + id->len] == '}')
			return true;
	return false;
}

static void check_items(struct sl_ctx *c, const struct sl_node *id, const struct sl_node *coll,
			const struct sl_node *tmpl)
{
	bool literal = sl_node_is(coll, SL_SEQ);
	for (uint32_t i = 0; literal && i < coll->len; i++) {
		const struct sl_node *it = coll->items[i];
		if (!sl_fn_is_string(it) && !sl_fn_is(it)) {
			sl_report(c, it, "The items of a Fn::ForEach collection are strings, not %s",
				  sl_fn_kind(it));
			return;
		}
	}
	/* one iteration (or none) cannot repeat a key */
	if ((literal && coll->len <= 1) || !sl_fn_is_string(id) || !id->len ||
	    !sl_node_is(tmpl, SL_MAP) || sl_fn_is(tmpl))
		return;
	for (uint32_t i = 0; i < tmpl->len; i++) {
		const struct sl_node *k = tmpl->pairs[i].key;
		if (sl_foreach_key(k) || key_has_id(k, id))
			continue;
		sl_report(c, k, "The output key '%s' has neither ${%s} nor &{%s}: every iteration of the "
			  "loop would make the same '%s'", k->str, id->str, id->str, k->str);
	}
}

static void check_loop(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *v,
		       const char *section)
{
	if (!c->t->lang_ext && !c->t->macro_global) {
		sl_report(c, key, "Fn::ForEach needs 'Transform: AWS::LanguageExtensions'");
		return;
	}
	if (section) {
		sl_report(c, key, "Fn::ForEach is expanded in Resources, Conditions and Outputs only, "
			  "not in %s", section);
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
	check_items(c, id, coll, tmpl);
}

static void walk(struct sl_ctx *c, const struct sl_node *n, const char *section)
{
	if (!n || (n->flags & SL_NODE_ALIAS))
		return;
	if (n->kind == SL_SEQ) {
		for (uint32_t i = 0; i < n->len; i++)
			walk(c, n->items[i], section);
		return;
	}
	if (n->kind != SL_MAP)
		return;
	for (uint32_t i = 0; i < n->len; i++) {
		const struct sl_node *k = n->pairs[i].key;
		if (k->len >= 11 && memcmp(k->str, "Fn::ForEach", 11) == 0 &&
		    (k->len == 11 || memcmp(k->str + 11, "::", 2) == 0))
			check_loop(c, k, n->pairs[i].value, section);
		walk(c, n->pairs[i].value, section);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_node *root = c->t->src_root;
	/* no key can be a loop when the text cannot hold one */
	if (!sl_node_is(root, SL_MAP) || !sl_text_may_hold(c, "Fn::ForEach"))
		return;
	for (uint32_t i = 0; i < root->len; i++) {
		const struct sl_node *k = root->pairs[i].key;
		const char *section = NULL;
		for (const char *const *s = no_loop_sections; *s; s++)
			if (sl_str_eq(k, *s))
				section = *s;
		walk(c, root->pairs[i].value, section);
	}
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
	"output keys to what each iteration creates. The items of a literal collection are "
	"strings, and unless the loop runs at most once each output key contains `${Identifier}` "
	"or `&{Identifier}`. Loops are expanded in Resources (resource properties included), "
	"Conditions and Outputs only. Without the transform the loop is reported once, and the "
	"rest of the template is still read as the loop expands.\n\n"
	"### Why it matters\n"
	"Without the transform CloudFormation reads `Fn::ForEach::Topics` as a resource with an "
	"odd logical ID and fails; any other shape is rejected by the transform, and an output "
	"key without the identifier makes every iteration declare the same logical ID.\n\n"
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
