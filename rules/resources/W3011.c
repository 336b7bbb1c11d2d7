/* W3011: a resource that keeps itself on deletion or on replacement says so for both.
 *
 * DeletionPolicy covers deleting the stack and removing the resource from the
 * template; UpdateReplacePolicy covers the old copy an update replaces. A
 * resource that sets one of them to something other than Delete and leaves the
 * other out is kept in one case and deleted in the other. On stateful types
 * I3011 (informational, off by default) notes the missing attribute too, as
 * cfn-lint does under both IDs: this warning is the one users see. */
#include "engine/engine.h"

/* Types whose replacement CloudFormation carries out under a new logical ID in
 * practice (SAM names a published version or layer version after a hash of its
 * content), so that DeletionPolicy alone keeps the old ones; cfn-lint leaves
 * them out too. */
static const char *const exempt[] = { "AWS::Lambda::Version", "AWS::Lambda::LayerVersion" };

struct keep {
	const struct sl_node *value; /* the first value other than Delete */
	const char *from;            /* where a function found it, or NULL */
};

static void collect(void *ud, const struct sl_node *at, const char *from)
{
	struct keep *k = ud;
	if (!k->value && !sl_str_eq(at, "Delete")) {
		k->value = at;
		k->from = from;
	}
}

/* A value of policy attribute v that keeps the resource (not Delete): none
 * (k->value NULL) when every value it can take is Delete or cannot be known. */
static void keeping_value(struct sl_ctx *c, const struct sl_node *v, struct keep *k)
{
	k->value = NULL;
	k->from = NULL;
	if (!sl_node_intrinsic(v)) {
		if (!sl_str_eq(v, "Delete"))
			k->value = v;
		return;
	}
	sl_langext_values(c->t, v, collect, k);
}

/* The same policy for the other attribute, as a suggestion ("" when none fits). */
static const char *counterpart(const struct sl_node *v, bool for_update)
{
	if (sl_str_eq(v, "Retain") || sl_str_eq(v, "Snapshot"))
		return v->str;
	if (for_update && sl_str_eq(v, "RetainExceptOnCreate"))
		return "Retain";
	return "";
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!e->type)
			continue;
		bool skip = false;
		for (size_t k = 0; k < sizeof(exempt) / sizeof(exempt[0]); k++)
			skip |= sl_str_eq(e->type, exempt[k]);
		const struct sl_node *del = sl_entity_attr(e, SL_ATTR_DELETION_POLICY);
		const struct sl_node *upd = sl_entity_attr(e, SL_ATTR_UPDATE_REPLACE_POLICY);
		if (skip || (del != NULL) == (upd != NULL) || sl_node_is_null(del) || sl_node_is_null(upd))
			continue;
		const struct sl_node *set = del ? del : upd;
		struct keep k;
		keeping_value(c, set, &k);
		const struct sl_node *keeps = k.value;
		if (!keeps)
			continue;
		const char *what = keeps->kind != SL_SCALAR ? "a value other than Delete"
			: k.from ? sl_arena_printf(c->arena, "'%s' (from %s)", keeps->str, k.from)
			: sl_arena_printf(c->arena, "'%s'", keeps->str);
		const char *same = counterpart(keeps, del != NULL);
		const char *fix = *same ? sl_arena_printf(c->arena, " (%s: %s)", del ? "UpdateReplacePolicy"
							  : "DeletionPolicy", same) : "";
		const char *verb = sl_node_intrinsic(set) ? "can set" : "sets";
		if (del)
			sl_report(c, e->key, "resource '%s' %s DeletionPolicy to %s but has no "
				  "UpdateReplacePolicy: when an update replaces it, CloudFormation still "
				  "deletes the old one (Delete is the default); set UpdateReplacePolicy too%s",
				  e->key->str, verb, what, fix);
		else
			sl_report(c, e->key, "resource '%s' %s UpdateReplacePolicy to %s but has no "
				  "DeletionPolicy: deleting the stack or removing the resource from the "
				  "template still deletes it (Delete is the default); set DeletionPolicy too%s",
				  e->key->str, verb, what, fix);
	}
}

const struct sl_rule rule_W3011 = {
	.id = "W3011",
	.severity = SL_SEV_WARNING,
	.title = "A resource with DeletionPolicy or UpdateReplacePolicy sets both",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatereplacepolicy.html",
	.doc =
	"### What it checks\n"
	"A resource that sets `DeletionPolicy` or `UpdateReplacePolicy` to a value other than "
	"`Delete` (`Retain`, `Snapshot`, `RetainExceptOnCreate`, or a function that can give one "
	"of them) also sets the other attribute. `AWS::Lambda::Version` and "
	"`AWS::Lambda::LayerVersion` are not asked (as in cfn-lint). On stateful types the "
	"informational I3011 also notes the missing attribute, when informational rules are on.\n"
	"\n"
	"### Why it matters\n"
	"The two attributes cover different events. `DeletionPolicy` applies when the stack is "
	"deleted or the resource is removed from the template; `UpdateReplacePolicy` applies to the "
	"old physical resource when an update replaces it. With only one set, the resource is kept "
	"in one case and deleted (the default, `Delete`) in the other, which is rarely what was "
	"meant.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  Alerts:\n"
	"    Type: AWS::SNS::Topic\n"
	"    DeletionPolicy: Retain\n"
	"    Properties: {...}\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  Alerts:\n"
	"    Type: AWS::SNS::Topic\n"
	"    DeletionPolicy: Retain\n"
	"    UpdateReplacePolicy: Retain\n"
	"    Properties: {...}\n"
	"```\n",
	.check = check,
};
