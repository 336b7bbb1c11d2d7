/* I3011: stateful resources say what happens to their data. */
#include "rules/schema.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		if (!e->type)
			continue;
		uint32_t rid = sl_spec_resource(c->spec, e->type->str, e->type->len);
		if (rid == SL_SPEC_NONE || !(sl_spec_resource_flags(c->spec, rid) & SL_SPEC_STATEFUL))
			continue;
		bool del = sl_map_get(e->value, "DeletionPolicy") != NULL;
		bool upd = sl_map_get(e->value, "UpdateReplacePolicy") != NULL;
		if (del && upd)
			continue;
		/* RDS instances and clusters default to a snapshot on deletion */
		bool snap = sl_str_eq(e->type, "AWS::RDS::DBInstance") || sl_str_eq(e->type, "AWS::RDS::DBCluster");
		const char *when = del ? "when the resource is replaced" : upd ? "when the resource is removed"
			: snap ? "when the resource is replaced (and only snapshots it when removed)"
			       : "when the resource is removed or replaced";
		sl_report(c, e->key, "%s '%s' holds data but has no %s%s%s: the default deletes the data %s",
			  e->type->str, e->key->str, del ? "" : "DeletionPolicy", del || upd ? "" : " and no ",
			  upd ? "" : "UpdateReplacePolicy", when);
	}
}

const struct sl_rule rule_I3011 = {
	.id = "I3011",
	.severity = SL_SEV_INFO,
	.title = "Stateful resources set DeletionPolicy and UpdateReplacePolicy",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-deletionpolicy.html",
	.doc =
	"### What it checks\n"
	"Resource types that hold data (the specification's stateful types: databases, tables, "
	"buckets, volumes, file systems, ...) set both `DeletionPolicy` and `UpdateReplacePolicy`.\n\n"
	"### Why it matters\n"
	"Without them, deleting the stack, removing the resource from the template, or a change that "
	"replaces it deletes the data. Saying `Delete` explicitly is fine: the point is to decide.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Table:\n"
	"    Type: AWS::DynamoDB::Table\n"
	"    Properties: {...}\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"Resources:\n"
	"  Table:\n"
	"    Type: AWS::DynamoDB::Table\n"
	"    DeletionPolicy: Retain\n"
	"    UpdateReplacePolicy: Retain\n"
	"    Properties: {...}\n"
	"```\n",
	.check = check,
};
