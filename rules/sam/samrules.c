/*
 * Helpers shared by the SAM rules (see samrules.h), and two lists SAM
 * documents: its policy templates with their parameters (from
 * samtranslator/policy_templates_data/policy_templates.json, the data behind
 * the "AWS SAM policy template list" page), and CodeDeploy's predefined Lambda
 * deployment configurations that DeploymentPreference.Type names.
 */
#include "rules/sam/samrules.h"

#include <string.h>

bool sl_samr_type_is(const struct sl_entity *e, const char *type)
{
	return e->type && sl_str_eq(e->type, type);
}

const struct sl_node *sl_samr_props(const struct sl_entity *e)
{
	const struct sl_node *p = sl_map_get(e->value, "Properties");
	return sl_node_is(p, SL_MAP) ? p : NULL;
}

const struct sl_node *sl_samr_key_of(const struct sl_node *v)
{
	const struct sl_node *p = v ? v->parent : NULL;
	if (!p || p->kind != SL_MAP)
		return NULL;
	for (size_t i = 0; i < p->len; i++)
		if (p->pairs[i].value == v)
			return p->pairs[i].key;
	return NULL;
}

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
