/* I99603: an S3 bucket has a lifecycle rule that aborts incomplete multipart uploads. */
#include "rules/storage/storage.h"

/* Whether the lifecycle rules abort incomplete multipart uploads: 1 yes, 0 no,
 * -1 cannot be known here (a rule from a function, a status from a parameter). */
static int aborts_uploads(const struct sl_node *lc)
{
	if (!sl_node_is(lc, SL_MAP) || sl_node_intrinsic(lc))
		return -1;
	const struct sl_node *rules = sl_map_get(lc, "Rules");
	if (sl_sto_absent(rules))
		return 0;
	if (!sl_node_is(rules, SL_SEQ))
		return -1;
	int r = 0;
	for (size_t i = 0; i < rules->len; i++) {
		const struct sl_node *rule = rules->items[i];
		if (!sl_node_is(rule, SL_MAP) || sl_node_intrinsic(rule)) {
			r = -1;
			continue;
		}
		if (sl_sto_absent(sl_map_get(rule, "AbortIncompleteMultipartUpload")))
			continue;
		const struct sl_node *st = sl_map_get(rule, "Status");
		if (sl_str_eq(st, "Enabled"))
			return 1;
		if (!sl_str_eq(st, "Disabled"))
			r = -1;
	}
	return r;
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, SL_STO_BUCKET, strlen(SL_STO_BUCKET), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (props && (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props) || sl_sto_props_open(props)))
			continue;
		const struct sl_pair *lc = sl_map_get_pair(props, "LifecycleConfiguration");
		if (lc && !sl_sto_absent(lc->value) && aborts_uploads(lc->value) != 0)
			continue;
		sl_report(c, lc ? lc->key : sl_samr_anchor(e),
			  "the bucket '%s' has no enabled lifecycle rule with AbortIncompleteMultipartUpload: the "
			  "parts of multipart uploads that are never completed stay in the bucket, unseen in "
			  "object listings, and are billed as storage. Add a rule such as {Status: Enabled, "
			  "AbortIncompleteMultipartUpload: {DaysAfterInitiation: 7}}", e->key->str);
	}
}

const struct sl_rule rule_I99603 = {
	.id = "I99603",
	.severity = SL_SEV_INFO,
	.title = "S3 buckets abort incomplete multipart uploads",
	.source = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpu-abort-incomplete-mpu-lifecycle-config.html",
	.doc =
	"### What it checks\n"
	"Each `AWS::S3::Bucket` has a `LifecycleConfiguration` rule with `Status: Enabled` and "
	"an `AbortIncompleteMultipartUpload` action. Rules that come from functions, or whose "
	"status cannot be read, count as present.\n\n"
	"### Why it matters\n"
	"A multipart upload that is started and never completed or aborted keeps its parts in "
	"the bucket, where they are billed as storage but do not appear as objects. AWS "
	"recommends, as a best practice, a lifecycle rule with the "
	"AbortIncompleteMultipartUpload action \"to minimize your storage costs\": S3 then stops "
	"uploads that are not completed within the given number of days and deletes their "
	"parts.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Uploads:\n"
	"    Type: AWS::S3::Bucket\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Uploads:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      LifecycleConfiguration:\n"
	"        Rules:\n"
	"          - Id: abort-incomplete-uploads\n"
	"            Status: Enabled\n"
	"            AbortIncompleteMultipartUpload:\n"
	"              DaysAfterInitiation: 7\n"
	"```\n",
	.check = check,
};
