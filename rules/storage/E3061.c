/* E3061: the Days of an S3 Intelligent-Tiering archive tier are within the
 * documented range of that tier. */
#include "rules/sam/samrules.h"

static void tiering(struct sl_ctx *c, const struct sl_node *t, void *ud)
{
	const struct sl_entity *e = ud;
	if (!sl_node_is(t, SL_MAP) || sl_node_intrinsic(t))
		return;
	const struct sl_node *tier = sl_map_get(t, "AccessTier");
	const struct sl_node *days = sl_map_get(t, "Days");
	long long d;
	if (!sl_samr_int(days, &d))
		return;
	long long min;
	if (sl_str_eq(tier, "ARCHIVE_ACCESS"))
		min = 90;
	else if (sl_str_eq(tier, "DEEP_ARCHIVE_ACCESS"))
		min = 180;
	else
		return; /* another value (the schema's), or not literal */
	if (d >= min && d <= 730)
		return;
	sl_report(c, days, "Days %lld for %s in bucket '%s' is outside %lld to 730: S3 moves objects "
		  "to the %s tier only after at least %lld and at most 730 days (2 years) without "
		  "access; pick a value in that range", d, tier->str, e->key->str, min,
		  min == 90 ? "Archive Access" : "Deep Archive Access", min);
}

static void bucket(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props, void *ud)
{
	(void)ud;
	const struct sl_node *cfgs = sl_map_get(props, "IntelligentTieringConfigurations");
	for (uint32_t i = 0; sl_node_is(cfgs, SL_SEQ) && i < cfgs->len; i++) {
		const struct sl_node *ts = sl_map_get(cfgs->items[i], "Tierings");
		for (uint32_t k = 0; sl_node_is(ts, SL_SEQ) && k < ts->len; k++)
			sl_samr_each_value(ts->items[k], tiering, c, (void *)e);
	}
}

static void check(struct sl_ctx *c)
{
	sl_samr_each_resource(c, "AWS::S3::Bucket", bucket, NULL);
}

const struct sl_rule rule_E3061 = {
	.id = "E3061",
	.severity = SL_SEV_ERROR,
	.title = "S3 Intelligent-Tiering archive days are within the tier's range",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/"
		  "aws-properties-s3-bucket-tiering.html",
	.doc =
	"### What it checks\n"
	"In each `Tierings` item of an `AWS::S3::Bucket`'s `IntelligentTieringConfigurations` "
	"(each branch of an `Fn::If`), a literal `Days` is 90 to 730 for `AccessTier: "
	"ARCHIVE_ACCESS` and 180 to 730 for `DEEP_ARCHIVE_ACCESS`. Values from parameters or "
	"other intrinsic functions are not judged.\n\n"
	"### Why it matters\n"
	"`Days` is how long an object goes unread before S3 Intelligent-Tiering moves it to the "
	"archive tier. S3 documents a minimum of 90 days for Archive Access, 180 for Deep Archive "
	"Access, and a maximum of two years (730 days) for both, and rejects a configuration "
	"outside it, so the bucket update fails.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      IntelligentTieringConfigurations:\n"
	"        - Id: archive\n"
	"          Status: Enabled\n"
	"          Tierings:\n"
	"            - AccessTier: DEEP_ARCHIVE_ACCESS\n"
	"              Days: 90\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      IntelligentTieringConfigurations:\n"
	"        - Id: archive\n"
	"          Status: Enabled\n"
	"          Tierings:\n"
	"            - AccessTier: ARCHIVE_ACCESS\n"
	"              Days: 90\n"
	"            - AccessTier: DEEP_ARCHIVE_ACCESS\n"
	"              Days: 180\n"
	"```\n",
	.check = check,
};
