/* W3045: S3 bucket access is granted with a bucket policy, not with an ACL (AccessControl). */
#include "engine/engine.h"

#define IF_DEPTH 8

static bool no_value(const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	return k && sl_str_eq(k, "Ref") && sl_str_eq(n->pairs[0].value, "AWS::NoValue");
}

/* True when v can set a value: anything but Ref AWS::NoValue, looking into the
 * branches of Fn::If. */
static bool sets_value(const struct sl_node *v, int depth)
{
	if (!v || no_value(v))
		return false;
	const struct sl_node *k = sl_node_intrinsic(v);
	const struct sl_node *args = k ? v->pairs[0].value : NULL;
	if (k && sl_str_eq(k, "Fn::If") && sl_node_is(args, SL_SEQ) && args->len == 3 &&
	    depth < IF_DEPTH)
		return sets_value(args->items[1], depth + 1) || sets_value(args->items[2], depth + 1);
	return true;
}

/* The first literal value v can set (looking into Fn::If), or NULL. */
static const struct sl_node *first_scalar(const struct sl_node *v, int depth)
{
	if (sl_node_is(v, SL_SCALAR))
		return v;
	const struct sl_node *k = sl_node_intrinsic(v);
	const struct sl_node *args = k ? v->pairs[0].value : NULL;
	if (!k || !sl_str_eq(k, "Fn::If") || !sl_node_is(args, SL_SEQ) || args->len != 3 ||
	    depth >= IF_DEPTH)
		return NULL;
	const struct sl_node *a = first_scalar(args->items[1], depth + 1);
	return a ? a : first_scalar(args->items[2], depth + 1);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::S3::Bucket", strlen("AWS::S3::Bucket"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		const struct sl_pair *p = sl_map_get_pair(props, "AccessControl");
		if (!p || sl_node_is_null(p->value) || !sets_value(p->value, 0))
			continue;
		const struct sl_node *acl = first_scalar(p->value, 0);
		const char *what = !acl ? "a canned ACL"
			: sl_node_is(p->value, SL_SCALAR)
			? sl_arena_printf(c->arena, "the canned ACL '%s'", acl->str)
			: sl_arena_printf(c->arena, "the canned ACL '%s' in a branch of Fn::If", acl->str);
		sl_report(c, p->key, "bucket '%s' sets %s with AccessControl: ACLs are a legacy way to "
			  "control access, and new buckets have them disabled (Object Ownership "
			  "BucketOwnerEnforced); remove AccessControl and grant access with an "
			  "AWS::S3::BucketPolicy", e->key->str, what);
	}
}

const struct sl_rule rule_W3045 = {
	.id = "W3045",
	.severity = SL_SEV_WARNING,
	.title = "S3 bucket access is controlled with a bucket policy, not AccessControl",
	.source = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html",
	.doc =
	"### What it checks\n"
	"An `AWS::S3::Bucket` does not set `AccessControl` (a canned ACL such as `PublicRead`, "
	"`LogDeliveryWrite` or `Private`), literally or in a branch of `Fn::If`.\n"
	"\n"
	"### Why it matters\n"
	"S3 Object Ownership is set to *Bucket owner enforced* by default: ACLs are disabled, the "
	"bucket owner owns every object, and access is managed with policies only. AWS recommends "
	"keeping ACLs disabled except where access must be controlled object by object. A bucket "
	"that sets an ACL other than a private one needs Object Ownership changed to allow ACLs "
	"(E3045's concern); even when it deploys, access granted through ACLs is spread over the "
	"bucket and its objects instead of one policy, and it stops working as soon as ACLs are "
	"disabled (they then no longer affect permissions).\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  Site:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      AccessControl: PublicRead\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  Site:\n"
	"    Type: AWS::S3::Bucket\n"
	"  SitePolicy:\n"
	"    Type: AWS::S3::BucketPolicy\n"
	"    Properties:\n"
	"      Bucket: !Ref Site\n"
	"      PolicyDocument:\n"
	"        Statement:\n"
	"          - Effect: Allow\n"
	"            Principal: '*'\n"
	"            Action: s3:GetObject\n"
	"            Resource: !Sub '${Site.Arn}/*'\n"
	"```\n",
	.check = check,
};
