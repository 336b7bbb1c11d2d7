/*
 * Helpers shared by the SAM rules (see samrules.h), and two lists SAM
 * documents: its policy templates with their parameters (from
 * samtranslator/policy_templates_data/policy_templates.json, the data behind
 * the "AWS SAM policy template list" page), and CodeDeploy's predefined Lambda
 * deployment configurations that DeploymentPreference.Type names.
 */
#include "rules/sam/samrules.h"

#include <assert.h>
#include <string.h>

const struct sl_node *sl_samr_anchor(const struct sl_entity *e)
{
	const struct sl_pair *pp = sl_map_get_pair(e->value, "Properties");
	return pp ? pp->key : e->key;
}

bool sl_samr_is_string(const struct sl_node *n)
{
	return sl_node_is(n, SL_SCALAR) && sl_scalar_type(n) == SL_TYPE_STRING;
}

bool sl_samr_is_novalue(const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	return k && sl_str_eq(k, "Ref") && sl_str_eq(n->pairs[0].value, "AWS::NoValue");
}

void sl_samr_each_value(const struct sl_node *n,
			void (*fn)(struct sl_ctx *c, const struct sl_node *v, void *ud),
			struct sl_ctx *c, void *ud)
{
	/* Fn::If nests only as deep as the user wrote it; the loader caps depth */
	const struct sl_node *k = sl_node_intrinsic(n);
	if (k && sl_str_eq(k, "Fn::If")) {
		const struct sl_node *args = n->pairs[0].value;
		if (sl_node_is(args, SL_SEQ) && args->len == 3) {
			for (size_t i = 1; i < 3; i++)
				if (!sl_samr_is_novalue(args->items[i]))
					sl_samr_each_value(args->items[i], fn, c, ud);
			return;
		}
	}
	if (n && !sl_samr_is_novalue(n))
		fn(c, n, ud);
}

bool sl_samr_is_null(const struct sl_node *n)
{
	return !n || sl_node_is_null(n);
}

void sl_samr_each_resource(struct sl_ctx *c, const char *type,
			   void (*fn)(struct sl_ctx *c, const struct sl_entity *e,
				      const struct sl_node *props, void *ud),
			   void *ud)
{
	const struct sl_template *t = c->t;
	const uint32_t *ix;
	size_t n = sl_template_of_type(t, type, strlen(type), &ix);
	for (size_t i = 0; i < n; i++) {
		const struct sl_entity *e = &t->resources.items[ix[i]];
		const struct sl_node *props = sl_samr_props(e);
		if (props)
			fn(c, e, props, ud);
	}
}

void sl_samr_types_start(struct sl_samr_types *w, const struct sl_template *t,
			 const char *const *types)
{
	w->t = t;
	w->at = 0;
	w->scan = t->resources.n <= 16;
	for (w->k = 0; types[w->k]; w->k++) {
		assert(w->k < 8);
		w->ty[w->k] = types[w->k];
		w->len[w->k] = strlen(types[w->k]);
		w->n[w->k] = w->scan ? 0 : sl_template_of_type(t, w->ty[w->k], w->len[w->k], &w->ix[w->k]);
	}
}

const struct sl_entity *sl_samr_types_next(struct sl_samr_types *w)
{
	while (w->scan && w->at < w->t->resources.n) {
		const struct sl_entity *e = &w->t->resources.items[w->at++];
		if (!sl_node_is(e->type, SL_SCALAR))
			continue;
		for (size_t j = 0; j < w->k; j++)
			if (e->type->len == w->len[j] && memcmp(e->type->str, w->ty[j], w->len[j]) == 0)
				return e;
	}
	size_t best = w->k;
	for (size_t j = 0; j < w->k; j++)
		if (w->n[j] && (best == w->k || *w->ix[j] < *w->ix[best]))
			best = j;
	if (best == w->k)
		return NULL;
	w->n[best]--;
	return &w->t->resources.items[*w->ix[best]++];
}

bool sl_samr_int(const struct sl_node *n, long long *out)
{
	if (!sl_node_is(n, SL_SCALAR) || n->len == 0 || n->len > 18)
		return false;
	enum sl_scalar_type ty = sl_scalar_type(n);
	if (ty != SL_TYPE_INT && ty != SL_TYPE_STRING)
		return false;
	size_t i = n->str[0] == '-' ? 1 : 0;
	if (i == n->len)
		return false;
	long long v = 0;
	for (; i < n->len; i++) {
		if (n->str[i] < '0' || n->str[i] > '9')
			return false;
		v = v * 10 + (n->str[i] - '0');
	}
	*out = n->str[0] == '-' ? -v : v;
	return true;
}

