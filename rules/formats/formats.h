/*
 * Named value formats: what a property's value must look like when the spec
 * names a format for it (tools/spec_formats.json, struct sl_spec_constraint's
 * `format`), e.g. "AWS::EC2::VPC.Id" for every VpcId that takes the ID of a
 * VPC. Each format has a check for literal values and the rule that reports a
 * literal that fails it (E1150-E1164, cfn-lint's IDs), and says which kinds of
 * value (a VPC ID, a role name, a bucket ARN, ...) it accepts.
 *
 * The kinds are what a reference gives, as AWS documents it: Ref and
 * Fn::GetAtt of the template's resources ("Return values" of each resource
 * type: Ref of an AWS::EC2::Subnet gives its subnet ID, GetAtt Role.Arn a role
 * ARN), and Ref of a parameter of an AWS-specific type (AWS::EC2::VPC::Id, its
 * List<...> and AWS::SSM::Parameter::Value<...> forms). A kind is known only
 * when it is certain; a String parameter, an import or a Sub gives none. E1040
 * (GetAtt) and E1041 (Ref) report a known kind the property's format does not
 * accept.
 */
#ifndef SL_RULES_FORMATS_FORMATS_H
#define SL_RULES_FORMATS_FORMATS_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/schema.h"

/* What a reference gives. SL_VK_NONE: not known, proves nothing. */
enum sl_vkind {
	SL_VK_NONE = 0,
	SL_VK_VPC_ID,
	SL_VK_SUBNET_ID,
	SL_VK_SG_ID,
	SL_VK_SG_NAME,
	SL_VK_AMI_ID,
	SL_VK_INSTANCE_ID,
	SL_VK_VOLUME_ID,
	SL_VK_KEYPAIR_NAME,
	SL_VK_AZ_NAME,
	SL_VK_HOSTED_ZONE_ID,
	SL_VK_LOG_GROUP_NAME,
	SL_VK_LOG_GROUP_ARN,
	SL_VK_ROLE_ARN,
	SL_VK_ROLE_NAME,
	SL_VK_ROLE_ID,
	SL_VK_PROFILE_NAME,
	SL_VK_PROFILE_ARN,
	SL_VK_KMS_KEY_ID,
	SL_VK_KMS_KEY_ARN,
	SL_VK_KMS_ALIAS_NAME,
	SL_VK_SNS_ARN,
	SL_VK_SNS_NAME,
	SL_VK_SQS_URL,
	SL_VK_SQS_ARN,
	SL_VK_SQS_NAME,
	SL_VK_ACM_ARN,
	SL_VK_LAMBDA_ARN,
	SL_VK_LAMBDA_NAME,
	SL_VK_BUCKET_NAME,
	SL_VK_BUCKET_ARN,
	SL_VK_BUCKET_DOMAIN,
	SL_VK_BUCKET_URL,
	SL_VK_TABLE_NAME,
	SL_VK_TABLE_ARN,
	SL_VK_STREAM_ARN,
	SL_VK_STATE_MACHINE_ARN,
	SL_VK_COUNT
};

struct sl_format {
	const char *name;   /* as the spec names it: "AWS::EC2::VPC.Id" */
	const char *rule;   /* the rule that reports a literal value that fails `check` */
	const char *what;   /* "a VPC ID" */
	const char *form;   /* the form the check wants, for messages */
	/* true when the literal text (len bytes) has the format */
	bool (*check)(const char *s, size_t len);
	unsigned long long accepts; /* 1ull << enum sl_vkind: the kinds a reference may give */
};

/* The format called name, or NULL (an unknown name checks nothing). */
const struct sl_format *sl_format_find(const char *name);

/* Every format, for tests and docs; *n is set to their number. */
const struct sl_format *sl_formats(size_t *n);

/* "a VPC ID", or "VPC IDs" when plural. */
const char *sl_vkind_name(enum sl_vkind k, bool plural);

/* What the intrinsic function fn ({Ref: X}, {Fn::GetAtt: ...}) gives, when it
 * is certain: *list is set when it gives a list (a List<...> parameter), *how
 * to a description for messages ("Ref to parameter 'P' of type
 * AWS::EC2::Subnet::Id"), in the arena, unless how is NULL (the kind alone
 * costs no formatting). SL_VK_NONE for anything else. */
enum sl_vkind sl_format_source(struct sl_ctx *c, const struct sl_node *fn, bool *list, const char **how);

/* For the rules E1150-E1164: reports every literal value whose property's
 * format is judged by the running rule (c->rule->id) and that fails the
 * format's check. */
void sl_format_check_literals(struct sl_ctx *c);

/* For E1040 (getatt true) and E1041 (false): reports every Fn::GetAtt (Ref)
 * that certainly gives a kind of value its property's format does not accept. */
void sl_format_check_refs(struct sl_ctx *c, bool getatt);

/* Reports a SL_SCHEMA_RESOLVED hit at `at`: a value a function resolves to
 * (W1030, W1033, W1034, W1035) that breaks the property's constraint or, for
 * a FORMAT_VALUE sub, that fails the property's format (silent when it has
 * it). */
void sl_format_report_resolved(struct sl_ctx *c, const struct sl_schema_hit *h, const struct sl_node *at);

/* The checks of W1030 (Ref), W1034 (Fn::FindInMap), both reported at the
 * value, and W1033 (Fn::Split, at the function) and W1035 (Fn::Select, at the
 * list item): each reports the resolved values of its function. */
void sl_format_check_resolved(struct sl_ctx *c);

#endif
