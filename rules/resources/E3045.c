/* E3045: an S3 bucket with an ACL other than Private has ACLs enabled (OwnershipControls).
 *
 * The S3 User Guide (Controlling ownership of objects and disabling ACLs) says
 * new buckets default to the Bucket owner enforced setting of Object Ownership,
 * which disables ACLs: requests that set an ACL other than bucket owner full
 * control fail with AccessControlListNotSupported. An AWS::S3::Bucket whose
 * literal AccessControl is neither Private nor BucketOwnerFullControl, with no
 * OwnershipControls or with OwnershipControls whose rules all say
 * BucketOwnerEnforced, is reported at AccessControl. An Fn::If is judged branch
 * by branch when its branches are literal; OwnershipControls written with a
 * function is not judged. */
#include "engine/engine.h"

#define IF_DEPTH 8

/* 1 when the ownership controls certainly keep ACLs disabled (absent, or every
 * rule BucketOwnerEnforced), 0 when they enable ACLs, -1 when unknown. */
static int acls_disabled(const struct sl_node *oc)
{
	if (!oc || sl_node_is_novalue(oc))
		return 1;
	if (!sl_node_is(oc, SL_MAP) || sl_node_intrinsic(oc))
		return -1;
	const struct sl_node *rules = sl_map_get(oc, "Rules");
	if (!sl_node_is(rules, SL_SEQ) || rules->len == 0)
		return -1;
	for (size_t i = 0; i < rules->len; i++) {
		const struct sl_node *r = rules->items[i];
		if (!sl_node_is(r, SL_MAP) || sl_node_intrinsic(r))
			return -1;
		const struct sl_node *o = sl_map_get(r, "ObjectOwnership");
		if (!sl_node_is(o, SL_SCALAR))
			return -1;
		if (!sl_str_eq(o, "BucketOwnerEnforced"))
			return 0;
	}
	return 1;
}

static void check_acl(struct sl_ctx *c, const struct sl_node *v, bool explicit_enforced, int depth)
{
	const struct sl_node *a, *b;
	if (depth <= IF_DEPTH && sl_node_if(v, &a, &b)) {
		bool la = sl_node_is(a, SL_SCALAR) || sl_node_is_novalue(a);
		bool lb = sl_node_is(b, SL_SCALAR) || sl_node_is_novalue(b);
		if (la && lb) {
			check_acl(c, a, explicit_enforced, depth + 1);
			check_acl(c, b, explicit_enforced, depth + 1);
		}
		return;
	}
	if (!sl_node_is(v, SL_SCALAR) || sl_node_is_null(v) || sl_str_eq(v, "Private") ||
	    sl_str_eq(v, "BucketOwnerFullControl"))
		return;
	sl_report(c, v, "AccessControl %s sets an ACL on a bucket whose ACLs are disabled: %s, and "
		  "S3 rejects any ACL other than bucket owner full control "
		  "(AccessControlListNotSupported); grant access with a bucket policy and remove "
		  "AccessControl, or enable ACLs with OwnershipControls (ObjectOwnership "
		  "BucketOwnerPreferred or ObjectWriter)", v->str,
		  explicit_enforced ? "OwnershipControls sets BucketOwnerEnforced"
		  : "with no OwnershipControls a new bucket uses BucketOwnerEnforced");
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::S3::Bucket", strlen("AWS::S3::Bucket"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
			continue;
		const struct sl_node *acl = sl_map_get(props, "AccessControl");
		if (!acl)
			continue;
		const struct sl_node *oc = sl_map_get(props, "OwnershipControls");
		if (acls_disabled(oc) != 1)
			continue;
		check_acl(c, acl, oc && !sl_node_is_novalue(oc), 0);
	}
}

const struct sl_rule rule_E3045 = {
	.id = "E3045",
	.severity = SL_SEV_ERROR,
	.title = "S3 buckets with an ACL other than Private enable ACLs with OwnershipControls",
	.source = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
	.doc =
	"### What it checks\n"
	"An `AWS::S3::Bucket` whose `AccessControl` is a canned ACL other than `Private` or "
	"`BucketOwnerFullControl` (PublicRead, LogDeliveryWrite, ...) has `OwnershipControls` "
	"with `ObjectOwnership` `BucketOwnerPreferred` or `ObjectWriter`. A bucket with no "
	"`OwnershipControls`, or whose rules all say `BucketOwnerEnforced`, is reported. "
	"`AccessControl` values written with a function are not judged (an `Fn::If` is judged "
	"branch by branch when both are literal), nor is `OwnershipControls` written with one.\n"
	"\n"
	"### Why it matters\n"
	"New buckets use the Bucket owner enforced setting of S3 Object Ownership by default, "
	"which disables ACLs: S3 rejects a request that sets any ACL other than bucket owner full "
	"control (`AccessControlListNotSupported`), so the bucket fails to create and the stack "
	"rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  LogBucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      AccessControl: LogDeliveryWrite\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  LogBucket:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      AccessControl: LogDeliveryWrite\n"
	"      OwnershipControls:\n"
	"        Rules:\n"
	"          - ObjectOwnership: BucketOwnerPreferred\n"
	"```\n",
	.check = check,
};