bool sl_samr_item_certain(const struct sl_node *it)
{
	const struct sl_node *k = sl_node_intrinsic(it);
	if (sl_samr_is_novalue(it))
		return false;
	if (k && sl_str_eq(k, "Fn::If")) {
		const struct sl_node *a = it->pairs[0].value;
		if (!sl_node_is(a, SL_SEQ) || a->len != 3 || sl_samr_is_novalue(a->items[1]) ||
		    sl_samr_is_novalue(a->items[2]))
			return false;
	}
	return true;
}

void sl_samr_event_api(struct sl_samr_api *out, const struct sl_template *t, const struct sl_node *props,
		       bool http)
{
	const struct sl_node *id = sl_map_get(props, http ? "ApiId" : "RestApiId");
	const char *want = http ? SL_SAM_HTTP_API : SL_SAM_API;
	out->res = NULL;
	out->http = http;
	out->known = false;
	if (sl_samr_is_null(id)) {
		out->known = true; /* the implicit API */
		return;
	}
	const struct sl_node *k = sl_node_intrinsic(id);
	const struct sl_node *name = k && sl_str_eq(k, "Ref") ? id->pairs[0].value : k ? NULL : id;
	if (!sl_samr_is_string(name))
		return;
	const struct sl_entity *e = sl_index_find(&t->resources, name->str, name->len);
	if (e && sl_samr_type_is(e, want)) {
		out->res = e;
		out->known = true;
	}
}

const struct sl_node *sl_samr_api_prop(const struct sl_template *t, const struct sl_samr_api *api,
				       const char *const *path)
{
	if (!api->known)
		return NULL;
	if (api->res)
		return sl_sam_prop_path(t, api->res, path, NULL);
	return sl_map_path(sl_sam_globals_for(t, api->http ? SL_SAM_HTTP_API : SL_SAM_API), path);
}

enum sl_samr_definition sl_samr_api_definition(const struct sl_template *t, const struct sl_samr_api *api)
{
	if (!api->res)
		return SL_SAMR_DEF_GENERATED;
	if (!api->http && sl_scalar_bool(sl_sam_prop(t, api->res, "MergeDefinitions", NULL)) == 1)
		return SL_SAMR_DEF_MERGED;
	if (!sl_samr_is_null(sl_sam_prop(t, api->res, "DefinitionUri", NULL)))
		return SL_SAMR_DEF_URI;
	if (!sl_samr_is_null(sl_sam_prop(t, api->res, "DefinitionBody", NULL)))
		return SL_SAMR_DEF_INLINE;
	return SL_SAMR_DEF_GENERATED;
}

int sl_samr_enabled(const struct sl_node *enabled)
{
	if (!enabled)
		return 1;
	if (sl_node_intrinsic(enabled))
		return -1;
	if (sl_str_eq(enabled, "false") || sl_str_eq(enabled, "False") ||
	    sl_scalar_bool(enabled) == 0)
		return 0;
	return 1;
}

