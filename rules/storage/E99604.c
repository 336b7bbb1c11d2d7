/* E99604: a bucket with Transfer Acceleration has no dots in its name. */
#include "rules/storage/storage.h"

#include <string.h>

/* Whether the literal text of a Sub template, outside its ${...}, has a dot. */
static bool sub_literal_dot(const struct sl_node *s)
{
	int depth = 0;
	for (size_t i = 0; i < s->len; i++) {
		if (s->str[i] == '$' && i + 1 < s->len && s->str[i + 1] == '{' &&
		    !(i + 2 < s->len && s->str[i + 2] == '!'))
			depth++;
		else if (s->str[i] == '}' && depth)
			depth--;
		else if (s->str[i] == '.' && !depth)
			return true;
	}
	return false;
}

/* Whether a BucketName value certainly contains a '.': a literal, the literal
 * text of an Fn::Sub, or an Fn::Join whose delimiter or literal parts hold one. */
static bool name_has_dot(const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k)
		return sl_samr_is_string(n) && memchr(n->str, '.', n->len);
	const struct sl_node *a = n->pairs[0].value;
	if (sl_str_eq(k, "Fn::Sub")) {
		if (sl_node_is(a, SL_SEQ) && a->len >= 1)
			a = a->items[0];
		return sl_node_is(a, SL_SCALAR) && sub_literal_dot(a);
	}
	if (sl_str_eq(k, "Fn::Join") && sl_node_is(a, SL_SEQ) && a->len == 2 &&
	    sl_node_is(a->items[1], SL_SEQ)) {
		const struct sl_node *parts = a->items[1];
		if (sl_samr_is_string(a->items[0]) && memchr(a->items[0]->str, '.', a->items[0]->len) &&
		    parts->len >= 2)
			return true;
		for (size_t i = 0; i < parts->len; i++)
			if (sl_samr_is_string(parts->items[i]) &&
			    memchr(parts->items[i]->str, '.', parts->items[i]->len))
				return true;
	}
	return false;
}

static void bucket(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props,
		   void *ud)
{
	(void)ud;
	const struct sl_node *st = sl_map_get(sl_map_get(props, "AccelerateConfiguration"),
					      "AccelerationStatus");
	const struct sl_node *name = sl_map_get(props, "BucketName");
	if (!sl_str_eq(st, "Enabled") || !name || !name_has_dot(name))
		return;
	sl_report(c, name, "the bucket '%s' has Transfer Acceleration enabled (line %u), but its name "
		  "contains a period: S3 requires accelerated buckets to have DNS-compliant names "
		  "without periods and rejects the configuration. Use a name without '.', or set "
		  "AccelerationStatus to Suspended", e->key->str, sl_line(c, st));
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, SL_STO_BUCKET, bucket, NULL);
}

const struct sl_rule rule_E99604 = {
	.id = "E99604",
	.severity = SL_SEV_ERROR,
	.title = "Buckets with Transfer Acceleration have no dots in their names",
	.source = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutBucketAccelerateConfiguration.html",
	.doc =
	"### What it checks\n"
	"An `AWS::S3::Bucket` with `AccelerateConfiguration.AccelerationStatus: Enabled` has a "
	"`BucketName` without a period. The name is judged when it is a literal, when the literal "
	"text of an `Fn::Sub` has a period, or when an `Fn::Join` has one in its delimiter or in "
	"a literal part; a generated name (no `BucketName`) has none.\n\n"
	"### Why it matters\n"
	"PutBucketAccelerateConfiguration: \"The name of the bucket used for Transfer "
	"Acceleration must be DNS-compliant and must not contain periods (\\\".\\\").\" S3 "
	"rejects the accelerate configuration and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Assets:\n"
	"    Type: AWS::S3::Bucket\n"
	"    Properties:\n"
	"      BucketName: assets.example.com\n"
	"      AccelerateConfiguration:\n"
	"        AccelerationStatus: Enabled\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      BucketName: assets-example-com\n"
	"```\n",
	.check = check,
};
