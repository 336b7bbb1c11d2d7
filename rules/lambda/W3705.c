/* W3705: an API Gateway method setting that sets nothing. */
#include "rules/lambda/stage.h"

static void check_setting(struct sl_ctx *c, const struct sl_node *ms)
{
	if (ms->len == 0 || sl_stage_setting_sets(ms))
		return;
	for (size_t i = 0; i < ms->len; i++)
		if (sl_foreach_key(ms->pairs[i].key))
			return;
	sl_report(c, ms,
		  "this method setting names where it applies (HttpMethod, ResourcePath) but sets "
		  "nothing: none of LoggingLevel, MetricsEnabled, DataTraceEnabled, CachingEnabled, "
		  "CacheTtlInSeconds, CacheDataEncrypted, ThrottlingBurstLimit or ThrottlingRateLimit "
		  "is given, so it changes nothing on the stage. Add the setting you meant, or remove "
		  "the entry");
}

static void check(struct sl_ctx *c)
{
	sl_stage_each_setting(c, check_setting);
}

const struct sl_rule rule_W3705 = {
	.id = "W3705",
	.severity = SL_SEV_WARNING,
	.title = "Method settings set something",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-stage-methodsetting.html",
	.doc =
	"### What it checks\n"
	"Each entry of the `MethodSettings` of an `AWS::ApiGateway::Stage` or an "
	"`AWS::Serverless::Api` (its own, not those of `Globals`) that is not empty gives at "
	"least one setting: `LoggingLevel`, `MetricsEnabled`, `DataTraceEnabled`, "
	"`CachingEnabled`, `CacheTtlInSeconds`, `CacheDataEncrypted`, `ThrottlingBurstLimit` or "
	"`ThrottlingRateLimit`.\n\n"
	"### Why it matters\n"
	"A method setting's `HttpMethod` and `ResourcePath` only say which methods the settings "
	"apply to. An entry with nothing else configures nothing: logging, metrics, caching and "
	"throttling stay as they were, which is rarely what its author meant (often the setting "
	"was indented under the wrong entry, or misspelt).\n\n"
	"### Bad\n"
	"```yaml\n"
	"      MethodSettings:\n"
	"        - ResourcePath: /*\n"
	"          HttpMethod: \"*\"\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      MethodSettings:\n"
	"        - ResourcePath: /*\n"
	"          HttpMethod: \"*\"\n"
	"          MetricsEnabled: true\n"
	"          LoggingLevel: ERROR\n"
	"```\n",
	.check = check,
};
