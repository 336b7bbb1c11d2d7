/* E3695: an ElastiCache cluster's engine is one ElastiCache runs, and its
 * engine version is one of that engine's. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "engine/engine.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* The ElastiCache API Reference, CreateCacheCluster: "All nodes in the cluster
 * run the same protocol-compliant cache engine software, either Memcached,
 * Valkey or Redis OSS" (engine names memcached, valkey, redis). The versions
 * ElastiCache supports (supported-engine-versions.html): Memcached's are all
 * 1.x (1.4.5 to 1.6.x); Valkey's start at 7.2. Which versions ElastiCache still
 * offers changes with every release and is not judged. */
static const char *const engines[] = { "memcached", "redis", "valkey" };

static bool literal(const struct sl_ctx *c, const struct sl_node *v)
{
	return v && v->kind == SL_SCALAR && !sl_node_tag(v) && v->len > 0 && !memchr(v->str, '\0', v->len) &&
	       !sl_langext_varies(c->t->lx, v);
}

/* major and minor of a version "M", "M.m" or "M.m.p" (digits only), else false */
static bool version(const struct sl_node *v, long *major, long *minor)
{
	const char *s = v->str;
	char *end;
	if (s[0] < '0' || s[0] > '9')
		return false;
	*major = strtol(s, &end, 10);
	*minor = 0;
	if (*end == '.') {
		if (end[1] < '0' || end[1] > '9')
			return false;
		*minor = strtol(end + 1, &end, 10);
		if (*end == '.') {
			if (end[1] < '0' || end[1] > '9')
				return false;
			strtol(end + 1, &end, 10);
		}
	}
	return *end == '\0';
}

static void judge(struct sl_ctx *c, const struct sl_node *props)
{
	const struct sl_node *eng = sl_map_get(props, "Engine");
	if (!literal(c, eng) || sl_scalar_type(eng) != SL_TYPE_STRING)
		return;
	const char *name = NULL;
	for (size_t i = 0; i < N(engines); i++)
		if (strlen(engines[i]) == eng->len && strncasecmp(engines[i], eng->str, eng->len) == 0)
			name = engines[i];
	if (!name) {
		const char *sug = sl_suggest(eng->str, eng->len, engines, N(engines));
		sl_report(c, eng, "'%s' is not an engine of ElastiCache clusters: ElastiCache runs "
			  "memcached, redis and valkey%s%s%s", eng->str, sug ? "; did you mean '" : "",
			  sug ? sug : "", sug ? "'?" : "");
		return;
	}
	const struct sl_node *ver = sl_map_get(props, "EngineVersion");
	long major, minor;
	if (!literal(c, ver) || !version(ver, &major, &minor))
		return;
	if (strcmp(name, "memcached") == 0 && major != 1)
		sl_report(c, ver, "'%s' is not a version of the memcached engine: ElastiCache's Memcached "
			  "versions are 1.x (1.4.5 to 1.6.x); write a Memcached version, or the engine the "
			  "version belongs to", ver->str);
	else if (strcmp(name, "valkey") == 0 && (major < 7 || (major == 7 && minor < 2)))
		sl_report(c, ver, "'%s' is not a version of the valkey engine: ElastiCache's Valkey "
			  "versions start at 7.2; write a Valkey version, or the redis engine for Redis OSS "
			  "%s", ver->str, ver->str);
}

static void check(struct sl_ctx *c)
{
	const struct sl_template *t = c->t;
	const uint32_t *idx;
	size_t n_idx = sl_template_of_type(t, "AWS::ElastiCache::CacheCluster",
					   strlen("AWS::ElastiCache::CacheCluster"), &idx);
	for (size_t i = 0; i < n_idx; i++) {
		const struct sl_entity *e = &t->resources.items[idx[i]];
		const struct sl_node *p = sl_map_get(e->value, "Properties");
		if (p && p->kind == SL_MAP && !sl_node_intrinsic(p))
			judge(c, p);
	}
}

const struct sl_rule rule_E3695 = {
	.id = "E3695",
	.severity = SL_SEV_ERROR,
	.title = "ElastiCache cluster engines and engine versions go together",
	.source = "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/supported-engine-versions.html",
	.doc =
	"### What it checks\n"
	"A literal `Engine` of an `AWS::ElastiCache::CacheCluster` is one ElastiCache runs: "
	"`memcached`, `redis` (Redis OSS) or `valkey`, compared without regard to case "
	"(`memcache` is reported, with `memcached` as the fix). A literal `EngineVersion` is then "
	"one of that engine's: Memcached's versions are all 1.x (1.4.5 to 1.6.x), so `memcached` "
	"with `7.1` is reported; Valkey's start at 7.2, so `valkey` with `6.2` is reported. Which "
	"versions ElastiCache still offers for new clusters changes with every release and is not "
	"judged (stacklint has no AWS data of it), nor are Redis OSS versions, values from "
	"parameters or functions, or an `Fn::If`.\n\n"
	"### Why it matters\n"
	"ElastiCache rejects an engine it does not run, or a version the engine does not have "
	"(`InvalidParameterValue`), when CloudFormation creates the cluster, and the stack rolls "
	"back.\n\n"
	"### Bad\n"
	"```yaml\n"
	"  Cache:\n"
	"    Type: AWS::ElastiCache::CacheCluster\n"
	"    Properties:\n"
	"      Engine: memcached\n"
	"      EngineVersion: \"7.1\"\n"
	"      CacheNodeType: cache.t3.micro\n"
	"      NumCacheNodes: 1\n"
	"```\n\n"
	"### Good\n"
	"```yaml\n"
	"  Cache:\n"
	"    Type: AWS::ElastiCache::CacheCluster\n"
	"    Properties:\n"
	"      Engine: memcached\n"
	"      EngineVersion: 1.6.22\n"
	"      CacheNodeType: cache.t3.micro\n"
	"      NumCacheNodes: 1\n"
	"```\n",
	.check = check,
};
