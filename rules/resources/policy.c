/* DeletionPolicy / UpdateReplacePolicy values, and where Snapshot is possible. */
#include "rules/resources/policy.h"

#include <string.h>

#include "util/buf.h"

/* AWS's list of resource types that support the Snapshot policy. */
static const char *const snapshot_types[] = {
	"AWS::DocDB::DBCluster", "AWS::EC2::Volume", "AWS::ElastiCache::CacheCluster",
	"AWS::ElastiCache::ReplicationGroup", "AWS::ElastiCache::ServerlessCache",
	"AWS::MemoryDB::Cluster", "AWS::Neptune::DBCluster", "AWS::RDS::DBCluster",
	"AWS::RDS::DBInstance", "AWS::Redshift::Cluster", NULL,
};

void sl_check_policy(struct sl_ctx *c, const char *attr, const char *const *allowed)
{
	const struct sl_template *t = c->t;
	for (size_t i = 0; i < t->resources.n; i++) {
		const struct sl_entity *e = &t->resources.items[i];
		const struct sl_node *v = sl_map_get(e->value, attr);
		if (!v || sl_node_intrinsic(v))
			continue; /* a parameter or condition chooses it: cannot judge */
		if (v->kind != SL_SCALAR) {
			sl_report(c, v, "%s must be a string", attr);
			continue;
		}
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			if (sl_str_eq(v, *a))
				ok = true;
		if (!ok) {
			struct sl_buf b = SL_BUF_INIT;
			for (const char *const *a = allowed; *a; a++)
				sl_buf_printf(&b, "%s%s", a == allowed ? "" : ", ", *a);
			sl_report(c, v, "'%s' is not a%s %s; use one of %s", v->str,
				  strchr("AEIOU", attr[0]) ? "n" : "", attr, sl_buf_cstr(&b));
			sl_buf_free(&b);
			continue;
		}
		if (sl_str_eq(v, "Snapshot") && e->type) {
			bool snap = false;
			for (const char *const *s = snapshot_types; *s; s++)
				if (sl_str_eq(e->type, *s))
					snap = true;
			if (!snap)
				sl_report(c, v, "%s Snapshot is not supported by %s (only by database, cache "
					  "and volume types such as AWS::RDS::DBInstance and AWS::EC2::Volume)",
					  attr, e->type->str);
		}
	}
}
