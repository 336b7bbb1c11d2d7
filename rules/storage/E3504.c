/* E3504: AWS Backup keeps a recovery point at least 90 days in cold storage.
 *
 * The AWS Backup API reference (Lifecycle): backups transitioned to cold
 * storage must stay there at least 90 days, so DeleteAfterDays must be at
 * least 90 days after MoveToColdStorageAfterDays (-1 for both keeps recovery
 * points indefinitely). A Lifecycle of an AWS::Backup::BackupPlan rule
 * (BackupPlan.BackupPlanRule[].Lifecycle, and .CopyActions[].Lifecycle) with
 * literal non-negative values closer than 90 days is reported at its
 * DeleteAfterDays. Rules and lifecycles written with Fn::If are judged branch
 * by branch; values written with functions are not judged. */
#include "rules/functions/fn.h"

static void check_lifecycle(struct sl_ctx *c, const struct sl_node *lc)
{
	const struct sl_node *a, *b;
	if (sl_node_if(lc, &a, &b)) {
		check_lifecycle(c, a);
		check_lifecycle(c, b);
		return;
	}
	if (!sl_node_is(lc, SL_MAP) || sl_node_intrinsic(lc))
		return;
	const struct sl_node *del = sl_map_get(lc, "DeleteAfterDays");
	long d, m;
	if (!sl_fn_int(del, &d) || !sl_fn_int(sl_map_get(lc, "MoveToColdStorageAfterDays"), &m) ||
	    d < 0 || m < 0 || d - m >= 90)
		return;
	sl_report(c, del, "DeleteAfterDays %ld is %ld days after MoveToColdStorageAfterDays %ld: "
		  "AWS Backup keeps a recovery point in cold storage for at least 90 days, so "
		  "DeleteAfterDays must be %ld or more (or move to cold storage later)", d, d - m, m,
		  m + 90);
}

/* Calls check_lifecycle on each item's Lifecycle of a list (rules or copy
 * actions); with copies, also on each rule's CopyActions. */
static void check_items(struct sl_ctx *c, const struct sl_node *list, bool rules)
{
	const struct sl_node *a, *b;
	if (sl_node_if(list, &a, &b)) {
		check_items(c, a, rules);
		check_items(c, b, rules);
		return;
	}
	if (!sl_node_is(list, SL_SEQ))
		return;
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *it = list->items[i];
		if (sl_node_if(it, &a, &b)) {
			const struct sl_node *pair[2] = { a, b };
			for (int k = 0; k < 2; k++)
				if (sl_node_is(pair[k], SL_MAP) && !sl_node_intrinsic(pair[k])) {
					check_lifecycle(c, sl_map_get(pair[k], "Lifecycle"));
					if (rules)
						check_items(c, sl_map_get(pair[k], "CopyActions"), false);
				}
			continue;
		}
		if (!sl_node_is(it, SL_MAP) || sl_node_intrinsic(it))
			continue;
		check_lifecycle(c, sl_map_get(it, "Lifecycle"));
		if (rules)
			check_items(c, sl_map_get(it, "CopyActions"), false);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::Backup::BackupPlan",
					   strlen("AWS::Backup::BackupPlan"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		const struct sl_node *plan = sl_map_get(sl_map_get(e->value, "Properties"), "BackupPlan");
		if (sl_node_is(plan, SL_MAP) && !sl_node_intrinsic(plan))
			check_items(c, sl_map_get(plan, "BackupPlanRule"), true);
	}
}

const struct sl_rule rule_E3504 = {
	.id = "E3504",
	.severity = SL_SEV_ERROR,
	.title = "AWS Backup lifecycles keep recovery points 90 days in cold storage",
	.source = "https://docs.aws.amazon.com/aws-backup/latest/devguide/API_Lifecycle.html",
	.doc =
	"### What it checks\n"
	"A `Lifecycle` of an `AWS::Backup::BackupPlan` rule (`BackupPlan.BackupPlanRule[]`, and "
	"its `CopyActions[]`) with literal `MoveToColdStorageAfterDays` and `DeleteAfterDays` "
	"deletes at least 90 days after the move to cold storage. `-1` (keep indefinitely) and "
	"values written with functions are not judged.\n"
	"\n"
	"### Why it matters\n"
	"Backups transitioned to cold storage must stay there for at least 90 days; AWS Backup "
	"requires `DeleteAfterDays` to be at least 90 days after `MoveToColdStorageAfterDays` "
	"(Lifecycle). A shorter retention is rejected and the backup plan fails to create.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"          Lifecycle:\n"
	"            MoveToColdStorageAfterDays: 30\n"
	"            DeleteAfterDays: 60\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"          Lifecycle:\n"
	"            MoveToColdStorageAfterDays: 30\n"
	"            DeleteAfterDays: 120\n"
	"```\n",
	.check = check,
};
