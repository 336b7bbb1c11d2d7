/*
 * The named value formats (see formats.h): their checks, written by hand from
 * the AWS documentation each cites, the kinds of value references give, and
 * the two walks the format rules share.
 */
#include "rules/formats/formats.h"

#include <arpa/inet.h>

#include <stdio.h>
#include <string.h>

#include "util/arena.h"

/* --- small scanners --------------------------------------------------------- */

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_hex(char c)
{
	return (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || (c >= '0' && c <= '9');
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool starts_with(const char *s, size_t len, const char *p)
{
	size_t l = strlen(p);
	return len >= l && memcmp(s, p, l) == 0;
}

static bool ends_with(const char *s, size_t len, const char *p)
{
	size_t l = strlen(p);
	return len >= l && memcmp(s + len - l, p, l) == 0;
}

/* Every byte is in `set` or alphanumeric. */
static bool all_in(const char *s, size_t len, const char *set)
{
	for (size_t i = 0; i < len; i++)
		if (!is_alnum(s[i]) && !strchr(set, s[i]))
			return false;
	return true;
}

/* An EC2 resource ID: prefix, then 8 or 17 characters (the short IDs of
 * before 2016 and the long ones; the EC2 User Guide, "Resource IDs"), which
 * EC2 makes of hexadecimal digits (i-1234567890abcdef0). AMI IDs are taken
 * as any lowercase letters and digits: images are also published by others
 * (Marketplace, other partitions), so the wider set is the safe one. */
static bool ec2_id(const char *s, size_t len, const char *prefix, bool hex)
{
	size_t p = strlen(prefix);
	if (!starts_with(s, len, prefix) || (len - p != 8 && len - p != 17))
		return false;
	for (size_t i = p; i < len; i++)
		if (hex ? !is_hex(s[i]) : !((s[i] >= 'a' && s[i] <= 'z') || is_digit(s[i])))
			return false;
	return true;
}

/* An ARN, arn:partition:service:region:account:resource, split in place.
 * The resource may hold colons. */
struct arn {
	const char *service, *region, *account, *resource;
	size_t service_len, region_len, account_len, resource_len;
};

static bool parse_arn(const char *s, size_t len, struct arn *a)
{
	if (!starts_with(s, len, "arn:aws"))
		return false;
	const char *end = s + len, *p = s + 7;
	while (p < end && ((*p >= 'a' && *p <= 'z') || *p == '-'))
		p++; /* partition: aws, aws-cn, aws-us-gov, ... */
	const char *f[3];
	size_t fl[3];
	for (int i = 0; i < 3; i++) {
		if (p >= end || *p != ':')
			return false;
		p++;
		f[i] = p;
		while (p < end && *p != ':')
			p++;
		fl[i] = (size_t)(p - f[i]);
	}
	if (p >= end || *p != ':')
		return false;
	p++;
	a->service = f[0], a->service_len = fl[0];
	a->region = f[1], a->region_len = fl[1];
	a->account = f[2], a->account_len = fl[2];
	a->resource = p, a->resource_len = (size_t)(end - p);
	return true;
}

static bool field_is(const char *f, size_t l, const char *want)
{
	return l == strlen(want) && memcmp(f, want, l) == 0;
}

static bool account_ok(const struct arn *a)
{
	if (a->account_len != 12)
		return false;
	for (size_t i = 0; i < 12; i++)
		if (!is_digit(a->account[i]))
			return false;
	return true;
}

static bool region_ok(const struct arn *a)
{
	return a->region_len > 0 && all_in(a->region, a->region_len, "-");
}

/* An ARN of service in a region and account whose resource starts with
 * prefix and has something after it. */
static bool regional_arn(const char *s, size_t len, const char *service, const char *prefix)
{
	struct arn a;
	return parse_arn(s, len, &a) && field_is(a.service, a.service_len, service) && region_ok(&a) &&
	       account_ok(&a) && starts_with(a.resource, a.resource_len, prefix) &&
	       a.resource_len > strlen(prefix);
}

/* --- the checks ---------------------------------------------------------------- */

static bool vpc_id(const char *s, size_t len)
{
	return ec2_id(s, len, "vpc-", true);
}

static bool subnet_id(const char *s, size_t len)
{
	return ec2_id(s, len, "subnet-", true);
}

static bool sg_id(const char *s, size_t len)
{
	return ec2_id(s, len, "sg-", true);
}

/* EC2 also takes a Systems Manager parameter that holds an AMI ID,
 * resolve:ssm:name (the EC2 User Guide, "Reference AMIs with Systems Manager
 * parameters"). */
static bool ami_id(const char *s, size_t len)
{
	return ec2_id(s, len, "ami-", false) || (starts_with(s, len, "resolve:ssm:") && len > 12);
}

/* CreateSecurityGroup: up to 255 characters of a-z, A-Z, 0-9, spaces and
 * ._-:/()#,@[]+=&;{}!$*, not starting with sg-. */
static bool sg_name(const char *s, size_t len)
{
	return len >= 1 && len <= 255 && !starts_with(s, len, "sg-") && all_in(s, len, " ._-:/()#,@[]+=&;{}!$*");
}

/* CreateLogGroup: 1 to 512 characters of a-z, A-Z, 0-9, '_', '-', '/', '.', '#'. */
static bool log_group_name(const char *s, size_t len)
{
	return len >= 1 && len <= 512 && all_in(s, len, "_-/.#");
}

/* arn:aws:iam::123456789012:role/path/name (IAM identifiers). */
static bool role_arn(const char *s, size_t len)
{
	struct arn a;
	return parse_arn(s, len, &a) && field_is(a.service, a.service_len, "iam") && a.region_len == 0 &&
	       account_ok(&a) && starts_with(a.resource, a.resource_len, "role/") && a.resource_len > 5;
}

static bool kms_key_arn(const char *s, size_t len)
{
	return regional_arn(s, len, "kms", "key/") || regional_arn(s, len, "kms", "alias/");
}

/* A KMS key ID: a UUID, or mrk- and 32 hex digits for a multi-Region key. */
static bool kms_key_uuid(const char *s, size_t len)
{
	if (starts_with(s, len, "mrk-") && len == 36) {
		for (size_t i = 4; i < len; i++)
			if (!is_hex(s[i]))
				return false;
		return true;
	}
	if (len != 36)
		return false;
	for (size_t i = 0; i < len; i++) {
		bool dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !is_hex(s[i]))
			return false;
	}
	return true;
}

/* CreateAlias: alias/ and a name of alphanumerics, '/', '_' and '-'. */
static bool kms_alias_any(const char *s, size_t len)
{
	return starts_with(s, len, "alias/") && len > 6 && len <= 256 && all_in(s + 6, len - 6, "/_-");
}

/* A new alias: alias/aws/ is reserved for AWS managed keys. */
static bool kms_alias_new(const char *s, size_t len)
{
	return kms_alias_any(s, len) && !starts_with(s, len, "alias/aws/");
}

/* Any of the four ways to name a KMS key: key ID, key ARN, alias name, alias ARN. */
static bool kms_key_any(const char *s, size_t len)
{
	return kms_key_uuid(s, len) || kms_alias_any(s, len) || kms_key_arn(s, len);
}

/* arn:aws:sns:region:account:topic-name */
static bool sns_arn(const char *s, size_t len)
{
	struct arn a;
	return parse_arn(s, len, &a) && field_is(a.service, a.service_len, "sns") && region_ok(&a) &&
	       account_ok(&a) && a.resource_len > 0 && a.resource_len <= 256 &&
	       all_in(a.resource, a.resource_len, "_-.");
}

static bool acm_arn(const char *s, size_t len)
{
	return regional_arn(s, len, "acm", "certificate/");
}

/* A load balancer listener takes a certificate from ACM or one uploaded to IAM. */
static bool listener_cert_arn(const char *s, size_t len)
{
	struct arn a;
	if (acm_arn(s, len))
		return true;
	return parse_arn(s, len, &a) && field_is(a.service, a.service_len, "iam") && a.region_len == 0 &&
	       account_ok(&a) && starts_with(a.resource, a.resource_len, "server-certificate/") &&
	       a.resource_len > 19;
}

/* A function name (CreateFunction: up to 64 of a-z, A-Z, 0-9, '-', '_'). */
static bool lambda_name(const char *s, size_t len)
{
	return len >= 1 && len <= 64 && all_in(s, len, "-_");
}

/* name or name:qualifier (an alias or version; $LATEST) */
static bool lambda_qualified(const char *s, size_t len)
{
	const char *colon = memchr(s, ':', len);
	if (!colon)
		return lambda_name(s, len);
	size_t n = (size_t)(colon - s), q = len - n - 1;
	return lambda_name(s, n) && q >= 1 && q <= 128 && all_in(colon + 1, q, "-_$");
}

/* arn:aws:lambda:region:account:function:name[:qualifier] */
static bool lambda_arn(const char *s, size_t len)
{
	struct arn a;
	return parse_arn(s, len, &a) && field_is(a.service, a.service_len, "lambda") && region_ok(&a) &&
	       account_ok(&a) && starts_with(a.resource, a.resource_len, "function:") &&
	       lambda_qualified(a.resource + 9, a.resource_len - 9);
}

/* What the Lambda API takes as a function: a name, a name with a qualifier, a
 * partial ARN (123456789012:function:name) or a full ARN. */
static bool lambda_reference(const char *s, size_t len)
{
	if (lambda_arn(s, len) || lambda_qualified(s, len))
		return true;
	if (len > 22 && s[12] == ':' && starts_with(s + 13, len - 13, "function:")) {
		for (size_t i = 0; i < 12; i++)
			if (!is_digit(s[i]))
				return false;
		return lambda_qualified(s + 22, len - 22);
	}
	return false;
}

static bool looks_like_ipv4(const char *s, size_t len)
{
	int dots = 0;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '.')
			dots++;
		else if (!is_digit(s[i]))
			return false;
	}
	return dots == 3;
}

