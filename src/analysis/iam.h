/*
 * IAM policy documents as one model: every policy-shaped property of a
 * template's resources, parsed into documents and statements with the nodes
 * of their parts, so that the IAM rules (rules/iam/) read one structure
 * instead of walking properties each on its own.
 *
 * Documents (and the kind each is):
 *  - identity: AWS::IAM::Role/User/Group Policies[].PolicyDocument,
 *    AWS::IAM::ManagedPolicy/Policy/RolePolicy/UserPolicy/GroupPolicy
 *    PolicyDocument, AWS::SSO::PermissionSet InlinePolicy, and the inline
 *    documents of a SAM Function's or StateMachine's Policies;
 *  - trust: AWS::IAM::Role and SAM Function AssumeRolePolicyDocument;
 *  - resource: AWS::KMS::Key KeyPolicy, AWS::OpenSearchService::Domain
 *    AccessPolicies, AWS::S3::BucketPolicy, AWS::SNS::TopicPolicy and
 *    AWS::SQS::QueuePolicy PolicyDocument;
 *  - ECR: AWS::ECR::Repository RepositoryPolicyText;
 *  - other resource policies (their actions and Version are checked, their
 *    structure is not): AWS::Elasticsearch::Domain AccessPolicies,
 *    AWS::SecretsManager::ResourcePolicy ResourcePolicy, AWS::Backup::
 *    BackupVault AccessPolicy, AWS::KMS::ReplicaKey KeyPolicy, AWS::S3::
 *    AccessPoint Policy, AWS::EFS::FileSystem FileSystemPolicy,
 *    AWS::ApiGateway::RestApi Policy, AWS::ECR::RegistryPolicy PolicyText,
 *    AWS::SNS::TopicInlinePolicy and AWS::SQS::QueueInlinePolicy
 *    PolicyDocument, AWS::Logs::ResourcePolicy PolicyDocument,
 *    AWS::Kinesis::ResourcePolicy ResourcePolicy.
 *
 * A document is read where it is a literal map in the template. An Fn::If
 * standing for a document, for its Statement or for one statement gives each
 * branch that is a map (AWS::NoValue branches are dropped); any other
 * intrinsic function there leaves that part out of the model: what cannot be
 * known is not judged. A document written as a literal JSON string (no
 * Fn::Sub) is parsed; its nodes all carry the string's span, so a finding in
 * it is reported at the string.
 *
 * A template run through a macro other than SAM's and LanguageExtensions
 * (t->macro_global) has an empty model: the macro decides what deploys.
 *
 * Built once per template (rules reach it through iam_model() in
 * rules/iam/iam.h, memoised per template); O(size of the documents).
 */
#ifndef SL_ANALYSIS_IAM_H
#define SL_ANALYSIS_IAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "template/template.h"

enum sl_iam_kind {
	SL_IAM_IDENTITY = 0,
	SL_IAM_TRUST,
	SL_IAM_RESOURCE,
	SL_IAM_ECR,
	SL_IAM_OTHER,
};

struct sl_iam_doc {
	const struct sl_node *node;      /* the document: a map */
	const struct sl_entity *res;     /* the resource it belongs to */
	enum sl_iam_kind kind;
	bool s3;                         /* an AWS::S3::BucketPolicy */
	bool from_string;                /* written as a JSON string: every node of it
					  * has the string's span */
	const struct sl_node *version;   /* Version's value, or NULL */
	const struct sl_node *statement; /* Statement's value, or NULL */
	bool statement_known;            /* Statement is absent, or every part of it is
					  * in the model (no intrinsic function but Fn::If) */
	uint32_t first, n;               /* its statements in sl_iam.stmts */
};

struct sl_iam_stmt {
	const struct sl_node *node; /* the statement: a map */
	uint32_t doc;               /* index in sl_iam.docs */
	/* the values of its keys, or NULL when absent */
	const struct sl_node *sid, *effect, *principal, *not_principal, *action, *not_action,
		*resource, *not_resource, *condition;
};

struct sl_iam {
	struct sl_iam_doc *docs;
	size_t n_docs;
	struct sl_iam_stmt *stmts;
	size_t n_stmts;
};

/* Builds the model of t into out (heap memory, released by sl_iam_free).
 * Returns 0, or -1 on OOM (out then holds nothing to free). */
int sl_iam_build(struct sl_iam *out, const struct sl_template *t);

void sl_iam_free(struct sl_iam *m);

/* Calls fn for every string a policy element (Action, Resource, a Principal's
 * AWS, ...) can take: the scalar itself, each scalar of a list, and each
 * branch of an Fn::If (recursively; AWS::NoValue dropped). Returns false when
 * some part is another intrinsic function or not a scalar (the element is
 * then not fully known; fn was still called for the strings that are). */
bool sl_iam_each_string(const struct sl_node *v,
			void (*fn)(void *ud, const struct sl_node *s), void *ud);

#endif
