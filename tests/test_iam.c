/*
 * IAM data and model unit tests: the compiled-in service authorization data
 * (src/spec/iam.c) finds every action it holds by name in any case (which
 * checks the blob's sort order against the reader's binary search), knows
 * the resource types of a few actions, and the IAM rules' action glob
 * (rules/iam/iam.c) matches as IAM does.
 */
#include <ctype.h>
#include <stdlib.h>

#include "rules/iam/iam.h"
#include "spec/iam.h"
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

int main(void)
{
	test_every_action_is_found();
	test_lookups();
	test_glob();
	test_arn_shape();
	return test_result();
}
