/* Instance type tables (generated into itypes_data.c from the AWS SDK's API
 * enums by tools/update-instance-types.sh) and the walk the instance type
 * rules (E3628, E3641, E3675, E3640, E3642-E3644, E3652, E3653) share. */
#ifndef SL_RULES_RESOURCES_ITYPES_H
#define SL_RULES_RESOURCES_ITYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	ITYPE_EC2 = 1,             /* the EC2 API's InstanceType enum */
	ITYPE_GAMELIFT = 2,        /* the GameLift API's EC2InstanceType enum */
	ITYPE_SM_PROCESSING = 4,   /* SageMaker's ProcessingInstanceType */
	ITYPE_SM_HOSTING = 8,      /* SageMaker's ProductionVariantInstanceType */
	ITYPE_SM_TRANSFORM = 16,   /* SageMaker's TransformInstanceType */
	ITYPE_SM_CLUSTER = 32,     /* SageMaker's ClusterInstanceType */
	ITYPE_ES = 64,             /* the Elasticsearch Service API's ESPartitionInstanceType */
	ITYPE_OPENSEARCH = 128,    /* OpenSearch Service's OpenSearchPartitionInstanceType */
};

/* The generated table: sl_n_itypes names, sorted by strcmp, the i-th at
 * sl_itype_names + sl_itype_off[i] (NUL-terminated), with its enum bits in
 * sl_itype_flags[i]. */
extern const char sl_itype_names[];
extern const uint16_t sl_itype_off[];
extern const uint16_t sl_itype_flags[];
extern const size_t sl_n_itypes;

/* True when the len bytes at s are an instance type of a set of `set`. */
bool sl_itype_in(const char *s, size_t len, unsigned set);

/* True when some instance type of a set of `set` is of family fam (the fam_len
 * bytes before the first dot, "m5" of "m5.large"). */
bool sl_itype_family_known(const char *fam, size_t fam_len, unsigned set);

/* Lower-cases the len bytes at s into buf (of size cap), NUL-terminated.
 * Returns false, buf left undefined, when len is 0, the bytes do not fit
 * with the NUL, or they hold a NUL. Shared with the RDS and ElastiCache value
 * rules (E3667, E3690, E3691), which compare in lower case too. */
bool sl_itype_lower(char *buf, size_t cap, const char *s, size_t len);

struct sl_ctx;
struct sl_node;

/* Where a resource type names an instance type: a path below Properties, "*"
 * standing for every item of a list. */
struct sl_itype_site {
	const char *type;
	const char *path[8]; /* NULL-terminated */
};

/* Calls judge for every literal string at the sites of resources of the
 * template (both branches of an Fn::If whose branches are both literal): site
 * by site, each site's resources in source order, so judge keeps no state that
 * depends on the order of the calls. */
void sl_itype_walk(struct sl_ctx *c, const struct sl_itype_site *sites, size_t n,
		   void (*judge)(struct sl_ctx *c, const struct sl_node *v));

/* Reports v, a literal string, when it is not an instance type of `set` but
 * its family (the text before the first dot, compared in lower case) is one
 * the set knows; a family the set does not know is left alone (it may be
 * newer than the data). `what` names the kind of value ("an EC2 instance
 * type"), `api` the source of the data ("EC2 API"). */
void sl_itype_check(struct sl_ctx *c, const struct sl_node *v, unsigned set, const char *what,
		    const char *api);

/* As sl_itype_check, for a set whose names all start with prefix ("ml." of
 * "ml.m5.large") and end with suffix (".search" of "m5.large.search"), either
 * of which may be "": the family is the prefix and the text up to the next
 * dot ("ml.m5"). A value without the prefix or with another suffix is
 * reported when the prefix added or the suffix put in place gives a name of
 * the set ("m5.large" for "ml.m5.large"); else as sl_itype_check. */
void sl_itype_check_affixed(struct sl_ctx *c, const struct sl_node *v, unsigned set,
			    const char *prefix, const char *suffix, const char *what,
			    const char *api);

/* Reports v, a literal string, when it is a DB instance class or node type
 * (prefix "db." or "cache.") that names a class type the EC2 data knows but
 * no size ("db.m6i"), or an EC2 instance type without the prefix
 * ("m5.large"). `what` names the kind of value ("an RDS DB instance class"). */
void sl_itype_check_prefixed(struct sl_ctx *c, const struct sl_node *v, const char *prefix,
			     const char *what);

/* The ElastiCache node type families (after "cache.") of the previous
 * generation, which ElastiCache no longer creates clusters of (defined in
 * I3100.c, which reports them as previous generation). */
extern const char *const sl_cache_previous[];
extern const size_t sl_n_cache_previous;

#endif
