/*
 * IAM data and model unit tests: the compiled-in service authorization data
 * (src/spec/iam.c) finds every action it holds by name in any case (which
 * checks the blob's sort order against the reader's binary search), knows
 * the resource types of a few actions, and the IAM rules' action glob
 * (rules/iam/iam.c) matches as IAM does; the AWS managed policy table
 * (src/spec/managed.c) finds every policy it holds and answers by content.
 */
#include <ctype.h>
#include <stdlib.h>

#include "rules/iam/iam.h"
#include "spec/iam.h"
#include "spec/managed.h"
#include "test.h"

static void test_every_action_is_found(void)
{
	size_t n = sl_iam_service_count(), actions = 0, found = 0;
	assert_true(n > 400);
	for (size_t s = 0; s < n; s++) {
		const char *name = sl_iam_service_name((int)s);
		assert_int(sl_iam_service(name, strlen(name)), (long long)s);
		struct sl_iam_iter it;
		sl_iam_iter_init(&it, (int)s);
		while (sl_iam_next(&it)) {
			char upper[256];
			for (size_t i = 0; i <= it.a.len; i++)
				upper[i] = (char)toupper((unsigned char)it.a.name[i]);
			struct sl_iam_action a;
			actions++;
			found += sl_iam_action_find(&a, (int)s, upper, it.a.len) &&
				 strcmp(a.name, it.a.name) == 0;
		}
	}
	assert_true(actions > 15000);
	assert_int(found, actions);
}

static void test_lookups(void)
{
	int s3 = sl_iam_service("S3", 2);
	assert_true(s3 >= 0);
	assert_str(sl_iam_service_name(s3), "s3");
	assert_int(sl_iam_service("specific", 8), -1);
	assert_int(sl_iam_service("s3\0x", 4), -1);
	struct sl_iam_action a;
	assert_true(sl_iam_action_find(&a, s3, "getobject", 9));
	assert_str(a.name, "GetObject");
	assert_true(!sl_iam_action_find(&a, s3, "ListObjects", 11));
	assert_true(!sl_iam_action_find(&a, s3, "", 0));
	int iam = sl_iam_service("iam", 3);
	assert_true(sl_iam_action_find(&a, iam, "PassRole", 8));
	assert_int(a.n_res, 1);
	const char *svc, *fixed;
	sl_iam_restype(a.res[0] | (unsigned)a.res[1] << 8, &svc, &fixed);
	assert_str(svc, "iam");
	assert_str(fixed, "role/");
}

static void test_glob(void)
{
	assert_true(iam_glob("Get*", 4, "GetObject", 9));
	assert_true(iam_glob("get*", 4, "GetObject", 9));
	assert_true(iam_glob("*Object", 7, "GetObject", 9));
	assert_true(iam_glob("G?t*t", 5, "GetObject", 9));
	assert_true(iam_glob("*", 1, "x", 1));
	assert_true(iam_glob("**a", 3, "a", 1));
	assert_true(!iam_glob("*Objects", 8, "GetObject", 9));
	assert_true(!iam_glob("Put*", 4, "GetObject", 9));
	assert_true(!iam_glob("?", 1, "", 0));
	/* a pattern that explodes a backtracking matcher stays quick */
	char p[200], s[200];
	for (int i = 0; i < 99; i++)
		p[2 * i] = '*', p[2 * i + 1] = 'a';
	memset(s, 'a', 150);
	assert_true(iam_glob(p, 198, s, 150));
	s[149] = 'b';
	assert_true(!iam_glob(p, 198, s, 150));
}

static void test_arn_shape(void)
{
	assert_true(iam_arn_shape("*", 1, true, true));
	assert_true(!iam_arn_shape("*", 1, true, false));
	assert_true(iam_arn_shape("arn:aws:s3:::b/*", 16, false, false));
	assert_true(iam_arn_shape("arn:*:s3:::b", 12, true, false));
	assert_true(!iam_arn_shape("arn:*:s3:::b", 12, false, false));
	assert_true(iam_arn_shape("arn:aws-us-gov:logs:*:*:*", 25, false, false));
	assert_true(iam_arn_shape("arn:aws:sns:us-east-1:123456789012:t", 36, false, false));
	assert_true(!iam_arn_shape("arn:aws:sns:us-east-1:12345:t", 29, false, false));
	assert_true(!iam_arn_shape("my-bucket", 9, true, true));
	assert_true(!iam_arn_shape("arn:aws:iam::${AWS::AccountId}:user/x", 37, true, true));
}

