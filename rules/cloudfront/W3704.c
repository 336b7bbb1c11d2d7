/* W3704: a cache behavior with a cache policy does not also set ForwardedValues.
 *
 * The CloudFront API reference (DefaultCacheBehavior, CacheBehavior): a cache
 * behavior must include either a CachePolicyId or ForwardedValues, a cache
 * policy being the recommended one, and ForwardedValues is deprecated. A
 * DefaultCacheBehavior or CacheBehaviors entry of an AWS::CloudFront::Distribution
 * that sets both is reported at the ForwardedValues key. A property set in
 * only one branch of an Fn::If is not judged. */
#include "rules/cloudfront/cloudfront.h"

static bool surely_set(const struct sl_pair *p)
{
	return p && !sl_samr_is_null(p->value) && !sl_samr_is_novalue(p->value) &&
	       sl_samr_item_certain(p->value);
}

static void check_behavior(struct sl_ctx *c, const struct sl_node *b)
{
	if (!sl_node_is(b, SL_MAP) || sl_node_intrinsic(b))
		return;
	const struct sl_pair *cp = sl_map_get_pair(b, "CachePolicyId");
	const struct sl_pair *fv = sl_map_get_pair(b, "ForwardedValues");
	if (!surely_set(cp) || !surely_set(fv))
		return;
	sl_report(c, fv->key,
		  "ForwardedValues is set beside CachePolicyId: a cache behavior takes either a cache "
		  "policy or the deprecated ForwardedValues, not both. Remove ForwardedValues (a "
		  "cache policy sets the cache key; send other values to the origin with an "
		  "OriginRequestPolicyId), or remove CachePolicyId");
}

static void check(struct sl_ctx *c)
{
	sl_cf_each_behavior(c, check_behavior);
}

const struct sl_rule rule_W3704 = {
	.id = "W3704",
	.severity = SL_SEV_WARNING,
	.title = "Cache behaviors with a cache policy do not set ForwardedValues",
	.source = "https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_DefaultCacheBehavior.html",
	.doc =
	"### What it checks\n"
	"The `DefaultCacheBehavior` and each `CacheBehaviors` entry of an "
	"`AWS::CloudFront::Distribution` set `CachePolicyId` or `ForwardedValues`, not both. "
	"A property set in only one branch of an `Fn::If` is not judged.\n\n"
	"### Why it matters\n"
	"A cache behavior must include either a `CachePolicyId` or `ForwardedValues`; AWS "
	"recommends the cache policy and has deprecated `ForwardedValues`. A behavior that "
	"sets both is configured two ways at once, against that either-or, and a reader cannot "
	"tell which settings CloudFront uses. Values that must reach the origin without being "
	"in the cache key go in an origin request policy.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      DefaultCacheBehavior:\n"
	"        TargetOriginId: site\n"
	"        ViewerProtocolPolicy: redirect-to-https\n"
	"        CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6\n"
	"        ForwardedValues:\n"
	"          QueryString: true\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      DefaultCacheBehavior:\n"
	"        TargetOriginId: site\n"
	"        ViewerProtocolPolicy: redirect-to-https\n"
	"        CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6\n"
	"        OriginRequestPolicyId: 88a5eaf4-2fd4-4709-b370-b4c650ea3fcf\n"
	"```\n",
	.check = check,
};
