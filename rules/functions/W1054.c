/* W1054: a pseudo parameter's name written as a plain string where Ref was meant. */
#include <string.h>

#include "engine/engine.h"

static void report(struct sl_ctx *c, const struct sl_node *n)
{
	if (sl_str_eq(n, "AWS::NoValue"))
		sl_report(c, n, "'AWS::NoValue' is a plain string here, so CloudFormation sets the "
			  "text 'AWS::NoValue' instead of leaving the property out; write "
			  "{Ref: AWS::NoValue} (!Ref AWS::NoValue)");
	else
		sl_report(c, n, "'%s' is a plain string here, so CloudFormation uses the text '%s' "
			  "instead of the pseudo parameter's value; write {Ref: %s} (!Ref %s) or "
			  "!Sub '${%s}'", n->str, n->str, n->str, n->str, n->str);
}

/* Visits the values below n (depth is bounded by the loader's nesting cap). */
static void walk(struct sl_ctx *c, const struct sl_node *n)
{
	if (!n || (n->flags & SL_NODE_ALIAS))
		return;
	if (n->kind == SL_SCALAR) {
		if (n->len > 5 && memcmp(n->str, "AWS::", 5) == 0 &&
		    sl_scalar_type(n) == SL_TYPE_STRING && sl_pseudo_param(n->str, n->len))
			report(c, n);
		return;
	}
	if (n->kind == SL_SEQ) {
		for (size_t i = 0; i < n->len; i++)
			walk(c, n->items[i]);
		return;
	}
	const struct sl_node *fn = sl_node_intrinsic(n);
	if (fn) {
		const struct sl_node *arg = n->pairs[0].value;
		/* arguments that name things (Ref, GetAtt, FindInMap, conditions) or that a
		 * macro reads are not values */
		if (sl_str_eq(fn, "Ref") || sl_str_eq(fn, "Fn::GetAtt") ||
		    sl_str_eq(fn, "Fn::FindInMap") || sl_str_eq(fn, "Fn::Transform") ||
		    sl_str_eq(fn, "Condition") || sl_str_eq(fn, "Fn::GetAZs"))
			return;
		if (sl_str_eq(fn, "Fn::If") || sl_str_eq(fn, "Fn::Sub")) {
			/* Fn::If: not the condition name; Fn::Sub: only the variables' values */
			if (sl_node_is(arg, SL_SEQ))
				for (size_t i = 1; i < arg->len; i++)
					walk(c, arg->items[i]);
			return;
		}
		walk(c, arg);
		return;
	}
	for (size_t i = 0; i < n->len; i++)
		walk(c, n->pairs[i].value);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	if (t->macro_global)
		return; /* a macro may read its own strings */
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!sl_foreach_key(e->key))
			walk(c, sl_map_get(e->value, "Properties"));
	}
	for (size_t i = 0; i < t->outputs.n; i++) {
		const struct sl_entity *e = &t->outputs.items[i];
		if (!sl_foreach_key(e->key))
			walk(c, sl_map_get(e->value, "Value"));
	}
}

const struct sl_rule rule_W1054 = {
	.id = "W1054",
	.severity = SL_SEV_WARNING,
	.title = "Pseudo parameters are referenced, not written as plain strings",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html",
	.doc =
	"### What it checks\n"
	"No property value or output value is a plain string that is exactly the name of a pseudo "
	"parameter (`AWS::AccountId`, `AWS::NotificationARNs`, `AWS::NoValue`, `AWS::Partition`, "
	"`AWS::Region`, `AWS::StackId`, `AWS::StackName`, `AWS::URLSuffix`). The arguments of Ref, "
	"Fn::GetAtt, Fn::FindInMap, Fn::GetAZs, Fn::Transform and condition names are not values; "
	"Fn::If branches and Fn::Sub variables are. Templates whose top-level Transform is a macro "
	"are not judged.\n\n"
	"### Why it matters\n"
	"A pseudo parameter gives its value only through `Ref` (or `${...}` in Fn::Sub). Written as "
	"a plain string, CloudFormation passes the name itself: a property set to `AWS::NoValue` is "
	"set to that text rather than left out, and `AWS::Region` is not a Region name.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Zone:\n"
	"    Type: AWS::Route53::HostedZone\n"
	"    Properties:\n"
	"      Name: example.com\n"
	"      VPCs:\n"
	"        - VPCId: vpc-0123456789abcdef0\n"
	"          VPCRegion: AWS::Region\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Zone:\n"
	"    Type: AWS::Route53::HostedZone\n"
	"    Properties:\n"
	"      Name: example.com\n"
	"      VPCs:\n"
	"        - VPCId: vpc-0123456789abcdef0\n"
	"          VPCRegion: !Ref AWS::Region\n"
	"```\n",
	.check = check,
};
