/* E99601: an S3 CORS origin or header holds at most one '*' wildcard. */
#include "rules/storage/storage.h"

#include <string.h>

static void check_list(struct sl_ctx *c, const struct sl_node *list, const char *what)
{
	if (!sl_node_is(list, SL_SEQ))
		return;
	for (size_t i = 0; i < list->len; i++) {
		const struct sl_node *v = list->items[i];
		if (!sl_samr_is_string(v))
			continue;
		size_t stars = 0;
		for (size_t k = 0; k < v->len; k++)
			stars += v->str[k] == '*';
		if (stars > 1)
			sl_report(c, v, "the CORS %s '%s' has %zu '*' wildcards: S3 allows at most one in each "
				  "%s and rejects the CORS configuration. Use a single '*' (for example "
				  "'https://*.example.com'), or list the values one by one",
				  what, v->str, stars, what);
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_STO_BUCKET);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_pair *rules = sl_s3_cors_rules(e);
		for (size_t j = 0; rules && j < rules->value->len; j++) {
			const struct sl_node *r = rules->value->items[j];
			if (!sl_node_is(r, SL_MAP) || sl_node_intrinsic(r))
				continue;
			check_list(c, sl_map_get(r, "AllowedOrigins"), "origin");
			check_list(c, sl_map_get(r, "AllowedHeaders"), "header");
		}
	}
}

const struct sl_rule rule_E99601 = {
	.id = "E99601",
	.severity = SL_SEV_ERROR,
	.title = "S3 CORS origins and headers have at most one wildcard",
	.source = "https://docs.aws.amazon.com/AmazonS3/latest/userguide/ManageCorsUsing.html",
	.doc =
	"### What it checks\n"
	"Each literal string in `AllowedOrigins` and `AllowedHeaders` of an `AWS::S3::Bucket`'s "
	"`CorsConfiguration.CorsRules` contains at most one `*`.\n\n"
	"### Why it matters\n"
	"The S3 User Guide: \"The origin string can contain only one * wildcard character, such "
	"as http://*.example.com\", and each AllowedHeaders string \"can contain at most one * "
	"wildcard character\". S3 rejects the CORS configuration and the stack rolls back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"      CorsConfiguration:\n"
	"        CorsRules:\n"
	"          - AllowedMethods: [GET]\n"
	"            AllowedOrigins: ['https://*.*.example.com']\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      CorsConfiguration:\n"
	"        CorsRules:\n"
	"          - AllowedMethods: [GET]\n"
	"            AllowedOrigins: ['https://*.example.com']\n"
	"```\n",
	.check = check,
};