/* A new general purpose bucket (the S3 User Guide, "General purpose bucket
 * naming rules"). */
static bool bucket_name_new(const char *s, size_t len)
{
	static const char *const prefixes[] = { "xn--", "sthree-", "amzn-s3-demo-" };
	static const char *const suffixes[] = { "-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3" };
	if (len < 3 || len > 63 || !is_alnum(s[0]) || !is_alnum(s[len - 1]))
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || is_digit(c) || c == '.' || c == '-'))
			return false;
		if (c == '.' && i > 0 && s[i - 1] == '.')
			return false;
	}
	if (looks_like_ipv4(s, len))
		return false;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (starts_with(s, len, prefixes[i]))
			return false;
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (ends_with(s, len, suffixes[i]))
			return false;
	return true;
}

/* A bucket that exists: buckets made in us-east-1 before March 2018 may have
 * up to 255 characters, capitals and underscores (same page). */
static bool bucket_name_existing(const char *s, size_t len)
{
	return len >= 3 && len <= 255 && all_in(s, len, "._-");
}

/* An IPv4 or IPv6 network in CIDR notation (10.0.0.0/16, 2001:db8::/56): an
 * address inet_pton reads and a prefix length of 0-32 or 0-128. Host bits are
 * not judged (EC2 documents the canonical form it stores, not a refusal). */
