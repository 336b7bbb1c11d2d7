/* E3723: an API Gateway stage's method setting whose ResourcePath does not begin with "/". */
#include "rules/lambda/stage.h"

static void check_path(struct sl_ctx *c, const struct sl_node *v, void *ud)
{
	(void)ud;
	if (!sl_samr_is_string(v) || (v->len > 0 && v->str[0] == '/'))
		return;
	sl_report(c, v,
		  "ResourcePath '%.*s' does not begin with '/': API Gateway names the resource of a "
		  "method setting by its path from the root, with the first slash as written and the "
		  "others encoded as ~1 (/~1orders~1{id}), '/' for the root and '/*' for every "
		  "resource. Write the path that way, e.g. '/%.*s'",
		  (int)v->len, v->str, (int)v->len, v->str);
}

static void check_setting(struct sl_ctx *c, const struct sl_node *ms)
{
	if (!sl_stage_setting_sets(ms))
		return;
	const struct sl_node *path = sl_map_get(ms, "ResourcePath");
	if (path)
		sl_samr_each_value(path, check_path, c, NULL);
}

static void check(struct sl_ctx *c)
{
	sl_stage_each_setting(c, check_setting);
}

const struct sl_rule rule_E3723 = {
	.id = "E3723",
	.severity = SL_SEV_ERROR,
	.title = "Method setting resource paths begin with a slash",
	.source = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-apigateway-stage-methodsetting.html",
	.doc =
	"### What it checks\n"
	"Each entry of the `MethodSettings` of an `AWS::ApiGateway::Stage` or an "
	"`AWS::Serverless::Api` (its own, not those of `Globals`) that sets something "
	"(`LoggingLevel`, `MetricsEnabled`, `DataTraceEnabled`, caching or throttling) and has a "
	"literal `ResourcePath` (or literal `Fn::If` branches) gives a path that begins with "
	"`/`.\n\n"
	"### Why it matters\n"
	"The method setting's `ResourcePath` is the resource's path with its first slash as "
	"written and the others encoded as `~1` (`/resource/subresource` is "
	"`/~1resource~1subresource`); the root is `/` and `/*` stands for every resource. "
	"API Gateway addresses the setting by that path, and one that does not begin with a "
	"slash names no valid path: the stage update fails.\n\n"
	"### Bad\n"
	"```yaml\n"
	"Resources:\n"
	"  Stage:\n"
	"    Type: AWS::ApiGateway::Stage\n"
	"    Properties:\n"
	"      RestApiId: !Ref Api\n"
	"      DeploymentId: !Ref Deployment\n"
	"      StageName: prod\n"
	"      MethodSettings:\n"
	"        - ResourcePath: \"*\"\n"
	"          HttpMethod: \"*\"\n"
	"          MetricsEnabled: true\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"      MethodSettings:\n"
	"        - ResourcePath: /*\n"
	"          HttpMethod: \"*\"\n"
	"          MetricsEnabled: true\n"
	"```\n",
	.check = check,
};
