/*
 * RDS ReplicaMode (AWS::RDS::DBInstance), shared by E3721 and W3699: the
 * engines that support it, Db2 and Oracle (RDS Custom for Oracle included).
 */
#ifndef SL_RULES_STORAGE_REPLICAMODE_H
#define SL_RULES_STORAGE_REPLICAMODE_H

#include <stdbool.h>
#include <strings.h>

#include "rules/storage/storage.h"

/* True when a literal Engine is one of Db2's or Oracle's. */
static inline bool sl_rds_replica_mode_engine(const struct sl_node *eng)
{
	return (eng->len >= 6 && strncasecmp(eng->str, "oracle", 6) == 0) ||
	       (eng->len >= 13 && strncasecmp(eng->str, "custom-oracle", 13) == 0) ||
	       (eng->len >= 3 && strncasecmp(eng->str, "db2", 3) == 0);
}

#endif
