/* E3026: a Valkey/Redis OSS replication group in cluster mode has automatic failover.
 *
 * An AWS::ElastiCache::ReplicationGroup whose CacheParameterGroupName is a Ref
 * to an AWS::ElastiCache::ParameterGroup of the template with the parameter
 * cluster-enabled set to 'yes' runs in cluster mode. The ElastiCache API
 * reference (CreateReplicationGroup) says AutomaticFailoverEnabled must be
 * enabled for cluster mode enabled replication groups, and that with automatic
 * failover NumCacheClusters must be at least 2. Reported: AutomaticFailoverEnabled
 * false, and NumCacheClusters of 1 or less when the shards are not sized another
 * way (NumNodeGroups, ReplicasPerNodeGroup, NodeGroupConfiguration absent).
 * Fn::If is followed when the template's choices hang on one condition only;
 * the group is judged once for each value of that condition. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"

#define IF_DEPTH 8

/* The condition name of n when it is {"Fn::If": [name, a, b]}, else NULL. */
static const struct sl_node *if_cond(const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k || !sl_str_eq(k, "Fn::If"))
		return NULL;
	const struct sl_node *args = n->pairs[0].value;
	if (!sl_node_is(args, SL_SEQ) || args->len != 3 || !sl_node_is(args->items[0], SL_SCALAR))
		return NULL;
	return args->items[0];
}

static bool same_str(const struct sl_node *a, const struct sl_node *b)
{
	return a && b && a->len == b->len && memcmp(a->str, b->str, a->len) == 0;
}

/* Collects the condition names of the Fn::If calls in n (nested ones too) into
 * *cond; false when a second, different name appears. */
static bool collect(const struct sl_node *n, const struct sl_node **cond, int depth)
{
	const struct sl_node *c = if_cond(n);
	if (!c)
		return true;
	if (depth > IF_DEPTH)
		return false;
	if (*cond && !same_str(*cond, c))
		return false;
	*cond = c;
	const struct sl_node *args = n->pairs[0].value;
	return collect(args->items[1], cond, depth + 1) && collect(args->items[2], cond, depth + 1);
}

/* n with every Fn::If on cond taken down branch val (0 true, 1 false). */
static const struct sl_node *pick(const struct sl_node *n, const struct sl_node *cond, int val)
{
	for (int d = 0; d <= IF_DEPTH; d++) {
		const struct sl_node *c = if_cond(n);
		if (!c)
			return n;
		if (!cond || !same_str(c, cond))
			return NULL;
		n = n->pairs[0].value->items[1 + val];
	}
	return NULL;
}

/* The ParameterGroup resource n names with a Ref, or NULL. */
static const struct sl_entity *param_group(struct sl_ctx *c, const struct sl_node *n)
{
	const struct sl_node *k = sl_node_intrinsic(n);
	if (!k || !sl_str_eq(k, "Ref"))
		return NULL;
	const struct sl_node *name = n->pairs[0].value;
	if (!sl_node_is(name, SL_SCALAR))
		return NULL;
	const struct sl_entity *e = sl_index_find(&c->t->resources, name->str, name->len);
	if (!e || !sl_str_eq(e->type, "AWS::ElastiCache::ParameterGroup"))
		return NULL;
	return e;
}

/* cluster-enabled of a parameter group's Properties.Properties, or NULL. */
static const struct sl_node *cluster_param(const struct sl_entity *pg)
{
	const struct sl_node *props = sl_map_get(pg->value, "Properties");
	const struct sl_node *params = sl_map_get(props, "Properties");
	if (!sl_node_is(params, SL_MAP) || sl_node_intrinsic(params))
		return NULL;
	return sl_map_get(params, "cluster-enabled");
}

static bool is_false(const struct sl_node *n)
{
	if (!sl_node_is(n, SL_SCALAR) || sl_node_intrinsic(n))
		return false;
	return sl_scalar_bool(n) == 0 || (n->len == 5 && strncasecmp(n->str, "false", 5) == 0);
}

/* A literal integer at most 1 (its value in *v). */
static bool at_most_one(const struct sl_node *n, long *v)
{
	if (!sl_node_is(n, SL_SCALAR) || n->len == 0 || n->len > 9)
		return false;
	char *end;
	long x = strtol(n->str, &end, 10);
	if (*end != '\0')
		return false;
	*v = x;
	return x <= 1;
}

static const char *when(struct sl_ctx *c, const struct sl_node *cond, int val)
{
	if (!cond)
		return "";
	return sl_arena_printf(c->arena, " (when condition %s is %s)", cond->str,
			       val == 0 ? "true" : "false");
}