static const struct sl_sam_policy_template templates[] = {
	{ "AMIDescribePolicy", { NULL } },
	{ "AWSSecretsManagerGetSecretValuePolicy", { "SecretArn", NULL } },
	{ "AWSSecretsManagerRotationPolicy", { "FunctionName", NULL } },
	{ "AcmGetCertificatePolicy", { "CertificateArn", NULL } },
	{ "AthenaQueryPolicy", { "WorkGroupName", NULL } },
	{ "CloudFormationDescribeStacksPolicy", { NULL } },
	{ "CloudWatchDashboardPolicy", { NULL } },
	{ "CloudWatchDescribeAlarmHistoryPolicy", { NULL } },
	{ "CloudWatchPutMetricPolicy", { NULL } },
	{ "CodeCommitCrudPolicy", { "RepositoryName", NULL } },
	{ "CodeCommitReadPolicy", { "RepositoryName", NULL } },
	{ "CodePipelineLambdaExecutionPolicy", { NULL } },
	{ "CodePipelineReadOnlyPolicy", { "PipelineName", NULL } },
	{ "ComprehendBasicAccessPolicy", { NULL } },
	{ "CostExplorerReadOnlyPolicy", { NULL } },
	{ "DynamoDBBackupFullAccessPolicy", { "TableName", NULL } },
	{ "DynamoDBCrudPolicy", { "TableName", NULL } },
	{ "DynamoDBReadPolicy", { "TableName", NULL } },
	{ "DynamoDBReconfigurePolicy", { "TableName", NULL } },
	{ "DynamoDBRestoreFromBackupPolicy", { "TableName", NULL } },
	{ "DynamoDBStreamReadPolicy", { "TableName", "StreamName", NULL } },
	{ "DynamoDBWritePolicy", { "TableName", NULL } },
	{ "EC2CopyImagePolicy", { "ImageId", NULL } },
	{ "EC2DescribePolicy", { NULL } },
	{ "EFSWriteAccessPolicy", { "FileSystem", "AccessPoint", NULL } },
	{ "EKSDescribePolicy", { NULL } },
	{ "EcsRunTaskPolicy", { "TaskDefinition", NULL } },
	{ "ElasticMapReduceAddJobFlowStepsPolicy", { "ClusterId", NULL } },
	{ "ElasticMapReduceCancelStepsPolicy", { "ClusterId", NULL } },
	{ "ElasticMapReduceModifyInstanceFleetPolicy", { "ClusterId", NULL } },
	{ "ElasticMapReduceModifyInstanceGroupsPolicy", { "ClusterId", NULL } },
	{ "ElasticMapReduceSetTerminationProtectionPolicy", { "ClusterId", NULL } },
	{ "ElasticMapReduceTerminateJobFlowsPolicy", { "ClusterId", NULL } },
	{ "ElasticsearchHttpPostPolicy", { "DomainName", NULL } },
	{ "EventBridgePutEventsPolicy", { "EventBusName", NULL } },
	{ "FilterLogEventsPolicy", { "LogGroupName", NULL } },
	{ "FirehoseCrudPolicy", { "DeliveryStreamName", NULL } },
	{ "FirehoseWritePolicy", { "DeliveryStreamName", NULL } },
	{ "KMSDecryptPolicy", { "KeyId", NULL } },
	{ "KMSEncryptPolicy", { "KeyId", NULL } },
	{ "KMSEncryptPolicy_v2", { "KeyId", NULL } },
	{ "KinesisCrudPolicy", { "StreamName", NULL } },
	{ "KinesisStreamReadPolicy", { "StreamName", NULL } },
	{ "LambdaInvokePolicy", { "FunctionName", NULL } },
	{ "MobileAnalyticsWriteOnlyAccessPolicy", { NULL } },
	{ "OrganizationsListAccountsPolicy", { NULL } },
	{ "PinpointEndpointAccessPolicy", { "PinpointApplicationId", NULL } },
	{ "PollyFullAccessPolicy", { "LexiconName", NULL } },
	{ "RekognitionDetectOnlyPolicy", { NULL } },
	{ "RekognitionFacesManagementPolicy", { "CollectionId", NULL } },
	{ "RekognitionFacesPolicy", { NULL } },
	{ "RekognitionLabelsPolicy", { NULL } },
	{ "RekognitionNoDataAccessPolicy", { "CollectionId", NULL } },
	{ "RekognitionReadPolicy", { "CollectionId", NULL } },
	{ "RekognitionWriteOnlyAccessPolicy", { "CollectionId", NULL } },
	{ "Route53ChangeResourceRecordSetsPolicy", { "HostedZoneId", NULL } },
	{ "S3CrudPolicy", { "BucketName", NULL } },
	{ "S3FullAccessPolicy", { "BucketName", NULL } },
	{ "S3ReadPolicy", { "BucketName", NULL } },
	{ "S3WritePolicy", { "BucketName", NULL } },
	{ "SESBulkTemplatedCrudPolicy", { "IdentityName", NULL } },
	{ "SESBulkTemplatedCrudPolicy_v2", { "IdentityName", "TemplateName", NULL } },
	{ "SESCrudPolicy", { "IdentityName", NULL } },
	{ "SESEmailTemplateCrudPolicy", { NULL } },
	{ "SESSendBouncePolicy", { "IdentityName", NULL } },
	{ "SNSCrudPolicy", { "TopicName", NULL } },
	{ "SNSPublishMessagePolicy", { "TopicName", NULL } },
	{ "SQSPollerPolicy", { "QueueName", NULL } },
	{ "SQSSendMessagePolicy", { "QueueName", NULL } },
	{ "SSMParameterReadPolicy", { "ParameterName", NULL } },
	{ "SSMParameterWithSlashPrefixReadPolicy", { "ParameterName", NULL } },
	{ "SageMakerCreateEndpointConfigPolicy", { "EndpointConfigName", NULL } },
	{ "SageMakerCreateEndpointPolicy", { "EndpointName", NULL } },
	{ "ServerlessRepoReadWriteAccessPolicy", { NULL } },
	{ "StepFunctionsCallbackPolicy", { "StateMachineName", NULL } },
	{ "StepFunctionsExecutionPolicy", { "StateMachineName", NULL } },
	{ "StepFunctionsExecutionPolicy_v2", { "StateMachineName", NULL } },
	{ "TextractDetectAnalyzePolicy", { NULL } },
	{ "TextractGetResultPolicy", { NULL } },
	{ "TextractPolicy", { NULL } },
	{ "VPCAccessPolicy", { NULL } },
};

