/* E3722: a cache behavior without a cache policy whose cookie forwarding is not all, none or whitelist. */
#include <strings.h>

#include "rules/cloudfront/cloudfront.h"

static void check_forward(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	/* any case: only a value that is none of the three is judged */
	if (!sl_samr_is_string(v) || (v->len == 3 && strncasecmp(v->str, "all", 3) == 0) ||
	    (v->len == 4 && strncasecmp(v->str, "none", 4) == 0) ||
	    (v->len == 9 && strncasecmp(v->str, "whitelist", 9) == 0))
		return;
	sl_report(c, v,
		  "Cookies Forward '%.*s' is not all, none or whitelist: a cache behavior without a "
		  "CachePolicyId forwards cookies as its ForwardedValues say, and CloudFront accepts "
		  "only those three values (whitelist with WhitelistedNames). Use one of them, or "
		  "move to a cache policy (CachePolicyId)",
		  (int)v->len, v->str);
}

static void check_behavior(struct sl_ctx *c, const struct sl_node *b)
{
	if (!sl_node_is(b, SL_MAP) || sl_node_intrinsic(b) || sl_map_get_pair(b, "CachePolicyId"))
		return;
	const char *const path[] = { "ForwardedValues", "Cookies", "Forward", NULL };
	const struct sl_node *f = sl_map_path(b, path);
	if (f)
		sl_samr_each_value(f, check_forward, c, NULL);
}

static void check(struct sl_ctx *c)
{
	sl_cf_each_behavior(c, check_behavior);
}

const struct sl_rule rule_E3722 = {
	.id = "E3722",
	.severity = SL_SEV_ERROR,
	.title = "Cookie forwarding is all, none or whitelist",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-cloudfront-distribution-cookies.html",
	.doc =
	"### What it checks\n"
	"In an `AWS::CloudFront::Distribution`, the `DefaultCacheBehavior` and each entry of "
	"`CacheBehaviors` that has no `CachePolicyId` and a literal "
	"`ForwardedValues.Cookies.Forward` (or literal `Fn::If` branches) forwards `all`, `none` "
	"or `whitelist`.\n\n"
	"### Why it matters\n"
	"The Cookies property type allows exactly `all`, `none` and `whitelist` for `Forward` "
	"(with `whitelist`, the cookies named in `WhitelistedNames`). A behavior without a cache "
	"policy is configured by its `ForwardedValues`, and CloudFront rejects another value: the "
	"distribution fails to create or update.\n\n"
	"### Bad\n"
	"```yaml\n"
	"        DefaultCacheBehavior:\n"
	"          TargetOriginId: site\n"
	"          ViewerProtocolPolicy: redirect-to-https\n"
	"          ForwardedValues:\n"
	"            QueryString: false\n"
	"            Cookies:\n"
	"              Forward: session-id\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"          ForwardedValues:\n"
	"            QueryString: false\n"
	"            Cookies:\n"
	"              Forward: whitelist\n"
	"              WhitelistedNames: [session-id]\n"
	"```\n",
	.check = check,
};
