/*
 * Helpers shared by the rules on the files Elastic Beanstalk reads beside a
 * source bundle (rules/beanstalk/, E999xx/W999xx), here Dockerrun.aws.json's
 * (cron.yaml's are in cron.h, env.yaml's and .ebextensions' in ebconfig.h).
 * These rules run on the file's document root (c->root); there is no
 * template (c->t is NULL).
 */
#ifndef SL_RULES_BEANSTALK_EBFILES_H
#define SL_RULES_BEANSTALK_EBFILES_H

#include <stdbool.h>
#include <string.h>

#include "engine/engine.h"
#include "load/node.h"

#define SL_EB_DOC "https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/"
#define SL_EB_DOCKER_V1_DOC SL_EB_DOC "create_deploy_docker_image.html"
#define SL_EB_DOCKER_V2_DOC SL_EB_DOC "create_deploy_docker_v2config.html"

/* The AWSEBDockerrunVersion of a Dockerrun.aws.json root, 1, 2 or 3, written
 * as a string or a number; 0 when it is absent or another value. */
static inline int sl_eb_dockerrun_version(const struct sl_node *root)
{
	const struct sl_node *v = sl_map_get(root, "AWSEBDockerrunVersion");
	if (!sl_node_is(v, SL_SCALAR) || v->len != 1 || v->str[0] < '1' || v->str[0] > '3')
		return 0;
	return v->str[0] - '0';
}

/* printf arguments "%.*s" for a scalar node, "" for anything else. */
#define SL_EB_STR(n) (sl_node_is((n), SL_SCALAR) ? (int)(n)->len : 0), \
	(sl_node_is((n), SL_SCALAR) ? (n)->str : "")

/* The node to report a missing key of mapping `map` at: its first key, or
 * the mapping itself when it is empty. */
static inline const struct sl_node *sl_eb_anchor(const struct sl_node *map)
{
	return sl_node_is(map, SL_MAP) && map->len ? map->pairs[0].key : map;
}

/* "list", "mapping" or "single value": what n is, for messages. */
static inline const char *sl_eb_what(const struct sl_node *n)
{
	return sl_node_is(n, SL_SEQ) ? "list" : sl_node_is(n, SL_MAP) ? "mapping" : "single value";
}

#endif