const struct sl_sam_policy_template *sl_samr_policy_templates(size_t *n)
{
	*n = sizeof(templates) / sizeof(templates[0]);
	return templates;
}

const char *const sl_samr_codedeploy_types[] = {
	"Canary10Percent5Minutes",
	"Canary10Percent10Minutes",
	"Canary10Percent15Minutes",
	"Canary10Percent30Minutes",
	"Linear10PercentEvery1Minute",
	"Linear10PercentEvery2Minutes",
	"Linear10PercentEvery3Minutes",
	"Linear10PercentEvery10Minutes",
	"AllAtOnce",
	NULL,
};

bool sl_samr_lenient_shape(const char *shape)
{
	/* samtranslator/model/preferences/deployment_preference.py: from_dict;
	 * an event is read by its Type and Properties (model/eventsources/) */
	return strcmp(shape, "AWS::Serverless::Function.DeploymentPreference") == 0 ||
	       strcmp(shape, "AWS::Serverless::Function.EventSource") == 0 ||
	       strcmp(shape, "AWS::Serverless::StateMachine.EventSource") == 0;
}

bool sl_samr_api_cors_credentials(const struct sl_node *v)
{
	const struct sl_node *cors = v ? v->parent : NULL;
	if (!sl_node_is(cors, SL_MAP) || sl_map_get(cors, "AllowCredentials") != v)
		return false;
	const struct sl_node *props = cors->parent;
	if (!sl_node_is(props, SL_MAP) || sl_map_get(props, "Cors") != cors)
		return false;
	const struct sl_node *owner = props->parent; /* the resource, or Globals */
	if (!sl_node_is(owner, SL_MAP))
		return false;
	if (sl_map_get(owner, "Properties") == props)
		return sl_str_eq(sl_map_get(owner, "Type"), SL_SAM_API);
	return sl_map_get(owner, "Api") == props && sl_node_is(owner->parent, SL_MAP) &&
	       sl_map_get(owner->parent, "Globals") == owner;
}

bool sl_samr_truthy(const struct sl_node *n)
{
	if (sl_samr_is_null(n))
		return false;
	if (n->kind != SL_SCALAR)
		return n->len > 0;
	if (sl_scalar_type(n) == SL_TYPE_BOOL)
		return sl_scalar_bool(n) == 1;
	return n->len > 0;
}

void sl_samr_each_api_event(struct sl_ctx *c,
			    void (*fn)(struct sl_ctx *c, const struct sl_entity *res,
				       const struct sl_node *name, const struct sl_node *props,
				       bool http, void *ud),
			    void *ud)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_SAM_FUNCTION, SL_SAM_STATE_MACHINE);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		bool func = sl_samr_type_is(e, SL_SAM_FUNCTION);
		if (!func && !sl_samr_type_is(e, SL_SAM_STATE_MACHINE))
			continue;
		const struct sl_node *events = sl_map_get(sl_samr_props(e), "Events");
		for (size_t j = 0; sl_node_is(events, SL_MAP) && j < events->len; j++) {
			const struct sl_node *ev = events->pairs[j].value;
			const struct sl_node *ty = sl_map_get(ev, "Type");
			bool rest = sl_str_eq(ty, "Api"), http = func && sl_str_eq(ty, "HttpApi");
			const struct sl_node *props = sl_map_get(ev, "Properties");
			if ((rest || http) && sl_node_is(props, SL_MAP) && !sl_node_intrinsic(props))
				fn(c, e, events->pairs[j].key, props, http, ud);
		}
	}
}
