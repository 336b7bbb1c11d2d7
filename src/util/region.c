/*
 * The table of AWS Region codes and their partitions (region.h).
 *
 * Source: the AWS General Reference, "AWS Regions"
 * (https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html,
 * and "Regional endpoints", https://docs.aws.amazon.com/general/latest/gr/rande.html)
 * for the Region codes, and "Identify AWS resources with Amazon Resource Names"
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html) for the
 * partitions: aws (AWS Regions), aws-cn (China Regions), aws-us-gov (AWS
 * GovCloud (US) Regions). The isolated partitions (aws-iso, aws-iso-b,
 * aws-iso-e, aws-iso-f) and the AWS European Sovereign Cloud (aws-eusc) are
 * those the AWS SDKs' partition data name. A Region missing here is still
 * accepted (sl_region_partition() reads its prefix).
 */
#include "util/region.h"

#include <string.h>

/* Sorted by partition, then code; the codes are unique. */
static const struct sl_region regions[] = {
	{ "af-south-1", "aws" },
	{ "ap-east-1", "aws" },
	{ "ap-east-2", "aws" },
	{ "ap-northeast-1", "aws" },
	{ "ap-northeast-2", "aws" },
	{ "ap-northeast-3", "aws" },
	{ "ap-south-1", "aws" },
	{ "ap-south-2", "aws" },
	{ "ap-southeast-1", "aws" },
	{ "ap-southeast-2", "aws" },
	{ "ap-southeast-3", "aws" },
	{ "ap-southeast-4", "aws" },
	{ "ap-southeast-5", "aws" },
	{ "ap-southeast-6", "aws" },
	{ "ap-southeast-7", "aws" },
	{ "ca-central-1", "aws" },
	{ "ca-west-1", "aws" },
	{ "eu-central-1", "aws" },
	{ "eu-central-2", "aws" },
	{ "eu-north-1", "aws" },
	{ "eu-south-1", "aws" },
	{ "eu-south-2", "aws" },
	{ "eu-west-1", "aws" },
	{ "eu-west-2", "aws" },
	{ "eu-west-3", "aws" },
	{ "il-central-1", "aws" },
	{ "me-central-1", "aws" },
	{ "me-south-1", "aws" },
	{ "mx-central-1", "aws" },
	{ "sa-east-1", "aws" },
	{ "us-east-1", "aws" },
	{ "us-east-2", "aws" },
	{ "us-west-1", "aws" },
	{ "us-west-2", "aws" },
	{ "cn-north-1", "aws-cn" },
	{ "cn-northwest-1", "aws-cn" },
	{ "us-gov-east-1", "aws-us-gov" },
	{ "us-gov-west-1", "aws-us-gov" },
	{ "us-iso-east-1", "aws-iso" },
	{ "us-iso-west-1", "aws-iso" },
	{ "us-isob-east-1", "aws-iso-b" },
	{ "eu-isoe-west-1", "aws-iso-e" },
	{ "us-isof-east-1", "aws-iso-f" },
	{ "us-isof-south-1", "aws-iso-f" },
	{ "eusc-de-east-1", "aws-eusc" },
};

#define N_REGIONS (sizeof(regions) / sizeof(regions[0]))

/* Prefixes that name a partition other than aws, longest first where one is
 * a prefix of another (us-isob- before us-iso-). */
static const struct {
	const char *prefix, *partition;
} prefixes[] = {
	{ "cn-", "aws-cn" },
	{ "us-gov-", "aws-us-gov" },
	{ "us-isob-", "aws-iso-b" },
	{ "us-isof-", "aws-iso-f" },
	{ "us-iso-", "aws-iso" },
	{ "eu-isoe-", "aws-iso-e" },
	{ "eusc-", "aws-eusc" },
};

static const char *const partitions[] = { "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b",
					  "aws-iso-e", "aws-iso-f", "aws-eusc" };

const struct sl_region *sl_region_find(const char *code, size_t len)
{
	for (size_t i = 0; i < N_REGIONS; i++)
		if (strlen(regions[i].code) == len && memcmp(regions[i].code, code, len) == 0)
			return &regions[i];
	return NULL;
}

const struct sl_region *sl_region_all(size_t *n)
{
	*n = N_REGIONS;
	return regions;
}

static bool lower(char ch)
{
	return ch >= 'a' && ch <= 'z';
}

static bool digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* The length of the Region-shaped prefix of s (len bytes), or 0. */
static size_t region_prefix(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && lower(s[i]))
		i++;
	if (i < 2 || i > 4)
		return 0;
	size_t groups = 0;
	while (i + 1 < len && s[i] == '-') {
		size_t j = i + 1;
		if (lower(s[j])) {
			while (j < len && lower(s[j]))
				j++;
			groups++;
			i = j;
			continue;
		}
		if (!digit(s[j]) || !groups)
			return 0;
		while (j < len && digit(s[j]))
			j++;
		return j;
	}
	return 0;
}

bool sl_region_shaped(const char *name, size_t len)
{
	return len && region_prefix(name, len) == len;
}

const char *sl_region_partition(const char *code, size_t len, bool *known)
{
	const struct sl_region *r = sl_region_find(code, len);
	if (known)
		*known = r != NULL;
	if (r)
		return r->partition;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t pl = strlen(prefixes[i].prefix);
		if (len > pl && memcmp(code, prefixes[i].prefix, pl) == 0)
			return prefixes[i].partition;
	}
	return "aws";
}

bool sl_region_partition_known(const char *p, size_t len)
{
	for (size_t i = 0; i < sizeof(partitions) / sizeof(partitions[0]); i++)
		if (strlen(partitions[i]) == len && memcmp(partitions[i], p, len) == 0)
			return true;
	return false;
}

size_t sl_region_of_zone(const char *name, size_t len)
{
	size_t r = region_prefix(name, len);
	if (!r || r == len)
		return 0;
	/* an Availability Zone: the Region and one letter */
	if (r + 1 == len)
		return lower(name[r]) ? r : 0;
	/* a Local Zone: the Region, '-', a location, '-', digits, one letter */
	size_t i = r;
	if (name[i++] != '-' || i >= len || !lower(name[i]))
		return 0;
	while (i < len && lower(name[i]))
		i++;
	if (i >= len || name[i++] != '-' || i >= len || !digit(name[i]))
		return 0;
	while (i < len && digit(name[i]))
		i++;
	return i + 1 == len && lower(name[i]) ? r : 0;
}
