/*
 * The resource properties that `aws cloudformation package` and `sam package`
 * (also run by `sam deploy`) rewrite: before packaging they hold a local path
 * (a file or a folder), which the command uploads to S3 and replaces with the
 * S3 location in the form the property takes (an object {S3Bucket, S3Key}, an
 * s3:// URI or an https:// URL). The list joins the AWS CLI's documentation of
 * `aws cloudformation package`, the artifact exporters of the AWS CLI and of
 * the SAM CLI, and cfn-lint's W3002. Shared by the schema walk (a local path
 * there is not a type error) and by W3002 (it is a warning).
 */
#ifndef SL_RULES_PACKAGED_H
#define SL_RULES_PACKAGED_H

#include <stdbool.h>
#include <string.h>

#include "engine/engine.h"

struct sl_packaged {
	const char *type;
	const char *path;  /* property names from Properties, '.' between levels */
	bool null_is_cwd;  /* no value (null) packages the template's own folder */
};

static const struct sl_packaged sl_packaged_props[] = {
	{ "AWS::ApiGateway::RestApi", "BodyS3Location", false },
	{ "AWS::ApiGatewayV2::Api", "BodyS3Location", false },
	{ "AWS::AppSync::FunctionConfiguration", "CodeS3Location", false },
	{ "AWS::AppSync::FunctionConfiguration", "RequestMappingTemplateS3Location", false },
	{ "AWS::AppSync::FunctionConfiguration", "ResponseMappingTemplateS3Location", false },
	{ "AWS::AppSync::GraphQLSchema", "DefinitionS3Location", false },
	{ "AWS::AppSync::Resolver", "CodeS3Location", false },
	{ "AWS::AppSync::Resolver", "RequestMappingTemplateS3Location", false },
	{ "AWS::AppSync::Resolver", "ResponseMappingTemplateS3Location", false },
	{ "AWS::CloudFormation::ModuleVersion", "ModulePackage", true },
	{ "AWS::CloudFormation::ResourceVersion", "SchemaHandlerPackage", true },
	{ "AWS::CloudFormation::Stack", "TemplateURL", false },
	{ "AWS::CodeCommit::Repository", "Code.S3", false },
	{ "AWS::ElasticBeanstalk::ApplicationVersion", "SourceBundle", true },
	{ "AWS::Glue::Job", "Command.ScriptLocation", true },
	{ "AWS::Lambda::Function", "Code", true },
	{ "AWS::Lambda::LayerVersion", "Content", true },
	{ "AWS::Serverless::Api", "DefinitionUri", false },
	{ "AWS::Serverless::Application", "Location", false },
	{ "AWS::Serverless::Function", "CodeUri", true },
	{ "AWS::Serverless::Function", "ImageUri", false },
	{ "AWS::Serverless::GraphQLApi", "SchemaUri", false },
	{ "AWS::Serverless::HttpApi", "DefinitionUri", false },
	{ "AWS::Serverless::LayerVersion", "ContentUri", true },
	{ "AWS::Serverless::StateMachine", "DefinitionUri", false },
	{ "AWS::StepFunctions::StateMachine", "DefinitionS3Location", false },
};

/* The key under which n is a value of its parent map, or NULL. */
static inline const struct sl_node *sl_packaged_key_of(const struct sl_node *n)
{
	const struct sl_node *p = n ? n->parent : NULL;
	if (!p || p->kind != SL_MAP)
		return NULL;
	for (size_t i = 0; i < p->len; i++)
		if (p->pairs[i].value == n)
			return p->pairs[i].key;
	return NULL;
}

/* The entry for value v of a resource of type rtype when v sits at one of the
 * packaged paths (directly under that path from the resource's Properties),
 * or NULL. */
static inline const struct sl_packaged *sl_packaged_find(const char *rtype, const struct sl_node *v)
{
	if (!rtype || !v)
		return NULL;
	for (size_t i = 0; i < sizeof(sl_packaged_props) / sizeof(sl_packaged_props[0]); i++) {
		const struct sl_packaged *e = &sl_packaged_props[i];
		if (strcmp(e->type, rtype) != 0)
			continue;
		/* match the path from its last name up, then Properties above it */
		const struct sl_node *n = v;
		const char *end = e->path + strlen(e->path);
		bool ok = true;
		while (ok && end > e->path) {
			const char *seg = end;
			while (seg > e->path && seg[-1] != '.')
				seg--;
			const struct sl_node *k = sl_packaged_key_of(n);
			ok = k && k->len == (size_t)(end - seg) && memcmp(k->str, seg, k->len) == 0;
			n = n->parent;
			end = seg > e->path ? seg - 1 : seg;
		}
		if (ok && sl_str_eq(sl_packaged_key_of(n), "Properties"))
			return e;
	}
	return NULL;
}

#endif