static void test_managed(void)
{
	/* every name is found (the table's order is the reader's) */
	assert_true(sl_managed_count > 1000);
	for (size_t i = 0; i < sl_managed_count; i++) {
		const char *n = sl_managed_names + sl_managed_off[i];
		assert_true(sl_managed_exists(n, strlen(n)));
		if (i)
			assert_true(strcmp(sl_managed_names + sl_managed_off[i - 1], n) < 0);
	}
	const char *eni = "service-role/AWSLambdaENIManagementAccess";
	const char *basic = "service-role/AWSLambdaBasicExecutionRole";
	assert_int(sl_managed_allows(eni, strlen(eni), "ec2:CreateNetworkInterface"), SL_MANAGED_YES);
	assert_int(sl_managed_allows(eni, strlen(eni), "EC2:deletenetworkinterface"), SL_MANAGED_YES);
	assert_int(sl_managed_allows(eni, strlen(eni), "xray:PutTraceSegments"), SL_MANAGED_NO);
	assert_int(sl_managed_allows(basic, strlen(basic), "ec2:CreateNetworkInterface"), SL_MANAGED_NO);
	/* an action the data was not generated for, a prefix of a name, a name
	 * without its path, another case */
	assert_int(sl_managed_allows(eni, strlen(eni), "s3:GetObject"), SL_MANAGED_UNKNOWN);
	assert_int(sl_managed_allows(eni, strlen(eni) - 1, "ec2:CreateNetworkInterface"),
		   SL_MANAGED_UNKNOWN);
	assert_int(sl_managed_allows(basic + 13, strlen(basic) - 13, "ec2:CreateNetworkInterface"),
		   SL_MANAGED_UNKNOWN);
	assert_int(sl_managed_allows("AWSXRayWriteOnlyAccess", 22, "xray:PutTraceSegments"),
		   SL_MANAGED_UNKNOWN);
	assert_int(sl_managed_allows("AWSXrayWriteOnlyAccess", 22, "xray:PutTraceSegments"),
		   SL_MANAGED_YES);
	/* NotAction: PowerUserAccess allows all but IAM, Organizations and Account */
	assert_int(sl_managed_allows("PowerUserAccess", 15, "xray:PutTelemetryRecords"),
		   SL_MANAGED_YES);
	assert_int(sl_managed_allows("AdministratorAccess", 19, "ec2:DescribeNetworkInterfaces"),
		   SL_MANAGED_YES);
	/* under a Condition: may */
	const char *sig = "CloudWatchLambdaApplicationSignalsExecutionRolePolicy";
	assert_int(sl_managed_allows(sig, strlen(sig), "xray:PutTraceSegments"), SL_MANAGED_UNKNOWN);
	/* a Deny of everything: may (a Deny is never read as a grant or its absence) */
	assert_int(sl_managed_allows("AWSDenyAll", 10, "xray:PutTraceSegments"), SL_MANAGED_UNKNOWN);

	size_t nl = 0;
	const char *a = "arn:aws:iam::aws:policy/service-role/AWSLambdaRole";
	const char *n = sl_managed_arn_name(a, strlen(a), false, &nl);
	assert_true(n && nl == strlen("service-role/AWSLambdaRole") && n == a + 24);
	const char *sub = "arn:${AWS::Partition}:iam::aws:policy/ReadOnlyAccess";
	assert_true(sl_managed_arn_name(sub, strlen(sub), true, &nl) && nl == 14);
	assert_true(!sl_managed_arn_name(sub, strlen(sub), false, &nl));
	const char *cn = "arn:aws-cn:iam::aws:policy/ReadOnlyAccess";
	assert_true(!sl_managed_arn_name(cn, strlen(cn), true, &nl));
	const char *var = "arn:${AWS::Partition}:iam::aws:policy/${Name}";
	assert_true(!sl_managed_arn_name(var, strlen(var), true, &nl));
	const char *own = "arn:aws:iam::123456789012:policy/Mine";
	assert_true(!sl_managed_arn_name(own, strlen(own), false, &nl));
	assert_true(!sl_managed_arn_name("arn:aws:iam::aws:policy/", 24, false, &nl));
}

int main(void)
{
	test_every_action_is_found();
	test_lookups();
	test_glob();
	test_arn_shape();
	test_managed();
	return test_result();
}
