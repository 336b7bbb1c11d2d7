/* RDS Enhanced Monitoring: the interval and the role that goes with it (E3689, E99611, E99610). */
#include "rules/storage/storage.h"

#include <string.h>

#define SL_RDS_INSTANCE "AWS::RDS::DBInstance"
#define SL_RDS_CLUSTER "AWS::RDS::DBCluster"

/* RDS Custom instances take no Enhanced Monitoring settings of this kind. */
static bool rds_custom(const struct sl_node *props)
{
	const struct sl_node *eng = sl_map_get(props, "Engine");
	return sl_node_is(eng, SL_SCALAR) && eng->len >= 7 && strncmp(eng->str, "custom-", 7) == 0;
}

/* Whether a property is given: 1 yes, 0 no, -1 cannot be known here (an Fn::If
 * one of whose branches drops it). */
static int presence(const struct sl_node *v)
{
	if (sl_sto_absent(v))
		return 0;
	const struct sl_node *k = sl_node_intrinsic(v);
	if (sl_str_eq(k, "Fn::If")) {
		const struct sl_node *a = v->pairs[0].value;
		if (!sl_node_is(a, SL_SEQ) || a->len != 3)
			return -1;
		int p1 = presence(a->items[1]), p2 = presence(a->items[2]);
		return p1 == p2 ? p1 : -1;
	}
	return 1;
}

void sl_rds_check_pairing(struct sl_ctx *c, const char *type)
{
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, type);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		if (!sl_samr_type_is(e, type) || !props || rds_custom(props) || sl_sto_props_open(props))
			continue;
		const struct sl_pair *rp = sl_map_get_pair(props, "MonitoringRoleArn");
		int role = presence(rp ? rp->value : NULL);
		long long iv;
		const struct sl_node *at;
		if (role < 0 || !sl_sto_int_prop(props, "MonitoringInterval", 0, &iv, &at))
			continue;
		if (role && iv == 0 && at)
			sl_report(c, at, "MonitoringInterval is 0 while MonitoringRoleArn is set: RDS requires "
				  "an interval other than 0 when a monitoring role is given, and rejects the "
				  "%s. Set MonitoringInterval to 1, 5, 10, 15, 30 or 60 to turn Enhanced "
				  "Monitoring on, or remove MonitoringRoleArn",
				  strcmp(type, SL_RDS_CLUSTER) == 0 ? "cluster" : "instance");
		else if (role && iv == 0)
			sl_report(c, rp->key, "MonitoringRoleArn is set but MonitoringInterval is not (it "
				  "defaults to 0): RDS requires an interval other than 0 when a monitoring "
				  "role is given. Set MonitoringInterval to 1, 5, 10, 15, 30 or 60, or remove "
				  "MonitoringRoleArn");
		else if (!role && iv > 0)
			sl_report(c, at, "MonitoringInterval %lld turns on Enhanced Monitoring, which needs "
				  "MonitoringRoleArn: RDS rejects a non-zero interval without the role that "
				  "lets it send the metrics to CloudWatch Logs. Add MonitoringRoleArn (a role "
				  "with the AmazonRDSEnhancedMonitoringRole policy, trusted by "
				  "monitoring.rds.amazonaws.com), or set MonitoringInterval to 0", iv);
	}
}

void sl_rds_check_interval(struct sl_ctx *c)
{
	static const long long allowed[] = {0, 1, 5, 10, 15, 30, 60};
	const struct sl_template *t = c->t;
	struct sl_samr_types tw;
	sl_samr_types_init(&tw, t, SL_RDS_INSTANCE, SL_RDS_CLUSTER);
	for (const struct sl_entity *e; (e = sl_samr_types_next(&tw));) {
		const struct sl_node *props = sl_samr_props(e);
		if (!(sl_samr_type_is(e, SL_RDS_INSTANCE) || sl_samr_type_is(e, SL_RDS_CLUSTER)) || !props ||
		    rds_custom(props))
			continue;
		long long iv;
		const struct sl_node *at;
		if (!sl_sto_int_prop(props, "MonitoringInterval", 0, &iv, &at) || !at)
			continue;
		bool ok = false;
		for (size_t k = 0; k < sizeof(allowed) / sizeof(allowed[0]); k++)
			ok = ok || iv == allowed[k];
		if (!ok)
			sl_report(c, at, "MonitoringInterval %lld is not an interval RDS accepts: use 0 (Enhanced "
				  "Monitoring off), 1, 5, 10, 15, 30 or 60 seconds", iv);
	}
}
