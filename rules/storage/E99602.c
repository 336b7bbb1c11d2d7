/* E99602: an S3 CORS configuration has at most 100 rules. */
#include "rules/storage/storage.h"

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_STO_BUCKET);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_pair *rules = sl_s3_cors_rules(e);
		if (!rules)
			continue;
		size_t n = 0; /* rules that are certainly there (an Fn::If item may be none) */
		for (size_t j = 0; j < rules->value->len; j++)
			n += sl_node_is(rules->value->items[j], SL_MAP) && !sl_node_intrinsic(rules->value->items[j]);
		if (n > 100)
			sl_report(c, rules->key, "the CORS configuration has %zu rules: S3 allows up to 100 and "
				  "rejects the configuration. Merge rules that share methods and headers (a rule "
				  "takes a list of origins)", n);
	}
}

const struct sl_rule rule_E99602 = {
	.id = "E99602",
	.severity = SL_SEV_ERROR,
	.title = "An S3 CORS configuration has at most 100 rules",
	.source = "https://docs.aws.amazon.com/AmazonS3/latest/API/API_CORSConfiguration.html",
	.doc =
	"### What it checks\n"
	"The `CorsConfiguration.CorsRules` list of an `AWS::S3::Bucket` has at most 100 rules "
	"(items that an `Fn::If` may drop are not counted). The resource specification gives the "
	"list no maximum, so E3032 does not see it.\n\n"
	"### Why it matters\n"
	"CORSConfiguration: \"You can add up to 100 rules to the configuration.\" S3 rejects a "
	"larger one and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      CorsConfiguration:\n"
	"        CorsRules:          # 101 rules, one origin each\n"
	"          - AllowedMethods: [GET]\n"
	"            AllowedOrigins: ['https://a1.example.com']\n"
	"          # ...\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      CorsConfiguration:\n"
	"        CorsRules:\n"
	"          - AllowedMethods: [GET]\n"
	"            AllowedOrigins: ['https://a1.example.com', 'https://a2.example.com']\n"
	"```\n",
	.check = check,
};
