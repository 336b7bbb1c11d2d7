/* The properties `cloudformation package` rewrites (see packaged.h). */
#include "rules/packaged.h"

#include <string.h>

static const struct sl_packaged props[] = {
	{ "AWS::ApiGateway::RestApi", { "BodyS3Location", NULL }, false },
	{ "AWS::ApiGatewayV2::Api", { "BodyS3Location", NULL }, false },
	{ "AWS::AppSync::FunctionConfiguration", { "CodeS3Location", NULL }, false },
	{ "AWS::AppSync::FunctionConfiguration", { "RequestMappingTemplateS3Location", NULL }, false },
	{ "AWS::AppSync::FunctionConfiguration", { "ResponseMappingTemplateS3Location", NULL }, false },
	{ "AWS::AppSync::GraphQLSchema", { "DefinitionS3Location", NULL }, false },
	{ "AWS::AppSync::Resolver", { "CodeS3Location", NULL }, false },
	{ "AWS::AppSync::Resolver", { "RequestMappingTemplateS3Location", NULL }, false },
	{ "AWS::AppSync::Resolver", { "ResponseMappingTemplateS3Location", NULL }, false },
	{ "AWS::CloudFormation::ModuleVersion", { "ModulePackage", NULL }, true },
	{ "AWS::CloudFormation::ResourceVersion", { "SchemaHandlerPackage", NULL }, true },
	{ "AWS::CloudFormation::Stack", { "TemplateURL", NULL }, false },
	{ "AWS::CodeCommit::Repository", { "Code", "S3", NULL }, false },
	{ "AWS::ElasticBeanstalk::ApplicationVersion", { "SourceBundle", NULL }, true },
	{ "AWS::Glue::Job", { "Command", "ScriptLocation", NULL }, true },
	{ "AWS::Lambda::Function", { "Code", NULL }, true },
	{ "AWS::Lambda::LayerVersion", { "Content", NULL }, true },
	{ "AWS::Serverless::Api", { "DefinitionUri", NULL }, false },
	{ "AWS::Serverless::Application", { "Location", NULL }, false },
	{ "AWS::Serverless::Function", { "CodeUri", NULL }, true },
	{ "AWS::Serverless::Function", { "ImageUri", NULL }, false },
	{ "AWS::Serverless::GraphQLApi", { "SchemaUri", NULL }, false },
	{ "AWS::Serverless::HttpApi", { "DefinitionUri", NULL }, false },
	{ "AWS::Serverless::LayerVersion", { "ContentUri", NULL }, true },
	{ "AWS::Serverless::StateMachine", { "DefinitionUri", NULL }, false },
	{ "AWS::StepFunctions::StateMachine", { "DefinitionS3Location", NULL }, false },
};

const struct sl_packaged *sl_packaged_props(size_t *n)
{
	*n = sizeof(props) / sizeof(props[0]);
	return props;
}

const struct sl_packaged *sl_packaged_find(const char *rtype, const struct sl_node *v)
{
	if (!rtype || !v)
		return NULL;
	/* the table is sorted by type: the first entry of rtype, then its others */
	size_t lo = 0, hi = sizeof(props) / sizeof(props[0]);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(props[mid].type, rtype) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < sizeof(props) / sizeof(props[0]); i++) {
		const struct sl_packaged *e = &props[i];
		if (strcmp(e->type, rtype) != 0)
			break;
		/* match the path from its last name up, then Properties above it */
		size_t depth = 0;
		while (e->path[depth])
			depth++;
		const struct sl_node *n = v;
		while (depth > 0 && n && sl_str_eq(sl_map_key_of(n), e->path[depth - 1])) {
			n = n->parent;
			depth--;
		}
		if (depth == 0 && n && sl_str_eq(sl_map_key_of(n), "Properties"))
			return e;
	}
	return NULL;
}
