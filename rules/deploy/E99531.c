/* E99531: a literal ARN is in the partition of every Region judged. */
#include <stdio.h>
#include <string.h>

#include "analysis/regions.h"
#include "rules/deploy/regional.h"
#include "util/region.h"

static bool ends_with(const struct sl_node *k, const char *suffix)
{
	size_t n = strlen(suffix);
	return k->len >= n && memcmp(k->str + k->len - n, suffix, n) == 0;
}

/* Properties that take ARNs: named ...Arn, ...Arns, ...ARN, ...ARNs, and a
 * Lambda function's Layers. */
static bool arn_property(const struct sl_node *k)
{
	return ends_with(k, "Arn") || ends_with(k, "Arns") || ends_with(k, "ARN") || ends_with(k, "ARNs") ||
	       sl_str_eq(k, "Layers");
}

/* Policy documents (JSON): their statements' Resource and NotResource. */
static bool policy_property(const struct sl_node *k)
{
	return ends_with(k, "PolicyDocument") || sl_str_eq(k, "KeyPolicy") || sl_str_eq(k, "PolicyText");
}

/* The Regions listed one by one in a message; past that, their partitions. */
#define LISTED 6

static bool in_partition(const char *r, const char *p, size_t pl)
{
	const char *rp = sl_region_partition(r, strlen(r), NULL);
	return strlen(rp) == pl && memcmp(rp, p, pl) == 0;
}

static void judge(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *v)
{
	size_t len;
	bool whole;
	const struct sl_node *at;
	const char *s = sl_regional_literal(v, &len, &whole, &at);
	if (!s || len < 5 || memcmp(s, "arn:", 4) != 0)
		return;
	const char *p = s + 4, *colon = memchr(p, ':', len - 4);
	if (!colon || !sl_region_partition_known(p, (size_t)(colon - p)))
		return; /* arn:${AWS::Partition}:..., arn:*:..., not an ARN */
	size_t pl = (size_t)(colon - p);
	const char *const *rs;
	size_t n = sl_regions_judged(c, &rs);
	/* "Region cn-north-1 (aws-cn)", "Regions cn-north-1 (aws-cn), us-gov-west-1
	 * (aws-us-gov)", or for many "the 11 Regions judged of partitions aws-cn,
	 * aws-us-gov, ..." */
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += !in_partition(rs[i], p, pl);
	if (!k)
		return;
	char list[512];
	size_t used = 0;
	if (k > LISTED) {
		char parts[256];
		size_t pu = 0, ns = 0;
		const char *seen[16];
		parts[0] = '\0';
		for (size_t i = 0; i < n; i++) {
			if (in_partition(rs[i], p, pl))
				continue;
			const char *rp = sl_region_partition(rs[i], strlen(rs[i]), NULL);
			bool dup = false;
			for (size_t j = 0; j < ns && !dup; j++)
				dup = strcmp(seen[j], rp) == 0;
			if (dup || ns == 16)
				continue;
			seen[ns++] = rp;
			int w = snprintf(parts + pu, sizeof(parts) - pu, "%s%s", ns > 1 ? ", " : "", rp);
			if (w > 0 && (size_t)w < sizeof(parts) - pu)
				pu += (size_t)w;
		}
		snprintf(list, sizeof(list), "the %zu Regions judged of partition%s %s", k, ns > 1 ? "s" : "",
			 parts);
	} else {
		used = (size_t)snprintf(list, sizeof(list), "Region%s ", k > 1 ? "s" : "");
		size_t j = 0;
		for (size_t i = 0; i < n && used < sizeof(list); i++)
			if (!in_partition(rs[i], p, pl))
				used += (size_t)snprintf(list + used, sizeof(list) - used, "%s%s (%s)",
							 j++ ? ", " : "", rs[i],
							 sl_region_partition(rs[i], strlen(rs[i]), NULL));
	}
	sl_report(c, at, "ARN '%s' of %s is in partition %.*s: the stack fails in %s, whose "
		  "partition it cannot refer to; write the partition as ${AWS::Partition} "
		  "(!Sub 'arn:${AWS::Partition}:...')", at->str, key->str, (int)pl, p, list);
}