static bool cidr(const char *s, size_t len, int family)
{
	const char *slash = memchr(s, '/', len);
	size_t alen = slash ? (size_t)(slash - s) : 0, plen = slash ? len - alen - 1 : 0;
	unsigned char buf[16];
	char addr[64];
	if (!slash || alen == 0 || alen >= sizeof(addr) || plen == 0 || plen > 3)
		return false;
	memcpy(addr, s, alen);
	addr[alen] = '\0';
	unsigned prefix = 0;
	for (size_t i = 0; i < plen; i++) {
		if (!is_digit(slash[1 + i]) || (i == 0 && plen > 1 && slash[1] == '0'))
			return false;
		prefix = prefix * 10 + (unsigned)(slash[1 + i] - '0');
	}
	return inet_pton(family, addr, buf) == 1 && prefix <= (family == AF_INET ? 32u : 128u);
}

static bool ipv4_network(const char *s, size_t len)
{
	return cidr(s, len, AF_INET);
}

static bool ipv6_network(const char *s, size_t len)
{
	return cidr(s, len, AF_INET6);
}

/* --- formats and kinds ---------------------------------------------------------- */

#define K(k) (1ull << (k))

static const struct sl_format formats[] = {
	{ "AWS::CertificateManager::Certificate.Arn", "E1159", "an ACM certificate ARN",
	  "arn:aws:acm:<region>:<account>:certificate/<id>", acm_arn, K(SL_VK_ACM_ARN) },
	{ "AWS::EC2::Image.Id", "E1152", "an AMI ID",
	  "ami- and 8 or 17 lowercase letters or digits, or resolve:ssm:<parameter>", ami_id, K(SL_VK_AMI_ID) },
	{ "AWS::EC2::SecurityGroup.GroupName", "E1153", "a security group name",
	  "up to 255 of a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with sg-", sg_name,
	  K(SL_VK_SG_NAME) },
	{ "AWS::EC2::SecurityGroup.Id", "E1150", "a security group ID", "sg- and 8 or 17 hexadecimal digits",
	  sg_id, K(SL_VK_SG_ID) },
	{ "AWS::EC2::Subnet.Id", "E1154", "a subnet ID", "subnet- and 8 or 17 hexadecimal digits", subnet_id,
	  K(SL_VK_SUBNET_ID) },
	{ "AWS::EC2::VPC.Id", "E1151", "a VPC ID", "vpc- and 8 or 17 hexadecimal digits", vpc_id,
	  K(SL_VK_VPC_ID) },
	{ "AWS::IAM::Role.Arn", "E1156", "an IAM role ARN", "arn:aws:iam::<account>:role/<name>", role_arn,
	  K(SL_VK_ROLE_ARN) },
	{ "AWS::KMS::Alias.AliasName", "E1164", "a KMS alias name",
	  "alias/ and letters, digits, '/', '_' or '-', not alias/aws/", kms_alias_new, K(SL_VK_KMS_ALIAS_NAME) },
	{ "AWS::KMS::Key.Arn", "E1157", "a KMS key ARN", "arn:aws:kms:<region>:<account>:key/<id> or an alias ARN",
	  kms_key_arn, K(SL_VK_KMS_KEY_ARN) },
	{ "AWS::KMS::Key.Id", "E1162", "a KMS key", "a key ID, key ARN, alias name (alias/...) or alias ARN",
	  kms_key_any, K(SL_VK_KMS_KEY_ID) | K(SL_VK_KMS_KEY_ARN) | K(SL_VK_KMS_ALIAS_NAME) },
	{ "AWS::Lambda::Function.Arn", "E1160", "a Lambda function ARN",
	  "arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]", lambda_arn, K(SL_VK_LAMBDA_ARN) },
	{ "AWS::Lambda::Function.Name", "E1163", "a Lambda function name",
	  "1 to 64 letters, digits, '-' or '_'", lambda_name, K(SL_VK_LAMBDA_NAME) },
	{ "AWS::Lambda::Function.Reference", "E1163", "a Lambda function",
	  "a function name, name:qualifier, partial ARN or ARN", lambda_reference,
	  K(SL_VK_LAMBDA_NAME) | K(SL_VK_LAMBDA_ARN) },
	{ "AWS::Logs::LogGroup.Name", "E1155", "a log group name",
	  "1 to 512 of a-z, A-Z, 0-9, '_', '-', '/', '.' and '#'", log_group_name, K(SL_VK_LOG_GROUP_NAME) },
	{ "AWS::S3::Bucket.ExistingName", "E1161", "an S3 bucket name",
	  "3 to 255 letters, digits, '.', '-' or '_'", bucket_name_existing, K(SL_VK_BUCKET_NAME) },
	{ "AWS::S3::Bucket.Name", "E1161", "an S3 bucket name",
	  "3 to 63 of a-z, 0-9, '.' and '-', starting and ending with a letter or digit, no '..', not an "
	  "IP address, no reserved prefix or suffix", bucket_name_new, K(SL_VK_BUCKET_NAME) },
	{ "AWS::SNS::Topic.Arn", "E1158", "an SNS topic ARN", "arn:aws:sns:<region>:<account>:<topic>", sns_arn,
	  K(SL_VK_SNS_ARN) },
	{ "ServerCertificate.Arn", "E1159", "a certificate ARN",
	  "an ACM certificate ARN or arn:aws:iam::<account>:server-certificate/<name>", listener_cert_arn,
	  K(SL_VK_ACM_ARN) },
	{ "ipv4-network", "E1103", "an IPv4 CIDR block", "an IPv4 address, '/' and a prefix length of 0 to 32",
	  ipv4_network, 0 },
	{ "ipv6-network", "E1103", "an IPv6 CIDR block", "an IPv6 address, '/' and a prefix length of 0 to 128",
	  ipv6_network, 0 },
};

