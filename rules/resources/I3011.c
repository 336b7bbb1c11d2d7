/* I3011: stateful resources say what happens to their data. */
#include "rules/schema.h"

/* Types CloudFormation cannot delete while they hold data (cfn-lint's
 * DeleteRequiresEmptyResource): deleting the stack, or the old copy after a
 * replacement, fails and the data stays. Nothing is lost by default. */
static const char *const empty_to_delete[] = { "AWS::S3::Bucket" };

/* RDS's default DeletionPolicy is Snapshot for clusters, and for instances
 * that are not part of one (no DBClusterIdentifier). */
static bool snapshot_by_default(const struct sl_entity *e)
{
	if (sl_str_eq(e->type, "AWS::RDS::DBCluster"))
		return true;
	return sl_str_eq(e->type, "AWS::RDS::DBInstance") &&
	       !sl_map_get(sl_map_get(e->value, "Properties"), "DBClusterIdentifier");
}

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
		bool keeps = false;
		for (size_t k = 0; k < sizeof(empty_to_delete) / sizeof(empty_to_delete[0]); k++)
			keeps |= sl_str_eq(e->type, empty_to_delete[k]);
		if (keeps)
			continue;
		bool del = sl_map_get(e->value, "DeletionPolicy") != NULL;
		bool upd = sl_map_get(e->value, "UpdateReplacePolicy") != NULL;
		if (del && upd)
			continue;
		/* one finding per missing attribute: each is its own decision, and
		 * setting one leaves the other reported */
		if (!del)
			sl_report(c, e->key, "%s '%s' holds data and has no DeletionPolicy: %s",
				  e->type->str, e->key->str,
				  snapshot_by_default(e)
					  ? "deleting the stack or removing the resource deletes it, "
					    "leaving only a final snapshot"
					  : "deleting the stack or removing the resource deletes it with "
					    "its data");
		if (!upd)
			sl_report(c, e->key, "%s '%s' holds data and has no UpdateReplacePolicy: a change "
				  "that replaces it deletes the old one with its data",
				  e->type->str, e->key->str);
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
	"volumes, file systems, queues, log groups, ...) set both `DeletionPolicy` and "
	"`UpdateReplacePolicy`; each one missing is its own finding. S3 buckets are not asked, "
	"as in cfn-lint: CloudFormation cannot delete a bucket that still holds objects, so "
	"deleting the stack fails (and a replaced bucket is left behind) rather than losing "
	"data.\n\n"
	"### Why it matters\n"
	"Without them, deleting the stack or removing the resource from the template deletes it with "
	"its data (RDS clusters and stand-alone instances keep a final snapshot), and a change that "
	"replaces it deletes the old one with its data. Saying `Delete` explicitly is fine: the "
	"point is to decide.\n\n"
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
