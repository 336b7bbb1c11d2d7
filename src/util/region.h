/*
 * AWS Region codes and the partition each belongs to, for -r/--regions, the
 * configuration's and a template's `regions`, and the rules that judge a
 * template once per Region (docs/regions.md). A table compiled in: no
 * allocation, no state. Region names are plain lowercase ASCII.
 */
#ifndef SL_UTIL_REGION_H
#define SL_UTIL_REGION_H

#include <stdbool.h>
#include <stddef.h>

struct sl_region {
	const char *code;      /* "us-east-1" */
	const char *partition; /* "aws", "aws-cn", "aws-us-gov", ... */
};

/* The Region with that code (len bytes), or NULL when the table has none. */
const struct sl_region *sl_region_find(const char *code, size_t len);

/* Every Region of the table, in the table's order (by partition, then code);
 * *n gets their number. ALL_REGIONS means these. */
const struct sl_region *sl_region_all(size_t *n);

/* True when name (len bytes) is shaped like a Region code: two to four
 * lowercase letters, one or more groups of '-' and lowercase letters, then '-'
 * and digits ("us-east-1", "us-gov-west-1", "eusc-de-east-1"). */
bool sl_region_shaped(const char *name, size_t len);

/* The partition of a Region (len bytes): the table's, else the one its prefix
 * tells (cn- is aws-cn, us-gov- aws-us-gov, us-iso- aws-iso, us-isob-
 * aws-iso-b, eu-isoe- aws-iso-e, us-isof- aws-iso-f, eusc- aws-eusc, anything
 * else aws), so a Region newer than the table is still judged right. *known
 * (may be NULL) gets whether the table has the Region. Never NULL. */
const char *sl_region_partition(const char *code, size_t len, bool *known);

/* True when p (len bytes) is the name of a partition the table knows. */
bool sl_region_partition_known(const char *p, size_t len);

/* The Region an Availability Zone name (len bytes) belongs to: "us-east-1a"
 * and the Local Zone "us-west-2-lax-1a" give the length of "us-east-1" and
 * "us-west-2". Returns 0 when name is not shaped like a zone name (zone IDs
 * such as "use1-az1", words, a Region code alone). */
size_t sl_region_of_zone(const char *name, size_t len);

#endif