const struct sl_format *sl_formats(size_t *n)
{
	*n = sizeof(formats) / sizeof(formats[0]);
	return formats;
}

const struct sl_format *sl_format_find(const char *name)
{
	size_t lo = 0, hi = sizeof(formats) / sizeof(formats[0]);
	while (lo < hi) { /* the table is sorted by name (a test checks it) */
		size_t mid = (lo + hi) / 2;
		int c = strcmp(formats[mid].name, name);
		if (c == 0)
			return &formats[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Each kind: its name in messages, singular and plural, and a value of it. A
 * format that does not accept a kind rejects it for certain only when its
 * check rejects that value too: a name of one thing may well be a valid name
 * of another (a role called like a bucket), an ARN never is a name. */
static const struct {
	const char *one, *many, *sample;
} kinds[SL_VK_COUNT] = {
	[SL_VK_NONE] = { "a value", "values", "" },
	[SL_VK_VPC_ID] = { "a VPC ID", "VPC IDs", "vpc-0123456789abcdef0" },
	[SL_VK_SUBNET_ID] = { "a subnet ID", "subnet IDs", "subnet-0123456789abcdef0" },
	[SL_VK_SG_ID] = { "a security group ID", "security group IDs", "sg-0123456789abcdef0" },
	[SL_VK_SG_NAME] = { "a security group name", "security group names", "my-security-group" },
	[SL_VK_AMI_ID] = { "an AMI ID", "AMI IDs", "ami-0123456789abcdef0" },
	[SL_VK_INSTANCE_ID] = { "an instance ID", "instance IDs", "i-0123456789abcdef0" },
	[SL_VK_VOLUME_ID] = { "a volume ID", "volume IDs", "vol-0123456789abcdef0" },
	[SL_VK_KEYPAIR_NAME] = { "a key pair name", "key pair names", "my-key-pair" },
	[SL_VK_AZ_NAME] = { "an Availability Zone name", "Availability Zone names", "us-east-1a" },
	[SL_VK_HOSTED_ZONE_ID] = { "a hosted zone ID", "hosted zone IDs", "Z0123456789ABCDEFGHIJ" },
	[SL_VK_LOG_GROUP_NAME] = { "a log group name", "log group names", "/aws/lambda/my-function" },
	[SL_VK_LOG_GROUP_ARN] = { "a log group ARN", "log group ARNs",
				  "arn:aws:logs:us-east-1:123456789012:log-group:my-group:*" },
	[SL_VK_ROLE_ARN] = { "an IAM role ARN", "IAM role ARNs", "arn:aws:iam::123456789012:role/my-role" },
	[SL_VK_ROLE_NAME] = { "an IAM role name", "IAM role names", "my-role" },
	[SL_VK_ROLE_ID] = { "an IAM role ID", "IAM role IDs", "AROA0123456789EXAMPLE" },
	[SL_VK_PROFILE_NAME] = { "an instance profile name", "instance profile names", "my-profile" },
	[SL_VK_PROFILE_ARN] = { "an instance profile ARN", "instance profile ARNs",
				"arn:aws:iam::123456789012:instance-profile/my-profile" },
	[SL_VK_KMS_KEY_ID] = { "a KMS key ID", "KMS key IDs", "1234abcd-12ab-34cd-56ef-1234567890ab" },
	[SL_VK_KMS_KEY_ARN] = { "a KMS key ARN", "KMS key ARNs",
				"arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
	[SL_VK_KMS_ALIAS_NAME] = { "a KMS alias name", "KMS alias names", "alias/my-key" },
	[SL_VK_SNS_ARN] = { "an SNS topic ARN", "SNS topic ARNs", "arn:aws:sns:us-east-1:123456789012:my-topic" },
	[SL_VK_SNS_NAME] = { "an SNS topic name", "SNS topic names", "my-topic" },
	[SL_VK_SQS_URL] = { "an SQS queue URL", "SQS queue URLs",
			    "https://sqs.us-east-1.amazonaws.com/123456789012/my-queue" },
	[SL_VK_SQS_ARN] = { "an SQS queue ARN", "SQS queue ARNs", "arn:aws:sqs:us-east-1:123456789012:my-queue" },
	[SL_VK_SQS_NAME] = { "an SQS queue name", "SQS queue names", "my-queue" },
	[SL_VK_ACM_ARN] = { "an ACM certificate ARN", "ACM certificate ARNs",
			    "arn:aws:acm:us-east-1:123456789012:certificate/12345678-1234-1234-1234-123456789012" },
	[SL_VK_LAMBDA_ARN] = { "a Lambda function ARN", "Lambda function ARNs",
			       "arn:aws:lambda:us-east-1:123456789012:function:my-function" },
	[SL_VK_LAMBDA_NAME] = { "a Lambda function name", "Lambda function names", "my-function" },
	[SL_VK_BUCKET_NAME] = { "an S3 bucket name", "S3 bucket names", "my-bucket" },
	[SL_VK_BUCKET_ARN] = { "an S3 bucket ARN", "S3 bucket ARNs", "arn:aws:s3:::my-bucket" },
	[SL_VK_BUCKET_DOMAIN] = { "an S3 bucket domain name", "S3 bucket domain names",
				  "my-bucket.s3.amazonaws.com" },
	[SL_VK_BUCKET_URL] = { "an S3 website URL", "S3 website URLs",
			       "http://my-bucket.s3-website-us-east-1.amazonaws.com" },
	[SL_VK_TABLE_NAME] = { "a DynamoDB table name", "DynamoDB table names", "my-table" },
	[SL_VK_TABLE_ARN] = { "a DynamoDB table ARN", "DynamoDB table ARNs",
			      "arn:aws:dynamodb:us-east-1:123456789012:table/my-table" },
	[SL_VK_STREAM_ARN] = { "a DynamoDB stream ARN", "DynamoDB stream ARNs",
			       "arn:aws:dynamodb:us-east-1:123456789012:table/my-table/stream/2024-01-01T00:00:00.000" },
	[SL_VK_STATE_MACHINE_ARN] = { "a state machine ARN", "state machine ARNs",
				      "arn:aws:states:us-east-1:123456789012:stateMachine:my-machine" },
};

const char *sl_vkind_name(enum sl_vkind k, bool plural)
{
	if ((unsigned)k >= SL_VK_COUNT)
		k = SL_VK_NONE;
	return plural ? kinds[k].many : kinds[k].one;
}

/* True when a value of kind k certainly does not have format f. */
static bool rejects(const struct sl_format *f, enum sl_vkind k)
{
	if (k == SL_VK_NONE || (f->accepts & K(k)))
		return false;
	const char *s = kinds[k].sample;
	return !f->check(s, strlen(s));
}

/* What Ref (attr NULL) and Fn::GetAtt of the template's resources give: the
 * "Return values" section of each resource type's page in the CloudFormation
 * Template Reference. Ref of AWS::EC2::SecurityGroup depends on its VpcId
 * (resource_kind()). */
static const struct source {
	const char *type, *attr;
	enum sl_vkind kind;
} sources[] = {
	{ "AWS::CertificateManager::Certificate", NULL, SL_VK_ACM_ARN },
	{ "AWS::DynamoDB::Table", NULL, SL_VK_TABLE_NAME },
	{ "AWS::DynamoDB::Table", "Arn", SL_VK_TABLE_ARN },
	{ "AWS::DynamoDB::Table", "StreamArn", SL_VK_STREAM_ARN },
	{ "AWS::EC2::Instance", NULL, SL_VK_INSTANCE_ID },
	{ "AWS::EC2::Instance", "InstanceId", SL_VK_INSTANCE_ID },
	{ "AWS::EC2::SecurityGroup", "GroupId", SL_VK_SG_ID },
	{ "AWS::EC2::SecurityGroup", "VpcId", SL_VK_VPC_ID },
	{ "AWS::EC2::Subnet", NULL, SL_VK_SUBNET_ID },
	{ "AWS::EC2::Subnet", "SubnetId", SL_VK_SUBNET_ID },
	{ "AWS::EC2::Subnet", "VpcId", SL_VK_VPC_ID },
	{ "AWS::EC2::VPC", NULL, SL_VK_VPC_ID },
	{ "AWS::EC2::VPC", "DefaultSecurityGroup", SL_VK_SG_ID },
	{ "AWS::EC2::VPC", "VpcId", SL_VK_VPC_ID },
	{ "AWS::EC2::Volume", NULL, SL_VK_VOLUME_ID },
	{ "AWS::EC2::Volume", "VolumeId", SL_VK_VOLUME_ID },
	{ "AWS::ElasticLoadBalancing::LoadBalancer", "SourceSecurityGroup.GroupName", SL_VK_SG_NAME },
	{ "AWS::IAM::InstanceProfile", NULL, SL_VK_PROFILE_NAME },
	{ "AWS::IAM::InstanceProfile", "Arn", SL_VK_PROFILE_ARN },
	{ "AWS::IAM::Role", NULL, SL_VK_ROLE_NAME },
	{ "AWS::IAM::Role", "Arn", SL_VK_ROLE_ARN },
	{ "AWS::IAM::Role", "RoleId", SL_VK_ROLE_ID },
	{ "AWS::KMS::Alias", NULL, SL_VK_KMS_ALIAS_NAME },
	{ "AWS::KMS::Key", NULL, SL_VK_KMS_KEY_ID },
	{ "AWS::KMS::Key", "Arn", SL_VK_KMS_KEY_ARN },
	{ "AWS::KMS::Key", "KeyId", SL_VK_KMS_KEY_ID },
	{ "AWS::Lambda::Alias", NULL, SL_VK_LAMBDA_ARN },
	{ "AWS::Lambda::Function", NULL, SL_VK_LAMBDA_NAME },
	{ "AWS::Lambda::Function", "Arn", SL_VK_LAMBDA_ARN },
	{ "AWS::Lambda::Version", NULL, SL_VK_LAMBDA_ARN },
	{ "AWS::Logs::LogGroup", NULL, SL_VK_LOG_GROUP_NAME },
	{ "AWS::Logs::LogGroup", "Arn", SL_VK_LOG_GROUP_ARN },
	{ "AWS::S3::Bucket", NULL, SL_VK_BUCKET_NAME },
	{ "AWS::S3::Bucket", "Arn", SL_VK_BUCKET_ARN },
	{ "AWS::S3::Bucket", "DomainName", SL_VK_BUCKET_DOMAIN },
	{ "AWS::S3::Bucket", "DualStackDomainName", SL_VK_BUCKET_DOMAIN },
	{ "AWS::S3::Bucket", "RegionalDomainName", SL_VK_BUCKET_DOMAIN },
	{ "AWS::S3::Bucket", "WebsiteURL", SL_VK_BUCKET_URL },
	{ "AWS::SNS::Topic", NULL, SL_VK_SNS_ARN },
	{ "AWS::SNS::Topic", "TopicArn", SL_VK_SNS_ARN },
	{ "AWS::SNS::Topic", "TopicName", SL_VK_SNS_NAME },
	{ "AWS::SQS::Queue", NULL, SL_VK_SQS_URL },
	{ "AWS::SQS::Queue", "Arn", SL_VK_SQS_ARN },
	{ "AWS::SQS::Queue", "QueueName", SL_VK_SQS_NAME },
	{ "AWS::SQS::Queue", "QueueUrl", SL_VK_SQS_URL },
	{ "AWS::Serverless::Function", NULL, SL_VK_LAMBDA_NAME },
	{ "AWS::Serverless::Function", "Arn", SL_VK_LAMBDA_ARN },
	{ "AWS::Serverless::SimpleTable", NULL, SL_VK_TABLE_NAME },
	{ "AWS::Serverless::StateMachine", NULL, SL_VK_STATE_MACHINE_ARN },
	{ "AWS::Serverless::StateMachine", "Arn", SL_VK_STATE_MACHINE_ARN },
	{ "AWS::StepFunctions::StateMachine", NULL, SL_VK_STATE_MACHINE_ARN },
	{ "AWS::StepFunctions::StateMachine", "Arn", SL_VK_STATE_MACHINE_ARN },
};

/* The AWS-specific parameter types (the CloudFormation User Guide, "Supported
 * AWS-specific parameter types"): CloudFormation checks that the value is one
 * of the account's. */
static const struct {
	const char *type;
	enum sl_vkind kind;
} param_types[] = {
	{ "AWS::EC2::AvailabilityZone::Name", SL_VK_AZ_NAME },
	{ "AWS::EC2::Image::Id", SL_VK_AMI_ID },
	{ "AWS::EC2::Instance::Id", SL_VK_INSTANCE_ID },
	{ "AWS::EC2::KeyPair::KeyName", SL_VK_KEYPAIR_NAME },
	{ "AWS::EC2::SecurityGroup::GroupName", SL_VK_SG_NAME },
	{ "AWS::EC2::SecurityGroup::Id", SL_VK_SG_ID },
	{ "AWS::EC2::Subnet::Id", SL_VK_SUBNET_ID },
	{ "AWS::EC2::VPC::Id", SL_VK_VPC_ID },
	{ "AWS::EC2::Volume::Id", SL_VK_VOLUME_ID },
	{ "AWS::Route53::HostedZone::Id", SL_VK_HOSTED_ZONE_ID },
};

/* Strips "prefix" and a closing '>' around s (len updated); false when absent. */
static bool unwrap(const char **s, size_t *len, const char *prefix)
{
	size_t p = strlen(prefix);
	if (!starts_with(*s, *len, prefix) || *len < p + 1 || (*s)[*len - 1] != '>')
		return false;
	*s += p;
	*len -= p + 1;
	return true;
}

static enum sl_vkind param_kind(const struct sl_node *param, bool *list)
{
	const struct sl_node *ty = sl_map_get(param, "Type");
	if (!sl_node_is(ty, SL_SCALAR))
		return SL_VK_NONE;
	const char *s = ty->str;
	size_t len = ty->len;
	unwrap(&s, &len, "AWS::SSM::Parameter::Value<");
	*list = unwrap(&s, &len, "List<");
	for (size_t i = 0; i < sizeof(param_types) / sizeof(param_types[0]); i++)
		if (strlen(param_types[i].type) == len && memcmp(param_types[i].type, s, len) == 0)
			return param_types[i].kind;
	return SL_VK_NONE;
}

/* Ref of a security group: its ID when it names a VPC, its name when it names
 * none (the group is then in the default VPC); unknown when VpcId may vanish. */
static enum sl_vkind security_group_ref(const struct sl_node *res)
{
	const struct sl_node *props = sl_map_get(res, "Properties");
	if (!props)
		return SL_VK_SG_NAME;
	if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
		return SL_VK_NONE;
	for (size_t i = 0; i < props->len; i++)
		if (sl_foreach_key(props->pairs[i].key))
			return SL_VK_NONE;
	const struct sl_node *vpc = sl_map_get(props, "VpcId");
	if (!vpc)
		return SL_VK_SG_NAME;
	if (sl_node_is_null(vpc))
		return SL_VK_NONE;
	const struct sl_node *k = sl_node_intrinsic(vpc);
	if (k && sl_str_eq(k, "Ref") && sl_str_eq(vpc->pairs[0].value, "AWS::NoValue"))
		return SL_VK_SG_NAME;
	if (k && sl_str_eq(k, "Fn::If"))
		return SL_VK_NONE; /* a branch may be AWS::NoValue */
	return SL_VK_SG_ID;
}

static enum sl_vkind resource_kind(const struct sl_entity *e, const char *attr, size_t attr_len)
{
	if (!e->type || !sl_node_is(e->value, SL_MAP))
		return SL_VK_NONE;
	const char *type = e->type->str;
	if (!attr && strcmp(type, "AWS::EC2::SecurityGroup") == 0)
		return security_group_ref(e->value);
	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		const struct source *s = &sources[i];
		if (strcmp(s->type, type) != 0)
			continue;
		if (!attr ? !s->attr : (s->attr && strlen(s->attr) == attr_len && memcmp(s->attr, attr, attr_len) == 0))
			return s->kind;
	}
	return SL_VK_NONE;
}

enum sl_vkind sl_format_source(struct sl_ctx *c, const struct sl_node *fn, bool *list, const char **how)
{
	const struct sl_template *t = c->t;
	const struct sl_node *key = sl_node_intrinsic(fn);
	*list = false;
	if (how)
		*how = NULL;
	if (!key)
		return SL_VK_NONE;
	const struct sl_node *arg = fn->pairs[0].value;
	if (sl_str_eq(key, "Ref")) {
		if (!sl_node_is(arg, SL_SCALAR) || sl_scalar_type(arg) != SL_TYPE_STRING)
			return SL_VK_NONE;
		const struct sl_entity *p = sl_index_find(&t->params, arg->str, arg->len);
		if (p) {
			enum sl_vkind k = param_kind(p->value, list);
			if (k != SL_VK_NONE && how)
				*how = sl_arena_printf(c->arena, "Ref to parameter '%s' of type %s", arg->str,
						       sl_map_get(p->value, "Type")->str);
			return k;
		}
		const struct sl_entity *r = sl_index_find(&t->resources, arg->str, arg->len);
		if (!r)
			return SL_VK_NONE;
		enum sl_vkind k = resource_kind(r, NULL, 0);
		if (k != SL_VK_NONE && how)
			*how = sl_arena_printf(c->arena, "Ref to %s '%s'", r->type->str, arg->str);
		return k;
	}
	if (!sl_str_eq(key, "Fn::GetAtt"))
		return SL_VK_NONE;
	const char *name, *attr;
	size_t name_len, attr_len;
	if (sl_node_is(arg, SL_SEQ) && arg->len == 2 && sl_node_is(arg->items[0], SL_SCALAR) &&
	    sl_node_is(arg->items[1], SL_SCALAR)) {
		name = arg->items[0]->str, name_len = arg->items[0]->len;
		attr = arg->items[1]->str, attr_len = arg->items[1]->len;
	} else if (sl_node_is(arg, SL_SCALAR)) {
		const char *dot = memchr(arg->str, '.', arg->len);
		if (!dot)
			return SL_VK_NONE;
		name = arg->str, name_len = (size_t)(dot - arg->str);
		attr = dot + 1, attr_len = arg->len - name_len - 1;
	} else {
		return SL_VK_NONE;
	}
	const struct sl_entity *r = sl_index_find(&t->resources, name, name_len);
	if (!r)
		return SL_VK_NONE;
	enum sl_vkind k = resource_kind(r, attr, attr_len);
	if (k != SL_VK_NONE && how)
		*how = sl_arena_printf(c->arena, "GetAtt %.*s.%.*s", (int)name_len, name, (int)attr_len, attr);
	return k;
}

/* --- the walks ------------------------------------------------------------------ */

/* The property a value is for, for messages ("VpcId"), or "this property". */
static const char *prop_name(const struct sl_node *v)
{
	const struct sl_node *k = sl_schema_prop_of(v);
	return k ? k->str : "this property";
}

static void on_literal(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	if (h->event != SL_SCHEMA_FORMAT_VALUE)
		return;
	const char *name = sl_spec_constraint_format(c->spec, sl_spec_constraint(c->spec, h->cons));
	const struct sl_format *f = name ? sl_format_find(name) : NULL;
	const struct sl_node *v = h->at;
	if (!f || strcmp(f->rule, c->rule->id) != 0 || !sl_node_is(v, SL_SCALAR) || sl_node_is_null(v))
		return;
	/* ${Name} in a plain string is E1029's (it needed Fn::Sub) */
	if (memmem(v->str, v->len, "${", 2) || f->check(v->str, v->len))
		return;
	sl_report(c, v, "'%s' is not %s (%s), which %s takes", v->str, f->what, f->form, prop_name(v));
}

void sl_format_check_literals(struct sl_ctx *c)
{
	sl_schema_walk(c, on_literal);
}

/* A fix, when the same resource gives a kind the format accepts:
 * "; use !GetAtt Role.Arn". In the arena, or "". */
static const char *fix_hint(struct sl_ctx *c, const struct sl_format *f, const struct sl_node *fn)
{
	const struct sl_node *key = sl_node_intrinsic(fn), *arg = fn->pairs[0].value;
	const char *name = NULL;
	size_t len = 0;
	if (sl_str_eq(key, "Ref") && sl_node_is(arg, SL_SCALAR)) {
		name = arg->str, len = arg->len;
	} else if (sl_node_is(arg, SL_SEQ) && arg->len == 2 && sl_node_is(arg->items[0], SL_SCALAR)) {
		name = arg->items[0]->str, len = arg->items[0]->len;
	} else if (sl_node_is(arg, SL_SCALAR)) {
		const char *dot = memchr(arg->str, '.', arg->len);
		name = arg->str, len = dot ? (size_t)(dot - arg->str) : 0;
	}
	const struct sl_entity *r = name && len ? sl_index_find(&c->t->resources, name, len) : NULL;
	if (!r || !r->type)
		return "";
	if ((f->accepts & K(resource_kind(r, NULL, 0))) && !sl_str_eq(key, "Ref"))
		return sl_arena_printf(c->arena, "; use !Ref %.*s", (int)len, name);
	for (size_t i = 0; i < sizeof(sources) / sizeof(sources[0]); i++) {
		const struct source *s = &sources[i];
		if (s->attr && strcmp(s->type, r->type->str) == 0 && (f->accepts & K(s->kind)))
			return sl_arena_printf(c->arena, "; use !GetAtt %.*s.%s", (int)len, name, s->attr);
	}
	return "";
}

static void on_ref(struct sl_ctx *c, const struct sl_schema_hit *h, bool getatt)
{
	if (h->event != SL_SCHEMA_FORMAT_FN)
		return;
	const struct sl_node *fn = h->at;
	const struct sl_node *key = sl_node_intrinsic(fn);
	if (!key || !sl_str_eq(key, getatt ? "Fn::GetAtt" : "Ref"))
		return;
	const struct sl_spec_constraint *cons = sl_spec_constraint(c->spec, h->cons);
	if (!cons)
		return;
	bool want_list = false;
	const char *name = sl_spec_constraint_format(c->spec, cons);
	if (!name) {
		name = sl_spec_constraint_format(c->spec, sl_spec_constraint(c->spec, cons->items));
		want_list = true;
	}
	const struct sl_format *f = name ? sl_format_find(name) : NULL;
	if (!f)
		return;
	bool list;
	const char *how;
	enum sl_vkind k = sl_format_source(c, fn, &list, NULL);
	/* a list where one value is wanted (or the reverse) is E3012's */
	if (k == SL_VK_NONE || list != want_list || !rejects(f, k))
		return;
	sl_format_source(c, fn, &list, &how); /* a finding: now the words for it */
	sl_report(c, fn, "%s gives %s, but %s takes %s%s%s", how, sl_vkind_name(k, list), prop_name(fn), f->what,
		  want_list ? " for each item" : "", want_list ? "" : fix_hint(c, f, fn));
}

static void on_getatt(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	on_ref(c, h, true);
}

static void on_refonly(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	on_ref(c, h, false);
}

void sl_format_check_refs(struct sl_ctx *c, bool getatt)
{
	sl_schema_walk(c, getatt ? on_getatt : on_refonly);
}

void sl_format_report_resolved(struct sl_ctx *c, const struct sl_schema_hit *h, const struct sl_node *at)
{
	if (h->sub != SL_SCHEMA_FORMAT_VALUE) {
		sl_report(c, at, "%s", sl_schema_resolved_message(c, h));
		return;
	}
	const char *name = sl_spec_constraint_format(c->spec, sl_spec_constraint(c->spec, h->cons));
	const struct sl_format *f = name ? sl_format_find(name) : NULL;
	if (!f || f->check(h->other->str, h->other->len))
		return;
	const struct sl_node *pk = sl_schema_prop_of(h->at);
	sl_report(c, at, "%s, which is not %s (%s)%s%s%s", sl_schema_resolved_subject(c, h), f->what, f->form,
		  pk ? " as '" : "", pk ? pk->str : "", pk ? "' requires" : "");
}

/* The rule that reports a SL_SCHEMA_RESOLVED hit, by the function and, for a
 * Ref, by what of the parameter the value is: its Default (W1030), another of
 * its AllowedValues (W2030 outside the allowed values, W3034 out of range,
 * W2031 otherwise), or a bound a Number parameter declares (W3034, range
 * only). NULL: nobody's. *made: the value is made by the function (the text
 * of an Fn::Sub, the items of an Fn::Split), so it is reported at the
 * function; else where it is written (a Default, a mapping's value). */
static const char *resolved_rule(const struct sl_schema_hit *h, bool *made)
{
	static const struct {
		const char *fn, *rule;
		bool made;
	} by_fn[] = {
		{ "Fn::Sub", "W1031", true },         { "Fn::Join", "W1032", true },
		{ "Fn::Split", "W1033", true },       { "Fn::FindInMap", "W1034", false },
		{ "Fn::Select", "W1035", false },     { "Fn::GetAZs", "W1036", true },
		{ "Fn::ToJsonString", "W1040", true },
	};
	const struct sl_node *fk = sl_node_intrinsic(h->at);
	*made = false;
	if (!fk)
		return NULL;
	if (sl_str_eq(fk, "Ref")) {
		switch (sl_schema_resolved_from(h)) {
		case SL_RESOLVED_DEFAULT:
			return "W1030";
		case SL_RESOLVED_ALLOWED:
			return h->sub == SL_SCHEMA_NOT_ALLOWED ? "W2030" : h->sub == SL_SCHEMA_RANGE ? "W3034" : "W2031";
		case SL_RESOLVED_BOUND:
			return h->sub == SL_SCHEMA_RANGE ? "W3034" : NULL;
		default:
			return NULL;
		}
	}
	for (size_t i = 0; i < sizeof by_fn / sizeof by_fn[0]; i++)
		if (sl_str_eq(fk, by_fn[i].fn)) {
			*made = by_fn[i].made;
			return by_fn[i].rule;
		}
	return NULL;
}

static void on_resolved(struct sl_ctx *c, const struct sl_schema_hit *h)
{
	bool made;
	if (h->event != SL_SCHEMA_RESOLVED)
		return;
	const char *rule = resolved_rule(h, &made);
	if (rule && strcmp(rule, c->rule->id) == 0)
		sl_format_report_resolved(c, h, made ? h->at : h->other);
}

void sl_format_check_resolved(struct sl_ctx *c)
{
	sl_schema_walk(c, on_resolved);
}
