/* E3057: every cache behavior of a CloudFront distribution targets an origin
 * (or origin group) of the same distribution. */
#include <stdlib.h>
#include <string.h>

#include "rules/sam/samrules.h"

struct ids {
	const struct sl_node **v;
	size_t n;
	bool unknown; /* some origin's Id is not a literal: nothing is judged */
};

static int by_text(const void *a, const void *b)
{
	const struct sl_node *x = *(const struct sl_node *const *)a;
	const struct sl_node *y = *(const struct sl_node *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int d = memcmp(x->str, y->str, n);
	return d ? d : (x->len > y->len) - (x->len < y->len);
}

/* Adds the Id of each item of list (Origins, or OriginGroups.Items). Any item
 * or Id that is not literal makes the set unknown. */
static void collect(struct ids *s, const struct sl_node *list, size_t cap)
{
	if (!list)
		return;
	if (!sl_node_is(list, SL_SEQ) || sl_node_intrinsic(list)) {
		s->unknown = true;
		return;
	}
	for (uint32_t i = 0; i < list->len; i++) {
		const struct sl_node *it = list->items[i];
		const struct sl_node *id = sl_map_get(it, "Id");
		if (!sl_node_is(it, SL_MAP) || sl_node_intrinsic(it) || !sl_node_is(id, SL_SCALAR) ||
		    sl_node_is_null(id)) {
			s->unknown = true;
			return;
		}
		if (s->n < cap)
			s->v[s->n++] = id;
	}
}

static void behavior(struct sl_ctx *c, const struct sl_entity *e, const struct ids *s,
		     const struct sl_node *b, const char *which)
{
	const struct sl_node *t = sl_map_get(b, "TargetOriginId");
	if (!sl_node_is(b, SL_MAP) || sl_node_intrinsic(b) || !sl_node_is(t, SL_SCALAR) ||
	    sl_node_is_null(t))
		return;
	if (bsearch(&t, s->v, s->n, sizeof *s->v, by_text))
		return;
	const char *near = NULL;
	const char **names = s->n ? malloc(s->n * sizeof *names) : NULL;
	for (size_t i = 0; names && i < s->n; i++)
		names[i] = s->v[i]->str;
	if (names)
		near = sl_suggest(t->str, t->len, names, s->n);
	sl_report(c, t, "TargetOriginId '%s' of the %s of distribution '%s' names no origin or "
		  "origin group of this distribution: it must be the Id of an item of Origins (or "
		  "of OriginGroups.Items), or CloudFront rejects the distribution%s%s%s",
		  t->str, which, e->key->str, near ? " (did you mean '" : "", near ? near : "",
		  near ? "'?)" : "");
	free(names);
}

static void distribution(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	(void)ud;
	const struct sl_node *dc = sl_map_get(props, "DistributionConfig");
	if (!sl_node_is(dc, SL_MAP) || sl_node_intrinsic(dc))
		return;
	const struct sl_node *origins = sl_map_get(dc, "Origins");
	const struct sl_node *groups = sl_map_get(sl_map_get(dc, "OriginGroups"), "Items");
	if (sl_map_get(dc, "OriginGroups") && !groups)
		return; /* OriginGroups written some other way: not known */
	size_t cap = (sl_node_is(origins, SL_SEQ) ? origins->len : 0) +
		     (sl_node_is(groups, SL_SEQ) ? groups->len : 0);
	if (!origins || !cap)
		return; /* no origins at all is the schema's (Origins is required) */
	struct ids s = { malloc(cap * sizeof(*s.v)), 0, false };
	if (!s.v)
		return;
	collect(&s, origins, cap);
	collect(&s, groups, cap);
	if (!s.unknown) {
		qsort(s.v, s.n, sizeof *s.v, by_text);
		behavior(c, e, &s, sl_map_get(dc, "DefaultCacheBehavior"), "DefaultCacheBehavior");
		const struct sl_node *cbs = sl_map_get(dc, "CacheBehaviors");
		for (uint32_t i = 0; sl_node_is(cbs, SL_SEQ) && i < cbs->len; i++)
			behavior(c, e, &s, cbs->items[i], "cache behavior");
	}
	free(s.v);
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::CloudFront::Distribution", distribution, NULL);
}

const struct sl_rule rule_E3057 = {
	.id = "E3057",
	.severity = SL_SEV_ERROR,
	.title = "CloudFront cache behaviors target an origin of their distribution",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-properties-cloudfront-distribution-defaultcachebehavior.html",
	.doc =
	"### What it checks\n"
	"In an `AWS::CloudFront::Distribution`, the literal `TargetOriginId` of "
	"`DefaultCacheBehavior` and of each item of `CacheBehaviors` is the `Id` of an item of "
	"`Origins` or of `OriginGroups.Items` in the same `DistributionConfig`. When an origin "
	"or its `Id` is not literal (an intrinsic function, a conditional item), nothing is "
	"judged.\n\n"
	"### Why it matters\n"
	"A cache behavior sends the requests it matches to the origin whose `Id` its "
	"`TargetOriginId` names. A name that matches no origin (often an origin renamed, or a "
	"typo) leaves the behavior with nowhere to route requests, and CloudFront rejects the "
	"distribution.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      DistributionConfig:\n"
	"        Enabled: true\n"
	"        Origins:\n"
	"          - Id: website\n"
	"            DomainName: example.s3.amazonaws.com\n"
	"            S3OriginConfig: {}\n"
	"        DefaultCacheBehavior:\n"
	"          TargetOriginId: web-site\n"
	"          ViewerProtocolPolicy: redirect-to-https\n"
	"          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      DistributionConfig:\n"
	"        Enabled: true\n"
	"        Origins:\n"
	"          - Id: website\n"
	"            DomainName: example.s3.amazonaws.com\n"
	"            S3OriginConfig: {}\n"
	"        DefaultCacheBehavior:\n"
	"          TargetOriginId: website\n"
	"          ViewerProtocolPolicy: redirect-to-https\n"
	"          CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6\n"
	"```\n",
	.check = check,
};