static void check_group(struct sl_ctx *c, const struct sl_entity *e, const struct sl_node *props)
{
	const struct sl_node *cpg = sl_map_get(props, "CacheParameterGroupName");
	if (!cpg)
		return;
	const struct sl_node *afe = sl_map_get(props, "AutomaticFailoverEnabled");
	const struct sl_node *ncc = sl_map_get(props, "NumCacheClusters");
	bool sized = sl_map_get(props, "NumNodeGroups") || sl_map_get(props, "ReplicasPerNodeGroup") ||
		     sl_map_get(props, "NodeGroupConfiguration");
	const struct sl_node *cond = NULL;
	if (!collect(cpg, &cond, 0) || !collect(afe, &cond, 0) || !collect(ncc, &cond, 0))
		return;
	/* the parameter groups it may name add their cluster-enabled choices */
	for (int val = 0; val < 2; val++) {
		const struct sl_entity *pg = param_group(c, pick(cpg, cond, val));
		if (pg && !collect(cluster_param(pg), &cond, 0))
			return;
		if (!cond)
			break;
	}
	const struct sl_node *done[2] = { NULL, NULL };
	for (int val = 0; val < (cond ? 2 : 1); val++) {
		const struct sl_node *ref = pick(cpg, cond, val);
		const struct sl_entity *pg = param_group(c, ref);
		if (!pg)
			continue;
		const struct sl_node *ce = pick(cluster_param(pg), cond, val);
		if (!sl_node_is(ce, SL_SCALAR) || !sl_str_eq(ce, "yes"))
			continue;
		const struct sl_node *f = pick(afe, cond, val);
		if (f && is_false(f) && f != done[0]) {
			done[0] = f;
			sl_report(c, f, "replication group %s uses parameter group %s, which sets "
				  "cluster-enabled to 'yes' (cluster mode), and sets AutomaticFailoverEnabled "
				  "to false%s: ElastiCache requires automatic failover for a cluster mode "
				  "enabled replication group; set AutomaticFailoverEnabled to true, or use a "
				  "parameter group without cluster mode", e->key->str, pg->key->str,
				  when(c, cond, val));
		}
		long v;
		const struct sl_node *n = pick(ncc, cond, val);
		if (!sized && n && at_most_one(n, &v) && n != done[1]) {
			done[1] = n;
			sl_report(c, n, "replication group %s sets NumCacheClusters to %ld in cluster mode "
				  "(parameter group %s sets cluster-enabled to 'yes')%s: cluster mode needs "
				  "automatic failover, and with automatic failover NumCacheClusters must be at "
				  "least 2; set it to 2 or more, or size the shards with NumNodeGroups and "
				  "ReplicasPerNodeGroup", e->key->str, v, pg->key->str, when(c, cond, val));
		}
	}
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::ElastiCache::ReplicationGroup",
					   strlen("AWS::ElastiCache::ReplicationGroup"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		const struct sl_node *props = sl_map_get(e->value, "Properties");
		if (!sl_node_is(props, SL_MAP) || sl_node_intrinsic(props))
			continue;
		check_group(c, e, props);
	}
}

const struct sl_rule rule_E3026 = {
	.id = "E3026",
	.severity = SL_SEV_ERROR,
	.title = "ElastiCache replication groups in cluster mode have automatic failover",
	.source = "https://docs.aws.amazon.com/AmazonElastiCache/latest/APIReference/API_CreateReplicationGroup.html",
	.doc =
	"### What it checks\n"
	"An `AWS::ElastiCache::ReplicationGroup` whose `CacheParameterGroupName` is a `Ref` to an "
	"`AWS::ElastiCache::ParameterGroup` in the template that sets `cluster-enabled` to `yes` "
	"runs in cluster mode. Such a group does not set `AutomaticFailoverEnabled` to `false`, and, "
	"when its shards are not sized with `NumNodeGroups`, `ReplicasPerNodeGroup` or "
	"`NodeGroupConfiguration`, does not set `NumCacheClusters` to 1 or less: with automatic "
	"failover `NumCacheClusters` must be at least 2 (CreateReplicationGroup).\n"
	"\n"
	"An `Fn::If` in these properties or in `cluster-enabled` is followed when all of them "
	"depend on a single condition; the group is judged for each value of that condition. "
	"Parameter groups outside the template, parameters and other functions are not judged.\n"
	"\n"
	"### Why it matters\n"
	"ElastiCache requires automatic failover for a cluster mode enabled Valkey or Redis OSS "
	"replication group and rejects the request, so the resource fails to create and the stack "
	"rolls back.\n"
	"\n"
	"### Bad\n"
	"```yaml\n"
	"  ClusterParams:\n"
	"    Type: AWS::ElastiCache::ParameterGroup\n"
	"    Properties:\n"
	"      CacheParameterGroupFamily: redis7\n"
	"      Description: cluster mode\n"
	"      Properties:\n"
	"        cluster-enabled: 'yes'\n"
	"  Cache:\n"
	"    Type: AWS::ElastiCache::ReplicationGroup\n"
	"    Properties:\n"
	"      ReplicationGroupDescription: cache\n"
	"      CacheParameterGroupName: !Ref ClusterParams\n"
	"      AutomaticFailoverEnabled: false\n"
	"      NumNodeGroups: 2\n"
	"```\n"
	"\n"
	"### Good\n"
	"```yaml\n"
	"  Cache:\n"
	"    Type: AWS::ElastiCache::ReplicationGroup\n"
	"    Properties:\n"
	"      ReplicationGroupDescription: cache\n"
	"      CacheParameterGroupName: !Ref ClusterParams\n"
	"      AutomaticFailoverEnabled: true\n"
	"      NumNodeGroups: 2\n"
	"      ReplicasPerNodeGroup: 1\n"
	"```\n",
	.check = check,
};