static void judge_list(struct sl_ctx *c, const struct sl_node *key, const struct sl_node *v)
{
	if (sl_node_is(v, SL_SEQ)) {
		for (size_t i = 0; i < v->len; i++)
			judge(c, key, v->items[i]);
	} else {
		judge(c, key, v);
	}
}

static void judge_policy(struct sl_ctx *c, const struct sl_node *doc)
{
	const struct sl_node *st = sl_map_get(doc, "Statement");
	size_t n = sl_node_is(st, SL_SEQ) ? st->len : sl_node_is(st, SL_MAP) ? 1 : 0;
	for (size_t i = 0; i < n; i++) {
		const struct sl_node *s = st->kind == SL_SEQ ? st->items[i] : st;
		if (!sl_node_is(s, SL_MAP))
			continue;
		for (size_t j = 0; j < s->len; j++) {
			const struct sl_node *k = s->pairs[j].key;
			if (sl_str_eq(k, "Resource") || sl_str_eq(k, "NotResource"))
				judge_list(c, k, s->pairs[j].value);
		}
	}
}

static bool arns(struct sl_ctx *c, const struct sl_node *key, uint32_t type, const struct sl_node *v)
{
	/* a policy document is free-form JSON to the specification (or a union
	 * of it and a string): its statements are read here */
	const struct sl_spec_type *t = sl_spec_type(c->spec, type);
	if (t && t->kind != SL_SPEC_SHAPE && policy_property(key)) {
		if (sl_node_is(v, SL_MAP) && !sl_node_intrinsic(v))
			judge_policy(c, v);
		return true;
	}
	if (!arn_property(key))
		return false;
	judge_list(c, key, v);
	return true;
}

static void check(struct sl_ctx *c)
{
	const char *const *rs;
	if (sl_regions_judged(c, &rs))
		sl_regional_walk(c, arns);
}

const struct sl_rule rule_E99531 = {
	.id = "E99531",
	.severity = SL_SEV_ERROR,
	.title = "ARNs written in the template are in the partition of every Region judged",
	.source = "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html",
	.doc =
	"### What it checks\n"
	"For each Region the template is judged for — the Regions named by `-r/--regions`, the "
	"template's or the configuration's `regions`, else `AWS_REGION` or `AWS_DEFAULT_REGION` "
	"(docs/regions.md); with none named, cfn-lint's default us-east-1 is not judged — every ARN written literally — a plain string, or the text of a "
	"`Fn::Sub` before its first `${` — whose partition is one AWS documents (`arn:aws:`, "
	"`arn:aws-cn:`, `arn:aws-us-gov:`, ...) is in that Region's partition. Judged: "
	"properties named `...Arn`, `...Arns`, `...ARN`, `...ARNs`, a function's `Layers`, and the "
	"`Resource` and `NotResource` of the statements of policy documents (`PolicyDocument`, "
	"`KeyPolicy`, ...), as the resource specification knows them — never free-form values "
	"such as environment variables, tags or a nested stack's parameters. An ARN is reported "
	"once, naming every Region judged (with its partition) it fails in. "
	"`arn:${AWS::Partition}:...` is the fix and is not reported.\n\n"
	"### Why it matters\n"
	"A partition is a group of Regions, and each AWS account is scoped to one partition: a "
	"resource in the China Regions (`aws-cn`) or in AWS GovCloud (US) (`aws-us-gov`) cannot "
	"refer to a role, a key, a topic or a layer of the `aws` partition, so the stack fails "
	"there. `${AWS::Partition}` makes one template deploy in every partition.\n\n"
	"### Bad\n"
	"```yaml\n"
	"# stacklint -r us-east-1 cn-north-1 -- template.yaml\n"
	"  Role:\n"
	"    Type: AWS::IAM::Role\n"
	"    Properties:\n"
	"      ManagedPolicyArns:\n"
	"        - arn:aws:iam::aws:policy/ReadOnlyAccess\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      ManagedPolicyArns:\n"
	"        - !Sub arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess\n"
	"```\n",
	.check = check,
};
